//! The pipeline: config → discover → lint in parallel → report → exit code.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::{Cli, ColorChoice, Command, LintArgs};
use crate::config::{self, FailOn, Overrides, Settings};
use crate::discover::{self, Target};
use crate::finding::Severity;
use crate::report::{self, FileReport, Format, RenderOptions};
use crate::source::Source;
use crate::{document, fix, rules};

/// Exit codes, as ruff has them.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// comrak and our own walks are iterative, but a worker with room to spare costs nothing.
const WORKER_STACK: usize = 64 * 1024 * 1024;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Rules) => print_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Init { preset, force }) => init(&preset, force),
        None => lint(cli.lint),
    }
}

fn print_rules() -> ExitCode {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{:<7} {:<20} {:<8} {:<9} summary",
        "code", "slug", "severity", "fixable"
    );
    for rule in rules::registry() {
        let m = rule.meta();
        let _ = writeln!(
            out,
            "{:<7} {:<20} {:<8} {:<9} {}",
            m.code,
            m.slug,
            m.default_severity.as_str(),
            m.fix.as_str(),
            m.summary
        );
    }
    ExitCode::from(EXIT_CLEAN)
}

fn explain(name: &str) -> ExitCode {
    let Some(rule) = rules::find(name) else {
        eprintln!("error: unknown rule `{name}`; `pmlint rules` lists them");
        return ExitCode::from(EXIT_ERROR);
    };
    let m = rule.meta();
    let mut text = format!(
        "# {} {}\n\n{}\n\nDefault severity: {}. Fixable: {}.\n\n",
        m.code,
        m.slug,
        m.summary,
        m.default_severity.as_str(),
        m.fix.as_str()
    );
    text.push_str(&m.documentation());
    println!("{}", text.trim_end());
    ExitCode::from(EXIT_CLEAN)
}

fn init(preset_name: &str, force: bool) -> ExitCode {
    let Some(preset) = config::preset::by_name(preset_name) else {
        eprintln!(
            "error: unknown preset `{preset_name}`; known presets: {}",
            config::preset::names().join(", ")
        );
        return ExitCode::from(EXIT_ERROR);
    };
    let path = std::path::Path::new("pmlint.toml");
    if path.exists() && !force {
        eprintln!("error: pmlint.toml already exists; pass --force to overwrite it");
        return ExitCode::from(EXIT_ERROR);
    }
    match std::fs::write(path, config::init_text(preset)) {
        Ok(()) => {
            println!("wrote pmlint.toml (preset `{}`)", preset.name);
            ExitCode::from(EXIT_CLEAN)
        }
        Err(e) => {
            eprintln!("error: cannot write pmlint.toml: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Files larger than this are reported and skipped without being read. A postmortem runs to a
/// few kilobytes; a file a thousand times that is a log or a generated file, and dense
/// Markdown costs comrak about 50 MB of memory and half a second per megabyte.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
const MIB: f64 = 1024.0 * 1024.0;

/// Why a file could not be linted.
fn read_problem(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Some("is UTF-16 text; pmlint reads UTF-8; skipped".into());
    }
    if bytes.contains(&0) {
        return Some("looks like a binary file (it contains NUL bytes); skipped".into());
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let valid = &bytes[..e.valid_up_to()];
        let line = 1 + valid.iter().filter(|b| **b == b'\n').count();
        return Some(format!(
            "is not valid UTF-8 (the first invalid byte is on line {line}); skipped"
        ));
    }
    None
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

fn too_big(len: u64) -> String {
    format!(
        "is {:.1} MiB, over the {} MiB limit for one file; skipped",
        len as f64 / MIB,
        MAX_FILE_BYTES as f64 / MIB
    )
}

/// Read a file named by a target. Only regular files are opened: opening a FIFO nobody
/// writes to would block forever, and a device may never end.
fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "is not a regular file ({}); skipped",
            special_kind(meta.file_type())
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    // The file may grow between the check and the read.
    read_capped(file, meta.len() as usize)
}

/// Read at most the one-file limit from `reader`: a larger input is refused, never held.
fn read_capped(reader: impl Read, size_hint: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(size_hint.min(MAX_FILE_BYTES as usize));
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "is over the {} MiB limit for one file; skipped",
            MAX_FILE_BYTES as f64 / MIB
        ));
    }
    Ok(bytes)
}

pub fn lint_text(name: &str, text: String, settings: &Settings) -> FileReport {
    let source = Source::new(name, text);
    let doc = document::build(source, settings);
    let findings = rules::check(&doc, settings);
    FileReport {
        source: doc.source,
        findings,
        fixed: 0,
    }
}

/// What fixing, if asked for, does to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    Off,
    Write,
    Diff,
}

/// One linted target: its report (of the fixed text, when fixing) and its original text.
struct Linted {
    target: Target,
    report: FileReport,
    original: String,
}

/// Lint, apply fixes, re-lint, until nothing more applies (bounded).
fn lint_and_fix(name: &str, text: String, settings: &Settings, unsafe_fixes: bool) -> FileReport {
    let mut report = lint_text(name, text, settings);
    let mut fixed = 0;
    for _ in 0..fix::MAX_PASSES {
        let (new_text, applied) = fix::apply(&report.source.text, &report.findings, unsafe_fixes);
        if applied == 0 || new_text == report.source.text {
            break;
        }
        fixed += applied;
        report = lint_text(name, new_text, settings);
    }
    report.fixed = fixed;
    report
}

