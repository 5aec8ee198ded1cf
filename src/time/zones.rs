//! Zones: the abbreviation table, offsets written by hand, IANA names, and section declarations.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use crate::bytes::{digits, is_space, is_word_byte};
use crate::pattern::Pattern;
use jiff::tz::Offset;

use super::Range;
use super::text::{char_at, is_emphasis, is_word_char, tail_before, word_ends_at};

#[derive(Clone, Debug, PartialEq)]
pub enum ZoneKind {
    /// UTC, GMT, Z, +01:00, UTC+1, GMT +2, WAT, EAT, ...
    Fixed(Offset),
    /// Africa/Lagos, America/New_York; also "PT"/"ET", whose offset depends on the date.
    Iana(String),
    /// IST, CST, BST, ...: human descriptions such as "India Standard Time (+05:30)".
    Ambiguous { candidates: Vec<String> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct ZoneMention {
    pub span: Range<usize>,
    pub text: String,
    pub kind: ZoneKind,
}

/// The abbreviation table.
///
/// Case rules, chosen so that ordinary words never become zones: abbreviations match only in
/// capitals ("at", "est", "cat" are words); UTC and GMT match in any case ("utc" is no word);
/// full names ("pacific time") match in any case; "Z" counts only touching a time ("14:05Z").
/// An abbreviation in prose away from any time ("AWS MSK", "Chia Asset Token (CAT)") is still
/// reported in [`Scan::zones`](super::Scan::zones); rules should trust declarations and
/// attached zones more than those.
#[derive(Clone, Debug)]
pub struct Zones {
    abbreviations: HashMap<String, ZoneKind>,
    names: HashMap<String, ZoneKind>,
    /// The most words any full name has: names are looked up word by word, longest first, so
    /// "Central European Time" beats "Central Time" (a hash lookup per candidate, where one
    /// big alternation regex cost milliseconds to compile at every start).
    longest_name: usize,
    /// The first word of every full name, lower case: most words start no name, and this
    /// rejects them with one lookup and no allocation.
    first_words: HashSet<String>,
    /// ASCII bytes a zone can start with: a cheap test before any lookup, since zones are
    /// looked for at the start of every word.
    start_bytes: [bool; 128],
    /// For each lowercase initial, a bit per length (below 32) of the first words starting
    /// with it: rejects nearly every word before a hash lookup.
    first_word_lengths: [u32; 128],
    /// For each lowercase initial, a bit per lowercase second letter of the first words
    /// starting with it (`ANY_SECOND` if one has no second letter): turns away most words
    /// before their length is counted.
    first_word_seconds: [u32; 128],
}

/// In `Zones::first_word_seconds`: some first word with this initial has no ASCII letter
/// second, so the second byte tells nothing.
const ANY_SECOND: u32 = 1 << 31;

/// An entry of `rules/timezones.toml`'s `[abbreviations]`, as src/build.rs writes it.
struct TableEntry {
    abbr: &'static str,
    offset: Option<&'static str>,
    zone: Option<&'static str>,
    name: &'static str,
    aliases: &'static [&'static str],
}

/// A candidate meaning of an entry of `rules/timezones.toml`'s `[ambiguous]`.
struct TableCandidate {
    offset: &'static str,
    name: &'static str,
}

// ABBREVIATIONS and AMBIGUOUS, in the table's order.
include!(concat!(env!("OUT_DIR"), "/timezones.rs"));

static BUILTIN: LazyLock<Zones> = LazyLock::new(|| {
    // The table ships inside the binary and a unit test builds it, so a failure here is a
    // build defect rather than a user error.
    Zones::from_table(ABBREVIATIONS, AMBIGUOUS)
        .unwrap_or_else(|e| panic!("rules/timezones.toml: {e}"))
});

impl Zones {
    pub fn builtin() -> &'static Zones {
        &BUILTIN
    }

    /// The table of `rules/timezones.toml`, as src/build.rs writes it. IANA names are taken
    /// as written: the only table read this way is the built-in one, whose names the tests
    /// look up (configured zones go through [`Zones::with_overrides`], which checks them).
    fn from_table(
        entries: &[TableEntry],
        ambiguous: &[(&str, &[TableCandidate])],
    ) -> Result<Zones, String> {
        let mut abbreviations = HashMap::default();
        let mut names = HashMap::default();
        for entry in entries {
            let kind = entry_kind(entry)?;
            for name in std::iter::once(&entry.name).chain(entry.aliases) {
                names.insert(name.to_lowercase(), kind.clone());
            }
            abbreviations.insert(entry.abbr.to_string(), kind);
        }
        for &(abbr, candidates) in ambiguous {
            if candidates.len() < 2 {
                return Err(format!(
                    "{abbr}: an ambiguous zone needs at least two candidates"
                ));
            }
            let mut descriptions = Vec::new();
            for candidate in candidates {
                let offset = parse_offset(candidate.offset)
                    .ok_or_else(|| format!("{abbr}: bad offset {:?}", candidate.offset))?;
                descriptions.push(format!("{} ({})", candidate.name, format_offset(offset)));
                names.insert(candidate.name.to_lowercase(), ZoneKind::Fixed(offset));
            }
            let kind = ZoneKind::Ambiguous {
                candidates: descriptions,
            };
            abbreviations.insert(abbr.to_string(), kind);
        }
        Ok(Zones::assemble(abbreviations, names))
    }

    /// Overrides from config: `IST = "+05:30"`, `WAT = "Africa/Lagos"`, `"Lagos time" =
    /// "Africa/Lagos"`. Keys in capitals are abbreviations; anything else is a full name.
    pub fn with_overrides(&self, extra: &[(String, String)]) -> Result<Zones, String> {
        self.with_overrides_at(extra).map_err(|(_, e)| e)
    }

    /// [`Zones::with_overrides`], saying which entry of `extra` is wrong. All entries are
    /// added to one copy of the tables: a copy per entry made 16,000 of them take 15 s.
    pub fn with_overrides_at(&self, extra: &[(String, String)]) -> Result<Zones, (usize, String)> {
        let mut abbreviations = self.abbreviations.clone();
        let mut names = self.names.clone();
        for (i, (key, value)) in extra.iter().enumerate() {
            let key = key.trim();
            if key.is_empty() {
                return Err((
                    i,
                    "an empty time-zone name cannot be configured".to_string(),
                ));
            }
            let kind = parse_zone_value(value).ok_or_else(|| {
                (
                    i,
                    format!(
                        "{key} = {value:?}: expected an offset such as \"+05:30\" or \"UTC-4\", \
                         or an IANA time-zone name such as \"Asia/Kolkata\""
                    ),
                )
            })?;
            if is_abbreviation_key(key) {
                abbreviations.insert(key.to_string(), kind);
            } else {
                names.insert(key.to_lowercase(), kind);
            }
        }
        Ok(Zones::assemble(abbreviations, names))
    }

    /// A zone written on its own, as in config `default-timezone`: an abbreviation from the
    /// table, a full name, an offset ("+01:00", "UTC+1") or an IANA name ("Africa/Lagos").
    pub fn parse(&self, text: &str) -> Option<ZoneKind> {
        let text = text.trim();
        self.abbreviations
            .get(text)
            .or_else(|| self.names.get(&text.to_lowercase()))
            .cloned()
            .or_else(|| parse_zone_value(text))
    }

