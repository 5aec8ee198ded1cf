//! The committed dictionaries in `rules/generated/` are current and consistent.
//! If a test here fails after a dependency upgrade, regenerate:
//! `cargo run --release --features regenerate --example gen-dicts` (see
//! `rules/generated/README.md`). The byte-for-byte check against typos-dict needs
//! `--features regenerate`; by default a version check stands in for it.

use fst::{IntoStreamer, Streamer};
use pmlint::spell::generate;

const TYPOS_FST: &[u8] = include_bytes!("../rules/generated/typos.fst");
const TYPOS_CORRECTIONS: &str = include_str!("../rules/generated/typos-corrections.txt");
const WORDS_FST: &[u8] = include_bytes!("../rules/generated/words.fst");

/// The typo map was generated from the typos-dict version that Cargo.lock pins, so a
/// `cargo update` that moves typos-dict fails here until the map is regenerated.
#[test]
fn typos_fst_was_generated_from_the_locked_typos_dict() {
    let locked = generate::locked_version(include_str!("../Cargo.lock"), "typos-dict");
    let generated = include_str!("../rules/generated/typos-dict-version.txt").trim();
    assert_eq!(
        locked,
        Some(generated),
        "rules/generated/ is from typos-dict {generated}: regenerate it"
    );
}

/// Regenerates the typo map from the `typos-dict` crate and compares bytes, so that an
/// upgrade of typos-dict cannot leave a stale map behind.
#[cfg(feature = "regenerate")]
#[test]
fn typos_fst_matches_typos_dict() {
    let fresh = generate::build_typos(
        typos_dict::WORD
            .map
            .entries()
            .map(|(typo, corrections)| (typo.into_inner(), *corrections)),
    );
    assert!(
        fresh.corrections == TYPOS_CORRECTIONS,
        "rules/generated/typos-corrections.txt is stale: run `cargo run --example gen-dicts`"
    );
    assert!(
        fresh.fst == TYPOS_FST,
        "rules/generated/typos.fst is stale: run `cargo run --example gen-dicts`"
    );
}

/// The English list comes from Debian's SCOWL lists, not available at test time; check
/// what can be checked: it is a valid lowercase fst of plausible size, levels are SCOWL
/// levels, and everyday words are in it while misspellings are not.
#[test]
fn words_fst_is_consistent() {
    let words = fst::Map::new(WORDS_FST).expect("valid fst");
    assert!(
        (100_000..200_000).contains(&words.len()),
        "{} words",
        words.len()
    );
    let mut stream = words.stream();
    while let Some((key, level)) = stream.next() {
        let word = std::str::from_utf8(key).expect("UTF-8 key");
        assert_eq!(word, word.to_lowercase(), "{word} is not lowercase");
        assert!(
            [10, 20, 35, 40, 50, 55, 60, 70].contains(&level),
            "{word}: level {level}"
        );
    }
    for word in [
        "the",
        "server",
        "outage",
        "restart",
        "rollback",
        "postmortem",
        "apologise",
        // SCOWL size 70
        "authenticator",
        "writeup",
        // cspell's technical lists
        "kubectl",
        "chown",
        "datadog",
    ] {
        assert!(words.contains_key(word), "{word} missing");
    }
    for typo in [
        "untill",
        "reuests",
        "roolback",
        "traffix",
        "environtent",
        "becan",
    ] {
        assert!(!words.contains_key(typo), "{typo} is in the English list");
    }
    assert_eq!(words.get("the"), Some(10));
}

/// The word list was generated from the cspell packages that
/// `rules/generated/cspell/package-lock.json` locks, and that lock pins what `package.json`
/// asks for: a version bump in either fails here until `words.fst` is regenerated.
#[test]
fn words_fst_was_generated_from_the_locked_cspell_lists() {
    let lock = include_str!("../rules/generated/cspell/package-lock.json");
    let manifest: serde_json::Value =
        serde_json::from_str(include_str!("../rules/generated/cspell/package.json")).unwrap();
    let sources = include_str!("../rules/generated/words-sources.txt");
    for (package, lists) in generate::CSPELL_LISTS {
        let name = format!("@cspell/{package}");
        let locked = generate::npm_locked_version(lock, &name).expect("locked");
        assert_eq!(
            manifest["dependencies"][&name].as_str(),
            Some(locked.as_str()),
            "package.json pins {name} exactly, as locked"
        );
        for list in *lists {
            let line = format!("{name}@{locked} {list}");
            assert!(
                sources.lines().any(|l| l == line),
                "words.fst was not built from {line}: regenerate it"
            );
        }
    }
    let listed = sources
        .lines()
        .filter(|l| l.starts_with("@cspell/"))
        .count();
    let wanted: usize = generate::CSPELL_LISTS.iter().map(|(_, l)| l.len()).sum();
    assert_eq!(
        listed, wanted,
        "words-sources.txt names lists no longer used"
    );
}

#[test]
fn cspell_lines_become_words() {
    let list = "# cspell-tools: keep-case no-split\n\nkubectl\n!forbiddn\n*Balancer*\nNode.js\nMoore's\n+ingress ~Helm # c\nx\n";
    let words: Vec<String> = generate::cspell_words(list).collect();
    assert_eq!(
        words,
        [
            "kubectl", "balancer", "node", "js", "moore's", "ingress", "helm"
        ]
    );
}

/// Every stored span points at a list of non-empty corrections.
#[test]
fn typos_fst_spans_are_valid() {
    let typos = fst::Map::new(TYPOS_FST).expect("valid fst");
    assert!(typos.len() > 90_000, "{} typos", typos.len());
    let mut stream = typos.into_stream();
    while let Some((key, value)) = stream.next() {
        let (offset, len) = generate::unpack_span(value);
        let list = TYPOS_CORRECTIONS
            .get(offset..offset + len)
            .expect("span inside the blob");
        assert!(
            list.split(generate::CORRECTION_SEPARATOR)
                .all(|c| !c.is_empty()),
            "{key:?}"
        );
    }
}

#[test]
fn locked_version_reads_cargo_lock() {
    let lock = "[[package]]\nname = \"fst\"\nversion = \"0.4.7\"\n\n[[package]]\nname = \"typos-dict\"\nversion = \"0.14.4\"\n";
    assert_eq!(generate::locked_version(lock, "typos-dict"), Some("0.14.4"));
    assert_eq!(generate::locked_version(lock, "fst"), Some("0.4.7"));
    assert_eq!(generate::locked_version(lock, "typos"), None);
}

#[test]
fn scowl_selection() {
    assert_eq!(generate::scowl_list_level("american-words.50"), Some(50));
    assert_eq!(generate::scowl_list_level("british_z-words.60"), Some(60));
    assert_eq!(generate::scowl_list_level("special-hacker.50"), Some(50));
    assert_eq!(generate::scowl_list_level("american-words.70"), Some(70));
    assert_eq!(generate::scowl_list_level("american-words.80"), None);
    assert_eq!(generate::scowl_list_level("variant_2-words.50"), None);
    assert_eq!(generate::scowl_list_level("README"), None);
}

#[test]
fn build_typos_dedups_lists_and_lowercases_keys() {
    let data = generate::build_typos([
        ("Untill", &["until"][..]),
        ("tehm", &["them", "then"][..]),
        ("untiil", &["until"][..]),
        ("empty", &[][..]),
    ]);
    assert_eq!(data.corrections, "them,then\nuntil\n");
    let map = fst::Map::new(data.fst).expect("valid fst");
    assert_eq!(map.len(), 3);
    assert_eq!(map.get("untill"), map.get("untiil"));
    assert!(map.get("empty").is_none());
}
