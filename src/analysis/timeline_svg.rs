//! A timeline drawn as SVG: a time axis, one band per lane (holder), one row per dated position
//! with a marker coloured by kind and its label. Written by hand, deterministic, no fonts or
//! scripts needed.

use super::Solutions;
use crate::export::dot::claim_line;
use crate::model::{ClaimKind, Date};
use std::collections::BTreeMap;
use std::fmt::Write;

const LEFT: f64 = 200.0;
const AXIS_WIDTH: f64 = 460.0;
const TOP: f64 = 78.0;
const ROW: f64 = 22.0;
const WIDTH: f64 = 1320.0;
const LABEL_CHARS: usize = 104;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!(
            "{}…",
            text.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}

struct Entry {
    lane: String,
    before: bool,
    date: Date,
    kind: String,
    label: String,
    source: String,
    quote: String,
}

fn ticks(first: i64, last: i64) -> Vec<(i64, String)> {
    let span = (last - first).max(1);
    let mut out = Vec::new();
    if span <= 45 {
        let step = (span / 8).max(1);
        let mut day = first;
        while day <= last {
            out.push((day, day_label(day, false)));
            day += step;
        }
    } else {
        // Month starts between the first and the last day.
        let start = date_of(first);
        let (mut year, mut month) = (start.year(), start.month());
        let months = span / 30;
        let step = (months / 10).max(1) as u8;
        while let Ok(date) = Date::new(year, month, 1) {
            let day = date.days_since_epoch();
            if day > last {
                break;
            }
            if day >= first {
                out.push((day, format!("{year:04}-{month:02}")));
            }
            month += step;
            while month > 12 {
                month -= 12;
                year += 1;
            }
        }
    }
    out
}

fn date_of(days: i64) -> Date {
    Date::from_days_since_epoch(days)
}

fn day_label(days: i64, with_year: bool) -> String {
    let date = date_of(days);
    if with_year {
        date.to_string()
    } else {
        format!("{:02}-{:02}", date.month(), date.day())
    }
}

