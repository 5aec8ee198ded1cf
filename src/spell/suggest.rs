//! Words one or two edits away, found by walking the `fst` with an edit-distance automaton.
//!
//! The distance is optimal string alignment (Damerau–Levenshtein without re-editing a
//! transposed pair), over bytes: a swap of two neighbouring letters counts as one edit, as
//! typists make it. Walking the fst prunes every branch that is already too far, so a
//! search visits a few thousand nodes rather than every word; and where no edit is left to
//! spare, it follows only the few bytes of the query that can still match.

use fst::raw::{Fst, Node, Output, Transition};
use rustc_hash::FxHashMap;

/// Longest word (in bytes) we search suggestions for; longer words get none.
pub const MAX_LEN: usize = 40;
/// Most edits a search allows.
const MAX_EDITS: usize = 2;
/// Cells of a table row the automaton keeps: those within `MAX_EDITS` of the diagonal. A
/// cell further off is more than `MAX_EDITS` edits (it takes that many insertions or
/// deletions alone), so every row fits a few bytes and a step costs a few operations.
const BAND: usize = 2 * MAX_EDITS + 1;

/// Accepts keys within `max` edits of `query`.
#[derive(Clone, Copy)]
pub struct Damerau<'q> {
    query: &'q [u8],
    max: u8,
}

impl<'q> Damerau<'q> {
    /// `None` if the query is too long to search or `max` is over two edits.
    pub fn new(query: &'q [u8], max: u8) -> Option<Self> {
        (query.len() <= MAX_LEN && usize::from(max) <= MAX_EDITS).then_some(Damerau { query, max })
    }

    /// The query column of band cell `k` in row `depth`, if the table has that column.
    fn column(&self, depth: usize, k: usize) -> Option<usize> {
        (depth + k)
            .checked_sub(MAX_EDITS)
            .filter(|&j| j <= self.query.len())
    }
}

/// Row `depth` of the distance table between the key read so far and the query, as the
/// band of cells around the diagonal: cell `k` is column `depth + k - MAX_EDITS`. Distances
/// are capped at `max + 1`, which cells outside the table hold too.
#[derive(Clone, Copy)]
pub struct State {
    depth: usize,
    row: [u8; BAND],
    /// The row before `row`, for transpositions; unused until two bytes were read.
    prev: [u8; BAND],
    last: Option<u8>,
}

impl Damerau<'_> {
    fn start(&self) -> State {
        let cap = self.max + 1;
        let mut row = [cap; BAND];
        for (k, cell) in row.iter_mut().enumerate() {
            if let Some(j) = self.column(0, k) {
                *cell = u8::try_from(j).unwrap_or(cap).min(cap);
            }
        }
        State {
            depth: 0,
            row,
            prev: [cap; BAND],
            last: None,
        }
    }

    fn is_match(&self, state: &State) -> bool {
        (self.query.len() + MAX_EDITS)
            .checked_sub(state.depth)
            .and_then(|k| state.row.get(k))
            .is_some_and(|&d| d <= self.max)
    }

    fn can_match(&self, state: &State) -> bool {
        state.row.iter().any(|&d| d <= self.max)
    }

    /// Whether `key` is within `max` edits, read byte by byte until it cannot be.
    fn matches(&self, key: &[u8]) -> bool {
        let mut state = self.start();
        for &byte in key {
            state = self.accept(&state, byte);
            if !self.can_match(&state) {
                return false;
            }
        }
        self.is_match(&state)
    }

    /// Whether a wrong byte next could still match: some cell is under `max`.
    fn has_slack(&self, state: &State) -> bool {
        state.row.iter().any(|&d| d < self.max)
    }

    /// The bytes that can follow `state` and still match when it has no slack: each cell
    /// of the next row then needs a byte of the query at most one column before it (a
    /// matching substitution) or two (the second byte of a transposition). Any other byte
    /// leaves every cell over `max`.
    fn next_bytes(&self, state: &State) -> impl Iterator<Item = u8> {
        let from = state.depth.saturating_sub(MAX_EDITS + 1);
        let to = (state.depth + MAX_EDITS + 1).min(self.query.len());
        let window = self.query.get(from..to).unwrap_or_default();
        window
            .iter()
            .enumerate()
            // A plain loop: `contains` calls `memchr`, which costs more than these few bytes.
            .filter(move |&(i, b)| !window[..i].iter().any(|c| c == b))
            .map(|(_, &b)| b)
    }

    fn accept(&self, state: &State, byte: u8) -> State {
        let q = self.query;
        let cap = self.max + 1;
        let depth = state.depth + 1;
        // In band terms, for the cell at column j of the new row: the previous row holds
        // column j - 1 at the same k and column j at k + 1; the row before it holds
        // column j - 2 at the same k.
        let mut row = [cap; BAND];
        for k in 0..BAND {
            let Some(j) = self.column(depth, k) else {
                continue;
            };
            let up = state.row.get(k + 1).map_or(cap, |&d| d + 1);
            let mut best = up;
            if j > 0 {
                best = best
                    .min(state.row[k] + u8::from(q[j - 1] != byte))
                    .min(k.checked_sub(1).map_or(cap, |left| row[left] + 1));
                if j > 1 && state.last == Some(q[j - 1]) && q[j - 2] == byte {
                    best = best.min(state.prev[k] + 1);
                }
            }
            row[k] = best.min(cap);
        }
        State {
            depth,
            row,
            prev: state.row,
            last: Some(byte),
        }
    }
}

