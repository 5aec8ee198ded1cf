//! SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other
//! SARIF consumers. Columns count Unicode code points, as everywhere in pmlint.

use std::io::{self, Write};
use std::sync::LazyLock;

use serde_json::{Value, json};

use super::{FileReport, positions};
use crate::finding::{Applicability, Severity};
use crate::registry::RULES;
use crate::rules;
use crate::source::Source;

/// The SARIF log around its results, as `serde_json`'s pretty printer lays out the whole log:
/// the text before the results array and the text after it. Results are printed one at a
/// time, indented to fit in between.
struct Layout {
    head: String,
    tail: String,
    /// The indentation of the line that holds `"results": [` and its `]`.
    indent: usize,
}

/// Stands in for the results while the rest of the log is laid out: no JSON string written
/// by the log itself can hold a NUL.
const RESULTS: &str = "\0results\0";

static LAYOUT: LazyLock<Layout> = LazyLock::new(|| {
    let driver_rules: Vec<Value> = RULES
        .iter()
        .map(|m| {
            let docs = rules::documentation(m);
            json!({
                "id": m.code,
                "name": m.slug,
                "shortDescription": {"text": m.summary},
                "helpUri": rules::help_uri(m),
                "fullDescription": {"text": first_paragraph(&docs)},
                "help": {"text": docs, "markdown": docs},
                "defaultConfiguration": {"level": level(m.default_severity)},
                "properties": {"tags": ["postmortem"]},
            })
        })
        .collect();
    let mut sarif = json!({
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
            "results": RESULTS,
            // Read off the log, not the run: the head is written before any file is read, so
            // a file that cannot be read is reported on stderr and in the exit status.
            "invocations": [{"executionSuccessful": true}],
        }],
    });
    if let Some(root) = &*SRCROOT {
        sarif["runs"][0]["originalUriBaseIds"] = json!({(SRCROOT_ID): {"uri": root}});
    }
    let text = serde_json::to_string_pretty(&sarif).expect("a JSON value always serializes");
    let placeholder = serde_json::to_string(RESULTS).expect("a string always serializes");
    let (head, tail) = text
        .split_once(&placeholder)
        .expect("the placeholder is in the log");
    let key_line = &head[head.rfind('\n').map_or(0, |i| i + 1)..];
    Layout {
        indent: key_line.len() - key_line.trim_start_matches(' ').len(),
        head: head.to_string(),
        tail: format!("{tail}\n"),
    }
});

/// The key of pmlint's fingerprint in `partialFingerprints` (see `fingerprint.rs`); the
/// version changes if what the fingerprint hashes does.
const FINGERPRINT_KEY: &str = "pmlint/v1";

/// The `uriBaseId` relative artifact URIs are resolved against: the folder pmlint ran in.
const SRCROOT_ID: &str = "%SRCROOT%";

/// The `file:` URI of the working folder, ending in `/` as a base URI must; none when the
/// folder is gone or not valid UTF-8.
static SRCROOT: LazyLock<Option<String>> = LazyLock::new(|| {
    let dir = std::env::current_dir().ok()?;
    let uri = uri(dir.to_str()?);
    Some(if uri.ends_with('/') { uri } else { uri + "/" })
});

/// The log up to its results array.
pub fn write_head(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(LAYOUT.head.as_bytes())?;
    out.write_all(b"[")
}

/// One file's results, each preceded by `,` and a new line: the reporter drops the comma
/// before the log's first result.
pub fn render(f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let indent = LAYOUT.indent + 2;
    let uri = uri(&f.source.name);
    let mut text = Vec::new();
    let fingerprints = super::fingerprint::fingerprints(&f.source, &f.findings);
    for (d, fingerprint) in f.findings.iter().zip(fingerprints) {
        // A config's own rule (`X001`) has no descriptor in the log: its result names it by
        // `ruleId` alone, which SARIF allows.
        let rule_index = RULES.iter().position(|m| m.code == d.rule.code);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let mut result = json!({
            "ruleId": d.rule.code,
            "level": level(d.severity),
            "message": {"text": message},
            "locations": [location(&f.source, &uri, &d.span)],
            "partialFingerprints": {(FINGERPRINT_KEY): fingerprint},
        });
        if let Some(index) = rule_index {
            result["ruleIndex"] = json!(index);
        }
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
                "artifactChanges": [{"artifactLocation": artifact_location(&uri), "replacements": replacements}],
            }]);
        }
        text.clear();
        serde_json::to_writer_pretty(&mut text, &result).map_err(io::Error::from)?;
        out.write_all(b",\n")?;
        write_indented(&text, indent, out)?;
    }
    Ok(())
}

/// `json` with `indent` spaces at the start of every line: a pretty-printed value nested that
/// deep. A JSON string holds no raw line break, so every `\n` starts a line of the layout.
fn write_indented(json: &[u8], indent: usize, out: &mut dyn Write) -> io::Result<()> {
    let pad = " ".repeat(indent);
    for (i, line) in json.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(pad.as_bytes())?;
        out.write_all(line)?;
    }
    Ok(())
}

/// The log after its results; `any` says whether there were any.
pub fn write_tail(any: bool, out: &mut dyn Write) -> io::Result<()> {
    if any {
        write!(out, "\n{}", " ".repeat(LAYOUT.indent))?;
    }
    out.write_all(b"]")?;
    out.write_all(LAYOUT.tail.as_bytes())
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
        "artifactLocation": artifact_location(uri),
        "region": region(source, span),
    }})
}

/// A relative URI names the working folder as its base, when the log has one.
fn artifact_location(uri: &str) -> Value {
    if uri.starts_with("file:") || SRCROOT.is_none() {
        json!({"uri": uri})
    } else {
        json!({"uri": uri, "uriBaseId": SRCROOT_ID})
    }
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
    use crate::report::{Format, RenderOptions};

    /// The log printed a result at a time, indented to fit, is the log `serde_json` prints
    /// whole: with no file, files without results, and results with labels and fixes.
    #[test]
    fn results_are_laid_out_as_in_the_whole_log() {
        let settings = crate::config::from_toml("select = [\"ALL\"]", std::path::Path::new("/"))
            .expect("settings");
        let texts = [
            "",
            "# Draft\n\n## Summary\nFirst.\n\n# Final\n\n## Summary\nFinal.\n",
            "# Cache incident\n\n## Issue Sammary\nUntill the rollback, reuests failed.\n",
        ];
        let opts = RenderOptions {
            color: false,
            quiet: false,
            width: 80,
        };
        let mut seen = String::new();
        for picked in [&[][..], &[0], &[0, 0], &[1], &[0, 2, 0, 1]] {
            let files: Vec<FileReport> = picked
                .iter()
                .map(|&i| {
                    let source = Source::new(format!("f{i}.md"), texts[i].to_string());
                    let doc = crate::document::build(source, &settings);
                    let findings = rules::check(&doc, &settings);
                    FileReport {
                        source: doc.source,
                        findings,
                        fixed: 0,
                    }
                })
                .collect();
            let mut out = Vec::new();
            crate::report::render(Format::Sarif, &files, &opts, &mut out).expect("in memory");
            let log = String::from_utf8(out).expect("UTF-8");
            let value: Value = serde_json::from_str(&log).expect("the log is JSON");
            let whole = serde_json::to_string_pretty(&value).expect("serializes") + "\n";
            assert_eq!(log, whole, "files {picked:?}");
            seen.push_str(&log);
        }
        assert!(seen.contains("\"relatedLocations\"") && seen.contains("\"fixes\""));
    }

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
