//! The store projected into petgraph: typed nodes (actors, claims, places, events, issues,
//! actions, sources) and labelled edges (direct position edges, claim roles, claim relations,
//! evidence), with IRI ↔ index maps, filters, and analyses: neighbourhoods, bounded paths,
//! connected components, degree and PageRank in O(V + E) per iteration.
//!
//! The projection reads the store, never the data files, so anything that came in through RDF
//! import or SPARQL Update shows up too.

use crate::error::Result;
use crate::model::{ActorType, ClaimKind, Date};
use crate::query::compact_iri;
use crate::store::KnowledgeGraph;
use crate::vocab;
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    /// An actor, with its type when the store says it.
    Actor(Option<ActorType>),
    /// A claim of this kind.
    Claim(ClaimKind),
    /// A place.
    Place,
    /// An event.
    Event,
    /// An issue.
    Issue,
    /// An action.
    Action,
    /// A source.
    Source,
    /// Anything else (from imported RDF).
    Other,
}

impl NodeKind {
    /// A short name: "person", "demand", "place", …
    pub fn name(self) -> &'static str {
        match self {
            Self::Actor(Some(t)) => t.as_str(),
            Self::Actor(None) => "actor",
            Self::Claim(k) => k.as_str(),
            Self::Place => "place",
            Self::Event => "event",
            Self::Issue => "issue",
            Self::Action => "action",
            Self::Source => "source",
            Self::Other => "other",
        }
    }
}

/// A node of the projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The resource's IRI.
    pub iri: String,
    /// Its `rdfs:label`, else its compact IRI.
    pub label: String,
    /// What it stands for.
    pub kind: NodeKind,
}

/// Which layer of the graph an edge belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// A direct edge from a holder to a claim's main object (`neg:demandsWithdrawalFrom`, …).
    Position,
    /// From a claim to its holder, addressee, voice, action, issue, place or event.
    Role,
    /// From a claim to another claim (`neg:conditionalOn`, `neg:respondsTo`, …).
    Relation,
    /// From a claim to the source of its evidence.
    Evidence,
    /// From an actor to the actor it belongs to (`neg:affiliation`, `neg:member`).
    Affiliation,
    /// Anything else (from a CONSTRUCT query or imported RDF).
    Other,
}

/// An edge of the projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The predicate's IRI.
    pub predicate: String,
    /// The predicate in words ("demands withdrawal from"), from its `rdfs:label`.
    pub label: String,
    /// Its layer.
    pub layer: Layer,
    /// The named graph it is in, when it is in one.
    pub graph: Option<String>,
}

/// Facts about a claim node that views and filters need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimDetails {
    /// The source whose graph holds the claim.
    pub source: Option<String>,
    /// When it was stated.
    pub stated_on: Option<Date>,
    /// The condition in words.
    pub condition: Option<String>,
    /// Its evidence: (quote, reporter's label).
    pub evidence: Vec<(String, String)>,
    /// The holder's IRI.
    pub holder: Option<String>,
}

/// Which claims to project; an empty list means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Keep claims an actor holds, voices or is addressed by (ids like `russia` or IRIs).
    pub actors: Vec<String>,
    /// Keep claims of these kinds.
    pub kinds: Vec<ClaimKind>,
    /// Keep claims about these issues (ids or IRIs).
    pub issues: Vec<String>,
    /// Keep claims from these sources (ids or IRIs).
    pub sources: Vec<String>,
    /// Keep claims stated on or after this day.
    pub from: Option<Date>,
    /// Keep claims stated on or before this day.
    pub to: Option<Date>,
}

impl Selection {
    fn is_everything(&self) -> bool {
        self == &Self::default()
    }
}

fn expand(id: &str, namespace: &str) -> String {
    if id.contains("://") {
        id.to_owned()
    } else if let Some((prefix, local)) = id.split_once(':') {
        vocab::PREFIXES
            .iter()
            .find(|(p, _)| *p == prefix)
            .map_or_else(
                || format!("{namespace}{id}"),
                |(_, ns)| format!("{ns}{local}"),
            )
    } else {
        format!("{namespace}{id}")
    }
}

/// The projection: a petgraph directed graph with IRI ↔ index maps.
#[derive(Debug, Clone, Default)]
pub struct ProjectedGraph {
    graph: DiGraph<Node, Edge>,
    by_iri: HashMap<String, NodeIndex>,
    claims: HashMap<NodeIndex, ClaimDetails>,
}

