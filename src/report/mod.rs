//! Rendering findings: miette's graphical report, a one-line form, JSON, GitHub workflow
//! commands, SARIF, GitLab Code Quality, JUnit XML. Every format gets the files sorted by path and findings by position.
//!
//! A report is rendered one file at a time ([`render_file`], on the thread that linted the
//! file) and written in order by a [`Reporter`], so that a run holds no file's text or
//! findings longer than it takes to lint and render them.

mod escape;
mod fingerprint;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};

pub use escape::escape_controls;

use crate::finding::{Finding, Severity};
use crate::source::{Position, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette diagnostics with the source excerpt, labels and help
    Full,
    /// one line per finding: path:line:col: severity[CODE slug] message
    Concise,
    /// the stable JSON schema (version 1)
    Json,
    /// GitHub Actions workflow commands, shown as annotations on pull requests
    Github,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitLab Code Quality JSON, for the merge request widget
    Gitlab,
    /// JUnit XML: a test suite per file, a failing test case per finding
    Junit,
}

/// One linted file and what remains to report in it.
pub struct FileReport {
    pub source: Source,
    pub findings: Vec<Finding>,
    /// Fixes applied to this file by `--fix`.
    pub fixed: usize,
}

pub struct RenderOptions {
    pub color: bool,
    pub quiet: bool,
    pub width: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub files_with_problems: usize,
    pub errors: usize,
    pub warnings: usize,
    pub fixable: usize,
    pub fixed: usize,
}

impl Totals {
    /// Count `other`'s files and findings in.
    pub fn add(&mut self, other: &Totals) {
        self.files += other.files;
        self.files_with_problems += other.files_with_problems;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.fixable += other.fixable;
        self.fixed += other.fixed;
    }
}

pub fn totals(files: &[FileReport]) -> Totals {
    let mut t = Totals {
        files: files.len(),
        ..Totals::default()
    };
    for f in files {
        if !f.findings.is_empty() {
            t.files_with_problems += 1;
        }
        t.fixed += f.fixed;
        for finding in &f.findings {
            match finding.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
            }
            if finding
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == crate::finding::Applicability::Safe)
            {
                t.fixable += 1;
            }
        }
    }
    t
}

/// One file's share of a report, rendered on the thread that linted the file: what the
/// run's report needs of the file once its text and findings are dropped.
pub struct FilePart {
    totals: Totals,
    body: Body,
}

enum Body {
    /// The file's bytes of the report, in output order (full, concise, github).
    Text(Vec<u8>),
    /// The file's SARIF results or GitLab issues, each preceded by a comma.
    Items(Vec<u8>),
    /// The JUnit report opens with the run's totals, so its suites wait for the last file.
    Suite(Vec<u8>),
    /// The JSON report opens with the run's totals, so its diagnostics wait for the last file.
    Json(json::FileEntries),
}

/// Render one file's part of a report in `format`.
pub fn render_file(
    format: Format,
    file: &FileReport,
    opts: &RenderOptions,
) -> io::Result<FilePart> {
    let mut text = Vec::new();
    let body = match format {
        Format::Full => {
            let excerpt = full::Excerpt::new(&file.source);
            for finding in &file.findings {
                full::render(&file.source, &excerpt, finding, opts, &mut text)?;
            }
            Body::Text(text)
        }
        Format::Concise => {
            for finding in &file.findings {
                writeln!(text, "{}", concise(&file.source, finding))?;
            }
            Body::Text(text)
        }
        Format::Github => {
            github::render(file, &mut text)?;
            Body::Text(text)
        }
        Format::Sarif => {
            sarif::render(file, &mut text)?;
            Body::Items(text)
        }
        Format::Gitlab => {
            gitlab::render(file, &mut text)?;
            Body::Items(text)
        }
        Format::Junit => {
            junit::render(file, &mut text)?;
            Body::Suite(text)
        }
        Format::Json => Body::Json(json::FileEntries::new(file)),
    };
    Ok(FilePart {
        totals: totals(std::slice::from_ref(file)),
        body,
    })
}

