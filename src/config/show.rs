//! `--show-settings`: what a file is linted with, written out for a person to read.

use std::fmt::Write;
use std::path::Path;

use super::{FailOn, Globs, Settings};
use crate::time::ZoneKind;

impl Settings {
    /// The config files, template, rules and options these settings hold, one per line.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let _ = self.write_description(&mut out);
        out
    }

    fn write_description(&self, out: &mut String) -> std::fmt::Result {
        // Named as the user would: relative to the current folder when below it.
        let cwd = std::env::current_dir().unwrap_or_default();
        let name = |p: &Path| p.strip_prefix(&cwd).unwrap_or(p).display().to_string();
        match self.files.split_first() {
            None => writeln!(out, "config: none (built-in defaults)")?,
            Some((nearest, extended)) => {
                writeln!(out, "config: {}", name(nearest))?;
                for file in extended {
                    writeln!(out, "  extends {}", name(file))?;
                }
            }
        }
        writeln!(out, "template: {}", self.preset.name)?;
        for section in &self.preset.sections {
            let role = section
                .role
                .map_or(String::new(), |r| format!(", {}", r.name()));
            let need = if section.required {
                "required"
            } else {
                "optional"
            };
            write!(out, "  {} ({need}{role})", section.title)?;
            if !section.aliases.is_empty() {
                write!(out, ": also {}", section.aliases.join(", "))?;
            }
            writeln!(out)?;
        }
        writeln!(out, "rules:")?;
        for (rule, severity) in &self.rules {
            write!(out, "  {} {} {}", rule.code, rule.slug, severity.as_str())?;
            if let Some(opts) = self.options.get(rule.code) {
                if let Some(t) = opts.tolerance {
                    write!(out, ", tolerance {}s", t.as_secs())?;
                }
                if let Some(accept) = &opts.accept {
                    write!(out, ", accept {}", accept.join(" "))?;
                }
                if !opts.owners.is_empty() {
                    write!(out, ", owners {}", opts.owners.join(" "))?;
                }
            }
            writeln!(out)?;
        }
        let fail_on = match self.fail_on {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Never => "never",
        };
        writeln!(out, "fail-on: {fail_on}")?;
        write_globs(out, "include", self.include.as_ref())?;
        write_globs(out, "exclude", self.exclude.as_ref())?;
        if let Some(zone) = &self.default_timezone {
            let zone = match zone {
                ZoneKind::Fixed(offset) => offset.to_string(),
                ZoneKind::Iana(name) => name.clone(),
                ZoneKind::Ambiguous { candidates } => candidates.join(" or "),
            };
            writeln!(out, "default-timezone: {zone}")?;
        }
        Ok(())
    }
}

fn write_globs(out: &mut String, key: &str, globs: Option<&Globs>) -> std::fmt::Result {
    match globs {
        None => Ok(()),
        Some(g) => writeln!(
            out,
            "{key}: {} (relative to {})",
            g.patterns.join(", "),
            g.root.display()
        ),
    }
}
