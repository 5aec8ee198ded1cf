//! Clock tokens: the time-of-day part of a mention, valid or broken.

use jiff::civil::Time;

use super::text::{accepted, char_at, char_before, is_word_char, previous_word};
use super::zones::{Placement, Zones, zone_at};
use super::{ClockStyle, Range};
use crate::bytes::{
    byte_in, ci_word_at, digits, is_space, spaces, word_boundary_after, word_boundary_before,
};

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

/// A clock token as written: where it is and its parts, before any is checked.
#[derive(Clone, Debug, PartialEq)]
struct ClockMatch {
    span: Range<usize>,
    form: Form,
}

/// The written forms, in the order they are tried at one position.
#[derive(Clone, Debug, PartialEq)]
enum Form {
    /// `--:--`, `??:??`, `XX:XX`, `HH:MM`, `HH:mm`, `hh:mm:ss`.
    Placeholder,
    /// `12 noon`, `12 midnight`.
    Noon { word: Range<usize> },
    /// `3:PM`, `3: a.m.`.
    ColonWithoutMinutes {
        hour: Range<usize>,
        meridiem: Range<usize>,
    },
    /// `14:05`, `2:05:30`, `14:05:30.250`.
    Colon {
        hour: Range<usize>,
        minute: Range<usize>,
        second: Option<Range<usize>>,
    },
    /// `1405Z`, `1405 hrs`.
    Military {
        digits: Range<usize>,
        suffix: Range<usize>,
    },
    /// `14h05`.
    HourH {
        hour: Range<usize>,
        minute: Range<usize>,
    },
    /// `15.25`.
    Dotted {
        hour: Range<usize>,
        minute: Range<usize>,
    },
    /// `3pm`, `3 p.m.`.
    BareHour {
        hour: Range<usize>,
        meridiem: Range<usize>,
    },
}

/// The first clock token starting at or after `from`. Hand-written (the pattern it replaces
/// cost 0.3 ms to compile on every run, and a lazy DFA search per block): a token starts
/// at a digit or at a placeholder's first character, and at one position the forms are
/// tried in [`Form`]'s order. The tests compare it with that pattern.
fn next_clock(text: &str, from: usize) -> Option<(usize, ClockMatch)> {
    let b = text.as_bytes();
    (from..b.len())
        .filter(|&s| {
            b[s].is_ascii_digit() || matches!(b[s], b'-' | b'?' | b'X' | b'x' | b'H' | b'h')
        })
        .find_map(|s| Some((s, clock_at(b, s)?)))
}

fn clock_at(b: &[u8], s: usize) -> Option<ClockMatch> {
    let found = |end: usize, form: Form| Some(ClockMatch { span: s..end, form });
    if let Some(end) = placeholder_at(b, s) {
        return found(end, Form::Placeholder);
    }
    let n = digits(b, s, 2);
    if n == 0 {
        return None;
    }
    let at_word_start = word_boundary_before(b, s);
    let hour = s..s + n;
    // "12 noon", "12midnight".
    if at_word_start && &b[hour.clone()] == b"12" {
        let word = hour.end + usize::from(b.get(hour.end).is_some_and(|&c| is_space(c)));
        if let Some(end) = ["noon", "midnight"]
            .iter()
            .find_map(|w| ci_word_at(b, word, w))
        {
            return found(end, Form::Noon { word: word..end });
        }
    }
    if b.get(hour.end) == Some(&b':') {
        // "3:PM".
        let m = hour.end + 1 + usize::from(b.get(hour.end + 1).is_some_and(|&c| is_space(c)));
        if let Some(end) = meridiem_letters(b, m) {
            return found(
                end,
                Form::ColonWithoutMinutes {
                    hour,
                    meridiem: m..end,
                },
            );
        }
        // "14:05", "14:05:30", "14:05:30.250".
        let minute = hour.end + 1..hour.end + 3;
        if digits(b, minute.start, 2) == 2 {
            let mut end = minute.end;
            let mut second = None;
            if b.get(end) == Some(&b':') && digits(b, end + 1, 2) == 2 {
                second = Some(end + 1..end + 3);
                end += 3;
                let fraction = digits(b, end + 1, 9);
                if byte_in(b, end, b".,") && fraction > 0 {
                    end += 1 + fraction;
                }
            }
            return found(
                end,
                Form::Colon {
                    hour,
                    minute,
                    second,
                },
            );
        }
    }
    // "1405Z", "1405 hrs".
    if at_word_start && digits(b, s, 4) == 4 {
        let digits_end = s + 4;
        if b.get(digits_end) == Some(&b'Z') {
            return found(
                digits_end + 1,
                Form::Military {
                    digits: s..digits_end,
                    suffix: digits_end..digits_end + 1,
                },
            );
        }
        let word = digits_end + usize::from(b.get(digits_end).is_some_and(|&c| is_space(c)));
        if let Some(mut end) = ["hrs", "hr"].iter().find_map(|w| ci_word_at(b, word, w)) {
            end += usize::from(b.get(end) == Some(&b'.'));
            return found(
                end,
                Form::Military {
                    digits: s..digits_end,
                    suffix: digits_end..end,
                },
            );
        }
    }
    // "14h05".
    if at_word_start
        && b.get(hour.end) == Some(&b'h')
        && digits(b, hour.end + 1, 2) == 2
        && word_boundary_after(b, hour.end + 3)
    {
        return found(
            hour.end + 3,
            Form::HourH {
                minute: hour.end + 1..hour.end + 3,
                hour,
            },
        );
    }
    // "15.25".
    if b.get(hour.end) == Some(&b'.') && digits(b, hour.end + 1, 2) == 2 {
        return found(
            hour.end + 3,
            Form::Dotted {
                minute: hour.end + 1..hour.end + 3,
                hour,
            },
        );
    }
    // "3pm", "3 p.m.".
    if at_word_start {
        let m = hour.end + usize::from(b.get(hour.end).is_some_and(|&c| is_space(c)));
        if let Some(end) = meridiem_letters(b, m) {
            return found(
                end,
                Form::BareHour {
                    hour,
                    meridiem: m..end,
                },
            );
        }
    }
    None
}

