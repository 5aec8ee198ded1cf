//! `extend = "../pmlint.toml"`: a config file that inherits another's settings and overrides
//! some of them, as ruff's `extend` does.
//!
//! What the extending file sets wins, key by key:
//! - the template (`preset`, `extend-preset`, `[[sections]]`) is taken whole from the nearest
//!   file that sets any of it, so a folder can switch template without undoing its parent's;
//! - `[rules.<rule>]` tables are merged option by option (`[rules.PM502]` and
//!   `[rules.misspelling]` are one table); the word lists `allow` and `extend-words` are
//!   joined, because a folder adds words to its parent's vocabulary, it does not replace it;
//! - `[[rule]]`s are joined, a rule of the same code replacing the parent's;
//! - `[timezones]` are joined, the extending file's entry winning;
//! - every other key (`include`, `exclude`, `select`, `ignore`, `fail-on`,
//!   `default-timezone`) is the extending file's when it sets it, else the parent's.
//!
//! `include` and `exclude` globs stay relative to the folder of the file that wrote them.
//!
//! Each file of a chain is checked on its own first, so a mistake is pointed at in the file
//! that holds it; the merged whole then resolves like a single file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use miette::Report;
use toml::Spanned;

use super::{ConfigFile, Overrides, Problem, RuleTable};
use crate::registry;

/// How many files a chain of `extend`s may hold: more is surely a mistake.
const MAX_CHAIN: usize = 16;

/// A config file with everything it inherits, merged.
pub struct Chain {
    pub file: ConfigFile,
    /// The folder `include` globs are relative to: that of the file that set them.
    pub include_root: PathBuf,
    /// The same for `exclude`.
    pub exclude_root: PathBuf,
    /// The files read, the extending one first.
    pub paths: Vec<PathBuf>,
}

/// One config file as read: its parsed keys, text and name (for errors pointing into it).
pub struct Read {
    pub file: ConfigFile,
    pub text: String,
    pub display: String,
}

/// Read and parse one config file: size-capped, regular files only, UTF-8. It is named
/// relative to the current folder when it is below it.
pub fn read(path: &Path) -> Result<Read, Report> {
    let display = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string();
    let text = crate::input::read_regular(path, crate::input::MAX_CONFIG_BYTES)
        .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "is not valid UTF-8".to_string()))
        .map_err(|e| {
            miette::miette!(
                code = "pmlint::config",
                "cannot read config file {display}: it {}",
                e.trim_start_matches("cannot read: ")
                    .trim_end_matches("; skipped")
            )
        })?;
    let file = super::parse(&text).map_err(|e| e.located(&display, &text).into_report())?;
    Ok(Read {
        file,
        text,
        display,
    })
}

/// Read `path` (absolute) and every file it extends, and merge them.
pub fn load(path: &Path, read_file: Read) -> Result<Chain, Report> {
    let mut seen = Vec::new();
    load_layer(path, read_file, &mut seen)
}

