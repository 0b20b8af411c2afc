//! What the pages read from the store: a small catalogue of the named things (made once per
//! state of the store), and bounded look-ups about one resource. Every look-up here is bound
//! to one IRI and has a LIMIT, so that no page reads an unbounded list.

use crate::analysis::Solutions;
use crate::error::Result;
use crate::query::SparqlQuery;
use crate::store::KnowledgeGraph;
use crate::vocab;
use oxigraph::model::{NamedNode, Term};
use std::collections::BTreeMap;

/// Where IRIs of negkg's instances begin; a page's path is the rest of its IRI.
pub(super) const ID_BASE: &str = "https://w3id.org/negkg";

/// What kind of named thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Actor,
    Place,
    Issue,
    Event,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Place => "place",
            Kind::Issue => "issue",
            Kind::Event => "event",
        }
    }

    fn of(iri: &str) -> Option<Kind> {
        [
            (vocab::ACTOR_NS, Kind::Actor),
            (vocab::PLACE_NS, Kind::Place),
            (vocab::ISSUE_NS, Kind::Issue),
            (vocab::EVENT_NS, Kind::Event),
        ]
        .into_iter()
        .find(|(ns, _)| iri.starts_with(ns))
        .map(|(_, kind)| kind)
    }
}

/// An actor, place, issue or event with its names.
#[derive(Debug, Clone)]
pub(super) struct Entity {
    pub iri: String,
    pub label: String,
    pub kind: Kind,
    /// The label and every alias, in lower case, for search.
    pub names: Vec<String>,
}

/// The named things of the store and its totals, made once per state of the store.
#[derive(Debug, Default)]
pub(super) struct Catalogue {
    /// Sorted by kind, then label.
    pub entities: Vec<Entity>,
    pub claims: usize,
    pub sources: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    /// The latest claims (IRIs), newest first.
    pub latest: Vec<String>,
    /// The negotiations (`neg:Negotiation`), by name.
    pub negotiations: Vec<NegotiationName>,
}

/// A negotiation the pages can be limited to.
#[derive(Debug, Clone)]
pub(super) struct NegotiationName {
    pub iri: String,
    /// What `?negotiation=` takes: the id in the `negotiation:` namespace, else the IRI.
    pub id: String,
    pub name: String,
}

