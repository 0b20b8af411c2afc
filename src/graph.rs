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
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

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

/// An edge of the projection. Its strings are shared with every other edge of the same
/// predicate or graph (a large graph has hundreds of thousands of edges and a few dozen
/// predicates), so cloning an edge allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The predicate's IRI.
    pub predicate: Arc<str>,
    /// The predicate in words ("demands withdrawal from"), from its `rdfs:label`.
    pub label: Arc<str>,
    /// Its layer.
    pub layer: Layer,
    /// The named graph it is in, when it is in one.
    pub graph: Option<Arc<str>>,
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
    /// Keep claims of these negotiations (ids or IRIs; `neg:negotiation`).
    pub negotiations: Vec<String>,
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
    by_iri: FxHashMap<String, NodeIndex>,
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

/// IRIs numbered in the order first seen, so that the projection's working tables are keyed
/// by small integers rather than strings (fewer allocations, less memory to walk).
#[derive(Debug, Default)]
struct Interner {
    ids: FxHashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

impl Interner {
    fn id(&mut self, iri: &str) -> u32 {
        if let Some(id) = self.ids.get(iri) {
            return *id;
        }
        let id = u32::try_from(self.names.len()).expect("fewer than 4 billion IRIs");
        let name: Arc<str> = Arc::from(iri);
        self.names.push(Arc::clone(&name));
        self.ids.insert(name, id);
        id
    }

    /// The number of `iri`, checking first whether it is `last` (updated to the answer).
    fn id_after(&mut self, iri: &str, last: &mut u32) -> u32 {
        if *last != NONE && &*self.names[*last as usize] == iri {
            return *last;
        }
        *last = self.id(iri);
        *last
    }

    fn get(&self, iri: &str) -> Option<u32> {
        self.ids.get(iri).copied()
    }

    fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// Sets `slot` to `id` unless it holds an IRI that sorts before it.
    fn keep_smallest(&self, slot: &mut Option<u32>, id: u32) {
        if slot.is_none_or(|old| self.name(id) < self.name(old)) {
            *slot = Some(id);
        }
    }

    /// The IRI numbered `id`, shared.
    fn shared(&self, id: u32) -> Arc<str> {
        Arc::clone(&self.names[id as usize])
    }
}

/// One quad of a scan: subject, object (an IRI's number or a literal's text) and graph.
type Link = (u32, u32, Option<u32>);

/// Every (subject, IRI object, graph) of one predicate, read straight from the store's
/// indexes: much faster than SPARQL for whole-graph scans. Blank nodes and literals skipped.
fn scan_links(
    graph: &KnowledgeGraph,
    predicate: NamedNodeRef<'_>,
    names: &mut Interner,
) -> Result<Vec<Link>> {
    let mut out = Vec::new();
    for quad in graph
        .store()
        .quads_for_pattern(None, Some(predicate), None, None)
    {
        let quad = quad?;
        let (NamedOrBlankNode::NamedNode(subject), Term::NamedNode(object)) =
            (&quad.subject, &quad.object)
        else {
            continue;
        };
        let graph_name = match &quad.graph_name {
            GraphName::NamedNode(node) => Some(names.id(node.as_str())),
            _ => None,
        };
        out.push((
            names.id(subject.as_str()),
            names.id(object.as_str()),
            graph_name,
        ));
    }
    Ok(out)
}

/// Every (subject, literal text) of one predicate. Blank nodes and IRI objects skipped.
fn scan_values(
    graph: &KnowledgeGraph,
    predicate: NamedNodeRef<'_>,
    names: &mut Interner,
) -> Result<Vec<(u32, String)>> {
    let mut out = Vec::new();
    for quad in graph
        .store()
        .quads_for_pattern(None, Some(predicate), None, None)
    {
        let quad = quad?;
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
            continue;
        };
        let Term::Literal(literal) = quad.object else {
            continue;
        };
        out.push((names.id(subject.as_str()), literal.destruct().0));
    }
    Ok(out)
}

