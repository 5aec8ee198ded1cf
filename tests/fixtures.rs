//! Every rule has `fixtures/<slug>/pass*.md` (no finding of that rule) and `fail*.md` (at
//! least one), and the rendered findings of each fixture are an insta snapshot beside it.
//! A fixture may have its own config: `<stem>.toml` next to it.

use std::path::{Path, PathBuf};

use pmlint::config;
use pmlint::report::{self, FileReport, Format, RenderOptions};

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

fn lint_fixture(path: &Path) -> FileReport {
    let config_path = path.with_extension("toml");
    let config_text = std::fs::read_to_string(&config_path).unwrap_or_default();
    let settings = config::from_toml(&config_text, path.parent().unwrap())
        .unwrap_or_else(|e| panic!("{}: {e:?}", config_path.display()));
    let text = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    pmlint::app::lint_text(&name, text, &settings)
}

fn render(file: &FileReport, format: Format) -> String {
    let opts = RenderOptions {
        color: false,
        quiet: true,
        width: 100,
    };
    let mut out = Vec::new();
    report::render(format, std::slice::from_ref(file), &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_rule_passes_its_pass_fixtures_and_fails_its_fail_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for meta in pmlint::registry::RULES {
        let dir = root.join(meta.slug);
        let files = fixture_files(&dir);
        assert!(
            files
                .iter()
                .any(|f| f.file_name().unwrap().to_string_lossy().starts_with("pass")),
            "{}: no pass fixture in {}",
            meta.code,
            dir.display()
        );
        assert!(
            files
                .iter()
                .any(|f| f.file_name().unwrap().to_string_lossy().starts_with("fail")),
            "{}: no fail fixture in {}",
            meta.code,
            dir.display()
        );
        for path in files {
            let mut file = lint_fixture(&path);
            file.findings.retain(|f| f.rule.code == meta.code);
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            if stem.starts_with("pass") {
                assert!(
                    file.findings.is_empty(),
                    "{} reported {} in a pass fixture:\n{}",
                    path.display(),
                    meta.code,
                    render(&file, Format::Concise)
                );
            } else {
                assert!(
                    !file.findings.is_empty(),
                    "{} reported nothing in fail fixture {}",
                    meta.code,
                    path.display()
                );
                let snapshot = format!(
                    "{}\n{}",
                    render(&file, Format::Concise),
                    render(&file, Format::Full)
                );
                insta::with_settings!({
                    snapshot_path => dir.join("snapshots"),
                    prepend_module_to_snapshot => false,
                    omit_expression => true,
                }, {
                    insta::assert_snapshot!(stem, snapshot);
                });
            }
            checked += 1;
        }
    }
    assert!(checked >= pmlint::registry::RULES.len() * 2);
}