impl Catalogue {
    pub(super) fn build(graph: &KnowledgeGraph) -> Result<Catalogue> {
        let names = select(
            graph,
            "SELECT ?e ?name WHERE { GRAPH <https://w3id.org/negkg/graph/reference> { ?e rdfs:label|skos:altLabel ?name } }",
            &[],
        )?;
        let labels = select(
            graph,
            "SELECT ?e ?label WHERE { GRAPH <https://w3id.org/negkg/graph/reference> { ?e rdfs:label ?label } }",
            &[],
        )?;
        let mut by_iri: BTreeMap<String, Entity> = BTreeMap::new();
        for row in 0..labels.len() {
            let Some(Term::NamedNode(node)) = labels.term(row, "e") else {
                continue;
            };
            let Some(kind) = Kind::of(node.as_str()) else {
                continue;
            };
            let label = labels.text(row, "label");
            by_iri
                .entry(node.as_str().to_owned())
                .or_insert_with(|| Entity {
                    iri: node.as_str().to_owned(),
                    label,
                    kind,
                    names: Vec::new(),
                });
        }
        for row in 0..names.len() {
            let Some(Term::NamedNode(node)) = names.term(row, "e") else {
                continue;
            };
            if let Some(entity) = by_iri.get_mut(node.as_str()) {
                let name = names.text(row, "name").to_lowercase();
                if !entity.names.contains(&name) {
                    entity.names.push(name);
                }
            }
        }
        let mut entities: Vec<Entity> = by_iri.into_values().collect();
        entities.sort_by(|a, b| {
            (a.kind, a.label.to_lowercase()).cmp(&(b.kind, b.label.to_lowercase()))
        });
        let totals = select(
            graph,
            "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c neg:holder ?h }",
            &[],
        )?;
        let dated = crate::stats::CLAIM_DAY;
        let dates = select(
            graph,
            &format!("SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{ {dated} }}"),
            &[],
        )?;
        let sources = select(
            graph,
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a neg:Source }",
            &[],
        )?;
        let latest = select(
            graph,
            &format!(
                "SELECT ?c ?d WHERE {{ ?c neg:holder ?h . {dated} }} ORDER BY DESC(?d) DESC(?c) LIMIT 8"
            ),
            &[],
        )?;
        let text = |s: &Solutions, v: &str| Some(s.text(0, v)).filter(|t| !t.is_empty());
        let negotiations = select(
            graph,
            "SELECT ?n (SAMPLE(?l) AS ?name) WHERE { ?n a neg:Negotiation OPTIONAL { ?n rdfs:label ?l } } GROUP BY ?n",
            &[],
        )?;
        let mut negotiations: Vec<NegotiationName> = (0..negotiations.len())
            .filter_map(|r| match negotiations.term(r, "n") {
                Some(Term::NamedNode(n)) => {
                    let iri = n.as_str().to_owned();
                    let id = iri
                        .strip_prefix(vocab::NEGOTIATION_NS)
                        .filter(|id| !id.is_empty())
                        .unwrap_or(&iri)
                        .to_owned();
                    let name = Some(negotiations.text(r, "name"))
                        .filter(|l| !l.is_empty())
                        .unwrap_or_else(|| id.clone());
                    Some(NegotiationName { iri, id, name })
                }
                _ => None,
            })
            .collect();
        negotiations.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.iri.cmp(&b.iri)));
        Ok(Catalogue {
            negotiations,
            entities,
            claims: totals.text(0, "n").parse().unwrap_or(0),
            sources: sources.text(0, "n").parse().unwrap_or(0),
            first: text(&dates, "first"),
            last: text(&dates, "last"),
            latest: (0..latest.len())
                .filter_map(|r| match latest.term(r, "c") {
                    Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
                    _ => None,
                })
                .collect(),
        })
    }

    /// The entities whose label or an alias holds `text` (any case), the closest first: a
    /// name that is the text, then one that begins with it, then the rest.
    pub(super) fn search(&self, text: &str) -> Vec<&Entity> {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u8, &Entity)> = self
            .entities
            .iter()
            .filter_map(|e| {
                let rank = e
                    .names
                    .iter()
                    .filter_map(|n| {
                        let n = n.strip_prefix("the ").unwrap_or(n);
                        if n == needle {
                            Some(0)
                        } else if n.starts_with(&needle) {
                            Some(1)
                        } else if n.contains(&needle) {
                            Some(2)
                        } else {
                            None
                        }
                    })
                    .min()?;
                Some((rank, e))
            })
            .collect();
        found.sort_by_key(|(rank, e)| (*rank, e.kind));
        found.into_iter().map(|(_, e)| e).collect()
    }

    /// The entities of one kind.
    pub(super) fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }
}

/// Runs a SELECT query with variables fixed to terms.
pub(super) fn select(
    graph: &KnowledgeGraph,
    text: &str,
    bindings: &[(&str, Term)],
) -> Result<Solutions> {
    crate::analysis::run_select(
        graph,
        SparqlQuery::new(text).with_origin("the web app"),
        bindings,
    )
}

/// One statement about a resource: the predicate and the object, with their labels.
#[derive(Debug, Clone)]
pub(super) struct Property {
    pub predicate: String,
    pub predicate_label: String,
    pub object: Term,
    pub object_label: Option<String>,
}

/// Longest list of statements shown about one resource.
pub(super) const MAX_PROPERTIES: usize = 60;

/// What the store says about `iri` (its own statements, in any graph, each once), with labels,
/// ordered by predicate and object; at most [`MAX_PROPERTIES`]. Read from the store directly:
/// first the reference graph, where an actor, place, issue or event is described, then every
/// graph in the store's order until [`MAX_PROPERTIES`] statements are found, so that a busy
/// actor's description is always shown and its hundreds of direct edges are not all decoded.
pub(super) fn properties(graph: &KnowledgeGraph, iri: &NamedNode) -> Result<Vec<Property>> {
    let mut statements = BTreeMap::new();
    let store = graph.store();
    let subject = Some(iri.as_ref().into());
    let described =
        store.quads_for_pattern(subject, None, None, Some(vocab::REFERENCE_GRAPH.into()));
    let anywhere = store.quads_for_pattern(subject, None, None, None);
    for quad in described.chain(anywhere) {
        if statements.len() >= MAX_PROPERTIES {
            break;
        }
        let quad = quad?;
        let key = (
            quad.predicate,
            order_key(&quad.object),
            quad.object.to_string(),
        );
        statements.insert(key, quad.object);
    }
    statements
        .into_iter()
        .take(MAX_PROPERTIES)
        .map(|((predicate, _, _), object)| {
            let object_label = match &object {
                Term::NamedNode(node) => label(graph, node)?,
                _ => None,
            };
            Ok(Property {
                predicate_label: label(graph, &predicate)?
                    .unwrap_or_else(|| crate::query::compact_iri(predicate.as_str())),
                predicate: predicate.as_str().to_owned(),
                object,
                object_label,
            })
        })
        .collect()
}

