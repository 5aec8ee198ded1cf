//! Section titles as they are compared: normalised ("1. Root Causes:" reads "root cause") and
//! near misses ("Issue Sammary" for "Issue Summary"). Pure text, below the config and the
//! document model, which both compare titles.

use crate::bytes::is_space;

/// Reduce a title to the form titles are compared in: lower case, no numbering, no trailing
/// qualifier ("(all times UTC)", ": details"), no punctuation, `&` read as "and", and each
/// word singular ("Measures" = "Measure").
pub fn normalize_title(title: &str) -> String {
    // Letters and spaces only (most headings, and nearly every title and alias of a preset,
    // all normalised at every start): no numbering, qualifier or punctuation to take off, so
    // the words are only lowercased and made singular. The tests compare this with the whole
    // reduction below.
    if title.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') {
        let lower = title.to_ascii_lowercase();
        let mut out = String::with_capacity(lower.len());
        for word in lower.split(' ').filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(singular(word));
        }
        return out;
    }
    normalize_any_title(title)
}

fn normalize_any_title(title: &str) -> String {
    let lower = title.trim().to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    let unnumbered = &lower[numbering_len(lower.as_bytes())..];
    let unqualified = without_qualifiers(unnumbered);
    let spaced = unqualified.replace(['&', '+'], " and ").replace('/', " / ");
    // A trailing date or range after the title ("Timeline 04/23/2023 - 05/03/2023") is a
    // qualifier too.
    let spaced = spaced
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || " /.-–,".contains(c));
    let mut out = String::with_capacity(spaced.len());
    for word in spaced.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
        let word: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '/' || *c == '\'')
            .collect();
        let word = word.trim_matches('\'');
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(singular(word));
    }
    out
}

