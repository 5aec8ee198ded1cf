use crate::config::Settings;
use crate::document::Document;
use crate::finding::{Applicability, Finding};
use crate::registry::Severity;
use crate::rules::{Ctx, Rule, declare_rule};
use crate::suppress::{DIRECTIVE_NAMES, DirectiveKind, Usage};

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
    /// With `--report-unused-suppressions` (ruff's RUF100), it also reports a suppression that
    /// suppressed nothing in this run: the whole comment (a safe fix removes it), or each
    /// enabled rule it names that had no finding there. Rules that are off in this run are not
    /// counted, since they could not have been suppressed.
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

/// `--report-unused-suppressions`: each suppression that suppressed nothing in this run (the
/// whole comment), or each enabled rule it names that it suppressed nothing of.
pub(crate) fn unused_suppressions(
    doc: &Document,
    usage: &Usage,
    settings: &Settings,
) -> Vec<Finding> {
    let severity = settings
        .severity_of(InvalidSuppression::META.code)
        .unwrap_or(Severity::Warning);
    let mut out = Vec::new();
    for (i, d) in doc.directives.iter().enumerate() {
        if matches!(d.kind, DirectiveKind::Enable | DirectiveKind::Unknown) {
            continue;
        }
        let span = d.span.start.min(doc.source.text.len())..d.span.end.min(doc.source.text.len());
        let named: Vec<&String> = d
            .codes
            .iter()
            .filter(|c| settings.severity_of(c).is_some())
            .collect();
        let unused: Vec<&String> = named
            .iter()
            .copied()
            .filter(|c| !usage.suppressed(i, Some(c)))
            .collect();
        let finding = if d.codes.is_empty() && !usage.suppressed(i, None) {
            whole_comment(doc, span, "this suppression suppressed nothing")
        } else if !named.is_empty() && unused.len() == named.len() {
            let names = unused.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>();
            let message = format!(
                "this suppression of {} suppressed nothing",
                names.join(", ")
            );
            whole_comment(doc, span, &message)
        } else if !unused.is_empty() {
            let names = unused.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>();
            Finding::new(
                InvalidSuppression::META,
                span,
                format!(
                    "{} in this suppression suppressed nothing",
                    names.join(", ")
                ),
            )
            .help("remove the rules it names that have no finding here")
        } else {
            continue;
        };
        let mut finding = finding;
        finding.severity = severity;
        out.push(finding);
    }
    out
}

/// The finding for a comment that suppressed nothing, with a safe fix that removes it (its
/// whole line when the comment is all the line holds).
fn whole_comment(doc: &Document, span: std::ops::Range<usize>, message: &str) -> Finding {
    let text = &doc.source.text;
    let first = doc.source.line_range(doc.source.line_of(span.start));
    let last = doc
        .source
        .line_range(doc.source.line_of(span.end.saturating_sub(1)));
    let alone = text[first.start..span.start].trim().is_empty()
        && text[span.end..last.end].trim().is_empty();
    let removed = if alone {
        // The line with its line break.
        let end = text[last.end..]
            .find('\n')
            .map_or(text.len(), |n| last.end + n + 1);
        first.start..end
    } else {
        span.clone()
    };
    Finding::new(InvalidSuppression::META, span, message)
        .help("remove the comment: there is nothing here for it to suppress")
        .fix(
            Applicability::Safe,
            vec![crate::finding::Edit {
                span: removed,
                content: String::new(),
            }],
        )
}
