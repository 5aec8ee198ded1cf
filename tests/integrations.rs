//! The integrations, run with the real tools: SARIF output against the official SARIF 2.1.0
//! schema, the GitHub Action's script in a scratch repository with a fake pull-request event,
//! and the pre-commit hook through `pre-commit try-repo`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::git::{commit_all, git};
use common::{CLEAN, MISSING, stdout_with_code};

/// PM101 with an unsafe fix on line 3 ("Issue Sammary").
const MISSPELLED: &str = include_str!("../fixtures/required-sections/fail_misspelled.md");
/// PM102 with a label ("first appears here").
const DUPLICATE: &str = include_str!("../fixtures/duplicate-section/fail_subsection.md");

fn pmlint_bin() -> &'static str {
    env!("CARGO_BIN_EXE_pmlint")
}

fn pmlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(pmlint_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Is `tool --version` runnable? Prints why a test is skipped when it is not.
fn have(tool: &str, test: &str) -> bool {
    let ok = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    // A missing tool fails the test: it never passes by skipping (.ci/run installs them).
    assert!(ok, "{test} need `{tool}`, which is not installed");
    ok
}

// ---------------------------------------------------------------------------------------
// SARIF

/// RFC 3986 URI-reference syntax: draft-04 has no `uri-reference` format, which the SARIF
/// schema uses for `artifactLocation.uri`, so the test supplies it.
fn is_uri_reference(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(|c| c.is_ascii_hexdigit());
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    // A scheme, if any, is a letter followed by letters, digits, `+`, `-` or `.`.
    match s.find([':', '/', '?', '#']) {
        Some(n) if bytes[n] == b':' => {
            let scheme = &bytes[..n];
            !scheme.is_empty()
                && scheme[0].is_ascii_alphabetic()
                && scheme
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(c))
        }
        _ => true,
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("data/sarif/sarif-schema-2.1.0.json")).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .with_format("uri-reference", is_uri_reference)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF log does not match the schema:\n{}\n{log:#}",
        errors.join("\n")
    );
}

fn sarif(dir: &Path, paths: &[&str]) -> Value {
    let mut args = vec!["--format", "sarif"];
    args.extend(paths);
    let out = pmlint(dir, &args);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("SARIF output is JSON")
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

fn uri_of(location: &Value) -> &str {
    location["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
}

fn percent_decode(s: &str) -> String {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn sarif_with_relative_paths_matches_the_schema_and_the_json_output() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "pm/déjà vu.md", MISSPELLED);
    write(dir.path(), "dup.md", DUPLICATE);
    let log = sarif(dir.path(), &["pm/déjà vu.md", "dup.md"]);
    assert_valid_sarif(&sarif_validator(), &log);

    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "pmlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    for rule in rules {
        for key in ["id", "name", "shortDescription", "fullDescription", "help"] {
            assert!(!rule[key].is_null(), "rule {} has no {key}", rule["id"]);
        }
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }

    let results = results(&log);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], r["ruleId"],
            "ruleIndex points at its rule"
        );
    }
    // The file name's space and accents are percent-encoded UTF-8, relative to the folder.
    let uris: Vec<&str> = results.iter().map(|r| uri_of(&r["locations"][0])).collect();
    assert_eq!(uris, ["dup.md", "pm/d%C3%A9j%C3%A0%20vu.md"]);

    let duplicate = results.iter().find(|r| r["ruleId"] == "PM102").unwrap();
    let related = &duplicate["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "first appears here");
    assert_eq!(uri_of(related), "dup.md");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 10);

    let misspelled = results.iter().find(|r| r["ruleId"] == "PM101").unwrap();
    let change = &misspelled["fixes"][0]["artifactChanges"][0];
    assert_eq!(
        change["artifactLocation"]["uri"],
        "pm/d%C3%A9j%C3%A0%20vu.md"
    );
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "Issue Summary");
    assert_eq!(
        replacement["deletedRegion"],
        serde_json::json!({"startLine": 3, "startColumn": 4, "endLine": 3, "endColumn": 17})
    );

    // Regions are the JSON format's 1-based lines and columns, end exclusive.
    let out = pmlint(dir.path(), &["--format", "json", "pm/déjà vu.md", "dup.md"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), results.len());
    for (d, r) in diagnostics.iter().zip(results) {
        assert_eq!(d["code"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(region["endLine"], d["end_line"]);
        assert_eq!(region["endColumn"], d["end_column"]);
    }
}

#[test]
fn sarif_with_an_absolute_path_uses_a_file_uri() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "my docs/dup.md", DUPLICATE);
    let path = dir.path().join("my docs").join("dup.md");
    let log = sarif(dir.path(), &[path.to_str().unwrap()]);
    assert_valid_sarif(&sarif_validator(), &log);

    let result = &results(&log)[0];
    let uri = uri_of(&result["locations"][0]);
    assert!(uri.starts_with("file:///"), "{uri}");
    assert!(uri.contains("my%20docs/dup.md"), "{uri}");
    // The URI names the file that was linted.
    let decoded = percent_decode(uri.strip_prefix("file:///").unwrap());
    let expected = path.to_str().unwrap().replace('\\', "/");
    assert_eq!(decoded, expected.trim_start_matches('/'));
    assert_eq!(uri_of(&result["relatedLocations"][0]), uri);
}

