//! Code actions and hover, answered from the document's findings.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Hover,
    HoverContents, HoverParams, MarkupContent, MarkupKind, TextEdit, Url, WorkspaceEdit,
};

use super::{State, convert};
use crate::finding::Finding;
use crate::source::Source;

/// For the findings under the requested range: each one's fix and a "disable for this line"
/// action; and for the document, "fix all safe problems" when any is fixable.
pub fn code_actions(state: &State, params: CodeActionParams) -> Option<CodeActionResponse> {
    let uri = params.text_document.uri;
    let linted = state.current(&uri)?;
    let (source, findings) = &*linted;
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let asked =
        convert::offset(source, params.range.start)..convert::offset(source, params.range.end);
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for finding in findings.iter().filter(|f| overlaps(&f.span, &asked)) {
            let diagnostic = convert::diagnostic(source, &uri, finding);
            if let Some((edits, safe)) = convert::fix_edits(source, finding) {
                let what = finding.help.as_deref().unwrap_or(&finding.message);
                let title = if safe {
                    format!("Fix {}: {what}", finding.rule.code)
                } else {
                    format!("Fix {} (unsafe): {what}", finding.rule.code)
                };
                actions.push(action(
                    title,
                    CodeActionKind::QUICKFIX,
                    &uri,
                    edits,
                    safe,
                    Some(diagnostic.clone()),
                ));
            }
            let disable = disable_for_line(source, finding);
            let title = format!(
                "Disable {} ({}) for this line",
                finding.rule.code, finding.rule.slug
            );
            actions.push(action(
                title,
                CodeActionKind::QUICKFIX,
                &uri,
                vec![disable],
                false,
                Some(diagnostic),
            ));
        }
    }
    if wanted(&CodeActionKind::SOURCE_FIX_ALL)
        && findings.iter().any(|f| crate::fix::applies(f, false))
        && let Some(edit) = fix_all(state, &uri, source)
    {
        actions.push(action(
            "Fix all safe problems (pmlint)".to_string(),
            CodeActionKind::SOURCE_FIX_ALL,
            &uri,
            vec![edit],
            true,
            None,
        ));
    }
    Some(
        actions
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect(),
    )
}

/// A finding's span and the requested range share a byte, or touch (a cursor at either end).
fn overlaps(span: &Range<usize>, asked: &Range<usize>) -> bool {
    span.start <= asked.end && asked.start <= span.end
}

fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Url,
    edits: Vec<TextEdit>,
    preferred: bool,
    diagnostic: Option<lsp_types::Diagnostic>,
) -> CodeAction {
    CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }),
        is_preferred: Some(preferred),
        ..Default::default()
    }
}

/// `<!-- pmlint-disable-next-line PM501 -->` on a line of its own above the finding's line,
/// indented as that line is.
fn disable_for_line(source: &Source, finding: &Finding) -> TextEdit {
    let line = source.line_of(finding.span.start);
    let start = source.line_start(line);
    let text = &source.text[source.line_range(line)];
    let indent = &text[..text.len() - text.trim_start().len()];
    let newline = if source.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let comment = format!(
        "{indent}<!-- pmlint-disable-next-line {} -->{newline}",
        finding.rule.code
    );
    let at = convert::position(source, start);
    TextEdit::new(lsp_types::Range::new(at, at), comment)
}

/// The whole document with every safe fix applied, as one edit; `None` when nothing changes.
fn fix_all(state: &State, uri: &Url, source: &Source) -> Option<TextEdit> {
    let fixed = state
        .with_settings(uri, |settings| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::fix::lint_and_fix(&source.name, source.text.clone(), settings, false)
            }))
            .ok()
        })
        .ok()
        .flatten()?;
    let (fixed, _, applied) = fixed;
    (applied > 0 && fixed.text != source.text).then(|| {
        let whole = convert::range(source, &(0..source.text.len()));
        TextEdit::new(whole, fixed.text)
    })
}

/// On a finding: its rule's documentation, as `pmlint explain` prints it.
pub fn hover(state: &State, params: HoverParams) -> Option<Hover> {
    let at = params.text_document_position_params;
    let linted = state.current(&at.text_document.uri)?;
    let (source, findings) = &*linted;
    let offset = convert::offset(source, at.position);
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.span.start <= offset && offset <= f.span.end)
        .collect();
    let first = here.first()?;
    let docs: Vec<String> = state
        .with_settings(&at.text_document.uri, |settings| {
            here.iter()
                .map(|f| {
                    let explained = crate::rules::explain(f.rule, settings);
                    format!("**{}**\n\n{explained}", f.message)
                })
                .collect()
        })
        .ok()?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: docs.join("\n\n---\n\n"),
        }),
        range: Some(convert::range(source, &first.span)),
    })
}
