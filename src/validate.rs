//! SHACL validation of the graph against `ontology/shapes.ttl` (or other shapes): the SHACL Core
//! constraints the shapes use — `sh:targetClass` (with subclasses), property shapes with an IRI
//! `sh:path`, `sh:minCount`, `sh:maxCount`, `sh:datatype`, `sh:class` and `sh:nodeKind` — each
//! checked with one SPARQL query. Every violation names the focus node, the path and the rule.

use crate::error::{Error, Result};
use crate::query::{compact_term, SparqlQuery};
use crate::store::KnowledgeGraph;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;

const SH: &str = "http://www.w3.org/ns/shacl#";

/// One failed constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The node that fails (compact IRI).
    pub focus: String,
    /// The shape it fails (compact IRI).
    pub shape: String,
    /// The property path (compact IRI).
    pub path: String,
    /// The constraint: "sh:minCount 1", "sh:class neg:Actor", …
    pub constraint: String,
    /// The offending value, when there is one.
    pub value: Option<String>,
    /// The shape's message, or a description of the constraint.
    pub message: String,
}

struct PropertyShape {
    shape: String,
    targets: Vec<String>,
    path: String,
    message: Option<String>,
    constraints: Vec<(String, Term)>,
}

fn rows(store: &Store, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
    let QueryResults::Solutions(solutions) = oxigraph::sparql::SparqlEvaluator::new()
        .parse_query(sparql)
        .map_err(|e| Error::QueryEvaluation(e.to_string()))?
        .on_store(store)
        .execute()
        .map_err(|e| Error::QueryEvaluation(e.to_string()))?
    else {
        return Ok(Vec::new());
    };
    let variables: Vec<_> = solutions.variables().to_vec();
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| Error::QueryEvaluation(e.to_string()))?;
        out.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
    }
    Ok(out)
}

fn iri(term: &Option<Term>) -> Option<String> {
    match term {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

/// Reads the property shapes of a shapes graph (Turtle).
fn read_shapes(turtle: &str) -> Result<Vec<PropertyShape>> {
    let shapes = Store::new()?;
    shapes
        .load_from_reader(RdfParser::from_format(RdfFormat::Turtle), turtle.as_bytes())
        .map_err(|e| Error::Store(format!("the shapes do not parse: {e}")))?;
    // One row per constraint; blank property shapes are told apart by their term.
    let found = rows(
        &shapes,
        &format!(
            "PREFIX sh: <{SH}>
             SELECT ?shape ?property ?path ?message ?constraint ?value WHERE {{
               ?shape a sh:NodeShape ; sh:property ?property .
               ?property sh:path ?path ; ?constraint ?value .
               FILTER(?constraint IN (sh:minCount, sh:maxCount, sh:datatype, sh:class, sh:nodeKind))
               OPTIONAL {{ ?property sh:message ?message }}
             }}"
        ),
    )?;
    let targets = rows(
        &shapes,
        &format!("PREFIX sh: <{SH}> SELECT ?shape ?class WHERE {{ ?shape sh:targetClass ?class }}"),
    )?;
    let mut by_property: std::collections::BTreeMap<String, PropertyShape> =
        std::collections::BTreeMap::new();
    for row in found {
        let (Some(shape), Some(path), Some(constraint), Some(value)) =
            (iri(&row[0]), iri(&row[2]), iri(&row[4]), row[5].clone())
        else {
            continue; // complex paths are not supported
        };
        let key = format!(
            "{shape} {} {path}",
            row[1].as_ref().map(ToString::to_string).unwrap_or_default()
        );
        let entry = by_property.entry(key).or_insert_with(|| PropertyShape {
            targets: targets
                .iter()
                .filter(|t| iri(&t[0]).as_deref() == Some(shape.as_str()))
                .filter_map(|t| iri(&t[1]))
                .collect(),
            shape: shape.clone(),
            path: path.clone(),
            message: match &row[3] {
                Some(Term::Literal(l)) => Some(l.value().to_owned()),
                _ => None,
            },
            constraints: Vec::new(),
        });
        entry.constraints.push((constraint, value));
    }
    Ok(by_property.into_values().collect())
}

/// Checks the graph against the SHACL shapes in `shapes` (Turtle); no violation means it
/// conforms.
pub fn validate_with(graph: &KnowledgeGraph, shapes: &str) -> Result<Vec<Violation>> {
    let mut violations = Vec::new();
    for shape in read_shapes(shapes)? {
        for target in &shape.targets {
            let focus = format!("?focus a/rdfs:subClassOf* <{target}> .");
            let path = &shape.path;
            for (constraint, value) in &shape.constraints {
                let local = constraint.trim_start_matches(SH);
                let sparql = match local {
                    "minCount" | "maxCount" => {
                        let Term::Literal(n) = value else { continue };
                        let comparison = if local == "minCount" { "<" } else { ">" };
                        format!(
                            "SELECT ?focus WHERE {{ {focus} OPTIONAL {{ ?focus <{path}> ?v }} }}
                             GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) {comparison} {})",
                            n.value()
                        )
                    }
                    "datatype" => format!(
                        "SELECT ?focus ?v WHERE {{ {focus} ?focus <{path}> ?v .
                           FILTER(!isLiteral(?v) || DATATYPE(?v) != {value}) }}"
                    ),
                    "class" => format!(
                        "SELECT ?focus ?v WHERE {{ {focus} ?focus <{path}> ?v .
                           FILTER NOT EXISTS {{ ?v a/rdfs:subClassOf* {value} }} }}"
                    ),
                    "nodeKind" => {
                        let test = match value
                            .to_string()
                            .trim_start_matches('<')
                            .trim_end_matches('>')
                            .trim_start_matches(SH)
                        {
                            "IRI" => "isIRI(?v)",
                            "Literal" => "isLiteral(?v)",
                            "BlankNode" => "isBlank(?v)",
                            "BlankNodeOrIRI" => "(isBlank(?v) || isIRI(?v))",
                            "IRIOrLiteral" => "(isIRI(?v) || isLiteral(?v))",
                            _ => continue,
                        };
                        format!("SELECT ?focus ?v WHERE {{ {focus} ?focus <{path}> ?v . FILTER(!{test}) }}")
                    }
                    _ => continue,
                };
                let QueryResults::Solutions(solutions) = graph.query(&SparqlQuery::new(sparql))?
                else {
                    continue;
                };
                for solution in solutions {
                    let solution = solution.map_err(|e| Error::QueryEvaluation(e.to_string()))?;
                    let rule = format!("sh:{local} {}", compact_term(value));
                    violations.push(Violation {
                        focus: solution.get("focus").map(compact_term).unwrap_or_default(),
                        shape: crate::query::compact_iri(&shape.shape),
                        path: crate::query::compact_iri(path),
                        constraint: rule.clone(),
                        value: solution.get("v").map(compact_term),
                        message: shape.message.clone().unwrap_or(rule),
                    });
                }
            }
        }
    }
    violations.sort_by(|a, b| {
        (&a.focus, &a.path, &a.constraint).cmp(&(&b.focus, &b.path, &b.constraint))
    });
    violations.dedup();
    Ok(violations)
}

/// Checks the graph against negkg's own shapes (`ontology/shapes.ttl`).
pub fn validate(graph: &KnowledgeGraph) -> Result<Vec<Violation>> {
    validate_with(graph, crate::bundled::shapes())
}
