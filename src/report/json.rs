use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, positions, totals};
use crate::finding::Applicability;
use crate::source::Source;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    fixable: usize,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    path: &'a str,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    labels: Vec<Label<'a>>,
    fix: Option<Fix>,
}

#[derive(Serialize)]
struct Label<'a> {
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Fix {
    applicability: Applicability,
    edits: Vec<Edit>,
}

#[derive(Serialize)]
struct Edit {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    content: String,
}

fn span_fields(source: &Source, span: &std::ops::Range<usize>) -> (usize, usize, usize, usize) {
    let (a, b) = positions(source, span);
    (a.line, a.column, b.line, b.column)
}

/// The JSON schema of DESIGN §1: stable, versioned, one object for the whole run.
pub fn render(files: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let t = totals(files);
    let mut diagnostics = Vec::new();
    for f in files {
        for d in &f.findings {
            let (line, column, end_line, end_column) = span_fields(&f.source, &d.span);
            diagnostics.push(Diagnostic {
                path: &f.source.name,
                code: d.rule.code,
                rule: d.rule.slug,
                severity: d.severity.as_str(),
                message: &d.message,
                help: d.help.as_deref(),
                line,
                column,
                end_line,
                end_column,
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (line, column, end_line, end_column) = span_fields(&f.source, &l.span);
                        Label {
                            message: &l.message,
                            line,
                            column,
                            end_line,
                            end_column,
                        }
                    })
                    .collect(),
                fix: d.fix.as_ref().map(|fix| Fix {
                    applicability: fix.applicability,
                    edits: fix
                        .edits
                        .iter()
                        .map(|e| {
                            let (line, column, end_line, end_column) =
                                span_fields(&f.source, &e.span);
                            Edit {
                                line,
                                column,
                                end_line,
                                end_column,
                                content: e.content.clone(),
                            }
                        })
                        .collect(),
                }),
            });
        }
    }
    let output = Output {
        version: 1,
        summary: Summary {
            files: t.files,
            errors: t.errors,
            warnings: t.warnings,
            fixable: t.fixable,
        },
        diagnostics,
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::other)?;
    writeln!(out)
}
