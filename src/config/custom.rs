//! A team's own rules: `[[rule]]` tables in `pmlint.toml`, checked like the built-in ones.
//!
//! ```toml
//! [[rule]]
//! code = "X001"
//! slug = "no-human-error"
//! kind = "existence"
//! words = ["human error", "operator error"]
//! scope = "root-cause"
//! message = "`{match}` names a person, not a cause"
//! help = "say what let the mistake through"
//! ```
//!
//! Kinds:
//! - `existence`: words or patterns that must not appear;
//! - `substitution`: a word and the one to write instead, fixed safely by `--fix`;
//! - `occurrence`: at least `min` and at most `max` matches;
//! - `required-field`: a front-matter key that must be there (`field`), with its value one of
//!   `values` or matching one of `patterns` (the whole value) when they are given;
//! - `capitalization`: headings in `style` `sentence`, `title`, `lower` or `upper` case, with
//!   `exceptions` (words kept as written there: "PostgreSQL", "Kafka"); an unsafe fix recases.
//!
//! Scopes: `document` (the default), a section role (`summary`, `timeline`, `root-cause`,
//! `corrective`, ...), `section:<title>`, `column:<header>` (the cells of that column in every
//! table) or `front-matter`. Existence and substitution read prose (not code, URLs or HTML);
//! occurrence reads the source, so that "at least one link to a ticket" can count links.

use std::collections::BTreeMap;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::preset::Role;
use super::{Level, Problem};
use crate::registry::{self, FixAvailability, RuleMeta, Severity};

/// The largest compiled pattern: `regex` runs in linear time, and this keeps a pattern from
/// costing much memory either.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// One `[[rule]]` table, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CustomTable {
    pub code: Spanned<String>,
    pub slug: Spanned<String>,
    pub kind: Spanned<String>,
    pub message: Spanned<String>,
    pub severity: Option<Level>,
    pub help: Option<String>,
    pub scope: Option<Spanned<String>>,
    #[serde(default)]
    pub words: Vec<Spanned<String>>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    pub swap: Option<Spanned<BTreeMap<String, String>>>,
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// `required-field`: the front-matter key.
    pub field: Option<Spanned<String>>,
    /// `required-field`: the values allowed.
    #[serde(default)]
    pub values: Vec<String>,
    /// `capitalization`: `sentence`, `title`, `lower` or `upper`.
    pub style: Option<Spanned<String>>,
    /// `capitalization`: words kept as written.
    #[serde(default)]
    pub exceptions: Vec<String>,
}

/// A rule of the config, ready to check.
#[derive(Debug)]
pub struct CustomRule {
    pub meta: &'static RuleMeta,
    /// `None` when its severity is `off`.
    pub severity: Option<Severity>,
    pub kind: CustomKind,
    pub scope: Scope,
    /// The message, with `{match}`, `{replacement}`, `{count}`, `{min}` and `{max}` filled in.
    pub message: String,
    pub help: Option<String>,
    /// What `pmlint explain` prints for it.
    pub description: String,
}

#[derive(Debug)]
pub enum CustomKind {
    Existence(Regex),
    /// The swapped words as one pattern, and each one's replacement by its lowercase form.
    Substitution {
        regex: Regex,
        swaps: BTreeMap<String, String>,
    },
    Occurrence {
        regex: Regex,
        min: Option<usize>,
        max: Option<usize>,
    },
    RequiredField {
        field: String,
        /// Allowed values, compared ignoring case; empty: any value.
        values: Vec<String>,
        /// A pattern the whole value must match.
        pattern: Option<Regex>,
    },
    Capitalization {
        style: CaseStyle,
        exceptions: Vec<String>,
    },
}

/// How a `capitalization` rule wants headings written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStyle {
    /// "Root cause and resolution": the first word capitalised, the others lower case.
    Sentence,
    /// "Root Cause and Resolution": every word capitalised but short joining words.
    Title,
    Lower,
    Upper,
}

/// Where a rule looks.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    Document,
    Role(Role),
    /// A section by its normalised title.
    Section(String),
    /// The cells of every table column with this normalised header.
    Column(String),
    FrontMatter,
}

