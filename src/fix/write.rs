//! Writing fixed text back to a file without ever losing what is there.
//!
//! - A symbolic link is followed: the file it points to is fixed and the link stays a link.
//! - A file with one link is replaced atomically: a temporary copy in its own folder, given
//!   the original's mode, owner, group and extended attributes (ACLs are extended
//!   attributes), is renamed over it, so a crash leaves either the old text or the new.
//! - A file with several hard links, or one whose owner or attributes a copy could not be
//!   given, is rewritten in place, so every link and every attribute sees the fix. No
//!   platform can replace a multiply-linked file atomically; a failed write (a full disk)
//!   puts the original bytes back.
//! - The file is compared with the text that was linted just before it is replaced, under an
//!   advisory lock that other `pmlint --fix` runs take too: an edit made meanwhile is never
//!   overwritten (the fix is reported as not written), and of two runs on one file one wins
//!   whole.
//! - A temporary file left by a run that was killed is removed by the next run that fixes a
//!   file in that folder. A live run holds a lock on its temporary file, so only orphans go.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Names of pmlint's temporary files: `.pmlint-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".pmlint-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file this much older than now whose lock is free belongs to no live run.
/// The age keeps a run from removing one that another run created a moment ago and has
/// not locked yet.
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(10);

/// Why fixes were not written. In every case the file is as it was.
#[derive(Debug)]
pub enum WriteError {
    /// The file's bytes are no longer the text that was linted.
    ChangedOnDisk,
    /// The path (after following links) is not a regular file.
    NotRegular,
    ReadOnly,
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::ChangedOnDisk => f.write_str("it changed on disk while it was being fixed"),
            WriteError::NotRegular => f.write_str("it is not a regular file"),
            WriteError::ReadOnly => f.write_str("the file is read-only"),
            WriteError::Io(e) => e.fmt(f),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Write `text` to the file at `path` (following symbolic links), provided the file still
/// holds exactly `original`.
pub fn write_fixed(path: &Path, original: &[u8], text: &str) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let meta = fs::metadata(&target)?;
    if !meta.is_file() {
        return Err(WriteError::NotRegular);
    }
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_orphans(&dir);
    if links(&meta) > 1 {
        return rewrite_in_place(&target, original, text);
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)?;
    lock(tmp.as_file(), false)?;
    tmp.write_all(text.as_bytes())?;
    if copy_owner_and_attributes(&target, tmp.as_file()).is_err() {
        // A copy that cannot carry the owner or the attributes would drop them on rename.
        drop(tmp);
        return rewrite_in_place(&target, original, text);
    }
    // The mode last: changing the owner clears set-user-ID and set-group-ID bits.
    fs::set_permissions(tmp.path(), meta.permissions())?;
    tmp.as_file().sync_all()?;
    let file = File::open(&target)?;
    lock(&file, true)?;
    if !holds(&target, original)? {
        return Err(WriteError::ChangedOnDisk);
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

/// Rewrite the file itself: every hard link and attribute stays. On a failed write the
/// original bytes go back (they fit in the blocks the file already had).
fn rewrite_in_place(target: &Path, original: &[u8], text: &str) -> Result<(), WriteError> {
    let mut file = fs::OpenOptions::new().read(true).write(true).open(target)?;
    lock(&file, true)?;
    let mut now = Vec::with_capacity(original.len());
    (&file).read_to_end(&mut now)?;
    if now != original {
        return Err(WriteError::ChangedOnDisk);
    }
    let written = put(&mut file, text.as_bytes());
    if let Err(e) = written {
        let _ = put(&mut file, original);
        return Err(e.into());
    }
    Ok(())
}

/// Replace the whole content of `file` with `bytes` and flush it to disk.
fn put(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.rewind()?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    file.sync_all()
}

/// Does the file at `path` hold exactly `expected`? Read with a cap one byte past it, so a
/// file that grew is not read whole.
fn holds(path: &Path, expected: &[u8]) -> io::Result<bool> {
    let mut now = Vec::with_capacity(expected.len());
    File::open(path)?
        .take(expected.len() as u64 + 1)
        .read_to_end(&mut now)?;
    Ok(now == expected)
}

#[cfg(unix)]
fn links(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_meta: &fs::Metadata) -> u64 {
    1
}

/// Take an advisory lock on `file`: exclusive and waiting (`wait`), or exclusive and failing
/// at once when held.
#[cfg(unix)]
fn lock(file: &File, wait: bool) -> io::Result<()> {
    use rustix::fs::FlockOperation;
    let op = if wait {
        FlockOperation::LockExclusive
    } else {
        FlockOperation::NonBlockingLockExclusive
    };
    rustix::fs::flock(file, op).map_err(io::Error::from)
}

#[cfg(not(unix))]
fn lock(_file: &File, _wait: bool) -> io::Result<()> {
    Ok(())
}

/// Give `copy` the owner, group and extended attributes of the file at `target`.
#[cfg(unix)]
fn copy_owner_and_attributes(target: &Path, copy: &File) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let source = File::open(target)?;
    let meta = source.metadata()?;
    let mine = copy.metadata()?;
    if (meta.uid(), meta.gid()) != (mine.uid(), mine.gid()) {
        std::os::unix::fs::fchown(copy, Some(meta.uid()), Some(meta.gid()))?;
    }
    copy_attributes(&source, copy)
}

#[cfg(not(unix))]
fn copy_owner_and_attributes(_target: &Path, _copy: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn copy_attributes(source: &File, copy: &File) -> io::Result<()> {
    let names = match rustix::fs::flistxattr_query(source) {
        Ok(0) => return Ok(()),
        Ok(n) => {
            let mut names = vec![0u8; n];
            let len = rustix::fs::flistxattr(source, &mut names[..])?;
            names.truncate(len);
            names
        }
        // A file system without extended attributes has none to lose.
        Err(rustix::io::Errno::NOTSUP) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    for name in names.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = std::ffi::CString::new(name).map_err(io::Error::other)?;
        let size = rustix::fs::fgetxattr_query(source, &name)?;
        let mut value = vec![0u8; size];
        let len = rustix::fs::fgetxattr(source, &name, &mut value[..])?;
        rustix::fs::fsetxattr(copy, &name, &value[..len], rustix::fs::XattrFlags::empty())?;
    }
    Ok(())
}

#[cfg(all(
    unix,
    not(any(target_os = "linux", target_os = "android", target_os = "macos"))
))]
fn copy_attributes(_source: &File, _copy: &File) -> io::Result<()> {
    Ok(())
}

