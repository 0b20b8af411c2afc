//! The on-disk store (built with `--features rocksdb`): load, query, and all-or-nothing loads.

use crate::util::{fixture, negkg, ok};

fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("negkg-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn load_then_query_the_store() {
    let dir = fresh_dir("load");
    let store = dir.to_str().unwrap();
    let extra = fixture("extra-source.toml");
    let out = negkg(&["load", "--store", store, extra.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let bundled = negkg::parse_dataset(&negkg::bundled_data_files()).unwrap();
    assert!(
        out.stderr
            .contains(&format!("loaded {} claims", bundled.claims.len() + 1)),
        "{}",
        out.stderr
    );
    let answer = ok(&[
        "query",
        "--store",
        store,
        "SELECT DISTINCT ?p WHERE { actor:russia neg:demandsWithdrawalFrom ?p } ORDER BY ?p",
        "--format",
        "csv",
    ]);
    assert!(answer.contains("place/kherson"), "{answer}");
    let count = ok(&["stats", "--store", store, "--format", "csv"]);
    assert!(
        count.contains(&format!("sources,all,{}", bundled.sources.len() + 1)),
        "{count}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn optimizing_after_a_load_keeps_every_answer() {
    // `load` compacts the store by default; --no-optimize skips that. Both stores answer alike.
    let query = "SELECT ?c ?p WHERE { ?c neg:holder ?h ; neg:place ?p } ORDER BY ?c ?p";
    let mut answers = Vec::new();
    for flag in [None, Some("--no-optimize")] {
        let dir = fresh_dir(if flag.is_some() { "plain" } else { "optimized" });
        let store = dir.to_str().unwrap();
        let mut args = vec!["load", "--store", store];
        args.extend(flag);
        let out = negkg(&args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        answers.push(ok(&["query", "--store", store, query, "--format", "csv"]));
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(answers[0].lines().count() > 10, "{}", answers[0]);
    assert_eq!(answers[0], answers[1]);
}

#[test]
fn a_bad_file_in_a_batch_leaves_the_store_as_it_was() {
    let dir = fresh_dir("atomic");
    let store = dir.to_str().unwrap();
    ok(&["load", "--store", store]);
    let before = ok(&["stats", "--store", store, "--format", "csv"]);
    let good = fixture("extra-source.toml");
    let bad = fixture("bad.ttl");
    let out = negkg(&[
        "load",
        "--store",
        store,
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    let after = ok(&["stats", "--store", store, "--format", "csv"]);
    assert_eq!(before, after);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_syntax_error_late_in_a_large_file_loads_nothing_and_names_its_line() {
    // RDF files are read once, straight into the bulk loader: the quads before the error are
    // already parsed and queued when it is found, and still none of them may land.
    let dir = fresh_dir("late-error");
    let store = dir.join("store");
    let store = store.to_str().unwrap();
    ok(&["load", "--store", store]);
    let before = ok(&["stats", "--store", store, "--format", "csv"]);
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!(
            "<http://example.org/s{i}> <http://example.org/p> \"{i}\" <http://example.org/g> .\n"
        ));
    }
    text.push_str("<http://example.org/s> <http://example.org/p> \"unterminated .\n");
    let file = dir.join("late.nq");
    std::fs::write(&file, text).unwrap();
    let out = negkg(&["load", "--store", store, file.to_str().unwrap()]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    assert!(out.stderr.contains("late.nq:5001:"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was loaded"), "{}", out.stderr);
    assert_eq!(before, ok(&["stats", "--store", store, "--format", "csv"]));
    let probe = ok(&[
        "query",
        "--store",
        store,
        "ASK { GRAPH ?g { <http://example.org/s1> ?p ?o } }",
        "--format",
        "csv",
    ]);
    assert!(probe.contains("false"), "{probe}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn loading_twice_changes_nothing() {
    let dir = fresh_dir("twice");
    let store = dir.to_str().unwrap();
    ok(&["load", "--store", store]);
    let once = ok(&["stats", "--store", store, "--format", "csv"]);
    ok(&["load", "--store", store]);
    assert_eq!(once, ok(&["stats", "--store", store, "--format", "csv"]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_second_process_is_told_the_store_is_locked() {
    let dir = fresh_dir("locked");
    let store = dir.to_str().unwrap().to_owned();
    ok(&["load", "--store", &store]);
    // A writer holds the store...
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_negkg"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--allow-update",
            "--store",
            &store,
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stderr.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert!(line.contains("serves"), "{line}");
    // ...so a second writer gets a clear message, not a crash.
    let out = negkg(&["load", "--store", &store]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("locked by another process"),
        "{}",
        out.stderr
    );
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_kill_during_a_load_leaves_the_old_or_the_new_store() {
    let dir = fresh_dir("kill");
    let store = dir.join("store");
    let store = store.to_str().unwrap();
    let data = dir.join("data");
    ok(&[
        "generate",
        "--claims",
        "30000",
        "--out",
        data.to_str().unwrap(),
        "--format",
        "nq",
    ]);
    let nq = data.join("negkg.nq");
    ok(&["load", "--store", store]);
    let count = |store: &str| -> String {
        ok(&[
            "query",
            "--store",
            store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--format",
            "csv",
        ])
    };
    let before = count(store);
    // The state after a complete load, in a store of its own.
    let complete = dir.join("complete");
    ok(&["load", "--store", complete.to_str().unwrap()]);
    ok(&[
        "load",
        "--store",
        complete.to_str().unwrap(),
        nq.to_str().unwrap(),
    ]);
    let after = count(complete.to_str().unwrap());
    assert_ne!(before, after);
    for delay in [300, 1500] {
        let mut load = std::process::Command::new(env!("CARGO_BIN_EXE_negkg"))
            .args(["load", "--store", store, nq.to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        // SIGKILL: no chance to clean up.
        let _ = load.kill();
        let _ = load.wait();
        let now = count(store);
        assert!(
            now == before || now == after,
            "after a kill at {delay} ms: {now}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// CSV with each `GROUP_CONCAT` list ("a, b") in alphabetical order: the engine gives such a
/// list in the order of its own index (which differs between stores), the fast path sorts it.
fn lists_sorted(csv: &str) -> String {
    let mut out = String::new();
    for line in csv.lines() {
        let mut fields = Vec::new();
        let (mut field, mut quoted) = (String::new(), false);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        fields.push(field);
        let fields: Vec<String> = fields
            .into_iter()
            .map(|f| {
                let mut parts: Vec<&str> = f.split(", ").collect();
                parts.sort_unstable();
                parts.join(", ")
            })
            .collect();
        out.push_str(&fields.join("|"));
        out.push('\n');
    }
    out
}

/// The named query `name` on the store, from the claim index and as SPARQL on the engine (with
/// lists sorted, see `lists_sorted`).
fn both_ways(store: &str, name: &str, binding: Option<&str>) -> (crate::util::Output, String) {
    let mut args = vec!["query", "--store", store, "--name", name, "--format", "csv"];
    if let Some(binding) = binding {
        args.extend(["--bind", binding]);
    }
    let mut fast = negkg(&args);
    assert_eq!(fast.code, 0, "{}", fast.stderr);
    fast.stdout = lists_sorted(&fast.stdout);
    args.push("--no-index");
    (fast, lists_sorted(&ok(&args)))
}

#[test]
fn load_keeps_the_claim_index_beside_the_store_and_the_analyses_read_it() {
    let dir = fresh_dir("index-kept");
    let store = dir.to_str().unwrap();
    ok(&["load", "--store", store]);
    let file = dir.join(negkg::analysis::INDEX_FILE);
    assert!(file.is_file(), "no {}", file.display());
    for (name, binding) in [
        ("positions", None),
        ("timeline-actor", Some("actor=actor:russia")),
        ("conflicts", None),
        ("claims-of-source", None),
    ] {
        let (fast, sparql) = both_ways(store, name, binding);
        assert!(
            !fast.stderr.contains("building the claim index"),
            "{name}: {}",
            fast.stderr
        );
        assert!(fast.stdout.lines().count() > 2, "{name}: {}", fast.stdout);
        assert_eq!(fast.stdout, sparql, "{name}");
    }
    let timed = negkg(&[
        "query",
        "--store",
        store,
        "--name",
        "positions",
        "--repeat",
        "1",
    ]);
    assert!(
        timed.stderr.contains("index read from beside the store"),
        "{}",
        timed.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_load_that_leaves_the_index_behind_makes_it_stale_and_the_answers_follow_the_data() {
    let dir = fresh_dir("index-stale");
    let store = dir.to_str().unwrap();
    ok(&["load", "--store", store]);
    let source = "source=source:test-2025-05-20-extra";
    let before = negkg(&[
        "query",
        "--store",
        store,
        "--name",
        "claims-of-source",
        "--bind",
        source,
        "--format",
        "csv",
    ]);
    assert!(
        !before.stdout.contains("test-ukraine-rejects"),
        "{}",
        before.stdout
    );
    // A second load that does not index again: the kept index now describes an older store.
    let extra = fixture("extra-source.toml");
    ok(&[
        "load",
        "--store",
        store,
        "--no-index",
        extra.to_str().unwrap(),
    ]);
    let (after, sparql) = both_ways(store, "claims-of-source", Some(source));
    assert!(
        after
            .stderr
            .contains("the store changed since it was indexed"),
        "{}",
        after.stderr
    );
    assert!(
        after.stderr.contains("kept beside the store"),
        "{}",
        after.stderr
    );
    assert!(
        after.stdout.contains("test-ukraine-rejects"),
        "{}",
        after.stdout
    );
    assert_eq!(after.stdout, sparql);
    // Kept again: the next command reads it.
    let (again, _) = both_ways(store, "claims-of-source", Some(source));
    assert!(!again.stderr.contains("building"), "{}", again.stderr);
    assert_eq!(again.stdout, after.stdout);
    // A load into a store with a current index extends that index as the quads stream in (the
    // same quads again count once, as in the store); no command has to build it afterwards.
    let more = std::env::temp_dir().join(format!("negkg-extra-{}.trig", std::process::id()));
    std::fs::write(
        &more,
        "@prefix neg: <https://w3id.org/negkg/ontology#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         <https://w3id.org/negkg/id/source/test-2025-05-20-extra> {\n\
           <https://w3id.org/negkg/id/claim/test-extra-2> a neg:Demand ;\n\
             rdfs:label \"an extra demand (test data)\" ;\n\
             neg:holder <https://w3id.org/negkg/id/actor/russia> ;\n\
             neg:issue <https://w3id.org/negkg/id/issue/territory> ;\n\
             neg:evidence [ neg:quote \"we want more\" ;\n\
               neg:reportedBy <https://w3id.org/negkg/id/actor/russia> ] ;\n\
             neg:statedOn \"2025-05-21\"^^<http://www.w3.org/2001/XMLSchema#date> .\n\
         }\n",
    )
    .unwrap();
    let loaded = negkg(&[
        "load",
        "--store",
        store,
        extra.to_str().unwrap(),
        more.to_str().unwrap(),
    ]);
    let _ = std::fs::remove_file(&more);
    assert_eq!(loaded.code, 0, "{}", loaded.stderr);
    assert!(!loaded.stderr.contains("warning"), "{}", loaded.stderr);
    for (name, binding) in [
        ("claims-of-source", Some(source)),
        ("positions", None),
        ("timeline-actor", Some("actor=actor:russia")),
    ] {
        let (fast, sparql) = both_ways(store, name, binding);
        assert!(!fast.stderr.contains("building"), "{name}: {}", fast.stderr);
        assert_eq!(fast.stdout, sparql, "{name}");
        if name == "timeline-actor" {
            assert!(fast.stdout.contains("an extra demand"), "{}", fast.stdout);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_write_by_another_program_is_seen_and_a_damaged_index_is_not_used() {
    use negkg::analysis::{claim_index, index_state, IndexOrigin, IndexState};
    use negkg::oxigraph::model::{GraphNameRef, NamedNodeRef, QuadRef};
    let dir = fresh_dir("index-other-writer");
    let store = dir.to_str().unwrap();
    ok(&["load", "--store", store]);
    {
        let graph = negkg::KnowledgeGraph::open_read_only(&dir).unwrap();
        assert_eq!(index_state(&graph), IndexState::Fresh);
    }
    // A write straight to the store, as another program would make it: negkg is not told.
    {
        let graph = negkg::KnowledgeGraph::open(&dir).unwrap();
        graph
            .store()
            .insert(QuadRef::new(
                NamedNodeRef::new_unchecked("https://w3id.org/negkg/id/claim/x"),
                NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label"),
                NamedNodeRef::new_unchecked("https://example.org/y"),
                GraphNameRef::DefaultGraph,
            ))
            .unwrap();
    }
    let graph = negkg::KnowledgeGraph::open_read_only(&dir).unwrap();
    assert_eq!(index_state(&graph), IndexState::Stale);
    let index = claim_index(&graph).unwrap();
    assert_eq!(index.origin(), &IndexOrigin::BuiltAndKept);
    drop(graph);
    let graph = negkg::KnowledgeGraph::open_read_only(&dir).unwrap();
    assert_eq!(index_state(&graph), IndexState::Fresh);
    assert_eq!(claim_index(&graph).unwrap().origin(), &IndexOrigin::Read);
    drop(graph);
    // A damaged file: said so, rebuilt, the same answers.
    let file = dir.join(negkg::analysis::INDEX_FILE);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&file, &bytes).unwrap();
    let (fast, sparql) = both_ways(store, "positions", None);
    assert!(fast.stderr.contains("unusable"), "{}", fast.stderr);
    assert_eq!(fast.stdout, sparql);
    let _ = std::fs::remove_dir_all(&dir);
}
