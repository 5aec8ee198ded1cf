use jiff::SignedDuration;

use crate::document::Document;
use crate::document::timeline::stated_duration;
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};
use crate::time::humanize;

declare_rule! {
    /// ## What it checks
    /// A duration the summary states ("1 hour and 5 minutes", "65 minutes", "1h05m", "two
    /// hours", "Duration: 30 mins") against the start and end the summary itself gives
    /// ("from 6:45 AM to 8:43 AM", "Start: … / End: …"). The duration is the one led by a cue
    /// ("lasted", "Duration:", "for a total of"), written right after the window ("from 6:45
    /// to 8:43 (1h05m)"), or followed by "in all", "in total", "overall" or "of downtime"
    /// ("45 minutes of downtime"). Approximate
    /// phrasing ("about 2 hours", "~2h", "around 07:00") widens the tolerance to a quarter of
    /// the duration; one in whole days is taken to half a day.
    ///
    /// ## Why it matters
    /// The summary is what executives read. A duration that contradicts its own start and end
    /// is the first thing a customer will quote back.
    ///
    /// ## Example
    /// ```markdown
    /// From 6:45 AM to 8:43 AM GMT the service was down, resulting in 1 hour and 5 minutes
    /// of downtime.
    /// ```
    ///
    /// ## How to fix
    /// Correct the duration, the start or the end so that they agree.
    ///
    /// ## Options
    /// - `tolerance`: how far apart they may be (default `"2m"`).
    pub struct DurationMismatch => DURATION_MISMATCH;
}

impl Rule for DurationMismatch {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let Some(summary) = &doc.time.summary else {
            return;
        };
        let Some((a, b)) = summary.window else {
            return;
        };
        let (start, end) = (&summary.times[a], &summary.times[b]);
        let mut actual = start.gap_to(end);
        // "from 11 PM to 1 AM" on one stated day.
        if actual.is_negative() && !(start.date_known && end.date_known) {
            actual += SignedDuration::from_hours(24);
        }
        if !actual.is_positive() {
            return;
        }
        let Some(stated) = stated_duration(doc, summary) else {
            return;
        };
        let tolerance = cx.options.tolerance.unwrap_or(SignedDuration::from_mins(2));
        let tolerance = if stated.approximate || summary.window_approximate {
            tolerance.max(stated.duration / 4)
        } else {
            tolerance
        };
        // "5 days" is said to the day, not to the minute; hours and minutes are held to the
        // configured tolerance, as the detection contract decides ("2 hours" against 1 h 50 m
        // is reported).
        let written = doc.text(stated.span.clone()).to_lowercase();
        let tolerance =
            if !written.contains('h') && !written.contains("min") && written.contains("day") {
                tolerance.max(SignedDuration::from_hours(12))
            } else {
                tolerance
            };
        if (stated.duration - actual).abs() <= tolerance {
            return;
        }
        let written = doc.text(stated.span.clone()).trim();
        cx.report(
            Finding::new(
                Self::META,
                stated.span.clone(),
                format!(
                    "says {written}, but {} to {} is {}",
                    start.written(doc),
                    end.written(doc),
                    humanize(actual)
                ),
            )
            .label(start.time_span.clone(), "starts here")
            .label(end.time_span.clone(), "ends here")
            .help(format!(
                "correct the duration ({}) or the start and end so that they agree",
                humanize(actual)
            )),
        );
    }
}
