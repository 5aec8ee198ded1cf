//! The Python wheel, built with the real maturin from `pyproject.toml`, installed into a fresh
//! virtualenv with pip, and run from there; and the Rust-free pre-commit hook of
//! `pre-commit-mirror/`, installed by the real pre-commit from that wheel.
//!
//! The wheel is built once, with cargo's `dev` profile, in a target folder of its own: the
//! test checks the packaging (that the wheel holds a `pmlint` that runs), not the optimiser,
//! and CI stays minutes shorter. Not the tests' own target folder: maturin moves the binary
//! it packs out of it, which other tests run at the same time. Published wheels use the
//! `dist` profile (`pyproject.toml`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

mod common;
use common::git::{commit_all, git};
use common::{CLEAN, MISSING, stdout_with_code};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("{cmd:?} could not start: {e}"))
}

fn assert_ran(cmd: &mut Command) -> Output {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    out
}

/// A missing tool fails the test: it never passes by skipping (.ci/run installs them).
fn need(tool: &str) {
    let ok = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "this test needs `{tool}`: `python3 -m pip install {tool}` (.ci/run does)"
    );
}

/// The wheel's own target folder, kept between runs so that cargo reuses its build.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("wheel-target")
}

/// Builds the wheel into `out` and returns its path.
fn build_wheel(out: &Path) -> PathBuf {
    need("maturin");
    assert_ran(
        Command::new("maturin")
            .args(["build", "--profile", "dev", "--locked", "--out"])
            .arg(out)
            .arg("--manifest-path")
            .arg(root().join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target_dir())
            .env("CARGO_TERM_COLOR", "never"),
    );
    let wheels: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "whl"))
        .collect();
    assert_eq!(wheels.len(), 1, "one wheel: {wheels:?}");
    let name = wheels[0].file_name().unwrap().to_str().unwrap().to_owned();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        name.starts_with(&format!("pmlint-{version}-py3-none-")),
        "a Python-independent wheel of this version: {name}"
    );
    wheels[0].clone()
}

fn python() -> &'static str {
    need("python3");
    "python3"
}

/// One test, so that the wheel is built once (two maturin runs in one target folder race).
#[test]
fn the_wheel_runs_from_a_fresh_virtualenv_and_from_the_python_pre_commit_hook() {
    let tmp = TempDir::new().unwrap();
    let wheels = tmp.path().join("wheels");
    let wheel = build_wheel(&wheels);
    installs_a_working_pmlint_into_a_fresh_virtualenv(tmp.path(), &wheel);
    the_python_pre_commit_hook_runs_pmlint_from_the_wheel(tmp.path(), &wheels);
}

fn installs_a_working_pmlint_into_a_fresh_virtualenv(tmp: &Path, wheel: &Path) {
    let venv = tmp.join("venv");
    assert_ran(Command::new(python()).args(["-m", "venv"]).arg(&venv));
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    // From the wheel alone: no index, no build, no Rust toolchain on the path.
    assert_ran(
        Command::new(bin.join("python"))
            .args(["-m", "pip", "install", "--no-index", "--no-deps", "--quiet"])
            .arg(wheel)
            .env("PATH", &bin)
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1"),
    );
    let pmlint = bin.join(if cfg!(windows) {
        "pmlint.exe"
    } else {
        "pmlint"
    });
    assert!(
        pmlint.is_file(),
        "the wheel put pmlint in the venv's scripts"
    );
    let version = assert_ran(Command::new(&pmlint).arg("--version"));
    assert_eq!(
        text(&version.stdout).trim(),
        format!("pmlint {}", env!("CARGO_PKG_VERSION"))
    );

    // The quickstart's folder: the same findings as the binary under test gives.
    let examples = root().join("examples/postmortems");
    let lint = |exe: &Path| {
        run(Command::new(exe)
            .args(["--format", "concise"])
            .arg(&examples)
            .env("NO_COLOR", "1"))
    };
    let from_wheel = lint(&pmlint);
    let from_build = lint(Path::new(env!("CARGO_BIN_EXE_pmlint")));
    assert_eq!(
        from_wheel.status.code(),
        Some(1),
        "the examples hold defects"
    );
    assert_eq!(text(&from_wheel.stdout), text(&from_build.stdout));
    assert!(
        text(&from_wheel.stdout).contains("error[PM101 required-sections]"),
        "{}",
        text(&from_wheel.stdout)
    );
}

/// The mirror folder as the release publishes it: a git repository with the version filled in.
fn mirror_repo(dir: &Path) -> PathBuf {
    let repo = dir.join("pmlint-pre-commit");
    fs::create_dir_all(&repo).unwrap();
    for entry in fs::read_dir(root().join("pre-commit-mirror")).unwrap() {
        let path = entry.unwrap().path();
        let body = fs::read_to_string(&path)
            .unwrap()
            .replace("@VERSION@", env!("CARGO_PKG_VERSION"));
        fs::write(repo.join(path.file_name().unwrap()), body).unwrap();
    }
    git(&repo, &["init", "-q"]);
    commit_all(&repo, "pmlint-pre-commit");
    repo
}

fn try_repo(user: &Path, mirror: &Path, home: &Path, wheels: &Path, files: &[&str]) -> Output {
    run(Command::new("pre-commit")
        .args(["try-repo", mirror.to_str().unwrap(), "pmlint", "--files"])
        .args(files)
        .current_dir(user)
        .env("PRE_COMMIT_HOME", home)
        // pip takes pmlint from the local wheel (no pmlint is on the index yet, so the hook
        // cannot install without it); the index serves only setuptools, the mirror
        // package's build backend.
        .env("PIP_FIND_LINKS", wheels)
        .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
        .env("PRE_COMMIT_COLOR", "never")
        .env("NO_COLOR", "1"))
}

fn the_python_pre_commit_hook_runs_pmlint_from_the_wheel(tmp: &Path, wheels: &Path) {
    need("git");
    need("pre-commit");
    let mirror = mirror_repo(tmp);
    let home = tmp.join("pre-commit-home");

    let user = tmp.join("user");
    fs::create_dir_all(user.join("docs")).unwrap();
    git(&user, &["init", "-q"]);
    fs::write(user.join("docs/flawed.md"), MISSING).unwrap();
    fs::write(user.join("docs/clean.md"), CLEAN).unwrap();
    commit_all(&user, "postmortems");

    let out = try_repo(&user, &mirror, &home, wheels, &["docs/flawed.md"]);
    let stdout = stdout_with_code(&out, 1);
    assert!(
        stdout.contains("docs/flawed.md:1:3: error[PM101 required-sections]"),
        "{stdout}"
    );
    let out = try_repo(&user, &mirror, &home, wheels, &["docs/clean.md"]);
    let stdout = stdout_with_code(&out, 0);
    assert!(stdout.contains("Passed"), "{stdout}");
}
