//! The placeholder reader that empty-section (PM103) and placeholder-text (PM606) share: what
//! template text left in place looks like. PM103 asks whether a whole section is only a
//! placeholder; PM606 asks it of each paragraph, list item, cell and labelled value, and
//! looks for the markers that stand inside a sentence (`[insert ...]`, `Lorem ipsum`).

use std::ops::Range;

/// The section's text as words joined by single spaces, marks trimmed off both ends, when
/// it may be empty or a placeholder; `None` when it cannot be.
pub(super) fn words_if_maybe_empty(text: &str) -> Option<String> {
    // With three words or more, the first word left after trimming decides whether the
    // text can open a placeholder, and it rules out nearly every section before the whole
    // text is joined.
    let mut tokens = text.split_whitespace();
    if let (Some(a), Some(b), Some(_)) = (tokens.next(), tokens.next(), tokens.next()) {
        // Trimming takes the first token's leading marks, and all of it if it is nothing
        // but marks (the second is then first, untouched).
        let first = a.trim_start_matches(is_trimmed);
        let word = if first.is_empty() { b } else { first };
        // Its trailing dots and marks may go too, when every later token is trimmed away
        // ("** n/a... !" reads as "n/a").
        let bare = word.trim_end_matches(|c| is_trimmed(c) || c == '.' || c == '…');
        if !may_open_placeholder(word) && !may_open_placeholder(bare) {
            return None;
        }
    }
    Some(joined_words(text))
}

fn joined_words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(is_trimmed)
        .trim()
        .to_string()
}

