//! The one diagnostic type every rule produces and every report renders.

use std::ops::Range;

use serde::Serialize;

use crate::registry::RuleMeta;
pub use crate::registry::Severity;

/// A secondary span with its own message ("the summary says it ended here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change what the document means: applied by `--fix`.
    Safe,
    /// May change meaning or layout: applied only with `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes of `span` with `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// The exact text the finding is about (byte offsets into the file).
    pub span: Range<usize>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, span: Range<usize>, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity,
            message: one_line(message.into()),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn label(mut self, span: Range<usize>, message: impl Into<String>) -> Finding {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// A fix that replaces the finding's own span with `content`.
    pub fn replace_with(self, applicability: Applicability, content: impl Into<String>) -> Finding {
        let span = self.span.clone();
        self.fix(
            applicability,
            vec![Edit {
                span,
                content: content.into(),
            }],
        )
    }

    pub fn fix(mut self, applicability: Applicability, edits: Vec<Edit>) -> Finding {
        self.fix = Some(Fix {
            applicability,
            edits,
        });
        self
    }
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`": alternatives for a help line.
/// A message is one line in every format: document text quoted across a line break ("ends at
/// 01:36\non 21 May") is joined with a space.
fn one_line(message: String) -> String {
    if !message.contains(['\n', '\r']) {
        return message;
    }
    let mut out = String::with_capacity(message.len());
    for (i, line) in message.lines().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(if i > 0 { line.trim_start() } else { line }.trim_end());
    }
    out
}

pub fn quoted_alternatives(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RULES;

    #[test]
    fn a_message_quoting_text_across_lines_is_one_line() {
        let f = Finding::new(RULES[0], 0..1, "ends at 01:36\n  on 21 May\r\nin UTC");
        assert_eq!(f.message, "ends at 01:36 on 21 May in UTC");
        let plain = Finding::new(RULES[0], 0..1, "section `Timeline` is missing");
        assert_eq!(plain.message, "section `Timeline` is missing");
    }
}
