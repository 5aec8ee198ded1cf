use std::collections::HashMap;

use crate::document::{Document, Section};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The same section heading appears twice at one level: two `## Resolution` headings, or
    /// two documents pasted into one file so that every section repeats. Headings that the
    /// preset knows are compared by level across the file (titles compared as for
    /// required-sections); other headings only among the subsections of one parent. Bold labels
    /// (`**Root Cause:**`) are not compared: a summary field and the full section may share a name.
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
    pub struct DuplicateSection {
        code: "PM102",
        slug: "duplicate-section",
        severity: Error,
        fix: None,
        summary: "the same section appears twice at one level",
        options: [],
    }
}

impl Rule for DuplicateSection {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

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
                &Self::META,
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
    /// Known sections by (level, normalised title, nearest known ancestor).
    known: HashMap<(u8, &'d str, Option<usize>), usize>,
    /// Every comparable section by (level, parent, title as words).
    by_words: HashMap<(u8, Option<usize>, String), usize>,
    /// The same, for sections the preset does not know.
    unknown_by_words: HashMap<(u8, Option<usize>, String), usize>,
}

impl<'d> Earlier<'d> {
    /// The first earlier section that `same(earlier, i)` holds for; then remember `i`.
    fn first_same(&mut self, doc: &'d Document, i: usize) -> Option<usize> {
        let s = &doc.sections[i];
        if !s.is_heading() {
            return None;
        }
        let known = !s.matches.is_empty();
        let known_key = (s.level, s.key.as_str(), known_scope(doc, s));
        let words_key = (s.level, s.parent, plain(&s.title));
        let first = if known {
            let a = self.known.get(&known_key).copied();
            let b = self.unknown_by_words.get(&words_key).copied();
            a.into_iter().chain(b).min()
        } else {
            self.by_words.get(&words_key).copied()
        };
        // Only a section with a title to compare can be repeated.
        if !s.key.is_empty() {
            if known {
                self.known.entry(known_key).or_insert(i);
            } else {
                self.unknown_by_words.entry(words_key.clone()).or_insert(i);
            }
            self.by_words.entry(words_key).or_insert(i);
        }
        first
    }
}

/// Are two sections the same section at the same level? Only headings count: bold labels
/// such as `**Root Cause:**` repeat legitimately (a summary field, then the full section).
/// Sections the preset knows are compared within the nearest enclosing section the preset
/// knows (or the whole file), so two postmortems pasted into one file are caught while a
/// summary's "Root Cause" subsection and the full "Root Cause" section are not. Other headings
/// are compared only among the children of one parent. [`Earlier`] finds the same pairs
/// through hash maps; this pairwise form is its specification, checked in the tests.
#[cfg(test)]
fn same(doc: &Document, i: usize, j: usize) -> bool {
    let (a, b) = (&doc.sections[i], &doc.sections[j]);
    if a.level != b.level || !a.is_heading() || !b.is_heading() || a.key.is_empty() {
        return false;
    }
    if !a.matches.is_empty() && !b.matches.is_empty() {
        return a.key == b.key && known_scope(doc, a) == known_scope(doc, b);
    }
    a.parent == b.parent && plain(&a.title) == plain(&b.title)
}

/// The nearest ancestor that matches a preset section.
fn known_scope(doc: &Document, section: &Section) -> Option<usize> {
    let mut cur = section.parent;
    while let Some(p) = cur {
        if !doc.sections[p].matches.is_empty() {
            return Some(p);
        }
        cur = doc.sections[p].parent;
    }
    None
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
