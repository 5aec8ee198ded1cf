//! The crate's modules form layers, and a module imports only from layers below its own: the
//! rule registry and text helpers at the bottom, then time and spelling, findings,
//! suppressions, the config, the document model, the rules, and the reports and the CLI on
//! top. So there is no import circle (config ⇄ rules ⇄ document ⇄ finding was one), and a
//! newcomer knows which module may change for what: a new time format is `time`'s alone.
//!
//! Read from the source: every `crate::…` path, in `use` lists too, tests included. `super::`
//! is not read: below a top-level module it stays inside it, and in a top-level file it is
//! written only by the file's own `mod tests`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bottom first. A module may import from any layer below its own, never from its own or one
/// above it.
const LAYERS: &[&[&str]] = &[
    &["bytes", "source", "input", "registry"],
    &["pattern", "tail"],
    &["title", "time", "spell"],
    &["finding"],
    &["suppress"],
    &["config"],
    &["discover", "document"],
    &["rules"],
    &["fix", "report", "stats"],
    &["server"],
    &["cli"],
    &["app"],
];

/// Files that are not modules of the library: the crate roots and the build script.
const NOT_MODULES: &[&str] = &["lib", "main", "build"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file below `src` ("rules/pm101_x.rs" is `rules::pm101_x`).
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The first path segment of each item a `crate::` path names: `crate::time::Zones` gives
/// `time`, `crate::{config::{Role, Settings}, time}` gives `config` and `time`.
fn crate_imports(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            out.push(leading_ident(rest));
            continue;
        };
        // The items of the group: split at its own commas, not those of nested groups.
        let mut depth = 0;
        let mut item = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    out.push(leading_ident(&group[item..i]));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(leading_ident(&group[item..i]));
                    item = i + 1;
                }
                _ => {}
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn leading_ident(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level modules `super::x` paths reach outside the file's own top-level module.
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|l| {
            let trimmed = l.trim_start();
            if trimmed.starts_with("//") { "" } else { l }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_module_imports_from_its_own_layer_or_above() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("below src");
        let module = module_path(rel);
        let top = module[0].clone();
        if NOT_MODULES.contains(&top.as_str()) {
            continue;
        }
        let Some(layer) = layer_of(&top) else {
            unplaced.push(top);
            continue;
        };
        let code = without_comments(&std::fs::read_to_string(&file).expect("readable"));
        for imported in crate_imports(&code) {
            if imported == top || imported == "self" {
                continue;
            }
            let ok = layer_of(&imported).is_some_and(|l| l < layer);
            if !ok {
                wrong
                    .entry(rel.display().to_string())
                    .or_default()
                    .push(imported);
            }
        }
    }
    unplaced.sort();
    unplaced.dedup();
    assert!(
        unplaced.is_empty(),
        "modules with no layer in LAYERS: {unplaced:?}"
    );
    assert!(
        wrong.is_empty(),
        "imports from the same layer or above (see LAYERS): {wrong:#?}"
    );
}

#[test]
fn the_reader_sees_use_lists_and_paths() {
    let code =
        "use crate::{config::{Role, Settings}, time};\nlet z = crate::spell::Speller::new();";
    assert_eq!(crate_imports(code), ["config", "time", "spell"]);
}
