//! Table-driven tests of `scan`, `find_window` and `to_timestamp` over the forms authors write.

use jiff::civil::{Date, Time, date, time};
use jiff::tz::Offset;

use super::*;

fn zones() -> &'static Zones {
    Zones::builtin()
}

fn fixed(hours: i8) -> ZoneKind {
    ZoneKind::Fixed(Offset::constant(hours))
}

/// Scans `text` and returns its only time, failing on anything else.
fn only_time(text: &str) -> TimeMention {
    let scan = scan(text, zones());
    assert_eq!(scan.malformed, [], "{text}: unexpected malformed");
    assert_eq!(scan.times.len(), 1, "{text}: {:?}", scan.times);
    scan.times.into_iter().next().expect("one time")
}

#[test]
fn clock_forms() {
    let cases: &[(&str, &str, Time, ClockStyle)] = &[
        ("at 14:05 we", "14:05", time(14, 5, 0, 0), ClockStyle::H24),
        ("14:05:09", "14:05:09", time(14, 5, 9, 0), ClockStyle::H24),
        ("09:05", "09:05", time(9, 5, 0, 0), ClockStyle::H24),
        ("0:05", "0:05", time(0, 5, 0, 0), ClockStyle::H24),
        ("2:05 PM", "2:05 PM", time(14, 5, 0, 0), ClockStyle::H12),
        ("2:05pm", "2:05pm", time(14, 5, 0, 0), ClockStyle::H12),
        ("2:05 p.m.", "2:05 p.m.", time(14, 5, 0, 0), ClockStyle::H12),
        (
            "2:05 P.M. sharp",
            "2:05 P.M.",
            time(14, 5, 0, 0),
            ClockStyle::H12,
        ),
        ("2:05 Pm", "2:05 Pm", time(14, 5, 0, 0), ClockStyle::H12),
        ("2 PM", "2 PM", time(14, 0, 0, 0), ClockStyle::H12),
        ("at 2pm.", "2pm", time(14, 0, 0, 0), ClockStyle::H12),
        ("3 a.m.", "3 a.m.", time(3, 0, 0, 0), ClockStyle::H12),
        ("12 AM", "12 AM", time(0, 0, 0, 0), ClockStyle::H12),
        ("12:30 AM", "12:30 AM", time(0, 30, 0, 0), ClockStyle::H12),
        ("12 PM", "12 PM", time(12, 0, 0, 0), ClockStyle::H12),
        ("12:05 pm", "12:05 pm", time(12, 5, 0, 0), ClockStyle::H12),
        ("12 noon", "12 noon", time(12, 0, 0, 0), ClockStyle::H12),
        (
            "12 midnight",
            "12 midnight",
            time(0, 0, 0, 0),
            ClockStyle::H12,
        ),
        (
            "**0640hrs** =>",
            "0640hrs",
            time(6, 40, 0, 0),
            ClockStyle::Military,
        ),
        (
            "0640 hrs",
            "0640 hrs",
            time(6, 40, 0, 0),
            ClockStyle::Military,
        ),
        (
            "0640HRS",
            "0640HRS",
            time(6, 40, 0, 0),
            ClockStyle::Military,
        ),
        ("14:05hrs", "14:05hrs", time(14, 5, 0, 0), ClockStyle::H24),
        ("14h05", "14h05", time(14, 5, 0, 0), ClockStyle::H24),
        ("*14:05*", "14:05", time(14, 5, 0, 0), ClockStyle::H24),
        ("10:00-11:00", "10:00", time(10, 0, 0, 0), ClockStyle::H24),
        ("7.40pm", "7.40pm", time(19, 40, 0, 0), ClockStyle::Dotted),
        (
            "15.25 - restart",
            "15.25",
            time(15, 25, 0, 0),
            ClockStyle::Dotted,
        ),
        (
            "- **15.25** restart",
            "15.25",
            time(15, 25, 0, 0),
            ClockStyle::Dotted,
        ),
        (
            "1. 09.10 alert",
            "09.10",
            time(9, 10, 0, 0),
            ClockStyle::Dotted,
        ),
        (
            "14:05:09.250",
            "14:05:09.250",
            time(14, 5, 9, 0),
            ClockStyle::H24,
        ),
    ];
    for (text, clock, expected, style) in cases {
        let scan = scan(text, zones());
        assert_eq!(scan.malformed, [], "{text}");
        let first = scan
            .times
            .first()
            .unwrap_or_else(|| panic!("{text}: no time"));
        assert_eq!(&text[first.time_span.clone()], *clock, "{text}");
        assert_eq!(first.time, *expected, "{text}");
        assert_eq!(first.style, *style, "{text}");
    }
}

