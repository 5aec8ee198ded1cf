//! Configuration: the built-in preset, `pmlint.toml`, and command-line flags merged into one
//! [`Settings`]. Every mistake in a config file is a miette error pointing into the TOML.

pub mod chain;
pub mod custom;
pub mod nearest;
pub mod preset;
pub mod sections;
mod show;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};
use serde::Deserialize;
use toml::Spanned;

use crate::registry::{self, RuleMeta, Severity};
pub use preset::{Preset, Role};

pub const CONFIG_NAMES: &[&str] = &["pmlint.toml", ".pmlint.toml"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum, Default)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Never,
}

/// A rule's severity as a config file may set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// `pmlint.toml`, exactly as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Another config file whose settings this one inherits (see [`chain`]).
    pub extend: Option<Spanned<String>>,
    pub preset: Option<Spanned<String>>,
    /// `[[sections]]` are added to this preset's rather than replacing them.
    pub extend_preset: Option<Spanned<String>>,
    /// A team's own template (see [`sections`]).
    pub sections: Option<Vec<Spanned<sections::SectionTable>>>,
    /// A team's own rules (see [`custom`]).
    #[serde(default)]
    pub rule: Vec<Spanned<custom::CustomTable>>,
    pub include: Option<Vec<Spanned<String>>>,
    pub exclude: Option<Vec<Spanned<String>>>,
    pub fail_on: Option<FailOn>,
    pub default_timezone: Option<Spanned<String>>,
    pub timezones: Option<BTreeMap<String, Spanned<String>>>,
    pub select: Option<Vec<Spanned<String>>>,
    pub ignore: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub rules: BTreeMap<String, Spanned<RuleTable>>,
}

/// `[rules.<slug>]`: the severity plus every option some rule takes; which rule takes which
/// option is checked after parsing, so a misplaced option is still pointed at.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleTable {
    pub severity: Option<Level>,
    pub tolerance: Option<Spanned<String>>,
    pub extend_words: Option<Spanned<BTreeMap<String, String>>>,
    pub allow: Option<Spanned<Vec<String>>>,
    pub accept: Option<Spanned<Vec<String>>>,
    pub owners: Option<Spanned<Vec<String>>>,
}

/// The options a rule reads, validated.
#[derive(Debug, Default, Clone)]
pub struct RuleOptions {
    pub tolerance: Option<jiff::SignedDuration>,
    /// What assigns an action item: some of [`ASSIGNMENTS`]; `None` for all of them.
    pub accept: Option<Vec<String>>,
    /// Names and teams that count as an action item's owner.
    pub owners: Vec<String>,
}

/// The kinds of assignment `accept` names.
pub const ASSIGNMENTS: &[&str] = &["owner", "reference", "due-date"];

/// Command-line settings that override the config file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    /// `--isolated`: read no config file, the built-in defaults and the flags only.
    pub isolated: bool,
    pub preset: Option<String>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub fail_on: Option<FailOn>,
    /// `--report-unused-suppressions`.
    pub report_unused_suppressions: bool,
}

/// Everything a lint run needs to know, resolved once.
pub struct Settings {
    pub preset: &'static Preset,
    /// Active rules with their effective severity, in code order.
    pub rules: Vec<(&'static RuleMeta, Severity)>,
    pub options: BTreeMap<&'static str, RuleOptions>,
    pub include: Option<Globs>,
    pub exclude: Option<Globs>,
    /// The config files these settings were read from, the nearest first (more than one when
    /// it `extend`s another); empty for the built-in defaults.
    pub files: Vec<PathBuf>,
    pub fail_on: FailOn,
    /// The zone of times that state none and have none from their section or front matter.
    pub default_timezone: Option<crate::time::ZoneKind>,
    /// Built-in abbreviations plus `[timezones]`.
    pub zones: crate::time::Zones,
    /// The speller with the config's words, when it has any (else the built-in one).
    speller: Option<crate::spell::Speller>,
    /// The config's `[[rule]]`s; those switched on are in `rules` too.
    pub custom: Vec<custom::CustomRule>,
    /// Report suppression comments that suppressed nothing (PM001).
    pub report_unused_suppressions: bool,
}

impl Settings {
    /// The config's rule with this code, if it is one.
    pub fn custom_rule(&self, code: &str) -> Option<&custom::CustomRule> {
        self.custom.iter().find(|r| r.meta.code == code)
    }

