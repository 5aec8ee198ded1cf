//! Dates: `2024-06-19`, `June 19, 2024`, `19 June 2024`, `Jun. 19`, `Monday, March 4, 2024`,
//! and numeric dates only when day and month cannot be confused.

use std::sync::LazyLock;

use crate::pattern::{Captures, Pattern};
use jiff::civil::{Date, Weekday};

use super::text::{accepted_matches, char_at, char_before, is_word_char};
use super::{REFERENCE_DATE, Range, WeekdayMismatch};

/// A date found in text, before it is attached to a time or reported on its own.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FoundDate {
    pub span: Range<usize>,
    pub date: Date,
    pub year_known: bool,
    pub weekday_mismatch: Option<WeekdayMismatch>,
    /// Written as `2024-06-19`: with a time after it, the whole is ISO 8601.
    pub iso: bool,
}

/// A date as written, before a missing year is filled in.
struct RawDate {
    span: Range<usize>,
    year: Option<i16>,
    month: i8,
    day: i8,
    weekday: Option<Weekday>,
    iso: bool,
}

const MONTH: &str = r"(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
const WEEKDAY: &str = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thu|fri|sat|sun)";

static DATE: LazyLock<Pattern> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<iso>\b(?P<iy>\d{{4}})(?P<is>[-/])(?P<im>\d{{1,2}})[-/](?P<id>\d{{1,2}}))
      | (?P<num>\b(?P<na>\d{{1,2}})(?P<ns>[-/.])(?P<nb>\d{{1,2}})[-/.](?P<ny>\d{{4}})\b)
      | (?:\b(?P<wd>{WEEKDAY})\b\.?,?\s+)?
        (?:
            (?P<m1>\b{MONTH}\b)\.?\s+(?P<d1>\d{{1,2}})(?P<o1>st|nd|rd|th)?\b(?P<y1>,?\s+\d{{4}}\b)?
          | (?P<d2>\b\d{{1,2}})(?P<o2>st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH}\b\.?)(?P<y2>,?\s+\d{{4}}\b)?
        )"
    );
    Pattern::new(&pattern).expect("valid regex")
});

/// Every date in `text`, in order. A date written without a year borrows the year of the
/// nearest earlier dated mention in the same text (else the nearest later one, else
/// [`REFERENCE_DATE`]'s), because postmortems give the year once and then write "Jun 20".
pub(crate) fn find_dates(text: &str) -> Vec<FoundDate> {
    // Every form has a day or year in digits: most prose has none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let raw: Vec<RawDate> = accepted_matches(&DATE, text, |caps| {
        let date = read_date(text, caps)?;
        let end = date.span.end;
        Some((date, end))
    });
    let known_years: Vec<(usize, i16)> = raw
        .iter()
        .filter_map(|r| Some((r.span.start, r.year?)))
        .collect();
    raw.into_iter()
        .filter_map(|r| {
            let year = r
                .year
                .unwrap_or_else(|| borrowed_year(&known_years, r.span.start));
            let date = Date::new(year, r.month, r.day).ok()?;
            let weekday_mismatch = r.weekday.filter(|_| r.year.is_some()).and_then(|written| {
                let actual = date.weekday();
                (written != actual).then_some(WeekdayMismatch { written, actual })
            });
            Some(FoundDate {
                span: r.span,
                date,
                year_known: r.year.is_some(),
                weekday_mismatch,
                iso: r.iso,
            })
        })
        .collect()
}

fn borrowed_year(known: &[(usize, i16)], at: usize) -> i16 {
    let earlier = known.iter().rev().find(|(pos, _)| *pos < at);
    let later = known.iter().find(|(pos, _)| *pos > at);
    earlier
        .or(later)
        .map_or(REFERENCE_DATE.year(), |(_, year)| *year)
}

fn read_date(text: &str, caps: &Captures) -> Option<RawDate> {
    if caps.name("iso").is_some() {
        read_iso(text, caps)
    } else if caps.name("num").is_some() {
        read_numeric(text, caps)
    } else {
        read_named(text, caps)
    }
}

