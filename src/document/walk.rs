//! The one walk over comrak's tree: it blanks what is not prose in the masked text, collects
//! the blocks, the section openers, the words, the suppression directives, the front matter
//! and the unclosed fences, node by node.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

use super::{
    Block, BlockKind, FrontMatter, Opener, SectionKind, blank, fences, heading_line, html,
    html_line_opener, indented_title_line, inline_text, is_autolink, paragraph_openers,
    parse_front_matter, plain_spaces, title_span_or, unmask, words,
};
use crate::config::Preset;
use crate::source::Source;
use crate::suppress::{Directive, parse_directives};

/// What the walk collected.
pub(super) struct Walked {
    pub masked: String,
    pub blocks: Vec<Block>,
    /// Section openers, each with the index of the block it is in.
    pub openers: Vec<(usize, Opener)>,
    pub words: Vec<words::Word>,
    pub directives: Vec<Directive>,
    pub front_matter: Option<FrontMatter>,
    pub unclosed_fences: Vec<fences::UnclosedFence>,
}

pub(super) struct Walk<'s> {
    source: &'s Source,
    text: &'s str,
    preset: &'static Preset,
    masked: Vec<u8>,
    blocks: Vec<Block>,
    openers: Vec<(usize, Opener)>,
    words: Vec<words::Word>,
    directives: Vec<Directive>,
    front_matter: Option<FrontMatter>,
    unclosed_fences: Vec<fences::UnclosedFence>,
    /// The list items and lists enclosing the current node, innermost last.
    items: Vec<Range<usize>>,
    lists: Vec<Range<usize>>,
    sentence_start: bool,
    // Open links (true for an autolink) and images, kept on the way down and up instead of
    // asking each text node for its ancestors: nesting can be 100,000 deep.
    links: Vec<bool>,
    /// The addresses of the open links, lowercase, innermost last.
    link_urls: Vec<String>,
    autolinks: usize,
    images: usize,
    /// The current table's columns that name people or organisations (by header).
    name_columns: Vec<bool>,
    /// The current row: a header row, and the index of its next cell.
    header_row: bool,
    next_cell: usize,
    /// Inside a cell of a name column.
    in_name_cell: bool,
    /// The `#` run of a heading written without its space (`###Postmortem`), blanked again
    /// after its text is restored, so that the word glued to it is read.
    unspaced_hashes: Vec<Range<usize>>,
}

