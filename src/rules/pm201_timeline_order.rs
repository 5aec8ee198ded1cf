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
        for (entry, point) in timeline.timed() {
            if let Some(prev) = previous
                && prev.until(point).is_negative()
            {
                let (now, before) = (point.written(doc), prev.written(doc));
                let help = if entry.malformed.is_some() {
                    "this entry's time is malformed (see timeline-timestamp); fix it first"
                } else if point.own_date.is_none() && prev.own_date.is_none() {
                    "correct the time (AM/PM?), or add a date if the timeline crosses into another day"
                } else {
                    "correct the time or the date, or move the entry to its place"
                };
                cx.report(
                    Finding::new(
                        Self::META,
                        point.time_span.clone(),
                        format!("this entry ({now}) is earlier than the previous one ({before})"),
                    )
                    .label(prev.time_span.clone(), "the previous entry")
                    .help(help),
                );
            }
            previous = Some(point);
        }
    }
}