const ROLE_PREDICATES: &[&str] = &[
    "holder",
    "voicedBy",
    "addressee",
    "action",
    "issue",
    "place",
    "event",
];
const RELATION_PREDICATES: &[&str] = &["conditionalOn", "respondsTo", "supersedes", "contradicts"];

/// Every (subject, object, graph) of one predicate, read straight from the store's indexes:
/// much faster than SPARQL for whole-graph scans. Subjects and IRI objects as IRIs, literal
/// objects as their text; blank nodes are skipped.
fn scan(
    graph: &KnowledgeGraph,
    predicate: NamedNodeRef<'_>,
) -> Result<Vec<(String, String, Option<String>)>> {
    let mut out = Vec::new();
    for quad in graph
        .store()
        .quads_for_pattern(None, Some(predicate), None, None)
    {
        let quad = quad?;
        let NamedOrBlankNode::NamedNode(subject) = quad.subject else {
            continue;
        };
        let object = match quad.object {
            Term::NamedNode(node) => node.into_string(),
            Term::Literal(literal) => literal.value().to_owned(),
            _ => continue,
        };
        let graph_name = match quad.graph_name {
            GraphName::NamedNode(node) => Some(node.into_string()),
            _ => None,
        };
        out.push((subject.into_string(), object, graph_name));
    }
    Ok(out)
}

/// The IRIs among the objects of a scan (literals dropped).
fn is_iri(text: &str) -> bool {
    text.contains(':') && !text.contains(char::is_whitespace)
}

/// Labels and kinds of every labelled or typed resource in the store.
struct Catalogue {
    labels: HashMap<String, String>,
    kinds: HashMap<String, NodeKind>,
}

impl Catalogue {
    fn read(graph: &KnowledgeGraph) -> Result<Self> {
        let mut labels: HashMap<String, String> = HashMap::new();
        for (subject, label, _) in scan(graph, rdfs::LABEL)? {
            // Keep the smallest label, so that several labels still give one stable answer.
            match labels.get_mut(&subject) {
                Some(existing) if label < *existing => *existing = label,
                Some(_) => {}
                None => {
                    labels.insert(subject, label);
                }
            }
        }
        let mut kinds = HashMap::new();
        for (subject, class, _) in scan(graph, rdf::TYPE)? {
            let Some(local) = class.strip_prefix(vocab::NEG) else {
                continue;
            };
            let kind = match local {
                "Person" => NodeKind::Actor(Some(ActorType::Person)),
                "State" => NodeKind::Actor(Some(ActorType::State)),
                "Organization" => NodeKind::Actor(Some(ActorType::Organization)),
                "Group" => NodeKind::Actor(Some(ActorType::Group)),
                "Actor" => NodeKind::Actor(None),
                "Place" => NodeKind::Place,
                "Event" | "PhoneCall" | "Talks" | "Summit" | "Meeting" => NodeKind::Event,
                "Issue" => NodeKind::Issue,
                "Action" => NodeKind::Action,
                "Source" => NodeKind::Source,
                other => match ClaimKind::ALL.iter().find(|k| k.class_name() == other) {
                    Some(kind) => NodeKind::Claim(*kind),
                    None => continue,
                },
            };
            // A more specific kind wins over neg:Actor.
            let entry = kinds.entry(subject).or_insert(kind);
            if *entry == NodeKind::Actor(None) {
                *entry = kind;
            }
        }
        Ok(Self { labels, kinds })
    }

    fn node(&self, iri: &str) -> Node {
        Node {
            iri: iri.to_owned(),
            label: self
                .labels
                .get(iri)
                .cloned()
                .unwrap_or_else(|| compact_iri(iri)),
            kind: self.kinds.get(iri).copied().unwrap_or(NodeKind::Other),
        }
    }

    fn label(&self, iri: &str) -> String {
        self.labels
            .get(iri)
            .cloned()
            .unwrap_or_else(|| compact_iri(iri))
    }
}

fn layer_of(predicate: &str) -> Layer {
    match predicate.strip_prefix(vocab::NEG) {
        Some(local) if ROLE_PREDICATES.contains(&local) => Layer::Role,
        Some(local) if RELATION_PREDICATES.contains(&local) => Layer::Relation,
        Some("affiliation" | "member") => Layer::Affiliation,
        Some("source") => Layer::Evidence,
        _ => Layer::Other,
    }
}

