//! Start-up costs of the lazily built tables, for profiling the one-file (pre-commit) case.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let zones = pmlint::time::Zones::builtin();
    println!("zones table      {:?}", t.elapsed());
    let t = Instant::now();
    let _ = pmlint::time::scan("at 10:00 UTC from 9 AM", zones);
    println!("first scan       {:?}", t.elapsed());
    let t = Instant::now();
    let _ = pmlint::spell::Speller::builtin().known_typo("untill");
    println!("speller          {:?}", t.elapsed());
    let t = Instant::now();
    let settings = pmlint::config::from_toml("", std::path::Path::new(".")).unwrap();
    println!("settings         {:?}", t.elapsed());
    let path = std::env::args().nth(1).expect("a Markdown file");
    let text = std::fs::read_to_string(&path).unwrap();
    let t = Instant::now();
    let doc = pmlint::document::build(pmlint::source::Source::new(&path, text.clone()), &settings);
    println!("first build      {:?}", t.elapsed());
    let t = Instant::now();
    let findings = pmlint::rules::check(&doc, &settings);
    println!(
        "first check      {:?} ({} findings)",
        t.elapsed(),
        findings.len()
    );
    let t = Instant::now();
    let doc = pmlint::document::build(pmlint::source::Source::new(&path, text), &settings);
    let _ = pmlint::rules::check(&doc, &settings);
    println!("second file      {:?}", t.elapsed());
}
