//! Graphviz DOT that reads like a briefing. Written by hand from the projection, in a sorted,
//! stable order, so that the same store gives byte-identical DOT whatever petgraph's own `Dot`
//! does between versions; every string is escaped for DOT.

use crate::graph::{Layer, Node, NodeKind, ProjectedGraph};
use crate::model::{ActorType, ClaimKind, DirectEdge};
use crate::query::compact_iri;
use crate::vocab;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::rc::Rc;

/// Which picture to draw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DotView {
    /// Actors to their objects by the direct edges, labelled in words.
    #[default]
    Briefing,
    /// Claim nodes with holder, addressee, place, event, issue, condition and evidence.
    Claims,
}

/// How to group nodes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clustering {
    /// No groups.
    #[default]
    None,
    /// One group per source: each source gets its own small picture, with its own copy of the
    /// actors, places and events it mentions.
    Source,
    /// One group per actor: in the briefing view actors with those affiliated to them (Putin
    /// inside Russia); in the claim view each holder with its claims.
    Actor,
}

/// Options of the DOT writer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DotOptions {
    /// The picture.
    pub view: DotView,
    /// The groups.
    pub clustering: Clustering,
    /// Draw a legend of the node and edge kinds present.
    pub legend: bool,
    /// A title over the picture.
    pub title: Option<String>,
}

/// Escapes text for a double-quoted DOT string: backslashes, quotes and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// Breaks text into lines of about `width` characters, joined by DOT's `\n` after escaping.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn multiline(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| escape(l))
        .collect::<Vec<_>>()
        .join("\\n")
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Fill colour of a claim kind.
fn claim_fill(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Demand => "#fbb4ae",
        ClaimKind::Proposal => "#b3cde3",
        ClaimKind::Offer => "#ccebc5",
        ClaimKind::Concession => "#decbe4",
        ClaimKind::Rejection => "#fed9a6",
        ClaimKind::Threat => "#f4a582",
        ClaimKind::Agreement => "#d9ef8b",
        ClaimKind::Commitment => "#a6dba0",
        ClaimKind::Statement => "#e0e0e0",
    }
}

/// Line colour of a claim kind's edges.
pub(crate) fn claim_line(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Demand => "#d7301f",
        ClaimKind::Proposal => "#2b8cbe",
        ClaimKind::Offer => "#238b45",
        ClaimKind::Concession => "#88419d",
        ClaimKind::Rejection => "#e6550d",
        ClaimKind::Threat => "#b2182b",
        ClaimKind::Agreement => "#66bd63",
        ClaimKind::Commitment => "#01665e",
        ClaimKind::Statement => "#737373",
    }
}

/// Shape, style and fill of a node kind.
fn node_style(kind: NodeKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        NodeKind::Actor(Some(ActorType::Person)) => ("ellipse", "filled", "#c6dbef"),
        NodeKind::Actor(Some(ActorType::State)) => ("box", "filled,bold", "#9ecae1"),
        NodeKind::Actor(Some(ActorType::Organization)) => ("component", "filled", "#dadaeb"),
        NodeKind::Actor(Some(ActorType::Group)) => ("tab", "filled", "#bcbddc"),
        NodeKind::Actor(None) => ("ellipse", "filled", "#deebf7"),
        NodeKind::Claim(kind) => ("box", "filled,rounded", claim_fill(kind)),
        NodeKind::Place => ("house", "filled", "#d9f0d3"),
        NodeKind::Event => ("octagon", "filled", "#fff2ae"),
        NodeKind::Issue => ("hexagon", "filled", "#f0f0f0"),
        NodeKind::Action => ("ellipse", "filled,dashed", "#ffffff"),
        NodeKind::Source => ("note", "filled", "#eeeeee"),
        NodeKind::Other => ("ellipse", "dotted", "#ffffff"),
    }
}

fn kind_rank(kind: NodeKind) -> u8 {
    match kind {
        NodeKind::Actor(_) => 0,
        NodeKind::Claim(_) => 1,
        NodeKind::Place => 2,
        NodeKind::Event => 3,
        NodeKind::Issue => 4,
        NodeKind::Action => 5,
        NodeKind::Source => 6,
        NodeKind::Other => 7,
    }
}

fn edge_kind(predicate: &str) -> Option<ClaimKind> {
    predicate
        .strip_prefix(vocab::NEG)
        .and_then(DirectEdge::from_local_name)
        .map(DirectEdge::claim_kind)
}

