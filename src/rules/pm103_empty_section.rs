use std::collections::HashSet;

use crate::config::Preset;
use crate::document::{BlockKind, Document};
use crate::finding::Finding;
use crate::rules::placeholder::{is_placeholder, words_if_maybe_empty};
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A section that the preset requires has no content, or only a placeholder such as
    /// `TBD`, `TODO`, `N/A`, `Coming soon` or `Will fill this in later`. Content in a
    /// subsection counts; code blocks, images and HTML count. A heading directly followed by
    /// its parts at the same level (`## Root Cause and Resolution`, then `## Root Cause`; or
    /// `Timeline:`, then `Detection:` and `Actions Taken:`, which the preset does not require)
    /// is a group heading and is not reported; one followed by another required section is.
    ///
    /// ## Why it matters
    /// An empty required section passes a glance at the headings but tells the reader
    /// nothing; it is usually a template that was never filled in.
    ///
    /// ## Example
    /// ```markdown
    /// ## Root Cause
    /// TBD
    ///
    /// ## Corrective Measures
    /// ```
    ///
    /// ## How to fix
    /// Write the section, or remove the heading if the preset does not require it.
    ///
    /// ## Options
    /// None.
    pub struct EmptySection => EMPTY_SECTION;
}

impl Rule for EmptySection {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        for (i, message) in reported_sections(doc, cx.settings.preset) {
            cx.report(
                Finding::new(Self::META, doc.sections[i].title_span.clone(), message)
                    .help("write this section; the preset requires it"),
            );
        }
    }
}

/// The required sections this rule reports, with the message for each. Placeholder-text
/// (PM606) leaves these to it.
pub(super) fn reported_sections(doc: &Document, preset: &Preset) -> Vec<(usize, String)> {
    let empty: Vec<(usize, String)> = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.matches.iter().any(|m| preset.sections[*m].required))
        .filter_map(|(i, _)| emptiness(doc, preset, i).map(|message| (i, message)))
        .collect();
    // A required section written twice, once empty ("Lessons Learned" left as "-" after a
    // full "Action Items"), is there: the empty one is not what the preset misses.
    let filled: HashSet<usize> = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(i, _)| !empty.iter().any(|(e, _)| e == i))
        .flat_map(|(_, s)| s.matches.iter().copied())
        .collect();
    empty
        .into_iter()
        .filter(|(i, _)| {
            let mut required = doc.sections[*i]
                .matches
                .iter()
                .filter(|m| preset.sections[**m].required)
                .peekable();
            required.peek().is_none() || !required.all(|m| filled.contains(m))
        })
        .collect()
}

/// Why section `i` counts as empty (the finding's message), or `None` when it has content.
fn emptiness(doc: &Document, preset: &Preset, i: usize) -> Option<String> {
    let section = &doc.sections[i];
    // A group heading whose parts follow as siblings ("Root Cause and Resolution", then
    // "Root Cause" at the same level) is structure, not an empty section.
    // So is one followed by parts the preset does not require ("Timeline:", then
    // "Detection:", "Actions Taken:" at the same level): its content is in them.
    if doc.sections.get(i + 1).is_some_and(|next| {
        next.matches.iter().any(|m| section.matches.contains(m))
            || (next.level == section.level
                && !next.matches.iter().any(|m| preset.sections[*m].required))
    }) && !has_own_text(doc, section)
    {
        return None;
    }
    // "Issue Summary: Duration: 2 hours" carries its content in the title.
    if let Some((_, rest)) = section.title.split_once(':')
        && rest.split_whitespace().count() >= 2
    {
        return None;
    }
    // Content = the body's prose with every subsection title line cut out.
    let mut text = String::new();
    let mut cursor = section.body.start;
    for sub in doc.sections[i + 1..]
        .iter()
        .take_while(|s| s.span.start < section.body.end)
    {
        text.push_str(doc.masked(cursor..sub.span.start.max(cursor)));
        cursor = sub.span.end.max(cursor);
    }
    text.push_str(doc.masked(cursor..section.body.end.max(cursor)));
    let words = words_if_maybe_empty(&text)?;
    let body = section.body.clone();
    let has_media = doc.blocks_in(i).any(|b| match b.kind {
        BlockKind::CodeBlock => true,
        BlockKind::Html => !doc.text(b.span.clone()).trim_start().starts_with("<!--"),
        _ => false,
    }) || doc.text(body).contains("![");
    if has_media {
        return None;
    }
    if words.is_empty() {
        Some(format!("section `{}` is empty", section.title))
    } else if is_placeholder(words.trim_end_matches('.')) {
        Some(format!(
            "section `{}` holds only a placeholder (`{words}`)",
            section.title
        ))
    } else {
        None
    }
}

/// Does the section have text of its own before its first subsection?
fn has_own_text(doc: &Document, section: &crate::document::Section) -> bool {
    !doc.masked(section.own_body.clone()).trim().is_empty()
}
