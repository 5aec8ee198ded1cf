//! Where one file's time goes: reads every Markdown file under PATH once, then times, on one
//! thread, comrak's parse alone, the whole document build, the time scan within it, and each
//! rule on the built documents, and prints microseconds per file for each stage.
//!
//! ```sh
//! cargo run --release --example stages -- target/bench-corpus-5000-42
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use pmlint::config;
use pmlint::source::Source;

fn main() {
    let root: PathBuf = std::env::args_os().nth(1).expect("a folder").into();
    let mut texts = Vec::new();
    for entry in ignore::WalkBuilder::new(&root)
        .require_git(false)
        .build()
        .flatten()
    {
        if entry.path().extension().is_some_and(|e| e == "md") {
            texts.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let n = texts.len() as f64;
    let all = config::from_toml("select = [\"ALL\"]", Path::new("/")).unwrap();
    let per = |start: Instant| start.elapsed().as_secs_f64() * 1e6 / n;

    let t = Instant::now();
    for text in &texts {
        let arena = comrak::Arena::new();
        let opts = pmlint::document::options(pmlint::document::front_matter_delimiter(text));
        std::hint::black_box(comrak::parse_document(&arena, text, &opts));
    }
    println!("{:>8.1} µs  comrak parse", per(t));

    let t = Instant::now();
    let docs: Vec<_> = texts
        .iter()
        .map(|text| pmlint::document::build(Source::new("pm.md", text.clone()), &all))
        .collect();
    println!("{:>8.1} µs  document build (parse included)", per(t));

    let mut total = 0.0;
    for m in pmlint::registry::RULES {
        let only =
            config::from_toml(&format!("select = [\"{}\"]", m.code), Path::new("/")).unwrap();
        let t = Instant::now();
        let mut findings = 0;
        for doc in &docs {
            findings += pmlint::rules::check(doc, &only).len();
        }
        let us = per(t);
        total += us;
        println!("{us:>8.1} µs  {} {} ({findings} findings)", m.code, m.slug);
    }
    println!("{total:>8.1} µs  all rules");
}
