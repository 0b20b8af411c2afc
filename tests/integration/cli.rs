//! The `negkg` command line: queries from every origin, every output format, extra data,
//! clear errors with positions and exit codes, and help with examples.

use crate::util::{fixture, negkg, negkg_with_stdin, ok};

/// Russia's withdrawal demands in the seed article's account.
const WITHDRAWALS: &str = "SELECT DISTINCT ?place WHERE {
    GRAPH source:ft-2025-05-19-trump-leaves-ceasefire-talks { actor:russia neg:demandsWithdrawalFrom ?place }
} ORDER BY ?place";

#[test]
fn query_from_argument_prints_a_table() {
    let out = ok(&["query", WITHDRAWALS]);
    assert!(out.contains("place:kherson"), "{out}");
    assert!(out.contains("place:zaporizhzhia"), "{out}");
    assert!(out.contains("2 rows"), "{out}");
}

#[test]
fn query_from_file_and_from_stdin_give_the_same_answer() {
    let file = fixture("withdrawals.rq");
    let from_file = ok(&["query", "--file", file.to_str().unwrap(), "--format", "csv"]);
    let from_stdin = negkg_with_stdin(&["query", "--format", "csv"], WITHDRAWALS);
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.stderr);
    assert_eq!(from_file, from_stdin.stdout);
    assert_eq!(
        from_file.replace("\r\n", "\n"),
        "place\nhttps://w3id.org/negkg/id/place/kherson\nhttps://w3id.org/negkg/id/place/zaporizhzhia\n"
    );
}

