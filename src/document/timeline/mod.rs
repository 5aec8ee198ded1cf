//! The time model: every time, date, zone and duration in the document read once, then the
//! timeline's entries and the summary's window and durations resolved against their context
//! (dates carried forward, zones from the entry, its column, its section, the front matter or
//! the config, and the late-evening → early-morning rollover).

pub mod date_order;
mod entries;
mod signals;
mod stated;
mod zones;

pub use stated::stated_duration;

use zones::{
    conflicting_zones, declaration_in, document_zone, section_zone, single_zone, unknown_zones,
    wrong_conversions,
};

use std::ops::Range;

use crate::tail::Tail;
use jiff::civil::{Date, DateTime, Time};

use super::{Block, BlockKind, Document};
use crate::config::{Role, Settings};
use crate::time::{
    self, ClockStyle, DurationMention, HEDGES, MalformedTime, REFERENCE_DATE, Scan, ZoneKind,
    ZoneMention,
};

/// Where a time's zone came from; rules name it in their messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneOrigin {
    /// Written on the time itself.
    Attached,
    /// A range's shared zone ("from 6:00 AM to 7:50 PM GMT").
    Range,
    /// A table column header ("Time (UTC)").
    Column,
    /// The section's heading or lead sentence ("Timeline (all times GMT)").
    Section,
    /// An earlier time in the same section.
    Carried,
    /// Front matter `timezone:`.
    FrontMatter,
    /// The one zone the document states anywhere (the detection contract: it applies to
    /// every zoneless time of the document).
    Document,
    /// Config `default-timezone`.
    Config,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ZoneRef {
    pub kind: ZoneKind,
    pub text: String,
    /// Where it is written, if in this document.
    pub span: Option<Range<usize>>,
    pub origin: ZoneOrigin,
}

impl ZoneRef {
    fn from_mention(m: &ZoneMention, origin: ZoneOrigin) -> ZoneRef {
        ZoneRef {
            kind: m.kind.clone(),
            text: m.text.clone(),
            span: Some(m.span.clone()),
            origin,
        }
    }
}

/// A time as the document states it, with the date and zone its context gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct TimePoint {
    pub span: Range<usize>,
    pub time_span: Range<usize>,
    pub time: Time,
    /// The date written with the time, if any.
    pub own_date: Option<Date>,
    /// The date used: own, carried from an earlier date, or the reference date.
    pub date: Date,
    /// Whether `date` is a real date from the document (not the reference date).
    pub date_known: bool,
    pub zone: Option<ZoneRef>,
    pub style: ClockStyle,
}

impl TimePoint {
    pub fn civil(&self) -> DateTime {
        self.date.to_datetime(self.time)
    }

    /// The instant, when the zone is known and unambiguous.
    pub fn instant(&self) -> Option<jiff::Timestamp> {
        let zone = self.zone.as_ref()?;
        time::to_timestamp(self.date, self.time, &zone.kind)
    }

    /// How far `later` is after `self`: by instants when both zones are known, else by wall
    /// clock (two times with no zone, or one, are read in the same zone).
    pub fn until(&self, later: &TimePoint) -> jiff::SignedDuration {
        match (self.instant(), later.instant()) {
            (Some(a), Some(b)) => b.duration_since(a),
            _ => later.civil().duration_since(self.civil()),
        }
    }

    /// How far `later` is after `self`, on the same day when either side has no real date
    /// (a summary without dates against a dated timeline).
    pub fn gap_to(&self, later: &TimePoint) -> jiff::SignedDuration {
        if self.date_known && later.date_known {
            return self.until(later);
        }
        let aligned = TimePoint {
            date: self.date,
            ..later.clone()
        };
        self.until(&aligned)
    }

    /// The whole expression as written (with its date and zone), for messages.
    pub fn written(&self, doc: &Document) -> String {
        doc.text(self.span.clone()).trim().to_string()
    }

