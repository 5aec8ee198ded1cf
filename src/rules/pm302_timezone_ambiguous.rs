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
    pub struct TimezoneAmbiguous {
        code: "PM302",
        slug: "timezone-ambiguous",
        severity: Warning,
        fix: None,
        summary: "an ambiguous zone, or zones that contradict each other",
        options: [],
    }
}

impl Rule for TimezoneAmbiguous {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        // One finding per ambiguous abbreviation, on its first use, labelling a few more.
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
                &Self::META,
                z.span.clone(),
                format!("`{}` is ambiguous: it can mean {}", z.text, candidates.join(", ")),
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
        let Some(timeline) = &doc.time.timeline else {
            return;
        };
        // The heading's zone against each entry's own; then each entry's against the last one.
        let declared = timeline.declared_zone.as_ref();
        let mut previous: Option<&ZoneRef> = None;
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
            if let Some(d) = declared
                && !reported_declared
                && let Some(there) = offset_at(&d.kind, point.date, point.time)
                && there != here
            {
                reported_declared = true;
                let mut f = Finding::new(
                    &Self::META,
                    zone.span.clone().unwrap_or(point.time_span.clone()),
                    format!(
                        "this entry is in {} ({}), but the timeline says its times are {} ({})",
                        zone.text,
                        format_offset(here),
                        d.text,
                        format_offset(there)
                    ),
                )
                .help("use the zone the heading declares, or change the declaration");
                if let Some(span) = &d.span {
                    f = f.label(span.clone(), "the timeline's zone is declared here");
                }
                cx.report(f);
            }
            if let Some(p) = previous
                && !reported_switch
                && let Some(there) = offset_at(&p.kind, point.date, point.time)
                && there != here
            {
                reported_switch = true;
                let mut f = Finding::new(
                    &Self::META,
                    zone.span.clone().unwrap_or(point.time_span.clone()),
                    format!(
                        "the timeline switches from {} ({}) to {} ({})",
                        p.text,
                        format_offset(there),
                        zone.text,
                        format_offset(here)
                    ),
                )
                .help("write every entry of the timeline in one zone");
                if let Some(span) = &p.span {
                    f = f.label(span.clone(), "the earlier zone");
                }
                cx.report(f);
            }
            previous = Some(zone);
        }
    }
}

/// The UTC offset a zone has at a moment (IANA zones change with DST).
fn offset_at(kind: &ZoneKind, date: Date, time: Time) -> Option<Offset> {
    match kind {
        ZoneKind::Fixed(o) => Some(*o),
        ZoneKind::Iana(name) => {
            let tz = jiff::tz::db().get(name).ok()?;
            let ts = to_timestamp(date, time, kind)?;
            Some(tz.to_offset(ts))
        }
        ZoneKind::Ambiguous { .. } => None,
    }
}
