//! Matching the end of a short text, read right to left: "does this lead end with
//! `from about `?", "is this gap only `, at `?".
//!
//! The questions the time tokenizer and the rules ask of the few dozen bytes before or
//! between two times are regular expressions anchored at the end (`...$`), asked once or
//! twice per document. As patterns they were cheap to run and dear to build: 0.1 to 0.3 ms
//! of compilation each, on every run. A [`Tail`] answers them with no building at all: it
//! holds every position from which the part of the expression read so far (from its right
//! end) matches up to the end of the text, and each step moves that set leftwards. Every
//! way to match is kept, so the answer is exactly the pattern's, whatever it would have
//! tried first; the tests compare each with the pattern it replaced.
//!
//! Classes and case folding are ASCII, as in [`crate::pattern`]: white space is
//! `[\t\n\x0B\x0C\r ]`, a word byte is `[0-9A-Za-z_]`, case is ignored for ASCII letters.

use crate::bytes::{is_space, is_word_byte};

/// The positions of a text from which what has been read so far reaches the text's end.
#[derive(Clone, Debug)]
pub(crate) struct Tail<'t> {
    text: &'t [u8],
    at: Vec<bool>,
}

impl<'t> Tail<'t> {
    /// Nothing read yet: only the end itself.
    pub(crate) fn new(text: &'t str) -> Tail<'t> {
        let text = text.as_bytes();
        let mut at = vec![false; text.len() + 1];
        at[text.len()] = true;
        Tail { text, at }
    }

    /// Bytes of a class, repeated `min` or more times (`*` is 0, `+` is 1).
    pub(crate) fn many(self, min: usize, class: impl Fn(u8) -> bool) -> Tail<'t> {
        let mut at = vec![false; self.at.len()];
        for end in (0..self.at.len()).filter(|&p| self.at[p]) {
            let run = self.text[..end]
                .iter()
                .rev()
                .take_while(|&&b| class(b))
                .count();
            if run >= min {
                at[end - run..=end - min].fill(true);
            }
        }
        Tail { at, ..self }
    }

    /// At most one byte of a class (`?`).
    pub(crate) fn maybe(self, class: impl Fn(u8) -> bool) -> Tail<'t> {
        let mut at = self.at.clone();
        for end in (1..self.at.len()).filter(|&p| self.at[p]) {
            if class(self.text[end - 1]) {
                at[end - 1] = true;
            }
        }
        Tail { at, ..self }
    }

    /// White space, `min` or more bytes.
    pub(crate) fn spaces(self, min: usize) -> Tail<'t> {
        self.many(min, is_space)
    }

    /// One of `words`, ASCII case ignored.
    pub(crate) fn words(self, words: &[&str]) -> Tail<'t> {
        self.words_by(words, <[u8]>::eq_ignore_ascii_case)
    }

    /// One of `words`, exactly as written.
    pub(crate) fn exact(self, words: &[&str]) -> Tail<'t> {
        self.words_by(words, |a, b| a == b)
    }

    fn words_by(self, words: &[&str], same: impl Fn(&[u8], &[u8]) -> bool) -> Tail<'t> {
        let mut at = vec![false; self.at.len()];
        for end in (0..self.at.len()).filter(|&p| self.at[p]) {
            for word in words {
                let word = word.as_bytes();
                if let Some(start) = end.checked_sub(word.len())
                    && same(&self.text[start..end], word)
                {
                    at[start] = true;
                }
            }
        }
        Tail { at, ..self }
    }

    /// What `part` reads, or nothing (`?` around a group).
    pub(crate) fn optional(self, part: impl FnOnce(Tail<'t>) -> Tail<'t>) -> Tail<'t> {
        let with = part(self.clone());
        self.union(with)
    }

    /// What any one of `parts` reads (`|`).
    pub(crate) fn either<const N: usize>(
        self,
        parts: [&dyn Fn(Tail<'t>) -> Tail<'t>; N],
    ) -> Tail<'t> {
        let empty = Tail {
            at: vec![false; self.at.len()],
            text: self.text,
        };
        parts
            .iter()
            .fold(empty, |all, part| all.union(part(self.clone())))
    }

    fn union(mut self, other: Tail<'t>) -> Tail<'t> {
        for (a, b) in self.at.iter_mut().zip(other.at) {
            *a |= b;
        }
        self
    }

    /// Keeps the positions at an ASCII word boundary (`\b`).
    pub(crate) fn boundary(mut self) -> Tail<'t> {
        let word = |i: Option<usize>| {
            i.and_then(|i| self.text.get(i))
                .is_some_and(|&b| is_word_byte(b))
        };
        for p in 0..self.at.len() {
            if word(p.checked_sub(1)) == word(Some(p)) {
                self.at[p] = false;
            }
        }
        self
    }

    /// Does what was read match somewhere before the end (no `^`)?
    pub(crate) fn found(&self) -> bool {
        self.at.contains(&true)
    }

    /// Does what was read match the whole text (`^` ... `$`)?
    pub(crate) fn whole(&self) -> bool {
        self.at[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_read_right_to_left() {
        let from = |t: &str| {
            Tail::new(t)
                .spaces(1)
                .words(&["from", "since"])
                .boundary()
                .found()
        };
        assert!(from("starting FROM  "));
        assert!(!from("therefrom "));
        assert!(!from("from"));
        let link = |t: &str| {
            Tail::new(t)
                .spaces(0)
                .either([&|x: Tail| x.words(&["to"]), &|x: Tail| {
                    x.many(1, |b| b == b'-')
                }])
                .spaces(0)
                .maybe(|b| b == b',')
                .whole()
        };
        assert!(link(", to "));
        assert!(link(" -- "));
        assert!(!link("x to"));
        assert!(!link(""));
    }
}
