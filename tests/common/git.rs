//! Scratch git repositories for the integration tests (the Action's script, pre-commit).

use std::path::Path;
use std::process::Command;

/// Runs git in `dir` with a fixed identity and fixed dates, and returns its trimmed stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "pmlint tests")
        .env("GIT_AUTHOR_EMAIL", "tests@pmlint.invalid")
        .env("GIT_COMMITTER_NAME", "pmlint tests")
        .env("GIT_COMMITTER_EMAIL", "tests@pmlint.invalid")
        // Fixed dates: the same tree makes the same commit, run after run.
        .env("GIT_AUTHOR_DATE", "2024-06-19T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2024-06-19T12:00:00Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Commits everything in `dir` and returns the commit's hash.
pub fn commit_all(dir: &Path, message: &str) -> String {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
    git(dir, &["rev-parse", "HEAD"])
}