#[test]
fn results_formats_are_the_w3c_ones() {
    let json = ok(&["query", WITHDRAWALS, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["head"]["vars"][0], "place");
    assert_eq!(
        value["results"]["bindings"][0]["place"]["value"],
        "https://w3id.org/negkg/id/place/kherson"
    );
    let xml = ok(&["query", WITHDRAWALS, "--format", "xml"]);
    assert!(xml.contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"));
    let tsv = ok(&["query", WITHDRAWALS, "--format", "tsv"]);
    assert!(
        tsv.starts_with("?place\n<https://w3id.org/negkg/id/place/kherson>"),
        "{tsv}"
    );
}

#[test]
fn ask_construct_and_describe_work() {
    assert_eq!(
        ok(&["query", "ASK { actor:vatican neg:offersToHost ?talks }"]).trim(),
        "true"
    );
    let json = ok(&[
        "query",
        "ASK { actor:vatican neg:demands ?x }",
        "--format",
        "json",
    ]);
    assert!(json.contains("\"boolean\":false"), "{json}");
    let turtle = ok(&[
        "query",
        "CONSTRUCT { ?a neg:demandsWithdrawalFrom ?p } WHERE { ?a neg:demandsWithdrawalFrom ?p }",
    ]);
    assert!(turtle.contains("@prefix neg:"), "{turtle}");
    assert!(turtle.contains("actor:russia"), "{turtle}");
    let ntriples = ok(&[
        "query",
        "CONSTRUCT { ?a neg:demandsWithdrawalFrom ?p } WHERE { GRAPH source:ft-2025-05-19-trump-leaves-ceasefire-talks { ?a neg:demandsWithdrawalFrom ?p } }",
        "--format",
        "nt",
    ]);
    assert_eq!(ntriples.lines().count(), 2, "{ntriples}");
    let describe = ok(&["query", "DESCRIBE actor:putin", "--format", "nt"]);
    assert!(describe.contains("\"Vladimir Putin\"@en"), "{describe}");
    let jsonld = ok(&["query", "DESCRIBE actor:putin", "--format", "jsonld"]);
    let _: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    let rdfxml = ok(&["query", "DESCRIBE actor:putin", "--format", "rdfxml"]);
    assert!(rdfxml.contains("rdf:RDF"), "{rdfxml}");
}

#[test]
fn a_format_that_does_not_fit_the_result_is_refused() {
    let out = negkg(&["query", WITHDRAWALS, "--format", "ttl"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("use --format table, csv"),
        "{}",
        out.stderr
    );
    let out = negkg(&["query", "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("--format ttl"), "{}", out.stderr);
}

#[test]
fn named_queries_are_listed_and_run() {
    let list = ok(&["queries"]);
    for name in [
        "demands",
        "offers",
        "conditional-positions",
        "claims-of-source",
        "accounts-of-event",
    ] {
        assert!(list.contains(name), "{name} missing from {list}");
    }
    let demands = ok(&["query", "--name", "demands", "--format", "csv"]);
    assert!(demands.contains("Kherson"), "{demands}");
    assert!(
        demands.contains("his negotiators demanded that Kyiv withdraw"),
        "{demands}"
    );
    let offers = ok(&["query", "--name", "offers", "--format", "csv"]);
    assert!(offers.contains("the Vatican"), "{offers}");
    let conditional = ok(&[
        "query",
        "--name",
        "conditional-positions",
        "--format",
        "csv",
    ]);
    assert!(conditional.contains("if certain agreements are reached"));
    assert!(conditional.contains("should Ukraine refuse"));
    let text = ok(&["queries", "demands"]);
    assert!(text.contains("SELECT"));
}

#[test]
fn named_query_parameters_are_bound() {
    let accounts = ok(&[
        "query",
        "--name",
        "accounts-of-event",
        "--bind",
        "event=event:trump-putin-call-2025-05-19",
        "--format",
        "csv",
    ]);
    assert!(accounts.contains("Donald Trump"), "{accounts}");
    assert!(accounts.contains("Vladimir Putin"), "{accounts}");
    assert!(!accounts.contains("istanbul"), "{accounts}");
    let extra = fixture("extra-source.toml");
    let one_source = ok(&[
        "query",
        "--name",
        "claims-of-source",
        "--data",
        extra.to_str().unwrap(),
        "--bind",
        "source=source:test-2025-05-20-extra",
        "--format",
        "csv",
    ]);
    let rows = one_source.lines().count() - 1;
    assert_eq!(rows, 1, "{one_source}");
    assert!(one_source.contains("test-ukraine-rejects-withdrawal"));
}

#[test]
fn extra_data_files_and_rdf_load_beside_the_bundled_data() {
    let extra = fixture("extra-source.toml");
    let ttl = fixture("extra.ttl");
    let out = ok(&[
        "query",
        "SELECT ?x WHERE { { ?x neg:respondsTo claim:russia-demands-withdrawal-kherson-zaporizhzhia } UNION { ?x <http://example.org/text> \"loaded from Turtle\" } } ORDER BY ?x",
        "--data",
        extra.to_str().unwrap(),
        "--data",
        ttl.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(out.contains("test-ukraine-rejects-withdrawal"), "{out}");
    assert!(out.contains("http://example.org/note1"), "{out}");
}

#[test]
fn no_bundled_leaves_the_dataset_out_but_keeps_the_ontology() {
    let out = ok(&[
        "query",
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c neg:holder ?h }",
        "--no-bundled",
        "--format",
        "csv",
    ]);
    assert_eq!(out.lines().nth(1), Some("0"), "{out}");
    assert_eq!(
        ok(&[
            "query",
            "ASK { neg:Demand rdfs:subClassOf neg:Claim }",
            "--no-bundled"
        ])
        .trim(),
        "true"
    );
}

#[test]
fn stats_count_what_is_there() {
    // The counts agree with the dataset read straight from the data files.
    let dataset = negkg::parse_dataset(&negkg::bundled_data_files()).unwrap();
    let out = ok(&["stats", "--format", "csv"]);
    let count = |category: &str, item: &str| -> usize {
        out.lines()
            .find(|l| l.starts_with(&format!("{category},{item},")))
            .and_then(|l| l.rsplit(',').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {category},{item} in {out}"))
    };
    assert_eq!(count("claims", "all"), dataset.claims.len());
    for kind in negkg::ClaimKind::ALL {
        let expected = dataset.claims.iter().filter(|c| c.kind == *kind).count();
        if expected > 0 {
            assert_eq!(count("claims", kind.as_str()), expected, "{kind}");
        }
    }
    assert_eq!(count("sources", "all"), dataset.sources.len());
    assert_eq!(count("events", "all"), dataset.events.len());
    assert_eq!(count("actors", "all"), dataset.actors.len());
    assert_eq!(
        count("evidence", "all"),
        dataset
            .claims
            .iter()
            .map(|c| c.evidence.len())
            .sum::<usize>()
    );
    assert!(count("quads", "all") > 1000);
    let table = ok(&["stats"]);
    assert!(
        table.contains("claims") && table.contains("threat"),
        "{table}"
    );
}

#[test]
fn malformed_toml_names_file_line_and_column_and_loads_nothing() {
    let bad = fixture("bad-syntax.toml");
    let out = negkg(&["query", "ASK {}", "--data", bad.to_str().unwrap()]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    assert!(out.stderr.contains("bad-syntax.toml:7:9"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was loaded"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn unknown_actor_is_reported_with_a_suggestion() {
    let bad = fixture("unknown-actor.toml");
    let out = negkg(&["stats", "--data", bad.to_str().unwrap()]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    assert!(
        out.stderr.contains("unknown-actor.toml:10:10"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("unknown actor `rusia`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `russia`"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_rdf_names_file_line_and_column() {
    let bad = fixture("bad.ttl");
    let out = negkg(&["stats", "--data", bad.to_str().unwrap()]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    assert!(out.stderr.contains("bad.ttl:3:"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_sparql_names_the_position() {
    let out = negkg(&["query", "SELECT ?x WHERE { ?x neg:holder }"]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    assert!(out.stderr.contains("does not parse"), "{}", out.stderr);
    assert!(out.stderr.contains("1:"), "{}", out.stderr);
    let out = negkg_with_stdin(&["query"], "SELECT ?x\nWHERE {\n  ?x ?y\n}");
    assert_eq!(out.code, 65);
    assert!(out.stderr.contains("at 4:"), "{}", out.stderr);
}

#[test]
fn missing_files_and_unknown_names_fail_clearly() {
    let out = negkg(&["query", "ASK {}", "--data", "/nonexistent/negkg-data"]);
    assert_eq!(out.code, 66, "{}", out.stderr);
    assert!(out.stderr.contains("/nonexistent/negkg-data"));
    // The system's reason is given once, not repeated from the error's cause.
    assert_eq!(
        out.stderr.matches("(os error 2)").count(),
        1,
        "{}",
        out.stderr
    );
    let out = negkg(&["query", "--name", "demand"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("did you mean `demands`"),
        "{}",
        out.stderr
    );
    let out = negkg(&["query", "--name", "demands", "--bind", "x=bare"]);
    assert_eq!(out.code, 65, "{}", out.stderr);
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for command in ["query", "queries", "stats", "load"] {
        let help = ok(&[command, "--help"]);
        assert!(help.contains("Examples:"), "{command}: {help}");
        assert!(
            help.contains(&format!("negkg {command}")),
            "{command}: {help}"
        );
    }
    let top = ok(&["--help"]);
    assert!(top.contains("Exit codes"), "{top}");
}

#[cfg(not(feature = "rocksdb"))]
#[test]
fn the_on_disk_store_needs_the_feature() {
    let dir = std::env::temp_dir().join("negkg-no-feature");
    let out = negkg(&["load", "--store", dir.to_str().unwrap()]);
    assert_eq!(out.code, 69, "{}", out.stderr);
    assert!(out.stderr.contains("--features rocksdb"), "{}", out.stderr);
    assert!(!dir.exists());
}

#[test]
fn generated_data_files_and_n_quads_hold_the_same_graph() {
    let dir = std::env::temp_dir().join(format!("negkg-generate-{}", std::process::id()));
    let out = negkg(&[
        "generate",
        "--claims",
        "1500",
        "--seed",
        "7",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("generated 1500 claims"),
        "{}",
        out.stderr
    );
    let from_toml = ok(&[
        "stats",
        "--no-bundled",
        "--data",
        dir.join("data").to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let from_nq = ok(&[
        "stats",
        "--no-bundled",
        "--data",
        dir.join("negkg.nq").to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(from_toml, from_nq);
    assert!(from_toml.contains("claims,all,1500"), "{from_toml}");
    // The same seed gives the same data.
    let again = dir.join("again");
    ok(&[
        "generate",
        "--claims",
        "1500",
        "--seed",
        "7",
        "--out",
        again.to_str().unwrap(),
        "--format",
        "nq",
    ]);
    assert_eq!(
        std::fs::read(dir.join("negkg.nq")).unwrap(),
        std::fs::read(again.join("negkg.nq")).unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generate_draws_a_cast_per_negotiation_when_asked() {
    let dir = std::env::temp_dir().join(format!("negkg-generate-cast-{}", std::process::id()));
    let generate = |cast: &str| {
        let out = dir.join(cast);
        ok(&[
            "generate",
            "--claims",
            "4000",
            "--cast",
            cast,
            "--out",
            out.to_str().unwrap(),
            "--format",
            "nq",
        ]);
        out.join("negkg.nq")
    };
    let (shared, own) = (generate("shared"), generate("per-negotiation"));
    let stats = |nq: &std::path::Path| {
        ok(&[
            "stats",
            "--no-bundled",
            "--data",
            nq.to_str().unwrap(),
            "--per-negotiation",
            "--format",
            "csv",
        ])
    };
    let (shared_stats, own_stats) = (stats(&shared), stats(&own));
    assert_ne!(shared_stats, own_stats);
    // Both hold two negotiations with claims in each.
    for table in [&shared_stats, &own_stats] {
        let rows: Vec<&str> = table
            .lines()
            .filter(|l| l.starts_with("negotiation-"))
            .collect();
        assert_eq!(rows.len(), 2, "{table}");
    }
    // The persons of negotiation k are those numbered k modulo 2 here. In a negotiation's own
    // cast, a person addresses only persons of the same negotiation; in the shared cast, any.
    let mixed = |nq: &std::path::Path| {
        let query = "SELECT (COUNT(*) AS ?n) WHERE { ?c neg:holder ?h ; neg:addressee ?a . \
            FILTER(CONTAINS(STR(?h), \"person-\") && CONTAINS(STR(?a), \"person-\")) \
            BIND(xsd:integer(STRAFTER(STR(?h), \"person-\")) AS ?i) \
            BIND(xsd:integer(STRAFTER(STR(?a), \"person-\")) AS ?j) \
            FILTER(?i - 2 * FLOOR(?i / 2) != ?j - 2 * FLOOR(?j / 2)) }";
        let text = ok(&[
            "query",
            query,
            "--no-bundled",
            "--data",
            nq.to_str().unwrap(),
            "--format",
            "csv",
        ]);
        text.lines().nth(1).unwrap().parse::<usize>().unwrap()
    };
    assert_eq!(mixed(&own), 0);
    assert!(mixed(&shared) > 100, "{}", mixed(&shared));
    let bad = negkg(&[
        "generate", "--claims", "10", "--cast", "mixed", "--out", "x",
    ]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("per-negotiation"), "{}", bad.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn repeat_prints_latencies_and_answers_once() {
    let out = negkg(&["query", WITHDRAWALS, "--repeat", "5", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Two withdrawals (Kherson and Zaporizhzhia): each run reads both answers.
    assert!(
        out.stderr
            .contains("5 runs, evaluating and reading all 2 answers: min"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("p50 "), "{}", out.stderr);
    assert!(out.stderr.contains("written out: "), "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 3, "{}", out.stdout);
    // One timed run is a run too; zero is refused.
    let once = negkg(&["query", WITHDRAWALS, "--repeat", "1", "--format", "csv"]);
    assert!(
        once.stderr
            .contains("1 run, evaluating and reading all 2 answers: min"),
        "{}",
        once.stderr
    );
    let none = negkg(&["query", WITHDRAWALS, "--repeat", "0"]);
    assert_eq!(none.code, 2, "{}", none.stderr);
}

#[test]
fn hostile_queries_are_contained() {
    // A query that would never end is cancelled at --timeout, with exit code 124.
    let started = std::time::Instant::now();
    let out = negkg(&[
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "--timeout",
        "1",
    ]);
    assert_eq!(out.code, 124, "{}", out.stderr);
    assert!(out.stderr.contains("cancelled after 1 s"), "{}", out.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // A query that would take gigabytes (ORDER BY over a three-way cartesian product collects
    // its solutions, and the engine checks for cancellation only between millions of them) is
    // stopped at --max-memory.
    let started = std::time::Instant::now();
    let out = negkg(&[
        "query",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g",
        "--max-memory",
        "150",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("more than 150 MB of memory (--max-memory)"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    // A result past --max-rows is refused, and nothing is written.
    let out = negkg(&["query", "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "10"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("more than 10 rows"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let small = ok(&[
        "query",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
        "--max-rows",
        "10",
        "--format",
        "csv",
    ]);
    assert_eq!(small.lines().count(), 4);
    // SERVICE calls to other endpoints are refused.
    let out = negkg(&[
        "query",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("SERVICE federation is off"),
        "{}",
        out.stderr
    );
}

#[test]
fn validate_checks_the_shapes_and_names_node_and_rule() {
    let out = negkg(&["validate"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("conforms"), "{}", out.stderr);
    let broken = fixture("violations.ttl");
    let out = negkg(&["validate", broken.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("4 violations"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    for expected in [
        "claim:test-broken: neg:holder sh:maxCount 1 — a claim has exactly one holder",
        "claim:test-broken: neg:evidence sh:minCount 1 — a claim has at least one piece of evidence",
        "claim:test-broken: neg:statedOn sh:datatype xsd:date",
        "claim:test-broken: neg:conditionalOn sh:class neg:Claim — neg:conditionalOn points to a claim (value: actor:russia)",
    ] {
        assert!(out.stdout.contains(expected), "missing {expected:?} in {}", out.stdout);
    }
}

#[test]
fn the_claims_export_as_csv_tables_for_a_columnar_engine() {
    let dir = crate::util::Scratch::new("tables");
    let out = crate::util::negkg(&["export", "--format", "tables", "-o", dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for (table, columns) in negkg::analysis::TABLES {
        let text = std::fs::read_to_string(dir.join(format!("{table}.csv"))).unwrap();
        assert_eq!(text.lines().next().unwrap(), columns.join(","), "{table}");
    }
    let claims = std::fs::read_to_string(dir.join("claims.csv")).unwrap();
    let bundled = negkg::parse_dataset(&negkg::bundled_data_files())
        .unwrap()
        .claims
        .len();
    assert!(bundled > 99);
    assert_eq!(
        claims.lines().count() - 1,
        bundled,
        "one row per bundled claim"
    );
    assert!(claims.lines().any(|l| l.starts_with(
        "https://w3id.org/negkg/id/claim/vatican-offers-to-host-talks,https://w3id.org/negkg/id/source/"
    ) && l.contains(",offer,https://w3id.org/negkg/id/actor/vatican,")));
    let evidence = std::fs::read_to_string(dir.join("evidence.csv")).unwrap();
    assert!(evidence.contains("the Vatican would be “very interested” in hosting the talks"));
    let missing = crate::util::negkg(&["export", "--format", "tables"]);
    assert_ne!(missing.code, 0);
    assert!(missing.stderr.contains("-o DIR"), "{}", missing.stderr);
}

/// The README's examples that show what a command prints, on the bundled data, run as written:
/// each shown line is a line of the output, in order (table borders may be left out; a line
/// ending in "…" is the start of one). Examples that need files of the reader's own (extract,
/// review, `--data FILE`) are left out. `| cut -d, -fLIST` is done here as cut does it.
#[test]
fn the_readmes_example_outputs_are_what_the_commands_print() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut checked = 0;
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(first) = line.strip_prefix("$ negkg ") else {
            continue;
        };
        let mut command = first.to_owned();
        while command.ends_with('\\') {
            command.pop();
            command.push_str(lines.next().unwrap_or_default().trim());
            command.push(' ');
        }
        let mut shown = Vec::new();
        while let Some(next) = lines.peek() {
            if next.starts_with("```") || next.starts_with("$ ") {
                break;
            }
            shown.push(lines.next().unwrap().to_owned());
        }
        let (command, cut) = match command.split_once(" | cut -d, -f") {
            Some((command, fields)) => (command.to_owned(), Some(fields.trim().to_owned())),
            None => (command, None),
        };
        let args: Vec<&str> = command.split_whitespace().collect();
        let own_files = args
            .iter()
            .any(|a| a.ends_with(".toml") || a.ends_with(".txt") || a.ends_with(".rq"));
        if shown.is_empty() || own_files || matches!(args[0], "extract" | "review") {
            continue;
        }
        let out = negkg(&args);
        let mut printed: Vec<String> = out
            .stdout
            .lines()
            .chain(out.stderr.lines())
            .map(|l| l.trim_end().to_owned())
            .collect();
        if let Some(fields) = &cut {
            printed = printed.iter().map(|l| cut_fields(l, fields)).collect();
        }
        let mut at = 0;
        for want in &shown {
            let want = want.trim_end();
            let start = want.strip_suffix('…').map(str::trim_end);
            let found = printed[at..].iter().position(|got| match start {
                Some(start) => got.starts_with(start),
                None => got == want,
            });
            match found {
                Some(offset) => at += offset + 1,
                None => panic!(
                    "the README shows `negkg {command}` printing\n{want}\nbut it prints\n{}",
                    printed.join("\n")
                ),
            }
        }
        checked += 1;
    }
    assert!(
        checked >= 3,
        "only {checked} README examples were found to check"
    );
}

/// `cut -d, -f1,3,14-17` of one line.
fn cut_fields(line: &str, list: &str) -> String {
    let fields: Vec<&str> = line.split(',').collect();
    let mut kept = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        let number = index + 1;
        let wanted = list.split(',').any(|part| match part.split_once('-') {
            Some((from, to)) => {
                let from = from.parse().unwrap_or(1);
                let to = to.parse().unwrap_or(usize::MAX);
                (from..=to).contains(&number)
            }
            None => part.parse() == Ok(number),
        });
        if wanted {
            kept.push(*field);
        }
    }
    kept.join(",")
}
