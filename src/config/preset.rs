//! Presets: which sections a postmortem must have, as data in `rules/presets/*.toml`.

use std::sync::OnceLock;

/// What a section is for; rules find the timeline or the summary by role, whatever it is called.
/// A preset file writes it in kebab case (`root-cause`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Summary,
    Impact,
    Timeline,
    RootCause,
    Resolution,
    Corrective,
    Detection,
}

impl Role {
    /// Every role, as a preset or `[[sections]]` writes it.
    pub const NAMES: &[&str] = &[
        "summary",
        "impact",
        "timeline",
        "root-cause",
        "resolution",
        "corrective",
        "detection",
    ];
    const ALL: [Role; 7] = [
        Role::Summary,
        Role::Impact,
        Role::Timeline,
        Role::RootCause,
        Role::Resolution,
        Role::Corrective,
        Role::Detection,
    ];

    /// `root-cause` is [`Role::RootCause`].
    pub fn from_name(name: &str) -> Option<Role> {
        Self::NAMES
            .iter()
            .position(|n| *n == name.trim())
            .map(|i| Self::ALL[i])
    }

    pub fn name(self) -> &'static str {
        let i = Self::ALL
            .iter()
            .position(|r| *r == self)
            .expect("every role is listed");
        Self::NAMES[i]
    }
}

#[derive(Debug, Clone)]
pub struct SectionSpec {
    pub title: String,
    pub role: Option<Role>,
    pub required: bool,
    pub aliases: Vec<String>,
    /// Normalised title and aliases.
    pub keys: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Preset {
    pub name: String,
    pub description: String,
    pub sections: Vec<SectionSpec>,
    /// The preset's file, for `pmlint init`.
    pub source: &'static str,
}

/// A built-in preset as src/build.rs writes it from `rules/presets/<name>.toml`.
struct PresetData {
    name: &'static str,
    description: &'static str,
    source: &'static str,
    sections: &'static [SectionData],
}

/// A `[[section]]` of a preset file.
struct SectionData {
    title: &'static str,
    role: Option<Role>,
    required: bool,
    aliases: &'static [&'static str],
}

// PRESET_DATA: every built-in preset, in the order they are listed.
include!(concat!(env!("OUT_DIR"), "/presets.rs"));

/// Each preset is built when first asked for: a run uses one, and normalising every title of
/// all five cost a one-file run 0.3 ms.
static PRESETS: [OnceLock<Preset>; PRESET_DATA.len()] =
    [const { OnceLock::new() }; PRESET_DATA.len()];

fn load(index: usize) -> &'static Preset {
    PRESETS[index].get_or_init(|| {
        let data = &PRESET_DATA[index];
        Preset {
            name: data.name.to_string(),
            description: data.description.to_string(),
            sections: data
                .sections
                .iter()
                .map(|s| SectionSpec {
                    title: s.title.to_string(),
                    role: s.role,
                    required: s.required,
                    aliases: s.aliases.iter().map(|a| a.to_string()).collect(),
                    keys: std::iter::once(s.title)
                        .chain(s.aliases.iter().copied())
                        .map(crate::title::normalize_title)
                        .collect(),
                })
                .collect(),
            source: data.source,
        }
    })
}

pub fn all() -> impl Iterator<Item = &'static Preset> {
    (0..PRESET_DATA.len()).map(load)
}

pub fn by_name(name: &str) -> Option<&'static Preset> {
    PRESET_DATA.iter().position(|p| p.name == name).map(load)
}

pub fn names() -> Vec<&'static str> {
    PRESET_DATA.iter().map(|p| p.name).collect()
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
        assert_eq!(all().count(), PRESET_DATA.len());
        for (preset, data) in all().zip(&PRESET_DATA) {
            assert_eq!(preset.name, data.name);
            assert!(preset.source.contains(&format!("name = \"{}\"", data.name)));
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
        let norm = crate::title::normalize_title;
        assert!(alx.find(&norm("Issue Summary")).is_some());
        assert!(
            alx.find(&norm("Corrective and preventative measures:"))
                .is_some()
        );
        assert!(alx.find(&norm("2. Timeline (all times GMT)")).is_some());
    }
}
