use std::collections::HashMap;

use crate::document::timeline::{Entry, Shape, Timeline};
use crate::document::{BlockKind, Document};
use crate::finding::{Applicability, Finding};
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// - A timeline with no times at all (reported once, on its heading); one kept by the day
    ///   (every entry a date) is not reported.
    /// - An entry without a time in an otherwise timed timeline: a list item or table row in a
    ///   list or table whose entries are mostly timed. A paragraph between entries is
    ///   commentary, an entry with a date but no time is a day-level entry, and bullets under a
    ///   timed entry or sub-heading are its details: none of these is reported. A dated entry
    ///   is reported when at least three quarters of the entries of its list or table have a
    ///   time of day.
    /// - A malformed time anywhere in the document: `7:40: PM` (stray colon), `13:15 PM`
    ///   (24-hour clock with PM), `25:10`, `9:75`, `--:--`, `HH:mm`, `10:00 M`. The help line
    ///   gives the time most likely meant.
    /// - A timeline entry dated with a year cut short or run on: `11/03/202`, `12/14/20202`.
    ///
    /// ## Why it matters
    /// A timeline is the record of when things happened. Entries without times, or with times
    /// no one can read, cannot be ordered or measured.
    ///
    /// ## Example
    /// ```markdown
    /// ## Timeline
    /// - 7:30 PM: checked Apache
    /// - Checked the PHP configuration
    /// - 7:40: PM: fixed wp-settings.php
    /// ```
    ///
    /// ## How to fix
    /// Give each entry its time, in one format. A malformed time with one clear reading has an
    /// unsafe fix that rewrites it (`--fix --unsafe-fixes`).
    ///
    /// ## Options
    /// None.
    pub struct TimelineTimestamp => TIMELINE_TIMESTAMP;
}

impl Rule for TimelineTimestamp {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        // Broken times anywhere: the contract's own example ("7:40: PM") is in prose.
        for m in &doc.time.malformed {
            let written = doc.text(m.span.clone()).trim();
            let mut finding = Finding::new(
                Self::META,
                m.span.clone(),
                format!("malformed time `{written}`: {}", m.problem),
            );
            finding = match &m.suggestion {
                Some(s) => finding
                    .help(format!("did you mean `{s}`?"))
                    .replace_with(Applicability::Unsafe, s.clone()),
                None => finding.help("write the time as HH:MM (24-hour) or H:MM AM/PM"),
            };
            cx.report(finding);
        }
        let Some(timeline) = &doc.time.timeline else {
            return;
        };
        report_broken_dates(doc, timeline, cx);
        let section = &doc.sections[timeline.section];
        let timed = timeline.entries.iter().filter(|e| has_time(e)).count();
        // A timeline of dates only ("04/23/2023 - reported") is kept by the day: not reported.
        if timed == 0 && timeline.entries.iter().any(|e| e.has_date) {
            return;
        }
        // No entries of its own: the timeline is raw HTML (`<li>` items). An empty heading
        // whose would-be parts follow as sections of its own level ("### Timeline:", then
        // "### Detection:") is a timeline with no entries, as a reviewer reads it.
        if timeline.entries.is_empty()
            && doc
                .blocks_in(timeline.section)
                .any(|b| b.kind == BlockKind::Html)
        {
            return;
        }
        if timed == 0 {
            let what = if timeline.entries.is_empty() {
                "no entries"
            } else {
                "no times"
            };
            cx.report(
                Finding::new(
                    Self::META,
                    section.title_span.clone(),
                    format!("the timeline has {what}"),
                )
                .help("list the events as `- 14:05 UTC: what happened`, one per line, in order"),
            );
            return;
        }
        if timeline.shape == Shape::Lines {
            report_untimed_paragraphs(doc, timeline, cx);
            return;
        }
        // Untimed entries count only in a list or table whose entries are mostly timed; a
        // note is fine.
        let is_timed = has_time;
        // (timed, all) entries per list, counted once.
        let mut counts: HashMap<Option<std::ops::Range<usize>>, (usize, usize)> = HashMap::new();
        for e in &timeline.entries {
            let c = counts.entry(e.list.clone()).or_default();
            c.0 += usize::from(is_timed(e));
            c.1 += 1;
        }
        // The contract: every untimed event entry of a timeline that has timed ones, in a
        // list or table that holds a timed entry itself.
        let mostly_timed = |list: &Option<std::ops::Range<usize>>| {
            counts.get(list).is_some_and(|&(timed, _)| timed >= 1)
        };
        // A date alone is a day-level entry, unless nearly every entry beside it has a time
        // of day: then it is one whose time was left out ("2021-12-10 | advisory published"
        // among rows of "2021-12-10 15:40").
        let timed_by_the_minute = |list: &Option<std::ops::Range<usize>>| {
            counts
                .get(list)
                .is_some_and(|&(timed, all)| timed >= 3 && timed * 4 >= all * 3)
        };
        for e in timeline.entries.iter().filter(|e| {
            !is_timed(e)
                && (!e.has_date || timed_by_the_minute(&e.list))
                && !is_note(doc.masked(e.span.clone()))
                && mostly_timed(&e.list)
        }) {
            let text = doc.text(e.span.clone());
            let first_line = text.lines().next().unwrap_or("").trim_end();
            let span = e.span.start..e.span.start + first_line.len();
            cx.report(
                Finding::new(Self::META, span, "this timeline entry has no time")
                    .help("start the entry with the time it happened, as the other entries do"),
            );
        }
    }
}

