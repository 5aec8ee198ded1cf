//! `required-field` rules: a front-matter key that must be there, with an allowed value.

use regex::Regex;

use super::{fill, finding};
use crate::config::custom::CustomRule;
use crate::document::Document;
use crate::rules::Ctx;

/// One finding when `field` is missing (on the front matter's first line, or the document's
/// when it has none), or when its value is none of `values` or does not match `pattern`.
/// The message fills `{field}` and `{value}` (empty when missing).
pub(super) fn check(
    doc: &Document,
    rule: &CustomRule,
    cx: &mut Ctx<'_>,
    field: &str,
    values: &[String],
    pattern: Option<&Regex>,
) {
    let first_line = |at: usize| {
        let line = doc.source.line_range(doc.source.line_of(at));
        line.start..line.end.max(line.start + 1).min(doc.source.text.len())
    };
    let found = doc.front_matter.as_ref().map(|f| (f, f.get(field)));
    let (span, value) = match found {
        None => (first_line(0), None),
        Some((f, None)) => (first_line(f.span.start), None),
        Some((_, Some((value, span)))) => {
            let allowed = (values.is_empty()
                || values.iter().any(|v| v.eq_ignore_ascii_case(value)))
                && pattern.is_none_or(|p| p.is_match(value));
            if allowed {
                return;
            }
            (span, Some(value))
        }
    };
    let message = fill(
        &rule.message,
        &[("field", field), ("value", value.unwrap_or(""))],
    );
    let mut f = finding(rule, span, message);
    if rule.help.is_none() {
        f = f.help(match (value, values.is_empty()) {
            (None, _) => format!("add `{field}:` to the front matter"),
            (Some(_), false) => format!("write one of: {}", values.join(", ")),
            (Some(_), true) => format!("write a `{field}` that matches the rule's pattern"),
        });
    }
    cx.report(f);
}
