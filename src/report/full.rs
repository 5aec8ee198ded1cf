use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource,
    Severity as MietteSeverity,
};

use super::RenderOptions;
use crate::finding::{Finding, Severity};
use crate::source::Source;

/// One finding as a miette diagnostic: code and slug, message, the source excerpt with the
/// primary span and every label, and the help line. `text` is the source's text, shared by
/// the file's findings (miette wants a source it owns).
pub fn render(
    source: &Source,
    text: &Arc<str>,
    finding: &Finding,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        to_miette(&finding.span),
    )];
    labels.extend(
        finding
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), to_miette(&l.span))),
    );
    let mut diag = MietteDiagnostic::new(finding.message.clone())
        .with_code(format!("{} {}", finding.rule.code, finding.rule.slug))
        .with_severity(match finding.severity {
            Severity::Error => MietteSeverity::Error,
            Severity::Warning => MietteSeverity::Warning,
        })
        .with_labels(labels);
    let mut help = finding.help.clone().unwrap_or_default();
    if let Some(fix) = &finding.fix {
        let how = match fix.applicability {
            crate::finding::Applicability::Safe => "fixable with `--fix`",
            crate::finding::Applicability::Unsafe => "fixable with `--fix --unsafe-fixes`",
        };
        if help.is_empty() {
            help = how.to_string();
        } else {
            help = format!("{help} ({how})");
        }
    }
    if !help.is_empty() {
        diag = diag.with_help(help);
    }
    let report = miette::Report::new(diag)
        .with_source_code(NamedSource::new(&source.name, Arc::clone(text)));
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(opts.width);
    let mut rendered = String::new();
    handler
        .render_report(&mut rendered, report.as_ref())
        .map_err(io::Error::other)?;
    writeln!(out, "{rendered}")
}

fn to_miette(span: &std::ops::Range<usize>) -> miette::SourceSpan {
    (span.start, span.end.saturating_sub(span.start)).into()
}
