use std::collections::HashMap;

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
        let mut counts: HashMap<String, usize> = HashMap::new();
        for w in &doc.words {
            *counts
                .entry(doc.text(w.span.clone()).to_lowercase())
                .or_default() += 1;
        }
        for word in &doc.words {
            let text = doc.text(word.span.clone());
            if word.has_digit
                || word.inner_caps
                || word.all_caps
                || (word.capitalized && !word.sentence_start)
                || text.chars().filter(|c| c.is_alphabetic()).count() < 5
                || text.contains(['\'', '’'])
                || has_run_of_three(text)
                || counts.get(&text.to_lowercase()).copied().unwrap_or(0) > 1
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

/// "zzzzz", "soooo": deliberate, not a typo.
fn has_run_of_three(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}
