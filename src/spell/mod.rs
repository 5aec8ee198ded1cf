//! Spelling for PM501 (known-typos) and PM502 (misspelling): answers for one word.
//!
//! The data is layered, and all of it is embedded:
//! 1. `rules/generated/typos.fst` + `typos-corrections.txt`: the `typos-dict` list of known
//!    misspellings, compiled into an `fst` map that is read in place (no parsing, no
//!    relocations at start-up). Rebuilt by `cargo run --example gen-dicts`, checked by
//!    `tests/generated_dicts.rs`. A Bloom filter of its keys, which `src/build.rs` derives
//!    at build time (`bloom.rs`), answers "not a known typo" for nearly every word without
//!    walking the fst.
//! 2. `rules/typos.toml`: pmlint's own misspellings, common in incident writing and missing
//!    from the general list; they win over layer 1.
//! 3. The config: `extend-words` (wins over both) and `allow`.
//!
//! PM502 asks whether a word is English (`rules/generated/words.fst`, from SCOWL) or
//! operations vocabulary (`rules/vocabulary.txt`), and for words a few edits away.
//! The caller decides which words to check (no code, URLs, identifiers, ...).

mod bloom;
mod case;
#[doc(hidden)]
pub mod generate;
mod suggest;

use std::sync::{LazyLock, Mutex, PoisonError};

use rustc_hash::{FxHashMap, FxHashSet};

pub use case::match_case;

static TYPOS_FST: &[u8] = include_bytes!("../../rules/generated/typos.fst");
static TYPOS_CORRECTIONS: &str = include_str!("../../rules/generated/typos-corrections.txt");
/// A Bloom filter of the keys of `TYPOS_FST`, which `src/build.rs` derives from it.
static TYPOS_FILTER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typos.bloom"));
static WORDS_FST: &[u8] = include_bytes!("../../rules/generated/words.fst");
/// pmlint's own misspellings (layer 2).
pub static OWN_TYPOS_TOML: &str = include_str!("../../rules/typos.toml");
/// Operations and tech vocabulary that English word lists lack.
pub static VOCABULARY_TXT: &str = include_str!("../../rules/vocabulary.txt");

/// Suggestion rank of vocabulary and config words: as common as SCOWL's level-20 words,
/// since in a postmortem they are.
const VOCABULARY_LEVEL: u64 = 20;
/// SCOWL's most common words (size 10).
const COMMON_LEVEL: u64 = 10;
/// SCOWL's size-70 level: words this rare are suggested only when nothing commoner is.
const RARE_LEVEL: u64 = 70;
/// At most this many suggestions.
const MAX_SUGGESTIONS: usize = 3;
/// All-capital words up to this many letters are taken as acronyms (DNS, SRE, RCA).
const MAX_ACRONYM_LEN: usize = 6;
/// At most this many words' suggestions are remembered.
const MAX_REMEMBERED: usize = 10_000;
/// At most this many words' verdicts from [`Speller::known_form`] are remembered (a few MB).
const MAX_KNOWN_FORMS: usize = 50_000;

static BUILTIN: LazyLock<Speller> = LazyLock::new(|| Speller::new(&[], &[]));

/// Answers spelling questions about single words. Build once, share freely (it is `Sync`).
pub struct Speller {
    /// typos-dict, lowercase typo -> packed span into `TYPOS_CORRECTIONS`.
    typos: fst::Map<&'static [u8]>,
    /// Which words may be keys of `typos`: nearly every word is certainly not.
    typos_filter: bloom::Filter<'static>,
    /// SCOWL English words, lowercase -> size level (10 common .. 60 rare).
    words: fst::Map<&'static [u8]>,
    /// pmlint's list, then the config's extend-words: lowercase typo -> corrections.
    extra_typos: FxHashMap<String, Vec<String>>,
    /// Which words may be keys of `extra_typos`.
    extra_typos_filter: bloom::Filter<'static>,
    /// Vocabulary, allowed words and extend-words corrections, lowercase -> level. A plain
    /// map: building even a small fst costs ~1 ms (its builder's node registry), a few
    /// hundred hash inserts cost microseconds. Allowed words (never reported by either
    /// rule) are all here, so that one look-up answers "allowed or vocabulary".
    extra_words: FxHashMap<String, u64>,
    /// Suggestions found so far: lowercase word -> nearest known words, best first. A search
    /// walks thousands of fst nodes, and an unknown word tends to come back in other files.
    remembered: Memo<Vec<String>>,
    /// Verdicts of `known_form` so far: lowercase word -> known. Each costs one to twenty fst
    /// look-ups (~2,000 instructions each), and the files of one run share most words, where
    /// one document checks each of its words once.
    known_forms: Memo<bool>,
}

