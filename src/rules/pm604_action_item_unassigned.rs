use std::collections::HashSet;
use std::ops::Range;

use crate::config::{Preset, Role, Settings};
use crate::document::{Block, BlockKind, Document};
use crate::finding::Finding;
use crate::rules::{Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An action item that nobody is answerable for: an item of a list, or a row of an
    /// action-item table, in the corrective section (Action Items, Corrective and
    /// Preventative Measures, and their subsections) with no owner, no tracking reference and
    /// no due date. One finding per item.
    ///
    /// - An owner is an `@handle`, an `Owner:` / `Assignee:` / `assigned to` / `owned by`
    ///   label, a team doing the work ("SRE team to add alerts", "by the platform team", a
    ///   trailing "(Infra team)" or "— Dana"), a name from the `owners` option, or a filled
    ///   cell of an Owner / Assignee / Who column.
    /// - A tracking reference is a ticket key (`OPS-123`), an issue number (`#412`), a link
    ///   to an issue, pull request or ticket (GitHub, GitLab, Jira, Linear), or a filled cell
    ///   of a Ticket / Issue / Bug column.
    /// - A due date is a date, a quarter (`Q3`), "due", "by Friday", "by end of sprint",
    ///   "next week", or a filled cell of a Due / Deadline / ETA column.
    ///
    /// A reference, owner or date in the heading above the items ("Short-term (tracked in
    /// OPS-7)", "Long-term (Q4 2025)") covers them all. Items already done (`[x]`, "(done)",
    /// "✅", struck through, a Done status cell, or under a "Completed" heading) are not
    /// reported, nor is what is no action item: a Lessons Learned or What Went Well section, a
    /// label introducing a nested list ("Monitoring:"), whose nested items are the actions,
    /// and the details nested under an action. Paragraphs are not read as items; tables only
    /// when a header names the action (Action, Task, Item, ...) or an owner, ticket or due
    /// column.
    ///
    /// ## Why it matters
    /// An action item nobody owns and nobody tracks is the one that is never done, and the
    /// incident comes back. The Google SRE book's action-item table has an owner and a bug
    /// for every row; Atlassian sets due dates for priority actions.
    ///
    /// ## Example
    /// ```markdown
    /// ## Action Items
    /// - Add an alert on certificate expiry.
    /// - Rotate the staging keys (@dana, OPS-412).
    /// ```
    /// The first item has no owner, ticket or date.
    ///
    /// ## How to fix
    /// Give each item an owner (a name, `@handle` or team), a ticket (`OPS-123` or an issue
    /// link) or a due date; a table with Owner and Ticket columns keeps them in view.
    ///
    /// ## Options
    /// - `accept` (default `["owner", "reference", "due-date"]`): what assigns an item; any
    ///   one of the listed kinds is enough. `accept = ["owner"]` asks every item for an owner.
    /// - `owners` (default `[]`): names and teams that count as an owner wherever an item
    ///   mentions them (`owners = ["Platform", "Dana"]`), for teams that write "Platform:
    ///   rotate keys".
    pub struct ActionItemUnassigned => ACTION_ITEM_UNASSIGNED;
}

impl Rule for ActionItemUnassigned {
    fn check(&self, doc: &Document, cx: &mut Ctx<'_>) {
        let preset = cx.settings.preset;
        let Some(corrective) = preset.role(Role::Corrective) else {
            return;
        };
        let accept = Accept::from_options(&cx.options);
        for container in containers(doc, preset, corrective) {
            for item in items(doc, preset, container) {
                if item.done(doc) || accept.assigned(doc, &item, cx.settings, container) {
                    continue;
                }
                cx.report(
                    Finding::new(
                        Self::META,
                        item.at.clone(),
                        format!("action item has no {}", accept.missing()),
                    )
                    .help(accept.help()),
                );
            }
        }
    }
}

/// The corrective sections that hold action items, outermost only: a "Task List"
/// subsection of "Corrective Measures" is read with its parent.
fn containers(doc: &Document, preset: &Preset, corrective: usize) -> Vec<usize> {
    let resolution = preset.role(Role::Resolution);
    let is_container = |i: usize| {
        let s = &doc.sections[i];
        s.matches.contains(&corrective)
            && !resolution.is_some_and(|r| s.matches.contains(&r))
            && !is_not_actions(&s.title)
    };
    (0..doc.sections.len())
        .filter(|&i| is_container(i))
        .filter(|&i| {
            let mut up = doc.sections[i].parent;
            while let Some(p) = up {
                if is_container(p) {
                    return false;
                }
                up = doc.sections[p].parent;
            }
            true
        })
        .collect()
}