/// A table indexed by IRI number.
fn slot<T: Default>(table: &mut Vec<T>, id: u32) -> &mut T {
    let index = id as usize;
    if table.len() <= index {
        table.resize_with(index + 1, T::default);
    }
    &mut table[index]
}

/// Labels and kinds of every labelled or typed resource in the store.
struct Catalogue {
    names: Interner,
    labels: Vec<Option<String>>,
    kinds: Vec<Option<NodeKind>>,
}

impl Catalogue {
    fn read(graph: &KnowledgeGraph) -> Result<Self> {
        let mut names = Interner::default();
        let mut labels: Vec<Option<String>> = Vec::new();
        for (subject, label) in scan_values(graph, rdfs::LABEL, &mut names)? {
            // Keep the smallest label, so that several labels still give one stable answer.
            let existing = slot(&mut labels, subject);
            if existing.as_ref().is_none_or(|e| label < *e) {
                *existing = Some(label);
            }
        }
        let mut kinds = Kinds::default();
        for (subject, class, _) in scan_links(graph, rdf::TYPE, &mut names)? {
            kinds.add(subject, class, &names);
        }
        Ok(Self {
            names,
            labels,
            kinds: kinds.finish(),
        })
    }

    fn kind(&self, id: u32) -> NodeKind {
        self.kinds
            .get(id as usize)
            .copied()
            .flatten()
            .unwrap_or(NodeKind::Other)
    }

    fn label_of(&self, id: u32) -> String {
        match self.labels.get(id as usize) {
            Some(Some(label)) => label.clone(),
            _ => compact_iri(self.names.name(id)),
        }
    }

    fn node(&self, iri: &str) -> Node {
        match self.names.get(iri) {
            Some(id) => Node {
                iri: iri.to_owned(),
                label: self.label_of(id),
                kind: self.kind(id),
            },
            None => Node {
                iri: iri.to_owned(),
                label: compact_iri(iri),
                kind: NodeKind::Other,
            },
        }
    }

    fn label(&self, iri: &str) -> String {
        match self.names.get(iri) {
            Some(id) => self.label_of(id),
            None => compact_iri(iri),
        }
    }
}

/// The kind of each typed resource, gathered from its `rdf:type`s: a more specific kind wins
/// over `neg:Actor`, and between two others the smaller class IRI, whatever the order read.
#[derive(Debug, Default)]
struct Kinds {
    of_class: FxHashMap<u32, Option<NodeKind>>,
    /// By IRI number: the kind and the class that gave it.
    kinds: Vec<Option<(NodeKind, u32)>>,
}

impl Kinds {
    fn add(&mut self, subject: u32, class: u32, names: &Interner) {
        let Some(kind) = *self
            .of_class
            .entry(class)
            .or_insert_with(|| class_kind(names.name(class)))
        else {
            return;
        };
        let entry = slot(&mut self.kinds, subject);
        let better = match *entry {
            None | Some((NodeKind::Actor(None), _)) => true,
            Some(_) if kind == NodeKind::Actor(None) => false,
            Some((_, old)) => names.name(class) < names.name(old),
        };
        if better {
            *entry = Some((kind, class));
        }
    }

    fn finish(self) -> Vec<Option<NodeKind>> {
        self.kinds
            .into_iter()
            .map(|k| k.map(|(kind, _)| kind))
            .collect()
    }
}

