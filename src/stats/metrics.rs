//! One incident's row: its moments and durations read from the time model, each either a
//! value or the reason there is none (see the definitions in [`crate::stats`]).

use jiff::SignedDuration;
use jiff::civil::Date;

use crate::document::Document;
use crate::document::timeline::{TimePoint, stated_duration};
use crate::time::REFERENCE_DATE;

/// A value, or why it could not be computed (shown by `--explain-missing`).
pub type Cell<T> = Result<T, String>;

/// Front-matter keys that give an incident's severity, first found wins.
const SEVERITY_KEYS: &[&str] = &["severity", "sev", "priority"];

/// Front-matter keys that give its title, before the first heading.
const TITLE_KEYS: &[&str] = &["title"];

const NO_ZONE: &str = "times have no zone and the document states none";

/// One postmortem's numbers.
#[derive(Debug, Clone)]
pub struct Incident {
    /// The file as named on the command line or found in a folder.
    pub file: String,
    /// The folder that holds it, for `--by folder`.
    pub folder: String,
    pub title: Cell<String>,
    pub date: Cell<Date>,
    pub start: Cell<TimePoint>,
    pub detected: Cell<TimePoint>,
    pub mitigated: Cell<TimePoint>,
    pub resolved: Cell<TimePoint>,
    pub duration: Cell<SignedDuration>,
    /// The duration is the one the summary states, not the window's length.
    pub duration_stated: bool,
    pub ttd: Cell<SignedDuration>,
    pub ttm: Cell<SignedDuration>,
    pub ttr: Cell<SignedDuration>,
    pub severity: Cell<String>,
    /// The zone (or zones, comma-separated) the incident's times are written in.
    pub zone: Cell<String>,
    /// The start on the incident's day as an instant, when its zone is known: incidents
    /// written in different zones are ordered by it.
    pub start_instant: Option<jiff::Timestamp>,
}

impl Incident {
    /// Read the incident `doc` records; `file` and `folder` name it.
    pub fn from_document(doc: &Document, file: String, folder: String) -> Incident {
        let start = start(doc);
        let resolved = resolved(doc);
        let detected = from_timeline(doc, "detection", |t| t.first_detection());
        let mitigated = from_timeline(doc, "mitigation", |t| t.first_mitigation());
        let ttd = between(&start, &detected, "detection");
        let ttm = between(&start, &mitigated, "mitigation");
        let ttr = between(&start, &resolved, "resolution");
        let stated = doc
            .time
            .summary
            .as_ref()
            .and_then(|s| stated_duration(doc, s));
        let (duration, duration_stated) = match stated {
            Some(d) => (Ok(d.duration), true),
            None => (
                ttr.clone()
                    .map_err(|why| format!("the summary states no duration, and {why}")),
                false,
            ),
        };
        let zone = zones(&[&start, &detected, &mitigated, &resolved]);
        let date = date(doc, &start);
        let start_instant = match (&start, &date) {
            (Ok(p), Ok(day)) => p
                .zone
                .as_ref()
                .and_then(|z| crate::time::to_timestamp(*day, p.time, &z.kind)),
            _ => None,
        };
        Incident {
            file,
            folder,
            title: title(doc),
            date,
            start,
            detected,
            mitigated,
            resolved,
            duration,
            duration_stated,
            ttd,
            ttm,
            ttr,
            severity: front_matter(doc, SEVERITY_KEYS, "severity"),
            zone,
            start_instant,
        }
    }
}

/// The incident's day: the start's own date, else the day the summary states, else the
/// date of the timeline's first timed entry. A date in [`REFERENCE_DATE`]'s year is one the
/// model read without a year ("November 11" in a text that names none): no day is
/// reported for it, since its year would be a guess.
fn date(doc: &Document, start: &Cell<TimePoint>) -> Cell<Date> {
    let start = start.as_ref().map_err(Clone::clone)?;
    let summary_day = doc.time.summary.as_ref().and_then(|s| s.day);
    let timeline_day = || {
        let (_, p) = doc.time.timeline.as_ref()?.first_timed()?;
        p.date_known.then_some(p.date)
    };
    let day = start
        .date_known
        .then_some(start.date)
        .or(summary_day)
        .or_else(timeline_day)
        .ok_or_else(|| "the document states no date for the incident".to_string())?;
    if day.year() == REFERENCE_DATE.year() {
        return Err(format!(
            "the incident's date ({}) is written without a year",
            day.strftime("%B %-d")
        ));
    }
    Ok(day)
}

/// Whether `p`'s date is one the document gives, year and all (see [`date`]).
pub fn has_full_date(p: &TimePoint) -> bool {
    p.date_known && p.date.year() != REFERENCE_DATE.year()
}

/// The summary window's start, else the timeline's first timed entry.
fn start(doc: &Document) -> Cell<TimePoint> {
    if let Some(s) = &doc.time.summary
        && let Some((a, _)) = s.window
    {
        return Ok(s.times[a].clone());
    }
    match &doc.time.timeline {
        Some(t) => match t.first_timed() {
            Some((_, p)) => Ok(p.clone()),
            None => Err("the summary states no window and no timeline entry has a time".into()),
        },
        None => Err("the summary states no window and the document has no timeline".into()),
    }
}

