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
    ///   timed entry or sub-heading are its details: none of these is reported.
    /// - A malformed time anywhere in the document: `7:40: PM` (stray colon), `13:15 PM`
    ///   (24-hour clock with PM), `25:10`, `9:75`, `--:--`, `10:00 M`. The help line gives the
    ///   time most likely meant.
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
        let section = &doc.sections[timeline.section];
        let timed = timeline
            .entries
            .iter()
            .filter(|e| e.point.is_some() || e.malformed.is_some())
            .count();
        // A timeline of dates only ("04/23/2023 - reported") is kept by the day: not reported.
        if timed == 0 && timeline.entries.iter().any(|e| e.has_date) {
            return;
        }
        // No entries of its own: the timeline is raw HTML (`<li>` items), or a group heading
        // whose parts follow as sibling sections ("Timeline:", then "Detection:").
        if timeline.entries.is_empty() {
            let html = doc
                .blocks_in(timeline.section)
                .any(|b| b.kind == BlockKind::Html);
            let preset = cx.settings.preset;
            let parts_follow = doc.sections.get(timeline.section + 1).is_some_and(|next| {
                next.level == section.level
                    && !next.matches.iter().any(|m| preset.sections[*m].required)
            });
            if html || parts_follow {
                return;
            }
        }
        if timed == 0 && timeline.buried_times > 0 {
            cx.report(
                Finding::new(
                    Self::META,
                    section.title_span.clone(),
                    "no entry of the timeline starts with its time",
                )
                .help("start each entry with the time it happened: `- 14:05 UTC: what happened`"),
            );
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
        // dated entry without a time ("2021-12-10 | advisory published") and a note are fine.
        let is_timed = |e: &Entry| e.point.is_some() || e.malformed.is_some();
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
        for e in timeline.entries.iter().filter(|e| {
            !is_timed(e)
                && !e.has_date
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

/// A timeline of plain lines: each paragraph with no time in any of its lines is an entry
/// with no time ("Escalation: the incident went to the database team" between timed
/// paragraphs). A line inside a paragraph that has timed lines may be a wrapped part of an
/// entry, and an untimed paragraph before the first timed one that ends with a colon
/// introduces the list ("Here is what happened:"): neither is reported.
fn report_untimed_paragraphs(doc: &Document, timeline: &Timeline, cx: &mut Ctx<'_>) {
    let is_timed = |e: &Entry| e.point.is_some() || e.malformed.is_some();
    let mut seen_timed = false;
    let entries = &timeline.entries;
    let mut i = 0;
    while i < entries.len() {
        let list = &entries[i].list;
        let para_end = entries[i..]
            .iter()
            .position(|e| &e.list != list)
            .map_or(entries.len(), |n| i + n);
        let paragraph = &entries[i..para_end];
        i = para_end;
        if paragraph.iter().any(is_timed) {
            seen_timed = true;
            continue;
        }
        let first = &paragraph[0];
        let text = doc.masked(first.span.clone()).trim();
        let intro = !seen_timed && text.ends_with(':');
        if first.has_date || intro || is_note(text) || text.is_empty() {
            continue;
        }
        cx.report(
            Finding::new(
                TimelineTimestamp::META,
                first.span.clone(),
                "this timeline entry has no time",
            )
            .help("start the entry with the time it happened, as the other entries do"),
        );
    }
}

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