impl ProjectedGraph {
    /// Projects the claims of the store that `selection` keeps, with their roles, relations,
    /// evidence sources and direct edges, plus the direct edges no claim backs (from imported
    /// RDF) when the selection does not depend on claims' kinds, issues or dates.
    pub fn from_store(graph: &KnowledgeGraph, selection: &Selection) -> Result<Self> {
        let catalogue = Catalogue::read(graph)?;
        let mut projection = Self::default();
        // Claims and where they live.
        let mut details: HashMap<String, ClaimDetails> = HashMap::new();
        let mut claim_links: HashMap<String, BTreeSet<(String, String)>> = HashMap::new();
        for (claim, holder, graph_name) in scan(graph, vocab::HOLDER)? {
            let entry = details.entry(claim.clone()).or_default();
            if entry.source.is_none() || graph_name.is_some() && graph_name < entry.source {
                entry.source = graph_name;
            }
            entry.holder.get_or_insert_with(|| holder.clone());
            claim_links
                .entry(claim)
                .or_default()
                .insert((vocab::HOLDER.as_str().to_owned(), holder));
        }
        for (claim, date, _) in scan(graph, vocab::STATED_ON)? {
            if let Some(d) = details.get_mut(&claim) {
                if d.stated_on.is_none() {
                    d.stated_on = date.parse().ok();
                }
            }
        }
        for (claim, condition, _) in scan(graph, vocab::CONDITION)? {
            if let Some(d) = details.get_mut(&claim) {
                d.condition.get_or_insert(condition);
            }
        }
        // Every other link from a claim.
        for predicate in [
            vocab::VOICED_BY,
            vocab::ADDRESSEE,
            vocab::ACTION_PROPERTY,
            vocab::ISSUE_PROPERTY,
            vocab::PLACE_PROPERTY,
            vocab::EVENT_PROPERTY,
            vocab::CONDITIONAL_ON,
            vocab::RESPONDS_TO,
            vocab::SUPERSEDES,
            vocab::CONTRADICTS,
            vocab::DIRECT_EDGE,
            vocab::MAIN_OBJECT,
        ] {
            for (claim, object, _) in scan(graph, predicate)? {
                if details.contains_key(&claim) && is_iri(&object) {
                    claim_links
                        .entry(claim)
                        .or_default()
                        .insert((predicate.as_str().to_owned(), object));
                }
            }
        }
        // Evidence: quotes, who reports them, and their sources.
        let mut quotes: HashMap<String, String> = HashMap::new();
        for (evidence, quote, _) in scan(graph, vocab::QUOTE)? {
            quotes.entry(evidence).or_insert(quote);
        }
        let mut reporters: HashMap<String, String> = HashMap::new();
        for (evidence, reporter, _) in scan(graph, vocab::REPORTED_BY)? {
            reporters.entry(evidence).or_insert(reporter);
        }
        let mut evidence_source: HashMap<String, String> = HashMap::new();
        for (evidence, source, _) in scan(graph, vocab::SOURCE_PROPERTY)? {
            evidence_source.entry(evidence).or_insert(source);
        }
        let mut evidence_sources: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut claim_evidence: Vec<(String, String)> = scan(graph, vocab::EVIDENCE_PROPERTY)?
            .into_iter()
            .map(|(claim, evidence, _)| (claim, evidence))
            .collect();
        claim_evidence.sort();
        claim_evidence.dedup();
        for (claim, evidence) in claim_evidence {
            let Some(d) = details.get_mut(&claim) else {
                continue;
            };
            if let Some(quote) = quotes.get(&evidence) {
                let reporter = reporters
                    .get(&evidence)
                    .map(|r| catalogue.label(r))
                    .unwrap_or_default();
                if !d.evidence.iter().any(|(q, r)| q == quote && *r == reporter) {
                    d.evidence.push((quote.clone(), reporter));
                }
            }
            if let Some(source) = evidence_source.get(&evidence) {
                evidence_sources
                    .entry(claim)
                    .or_default()
                    .insert(source.clone());
            }
        }

        let mut kept: Vec<String> = details
            .iter()
            .filter(|(claim, d)| {
                selection_keeps(selection, claim, d, claim_links.get(*claim), &catalogue)
            })
            .map(|(claim, _)| claim.clone())
            .collect();
        kept.sort_unstable();

        // Claim nodes and their outgoing links.
        for claim in &kept {
            let index = projection.ensure_node(&catalogue, claim);
            if let Some(d) = details.get(claim) {
                projection.claims.insert(index, d.clone());
            }
            let graph_name = details.get(claim).and_then(|d| d.source.clone());
            let links = claim_links.get(claim).cloned().unwrap_or_default();
            let direct_edge = links
                .iter()
                .find(|(p, _)| p == vocab::DIRECT_EDGE.as_str())
                .map(|(_, o)| o.clone());
            for (predicate, object) in &links {
                let layer = layer_of(predicate);
                if matches!(layer, Layer::Role | Layer::Relation) {
                    projection.add_edge(
                        &catalogue,
                        claim,
                        predicate,
                        object,
                        layer,
                        graph_name.clone(),
                    );
                }
            }
            if let (Some(edge), Some(holder)) = (
                direct_edge,
                details.get(claim).and_then(|d| d.holder.clone()),
            ) {
                for (predicate, object) in &links {
                    if predicate == vocab::MAIN_OBJECT.as_str() {
                        projection.add_edge(
                            &catalogue,
                            &holder,
                            &edge,
                            object,
                            Layer::Position,
                            graph_name.clone(),
                        );
                    }
                }
            }
            for source in evidence_sources.get(claim).into_iter().flatten() {
                projection.add_edge(
                    &catalogue,
                    claim,
                    vocab::SOURCE_PROPERTY.as_str(),
                    source,
                    Layer::Evidence,
                    graph_name.clone(),
                );
            }
        }

        // Direct edges that no claim backs (imported RDF, SPARQL updates).
        let content_filters = !selection.kinds.is_empty()
            || !selection.issues.is_empty()
            || selection.from.is_some()
            || selection.to.is_some();
        if !content_filters {
            // (holder, edge, object) of every claim's direct edge.
            let mut backed_edges: HashSet<(String, String, String)> = HashSet::new();
            for (claim, links) in &claim_links {
                let Some(holder) = details.get(claim).and_then(|d| d.holder.clone()) else {
                    continue;
                };
                let edge = links.iter().find(|(p, _)| p == vocab::DIRECT_EDGE.as_str());
                if let Some((_, edge)) = edge {
                    for (p, o) in links {
                        if p == vocab::MAIN_OBJECT.as_str() {
                            backed_edges.insert((holder.clone(), edge.clone(), o.clone()));
                        }
                    }
                }
            }
            let actors: Vec<String> = selection
                .actors
                .iter()
                .map(|a| expand(a, vocab::ACTOR_NS))
                .collect();
            let sources: Vec<String> = selection
                .sources
                .iter()
                .map(|s| expand(s, vocab::SOURCE_NS))
                .collect();
            let mut direct = Vec::new();
            let mut edge_predicates: Vec<String> = scan(graph, rdfs::SUB_PROPERTY_OF)?
                .into_iter()
                .filter(|(_, parent, _)| parent == vocab::TAKES_POSITION.as_str())
                .map(|(p, _, _)| p)
                .collect();
            edge_predicates.sort();
            edge_predicates.dedup();
            for p in edge_predicates {
                let predicate = NamedNode::new_unchecked(p.clone());
                for (s, o, g) in scan(graph, predicate.as_ref())? {
                    if is_iri(&o) {
                        direct.push((s, p.clone(), o, g));
                    }
                }
            }
            direct.sort();
            for (s, p, o, g) in direct {
                if projection.has_edge(&s, &p, &o, g.as_ref()) {
                    continue;
                }
                let backed = backed_edges.contains(&(s.clone(), p.clone(), o.clone()));
                if backed && !selection.is_everything() {
                    continue; // its claim was filtered out
                }
                if !actors.is_empty() && !actors.contains(&s) && !actors.contains(&o) {
                    continue;
                }
                if !sources.is_empty() && !g.as_ref().is_some_and(|g| sources.contains(g)) {
                    continue;
                }
                projection.add_edge(&catalogue, &s, &p, &o, Layer::Position, g);
            }
        }

        // Affiliations among the actors present, for clusters and neighbourhoods.
        let mut affiliations = scan(graph, vocab::AFFILIATION)?;
        affiliations.sort();
        for (a, b, _) in affiliations {
            if projection.by_iri.contains_key(&a) && projection.by_iri.contains_key(&b) {
                projection.add_edge(
                    &catalogue,
                    &a,
                    vocab::AFFILIATION.as_str(),
                    &b,
                    Layer::Affiliation,
                    None,
                );
            }
        }
        Ok(projection)
    }

