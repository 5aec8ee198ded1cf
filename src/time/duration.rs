//! Durations as written ("1 hour and 5 minutes", "1h05m", "half an hour") and as shown back.

use std::ops::Range;

use jiff::SignedDuration;

use super::DurationMention;
use super::text::{accepted, previous_word, tail_before, word_starts_at};
use crate::bytes::{
    byte_in, ci_at, ci_word_at, digits, is_space, is_word_byte, spaces, word_boundary_after,
};

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("a", 1),
    ("an", 1),
];

/// Tens that a unit may follow with a hyphen or a space ("twenty-five").
const TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ONES: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
/// Number words other than the tens, in the order they are tried.
const OTHER_NUMBERS: &[&str] = &[
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "an",
    "a",
];
/// For each word length, the initials of "half" and the number words of that length (bit
/// 0 for `a`): most words are turned away by one look at this table.
const PART_WORD_INITIALS: [u32; 10] = {
    let mut table = [0; 10];
    let lists: [&[&str]; 3] = [&["half"], TENS, OTHER_NUMBERS];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let word = lists[l][i].as_bytes();
            table[word.len()] |= 1 << (word[0] - b'a');
            i += 1;
        }
        l += 1;
    }
    table
};
/// Unit words, each also taken with a plural `s`, in the order they are tried. A lone `h`
/// after a spaced number is hours ("2 h 48 min"); a lone `m` or `d` is not taken, since
/// "5 m" is as often metres or millions.
const UNITS: &[&str] = &[
    "week", "wk", "day", "hour", "hr", "minute", "min", "second", "sec", "h",
];
/// Words before a duration that make it approximate; two-word ones may have any white
/// space between their words.
const APPROXIMATIONS: &[&[&str]] = &[
    &["about"],
    &["approximately"],
    &["approx."],
    &["approx"],
    &["around"],
    &["roughly"],
    &["nearly"],
    &["almost"],
    &["circa"],
    &["some"],
    &["over"],
    &["under"],
    &["more", "than"],
    &["less", "than"],
    &["close", "to"],
    &["up", "to"],
];

/// One "quantity unit" part as written: "5 minutes", "twenty-five min", "2+ hours",
/// "one and a half hours", "half an hour", "1h05m".
#[derive(Clone, Debug, PartialEq)]
struct Component {
    span: Range<usize>,
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// "half an hour", "half a day", "half minute".
    Half { unit: Range<usize> },
    /// A quantity in digits or words and a unit word; `plus` for "2+ hours", `halves` for
    /// "and a half" before or after the unit.
    Quantity {
        quantity: Range<usize>,
        plus: bool,
        halves: bool,
        unit: Range<usize>,
    },
    /// Digits and single-letter units touching: "1h05m", "2d", "90s". Single-letter units
    /// only touch digits, since "5 m" and "3 s" in prose are rarely durations.
    Compact,
}

/// The part written at exactly `s`, if any: "half ...", then a quantity and unit, then the
/// compact form. Hand-written (the pattern it replaces cost 0.43 ms to compile on every
/// run): each choice point is tried in the order the pattern's backtracking tried it, and
/// the tests compare the two at every position.
fn component_at(b: &[u8], s: usize) -> Option<Component> {
    half_at(b, s)
        .or_else(|| quantity_at(b, s))
        .or_else(|| compact_at(b, s))
}

/// At least one white-space byte at `i`; where they end.
fn some_spaces(b: &[u8], i: usize) -> Option<usize> {
    let n = spaces(b, i);
    (n > 0).then_some(i + n)
}

fn half_at(b: &[u8], s: usize) -> Option<Component> {
    let after_half = some_spaces(b, ci_at(b, s, "half")?)?;
    let article = ci_at(b, after_half, "a").and_then(|a| {
        let with_n = ci_at(b, a, "n").and_then(|n| some_spaces(b, n));
        with_n.or_else(|| some_spaces(b, a))
    });
    [article, Some(after_half)]
        .into_iter()
        .flatten()
        .find_map(|unit_start| {
            let end = ["hour", "day", "minute"]
                .iter()
                .find_map(|w| ci_word_at(b, unit_start, w))?;
            Some(Component {
                span: s..end,
                kind: Kind::Half {
                    unit: unit_start..end,
                },
            })
        })
}