/// Every `[[rule]]`, checked: codes `X001`-`X999` and slugs unique, and unlike any built-in
/// rule's; each kind with what it needs; patterns that compile.
pub fn rules(tables: &[Spanned<CustomTable>]) -> Result<Vec<CustomRule>, Problem> {
    let mut out: Vec<CustomRule> = Vec::new();
    for table in tables {
        let t = table.get_ref();
        let code = t.code.get_ref().trim().to_ascii_uppercase();
        let valid = code.len() == 4
            && code.starts_with('X')
            && code[1..].bytes().all(|b| b.is_ascii_digit())
            && code != "X000";
        if !valid {
            return Err(Problem::at(
                t.code.span(),
                format!("`{}` is no rule code of a config", t.code.get_ref()),
            )
            .with_help("a config's rules take codes X001 to X999"));
        }
        if out.iter().any(|r| r.meta.code == code) {
            return Err(Problem::at(
                t.code.span(),
                format!("two rules have the code {code}"),
            ));
        }
        let slug = t.slug.get_ref().trim().to_string();
        let kebab = !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !kebab {
            return Err(Problem::at(t.slug.span(), format!("`{slug}` is no slug"))
                .with_help("write it in lowercase words joined by hyphens: `no-human-error`"));
        }
        if registry::find(&slug).is_some() || out.iter().any(|r| r.meta.slug == slug) {
            return Err(Problem::at(
                t.slug.span(),
                format!("the slug `{slug}` is taken"),
            ));
        }
        if t.message.get_ref().trim().is_empty() {
            return Err(Problem::at(t.message.span(), "a rule needs a message"));
        }
        let scope = scope_of(t)?;
        let (kind, fix) = kind_of(t)?;
        if matches!(kind, CustomKind::RequiredField { .. })
            && let Some(written) = t.scope.as_ref().filter(|_| scope != Scope::FrontMatter)
        {
            return Err(Problem::at(
                written.span(),
                "a `required-field` rule reads the front matter",
            )
            .with_help("leave `scope` out, or write `front-matter`"));
        }
        let severity = match t.severity {
            None | Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Off) => None,
        };
        let description = describe(t);
        let meta = RuleMeta {
            code: leak(code),
            slug: leak(slug),
            default_severity: severity.unwrap_or(Severity::Warning),
            fix,
            summary: leak(
                t.help
                    .clone()
                    .unwrap_or_else(|| t.message.get_ref().clone()),
            ),
            options: &[],
        };
        out.push(CustomRule {
            // Leaked, as the built-in rules' metadata is static: findings name their rule by
            // it, and a run resolves its settings once.
            meta: Box::leak(Box::new(meta)),
            severity,
            kind,
            scope,
            message: t.message.get_ref().clone(),
            help: t.help.clone(),
            description,
        });
    }
    Ok(out)
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn scope_of(t: &CustomTable) -> Result<Scope, Problem> {
    let Some(scope) = &t.scope else {
        return Ok(Scope::Document);
    };
    let text = scope.get_ref().trim();
    if text == "document" {
        return Ok(Scope::Document);
    }
    if text == "front-matter" {
        return Ok(Scope::FrontMatter);
    }
    if let Some(header) = text.strip_prefix("column:") {
        let key = crate::title::normalize_title(header);
        if key.is_empty() {
            return Err(Problem::at(scope.span(), "`column:` needs a column header"));
        }
        return Ok(Scope::Column(key));
    }
    if let Some(title) = text.strip_prefix("section:") {
        let key = crate::title::normalize_title(title);
        if key.is_empty() {
            return Err(Problem::at(
                scope.span(),
                "`section:` needs a section title",
            ));
        }
        return Ok(Scope::Section(key));
    }
    Role::from_name(text).map(Scope::Role).ok_or_else(|| {
        Problem::at(scope.span(), format!("`{text}` is no scope")).with_help(format!(
            "write `document`, `section:<title>`, `column:<header>`, `front-matter` or a role: {}",
            Role::NAMES.join(", ")
        ))
    })
}

fn kind_of(t: &CustomTable) -> Result<(CustomKind, FixAvailability), Problem> {
    let needs = |what: &str| {
        Problem::at(
            t.kind.span(),
            format!("a `{}` rule needs {what}", t.kind.get_ref()),
        )
    };
    match t.kind.get_ref().as_str() {
        "existence" => {
            let regex = matcher(t)?.ok_or_else(|| needs("`words` or `patterns`"))?;
            Ok((CustomKind::Existence(regex), FixAvailability::None))
        }
        "substitution" => {
            let swap = t
                .swap
                .as_ref()
                .ok_or_else(|| needs("a `swap` table (word = \"replacement\")"))?;
            if swap.get_ref().is_empty() {
                return Err(Problem::at(swap.span(), "`swap` names no word"));
            }
            let words: Vec<String> = swap
                .get_ref()
                .keys()
                .map(|w| regex::escape(w.trim()))
                .collect();
            let regex = compile(&format!(r"(?i)\b(?:{})\b", words.join("|")), swap.span())?;
            let swaps = swap
                .get_ref()
                .iter()
                .map(|(k, v)| (k.trim().to_lowercase(), v.clone()))
                .collect();
            Ok((
                CustomKind::Substitution { regex, swaps },
                FixAvailability::Always,
            ))
        }
        "occurrence" => {
            let regex = matcher(t)?.ok_or_else(|| needs("`words` or `patterns`"))?;
            if t.min.is_none() && t.max.is_none() {
                return Err(needs("`min`, `max` or both"));
            }
            if let (Some(min), Some(max)) = (t.min, t.max)
                && min > max
            {
                return Err(Problem::at(
                    t.kind.span(),
                    format!("`min` ({min}) is above `max` ({max})"),
                ));
            }
            Ok((
                CustomKind::Occurrence {
                    regex,
                    min: t.min,
                    max: t.max,
                },
                FixAvailability::None,
            ))
        }
        "required-field" => {
            let field = t.field.as_ref().ok_or_else(|| needs("a `field` (a front-matter key)"))?;
            if field.get_ref().trim().is_empty() {
                return Err(Problem::at(field.span(), "`field` names no key"));
            }
            let pattern = match t.patterns.as_slice() {
                [] => None,
                patterns => {
                    for p in patterns {
                        compile(p.get_ref(), p.span())?;
                    }
                    let whole: Vec<String> = patterns
                        .iter()
                        .map(|p| format!("(?:{})", p.get_ref()))
                        .collect();
                    Some(compile(&format!("^(?:{})$", whole.join("|")), patterns[0].span())?)
                }
            };
            Ok((
                CustomKind::RequiredField {
                    field: field.get_ref().trim().to_string(),
                    values: t.values.iter().map(|v| v.trim().to_string()).collect(),
                    pattern,
                },
                FixAvailability::None,
            ))
        }
        "capitalization" => {
            let style = t.style.as_ref().ok_or_else(|| {
                needs("a `style`: `sentence`, `title`, `lower` or `upper`")
            })?;
            let style = match style.get_ref().trim() {
                "sentence" => CaseStyle::Sentence,
                "title" => CaseStyle::Title,
                "lower" => CaseStyle::Lower,
                "upper" => CaseStyle::Upper,
                other => {
                    return Err(Problem::at(style.span(), format!("`{other}` is no style"))
                        .with_help("write `sentence`, `title`, `lower` or `upper`"));
                }
            };
            Ok((
                CustomKind::Capitalization {
                    style,
                    exceptions: t.exceptions.clone(),
                },
                FixAvailability::Sometimes,
            ))
        }
        other => Err(
            Problem::at(t.kind.span(), format!("`{other}` is no kind of rule")).with_help(
                "write `existence`, `substitution`, `occurrence`, `required-field` or `capitalization`",
            ),
        ),
    }
}

