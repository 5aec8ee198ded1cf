//! The config loader on arbitrary TOML: every error is a report pointing into the text (its
//! rendering included), never a panic; a config that loads lints a small postmortem.
#![no_main]

use std::path::Path;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match pmlint::config::from_toml(text, Path::new("/")) {
        Ok(settings) => {
            let doc = "# T\n\n## Summary\n\nDown 10:00 to 10:30 UTC.\n\n## Timeline\n\n- 10:00 UTC x\n";
            let _ = pmlint::app::lint_text("f.md", doc.to_string(), &settings);
        }
        Err(report) => {
            let _ = format!("{report:?}");
        }
    }
});