/// Titles of what holds no action to take: lessons, what went well, work already done.
fn is_not_actions(title: &str) -> bool {
    let title = title.to_lowercase();
    [
        "lesson",
        "learn",
        "takeaway",
        "went well",
        "went wrong",
        "go well",
        "went badly",
        "complete",
        "done",
        "resolved",
        "already",
        "what happened",
        "immediate",
    ]
    .iter()
    .any(|w| title.contains(w))
}

/// A block of the container that a subsection holding no actions does not take.
fn in_action_part(doc: &Document, preset: &Preset, container: usize, section: usize) -> bool {
    let mut cur = Some(section);
    while let Some(i) = cur.filter(|&i| i != container) {
        let s = &doc.sections[i];
        let other_role = s.matches.iter().any(|&m| {
            preset.sections[m]
                .role
                .is_some_and(|r| r != Role::Corrective)
        });
        if other_role || is_not_actions(&s.title) {
            return false;
        }
        cur = s.parent;
    }
    true
}

/// One action item.
struct Item {
    /// The whole item: the list item, or the table row.
    span: Range<usize>,
    /// What the finding points at: the item's first line, or its first filled cell.
    at: Range<usize>,
    /// The innermost section that holds it.
    section: usize,
    /// For a table row: each cell with what its column holds.
    cells: Vec<(Range<usize>, Column)>,
}

impl Item {
    /// Done already: a checked task, "(done)", "✅", a Done status, or struck through.
    fn done(&self, doc: &Document) -> bool {
        let text = doc.text(self.span.clone());
        let body = text
            .trim_start_matches(|c: char| c.is_ascii_digit() || "-*+.) \t".contains(c))
            .trim_start();
        let lower = text.to_lowercase();
        body.starts_with("[x]")
            || body.starts_with("[X]")
            || (body.starts_with("~~") && body.trim_end().ends_with("~~"))
            || ["✅", "✔", "☑"].iter().any(|m| text.contains(m))
            || ["(done)", "(completed)", "[done]", "[completed]"]
                .iter()
                .any(|m| lower.contains(m))
            || ["done:", "completed:", "**done**"]
                .iter()
                .any(|m| body.to_lowercase().starts_with(m))
            || self.cells.iter().any(|(cell, column)| {
                *column == Column::Status
                    && matches!(
                        doc.text(cell.clone()).trim().to_lowercase().as_str(),
                        "done" | "completed" | "complete" | "closed" | "fixed" | "resolved"
                    )
            })
    }
}

/// What a table column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Action,
    Owner,
    Reference,
    Due,
    Status,
    Other,
}

fn column_of(header: &str) -> Column {
    let h = header.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["owner", "assignee", "assigned", "who", "responsible", "dri"]) {
        Column::Owner
    } else if has(&[
        "ticket",
        "issue",
        "bug",
        "jira",
        "tracking",
        "link",
        "reference",
    ]) {
        Column::Reference
    } else if has(&["due", "deadline", "eta", "target", "date", "when"]) {
        Column::Due
    } else if has(&["status", "state", "done"]) {
        Column::Status
    } else if has(&[
        "action",
        "item",
        "task",
        "todo",
        "what",
        "description",
        "fix",
        "remediation",
        "improvement",
        "follow",
    ]) {
        Column::Action
    } else {
        Column::Other
    }
}

/// The action items of `container`: list items and action-table rows, in order.
fn items(doc: &Document, preset: &Preset, container: usize) -> Vec<Item> {
    let blocks: Vec<&Block> = doc
        .blocks_in(container)
        .filter(|b| {
            b.section
                .is_some_and(|s| in_action_part(doc, preset, container, s))
        })
        .collect();
    let mut out = list_items(doc, &blocks);
    out.extend(table_rows(doc, &blocks));
    out.sort_by_key(|i| i.span.start);
    out
}