#[test]
fn zones_attached_to_times() {
    let lagos = ZoneKind::Iana("Africa/Lagos".into());
    let cases: &[(&str, &str, ZoneKind)] = &[
        ("14:00 WAT", "14:00 WAT", fixed(1)),
        ("**14:00 WAT**: alert", "14:00 WAT", fixed(1)),
        ("**14:00** WAT", "14:00** WAT", fixed(1)),
        ("2:00 PM (GMT +2)", "2:00 PM (GMT +2)", fixed(2)),
        ("2:00 PM (GMT+2) then", "2:00 PM (GMT+2)", fixed(2)),
        ("14:05Z", "14:05Z", fixed(0)),
        ("1405Z", "1405Z", fixed(0)),
        ("14:05 UTC", "14:05 UTC", fixed(0)),
        ("14:05 utc", "14:05 utc", fixed(0)),
        ("14:05 UTC+1", "14:05 UTC+1", fixed(1)),
        ("14:05 UTC +1", "14:05 UTC +1", fixed(1)),
        ("14:05 GMT-5", "14:05 GMT-5", fixed(-5)),
        ("14:05 UTC−4", "14:05 UTC−4", fixed(-4)),
        ("14:05 GMT -05:00", "14:05 GMT -05:00", fixed(-5)),
        ("14:05 (GMT+1)", "14:05 (GMT+1)", fixed(1)),
        ("14:05 +01:00", "14:05 +01:00", fixed(1)),
        ("14:05+0100", "14:05+0100", fixed(1)),
        ("14:05, EAT", "14:05, EAT", fixed(3)),
        ("10:00 AM PST:", "10:00 AM PST", fixed(-8)),
        (
            "10:00 AM PT",
            "10:00 AM PT",
            ZoneKind::Iana("America/Los_Angeles".into()),
        ),
        (
            "10:00 Pacific Time",
            "10:00 Pacific Time",
            ZoneKind::Iana("America/Los_Angeles".into()),
        ),
        ("14:00 Africa/Lagos", "14:00 Africa/Lagos", lagos.clone()),
        (
            "17:18 (Africa/Lagos, GMT+1) to",
            "17:18 (Africa/Lagos, GMT+1)",
            lagos,
        ),
    ];
    for (text, span, kind) in cases {
        let t = only_time(text);
        assert_eq!(&text[t.span.clone()], *span, "{text}");
        assert_eq!(t.zone.map(|z| z.kind), Some(kind.clone()), "{text}");
    }
}

#[test]
fn a_parenthesis_never_swallows_the_next_time() {
    let text = "14:05 (UTC, 15:00 local)";
    let scan = scan(text, zones());
    let spans: Vec<&str> = scan.times.iter().map(|t| &text[t.span.clone()]).collect();
    assert_eq!(spans, ["14:05 (UTC", "15:00"]);
}

#[test]
fn ambiguous_and_unknown_zones() {
    let t = only_time("09:00 IST");
    assert!(matches!(
        t.zone.map(|z| z.kind),
        Some(ZoneKind::Ambiguous { .. })
    ));
    // "ABC" is not a zone: the time stays without one and nothing else is claimed.
    let scan = scan("09:00 ABC", zones());
    assert_eq!(scan.times[0].zone, None);
    assert_eq!(scan.zones, []);
}

