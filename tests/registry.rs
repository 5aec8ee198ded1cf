//! Every rule is complete: documented with the fixed sections, a fixtures folder, and a
//! unique code and slug.

use std::collections::HashSet;
use std::path::Path;

#[test]
fn every_rule_has_docs_fixtures_and_a_unique_code_and_slug() {
    let mut codes = HashSet::new();
    let mut slugs = HashSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for m in pmlint::registry::RULES {
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        assert!(slugs.insert(m.slug), "duplicate slug {}", m.slug);
        assert!(m.code.len() == 5 && m.code.starts_with("PM"), "{}", m.code);
        for heading in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## How to fix",
            "## Options",
        ] {
            let docs = pmlint::rules::documentation(m);
            assert!(docs.contains(heading), "{} docs lack {heading}", m.code);
        }
        assert!(
            root.join("fixtures").join(m.slug).is_dir(),
            "{} has no fixtures",
            m.code
        );
        assert!(!m.summary.is_empty());
        let file = format!(
            "src/rules/{}_{}.rs",
            m.code.to_lowercase(),
            m.slug.replace('-', "_")
        );
        assert!(
            root.join(&file).is_file(),
            "{} should live in {file}",
            m.code
        );
    }
    let mut sorted: Vec<_> = pmlint::registry::RULES.iter().map(|m| m.code).collect();
    sorted.sort();
    let in_order: Vec<_> = pmlint::rules::implementations()
        .iter()
        .map(|r| r.meta().code)
        .collect();
    assert_eq!(
        sorted, in_order,
        "registry and implementations are kept in code order"
    );
}