impl<'s> Walk<'s> {
    /// `markdown_fence`: the line of an unclosed ```` ```markdown ```` fence blanked before the
    /// parse ([`fences::markdown_fence_left_open`]).
    pub fn new(
        source: &'s Source,
        preset: &'static Preset,
        markdown_fence: Option<Range<usize>>,
    ) -> Walk<'s> {
        let text = source.text.as_str();
        let mut masked = text.as_bytes().to_vec();
        let unclosed_fences = markdown_fence
            .map(|line| {
                blank(&mut masked, line.clone());
                fences::UnclosedFence {
                    open: line,
                    end: text.len(),
                    read_as_markdown: true,
                }
            })
            .into_iter()
            .collect();
        Walk {
            source,
            text,
            preset,
            masked,
            blocks: Vec::new(),
            openers: Vec::new(),
            words: Vec::with_capacity(text.len() / 8),
            directives: Vec::new(),
            front_matter: None,
            unclosed_fences,
            items: Vec::new(),
            lists: Vec::new(),
            sentence_start: true,
            links: Vec::new(),
            link_urls: Vec::new(),
            autolinks: 0,
            images: 0,
            name_columns: Vec::new(),
            header_row: false,
            next_cell: 0,
            in_name_cell: false,
            unspaced_hashes: Vec::new(),
        }
    }

    pub fn finish(mut self) -> Walked {
        plain_spaces(&mut self.masked, self.text);
        let masked = String::from_utf8(self.masked).unwrap_or_else(|e| {
            // Blanking only ever replaces whole characters; stay safe regardless.
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        });
        Walked {
            masked,
            blocks: self.blocks,
            openers: self.openers,
            words: self.words,
            directives: self.directives,
            front_matter: self.front_matter,
            unclosed_fences: self.unclosed_fences,
        }
    }

    pub fn leave<'a>(&mut self, node: &'a AstNode<'a>) {
        match node.data().value {
            NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                self.items.pop();
            }
            NodeValue::List(_) => {
                self.lists.pop();
            }
            NodeValue::Link(_) | NodeValue::WikiLink(_) => {
                self.autolinks -= usize::from(self.links.pop() == Some(true));
                self.link_urls.pop();
            }
            NodeValue::TableCell => self.in_name_cell = false,
            NodeValue::Image(_) => self.images -= 1,
            _ => {}
        }
    }

    pub fn enter<'a>(&mut self, node: &'a AstNode<'a>) {
        let data = node.data();
        let range = self.source.range_of(data.sourcepos);
        let line = data.sourcepos.start.line;
        match &data.value {
            NodeValue::FrontMatter(raw) => {
                let start = if self.text.starts_with('\u{feff}') {
                    3
                } else {
                    0
                };
                let span = start..(start + raw.len()).min(self.text.len());
                self.front_matter = Some(parse_front_matter(self.text, span.clone()));
                blank(&mut self.masked, span);
            }
            NodeValue::Item(_) | NodeValue::TaskItem(_) => self.items.push(range),
            NodeValue::List(_) => self.lists.push(range),
            NodeValue::Paragraph => self.paragraph(node, range),
            NodeValue::Heading(h) => self.heading(node, range, h.level),
            NodeValue::Table(_) => self.name_columns.clear(),
            NodeValue::TableRow(header) => {
                let cells = node
                    .children()
                    .map(|c| self.source.range_of(c.data().sourcepos))
                    .collect();
                self.push_block(BlockKind::TableRow { header: *header }, range, cells);
                self.header_row = *header;
                self.next_cell = 0;
            }
            NodeValue::TableCell => self.table_cell(range),
            NodeValue::CodeBlock(code) => {
                if code.fenced && !code.closed {
                    self.unclosed_fence(&range);
                }
                let index = self.blocks.len();
                self.push_block(BlockKind::CodeBlock, range.clone(), Vec::new());
                if !code.fenced
                    && Self::is_top_level(node)
                    && let Some(opener) =
                        indented_title_line(self.source, range.clone(), self.preset)
                {
                    self.openers.push((index, opener));
                }
                blank(&mut self.masked, range);
            }
            NodeValue::HtmlBlock(block) => {
                parse_directives(&block.literal, line, range.start, &mut self.directives);
                self.html_block(node, range);
            }
            NodeValue::ThematicBreak => {
                self.push_block(BlockKind::ThematicBreak, range, Vec::new())
            }
            NodeValue::HtmlInline(inline) => {
                parse_directives(inline, line, range.start, &mut self.directives);
                blank(&mut self.masked, range);
            }
            NodeValue::Code(_) | NodeValue::Raw(_) => blank(&mut self.masked, range),
            NodeValue::Emph | NodeValue::Strong if range.len() >= 2 => {
                let strong = matches!(data.value, NodeValue::Strong);
                self.underscore_emphasis(range, if strong { 2 } else { 1 });
            }
            NodeValue::Image(_) => {
                // The outermost image blanks all of it, nested images included.
                if self.images == 0 {
                    blank(&mut self.masked, range);
                }
                self.images += 1;
            }
            NodeValue::Link(_) | NodeValue::WikiLink(_) => {
                // Blank the whole link; its text children are restored when visited, so
                // `[text](url)` keeps its text while autolinked URLs vanish.
                let auto = matches!(data.value, NodeValue::Link(_))
                    && is_autolink(node, self.source, &range);
                self.links.push(auto);
                self.link_urls.push(match &data.value {
                    NodeValue::Link(link) => link.url.to_lowercase(),
                    _ => String::new(),
                });
                self.autolinks += usize::from(auto);
                if self.images == 0 {
                    blank(&mut self.masked, range);
                }
            }
            NodeValue::Text(_)
                if self.autolinks == 0 && self.images == 0 && range.end <= self.masked.len() =>
            {
                self.prose(range);
            }
            _ => {}
        }
    }

    fn push_block(&mut self, kind: BlockKind, span: Range<usize>, cells: Vec<Range<usize>>) {
        self.blocks.push(Block {
            kind,
            span,
            section: None,
            list_item: self.items.last().cloned(),
            list: self.lists.last().cloned(),
            cells,
            opens_section: false,
        });
    }

    /// Restore `range` of the source into the masked text and read its words.
    fn prose(&mut self, range: Range<usize>) {
        unmask(&mut self.masked, self.text.as_bytes(), range.clone());
        for hashes in &self.unspaced_hashes {
            if range.contains(&hashes.start) {
                blank(&mut self.masked, hashes.clone());
            }
        }
        let slice = std::str::from_utf8(&self.masked[range.clone()]).unwrap_or("");
        let first_new = self.words.len();
        words::tokenize(
            slice,
            range.start,
            &mut self.sentence_start,
            &mut self.words,
        );
        // One word alone in parentheses names what is before it: "one affected pod found
        // (xroute)".
        let bytes = self.text.as_bytes();
        for word in &mut self.words[first_new..] {
            let (start, end) = (word.span.start, word.span.end);
            word.name |= start > 0 && bytes[start - 1] == b'(' && bytes.get(end) == Some(&b')');
        }
        let url = self.link_urls.last().filter(|url| !url.is_empty());
        if self.in_name_cell || url.is_some() {
            for word in &mut self.words[first_new..] {
                let text = &self.text[word.span.clone()];
                word.name |= self.in_name_cell
                    || url.is_some_and(|url| text.len() >= 3 && url.contains(&text.to_lowercase()));
            }
        }
    }

    /// A table cell starts a sentence; a header cell says whether its column names people
    /// or organisations, and a body cell whether it is in such a column.
    fn table_cell(&mut self, range: Range<usize>) {
        self.sentence_start = true;
        let index = self.next_cell;
        self.next_cell += 1;
        if self.header_row {
            let header = self.source.slice(range);
            self.name_columns.push(words::is_name_column(header));
        } else {
            self.in_name_cell = self.name_columns.get(index).copied().unwrap_or(false);
        }
    }

    fn is_top_level<'a>(node: &'a AstNode<'a>) -> bool {
        node.parent()
            .is_some_and(|p| matches!(p.data().value, NodeValue::Document))
    }

    fn paragraph<'a>(&mut self, node: &'a AstNode<'a>, range: Range<usize>) {
        self.sentence_start = true;
        self.unspaced_hashes.clear();
        let lines = self.source.line_of(range.start)
            ..=self
                .source
                .line_of(range.end.saturating_sub(1).max(range.start));
        for line in lines {
            let lr = self.source.line_range(line);
            let raw = self.source.slice(lr.clone());
            if let Some((hashes, title)) = heading_line(raw, false)
                && raw[title].starts_with(char::is_alphabetic)
            {
                self.unspaced_hashes
                    .push(lr.start + hashes.start..lr.start + hashes.end);
            }
        }
        let index = self.blocks.len();
        self.push_block(BlockKind::Paragraph, range.clone(), Vec::new());
        if Self::is_top_level(node) {
            for opener in paragraph_openers(node, self.source, range, self.preset) {
                self.openers.push((index, opener));
            }
        }
    }

    fn heading<'a>(&mut self, node: &'a AstNode<'a>, range: Range<usize>, level: u8) {
        self.sentence_start = true;
        let index = self.blocks.len();
        self.push_block(BlockKind::Heading, range.clone(), Vec::new());
        let (title, title_span) = inline_text(node, self.source).unwrap_or_default();
        let opener = Opener {
            title,
            title_span: title_span_or(title_span, &range),
            span: range,
            level: Some(level),
            kind: SectionKind::Heading,
        };
        self.openers.push((index, opener));
    }

    /// A fenced code block comrak closed only because its container or the document ended.
    fn unclosed_fence(&mut self, range: &Range<usize>) {
        let line = self.source.line_range(self.source.line_of(range.start));
        let raw = self.source.slice(line.clone());
        let indent = raw.len() - raw.trim_start().len();
        self.unclosed_fences.push(fences::UnclosedFence {
            open: line.start + indent..line.start + raw.trim_end().len(),
            end: range.end,
            read_as_markdown: false,
        });
    }

    /// The text between the tags is prose like any other; each line is a block of its own,
    /// so a section opened by an `<h2>` line holds the lines after it.
    fn html_block<'a>(&mut self, node: &'a AstNode<'a>, range: Range<usize>) {
        blank(&mut self.masked, range.clone());
        for r in html::text_ranges(self.text, range.clone()) {
            self.sentence_start = true;
            self.prose(r);
        }
        let top_level = Self::is_top_level(node);
        let first = self.source.line_of(range.start);
        let last = self
            .source
            .line_of(range.end.saturating_sub(1).max(range.start));
        for line in first..=last {
            let lr = self.source.line_range(line);
            let lr = lr.start.max(range.start)..lr.end.min(range.end);
            if lr.is_empty() {
                continue;
            }
            let index = self.blocks.len();
            self.push_block(BlockKind::Html, lr.clone(), Vec::new());
            if top_level
                && let Some(opener) = html_line_opener(self.source, lr, line > first, self.preset)
            {
                self.openers.push((index, opener));
            }
        }
    }

    /// `_5:30 PM_`: underscores that delimit emphasis (`n` of them each side) are no part of
    /// a word, so the scanners that read the masked text see the time on its own.
    fn underscore_emphasis(&mut self, range: Range<usize>, n: usize) {
        let bytes = self.text.as_bytes();
        let underscores = |r: Range<usize>| bytes[r].iter().all(|&b| b == b'_');
        if range.len() >= 2 * n
            && underscores(range.start..range.start + n)
            && underscores(range.end - n..range.end)
        {
            blank(&mut self.masked, range.start..range.start + n);
            blank(&mut self.masked, range.end - n..range.end);
        }
    }
}
