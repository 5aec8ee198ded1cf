//! Measures the speller's start-up and per-lookup cost (release build):
//! `cargo run --release --example spell-bench`.

use std::hint::black_box;
use std::time::Instant;

use pmlint::spell::Speller;

fn main() {
    let start = Instant::now();
    let first = Speller::builtin().known_typo("untill");
    let first_cost = start.elapsed();
    println!("first lookup (builds Speller::builtin): {first_cost:?} -> {first:?}");

    let speller = Speller::builtin();
    let words = [
        "untill",
        "traffic",
        "environment",
        "rollback",
        "kubectl",
        "Postmortem",
        "servers",
        "infrastracture",
        "misconfigured",
        "the",
    ];
    let rounds = 20_000;
    let start = Instant::now();
    for _ in 0..rounds {
        for w in words {
            black_box(speller.known_typo(black_box(w)));
        }
    }
    let per = start.elapsed() / (rounds * words.len() as u32);
    println!("known_typo: {per:?} per word");

    let start = Instant::now();
    for _ in 0..rounds {
        for w in words {
            black_box(speller.is_known_word(black_box(w)));
        }
    }
    let per = start.elapsed() / (rounds * words.len() as u32);
    println!("is_known_word: {per:?} per word");

    let unknown = [
        "roolback",
        "traffix",
        "becan",
        "infrastracture",
        "configuraton",
        "xqzvw",
    ];
    let rounds = 200;
    let start = Instant::now();
    for _ in 0..rounds {
        for w in unknown {
            black_box(speller.suggest(black_box(w)));
        }
    }
    let per = start.elapsed() / (rounds * unknown.len() as u32);
    println!("suggest: {per:?} per word");
    for w in unknown {
        println!("  {w} -> {:?}", speller.suggest(w));
    }

    let start = Instant::now();
    let custom = Speller::new(
        &[("kubernets".into(), "Kubernetes".into())],
        &["Holberton".into()],
    );
    println!("Speller::new with config: {:?}", start.elapsed());
    black_box(custom);
}