/// Tries `rest` at each place the quantity at `s` may end, in the order the pattern tries
/// them: digits (longest first, each with its decimals first), or a number word
/// ("twenty-five" before "twenty"); the first answer wins.
fn at_quantity_ends<T>(b: &[u8], s: usize, mut rest: impl FnMut(usize) -> Option<T>) -> Option<T> {
    let n = digits(b, s, 6);
    if n > 0 {
        for whole in (1..=n).rev() {
            let point = s + whole;
            if b.get(point) == Some(&b'.') {
                let decimals = digits(b, point + 1, 3);
                if let Some(found) = (1..=decimals).rev().find_map(|d| rest(point + 1 + d)) {
                    return Some(found);
                }
            }
            if let Some(found) = rest(point) {
                return Some(found);
            }
        }
        return None;
    }
    if let Some(end) = TENS.iter().find_map(|tens| ci_at(b, s, tens)) {
        let joined = byte_in(b, end, b"-") || b.get(end).is_some_and(|&c| is_space(c));
        let with_ones = joined
            .then(|| ONES.iter().find_map(|one| ci_word_at(b, end + 1, one)))
            .flatten();
        let alone = word_boundary_after(b, end).then_some(end);
        return [with_ones, alone].into_iter().flatten().find_map(rest);
    }
    OTHER_NUMBERS
        .iter()
        .find_map(|w| ci_word_at(b, s, w))
        .and_then(rest)
}

/// " and a half" at `i`, in any ASCII case and with any white space between the words.
fn and_a_half_at(b: &[u8], i: usize) -> Option<usize> {
    let mut at = i;
    for word in ["and", "a", "half"] {
        at = ci_at(b, some_spaces(b, at)?, word)?;
    }
    Some(at)
}

/// A unit word at `i` ("hours", "min"), ending a word; its end.
fn unit_at(b: &[u8], i: usize) -> Option<usize> {
    if !matches!(b.get(i)? | 0x20, b'w' | b'd' | b'h' | b'm' | b's') {
        return None;
    }
    UNITS.iter().find_map(|unit| {
        let end = ci_at(b, i, unit)?;
        let plural = ci_word_at(b, end, "s");
        plural.or_else(|| word_boundary_after(b, end).then_some(end))
    })
}

fn quantity_at(b: &[u8], s: usize) -> Option<Component> {
    at_quantity_ends(b, s, |q_end| {
        let plus = b.get(q_end) == Some(&b'+');
        let after_plus = [plus.then_some(q_end + 1), Some(q_end)];
        after_plus.into_iter().flatten().find_map(|p| {
            let h1 = and_a_half_at(b, p);
            [h1, Some(p)].into_iter().flatten().find_map(|x| {
                let mut y = x + spaces(b, x);
                y += usize::from(b.get(y) == Some(&b'-'));
                y += spaces(b, y);
                let unit_end = unit_at(b, y)?;
                let h2 = and_a_half_at(b, unit_end).filter(|&e| word_boundary_after(b, e));
                Some(Component {
                    span: s..h2.unwrap_or(unit_end),
                    kind: Kind::Quantity {
                        quantity: s..q_end,
                        plus: p > q_end,
                        halves: x > p || h2.is_some(),
                        unit: y..unit_end,
                    },
                })
            })
        })
    })
}

fn compact_at(b: &[u8], s: usize) -> Option<Component> {
    let n = digits(b, s, 4);
    if n == 0 || !byte_in(b, s + n, b"dhms") {
        return None;
    }
    let mut end = s + n + 1;
    loop {
        let m = digits(b, end, 4);
        if m == 0 || !byte_in(b, end + m, b"hms") {
            break;
        }
        end += m + 1;
    }
    word_boundary_after(b, end).then_some(Component {
        span: s..end,
        kind: Kind::Compact,
    })
}

/// The first part starting a word at or after `from`. A part inside a word ("5xx",
/// "k8s") is never a duration, so such positions are not tried; nor are words other than
/// "half" and the number words, the only ones a part can start with.
fn next_component_from(text: &str, from: usize) -> Option<(usize, Component)> {
    let b = text.as_bytes();
    let mut s = from;
    while s < b.len() {
        if !is_word_byte(b[s]) {
            s += 1;
            continue;
        }
        // Inside a run of ASCII word bytes only the first can start a word.
        let run = b[s..].iter().take_while(|&&c| is_word_byte(c)).count();
        let starts_word = || match s.checked_sub(1).map(|p| b[p]) {
            None => true,
            Some(prev) if prev.is_ascii() => !is_word_byte(prev),
            Some(_) => word_starts_at(text, s),
        };
        if (b[s].is_ascii_digit() || may_start_part(b, s, run))
            && starts_word()
            && let Some(found) = component_at(b, s)
        {
            return Some((s, found));
        }
        s += run;
    }
    None
}

