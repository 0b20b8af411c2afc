//! Graph views: the petgraph projection and its analyses, DOT that reads like a briefing, and
//! RDF export that round-trips.

use crate::util::{fixture, negkg, negkg_with_stdin, ok};
use negkg::{
    export, Input, KnowledgeGraph, Layer, NodeKind, ProjectedGraph, Selection, SparqlQuery,
};
use std::process::{Command, Stdio};

fn bundled() -> KnowledgeGraph {
    KnowledgeGraph::bundled().unwrap()
}

#[test]
fn briefing_dot_labels_direct_edges_in_words() {
    let dot = ok(&["export"]);
    assert!(dot.starts_with("// negkg briefing view"), "{dot}");
    assert!(
        dot.contains("\"actor:russia\" -> \"place:kherson\" [label=\"demands withdrawal from\"")
    );
    assert!(dot
        .contains("\"actor:russia\" -> \"place:zaporizhzhia\" [label=\"demands withdrawal from\""));
    assert!(dot.contains(
        "\"actor:vatican\" -> \"event:ceasefire-negotiations-2025\" [label=\"offers to host\""
    ));
    assert!(dot.contains("\"actor:russia\" -> \"place:ukraine\" [label=\"threatens to occupy\""));
    assert!(dot.contains("subgraph cluster_legend"));
    // The briefing has no claim nodes.
    assert!(!dot.contains("\"claim:"), "{dot}");
}

