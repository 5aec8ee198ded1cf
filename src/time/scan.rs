//! Assembling clock tokens, dates and zones into mentions.

use crate::tail::Tail;

use super::clock::{Clock, find_clocks};
use super::date::{FoundDate, find_dates};
use super::duration::find_durations;
use super::zones::{Placement, ZoneMention, Zones, find_zones, zone_at};
use super::{ClockStyle, DateMention, DateOrder, MalformedTime, Range, Scan, TimeMention};
use crate::bytes::{digits, is_space, spaces};

/// What may stand between a time and its zone or date: "14:00 WAT", "**14:00** WAT",
/// "2:00 PM (GMT +2)", "14:00, June 19", "14:00 on June 19". The gap at the start of
/// `rest`: emphasis, then a comma, an opening parenthesis or white space (at least one of
/// them), then "on ", then emphasis; `None` when there is none.
fn gap_after(rest: &str) -> Option<&str> {
    let b = rest.as_bytes();
    let emphasis = |from: usize| {
        from + b[from..]
            .iter()
            .take_while(|&&c| matches!(c, b'*' | b'_'))
            .count()
    };
    let mut end = emphasis(0);
    let lead = spaces(b, end);
    if matches!(b.get(end + lead), Some(b',' | b'(')) {
        end += lead + 1;
        end += spaces(b, end);
    } else if lead > 0 {
        end += lead;
    } else {
        return None;
    }
    if b[end..].starts_with(b"on") && spaces(b, end + 2) > 0 {
        end += 2 + spaces(b, end + 2);
    }
    Some(&rest[..emphasis(end)])
}

/// What may stand between a date and the time it dates: "June 19, 2024, 14:00",
/// "2024-06-19T14:05", "June 19 at 14:00", "**June 19** 14:00".
fn is_gap_before(gap: &str) -> bool {
    let emphasis = |b: u8| matches!(b, b'*' | b'_');
    Tail::new(gap)
        .either([&|t: Tail| t.exact(&["T"]), &|t: Tail| {
            t.many(0, emphasis)
                .optional(|t| t.spaces(1).exact(&["at", "@"]))
                .spaces(0)
                .maybe(|b| b == b',')
                .spaces(0)
                .many(0, emphasis)
        }])
        .whole()
}

/// The rest of a parenthesised zone: "(Africa/Lagos, GMT+1)" keeps the first zone and reads
/// past the second to the closing parenthesis; the length read. The second item must look
/// like a zone name or offset, so a time inside the parentheses is never swallowed.
fn paren_tail(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let close = |at: usize| {
        let at = at + spaces(b, at);
        (b.get(at) == Some(&b')')).then_some(at + 1)
    };
    second_zone_ends(b)
        .into_iter()
        .find_map(close)
        .or_else(|| close(0))
}

/// Where a second zone item (", GMT", ", UTC+1", ", Europe/Paris -05:00") may end, in the
/// order a closing parenthesis is looked for after it: with the longest offset first.
fn second_zone_ends(b: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let comma = spaces(b, 0);
    if b.get(comma) != Some(&b',') {
        return ends;
    }
    let name = comma + 1 + spaces(b, comma + 1);
    if !b.get(name).is_some_and(u8::is_ascii_alphabetic) {
        return ends;
    }
    let name_end = name
        + 1
        + b[name + 1..]
            .iter()
            .take_while(|&&c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'_'))
            .count();
    // An offset after at most one space ("GMT +2", "UTC−4").
    let sign = name_end + usize::from(b.get(name_end).is_some_and(|&c| is_space(c)));
    let sign_len = if matches!(b.get(sign), Some(b'+' | b'-')) {
        1
    } else if b[sign..].starts_with("−".as_bytes()) {
        "−".len()
    } else {
        0
    };
    if sign_len > 0 {
        let hours = sign + sign_len;
        for h in (1..=digits(b, hours, 2)).rev() {
            let minutes = hours + h;
            if b.get(minutes) == Some(&b':') && digits(b, minutes + 1, 2) == 2 {
                ends.push(minutes + 3);
            }
            if digits(b, minutes, 2) == 2 {
                ends.push(minutes + 2);
            }
            ends.push(minutes);
        }
    }
    ends.push(name_end);
    ends
}

