//! What every rule is, as data: its code, slug, default severity, whether it can fix, a one-line
//! summary and the options it reads. A leaf: the config resolves `select`, `ignore` and
//! `[rules.<slug>]` against this table, findings name their rule by it, and each rule's file in
//! `src/rules/` adds its documentation (its doc comment) and its check.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

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

/// What a rule is, as `pmlint rules` lists it.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub slug: &'static str,
    pub default_severity: Severity,
    pub fix: FixAvailability,
    pub summary: &'static str,
    pub options: &'static [RuleOption],
}

pub static INVALID_SUPPRESSION: RuleMeta = RuleMeta {
    code: "PM001",
    slug: "invalid-suppression",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "a suppression comment with an unknown directive or rule, which suppresses nothing",
    options: &[],
};

pub static REQUIRED_SECTIONS: RuleMeta = RuleMeta {
    code: "PM101",
    slug: "required-sections",
    default_severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    summary: "a section the preset requires is missing",
    options: &[],
};

pub static DUPLICATE_SECTION: RuleMeta = RuleMeta {
    code: "PM102",
    slug: "duplicate-section",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "the same section appears twice at one level",
    options: &[],
};

pub static EMPTY_SECTION: RuleMeta = RuleMeta {
    code: "PM103",
    slug: "empty-section",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "a required section is empty or holds only a placeholder",
    options: &[],
};

pub static TIMELINE_ORDER: RuleMeta = RuleMeta {
    code: "PM201",
    slug: "timeline-order",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "a timeline entry is earlier than the entry before it",
    options: &[],
};

pub static TIMELINE_TIMESTAMP: RuleMeta = RuleMeta {
    code: "PM202",
    slug: "timeline-timestamp",
    default_severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    summary: "a timeline without times, an entry without a time, or a malformed time",
    options: &[],
};

pub static TIMEZONE_MISSING: RuleMeta = RuleMeta {
    code: "PM301",
    slug: "timezone-missing",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "times in the summary or timeline have no time zone",
    options: &[],
};

pub static TIMEZONE_AMBIGUOUS: RuleMeta = RuleMeta {
    code: "PM302",
    slug: "timezone-ambiguous",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "an ambiguous zone, or zones that contradict each other",
    options: &[],
};

pub static DURATION_MISMATCH: RuleMeta = RuleMeta {
    code: "PM401",
    slug: "duration-mismatch",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "a stated duration differs from the stated start and end",
    options: &[RuleOption {
        name: "tolerance",
        default: "2m",
        description: "largest difference that is not reported",
    }],
};

pub static WINDOW_MISMATCH: RuleMeta = RuleMeta {
    code: "PM402",
    slug: "window-mismatch",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "the summary's start or end disagrees with the timeline",
    options: &[RuleOption {
        name: "tolerance",
        default: "5m",
        description: "largest difference that is not reported",
    }],
};

pub static KNOWN_TYPOS: RuleMeta = RuleMeta {
    code: "PM501",
    slug: "known-typos",
    default_severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    summary: "a known misspelling in prose",
    options: &[
        RuleOption {
            name: "extend-words",
            default: "{}",
            description: "extra misspellings and their corrections; a word mapped to itself is correct",
        },
        RuleOption {
            name: "allow",
            default: "[]",
            description: "words never reported by known-typos or misspelling",
        },
    ],
};

pub static MISSPELLING: RuleMeta = RuleMeta {
    code: "PM502",
    slug: "misspelling",
    default_severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    summary: "a word in no word list, one or two edits from one that is",
    options: &[],
};

pub static UNCLOSED_FENCE: RuleMeta = RuleMeta {
    code: "PM601",
    slug: "unclosed-fence",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "a code fence is never closed, so what follows renders as code",
    options: &[],
};

pub static MULTIPLE_POSTMORTEMS: RuleMeta = RuleMeta {
    code: "PM602",
    slug: "multiple-postmortems",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "one file holds two or more postmortems",
    options: &[],
};

pub static IMPACT_UNQUANTIFIED: RuleMeta = RuleMeta {
    code: "PM603",
    slug: "impact-unquantified",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "the summary and impact state no number for the impact",
    options: &[],
};

pub static ACTION_ITEM_UNASSIGNED: RuleMeta = RuleMeta {
    code: "PM604",
    slug: "action-item-unassigned",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "an action item has no owner, tracking reference or due date",
    options: &[
        RuleOption {
            name: "accept",
            default: "[\"owner\", \"reference\", \"due-date\"]",
            description: "what assigns an item: any one of these kinds is enough",
        },
        RuleOption {
            name: "owners",
            default: "[]",
            description: "names and teams that count as owners wherever an item mentions them",
        },
    ],
};

pub static BLAME_LANGUAGE: RuleMeta = RuleMeta {
    code: "PM605",
    slug: "blame-language",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "wording that blames a person rather than the system",
    options: &[],
};

pub static PLACEHOLDER_TEXT: RuleMeta = RuleMeta {
    code: "PM606",
    slug: "placeholder-text",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "template text left in place (TBD, [insert ...], Lorem ipsum)",
    options: &[],
};

pub static ROOT_CAUSE_SHALLOW: RuleMeta = RuleMeta {
    code: "PM607",
    slug: "root-cause-shallow",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "the root cause is one sentence that only restates the symptom",
    options: &[],
};

/// Every rule, in code order.
pub static RULES: &[&RuleMeta] = &[
    &INVALID_SUPPRESSION,
    &REQUIRED_SECTIONS,
    &DUPLICATE_SECTION,
    &EMPTY_SECTION,
    &TIMELINE_ORDER,
    &TIMELINE_TIMESTAMP,
    &TIMEZONE_MISSING,
    &TIMEZONE_AMBIGUOUS,
    &DURATION_MISMATCH,
    &WINDOW_MISMATCH,
    &KNOWN_TYPOS,
    &MISSPELLING,
    &UNCLOSED_FENCE,
    &MULTIPLE_POSTMORTEMS,
    &IMPACT_UNQUANTIFIED,
    &ACTION_ITEM_UNASSIGNED,
    &BLAME_LANGUAGE,
    &PLACEHOLDER_TEXT,
    &ROOT_CAUSE_SHALLOW,
];

/// A rule by code (`PM101`, any case) or slug (`required-sections`).
pub fn find(name: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .copied()
        .find(|m| m.code.eq_ignore_ascii_case(name) || m.slug == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_slugs_are_unique_and_in_code_order() {
        let codes: Vec<_> = RULES.iter().map(|m| m.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        let mut slugs: Vec<_> = RULES.iter().map(|m| m.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), RULES.len());
    }

    #[test]
    fn rules_are_found_by_code_or_slug() {
        assert_eq!(find("pm101").map(|m| m.slug), Some("required-sections"));
        assert_eq!(find("misspelling").map(|m| m.code), Some("PM502"));
    }
}
