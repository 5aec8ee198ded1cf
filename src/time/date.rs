//! Dates: `2024-06-19`, `June 19, 2024`, `19 June 2024`, `Jun. 19`, `Monday, March 4, 2024`,
//! and numeric dates (`19/06/2024`; `03/04/2024` with both readings kept, for the document to
//! decide).

use jiff::civil::{Date, Weekday};

use super::text::{accepted, char_at, char_before, is_word_char};
use super::{DateOrder, REFERENCE_DATE, Range, WeekdayMismatch};
use crate::bytes::{
    byte_in, ci_word_at, digits, spaces, word_boundary_after, word_boundary_before,
};

/// A date found in text, before it is attached to a time or reported on its own.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FoundDate {
    pub span: Range<usize>,
    pub date: Date,
    pub year_known: bool,
    pub weekday_mismatch: Option<WeekdayMismatch>,
    /// Written as `2024-06-19`: with a time after it, the whole is ISO 8601.
    pub iso: bool,
    pub order: DateOrder,
}

/// A date as written, before a missing year is filled in.
struct RawDate {
    span: Range<usize>,
    year: Option<i16>,
    month: i8,
    day: i8,
    weekday: Option<Weekday>,
    iso: bool,
    /// For a numeric date whose parts can be swapped, the day-first reading's (day, month).
    order: RawOrder,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RawOrder {
    Fixed,
    DayFirst,
    MonthFirst,
    /// Month first in `month` and `day`; day first swaps them.
    Either,
}

/// A written date: where it is and its parts as written, before any is checked.
#[derive(Clone, Debug, PartialEq)]
struct DateMatch {
    span: Range<usize>,
    form: Form,
}

#[derive(Clone, Debug, PartialEq)]
enum Form {
    /// `2024-06-19`, `2024/6/9`.
    Iso {
        year: Range<usize>,
        separator: Range<usize>,
        month: Range<usize>,
        day: Range<usize>,
    },
    /// `19/06/2024`, `6.19.2024`.
    Numeric {
        a: Range<usize>,
        separator: Range<usize>,
        b: Range<usize>,
        year: Range<usize>,
    },
    /// `Monday, June 19th, 2024`, `19th of Jun. 2024`. `month` holds a dot after it in the
    /// day-first form; `year` holds the comma and spaces before it.
    Named {
        weekday: Option<Range<usize>>,
        month_first: bool,
        month: Range<usize>,
        day: Range<usize>,
        ordinal: Option<Range<usize>>,
        year: Option<Range<usize>>,
    },
}

/// The first date starting at or after `from`. Hand-written (the pattern it replaces cost
/// 0.56 ms to compile on every run, and a lazy DFA search per block): every form starts
/// a word, and at one position the ISO form wins over the numeric one, which wins over
/// the named one. The tests compare it with that pattern.
fn next_date(text: &str, from: usize) -> Option<(usize, DateMatch)> {
    let b = text.as_bytes();
    (from..b.len())
        .filter(|&s| b[s].is_ascii_alphanumeric() && word_boundary_before(b, s))
        .find_map(|s| {
            Some((
                s,
                iso_at(b, s)
                    .or_else(|| numeric_at(b, s))
                    .or_else(|| named_at(b, s))?,
            ))
        })
}

/// The end of a month name written at `i` as a whole word, in any ASCII case.
fn month_at(b: &[u8], i: usize) -> Option<usize> {
    let names: &[&str] = match &lower_head(b, i)? {
        b"jan" => &["january", "jan"],
        b"feb" => &["february", "feb"],
        b"mar" => &["march", "mar"],
        b"apr" => &["april", "apr"],
        b"may" => &["may"],
        b"jun" => &["june", "jun"],
        b"jul" => &["july", "jul"],
        b"aug" => &["august", "aug"],
        b"sep" => &["september", "sept", "sep"],
        b"oct" => &["october", "oct"],
        b"nov" => &["november", "nov"],
        b"dec" => &["december", "dec"],
        _ => return None,
    };
    whole_word_at(b, i, names)
}

/// The end of a weekday name written at `i` as a whole word, in any ASCII case.
fn weekday_at(b: &[u8], i: usize) -> Option<usize> {
    let names: &[&str] = match &lower_head(b, i)? {
        b"mon" => &["monday", "mon"],
        b"tue" => &["tuesday", "tues", "tue"],
        b"wed" => &["wednesday", "wed"],
        b"thu" => &["thursday", "thurs", "thu"],
        b"fri" => &["friday", "fri"],
        b"sat" => &["saturday", "sat"],
        b"sun" => &["sunday", "sun"],
        _ => return None,
    };
    whole_word_at(b, i, names)
}

/// The first three bytes at `i` in ASCII lower case: every month and weekday name has
/// three letters or more, and no two of them share their first three unless one is an
/// abbreviation of the other.
fn lower_head(b: &[u8], i: usize) -> Option<[u8; 3]> {
    let head = b.get(i..i + 3)?;
    Some([head[0], head[1], head[2]].map(|c| c.to_ascii_lowercase()))
}

/// The end of the first of `names` (longest first) written at `i` as a whole word.
fn whole_word_at(b: &[u8], i: usize, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|w| ci_word_at(b, i, w))
}

