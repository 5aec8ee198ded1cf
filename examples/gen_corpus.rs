//! Write N synthetic postmortems (~4 KB each) for benchmarking: deterministic for a given
//! seed, in the formats real write-ups use (ATX headings, bold titles, `##Title` without a
//! space, tables and lists for timelines, front matter, CRLF, times in many styles) and with
//! the mistakes the rules look for sprinkled in.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- OUT_DIR N [SEED]
//! ```

use std::fmt::Write as _;
use std::path::PathBuf;

/// splitmix64: tiny, fast, and the same on every platform.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SERVICES: &[&str] = &[
    "checkout API",
    "search cluster",
    "login service",
    "billing worker",
    "image CDN",
    "payments gateway",
    "notification queue",
    "reporting database",
    "mobile backend",
    "DNS resolver",
];
const CAUSES: &[&str] = &[
    "a connection pool limit was lowered by mistake in a configuration change",
    "a certificate expired because the renewal job had been failing silently for a month",
    "a schema migration took a table lock that blocked every write for the duration",
    "a retry storm from the mobile clients multiplied the load after a brief network blip",
    "a disk filled up with debug logs after a logging level was left at trace",
    "a feature flag was enabled for every customer instead of one percent of them",
    "the autoscaler hit its maximum instance count and the queue backed up behind it",
    "an upstream provider changed its rate limits without notice to its customers",
];
const ACTIONS: &[&str] = &[
    "Add an alert when the error rate exceeds one percent for five minutes",
    "Require a second reviewer for changes to production configuration",
    "Run the certificate renewal job under monitoring with a paging alert",
    "Add a canary stage to the deploy pipeline with automatic rollback",
    "Cap client retries with exponential backoff and jitter",
    "Document the rollback procedure in the runbook and rehearse it",
    "Load test the service at twice the expected peak before each release",
    "Move debug logging behind a flag that expires automatically",
];
const FILLER: &[&str] = &[
    "The on-call engineer acknowledged the page and began to investigate the dashboards.",
    "Customers saw slow responses and some requests failed with a server error.",
    "The team opened an incident channel and assigned an incident commander.",
    "Metrics showed the latency climbing steadily before the first alert fired.",
    "A rollback was prepared while the investigation continued in parallel.",
    "Support received a growing number of tickets from affected users.",
    "The untill now unnoticed warning had been in the logs for several days.",
    "Engineers confirmed that no data was lost and that retries succeeded later.",
    "The status page was updated to inform customers about the degraded service.",
    "Traffic returned to normal levels once the change had been reverted.",
];
const SUMMARY_TITLES: &[&str] = &["Summary", "Issue Summary", "Incident Summary", "Overview"];
const TIMELINE_TITLES: &[&str] = &[
    "Timeline",
    "Timeline (all times UTC)",
    "Incident Timeline",
    "Sequence of Events",
];
const CAUSE_TITLES: &[&str] = &["Root Cause", "Root Cause Analysis", "Contributing Factors"];
const RESOLUTION_TITLES: &[&str] = &["Resolution", "Resolution and Recovery", "Mitigation"];
const ACTION_TITLES: &[&str] = &[
    "Action Items",
    "Corrective and Preventative Measures",
    "Follow-up Actions",
    "Action Itmes",
];
const ZONES: &[&str] = &["UTC", "GMT", "WAT", "CET", "PT", "+01:00", ""];

/// A time written in one of the styles postmortems use.
fn time(rng: &mut Rng, minutes: usize, zone: &str) -> String {
    let (h, m) = ((minutes / 60) % 24, minutes % 60);
    let t = match rng.below(6) {
        0 => format!("{h:02}:{m:02}"),
        1 => {
            let (h12, ap) = match h {
                0 => (12, "AM"),
                1..=11 => (h, "AM"),
                12 => (12, "PM"),
                _ => (h - 12, "PM"),
            };
            format!("{h12}:{m:02} {ap}")
        }
        2 => format!("{h:02}{m:02}hrs"),
        3 => format!("2024-06-{:02}T{h:02}:{m:02}:00Z", 1 + rng.below(28)),
        4 => format!("{h:02}:{m:02}:{:02}", rng.below(60)),
        _ => format!(
            "{}:{m:02}{}",
            if h % 12 == 0 { 12 } else { h % 12 },
            if h < 12 { "am" } else { "pm" }
        ),
    };
    if zone.is_empty() || t.ends_with('Z') {
        t
    } else {
        format!("{t} {zone}")
    }
}

#[derive(Clone, Copy)]
enum TitleStyle {
    Atx,
    Bold,
    Unspaced,
    Setext,
}

fn title(out: &mut String, style: TitleStyle, text: &str) {
    match style {
        TitleStyle::Atx => writeln!(out, "## {text}\n"),
        TitleStyle::Bold => writeln!(out, "**{text}:**\n"),
        TitleStyle::Unspaced => writeln!(out, "##{text}\n"),
        TitleStyle::Setext => writeln!(out, "{text}\n{}\n", "-".repeat(text.len())),
    }
    .unwrap();
}