fn load_layer(path: &Path, read_file: Read, seen: &mut Vec<PathBuf>) -> Result<Chain, Report> {
    let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
    seen.push(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
    let Read {
        file,
        text,
        display,
    } = read_file;
    let Some(extend) = &file.extend else {
        return Ok(Chain {
            file,
            include_root: dir.clone(),
            exclude_root: dir,
            paths: vec![path.to_path_buf()],
        });
    };
    let at_extend = |message: String, help: &str| {
        Problem::at(extend.span(), message)
            .with_help(help)
            .located(&display, &text)
            .into_report()
    };
    // Checked alone, so that a mistake in this file is pointed at here.
    super::resolve(&file, &Overrides::default(), &dir, &dir)
        .map_err(|e| e.located(&display, &text).into_report())?;
    let parent = super::normalize_path(&dir.join(extend.get_ref()));
    if !parent.is_file() {
        return Err(at_extend(
            format!("`{}` is not a file", extend.get_ref()),
            "write the path of a pmlint.toml, relative to this file's folder",
        ));
    }
    let canonical = std::fs::canonicalize(&parent).unwrap_or_else(|_| parent.clone());
    if seen.contains(&canonical) {
        return Err(at_extend(
            format!("`{}` extends this file again", extend.get_ref()),
            "a chain of `extend` may not come back to a file it has read",
        ));
    }
    if seen.len() >= MAX_CHAIN {
        return Err(at_extend(
            format!("more than {MAX_CHAIN} files extend one another"),
            "point `extend` straight at the shared config",
        ));
    }
    let parent_read = read(&parent)?;
    let parent_chain = load_layer(&parent, parent_read, seen)?;
    Ok(merge(parent_chain, file, path, &dir))
}

/// `child` (the file at `path`, in `dir`) over what it extends.
fn merge(parent: Chain, child: ConfigFile, path: &Path, dir: &Path) -> Chain {
    let Chain {
        file: mut merged,
        mut include_root,
        mut exclude_root,
        mut paths,
    } = parent;
    if child.preset.is_some() || child.extend_preset.is_some() || child.sections.is_some() {
        merged.preset = child.preset;
        merged.extend_preset = child.extend_preset;
        merged.sections = child.sections;
    }
    let redefined = |code: &str| {
        child
            .rule
            .iter()
            .any(|r| r.get_ref().code.get_ref().eq_ignore_ascii_case(code))
    };
    merged
        .rule
        .retain(|r| !redefined(r.get_ref().code.get_ref().trim()));
    merged.rule.extend(child.rule);
    if child.include.is_some() {
        merged.include = child.include;
        include_root = dir.to_path_buf();
    }
    if child.exclude.is_some() {
        merged.exclude = child.exclude;
        exclude_root = dir.to_path_buf();
    }
    merged.fail_on = child.fail_on.or(merged.fail_on);
    merged.default_timezone = child.default_timezone.or(merged.default_timezone);
    merged.select = child.select.or(merged.select);
    merged.ignore = child.ignore.or(merged.ignore);
    if let Some(zones) = child.timezones {
        merged.timezones.get_or_insert_default().extend(zones);
    }
    merged.rules = merge_rule_tables(merged.rules, child.rules);
    merged.extend = None;
    paths.insert(0, path.to_path_buf());
    Chain {
        file: merged,
        include_root,
        exclude_root,
        paths,
    }
}

/// `[rules.*]` of both files, by rule code, the child's options over the parent's.
fn merge_rule_tables(
    parent: BTreeMap<String, Spanned<RuleTable>>,
    child: BTreeMap<String, Spanned<RuleTable>>,
) -> BTreeMap<String, Spanned<RuleTable>> {
    // Both files were checked alone, so every key names a rule.
    let code = |key: &str| registry::find(key).map_or(key.to_string(), |m| m.code.to_string());
    let mut merged: BTreeMap<String, Spanned<RuleTable>> =
        parent.into_iter().map(|(k, t)| (code(&k), t)).collect();
    for (key, table) in child {
        let key = code(&key);
        let table = match merged.remove(&key) {
            None => table,
            Some(base) => {
                let span = table.span();
                Spanned::new(span, merge_options(base.into_inner(), table.into_inner()))
            }
        };
        merged.insert(key, table);
    }
    merged
}

fn merge_options(base: RuleTable, over: RuleTable) -> RuleTable {
    RuleTable {
        severity: over.severity.or(base.severity),
        tolerance: over.tolerance.or(base.tolerance),
        extend_words: joined(base.extend_words, over.extend_words),
        allow: joined(base.allow, over.allow),
        accept: over.accept.or(base.accept),
        owners: over.owners.or(base.owners),
    }
}

/// A word list of the parent joined with the child's (its entries winning), at the child's span.
fn joined<T>(base: Option<Spanned<T>>, over: Option<Spanned<T>>) -> Option<Spanned<T>>
where
    T: IntoIterator + Extend<<T as IntoIterator>::Item>,
{
    match (base, over) {
        (Some(base), Some(over)) => {
            let span = over.span();
            let mut words = base.into_inner();
            words.extend(over.into_inner());
            Some(Spanned::new(span, words))
        }
        (base, over) => over.or(base),
    }
}
