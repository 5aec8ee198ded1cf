//! The candidate entries of a timeline section, read from its blocks by their shape (a list, a
//! table, or plain lines), before dates and zones are resolved.

use std::ops::Range;

use super::{Shape, ZoneOrigin, ZoneRef, declaration_in, scan_at};
use crate::config::{Role, Settings};
use crate::document::{Block, BlockKind, Document};
use crate::time::{MalformedTime, Scan, TimeMention};

use super::BlockScans;

/// A candidate entry of a timeline section, before dates and zones are resolved.
pub(super) struct RawEntry {
    pub span: Range<usize>,
    pub scan: Scan,
    /// Column zone for table rows.
    pub column_zone: Option<ZoneRef>,
    /// A sub-heading or list group whose own line holds no time: it sets dates, is no entry.
    pub group: bool,
    /// The list (or table) the entry belongs to.
    pub list: Option<Range<usize>>,
    /// A line of a plain-lines timeline with a time inside it, not leading it.
    pub buried_time: bool,
}

impl RawEntry {
    fn new(span: Range<usize>, scan: Scan, list: Option<Range<usize>>) -> RawEntry {
        RawEntry {
            span,
            scan,
            column_zone: None,
            group: false,
            list,
            buried_time: false,
        }
    }

    fn group(span: Range<usize>, scan: Scan) -> RawEntry {
        RawEntry {
            group: true,
            ..RawEntry::new(span, scan, None)
        }
    }
}

/// What [`collect`] read of one timeline.
pub(super) struct Collected {
    pub shape: Shape,
    pub entries: Vec<RawEntry>,
    /// Broken times anywhere in the lines of code blocks read as timeline lines.
    pub code_malformed: Vec<MalformedTime>,
}

/// The entries of the timeline `section`, read by its shape.
pub(super) fn collect(
    doc: &Document,
    scans: &BlockScans,
    section: usize,
    settings: &Settings,
) -> Collected {
    let blocks = timeline_blocks(doc, section, settings);
    let shape = if blocks.iter().any(|(_, b)| b.list_item.is_some()) {
        Shape::List
    } else if blocks
        .iter()
        .any(|(_, b)| matches!(b.kind, BlockKind::TableRow { header: false }))
    {
        Shape::Table
    } else {
        Shape::Lines
    };
    let mut reader = Reader {
        doc,
        scans,
        settings,
        section,
        out: Vec::new(),
        code_malformed: Vec::new(),
        column_zone: None,
        zone_column: None,
        table: None,
        under_timed_heading: false,
        open_items: Vec::new(),
    };
    let title_span = doc.sections[section].span.clone();
    for (b, block) in blocks {
        match (block.kind, shape) {
            _ if block.span == title_span => {}
            (BlockKind::Heading, _) => reader.heading(b, block),
            (BlockKind::TableRow { header: true }, _) => reader.table_header(b, block),
            (BlockKind::TableRow { header: false }, Shape::Table) => reader.table_row(b, block),
            (BlockKind::Paragraph, Shape::List) => reader.list_paragraph(b, block),
            (BlockKind::CodeBlock, Shape::List) => reader.list_code(block),
            (BlockKind::Paragraph | BlockKind::CodeBlock | BlockKind::Html, Shape::Lines) => {
                reader.lines(block)
            }
            _ => {}
        }
    }
    Collected {
        shape,
        entries: reader.out,
        code_malformed: reader.code_malformed,
    }
}

/// The blocks of a timeline: its own and its subsections' (except those of another role, such
/// as "**Root causes:**" under it), and a paragraph its plain-text title line sits inside.
fn timeline_blocks<'d>(
    doc: &'d Document,
    section: usize,
    settings: &Settings,
) -> Vec<(usize, &'d Block)> {
    let title_start = doc.sections[section].span.start;
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            let inside = b.section.is_some_and(|s| {
                doc.is_within(s, section) && (s == section || !foreign_role(doc, settings, s))
            });
            // A plain-text title line inside a paragraph ("...last summary sentence.\nTimeline\n
            // 10:00 alert") opens the section part way through that paragraph.
            let straddles = b.kind == BlockKind::Paragraph
                && b.span.start < title_start
                && b.span.end > title_start;
            inside || straddles
        })
        .collect()
}