/// The words on a claim's role or relation edge.
fn role_label(predicate: &str, fallback: &str) -> String {
    match predicate.strip_prefix(vocab::NEG) {
        Some("holder") => "holds".into(),
        Some("voicedBy") => "voiced by".into(),
        Some("addressee") => "addressed to".into(),
        Some("place") => "concerns".into(),
        Some("event") => "event".into(),
        Some("issue") => "issue".into(),
        Some("action") => "action".into(),
        Some("conditionalOn") => "conditional on".into(),
        Some("respondsTo") => "responds to".into(),
        Some("supersedes") => "supersedes".into(),
        Some("contradicts") => "contradicts".into(),
        Some("source") => "evidence in".into(),
        _ => fallback.to_owned(),
    }
}

struct Writer<'a> {
    graph: &'a ProjectedGraph,
    out: &'a mut dyn Write,
}

impl Writer<'_> {
    fn id(&self, index: NodeIndex, scope: Option<&str>) -> String {
        let iri = compact_iri(self.graph.iri(index));
        match scope {
            Some(scope) => quoted(&format!("{}|{iri}", compact_iri(scope))),
            None => quoted(&iri),
        }
    }

    fn node_label(&self, index: NodeIndex) -> String {
        let node: &Node = self.graph.node(index);
        let NodeKind::Claim(kind) = node.kind else {
            return multiline(&wrap(&node.label, 28));
        };
        let mut lines = Vec::new();
        let details = self.graph.claim_details(index);
        let date = details
            .and_then(|d| d.stated_on)
            .map(|d| format!(" · {d}"))
            .unwrap_or_default();
        lines.push(format!("{}{date}", kind.as_str().to_uppercase()));
        lines.extend(wrap(&node.label, 40));
        if let Some(condition) = details.and_then(|d| d.condition.as_ref()) {
            lines.extend(wrap(&format!("if: {condition}"), 40));
        }
        if let Some((quote, reporter)) = details.and_then(|d| d.evidence.first()) {
            let attribution = if reporter.is_empty() {
                String::new()
            } else {
                format!(" — {reporter}")
            };
            lines.extend(wrap(&format!("“{}”{attribution}", truncate(quote, 90)), 40));
        }
        multiline(&lines)
    }

    fn node(&mut self, index: NodeIndex, scope: Option<&str>, indent: &str) -> io::Result<()> {
        let node = self.graph.node(index);
        let (shape, style, fill) = node_style(node.kind);
        let id = self.id(index, scope);
        let label = self.node_label(index);
        let tooltip = escape(&format!("{} ({})", node.iri, node.kind.name()));
        writeln!(
            self.out,
            "{indent}{id} [label=\"{label}\", shape={shape}, style=\"{style}\", fillcolor=\"{fill}\", tooltip=\"{tooltip}\"];"
        )
    }

    fn sorted_nodes(&self, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<NodeIndex> {
        let mut nodes: Vec<NodeIndex> = nodes
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        nodes.sort_by(|a, b| {
            let (na, nb) = (self.graph.node(*a), self.graph.node(*b));
            kind_rank(na.kind)
                .cmp(&kind_rank(nb.kind))
                .then_with(|| na.iri.cmp(&nb.iri))
        });
        nodes
    }
}

/// One edge to draw, before sorting: its ends' DOT ids, its label and its attributes (sorted in
/// that order), and the label quoted for DOT. Ids, labels and attributes repeat across many
/// edges, so they are shared, not copied.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct DrawnEdge<'a> {
    from: Cow<'a, str>,
    to: Cow<'a, str>,
    label: Rc<str>,
    attributes: Rc<str>,
    quoted_label: Rc<str>,
}