/// Answers remembered for a speller's life, by lowercase word, up to a number of words;
/// shared by the files linted in parallel.
struct Memo<V> {
    answers: Mutex<FxHashMap<Box<str>, V>>,
    limit: usize,
}

impl<V: Clone> Memo<V> {
    fn new(limit: usize) -> Self {
        Memo {
            answers: Mutex::default(),
            limit,
        }
    }

    /// The remembered answer for `word`, else `compute`'s (remembered while there is room).
    /// The lock is not held while computing.
    fn get_or(&self, word: &str, compute: impl FnOnce() -> V) -> V {
        let answers = || self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(answer) = answers().get(word) {
            return answer.clone();
        }
        let answer = compute();
        let mut answers = answers();
        if answers.len() < self.limit {
            answers.insert(word.into(), answer.clone());
        }
        answer
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.answers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

impl Speller {
    /// Built-in data plus config: `extend_words` maps typo -> correction (a correction that
    /// is empty or the word itself means "this word is fine"); `allow` lists words never
    /// reported. Both are case-insensitive.
    pub fn new(extend_words: &[(String, String)], allow: &[String]) -> Speller {
        let mut extra_typos = own_typos();
        let mut allowed: FxHashSet<String> = allow.iter().map(|w| normalise(w)).collect();
        let mut extra_words: FxHashMap<String, u64> =
            FxHashMap::with_capacity_and_hasher(VOCABULARY.len(), Default::default());
        extra_words.extend(VOCABULARY.iter().map(|w| (w.to_string(), VOCABULARY_LEVEL)));
        for (typo, correction) in extend_words {
            let typo = normalise(typo);
            let correction = correction.trim();
            if correction.is_empty() || normalise(correction) == typo {
                extra_typos.remove(&typo);
                allowed.insert(typo);
            } else {
                for part in correction.split_whitespace() {
                    extra_words.insert(normalise(part), VOCABULARY_LEVEL);
                }
                extra_typos.insert(typo, vec![correction.to_owned()]);
            }
        }
        for word in allowed {
            extra_words.entry(word).or_insert(VOCABULARY_LEVEL);
        }
        Speller {
            typos: fst::Map::new(TYPOS_FST).expect("rules/generated/typos.fst is a valid fst"),
            typos_filter: bloom::Filter::new(TYPOS_FILTER).expect("src/build.rs sizes the filter"),
            words: fst::Map::new(WORDS_FST).expect("rules/generated/words.fst is a valid fst"),
            extra_typos_filter: {
                let mut filter = bloom::Builder::for_keys(extra_typos.len());
                for typo in extra_typos.keys() {
                    filter.insert(typo.as_bytes());
                }
                filter.into_filter()
            },
            extra_typos,
            extra_words,
            remembered: Memo::new(MAX_REMEMBERED),
            known_forms: Memo::new(MAX_KNOWN_FORMS),
        }
    }

    /// The built-in data with no config, built on first use.
    pub fn builtin() -> &'static Speller {
        &BUILTIN
    }

    /// PM501: the corrections for a known misspelling (case-insensitive), case-matched to
    /// `word`. `None` if it is not a known typo, or is allowed, or is vocabulary.
    pub fn known_typo(&self, word: &str) -> Option<Vec<String>> {
        let word = trim_quotes(word);
        // Nearly every word is no known typo. For an ASCII one both filters answer from a
        // hash of it as written (its lowercase form's hash) before any copy or look-up.
        let trimmed = word.trim();
        if trimmed.is_ascii() {
            let hash = bloom::hash(trimmed.as_bytes());
            if !self.typos_filter.may_contain_hash(hash)
                && !self.extra_typos_filter.may_contain_hash(hash)
            {
                return None;
            }
        }
        self.known_typo_unfiltered(word)
    }

    /// `known_typo` for a word whose quotes are trimmed, without the filters in front.
    fn known_typo_unfiltered(&self, word: &str) -> Option<Vec<String>> {
        let corrections = with_normalised(word, |lower| self.corrections(lower))?;
        let mut out: Vec<String> = Vec::new();
        for correction in corrections {
            let cased = match_case(word, correction);
            if !out.contains(&cased) {
                out.push(cased);
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// The corrections of a lowercase known misspelling, as listed. Nearly every word is
    /// none, so the cheap look-ups come first and the fst last.
    fn corrections<'s>(&'s self, lower: &str) -> Option<impl Iterator<Item = &'s str> + use<'s>> {
        if lower.is_empty() {
            return None;
        }
        let (own, general) = match self.extra_typos.get(lower) {
            Some(list) => (Some(list.iter().map(String::as_str)), None),
            None if !self
                .typos_filter
                .may_contain_hash(bloom::hash(lower.as_bytes())) =>
            {
                return None;
            }
            None => {
                let (offset, len) = generate::unpack_span(self.typos.get(lower)?);
                let list = TYPOS_CORRECTIONS.get(offset..offset + len)?;
                (None, Some(list.split(generate::CORRECTION_SEPARATOR)))
            }
        };
        if self.extra_words.contains_key(lower) {
            return None;
        }
        Some(
            own.into_iter()
                .flatten()
                .chain(general.into_iter().flatten()),
        )
    }

    /// Is `word` a misspelling from pmlint's own list or the config's `extend-words` (as
    /// opposed to the general list)? Those entries were chosen for this domain, so they are
    /// trusted even where a general entry would be skipped (a capitalised `Ngnix`).
    pub fn is_own_typo(&self, word: &str) -> bool {
        with_normalised(trim_quotes(word), |lower| {
            self.extra_typos.contains_key(lower)
        })
    }

    /// PM502: whether `word` is English, vocabulary, allowed or a configured correction.
    /// Case-insensitive; accepts possessives (`server's`, `servers'`) and plurals or
    /// third-person forms the list lacks (`kubectls`, `failovers`). Words with a hyphen
    /// are known when every part is, or when they are known written solid. Words this module cannot judge count as known: any
    /// with digits or symbols, any with non-ASCII letters not in the lists, and all-capital
    /// words of up to six letters (acronyms).
    pub fn is_known_word(&self, word: &str) -> bool {
        let word = trim_quotes(word);
        if word.contains('-') {
            // "on-call" part by part; "pre-emptively" as "preemptively".
            return word.split('-').all(|part| self.is_known_word(part))
                || self.is_known_word(&word.replace('-', ""));
        }
        let known = with_normalised(word, |lower| {
            lower.is_empty()
                || !lower.chars().all(|c| c.is_alphabetic() || c == '\'')
                || self.known_form_remembered(lower)
                || !lower.is_ascii()
        });
        if known || is_camel_case(word) {
            return true;
        }
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        (2..=MAX_ACRONYM_LEN).contains(&letters) && word.chars().all(|c| !c.is_lowercase())
    }

    /// PM502: known words one or two edits from `word`, best first, case-matched, at most
    /// three; empty if there are none. Only the nearest tier is returned: two-edit words
    /// only when no word is one edit away. Words of four letters or fewer get only one-edit
    /// suggestions (at two edits nearly every short word is near another).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let word = trim_quotes(word);
        let lower = normalise(word);
        if lower.is_empty() || !lower.chars().all(|c| c.is_alphabetic() || c == '\'') {
            return Vec::new();
        }
        self.nearest(&lower)
            .iter()
            .map(|nearest| match_case(word, nearest))
            .collect()
    }

    /// PM502 for words of three or four letters: the most common words (SCOWL level 10)
    /// one edit from `word`, case-matched (`ssue` → `issue`). Rarer neighbours are not
    /// offered: nearly every short string is one edit from some word.
    pub fn common_neighbours(&self, word: &str) -> Vec<String> {
        let word = trim_quotes(word);
        let lower = normalise(word);
        if lower.is_empty() || !lower.chars().all(char::is_alphabetic) {
            return Vec::new();
        }
        let mut candidates = Vec::new();
        suggest::search(&self.words, &lower, 1, &mut candidates);
        candidates.retain(|c| c.level <= COMMON_LEVEL && c.word != lower);
        suggest::rank(&lower, &mut candidates);
        candidates
            .into_iter()
            .map(|c| match_case(word, &c.word))
            .collect()
    }

    /// `suggest` for a lowercase word, before case matching.
    fn nearest(&self, lower: &str) -> Vec<String> {
        self.remembered.get_or(lower, || self.search_nearest(lower))
    }

    /// `nearest` without the memo.
    fn search_nearest(&self, lower: &str) -> Vec<String> {
        let max_edits = if lower.chars().count() <= 4 { 1 } else { 2 };
        let mut candidates = Vec::new();
        for edits in 1..=max_edits {
            suggest::search(&self.words, lower, edits, &mut candidates);
            suggest::search_list(&self.extra_words, lower, edits, &mut candidates);
            candidates.retain(|c| c.word != lower);
            if !candidates.is_empty() {
                break;
            }
        }
        // Rare words (SCOWL size 70) are known as written but offered only when no commoner
        // word is as near: `couldnt` is `couldn't`, not also `couldst`.
        if candidates.iter().any(|c| c.level < RARE_LEVEL) {
            candidates.retain(|c| c.level < RARE_LEVEL);
        }
        suggest::rank(lower, &mut candidates);
        candidates
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|c| c.word)
            .collect()
    }

    /// [`Speller::known_form`], asked once per word for the speller's life.
    fn known_form_remembered(&self, lower: &str) -> bool {
        self.known_forms.get_or(lower, || self.known_form(lower))
    }

    fn known_exact(&self, lower: &str) -> bool {
        self.extra_words.contains_key(lower) || self.words.contains_key(lower)
    }

    /// Known as written, or as a possessive or plural of a known word.
    fn known_form(&self, lower: &str) -> bool {
        if self.known_exact(lower) {
            return true;
        }
        let stem = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix('\''))
            .unwrap_or(lower);
        if stem != lower && self.known_exact(stem) {
            return true;
        }
        // Plurals and third-person forms: only for stems long enough not to turn a short
        // misspelling into a word by accident.
        if stem.len() < 4 {
            return false;
        }
        if let Some(base) = stem.strip_suffix("ies")
            && self.known_exact(&format!("{base}y"))
        {
            return true;
        }
        if let Some(base) = stem.strip_suffix("es")
            && self.known_exact(base)
        {
            return true;
        }
        if stem
            .strip_suffix('s')
            .is_some_and(|base| !base.ends_with('s') && self.known_exact(base))
        {
            return true;
        }
        // A common prefix on a known word (misconfigured, unhandled, reinstall). The rest
        // must be long, so that a short misspelling cannot pass as prefix + word.
        PREFIXES.iter().any(|prefix| {
            stem.strip_prefix(prefix)
                .is_some_and(|rest| rest.len() >= 5 && self.known_exact(rest))
        }) || british_as_american(stem).is_some_and(|us| self.known_exact(&us))
            || self.is_compound(stem)
    }

