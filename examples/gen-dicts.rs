//! Regenerates the compact dictionaries in `rules/generated/`.
//!
//! ```text
//! cargo run --release --features regenerate --example gen-dicts                # typos only
//! cargo run --release --features regenerate --example gen-dicts -- \
//!     --scowl /usr/share/dict/scowl --cspell rules/generated/cspell/node_modules/@cspell  # and words
//! ```
//! `--scowl` is the folder of SCOWL's split lists, as Debian's `scowl` package installs them
//! (`apt-get install scowl`); `--cspell` the cspell packages that `npm ci` installs in
//! `rules/generated/cspell`. See `rules/generated/README.md`.

use std::path::{Path, PathBuf};

use pmlint::spell::generate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/generated");
    let mut args = std::env::args().skip(1);
    let mut scowl: Option<PathBuf> = None;
    let mut cspell: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scowl" => scowl = Some(args.next().ok_or("--scowl needs a folder")?.into()),
            "--cspell" => cspell = Some(args.next().ok_or("--cspell needs a folder")?.into()),
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

    match (scowl, cspell) {
        (Some(scowl), Some(cspell)) => write_words(&out, &scowl, &cspell, &typos)?,
        (None, None) => {}
        _ => return Err("the word list needs both --scowl and --cspell".into()),
    }
    Ok(())
}

/// Writes `words.fst` from SCOWL's lists and cspell's, and `words-sources.txt` naming them.
/// cspell words that the typo map lists as misspellings (`splitted`, `discoverd`: names and
/// identifiers in its lists) are left out, so that they are never offered as suggestions.
fn write_words(
    out: &Path,
    scowl: &Path,
    cspell: &Path,
    typos: &generate::TyposData,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut entries = Vec::new();
    let mut used = Vec::new();
    for file in std::fs::read_dir(scowl)? {
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
    let typo_keys = fst::Map::new(typos.fst.as_slice())?;
    let lock = std::fs::read_to_string(out.join("cspell/package-lock.json"))?;
    for (package, lists) in generate::CSPELL_LISTS {
        let name = format!("@cspell/{package}");
        let version =
            generate::npm_locked_version(&lock, &name).ok_or(format!("{name} not locked"))?;
        let installed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
            cspell.join(package).join("package.json"),
        )?)?;
        if installed["version"].as_str() != Some(version.as_str()) {
            return Err(format!(
                "{name} installed is not {version}: run `npm ci` in rules/generated/cspell"
            )
            .into());
        }
        for list in *lists {
            let text = read_maybe_gzipped(&cspell.join(package).join(list))?;
            entries.extend(
                generate::cspell_words(&text)
                    .filter(|w| !typo_keys.contains_key(w))
                    .map(|w| (w, generate::CSPELL_LEVEL)),
            );
            used.push(format!("{name}@{version} {list}"));
        }
    }
    let words = generate::build_words(entries);
    std::fs::write(out.join("words.fst"), &words)?;
    std::fs::write(out.join("words-sources.txt"), used.join("\n") + "\n")?;
    println!("words.fst: {} bytes from {} lists", words.len(), used.len());
    Ok(())
}

fn read_maybe_gzipped(path: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(bytes.as_slice()),
            &mut text,
        )?;
        Ok(text)
    } else {
        Ok(String::from_utf8(bytes)?)
    }
}
