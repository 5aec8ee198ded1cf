//! Terminal safety: a file name or a document's text never reaches a terminal raw. A name
//! with a line break would forge a finding line, and `ESC[2J` in a heading would clear the
//! screen even with `--color never`.

use std::borrow::Cow;

/// Is `c` a control character a terminal may act on (C0 but tab, DEL, C1)?
fn is_control(c: char) -> bool {
    c != '\t' && c.is_control()
}

/// `s` with every control character, line breaks included, written as a visible escape
/// (`\n`, `\r`, `\u{1b}`), for one-line text: names, messages, labels, help.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_control(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` with every control character but line breaks and tabs replaced by `?`, one per
/// byte, so that byte offsets into it stay those of the original (for source excerpts).
pub fn mask_controls(text: &str) -> Cow<'_, str> {
    let masked = |c: char| is_control(c) && c != '\n' && c != '\r';
    if !text.chars().any(masked) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if masked(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_plain_text_is_borrowed() {
        assert!(matches!(escape_controls("plain é\ttab"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("a\nb\x1b[2Jc\u{9b}"),
            "a\\nb\\u{1b}[2Jc\\u{9b}"
        );
        assert_eq!(mask_controls("a\x1b[2J\n\u{9b}x"), "a?[2J\n??x");
        assert_eq!(mask_controls("a\u{9b}").len(), "a\u{9b}".len());
    }
}
