use std::ops::Range;

use crate::config::Role;
use crate::document::{BlockKind, Document};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The impact of the incident is stated without a number anywhere it is described: the
    /// summary section, any impact section, and the title and lead text above the summary.
    /// Any one of these counts as a number:
    /// - a percentage (`40%`, `forty percent`) or an amount of money (`$12,000`, `300 EUR`);
    /// - a count of something affected: a figure or number word before users, customers,
    ///   requests, orders, servers, regions and the like (`1,200 users`, `two regions`,
    ///   `12k requests`), or `all` / `every` / `the entire` before one (`all users`), or
///   `anyone` / `everyone` (`an error for anyone opening the site`);
    /// - a duration (`for 45 minutes`, `2h`), a start and an end time, or two dates;
    /// - a measured value with its unit (`3000ms`, `5x`).
    ///
    /// HTTP status codes (`500 errors`), versions and dates alone are no measure of impact.
    /// A document with neither a summary nor an impact section is left to required-sections.
    ///
    /// ## Why it matters
    /// "Users saw errors" does not tell a reader whether ten people or every customer were
    /// hit, for a minute or a day: the numbers decide how much follow-up the incident
    /// deserves. PagerDuty's template asks for exact numbers, Atlassian's for the share of
    /// users affected, and the ALX task for "how many % of the users".
    ///
    /// ## Example
    /// ```markdown
    /// ## Summary
    /// The checkout page returned errors after a bad deploy, and customers could not pay.
    /// ```
    ///
    /// ## How to fix
    /// Say how much: how many users or requests were affected or what share of them, for how
    /// long, and what it cost ("from 14:02 to 14:47 UTC, 18% of checkout requests failed").
    ///
    /// ## Options
    /// None.
    pub struct ImpactUnquantified => IMPACT_UNQUANTIFIED;
}

impl Rule for ImpactUnquantified {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let preset = cx.settings.preset;
        let roles: Vec<usize> = [Role::Summary, Role::Impact]
            .into_iter()
            .filter_map(|r| preset.role(r))
            .collect();
        let described: Vec<usize> = (0..doc.sections.len())
            .filter(|&i| doc.sections[i].matches.iter().any(|m| roles.contains(m)))
            .collect();
        let Some(&first) = described.first() else {
            return;
        };
        let figures = (0..doc.sections.len()).filter(|&i| is_figures(&doc.sections[i].title));
        let mut ranges: Vec<Range<usize>> = described
            .iter()
            .copied()
            .chain(figures)
            .map(|i| doc.sections[i].span.start..doc.sections[i].body.end)
            .collect();
        // The title and lead text above the summary often carry the numbers ("On May 3,
        // 40% of requests failed for two hours").
        ranges.push(0..doc.sections[first].span.start);
        if ranges
            .iter()
            .any(|r| is_quantified(&prose_and_code(doc, r.clone()), &cx.settings.zones))
        {
            return;
        }
        // "The issue was not exploited": an impact of none, stated anywhere, is stated.
        let lower = doc.masked.to_lowercase();
        if NO_IMPACT.iter().any(|p| lower.contains(p)) {
            return;
        }
        // Point at the impact section when there is one: that is where the numbers belong.
        let impact = preset.role(Role::Impact);
        let at = described
            .iter()
            .copied()
            .find(|&i| impact.is_some_and(|m| doc.sections[i].matches.contains(&m)))
            .unwrap_or(first);
        cx.report(
            Finding::new(
                Self::META,
                doc.sections[at].title_span.clone(),
                "the impact is not quantified: no count of users or requests, percentage, money or duration",
            )
            .help("say how much: how many users or requests were affected or what share, for how long, and what it cost"),
        );
    }
}

