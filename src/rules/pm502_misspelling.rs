use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use crate::document::{Document, Word};
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
    /// letter three times in a row (`zzzzz`; but `logshippper` is reported when the word with
    /// that letter doubled is known or in the document), words that occur twice or more in the document
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
            if let Some(fixed) = tripled_slip(word, text) {
                let counts = counts.get_or_insert_with(|| Counts::new(doc));
                let doubled_is_a_word = counts.of(&fixed) > 0 || speller.is_known_word(&fixed);
                // Known typos ("errror") are PM501's.
                if doubled_is_a_word && speller.known_typo(text).is_none() {
                    cx.report(finding(word, text, &[fixed]));
                }
                continue;
            }
            // Cheap tests first, the word lists last.
            let Some(reading) = reading(word, text) else {
                continue;
            };
            if counts.get_or_insert_with(|| Counts::new(doc)).of(text) > 1
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
                cx.report(budget_spent(word, text));
                break;
            }
            searched += 1;
            let suggestions = match reading {
                Reading::Plain => speller.suggest(text),
                Reading::Short => speller.common_neighbours(text),
                Reading::Capital { .. } => speller.suggest(text),
                Reading::DateName => date_name_near(text).into_iter().collect(),
            };
            if !reading.accepts(text, &suggestions) {
                continue;
            }
            cx.report(finding(word, text, &suggestions));
        }
    }
}

/// How a word is read, by its shape and place; `None`: not checked at all.
#[derive(Clone, Copy)]
enum Reading {
    /// A lowercase word of five letters or more: any near word is a suggestion.
    Plain,
    /// A lowercase word of three or four letters: only one edit from a most common word
    /// (`ssue`), since at two edits nearly every short word is near another.
    Short,
    /// A capital word at a sentence start or in a title, a shift slip (`SErvre`) or a long
    /// all-capital word: it may be a name, so only one clear suggestion with the same first
    /// letter, at most `max_edits` away, makes it a typo.
    Capital { max_edits: usize },
    /// A capital word inside a sentence: a name, unless it is one edit from a month or day
    /// (`Auguts`, `Octobre`, `Wendesday`).
    DateName,
}

impl Reading {
    /// Whether the suggestions found make the word a finding.
    fn accepts(self, text: &str, suggestions: &[String]) -> bool {
        match self {
            Reading::Plain => !suggestions.is_empty(),
            Reading::Short | Reading::DateName => suggestions.len() == 1,
            Reading::Capital { max_edits } => match suggestions {
                [one] => {
                    same_first_letter(text, one)
                        && strsim::damerau_levenshtein(&text.to_lowercase(), &one.to_lowercase())
                            <= max_edits
                }
                _ => false,
            },
        }
    }
}

/// The reading of `word`: names, identifiers, acronyms, contractions and deliberate
/// spellings are not read.
fn reading(word: &Word, text: &str) -> Option<Reading> {
    if word.name
        || word.has_digit
        || word.apostrophe
        || word.letters < MIN_SHORT_LETTERS
        || text.len() < MIN_SHORT_LETTERS
        || has_run_of_three(text)
    {
        return None;
    }
    let short = word.letters < MIN_LETTERS || text.len() < MIN_LETTERS;
    let reading = if word.inner_caps {
        is_shift_slip(text).then_some(Reading::Capital { max_edits: 2 })?
    } else if word.all_caps {
        (word.letters >= MIN_CAPITAL_LETTERS).then_some(Reading::Capital { max_edits: 1 })?
    } else if word.capitalized && !(word.sentence_start || word.in_title) {
        Reading::DateName
    } else if word.capitalized {
        Reading::Capital { max_edits: 2 }
    } else if short {
        Reading::Short
    } else {
        Reading::Plain
    };
    // Short words are read only as lowercase words or near a month or day name.
    (!short || matches!(reading, Reading::Short | Reading::DateName)).then_some(reading)
}

