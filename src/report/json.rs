use std::collections::HashSet;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use super::{FileReport, Totals, positions};
use crate::finding::{Applicability, Severity};
use crate::registry::RuleMeta;
use crate::source::Source;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Diagnostics<'a>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    fixable: usize,
}

/// Every file's diagnostics, one array, serialized as they are read.
struct Diagnostics<'a>(&'a [FileEntries]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.0
                .iter()
                .flat_map(|f| f.entries.iter().map(|e| e.diagnostic(&f.path))),
        )
    }
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    path: &'a str,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    labels: Vec<Label<'a>>,
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct Label<'a> {
    message: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Fix<'a> {
    applicability: Applicability,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    content: &'a str,
}

/// A span as 1-based line, column, end line, end column. A file over 4 GiB would be needed
/// for one not to fit (the command line reads none over 4 MiB).
type At = [u32; 4];

fn at(source: &Source, span: &std::ops::Range<usize>) -> At {
    let (a, b) = positions(source, span);
    [a.line, a.column, b.line, b.column].map(|n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// Text kept for the JSON report, shared between the findings that say the same thing: rules
/// repeat their help, and often their message, in file after file.
type Text = Arc<str>;

/// A file's findings with every span turned into a position: all the JSON report keeps of a
/// file while the rest of the run is linted (the document opens with the run's totals).
pub struct FileEntries {
    path: Box<str>,
    entries: Vec<Entry>,
}

struct Entry {
    rule: &'static RuleMeta,
    severity: Severity,
    message: Text,
    help: Option<Text>,
    at: At,
    labels: Box<[(Text, At)]>,
    fix: Option<(Applicability, Edits)>,
}

/// A fix's edits: where, and the replacement text.
type Edits = Box<[(At, Text)]>;

impl FileEntries {
    pub fn new(f: &FileReport) -> FileEntries {
        let entries = f
            .findings
            .iter()
            .map(|d| Entry {
                rule: d.rule,
                severity: d.severity,
                message: d.message.as_str().into(),
                help: d.help.as_deref().map(Into::into),
                at: at(&f.source, &d.span),
                labels: d
                    .labels
                    .iter()
                    .map(|l| (l.message.as_str().into(), at(&f.source, &l.span)))
                    .collect(),
                fix: d.fix.as_ref().map(|fix| {
                    let edits = fix
                        .edits
                        .iter()
                        .map(|e| (at(&f.source, &e.span), e.content.as_str().into()))
                        .collect();
                    (fix.applicability, edits)
                }),
            })
            .collect();
        FileEntries {
            path: f.source.name.as_str().into(),
            entries,
        }
    }

    /// Share every text with the same text seen before (in `seen`).
    fn intern(&mut self, seen: &mut HashSet<Text>) {
        let mut share = |text: &mut Text| match seen.get(&**text) {
            Some(shared) => *text = Arc::clone(shared),
            None => {
                seen.insert(Arc::clone(text));
            }
        };
        for e in &mut self.entries {
            share(&mut e.message);
            if let Some(help) = &mut e.help {
                share(help);
            }
            for (message, _) in &mut e.labels {
                share(message);
            }
            if let Some((_, edits)) = &mut e.fix {
                for (_, content) in edits.iter_mut() {
                    share(content);
                }
            }
        }
    }
}

impl Entry {
    fn diagnostic<'a>(&'a self, path: &'a str) -> Diagnostic<'a> {
        let [line, column, end_line, end_column] = self.at;
        Diagnostic {
            path,
            code: self.rule.code,
            rule: self.rule.slug,
            severity: self.severity.as_str(),
            message: &self.message,
            help: self.help.as_deref(),
            line,
            column,
            end_line,
            end_column,
            labels: self
                .labels
                .iter()
                .map(|(message, [line, column, end_line, end_column])| Label {
                    message,
                    line: *line,
                    column: *column,
                    end_line: *end_line,
                    end_column: *end_column,
                })
                .collect(),
            fix: self.fix.as_ref().map(|(applicability, edits)| Fix {
                applicability: *applicability,
                edits: edits
                    .iter()
                    .map(|([line, column, end_line, end_column], content)| Edit {
                        line: *line,
                        column: *column,
                        end_line: *end_line,
                        end_column: *end_column,
                        content,
                    })
                    .collect(),
            }),
        }
    }
}

/// The files' entries kept for the report, in order, and the texts they hold, each once.
#[derive(Default)]
pub struct Kept {
    files: Vec<FileEntries>,
    texts: HashSet<Text>,
}

impl Kept {
    pub fn keep(&mut self, mut entries: FileEntries) {
        if !entries.entries.is_empty() {
            entries.intern(&mut self.texts);
            self.files.push(entries);
        }
    }
}

/// The JSON schema of DESIGN §1: stable, versioned, one object for the whole run.
pub fn render(t: &Totals, kept: &Kept, out: &mut dyn Write) -> io::Result<()> {
    let output = Output {
        version: 1,
        summary: Summary {
            files: t.files,
            errors: t.errors,
            warnings: t.warnings,
            fixable: t.fixable,
        },
        diagnostics: Diagnostics(&kept.files),
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::from)?;
    writeln!(out)
}
