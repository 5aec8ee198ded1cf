//! Prose words for the spelling rules: found in the masked text (code, URLs and HTML already
//! blanked), with identifiers, paths, host names and e-mail addresses left out.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub span: Range<usize>,
    /// First word of a sentence, a heading, a list item or a table cell.
    pub sentence_start: bool,
    pub has_digit: bool,
    /// `PagerDuty`, `iPhone`: an upper-case letter after the first.
    pub inner_caps: bool,
    pub capitalized: bool,
    pub all_caps: bool,
    /// How many of its characters are letters.
    pub letters: usize,
    /// It holds an apostrophe (`'` or `’`): a contraction, clitic or possessive.
    pub apostrophe: bool,
    /// The whole hyphenated word this is a part of ("pre-emptively"), if any.
    pub compound: Option<Range<usize>>,
    /// In a section title (a heading, a bold title line): Title-Case words there are not
    /// names just for their capital. Set after the sections are known.
    pub in_title: bool,
    /// The document uses it as a name: link text that its link's address repeats
    /// (`[octocat](https://github.com/octocat)`), or a cell of a table column of people or
    /// organisations (Owner, Assignee, Team, ...), or a word alone in parentheses ("the pod
    /// (xroute)").
    pub name: bool,
}

/// Characters that may wrap a word without being part of it.
const fn is_wrapper(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '*'
            | '_'
            | '~'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '…'
    )
}

/// Characters that make a token an identifier, path, address or markup rather than a word.
const fn is_technical(c: char) -> bool {
    matches!(
        c,
        '/' | '\\'
            | '@'
            | '='
            | '_'
            | '#'
            | '$'
            | '%'
            | '^'
            | '|'
            | '+'
            | '<'
            | '>'
            | '`'
            | '&'
            | '.'
            | ':'
            | '~'
            | '*'
            | '['
            | ']'
            | '('
            | ')'
            | '{'
            | '}'
            | ';'
            | ','
    )
}

/// What the tokenizer asks about a character, as bits. A table answers for ASCII (nearly
/// all of a document), so that a character costs one look-up rather than a dozen tests.
type Class = u16;
/// White space: ends a token.
const SPACE: Class = 1;
/// A bracket: ends a token, and is part of it.
const BRACKET: Class = 1 << 1;
const WRAPPER: Class = 1 << 2;
const TECHNICAL: Class = 1 << 3;
const ALPHABETIC: Class = 1 << 4;
const UPPERCASE: Class = 1 << 5;
const ALPHANUMERIC: Class = 1 << 6;
const ASCII_DIGIT: Class = 1 << 7;
/// `.`, `!` or `?`.
const SENTENCE_END: Class = 1 << 8;
/// `'` or `’`: may stand inside a word ("it's").
const APOSTROPHE: Class = 1 << 9;

static ASCII_CLASSES: [Class; 128] = {
    let mut classes = [0; 128];
    let mut i = 0;
    while i < classes.len() {
        let c = i as u8 as char;
        classes[i] = class_of(c, c.is_ascii_alphabetic(), c.is_ascii_alphanumeric());
        i += 1;
    }
    classes
};

/// The class of a character (the tests' reference tokenizer asks by `char`).
#[cfg(test)]
fn class(c: char) -> Class {
    match ASCII_CLASSES.get(c as usize) {
        Some(&class) => class,
        None => non_ascii_class(c),
    }
}

fn non_ascii_class(c: char) -> Class {
    class_of(c, c.is_alphabetic(), c.is_alphanumeric())
}

/// The class of `c`, given the answers that only a run-time call has for every character.
const fn class_of(c: char, alphabetic: bool, alphanumeric: bool) -> Class {
    const fn bit(yes: bool, bit: Class) -> Class {
        if yes { bit } else { 0 }
    }
    bit(c.is_whitespace(), SPACE)
        | bit(matches!(c, '(' | ')' | '[' | ']' | '{' | '}'), BRACKET)
        | bit(is_wrapper(c), WRAPPER)
        | bit(is_technical(c), TECHNICAL)
        | bit(alphabetic, ALPHABETIC)
        | bit(c.is_uppercase(), UPPERCASE)
        | bit(alphanumeric, ALPHANUMERIC)
        | bit(c.is_ascii_digit(), ASCII_DIGIT)
        | bit(matches!(c, '.' | '!' | '?'), SENTENCE_END)
        | bit(matches!(c, '\'' | '’'), APOSTROPHE)
}

