//! The postmortem model. One comrak parse per file, one walk over its AST, and the result is
//! an owned [`Document`] that every rule reads; the AST and its arena are dropped after.

pub mod fences;
mod html;
pub mod sections;
pub mod timeline;
mod walk;
pub mod words;

use std::ops::Range;

use comrak::nodes::{Node, NodeValue};
use comrak::{Arena, Options};

pub use sections::{Section, SectionKind};
pub use words::Word;

use crate::config::{Preset, Role, Settings};
use crate::source::Source;
use crate::suppress::{Directive, Suppressions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A table row; `cells` holds each cell's span.
    TableRow {
        header: bool,
    },
    CodeBlock,
    Html,
    ThematicBreak,
}

/// A leaf block of the document, in document order.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Range<usize>,
    /// The innermost section that holds this block.
    pub section: Option<usize>,
    /// The innermost list item that holds this block.
    pub list_item: Option<Range<usize>>,
    /// The innermost list that holds this block.
    pub list: Option<Range<usize>>,
    pub cells: Vec<Range<usize>>,
    /// This block is (or starts with) a pseudo-heading: its first `title_len` bytes are the title.
    pub opens_section: bool,
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub span: Range<usize>,
    /// `key: value` (YAML) or `key = "value"` (TOML) lines at the top level: (key, value, value span).
    pub fields: Vec<(String, String, Range<usize>)>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<(&str, Range<usize>)> {
        self.fields
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v, s)| (v.as_str(), s.clone()))
    }
}

#[derive(Debug)]
pub struct Document {
    pub source: Source,
    /// The source with code, HTML, URLs, link targets and front matter blanked out with spaces,
    /// byte for byte: prose scanners read this, so their offsets are the source's.
    pub masked: String,
    pub front_matter: Option<FrontMatter>,
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub words: Vec<Word>,
    pub directives: Vec<Directive>,
    pub suppressions: Suppressions,
    /// Times, dates, zones and durations, with the timeline and the summary resolved.
    pub time: timeline::TimeFacts,
    /// Fenced code blocks that no fence closes, in document order.
    pub unclosed_fences: Vec<fences::UnclosedFence>,
}

impl Document {
    pub fn section_with_role(&self, preset: &Preset, role: Role) -> Option<(usize, &Section)> {
        let first = self.sections_with_role(preset, role).next()?;
        Some((first, &self.sections[first]))
    }

    /// The sections matched to the preset's section of `role`, in document order.
    pub fn sections_with_role(
        &self,
        preset: &Preset,
        role: Role,
    ) -> impl Iterator<Item = usize> + '_ {
        let wanted = preset.role(role);
        (0..self.sections.len())
            .filter(move |&i| wanted.is_some_and(|w| self.sections[i].matches.contains(&w)))
    }

    /// Is section `inner` the same as, or nested inside, section `outer`?
    pub fn is_within(&self, inner: usize, outer: usize) -> bool {
        let mut cur = Some(inner);
        while let Some(i) = cur {
            if i == outer {
                return true;
            }
            cur = self.sections[i].parent;
        }
        false
    }

    /// Blocks of section `index` and its subsections.
    pub fn blocks_in(&self, index: usize) -> impl Iterator<Item = &Block> {
        // Blocks are in document order and a section's blocks all start between its heading
        // and the end of its body: search only there, so a rule that asks for every section's
        // blocks stays linear in a file with thousands of sections.
        let s = &self.sections[index];
        let from = self.blocks.partition_point(|b| b.span.start < s.span.start);
        let to = from + self.blocks[from..].partition_point(|b| b.span.start < s.body.end);
        self.blocks[from..to]
            .iter()
            .filter(move |b| b.section.is_some_and(|s| self.is_within(s, index)))
    }

    pub fn masked(&self, range: Range<usize>) -> &str {
        &self.masked[range]
    }

    pub fn text(&self, range: Range<usize>) -> &str {
        &self.source.text[range]
    }
}