/// Four digits, a `-` or `/`, one or two digits, a `-` or `/`, one or two digits.
fn iso_at(b: &[u8], s: usize) -> Option<DateMatch> {
    let sep = s + 4;
    if digits(b, s, 4) != 4 || !byte_in(b, sep, b"-/") {
        return None;
    }
    let month = digits(b, sep + 1, 2);
    let second = sep + 1 + month;
    if month == 0 || !byte_in(b, second, b"-/") {
        return None;
    }
    let day = digits(b, second + 1, 2);
    let end = second + 1 + day;
    (day > 0).then(|| DateMatch {
        span: s..end,
        form: Form::Iso {
            year: s..sep,
            separator: sep..sep + 1,
            month: sep + 1..second,
            day: second + 1..end,
        },
    })
}

/// One or two digits, a `-`, `/` or `.`, one or two digits, another, and a four-digit year.
fn numeric_at(b: &[u8], s: usize) -> Option<DateMatch> {
    let a = digits(b, s, 2);
    let sep = s + a;
    if a == 0 || !byte_in(b, sep, b"-/.") {
        return None;
    }
    let n = digits(b, sep + 1, 2);
    let second = sep + 1 + n;
    if n == 0 || !byte_in(b, second, b"-/.") {
        return None;
    }
    // A four-digit year, or two digits (`4/21/23`; `read_numeric` takes those after `/` only).
    let year_digits = digits(b, second + 1, 4);
    let end = second + 1 + year_digits;
    let ends = word_boundary_after(b, end) || stray_underscore_at(b, end);
    (matches!(year_digits, 2 | 4) && ends).then(|| DateMatch {
        span: s..end,
        form: Form::Numeric {
            a: s..sep,
            separator: sep..sep + 1,
            b: sep + 1..second,
            year: second + 1..end,
        },
    })
}

/// An emphasis mark left over after a date, with nothing glued to it (`-4/25/23_` for
/// `_4/25/23_`).
fn stray_underscore_at(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&b'_') && word_boundary_after(b, i + 1)
}

/// An optional weekday (`Monday, `), then `June 19th, 2024` or `19th of June, 2024`.
fn named_at(b: &[u8], s: usize) -> Option<DateMatch> {
    if let Some(name_end) = weekday_at(b, s) {
        let mut i = name_end;
        i += usize::from(b.get(i) == Some(&b'.'));
        i += usize::from(b.get(i) == Some(&b','));
        let gap = spaces(b, i);
        if gap > 0
            && let Some(mut found) = named_rest(b, i + gap)
        {
            found.span.start = s;
            if let Form::Named { weekday, .. } = &mut found.form {
                *weekday = Some(s..name_end);
            }
            return Some(found);
        }
    }
    named_rest(b, s)
}

fn named_rest(b: &[u8], p: usize) -> Option<DateMatch> {
    month_first(b, p).or_else(|| day_first(b, p))
}

/// An optional year after a date: `, 2024` or ` 2024`, as a whole word.
fn year_after(b: &[u8], i: usize) -> Option<Range<usize>> {
    let comma = usize::from(b.get(i) == Some(&b','));
    let gap = spaces(b, i + comma);
    let digits_at = i + comma + gap;
    (gap > 0 && digits(b, digits_at, 4) == 4 && word_boundary_after(b, digits_at + 4))
        .then_some(i..digits_at + 4)
}

