//! `--fix`, `--unsafe-fixes` and `--diff` end to end: only the fixed text changes, line
//! endings and BOM are kept, a second run changes nothing, `--diff` shows what `--fix`
//! writes, and a file that cannot be written is reported and left as it was.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// A postmortem whose only fixable problem is the near-miss heading (an unsafe fix).
const DOC: &str = "# Login outage\n\n## Issue Sammary\nUsers could not log in.\n\n## Timeline\n- 10:00 UTC errors\n\n## Root Cause\nMemory.\n\n## Resolution\nRolled back.\n\n## Action Items\n- Cap it.\n";

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
const TYPOS: &str = "# Cache outage\n\n## Summary\nUntill the roolback, reuests failed for 30 minutes.\n\n## Timeline\n- 10:00 UTC errors\n- 10:30 UTC resatrt of Aache2\n\n## Root Cause\nA bad config.\n\n## Resolution\nRolled back.\n\n## Action Items\n- Review configs (OPS-2).\n";

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
        diff.contains("+Until the rollback, requests failed for 30 minutes.\n"),
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

// ---- Writing fixes never breaks a link, loses an attribute or an edit (issue 23) ----

use std::os::unix::fs::MetadataExt;

/// `--fix` on `name` in `dir`, safe fixes only, expecting exit `code`.
fn fix(dir: &Path, name: &str, code: i32) -> assert_cmd::assert::Assert {
    pmlint(dir)
        .args(["--fix", "--format", "concise", name])
        .assert()
        .code(code)
}

#[test]
fn a_symlink_stays_a_link_and_the_file_it_points_to_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("shared")).unwrap();
    fs::write(dir.path().join("shared/real.md"), TYPOS).unwrap();
    std::os::unix::fs::symlink("shared/real.md", dir.path().join("link.md")).unwrap();
    fix(dir.path(), "link.md", 0);
    let link = dir.path().join("link.md");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("shared/real.md"));
    assert_eq!(
        fs::read_to_string(dir.path().join("shared/real.md")).unwrap(),
        typo_fixed(TYPOS)
    );
    // No temporary file is left in either folder.
    for d in [dir.path().to_path_buf(), dir.path().join("shared")] {
        let names: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with(".pmlint-")),
            "{names:?}"
        );
    }
}

#[test]
fn a_link_to_standard_input_is_not_replaced() {
    // `pmlint --fix /dev/stdin < x.md` replaced the system's /dev/stdin link; the same
    // chain here, in a folder of the test's own: in.md -> /proc/self/fd/0 -> x.md.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("x.md");
    fs::write(&doc, TYPOS).unwrap();
    std::os::unix::fs::symlink("/proc/self/fd/0", dir.path().join("in.md")).unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin!("pmlint"))
        .current_dir(dir.path())
        .args(["--fix", "--format", "concise", "in.md"])
        .stdin(fs::File::open(&doc).unwrap())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let link = dir.path().join("in.md");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&doc).unwrap(), typo_fixed(TYPOS));
}

#[test]
fn every_hard_link_sees_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    fs::write(&real, TYPOS).unwrap();
    fs::hard_link(&real, dir.path().join("hard.md")).unwrap();
    let inode = fs::metadata(&real).unwrap().ino();
    fix(dir.path(), "hard.md", 0);
    for name in ["real.md", "hard.md"] {
        let meta = fs::metadata(dir.path().join(name)).unwrap();
        assert_eq!(meta.nlink(), 2, "{name}");
        assert_eq!(meta.ino(), inode, "{name}");
        assert_eq!(
            fs::read_to_string(dir.path().join(name)).unwrap(),
            typo_fixed(TYPOS),
            "{name}"
        );
    }
}

