//! Byte-level reading for the hand-written scanners (times, titles, heading lines, text
//! tails), with the meanings patterns give in
//! ASCII mode: a word byte is `[0-9A-Za-z_]`, white space is `[\t\n\x0B\x0C\r ]`, and a
//! word boundary is judged on bytes (a non-ASCII character is never a word character).

#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// `[0-9A-Za-z_]` as a table: one load where the scanners ask it of every byte.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// An ASCII word boundary before `s`, which holds a word byte.
pub(crate) fn word_boundary_before(b: &[u8], s: usize) -> bool {
    s == 0 || !is_word_byte(b[s - 1])
}

/// An ASCII word boundary after `e`, which follows a word byte.
pub(crate) fn word_boundary_after(b: &[u8], e: usize) -> bool {
    b.get(e).is_none_or(|&c| !is_word_byte(c))
}

/// How many ASCII digits start at `i`, at most `max`.
pub(crate) fn digits(b: &[u8], i: usize, max: usize) -> usize {
    b.get(i..).map_or(0, |rest| {
        rest.iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count()
    })
}

/// How many ASCII white-space bytes start at `i`.
pub(crate) fn spaces(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| is_space(c)).count())
}

pub(crate) fn byte_in(b: &[u8], i: usize, set: &[u8]) -> bool {
    b.get(i).is_some_and(|c| set.contains(c))
}

/// `word` in any ASCII case at `i`; its end.
pub(crate) fn ci_at(b: &[u8], i: usize, word: &str) -> Option<usize> {
    let end = i + word.len();
    b.get(i..end)?
        .eq_ignore_ascii_case(word.as_bytes())
        .then_some(end)
}

/// `word` in any ASCII case at `i`, ending a word; its end.
pub(crate) fn ci_word_at(b: &[u8], i: usize, word: &str) -> Option<usize> {
    ci_at(b, i, word).filter(|&end| word_boundary_after(b, end))
}

/// ASCII white space as patterns read `\s` in ASCII mode (vertical tab included).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}
