use std::collections::HashMap;

use crate::document::{Document, Section};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The same section heading appears twice at one level: two `## Resolution` headings, or
    /// two documents pasted into one file so that every section repeats. Headings that the
    /// preset knows are compared by level across the file (titles compared as for
    /// required-sections), and a combined title repeats each of its parts ("Root Cause" and
    /// "Root Cause and Resolution" as headings of one level). A bold-only paragraph or a lone
    /// title line that opens a section counts like a heading; a bold label inside a list item
    /// or before text on its line (`**Root Cause:** a full disk`) opens none. Other headings
    /// are compared only among the subsections of one parent.
    ///
    /// ## Why it matters
    /// A repeated section usually means a copy-paste slip (a subsection that should have been
    /// "Root Cause" is a second "Resolution"), or two postmortems in one file, and readers
    /// cannot tell which one is current.
    ///
    /// ## Example
    /// ```markdown
    /// ## Root Cause and Resolution
    /// ### Resolution
    /// The config push had a typo.
    /// ### Resolution
    /// We rolled it back.
    /// ```
    ///
    /// ## How to fix
    /// Rename the copy to the section it was meant to be, merge the two, or split the file.
    ///
    /// ## Options
    /// None.
    pub struct DuplicateSection => DUPLICATE_SECTION;
}

impl Rule for DuplicateSection {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let preset = cx.settings.preset;
        // The first earlier section each one repeats, found through hash maps rather than by
        // comparing every pair, so a file with thousands of headings stays linear.
        let mut earlier = Earlier::default();
        // The preset sections each section's subsections satisfy, for the help line.
        let mut child_matches: HashMap<usize, Vec<usize>> = HashMap::new();
        for s in &doc.sections {
            if let Some(p) = s.parent {
                child_matches.entry(p).or_default().extend(&s.matches);
            }
        }
        for (i, section) in doc.sections.iter().enumerate() {
            let Some(first) = earlier.first_same(doc, i) else {
                continue;
            };
            let earlier = &doc.sections[first];
            let mut finding = Finding::new(
                Self::META,
                section.title_span.clone(),
                format!(
                    "section `{}` appears a second time at this level",
                    section.title
                ),
            )
            .label(earlier.title_span.clone(), "first appears here");
            // Under a combined parent ("Root Cause & Resolution"), name the part with no subsection.
            let missing = section.parent.and_then(|p| {
                let parent = &doc.sections[p];
                let children = child_matches.get(&p).map_or(&[][..], Vec::as_slice);
                parent
                    .matches
                    .iter()
                    .copied()
                    .find(|m| !children.contains(m))
            });
            finding = match missing {
                Some(m) => finding.help(format!(
                    "`{}` has no `{}` subsection: one of these two was probably meant to be `{}`",
                    doc.sections[section.parent.unwrap_or(first)].title,
                    preset.sections[m].title,
                    preset.sections[m].title
                )),
                None => finding.help(
                    "rename this section to the one it was meant to be, merge the two, or split the file if it holds two postmortems",
                ),
            };
            cx.report(finding);
        }
    }
}