    /// The meaning of an abbreviation written in capitals, if the table knows it.
    pub fn abbreviation(&self, abbr: &str) -> Option<&ZoneKind> {
        self.abbreviations.get(abbr)
    }

    fn assemble(
        abbreviations: HashMap<String, ZoneKind>,
        names: HashMap<String, ZoneKind>,
    ) -> Zones {
        let longest_name = names
            .keys()
            .map(|n| n.split_whitespace().count())
            .max()
            .unwrap_or(0);
        let first_words: HashSet<String> = names
            .keys()
            .filter_map(|n| n.split_whitespace().next())
            .map(str::to_string)
            .collect();
        // Offsets (UTC+1, GMT-5, +05:30), IANA names and abbreviations start with these;
        // full names start with their first word's letter, in either case.
        let mut start_bytes = [false; 128];
        for b in b"+-UuGgZ".iter().copied().chain(b'A'..=b'Z') {
            start_bytes[usize::from(b)] = true;
        }
        for word in &first_words {
            if let Some(&b) = word.as_bytes().first().filter(|b| b.is_ascii()) {
                start_bytes[usize::from(b.to_ascii_lowercase())] = true;
                start_bytes[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        let mut first_word_lengths = [0u32; 128];
        for word in first_words.iter().filter(|w| w.is_ascii() && w.len() < 32) {
            first_word_lengths[usize::from(word.as_bytes()[0])] |= 1 << word.len();
        }
        let mut first_word_seconds = [0u32; 128];
        for word in first_words.iter().filter(|w| w.is_ascii()) {
            let bytes = word.as_bytes();
            first_word_seconds[usize::from(bytes[0])] |= match bytes.get(1) {
                Some(&b) if b.is_ascii_lowercase() => 1 << (b - b'a'),
                _ => ANY_SECOND,
            };
        }
        Zones {
            abbreviations,
            names,
            longest_name,
            first_words,
            start_bytes,
            first_word_lengths,
            first_word_seconds,
        }
    }

    fn name(&self, written: &str) -> Option<&ZoneKind> {
        let normalized = written.split_whitespace().collect::<Vec<_>>().join(" ");
        self.names.get(&normalized.to_lowercase())
    }
}

fn is_abbreviation_key(key: &str) -> bool {
    key.len() <= 6 && key.chars().all(|c| c.is_ascii_uppercase())
}

fn entry_kind(entry: &TableEntry) -> Result<ZoneKind, String> {
    let abbr = entry.abbr;
    match (entry.offset, entry.zone) {
        (Some(offset), None) => parse_offset(offset)
            .map(ZoneKind::Fixed)
            .ok_or_else(|| format!("{abbr}: bad offset {offset:?}")),
        // Not looked up here: reading a zone's rules cost every run 0.15 ms for zones few
        // documents use. The table ships in the binary and the tests look up every name.
        (None, Some(zone)) => Ok(ZoneKind::Iana(zone.to_string())),
        _ => Err(format!("{abbr}: give exactly one of `offset` or `zone`")),
    }
}

/// A config value: an offset (with or without a UTC/GMT prefix) or an IANA name.
fn parse_zone_value(value: &str) -> Option<ZoneKind> {
    let value = value.trim();
    if let Some(offset) = parse_offset(value) {
        return Some(ZoneKind::Fixed(offset));
    }
    // Only names with an area ("Asia/Kolkata"): bare tzdb names like "EST" and the inverted
    // "Etc/GMT+1" are exactly the surprises the table exists to avoid.
    let named_area = value.contains('/') && !value.starts_with("Etc/");
    (named_area && crate::time::tzdb().get(value).is_ok())
        .then(|| ZoneKind::Iana(value.to_string()))
}

/// `+05:30`, `+0530`, `+5`, `-5:30`, `UTC`, `GMT-5`, `UTC−4` (unicode minus), `Z`.
/// "GMT+1" is one hour ahead of UTC as people mean it, never the inverted POSIX `Etc/GMT+1`.
pub(crate) fn parse_offset(text: &str) -> Option<Offset> {
    let text = text.trim();
    if text == "Z" {
        return Some(Offset::UTC);
    }
    let rest = strip_prefix_ci(text, "UTC")
        .or_else(|| strip_prefix_ci(text, "GMT"))
        .unwrap_or(text)
        .trim_start();
    if rest.is_empty() {
        return (text != rest).then_some(Offset::UTC);
    }
    // A sign, one or two hour digits, then optionally two minute digits after an optional
    // colon: "+1", "-05", "+05:30", "+0530", "−3".
    let sign = ["+", "-", "−", "–"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let digits = &rest[sign.len()..];
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // Two hour digits if the rest then reads, else one ("+530" is +5:30).
    let split = |h: usize| {
        let hours = digits.get(..h).filter(|s| all_digits(s))?;
        let tail = &digits[h..];
        if tail.is_empty() {
            return Some((hours, None));
        }
        let minutes = tail.strip_prefix(':').unwrap_or(tail);
        (minutes.len() == 2 && all_digits(minutes)).then_some((hours, Some(minutes)))
    };
    let (hours, minutes) = split(2).or_else(|| split(1))?;
    offset_from_parts(sign, hours, minutes)
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn offset_from_parts(sign: &str, hours: &str, minutes: Option<&str>) -> Option<Offset> {
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.map_or(Some(0), |m| m.parse().ok())?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    let seconds = hours * 3600 + minutes * 60;
    let seconds = if sign == "+" { seconds } else { -seconds };
    Offset::from_seconds(seconds).ok()
}

/// `+05:30`, `-08:00`: the form used in candidate descriptions and suggestions.
pub fn format_offset(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

static IANA: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^[A-Z][A-Za-z_]+(?:/[A-Za-z0-9_\-+]+){1,2}").expect("valid regex")
});

/// How a zone is placed relative to what precedes it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    /// Right after a time, with no space: `14:05Z`, `14:05+01:00`.
    Touching,
    /// Right after a time, after a space, comma or parenthesis: bare offsets still count.
    AfterTime,
    /// Anywhere in prose: only names, abbreviations and UTC/GMT forms count.
    Free,
}

/// The zone written exactly at `pos`, if any. Its first test is inlined where it is asked
/// (at every word start, and nearly every word fails it); the readers are not.
#[inline]
pub(crate) fn zone_at(
    text: &str,
    pos: usize,
    zones: &Zones,
    placement: Placement,
) -> Option<ZoneMention> {
    let rest = text.get(pos..)?;
    if !may_start_zone(rest, zones) {
        return None;
    }
    mention_at(rest, pos, zones, placement)
}

#[inline(never)]
fn mention_at(rest: &str, pos: usize, zones: &Zones, placement: Placement) -> Option<ZoneMention> {
    let (len, kind) = kind_at(rest, zones, placement)?;
    Some(ZoneMention {
        span: pos..pos + len,
        text: rest[..len].to_string(),
        kind,
    })
}

/// Could a zone start `rest`? Zones are looked for at the start of every word of prose, and
/// this turns away nearly all of them with a look-up or two.
#[inline]
fn may_start_zone(rest: &str, zones: &Zones) -> bool {
    let Some(&first) = rest.as_bytes().first() else {
        return false;
    };
    if !first.is_ascii() {
        // The minus sign (U+2212) is the only non-ASCII start.
        return rest.starts_with('−');
    }
    // A lowercase word can only open "utc"/"gmt" or a full name ("pacific time").
    zones.start_bytes[usize::from(first)]
        && (!first.is_ascii_lowercase()
            || first == b'u'
            || first == b'g'
            || name_start(rest, zones).is_some())
}

/// The zone `rest` starts with: its length and meaning. Each kind has its own reader,
/// tried in this order.
fn kind_at(rest: &str, zones: &Zones, placement: Placement) -> Option<(usize, ZoneKind)> {
    named_offset(rest)
        .or_else(|| zulu(rest, placement))
        .or_else(|| bare_offset(rest, placement))
        .or_else(|| iana(rest))
        .or_else(|| full_name(rest, zones))
        .or_else(|| abbreviation(rest, zones))
}

fn named_offset(rest: &str) -> Option<(usize, ZoneKind)> {
    let head = rest.get(..3)?;
    if !(head.eq_ignore_ascii_case("utc") || head.eq_ignore_ascii_case("gmt")) {
        return None;
    }
    let plain = 3;
    if let Some(parts) = signed_offset(rest, plain, true) {
        let offset = offset_from_parts(parts.sign, parts.hours, parts.minutes);
        // "GMT+2:" ending a timeline label is clean; "GMT+2:3" is not an offset we read.
        let after = &rest[parts.end..];
        let digit = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
        let clean_end = !(digit(after) || after.starts_with(':') && digit(&after[1..]));
        if let Some(offset) = offset.filter(|_| clean_end && word_ends_at(rest, parts.end)) {
            return Some((parts.end, ZoneKind::Fixed(offset)));
        }
    }
    word_ends_at(rest, plain).then_some((plain, ZoneKind::Fixed(Offset::UTC)))
}

fn zulu(rest: &str, placement: Placement) -> Option<(usize, ZoneKind)> {
    (placement == Placement::Touching && rest.starts_with('Z') && word_ends_at(rest, 1))
        .then_some((1, ZoneKind::Fixed(Offset::UTC)))
}

fn bare_offset(rest: &str, placement: Placement) -> Option<(usize, ZoneKind)> {
    if placement == Placement::Free || !rest.starts_with(['+', '-', '−']) {
        return None;
    }
    let parts = signed_offset(rest, 0, false)?;
    if char_at(rest, parts.end).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let offset = offset_from_parts(parts.sign, parts.hours, parts.minutes)?;
    Some((parts.end, ZoneKind::Fixed(offset)))
}

/// The parts of a signed offset as written.
struct OffsetParts<'t> {
    sign: &'t str,
    hours: &'t str,
    minutes: Option<&'t str>,
    /// Where it ends in the text read.
    end: usize,
}

/// A signed offset at `at` of `text`. After UTC or GMT (`named`): at most one white-space
/// byte, a sign (`+`, `-`, `−` or `–`), one or two hour digits, then optionally two minute
/// digits after an optional colon ("UTC+1", "GMT +2", "UTC−4", "GMT+01:00"; no more space
/// after the sign, so that "14:00 UTC - 15:00 UTC" is not an offset of -15 hours). On its
/// own: a sign (`+`, `-` or `−`), two hour digits, an optional colon and two minute digits
/// ("+05:30", "-0800").
fn signed_offset(text: &str, at: usize, named: bool) -> Option<OffsetParts<'_>> {
    let b = text.as_bytes();
    let at = at + usize::from(named && b.get(at).is_some_and(|&c| is_space(c)));
    let signs: &[&str] = if named {
        &["+", "-", "−", "–"]
    } else {
        &["+", "-", "−"]
    };
    let sign = signs.iter().find(|s| b[at..].starts_with(s.as_bytes()))?;
    let hours_at = at + sign.len();
    let hours_len = match digits(b, hours_at, 2) {
        0 => return None,
        1 if !named => return None,
        n => n,
    };
    let minutes_at = hours_at + hours_len;
    let colon = usize::from(b.get(minutes_at) == Some(&b':'));
    let minutes = (digits(b, minutes_at + colon, 2) == 2).then_some(minutes_at + colon);
    if minutes.is_none() && !named {
        return None;
    }
    Some(OffsetParts {
        sign: &text[at..hours_at],
        hours: &text[hours_at..minutes_at],
        minutes: minutes.map(|m| &text[m..m + 2]),
        end: minutes.map_or(minutes_at, |m| m + 2),
    })
}

fn iana(rest: &str) -> Option<(usize, ZoneKind)> {
    // An area name then a slash: "Africa/Lagos", "America/New_York".
    let area = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'_')
        .count();
    if area < 2
        || !rest.as_bytes()[0].is_ascii_uppercase()
        || rest.as_bytes().get(area) != Some(&b'/')
    {
        return None;
    }
    let m = IANA.find(rest)?;
    let name = m.as_str();
    if name.starts_with("Etc/") || crate::time::tzdb().get(name).is_err() {
        return None;
    }
    Some((m.end(), ZoneKind::Iana(name.to_string())))
}