/// A lower-case ordinal suffix at `i`: `st`, `nd`, `rd`, `th`.
fn ordinal_at(b: &[u8], i: usize) -> bool {
    matches!(b.get(i..i + 2), Some(b"st" | b"nd" | b"rd" | b"th"))
}

/// `June 19`, `Jun. 19th`, `June 19, 2024`.
fn month_first(b: &[u8], p: usize) -> Option<DateMatch> {
    if !word_boundary_before(b, p) {
        return None;
    }
    let month_end = month_at(b, p)?;
    let mut i = month_end;
    i += usize::from(b.get(i) == Some(&b'.'));
    let gap = spaces(b, i);
    let day = digits(b, i + gap, 2);
    if gap == 0 || day == 0 {
        return None;
    }
    let day = i + gap..i + gap + day;
    let ordinal = (ordinal_at(b, day.end) && word_boundary_after(b, day.end + 2))
        .then_some(day.end..day.end + 2);
    if ordinal.is_none() && !word_boundary_after(b, day.end) {
        return None;
    }
    let end = ordinal.as_ref().map_or(day.end, |o| o.end);
    let year = year_after(b, end);
    Some(DateMatch {
        span: p..year.as_ref().map_or(end, |y| y.end),
        form: Form::Named {
            weekday: None,
            month_first: true,
            month: p..month_end,
            day,
            ordinal,
            year,
        },
    })
}

/// `19 June`, `19th of June`, `19 Jun. 2024`.
fn day_first(b: &[u8], p: usize) -> Option<DateMatch> {
    let day = digits(b, p, 2);
    if day == 0 || !word_boundary_before(b, p) {
        return None;
    }
    let day = p..p + day;
    let with_ordinal = ordinal_at(b, day.end).then_some(day.end..day.end + 2);
    let ordinal = with_ordinal.filter(|o| spaces(b, o.end) > 0);
    let i = ordinal.as_ref().map_or(day.end, |o| o.end);
    let gap = spaces(b, i);
    if gap == 0 {
        return None;
    }
    let mut month_start = i + gap;
    if b.get(month_start..month_start + 2) == Some(b"of") {
        let of_gap = spaces(b, month_start + 2);
        if of_gap > 0 && month_at(b, month_start + 2 + of_gap).is_some() {
            month_start += 2 + of_gap;
        }
    }
    let mut month_end = month_at(b, month_start)?;
    month_end += usize::from(b.get(month_end) == Some(&b'.'));
    let year = year_after(b, month_end);
    Some(DateMatch {
        span: p..year.as_ref().map_or(month_end, |y| y.end),
        form: Form::Named {
            weekday: None,
            month_first: false,
            month: month_start..month_end,
            day,
            ordinal,
            year,
        },
    })
}

/// Numeric dates whose year was cut short or ran on (`11/03/202`, `12/14/20202`): a day and
/// month of one or two digits, then a year of three digits or of five or more. Nothing reads
/// them as dates, so a timeline entry stamped with one has no date at all.
pub fn broken_dates(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut s = 0;
    while s < b.len() {
        let found = (word_boundary_before(b, s) && b[s].is_ascii_digit())
            .then(|| broken_date_at(b, s))
            .flatten();
        match found {
            Some(end) => {
                out.push(s..end);
                s = end;
            }
            None => s += 1,
        }
    }
    out
}

fn broken_date_at(b: &[u8], s: usize) -> Option<usize> {
    let a = digits(b, s, 2);
    let sep = *b.get(s + a)?;
    if a == 0 || !matches!(sep, b'/' | b'-') {
        return None;
    }
    let n = digits(b, s + a + 1, 2);
    let second = s + a + 1 + n;
    if n == 0 || b.get(second) != Some(&sep) {
        return None;
    }
    let year = digits(b, second + 1, 8);
    let end = second + 1 + year;
    (matches!(year, 3 | 5..=8) && word_boundary_after(b, end)).then_some(end)
}

