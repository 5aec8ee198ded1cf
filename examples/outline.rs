//! What pmlint reads in a document: its sections (kind, level, parent, which preset
//! sections they satisfy), its summary's times and window, and its timeline entries. For reading misses and false alarms.
//!
//! ```sh
//! cargo run --release --example outline -- FILE.md [PRESET]
//! ```

use pmlint::config::{self, Overrides};
use pmlint::source::Source;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let overrides = Overrides {
        preset: args.next(),
        ..Overrides::default()
    };
    let settings = config::load(&overrides).expect("settings");
    let text = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    let doc = pmlint::document::build(Source::new(&path, text), &settings);
    for (i, s) in doc.sections.iter().enumerate() {
        let line = doc.source.line_of(s.span.start);
        let names: Vec<&str> = s
            .matches
            .iter()
            .map(|&m| settings.preset.sections[m].title.as_str())
            .collect();
        println!(
            "{i:3} line {line:4} h{} {:?} parent {:?} {:?} key {:?} -> {names:?}",
            s.level, s.kind, s.parent, s.title, s.key
        );
    }
    if let Some(s) = &doc.time.summary {
        let said = |i: usize| doc.text(s.times[i].span.clone());
        let times: Vec<&str> = (0..s.times.len()).map(said).collect();
        println!(
            "summary of section {:?}: times {times:?}, window {:?}, durations {}",
            s.section,
            s.window.map(|(a, b)| (said(a), said(b))),
            s.durations.len()
        );
    }
    if let Some(t) = &doc.time.timeline {
        println!(
            "timeline of section {} ({:?}), zone {:?}",
            t.section,
            t.shape,
            t.declared_zone.is_some()
        );
        for e in &t.entries {
            println!(
                "  line {:4} {:?} time {:?} malformed {}",
                doc.source.line_of(e.span.start),
                e.kind,
                e.point.as_ref().map(|p| doc.text(p.span.clone())),
                e.malformed.is_some()
            );
        }
    }
}