/// The first word of `rest` (letters, digits, ' and -) if some full name could start with
/// it: its initial and length are those of a name's first word.
fn name_start<'r>(rest: &'r str, zones: &Zones) -> Option<&'r [u8]> {
    let bytes = rest.as_bytes();
    let initial = usize::from(bytes.first()?.to_ascii_lowercase() & 0x7f);
    let seconds = zones.first_word_seconds[initial];
    if seconds & ANY_SECOND == 0 {
        match bytes.get(1) {
            Some(b) if b.is_ascii_alphabetic() => {
                if seconds & (1 << (b.to_ascii_lowercase() - b'a')) == 0 {
                    return None;
                }
            }
            _ => return None,
        }
    }
    let first_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'\'' || *b == b'-')
        .count();
    // A word that goes on in non-ASCII letters is no name.
    if char_at(rest, first_len).is_some_and(|c| !c.is_ascii() && c.is_alphanumeric()) {
        return None;
    }
    let first = &bytes[..first_len];
    let lengths = zones.first_word_lengths[initial];
    (!first.is_empty() && first.len() < MAX_FIRST_WORD && lengths & (1 << first.len()) != 0)
        .then_some(first)
}

/// First words of names are looked up only below this length (a bit each in a `u32`).
const MAX_FIRST_WORD: usize = 32;

fn full_name(rest: &str, zones: &Zones) -> Option<(usize, ZoneKind)> {
    // End offsets of the first words of `rest` (letters, digits, ' and -), up to the longest
    // name; a word must start right at `rest`'s start, then follow plain spaces.
    let first = name_start(rest, zones)?;
    let mut lower = [0u8; MAX_FIRST_WORD];
    for (l, b) in lower.iter_mut().zip(first) {
        *l = b.to_ascii_lowercase();
    }
    let known_start =
        std::str::from_utf8(&lower[..first.len()]).is_ok_and(|w| zones.first_words.contains(w));
    if !known_start {
        return None;
    }
    let mut ends = Vec::with_capacity(zones.longest_name);
    let mut pos = 0;
    while ends.len() < zones.longest_name {
        let word_len = rest[pos..]
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '\'' || *c == '-'))
            .map_or(rest.len() - pos, |(i, _)| i);
        if word_len == 0 {
            break;
        }
        ends.push(pos + word_len);
        let after = &rest[pos + word_len..];
        let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
        if gap == 0 {
            break;
        }
        pos += word_len + gap;
    }
    ends.into_iter().rev().find_map(|end| {
        if !word_ends_at(rest, end) {
            return None;
        }
        Some((end, zones.name(&rest[..end])?.clone()))
    })
}

