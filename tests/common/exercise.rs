//! What the fuzz targets run, shared with `tests/regressions.rs` so that every crash input the
//! fuzzers found is replayed by the normal test suite through exactly the same code.
//! Everything here goes through the public API, so rules added later are exercised too.

use std::sync::LazyLock;

use pmlint::config::{self, Settings};
use pmlint::report::{self, FileReport, Format, RenderOptions};
use pmlint::time::{self, Zones};

/// One settings object per preset, each with every rule selected.
static SETTINGS: LazyLock<Vec<Settings>> = LazyLock::new(|| {
    config::preset::names()
        .into_iter()
        .map(|name| {
            let toml = format!("preset = \"{name}\"\nselect = [\"ALL\"]\n");
            config::from_toml(&toml, std::path::Path::new("/"))
                .unwrap_or_else(|e| panic!("settings for preset {name}: {e:?}"))
        })
        .collect()
});

/// The whole pipeline on arbitrary bytes, as the command line runs it on a file: the same
/// gate (binary and non-UTF-8 files are reported, not linted), the model, every rule, fixes
/// applied to a fixpoint (safe and unsafe), and every output format. The first byte picks
/// the preset, so that the fuzzer reaches every preset's section matching.
pub fn pipeline(bytes: &[u8]) {
    let preset = bytes.first().map_or(0, |b| *b as usize) % SETTINGS.len();
    pipeline_with(bytes, &SETTINGS[preset]);
}

/// [`pipeline`] under every preset.
pub fn pipeline_all_presets(bytes: &[u8]) {
    for settings in SETTINGS.iter() {
        pipeline_with(bytes, settings);
    }
}

fn pipeline_with(bytes: &[u8], settings: &Settings) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if text.contains('\0') {
        return;
    }
    let mut report = pmlint::app::lint_text("fuzz.md", text.to_string(), settings);
    for _ in 0..pmlint::fix::MAX_PASSES {
        let (fixed, applied) = pmlint::fix::apply(&report.source.text, &report.findings, true);
        if applied == 0 || fixed == report.source.text {
            break;
        }
        report = pmlint::app::lint_text("fuzz.md", fixed, settings);
    }
    render_all(report);
}

fn render_all(report: FileReport) {
    let files = [report];
    let opts = RenderOptions {
        color: false,
        quiet: false,
        width: 80,
    };
    for format in [
        Format::Full,
        Format::Concise,
        Format::Json,
        Format::Github,
        Format::Sarif,
    ] {
        let mut sink = Vec::new();
        report::render(format, &files, &opts, &mut sink).expect("rendering to memory");
    }
    // Every finding's span must lie on character boundaries of the text it was found in.
    for f in &files[0].findings {
        let text = &files[0].source.text;
        assert!(
            f.span.start <= f.span.end && f.span.end <= text.len(),
            "{} span {:?} outside the text ({} bytes)",
            f.rule.code,
            f.span,
            text.len()
        );
        assert!(
            text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end),
            "{} span {:?} not on a character boundary",
            f.rule.code,
            f.span
        );
    }
}

/// The time tokenizer and everything built on it, on arbitrary text.
pub fn time(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let zones = Zones::builtin();
    let scan = time::scan(text, zones);
    for t in &scan.times {
        assert!(t.span.end <= text.len() && t.time_span.end <= text.len());
        let _ = &text[t.span.clone()];
        let _ = &text[t.time_span.clone()];
        if let Some(zone) = &t.zone {
            let _ = &text[zone.span.clone()];
            let date = t.date.unwrap_or(time::REFERENCE_DATE);
            let _ = time::to_timestamp(date, t.time, &zone.kind);
        }
    }
    for d in &scan.dates {
        let _ = &text[d.span.clone()];
    }
    for m in &scan.malformed {
        let _ = &text[m.span.clone()];
    }
    for d in &scan.durations {
        let _ = &text[d.span.clone()];
        let _ = time::humanize(d.duration);
    }
    for z in &scan.zones {
        let _ = &text[z.span.clone()];
    }
    if let Some(w) = time::find_window(text, &scan) {
        assert!(w.start < scan.times.len() && w.end < scan.times.len());
    }
    if let Some(z) = time::zone_declaration(text, zones) {
        let _ = &text[z.span.clone()];
    }
    // A config's [timezones] table: `KEY = value` on the first line, if there is one.
    if let Some((key, value)) = text.lines().next().and_then(|l| l.split_once('='))
        && key.len() < 40
    {
        let _ = zones.with_overrides(&[(key.to_string(), value.trim().to_string())]);
    }
    let _ = pmlint::config::parse_duration(text);
}