/// Roles whose subsections inside a timeline are not part of it ("**Root causes:**").
fn foreign_role(doc: &Document, settings: &Settings, section: usize) -> bool {
    let preset = settings.preset;
    doc.sections[section].matches.iter().any(|m| {
        preset.sections[*m]
            .role
            .is_some_and(|r| r != Role::Timeline)
    })
}

fn has_time(scan: &Scan) -> bool {
    !scan.times.is_empty() || !scan.malformed.is_empty()
}

/// The reading state of one timeline, block by block in document order.
struct Reader<'a> {
    doc: &'a Document,
    scans: &'a BlockScans,
    settings: &'a Settings,
    section: usize,
    out: Vec<RawEntry>,
    code_malformed: Vec<MalformedTime>,
    /// The zone of a table's time column ("Time (UTC)"), with the column's index.
    column_zone: Option<(usize, ZoneRef)>,
    /// A table's Zone column ("| Time | Zone | Event |"), whose cell gives each row's zone.
    zone_column: Option<usize>,
    table: Option<Range<usize>>,
    /// Items under a timed sub-heading ("#### 00:20" then bullets) are that entry's details.
    under_timed_heading: bool,
    /// The items enclosing the current block, outermost first, with whether each one absorbs
    /// what is under it (blocks come in document order, so this is a stack).
    open_items: Vec<(Range<usize>, bool)>,
}

