//! The claim index: the part of the graph the analyses read, held as interned terms and
//! per-predicate adjacency lists, so that the analyses run as native joins instead of SPARQL.
//!
//! The index is built from the store (never from the data files), so whatever came in through
//! RDF import or SPARQL Update is in it; it keeps the quads' graphs, so that the patterns the
//! named queries put inside `GRAPH ?source { … }` are answered from the same graph, and it
//! keeps every quad of the union default graph as the engine sees it (a triple stored in two
//! graphs counts twice, as it does for Oxigraph). The named queries in `queries/` stay the
//! definition: a differential test checks that each fast analysis gives exactly their rows.

use crate::error::Result;
use crate::store::KnowledgeGraph;
use crate::vocab;
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, NamedNodeRef, Term};
use rustc_hash::FxHashMap;

/// A term's number in the index.
pub(crate) type Id = u32;

/// The graph of the default graph (not a named graph): never matches `GRAPH ?g`.
pub(crate) const DEFAULT_GRAPH: Id = Id::MAX;

/// The predicates the analyses read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Property {
    Type,
    Label,
    Holder,
    Addressee,
    Action,
    Issue,
    Place,
    Event,
    StatedOn,
    StatedBefore,
    Modality,
    Supersedes,
    RespondsTo,
    Contradicts,
    Evidence,
    Quote,
    ReportedBy,
    SourceOf,
    Affiliation,
    Member,
}

impl Property {
    const ALL: [Property; 20] = [
        Property::Type,
        Property::Label,
        Property::Holder,
        Property::Addressee,
        Property::Action,
        Property::Issue,
        Property::Place,
        Property::Event,
        Property::StatedOn,
        Property::StatedBefore,
        Property::Modality,
        Property::Supersedes,
        Property::RespondsTo,
        Property::Contradicts,
        Property::Evidence,
        Property::Quote,
        Property::ReportedBy,
        Property::SourceOf,
        Property::Affiliation,
        Property::Member,
    ];

