#![doc = include_str!("../README.md")]
#![warn(missing_docs, unreachable_pub)]

pub mod analysis;
mod bundled;
mod dataset;
mod error;
pub mod export;
pub mod extract;
mod graph;
pub mod memory;
mod model;
mod packed;
mod query;
mod rdf;
pub mod remote;
pub mod serve;
mod stats;
mod store;
mod synthetic;
pub mod validate;
pub mod vocab;

pub use bundled::{data_files as bundled_data_files, ontology_files as bundled_ontology_files};
pub use dataset::{parse_dataset, to_data_files, to_toml, DataFile};
pub use error::{DataError, DataErrors, Error, Location, Result};
pub use export::dot::{write_dot, Clustering, DotOptions, DotView};
pub use graph::{ClaimDetails, Edge, Layer, Node, NodeKind, ProjectedGraph, Selection};
pub use model::{
    locate_quote, text_at, Action, Actor, ActorType, Claim, ClaimKind, Dataset, Date, DirectEdge,
    Event, EventStatus, EventType, Evidence, Issue, Modality, Negotiation, NegotiationLookup,
    ObjectRef, Place, PlaceType, Source, SourceKind,
};
pub use query::{
    check_syntax, compact_iri, compact_term, limit_results, named_queries, named_query, parse_term,
    query_form, rdf_serializer, write_results, write_table, NamedQuery, OutputFormat, QueryForm,
    SparqlQuery, TableOptions,
};
pub use rdf::{
    actor_iri, claim_iri, dataset_to_quads, event_iri, issue_iri, negotiation_iri, place_iri,
    source_iri,
};
pub use stats::{negotiation_stats, stats, NegotiationStats, StatRow};
pub use store::{Input, KnowledgeGraph, LoadReport, Prepared, RdfFile};
pub use synthetic::{synthetic_dataset, synthetic_dataset_with, SyntheticCast};

/// Re-exported Oxigraph, so that users name the same types negkg returns.
pub use oxigraph;
