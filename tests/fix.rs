//! `--fix`, `--unsafe-fixes` and `--diff` end to end: only the fixed text changes, line
//! endings and BOM are kept, a second run changes nothing, `--diff` shows what `--fix`
//! writes, and a file that cannot be written is reported and left as it was.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// A postmortem whose only fixable problem is the near-miss heading (an unsafe fix).
const DOC: &str = "# Login outage\n\n## Issue Sammary\nUsers could not log in.\n\n## Timeline\n- 10:00 UTC errors\n\n## Root Cause\nMemory.\n\n## Action Items\n- Cap it.\n";

fn pmlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmlint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Modification times of the named files, to prove a run rewrote nothing.
fn mtimes(dir: &Path, files: &[(&str, String)]) -> Vec<std::time::SystemTime> {
    files
        .iter()
        .map(|(n, _)| fs::metadata(dir.join(n)).unwrap().modified().unwrap())
        .collect()
}

fn variants() -> Vec<(&'static str, String)> {
    vec![
        ("lf.md", DOC.to_string()),
        ("crlf.md", DOC.replace('\n', "\r\n")),
        ("bom.md", format!("\u{feff}{}", DOC.replace('\n', "\r\n"))),
        ("mixed.md", DOC.replacen('\n', "\r\n", 3)),
    ]
}

#[test]
fn fix_changes_only_the_fixed_text_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in variants() {
        fs::write(dir.path().join(name), &text).unwrap();
    }
    // Without --unsafe-fixes the rename is not applied.
    pmlint(dir.path())
        .args(["--fix", "--format", "concise", "."])
        .assert()
        .code(1);
    for (name, text) in variants() {
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), text);
    }
    pmlint(dir.path())
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("fixed 4 problems"));
    for (name, text) in variants() {
        let after = fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(
            after,
            text.replace("Issue Sammary", "Issue Summary"),
            "{name}"
        );
    }
    // A second run has nothing left to do and rewrites nothing.
    let before = mtimes(dir.path(), &variants());
    std::thread::sleep(std::time::Duration::from_millis(20));
    pmlint(dir.path())
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "."])
        .assert()
        .code(0);
    let after = mtimes(dir.path(), &variants());
    assert_eq!(before, after);
}

#[test]
fn diff_shows_what_fix_writes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), DOC).unwrap();
    let out = pmlint(dir.path())
        .args(["--diff", "--unsafe-fixes", "--format", "concise", "a.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("--- a/a.md\n+++ b/a.md\n"), "{out}");
    assert!(
        out.contains("-## Issue Sammary\n+## Issue Summary\n"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), DOC);
    pmlint(dir.path())
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "a.md"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        DOC.replace("Sammary", "Summary")
    );
}

#[test]
fn a_read_only_file_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.md");
    fs::write(&path, DOC).unwrap();
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    pmlint(dir.path())
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "ro.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ro.md: cannot write the fixes"))
        .stdout(predicate::str::contains("Issue Sammary"));
    assert_eq!(fs::read_to_string(&path).unwrap(), DOC);
    assert!(fs::metadata(&path).unwrap().permissions().readonly());
}

#[test]
fn stdin_fix_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    pmlint(dir.path())
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "-"])
        .write_stdin(DOC)
        .assert()
        .code(0)
        .stdout(DOC.replace("Sammary", "Summary"));
}

/// Safe spelling fixes: only the corrected words change, in every line-ending flavour.
const TYPOS: &str = "# Cache outage\n\n## Summary\nUntill the roolback, reuests failed.\n\n## Timeline\n- 10:00 UTC errors\n- 10:30 UTC resatrt of Aache2\n\n## Root Cause\nA bad config.\n\n## Action Items\n- Review configs.\n";

fn typo_fixed(text: &str) -> String {
    text.replace("Untill", "Until")
        .replace("roolback", "rollback")
        .replace("reuests", "requests")
        .replace("resatrt", "restart")
        .replace("Aache2", "Apache2")
}

#[test]
fn spelling_fixes_round_trip_on_lf_crlf_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    let copies = [
        ("lf.md", TYPOS.to_string()),
        ("crlf.md", TYPOS.replace('\n', "\r\n")),
        ("bom.md", format!("\u{feff}{}", TYPOS.replace('\n', "\r\n"))),
    ];
    for (name, text) in &copies {
        fs::write(dir.path().join(name), text).unwrap();
    }
    // --diff first: it writes nothing, and its + lines are exactly what --fix writes.
    let diff = pmlint(dir.path())
        .args(["--diff", "--format", "concise", "lf.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(diff).unwrap();
    assert!(
        diff.contains("+Until the rollback, requests failed.\n"),
        "{diff}"
    );
    assert_eq!(fs::read_to_string(dir.path().join("lf.md")).unwrap(), TYPOS);
    pmlint(dir.path())
        .args(["--fix", "--format", "concise", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("fixed 15 problems"));
    for (name, text) in &copies {
        let after = fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(after, typo_fixed(text), "{name}");
    }
    let before = mtimes(dir.path(), &copies);
    pmlint(dir.path())
        .args(["--fix", "--format", "concise", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found in 3 files"));
    let after = mtimes(dir.path(), &copies);
    assert_eq!(before, after, "a second --fix rewrote a file");
}