fn lint_target(
    target: &Target,
    stdin: &Option<(String, String)>,
    settings: &Settings,
    mode: FixMode,
    unsafe_fixes: bool,
) -> Result<Linted, String> {
    let (name, bytes) = match target {
        Target::Stdin => {
            let (name, text) = stdin.as_ref().expect("stdin read before linting");
            (name.clone(), text.clone().into_bytes())
        }
        Target::File { path, display } => match read_file(path) {
            Ok(b) => (display.clone(), b),
            Err(e) => return Err(format!("{display}: {e}")),
        },
    };
    if let Some(problem) = read_problem(&bytes) {
        return Err(format!("{name}: {problem}"));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("{name}: is not valid UTF-8"))?;
    let report = match mode {
        FixMode::Off => lint_text(&name, text.clone(), settings),
        FixMode::Write | FixMode::Diff => lint_and_fix(&name, text.clone(), settings, unsafe_fixes),
    };
    Ok(Linted {
        target: target.clone(),
        report,
        original: text,
    })
}

fn lint(args: LintArgs) -> ExitCode {
    let overrides = Overrides {
        config: args.config.clone(),
        preset: args.preset.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on,
    };
    let settings = match config::load(&overrides) {
        Ok(s) => s,
        Err(report) => {
            eprintln!("{report:?}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let (targets, mut errors) = discover::collect(&args.paths, &settings, args.force_exclude);

    let stdin = if targets.contains(&Target::Stdin) {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into());
        let read = read_capped(std::io::stdin(), 0).and_then(|buf| match read_problem(&buf) {
            Some(problem) => Err(problem),
            None => Ok(String::from_utf8(buf).unwrap_or_default()),
        });
        match read {
            Ok(text) => Some((name, text)),
            Err(problem) => {
                errors.push(format!("{name}: {problem}"));
                None
            }
        }
    } else {
        None
    };
    let targets: Vec<Target> = targets
        .into_iter()
        .filter(|t| *t != Target::Stdin || stdin.is_some())
        .collect();

    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .build()
        .expect("thread pool");
    let mode = if args.diff {
        FixMode::Diff
    } else if args.fix {
        FixMode::Write
    } else {
        FixMode::Off
    };
    let results: Vec<Result<Linted, String>> = pool.install(|| {
        targets
            .par_iter()
            .map(|t| lint_target(t, &stdin, &settings, mode, args.unsafe_fixes))
            .collect()
    });
    let mut linted = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => linted.push(f),
            Err(e) => errors.push(e),
        }
    }
    linted.sort_by(|a, b| a.report.source.name.cmp(&b.report.source.name));

    // Fixed text goes to its file, to a diff, or (stdin) to stdout.
    let mut diffs = String::new();
    let mut fixed_stdin = None;
    let mut would_change = false;
    for l in &mut linted {
        if l.report.source.text == l.original {
            continue;
        }
        would_change = true;
        match (mode, &l.target) {
            (FixMode::Diff, _) => {
                diffs.push_str(&fix::unified_diff(
                    &l.report.source.name,
                    &l.original,
                    &l.report.source.text,
                ));
            }
            (FixMode::Write, Target::Stdin) => fixed_stdin = Some(l.report.source.text.clone()),
            (FixMode::Write, Target::File { path, display }) => {
                if let Err(e) = fix::write_atomic(path, &l.report.source.text) {
                    errors.push(format!(
                        "{display}: cannot write the fixes: {e}; the file was left as it was"
                    ));
                    // Nothing was written, so report the file as it is on disk.
                    l.report = lint_text(display, l.original.clone(), &settings);
                }
            }
            (FixMode::Off, _) => {}
        }
    }
    let stdin_fixing = mode == FixMode::Write && targets.contains(&Target::Stdin);
    let files: Vec<FileReport> = linted.into_iter().map(|l| l.report).collect();

    let stdout_tty = std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_tty && std::env::var_os("NO_COLOR").is_none(),
    };
    let format = args.format.unwrap_or(if stdout_tty {
        Format::Full
    } else {
        Format::Concise
    });
    let opts = RenderOptions {
        color,
        quiet: args.quiet,
        width: terminal_width(),
    };
    for e in &errors {
        eprintln!("error: {e}");
    }
    let written = if stdin_fixing {
        // The fixed text owns stdout; the report goes to stderr.
        let mut out = std::io::stdout().lock();
        let text = match (&fixed_stdin, &stdin) {
            (Some(t), _) => t.as_str(),
            (None, Some((_, original))) => original.as_str(),
            (None, None) => "",
        };
        out.write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .and_then(|_| report::render(format, &files, &opts, &mut std::io::stderr().lock()))
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(diffs.as_bytes())
            .and_then(|_| report::render(format, &files, &opts, &mut out))
            .and_then(|_| out.flush())
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
        }
        return ExitCode::from(EXIT_ERROR);
    }
    let code = exit_code(&files, &errors, settings.fail_on);
    if mode == FixMode::Diff && would_change && code == EXIT_CLEAN {
        return ExitCode::from(EXIT_FINDINGS);
    }
    ExitCode::from(code)
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

pub fn exit_code(files: &[FileReport], errors: &[String], fail_on: FailOn) -> u8 {
    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    let threshold = match fail_on {
        FailOn::Never => return EXIT_CLEAN,
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    let failing = files
        .iter()
        .flat_map(|f| &f.findings)
        .any(|f| f.severity >= threshold);
    if failing { EXIT_FINDINGS } else { EXIT_CLEAN }
}
