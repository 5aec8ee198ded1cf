//! The zones a timeline or summary reads its times in: the document's one zone, a
//! section's declared zone, and the near misses and wrong conversions PM302 reports.

use std::ops::Range;

use super::{BlockScans, WrongConversion, ZoneOrigin, ZoneRef};
use crate::config::Settings;
use crate::document::{BlockKind, Document};
use crate::time::{self, Scan, ZoneKind, ZoneMention};

/// The zone every time in the document falls back to: front matter, then config.
pub(super) fn document_zone(
    doc_front: Option<&crate::document::FrontMatter>,
    settings: &Settings,
) -> Option<ZoneRef> {
    if let Some(fm) = doc_front {
        for key in ["timezone", "time_zone", "time-zone", "tz"] {
            if let Some((value, span)) = fm.get(key)
                && let Some(kind) = settings.zones.parse(value)
            {
                return Some(ZoneRef {
                    kind,
                    text: value.to_string(),
                    span: Some(span),
                    origin: ZoneOrigin::FrontMatter,
                });
            }
        }
    }
    settings.default_timezone.clone().map(|kind| ZoneRef {
        kind,
        text: "default-timezone".into(),
        span: None,
        origin: ZoneOrigin::Config,
    })
}

/// The zone a document states when it states exactly one, on its times or in a section's
/// heading or lead line ("(all times CET)"), however often: zones that mean the same offset
/// ("UTC", "GMT", "Z") are one zone. With two or more, a time without its own zone has none.
pub(super) fn single_zone(mentions: &[ZoneMention], declared: &[ZoneRef]) -> Option<ZoneRef> {
    let mut first: Option<ZoneRef> = None;
    let stated = mentions
        .iter()
        .map(|m| ZoneRef::from_mention(m, ZoneOrigin::Document))
        .chain(declared.iter().map(|z| ZoneRef {
            origin: ZoneOrigin::Document,
            ..z.clone()
        }));
    for zone in stated {
        match &first {
            None => first = Some(zone),
            Some(f) if f.kind == zone.kind => {}
            Some(_) => return None,
        }
    }
    first
}

/// A section-wide zone declared in `range` of the masked text, with an absolute span.
pub(super) fn declaration_in(
    doc: &Document,
    range: Range<usize>,
    settings: &Settings,
) -> Option<ZoneMention> {
    let mut m = time::zone_declaration(doc.masked(range.clone()), &settings.zones)?;
    m.span = m.span.start + range.start..m.span.end + range.start;
    Some(m)
}

/// Conversions in section `section` that do not hold: a time, then the same moment in another
/// zone in parentheses ("12:48 (6:48 PDT)"), both zones fixed offsets. The first time's zone
/// is its own, else the section's or the document's (`fallback`).
/// The scans of the blocks in section `section` and its subsections.
fn section_scans<'a>(
    doc: &'a Document,
    scans: &'a BlockScans,
    section: usize,
) -> impl Iterator<Item = &'a Scan> {
    doc.blocks
        .iter()
        .zip(&scans.scans)
        .filter(move |(block, _)| {
            block
                .section
                .is_some_and(|owner| doc.is_within(owner, section))
        })
        .flat_map(|(_, block_scans)| block_scans)
}

pub(super) fn wrong_conversions(
    doc: &Document,
    scans: &BlockScans,
    section: usize,
    fallback: Option<&ZoneRef>,
) -> Vec<WrongConversion> {
    let offset = |kind: &ZoneKind| match kind {
        ZoneKind::Fixed(o) => Some(*o),
        _ => None,
    };
    let mut out = Vec::new();
    for scan in section_scans(doc, scans, section) {
        for pair in scan.times.windows(2) {
            let (a, c) = (&pair[0], &pair[1]);
            let between = doc.masked.get(a.span.end..c.span.start).unwrap_or("");
            let Some(second_zone) = &c.zone else { continue };
            if between.trim() != "(" {
                continue;
            }
            let (first_kind, first_text) = match (&a.zone, fallback) {
                (Some(z), _) => (&z.kind, z.text.clone()),
                (None, Some(z)) => (&z.kind, z.text.clone()),
                (None, None) => continue,
            };
            let (Some(from), Some(to)) = (offset(first_kind), offset(&second_zone.kind)) else {
                continue;
            };
            let shift = i64::from(to.seconds()) - i64::from(from.seconds());
            let expected = a.time.wrapping_add(jiff::SignedDuration::from_secs(shift));
            if expected.hour() != c.time.hour() || expected.minute() != c.time.minute() {
                out.push(WrongConversion {
                    first: a.time_span.clone(),
                    first_zone: first_text,
                    second: c.span.clone(),
                    second_zone: second_zone.text.clone(),
                    expected,
                });
            }
        }
    }
    out
}

/// Near misses of zones in section `section`: in its heading or lead where a declaration would
/// be ("Timeline (all times Greenwitch)"), and right after its zoneless times ("14:00 GTM").
pub(super) fn unknown_zones(
    doc: &Document,
    scans: &BlockScans,
    settings: &Settings,
    section: usize,
) -> Vec<time::UnknownZone> {
    let s = &doc.sections[section];
    let zones = &settings.zones;
    let shift = |mut u: time::UnknownZone, base: usize| {
        u.span = u.span.start + base..u.span.end + base;
        u
    };
    let mut found: Vec<time::UnknownZone> =
        time::unknown_zone_declaration(doc.masked(s.span.clone()), zones)
            .map(|u| shift(u, s.span.start))
            .into_iter()
            .collect();
    found.extend(
        section_scans(doc, scans, section)
            .flat_map(|scan| &scan.times)
            .filter(|t| t.zone.is_none())
            .filter_map(|t| time::unknown_zone_after(&doc.masked, t.span.end, zones)),
    );
    found
}

/// The zone a section declares in its heading or its first paragraph ("All times are UTC").
pub(super) fn section_zone(doc: &Document, section: usize, settings: &Settings) -> Option<ZoneRef> {
    let s = &doc.sections[section];
    let in_heading = || {
        let title = doc.masked(s.span.clone());
        let mut m = time::zone_in_parentheses(title, &settings.zones)?;
        m.span = m.span.start + s.span.start..m.span.end + s.span.start;
        Some(m)
    };
    let found = declaration_in(doc, s.span.clone(), settings)
        .or_else(in_heading)
        .or_else(|| {
            let lead = doc.blocks.iter().find(|b| {
                b.span.start >= s.span.end
                    && b.span.start < s.own_body.end
                    && b.kind == BlockKind::Paragraph
            })?;
            let first_line_end = doc.masked[lead.span.clone()]
                .find('\n')
                .map_or(lead.span.end, |i| lead.span.start + i);
            // Only a lead that is not itself an entry: a declaration, not "14:00 UTC: paged".
            declaration_in(doc, lead.span.start..first_line_end, settings)
        });
    found.map(|m| ZoneRef::from_mention(&m, ZoneOrigin::Section))
}

/// Zones written with a second reading that disagrees, right after the times of section
/// `section`: "10:00 WAT (UTC+2)", "10:00 SAST+2".
pub(super) fn conflicting_zones(
    doc: &Document,
    scans: &BlockScans,
    settings: &Settings,
    section: usize,
) -> Vec<time::ConflictingZone> {
    section_scans(doc, scans, section)
        .flat_map(|scan| &scan.times)
        .filter_map(|t| t.zone.as_ref())
        .filter_map(|zone| time::conflicting_zone_after(&doc.masked, zone, &settings.zones))
        .collect()
}