/// The class and UTF-8 length of the character that starts at byte `i` of `text`. A byte
/// below 0x80 is its own character; only other characters are decoded.
#[inline]
fn class_at(text: &str, i: usize) -> (Class, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => (ASCII_CLASSES[usize::from(b)], 1),
        _ => non_ascii_at(text, i),
    }
}

#[inline(never)]
fn non_ascii_at(text: &str, i: usize) -> (Class, usize) {
    // `i` is always a character boundary: the loops step by the lengths returned here.
    text.get(i..)
        .and_then(|rest| rest.chars().next())
        .map_or((0, 1), |c| (non_ascii_class(c), c.len_utf8()))
}

/// Tokenise `text` (a slice of the masked document starting at byte `base`) into words.
/// `at_sentence_start` carries sentence state across the text nodes of one block.
///
/// The three loops here (tokens, a token's core, a word's letters) step through bytes and
/// decode only non-ASCII characters: nearly every character of a document is ASCII, and
/// this is the tokenizer every prose word goes through.
pub fn tokenize(text: &str, base: usize, at_sentence_start: &mut bool, out: &mut Vec<Word>) {
    let mut start = 0;
    let mut i = 0;
    // Most tokens are plain words, nothing but ASCII letters and digits: those are read
    // here, in this one pass, and only the others go through `token`.
    let mut plain = Plain::default();
    while i < text.len() {
        let (class, len) = class_at(text, i);
        // Brackets split words too ("Aache2(running)" holds two), and stay with the first.
        let end = if class & BRACKET != 0 {
            i + 1
        } else if class & SPACE != 0 {
            i
        } else {
            plain.add(class, len);
            i += len;
            continue;
        };
        plain.end(text, start..end, base, at_sentence_start, out);
        plain = Plain::default();
        i += len;
        start = i;
    }
    plain.end(text, start..text.len(), base, at_sentence_start, out);
}

/// What `tokenize` counts of a token as it goes, to read a plain one without `token`.
#[derive(Default)]
struct Plain {
    /// Bytes that are ASCII letters or digits.
    alphanumeric: usize,
    letters: usize,
    capitals: usize,
}

impl Plain {
    #[inline]
    fn add(&mut self, class: Class, len: usize) {
        // A non-ASCII character (len > 1) is never counted, so the token is not plain.
        let ascii = len == 1;
        self.alphanumeric += usize::from(ascii && class & ALPHANUMERIC != 0);
        self.letters += usize::from(ascii && class & ALPHABETIC != 0);
        self.capitals += usize::from(ascii && class & UPPERCASE != 0);
    }

    /// The token `span` of `text`, which these counts describe, ends: read here if it is
    /// plain (not empty, nothing but ASCII letters and digits), else by `token`. Inlined into both
    /// places a token ends (measured: a call here cost 0.6% of a whole run).
    #[inline(always)]
    fn end(
        &self,
        text: &str,
        span: Range<usize>,
        base: usize,
        at_sentence_start: &mut bool,
        out: &mut Vec<Word>,
    ) {
        if !span.is_empty() && self.alphanumeric == span.len() {
            self.word(text, span, base, at_sentence_start, out);
        } else {
            token(
                &text[span.clone()],
                base + span.start,
                at_sentence_start,
                out,
            );
        }
    }

    /// What `token` and `classify` make of a plain token: no wrappers, nothing technical,
    /// no hyphen, so its core is all of it and it ends no sentence.
    fn word(
        &self,
        text: &str,
        span: Range<usize>,
        base: usize,
        at_sentence_start: &mut bool,
        out: &mut Vec<Word>,
    ) {
        let sentence_start = std::mem::replace(at_sentence_start, false);
        let first = text.as_bytes()[span.start];
        if !first.is_ascii_alphabetic() {
            return;
        }
        let capitalized = first.is_ascii_uppercase();
        let all_caps = self.letters > 1 && self.capitals == self.letters;
        out.push(Word {
            span: base + span.start..base + span.end,
            sentence_start,
            has_digit: self.letters < span.len(),
            inner_caps: !all_caps && self.capitals > usize::from(capitalized),
            capitalized,
            all_caps,
            letters: self.letters,
            apostrophe: false,
            compound: None,
            in_title: false,
            name: false,
        });
    }
}