/// Is `words` (words joined by single spaces) only a placeholder? Read by hand as the
/// pattern kept in the tests reads it (they compare the two): compiling the pattern cost a
/// document with a short required section 2 M instructions, more than linting it.
///
/// ```text
/// tbd | tba | tbc | todo | to do | fixme | n/a | na | none | nil | ... | … | placeholder
/// | coming soon | write this | write here | x{3,} | ?+ | -+ | lorem ipsum ...
/// | to be (determined | decided | added | written | completed | confirmed | filled | filled in)
/// | (i | we)? will (fill | write | add | complete | update) (this | it | here | in | later | soon)*
/// | fill (this | me)? in (later)? | insert ... here
/// ```
pub(super) fn is_placeholder(words: &str) -> bool {
    const WHOLE: [&str; 30] = [
        "tbd",
        "tba",
        "tbc",
        "todo",
        "to do",
        "fixme",
        "n/a",
        "na",
        "none",
        "nil",
        "...",
        "…",
        "placeholder",
        "coming soon",
        "write this",
        "write here",
        "to be determined",
        "to be decided",
        "to be added",
        "to be written",
        "to be completed",
        "to be confirmed",
        "to be filled",
        "to be filled in",
        "fill in",
        "fill this in",
        "fill me in",
        "fill this in later",
        "fill me in later",
        "fill in later",
    ];
    // The pattern's `.` stops at a line break; callers join words with spaces anyway.
    if words.contains('\n') {
        return false;
    }
    let b = words.as_bytes();
    let all = |byte: u8| !b.is_empty() && b.iter().all(|c| c.eq_ignore_ascii_case(&byte));
    let prefix = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let suffix =
        |p: &str| b.len() >= p.len() && b[b.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
    WHOLE.iter().any(|w| words.eq_ignore_ascii_case(w))
        || (b.len() >= 3 && all(b'x'))
        || all(b'?')
        || all(b'-')
        || prefix("lorem ipsum")
        || (b.len() >= "insert  here".len() && prefix("insert ") && suffix(" here"))
        || will_fill_in(words)
}

/// `(i | we)? will (fill | write | add | complete | update) (this | it | here | in | later |
/// soon)*`, ignoring ASCII case.
fn will_fill_in(words: &str) -> bool {
    let mut parts = words.split(' ');
    let mut part = parts.next();
    if part.is_some_and(opens_before_will) {
        part = parts.next();
    }
    part.is_some_and(|w| w.eq_ignore_ascii_case("will"))
        && parts.next().is_some_and(|verb| {
            ["fill", "write", "add", "complete", "update"]
                .iter()
                .any(|v| verb.eq_ignore_ascii_case(v))
        })
        && parts.all(|w| {
            ["this", "it", "here", "in", "later", "soon"]
                .iter()
                .any(|t| w.eq_ignore_ascii_case(t))
        })
}

/// Marks trimmed off both ends of a section's text: punctuation, but not the `.`, `?` and
/// `/` that placeholders are made of (`...`, `???`, `n/a`).
fn is_trimmed(c: char) -> bool {
    c.is_ascii_punctuation() && c != '.' && c != '?' && c != '/'
}

/// Can a placeholder start with this word? "I" and "we" can ("we will add this later").
fn may_open_placeholder(first: &str) -> bool {
    first.starts_with(['?', '.', '-', '…'])
        || (!first.is_empty() && first.bytes().all(|b| b.eq_ignore_ascii_case(&b'x')))
        || [
            "tbd",
            "tba",
            "tbc",
            "todo",
            "to",
            "fixme",
            "n/a",
            "na",
            "none",
            "nil",
            "placeholder",
            "lorem",
            "coming",
            "will",
            "fill",
            "insert",
            "write",
        ]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
        || opens_before_will(first)
}

/// "I" and "we" open a placeholder only before "will".
fn opens_before_will(first: &str) -> bool {
    ["i", "we"].iter().any(|w| first.eq_ignore_ascii_case(w))
}

/// Is `text` (a line, a cell, a labelled value) nothing but template text: a placeholder as
/// empty-section reads one, that leaves the answer open ("TBD", "to be determined", "insert
/// details here")? A blank answer ("N/A", "None", "-") answers the question, and is not.
pub(super) fn is_template_text(text: &str) -> bool {
    let Some(words) = words_if_maybe_empty(text) else {
        return false;
    };
    let words = words.trim_end_matches('.');
    !words.is_empty() && is_placeholder(words) && !is_blank_answer(words)
}

/// "N/A", "none", "-": placeholders for a section, but a real answer in a cell or a field.
/// So is "?" or "??" there ("Time to detection: ?": not known), and a character lost in
/// copying as often; "???" is left to be filled in.
fn is_blank_answer(words: &str) -> bool {
    ["n/a", "na", "none", "nil", "?", "??"]
        .iter()
        .any(|w| words.eq_ignore_ascii_case(w))
        || words.bytes().all(|b| b == b'-' || b == b'.')
        || words.chars().all(|c| c == '…')
}

/// Template markers inside a sentence, as spans of `text`: `Lorem ipsum`, a bracketed prompt
/// (`[insert link]`, `[Service name]`), `FIXME`, and `TODO:` / `TBD:` opening a note ("TODO:
/// add the graphs"). A `TODO:` that ends its line labels what follows, and is none.
pub(super) fn markers_in(text: &str) -> Vec<Range<usize>> {
    const LOREM: &[u8] = b"lorem ipsum";
    let mut out: Vec<Range<usize>> = text
        .as_bytes()
        .windows(LOREM.len())
        .enumerate()
        .filter(|(_, w)| w.eq_ignore_ascii_case(LOREM))
        .map(|(i, _)| i..i + LOREM.len())
        .collect();
    out.extend(bracketed(text, '[', ']').filter(|r| is_prompt(&text[r.start + 1..r.end - 1])));
    out.extend(text.match_indices("FIXME").map(|(i, m)| i..i + m.len()));
    out.extend(note_openers(text));
    out.sort_by_key(|r| r.start);
    out
}

/// `TODO: ...`, `TBD - ...` opening a note, with words after it: at the start of `text` in
/// any case, or later in capitals ("The disk filled up. TODO: add the graph").
fn note_openers(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let lead = text.len()
        - text
            .trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
            .len();
    std::iter::once(lead)
        .chain(["TODO", "TBD", "TBA", "FIXME"].iter().flat_map(move |w| {
            text.match_indices(w)
                .map(|(i, _)| i)
                .filter(move |&i| i != lead && text[..i].ends_with([' ', '(', '*', '_']))
        }))
        .filter_map(move |at| note_at(text, at))
}

/// The note marker at `at`, if a word of `TODO`, `TBD`, `TBA`, `FIXME` stands there and a
/// colon or dash and some words follow it.
fn note_at(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = &text[at..];
    let word = rest.split(|c: char| !c.is_ascii_alphabetic()).next()?;
    if !["todo", "tbd", "tba", "fixme"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let after = rest[word.len()..].trim_start_matches(['*', '_']);
    let note = after
        .strip_prefix(':')
        .or_else(|| after.strip_prefix(" -"))
        .or_else(|| after.strip_prefix(" –"))?;
    // "TODO:" at the end of its line labels the list below it.
    let same_line = note.split('\n').next().unwrap_or("");
    same_line
        .chars()
        .any(char::is_alphanumeric)
        .then(|| at..at + word.len())
}

/// Each `open ... close` run of `text` on one line with no other `open` inside, including
/// the brackets.
pub(super) fn bracketed(
    text: &str,
    open: char,
    close: char,
) -> impl Iterator<Item = Range<usize>> + '_ {
    text.match_indices(open).filter_map(move |(i, _)| {
        let inner = &text[i + 1..];
        let end = inner.find([close, open, '\n'])?;
        (inner[end..].starts_with(close) && end > 0 && end <= 60).then(|| i..i + 1 + end + 1)
    })
}

/// What a template writes in brackets for the author to replace: a prompt ("insert the
/// graph", "describe impact", "your name"), a field ("Name", "Date", "Owner"), or a
/// placeholder ("TBD").
pub(super) fn is_prompt(inner: &str) -> bool {
    let inner = inner.trim().trim_matches(['*', '_']).trim();
    let first = inner
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    PROMPTS.iter().any(|p| first.eq_ignore_ascii_case(p))
        || FIELDS.iter().any(|f| inner.eq_ignore_ascii_case(f))
        || is_template_text(inner)
}

/// Verbs a template's prompts open with.
const PROMPTS: &[&str] = &[
    "insert",
    "describe",
    "add",
    "enter",
    "fill",
    "write",
    "explain",
    "summarize",
    "summarise",
    "provide",
    "replace",
    "specify",
    "paste",
    "attach",
    "your",
];

/// Fields a template leaves in brackets.
const FIELDS: &[&str] = &[
    "name",
    "date",
    "time",
    "date/time",
    "owner",
    "team",
    "link",
    "url",
    "service",
    "service name",
    "duration",
    "impact",
    "number",
    "ticket",
    "title",
    "company",
    "company name",
    "product",
    "placeholder",
    "details",
    "description",
    "start time",
    "end time",
    "timezone",
    "time zone",
    "author",
    "authors",
];

#[cfg(test)]
mod tests {
    use super::{is_placeholder, joined_words, words_if_maybe_empty};
    use crate::pattern::Pattern;
    use std::sync::LazyLock;

    /// The pattern `is_placeholder` replaced.
    static PLACEHOLDER: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(
            r"(?i)^(?:tbd|tba|tbc|todo|to ?do|fixme|n/?a|none|nil|xxx+|\?+|\.\.\.|…|-+|placeholder|lorem ipsum(?u:.)*|coming soon|to be (?:determined|decided|added|written|completed|confirmed|filled(?: in)?)|(?:i |we )?will (?:fill|write|add|complete|update)(?: (?:this|it|here|in|later|soon))*|fill (?:this |me )?in(?: later)?|insert (?u:.)* here|write (?:this|here))$",
        )
        .unwrap()
    });

    #[test]
    fn placeholders() {
        for p in [
            "TBD",
            "todo",
            "N/A",
            "Will fill here",
            "Coming soon",
            "to be determined",
            "...",
            "tba",
            "TBC",
            "to do",
            "FIXME",
            "na",
            "none",
            "nil",
            "xxxx",
            "???",
            "…",
            "---",
            "placeholder",
            "lorem ipsum dolor",
            "to be filled in",
            "we will add this later",
            "I will update it soon",
            "fill me in later",
            "fill in",
            "insert details here",
            "write here",
        ] {
            assert!(PLACEHOLDER.is_match(p), "{p}");
            assert!(is_placeholder(p), "{p}");
        }
        for p in [
            "The database ran out of connections",
            "None of the alerts fired",
        ] {
            assert!(!PLACEHOLDER.is_match(p), "{p}");
            assert!(!is_placeholder(p), "{p}");
        }
    }

    #[test]
    fn the_early_gate_reads_the_first_word_as_trimming_leaves_it() {
        for text in [
            "*to be determined*",
            "** to be determined",
            "** n/a... ! ",
            "**We will add this later**",
            "- - -",
            "",
            "  \n ",
        ] {
            let words = joined_words(text);
            assert!(
                words.is_empty() || is_placeholder(words.trim_end_matches('.')),
                "{text}"
            );
            assert_eq!(words_if_maybe_empty(text), Some(words), "{text}");
        }
        assert_eq!(words_if_maybe_empty("The disk filled up"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Texts turned away before joining are neither empty nor a placeholder.
        #[test]
        fn the_early_gate_keeps_every_empty_text_and_placeholder(
            text in r"((\*\*|--|\.\.\.|\?|TBD|to|be|determined|We|will|add|this|fill|in|n/a|x+|The|outage|!|:|#|…)( |  |\n|\t|\u{a0}|)){0,6}"
        ) {
            let words = joined_words(&text);
            let reported = words.is_empty() || is_placeholder(words.trim_end_matches('.'));
            if reported {
                proptest::prop_assert_eq!(words_if_maybe_empty(&text), Some(words), "{:?}", text);
            }
        }
    }

    #[test]
    fn placeholders_read_as_the_pattern_reads_them() {
        for words in [
            "",
            " ",
            "x",
            "xx",
            "xxx",
            "XxX",
            "?",
            "-",
            "--x",
            "....",
            "to  do",
            "n/a ",
            "insert here",
            "insert  here",
            "INSERT the details HERE",
            "insert here here",
            "lorem ipsumx",
            "Lorem Ipsum",
            "i will",
            "we will fill this in later soon",
            "We Will Update",
            "will fill it it",
            "will fillx",
            "I we will add",
            "fill in later",
            "fill me in later",
            "fill this",
            "to be filled in",
            "to be filled out",
            "write this",
            "write there",
            "coming  soon",
            "…",
            "……",
            "nil.",
            "none none",
        ] {
            assert_eq!(
                is_placeholder(words),
                PLACEHOLDER.is_match(words),
                "{words:?}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The hand reader takes what the pattern takes, and nothing else.
        #[test]
        fn generated_placeholders_read_as_the_pattern_reads_them(
            words in r"((TBD|tba|tbc|ToDo|to|do|be|determined|fixme|n/a|NA|none|nil|x|X|xx|\?|\.|…|-|placeholder|lorem|ipsum|coming|soon|i|We|will|fill|write|add|this|it|here|in|later|me|insert|the|[a-z]{1,3}) ?){1,5}"
        ) {
            proptest::prop_assert_eq!(is_placeholder(&words), PLACEHOLDER.is_match(&words));
        }
    }
}
