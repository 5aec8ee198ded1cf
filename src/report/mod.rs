//! Rendering findings: miette's graphical report, a one-line form, JSON, GitHub workflow
//! commands. Every format gets the files sorted by path and findings by position.

mod full;
mod github;
mod json;
mod sarif;

use std::io::{self, Write};

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

pub fn render(
    format: Format,
    files: &[FileReport],
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Full => {
            for f in files {
                for finding in &f.findings {
                    full::render(&f.source, finding, opts, out)?;
                }
            }
            summary(files, opts, out)
        }
        Format::Concise => {
            for f in files {
                for finding in &f.findings {
                    writeln!(out, "{}", concise(&f.source, finding))?;
                }
            }
            summary(files, opts, out)
        }
        Format::Json => json::render(files, out),
        Format::Github => github::render(files, out),
        Format::Sarif => sarif::render(files, out),
    }
}

pub fn concise(source: &Source, f: &Finding) -> String {
    let p = source.position(f.span.start);
    format!(
        "{}:{}:{}: {}[{} {}] {}",
        source.name,
        p.line,
        p.column,
        f.severity.as_str(),
        f.rule.code,
        f.rule.slug,
        f.message
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

fn summary(files: &[FileReport], opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    if opts.quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary_line(&totals(files)))
}

/// 1-based start and end (exclusive) positions of a span.
pub fn positions(source: &Source, span: &std::ops::Range<usize>) -> (Position, Position) {
    (source.position(span.start), source.position(span.end))
}