/// Every date in `text`, in order. A date written without a year borrows the year of the
/// nearest earlier dated mention in the same text (else the nearest later one, else
/// [`REFERENCE_DATE`]'s), because postmortems give the year once and then write "Jun 20".
pub(crate) fn find_dates(text: &str) -> Vec<FoundDate> {
    // Every form has a day or year in digits: most prose has none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let raw: Vec<RawDate> = accepted(
        text,
        |pos| next_date(text, pos),
        |found| {
            let date = read_date(text, found)?;
            let end = date.span.end;
            Some((date, end))
        },
    );
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
            let order = match r.order {
                RawOrder::Fixed => DateOrder::Fixed,
                RawOrder::DayFirst => DateOrder::DayFirst,
                RawOrder::MonthFirst => DateOrder::MonthFirst,
                // Both readings must be dates: 02/30 month first is none.
                RawOrder::Either => match Date::new(year, r.day, r.month) {
                    Ok(day_first) => DateOrder::Either { day_first },
                    Err(_) => DateOrder::MonthFirst,
                },
            };
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
                order,
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

fn read_date(text: &str, found: &DateMatch) -> Option<RawDate> {
    let span = found.span.clone();
    match &found.form {
        Form::Iso {
            year,
            separator,
            month,
            day,
        } => {
            // Both separators must agree: "2024-06/19" is not a date anyone writes.
            if !text[span.start + 5..span.end].contains(&text[separator.clone()])
                || !stands_alone(text, &span)
            {
                return None;
            }
            Some(RawDate {
                span,
                year: Some(text[year.clone()].parse().ok()?),
                month: text[month.clone()].parse().ok()?,
                day: text[day.clone()].parse().ok()?,
                weekday: None,
                iso: true,
                order: RawOrder::Fixed,
            })
        }
        Form::Numeric {
            a,
            separator,
            b,
            year,
        } => read_numeric(
            text,
            span,
            [a, separator, b, year].map(|r| &text[r.clone()]),
        ),
        Form::Named {
            weekday,
            month_first,
            month,
            day,
            ordinal,
            year,
        } => read_named(
            text,
            found.span.start,
            *month_first,
            (
                weekday.as_ref().map(|w| &text[w.clone()]),
                &text[month.clone()],
                &text[day.clone()],
            ),
            [month.end, ordinal.as_ref().map_or(day.end, |o| o.end)],
            year.as_ref().map(|y| (y.end, &text[y.clone()])),
        ),
    }
}

/// Neighbours that make a match part of something else: a version, an IP address, a path.
fn stands_alone(text: &str, span: &Range<usize>) -> bool {
    let glued = |c: Option<char>, next: Option<char>| match c {
        Some(c) if is_word_char(c) => true,
        Some('.' | '-' | '/' | ':') => next.is_some_and(|n| n.is_ascii_digit()),
        _ => false,
    };
    let before = char_before(text, span.start);
    // A stray mark that glues to nothing else ("-4/25/23_", a mistyped `_4/25/23_`).
    let stray_dash = before == Some('-')
        && !char_before(text, span.start - 1).is_some_and(|c| is_word_char(c) || c == '-');
    let before_ok = stray_dash
        || !before.is_some_and(|c| is_word_char(c) || matches!(c, '.' | '-' | '/' | ':'));
    let after = char_at(text, span.end);
    let after_next = after.and_then(|c| char_at(text, span.end + c.len_utf8()));
    // "2024-06-19T14:05" continues with a time: the T belongs to ISO 8601.
    let after_ok = after == Some('T')
        || stray_underscore_at(text.as_bytes(), span.end)
        || !glued(after, after_next);
    before_ok && after_ok
}

/// `19/06/2024`, `06/19/2024`, `03/04/2024`, `4/21/23`. When day and month can be swapped
/// (both 12 or under, and different), the date is read month first and marked
/// [`RawOrder::Either`]: the document decides (with `/` or `-`; with dots, only a date that
/// reads one way). A two-digit year is read after `/` only
/// (`1.2.23` is a version).
fn read_numeric(
    text: &str,
    span: Range<usize>,
    [a, separator, b, year]: [&str; 4],
) -> Option<RawDate> {
    let a: i8 = a.parse().ok()?;
    let b: i8 = b.parse().ok()?;
    let consistent = text[span.clone()].matches(separator).count() == 2;
    if !consistent || !stands_alone(text, &span) {
        return None;
    }
    let year: i16 = match year.len() {
        4 => year.parse().ok()?,
        2 if separator == "/" => 2000 + year.parse::<i16>().ok()?,
        _ => return None,
    };
    let (month, day, order) = match (a, b) {
        (a, b) if a == b => (a, b, RawOrder::Fixed),
        (a, b) if a > 12 && b <= 12 => (b, a, RawOrder::DayFirst),
        (a, b) if b > 12 && a <= 12 => (a, b, RawOrder::MonthFirst),
        // `1.2.2024` is as often a version as a date: dots take only a date that reads one way.
        (a, b) if a <= 12 && b <= 12 && separator != "." => (a, b, RawOrder::Either),
        _ => return None,
    };
    Some(RawDate {
        span,
        year: Some(year),
        month,
        day,
        weekday: None,
        iso: false,
        order,
    })
}

