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
           ?n a neg:Negotiation ; rdfs:label ?label ; neg:party ?party }
           FILTER(?n = negotiation:russia-ukraine) } ORDER BY ?party",
    );
    assert_eq!(
        found,
        [
            ["negotiation:russia-ukraine", "actor:russia"],
            ["negotiation:russia-ukraine", "actor:ukraine"]
        ]
    );
}

#[test]
fn each_bundled_negotiation_has_its_positions_with_their_quotes() {
    let graph = KnowledgeGraph::bundled().unwrap();
    // One representative position of each negotiation: who, what kind, about what, the quote
    // that says it, the source that reports it, and the negotiation it belongs to.
    for (negotiation, claim, kind, holder, action, quote) in [
        ("russia-ukraine", "russia-advances-should-push-kyiv-to-negotiate-2026-03-09", "Demand",
         "russia", "peace-agreement",
         "noted that Russian gains should prompt Kyiv’s negotiators to move towards a settlement"),
        ("gaza", "2026-01-14-washington-will-push-ahead-wi-united-states-demand-2", "Demand",
         "united-states", "return-hostages",
         "The US expects Hamas to comply fully with its obligations, including the immediate return"),
        ("us-iran", "us-demands-dismantle-three-sites-2026-02-26", "Demand", "united-states",
         "dismantlement", "U.S. negotiators were expected to insist that Iran dismantle its three main nuclear sites"),
        ("drc-m23", "m23-will-not-leave-any-liberated-territory-2026-01-26", "Rejection", "m23",
         "withdrawal", "« L’AFC/M23 ne quittera aucune entité des territoires libérés."),
        ("armenia-azerbaijan", "azerbaijan-demands-armenia-amend-constitution-2026-02", "Demand",
         "azerbaijan", "political-reform", "Aliyev continues to insist that Armenia amend its Constitution."),
        ("us-venezuela", "us-conditions-rodriguez-on-oil-access-and-less-repression-2026-02", "Demand",
         "united-states", "oil-access",
         "on the condition she complies with his demands on access to Venezuela’s vast oil resources"),
    ] {
        let found = rows(
            &graph,
            &format!(
                "SELECT ?quote ?source WHERE {{ GRAPH ?source {{
                   claim:{claim} a neg:{kind} ; neg:holder actor:{holder} ; neg:action action:{action} ;
                     neg:negotiation negotiation:{negotiation} ; neg:evidence/neg:quote ?quote }}
                   ?source a neg:Source }}"
            ),
        );
        assert!(
            found.iter().any(|r| r[0].contains(quote) && r[1].starts_with("source:")),
            "{negotiation}: {claim} with its quote, found {found:?}"
        );
    }
}

#[test]
fn every_bundled_claim_carries_its_negotiations_in_its_sources_graph() {
    let graph = KnowledgeGraph::bundled().unwrap();
    let dataset = negkg::parse_dataset(&negkg::bundled_data_files()).unwrap();
    let lookup = negkg::NegotiationLookup::new(&dataset);
    // Each claim's neg:negotiation, in the graph of the source it was derived from, is the one
    // the data files give it: its own, else its source's, else its events'.
    let mut expected: Vec<Vec<String>> = dataset
        .claims
        .iter()
        .flat_map(|c| {
            lookup.of(c).into_iter().map(move |n| {
                vec![
                    format!("claim:{}", c.id),
                    format!("negotiation:{n}"),
                    format!("source:{}", c.source),
                ]
            })
        })
        .collect();
    expected.sort();
    let mut found = rows(
        &graph,
        "SELECT ?c ?n ?g WHERE { GRAPH ?g { ?c neg:holder ?h ; neg:negotiation ?n ;
           prov:wasDerivedFrom ?g } }",
    );
    found.sort();
    assert_eq!(found, expected);
    // The bundled data leaves no claim out of a negotiation, and every source names one.
    assert_eq!(
        dataset
            .claims
            .iter()
            .filter(|c| lookup.of(c).is_empty())
            .count(),
        0
    );
    assert!(dataset.sources.iter().all(|s| !s.negotiations.is_empty()));
    let sources = rows(
        &graph,
        "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?s { ?s a neg:Source ; neg:negotiation ?x } }",
    );
    assert_eq!(sources[0][0], dataset.sources.len().to_string());
    // Events name theirs in the reference graph.
    let events = rows(
        &graph,
        "SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <https://w3id.org/negkg/graph/reference> {
           ?e a neg:Event ; neg:negotiation negotiation:russia-ukraine } }",
    );
    let expected = dataset
        .events
        .iter()
        .filter(|e| e.negotiations.iter().any(|n| n == "russia-ukraine"))
        .count();
    assert_eq!(events[0][0], expected.to_string());
    assert!(expected >= 15);
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

