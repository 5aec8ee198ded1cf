//! Regenerates the compact dictionaries in `rules/generated/`.
//!
//! ```text
//! cargo run --release --features regenerate --example gen-dicts                # typos only
//! cargo run --release --features regenerate --example gen-dicts -- --scowl DIR  # and words
//! ```
//! `DIR` holds SCOWL's split lists, as Debian's `scowl` package installs them in
//! `/usr/share/dict/scowl` (`apt-get install scowl`). See `rules/generated/README.md`.

use std::path::{Path, PathBuf};

use pmlint::spell::generate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/generated");
    let mut args = std::env::args().skip(1);
    let mut scowl: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scowl" => scowl = Some(args.next().ok_or("--scowl needs a folder")?.into()),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }

    let typos = generate::build_typos(
        typos_dict::WORD
            .map
            .entries()
            .map(|(typo, corrections)| (typo.into_inner(), *corrections)),
    );
    std::fs::write(out.join("typos.fst"), &typos.fst)?;
    std::fs::write(out.join("typos-corrections.txt"), &typos.corrections)?;
    // Lets a cheap test notice a typos-dict upgrade without compiling typos-dict.
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))?;
    let version =
        generate::locked_version(&lock, "typos-dict").ok_or("typos-dict not in Cargo.lock")?;
    std::fs::write(out.join("typos-dict-version.txt"), format!("{version}\n"))?;
    println!(
        "typos.fst: {} bytes, typos-corrections.txt: {} bytes",
        typos.fst.len(),
        typos.corrections.len()
    );

    if let Some(dir) = scowl {
        let mut entries = Vec::new();
        let mut used = Vec::new();
        for file in std::fs::read_dir(&dir)? {
            let file = file?;
            let name = file.file_name().to_string_lossy().into_owned();
            let Some(level) = generate::scowl_list_level(&name) else {
                continue;
            };
            let bytes = std::fs::read(file.path())?;
            entries.extend(generate::decode_latin1_lines(&bytes).map(|w| (w, level)));
            used.push(name);
        }
        used.sort();
        let words = generate::build_words(entries);
        std::fs::write(out.join("words.fst"), &words)?;
        std::fs::write(out.join("words-sources.txt"), used.join("\n") + "\n")?;
        println!(
            "words.fst: {} bytes from {} SCOWL lists",
            words.len(),
            used.len()
        );
    }
    Ok(())
}
