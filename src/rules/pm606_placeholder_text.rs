use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::finding::Finding;
use crate::rules::placeholder::{bracketed, is_prompt, is_template_text, markers_in};
use crate::rules::{Ctx, Rule, declare_rule, pm103_empty_section};

declare_rule! {
    /// ## What it checks
    /// Template text left in place anywhere in the prose, not only in empty sections:
    /// - a line, table cell or labelled value that is only a placeholder, read as
    ///   empty-section (PM103) reads one: `TBD`, `TODO`, `to be determined`, `Owner: TBA`,
    ///   `(TBD)`, `insert details here`, `we will fill this in later`, `xxx`, `???`;
    /// - a prompt in brackets: `[insert link]`, `[describe the impact]`, `[Service name]`,
    ///   `<describe impact>`;
    /// - `Lorem ipsum`, `FIXME`, and `TODO:` or `TBD:` opening a note ("TODO: add the graphs").
    ///
    /// "N/A", "None" and "-" answer a question and are not reported (in a required section
    /// with nothing else, empty-section reports them). A `TODO:` or `Tasks:` line that
    /// introduces a list labels it, and a heading "TODO" names a task list: neither is
    /// reported. Code, URLs and link targets are not read.
    ///
    /// A required section that holds nothing but a placeholder is left to empty-section
    /// (PM103) while that rule is on; placeholder times (`XX:XX`, `??:??`, `HH:MM`) are
    /// reported by timeline-timestamp (PM202) wherever they stand.
    ///
    /// ## Why it matters
    /// A published postmortem with "TBD" where the owner or the impact should be, or a
    /// template's "[insert graph]", was never finished, and readers cannot tell what is
    /// still missing.
    ///
    /// ## Example
    /// ```markdown
    /// ## Impact
    /// About [insert number] users could not log in.
    ///
    /// | Action | Owner |
    /// |---|---|
    /// | Add a login canary | TBD |
    /// ```
    ///
    /// ## How to fix
    /// Write what the placeholder stands for, or delete it; an open question can say so in
    /// words ("the owner is decided at Monday's review").
    ///
    /// ## Options
    /// None.
    pub struct PlaceholderText => PLACEHOLDER_TEXT;
}

impl Rule for PlaceholderText {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        // What empty-section reports, it reports alone.
        let left_to_pm103: Vec<usize> = if cx.settings.severity_of("PM103").is_some() {
            pm103_empty_section::reported_sections(doc, cx.settings.preset)
                .into_iter()
                .map(|(i, _)| i)
                .collect()
        } else {
            Vec::new()
        };
        let mut found: Vec<Range<usize>> = Vec::new();
        for block in &doc.blocks {
            if block
                .section
                .is_some_and(|s| left_to_pm103.iter().any(|&r| doc.is_within(s, r)))
            {
                continue;
            }
            let units = match block.kind {
                BlockKind::Paragraph | BlockKind::Html => lines(doc, block.span.clone()),
                BlockKind::TableRow { .. } => block.cells.clone(),
                // A heading names what follows ("## TODO" over a task list): only markers.
                BlockKind::Heading => Vec::new(),
                BlockKind::CodeBlock | BlockKind::ThematicBreak => continue,
            };
            markers(doc, block.span.clone(), &mut found);
            for unit in units {
                whole_unit(doc, unit, &mut found);
            }
        }
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut last_end = 0;
        for span in found {
            if span.start < last_end {
                continue;
            }
            last_end = span.end;
            let written = doc.text(span.clone()).trim().to_string();
            cx.report(
                Finding::new(
                    Self::META,
                    span,
                    format!("template text left in place: `{written}`"),
                )
                .help("write what this stands for, or delete it"),
            );
        }
    }
}

/// The lines of `span`, each trimmed of white space.
fn lines(doc: &Document, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = span.start;
    for line in doc.masked(span.clone()).split_inclusive('\n') {
        let trimmed = trim(doc, start..start + line.len());
        if !trimmed.is_empty() {
            out.push(trimmed);
        }
        start += line.len();
    }
    out
}

