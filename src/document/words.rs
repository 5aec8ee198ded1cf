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
    /// The whole hyphenated word this is a part of ("pre-emptively"), if any.
    pub compound: Option<Range<usize>>,
}

/// Characters that may wrap a word without being part of it.
fn is_wrapper(c: char) -> bool {
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
fn is_technical(c: char) -> bool {
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

/// Tokenise `text` (a slice of the masked document starting at byte `base`) into words.
/// `at_sentence_start` carries sentence state across the text nodes of one block.
pub fn tokenize(text: &str, base: usize, at_sentence_start: &mut bool, out: &mut Vec<Word>) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        // Brackets split words too ("Aache2(running)" holds two), and stay with the first.
        let end = match c {
            '(' | ')' | '[' | ']' | '{' | '}' => i + 1,
            c if c.is_whitespace() => i,
            _ => continue,
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
    let mut alphabetic = false;
    let mut hyphen = false;
    for (i, c) in token.char_indices() {
        if is_wrapper(c) {
            technical_wrapper |= core.is_some() && is_technical(c);
            continue;
        }
        technical |= technical_wrapper || is_technical(c);
        technical_wrapper = false;
        alphabetic |= c.is_alphabetic();
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
    let after = &token[core.end..];
    // A colon does not start a sentence: "Done by: Bravin" is a name, not a typo.
    *at_sentence_start = after.contains(['.', '!', '?']);
    // Entities (&amp;), file extensions (.phpp) and anything with markup or path
    // characters is not prose.
    if technical || token[..core.start].ends_with(['&', '.']) || !alphabetic {
        return;
    }
    let text = &token[core.clone()];
    // "Learnin'": a dropped g, written on purpose.
    if text.ends_with("in") && after.starts_with(['\'', '’']) {
        return;
    }
    let compound = hyphen.then(|| base + core.start..base + core.end);
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
            word.compound = compound.clone();
            out.push(word);
        }
    }
}

fn classify(part: &str, abs: usize, sentence_start: bool) -> Option<Word> {
    let mut chars = part.chars();
    let first = chars.next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut letters = 1;
    let mut capitals = usize::from(first.is_uppercase());
    let mut has_digit = false;
    let mut inner_caps = false;
    for c in chars {
        if !(c.is_alphanumeric() || c == '\'' || c == '’') {
            return None;
        }
        if c.is_alphabetic() {
            letters += 1;
            capitals += usize::from(c.is_uppercase());
        }
        has_digit |= c.is_ascii_digit();
        inner_caps |= c.is_uppercase();
    }
    let all_caps = letters > 1 && capitals == letters;
    Some(Word {
        span: abs..abs + part.len(),
        sentence_start,
        has_digit,
        inner_caps: !all_caps && inner_caps,
        capitalized: first.is_uppercase(),
        all_caps,
        compound: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = true;
        tokenize(text, 0, &mut start, &mut out);
        out.iter().map(|w| &text[w.span.clone()]).collect()
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
