//! A team's own template: `[[sections]]` in `pmlint.toml`, on their own or added to a preset
//! with `extend-preset`.
//!
//! ```toml
//! extend-preset = "google-sre"
//!
//! [[sections]]
//! title = "Customer Communication"
//! aliases = ["Comms", "Status Page Updates"]
//! required = true
//! ```
//!
//! A section whose title or an alias names a section of the extended preset replaces it
//! (its aliases and requirement are then the config's); any other is added after the
//! preset's. Without `extend-preset` the config's sections are the whole template.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::Problem;
use super::preset::{Preset, Role, SectionSpec};
use crate::title::normalize_title;

/// One `[[sections]]` table, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionTable {
    pub title: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub required: bool,
    pub role: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

/// The template `sections` describe, on top of `base` when they extend a preset. Leaked: a
/// run resolves its settings once, and rules hold the preset as `&'static`, like the
/// built-in ones.
pub fn template(
    base: Option<&'static Preset>,
    sections: &[Spanned<SectionTable>],
) -> Result<&'static Preset, Problem> {
    let mut specs: Vec<SectionSpec> = base.map(|p| p.sections.clone()).unwrap_or_default();
    let extended = specs.len();
    // Which config section claimed each key, so that two of them naming one is an error.
    let mut claimed: HashMap<String, String> = HashMap::new();
    for table in sections {
        let spec = spec_of(table.get_ref())?;
        for (key, span) in spec.keys.iter().zip(names(table.get_ref())) {
            if let Some(first) = claimed.insert(key.clone(), spec.title.clone()) {
                return Err(Problem::at(
                    span,
                    format!("`{key}` names two sections of `[[sections]]`"),
                )
                .with_help(format!(
                    "the section `{first}` already uses it; keep it in one of them"
                )));
            }
        }
        // The preset section whose title this one names is replaced in place; a preset
        // section that merely has one of its names as an alias gives that alias up.
        let replaces = specs[..extended]
            .iter()
            .position(|s| spec.keys.contains(&s.keys[0]));
        for (i, other) in specs[..extended].iter_mut().enumerate() {
            if Some(i) != replaces {
                give_up(other, &spec.keys);
            }
        }
        match replaces {
            Some(i) => {
                let role = spec.role.or(specs[i].role);
                specs[i] = SectionSpec { role, ..spec };
            }
            None => specs.push(spec),
        }
    }
    check_roles(&specs, sections)?;
    let name = match base {
        Some(p) => format!("{} + pmlint.toml", p.name),
        None => "pmlint.toml".to_string(),
    };
    let preset = Preset {
        description: format!("the sections of {name}"),
        name,
        sections: specs,
        source: "",
    };
    Ok(Box::leak(Box::new(preset)))
}

/// Drop the aliases of `spec` that normalise to one of `keys` (its title stays).
fn give_up(spec: &mut SectionSpec, keys: &[String]) {
    spec.aliases.retain(|a| !keys.contains(&normalize_title(a)));
    let title = spec.keys[0].clone();
    spec.keys.retain(|k| *k == title || !keys.contains(k));
}

fn spec_of(table: &SectionTable) -> Result<SectionSpec, Problem> {
    let title = table.title.get_ref().trim();
    if normalize_title(title).is_empty() {
        return Err(Problem::at(table.title.span(), "a section needs a title")
            .with_help("write the heading as the template has it, e.g. `title = \"Root Cause\"`"));
    }
    let role = match &table.role {
        Some(role) => Some(Role::from_name(role.get_ref()).ok_or_else(|| {
            Problem::at(
                role.span(),
                format!("`{}` is no section role", role.get_ref()),
            )
            .with_help(format!("roles: {}", Role::NAMES.join(", ")))
        })?),
        None => None,
    };
    let aliases: Vec<String> = table
        .aliases
        .iter()
        .map(|a| a.get_ref().trim().to_string())
        .collect();
    if let Some(empty) = table
        .aliases
        .iter()
        .find(|a| normalize_title(a.get_ref()).is_empty())
    {
        return Err(Problem::at(empty.span(), "an alias needs some words"));
    }
    let keys = std::iter::once(title)
        .chain(aliases.iter().map(String::as_str))
        .map(normalize_title)
        .collect();
    Ok(SectionSpec {
        title: title.to_string(),
        role,
        required: table.required,
        aliases,
        keys,
    })
}

/// The spans of a table's title and aliases, in the order of its keys.
fn names(table: &SectionTable) -> impl Iterator<Item = Range<usize>> + '_ {
    std::iter::once(table.title.span()).chain(table.aliases.iter().map(Spanned::span))
}

