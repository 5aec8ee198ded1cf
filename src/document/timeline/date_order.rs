//! One reading of numeric dates per document: `03/04/2024` is month first in a document that
//! also writes `06/19/2024`, day first in one that writes `19/06/2024`, month first where the
//! times are in North American zones, and undecided (not used to order) otherwise.

use super::BlockScans;
use crate::time::{DateOrder, Scan, ZoneKind};

/// Settle every [`DateOrder::Either`] date of the document's scans by the document's reading.
pub fn resolve(scans: &mut BlockScans) {
    let all = || scans.scans.iter().flatten();
    if !all().any(has_either) {
        return;
    }
    let orders = all().flat_map(|s| {
        let dates = s.dates.iter().map(|d| d.order);
        dates.chain(s.times.iter().map(|t| t.date_order))
    });
    let day_first = orders.clone().any(|o| o == DateOrder::DayFirst);
    let month_first = orders.clone().any(|o| o == DateOrder::MonthFirst);
    let reading = match (day_first, month_first) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        (true, true) => None,
        (false, false) => all()
            .any(|s| {
                let zones = s.times.iter().filter_map(|t| t.zone.as_ref());
                zones.chain(&s.zones).any(|z| is_north_american(&z.kind))
            })
            .then_some(false),
    };
    for scan in scans.scans.iter_mut().flatten() {
        for d in &mut scan.dates {
            if let DateOrder::Either { day_first } = d.order {
                match reading {
                    Some(true) => d.date = day_first,
                    Some(false) => {}
                    None => d.order = DateOrder::Undecided,
                }
            }
        }
        for t in &mut scan.times {
            if let DateOrder::Either { day_first } = t.date_order {
                match reading {
                    Some(true) => t.date = Some(day_first),
                    Some(false) => {}
                    // The time is dated, but by no date it can be ordered by.
                    None => {
                        t.date = None;
                        t.date_order = DateOrder::Undecided;
                    }
                }
            }
        }
    }
}

fn has_either(scan: &Scan) -> bool {
    let either = |o: DateOrder| matches!(o, DateOrder::Either { .. });
    scan.dates.iter().any(|d| either(d.order)) || scan.times.iter().any(|t| either(t.date_order))
}

/// A zone of the United States or Canada, where dates are written month first: an IANA name
/// under `America/` or `US/`, or a fixed offset from UTC−4 to UTC−10 (EDT to HST).
fn is_north_american(kind: &ZoneKind) -> bool {
    match kind {
        ZoneKind::Fixed(offset) => (-10 * 3600..=-4 * 3600).contains(&offset.seconds()),
        ZoneKind::Iana(name) => {
            name.starts_with("America/")
                || name.starts_with("US/")
                || matches!(name.as_str(), "PT" | "ET" | "CT" | "MT")
        }
        ZoneKind::Ambiguous { .. } => false,
    }
}