/// The words of one token (text between white space, or ending with a bracket) at byte
/// `base`. Tokens are most of what a document holds, so each is read in one pass.
fn token(token: &str, base: usize, at_sentence_start: &mut bool, out: &mut Vec<Word>) {
    // The core is the token less the wrappers around it (empty: none yet).
    let mut core = 0..0;
    let mut technical = false;
    // A technical wrapper (`.`, `_`, `:`, ...) after the core began: technical if the core
    // goes on after it.
    let mut technical_wrapper = false;
    // A sentence end since the core last went on, that is, after the core if it is the last.
    let mut sentence_end = false;
    let mut alphabetic = false;
    let mut hyphen = false;
    let mut i = 0;
    while i < token.len() {
        let (class, len) = class_at(token, i);
        let at = i;
        i += len;
        if class & WRAPPER != 0 {
            technical_wrapper |= !core.is_empty() && class & TECHNICAL != 0;
            sentence_end |= class & SENTENCE_END != 0;
            continue;
        }
        technical |= technical_wrapper || class & TECHNICAL != 0;
        technical_wrapper = false;
        sentence_end = false;
        alphabetic |= class & ALPHABETIC != 0;
        hyphen |= token.as_bytes()[at] == b'-';
        if core.is_empty() {
            core.start = at;
        }
        core.end = i;
    }
    if core.is_empty() {
        if token.ends_with(['.', '!', '?']) {
            *at_sentence_start = true;
        }
        return;
    }
    let sentence_start = *at_sentence_start;
    // A colon does not start a sentence: "Done by: Bravin" is a name, not a typo. Nor does
    // the full stop of a title: "Mr. Armand" is a name.
    *at_sentence_start = sentence_end && !is_title_abbreviation(&token[core.clone()]);
    // Entities (&amp;), file extensions (.phpp) and anything with markup or path
    // characters is not prose.
    let before = core.start.checked_sub(1).map(|i| token.as_bytes()[i]);
    if technical || matches!(before, Some(b'&' | b'.')) || !alphabetic {
        return;
    }
    let text = &token[core.clone()];
    // "Learnin'": a dropped g, written on purpose.
    if text.ends_with("in") && token[core.end..].starts_with(['\'', '’']) {
        return;
    }
    if !hyphen {
        // Quotes are wrappers, so the core neither starts nor ends with one.
        if let Some(word) = classify(text, base + core.start, sentence_start) {
            out.push(word);
        }
        return;
    }
    let compound = base + core.start..base + core.end;
    let mut part_start = 0;
    for (i, raw) in text.split('-').enumerate() {
        let offset = part_start;
        part_start += raw.len() + 1;
        let part = raw.trim_matches(|c| c == '\'' || c == '’');
        if part.is_empty() {
            continue;
        }
        // The word starts after the quotes the trimming took off its front.
        let lead = raw.len() - raw.trim_start_matches(['\'', '’']).len();
        let abs = base + core.start + offset + lead;
        if let Some(mut word) = classify(part, abs, sentence_start && i == 0) {
            word.compound = Some(compound.clone());
            out.push(word);
        }
    }
}

/// Whether a table column headed `header` holds people or organisations ("Owner",
/// "Assigned to", "Team", "Vendor"): its cells are names, not prose to spell-check.
pub fn is_name_column(header: &str) -> bool {
    const NAME_HEADERS: &[&str] = &[
        "owner",
        "owners",
        "assignee",
        "assignees",
        "assigned",
        "actor",
        "actors",
        "who",
        "team",
        "teams",
        "person",
        "people",
        "responsible",
        "name",
        "names",
        "author",
        "reporter",
        "lead",
        "contact",
        "organisation",
        "organization",
        "company",
        "vendor",
        "customer",
        "responder",
        "responders",
        "engineer",
        "dri",
        "poc",
        "by",
        "party",
    ];
    header
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| NAME_HEADERS.contains(&w.to_lowercase().as_str()))
}

/// `Mr.`, `Dr.`: a full stop after these ends no sentence; a name follows.
fn is_title_abbreviation(core: &str) -> bool {
    matches!(
        core,
        "Mr" | "Mrs" | "Ms" | "Mx" | "Dr" | "Prof" | "Sr" | "Jr" | "St" | "Mt"
    )
}