#[test]
fn dot_export_is_deterministic_and_survives_an_rdf_round_trip() {
    let first = ok(&["export", "--view", "claims", "--cluster", "source"]);
    let second = ok(&["export", "--view", "claims", "--cluster", "source"]);
    assert_eq!(first, second);
    // The same graph rebuilt from an N-Quads dump draws the same picture, byte for byte.
    let dir = std::env::temp_dir().join(format!("negkg-dot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dump = dir.join("dump.nq");
    ok(&["export", "--format", "nq", "-o", dump.to_str().unwrap()]);
    let rebuilt = ok(&[
        "export",
        "--view",
        "claims",
        "--cluster",
        "source",
        "--no-bundled",
        "--data",
        dump.to_str().unwrap(),
    ]);
    assert_eq!(first, rebuilt);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn claim_view_shows_holder_condition_and_evidence() {
    let dot = ok(&["export", "--view", "claims", "--actor", "russia"]);
    assert!(dot.contains(
        "\"actor:russia\" -> \"claim:russia-threatens-to-occupy-more-territory\" [label=\"holds\""
    ));
    assert!(dot.contains("\"claim:russia-threatens-to-occupy-more-territory\" -> \"claim:russia-demands-withdrawal-kherson-zaporizhzhia\" [label=\"conditional on\""));
    assert!(dot.contains("if: should Ukraine refuse"), "{dot}");
    assert!(dot.contains("[label=\"evidence in\""));
    assert!(dot.contains("THREAT · 2025-05-16"));
    // Only Russia's claims.
    assert!(!dot.contains("claim:european-leaders-fear-deal-selling-out-ukraine"));
}

#[test]
fn filters_pick_the_claims_to_draw() {
    let edges = |dot: &str| {
        dot.lines()
            .filter(|l| l.contains(" -> "))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let vatican = ok(&["export", "--actor", "vatican", "--no-legend"]);
    assert_eq!(edges(&vatican).len(), 1, "{vatican}");
    assert!(vatican.contains("offers to host"));
    let threats = ok(&["export", "--kind", "threat", "--no-legend"]);
    assert!(!edges(&threats).is_empty());
    assert!(
        edges(&threats).iter().all(|e| e.contains("threatens")),
        "{threats}"
    );
    let before_the_call = ok(&[
        "export",
        "--from",
        "2025-05-16",
        "--to",
        "2025-05-18",
        "--no-legend",
    ]);
    assert!(before_the_call.contains("demands withdrawal from"));
    assert!(!before_the_call.contains("offers to host"));
    assert!(!before_the_call.contains("donetsk"), "{before_the_call}");
    let territory = ok(&[
        "export",
        "--issue",
        "territory",
        "--view",
        "claims",
        "--no-legend",
    ]);
    assert!(territory.contains("\"claim:russia-demands-withdrawal-kherson-zaporizhzhia\""));
    assert!(!territory.contains("\"claim:vatican-offers-to-host-talks\""));
    let none = ok(&["export", "--source", "no-such-source", "--no-legend"]);
    assert_eq!(none.matches(" -> ").count(), 0, "{none}");
    let construct = ok(&[
        "export",
        "--query",
        "CONSTRUCT WHERE { actor:vatican neg:offersToHost ?e }",
        "--no-legend",
    ]);
    assert_eq!(edges(&construct).len(), 1, "{construct}");
    assert!(construct.contains("offers to host"));
    let bad = negkg(&["export", "--kind", "wish"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("use one of demand"), "{}", bad.stderr);
    let bad_date = negkg(&["export", "--from", "2025-02-30"]);
    assert_ne!(bad_date.code, 0);
}

#[test]
fn clusters_group_by_source_and_by_actor() {
    let by_source = ok(&["export", "--cluster", "source", "--no-legend"]);
    assert!(by_source
        .contains("subgraph \"cluster_source:ft-2025-05-19-trump-leaves-ceasefire-talks\""));
    assert!(
        by_source.contains("\"source:ft-2025-05-19-trump-leaves-ceasefire-talks|actor:russia\"")
    );
    let by_actor = ok(&["export", "--cluster", "actor", "--no-legend"]);
    let russia = by_actor
        .split("subgraph \"cluster_actor:russia\"")
        .nth(1)
        .expect("a Russia cluster");
    let russia = &russia[..russia.find("  }").unwrap()];
    assert!(russia.contains("\"actor:putin\""), "{russia}");
    assert!(russia.contains("\"actor:russia\""), "{russia}");
}

#[test]
fn awkward_labels_are_escaped() {
    let awkward = fixture("awkward-labels.toml");
    let dot = ok(&[
        "export",
        "--view",
        "claims",
        "--source",
        "test-awkward",
        "--data",
        awkward.to_str().unwrap(),
    ]);
    assert!(
        dot.contains("A \\\"quoted\\\" label with a backslash \\\\ and\\na line break — ✓"),
        "{dot}"
    );
    assert!(dot.contains("Запоріжжя"), "{dot}");
    assert!(
        !dot.contains("A \"quoted\" label"),
        "an unescaped quote: {dot}"
    );
    graphviz_accepts(&dot);
}

fn graphviz_available() -> bool {
    let present = Command::new("dot").arg("-V").output().is_ok();
    assert!(
        present || std::env::var_os("CI").is_none(),
        "CI must have Graphviz (`dot`) to check the DOT export"
    );
    present
}

/// Pipes DOT through `dot -Tsvg` and checks that an SVG comes out.
fn graphviz_accepts(dot: &str) {
    if !graphviz_available() {
        eprintln!("skipped: Graphviz is not installed");
        return;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dot failed: {stderr}");
    assert!(!stderr.contains("syntax error"), "{stderr}");
    let svg = String::from_utf8(output.stdout).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
}

#[test]
fn graphviz_renders_both_views() {
    // The claims view draws every claim: on the whole dataset Graphviz lays it out for
    // minutes, so it is checked on the claims of 2025.
    for (view, window) in [("briefing", None), ("claims", Some("2025-11-30"))] {
        for cluster in ["none", "source", "actor"] {
            let mut args = vec!["export", "--view", view, "--cluster", cluster];
            if let Some(to) = window {
                args.extend(["--to", to]);
            }
            graphviz_accepts(&ok(&args));
        }
    }
    if graphviz_available() {
        let svg = std::env::temp_dir().join(format!("negkg-render-{}.svg", std::process::id()));
        ok(&["export", "--render", "svg", "-o", svg.to_str().unwrap()]);
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("demands withdrawal from"));
        let _ = std::fs::remove_file(svg);
    }
}

#[test]
fn rendering_without_graphviz_says_how_to_get_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_negkg"))
        .args(["export", "--render", "svg", "-o", "/tmp/negkg-never.svg"])
        .env("NEGKG_DOT", "/nonexistent/dot")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(69));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Graphviz is not installed"), "{stderr}");
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
}

#[test]
fn projection_has_typed_nodes_labelled_edges_and_iri_maps() {
    let graph = bundled();
    let projection = ProjectedGraph::from_store(&graph, &Selection::default()).unwrap();
    let russia = projection.index("actor:russia").unwrap();
    assert_eq!(
        projection.iri(russia),
        "https://w3id.org/negkg/id/actor/russia"
    );
    assert_eq!(
        projection.index("https://w3id.org/negkg/id/actor/russia"),
        Some(russia)
    );
    assert!(matches!(
        projection.node(russia).kind,
        NodeKind::Actor(Some(negkg::ActorType::State))
    ));
    let positions = projection.edges_of(Layer::Position);
    let kherson = projection
        .index("https://w3id.org/negkg/id/place/kherson")
        .unwrap();
    let edge = positions
        .iter()
        .find(|(a, b, _)| *a == russia && *b == kherson)
        .expect("Russia → Kherson");
    assert_eq!(
        &*projection.graph()[edge.2].label,
        "demands withdrawal from"
    );
    // Every claim of the data is a node.
    let claims = projection
        .graph()
        .node_indices()
        .filter(|n| matches!(projection.node(*n).kind, NodeKind::Claim(_)))
        .count();
    let dataset = negkg::parse_dataset(&negkg::bundled_data_files()).unwrap();
    assert_eq!(claims, dataset.claims.len());
}

#[test]
fn analyses_neighbourhood_paths_components_and_centrality() {
    let graph = bundled();
    let projection = ProjectedGraph::from_store(&graph, &Selection::default()).unwrap();
    let russia = projection.index("actor:russia").unwrap();
    let vatican = projection.index("actor:vatican").unwrap();
    let near: Vec<&str> = projection
        .neighbourhood(russia, 1)
        .into_iter()
        .map(|n| projection.iri(n))
        .collect();
    assert!(near.contains(&"https://w3id.org/negkg/id/place/kherson"));
    assert!(near.contains(
        &"https://w3id.org/negkg/id/claim/russia-demands-withdrawal-kherson-zaporizhzhia"
    ));
    assert!(!near.contains(&"https://w3id.org/negkg/id/actor/vatican"));
    // Russia and the Vatican are linked through claims; the bound is respected.
    let paths = projection.paths(russia, vatican, 4, 10);
    assert!(!paths.is_empty());
    for path in &paths {
        assert!(path.len() <= 5);
        assert_eq!(path.first(), Some(&russia));
        assert_eq!(path.last(), Some(&vatican));
    }
    assert!(projection.paths(russia, vatican, 1, 10).is_empty());
    let components = projection.components();
    assert_eq!(
        components.iter().map(Vec::len).sum::<usize>(),
        projection.node_count()
    );
    assert!(components[0].contains(&russia));
    let ranks = projection.pagerank(0.85, 30);
    let total: f64 = ranks.iter().map(|(_, r)| r).sum();
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    let degrees = projection.degrees();
    let (_, _, out) = degrees.iter().find(|(n, _, _)| *n == russia).unwrap();
    assert!(*out >= 3);
    // The most central actors are the two parties.
    let top: Vec<&str> = projection
        .actor_centrality()
        .iter()
        .take(4)
        .map(|(n, _, _)| projection.iri(*n))
        .collect();
    assert!(
        top.contains(&"https://w3id.org/negkg/id/actor/ukraine"),
        "{top:?}"
    );
    assert!(
        top.contains(&"https://w3id.org/negkg/id/actor/russia"),
        "{top:?}"
    );
}

#[test]
fn sparql_updates_show_up_in_the_projection() {
    let graph = bundled();
    let edges_of = |projection: &ProjectedGraph, actor: &str| {
        projection.index(actor).map(|node| {
            projection
                .edges_of(Layer::Position)
                .iter()
                .filter(|(a, _, _)| *a == node)
                .count()
        })
    };
    let before = ProjectedGraph::from_store(&graph, &Selection::default()).unwrap();
    assert_eq!(edges_of(&before, "actor:test-mediator"), None);
    let turkey = edges_of(&before, "actor:turkey").expect("Turkey is projected");
    graph
        .store()
        .update(
            "PREFIX neg: <https://w3id.org/negkg/ontology#>
             INSERT DATA { GRAPH <https://example.org/update> {
               <https://w3id.org/negkg/id/actor/test-mediator> neg:offersToHost <https://w3id.org/negkg/id/event/istanbul-talks-2025-05-16> } }",
        )
        .unwrap();
    let after = ProjectedGraph::from_store(&graph, &Selection::default()).unwrap();
    // The new edge is there; the edges that were there before stay as they were.
    assert_eq!(edges_of(&after, "actor:test-mediator"), Some(1));
    assert_eq!(edges_of(&after, "actor:turkey"), Some(turkey));
}

fn count(graph: &KnowledgeGraph, sparql: &str) -> String {
    let negkg::oxigraph::sparql::QueryResults::Solutions(mut solutions) =
        graph.query(&SparqlQuery::new(sparql)).unwrap()
    else {
        panic!()
    };
    negkg::compact_term(solutions.next().unwrap().unwrap().get("n").unwrap())
}

#[test]
fn rdf_export_round_trips_in_every_format() {
    let graph = bundled();
    let distinct_triples = count(
        &graph,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }",
    );
    let quads = graph.len().unwrap();
    let demands = ok(&["query", "--name", "demands", "--format", "csv"]);
    for (name, format, keeps_graphs) in [
        ("nq", negkg::oxigraph::io::RdfFormat::NQuads, true),
        ("trig", negkg::oxigraph::io::RdfFormat::TriG, true),
        (
            "jsonld",
            negkg::oxigraph::io::RdfFormat::JsonLd {
                profile: Default::default(),
            },
            true,
        ),
        ("ttl", negkg::oxigraph::io::RdfFormat::Turtle, false),
        ("nt", negkg::oxigraph::io::RdfFormat::NTriples, false),
        ("rdfxml", negkg::oxigraph::io::RdfFormat::RdfXml, false),
    ] {
        let mut bytes = Vec::new();
        export::write_store(&graph, format, &mut bytes).unwrap();
        let fresh = KnowledgeGraph::in_memory().unwrap();
        let mut input = Input::new().without_ontology();
        input.add_rdf(negkg::RdfFile {
            name: format!("export.{name}"),
            format,
            bytes: bytes.clone(),
        });
        fresh.load(&input).unwrap();
        if keeps_graphs {
            assert_eq!(fresh.len().unwrap(), quads, "{name}");
        } else {
            assert_eq!(fresh.len().unwrap().to_string(), distinct_triples, "{name}");
        }
        let text = String::from_utf8(bytes).unwrap();
        if matches!(name, "ttl" | "trig") {
            assert!(
                text.contains("@prefix neg: <https://w3id.org/negkg/ontology#>"),
                "{name}"
            );
        }
        if keeps_graphs {
            // The same named query gives the same answers on the reloaded data.
            let dir = std::env::temp_dir().join(format!("negkg-rt-{}-{name}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("export.{name}"));
            std::fs::write(&file, &text).unwrap();
            let again = ok(&[
                "query",
                "--name",
                "demands",
                "--format",
                "csv",
                "--no-bundled",
                "--data",
                file.to_str().unwrap(),
            ]);
            let sorted = |text: &str| {
                let mut lines: Vec<&str> = text.lines().collect();
                lines.sort_unstable();
                lines.join("\n")
            };
            assert_eq!(sorted(&demands), sorted(&again), "{name}");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

#[test]
fn export_command_writes_rdf_and_refuses_dot_filters_for_it() {
    let ttl = ok(&["export", "--format", "ttl"]);
    assert!(ttl.contains("@prefix actor:"));
    let construct = ok(&[
        "export",
        "--format",
        "nt",
        "--query",
        "CONSTRUCT { ?a neg:demandsWithdrawalFrom ?p } WHERE { GRAPH source:ft-2025-05-19-trump-leaves-ceasefire-talks { ?a neg:demandsWithdrawalFrom ?p } }",
    ]);
    assert_eq!(construct.lines().count(), 2, "{construct}");
    let out = negkg(&["export", "--format", "ttl", "--actor", "russia"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("CONSTRUCT"), "{}", out.stderr);
    let not_construct = negkg_with_stdin(&["export", "--query", "SELECT * WHERE { ?s ?p ?o }"], "");
    assert_ne!(not_construct.code, 0);
}
