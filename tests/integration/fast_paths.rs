//! The differential test of the fast analyses: on the bundled data, on a generated dataset
//! and on RDF shaped to trip a careless translation (a triple in two graphs, a claim with two
//! kinds, a date that is no xsd:date), every native fast path gives exactly the rows of its
//! SPARQL named query, bound and unbound, and limited to each negotiation (on the bundled data
//! with a second, made-up negotiation too).

use negkg::analysis::{index_for, run_fast, run_named, ClaimIndex, Solutions, FAST_QUERIES};
use negkg::oxigraph::model::{Literal, NamedNode, Term};
use negkg::{dataset_to_quads, synthetic_dataset, Input, KnowledgeGraph, RdfFile};
use std::cmp::Ordering;

/// A column's cell as text, with `GROUP_CONCAT` lists put in alphabetical order (the engine
/// lists them in the order it meets them, which no other engine promises).
fn cell(variable: &str, term: Option<&Term>) -> String {
    let text = term.map(ToString::to_string).unwrap_or_default();
    if ["issues", "bases", "kinds"].contains(&variable) {
        if let Some(Term::Literal(literal)) = term {
            let mut parts: Vec<&str> = literal.value().split(", ").collect();
            parts.sort_unstable();
            return format!("{:?}", parts.join(", "));
        }
    }
    text
}

fn rows(solutions: &Solutions) -> Vec<Vec<String>> {
    solutions
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(&solutions.variables)
                .map(|(term, variable)| cell(variable, term.as_ref()))
                .collect()
        })
        .collect()
}

/// Asserts that the fast path gives the rows of the named query, as a multiset.
fn same_rows(graph: &KnowledgeGraph, index: &ClaimIndex, name: &str, bindings: &[(&str, Term)]) {
    let engine = run_named(graph, name, bindings).expect("the named query runs");
    let fast = run_fast(index, name, bindings).expect("the query has a fast path");
    assert_eq!(fast.variables, engine.variables, "{name}: the variables");
    let (mut expected, mut got) = (rows(&engine), rows(&fast));
    expected.sort();
    got.sort();
    if expected != got {
        let missing: Vec<_> = expected
            .iter()
            .filter(|r| !got.contains(r))
            .take(3)
            .collect();
        let extra: Vec<_> = got
            .iter()
            .filter(|r| !expected.contains(r))
            .take(3)
            .collect();
        panic!(
            "{name} {bindings:?}: the engine gives {} rows, the fast path {}\n  missing: {missing:#?}\n  extra: {extra:#?}",
            expected.len(),
            got.len()
        );
    }
}

/// The fast path's rows come in the order of the query's ORDER BY (checked on its first keys).
fn ordered_by(index: &ClaimIndex, name: &str, keys: &[&str]) {
    let fast = run_fast(index, name, &[]).unwrap();
    let columns: Vec<usize> = keys
        .iter()
        .map(|k| fast.variables.iter().position(|v| v == k).unwrap())
        .collect();
    for pair in fast.rows.windows(2) {
        let order = columns
            .iter()
            .map(|&c| negkg_order(pair[0][c].as_ref(), pair[1][c].as_ref()))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal);
        assert_ne!(
            order,
            Ordering::Greater,
            "{name}: rows out of order:\n{:?}\n{:?}",
            pair[0],
            pair[1]
        );
    }
}

/// Dates by value and strings by code point, which is all the ORDER BY keys hold here.
fn negkg_order(a: Option<&Term>, b: Option<&Term>) -> Ordering {
    match (a, b) {
        (Some(Term::Literal(a)), Some(Term::Literal(b))) => a.value().cmp(b.value()),
        (Some(Term::NamedNode(a)), Some(Term::NamedNode(b))) => a.as_str().cmp(b.as_str()),
        (a, b) => a.map(ToString::to_string).cmp(&b.map(ToString::to_string)),
    }
}

fn every(graph: &KnowledgeGraph, class: &str) -> Vec<Term> {
    column_x(
        graph,
        &format!("SELECT DISTINCT ?x WHERE {{ ?x a {class} }}"),
    )
}