/// Writes the projection as DOT.
pub fn write_dot(
    graph: &ProjectedGraph,
    options: &DotOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = Writer { graph, out };
    let view_name = match options.view {
        DotView::Briefing => "briefing",
        DotView::Claims => "claims",
    };
    writeln!(
        writer.out,
        "// negkg {view_name} view. Made by `negkg export --format dot --view {view_name}`."
    )?;
    writeln!(writer.out, "digraph negkg {{")?;
    let title = options.title.as_deref().unwrap_or(match options.view {
        DotView::Briefing => "Who takes which position — negkg briefing",
        DotView::Claims => "Claims with holders, addressees, conditions and evidence — negkg",
    });
    writeln!(
        writer.out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, label={}, nodesep=0.3, ranksep=0.6, newrank=true];",
        quoted(title)
    )?;
    writeln!(
        writer.out,
        "  node [fontname=\"Helvetica\", fontsize=10, margin=\"0.12,0.06\"];"
    )?;
    writeln!(writer.out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    let layers: &[Layer] = match options.view {
        DotView::Briefing => &[Layer::Position, Layer::Other],
        DotView::Claims => &[Layer::Role, Layer::Relation, Layer::Evidence, Layer::Other],
    };
    let edges: Vec<_> = graph
        .graph()
        .edge_references()
        .filter(|e| layers.contains(&e.weight().layer))
        .filter(|e| {
            // The action is already in the claim's label.
            !(options.view == DotView::Claims
                && &*e.weight().predicate == vocab::ACTION_PROPERTY.as_str())
        })
        .collect();
    let mut present: BTreeSet<NodeIndex> = BTreeSet::new();
    for edge in &edges {
        present.insert(edge.source());
        present.insert(edge.target());
    }
    if options.view == DotView::Claims {
        present.extend(
            graph
                .graph()
                .node_indices()
                .filter(|n| matches!(graph.node(*n).kind, NodeKind::Claim(_))),
        );
    }
    let mut edge_kinds: BTreeSet<ClaimKind> = BTreeSet::new();
    // Per-source clusters are self-contained small pictures: each source draws its own copy of
    // the nodes it uses, so no edge crosses between clusters (which also keeps Graphviz's edge
    // router out of trouble).
    let scoped = options.clustering == Clustering::Source;
    // Parallel edges from several sources are drawn once, with the sources in the tooltip.
    // (from, to, predicate) → (label, layer, sources); the order does not matter, the drawn
    // edges are sorted at the end.
    type Parallel<'e> = (&'e str, Layer, Vec<&'e str>);
    let mut sources_of: FxHashMap<(NodeIndex, NodeIndex, &str), Parallel<'_>> =
        FxHashMap::default();
    for edge in &edges {
        let weight = edge.weight();
        let entry = sources_of
            .entry((edge.source(), edge.target(), &*weight.predicate))
            .or_insert_with(|| (&*weight.label, weight.layer, Vec::new()));
        let source = weight.graph.as_deref().unwrap_or_default();
        if !entry.2.contains(&source) {
            entry.2.push(source);
        }
    }
    for (_, _, sources) in sources_of.values_mut() {
        sources.sort_unstable();
    }
    // The DOT id of every node drawn without a scope, computed once.
    let mut ids: Vec<Option<String>> = vec![None; graph.graph().node_count()];
    if !scoped {
        for node in &present {
            ids[node.index()] = Some(writer.id(*node, None));
        }
    }
    let id_of = |index: NodeIndex| -> &str { ids[index.index()].as_deref().unwrap_or_default() };
    // Per predicate: the quoted label and the style attributes. Per predicate and sources: the
    // attributes with the tooltip.
    let mut styles: FxHashMap<&str, (Rc<str>, Rc<str>, String)> = FxHashMap::default();
    let mut attributes_of: FxHashMap<(&str, &[&str]), Rc<str>> = FxHashMap::default();
    let mut drawn: Vec<DrawnEdge<'_>> = Vec::with_capacity(edges.len());
    let mut scoped_nodes: BTreeMap<String, BTreeSet<NodeIndex>> = BTreeMap::new();
    for ((from, to, predicate), (label_words, layer, sources)) in &sources_of {
        let predicate: &str = predicate;
        let kind = edge_kind(predicate);
        if let Some(kind) = kind {
            edge_kinds.insert(kind);
        }
        let (label, quoted_label, style) = styles.entry(predicate).or_insert_with(|| {
            let (label, style) = match options.view {
                DotView::Briefing => {
                    let colour = kind.map_or("#555555", claim_line);
                    let width = if kind.is_some() { "1.6" } else { "1.0" };
                    (
                        (*label_words).to_owned(),
                        format!("color=\"{colour}\", fontcolor=\"{colour}\", penwidth={width}"),
                    )
                }
                DotView::Claims => {
                    let label = role_label(predicate, label_words);
                    let style = match layer {
                        Layer::Relation => "color=\"#b2182b\", fontcolor=\"#b2182b\", style=bold",
                        Layer::Evidence => "color=\"#888888\", fontcolor=\"#888888\", style=dashed",
                        _ => "color=\"#555555\", fontcolor=\"#555555\"",
                    };
                    (label, style.to_owned())
                }
            };
            (Rc::from(label.as_str()), Rc::from(quoted(&label)), style)
        });
        let attributes = match attributes_of.get(&(predicate, sources.as_slice())) {
            Some(attributes) => Rc::clone(attributes),
            None => {
                let source_list: Vec<String> = sources
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| compact_iri(s))
                    .collect();
                let tooltip = if source_list.is_empty() {
                    label.to_string()
                } else {
                    format!("{label} — {}", source_list.join(", "))
                };
                let attributes: Rc<str> =
                    Rc::from(format!("{style}, tooltip={}", quoted(&tooltip)));
                attributes_of.insert((predicate, sources.as_slice()), Rc::clone(&attributes));
                attributes
            }
        };
        // The holder edge points from the actor to the claim: "Russia holds (demand)".
        let holder = predicate == vocab::HOLDER.as_str() && options.view == DotView::Claims;
        let (a, b) = if holder { (*to, *from) } else { (*from, *to) };
        if scoped {
            for source in sources.iter() {
                scoped_nodes
                    .entry((*source).to_owned())
                    .or_default()
                    .extend([a, b]);
                drawn.push(DrawnEdge {
                    from: Cow::Owned(writer.id(a, Some(source))),
                    to: Cow::Owned(writer.id(b, Some(source))),
                    label: Rc::clone(label),
                    attributes: Rc::clone(&attributes),
                    quoted_label: Rc::clone(quoted_label),
                });
            }
        } else {
            drawn.push(DrawnEdge {
                from: Cow::Borrowed(id_of(a)),
                to: Cow::Borrowed(id_of(b)),
                label: Rc::clone(label),
                attributes,
                quoted_label: Rc::clone(quoted_label),
            });
        }
    }

    // Nodes, grouped as asked.
    if scoped {
        for (source, nodes) in &scoped_nodes {
            let name = if source.is_empty() {
                "no source".to_owned()
            } else {
                graph
                    .index(source)
                    .map(|i| graph.node(i).label.clone())
                    .unwrap_or_else(|| compact_iri(source))
            };
            writeln!(
                writer.out,
                "  subgraph {} {{",
                quoted(&format!("cluster_{}", compact_iri(source)))
            )?;
            writeln!(
                writer.out,
                "    label={}; style=\"rounded\"; color=\"#999999\";",
                quoted(&name)
            )?;
            for node in writer.sorted_nodes(nodes.iter().copied()) {
                writer.node(node, Some(source), "    ")?;
            }
            writeln!(writer.out, "  }}")?;
        }
    } else {
        let groups = group_nodes(graph, options, &present);
        let mut grouped: BTreeSet<NodeIndex> = BTreeSet::new();
        for (name, (title, nodes)) in &groups {
            writeln!(
                writer.out,
                "  subgraph {} {{",
                quoted(&format!("cluster_{name}"))
            )?;
            writeln!(
                writer.out,
                "    label={}; style=\"rounded\"; color=\"#999999\";",
                quoted(title)
            )?;
            for node in writer.sorted_nodes(nodes.iter().copied()) {
                writer.node(node, None, "    ")?;
                grouped.insert(node);
            }
            writeln!(writer.out, "  }}")?;
        }
        for node in writer.sorted_nodes(present.iter().copied().filter(|n| !grouped.contains(n))) {
            writer.node(node, None, "  ")?;
        }
    }
    drawn.sort_unstable();
    drawn.dedup();
    for edge in &drawn {
        writeln!(
            writer.out,
            "  {} -> {} [label={}, {}];",
            edge.from, edge.to, edge.quoted_label, edge.attributes
        )?;
    }
    if options.legend {
        let node_kinds: BTreeSet<NodeKind> = present.iter().map(|n| graph.node(*n).kind).collect();
        write_legend(&mut writer, &node_kinds, &edge_kinds, options.view)?;
    }
    writeln!(writer.out, "}}")
}