fn abbreviation(rest: &str, zones: &Zones) -> Option<(usize, ZoneKind)> {
    // Two to five capitals ending the word.
    let len = rest
        .bytes()
        .take_while(u8::is_ascii_uppercase)
        .take(5)
        .count();
    if len < 2 || !word_ends_at(rest, len) {
        return None;
    }
    Some((len, zones.abbreviation(&rest[..len])?.clone()))
}

/// Every zone written in `text` on its own (not touching a time): used for declarations and
/// for the zones a scan reports as unattached.
pub(crate) fn find_zones(text: &str, zones: &Zones) -> Vec<ZoneMention> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(&b) = bytes.get(pos) {
        if !is_word_byte(b) {
            if b.is_ascii() {
                pos += 1;
                continue;
            }
            match char_at(text, pos) {
                Some(c) if !is_word_char(c) => {
                    pos += c.len_utf8();
                    continue;
                }
                _ => {}
            }
        }
        // `pos` begins a word; a zone found here is taken whole, else the word is skipped.
        if let Some(zone) = zone_at(text, pos, zones, Placement::Free) {
            pos = zone.span.end;
            found.push(zone);
        }
        pos = word_end(text, pos);
    }
    found
}

/// Where the word characters (letters, digits, `_`) from `pos` end. Decodes only non-ASCII
/// characters.
fn word_end(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while bytes.get(pos).is_some_and(|&b| is_word_byte(b)) {
            pos += 1;
        }
        match bytes.get(pos) {
            Some(b) if !b.is_ascii() => match char_at(text, pos) {
                Some(c) if is_word_char(c) => pos += c.len_utf8(),
                _ => return pos,
            },
            _ => return pos,
        }
    }
}

/// The words before a zone that make it a declaration for a whole section ("All times are
/// in", "Timeline (", "Time zone:"), read from the text before the zone (emphasis markers
/// removed) to its end. Written by hand: the pattern it replaces (kept in the tests, which
/// compare the two) cost 1.8 M instructions to compile, more than linting a whole document,
/// and most real postmortems declare a zone somewhere. ASCII letters in any case; "white
/// space" is ASCII white space, and a lead starts at a word boundary:
///
/// ```text
/// lead  = (all-times | "all" ws+ ("in" ws+)? | section-word ws* sep? ws*
///          | "time" ws* "zone" "s"? ws* ("is" | "are" | "used")? ws*) sep? ws* "("? ws* END
/// all-times = ("all" ws+ ("the" ws+)?)? ("time" "s"? | "timestamp" "s"? | "hours"
///              | "date" ws* ("/" | "&" | "and") ws* "time" "s"?)
///             (ws+ (place-word | "in" ws+ "this" ws+ document-word))*
///             ws* ("are" | "is")? ws* (("in" | "as") ws+)?
/// sep = ":" | "-" | "–"
/// ```
fn is_declaration_lead(lead: &str) -> bool {
    let b = lead.as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_alphabetic()
            && (i == 0 || !is_word_byte(b[i - 1]))
            && Lead(b).declaration(i).contains(&b.len())
    })
}

/// Readers of [`is_declaration_lead`]'s grammar: each takes the positions a reading may have
/// reached and gives every position the next part may end at (the lead is at most 80
/// characters, so these sets stay small).
struct Lead<'a>(&'a [u8]);

/// Positions a reading may have reached, without repeats.
type Ends = Vec<usize>;

const PLACE_WORDS: [&str; 9] = [
    "below",
    "above",
    "here",
    "shown",
    "listed",
    "given",
    "used",
    "mentioned",
    "reported",
];
const DOCUMENT_WORDS: [&str; 5] = ["document", "report", "section", "timeline", "postmortem"];
const SECTION_WORDS: [&str; 3] = ["timeline", "schedule", "chronology"];
const SEPARATORS: [&str; 3] = [":", "-", "–"];

impl Lead<'_> {
    fn declaration(&self, start: usize) -> Ends {
        let from = vec![start];
        let mut heads = self.all_times(&from);
        let all = self.words(&from, &["all"]);
        let all = self.ws(&all, 1);
        heads.extend(self.optional(&all, |e| self.ws(&self.words(e, &["in"]), 1)));
        let section = self.ws(&self.words(&from, &SECTION_WORDS), 0);
        heads.extend(self.ws(&self.optional(&section, |e| self.words(e, &SEPARATORS)), 0));
        let zone = self.words(&self.ws(&self.words(&from, &["time"]), 0), &["zone"]);
        let zone = self.ws(&self.optional(&zone, |e| self.words(e, &["s"])), 0);
        heads.extend(self.ws(
            &self.optional(&zone, |e| self.words(e, &["is", "are", "used"])),
            0,
        ));
        // The tail every reading shares.
        let tail = self.ws(
            &self.optional(&dedup(heads), |e| self.words(e, &SEPARATORS)),
            0,
        );
        self.ws(&self.optional(&tail, |e| self.words(e, &["(", "["])), 0)
    }

    fn all_times(&self, from: &Ends) -> Ends {
        let the = |e: &Ends| self.ws(&self.words(e, &["the"]), 1);
        let all = self.ws(&self.words(from, &["all"]), 1);
        let start = self.optional(from, |_| self.optional(&all, the));
        let timed = |e: &Ends| self.optional(&self.words(e, &["time"]), |e| self.words(e, &["s"]));
        let mut times = timed(&start);
        times.extend(self.optional(&self.words(&start, &["timestamp"]), |e| {
            self.words(e, &["s"])
        }));
        times.extend(self.words(&start, &["hours"]));
        let joined = self.ws(
            &self.words(
                &self.ws(&self.words(&start, &["date"]), 0),
                &["/", "&", "and"],
            ),
            0,
        );
        times.extend(timed(&joined));
        // Any number of place words ("shown below", "in this report").
        let mut reached = dedup(times);
        let mut frontier = reached.clone();
        while !frontier.is_empty() {
            let spaced = self.ws(&frontier, 1);
            let mut next = self.words(&spaced, &PLACE_WORDS);
            let this = self.ws(
                &self.words(&self.ws(&self.words(&spaced, &["in"]), 1), &["this"]),
                1,
            );
            next.extend(self.words(&this, &DOCUMENT_WORDS));
            frontier = dedup(next)
                .into_iter()
                .filter(|e| !reached.contains(e))
                .collect();
            reached.extend(&frontier);
        }
        let verb = self.ws(
            &self.optional(&self.ws(&reached, 0), |e| self.words(e, &["are", "is"])),
            0,
        );
        self.optional(&verb, |e| self.ws(&self.words(e, &["in", "as"]), 1))
    }

    /// `from`, and where `part` may end after it.
    fn optional(&self, from: &Ends, part: impl FnOnce(&Ends) -> Ends) -> Ends {
        let mut ends = from.clone();
        ends.extend(part(from));
        dedup(ends)
    }

    /// Where one of `words` (ASCII letters in any case, or punctuation) read from a position
    /// of `from` ends.
    fn words(&self, from: &Ends, words: &[&str]) -> Ends {
        let b = self.0;
        let mut ends = Vec::new();
        for &p in from {
            for w in words {
                let end = p + w.len();
                if b.get(p..end)
                    .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
                {
                    ends.push(end);
                }
            }
        }
        dedup(ends)
    }

    /// Where a run of at least `min` ASCII white-space bytes from a position of `from` may
    /// end (every place in the run).
    fn ws(&self, from: &Ends, min: usize) -> Ends {
        let b = self.0;
        let mut ends = Vec::new();
        for &p in from {
            let run = b[p..]
                .iter()
                .take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
                .count();
            ends.extend((p + min..=p + run).filter(|_| run >= min));
        }
        dedup(ends)
    }
}

