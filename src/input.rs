//! Reading what users name: documents and config files. Only regular files are opened, never
//! more than a cap is read, and an open never blocks (a FIFO, `/proc/kmsg`), so no path can
//! hang pmlint or exhaust its memory.

use std::io::Read;
use std::path::Path;

/// Files larger than this are reported and skipped without being read. A postmortem runs to a
/// few kilobytes; other Markdown linters lint generated files of tens of megabytes, and
/// comrak parses them in linear time (bench/scale.py measures time and memory per MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A config file is a few hundred lines; a larger one is a mistake (`--config /dev/zero`).
pub const MAX_CONFIG_BYTES: u64 = 8 * 1024 * 1024;

const MIB: f64 = 1024.0 * 1024.0;

/// The most inline markup characters one file may hold. comrak keeps a node or a delimiter
/// for each of them: 200 to 550 bytes apiece (measured with `examples/parse_floor` on 2 MiB
/// of `*a`, `[]`, `\\a`, `~a`, `<a`...), so 4 MiB of `*a` took 1 GB. Real postmortems hold
/// 0.9% of them (the corpus: 4,775 in 535 KB), so 64 MiB of real text has about 600,000
/// and stays linear (1.2 GB); only text that is mostly markup is refused.
pub const MAX_MARKUP_CHARS: usize = 1_000_000;

/// The characters comrak makes inline nodes or delimiters of.
const MARKUP: &[u8] = b"*_[]`<&\\~!";

/// Why a document's bytes cannot be linted.
pub fn read_problem(bytes: &[u8]) -> Option<String> {
    if bytes.len() > MAX_MARKUP_CHARS {
        let markup = count_markup(bytes);
        if markup > MAX_MARKUP_CHARS {
            return Some(format!(
                "holds {markup} inline markup characters (* _ [ ] ` < & \\ ~ !), over the \
                 {MAX_MARKUP_CHARS} one file may hold (parsing them would take about \
                 {} MB of memory); skipped",
                markup * 400 / 1_000_000
            ));
        }
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Some("is UTF-16 text; pmlint reads UTF-8; skipped".into());
    }
    if memchr::memchr(0, bytes).is_some() {
        return Some("looks like a binary file (it contains NUL bytes); skipped".into());
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let valid = &bytes[..e.valid_up_to()];
        let line = 1 + memchr::memchr_iter(b'\n', valid).count();
        return Some(format!(
            "is not valid UTF-8 (the first invalid byte is on line {line}); skipped"
        ));
    }
    None
}

fn count_markup(bytes: &[u8]) -> usize {
    let mut is_markup = [false; 256];
    for &b in MARKUP {
        is_markup[usize::from(b)] = true;
    }
    bytes.iter().filter(|&&b| is_markup[usize::from(b)]).count()
}

fn special_kind(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = t;
    "a special file"
}

fn over(cap: u64) -> String {
    format!(
        "is over the {} MiB limit for one file; skipped",
        cap as f64 / MIB
    )
}

/// Read a document named by a target (at most [`MAX_FILE_BYTES`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    read_regular(path, MAX_FILE_BYTES)
}

/// Read the regular file at `path`, refusing one over `cap` bytes. The open does not block:
/// a file that could swap in a FIFO after the check, or a kernel file that waits for data
/// (`/proc/kmsg`, which says it is regular and empty), gives an error instead of a hang.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "is not a regular file ({}); skipped",
            special_kind(meta.file_type())
        ));
    }
    if meta.len() > cap {
        return Err(format!(
            "is {:.1} MiB, over the {} MiB limit for one file; skipped",
            meta.len() as f64 / MIB,
            cap as f64 / MIB
        ));
    }
    let file = open_nonblocking(path).map_err(|e| format!("cannot read: {e}"))?;
    // The file may grow between the check and the read.
    read_capped(file, meta.len() as usize, cap)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Read at most `cap` bytes from `reader`: a larger input is refused, never held.
pub fn read_capped(reader: impl Read, size_hint: usize, cap: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(size_hint.min(cap as usize));
    reader
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(over(cap));
    }
    Ok(bytes)
}