type Groups = BTreeMap<String, (String, BTreeSet<NodeIndex>)>;

fn group_nodes(
    graph: &ProjectedGraph,
    options: &DotOptions,
    present: &BTreeSet<NodeIndex>,
) -> Groups {
    let mut groups: Groups = BTreeMap::new();
    match (options.view, options.clustering) {
        // Per-source clusters are drawn as scoped pictures, not as groups.
        (_, Clustering::None | Clustering::Source) => {}
        (DotView::Claims, Clustering::Actor) => {
            for node in present {
                if let Some(holder) = graph.claim_details(*node).and_then(|d| d.holder.clone()) {
                    let Some(holder_index) = graph.index(&holder) else {
                        continue;
                    };
                    let entry = groups.entry(compact_iri(&holder)).or_insert_with(|| {
                        (graph.node(holder_index).label.clone(), BTreeSet::new())
                    });
                    entry.1.insert(*node);
                    entry.1.insert(holder_index);
                }
            }
        }
        (DotView::Briefing, Clustering::Actor) => {
            // Each actor goes with the actor it is affiliated to, up to the top of the chain.
            for node in present {
                if !matches!(graph.node(*node).kind, NodeKind::Actor(_)) {
                    continue;
                }
                let mut top = *node;
                let mut steps = 0;
                while let Some(next) = graph
                    .graph()
                    .edges_directed(top, petgraph::Direction::Outgoing)
                    .filter(|e| e.weight().layer == Layer::Affiliation)
                    .map(|e| e.target())
                    .min_by(|a, b| graph.iri(*a).cmp(graph.iri(*b)))
                {
                    top = next;
                    steps += 1;
                    if steps > 16 {
                        break;
                    }
                }
                let has_members = present.iter().any(|other| {
                    other != node
                        && graph
                            .graph()
                            .edges_connecting(*other, top)
                            .any(|e| e.weight().layer == Layer::Affiliation)
                });
                if top == *node && !has_members {
                    continue;
                }
                let entry = groups
                    .entry(compact_iri(graph.iri(top)))
                    .or_insert_with(|| (graph.node(top).label.clone(), BTreeSet::new()));
                entry.1.insert(*node);
                if present.contains(&top) {
                    entry.1.insert(top);
                }
            }
        }
    }
    groups
}

