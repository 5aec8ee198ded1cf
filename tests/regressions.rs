//! Inputs the fuzzers (see `fuzz/`) once crashed or hung on, replayed through the same code
//! the fuzz targets run: `tests/regressions/pipeline/*` through the whole pipeline (every rule,
//! every preset, fixes, every output format), `tests/regressions/time/*` through the time
//! tokenizer. Every input also goes through the other target, since both read any text.

mod common;

use std::path::Path;

fn inputs(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(folder);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn replay(folder: &str) {
    let cases = inputs(folder);
    assert!(!cases.is_empty(), "no inputs in tests/regressions/{folder}");
    for (name, bytes) in cases {
        eprintln!("replaying {folder}/{name}");
        common::exercise::pipeline_all_presets(&bytes);
        common::exercise::time(&bytes);
    }
}

#[test]
fn pipeline_crash_inputs() {
    replay("pipeline");
}

#[test]
fn time_crash_inputs() {
    replay("time");
}