    /// Two common words written solid (`webstack`, `healthcheck`, `dataplane`), as technical
    /// prose often does. Both parts must be everyday words (SCOWL level 35 or below, or
    /// vocabulary) of three letters or more, so that a misspelling rarely splits into two:
    /// `alot` and `aswell` split only at a one- or two-letter word, `revelated` only into
    /// `rev` and the rarer `elated` (level 40), `bestest` into `best` and `est` (50).
    fn is_compound(&self, lower: &str) -> bool {
        let common = |part: &str| {
            part.len() >= MIN_COMPOUND_PART
                && (self.extra_words.contains_key(part)
                    || self
                        .words
                        .get(part)
                        .is_some_and(|level| level <= COMPOUND_PART_LEVEL))
        };
        let splits = lower.is_ascii()
            && (MIN_COMPOUND_PART..=lower.len().saturating_sub(MIN_COMPOUND_PART))
                .any(|at| common(&lower[..at]) && common(&lower[at..]));
        // One edit from a known word, it is more likely that word mistyped (`promply` is
        // `prom` + `ply`, and `promptly` less a letter).
        splits && {
            let mut near = Vec::new();
            suggest::search(&self.words, lower, 1, &mut near);
            near.is_empty()
        }
    }
}

/// Parts of a solid compound have at least this many letters.
const MIN_COMPOUND_PART: usize = 3;
/// Parts of a solid compound are words at this SCOWL level or more common.
const COMPOUND_PART_LEVEL: u64 = 35;

