use rustc_hash::FxHashMap;

use crate::document::Document;
use crate::finding::{Applicability, Finding, quoted_alternatives};
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A known misspelling in prose: `untill`, `reuests`, `infrastracture`, `roolback`,
    /// `Aache2`. The list is the `typos` project's (about 96,000 misspellings, tuned for few
    /// false positives), plus pmlint's own list of misspellings common in incident writing
    /// (`rules/typos.toml`), plus the config's `extend-words`. Words come only from prose: never
    /// from code, URLs, link targets, HTML, front matter, e-mail addresses, file paths, host
    /// names or identifiers (a word with digits is checked only against entries with that
    /// exact form, such as `aache2`). The general list does not judge short all-capital words
    /// (acronyms such as `IST`) or capitalised words inside a sentence (names), except in a
    /// section title, where every word is judged (`Root Casue`); pmlint's own entries and
    /// `extend-words` judge them all.
    ///
    /// ## Why it matters
    /// Postmortems are read by executives and customers; typos are the most common defect in
    /// them, and the one readers notice first.
    ///
    /// ## Example
    /// ```markdown
    /// Disable the release mechanism untill safer measures are in place.
    /// ```
    ///
    /// ## How to fix
    /// A misspelling with one correction is a safe fix (`--fix`), keeping the word's case
    /// (`Untill` → `Until`); with several corrections, they are listed in the help.
    ///
    /// ## Options
    /// - `extend-words`: `{ typo = "correction" }` adds misspellings; `{ word = "word" }` (or
    ///   `""`) marks a word as correct.
    /// - `allow`: words never reported, by this rule or by misspelling.
    pub struct KnownTypos => KNOWN_TYPOS;
}

impl Rule for KnownTypos {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let speller = cx.settings.speller();
        // A document repeats most of its words: ask about each spelling once.
        let mut verdicts: FxHashMap<&str, Option<Vec<String>>> =
            FxHashMap::with_capacity_and_hasher(doc.words.len() / 2, Default::default());
        for word in &doc.words {
            let text = doc.text(word.span.clone());
            // The general list's lowercase entries do not judge acronyms (`IST`) or names
            // inside a sentence (`Mama Ines`); pmlint's own entries (`Ngnix`, `Aache2`) do.
            // Title-Case words of a title are judged: "Root Casue".
            // A capitalised word of six letters or more is judged by the general list too
            // ("an Internal Server Error Occured"): the names it mistakes are short.
            let short = text.chars().count() < 6;
            let general_only = (word.all_caps && text.chars().count() <= 5)
                || (word.capitalized
                    && short
                    && !word.sentence_start
                    && !word.in_title
                    && !word.has_digit);
            if general_only && !speller.is_own_typo(text) {
                continue;
            }
            let Some(corrections) = verdicts
                .entry(text)
                .or_insert_with(|| speller.known_typo(text))
            else {
                continue;
            };
            let finding = match corrections.as_slice() {
                [] => continue,
                [one] => Finding::new(
                    Self::META,
                    word.span.clone(),
                    format!("`{text}` is a misspelling of `{one}`"),
                )
                .help(format!("write `{one}`"))
                .replace_with(Applicability::Safe, one.clone()),
                many => Finding::new(
                    Self::META,
                    word.span.clone(),
                    format!("`{text}` is a misspelling of {}", quoted_alternatives(many)),
                )
                .help("write the word meant; with several candidates there is no automatic fix"),
            };
            cx.report(finding);
        }
    }
}
