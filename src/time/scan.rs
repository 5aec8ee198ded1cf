//! Assembling clock tokens, dates and zones into mentions.

use std::sync::LazyLock;

use crate::pattern::Pattern;

use super::clock::{Clock, find_clocks};
use super::date::{FoundDate, find_dates};
use super::duration::find_durations;
use super::zones::{Placement, ZoneMention, Zones, find_zones, zone_at};
use super::{ClockStyle, DateMention, MalformedTime, Range, Scan, TimeMention};

/// What may stand between a time and its zone or date: "14:00 WAT", "**14:00** WAT",
/// "2:00 PM (GMT +2)", "14:00, June 19", "14:00 on June 19".
static GAP_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^[*_]*(?:\s*,\s*|\s*\(\s*|\s+)(?:on\s+)?[*_]*").expect("valid regex")
});
/// What may stand between a date and the time it dates: "June 19, 2024, 14:00",
/// "2024-06-19T14:05", "June 19 at 14:00", "**June 19** 14:00".
static GAP_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^(?:T|[*_]*\s*,?\s*(?:(?:at|@)\s+)?[*_]*)$").expect("valid regex")
});
/// The rest of a parenthesised zone: "(Africa/Lagos, GMT+1)" keeps the first zone and reads
/// past the second to the closing parenthesis.
/// The second item must look like a zone name or offset, so a time inside the parentheses is
/// never swallowed.
static PAREN_TAIL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^(?:\s*,\s*[A-Za-z][A-Za-z/_]*(?:\s?(?:[+\-]|−)\d{1,2}(?::?\d{2})?)?)?\s*\)")
        .expect("valid regex")
});

/// Finds every time, date, zone and duration in a block.
///
/// `text` is a block's raw Markdown in which code spans, URLs, link destinations and HTML are
/// already blanked with spaces, so spans are byte offsets into it.
///
/// - A date right before or after a time belongs to it; other dates are reported alone.
/// - A zone right after a time belongs to it. A zone written once after a range ("from 6:00 AM
///   to 7:50 PM GMT") is attached to the last time only; [`find_window`](super::find_window)
///   reports it as shared and the caller applies it.
/// - Dotted times ("15.25") count only at the very start of the block, see [`ClockStyle::Dotted`].
/// - A broken time is reported in `malformed` only, with the time it most likely means.
pub fn scan(text: &str, zones: &Zones) -> Scan {
    let dates = find_dates(text);
    let mut used = vec![false; dates.len()];
    let mut out = Scan::default();
    let mut consumed = 0;
    for clock in find_clocks(text, zones) {
        // "14:00 GMT -05:00": the offset's digits were already read as part of the zone.
        if clock.span().start < consumed {
            continue;
        }
        match clock {
            Clock::Valid { span, time, style } => {
                let mention = attach(text, zones, &dates, &mut used, span, time, style);
                consumed = mention.span.end;
                out.times.push(mention);
            }
            Clock::Broken {
                span,
                problem,
                suggestion,
                likely_time,
            } => {
                let (end, zone) = zone_after(text, span.end, zones).unzip();
                consumed = end.unwrap_or(span.end);
                out.malformed.push(MalformedTime {
                    span: span.start..end.unwrap_or(span.end),
                    problem,
                    suggestion,
                    likely_time,
                    zone,
                });
            }
        }
    }
    let mut taken: Vec<Range<usize>> = out
        .times
        .iter()
        .map(|t| t.span.clone())
        .chain(out.malformed.iter().map(|m| m.span.clone()))
        .collect();
    taken.sort_by_key(|span| span.start);
    out.dates = unattached_dates(dates, &used, &taken);
    out.zones = find_zones(text, zones)
        .into_iter()
        .filter(|z| !overlaps_any(&z.span, &taken))
        .collect();
    out.durations = find_durations(text)
        .into_iter()
        .filter(|d| !overlaps_any(&d.span, &taken))
        .collect();
    out
}