/// Each list item that is an action: not a label over nested items, not a detail nested
/// under an action, not one already done.
fn list_items(doc: &Document, blocks: &[&Block]) -> Vec<Item> {
    // The items in document order, each with its first block (its own text). Items nest, so
    // no two start at one offset.
    let mut seen = HashSet::new();
    let mut found: Vec<(Range<usize>, usize)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.list_item.clone().map(|item| (item, i)))
        .filter(|(item, _)| seen.insert(item.start))
        .collect();
    found.sort_by_key(|(r, _)| r.start);
    let details = detail_lists(doc, blocks);
    let mut out = Vec::new();
    // The enclosing items, innermost last, and how many of them are not labels: the items
    // nested in an action or in a done item are its details.
    let mut open: Vec<(Range<usize>, bool)> = Vec::new();
    let mut opaque = 0;
    for (n, (span, at)) in found.iter().enumerate() {
        let first = blocks[*at];
        while open.last().is_some_and(|(r, _)| r.end <= span.start) {
            if open.pop().is_some_and(|(_, label)| !label) {
                opaque -= 1;
            }
        }
        let has_children = found.get(n + 1).is_some_and(|(r, _)| r.start < span.end);
        let text = doc.masked(first.span.clone());
        let before_list = blocks.get(at + 1).is_some_and(|next| {
            next.list_item
                .as_ref()
                .is_some_and(|item| !span.contains(&item.start))
        });
        let label = is_label(text, has_children, before_list);
        let detail = first
            .list
            .as_ref()
            .is_some_and(|l| details.contains(&l.start));
        if opaque == 0
            && !label
            && !detail
            && first.kind == BlockKind::Paragraph
            && !reads_as_done(text)
        {
            out.push(Item {
                span: span.clone(),
                at: first_line(doc, first.span.clone()),
                section: first.section.unwrap_or(0),
                cells: Vec::new(),
            });
        }
        opaque += usize::from(!label);
        open.push((span.clone(), label));
    }
    out
}

/// The lists (by start) that spell out the item before them: "Add alerts around:" in one
/// list, then a second list of what to alert on. After a label ("Tasks:") or a paragraph
/// ("The following actions:"), the list is the actions themselves.
fn detail_lists(doc: &Document, blocks: &[&Block]) -> HashSet<usize> {
    let mut details = HashSet::new();
    let mut lists = HashSet::new();
    for pair in blocks.windows(2) {
        let (prev, b) = (pair[0], pair[1]);
        let Some(list) = &b.list else { continue };
        if !lists.insert(list.start) {
            continue;
        }
        let intro = doc.masked(prev.span.clone()).trim_end();
        let in_other_item = prev
            .list_item
            .as_ref()
            .is_some_and(|item| !item.contains(&b.span.start));
        if in_other_item && intro.ends_with(':') && !is_short_label(intro) {
            details.insert(list.start);
        }
    }
    details
}

/// "Monitoring:", "Improvements/Fixes:": a short line that introduces what comes after it.
fn is_short_label(text: &str) -> bool {
    let bare = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    bare.ends_with(':') && bare.split_whitespace().count() <= 6
}

/// A label over the items after it: a short line ending with a colon before nested items or
/// another list, or over nested items "**Short term**" or "Improvements".
fn is_label(text: &str, has_children: bool, before_list: bool) -> bool {
    let t = text.trim();
    let bare = t.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    (is_short_label(t) && (has_children || before_list))
        || (has_children
            && ((t.starts_with("**") && t.ends_with("**")) || bare.split_whitespace().count() <= 3))
}

/// "A memo was sent out", "We've added alerts", "The pool is now sized for peak load": an
/// item that reports work done, in its first sentence, before anything still to do ("will",
/// "should", "ensure"). "We've decided to ..." is a promise, not work done.
fn reads_as_done(text: &str) -> bool {
    let lower = text.to_lowercase().replace('’', "'");
    let first = lower.split(". ").next().unwrap_or("");
    let words: Vec<&str> = first
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
        .collect();
    let to_do = words
        .iter()
        .position(|w| TO_DO.contains(w))
        .unwrap_or(words.len());
    let participle = |w: &str| {
        (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))
            || matches!(
                w,
                "sent"
                    | "made"
                    | "built"
                    | "set"
                    | "put"
                    | "taken"
                    | "done"
                    | "written"
                    | "run"
                    | "given"
            )
    };
    let done = (0..words.len().saturating_sub(1)).find(|&i| {
        let (a, b) = (words[i], words[i + 1]);
        let promise = matches!(a, "we've" | "we" | "have") && words.get(i + 2) == Some(&"to");
        (matches!(a, "was" | "were" | "been" | "we've" | "we") && participle(b) && !promise)
            || (matches!(a, "is" | "are") && b == "now")
            || (a == "now" && matches!(b, "have" | "has" | "in" | "uses" | "runs"))
    });
    done.is_some_and(|i| i < to_do)
}