/// Where a term stands among the objects of a resource: blank nodes, then IRIs, then literals
/// (SPARQL's ORDER BY), each by its text.
fn order_key(term: &Term) -> (u8, String) {
    match term {
        Term::BlankNode(node) => (0, node.as_str().to_owned()),
        Term::NamedNode(node) => (1, node.as_str().to_owned()),
        Term::Literal(literal) => (2, literal.value().to_owned()),
        #[allow(unreachable_patterns)]
        _ => (3, term.to_string()),
    }
}

/// The label of `iri`, if it has one: its `rdfs:label`, else its `dcterms:title` (a source's),
/// read from the claim index of the store's current state, which holds both (a page asks for
/// dozens; a look-up in an on-disk store each cost more than the page's analysis).
pub(super) fn label(graph: &KnowledgeGraph, iri: &NamedNode) -> Result<Option<String>> {
    let index = crate::analysis::claim_index(graph)?;
    Ok(index.label(&iri.clone().into()).map(str::to_owned))
}

/// Who addresses claims to `iri`: each holder (compact IRI) with its label and the number of
/// its claims addressed to `iri`, most first (then by IRI); at most `limit`. From the claim
/// index `index` (so, with a negotiation's index, only that negotiation's claims count): a
/// SPARQL query, or a look-up in an on-disk store per claim, cost more than the page's
/// analysis.
pub(super) fn addressers(
    graph: &KnowledgeGraph,
    index: &crate::analysis::ClaimIndex,
    iri: &NamedNode,
    limit: usize,
) -> Result<Vec<(String, String, usize)>> {
    let mut ranked: Vec<(NamedNode, usize)> = index
        .addressers(&iri.clone().into())
        .into_iter()
        .filter_map(|(holder, claims)| match holder {
            Term::NamedNode(holder) => Some((holder.clone(), claims)),
            _ => None,
        })
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(limit)
        .map(|(holder, claims)| {
            let label = label(graph, &holder)?.unwrap_or_default();
            Ok((crate::query::compact_iri(holder.as_str()), label, claims))
        })
        .collect()
}

/// The groups and members of the actor `iri`: how each is related to it ("member", "it is a
/// member of", "affiliated to it", "it is affiliated to"), its compact IRI and its label; by
/// relation, then label; at most `limit`.
pub(super) fn groups(
    graph: &KnowledgeGraph,
    iri: &NamedNode,
    limit: usize,
) -> Result<Vec<(&'static str, String, String)>> {
    let store = graph.store();
    let me: Term = iri.clone().into();
    let mut found = Vec::new();
    for (predicate, how_in, how_out) in [
        (
            vocab::AFFILIATION,
            "affiliated to it",
            "it is affiliated to",
        ),
        (vocab::MEMBER, "it is a member of", "member"),
    ] {
        // Others that point at it, then those it points at.
        for quad in store.quads_for_pattern(None, Some(predicate), Some(me.as_ref()), None) {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(other) = quad?.subject {
                found.push((how_in, other));
            }
        }
        for quad in store.quads_for_pattern(Some(iri.as_ref().into()), Some(predicate), None, None)
        {
            if let Term::NamedNode(other) = quad?.object {
                found.push((how_out, other));
            }
        }
    }
    let mut out = Vec::new();
    for (how, other) in found {
        let label = label(graph, &other)?.unwrap_or_default();
        out.push((how, crate::query::compact_iri(other.as_str()), label));
    }
    out.sort_by(|a, b| (a.0, &a.2, &a.1).cmp(&(b.0, &b.2, &b.1)));
    out.dedup();
    out.truncate(limit);
    Ok(out)
}

/// A claim in one line: what a list of claims shows.
#[derive(Debug, Clone, Default)]
pub(super) struct ClaimLine {
    pub claim: String,
    pub label: String,
    pub kind: String,
    pub holder: String,
    pub holder_label: String,
    pub stated_on: String,
    pub source: String,
    pub source_label: String,
    pub quote: String,
}