/// The node kind a class IRI gives its instances, if any.
fn class_kind(class: &str) -> Option<NodeKind> {
    let local = class.strip_prefix(vocab::NEG)?;
    Some(match local {
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
        other => NodeKind::Claim(*ClaimKind::ALL.iter().find(|k| k.class_name() == other)?),
    })
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

/// What the projection gathers about one claim, keyed by IRI numbers.
#[derive(Debug, Default, Clone)]
struct Gathered {
    /// The claim's IRI number.
    id: u32,
    is_claim: bool,
    /// The smallest graph holding its holder (None: the default graph).
    source: Option<u32>,
    holder: Option<u32>,
    stated_on: Option<Date>,
    condition: Option<String>,
    /// (predicate, object) of every link, sorted by IRI and without repeats once gathered.
    links: Vec<(u32, u32)>,
    evidence: Vec<u32>,
}

/// What the projection reads of an evidence node.
#[derive(Debug, Default)]
struct EvidenceFacts {
    quote: Option<String>,
    reporter: Option<u32>,
    source: Option<u32>,
}

/// Quads handed from the thread that reads the store to the one that gathers them.
type ScanBatch = std::result::Result<Packed, oxigraph::store::StorageError>;

/// A batch of quads the projection reads, their strings packed into one buffer.
#[derive(Debug, Default)]
struct Packed {
    text: String,
    quads: Vec<PackedQuad>,
}

/// A packed quad: what its predicate tells, and where its strings are (start, length).
#[derive(Debug, Clone, Copy)]
struct PackedQuad {
    field: Field,
    subject: (usize, usize),
    /// An IRI, or a literal's lexical value when `literal`.
    object: (usize, usize),
    literal: bool,
    graph: Option<(usize, usize)>,
}

impl Packed {
    fn push(&mut self, text: &str) -> (usize, usize) {
        let start = self.text.len();
        self.text.push_str(text);
        (start, text.len())
    }

    fn text(&self, (start, len): (usize, usize)) -> &str {
        &self.text[start..start + len]
    }
}

/// Quads per batch.
const SCAN_BATCH: usize = 4096;

/// No entry in a dense index.
const NONE: u32 = u32::MAX;

/// What a quad's predicate tells the projection.
#[derive(Debug, Clone, Copy)]
enum Field {
    Label,
    Type,
    Holder,
    StatedOn,
    Condition,
    /// A link from a claim to a resource, with the predicate's IRI number.
    Link(u32),
    Evidence,
    Quote,
    ReportedBy,
    Source,
    Affiliation,
    /// A direct position edge (a sub-property of `neg:takesPosition`), with its IRI number.
    Direct(u32),
}

/// Everything the projection needs from the store, gathered in one pass over all its quads.
///
/// One sequential pass is several times faster than a scan per predicate: the in-memory store
/// keeps a predicate's quads on a linked list spread over memory, but walks its whole content
/// in order. Where a resource has several values of a property that the projection keeps one
/// of, it keeps the smallest, so that the result does not depend on the order of the scan.
struct Pass {
    catalogue: Catalogue,
    /// Claims (and other resources with claim links) in the order first seen.
    claims: Vec<Gathered>,
    evidence: Vec<EvidenceFacts>,
    /// IRI number → position in `evidence`, or [`NONE`].
    evidence_index: Vec<u32>,
    /// (member, organisation) of every `neg:affiliation`.
    affiliations: Vec<(u32, u32)>,
    /// (subject, predicate, object, graph) of every direct position edge.
    direct: Vec<(u32, u32, u32, Option<u32>)>,
}

impl Pass {
    fn read(graph: &KnowledgeGraph) -> Result<Self> {
        let mut names = Interner::default();
        let mut fields: FxHashMap<&str, Field> = FxHashMap::default();
        fields.insert(rdfs::LABEL.as_str(), Field::Label);
        fields.insert(rdf::TYPE.as_str(), Field::Type);
        fields.insert(vocab::HOLDER.as_str(), Field::Holder);
        fields.insert(vocab::STATED_ON.as_str(), Field::StatedOn);
        fields.insert(vocab::CONDITION.as_str(), Field::Condition);
        fields.insert(vocab::EVIDENCE_PROPERTY.as_str(), Field::Evidence);
        fields.insert(vocab::QUOTE.as_str(), Field::Quote);
        fields.insert(vocab::REPORTED_BY.as_str(), Field::ReportedBy);
        fields.insert(vocab::SOURCE_PROPERTY.as_str(), Field::Source);
        fields.insert(vocab::AFFILIATION.as_str(), Field::Affiliation);
        for predicate in [
            vocab::HOLDER,
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
            vocab::NEGOTIATION_PROPERTY,
        ] {
            let id = names.id(predicate.as_str());
            fields.entry(predicate.as_str()).or_insert(Field::Link(id));
        }
        let holder_id = names.id(vocab::HOLDER.as_str());
        // The direct-edge predicates, from the ontology in the store (a few quads).
        let direct_predicates: Vec<NamedNode> = graph
            .store()
            .quads_for_pattern(None, Some(rdfs::SUB_PROPERTY_OF), None, None)
            .filter_map(|quad| match quad {
                Ok(quad) => match (quad.subject, quad.object) {
                    (NamedOrBlankNode::NamedNode(p), Term::NamedNode(parent))
                        if parent.as_ref() == vocab::TAKES_POSITION =>
                    {
                        Some(Ok(p))
                    }
                    _ => None,
                },
                Err(e) => Some(Err(e)),
            })
            .collect::<std::result::Result<_, _>>()?;
        let direct_names: Vec<&str> = direct_predicates.iter().map(|p| p.as_str()).collect();
        for name in &direct_names {
            let id = names.id(name);
            fields.entry(name).or_insert(Field::Direct(id));
        }

        let mut labels: Vec<Option<String>> = Vec::new();
        let mut kinds = Kinds::default();
        let mut claims: Vec<Gathered> = Vec::new();
        let mut claim_index: Vec<u32> = Vec::new();
        let mut evidence: Vec<EvidenceFacts> = Vec::new();
        let mut evidence_index: Vec<u32> = Vec::new();
        let mut affiliations = Vec::new();
        let mut direct = Vec::new();
        let mut stated_on: Vec<(usize, String)> = Vec::new();
        // The subject and graph of the previous quad: runs of quads share them.
        let mut last_subject = NONE;
        let mut last_graph = NONE;

        fn dense<'t, T: Default>(
            table: &'t mut Vec<T>,
            index: &mut Vec<u32>,
            id: u32,
        ) -> &'t mut T {
            let at = slot_with(index, id, NONE);
            if *at == NONE {
                *at = u32::try_from(table.len()).expect("fewer than 4 billion entries");
                table.push(T::default());
            }
            &mut table[*at as usize]
        }

        // One thread reads and decodes the store's quads and packs the strings the projection
        // needs into one buffer a batch; the other gathers them. Decoding is the engine's work,
        // about half of the whole, and a quad's strings are freed where they were made.
        let store = graph.store();
        let wanted = &fields;
        std::thread::scope(|scope| -> Result<()> {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<ScanBatch>(4);
            scope.spawn(move || {
                let mut packed = Packed::default();
                for quad in store.quads_for_pattern(None, None, None, None) {
                    let quad = match quad {
                        Ok(quad) => quad,
                        Err(error) => {
                            let _ = sender.send(Err(error));
                            return;
                        }
                    };
                    let Some(&field) = wanted.get(quad.predicate.as_str()) else {
                        continue;
                    };
                    let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
                        continue;
                    };
                    let (object, literal) = match &quad.object {
                        Term::NamedNode(node) => (node.as_str(), false),
                        Term::Literal(value) => (value.value(), true),
                        _ => continue,
                    };
                    let subject = packed.push(subject.as_str());
                    let object = packed.push(object);
                    let graph = match &quad.graph_name {
                        GraphName::NamedNode(node) => Some(packed.push(node.as_str())),
                        _ => None,
                    };
                    packed.quads.push(PackedQuad {
                        field,
                        subject,
                        object,
                        literal,
                        graph,
                    });
                    if packed.quads.len() == SCAN_BATCH
                        && sender.send(Ok(std::mem::take(&mut packed))).is_err()
                    {
                        return;
                    }
                }
                let _ = sender.send(Ok(packed));
            });
            for batch in receiver {
                let batch = batch?;
                for quad in &batch.quads {
                    let field = quad.field;
                    let subject = names.id_after(batch.text(quad.subject), &mut last_subject);
                    let graph_name = quad
                        .graph
                        .map(|g| names.id_after(batch.text(g), &mut last_graph));
                    let object = batch.text(quad.object);
                    if quad.literal {
                        match field {
                            Field::Label => {
                                let existing = slot(&mut labels, subject);
                                if existing.as_deref().is_none_or(|e| object < e) {
                                    *existing = Some(object.to_owned());
                                }
                            }
                            Field::StatedOn => {
                                let at = dense(&mut claims, &mut claim_index, subject);
                                at.id = subject;
                                let index = claim_index[subject as usize] as usize;
                                stated_on.push((index, object.to_owned()));
                            }
                            Field::Condition => {
                                let at = dense(&mut claims, &mut claim_index, subject);
                                at.id = subject;
                                if at.condition.as_deref().is_none_or(|c| object < c) {
                                    at.condition = Some(object.to_owned());
                                }
                            }
                            Field::Quote => {
                                let at = dense(&mut evidence, &mut evidence_index, subject);
                                if at.quote.as_deref().is_none_or(|q| object < q) {
                                    at.quote = Some(object.to_owned());
                                }
                            }
                            _ => {}
                        }
                        continue;
                    }
                    let object = names.id(object);
                    match field {
                        Field::Type => kinds.add(subject, object, &names),
                        Field::Holder => {
                            let at = dense(&mut claims, &mut claim_index, subject);
                            at.id = subject;
                            if !at.is_claim {
                                at.is_claim = true;
                                at.source = graph_name;
                                at.holder = Some(object);
                            } else {
                                if let Some(new) = graph_name {
                                    names.keep_smallest(&mut at.source, new);
                                }
                                names.keep_smallest(&mut at.holder, object);
                            }
                            at.links.push((holder_id, object));
                        }
                        Field::Link(predicate) => {
                            let at = dense(&mut claims, &mut claim_index, subject);
                            at.id = subject;
                            at.links.push((predicate, object));
                        }
                        Field::Evidence => {
                            let at = dense(&mut claims, &mut claim_index, subject);
                            at.id = subject;
                            at.evidence.push(object);
                        }
                        Field::ReportedBy => {
                            let at = dense(&mut evidence, &mut evidence_index, subject);
                            names.keep_smallest(&mut at.reporter, object);
                        }
                        Field::Source => {
                            let at = dense(&mut evidence, &mut evidence_index, subject);
                            names.keep_smallest(&mut at.source, object);
                        }
                        Field::Affiliation => affiliations.push((subject, object)),
                        Field::Direct(predicate) => {
                            direct.push((subject, predicate, object, graph_name));
                        }
                        _ => {}
                    }
                }
            }
            Ok(())
        })?;
        // Dates: the earliest of the valid ones.
        for (index, value) in stated_on {
            if let Ok(date) = value.parse::<Date>() {
                let claim = &mut claims[index];
                if claim.stated_on.is_none_or(|d| date < d) {
                    claim.stated_on = Some(date);
                }
            }
        }
        let kinds = kinds.finish();
        Ok(Self {
            catalogue: Catalogue {
                names,
                labels,
                kinds,
            },
            claims,
            evidence,
            evidence_index,
            affiliations,
            direct,
        })
    }
}