/// The length of the numbering that opens a lower-case title: "1.", "2.3", "iv)", "b.",
/// "4 -", "step 2:", with the spaces after it; 0 when there is none. Hand-written (a pattern
/// cost 0.3 ms to compile on every run); the tests hold the pattern it replaces
/// and compare the two.
fn numbering_len(s: &[u8]) -> usize {
    let digits = |from: usize| from + s[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let spaces = |from: usize| from + s[from..].iter().take_while(|b| is_space(**b)).count();
    let at = |i: usize| s.get(i).copied();
    let end = (|| {
        // "1." "1.2)" "iv." "b)": the longest dotted number that a `.` or `)` follows.
        if at(0).is_some_and(|b| b.is_ascii_digit()) {
            let mut ends = vec![digits(0)];
            while let Some(&end) = ends.last()
                && at(end) == Some(b'.')
                && at(end + 1).is_some_and(|b| b.is_ascii_digit())
            {
                ends.push(digits(end + 1));
            }
            if let Some(end) = ends
                .iter()
                .rev()
                .find(|&&e| matches!(at(e), Some(b'.' | b')')))
            {
                return Some(end + 1);
            }
            // "1.2" without a closing mark.
            if ends.len() > 1 {
                return ends.last().copied();
            }
            // "4 -", "4:".
            let end = spaces(ends[0]);
            return matches!(at(end), Some(b'-' | b':')).then_some(end + 1);
        }
        let roman = s
            .iter()
            .take_while(|b| matches!(b, b'i' | b'v' | b'x'))
            .count();
        if roman > 0 {
            return matches!(at(roman), Some(b'.' | b')')).then_some(roman + 1);
        }
        if at(0).is_some_and(|b| (b'a'..=b'h').contains(&b)) && matches!(at(1), Some(b'.' | b')')) {
            return Some(2);
        }
        // "part 2", "step 3:", "section 4 -".
        let word = ["part", "step", "section"]
            .iter()
            .find(|w| s.starts_with(w.as_bytes()))?;
        let after = spaces(word.len());
        if after == word.len() || !at(after).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        let end = spaces(digits(after));
        Some(end + usize::from(matches!(at(end), Some(b':' | b'.' | b'-'))))
    })();
    end.map_or(0, spaces)
}

/// The title with each qualifier replaced by a space: a parenthesis or bracket (closed or
/// not), and a last line's tail after " - ", " – ", " — ", ":" or ". ".
fn without_qualifiers(s: &str) -> String {
    // The tail of the last line from `from` on, if no line break follows (the last break is
    // found once: looking for it from every colon made a long title quadratic).
    let last_break = s.rfind('\n');
    let tail = |from: usize| last_break.is_none_or(|at| at < from).then_some(s.len());
    let mut out = String::with_capacity(s.len());
    let mut kept = 0;
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let rest = i + c.len_utf8();
        let mut next = s[rest..].chars();
        let end = match c {
            '(' | '[' => {
                let close = if c == '(' { ')' } else { ']' };
                Some(s[rest..].find(close).map_or(s.len(), |j| rest + j + 1))
            }
            ':' => tail(rest),
            '.' => next
                .next()
                .filter(|c| c.is_whitespace())
                .and_then(|w| tail(rest + w.len_utf8())),
            c if c.is_whitespace() => match (next.next(), next.next()) {
                (Some(dash @ ('-' | '–' | '—')), Some(w)) if w.is_whitespace() => {
                    tail(rest + dash.len_utf8() + w.len_utf8())
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(end) = end {
            out.push_str(&s[kept..i]);
            out.push(' ');
            kept = end;
            i = end;
        } else {
            i = rest;
        }
    }
    out.push_str(&s[kept..]);
    out
}

fn singular(word: &str) -> &str {
    if word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Is `key` close enough to `target` to be a misspelling of it ("issue sammary")?
pub fn is_near_miss(key: &str, target: &str) -> bool {
    near_miss_distance(key, target).is_some()
}

/// The edit distance from `key` to `target` when `key` is a misspelling of it: at most one
/// edit per six characters of `target` (one to three), never 0. Titles whose lengths differ
/// by more than that are turned away before any distance is computed.
pub fn near_miss_distance(key: &str, target: &str) -> Option<usize> {
    if key == target || key.len() < 4 {
        return None;
    }
    let target_chars = target.chars().count();
    let budget = (target_chars / 6).clamp(1, 3);
    if key.chars().count().abs_diff(target_chars) > budget || surplus(key, target) > budget {
        return None;
    }
    let distance = strsim::damerau_levenshtein(key, target);
    (distance <= budget).then_some(distance)
}

/// A lower bound on the edit distance of two ASCII titles (0 for others): the larger of
/// the characters each has more of than the other. An insertion, deletion, substitution or
/// transposition lowers it by one at most, and equal titles have none. Different titles
/// are turned away by it without the distance's table.
fn surplus(a: &str, b: &str) -> usize {
    if !a.is_ascii() || !b.is_ascii() {
        return 0;
    }
    let mut counts = [0i32; 128];
    for x in a.bytes() {
        counts[usize::from(x)] += 1;
    }
    for y in b.bytes() {
        counts[usize::from(y)] -= 1;
    }
    let (more, fewer) = counts.iter().fold((0, 0), |(more, fewer), &c| {
        (more + c.max(0), fewer + (-c).max(0))
    });
    more.max(fewer).unsigned_abs() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// The surplus never exceeds the distance, so it turns away no near miss.
        #[test]
        fn surplus_is_a_lower_bound_of_the_distance(a in "[a-e ]{0,12}", b in "[a-e ]{0,12}") {
            let distance = strsim::damerau_levenshtein(&a, &b);
            proptest::prop_assert!(surplus(&a, &b) <= distance, "{:?} {:?}", a, b);
        }

        /// A title of letters and spaces normalises as the whole reduction would have it;
        /// the words are drawn so that roman numerals, "a" to "h", "step" and plurals occur.
        #[test]
        fn plain_titles_normalise_as_any_title(
            words in proptest::collection::vec(
                "iv|x|vi|b|h|step|part|section|Issues|STATUS|analysis|bus|Measures|[A-Za-z]{1,9}",
                0..6,
            ),
            gaps in proptest::collection::vec(" {0,3}", 7),
        ) {
            let mut title = gaps[6].clone();
            for (word, gap) in words.iter().zip(&gaps) {
                title.push_str(word);
                title.push_str(gap);
            }
            proptest::prop_assert_eq!(normalize_title(&title), normalize_any_title(&title));
        }
    }

    #[test]
    fn plain_titles_normalise_as_any_title_written() {
        for title in [
            "",
            "   ",
            "Issue Summary",
            "  Root   Causes  ",
            "iv Root Causes",
            "Step Two",
            "a Timeline",
            "Corrective and Preventative Measures",
            "STATUS",
            "Lessons Learned",
        ] {
            assert_eq!(
                normalize_title(title),
                normalize_any_title(title),
                "{title:?}"
            );
        }
    }

    #[test]
    fn surplus_counts_what_each_side_lacks() {
        assert_eq!(surplus("timeline", "timeline"), 0);
        assert_eq!(surplus("tiemline", "timeline"), 0);
        assert_eq!(surplus("issue sammary", "issue summary"), 1);
        assert_eq!(surplus("root cause", "timeline"), 8);
        assert_eq!(surplus("é", "e"), 0);
    }

    #[test]
    fn normalisation_ignores_case_numbering_qualifiers_and_plurals() {
        assert_eq!(normalize_title("Issue Summary:"), "issue summary");
        assert_eq!(normalize_title("1. Timeline (all times UTC)"), "timeline");
        assert_eq!(normalize_title("Timeline(EAT)"), "timeline");
        assert_eq!(
            normalize_title("Root Cause & Resolution"),
            "root cause and resolution"
        );
        assert_eq!(
            normalize_title("Corrective and Preventative Measures"),
            "corrective and preventative measure"
        );
        assert_eq!(normalize_title("🚨 Timeline 🚨"), "timeline");
        assert_eq!(normalize_title("IV. Root causes"), "root cause");
        assert_eq!(normalize_title("Analysis"), "analysis");
        assert_eq!(normalize_title("Timeline — all times in UTC"), "timeline");
        assert_eq!(
            normalize_title("Timeline (PST). All times are approximate"),
            "timeline"
        );
        assert_eq!(
            normalize_title("Timeline (all times PST)   04/23/2023 - 05/03/2023"),
            "timeline"
        );
        assert_eq!(normalize_title("5 Whys"), "5 why");
    }

    #[test]
    fn near_misses() {
        assert!(is_near_miss("issue sammary", "issue summary"));
        assert!(is_near_miss("ssue summary", "issue summary"));
        assert!(is_near_miss("timline", "timeline"));
        assert!(!is_near_miss("impact", "summary"));
        assert!(!is_near_miss("detection", "resolution"));
    }
}

/// The hand-written title scanners against the patterns they replace.
#[cfg(test)]
mod scanner_tests {
    use super::*;
    use crate::pattern::Pattern;

    const NUMBERING: &str = r"^(?:(?:\d+(?:\.\d+)*|[ivx]+|[a-h])[.)]|\d+(?:\.\d+)+|\d+\s*[-:]|(?:part|step|section)\s+\d+\s*[:.-]?)\s*";
    const QUALIFIER: &str = r"\((?u:[^)])*\)?|\[(?u:[^\]])*\]?|(?u:\s)(?:-|–|—)(?u:\s)(?u:.)*$|:(?u:.)*$|\.(?u:\s)(?u:.)*$";

    fn by_pattern(numbering: &Pattern, qualifier: &Pattern, title: &str) -> (usize, String) {
        let skip = numbering.find(title).map_or(0, |m| m.end());
        let rest = &title[skip..];
        let mut out = String::new();
        let mut kept = 0;
        for q in qualifier.captures_iter(rest).filter_map(|c| c.get(0)) {
            out.push_str(&rest[kept..q.start()]);
            out.push(' ');
            kept = q.end();
        }
        out.push_str(&rest[kept..]);
        (skip, out)
    }

    fn by_hand(title: &str) -> (usize, String) {
        let skip = numbering_len(title.as_bytes());
        (skip, without_qualifiers(&title[skip..]))
    }

    #[test]
    fn scanners_agree_with_the_patterns_on_written_titles() {
        let numbering = Pattern::new(NUMBERING).unwrap();
        let qualifier = Pattern::new(QUALIFIER).unwrap();
        for title in [
            "1. timeline",
            "1.2 timeline",
            "1.2. timeline",
            "1.2) x",
            "12:timeline",
            "3 - root cause",
            "3 -x",
            "4 : y",
            "iv. root causes",
            "vi) x",
            "ivy league",
            "b. impact",
            "b impact",
            "h) x",
            "i) x",
            "part 2: resolution",
            "step 3 - fix",
            "section 4. x",
            "section x",
            "partial outage",
            "part2",
            "steps 2",
            "1.2.3.4 x",
            "1..2",
            "1.a",
            "timeline",
            "timeline (all times utc)",
            "timeline(eat)",
            "timeline [draft",
            "timeline (utc",
            "timeline — all times in utc",
            "timeline - utc",
            "timeline -utc",
            "timeline: details",
            "a: b\nc",
            "a (b\nc) d",
            "timeline (pst). all times are approximate",
            "a.b c",
            "a. b\nc",
            "a\u{a0}–\u{2003}b",
            "a \u{2014} b: c",
            "x\n- y",
            "(",
            ")",
            ":",
            ". ",
            "section 1\t-\tx",
            "1\u{b}. x",
            "7\t: x",
            "",
            " ",
            "é. x",
            "ⅳ. x",
            "1.",
            "10)  impact",
            "2.1.",
            "part  10  :  x",
        ] {
            assert_eq!(
                by_hand(title),
                by_pattern(&numbering, &qualifier, title),
                "{title:?}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn scanners_agree_with_the_patterns(
            title in r"(part|step|section|[0-9]{1,2}|[ivxabh])?( ?[.:)\-]?)((part|step|section|[0-9]{1,2}|[ivxabh]|[ .:)(\[\]\-–—\n\t]|\u{a0}|é|[a-z]{1,4})){0,8}"
        ) {
            let numbering = Pattern::new(NUMBERING).unwrap();
            let qualifier = Pattern::new(QUALIFIER).unwrap();
            proptest::prop_assert_eq!(by_hand(&title), by_pattern(&numbering, &qualifier, &title));
        }
    }
}