/// The comrak options pmlint parses with (public for the parse-only benchmark floor).
pub fn options(front_matter: Option<&str>) -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.front_matter_delimiter = front_matter.map(str::to_string);
    options
}

/// comrak reads front matter with one delimiter; pick the one this file opens with.
pub fn front_matter_delimiter(text: &str) -> Option<&'static str> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.starts_with("---") {
        Some("---")
    } else if body.starts_with("+++") {
        Some("+++")
    } else {
        None
    }
}

/// A pseudo-heading found inside a paragraph.
struct Opener {
    title: String,
    title_span: Range<usize>,
    span: Range<usize>,
    level: Option<u8>,
    kind: SectionKind,
}

/// An ATX heading line as written: up to three spaces, one to six `#`, the title (which
/// starts with neither `#` nor white space), and an optional closing run of `#`. With
/// `spaced`, spaces or tabs may stand between the `#` and the title (a heading line inside
/// an HTML block); without, the title touches them (`##Title`, which CommonMark reads as a
/// paragraph). The ranges of the `#` and of the title, within `line`. Read by hand: the
/// two patterns this replaces were Unicode regexes compiled on every run (0.1 ms).
fn heading_line(line: &str, spaced: bool) -> Option<(Range<usize>, Range<usize>)> {
    let b = line.as_bytes();
    let indent = b.iter().take(4).take_while(|&&c| c == b' ').count();
    if indent > 3 {
        return None;
    }
    let hashes = indent..indent + b[indent..].iter().take_while(|&&c| c == b'#').count();
    if hashes.is_empty() || hashes.len() > 6 {
        return None;
    }
    let gap = if spaced {
        b[hashes.end..]
            .iter()
            .take_while(|&&c| matches!(c, b' ' | b'\t'))
            .count()
    } else {
        0
    };
    let start = hashes.end + gap;
    let first = line[start..].chars().next()?;
    if first == '#' || first.is_whitespace() || line[start..].contains('\n') {
        return None;
    }
    // The closing sequence: spaces or tabs, `#`s, spaces or tabs, each as long as it goes.
    let trailing = |end: usize, class: &dyn Fn(u8) -> bool| {
        end - b[start + 1..end]
            .iter()
            .rev()
            .take_while(|&&c| class(c))
            .count()
    };
    let blank = |c: u8| matches!(c, b' ' | b'\t');
    let end = trailing(trailing(trailing(b.len(), &blank), &|c| c == b'#'), &blank);
    Some((hashes, start..end))
}

/// Parse `source` once and build the model.
pub fn build(source: Source, settings: &Settings) -> Document {
    let preset = settings.preset;
    let arena = Arena::new();
    let opts = options(front_matter_delimiter(&source.text));
    // A document pasted inside a ```markdown fence that is never closed is parsed as the
    // Markdown it is: the one parse reads the text with that fence line blanked.
    let markdown_fence = fences::markdown_fence_left_open(&source.text);
    let parsed: std::borrow::Cow<str> = match &markdown_fence {
        Some(line) => {
            let mut unfenced = source.text.clone();
            unfenced.replace_range(line.clone(), &" ".repeat(line.len()));
            unfenced.into()
        }
        None => source.text.as_str().into(),
    };
    let root = comrak::parse_document(&arena, &parsed, &opts);
    let mut walk = walk::Walk::new(&source, preset, markdown_fence);
    for edge in root.traverse() {
        match edge {
            comrak::arena_tree::NodeEdge::Start(node) => walk.enter(node),
            comrak::arena_tree::NodeEdge::End(node) => walk.leave(node),
        }
    }
    let walk::Walked {
        masked,
        mut blocks,
        openers,
        mut words,
        directives,
        front_matter,
        unclosed_fences,
    } = walk.finish();
    let sections = build_sections(&source, preset, &mut blocks, openers);
    mark_title_words(&mut words, &sections);
    let last_line = source.line_count();
    // A config's own rule named by its slug (`no-human-error`) is known only here.
    let mut directives = directives;
    if !settings.custom.is_empty() {
        for code in directives.iter_mut().flat_map(|d| d.codes.iter_mut()) {
            if let Some(rule) = settings.find_rule(code) {
                *code = rule.code.to_string();
            }
        }
    }
    let suppressions = Suppressions::new(&directives, |l| {
        (l + 1..=last_line)
            .find(|n| !source.slice(source.line_range(*n)).trim().is_empty())
            .unwrap_or(l + 1)
    });
    let mut doc = Document {
        source,
        masked,
        front_matter,
        sections,
        blocks,
        words,
        directives,
        suppressions,
        time: timeline::TimeFacts::default(),
        unclosed_fences,
    };
    let mut scans = timeline::scan_blocks(&doc.masked, &doc.blocks, settings);
    timeline::date_order::resolve(&mut scans);
    doc.time = timeline::build(&doc, &scans, settings);
    doc
}

