//! Clock tokens: the time-of-day part of a mention, valid or broken.

use std::sync::LazyLock;

use crate::pattern::{Captures, Match, Pattern};
use jiff::civil::Time;

use super::text::{accepted_matches, char_at, char_before, is_word_char, previous_word};
use super::zones::{Placement, Zones, zone_at};
use super::{ClockStyle, Range};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Clock {
    Valid {
        span: Range<usize>,
        time: Time,
        style: ClockStyle,
    },
    Broken {
        span: Range<usize>,
        problem: String,
        suggestion: Option<String>,
        likely_time: Option<Time>,
    },
}

impl Clock {
    pub(crate) fn span(&self) -> &Range<usize> {
        match self {
            Clock::Valid { span, .. } | Clock::Broken { span, .. } => span,
        }
    }
}

/// One alternative per written form; leftmost-first, so at one position the earlier
/// alternative wins ("3:AM" before "3:..", "12 noon" before "12 pm").
static CLOCK: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?x)
          (?P<ph>--:--|\?\?:\?\?|\b[Xx]{2}:[Xx]{2}\b|\bHH:MM(?::SS)?\b|\bhh:mm(?::ss)?\b)
        | (?P<nh>\b12)\s?(?P<noon>(?i:noon|midnight))\b
        | (?P<ch>\d{1,2}):\s?(?P<cap>[AaPp](?:\.\s?[Mm]\b\.?|\s?[Mm]\b))
        | (?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?
        | (?P<mil>\b\d{4})(?P<milsfx>\s?(?i:hrs|hr)\b\.?|Z)
        | (?P<fh>\b\d{1,2})h(?P<fm>\d{2})\b
        | (?P<dh>\d{1,2})\.(?P<dm>\d{2})
        | (?P<bh>\b\d{1,2})\s?(?P<bap>[AaPp](?:\.\s?[Mm]\b\.?|\s?[Mm]\b))",
    )
    .expect("valid regex")
});
/// AM/PM after a clock: "pm", " PM", " p.m.". A trailing dot is taken only after a dotted
/// form, so that "at 2pm." leaves the sentence's full stop alone.
static AMPM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^(\s?)([AaPp])(?:\.\s?([Mm])\b\.?|\s?([Mm])\b)").expect("valid regex")
});
static STRAY_COLON_AMPM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^:(\s?)([AaPp])(?:\.\s?([Mm])\b\.?|\s?([Mm])\b)").expect("valid regex")
});
static LONE_M: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"^\sM\b").expect("valid regex"));
static HRS: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^\s?(?i:hrs|hr|h)\b\.?").expect("valid regex"));
/// What may precede a dotted time at the start of a block: list, quote, heading and table
/// markers, an ordered-list number, emphasis.
static LINE_LEAD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^[\s>*_+\-#|]*(?:\d{1,3}[.)]\s+)?[\s*_]*$").expect("valid regex")
});

/// Words after which "3:16" is a reference, not a time: scripture, line:column, scores.
const REFERENCE_WORDS: &[&str] = &[
    "genesis",
    "exodus",
    "psalm",
    "psalms",
    "proverbs",
    "isaiah",
    "jeremiah",
    "matthew",
    "mark",
    "luke",
    "john",
    "acts",
    "romans",
    "corinthians",
    "galatians",
    "ephesians",
    "philippians",
    "hebrews",
    "james",
    "peter",
    "revelation",
    "chapter",
    "verse",
    "verses",
    "line",
    "lines",
    "col",
    "column",
    "page",
    "pages",
    "section",
    "score",
    "scored",
    "ratio",
    "aspect",
    "step",
];

/// Every clock token in `text`, valid or broken, in order and not overlapping.
pub(crate) fn find_clocks(text: &str, zones: &Zones) -> Vec<Clock> {
    // Every form has a digit, placeholders ("--:--", "HH:MM") a colon: most prose has neither.
    if !text.bytes().any(|b| b.is_ascii_digit() || b == b':') {
        return Vec::new();
    }
    accepted_matches(&CLOCK, text, |caps| {
        let clock = read_clock(text, caps, zones)?;
        let end = clock.span().end;
        Some((clock, end))
    })
}