    fn iri(self) -> NamedNodeRef<'static> {
        match self {
            Property::Type => rdf::TYPE,
            Property::Label => rdfs::LABEL,
            Property::Holder => vocab::HOLDER,
            Property::Addressee => vocab::ADDRESSEE,
            Property::Action => vocab::ACTION_PROPERTY,
            Property::Issue => vocab::ISSUE_PROPERTY,
            Property::Place => vocab::PLACE_PROPERTY,
            Property::Event => vocab::EVENT_PROPERTY,
            Property::StatedOn => vocab::STATED_ON,
            Property::StatedBefore => vocab::STATED_BEFORE,
            Property::Modality => vocab::MODALITY_PROPERTY,
            Property::Supersedes => vocab::SUPERSEDES,
            Property::RespondsTo => vocab::RESPONDS_TO,
            Property::Contradicts => vocab::CONTRADICTS,
            Property::Evidence => vocab::EVIDENCE_PROPERTY,
            Property::Quote => vocab::QUOTE,
            Property::ReportedBy => vocab::REPORTED_BY,
            Property::SourceOf => vocab::SOURCE_PROPERTY,
            Property::Affiliation => vocab::AFFILIATION,
            Property::Member => vocab::MEMBER,
        }
    }

    /// Whether the analyses look this property up from its object too.
    fn has_inverse(self) -> bool {
        matches!(
            self,
            Property::Holder
                | Property::Issue
                | Property::Event
                | Property::Action
                | Property::Place
                | Property::Supersedes
                | Property::RespondsTo
                | Property::Type
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One value of a property: the graph the quad is in and the object (or, in the inverse
/// lists, the subject).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Value {
    pub(crate) graph: Id,
    pub(crate) term: Id,
}

#[derive(Debug, Default)]
struct Adjacency {
    forward: FxHashMap<Id, Vec<Value>>,
    inverse: FxHashMap<Id, Vec<Value>>,
}

/// The claim index of a store (see the module documentation).
#[derive(Debug, Default)]
pub struct ClaimIndex {
    terms: Vec<Term>,
    ids: FxHashMap<Term, Id>,
    properties: Vec<Adjacency>,
    /// Classes `?k` with `?k rdfs:subClassOf neg:Claim`, with the number of quads saying so.
    claim_classes: FxHashMap<Id, usize>,
    /// Quads saying `?s a neg:Source`, per subject.
    sources: FxHashMap<Id, usize>,
}

const NO_VALUES: &[Value] = &[];

impl ClaimIndex {
    /// Reads the part of `graph` the analyses need.
    pub fn build(graph: &KnowledgeGraph) -> Result<Self> {
        let store = graph.store();
        let mut index = ClaimIndex {
            properties: Property::ALL.iter().map(|_| Adjacency::default()).collect(),
            ..ClaimIndex::default()
        };
        for quad in store.quads_for_pattern(None, Some(rdfs::SUB_CLASS_OF), None, None) {
            let quad = quad?;
            if quad.object == vocab::CLAIM.into() {
                let class = index.intern(quad.subject.into());
                *index.claim_classes.entry(class).or_default() += 1;
            }
        }
        let source_class: Term = vocab::SOURCE.into();
        for property in Property::ALL {
            for quad in store.quads_for_pattern(None, Some(property.iri()), None, None) {
                let quad = quad?;
                if property == Property::Type {
                    // Only the types the analyses ask about: the claim kinds and neg:Source.
                    if quad.object == source_class {
                        let subject = index.intern(quad.subject.clone().into());
                        *index.sources.entry(subject).or_default() += 1;
                    }
                    let Some(class) = index.ids.get(&quad.object) else {
                        continue;
                    };
                    if !index.claim_classes.contains_key(class) {
                        continue;
                    }
                }
                let graph = match quad.graph_name {
                    GraphName::DefaultGraph => DEFAULT_GRAPH,
                    GraphName::NamedNode(node) => index.intern(node.into()),
                    GraphName::BlankNode(node) => index.intern(node.into()),
                };
                let subject = index.intern(quad.subject.into());
                let object = index.intern(quad.object);
                let adjacency = &mut index.properties[property.index()];
                adjacency.forward.entry(subject).or_default().push(Value {
                    graph,
                    term: object,
                });
                if property.has_inverse() {
                    adjacency.inverse.entry(object).or_default().push(Value {
                        graph,
                        term: subject,
                    });
                }
            }
        }
        Ok(index)
    }

    fn intern(&mut self, term: Term) -> Id {
        if let Some(id) = self.ids.get(&term) {
            return *id;
        }
        let id = Id::try_from(self.terms.len()).unwrap_or(DEFAULT_GRAPH - 1);
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        id
    }

    /// The number of a term, if the index holds it.
    pub(crate) fn id(&self, term: &Term) -> Option<Id> {
        self.ids.get(term).copied()
    }

    /// The term of a number.
    pub(crate) fn term(&self, id: Id) -> &Term {
        &self.terms[id as usize]
    }

    /// The values of `property` on `subject`, in every graph.
    pub(crate) fn values(&self, subject: Id, property: Property) -> &[Value] {
        self.properties[property.index()]
            .forward
            .get(&subject)
            .map_or(NO_VALUES, Vec::as_slice)
    }

    /// The subjects that have `object` as a value of `property` (for properties with an
    /// inverse list).
    pub(crate) fn subjects(&self, object: Id, property: Property) -> &[Value] {
        debug_assert!(property.has_inverse());
        self.properties[property.index()]
            .inverse
            .get(&object)
            .map_or(NO_VALUES, Vec::as_slice)
    }

    /// Every (subject, values) pair of `property`.
    pub(crate) fn all(&self, property: Property) -> impl Iterator<Item = (Id, &[Value])> {
        self.properties[property.index()]
            .forward
            .iter()
            .map(|(subject, values)| (*subject, values.as_slice()))
    }

    /// How many quads say that `class` is a subclass of neg:Claim (0: it is not).
    pub(crate) fn claim_class_count(&self, class: Id) -> usize {
        self.claim_classes.get(&class).copied().unwrap_or(0)
    }

    /// How many quads say that `subject` is a neg:Source.
    pub(crate) fn source_count(&self, subject: Id) -> usize {
        self.sources.get(&subject).copied().unwrap_or(0)
    }

    /// The claim kinds of `claim` as (graph, class, multiplicity of the subclass quads).
    pub(crate) fn kinds(&self, claim: Id) -> impl Iterator<Item = (Id, Id, usize)> + '_ {
        self.values(claim, Property::Type)
            .iter()
            .map(|v| (v.graph, v.term, self.claim_class_count(v.term)))
            .filter(|(_, _, count)| *count > 0)
    }

    /// Number of distinct terms held.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}