/// The entry `id` of a table indexed by IRI number, filling new entries with `fill`.
fn slot_with(table: &mut Vec<u32>, id: u32, fill: u32) -> &mut u32 {
    let index = id as usize;
    if table.len() <= index {
        table.resize(index + 1, fill);
    }
    &mut table[index]
}

/// Builds a projection with IRI numbers from a [`Catalogue`].
struct Builder {
    catalogue: Catalogue,
    projection: ProjectedGraph,
    node_of: Vec<Option<NodeIndex>>,
    /// (from, to, predicate, graph) of every edge added, as IRI numbers.
    edges: FxHashSet<(u32, u32, u32, Option<u32>)>,
    /// Labels of predicates, computed once each.
    predicate_labels: FxHashMap<u32, Arc<str>>,
}

impl Builder {
    fn name(&self, id: u32) -> &str {
        self.catalogue.names.name(id)
    }

    fn node(&mut self, id: u32) -> NodeIndex {
        if let Some(Some(index)) = self.node_of.get(id as usize) {
            return *index;
        }
        let node = Node {
            iri: self.name(id).to_owned(),
            label: self.catalogue.label_of(id),
            kind: self.catalogue.kind(id),
        };
        let index = self.projection.graph.add_node(node);
        self.projection
            .by_iri
            .insert(self.name(id).to_owned(), index);
        *slot(&mut self.node_of, id) = Some(index);
        index
    }

