//! The graph picture: the briefing view (actors to what they demand, offer, reject, …, the
//! direct edges the claims yield) for an actor, an issue or dates, drawn by Graphviz `dot`
//! when it is installed and by negkg itself otherwise (two columns: actors on the left, what
//! they take positions on at the right, one labelled line per position). The edges are read
//! with one bounded query: at most [`MAX_EDGES`].

use super::data::{self, iri_of};
use super::{internal, Answer, Context};
use crate::model::Date;
use crate::vocab;
use oxigraph::model::{Literal, Term};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Most positions drawn.
const MAX_EDGES: usize = 150;

/// One position: who, in words, towards what.
struct Position {
    from: String,
    from_label: String,
    label: String,
    to: String,
    to_label: String,
}

/// What the page's filters keep.
struct Filters {
    actor: Option<Term>,
    issue: Option<Term>,
    from: Option<Date>,
    to: Option<Date>,
}

fn filters(context: &Context) -> std::result::Result<Filters, Answer> {
    let draw = context.param("draw");
    if draw.is_some_and(|d| d != "plain" && d != "graphviz") {
        return Err(Answer::text(400, "draw= takes plain or graphviz"));
    }
    Ok(Filters {
        actor: context.resource("actor", vocab::ACTOR_NS)?.map(Term::from),
        issue: context.resource("issue", vocab::ISSUE_NS)?.map(Term::from),
        from: context.date("from")?,
        to: context.date("to")?,
    })
}

fn date_literal(date: Date) -> String {
    Literal::new_typed_literal(date.to_string(), oxigraph::model::vocab::xsd::DATE).to_string()
}

/// The positions the filters keep (at most [`MAX_EDGES`] + 1, to tell that there are more).
fn positions(context: &Context, filters: &Filters) -> crate::error::Result<Vec<Position>> {
    let mut bindings: Vec<(&str, Term)> = Vec::new();
    let negotiation = context.negotiation.as_ref().map(|n| n.iri.clone());
    let text = if filters.issue.is_none()
        && filters.from.is_none()
        && filters.to.is_none()
        && negotiation.is_none()
    {
        // The direct edges themselves: one triple per position, however many claims back it.
        let actor = if let Some(actor) = &filters.actor {
            bindings.push(("actor", actor.clone()));
            "{ ?actor ?e ?o . BIND(?actor AS ?h) } UNION { ?h ?e ?actor . BIND(?actor AS ?o) }"
        } else {
            "?h ?e ?o ."
        };
        format!(
            "SELECT DISTINCT ?actor ?h ?e ?o WHERE {{ {actor} ?e rdfs:subPropertyOf neg:takesPosition . }} LIMIT {}",
            MAX_EDGES + 1
        )
    } else {
        // The claims the filters keep, and the direct edges they yield.
        // The most selective patterns first.
        let mut pattern = String::new();
        if let Some(actor) = &filters.actor {
            bindings.push(("actor", actor.clone()));
            pattern.push_str("{ ?c neg:holder ?actor } UNION { ?c neg:addressee ?actor } ");
        }
        if let Some(issue) = &filters.issue {
            bindings.push(("issue", issue.clone()));
            pattern.push_str("?c neg:issue ?issue . ");
        }
        if let Some(negotiation) = negotiation {
            bindings.push(("negotiation", negotiation.into()));
            pattern.push_str("?c neg:negotiation ?negotiation . ");
        }
        pattern.push_str("?c neg:holder ?h ; neg:directEdge ?e ; neg:mainObject ?o .");
        if filters.from.is_some() || filters.to.is_some() {
            pattern.push_str(" ?c neg:statedOn ?d .");
        }
        if let Some(from) = filters.from {
            let _ = write!(pattern, " FILTER(?d >= {})", date_literal(from));
        }
        if let Some(to) = filters.to {
            let _ = write!(pattern, " FILTER(!(?d > {}))", date_literal(to));
        }
        format!(
            "SELECT DISTINCT ?actor ?issue ?negotiation ?h ?e ?o WHERE {{ {pattern} }} LIMIT {}",
            MAX_EDGES + 1
        )
    };
    let rows = data::select(context.graph, &text, &bindings)?;
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for r in 0..rows.len() {
        let (from, predicate, to) = (
            iri_of(rows.term(r, "h")),
            iri_of(rows.term(r, "e")),
            iri_of(rows.term(r, "o")),
        );
        if from.is_empty() || predicate.is_empty() || to.is_empty() {
            continue;
        }
        let mut label_of = |iri: &str| -> crate::error::Result<String> {
            if let Some(label) = labels.get(iri) {
                return Ok(label.clone());
            }
            let node = oxigraph::model::NamedNode::new_unchecked(iri);
            let label = data::label(context.graph, &node)?
                .unwrap_or_else(|| crate::query::compact_iri(iri));
            labels.insert(iri.to_owned(), label.clone());
            Ok(label)
        };
        out.push(Position {
            from_label: label_of(&from)?,
            label: label_of(&predicate)?,
            to_label: label_of(&to)?,
            from,
            to,
        });
    }
    out.sort_by(|a, b| {
        (&a.from_label, &a.label, &a.to_label).cmp(&(&b.from_label, &b.label, &b.to_label))
    });
    Ok(out)
}

/// The picture as SVG, and who drew it ("graphviz" or "negkg").
pub(super) fn picture(context: &Context) -> std::result::Result<(String, &'static str), Answer> {
    let filters = filters(context)?;
    let mut positions = positions(context, &filters).map_err(internal)?;
    let more = positions.len() > MAX_EDGES;
    positions.truncate(MAX_EDGES);
    if context.param("draw") != Some("plain") && !positions.is_empty() {
        if let Some(svg) = graphviz(&positions, more) {
            return Ok((svg, "graphviz"));
        }
    }
    Ok((plain_svg(&positions, more), "negkg"))
}

