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
