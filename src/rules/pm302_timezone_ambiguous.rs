use jiff::civil::{Date, Time};
use jiff::tz::Offset;

use crate::document::Document;
use crate::document::timeline::{ZoneOrigin, ZoneRef};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};
use crate::time::{ZoneKind, format_offset, to_timestamp};

declare_rule! {
    /// ## What it checks
    /// - An ambiguous zone abbreviation: `IST` (India, Ireland or Israel), `CST`, `BST`, `AST`
    ///   and the others listed as ambiguous in pmlint's zone table.
    /// - Zones that contradict each other in one timeline: the heading says one zone and an
    ///   entry another (`Timeline (all times Pacific)` with entries in UTC), or the entries
    ///   switch zones part way. The finding points at the later zone and labels the earlier.
    ///   Zones with the same offset (`GMT` and `UTC`) do not contradict.
    /// - A word written as a zone that is none, one edit from one: `14:00 GTM` (GMT), `Timeline
    ///   (all times Greenwitch)` (Greenwich Mean Time), right after a time of the summary or
    ///   timeline or where its heading or lead declares the zone.
    /// - A zone that contradicts itself: `WAT (UTC+2)` (WAT is +01:00), `SAST+2` (SAST is
    ///   +02:00 already, or two hours ahead of it?).
    /// - A conversion that does not hold: a time, then the same moment in another zone in
    ///   parentheses, `12:48 (6:48 PDT)` under `Timeline (UTC)` (12:48 UTC is 5:48 PDT).
    ///
    /// ## Why it matters
    /// An ambiguous or contradictory zone makes every time in the timeline uncertain by hours.
    ///
    /// ## Example
    /// ```markdown
    /// ## Timeline (all times IST)
    /// - 10:00 UTC: deploy starts
    /// ```
    ///
    /// ## How to fix
    /// Write an offset (`+05:30`) or an IANA name (`Asia/Kolkata`), define the abbreviation in
    /// `[timezones]` in pmlint.toml, and use one zone for the whole timeline.
    ///
    /// ## Options
    /// None; `[timezones]` in pmlint.toml defines or redefines abbreviations.
    pub struct TimezoneAmbiguous => TIMEZONE_AMBIGUOUS;
}

impl Rule for TimezoneAmbiguous {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        report_ambiguous(doc, cx);
        report_unknown(doc, cx);
        report_conflicting(doc, cx);
        report_wrong_conversions(doc, cx);
        report_contradictions(doc, cx);
    }
}

/// One finding per ambiguous abbreviation, on its first use, labelling a few more.
fn report_ambiguous(doc: &Document, cx: &mut Ctx<'_>) {
    let mut seen: Vec<&str> = Vec::new();
    for z in &doc.time.zones {
        let ZoneKind::Ambiguous { candidates } = &z.kind else {
            continue;
        };
        if seen.contains(&z.text.as_str()) {
            continue;
        }
        seen.push(&z.text);
        let mut finding = Finding::new(
            TimezoneAmbiguous::META,
            z.span.clone(),
            format!(
                "`{}` is ambiguous: it can mean {}",
                z.text,
                candidates.join(", ")
            ),
        )
        .help(format!(
            "write an offset or an IANA name instead, or define {} in [timezones] in pmlint.toml",
            z.text
        ));
        for other in doc
            .time
            .zones
            .iter()
            .filter(|o| o.text == z.text && o.span != z.span)
            .take(3)
        {
            finding = finding.label(other.span.clone(), "also here");
        }
        cx.report(finding);
    }
}

/// Zones that contradict themselves ("WAT (UTC+2)": WAT is +01:00).
fn report_conflicting(doc: &Document, cx: &mut Ctx<'_>) {
    for c in &doc.time.conflicting_zones {
        cx.report(
            Finding::new(
                TimezoneAmbiguous::META,
                c.span.clone(),
                format!(
                    "`{}` contradicts itself: {} is {}, {} is {}",
                    doc.text(c.span.clone()),
                    c.zone,
                    format_offset(c.zone_offset),
                    c.other,
                    format_offset(c.other_offset)
                ),
            )
            .help("write one zone: an abbreviation, an offset or an IANA name"),
        );
    }
}

/// Words written as zones that are none ("14:00 GTM").
fn report_unknown(doc: &Document, cx: &mut Ctx<'_>) {
    for u in &doc.time.unknown_zones {
        cx.report(
            Finding::new(
                TimezoneAmbiguous::META,
                u.span.clone(),
                format!(
                    "`{}` is not a time zone; did you mean {}?",
                    u.text, u.suggestion
                ),
            )
            .help(format!(
                "write the zone as an abbreviation, an offset or an IANA name (`{}`)",
                u.suggestion
            )),
        );
    }
}

/// Conversions in parentheses that do not hold ("12:48 (6:48 PDT)" under a UTC heading).
fn report_wrong_conversions(doc: &Document, cx: &mut Ctx<'_>) {
    for w in &doc.time.wrong_conversions {
        let first = doc.text(w.first.clone());
        let expected = w.expected.strftime("%-H:%M");
        cx.report(
            Finding::new(
                TimezoneAmbiguous::META,
                w.second.clone(),
                format!(
                    "{first} {} is {expected} {}, but this says `{}`",
                    w.first_zone,
                    w.second_zone,
                    doc.text(w.second.clone()).trim_end_matches(')')
                ),
            )
            .label(w.first.clone(), format!("read as {}", w.first_zone))
            .help("correct one of the two times, or the zone it is read in"),
        );
    }
}

