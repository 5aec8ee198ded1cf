//! Builds the compact dictionaries under `rules/generated/` from their sources.
//!
//! This is the code shared by the generator (`cargo run --example gen-dicts`) and the
//! freshness test (`tests/generated_dicts.rs`); the linter itself only reads the bytes it
//! produces. It takes plain iterators so that the `typos-dict` crate stays a
//! dev-dependency and never reaches the pmlint binary.

use std::collections::{BTreeMap, HashMap};

/// The known-misspellings map: `fst` bytes (lowercase typo -> packed position of its
/// corrections) and the corrections blob they point into.
pub struct TyposData {
    pub fst: Vec<u8>,
    pub corrections: String,
}

/// Packs where a correction list sits in the blob: offset in the high bits, length in the
/// low 16. Read back by [`unpack_span`].
pub fn pack_span(offset: usize, len: usize) -> u64 {
    ((offset as u64) << 16) | len as u64
}

/// The inverse of [`pack_span`].
pub fn unpack_span(value: u64) -> (usize, usize) {
    ((value >> 16) as usize, (value & 0xFFFF) as usize)
}

/// Separates corrections of one typo inside the blob (no correction contains it).
pub const CORRECTION_SEPARATOR: char = ',';

/// Builds the typo map. Keys are lowercased; a key that appears twice after lowercasing
/// keeps its first correction list; entries without a usable correction are dropped.
/// Identical correction lists are stored once, so the blob stays small.
pub fn build_typos<'a>(entries: impl IntoIterator<Item = (&'a str, &'a [&'a str])>) -> TyposData {
    let mut sorted: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (typo, corrections) in entries {
        let corrections: Vec<&str> = corrections
            .iter()
            .copied()
            .filter(|c| !c.is_empty() && !c.contains(CORRECTION_SEPARATOR) && !c.contains('\n'))
            .collect();
        if corrections.is_empty() || typo.is_empty() {
            continue;
        }
        sorted.entry(typo.to_lowercase()).or_insert(corrections);
    }
    let mut corrections = String::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut builder = fst::MapBuilder::memory();
    for (typo, list) in &sorted {
        let joined = list.join(&CORRECTION_SEPARATOR.to_string());
        let value = *seen.entry(joined.clone()).or_insert_with(|| {
            let span = pack_span(corrections.len(), joined.len());
            corrections.push_str(&joined);
            corrections.push('\n');
            span
        });
        builder
            .insert(typo, value)
            .expect("keys come sorted and unique from the BTreeMap");
    }
    TyposData {
        fst: builder.into_inner().expect("writing to memory cannot fail"),
        corrections,
    }
}

/// The largest SCOWL size used. Size 60 is what SCOWL recommends for spell checking, but it
/// lacks common words of technical prose (`authenticator`, `writeup`, `decrypting`,
/// `reachability`); size 70 (the size of Hunspell's `en_US-large`) has them. Measured on
/// the dev set's 58 labelled misspellings: none is a size-70 word.
pub const MAX_SCOWL_LEVEL: u8 = 70;

/// The SCOWL lists that go into the English word list, and the size level each carries
/// (10 = most common ... 70, see [`MAX_SCOWL_LEVEL`]). Variants: US,
/// British (-ise and -ize), Canadian, Australian and SCOWL's first variant level, since
/// postmortems are written in all of them; level-2/3 variants are rare spellings and
/// would hide misspellings. Returns `None` for a list that is not used.
pub fn scowl_list_level(file_name: &str) -> Option<u8> {
    let (name, level) = file_name.rsplit_once('.')?;
    let level: u8 = level.parse().ok()?;
    if level > MAX_SCOWL_LEVEL {
        return None;
    }
    let (spelling, category) = name.rsplit_once('-')?;
    let spelling_ok = matches!(
        spelling,
        "english"
            | "american"
            | "british"
            | "british_z"
            | "canadian"
            | "australian"
            | "variant_1"
            | "special"
    );
    let category_ok = matches!(
        category,
        "words" | "upper" | "proper-names" | "contractions" | "abbreviations" | "hacker"
    );
    (spelling_ok && category_ok).then_some(level)
}

