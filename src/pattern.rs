//! Built-in patterns: compiled in ASCII mode, and without literal prefilters.
//!
//! ASCII mode: `\b`, `\w`, `\s`, `\d` and `(?i)` mean their ASCII forms, and a pattern that
//! needs a Unicode class says so with `(?u:...)`. Measured (regex 1.13): a Unicode word
//! boundary makes the lazy DFA give up at the first non-ASCII character (an em dash, a curly
//! quote) and fall back to a far slower engine: the clock pattern took 45 µs on a 212-byte
//! timeline line with an em dash, and 1.3 µs in ASCII mode. Postmortem times, dates, zones
//! and keywords are ASCII; non-ASCII spaces are made plain in the document's masked text
//! before any pattern sees it.
//!
//! No prefilter: the `regex` crate extracts literals from every pattern to build a
//! prefilter, and for case-insensitive keyword lists that costs two thirds of the compile
//! time (1.2 ms of the timeline's resolution-keyword pattern). Every run compiles every
//! pattern once, and for one file (the pre-commit case) that compile time is most of the
//! run; the inputs here are single blocks, where a prefilter gains little. So [`Pattern`]
//! wraps `regex_automata`'s meta regex with prefilters off, behind the part of `regex`'s API
//! pmlint uses. Few patterns are left: the time tokenizer, titles and the text around times
//! are read by hand-written scanners ([`crate::bytes`], [`crate::tail`]) that cost nothing
//! to build, and the tests keep each pattern they replaced to compare them.
//!
//! No fully built DFA either: the meta regex builds one ahead of time for small patterns,
//! which cost 2.6 M of a one-file run's 25 M instructions, while the lazy DFA it falls back
//! to builds only the states the text visits (per-file model cost unchanged, measured with
//! callgrind on 100 bench files).

use crate::bytes::is_word_byte;
use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::syntax;
use regex_automata::{Input, meta};

/// A built-in pattern: ASCII mode, no prefilter (see the module documentation).
#[derive(Clone, Debug)]
pub(crate) struct Pattern(meta::Regex);

/// A match of a [`Pattern`] or of one of its groups.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

/// The groups of one match.
pub(crate) struct Captures<'h> {
    haystack: &'h str,
    slots: Slots,
}

impl Pattern {
    pub(crate) fn new(pattern: &str) -> Result<Pattern, Box<meta::BuildError>> {
        meta::Regex::builder()
            .syntax(syntax::Config::new().unicode(false).utf8(true))
            .configure(meta::Config::new().auto_prefilter(false).dfa(false))
            .build(pattern)
            .map(Pattern)
            .map_err(Box::new)
    }

    #[cfg(test)]
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        self.0.is_match(haystack)
    }

    pub(crate) fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_at(haystack, 0)
    }

    /// The first match starting at or after `start`; the text before `start` is still
    /// seen by look-arounds such as `\b`.
    pub(crate) fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        let span = self.0.search(&Input::new(haystack).range(start..))?;
        Some(Match {
            haystack,
            start: span.start(),
            end: span.end(),
        })
    }

    #[cfg(test)]
    pub(crate) fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    pub(crate) fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        let mut slots = self.0.create_captures();
        self.0
            .search_captures(&Input::new(haystack).range(start..), &mut slots);
        slots.is_match().then_some(Captures { haystack, slots })
    }

    /// A match that starts exactly at `start` (the text before it is still seen by `\b`).
    /// Only the tests use it now, to compare the hand-written scanners with the patterns
    /// they replaced.
    #[cfg(test)]
    pub(crate) fn captures_anchored_at<'h>(
        &self,
        haystack: &'h str,
        start: usize,
    ) -> Option<Captures<'h>> {
        let mut slots = self.0.create_captures();
        let input = Input::new(haystack)
            .range(start..)
            .anchored(regex_automata::Anchored::Yes);
        self.0.search_captures(&input, &mut slots);
        slots.is_match().then_some(Captures { haystack, slots })
    }

    /// Every non-overlapping match, left to right.
    pub(crate) fn captures_iter<'p, 'h>(
        &'p self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'p, 'h> {
        let mut at = Some(0);
        std::iter::from_fn(move || {
            let caps = self.captures_at(haystack, at?)?;
            let whole = caps.get(0)?;
            // An empty match moves on by one character, as `regex` does.
            at = if whole.is_empty() {
                haystack[whole.end()..]
                    .chars()
                    .next()
                    .map(|c| whole.end() + c.len_utf8())
            } else {
                Some(whole.end())
            };
            Some(caps)
        })
    }
}

