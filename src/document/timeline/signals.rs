//! Which timeline entries signal what: impact, detection, mitigation, resolution. The word
//! lists are data, here and nowhere else, so that the rules (PM402) and `pmlint stats` read
//! one definition of "the entry where the outage ended".

use std::sync::LazyLock;

use super::EntryKind;
use crate::pattern::Keywords;

/// Words that make a timeline entry one about impact (see [`Keywords`] for `$` and `#`).
static IMPACT: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(&[
        "outage",
        "down$",
        "downtime",
        "error$",
        "errors$",
        "erroring",
        "fail$",
        "failing$",
        "failed$",
        "failure$",
        "failures$",
        "unavailable",
        "unreachable",
        "inaccessible",
        "not responding",
        "unresponsive",
        "5##$",
        "impact$",
        "impacted$",
        "degraded",
        "degradation",
        "crash",
        "broke",
        "stopped working",
        "couldnot",
        "couldn't",
        "could not",
        "could n't",
        "unable to",
        "timeout",
        "timing out",
        "report$",
        "reported$",
        "reports$",
        "alert$",
        "alerted$",
        "alerts$",
        "alarm$",
        "alarms$",
        "paged",
        "pager$",
        "pagers$",
        "detected",
        "noticed",
        "complain",
    ])
});
/// Words and phrases that make a timeline entry the resolution.
static RESOLUTION: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(&[
        "resolved",
        "resolution",
        "back online",
        "back up$",
        "restored",
        "recovered",
        "recovery complete",
        "fully operational",
        "fully functional",
        "operational again",
        "end of incident",
        "end of outage",
        "end of the incident",
        "end of the outage",
        "incident declared over",
        "incident declared closed",
        "incident declared resolved",
        "incident declared ended",
        "incident was declared over",
        "incident was declared closed",
        "incident was declared resolved",
        "incident was declared ended",
        "outage declared over",
        "outage declared closed",
        "outage declared resolved",
        "outage declared ended",
        "outage was declared over",
        "outage was declared closed",
        "outage was declared resolved",
        "outage was declared ended",
        "service back",
        "service normal",
        "service is back",
        "service is normal",
        "normal operation",
        "normal service",
        "issue closed",
        "issue over",
        "issue ended",
        "issue fixed",
        "issue mitigated",
        "issue was closed",
        "issue was over",
        "issue was ended",
        "issue was fixed",
        "issue was mitigated",
        "incident closed",
        "incident over",
        "incident ended",
        "incident fixed",
        "incident mitigated",
        "incident was closed",
        "incident was over",
        "incident was ended",
        "incident was fixed",
        "incident was mitigated",
        "outage closed",
        "outage over",
        "outage ended",
        "outage fixed",
        "outage mitigated",
        "outage was closed",
        "outage was over",
        "outage was ended",
        "outage was fixed",
        "outage was mitigated",
        "all clear",
        "mitigated",
        // "Whisperer fixes config file": the last entry that fixes something is where the
        // timeline says the outage ended.
        "fixed$",
        "fixes$",
        "resumed",
        "recovery",
        "was back",
        "were back",
        "is back",
        "are back",
        "was 100% back",
        "is 100% back",
    ])
});
/// Words that make a timeline entry the moment the incident was noticed: an alert, a page, a
/// report, someone noticing. The first such entry is when it was detected.
static DETECTION: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(&[
        "alert$",
        "alerted$",
        "alerts$",
        "alerting$",
        "alarm$",
        "alarms$",
        "paged",
        "pager$",
        "pagers$",
        "detect$",
        "detected",
        "detection",
        "noticed",
        "notices",
        "report$",
        "reported$",
        "reports$",
        "reporting$",
        "complain",
        "spotted",
        "discovered",
        "observed",
        "flagged",
        "notified",
        "incident declared",
        "incident opened",
        "incident raised",
    ])
});

/// Words that make a timeline entry the moment impact was stopped or worked around, before
/// the root cause was necessarily fixed: a rollback, a failover, a workaround.
static MITIGATION: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(&[
        "mitigated",
        "mitigation",
        "mitigate$",
        "workaround",
        "work around",
        "worked around",
        "rolled back",
        "rollback",
        "roll back",
        "rolling back",
        "reverted",
        "revert$",
        "reverting",
        "failover",
        "failed over",
        "fail over",
        "failing over",
        "hotfix",
        "hot fix",
        "stopgap",
        "temporary fix",
        "traffic drained",
        "drained traffic",
    ])
});

/// Words that say the step in an entry did not work ("Failed configuration change
/// rollback", "rollback attempt unsuccessful"): such an entry mitigates nothing.
static DID_NOT_WORK: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(&[
        "failed$",
        "unsuccessful",
        "did not work",
        "didn't work",
        "did not help",
        "didn't help",
        "no effect",
        "not successful",
        "attempted",
        "attempt$",
        "tried",
        "trying",
    ])
});

pub(super) fn entry_kind(text: &str) -> EntryKind {
    if RESOLUTION.is_match(text) {
        EntryKind::Resolution
    } else if IMPACT.is_match(text) {
        EntryKind::Impact
    } else {
        EntryKind::Other
    }
}

/// Does this entry's text say the incident was noticed?
pub(super) fn signals_detection(text: &str) -> bool {
    DETECTION.is_match(text)
}

/// "Traffic failed over": a mitigation, though it says "failed".
static FAILED_OVER: LazyLock<Keywords> =
    LazyLock::new(|| Keywords::new(&["failed over", "fail over", "failover"]));

/// Does this entry's text say impact was stopped or worked around (and not that an attempt
/// failed)?
pub(super) fn signals_mitigation(text: &str) -> bool {
    MITIGATION.is_match(text) && (!DID_NOT_WORK.is_match(text) || FAILED_OVER.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::{signals_detection, signals_mitigation};

    #[test]
    fn detection_entries() {
        for text in [
            "latency alert fired",
            "Pagers alerted teams",
            "on-call paged by the queue depth alert",
            "customers reported failed logins",
            "Issue detected via a monitoring alert",
        ] {
            assert!(signals_detection(text), "{text}");
        }
        for text in ["Server restarts begin", "Check PHP configuration files"] {
            assert!(!signals_detection(text), "{text}");
        }
    }

    #[test]
    fn mitigation_entries_unless_the_step_failed() {
        for text in [
            "resize rolled back",
            "Successful configuration change rollback",
            "traffic failed over to the standby",
            "workaround applied",
        ] {
            assert!(signals_mitigation(text), "{text}");
        }
        for text in [
            "Failed configuration change rollback",
            "rollback attempt unsuccessful",
            "index rebuilt and search restored",
        ] {
            assert!(!signals_mitigation(text), "{text}");
        }
    }
}
