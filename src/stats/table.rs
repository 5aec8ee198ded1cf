//! The stats as text: a terminal table, CSV, JSON or Markdown. Rows come in the order they
//! are given; a cell that could not be computed is empty, and `--explain-missing` says why.

use std::fmt::Write as _;

use jiff::SignedDuration;
use serde_json::{Value, json};

use super::metrics::{Cell, Incident, has_full_date};
use super::summary::{Group, GroupBy, MEASURES, Spread};
use crate::document::timeline::TimePoint;

/// `pmlint stats --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

/// Everything one report shows.
pub struct Report<'a> {
    pub incidents: &'a [Incident],
    pub by: GroupBy,
    pub groups: &'a [Group],
    pub all: &'a Group,
    pub explain_missing: bool,
}

const HEADER: [&str; 13] = [
    "file",
    "title",
    "date",
    "start",
    "detected",
    "mitigated",
    "resolved",
    "duration",
    "TTD",
    "TTM",
    "TTR",
    "severity",
    "zone",
];

/// The longest title the terminal table shows; CSV, JSON and Markdown have it whole.
const TITLE_WIDTH: usize = 40;

pub fn render(format: StatsFormat, report: &Report) -> String {
    match format {
        StatsFormat::Table => text_table(report),
        StatsFormat::Csv => csv(report),
        StatsFormat::Json => json(report),
        StatsFormat::Markdown => markdown(report),
    }
}

/// A duration the way an on-call engineer writes it: `22m`, `1h58m`, `4h35m08s`, `2d3h10m`.
pub fn duration(d: SignedDuration) -> String {
    let total = d.as_secs().unsigned_abs();
    let (days, hours, mins, secs) = (
        total / 86_400,
        total % 86_400 / 3_600,
        total % 3_600 / 60,
        total % 60,
    );
    let mut out = String::new();
    if days > 0 {
        let _ = write!(out, "{days}d{hours}h{mins:02}m");
    } else if hours > 0 {
        let _ = write!(out, "{hours}h{mins:02}m");
    } else {
        let _ = write!(out, "{mins}m");
    }
    if secs > 0 {
        let _ = write!(out, "{secs:02}s");
    }
    out
}

/// A moment's clock (and date, with `with_date`), then `+1d` if it is days after the start,
/// and its zone if that is not the start's.
fn moment(p: &TimePoint, start: Option<&TimePoint>, with_date: bool) -> String {
    let clock = if p.time.second() == 0 {
        p.time.strftime("%H:%M").to_string()
    } else {
        p.time.strftime("%H:%M:%S").to_string()
    };
    let mut out = if with_date && has_full_date(p) {
        format!("{} {clock}", p.date)
    } else {
        clock
    };
    let Some(s) = start else { return out };
    if !(with_date && has_full_date(p)) && p.date_known == s.date_known {
        let days = (p.date - s.date).get_days();
        if days > 0 {
            let _ = write!(out, " +{days}d");
        }
    }
    let zone = |p: &TimePoint| p.zone.as_ref().map(|z| z.text.clone());
    if let Some(z) = zone(p).filter(|z| Some(z) != zone(s).as_ref()) {
        let _ = write!(out, " {z}");
    }
    out
}

/// The row's cells as text, in [`HEADER`] order.
fn cells(i: &Incident, with_date: bool) -> [String; 13] {
    let start = i.start.as_ref().ok();
    let point = |c: &Cell<TimePoint>| {
        c.as_ref()
            .map_or_else(|_| String::new(), |p| moment(p, start, with_date))
    };
    let span =
        |c: &Cell<SignedDuration>| c.as_ref().map_or_else(|_| String::new(), |d| duration(*d));
    let text = |c: &Cell<String>| c.clone().unwrap_or_default();
    [
        i.file.clone(),
        text(&i.title),
        i.date
            .as_ref()
            .map_or_else(|_| String::new(), ToString::to_string),
        start.map_or_else(String::new, |p| moment(p, None, with_date)),
        point(&i.detected),
        point(&i.mitigated),
        point(&i.resolved),
        span(&i.duration),
        span(&i.ttd),
        span(&i.ttm),
        span(&i.ttr),
        text(&i.severity),
        text(&i.zone),
    ]
}

