//! The checker of the config's own rules (`[[rule]]`, see [`crate::config::custom`]): one
//! function for every rule of each kind, so a team's rule reports, fixes and is suppressed
//! like a built-in one.

mod case;
mod front_matter;

use std::ops::Range;

use crate::config::custom::{CustomKind, CustomRule, Scope};
use crate::document::BlockKind;
use crate::document::Document;
use crate::finding::{Applicability, Finding};
use crate::rules::Ctx;
use crate::title::normalize_title;

pub(super) fn check(doc: &Document, rule: &CustomRule, cx: &mut Ctx<'_>) {
    let ranges = scope_ranges(doc, &rule.scope, cx);
    match &rule.kind {
        CustomKind::Existence(regex) => {
            for range in &ranges {
                let prose = doc.masked(range.clone());
                for m in regex
                    .find_iter(prose)
                    .filter(|m| !m.as_str().trim().is_empty())
                {
                    let span = range.start + m.start()..range.start + m.end();
                    let message = fill(&rule.message, &[("match", doc.text(span.clone()))]);
                    cx.report(finding(rule, span, message));
                }
            }
        }
        CustomKind::Substitution { regex, swaps } => {
            for range in &ranges {
                let prose = doc.masked(range.clone());
                for m in regex.find_iter(prose) {
                    let Some(replacement) = swaps.get(&m.as_str().to_lowercase()) else {
                        continue;
                    };
                    let span = range.start + m.start()..range.start + m.end();
                    let written = doc.text(span.clone());
                    let replacement = same_case(written, replacement);
                    let message = fill(
                        &rule.message,
                        &[("match", written), ("replacement", &replacement)],
                    );
                    cx.report(
                        finding(rule, span, message)
                            .replace_with(Applicability::Safe, replacement.clone()),
                    );
                }
            }
        }
        CustomKind::Occurrence { regex, min, max } => {
            occurrence(doc, rule, cx, &ranges, regex, (*min, *max));
        }
        CustomKind::RequiredField {
            field,
            values,
            pattern,
        } => front_matter::check(doc, rule, cx, field, values, pattern.as_ref()),
        CustomKind::Capitalization { style, exceptions } => {
            for i in scoped_sections(doc, &rule.scope, cx) {
                let section = &doc.sections[i];
                if !section.is_heading() {
                    continue;
                }
                let written = doc.text(section.title_span.clone());
                let expected = case::recase(written, *style, exceptions);
                if expected != written {
                    let message = fill(
                        &rule.message,
                        &[("match", written), ("expected", &expected)],
                    );
                    cx.report(
                        finding(rule, section.title_span.clone(), message)
                            .replace_with(Applicability::Unsafe, expected),
                    );
                }
            }
        }
    }
}

/// Too few matches: one finding on the scope's first heading (or the document's start); too
/// many: one on the first match past `max`.
fn occurrence(
    doc: &Document,
    rule: &CustomRule,
    cx: &mut Ctx<'_>,
    ranges: &[Range<usize>],
    regex: &regex::Regex,
    (min, max): (Option<usize>, Option<usize>),
) {
    if ranges.is_empty() && rule.scope != Scope::Document {
        // No such section: required-sections speaks for a missing one.
        return;
    }
    let matches: Vec<Range<usize>> = ranges
        .iter()
        .flat_map(|r| {
            regex
                .find_iter(doc.text(r.clone()))
                .map(move |m| r.start + m.start()..r.start + m.end())
        })
        .collect();
    let count = matches.len().to_string();
    let (min_s, max_s) = (
        min.map_or(String::new(), |m| m.to_string()),
        max.map_or(String::new(), |m| m.to_string()),
    );
    let values = [("count", count.as_str()), ("min", &min_s), ("max", &max_s)];
    if let Some(min) = min
        && matches.len() < min
    {
        let at = heading_of(doc, &rule.scope, cx).unwrap_or(0..doc.source.text.len().min(1));
        cx.report(finding(rule, at, fill(&rule.message, &values)));
    }
    if let Some(max) = max
        && let Some(extra) = matches.get(max)
    {
        cx.report(finding(rule, extra.clone(), fill(&rule.message, &values)));
    }
}

fn finding(rule: &CustomRule, span: Range<usize>, message: String) -> Finding {
    let f = Finding::new(rule.meta, span, message);
    match &rule.help {
        Some(help) => f.help(help.clone()),
        None => f,
    }
}

/// The text the rule reads: the document, its front matter, the cells of a column, or the
/// sections in scope, each as its heading and body.
fn scope_ranges(doc: &Document, scope: &Scope, cx: &Ctx<'_>) -> Vec<Range<usize>> {
    match scope {
        Scope::Document => std::iter::once(0..doc.source.text.len()).collect(),
        Scope::FrontMatter => doc.front_matter.iter().map(|f| f.span.clone()).collect(),
        Scope::Column(header) => column_cells(doc, header),
        Scope::Role(_) | Scope::Section(_) => scoped_sections(doc, scope, cx)
            .map(|i| doc.sections[i].body.clone())
            .collect(),
    }
}

/// The body cells of every table column whose header is `header` (normalised).
fn column_cells(doc: &Document, header: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut column: Option<usize> = None;
    for block in &doc.blocks {
        match block.kind {
            BlockKind::TableRow { header: true } => {
                column = block
                    .cells
                    .iter()
                    .position(|c| normalize_title(doc.text(c.clone())) == header);
            }
            BlockKind::TableRow { header: false } => {
                out.extend(column.and_then(|i| block.cells.get(i)).cloned());
            }
            _ => column = None,
        }
    }
    out
}

fn heading_of(doc: &Document, scope: &Scope, cx: &Ctx<'_>) -> Option<Range<usize>> {
    scoped_sections(doc, scope, cx)
        .next()
        .map(|i| doc.sections[i].title_span.clone())
}

fn scoped_sections<'d>(
    doc: &'d Document,
    scope: &'d Scope,
    cx: &Ctx<'_>,
) -> impl Iterator<Item = usize> + 'd {
    let sections: Box<dyn Iterator<Item = usize> + 'd> = match scope {
        Scope::Document => Box::new(0..doc.sections.len()),
        Scope::Role(role) => Box::new(doc.sections_with_role(cx.settings.preset, *role)),
        Scope::Section(key) => Box::new(
            (0..doc.sections.len())
                .filter(move |&i| normalize_title(&doc.sections[i].title) == *key),
        ),
        // Neither is made of sections.
        Scope::Column(_) | Scope::FrontMatter => Box::new(std::iter::empty()),
    };
    sections
}

/// `{match}` and the other names in `template`, filled in.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The replacement in the case of what it replaces: `Utilise` becomes `Use`, `UTILISE`
/// becomes `USE`.
fn same_case(written: &str, replacement: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = replacement.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    replacement.to_string()
}
