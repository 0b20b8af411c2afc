//! The graph picture: the briefing view (actors to what they demand, offer, reject, …) of the
//! claims an actor, issue or dates keep, drawn by Graphviz `dot` when it is installed and by
//! negkg itself otherwise (two columns: actors on the left, what they take positions on at
//! the right, one labelled line per position).

use super::{internal, Answer, Context};
use crate::export::dot::{write_dot, DotOptions, DotView};
use crate::graph::{Layer, ProjectedGraph, Selection};
use crate::vocab;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Most positions drawn; past this the picture is drawn by negkg with the first of them.
const MAX_EDGES: usize = 150;

/// The claims the page's filters keep.
pub(super) fn selection(context: &Context) -> std::result::Result<Selection, Answer> {
    let iri = |name: &str, ns: &str| -> std::result::Result<Vec<String>, Answer> {
        Ok(context
            .resource(name, ns)?
            .map(|n| n.as_str().to_owned())
            .into_iter()
            .collect())
    };
    let draw = context.param("draw");
    if draw.is_some_and(|d| d != "plain" && d != "graphviz") {
        return Err(Answer::text(400, "draw= takes plain or graphviz"));
    }
    Ok(Selection {
        actors: iri("actor", vocab::ACTOR_NS)?,
        issues: iri("issue", vocab::ISSUE_NS)?,
        from: context.date("from")?,
        to: context.date("to")?,
        ..Selection::default()
    })
}

/// `GET /graph.svg?actor=…&issue=…&from=…&to=…&draw=plain|graphviz`.
pub(super) fn graph_svg(context: &Context) -> Answer {
    let selection = match selection(context) {
        Ok(selection) => selection,
        Err(answer) => return answer,
    };
    let projection = match ProjectedGraph::from_store(context.graph, &selection) {
        Ok(projection) => projection,
        Err(error) => return internal(error),
    };
    let edges = projection.edges_of(Layer::Position);
    let plain = context.param("draw") == Some("plain") || edges.len() > MAX_EDGES;
    if !plain {
        if let Some(svg) = graphviz(&projection) {
            return svg_answer(svg, "graphviz");
        }
    }
    svg_answer(plain_svg(&projection, &edges).into_bytes(), "negkg")
}

fn svg_answer(svg: Vec<u8>, drawn_by: &str) -> Answer {
    let mut answer = Answer::new(200, "image/svg+xml", svg);
    answer.headers.push(("X-Drawn-By", drawn_by.into()));
    answer
}

/// The briefing drawn by Graphviz, if `dot` (or `$NEGKG_DOT`) runs.
fn graphviz(projection: &ProjectedGraph) -> Option<Vec<u8>> {
    let options = DotOptions {
        view: DotView::Briefing,
        legend: true,
        ..DotOptions::default()
    };
    let mut dot = Vec::new();
    write_dot(projection, &options, &mut dot).ok()?;
    let program = std::env::var("NEGKG_DOT").unwrap_or_else(|_| "dot".into());
    let mut child = std::process::Command::new(program)
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        // Written from another thread, so that a large picture cannot block both pipes.
        std::thread::spawn(move || stdin.write_all(&dot));
    }
    let output = child.wait_with_output().ok()?;
    output.status.success().then_some(output.stdout)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

/// Two columns, actors at the left and what they take positions on at the right, one line per
/// position (the first [`MAX_EDGES`]), labelled with the position in words.
fn plain_svg(
    projection: &ProjectedGraph,
    edges: &[(
        petgraph::graph::NodeIndex,
        petgraph::graph::NodeIndex,
        petgraph::graph::EdgeIndex,
    )],
) -> String {
    let shown = &edges[..edges.len().min(MAX_EDGES)];
    let mut left: BTreeMap<String, usize> = BTreeMap::new();
    let mut right: BTreeMap<String, usize> = BTreeMap::new();
    for (from, to, _) in shown {
        let count = left.len();
        left.entry(projection.node(*from).label.clone())
            .or_insert(count);
        let count = right.len();
        right
            .entry(projection.node(*to).label.clone())
            .or_insert(count);
    }
    let row = 34.0;
    let top = 60.0;
    let height = top + row * left.len().max(right.len()).max(1) as f64 + 40.0;
    let (width, x_left, x_right) = (980.0, 20.0, 640.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="Who takes which position"><rect width="100%" height="100%" fill="#fff"/><text x="20" y="24" font-size="15" font-weight="bold">Who takes which position — negkg briefing</text>"##
    );
    if shown.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="20" y="60">No positions for these filters.</text></svg>"##
        );
        return svg;
    }
    if shown.len() < edges.len() {
        let _ = write!(
            svg,
            r##"<text x="20" y="42" fill="#555">The first {} of {} positions: narrow the filters to see the rest.</text>"##,
            shown.len(),
            edges.len()
        );
    }
    let y = |i: usize| top + row * i as f64;
    for (from, to, edge) in shown {
        let a = left[&projection.node(*from).label];
        let b = right[&projection.node(*to).label];
        let (y1, y2) = (y(a) + 11.0, y(b) + 11.0);
        let label = &projection.graph()[*edge].label;
        let _ = write!(
            svg,
            r##"<g><title>{}</title><line x1="{}" y1="{y1}" x2="{x_right}" y2="{y2}" stroke="#8a9bb5" stroke-width="1.2"/><text x="{}" y="{}" fill="#444" font-size="10" text-anchor="middle">{}</text></g>"##,
            escape(&format!(
                "{} {} {}",
                projection.node(*from).label,
                label,
                projection.node(*to).label
            )),
            x_left + 230.0,
            x_left + 230.0 + (x_right - x_left - 230.0) * 0.5,
            (y1 + y2) / 2.0 - 3.0,
            escape(&shorten(label, 40))
        );
    }
    for (label, i) in &left {
        let _ = write!(
            svg,
            r##"<rect x="{x_left}" y="{}" width="230" height="22" rx="4" fill="#e3ecfa" stroke="#1f5fbf"/><text x="{}" y="{}">{}</text>"##,
            y(*i),
            x_left + 6.0,
            y(*i) + 15.0,
            escape(&shorten(label, 36))
        );
    }
    for (label, i) in &right {
        let _ = write!(
            svg,
            r##"<rect x="{x_right}" y="{}" width="320" height="22" rx="4" fill="#fdf3dc" stroke="#b07d10"/><text x="{}" y="{}">{}</text>"##,
            y(*i),
            x_right + 6.0,
            y(*i) + 15.0,
            escape(&shorten(label, 50))
        );
    }
    svg.push_str("</svg>");
    svg
}
