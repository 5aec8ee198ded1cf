//! Where a text states an incident window: "from X to Y", "between X and Y", "X - Y",
//! "Start: X" / "End: Y".

use std::sync::LazyLock;

use crate::pattern::Pattern;

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

const HEDGE: &str = r"(?:(?:about|around|approximately|approx\.?|roughly|~)\s*)?";

static FROM_LEAD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(r"(?i)\b(?:from|since)\s+{HEDGE}$")).expect("valid regex")
});
static BETWEEN_LEAD: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!(r"(?i)\bbetween\s+{HEDGE}$")).expect("valid regex"));
static TO_LINK: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)^\s*,?\s*(?:to|until|till|til|through|thru|-+|–|—|~)\s*{HEDGE}$"
    ))
    .expect("valid regex")
});
static AND_LINK: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!(r"(?i)^\s*(?:and|&)\s*{HEDGE}$")).expect("valid regex"));
static RANGE_LINK: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)^\s*(?:-+|–|—|~|to)\s*$").expect("valid regex"));
static START_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:incident\s+|outage\s+|impact\s+)?(?:start(?:ed|s|ing)?|began|begin|beginning|commenced)(?:\s+(?:date|time)(?:\s*(?:&|and|/)\s*(?:date|time))?)?\s*(?:at\s+)?(?:[:\-=]|–)?\s*$",
    )
    .expect("valid regex")
});
static END_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:incident\s+|outage\s+|impact\s+)?(?:end(?:ed|s|ing)?|resolved|resolution|finish(?:ed)?|recovered|mitigated)(?:\s+(?:date|time)(?:\s*(?:&|and|/)\s*(?:date|time))?)?\s*(?:at\s+)?(?:[:\-=]|–)?\s*$",
    )
    .expect("valid regex")
});

/// Finds the stated window, trying the most explicit phrasing first: "from X to Y" and
/// "between X and Y", then labelled "Start: X" / "End: Y", then a bare range "X - Y".
pub fn find_window(text: &str, scan: &Scan) -> Option<Window> {
    let times = &scan.times;
    let pairs = || (1..times.len()).map(|i| (i - 1, i));
    let linked = |lead: &Pattern, link: &Pattern| {
        pairs().find(|&(a, b)| {
            lead.is_match(&lead_text(text, &times[a]))
                && link.is_match(&between(text, &times[a], &times[b]))
        })
    };
    let (start, end) = linked(&FROM_LEAD, &TO_LINK)
        .or_else(|| linked(&BETWEEN_LEAD, &AND_LINK))
        .or_else(|| labelled(text, times))
        .or_else(|| {
            pairs().find(|&(a, b)| RANGE_LINK.is_match(&between(text, &times[a], &times[b])))
        })?;
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
        .position(|t| START_LABEL.is_match(&lead_text(text, t)))?;
    let end =
        (start + 1..times.len()).find(|&i| END_LABEL.is_match(&lead_text(text, &times[i])))?;
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
