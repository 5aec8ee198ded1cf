//! The pipeline: config → discover → lint in parallel → report → exit code.

use std::collections::BTreeMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::cli::{Cli, ColorChoice, Command, LintArgs};
use crate::config::nearest::ConfigSet;
use crate::config::{self, FailOn, Overrides, Settings};
use crate::discover::{self, Target};
use crate::report::{self, FilePart, FileReport, Format, RenderOptions, Reporter};
use crate::source::Source;
use crate::{document, fix, input, registry, rules};

/// Exit codes, as ruff has them.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// comrak and our own walks are iterative, but a worker with room to spare costs nothing.
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Output is written in blocks of this size, not a system call per line.
const OUTPUT_BUFFER: usize = 64 * 1024;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Rules) => print_rules(),
        Some(Command::Server) => match crate::server::run() {
            Ok(()) => ExitCode::from(EXIT_CLEAN),
            Err(e) => {
                eprintln!("error: pmlint server: {e}");
                ExitCode::from(EXIT_ERROR)
            }
        },
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "pmlint", &mut std::io::stdout());
            ExitCode::from(EXIT_CLEAN)
        }
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Stats(args)) => ExitCode::from(if crate::stats::run(args) {
            EXIT_CLEAN
        } else {
            EXIT_ERROR
        }),
        Some(Command::Init {
            preset,
            from,
            force,
        }) => init(&preset, from.as_deref(), force),
        None => lint(cli.lint),
    }
}

/// The settings of the nearest config, for `rules` and `explain`, which list its own rules.
fn nearest_settings() -> Result<Settings, ExitCode> {
    config::load(&Overrides::default()).map_err(|e| {
        eprintln!("{e:?}");
        ExitCode::from(EXIT_ERROR)
    })
}

fn print_rules() -> ExitCode {
    let settings = match nearest_settings() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{:<7} {:<20} {:<8} {:<9} summary",
        "code", "slug", "severity", "fixable"
    );
    let custom = settings.custom.iter().map(|r| r.meta);
    for m in registry::RULES.iter().copied().chain(custom) {
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
    let settings = match nearest_settings() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let Some(m) = settings.find_rule(name) else {
        eprintln!("error: unknown rule `{name}`; `pmlint rules` lists them");
        return ExitCode::from(EXIT_ERROR);
    };
    println!("{}", rules::explain(m, &settings));
    ExitCode::from(EXIT_CLEAN)
}

