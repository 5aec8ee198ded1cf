use std::ops::Range;

use crate::document::Document;
use crate::document::timeline::TimePoint;
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Times in the summary or the timeline whose zone cannot be determined. A zone counts when
    /// it is written on the time (`14:05 UTC`, `2:00 PM (GMT+2)`), shared by a range
    /// (`from 6:00 AM to 7:50 PM GMT`), declared for the section in its heading or lead
    /// sentence (`Timeline (all times EAT)`, "All times are UTC"), given in a table column
    /// header (`Time (CET)`), carried from an earlier time in the same section, or set for the
    /// whole document (front matter `timezone:`, config `default-timezone`). Reported once per
    /// section, on its first time without a zone.
    ///
    /// ## Why it matters
    /// Readers are spread over zones; "started at 6:00" means three different moments to three
    /// teams, and durations across a DST change come out wrong.
    ///
    /// ## Example
    /// ```markdown
    /// ## Issue Summary
    /// From 07:00 to 09:00 the site returned errors.
    /// ```
    ///
    /// ## How to fix
    /// Write the zone once for the section (`## Timeline (all times UTC)`), after the times, or
    /// for every document with `default-timezone` in pmlint.toml.
    ///
    /// ## Options
    /// None.
    pub struct TimezoneMissing => TIMEZONE_MISSING;
}

impl Rule for TimezoneMissing {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let fallback = doc.time.document_zone.is_some();
        if let Some(summary) = &doc.time.summary {
            let name = match summary.section {
                Some(i) => format!("`{}`", doc.sections[i].title),
                None => "the summary (the text before the timeline)".to_string(),
            };
            let timeline = doc
                .time
                .timeline
                .as_ref()
                .map(|t| &doc.sections[t.section].span);
            // Broken times ("3:AM") are times too: their zone is missing all the same.
            let broken = if fallback || summary.declared_zone.is_some() {
                Vec::new()
            } else {
                doc.time
                    .malformed
                    .iter()
                    .filter(|m| m.zone.is_none() && summary.range.contains(&m.span.start))
                    .filter(|m| timeline.is_none_or(|t| m.span.start < t.start))
                    .map(|m| m.span.clone())
                    .collect()
            };
            let times = summary.times.iter().map(zoneless);
            report(doc, cx, &name, times, broken, summary.section.is_some());
        }
        if let Some(timeline) = &doc.time.timeline {
            let name = format!("`{}`", doc.sections[timeline.section].title);
            let broken = if fallback || timeline.declared_zone.is_some() {
                Vec::new()
            } else {
                let body = &doc.sections[timeline.section].body;
                doc.time
                    .malformed
                    .iter()
                    .filter(|m| m.zone.is_none() && body.contains(&m.span.start))
                    .map(|m| m.span.clone())
                    .collect()
            };
            let times = timeline.timed().map(|(_, p)| zoneless(p));
            report(doc, cx, &name, times, broken, true);
        }
    }
}

/// A time's span, and whether it has no zone.
fn zoneless(p: &TimePoint) -> (Range<usize>, bool) {
    (p.time_span.clone(), p.zone.is_none())
}

fn report(
    doc: &Document,
    cx: &mut Ctx<'_>,
    name: &str,
    times: impl Iterator<Item = (Range<usize>, bool)>,
    broken: Vec<Range<usize>>,
    has_heading: bool,
) {
    let times: Vec<(Range<usize>, bool)> = times.collect();
    let mut missing: Vec<Range<usize>> = times
        .iter()
        .filter(|(_, none)| *none)
        .map(|(span, _)| span.clone())
        .chain(broken)
        .collect();
    missing.sort_by_key(|s| s.start);
    let Some(first) = missing.first() else {
        return;
    };
    let message = if times.iter().all(|(_, none)| *none) {
        format!("times in {name} have no time zone")
    } else {
        format!("some times in {name} have no time zone")
    };
    let mut finding = Finding::new(TimezoneMissing::META, first.clone(), message);
    for other in missing.iter().skip(1).take(3) {
        finding = finding.label(other.clone(), "no zone either");
    }
    let written = doc.text(first.clone()).trim();
    let help = if has_heading {
        format!(
            "write the zone after the time (`{written} UTC`), once in the section heading (`Timeline (all times UTC)`), or set `default-timezone` in pmlint.toml"
        )
    } else {
        format!(
            "write the zone after the time (`{written} UTC`), or set `default-timezone` in pmlint.toml"
        )
    };
    cx.report(finding.help(help));
}