/// Decodes a SCOWL list (ISO-8859-1, one word a line) into words.
pub fn decode_latin1_lines(bytes: &[u8]) -> impl Iterator<Item = String> + '_ {
    bytes
        .split(|&b| b == b'\n')
        .map(|line| line.iter().map(|&b| b as char).collect::<String>())
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
}

/// The cspell technical word lists (npm packages, `rules/generated/cspell/package.json`):
/// each package's folder under `node_modules/@cspell` and the lists of it that go into the
/// word map. They hold the names of tools, services, companies and commands that English
/// lists lack (`kubectl`, `chown`, `Datadog`), and the POSIX error and signal names that
/// postmortems quote in capitals (`ECONNREFUSED`, `SIGTERM`). Left out: the "alternative"
/// spellings list, which holds variants, not words.
pub const CSPELL_LISTS: &[(&str, &[&str])] = &[
    ("dict-aws", &["dict/aws.txt"]),
    ("dict-companies", &["dict/companies.txt"]),
    ("dict-docker", &["dict/docker-words.txt.gz"]),
    ("dict-fullstack", &["dict/fullstack.txt"]),
    ("dict-k8s", &["dict/k8s.txt"]),
    (
        "dict-software-terms",
        &[
            "dict/softwareTerms.txt.gz",
            "dict/software-tools.txt",
            "dict/networkingTerms.txt",
            "dict/webServices.txt",
            "dict/computing-acronyms.txt",
            "dict/coding-compound-terms.txt",
            "dict/posix-errno.txt",
            "dict/posix-signals.txt",
        ],
    ),
];

/// The level a cspell word gets when SCOWL does not list it: ranked as a rare English word,
/// so that a suggestion prefers an everyday one.
pub const CSPELL_LEVEL: u8 = 60;

/// The words of one cspell list, lowercase. A line is one entry or several separated by
/// spaces; `#` starts a comment, `!` marks a forbidden word (skipped), and `*`, `+`, `~` are
/// compound and case markers. An entry counts by its runs of letters (`Node.js` gives
/// `node`, `js`): pmlint checks words, not identifiers. Single letters are dropped.
pub fn cspell_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty() && !line.starts_with('!'))
        .flat_map(str::split_whitespace)
        .flat_map(|entry| entry.split(|c: char| !(c.is_alphabetic() || c == '\'')))
        .map(|part| part.trim_matches('\'').to_lowercase())
        .filter(|part| part.chars().count() >= 2)
}

/// `name`'s version in an npm `package-lock.json` (`"node_modules/NAME": {"version": ...}`).
pub fn npm_locked_version(lock: &str, name: &str) -> Option<String> {
    let lock: serde_json::Value = serde_json::from_str(lock).ok()?;
    let entry = lock.get("packages")?.get(format!("node_modules/{name}"))?;
    Some(entry.get("version")?.as_str()?.to_owned())
}

/// Builds the English word map: lowercase word -> lowest SCOWL level it appears at (a
/// frequency proxy used to rank suggestions).
pub fn build_words(entries: impl IntoIterator<Item = (String, u8)>) -> Vec<u8> {
    let mut sorted: BTreeMap<String, u8> = BTreeMap::new();
    for (word, level) in entries {
        let word = word.to_lowercase();
        let slot = sorted.entry(word).or_insert(level);
        *slot = (*slot).min(level);
    }
    let mut builder = fst::MapBuilder::memory();
    for (word, level) in &sorted {
        builder
            .insert(word, u64::from(*level))
            .expect("keys come sorted and unique from the BTreeMap");
    }
    builder.into_inner().expect("writing to memory cannot fail")
}

/// The version of package `name` that a `Cargo.lock` pins (the first one listed).
pub fn locked_version<'a>(lock: &'a str, name: &str) -> Option<&'a str> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return version.strip_suffix('"');
        }
    }
    None
}
