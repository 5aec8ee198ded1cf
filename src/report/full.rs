use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, NamedSource, Severity as MietteSeverity, SourceCode, SourceSpan,
    SpanContents,
};

use super::RenderOptions;
use super::escape::{escape_controls, mask_controls};
use crate::finding::{Finding, Severity};
use crate::source::Source;

/// A file's text as miette reads it, with its line starts. miette reads a `str` from its
/// first byte for every excerpt, which made the full report quadratic (60,000 findings in
/// one file took a minute); this reads from a line or two before the span, and answers
/// exactly as miette's own reading of the whole text does. Shared by the file's findings
/// (miette wants a source it owns).
#[derive(Debug, Clone)]
pub struct Excerpt {
    text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl Excerpt {
    pub fn new(source: &Source) -> Excerpt {
        Excerpt {
            text: Arc::from(mask_controls(&source.text).as_ref()),
            line_starts: Arc::from(source.line_starts()),
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // Start on the last byte of the line break before the first line miette keeps: it
        // reads one empty line there, which it drops, and then exactly what it reads in the
        // whole text, shifted by `first` lines. (Starting a whole line earlier would read
        // that line for every finding below it: a long one made the report quadratic.)
        let line = self
            .line_starts
            .partition_point(|&start| start <= span.offset())
            .saturating_sub(1);
        let top = line.saturating_sub(context_lines_before);
        let (first, base) = match top {
            0 => (0, 0),
            top => (top - 1, self.line_starts[top] - 1),
        };
        let local = SourceSpan::new((span.offset() - base).into(), span.len());
        let window = &self.text.as_bytes()[base..];
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let data: &'a [u8] = contents.data();
        Ok(Box::new(MietteSpanContents::new(
            data,
            SourceSpan::new(
                (contents.span().offset() + base).into(),
                contents.span().len(),
            ),
            contents.line() + first,
            contents.column(),
            contents.line_count() + first,
        )))
    }
}

/// One finding as a miette diagnostic: code and slug, message, the source excerpt with the
/// primary span and every label, and the help line.
pub fn render(
    source: &Source,
    excerpt: &Excerpt,
    finding: &Finding,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        to_miette(&finding.span),
    )];
    labels.extend(finding.labels.iter().map(|l| {
        LabeledSpan::new_with_span(
            Some(escape_controls(&l.message).into_owned()),
            to_miette(&l.span),
        )
    }));
    let mut diag = MietteDiagnostic::new(escape_controls(&finding.message).into_owned())
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
        diag = diag.with_help(escape_controls(&help).into_owned());
    }
    let report = miette::Report::new(diag).with_source_code(NamedSource::new(
        escape_controls(&source.name),
        excerpt.clone(),
    ));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What a `SpanContents` says, to compare two readings.
    fn said(contents: &dyn SpanContents<'_>) -> (Vec<u8>, usize, usize, usize, usize, usize) {
        (
            contents.data().to_vec(),
            contents.span().offset(),
            contents.span().len(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )
    }

    fn agree(text: &str, offset: usize, len: usize) -> Result<(), String> {
        let excerpt = Excerpt::new(&Source::new("x.md", text));
        let span = SourceSpan::new(offset.into(), len);
        for before in 0..3 {
            for after in 0..3 {
                let ours = excerpt.read_span(&span, before, after);
                let miette = text.read_span(&span, before, after);
                let same = match (&ours, &miette) {
                    (Ok(a), Ok(b)) => said(a.as_ref()) == said(b.as_ref()),
                    (Err(_), Err(_)) => true,
                    _ => false,
                };
                if !same {
                    return Err(format!(
                        "{text:?} {offset}+{len} context {before}/{after}: {:?} != {:?}",
                        ours.map(|c| said(c.as_ref())),
                        miette.map(|c| said(c.as_ref()))
                    ));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn excerpts_read_as_miette_reads_the_whole_text() {
        let text = "# T\n\nline one\r\nline two\rthree\n\n\nlast";
        // Spans within the text, as findings' are (miette panics on one past its end).
        for offset in 0..=text.len() {
            for len in 0..=(text.len() - offset).min(6) {
                agree(text, offset, len).unwrap();
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn excerpts_read_as_miette_does(
            text in r"(a|bc|\n|\r|\r\n|é| ){0,40}",
            offset in 0usize..60,
            len in 0usize..12,
        ) {
            let offset = offset.min(text.len());
            let len = len.min(text.len() - offset);
            if let Err(e) = agree(&text, offset, len) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}
