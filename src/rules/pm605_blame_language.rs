use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::config::Role;
use crate::document::{Document, Word};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Wording that blames a person in what should be a blameless postmortem, from the
    /// phrase list in `rules/blame.toml`:
    /// - words that blame on their own: "careless", "negligence", "sloppy", "should have
    ///   known", "dropped the ball", "his fault";
    /// - "human error" (or "operator error") stated as the cause: "caused by human error",
    ///   "the root cause was human error", or opening a sentence of a root-cause section.
    ///   "To reduce the risk of human error" is the systemic wording this rule asks for, and
    ///   is not reported;
    /// - a person as the subject of a slip: "the engineer forgot to", "Sam forgot", "we failed
    ///   to test", "the on-call should have caught", "the developer was to blame". "The
    ///   service failed to start" blames nobody.
    ///
    /// Only prose is read: code, URLs and HTML are not.
    ///
    /// ## Why it matters
    /// A postmortem that names who slipped teaches people to hide their slips, and it stops
    /// the analysis at the person instead of the system that let the slip through. The
    /// Google SRE book asks postmortems to focus on contributing causes "without indicting
    /// any individual or team"; PagerDuty's guide, on "how a mistake was made instead of who
    /// made it".
    ///
    /// ## Example
    /// ```markdown
    /// ## Root Cause
    /// The root cause was human error: the engineer forgot to renew the certificate.
    /// ```
    ///
    /// ## How to fix
    /// Describe the gap in the system: "The certificate was renewed by hand, with no
    /// reminder or expiry alert, and the renewal step was missed."
    ///
    /// ## Options
    /// None.
    pub struct BlameLanguage => BLAME_LANGUAGE;
}

impl Rule for BlameLanguage {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let root_cause = cx.settings.preset.role(Role::RootCause);
        let words = &doc.words;
        let mut lower = String::new();
        let mut i = 0;
        while i < words.len() {
            lower.clear();
            lower.push_str(doc.text(words[i].span.clone()));
            lower.make_ascii_lowercase();
            let candidates = BY_FIRST_WORD
                .get(lower.as_str())
                .map_or(&[][..], Vec::as_slice);
            let Some((phrase, len)) = candidates.iter().find_map(|&p| {
                let p = &PHRASES[p];
                matches_at(doc, words, i, &p.words).map(|len| (p, len))
            }) else {
                i += 1;
                continue;
            };
            let blames = match phrase.when {
                When::Always => true,
                When::Cause => stated_as_cause(doc, words, i, root_cause),
                When::Person => person_before(doc, words, i, phrase.names),
            };
            if blames {
                let span = words[i].span.start..words[i + len - 1].span.end;
                let written = doc.text(span.clone()).to_string();
                cx.report(
                    Finding::new(
                        Self::META,
                        span,
                        format!("`{written}` blames a person rather than the system"),
                    )
                    .help(phrase.help.clone()),
                );
            }
            i += len;
        }
    }
}

/// A phrase of `rules/blame.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Phrase {
    text: String,
    when: When,
    help: String,
    /// With `person`: a name right before the phrase counts as its subject.
    #[serde(default)]
    names: bool,
    #[serde(skip)]
    words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum When {
    Always,
    Cause,
    Person,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseFile {
    phrase: Vec<Phrase>,
}

static BLAME_TOML: &str = include_str!("../../rules/blame.toml");

/// The phrases, longest first, so that "should have known" wins over a shorter phrase at
/// the same word. Parsed on first use; `blame_toml_parses` keeps the file well formed.
static PHRASES: LazyLock<Vec<Phrase>> = LazyLock::new(|| {
    let mut phrases = parse(BLAME_TOML).unwrap_or_default();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    phrases
});

/// The phrases by their first word, longest first: each prose word is looked up once
/// rather than compared with every phrase (the lists grow; the words of a document are many).
static BY_FIRST_WORD: LazyLock<HashMap<&'static str, Vec<usize>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (n, phrase) in PHRASES.iter().enumerate() {
        if let Some(first) = phrase.words.first() {
            map.entry(first.as_str()).or_default().push(n);
        }
    }
    map
});

fn parse(text: &str) -> Result<Vec<Phrase>, toml::de::Error> {
    let file: PhraseFile = toml::from_str(text)?;
    Ok(file
        .phrase
        .into_iter()
        .map(|mut p| {
            p.words = p.text.split_whitespace().map(str::to_lowercase).collect();
            p
        })
        .collect())
}

/// Do the words from `i` on read `phrase`, one after the other with only spaces (or a
/// hyphen, or a line break) between? Returns the number of words.
fn matches_at(doc: &Document, words: &[Word], i: usize, phrase: &[String]) -> Option<usize> {
    if i + phrase.len() > words.len() {
        return None;
    }
    for (k, want) in phrase.iter().enumerate() {
        let w = &words[i + k];
        if !doc.text(w.span.clone()).eq_ignore_ascii_case(want) {
            return None;
        }
        if k > 0 {
            let gap = doc.masked(words[i + k - 1].span.end..w.span.start);
            if !gap.chars().all(|c| c.is_whitespace() || c == '-') {
                return None;
            }
        }
    }
    Some(phrase.len())
}