/// Words that say something is still to do.
const TO_DO: &[&str] = &[
    "will", "should", "must", "need", "needs", "plan", "planned", "going", "shall", "would",
    "could", "we'll", "continue", "ensure", "make",
];

/// The first line of a block, trimmed.
fn first_line(doc: &Document, block: Range<usize>) -> Range<usize> {
    let text = doc.text(block.clone());
    let line = text.split(['\n', '\r']).next().unwrap_or("");
    let start = block.start + (line.len() - line.trim_start().len());
    start..block.start + line.trim_end().len()
}

/// Rows of the container's action tables: tables whose header names the action, an owner,
/// a ticket or a due date.
fn table_rows(doc: &Document, blocks: &[&Block]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut columns: Option<Vec<Column>> = None;
    for b in blocks {
        match b.kind {
            BlockKind::TableRow { header: true } => {
                let kinds: Vec<Column> = b
                    .cells
                    .iter()
                    .map(|c| column_of(doc.masked(c.clone())))
                    .collect();
                let is_action_table = kinds
                    .iter()
                    .any(|k| *k != Column::Other && *k != Column::Status);
                columns = is_action_table.then_some(kinds);
            }
            BlockKind::TableRow { header: false } => {
                let Some(kinds) = &columns else { continue };
                let filled = b
                    .cells
                    .iter()
                    .find(|c| !doc.masked((*c).clone()).trim().is_empty());
                let Some(at) = filled else { continue };
                out.push(Item {
                    span: b.span.clone(),
                    at: trimmed(doc, at.clone()),
                    section: b.section.unwrap_or(0),
                    cells: b
                        .cells
                        .iter()
                        .cloned()
                        .zip(
                            kinds
                                .iter()
                                .copied()
                                .chain(std::iter::repeat(Column::Other)),
                        )
                        .collect(),
                });
            }
            _ => columns = None,
        }
    }
    out
}

fn trimmed(doc: &Document, r: Range<usize>) -> Range<usize> {
    let text = doc.text(r.clone());
    let start = r.start + (text.len() - text.trim_start().len());
    start..r.start + text.trim_end().len()
}

/// The kinds of assignment that count, from the `accept` option.
struct Accept {
    owner: bool,
    reference: bool,
    due: bool,
    owners: Vec<String>,
}

impl Accept {
    fn from_options(options: &crate::config::RuleOptions) -> Accept {
        let has = |k: &str| {
            options
                .accept
                .as_ref()
                .is_none_or(|a| a.iter().any(|x| x == k))
        };
        Accept {
            owner: has("owner"),
            reference: has("reference"),
            due: has("due-date"),
            owners: options.owners.iter().map(|o| o.to_lowercase()).collect(),
        }
    }

    fn names(&self) -> Vec<&'static str> {
        [
            (self.owner, "owner"),
            (self.reference, "tracking reference"),
            (self.due, "due date"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }

    /// "owner, tracking reference or due date".
    fn missing(&self) -> String {
        match self.names().as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        }
    }

    fn help(&self) -> String {
        let mut ways = Vec::new();
        if self.owner {
            ways.push("an owner (a name, `@handle` or team)");
        }
        if self.reference {
            ways.push("a ticket (`OPS-123` or an issue link)");
        }
        if self.due {
            ways.push("a due date");
        }
        let ways = match ways.as_slice() {
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
            [] => String::new(),
        };
        format!("give the item {ways}, so that someone is answerable for it")
    }

    /// Does the item, or a heading above it within the container, name what `accept` asks?
    fn assigned(&self, doc: &Document, item: &Item, settings: &Settings, container: usize) -> bool {
        let cell_filled = |want: Column| {
            item.cells
                .iter()
                .any(|(cell, column)| *column == want && !is_blank_cell(doc.masked(cell.clone())))
        };
        if (self.owner && cell_filled(Column::Owner))
            || (self.reference && cell_filled(Column::Reference))
            || (self.due && cell_filled(Column::Due))
        {
            return true;
        }
        let mut texts = vec![item.span.clone()];
        let mut cur = Some(item.section);
        while let Some(i) = cur {
            texts.push(doc.sections[i].title_span.clone());
            if i == container {
                break;
            }
            cur = doc.sections[i].parent;
        }
        texts.into_iter().any(|r| {
            let (masked, source) = (doc.masked(r.clone()), doc.text(r));
            (self.owner && (has_owner(masked) || self.names_owner(masked)))
                || (self.reference && has_reference(masked, source))
                || (self.due && has_due_date(masked, settings))
        })
    }

