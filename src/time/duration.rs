//! Durations as written ("1 hour and 5 minutes", "1h05m", "half an hour") and as shown back.

use std::sync::LazyLock;

use crate::pattern::{Captures, Pattern};
use jiff::SignedDuration;

use super::DurationMention;
use super::text::{accepted_matches, previous_word, tail_before, word_starts_at};

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

const NUMBER: &str = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|zero|one|two|three|four|five|six|seven|eight|nine|ten|an|a";
const UNIT: &str = r"weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?";

/// One "quantity unit" part. Single-letter units only touch digits ("1h05m", "2h"), since
/// "5 m" and "3 s" in prose are rarely durations.
fn component_pattern() -> String {
    format!(
        r"(?x)
          (?P<half>(?i:half\s+(?:an?\s+)?)(?P<hu>(?i:hour|day|minute))\b)
        | (?P<q>\d{{1,6}}(?:\.\d{{1,3}})?|(?i:{NUMBER})\b)(?P<plus>\+)?
          (?P<h1>(?i:\s+and\s+a\s+half))?\s*-?\s*(?P<u>(?i:{UNIT}))\b(?P<h2>(?i:\s+and\s+a\s+half)\b)?
        | (?P<compact>\d{{1,4}}[dhms](?:\d{{1,4}}[hms])*)\b"
    )
}

static COMPONENT: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&component_pattern()).expect("valid regex"));
static COMPACT_PART: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(\d+)([dhms])").expect("valid regex"));
static APPROXIMATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?:\b(?:about|approximately|approx\.?|around|roughly|nearly|almost|circa|some|over|under|more\s+than|less\s+than|close\s+to|up\s+to)\s+|~\s*|≈\s*)$",
    )
    .expect("valid regex")
});

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
    accepted_matches(&COMPONENT, text, |caps| {
        let whole = caps.get(0)?;
        if !word_starts_at(text, whole.start()) || preceded_by_decimal(text, whole.start()) {
            return None;
        }
        if RATE_WORDS.contains(&previous_word(text, whole.start()).to_lowercase().as_str()) {
            return None;
        }
        let first = part(caps, whole.end())?;
        let mention = extend(text, whole.start(), first)?;
        let end = mention.span.end;
        Some((mention, end))
    })
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
    while let Some(caps) = next_component(text, end) {
        let Some(next) = part(&caps, caps.get(0)?.end()).filter(|p| p.rank < rank) else {
            break;
        };
        seconds += next.seconds;
        end = next.end;
        rank = next.rank;
        approximate |= next.approximate;
    }
    let lead = APPROXIMATE.find(tail_before(text, start, 30));
    let start = lead.map_or(start, |m| start - (m.end() - m.start()));
    Some(DurationMention {
        span: start..end,
        duration: SignedDuration::from_secs(seconds.round() as i64),
        approximate: approximate || lead.is_some(),
    })
}

/// The part that goes on a duration ending at `end`: ", 5 minutes", " and 30 seconds",
/// " 5 min". The joins are tried in that order, and the first that a part follows wins.
fn next_component(text: &str, end: usize) -> Option<Captures<'_>> {
    // ASCII whitespace as regex's `\s` has it (with the vertical tab).
    let spaces = |from: usize| {
        text.as_bytes()[from..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))
            .count()
    };
    let lead = spaces(end);
    let word = end + lead;
    let mut starts = [None; 3];
    if text.as_bytes().get(word) == Some(&b',') {
        starts[0] = Some(word + 1 + spaces(word + 1));
    }
    if lead > 0 {
        if text.as_bytes()[word..].starts_with(b"and") {
            let gap = spaces(word + 3);
            starts[1] = (gap > 0).then_some(word + 3 + gap);
        }
        starts[2] = Some(word);
    }
    starts
        .into_iter()
        .flatten()
        .find_map(|at| COMPONENT.captures_anchored_at(text, at))
}

fn part(caps: &Captures, end: usize) -> Option<Part> {
    if let Some(unit) = caps.name("hu") {
        let (unit_seconds, rank) = unit_of(unit.as_str())?;
        return Some(Part {
            end,
            seconds: unit_seconds * 0.5,
            rank,
            approximate: false,
        });
    }
    if let Some(compact) = caps.name("compact") {
        return compact_part(compact.as_str(), end);
    }
    let written = caps.name("q")?.as_str();
    let quantity = quantity(written)?;
    let halves = caps.name("h1").is_some() || caps.name("h2").is_some();
    let (unit_seconds, rank) = unit_of(caps.name("u")?.as_str())?;
    // "a second server", "a second time": the ordinal, not one second.
    if rank == 1 && written.eq_ignore_ascii_case("a") {
        return None;
    }
    let amount = quantity + if halves { 0.5 } else { 0.0 };
    Some(Part {
        end,
        seconds: amount * unit_seconds,
        rank,
        approximate: caps.name("plus").is_some(),
    })
}

fn compact_part(text: &str, end: usize) -> Option<Part> {
    let mut seconds = 0.0;
    let mut rank = u8::MAX;
    for piece in COMPACT_PART.captures_iter(text) {
        let (unit_seconds, piece_rank) = unit_of(&piece[2])?;
        if piece_rank >= rank {
            return None;
        }
        seconds += piece[1].parse::<f64>().ok()? * unit_seconds;
        rank = piece_rank;
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
}
