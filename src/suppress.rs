//! Inline suppression with HTML comments, which are invisible when the Markdown is rendered:
//! `<!-- pmlint-disable PM201 known-typos -->` … `<!-- pmlint-enable -->`,
//! `<!-- pmlint-disable-next-line PM501 -->`, `<!-- pmlint-disable-file -->`.
//! No rule list means every rule.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Finding;
use crate::rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

/// One comment, with the rule codes it names (empty = every rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    pub codes: Vec<String>,
    /// 1-based line the comment starts on and ends on.
    pub line: usize,
    pub end_line: usize,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*pmlint-(disable-next-line|disable-file|disable|enable)\b((?s:.)*?)-->")
        .unwrap()
});

/// Directives in one HTML node's source text, which starts on 1-based `line`.
pub fn parse_directives(html: &str, line: usize, out: &mut Vec<Directive>) {
    for cap in DIRECTIVE.captures_iter(html) {
        let whole = cap.get(0).unwrap();
        let kind = match &cap[1] {
            "disable-next-line" => DirectiveKind::DisableNextLine,
            "disable-file" => DirectiveKind::DisableFile,
            "disable" => DirectiveKind::Disable,
            _ => DirectiveKind::Enable,
        };
        let codes = cap[2]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            // An unknown name stays as written: it matches nothing, and never widens the
            // directive to every rule.
            .map(|name| {
                rules::find(name).map_or_else(|| name.to_string(), |r| r.meta().code.to_string())
            })
            .collect();
        let first = line + html[..whole.start()].matches('\n').count();
        let last = first + whole.as_str().matches('\n').count();
        out.push(Directive {
            kind,
            codes,
            line: first,
            end_line: last,
        });
    }
}

/// When each rule is switched off, built from a file's directives.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// Whole-line suppressions from disable-next-line and disable-file: (first, last, codes).
    lines: Vec<(usize, usize, Vec<String>)>,
    /// disable / enable directives in document order, replayed up to a finding's line.
    toggles: Vec<Directive>,
}

impl Suppressions {
    /// `next_content_line(l)` gives the first non-blank line after `l`, for disable-next-line
    /// (a blank line between the comment and its target is common, as formatters add one).
    pub fn new(
        directives: &[Directive],
        last_line: usize,
        next_content_line: impl Fn(usize) -> usize,
    ) -> Suppressions {
        let mut s = Suppressions::default();
        for d in directives {
            match d.kind {
                DirectiveKind::DisableFile => s.lines.push((1, last_line, d.codes.clone())),
                DirectiveKind::DisableNextLine => {
                    let target = next_content_line(d.end_line);
                    s.lines.push((target, target, d.codes.clone()));
                }
                DirectiveKind::Disable | DirectiveKind::Enable => s.toggles.push(d.clone()),
            }
        }
        s
    }

    pub fn is_suppressed(&self, code: &str, line: usize) -> bool {
        if self.lines.iter().any(|(a, b, codes)| {
            *a <= line && line <= *b && (codes.is_empty() || codes.iter().any(|c| c == code))
        }) {
            return true;
        }
        let mut off = false;
        for d in self.toggles.iter().take_while(|d| d.line <= line) {
            let names_it = d.codes.iter().any(|c| c == code);
            match (d.kind, d.codes.is_empty()) {
                (DirectiveKind::Disable, true) => off = true,
                (DirectiveKind::Disable, false) if names_it => off = true,
                (DirectiveKind::Enable, true) => off = false,
                (DirectiveKind::Enable, false) if names_it => off = false,
                _ => {}
            }
        }
        off
    }

    pub fn retain(&self, findings: &mut Vec<Finding>, line_of: impl Fn(usize) -> usize) {
        if self.lines.is_empty() && self.toggles.is_empty() {
            return;
        }
        findings.retain(|f| !self.is_suppressed(f.rule.code, line_of(f.span.start)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(text: &str) -> Suppressions {
        let mut ds = Vec::new();
        for (i, line) in text.lines().enumerate() {
            parse_directives(line, i + 1, &mut ds);
        }
        let lines: Vec<&str> = text.lines().collect();
        Suppressions::new(&ds, lines.len(), |l| {
            (l + 1..=lines.len())
                .find(|n| !lines[n - 1].trim().is_empty())
                .unwrap_or(l + 1)
        })
    }

    #[test]
    fn disable_enable_regions_by_code_and_slug() {
        let s = build(
            "a\n<!-- pmlint-disable PM102 empty-section no-such-rule -->\nb\n<!-- pmlint-enable -->\nc",
        );
        assert!(!s.is_suppressed("PM102", 1));
        assert!(s.is_suppressed("PM102", 3));
        assert!(s.is_suppressed("PM103", 3));
        assert!(!s.is_suppressed("PM101", 3));
        assert!(!s.is_suppressed("PM102", 5));
    }

    #[test]
    fn disable_all_then_enable_one() {
        let s = build("<!-- pmlint-disable -->\na\n<!-- pmlint-enable PM102 -->\nb");
        assert!(s.is_suppressed("PM102", 2));
        assert!(!s.is_suppressed("PM102", 4));
        assert!(s.is_suppressed("PM101", 4));
    }

    #[test]
    fn next_line_skips_blank_lines_and_file_covers_all() {
        let s = build("<!-- pmlint-disable-next-line PM103 -->\n\ntarget\nother");
        assert!(s.is_suppressed("PM103", 3));
        assert!(!s.is_suppressed("PM103", 4));
        assert!(!s.is_suppressed("PM101", 3));
        let s = build("x\n<!-- pmlint-disable-file -->");
        assert!(s.is_suppressed("PM101", 1));
    }
}