/// The prose of `range` with its code blocks put back: a summary indented by four spaces is
/// a code block to CommonMark, and its numbers are the author's all the same. Inline code,
/// URLs and HTML stay out (`<img width=100%>` states no impact).
fn prose_and_code(doc: &Document, range: Range<usize>) -> String {
    let mut text = doc.masked(range.clone()).to_string();
    for block in &doc.blocks {
        let span = &block.span;
        if block.kind == BlockKind::CodeBlock && range.start <= span.start && span.end <= range.end
        {
            let at = span.start - range.start..span.end - range.start;
            // The masked text blanks a code block byte for byte, so its ends are character
            // boundaries in both; checked all the same, since a panic here would end the run.
            if text.is_char_boundary(at.start) && text.is_char_boundary(at.end) {
                text.replace_range(at, doc.text(span.clone()));
            }
        }
    }
    text
}

/// "Stats", "Metrics", "Duration": a section of figures, where teams put the time to
/// recovery.
fn is_figures(title: &str) -> bool {
    let title = title.to_lowercase();
    [
        "stats",
        "statistic",
        "metric",
        "duration",
        "numbers",
        "key facts",
    ]
    .iter()
    .any(|w| title.contains(w))
}

/// Does `text` state a number for the impact?
fn is_quantified(text: &str, zones: &crate::time::Zones) -> bool {
    let scan = crate::time::scan(text, zones);
    if !scan.durations.is_empty() || scan.times.len() >= 2 || scan.dates.len() >= 2 {
        return true;
    }
    let tokens: Vec<String> = text
        .split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| !(c.is_alphanumeric() || "%$€£¥".contains(c)))
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect();
    (0..tokens.len()).any(|i| quantity_at(&tokens, i))
}

/// Does the token at `i` open a quantity: a percentage, money, a measured value, or a count
/// of affected things?
fn quantity_at(tokens: &[String], i: usize) -> bool {
    let t = tokens[i].as_str();
    let next = tokens.get(i + 1).map_or("", String::as_str);
    let has_digit = t.bytes().any(|b| b.is_ascii_digit());
    if has_digit && (t.ends_with('%') || matches!(next, "%" | "percent" | "per")) {
        return true;
    }
    if NUMBER_WORDS.contains(&t) && matches!(next, "percent" | "per") {
        return true;
    }
    if t.starts_with(['$', '€', '£', '¥']) && has_digit {
        return true;
    }
    if has_digit && is_figure(t) && CURRENCIES.contains(&next) {
        return true;
    }
    if has_digit && is_measured(t) {
        return true;
    }
    // "a 504 error for anyone trying to reach the site": all of its users.
    if EVERYONE.contains(&t) {
        return true;
    }
    let counts = (has_digit && is_figure(t) && !is_status_code(tokens, i))
        || NUMBER_WORDS.contains(&t)
        || QUANTIFIERS.contains(&t);
    counts && affected_noun_follows(tokens, i)
}

/// An impact noun among the next three tokens: "1,200 users", "all of our customers",
/// "two availability regions".
fn affected_noun_follows(tokens: &[String], i: usize) -> bool {
    tokens[i + 1..]
        .iter()
        .take(3)
        .any(|t| AFFECTED.contains(&t.as_str()))
}

/// `1,200`, `12k`, `1.5m`, `40`: a figure, maybe with a thousands suffix.
fn is_figure(t: &str) -> bool {
    let body = t.trim_end_matches(['k', 'm', 'b', '+']);
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// `3000ms`, `5x`, `20gb`, `300rps`: a figure glued to its unit.
fn is_measured(t: &str) -> bool {
    let digits = t
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    digits > 0 && MEASURE_UNITS.contains(&&t[digits..])
}

/// `500` in "HTTP 500 errors", "a 502 response", "status 503": a code, not a count.
fn is_status_code(tokens: &[String], i: usize) -> bool {
    let t = tokens[i].as_str();
    let code = t.len() == 3 && t.parse::<u16>().is_ok_and(|n| (100..600).contains(&n));
    let before = i.checked_sub(1).map_or("", |b| tokens[b].as_str());
    code && (matches!(before, "http" | "status" | "code" | "error" | "a" | "an")
        || tokens.get(i + 1).is_some_and(|n| {
            matches!(
                n.as_str(),
                "error"
                    | "errors"
                    | "response"
                    | "responses"
                    | "status"
                    | "code"
                    | "codes"
                    | "internal"
                    | "bad"
                    | "gateway"
                    | "service"
                    | "page"
                    | "pages"
            )
        }))
}

/// "No customers were affected", "the flaw was not exploited": the impact, stated as none.
const NO_IMPACT: &[&str] = &[
    "no impact",
    "not affected",
    "unaffected",
    "not impacted",
    "not exploited",
    "no exploitation",
    "not encountered",
    "no evidence of",
    "no data loss",
    "no loss of",
];

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "dozen",
    "dozens",
    "half",
    "quarter",
    "third",
];

