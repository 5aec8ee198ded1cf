//! The summary: for each group of incidents (a month, a severity, a folder) and for all of
//! them, the count and the median and 90th percentile of each duration.

use std::collections::BTreeMap;

use jiff::SignedDuration;

use super::metrics::{Cell, Incident};

/// What `--by` groups the summary by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    Month,
    Severity,
    Folder,
}

/// The group of incidents with no value for the key (no date, no severity).
pub const NO_KEY: &str = "(none)";

/// Reads one duration of an incident.
pub type Measure = fn(&Incident) -> &Cell<SignedDuration>;

/// The four durations the summary reports, with their column names.
pub const MEASURES: [(&str, Measure); 4] = [
    ("duration", |i| &i.duration),
    ("TTD", |i| &i.ttd),
    ("TTM", |i| &i.ttm),
    ("TTR", |i| &i.ttr),
];

/// The median and 90th percentile of the durations of a group that could be computed, and
/// how many there were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    pub known: usize,
    pub median: Option<SignedDuration>,
    pub p90: Option<SignedDuration>,
}

#[derive(Debug, Clone)]
pub struct Group {
    /// The month (`2024-06`), severity or folder; [`NO_KEY`] when there is none.
    pub key: String,
    pub count: usize,
    /// One per [`MEASURES`], in order.
    pub spreads: [Spread; 4],
}

/// The groups by `by`, in key order (months run oldest first), and the group of all.
pub fn summarize(incidents: &[Incident], by: GroupBy) -> (Vec<Group>, Group) {
    let mut groups: BTreeMap<String, Vec<&Incident>> = BTreeMap::new();
    for i in incidents {
        groups.entry(key(i, by)).or_default().push(i);
    }
    // "(none)" sorts before digits and letters; it reads better last.
    let none = groups.remove(NO_KEY);
    let mut out: Vec<Group> = groups.into_iter().map(|(k, v)| group(k, &v)).collect();
    if let Some(v) = none {
        out.push(group(NO_KEY.to_string(), &v));
    }
    let all: Vec<&Incident> = incidents.iter().collect();
    (out, group("all".to_string(), &all))
}

/// The incident's key under `by`.
pub fn key(i: &Incident, by: GroupBy) -> String {
    let value = match by {
        GroupBy::Month => i
            .date
            .as_ref()
            .ok()
            .map(|d| d.strftime("%Y-%m").to_string()),
        GroupBy::Severity => i.severity.as_ref().ok().cloned(),
        GroupBy::Folder => Some(i.folder.clone()),
    };
    value.unwrap_or_else(|| NO_KEY.to_string())
}

fn group(key: String, incidents: &[&Incident]) -> Group {
    let spreads = MEASURES.map(|(_, get)| {
        let values: Vec<SignedDuration> = incidents
            .iter()
            .filter_map(|i| get(i).as_ref().ok().copied())
            .collect();
        spread(values)
    });
    Group {
        key,
        count: incidents.len(),
        spreads,
    }
}

fn spread(mut values: Vec<SignedDuration>) -> Spread {
    values.sort();
    Spread {
        known: values.len(),
        median: percentile(&values, 50),
        p90: percentile(&values, 90),
    }
}

/// The `p`th percentile of sorted `values`, interpolated linearly between the two nearest
/// ranks (the common spreadsheet and numpy definition: the median of 10 and 20 minutes is
/// 15), to the second.
pub fn percentile(sorted: &[SignedDuration], p: u32) -> Option<SignedDuration> {
    let last = sorted.len().checked_sub(1)?;
    let rank = last as f64 * f64::from(p) / 100.0;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    let (a, b) = (sorted[lo].as_secs_f64(), sorted[hi.min(last)].as_secs_f64());
    let secs = a + (b - a) * (rank - rank.floor());
    Some(SignedDuration::from_secs(secs.round() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mins(v: &[i64]) -> Vec<SignedDuration> {
        v.iter().map(|&m| SignedDuration::from_mins(m)).collect()
    }

    #[test]
    fn percentiles_interpolate_between_ranks() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(
            percentile(&mins(&[7]), 90),
            Some(SignedDuration::from_mins(7))
        );
        assert_eq!(
            percentile(&mins(&[10, 20]), 50),
            Some(SignedDuration::from_mins(15))
        );
        assert_eq!(
            percentile(&mins(&[10, 20, 30]), 50),
            Some(SignedDuration::from_mins(20))
        );
        // Rank 0.9 × 9 = 8.1: 90 + 0.1 × (100 − 90) minutes.
        let ten = mins(&[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
        assert_eq!(percentile(&ten, 90), Some(SignedDuration::from_mins(91)));
    }
}