impl Reader<'_> {
    fn block_scan(&self, b: usize) -> Scan {
        self.scans.scans[b].first().cloned().unwrap_or_default()
    }

    /// A sub-heading: an entry when it holds a time ("### 20:15"), else a group that dates
    /// what follows ("## May 12").
    fn heading(&mut self, b: usize, block: &Block) {
        let scan = self.block_scan(b);
        let group = !has_time(&scan);
        self.under_timed_heading = !group;
        let entry = if group {
            RawEntry::group(block.span.clone(), scan)
        } else {
            RawEntry::new(block.span.clone(), scan, None)
        };
        self.out.push(entry);
    }

    /// "Time (UTC)": a declaration, or any zone the header cell's scan found.
    fn table_header(&mut self, b: usize, block: &Block) {
        self.table = Some(block.span.clone());
        self.column_zone = block.cells.iter().enumerate().find_map(|(c, cell)| {
            let m = declaration_in(self.doc, cell.clone(), self.settings)
                .or_else(|| self.scans.scans[b].get(c)?.zones.first().cloned())?;
            Some((c, ZoneRef::from_mention(&m, ZoneOrigin::Column)))
        });
        self.zone_column = block.cells.iter().position(|cell| {
            let header = self
                .doc
                .masked(cell.clone())
                .trim()
                .trim_matches(['*', '_'])
                .trim();
            ["zone", "time zone", "timezone", "tz"]
                .iter()
                .any(|h| header.eq_ignore_ascii_case(h))
        });
    }

    /// The first cell that holds a time (or a broken one) is the row's time; a date in another
    /// cell ("| Mon | Nov 1 | 17:00 |") is its date.
    fn table_row(&mut self, b: usize, block: &Block) {
        let cells = &self.scans.scans[b];
        let pick = self
            .column_zone
            .as_ref()
            .map(|(c, _)| *c)
            .filter(|c| cells.get(*c).is_some_and(has_time))
            .or_else(|| cells.iter().position(has_time));
        let mut scan = pick.and_then(|c| cells.get(c).cloned()).unwrap_or_default();
        let other_dates: Vec<_> = cells
            .iter()
            .enumerate()
            .filter(|(c, _)| Some(*c) != pick)
            .flat_map(|(_, s)| s.dates.iter().cloned())
            .collect();
        // "| 08:00 | UTC | errors start |": the row's Zone cell is its time's own zone.
        if let Some(time) = scan.times.first_mut()
            && time.zone.is_none()
            && let Some(zone) = self
                .zone_column
                .and_then(|c| cells.get(c))
                .and_then(|cell| cell.zones.first())
        {
            time.zone = Some(zone.clone());
        }
        let time_has_date = scan.times.first().is_some_and(|t| t.date.is_some());
        if !time_has_date {
            scan.dates.splice(0..0, other_dates);
        }
        self.out.push(RawEntry {
            column_zone: self.column_zone.as_ref().map(|(_, z)| z.clone()),
            ..RawEntry::new(block.span.clone(), scan, self.table.clone())
        });
    }

    fn close_items_before(&mut self, start: usize) {
        while self.open_items.last().is_some_and(|(i, _)| i.end <= start) {
            self.open_items.pop();
        }
    }

    /// A paragraph of a list-shaped timeline: one entry per item (its first paragraph); a
    /// group item's later paragraphs that open with a time are entries of their own.
    fn list_paragraph(&mut self, b: usize, block: &Block) {
        let Some(item) = &block.list_item else {
            self.between_lists(b, block);
            return;
        };
        self.close_items_before(item.start);
        if block.span.start < item.start {
            return;
        }
        let scan = self.block_scan(b);
        if let Some((_, absorbs)) = self.open_items.last().filter(|(i, _)| i == item) {
            if !absorbs && leads_with_time(&scan, block.span.start) {
                let entry = RawEntry::new(block.span.clone(), scan, block.list.clone());
                self.out.push(entry);
            }
            return;
        }
        let timed = has_time(&scan);
        let parent_absorbs = self.open_items.last().is_some_and(|(_, t)| *t);
        if parent_absorbs || (self.under_timed_heading && !timed) {
            self.open_items.push((item.clone(), true));
            return;
        }
        // An untimed item is a group of entries when its own line is a date ("June 12") or two
        // or more times are under it ("Detection:" over "10:00 alert", "10:05 page"). Else it
        // is one entry, as the ALX template writes them: timed by the one time under it
        // ("**Detection:**" over "- Nov 10, 15:30 UTC"), or untimed ("**Actions Taken:**" over
        // untimed details).
        let nested_timed = self.times_under(b, item);
        let dated = !scan.dates.is_empty();
        let group = !timed && (nested_timed.len() >= 2 || (dated && !nested_timed.is_empty()));
        let scan = match nested_timed.as_slice() {
            [only] if !timed && !group => only.clone(),
            _ => scan,
        };
        self.open_items.push((item.clone(), !group));
        self.out.push(RawEntry {
            group,
            ..RawEntry::new(item.clone(), scan, block.list.clone())
        });
    }

    /// Paragraphs between lists: a short one that is a date ("**June 19**") dates what
    /// follows; a date inside prose does not.
    fn between_lists(&mut self, b: usize, block: &Block) {
        let scan = self.block_scan(b);
        let short = self.doc.masked(block.span.clone()).trim().chars().count() <= 60;
        if short && !has_time(&scan) && !scan.dates.is_empty() {
            self.out.push(RawEntry::group(block.span.clone(), scan));
        }
    }

    /// The timed scans under the item whose first paragraph is block `b`: its nested items',
    /// and times leading its later paragraphs or indented into a code block under it
    /// ("* detected:", a blank line, then a tab and "2:17 PM (GMT)"). Nested items follow the
    /// item's first paragraph directly in block order.
    fn times_under(&self, b: usize, item: &Range<usize>) -> Vec<Scan> {
        let doc = self.doc;
        let mut timed = Vec::new();
        for (k, o) in doc.blocks[b + 1..]
            .iter()
            .enumerate()
            .take_while(|(_, o)| o.span.start < item.end)
        {
            let scan = self.scans.scans[b + 1 + k].first();
            let nested = o.list_item.as_ref().is_some_and(|i| i.start > item.start);
            let own = o.list_item.as_ref() == Some(item);
            match o.kind {
                _ if nested => timed.extend(scan.filter(|s| has_time(s)).cloned()),
                BlockKind::Paragraph if own => {
                    timed.extend(scan.filter(|s| leads_with_time(s, o.span.start)).cloned())
                }
                BlockKind::CodeBlock if own => timed.extend(
                    code_lines(doc, o, self.settings)
                        .into_iter()
                        .map(|(_, s)| s),
                ),
                _ => {}
            }
        }
        timed
    }

    /// Timed lines of a code block inside a group item are its entries.
    fn list_code(&mut self, block: &Block) {
        let Some(item) = &block.list_item else {
            return;
        };
        self.close_items_before(item.start);
        if self
            .open_items
            .iter()
            .any(|(i, absorbs)| *absorbs && i.start <= item.start)
        {
            return;
        }
        for (range, scan) in code_lines(self.doc, block, self.settings) {
            self.out
                .push(RawEntry::new(range, scan, block.list.clone()));
        }
    }

    /// A timeline of plain lines: each line is an entry, scanned alone so "15.25 ..." at a
    /// line start reads. A timeline indented into a code block is still read, from the source.
    fn lines(&mut self, block: &Block) {
        let doc = self.doc;
        let section_end = doc.sections[self.section].body.end;
        let section_start = doc.sections[self.section].span.end;
        let source: &str = if block.kind == BlockKind::CodeBlock {
            &doc.source.text
        } else {
            &doc.masked
        };
        for range in line_ranges(source, block.span.clone()) {
            if source[range.clone()].trim().is_empty()
                || range.start < section_start
                || range.start >= section_end
            {
                continue;
            }
            let (scan, dropped) = leading_scan(source, range.clone(), self.settings);
            let buried_time = dropped.iter().any(Result::is_ok);
            if block.kind == BlockKind::CodeBlock {
                self.code_malformed.extend(scan.malformed.iter().cloned());
                self.code_malformed
                    .extend(dropped.into_iter().filter_map(|d| d.err()));
            }
            self.out.push(RawEntry {
                buried_time,
                ..RawEntry::new(range, scan, Some(block.span.clone()))
            });
        }
    }
}

