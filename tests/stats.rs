//! `pmlint stats` on the fixture postmortems of tests/data/stats: the numbers (zones, a
//! midnight crossing, a stated duration), missing cells and their reasons, each format,
//! `--by`, the chart, and unreadable files.
//!
//! The fixtures, and what each is for (times worked out by hand):
//! - apac/tokyo.md: 08:30–09:15 JST on 2025-01-10 (23:30 UTC the day before), SEV1.
//! - emea/london.md: 01:00–01:40 UTC on 2025-01-10, SEV2: later than Tokyo as an instant,
//!   earlier on the wall clock.
//! - emea/handover.md: starts 16:50 PST, mitigated 01:30 UTC and resolved 02:10 UTC the next
//!   day: 40 and 80 minutes as instants (8h40m and 9h20m on the wall clock).
//! - emea/midnight.md: 23:40 → 00:40 UTC under one date heading.
//! - emea/late-deploy.md: a summary "from 23:30 to 00:45 UTC" with no date.
//! - no-detection.md: no zone, no detection or mitigation entry.
//! - stated.md: the summary states 2 hours 30 minutes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stats")
}

fn stats(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("pmlint")
        .unwrap()
        .current_dir(data())
        .env("NO_COLOR", "1")
        .arg("stats")
        .args(args)
        .assert()
}

fn stdout(args: &[&str]) -> String {
    let out = stats(args).code(0).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(&all)).unwrap()
}

/// The JSON row of `file`.
fn row<'a>(report: &'a Value, file: &str) -> &'a Value {
    report["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["file"] == file)
        .unwrap_or_else(|| panic!("no row for {file}"))
}

fn minutes(row: &Value, key: &str) -> Option<f64> {
    row[key].as_f64()
}

#[test]
fn numbers_come_from_the_summary_window_and_the_timeline() {
    let r = json(&["."]);
    let tokyo = row(&r, "apac/tokyo.md");
    assert_eq!(tokyo["date"], "2025-01-10");
    assert_eq!(tokyo["severity"], "SEV1");
    assert_eq!(tokyo["zone"], "JST");
    assert_eq!(minutes(tokyo, "ttd_minutes"), Some(6.0));
    assert_eq!(minutes(tokyo, "ttm_minutes"), Some(20.0));
    assert_eq!(minutes(tokyo, "ttr_minutes"), Some(45.0));
    assert_eq!(minutes(tokyo, "duration_minutes"), Some(45.0));
    assert_eq!(tokyo["duration_stated"], false);
    let stated = row(&r, "stated.md");
    assert_eq!(minutes(stated, "duration_minutes"), Some(150.0));
    assert_eq!(stated["duration_stated"], true);
    assert_eq!(minutes(stated, "ttd_minutes"), Some(45.0));
}