/// `--:--`, `??:??`, `XX:XX` and `HH:MM`/`hh:mm`/`HH:mm` (with `:SS`/`:ss`) as whole words.
fn placeholder_at(b: &[u8], s: usize) -> Option<usize> {
    let rest = &b[s..];
    if rest.starts_with(b"--:--") || rest.starts_with(b"??:??") {
        return Some(s + 5);
    }
    if !word_boundary_before(b, s) {
        return None;
    }
    // "12:??", "9:--": an hour whose minutes were never filled in.
    let n = digits(b, s, 2);
    if n > 0
        && rest.get(n) == Some(&b':')
        && (rest[n + 1..].starts_with(b"??") || rest[n + 1..].starts_with(b"--"))
    {
        return Some(s + n + 3);
    }
    if rest.len() < 5 {
        return None;
    }
    let x = |c: &u8| matches!(c, b'X' | b'x');
    if rest[..2].iter().all(x) && rest[2] == b':' && rest[3..5].iter().all(x) {
        return word_boundary_after(b, s + 5).then_some(s + 5);
    }
    // "HH:mm" is the date-format spelling (Java, moment.js) a template leaves behind.
    for (hm, ss) in [(b"HH:MM", b":SS"), (b"hh:mm", b":ss"), (b"HH:mm", b":ss")] {
        if rest.starts_with(hm) {
            if rest[5..].starts_with(ss) && word_boundary_after(b, s + 8) {
                return Some(s + 8);
            }
            return word_boundary_after(b, s + 5).then_some(s + 5);
        }
    }
    None
}

/// AM or PM at `i`: `pm`, `PM`, `p.m.`, `p. m`, `p m`; the end, and where the M is.
fn meridiem_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    if !byte_in(b, i, b"AaPp") {
        return None;
    }
    let space = |at: usize| usize::from(b.get(at).is_some_and(|&c| is_space(c)));
    let m_letter = |at: usize| byte_in(b, at, b"Mm") && word_boundary_after(b, at + 1);
    if b.get(i + 1) == Some(&b'.') {
        let m = i + 2 + space(i + 2);
        return m_letter(m).then(|| (m + 1 + usize::from(b.get(m + 1) == Some(&b'.')), m));
    }
    let m = i + 1 + space(i + 1);
    m_letter(m).then_some((m + 1, m))
}

fn meridiem_letters(b: &[u8], i: usize) -> Option<usize> {
    meridiem_at(b, i).map(|(end, _)| end)
}

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
    accepted(
        text,
        |pos| next_clock(text, pos),
        |found| {
            let clock = read_clock(text, found, zones)?;
            let end = clock.span().end;
            Some((clock, end))
        },
    )
}

