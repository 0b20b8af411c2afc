//! What the store holds: actors by type, claims by kind, sources, events, negotiations, places,
//! issues, named graphs and quads, and the same per negotiation. Counted with SPARQL, so it
//! describes any store, whatever loaded it.

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
    (
        "negotiations",
        "SELECT (COUNT(DISTINCT ?x) AS ?count) WHERE { ?x a neg:Negotiation }",
    ),
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

/// What one negotiation holds: its sources, its claims by kind, the actors who hold them, its
/// events and the days its claims were stated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NegotiationStats {
    /// The negotiation's id, as `--negotiation` takes it (the IRI, for a negotiation outside
    /// the `negotiation:` namespace); [`NegotiationStats::NONE`] for the claims that belong to
    /// no negotiation.
    pub negotiation: String,
    /// Its name (`rdfs:label`), when it has one.
    pub name: Option<String>,
    /// Sources that name it, or hold one of its claims.
    pub sources: u64,
    /// Its claims.
    pub claims: u64,
    /// Its claims per kind (`demand`, `proposal`, …), kinds with none left out.
    pub claims_by_kind: Vec<(String, u64)>,
    /// Actors holding its claims.
    pub actors: u64,
    /// Events that name it, or that its claims name.
    pub events: u64,
    /// The first day one of its claims was stated (`neg:statedOn`, or `neg:statedBefore` for a
    /// claim known only to be stated by a day).
    pub first: Option<String>,
    /// The last such day.
    pub last: Option<String>,
}

impl NegotiationStats {
    /// The name of the row for claims in no negotiation.
    pub const NONE: &'static str = "(none)";
}