impl<'h> Match<'h> {
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

impl<'h> Captures<'h> {
    fn of(&self, span: Option<regex_automata::Span>) -> Option<Match<'h>> {
        span.map(|s| Match {
            haystack: self.haystack,
            start: s.start,
            end: s.end,
        })
    }

    /// Group `index` (0 is the whole match), if it took part.
    pub(crate) fn get(&self, index: usize) -> Option<Match<'h>> {
        self.of(self.slots.get_group(index))
    }

    /// The group called `name`, if it took part (only the scanners' tests use names now).
    #[cfg(test)]
    pub(crate) fn name(&self, name: &str) -> Option<Match<'h>> {
        self.of(self.slots.get_group_by_name(name))
    }
}

impl std::ops::Index<usize> for Captures<'_> {
    type Output = str;

    /// The text of group `index`; panics if it did not take part, as `regex` does.
    fn index(&self, index: usize) -> &str {
        self.get(index)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group {index} in this match"))
    }
}

/// Words and phrases that start at a word start, matched ASCII case-insensitively: a
/// stand-in for a keyword alternation (`(?i)\b(?:outage|down\b|...)`) that costs nothing to
/// build. In a keyword, `#` stands for any digit and a trailing `$` means the word must end
/// there (`\b`).
pub(crate) struct Keywords {
    /// Keywords by lowercase first byte, grouped by their first word.
    by_initial: [Vec<Group>; 128],
    /// By lowercase first byte, a bit per lowercase second letter of the keywords starting
    /// with it (`ANY_SECOND` if one has no letter second): turns most words away unread.
    seconds: [u32; 128],
}

/// In `Keywords::seconds`: a keyword with this initial has no letter second.
const ANY_SECOND: u32 = 1 << 31;

/// Keywords that share a first word ("incident was closed", "incident over"): the word is
/// compared once for all of them.
struct Group {
    /// The first word, with the space after it if the keyword goes on.
    head: &'static [u8],
    /// What follows `head` in each keyword, without its `$`, and whether it had one (must
    /// end a word).
    rests: Vec<(&'static [u8], bool)>,
}

impl Keywords {
    pub(crate) fn new(keywords: &[&'static str]) -> Keywords {
        let mut by_initial: [Vec<Group>; 128] = std::array::from_fn(|_| Vec::new());
        let mut seconds = [0; 128];
        for keyword in keywords {
            let bytes = keyword.as_bytes();
            seconds[usize::from(bytes[0].to_ascii_lowercase() & 0x7f)] |= match bytes.get(1) {
                Some(b) if b.is_ascii_alphabetic() => 1 << (b.to_ascii_lowercase() - b'a'),
                _ => ANY_SECOND,
            };
            let (bytes, whole) = match bytes.strip_suffix(b"$") {
                Some(k) => (k, true),
                None => (bytes, false),
            };
            let head_len = bytes
                .iter()
                .position(|&b| b == b' ')
                .map_or(bytes.len(), |i| i + 1);
            let (head, rest) = bytes.split_at(head_len);
            let groups = &mut by_initial[usize::from(bytes[0].to_ascii_lowercase() & 0x7f)];
            match groups.iter_mut().find(|g| g.head == head) {
                Some(group) => group.rests.push((rest, whole)),
                None => groups.push(Group {
                    head,
                    rests: vec![(rest, whole)],
                }),
            }
        }
        Keywords {
            by_initial,
            seconds,
        }
    }

    /// Does any keyword occur in `text`?
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if !is_word_byte(b) {
                i += 1;
                continue;
            }
            // `i` starts a word. Its second byte must be one a keyword has there.
            let initial = usize::from(b.to_ascii_lowercase() & 0x7f);
            let seconds = self.seconds[initial];
            let second_fits = seconds & ANY_SECOND != 0
                || bytes.get(i + 1).is_some_and(|&c| {
                    c.is_ascii_alphabetic() && seconds & (1 << (c.to_ascii_lowercase() - b'a')) != 0
                });
            let found = second_fits
                && self.by_initial[initial]
                    .iter()
                    .filter(|group| keyword_at(bytes, i, group.head))
                    .any(|group| {
                        let at = i + group.head.len();
                        group.rests.iter().any(|&(rest, whole)| {
                            keyword_at(bytes, at, rest)
                                && !(whole
                                    && bytes.get(at + rest.len()).is_some_and(|&b| is_word_byte(b)))
                        })
                    });
            if found {
                return true;
            }
            while bytes.get(i).is_some_and(|&b| is_word_byte(b)) {
                i += 1;
            }
        }
        false
    }
}

