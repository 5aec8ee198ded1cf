use jiff::SignedDuration;

use crate::document::Document;
use crate::document::timeline::{EntryKind, TimePoint};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, RuleOption, declare_rule};
use crate::time::humanize;

declare_rule! {
    /// ## What it checks
    /// The summary's start and end against the timeline. The timeline's window is its first
    /// impact entry ("outage begins", "errors", "site down"; else its first entry) and its
    /// resolution entry ("resolved", "back online", "restored", "recovered", "fully
    /// operational"; else its last entry). Reported: a summary start later than the impact
    /// began, or earlier than anything in the timeline; a summary end that differs from the
    /// resolution. When only one side has dates, times are compared on the same day.
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
    pub struct WindowMismatch {
        code: "PM402",
        slug: "window-mismatch",
        severity: Error,
        fix: None,
        summary: "the summary's start or end disagrees with the timeline",
        options: [RuleOption {
            name: "tolerance",
            default: "5m",
            description: "largest difference that is not reported",
        }],
    }
}

/// `later - earlier`, on the same day when either side has no real date.
fn gap(earlier: &TimePoint, later: &TimePoint) -> SignedDuration {
    if earlier.date_known && later.date_known {
        return earlier.until(later);
    }
    let aligned = TimePoint {
        date: earlier.date,
        ..later.clone()
    };
    earlier.until(&aligned)
}

impl Rule for WindowMismatch {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let (Some(summary), Some(timeline)) = (&doc.time.summary, &doc.time.timeline) else {
            return;
        };
        let Some((a, b)) = summary.window else {
            return;
        };
        let timed: Vec<_> = timeline.timed().collect();
        let (Some(first), Some(last)) = (timed.first(), timed.last()) else {
            return;
        };
        // Without an impact or detection entry, the timeline does not say when impact began.
        let impact = timed.iter().find(|(e, _)| e.kind == EntryKind::Impact);
        let after = impact.map_or(0, |(e, _)| e.span.start);
        let resolution = timed
            .iter()
            .skip_while(|(e, _)| e.span.start < after)
            .find(|(e, _)| e.kind == EntryKind::Resolution)
            .unwrap_or(last);
        let tolerance = cx.options.tolerance.unwrap_or(SignedDuration::from_mins(5));
        let tolerance = if summary.window_approximate {
            tolerance.max(SignedDuration::from_mins(15))
        } else {
            tolerance
        };
        let (start, end) = (&summary.times[a], &summary.times[b]);
        let entry_text = |span: &std::ops::Range<usize>| {
            let t = doc.text(span.clone()).lines().next().unwrap_or("").trim();
            let t = t.replace("**", "");
            let t = t.trim_start_matches(['-', '*', '+', '|', ' ']);
            if t.chars().count() > 60 {
                format!("{}…", t.chars().take(60).collect::<String>())
            } else {
                t.to_string()
            }
        };
        // A start later than the impact, or earlier than the whole timeline.
        let late = impact.map(|i| (i, gap(i.1, start)));
        let early = gap(start, first.1);
        let start_problem = if let Some((impact, late)) = late.filter(|(_, l)| *l > tolerance) {
            Some((impact, format!("{} later", humanize(late))))
        } else if early > tolerance {
            Some((
                first,
                format!("{} before the timeline's first entry", humanize(early)),
            ))
        } else {
            None
        };
        if let Some(((entry, point), how)) = start_problem {
            cx.report(
                Finding::new(
                    &Self::META,
                    start.time_span.clone(),
                    format!(
                        "the summary starts at {} ({how}), but the timeline has `{}` at {}",
                        start.label(doc),
                        entry_text(&entry.span),
                        point.label(doc)
                    ),
                )
                .label(point.time_span.clone(), "the timeline's start")
                .help(
                    "make the summary's start the time the impact began, or correct the timeline",
                ),
            );
        }
        let off = gap(resolution.1, end);
        if off.abs() > tolerance {
            let (entry, point) = resolution;
            let how = if off.is_positive() {
                "later"
            } else {
                "earlier"
            };
            cx.report(
                Finding::new(
                    &Self::META,
                    end.time_span.clone(),
                    format!(
                        "the summary ends at {} ({} {how}), but the timeline has `{}` at {}",
                        end.label(doc),
                        humanize(off.abs()),
                        entry_text(&entry.span),
                        point.label(doc)
                    ),
                )
                .label(point.time_span.clone(), "the timeline's end")
                .help(
                    "make the summary's end the time service was restored, or correct the timeline",
                ),
            );
        }
    }
}