/// Binds `?c` to each claim and `?n` to each of its negotiations.
const IN_NEGOTIATION: &str = "?c neg:negotiation ?n .";
/// Binds `?c` to each claim in no negotiation, and `?n` to a placeholder.
const IN_NONE: &str = "?c a ?claimType . ?claimType rdfs:subClassOf neg:Claim .
    FILTER NOT EXISTS { ?c neg:negotiation ?anyNegotiation } BIND(\"none\" AS ?n)";

/// The SPARQL pattern binding `?d` to the day the claim `?c` was stated, or, for a claim its
/// report dates only by an upper bound, the day it was stated by (`neg:statedBefore`): the day
/// a claim counts at in the first and last days of `negkg stats` and the web app's overview.
pub(crate) const CLAIM_DAY: &str = "{ ?c neg:statedOn ?d } UNION { ?c neg:statedBefore ?d FILTER NOT EXISTS { ?c neg:statedOn ?on } }";

/// The measures per negotiation: name, SPARQL (with `{claims}` for the claim pattern and
/// `{own}` for what names the negotiation itself).
const MEASURES: &[(&str, &str)] = &[
    (
        "claims",
        "SELECT ?n (COUNT(DISTINCT ?c) AS ?count) WHERE { {claims} ?c a ?t . ?t rdfs:subClassOf neg:Claim } GROUP BY ?n",
    ),
    (
        "sources",
        "SELECT ?n (COUNT(DISTINCT ?s) AS ?count) WHERE { { {claims} ?c prov:wasDerivedFrom ?s } {own_sources} } GROUP BY ?n",
    ),
    (
        "actors",
        "SELECT ?n (COUNT(DISTINCT ?a) AS ?count) WHERE { {claims} ?c neg:holder ?a } GROUP BY ?n",
    ),
    (
        "events",
        "SELECT ?n (COUNT(DISTINCT ?e) AS ?count) WHERE { { {claims} ?c neg:event ?e } {own_events} } GROUP BY ?n",
    ),
];

fn measure(template: &str, none: bool) -> String {
    let (claims, own_sources, own_events) = if none {
        (IN_NONE, "", "")
    } else {
        (
            IN_NEGOTIATION,
            "UNION { ?s a neg:Source ; neg:negotiation ?n }",
            "UNION { ?e a neg:Event ; neg:negotiation ?n }",
        )
    };
    template
        .replace("{claims}", claims)
        .replace("{own_sources}", own_sources)
        .replace("{own_events}", own_events)
}

/// Counts what each negotiation holds, one row per negotiation in the order of their ids, and a
/// last row, [`NegotiationStats::NONE`], for the claims in none (left out when every claim is
/// in one).
pub fn negotiation_stats(graph: &KnowledgeGraph) -> Result<Vec<NegotiationStats>> {
    let mut by_negotiation: std::collections::BTreeMap<String, NegotiationStats> =
        std::collections::BTreeMap::new();
    for (negotiation, name) in rows_of(
        graph,
        "SELECT ?n ?name WHERE { ?n a neg:Negotiation OPTIONAL { ?n rdfs:label ?label } BIND(STR(?label) AS ?name) }",
        ["n", "name"],
    )?
    .into_iter()
    .map(|[n, name]| (n, name))
    {
        let entry = by_negotiation.entry(negotiation.clone()).or_default();
        entry.negotiation = negotiation;
        if !name.is_empty() && entry.name.is_none() {
            entry.name = Some(name);
        }
    }
    for none in [false, true] {
        let key = |n: String| {
            if none {
                NegotiationStats::NONE.to_owned()
            } else {
                n
            }
        };
        for (what, template) in MEASURES {
            for [n, count] in rows_of(graph, &measure(template, none), ["n", "count"])? {
                let entry = by_negotiation.entry(key(n)).or_default();
                let count = count.parse().unwrap_or(0);
                match *what {
                    "claims" => entry.claims = count,
                    "sources" => entry.sources = count,
                    "actors" => entry.actors = count,
                    _ => entry.events = count,
                }
            }
        }
        let kinds = measure(
            "SELECT ?n ?kind (COUNT(DISTINCT ?c) AS ?count) WHERE { {claims} ?c a ?t . ?t rdfs:subClassOf neg:Claim . BIND(LCASE(STRAFTER(STR(?t), STR(neg:))) AS ?kind) } GROUP BY ?n ?kind ORDER BY ?n ?kind",
            none,
        );
        for [n, kind, count] in rows_of(graph, &kinds, ["n", "kind", "count"])? {
            let entry = by_negotiation.entry(key(n)).or_default();
            entry
                .claims_by_kind
                .push((kind, count.parse().unwrap_or(0)));
        }
        let dates = measure(
            &format!("SELECT ?n (STR(MIN(?d)) AS ?first) (STR(MAX(?d)) AS ?last) WHERE {{ {{claims}} {CLAIM_DAY} }} GROUP BY ?n"),
            none,
        );
        for [n, first, last] in rows_of(graph, &dates, ["n", "first", "last"])? {
            let entry = by_negotiation.entry(key(n)).or_default();
            entry.first = Some(first).filter(|d| !d.is_empty());
            entry.last = Some(last).filter(|d| !d.is_empty());
        }
    }
    let none = by_negotiation.remove(NegotiationStats::NONE);
    let mut out: Vec<NegotiationStats> = by_negotiation
        .into_iter()
        .map(|(negotiation, mut stats)| {
            stats.negotiation = negotiation
                .strip_prefix("negotiation:")
                .map_or(negotiation.clone(), str::to_owned);
            stats
        })
        .collect();
    if let Some(mut none) = none.filter(|n| n.claims > 0) {
        none.negotiation = NegotiationStats::NONE.to_owned();
        out.push(none);
    }
    Ok(out)
}

/// The values of `columns` in each solution of `sparql`, as compact terms (the value alone for
/// literals), empty where unbound.
fn rows_of<const N: usize>(
    graph: &KnowledgeGraph,
    sparql: &str,
    columns: [&str; N],
) -> Result<Vec<[String; N]>> {
    let QueryResults::Solutions(solutions) = graph.query(&SparqlQuery::new(sparql))? else {
        return Err(Error::QueryEvaluation(
            "a statistics query gave no solutions".into(),
        ));
    };
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| Error::QueryEvaluation(e.to_string()))?;
        out.push(columns.map(|column| solution.get(column).map(compact_term).unwrap_or_default()));
    }
    Ok(out)
}