    /// A rule by code or slug: a built-in one, or one of the config's.
    pub fn find_rule(&self, name: &str) -> Option<&'static RuleMeta> {
        registry::find(name).or_else(|| {
            self.custom
                .iter()
                .find(|r| r.meta.code.eq_ignore_ascii_case(name) || r.meta.slug == name)
                .map(|r| r.meta)
        })
    }

    pub fn severity_of(&self, code: &str) -> Option<Severity> {
        self.rules
            .iter()
            .find(|(r, _)| r.code == code)
            .map(|(_, s)| *s)
    }

    pub fn speller(&self) -> &crate::spell::Speller {
        self.speller
            .as_ref()
            .unwrap_or_else(|| crate::spell::Speller::builtin())
    }

    pub fn options(&self, code: &str) -> RuleOptions {
        self.options.get(code).cloned().unwrap_or_default()
    }

    /// Whether `exclude` matches the path or a folder above it.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|ex| ex.matches_within(path))
    }

    pub fn is_included(&self, path: &Path) -> bool {
        self.include.as_ref().is_none_or(|inc| inc.matches(path))
    }
}

/// `include` or `exclude`: globs relative to the folder of the config file that wrote them.
pub struct Globs {
    pub set: GlobSet,
    pub root: PathBuf,
    /// As written, for `--show-settings`.
    pub patterns: Vec<String>,
}

impl Globs {
    pub fn matches(&self, path: &Path) -> bool {
        self.set.is_match(relative_to(path, &self.root))
    }

    /// The path or one of the folders above it (below the root) matches.
    pub fn matches_within(&self, path: &Path) -> bool {
        let rel = relative_to(path, &self.root);
        self.set.is_match(&rel) || rel.ancestors().skip(1).any(|a| self.set.is_match(a))
    }
}

/// `path` relative to `root`, after resolving it against the current folder.
pub fn relative_to(path: &Path, root: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let abs = normalize_path(&abs);
    abs.strip_prefix(root).map(Path::to_path_buf).unwrap_or(abs)
}

/// Drop `.` and resolve `..` lexically, so `./docs/../x.md` matches the glob `x.md`.
pub(crate) fn normalize_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A config file that is wrong, with the span of what is wrong.
pub struct ConfigError {
    pub path: String,
    pub text: String,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    pub fn into_report(self) -> Report {
        let mut diag = MietteDiagnostic::new(format!("invalid configuration: {}", self.message))
            .with_code("pmlint::config")
            .with_label(LabeledSpan::at(self.span, self.message.clone()));
        if let Some(help) = self.help {
            diag = diag.with_help(help);
        }
        Report::new(diag).with_source_code(NamedSource::new(self.path, self.text))
    }
}

/// Find `pmlint.toml` or `.pmlint.toml` in `start` or the nearest folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
    })
}

/// Load and resolve settings: the config file named by `--config`, else the one nearest the
/// current folder (the settings of files with no config of their own; see [`nearest`]).
pub fn load(overrides: &Overrides) -> Result<Settings, Report> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let path = match &overrides.config {
        _ if overrides.isolated => None,
        Some(p) => Some(p.clone()),
        None => discover(&cwd),
    };
    match path {
        Some(path) => load_file(&normalize_path(&cwd.join(path)), overrides),
        None => resolve(&ConfigFile::default(), overrides, &cwd, &cwd)
            .map_err(|e| e.located("", "").into_report()),
    }
}

/// Settings from the config file at `path` (absolute) and every file it extends, with the
/// command line's overrides.
pub fn load_file(path: &Path, overrides: &Overrides) -> Result<Settings, Report> {
    let read = chain::read(path)?;
    let (display, text) = (read.display.clone(), read.text.clone());
    let chain = chain::load(path, read)?;
    let mut settings = resolve(
        &chain.file,
        overrides,
        &chain.include_root,
        &chain.exclude_root,
    )
    .map_err(|e| match (chain.paths.len(), &e.span) {
        // Each file of a chain was checked alone; what is left is the command line's.
        (1, _) | (_, None) => e.located(&display, &text).into_report(),
        (_, Some(_)) => miette::miette!(
            code = "pmlint::config",
            "invalid configuration: {} (in {} and the files it extends)",
            e.message,
            display
        ),
    })?;
    settings.files = chain.paths;
    Ok(settings)
}

