//! Negotiations: the class and its links in RDF, in the right graphs; the shapes; and
//! `--negotiation` on the analyses, exports, pictures and `stats`.

use crate::util::{negkg, ok};
use negkg::oxigraph::sparql::QueryResults;
use negkg::{compact_term, KnowledgeGraph, SparqlQuery};

fn rows(graph: &KnowledgeGraph, sparql: &str) -> Vec<Vec<String>> {
    let QueryResults::Solutions(solutions) = graph.query(&SparqlQuery::new(sparql)).unwrap() else {
        panic!("not a SELECT")
    };
    let variables: Vec<_> = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            variables
                .iter()
                .map(|v| s.get(v).map(compact_term).unwrap_or_default())
                .collect()
        })
        .collect()
}

#[test]
fn the_bundled_negotiation_is_in_the_reference_graph_with_its_parties() {
    let graph = KnowledgeGraph::bundled().unwrap();
    let found = rows(
        &graph,
        "SELECT ?n ?party WHERE { GRAPH <https://w3id.org/negkg/graph/reference> {
           ?n a neg:Negotiation ; rdfs:label ?label ; neg:party ?party } } ORDER BY ?party",
    );
    assert_eq!(
        found,
        [
            ["negotiation:russia-ukraine-2025", "actor:russia"],
            ["negotiation:russia-ukraine-2025", "actor:ukraine"]
        ]
    );
}

#[test]
fn every_bundled_claim_carries_its_negotiation_in_its_sources_graph() {
    let graph = KnowledgeGraph::bundled().unwrap();
    let claims = rows(
        &graph,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c neg:holder ?h } }",
    );
    let in_own_graph = rows(
        &graph,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g {
           ?c neg:holder ?h ; neg:negotiation negotiation:russia-ukraine-2025 ;
              prov:wasDerivedFrom ?g } }",
    );
    assert_eq!(claims, in_own_graph);
    assert_eq!(claims[0][0], "99");
    // Every source names it in its own graph, every event in the reference graph.
    let sources = rows(
        &graph,
        "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?s { ?s a neg:Source ;
           neg:negotiation negotiation:russia-ukraine-2025 } }",
    );
    assert_eq!(sources[0][0], "26");
    let events = rows(
        &graph,
        "SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <https://w3id.org/negkg/graph/reference> {
           ?e a neg:Event ; neg:negotiation negotiation:russia-ukraine-2025 } }",
    );
    assert_eq!(events[0][0], "15");
}

#[test]
fn the_shapes_check_negotiations_and_the_links_to_them() {
    let dir = std::env::temp_dir().join(format!("negkg-negotiation-shapes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.ttl");
    std::fs::write(
        &broken,
        "@prefix neg: <https://w3id.org/negkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/negkg/id/negotiation/lonely> a neg:Negotiation ;
    rdfs:label \"One-sided talks\"@en ;
    neg:party <https://w3id.org/negkg/id/actor/russia> .
<https://w3id.org/negkg/id/event/istanbul-talks-2025-05-16>
    neg:negotiation <https://w3id.org/negkg/id/actor/russia> .
",
    )
    .unwrap();
    let out = negkg(&["validate", broken.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    for expected in [
        "negotiation:lonely: neg:party sh:minCount 2 — a negotiation has at least two parties",
        "event:istanbul-talks-2025-05-16: neg:negotiation sh:class neg:Negotiation — an event's neg:negotiation points to a negotiation (value: actor:russia)",
    ] {
        assert!(out.stdout.contains(expected), "missing {expected:?} in {}", out.stdout);
    }
    ok(&["validate"]);
}
