//! The spelling module's behaviour, as PM501/PM502 rely on it.

use pmlint::spell::{Speller, VOCABULARY_TXT, match_case};

fn typo(word: &str) -> Option<Vec<String>> {
    Speller::builtin().known_typo(word)
}

fn one(word: &str) -> Vec<String> {
    vec![word.to_owned()]
}

#[test]
fn typos_dict_misspellings() {
    assert_eq!(typo("untill"), Some(one("until")));
    assert_eq!(typo("reuests"), Some(one("requests")));
    assert_eq!(typo("infrastracture"), Some(one("infrastructure")));
    assert_eq!(typo("reffered"), Some(one("referred")));
    // typos-dict gives two corrections for "sart": listed, so never applied as a fix.
    assert_eq!(
        typo("sart"),
        Some(vec!["star".to_owned(), "start".to_owned()])
    );
}

#[test]
fn pmlints_own_misspellings() {
    for (word, correction) in [
        ("environtent", "environment"),
        ("behins", "begins"),
        ("resatrt", "restart"),
        ("traffix", "traffic"),
        ("meating", "meeting"),
        ("roolback", "rollback"),
        ("becan", "began"),
        ("aache2", "apache2"),
        ("Aache2", "Apache2"),
        ("kubernets", "Kubernetes"),
        ("Ngnix", "Nginx"),
    ] {
        assert_eq!(typo(word), Some(one(correction)), "{word}");
    }
}

#[test]
fn corrections_take_the_case_of_the_word() {
    assert_eq!(typo("Untill"), Some(one("Until")));
    assert_eq!(typo("UNTILL"), Some(one("UNTIL")));
    assert_eq!(typo("Roolback"), Some(one("Rollback")));
    assert_eq!(match_case("UNTILL", "until"), "UNTIL");
}

#[test]
fn correct_words_are_not_typos() {
    for word in [
        "until", "requests", "start", "rollback", "nginx", "Apache2", "the", "", " ", "'", "-",
    ] {
        assert_eq!(typo(word), None, "{word:?}");
    }
}

#[test]
fn allow_list_silences_both_rules() {
    let speller = Speller::new(&[], &["Untill".to_owned(), "Holberton".to_owned()]);
    assert_eq!(speller.known_typo("untill"), None);
    assert_eq!(speller.known_typo("UNTILL"), None);
    assert!(speller.is_known_word("holberton"));
    assert!(!Speller::builtin().is_known_word("holberton"));
}

#[test]
fn extend_words_adds_typos_and_accepts_words() {
    let speller = Speller::new(
        &[
            ("kuberntes".to_owned(), "Kubernetes".to_owned()),
            ("untill".to_owned(), "till".to_owned()),
            ("sart".to_owned(), String::new()),
            ("roolback".to_owned(), "roolback".to_owned()),
            ("pmlnt".to_owned(), "pmlint".to_owned()),
        ],
        &[],
    );
    assert_eq!(speller.known_typo("kuberntes"), Some(one("Kubernetes")));
    assert_eq!(speller.known_typo("Untill"), Some(one("Till")));
    assert_eq!(speller.known_typo("sart"), None);
    assert_eq!(speller.known_typo("roolback"), None);
    assert!(speller.is_known_word("roolback"));
    // A configured correction is a known word, and a suggestion.
    assert!(speller.is_known_word("pmlint"));
    assert_eq!(speller.suggest("pmlimt"), one("pmlint"));
}

#[test]
fn english_and_vocabulary_words_are_known() {
    let speller = Speller::builtin();
    for word in [
        "the",
        "Outage",
        "engineers",
        "investigated",
        "apologise",
        "apologize",
        "nginx",
        "kubectl",
        "haproxy",
        "HAProxy",
        "systemd",
        "failover",
        "postmortem",
        "rollback",
        "runbook",
        "on",
        "call",
        "on-call",
        "oncall",
        "datadog",
        "pagerduty",
        "timeline",
        "config",
        "kubernetes",
        "postgresql",
    ] {
        assert!(speller.is_known_word(word), "{word}");
    }
}