/// The bundled data with a second, made-up negotiation and a source that names none.
/// `negkg ARGS --data DIR --negotiation NEGOTIATION`, which must succeed: its standard output.
fn in_negotiation(dir: &str, negotiation: &str, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--data", dir, "--negotiation", negotiation]);
    ok(&all)
}

fn fixtures() -> String {
    crate::util::fixture("negotiations")
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn stats_per_negotiation_agree_with_the_data_files() {
    let dir = fixtures();
    let mut files = negkg::bundled_data_files();
    for name in ["north-south.toml", "unassigned.toml"] {
        let path = crate::util::fixture("negotiations").join(name);
        files.push(negkg::DataFile::new(
            name,
            std::fs::read_to_string(path).unwrap(),
        ));
    }
    let dataset = negkg::parse_dataset(&files).unwrap();
    let lookup = negkg::NegotiationLookup::new(&dataset);
    let json = ok(&[
        "stats",
        "--per-negotiation",
        "--data",
        &dir,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows: Vec<std::collections::HashMap<String, String>> = json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_owned()))
                .collect()
        })
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r["negotiation"].as_str()).collect();
    let mut negotiations: Vec<&str> = dataset.negotiations.iter().map(|n| n.id.as_str()).collect();
    negotiations.sort_unstable();
    negotiations.push("(none)");
    assert_eq!(ids, negotiations);
    assert!(ids.contains(&"test-north-south") && ids.contains(&"russia-ukraine"));
    for row in &rows {
        let id = row["negotiation"].as_str();
        let claims: Vec<&negkg::Claim> = dataset
            .claims
            .iter()
            .filter(|c| {
                let of = lookup.of(c);
                if id == "(none)" {
                    of.is_empty()
                } else {
                    of.contains(&id)
                }
            })
            .collect();
        let value = |name: &str| row[name].clone();
        assert_eq!(value("claims"), claims.len().to_string(), "{id}");
        for kind in negkg::ClaimKind::ALL {
            let n = claims.iter().filter(|c| c.kind == *kind).count();
            assert_eq!(value(kind.as_str()), n.to_string(), "{id} {kind}");
        }
        let holders: std::collections::BTreeSet<_> = claims.iter().map(|c| &c.holder).collect();
        assert_eq!(value("actors"), holders.len().to_string(), "{id}");
        // The day stated, else the day it was stated by.
        let day = |c: &&negkg::Claim| c.stated_on.or(c.stated_before);
        let first = claims.iter().filter_map(day).min().unwrap();
        let last = claims.iter().filter_map(day).max().unwrap();
        assert_eq!(value("first"), first.to_string(), "{id}");
        assert_eq!(value("last"), last.to_string(), "{id}");
    }
    // Sources and events: those that name the negotiation, or hold or are named by its claims.
    for row in &rows {
        let id = row["negotiation"].as_str();
        let claims: Vec<&negkg::Claim> = dataset
            .claims
            .iter()
            .filter(|c| {
                let of = lookup.of(c);
                (id == "(none)" && of.is_empty()) || of.contains(&id)
            })
            .collect();
        let mut sources: std::collections::BTreeSet<&str> =
            claims.iter().map(|c| c.source.as_str()).collect();
        let mut events: std::collections::BTreeSet<&str> = claims
            .iter()
            .flat_map(|c| c.events.iter().map(String::as_str))
            .collect();
        if id != "(none)" {
            sources.extend(
                dataset
                    .sources
                    .iter()
                    .filter(|s| s.negotiations.iter().any(|n| n == id))
                    .map(|s| s.id.as_str()),
            );
            events.extend(
                dataset
                    .events
                    .iter()
                    .filter(|e| e.negotiations.iter().any(|n| n == id))
                    .map(|e| e.id.as_str()),
            );
        }
        assert_eq!(row["sources"], sources.len().to_string(), "{id}");
        assert_eq!(row["events"], events.len().to_string(), "{id}");
    }
    let north_south = rows
        .iter()
        .find(|r| r["negotiation"] == "test-north-south")
        .unwrap();
    assert_eq!(
        north_south["name"],
        "North–South ceasefire negotiations (test)"
    );
    assert_eq!(
        ["sources", "claims", "events"].map(|k| north_south[k].as_str()),
        ["2", "5", "1"]
    );
    // The table shows the same after the counts of everything.
    let table = ok(&["stats", "--data", &dir]);
    assert!(table.contains("Per negotiation"), "{table}");
    assert!(
        table.contains("North–South ceasefire negotiations (test)"),
        "{table}"
    );
    assert!(table.contains("negotiations ┆ all"), "{table}");
}