/// The words of the sentence before word `i`, nearest first.
fn sentence_before(words: &[Word], i: usize) -> impl Iterator<Item = &Word> {
    let start = (0..=i)
        .rev()
        .find(|&k| words[k].sentence_start)
        .unwrap_or(0);
    words[start..i].iter().rev()
}

/// "Caused by human error", "the root cause was human error", "due to human error": a
/// cause word earlier in the sentence and no "risk of" / "reduce" right before; or the
/// phrase opens a sentence of a root-cause section ("Human error in the key rotation").
fn stated_as_cause(doc: &Document, words: &[Word], i: usize, root_cause: Option<usize>) -> bool {
    let is = |w: &Word, list: &[&str]| {
        let text = doc.text(w.span.clone());
        list.iter().any(|l| text.eq_ignore_ascii_case(l))
    };
    if sentence_before(words, i).take(3).any(|w| is(w, HEDGES)) {
        return false;
    }
    let cue = sentence_before(words, i)
        .take(10)
        .any(|w| is(w, CAUSE_CUES));
    let at = words[i].span.start;
    let opens_root_cause = words[i].sentence_start
        && root_cause.is_some_and(|rc| {
            doc.sections
                .iter()
                .any(|s| s.matches.contains(&rc) && s.body.contains(&at))
        });
    cue || opens_root_cause
}

/// A person or team as the subject, at most three words before word `i` in its sentence
/// ("the on-call engineer simply forgot"); with `names`, also a name right before it ("Sam
/// forgot"), for verbs only people do.
fn person_before(doc: &Document, words: &[Word], i: usize, names: bool) -> bool {
    let is_person = |w: &Word| {
        let text = doc.text(w.span.clone());
        PEOPLE.iter().any(|p| text.eq_ignore_ascii_case(p))
    };
    let mut before = sentence_before(words, i).take(3).peekable();
    let named = names && before.peek().is_some_and(|w| is_name(doc, w, &words[i]));
    named || before.any(is_person)
}

/// A capitalised word right before `next`, nothing but spaces between: "Sam forgot".
fn is_name(doc: &Document, w: &Word, next: &Word) -> bool {
    let adjacent = doc
        .masked(w.span.end..next.span.start)
        .chars()
        .all(char::is_whitespace);
    let text = doc.text(w.span.clone());
    adjacent
        && w.capitalized
        && !w.all_caps
        && !w.apostrophe
        && !NOT_NAMES.iter().any(|n| text.eq_ignore_ascii_case(n))
}

/// Words right before "human error" that make it the risk to reduce, not the cause.
const HEDGES: &[&str] = &[
    "risk",
    "risks",
    "likelihood",
    "chance",
    "chances",
    "possibility",
    "potential",
    "prone",
    "minimize",
    "minimise",
    "minimizing",
    "minimising",
    "reduce",
    "reduces",
    "reducing",
    "prevent",
    "prevents",
    "preventing",
    "avoid",
    "avoiding",
    "eliminate",
    "eliminating",
    "less",
    "fewer",
    "against",
    "mitigate",
    "lower",
    "limit",
    "room",
    "for",
];

/// Words before "human error" in its sentence that make it the cause.
const CAUSE_CUES: &[&str] = &[
    "cause",
    "causes",
    "caused",
    "due",
    "because",
    "result",
    "resulted",
    "attributed",
    "blamed",
    "owing",
    "reason",
    "was",
    "were",
    "is",
    "traced",
    "identified",
    "by",
    "from",
];

/// Who can forget or fail: pronouns, people and teams.
const PEOPLE: &[&str] = &[
    "i",
    "we",
    "he",
    "she",
    "they",
    "you",
    "someone",
    "somebody",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "dev",
    "devs",
    "admin",
    "admins",
    "administrator",
    "administrators",
    "sysadmin",
    "sysadmins",
    "operator",
    "operators",
    "intern",
    "interns",
    "employee",
    "employees",
    "staff",
    "person",
    "colleague",
    "colleagues",
    "teammate",
    "teammates",
    "member",
    "members",
    "author",
    "reviewer",
    "reviewers",
    "contractor",
    "contractors",
    "technician",
    "technicians",
    "manager",
    "managers",
    "programmer",
    "programmers",
    "on-call",
    "oncall",
    "responder",
    "responders",
    "team",
    "sre",
    "sres",
    "dba",
    "me",
    "us",
    "him",
    "her",
    "them",
];

/// Capitalised words right before a verb that are not a person's name.
const NOT_NAMES: &[&str] = &[
    "the",
    "this",
    "that",
    "it",
    "there",
    "which",
    "who",
    "and",
    "but",
    "then",
    "also",
    "never",
    "simply",
    "just",
    "accidentally",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blame_toml_parses_and_every_phrase_has_help() {
        let phrases = parse(BLAME_TOML).expect("rules/blame.toml parses");
        assert!(phrases.len() >= 20);
        for p in &phrases {
            assert!(!p.words.is_empty() && !p.help.is_empty(), "{}", p.text);
        }
        assert_eq!(PHRASES.len(), phrases.len());
    }
}