/// Finds every time, date, zone and duration in a block.
///
/// `text` is a block's raw Markdown in which code spans, URLs, link destinations and HTML are
/// already blanked with spaces, so spans are byte offsets into it.
///
/// - A date right before or after a time belongs to it; other dates are reported alone.
/// - A zone right after a time belongs to it. A zone written once after a range ("from 6:00 AM
///   to 7:50 PM GMT") is attached to the last time only; [`find_window`](super::find_window)
///   reports it as shared and the caller applies it.
/// - Dotted times ("15.25") count only at the very start of the block, see [`ClockStyle::Dotted`].
/// - A broken time is reported in `malformed` only, with the time it most likely means.
pub fn scan(text: &str, zones: &Zones) -> Scan {
    let dates = find_dates(text);
    let mut used = vec![false; dates.len()];
    let mut out = Scan::default();
    let mut consumed = 0;
    for clock in find_clocks(text, zones) {
        // "14:00 GMT -05:00": the offset's digits were already read as part of the zone.
        if clock.span().start < consumed {
            continue;
        }
        match clock {
            Clock::Valid { span, time, style } => {
                let mention = attach(text, zones, &dates, &mut used, span, time, style);
                consumed = mention.span.end;
                out.times.push(mention);
            }
            Clock::Broken {
                span,
                problem,
                suggestion,
                likely_time,
            } => {
                let (end, zone) = zone_after(text, span.end, zones).unzip();
                consumed = end.unwrap_or(span.end);
                out.malformed.push(MalformedTime {
                    span: span.start..end.unwrap_or(span.end),
                    problem,
                    suggestion,
                    likely_time,
                    zone,
                });
            }
        }
    }
    let taken = Taken::new(
        out.times
            .iter()
            .map(|t| t.span.clone())
            .chain(out.malformed.iter().map(|m| m.span.clone()))
            .collect(),
    );
    out.dates = unattached_dates(dates, &used, &taken);
    out.zones = find_zones(text, zones)
        .into_iter()
        .filter(|z| !taken.overlaps(&z.span))
        .collect();
    out.durations = find_durations(text)
        .into_iter()
        .filter(|d| !taken.overlaps(&d.span))
        .collect();
    out
}

/// The spans a scan's times took, asked whether they overlap a span in O(log n): a block
/// can hold thousands of times ("a 10,000-line paragraph"), and each other zone, date and
/// duration is asked about.
struct Taken {
    /// Span starts, sorted.
    starts: Vec<usize>,
    /// `max_ends[i]`: the largest end among the spans with the `i + 1` smallest starts.
    max_ends: Vec<usize>,
}

impl Taken {
    fn new(mut spans: Vec<Range<usize>>) -> Taken {
        spans.sort_by_key(|span| span.start);
        let mut max_end = 0;
        let max_ends = spans
            .iter()
            .map(|span| {
                max_end = max_end.max(span.end);
                max_end
            })
            .collect();
        Taken {
            starts: spans.iter().map(|span| span.start).collect(),
            max_ends,
        }
    }

    /// Does any taken span overlap `span`? The spans starting before its end do if the
    /// furthest of their ends is past its start.
    fn overlaps(&self, span: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&start| start < span.end);
        before_end
            .checked_sub(1)
            .is_some_and(|last| self.max_ends[last] > span.start)
    }
}

fn unattached_dates(dates: Vec<FoundDate>, used: &[bool], taken: &Taken) -> Vec<DateMention> {
    dates
        .into_iter()
        .zip(used)
        .filter(|(d, used)| !**used && !taken.overlaps(&d.span))
        .map(|(d, _)| DateMention {
            span: d.span,
            date: d.date,
            year_known: d.year_known,
            weekday_mismatch: d.weekday_mismatch,
            order: d.order,
        })
        .collect()
}

fn attach(
    text: &str,
    zones: &Zones,
    dates: &[FoundDate],
    used: &mut [bool],
    time_span: Range<usize>,
    time: jiff::civil::Time,
    style: ClockStyle,
) -> TimeMention {
    let mut span = time_span.clone();
    let mut date = date_before(text, dates, used, time_span.start);
    if let Some(i) = date {
        span.start = dates[i].span.start;
    }
    let mut zone = None;
    // Zone and date may follow in either order: "14:00 UTC on June 19", "17:18 April 29, 2023
    // (Africa/Lagos)".
    for _ in 0..2 {
        if zone.is_none()
            && let Some((end, z)) = zone_after(text, span.end, zones)
        {
            span.end = end;
            zone = Some(z);
        }
        if date.is_none()
            && let Some((end, i)) = date_after(text, dates, used, span.end)
        {
            span.end = end;
            date = Some(i);
        }
    }
    let found = date.map(|i| &dates[i]);
    let iso =
        found.is_some_and(|d| d.iso && d.span.end < time_span.start && style == ClockStyle::H24);
    TimeMention {
        span,
        time_span,
        date: found.map(|d| d.date),
        year_known: found.is_some_and(|d| d.year_known),
        time,
        zone,
        style: if iso { ClockStyle::Iso } else { style },
        weekday_mismatch: found.and_then(|d| d.weekday_mismatch),
        date_order: found.map_or(DateOrder::Fixed, |d| d.order),
    }
}

fn date_before(text: &str, dates: &[FoundDate], used: &mut [bool], start: usize) -> Option<usize> {
    let i = dates
        .partition_point(|d| d.span.end <= start)
        .checked_sub(1)?;
    let gap = text.get(dates[i].span.end..start)?;
    if used[i] || gap.len() > 12 || !is_gap_before(gap) {
        return None;
    }
    used[i] = true;
    Some(i)
}