/// The values of `?x` in the answer to `query`.
fn column_x(graph: &KnowledgeGraph, query: &str) -> Vec<Term> {
    let query = negkg::SparqlQuery::new(query);
    let negkg::oxigraph::sparql::QueryResults::Solutions(solutions) = graph.query(&query).unwrap()
    else {
        unreachable!()
    };
    solutions
        .map(|s| s.unwrap().get("x").unwrap().clone())
        .collect()
}

/// The `n` holders of most claims, most first.
fn busiest_holders(graph: &KnowledgeGraph, n: usize) -> Vec<Term> {
    column_x(
        graph,
        &format!("SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c neg:holder ?x }} GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT {n}"),
    )
}

/// The analyses bound to one resource: its class, the analysis, the parameter.
const BOUND: [(&str, &str, &str); 4] = [
    ("neg:Actor", "timeline-actor", "actor"),
    ("neg:Issue", "timeline-issue", "issue"),
    ("neg:Event", "accounts-of-event", "event"),
    ("neg:Source", "claims-of-source", "source"),
];

fn date(text: &str) -> Term {
    Literal::new_typed_literal(text, negkg::oxigraph::model::vocab::xsd::DATE).into()
}

fn check_everything(graph: &KnowledgeGraph, sample: usize, grouped: bool) {
    let index = ClaimIndex::build(graph).unwrap();
    for name in FAST_QUERIES {
        if grouped || !["conflicts", "common-ground"].contains(name) {
            same_rows(graph, &index, name, &[]);
        }
    }
    for day in [
        "2022-06-01",
        "2024-06-01",
        "2025-03-15",
        "2025-05-19",
        "2025-06-02",
    ] {
        same_rows(graph, &index, "positions", &[("asOf", date(day))]);
    }
    same_rows(
        graph,
        &index,
        "positions",
        &[("asOf", Literal::new_simple_literal("soon").into())],
    );
    let take = |terms: Vec<Term>| -> Vec<Term> {
        let step = (terms.len() / sample).max(1);
        terms.into_iter().step_by(step).collect()
    };
    for (class, name, variable) in BOUND {
        for value in take(every(graph, class)) {
            same_rows(graph, &index, name, &[(variable, value)]);
        }
    }
    if grouped {
        check_grouped(graph, &index, 4);
    }
    let nobody: Term = NamedNode::new("https://w3id.org/negkg/id/actor/nobody")
        .unwrap()
        .into();
    same_rows(graph, &index, "timeline-actor", &[("actor", nobody)]);
    ordered_by(
        &index,
        "positions",
        &["actorLabel", "issueLabel", "statedOn"],
    );
    ordered_by(&index, "timeline-actor", &["statedOn", "holder"]);
    ordered_by(&index, "claims-of-source", &["source", "statedOn"]);
}

/// Every fast analysis limited to each of `negotiations` (ids; `unknown` is none the graph
/// knows), alone and with the other parameters on `sample` of each, on the index
/// [`index_for`] makes for it.
fn check_negotiations(graph: &KnowledgeGraph, negotiations: &[&str], sample: usize, grouped: bool) {
    let known = every(graph, "neg:Negotiation");
    let negotiations: Vec<Term> = negotiations
        .iter()
        .map(|id| {
            let term: Term = NamedNode::new(format!("https://w3id.org/negkg/id/negotiation/{id}"))
                .unwrap()
                .into();
            assert!(*id == "unknown" || known.contains(&term), "{id}");
            term
        })
        .collect();
    let take = |terms: Vec<Term>| -> Vec<Term> {
        let step = (terms.len() / sample).max(1);
        terms.into_iter().step_by(step).take(sample).collect()
    };
    for negotiation in negotiations {
        let only = ("negotiation", negotiation.clone());
        let index = index_for(graph, std::slice::from_ref(&only)).unwrap();
        // The graph's own index does not answer for one negotiation.
        let whole = negkg::analysis::claim_index(graph).unwrap();
        assert!(run_fast(&whole, "positions", std::slice::from_ref(&only)).is_none());
        for name in FAST_QUERIES {
            if grouped || !["conflicts", "common-ground"].contains(name) {
                same_rows(graph, &index, name, std::slice::from_ref(&only));
            }
        }
        for day in ["2025-03-15", "2025-06-02", "2025-06-03"] {
            same_rows(
                graph,
                &index,
                "positions",
                &[("asOf", date(day)), only.clone()],
            );
        }
        for actor in take(every(graph, "neg:Actor")) {
            same_rows(
                graph,
                &index,
                "timeline-actor",
                &[("actor", actor.clone()), only.clone()],
            );
            if grouped {
                for name in ["conflicts", "common-ground"] {
                    same_rows(
                        graph,
                        &index,
                        name,
                        &[("actor", actor.clone()), only.clone()],
                    );
                }
            }
        }
        // The actors are checked above, with the grouped analyses.
        for (class, name, variable) in &BOUND[1..] {
            for value in take(every(graph, class)) {
                same_rows(graph, &index, name, &[(variable, value), only.clone()]);
            }
        }
        if grouped {
            for name in ["conflicts", "common-ground"] {
                same_rows(
                    graph,
                    &index,
                    name,
                    &[("asOf", date("2025-06-03")), only.clone()],
                );
            }
        }
    }
}

