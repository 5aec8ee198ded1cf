//! Property tests: the document model, the timeline builder and every rule never panic on
//! arbitrary text, including text made of the pieces postmortems are made of.

use proptest::prelude::*;

fn lint(text: &str) {
    let settings = pmlint::config::from_toml("", std::path::Path::new(".")).unwrap();
    let report = pmlint::app::lint_text("prop.md", text.to_string(), &settings);
    // Spans must be usable: on char boundaries and inside the text.
    for f in &report.findings {
        assert!(
            f.span.start <= f.span.end && f.span.end <= text.len(),
            "{f:?}"
        );
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        for l in &f.labels {
            assert!(l.span.end <= text.len());
        }
    }
    // Applying every fix, safe and unsafe, keeps the text valid and re-lints cleanly.
    let (fixed, _) = pmlint::fix::apply(&report.source.text, &report.findings, true);
    let _ = pmlint::app::lint_text("prop.md", fixed, &settings);
}

/// Fragments of real postmortems: headings, list markers, times, zones, dates, durations.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Timeline\n".to_string()),
        Just("## Issue Summary\n".to_string()),
        Just("**Root Cause:**\n".to_string()),
        Just("- ".to_string()),
        Just("| Time (UTC) | Event |\n|---|---|\n".to_string()),
        Just("| 10:00 | x |\n".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just(" from 6:00 AM to 7:50 PM GMT ".to_string()),
        Just(" 1 hour and 5 minutes ".to_string()),
        Just(" 7:40: PM ".to_string()),
        Just(" 13:15 PM ".to_string()),
        Just(" --:-- ".to_string()),
        Just(" June 19, 2024 ".to_string()),
        Just(" 0640hrs => ".to_string()),
        Just(" IST ".to_string()),
        Just(" Start: 2024-06-19T14:00:00Z ".to_string()),
        Just(" End: 09:00 ".to_string()),
        Just(" untill roolback ".to_string()),
        Just("<!-- pmlint-disable -->".to_string()),
        Just("```\ncode\n".to_string()),
        Just("> ".to_string()),
        Just("\u{feff}".to_string()),
        "[a-zA-Z0-9 :.,()*_#|-]{0,20}",
        "\\PC{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        lint(&text);
    }

    #[test]
    fn postmortem_shaped_text_never_panics(parts in proptest::collection::vec(fragment(), 0..40)) {
        lint(&parts.concat());
    }
}