fn read_clock(text: &str, found: &ClockMatch, zones: &Zones) -> Option<Clock> {
    let whole = found.span.clone();
    if !clean_start(text, whole.start) {
        return None;
    }
    let t = |r: &Range<usize>| &text[r.clone()];
    let clock = match &found.form {
        Form::Placeholder => Some(broken(whole, "a placeholder instead of a time", None, None)),
        Form::Noon { word } => {
            let time = if t(word).eq_ignore_ascii_case("noon") {
                12
            } else {
                0
            };
            Some(valid(whole, hm(time, 0)?, ClockStyle::H12))
        }
        Form::ColonWithoutMinutes { hour, meridiem } => {
            colon_without_minutes(whole, t(hour), t(meridiem))
        }
        Form::Colon {
            hour,
            minute,
            second,
        } => colon_clock(text, whole, t(hour), t(minute), second.as_ref().map(t)),
        Form::Military { digits, suffix } => military(digits.clone(), t(digits), t(suffix)),
        Form::HourH { hour, minute } => {
            let time = hm(t(hour).parse().ok()?, t(minute).parse().ok()?)?;
            Some(valid(whole, time, ClockStyle::H24))
        }
        Form::Dotted { hour, minute } => dotted(text, whole, t(hour), t(minute)),
        Form::BareHour { hour, meridiem } => bare_hour(whole, t(hour), meridiem.start, t(meridiem)),
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

/// AM/PM right at `at`, after at most one space: "pm", " PM", " p.m.". A trailing dot is
/// taken only after a dotted form, so that "at 2pm." leaves the sentence's full stop alone.
fn meridiem(text: &str, at: usize) -> Option<Meridiem> {
    let b = text.as_bytes();
    let letter = at + usize::from(b.get(at).is_some_and(|&c| is_space(c)));
    let (end, m) = meridiem_at(b, letter)?;
    Some(Meridiem {
        end,
        pm: matches!(b[letter], b'P' | b'p'),
        written: format!("{}{}", &text[at..=letter], &text[m..=m]),
    })
}

/// 1..=12 with AM/PM to a 24-hour time; `None` when the hour cannot carry AM/PM.
fn twelve_hour(hour: i8, minute: i8, pm: bool) -> Option<Time> {
    if !(1..=12).contains(&hour) {
        return None;
    }
    hm(hour % 12 + if pm { 12 } else { 0 }, minute)
}

fn colon_clock(
    text: &str,
    whole: Range<usize>,
    h: &str,
    m: &str,
    s: Option<&str>,
) -> Option<Clock> {
    let hour: i8 = h.parse().ok()?;
    let minute: i8 = m.parse().ok()?;
    let second: i8 = s.map_or(Some(0), |s| s.parse().ok())?;
    let b = text.as_bytes();
    let span = |end: usize| whole.start..end;
    if let Some(ampm) = (b.get(whole.end) == Some(&b':'))
        .then(|| meridiem(text, whole.end + 1))
        .flatten()
    {
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
    if let Some(ampm) = meridiem(text, whole.end) {
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
    // " M" on its own.
    if b.get(whole.end).is_some_and(|&c| is_space(c))
        && b.get(whole.end + 1) == Some(&b'M')
        && word_boundary_after(b, whole.end + 2)
    {
        let problem = "\"M\" on its own: AM or PM is missing a letter";
        // No fix (the missing letter may be A or P), but the time stands as the 24-hour clock
        // reads it, so a window written with it ("10:00 M — 2:00 PM") is still compared.
        let likely = Time::new(hour, minute, second, 0).ok();
        return Some(broken(span(whole.end + 2), problem, None, likely));
    }
    if REFERENCE_WORDS.contains(&previous_word(text, whole.start).to_lowercase().as_str()) {
        return None;
    }
    // "14:00 hrs", "14:00h".
    let word = whole.end + usize::from(b.get(whole.end).is_some_and(|&c| is_space(c)));
    let end = ["hrs", "hr", "h"]
        .iter()
        .find_map(|w| ci_word_at(b, word, w))
        .map_or(whole.end, |end| {
            end + usize::from(b.get(end) == Some(&b'.'))
        });
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

fn colon_without_minutes(span: Range<usize>, hour: &str, ampm: &str) -> Option<Clock> {
    let letters: String = ampm.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let pm = letters.starts_with(['p', 'P']);
    let likely = twelve_hour(hour.parse().ok()?, 0, pm);
    let suggestion = likely.map(|_| format!("{hour} {letters}"));
    let problem = format!("colon without minutes before {letters}");
    Some(broken(span, &problem, suggestion, likely))
}

fn military(digits: Range<usize>, d: &str, suffix: &str) -> Option<Clock> {
    let hour: i8 = d.get(..2)?.parse().ok()?;
    let minute: i8 = d.get(2..)?.parse().ok()?;
    // In "1405Z" the Z is the zone, which the caller attaches.
    let end = if suffix == "Z" {
        digits.end
    } else {
        digits.end + suffix.len()
    };
    let span = digits.start..end;
    if let Some(time) = hm(hour, minute) {
        return Some(valid(span, time, ClockStyle::Military));
    }
    if hour == 24 && minute == 0 {
        let problem = "2400 is not a clock time; the day ends at 0000 of the next day";
        let suggestion = d.replace("2400", "0000") + &suffix.replace('Z', "");
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
fn dotted(text: &str, whole: Range<usize>, h: &str, m: &str) -> Option<Clock> {
    let hour: i8 = h.parse().ok()?;
    let minute: i8 = m.parse().ok()?;
    if let Some(ampm) = meridiem(text, whole.end) {
        let span = whole.start..ampm.end;
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
    let lead = text.get(..whole.start)?;
    if lead.len() > 16 || !is_line_lead(lead.as_bytes()) {
        return None;
    }
    Some(valid(whole, hm(hour, minute)?, ClockStyle::Dotted))
}

/// What may precede a dotted time at the start of a block: list, quote, heading and table
/// markers, an ordered-list number, emphasis, white space.
fn is_line_lead(lead: &[u8]) -> bool {
    let marker = |c: &u8| is_space(*c) || b">*_+-#|".contains(c);
    let Some(number) = lead.iter().position(u8::is_ascii_digit) else {
        return lead.iter().all(marker);
    };
    let n = digits(lead, number, 4);
    let gap = spaces(lead, number + n + 1);
    lead[..number].iter().all(marker)
        && n <= 3
        && byte_in(lead, number + n, b".)")
        && gap > 0
        && lead[number + n + 1 + gap..]
            .iter()
            .all(|c| is_space(*c) || matches!(c, b'*' | b'_'))
}

fn bare_hour(span: Range<usize>, h: &str, ampm_start: usize, ampm: &str) -> Option<Clock> {
    let hour: i8 = h.parse().ok()?;
    let letters: String = ampm.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let spacing = if ampm_start > span.start + h.len() {
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

/// The hand-written scanners against the patterns they replaced.
#[cfg(test)]
mod scanner_tests {
    use super::*;
    use crate::pattern::Pattern;

    fn clock_pattern() -> Pattern {
        Pattern::new(
            r"(?x)
              (?P<ph>--:--|\?\?:\?\?|\b\d{1,2}:(?:\?\?|--)|\b[Xx]{2}:[Xx]{2}\b|\bHH:MM(?::SS)?\b|\bhh:mm(?::ss)?\b|\bHH:mm(?::ss)?\b)
            | (?P<nh>\b12)\s?(?P<noon>(?i:noon|midnight))\b
            | (?P<ch>\d{1,2}):\s?(?P<cap>[AaPp](?:\.\s?[Mm]\b\.?|\s?[Mm]\b))
            | (?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?
            | (?P<mil>\b\d{4})(?P<milsfx>\s?(?i:hrs|hr)\b\.?|Z)
            | (?P<fh>\b\d{1,2})h(?P<fm>\d{2})\b
            | (?P<dh>\d{1,2})\.(?P<dm>\d{2})
            | (?P<bh>\b\d{1,2})\s?(?P<bap>[AaPp](?:\.\s?[Mm]\b\.?|\s?[Mm]\b))",
        )
        .unwrap()
    }

    fn by_pattern(re: &Pattern, text: &str, from: usize) -> Option<(usize, ClockMatch)> {
        let caps = re.captures_at(text, from)?;
        let r = |name: &str| caps.name(name).map(|m| m.start()..m.end());
        let whole = caps.get(0)?;
        let form = if r("ph").is_some() {
            Form::Placeholder
        } else if let Some(word) = r("noon") {
            Form::Noon { word }
        } else if let Some(hour) = r("ch") {
            Form::ColonWithoutMinutes {
                hour,
                meridiem: r("cap")?,
            }
        } else if let Some(hour) = r("h") {
            Form::Colon {
                hour,
                minute: r("m")?,
                second: r("s"),
            }
        } else if let Some(digits) = r("mil") {
            Form::Military {
                digits,
                suffix: r("milsfx")?,
            }
        } else if let Some(hour) = r("fh") {
            Form::HourH {
                hour,
                minute: r("fm")?,
            }
        } else if let Some(hour) = r("dh") {
            Form::Dotted {
                hour,
                minute: r("dm")?,
            }
        } else {
            Form::BareHour {
                hour: r("bh")?,
                meridiem: r("bap")?,
            }
        };
        let span = whole.start()..whole.end();
        Some((span.start, ClockMatch { span, form }))
    }

    /// The scanners and the patterns, compared at every position of `text`.
    fn agree(re: &Pattern, small: &[Pattern; 4], text: &str) -> Result<(), String> {
        let [ampm, hrs, lone_m, line_lead] = small;
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let rest = &text[at..];
            let hand = next_clock(text, at);
            let pattern = by_pattern(re, text, at);
            let hand_ampm = meridiem(text, at).map(|m| (m.end, m.written));
            let pattern_ampm = ampm.captures(rest).map(|c| {
                let letter = &c[2];
                let m = c.get(3).or_else(|| c.get(4)).unwrap();
                (
                    at + c.get(0).unwrap().end(),
                    format!("{}{letter}{}", &c[1], m.as_str()),
                )
            });
            let b = text.as_bytes();
            let word = at + usize::from(b.get(at).is_some_and(|&c| is_space(c)));
            let hand_hrs = ["hrs", "hr", "h"]
                .iter()
                .find_map(|w| ci_word_at(b, word, w))
                .map(|end| end + usize::from(b.get(end) == Some(&b'.')));
            let hand_lone_m = b.get(at).is_some_and(|&c| is_space(c))
                && b.get(at + 1) == Some(&b'M')
                && word_boundary_after(b, at + 2);
            let checks = [
                (format!("{hand:?}"), format!("{pattern:?}")),
                (format!("{hand_ampm:?}"), format!("{pattern_ampm:?}")),
                (
                    format!("{hand_hrs:?}"),
                    format!("{:?}", hrs.find(rest).map(|m| at + m.end())),
                ),
                (hand_lone_m.to_string(), lone_m.is_match(rest).to_string()),
                (
                    is_line_lead(&text.as_bytes()[..at]).to_string(),
                    line_lead.is_match(&text[..at]).to_string(),
                ),
            ];
            for (hand, pattern) in checks {
                if hand != pattern {
                    return Err(format!(
                        "{text:?} at {at}: scanner {hand}, pattern {pattern}"
                    ));
                }
            }
        }
        Ok(())
    }

    fn small_patterns() -> [Pattern; 4] {
        [
            r"^(\s?)([AaPp])(?:\.\s?([Mm])\b\.?|\s?([Mm])\b)",
            r"^\s?(?i:hrs|hr|h)\b\.?",
            r"^\sM\b",
            r"^[\s>*_+\-#|]*(?:\d{1,3}[.)]\s+)?[\s*_]*$",
        ]
        .map(|p| Pattern::new(p).unwrap())
    }

    #[test]
    fn the_scanners_agree_with_the_patterns_on_written_times() {
        let (re, small) = (clock_pattern(), small_patterns());
        for text in [
            "at 14:05 UTC",
            "2:05:30 pm",
            "14:05:30.250Z",
            "14:05:30,1234567890",
            "3:PM",
            "3: a.m.",
            "3:p. m",
            "3:pmx",
            "123:45",
            "12 noon",
            "12Midnight",
            "112 noon",
            "12 noonday",
            "1405Z",
            "1405 hrs.",
            "1405HR",
            "14055 hrs",
            "x1405Z",
            "14h05",
            "14h056",
            "a14h05",
            "15.25",
            "1.2.3",
            "3pm",
            "3 p.m.",
            "3 P. M",
            "3 pm.",
            "3 pmx",
            "13 PM",
            "x3pm",
            "--:--",
            "??:??",
            "XX:xx",
            "xx:xxx",
            "HH:MM",
            "HH:MM:SS",
            "HH:MM:SSx",
            "hh:mm:ss",
            "hh:mmx",
            "aHH:MM",
            "14:00 M",
            "14:00 Mx",
            "14:00hrs",
            "14:00 h.",
            "14:00:",
            "14:0",
            "1. 15.25",
            "> - 15.25",
            "**15.25**",
            "1234. 15.25",
            "12) x",
            "- 1.\t_*",
            "#|+*",
            "9:",
            "9:\u{a0}PM",
            "é3pm",
            "3\u{2014}pm",
            "24:00",
            "0700",
            "07:00\n08:00",
        ] {
            agree(&re, &small, text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn the_scanners_agree_with_the_patterns(
            text in r"((12|[0-9]{1,5}|[:.,]|[ \t]|noon|midnight|[AaPp]|[Mm]|[AaPp]\.? ?[Mm]\.?|hrs?|h|Z|HH:MM|hh:mm|HH:mm|:SS|:ss|XX:xx|--:--|\?\?:\?\?|[>*_+#|)-]|x|\u{a0}|é)){0,12}"
        ) {
            let (re, small) = (clock_pattern(), small_patterns());
            if let Err(e) = agree(&re, &small, &text) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}
