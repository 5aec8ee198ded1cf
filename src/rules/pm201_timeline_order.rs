use crate::document::Document;
use crate::document::timeline::TimePoint;
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Each timeline entry is not earlier than the entry before it. Times are compared as
    /// instants when both zones are known, else as wall-clock times. Dates carry forward from
    /// date sub-headings and dated entries; without dates, a drop from late evening (18:00 or
    /// later) to early morning (before 12:00) is read as the next day, and any other drop is
    /// reported.
    ///
    /// A timeline written newest first (its heading or lead says "newest first" or "reverse
    /// chronological", or its times mostly run backwards) is read in its own direction: only
    /// an entry later than the one before it is reported.
    ///
    /// ## Why it matters
    /// An entry out of order is almost always a wrong time, date, zone or AM/PM, and it
    /// corrupts every number computed from the timeline: time to detect, time to mitigate.
    ///
    /// ## Example
    /// ```markdown
    /// - 7:40 PM: checked the PHP configuration
    /// - 7:30 PM: checked the status of Apache
    /// ```
    ///
    /// ## How to fix
    /// Correct the time (often AM/PM or a zone), add the date where the timeline crosses a day,
    /// or move the entry to its place.
    ///
    /// ## Options
    /// None.
    pub struct TimelineOrder => TIMELINE_ORDER;
}

impl Rule for TimelineOrder {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let Some(timeline) = &doc.time.timeline else {
            return;
        };
        let mut previous: Option<&TimePoint> = None;
        let newest_first = timeline.newest_first;
        for (entry, point) in timeline.timed() {
            let backwards = |prev: &TimePoint| {
                let step = prev.until(point);
                if newest_first {
                    step.is_positive()
                } else {
                    step.is_negative()
                }
            };
            if let Some(prev) = previous
                && backwards(prev)
            {
                let (now, before) = (point.written(doc), prev.written(doc));
                let help = if entry.malformed.is_some() {
                    "this entry's time is malformed (see timeline-timestamp); fix it first"
                } else if point.own_date.is_none() && prev.own_date.is_none() {
                    "correct the time (AM/PM?), or add a date if the timeline crosses into another day"
                } else {
                    "correct the time or the date, or move the entry to its place"
                };
                let message = if newest_first {
                    format!(
                        "this entry ({now}) is later than the previous one ({before}), in a timeline written newest first"
                    )
                } else {
                    format!("this entry ({now}) is earlier than the previous one ({before})")
                };
                cx.report(
                    Finding::new(Self::META, point.time_span.clone(), message)
                        .label(prev.time_span.clone(), "the previous entry")
                        .help(help),
                );
            }
            previous = Some(point);
        }
    }
}
