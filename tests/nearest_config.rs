//! Each file is linted by the config nearest it (ruff's and markdownlint-cli2's rule), a
//! config may `extend` another, `--config` and `--isolated` still give every file one set of
//! settings, and `--show-settings` says which.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// Clean under the default preset; under `alx` its "Description" is no Issue Summary.
const DESCRIBED: &str = "# Outage\n\n## Description\nThe API was down for all users.\n\n## Timeline\n- 10:00 UTC down\n- 10:30 UTC up\n\n## Root Cause\nA bad deploy.\n\n## Resolution\nRolled back.\n\n## Action Items\n- Canary deploys (OPS-1).\n";
const ALX_MISSING: &str = "`Issue Summary` is missing";

fn pmlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmlint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS");
    cmd
}

fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn concise(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = pmlint(dir)
        .args(["--format", "concise"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn a_project_folder_linted_from_above_uses_its_own_config() {
    let dir = tree(&[
        ("proj/pmlint.toml", "preset = \"alx\"\n"),
        ("proj/docs/a.md", DESCRIBED),
        ("elsewhere/b.md", DESCRIBED),
    ]);
    // From the parent, which has no config: proj's files by proj's, the others by defaults.
    let (code, out) = concise(dir.path(), &["proj/docs", "elsewhere"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "proj/docs/a.md:1:3: error[PM101 required-sections] required section {ALX_MISSING}"
        )),
        "{out}"
    );
    assert!(!out.contains("elsewhere/b.md"), "{out}");
    // A file named on the command line is found the same way.
    let (_, out) = concise(dir.path(), &["proj/docs/a.md"]);
    assert!(out.contains(ALX_MISSING), "{out}");
}

#[test]
fn a_sub_folder_config_extends_its_parent_and_overrides_what_it_sets() {
    let team = "extend = \"../pmlint.toml\"\n[rules.known-typos]\nallow = [\"valvulator\"]\nseverity = \"off\"\n";
    let typos = DESCRIBED.replace(
        "Rolled back.",
        "Rolled back the valvulator and teh zorbulator.",
    );
    let dir = tree(&[
        (
            "pmlint.toml",
            "preset = \"alx\"\n[rules.PM501]\nallow = [\"zorbulator\"]\n",
        ),
        ("a.md", &typos),
        ("team/pmlint.toml", team),
        ("team/b.md", &typos),
    ]);
    let (_, out) = concise(dir.path(), &["."]);
    // The root's file: its own words only, typos on.
    assert!(
        out.contains("a.md:14:17: warning[PM502 misspelling] `valvulator`"),
        "{out}"
    );
    assert!(
        out.contains("a.md:14:32: warning[PM501 known-typos]"),
        "{out}"
    );
    assert!(!out.contains("`zorbulator`"), "{out}");
    // The team's file: the parent's preset, both word lists, its own known-typos switch.
    let team_lines: Vec<&str> = out.lines().filter(|l| l.starts_with("team/b.md")).collect();
    assert!(team_lines.iter().any(|l| l.contains(ALX_MISSING)), "{out}");
    assert!(
        !team_lines.iter().any(|l| l.contains("PM50")),
        "team/b.md still has spelling findings: {out}"
    );
}

#[test]
fn each_file_fails_the_run_by_its_own_fail_on() {
    let dir = tree(&[
        ("pmlint.toml", "preset = \"alx\"\n"),
        ("a.md", DESCRIBED),
        (
            "drafts/pmlint.toml",
            "extend = \"../pmlint.toml\"\nfail-on = \"never\"\n",
        ),
        ("drafts/b.md", DESCRIBED),
    ]);
    let (code, out) = concise(dir.path(), &["drafts"]);
    assert_eq!(code, 0, "drafts never fail: {out}");
    assert!(out.contains(ALX_MISSING), "{out}");
    let (code, _) = concise(dir.path(), &["."]);
    assert_eq!(code, 1, "a.md fails by the root's fail-on");
    // The flag overrides every config's.
    let (code, _) = concise(dir.path(), &["--fail-on", "never", "."]);
    assert_eq!(code, 0);
}

#[test]
fn excludes_apply_below_the_config_that_wrote_them() {
    let dir = tree(&[
        ("pmlint.toml", "exclude = [\"old/**\"]\n"),
        ("old/a.md", "# Outage\n"),
        ("team/pmlint.toml", "exclude = [\"scratch\"]\n"),
        ("team/scratch/b.md", "# Outage\n"),
        ("team/old/c.md", "# Outage\n"),
        ("team/d.md", "# Outage\n"),
    ]);
    let (_, out) = concise(dir.path(), &["."]);
    assert!(!out.contains("old/a.md"), "root's exclude: {out}");
    assert!(!out.contains("team/scratch/b.md"), "team's exclude: {out}");
    // The team's config replaces the root's for its folder: its `old` is not excluded.
    assert!(out.contains("team/old/c.md"), "{out}");
    assert!(out.contains("team/d.md"), "{out}");
}

#[test]
fn config_and_isolated_give_every_file_one_set_of_settings() {
    let dir = tree(&[
        ("proj/pmlint.toml", "preset = \"alx\"\n"),
        ("proj/a.md", DESCRIBED),
        ("proj/sub/pmlint.toml", "preset = \"nope\"\n"),
        ("proj/sub/b.md", DESCRIBED),
        ("other.toml", "preset = \"default\"\n"),
    ]);
    let (code, out) = concise(dir.path(), &["--config", "other.toml", "proj"]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = concise(dir.path(), &["--isolated", "proj"]);
    assert_eq!(code, 0, "{out}");
    // Without them, the broken sub-folder config stops the run, pointing into it.
    pmlint(dir.path())
        .arg("proj")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown preset `nope`"))
        .stderr(predicate::str::contains("proj/sub/pmlint.toml:1:10"));
}

#[test]
fn extend_mistakes_point_into_the_file_that_holds_them() {
    let dir = tree(&[
        ("a/pmlint.toml", "extend = \"../missing.toml\"\n"),
        ("a/x.md", DESCRIBED),
        ("b/pmlint.toml", "extend = \"../c/pmlint.toml\"\n"),
        ("c/pmlint.toml", "extend = \"../b/pmlint.toml\"\n"),
        ("b/x.md", DESCRIBED),
        ("d/pmlint.toml", "extend = \"../base.toml\"\n"),
        ("base.toml", "preset = \"alx\"\nfail-on = \"sometimes\"\n"),
        ("d/x.md", DESCRIBED),
    ]);
    pmlint(dir.path())
        .arg("a/x.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`../missing.toml` is not a file"))
        .stderr(predicate::str::contains("a/pmlint.toml:1:10"));
    pmlint(dir.path())
        .arg("b/x.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("extends this file again"));
    pmlint(dir.path())
        .arg("d/x.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("base.toml:2:11"))
        .stderr(predicate::str::contains("sometimes"));
}

#[test]
fn show_settings_names_the_config_files_and_what_they_set() {
    let dir = tree(&[
        ("pmlint.toml", "preset = \"alx\"\nexclude = [\"old/**\"]\n"),
        (
            "team/pmlint.toml",
            "extend = \"../pmlint.toml\"\nfail-on = \"warning\"\n[rules.window-mismatch]\nseverity = \"off\"\n[rules.duration-mismatch]\ntolerance = \"5m\"\n",
        ),
        ("team/a.md", DESCRIBED),
        ("b.md", DESCRIBED),
    ]);
    let out = pmlint(dir.path())
        .args(["--show-settings", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let (root, team) = text
        .split_once("Settings for team/a.md")
        .expect("two groups");
    assert!(
        root.starts_with("Settings for b.md\nconfig: pmlint.toml\n"),
        "{text}"
    );
    assert!(root.contains("fail-on: error"), "{root}");
    assert!(root.contains("PM402 window-mismatch error"), "{root}");
    assert!(
        team.contains("config: team/pmlint.toml\n  extends pmlint.toml\n"),
        "{team}"
    );
    assert!(team.contains("template: alx"), "{team}");
    assert!(team.contains("fail-on: warning"), "{team}");
    assert!(
        team.contains("PM401 duration-mismatch error, tolerance 300s"),
        "{team}"
    );
    assert!(!team.contains("PM402"), "{team}");
    assert!(team.contains("exclude: old/** (relative to "), "{team}");
    // Nothing is linted.
    assert!(!text.contains("problems"), "{text}");
}

/// Copy a folder of the repository into a temporary one, file by file.
fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn the_docs_site_example_is_strict_for_incidents_and_lenient_for_drafts() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/configs/docs-site");
    // As shipped: the drafts' missing sections are warnings that fail nothing.
    let (code, out) = concise(&example, &["."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("drafts/cache-miss.md:1:3: warning[PM101 required-sections] required section `Root Cause` is missing"), "{out}");
    assert!(!out.contains("incidents/"), "{out}");

    // The same typo fails a published postmortem, and not a page at the root.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example, dir.path());
    let incident = dir.path().join("incidents/2025-03-log-gap.md");
    let text = fs::read_to_string(&incident).unwrap();
    let typo = text.replace("reject writes", "refuse to recieve writes");
    fs::write(&incident, &typo).unwrap();
    fs::write(dir.path().join("page.md"), &typo).unwrap();
    let (code, out) = concise(dir.path(), &["incidents"]);
    assert_eq!(code, 1, "fail-on warning in incidents/: {out}");
    assert!(
        out.contains("warning[PM501 known-typos] `recieve`"),
        "{out}"
    );
    let (code, out) = concise(dir.path(), &["page.md"]);
    assert_eq!(code, 0, "the root fails on errors only: {out}");
    assert!(out.contains("`recieve`"), "{out}");

    let settings = pmlint(dir.path())
        .args(["--show-settings", "incidents"])
        .output()
        .unwrap();
    let settings = String::from_utf8(settings.stdout).unwrap();
    assert!(
        settings.contains("config: incidents/pmlint.toml\n  extends pmlint.toml\n"),
        "{settings}"
    );
    assert!(settings.contains("fail-on: warning"), "{settings}");
}
