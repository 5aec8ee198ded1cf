//! Small helpers for looking around a byte position without slicing inside a character.

/// Every match that `accept` keeps, in order: `next(pos)` finds the first match starting
/// at or after `pos` and where it starts. A rejected match is retried one character later,
/// so that "14:00 June 19" (where "00 June" is rejected) still finds "June 19".
/// `accept` returns the value and the position where the next search starts.
pub(crate) fn accepted<M, T>(
    text: &str,
    mut next: impl FnMut(usize) -> Option<(usize, M)>,
    mut accept: impl FnMut(&M) -> Option<(T, usize)>,
) -> Vec<T> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some((start, m)) = next(pos) {
        match accept(&m) {
            Some((value, next)) => {
                found.push(value);
                pos = next.max(start + 1);
            }
            None => pos = start + char_at(text, start).map_or(1, char::len_utf8),
        }
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
        if pos > text.len() {
            break;
        }
    }
    found
}

pub(crate) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

pub(crate) fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when no letter, digit or underscore touches `pos` from the left.
pub(crate) fn word_starts_at(text: &str, pos: usize) -> bool {
    !char_before(text, pos).is_some_and(is_word_char)
}

/// True when no letter, digit or underscore touches `pos` from the right.
pub(crate) fn word_ends_at(text: &str, pos: usize) -> bool {
    !char_at(text, pos).is_some_and(is_word_char)
}

/// Markdown emphasis markers sit between a time and its zone ("**14:00** WAT") without
/// changing what the author meant, so look-arounds skip them.
pub(crate) fn is_emphasis(c: char) -> bool {
    c == '*' || c == '_'
}

/// The word (letters only) that ends just before `pos`, skipping spaces and emphasis markers.
pub(crate) fn previous_word(text: &str, pos: usize) -> &str {
    let Some(before) = text.get(..pos) else {
        return "";
    };
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || is_emphasis(c));
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    &trimmed[start..]
}

/// Up to `max` bytes of text before `pos`, cut on a character boundary.
pub(crate) fn tail_before(text: &str, pos: usize, max: usize) -> &str {
    let Some(before) = text.get(..pos) else {
        return "";
    };
    let mut start = pos.saturating_sub(max);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    &before[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_word_skips_emphasis_and_spaces() {
        assert_eq!(previous_word("John 3:16", 5), "John");
        assert_eq!(previous_word("**From** 6:00", 9), "From");
        assert_eq!(previous_word("", 0), "");
        assert_eq!(previous_word("é", 1), "");
    }

    #[test]
    fn tail_before_respects_char_boundaries() {
        let s = "ééé abc";
        assert_eq!(tail_before(s, s.len(), 5), " abc");
        assert_eq!(tail_before(s, s.len(), 6), "é abc");
    }
}