fn write_legend(
    writer: &mut Writer<'_>,
    node_kinds: &BTreeSet<NodeKind>,
    edge_kinds: &BTreeSet<ClaimKind>,
    view: DotView,
) -> io::Result<()> {
    writeln!(writer.out, "  subgraph cluster_legend {{")?;
    writeln!(
        writer.out,
        "    label=\"Legend\"; style=\"rounded\"; color=\"#cccccc\"; fontsize=10;"
    )?;
    let mut previous: Option<String> = None;
    for kind in node_kinds {
        let (shape, style, fill) = node_style(*kind);
        let id = quoted(&format!("legend:{}", kind.name()));
        writeln!(
            writer.out,
            "    {id} [label={}, shape={shape}, style=\"{style}\", fillcolor=\"{fill}\"];",
            quoted(kind.name())
        )?;
        if let Some(previous) = &previous {
            writeln!(writer.out, "    {previous} -> {id} [style=invis];")?;
        }
        previous = Some(id);
    }
    if view == DotView::Briefing {
        for kind in edge_kinds {
            let colour = claim_line(*kind);
            let a = quoted(&format!("legend:edge:{}:from", kind.as_str()));
            let b = quoted(&format!("legend:edge:{}:to", kind.as_str()));
            writeln!(writer.out, "    {a} [label=\"\", shape=point, width=0.05];")?;
            writeln!(writer.out, "    {b} [label=\"\", shape=point, width=0.05];")?;
            writeln!(
                writer.out,
                "    {a} -> {b} [label={}, color=\"{colour}\", fontcolor=\"{colour}\", penwidth=1.6];",
                quoted(kind.as_str())
            )?;
        }
    }
    writeln!(writer.out, "  }}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_handles_quotes_backslashes_newlines_and_unicode() {
        assert_eq!(escape(r#"say "hi" \ now"#), r#"say \"hi\" \\ now"#);
        assert_eq!(escape("two\nlines\r"), "two\\nlines");
        assert_eq!(
            escape("Zaporizhzhia – “quoted” ✓"),
            "Zaporizhzhia – “quoted” ✓"
        );
        assert_eq!(escape("bell\u{7}"), "bell");
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
