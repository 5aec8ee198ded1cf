//! The benchmark's floor: find the same Markdown files pmlint would, read each one and
//! comrak-parse it with pmlint's own options, in parallel on the same rayon pool size, and do
//! nothing else. pmlint cannot be faster than this; `bench/run.sh` reports how close it gets.
//!
//! ```sh
//! cargo run --release --example parse_floor -- PATH...
//! ```

use std::path::PathBuf;

use rayon::prelude::*;

fn main() {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let mut files = Vec::new();
    for root in &roots {
        let mut builder = ignore::WalkBuilder::new(root);
        builder.require_git(false);
        for entry in builder.build().flatten() {
            let path = entry.path();
            let markdown = path.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")
            });
            if entry.file_type().is_some_and(|t| t.is_file()) && markdown {
                files.push(path.to_path_buf());
            }
        }
    }
    let (nodes, bytes) = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let arena = comrak::Arena::new();
            let options =
                pmlint::document::options(pmlint::document::front_matter_delimiter(&text));
            let root = comrak::parse_document(&arena, &text, &options);
            (root.descendants().count(), text.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("parsed {} files, {bytes} bytes, {nodes} nodes", files.len());
}
