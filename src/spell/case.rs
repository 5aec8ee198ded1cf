//! Carrying a word's case pattern over to its correction.

/// Gives `correction` the case pattern of `original`: `untill` -> `until`,
/// `Untill` -> `Until`, `UNTILL` -> `UNTIL`. A lowercase original leaves the correction as
/// written (so a proper noun such as `Kubernetes` keeps its capitals), and so does a mixed
/// pattern (`uNtill`), which says nothing reliable.
pub fn match_case(original: &str, correction: &str) -> String {
    let mut letters = original.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return correction.to_owned();
    };
    let rest: Vec<char> = letters.collect();
    let rest_upper = rest.iter().all(|c| c.is_uppercase());
    let rest_lower = rest.iter().all(|c| c.is_lowercase());
    if first.is_uppercase() && rest_upper && !rest.is_empty() {
        correction.to_uppercase()
    } else if first.is_uppercase() && rest_lower {
        let mut chars = correction.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        correction.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::match_case;

    #[test]
    fn keeps_the_case_pattern() {
        assert_eq!(match_case("untill", "until"), "until");
        assert_eq!(match_case("Untill", "until"), "Until");
        assert_eq!(match_case("UNTILL", "until"), "UNTIL");
        assert_eq!(match_case("uNtILl", "until"), "until");
    }

    #[test]
    fn keeps_capitals_the_correction_has() {
        assert_eq!(match_case("kubernets", "Kubernetes"), "Kubernetes");
        assert_eq!(match_case("Haproxy", "HAProxy"), "HAProxy");
        assert_eq!(match_case("AACHE2", "apache2"), "APACHE2");
        assert_eq!(match_case("Aache2", "apache2"), "Apache2");
    }

    #[test]
    fn odd_inputs() {
        assert_eq!(match_case("", "until"), "until");
        assert_eq!(match_case("2", "two"), "two");
        assert_eq!(match_case("I", "it"), "It");
        assert_eq!(match_case("Ünter", "über"), "Über");
        assert_eq!(match_case("Untill", ""), "");
        // Uppercasing can lengthen a string (ß -> SS); that is fine.
        assert_eq!(match_case("STRASE", "straße"), "STRASSE");
    }
}