/// A config mistake before we know which file it is in (flags have no file).
#[derive(Debug)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    fn at(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            span: Some(span),
            message: message.into(),
            help: None,
        }
    }

    fn flag(message: impl Into<String>) -> Problem {
        Problem {
            span: None,
            message: message.into(),
            help: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    fn located(self, path: &str, text: &str) -> ConfigError {
        match self.span {
            Some(span) => ConfigError {
                path: path.to_string(),
                text: text.to_string(),
                span,
                message: self.message,
                help: self.help,
            },
            // A bad command-line value: show it without a file.
            None => ConfigError {
                path: "command line".into(),
                text: String::new(),
                span: 0..0,
                message: self.message,
                help: self.help,
            },
        }
    }
}

pub fn parse(text: &str) -> Result<ConfigFile, Problem> {
    toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        Problem::at(span, e.message().trim().to_string())
    })
}

/// The sections a postmortem must have: `--preset`, else the config's `[[sections]]` (on
/// their own or on `extend-preset`), else its `preset`, else the default preset.
fn resolve_template(file: &ConfigFile, o: &Overrides) -> Result<&'static Preset, Problem> {
    let named = |name: &Spanned<String>| {
        preset::by_name(name.get_ref()).ok_or_else(|| {
            Problem::at(name.span(), format!("unknown preset `{}`", name.get_ref()))
                .with_help(format!("known presets: {}", preset::names().join(", ")))
        })
    };
    if let Some(name) = &o.preset {
        return preset::by_name(name).ok_or_else(|| {
            Problem::flag(format!("unknown preset `{name}`"))
                .with_help(format!("known presets: {}", preset::names().join(", ")))
        });
    }
    match (&file.sections, &file.extend_preset, &file.preset) {
        (Some(_), _, Some(p)) => Err(Problem::at(
            p.span(),
            "`preset` and `[[sections]]` are both set",
        )
        .with_help("write `extend-preset` to add your sections to a preset's, or remove `preset` to use yours alone")),
        (Some(tables), base, None) => {
            let base = base.as_ref().map(named).transpose()?;
            sections::template(base, tables)
        }
        (None, Some(base), _) => Err(Problem::at(base.span(), "`extend-preset` without `[[sections]]`")
            .with_help("add `[[sections]]` tables to extend the preset with, or write `preset` instead")),
        (None, None, Some(p)) => named(p),
        (None, None, None) => Ok(preset::by_name("default").expect("default preset exists")),
    }
}

