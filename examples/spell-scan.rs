//! Runs the speller over Markdown files the way PM501/PM502 would, roughly: prose words of
//! letters only, at least four long, starting lowercase (code, URLs and link targets are
//! stripped crudely). Prints known typos and unknown words with counts, for tuning
//! `rules/vocabulary.txt` and `rules/typos.toml`.
//!
//! `cargo run --example spell-scan -- FILE...`

use std::collections::BTreeMap;

use pmlint::spell::Speller;

fn main() {
    let strip = regex::Regex::new(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|https?://\S+|\S+@\S+|\S+\.\S+/\S*")
        .expect("valid regex");
    let word_re = regex::Regex::new(r"[\p{L}'’]+").expect("valid regex");
    let speller = Speller::builtin();
    let (mut total, mut files) = (0usize, 0usize);
    let mut typos: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    let mut unknown: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        files += 1;
        let mut in_fence = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
                in_fence = !in_fence;
                continue;
            }
            if in_fence || line.starts_with("    ") {
                continue;
            }
            let line = strip.replace_all(line, " ");
            for m in word_re.find_iter(&line) {
                let word = m.as_str().trim_matches(['\'', '’']);
                if word.chars().count() < 4 || !word.starts_with(|c: char| c.is_lowercase()) {
                    continue;
                }
                total += 1;
                if let Some(corrections) = speller.known_typo(word) {
                    typos.entry(word.to_owned()).or_insert((0, corrections)).0 += 1;
                } else if !speller.is_known_word(word) {
                    let entry = unknown
                        .entry(word.to_owned())
                        .or_insert_with(|| (0, speller.suggest(word)));
                    entry.0 += 1;
                }
            }
        }
    }
    println!("{files} files, {total} words checked");
    println!(
        "known typos (PM501): {} distinct, {} occurrences",
        typos.len(),
        typos.values().map(|v| v.0).sum::<usize>()
    );
    for (word, (n, c)) in &typos {
        println!("  T {n:3} {word} -> {}", c.join(", "));
    }
    let with = unknown.values().filter(|v| !v.1.is_empty()).count();
    println!(
        "unknown (PM502 candidates): {} distinct ({with} with suggestions), {} occurrences",
        unknown.len(),
        unknown.values().map(|v| v.0).sum::<usize>()
    );
    for (word, (n, s)) in &unknown {
        println!("  U {n:3} {word} -> {}", s.join(", "));
    }
}
