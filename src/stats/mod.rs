//! `pmlint stats`: incident metrics across a folder of postmortems, one row per incident
//! and a summary, as a table, CSV, JSON or Markdown, and optionally an SVG chart.
//!
//! Every number comes from the time model ([`crate::document::timeline`]), the one the
//! rules read, so a duration PM401 or PM402 accepts is the one reported here:
//!
//! - **start**: the summary window's start, else the first timed timeline entry.
//! - **detected**: the first timeline entry that signals detection ("alert fired",
//!   "paged", "detected", "noticed", "reported").
//! - **mitigated**: the first timeline entry that signals mitigation ("mitigated",
//!   "workaround", "rolled back", "failover"), unless it says the step failed.
//! - **resolved**: the summary window's end, else the timeline's entry that signals
//!   resolution (its last, as PM402 reads it).
//! - **TTD** = detected − start, **TTM** = mitigated − start, **TTR** = resolved − start.
//! - **duration**: the duration the summary states ("lasted 2 hours"), else resolved − start.
//!
//! The keyword lists live in `document/timeline/signals.rs`, nowhere else. Times with zones
//! are compared as instants (an incident written in PST and one in UTC are ordered by when
//! they happened); times without a zone, in a document that states none, are compared by
//! the wall clock within their own document. A cell that cannot be computed is empty, never
//! guessed, and `--explain-missing` gives the reason.
//!
//! A file that cannot be read (missing, not UTF-8, binary) is reported on stderr and
//! skipped; the run fails (exit 2) only when no document at all could be read.

pub mod chart;
pub mod metrics;
pub mod summary;
pub mod table;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Overrides;
use crate::config::nearest::ConfigSet;
use crate::discover::{self, Target};
use crate::input;
use crate::source::Source;
use metrics::Incident;
use summary::GroupBy;
use table::StatsFormat;

/// What `pmlint stats` was asked for.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Postmortems and folders of them (folders are walked for *.md and *.markdown)
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,

    /// Group the summary by month, severity (front matter) or folder
    #[arg(long, value_enum, default_value_t = GroupBy::Month)]
    pub by: GroupBy,

    /// Also draw incidents per month and the TTR distribution to this SVG file
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,

    /// Say why each empty cell is empty
    #[arg(long)]
    pub explain_missing: bool,

    /// Use this config file for every file, instead of the one nearest each
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read no config file
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,

    /// Section preset: default, alx, google-sre, pagerduty, atlassian
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
}

/// From this many files on, a progress bar shows on stderr (when it is a terminal).
const PROGRESS_FROM: usize = 50;

/// Run `pmlint stats`; errors are printed on stderr. `false` when it could not do its job:
/// no document could be read, the config could not be, or the chart not written.
pub fn run(args: StatsArgs) -> bool {
    let overrides = Overrides {
        config: args.config.clone(),
        isolated: args.isolated,
        preset: args.preset.clone(),
        ..Overrides::default()
    };
    let found = ConfigSet::new(overrides)
        .and_then(|configs| discover::collect(&args.paths, configs, false));
    let (targets, errors, configs) = match found {
        Ok(found) => found,
        Err(report) => {
            eprintln!("{report:?}");
            return false;
        }
    };
    for e in &errors {
        eprintln!("error: {e}");
    }
    let (mut incidents, problems) = read_all(&targets, &configs);
    for p in &problems {
        eprintln!("error: {p}; skipped");
    }
    if incidents.is_empty() {
        eprintln!("error: pmlint stats: no postmortem could be read");
        return false;
    }
    order(&mut incidents);
    let (groups, all) = summary::summarize(&incidents, args.by);
    let report = table::Report {
        incidents: &incidents,
        by: args.by,
        groups: &groups,
        all: &all,
        explain_missing: args.explain_missing,
    };
    let text = table::render(args.format, &report);
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return false;
    }
    if let Some(path) = &args.chart
        && let Err(e) = write_chart(path, &incidents)
    {
        eprintln!("error: {}: {e}", path.display());
        return false;
    }
    true
}

/// Each target's incident, in parallel, or why it could not be read.
fn read_all(targets: &[Target], configs: &ConfigSet) -> (Vec<Incident>, Vec<String>) {
    let progress = progress_bar(targets.len());
    let read: Vec<Result<Incident, String>> = targets
        .par_iter()
        .map(|t| {
            let r = read_one(t, configs);
            progress.inc(1);
            r
        })
        .collect();
    progress.finish_and_clear();
    let mut incidents = Vec::with_capacity(read.len());
    let mut problems = Vec::new();
    for r in read {
        match r {
            Ok(i) => incidents.push(i),
            Err(p) => problems.push(p),
        }
    }
    (incidents, problems)
}

/// A bar on stderr for a long run on a terminal; hidden otherwise.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    if files < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} postmortems") {
        bar.set_style(style);
    }
    bar
}

fn read_one(target: &Target, configs: &ConfigSet) -> Result<Incident, String> {
    let Target::File {
        path,
        display,
        settings,
    } = target
    else {
        return Err("-: pmlint stats reads files and folders, not standard input".into());
    };
    let bytes = input::read_file(path).map_err(|e| format!("{display}: {e}"))?;
    if let Some(problem) = input::read_problem(&bytes) {
        let problem = problem.trim_end_matches("; skipped");
        return Err(format!("{display}: {problem}"));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("{display}: is not valid UTF-8"))?;
    let settings = configs.get(*settings);
    let doc = crate::document::build(Source::new(display.clone(), text), settings);
    Ok(Incident::from_document(
        &doc,
        display.clone(),
        folder_of(display),
    ))
}

/// The folder a displayed path is in (`.` for a file named alone).
fn folder_of(display: &str) -> String {
    match Path::new(display).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_string_lossy().into_owned(),
        _ => ".".to_string(),
    }
}

/// Oldest first by the start's instant, so that incidents written in different zones are
/// ordered by when they happened; a start with no zone is placed by its wall clock read as
/// UTC (for the order only: no number depends on it). Undated incidents come after dated
/// ones, and incidents with no start last; ties go by file.
fn order(incidents: &mut [Incident]) {
    incidents.sort_by_cached_key(|i| {
        let start = i.start.as_ref().ok();
        let day = i.date.as_ref().ok().copied();
        let wall = start.and_then(|p| {
            let civil = day.unwrap_or(p.date).to_datetime(p.time);
            jiff::tz::Offset::UTC.to_timestamp(civil).ok()
        });
        (
            start.is_none(),
            day.is_none(),
            i.start_instant.or(wall),
            i.file.clone(),
        )
    });
}

fn write_chart(path: &Path, incidents: &[Incident]) -> Result<(), String> {
    let svg = chart::render(incidents)?;
    std::fs::write(path, svg).map_err(|e| format!("cannot write the chart: {e}"))
}
