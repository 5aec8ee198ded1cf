use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use crate::document::Document;
use crate::finding::{Applicability, Finding, quoted_alternatives};
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A word that is in no English word list (SCOWL, US and British spellings) and not in
    /// pmlint's operations vocabulary (`rules/vocabulary.txt`: nginx, kubectl, HAProxy,
    /// failover, ...), but is one or two edits from a word that is: `roolback`, `resatrt`,
    /// `traffix`, `environtent`. To keep noise near zero it skips capitalised words inside a
    /// sentence (names), all-capital words (acronyms), words with digits or inner capitals,
    /// words shorter than five letters, contractions and clitics (`love'em`), words with a
    /// letter three times in a row (`zzzzz`), words that occur twice or more in the document
    /// (a repeated word is deliberate), words with no near neighbour (jargon, not typos), a
    /// capitalised first word of a sentence unless one suggestion with the same first letter
    /// is clear (it may be a name), and anything known-typos already reports.
    ///
    /// ## Why it matters
    /// Most typos in real postmortems are ones no list of known misspellings has seen.
    ///
    /// ## Example
    /// ```markdown
    /// After a roolback of the change, traffic recovered.
    /// ```
    ///
    /// ## How to fix
    /// When one suggestion is clearly best (the only word at the nearest distance), it is a
    /// fix: safe one edit away, unsafe two edits away (`frobnicator` is not `fornicator`);
    /// otherwise the suggestions are listed in the help. Words that are
    /// right but unknown go in `allow` under `[rules.known-typos]` or `[rules.misspelling]`.
    ///
    /// ## Options
    /// None of its own; `allow` and `extend-words` under `[rules.known-typos]` apply here too.
    /// A file with over 1,000 distinct unknown words (a dump, generated text) is checked up to
    /// the thousandth, and one finding says where the check stopped.
    pub struct Misspelling => MISSPELLING;
}

impl Rule for Misspelling {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let speller = cx.settings.speller();
        // Counted on first need, after the cheap tests.
        let mut counts: Option<Counts> = None;
        let mut searched = 0;
        for word in &doc.words {
            let text = doc.text(word.span.clone());
            // Cheap tests first, the word lists last.
            if word.has_digit
                || word.inner_caps
                || word.all_caps
                || (word.capitalized && !word.sentence_start)
                || text.len() < MIN_LETTERS
                || word.letters < MIN_LETTERS
                || word.apostrophe
                || has_run_of_three(text)
                || counts.get_or_insert_with(|| Counts::new(doc)).of(text) > 1
                || speller.is_known_word(text)
                || word
                    .compound
                    .as_ref()
                    .is_some_and(|c| speller.is_known_word(doc.text(c.clone())))
                || speller.known_typo(text).is_some()
            {
                continue;
            }
            if searched == SEARCH_BUDGET {
                cx.report(
                    Finding::new(
                        Self::META,
                        word.span.clone(),
                        format!(
                            "spelling not checked from `{text}` on: this file has over \
                             {SEARCH_BUDGET} distinct unknown words"
                        ),
                    )
                    .help("is this file prose? Exclude it (`exclude` in pmlint.toml) if not"),
                );
                break;
            }
            searched += 1;
            let suggestions = speller.suggest(text);
            // A capitalised first word of a sentence may be a name ("Priya restarted"): only a
            // single suggestion with the same first letter makes it a typo ("Investigatiion").
            let same_first = |s: &String| {
                s.chars().next().map(|c| c.to_lowercase().to_string())
                    == text.chars().next().map(|c| c.to_lowercase().to_string())
            };
            if word.capitalized && !(suggestions.len() == 1 && same_first(&suggestions[0])) {
                continue;
            }
            let finding = match suggestions.as_slice() {
                [] => continue,
                [one] => Finding::new(
                    Self::META,
                    word.span.clone(),
                    format!("`{text}` is not a known word; did you mean `{one}`?"),
                )
                .help(format!(
                    "write `{one}`, or add `{text}` to `allow` if it is right"
                ))
                .replace_with(
                    // One edit away is a slip of the finger; two may be another word.
                    if strsim::damerau_levenshtein(&text.to_lowercase(), &one.to_lowercase()) <= 1 {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                    one.clone(),
                ),
                many => Finding::new(
                    Self::META,
                    word.span.clone(),
                    format!("`{text}` is not a known word"),
                )
                .help(format!(
                    "did you mean {}? If `{text}` is right, add it to `allow`",
                    quoted_alternatives(many)
                )),
            };
            cx.report(finding);
        }
    }
}