/// The grouped analyses, unbound and with each kind of filter, on `sample` actors and issues.
fn check_grouped(graph: &KnowledgeGraph, index: &ClaimIndex, sample: usize) {
    let take = |terms: Vec<Term>| -> Vec<Term> {
        let step = (terms.len() / sample).max(1);
        terms.into_iter().step_by(step).take(sample).collect()
    };
    let issues = every(graph, "neg:Issue");
    // The parties holding most claims (where every kind of conflict and common ground is
    // found: a party filter reads from the party's own claims), and a spread of the others.
    let mut parties = busiest_holders(graph, sample);
    parties.extend(take(every(graph, "neg:Actor")));
    for name in ["conflicts", "common-ground"] {
        same_rows(graph, index, name, &[]);
        for actor in &parties {
            same_rows(graph, index, name, &[("actor", actor.clone())]);
        }
        for issue in take(issues.clone()) {
            same_rows(graph, index, name, &[("issue", issue)]);
        }
        for day in ["2023-06-01", "2025-04-01", "2025-08-15"] {
            same_rows(graph, index, name, &[("asOf", date(day))]);
            same_rows(graph, index, name, &[("from", date(day))]);
            same_rows(graph, index, name, &[("to", date(day))]);
        }
        same_rows(
            graph,
            index,
            name,
            &[
                ("from", date("2022-06-01")),
                ("to", date("2025-06-01")),
                ("issue", issues[0].clone()),
            ],
        );
    }
}

#[test]
fn the_fast_analyses_give_the_rows_of_the_named_queries_on_the_bundled_data() {
    check_everything(&KnowledgeGraph::bundled().unwrap(), 1000, true);
}

#[test]
fn the_fast_analyses_give_the_rows_of_the_named_queries_with_a_second_negotiation() {
    let mut input = Input::bundled();
    for name in ["north-south.toml", "unassigned.toml"] {
        let path = crate::util::fixture("negotiations").join(name);
        input.add_data_file(negkg::DataFile::new(
            name,
            std::fs::read_to_string(path).unwrap(),
        ));
    }
    let graph = KnowledgeGraph::in_memory().unwrap();
    graph.load(&input).unwrap();
    // The bundled test checks every analysis on the whole graph; here, limited to the made-up
    // negotiation and to one the graph does not know.
    check_negotiations(&graph, &["test-north-south", "unknown"], 3, true);
}

#[test]
fn the_fast_analyses_give_the_rows_of_the_named_queries_on_generated_data() {
    let graph = generated(1500, 11);
    check_everything(&graph, 25, false);
    check_negotiations(&graph, &["negotiation-0", "negotiation-1"], 4, false);
    // The grouped analyses' SPARQL takes seconds at this size: they are checked on less.
    let graph = generated(300, 5);
    check_grouped(&graph, &ClaimIndex::build(&graph).unwrap(), 6);
    check_negotiations(&graph, &["negotiation-0", "negotiation-1"], 2, true);
}

fn generated(claims: usize, seed: u64) -> KnowledgeGraph {
    let dataset = synthetic_dataset(claims, seed);
    let mut input = Input::new();
    let quads = dataset_to_quads(&dataset);
    let mut bytes = Vec::new();
    let mut writer =
        negkg::oxigraph::io::RdfSerializer::from_format(negkg::oxigraph::io::RdfFormat::NQuads)
            .for_writer(&mut bytes);
    for quad in &quads {
        writer.serialize_quad(quad).unwrap();
    }
    writer.finish().unwrap();
    input.add_rdf(RdfFile {
        name: "generated.nq".into(),
        format: negkg::oxigraph::io::RdfFormat::NQuads,
        bytes,
    });
    let graph = KnowledgeGraph::in_memory().unwrap();
    graph.load(&input).unwrap();
    graph
}

