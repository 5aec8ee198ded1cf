//! Applying fixes: non-overlapping byte edits on the original text, re-linted to a fixpoint,
//! line endings and BOM untouched; [`write`] puts the result back on disk.

mod write;

pub use write::{WriteError, write_fixed};

use crate::config::Settings;
use crate::finding::{Applicability, Edit, Finding};
use crate::source::Source;

/// How many lint-and-fix rounds to run before giving up on reaching a fixpoint.
pub const MAX_PASSES: usize = 10;

/// Lint `text` as `name`: its source and the findings of every active rule.
pub fn lint(name: &str, text: String, settings: &Settings) -> (Source, Vec<Finding>) {
    let doc = crate::document::build(Source::new(name, text), settings);
    let findings = crate::rules::check(&doc, settings);
    (doc.source, findings)
}

/// Lint, apply fixes, re-lint, until nothing more applies (at most [`MAX_PASSES`] rounds):
/// the fixed source, its findings, and how many fixes were applied.
pub fn lint_and_fix(
    name: &str,
    text: String,
    settings: &Settings,
    unsafe_fixes: bool,
) -> (Source, Vec<Finding>, usize) {
    let (mut source, mut findings) = lint(name, text, settings);
    let mut fixed = 0;
    for _ in 0..MAX_PASSES {
        let (new_text, applied) = apply(&source.text, &findings, unsafe_fixes);
        if applied == 0 || new_text == source.text {
            break;
        }
        fixed += applied;
        (source, findings) = lint(name, new_text, settings);
    }
    (source, findings, fixed)
}

/// Whether `--fix` may apply this finding's fix.
pub fn applies(finding: &Finding, unsafe_fixes: bool) -> bool {
    finding.fix.as_ref().is_some_and(|f| {
        f.applicability == Applicability::Safe
            || (unsafe_fixes && f.applicability == Applicability::Unsafe)
    })
}