/// Marks the words of every section title ([`words::Word::in_title`]). Words are in
/// document order, so each title finds its first word by binary search.
fn mark_title_words(words: &mut [words::Word], sections: &[Section]) {
    for section in sections {
        let span = &section.title_span;
        let first = words.partition_point(|w| w.span.start < span.start);
        for word in words[first..]
            .iter_mut()
            .take_while(|w| w.span.end <= span.end)
        {
            word.in_title = true;
        }
    }
}

/// comrak's autolink extension turns bare URLs into links whose text is the URL itself.
fn is_autolink<'a>(node: Node<'a>, source: &Source, range: &Range<usize>) -> bool {
    let slice = source.slice(range.clone());
    !slice.starts_with('[') || node.children().next().is_none()
}

/// Non-ASCII spaces (no-break, thin, ideographic) become plain spaces of the same byte
/// length, so the time patterns, which are ASCII (see `crate::pattern`), read
/// "14:00\u{a0}UTC" like "14:00 UTC".
fn plain_spaces(masked: &mut [u8], text: &str) {
    if text.is_ascii() {
        return;
    }
    for (i, c) in text.char_indices() {
        if !c.is_ascii() && c.is_whitespace() && i + c.len_utf8() <= masked.len() {
            masked[i..i + c.len_utf8()].fill(b' ');
        }
    }
}