#[test]
fn the_fast_analyses_follow_the_engine_on_awkward_rdf() {
    // A claim stated in two graphs, with two kinds, a second holder label, a statedOn that is
    // a plain string, an issue label in the default graph, a source typed twice, and dates
    // with a time zone.
    let turtle = r#"
        @prefix neg: <https://w3id.org/negkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/negkg/id/actor/russia> rdfs:label "Russia (again)" .
        <https://w3id.org/negkg/id/claim/odd> rdfs:label "An odd claim" .
    "#;
    let trig = r#"
        @prefix neg: <https://w3id.org/negkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/negkg/id/source/odd> {
          <https://w3id.org/negkg/id/source/odd> a neg:Source .
          <https://w3id.org/negkg/id/claim/odd> a neg:Demand, neg:Threat ;
            neg:holder <https://w3id.org/negkg/id/actor/russia> ;
            neg:issue <https://w3id.org/negkg/id/issue/territory> ;
            neg:action <https://w3id.org/negkg/id/action/withdrawal> ;
            neg:event <https://w3id.org/negkg/id/event/trump-putin-call-2025-05-19> ;
            neg:statedOn "2025-05-20"^^xsd:date, "sometime" ;
            neg:evidence <https://w3id.org/negkg/id/evidence/odd-1>, <https://w3id.org/negkg/id/evidence/odd-2> .
          <https://w3id.org/negkg/id/evidence/odd-1> neg:quote "b quote" ; neg:source <https://w3id.org/negkg/id/source/odd> ;
            neg:reportedBy <https://w3id.org/negkg/id/actor/russia> .
          <https://w3id.org/negkg/id/evidence/odd-2> neg:quote "a quote" ; neg:source <https://w3id.org/negkg/id/source/odd> ;
            neg:reportedBy <https://w3id.org/negkg/id/actor/ukraine> .
          # Dates with a time zone beside dates without: within fourteen hours they do not
          # compare, so as of 25 May 2025 no date of Russia's on territory is later than all
          # the others (2025-05-21 and 2025-05-21+13:00), whatever order they are read in.
          <https://w3id.org/negkg/id/claim/odd-zoned> a neg:Demand ;
            neg:holder <https://w3id.org/negkg/id/actor/russia> ;
            neg:issue <https://w3id.org/negkg/id/issue/territory> ;
            neg:statedOn "2025-05-21+13:00"^^xsd:date .
          <https://w3id.org/negkg/id/claim/odd-zoned-later> a neg:Rejection ;
            neg:holder <https://w3id.org/negkg/id/actor/russia> ;
            neg:issue <https://w3id.org/negkg/id/issue/territory> ;
            neg:statedOn "2025-06-03-05:00"^^xsd:date .
        }
        <https://w3id.org/negkg/id/source/other> {
          <https://w3id.org/negkg/id/source/odd> a neg:Source .
          <https://w3id.org/negkg/id/claim/odd> neg:holder <https://w3id.org/negkg/id/actor/russia> ;
            neg:issue <https://w3id.org/negkg/id/issue/territory> ; neg:statedOn "2025-05-21"^^xsd:date ;
            a neg:Demand ; neg:evidence <https://w3id.org/negkg/id/evidence/odd-1> .
          <https://w3id.org/negkg/id/evidence/odd-1> neg:quote "c quote" .
          <https://w3id.org/negkg/id/claim/odd> neg:negotiation <https://w3id.org/negkg/id/negotiation/odd-talks> .
          <https://w3id.org/negkg/id/claim/russia-demands-withdrawal-kherson-zaporizhzhia>
            neg:negotiation <https://w3id.org/negkg/id/negotiation/odd-talks> .
          <https://w3id.org/negkg/id/negotiation/odd-talks> a neg:Negotiation .
        }
    "#;
    let mut input = Input::bundled();
    for (name, format, text) in [
        ("odd.ttl", negkg::oxigraph::io::RdfFormat::Turtle, turtle),
        ("odd.trig", negkg::oxigraph::io::RdfFormat::TriG, trig),
    ] {
        input.add_rdf(RdfFile {
            name: name.into(),
            format,
            bytes: text.as_bytes().to_vec(),
        });
    }
    let graph = KnowledgeGraph::in_memory().unwrap();
    graph.load(&input).unwrap();
    check_everything(&graph, 1000, true);
    check_negotiations(&graph, &["odd-talks"], 3, true);
    let index = ClaimIndex::build(&graph).unwrap();
    for day in ["2025-05-21", "2025-05-25", "2025-06-03"] {
        same_rows(&graph, &index, "positions", &[("asOf", date(day))]);
    }
}

