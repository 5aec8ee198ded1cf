//! The command-line contract: exit codes, formats, config discovery and errors, rule
//! selection, suppression, stdin, discovery and bad input.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const CLEAN: &str = "# Outage\n\n## Summary\nThe API was down for all users.\n\n## Timeline\n- 10:00 UTC down\n- 10:30 UTC up\n\n## Root Cause\nA bad deploy.\n\n## Resolution\nRolled back.\n\n## Action Items\n- Canary deploys (OPS-1).\n";
const MISSING: &str = "# Outage\n\n## Summary\nThe API was down for all users.\n";

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

#[test]
fn clean_file_exits_zero_and_findings_exit_one() {
    let dir = tree(&[("ok.md", CLEAN), ("bad.md", MISSING)]);
    pmlint(dir.path())
        .args(["--format", "concise", "ok.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found in 1 file"));
    pmlint(dir.path())
        .args(["--format", "concise", "bad.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "bad.md:1:3: error[PM101 required-sections] required section `Timeline` is missing",
        ))
        .stdout(predicate::str::contains(
            "4 problems (4 errors, 0 warnings) in 1 file",
        ));
}

#[test]
fn missing_path_exits_two_but_other_files_are_still_linted() {
    let dir = tree(&[("bad.md", MISSING)]);
    pmlint(dir.path())
        .args(["--format", "concise", "nope.md", "bad.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nope.md: no such file or directory",
        ))
        .stdout(predicate::str::contains("bad.md:1:3"));
}