/// `GET /graph.svg?actor=…&issue=…&from=…&to=…&draw=plain|graphviz`.
pub(super) fn graph_svg(context: &Context) -> Answer {
    match picture(context) {
        Ok((svg, drawn_by)) => {
            let mut answer = Answer::new(200, "image/svg+xml", svg);
            answer.headers.push(("X-Drawn-By", drawn_by.into()));
            answer
        }
        Err(answer) => answer,
    }
}

fn local(iri: &str) -> Option<&str> {
    iri.strip_prefix(data::ID_BASE)
        .filter(|p| p.starts_with("/id/"))
}

/// The positions as DOT, drawn by Graphviz (`dot`, or `$NEGKG_DOT`), if it runs.
fn graphviz(positions: &[Position], more: bool) -> Option<String> {
    use crate::export::dot::escape as e;
    let mut dot = String::from("digraph briefing {\n  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=13, labelloc=t, nodesep=0.25, ranksep=0.9, label=\"Who takes which position — negkg briefing");
    if more {
        let _ = write!(
            dot,
            " (the first {MAX_EDGES} positions: narrow the filters to see the rest)"
        );
    }
    dot.push_str("\"];\n  node [fontname=\"Helvetica\", fontsize=11, shape=box, style=\"rounded,filled\", fillcolor=\"#fdf3dc\", color=\"#b07d10\"];\n  edge [fontname=\"Helvetica\", fontsize=9, color=\"#6b7f9e\", fontcolor=\"#333333\"];\n");
    let mut seen = std::collections::BTreeSet::new();
    for p in positions {
        for (iri, label, actor) in [(&p.from, &p.from_label, true), (&p.to, &p.to_label, false)] {
            if !seen.insert(iri.clone()) {
                continue;
            }
            let actor = actor || iri.starts_with(vocab::ACTOR_NS);
            let _ = write!(dot, "  \"{}\" [label=\"{}\"", e(iri), e(label));
            if actor {
                dot.push_str(", fillcolor=\"#e3ecfa\", color=\"#1f5fbf\"");
            }
            if let Some(path) = local(iri) {
                let _ = write!(dot, ", URL=\"{}\", tooltip=\"{}\"", e(path), e(label));
            }
            dot.push_str("];\n");
        }
    }
    for p in positions {
        let _ = writeln!(
            dot,
            "  \"{}\" -> \"{}\" [label=\"{}\"];",
            e(&p.from),
            e(&p.to),
            e(&p.label)
        );
    }
    dot.push_str("}\n");
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
        std::thread::spawn(move || stdin.write_all(dot.as_bytes()));
    }
    let output = child.wait_with_output().ok()?;
    if !output.status.success() {
        return None;
    }
    let svg = String::from_utf8(output.stdout).ok()?;
    // Inline in a page: from the <svg> element on (no XML prolog or DOCTYPE).
    svg.find("<svg").map(|start| svg[start..].to_owned())
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
/// position, labelled with the position in words; each box links to its page.
fn plain_svg(positions: &[Position], more: bool) -> String {
    let mut left: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    let mut right: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for p in positions {
        let count = left.len();
        left.entry(&p.from).or_insert((count, &p.from_label));
        let count = right.len();
        right.entry(&p.to).or_insert((count, &p.to_label));
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
    if positions.is_empty() {
        svg.push_str(r##"<text x="20" y="60">No positions for these filters.</text></svg>"##);
        return svg;
    }
    if more {
        let _ = write!(
            svg,
            r##"<text x="20" y="42" fill="#555">The first {MAX_EDGES} positions: narrow the filters to see the rest.</text>"##
        );
    }
    let y = |i: usize| top + row * i as f64;
    for p in positions {
        let (y1, y2) = (
            y(left[p.from.as_str()].0) + 11.0,
            y(right[p.to.as_str()].0) + 11.0,
        );
        let _ = write!(
            svg,
            r##"<g><title>{}</title><line x1="{}" y1="{y1}" x2="{x_right}" y2="{y2}" stroke="#8a9bb5" stroke-width="1.2"/><text x="{}" y="{}" fill="#444" font-size="10" text-anchor="middle">{}</text></g>"##,
            escape(&format!("{} {} {}", p.from_label, p.label, p.to_label)),
            x_left + 230.0,
            x_left + 230.0 + (x_right - x_left - 230.0) * 0.5,
            (y1 + y2) / 2.0 - 3.0,
            escape(&shorten(&p.label, 40))
        );
    }
    for (boxes, x, w, fill, stroke, max) in [
        (&left, x_left, 230.0, "#e3ecfa", "#1f5fbf", 36),
        (&right, x_right, 320.0, "#fdf3dc", "#b07d10", 50),
    ] {
        for (iri, (i, label)) in boxes.iter() {
            let shape = format!(
                r##"<rect x="{x}" y="{}" width="{w}" height="22" rx="4" fill="{fill}" stroke="{stroke}"/><text x="{}" y="{}">{}</text>"##,
                y(*i),
                x + 6.0,
                y(*i) + 15.0,
                escape(&shorten(label, max))
            );
            match local(iri) {
                Some(path) => {
                    let _ = write!(svg, r##"<a href="{}">{shape}</a>"##, escape(path));
                }
                None => svg.push_str(&shape),
            }
        }
    }
    svg.push_str("</svg>");
    svg
}