/// Settings from a config file's keys (`include_root` and `exclude_root`: the folders their
/// globs are relative to) and the command line.
fn resolve(
    file: &ConfigFile,
    o: &Overrides,
    include_root: &Path,
    exclude_root: &Path,
) -> Result<Settings, Problem> {
    let preset = resolve_template(file, o)?;

    // Rule selection: config first, flags override.
    // The config's own rules are selected like the built-in ones (`select = ["PM1", "X0"]`).
    let custom = custom::rules(&file.rule)?;
    let pool: Vec<&'static RuleMeta> = registry::RULES
        .iter()
        .copied()
        .chain(custom.iter().map(|r| r.meta))
        .collect();
    let mut selected = pool.clone();
    let select = match &o.select {
        Some(list) => Some(resolve_rule_list_flag(list, "--select", &pool)?),
        None => file
            .select
            .as_ref()
            .map(|l| resolve_rule_list_file(l, &pool))
            .transpose()?,
    };
    if let Some(select) = select {
        selected.retain(|r| select.iter().any(|s| std::ptr::eq(*s, *r)));
    }
    let ignore = match &o.ignore {
        Some(list) => Some(resolve_rule_list_flag(list, "--ignore", &pool)?),
        None => file
            .ignore
            .as_ref()
            .map(|l| resolve_rule_list_file(l, &pool))
            .transpose()?,
    };
    if let Some(ignore) = ignore {
        selected.retain(|r| !ignore.iter().any(|s| std::ptr::eq(*s, *r)));
    }

    let mut options = BTreeMap::new();
    let mut levels: BTreeMap<&'static str, Level> = BTreeMap::new();
    let mut extend_words = Vec::new();
    let mut allow = Vec::new();
    // Spans of the keys are not kept by serde; find them in the rules tables' own spans.
    for (key, table) in &file.rules {
        let meta = registry::find(key).ok_or_else(|| {
            Problem::at(table.span(), format!("unknown rule `{key}` in [rules]"))
                .with_help("`pmlint rules` lists every rule's code and slug")
        })?;
        let t = table.get_ref();
        let accepts = |name: &str| meta.options.iter().any(|o| o.name == name);
        let mut opts = RuleOptions::default();
        if let Some(tol) = &t.tolerance {
            if !accepts("tolerance") {
                return Err(not_accepted(meta, "tolerance", tol.span()));
            }
            opts.tolerance = Some(parse_duration(tol.get_ref()).ok_or_else(|| {
                Problem::at(tol.span(), format!("`{}` is not a duration", tol.get_ref()))
                    .with_help("write a duration such as \"2m\", \"90s\" or \"1h 5m\"")
            })?);
        }
        if let Some(words) = &t.extend_words {
            if !accepts("extend-words") {
                return Err(not_accepted(meta, "extend-words", words.span()));
            }
            extend_words.extend(words.get_ref().iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if let Some(words) = &t.allow {
            if !accepts("allow") {
                return Err(not_accepted(meta, "allow", words.span()));
            }
            allow.extend(words.get_ref().iter().cloned());
        }
        if let Some(kinds) = &t.accept {
            if !accepts("accept") {
                return Err(not_accepted(meta, "accept", kinds.span()));
            }
            opts.accept = Some(assignments(kinds)?);
        }
        if let Some(names) = &t.owners {
            if !accepts("owners") {
                return Err(not_accepted(meta, "owners", names.span()));
            }
            opts.owners = names.get_ref().clone();
        }
        if let Some(level) = t.severity {
            levels.insert(meta.code, level);
        }
        options.insert(meta.code, opts);
    }

    let is_selected = |meta: &'static RuleMeta| selected.iter().any(|s| std::ptr::eq(*s, meta));
    let custom_selected: Vec<(&'static RuleMeta, Severity)> = custom
        .iter()
        .filter(|r| is_selected(r.meta))
        .filter_map(|r| Some((r.meta, r.severity?)))
        .collect();
    let rules: Vec<(&'static RuleMeta, Severity)> = selected
        .iter()
        .copied()
        .filter(|meta| registry::find(meta.code).is_some_and(|m| std::ptr::eq(m, *meta)))
        .filter_map(|meta| match levels.get(meta.code) {
            Some(Level::Off) => None,
            Some(Level::Error) => Some((meta, Severity::Error)),
            Some(Level::Warning) => Some((meta, Severity::Warning)),
            None => Some((meta, meta.default_severity)),
        })
        .collect();

    let configured: Vec<(&String, &Spanned<String>)> = file.timezones.iter().flatten().collect();
    let pairs: Vec<(String, String)> = configured
        .iter()
        .map(|(key, value)| ((*key).clone(), value.get_ref().clone()))
        .collect();
    let zones = crate::time::Zones::builtin()
        .with_overrides_at(&pairs)
        .map_err(|(i, e)| Problem::at(configured[i].1.span(), e))?;
    let default_timezone = match &file.default_timezone {
        None => None,
        Some(value) => Some(zones.parse(value.get_ref()).ok_or_else(|| {
            Problem::at(value.span(), format!("`{}` is not a time zone pmlint knows", value.get_ref()))
                .with_help("write an offset (\"+01:00\", \"UTC-4\"), an IANA name (\"Africa/Lagos\"), or an abbreviation from [timezones]")
        })?),
    };

    let mut rules = rules;
    rules.extend(custom_selected);
    Ok(Settings {
        preset,
        rules,
        custom,
        options,
        include: file
            .include
            .as_deref()
            .map(|g| globs(g, include_root))
            .transpose()?,
        exclude: file
            .exclude
            .as_deref()
            .map(|g| globs(g, exclude_root))
            .transpose()?,
        files: Vec::new(),
        report_unused_suppressions: o.report_unused_suppressions,
        fail_on: o.fail_on.or(file.fail_on).unwrap_or_default(),
        default_timezone,
        zones,
        speller: (!extend_words.is_empty() || !allow.is_empty())
            .then(|| crate::spell::Speller::new(&extend_words, &allow)),
    })
}

/// `accept = ["owner", "reference"]`: known kinds, at least one.
fn assignments(kinds: &Spanned<Vec<String>>) -> Result<Vec<String>, Problem> {
    let help = || format!("write some of {}", ASSIGNMENTS.join(", "));
    if kinds.get_ref().is_empty() {
        return Err(
            Problem::at(kinds.span(), "`accept` names no kind of assignment").with_help(help()),
        );
    }
    if let Some(unknown) = kinds
        .get_ref()
        .iter()
        .find(|k| !ASSIGNMENTS.contains(&k.as_str()))
    {
        return Err(Problem::at(
            kinds.span(),
            format!("`{unknown}` is no kind of assignment"),
        )
        .with_help(help()));
    }
    Ok(kinds.get_ref().clone())
}

fn not_accepted(meta: &RuleMeta, option: &str, span: Range<usize>) -> Problem {
    let takes: Vec<&str> = meta.options.iter().map(|o| o.name).collect();
    Problem::at(
        span,
        format!(
            "rule {} ({}) has no option `{option}`",
            meta.code, meta.slug
        ),
    )
    .with_help(if takes.is_empty() {
        "this rule takes only `severity`".to_string()
    } else {
        format!("it takes `severity` and {}", takes.join(", "))
    })
}

fn globs(list: &[Spanned<String>], root: &Path) -> Result<Globs, Problem> {
    let mut builder = GlobSetBuilder::new();
    for g in list {
        let glob = Glob::new(g.get_ref())
            .map_err(|e| Problem::at(g.span(), format!("invalid glob: {}", e.kind())))?;
        builder.add(glob);
    }
    let set = builder
        .build()
        .map_err(|e| Problem::flag(format!("invalid glob set: {e}")))?;
    Ok(Globs {
        set,
        root: root.to_path_buf(),
        patterns: list.iter().map(|g| g.get_ref().clone()).collect(),
    })
}

/// The rules of `pool` that `selector` names: `ALL`, a code or a slug, or a code prefix
/// (`PM1`, `X0`), case ignored.
fn select_in(pool: &[&'static RuleMeta], selector: &str) -> Vec<&'static RuleMeta> {
    if selector.eq_ignore_ascii_case("all") {
        return pool.to_vec();
    }
    let exact: Vec<_> = pool
        .iter()
        .copied()
        .filter(|m| m.code.eq_ignore_ascii_case(selector) || m.slug == selector)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let prefix = selector.to_ascii_uppercase();
    let code_like = prefix.starts_with(|c: char| c.is_ascii_alphabetic())
        && prefix.len() >= 2
        && prefix.bytes().all(|b| b.is_ascii_alphanumeric());
    if !code_like {
        return Vec::new();
    }
    pool.iter()
        .copied()
        .filter(|m| m.code.starts_with(&prefix))
        .collect()
}

fn resolve_rule_list_file(
    list: &[Spanned<String>],
    pool: &[&'static RuleMeta],
) -> Result<Vec<&'static RuleMeta>, Problem> {
    let mut out = Vec::new();
    for item in list {
        let found = select_in(pool, item.get_ref());
        if found.is_empty() {
            return Err(
                Problem::at(item.span(), format!("unknown rule `{}`", item.get_ref()))
                    .with_help("`pmlint rules` lists every rule's code and slug"),
            );
        }
        out.extend(found);
    }
    Ok(out)
}

fn resolve_rule_list_flag(
    list: &[String],
    flag: &str,
    pool: &[&'static RuleMeta],
) -> Result<Vec<&'static RuleMeta>, Problem> {
    let mut out = Vec::new();
    for item in list.iter().flat_map(|s| s.split(',')).map(str::trim) {
        if item.is_empty() {
            continue;
        }
        let found = select_in(pool, item);
        if found.is_empty() {
            return Err(Problem::flag(format!("unknown rule `{item}` in {flag}"))
                .with_help("`pmlint rules` lists every rule's code and slug"));
        }
        out.extend(found);
    }
    Ok(out)
}

pub fn parse_duration(text: &str) -> Option<jiff::SignedDuration> {
    let d: jiff::SignedDuration = text.trim().parse().ok()?;
    (!d.is_negative()).then_some(d)
}

/// A commented `pmlint.toml` for `pmlint init`.
pub fn init_text(preset: &Preset) -> String {
    let mut sections = String::new();
    for s in &preset.sections {
        sections.push_str(&format!(
            "#   {} {}{}\n",
            if s.required { "required:" } else { "optional:" },
            s.title,
            if s.aliases.is_empty() {
                String::new()
            } else {
                format!(" (also: {})", s.aliases.join(", "))
            }
        ));
    }
    let mut rules_help = String::new();
    for m in registry::RULES {
        rules_help.push_str(&format!("#   {} {:<20} {}\n", m.code, m.slug, m.summary));
        for o in m.options {
            rules_help.push_str(&format!(
                "#         option `{}` (default {}): {}\n",
                o.name, o.default, o.description
            ));
        }
    }
    format!(
        r#"# pmlint configuration. `pmlint explain RULE` documents each rule.

# Which sections a postmortem must have: default | alx | google-sre | pagerduty | atlassian.
# Preset `{name}`: {description}
{sections}preset = "{name}"

# Globs, relative to this file. Folders are walked for *.md and *.markdown, honouring .gitignore.
# include = ["docs/postmortems/**/*.md"]
# exclude = ["docs/templates/**"]

# Lowest severity that fails the run (exit code 1): error | warning | never.
fail-on = "error"

# Zone for times that state none (silences timezone-missing), e.g. "UTC" or "Africa/Lagos".
# default-timezone = "UTC"

# Add or override time zone abbreviations.
# [timezones]
# IST = "+05:30"

# Turn rules on and off: codes, slugs, or code prefixes such as "PM5".
# select = ["ALL"]
# ignore = []

# Per-rule settings: severity = "error" | "warning" | "off", plus each rule's own options.
# The rules:
{rules_help}#
# [rules.required-sections]
# severity = "warning"
"#,
        name = preset.name,
        description = preset.description,
    )
}

/// Settings from a config file's text, as if it sat in `root` (tests, embedding).
pub fn from_toml(text: &str, root: &Path) -> Result<Settings, Report> {
    let file = parse(text).map_err(|e| e.located("pmlint.toml", text).into_report())?;
    resolve(&file, &Overrides::default(), root, root)
        .map_err(|e| e.located("pmlint.toml", text).into_report())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_text(text: &str) -> Result<Settings, Problem> {
        let file = parse(text)?;
        resolve(&file, &Overrides::default(), Path::new("/"), Path::new("/"))
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let text = "preset = \"alx\"\ncolour = true\n";
        let err = resolve_text(text).err().unwrap();
        assert_eq!(&text[err.span.unwrap()], "colour");
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let text = "fail-on = 3\n";
        let err = resolve_text(text).err().unwrap();
        assert_eq!(&text[err.span.unwrap()], "3");
    }

    #[test]
    fn unknown_preset_points_at_the_name() {
        let text = "preset = \"nope\"\n";
        let err = resolve_text(text).err().unwrap();
        assert_eq!(&text[err.span.unwrap()], "\"nope\"");
        assert!(err.help.unwrap().contains("alx"));
    }

    #[test]
    fn severity_off_removes_a_rule_and_slugs_work() {
        let s = resolve_text("[rules.duplicate-section]\nseverity = \"off\"\n").unwrap();
        assert!(s.severity_of("PM102").is_none());
        assert!(s.severity_of("PM101").is_some());
        let s = resolve_text("[rules.PM101]\nseverity = \"warning\"\n").unwrap();
        assert_eq!(s.severity_of("PM101"), Some(Severity::Warning));
    }

    #[test]
    fn selectors_name_codes_slugs_prefixes_and_all() {
        let pool = registry::RULES;
        assert_eq!(select_in(pool, "PM2").len(), 2);
        assert_eq!(select_in(pool, "pm10").len(), 3);
        assert_eq!(select_in(pool, "ALL").len(), pool.len());
        assert_eq!(select_in(pool, "known-typos")[0].code, "PM501");
        assert!(select_in(pool, "PM9").is_empty());
        assert!(select_in(pool, "nope").is_empty());
        assert!(
            select_in(pool, "known").is_empty(),
            "a slug is not a prefix"
        );
    }

    #[test]
    fn durations_parse_in_friendly_form() {
        assert_eq!(
            parse_duration("2m"),
            Some(jiff::SignedDuration::from_mins(2))
        );
        assert_eq!(
            parse_duration("1h 5m"),
            Some(jiff::SignedDuration::from_mins(65))
        );
        assert_eq!(parse_duration("soon"), None);
    }
}