fn overlaps_any(span: &Range<usize>, others: &[Range<usize>]) -> bool {
    others
        .iter()
        .any(|o| o.start < span.end && span.start < o.end)
}

fn unattached_dates(
    dates: Vec<FoundDate>,
    used: &[bool],
    taken: &[Range<usize>],
) -> Vec<DateMention> {
    dates
        .into_iter()
        .zip(used)
        .filter(|(d, used)| !**used && !overlaps_any(&d.span, taken))
        .map(|(d, _)| DateMention {
            span: d.span,
            date: d.date,
            year_known: d.year_known,
            weekday_mismatch: d.weekday_mismatch,
        })
        .collect()
}

fn attach(
    text: &str,
    zones: &Zones,
    dates: &[FoundDate],
    used: &mut [bool],
    time_span: Range<usize>,
    time: jiff::civil::Time,
    style: ClockStyle,
) -> TimeMention {
    let mut span = time_span.clone();
    let mut date = date_before(text, dates, used, time_span.start);
    if let Some(i) = date {
        span.start = dates[i].span.start;
    }
    let mut zone = None;
    // Zone and date may follow in either order: "14:00 UTC on June 19", "17:18 April 29, 2023
    // (Africa/Lagos)".
    for _ in 0..2 {
        if zone.is_none()
            && let Some((end, z)) = zone_after(text, span.end, zones)
        {
            span.end = end;
            zone = Some(z);
        }
        if date.is_none()
            && let Some((end, i)) = date_after(text, dates, used, span.end)
        {
            span.end = end;
            date = Some(i);
        }
    }
    let found = date.map(|i| &dates[i]);
    let iso =
        found.is_some_and(|d| d.iso && d.span.end < time_span.start && style == ClockStyle::H24);
    TimeMention {
        span,
        time_span,
        date: found.map(|d| d.date),
        year_known: found.is_some_and(|d| d.year_known),
        time,
        zone,
        style: if iso { ClockStyle::Iso } else { style },
        weekday_mismatch: found.and_then(|d| d.weekday_mismatch),
    }
}

fn date_before(text: &str, dates: &[FoundDate], used: &mut [bool], start: usize) -> Option<usize> {
    let i = dates
        .partition_point(|d| d.span.end <= start)
        .checked_sub(1)?;
    let gap = text.get(dates[i].span.end..start)?;
    if used[i] || gap.len() > 12 || !GAP_BEFORE.is_match(gap) {
        return None;
    }
    used[i] = true;
    Some(i)
}

fn date_after(
    text: &str,
    dates: &[FoundDate],
    used: &mut [bool],
    end: usize,
) -> Option<(usize, usize)> {
    let gap = GAP_AFTER.find(text.get(end..)?)?;
    let start = end + gap.end();
    let i = dates.binary_search_by_key(&start, |d| d.span.start).ok()?;
    if used[i] {
        return None;
    }
    used[i] = true;
    let close = if gap.as_str().contains('(') {
        closing_paren(text, dates[i].span.end)
    } else {
        None
    };
    Some((close.unwrap_or(dates[i].span.end), i))
}

/// The zone right after position `end`, and where the zone expression ends (after a closing
/// parenthesis when the zone was opened by one).
fn zone_after(text: &str, end: usize, zones: &Zones) -> Option<(usize, ZoneMention)> {
    if let Some(zone) = zone_at(text, end, zones, Placement::Touching) {
        return Some((zone.span.end, zone));
    }
    let gap = GAP_AFTER.find(text.get(end..)?)?;
    if gap.as_str().contains("on") {
        return None;
    }
    let zone = zone_at(text, end + gap.end(), zones, Placement::AfterTime)?;
    let zone_end = if gap.as_str().contains('(') {
        closing_paren(text, zone.span.end).unwrap_or(zone.span.end)
    } else {
        zone.span.end
    };
    Some((zone_end, zone))
}

fn closing_paren(text: &str, from: usize) -> Option<usize> {
    PAREN_TAIL.find(text.get(from..)?).map(|m| from + m.end())
}