/// The claims with these IRIs, in one line each (in the order given).
pub(super) fn claim_lines(graph: &KnowledgeGraph, claims: &[String]) -> Result<Vec<ClaimLine>> {
    let mut out = Vec::new();
    for iri in claims {
        let Ok(node) = NamedNode::new(iri.as_str()) else {
            continue;
        };
        let rows = select(
            graph,
            "SELECT ?c ?label ?k ?h ?hl ?d ?s ?sl ?q WHERE {
               GRAPH ?s { ?c neg:holder ?h ; rdfs:label ?label ; a ?k . OPTIONAL { ?c neg:statedOn ?d } OPTIONAL { ?c neg:evidence/neg:quote ?q } }
               ?k rdfs:subClassOf neg:Claim .
               OPTIONAL { ?h rdfs:label ?hl } OPTIONAL { ?s dcterms:title ?sl }
             } LIMIT 1",
            &[("c", node.into())],
        )?;
        if rows.is_empty() {
            continue;
        }
        let kind = match rows.term(0, "k") {
            Some(Term::NamedNode(n)) => n
                .as_str()
                .strip_prefix(vocab::NEG)
                .unwrap_or_default()
                .to_lowercase(),
            _ => String::new(),
        };
        out.push(ClaimLine {
            claim: iri.clone(),
            label: rows.text(0, "label"),
            kind,
            holder: iri_of(rows.term(0, "h")),
            holder_label: rows.text(0, "hl"),
            stated_on: rows.text(0, "d"),
            source: iri_of(rows.term(0, "s")),
            source_label: rows.text(0, "sl"),
            quote: rows.text(0, "q"),
        });
    }
    Ok(out)
}

/// The IRI of a term that is one, else "".
pub(super) fn iri_of(term: Option<&Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        _ => String::new(),
    }
}

/// Follows `predicate` from `start` (forwards, or backwards with `backwards`) for at most
/// `limit` steps: the chain of claims, without `start`.
pub(super) fn chain(
    graph: &KnowledgeGraph,
    start: &NamedNode,
    predicate: &str,
    backwards: bool,
    limit: usize,
) -> Result<Vec<String>> {
    let mut seen = vec![start.as_str().to_owned()];
    let mut out = Vec::new();
    let mut current = start.clone();
    let text = if backwards {
        format!("SELECT ?c ?n WHERE {{ ?n neg:{predicate} ?c }} ORDER BY ?n LIMIT 1")
    } else {
        format!("SELECT ?c ?n WHERE {{ ?c neg:{predicate} ?n }} ORDER BY ?n LIMIT 1")
    };
    while out.len() < limit {
        let rows = select(graph, &text, &[("c", current.clone().into())])?;
        let next = iri_of(rows.term(0, "n"));
        if next.is_empty() || seen.contains(&next) {
            break;
        }
        seen.push(next.clone());
        out.push(next.clone());
        current = NamedNode::new_unchecked(next);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_resource_shows_its_description_among_a_bounded_list_of_statements() {
        let graph = KnowledgeGraph::bundled().unwrap();
        let places: String = (0..3 * MAX_PROPERTIES)
            .map(|n| format!("actor:russia neg:demandsWithdrawalFrom place:test-{n:04} .\n"))
            .collect();
        graph
            .update(&format!(
                "INSERT DATA {{ GRAPH source:test-busy {{ {places} }} }}"
            ))
            .unwrap();
        let russia = NamedNode::new("https://w3id.org/negkg/id/actor/russia").unwrap();
        let shown = properties(&graph, &russia).unwrap();
        assert_eq!(shown.len(), MAX_PROPERTIES);
        let has = |predicate: &str, value: &str| {
            shown.iter().any(|p| {
                p.predicate == predicate
                    && match &p.object {
                        Term::NamedNode(n) => n.as_str() == value,
                        Term::Literal(l) => l.value() == value,
                        _ => false,
                    }
            })
        };
        // Its description in the reference graph is never crowded out by its edges.
        assert!(has(
            oxigraph::model::vocab::rdf::TYPE.as_str(),
            "https://w3id.org/negkg/ontology#State"
        ));
        assert!(has(oxigraph::model::vocab::rdfs::LABEL.as_str(), "Russia"));
        // Ordered by predicate, then object.
        let keys: Vec<(&str, (u8, String))> = shown
            .iter()
            .map(|p| (p.predicate.as_str(), order_key(&p.object)))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    }
}
