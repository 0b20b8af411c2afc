//! The ontology implements the vocabulary: every term negkg writes is declared, labelled and
//! commented; every direct edge is a sub-property of neg:takesPosition labelled in words.

use negkg::oxigraph::sparql::QueryResults;
use negkg::{compact_term, DirectEdge, Input, KnowledgeGraph, SparqlQuery};

fn ontology_graph() -> KnowledgeGraph {
    let graph = KnowledgeGraph::in_memory().unwrap();
    graph.load(&Input::new()).unwrap();
    graph
}

fn column(graph: &KnowledgeGraph, sparql: &str) -> Vec<String> {
    let QueryResults::Solutions(solutions) = graph.query(&SparqlQuery::new(sparql)).unwrap() else {
        panic!("not a SELECT")
    };
    solutions
        .map(|s| compact_term(s.unwrap().get("x").unwrap()))
        .collect()
}

#[test]
fn every_ontology_term_has_a_label_and_a_comment() {
    let graph = ontology_graph();
    let terms = column(
        &graph,
        "SELECT DISTINCT ?x WHERE { ?x a ?t . FILTER(?t IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty, owl:AnnotationProperty, owl:NamedIndividual)) FILTER(STRSTARTS(STR(?x), STR(neg:))) }",
    );
    assert!(terms.len() > 60, "{} terms", terms.len());
    let missing = column(
        &graph,
        "SELECT DISTINCT ?x WHERE { ?x a ?t . FILTER(?t IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty, owl:AnnotationProperty, owl:NamedIndividual)) FILTER(STRSTARTS(STR(?x), STR(neg:))) FILTER(NOT EXISTS { ?x rdfs:label ?l } || NOT EXISTS { ?x rdfs:comment ?c }) }",
    );
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn every_term_the_data_uses_is_declared_in_the_ontology() {
    let graph = KnowledgeGraph::bundled().unwrap();
    let undeclared = column(
        &graph,
        "SELECT DISTINCT ?x WHERE {
           { GRAPH ?g { ?s ?x ?o } } UNION { GRAPH ?g { ?s a ?x } }
           FILTER(?g != <https://w3id.org/negkg/ontology>)
           FILTER(STRSTARTS(STR(?x), STR(neg:)))
           FILTER NOT EXISTS { GRAPH <https://w3id.org/negkg/ontology> { ?x rdfs:label ?l } }
         }",
    );
    assert!(undeclared.is_empty(), "undeclared: {undeclared:?}");
}

#[test]
fn every_direct_edge_is_a_labelled_sub_property_of_takes_position() {
    let graph = ontology_graph();
    for edge in DirectEdge::ALL {
        let sparql = format!(
            "SELECT ?x WHERE {{ neg:{} rdfs:subPropertyOf neg:takesPosition ; rdfs:label ?x }}",
            edge.local_name()
        );
        assert_eq!(column(&graph, &sparql), [edge.label()], "{edge:?}");
    }
}

#[test]
fn every_claim_kind_is_a_claim_with_its_plover_alignment() {
    let graph = ontology_graph();
    let kinds = column(
        &graph,
        "SELECT ?x WHERE { ?x rdfs:subClassOf neg:Claim } ORDER BY ?x",
    );
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    let without = column(
        &graph,
        "SELECT ?x WHERE { ?x rdfs:subClassOf neg:Claim . FILTER(?x != neg:Statement) FILTER NOT EXISTS { ?x neg:ploverEventType ?p } }",
    );
    assert!(without.is_empty(), "{without:?}");
    assert_eq!(
        column(
            &graph,
            "SELECT ?x WHERE { neg:Demand neg:ploverEventType ?x }"
        ),
        ["REQUEST"]
    );
}