/// Whether the scan of a block starting at `start` opens with a time (or a broken one).
fn leads_with_time(scan: &Scan, start: usize) -> bool {
    let leads = |span: &Range<usize>| span.start.saturating_sub(start) <= LEAD_BYTES;
    scan.times.first().is_some_and(|t| leads(&t.span))
        || scan.malformed.first().is_some_and(|m| leads(&m.span))
}

/// The lines of an indented code block that start with a time, each with its scan: a
/// timeline indented four spaces or a tab is still a timeline.
fn code_lines(doc: &Document, block: &Block, settings: &Settings) -> Vec<(Range<usize>, Scan)> {
    let text = &doc.source.text;
    line_ranges(text, block.span.clone())
        .filter_map(|line| {
            let indent = text[line.clone()].len() - text[line.clone()].trim_start().len();
            let range = line.start + indent..line.end;
            if range.is_empty() {
                return None;
            }
            let (scan, _) = leading_scan(text, range.clone(), settings);
            has_time(&scan).then_some((range, scan))
        })
        .collect()
}

/// The lines of `source[span]`, each without its line ending and trailing blanks.
fn line_ranges(source: &str, span: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = span.start;
    source[span].split_inclusive('\n').map(move |line| {
        let range = offset..offset + line.trim_end().len();
        offset += line.len();
        range
    })
}

/// The scan of one line, keeping only what leads it: a line's own time leads it ("14:05 UTC -
/// ...", "June 19, 2024: 1:23pm"); a time further on is prose about another moment ("... at
/// 7:56am"). Also returns the times further on that were dropped (the broken ones as `Err`).
fn leading_scan(
    source: &str,
    range: Range<usize>,
    settings: &Settings,
) -> (Scan, Vec<Result<TimeMention, MalformedTime>>) {
    let mut scan = scan_at(source, range.clone(), settings);
    let later = |span: &Range<usize>| span.start - range.start > LEAD_BYTES;
    // Taken out in place: most lines drop nothing, and then nothing is allocated.
    let dropped = scan
        .times
        .extract_if(.., |t| later(&t.span))
        .map(Ok)
        .chain(scan.malformed.extract_if(.., |m| later(&m.span)).map(Err))
        .collect();
    scan.dates.retain(|d| !later(&d.span));
    (scan, dropped)
}

/// How far into a plain line its own time may start (after markers, a date, a weekday).
const LEAD_BYTES: usize = 40;
