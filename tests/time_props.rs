//! Properties of the time scanner: it never panics, and every supported way of writing a
//! (date, time, zone) is read back as exactly that.

use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use pmlint::time::{ZoneKind, Zones, find_window, scan, zone_declaration};
use proptest::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Zones as written after a time, with what they mean.
fn zone_forms() -> Vec<(&'static str, ZoneKind)> {
    let fixed = |h: i8| ZoneKind::Fixed(Offset::constant(h));
    let ist = Zones::builtin()
        .abbreviation("IST")
        .cloned()
        .expect("IST in table");
    vec![
        (" UTC", fixed(0)),
        (" gmt", fixed(0)),
        (" WAT", fixed(1)),
        (" EAT", fixed(3)),
        (" +01:00", fixed(1)),
        ("-0500", fixed(-5)),
        (" UTC+1", fixed(1)),
        (" GMT -5", fixed(-5)),
        (" (GMT+2)", fixed(2)),
        (", CET", fixed(1)),
        (" Africa/Lagos", ZoneKind::Iana("Africa/Lagos".into())),
        (" PT", ZoneKind::Iana("America/Los_Angeles".into())),
        (" IST", ist),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Style {
    H24,
    H24Seconds,
    H12 { meridiem: usize, space: bool },
    BareHour12 { meridiem: usize },
    Military,
    MilitaryZulu,
    IsoT,
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![
        Just(Style::H24),
        Just(Style::H24Seconds),
        (0..4usize, any::<bool>()).prop_map(|(meridiem, space)| Style::H12 { meridiem, space }),
        (0..4usize).prop_map(|meridiem| Style::BareHour12 { meridiem }),
        Just(Style::Military),
        Just(Style::MilitaryZulu),
        Just(Style::IsoT),
    ]
}

fn clock(style: Style, t: Time) -> String {
    let (h, m, s) = (t.hour(), t.minute(), t.second());
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    let pm = h >= 12;
    let meridiem = |i: usize| {
        let forms = if pm {
            ["PM", "pm", "p.m.", "P.M."]
        } else {
            ["AM", "am", "a.m.", "A.M."]
        };
        forms[i]
    };
    match style {
        Style::H24 => format!("{h}:{m:02}"),
        Style::H24Seconds => format!("{h:02}:{m:02}:{s:02}"),
        Style::H12 { meridiem: i, space } => {
            format!(
                "{h12}:{m:02}{}{}",
                if space { " " } else { "" },
                meridiem(i)
            )
        }
        Style::BareHour12 { meridiem: i } => format!("{h12} {}", meridiem(i)),
        Style::Military => format!("{h:02}{m:02}hrs"),
        Style::MilitaryZulu => format!("{h:02}{m:02}Z"),
        Style::IsoT => format!("T{h:02}:{m:02}:{s:02}Z"),
    }
}

/// Drops what a style cannot express (seconds, minutes) from the generated time.
fn expressible(style: Style, t: Time) -> Time {
    let keep_seconds = matches!(style, Style::H24Seconds | Style::IsoT);
    let minute = if matches!(style, Style::BareHour12 { .. }) {
        0
    } else {
        t.minute()
    };
    let second = if keep_seconds { t.second() } else { 0 };
    Time::new(t.hour(), minute, second, 0).expect("valid time")
}

fn date_text(form: usize, d: Date) -> String {
    let month = MONTHS[usize::try_from(d.month() - 1).expect("month")];
    match form {
        0 => d.to_string(),
        1 => format!("{month} {}, {}", d.day(), d.year()),
        _ => format!("{} {month} {}", d.day(), d.year()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn scan_never_panics(text in any::<String>()) {
        let s = scan(&text, Zones::builtin());
        let _ = find_window(&text, &s);
        let _ = zone_declaration(&text, Zones::builtin());
    }

    #[test]
    fn scan_never_panics_on_time_like_text(text in r"[0-9:.,;apmAPMhrsHRSZTUCGMWAIST+\-−–~()/*_ é中\n]{0,60}") {
        let s = scan(&text, Zones::builtin());
        for span in s.times.iter().map(|t| t.span.clone())
            .chain(s.malformed.iter().map(|m| m.span.clone()))
            .chain(s.durations.iter().map(|d| d.span.clone()))
        {
            prop_assert!(text.get(span).is_some());
        }
        let _ = find_window(&text, &s);
    }

    #[test]
    fn every_written_form_reads_back(
        hour in 0i8..24, minute in 0i8..60, second in 0i8..60,
        year in 1990i16..2060, month in 1i8..=12, day in 1i8..=28,
        style in style(),
        zone in proptest::option::of(0..13usize),
        date_form in proptest::option::of(0..4usize),
    ) {
        let time = expressible(style, Time::new(hour, minute, second, 0).expect("valid"));
        let date = Date::new(year, month, day).expect("valid");
        let zones = zone_forms();
        // Styles that carry their own zone take no other.
        let own_zone = matches!(style, Style::MilitaryZulu | Style::IsoT);
        let zone = if own_zone { None } else { zone.map(|i| zones[i].clone()) };
        let date_form = if matches!(style, Style::IsoT) { Some(0) } else { date_form };

        let clock_text = clock(style, time);
        let zone_text = zone.as_ref().map_or("", |z| z.0);
        let text = match (style, date_form) {
            (Style::IsoT, _) => format!("Seen at {}{clock_text} by the pager.", date_text(0, date)),
            (_, None) => format!("- **{clock_text}{zone_text}**: the alert fired"),
            (_, Some(3)) => format!("At {clock_text}{zone_text} on {} the alert fired.", date_text(1, date)),
            (_, Some(form)) => format!("{}, {clock_text}{zone_text} - alert fired", date_text(form, date)),
        };

        let s = scan(&text, Zones::builtin());
        prop_assert_eq!(&s.malformed, &vec![], "{}", text);
        prop_assert_eq!(s.times.len(), 1, "{}: {:?}", text, s.times);
        let found = &s.times[0];
        prop_assert_eq!(found.time, time, "{}", text);
        prop_assert_eq!(found.date, date_form.map(|_| date), "{}", text);
        let expected_zone = if own_zone {
            Some(ZoneKind::Fixed(Offset::UTC))
        } else {
            zone.map(|z| z.1)
        };
        prop_assert_eq!(found.zone.as_ref().map(|z| z.kind.clone()), expected_zone, "{}", text);
    }
}