#[test]
fn positions_follow_the_engine_on_claims_of_many_dates_holders_and_issues() {
    // Dates that all compare (none with a time zone), so that positions ranks them: a claim
    // stated on two days in two sources, a claim of two holders on two issues, two claims of
    // one (holder, issue) on the same latest day, a claim latest on one of its issues and not
    // the other, and a claim superseded by a later one.
    let trig = r#"
        @prefix neg: <https://w3id.org/negkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix c: <https://w3id.org/negkg/id/claim/> .
        @prefix a: <https://w3id.org/negkg/id/actor/> .
        @prefix i: <https://w3id.org/negkg/id/issue/> .
        @prefix x: <https://w3id.org/negkg/id/action/> .
        a:north rdfs:label "North" . a:south rdfs:label "South" .
        x:talk rdfs:label "Talk" .
        i:water rdfs:label "Water" . i:border rdfs:label "Border" .
        <https://w3id.org/negkg/id/source/one> {
          c:twice a neg:Demand ; rdfs:label "Twice" ; neg:action x:talk ; neg:holder a:north ; neg:issue i:water ;
            neg:statedOn "2025-01-10"^^xsd:date .
          c:both a neg:Offer ; rdfs:label "Both" ; neg:action x:talk ; neg:holder a:north, a:south ;
            neg:issue i:water, i:border ; neg:statedOn "2025-01-05"^^xsd:date .
          c:tie-1 a neg:Demand ; rdfs:label "Tie one" ; neg:action x:talk ; neg:holder a:south ; neg:issue i:border ;
            neg:statedOn "2025-02-01"^^xsd:date .
          c:old a neg:Rejection ; rdfs:label "Old" ; neg:action x:talk ; neg:holder a:south ; neg:issue i:water ;
            neg:statedOn "2025-01-01"^^xsd:date .
          c:newer a neg:Rejection ; rdfs:label "Newer" ; neg:action x:talk ; neg:holder a:south ; neg:issue i:water ;
            neg:statedOn "2024-12-01"^^xsd:date ; neg:supersedes c:old .
        }
        <https://w3id.org/negkg/id/source/two> {
          c:twice neg:holder a:north ; neg:issue i:water ; a neg:Demand ;
            neg:statedOn "2025-03-01"^^xsd:date .
          c:tie-2 a neg:Threat ; rdfs:label "Tie two" ; neg:action x:talk ; neg:holder a:south ; neg:issue i:border ;
            neg:statedOn "2025-02-01"^^xsd:date .
        }
    "#;
    let mut input = Input::new();
    input.add_rdf(RdfFile {
        name: "many.trig".into(),
        format: negkg::oxigraph::io::RdfFormat::TriG,
        bytes: trig.as_bytes().to_vec(),
    });
    let graph = KnowledgeGraph::in_memory().unwrap();
    graph.load(&input).unwrap();
    let index = ClaimIndex::build(&graph).unwrap();
    same_rows(&graph, &index, "positions", &[]);
    // Not a comparison of two empty answers: the standing claims are those worked out above.
    let positions = run_fast(&index, "positions", &[]).unwrap();
    let mut standing: Vec<String> = (0..positions.len())
        .map(|r| {
            let (actor, issue) = (positions.text(r, "actor"), positions.text(r, "issue"));
            format!("{actor} {issue} {}", positions.text(r, "claim"))
        })
        .collect();
    standing.sort();
    standing.dedup();
    assert_eq!(
        standing,
        [
            "actor:north issue:border claim:both",
            "actor:north issue:water claim:twice",
            "actor:south issue:border claim:tie-1",
            "actor:south issue:border claim:tie-2",
            "actor:south issue:water claim:both",
        ]
    );
    for day in [
        "2024-12-31",
        "2025-01-01",
        "2025-01-05",
        "2025-01-10",
        "2025-02-01",
        "2025-02-15",
        "2025-03-01",
    ] {
        same_rows(&graph, &index, "positions", &[("asOf", date(day))]);
    }
}