#[test]
fn word_forms_the_lists_lack_are_known() {
    let speller = Speller::builtin();
    for word in [
        "server's",
        "server’s",
        "servers'",
        "balancers",
        "runbooks",
        "kubectl's",
        "misconfigured",
        "misconfiguration",
        "reconfiguring",
        "'quoted'",
        "pre-emptively",
        "didn't",
    ] {
        assert!(speller.is_known_word(word), "{word}");
    }
}

#[test]
fn words_it_cannot_judge_count_as_known() {
    let speller = Speller::builtin();
    for word in [
        "Apache2",
        "x86",
        "v1",
        "apiGroups",
        "DNS",
        "RCA",
        "naïveté",
        "Übergröße",
        "日本語",
        "",
        "'",
        "—",
    ] {
        assert!(speller.is_known_word(word), "{word:?}");
    }
}

#[test]
fn non_words_are_unknown() {
    let speller = Speller::builtin();
    for word in [
        "roolback",
        "Roolback",
        "traffix",
        "resatrt",
        "environtent",
        "alrigh",
        "wordz",
    ] {
        assert!(!speller.is_known_word(word), "{word}");
    }
    // Plural and prefix rules do not turn short non-words into words.
    assert!(!speller.is_known_word("uness"));
    assert!(!speller.is_known_word("rexyz"));
    assert!(!speller.is_known_word("postgress"));
    assert!(!speller.is_known_word("on-roolback"));
}

#[test]
fn suggestions_are_near_and_case_matched() {
    let speller = Speller::builtin();
    assert_eq!(speller.suggest("roolback"), one("rollback"));
    assert_eq!(speller.suggest("Roolback"), one("Rollback"));
    assert_eq!(speller.suggest("ROOLBACK"), one("ROLLBACK"));
    assert!(speller.suggest("traffix").contains(&"traffic".to_owned()));
    // A swap of neighbouring letters is one edit.
    assert_eq!(speller.suggest("resatrt")[0], "restart");
    // Two edits when nothing is one edit away.
    assert_eq!(speller.suggest("configuraton")[0], "configuration");
    assert_eq!(speller.suggest("infrastracure")[0], "infrastructure");
    assert!(speller.suggest("becan").contains(&"began".to_owned()));
    let many = speller.suggest("bina");
    assert!(!many.is_empty() && many.len() <= 3, "{many:?}");
}

