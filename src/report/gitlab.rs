//! GitLab Code Quality (`artifacts: reports: codequality`): a JSON array of issues, each with
//! a description, the rule as `check_name`, a fingerprint, a severity and the path and lines.
//! GitLab shows them in the merge request's widget and the changes tab.

use std::io::{self, Write};

use serde_json::json;

use super::{FileReport, escape_controls, positions};
use crate::finding::Severity;

/// One file's issues as compact JSON objects, each preceded by `,\n`: the reporter drops the
/// comma before the report's first issue, as for SARIF's results.
pub fn render(f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let path = f.source.name.replace('\\', "/");
    let fingerprints = super::fingerprint::fingerprints(&f.source, &f.findings);
    for (d, fingerprint) in f.findings.iter().zip(fingerprints) {
        let (start, end) = positions(&f.source, &d.span);
        let mut description = format!("{} {}: {}", d.rule.code, d.rule.slug, d.message);
        if let Some(help) = &d.help {
            description.push_str(" (help: ");
            description.push_str(help);
            description.push(')');
        }
        let issue = json!({
            "type": "issue",
            "check_name": d.rule.code,
            "description": escape_controls(&description),
            "categories": ["Style"],
            "severity": severity(d.severity),
            "fingerprint": fingerprint,
            "location": {"path": path, "lines": {"begin": start.line, "end": end.line}},
        });
        out.write_all(b",\n  ")?;
        serde_json::to_writer(&mut *out, &issue).map_err(io::Error::from)?;
    }
    Ok(())
}

/// GitLab's scale is info, minor, major, critical, blocker: an error blocks nothing by itself,
/// so it is major; a warning, minor.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
    }
}

/// The report's end, after its `[` and issues; `any` says whether there were any.
pub fn write_tail(any: bool, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(if any { b"\n]\n" } else { b"]\n" })
}
