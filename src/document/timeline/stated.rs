//! The outage's own duration as the summary states it ("lasted 2 hours", "Duration: 30
//! mins", "from 6:45 to 8:43 (1h05m)", "45 minutes of downtime"): one definition for PM401,
//! which compares it with the summary's window, and `pmlint stats`, which reports it.

use super::Summary;
use crate::bytes::is_space;
use crate::document::Document;
use crate::tail::Tail;
use crate::time::{DurationMention, HEDGES};

/// The summary's duration that is the outage's own length: the first one led by a cue
/// ("lasted", "Duration:", "for a total of"), written right after the window's end, or
/// followed by "in all", "in total", "overall" or "of downtime". A bound ("up to 2 days")
/// is not it.
pub fn stated_duration<'s>(doc: &Document, summary: &'s Summary) -> Option<&'s DurationMention> {
    let window_end = summary.window.map(|(_, b)| summary.times[b].span.end);
    summary.durations.iter().find(|d| {
        // "delays of up to 2 days": a bound on something that varied, not one outage's length.
        if doc.masked[d.span.clone()]
            .to_ascii_lowercase()
            .starts_with("up to")
        {
            return false;
        }
        let lead_start = doc
            .source
            .floor_char_boundary(d.span.start.saturating_sub(40));
        let after = doc.masked.get(d.span.end..).unwrap_or("");
        is_duration_lead(&doc.masked[lead_start..d.span.start])
            || window_end.is_some_and(|end| right_after(&doc.masked, end, d.span.start))
            || is_total_tail(after)
            || is_downtime_tail(after)
    })
}

/// Does `lead` end with words that introduce the outage's own duration, not some other span
/// of time: "lasted about ", "Duration: ", "for a total of "?
fn is_duration_lead(lead: &str) -> bool {
    Tail::new(lead)
        .many(0, |b| is_space(b) || matches!(b, b'*' | b'_'))
        .optional(|t| {
            t.either([&|t: Tail| t.words(HEDGES), &|t: Tail| {
                t.words(&["nearly", "almost", "a total of"])
            }])
        })
        .many(0, |b| is_space(b) || matches!(b, b':' | b'*' | b'_' | b'('))
        .words(&[
            "duration",
            "lasted",
            "lasting",
            "last for",
            "lasts for",
            "lasting for",
            "for",
            "downtime",
            "outage",
            "resulting in",
            "total",
            "totalling",
            "spanning",
            "span of",
            "over",
            "of",
        ])
        .found()
}

/// A duration written right after the window's end: "from 6:45 to 8:43 (1h05m)", "6:45 -
/// 8:43, 1h05m".
fn right_after(masked: &str, window_end: usize, duration_start: usize) -> bool {
    masked
        .get(window_end..duration_start)
        .is_some_and(|gap| gap.len() <= 4 && gap.chars().all(|c| " \t(,;:-–—".contains(c)))
}

/// "... 1.5 hours in all", "2 hours total", "45 minutes overall".
fn is_total_tail(after: &str) -> bool {
    opens_with_words(
        after,
        &["in all", "in total", "total", "overall", "all told"],
    )
}

/// "45 minutes of downtime", "2 hours of outage": the outage's own length.
fn is_downtime_tail(after: &str) -> bool {
    opens_with_words(
        after,
        &[
            "of downtime",
            "of outage",
            "of total outage",
            "of total downtime",
            "of unavailability",
            "of service disruption",
            "of disruption",
            "downtime",
            "outage",
        ],
    )
}

/// Does `after` (the text after a duration, to the end of the document) open with one of
/// `phrases`, in any case, as whole words? Only its first few characters are lowered: the
/// rest of the document is no part of the answer.
fn opens_with_words(after: &str, phrases: &[&str]) -> bool {
    let after = after.trim_start();
    let head = &after[..after.floor_char_boundary(64)];
    let head = head.to_lowercase();
    phrases
        .iter()
        .any(|w| head.starts_with(w) && !head[w.len()..].starts_with(|c: char| c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::is_duration_lead;
    use crate::pattern::Pattern;

    /// The pattern `is_duration_lead` replaced.
    fn pattern() -> Pattern {
        Pattern::new(r"(?i)(?:duration|lasted|lasting|last(?:s|ing)? for|for|downtime|outage|resulting in|total(?:ling)?|spanning|span of|over|of)[\s:*_(]*(?:about|around|approximately|approx\.?|roughly|nearly|almost|~|a total of)?[\s*_]*$").unwrap()
    }

    #[test]
    fn duration_leads() {
        let re = pattern();
        for lead in [
            "lasted ",
            "Duration: ",
            "**Duration:** ",
            "for a total of ",
            "for about ",
            "before ",
            "outage of approx. ",
            "(lasting ",
            "it took ",
            "Total: ~",
            "span of  nearly ",
            "resulting in ",
            "lasts for ",
            "of",
            "a total of",
            "total_ ",
            "",
            "ALMOST ",
        ] {
            assert_eq!(is_duration_lead(lead), re.is_match(lead), "{lead:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn agrees_with_the_pattern(
            lead in r"((duration|lasted|Lasting|last|lasts|for|downtime|outage|resulting|in|total|totalling|span|of|over|about|approx\.?|~|a|nearly|x|é|[ \t:*_(.])){0,8}"
        ) {
            proptest::prop_assert_eq!(is_duration_lead(&lead), pattern().is_match(&lead), "{:?}", lead);
        }
    }
}