#[test]
fn dates_attached_to_times() {
    /// Text, expected span, date, time, zone, style.
    type Case = (
        &'static str,
        &'static str,
        Date,
        Time,
        Option<ZoneKind>,
        ClockStyle,
    );
    let cases: &[Case] = &[
        (
            "2024-06-19T14:05:00Z",
            "2024-06-19T14:05:00Z",
            date(2024, 6, 19),
            time(14, 5, 0, 0),
            Some(fixed(0)),
            ClockStyle::Iso,
        ),
        (
            "2024-06-19T14:05+01:00",
            "2024-06-19T14:05+01:00",
            date(2024, 6, 19),
            time(14, 5, 0, 0),
            Some(fixed(1)),
            ClockStyle::Iso,
        ),
        (
            "2024-06-19 14:05 UTC",
            "2024-06-19 14:05 UTC",
            date(2024, 6, 19),
            time(14, 5, 0, 0),
            Some(fixed(0)),
            ClockStyle::Iso,
        ),
        (
            "June 19, 2024, 14:00 WAT",
            "June 19, 2024, 14:00 WAT",
            date(2024, 6, 19),
            time(14, 0, 0, 0),
            Some(fixed(1)),
            ClockStyle::H24,
        ),
        (
            "14:00 on June 19, 2024",
            "14:00 on June 19, 2024",
            date(2024, 6, 19),
            time(14, 0, 0, 0),
            None,
            ClockStyle::H24,
        ),
        (
            "17:18 April 29, 2023 (Africa/Lagos, GMT+1) to",
            "17:18 April 29, 2023 (Africa/Lagos, GMT+1)",
            date(2023, 4, 29),
            time(17, 18, 0, 0),
            Some(ZoneKind::Iana("Africa/Lagos".into())),
            ClockStyle::H24,
        ),
        (
            "May 10, 2024, 10:00 AM - x",
            "May 10, 2024, 10:00 AM",
            date(2024, 5, 10),
            time(10, 0, 0, 0),
            None,
            ClockStyle::H12,
        ),
        (
            "19 June 2024 at 09:30",
            "19 June 2024 at 09:30",
            date(2024, 6, 19),
            time(9, 30, 0, 0),
            None,
            ClockStyle::H24,
        ),
        (
            "Monday, March 4, 2024 2:05 PM",
            "Monday, March 4, 2024 2:05 PM",
            date(2024, 3, 4),
            time(14, 5, 0, 0),
            None,
            ClockStyle::H12,
        ),
        (
            "14:00 UTC on 2024-06-19",
            "14:00 UTC on 2024-06-19",
            date(2024, 6, 19),
            time(14, 0, 0, 0),
            Some(fixed(0)),
            ClockStyle::H24,
        ),
        (
            "8 PM (Nov 10, 2023)",
            "8 PM (Nov 10, 2023)",
            date(2023, 11, 10),
            time(20, 0, 0, 0),
            None,
            ClockStyle::H12,
        ),
    ];
    for (text, span, d, t, zone, style) in cases {
        let m = only_time(text);
        assert_eq!(&text[m.span.clone()], *span, "{text}");
        assert_eq!(m.date, Some(*d), "{text}");
        assert_eq!(m.time, *t, "{text}");
        assert_eq!(m.zone.map(|z| z.kind), zone.clone(), "{text}");
        assert_eq!(m.style, *style, "{text}");
    }
}

#[test]
fn dates_on_their_own_and_weekday_mismatch() {
    let scan = scan("### June 19, 2024", zones());
    assert_eq!(scan.times, []);
    assert_eq!(scan.dates.len(), 1);
    assert_eq!(scan.dates[0].date, date(2024, 6, 19));

    let m = only_time("Monday, March 9, 2024 at 10:00");
    let mismatch = m.weekday_mismatch.expect("March 9, 2024 is a Saturday");
    assert_eq!(mismatch.actual, jiff::civil::Weekday::Saturday);
}

#[test]
fn malformed_times() {
    let cases: &[(&str, &str, Option<&str>, Option<Time>)] = &[
        (
            "By 7:40: PM, the team",
            "7:40: PM",
            Some("7:40 PM"),
            Some(time(19, 40, 0, 0)),
        ),
        (
            "13:15 PM (GMT +2)",
            "13:15 PM (GMT +2)",
            Some("13:15"),
            Some(time(13, 15, 0, 0)),
        ),
        (
            "23:59 PM",
            "23:59 PM",
            Some("23:59"),
            Some(time(23, 59, 0, 0)),
        ),
        (
            "(13:20pm ~ x)",
            "13:20pm",
            Some("13:20"),
            Some(time(13, 20, 0, 0)),
        ),
        ("25:10", "25:10", None, None),
        ("9:75", "9:75", None, None),
        ("24:00", "24:00", Some("00:00"), Some(time(0, 0, 0, 0))),
        (
            "2400hrs",
            "2400hrs",
            Some("0000hrs"),
            Some(time(0, 0, 0, 0)),
        ),
        ("0675hrs", "0675hrs", None, None),
        ("--:-- outage", "--:--", None, None),
        ("HH:MM TZ", "HH:MM", None, None),
        ("10:00 M", "10:00 M", None, Some(time(10, 0, 0, 0))),
        ("3:AM", "3:AM", Some("3 AM"), Some(time(3, 0, 0, 0))),
        (
            "0:30 AM",
            "0:30 AM",
            Some("12:30 AM"),
            Some(time(0, 30, 0, 0)),
        ),
        ("13 PM", "13 PM", Some("13:00"), Some(time(13, 0, 0, 0))),
        ("0 am", "0 am", Some("12 am"), Some(time(0, 0, 0, 0))),
    ];
    for (text, span, suggestion, likely) in cases {
        let scan = scan(text, zones());
        assert_eq!(scan.times, [], "{text}");
        assert_eq!(scan.malformed.len(), 1, "{text}: {:?}", scan.malformed);
        let m = &scan.malformed[0];
        assert_eq!(&text[m.span.clone()], *span, "{text}");
        assert_eq!(m.suggestion.as_deref(), *suggestion, "{text}");
        assert_eq!(m.likely_time, *likely, "{text}");
        assert!(!m.problem.is_empty());
    }
    let stray = &scan("7:40: PM", zones()).malformed[0];
    assert_eq!(stray.problem, "stray colon before PM");
    let zoned = &scan("13:15 PM (GMT +2)", zones()).malformed[0];
    assert_eq!(zoned.zone.as_ref().map(|z| z.kind.clone()), Some(fixed(2)));
}