/// The claims of a CSV answer: the id of the first claim IRI on each row (each row names one
/// claim, or a pair with the first in front).
fn claims_in(csv: &str) -> std::collections::BTreeSet<String> {
    csv.lines()
        .skip(1)
        .filter_map(|l| {
            l.split(',')
                .find_map(|cell| cell.strip_prefix("https://w3id.org/negkg/id/claim/"))
                .map(str::to_owned)
        })
        .collect()
}

const NORTH_SOUTH: [&str; 5] = [
    "test-north-agrees-prisoner-exchange",
    "test-north-demands-ceasefire",
    "test-north-proposes-ceasefire-at-talks",
    "test-south-agrees-prisoner-exchange",
    "test-south-rejects-ceasefire",
];

#[test]
fn the_timeline_of_a_negotiation_holds_its_claims_however_they_got_it() {
    let dir = fixtures();
    let csv = in_negotiation(&dir, "test-north-south", &["timeline", "--format", "csv"]);
    // Four from the source's negotiation, one from its event; not the claim that overrides
    // the source's, nor the one in no negotiation.
    assert_eq!(claims_in(&csv), NORTH_SOUTH.map(String::from).into());
    let russia = ok(&[
        "timeline",
        "--data",
        &dir,
        "--negotiation",
        "negotiation:russia-ukraine",
        "--actor",
        "russia",
        "--format",
        "csv",
    ]);
    assert!(
        russia.contains("test-russia-demands-ceasefire-terms"),
        "{russia}"
    );
    let svg = in_negotiation(&dir, "test-north-south", &["timeline", "--format", "svg"]);
    assert!(svg.starts_with("<svg") || svg.contains("<svg"), "{svg}");
    assert!(
        svg.contains("North (test)") && !svg.contains(">Russia<"),
        "{svg}"
    );
    assert!(
        svg.contains("(test-north-south)"),
        "the title names the negotiation"
    );
}

#[test]
fn a_position_superseded_from_outside_the_negotiation_still_stands_in_it() {
    let dir = fixtures();
    // South's rejection is superseded by a comment in no negotiation: in the whole graph the
    // conflict is gone, within the North–South negotiation it stands.
    let all = ok(&["conflicts", "--data", &dir, "--format", "csv"]);
    assert!(!all.contains("test-south-rejects-ceasefire"), "{all}");
    let within = in_negotiation(&dir, "test-north-south", &["conflicts", "--format", "csv"]);
    assert_eq!(within.lines().count(), 2, "{within}");
    assert!(within.contains("test-south-rejects-ceasefire"), "{within}");
    let positions = in_negotiation(
        &dir,
        "test-north-south",
        &["positions", "--list", "--format", "csv"],
    );
    assert!(
        positions.contains("test-south-rejects-ceasefire"),
        "{positions}"
    );
    assert!(!positions.contains("actor/russia"), "{positions}");
    let pairs = in_negotiation(
        &dir,
        "test-north-south",
        &["conflicts", "--pairs", "--format", "csv"],
    );
    assert_eq!(pairs.lines().count(), 2, "{pairs}");
    let common = in_negotiation(
        &dir,
        "test-north-south",
        &["common-ground", "--format", "csv"],
    );
    assert_eq!(common.lines().count(), 2, "{common}");
    assert!(common.contains("prisoner-exchange"), "{common}");
    // Russia–Ukraine alone has none of the made-up parties.
    let russia_ukraine = in_negotiation(
        &dir,
        "russia-ukraine",
        &["common-ground", "--limit", "0", "--format", "csv"],
    );
    assert!(!russia_ukraine.contains("test-"), "{russia_ukraine}");
}