/// `words` (whole words, any case) and `patterns` as one regex; `None` when there are none.
fn matcher(t: &CustomTable) -> Result<Option<Regex>, Problem> {
    let mut parts: Vec<String> = Vec::new();
    if !t.words.is_empty() {
        let words: Vec<String> = t
            .words
            .iter()
            .map(|w| regex::escape(w.get_ref().trim()))
            .collect();
        parts.push(format!(r"(?i:\b(?:{})\b)", words.join("|")));
    }
    for p in &t.patterns {
        // Each pattern on its own first, so that a mistake points at its own string.
        compile(p.get_ref(), p.span())?;
        parts.push(format!("(?:{})", p.get_ref()));
    }
    if parts.is_empty() {
        return Ok(None);
    }
    let span = t.patterns.first().map_or(t.kind.span(), Spanned::span);
    compile(&parts.join("|"), span).map(Some)
}

fn compile(pattern: &str, span: std::ops::Range<usize>) -> Result<Regex, Problem> {
    RegexBuilder::new(pattern)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|e| {
            let detail = e.to_string();
            let last = detail.lines().last().unwrap_or("").trim().to_string();
            Problem::at(span, format!("this pattern does not compile: {last}")).with_help(
                "patterns are the `regex` crate's syntax (no look-around or back-references)",
            )
        })
}

fn describe(t: &CustomTable) -> String {
    let list = |items: &[Spanned<String>]| {
        items
            .iter()
            .map(|i| format!("`{}`", i.get_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "A rule of this project's pmlint.toml.\n\nKind: {}. Scope: {}.\n",
        t.kind.get_ref(),
        t.scope
            .as_ref()
            .map_or("document", |s| s.get_ref().as_str())
    );
    if !t.words.is_empty() {
        text.push_str(&format!("Words: {}.\n", list(&t.words)));
    }
    if !t.patterns.is_empty() {
        text.push_str(&format!("Patterns: {}.\n", list(&t.patterns)));
    }
    if let Some(swap) = &t.swap {
        let pairs: Vec<String> = swap
            .get_ref()
            .iter()
            .map(|(k, v)| format!("`{k}` → `{v}`"))
            .collect();
        text.push_str(&format!("Swaps: {}.\n", pairs.join(", ")));
    }
    if let Some(min) = t.min {
        text.push_str(&format!("At least {min}.\n"));
    }
    if let Some(max) = t.max {
        text.push_str(&format!("At most {max}.\n"));
    }
    if let Some(field) = &t.field {
        text.push_str(&format!("Front-matter key: `{}`.\n", field.get_ref()));
    }
    if !t.values.is_empty() {
        text.push_str(&format!("Values: {}.\n", t.values.join(", ")));
    }
    if let Some(style) = &t.style {
        text.push_str(&format!("Style: {} case.\n", style.get_ref()));
    }
    if !t.exceptions.is_empty() {
        text.push_str(&format!("Exceptions: {}.\n", t.exceptions.join(", ")));
    }
    text.push_str(&format!("\nMessage: {}\n", t.message.get_ref()));
    if let Some(help) = &t.help {
        text.push_str(&format!("Help: {help}\n"));
    }
    text
}