fn dedup(mut ends: Ends) -> Ends {
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// Is a zone declared for a whole section in this heading or lead sentence?
/// "Timeline (all times GMT)", "Timeline(EAT)", "All times are in UTC", "Times are WAT",
/// "All times in Pacific Time (PT)". A zone after a time ("began at 14:00 UTC") is not one.
/// A word written where a zone goes that is no zone but one edit from one: `GTM` for GMT,
/// `Greenwitch` for Greenwich Mean Time.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownZone {
    pub span: Range<usize>,
    pub text: String,
    /// The zone it is one edit from, as the table writes it.
    pub suggestion: String,
}

impl Zones {
    /// The zone `word` is a near miss of, if it is none itself: an abbreviation one edit away
    /// (for 3 to 5 capitals), or a full name whose first word is one edit away (for a
    /// capitalised word of 6 letters or more). Shorter words are one edit from too much.
    pub fn near_miss(&self, word: &str) -> Option<String> {
        if self.parse(word).is_some() {
            return None;
        }
        let len = word.chars().count();
        if (3..=5).contains(&len) && word.bytes().all(|b| b.is_ascii_uppercase()) {
            return self
                .abbreviations
                .keys()
                .filter(|a| a.len() >= 3 && a.len().abs_diff(word.len()) <= 1)
                .filter(|a| strsim::osa_distance(a, word) == 1)
                .min()
                .cloned();
        }
        if len < 6 || !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let lower = word.to_lowercase();
        let first = self
            .first_words
            .iter()
            // One edit changes the length by one at most: most words are turned away before
            // any distance is computed (this runs after every zoneless timeline time).
            .filter(|w| w.len() >= 6 && w.len().abs_diff(lower.len()) <= 1)
            .filter(|w| strsim::osa_distance(w, &lower) == 1)
            .min()?;
        let name = self
            .names
            .keys()
            .filter(|n| n.split(' ').next() == Some(first.as_str()))
            .min_by_key(|n| (n.len(), n.as_str()))?;
        Some(title_case(name))
    }
}

fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The word right after a time that ends at `end` ("14:00 GTM", "14:00 (Greenwitch)"), when it
/// stands where the time's zone would and is a near miss of one.
pub fn unknown_zone_after(text: &str, end: usize, zones: &Zones) -> Option<UnknownZone> {
    let rest = text.get(end..)?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\t', '(']).len();
    if gap > 3 {
        return None;
    }
    near_miss_at(text, end + gap, zones)
}

/// The first word after a declaration lead ("All times are in ", "Timeline (") that is a near
/// miss of a zone: "(all times Greenwitch, United Kingdom)".
pub fn unknown_zone_declaration(text: &str, zones: &Zones) -> Option<UnknownZone> {
    text.char_indices()
        .filter(|&(i, c)| c.is_alphabetic() && !text[..i].ends_with(is_word_char))
        .find_map(|(i, _)| {
            let lead: String = tail_before(text, i, 80)
                .chars()
                .filter(|&c| !is_emphasis(c))
                .collect();
            if is_declaration_lead(&lead) {
                near_miss_at(text, i, zones)
            } else {
                None
            }
        })
}

fn near_miss_at(text: &str, start: usize, zones: &Zones) -> Option<UnknownZone> {
    let word: &str = text.get(start..)?;
    let len = word
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(word.len(), |(i, _)| i);
    let word = &word[..len];
    let suggestion = zones.near_miss(word)?;
    Some(UnknownZone {
        span: start..start + len,
        text: word.to_string(),
        suggestion,
    })
}

/// A zone written with a second reading that disagrees with it: `WAT (UTC+2)` (WAT is
/// +01:00), `SAST+2` (SAST is +02:00 already; or is it two hours ahead of SAST?).
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictingZone {
    /// The zone and what follows it.
    pub span: Range<usize>,
    pub zone: String,
    pub zone_offset: Offset,
    /// The other reading.
    pub other: String,
    pub other_offset: Offset,
}

/// The conflicting second reading right after `zone` in `text`, if there is one.
pub fn conflicting_zone_after(
    text: &str,
    zone: &ZoneMention,
    zones: &Zones,
) -> Option<ConflictingZone> {
    let ZoneKind::Fixed(own) = zone.kind else {
        return None;
    };
    let rest = text.get(zone.span.end..)?;
    // "SAST+2": an offset glued to a named zone that is not UTC itself.
    let sign = rest.chars().next().filter(|c| matches!(c, '+' | '-'));
    if let Some(sign) = sign
        && own.seconds() != 0
    {
        let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
        let hours: i32 = rest
            .get(1..1 + digits)?
            .parse()
            .ok()
            .filter(|_| digits <= 2)?;
        let shift = if sign == '-' { -hours } else { hours };
        let other = Offset::from_seconds(own.seconds() + shift * 3600).ok()?;
        return Some(ConflictingZone {
            span: zone.span.start..zone.span.end + 1 + digits,
            zone: zone.text.clone(),
            zone_offset: own,
            other: format!("{} {sign}{hours} h", zone.text),
            other_offset: other,
        });
    }
    // "WAT (UTC+2)": a second zone in parentheses right after it.
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let inner = rest[gap..].strip_prefix('(')?;
    let lead = inner.len() - inner.trim_start().len();
    let at = zone.span.end + gap + 1 + lead;
    let second = zone_at(text, at, zones, Placement::AfterTime)?;
    let ZoneKind::Fixed(theirs) = second.kind else {
        return None;
    };
    let after = &text[second.span.end..];
    let close = if after.trim_start_matches(' ').starts_with(')') {
        after.find(')').map_or(0, |i| i + 1)
    } else {
        0
    };
    (theirs != own).then(|| ConflictingZone {
        span: zone.span.start..second.span.end + close,
        zone: zone.text.clone(),
        zone_offset: own,
        other: second.text.clone(),
        other_offset: theirs,
    })
}

/// A zone inside a heading's parentheses, whatever else they hold: "Timeline (all hours,
/// Pacific time)", "Timeline (UK time, Europe/London)". The first zone of the first
/// parenthesis that has one.
pub fn zone_in_parentheses(text: &str, zones: &Zones) -> Option<ZoneMention> {
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        let close = text[open..].find(')').map_or(text.len(), |i| open + i);
        let inner = &text[open + 1..close];
        if let Some(mut zone) = find_zones(inner, zones).into_iter().next() {
            zone.span = zone.span.start + open + 1..zone.span.end + open + 1;
            return Some(zone);
        }
        from = close.min(text.len() - 1) + 1;
        if from >= text.len() {
            break;
        }
    }
    None
}