/// Words that quantify the whole of what follows, or none of it: "all users", "every
/// customer", "no orders".
const QUANTIFIERS: &[&str] = &[
    "all", "every", "entire", "whole", "none", "majority", "most", "no", "zero",
];

/// Words that count every person on their own.
const EVERYONE: &[&str] = &["anyone", "everyone", "everybody", "anybody"];

const CURRENCIES: &[&str] = &[
    "usd", "eur", "gbp", "dollars", "euros", "pounds", "naira", "ngn", "kes", "zar",
];

const MEASURE_UNITS: &[&str] = &[
    "x", "ms", "s", "sec", "secs", "min", "mins", "h", "hr", "hrs", "kb", "mb", "gb", "tb", "rps",
    "qps", "rpm", "k", "m",
];

/// What an outage affects, counted.
const AFFECTED: &[&str] = &[
    "user",
    "users",
    "customer",
    "customers",
    "client",
    "clients",
    "request",
    "requests",
    "query",
    "queries",
    "transaction",
    "transactions",
    "order",
    "orders",
    "account",
    "accounts",
    "visitor",
    "visitors",
    "session",
    "sessions",
    "people",
    "person",
    "page",
    "pages",
    "site",
    "sites",
    "website",
    "websites",
    "service",
    "services",
    "server",
    "servers",
    "host",
    "hosts",
    "node",
    "nodes",
    "pod",
    "pods",
    "instance",
    "instances",
    "machine",
    "machines",
    "container",
    "containers",
    "region",
    "regions",
    "zone",
    "zones",
    "datacenter",
    "datacenters",
    "team",
    "teams",
    "tenant",
    "tenants",
    "organization",
    "organizations",
    "organisations",
    "project",
    "projects",
    "call",
    "calls",
    "message",
    "messages",
    "event",
    "events",
    "job",
    "jobs",
    "build",
    "builds",
    "deployment",
    "deployments",
    "payment",
    "payments",
    "email",
    "emails",
    "notification",
    "notifications",
    "record",
    "records",
    "row",
    "rows",
    "error",
    "errors",
    "failure",
    "failures",
    "ticket",
    "tickets",
    "case",
    "cases",
    "complaint",
    "complaints",
    "device",
    "devices",
    "merchant",
    "merchants",
    "store",
    "stores",
    "app",
    "apps",
    "application",
    "applications",
    "endpoint",
    "endpoints",
    "database",
    "databases",
    "cluster",
    "clusters",
    "employee",
    "employees",
    "player",
    "players",
    "subscriber",
    "subscribers",
    "member",
    "members",
    "student",
    "students",
    "repository",
    "repositories",
    "repos",
    "coins",
    "blocks",
    "wallet",
    "wallets",
    "download",
    "downloads",
    "file",
    "files",
    "item",
    "items",
    "product",
    "products",
    "sale",
    "sales",
    "signup",
    "signups",
    "login",
    "logins",
    "install",
    "installs",
    "flag",
    "flags",
    "evaluations",
    "alert",
    "alerts",
    "traffic",
    "base",
    "functionality",
    "features",
    "feature",
    "countries",
    "cities",
    "markets",
    "partners",
    "operations",
    "funds",
    "mojo",
    "mojos",
    "tokens",
    "xch",
];