    /// The time as written, for messages.
    pub fn label(&self, doc: &Document) -> String {
        doc.text(self.time_span.clone()).trim().to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// The outage or impact begins ("outage begins", "errors", "site down"), or is first seen
    /// ("alert fired", "users reported"): impact began by then at the latest.
    Impact,
    /// Service is back ("resolved", "back online", "restored", "recovered").
    Resolution,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub span: Range<usize>,
    pub point: Option<TimePoint>,
    /// A broken time in this entry (its likely time, if any, is in `point`).
    pub malformed: Option<MalformedTime>,
    pub kind: EntryKind,
    /// The entry says the incident was noticed ("alert fired", "paged", "users reported").
    pub detects: bool,
    /// The entry says impact was stopped or worked around ("rolled back", "failover").
    pub mitigates: bool,
    /// This entry was read as the next day (late evening → early morning, no date).
    pub rolled_over: bool,
    /// The list, table or paragraph the entry belongs to.
    pub list: Option<Range<usize>>,
    /// The entry states a date (possibly without a time).
    pub has_date: bool,
    /// A line of a plain-lines timeline whose time sits inside it ("Detection: paged at
    /// 03:45 AM"): it has a time, though not one to order by.
    pub buried_time: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    List,
    Table,
    Lines,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub section: usize,
    pub shape: Shape,
    pub declared_zone: Option<ZoneRef>,
    pub entries: Vec<Entry>,
    /// Written newest first ([`is_newest_first`]): entries are in document order, and each
    /// is expected to be no later than the one before it.
    pub newest_first: bool,
    /// Broken times inside the lines of a timeline indented into a code block ("\tThe issue
    /// was detected the 02/02/2022 at 5:PM"): the prose scan never sees code, so they are
    /// added to [`TimeFacts::malformed`] from here.
    pub code_malformed: Vec<MalformedTime>,
}

impl Timeline {
    pub fn timed(&self) -> impl Iterator<Item = (&Entry, &TimePoint)> {
        self.entries
            .iter()
            .filter_map(|e| e.point.as_ref().map(|p| (e, p)))
    }

    /// The timed entries oldest first, whichever way the timeline is written.
    pub fn chronological(&self) -> Vec<(&Entry, &TimePoint)> {
        let mut timed: Vec<_> = self.timed().collect();
        if self.newest_first {
            timed.reverse();
        }
        timed
    }

    /// The timed entry that begins the timeline, oldest first (the trigger, "config pushed",
    /// may come before any impact is seen).
    pub fn first_timed(&self) -> Option<(&Entry, &TimePoint)> {
        self.chronological().into_iter().next()
    }

    /// Where the outage began by the timeline: its first impact entry ("outage begins",
    /// "errors", or a detection such as "alert fired", by which time impact had begun), else
    /// its first timed entry.
    pub fn impact_start(&self) -> Option<(&Entry, &TimePoint)> {
        let timed = self.chronological();
        timed
            .iter()
            .find(|(e, _)| e.kind == EntryKind::Impact)
            .or(timed.first())
            .copied()
    }

    /// Where the outage ended by the timeline: its last entry that signals resolution
    /// ("restored", then "full service resumed"), not before the impact began, as the
    /// detection contract decides. `None` when no entry signals resolution.
    pub fn resolution_end(&self) -> Option<(&Entry, &TimePoint)> {
        let after = self.impact_start().map_or(0, |(e, _)| e.span.start);
        self.chronological()
            .into_iter()
            .rfind(|(e, _)| e.span.start >= after && e.kind == EntryKind::Resolution)
    }

    /// The first timed entry, oldest first, that says the incident was noticed.
    pub fn first_detection(&self) -> Option<(&Entry, &TimePoint)> {
        self.chronological().into_iter().find(|(e, _)| e.detects)
    }