/// Apply every applicable fix whose edits overlap no fix already taken (the first one wins;
/// the rest wait for the next pass). Returns the new text and how many fixes were applied.
pub fn apply(text: &str, findings: &[Finding], unsafe_fixes: bool) -> (String, usize) {
    let mut fixes: Vec<&Vec<Edit>> = findings
        .iter()
        .filter(|f| applies(f, unsafe_fixes))
        .filter_map(|f| f.fix.as_ref().map(|fix| &fix.edits))
        .filter(|edits| !edits.is_empty())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut taken = Taken::default();
    let mut applied = 0;
    for edits in fixes {
        let valid = edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        // A fix's own edits must not clash with each other either.
        let clash_within = edits
            .iter()
            .enumerate()
            .any(|(i, e)| edits[..i].iter().any(|t| clash(&e.span, &t.span)));
        if valid && !clash_within && !edits.iter().any(|e| taken.clashes(&e.span)) {
            for e in edits {
                taken.0.insert(e.span.start, e);
            }
            applied += 1;
        }
    }
    // One pass over the text, edits in order: replacing each in place would move the rest
    // of the text once per edit.
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for e in taken.0.values() {
        out.push_str(&text[cursor..e.span.start]);
        out.push_str(&e.content);
        cursor = e.span.end;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// Do two edits clash? They overlap, or they start at the same place and one inserts there
/// (the order of the two would be a guess).
fn clash(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// The edits taken so far, by start. No two clash, so no two start at the same place and
/// their ends grow with their starts: an edit can clash only with the last one starting
/// at or before it or with one starting inside it, found in O(log n) where checking every
/// taken edit made thousands of fixes in one file quadratic.
#[derive(Default)]
struct Taken<'f>(std::collections::BTreeMap<usize, &'f Edit>);

impl Taken<'_> {
    fn clashes(&self, span: &std::ops::Range<usize>) -> bool {
        let before = self.0.range(..=span.start).next_back();
        before.is_some_and(|(_, t)| clash(span, &t.span))
            || self
                .0
                .range(span.start + 1..span.end.max(span.start + 1))
                .next()
                .is_some()
    }
}

/// A unified diff of `old` → `new` for `--diff`.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Fix;
    use crate::registry::RULES;

    fn finding(
        span: std::ops::Range<usize>,
        content: &str,
        applicability: Applicability,
    ) -> Finding {
        let mut f = Finding::new(RULES[0], span.clone(), "m");
        f.fix = Some(Fix {
            applicability,
            edits: vec![Edit {
                span,
                content: content.into(),
            }],
        });
        f
    }

    #[test]
    fn applies_safe_edits_and_keeps_everything_else() {
        let text = "\u{feff}untill now\r\nand behins\r\n";
        let a = finding(3..9, "until", Applicability::Safe);
        let b = finding(19..25, "begins", Applicability::Safe);
        let (out, n) = apply(text, &[b, a], false);
        assert_eq!(out, "\u{feff}until now\r\nand begins\r\n");
        assert_eq!(n, 2);
    }

    #[test]
    fn unsafe_fixes_need_the_flag_and_overlaps_wait() {
        let text = "abcdef";
        let u = finding(0..2, "X", Applicability::Unsafe);
        assert_eq!(
            apply(text, std::slice::from_ref(&u), false),
            ("abcdef".into(), 0)
        );
        assert_eq!(
            apply(text, std::slice::from_ref(&u), true),
            ("Xcdef".into(), 1)
        );
        let a = finding(1..4, "Y", Applicability::Safe);
        let b = finding(2..5, "Z", Applicability::Safe);
        assert_eq!(apply(text, &[a, b], false), ("aYef".into(), 1));
    }

    /// `apply` as it was, checking every taken edit and replacing in place from the end.
    fn apply_by_scanning(text: &str, findings: &[Finding], unsafe_fixes: bool) -> (String, usize) {
        let mut fixes: Vec<&Vec<Edit>> = findings
            .iter()
            .filter(|f| applies(f, unsafe_fixes))
            .filter_map(|f| f.fix.as_ref().map(|fix| &fix.edits))
            .filter(|edits| !edits.is_empty())
            .collect();
        fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
        let mut taken: Vec<&Edit> = Vec::new();
        let mut applied = 0;
        for edits in fixes {
            let valid = edits.iter().all(|e| {
                e.span.start <= e.span.end
                    && e.span.end <= text.len()
                    && text.is_char_boundary(e.span.start)
                    && text.is_char_boundary(e.span.end)
            });
            let overlaps = edits
                .iter()
                .any(|e| taken.iter().any(|t| clash(&e.span, &t.span)));
            if valid && !overlaps {
                taken.extend(edits.iter());
                applied += 1;
            }
        }
        taken.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        for e in taken {
            out.replace_range(e.span.clone(), &e.content);
        }
        (out, applied)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Same text and count as checking every taken edit, for fixes of one edit or of
        /// two that do not clash with each other (insertions and overlaps included).
        #[test]
        fn taking_edits_by_start_agrees_with_checking_them_all(
            fixes in proptest::collection::vec(
                ((0usize..24, 0usize..4, "[xy]{0,2}"), proptest::option::of((0usize..24, 0usize..4)), proptest::bool::ANY),
                0..10,
            ),
        ) {
            let text = "abcdefghijklmnopqrstuvwx";
            let findings: Vec<Finding> = fixes
                .into_iter()
                .map(|((s, l, content), second, safe)| {
                    let applicability = if safe { Applicability::Safe } else { Applicability::Unsafe };
                    let mut f = finding(s..s + l, &content, applicability);
                    if let Some((s2, l2)) = second.filter(|&(s2, l2)| !clash(&(s2..s2 + l2), &(s..s + l))) {
                        f.fix.as_mut().unwrap().edits.push(Edit { span: s2..s2 + l2, content: "z".into() });
                    }
                    f
                })
                .collect();
            for unsafe_fixes in [false, true] {
                proptest::prop_assert_eq!(
                    apply(text, &findings, unsafe_fixes),
                    apply_by_scanning(text, &findings, unsafe_fixes)
                );
            }
        }
    }

    #[test]
    fn a_fix_whose_own_edits_clash_is_not_applied() {
        let mut clashing = finding(0..2, "X", Applicability::Safe);
        clashing.fix.as_mut().unwrap().edits.push(Edit {
            span: 1..3,
            content: "Y".into(),
        });
        let fine = finding(4..5, "Z", Applicability::Safe);
        assert_eq!(
            apply("abcdef", &[clashing, fine], false),
            ("abcdZf".into(), 1)
        );
    }

    #[test]
    fn edits_off_a_character_boundary_are_skipped() {
        let f = finding(1..2, "x", Applicability::Safe);
        assert_eq!(apply("é", &[f], false), ("é".into(), 0));
    }
}
