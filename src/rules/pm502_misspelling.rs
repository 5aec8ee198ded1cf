use std::borrow::Cow;

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
    pub struct Misspelling {
        code: "PM502",
        slug: "misspelling",
        severity: Warning,
        fix: Sometimes,
        summary: "a word in no word list, one or two edits from one that is",
        options: [],
    }
}

impl Rule for Misspelling {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let speller = cx.settings.speller();
        // Counted on first need, after the cheap tests.
        let mut counts: Option<Counts> = None;
        for word in &doc.words {
            let text = doc.text(word.span.clone());
            // Cheap tests first, the word lists last.
            if word.has_digit
                || word.inner_caps
                || word.all_caps
                || (word.capitalized && !word.sentence_start)
                || text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS
                || text.contains(['\'', '’'])
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
                    &Self::META,
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
                    &Self::META,
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

/// Shorter words are not checked.
const MIN_LETTERS: usize = 5;

/// How often each word occurs in a document, case-insensitively. Only words of at least
/// `MIN_LETTERS` bytes are counted: a shorter one cannot be the lowercase form of a word
/// that is checked (every character of it lowercases to one ASCII letter).
struct Counts<'d>(FxHashMap<Cow<'d, str>, usize>);

impl<'d> Counts<'d> {
    fn new(doc: &'d Document) -> Self {
        let mut counts = FxHashMap::default();
        for word in &doc.words {
            let text = doc.text(word.span.clone());
            if text.len() >= MIN_LETTERS {
                *counts.entry(lowercase(text)).or_default() += 1;
            }
        }
        Counts(counts)
    }

    fn of(&self, text: &str) -> usize {
        self.0.get(lowercase(text).as_ref()).copied().unwrap_or(0)
    }
}

/// `text.to_lowercase()`, borrowed when it is already lowercase ASCII (most words are).
fn lowercase(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// "zzzzz", "soooo": deliberate, not a typo.
fn has_run_of_three(text: &str) -> bool {
    let mut last = None;
    let mut run = 0;
    text.chars().any(|c| {
        run = if last == Some(c) { run + 1 } else { 1 };
        last = Some(c);
        run == 3
    })
}