/// Each missing cell of the row with its reason, in [`HEADER`] order.
pub fn missing(i: &Incident) -> Vec<(&'static str, &str)> {
    fn why<T>(c: &Cell<T>) -> Option<&str> {
        c.as_ref().err().map(String::as_str)
    }
    let reasons = [
        why(&i.title),
        why(&i.date),
        why(&i.start),
        why(&i.detected),
        why(&i.mitigated),
        why(&i.resolved),
        why(&i.duration),
        why(&i.ttd),
        why(&i.ttm),
        why(&i.ttr),
        why(&i.severity),
        why(&i.zone),
    ];
    HEADER[1..]
        .iter()
        .zip(reasons)
        .filter_map(|(h, r)| Some((*h, r?)))
        .collect()
}

fn summary_header(by: GroupBy) -> Vec<String> {
    let mut h = vec![format!("{by:?}").to_lowercase(), "incidents".to_string()];
    for (name, _) in MEASURES {
        h.push(format!("{name} p50"));
        h.push(format!("{name} p90"));
    }
    h
}

fn summary_row(g: &Group) -> Vec<String> {
    let show = |d: Option<SignedDuration>| d.map(duration).unwrap_or_default();
    let mut row = vec![g.key.clone(), g.count.to_string()];
    for s in &g.spreads {
        row.push(show(s.median));
        row.push(show(s.p90));
    }
    row
}

fn text_table(r: &Report) -> String {
    let header: Vec<String> = HEADER.iter().map(ToString::to_string).collect();
    let rows: Vec<Vec<String>> = r
        .incidents
        .iter()
        .map(|i| {
            let mut c = cells(i, false).to_vec();
            c[1] = cut(&c[1], TITLE_WIDTH);
            c
        })
        .collect();
    let mut out = aligned(&header, &rows);
    out.push('\n');
    let mut groups: Vec<Vec<String>> = r.groups.iter().map(summary_row).collect();
    groups.push(summary_row(r.all));
    out.push_str(&aligned(&summary_header(r.by), &groups));
    if r.explain_missing {
        out.push_str(&missing_list(r.incidents, "  "));
    }
    out
}

/// Columns padded to their widest cell, two spaces apart, under a rule.
fn aligned(header: &[String], rows: &[Vec<String>]) -> String {
    let width = |c: &str| c.chars().count();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - width(c))))
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

fn missing_list(incidents: &[Incident], indent: &str) -> String {
    let mut out = String::from("\nmissing cells:\n");
    for i in incidents {
        for (column, why) in missing(i) {
            let _ = writeln!(out, "{indent}{}: {column}: {why}", i.file);
        }
    }
    out
}

fn csv(r: &Report) -> String {
    let mut header: Vec<&str> = HEADER.to_vec();
    for (h, m) in header[7..11].iter_mut().zip(MINUTE_COLUMNS) {
        *h = m;
    }
    if r.explain_missing {
        header.push("missing");
    }
    let mut out = csv_line(header.iter().map(|s| s.to_string()));
    for i in r.incidents {
        let mut c = cells(i, true).to_vec();
        for (cell, get) in c[7..11].iter_mut().zip(MEASURES) {
            *cell = get.1(i)
                .as_ref()
                .map_or_else(|_| String::new(), |d| minutes(*d));
        }
        if r.explain_missing {
            let reasons: Vec<String> = missing(i)
                .iter()
                .map(|(col, why)| format!("{col}: {why}"))
                .collect();
            c.push(reasons.join("; "));
        }
        out.push_str(&csv_line(c.into_iter()));
    }
    out
}

/// CSV and JSON give durations in minutes (to the second, as a fraction).
const MINUTE_COLUMNS: [&str; 4] = [
    "duration_minutes",
    "ttd_minutes",
    "ttm_minutes",
    "ttr_minutes",
];

fn minutes(d: SignedDuration) -> String {
    let secs = d.as_secs();
    if secs % 60 == 0 {
        (secs / 60).to_string()
    } else {
        format!("{:.2}", secs as f64 / 60.0)
    }
}

