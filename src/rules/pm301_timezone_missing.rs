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
    pub struct TimezoneMissing {
        code: "PM301",
        slug: "timezone-missing",
        severity: Warning,
        fix: None,
        summary: "times in the summary or timeline have no time zone",
        options: [],
    }
}

impl Rule for TimezoneMissing {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        if let Some(summary) = &doc.time.summary {
            let name = match summary.section {
                Some(i) => format!("`{}`", doc.sections[i].title),
                None => "the summary (the text before the timeline)".to_string(),
            };
            report(
                doc,
                cx,
                &name,
                summary.times.iter(),
                summary.section.is_some(),
            );
        }
        if let Some(timeline) = &doc.time.timeline {
            let name = format!("`{}`", doc.sections[timeline.section].title);
            report(doc, cx, &name, timeline.timed().map(|(_, p)| p), true);
        }
    }
}

fn report<'a>(
    doc: &Document,
    cx: &mut Ctx<'_>,
    name: &str,
    times: impl Iterator<Item = &'a TimePoint>,
    has_heading: bool,
) {
    let times: Vec<&TimePoint> = times.collect();
    let zoneless: Vec<&&TimePoint> = times.iter().filter(|p| p.zone.is_none()).collect();
    let Some(first) = zoneless.first() else {
        return;
    };
    let message = if zoneless.len() == times.len() {
        format!("times in {name} have no time zone")
    } else {
        format!("some times in {name} have no time zone")
    };
    let mut finding = Finding::new(&TimezoneMissing::META, first.time_span.clone(), message);
    for other in zoneless.iter().skip(1).take(3) {
        finding = finding.label(other.time_span.clone(), "no zone either");
    }
    let help = if has_heading {
        format!(
            "write the zone after the time (`{} UTC`), once in the section heading (`Timeline (all times UTC)`), or set `default-timezone` in pmlint.toml",
            first.label(doc)
        )
    } else {
        format!(
            "write the zone after the time (`{} UTC`), or set `default-timezone` in pmlint.toml",
            first.label(doc)
        )
    };
    cx.report(finding.help(help));
}
