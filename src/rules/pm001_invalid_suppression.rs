use crate::document::Document;
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};
use crate::suppress::{DIRECTIVE_NAMES, DirectiveKind};

declare_rule! {
    /// ## What it checks
    /// A suppression comment that cannot do what it seems to: a directive pmlint does not
    /// know (`<!-- pmlint-disable-nextline PM501 -->`, `pmlint-ignore`), which suppresses
    /// nothing, or a rule it names that is no rule (`<!-- pmlint-disable PM999 -->`), which
    /// suppresses nothing for that name. The finding points at the comment and suggests the
    /// nearest directive.
    ///
    /// The directives are `pmlint-disable` / `pmlint-enable` (optionally with rule codes or
    /// slugs), `pmlint-disable-next-line`, `pmlint-disable-line` (markdownlint's spelling:
    /// the comment's own line) and `pmlint-disable-file`.
    ///
    /// ## Why it matters
    /// A misspelt suppression fails silently: the finding it was meant to hide comes back
    /// in CI, or worse, the author believes a rule is off where it is not.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- pmlint-disable-nextline known-typos -->
    /// We deploy with Kubernets.
    /// ```
    ///
    /// ## How to fix
    /// Spell the directive as listed above, and name rules by their code (`PM501`) or slug
    /// (`known-typos`); `pmlint rules` lists them.
    ///
    /// ## Options
    /// None.
    pub struct InvalidSuppression => INVALID_SUPPRESSION;
}

impl Rule for InvalidSuppression {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let len = doc.source.text.len();
        for d in &doc.directives {
            let span = d.span.start.min(len)..d.span.end.min(len);
            if d.kind == DirectiveKind::Unknown {
                let nearest = DIRECTIVE_NAMES
                    .iter()
                    .min_by_key(|n| strsim::levenshtein(n, &d.name))
                    .expect("there are directives");
                cx.report(
                    Finding::new(
                        Self::META,
                        span,
                        format!(
                            "`pmlint-{}` is no directive; this comment suppresses nothing",
                            d.name
                        ),
                    )
                    .help(format!("did you mean `pmlint-{nearest}`?")),
                );
                continue;
            }
            for code in d
                .codes
                .iter()
                .filter(|c| cx.settings.find_rule(c).is_none())
            {
                cx.report(
                    Finding::new(
                        Self::META,
                        span.clone(),
                        format!("`{code}` is no rule; this comment suppresses nothing for it"),
                    )
                    .help("name rules by code (`PM501`) or slug (`known-typos`); `pmlint rules` lists them"),
                );
            }
        }
    }
}
