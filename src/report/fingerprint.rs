//! Fingerprints that follow a finding when lines above it move, so that code scanning
//! (SARIF `partialFingerprints`) and GitLab Code Quality tell an old finding from a new one.
//!
//! A fingerprint hashes the rule's code, the file's path, the finding's text with its
//! whitespace collapsed and its message: no line or column goes in. A finding on an empty span
//! (a missing section reported at a heading) hashes its line's text instead, and its message
//! (which section is missing) tells it from the others reported there. Equal keys in one file are
//! told apart by their order (`:1`, `:2`, ...), as GitHub's own line hashes are.

use rustc_hash::FxHashMap;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;

use crate::finding::Finding;
use crate::source::Source;

/// The fingerprint of each of `findings` (in the order given, which is position order).
pub fn fingerprints(source: &Source, findings: &[Finding]) -> Vec<String> {
    let path = source.name.replace('\\', "/");
    let mut seen: FxHashMap<u128, usize> = FxHashMap::default();
    findings
        .iter()
        .map(|f| {
            let key = key(
                f.rule.code,
                &path,
                &normalised_text(source, &f.span),
                &f.message,
            );
            let n = seen.entry(key).or_insert(0);
            *n += 1;
            format!("{key:032x}:{n}")
        })
        .collect()
}

/// SipHash 1-3 with fixed zero keys: the same value on every platform and run, unlike the
/// standard library's `DefaultHasher`, whose algorithm may change between Rust releases.
fn key(code: &str, path: &str, text: &str, message: &str) -> u128 {
    let mut h = SipHasher13::new();
    for part in [code, path, text, message] {
        h.write(part.as_bytes());
        h.write_u8(0);
    }
    h.finish128().as_u128()
}

/// The span's text, or its line's for an empty span, with runs of whitespace as one space.
fn normalised_text(source: &Source, span: &std::ops::Range<usize>) -> String {
    let text = &source.text;
    let clamp = |i: usize| {
        let mut i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (clamp(span.start), clamp(span.end));
    let picked = if start < end {
        &text[start..end]
    } else {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        &text[line_start..line_end]
    };
    picked.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RULES;

    fn finding(text: &str, needle: &str) -> Finding {
        let start = text.find(needle).expect("needle in text");
        Finding::new(RULES[0], start..start + needle.len(), "a message")
    }

    #[test]
    fn lines_moving_above_a_finding_keep_its_fingerprint() {
        let before = "# T\n\nteh cat\n";
        let after = "# T\n\nA new paragraph.\n\nAnd another.\n\nteh   cat\n";
        let a = Source::new("pm.md", before);
        let b = Source::new("pm.md", after);
        assert_eq!(
            fingerprints(&a, &[finding(before, "teh cat")]),
            fingerprints(&b, &[finding(after, "teh   cat")])
        );
    }

    #[test]
    fn rule_path_text_and_repeats_each_change_it() {
        let text = "teh x\nteh x\nthe y\n";
        let s = Source::new("pm.md", text);
        let first = finding(text, "teh x");
        let mut second = first.clone();
        second.span = 6..11;
        let other_text = finding(text, "the y");
        let mut other_rule = first.clone();
        other_rule.rule = RULES[1];
        let fps = fingerprints(&s, &[first.clone(), second, other_text, other_rule]);
        assert!(fps[0].ends_with(":1") && fps[1].ends_with(":2"));
        assert_eq!(fps[0][..32], fps[1][..32]);
        assert_ne!(fps[0][..32], fps[2][..32]);
        assert_ne!(fps[0][..32], fps[3][..32]);
        let elsewhere = Source::new("other.md", text);
        assert_ne!(fingerprints(&elsewhere, &[first])[0], fps[0]);
    }

    #[test]
    fn an_empty_span_hashes_its_line() {
        let text = "# Title\n\n## Timeline\n";
        let s = Source::new("pm.md", text);
        let mut f = finding(text, "## Timeline");
        f.span = f.span.start..f.span.start;
        let mut g = f.clone();
        g.span = 0..0;
        let fps = fingerprints(&s, &[f, g]);
        assert_ne!(fps[0][..32], fps[1][..32]);
    }

    #[test]
    fn findings_at_one_place_are_told_apart_by_their_message() {
        let text = "# Outage\n";
        let s = Source::new("pm.md", text);
        let timeline = Finding::new(RULES[0], 2..2, "required section `Timeline` is missing");
        let cause = Finding::new(RULES[0], 2..2, "required section `Root Cause` is missing");
        let fps = fingerprints(&s, &[timeline, cause]);
        assert_ne!(fps[0][..32], fps[1][..32]);
        assert!(fps[0].ends_with(":1") && fps[1].ends_with(":1"));
    }
}
