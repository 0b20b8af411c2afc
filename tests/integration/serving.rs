//! `negkg serve`: the SPARQL 1.1 Protocol, errors, updates, the Graph Store Protocol, the page
//! (in headless Chromium when it is installed), and `push`/`query --endpoint` against a server.

use crate::util::{agent, negkg, ok};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A `negkg serve` on a free loopback port, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    base: String,
}

impl Server {
    pub(crate) fn start(args: &[&str]) -> Self {
        Self::start_with_env(args, &[])
    }

    /// A server started with these environment variables set.
    pub(crate) fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_negkg"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        Self {
            child,
            base: format!("http://{address}"),
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// (status, content type, body) of a request, errors included.
fn call(request: ureq::Request, body: Option<&str>) -> (u16, String, String) {
    let result = match body {
        Some(body) => request.send_string(body),
        None => request.call(),
    };
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{error}"),
    };
    let status = response.status();
    let content_type = response.content_type().to_owned();
    (status, content_type, response.into_string().unwrap())
}

const DEMANDS_IN_SEED: &str = "SELECT DISTINCT ?place WHERE { GRAPH source:ft-2025-05-19-trump-leaves-ceasefire-talks { actor:russia neg:demandsWithdrawalFrom ?place } } ORDER BY ?place";

#[test]
fn queries_by_get_post_and_form_with_content_negotiation() {
    let server = Server::start(&[]);
    let query_url = server.url("/query");
    let (status, content_type, body) = call(
        agent()
            .get(&query_url)
            .query("query", DEMANDS_IN_SEED)
            .set("Accept", "text/csv"),
        None,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(content_type, "text/csv");
    assert_eq!(body.replace("\r\n", "\n"), "place\nhttps://w3id.org/negkg/id/place/kherson\nhttps://w3id.org/negkg/id/place/zaporizhzhia\n");
    let (status, content_type, body) = call(
        agent()
            .post(&query_url)
            .set("Content-Type", "application/sparql-query")
            .set("Accept", "application/sparql-results+json"),
        Some(DEMANDS_IN_SEED),
    );
    assert_eq!(
        (status, content_type.as_str()),
        (200, "application/sparql-results+json")
    );
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 2);
    let form = format!(
        "query={}",
        form_urlencoded::byte_serialize(DEMANDS_IN_SEED.as_bytes()).collect::<String>()
    );
    let (status, content_type, body) = call(
        agent()
            .post(&query_url)
            .set("Content-Type", "application/x-www-form-urlencoded")
            .set("Accept", "application/sparql-results+xml"),
        Some(&form),
    );
    assert_eq!(
        (status, content_type.as_str()),
        (200, "application/sparql-results+xml"),
        "{body}"
    );
    assert!(body.contains("place/kherson"));
    let (_, content_type, body) = call(
        agent()
            .get(&query_url)
            .query("query", DEMANDS_IN_SEED)
            .set("Accept", "text/tab-separated-values"),
        None,
    );
    assert_eq!(content_type, "text/tab-separated-values");
    assert!(body.starts_with("?place"));
    let construct = "CONSTRUCT { ?a neg:offersToHost ?e } WHERE { ?a neg:offersToHost ?e }";
    let (status, content_type, body) = call(
        agent()
            .get(&query_url)
            .query("query", construct)
            .set("Accept", "application/n-triples"),
        None,
    );
    assert_eq!(
        (status, content_type.as_str()),
        (200, "application/n-triples")
    );
    assert!(body.contains(
        "<https://w3id.org/negkg/id/actor/vatican> <https://w3id.org/negkg/ontology#offersToHost>"
    ));
    let (_, content_type, body) = call(agent().get(&query_url).query("query", construct), None);
    assert_eq!(content_type, "text/turtle");
    assert!(body.contains("@prefix neg:"));
    let (_, content_type, _) = call(
        agent()
            .get(&query_url)
            .query("query", "ASK { ?s ?p ?o }")
            .query("format", "json"),
        None,
    );
    assert_eq!(content_type, "application/sparql-results+json");
    // Without a query: the service description.
    let (status, content_type, body) = call(agent().get(&query_url), None);
    assert_eq!((status, content_type.as_str()), (200, "text/turtle"));
    assert!(body.contains("sd:Service") && body.contains("sd:SPARQL11Query"));
    assert!(!body.contains("sd:SPARQL11Update"));
    // The named queries, for the page.
    let (_, _, body) = call(agent().get(&server.url("/queries")), None);
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|q| q["name"] == "demands"));
}