fn blank(masked: &mut [u8], range: Range<usize>) {
    let end = range.end.min(masked.len());
    for b in &mut masked[range.start.min(end)..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Copy `text[range]` into the masked text, with emoji shortcodes (`:small_orange_diamond:`)
/// left blank: they are no words, and one glued to a time (`:clock1:16:15`) hides it.
fn unmask(masked: &mut [u8], text: &[u8], range: Range<usize>) {
    let range = range.start.min(masked.len())..range.end.min(masked.len());
    masked[range.clone()].copy_from_slice(&text[range.clone()]);
    let mut i = range.start;
    while i < range.end {
        if text[i] == b':' && (i == range.start || !text[i - 1].is_ascii_alphanumeric()) {
            let name = text[i + 1..range.end]
                .iter()
                .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_+-".contains(b))
                .count();
            let close = i + 1 + name;
            if name >= 2 && text[i + 1].is_ascii_lowercase() && text.get(close) == Some(&b':') {
                blank(masked, i..close + 1);
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
}

fn title_span_or(span: Range<usize>, fallback: &Range<usize>) -> Range<usize> {
    if span.is_empty() {
        fallback.clone()
    } else {
        span
    }
}

/// The plain text of a node's inline content, and the span from its first to its last inline.
fn inline_text<'a>(node: Node<'a>, source: &Source) -> Option<(String, Range<usize>)> {
    let mut text = String::new();
    let mut span: Option<Range<usize>> = None;
    for d in node.descendants().skip(1) {
        let data = d.data();
        let piece = match &data.value {
            NodeValue::Text(t) => t.to_string(),
            NodeValue::Code(c) => c.literal.clone(),
            NodeValue::SoftBreak | NodeValue::LineBreak => " ".into(),
            _ => continue,
        };
        text.push_str(&piece);
        let r = source.range_of(data.sourcepos);
        span = Some(match span {
            None => r,
            Some(s) => s.start.min(r.start)..s.end.max(r.end),
        });
    }
    let span = span?;
    Some((text.trim().to_string(), span))
}

/// Pseudo-headings in a top-level paragraph: a bold-only first line, a lone line that is a
/// known title, or `##Title` lines that CommonMark does not read as headings.
fn paragraph_openers<'a>(
    node: Node<'a>,
    source: &Source,
    range: Range<usize>,
    preset: &Preset,
) -> Vec<Opener> {
    let mut out = Vec::new();
    let known = |title: &str| !sections::match_title(preset, title).1.is_empty();

    // Bold: children are Strong, optional ":" text, then a line break or the end.
    let children: Vec<_> = node.children().collect();
    if let Some(first) = children.first()
        && matches!(first.data().value, NodeValue::Strong)
    {
        let mut rest = children[1..].iter().peekable();
        if let Some(next) = rest.peek()
            && let NodeValue::Text(t) = &next.data().value
            && t.trim().trim_end_matches([':', ';', '.']).trim().is_empty()
        {
            rest.next();
        }
        let whole = rest.peek().is_none();
        let at_break = rest
            .peek()
            .is_some_and(|n| matches!(n.data().value, NodeValue::SoftBreak | NodeValue::LineBreak));
        if let Some((title, span)) = inline_text(first, source) {
            let title = title.trim_end_matches(':').trim().to_string();
            // Short, or a known title with a long remark ("Issue Summary (A.K.A What in
            // the Web-World Happened?)").
            let short = !title.is_empty()
                && (title.split_whitespace().count() <= 8 || (whole && known(&title)));
            if short && (whole || (at_break && known(&title))) {
                let line = source.line_range(source.line_of(range.start));
                out.push(Opener {
                    title,
                    title_span: span,
                    span: range.start..line.end.min(range.end),
                    level: None,
                    kind: SectionKind::Bold,
                });
                return out;
            }
        }
    }

    // Line by line: `##Title`, or a first line that is exactly a known title.
    let first_line = source.line_of(range.start);
    let last_line = source.line_of(range.end.saturating_sub(1).max(range.start));
    for line in first_line..=last_line {
        let lr = source.line_range(line);
        let lr = lr.start.max(range.start)..lr.end.min(range.end);
        let raw = source.slice(lr.clone());
        if let Some((hashes, title_range)) = heading_line(raw, false) {
            let written = &raw[title_range.clone()];
            let title = written.trim().to_string();
            if known(&title) {
                out.push(Opener {
                    title,
                    title_span: lr.start + title_range.start
                        ..lr.start + title_range.start + written.trim_end().len(),
                    span: lr.clone(),
                    level: Some(hashes.len() as u8),
                    kind: SectionKind::UnspacedHeading,
                });
                continue;
            }
        }
        // A lone line that is exactly a known title, first in its paragraph or not
        // ("Timeline" on the line after the summary's last sentence).
        out.extend(lone_title_line(source, lr, preset));
    }
    out
}

/// A line that is nothing but a known title (a colon after it allowed), in plain text.
fn lone_title_line(source: &Source, lr: Range<usize>, preset: &Preset) -> Option<Opener> {
    let raw = source.slice(lr.clone());
    let trimmed = raw.trim();
    let title = trimmed.trim_end_matches(':').trim_end();
    let plain = !trimmed.contains(['<', '>', '*', '_', '`', '[']);
    let known = || !sections::match_title(preset, title).1.is_empty();
    (plain && trimmed.len() <= 60 && known()).then(|| {
        let lead = raw.len() - raw.trim_start().len();
        Opener {
            title: title.to_string(),
            title_span: lr.start + lead..lr.start + lead + title.len(),
            span: lr.clone(),
            level: None,
            kind: SectionKind::PlainLine,
        }
    })
}

/// A title centred with spaces, as a word processor's text pastes it: a code block of one
/// indented line that is a known title (`"          Timeline of events"`). Code is never
/// written as one line holding just a section's name.
fn indented_title_line(source: &Source, range: Range<usize>, preset: &Preset) -> Option<Opener> {
    let line = source.line_of(range.start);
    let last = source.line_of(range.end.saturating_sub(1).max(range.start));
    if line != last {
        return None;
    }
    lone_title_line(source, source.line_range(line), preset)
}

/// `## Issue Summary` swallowed by an HTML block (a line such as `<img ...>` right above it
/// keeps the block open until a blank line): a heading as its author meant it, when the title
/// is a known one.
/// The section a line of an HTML block opens: an `<h2>` heading, or (on a line after the
/// block's first) a `##Title` line or a lone known title, as after `<br>` or an image line.
fn html_line_opener(
    source: &Source,
    lr: Range<usize>,
    after_first: bool,
    preset: &Preset,
) -> Option<Opener> {
    let raw = source.slice(lr.clone());
    if let Some((level, title)) = html::heading(raw) {
        return Some(Opener {
            title: raw[title.clone()].to_string(),
            title_span: lr.start + title.start..lr.start + title.end,
            span: lr,
            level: Some(level),
            kind: SectionKind::Heading,
        });
    }
    if !after_first {
        return None;
    }
    let known = |title: &str| !sections::match_title(preset, title).1.is_empty();
    if let Some((hashes, title)) = heading_line(raw, true) {
        return known(&raw[title.clone()]).then(|| Opener {
            title: raw[title.clone()].to_string(),
            title_span: lr.start + title.start..lr.start + title.end,
            span: lr.clone(),
            level: Some(hashes.len() as u8),
            kind: SectionKind::UnspacedHeading,
        });
    }
    lone_title_line(source, lr, preset)
}

/// Turn heading and pseudo-heading openers into the section tree, and tell every block which
/// section holds it.
fn build_sections(
    source: &Source,
    preset: &Preset,
    blocks: &mut [Block],
    openers: Vec<(usize, Opener)>,
) -> Vec<Section> {
    let end = source.text.len();
    let mut sections: Vec<Section> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut last_heading_level = 0u8;
    for (block, opener) in openers {
        if opener.kind == SectionKind::PlainLine
            && is_label_in_timeline(preset, &sections, &stack, &opener.title)
        {
            continue;
        }
        let level = match opener.level {
            Some(l) => {
                last_heading_level = l;
                l
            }
            // Bold and plain-line titles sit one below the heading they follow.
            None => last_heading_level.saturating_add(1).min(7),
        };
        let start = opener.span.start;
        while let Some(&top) = stack.last() {
            if sections[top].level >= level {
                sections[top].body.end = start;
                stack.pop();
            } else {
                break;
            }
        }
        if let Some(prev) = sections.last_mut()
            && prev.own_body.end == end
        {
            prev.own_body.end = start;
        }
        let (key, matches) = sections::match_title(preset, &opener.title);
        blocks[block].opens_section = opener.kind != SectionKind::Heading;
        sections.push(Section {
            title: opener.title,
            title_span: opener.title_span,
            span: opener.span.clone(),
            level,
            kind: opener.kind,
            parent: stack.last().copied(),
            body: opener.span.end..end,
            own_body: opener.span.end..end,
            key,
            matches,
        });
        stack.push(sections.len() - 1);
    }
    // Assign blocks to the innermost section whose heading precedes them.
    let mut current: Option<usize> = None;
    let mut next = 0;
    for b in blocks.iter_mut() {
        while next < sections.len() && sections[next].span.start <= b.span.start {
            current = Some(next);
            next += 1;
        }
        b.section = current;
    }
    sections
}

/// A plain line naming an optional section ("Detection:") while a timeline is open: a label
/// over the timeline's own entries, as the ALX template writes them ("Timeline", "Detection:",
/// "Actions Taken:", ...), not a section of its own. A required one ("Resolution:") still ends
/// the timeline.
fn is_label_in_timeline(
    preset: &Preset,
    sections: &[Section],
    stack: &[usize],
    title: &str,
) -> bool {
    let timeline_open = stack.last().is_some_and(|&top| {
        sections[top]
            .matches
            .iter()
            .any(|&m| preset.sections[m].role == Some(Role::Timeline))
    });
    timeline_open && {
        let matches = sections::match_title(preset, title).1;
        !matches.is_empty() && matches.iter().all(|&m| !preset.sections[m].required)
    }
}

/// The `key: value` (YAML) and `key = "value"` (TOML) lines of front matter, read as the
/// pattern `(?m)^([A-Za-z_][0-9A-Za-z_-]*)\s*[:=][ \t]*["']?([^"'\r\n]*?)["']?[ \t]*\r?$`
/// reads them (the tests keep it and compare). Compiling that pattern cost a document with
/// front matter 0.9 M instructions (with Unicode `\w` in the key, 3.1 M): more than
/// linting it. Keys are ASCII: only `timezone`, `tz` and their spellings are looked up.
fn parse_front_matter(text: &str, span: Range<usize>) -> FrontMatter {
    let raw = &text[span.clone()];
    let fields = front_matter_fields(raw)
        .into_iter()
        .map(|(key, value)| {
            (
                raw[key].to_string(),
                raw[value.clone()].to_string(),
                span.start + value.start..span.start + value.end,
            )
        })
        .collect();
    FrontMatter { span, fields }
}

/// Each field's key and value spans in `raw`, in order.
fn front_matter_fields(raw: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let b = raw.as_bytes();
    let mut fields = Vec::new();
    let mut line = 0;
    while line < b.len() {
        let next_line =
            |from: usize| memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |i| from + i);
        let resume = match front_matter_field(raw, line) {
            Some((key, value)) => {
                // The match ends at its value's line end; the search resumes there.
                let end = next_line(value.end);
                fields.push((key, value));
                end
            }
            None => next_line(line),
        };
        line = resume + 1;
    }
    fields
}

/// The field whose key starts the line at `start`, if the line (with the lines its key's
/// white space runs over) reads as one.
fn front_matter_field(raw: &str, start: usize) -> Option<(Range<usize>, Range<usize>)> {
    let b = raw.as_bytes();
    if !b
        .get(start)
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
    {
        return None;
    }
    let key_end = start
        + b[start..]
            .iter()
            .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
            .count();
    // `\s*` (Unicode white space, line breaks too), then `:` or `=`.
    let rest = &raw[key_end..];
    let sep = key_end + (rest.len() - rest.trim_start().len());
    if !matches!(b.get(sep), Some(b':' | b'=')) {
        return None;
    }
    let after = sep + 1;
    let line_end = memchr::memchr(b'\n', &b[after..]).map_or(b.len(), |i| after + i);
    let is_quote = |c: u8| c == b'"' || c == b'\'';
    let is_blank = |c: u8| c == b' ' || c == b'\t';
    // Greedy blanks, then an opening quote if there is one: any other reading that matches
    // gives the same answer (the tests compare with the pattern).
    let mut value_start = after
        + b[after..line_end]
            .iter()
            .take_while(|&&c| is_blank(c))
            .count();
    if value_start < line_end && is_quote(b[value_start]) {
        value_start += 1;
    }
    // The tail `["']?[ \t]*\r?` that the value leaves: at most one `\r` at the very end,
    // blanks before it, and a closing quote before those.
    let without_cr = line_end - usize::from(line_end > after && b[line_end - 1] == b'\r');
    let blanks_from = without_cr
        - b[after..without_cr]
            .iter()
            .rev()
            .take_while(|&&c| is_blank(c))
            .count();
    // The shortest value: up to a closing quote that only blanks follow, else up to the
    // blanks (never before the value starts).
    let value_end = if blanks_from > value_start && is_quote(b[blanks_from - 1]) {
        blanks_from - 1
    } else {
        blanks_from.max(value_start)
    };
    if value_end > without_cr
        || b[value_start..value_end]
            .iter()
            .any(|&c| is_quote(c) || c == b'\r')
    {
        return None;
    }
    Some((start..key_end, value_start..value_end))
}

/// The front-matter field reader against the pattern it replaced.
#[cfg(test)]
mod front_matter_tests {
    use super::front_matter_fields;
    use regex::Regex;

    const FIELD: &str =
        r#"(?m)^([A-Za-z_][0-9A-Za-z_-]*)\s*[:=][ \t]*["']?([^"'\r\n]*?)["']?[ \t]*\r?$"#;

    type Spans = Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>;

    fn by_pattern(re: &Regex, raw: &str) -> Spans {
        re.captures_iter(raw)
            .map(|c| (c.get(1).unwrap().range(), c.get(2).unwrap().range()))
            .collect()
    }

    #[test]
    fn fields_are_read_as_the_pattern_reads_them() {
        let re = Regex::new(FIELD).unwrap();
        for raw in [
            "---\ntitle: \"Outage\"\ntimezone: UTC\n---\n",
            "+++\ntimezone = \"Africa/Lagos\"\r\ntz='EAT'  \r\n+++",
            "tz:",
            "tz: \"",
            "tz: \"\"",
            "tz: ''  ",
            "tz: 'UTC",
            "tz: UTC'",
            "tz: a \"b\"",
            "tz: a \"b",
            "tz:\t \tUTC \t\r",
            "tz: UTC\r\r",
            "tz: U\rTC",
            "tz   \n\n  : UTC\nnext: x",
            "tz\u{a0}: UTC",
            "título: x\ntz: UTC",
            "_a-1 = 2\n-b: 3\n 1c: 4\nd:e:f",
            "a: \"x\" y\nb: 'q'\n",
            "a:   \n\nb: c",
            "",
            "\n\n",
        ] {
            assert_eq!(front_matter_fields(raw), by_pattern(&re, raw), "{raw:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn generated_fields_are_read_as_the_pattern_reads_them(
            raw in "([a-cT_z0-9:= \t\"'\r\n-]|é|\u{a0}|\u{2003}){0,40}",
        ) {
            let re = Regex::new(FIELD).unwrap();
            proptest::prop_assert_eq!(front_matter_fields(&raw), by_pattern(&re, &raw));
        }
    }
}

/// The heading-line reader against the patterns it replaced.
#[cfg(test)]
mod heading_line_tests {
    use super::heading_line;
    use regex::Regex;

    fn by_pattern(
        re: &Regex,
        line: &str,
    ) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
        let cap = re.captures(line)?;
        Some((cap.get(1)?.range(), cap.get(2)?.range()))
    }

    fn agree(line: &str) -> Result<(), String> {
        let unspaced = Regex::new(r"^[ ]{0,3}(#{1,6})([^#\s].*?)[ \t]*#*[ \t]*$").unwrap();
        let spaced = Regex::new(r"^[ ]{0,3}(#{1,6})[ \t]*([^#\s].*?)[ \t]*#*[ \t]*$").unwrap();
        for (is_spaced, re) in [(false, &unspaced), (true, &spaced)] {
            let (hand, pattern) = (heading_line(line, is_spaced), by_pattern(re, line));
            if hand != pattern {
                return Err(format!(
                    "{line:?} spaced={is_spaced}: hand {hand:?}, pattern {pattern:?}"
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn heading_lines_agree_with_the_patterns() {
        for line in [
            "##Issue Summary",
            "## Issue Summary ##",
            "   #Timeline",
            "    #Timeline",
            "#######x",
            "######x",
            "#\tTimeline # # ",
            "##Title\r",
            "## ",
            "##",
            "",
            "x",
            "##é ##",
            "## #x",
            "##x\ny",
            "##\u{a0}x",
            "##x##",
            "##x #\t",
            "# x  \t",
            "##x#y",
        ] {
            agree(line).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn heading_lines_agree(line in r"( {0,4})(#{0,7})(([ \t#]|x|é|\u{a0}|\r|\n|Title)){0,8}") {
            if let Err(e) = agree(&line) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}