/// The timeline heading's zone against each entry's own; then each entry's against the last
/// one.
fn report_contradictions(doc: &Document, cx: &mut Ctx<'_>) {
    let Some(timeline) = &doc.time.timeline else {
        return;
    };
    let declared = timeline.declared_zone.as_ref();
    let mut previous: Option<(&ZoneRef, Date, Time)> = None;
    let mut reported_declared = false;
    let mut reported_switch = false;
    for (_, point) in timeline.timed() {
        let Some(zone) = point
            .zone
            .as_ref()
            .filter(|z| z.origin == ZoneOrigin::Attached)
        else {
            continue;
        };
        let Some(here) = offset_at(&zone.kind, point.date, point.time) else {
            continue;
        };
        let span = zone.span.clone().unwrap_or(point.time_span.clone());
        // Against the declaration, then against the previous entry: one finding each.
        // "01:50 PDT" then "01:10 PST" on the night the clocks go back: one zone throughout.
        let changed_clocks =
            previous.is_some_and(|before| clocks_changed(before, (zone, point.date, point.time)));
        let previous_zone = previous.map(|(z, _, _)| z).filter(|_| !changed_clocks);
        let checks = [
            (declared, &mut reported_declared, Contradiction::Declared),
            (previous_zone, &mut reported_switch, Contradiction::Switch),
        ];
        for (other, reported, kind) in checks {
            let Some(other) = other.filter(|_| !*reported) else {
                continue;
            };
            let Some(there) = offset_at(&other.kind, point.date, point.time) else {
                continue;
            };
            if there == here {
                continue;
            }
            *reported = true;
            let (here, there) = (format_offset(here), format_offset(there));
            let (message, help, label) = match kind {
                Contradiction::Declared => (
                    format!(
                        "this entry is in {} ({here}), but the timeline says its times are {} ({there})",
                        zone.text, other.text
                    ),
                    "use the zone the heading declares, or change the declaration",
                    "the timeline's zone is declared here",
                ),
                Contradiction::Switch => (
                    format!(
                        "the timeline switches from {} ({there}) to {} ({here})",
                        other.text, zone.text
                    ),
                    "write every entry of the timeline in one zone",
                    "the earlier zone",
                ),
            };
            let mut f = Finding::new(TimezoneAmbiguous::META, span.clone(), message).help(help);
            if let Some(other_span) = &other.span {
                f = f.label(other_span.clone(), label);
            }
            cx.report(f);
        }
        previous = Some((zone, point.date, point.time));
    }
}

/// The standard and summer abbreviations of one region, with its IANA zone.
const SUMMER_PAIRS: &[(&str, &str, &str)] = &[
    ("PST", "PDT", "America/Los_Angeles"),
    ("MST", "MDT", "America/Denver"),
    ("CST", "CDT", "America/Chicago"),
    ("EST", "EDT", "America/New_York"),
    ("AKST", "AKDT", "America/Anchorage"),
    ("GMT", "BST", "Europe/London"),
    ("CET", "CEST", "Europe/Paris"),
    ("EET", "EEST", "Europe/Athens"),
    ("AEST", "AEDT", "Australia/Sydney"),
    ("NZST", "NZDT", "Pacific/Auckland"),
];

/// Are two entries written in a region's standard and summer abbreviations (`PDT`, then
/// `PST`), each the one in force at its own moment? Then the clocks changed between them,
/// and the timeline kept to one zone.
fn clocks_changed(before: (&ZoneRef, Date, Time), after: (&ZoneRef, Date, Time)) -> bool {
    let (a, b) = (before.0.text.as_str(), after.0.text.as_str());
    let Some(&(_, _, region)) = SUMMER_PAIRS.iter().find(|(standard, summer, _)| {
        let pair = [*standard, *summer];
        a != b && pair.contains(&a) && pair.contains(&b)
    }) else {
        return false;
    };
    let Ok(tz) = crate::time::tzdb().get(region) else {
        return false;
    };
    let in_force = |(zone, date, time): (&ZoneRef, Date, Time)| {
        let ZoneKind::Fixed(offset) = zone.kind else {
            return false;
        };
        offset
            .to_timestamp(date.to_datetime(time))
            .is_ok_and(|instant| tz.to_offset(instant) == offset)
    };
    in_force(before) && in_force(after)
}

#[derive(Clone, Copy)]
enum Contradiction {
    /// An entry's zone against the section's declared zone.
    Declared,
    /// An entry's zone against the entry before it.
    Switch,
}

/// The UTC offset a zone has at a moment (IANA zones change with DST).
fn offset_at(kind: &ZoneKind, date: Date, time: Time) -> Option<Offset> {
    match kind {
        ZoneKind::Fixed(o) => Some(*o),
        ZoneKind::Iana(name) => {
            let tz = crate::time::tzdb().get(name).ok()?;
            let ts = to_timestamp(date, time, kind)?;
            Some(tz.to_offset(ts))
        }
        ZoneKind::Ambiguous { .. } => None,
    }
}