#[test]
fn not_times() {
    for text in [
        "upgraded to 1.25.3",
        "v2.4.1",
        "ping 10.0.0.1",
        "10.10.1.5 was down",
        "1.25.3 at the start",
        "curl 192.168.1.10:8080",
        "listening on :8080",
        "localhost:8080",
        "a ratio of 3:1",
        "HTTP 500",
        "24/7 support",
        "John 3:16",
        "see line 12:30 of the log",
        "the final score was 2:1",
        "final score 21:14",
        "a 1:1 meeting",
        "in 2024",
        "call +1 555 123 4567",
        "x86_64",
        "100MB",
        "99.95% of requests",
        "15.25% at the start",
        "commit a3f9:12ab",
        "hash 1405ab",
        "php7.4",
        "0x19",
        "version 15.25 shipped",
        "about 1500 users",
        "a1405Z",
        "offset +01:00 alone",
        "12:30:45:67",
        "10:30.5 seconds",
        "aspect 16:10",
        "at 2024 PM",
    ] {
        let scan = scan(text, zones());
        assert_eq!(scan.times, [], "{text}");
        assert_eq!(scan.malformed, [], "{text}");
    }
}

#[test]
fn unattached_zones_and_durations_in_a_scan() {
    let scan = scan(
        "All times in UTC. The outage lasted 1 hour and 5 minutes, from 14:00 to 15:05 UTC.",
        zones(),
    );
    assert_eq!(scan.zones.len(), 1);
    assert_eq!(scan.zones[0].text, "UTC");
    assert_eq!(scan.times.len(), 2);
    assert_eq!(scan.durations.len(), 1);
    assert_eq!(
        scan.durations[0].duration,
        jiff::SignedDuration::from_mins(65)
    );
    // "0640hrs" is a time, not 640 hours.
    assert_eq!(super::scan("**0640hrs**", zones()).durations, []);
}

