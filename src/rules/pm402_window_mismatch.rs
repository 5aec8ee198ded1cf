use jiff::SignedDuration;

use crate::document::Document;
use crate::document::timeline::{Entry, TimePoint};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};
use crate::time::humanize;

declare_rule! {
    /// ## What it checks
    /// The summary's start and end against the timeline: a summary start later than the
    /// timeline's first impact entry ("outage begins", "errors", "site down", or a detection
    /// such as "alert fired", by which time impact had begun), and a summary end that matches
    /// none of the timeline's resolution entries ("resolved", "back online", "restored",
    /// "recovered", "fully operational", "end of the incident"). A timeline with no impact or
    /// no resolution entry does not say when the outage began or ended, and is not compared.
    /// When only one side has dates, times are compared on the same day.
    ///
    /// ## Why it matters
    /// The summary's window is the outage's official length; when the timeline disagrees, one
    /// of them is wrong, and readers will not know which.
    ///
    /// ## Example
    /// ```markdown
    /// ## Summary
    /// From 6:00 AM to 7:50 PM GMT, requests failed.
    /// ## Timeline (all GMT)
    /// - 5:46 AM: outage begins
    /// - 7:50 PM: 100% of traffic back online
    /// ```
    ///
    /// ## How to fix
    /// Make the summary's start and end the times the timeline records, or correct the timeline.
    ///
    /// ## Options
    /// - `tolerance`: how far apart they may be (default `"5m"`; an approximate summary,
    ///   "around 07:00", allows at least 15 minutes).
    pub struct WindowMismatch => WINDOW_MISMATCH;
}

impl Rule for WindowMismatch {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let (Some(summary), Some(timeline)) = (&doc.time.summary, &doc.time.timeline) else {
            return;
        };
        let Some((a, b)) = summary.window else {
            return;
        };
        let tolerance = cx.options.tolerance.unwrap_or(SignedDuration::from_mins(5));
        let tolerance = if summary.window_approximate {
            tolerance.max(SignedDuration::from_mins(15))
        } else {
            tolerance
        };
        let (start, end) = (&summary.times[a], &summary.times[b]);
        // Compared both ways, as the detection contract decides: a start later than the
        // first impact (or detection) entry, or earlier than the timeline's first entry (the
        // trigger, "config pushed", may come before any impact is seen).
        let impact = timeline.impact_start();
        let first = timeline.first_timed();
        let late = impact.filter(|(_, p)| p.gap_to(start) > tolerance);
        let early = first.filter(|(_, p)| -p.gap_to(start) > tolerance);
        if let Some((entry, point)) = late.or(early) {
            let help =
                "make the summary's start the time the impact began, or correct the timeline";
            cx.report(mismatch(
                doc,
                ("starts", start),
                (entry, point),
                "the timeline begins here",
                help,
            ));
        }
        let Some((entry, point)) = timeline.resolution_end() else {
            return;
        };
        if point.gap_to(end).abs() > tolerance {
            let help =
                "make the summary's end the time service was restored, or correct the timeline";
            cx.report(mismatch(
                doc,
                ("ends", end),
                (entry, point),
                "service is back here",
                help,
            ));
        }
    }
}

/// The finding for a summary time (`starts` or `ends` at `said`) that the timeline's `entry`
/// at `point` contradicts.
fn mismatch(
    doc: &Document,
    (verb, said): (&str, &TimePoint),
    (entry, point): (&Entry, &TimePoint),
    label: &str,
    help: &str,
) -> Finding {
    let off = point.gap_to(said);
    let how = if off.is_positive() {
        "later"
    } else {
        "earlier"
    };
    Finding::new(
        WindowMismatch::META,
        said.time_span.clone(),
        format!(
            "the summary {verb} at {} ({} {how}), but the timeline has `{}` at {}",
            said.written(doc),
            humanize(off.abs()),
            entry_text(doc, &entry.span),
            point.label(doc)
        ),
    )
    .label(point.time_span.clone(), label)
    .help(help)
}

/// An entry's first line, without list or emphasis markers, cut to a readable length.
fn entry_text(doc: &Document, span: &std::ops::Range<usize>) -> String {
    let t = doc.text(span.clone()).lines().next().unwrap_or("").trim();
    let t = t.replace("**", "");
    let t = t.trim_start_matches(['-', '*', '+', '|', ' ']);
    if t.chars().count() > 60 {
        format!("{}…", t.chars().take(60).collect::<String>())
    } else {
        t.to_string()
    }
}