/// Make the rename itself durable (best effort: not every platform can sync a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Remove temporary files of pmlint's in `dir` that no live run holds: a run killed while
/// writing leaves one behind. Each folder is looked at once per run.
fn remove_orphans(dir: &Path) {
    static SEEN: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    {
        let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
        if seen.iter().any(|d| d == dir) {
            return;
        }
        seen.push(dir.to_path_buf());
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            remove_if_orphan(&entry.path());
        }
    }
}

fn remove_if_orphan(path: &Path) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    let old = meta
        .modified()
        .ok()
        .and_then(|m| m.elapsed().ok())
        .is_some_and(|age| age >= ORPHAN_AGE);
    if !meta.is_file() || !old {
        return;
    }
    if let Ok(file) = File::open(path)
        && lock(&file, false).is_ok()
    {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_in_place_write_puts_the_original_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "original text\n").unwrap();
        // A file opened read-only cannot be written: the write fails after the check.
        let mut file = File::open(&path).unwrap();
        assert!(put(&mut file, b"new").is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "original text\n");
    }

    #[test]
    fn changed_content_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "edited meanwhile\n").unwrap();
        let err = write_fixed(&path, b"what was linted\n", "fixed\n").unwrap_err();
        assert!(matches!(err, WriteError::ChangedOnDisk), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited meanwhile\n");
    }

    #[test]
    fn a_young_or_locked_temporary_file_is_kept_and_an_orphan_removed() {
        let dir = tempfile::tempdir().unwrap();
        let young = dir.path().join(".pmlint-young.tmp");
        let held = dir.path().join(".pmlint-held.tmp");
        let orphan = dir.path().join(".pmlint-orphan.tmp");
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for p in [&young, &held, &orphan] {
            fs::write(p, "x").unwrap();
        }
        for p in [&held, &orphan] {
            File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        }
        let holder = File::open(&held).unwrap();
        lock(&holder, false).unwrap();
        remove_orphans(dir.path());
        assert!(young.exists());
        assert!(held.exists());
        assert!(!orphan.exists());
    }
}
