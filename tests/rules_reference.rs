//! `docs/rules.md` is generated from the rules' doc comments: this keeps the committed file
//! equal to what the code says (`UPDATE_DOCS=1 cargo test --test rules_reference` rewrites
//! it), so that SARIF's `helpUri` links never point at stale or missing text.

use std::path::Path;

#[test]
fn docs_rules_md_is_the_generated_reference() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = pmlint::rules::reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/rules.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test --test rules_reference`"
    );
}

/// Every rule's `helpUri` names a heading of the reference, as GitHub spells its anchors.
#[test]
fn every_help_uri_anchor_is_a_heading_of_the_reference() {
    let reference = pmlint::rules::reference();
    for meta in pmlint::registry::RULES {
        let uri = pmlint::rules::help_uri(meta);
        let anchor = uri.rsplit_once('#').expect("an anchor").1;
        let heading = format!("\n## {} {}\n", meta.code, meta.slug);
        assert!(reference.contains(&heading), "{heading:?}");
        let github_anchor = heading
            .trim()
            .trim_start_matches("## ")
            .to_lowercase()
            .replace(' ', "-");
        assert_eq!(anchor, github_anchor);
    }
}