/// The American spelling of a British `-ise`/`-yse` word (`customisable` → `customizable`,
/// `analysed` → `analyzed`), or `None` when it has no such ending. SCOWL's British lists
/// stop at size 70 as its American ones do, but lack many derived forms the American
/// ones hold.
fn british_as_american(lower: &str) -> Option<String> {
    const ENDINGS: &[&str] = &[
        "isation", "isations", "ise", "ised", "ises", "ising", "iser", "isers", "isable", "yse",
        "ysed", "yses", "ysing", "yser", "ysers",
    ];
    let ending = ENDINGS.iter().find(|e| lower.ends_with(*e))?;
    let stem = &lower[..lower.len() - ending.len()];
    // "rise", "wise", "base": the stem must be a word's worth of letters.
    (stem.len() >= 3).then(|| format!("{stem}{}", ending.replacen('s', "z", 1)))
}

/// Prefixes that make a new word of any word (see `Speller::known_form`).
const PREFIXES: &[&str] = &[
    "anti", "auto", "co", "de", "inter", "micro", "mis", "multi", "non", "over", "pre", "re",
    "sub", "un", "under",
];

/// An identifier such as `apiGroups` or `userAccessControl`: a capital after a small letter.
fn is_camel_case(word: &str) -> bool {
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_lowercase() && chars.peek().is_some_and(|next| next.is_uppercase()) {
            return true;
        }
    }
    false
}