/// A named date from its written parts: weekday, month and day; where the month and the
/// day (with its ordinal) end; and the year with where it ends.
fn read_named(
    text: &str,
    start: usize,
    month_first: bool,
    (written_weekday, month, day): (Option<&str>, &str, &str),
    [month_end, day_end]: [usize; 2],
    year: Option<(usize, &str)>,
) -> Option<RawDate> {
    // "5:30 June 19" must not read as "30 June".
    if !month_first && matches!(char_before(text, start), Some(':' | '.')) {
        return None;
    }
    // "may" in lower case is the verb far more often than the month.
    if month.starts_with("may") {
        return None;
    }
    let year = year.and_then(|(end, y)| plausible_year(y).map(|n| (end, n)));
    let end = [month_end, day_end, year.map_or(0, |(end, _)| end)]
        .into_iter()
        .max()
        .unwrap_or(day_end);
    Some(RawDate {
        span: start..end,
        year: year.map(|(_, n)| n),
        month: month_number(month)?,
        day: day.parse().ok()?,
        weekday: written_weekday.and_then(weekday),
        iso: false,
        order: RawOrder::Fixed,
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
            // A mistyped emphasis around a date sub-heading: `-4/25/23_` for `_4/25/23_`.
            ("-4/25/23_", "4/25/23", date(2023, 4, 25), true),
            ("4/25/2023_", "4/25/2023", date(2023, 4, 25), true),
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
    fn numeric_dates_keep_both_readings_when_day_and_month_can_be_swapped() {
        let order = |text: &str| find_dates(text).first().map(|d| (d.date, d.order));
        assert_eq!(
            order("06/07/2024"),
            Some((
                date(2024, 6, 7),
                DateOrder::Either {
                    day_first: date(2024, 7, 6)
                }
            ))
        );
        assert_eq!(
            order("19/06/2024"),
            Some((date(2024, 6, 19), DateOrder::DayFirst))
        );
        assert_eq!(
            order("4/21/23"),
            Some((date(2023, 4, 21), DateOrder::MonthFirst))
        );
        assert_eq!(
            order("05/05/2024"),
            Some((date(2024, 5, 5), DateOrder::Fixed))
        );
        assert_eq!(
            order("June 7, 2024"),
            Some((date(2024, 6, 7), DateOrder::Fixed))
        );
    }

    #[test]
    fn dates_with_a_year_cut_short_or_run_on() {
        let broken = |text: &str| -> Vec<String> {
            broken_dates(text)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        assert_eq!(broken("- 11/03/202: wallet sync loop"), ["11/03/202"]);
        assert_eq!(broken("12-14-20202 14:05"), ["12-14-20202"]);
        for fine in [
            "11/03/2023",
            "4/25/23",
            "2024-06-19",
            "v11/03/202",
            "11/03-202",
            "1/2/3",
        ] {
            assert_eq!(broken(fine), Vec::<String>::new(), "{fine}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "version 1.2.2024",
            "version 1.2.23",
            "1-2-23",
            "we may 5 times",
            "2024-13-01",
            "February 30, 2024",
            "2024-06/19",
            "1.2024-06-19",
            "24/7 support",
            "v2024-06-19",
            "Marketing 5",
            "2024-4/25/23",
            "4/25/23_x",
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

    /// The pattern the hand-written scanner replaced.
    fn pattern() -> crate::pattern::Pattern {
        const MONTH: &str = r"(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
        const WEEKDAY: &str = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thu|fri|sat|sun)";
        crate::pattern::Pattern::new(&format!(
            r"(?x)
            (?P<iso>\b(?P<iy>\d{{4}})(?P<is>[-/])(?P<im>\d{{1,2}})[-/](?P<id>\d{{1,2}}))
          | (?P<num>\b(?P<na>\d{{1,2}})(?P<ns>[-/.])(?P<nb>\d{{1,2}})[-/.](?P<ny>\d{{4}}|\d{{2}})\b)
          | (?:\b(?P<wd>{WEEKDAY})\b\.?,?\s+)?
            (?:
                (?P<m1>\b{MONTH}\b)\.?\s+(?P<d1>\d{{1,2}})(?P<o1>st|nd|rd|th)?\b(?P<y1>,?\s+\d{{4}}\b)?
              | (?P<d2>\b\d{{1,2}})(?P<o2>st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH}\b\.?)(?P<y2>,?\s+\d{{4}}\b)?
            )"
        ))
        .unwrap()
    }

    /// Every match of the pattern from `from` on, as the scanner describes it.
    fn by_pattern(
        re: &crate::pattern::Pattern,
        text: &str,
        from: usize,
    ) -> Option<(usize, DateMatch)> {
        let caps = re.captures_at(text, from)?;
        let r = |name: &str| caps.name(name).map(|m| m.start()..m.end());
        let span = caps.get(0)?.start()..caps.get(0)?.end();
        let form = if let Some(year) = r("iy") {
            Form::Iso {
                year,
                separator: r("is")?,
                month: r("im")?,
                day: r("id")?,
            }
        } else if let Some(a) = r("na") {
            Form::Numeric {
                a,
                separator: r("ns")?,
                b: r("nb")?,
                year: r("ny")?,
            }
        } else if let Some(month) = r("m1") {
            Form::Named {
                weekday: r("wd"),
                month_first: true,
                month,
                day: r("d1")?,
                ordinal: r("o1"),
                year: r("y1"),
            }
        } else {
            Form::Named {
                weekday: r("wd"),
                month_first: false,
                month: r("m2")?,
                day: r("d2")?,
                ordinal: r("o2"),
                year: r("y2"),
            }
        };
        Some((span.start, DateMatch { span, form }))
    }

    fn agree(re: &crate::pattern::Pattern, text: &str) -> Result<(), String> {
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let (hand, pattern) = (next_date(text, from), by_pattern(re, text, from));
            if hand != pattern {
                return Err(format!(
                    "{text:?} from {from}: scanner {hand:?}, pattern {pattern:?}"
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn the_scanner_agrees_with_the_pattern_on_written_dates() {
        let re = pattern();
        for text in [
            "on 2024-06-19.",
            "2024/6/9",
            "12024-06-19",
            "2024-06-1999",
            "2024-6/19",
            "1.2.2024",
            "19/06/2024",
            "19/06/20245",
            "1/2/2024x",
            "06.19.2024",
            "Monday, March 4, 2024",
            "Mon. 4 March",
            "mon 4 of march",
            "Tue,  June 19th, 2024",
            "Sunday June",
            "june 19th",
            "June 19sts",
            "June 123",
            "June 12th2024",
            "June 12 2024",
            "June 12, 20245",
            "Jun.5",
            "Jun. 5",
            "Sept 3",
            "September 30th, 2023",
            "19th of June, 2024",
            "19 of octopus",
            "19th June",
            "19st of Jun.",
            "19 Jun. 2024",
            "19stJune",
            "123 June",
            "a12 June",
            "5:30 June 19",
            "Junes 5",
            "JUNE 5TH",
            "Thurs, Dec 1",
            "x_Dec 1",
            "é1 June",
            "1\u{a0}June",
            "1\tJune\n2024",
            "Friday\n12 may",
            "from 3 to 4 June 2024",
            "Saturday, 2024-06-01",
            "Wed 2024",
            "Wednesday, 2024/06/01",
            "dec. 31st, 1999",
        ] {
            agree(&re, text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn the_scanner_agrees_with_the_pattern(
            text in r"((Monday|Tue|tues|THU|sun|june|Jun|JUNE|may|Sept|sep|dec|of|st|nd|th|x|[0-9]{1,5}|[-/.,:_ \t]|\u{a0}|é)){0,12}"
        ) {
            let re = pattern();
            if let Err(e) = agree(&re, &text) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}
