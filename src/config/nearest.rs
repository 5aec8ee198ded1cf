//! The config nearest to each file, as ruff and markdownlint-cli2 find it: `pmlint proj/docs`
//! run from a parent folder lints `proj/docs/a.md` by `proj/pmlint.toml`, and a sub-folder
//! with a `pmlint.toml` of its own is linted by that one (which may `extend` its parent's).
//!
//! A file under no config at all takes the settings of the config nearest the current folder
//! (or the built-in defaults). `--config` and `--isolated` give every file one set of
//! settings. Each folder's config is found once and each config file read once per run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use miette::Report;

use super::{Overrides, Settings};

/// Every set of settings a run needs, and which folder takes which.
pub struct ConfigSet {
    overrides: Overrides,
    /// `--config` or `--isolated`: the first settings are every file's.
    single: bool,
    /// The first: the settings of files under no config (the current folder's).
    settings: Vec<Settings>,
    /// A config file (absolute) to its settings.
    by_file: HashMap<PathBuf, usize>,
    /// A folder (absolute) to the settings of the files in it.
    by_folder: HashMap<PathBuf, usize>,
    cwd: PathBuf,
}

impl ConfigSet {
    /// The current folder's settings (or `--config`'s), ready for the folders asked later.
    pub fn new(overrides: Overrides) -> Result<ConfigSet, Report> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let single = overrides.config.is_some() || overrides.isolated;
        let fallback = super::load(&overrides)?;
        let mut by_file = HashMap::new();
        if let Some(path) = fallback.files.first() {
            by_file.insert(path.clone(), 0);
        }
        Ok(ConfigSet {
            overrides,
            single,
            settings: vec![fallback],
            by_file,
            by_folder: HashMap::new(),
            cwd,
        })
    }

    /// The settings of files with no config of their own, and of standard input.
    pub fn fallback(&self) -> &Settings {
        &self.settings[0]
    }

    pub fn get(&self, index: usize) -> &Settings {
        &self.settings[index]
    }

    /// All of them, by index.
    pub fn all(&self) -> &[Settings] {
        &self.settings
    }

    /// The index of the settings that lint the file at `path`.
    pub fn for_file(&mut self, path: &Path) -> Result<usize, Report> {
        let abs = super::normalize_path(&self.cwd.join(path));
        match abs.parent() {
            Some(folder) => self.for_folder(folder),
            None => Ok(0),
        }
    }

    /// The index of the settings of files in `folder` (relative or absolute).
    pub fn for_folder(&mut self, folder: &Path) -> Result<usize, Report> {
        if self.single {
            return Ok(0);
        }
        let folder = super::normalize_path(&self.cwd.join(folder));
        // The folders from this one up to the first that is known or holds a config.
        let mut unknown = Vec::new();
        let mut found = None;
        for dir in folder.ancestors() {
            if let Some(&i) = self.by_folder.get(dir) {
                found = Some(i);
                break;
            }
            unknown.push(dir.to_path_buf());
            if let Some(config) = config_in(dir) {
                found = Some(self.settings_of(&config)?);
                break;
            }
        }
        let index = found.unwrap_or(0);
        for dir in unknown {
            self.by_folder.insert(dir, index);
        }
        Ok(index)
    }

    /// The settings of one config file, read the first time it is asked for.
    fn settings_of(&mut self, config: &Path) -> Result<usize, Report> {
        if let Some(&i) = self.by_file.get(config) {
            return Ok(i);
        }
        let settings = super::load_file(config, &self.overrides)?;
        self.settings.push(settings);
        let index = self.settings.len() - 1;
        self.by_file.insert(config.to_path_buf(), index);
        Ok(index)
    }
}

/// The config file in `dir` itself, if it holds one.
fn config_in(dir: &Path) -> Option<PathBuf> {
    super::CONFIG_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}