pub fn zone_declaration(text: &str, zones: &Zones) -> Option<ZoneMention> {
    find_zones(text, zones).into_iter().find(|zone| {
        let lead: String = tail_before(text, zone.span.start, 80)
            .chars()
            .filter(|&c| !is_emphasis(c))
            .collect();
        is_declaration_lead(&lead)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_of_zones() {
        let zones = Zones::builtin();
        assert_eq!(zones.near_miss("GTM").as_deref(), Some("GMT"));
        assert_eq!(
            zones.near_miss("Greenwitch").as_deref(),
            Some("Greenwich Mean Time")
        );
        assert_eq!(zones.near_miss("GMT"), None);
        assert_eq!(zones.near_miss("AM"), None);
        assert_eq!(zones.near_miss("gtm"), None);
        assert_eq!(zones.near_miss("Deploy"), None);
        let text = "14:00 GTM: paged";
        assert_eq!(
            unknown_zone_after(text, 5, zones).map(|u| u.text),
            Some("GTM".into())
        );
        let heading = "Timeline (all times Greenwitch, United Kingdom)";
        assert_eq!(
            unknown_zone_declaration(heading, zones).map(|u| (u.text, u.suggestion)),
            Some(("Greenwitch".into(), "Greenwich Mean Time".into()))
        );
        assert_eq!(
            unknown_zone_declaration("Timeline (all times UTC)", zones),
            None
        );
        for (heading, zone) in [
            ("Timeline (all hours, Pacific time)", "Pacific time"),
            ("Timeline (UK time, Europe/London)", "Europe/London"),
        ] {
            let found = zone_in_parentheses(heading, zones).map(|z| heading[z.span].to_string());
            assert_eq!(found.as_deref(), Some(zone), "{heading}");
        }
        assert_eq!(zone_in_parentheses("Timeline (draft) (", zones), None);
        let conflict = |text: &str| {
            let zone = find_zones(text, zones).into_iter().next()?;
            conflicting_zone_after(text, &zone, zones).map(|c| c.other)
        };
        assert_eq!(conflict("10:00 WAT (UTC+2)").as_deref(), Some("UTC+2"));
        assert_eq!(conflict("10:00 SAST+2").as_deref(), Some("SAST +2 h"));
        assert_eq!(conflict("10:00 WAT (UTC+1)"), None);
        assert_eq!(conflict("10:00 UTC+2"), None);
        assert_eq!(conflict("10:00 EAT (Nairobi)"), None);
    }

    /// The declaration-lead reader against the pattern it replaced.
    mod declaration_lead {
        use super::super::is_declaration_lead;
        use crate::pattern::Pattern;

        const LEAD: &str = r"(?ix)
            (?:
                \b(?:all\s+(?:the\s+)?)?
                  (?:times?|timestamps?|hours|date\s*(?:/|&|and)\s*times?)
                  (?:\s+(?:below|above|here|shown|listed|given|used|mentioned|reported|
                         in\s+this\s+(?:document|report|section|timeline|postmortem)))*
                  \s*(?:are|is)?\s*(?:(?:in|as)\s+)?
              | \ball\s+(?:in\s+)?
              | \b(?:timeline|schedule|chronology)\s*(?:[:\-]|–)?\s*
              | \btime\s*zones?\s*(?:is|are|used)?\s*
            )
            (?:[:\-]|–)?\s*[(\[]?\s*$";

        static PATTERN: std::sync::LazyLock<Pattern> =
            std::sync::LazyLock::new(|| Pattern::new(LEAD).unwrap());

        #[test]
        fn written_leads_read_as_the_pattern_reads_them() {
            let pattern = &*PATTERN;
            for lead in [
                "",
                "All times are in ",
                "all times ",
                "Times are ",
                "All the timestamps shown below are in ",
                "All times in this report are ",
                "all times listed here in this document are as ",
                "Timeline (",
                "Timeline(",
                "Timeline [",
                "TIMELINE: ",
                "Schedule – ",
                "Chronology -(",
                "Time zone: ",
                "Timezones are ",
                "time  zone used ",
                "Date/time ",
                "date & times: ",
                "Date and time (",
                "hours ",
                "All ",
                "all in ",
                "Overall ",
                "sometimes ",
                "The outage began at ",
                "All times\u{a0}are ",
                "all\ttimes\r\nare\x0bin ",
                "timelines ",
                "All times are in the ",
                "é all times ",
                "_all times ",
                "x:all times ",
            ] {
                assert_eq!(
                    is_declaration_lead(lead),
                    pattern.is_match(lead),
                    "{lead:?}"
                );
            }
        }

        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
            #[test]
            fn generated_leads_read_as_the_pattern_reads_them(
                parts in proptest::collection::vec(
                    "all|ALL|the|times?|timestamps?|hours|date|and|/|&|below|shown|in|this|\
                     report|section|timeline|Schedule|chronology|time|zones?|is|are|as|used|\
                     :|-|–|\\(|[ \t\r\n]{1,2}|\u{a0}|é|[a-z_0-9]{1,3}",
                    0..9,
                ),
            ) {
                let lead: String = parts.concat();
                proptest::prop_assert_eq!(is_declaration_lead(&lead), PATTERN.is_match(&lead), "{:?}", lead);
            }
        }
    }

    /// The offset readers as they were, over two patterns: the hand readers must read the
    /// same offsets with the same lengths.
    mod by_pattern {
        use super::super::*;
        use crate::pattern::Pattern;

        /// "UTC+1", "GMT +2", "UTC−4", "GMT+01:00": no space after the sign, so that a range like
        /// "14:00 UTC - 15:00 UTC" is not read as an offset of -15 hours.
        static NAMED_OFFSET: LazyLock<Pattern> = LazyLock::new(|| {
            Pattern::new(r"^(?i-u:utc|gmt)(?:\s?([+\-]|−|–)(\d{1,2})(?::?(\d{2}))?)?")
                .expect("valid regex")
        });
        static BARE_OFFSET: LazyLock<Pattern> =
            LazyLock::new(|| Pattern::new(r"^([+\-]|−)(\d{2}):?(\d{2})").expect("valid regex"));
        pub(super) fn named_offset(rest: &str) -> Option<(usize, ZoneKind)> {
            let head = rest.get(..3)?;
            if !(head.eq_ignore_ascii_case("utc") || head.eq_ignore_ascii_case("gmt")) {
                return None;
            }
            let caps = NAMED_OFFSET.captures(rest)?;
            let plain = 3;
            if let (Some(sign), Some(hours)) = (caps.get(1), caps.get(2)) {
                let whole = caps.get(0)?;
                let offset = offset_from_parts(
                    sign.as_str(),
                    hours.as_str(),
                    caps.get(3).map(|m| m.as_str()),
                );
                // "GMT+2:" ending a timeline label is clean; "GMT+2:3" is not an offset we read.
                let after = &rest[whole.end()..];
                let digit = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
                let clean_end = !(digit(after) || after.starts_with(':') && digit(&after[1..]));
                if let Some(offset) =
                    offset.filter(|_| clean_end && word_ends_at(rest, whole.end()))
                {
                    return Some((whole.end(), ZoneKind::Fixed(offset)));
                }
            }
            word_ends_at(rest, plain).then_some((plain, ZoneKind::Fixed(Offset::UTC)))
        }

        pub(super) fn bare_offset(rest: &str, placement: Placement) -> Option<(usize, ZoneKind)> {
            if placement == Placement::Free || !rest.starts_with(['+', '-', '−']) {
                return None;
            }
            let caps = BARE_OFFSET.captures(rest)?;
            let end = caps.get(0)?.end();
            if char_at(rest, end).is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            let offset = offset_from_parts(&caps[1], &caps[2], Some(&caps[3]))?;
            Some((end, ZoneKind::Fixed(offset)))
        }
    }

    fn offsets_agree(text: &str) -> Result<(), String> {
        for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            let rest = &text[pos..];
            if named_offset(rest) != by_pattern::named_offset(rest) {
                return Err(format!("named_offset({rest:?})"));
            }
            for placement in [Placement::Touching, Placement::AfterTime, Placement::Free] {
                if bare_offset(rest, placement) != by_pattern::bare_offset(rest, placement) {
                    return Err(format!("bare_offset({rest:?})"));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn offsets_read_by_hand_as_by_pattern() {
        for text in [
            "UTC+1 GMT +2 UTC−4 GMT+01:00 gmt-0530 UTC+530 UTC+5:3 UTC+2: UTC+2:3 UTC - 15",
            "+05:30 -0800 −03:00 –03:00 +5:30 +0530x +05:3 +05301 UTC\t+1 UTC  +1 utc–3",
            "UTC GMT UTCx utc+14 UTC+15 GMT+99:99 UTC+",
        ] {
            offsets_agree(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn offsets_read_by_hand_as_by_pattern_on_generated_text(
            text in r"((UTC|utc|GMT|gmt|[+\-−–]|[0-9]{1,3}|:| |\t|x|é|Z)){0,10}"
        ) {
            if let Err(e) = offsets_agree(&text) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }

    /// Zone finding as it was before the look-up filters (`may_start_zone`, the second
    /// letters of first words) and the byte loops: the same zones must come out.
    mod unfiltered {
        use super::super::*;

        pub(super) fn find_zones(text: &str, zones: &Zones) -> Vec<ZoneMention> {
            let mut found = Vec::new();
            let mut pos = 0;
            while let Some(c) = char_at(text, pos) {
                if !is_word_char(c) {
                    pos += c.len_utf8();
                    continue;
                }
                if let Some(zone) = zone_at(text, pos, zones, Placement::Free) {
                    pos = zone.span.end;
                    found.push(zone);
                }
                while let Some(c) = char_at(text, pos).filter(|&c| is_word_char(c)) {
                    pos += c.len_utf8();
                }
            }
            found
        }

        pub(super) fn zone_at(
            text: &str,
            pos: usize,
            zones: &Zones,
            placement: Placement,
        ) -> Option<ZoneMention> {
            let rest = text.get(pos..)?;
            let first = *rest.as_bytes().first()?;
            if first.is_ascii() && !zones.start_bytes[usize::from(first)]
                || !first.is_ascii() && !rest.starts_with('−')
            {
                return None;
            }
            let (len, kind) = named_offset(rest)
                .or_else(|| zulu(rest, placement))
                .or_else(|| bare_offset(rest, placement))
                .or_else(|| iana(rest))
                .or_else(|| full_name(rest, zones))
                .or_else(|| abbreviation(rest, zones))?;
            Some(ZoneMention {
                span: pos..pos + len,
                text: rest[..len].to_string(),
                kind,
            })
        }

        fn full_name(rest: &str, zones: &Zones) -> Option<(usize, ZoneKind)> {
            let first_len = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'\'' || *b == b'-')
                .count();
            if char_at(rest, first_len).is_some_and(|c| !c.is_ascii() && c.is_alphanumeric()) {
                return None;
            }
            let lower: String = rest[..first_len].to_ascii_lowercase();
            if first_len == 0 || !zones.first_words.contains(&lower) {
                return None;
            }
            let mut ends = Vec::new();
            let mut pos = 0;
            while ends.len() < zones.longest_name {
                let word_len = rest[pos..]
                    .char_indices()
                    .find(|(_, c)| !(c.is_alphanumeric() || *c == '\'' || *c == '-'))
                    .map_or(rest.len() - pos, |(i, _)| i);
                if word_len == 0 {
                    break;
                }
                ends.push(pos + word_len);
                let after = &rest[pos + word_len..];
                let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
                if gap == 0 {
                    break;
                }
                pos += word_len + gap;
            }
            ends.into_iter().rev().find_map(|end| {
                if !word_ends_at(rest, end) {
                    return None;
                }
                Some((end, zones.name(&rest[..end])?.clone()))
            })
        }
    }

    fn filters_agree(text: &str) -> Result<(), String> {
        let zones = Zones::builtin();
        let (new, old) = (find_zones(text, zones), unfiltered::find_zones(text, zones));
        if new != old {
            return Err(format!("find_zones({text:?}): {new:?} != {old:?}"));
        }
        for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            for placement in [Placement::Touching, Placement::AfterTime, Placement::Free] {
                let new = zone_at(text, pos, zones, placement);
                let old = unfiltered::zone_at(text, pos, zones, placement);
                if new != old {
                    return Err(format!("zone_at({text:?}, {pos}): {new:?} != {old:?}"));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn filters_agree_on_written_text() {
        for text in [
            "All times are Pacific Time (PT), not pacific   time or US Pacific Time.",
            "14:00 UTC+1, gmt-5, −03:00, Z, CET; new zealand standard time; Hong Kong Time",
            "the west africa time zone, Western European Summer Time, west-coast, us",
            "Asia/Kolkata, Etc/GMT+1, India Standard Time, Indiana, Centralé, é Pacific",
            "",
            "_x x_ 0UTC UTC0 Universal Time's",
        ] {
            filters_agree(text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn filters_agree_on_generated_text(
            text in r"((UTC|utc|GMT|gmt|[+\-−]0?[0-9]:?[0-9]{0,2}|Z|z|CET|WAT|IST|PT|[Pp]acific|[Tt]ime|Standard|[Cc]entral|European|[Ww]est|[Ww]estern|Africa|[Ee]astern|US|us|[Nn]ew|Zealand|Hong|Kong|India|Indiana|Asia/Kolkata|Etc/GMT|the|tea|pac|é|Ü|_|-|'|’s|[a-z]{1,3}|[A-Z]{1,3}|0)( |  |\t|, |\(|\)|)){0,8}"
        ) {
            if let Err(e) = filters_agree(&text) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }

    fn fixed(hours: i8) -> ZoneKind {
        ZoneKind::Fixed(Offset::constant(hours))
    }

    #[test]
    fn builtin_table_parses_and_ambiguous_entries_have_candidates() {
        for entry in ABBREVIATIONS {
            entry_kind(entry).expect("entry is valid");
            if let Some(zone) = entry.zone {
                assert!(
                    crate::time::tzdb().get(zone).is_ok(),
                    "{}: unknown zone {zone}",
                    entry.abbr
                );
            }
        }
        for (abbr, candidates) in AMBIGUOUS {
            assert!(candidates.len() >= 2, "{abbr} needs two candidates");
            for c in *candidates {
                assert!(parse_offset(c.offset).is_some(), "{abbr}: {}", c.offset);
            }
        }
        let zones = Zones::builtin();
        for abbr in [
            "UTC", "GMT", "Z", "WAT", "CAT", "EAT", "SAST", "WET", "CET", "EET", "MSK", "PKT",
            "ICT", "WIB", "SGT", "HKT", "JST", "KST", "AEST", "AEDT", "ACST", "AWST", "NZST",
            "NZDT", "EST", "EDT", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "HST", "CEST", "EEST",
            "WEST", "PT", "ET", "CT", "MT",
        ] {
            assert!(
                !matches!(
                    zones.abbreviation(abbr),
                    None | Some(ZoneKind::Ambiguous { .. })
                ),
                "{abbr}"
            );
        }
        for abbr in ["IST", "CST", "BST", "AST"] {
            assert!(
                matches!(zones.abbreviation(abbr), Some(ZoneKind::Ambiguous { candidates }) if candidates.len() >= 2)
            );
        }
    }

    #[test]
    fn offsets_are_read_as_people_mean_them() {
        let cases: &[(&str, Option<i32>)] = &[
            ("+01:00", Some(3600)),
            ("+0100", Some(3600)),
            ("+5", Some(5 * 3600)),
            ("-5:30", Some(-(5 * 3600 + 1800))),
            ("UTC", Some(0)),
            ("gmt", Some(0)),
            ("Z", Some(0)),
            ("GMT+1", Some(3600)),
            ("UTC −4", Some(-4 * 3600)),
            ("UTC+05:30", Some(5 * 3600 + 1800)),
            ("+15:00", None),
            ("+01:75", None),
            ("+530", Some(5 * 3600 + 1800)),
            ("–3", Some(-3 * 3600)),
            ("+5:", None),
            ("+5:3", None),
            ("+123", Some(3600 + 23 * 60)),
            ("+12345", None),
            ("banana", None),
            ("", None),
        ];
        for (text, seconds) in cases {
            assert_eq!(parse_offset(text).map(|o| o.seconds()), *seconds, "{text}");
        }
    }

    #[test]
    fn zones_at_a_position() {
        let zones = Zones::builtin();
        type Case = (&'static str, Placement, Option<(&'static str, ZoneKind)>);
        let cases: &[Case] = &[
            ("UTC", Placement::Free, Some(("UTC", fixed(0)))),
            ("utc", Placement::Free, Some(("utc", fixed(0)))),
            ("GMT+1)", Placement::Free, Some(("GMT+1", fixed(1)))),
            ("GMT +2", Placement::Free, Some(("GMT +2", fixed(2)))),
            ("GMT-5", Placement::Free, Some(("GMT-5", fixed(-5)))),
            ("UTC−4", Placement::Free, Some(("UTC−4", fixed(-4)))),
            ("UTC - 15:00", Placement::Free, Some(("UTC", fixed(0)))),
            ("UTC+1:5", Placement::Free, Some(("UTC", fixed(0)))),
            ("WAT", Placement::Free, Some(("WAT", fixed(1)))),
            (
                "Africa/Lagos,",
                Placement::Free,
                Some(("Africa/Lagos", ZoneKind::Iana("Africa/Lagos".into()))),
            ),
            (
                "Pacific Time",
                Placement::Free,
                Some(("Pacific Time", ZoneKind::Iana("America/Los_Angeles".into()))),
            ),
            (
                "india standard time",
                Placement::Free,
                Some((
                    "india standard time",
                    ZoneKind::Fixed(Offset::from_seconds(19800).unwrap()),
                )),
            ),
            ("+01:00", Placement::AfterTime, Some(("+01:00", fixed(1)))),
            ("+01:00", Placement::Free, None),
            ("Z", Placement::Touching, Some(("Z", fixed(0)))),
            ("Z", Placement::AfterTime, None),
            ("Atlantis/Nowhere", Placement::Free, None),
            ("Etc/GMT+1", Placement::Free, None),
            ("wat", Placement::Free, None),
            ("WATER", Placement::Free, None),
            ("UTCX", Placement::Free, None),
        ];
        for (text, placement, expected) in cases {
            let got = zone_at(text, 0, zones, *placement).map(|z| (z.text, z.kind));
            let expected = expected.as_ref().map(|(t, k)| (t.to_string(), k.clone()));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn ambiguous_abbreviations_describe_their_candidates() {
        let zone = zone_at("IST", 0, Zones::builtin(), Placement::Free).expect("IST is known");
        let ZoneKind::Ambiguous { candidates } = zone.kind else {
            panic!("IST must be ambiguous");
        };
        assert!(candidates.contains(&"India Standard Time (+05:30)".to_string()));
    }

    #[test]
    fn overrides_resolve_and_reject() {
        let zones = Zones::builtin()
            .with_overrides(&[
                ("IST".into(), "+05:30".into()),
                ("WAT".into(), "Africa/Lagos".into()),
                ("Lagos time".into(), "UTC+1".into()),
            ])
            .expect("valid overrides");
        assert_eq!(
            zones.abbreviation("IST"),
            Some(&ZoneKind::Fixed(Offset::from_seconds(19800).unwrap()))
        );
        assert_eq!(
            zones.abbreviation("WAT"),
            Some(&ZoneKind::Iana("Africa/Lagos".into()))
        );
        let lagos = zone_at("lagos time", 0, &zones, Placement::Free).expect("custom name");
        assert_eq!(lagos.kind, fixed(1));
        for bad in ["Mars/Olympus", "+25:00", "soon", "Etc/GMT+1", "EST"] {
            assert!(
                Zones::builtin()
                    .with_overrides(&[("XT".into(), bad.into())])
                    .is_err(),
                "{bad}"
            );
        }
        assert!(
            Zones::builtin()
                .with_overrides(&[(" ".into(), "UTC".into())])
                .is_err()
        );
    }

    #[test]
    fn zones_in_prose() {
        let zones = Zones::builtin();
        let found: Vec<String> = find_zones(
            "We met at the cat café; CAT and Africa/Nairobi, not est.",
            zones,
        )
        .into_iter()
        .map(|z| z.text)
        .collect();
        assert_eq!(found, ["CAT", "Africa/Nairobi"]);
    }

    #[test]
    fn declarations() {
        let zones = Zones::builtin();
        let cases: &[(&str, Option<&str>)] = &[
            ("Timeline (all times GMT)", Some("GMT")),
            ("Timeline (all GMT)", Some("GMT")),
            ("Timeline(EAT)", Some("EAT")),
            ("Timeline (UTC)", Some("UTC")),
            ("**Timeline** (UTC)", Some("UTC")),
            ("All times are in UTC.", Some("UTC")),
            ("All times in Pacific Time (PT)", Some("Pacific Time")),
            ("Times are WAT", Some("WAT")),
            ("Time (CET)", Some("CET")),
            ("Timezone: Africa/Lagos", Some("Africa/Lagos")),
            ("All times listed are in UTC+1.", Some("UTC+1")),
            ("The outage began at 14:00 UTC.", None),
            ("Timeline", None),
            ("We moved the servers to UTC last year.", None),
        ];
        for (text, expected) in cases {
            let got = zone_declaration(text, zones).map(|z| z.text);
            assert_eq!(got.as_deref(), *expected, "{text}");
        }
    }
}
