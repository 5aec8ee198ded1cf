#![allow(dead_code)]
pub mod exercise;
pub mod git;

/// A complete postmortem with no finding under the default preset.
pub const CLEAN: &str = "# Outage\n\n## Summary\nThe API was down for all users.\n\n## Timeline\n- 10:00 UTC down\n- 10:30 UTC up\n\n## Root Cause\nA bad deploy.\n\n## Resolution\nRolled back.\n\n## Action Items\n- Canary deploys (OPS-1).\n";
/// Four PM101 findings (Timeline, Root Cause, Resolution, Action Items are missing).
pub const MISSING: &str = "# Outage\n\n## Summary\nThe API was down for all users.\n";

/// The stdout of a process that must have exited with `code` (the output is shown if not).
pub fn stdout_with_code(out: &std::process::Output, code: i32) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}