/// TriG of `claims` claims by as many holders on as many issues, each claim's holder and
/// issue its own, so that a table of every holder by every issue would be large and mostly
/// empty (`positions` then keeps the latest of each pair met in a map): every third claim is
/// followed by a later one of the same holder and issue, every fifth has a second issue, and
/// the dates run over a month.
fn many_holders_on_many_issues(claims: usize) -> String {
    let mut trig = String::from(
        "@prefix neg: <https://w3id.org/negkg/ontology#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
         @prefix c: <https://w3id.org/negkg/id/claim/> .\n\
         @prefix a: <https://w3id.org/negkg/id/actor/> .\n\
         @prefix i: <https://w3id.org/negkg/id/issue/> .\n\
         @prefix x: <https://w3id.org/negkg/id/action/> .\n\
         x:talk rdfs:label \"Talk\" .\n\
         <https://w3id.org/negkg/id/source/one> {\n",
    );
    let claim = |trig: &mut String, name: String, holder: usize, issues: &[usize], day: usize| {
        let issues: Vec<String> = issues.iter().map(|i| format!("i:issue-{i}")).collect();
        trig.push_str(&format!(
            "c:{name} a neg:Demand ; rdfs:label \"{name}\" ; neg:action x:talk ; \
             neg:holder a:actor-{holder} ; neg:issue {} ; \
             neg:statedOn \"2025-01-{:02}\"^^xsd:date .\n",
            issues.join(", "),
            day % 28 + 1
        ));
    };
    for k in 0..claims {
        let issues: Vec<usize> = if k % 5 == 0 {
            vec![k, (k + 1) % claims]
        } else {
            vec![k]
        };
        claim(&mut trig, format!("claim-{k}"), k, &issues, k);
        if k % 3 == 0 {
            claim(&mut trig, format!("later-{k}"), k, &[k], k + 2);
        }
    }
    for k in 0..claims {
        trig.push_str(&format!(
            "a:actor-{k} rdfs:label \"Actor {k}\" . i:issue-{k} rdfs:label \"Issue {k}\" .\n"
        ));
    }
    trig.push_str("}\n");
    trig
}

#[test]
fn positions_follow_the_engine_with_many_holders_on_many_issues() {
    let mut input = Input::new();
    input.add_rdf(RdfFile {
        name: "wide.trig".into(),
        format: negkg::oxigraph::io::RdfFormat::TriG,
        bytes: many_holders_on_many_issues(300).into_bytes(),
    });
    let graph = KnowledgeGraph::in_memory().unwrap();
    graph.load(&input).unwrap();
    let index = ClaimIndex::build(&graph).unwrap();
    same_rows(&graph, &index, "positions", &[]);
    for day in ["2025-01-03", "2025-01-15", "2025-01-28"] {
        same_rows(&graph, &index, "positions", &[("asOf", date(day))]);
    }
    // Not two empty answers: a later claim of one holder and issue takes the earlier's place.
    let positions = run_fast(&index, "positions", &[]).unwrap();
    let claims: Vec<String> = (0..positions.len())
        .map(|r| positions.text(r, "claim"))
        .collect();
    assert!(claims.contains(&"claim:later-3".to_string()), "{claims:?}");
    assert!(!claims.contains(&"claim:claim-3".to_string()), "{claims:?}");
    assert!(claims.contains(&"claim:claim-4".to_string()), "{claims:?}");
}