fn classify(part: &str, abs: usize, sentence_start: bool) -> Option<Word> {
    if part.is_empty() {
        return None;
    }
    let (first, mut i) = class_at(part, 0);
    if first & ALPHABETIC == 0 {
        return None;
    }
    let mut letters = 1;
    let mut capitals = usize::from(first & UPPERCASE != 0);
    let mut has_digit = false;
    let mut inner_caps = false;
    let mut apostrophe = false;
    while i < part.len() {
        let (class, len) = class_at(part, i);
        i += len;
        if class & (ALPHANUMERIC | APOSTROPHE) == 0 {
            return None;
        }
        if class & ALPHABETIC != 0 {
            letters += 1;
            capitals += usize::from(class & UPPERCASE != 0);
        }
        has_digit |= class & ASCII_DIGIT != 0;
        inner_caps |= class & UPPERCASE != 0;
        apostrophe |= class & APOSTROPHE != 0;
    }
    let all_caps = letters > 1 && capitals == letters;
    Some(Word {
        span: abs..abs + part.len(),
        sentence_start,
        has_digit,
        inner_caps: !all_caps && inner_caps,
        capitalized: first & UPPERCASE != 0,
        all_caps,
        letters,
        apostrophe,
        compound: None,
        in_title: false,
        name: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as it was written over `char`s, before it stepped through bytes: the
    /// byte version must find the same words with the same flags.
    mod by_chars {
        use super::super::*;

        /// Tokenise `text` (a slice of the masked document starting at byte `base`) into words.
        /// `at_sentence_start` carries sentence state across the text nodes of one block.
        pub(super) fn tokenize(
            text: &str,
            base: usize,
            at_sentence_start: &mut bool,
            out: &mut Vec<Word>,
        ) {
            let mut start = 0;
            for (i, c) in text.char_indices() {
                // Brackets split words too ("Aache2(running)" holds two), and stay with the first.
                let class = class(c);
                let end = if class & BRACKET != 0 {
                    i + 1
                } else if class & SPACE != 0 {
                    i
                } else {
                    continue;
                };
                token(&text[start..end], base + start, at_sentence_start, out);
                start = i + c.len_utf8();
            }
            token(&text[start..], base + start, at_sentence_start, out);
        }

        /// The words of one token (text between white space, or ending with a bracket) at byte
        /// `base`. Tokens are most of what a document holds, so each is read in one pass.
        fn token(token: &str, base: usize, at_sentence_start: &mut bool, out: &mut Vec<Word>) {
            // The core is the token less the wrappers around it.
            let mut core: Option<Range<usize>> = None;
            let mut technical = false;
            // A technical wrapper (`.`, `_`, `:`, ...) after the core began: technical if the core
            // goes on after it.
            let mut technical_wrapper = false;
            // A sentence end since the core last went on, that is, after the core if it is the last.
            let mut sentence_end = false;
            let mut alphabetic = false;
            let mut hyphen = false;
            for (i, c) in token.char_indices() {
                let class = class(c);
                if class & WRAPPER != 0 {
                    technical_wrapper |= core.is_some() && class & TECHNICAL != 0;
                    sentence_end |= class & SENTENCE_END != 0;
                    continue;
                }
                technical |= technical_wrapper || class & TECHNICAL != 0;
                technical_wrapper = false;
                sentence_end = false;
                alphabetic |= class & ALPHABETIC != 0;
                hyphen |= c == '-';
                let end = i + c.len_utf8();
                match &mut core {
                    Some(core) => core.end = end,
                    None => core = Some(i..end),
                }
            }
            let Some(core) = core else {
                if token.ends_with(['.', '!', '?']) {
                    *at_sentence_start = true;
                }
                return;
            };
            let sentence_start = *at_sentence_start;
            // A colon does not start a sentence: "Done by: Bravin" is a name, not a typo.
            *at_sentence_start = sentence_end && !is_title_abbreviation(&token[core.clone()]);
            // Entities (&amp;), file extensions (.phpp) and anything with markup or path
            // characters is not prose.
            let before = core.start.checked_sub(1).map(|i| token.as_bytes()[i]);
            if technical || matches!(before, Some(b'&' | b'.')) || !alphabetic {
                return;
            }
            let text = &token[core.clone()];
            // "Learnin'": a dropped g, written on purpose.
            if text.ends_with("in") && token[core.end..].starts_with(['\'', '’']) {
                return;
            }
            if !hyphen {
                // Quotes are wrappers, so the core neither starts nor ends with one.
                out.extend(classify(text, base + core.start, sentence_start));
                return;
            }
            let compound = base + core.start..base + core.end;
            let mut part_start = 0;
            for (i, raw) in text.split('-').enumerate() {
                let offset = part_start;
                part_start += raw.len() + 1;
                let part = raw.trim_matches(|c| c == '\'' || c == '’');
                if part.is_empty() {
                    continue;
                }
                // The word starts after the quotes the trimming took off its front.
                let lead = raw.len() - raw.trim_start_matches(['\'', '’']).len();
                let abs = base + core.start + offset + lead;
                if let Some(mut word) = classify(part, abs, sentence_start && i == 0) {
                    word.compound = Some(compound.clone());
                    out.push(word);
                }
            }
        }

        fn classify(part: &str, abs: usize, sentence_start: bool) -> Option<Word> {
            let mut chars = part.chars();
            let first = class(chars.next()?);
            if first & ALPHABETIC == 0 {
                return None;
            }
            let mut letters = 1;
            let mut capitals = usize::from(first & UPPERCASE != 0);
            let mut has_digit = false;
            let mut inner_caps = false;
            for c in chars {
                let class = class(c);
                if class & ALPHANUMERIC == 0 && c != '\'' && c != '’' {
                    return None;
                }
                if class & ALPHABETIC != 0 {
                    letters += 1;
                    capitals += usize::from(class & UPPERCASE != 0);
                }
                has_digit |= class & ASCII_DIGIT != 0;
                inner_caps |= class & UPPERCASE != 0;
            }
            let all_caps = letters > 1 && capitals == letters;
            Some(Word {
                span: abs..abs + part.len(),
                sentence_start,
                has_digit,
                inner_caps: !all_caps && inner_caps,
                capitalized: first & UPPERCASE != 0,
                all_caps,
                letters: part.chars().filter(|c| c.is_alphabetic()).count(),
                apostrophe: part.contains(['\'', '’']),
                compound: None,
                in_title: false,
                name: false,
            })
        }
    }

    fn agree(text: &str) -> Result<(), String> {
        let (mut new, mut old) = (Vec::new(), Vec::new());
        for start in [true, false] {
            let (mut a, mut b) = (start, start);
            tokenize(text, 7, &mut a, &mut new);
            by_chars::tokenize(text, 7, &mut b, &mut old);
            if (&new, a) != (&old, b) {
                return Err(format!("{text:?}: {new:?} {a} != {old:?} {b}"));
            }
        }
        Ok(())
    }

    #[test]
    fn bytes_and_chars_agree_on_written_text() {
        for text in [
            "",
            " ",
            "The API failed. Then PagerDuty paged Aache2(running) at 14:05.",
            "“Quoted” ‘words’ «here» and… it’s well-known pre-‘emptively",
            "Learnin' fast, learnin’ slow; rock-'n'-roll -- x- -y 'a-b'",
            "é ÉCOLE naïve Ünïcode\u{a0}nbsp\u{2003}em café-au-lait",
            "user@example.com /etc/x &amp; .phpp x.y a_b (a) [b] {c}",
            "ALL CAPS. ok? yes! no: Done by: Bravin",
            "Asked Mr. Armand and Dr. Okafor. Then left.",
        ] {
            agree(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn bytes_and_chars_agree(text in r"([a-zA-Z0-9]{1,3}|[ \t\n.,;:!?'’“”‘«»…()\[\]{}\-_/@&*~#]|é|É|ß|\u{a0}|\u{2003}|٣|x'|in'){0,24}") {
            if let Err(e) = agree(&text) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = true;
        tokenize(text, 0, &mut start, &mut out);
        out.iter().map(|w| &text[w.span.clone()]).collect()
    }

    #[test]
    fn the_ascii_table_agrees_with_the_char_methods() {
        for c in (0..128u8).map(char::from) {
            assert_eq!(
                class(c),
                class_of(c, c.is_alphabetic(), c.is_alphanumeric()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn identifiers_paths_and_hosts_are_not_words() {
        assert_eq!(
            words("Fix wp-settings.php, /etc/nginx and user@example.com or snake_case now."),
            vec!["Fix", "and", "or", "now"]
        );
    }

    #[test]
    fn hyphens_split_and_wrappers_trim() {
        assert_eq!(
            words("(well-known) \"roolback\"."),
            vec!["well", "known", "roolback"]
        );
        assert_eq!(
            words("**untill** it's done"),
            vec!["untill", "it's", "done"]
        );
    }

    #[test]
    fn sentence_starts_and_case_flags() {
        let mut out = Vec::new();
        let mut start = true;
        tokenize(
            "The API failed. Then PagerDuty paged Aache2.",
            0,
            &mut start,
            &mut out,
        );
        let starts: Vec<bool> = out.iter().map(|w| w.sentence_start).collect();
        assert_eq!(starts, vec![true, false, false, true, false, false, false]);
        assert!(out[1].all_caps);
        assert!(out[4].inner_caps);
        assert!(out[6].has_digit);
    }
}
