//! The rule trait, rule metadata, and the registry of every rule pmlint has.

mod pm101_required_sections;
mod pm102_duplicate_section;
mod pm103_empty_section;
mod pm201_timeline_order;
mod pm202_timeline_timestamp;
mod pm301_timezone_missing;
mod pm302_timezone_ambiguous;
mod pm401_duration_mismatch;
mod pm402_window_mismatch;
mod pm501_known_typos;
mod pm502_misspelling;

use crate::config::{RuleOptions, Settings};
use crate::document::Document;
use crate::finding::{Finding, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "no",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "yes",
        }
    }
}

/// An option a rule reads from `[rules.<slug>]`.
#[derive(Debug, Clone, Copy)]
pub struct RuleOption {
    pub name: &'static str,
    pub default: &'static str,
    pub description: &'static str,
}

/// What a rule is, as `pmlint rules` and `pmlint explain` show it.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub slug: &'static str,
    pub default_severity: Severity,
    pub fix: FixAvailability,
    pub summary: &'static str,
    /// The rule's documentation: its doc comment, with the fixed sections
    /// What it checks / Why it matters / Example / How to fix / Options.
    pub docs: &'static str,
    pub options: &'static [RuleOption],
}

impl RuleMeta {
    /// The documentation as Markdown: doc comments arrive with the space after `///`.
    pub fn documentation(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub trait Rule: Sync + Send + std::fmt::Debug {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>);
}

/// Declare a rule: its doc comment becomes the documentation `pmlint explain` prints.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            slug: $slug:literal,
            severity: $severity:ident,
            fix: $fix:ident,
            summary: $summary:literal,
            options: [$($option:expr),* $(,)?] $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                slug: $slug,
                default_severity: $crate::finding::Severity::$severity,
                fix: $crate::rules::FixAvailability::$fix,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                options: &[$($option),*],
            };
        }
    };
}
pub(crate) use declare_rule;

/// What a rule sees while it checks one document.
pub struct Ctx<'a> {
    pub settings: &'a Settings,
    pub options: RuleOptions,
    severity: Severity,
    findings: Vec<Finding>,
}

impl Ctx<'_> {
    pub fn report(&mut self, mut finding: Finding) {
        finding.severity = self.severity;
        self.findings.push(finding);
    }
}

static REGISTRY: &[&dyn Rule] = &[
    &pm101_required_sections::RequiredSections,
    &pm102_duplicate_section::DuplicateSection,
    &pm103_empty_section::EmptySection,
    &pm201_timeline_order::TimelineOrder,
    &pm202_timeline_timestamp::TimelineTimestamp,
    &pm301_timezone_missing::TimezoneMissing,
    &pm302_timezone_ambiguous::TimezoneAmbiguous,
    &pm401_duration_mismatch::DurationMismatch,
    &pm402_window_mismatch::WindowMismatch,
    &pm501_known_typos::KnownTypos,
    &pm502_misspelling::Misspelling,
];

/// Every rule, in code order.
pub fn registry() -> &'static [&'static dyn Rule] {
    REGISTRY
}

/// A rule by code (`PM101`, any case) or slug (`required-sections`).
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    REGISTRY.iter().copied().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(name) || m.slug == name
    })
}

/// Rules named by a selector: a code, a slug, a code prefix (`PM2`), or `ALL`.
pub fn select(selector: &str) -> Vec<&'static dyn Rule> {
    if selector.eq_ignore_ascii_case("all") {
        return REGISTRY.to_vec();
    }
    if let Some(rule) = find(selector) {
        return vec![rule];
    }
    let upper = selector.to_ascii_uppercase();
    if upper.len() >= 3 && upper.starts_with("PM") {
        return REGISTRY
            .iter()
            .copied()
            .filter(|r| r.meta().code.starts_with(&upper))
            .collect();
    }
    Vec::new()
}

/// Run every active rule over `doc`; suppressed findings are dropped, the rest sorted.
pub fn check(doc: &Document, settings: &Settings) -> Vec<Finding> {
    let mut all = Vec::new();
    for (rule, severity) in &settings.rules {
        let mut cx = Ctx {
            settings,
            options: settings.options(rule.meta().code),
            severity: *severity,
            findings: Vec::new(),
        };
        rule.check(doc, &mut cx);
        all.append(&mut cx.findings);
    }
    doc.suppressions
        .retain(&mut all, |offset| doc.source.line_of(offset));
    all.sort_by(|a, b| {
        (a.span.start, a.rule.code, a.span.end).cmp(&(b.span.start, b.rule.code, b.span.end))
    });
    all
}