    fn has_node(&self, id: u32) -> bool {
        matches!(self.node_of.get(id as usize), Some(Some(_)))
    }

    fn has_edge(&self, s: u32, p: u32, o: u32, graph: Option<u32>) -> bool {
        self.edges.contains(&(s, o, p, graph))
    }

    fn edge(&mut self, s: u32, p: u32, o: u32, layer: Layer, graph: Option<u32>) {
        if !self.edges.insert((s, o, p, graph)) {
            return;
        }
        let a = self.node(s);
        let b = self.node(o);
        let label = match self.predicate_labels.get(&p) {
            Some(label) => Arc::clone(label),
            None => {
                let label: Arc<str> = Arc::from(self.catalogue.label_of(p));
                self.predicate_labels.insert(p, Arc::clone(&label));
                label
            }
        };
        let names = &self.catalogue.names;
        let edge = Edge {
            predicate: names.shared(p),
            label,
            layer,
            graph: graph.map(|g| names.shared(g)),
        };
        self.projection.graph.add_edge(a, b, edge);
    }
}

impl ProjectedGraph {
    /// Projects the claims of the store that `selection` keeps, with their roles, relations,
    /// evidence sources and direct edges, plus the direct edges no claim backs (from imported
    /// RDF) when the selection does not depend on claims' kinds, issues or dates.
    pub fn from_store(graph: &KnowledgeGraph, selection: &Selection) -> Result<Self> {
        let Pass {
            catalogue,
            mut claims,
            evidence: evidence_table,
            evidence_index,
            affiliations: mut affiliation_links,
            direct: mut direct_links,
        } = Pass::read(graph)?;
        let names = &catalogue.names;
        let evidence_of = |id: u32| -> Option<&EvidenceFacts> {
            match evidence_index.get(id as usize) {
                Some(&i) if i != NONE => Some(&evidence_table[i as usize]),
                _ => None,
            }
        };
        let by_name = |a: &u32, b: &u32| names.name(*a).cmp(names.name(*b));
        claims.retain(|c| c.is_claim);
        for c in &mut claims {
            c.links
                .sort_by(|a, b| by_name(&a.0, &b.0).then_with(|| by_name(&a.1, &b.1)));
            c.links.dedup();
            c.evidence.sort_by(by_name);
            c.evidence.dedup();
        }
        let direct_edge = names.get(vocab::DIRECT_EDGE.as_str());
        let main_object = names.get(vocab::MAIN_OBJECT.as_str());

        // The details views need, and the claims the selection keeps, in IRI order.
        let filter = SelectionIds::new(selection, names);
        let mut kept: Vec<(usize, ClaimDetails)> = Vec::new();
        for (index, c) in claims.iter().enumerate() {
            let mut d = ClaimDetails {
                source: c.source.map(|g| names.name(g).to_owned()),
                stated_on: c.stated_on,
                condition: c.condition.clone(),
                evidence: Vec::new(),
                holder: c.holder.map(|h| names.name(h).to_owned()),
            };
            for evidence in &c.evidence {
                let Some(facts) = evidence_of(*evidence) else {
                    continue;
                };
                if let Some(quote) = &facts.quote {
                    let reporter = match facts.reporter {
                        Some(r) => catalogue.label_of(r),
                        None => String::new(),
                    };
                    if !d.evidence.iter().any(|(q, r)| q == quote && *r == reporter) {
                        d.evidence.push((quote.clone(), reporter));
                    }
                }
            }
            if filter.keeps(&d, c, catalogue.kind(c.id)) {
                kept.push((index, d));
            }
        }
        kept.sort_by(|a, b| by_name(&claims[a.0].id, &claims[b.0].id));

        let mut builder = Builder {
            catalogue,
            projection: Self::default(),
            node_of: Vec::new(),
            edges: FxHashSet::default(),
            predicate_labels: FxHashMap::default(),
        };
        // Claim nodes and their outgoing links.
        for (position, d) in kept {
            let c = &claims[position];
            let claim = c.id;
            let index = builder.node(claim);
            builder.projection.claims.insert(index, d);
            let graph_name = c.source;
            for &(predicate, object) in &c.links {
                let layer = layer_of(builder.name(predicate));
                if matches!(layer, Layer::Role | Layer::Relation) {
                    builder.edge(claim, predicate, object, layer, graph_name);
                }
            }
            let edge = c
                .links
                .iter()
                .find(|(p, _)| Some(*p) == direct_edge)
                .map(|(_, o)| *o);
            if let (Some(edge), Some(holder)) = (edge, c.holder) {
                for &(predicate, object) in &c.links {
                    if Some(predicate) == main_object {
                        builder.edge(holder, edge, object, Layer::Position, graph_name);
                    }
                }
            }
            let mut sources: Vec<u32> = c
                .evidence
                .iter()
                .filter_map(|e| evidence_of(*e).and_then(|facts| facts.source))
                .collect();
            sources.sort_by(|a, b| builder.name(*a).cmp(builder.name(*b)));
            sources.dedup();
            let source_property = builder.catalogue.names.get(vocab::SOURCE_PROPERTY.as_str());
            if let Some(source_property) = source_property {
                for source in sources {
                    builder.edge(claim, source_property, source, Layer::Evidence, graph_name);
                }
            }
        }

        // Direct edges that no claim backs (imported RDF, SPARQL updates).
        let content_filters = !selection.kinds.is_empty()
            || !selection.issues.is_empty()
            || !selection.negotiations.is_empty()
            || selection.from.is_some()
            || selection.to.is_some();
        if !content_filters {
            // (holder, edge, object) of every claim's direct edge.
            let mut backed_edges: HashSet<(u32, u32, u32)> = HashSet::new();
            for c in &claims {
                let Some(holder) = c.holder else { continue };
                let edge = c.links.iter().find(|(p, _)| Some(*p) == direct_edge);
                if let Some(&(_, edge)) = edge {
                    for &(p, o) in &c.links {
                        if Some(p) == main_object {
                            backed_edges.insert((holder, edge, o));
                        }
                    }
                }
            }
            let names = &builder.catalogue.names;
            direct_links.sort_by_key(|&(s, p, o, g)| {
                (
                    names.name(s),
                    names.name(p),
                    names.name(o),
                    g.map(|g| names.name(g)),
                )
            });
            let actors: Vec<u32> = selection
                .actors
                .iter()
                .filter_map(|a| names.get(&expand(a, vocab::ACTOR_NS)))
                .collect();
            let sources: Vec<u32> = selection
                .sources
                .iter()
                .filter_map(|s| names.get(&expand(s, vocab::SOURCE_NS)))
                .collect();
            let everything = selection.is_everything();
            direct_links.dedup();
            for (s, p, o, g) in direct_links {
                if builder.has_edge(s, p, o, g) {
                    continue;
                }
                if backed_edges.contains(&(s, p, o)) && !everything {
                    continue; // its claim was filtered out
                }
                if !selection.actors.is_empty() && !actors.contains(&s) && !actors.contains(&o) {
                    continue;
                }
                if !selection.sources.is_empty() && !g.is_some_and(|g| sources.contains(&g)) {
                    continue;
                }
                builder.edge(s, p, o, Layer::Position, g);
            }
        }

        // Affiliations among the actors present, for clusters and neighbourhoods.
        let affiliation = builder.catalogue.names.id(vocab::AFFILIATION.as_str());
        let names = &builder.catalogue.names;
        affiliation_links.sort_by_key(|&(a, b)| (names.name(a), names.name(b)));
        affiliation_links.dedup();
        for (a, b) in affiliation_links {
            if builder.has_node(a) && builder.has_node(b) {
                builder.edge(a, affiliation, b, Layer::Affiliation, None);
            }
        }
        Ok(builder.projection)
    }

