//! Builds the Bloom filter of known typos (`spell/bloom.rs`) from the typo map, into
//! `OUT_DIR/typos.bloom`, which `src/spell/mod.rs` embeds.

#[allow(dead_code)]
#[path = "spell/bloom.rs"]
mod bloom;

use fst::Streamer;

fn main() {
    const TYPOS: &str = "rules/generated/typos.fst";
    println!("cargo::rerun-if-changed={TYPOS}");
    println!("cargo::rerun-if-changed=src/spell/bloom.rs");
    let bytes = std::fs::read(TYPOS).expect("rules/generated/typos.fst is readable");
    let typos = fst::Map::new(bytes).expect("rules/generated/typos.fst is a valid fst");
    let mut filter = bloom::Builder::default();
    let mut keys = typos.keys();
    while let Some(key) = keys.next() {
        filter.insert(key);
    }
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = std::path::Path::new(&out).join("typos.bloom");
    std::fs::write(path, filter.into_bytes()).expect("OUT_DIR is writable");
}