fn date_after(
    text: &str,
    dates: &[FoundDate],
    used: &mut [bool],
    end: usize,
) -> Option<(usize, usize)> {
    let gap = gap_after(text.get(end..)?)?;
    let start = end + gap.len();
    let i = dates.binary_search_by_key(&start, |d| d.span.start).ok()?;
    if used[i] {
        return None;
    }
    used[i] = true;
    let close = if gap.contains('(') {
        closing_paren(text, dates[i].span.end)
    } else {
        None
    };
    Some((close.unwrap_or(dates[i].span.end), i))
}

/// The zone right after position `end`, and where the zone expression ends (after a closing
/// parenthesis when the zone was opened by one).
fn zone_after(text: &str, end: usize, zones: &Zones) -> Option<(usize, ZoneMention)> {
    if let Some(zone) = zone_at(text, end, zones, Placement::Touching) {
        return Some((zone.span.end, zone));
    }
    let gap = gap_after(text.get(end..)?)?;
    if gap.contains("on") {
        return None;
    }
    let zone = zone_at(text, end + gap.len(), zones, Placement::AfterTime)?;
    let zone_end = if gap.contains('(') {
        closing_paren(text, zone.span.end).unwrap_or(zone.span.end)
    } else {
        zone.span.end
    };
    Some((zone_end, zone))
}

fn closing_paren(text: &str, from: usize) -> Option<usize> {
    paren_tail(text.get(from..)?).map(|len| from + len)
}

/// The gap and parenthesis readers against the patterns they replaced.
#[cfg(test)]
mod gap_tests {
    use super::*;
    use crate::pattern::Pattern;

    fn patterns() -> [Pattern; 3] {
        [
            r"^[*_]*(?:\s*,\s*|\s*\(\s*|\s+)(?:on\s+)?[*_]*",
            r"^(?:T|[*_]*\s*,?\s*(?:(?:at|@)\s+)?[*_]*)$",
            r"^(?:\s*,\s*[A-Za-z][A-Za-z/_]*(?:\s?(?:[+\-]|−)\d{1,2}(?::?\d{2})?)?)?\s*\)",
        ]
        .map(|p| Pattern::new(p).unwrap())
    }

    fn agree(res: &[Pattern; 3], text: &str) -> Result<(), String> {
        let [after, before, paren] = res;
        let checks = [
            (
                format!("{:?}", gap_after(text)),
                format!("{:?}", after.find(text).map(|m| m.as_str())),
            ),
            (
                is_gap_before(text).to_string(),
                before.is_match(text).to_string(),
            ),
            (
                format!("{:?}", paren_tail(text)),
                format!("{:?}", paren.find(text).map(|m| m.end())),
            ),
        ];
        for (i, (hand, pattern)) in checks.iter().enumerate() {
            if hand != pattern {
                return Err(format!(
                    "check {i} on {text:?}: hand {hand}, pattern {pattern}"
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn readers_agree_with_the_patterns_on_written_gaps() {
        let res = patterns();
        for text in [
            " WAT",
            "** WAT",
            ", June",
            " (GMT",
            " on June",
            "_ on  *",
            "x",
            "",
            "T",
            "Tx",
            ", at ",
            " @ ",
            "**, ",
            " at",
            ", GMT+1)",
            ", UTC −4 )",
            ", Europe/Paris -05:00)",
            " )",
            ", GMT+123)",
            ", GMT+1:3)",
            ", GMT+12:30)",
            ", GMT+1230)",
            ", 14:00)",
            ",GMT )",
            ", G_M/T+1 )",
            "on June",
            " onJune",
        ] {
            agree(&res, text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn readers_agree_with_the_patterns(
            text in r"((on|at|@|T|GMT|Europe/Paris|[*_]|,|\(|\)|[+-]|−|[0-9]{1,3}|:|x|é|[ \t])){0,8}"
        ) {
            if let Err(e) = agree(&patterns(), &text) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// `Taken::overlaps` answers as asking every taken span would, overlapping and
        /// empty spans included.
        #[test]
        fn taken_overlaps_as_any_span_would(
            taken in proptest::collection::vec((0usize..40, 0usize..8), 0..12),
            asked in proptest::collection::vec((0usize..48, 0usize..8), 1..8),
        ) {
            let taken: Vec<Range<usize>> = taken.into_iter().map(|(s, l)| s..s + l).collect();
            let index = Taken::new(taken.clone());
            for (s, l) in asked {
                let span = s..s + l;
                let any = taken.iter().any(|o| o.start < span.end && span.start < o.end);
                proptest::prop_assert_eq!(index.overlaps(&span), any, "{:?} in {:?}", span, taken);
            }
        }
    }
}
