//! Inline suppression with HTML comments, which are invisible when the Markdown is rendered:
//! `<!-- pmlint-disable PM201 known-typos -->` … `<!-- pmlint-enable -->`,
//! `<!-- pmlint-disable-next-line PM501 -->`, `<!-- pmlint-disable-line PM501 -->` (the
//! comment's own line), `<!-- pmlint-disable-file -->`.
//! No rule list means every rule.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::pattern::Pattern;

use crate::finding::Finding;
use crate::registry;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    /// markdownlint's spelling: the comment's own line.
    DisableLine,
    DisableFile,
    /// `pmlint-disable-nextline` and other misspellings: suppresses nothing, and
    /// invalid-suppression (PM001) says so.
    Unknown,
}

/// The directives pmlint knows, as written after `pmlint-`.
pub const DIRECTIVE_NAMES: &[&str] = &[
    "disable",
    "enable",
    "disable-next-line",
    "disable-line",
    "disable-file",
];

/// One comment, with the rule codes it names (empty = every rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    pub codes: Vec<String>,
    /// 1-based line the comment starts on and ends on.
    pub line: usize,
    pub end_line: usize,
    /// The comment in the source.
    pub span: std::ops::Range<usize>,
    /// The directive's name as written (`disable-nextline`), for an unknown one.
    pub name: String,
}

static DIRECTIVE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"<!--\s*pmlint-([A-Za-z-]+)((?su:.)*?)-->").unwrap());

/// Directives in one HTML node's source text, which starts on 1-based `line` and at byte
/// `offset` of the source.
pub fn parse_directives(html: &str, line: usize, offset: usize, out: &mut Vec<Directive>) {
    // Most comments are no directive: compiling the pattern cost a document with any HTML
    // comment 0.5 M instructions, and it matches nothing without this literal.
    if memchr::memmem::find(html.as_bytes(), b"pmlint-").is_none() {
        return;
    }
    // Lines are counted from the previous directive on, not from the start each time, so a
    // huge HTML block full of comments stays linear.
    let (mut counted_to, mut first) = (0, line);
    for cap in DIRECTIVE.captures_iter(html) {
        let whole = cap.get(0).unwrap();
        let kind = match &cap[1] {
            "disable-next-line" => DirectiveKind::DisableNextLine,
            "disable-line" => DirectiveKind::DisableLine,
            "disable-file" => DirectiveKind::DisableFile,
            "disable" => DirectiveKind::Disable,
            "enable" => DirectiveKind::Enable,
            _ => DirectiveKind::Unknown,
        };
        let codes = cap[2]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            // An unknown name stays as written: it matches nothing, and never widens the
            // directive to every rule.
            .map(|name| {
                registry::find(name).map_or_else(|| name.to_string(), |r| r.code.to_string())
            })
            .collect();
        first += html[counted_to..whole.start()].matches('\n').count();
        counted_to = whole.start();
        let last = first + whole.as_str().matches('\n').count();
        out.push(Directive {
            kind,
            codes,
            line: first,
            end_line: last,
            span: offset + whole.start()..offset + whole.end(),
            name: cap[1].to_string(),
        });
    }
}

/// When each rule is switched off, built from a file's directives. Lookups cost a hash or a
/// binary search, not a replay of every directive, so a file with many thousands of
/// directives and findings is still linted in linear time. Each place a rule is off
/// remembers the directives that put it there, so [`Suppressions::retain`] can say which
/// directives suppressed something (for `--report-unused-suppressions`).
#[derive(Debug, Default)]
pub struct Suppressions {
    /// disable-file: every rule, or these codes, in the whole file.
    file: Off,
    /// disable-next-line and disable-line, by target line.
    lines: HashMap<usize, Off>,
    /// disable / enable directives in document order (their lines never decrease), each with
    /// its index among the file's directives.
    toggles: Vec<(usize, Directive)>,
}

/// The rules switched off in one place, and by which directives (indices into the file's
/// directives).
#[derive(Debug, Default)]
struct Off {
    /// Directives that switch off every rule here.
    all: Vec<usize>,
    codes: HashMap<String, Vec<usize>>,
}

impl Off {
    fn add(&mut self, index: usize, codes: &[String]) {
        if codes.is_empty() {
            self.all.push(index);
        }
        for code in codes {
            self.codes.entry(code.clone()).or_default().push(index);
        }
    }

    /// The directives that switch `code` off here (none: it is on).
    fn by(&self, code: &str) -> impl Iterator<Item = usize> + '_ {
        self.all
            .iter()
            .chain(self.codes.get(code).into_iter().flatten())
            .copied()
    }

    fn covers(&self, code: &str) -> bool {
        self.by(code).next().is_some()
    }

    fn is_empty(&self) -> bool {
        self.all.is_empty() && self.codes.is_empty()
    }
}