/// A report written as the files' parts arrive, in the order they are to appear: a part is
/// written (for JSON, kept in compact form) and dropped. Each call takes the writer, so that
/// the caller may write other things between files.
pub struct Reporter {
    format: Format,
    quiet: bool,
    /// Whether what comes before the first file has been written.
    started: bool,
    totals: Totals,
    /// Whether a SARIF result or GitLab issue has been written (the next one is preceded by
    /// a comma).
    any_result: bool,
    json: json::Kept,
    /// The JUnit suites so far.
    suites: Vec<u8>,
}

impl Reporter {
    pub fn new(format: Format, opts: &RenderOptions) -> Reporter {
        Reporter {
            format,
            quiet: opts.quiet,
            started: false,
            totals: Totals::default(),
            any_result: false,
            json: json::Kept::default(),
            suites: Vec::new(),
        }
    }

    /// Write what comes before the first file, if not yet written.
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            match self.format {
                Format::Sarif => sarif::write_head(out)?,
                Format::Gitlab => out.write_all(b"[")?,
                _ => {}
            }
        }
        self.started = true;
        Ok(())
    }

    /// Add the next file's part.
    pub fn add(&mut self, part: FilePart, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        self.totals.add(&part.totals);
        match part.body {
            Body::Text(text) => out.write_all(&text)?,
            Body::Items(items) => {
                self.any_result |= write_items(&items, self.any_result, out)?;
            }
            Body::Suite(suite) => self.suites.extend_from_slice(&suite),
            Body::Json(entries) => self.json.keep(entries),
        }
        Ok(())
    }

    /// Write what comes after the last file (the summary line, the JSON document, the end of
    /// the SARIF log) and return the run's totals.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<Totals> {
        self.start(out)?;
        match self.format {
            Format::Full | Format::Concise => {
                if !self.quiet {
                    writeln!(out, "{}", summary_line(&self.totals))?;
                }
            }
            Format::Json => json::render(&self.totals, &self.json, out)?,
            Format::Github => {}
            Format::Sarif => sarif::write_tail(self.any_result, out)?,
            Format::Gitlab => gitlab::write_tail(self.any_result, out)?,
            Format::Junit => junit::write(&self.totals, &self.suites, out)?,
        }
        Ok(self.totals)
    }
}

/// Render a whole report of `files`, in the order given.
pub fn render(
    format: Format,
    files: &[FileReport],
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut reporter = Reporter::new(format, opts);
    for f in files {
        reporter.add(render_file(format, f, opts)?, out)?;
    }
    reporter.finish(out).map(|_| ())
}

pub fn concise(source: &Source, f: &Finding) -> String {
    let p = source.position(f.span.start);
    format!(
        "{}:{}:{}: {}[{} {}] {}",
        escape_controls(&source.name),
        p.line,
        p.column,
        f.severity.as_str(),
        f.rule.code,
        f.rule.slug,
        escape_controls(&f.message)
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "3 problems (2 errors, 1 warning) in 2 files", plus what `--fix` did or could do.
pub fn summary_line(t: &Totals) -> String {
    let mut line = if t.errors + t.warnings == 0 {
        format!("No problems found in {}", plural(t.files, "file", "files"))
    } else {
        format!(
            "{} ({}, {}) in {}",
            plural(t.errors + t.warnings, "problem", "problems"),
            plural(t.errors, "error", "errors"),
            plural(t.warnings, "warning", "warnings"),
            plural(t.files_with_problems, "file", "files"),
        )
    };
    if t.fixed > 0 {
        line.push_str(&format!(
            "; fixed {}",
            plural(t.fixed, "problem", "problems")
        ));
    }
    if t.fixable > 0 {
        line.push_str(&format!(
            "; {} fixable with `--fix`",
            plural(t.fixable, "problem is", "problems are")
        ));
    }
    line
}

/// Write a file's items (SARIF results, GitLab issues), each preceded by a comma as
/// rendered; `after_first` says whether an item was written before. Returns whether this
/// wrote any.
fn write_items(items: &[u8], after_first: bool, out: &mut dyn Write) -> io::Result<bool> {
    match items.strip_prefix(b",") {
        None => Ok(false),
        Some(first) => {
            out.write_all(if after_first { items } else { first })?;
            Ok(true)
        }
    }
}

/// 1-based start and end (exclusive) positions of a span.
pub fn positions(source: &Source, span: &std::ops::Range<usize>) -> (Position, Position) {
    (source.position(span.start), source.position(span.end))
}
