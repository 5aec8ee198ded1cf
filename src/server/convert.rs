//! Byte offsets to LSP positions and back (LSP counts UTF-16 code units), and findings to
//! diagnostics.

use std::ops::Range;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, TextEdit, Url,
};

use crate::finding::{Applicability, Finding};
use crate::registry::Severity;
use crate::source::Source;

/// Where a config's own rules (X001...) are documented: they have no section of
/// docs/rules.md, and `pmlint explain X001` (the hover) reads their own fields.
const CUSTOM_RULES_DOCS: &str =
    "https://github.com/pmlint/pmlint/blob/main/README.md#your-own-rules";

/// The link a diagnostic's code opens: the rule's own section of the reference.
fn docs_link(finding: &Finding) -> String {
    let builtin = crate::registry::RULES
        .iter()
        .any(|m| m.code == finding.rule.code);
    if builtin {
        crate::rules::help_uri(finding.rule)
    } else {
        CUSTOM_RULES_DOCS.to_string()
    }
}

pub fn position(source: &Source, offset: usize) -> Position {
    let offset = source.floor_char_boundary(offset.min(source.text.len()));
    let line = source.line_of(offset).saturating_sub(1);
    let start = source.line_start(line + 1);
    let character: usize = source.text[start..offset]
        .chars()
        .map(char::len_utf16)
        .sum();
    Position::new(line as u32, character as u32)
}

pub fn range(source: &Source, span: &Range<usize>) -> lsp_types::Range {
    lsp_types::Range::new(position(source, span.start), position(source, span.end))
}

/// The byte offset of `pos`: past a line's end is its end, past the last line the text's end.
pub fn offset(source: &Source, pos: Position) -> usize {
    let line = pos.line as usize;
    if line >= source.line_count() {
        return source.text.len();
    }
    let start = source.line_start(line + 1);
    let end = source.line_range(line + 1).end;
    let mut units = 0;
    for (i, c) in source.text[start..end].char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

/// The diagnostic of a finding: its rule's code and slug, the help line under the message,
/// secondary labels as related information.
pub fn diagnostic(source: &Source, uri: &Url, finding: &Finding) -> Diagnostic {
    let mut message = format!("{} [{}]", finding.message, finding.rule.slug);
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(source, &l.span)),
            message: l.message.clone(),
        })
        .collect();
    Diagnostic {
        range: range(source, &finding.span),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(finding.rule.code.to_string())),
        code_description: Url::parse(&docs_link(finding))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("pmlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// A finding's fix as text edits, and whether it is safe.
pub fn fix_edits(source: &Source, finding: &Finding) -> Option<(Vec<TextEdit>, bool)> {
    let fix = finding.fix.as_ref()?;
    let edits = fix
        .edits
        .iter()
        .map(|e| TextEdit::new(range(source, &e.span), e.content.clone()))
        .collect();
    Some((edits, fix.applicability == Applicability::Safe))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let source = Source::new("a.md", "é😀x\r\nline two\n");
        // "é" is one unit, "😀" two.
        assert_eq!(position(&source, 6), Position::new(0, 3));
        assert_eq!(offset(&source, Position::new(0, 3)), 6);
        assert_eq!(position(&source, 9), Position::new(1, 0));
        assert_eq!(offset(&source, Position::new(1, 4)), 13);
        // Past the line's end and past the text's end.
        assert_eq!(offset(&source, Position::new(0, 99)), 7);
        assert_eq!(offset(&source, Position::new(9, 0)), source.text.len());
    }
}
