//! PM201 on generated timelines: entries in order, written in any of the supported forms
//! (24-hour or 12-hour clock, zone on each entry or in the heading, a list, plain lines or a
//! table, with or without dates), oldest first or newest first, across midnight or not, in
//! UTC or in US Pacific time on either side of a summer-time change (the zone named in the
//! heading, or PST/PDT on each entry), never give a finding; swapping two neighbouring entries
//! always does.

use std::path::Path;

use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
enum Clock {
    H24,
    H12,
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    List,
    Lines,
    Table,
}

/// The zone the entries are written in.
#[derive(Clone, Copy, Debug)]
enum Zone {
    Utc,
    /// `(all times US/Pacific)` in the heading, entries in wall-clock time, dated, across the
    /// spring change (2026-03-08 02:00 becomes 03:00): wall-clock order is instant order.
    PacificNamed,
    /// `PST` or `PDT` on each entry, whichever is in force, across the spring or the autumn
    /// change (2026-11-01 02:00 PDT becomes 01:00 PST: "01:50 PDT" comes before "01:10 PST").
    PacificAbbreviated {
        autumn: bool,
    },
}

#[derive(Clone, Debug)]
struct Form {
    clock: Clock,
    zone_on_entries: bool,
    shape: Shape,
    dated: bool,
    newest_first: bool,
    zone: Zone,
}

fn form() -> impl Strategy<Value = Form> {
    (
        prop_oneof![Just(Clock::H24), Just(Clock::H12)],
        any::<bool>(),
        prop_oneof![Just(Shape::List), Just(Shape::Lines), Just(Shape::Table)],
        any::<bool>(),
        any::<bool>(),
        prop_oneof![
            2 => Just(Zone::Utc),
            1 => Just(Zone::PacificNamed),
            1 => any::<bool>().prop_map(|autumn| Zone::PacificAbbreviated { autumn }),
        ],
    )
        .prop_map(
            |(clock, zone_on_entries, shape, dated, newest_first, zone)| Form {
                clock,
                zone_on_entries: zone_on_entries || matches!(zone, Zone::PacificAbbreviated { .. }),
                shape,
                // A wall-clock time near the change needs its date to be read in the right
                // offset.
                dated: dated || matches!(zone, Zone::PacificNamed),
                newest_first,
                zone,
            },
        )
}

/// The US Pacific change of 2026 the timeline runs across, as an instant: 10:00 UTC on
/// March 8 (spring), 09:00 UTC on November 1 (autumn).
fn change(autumn: bool) -> jiff::Timestamp {
    let at = if autumn {
        "2026-11-01T09:00:00Z"
    } else {
        "2026-03-08T10:00:00Z"
    };
    at.parse().unwrap()
}

/// Each entry's date (`March 8, 2026 `), clock and zone, written in `form`'s zone. In
/// Pacific time the entries are instants from up to six hours before the change on, and
/// `moments` gives their spacing.
fn when(moments: &[u32], i: usize, form: &Form) -> (String, String, &'static str) {
    let at = moments[i];
    let autumn = match form.zone {
        Zone::Utc => {
            let date = format!("March {}, 2026 ", 10 + at / (24 * 60));
            return (date, clock(at, form.clock), "UTC");
        }
        Zone::PacificNamed => false,
        Zone::PacificAbbreviated { autumn } => autumn,
    };
    // The earliest entry (the first, unless two were swapped) is up to six hours before it.
    let first = *moments.iter().min().unwrap();
    let offset = i64::from(at) - i64::from(first) - i64::from(first % 360);
    let instant = change(autumn) + jiff::SignedDuration::from_mins(offset);
    let local = instant.in_tz("America/Los_Angeles").unwrap();
    let date = format!("{} ", local.strftime("%B %-d, %Y"));
    let minutes =
        u32::try_from(local.hour()).unwrap() * 60 + u32::try_from(local.minute()).unwrap();
    let summer = local.offset().seconds() == -7 * 3600;
    (
        date,
        clock(minutes, form.clock),
        if summer { "PDT" } else { "PST" },
    )
}