/// The distance the automaton uses, for ranking what it found.
pub fn distance(a: &[u8], b: &[u8]) -> usize {
    let width = b.len() + 1;
    // Rows i - 2, i - 1 and i of the table take turns in three slots; on the stack for
    // the word lengths suggestions deal with.
    let mut small = [0usize; 3 * (MAX_LEN + 1)];
    let mut large = Vec::new();
    let cells = match small.get_mut(..3 * width) {
        Some(cells) => cells,
        None => {
            large.resize(3 * width, 0);
            &mut large[..]
        }
    };
    let slot = |i: usize| (i % 3) * width;
    for (j, cell) in cells[..width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (row, up) = (slot(i), slot(i - 1));
        cells[row] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (cells[up + j] + 1)
                .min(cells[row + j - 1] + 1)
                .min(cells[up + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(cells[slot(i - 2) + j - 2] + 1);
            }
            cells[row + j] = best;
        }
    }
    cells[slot(a.len()) + b.len()]
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
    let Some(automaton) = Damerau::new(query.as_bytes(), max) else {
        return;
    };
    let fst = map.as_fst();
    let mut walk = Walk {
        automaton,
        fst,
        key: Vec::new(),
        out,
    };
    walk.from(fst.root(), automaton.start(), Output::zero());
}

/// A depth-first walk of the fst, with the key that leads to where it is.
struct Walk<'a, D> {
    automaton: Damerau<'a>,
    fst: &'a Fst<D>,
    key: Vec<u8>,
    out: &'a mut Vec<Candidate>,
}

impl<D: AsRef<[u8]>> Walk<'_, D> {
    /// Collects the matches at and under `node`, reached in `state` with `output`.
    fn from(&mut self, node: Node<'_>, state: State, output: Output) {
        let automaton = self.automaton;
        if node.is_final()
            && automaton.is_match(&state)
            && let Ok(word) = std::str::from_utf8(&self.key)
        {
            self.out.push(Candidate {
                word: word.to_owned(),
                distance: distance(automaton.query, &self.key),
                level: output.cat(node.final_output()).value(),
            });
        }
        if automaton.has_slack(&state) {
            for transition in node.transitions() {
                self.follow(transition, &state, output);
            }
        } else {
            for byte in automaton.next_bytes(&state) {
                if let Some(i) = node.find_input(byte) {
                    self.follow(node.transition(i), &state, output);
                }
            }
        }
    }

    fn follow(&mut self, transition: Transition, state: &State, output: Output) {
        let next = self.automaton.accept(state, transition.inp);
        if self.automaton.can_match(&next) {
            let fst = self.fst;
            self.key.push(transition.inp);
            self.from(fst.node(transition.addr), next, output.cat(transition.out));
            self.key.pop();
        }
    }
}

/// Every word of a small map within `max` edits of `query` (a linear scan: the lists the
/// config and vocabulary give are a few hundred words).
pub fn search_list(words: &FxHashMap<String, u64>, query: &str, max: u8, out: &mut Vec<Candidate>) {
    let automaton = Damerau::new(query.as_bytes(), max);
    for (word, &level) in words {
        if word.len().abs_diff(query.len()) > usize::from(max) {
            continue;
        }
        let near = match &automaton {
            Some(automaton) => automaton.matches(word.as_bytes()),
            None => distance(query.as_bytes(), word.as_bytes()) <= usize::from(max),
        };
        if near {
            out.push(Candidate {
                word: word.clone(),
                distance: distance(query.as_bytes(), word.as_bytes()),
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
    fn distance_of_long_words() {
        let long = "a".repeat(60);
        assert_eq!(distance(long.as_bytes(), &long.as_bytes()[..50]), 10);
        let swapped = format!("{}ba{}", "a".repeat(30), "c".repeat(30));
        let written = format!("{}ab{}", "a".repeat(30), "c".repeat(30));
        assert_eq!(distance(swapped.as_bytes(), written.as_bytes()), 1);
    }

    proptest::proptest! {
        /// The walk and the list scan find exactly the words a scan with `distance` finds.
        /// Over a three-letter alphabet words are near each other often, so the pruning and
        /// the no-slack shortcut are both exercised.
        #[test]
        fn searches_agree_with_distance(
            words in proptest::collection::btree_set("[abc]{0,7}", 0..60),
            query in "[abc]{0,8}",
            max in 1u8..=2,
        ) {
            let levels = || words.iter().zip(0u64..);
            let expected: Vec<(String, usize, u64)> = levels()
                .map(|(w, level)| (w.clone(), distance(query.as_bytes(), w.as_bytes()), level))
                .filter(|&(_, d, _)| d <= usize::from(max))
                .collect();
            let sorted = |found: Vec<Candidate>| {
                let mut found: Vec<_> =
                    found.into_iter().map(|c| (c.word, c.distance, c.level)).collect();
                found.sort();
                found
            };
            let map = fst::Map::from_iter(levels().map(|(w, level)| (w.as_str(), level))).unwrap();
            let mut walked = Vec::new();
            search(&map, &query, max, &mut walked);
            proptest::prop_assert_eq!(sorted(walked), expected.clone());
            let list: FxHashMap<String, u64> = levels().map(|(w, l)| (w.clone(), l)).collect();
            let mut scanned = Vec::new();
            search_list(&list, &query, max, &mut scanned);
            proptest::prop_assert_eq!(sorted(scanned), expected);
        }
    }

    #[test]
    fn too_long_query_finds_nothing() {
        let long = "a".repeat(MAX_LEN + 1);
        assert!(found(&[long.as_str()], &long, 2).is_empty());
    }
}