    fn names_owner(&self, text: &str) -> bool {
        !self.owners.is_empty()
            && words(text).any(|w| self.owners.iter().any(|o| o.eq_ignore_ascii_case(w)))
    }
}

/// An owner cell left empty or as a placeholder.
fn is_blank_cell(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_')
        .trim();
    t.is_empty()
        || [
            "-",
            "—",
            "?",
            "??",
            "tbd",
            "tba",
            "n/a",
            "na",
            "none",
            "unassigned",
            "todo",
        ]
        .iter()
        .any(|b| t.eq_ignore_ascii_case(b))
}

/// The words of `text`, punctuation trimmed off.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '-'))
        .filter(|w| !w.is_empty())
}

/// An `@handle`, an owner label, or a team named as the one doing the work.
fn has_owner(text: &str) -> bool {
    let lower = text.to_lowercase();
    let handle = text.char_indices().any(|(i, c)| {
        c == '@'
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(|p| !p.is_alphanumeric())
            && text[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .count()
                >= 2
    });
    let labelled = [
        "owner:",
        "owners:",
        "owner -",
        "owner=",
        "owned by",
        "assignee",
        "assigned to",
        "assigned:",
        "responsible:",
        "dri:",
        "who:",
        "poc:",
        "point of contact",
    ]
    .iter()
    .any(|l| lower.contains(l));
    handle || labelled || team_does_it(&lower) || named_subject(text) || trailing_owner(text)
}

/// "DevEx will update ...", "SRE to add ...": a team's name (capitals inside or all of it)
/// opening the item as the one who does it.
fn named_subject(text: &str) -> bool {
    // The item's text starts at its list marker ("-", "2.", "[ ]").
    let mut words = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .skip_while(|w| w.chars().all(|c| c.is_ascii_digit()) || w.eq_ignore_ascii_case("x"));
    let (Some(name), Some(verb)) = (words.next(), words.next()) else {
        return false;
    };
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = name.chars().filter(|c| c.is_uppercase()).count();
    letters >= 2
        && capitals >= 2
        && name.chars().next().is_some_and(char::is_uppercase)
        && matches!(
            verb.to_lowercase().as_str(),
            "will" | "to" | "has" | "have" | "owns" | "is" | "should" | "must" | "shall" | "can"
        )
}

/// "SRE team to add ...", "the platform team will ...", "... by the infra team".
fn team_does_it(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let team = matches!(
            *w,
            "team" | "teams" | "squad" | "sre" | "sres" | "devops" | "oncall" | "on-call"
        );
        if !team || i == 0 {
            return false;
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        let subject = i <= 3
            && matches!(
                next,
                "to" | "will"
                    | "shall"
                    | "should"
                    | "must"
                    | "owns"
                    | "is"
                    | "are"
                    | "has"
                    | "needs"
                    | "can"
                    | "takes"
                    | "leads"
            );
        let by = words[..i].iter().rev().take(3).any(|w| *w == "by");
        subject || by
    })
}

/// A name or team at the end of the item: "(Infra team)", "[SRE]", "— Dana Li".
fn trailing_owner(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(['.', ';']).trim_end();
    let tail = if let Some(inner) = t.strip_suffix(')').and_then(|s| s.rsplit_once('(')) {
        inner.1
    } else if let Some(inner) = t.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
        inner.1
    } else if let Some((_, after)) = t.rsplit_once(" — ").or_else(|| t.rsplit_once(" – ")) {
        after
    } else {
        return false;
    };
    let names: Vec<&str> = tail.split_whitespace().collect();
    let Some(first) = names.first() else {
        return false;
    };
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    // "(Rasmus call for meeting)", "(Infra team)", "— Dana Li": a name first; not a date,
    // a priority or a remark ("(optional)", "(see the runbook)").
    // A word with a digit ("(CI-77)", "(P1)") is a key or a label, never a name.
    let named = first
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '@')
        && !first.chars().any(|c| c.is_ascii_digit())
        && !NOT_OWNERS.contains(&lower(first).as_str());
    // "(Docker images etc)" gives examples.
    named
        && !names
            .iter()
            .any(|w| lower(w) == "etc" || MONTHS.iter().any(|m| lower(w).starts_with(m)))
}

