//! Per-file cost of each stage: comrak's parse alone, the document builder (parse + walk +
//! model), each rule on a built document, and the whole `lint_text`. Run with
//! `cargo bench --bench pipeline`; the inputs are the synthetic postmortems of
//! `examples/gen_corpus.rs`, so the numbers match `bench/bench.py`'s corpus.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pmlint::config::{self, Settings};
use pmlint::source::Source;

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

/// A fixed sample of postmortems: enough to average over the generator's formats.
fn sample() -> Vec<String> {
    let mut rng = gen_corpus::Rng(42);
    (0..32)
        .map(|i| gen_corpus::postmortem(&mut rng, i))
        .collect()
}

fn settings(toml: &str) -> Settings {
    config::from_toml(toml, Path::new("/")).expect("valid settings")
}

fn benches(c: &mut Criterion) {
    let docs = sample();
    let bytes: usize = docs.iter().map(String::len).sum();
    let all = settings("select = [\"ALL\"]");

    let mut g = c.benchmark_group("per_file");
    // Each iteration handles the whole sample; report per file.
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("comrak_parse", |b| {
        b.iter(|| {
            for text in &docs {
                let arena = comrak::Arena::new();
                let opts =
                    pmlint::document::options(pmlint::document::front_matter_delimiter(text));
                black_box(comrak::parse_document(&arena, text, &opts));
            }
        })
    });
    g.bench_function("document_build", |b| {
        b.iter(|| {
            for text in &docs {
                black_box(pmlint::document::build(
                    Source::new("pm.md", text.clone()),
                    &all,
                ));
            }
        })
    });
    g.bench_function("lint_text_all_rules", |b| {
        b.iter(|| {
            for text in &docs {
                black_box(pmlint::app::lint_text("pm.md", text.clone(), &all));
            }
        })
    });
    g.finish();

    let built: Vec<_> = docs
        .iter()
        .map(|t| pmlint::document::build(Source::new("pm.md", t.clone()), &all))
        .collect();
    let mut g = c.benchmark_group("rule");
    g.throughput(Throughput::Elements(docs.len() as u64));
    for m in pmlint::registry::RULES {
        let only = settings(&format!("select = [\"{}\"]", m.code));
        g.bench_function(format!("{}_{}", m.code, m.slug), |b| {
            b.iter(|| {
                for doc in &built {
                    black_box(pmlint::rules::check(doc, &only));
                }
            })
        });
    }
    g.finish();
    eprintln!("sample: {} files, {bytes} bytes", docs.len());
}

criterion_group!(name = group; config = Criterion::default().sample_size(30); targets = benches);
criterion_main!(group);