#[test]
fn the_schema_check_rejects_what_the_schema_forbids() {
    // So that the tests above cannot pass because nothing was checked.
    let dir = TempDir::new().unwrap();
    write(dir.path(), "dup.md", DUPLICATE);
    let log = sarif(dir.path(), &["dup.md"]);
    let validator = sarif_validator();
    assert!(validator.is_valid(&log));

    let mut bad_level = log.clone();
    bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad_level));

    let mut bad_uri = log.clone();
    bad_uri["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "my docs/dup.md".into();
    assert!(!validator.is_valid(&bad_uri));

    let mut zero_line = log;
    zero_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&zero_line));
}

/// Each result's fingerprint, by rule and message (what a reviewer would call "the same finding").
fn fingerprints_by_finding(log: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = results(log)
        .iter()
        .map(|r| {
            let fp = r["partialFingerprints"]["pmlint/v1"].as_str().unwrap();
            (
                r["ruleId"].as_str().unwrap().to_owned(),
                r["message"]["text"].as_str().unwrap().to_owned(),
                fp.to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn sarif_fingerprints_follow_findings_when_lines_are_added_above_them() {
    let dir = TempDir::new().unwrap();
    let flawed = MISSING.replace("for all users.", "for all users. Teh cache was cold.");
    write(dir.path(), "pm.md", &flawed);
    let before = sarif(dir.path(), &["pm.md"]);
    let moved = flawed.replace(
        "## Summary\n",
        "## Summary\nA paragraph added in review.\n\nAnd a second one.\n\n",
    );
    write(dir.path(), "pm.md", &moved);
    let after = sarif(dir.path(), &["pm.md"]);
    assert_valid_sarif(&sarif_validator(), &after);

    let (a, b) = (
        fingerprints_by_finding(&before),
        fingerprints_by_finding(&after),
    );
    assert!(a.len() >= 5, "four missing sections and a typo: {a:?}");
    assert_eq!(a, b, "the same findings keep their fingerprints");
    let lines = |log: &Value| -> Vec<u64> {
        results(log)
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap()
            })
            .collect()
    };
    assert_ne!(lines(&before), lines(&after), "the findings did move");
    let mut unique: Vec<&String> = a.iter().map(|(_, _, fp)| fp).collect();
    unique.dedup();
    assert_eq!(
        unique.len(),
        a.len(),
        "no two findings share a fingerprint: {a:?}"
    );

    // Editing the flawed text itself makes it a new finding.
    write(
        dir.path(),
        "pm.md",
        &moved.replace("Teh cache", "Teh caches"),
    );
    let edited = fingerprints_by_finding(&sarif(dir.path(), &["pm.md"]));
    let typo = |fps: &[(String, String, String)]| {
        fps.iter()
            .find(|(code, _, _)| code == "PM501")
            .map(|f| f.2.clone())
    };
    assert!(typo(&a).is_some(), "{a:?}");
    assert_eq!(typo(&a), typo(&b));
    assert_eq!(typo(&a), typo(&edited), "the typo's own text is unchanged");
}

#[test]
fn sarif_links_each_rule_to_its_reference_and_roots_relative_paths() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "dup.md", DUPLICATE);
    let log = sarif(dir.path(), &["dup.md"]);
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    let canonical = fs::canonicalize(dir.path()).unwrap();
    let decoded = percent_decode(root.strip_prefix("file:///").unwrap());
    assert_eq!(
        fs::canonicalize(format!("/{}", decoded.trim_start_matches('/'))).unwrap(),
        canonical
    );
    let location = &results(&log)[0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let uri = rule["helpUri"].as_str().unwrap();
        let code = rule["id"].as_str().unwrap().to_lowercase();
        assert!(uri.starts_with("https://"), "{uri}");
        assert!(
            uri.contains("docs/rules.md#") && uri.contains(&code),
            "{uri}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// GitLab Code Quality and JUnit

/// The JSON format's findings for `paths`, which the other formats are compared with.
fn json_diagnostics(dir: &Path, paths: &[&str]) -> Vec<Value> {
    let mut args = vec!["--format", "json"];
    args.extend(paths);
    let json: Value = serde_json::from_slice(&pmlint(dir, &args).stdout).unwrap();
    json["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn gitlab_code_quality_report_has_each_finding_once_with_its_lines() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "dup.md", DUPLICATE);
    write(dir.path(), "docs/miss.md", MISSING);
    let out = pmlint(
        dir.path(),
        &["--format", "gitlab", "dup.md", "docs/miss.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let issues = report.as_array().unwrap();
    let diagnostics = json_diagnostics(dir.path(), &["dup.md", "docs/miss.md"]);
    assert_eq!(issues.len(), diagnostics.len());
    let mut fingerprints = Vec::new();
    for (issue, d) in issues.iter().zip(&diagnostics) {
        assert_eq!(issue["type"], "issue");
        assert_eq!(issue["check_name"], d["code"]);
        let description = issue["description"].as_str().unwrap();
        assert!(
            description.contains(d["message"].as_str().unwrap()),
            "{description}"
        );
        let severity = issue["severity"].as_str().unwrap();
        let want = if d["severity"] == "error" {
            "major"
        } else {
            "minor"
        };
        assert_eq!(severity, want);
        assert_eq!(issue["location"]["path"], d["path"]);
        assert_eq!(issue["location"]["lines"]["begin"], d["line"]);
        assert_eq!(issue["location"]["lines"]["end"], d["end_line"]);
        assert!(!issue["categories"].as_array().unwrap().is_empty());
        fingerprints.push(issue["fingerprint"].as_str().unwrap().to_owned());
    }
    let count = fingerprints.len();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(
        fingerprints.len(),
        count,
        "GitLab needs unique fingerprints"
    );

    write(dir.path(), "clean.md", CLEAN);
    let clean = pmlint(dir.path(), &["--format", "gitlab", "clean.md"]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stderr));
    let report: Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_eq!(report, serde_json::json!([]));
}

#[test]
fn junit_report_has_a_suite_per_file_and_a_failure_per_finding() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a&b <draft>.md", MISSING);
    write(dir.path(), "clean.md", CLEAN);
    let out = pmlint(
        dir.path(),
        &["--format", "junit", "a&b <draft>.md", "clean.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    let xml = text(&out.stdout);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    let names: Vec<_> = suites
        .iter()
        .map(|s| s.attribute("name").unwrap())
        .collect();
    assert_eq!(names, ["a&b <draft>.md", "clean.md"]);

    let failures = |n: &roxmltree::Node| {
        n.descendants()
            .filter(|c| c.has_tag_name("failure"))
            .count()
    };
    let findings = json_diagnostics(dir.path(), &["a&b <draft>.md", "clean.md"]).len();
    assert!(findings >= 4);
    assert_eq!(failures(&suites[0]), findings);
    assert_eq!(
        suites[0].attribute("failures"),
        Some(findings.to_string().as_str())
    );
    assert_eq!(failures(&suites[1]), 0);
    let clean_cases = suites[1]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(clean_cases, 1, "a clean file is one passing case");
    assert_eq!(suites[1].attribute("tests"), Some("1"));
    assert_eq!(
        root.attribute("tests"),
        Some((findings + 1).to_string().as_str())
    );
    assert_eq!(
        root.attribute("failures"),
        Some(findings.to_string().as_str())
    );
    let first = suites[0]
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(first.attribute("type"), Some("PM101"));
    assert!(
        first.text().unwrap().contains("help: "),
        "the help line is kept"
    );
}

// ---------------------------------------------------------------------------------------
// The GitHub Action's script

#[cfg(unix)]
mod action {
    use super::*;

    /// A pull request against `base` that adds a file with a space in its name, renames
    /// and changes another, deletes a third and leaves a flawed fourth alone.
    struct PullRequest {
        repo: TempDir,
        event: PathBuf,
    }

    fn pull_request() -> PullRequest {
        let repo = TempDir::new().unwrap();
        let dir = repo.path();
        git(dir, &["init", "-q"]);
        write(dir, "docs/unchanged.md", MISSING);
        write(dir, "docs/to delete.md", MISSING);
        write(dir, "docs/rename-me.md", CLEAN);
        write(dir, "notes.txt", "notes\n");
        let base = commit_all(dir, "base");
        write(dir, "docs/new pm.md", MISSING);
        fs::remove_file(dir.join("docs/to delete.md")).unwrap();
        fs::remove_file(dir.join("docs/rename-me.md")).unwrap();
        write(
            dir,
            "docs/renamed.md",
            &CLEAN.replace(
                "## Action Items",
                "## Root Cause\nAgain.\n\n## Action Items",
            ),
        );
        write(dir, "notes.txt", "more notes\n");
        let head = commit_all(dir, "head");
        assert!(
            git(dir, &["diff", "--name-status", "-M", &base, "HEAD"])
                .contains("docs/rename-me.md\tdocs/renamed.md"),
            "git sees the rename"
        );
        let event = dir.join("..").join(format!(
            "{}-event.json",
            dir.file_name().unwrap().to_str().unwrap()
        ));
        fs::write(
            &event,
            serde_json::json!({"pull_request": {"base": {"sha": base}, "head": {"sha": head}}})
                .to_string(),
        )
        .unwrap();
        PullRequest { repo, event }
    }

    impl Drop for PullRequest {
        fn drop(&mut self) {
            let _ = fs::remove_file(&self.event);
        }
    }

    fn script() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/scripts/pmlint-action.sh")
    }

    fn run(dir: &Path, event: Option<&Path>, inputs: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new("bash");
        cmd.arg(script())
            .current_dir(dir)
            .env("PMLINT", pmlint_bin())
            .env("GITHUB_EVENT_NAME", "pull_request")
            .env_remove("GITHUB_EVENT_PATH")
            .env("NO_COLOR", "1");
        for name in ["PATHS", "CONFIG", "ONLY_CHANGED", "FAIL_ON", "SARIF_FILE"] {
            cmd.env_remove(format!("INPUT_{name}"));
        }
        if let Some(event) = event {
            cmd.env("GITHUB_EVENT_PATH", event);
        }
        for (name, value) in inputs {
            cmd.env(format!("INPUT_{name}"), value);
        }
        cmd.output().unwrap()
    }

    /// The `file=` of each annotation, in order.
    fn annotated_files(stdout: &str) -> Vec<String> {
        stdout
            .lines()
            .filter(|l| l.starts_with("::error ") || l.starts_with("::warning "))
            .map(|l| {
                let file = l.split_once("file=").unwrap().1;
                file.split(",line=").next().unwrap().to_string()
            })
            .collect()
    }

    fn skip() -> bool {
        let test = "the GitHub Action script tests";
        !(have("git", test) && have("jq", test) && have("bash", test))
    }

    #[test]
    fn on_a_pull_request_only_the_changed_files_are_annotated() {
        if skip() {
            return;
        }
        let pr = pull_request();
        let out = run(pr.repo.path(), Some(&pr.event), &[]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
        assert_eq!(
            annotated_files(&stdout),
            [
                "docs/new pm.md",
                "docs/new pm.md",
                "docs/new pm.md",
                "docs/new pm.md",
                "docs/renamed.md"
            ],
            "{stdout}"
        );
        assert!(stdout.contains(
            "::error file=docs/renamed.md,line=16,col=4,endLine=16,endColumn=14,title=PM102 duplicate-section::"
        ));

        // Without the pull request (only-changed off, or a push), every file is linted.
        for (inputs, event) in [
            (&[("ONLY_CHANGED", "false")][..], Some(pr.event.as_path())),
            (&[][..], None),
        ] {
            let out = run(pr.repo.path(), event, inputs);
            let files = annotated_files(&text(&out.stdout));
            assert_eq!(out.status.code(), Some(1));
            assert!(
                files.contains(&"docs/unchanged.md".to_string()),
                "{files:?}"
            );
        }
    }

    #[test]
    fn the_exit_code_follows_fail_on_and_the_config() {
        if skip() {
            return;
        }
        let pr = pull_request();
        let dir = pr.repo.path();
        let code = |inputs: &[(&str, &str)]| {
            let out = run(dir, Some(&pr.event), inputs);
            (out.status.code(), annotated_files(&text(&out.stdout)).len())
        };
        assert_eq!(code(&[]), (Some(1), 5));
        assert_eq!(code(&[("FAIL_ON", "never")]), (Some(0), 5));
        assert_eq!(code(&[("FAIL_ON", "error")]), (Some(1), 5));
        // With every finding lowered to a warning by a config file named in `config`:
        write(
            dir,
            "ci/pmlint.toml",
            "[rules.required-sections]\nseverity = \"warning\"\n[rules.duplicate-section]\nseverity = \"warning\"\n",
        );
        let config = [("CONFIG", "ci/pmlint.toml")];
        assert_eq!(code(&config), (Some(0), 5));
        assert_eq!(code(&[config[0], ("FAIL_ON", "warning")]), (Some(1), 5));
        // A bad value is pmlint's usage error.
        assert_eq!(code(&[("FAIL_ON", "sometimes")]).0, Some(2));
    }

    #[test]
    fn the_config_exclude_applies_to_changed_files_and_paths_narrow_them() {
        if skip() {
            return;
        }
        let pr = pull_request();
        let dir = pr.repo.path();
        write(dir, "pmlint.toml", "exclude = [\"docs/new*\"]\n");
        let out = run(dir, Some(&pr.event), &[]);
        assert_eq!(annotated_files(&text(&out.stdout)), ["docs/renamed.md"]);

        fs::remove_file(dir.join("pmlint.toml")).unwrap();
        let out = run(
            dir,
            Some(&pr.event),
            &[("PATHS", "notes.txt\ndocs/renamed.md\n")],
        );
        assert_eq!(annotated_files(&text(&out.stdout)), ["docs/renamed.md"]);
    }

    #[test]
    fn sarif_file_holds_the_same_changed_files() {
        if skip() {
            return;
        }
        let pr = pull_request();
        let dir = pr.repo.path();
        // The folder is made when missing.
        let out = run(dir, Some(&pr.event), &[("SARIF_FILE", "out/pmlint.sarif")]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
        let log: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("out/pmlint.sarif")).unwrap())
                .unwrap();
        assert_valid_sarif(&sarif_validator(), &log);
        let uris: Vec<&str> = results(&log)
            .iter()
            .map(|r| uri_of(&r["locations"][0]))
            .collect();
        assert_eq!(
            uris,
            [
                "docs/new%20pm.md",
                "docs/new%20pm.md",
                "docs/new%20pm.md",
                "docs/new%20pm.md",
                "docs/renamed.md"
            ]
        );
    }

    #[test]
    fn a_pull_request_without_markdown_changes_prints_a_notice_and_passes() {
        if skip() {
            return;
        }
        let pr = pull_request();
        let dir = pr.repo.path();
        write(dir, "notes.txt", "other notes\n");
        let base = git(dir, &["rev-parse", "HEAD"]);
        commit_all(dir, "only notes");
        fs::write(
            &pr.event,
            serde_json::json!({"pull_request": {"base": {"sha": base}}}).to_string(),
        )
        .unwrap();
        let out = run(dir, Some(&pr.event), &[("SARIF_FILE", "empty.sarif")]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(
            stdout.contains("::notice title=pmlint::This pull request changes no Markdown file"),
            "{stdout}"
        );
        assert!(annotated_files(&stdout).is_empty());
        // The upload step after the action still finds a valid, empty log.
        let log: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("empty.sarif")).unwrap()).unwrap();
        assert_valid_sarif(&sarif_validator(), &log);
        assert!(results(&log).is_empty());
    }

    #[test]
    fn a_shallow_checkout_fetches_the_base_commit() {
        if skip() {
            return;
        }
        // actions/checkout clones one commit; the base is fetched from `origin`.
        let pr = pull_request();
        let clone = TempDir::new().unwrap();
        let url = format!("file://{}", pr.repo.path().display());
        git(
            clone.path(),
            &["clone", "-q", "--depth", "1", &url, "checkout"],
        );
        let checkout = clone.path().join("checkout");
        let event: Value = serde_json::from_str(&fs::read_to_string(&pr.event).unwrap()).unwrap();
        let base = event["pull_request"]["base"]["sha"].as_str().unwrap();
        let missing = Command::new("git")
            .args(["cat-file", "-e", &format!("{base}^{{commit}}")])
            .current_dir(&checkout)
            .status()
            .unwrap();
        assert!(!missing.success(), "the clone is shallow");
        let out = run(&checkout, Some(&pr.event), &[]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
        assert_eq!(annotated_files(&text(&out.stdout)).len(), 5);
    }
}

// ---------------------------------------------------------------------------------------
// pre-commit

/// What `cargo install --path .` needs to build pmlint, and the hook manifest.
const HOOK_REPO_FILES: &[&str] = &[
    ".pre-commit-hooks.yaml",
    "Cargo.toml",
    "Cargo.lock",
    "README.md",
    "src",
    "rules",
];

/// The Action's install step (.github/scripts/install-pmlint.sh) against a fake release folder
/// served from a file:// URL: the download path, its checksum check and the source fallback.
#[cfg(unix)]
mod install {
    use super::*;

    /// The runner this test machine stands for, as GitHub names it, and the release asset's
    /// target for it.
    fn runner() -> (&'static str, &'static str, &'static str) {
        let os = match std::env::consts::OS {
            "linux" => "Linux",
            "macos" => "macOS",
            other => panic!("no runner for {other}"),
        };
        let (arch, target) = match (os, std::env::consts::ARCH) {
            ("Linux", "x86_64") => ("X64", "x86_64-unknown-linux-musl"),
            ("Linux", "aarch64") => ("ARM64", "aarch64-unknown-linux-musl"),
            ("macOS", "x86_64") => ("X64", "x86_64-apple-darwin"),
            ("macOS", "aarch64") => ("ARM64", "aarch64-apple-darwin"),
            other => panic!("no runner for {other:?}"),
        };
        (os, arch, target)
    }

    /// A release `tag` in `releases` with this build's binary packed as the workflow packs it.
    fn fake_release(releases: &Path, tag: &str) -> PathBuf {
        let (_, _, target) = runner();
        let dir = releases.join("download").join(tag);
        let staging = releases.join("staging");
        fs::create_dir_all(&dir).unwrap();
        fs::create_dir_all(&staging).unwrap();
        fs::copy(pmlint_bin(), staging.join("pmlint")).unwrap();
        let archive = dir.join(format!("pmlint-{target}.tar.gz"));
        let out = Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .arg("-C")
            .arg(&staging)
            .arg("pmlint")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
        assert!(
            sum.status.success(),
            "sha256sum is needed: {}",
            text(&sum.stderr)
        );
        let line = text(&sum.stdout).replace(
            &archive.display().to_string(),
            &format!("pmlint-{target}.tar.gz"),
        );
        fs::write(dir.join(format!("pmlint-{target}.tar.gz.sha256")), line).unwrap();
        archive
    }

    /// PATH without the folders that hold cargo: a runner with no Rust toolchain.
    fn path_without_cargo() -> String {
        let path = std::env::var_os("PATH").unwrap();
        let kept: Vec<PathBuf> = std::env::split_paths(&path)
            .filter(|dir| !dir.join("cargo").exists())
            .collect();
        std::env::join_paths(kept).unwrap().into_string().unwrap()
    }

    struct Install {
        stdout: String,
        code: Option<i32>,
        github_path: String,
    }

    fn install(tmp: &Path, releases: &Path, env: &[(&str, &str)]) -> Install {
        let (os, arch, _) = runner();
        let github_path = tmp.join("github_path");
        let mut cmd = Command::new("bash");
        cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/scripts/install-pmlint.sh"))
            .env("ROOT", tmp.join("root"))
            .env("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
            .env("GITHUB_PATH", &github_path)
            .env("RUNNER_OS", os)
            .env("RUNNER_ARCH", arch)
            .env(
                "PMLINT_RELEASES_URL",
                format!("file://{}", releases.display()),
            )
            .env_remove("INPUT_VERSION");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        Install {
            stdout: format!("{}{}", text(&out.stdout), text(&out.stderr)),
            code: out.status.code(),
            github_path: fs::read_to_string(github_path).unwrap_or_default(),
        }
    }

    #[test]
    fn the_release_binary_for_the_runner_is_downloaded_and_checked() {
        let tmp = TempDir::new().unwrap();
        let releases = tmp.path().join("releases");
        let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
        fake_release(&releases, &tag);
        let path = path_without_cargo();
        let run = install(tmp.path(), &releases, &[("PATH", &path)]);
        assert_eq!(run.code, Some(0), "{}", run.stdout);
        let (_, _, target) = runner();
        assert!(
            run.stdout
                .contains(&format!("installed the {target} binary of release {tag}")),
            "the action's own version by default: {}",
            run.stdout
        );
        assert!(
            run.stdout
                .contains(&format!("pmlint {}", env!("CARGO_PKG_VERSION")))
        );
        let bin = tmp.path().join("root/bin");
        assert_eq!(run.github_path.trim(), bin.to_str().unwrap());
        let ran = Command::new(bin.join("pmlint"))
            .arg("--version")
            .output()
            .unwrap();
        assert!(ran.status.success());

        // A second run in the job (or a cache hit) keeps the binary.
        let again = install(tmp.path(), &releases, &[("PATH", &path)]);
        assert!(
            again.stdout.contains("using the cached"),
            "{}",
            again.stdout
        );

        // `version` picks another release; a bare number is read as its tag.
        let other = TempDir::new().unwrap();
        fake_release(&releases, "v9.8.7");
        let run = install(
            other.path(),
            &releases,
            &[("PATH", &path), ("INPUT_VERSION", "9.8.7")],
        );
        assert!(run.stdout.contains("of release v9.8.7"), "{}", run.stdout);
    }

    #[test]
    fn a_download_that_does_not_match_its_sum_is_not_installed() {
        let tmp = TempDir::new().unwrap();
        let releases = tmp.path().join("releases");
        let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
        let archive = fake_release(&releases, &tag);
        // The archive is swapped after the sums were published.
        let mut bytes = fs::read(&archive).unwrap();
        bytes.extend_from_slice(b"tampered");
        fs::write(&archive, bytes).unwrap();
        let run = install(tmp.path(), &releases, &[]);
        assert_eq!(run.code, Some(2), "{}", run.stdout);
        assert!(
            run.stdout.contains("::error title=pmlint::"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("does not match its SHA-256 sum"),
            "{}",
            run.stdout
        );
        assert!(
            !run.stdout.contains("building"),
            "no fallback build: {}",
            run.stdout
        );
        assert!(!tmp.path().join("root/bin/pmlint").exists());
        assert!(run.github_path.is_empty());
    }

    #[test]
    fn bad_inputs_and_a_missing_toolchain_are_clear_errors() {
        let tmp = TempDir::new().unwrap();
        let releases = tmp.path().join("releases");
        fs::create_dir_all(&releases).unwrap();
        let run = install(tmp.path(), &releases, &[("INPUT_VERSION", "newest")]);
        assert_eq!(run.code, Some(2));
        assert!(
            run.stdout.contains("version must be a release tag"),
            "{}",
            run.stdout
        );

        let path = path_without_cargo();
        let run = install(tmp.path(), &releases, &[("PATH", &path)]);
        assert_eq!(run.code, Some(2), "{}", run.stdout);
        assert!(
            run.stdout.contains("cargo is needed to build it"),
            "{}",
            run.stdout
        );
    }

    /// No release for this version (a branch, a fork): the action builds its own sources with
    /// the real cargo. Unoptimised and in the pre-commit test's target folder, whose
    /// dependencies that test builds too, to keep CI minutes short.
    #[test]
    fn without_a_release_binary_the_action_builds_its_sources() {
        let tmp = TempDir::new().unwrap();
        let releases = tmp.path().join("releases");
        fs::create_dir_all(&releases).unwrap();
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-cargo-target");
        let target = target.to_str().unwrap();
        let run = install(
            tmp.path(),
            &releases,
            &[
                ("CARGO_TARGET_DIR", target),
                ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0"),
                ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
                ("CARGO_PROFILE_RELEASE_LTO", "false"),
                ("CARGO_TERM_COLOR", "never"),
            ],
        );
        assert_eq!(run.code, Some(0), "{}", run.stdout);
        assert!(
            run.stdout.contains("building from the action's sources"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout
                .contains(&format!("pmlint {}", env!("CARGO_PKG_VERSION")))
        );
        assert!(tmp.path().join("root/bin/pmlint").is_file());
    }
}

// ---------------------------------------------------------------------------------------
// Workflows

fn actionlint(files: &[PathBuf]) -> Output {
    have("actionlint", "the workflow checks");
    Command::new("actionlint")
        .args(files)
        // Where .github/actionlint.yaml is found.
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn every_workflow_passes_actionlint() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let mut workflows: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    workflows.sort();
    assert!(workflows.len() >= 3, "{workflows:?}");
    let out = actionlint(&workflows);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );

    // So that the check above cannot pass because nothing was checked.
    let tmp = TempDir::new().unwrap();
    let broken = tmp.path().join("broken.yml");
    fs::write(
        &broken,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n",
    )
    .unwrap();
    let out = actionlint(&[broken]);
    assert!(!out.status.success());
    assert!(
        text(&out.stdout).contains("no_such_property"),
        "{}",
        text(&out.stdout)
    );
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::copy(from, to).unwrap();
    }
}

/// `pre-commit try-repo` takes a git repository: commit a copy of this working tree's
/// sources. It lives at a fixed place under target/ and has fixed commit dates, so that
/// the same sources make the same commit and cargo reuses its build.
fn hook_repo() -> PathBuf {
    let repo = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-hook-repo");
    if repo.exists() {
        fs::remove_dir_all(&repo).unwrap();
    }
    fs::create_dir_all(&repo).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in HOOK_REPO_FILES {
        copy_tree(&root.join(name), &repo.join(name));
    }
    git(&repo, &["init", "-q"]);
    commit_all(&repo, "pmlint");
    repo
}

fn pre_commit_try_repo(dir: &Path, hook_repo: &Path, files: &[&str]) -> Output {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    Command::new("pre-commit")
        .args(["try-repo", hook_repo.to_str().unwrap(), "pmlint", "--files"])
        .args(files)
        .current_dir(dir)
        // try-repo installs the hook into a fresh store of its own each time; a shared
        // cargo target folder makes every build after the first one a quick rebuild.
        .env("PRE_COMMIT_HOME", tmp.join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", tmp.join("pre-commit-cargo-target"))
        // The hook's `cargo install` builds in release mode; this test checks the wiring,
        // not the speed, so an unoptimised build keeps CI minutes short.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("PRE_COMMIT_COLOR", "never")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn pre_commit_hook_fails_a_flawed_postmortem_and_passes_a_clean_one() {
    let test = "pre_commit_hook_fails_a_flawed_postmortem_and_passes_a_clean_one";
    if !have("git", test) {
        return;
    }
    if !have("pre-commit", test) {
        eprintln!("  install it with `python3 -m pip install pre-commit` (.ci/run does)");
        return;
    }
    let hooks = hook_repo();
    let user = TempDir::new().unwrap();
    let dir = user.path();
    git(dir, &["init", "-q"]);
    write(dir, "docs/flawed.md", MISSING);
    write(dir, "docs/clean.md", CLEAN);
    write(dir, "docs/templates/flawed template.md", MISSING);
    write(dir, "notes.txt", MISSING);
    write(dir, "pmlint.toml", "exclude = [\"docs/templates/**\"]\n");
    commit_all(dir, "postmortems");

    let out = pre_commit_try_repo(dir, &hooks, &["docs/flawed.md"]);
    let stdout = stdout_with_code(&out, 1);
    assert!(stdout.contains("pmlint"), "{stdout}");
    assert!(stdout.contains("Failed"), "{stdout}");
    assert!(
        stdout.contains("docs/flawed.md:1:3: error[PM101 required-sections]"),
        "{stdout}"
    );

    // The template would fail (see below) but the config excludes it, and the hook passes
    // `--force-exclude`; notes.txt is not Markdown, so pre-commit does not pass it.
    let out = pre_commit_try_repo(
        dir,
        &hooks,
        &[
            "docs/clean.md",
            "docs/templates/flawed template.md",
            "notes.txt",
        ],
    );
    let stdout = stdout_with_code(&out, 0);
    assert!(stdout.contains("Passed"), "{stdout}");
    assert_eq!(
        pmlint(dir, &["docs/templates/flawed template.md"])
            .status
            .code(),
        Some(1),
        "the template is flawed when named without --force-exclude"
    );
}

#[test]
fn sarif_with_a_configs_own_rule_matches_the_schema() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "pmlint.toml",
        "[[rule]]\ncode = \"X001\"\nslug = \"no-tbd\"\nkind = \"existence\"\nwords = [\"TBD\"]\nseverity = \"error\"\nmessage = \"`{match}` left in place\"\n",
    );
    write(
        dir.path(),
        "a.md",
        &CLEAN.replace("Rolled back.", "Rolled back. Cause TBD."),
    );
    let log = sarif(dir.path(), &["a.md"]);
    assert_valid_sarif(&sarif_validator(), &log);
    let custom: Vec<&Value> = results(&log)
        .iter()
        .filter(|r| r["ruleId"] == "X001")
        .collect();
    assert_eq!(custom.len(), 1, "{log:#}");
    // No descriptor in the log, so no index pointing at another rule's.
    assert!(custom[0]["ruleIndex"].is_null());
}