fn read_clock(text: &str, caps: &Captures, zones: &Zones) -> Option<Clock> {
    let whole = caps.get(0)?;
    if !clean_start(text, whole.start()) {
        return None;
    }
    let clock = if let Some(ph) = caps.name("ph") {
        Some(broken(
            ph.range(),
            "a placeholder instead of a time",
            None,
            None,
        ))
    } else if let Some(noon) = caps.name("noon") {
        let time = if noon.as_str().eq_ignore_ascii_case("noon") {
            12
        } else {
            0
        };
        Some(valid(whole.range(), hm(time, 0)?, ClockStyle::H12))
    } else if let Some(hour) = caps.name("ch") {
        colon_without_minutes(whole.range(), hour.as_str(), caps.name("cap")?)
    } else if let (Some(h), Some(m)) = (caps.name("h"), caps.name("m")) {
        colon_clock(text, whole, h.as_str(), m.as_str(), caps.name("s"))
    } else if let Some(digits) = caps.name("mil") {
        military(digits, caps.name("milsfx")?)
    } else if let (Some(h), Some(m)) = (caps.name("fh"), caps.name("fm")) {
        let time = hm(h.as_str().parse().ok()?, m.as_str().parse().ok()?)?;
        Some(valid(whole.range(), time, ClockStyle::H24))
    } else if let (Some(h), Some(m)) = (caps.name("dh"), caps.name("dm")) {
        dotted(text, whole, h.as_str(), m.as_str())
    } else {
        bare_hour(whole.range(), caps.name("bh")?.as_str(), caps.name("bap")?)
    }?;
    clean_end(text, clock.span().end, zones).then_some(clock)
}

fn valid(span: Range<usize>, time: Time, style: ClockStyle) -> Clock {
    Clock::Valid { span, time, style }
}

fn broken(
    span: Range<usize>,
    problem: &str,
    suggestion: Option<String>,
    likely: Option<Time>,
) -> Clock {
    Clock::Broken {
        span,
        problem: problem.to_string(),
        suggestion,
        likely_time: likely,
    }
}

fn hm(hour: i8, minute: i8) -> Option<Time> {
    Time::new(hour, minute, 0, 0).ok()
}

/// Letters touching the clock make it part of a word ("x12:30"), and `.`/`:`/`+` make it part
/// of a version, address or offset ("1.10:30", ":8080", "+01:00"). A `T` after a date digit is
/// ISO 8601's separator.
fn clean_start(text: &str, start: usize) -> bool {
    match char_before(text, start) {
        None => true,
        Some('T') => char_before(text, start - 1).is_some_and(|c| c.is_ascii_digit()),
        Some(c) if is_word_char(c) => false,
        Some('.' | ':' | '+' | '−' | '/' | '\\' | '$' | '€' | '£' | '#') => false,
        Some(_) => true,
    }
}

fn clean_end(text: &str, end: usize, zones: &Zones) -> bool {
    let Some(next) = char_at(text, end) else {
        return true;
    };
    let after = char_at(text, end + next.len_utf8());
    match next {
        c if c.is_ascii_digit() => false,
        ':' | '.' | '/' => !after.is_some_and(|c| c.is_ascii_digit()),
        '%' => false,
        c if is_word_char(c) => zone_at(text, end, zones, Placement::Touching).is_some(),
        _ => true,
    }
}

/// AM or PM as the author wrote it, ready to be reused in a suggestion.
struct Meridiem {
    end: usize,
    pm: bool,
    /// "PM", "pm", " PM": the author's letters and spacing, without dots.
    written: String,
}

fn meridiem(caps: &Captures, offset: usize) -> Option<Meridiem> {
    let whole = caps.get(0)?;
    let letter = caps.get(2)?.as_str();
    let m = caps.get(3).or_else(|| caps.get(4))?.as_str();
    Some(Meridiem {
        end: offset + whole.end(),
        pm: letter.eq_ignore_ascii_case("p"),
        written: format!("{}{letter}{m}", caps.get(1)?.as_str()),
    })
}