/// Is the word at `s` "half" or a number word ("twenty" also before "-five")?
/// `len` is the length of the word.
fn may_start_part(b: &[u8], s: usize, len: usize) -> bool {
    let letter = (b[s] | 0x20).wrapping_sub(b'a');
    if len >= PART_WORD_INITIALS.len()
        || letter >= 26
        || PART_WORD_INITIALS[len] & (1 << letter) == 0
    {
        return false;
    }
    let mut word = [0; 9];
    word[..len].copy_from_slice(&b[s..s + len]);
    word.make_ascii_lowercase();
    let word = &word[..len];
    word == b"half"
        || TENS.iter().any(|w| w.as_bytes() == word)
        || OTHER_NUMBERS.iter().any(|w| w.as_bytes() == word)
}

/// The length of the approximation word that ends `tail` with white space after it
/// ("about ", "more than ", "approx. "), or of a `~` or `≈` (white space optional).
fn approximation_before(tail: &str) -> Option<usize> {
    let b = tail.as_bytes();
    let trimmed = tail.trim_end_matches(|c: char| c.is_ascii() && is_space(c as u8));
    if let Some(sign) = ['~', '≈'].into_iter().find(|&c| trimmed.ends_with(c)) {
        return Some(tail.len() - (trimmed.len() - sign.len_utf8()));
    }
    if trimmed.len() == tail.len() {
        return None;
    }
    let t = trimmed.as_bytes();
    let ends_with = |end: usize, word: &str| {
        end >= word.len() && t[end - word.len()..end].eq_ignore_ascii_case(word.as_bytes())
    };
    APPROXIMATIONS
        .iter()
        .filter_map(|words| {
            let mut end = t.len();
            for (i, word) in words.iter().rev().enumerate() {
                if i > 0 {
                    let gap = t[..end].iter().rev().take_while(|&&c| is_space(c)).count();
                    if gap == 0 {
                        return None;
                    }
                    end -= gap;
                }
                if !ends_with(end, word) {
                    return None;
                }
                end -= word.len();
            }
            (end == 0 || !is_word_byte(b[end - 1])).then_some(end)
        })
        .min()
        .map(|start| tail.len() - start)
}

/// Words after which "a day" or "an hour" is a rate, not a duration: "twice a day".
const RATE_WORDS: &[&str] = &["once", "twice", "thrice", "times", "per", "every", "each"];

/// A single quantity with its unit, in seconds, and its unit's rank (for "1 hour 5 minutes"
/// the second part must be a smaller unit than the first).
struct Part {
    end: usize,
    seconds: f64,
    rank: u8,
    approximate: bool,
}

pub(crate) fn find_durations(text: &str) -> Vec<DurationMention> {
    if !may_hold_duration(text) {
        return Vec::new();
    }
    accepted(
        text,
        |pos| next_component_from(text, pos),
        |found| {
            let start = found.span.start;
            if !word_starts_at(text, start) || preceded_by_decimal(text, start) {
                return None;
            }
            if RATE_WORDS.contains(&previous_word(text, start).to_lowercase().as_str()) {
                return None;
            }
            let first = part(text, found)?;
            let mention = extend(text, start, first)?;
            let end = mention.span.end;
            Some((mention, end))
        },
    )
}

/// A cheap test that rules out most prose: every duration has a digit or a unit word (weeks,
/// wks, days, hours, hrs, minutes, mins, seconds, secs; "half an hour").
fn may_hold_duration(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        let rest = &bytes[i..];
        let starts = |unit: &[u8]| {
            rest.get(..unit.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(unit))
        };
        match b.to_ascii_lowercase() {
            b'0'..=b'9' => true,
            b'w' => starts(b"wk") || starts(b"week"),
            b'd' => starts(b"day"),
            b'h' => starts(b"hour") || starts(b"hr"),
            b'm' => starts(b"min"),
            b's' => starts(b"sec"),
            _ => false,
        }
    })
}

fn preceded_by_decimal(text: &str, start: usize) -> bool {
    tail_before(text, start, 1) == "."
}