/// `SErvre`, `POstmortem`: the shift key held a letter too long, the rest lower case.
fn is_shift_slip(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 5
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..].iter().all(u8::is_ascii_lowercase)
}

fn same_first_letter(a: &str, b: &str) -> bool {
    let first = |s: &str| s.chars().next().map(|c| c.to_lowercase().to_string());
    first(a) == first(b)
}

/// Months and days, the names inside a sentence that are most often mistyped.
const DATE_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The month or day one edit from `text` (`May` is too short to tell from other words).
fn date_name_near(text: &str) -> Option<String> {
    if text.chars().count() < 4 {
        return None;
    }
    let lower = text.to_lowercase();
    DATE_NAMES
        .iter()
        .find(|name| strsim::damerau_levenshtein(&lower, &name.to_lowercase()) == 1)
        .map(|name| (*name).to_owned())
}

/// The one finding that says where the check stopped.
fn budget_spent(word: &Word, text: &str) -> Finding {
    Finding::new(
        Misspelling::META,
        word.span.clone(),
        format!(
            "spelling not checked from `{text}` on: this file has over \
             {SEARCH_BUDGET} distinct unknown words"
        ),
    )
    .help("is this file prose? Exclude it (`exclude` in pmlint.toml) if not")
}

fn finding(word: &Word, text: &str, suggestions: &[String]) -> Finding {
    match suggestions {
        [one] => Finding::new(
            Misspelling::META,
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
            Misspelling::META,
            word.span.clone(),
            format!("`{text}` is not a known word"),
        )
        .help(format!(
            "did you mean {}? If `{text}` is right, add it to `allow`",
            quoted_alternatives(many)
        )),
    }
}

/// Distinct unknown words searched for suggestions in one file. A search costs about 0.2 ms
/// (100,000 random words, 800 KB, took 18-28 s before this bound); a postmortem has a few
/// dozen unknown words (the most in `../shared/corpus` is under 100), so a file past this is
/// a dump or generated text. There the check stops, and one finding says where. Every
/// finding before it is what an unbounded search gives.
const SEARCH_BUDGET: usize = 1000;

/// Shorter words are checked only as [`Reading::Short`] words or month and day names.
const MIN_LETTERS: usize = 5;
/// Shorter words are not checked at all.
const MIN_SHORT_LETTERS: usize = 3;
/// All-capital words this long are checked (shorter ones are acronyms: `DNS`, `HAPROXY`).
const MIN_CAPITAL_LETTERS: usize = 8;

/// How often each word occurs in a document, case-insensitively. Only words of at least
/// `MIN_SHORT_LETTERS` bytes are counted: a shorter one cannot be the lowercase form of a
/// word that is checked (every character of it lowercases to one ASCII letter).
struct Counts<'d>(FxHashMap<Caseless<'d>, usize>);

impl<'d> Counts<'d> {
    fn new(doc: &'d Document) -> Self {
        let mut counts =
            FxHashMap::with_capacity_and_hasher(doc.words.len() / 2, Default::default());
        for word in &doc.words {
            let text = doc.text(word.span.clone());
            if text.len() >= MIN_SHORT_LETTERS {
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

/// `logshippper`: a plain lowercase word with one letter tripled, which written doubled is a
/// word (of the lists, or of the document itself: "logshipper" two lines on) is a slip, not
/// a deliberate "soooo". The word written with that letter doubled, if it is one to check.
fn tripled_slip(word: &Word, text: &str) -> Option<String> {
    if word.name || word.capitalized || word.all_caps || word.has_digit || !text.is_ascii() {
        return None;
    }
    let b = text.as_bytes();
    let at = (2..b.len()).find(|&i| b[i] == b[i - 1] && b[i] == b[i - 2])?;
    let mut fixed = text.to_string();
    fixed.remove(at);
    (!has_run_of_three(&fixed) && fixed.len() >= MIN_LETTERS).then_some(fixed)
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