/// The summary window's end, else the timeline's entry that signals resolution.
fn resolved(doc: &Document) -> Cell<TimePoint> {
    if let Some(s) = &doc.time.summary
        && let Some((_, b)) = s.window
    {
        return Ok(s.times[b].clone());
    }
    from_timeline(doc, "resolution", |t| t.resolution_end())
        .map_err(|why| format!("the summary states no window and {why}"))
}

/// The time of the timeline entry `find` picks, or why there is none.
fn from_timeline(
    doc: &Document,
    what: &str,
    find: impl for<'t> Fn(
        &'t crate::document::timeline::Timeline,
    ) -> Option<(&'t crate::document::timeline::Entry, &'t TimePoint)>,
) -> Cell<TimePoint> {
    let Some(timeline) = &doc.time.timeline else {
        return Err("the document has no timeline".into());
    };
    match find(timeline) {
        Some((_, p)) => Ok(p.clone()),
        None if timeline.timed().next().is_none() => Err(format!(
            "the timeline has no timed entry (so none for {what})"
        )),
        None => Err(format!("no timeline entry signals {what}")),
    }
}

/// How long after `from` `to` is. Two times with zones are compared as instants; two
/// without, by the wall clock. A time with no date against one with a date is taken on the
/// same day, and an end that is then earlier than its start is on the next day (a summary
/// "from 23:40 to 00:20"). A negative result contradicts the document and is not reported.
fn between(from: &Cell<TimePoint>, to: &Cell<TimePoint>, what: &str) -> Cell<SignedDuration> {
    let from = from.as_ref().map_err(|why| format!("no start: {why}"))?;
    let to = to.as_ref().map_err(Clone::clone)?;
    comparable(from, to, what)?;
    let mut d = if from.date_known == to.date_known {
        from.until(to)
    } else {
        from.gap_to(to)
    };
    let day = SignedDuration::from_hours(24);
    if d.is_negative() && !(from.date_known && to.date_known) && d > -day {
        d += day;
    }
    if d.is_negative() {
        return Err(format!(
            "the {what} ({}) is earlier than the start ({})",
            moment(to),
            moment(from)
        ));
    }
    Ok(d)
}

/// Can `from` and `to` be compared at all: both instants, or both in one zone (or none)?
fn comparable(from: &TimePoint, to: &TimePoint, what: &str) -> Result<(), String> {
    if from.instant().is_some() && to.instant().is_some() {
        return Ok(());
    }
    match (&from.zone, &to.zone) {
        (None, None) => Ok(()),
        (Some(a), Some(b)) if a.kind == b.kind => Ok(()),
        (Some(a), Some(b)) => Err(format!(
            "the start ({}) and the {what} ({}) are in zones that cannot be compared",
            a.text, b.text
        )),
        (Some(z), None) | (None, Some(z)) => Err(format!(
            "only one of the start and the {what} has a zone ({}), and the document states \
             several",
            z.text
        )),
    }
}

/// A time for messages: its date when known, and its clock.
fn moment(p: &TimePoint) -> String {
    if p.date_known {
        format!("{} {}", p.date, p.time.strftime("%H:%M"))
    } else {
        p.time.strftime("%H:%M").to_string()
    }
}

/// The zones the incident's known times are in, in order, each once.
fn zones(points: &[&Cell<TimePoint>]) -> Cell<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut any = false;
    for p in points.iter().filter_map(|c| c.as_ref().ok()) {
        any = true;
        if let Some(z) = &p.zone
            && !seen.contains(&z.text.as_str())
        {
            seen.push(&z.text);
        }
    }
    match (any, seen.is_empty()) {
        (false, _) => Err("the document gives no time to take a zone from".into()),
        (true, true) => Err(NO_ZONE.into()),
        (true, false) => Ok(seen.join(", ")),
    }
}

/// The front matter's title, else the first heading's.
fn title(doc: &Document) -> Cell<String> {
    if let Ok(t) = front_matter(doc, TITLE_KEYS, "title") {
        return Ok(t);
    }
    doc.sections
        .iter()
        .find(|s| s.is_heading() && !s.title.trim().is_empty())
        .map(|s| s.title.trim().to_string())
        .ok_or_else(|| "the document has no heading and its front matter no title".into())
}

/// The first of `keys` the front matter has, unquoted.
fn front_matter(doc: &Document, keys: &[&str], what: &str) -> Cell<String> {
    let Some(fm) = &doc.front_matter else {
        return Err(format!("the document has no front matter to give a {what}"));
    };
    keys.iter()
        .filter_map(|k| fm.get(k))
        .map(|(v, _)| v.trim().trim_matches(['"', '\'']).trim().to_string())
        .find(|v| !v.is_empty())
        .ok_or_else(|| format!("the front matter states no {what}"))
}
