//! Which files to lint: folders are walked gitignore-aware for Markdown files; files named on
//! the command line are linted whatever their extension.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::config::Settings;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdin,
    File { path: PathBuf, display: String },
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

/// Resolve command-line paths into targets. Errors (a path that does not exist, a folder
/// that cannot be read) are returned beside the targets: the rest still run.
pub fn collect(
    paths: &[PathBuf],
    settings: &Settings,
    force_exclude: bool,
) -> (Vec<Target>, Vec<String>) {
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
            walk(path, settings, &mut targets, &mut errors);
        } else if !(force_exclude && (settings.is_excluded(path) || !settings.is_included(path))) {
            targets.push(Target::File {
                path: path.clone(),
                display: display_path(path),
            });
        }
    }
    targets.sort_by(|a, b| a.display().cmp(b.display()));
    (dedup_by_file(targets), errors)
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

fn walk(dir: &Path, settings: &Settings, targets: &mut Vec<Target>, errors: &mut Vec<String>) {
    let exclude = settings.exclude.clone();
    let root = settings.root.clone();
    let mut builder = WalkBuilder::new(dir);
    // .gitignore counts whether or not the folder is a git checkout.
    builder.require_git(false);
    if exclude.is_some() {
        let settings_root = root;
        builder.filter_entry(move |entry| {
            let Some(ex) = &exclude else { return true };
            let rel = crate::config::relative_to(entry.path(), &settings_root);
            !ex.is_match(&rel)
        });
    }
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let path = entry.path();
                if is_file && is_markdown(path) && settings.is_included(path) {
                    targets.push(Target::File {
                        path: path.to_path_buf(),
                        display: display_path(path),
                    });
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
}
