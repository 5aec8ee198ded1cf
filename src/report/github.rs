use std::io::{self, Write};

use super::{FileReport, positions};
use crate::finding::Severity;

/// GitHub Actions workflow commands: each finding becomes an annotation on the PR's lines.
pub fn render(f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for d in &f.findings {
        let (start, end) = positions(&f.source, &d.span);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&f.source.name),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", d.rule.code, d.rule.slug)),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// The runner's own escapes for `%`, CR and LF, and any other control character (an
/// escape sequence in a heading) written visibly, as in the terminal formats.
fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    super::escape_controls(&s).into_owned()
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