#[test]
fn an_update_makes_the_index_stale_and_the_answers_follow_the_data() {
    let graph = KnowledgeGraph::bundled().unwrap();
    let before = negkg::analysis::claim_index(&graph).unwrap();
    let again = negkg::analysis::claim_index(&graph).unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&before, &again),
        "an unchanged graph keeps its index"
    );
    let standing = |graph: &KnowledgeGraph| -> Vec<String> {
        let positions = negkg::analysis::positions(graph, None, None).unwrap();
        (0..positions.len())
            .filter(|&r| positions.text(r, "actor") == "actor:russia")
            .map(|r| positions.text(r, "claim"))
            .collect()
    };
    let old = standing(&graph);
    assert!(!old.is_empty());
    // A newer Russian demand on every issue Russia holds a position on supersedes nothing but
    // is later, so it becomes the standing position there.
    graph
        .update(
            r#"INSERT DATA { GRAPH source:test-update {
                 claim:test-new-demand a neg:Demand ; rdfs:label "A new demand"@en ;
                   neg:holder actor:russia ; neg:issue issue:territory ;
                   neg:action action:withdrawal ; neg:statedOn "2026-12-01"^^xsd:date .
               } }"#,
        )
        .unwrap();
    let after_update = negkg::analysis::claim_index(&graph).unwrap();
    assert!(
        !std::sync::Arc::ptr_eq(&before, &after_update),
        "the update made the index stale, and it was built again"
    );
    let new = standing(&graph);
    assert!(new.contains(&"claim:test-new-demand".to_owned()), "{new:?}");
    assert_ne!(old, new);
    // The fast answer is still exactly the engine's after the update.
    let index = negkg::analysis::claim_index(&graph).unwrap();
    same_rows(&graph, &index, "positions", &[]);
    // A write made behind negkg's back is seen once it is announced.
    graph
        .store()
        .remove_named_graph(
            negkg::oxigraph::model::NamedNodeRef::new(
                "https://w3id.org/negkg/id/source/test-update",
            )
            .unwrap(),
        )
        .unwrap();
    graph.mark_changed();
    assert_eq!(standing(&graph), old);
}

#[test]
fn query_by_name_answers_from_the_index_with_the_rows_of_the_sparql() {
    // (Lists in GROUP_CONCAT come in no set order: the fast path sorts them, the engine does
    // not, so the cases here are ones without a list of two.)
    for args in [
        &["query", "--name", "positions", "--bind", "asOf=2025-06-02"][..],
        &[
            "query",
            "--name",
            "conflicts",
            "--bind",
            "actor=actor:russia",
        ][..],
        &[
            "query",
            "--name",
            "common-ground",
            "--bind",
            "actor=actor:vatican",
        ][..],
        &[
            "query",
            "--name",
            "accounts-of-event",
            "--bind",
            "event=event:trump-putin-call-2025-05-19",
        ][..],
        &["query", "--name", "claims-of-source"][..],
        &[
            "query",
            "--name",
            "common-ground",
            "--limit",
            "5",
            "--offset",
            "3",
        ][..],
    ] {
        let lines = |extra: &[&str]| -> Vec<String> {
            let mut all: Vec<&str> = args.to_vec();
            all.extend(["--format", "csv"]);
            all.extend(extra);
            let mut lines: Vec<String> = crate::util::ok(&all)
                .lines()
                .map(same_lists_in_one_order)
                .collect();
            lines.sort();
            lines
        };
        let fast = lines(&[]);
        assert!(fast.len() > 1, "{args:?}");
        assert_eq!(fast, lines(&["--no-index"]), "{args:?}");
    }
    let timed = crate::util::negkg(&[
        "query",
        "--name",
        "positions",
        "--repeat",
        "2",
        "--format",
        "csv",
    ]);
    assert!(
        timed
            .stderr
            .contains("runs of the positions analysis (index built in"),
        "{}",
        timed.stderr
    );
    assert!(
        timed.stderr.contains("answered and written"),
        "{}",
        timed.stderr
    );
    // The answer timed and written into memory is the one written out, as without --repeat.
    let once = crate::util::ok(&["query", "--name", "positions", "--format", "csv"]);
    assert!(once.lines().count() > 2);
    assert_eq!(timed.stdout, once);
}