#[test]
fn bad_requests_get_clear_http_errors() {
    let server = Server::start(&["--timeout", "1", "--max-body", "2000"]);
    let query_url = server.url("/query");
    let (status, _, body) = call(
        agent()
            .get(&query_url)
            .query("query", "SELECT ?x WHERE { ?x"),
        None,
    );
    assert_eq!(status, 400);
    assert!(
        body.contains("does not parse") && body.contains("1:"),
        "{body}"
    );
    let (status, _, body) = call(
        agent().post(&query_url).set("Content-Type", "text/plain"),
        Some("ASK {}"),
    );
    assert_eq!(status, 415, "{body}");
    let big = format!("ASK {{ }} # {}", "x".repeat(5000));
    let (status, _, _) = call(
        agent()
            .post(&query_url)
            .set("Content-Type", "application/sparql-query"),
        Some(&big),
    );
    assert_eq!(status, 413);
    let (status, _, body) = call(
        agent()
            .post(&server.url("/update"))
            .set("Content-Type", "application/sparql-update"),
        Some("INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    );
    assert_eq!(status, 403);
    assert!(body.contains("--allow-update"), "{body}");
    let (status, _, _) = call(
        agent()
            .put(&format!("{}?graph=urn:g", server.url("/store")))
            .set("Content-Type", "application/n-triples"),
        Some(""),
    );
    assert_eq!(status, 403);
    let (status, _, _) = call(agent().get(&server.url("/nowhere")), None);
    assert_eq!(status, 404);
    // A query that would not end is cancelled at the timeout.
    let endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = std::time::Instant::now();
    let (status, _, body) = call(agent().get(&query_url).query("query", endless), None);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("timeout"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(30));
    // And the server still answers.
    let (status, _, _) = call(
        agent().get(&query_url).query("query", "ASK { ?s ?p ?o }"),
        None,
    );
    assert_eq!(status, 200);
}

#[test]
fn updates_and_the_graph_store_protocol_when_allowed() {
    let server = Server::start(&["--allow-update"]);
    let (status, _, body) = call(
        agent().post(&server.url("/update")).set("Content-Type", "application/sparql-update"),
        Some("INSERT DATA { GRAPH <urn:test> { actor:test-mediator neg:offersToHost event:istanbul-talks-2025-05-16 } }"),
    );
    assert_eq!(status, 204, "{body}");
    let (_, _, body) = call(
        agent()
            .get(&server.url("/query"))
            .query("query", "ASK { actor:test-mediator neg:offersToHost ?e }"),
        None,
    );
    assert!(body.contains("true"), "{body}");
    let store = server.url("/store");
    let (status, _, _) = call(
        agent()
            .put(&format!("{store}?graph=urn:x"))
            .set("Content-Type", "application/n-triples"),
        Some("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <urn:d> .\n"),
    );
    assert_eq!(status, 201);
    let (status, _, _) = call(
        agent()
            .put(&format!("{store}?graph=urn:x"))
            .set("Content-Type", "application/n-triples"),
        Some("<urn:a> <urn:b> <urn:c> .\n"),
    );
    assert_eq!(status, 204);
    let (status, _, body) = call(
        agent()
            .get(&format!("{store}?graph=urn:x"))
            .set("Accept", "application/n-triples"),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(body.lines().count(), 1, "PUT replaces the graph: {body}");
    let (status, _, body) = call(
        agent()
            .put(&format!("{store}?graph=urn:x"))
            .set("Content-Type", "text/turtle"),
        Some("<urn:a> <urn:b> \"unterminated ."),
    );
    assert_eq!(status, 400, "{body}");
    let (_, _, body) = call(
        agent()
            .get(&format!("{store}?graph=urn:x"))
            .set("Accept", "application/n-triples"),
        None,
    );
    assert_eq!(body.lines().count(), 1, "a bad PUT changes nothing: {body}");
    let (status, _, _) = call(agent().delete(&format!("{store}?graph=urn:x")), None);
    assert_eq!(status, 204);
    let (_, _, body) = call(
        agent()
            .get(&server.url("/query"))
            .query("query", "ASK { GRAPH <urn:x> { ?s ?p ?o } }"),
        None,
    );
    assert!(body.contains("false"), "{body}");
    let (_, _, body) = call(agent().get(&server.url("/query")), None);
    assert!(body.contains("sd:SPARQL11Update"));
    // LOAD would read files or URLs on the server: refused.
    let (status, _, body) = call(
        agent()
            .post(&server.url("/update"))
            .set("Content-Type", "application/sparql-update"),
        Some("LOAD <file:///etc/passwd> INTO GRAPH <urn:stolen>"),
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("LOAD is refused"), "{body}");
}

#[test]
fn results_past_the_limit_are_refused() {
    let server = Server::start(&["--max-results", "10"]);
    let (status, _, body) = call(
        agent()
            .get(&server.url("/query"))
            .query("query", "SELECT * WHERE { ?s ?p ?o }"),
        None,
    );
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("more than 10 rows"), "{body}");
    let (status, _, _) = call(
        agent()
            .get(&server.url("/query"))
            .query("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 5"),
        None,
    );
    assert_eq!(status, 200);
}

#[test]
fn curl_is_a_sparql_client() {
    if Command::new("curl").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "CI must have curl");
        return;
    }
    let server = Server::start(&[]);
    let output = Command::new("curl")
        .args(["-s", "-f", "-H", "Accept: text/csv", "--data-urlencode"])
        .arg(format!("query={DEMANDS_IN_SEED}"))
        .arg(server.url("/query"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let body = String::from_utf8(output.stdout).unwrap();
    assert!(body.contains("place/zaporizhzhia"), "{body}");
}

#[test]
fn push_to_a_server_and_query_it_there() {
    let server = Server::start(&["--allow-update", "--no-bundled"]);
    let count = |endpoint: &str| -> String {
        ok(&[
            "query",
            "--endpoint",
            endpoint,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--format",
            "csv",
        ])
    };
    let query_url = server.url("/query");
    let store_url = server.url("/store");
    let before = count(&query_url);
    let out = negkg(&["push", "--endpoint", &store_url]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("pushed"), "{}", out.stderr);
    let once = count(&query_url);
    assert_ne!(before, once);
    let out = negkg(&["push", "--endpoint", &store_url]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(once, count(&query_url), "pushing twice changes nothing");
    // The named queries run on the server with the same output.
    let remote = ok(&[
        "query",
        "--endpoint",
        &query_url,
        "--name",
        "offers",
        "--format",
        "csv",
    ]);
    assert!(remote.contains("the Vatican"), "{remote}");
    let table = ok(&[
        "query",
        "--endpoint",
        &query_url,
        "ASK { actor:vatican neg:offersToHost ?e }",
    ]);
    assert_eq!(table.trim(), "true");
    let turtle = ok(&["query", "--endpoint", &query_url, "DESCRIBE actor:putin"]);
    assert!(turtle.contains("Vladimir Putin"), "{turtle}");
    let missing = negkg(&["query", "--endpoint", "http://127.0.0.1:9/query", "ASK {}"]);
    assert_ne!(missing.code, 0);
    assert!(
        missing.stderr.contains("cannot reach"),
        "{}",
        missing.stderr
    );
}

#[test]
fn bound_values_reach_the_filters_of_a_remote_query() {
    // `--bind asOf=…` was sent as a VALUES clause after the query, joined after the FILTERs
    // on `COALESCE(?asOf, …)` had run without it: the server answered the positions of today.
    let server = Server::start(&[]);
    let query_url = server.url("/query");
    for (name, binding) in [
        ("positions", "asOf=2025-05-18"),
        ("timeline-actor", "actor=actor:russia"),
    ] {
        // The engine on both sides (the index lists GROUP_CONCAT items in its own order).
        let local = ok(&[
            "query",
            "--name",
            name,
            "--no-index",
            "--bind",
            binding,
            "--format",
            "csv",
        ]);
        let remote = ok(&[
            "query",
            "--endpoint",
            &query_url,
            "--name",
            name,
            "--bind",
            binding,
            "--format",
            "csv",
        ]);
        assert_eq!(remote, local, "{name} --bind {binding}");
    }
    let unbound = ok(&["query", "--name", "positions", "--format", "csv"]);
    let as_of = ok(&[
        "query",
        "--name",
        "positions",
        "--bind",
        "asOf=2025-05-18",
        "--format",
        "csv",
    ]);
    assert!(as_of.lines().count() < unbound.lines().count());
}

#[test]
fn push_to_a_real_oxigraph_server() {
    // CI starts `oxigraph serve` and gives its address; elsewhere the test needs one.
    let Some(base) = std::env::var("NEGKG_TEST_OXIGRAPH")
        .ok()
        .filter(|b| !b.is_empty())
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set NEGKG_TEST_OXIGRAPH"
        );
        eprintln!("skipped: set NEGKG_TEST_OXIGRAPH=http://127.0.0.1:PORT to test against Oxigraph server");
        return;
    };
    let query_url = format!("{base}/query");
    let store_url = format!("{base}/store");
    let count = || {
        ok(&[
            "query",
            "--endpoint",
            &query_url,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--format",
            "csv",
        ])
    };
    let out = negkg(&["push", "--endpoint", &store_url]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let once = count();
    let out = negkg(&["push", "--endpoint", &store_url]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(once, count(), "pushing twice changes nothing");
    let local = ok(&[
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--format",
        "csv",
    ]);
    assert_eq!(once, local, "the server holds what negkg holds");
    let demands = ok(&[
        "query",
        "--endpoint",
        &query_url,
        "--name",
        "demands",
        "--format",
        "csv",
    ]);
    assert!(demands.contains("Kherson"), "{demands}");
}

#[test]
fn the_page_runs_a_named_query_in_a_browser() {
    let server = Server::start(&[]);
    let (status, content_type, body) = call(agent().get(&server.url("/sparql")), None);
    assert_eq!((status, content_type.as_str()), (200, "text/html"));
    assert!(body.contains("<textarea") && body.contains("/queries"));
    let Some(chromium) = crate::util::chromium() else {
        return;
    };
    let profile = std::env::temp_dir().join(format!("negkg-chromium-{}", std::process::id()));
    let output_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("page");
    std::fs::create_dir_all(&output_dir).unwrap();
    let page = server.url("/sparql?name=demands&run=1");
    let dom = crate::util::headless(chromium, &profile, 10000)
        .arg("--dump-dom")
        .arg(&page)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("data-done=\"yes\""),
        "the query did not finish: {dom}"
    );
    assert!(dom.contains("rows in"), "{dom}");
    assert!(
        dom.contains("<td>claim:russia-demands-withdrawal-kherson-zaporizhzhia</td>"),
        "{dom}"
    );
    let screenshot = output_dir.join("demands.png");
    let shot = crate::util::headless(
        chromium,
        &std::path::PathBuf::from(format!("{}-shot", profile.display())),
        10000,
    )
    .arg("--window-size=1280,900")
    .arg(format!("--screenshot={}", screenshot.display()))
    .arg(&page)
    .output()
    .unwrap();
    assert!(shot.status.success());
    assert!(std::fs::metadata(&screenshot).unwrap().len() > 10_000);
    println!("screenshot of the page: {}", screenshot.display());
    let _ = std::fs::remove_dir_all(&profile);
    let _ = std::fs::remove_dir_all(format!("{}-shot", profile.display()));
}

#[test]
fn a_query_that_would_exhaust_memory_is_cancelled_at_max_memory() {
    // ORDER BY over a cartesian product collects every solution before sorting: within its
    // time limit it would take gigabytes (12 million solutions on the bundled data). The heap
    // limit cancels it long before.
    let server = Server::start(&["--max-memory", "100", "--timeout", "300"]);
    let query_url = server.url("/query");
    let hog = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d";
    let started = std::time::Instant::now();
    let (status, _, body) = call(agent().get(&query_url).query("query", hog), None);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("--max-memory"), "{body}");
    assert!(body.contains("100 MB"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(60));
    // The cancelled query frees its memory, and the server answers again.
    let deadline = std::time::Instant::now() + Duration::from_secs(240);
    loop {
        let (status, _, body) = call(
            agent().get(&query_url).query("query", "ASK { ?s ?p ?o }"),
            None,
        );
        if status == 200 {
            assert!(body.contains("true"), "{body}");
            break;
        }
        assert_eq!(status, 503, "{body}");
        assert!(
            body.contains("short of memory") || body.contains("too many queries"),
            "{body}"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "still refused: {body}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn reads_go_on_while_a_large_write_runs_and_see_all_or_none_of_it() {
    let server = Server::start(&["--allow-update", "--max-body", "100000000"]);
    let query_url = server.url("/query");
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let count_now = || {
        let (status, _, body) = call(
            agent()
                .get(&query_url)
                .query("query", count)
                .set("Accept", "text/csv"),
            None,
        );
        assert_eq!(status, 200, "{body}");
        body.lines()
            .nth(1)
            .unwrap()
            .trim()
            .parse::<usize>()
            .unwrap()
    };
    let before = count_now();
    let triples = 200_000;
    let body: String = (0..triples)
        .map(|i| format!("<urn:bulk:{i}> <urn:bulk:p> \"a value of some length {i}\" .\n"))
        .collect();
    let write_url = format!("{}?graph=urn:bulk", server.url("/store"));
    let writer = std::thread::spawn(move || {
        let started = std::time::Instant::now();
        let (status, _, answer) = call(
            agent()
                .post(&write_url)
                .set("Content-Type", "application/n-triples"),
            Some(&body),
        );
        assert!(status == 201 || status == 204, "{status} {answer}");
        started.elapsed()
    });
    // Reads are answered while the write runs, and each sees the store before or after it.
    let mut during = 0;
    while !writer.is_finished() {
        let seen = count_now();
        assert!(
            seen == before || seen == before + triples,
            "a read saw {seen} triples: neither {before} nor {}",
            before + triples
        );
        if !writer.is_finished() {
            during += 1;
        }
    }
    let took = writer.join().unwrap();
    assert_eq!(count_now(), before + triples);
    assert!(
        during >= 1,
        "no read was answered during the write ({took:?})"
    );
}

#[test]
fn analyses_are_served_from_the_index_and_follow_a_graph_store_write() {
    let server = Server::start(&["--allow-update"]);
    let analysis = |query: &str| {
        call(
            agent().get(&server.url(&format!("/analysis?{query}"))),
            None,
        )
    };
    let (status, content_type, body) = analysis("name=positions&format=csv");
    assert_eq!(status, 200, "{body}");
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    assert!(body.contains("/actor/russia,"), "{body}");
    assert!(!body.contains("test-served-demand"));
    // A page of the grouped common ground, in SPARQL JSON by default.
    let (status, content_type, body) = analysis("name=common-ground&limit=2&offset=1");
    assert_eq!(status, 200, "{body}");
    assert!(
        content_type.starts_with("application/sparql-results+json"),
        "{content_type}"
    );
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 2);
    // A new source pushed with the Graph Store Protocol shows up in the next answer.
    let triples = r#"<https://w3id.org/negkg/id/claim/test-served-demand> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/negkg/ontology#Demand> .
<https://w3id.org/negkg/id/claim/test-served-demand> <http://www.w3.org/2000/01/rdf-schema#label> "A demand pushed to the server"@en .
<https://w3id.org/negkg/id/claim/test-served-demand> <https://w3id.org/negkg/ontology#holder> <https://w3id.org/negkg/id/actor/russia> .
<https://w3id.org/negkg/id/claim/test-served-demand> <https://w3id.org/negkg/ontology#issue> <https://w3id.org/negkg/id/issue/territory> .
<https://w3id.org/negkg/id/claim/test-served-demand> <https://w3id.org/negkg/ontology#action> <https://w3id.org/negkg/id/action/withdrawal> .
<https://w3id.org/negkg/id/claim/test-served-demand> <https://w3id.org/negkg/ontology#statedOn> "2026-12-01"^^<http://www.w3.org/2001/XMLSchema#date> .
"#;
    let (status, _, body) = call(
        agent()
            .put(&server.url("/store"))
            .query("graph", "https://w3id.org/negkg/id/source/test-served")
            .set("Content-Type", "application/n-triples"),
        Some(triples),
    );
    assert!(status == 201 || status == 204, "{status}: {body}");
    let (_, _, body) = analysis("name=positions&format=csv");
    assert!(body.contains("test-served-demand"), "{body}");
    // ... and leaves with the graph.
    let (status, _, _) = call(
        agent()
            .delete(&server.url("/store"))
            .query("graph", "https://w3id.org/negkg/id/source/test-served"),
        None,
    );
    assert_eq!(status, 204);
    let (_, _, body) = analysis("name=positions&format=csv");
    assert!(!body.contains("test-served-demand"), "{body}");
    // Bad requests are told what to fix.
    for (query, code, expected) in [
        ("", 400, "?name="),
        ("name=weather", 404, "no analysis named `weather`"),
        ("name=positions&limit=many", 400, "whole number"),
        ("name=positions&colour=%22blue%22", 400, "no such parameter"),
        ("name=positions&asOf=soon", 400, "no RDF term"),
    ] {
        let (status, _, body) = analysis(query);
        assert_eq!(status, code, "{query}: {body}");
        assert!(body.contains(expected), "{query}: {body}");
    }
}
