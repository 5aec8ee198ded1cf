//! Section titles: how they are normalised and matched against a preset.

use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;

use crate::config::Preset;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// An ATX or setext heading.
    Heading,
    /// `##Issue Summary`: CommonMark reads a paragraph, its author meant a heading.
    UnspacedHeading,
    /// A paragraph (or its first line) that is only bold text: `**Issue Summary:**`.
    Bold,
    /// A lone line that is exactly a known section title.
    PlainLine,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    /// The title text itself (without `#`, `**` or a trailing colon).
    pub title_span: Range<usize>,
    /// The whole heading line(s).
    pub span: Range<usize>,
    pub level: u8,
    pub kind: SectionKind,
    pub parent: Option<usize>,
    /// From the end of the heading to the next section at the same or a higher level.
    pub body: Range<usize>,
    /// From the end of the heading to the next section of any level.
    pub own_body: Range<usize>,
    /// Normalised title ([`normalize_title`]).
    pub key: String,
    /// Indices of the preset sections this one satisfies (a combined title satisfies several).
    pub matches: Vec<usize>,
}

impl Section {
    pub fn is_heading(&self) -> bool {
        matches!(
            self.kind,
            SectionKind::Heading | SectionKind::UnspacedHeading
        )
    }
}

static NUMBERING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^(?:(?:\d+(?:\.\d+)*|[ivx]+|[a-h])[.)]|\d+(?:\.\d+)+|\d+\s*[-:]|(?:part|step|section)\s+\d+\s*[:.-]?)\s*")
        .unwrap()
});
static QUALIFIER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\((?u:[^)])*\)?|\[(?u:[^\]])*\]?|(?u:\s)(?:-|–|—)(?u:\s)(?u:.)*$|:(?u:.)*$|\.(?u:\s)(?u:.)*$").unwrap()
});

/// Reduce a title to the form titles are compared in: lower case, no numbering, no trailing
/// qualifier ("(all times UTC)", ": details"), no punctuation, `&` read as "and", and each
/// word singular ("Measures" = "Measure").
pub fn normalize_title(title: &str) -> String {
    let lower = title.trim().to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    let unnumbered = NUMBERING.find(lower).map_or(lower, |m| &lower[m.end()..]);
    let mut unqualified = String::with_capacity(unnumbered.len());
    let mut kept = 0;
    for qualifier in QUALIFIER.captures_iter(unnumbered).filter_map(|c| c.get(0)) {
        unqualified.push_str(&unnumbered[kept..qualifier.start()]);
        unqualified.push(' ');
        kept = qualifier.end();
    }
    unqualified.push_str(&unnumbered[kept..]);
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

/// Which preset sections a normalised title satisfies: the whole title, else each part of
/// a combined one ("root cause and resolution", "impact / detection").
pub fn match_sections(preset: &Preset, key: &str) -> Vec<usize> {
    if key.is_empty() {
        return Vec::new();
    }
    if let Some(i) = preset.find(key) {
        return vec![i];
    }
    let mut found = Vec::new();
    for part in key.split(" and ").flat_map(|p| p.split(" / ")) {
        let part = part.trim();
        if let Some(i) = preset.find(part)
            && !found.contains(&i)
        {
            found.push(i);
        }
    }
    found
}

/// Is `key` close enough to `target` to be a misspelling of it ("issue sammary")?
pub fn is_near_miss(key: &str, target: &str) -> bool {
    if key == target || key.len() < 4 {
        return false;
    }
    let distance = strsim::damerau_levenshtein(key, target);
    let budget = (target.chars().count() / 6).clamp(1, 3);
    distance <= budget
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn combined_titles_satisfy_each_part() {
        let alx = crate::config::preset::by_name("alx").unwrap();
        let m = match_sections(alx, &normalize_title("Root Cause and Resolution"));
        assert_eq!(m.len(), 2);
        let m = match_sections(alx, &normalize_title("Corrective and preventive measures"));
        assert_eq!(m.len(), 1);
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