/// Words that open a trailing remark, not a name.
const NOT_OWNERS: &[&str] = &[
    "optional",
    "critical",
    "high",
    "medium",
    "low",
    "priority",
    "p0",
    "p1",
    "p2",
    "p3",
    "short",
    "long",
    "done",
    "completed",
    "in",
    "ongoing",
    "see",
    "e.g",
    "eg",
    "i.e",
    "ie",
    "for",
    "if",
    "on",
    "the",
    "this",
    "that",
    "to",
    "with",
    "and",
    "or",
    "a",
    "an",
    "as",
    "at",
    "by",
    "via",
    "like",
    "such",
    "not",
    "only",
    "also",
    "note",
    "todo",
    "tbd",
    "wip",
    "q1",
    "q2",
    "q3",
    "q4",
    "mitigate",
    "prevent",
    "process",
    "other",
    "pr",
    "issue",
    "ticket",
    "planned",
    "future",
    "what",
    "how",
    "why",
    "when",
    "which",
    "who",
    "where",
];

/// A ticket key (`OPS-123`), an issue number (`#42`), a link to an issue or ticket, or
/// "tracked in".
fn has_reference(masked: &str, source: &str) -> bool {
    let lower = source.to_lowercase();
    let key = words(masked).any(is_ticket_key);
    let number = masked.char_indices().any(|(i, c)| {
        c == '#'
            && masked[..i]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || p == '(')
            && masked[i + 1..]
                .chars()
                .next()
                .is_some_and(|d| d.is_ascii_digit())
    });
    let link = lower.match_indices("http").any(|(i, _)| {
        let url: &str = lower[i..]
            .split(|c: char| c.is_whitespace() || c == ')' || c == '>')
            .next()
            .unwrap_or("");
        [
            "/issues/",
            "/issue/",
            "/pull/",
            "/pulls/",
            "/browse/",
            "/ticket",
            "jira",
            "linear.app",
            "/merge_requests/",
            "trello.com/c/",
            "asana.com",
            "/bugs/",
            "bugzilla",
            "/work_items/",
            "/workitems/",
            "/-/issues",
        ]
        .iter()
        .any(|m| url.contains(m))
    });
    let tracked = [
        "tracked in",
        "tracked by",
        "tracked as",
        "tracking issue",
        "ticket #",
        "bug #",
        "issue created",
        "issue has been created",
        "ticket created",
        "issue opened",
        "backlog",
    ]
    .iter()
    .any(|m| lower.contains(m));
    key || number || link || tracked
}

/// `OPS-123`, `INFRA-7`: capitals (and digits), a hyphen, digits; not a severity, CVE or
/// standard.
fn is_ticket_key(w: &str) -> bool {
    let Some((project, number)) = w.split_once('-') else {
        return false;
    };
    project.len() >= 2
        && project.len() <= 10
        && project
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_uppercase())
        && project
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && ![
            "SEV", "CVE", "RFC", "ISO", "UTC", "GMT", "HTTP", "TLS", "SHA", "COVID", "P",
        ]
        .contains(&project)
}

/// A date, a quarter, "due ...", "by Friday", "by end of sprint", "next week".
fn has_due_date(text: &str, settings: &Settings) -> bool {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let quarter = tokens
        .iter()
        .any(|w| matches!(*w, "q1" | "q2" | "q3" | "q4"));
    let due = tokens.windows(2).any(|w| {
        (w[0] == "due" && w[1] != "to")
            || w[0] == "deadline"
            || w[0] == "eta"
            || (w[0] == "by"
                && (WEEKDAYS.contains(&w[1])
                    || matches!(w[1], "eod" | "eow" | "eom" | "tomorrow" | "end")))
            || (matches!(w[0], "next" | "this")
                && matches!(w[1], "week" | "sprint" | "month" | "quarter"))
            || (w[0] == "by"
                && w[1].len() == 4
                && w[1].starts_with("20")
                && w[1].bytes().all(|b| b.is_ascii_digit()))
    }) || tokens
        .last()
        .is_some_and(|w| *w == "due" || *w == "deadline");
    let within = tokens.windows(3).any(|w| {
        matches!(w[0], "within" | "next")
            && w[1].bytes().all(|b| b.is_ascii_digit())
            && matches!(w[2], "days" | "weeks" | "months" | "sprints")
    });
    quarter || due || within || !crate::time::scan(text, &settings.zones).dates.is_empty()
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
