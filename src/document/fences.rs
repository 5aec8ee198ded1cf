//! Fenced code blocks that no fence closes. CommonMark runs such a block to the end of its
//! container, so everything after the opening fence is shown as code.

use std::ops::Range;

/// A fenced code block with no closing fence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclosedFence {
    /// The opening fence line, without its indentation and line ending.
    pub open: Range<usize>,
    /// Where the block ends: the end of the document or of the list item or quote it is in.
    pub end: usize,
    /// The fence says it holds Markdown (```` ```markdown ````) and is read as Markdown.
    pub read_as_markdown: bool,
}

/// A top-level fence that says it holds Markdown (```` ```markdown ````, ```` ```md ````) and that
/// no later line closes: the document the author meant, pasted with the fence of a chat answer
/// or an editor. pmlint parses the text after it as Markdown (the one parse is of the text
/// with this line blanked) and PM601 reports the fence. Returns the opening line, without its
/// indentation and line ending.
pub fn markdown_fence_left_open(text: &str) -> Option<Range<usize>> {
    if !text.contains("```") && !text.contains("~~~") {
        return None;
    }
    let mut open: Option<(u8, usize, Range<usize>, bool)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        if indent > 3 {
            continue;
        }
        let rest = &content[indent..];
        let Some(&c) = rest.as_bytes().first().filter(|c| matches!(c, b'`' | b'~')) else {
            continue;
        };
        let run = rest.bytes().take_while(|&b| b == c).count();
        if run < 3 {
            continue;
        }
        let info = rest[run..].trim();
        match &open {
            None => {
                if c == b'`' && info.contains('`') {
                    continue;
                }
                let word = info.split_whitespace().next().unwrap_or("");
                let markdown =
                    word.eq_ignore_ascii_case("markdown") || word.eq_ignore_ascii_case("md");
                open = Some((c, run, start + indent..start + content.len(), markdown));
            }
            Some((fc, len, _, _)) => {
                if c == *fc && run >= *len && info.is_empty() {
                    open = None;
                }
            }
        }
    }
    open.filter(|(_, _, _, markdown)| *markdown)
        .map(|(_, _, line, _)| line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_line(text: &str) -> Option<&str> {
        markdown_fence_left_open(text).map(|r| &text[r])
    }

    #[test]
    fn only_an_unclosed_markdown_fence_is_read_as_markdown() {
        assert_eq!(
            open_line("Here it is:\n\n```markdown\n# Title\n"),
            Some("```markdown")
        );
        assert_eq!(open_line("  ~~~~ md\n# Title\n~~~\n"), Some("~~~~ md"));
        assert_eq!(open_line("```markdown\n# Title\n```\n"), None);
        assert_eq!(open_line("```bash\nls\n"), None);
        assert_eq!(open_line("```\n# Title\n"), None);
        assert_eq!(open_line("    ```markdown\n"), None);
        // A closing fence is at least as long, of the same character, with no info string.
        assert_eq!(open_line("````markdown\n```\n~~~~\n"), Some("````markdown"));
        assert_eq!(open_line("```md\nx\n``` not a close\n"), Some("```md"));
        assert_eq!(open_line("```bash\n```\n```md\n# T\n"), Some("```md"));
    }
}
