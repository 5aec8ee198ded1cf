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
        for (i, section) in doc.sections.iter().enumerate() {
            let Some(first) = (0..i).find(|&j| same(doc, j, i)) else {
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
                parent.matches.iter().copied().find(|m| {
                    !doc.sections
                        .iter()
                        .any(|s| s.parent == Some(p) && s.matches.contains(m))
                })
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

/// Are two sections the same section at the same level? Only headings count: bold labels
/// such as `**Root Cause:**` repeat legitimately (a summary field, then the full section).
/// Sections the preset knows are compared within the nearest enclosing section the preset
/// knows (or the whole file), so two postmortems pasted into one file are caught while a
/// summary's "Root Cause" subsection and the full "Root Cause" section are not. Other headings
/// are compared only among the children of one parent.
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
