//! Built-in patterns are compiled in ASCII mode: `\b`, `\w`, `\s`, `\d` and `(?i)` mean their
//! ASCII forms, and a pattern that needs a Unicode class says so with `(?u:...)`.
//!
//! Measured (regex 1.13): a Unicode word boundary makes the lazy DFA give up at the first
//! non-ASCII character (an em dash, a curly quote), falling back to a far slower engine:
//! the clock pattern took 45 µs on a 212-byte timeline line with an em dash, and 1.3 µs in
//! ASCII mode. Unicode classes also cost ~0.5 ms each to compile, which every run pays at
//! start-up. Postmortem times, dates, zones and keywords are ASCII; non-ASCII spaces are
//! made plain in the document's masked text before any pattern sees it.

use regex::{Regex, RegexBuilder};

/// Compile a built-in pattern in ASCII mode.
pub(crate) fn ascii_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).unicode(false).build()
}
