//! Headings recased for a `capitalization` rule.

use crate::config::custom::CaseStyle;

/// Joining words a title-case heading keeps lower case, unless first or last.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "on", "to", "up", "via", "per", "vs", "from", "with", "into",
];

/// `title` written in `style`. A word of `exceptions` is written as listed there, and a word
/// that is a name by its shape (an acronym such as `API`, inner capitals such as `GitHub`, a
/// digit such as `S3`) keeps its case, except in `lower` and `upper` style.
pub(super) fn recase(title: &str, style: CaseStyle, exceptions: &[String]) -> String {
    let words: Vec<&str> = title.split(' ').collect();
    let last = words
        .iter()
        .rposition(|w| w.chars().any(char::is_alphabetic));
    let mut first_seen = false;
    let recased: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            if !word.chars().any(char::is_alphabetic) {
                return (*word).to_string();
            }
            let first = !first_seen;
            first_seen = true;
            if let Some(kept) = exceptions
                .iter()
                .find(|e| core(word).eq_ignore_ascii_case(e))
            {
                return word.replacen(core(word), kept, 1);
            }
            match style {
                CaseStyle::Lower => word.to_lowercase(),
                CaseStyle::Upper => word.to_uppercase(),
                _ if keeps_case(core(word)) => (*word).to_string(),
                CaseStyle::Sentence if first => capitalised(&word.to_lowercase()),
                CaseStyle::Sentence => word.to_lowercase(),
                CaseStyle::Title => {
                    let lower = word.to_lowercase();
                    let small = SMALL_WORDS.contains(&core(&lower));
                    if small && !first && Some(i) != last {
                        lower
                    } else {
                        capitalised(word)
                    }
                }
            }
        })
        .collect();
    recased.join(" ")
}

/// The word without the punctuation around it ("(UTC)" is "UTC").
fn core(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `API`, `GitHub`, `S3`, `iOS`: written this way on purpose.
fn keeps_case(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    let acronym = letters.len() >= 2 && capitals == letters.len();
    let inner = letters.iter().skip(1).any(|c| c.is_uppercase());
    acronym || inner || word.chars().any(|c| c.is_ascii_digit())
}

/// The first letter upper case, the rest as given.
fn capitalised(word: &str) -> String {
    let Some(at) = word.find(char::is_alphabetic) else {
        return word.to_string();
    };
    let (before, rest) = word.split_at(at);
    let mut chars = rest.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{before}{}{}", first.unwrap_or_default(), chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_case_keeps_names_by_shape_and_by_list() {
        let exceptions = vec!["Kafka".to_string()];
        let sentence = |t: &str| recase(t, CaseStyle::Sentence, &exceptions);
        assert_eq!(
            sentence("Root Cause And Resolution"),
            "Root cause and resolution"
        );
        assert_eq!(sentence("timeline (UTC)"), "Timeline (UTC)");
        assert_eq!(
            sentence("Why The KAFKA Consumers Lagged"),
            "Why the Kafka consumers lagged"
        );
        assert_eq!(sentence("GitHub Actions Outage"), "GitHub actions outage");
        assert_eq!(sentence("Root cause"), "Root cause");
    }

    #[test]
    fn title_case_leaves_joining_words_low_but_not_first_or_last() {
        let title = |t: &str| recase(t, CaseStyle::Title, &[]);
        assert_eq!(
            title("root cause and resolution"),
            "Root Cause and Resolution"
        );
        assert_eq!(title("the state of the art"), "The State of the Art");
        assert_eq!(title("what we ran into"), "What We Ran Into");
        assert_eq!(title("Lessons Learned"), "Lessons Learned");
        assert_eq!(title("impact on S3 users"), "Impact on S3 Users");
    }

    #[test]
    fn lower_and_upper() {
        assert_eq!(recase("Root Cause", CaseStyle::Lower, &[]), "root cause");
        assert_eq!(recase("Root cause", CaseStyle::Upper, &[]), "ROOT CAUSE");
    }
}
