//! Presets: which sections a postmortem must have, as data in `rules/presets/*.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

/// What a section is for; rules find the timeline or the summary by role, whatever it is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Summary,
    Impact,
    Timeline,
    RootCause,
    Resolution,
    Corrective,
    Detection,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    pub title: String,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Normalised title and aliases, filled in at load time.
    #[serde(skip)]
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub name: String,
    pub description: String,
    #[serde(rename = "section")]
    pub sections: Vec<SectionSpec>,
    /// The preset's file, for `pmlint init`.
    #[serde(skip)]
    pub source: &'static str,
}

/// Each built-in preset's name (the tests check it against the file's `name`) and file.
const PRESET_FILES: [(&str, &str); 5] = [
    ("default", include_str!("../../rules/presets/default.toml")),
    ("alx", include_str!("../../rules/presets/alx.toml")),
    (
        "google-sre",
        include_str!("../../rules/presets/google-sre.toml"),
    ),
    (
        "pagerduty",
        include_str!("../../rules/presets/pagerduty.toml"),
    ),
    (
        "atlassian",
        include_str!("../../rules/presets/atlassian.toml"),
    ),
];

/// Each preset is parsed when first asked for: a run uses one, and parsing all five (TOML
/// and every title normalised) cost a one-file run 0.3 ms.
static PRESETS: [OnceLock<Preset>; PRESET_FILES.len()] =
    [const { OnceLock::new() }; PRESET_FILES.len()];

fn load(index: usize) -> &'static Preset {
    PRESETS[index].get_or_init(|| {
        let text = PRESET_FILES[index].1;
        // Embedded data, checked by the tests: a broken preset is a bug in pmlint itself.
        let mut preset: Preset = toml::from_str(text).expect("built-in preset is valid TOML");
        preset.source = text;
        for section in &mut preset.sections {
            section.keys = std::iter::once(&section.title)
                .chain(&section.aliases)
                .map(|t| crate::document::normalize_title(t))
                .collect();
        }
        preset
    })
}

pub fn all() -> impl Iterator<Item = &'static Preset> {
    (0..PRESET_FILES.len()).map(load)
}

pub fn by_name(name: &str) -> Option<&'static Preset> {
    PRESET_FILES.iter().position(|(n, _)| *n == name).map(load)
}

pub fn names() -> Vec<&'static str> {
    PRESET_FILES.iter().map(|(name, _)| *name).collect()
}

impl Preset {
    /// Index of the section whose title or alias normalises to `key`.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.sections
            .iter()
            .position(|s| s.keys.iter().any(|k| k == key))
    }

    pub fn role(&self, role: Role) -> Option<usize> {
        self.sections.iter().position(|s| s.role == Some(role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_loads_with_unique_keys_and_the_core_roles() {
        assert_eq!(all().count(), PRESET_FILES.len());
        for (preset, (name, _)) in all().zip(PRESET_FILES) {
            assert_eq!(preset.name, name);
            let mut seen = std::collections::HashSet::new();
            for s in &preset.sections {
                for k in &s.keys {
                    assert!(seen.insert(k.clone()), "{}: key {k} twice", preset.name);
                }
            }
            for role in [
                Role::Summary,
                Role::Timeline,
                Role::RootCause,
                Role::Corrective,
            ] {
                assert!(
                    preset.role(role).is_some(),
                    "{} lacks {role:?}",
                    preset.name
                );
            }
        }
    }

    #[test]
    fn alx_matches_its_task_headings() {
        let alx = by_name("alx").unwrap();
        let norm = crate::document::normalize_title;
        assert!(alx.find(&norm("Issue Summary")).is_some());
        assert!(
            alx.find(&norm("Corrective and preventative measures:"))
                .is_some()
        );
        assert!(alx.find(&norm("2. Timeline (all times GMT)")).is_some());
    }
}
