//! The text of one file and every conversion between byte offsets and the 1-based
//! line/column positions users see. All other modules speak byte offsets.

use std::ops::Range;

/// One file's text, with a table of line starts for offset → (line, column) lookups.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user should see it (as given, or relative to the walked folder).
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based position; `column` counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let line_starts = line_starts(&text);
        Source {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Start offsets of every line, the first being 0.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Number of lines (a trailing newline does not open a new line).
    pub fn line_count(&self) -> usize {
        let n = self.line_starts.len();
        if n > 1 && self.line_starts[n - 1] == self.text.len() {
            n - 1
        } else {
            n
        }
    }

    /// Byte offset where 1-based `line` starts (clamped to the text).
    pub fn line_start(&self, line: usize) -> usize {
        let idx = line.saturating_sub(1).min(self.line_starts.len() - 1);
        self.line_starts[idx]
    }

    /// Byte range of 1-based `line`, without its line terminator.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_start(line);
        let next = if line < self.line_starts.len() {
            self.line_starts[line]
        } else {
            self.text.len()
        };
        let mut end = next;
        let bytes = self.text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// 1-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 1-based line and character column of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1];
        let mut column = self.text[start..offset].chars().count() + 1;
        // The BOM is not a character anyone sees.
        if line == 1 && self.text.starts_with('\u{feff}') && offset > 0 {
            column -= 1;
        }
        Position { line, column }
    }

    /// Convert a comrak (line, byte column) pair, both 1-based, into a byte offset.
    pub fn offset_of(&self, line: usize, byte_column: usize) -> usize {
        let start = self.line_start(line);
        self.floor_char_boundary((start + byte_column.saturating_sub(1)).min(self.text.len()))
    }

    /// Byte range for a comrak source position (inclusive end column).
    pub fn range_of(&self, sp: comrak::nodes::Sourcepos) -> Range<usize> {
        let start = self.offset_of(sp.start.line, sp.start.column);
        let end_line_start = self.line_start(sp.end.line);
        let end = (end_line_start + sp.end.column).min(self.text.len());
        let end = self.ceil_char_boundary(end.max(start));
        start..end
    }

    pub fn floor_char_boundary(&self, mut i: usize) -> usize {
        i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    pub fn ceil_char_boundary(&self, mut i: usize) -> usize {
        i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    pub fn slice(&self, range: Range<usize>) -> &str {
        &self.text[range]
    }
}

/// Start offsets of every line: lines end at `\n`, `\r\n` or a lone `\r`, as CommonMark reads them.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match bytes[i] {
            // The `\n` of a `\r\n` was counted with its `\r`.
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => {}
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => starts.push(i + 2),
            _ => starts.push(i + 1),
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Line starts found by searching for line breaks, as found byte by byte.
        #[test]
        fn line_starts_as_read_byte_by_byte(text in "(a|é|\n|\r|\r\n| ){0,30}") {
            let mut expected = vec![0];
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'\n' => expected.push(i + 1),
                    b'\r' => {
                        if bytes.get(i + 1) == Some(&b'\n') {
                            i += 1;
                        }
                        expected.push(i + 1);
                    }
                    _ => {}
                }
                i += 1;
            }
            proptest::prop_assert_eq!(line_starts(&text), expected);
        }
    }

    #[test]
    fn positions_count_characters_and_all_line_endings() {
        let s = Source::new("t.md", "ab\r\ncé\rx\ny");
        assert_eq!(s.line_count(), 4);
        assert_eq!(s.position(0), Position { line: 1, column: 1 });
        assert_eq!(s.position(4), Position { line: 2, column: 1 });
        // 'x' sits after "cé\r": c(1) é(2 bytes) \r
        assert_eq!(s.position(8), Position { line: 3, column: 1 });
        assert_eq!(s.position(7), Position { line: 2, column: 3 });
        assert_eq!(s.line_range(1), 0..2);
        assert_eq!(s.line_range(2), 4..7);
        assert_eq!(s.line_range(4), 10..11);
    }

    #[test]
    fn bom_is_not_a_column() {
        let s = Source::new("t.md", "\u{feff}# Title");
        assert_eq!(s.position(3), Position { line: 1, column: 1 });
        assert_eq!(s.position(5), Position { line: 1, column: 3 });
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let s = Source::new("t.md", "é");
        assert_eq!(s.position(1), Position { line: 1, column: 1 });
        assert_eq!(s.offset_of(1, 2), 0);
    }
}