    /// Projects a set of triples (a CONSTRUCT result), naming and typing the nodes from the store.
    pub fn from_triples(graph: &KnowledgeGraph, triples: &[Triple]) -> Result<Self> {
        let mut catalogue = Catalogue::read(graph)?;
        let direct: HashSet<String> =
            scan_links(graph, rdfs::SUB_PROPERTY_OF, &mut catalogue.names)?
                .into_iter()
                .filter(|(_, parent, _)| {
                    catalogue.names.name(*parent) == vocab::TAKES_POSITION.as_str()
                })
                .map(|(p, _, _)| catalogue.names.name(p).to_owned())
                .collect();
        let mut projection = Self::default();
        let mut edges: HashSet<(NodeIndex, NodeIndex, String)> = HashSet::new();
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
            let a = projection.ensure_node(&catalogue, subject.as_str());
            let b = projection.ensure_node(&catalogue, object.as_str());
            if !edges.insert((a, b, predicate.to_owned())) {
                continue;
            }
            projection.graph.add_edge(
                a,
                b,
                Edge {
                    predicate: Arc::from(predicate),
                    label: Arc::from(catalogue.label(predicate)),
                    layer,
                    graph: None,
                },
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

/// A [`Selection`] with its IRIs as numbers.
struct SelectionIds<'a> {
    selection: &'a Selection,
    actors: Vec<u32>,
    issues: Vec<u32>,
    sources: Vec<String>,
    /// The predicates an actor filter looks at, and the issue predicate.
    actor_predicates: Vec<u32>,
    issue_predicate: Option<u32>,
    negotiations: Vec<u32>,
    negotiation_predicate: Option<u32>,
}

impl<'a> SelectionIds<'a> {
    fn new(selection: &'a Selection, names: &Interner) -> Self {
        let ids = |list: &[String], namespace: &str| -> Vec<u32> {
            list.iter()
                .filter_map(|id| names.get(&expand(id, namespace)))
                .collect()
        };
        Self {
            selection,
            actors: ids(&selection.actors, vocab::ACTOR_NS),
            issues: ids(&selection.issues, vocab::ISSUE_NS),
            sources: selection
                .sources
                .iter()
                .map(|s| expand(s, vocab::SOURCE_NS))
                .collect(),
            actor_predicates: [vocab::HOLDER, vocab::VOICED_BY, vocab::ADDRESSEE]
                .iter()
                .filter_map(|p| names.get(p.as_str()))
                .collect(),
            issue_predicate: names.get(vocab::ISSUE_PROPERTY.as_str()),
            negotiations: ids(&selection.negotiations, vocab::NEGOTIATION_NS),
            negotiation_predicate: names.get(vocab::NEGOTIATION_PROPERTY.as_str()),
        }
    }

    fn keeps(&self, details: &ClaimDetails, claim: &Gathered, kind: NodeKind) -> bool {
        let selection = self.selection;
        let linked = |predicates: &[u32], targets: &[u32]| {
            claim
                .links
                .iter()
                .any(|(p, o)| predicates.contains(p) && targets.contains(o))
        };
        if !selection.actors.is_empty() && !linked(&self.actor_predicates, &self.actors) {
            return false;
        }
        if !selection.issues.is_empty() && !linked(self.issue_predicate.as_slice(), &self.issues) {
            return false;
        }
        if !selection.negotiations.is_empty()
            && !linked(self.negotiation_predicate.as_slice(), &self.negotiations)
        {
            return false;
        }
        if !selection.sources.is_empty()
            && !details
                .source
                .as_ref()
                .is_some_and(|s| self.sources.contains(s))
        {
            return false;
        }
        if !selection.kinds.is_empty()
            && !selection.kinds.iter().any(|k| kind == NodeKind::Claim(*k))
        {
            return false;
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
}