/// What each directive of a file suppressed: by directive index, the codes of the findings it
/// dropped.
#[derive(Debug, Default)]
pub struct Usage {
    used: HashMap<usize, HashSet<&'static str>>,
}

impl Usage {
    fn record(&mut self, index: usize, code: &'static str) {
        self.used.entry(index).or_default().insert(code);
    }

    /// Whether directive `index` suppressed a finding of `code` (of any rule, for `None`).
    pub fn suppressed(&self, index: usize, code: Option<&str>) -> bool {
        self.used
            .get(&index)
            .is_some_and(|codes| code.is_none_or(|c| codes.contains(c)))
    }
}

impl Suppressions {
    /// `next_content_line(l)` gives the first non-blank line after `l`, for disable-next-line
    /// (a blank line between the comment and its target is common, as formatters add one).
    pub fn new(
        directives: &[Directive],
        next_content_line: impl Fn(usize) -> usize,
    ) -> Suppressions {
        let mut s = Suppressions::default();
        // Directives come in document order; one line's many comments share one look-ahead.
        let mut last_target: Option<(usize, usize)> = None;
        for (i, d) in directives.iter().enumerate() {
            match d.kind {
                DirectiveKind::DisableFile => s.file.add(i, &d.codes),
                DirectiveKind::DisableNextLine => {
                    let target = match last_target {
                        Some((line, target)) if line == d.end_line => target,
                        _ => next_content_line(d.end_line),
                    };
                    last_target = Some((d.end_line, target));
                    s.lines.entry(target).or_default().add(i, &d.codes);
                }
                DirectiveKind::DisableLine => {
                    for line in d.line..=d.end_line {
                        s.lines.entry(line).or_default().add(i, &d.codes);
                    }
                }
                DirectiveKind::Disable | DirectiveKind::Enable => s.toggles.push((i, d.clone())),
                DirectiveKind::Unknown => {}
            }
        }
        s
    }

    pub fn is_suppressed(&self, code: &str, line: usize) -> bool {
        self.off_by_line(code, line) || toggled_off(&self.toggle_states(code), line).is_some()
    }

    fn off_by_line(&self, code: &str, line: usize) -> bool {
        self.file.covers(code) || self.lines.get(&line).is_some_and(|o| o.covers(code))
    }

    /// For one code: after each disable / enable directive, by line, the directive that has
    /// it switched off (`None`: on).
    fn toggle_states(&self, code: &str) -> Vec<(usize, Option<usize>)> {
        let mut off = None;
        self.toggles
            .iter()
            .map(|(i, d)| {
                let names_it = d.codes.is_empty() || d.codes.iter().any(|c| c == code);
                match d.kind {
                    DirectiveKind::Disable if names_it => off = Some(*i),
                    DirectiveKind::Enable if names_it => off = None,
                    _ => {}
                }
                (d.line, off)
            })
            .collect()
    }

    /// Drop the suppressed findings, and say which directives suppressed them.
    pub fn retain(&self, findings: &mut Vec<Finding>, line_of: impl Fn(usize) -> usize) -> Usage {
        let mut usage = Usage::default();
        if self.file.is_empty() && self.lines.is_empty() && self.toggles.is_empty() {
            return usage;
        }
        // Toggle states are worked out once per rule code, not once per finding.
        let mut states: HashMap<&str, Vec<(usize, Option<usize>)>> = HashMap::new();
        findings.retain(|f| {
            let code = f.rule.code;
            let line = line_of(f.span.start);
            let mut by = self
                .file
                .by(code)
                .chain(self.lines.get(&line).into_iter().flat_map(|o| o.by(code)))
                .peekable();
            if by.peek().is_some() {
                by.for_each(|i| usage.record(i, code));
                return false;
            }
            let states = states
                .entry(code)
                .or_insert_with(|| self.toggle_states(code));
            match toggled_off(states, line) {
                Some(i) => {
                    usage.record(i, code);
                    false
                }
                None => true,
            }
        });
        usage
    }
}

/// The directive that has the code off after the last directive on or before `line`.
fn toggled_off(states: &[(usize, Option<usize>)], line: usize) -> Option<usize> {
    let n = states.partition_point(|(l, _)| *l <= line);
    if n > 0 { states[n - 1].1 } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(text: &str) -> Suppressions {
        let mut ds = Vec::new();
        for (i, line) in text.lines().enumerate() {
            parse_directives(line, i + 1, 0, &mut ds);
        }
        let lines: Vec<&str> = text.lines().collect();
        Suppressions::new(&ds, |l| {
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
