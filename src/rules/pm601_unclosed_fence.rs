use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A fenced code block (```` ``` ```` or `~~~`) that no closing fence ends. CommonMark then
    /// runs the block to the end of the document, or of the list item or quote it sits in, and
    /// everything after the opening fence renders as code.
    ///
    /// A document pasted inside a fence that says it holds Markdown (```` ```markdown ````),
    /// as a chat answer or an editor export leaves it, is reported once and read as the
    /// Markdown it is, so the other rules still check its sections and timeline.
    ///
    /// ## Why it matters
    /// The sections, times and action items after the fence disappear from the rendered page,
    /// and a reviewer reading the page never sees them.
    ///
    /// ## Example
    /// ````markdown
    /// ## Resolution
    /// ```bash
    /// sudo systemctl restart nginx
    ///
    /// ## Action Items
    /// - Alert on a stopped web server.
    /// ````
    /// The fence is never closed: `## Action Items` renders as code.
    ///
    /// ## How to fix
    /// Close the block with a fence of the same character, at least as long as the opening one
    /// (```` ``` ````), on a line of its own where the code ends; or delete the opening fence of
    /// a pasted document.
    ///
    /// ## Options
    /// None.
    pub struct UnclosedFence => UNCLOSED_FENCE;
}

impl Rule for UnclosedFence {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let text = &doc.source.text;
        for fence in &doc.unclosed_fences {
            let message = if fence.read_as_markdown {
                "this code fence is never closed: the whole document after it renders as code"
            } else {
                "this code fence is never closed"
            };
            // The label sits on the last character of the block (or the document).
            let end = text[..fence.end.min(text.len())].trim_end().len();
            let last = text[..end].chars().next_back().map_or(0, char::len_utf8);
            let where_it_ends = if fence.end >= text.trim_end().len() {
                "the code block runs to the end of the document"
            } else {
                "the code block runs to here"
            };
            let help = if fence.read_as_markdown {
                "delete this fence line: the text after it is the postmortem"
            } else {
                "close the code block with a line of the same fence where the code ends"
            };
            let mut finding = Finding::new(Self::META, fence.open.clone(), message).help(help);
            if end > fence.open.end {
                finding = finding.label(end - last..end, where_it_ends);
            }
            cx.report(finding);
        }
    }
}
