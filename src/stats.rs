//! What the store holds: actors by type, claims by kind, sources, events, places, issues,
//! named graphs and quads. Counted with SPARQL, so it describes any store, whatever loaded it.

use crate::error::{Error, Result};
use crate::query::{compact_term, SparqlQuery};
use crate::store::KnowledgeGraph;
use oxigraph::sparql::QueryResults;

/// One line of the statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatRow {
    /// What is counted: "actors", "claims", "sources", …
    pub category: String,
    /// Which part: a type or kind, or "all".
    pub item: String,
    /// How many.
    pub count: u64,
}

const BREAKDOWNS: &[(&str, &str)] = &[
    (
        "actors",
        "SELECT ?item (COUNT(DISTINCT ?x) AS ?count) WHERE {
           ?x a neg:Actor .
           OPTIONAL { ?x a ?type . FILTER(?type IN (neg:Person, neg:State, neg:Organization, neg:Group)) }
           BIND(COALESCE(LCASE(STRAFTER(STR(?type), STR(neg:))), \"untyped\") AS ?item)
         } GROUP BY ?item ORDER BY ?item",
    ),
    (
        "claims",
        "SELECT ?item (COUNT(DISTINCT ?x) AS ?count) WHERE {
           ?x a ?type . ?type rdfs:subClassOf neg:Claim .
           BIND(LCASE(STRAFTER(STR(?type), STR(neg:))) AS ?item)
         } GROUP BY ?item ORDER BY ?item",
    ),
];

const TOTALS: &[(&str, &str)] = &[
    ("actors", "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a neg:Actor }"),
    (
        "claims",
        "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a ?t . ?t rdfs:subClassOf neg:Claim }",
    ),
    (
        "evidence",
        "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a neg:Evidence }",
    ),
    ("sources", "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a neg:Source }"),
    ("events", "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a neg:Event }"),
    ("places", "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a neg:Place }"),
    ("issues", "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a neg:Issue }"),
    (
        "direct edges",
        "SELECT (COUNT(*) AS ?count) WHERE { ?p rdfs:subPropertyOf neg:takesPosition . GRAPH ?g { ?s ?p ?o } }",
    ),
    (
        "named graphs",
        "SELECT (COUNT(DISTINCT ?g) AS ?count) WHERE { GRAPH ?g { ?s ?p ?o } }",
    ),
];

fn rows(graph: &KnowledgeGraph, sparql: &str) -> Result<Vec<(String, u64)>> {
    let QueryResults::Solutions(solutions) = graph.query(&SparqlQuery::new(sparql))? else {
        return Err(Error::QueryEvaluation(
            "a statistics query gave no solutions".into(),
        ));
    };
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| Error::QueryEvaluation(e.to_string()))?;
        let item = solution.get("item").map(compact_term).unwrap_or_default();
        let count = solution
            .get("count")
            .map(compact_term)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        out.push((item, count));
    }
    Ok(out)
}

/// Counts what the store holds.
pub fn stats(graph: &KnowledgeGraph) -> Result<Vec<StatRow>> {
    let mut out = Vec::new();
    for (category, total) in TOTALS {
        let count = rows(graph, total)?.first().map_or(0, |(_, c)| *c);
        out.push(StatRow {
            category: (*category).to_owned(),
            item: "all".into(),
            count,
        });
        if let Some((_, breakdown)) = BREAKDOWNS.iter().find(|(c, _)| c == category) {
            for (item, count) in rows(graph, breakdown)? {
                out.push(StatRow {
                    category: (*category).to_owned(),
                    item,
                    count,
                });
            }
        }
    }
    out.push(StatRow {
        category: "quads".into(),
        item: "all".into(),
        count: graph.len()? as u64,
    });
    Ok(out)
}
