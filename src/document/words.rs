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
    let mut pos = 0;
    // Brackets split words too: "Aache2(running)" holds two.
    for chunk in text.split_inclusive(|c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '{' | '}')
    }) {
        let start = pos;
        pos += chunk.len();
        let trimmed = chunk.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        let core_start = trimmed
            .char_indices()
            .find(|(_, c)| !is_wrapper(*c))
            .map(|(i, _)| i);
        let Some(core_start) = core_start else {
            if trimmed.ends_with(['.', '!', '?']) {
                *at_sentence_start = true;
            }
            continue;
        };
        let core_end = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !is_wrapper(*c))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(core_start);
        let core = &trimmed[core_start..core_end];
        let sentence_start = *at_sentence_start;
        // A colon does not start a sentence: "Done by: Bravin" is a name, not a typo.
        *at_sentence_start = trimmed[core_end..].contains(['.', '!', '?']);
        // Entities (&amp;), file extensions (.phpp) and anything with markup or path
        // characters is not prose.
        if core.chars().any(is_technical) || trimmed[..core_start].ends_with(['&', '.']) {
            continue;
        }
        if !core.chars().any(char::is_alphabetic) {
            continue;
        }
        // "Learnin'": a dropped g, written on purpose.
        if core.ends_with("in") && trimmed[core_end..].starts_with(['\'', '’']) {
            continue;
        }
        let compound = core
            .contains('-')
            .then(|| base + start + core_start..base + start + core_end);
        let mut part_start = 0;
        for (i, raw) in core.split('-').enumerate() {
            let offset = part_start;
            part_start += raw.len() + 1;
            let part = raw.trim_matches(|c| c == '\'' || c == '’');
            if part.is_empty() {
                continue;
            }
            // The word starts after the quotes the trimming took off its front.
            let lead = raw.len() - raw.trim_start_matches(['\'', '’']).len();
            let abs = base + start + core_start + offset + lead;
            if let Some(mut word) = classify(part, abs, sentence_start && i == 0) {
                word.compound = compound.clone();
                out.push(word);
            }
        }
    }
}

fn classify(part: &str, abs: usize, sentence_start: bool) -> Option<Word> {
    if !part
        .chars()
        .all(|c| c.is_alphanumeric() || c == '\'' || c == '’')
    {
        return None;
    }
    let mut chars = part.chars();
    let first = chars.next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut letters = part.chars().filter(|c| c.is_alphabetic());
    let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
    Some(Word {
        span: abs..abs + part.len(),
        sentence_start,
        has_digit: part.chars().any(|c| c.is_ascii_digit()),
        inner_caps: !all_caps && part.chars().skip(1).any(char::is_uppercase),
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