#[test]
fn times_in_several_zones_are_compared_as_instants() {
    let r = json(&["."]);
    let handover = row(&r, "emea/handover.md");
    assert_eq!(minutes(handover, "ttd_minutes"), Some(15.0));
    assert_eq!(minutes(handover, "ttm_minutes"), Some(40.0));
    assert_eq!(minutes(handover, "ttr_minutes"), Some(80.0));
    assert_eq!(handover["zone"], "PST, UTC");
    // Tokyo's 08:30 JST is 23:30 UTC the day before London's 01:00 UTC: it comes first,
    // though its wall clock is later on the same date.
    assert_eq!(
        row(&r, "apac/tokyo.md")["start_utc"],
        "2025-01-09T23:30:00Z"
    );
    let files: Vec<&str> = r["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["file"].as_str().unwrap())
        .collect();
    let at = |f: &str| files.iter().position(|x| *x == f).unwrap();
    assert!(at("apac/tokyo.md") < at("emea/london.md"), "{files:?}");
    assert!(at("emea/london.md") < at("emea/handover.md"), "{files:?}");
}

#[test]
fn a_midnight_crossing_is_the_next_day() {
    let r = json(&["."]);
    let midnight = row(&r, "emea/midnight.md");
    assert_eq!(minutes(midnight, "ttd_minutes"), Some(12.0));
    assert_eq!(minutes(midnight, "ttm_minutes"), Some(35.0));
    assert_eq!(minutes(midnight, "ttr_minutes"), Some(60.0));
    assert_eq!(midnight["resolved"]["local"], "2025-02-15T00:40:00");
    // No date at all: the summary's end after midnight is still 75 minutes on.
    let late = row(&r, "emea/late-deploy.md");
    assert_eq!(minutes(late, "ttr_minutes"), Some(75.0));
    assert_eq!(minutes(late, "ttm_minutes"), Some(50.0));
    assert_eq!(late["date"], Value::Null);
    let table = stdout(&["emea/midnight.md"]);
    assert!(table.contains("00:40 +1d"), "{table}");
}

#[test]
fn a_missing_cell_is_empty_and_says_why() {
    let r = json(&["no-detection.md"]);
    let row = row(&r, "no-detection.md");
    assert_eq!(row["detected"], Value::Null);
    assert_eq!(row["ttd_minutes"], Value::Null);
    assert_eq!(minutes(row, "ttr_minutes"), Some(65.0));
    assert_eq!(row["missing"]["ttd"], "no timeline entry signals detection");
    assert_eq!(
        row["missing"]["zone"],
        "times have no zone and the document states none"
    );
    let table = stdout(&["--explain-missing", "no-detection.md"]);
    assert!(
        table.contains("no-detection.md: TTD: no timeline entry signals detection"),
        "{table}"
    );
    assert!(!stdout(&["no-detection.md"]).contains("signals detection"));
    let csv = stdout(&["--format", "csv", "--explain-missing", "no-detection.md"]);
    let line = csv.lines().nth(1).unwrap();
    assert!(
        line.starts_with("no-detection.md,Search index rebuild,2025-03-03,"),
        "{line}"
    );
    assert!(line.contains(",65,,,65,"), "{line}");
    assert!(
        line.contains("mitigated: no timeline entry signals mitigation"),
        "{line}"
    );
}

#[test]
fn each_format() {
    let table = stdout(&["emea/london.md"]);
    let mut lines = table.lines();
    assert!(lines.next().unwrap().starts_with("file "));
    assert!(lines.next().unwrap().starts_with("----"));
    let london = lines.next().unwrap();
    for cell in [
        "emea/london.md",
        "2025-01-10",
        "01:00",
        "01:04",
        "01:25",
        "01:40",
        "40m",
        "4m",
        "25m",
        "SEV2",
        "UTC",
    ] {
        assert!(london.contains(cell), "{cell} in {london}");
    }
    let csv = stdout(&["--format", "csv", "emea/london.md"]);
    assert_eq!(
        csv,
        "file,title,date,start,detected,mitigated,resolved,duration_minutes,ttd_minutes,\
         ttm_minutes,ttr_minutes,severity,zone\n\
         emea/london.md,Login failures for EU customers,2025-01-10,01:00,2025-01-10 01:04,\
         2025-01-10 01:25,2025-01-10 01:40,40,4,25,40,SEV2,UTC\n"
    );
    let md = stdout(&["--format", "markdown", "emea/london.md"]);
    assert!(md.starts_with("| file | title | date | start |"), "{md}");
    assert!(md.contains("\n| --- | --- |"), "{md}");
    assert!(
        md.contains("| emea/london.md | Login failures for EU customers | 2025-01-10 | 01:00 |"),
        "{md}"
    );
    assert!(
        md.contains("| all | 1 | 40m | 40m | 4m | 4m | 25m | 25m | 40m | 40m |"),
        "{md}"
    );
    let r = json(&["emea/london.md"]);
    assert_eq!(r["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(r["summary"]["all"]["ttr"]["median_minutes"], 40.0);
}

#[test]
fn the_summary_groups_by_month_severity_and_folder() {
    let r = json(&["."]);
    let groups = |r: &Value| -> Vec<(String, u64)> {
        r["summary"]["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["key"].as_str().unwrap().to_string(),
                    g["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(r["summary"]["by"], "month");
    let month = groups(&r);
    assert_eq!(
        month,
        [
            ("2025-01", 3),
            ("2025-02", 1),
            ("2025-03", 2),
            ("(none)", 1)
        ]
        .map(|(k, n)| (k.to_string(), n))
    );
    // January's TTRs are 40, 45 and 80 minutes: the median is 45, the p90 45 + 0.8 × 35 = 73.
    let jan = &r["summary"]["groups"][0]["ttr"];
    assert_eq!(jan["median_minutes"], 45.0);
    assert_eq!(jan["p90_minutes"], 73.0);
    assert_eq!(r["summary"]["all"]["count"], 7);
    let severity = groups(&json(&["--by", "severity", "."]));
    assert_eq!(
        severity,
        [("SEV1", 2), ("SEV2", 2), ("SEV3", 1), ("(none)", 2)].map(|(k, n)| (k.to_string(), n))
    );
    let folder = groups(&json(&["--by", "folder", "."]));
    assert_eq!(
        folder,
        [(".", 2), ("apac", 1), ("emea", 4)].map(|(k, n)| (k.to_string(), n))
    );
    let table = stdout(&["--by", "severity", "."]);
    assert!(table.contains("\nseverity  incidents"), "{table}");
}

/// The rectangles filled with `color`, as (height).
fn bars(svg: &roxmltree::Document, color: &str) -> Vec<f64> {
    svg.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(color))
        .map(|n| n.attribute("height").unwrap().parse().unwrap())
        .collect()
}

#[test]
fn the_chart_has_a_bar_per_month_and_per_ttr_bin() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chart.svg");
    stats(&["--chart", file.to_str().unwrap(), "."]).code(0);
    let text = std::fs::read_to_string(&file).unwrap();
    let svg = roxmltree::Document::parse(&text).expect("the chart is well-formed SVG");
    assert_eq!(svg.root_element().tag_name().name(), "svg");
    // January (3), February (1), March (2); late-deploy.md has no date.
    let months = bars(&svg, "#4C72B0");
    assert_eq!(months.len(), 3, "{months:?}");
    assert!(months[0] > months[2] && months[2] > months[1], "{months:?}");
    // TTRs: 40 and 45 minutes (30m–1h); 60, 65, 75 and 80 (1–2h); 150 (2–4h).
    let ttr = bars(&svg, "#DD8452");
    assert_eq!(ttr.len(), 3, "{ttr:?}");
    assert!(ttr[1] > ttr[0] && ttr[0] > ttr[2], "{ttr:?}");
    assert!(text.contains("Incidents per month, 6 of 7 dated"));
    assert!(text.contains("30m–1h"));
}

#[test]
fn unreadable_files_are_skipped_and_fail_the_run_only_when_nothing_was_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.md"), b"# Outage\n\xff\xfe broken\n").unwrap();
    std::fs::copy(data().join("stated.md"), dir.path().join("good.md")).unwrap();
    let run = |args: &[&str]| {
        Command::cargo_bin("pmlint")
            .unwrap()
            .current_dir(dir.path())
            .arg("stats")
            .args(args)
            .assert()
    };
    let both = run(&["bad.md", "good.md"]).code(0);
    let err = String::from_utf8(both.get_output().stderr.clone()).unwrap();
    assert!(err.contains("bad.md: is not valid UTF-8"), "{err}");
    let out = String::from_utf8(both.get_output().stdout.clone()).unwrap();
    assert!(out.contains("good.md") && !out.contains("bad.md"), "{out}");
    run(&["bad.md"]).code(2);
    run(&["missing.md"]).code(2);
}