#[test]
fn no_suggestions_for_what_is_far_from_every_word() {
    let speller = Speller::builtin();
    for word in ["xqzvwk", "", "1234", "a-b", &"z".repeat(100)] {
        assert!(speller.suggest(word).is_empty(), "{word}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    let speller = Speller::builtin();
    for word in [
        "\u{0}",
        "’",
        "’s",
        "'s",
        "s'",
        "ß",
        "ẞ",
        "İstanbul",
        "ﬁle",
        "🙂",
        "a\u{301}",
        "--",
        "'''",
        "es",
        "ies",
        "\u{2028}",
        &"é".repeat(50),
        &"ab".repeat(30),
    ] {
        let _ = speller.known_typo(word);
        let _ = speller.is_known_word(word);
        let _ = speller.suggest(word);
    }
}

#[test]
fn own_typos_are_misspellings_of_known_words() {
    let table: toml::Table = pmlint::spell::OWN_TYPOS_TOML.parse().expect("valid TOML");
    let words = table["words"].as_table().expect("[words] table");
    let speller = Speller::builtin();
    assert!(words.len() >= 20);
    for (typo, correction) in words {
        let correction = correction.as_str().expect("a string");
        assert_eq!(typo, &typo.to_lowercase(), "keys are lowercase");
        let letters: String = typo.chars().filter(|c| c.is_alphabetic()).collect();
        assert!(!speller.is_known_word(&letters), "{typo} is a known word");
        let correction_letters: String = correction.chars().filter(|c| c.is_alphabetic()).collect();
        assert!(
            speller.is_known_word(&correction_letters),
            "{typo} -> {correction}: the correction is not a known word"
        );
    }
}

#[test]
fn vocabulary_holds_no_known_misspelling() {
    for line in VOCABULARY_TXT.lines() {
        let word = line.split('#').next().unwrap_or("").trim();
        if word.is_empty() {
            continue;
        }
        assert!(
            !word.contains(char::is_whitespace),
            "{word}: one word a line"
        );
        // Vocabulary would silence a typos-dict entry (known_typo checks it first), so
        // no vocabulary word may be one.
        let typos = fst::Map::new(include_bytes!("../rules/generated/typos.fst").as_slice())
            .expect("valid fst");
        assert!(
            !typos.contains_key(word.to_lowercase()),
            "{word} is a typos-dict misspelling"
        );
    }
}

/// Low noise: typical incident writing, in our own words, has no unknown word.
#[test]
fn incident_prose_has_no_unknown_words() {
    let prose = "
        Issue summary. From 14:05 to 15:10 UTC, requests to the checkout API returned HTTP 502
        errors for roughly 40% of users. The root cause was a misconfigured upstream in the
        nginx load balancer after a routine deployment. The on-call engineer was paged by
        PagerDuty, acknowledged the alert within five minutes and opened an incident channel.

        Timeline. The deploy pipeline pushed a new config to the HAProxy and nginx nodes. Health
        checks began failing on two of the three backends, and the autoscaler added replicas
        that never became healthy. Datadog dashboards showed latency spikes, elevated error
        rates and saturated connection pools on the PostgreSQL primary. We initially suspected
        the database and failed over to the replica, which did not help. After reviewing the
        logs with kubectl and journalctl, the team found the upstream block pointed at a stale
        hostname. We rolled back the change, restarted the affected pods and drained the
        queue. Traffic recovered gradually and the service was fully operational at 15:10.

        Root cause and resolution. A template variable was renamed in the infrastructure
        repository but not in the environment overrides, so the rendered configuration
        referenced a host that had been decommissioned. The rollback restored the previous
        value; a follow-up fix renamed the variable everywhere and added validation.

        Corrective and preventative measures. Add a canary stage to the rollout, alert on the
        ratio of failed health checks, document the failover procedure in the runbook, add
        integration tests for the rendered templates, review dashboards during the postmortem
        meeting, and schedule a blameless retrospective. Owners will track each action item
        with a due date. Mitigation steps, escalation paths, monitoring thresholds, timeouts,
        retries, throughput, observability, uptime and incident response drills were
        discussed; systemd units, cron jobs, certificates, DNS records, caches, webhooks,
        Kubernetes namespaces, Terraform modules and microservices were audited as well.
    ";
    let speller = Speller::builtin();
    let unknown: Vec<&str> = prose
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .filter(|w| speller.known_typo(w).is_some() || !speller.is_known_word(w))
        .collect();
    assert!(unknown.is_empty(), "unknown words: {unknown:?}");
}

#[test]
fn seed_misspellings_are_caught() {
    let speller = Speller::builtin();
    for word in [
        "reuests",
        "behins",
        "resatrt",
        "traffix",
        "untill",
        "Aache2",
        "infrastracture",
        "environtent",
        "meating",
        "roolback",
        "sart",
    ] {
        assert!(speller.known_typo(word).is_some(), "{word}");
    }
}

/// Operations words and names of tools and services, written from documentation rather
/// than from the corpus (`tests/data/ops-words.txt`): none is reported by either spelling
/// rule, each in a sentence of its own.
#[test]
fn operations_words_are_not_misspellings() {
    let words: Vec<&str> = include_str!("data/ops-words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(words.len() >= 500, "{} words", words.len());
    let text = std::iter::once("# Summary\n".to_string())
        .chain(words.iter().map(|w| format!("Then the {w} step ran.\n")))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ops.md");
    std::fs::write(&path, text).unwrap();
    let out = assert_cmd::Command::cargo_bin("pmlint")
        .unwrap()
        .args(["--select", "PM501,PM502", "--format", "concise"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "operations words reported as misspellings:\n{stdout}"
    );
}