/// Calls `f` with `normalise(word)`, lowercased on the stack when `word` is short and ASCII
/// (nearly every word): the spelling rules ask about every word of every file.
fn with_normalised<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let word = word.trim();
    let mut buf = [0u8; 64];
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            f(std::str::from_utf8(lower).expect("ASCII is UTF-8"))
        }
        _ => f(&normalise(word)),
    }
}

/// Lowercase, with typographic apostrophes made plain.
fn normalise(word: &str) -> String {
    word.trim()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .to_lowercase()
}

/// Drops apostrophes and quotes around a word (`'tis` keeps its own: only the outer ones
/// that quote it go, and a trailing possessive apostrophe stays).
fn trim_quotes(word: &str) -> &str {
    // Nearly every word begins and ends with a letter or digit: nothing to trim.
    let b = word.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        return word;
    }
    word.trim()
        .trim_start_matches(['\'', '\u{2018}', '\u{2019}', '"'])
        .trim_end_matches('"')
}

// VOCABULARY: `rules/vocabulary.txt`'s words, in lower case.
include!(concat!(env!("OUT_DIR"), "/vocabulary.rs"));

// OWN_TYPOS: `rules/typos.toml`'s `[words]`, each typo with its corrections (one or more).
include!(concat!(env!("OUT_DIR"), "/own_typos.rs"));