/// 1..=12 with AM/PM to a 24-hour time; `None` when the hour cannot carry AM/PM.
fn twelve_hour(hour: i8, minute: i8, pm: bool) -> Option<Time> {
    if !(1..=12).contains(&hour) {
        return None;
    }
    hm(hour % 12 + if pm { 12 } else { 0 }, minute)
}

fn colon_clock(text: &str, whole: Match, h: &str, m: &str, s: Option<Match>) -> Option<Clock> {
    let hour: i8 = h.parse().ok()?;
    let minute: i8 = m.parse().ok()?;
    let second: i8 = s.map_or(Some(0), |s| s.as_str().parse().ok())?;
    let rest = text.get(whole.end()..)?;
    let span = |end: usize| whole.start()..end;
    if let Some(caps) = STRAY_COLON_AMPM.captures(rest) {
        let ampm = meridiem(&caps, whole.end())?;
        let suggestion =
            twelve_hour(hour, minute, ampm.pm).map(|_| format!("{h}:{m} {}", ampm.written.trim()));
        let likely = twelve_hour(hour, minute, ampm.pm);
        return Some(broken(
            span(ampm.end),
            &format!("stray colon before {}", ampm.written.trim()),
            suggestion,
            likely,
        ));
    }
    if let Some(caps) = AMPM.captures(rest) {
        let ampm = meridiem(&caps, whole.end())?;
        return Some(with_meridiem(
            span(ampm.end),
            hour,
            minute,
            h,
            m,
            &ampm,
            ClockStyle::H12,
        ));
    }
    if let Some(lone) = LONE_M.find(rest) {
        let problem = "\"M\" on its own: AM or PM is missing a letter";
        return Some(broken(span(whole.end() + lone.end()), problem, None, None));
    }
    if REFERENCE_WORDS.contains(&previous_word(text, whole.start()).to_lowercase().as_str()) {
        return None;
    }
    let end = HRS
        .find(rest)
        .map_or(whole.end(), |hrs| whole.end() + hrs.end());
    Some(twenty_four_hour(
        span(end),
        hour,
        minute,
        second,
        ClockStyle::H24,
    ))
}

/// Validates an hour and minute written with AM/PM, explaining the usual slips.
fn with_meridiem(
    span: Range<usize>,
    hour: i8,
    minute: i8,
    h: &str,
    m: &str,
    ampm: &Meridiem,
    style: ClockStyle,
) -> Clock {
    let written = ampm.written.trim();
    if let Some(time) = twelve_hour(hour, minute, ampm.pm).filter(|_| minute < 60) {
        return valid(span, time, style);
    }
    if minute > 59 {
        return broken(span, &format!("minute {m} is out of range"), None, None);
    }
    match hour {
        0 => {
            let suggestion = format!("12:{m}{}", ampm.written);
            let likely = twelve_hour(12, minute, ampm.pm);
            broken(
                span,
                &format!("hour 0 does not exist on a 12-hour clock with {written}"),
                Some(suggestion),
                likely,
            )
        }
        13..=23 => {
            let problem = format!("{h}:{m} is a 24-hour time, so {written} does not belong");
            broken(span, &problem, Some(format!("{h}:{m}")), hm(hour, minute))
        }
        _ => broken(span, &format!("hour {h} is out of range"), None, None),
    }
}

fn twenty_four_hour(
    span: Range<usize>,
    hour: i8,
    minute: i8,
    second: i8,
    style: ClockStyle,
) -> Clock {
    if let Ok(time) = Time::new(hour, minute, second, 0) {
        return valid(span, time, style);
    }
    if hour == 24 && minute == 0 && second == 0 {
        let problem = "24:00 is not a clock time; the day ends at 00:00 of the next day";
        return broken(span, problem, Some("00:00".to_string()), hm(0, 0));
    }
    if hour > 23 {
        broken(
            span,
            &format!("hour {hour} is out of range (0 to 23)"),
            None,
            None,
        )
    } else if minute > 59 {
        broken(
            span,
            &format!("minute {minute:02} is out of range (0 to 59)"),
            None,
            None,
        )
    } else {
        broken(
            span,
            &format!("second {second:02} is out of range (0 to 59)"),
            None,
            None,
        )
    }
}

