//! Analyses limited to one negotiation. The named queries take a `?negotiation` parameter:
//! bound, every claim they read must have `neg:negotiation` it, as if the graph held no other
//! claims (a position superseded by a claim of another negotiation still stands in its own).
//! The fast paths get the same rows from the claim index made again from the graph's index
//! without the other claims; this module makes it.

use super::index::{ClaimIndex, Id, IndexBuilder, Property, DEFAULT_GRAPH};
use super::{claim_index, IndexOrigin};
use crate::error::Result;
use crate::store::KnowledgeGraph;
use crate::vocab;
use oxigraph::model::vocab::rdfs;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// The parameter of the named queries that limits them to one negotiation.
pub const NEGOTIATION_PARAMETER: &str = "negotiation";

/// The properties whose subjects are claims for the filter: each claim a named query reads is
/// the subject of one of them.
const CLAIM_PROPERTIES: [Property; 12] = [
    Property::Holder,
    Property::Addressee,
    Property::Action,
    Property::Issue,
    Property::Event,
    Property::StatedOn,
    Property::StatedBefore,
    Property::Modality,
    Property::Supersedes,
    Property::RespondsTo,
    Property::Contradicts,
    Property::Evidence,
];

/// The negotiation `bindings` limit an analysis to: the IRI bound to `?negotiation`. (A
/// literal or blank node bound there limits nothing, as in the named queries.)
pub(super) fn bound_negotiation(bindings: &[(&str, Term)]) -> Option<NamedNode> {
    bindings.iter().find_map(|(variable, term)| match term {
        Term::NamedNode(node) if *variable == NEGOTIATION_PARAMETER => Some(node.clone()),
        _ => None,
    })
}

/// The bindings without `?negotiation`, and the term bound to it.
pub(super) fn split_negotiation<'a>(
    bindings: &[(&'a str, Term)],
) -> (Vec<(&'a str, Term)>, Option<Term>) {
    let mut negotiation = None;
    let mut rest = Vec::with_capacity(bindings.len());
    for (variable, term) in bindings {
        if *variable == NEGOTIATION_PARAMETER {
            negotiation = Some(term.clone());
        } else {
            rest.push((*variable, term.clone()));
        }
    }
    (rest, negotiation)
}

/// Whether `index` answers for the term bound to `?negotiation`: the graph's own index when
/// none is bound (or no IRI), else the one [`index_for`] made for that negotiation.
pub(super) fn index_fits(index: &ClaimIndex, negotiation: Option<&Term>) -> bool {
    let wanted = match negotiation {
        Some(Term::NamedNode(node)) => Some(node),
        _ => None,
    };
    let restricted_to = match index.origin() {
        IndexOrigin::Negotiation(node) => Some(node),
        _ => None,
    };
    wanted == restricted_to
}

/// The claim index that answers an analysis with `bindings` on `graph`: the graph's own (see
/// [`claim_index`]), or, when `?negotiation` is bound to an IRI, one made from it that keeps
/// only that negotiation's claims (those with `neg:negotiation` it, in any graph).
pub fn index_for(graph: &KnowledgeGraph, bindings: &[(&str, Term)]) -> Result<Arc<ClaimIndex>> {
    let index = claim_index(graph)?;
    let Some(negotiation) = bound_negotiation(bindings) else {
        return Ok(index);
    };
    let mut members = FxHashSet::default();
    let object: Term = negotiation.clone().into();
    for quad in graph.store().quads_for_pattern(
        None,
        Some(vocab::NEGOTIATION_PROPERTY),
        Some(object.as_ref()),
        None,
    ) {
        let subject: Term = quad?.subject.into();
        members.extend(index.id(&subject));
    }
    Ok(Arc::new(
        keeping_claims(&index, &members)?.with_origin(IndexOrigin::Negotiation(negotiation)),
    ))
}

/// `index` as if the graph held, of the claims (the subjects of [`CLAIM_PROPERTIES`]), only
/// `members`: every entry of another claim, and every entry pointing to one, is left out.
fn keeping_claims(index: &ClaimIndex, members: &FxHashSet<Id>) -> Result<ClaimIndex> {
    let mut left_out: FxHashSet<Id> = FxHashSet::default();
    for property in CLAIM_PROPERTIES {
        left_out.extend(
            index
                .all(property)
                .map(|(subject, _)| subject)
                .filter(|subject| !members.contains(subject)),
        );
    }
    let graph = |id: Id| -> Option<GraphName> {
        if id == DEFAULT_GRAPH {
            return Some(GraphName::DefaultGraph);
        }
        match index.term(id) {
            Term::NamedNode(node) => Some(node.clone().into()),
            Term::BlankNode(node) => Some(node.clone().into()),
            _ => None,
        }
    };
    let subject = |id: Id| -> Option<NamedOrBlankNode> {
        match index.term(id) {
            Term::NamedNode(node) => Some(node.clone().into()),
            Term::BlankNode(node) => Some(node.clone().into()),
            _ => None,
        }
    };
    let mut builder = IndexBuilder::default();
    for &(class, in_graph) in &index.claim_classes {
        if let (Some(class), Some(in_graph)) = (subject(class), graph(in_graph)) {
            builder.add(&Quad::new(
                class,
                rdfs::SUB_CLASS_OF,
                vocab::CLAIM,
                in_graph,
            ))?;
        }
    }
    for property in Property::ALL {
        for (id, values) in index.all(property) {
            let Some(node) = subject(id).filter(|_| !left_out.contains(&id)) else {
                continue;
            };
            for value in values.iter().filter(|v| !left_out.contains(&v.term)) {
                if let Some(in_graph) = graph(value.graph) {
                    builder.add(&Quad::new(
                        node.clone(),
                        property.iri(),
                        index.term(value.term).clone(),
                        in_graph,
                    ))?;
                }
            }
        }
    }
    builder.finish()
}
