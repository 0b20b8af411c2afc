//! One negotiation's part of the store, for `negkg export --negotiation`: the reference data
//! and the ontology whole, and of the sources only those that name the negotiation or hold one
//! of its claims, with only its claims, their evidence and their direct edges.

use crate::error::Result;
use crate::store::KnowledgeGraph;
use crate::vocab;
use oxigraph::model::vocab::rdfs;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term, TermRef};
use std::collections::HashSet;

/// The quads of `negotiation`'s part of the store, sorted (see the module documentation). A
/// claim is whatever has a `neg:holder`; it belongs to the negotiation when it has
/// `neg:negotiation` it.
pub fn negotiation_quads(graph: &KnowledgeGraph, negotiation: &NamedNode) -> Result<Vec<Quad>> {
    let store = graph.store();
    let subjects = |predicate, object: Option<TermRef<'_>>| -> Result<HashSet<NamedOrBlankNode>> {
        let mut out = HashSet::new();
        for quad in store.quads_for_pattern(None, Some(predicate), object, None) {
            out.insert(quad?.subject);
        }
        Ok(out)
    };
    let claims = subjects(vocab::HOLDER, None)?;
    let in_negotiation = subjects(vocab::NEGOTIATION_PROPERTY, Some(negotiation.into()))?;
    let kept: HashSet<&NamedOrBlankNode> = claims.intersection(&in_negotiation).collect();
    // The evidence of the claims kept, and of all; the sources kept; the direct edges kept.
    let mut evidence = HashSet::new();
    let mut kept_evidence = HashSet::new();
    for quad in store.quads_for_pattern(None, Some(vocab::EVIDENCE_PROPERTY), None, None) {
        let quad = quad?;
        if kept.contains(&quad.subject) {
            kept_evidence.insert(quad.object.clone());
        }
        evidence.insert(quad.object);
    }
    let sources = subjects(
        oxigraph::model::vocab::rdf::TYPE,
        Some(vocab::SOURCE.into()),
    )?;
    let mut kept_sources: HashSet<Term> = sources
        .intersection(&in_negotiation)
        .map(|s| s.clone().into())
        .collect();
    let derived_from = NamedNode::new_unchecked("http://www.w3.org/ns/prov#wasDerivedFrom");
    let mut edges: HashSet<(Term, Term, Term, GraphName)> = HashSet::new();
    for claim in &kept {
        let values = |predicate| -> Result<Vec<Quad>> {
            Ok(store
                .quads_for_pattern(Some(claim.as_ref()), Some(predicate), None, None)
                .collect::<std::result::Result<Vec<_>, _>>()?)
        };
        kept_sources.extend(values(derived_from.as_ref())?.into_iter().map(|q| q.object));
        for holder in values(vocab::HOLDER)? {
            for edge in values(vocab::DIRECT_EDGE)? {
                for object in values(vocab::MAIN_OBJECT)? {
                    edges.insert((
                        holder.object.clone(),
                        edge.object.clone(),
                        object.object,
                        holder.graph_name.clone(),
                    ));
                }
            }
        }
    }
    let position = subjects(rdfs::SUB_PROPERTY_OF, Some(vocab::TAKES_POSITION.into()))?;
    let position: HashSet<Term> = position.into_iter().map(Term::from).collect();
    let source_graphs: HashSet<GraphName> = sources
        .into_iter()
        .map(|s| match s {
            NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
            NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
        })
        .collect();
    let mut quads = Vec::new();
    for quad in crate::export::sorted_quads(graph)? {
        if source_graphs.contains(&quad.graph_name) {
            let source: Term = match &quad.graph_name {
                GraphName::NamedNode(n) => n.clone().into(),
                GraphName::BlankNode(b) => b.clone().into(),
                GraphName::DefaultGraph => continue,
            };
            if !kept_sources.contains(&source) {
                continue;
            }
        }
        let subject: Term = quad.subject.clone().into();
        if claims.contains(&quad.subject) && !kept.contains(&quad.subject) {
            continue;
        }
        if evidence.contains(&subject) && !kept_evidence.contains(&subject) {
            continue;
        }
        let predicate: Term = quad.predicate.clone().into();
        if position.contains(&predicate)
            && !edges.contains(&(
                subject,
                predicate,
                quad.object.clone(),
                quad.graph_name.clone(),
            ))
        {
            continue;
        }
        quads.push(quad);
    }
    Ok(quads)
}