#[test]
fn a_page_of_common_ground_is_the_slice_of_the_whole_ranking() {
    let graph = generated(600, 3);
    let index = ClaimIndex::build(&graph).unwrap();
    let all = run_fast(&index, "common-ground", &[]).unwrap();
    assert!(all.len() > 200, "enough groups to prune: {}", all.len());
    for (offset, limit) in [(0, 1), (0, 10), (37, 10), (150, 64), (all.len() - 3, 10)] {
        let (page, total) =
            negkg::analysis::run_fast_page(&index, "common-ground", &[], offset, Some(limit))
                .unwrap();
        assert_eq!(total, all.len());
        let end = (offset + limit).min(all.len());
        assert_eq!(page.rows, all.rows[offset..end], "page at {offset}");
    }
    let actor: Term = NamedNode::new("https://w3id.org/negkg/id/actor/state-1")
        .unwrap()
        .into();
    let bound = run_fast(&index, "common-ground", &[("actor", actor.clone())]).unwrap();
    let (page, total) =
        negkg::analysis::run_fast_page(&index, "common-ground", &[("actor", actor)], 2, Some(5))
            .unwrap();
    assert_eq!(total, bound.len());
    assert_eq!(page.rows, bound.rows[2..7.min(bound.len())]);
    // On one issue: groups whose two sides have no claim on it are no groups, pruned or not.
    let issue: Term = NamedNode::new("https://w3id.org/negkg/id/issue/territory")
        .unwrap()
        .into();
    let on_issue = run_fast(&index, "common-ground", &[("issue", issue.clone())]).unwrap();
    assert!(on_issue.len() > 70, "enough to prune: {}", on_issue.len());
    assert!(on_issue.len() < all.len());
    for (offset, limit) in [(0, 5), (40, 30)] {
        let (page, total) = negkg::analysis::run_fast_page(
            &index,
            "common-ground",
            &[("issue", issue.clone())],
            offset,
            Some(limit),
        )
        .unwrap();
        assert_eq!(total, on_issue.len());
        let end = (offset + limit).min(on_issue.len());
        assert_eq!(page.rows, on_issue.rows[offset..end], "page at {offset}");
    }
}

#[test]
fn a_page_of_conflicts_is_the_slice_of_the_whole_ranking() {
    let generated_graph = generated(600, 3);
    let bundled_graph = KnowledgeGraph::bundled().unwrap();
    // Every actor also called "Party": groups of several rows, and rows that tie on every
    // ranking key but the parties' IRIs, across the edges of the pages.
    let same_names = generated(600, 3);
    same_names
        .update(
            r#"INSERT { ?actor rdfs:label "Party" } WHERE { GRAPH ?g { ?claim neg:holder ?actor } }"#,
        )
        .unwrap();
    let rows = |graph: &KnowledgeGraph| {
        run_fast(&ClaimIndex::build(graph).unwrap(), "conflicts", &[])
            .unwrap()
            .len()
    };
    assert_eq!(
        rows(&same_names),
        4 * rows(&generated_graph),
        "two labels a party"
    );
    for graph in [&generated_graph, &bundled_graph, &same_names] {
        let index = ClaimIndex::build(graph).unwrap();
        let all = run_fast(&index, "conflicts", &[]).unwrap();
        assert!(all.len() > 20, "enough groups to page: {}", all.len());
        // Pages from every row on: some start or end inside runs of rows tied on claims, latest
        // date and labels.
        let n = all.len();
        let pages = (0..=n).flat_map(|offset| [(offset, 1), (offset, 7)]);
        for (offset, limit) in pages.chain([(0, 0), (n + 2, 5)]) {
            let (page, total) =
                negkg::analysis::run_fast_page(&index, "conflicts", &[], offset, Some(limit))
                    .unwrap();
            assert_eq!(total, n);
            let (start, end) = (offset.min(n), (offset + limit).min(n));
            assert_eq!(page.rows, all.rows[start..end], "page at {offset}, {limit}");
        }
        let (rest, total) =
            negkg::analysis::run_fast_page(&index, "conflicts", &[], 5, None).unwrap();
        assert_eq!((rest.rows.as_slice(), total), (&all.rows[5..], n));
    }
}

/// A CSV line with each quoted field that holds a ", " list (a `GROUP_CONCAT`, whose order the
/// engine does not fix) sorted, so that two answers compare by their sets.
fn same_lists_in_one_order(line: &str) -> String {
    let mut fields: Vec<String> = Vec::new();
    let (mut field, mut quoted, mut chars) = (String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
        .into_iter()
        .map(|f| {
            let mut items: Vec<&str> = f.split(", ").collect();
            items.sort_unstable();
            items.join(", ")
        })
        .collect::<Vec<_>>()
        .join("\u{1f}")
}