/// Minutes from midnight of day 0 for each entry, strictly increasing: a start anywhere in the
/// day, then steps of 1 to 120 minutes, at most 10 hours in all (so at most one midnight, and
/// a crossing runs from late evening to early morning, as the undated reading assumes).
fn moments(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<u32>> {
    (0u32..24 * 60, proptest::collection::vec(1u32..=120, n)).prop_filter_map(
        "at most 10 hours",
        |(start, steps)| {
            let mut at = start;
            let mut out = vec![at];
            for s in steps {
                at += s;
                out.push(at);
            }
            (at - start <= 600).then_some(out)
        },
    )
}

const EVENTS: [&str; 6] = [
    "the deploy starts",
    "error rates rise",
    "the on-call engineer is paged",
    "the bad config is found",
    "the config is reverted",
    "traffic is back to normal",
];

fn clock(minutes: u32, clock: Clock) -> String {
    let (h, m) = ((minutes / 60) % 24, minutes % 60);
    match clock {
        Clock::H24 => format!("{h:02}:{m:02}"),
        Clock::H12 => {
            let (h12, half) = match h {
                0 => (12, "AM"),
                1..=11 => (h, "AM"),
                12 => (12, "PM"),
                _ => (h - 12, "PM"),
            };
            format!("{h12}:{m:02} {half}")
        }
    }
}

fn render(moments: &[u32], form: &Form) -> String {
    let mut rows: Vec<String> = moments
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let (date, time, zone) = when(moments, i, form);
            let mut when = String::new();
            if form.dated {
                when.push_str(&date);
            }
            when.push_str(&time);
            if form.zone_on_entries {
                when.push(' ');
                when.push_str(zone);
            }
            let event = EVENTS[i % EVENTS.len()];
            match form.shape {
                Shape::List => format!("- {when}: {event}\n"),
                Shape::Lines => format!("{when}: {event}\n\n"),
                Shape::Table => format!("| {when} | {event} |\n"),
            }
        })
        .collect();
    if form.newest_first {
        rows.reverse();
    }
    let heading = match (form.zone_on_entries, form.zone) {
        (true, _) => "## Timeline",
        (false, Zone::PacificNamed) => "## Timeline (all times US/Pacific)",
        (false, _) => "## Timeline (all times UTC)",
    };
    let table_head = if matches!(form.shape, Shape::Table) {
        "| Time | Event |\n|---|---|\n"
    } else {
        ""
    };
    format!(
        "# Outage\n\n## Summary\n\nRequests failed.\n\n{heading}\n\n{table_head}{}\n## Root Cause\n\nA bad config.\n\n## Resolution\n\nReverted.\n\n## Action Items\n\n- Validate configs.\n",
        rows.concat()
    )
}

fn order_findings(text: String) -> Vec<String> {
    let settings = pmlint::config::from_toml("", Path::new("/")).expect("default config");
    pmlint::app::lint_text("t.md", text, &settings)
        .findings
        .into_iter()
        .filter(|f| f.rule.code == "PM201")
        .map(|f| f.message)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_timeline_in_order_gives_no_finding(at in moments(3..7), form in form()) {
        let text = render(&at, &form);
        let found = order_findings(text.clone());
        prop_assert!(found.is_empty(), "{found:?}\n{text}");
    }

    #[test]
    fn two_entries_swapped_give_a_finding(
        at in moments(3..7),
        form in form(),
        pick in any::<prop::sample::Index>(),
    ) {
        // Within one day, so no step back can be read as a midnight crossing.
        let day = |i: usize| when(&at, i, &form).0;
        prop_assume!(form.dated || (0..at.len()).all(|i| day(i) == day(0)));
        let mut at = at;
        let i = pick.index(at.len() - 1);
        at.swap(i, i + 1);
        let text = render(&at, &form);
        let found = order_findings(text.clone());
        prop_assert!(!found.is_empty(), "{text}");
    }
}
