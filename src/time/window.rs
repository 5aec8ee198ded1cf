//! Where a text states an incident window: "from X to Y", "between X and Y", "X - Y",
//! "Start: X" / "End: Y".

use crate::tail::Tail;

use super::text::{is_emphasis, tail_before};
use super::{Scan, TimeMention, ZoneMention};

/// A window as two indices into [`Scan::times`].
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    /// A zone written only after the end ("from 6:00 AM to 7:50 PM GMT") also applies to the
    /// start. `scan` leaves it attached to the end only; the caller applies it to the start.
    pub shared_zone: Option<ZoneMention>,
}

/// Words that hedge a time or a duration: "from about 14:00", "lasted roughly 2 hours".
/// The summary's hedge and PM401's duration lead take a few more ("circa", "nearly").
pub(crate) const HEDGES: &[&str] = &[
    "about",
    "around",
    "approximately",
    "approx.",
    "approx",
    "roughly",
    "~",
];

/// An optional hedge before the end of the text, with any white space after it.
fn hedge(tail: Tail<'_>) -> Tail<'_> {
    tail.optional(|t| t.spaces(0).words(HEDGES))
}

/// "... from ", "... since about ".
fn is_from_lead(lead: &str) -> bool {
    hedge(Tail::new(lead))
        .spaces(1)
        .words(&["from", "since"])
        .boundary()
        .found()
}

/// "... between ", "... between roughly ", "... between the hours of ".
fn is_between_lead(lead: &str) -> bool {
    hedge(Tail::new(lead))
        .spaces(1)
        .optional(|t| {
            t.words(&["of"])
                .spaces(1)
                .words(&["hours", "times"])
                .spaces(1)
                .optional(|t| t.words(&["the"]).spaces(1))
        })
        .words(&["between"])
        .boundary()
        .found()
}

/// All of " to ", ", until about ", " - ", " – ".
fn is_to_link(link: &str) -> bool {
    hedge(Tail::new(link))
        .spaces(0)
        .either([
            &|t: Tail| {
                t.words(&[
                    "to", "until", "till", "til", "through", "thru", "–", "—", "~",
                ])
            },
            &|t: Tail| t.many(1, |b| b == b'-'),
        ])
        .spaces(0)
        .maybe(|b| b == b',')
        .spaces(0)
        .whole()
}

/// " at ": "From 8:00 a.m. at 11:58 a.m.", a slip for "to" that only a "from" lead makes
/// a window of.
fn is_slipped_to_link(link: &str) -> bool {
    Tail::new(link).spaces(1).words(&["at"]).spaces(1).whole()
}

/// "At 3:00 PM the update was due ... until 5:01 PM": a start led by "at", "from" or "since",
/// and the next time of the same paragraph led by "until", however much is written between.
fn is_prose_window(text: &str, a: &TimeMention, b: &TimeMention) -> bool {
    let gap = text.get(a.span.end..b.span.start).unwrap_or("\n\n");
    if gap.len() > 600 || gap.contains("\n\n") {
        return false;
    }
    let lead = |t: &TimeMention, words: &[&str]| {
        hedge(Tail::new(&lead_text(text, t)))
            .spaces(1)
            .words(words)
            .boundary()
            .found()
    };
    lead(a, &["at", "from", "since"]) && lead(b, &["until", "till", "untill"])
}

/// All of " and ", " & about ".
fn is_and_link(link: &str) -> bool {
    hedge(Tail::new(link))
        .spaces(0)
        .words(&["and", "&"])
        .spaces(0)
        .whole()
}

/// All of " - ", " – ", " to ".
fn is_range_link(link: &str) -> bool {
    Tail::new(link)
        .spaces(0)
        .either([
            &|t: Tail| t.words(&["–", "—", "~", "to"]),
            &|t: Tail| t.many(1, |b| b == b'-'),
        ])
        .spaces(0)
        .whole()
}

/// "... Started at: ", "Incident start time: ", "Began - "; "Ended: ", "Resolved at " with
/// the end verbs.
fn is_label(lead: &str, verbs: &[&str]) -> bool {
    let date_or_time = &["date", "time"];
    Tail::new(lead)
        .spaces(0)
        .optional(|t| t.words(&[":", "-", "=", "–"]))
        .optional(|t| t.spaces(1).words(&["at"]))
        .spaces(0)
        .optional(|t| {
            t.optional(|t| {
                t.words(date_or_time)
                    .spaces(0)
                    .words(&["&", "and", "/"])
                    .spaces(0)
            })
            .words(date_or_time)
            .spaces(1)
        })
        .words(verbs)
        .optional(|t| t.spaces(1).words(&["incident", "outage", "impact"]))
        .boundary()
        .found()
}

const START_VERBS: &[&str] = &[
    "start",
    "started",
    "starts",
    "starting",
    "began",
    "begin",
    "beginning",
    "commenced",
];
const END_VERBS: &[&str] = &[
    "end",
    "ended",
    "ends",
    "ending",
    "resolved",
    "resolution",
    "finish",
    "finished",
    "recovered",
    "mitigated",
];

/// Finds the stated window, trying the most explicit phrasing first: "from X to Y" and
/// "between X and Y", then labelled "Start: X" / "End: Y", then a bare range "X - Y".
pub fn find_window(text: &str, scan: &Scan) -> Option<Window> {
    let times = &scan.times;
    let pairs = || (1..times.len()).map(|i| (i - 1, i));
    let linked = |lead: fn(&str) -> bool, link: fn(&str) -> bool| {
        pairs().find(|&(a, b)| {
            lead(&lead_text(text, &times[a])) && link(&between(text, &times[a], &times[b]))
        })
    };
    let (start, end) = linked(is_from_lead, is_to_link)
        .or_else(|| linked(is_between_lead, is_and_link))
        .or_else(|| linked(is_from_lead, is_slipped_to_link))
        .or_else(|| labelled(text, times))
        .or_else(|| pairs().find(|&(a, b)| is_range_link(&between(text, &times[a], &times[b]))))
        .or_else(|| pairs().find(|&(a, b)| is_prose_window(text, &times[a], &times[b])))?;
    let shared_zone = match (&times[start].zone, &times[end].zone) {
        (None, Some(zone)) => Some(zone.clone()),
        _ => None,
    };
    Some(Window {
        start,
        end,
        shared_zone,
    })
}

fn labelled(text: &str, times: &[TimeMention]) -> Option<(usize, usize)> {
    let start = times
        .iter()
        .position(|t| is_label(&lead_text(text, t), START_VERBS))?;
    let end =
        (start + 1..times.len()).find(|&i| is_label(&lead_text(text, &times[i]), END_VERBS))?;
    Some((start, end))
}

/// The text on the same line before a time, without emphasis markers.
fn lead_text(text: &str, time: &TimeMention) -> String {
    let tail = tail_before(text, time.span.start, 60);
    let line = tail.rsplit(['\n', '\r']).next().unwrap_or(tail);
    strip_emphasis(line)
}

/// The connective between two times; long gaps are not a range, and skipping them keeps
/// this linear in the size of the text.
fn between(text: &str, a: &TimeMention, b: &TimeMention) -> String {
    if b.span.start.saturating_sub(a.span.end) > 40 {
        return String::new();
    }
    text.get(a.span.end..b.span.start)
        .map(strip_emphasis)
        .unwrap_or_default()
}

fn strip_emphasis(text: &str) -> String {
    text.chars().filter(|&c| !is_emphasis(c)).collect()
}

/// The tail checks against the patterns they replaced.
#[cfg(test)]
mod tail_tests {
    use super::*;
    use crate::pattern::Pattern;

    const HEDGE: &str = r"(?:(?:about|around|approximately|approx\.?|roughly|~)\s*)?";
    const LABEL_END: &str =
        r"(?:\s+(?:date|time)(?:\s*(?:&|and|/)\s*(?:date|time))?)?\s*(?:at\s+)?(?:[:\-=]|–)?\s*$";

    type Check = fn(&str) -> bool;

    /// Each check with the pattern it replaced.
    fn pairs() -> Vec<(Check, Pattern)> {
        let p = |s: String| Pattern::new(&s).unwrap();
        vec![
            (is_from_lead, p(format!(r"(?i)\b(?:from|since)\s+{HEDGE}$"))),
            (is_between_lead, p(format!(r"(?i)\bbetween\s+{HEDGE}$"))),
            (
                is_to_link,
                p(format!(
                    r"(?i)^\s*,?\s*(?:to|until|till|til|through|thru|-+|–|—|~)\s*{HEDGE}$"
                )),
            ),
            (is_and_link, p(format!(r"(?i)^\s*(?:and|&)\s*{HEDGE}$"))),
            (is_range_link, p(r"(?i)^\s*(?:-+|–|—|~|to)\s*$".to_string())),
            (
                |t| is_label(t, START_VERBS),
                p(format!(
                    r"(?i)\b(?:incident\s+|outage\s+|impact\s+)?(?:start(?:ed|s|ing)?|began|begin|beginning|commenced){LABEL_END}"
                )),
            ),
            (
                |t| is_label(t, END_VERBS),
                p(format!(
                    r"(?i)\b(?:incident\s+|outage\s+|impact\s+)?(?:end(?:ed|s|ing)?|resolved|resolution|finish(?:ed)?|recovered|mitigated){LABEL_END}"
                )),
            ),
        ]
    }

    fn agree(text: &str) -> Result<(), String> {
        for (i, (check, re)) in pairs().iter().enumerate() {
            if check(text) != re.is_match(text) {
                return Err(format!(
                    "check {i} on {text:?}: tail {}, pattern {}",
                    check(text),
                    re.is_match(text)
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn tails_agree_with_the_patterns_on_written_leads_and_links() {
        for text in [
            "from ",
            "From about ",
            "therefrom ",
            "since approx. ",
            "from",
            "between ",
            "between roughly ",
            " to ",
            ", until about ",
            " - ",
            " -- ",
            " – ",
            "x to ",
            " and ",
            " & ",
            "and about",
            "Start: ",
            "Incident start time: ",
            "Began - ",
            "started at ",
            "Start date & time: ",
            "Start Time/Date = ",
            "restart: ",
            "Ended: ",
            "Resolved at ",
            "Outage end time – ",
            "end time and date:",
            "mitigated",
            "",
            " ",
            "~",
            "—",
            "Start time  at  :",
            "impact  started",
            "restarted at ",
        ] {
            agree(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn tails_agree_with_the_patterns(
            text in r"((from|since|between|to|until|thru|and|&|about|approx\.?|~|-|–|—|,|start|Started|began|end|resolved|incident|outage|date|time|/|at|:|=|x|é|[ \t])){0,8}"
        ) {
            if let Err(e) = agree(&text) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}