#[test]
fn owner_group_mode_and_extended_attributes_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("owned.md");
    fs::write(&path, TYPOS).unwrap();
    let file = fs::File::open(&path).unwrap();
    rustix::fs::fsetxattr(
        &file,
        "user.reviewed-by",
        b"sre-team",
        rustix::fs::XattrFlags::empty(),
    )
    .expect("this file system keeps user extended attributes");
    drop(file);
    // As root (CI runs as root) the file can belong to someone else; otherwise it stays ours.
    let me = fs::metadata(&path).unwrap();
    let (uid, gid) = if me.uid() == 0 {
        (4242, 4343)
    } else {
        (me.uid(), me.gid())
    };
    std::os::unix::fs::chown(&path, Some(uid), Some(gid)).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    fix(dir.path(), "owned.md", 0);
    let after = fs::metadata(&path).unwrap();
    assert_eq!((after.uid(), after.gid()), (uid, gid));
    assert_eq!(after.mode() & 0o7777, 0o640);
    let file = fs::File::open(&path).unwrap();
    let mut value = [0u8; 64];
    let n = rustix::fs::fgetxattr(&file, "user.reviewed-by", &mut value[..]).unwrap();
    assert_eq!(&value[..n], b"sre-team");
    assert_eq!(fs::read_to_string(&path).unwrap(), typo_fixed(TYPOS));
}

#[test]
fn two_runs_on_one_file_at_once_leave_it_whole() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("race.md");
        fs::write(&path, TYPOS).unwrap();
        let runs: Vec<_> = (0..2)
            .map(|_| {
                std::process::Command::new(assert_cmd::cargo::cargo_bin!("pmlint"))
                    .current_dir(dir.path())
                    .args(["--fix", "--format", "concise", "race.md"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outs: Vec<_> = runs
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        // One wins whole; the other fixed the same text, or saw the file change and left it.
        assert_eq!(fs::read_to_string(&path).unwrap(), typo_fixed(TYPOS));
        for out in outs {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.code() == Some(0)
                    || stderr.contains("it changed on disk while it was being fixed"),
                "{stderr}"
            );
        }
    }
}

#[test]
fn an_orphaned_temporary_file_is_removed_by_the_next_fix() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), TYPOS).unwrap();
    // What a run killed during its write leaves: nobody holds it, and it is not new.
    let orphan = dir.path().join(".pmlint-Ab12Cd.tmp");
    fs::write(&orphan, "half a file").unwrap();
    fs::File::options()
        .write(true)
        .open(&orphan)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(600))
        .unwrap();
    fix(dir.path(), "a.md", 0);
    assert!(!orphan.exists());
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        typo_fixed(TYPOS)
    );
}

/// A tmpfs of `size` mounted on a fresh folder, unmounted when dropped.
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Tmpfs {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("mount");
        assert!(status.success(), "mounting a tmpfs needs root, as CI has");
        Tmpfs(dir)
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

#[test]
fn a_full_disk_leaves_the_file_and_no_temporary_file() {
    let disk = Tmpfs::mount("64k");
    let dir = disk.0.path();
    // A document that a fix makes longer, on a disk with no room for a copy of it.
    let text = TYPOS.to_string() + &"x".repeat(40 * 1024);
    fs::write(dir.join("a.md"), &text).unwrap();
    // Fill the rest; the write stops where the disk is full.
    let _ = fs::write(dir.join("fill"), vec![b'f'; 64 * 1024]);
    fs::hard_link(dir.join("a.md"), dir.join("b.md")).unwrap();
    // Both paths: a copy renamed over (after removing the hard link) and in place.
    for hard_linked in [true, false] {
        if !hard_linked {
            fs::remove_file(dir.join("b.md")).unwrap();
        }
        let out = pmlint(dir)
            .args(["--fix", "--format", "concise", "a.md"])
            .assert()
            .get_output()
            .clone();
        let after = fs::read_to_string(dir.join("a.md")).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Either the disk had room and the fix is whole, or it is reported and nothing changed.
        if hard_linked {
            // In place, the fix needs no room beyond the file's last block.
            assert_eq!(after, typo_fixed(&text), "{stderr}");
            fs::write(dir.join("a.md"), &text).unwrap();
        } else {
            // A copy of the file does not fit: reported, and nothing changed.
            assert!(stderr.contains("a.md: cannot write the fixes"), "{stderr}");
            assert_eq!(after, text);
        }
        let names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with(".pmlint-")),
            "{names:?}"
        );
    }
}