fn paragraph(rng: &mut Rng, out: &mut String, sentences: usize) {
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(FILLER));
    }
    out.push_str("\n\n");
}

/// One synthetic postmortem; the criterion benches use it too.
pub fn postmortem(rng: &mut Rng, index: usize) -> String {
    let mut out = String::with_capacity(5000);
    let service = rng.pick(SERVICES);
    let zone = rng.pick(ZONES);
    let style = match rng.below(10) {
        0..=5 => TitleStyle::Atx,
        6 | 7 => TitleStyle::Bold,
        8 => TitleStyle::Unspaced,
        _ => TitleStyle::Setext,
    };
    if rng.chance(20) {
        writeln!(
            out,
            "---\ntitle: {service} outage\nauthor: oncall-{index}\ntimezone: UTC\n---\n"
        )
        .unwrap();
    }
    writeln!(out, "# {service} outage #{index}\n").unwrap();

    let start = 6 * 60 + rng.below(12 * 60);
    let length = 15 + rng.below(150);
    title(&mut out, style, rng.pick(SUMMARY_TITLES));
    writeln!(
        out,
        "From {} to {} the {service} was degraded for about {length} minutes. {}\n",
        time(rng, start, zone),
        time(rng, start + length, zone),
        rng.pick(FILLER)
    )
    .unwrap();
    paragraph(rng, &mut out, 3);

    if rng.chance(60) {
        writeln!(out, "## Impact\n").unwrap();
        writeln!(
            out,
            "About {}% of requests failed; `{}` errors peaked at {} per second.\n",
            1 + rng.below(90),
            500 + rng.below(4),
            10 + rng.below(5000)
        )
        .unwrap();
        paragraph(rng, &mut out, 2);
    }

    title(&mut out, style, rng.pick(TIMELINE_TITLES));
    let entries = 8 + rng.below(10);
    let mut minute = start;
    let as_table = rng.chance(30);
    if as_table {
        writeln!(out, "| Time | Event |\n|---|---|").unwrap();
    }
    for _ in 0..entries {
        let t = time(rng, minute, zone);
        let event = rng.pick(FILLER);
        if as_table {
            writeln!(out, "| {t} | {event} |").unwrap();
        } else if rng.chance(50) {
            writeln!(out, "- **{t}**: {event}").unwrap();
        } else {
            writeln!(out, "* {t} - {event}").unwrap();
        }
        // Now and then an entry out of order, as the timeline rules look for.
        minute = if rng.chance(5) {
            minute.saturating_sub(7)
        } else {
            minute + 1 + rng.below(length / entries + 5)
        };
    }
    out.push('\n');

    title(&mut out, style, rng.pick(CAUSE_TITLES));
    writeln!(
        out,
        "The root cause was that {}. {}\n",
        rng.pick(CAUSES),
        rng.pick(FILLER)
    )
    .unwrap();
    if rng.chance(40) {
        writeln!(
            out,
            "```text\nERROR pool exhausted: max={} active={} waiting={}\n```\n",
            rng.below(100),
            rng.below(100),
            rng.below(1000)
        )
        .unwrap();
    }
    paragraph(rng, &mut out, 2);

    if rng.chance(70) {
        title(&mut out, style, rng.pick(RESOLUTION_TITLES));
        paragraph(rng, &mut out, 3);
        if rng.chance(20) {
            out.push_str("TBD\n\n");
        }
    }

    title(&mut out, style, rng.pick(ACTION_TITLES));
    for i in 0..3 + rng.below(5) {
        let action = rng.pick(ACTIONS);
        match rng.below(3) {
            0 => writeln!(out, "- [ ] {action}"),
            1 => writeln!(out, "{}. {action} (owner: team-{})", i + 1, rng.below(9)),
            _ => writeln!(out, "- {action}; see <https://example.com/runbook/{i}>"),
        }
        .unwrap();
    }
    out.push('\n');
    if rng.chance(30) {
        writeln!(
            out,
            "<!-- pmlint-disable-next-line PM102 -->\n## Lessons Learned\n"
        )
        .unwrap();
        paragraph(rng, &mut out, 4);
    }
    // Pad towards ~4 KB with more prose, as real write-ups run long in the middle.
    while out.len() < 3600 {
        paragraph(rng, &mut out, 3);
    }
    if rng.chance(15) {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_corpus OUT_DIR N [SEED]";
    let dir = PathBuf::from(args.next().expect(usage));
    let n: usize = args.next().expect(usage).parse().expect(usage);
    let seed: u64 = args.next().map_or(42, |s| s.parse().expect(usage));
    let mut rng = Rng(seed);
    let mut bytes = 0;
    for i in 0..n {
        // 100 files a folder, as a docs tree would have them.
        let sub = dir.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&sub).expect("create output folder");
        let text = postmortem(&mut rng, i);
        bytes += text.len();
        std::fs::write(sub.join(format!("pm-{i:05}.md")), text).expect("write file");
    }
    eprintln!(
        "wrote {n} files, {:.1} MB, average {} bytes, to {}",
        bytes as f64 / 1e6,
        bytes / n.max(1),
        dir.display()
    );
}
