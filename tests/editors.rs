//! A real editor attached to `pmlint server`: headless Neovim opens a flawed postmortem and
//! reads the diagnostics the server publishes (`editors/neovim/smoke.lua`). Neovim must be
//! installed (`.ci/run` installs Debian's `neovim`); the test fails, never skips, without it.

use std::process::Command;

#[test]
fn headless_neovim_shows_the_servers_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("outage.md");
    std::fs::write(
        &file,
        "# Outage\n\n## Summary\nThe API was down for all users; teh cache was cold.\n",
    )
    .unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/neovim/smoke.lua");
    let out = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {script}"))
        .arg(&file)
        .current_dir(dir.path())
        .env("PMLINT_BIN", env!("CARGO_BIN_EXE_pmlint"))
        .output()
        .expect("nvim is installed (Debian's `neovim` package; .ci/run installs it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find(|l| l.starts_with("diagnostics: "))
        .unwrap_or_else(|| panic!("no diagnostics line: {stdout}"));
    let mut words = line.split_whitespace().skip(1);
    let count: usize = words.next().unwrap().parse().unwrap();
    let codes: Vec<&str> = words.collect();
    // Timeline, Root Cause, Resolution, Action Items missing; the typo.
    assert_eq!(count, 5, "{line}");
    assert_eq!(codes.iter().filter(|c| **c == "PM101").count(), 4, "{line}");
    assert!(codes.contains(&"PM501"), "{line}");
}
