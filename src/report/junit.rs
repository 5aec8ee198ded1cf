//! JUnit XML, for CI systems that show test reports (GitLab's `artifacts: reports: junit`,
//! Jenkins, Azure Pipelines): a test suite per file, a failing test case per finding, and
//! one passing case for a file with none, so that clean files count as passed.

use std::io::{self, Write};

use quick_xml::escape::escape;

use super::{FileReport, Totals, concise, escape_controls, positions};

/// One file's `<testsuite>`, indented to sit in the report's `<testsuites>`.
pub fn render(f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let name = attr(&f.source.name);
    let tests = f.findings.len().max(1);
    writeln!(
        out,
        r#"  <testsuite name="{name}" tests="{tests}" failures="{}" errors="0">"#,
        f.findings.len()
    )?;
    if f.findings.is_empty() {
        writeln!(out, r#"    <testcase name="pmlint" classname="{name}"/>"#)?;
    }
    for d in &f.findings {
        let (start, _) = positions(&f.source, &d.span);
        let case = format!(
            "{} {} at {}:{}",
            d.rule.code, d.rule.slug, start.line, start.column
        );
        writeln!(
            out,
            r#"    <testcase name="{}" classname="{name}" file="{name}" line="{}">"#,
            attr(&case),
            start.line
        )?;
        let mut body = concise(&f.source, d);
        if let Some(help) = &d.help {
            body.push_str("\nhelp: ");
            body.push_str(&escape_controls(help));
        }
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            d.rule.code,
            attr(&d.message),
            escape(body.as_str())
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}

/// The report around the files' suites, which arrive in `suites`.
pub fn write(totals: &Totals, suites: &[u8], out: &mut dyn Write) -> io::Result<()> {
    let failures = totals.errors + totals.warnings;
    let tests = failures + (totals.files - totals.files_with_problems);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="pmlint" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    out.write_all(suites)?;
    writeln!(out, "</testsuites>")
}

/// An attribute's value: one line, controls written visibly (XML 1.0 allows no C0 control
/// but tab and line breaks, even as a character reference), markup escaped.
fn attr(s: &str) -> String {
    escape(escape_controls(s).as_ref()).into_owned()
}
