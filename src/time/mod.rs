//! Reading times, dates, zones and durations the way people write them in postmortems.
//!
//! Strict parsers (jiff, chrono) reject most of what real incident write-ups contain:
//! `0640hrs`, `2:00 PM (GMT +2)`, `14:00 WAT`, `7:40: PM`. This module is a tolerant tokenizer
//! that finds those expressions, reports the broken ones in plain words, and hands clean values
//! to jiff, which does all the arithmetic.
//!
//! Entry points: [`scan`] for a block of text, [`zone_declaration`] for a heading or lead sentence
//! that sets the zone of a whole section, [`find_window`] for "from X to Y" phrasings, and the
//! helpers [`to_timestamp`] and [`humanize`].

pub(crate) use window::HEDGES;
mod clock;
mod date;
mod duration;
mod scan;
mod text;
mod window;
mod zones;

pub use std::ops::Range;

pub use date::broken_dates;
pub use duration::humanize;
pub use scan::scan;
pub use window::{Window, find_window};
pub use zones::{
    ConflictingZone, UnknownZone, ZoneKind, ZoneMention, Zones, conflicting_zone_after,
    format_offset, unknown_zone_after, unknown_zone_declaration, zone_declaration,
    zone_in_parentheses,
};

use jiff::civil::{Date, Time, Weekday};

/// The date for [`to_timestamp`] when a time has no date: any fixed day works for comparing
/// times of one day, and mid-January is weeks away from every DST transition. Its year is also
/// given to dates written without one ("Jun 19") when the text names no year at all.
pub const REFERENCE_DATE: Date = Date::constant(2000, 1, 15);

/// How the clock part was written; the rules use it to suggest fixes in the author's own style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockStyle {
    /// `14:05`, `14:05:09`, `14h05`
    H24,
    /// `2:05 PM`, `2pm`, `2:05 p.m.`, `12 noon`
    H12,
    /// `0640hrs`, `0640 hrs`, `1405Z`
    Military,
    /// `15.25` (only at the very start of a block, after list or emphasis markers, since in
    /// prose it is usually a version or a number; the timeline builder decides), `7.40pm`
    /// (anywhere).
    Dotted,
    /// `2024-06-19T14:05:00Z`, `2024-06-19 14:05`
    Iso,
}

/// "Monday, March 9, 2024" when March 9 is a Saturday: the author got either the weekday or the
/// date wrong, and a timeline rule cannot know which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekdayMismatch {
    pub written: Weekday,
    pub actual: Weekday,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimeMention {
    /// The whole expression, including a date and zone that belong to it.
    pub span: Range<usize>,
    /// The clock part only.
    pub time_span: Range<usize>,
    pub date: Option<Date>,
    /// False when the date was written without a year ("Jun 19"); its year was then borrowed
    /// from another date in the same text, or is [`REFERENCE_DATE`]'s.
    pub year_known: bool,
    pub time: Time,
    pub zone: Option<ZoneMention>,
    pub style: ClockStyle,
    pub weekday_mismatch: Option<WeekdayMismatch>,
    /// How the attached date's day and month were told apart.
    pub date_order: DateOrder,
}

/// How a date's day and month were told apart. `03/04/2024` is the 4th of March read month
/// first and the 3rd of April read day first; the document's other dates, or its zones,
/// decide which (see `document::timeline::resolve_date_order`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// A named month, ISO 8601, or equal day and month: one reading only.
    Fixed,
    /// `19/06/2024`: only day first can be read.
    DayFirst,
    /// `06/19/2024`: only month first can be read.
    MonthFirst,
    /// `03/04/2024`: `date` holds the month-first reading, this the day-first one.
    Either { day_first: Date },
    /// An [`DateOrder::Either`] date the document gives no way to read: it dates its entry,
    /// but is not used to order the timeline.
    Undecided,
}

/// A date with no time of day, such as a date sub-heading in a timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    pub span: Range<usize>,
    pub date: Date,
    /// See [`TimeMention::year_known`].
    pub year_known: bool,
    pub weekday_mismatch: Option<WeekdayMismatch>,
    pub order: DateOrder,
}

/// Something that is clearly meant as a time but is not a valid one.
#[derive(Clone, Debug, PartialEq)]
pub struct MalformedTime {
    pub span: Range<usize>,
    /// Plain words, e.g. "stray colon before PM".
    pub problem: String,
    /// The text the author most likely meant, e.g. "7:40 PM"; `None` when it cannot be guessed.
    pub suggestion: Option<String>,
    /// The time the suggestion stands for, so that an ordering rule can still place the entry.
    pub likely_time: Option<Time>,
    /// A zone written after the broken time ("13:15 PM (GMT +2)") still belongs to it.
    pub zone: Option<ZoneMention>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DurationMention {
    pub span: Range<usize>,
    pub duration: jiff::SignedDuration,
    /// "about 2 hours", "~2h", "over an hour": not to be compared to the minute.
    pub approximate: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scan {
    pub times: Vec<TimeMention>,
    pub dates: Vec<DateMention>,
    pub malformed: Vec<MalformedTime>,
    pub durations: Vec<DurationMention>,
    /// Zones not attached to any time (or malformed time).
    pub zones: Vec<ZoneMention>,
}

/// Resolves a wall-clock time to an instant. DST gaps and folds take jiff's "compatible"
/// choice (the later instant in a gap, the earlier in a fold), as a reader would assume.
/// `None` for an ambiguous abbreviation, which has no single instant.
/// The IANA time-zone database pmlint reads names from: the copy built into the binary, so
/// results are the same on every machine and start-up does not walk the system's zoneinfo
/// folder (measured: ~1,800 files stat'ed, more than all the linting of one file).
pub fn tzdb() -> &'static jiff::tz::TimeZoneDatabase {
    static DB: std::sync::LazyLock<jiff::tz::TimeZoneDatabase> =
        std::sync::LazyLock::new(jiff::tz::TimeZoneDatabase::bundled);
    &DB
}

pub fn to_timestamp(date: Date, time: Time, zone: &ZoneKind) -> Option<jiff::Timestamp> {
    let datetime = date.to_datetime(time);
    match zone {
        ZoneKind::Fixed(offset) => offset.to_timestamp(datetime).ok(),
        ZoneKind::Iana(name) => crate::time::tzdb()
            .get(name)
            .ok()?
            .to_timestamp(datetime)
            .ok(),
        ZoneKind::Ambiguous { .. } => None,
    }
}

#[cfg(test)]
mod tests;