    /// Projects a set of triples (a CONSTRUCT result), naming and typing the nodes from the store.
    pub fn from_triples(graph: &KnowledgeGraph, triples: &[Triple]) -> Result<Self> {
        let catalogue = Catalogue::read(graph)?;
        let mut projection = Self::default();
        let direct: HashSet<String> = scan(graph, rdfs::SUB_PROPERTY_OF)?
            .into_iter()
            .filter(|(_, parent, _)| parent == vocab::TAKES_POSITION.as_str())
            .map(|(p, _, _)| p)
            .collect();
        let mut sorted: Vec<&Triple> = triples.iter().collect();
        sorted.sort_by_key(|t| t.to_string());
        for triple in sorted {
            let oxigraph::model::NamedOrBlankNode::NamedNode(subject) = &triple.subject else {
                continue;
            };
            let Term::NamedNode(object) = &triple.object else {
                continue;
            };
            let predicate = triple.predicate.as_str();
            if predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" {
                continue;
            }
            let layer = if direct.contains(predicate) {
                Layer::Position
            } else {
                layer_of(predicate)
            };
            projection.add_edge(
                &catalogue,
                subject.as_str(),
                predicate,
                object.as_str(),
                layer,
                None,
            );
        }
        Ok(projection)
    }

    fn ensure_node(&mut self, catalogue: &Catalogue, iri: &str) -> NodeIndex {
        if let Some(index) = self.by_iri.get(iri) {
            return *index;
        }
        let index = self.graph.add_node(catalogue.node(iri));
        self.by_iri.insert(iri.to_owned(), index);
        index
    }

    fn has_edge(&self, s: &str, p: &str, o: &str, graph: Option<&String>) -> bool {
        let (Some(a), Some(b)) = (self.by_iri.get(s), self.by_iri.get(o)) else {
            return false;
        };
        self.graph
            .edges_connecting(*a, *b)
            .any(|e| e.weight().predicate == p && e.weight().graph.as_ref() == graph)
    }

    fn add_edge(
        &mut self,
        catalogue: &Catalogue,
        s: &str,
        p: &str,
        o: &str,
        layer: Layer,
        graph: Option<String>,
    ) {
        if self.has_edge(s, p, o, graph.as_ref()) {
            return;
        }
        let a = self.ensure_node(catalogue, s);
        let b = self.ensure_node(catalogue, o);
        let label = catalogue.label(p);
        self.graph.add_edge(
            a,
            b,
            Edge {
                predicate: p.to_owned(),
                label,
                layer,
                graph,
            },
        );
    }

    /// The petgraph graph.
    pub fn graph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// The index of the node with this IRI (or `actor:…`-style compact IRI).
    pub fn index(&self, iri: &str) -> Option<NodeIndex> {
        self.by_iri
            .get(iri)
            .or_else(|| self.by_iri.get(&expand(iri, vocab::ACTOR_NS)))
            .copied()
    }

    /// The node at an index.
    pub fn node(&self, index: NodeIndex) -> &Node {
        &self.graph[index]
    }

    /// The IRI of the node at an index.
    pub fn iri(&self, index: NodeIndex) -> &str {
        &self.graph[index].iri
    }

    /// Details of a claim node (source, date, condition, evidence).
    pub fn claim_details(&self, index: NodeIndex) -> Option<&ClaimDetails> {
        self.claims.get(&index)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The edges of one layer, as (from, to, edge index).
    pub fn edges_of(&self, layer: Layer) -> Vec<(NodeIndex, NodeIndex, EdgeIndex)> {
        self.graph
            .edge_references()
            .filter(|e| e.weight().layer == layer)
            .map(|e| (e.source(), e.target(), e.id()))
            .collect()
    }

    /// The nodes within `depth` steps of `start`, in either direction, `start` included,
    /// sorted by IRI.
    pub fn neighbourhood(&self, start: NodeIndex, depth: usize) -> Vec<NodeIndex> {
        let mut seen = HashSet::from([start]);
        let mut queue = VecDeque::from([(start, 0)]);
        while let Some((node, distance)) = queue.pop_front() {
            if distance == depth {
                continue;
            }
            for next in self.graph.neighbors_undirected(node) {
                if seen.insert(next) {
                    queue.push_back((next, distance + 1));
                }
            }
        }
        self.sorted(seen)
    }

    fn sorted(&self, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<NodeIndex> {
        let mut nodes: Vec<NodeIndex> = nodes.into_iter().collect();
        nodes.sort_by(|a, b| self.graph[*a].iri.cmp(&self.graph[*b].iri));
        nodes
    }

    /// Simple paths from one node to another through claims: each step goes between an actor
    /// (or other node) and a claim along role, relation or position edges, in either direction.
    /// At most `max_edges` edges per path and `limit` paths, shortest first, then by IRIs.
    pub fn paths(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        max_edges: usize,
        limit: usize,
    ) -> Vec<Vec<NodeIndex>> {
        let mut found = Vec::new();
        let mut path = vec![from];
        let mut on_path = HashSet::from([from]);
        // Iterative deepening keeps the shortest paths first and the work bounded.
        for bound in 1..=max_edges {
            self.extend_paths(to, bound, &mut path, &mut on_path, &mut found, limit);
            if found.len() >= limit {
                break;
            }
        }
        found.sort_by(|a, b| {
            a.len().cmp(&b.len()).then_with(|| {
                let ia = a.iter().map(|n| &self.graph[*n].iri);
                let ib = b.iter().map(|n| &self.graph[*n].iri);
                ia.cmp(ib)
            })
        });
        found.dedup();
        found.truncate(limit);
        found
    }

    fn extend_paths(
        &self,
        to: NodeIndex,
        remaining: usize,
        path: &mut Vec<NodeIndex>,
        on_path: &mut HashSet<NodeIndex>,
        found: &mut Vec<Vec<NodeIndex>>,
        limit: usize,
    ) {
        let last = *path.last().unwrap_or(&to);
        if last == to && path.len() > 1 {
            if !found.contains(path) {
                found.push(path.clone());
            }
            return;
        }
        if remaining == 0 || found.len() >= limit {
            return;
        }
        let mut next: Vec<NodeIndex> = self
            .graph
            .edges_directed(last, Direction::Outgoing)
            .chain(self.graph.edges_directed(last, Direction::Incoming))
            .filter(|e| {
                matches!(
                    e.weight().layer,
                    Layer::Role | Layer::Relation | Layer::Position
                )
            })
            .map(|e| {
                if e.source() == last {
                    e.target()
                } else {
                    e.source()
                }
            })
            .filter(|n| !on_path.contains(n))
            .collect();
        next.sort_by(|a, b| self.graph[*a].iri.cmp(&self.graph[*b].iri));
        next.dedup();
        for node in next {
            path.push(node);
            on_path.insert(node);
            self.extend_paths(to, remaining - 1, path, on_path, found, limit);
            on_path.remove(&node);
            path.pop();
        }
    }

    /// Weakly connected components, largest first, each sorted by IRI.
    pub fn components(&self) -> Vec<Vec<NodeIndex>> {
        let mut seen = HashSet::new();
        let mut components = Vec::new();
        for start in self.sorted(self.graph.node_indices()) {
            if !seen.insert(start) {
                continue;
            }
            let mut component = vec![start];
            let mut queue = VecDeque::from([start]);
            while let Some(node) = queue.pop_front() {
                for next in self.graph.neighbors_undirected(node) {
                    if seen.insert(next) {
                        component.push(next);
                        queue.push_back(next);
                    }
                }
            }
            components.push(self.sorted(component));
        }
        components.sort_by(|a, b| {
            b.len()
                .cmp(&a.len())
                .then_with(|| self.graph[a[0]].iri.cmp(&self.graph[b[0]].iri))
        });
        components
    }

    /// In- and out-degree of every node, counting edges of every layer.
    pub fn degrees(&self) -> Vec<(NodeIndex, usize, usize)> {
        let mut degrees = vec![(0, 0); self.graph.node_count()];
        for edge in self.graph.edge_references() {
            degrees[edge.source().index()].1 += 1;
            degrees[edge.target().index()].0 += 1;
        }
        self.graph
            .node_indices()
            .map(|n| (n, degrees[n.index()].0, degrees[n.index()].1))
            .collect()
    }

    /// PageRank over all edges, `iterations` rounds of O(V + E) each (petgraph's own is
    /// O(V²) per round). Dangling nodes spread their rank evenly. The ranks sum to 1.
    pub fn pagerank(&self, damping: f64, iterations: usize) -> Vec<(NodeIndex, f64)> {
        let n = self.graph.node_count();
        if n == 0 {
            return Vec::new();
        }
        let out_degree: Vec<usize> = self
            .graph
            .node_indices()
            .map(|v| self.graph.edges_directed(v, Direction::Outgoing).count())
            .collect();
        let size = n as f64;
        let mut rank = vec![1.0 / size; n];
        for _ in 0..iterations {
            let dangling: f64 = (0..n)
                .filter(|&v| out_degree[v] == 0)
                .map(|v| rank[v])
                .sum();
            let base = (1.0 - damping) / size + damping * dangling / size;
            let mut next = vec![base; n];
            for edge in self.graph.edge_references() {
                let source = edge.source().index();
                next[edge.target().index()] += damping * rank[source] / out_degree[source] as f64;
            }
            rank = next;
        }
        self.graph
            .node_indices()
            .map(|v| (v, rank[v.index()]))
            .collect()
    }

    /// Actors ranked by the number of claims they hold, are addressed by or voice, then by
    /// PageRank: (actor, claims, rank), highest first.
    pub fn actor_centrality(&self) -> Vec<(NodeIndex, usize, f64)> {
        let ranks: HashMap<NodeIndex, f64> = self.pagerank(0.85, 50).into_iter().collect();
        let mut actors: Vec<(NodeIndex, usize, f64)> = self
            .graph
            .node_indices()
            .filter(|n| matches!(self.graph[*n].kind, NodeKind::Actor(_)))
            .map(|n| {
                let claims = self
                    .graph
                    .edges_directed(n, Direction::Incoming)
                    .filter(|e| e.weight().layer == Layer::Role)
                    .count();
                (n, claims, ranks.get(&n).copied().unwrap_or(0.0))
            })
            .collect();
        actors.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(b.2.total_cmp(&a.2))
                .then_with(|| self.graph[a.0].iri.cmp(&self.graph[b.0].iri))
        });
        actors
    }
}

