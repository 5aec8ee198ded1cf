use std::ops::Range;

use crate::config::{Preset, Role};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// One file that holds two or more postmortems: the preset's summary section comes back,
    /// at the same heading level or higher, and both the text before it and the text from it
    /// on are postmortems of their own. A part is a postmortem when it holds all of the
    /// preset's required sections but at most one, or when it opens with a title heading
    /// directly followed by the summary and holds one more required section. Each postmortem
    /// after the first is reported once, at its title (or its summary when it has none), with
    /// the start of the one before it labelled.
    ///
    /// A summary that comes back alone ("## Summary" as the closing words of a long report)
    /// is no second postmortem; nor is one postmortem that covers several outages, each with
    /// its own timeline and causes, under one summary.
    ///
    /// ## Why it matters
    /// Two postmortems in one file (a draft and its rewrite, or two tasks' answers pasted
    /// together) leave the reader to guess which one is current, and the other rules read the
    /// first one's sections only.
    ///
    /// ## Example
    /// ```markdown
    /// # Checkout outage
    /// ## Summary
    /// ...
    /// ## Action Items
    /// ...
    ///
    /// # Checkout outage (funny version)
    /// ## Summary
    /// ...
    /// ```
    ///
    /// ## How to fix
    /// Keep one postmortem per file: delete the copy, or move the second one to a file of its
    /// own.
    ///
    /// ## Options
    /// None.
    pub struct MultiplePostmortems => MULTIPLE_POSTMORTEMS;
}

impl Rule for MultiplePostmortems {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let starts = postmortem_starts(doc, cx.settings.preset);
        let count = starts.len();
        for (n, pair) in starts.windows(2).enumerate() {
            let (before, this) = (&doc.sections[pair[0]], &doc.sections[pair[1]]);
            let message = format!(
                "this file holds {count} postmortems: postmortem {} starts here",
                n + 2
            );
            cx.report(
                Finding::new(Self::META, this.title_span.clone(), message)
                    .label(
                        before.title_span.clone(),
                        format!("postmortem {} starts here", n + 1),
                    )
                    .help("keep one postmortem per file: delete the copy or move it to a file of its own"),
            );
        }
    }
}

/// The section where each postmortem of the file starts, in order; empty when it holds one.
fn postmortem_starts(doc: &Document, preset: &Preset) -> Vec<usize> {
    let summaries: Vec<usize> = doc.sections_with_role(preset, Role::Summary).collect();
    if summaries.len() < 2 {
        return Vec::new();
    }
    let level = |i: usize| doc.sections[i].level;
    let mut starts = vec![lead_in(doc, summaries[0])];
    let mut current = summaries[0];
    for (n, &next) in summaries.iter().enumerate().skip(1) {
        // A summary nested deeper than the current one is a part of that postmortem.
        if level(next) > level(current) {
            continue;
        }
        let end = summaries[n + 1..]
            .iter()
            .copied()
            .find(|&s| level(s) <= level(next))
            .map_or(doc.sections.len(), |s| lead_in(doc, s));
        let start = lead_in(doc, next);
        let last = *starts.last().unwrap_or(&0);
        let before = Part {
            sections: last..start,
            summary: current,
        };
        let after = Part {
            sections: start..end,
            summary: next,
        };
        if before.is_postmortem(doc, preset) && after.is_postmortem(doc, preset) {
            starts.push(start);
            current = next;
        }
    }
    if starts.len() < 2 { Vec::new() } else { starts }
}

/// Where the postmortem whose summary is section `summary` starts: at the title headings
/// right above it ("# Postmortem: June 19 outage", then "## Issue Summary"), which hold no
/// text of their own and are no preset section.
fn lead_in(doc: &Document, summary: usize) -> usize {
    let mut start = summary;
    while start > 0 {
        let above = &doc.sections[start - 1];
        let is_title = above.is_heading()
            && above.matches.is_empty()
            && above.level <= doc.sections[summary].level
            && doc.masked(above.own_body.clone()).trim().is_empty();
        if !is_title {
            break;
        }
        start -= 1;
    }
    start
}

/// A run of sections that may be one postmortem, with its summary section.
struct Part {
    sections: Range<usize>,
    summary: usize,
}

impl Part {
    fn is_postmortem(&self, doc: &Document, preset: &Preset) -> bool {
        let required: Vec<usize> = (0..preset.sections.len())
            .filter(|&m| preset.sections[m].required)
            .collect();
        let held = required
            .iter()
            .filter(|m| {
                doc.sections[self.sections.clone()]
                    .iter()
                    .any(|s| s.matches.contains(m))
            })
            .count();
        let titled = self.sections.start < self.summary;
        held + 1 >= required.len() || (titled && held >= 2)
    }
}