#[test]
fn windows() {
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "At 3:00 PM UTC the release was due. It failed, and the old page was served until 5:01 PM UTC.",
            "3:00 PM UTC",
            "5:01 PM UTC",
            None,
        ),
        (
            "From 6:00 AM to 7:50 PM GMT, requests failed.",
            "6:00 AM",
            "7:50 PM GMT",
            Some("GMT"),
        ),
        (
            "from around **0700hrs** to **0900hrs**",
            "0700hrs",
            "0900hrs",
            None,
        ),
        (
            "between 14:00 and 15:30 UTC",
            "14:00",
            "15:30 UTC",
            Some("UTC"),
        ),
        (
            "May 10, 2024, 10:00 AM - May 10, 2024, 12:30 PM (UTC)",
            "May 10, 2024, 10:00 AM",
            "May 10, 2024, 12:30 PM (UTC)",
            Some("UTC"),
        ),
        (
            "Outage: August 1, 2024, 14:00 - 16:30 UTC",
            "August 1, 2024, 14:00",
            "16:30 UTC",
            Some("UTC"),
        ),
        ("10:00 – 11:00", "10:00", "11:00", None),
        ("9:00 ~ 9:30", "9:00", "9:30", None),
        (
            "- **Start**: June 19, 2024, 14:00 WAT\n- **End**: June 19, 2024, 15:00 WAT",
            "June 19, 2024, 14:00 WAT",
            "June 19, 2024, 15:00 WAT",
            None,
        ),
        (
            "Start Date & Time: 2024-06-19 14:00\nEnd Date & Time: 2024-06-19 16:00",
            "2024-06-19 14:00",
            "2024-06-19 16:00",
            None,
        ),
        (
            "Duration: 30 mins, from 13:20 to 13:50 EAT",
            "13:20",
            "13:50 EAT",
            Some("EAT"),
        ),
        (
            "The alert fired at 09:00. We were notified at 9:15 and from 9:20 until 10:00 we",
            "9:20",
            "10:00",
            None,
        ),
    ];
    for (text, start, end, shared) in cases {
        let scan = scan(text, zones());
        let w = find_window(text, &scan).unwrap_or_else(|| panic!("{text}: no window"));
        assert_eq!(&text[scan.times[w.start].span.clone()], *start, "{text}");
        assert_eq!(&text[scan.times[w.end].span.clone()], *end, "{text}");
        assert_eq!(w.shared_zone.map(|z| z.text).as_deref(), *shared, "{text}");
    }
    for text in [
        "At 14:00 the alert fired; at 15:00 it was resolved.",
        "14:00",
        "",
    ] {
        assert_eq!(find_window(text, &scan(text, zones())), None, "{text}");
    }
}

#[test]
fn timestamps() {
    let d = date(2024, 6, 19);
    let t = time(14, 0, 0, 0);
    let utc = to_timestamp(d, t, &fixed(0)).expect("fixed");
    let lagos = to_timestamp(d, t, &ZoneKind::Iana("Africa/Lagos".into())).expect("iana");
    let wat = to_timestamp(d, t, &fixed(1)).expect("fixed");
    assert_eq!(lagos, wat);
    assert_eq!(utc.duration_since(wat), jiff::SignedDuration::from_hours(1));
    let ambiguous = ZoneKind::Ambiguous {
        candidates: vec!["a".into(), "b".into()],
    };
    assert_eq!(to_timestamp(d, t, &ambiguous), None);
    // DST-dependent names follow the date: Pacific Time is -07:00 in June, -08:00 in January.
    let pt = ZoneKind::Iana("America/Los_Angeles".into());
    let summer = to_timestamp(d, t, &pt).expect("iana");
    assert_eq!(summer, to_timestamp(d, t, &fixed(-7)).expect("fixed"));
    let winter = to_timestamp(REFERENCE_DATE, t, &pt).expect("iana");
    assert_eq!(
        winter,
        to_timestamp(REFERENCE_DATE, t, &fixed(-8)).expect("fixed")
    );
}

#[test]
fn gmt_plus_one_is_ahead_of_utc() {
    let t = only_time("12:00 GMT+1");
    let stamp = to_timestamp(REFERENCE_DATE, t.time, &t.zone.expect("zone").kind).expect("fixed");
    let noon_utc = to_timestamp(REFERENCE_DATE, t.time, &fixed(0)).expect("fixed");
    assert_eq!(
        noon_utc.duration_since(stamp),
        jiff::SignedDuration::from_hours(1)
    );
}

/// Guards against quadratic passes: a large block of time-like noise scans quickly.
#[test]
fn long_blocks_scan_in_linear_time() {
    let unit = "12:30 00 June x 5 1.25 John 3:16 UTC 2 hours, from 9:00 to 10:00 ";
    let small = unit.repeat(100);
    let large = unit.repeat(1_000);
    let timed = |text: &str| {
        let start = std::time::Instant::now();
        let s = scan(text, zones());
        let _ = find_window(text, &s);
        (start.elapsed(), s.times.len())
    };
    let (small_time, small_count) = timed(&small);
    let (large_time, large_count) = timed(&large);
    assert_eq!(large_count, small_count * 10);
    // Ten times the input may take at most ~30 times as long (allowing for noise).
    assert!(
        large_time < small_time * 30 + std::time::Duration::from_millis(200),
        "{small_time:?} vs {large_time:?}"
    );
}

#[test]
fn an_offset_ending_a_timeline_label_is_read_whole() {
    let t = only_time("- 9:00 AM GMT+2: the issue was detected");
    assert_eq!(t.zone.map(|z| z.kind), Some(fixed(2)));
}
