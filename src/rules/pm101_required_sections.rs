use crate::document::Document;
use crate::finding::{Applicability, Finding};
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Every section the preset marks as required is present. Titles match ignoring case,
    /// punctuation, numbering ("1."), a trailing qualifier ("Timeline (all times UTC)") and
    /// plurals; each section has aliases ("Summary" for "Issue Summary"), and a combined title
    /// ("Root Cause and Resolution") satisfies each part. A heading that nearly matches a missing
    /// title ("Issue Sammary") is named in the finding.
    ///
    /// Sections are headings, paragraphs that are only bold text (`**Timeline:**`), lone lines
    /// that are exactly a known title, and `##Title` lines written without the space.
    ///
    /// ## Why it matters
    /// Reviewers and executives read a postmortem by its sections. A missing Timeline or Root
    /// Cause is the most common reason a postmortem is sent back.
    ///
    /// ## Example
    /// ```markdown
    /// # Outage of 2024-06-19
    /// ## Issue Sammary
    /// ...
    /// ## Timeline
    /// ...
    /// ```
    /// `Issue Summary` is missing, and `Issue Sammary` is reported as its likely misspelling.
    ///
    /// ## How to fix
    /// Add the section, or rename the near-miss heading. The rename is offered as an unsafe fix
    /// (`--unsafe-fixes`), since pmlint cannot be sure the heading meant that section.
    ///
    /// ## Options
    /// None; the required sections come from the preset (`preset = "alx"`).
    pub struct RequiredSections => REQUIRED_SECTIONS;
}

impl Rule for RequiredSections {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let preset = cx.settings.preset;
        // With no section at all this is not a structured document; one finding says so.
        let anchor = anchor_span(doc);
        let unmatched: Vec<_> = doc
            .sections
            .iter()
            .filter(|s| s.matches.is_empty())
            .collect();
        let mut used_near_misses = Vec::new();
        for (index, spec) in preset.sections.iter().enumerate() {
            if !spec.required || doc.sections.iter().any(|s| s.matches.contains(&index)) {
                continue;
            }
            let near = unmatched
                .iter()
                .enumerate()
                .filter(|(i, _)| !used_near_misses.contains(i))
                .filter_map(|(i, s)| {
                    // keys[0] is the title, keys[1..] the aliases, in order.
                    spec.keys
                        .iter()
                        .enumerate()
                        .filter_map(|(k, key)| {
                            crate::title::near_miss_distance(&s.key, key).map(|d| (d, i, *s, k))
                        })
                        .min_by_key(|(d, ..)| *d)
                })
                .min_by_key(|(d, ..)| *d);
            let finding = match near {
                Some((_, i, section, k)) => {
                    used_near_misses.push(i);
                    let name = if k == 0 {
                        &spec.title
                    } else {
                        &spec.aliases[k - 1]
                    };
                    Finding::new(
                        Self::META,
                        section.title_span.clone(),
                        format!(
                            "required section `{}` is missing; `{}` looks like a misspelling of `{name}`",
                            spec.title, section.title
                        ),
                    )
                    .help(format!("rename this heading to `{name}`"))
                    .replace_with(Applicability::Unsafe, name.clone())
                }
                None => {
                    let also = if spec.aliases.is_empty() {
                        String::new()
                    } else {
                        let names: Vec<_> = spec
                            .aliases
                            .iter()
                            .take(4)
                            .map(|a| format!("`{a}`"))
                            .collect();
                        format!(" (also accepted: {})", names.join(", "))
                    };
                    Finding::new(
                        Self::META,
                        anchor.clone(),
                        format!("required section `{}` is missing", spec.title),
                    )
                    .help(format!(
                        "add a `## {}` section{also}; preset `{}` requires it",
                        spec.title, preset.name
                    ))
                }
            };
            cx.report(finding);
        }
    }
}

/// Where a missing section is reported: the document's first heading, else its first line.
fn anchor_span(doc: &Document) -> std::ops::Range<usize> {
    if let Some(first) = doc.sections.first() {
        return first.title_span.clone();
    }
    let text = &doc.masked;
    let start = text.len() - text.trim_start().len();
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |e| start + e);
    start..end
}