/// One CSV record (RFC 4180: a field with a comma, quote or line break is quoted).
fn csv_line(fields: impl Iterator<Item = String>) -> String {
    let quoted: Vec<String> = fields
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f
            }
        })
        .collect();
    quoted.join(",") + "\n"
}

fn markdown(r: &Report) -> String {
    let header: Vec<String> = HEADER.iter().map(ToString::to_string).collect();
    let rows: Vec<Vec<String>> = r
        .incidents
        .iter()
        .map(|i| cells(i, false).to_vec())
        .collect();
    let mut out = md_table(&header, &rows);
    out.push('\n');
    let mut groups: Vec<Vec<String>> = r.groups.iter().map(summary_row).collect();
    groups.push(summary_row(r.all));
    out.push_str(&md_table(&summary_header(r.by), &groups));
    if r.explain_missing {
        out.push_str(&missing_list(r.incidents, "- "));
    }
    out
}

fn md_table(header: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        let escaped: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        format!("| {} |\n", escaped.join(" | "))
    };
    let mut out = line(header);
    out.push_str(&line(&vec!["---".to_string(); header.len()]));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

fn json(r: &Report) -> String {
    let incidents: Vec<Value> = r.incidents.iter().map(incident_json).collect();
    let group = |g: &Group| {
        let mut v = json!({ "key": g.key, "count": g.count });
        for ((name, _), s) in MEASURES.iter().zip(&g.spreads) {
            v[name.to_lowercase()] = spread_json(s);
        }
        v
    };
    let out = json!({
        "incidents": incidents,
        "summary": {
            "by": format!("{:?}", r.by).to_lowercase(),
            "groups": r.groups.iter().map(group).collect::<Vec<_>>(),
            "all": group(r.all),
        },
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

fn spread_json(s: &Spread) -> Value {
    let m = |d: Option<SignedDuration>| d.map(|d| d.as_secs() as f64 / 60.0);
    json!({ "known": s.known, "median_minutes": m(s.median), "p90_minutes": m(s.p90) })
}

fn incident_json(i: &Incident) -> Value {
    let point = |c: &Cell<TimePoint>| match c {
        Ok(p) => json!({
            "local": if has_full_date(p) { p.civil().to_string() } else { p.time.to_string() },
            "zone": p.zone.as_ref().map(|z| z.text.clone()),
            "utc": p.instant().filter(|_| has_full_date(p)).map(|t| t.to_string()),
        }),
        Err(_) => Value::Null,
    };
    let mins = |c: &Cell<SignedDuration>| c.as_ref().ok().map(|d| d.as_secs() as f64 / 60.0);
    let missing: serde_json::Map<String, Value> = missing(i)
        .into_iter()
        .map(|(k, v)| (k.to_lowercase(), Value::from(v)))
        .collect();
    json!({
        "file": i.file,
        "title": i.title.as_ref().ok(),
        "date": i.date.as_ref().ok().map(ToString::to_string),
        "start": point(&i.start),
        "start_utc": i.start_instant.map(|t| t.to_string()),
        "detected": point(&i.detected),
        "mitigated": point(&i.mitigated),
        "resolved": point(&i.resolved),
        "duration_minutes": mins(&i.duration),
        "duration_stated": i.duration_stated,
        "ttd_minutes": mins(&i.ttd),
        "ttm_minutes": mins(&i.ttm),
        "ttr_minutes": mins(&i.ttr),
        "severity": i.severity.as_ref().ok(),
        "zone": i.zone.as_ref().ok(),
        "missing": missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_engineers_write_them() {
        let s = SignedDuration::from_secs;
        assert_eq!(duration(s(0)), "0m");
        assert_eq!(duration(s(22 * 60)), "22m");
        assert_eq!(duration(s(118 * 60)), "1h58m");
        assert_eq!(duration(s(4 * 3600 + 35 * 60 + 8)), "4h35m08s");
        assert_eq!(duration(s(2 * 86_400 + 3 * 3600 + 600)), "2d3h10m");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let line = csv_line(["a", "b,c", "say \"hi\""].into_iter().map(String::from));
        assert_eq!(line, "a,\"b,c\",\"say \"\"hi\"\"\"\n");
    }
}