/// Is `keyword` (`#` for a digit, other bytes in any ASCII case) at `i` of `bytes`?
fn keyword_at(bytes: &[u8], i: usize, keyword: &[u8]) -> bool {
    bytes.get(i..i + keyword.len()).is_some_and(|found| {
        found.iter().zip(keyword).all(|(b, k)| match k {
            b'#' => b.is_ascii_digit(),
            k => b.eq_ignore_ascii_case(k),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_start_at_words_and_may_need_to_end_there() {
        let k = Keywords::new(&["down$", "crash", "5##$", "back up$", "could n't"]);
        assert!(k.is_match("The API went DOWN."));
        assert!(!k.is_match("a downgrade")); // must end
        assert!(!k.is_match("slowdown")); // must start
        assert!(k.is_match("crashed twice")); // a prefix is enough
        assert!(k.is_match("HTTP 503 from the edge"));
        assert!(!k.is_match("HTTP 5030") && !k.is_match("HTTP 5xx"));
        assert!(k.is_match("service back up") && !k.is_match("back upstream"));
        assert!(k.is_match("we could n't log in") && !k.is_match("could not"));
        assert!(k.is_match("é crash") && !k.is_match(""));
    }

    /// Keywords as they were matched before grouping by first word: each on its own.
    fn flat_is_match(keywords: &[&str], text: &str) -> bool {
        let bytes = text.as_bytes();
        (0..bytes.len())
            .filter(|&i| is_word_byte(bytes[i]) && (i == 0 || !is_word_byte(bytes[i - 1])))
            .any(|i| {
                keywords.iter().any(|keyword| {
                    let (keyword, whole) = match keyword.strip_suffix('$') {
                        Some(k) => (k.as_bytes(), true),
                        None => (keyword.as_bytes(), false),
                    };
                    keyword_at(bytes, i, keyword)
                        && !(whole
                            && bytes
                                .get(i + keyword.len())
                                .is_some_and(|&b| is_word_byte(b)))
                })
            })
    }

    const GROUPED: [&str; 11] = [
        "incident over",
        "incident was closed",
        "incident closed$",
        "issue fixed",
        "in$",
        "down$",
        "downtime",
        "5##$",
        "back up$",
        "back online",
        "could n't",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn grouped_keywords_match_as_flat_ones(
            text in r"((incident|INCIDENT|issue|in|inc|was|closed|closedown|over|fixed|down|downtime|5[0-9]{0,3}|back|up|upstream|online|could|n't|x|_)( |  |\.|-|,|)){0,12}"
        ) {
            let keywords = Keywords::new(&GROUPED);
            proptest::prop_assert_eq!(keywords.is_match(&text), flat_is_match(&GROUPED, &text), "{:?}", text);
        }
    }

    #[test]
    fn matches_like_regex_in_ascii_mode() {
        let p = Pattern::new(r"(?i)\b(?P<h>\d{1,2}):(?P<m>\d{2})\s?(?P<ap>pm)?").unwrap();
        let text = "at 2:30 PM — then 14:05";
        let caps = p.captures(text).unwrap();
        assert_eq!(caps.get(0).unwrap().as_str(), "2:30 PM");
        assert_eq!(&caps[1], "2");
        let ap = caps.name("ap").unwrap();
        assert_eq!((ap.start(), ap.end()), (8, 10));
        let next = p.captures_at(text, caps.get(0).unwrap().end()).unwrap();
        assert_eq!(next.name("h").unwrap().as_str(), "14");
        assert!(next.name("ap").is_none());
        // The text before the start is seen by \b: "x14:05" has no boundary before "14".
        assert!(p.find_at("x14:05", 1).is_none());
        assert!(p.captures_anchored_at(text, 2).is_none());
        let anchored = p.captures_anchored_at(text, 3).unwrap();
        assert_eq!(anchored.get(0).unwrap().as_str(), &text[3..10]);
        let all: Vec<_> = p
            .captures_iter(text)
            .map(|c| c.get(0).unwrap().as_str())
            .collect();
        assert_eq!(all, ["2:30 PM", "14:05"]);
        // An empty-matching pattern steps over multi-byte characters.
        let empty = Pattern::new(r"x?").unwrap();
        assert_eq!(empty.captures_iter("é").count(), 2);
    }

    #[test]
    fn unicode_only_where_asked() {
        assert!(Pattern::new(r"[^a]").is_err(), "could match invalid UTF-8");
        assert!(Pattern::new(r"(?u:[^a])").is_ok());
        assert!(!Pattern::new(r"\d").unwrap().is_match("٣"));
    }
}
