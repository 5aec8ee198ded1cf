//! Sections as the document model holds them, and how a normalised title is matched against a
//! preset (normalisation itself is `crate::title`'s).

use std::ops::Range;

use crate::config::Preset;
use crate::title::normalize_title;

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
    /// Normalised title ([`crate::title::normalize_title`]).
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

/// Which preset sections a normalised title satisfies: the whole title, else each part of
/// a combined one ("root cause and resolution", "impact / detection").
/// The key of `title` ([`normalize_title`]) and the preset's sections it names.
pub fn match_title(preset: &Preset, title: &str) -> (String, Vec<usize>) {
    let key = normalize_title(title);
    let mut found = match_sections(preset, &key);
    // "Timeline (UTC) All Times Approximate": a title, a bracketed qualifier, then a remark.
    if found.is_empty()
        && let Some(at) = title.find(['(', '[', '{']).filter(|&at| at > 0)
    {
        found = match_sections(preset, &normalize_title(&title[..at]));
    }
    (key, found)
}

pub fn match_sections(preset: &Preset, key: &str) -> Vec<usize> {
    if key.is_empty() {
        return Vec::new();
    }
    // "The Timeline", "Our Root Cause": an article does not change the section.
    let key = ["the ", "our ", "a "]
        .iter()
        .find_map(|a| key.strip_prefix(a))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(key);
    if let Some(i) = preset.find(key) {
        return vec![i];
    }
    if let Some(i) = title_with_remark(preset, key) {
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

/// A title followed by a remark that is not another title: "timeline of chaos", "timeline
/// monday may 10th 2021", "summary for the board". Only remarks that open with "of", "for",
/// "on", "in" or hold a number (a date) count: "root cause fix" is not "root cause".
fn title_with_remark(preset: &Preset, key: &str) -> Option<usize> {
    // A preset title is a few words: only those first few are tried, so a heading of
    // thousands of words costs no more than a short one.
    const LONGEST_TITLE: usize = 8;
    let words: Vec<&str> = key.split(' ').take(LONGEST_TITLE + 1).collect();
    (1..words.len()).rev().find_map(|n| {
        let rest = &words[n..];
        let remark = matches!(rest[0], "of" | "for" | "on" | "in" | "during")
            || key
                .split(' ')
                .skip(n)
                .any(|w| w.bytes().any(|b| b.is_ascii_digit()));
        if !remark {
            return None;
        }
        preset.find(&words[..n].join(" "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_titles_satisfy_each_part() {
        let alx = crate::config::preset::by_name("alx").unwrap();
        let m = match_sections(alx, &normalize_title("Root Cause and Resolution"));
        assert_eq!(m.len(), 2);
        let m = match_sections(alx, &normalize_title("Corrective and preventive measures"));
        assert_eq!(m.len(), 1);
    }
}
