//! `--chart FILE.svg`: incidents per month and the distribution of time to resolve, side by
//! side, as bar charts drawn with plotters' SVG backend (text as SVG `<text>`, so no font
//! files are read). Each panel's bars have their own colour, which is how a test tells them
//! from the frame and counts them.

use std::ops::Range;

use jiff::civil::Date;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::metrics::Incident;

/// The month bars' colour (`#4C72B0` in the SVG).
pub const MONTH_COLOR: RGBColor = RGBColor(0x4C, 0x72, 0xB0);
/// The TTR bars' colour (`#DD8452` in the SVG).
pub const TTR_COLOR: RGBColor = RGBColor(0xDD, 0x84, 0x52);

const SIZE: (u32, u32) = (1100, 420);

/// The TTR bins: each upper bound (exclusive) and its label; the last is open.
const TTR_BINS: [(i64, &str); 8] = [
    (15, "<15m"),
    (30, "15–30m"),
    (60, "30m–1h"),
    (120, "1–2h"),
    (240, "2–4h"),
    (480, "4–8h"),
    (1440, "8–24h"),
    (i64::MAX, "≥1d"),
];

/// The chart's SVG text for `incidents`.
pub fn render(incidents: &[Incident]) -> Result<String, String> {
    let (months, per_month) = per_month(incidents);
    let ttr = ttr_bins(incidents);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (left, right) = root.split_horizontally(SIZE.0 / 2);
        let ttr_labels: Vec<String> = TTR_BINS.iter().map(|(_, l)| l.to_string()).collect();
        let dated: usize = per_month.iter().sum();
        let month_title = if dated == incidents.len() {
            "Incidents per month".to_string()
        } else {
            format!("Incidents per month, {dated} of {} dated", incidents.len())
        };
        bars(&left, &month_title, &months, &per_month, MONTH_COLOR)?;
        let ttr_title = format!(
            "Time to resolve (TTR), {} of {} incidents",
            ttr.iter().sum::<usize>(),
            incidents.len()
        );
        bars(&right, &ttr_title, &ttr_labels, &ttr, TTR_COLOR)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Every month from the first dated incident's to the last's (months with none included, so
/// gaps show), and how many incidents each had.
pub fn per_month(incidents: &[Incident]) -> (Vec<String>, Vec<usize>) {
    let mut dates: Vec<Date> = incidents
        .iter()
        .filter_map(|i| i.date.as_ref().ok().copied())
        .map(|d| d.first_of_month())
        .collect();
    dates.sort();
    let (Some(&first), Some(&last)) = (dates.first(), dates.last()) else {
        return (Vec::new(), Vec::new());
    };
    let mut labels = Vec::new();
    let mut counts = Vec::new();
    let mut month = first;
    while month <= last {
        labels.push(month.strftime("%Y-%m").to_string());
        counts.push(dates.iter().filter(|&&d| d == month).count());
        let Ok(next) = month.checked_add(jiff::Span::new().months(1)) else {
            break;
        };
        month = next;
    }
    (labels, counts)
}

/// How many incidents' TTR falls in each of [`TTR_BINS`].
pub fn ttr_bins(incidents: &[Incident]) -> Vec<usize> {
    let mut counts = vec![0; TTR_BINS.len()];
    for d in incidents.iter().filter_map(|i| i.ttr.as_ref().ok()) {
        let mins = d.as_secs() / 60;
        let bin = TTR_BINS
            .iter()
            .position(|(upper, _)| mins < *upper)
            .unwrap_or(TTR_BINS.len() - 1);
        counts[bin] += 1;
    }
    counts
}

/// One panel: a bar per label with a count above zero, labelled underneath.
fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    labels: &[String],
    counts: &[usize],
    color: RGBColor,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let n = labels.len().max(1) as u32;
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as u32;
    let x: Range<u32> = 0..n;
    // At most about ten labels fit under a panel: past that, every k-th.
    let step = labels.len().div_ceil(10).max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(40)
        .build_cartesian_2d(x.into_segmented(), 0u32..top + top.div_ceil(5))
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(labels.len() + 1)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) if (*i as usize).is_multiple_of(step) => {
                labels.get(*i as usize).cloned().unwrap_or_default()
            }
            _ => String::new(),
        })
        .y_desc("incidents")
        .y_label_formatter(&|v| v.to_string())
        .draw()
        .map_err(err)?;
    let style = color.filled();
    let shown = counts.iter().enumerate().filter(|(_, c)| **c > 0);
    chart
        .draw_series(shown.map(|(i, &c)| {
            let i = i as u32;
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0),
                    (SegmentValue::Exact(i + 1), c as u32),
                ],
                style,
            );
            bar.set_margin(0, 0, 6, 6);
            bar
        }))
        .map_err(err)?;
    Ok(())
}