/// Draws the rows of a timeline query as SVG. `lane` names the variable that groups rows into
/// bands (`holder`); rows without a date are left out.
pub fn timeline_svg(solutions: &Solutions, lane: &str, title: &str) -> String {
    let mut entries: Vec<Entry> = (0..solutions.len())
        .filter_map(|row| {
            let date = solutions.text(row, "statedOn").parse::<Date>().ok()?;
            Some(Entry {
                lane: solutions.text(row, lane),
                before: solutions.text(row, "dated") == "before",
                date,
                kind: solutions.text(row, "kind"),
                label: solutions.text(row, "label"),
                source: solutions.text(row, "source"),
                quote: solutions.text(row, "quote"),
            })
        })
        .collect();
    // Lanes in the order of their first position; rows by date within a lane.
    let mut first_in_lane: BTreeMap<String, Date> = BTreeMap::new();
    for entry in &entries {
        let first = first_in_lane
            .entry(entry.lane.clone())
            .or_insert(entry.date);
        *first = (*first).min(entry.date);
    }
    entries.sort_by(|a, b| {
        (first_in_lane[&a.lane], &a.lane, a.date, &a.label).cmp(&(
            first_in_lane[&b.lane],
            &b.lane,
            b.date,
            &b.label,
        ))
    });
    let (first, last) = match (
        entries.iter().map(|e| e.date).min(),
        entries.iter().map(|e| e.date).max(),
    ) {
        (Some(a), Some(b)) => (a.days_since_epoch(), b.days_since_epoch()),
        _ => (0, 1),
    };
    let span = (last - first).max(1) as f64;
    let x = |date: Date| LEFT + (date.days_since_epoch() - first) as f64 / span * AXIS_WIDTH;
    let lanes = first_in_lane.len();
    let height = TOP + (entries.len() as f64) * ROW + (lanes as f64) * 8.0 + 60.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">"
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    let _ = writeln!(
        svg,
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        svg,
        "<text x=\"16\" y=\"26\" font-size=\"15\" font-weight=\"bold\">{}</text>",
        escape(title)
    );
    let _ = writeln!(
        svg,
        "<text x=\"16\" y=\"44\" fill=\"#666666\">{} positions, {} to {}; colour by kind, one row per position</text>",
        entries.len(),
        day_label(first, true),
        day_label(last, true)
    );
    // Axis with ticks and grid lines.
    let bottom = height - 40.0;
    let _ = writeln!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\"/>",
        TOP - 12.0,
        LEFT + AXIS_WIDTH,
        TOP - 12.0
    );
    for (day, label) in ticks(first, last) {
        let tx = LEFT + (day - first) as f64 / span * AXIS_WIDTH;
        let _ = writeln!(
            svg,
            "<line x1=\"{tx:.1}\" y1=\"{}\" x2=\"{tx:.1}\" y2=\"{bottom:.1}\" stroke=\"#e4e4e4\"/>",
            TOP - 12.0
        );
        let _ = writeln!(
            svg,
            "<text x=\"{tx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333333\">{}</text>",
            TOP - 18.0,
            escape(&label)
        );
    }
    // Lanes and rows.
    let mut y = TOP;
    let mut current: Option<&str> = None;
    let mut band = 0;
    for (index, entry) in entries.iter().enumerate() {
        if current != Some(entry.lane.as_str()) {
            if current.is_some() {
                y += 8.0;
            }
            current = Some(entry.lane.as_str());
            let band_start = y;
            let rows = entries[index..]
                .iter()
                .take_while(|e| e.lane == entry.lane)
                .count() as f64;
            let fill = if band % 2 == 0 { "#f6f8fa" } else { "#ffffff" };
            band += 1;
            let _ = writeln!(
                svg,
                "<rect x=\"8\" y=\"{:.1}\" width=\"{}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"#dddddd\"/>",
                band_start,
                WIDTH - 16.0,
                rows * ROW
            );
            let _ = writeln!(
                svg,
                "<text x=\"16\" y=\"{:.1}\" font-weight=\"bold\">{}</text>",
                band_start + 15.0,
                escape(&shorten(&entry.lane, 28))
            );
        }
        let cx = x(entry.date);
        let cy = y + ROW / 2.0;
        let colour = ClaimKind::from_keyword(&entry.kind).map_or("#555555", claim_line);
        let tooltip = format!(
            "{} · {} · {}\n“{}”\n{}",
            entry.date, entry.kind, entry.label, entry.quote, entry.source
        );
        let _ = writeln!(
            svg,
            "<g><title>{}</title><circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"5\" fill=\"{colour}\"/>",
            escape(&tooltip)
        );
        let text = format!(
            "{}{} · {} · {}",
            if entry.before { "before " } else { "" },
            day_label(entry.date.days_since_epoch(), true),
            entry.kind.to_uppercase(),
            entry.label
        );
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">{}</text></g>",
            LEFT + AXIS_WIDTH + 14.0,
            cy + 4.0,
            escape(&shorten(&text, LABEL_CHARS))
        );
        let _ = writeln!(
            svg,
            "<line x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\" stroke=\"{colour}\" stroke-opacity=\"0.35\" stroke-dasharray=\"2,2\"/>",
            LEFT + AXIS_WIDTH + 10.0
        );
        y += ROW;
    }
    // Legend of the kinds present.
    let mut kinds: Vec<&str> = entries.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut lx = 16.0;
    for kind in kinds {
        let colour = ClaimKind::from_keyword(kind).map_or("#555555", claim_line);
        let _ = writeln!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            lx + 5.0,
            height - 20.0,
            lx + 14.0,
            height - 16.0,
            escape(kind)
        );
        lx += 24.0 + kind.len() as f64 * 6.5;
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_convert_both_ways() {
        for text in [
            "1970-01-01",
            "2024-02-29",
            "2025-05-19",
            "1999-12-31",
            "2100-03-01",
        ] {
            let date: Date = text.parse().unwrap();
            assert_eq!(date_of(date.days_since_epoch()), date);
        }
    }

    #[test]
    fn ticks_fall_on_month_starts_for_long_spans() {
        let first = "2025-01-15".parse::<Date>().unwrap().days_since_epoch();
        let last = "2025-05-20".parse::<Date>().unwrap().days_since_epoch();
        let labels: Vec<String> = ticks(first, last).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["2025-02", "2025-03", "2025-04", "2025-05"]);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
