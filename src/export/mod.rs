//! Taking the graph elsewhere: the whole store (or a CONSTRUCT subgraph) in any RDF format, and
//! the projection as Graphviz DOT.

pub mod dot;
mod negotiation;

pub use negotiation::negotiation_quads;

use crate::error::{Error, Result};
use crate::query::{rdf_serializer, SparqlQuery};
use crate::store::KnowledgeGraph;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, Quad, Triple};
use oxigraph::sparql::QueryResults;
use std::collections::BTreeMap;
use std::io::Write;

fn io_error(source: std::io::Error) -> Error {
    Error::Io {
        path: "the output".into(),
        source,
    }
}

/// Every quad of the store, sorted, so that the same store always gives the same output.
pub fn sorted_quads(graph: &KnowledgeGraph) -> Result<Vec<Quad>> {
    let mut quads = graph
        .store()
        .iter()
        .collect::<std::result::Result<Vec<_>, _>>()?;
    quads.sort_by_cached_key(ToString::to_string);
    Ok(quads)
}

/// The triples of a CONSTRUCT (or DESCRIBE) query, sorted and without duplicates.
pub fn construct(graph: &KnowledgeGraph, query: &SparqlQuery) -> Result<Vec<Triple>> {
    let QueryResults::Graph(triples) = graph.query(query)? else {
        return Err(Error::Unsupported(
            "the query must be a CONSTRUCT or DESCRIBE query, which gives a graph".into(),
        ));
    };
    let mut keyed = BTreeMap::new();
    for triple in triples {
        let triple = triple.map_err(|e| Error::QueryEvaluation(e.to_string()))?;
        keyed.insert(triple.to_string(), triple);
    }
    Ok(keyed.into_values().collect())
}

/// Writes the whole store in `format`: quad formats (N-Quads, TriG, JSON-LD) keep the named
/// graphs; triple formats (Turtle, N-Triples, RDF/XML) get the union of all graphs, each triple
/// once. Prefixes are declared where the format has them.
pub fn write_store(graph: &KnowledgeGraph, format: RdfFormat, out: &mut dyn Write) -> Result<()> {
    write_quads(sorted_quads(graph)?, format, out)
}

/// Writes sorted quads in `format`, as [`write_store`] writes the store's: one negotiation's
/// part of it ([`negotiation_quads`]), for example.
pub fn write_quads(quads: Vec<Quad>, format: RdfFormat, out: &mut dyn Write) -> Result<()> {
    let mut serializer = rdf_serializer(format).for_writer(&mut *out);
    if format.supports_datasets() {
        for quad in &quads {
            serializer.serialize_quad(quad).map_err(io_error)?;
        }
    } else {
        let triples: BTreeMap<String, Triple> = quads
            .into_iter()
            .map(|q| {
                let triple = Triple::from(q);
                (triple.to_string(), triple)
            })
            .collect();
        for triple in triples.values() {
            serializer.serialize_triple(triple).map_err(io_error)?;
        }
    }
    serializer.finish().map_err(io_error)?;
    Ok(())
}

/// Writes triples (a CONSTRUCT result) in `format`; in quad formats they are in the default graph.
pub fn write_triples(triples: &[Triple], format: RdfFormat, out: &mut dyn Write) -> Result<()> {
    let mut serializer = rdf_serializer(format).for_writer(&mut *out);
    for triple in triples {
        if format.supports_datasets() {
            serializer
                .serialize_quad(&Quad::new(
                    triple.subject.clone(),
                    triple.predicate.clone(),
                    triple.object.clone(),
                    GraphName::DefaultGraph,
                ))
                .map_err(io_error)?;
        } else {
            serializer.serialize_triple(triple).map_err(io_error)?;
        }
    }
    serializer.finish().map_err(io_error)?;
    Ok(())
}