/// A timeline entry stamped with a date whose year was cut short or ran on (`11/03/202`):
/// nothing can place it.
fn report_broken_dates(doc: &Document, timeline: &Timeline, cx: &mut Ctx<'_>) {
    for e in &timeline.entries {
        for r in crate::time::broken_dates(doc.masked(e.span.clone())) {
            let span = e.span.start + r.start..e.span.start + r.end;
            let written = doc.text(span.clone());
            let year = written.rsplit(['/', '-']).next().unwrap_or("");
            cx.report(
                Finding::new(
                    TimelineTimestamp::META,
                    span,
                    format!(
                        "malformed date `{written}`: its year has {} digits",
                        year.len()
                    ),
                )
                .help("write the year in full: `11/03/2023` or `2023-11-03`"),
            );
        }
    }
}

/// A time of its own: leading the entry, broken, or inside its line ("Detection: paged at
/// 03:45 AM").
fn has_time(e: &Entry) -> bool {
    e.point.is_some() || e.malformed.is_some() || e.buried_time
}

/// A timeline of plain lines: each line with no time that starts an entry of its own is
/// reported ("Escalation: the incident went to the database team" between timed lines).
/// - In a paragraph with no time at all, only its first line counts: the paragraph is one
///   entry. One before the first timed paragraph that ends with a colon introduces the list
///   ("Here is what happened:").
/// - In a paragraph with timed lines, a line starts an entry when it opens with a capital
///   after a line that ended a sentence or a label; a line that is only a label
///   ("Actions Taken:") names what follows, and a line that goes on lower case is a wrapped
///   part of the one above.
fn report_untimed_paragraphs(doc: &Document, timeline: &Timeline, cx: &mut Ctx<'_>) {
    let mut seen_timed = false;
    let entries = &timeline.entries;
    let mut report = |e: &Entry| {
        cx.report(
            Finding::new(
                TimelineTimestamp::META,
                e.span.clone(),
                "this timeline entry has no time",
            )
            .help("start the entry with the time it happened, as the other entries do"),
        );
    };
    let mut i = 0;
    while i < entries.len() {
        let list = &entries[i].list;
        let para_end = entries[i..]
            .iter()
            .position(|e| &e.list != list)
            .map_or(entries.len(), |n| i + n);
        let paragraph = &entries[i..para_end];
        i = para_end;
        if paragraph.iter().any(has_time) {
            seen_timed = true;
            let mut previous: Option<Line> = None;
            for e in paragraph {
                let line = Line::of(doc, e);
                if !line.timed && line.starts_entry(previous.as_ref()) && !is_note(line.text) {
                    report(e);
                }
                previous = Some(line);
            }
            continue;
        }
        let first = &paragraph[0];
        let text = doc.masked(first.span.clone()).trim();
        let intro = !seen_timed && text.ends_with(':');
        if first.has_date || intro || is_prompt(text) || is_note(text) || text.is_empty() {
            continue;
        }
        report(first);
    }
}

/// A line of a timed paragraph of plain lines, as [`Line::starts_entry`] reads it.
struct Line<'d> {
    /// Without its indentation.
    text: &'d str,
    indent: usize,
    timed: bool,
}

impl<'d> Line<'d> {
    fn of(doc: &'d Document, e: &Entry) -> Line<'d> {
        let raw = doc.masked(e.span.clone()).trim_end();
        let text = raw.trim_start();
        Line {
            text,
            indent: raw.len() - text.len(),
            timed: has_time(e),
        }
    }

    /// Whether this untimed line is an entry of its own rather than part of the one above:
    /// - it reads as an event: a capital first, four words or more, not a label or a prompt
    ///   ("Actions Taken:", "How was the issue detected?");
    /// - the line above did not break off mid-phrase (after a comma or a word such as "the"
    ///   or "to", as a hard-wrapped line does), and this one is not indented under it;
    /// - the line above is not a bare time stamp ("February 15, 2024: 7:56am UTC") whose
    ///   event this line tells.
    ///
    /// Lines of these timelines often end without a full stop, so the line above need not end
    /// a sentence.
    fn starts_entry(&self, previous: Option<&Line>) -> bool {
        let words = self.text.split_whitespace().count();
        let capital = self.text.chars().next().is_some_and(char::is_uppercase);
        if !capital || words < 4 || is_prompt(self.text) {
            return false;
        }
        let Some(p) = previous else {
            return true;
        };
        let broken_off = p.text.ends_with([',', ';', '-', '(', '/', '&'])
            || p.text
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| WRAP_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f)));
        let bare_stamp = p.timed && p.text.split_whitespace().count() <= 5;
        !broken_off && self.indent <= p.indent && !bare_stamp
    }
}

/// A template's label or question over the entries it asks for: "Actions Taken:", "How was
/// the issue detected?", "when was it fixed".
fn is_prompt(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    text.ends_with([':', '?'])
        || ["when", "how", "what", "who", "why", "where", "which"]
            .iter()
            .any(|q| first.eq_ignore_ascii_case(q))
}

/// Words a sentence does not end on: a line ending on one goes on in the next.
const WRAP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by",
    "from", "that", "which", "was", "were", "is", "are", "be", "as", "into", "our", "their",
];

/// "Note: ...", "**NB:** ...", "Note that ...": a remark in the timeline, not an event.
fn is_note(text: &str) -> bool {
    let t =
        text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '+' | '_'));
    let lower = t.to_lowercase();
    if lower.starts_with("note that ") || lower.starts_with("please note") {
        return true;
    }
    ["note", "nb", "n.b.", "update", "remark"].iter().any(|w| {
        lower.starts_with(w)
            && lower[w.len()..]
                .trim_start_matches(['*', '_'])
                .starts_with(':')
    })
}