/// `r` without the white space at either end of the masked text.
fn trim(doc: &Document, r: Range<usize>) -> Range<usize> {
    let text = doc.masked(r.clone());
    let start = r.start + (text.len() - text.trim_start().len());
    start..(r.start + text.trim_end().len()).max(start)
}

/// A line or cell that is a placeholder: all of it, the value after its label, or a
/// parenthesis.
fn whole_unit(doc: &Document, span: Range<usize>, found: &mut Vec<Range<usize>>) {
    let text = doc.masked(span.clone());
    // `##TODO`: a heading written without its space names a list, like a heading. The
    // masked text blanks those hashes, so the source before the line is read.
    let line_start = doc.source.text[..span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    if doc.source.text[line_start..span.start]
        .trim_start()
        .starts_with('#')
        || text.starts_with('#')
    {
        return;
    }
    // "TODO:" or "**Tasks:**" on a line of its own introduces what follows.
    let bare = text.trim_end_matches(['*', '_', ' ']);
    if bare.ends_with(':') {
        return;
    }
    if is_template_text(text) {
        found.push(span.clone());
        return;
    }
    if let Some(value) = labelled_value(text)
        && is_template_text(&text[value.clone()])
    {
        found.push(trim(doc, span.start + value.start..span.start + value.end));
    }
    for r in bracketed(text, '(', ')') {
        if is_template_text(&text[r.start + 1..r.end - 1]) {
            found.push(span.start + r.start..span.start + r.end);
        }
    }
}

/// `Owner: TBD`, `**Impact**: to be determined`: the value after a label of one to four
/// words. A label holds letters and no digits or `?`: `14:??` is a time, PM202's.
fn labelled_value(text: &str) -> Option<Range<usize>> {
    let colon = text.find(':')?;
    let label = text[..colon].trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let words = label.split_whitespace().count();
    if !label.chars().any(char::is_alphabetic)
        || label.contains(|c: char| c.is_ascii_digit() || c == '?')
    {
        return None;
    }
    let value = colon + 1..text.len();
    ((1..=4).contains(&words) && !text[value.clone()].trim().is_empty()).then_some(value)
}

/// The markers inside `span` ([`markers_in`]), and prompts in inline HTML (`<describe
/// impact>`), which the masked text blanks: a blanked run that starts with `<`, ends with `>`
/// and holds only words.
fn markers(doc: &Document, span: Range<usize>, found: &mut Vec<Range<usize>>) {
    let text = doc.masked(span.clone());
    found.extend(
        markers_in(text)
            .into_iter()
            .map(|r| span.start + r.start..span.start + r.end),
    );
    let source = doc.text(span.clone());
    for r in bracketed(source, '<', '>') {
        let inner = &source[r.start + 1..r.end - 1];
        let blanked = text[r.clone()].trim().is_empty();
        let words_only = inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '/' | '\''));
        if blanked && words_only && is_html_prompt(inner) {
            found.push(span.start + r.start..span.start + r.end);
        }
    }
}

/// A prompt in angle brackets; not an HTML element (`<br>`, `<time>`, `<img src>`).
fn is_html_prompt(inner: &str) -> bool {
    let first = inner.split([' ', '/']).next().unwrap_or("");
    let element = HTML_ELEMENTS.iter().any(|e| first.eq_ignore_ascii_case(e));
    !element && is_prompt(inner)
}

const HTML_ELEMENTS: &[&str] = &[
    "a",
    "b",
    "i",
    "p",
    "br",
    "hr",
    "img",
    "div",
    "span",
    "time",
    "link",
    "title",
    "summary",
    "details",
    "code",
    "pre",
    "sup",
    "sub",
    "em",
    "strong",
    "u",
    "s",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "li",
    "kbd",
    "mark",
    "small",
    "center",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "header",
    "footer",
    "nav",
    "main",
    "article",
    "picture",
    "source",
    "video",
    "audio",
    "iframe",
    "input",
    "label",
    "button",
    "form",
    "q",
    "abbr",
    "figure",
    "figcaption",
];
