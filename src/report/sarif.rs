use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileReport, positions};
use crate::finding::{Applicability, Severity};
use crate::rules;
use crate::source::Source;

/// SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other
/// SARIF consumers. Columns count Unicode code points, as everywhere in pmlint.
pub fn render(files: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let registry = rules::registry();
    let driver_rules: Vec<Value> = registry
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.slug,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": first_paragraph(&m.documentation())},
                "help": {"text": m.documentation(), "markdown": m.documentation()},
                "defaultConfiguration": {"level": level(m.default_severity)},
                "properties": {"tags": ["postmortem"]},
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        let uri = uri(&f.source.name);
        for d in &f.findings {
            let rule_index = registry
                .iter()
                .position(|r| r.meta().code == d.rule.code)
                .unwrap_or(0);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.rule.code,
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [location(&f.source, &uri, &d.span)],
            });
            if !d.labels.is_empty() {
                result["relatedLocations"] = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut loc = location(&f.source, &uri, &l.span);
                        loc["id"] = json!(i + 1);
                        loc["message"] = json!({"text": l.message});
                        loc
                    })
                    .collect();
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(&f.source, &e.span),
                            "insertedContent": {"text": e.content},
                        })
                    })
                    .collect();
                let kind = match fix.applicability {
                    Applicability::Safe => "safe fix",
                    Applicability::Unsafe => "unsafe fix",
                };
                result["fixes"] = json!([{
                    "description": {"text": format!("{kind} for {} {}", d.rule.code, d.rule.slug)},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                }]);
            }
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pmlint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &sarif).map_err(io::Error::other)?;
    writeln!(out)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn region(source: &Source, span: &std::ops::Range<usize>) -> Value {
    let (a, b) = positions(source, span);
    json!({"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column})
}

fn location(source: &Source, uri: &str, span: &std::ops::Range<usize>) -> Value {
    json!({"physicalLocation": {
        "artifactLocation": {"uri": uri},
        "region": region(source, span),
    }})
}

/// The artifact's URI: a relative URI reference for a relative path (forward slashes,
/// reserved characters percent-encoded), a `file:` URI for an absolute one, since a
/// drive letter (`C:`) or a leading `/` is not a relative reference SARIF consumers resolve
/// against the checkout.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    if path.starts_with("//") {
        // A UNC path, //server/share/...: the server is the URI's authority.
        return format!("file:{}", encode(&path, b"/"));
    }
    let drive =
        path.len() > 2 && path.as_bytes()[0].is_ascii_alphabetic() && path[1..].starts_with(":/");
    if drive || path.starts_with('/') {
        let path = path.strip_prefix('/').unwrap_or(&path);
        // `:` stays literal so that a drive letter reads `file:///C:/...`.
        return format!("file:///{}", encode(path, b"/:"));
    }
    encode(&path, b"/")
}

/// Percent-encode every byte but the unreserved ones and `keep`.
fn encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The "What it checks" paragraph of a rule's docs.
fn first_paragraph(docs: &str) -> String {
    docs.split("\n## ")
        .next()
        .map(|s| {
            s.trim_start_matches("## What it checks")
                .trim()
                .replace('\n', " ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("docs\\my pm.md"), "docs/my%20pm.md");
        assert_eq!(uri("pm-2024_06.md"), "pm-2024_06.md");
        assert_eq!(uri("../a:b.md"), "../a%3Ab.md");
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(uri("/tmp/my pm.md"), "file:///tmp/my%20pm.md");
        assert_eq!(uri("C:\\docs\\pm.md"), "file:///C:/docs/pm.md");
        assert_eq!(uri("\\\\server\\share\\pm.md"), "file://server/share/pm.md");
    }
}
