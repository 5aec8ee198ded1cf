//! Which files to lint: folders are walked gitignore-aware for Markdown files; files named on
//! the command line are linted whatever their extension.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::WalkBuilder;
use miette::Report;

use crate::config::nearest::ConfigSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdin,
    File {
        path: PathBuf,
        display: String,
        /// Which of the run's settings lint it (see [`ConfigSet`]).
        settings: usize,
    },
}

impl Target {
    pub fn display(&self) -> &str {
        match self {
            Target::Stdin => "-",
            Target::File { display, .. } => display,
        }
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Resolve command-line paths into targets, each with the settings of the config nearest
/// it. Errors (a path that does not exist, a folder that cannot be read) are returned beside
/// the targets: the rest still run. A config that cannot be read stops everything.
pub fn collect(
    paths: &[PathBuf],
    configs: ConfigSet,
    force_exclude: bool,
) -> Result<(Vec<Target>, Vec<String>, ConfigSet), Report> {
    let configs = Arc::new(Mutex::new(configs));
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(format!("{}: no such file or directory", path.display()));
                continue;
            }
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        if meta.is_dir() {
            walk(path, &configs, &mut targets, &mut errors)?;
            continue;
        }
        let mut configs = lock(&configs);
        let settings = configs.for_file(path)?;
        let own = configs.get(settings);
        if !(force_exclude && (own.is_excluded(path) || !own.is_included(path))) {
            targets.push(Target::File {
                path: path.clone(),
                display: display_path(path),
                settings,
            });
        }
    }
    targets.sort_by(|a, b| a.display().cmp(b.display()));
    // The walks' filters are dropped with their walkers: this is the last holder.
    let configs = Arc::try_unwrap(configs)
        .map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner))
        .unwrap_or_else(|_| unreachable!("no walk outlives collect"));
    Ok((dedup_by_file(targets), errors, configs))
}

/// Keep one target per file: `a.md`, `./a.md`, `$PWD/a.md` and `../d/a.md` name one file,
/// which is linted, counted and fixed once, under the first of its names in order.
fn dedup_by_file(targets: Vec<Target>) -> Vec<Target> {
    let mut seen = std::collections::HashSet::new();
    targets
        .into_iter()
        .filter(|t| match t {
            Target::Stdin => seen.insert(None),
            Target::File { path, .. } => seen.insert(Some(
                std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
            )),
        })
        .collect()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Walk `dir` for Markdown files. Each folder's `exclude` (of the config nearest it) prunes
/// what is below it; each file's `include` is that of its own folder's config.
fn walk(
    dir: &Path,
    configs: &Arc<Mutex<ConfigSet>>,
    targets: &mut Vec<Target>,
    errors: &mut Vec<String>,
) -> Result<(), Report> {
    // The filter runs inside the walker, which wants it `'static`: it shares the settings,
    // and leaves there the first config it could not read, which ends the walk.
    let failure: Arc<Mutex<Option<Report>>> = Arc::default();
    let mut builder = WalkBuilder::new(dir);
    // .gitignore counts whether or not the folder is a git checkout.
    builder.require_git(false);
    let (shared, failed) = (Arc::clone(configs), Arc::clone(&failure));
    builder.filter_entry(move |entry| {
        let Some(parent) = entry.path().parent() else {
            return true;
        };
        let mut configs = lock(&shared);
        match configs.for_folder(parent) {
            Ok(i) => !configs
                .get(i)
                .exclude
                .as_ref()
                .is_some_and(|ex| ex.matches(entry.path())),
            Err(e) => {
                lock(&failed).get_or_insert(e);
                false
            }
        }
    });
    for entry in builder.build() {
        if let Some(e) = lock(&failure).take() {
            return Err(e);
        }
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) || !is_markdown(path) {
            continue;
        }
        let mut configs = lock(configs);
        let settings = configs.for_file(path)?;
        if configs.get(settings).is_included(path) {
            targets.push(Target::File {
                path: path.to_path_buf(),
                display: display_path(path),
                settings,
            });
        }
    }
    lock(&failure).take().map_or(Ok(()), Err)
}