/// Adds smaller parts ("and 5 minutes") and an approximation word before the first.
fn extend(text: &str, start: usize, first: Part) -> Option<DurationMention> {
    let mut seconds = first.seconds;
    let mut end = first.end;
    let mut rank = first.rank;
    let mut approximate = first.approximate;
    while let Some(found) = next_component(text, end) {
        let Some(next) = part(text, &found).filter(|p| p.rank < rank) else {
            break;
        };
        seconds += next.seconds;
        end = next.end;
        rank = next.rank;
        approximate |= next.approximate;
    }
    let lead = approximation_before(tail_before(text, start, 30));
    Some(DurationMention {
        span: start - lead.unwrap_or(0)..end,
        duration: SignedDuration::from_secs(seconds.round() as i64),
        approximate: approximate || lead.is_some(),
    })
}

/// The part that goes on a duration ending at `end`: ", 5 minutes", " and 30 seconds",
/// " 5 min". The joins are tried in that order, and the first that a part follows wins.
fn next_component(text: &str, end: usize) -> Option<Component> {
    let b = text.as_bytes();
    let lead = spaces(b, end);
    let word = end + lead;
    let mut starts = [None; 3];
    if b.get(word) == Some(&b',') {
        starts[0] = Some(word + 1 + spaces(b, word + 1));
    }
    if lead > 0 {
        if b[word..].starts_with(b"and") {
            let gap = spaces(b, word + 3);
            starts[1] = (gap > 0).then_some(word + 3 + gap);
        }
        starts[2] = Some(word);
    }
    starts
        .into_iter()
        .flatten()
        .find_map(|at| component_at(b, at))
}

fn part(text: &str, found: &Component) -> Option<Part> {
    let end = found.span.end;
    let (quantity_span, plus, halves, unit) = match &found.kind {
        Kind::Half { unit } => {
            let (unit_seconds, rank) = unit_of(&text[unit.clone()])?;
            return Some(Part {
                end,
                seconds: unit_seconds * 0.5,
                rank,
                approximate: false,
            });
        }
        Kind::Compact => return compact_part(&text[found.span.clone()], end),
        Kind::Quantity {
            quantity,
            plus,
            halves,
            unit,
        } => (quantity, *plus, *halves, unit),
    };
    let written = &text[quantity_span.clone()];
    let quantity = quantity(written)?;
    let (unit_seconds, rank) = unit_of(&text[unit.clone()])?;
    // "a second server", "a second time": the ordinal, not one second.
    if rank == 1 && written.eq_ignore_ascii_case("a") {
        return None;
    }
    let amount = quantity + if halves { 0.5 } else { 0.0 };
    Some(Part {
        end,
        seconds: amount * unit_seconds,
        rank,
        approximate: plus,
    })
}

/// "1h05m": each run of digits with the unit letter after it, larger units first.
fn compact_part(text: &str, end: usize) -> Option<Part> {
    let mut seconds = 0.0;
    let mut rank = u8::MAX;
    let mut rest = text;
    while !rest.is_empty() {
        let n = digits(rest.as_bytes(), 0, usize::MAX);
        let (number, unit) = (&rest[..n], rest.get(n..=n)?);
        let (unit_seconds, piece_rank) = unit_of(unit)?;
        if n == 0 || piece_rank >= rank {
            return None;
        }
        seconds += number.parse::<f64>().ok()? * unit_seconds;
        rank = piece_rank;
        rest = &rest[n + 1..];
    }
    Some(Part {
        end,
        seconds,
        rank,
        approximate: false,
    })
}

fn quantity(text: &str) -> Option<f64> {
    if let Ok(number) = text.parse::<f64>() {
        return Some(number);
    }
    let lower = text.to_lowercase();
    let mut total = 0;
    for word in lower.split(['-', ' ']).filter(|w| !w.is_empty()) {
        total += NUMBER_WORDS.iter().find(|(w, _)| *w == word)?.1;
    }
    Some(f64::from(total))
}

fn unit_of(unit: &str) -> Option<(f64, u8)> {
    let lower = unit.to_lowercase();
    Some(match lower.as_str() {
        "w" | "week" | "weeks" | "wk" | "wks" => (604_800.0, 5),
        "d" | "day" | "days" => (86_400.0, 4),
        "h" | "hour" | "hours" | "hr" | "hrs" => (3_600.0, 3),
        "m" | "minute" | "minutes" | "min" | "mins" => (60.0, 2),
        "s" | "second" | "seconds" | "sec" | "secs" => (1.0, 1),
        _ => return None,
    })
}