fn selection_keeps(
    selection: &Selection,
    claim: &str,
    details: &ClaimDetails,
    links: Option<&BTreeSet<(String, String)>>,
    catalogue: &Catalogue,
) -> bool {
    let empty = BTreeSet::new();
    let links = links.unwrap_or(&empty);
    let linked = |predicates: &[&str], targets: &[String]| {
        links.iter().any(|(p, o)| {
            p.strip_prefix(vocab::NEG)
                .is_some_and(|local| predicates.contains(&local))
                && targets.contains(o)
        })
    };
    if !selection.actors.is_empty() {
        let actors: Vec<String> = selection
            .actors
            .iter()
            .map(|a| expand(a, vocab::ACTOR_NS))
            .collect();
        if !linked(&["holder", "voicedBy", "addressee"], &actors) {
            return false;
        }
    }
    if !selection.issues.is_empty() {
        let issues: Vec<String> = selection
            .issues
            .iter()
            .map(|i| expand(i, vocab::ISSUE_NS))
            .collect();
        if !linked(&["issue"], &issues) {
            return false;
        }
    }
    if !selection.sources.is_empty() {
        let sources: Vec<String> = selection
            .sources
            .iter()
            .map(|s| expand(s, vocab::SOURCE_NS))
            .collect();
        if !details.source.as_ref().is_some_and(|s| sources.contains(s)) {
            return false;
        }
    }
    if !selection.kinds.is_empty() {
        let kind = catalogue.kinds.get(claim).copied();
        if !selection
            .kinds
            .iter()
            .any(|k| kind == Some(NodeKind::Claim(*k)))
        {
            return false;
        }
    }
    if selection.from.is_some() || selection.to.is_some() {
        let Some(date) = details.stated_on else {
            return false;
        };
        if selection.from.is_some_and(|from| date < from)
            || selection.to.is_some_and(|to| date > to)
        {
            return false;
        }
    }
    true
}