/// Neighbours that make a match part of something else: a version, an IP address, a path.
fn stands_alone(text: &str, span: &Range<usize>) -> bool {
    let glued = |c: Option<char>, next: Option<char>| match c {
        Some(c) if is_word_char(c) => true,
        Some('.' | '-' | '/' | ':') => next.is_some_and(|n| n.is_ascii_digit()),
        _ => false,
    };
    let before_ok = !char_before(text, span.start)
        .is_some_and(|c| is_word_char(c) || matches!(c, '.' | '-' | '/' | ':'));
    let after = char_at(text, span.end);
    let after_next = after.and_then(|c| char_at(text, span.end + c.len_utf8()));
    // "2024-06-19T14:05" continues with a time: the T belongs to ISO 8601.
    let after_ok = after == Some('T') || !glued(after, after_next);
    before_ok && after_ok
}

fn read_iso(text: &str, caps: &Captures) -> Option<RawDate> {
    let whole = caps.name("iso")?;
    let span = whole.range();
    let separator = caps.name("is")?.as_str();
    // Both separators must agree: "2024-06/19" is not a date anyone writes.
    if !whole.as_str()[5..].contains(separator) || !stands_alone(text, &span) {
        return None;
    }
    Some(RawDate {
        span,
        year: Some(caps.name("iy")?.as_str().parse().ok()?),
        month: caps.name("im")?.as_str().parse().ok()?,
        day: caps.name("id")?.as_str().parse().ok()?,
        weekday: None,
        iso: true,
    })
}

/// `19/06/2024`: accepted only when day and month cannot be swapped (one is above 12, or
/// both are equal), because DD/MM and MM/DD are both common and a wrong guess moves the
/// incident by months.
fn read_numeric(text: &str, caps: &Captures) -> Option<RawDate> {
    let whole = caps.name("num")?;
    let span = whole.range();
    let a: i8 = caps.name("na")?.as_str().parse().ok()?;
    let b: i8 = caps.name("nb")?.as_str().parse().ok()?;
    let separator = caps.name("ns")?.as_str();
    let consistent = whole.as_str().matches(separator).count() == 2;
    if !consistent || !stands_alone(text, &span) {
        return None;
    }
    let (day, month) = match (a, b) {
        (a, b) if a == b => (a, b),
        (a, b) if a > 12 && b <= 12 => (a, b),
        (a, b) if b > 12 && a <= 12 => (b, a),
        _ => return None,
    };
    Some(RawDate {
        span,
        year: Some(caps.name("ny")?.as_str().parse().ok()?),
        month,
        day,
        weekday: None,
        iso: false,
    })
}

fn read_named(text: &str, caps: &Captures) -> Option<RawDate> {
    let (month, day, ordinal, year) = match caps.name("m1") {
        Some(m) => (m, caps.name("d1")?, caps.name("o1"), caps.name("y1")),
        None => (
            caps.name("m2")?,
            caps.name("d2")?,
            caps.name("o2"),
            caps.name("y2"),
        ),
    };
    // "5:30 June 19" must not read as "30 June".
    let start = caps.get(0)?.start();
    if caps.name("m1").is_none() && matches!(char_before(text, start), Some(':' | '.')) {
        return None;
    }
    // "may" in lower case is the verb far more often than the month.
    if month.as_str().starts_with("may") {
        return None;
    }
    let year = year.and_then(|y| plausible_year(y.as_str()).map(|n| (y.end(), n)));
    let day_end = ordinal.map_or(day.end(), |o| o.end());
    let end = [month.end(), day_end, year.map_or(0, |(end, _)| end)]
        .into_iter()
        .max()
        .unwrap_or(day_end);
    Some(RawDate {
        span: start..end,
        year: year.map(|(_, n)| n),
        month: month_number(month.as_str())?,
        day: day.as_str().parse().ok()?,
        weekday: caps.name("wd").and_then(|w| weekday(w.as_str())),
        iso: false,
    })
}