    /// The first timed entry, oldest first, that says impact was stopped or worked around.
    pub fn first_mitigation(&self) -> Option<(&Entry, &TimePoint)> {
        self.chronological().into_iter().find(|(e, _)| e.mitigates)
    }
}

/// Whether a timeline is written newest first: its heading or lead says so ("newest first",
/// "reverse chronological"), or its times mostly run backwards (at least two steps back and
/// at least twice as many back as forward). A step from late evening to early morning, or from
/// early morning to late evening, may be a midnight crossing either way, and counts for
/// neither.
fn is_newest_first(doc: &Document, section: usize, raw: &[entries::RawEntry]) -> bool {
    let s = &doc.sections[section];
    let lead_end = doc
        .blocks
        .iter()
        .find(|b| b.span.start >= s.span.end && b.span.start < s.own_body.end)
        .map_or(s.span.end, |b| b.span.end);
    let said = doc.masked(s.span.start..lead_end).to_lowercase();
    let declared = [
        "newest first",
        "most recent first",
        "latest first",
        "reverse chronological",
        "reverse order",
        "newest to oldest",
        "latest to earliest",
    ]
    .iter()
    .any(|p| said.contains(p));
    if declared {
        return true;
    }
    let keys: Vec<(Option<Date>, Time, Option<i32>)> = raw
        .iter()
        .filter(|r| !r.group)
        .filter_map(|r| r.scan.times.first())
        .map(|t| (t.date, t.time, fixed_offset(t)))
        .collect();
    let (mut back, mut forward) = (0, 0);
    for pair in keys.windows(2) {
        let ((d0, t0, z0), (d1, t1, z1)) = (pair[0], pair[1]);
        let order = match (d0, d1) {
            (Some(a), Some(b)) if a != b => a.cmp(&b),
            _ if (t0.hour() >= 18 && t1.hour() < 12) || (t0.hour() < 12 && t1.hour() >= 18) => {
                std::cmp::Ordering::Equal
            }
            // "01:50 PDT" then "01:10 PST": the clocks were put back, and time ran forward.
            _ if z0.is_some() && z1.is_some() && z0 != z1 => {
                let utc = |t: Time, z: Option<i32>| {
                    i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60
                        - i64::from(z.unwrap_or(0))
                };
                utc(t0, z0).cmp(&utc(t1, z1))
            }
            _ => t0.cmp(&t1),
        };
        match order {
            std::cmp::Ordering::Greater => back += 1,
            std::cmp::Ordering::Less => forward += 1,
            std::cmp::Ordering::Equal => {}
        }
    }
    back >= 2 && back >= 2 * forward
}

/// The one date, with its year, that the text in `range` states ("On 1 November 2026 the
/// export ran twice"): the day undated timeline entries happened on. `None` when it states
/// none or several.
fn sole_date_in(doc: &Document, scans: &BlockScans, range: Range<usize>) -> Option<Date> {
    let mut dates = doc
        .blocks
        .iter()
        .zip(&scans.scans)
        .filter(|(b, _)| range.start <= b.span.start && b.span.end <= range.end)
        .flat_map(|(_, block)| block.iter().flat_map(|scan| &scan.dates))
        .filter(|d| d.year_known && d.order == time::DateOrder::Fixed)
        .map(|d| d.date);
    let first = dates.next()?;
    dates.all(|d| d == first).then_some(first)
}

/// The offset from UTC, in seconds, of a time written with a fixed zone (`PDT`, `UTC+2`).
fn fixed_offset(t: &time::TimeMention) -> Option<i32> {
    match &t.zone.as_ref()?.kind {
        ZoneKind::Fixed(offset) => Some(offset.seconds()),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The summary section, or `None` when the summary is the text before the timeline.
    pub section: Option<usize>,
    pub range: Range<usize>,
    pub declared_zone: Option<ZoneRef>,
    pub times: Vec<TimePoint>,
    /// Start and end, as indices into `times`.
    pub window: Option<(usize, usize)>,
    /// The window was written with a hedge ("around 07:00 to 09:00").
    pub window_approximate: bool,
    pub durations: Vec<DurationMention>,
    /// The day the summary dates the incident: its window start's date, else the one date
    /// the summary states ("From 08:30 to 09:15 JST on January 10, 2025"). Undated timeline
    /// entries are on this day.
    pub day: Option<Date>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimeFacts {
    pub timeline: Option<Timeline>,
    pub summary: Option<Summary>,
    /// Broken times anywhere in the prose.
    pub malformed: Vec<MalformedTime>,
    /// Zones attached to times or declared for sections anywhere in the document.
    pub zones: Vec<ZoneMention>,
    /// The zone every time without one of its own falls back to: front matter, config, or
    /// the one zone the document states.
    pub document_zone: Option<ZoneRef>,
    /// Words in the summary or timeline written as zones that are none ("14:00 GTM").
    pub unknown_zones: Vec<time::UnknownZone>,
    /// Zones in the summary or timeline that contradict themselves ("WAT (UTC+2)").
    pub conflicting_zones: Vec<time::ConflictingZone>,
    /// A time followed by itself in another zone that is not the same moment ("12:48 (6:48
    /// PDT)" under a UTC heading: 12:48 UTC is 5:48 PDT).
    pub wrong_conversions: Vec<WrongConversion>,
}

/// See [`TimeFacts::wrong_conversions`].
#[derive(Debug, Clone, PartialEq)]
pub struct WrongConversion {
    /// The first time, with the zone it is in.
    pub first: Range<usize>,
    pub first_zone: String,
    /// The time in parentheses after it, with its own zone.
    pub second: Range<usize>,
    pub second_zone: String,
    /// What the first time is in the second's zone.
    pub expected: Time,
}

/// Scans of the document's prose blocks: one per paragraph or heading, one per table cell.
pub struct BlockScans {
    /// Aligned with `Document::blocks`; absolute spans.
    pub scans: Vec<Vec<Scan>>,
}

fn shift_scan(scan: &mut Scan, base: usize) {
    let shift = |r: &mut Range<usize>| *r = r.start + base..r.end + base;
    for t in &mut scan.times {
        shift(&mut t.span);
        shift(&mut t.time_span);
        if let Some(z) = &mut t.zone {
            shift(&mut z.span);
        }
    }
    for d in &mut scan.dates {
        shift(&mut d.span);
    }
    for m in &mut scan.malformed {
        shift(&mut m.span);
        if let Some(z) = &mut m.zone {
            shift(&mut z.span);
        }
    }
    for d in &mut scan.durations {
        shift(&mut d.span);
    }
    for z in &mut scan.zones {
        shift(&mut z.span);
    }
}

/// Scan `range` of the masked text; spans come back absolute.
fn scan_at(masked: &str, range: Range<usize>, settings: &Settings) -> Scan {
    let mut scan = time::scan(&masked[range.clone()], &settings.zones);
    shift_scan(&mut scan, range.start);
    scan
}

pub fn scan_blocks(masked: &str, blocks: &[Block], settings: &Settings) -> BlockScans {
    let scans = blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::Html => {
                vec![scan_at(masked, b.span.clone(), settings)]
            }
            BlockKind::TableRow { .. } => b
                .cells
                .iter()
                .map(|c| scan_at(masked, c.clone(), settings))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    BlockScans { scans }
}

/// Does `lead` end with a hedge before a time: "about ", "approx. **"?
fn ends_with_hedge(lead: &str) -> bool {
    Tail::new(lead)
        .spaces(0)
        .many(0, |b| b == b'*')
        .spaces(0)
        .either([&|t: Tail| t.words(HEDGES), &|t: Tail| t.words(&["circa"])])
        .boundary()
        .found()
}

/// Build the time facts of `doc` from its block scans.
pub fn build(doc: &Document, scans: &BlockScans, settings: &Settings) -> TimeFacts {
    let mut facts = TimeFacts::default();
    for block_scans in &scans.scans {
        for scan in block_scans {
            facts.malformed.extend(scan.malformed.iter().cloned());
            for t in &scan.times {
                facts.zones.extend(t.zone.iter().cloned());
            }
            for m in &scan.malformed {
                facts.zones.extend(m.zone.iter().cloned());
            }
        }
    }
    let preset = settings.preset;
    let timeline_section = doc
        .section_with_role(preset, Role::Timeline)
        .map(|(i, _)| i);
    let summary_section = doc.section_with_role(preset, Role::Summary).map(|(i, _)| i);
    let summary_zone = summary_section.and_then(|i| section_zone(doc, i, settings));
    let timeline_zone = timeline_section.and_then(|i| section_zone(doc, i, settings));
    let doc_zone = document_zone(doc.front_matter.as_ref(), settings).or_else(|| {
        let declared: Vec<ZoneRef> = [&summary_zone, &timeline_zone]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        single_zone(&facts.zones, &declared)
    });
    let summary = build_summary(
        doc,
        scans,
        SummaryPlace {
            section: summary_section,
            timeline: timeline_section,
            declared_zone: summary_zone.clone(),
            year: first_year(scans),
        },
        doc_zone.clone(),
    );
    let mut summary = summary;
    let base_date = summary.as_ref().and_then(|s| {
        s.window
            .map(|(a, _)| &s.times[a])
            .filter(|p| p.date_known)
            .map(|p| p.date)
            .or_else(|| sole_date_in(doc, scans, s.range.clone()))
    });
    if let Some(s) = summary.as_mut() {
        s.day = base_date;
    }
    facts.timeline = timeline_section.map(|i| {
        let place = TimelinePlace {
            section: i,
            declared_zone: timeline_zone.clone(),
            doc_zone: doc_zone.clone(),
            base_date,
        };
        build_timeline(doc, scans, settings, place)
    });
    facts.document_zone = doc_zone.clone();
    if let Some(t) = &facts.timeline {
        facts.malformed.extend(t.code_malformed.iter().cloned());
        facts.malformed.sort_by_key(|m| m.span.start);
        facts.malformed.dedup_by(|a, b| a.span == b.span);
    }
    for z in [
        facts
            .timeline
            .as_ref()
            .and_then(|t| t.declared_zone.as_ref()),
        summary.as_ref().and_then(|s| s.declared_zone.as_ref()),
    ]
    .into_iter()
    .flatten()
    {
        if let Some(span) = &z.span {
            facts.zones.push(ZoneMention {
                span: span.clone(),
                text: z.text.clone(),
                kind: z.kind.clone(),
            });
        }
    }
    facts.zones.sort_by_key(|z| z.span.start);
    facts.zones.dedup_by(|a, b| a.span == b.span);
    facts.unknown_zones = [summary_section, timeline_section]
        .into_iter()
        .flatten()
        .flat_map(|i| unknown_zones(doc, scans, settings, i))
        .collect();
    facts.unknown_zones.dedup_by(|a, b| a.span == b.span);
    facts.conflicting_zones = [summary_section, timeline_section]
        .into_iter()
        .flatten()
        .flat_map(|i| conflicting_zones(doc, scans, settings, i))
        .collect();
    facts.conflicting_zones.dedup_by(|a, b| a.span == b.span);
    for (section, declared) in [
        (summary_section, &summary_zone),
        (timeline_section, &timeline_zone),
    ] {
        let Some(section) = section else { continue };
        let fallback = declared.as_ref().or(doc_zone.as_ref());
        facts
            .wrong_conversions
            .extend(wrong_conversions(doc, scans, section, fallback));
    }
    facts.summary = summary;
    facts
}

/// The time a broken one likely meant, as a time mention of its own.
fn meant_time(m: &MalformedTime) -> Option<time::TimeMention> {
    Some(time::TimeMention {
        span: m.span.clone(),
        time_span: m.span.clone(),
        date: None,
        year_known: false,
        time: m.likely_time?,
        zone: m.zone.clone(),
        style: ClockStyle::H24,
        weekday_mismatch: None,
        date_order: time::DateOrder::Fixed,
    })
}

/// Where the summary is: its section (if it has one), the timeline's, the zone it declares,
/// and the first year the document writes anywhere.
struct SummaryPlace {
    section: Option<usize>,
    timeline: Option<usize>,
    declared_zone: Option<ZoneRef>,
    year: Option<i16>,
}

/// The year of the document's first date written with one. A summary that writes "20 May"
/// under a timeline dated "20 May 2026" means 2026, not the reference year (which put a
/// summary 9,496 days before its own timeline).
fn first_year(scans: &BlockScans) -> Option<i16> {
    scans
        .scans
        .iter()
        .flatten()
        .flat_map(|scan| &scan.dates)
        .find(|d| d.year_known)
        .map(|d| d.date.year())
}

fn build_summary(
    doc: &Document,
    scans: &BlockScans,
    place: SummaryPlace,
    doc_zone: Option<ZoneRef>,
) -> Option<Summary> {
    let SummaryPlace {
        section,
        timeline,
        declared_zone,
        year,
    } = place;
    let range = match section {
        Some(i) => doc.sections[i].span.start..doc.sections[i].body.end,
        None => 0..doc.sections[timeline?].span.start,
    };
    let mut combined = Scan::default();
    // A plain-text title line inside a paragraph ("Postmortem\nSummary\nOn April 10 ...")
    // opens the summary part way through it: that paragraph's times after the title count.
    let inside = |span: &Range<usize>| range.contains(&span.start);
    for (b, block) in doc.blocks.iter().enumerate() {
        if block.span.end <= range.start || block.span.start >= range.end {
            continue;
        }
        // A timeline nested in the summary section is the timeline's, not the summary's.
        if let (Some(t), Some(owner)) = (timeline, block.section)
            && doc.is_within(owner, t)
        {
            continue;
        }
        for s in &scans.scans[b] {
            combined
                .times
                .extend(s.times.iter().filter(|t| inside(&t.span)).cloned());
            // A broken time stands for the time it likely meant, so a window written in
            // them ("13:20pm ~ 13:30pm") is still read; PM202 reports the times themselves.
            combined.times.extend(
                s.malformed
                    .iter()
                    .filter(|m| inside(&m.span))
                    .filter_map(meant_time),
            );
            combined
                .durations
                .extend(s.durations.iter().filter(|d| inside(&d.span)).cloned());
        }
    }
    combined.times.sort_by_key(|t| t.span.start);
    let window = time::find_window(&doc.masked, &combined);
    let mut times = Vec::with_capacity(combined.times.len());
    let mut carried_zone: Option<ZoneRef> = None;
    let mut carried_date: Option<Date> = None;
    for (i, t) in combined.times.iter().enumerate() {
        let zone = t
            .zone
            .as_ref()
            .map(|z| ZoneRef::from_mention(z, ZoneOrigin::Attached))
            .or_else(|| {
                let w = window.as_ref().filter(|w| w.start == i)?;
                w.shared_zone
                    .as_ref()
                    .map(|z| ZoneRef::from_mention(z, ZoneOrigin::Range))
            })
            .or_else(|| declared_zone.clone())
            .or_else(|| {
                carried_zone.clone().map(|z| ZoneRef {
                    origin: ZoneOrigin::Carried,
                    ..z
                })
            })
            .or_else(|| doc_zone.clone());
        if let Some(z) = &zone
            && matches!(z.origin, ZoneOrigin::Attached | ZoneOrigin::Range)
        {
            carried_zone = Some(z.clone());
        }
        let in_force = |d: Date| carried_date.or_else(|| d.with().year(year?).build().ok());
        let own_date = t.date.map(|d| with_year(d, t.year_known, in_force(d)));
        let date = own_date.or(carried_date);
        if t.date.is_some() {
            carried_date = own_date;
        }
        times.push(TimePoint {
            span: t.span.clone(),
            time_span: t.time_span.clone(),
            time: t.time,
            own_date: t.date,
            date: date.unwrap_or(REFERENCE_DATE),
            date_known: date.is_some(),
            zone,
            style: t.style,
        });
    }
    let window = window.map(|w| {
        // "from 11 PM to 1 AM" with no dates ends on the next day.
        if times[w.end].own_date.is_none() && times[w.end].civil() < times[w.start].civil() {
            let next = times[w.start]
                .date
                .tomorrow()
                .unwrap_or(times[w.start].date);
            times[w.end].date = next;
        }
        (w.start, w.end)
    });
    let window_approximate = window.is_some_and(|(a, _)| {
        let start = times[a].span.start;
        let lead_start = doc.source.floor_char_boundary(start.saturating_sub(24));
        ends_with_hedge(&doc.masked[lead_start..start])
    });
    Some(Summary {
        section,
        range,
        declared_zone,
        times,
        window,
        window_approximate,
        durations: combined.durations,
        day: None,
    })
}

/// A date written without a year takes the year of the date in force (or the next year, when
/// that puts it more than half a year back: "Dec 31" then "Jan 1").
fn with_year(date: Date, year_known: bool, current: Option<Date>) -> Date {
    let Some(cur) = current.filter(|_| !year_known) else {
        return date;
    };
    let same = date.with().year(cur.year()).build().unwrap_or(date);
    if (cur - same).get_days() > 182 {
        same.with().year(cur.year() + 1).build().unwrap_or(same)
    } else {
        same
    }
}

/// Where the timeline is, the zones that apply to it, and the date it starts from.
struct TimelinePlace {
    section: usize,
    declared_zone: Option<ZoneRef>,
    doc_zone: Option<ZoneRef>,
    base_date: Option<Date>,
}

fn build_timeline(
    doc: &Document,
    scans: &BlockScans,
    settings: &Settings,
    place: TimelinePlace,
) -> Timeline {
    let entries::Collected {
        shape,
        entries: raw,
        code_malformed,
    } = entries::collect(doc, scans, place.section, settings);
    let newest_first = is_newest_first(doc, place.section, &raw);
    let mut resolver = Resolver {
        place: &place,
        newest_first,
        current_date: None,
        carried_zone: None,
        day_offset: 0,
        previous: None,
    };
    let entries = raw
        .into_iter()
        .filter_map(|r| resolver.entry(doc, r))
        .collect();
    Timeline {
        section: place.section,
        shape,
        declared_zone: place.declared_zone.clone(),
        entries,
        newest_first,
        code_malformed,
    }
}

/// Gives each raw entry of a timeline, in order, its date and zone: dates carry forward from
/// date headings and dated entries, a late-evening-to-morning drop with no date is the next
/// day, and a zone written on an entry carries to the entries after it.
struct Resolver<'p> {
    place: &'p TimelinePlace,
    /// Read backwards: a step from early morning to late evening is the day before.
    newest_first: bool,
    current_date: Option<Date>,
    carried_zone: Option<ZoneRef>,
    day_offset: i64,
    previous: Option<TimePoint>,
}

/// The time an entry is placed by, with what was written with it.
struct When {
    time: Time,
    own_date: Option<Date>,
    own_zone: Option<ZoneMention>,
    span: Range<usize>,
    time_span: Range<usize>,
    style: ClockStyle,
}

impl Resolver<'_> {
    /// The entry `r` is, or `None` for a group (a date heading) that only sets the date.
    fn entry(&mut self, doc: &Document, r: entries::RawEntry) -> Option<Entry> {
        let base_date = self.place.base_date;
        let first_time = r.scan.times.first();
        let first_bad = r.scan.malformed.first();
        let malformed = match (first_time, first_bad) {
            (Some(t), Some(m)) if m.span.start < t.span.start => Some(m.clone()),
            (None, Some(m)) => Some(m.clone()),
            _ => None,
        };
        // Dates in the entry (a date heading, a dated entry) move the current date.
        if let Some(d) = r.scan.dates.first()
            && d.order != time::DateOrder::Undecided
            && first_time.is_none_or(|t| t.date.is_none())
        {
            let year_from = self.current_date.or(base_date);
            self.current_date = Some(with_year(d.date, d.year_known, year_from));
            self.day_offset = 0;
        }
        let has_date = !r.scan.dates.is_empty()
            || first_time
                .is_some_and(|t| t.date.is_some() || t.date_order == time::DateOrder::Undecided);
        if r.group && malformed.is_none() {
            return None;
        }
        let said = doc.masked(r.span.clone());
        let kind = signals::entry_kind(said);
        // The time to place the entry by: a good time, else what a broken one likely meant.
        let when = match (&malformed, first_time) {
            (Some(m), _) => m.likely_time.map(|time| When {
                time,
                own_date: None,
                own_zone: m.zone.clone(),
                span: m.span.clone(),
                time_span: m.span.clone(),
                style: ClockStyle::H24,
            }),
            (None, Some(t)) => Some(When {
                time: t.time,
                own_date: t
                    .date
                    .map(|d| with_year(d, t.year_known, self.current_date.or(base_date))),
                own_zone: t.zone.clone(),
                span: t.span.clone(),
                time_span: t.time_span.clone(),
                style: t.style,
            }),
            (None, None) => None,
        };
        let mut entry = Entry {
            span: r.span.clone(),
            point: None,
            malformed,
            kind,
            detects: signals::signals_detection(said),
            mitigates: signals::signals_mitigation(said),
            rolled_over: false,
            list: r.list.clone(),
            has_date,
            buried_time: r.buried_time,
        };
        if let Some(when) = when {
            let (point, rolled_over) = self.place_at(when, &r);
            entry.point = Some(point);
            entry.rolled_over = rolled_over;
        }
        Some(entry)
    }

    /// The entry's point in time, and whether it was read as the next day.
    fn place_at(&mut self, when: When, r: &entries::RawEntry) -> (TimePoint, bool) {
        if let Some(d) = when.own_date {
            self.current_date = Some(d);
            self.day_offset = 0;
        }
        let mut rolled_over = false;
        if when.own_date.is_none()
            && r.scan.dates.is_empty()
            && let Some(prev) = &self.previous
        {
            let (late, early) = if self.newest_first {
                (when.time, prev.time)
            } else {
                (prev.time, when.time)
            };
            if late.hour() >= 18 && early.hour() < 12 && early < late {
                self.day_offset += if self.newest_first { -1 } else { 1 };
                rolled_over = true;
            }
        }
        let base = self.current_date.or(self.place.base_date);
        let days = if when.own_date.is_some() {
            0
        } else {
            self.day_offset
        };
        let date = base
            .unwrap_or(REFERENCE_DATE)
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(REFERENCE_DATE);
        let zone = self.zone_for(when.own_zone.as_ref(), r.column_zone.as_ref());
        let point = TimePoint {
            span: when.span,
            time_span: when.time_span,
            time: when.time,
            own_date: when.own_date,
            date,
            date_known: base.is_some(),
            zone,
            style: when.style,
        };
        self.previous = Some(point.clone());
        (point, rolled_over)
    }

    /// The entry's own zone, else its table column's, the timeline's, the last entry's, or
    /// the document's.
    fn zone_for(&mut self, own: Option<&ZoneMention>, column: Option<&ZoneRef>) -> Option<ZoneRef> {
        let zone = own
            .map(|z| ZoneRef::from_mention(z, ZoneOrigin::Attached))
            .or_else(|| column.cloned())
            .or_else(|| self.place.declared_zone.clone())
            .or_else(|| {
                self.carried_zone.clone().map(|z| ZoneRef {
                    origin: ZoneOrigin::Carried,
                    ..z
                })
            })
            .or_else(|| self.place.doc_zone.clone());
        if let Some(z) = &zone
            && z.origin == ZoneOrigin::Attached
        {
            self.carried_zone = Some(z.clone());
        }
        zone
    }
}

/// The hedge check against the pattern it replaced.
#[cfg(test)]
mod tail_tests {
    use super::ends_with_hedge;
    use crate::pattern::Pattern;

    fn pattern() -> Pattern {
        Pattern::new(r"(?i)\b(?:about|around|approximately|approx\.?|roughly|circa|~)\s*\**\s*$")
            .unwrap()
    }

    #[test]
    fn hedges() {
        let re = pattern();
        for lead in [
            "from about ",
            "at approx. ** ",
            "circa",
            "x~ ",
            "~ ",
            " ~",
            "roundabout ",
            "ABOUT*",
            "about x",
            "",
            "approx.",
            "approx.x ",
        ] {
            assert_eq!(ends_with_hedge(lead), re.is_match(lead), "{lead:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn agrees_with_the_pattern(
            lead in r"((about|Around|approx\.?|roughly|circa|~|x|\*|é|[ \t.])){0,8}"
        ) {
            proptest::prop_assert_eq!(ends_with_hedge(&lead), pattern().is_match(&lead), "{:?}", lead);
        }
    }
}