#[test]
fn folders_are_walked_for_markdown_honouring_gitignore() {
    let dir = tree(&[
        ("docs/a.md", MISSING),
        ("docs/b.markdown", MISSING),
        ("docs/notes.txt", MISSING),
        ("docs/drafts/c.md", MISSING),
        (".gitignore", "drafts/\n"),
    ]);
    let out = pmlint(dir.path())
        .args(["--format", "concise"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("docs/a.md:"), "{out}");
    assert!(out.contains("docs/b.markdown:"), "{out}");
    assert!(!out.contains("notes.txt"), "{out}");
    assert!(!out.contains("drafts"), "{out}");
}

#[test]
fn explicit_files_are_linted_whatever_their_extension_and_exclude_needs_force() {
    let dir = tree(&[
        ("notes.txt", MISSING),
        ("pmlint.toml", "exclude = [\"templates/**\"]\n"),
        ("templates/t.md", MISSING),
    ]);
    pmlint(dir.path())
        .args(["--format", "concise", "notes.txt"])
        .assert()
        .code(1);
    pmlint(dir.path())
        .args(["--format", "concise", "templates/t.md"])
        .assert()
        .code(1);
    pmlint(dir.path())
        .args(["--format", "concise", "--force-exclude", "templates/t.md"])
        .assert()
        .code(0);
    // With --force-exclude, `include` narrows explicit files too: a README is not a postmortem.
    let dir2 = tree(&[
        ("pmlint.toml", "include = [\"docs/postmortems/**\"]\n"),
        ("README.md", MISSING),
        ("docs/postmortems/pm.md", MISSING),
    ]);
    pmlint(dir2.path())
        .args(["--format", "concise", "--force-exclude", "README.md"])
        .assert()
        .code(0);
    pmlint(dir2.path())
        .args([
            "--format",
            "concise",
            "--force-exclude",
            "README.md",
            "docs/postmortems/pm.md",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("docs/postmortems/pm.md:1:3"));
    // The walk never enters an excluded folder.
    pmlint(dir.path())
        .args(["--format", "concise", "templates"])
        .assert()
        .code(0);
}

#[test]
fn json_output_follows_the_schema() {
    let dir = tree(&[("bad.md", MISSING)]);
    let out = pmlint(dir.path())
        .args(["--format", "json", "bad.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["errors"], 4);
    assert_eq!(v["summary"]["warnings"], 0);
    let d = &v["diagnostics"][0];
    assert_eq!(d["path"], "bad.md");
    assert_eq!(d["code"], "PM101");
    assert_eq!(d["rule"], "required-sections");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(1), Some(9))
    );
    assert!(d["help"].as_str().unwrap().contains("Timeline"));
    assert!(d["fix"].is_null());
    assert!(d["labels"].as_array().unwrap().is_empty());
}

#[test]
fn github_format_prints_workflow_commands() {
    let dir = tree(&[("bad.md", MISSING)]);
    pmlint(dir.path())
        .args(["--format", "github", "bad.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "::error file=bad.md,line=1,col=3,endLine=1,endColumn=9,title=PM101 required-sections::required section `Timeline` is missing%0Ahelp: ",
        ));
}

#[test]
fn full_format_renders_miette_diagnostics() {
    let dir = tree(&[("bad.md", MISSING)]);
    pmlint(dir.path())
        .args(["--format", "full", "bad.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("PM101 required-sections"))
        .stdout(predicate::str::contains("╭─[bad.md:1:3]"))
        .stdout(predicate::str::contains(
            "help: add a `## Timeline` section",
        ));
}

#[test]
fn nearest_config_is_found_upward_and_flag_wins() {
    let dir = tree(&[
        ("pmlint.toml", "preset = \"alx\"\n"),
        (
            "sub/deeper/pm.md",
            &CLEAN.replace("## Summary", "## Description"),
        ),
        ("other.toml", "preset = \"default\"\n"),
    ]);
    // alx does not take "Description" for its Issue Summary; the default preset does.
    pmlint(&dir.path().join("sub/deeper"))
        .args(["--format", "concise", "pm.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("`Issue Summary` is missing"));
    pmlint(&dir.path().join("sub/deeper"))
        .args([
            "--format",
            "concise",
            "--config",
            "../../other.toml",
            "pm.md",
        ])
        .assert()
        .code(0);
    pmlint(&dir.path().join("sub/deeper"))
        .args(["--format", "concise", "--preset", "default", "pm.md"])
        .assert()
        .code(0);
}

#[test]
fn config_errors_point_into_the_toml() {
    let dir = tree(&[
        ("pmlint.toml", "preset = \"alx\"\nfail-on = \"sometimes\"\n"),
        ("a.md", CLEAN),
    ]);
    pmlint(dir.path())
        .arg("a.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pmlint.toml:2:11"))
        .stderr(predicate::str::contains("sometimes"));
    let dir = tree(&[
        ("pmlint.toml", "[rules.no-such-rule]\nseverity = \"off\"\n"),
        ("a.md", CLEAN),
    ]);
    pmlint(dir.path())
        .arg("a.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
    let dir = tree(&[("pmlint.toml", "preset = [\n"), ("a.md", CLEAN)]);
    pmlint(dir.path())
        .arg("a.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pmlint.toml"));
    let dir = tree(&[
        (
            "pmlint.toml",
            "[rules.required-sections]\ntolerance = \"2m\"\n",
        ),
        ("a.md", CLEAN),
    ]);
    pmlint(dir.path())
        .arg("a.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no option `tolerance`"));
}

#[test]
fn select_and_ignore_take_codes_and_slugs() {
    let dir = tree(&[("bad.md", MISSING)]);
    pmlint(dir.path())
        .args([
            "--format",
            "concise",
            "--ignore",
            "required-sections",
            "bad.md",
        ])
        .assert()
        .code(0);
    pmlint(dir.path())
        .args(["--format", "concise", "--select", "PM102,PM103", "bad.md"])
        .assert()
        .code(0);
    pmlint(dir.path())
        .args(["--format", "concise", "--select", "PM1", "bad.md"])
        .assert()
        .code(1);
    pmlint(dir.path())
        .args(["--select", "PM999", "bad.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `PM999` in --select"));
}

#[test]
fn severity_and_fail_on() {
    let dir = tree(&[
        (
            "pmlint.toml",
            "[rules.required-sections]\nseverity = \"warning\"\n",
        ),
        ("bad.md", MISSING),
    ]);
    pmlint(dir.path())
        .args(["--format", "concise", "bad.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[PM101"));
    pmlint(dir.path())
        .args(["--format", "concise", "--fail-on", "warning", "bad.md"])
        .assert()
        .code(1);
    let dir = tree(&[("bad.md", MISSING)]);
    pmlint(dir.path())
        .args(["--format", "concise", "--fail-on", "never", "bad.md"])
        .assert()
        .code(0);
}

#[test]
fn suppression_comments() {
    let file = format!("<!-- pmlint-disable-file required-sections -->\n{MISSING}");
    let dir = tree(&[("a.md", &file)]);
    pmlint(dir.path())
        .args(["--format", "concise", "a.md"])
        .assert()
        .code(0);
    let file = "# Outage\n\n## Summary\nx\n\n<!-- pmlint-disable-next-line PM102 -->\n## Summary\ny\n\n## Timeline\n- 10:00 UTC x\n\n## Root Cause\nx\n\n## Resolution\nRolled back.\n\n## Action Items\n- x\n";
    let dir = tree(&[("a.md", file)]);
    pmlint(dir.path())
        .args(["--format", "concise", "a.md"])
        .assert()
        .code(0);
    let unsuppressed = file.replace("<!-- pmlint-disable-next-line PM102 -->\n", "");
    let dir = tree(&[("a.md", &unsuppressed)]);
    pmlint(dir.path())
        .args(["--format", "concise", "a.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("PM102"));
}

#[test]
fn stdin_with_a_file_name() {
    let dir = tree(&[]);
    pmlint(dir.path())
        .args(["--format", "concise", "--stdin-filename", "docs/pm.md", "-"])
        .write_stdin(MISSING)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("docs/pm.md:1:3: error[PM101"));
}

#[test]
fn binary_and_invalid_utf8_files_are_reported_and_skipped() {
    let dir = tree(&[("bad.md", MISSING)]);
    fs::write(dir.path().join("nul.md"), b"# a\0b\n").unwrap();
    fs::write(dir.path().join("latin1.md"), b"# caf\xe9\n").unwrap();
    pmlint(dir.path())
        .args(["--format", "concise", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nul.md: looks like a binary file"))
        .stderr(predicate::str::contains("latin1.md: is not valid UTF-8"))
        .stdout(predicate::str::contains("bad.md:1:3"));
}

#[test]
fn rules_explain_and_init() {
    let dir = tree(&[]);
    pmlint(dir.path())
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("PM101   required-sections"));
    pmlint(dir.path())
        .args(["explain", "duplicate-section"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# PM102 duplicate-section"))
        .stdout(predicate::str::contains("## How to fix"));
    pmlint(dir.path())
        .args(["explain", "PM999"])
        .assert()
        .code(2);
    pmlint(dir.path())
        .args(["init", "--preset", "alx"])
        .assert()
        .code(0);
    let written = fs::read_to_string(dir.path().join("pmlint.toml")).unwrap();
    assert!(written.contains("preset = \"alx\""));
    // The file it writes is a valid config (the alx preset requires a Resolution).
    fs::write(
        dir.path().join("a.md"),
        CLEAN.replace("## Resolution\nRolled back.\n\n", ""),
    )
    .unwrap();
    pmlint(dir.path())
        .args(["--format", "concise", "a.md"])
        .assert()
        .code(1);
    pmlint(dir.path()).args(["init"]).assert().code(2);
}

/// A team's template, as `pmlint init --from` reads it: a title, then its sections.
const TEMPLATE: &str = "# Postmortem: <title>\n\n## TL;DR\n\n## Timeline (UTC)\n\n## Contributing Factors\n\n## Follow-up Actions\n\n## Customer Communication\n";

#[test]
fn init_from_a_template_writes_its_sections_and_lint_requires_them() {
    let dir = tree(&[("TEMPLATE.md", TEMPLATE)]);
    pmlint(dir.path())
        .args(["init", "--from", "TEMPLATE.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("the sections of TEMPLATE.md"));
    let written = fs::read_to_string(dir.path().join("pmlint.toml")).unwrap();
    // The title is no section; each heading is one, in order, with the role pmlint knows.
    assert!(!written.contains("<title>"), "{written}");
    let titles: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("title = "))
        .collect();
    assert_eq!(
        titles,
        [
            "\"TL;DR\"",
            "\"Timeline (UTC)\"",
            "\"Contributing Factors\"",
            "\"Follow-up Actions\"",
            "\"Customer Communication\""
        ]
    );
    assert!(
        written.contains("title = \"TL;DR\"\nrole = \"summary\""),
        "{written}"
    );
    assert!(written.contains("title = \"Follow-up Actions\"\nrole = \"corrective\""));
    // A postmortem written to it passes; one without the team's own section does not.
    let filled = "# Login outage\n\n## TL;DR\nFor 20 minutes all users could not log in.\n\n## Timeline (UTC)\n- 10:00 UTC logins fail\n- 10:20 UTC fixed\n\n## Contributing Factors\nA certificate expired because renewal was manual.\n\n## Follow-up Actions\n- Automate renewal (@kofi, SEC-9).\n\n## Customer Communication\nA status page post at 10:05 UTC.\n";
    fs::write(dir.path().join("ok.md"), filled).unwrap();
    pmlint(dir.path())
        .args(["--format", "concise", "ok.md"])
        .assert()
        .code(0);
    let without = filled.replace(
        "## Customer Communication\nA status page post at 10:05 UTC.\n",
        "",
    );
    fs::write(dir.path().join("bad.md"), without).unwrap();
    pmlint(dir.path())
        .args(["--format", "concise", "bad.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[PM101 required-sections] required section `Customer Communication` is missing",
        ));
}

#[test]
fn sections_extend_a_preset_and_their_mistakes_point_into_the_toml() {
    let config = "extend-preset = \"default\"\n\n[[sections]]\ntitle = \"Customer Communication\"\naliases = [\"Comms\"]\n\n[[sections]]\ntitle = \"Lessons Learned\"\nrequired = false\n";
    let dir = tree(&[("pmlint.toml", config), ("ok.md", CLEAN)]);
    // The default preset's sections stay required; the team's is added.
    pmlint(dir.path())
        .args(["--format", "concise", "ok.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "required section `Customer Communication` is missing",
        ));
    fs::write(
        dir.path().join("ok.md"),
        format!("{CLEAN}\n## Comms\nStatus page updated every 15 minutes.\n"),
    )
    .unwrap();
    pmlint(dir.path())
        .args(["--format", "concise", "ok.md"])
        .assert()
        .code(0);
    for (config, message, at) in [
        (
            "[[sections]]\ntitle = \"Summary\"\nrole = \"sumary\"\n",
            "`sumary` is no section role",
            "pmlint.toml:3:8",
        ),
        (
            "preset = \"alx\"\n[[sections]]\ntitle = \"Summary\"\n",
            "`preset` and `[[sections]]` are both set",
            "pmlint.toml:1:10",
        ),
        (
            "[[sections]]\ntitle = \"Summary\"\n[[sections]]\ntitle = \"TL;DR\"\naliases = [\"Summary\"]\n",
            "`summary` names two sections",
            "pmlint.toml:5:12",
        ),
        (
            "[[sections]]\ntitle = \"Summary\"\nrole = \"summary\"\n[[sections]]\ntitle = \"Overview\"\nrole = \"summary\"\n",
            "two sections have the role `summary`",
            "pmlint.toml:6:8",
        ),
        (
            "extend-preset = \"sre\"\n[[sections]]\ntitle = \"Comms\"\n",
            "unknown preset `sre`",
            "pmlint.toml:1:17",
        ),
    ] {
        fs::write(dir.path().join("pmlint.toml"), config).unwrap();
        pmlint(dir.path())
            .args(["--format", "concise", "ok.md"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains(at));
    }
}

const HOUSE_RULES: &str = r#"[[rule]]
code = "X001"
slug = "no-human-error"
kind = "existence"
words = ["human error", "operator error"]
scope = "root-cause"
message = "`{match}` names a person, not a cause"
help = "say what let the mistake through"

[[rule]]
code = "X002"
slug = "prefer-use"
kind = "substitution"
swap = { utilise = "use" }
message = "write `{replacement}`, not `{match}`"
severity = "error"

[[rule]]
code = "X003"
slug = "action-items-link-a-ticket"
kind = "occurrence"
patterns = ['https://jira\.example\.com/browse/[A-Z]+-\d+']
scope = "corrective"
min = 1
message = "the action items link {count} tickets; link at least {min}"
"#;

const HOUSE_DOC: &str = "# Outage\n\n## Summary\nFor 20 minutes all users saw errors. We Utilise canaries now.\n\n## Timeline\n- 10:00 UTC errors\n- 10:20 UTC fixed\n\n## Root Cause\nThe runbook blamed operator error; a config was pushed by hand.\n\n## Resolution\nRolled back. Human error was ruled out.\n\n## Action Items\n- Canary deploys (@ana).\n";

#[test]
fn a_configs_own_rules_report_fix_suppress_and_explain_like_built_in_ones() {
    let dir = tree(&[("pmlint.toml", HOUSE_RULES), ("a.md", HOUSE_DOC)]);
    let out = pmlint(dir.path())
        .args(["--format", "concise", "a.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("a.md:4:41: error[X002 prefer-use] write `Use`, not `Utilise`"),
        "{out}"
    );
    // Scoped to the root cause: the Resolution's "Human error" is not reported.
    assert!(
        out.contains(
            "a.md:11:20: warning[X001 no-human-error] `operator error` names a person, not a cause"
        ),
        "{out}"
    );
    assert!(!out.contains("a.md:14:"), "{out}");
    assert!(out.contains("warning[X003 action-items-link-a-ticket] the action items link 0 tickets; link at least 1"), "{out}");
    // A ticket link satisfies the occurrence rule; a suppression comment silences X001.
    let fixed_up = HOUSE_DOC
        .replace(
            "- Canary deploys (@ana).",
            "- Canary deploys (@ana, https://jira.example.com/browse/OPS-4).",
        )
        .replace(
            "## Root Cause\n",
            "## Root Cause\n<!-- pmlint-disable-next-line no-human-error blame-language -->\n",
        );
    fs::write(dir.path().join("a.md"), &fixed_up).unwrap();
    pmlint(dir.path())
        .args(["--fix", "--format", "concise", "a.md"])
        .assert()
        .code(0);
    let after = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(after, fixed_up.replace("We Utilise", "We Use"));
    // Suppressed by its slug, satisfied by the link, fixed: nothing left.
    pmlint(dir.path())
        .args(["--format", "concise", "a.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found in 1 file"));
    pmlint(dir.path())
        .args(["rules"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("X002    prefer-use"));
    pmlint(dir.path())
        .args(["explain", "no-human-error"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# X001 no-human-error"))
        .stdout(predicate::str::contains(
            "Words: `human error`, `operator error`.",
        ));
}

#[test]
fn a_configs_rule_mistakes_point_into_the_toml() {
    let rule = |body: &str| format!("[[rule]]\n{body}");
    for (config, message, at) in [
        (
            rule(
                "code = \"PM900\"\nslug = \"a\"\nkind = \"existence\"\nwords = [\"x\"]\nmessage = \"m\"\n",
            ),
            "`PM900` is no rule code of a config",
            "pmlint.toml:2:8",
        ),
        (
            rule(
                "code = \"X001\"\nslug = \"known-typos\"\nkind = \"existence\"\nwords = [\"x\"]\nmessage = \"m\"\n",
            ),
            "the slug `known-typos` is taken",
            "pmlint.toml:3:8",
        ),
        (
            rule(
                "code = \"X001\"\nslug = \"a\"\nkind = \"existence\"\npatterns = [\"(unclosed\"]\nmessage = \"m\"\n",
            ),
            "this pattern does not compile",
            "pmlint.toml:5:13",
        ),
        (
            rule(
                "code = \"X001\"\nslug = \"a\"\nkind = \"exists\"\nwords = [\"x\"]\nmessage = \"m\"\n",
            ),
            "`exists` is no kind of rule",
            "pmlint.toml:4:8",
        ),
        (
            rule(
                "code = \"X001\"\nslug = \"a\"\nkind = \"existence\"\nwords = [\"x\"]\nmessage = \"m\"\nscope = \"apendix\"\n",
            ),
            "`apendix` is no scope",
            "pmlint.toml:7:9",
        ),
        (
            rule("code = \"X001\"\nslug = \"a\"\nkind = \"required-field\"\nmessage = \"m\"\n"),
            "a `required-field` rule needs a `field`",
            "pmlint.toml:4:8",
        ),
        (
            rule(
                "code = \"X001\"\nslug = \"a\"\nkind = \"required-field\"\nfield = \"severity\"\nmessage = \"m\"\nscope = \"summary\"\n",
            ),
            "a `required-field` rule reads the front matter",
            "pmlint.toml:7:9",
        ),
        (
            rule(
                "code = \"X001\"\nslug = \"a\"\nkind = \"capitalization\"\nstyle = \"camel\"\nmessage = \"m\"\n",
            ),
            "`camel` is no style",
            "pmlint.toml:5:9",
        ),
        (
            format!(
                "{}{}",
                rule(
                    "code = \"X001\"\nslug = \"a\"\nkind = \"existence\"\nwords = [\"x\"]\nmessage = \"m\"\n"
                ),
                rule(
                    "code = \"X001\"\nslug = \"b\"\nkind = \"existence\"\nwords = [\"y\"]\nmessage = \"m\"\n"
                ),
            ),
            "two rules have the code X001",
            "pmlint.toml:8:8",
        ),
    ] {
        let dir = tree(&[("pmlint.toml", &config), ("a.md", CLEAN)]);
        pmlint(dir.path())
            .args(["--format", "concise", "a.md"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains(at));
    }
}

#[test]
fn disable_line_suppresses_its_own_line_and_a_misspelt_directive_is_reported() {
    let typo = CLEAN.replace("Rolled back.", "Rolled back untill noon.");
    let dir = tree(&[
        (
            "own.md",
            &typo.replace(
                "untill noon.",
                "untill noon. <!-- pmlint-disable-line PM501 -->",
            ),
        ),
        (
            "misspelt.md",
            &typo.replace(
                "untill noon.",
                "untill noon. <!-- pmlint-disable-lne PM501 -->",
            ),
        ),
    ]);
    pmlint(dir.path())
        .args(["--format", "concise", "own.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found"));
    pmlint(dir.path())
        .args(["--format", "concise", "misspelt.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[PM501 known-typos]"))
        .stdout(predicate::str::contains(
            "warning[PM001 invalid-suppression] `pmlint-disable-lne` is no directive",
        ));
}

#[test]
fn exit_zero_keeps_findings_and_config_errors_apart() {
    let dir = tree(&[("bad.md", MISSING)]);
    pmlint(dir.path())
        .args(["--exit-zero", "--format", "concise", "bad.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[PM101 required-sections]"));
    fs::write(dir.path().join("pmlint.toml"), "preset = \"nope\"\n").unwrap();
    pmlint(dir.path())
        .args(["--exit-zero", "bad.md"])
        .assert()
        .code(2);
}

#[test]
fn completions_are_generated_for_each_shell_and_bash_parses_its_script() {
    let dir = tree(&[]);
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        pmlint(dir.path())
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("exit-zero"))
            .stdout(predicate::str::contains("unsafe-fixes"));
    }
    let script = pmlint(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap()
        .stdout;
    let path = dir.path().join("pmlint.bash");
    fs::write(&path, script).unwrap();
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash is installed (the completions test needs it)");
    assert!(checked.success(), "bash cannot parse the completion script");
    pmlint(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn statistics_count_findings_by_rule_instead_of_listing_them() {
    let typos = CLEAN.replace("Rolled back.", "Rolled back untill noon, teh second time.");
    let dir = tree(&[("bad.md", MISSING), ("typos.md", &typos)]);
    let out = pmlint(dir.path())
        .args(["--statistics", "bad.md", "typos.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "     4  PM101  required-sections\n     2  PM501  known-typos (2 fixable)\n",
    );
    let json = pmlint(dir.path())
        .args(["--statistics", "--format", "json", "bad.md", "typos.md"])
        .output()
        .unwrap()
        .stdout;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v[0]["code"], "PM101");
    assert_eq!(v[0]["count"], 4);
    assert_eq!(v[1]["fixable"], 2);
}

#[test]
fn the_team_template_example_config_reports_its_house_rules() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/configs/team-template");
    let out = pmlint(&example)
        .args(["--format", "concise", "postmortem.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for expected in [
        "postmortem.md:4:81: warning[X002 house-style] house style writes `email`, not `e-mail`",
        "postmortem.md:12:1: warning[X001 no-human-error] `Operator error` names a person, not a cause",
        "postmortem.md:18:4: error[X003 action-items-link-the-tracker] the action items link 0 tracker tickets",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    // The team's section is required: without it, required-sections says so.
    let text = fs::read_to_string(example.join("postmortem.md")).unwrap();
    let cut = text.find("## Customer Communication").unwrap();
    let dir = tree(&[
        (
            "pmlint.toml",
            &fs::read_to_string(example.join("pmlint.toml")).unwrap(),
        ),
        ("p.md", &text[..cut]),
    ]);
    pmlint(dir.path())
        .args(["--format", "concise", "p.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "required section `Customer Communication` is missing",
        ));
}

#[test]
fn output_file_takes_the_report_and_stdout_keeps_the_diff() {
    let typos = CLEAN.replace("Rolled back.", "Rolled back untill noon.");
    let dir = tree(&[("typos.md", &typos)]);
    pmlint(dir.path())
        .args([
            "--format",
            "json",
            "--output-file",
            "report.json",
            "typos.md",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["diagnostics"][0]["code"], "PM501");
    pmlint(dir.path())
        .args([
            "--diff",
            "--format",
            "concise",
            "-o",
            "report.txt",
            "typos.md",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("+Rolled back until noon."));
    let report = fs::read_to_string(dir.path().join("report.txt")).unwrap();
    // --diff reports on the text as fixed, as without --output-file.
    assert!(report.contains("fixed 1 problem"), "{report}");
    pmlint(dir.path())
        .args(["-o", "no/such/folder/report.txt", "typos.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/folder/report.txt"));
}

#[test]
fn isolated_ignores_the_config_file() {
    let dir = tree(&[("pmlint.toml", "preset = \"nope\"\n"), ("bad.md", MISSING)]);
    pmlint(dir.path()).args(["bad.md"]).assert().code(2);
    pmlint(dir.path())
        .args(["--isolated", "--format", "concise", "bad.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[PM101 required-sections]"));
}

#[test]
fn select_and_ignore_name_a_configs_own_rules() {
    let codes = |dir: &Path, args: &[&str]| -> Vec<String> {
        let out = pmlint(dir)
            .args(["--format", "concise"])
            .args(args)
            .arg("a.md")
            .output()
            .unwrap();
        let mut codes: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.split('[').nth(1)?.split(' ').next().map(str::to_string))
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    let dir = tree(&[("pmlint.toml", HOUSE_RULES), ("a.md", HOUSE_DOC)]);
    let all = codes(dir.path(), &[]);
    assert!(
        all.contains(&"X001".to_string()) && all.contains(&"X002".to_string()),
        "{all:?}"
    );
    assert_eq!(
        codes(dir.path(), &["--select", "X0"]),
        ["X001", "X002", "X003"]
    );
    assert_eq!(codes(dir.path(), &["--select", "prefer-use"]), ["X002"]);
    let ignored = codes(dir.path(), &["--ignore", "X001,action-items-link-a-ticket"]);
    assert!(
        !ignored.iter().any(|c| c == "X001" || c == "X003"),
        "{ignored:?}"
    );
    assert!(ignored.contains(&"X002".to_string()), "{ignored:?}");
    // In the config too, by slug; and a name that is no rule is still an error.
    let config = format!("ignore = [\"prefer-use\"]\n{HOUSE_RULES}");
    fs::write(dir.path().join("pmlint.toml"), config).unwrap();
    assert!(!codes(dir.path(), &[]).contains(&"X002".to_string()));
    pmlint(dir.path())
        .args(["--select", "X9", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `X9` in --select"));
}

#[test]
fn unused_suppressions_are_reported_on_request_and_removed_by_fix() {
    let doc = "# Outage\n\n## Summary\nThe API was down for all users.\n\n<!-- pmlint-disable-next-line known-typos -->\nWe deploy with Kubernets.\n\n<!-- pmlint-disable-next-line PM501 -->\nNothing is misspelt here.\n\n<!-- pmlint-disable-next-line PM501 PM502 -->\nAnother teh line.\n";
    let dir = tree(&[("a.md", doc)]);
    let args = ["--isolated", "--select", "PM001,PM5", "--format", "concise"];
    // Without the flag a suppression that suppressed nothing is no finding.
    pmlint(dir.path()).args(args).arg("a.md").assert().code(0);
    let out = pmlint(dir.path())
        .args(args)
        .args(["--report-unused-suppressions", "a.md"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("a.md:9:1: warning[PM001 invalid-suppression] this suppression of `PM501` suppressed nothing"),
        "{out}"
    );
    assert!(
        out.contains("a.md:12:1: warning[PM001 invalid-suppression] `PM502` in this suppression suppressed nothing"),
        "{out}"
    );
    assert!(!out.contains("a.md:6:"), "the used one: {out}");
    // The fix removes the unused comment's line, and nothing else.
    pmlint(dir.path())
        .args(args)
        .args(["--report-unused-suppressions", "--fix", "a.md"])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(
        fixed,
        doc.replace("<!-- pmlint-disable-next-line PM501 -->\n", "")
    );
}

#[test]
fn required_field_capitalization_and_column_rules_report_and_fix() {
    let config = r#"
[[rule]]
code = "X010"
slug = "severity-field"
kind = "required-field"
field = "severity"
values = ["SEV1", "SEV2", "SEV3", "SEV4"]
message = "`severity` must be SEV1-SEV4, not `{value}`"

[[rule]]
code = "X011"
slug = "date-field"
kind = "required-field"
field = "date"
patterns = ['\d{4}-\d{2}-\d{2}']
message = "the front matter needs an ISO `date`"

[[rule]]
code = "X012"
slug = "sentence-case"
kind = "capitalization"
style = "sentence"
exceptions = ["Redis"]
message = "write headings in sentence case: `{expected}`"

[[rule]]
code = "X013"
slug = "owner-not-tbd"
kind = "existence"
scope = "column:Owner"
words = ["TBD"]
message = "an action item's owner is `{match}`"
"#;
    let doc = "---\nseverity: SEV5\ndate: 2025-06-01\n---\n# Cache Outage In Redis\n\n## Summary\nThe cache was down for all users; its owner was TBD.\n\n## Timeline\n- 10:00 UTC down\n- 10:30 UTC up\n\n## Root Cause\nA full disk.\n\n## Resolution\nDisk freed.\n\n## Action Items\n| Action | Owner |\n|---|---|\n| Disk alert (OPS-1) | TBD |\n";
    let dir = tree(&[("pmlint.toml", config), ("a.md", doc)]);
    let out = pmlint(dir.path())
        .args(["--format", "concise", "--select", "X0", "a.md"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "a.md:2:11: warning[X010 severity-field] `severity` must be SEV1-SEV4, not `SEV5`",
        "a.md:5:3: warning[X012 sentence-case] write headings in sentence case: `Cache outage in Redis`",
        "a.md:14:4: warning[X012 sentence-case] write headings in sentence case: `Root cause`",
        "a.md:23:24: warning[X013 owner-not-tbd] an action item's owner is `TBD`",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    // The ISO date is there; the TBD in the summary's prose is no Owner cell.
    assert!(!out.contains("X011") && !out.contains("a.md:8:"), "{out}");
    // No front matter at all: both fields are missing, on the first line.
    fs::write(dir.path().join("b.md"), "# Outage\n").unwrap();
    pmlint(dir.path())
        .args(["--format", "concise", "--select", "X01", "b.md"])
        .assert()
        .stdout(predicate::str::contains(
            "b.md:1:1: warning[X010 severity-field] `severity` must be SEV1-SEV4, not ``",
        ))
        .stdout(predicate::str::contains(
            "b.md:1:1: warning[X011 date-field] the front matter needs an ISO `date`",
        ));
    // Recasing is an unsafe fix: applied only when asked for.
    pmlint(dir.path())
        .args(["--select", "X012", "--fix", "a.md"])
        .assert()
        .code(0);
    assert!(
        fs::read_to_string(dir.path().join("a.md"))
            .unwrap()
            .contains("# Cache Outage In Redis")
    );
    pmlint(dir.path())
        .args(["--select", "X012", "--fix", "--unsafe-fixes", "a.md"])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(
        fixed.contains("# Cache outage in Redis\n") && fixed.contains("## Action items\n"),
        "{fixed}"
    );
    pmlint(dir.path())
        .args(["explain", "X012"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Style: sentence case."))
        .stdout(predicate::str::contains("Exceptions: Redis."));
}