/// Formats a duration as people write it in a summary, so that a finding can quote the
/// duration the timeline implies: "1 hour 58 minutes", "45 minutes", "2 days 3 hours".
/// Seconds are shown only when present; a negative duration reads "minus ...".
pub fn humanize(d: SignedDuration) -> String {
    let total = d.as_secs().unsigned_abs();
    let units = [
        (total / 86_400, "day"),
        (total % 86_400 / 3_600, "hour"),
        (total % 3_600 / 60, "minute"),
        (total % 60, "second"),
    ];
    let parts: Vec<String> = units
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    let text = if parts.is_empty() {
        "0 minutes".to_string()
    } else {
        parts.join(" ")
    };
    if d.is_negative() {
        format!("minus {text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mins(m: i64) -> SignedDuration {
        SignedDuration::from_mins(m)
    }

    #[test]
    fn recognised_durations() {
        let cases: &[(&str, &str, SignedDuration, bool)] = &[
            (
                "took 1 hour and 5 minutes.",
                "1 hour and 5 minutes",
                mins(65),
                false,
            ),
            ("1 hr 5 mins", "1 hr 5 mins", mins(65), false),
            ("for 65 minutes", "65 minutes", mins(65), false),
            ("down 1h05m", "1h05m", mins(65), false),
            ("2 h 48 min in all", "2 h 48 min", mins(168), false),
            ("for 3 h", "3 h", mins(180), false),
            ("1.5 hours", "1.5 hours", mins(90), false),
            ("Two hours later", "Two hours", mins(120), false),
            ("an hour", "an hour", mins(60), false),
            ("half an hour", "half an hour", mins(30), false),
            ("an hour and a half", "an hour and a half", mins(90), false),
            (
                "one and a half hours",
                "one and a half hours",
                mins(90),
                false,
            ),
            ("about 2 hours", "about 2 hours", mins(120), true),
            (
                "approximately 45 min",
                "approximately 45 min",
                mins(45),
                true,
            ),
            ("around 3 hours", "around 3 hours", mins(180), true),
            (
                "roughly twenty minutes",
                "roughly twenty minutes",
                mins(20),
                true,
            ),
            ("~2h", "~2h", mins(120), true),
            ("over an hour", "over an hour", mins(60), true),
            ("2+ hours", "2+ hours", mins(120), true),
            ("Duration: 30 mins", "30 mins", mins(30), false),
            ("45 min", "45 min", mins(45), false),
            ("2 days", "2 days", mins(2 * 24 * 60), false),
            ("2 days, 3 hours", "2 days, 3 hours", mins(51 * 60), false),
            ("a 5-minute window", "5-minute", mins(5), false),
            (
                "twenty-five minutes",
                "twenty-five minutes",
                mins(25),
                false,
            ),
            ("nineteen minutes", "nineteen minutes", mins(19), false),
            (
                "30 seconds",
                "30 seconds",
                SignedDuration::from_secs(30),
                false,
            ),
            ("1 week", "1 week", mins(7 * 24 * 60), false),
        ];
        for (text, span, duration, approximate) in cases {
            let found = find_durations(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(&text[found[0].span.clone()], *span, "{text}");
            assert_eq!(found[0].duration, *duration, "{text}");
            assert_eq!(found[0].approximate, *approximate, "{text}");
        }
    }

    #[test]
    fn not_durations() {
        for text in [
            "twice a day",
            "3 times an hour",
            "every hour",
            "k8s",
            "100MB",
            "x86_64",
            "v1.5 hours",
            "a few minutes",
            "the 14h05 train",
            "hours later",
            "5xx errors",
            "per minute",
        ] {
            assert_eq!(find_durations(text), [], "{text}");
        }
    }

    #[test]
    fn humanize_reads_like_a_summary() {
        let cases: &[(SignedDuration, &str)] = &[
            (mins(118), "1 hour 58 minutes"),
            (mins(45), "45 minutes"),
            (mins(51 * 60), "2 days 3 hours"),
            (mins(60), "1 hour"),
            (mins(0), "0 minutes"),
            (SignedDuration::from_secs(90), "1 minute 30 seconds"),
            (mins(-5), "minus 5 minutes"),
        ];
        for (duration, text) in cases {
            assert_eq!(humanize(*duration), *text);
        }
    }

    const NUMBER: &str = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|zero|one|two|three|four|five|six|seven|eight|nine|ten|an|a";
    const UNIT: &str = r"weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|hs?";

    /// The patterns the hand-written scanners replaced.
    fn patterns() -> [crate::pattern::Pattern; 2] {
        [
            format!(
                r"(?x)
                  (?P<half>(?i:half\s+(?:an?\s+)?)(?P<hu>(?i:hour|day|minute))\b)
                | (?P<q>\d{{1,6}}(?:\.\d{{1,3}})?|(?i:{NUMBER})\b)(?P<plus>\+)?
                  (?P<h1>(?i:\s+and\s+a\s+half))?\s*-?\s*(?P<u>(?i:{UNIT}))\b(?P<h2>(?i:\s+and\s+a\s+half)\b)?
                | (?P<compact>\d{{1,4}}[dhms](?:\d{{1,4}}[hms])*)\b"
            ),
            r"(?i)(?:\b(?:about|approximately|approx\.?|around|roughly|nearly|almost|circa|some|over|under|more\s+than|less\s+than|close\s+to|up\s+to)\s+|~\s*|≈\s*)$".to_string(),
        ]
        .map(|p| crate::pattern::Pattern::new(&p).unwrap())
    }

    fn by_pattern(re: &crate::pattern::Pattern, text: &str, at: usize) -> Option<Component> {
        let caps = re.captures_anchored_at(text, at)?;
        let r = |name: &str| caps.name(name).map(|m| m.start()..m.end());
        let whole = caps.get(0)?;
        let kind = if let Some(unit) = r("hu") {
            Kind::Half { unit }
        } else if r("compact").is_some() {
            Kind::Compact
        } else {
            Kind::Quantity {
                quantity: r("q")?,
                plus: r("plus").is_some(),
                halves: r("h1").is_some() || r("h2").is_some(),
                unit: r("u")?,
            }
        };
        Some(Component {
            span: whole.start()..whole.end(),
            kind,
        })
    }

    fn agree(res: &[crate::pattern::Pattern; 2], text: &str) -> Result<(), String> {
        let [component, approximate] = res;
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let hand = component_at(text.as_bytes(), at);
            let pattern = by_pattern(component, text, at);
            let tail = &text[..at];
            let hand_lead = approximation_before(tail);
            let pattern_lead = approximate.find(tail).map(|m| m.end() - m.start());
            if hand != pattern || hand_lead != pattern_lead {
                return Err(format!(
                    "{text:?} at {at}: scanner {hand:?} {hand_lead:?}, pattern {pattern:?} {pattern_lead:?}"
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn the_scanners_agree_with_the_patterns_on_written_durations() {
        let res = patterns();
        for text in [
            "took 1 hour and 5 minutes.",
            "1 hr 5 mins",
            "1h05m",
            "1.5 hours",
            "1.2345 hours",
            "1234567 hours",
            "Two hours",
            "an hour",
            "A Day",
            "half an hour",
            "HALF A DAY",
            "half  hour",
            "behalf an hour",
            "half an",
            "an hour and a half",
            "one and a half hours",
            "one and a halfhours",
            "about 2 hours",
            "approx. 45 min",
            "approx 45 min",
            "approximately 3 hrs",
            "~2h",
            "≈ 3 days",
            "more  than 5 min",
            "moreover 5 min",
            "close\tto 2 weeks",
            "up to 3 wks",
            "2+ hours",
            "2+hours",
            "5-minute",
            "5 - minute",
            "5- - minute",
            "twenty-five minutes",
            "twenty five min",
            "twenty-seventeen min",
            "twentyfold",
            "twenty- min",
            "nineteen minutes",
            "30 seconds",
            "1 week",
            "k8s",
            "5xx",
            "2d",
            "2days",
            "12345h",
            "1h12345m",
            "1h30mx",
            "1h30",
            "90s",
            "2 secs",
            "a second",
            "3 minutesx",
            "3 weeksx",
            "an houra",
            "seventy hours and a half",
            "ten\u{a0}hours",
            "é5 min",
            "over\n3 hours",
            "some 4 hours",
            "awesome 4 hours",
            "1d2d",
            "1h2d ",
            "1h2m3s",
            "1 hour and a halfx",
            "1 hour and a half.",
        ] {
            agree(&res, text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn the_scanners_agree_with_the_patterns(
            text in r"(([0-9]{1,7}|[0-9]{1,2}[dhms]| and a half|\.[0-9]{1,4}|[dhms]|twenty|Twenty-|seven|Five|ten|an|A|half|and|a|Half|week|wks|DAY|hours?|Hrs|minute|mins|seconds|sec|s|\+|-|~|≈|about|approx\.|more|than|up|to|some|x|é|[ \t]|\u{a0})){0,10}"
        ) {
            let res = patterns();
            if let Err(e) = agree(&res, &text) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}