#[test]
fn accounts_and_the_claims_of_a_source_keep_to_the_negotiation() {
    let dir = fixtures();
    let accounts = ok(&[
        "accounts",
        "test-north-south-talks-2025-06-05",
        "--data",
        &dir,
        "--negotiation",
        "test-north-south",
        "--format",
        "csv",
    ]);
    assert!(
        accounts.contains("test-north-proposes-ceasefire-at-talks"),
        "{accounts}"
    );
    let none = negkg(&[
        "accounts",
        "test-north-south-talks-2025-06-05",
        "--data",
        &dir,
        "--negotiation",
        "russia-ukraine",
    ]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(
        none.stderr.contains("among the claims of the negotiation"),
        "{}",
        none.stderr
    );
    for index in [&[][..], &["--no-index"][..]] {
        let mut args = vec![
            "query",
            "--data",
            &dir,
            "--name",
            "claims-of-source",
            "--bind",
            "source=source:test-2025-06-04-north-south",
            "--bind",
            "negotiation=negotiation:test-north-south",
            "--format",
            "csv",
        ];
        args.extend_from_slice(index);
        let csv = ok(&args);
        let claims = claims_in(&csv);
        assert_eq!(claims.len(), 4, "{csv}");
        assert!(
            !claims.contains("test-russia-demands-ceasefire-terms"),
            "{csv}"
        );
    }
}

#[test]
fn every_export_format_keeps_to_the_negotiation() {
    let dir = fixtures();
    let dot = in_negotiation(&dir, "test-north-south", &["export"]);
    assert!(
        dot.contains("\"actor:test-north\" -> \"action:ceasefire\""),
        "{dot}"
    );
    assert!(!dot.contains("\"actor:russia\""), "{dot}");
    let claims_view = in_negotiation(&dir, "russia-ukraine", &["export", "--view", "claims"]);
    assert!(claims_view.contains("test-russia-demands-ceasefire-terms"));
    assert!(!claims_view.contains("test-north-demands-ceasefire"));
    let nquads = in_negotiation(&dir, "test-north-south", &["export", "--format", "nq"]);
    assert!(nquads.contains("<https://w3id.org/negkg/id/claim/test-north-demands-ceasefire>"));
    assert!(
        !nquads.contains("<https://w3id.org/negkg/id/claim/test-russia-demands-ceasefire-terms>")
    );
    assert!(!nquads.contains("<https://w3id.org/negkg/id/claim/test-south-comments>"));
    // Of the bundled sources, none: they hold no claim of it. The reference data stays whole.
    assert!(!nquads.contains("source/ft-2025-05-19"));
    assert!(nquads.contains("<https://w3id.org/negkg/id/actor/putin>"));
    // The direct edge of a claim left out goes with it.
    assert!(!nquads.contains(
        "<https://w3id.org/negkg/id/actor/test-south> <https://w3id.org/negkg/ontology#states>"
    ));
    let turtle = in_negotiation(&dir, "test-north-south", &["export", "--format", "ttl"]);
    assert!(
        turtle.contains("test-north-demands-ceasefire") && !turtle.contains("test-south-comments")
    );
    let tables =
        std::env::temp_dir().join(format!("negkg-negotiation-tables-{}", std::process::id()));
    in_negotiation(
        &dir,
        "test-north-south",
        &[
            "export",
            "--format",
            "tables",
            "-o",
            tables.to_str().unwrap(),
        ],
    );
    let claims = std::fs::read_to_string(tables.join("claims.csv")).unwrap();
    std::fs::remove_dir_all(&tables).unwrap();
    assert_eq!(claims_in(&claims), NORTH_SOUTH.map(String::from).into());
}

#[test]
fn an_unknown_negotiation_is_an_error_with_the_nearest_id() {
    for command in [
        &["positions"][..],
        &["conflicts"][..],
        &["timeline"][..],
        &["accounts", "trump-putin-call-2025-05-19"][..],
        &["export"][..],
    ] {
        let mut args = command.to_vec();
        args.extend(["--negotiation", "rusia-ukraine"]);
        let out = negkg(&args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("no negotiation `rusia-ukraine`")
                && out.stderr.contains("did you mean `russia-ukraine`?"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}