/// A four-digit number after a day is a year only if it looks like one; "Jun 19 1405" is not.
fn plausible_year(text: &str) -> Option<i16> {
    let digits = text.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    let year: i16 = digits.parse().ok()?;
    (1970..=2100).contains(&year).then_some(year)
}

fn month_number(name: &str) -> Option<i8> {
    let key = name.trim_end_matches('.').to_ascii_lowercase();
    let prefix = key.get(..3)?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let index = months.iter().position(|m| *m == prefix)?;
    i8::try_from(index + 1).ok()
}

fn weekday(name: &str) -> Option<Weekday> {
    let key = name.to_ascii_lowercase();
    let prefix = key.get(..3)?;
    Some(match prefix {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dates(text: &str) -> Vec<(String, Date, bool)> {
        find_dates(text)
            .into_iter()
            .map(|d| (text[d.span].to_string(), d.date, d.year_known))
            .collect()
    }

    #[test]
    fn recognised_dates() {
        let cases: &[(&str, &str, Date, bool)] = &[
            ("on 2024-06-19.", "2024-06-19", date(2024, 6, 19), true),
            ("2024/06/19", "2024/06/19", date(2024, 6, 19), true),
            ("June 19, 2024", "June 19, 2024", date(2024, 6, 19), true),
            (
                "June 19th, 2024",
                "June 19th, 2024",
                date(2024, 6, 19),
                true,
            ),
            ("19 June 2024", "19 June 2024", date(2024, 6, 19), true),
            (
                "19th of June, 2024",
                "19th of June, 2024",
                date(2024, 6, 19),
                true,
            ),
            ("on Jun 19 we", "Jun 19", date(2000, 6, 19), false),
            ("Jun. 19", "Jun. 19", date(2000, 6, 19), false),
            (
                "Monday, March 4, 2024",
                "Monday, March 4, 2024",
                date(2024, 3, 4),
                true,
            ),
            (
                "lowercase april 5, 2023",
                "april 5, 2023",
                date(2023, 4, 5),
                true,
            ),
            ("19/06/2024", "19/06/2024", date(2024, 6, 19), true),
            ("06/19/2024", "06/19/2024", date(2024, 6, 19), true),
            ("19-06-2024", "19-06-2024", date(2024, 6, 19), true),
            ("06/06/2024", "06/06/2024", date(2024, 6, 6), true),
            ("May 10, 2024", "May 10, 2024", date(2024, 5, 10), true),
            ("Jun 19 1405Z", "Jun 19", date(2000, 6, 19), false),
            ("Sept 3, 2023", "Sept 3, 2023", date(2023, 9, 3), true),
        ];
        for (text, span, expected, year_known) in cases {
            assert_eq!(
                dates(text),
                [(span.to_string(), *expected, *year_known)],
                "{text}"
            );
        }
    }

    #[test]
    fn missing_years_are_borrowed_from_neighbours() {
        let found = dates("June 19, 2023 until Jun 20");
        assert_eq!(found[1].1, date(2023, 6, 20));
        let found = dates("Jun 18 then June 19, 2022");
        assert_eq!(found[0].1, date(2022, 6, 18));
    }

    #[test]
    fn not_dates() {
        for text in [
            "06/07/2024",
            "version 1.2.2024",
            "we may 5 times",
            "2024-13-01",
            "February 30, 2024",
            "2024-06/19",
            "1.2024-06-19",
            "24/7 support",
            "v2024-06-19",
            "Marketing 5",
        ] {
            assert_eq!(dates(text), [], "{text}");
        }
    }

    #[test]
    fn weekday_mismatch_is_reported() {
        let found = find_dates("Monday, March 9, 2024");
        assert_eq!(
            found[0].weekday_mismatch,
            Some(WeekdayMismatch {
                written: Weekday::Monday,
                actual: Weekday::Saturday
            })
        );
        assert_eq!(
            find_dates("Saturday, March 9, 2024")[0].weekday_mismatch,
            None
        );
    }
}