fn init(preset_name: &str, from: Option<&Path>, force: bool) -> ExitCode {
    let (text, what) = match from {
        Some(template) => match init_from_template(template) {
            Ok(text) => (text, format!("the sections of {}", template.display())),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_ERROR);
            }
        },
        None => {
            let Some(preset) = config::preset::by_name(preset_name) else {
                eprintln!(
                    "error: unknown preset `{preset_name}`; known presets: {}",
                    config::preset::names().join(", ")
                );
                return ExitCode::from(EXIT_ERROR);
            };
            (
                config::init_text(preset),
                format!("preset `{}`", preset.name),
            )
        }
    };
    let path = std::path::Path::new("pmlint.toml");
    // A symbolic link, dangling or not, is never followed: init would create or overwrite a
    // file somewhere else.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        eprintln!("error: pmlint.toml is a symbolic link; init does not write through it");
        return ExitCode::from(EXIT_ERROR);
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let written = options
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    match written {
        Ok(()) => {
            println!("wrote pmlint.toml ({what})");
            ExitCode::from(EXIT_CLEAN)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("error: pmlint.toml already exists; pass --force to overwrite it");
            ExitCode::from(EXIT_ERROR)
        }
        Err(e) => {
            eprintln!("error: cannot write pmlint.toml: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The `pmlint.toml` text for `init --from`: the template read as a postmortem, its
/// headings (not bold-line titles) in order.
fn init_from_template(template: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(template)
        .map_err(|e| format!("cannot read {}: {e}", template.display()))?;
    let settings = config::from_toml("", Path::new(".")).map_err(|e| e.to_string())?;
    let doc = document::build(Source::new(template.display().to_string(), text), &settings);
    let headings: Vec<(u8, String)> = doc
        .sections
        .iter()
        .filter(|s| s.is_heading())
        .map(|s| (s.level, s.title.clone()))
        .collect();
    config::sections::init_from_headings(&headings)
        .map_err(|e| format!("{}: {e}", template.display()))
}

pub fn lint_text(name: &str, text: String, settings: &Settings) -> FileReport {
    let (source, findings) = fix::lint(name, text, settings);
    FileReport {
        source,
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

/// What linting one target needs besides the target.
struct Job<'a> {
    stdin: &'a Option<(String, String)>,
    /// Every target's settings, by the index it holds (see [`config::nearest`]).
    settings: &'a [Settings],
    /// Which of them lint standard input: the config nearest `--stdin-filename`.
    stdin_settings: usize,
    mode: FixMode,
    unsafe_fixes: bool,
    format: Format,
    opts: &'a RenderOptions,
    /// `--statistics`: hand back each finding's rule.
    statistics: bool,
}

/// What the main thread gets back for one target. A file's text and findings stay on the
/// worker that linted it: only its rendered part of the report, and what fixing needs said
/// or written, travel.
enum Outcome {
    /// The target could not be read or linted: why.
    Unreadable(String),
    Linted(Linted),
}

struct Linted {
    /// The file's part of the report (of the fixed text, when fixing).
    part: std::io::Result<FilePart>,
    /// Whether fixing changed the text (with `--diff`, would change it).
    changed: bool,
    /// `--diff`: the unified diff of the fixes.
    diff: String,
    /// `--fix` on stdin: the fixed text, which goes to stdout in place of the input.
    fixed_stdin: Option<String>,
    /// `--fix`: why the fixed text could not be written (the report is then of the file as
    /// it is on disk).
    write_error: Option<String>,
    /// `--statistics`: each finding's rule and whether it can be fixed.
    rules: Vec<(&'static registry::RuleMeta, bool)>,
    /// Its findings fail the run, by the `fail-on` of its own settings.
    fails: bool,
}

/// Lint, apply fixes, re-lint, until nothing more applies (bounded).
fn lint_and_fix(name: &str, text: String, settings: &Settings, unsafe_fixes: bool) -> FileReport {
    let (source, findings, fixed) = fix::lint_and_fix(name, text, settings, unsafe_fixes);
    FileReport {
        source,
        findings,
        fixed,
    }
}

/// Read, lint (and fix) one target and render its part of the report.
fn lint_target(target: &Target, job: &Job) -> Outcome {
    let (name, bytes, settings) = match target {
        Target::Stdin => {
            let (name, text) = job.stdin.as_ref().expect("stdin read before linting");
            let settings = &job.settings[job.stdin_settings];
            (name.clone(), text.clone().into_bytes(), settings)
        }
        Target::File {
            path,
            display,
            settings,
        } => match input::read_file(path) {
            Ok(b) => (display.clone(), b, &job.settings[*settings]),
            Err(e) => return Outcome::Unreadable(format!("{display}: {e}")),
        },
    };
    if let Some(problem) = input::read_problem(&bytes) {
        return Outcome::Unreadable(format!("{name}: {problem}"));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Outcome::Unreadable(format!("{name}: is not valid UTF-8"));
    };
    let mut changed = false;
    let mut diff = String::new();
    let mut fixed_stdin = None;
    let mut write_error = None;
    let report = match job.mode {
        FixMode::Off => lint_text(&name, text, settings),
        FixMode::Write | FixMode::Diff => {
            let mut report = lint_and_fix(&name, text.clone(), settings, job.unsafe_fixes);
            if report.source.text != text {
                changed = true;
                match (job.mode, target) {
                    (FixMode::Diff, _) => {
                        diff = fix::unified_diff(&report.source.name, &text, &report.source.text);
                    }
                    (FixMode::Write, Target::Stdin) => {
                        fixed_stdin = Some(report.source.text.clone());
                    }
                    (FixMode::Write, Target::File { path, display, .. }) => {
                        if let Err(e) = fix::write_fixed(path, text.as_bytes(), &report.source.text)
                        {
                            write_error = Some(format!(
                                "{display}: cannot write the fixes: {e}; the file was left as it was"
                            ));
                            // Nothing was written, so report the file as it is on disk.
                            report = lint_text(display, text, settings);
                        }
                    }
                    (FixMode::Off, _) => {}
                }
            }
            report
        }
    };
    let rules = if job.statistics {
        report
            .findings
            .iter()
            .map(|f| (f.rule, f.fix.is_some()))
            .collect()
    } else {
        Vec::new()
    };
    Outcome::Linted(Linted {
        fails: fails(&report, settings.fail_on),
        rules,
        part: report::render_file(job.format, &report, job.opts),
        changed,
        diff,
        fixed_stdin,
        write_error,
    })
}

/// Whether a file's findings fail the run by `fail-on`.
fn fails(report: &FileReport, fail_on: FailOn) -> bool {
    report.findings.iter().any(|f| match fail_on {
        FailOn::Never => false,
        FailOn::Error => f.severity == registry::Severity::Error,
        FailOn::Warning => true,
    })
}

/// Workers for `files` files: `RAYON_NUM_THREADS` if it is a positive number (rayon's own
/// rule), else one per core, but never more than there are files, so the pre-commit case (one
/// file) starts one thread, not one per core.
fn worker_count(rayon_num_threads: Option<&str>, cores: usize, files: usize) -> usize {
    let wanted = rayon_num_threads
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(cores);
    wanted.min(files).max(1)
}

/// How many outcomes may wait in the channel per worker while the main thread writes.
const QUEUED_PER_WORKER: usize = 4;

/// Lint `targets` on `pool` and hand each outcome to `emit` on this thread, in target order,
/// as soon as it and every one before it are done. Workers take the next target in order
/// from a shared counter, so an outcome waits only while a target begun before it is still
/// being linted (a slow file holds back what the other workers finish meanwhile: rendered
/// parts, small beside the files). The bounded channel keeps the workers from running
/// ahead of a slow reader of the output.
fn lint_in_order(
    pool: &rayon::ThreadPool,
    targets: &[Target],
    job: &Job,
    mut emit: impl FnMut(Outcome),
) {
    let workers = pool.current_num_threads().max(1);
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(workers * QUEUED_PER_WORKER);
    pool.in_place_scope(|scope| {
        for _ in 0..workers.min(targets.len()) {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move |_| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(target) = targets.get(i) else { break };
                    if tx.send((i, lint_target(target, job))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, outcome) in rx {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&due) {
                emit(outcome);
                due += 1;
            }
        }
    });
}

fn lint(args: LintArgs) -> ExitCode {
    let overrides = Overrides {
        config: args.config.clone(),
        isolated: args.isolated,
        preset: args.preset.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on,
        report_unused_suppressions: args.report_unused_suppressions,
    };
    let found = config::nearest::ConfigSet::new(overrides).and_then(|configs| {
        let (targets, errors, mut configs) =
            discover::collect(&args.paths, configs, args.force_exclude)?;
        // Standard input is linted by the config nearest the name it is given.
        let stdin_settings = match &args.stdin_filename {
            Some(name) => configs.for_file(Path::new(name))?,
            None => 0,
        };
        Ok((targets, errors, configs, stdin_settings))
    });
    let (targets, mut errors, configs, stdin_settings) = match found {
        Ok(found) => found,
        Err(report) => {
            eprintln!("{report:?}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    if args.show_settings {
        return show_settings(&targets, &configs, stdin_settings);
    }

    let stdin = if targets.contains(&Target::Stdin) {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into());
        let read = input::read_capped(std::io::stdin(), 0, input::MAX_FILE_BYTES).and_then(|buf| {
            match input::read_problem(&buf) {
                Some(problem) => Err(problem),
                None => Ok(String::from_utf8(buf).unwrap_or_default()),
            }
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
    let mut targets: Vec<Target> = targets
        .into_iter()
        .filter(|t| *t != Target::Stdin || stdin.is_some())
        .collect();
    // Reports come in path order: stdin goes by the name it is reported under.
    let report_name = |t: &Target| match (t, &stdin) {
        (Target::Stdin, Some((name, _))) => name.clone(),
        _ => t.display().to_string(),
    };
    targets.sort_by_cached_key(report_name);

    let threads = std::env::var("RAYON_NUM_THREADS").ok();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .num_threads(worker_count(threads.as_deref(), cores, targets.len()))
        .build()
        .expect("thread pool");
    let mode = if args.diff {
        FixMode::Diff
    } else if args.fix {
        FixMode::Write
    } else {
        FixMode::Off
    };
    let stdin_fixing = mode == FixMode::Write && targets.contains(&Target::Stdin);

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
    let job = Job {
        stdin: &stdin,
        settings: configs.all(),
        stdin_settings,
        mode,
        unsafe_fixes: args.unsafe_fixes,
        format,
        opts: &opts,
        statistics: args.statistics,
    };
    let mut statistics = Statistics::default();

    for e in &errors {
        eprintln!("error: {}", report::escape_controls(e));
    }
    let mut out = BufWriter::with_capacity(OUTPUT_BUFFER, std::io::stdout().lock());
    // The report goes straight to stdout, unless the diffs or stdin's fixed text come first:
    // then it is held until they are out.
    let hold_report = mode == FixMode::Diff || stdin_fixing || args.output_file.is_some();
    // The held report goes to `--output-file` when there is one, else where it would have.
    let deliver = |report: &[u8], otherwise: &mut dyn Write| match &args.output_file {
        Some(path) => std::fs::write(path, report)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        None => otherwise.write_all(report),
    };
    let mut held = Vec::new();
    let mut reporter = Reporter::new(format, &opts);
    let mut failed: Option<std::io::Error> = None;
    let mut fixed_stdin = None;
    let mut would_change = false;
    let mut failing = false;
    let mut write_errors = Vec::new();
    lint_in_order(&pool, &targets, &job, |outcome| {
        let linted = match outcome {
            Outcome::Unreadable(e) => {
                // Flushed first, so that on a terminal the error shows among the files.
                let _ = out.flush();
                eprintln!("error: {}", report::escape_controls(&e));
                errors.push(e);
                return;
            }
            Outcome::Linted(l) => l,
        };
        would_change |= linted.changed;
        failing |= linted.fails;
        if let Some(text) = linted.fixed_stdin {
            fixed_stdin = Some(text);
        }
        write_errors.extend(linted.write_error);
        // Once the output fails nothing more is written, but every file is still linted and
        // fixed, as it would have been had the output not failed.
        statistics.add(&linted.rules);
        if failed.is_none() {
            let written = out.write_all(linted.diff.as_bytes()).and_then(|_| {
                let mut discard = std::io::sink();
                let sink: &mut dyn Write = if args.statistics {
                    &mut discard
                } else if hold_report {
                    &mut held
                } else {
                    &mut out
                };
                reporter.add(linted.part?, sink)
            });
            failed = written.err();
        }
    });
    if !write_errors.is_empty() {
        let _ = out.flush();
        for e in &write_errors {
            eprintln!("error: {}", report::escape_controls(e));
        }
        errors.extend(write_errors);
    }
    let finished = match failed {
        Some(e) => Err(e),
        None if stdin_fixing => {
            // The fixed text owns stdout; the report goes to stderr.
            let text = match (&fixed_stdin, &stdin) {
                (Some(t), _) => t.as_str(),
                (None, Some((_, original))) => original.as_str(),
                (None, None) => "",
            };
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .and_then(|_| reporter.finish(&mut held))
                .and_then(|t| deliver(&held, &mut std::io::stderr().lock()).map(|_| t))
        }
        None if args.statistics => reporter
            .finish(&mut std::io::sink())
            .and_then(|t| statistics.write(format, &mut held).map(|_| t))
            .and_then(|t| deliver(&held, &mut out).map(|_| t)),
        None if hold_report => reporter
            .finish(&mut held)
            .and_then(|t| deliver(&held, &mut out).map(|_| t)),
        None => reporter.finish(&mut out),
    };
    if let Err(e) = finished.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
        }
        return ExitCode::from(EXIT_ERROR);
    }
    let code = exit_code(failing, &errors);
    if args.exit_zero && code == EXIT_FINDINGS {
        return ExitCode::from(EXIT_CLEAN);
    }
    if mode == FixMode::Diff && would_change && code == EXIT_CLEAN && !args.exit_zero {
        return ExitCode::from(EXIT_FINDINGS);
    }
    ExitCode::from(code)
}

/// `--show-settings`: the settings of each group of targets that share them, after the
/// names of the files (at most five of them).
fn show_settings(targets: &[Target], configs: &ConfigSet, stdin_settings: usize) -> ExitCode {
    let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for target in targets {
        let index = match target {
            Target::Stdin => stdin_settings,
            Target::File { settings, .. } => *settings,
        };
        groups.entry(index).or_default().push(target.display());
    }
    if groups.is_empty() {
        groups.insert(0, Vec::new());
    }
    let mut out = String::new();
    for (index, files) in groups {
        let shown: Vec<String> = files
            .iter()
            .take(5)
            .map(|f| report::escape_controls(f).into_owned())
            .collect();
        let more = files.len().saturating_sub(shown.len());
        out.push_str(&match (shown.is_empty(), more) {
            (true, _) => "Settings (no files found)\n".to_string(),
            (false, 0) => format!("Settings for {}\n", shown.join(", ")),
            (false, more) => format!("Settings for {} and {more} more\n", shown.join(", ")),
        });
        out.push_str(&configs.get(index).describe());
        out.push('\n');
    }
    print!("{}", out.trim_end_matches('\n'));
    println!();
    ExitCode::from(EXIT_CLEAN)
}

/// `--statistics`: findings counted by rule, as ruff prints them.
#[derive(Default)]
struct Statistics {
    /// By rule code: the rule, its findings, and how many of them can be fixed.
    by_rule: BTreeMap<&'static str, (&'static registry::RuleMeta, usize, usize)>,
}

impl Statistics {
    fn add(&mut self, rules: &[(&'static registry::RuleMeta, bool)]) {
        for &(rule, fixable) in rules {
            let entry = self.by_rule.entry(rule.code).or_insert((rule, 0, 0));
            entry.1 += 1;
            entry.2 += usize::from(fixable);
        }
    }

    /// Most frequent first; `json` as an array of objects, any other format as a table.
    fn write(&self, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
        let mut rows: Vec<_> = self.by_rule.values().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(b.0.code)));
        if format == Format::Json {
            let rows: Vec<serde_json::Value> = rows
                .iter()
                .map(|(rule, count, fixable)| {
                    serde_json::json!({
                        "code": rule.code, "slug": rule.slug, "count": count, "fixable": fixable,
                    })
                })
                .collect();
            return writeln!(out, "{}", serde_json::to_string_pretty(&rows)?);
        }
        for (rule, count, fixable) in rows {
            let mark = if *fixable > 0 {
                format!(" ({fixable} fixable)")
            } else {
                String::new()
            };
            writeln!(out, "{count:>6}  {:<6} {}{mark}", rule.code, rule.slug)?;
        }
        Ok(())
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// Errors (an unreadable file, a fix not written) win over findings.
pub fn exit_code(failing: bool, errors: &[String]) -> u8 {
    if !errors.is_empty() {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

#[cfg(test)]
mod tests {
    use super::worker_count;

    #[test]
    fn workers_follow_rayon_num_threads_and_never_outnumber_files() {
        assert_eq!(worker_count(None, 8, 1), 1);
        assert_eq!(worker_count(None, 8, 100), 8);
        assert_eq!(worker_count(Some("3"), 8, 100), 3);
        assert_eq!(worker_count(Some("16"), 8, 100), 16);
        assert_eq!(worker_count(Some("16"), 8, 5), 5);
        // rayon ignores zero and what does not read as a number.
        assert_eq!(worker_count(Some("0"), 8, 100), 8);
        assert_eq!(worker_count(Some("many"), 2, 100), 2);
        // No files (every path was an error): still a pool of one.
        assert_eq!(worker_count(None, 8, 0), 1);
    }
}