/// Each role is one section's: the rules find the timeline by its role.
fn check_roles(specs: &[SectionSpec], sections: &[Spanned<SectionTable>]) -> Result<(), Problem> {
    for (i, spec) in specs.iter().enumerate() {
        let Some(role) = spec.role else { continue };
        let Some(other) = specs[..i].iter().find(|s| s.role == Some(role)) else {
            continue;
        };
        let span = sections
            .iter()
            .find(|t| t.get_ref().title.get_ref().trim() == spec.title)
            .and_then(|t| t.get_ref().role.as_ref().map(Spanned::span))
            .or_else(|| sections.first().map(|t| t.get_ref().title.span()))
            .unwrap_or(0..0);
        return Err(Problem::at(
            span,
            format!(
                "two sections have the role `{}`: `{}` and `{}`",
                role.name(),
                other.title,
                spec.title
            ),
        )
        .with_help(
            "give the role to one section; rules find the timeline, summary and the rest by it",
        ));
    }
    Ok(())
}

/// A `pmlint.toml` whose `[[sections]]` are a team's template's headings (level, text), in
/// order, for `pmlint init --from`. Each heading below the document's title becomes a
/// required section; one that the default preset knows gets that section's role.
pub fn init_from_headings(headings: &[(u8, String)]) -> Result<String, String> {
    let top = headings.iter().map(|(level, _)| *level).min().unwrap_or(1);
    let count_top = headings.iter().filter(|(level, _)| *level == top).count();
    // "# Postmortem: <title>" over "## Summary", "## Timeline": the title is no section.
    let sections: Vec<&(u8, String)> = headings
        .iter()
        .filter(|(level, title)| {
            (count_top > 1 || *level > top) && !normalize_title(title).is_empty()
        })
        .collect();
    if sections.is_empty() {
        return Err(
            "the template has no section headings (`## Summary`, `## Timeline`, ...)".into(),
        );
    }
    let known = super::preset::by_name("default").expect("default preset exists");
    let mut roles_used = Vec::new();
    let mut out = String::from(
        "# pmlint configuration, with the sections of the team's template (pmlint init --from).\n\
         # Each section: title as the template writes it, aliases accepted instead, required\n\
         # (default true), and a role that tells the rules which section is the summary,\n\
         # timeline, root cause, resolution or action items.\n\
         # `pmlint explain RULE` documents each rule.\n\n\
         fail-on = \"error\"\n",
    );
    for (_, title) in sections {
        out.push_str(&format!("\n[[sections]]\ntitle = {}\n", toml_string(title)));
        let role = known
            .find(&normalize_title(title))
            .and_then(|i| known.sections[i].role)
            .filter(|r| !roles_used.contains(r));
        if let Some(role) = role {
            roles_used.push(role);
            out.push_str(&format!("role = \"{}\"\n", role.name()));
        }
        out.push_str("required = true\n");
    }
    Ok(out)
}

/// `"Root Cause \"RCA\""`: a TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use crate::config::{Role, from_toml};
    use crate::title::normalize_title;

    fn template(text: &str) -> &'static crate::config::Preset {
        from_toml(text, std::path::Path::new("/"))
            .expect("valid config")
            .preset
    }

    #[test]
    fn a_section_naming_a_preset_title_replaces_it_and_keeps_its_role() {
        let p = template(
            "extend-preset = \"default\"\n[[sections]]\ntitle = \"Follow-ups\"\naliases = [\"Action Items\"]\nrequired = false\n",
        );
        let i = p.find(&normalize_title("Follow-ups")).unwrap();
        assert_eq!(p.sections[i].role, Some(Role::Corrective));
        assert!(!p.sections[i].required);
        assert_eq!(p.find(&normalize_title("Action Items")), Some(i));
        let default = crate::config::preset::by_name("default").unwrap();
        assert_eq!(p.sections.len(), default.sections.len());
    }

    #[test]
    fn a_section_taking_a_preset_alias_is_added_and_the_alias_moves_to_it() {
        let p = template(
            "extend-preset = \"default\"\n[[sections]]\ntitle = \"Lessons Learned\"\nrequired = false\n",
        );
        let i = p.find(&normalize_title("Lessons Learned")).unwrap();
        assert_eq!(p.sections[i].title, "Lessons Learned");
        assert_eq!(p.sections[i].role, None);
        let keys: usize = p.sections.iter().map(|s| s.keys.len()).sum();
        let unique: std::collections::HashSet<_> =
            p.sections.iter().flat_map(|s| &s.keys).collect();
        assert_eq!(keys, unique.len(), "a key names two sections");
    }

    #[test]
    fn sections_alone_are_the_whole_template() {
        let p = template("[[sections]]\ntitle = \"What happened\"\nrole = \"summary\"\n");
        assert_eq!(p.sections.len(), 1);
        assert_eq!(p.role(Role::Summary), Some(0));
        assert!(p.sections[0].required);
    }
}