fn colon_without_minutes(span: Range<usize>, hour: &str, ampm: Match) -> Option<Clock> {
    let letters: String = ampm
        .as_str()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    let pm = letters.starts_with(['p', 'P']);
    let likely = twelve_hour(hour.parse().ok()?, 0, pm);
    let suggestion = likely.map(|_| format!("{hour} {letters}"));
    let problem = format!("colon without minutes before {letters}");
    Some(broken(span, &problem, suggestion, likely))
}

fn military(digits: Match, suffix: Match) -> Option<Clock> {
    let d = digits.as_str();
    let hour: i8 = d.get(..2)?.parse().ok()?;
    let minute: i8 = d.get(2..)?.parse().ok()?;
    // In "1405Z" the Z is the zone, which the caller attaches.
    let end = if suffix.as_str() == "Z" {
        digits.end()
    } else {
        suffix.end()
    };
    let span = digits.start()..end;
    if let Some(time) = hm(hour, minute) {
        return Some(valid(span, time, ClockStyle::Military));
    }
    if hour == 24 && minute == 0 {
        let problem = "2400 is not a clock time; the day ends at 0000 of the next day";
        let suggestion = d.replace("2400", "0000") + &suffix.as_str().replace('Z', "");
        return Some(broken(span, problem, Some(suggestion), hm(0, 0)));
    }
    let problem = if hour > 23 {
        format!("hour {hour:02} is out of range (00 to 23)")
    } else {
        format!("minute {minute:02} is out of range (00 to 59)")
    };
    Some(broken(span, &problem, None, None))
}

/// "15.25" is a time only at the start of a block (a timeline entry), because in prose it is
/// far more often a version or a number; with AM/PM ("7.40pm") it is a time anywhere.
fn dotted(text: &str, whole: Match, h: &str, m: &str) -> Option<Clock> {
    let hour: i8 = h.parse().ok()?;
    let minute: i8 = m.parse().ok()?;
    let rest = text.get(whole.end()..)?;
    if let Some(caps) = AMPM.captures(rest) {
        let ampm = meridiem(&caps, whole.end())?;
        let span = whole.start()..ampm.end;
        return Some(with_meridiem(
            span,
            hour,
            minute,
            h,
            m,
            &ampm,
            ClockStyle::Dotted,
        ));
    }
    let lead = text.get(..whole.start())?;
    if lead.len() > 16 || !LINE_LEAD.is_match(lead) {
        return None;
    }
    Some(valid(whole.range(), hm(hour, minute)?, ClockStyle::Dotted))
}

fn bare_hour(span: Range<usize>, h: &str, ampm: Match) -> Option<Clock> {
    let hour: i8 = h.parse().ok()?;
    let letters: String = ampm
        .as_str()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    let spacing = if ampm.start() > span.start + h.len() {
        " "
    } else {
        ""
    };
    let meridiem = Meridiem {
        end: span.end,
        pm: letters.starts_with(['p', 'P']),
        written: format!("{spacing}{letters}"),
    };
    if let Some(time) = twelve_hour(hour, 0, meridiem.pm) {
        return Some(valid(span, time, ClockStyle::H12));
    }
    Some(match hour {
        0 => broken(
            span,
            &format!("hour 0 does not exist on a 12-hour clock with {letters}"),
            Some(format!("12{}", meridiem.written)),
            twelve_hour(12, 0, meridiem.pm),
        ),
        13..=23 => broken(
            span,
            &format!("{h} is a 24-hour hour, so {letters} does not belong"),
            Some(format!("{hour:02}:00")),
            hm(hour, 0),
        ),
        _ => broken(span, &format!("hour {h} is out of range"), None, None),
    })
}