/// The earlier sections a later one may repeat, keyed as [`same`] compares them.
#[derive(Default)]
struct Earlier<'d> {
    /// Sections the preset knows, of every kind, by (level, normalised title).
    known: HashMap<(u8, &'d str), usize>,
    /// Known headings by (level, title), and by each part of a combined title.
    heading_parts: HashMap<(u8, &'d str), usize>,
    /// Headings by (level, parent, title as words).
    by_words: HashMap<(u8, Option<usize>, String), usize>,
    /// The same, for headings the preset does not know.
    unknown_by_words: HashMap<(u8, Option<usize>, String), usize>,
}

impl<'d> Earlier<'d> {
    /// The first earlier section that `same(earlier, i)` holds for; then remember `i`.
    fn first_same(&mut self, doc: &'d Document, i: usize) -> Option<usize> {
        let s = &doc.sections[i];
        // Only a section with a title to compare can be repeated.
        if s.key.is_empty() {
            return None;
        }
        let known = !s.matches.is_empty();
        let heading = s.is_heading();
        let parts = if known && heading {
            parts(doc, s)
        } else {
            Vec::new()
        };
        let words_key = (s.level, s.parent, plain(&s.title));
        let mut first = None;
        let mut take = |found: Option<&usize>| {
            if let Some(&f) = found {
                first = Some(first.map_or(f, |x: usize| x.min(f)));
            }
        };
        if known {
            take(self.known.get(&(s.level, s.key.as_str())));
            for part in &parts {
                take(self.heading_parts.get(&(s.level, *part)));
            }
            if heading {
                take(self.unknown_by_words.get(&words_key));
            }
        } else if heading {
            take(self.by_words.get(&words_key));
        }
        if known {
            self.known.entry((s.level, s.key.as_str())).or_insert(i);
            for part in parts {
                self.heading_parts.entry((s.level, part)).or_insert(i);
            }
        }
        if heading {
            if !known {
                self.unknown_by_words.entry(words_key.clone()).or_insert(i);
            }
            self.by_words.entry(words_key).or_insert(i);
        }
        first
    }
}

/// A known section's title and, for a combined one ("root cause and resolution"), each part
/// the preset knows.
/// A combined title with nothing under it but its parts' own sections ("# Root Cause and
/// Resolution" right above "# Root Cause" and "# Resolution") is their parent in all but
/// level, and repeats neither.
fn parts<'d>(doc: &Document, s: &'d Section) -> Vec<&'d str> {
    let mut out = vec![s.key.as_str()];
    let has_text = !doc.text(s.own_body.clone()).trim().is_empty();
    if s.matches.len() > 1 && has_text {
        out.extend(
            s.key
                .split(" and ")
                .flat_map(|p| p.split(" / "))
                .map(str::trim)
                .filter(|p| !p.is_empty()),
        );
    }
    out
}

/// Are two sections the same section at the same level? Sections the preset knows are the
/// same when their titles are (compared as for required-sections), whatever their kind: a
/// heading, a bold-only paragraph or a lone title line, as the detection contract counts them
/// (bold labels inside list items open no section at all). Two headings are also the same when
/// one is a combined title holding the other ("Root Cause" and "Root Cause and Resolution").
/// Other headings are compared only among the children of one parent, title in full; other
/// pseudo-headings never. [`Earlier`] finds the same pairs through hash maps; this pairwise
/// form is its specification, checked in the tests.
#[cfg(test)]
fn same(doc: &Document, i: usize, j: usize) -> bool {
    let (a, b) = (&doc.sections[i], &doc.sections[j]);
    if a.level != b.level || a.key.is_empty() || b.key.is_empty() {
        return false;
    }
    let both_headings = a.is_heading() && b.is_heading();
    if !a.matches.is_empty() && !b.matches.is_empty() {
        if a.key == b.key {
            return true;
        }
        if both_headings {
            let (pa, pb) = (parts(doc, a), parts(doc, b));
            if pa.iter().any(|p| pb.contains(p)) {
                return true;
            }
        }
    }
    both_headings && a.parent == b.parent && plain(&a.title) == plain(&b.title)
}

/// A title as words only: other headings must match in full, qualifier included.
fn plain(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    /// The hash-map search finds exactly the first earlier section the pairwise rule names.
    #[test]
    fn earlier_agrees_with_the_pairwise_rule() {
        let titles = [
            "# Summary",
            "## Summary",
            "## Root Cause",
            "### Notes",
            "## Notes",
            "### Notes",
            "## Root Cause & Fix",
            "## Root Cause Fix",
            "## (Root Cause Fix)",
            "# Timeline",
            "## Summary",
            "### Summary",
            "**Summary**",
            "## Notes!",
            "## notes",
            "## ---",
            "## Root Cause",
            "# Summary",
            "## Resolution",
            "### Resolution",
            "### Resolution",
        ];
        let mut state = 7u64;
        for preset in crate::config::preset::names() {
            let toml = format!("preset = \"{preset}\"");
            let settings = crate::config::from_toml(&toml, std::path::Path::new("/")).unwrap();
            for _ in 0..200 {
                let mut text = String::new();
                for _ in 0..24 {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    text.push_str(titles[(state >> 33) as usize % titles.len()]);
                    text.push_str("\n\nbody\n\n");
                }
                let doc = crate::document::build(Source::new("t.md", text.clone()), &settings);
                let mut earlier = Earlier::default();
                for i in 0..doc.sections.len() {
                    let expected = (0..i).find(|&j| same(&doc, j, i));
                    assert_eq!(
                        earlier.first_same(&doc, i),
                        expected,
                        "section {i} of:\n{text}"
                    );
                }
            }
        }
    }
}
