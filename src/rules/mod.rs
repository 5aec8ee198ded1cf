//! The rule trait, every rule's implementation (one file each, named by code and slug), and
//! the run of the active rules over a document. What each rule is, as data, is
//! [`crate::registry`]'s.

mod custom;
mod placeholder;
mod pm001_invalid_suppression;
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
mod pm601_unclosed_fence;
mod pm602_multiple_postmortems;
mod pm603_impact_unquantified;
mod pm604_action_item_unassigned;
mod pm605_blame_language;
mod pm606_placeholder_text;
mod pm607_root_cause_shallow;

use crate::config::{RuleOptions, Settings};
use crate::document::Document;
use crate::finding::Finding;
use crate::registry::{RuleMeta, Severity};

/// A rule's identity and documentation, written by [`declare_rule!`].
pub trait Described {
    fn meta(&self) -> &'static RuleMeta;
    /// The rule's doc comment, with the fixed sections What it checks / Why it matters /
    /// Example / How to fix / Options.
    fn docs(&self) -> &'static str;
}

pub trait Rule: Described + Sync + Send + std::fmt::Debug {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>);
}

/// Declare a rule: its entry in [`crate::registry`] and its doc comment, which becomes the
/// documentation `pmlint explain` prints.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident => $meta:ident;
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug)]
        $vis struct $name;

        impl $name {
            pub const META: &'static $crate::registry::RuleMeta = &$crate::registry::$meta;
        }

        impl $crate::rules::Described for $name {
            fn meta(&self) -> &'static $crate::registry::RuleMeta {
                Self::META
            }

            fn docs(&self) -> &'static str {
                concat!($($doc, "\n"),*)
            }
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
    &pm001_invalid_suppression::InvalidSuppression,
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
    &pm601_unclosed_fence::UnclosedFence,
    &pm602_multiple_postmortems::MultiplePostmortems,
    &pm603_impact_unquantified::ImpactUnquantified,
    &pm604_action_item_unassigned::ActionItemUnassigned,
    &pm605_blame_language::BlameLanguage,
    &pm606_placeholder_text::PlaceholderText,
    &pm607_root_cause_shallow::RootCauseShallow,
];

/// Every rule's implementation, in code order (the order of [`crate::registry::RULES`]).
pub fn implementations() -> &'static [&'static dyn Rule] {
    REGISTRY
}

/// The implementation of the rule `meta` describes.
pub fn implementation(meta: &RuleMeta) -> &'static dyn Rule {
    REGISTRY
        .iter()
        .copied()
        .find(|r| std::ptr::eq(r.meta(), meta))
        .expect("every rule in the registry has an implementation")
}

/// A rule's documentation as Markdown: doc comments arrive with the space after `///`.
pub fn documentation(meta: &RuleMeta) -> String {
    implementation(meta)
        .docs()
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `pmlint explain` prints for a rule (and an editor's hover shows): its code, slug,
/// summary, severity and documentation; a config's rule, its own description.
pub fn explain(meta: &'static RuleMeta, settings: &Settings) -> String {
    if let Some(rule) = settings.custom_rule(meta.code) {
        return format!(
            "# {} {}\n\n{}",
            meta.code,
            meta.slug,
            rule.description.trim_end()
        );
    }
    let text = format!(
        "# {} {}\n\n{}\n\nDefault severity: {}. Fixable: {}.\n\n{}",
        meta.code,
        meta.slug,
        meta.summary,
        meta.default_severity.as_str(),
        meta.fix.as_str(),
        documentation(meta)
    );
    text.trim_end().to_string()
}

/// Where a rule's documentation is published: its section of `docs/rules.md` on the main
/// branch (SARIF's `helpUri`, the editor's code description).
pub fn help_uri(meta: &RuleMeta) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{}-{}",
        env!("CARGO_PKG_REPOSITORY"),
        meta.code.to_ascii_lowercase(),
        meta.slug
    )
}

/// `docs/rules.md`: every built-in rule's `explain` text, a section each, its headings one
/// level down. `tests/rules_reference.rs` keeps the committed file equal to it.
pub fn reference() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rules' doc comments by `UPDATE_DOCS=1 cargo test --test \
         rules_reference`; do not edit by hand. -->\n\n",
    );
    for meta in crate::registry::RULES {
        out.push_str(&format!(
            "- [{} {}](#{}-{}): {}\n",
            meta.code,
            meta.slug,
            meta.code.to_ascii_lowercase(),
            meta.slug,
            meta.summary
        ));
    }
    for meta in crate::registry::RULES {
        out.push_str(&format!(
            "\n## {} {}\n\n{}\n\nDefault severity: {}. Fixable: {}.\n\n",
            meta.code,
            meta.slug,
            meta.summary,
            meta.default_severity.as_str(),
            meta.fix.as_str()
        ));
        // A heading moves down a level; a `#` line in an example's fence is the example's.
        let mut in_fence = false;
        for line in documentation(meta).lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                in_fence = !in_fence;
            }
            if !in_fence && line.starts_with('#') {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Run every active rule over `doc`; suppressed findings are dropped, the rest sorted.
pub fn check(doc: &Document, settings: &Settings) -> Vec<Finding> {
    let mut all = Vec::new();
    for (meta, severity) in &settings.rules {
        let mut cx = Ctx {
            settings,
            options: settings.options(meta.code),
            severity: *severity,
            findings: Vec::new(),
        };
        match settings.custom_rule(meta.code) {
            Some(rule) => custom::check(doc, rule, &mut cx),
            None => implementation(meta).check(doc, &mut cx),
        }
        all.append(&mut cx.findings);
    }
    let usage = doc
        .suppressions
        .retain(&mut all, |offset| doc.source.line_of(offset));
    if settings.report_unused_suppressions {
        all.extend(pm001_invalid_suppression::unused_suppressions(
            doc, &usage, settings,
        ));
    }
    all.sort_by(|a, b| {
        (a.span.start, a.rule.code, a.span.end).cmp(&(b.span.start, b.rule.code, b.span.end))
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RULES;

    #[test]
    fn every_registered_rule_has_one_implementation_in_the_same_order() {
        let implemented: Vec<_> = REGISTRY.iter().map(|r| r.meta().code).collect();
        let registered: Vec<_> = RULES.iter().map(|m| m.code).collect();
        assert_eq!(implemented, registered);
    }
}
