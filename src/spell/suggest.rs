//! Words one or two edits away, found by walking the `fst` with an edit-distance automaton.
//!
//! The distance is optimal string alignment (Damerau–Levenshtein without re-editing a
//! transposed pair), over bytes: a swap of two neighbouring letters counts as one edit, as
//! typists make it. Walking the fst prunes every branch that is already too far, so a
//! search visits a few thousand nodes rather than every word.

use std::collections::HashMap;

use fst::Automaton;

/// Longest word (in bytes) we search suggestions for; longer words get none. It keeps the
/// automaton state a fixed-size value with no allocation per step.
pub const MAX_LEN: usize = 40;
const ROW: usize = MAX_LEN + 1;

/// Accepts keys within `max` edits of `query`.
pub struct Damerau<'q> {
    query: &'q [u8],
    max: u8,
}

impl<'q> Damerau<'q> {
    /// `None` if the query is too long to search.
    pub fn new(query: &'q [u8], max: u8) -> Option<Self> {
        (query.len() <= MAX_LEN).then_some(Damerau { query, max })
    }
}

#[derive(Clone, Copy)]
pub struct State {
    /// The row before `row`, for transpositions; unused until two bytes were read.
    prev: [u8; ROW],
    row: [u8; ROW],
    last: Option<u8>,
}

impl Automaton for Damerau<'_> {
    type State = State;

    fn start(&self) -> State {
        let mut row = [u8::MAX; ROW];
        for (j, cell) in row.iter_mut().enumerate().take(self.query.len() + 1) {
            *cell = (j as u8).min(self.max + 1);
        }
        State {
            prev: [u8::MAX; ROW],
            row,
            last: None,
        }
    }

    fn is_match(&self, state: &State) -> bool {
        state.row[self.query.len()] <= self.max
    }

    fn can_match(&self, state: &State) -> bool {
        state.row[..=self.query.len()]
            .iter()
            .any(|&d| d <= self.max)
    }

    fn accept(&self, state: &State, byte: u8) -> State {
        let q = self.query;
        let cap = self.max + 1;
        let mut row = [u8::MAX; ROW];
        row[0] = state.row[0].saturating_add(1).min(cap);
        for j in 1..=q.len() {
            let substitute = state.row[j - 1].saturating_add(u8::from(q[j - 1] != byte));
            let mut best = substitute
                .min(state.row[j].saturating_add(1))
                .min(row[j - 1].saturating_add(1));
            if j > 1 && state.last == Some(q[j - 1]) && q[j - 2] == byte {
                best = best.min(state.prev[j - 2].saturating_add(1));
            }
            row[j] = best.min(cap);
        }
        State {
            prev: state.row,
            row,
            last: Some(byte),
        }
    }
}

/// The distance the automaton uses, for ranking what it found.
pub fn distance(a: &[u8], b: &[u8]) -> usize {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

/// A candidate correction with what ranks it.
pub struct Candidate {
    pub word: String,
    pub distance: usize,
    /// SCOWL size level, lower is more common.
    pub level: u64,
}

/// Every key of `map` within `max` edits of `query`, with its value as the level.
pub fn search<D: AsRef<[u8]>>(map: &fst::Map<D>, query: &str, max: u8, out: &mut Vec<Candidate>) {
    use fst::{IntoStreamer, Streamer};
    let Some(automaton) = Damerau::new(query.as_bytes(), max) else {
        return;
    };
    let mut stream = map.search(automaton).into_stream();
    while let Some((key, level)) = stream.next() {
        if let Ok(word) = std::str::from_utf8(key) {
            out.push(Candidate {
                word: word.to_owned(),
                distance: distance(query.as_bytes(), key),
                level,
            });
        }
    }
}

/// Every word of a small map within `max` edits of `query` (a linear scan: the lists the
/// config and vocabulary give are a few hundred words).
pub fn search_list(words: &HashMap<String, u64>, query: &str, max: u8, out: &mut Vec<Candidate>) {
    let max = usize::from(max);
    for (word, &level) in words {
        if word.len().abs_diff(query.len()) > max {
            continue;
        }
        let distance = distance(query.as_bytes(), word.as_bytes());
        if distance <= max {
            out.push(Candidate {
                word: word.clone(),
                distance,
                level,
            });
        }
    }
}

/// Orders candidates best first: fewer edits, then same first letter, then more common,
/// then closer in length, then alphabetically (so the order is stable). Duplicates go.
pub fn rank(query: &str, candidates: &mut Vec<Candidate>) {
    let first = query.chars().next();
    candidates.sort_by(|a, b| {
        let key = |c: &Candidate| {
            (
                c.distance,
                c.word.chars().next() != first,
                c.level,
                c.word.len().abs_diff(query.len()),
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.word.cmp(&b.word))
    });
    candidates.dedup_by(|a, b| a.word == b.word);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(words: &[&str], query: &str, max: u8) -> Vec<String> {
        let mut sorted: Vec<&str> = words.to_vec();
        sorted.sort_unstable();
        let map = fst::Map::from_iter(sorted.into_iter().map(|w| (w, 50u64))).unwrap();
        let mut out = Vec::new();
        search(&map, query, max, &mut out);
        rank(query, &mut out);
        out.into_iter().map(|c| c.word).collect()
    }

    #[test]
    fn distance_counts_a_swap_as_one_edit() {
        assert_eq!(distance(b"resatrt", b"restart"), 1);
        assert_eq!(distance(b"roolback", b"rollback"), 1);
        assert_eq!(distance(b"becan", b"began"), 1);
        assert_eq!(distance(b"abc", b"abc"), 0);
        assert_eq!(distance(b"", b"abc"), 3);
        assert_eq!(distance(b"kitten", b"sitting"), 3);
    }

    #[test]
    fn automaton_agrees_with_distance() {
        let words = [
            "restart", "rollback", "roll", "began", "bean", "start", "sitting", "a",
        ];
        assert_eq!(found(&words, "resatrt", 1), ["restart"]);
        assert_eq!(found(&words, "roolback", 2), ["rollback"]);
        assert_eq!(found(&words, "becan", 1), ["began", "bean"]);
        assert!(found(&words, "kitten", 2).is_empty());
        assert_eq!(found(&words, "", 1), ["a"]);
    }

    #[test]
    fn too_long_query_finds_nothing() {
        let long = "a".repeat(MAX_LEN + 1);
        assert!(found(&[long.as_str()], &long, 2).is_empty());
    }
}