/// Distinct unknown words searched for suggestions in one file. A search costs about 0.2 ms
/// (100,000 random words, 800 KB, took 18-28 s before this bound); a postmortem has a few
/// dozen unknown words (the most in `../shared/corpus` is under 100), so a file past this is
/// a dump or generated text. There the check stops, and one finding says where. Every
/// finding before it is what an unbounded search gives.
const SEARCH_BUDGET: usize = 1000;

/// Shorter words are not checked.
const MIN_LETTERS: usize = 5;

/// How often each word occurs in a document, case-insensitively. Only words of at least
/// `MIN_LETTERS` bytes are counted: a shorter one cannot be the lowercase form of a word
/// that is checked (every character of it lowercases to one ASCII letter).
struct Counts<'d>(FxHashMap<Caseless<'d>, usize>);

impl<'d> Counts<'d> {
    fn new(doc: &'d Document) -> Self {
        let mut counts =
            FxHashMap::with_capacity_and_hasher(doc.words.len() / 2, Default::default());
        for word in &doc.words {
            let text = doc.text(word.span.clone());
            if text.len() >= MIN_LETTERS {
                *counts.entry(Caseless::new(text)).or_default() += 1;
            }
        }
        Counts(counts)
    }

    fn of(&self, text: &'d str) -> usize {
        self.0.get(&Caseless::new(text)).copied().unwrap_or(0)
    }
}

/// A word that compares and hashes as its lowercase form does, without allocating for an
/// ASCII word: it holds the word as written if it is ASCII and its lowercase otherwise,
/// and compares those ignoring ASCII case.
struct Caseless<'d>(Cow<'d, str>);

impl<'d> Caseless<'d> {
    fn new(text: &'d str) -> Self {
        Caseless(if text.is_ascii() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(text.to_lowercase())
        })
    }
}

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        // Most repeats are written alike: a byte comparison settles them.
        self.0 == other.0 || self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for Caseless<'_> {}

impl Hash for Caseless<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Words equal but for ASCII case are equal once every byte has the lowercase bit
        // (0x20) set, which needs no case conversion and goes eight bytes at a time.
        for chunk in self.0.as_bytes().chunks(8) {
            let mut block = [0; 8];
            block[..chunk.len()].copy_from_slice(chunk);
            state.write_u64(u64::from_le_bytes(block) | 0x2020_2020_2020_2020);
        }
    }
}

/// "zzzzz", "soooo": deliberate, not a typo. An ASCII word (nearly every one) is read as
/// bytes; others by character.
fn has_run_of_three(text: &str) -> bool {
    if text.is_ascii() {
        return text
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2]);
    }
    has_run_of_three_chars(text)
}

fn has_run_of_three_chars(text: &str) -> bool {
    let mut last = None;
    let mut run = 0;
    text.chars().any(|c| {
        run = if last == Some(c) { run + 1 } else { 1 };
        last = Some(c);
        run == 3
    })
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::{Caseless, has_run_of_three, has_run_of_three_chars};

    #[test]
    fn runs_of_three_in_ascii_and_other_words() {
        for (word, run) in [
            ("zzz", true),
            ("soooo", true),
            ("Zzz", false),
            ("aabbcc", false),
            ("ab", false),
            ("", false),
            ("abccc", true),
            ("ééé", true),
            ("éé", false),
            ("aééé", true),
            ("éaaa", true),
        ] {
            assert_eq!(has_run_of_three(word), run, "{word:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_byte_reading_agrees_with_the_char_reading(word in "[a-cA-C'-]{0,12}") {
            proptest::prop_assert_eq!(has_run_of_three(&word), has_run_of_three_chars(&word));
        }
    }

    #[test]
    fn caseless_words_are_equal_when_their_lowercase_forms_are() {
        let words = [
            "outage",
            "Outage",
            "OUTAGE",
            "outages",
            "kernel",
            "KERNEL",
            "\u{212A}ernel",
            "İstanbul",
            "i\u{307}stanbul",
            "istanbul",
            "Straße",
            "strasse",
            "éclat",
            "ÉCLAT",
        ];
        let hash = |word| rustc_hash::FxBuildHasher.hash_one(Caseless::new(word));
        for a in words {
            for b in words {
                let same = a.to_lowercase() == b.to_lowercase();
                assert_eq!(Caseless::new(a) == Caseless::new(b), same, "{a} {b}");
                assert!(!same || hash(a) == hash(b), "{a} {b}");
            }
        }
    }
}