/// pmlint's own list, by normalised typo.
fn own_typos() -> FxHashMap<String, Vec<String>> {
    OWN_TYPOS
        .iter()
        .map(|&(typo, corrections)| {
            let corrections = corrections.iter().map(|c| c.to_string()).collect();
            (normalise(typo), corrections)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use fst::Streamer;

    use super::{Speller, trim_quotes};

    #[test]
    fn remembered_verdicts_are_the_verdicts() {
        let speller = Speller::new(&[("kubectl".into(), "kubectl".into())], &[]);
        let words = [
            "outage",
            "outages",
            "replicas",
            "policies",
            "servers'",
            "kubectls",
            "roolback",
            "untill",
            "misconfigured",
            "reinstall",
            "prewarm",
            "zzzq",
            "caches",
            "boxes",
        ];
        // Asked twice, in two orders: the remembered answer must be the computed one.
        for round in 0..2 {
            let order: Vec<&str> = if round == 0 {
                words.to_vec()
            } else {
                words.iter().rev().copied().collect()
            };
            for word in order {
                assert_eq!(
                    speller.known_form_remembered(word),
                    speller.known_form(word),
                    "{word} in round {round}"
                );
            }
        }
        assert_eq!(speller.known_forms.len(), words.len());
        assert!(speller.known_form_remembered("kubectls"));
        assert!(!speller.known_form_remembered("roolback"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// The shortcut for words that begin and end with a letter or digit trims as the
        /// full trimming does.
        #[test]
        fn trimming_quotes_with_the_shortcut(word in "([a-z0-9]|[ '‘’\"]|é){0,6}") {
            let full = word
                .trim()
                .trim_start_matches(['\'', '\u{2018}', '\u{2019}', '"'])
                .trim_end_matches('"');
            proptest::prop_assert_eq!(trim_quotes(&word), full);
        }
    }

    /// The filters in front of `known_typo` turn away no typo: every word answers as
    /// without them, in any case, pmlint's own typos and the config's included.
    #[test]
    fn filtered_typo_look_ups_answer_as_unfiltered_ones() {
        let extend = [("Kuberntes".to_string(), "Kubernetes".to_string())];
        let speller = Speller::new(&extend, &["teh".to_string()]);
        let mut words: Vec<String> = speller.extra_typos.keys().cloned().collect();
        let mut typos = speller.typos.keys();
        let mut n = 0;
        while let Some(typo) = typos.next() {
            if n % 97 == 0 {
                words.push(String::from_utf8_lossy(typo).into_owned());
            }
            n += 1;
        }
        let mut english = speller.words.keys();
        while let Some(word) = english.next() {
            if n % 89 == 0 {
                words.push(String::from_utf8_lossy(word).into_owned());
            }
            n += 1;
        }
        words.extend(
            [
                "teh",
                "untill",
                "Aache2",
                "  'roolback'",
                "naïve",
                "résumé",
                "",
            ]
            .map(String::from),
        );
        for word in &words {
            let upper = word.to_uppercase();
            let capital = word[..word.chars().next().map_or(0, char::len_utf8)].to_uppercase()
                + &word[word.chars().next().map_or(0, char::len_utf8)..];
            for form in [word.as_str(), &upper, &capital] {
                assert_eq!(
                    speller.known_typo(form),
                    speller.known_typo_unfiltered(trim_quotes(form)),
                    "{form:?}"
                );
            }
        }
        assert!(speller.known_typo("KUBERNTES").is_some());
        assert!(speller.known_typo("teh").is_none(), "allowed");
    }

    #[test]
    fn the_typo_filter_passes_every_typo_and_few_english_words() {
        let speller = Speller::builtin();
        let mut typos = speller.typos.keys();
        while let Some(typo) = typos.next() {
            assert!(speller.typos_filter.may_contain(typo), "{typo:?}");
        }
        let (mut words, mut passed) = (0, 0);
        let mut english = speller.words.keys();
        while let Some(word) = english.next() {
            words += 1;
            passed += usize::from(speller.typos_filter.may_contain(word));
        }
        assert!(
            passed * 20 < words,
            "{passed} of {words} English words pass"
        );
    }
}
