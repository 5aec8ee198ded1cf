use crate::config::Role;
use crate::document::{BlockKind, Document};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A root cause that only restates the symptom: the root-cause section is one short
    /// sentence (fifteen words at most, one paragraph or list item, no code, table or image)
    /// made only of what went wrong and what it happened to ("The server was down.", "An
    /// outage occurred.", "The website returned 500 errors."), where the thing may be named
    /// ("The payments API was unavailable."). Any other word that points at a
    /// mechanism (a change, a component's fault, a limit, "because", "due to") makes it a
    /// cause, however short. Only clear cases are reported: when the document has several
    /// root-cause sections (a "Root cause:" line in the summary and a full section), the
    /// root cause is shallow only when every one of them is.
    ///
    /// ## Why it matters
    /// "The server was down" is what the reader already knows from the summary. A root cause
    /// says why: what changed or broke, and why nothing stopped it. Without it the action
    /// items treat the symptom, and the incident comes back. The Google SRE book's review
    /// asks "Was the root cause sufficiently deep?"
    ///
    /// ## Example
    /// ```markdown
    /// ## Root Cause
    /// The website was down.
    /// ```
    ///
    /// ## How to fix
    /// Ask "why?" until the answer is something that can be fixed: "A config push set the
    /// connection pool to 0; the deploy had no canary, so every server took it at once."
    ///
    /// ## Options
    /// None.
    pub struct RootCauseShallow => ROOT_CAUSE_SHALLOW;
}

impl Rule for RootCauseShallow {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let sections: Vec<usize> = doc
            .sections_with_role(cx.settings.preset, Role::RootCause)
            .collect();
        let Some(&first) = sections.first() else {
            return;
        };
        let mut sentences = Vec::new();
        for &i in &sections {
            match only_sentence(doc, i) {
                Some(sentence) if restates_symptom(sentence) => sentences.push(sentence),
                // One section that says more is a root cause, wherever it stands.
                _ => return,
            }
        }
        let sentence = sentences[0].trim();
        cx.report(
            Finding::new(
                Self::META,
                doc.sections[first].title_span.clone(),
                format!("the root cause only restates the symptom: `{sentence}`"),
            )
            .help("say why it happened: what changed or broke, and why nothing stopped it"),
        );
    }
}

/// The one short sentence that is all of section `i`'s text, if that is what it holds.
fn only_sentence(doc: &Document, i: usize) -> Option<&str> {
    let section = &doc.sections[i];
    // The heading's own block (and a bold title's paragraph) is not the section's text.
    let mut prose = doc.blocks_in(i).filter(|b| {
        b.span.start >= section.body.start
            && !(b.kind == BlockKind::Html && doc.masked(b.span.clone()).trim().is_empty())
    });
    let block = prose.next()?;
    if prose.next().is_some() || !matches!(block.kind, BlockKind::Paragraph) {
        return None;
    }
    if doc.text(section.body.clone()).contains("![") {
        return None;
    }
    let text = doc.masked(block.span.clone()).trim();
    let body = text.trim_end_matches(['.', '!', ' ']);
    let one_sentence = !body.contains(['.', '!', '?', ';', '\n']);
    let short = body.split_whitespace().count() <= 15;
    (one_sentence && short && !body.is_empty()).then_some(text)
}

/// Is every word of `sentence` a symptom, the thing it happened to, or a function word,
/// with at least one symptom?
fn restates_symptom(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split(|c: char| c.is_whitespace() || c == '/')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let known = |w: &String| {
        let w = w.as_str();
        SYMPTOMS.contains(&w)
            || AFFECTED.contains(&w)
            || FUNCTION_WORDS.contains(&w)
            || is_status(w)
    };
    // A name before the thing it happened to ("the payments API", "our search service")
    // says which thing, not why.
    let names_the_affected = |i: usize| {
        words
            .get(i + 1)
            .is_some_and(|next| AFFECTED.contains(&next.as_str()))
    };
    let names = (0..words.len())
        .filter(|&i| !known(&words[i]))
        .try_fold(0, |n, i| names_the_affected(i).then_some(n + 1));
    names.is_some_and(|n| n <= 2) && words.iter().any(|w| SYMPTOMS.contains(&w.as_str()))
}

/// `500`, `502`: an HTTP error status, which names the symptom.
fn is_status(w: &str) -> bool {
    w.len() == 3 && w.parse::<u16>().is_ok_and(|n| (400..600).contains(&n))
}

/// What goes wrong, as seen from outside.
const SYMPTOMS: &[&str] = &[
    "down",
    "outage",
    "outages",
    "offline",
    "unavailable",
    "unavailability",
    "crashed",
    "crash",
    "crashes",
    "crashing",
    "failed",
    "failure",
    "failing",
    "fail",
    "error",
    "errors",
    "broke",
    "broken",
    "stopped",
    "working",
    "responding",
    "unresponsive",
    "slow",
    "slowness",
    "timeout",
    "timeouts",
    "timed",
    "inaccessible",
    "unreachable",
    "degraded",
    "disruption",
    "interruption",
    "downtime",
    "glitch",
    "hiccup",
    "returned",
    "returning",
    "return",
    "responses",
    "response",
    "loading",
    "load",
    "respond",
    "accessible",
    "available",
    "reachable",
    "functioning",
    "function",
    "properly",
    "correctly",
    "normally",
    "issues",
    "malfunction",
    "malfunctioned",
    "malfunctioning",
    "occurred",
    "happened",
    "experienced",
    "went",
    "out",
    "not",
    "wasn't",
    "weren't",
    "didn't",
    "couldn't",
    "could",
    "did",
    "stop",
    "work",
    "internal",
    "http",
    "status",
    "code",
    "codes",
    "problems",
];

/// What an outage happens to.
const AFFECTED: &[&str] = &[
    "website",
    "websites",
    "site",
    "web",
    "server",
    "servers",
    "service",
    "services",
    "application",
    "applications",
    "app",
    "api",
    "system",
    "systems",
    "page",
    "pages",
    "database",
    "db",
    "users",
    "user",
    "customers",
    "platform",
    "backend",
    "frontend",
    "production",
    "homepage",
    "portal",
    "endpoint",
    "endpoints",
    "webpage",
    "requests",
];

const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "our",
    "my",
    "its",
    "their",
    "this",
    "that",
    "it",
    "there",
    "was",
    "were",
    "is",
    "are",
    "been",
    "be",
    "being",
    "had",
    "has",
    "have",
    "got",
    "became",
    "of",
    "to",
    "for",
    "on",
    "in",
    "at",
    "and",
    "or",
    "with",
    "all",
    "some",
    "we",
    "us",
    "issue",
    "problem",
    "incident",
    "root",
    "cause",
    "reason",
    "simply",
    "just",
    "completely",
    "entirely",
    "suddenly",
    "unexpectedly",
    "main",
    "primary",
    "basically",
    "which",
    "any",
    "anymore",
    "able",
    "by",
    "seen",
    "users'",
    "being",
];
