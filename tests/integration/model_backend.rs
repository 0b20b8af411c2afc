//! `negkg extract --backend openai` against a scripted stand-in for a chat-completions server:
//! good answers become drafts that load, bad ones clear errors with nothing written, and the
//! cache makes runs repeat with no server.

use crate::model_server::{Reply, StandIn};
use crate::util::{fixture, negkg, Output, Scratch};
use negkg::text_at;
use std::path::Path;
use std::time::Duration;

/// A fresh folder for one test's cache and output, removed when the test ends.
fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("model-{name}"))
}

/// Runs `negkg extract ARTICLE --backend openai` at `endpoint` with the cache in `dir`.
fn extract(article: &Path, endpoint: &str, dir: &Path, more: &[&str]) -> Output {
    let cache = dir.join("cache");
    let mut args = vec!["--cache", cache.to_str().unwrap()];
    args.extend_from_slice(more);
    extract_without_cache(article, endpoint, &args)
}

/// Runs `negkg extract ARTICLE --backend openai` at `endpoint` with no `--cache` option.
fn extract_without_cache(article: &Path, endpoint: &str, more: &[&str]) -> Output {
    let mut args = vec![
        "extract",
        article.to_str().unwrap(),
        "--published",
        "2025-06-09",
        "--publisher",
        "Financial Times",
        "--backend",
        "openai",
        "--endpoint",
        endpoint,
        "--model",
        "stand-in-7b",
    ];
    args.extend_from_slice(more);
    negkg(&args)
}

/// A claim as the model writes it.
fn claim(quote: &str, kind: &str, holder: &str, action: &str) -> serde_json::Value {
    serde_json::json!({
        "quote": quote, "kind": kind, "holder": holder, "holder_name": "",
        "addressees": [], "action": action, "places": [], "issues": [],
        "modality": "asserted", "condition": "", "confidence": 0.8
    })
}

fn answer(claims: &[serde_json::Value]) -> String {
    serde_json::json!({ "claims": claims }).to_string()
}

fn good_answer() -> String {
    let mut demand = claim(
        "Russian negotiators demanded that Kyiv withdraw from Kherson",
        "demand",
        "russian-negotiators",
        "withdrawal",
    );
    demand["addressees"] = serde_json::json!(["ukraine"]);
    demand["places"] = serde_json::json!(["kherson"]);
    answer(&[
        demand,
        claim(
            "Turkey offered to host the next round of talks.",
            "offer",
            "turkey",
            "hosting",
        ),
    ])
}

#[test]
fn a_good_answer_becomes_a_draft_that_validates_and_loads() {
    let dir = scratch("good");
    let server = StandIn::start(vec![Reply::Content(good_answer())]);
    let out = extract(&fixture("article.txt"), &server.endpoint, &dir, &["--load"]);
    let requests = server.stop();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("the draft validates and loads"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("2 kept, 0 dropped"), "{}", out.stderr);
    let draft = &out.stdout;
    assert!(
        draft.contains("# confidence 0.80 · rule model stand-in-7b"),
        "{draft}"
    );
    assert!(draft.contains("holder = \"russia\""), "{draft}");
    assert!(
        draft.contains("voiced_by = \"russian-negotiators\""),
        "{draft}"
    );
    assert!(
        draft.contains("with the model stand-in-7b from sentence 3"),
        "{draft}"
    );
    // The evidence is at its offsets in the article.
    let text = std::fs::read_to_string(fixture("article.txt")).unwrap();
    let quote = "Russian negotiators demanded that Kyiv withdraw from Kherson";
    let start = text.find(quote).unwrap() as u64;
    assert!(draft.contains(&format!("start = {start}")), "{draft}");
    assert_eq!(
        text_at(&text, start, start + quote.len() as u64),
        Some(quote)
    );
    // The request: the chat-completions path, the model, the schema of the data's ids.
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.path, "/v1/chat/completions");
    assert_eq!(request.body["model"], "stand-in-7b");
    assert_eq!(request.body["response_format"]["type"], "json_schema");
    let schema = &request.body["response_format"]["json_schema"]["schema"];
    let claim = &schema["properties"]["claims"]["items"]["properties"];
    let holders = claim["holder"]["enum"].as_array().unwrap();
    for id in ["russia", "ukraine", "turkey", "united-states", "other"] {
        assert!(holders.iter().any(|h| h == id), "{id} not in {holders:?}");
    }
    assert!(claim["places"]["items"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "kherson"));
    assert!(request.user_text().contains("Turkey offered to host"));
    assert!(request.body["messages"][0]["content"]
        .as_str()
        .unwrap()
        .contains("copied exactly"));
    // No key set, none sent.
    assert_eq!(request.authorization, None);
}

#[test]
fn malformed_json_is_a_clear_error_and_writes_nothing() {
    let dir = scratch("malformed");
    let output = dir.join("draft.toml");
    let server = StandIn::start(vec![Reply::Content(
        "Sure! Here are the positions: Russia demands…".into(),
    )]);
    let out = extract(
        &fixture("article.txt"),
        &server.endpoint,
        &dir,
        &["-o", output.to_str().unwrap()],
    );
    server.stop();
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("the model's answer for part 1 of 1 is not the JSON the schema asks for"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("it begins: Sure! Here are"),
        "{}",
        out.stderr
    );
    assert!(!output.exists(), "a draft was written");
    // Nothing was cached: the next run asks again.
    assert!(!dir.join("cache").join("chat").exists());
}

#[test]
fn an_answer_that_is_no_chat_completion_or_is_cut_off_is_a_clear_error() {
    let dir = scratch("envelope");
    let cut = crate::model_server::completion("{\"claims\": [{\"quote\": \"Turkey off")
        .replace("\"stop\"", "\"length\"");
    let server = StandIn::start(vec![
        Reply::Body("<html><body>502 Bad Gateway</body></html>".into()),
        Reply::Body(cut),
    ]);
    let first = extract(&fixture("article.txt"), &server.endpoint, &dir, &[]);
    let second = extract(&fixture("article.txt"), &server.endpoint, &dir, &[]);
    server.stop();
    assert_ne!(first.code, 0);
    assert!(
        first
            .stderr
            .contains("/v1/chat/completions is not a chat completion ({\"choices\""),
        "{}",
        first.stderr
    );
    assert!(
        first
            .stderr
            .contains("it begins: <html><body>502 Bad Gateway"),
        "{}",
        first.stderr
    );
    // Another service answered: the endpoint is to check, not the model's schema.
    assert!(
        first.stderr.contains("help: check --endpoint")
            && !first.stderr.contains("constrains answers to a JSON Schema"),
        "{}",
        first.stderr
    );
    assert_ne!(second.code, 0);
    assert!(
        second
            .stderr
            .contains("the model's answer for part 1 of 1 was cut off at its length limit"),
        "{}",
        second.stderr
    );
    assert!(first.stdout.is_empty() && second.stdout.is_empty());
}

#[test]
fn a_quote_not_in_the_text_is_dropped_and_counted() {
    let dir = scratch("quote");
    let server = StandIn::start(vec![Reply::Content(answer(&[
        claim(
            "Turkey offered to host the next round of talks.",
            "offer",
            "turkey",
            "hosting",
        ),
        claim(
            "Russia demands that Ukraine surrender Kherson",
            "demand",
            "russia",
            "withdrawal",
        ),
        // In the article, but no statement of a position: it could stand anywhere.
        claim("rejected", "rejection", "ukraine", "withdrawal"),
    ]))]);
    let out = extract(&fixture("article.txt"), &server.endpoint, &dir, &[]);
    server.stop();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "1 kept, 2 dropped (1 with a quote not in the article, 1 with a quote too short"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("dropped a claim whose quote is shorter than 12 characters: \"rejected\""),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("Russia demands that Ukraine surrender Kherson"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("surrender"), "{}", out.stdout);
    assert!(out.stdout.contains("1 claims from"), "{}", out.stdout);
}

#[test]
fn unknown_ids_are_dropped_or_proposed_and_counted() {
    let dir = scratch("ids");
    let mut unknown_holder = claim(
        "The United States urged an immediate ceasefire",
        "demand",
        "other",
        "ceasefire",
    );
    unknown_holder["holder_name"] = serde_json::json!("Mediator Ana Lopez");
    unknown_holder["places"] = serde_json::json!(["kherson", "atlantis"]);
    let named_holder = {
        let mut c = claim("Turkey offered to host", "offer", "other", "hosting");
        c["holder_name"] = serde_json::json!("Turkey");
        c
    };
    let server = StandIn::start(vec![Reply::Content(answer(&[
        unknown_holder,
        named_holder,
        claim(
            "threatened to occupy more territory",
            "threat",
            "russia",
            "space-tourism",
        ),
        claim(
            "Russian negotiators demanded that Kyiv withdraw from Kherson",
            "demand",
            "russia",
            "troop-withdrawal",
        ),
        claim(
            "rejected a new demand by Russia",
            "ultimatum",
            "ukraine",
            "withdrawal",
        ),
    ]))]);
    let out = extract(&fixture("article.txt"), &server.endpoint, &dir, &["--load"]);
    server.stop();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stderr = &out.stderr;
    assert!(stderr.contains("3 kept, 2 dropped"), "{stderr}");
    assert!(stderr.contains("1 unknown actions mapped"), "{stderr}");
    assert!(
        stderr.contains("took the unknown action `troop-withdrawal` for `withdrawal`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of unknown kind, 1 with an unknown action"),
        "{stderr}"
    );
    assert!(stderr.contains("1 unknown ids left out"), "{stderr}");
    assert!(stderr.contains("left out the place `atlantis`"), "{stderr}");
    assert!(stderr.contains("1 new actors proposed"), "{stderr}");
    assert!(stderr.contains("the draft validates and loads"), "{stderr}");
    // A name the data does not know is proposed as the rules propose one; a known name is
    // resolved to its id.
    assert!(
        out.stdout
            .contains("id = \"ana-lopez\"\nname = \"Ana Lopez\"\ntype = \"person\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Proposed by negkg extract"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("holder = \"turkey\""), "{}", out.stdout);
    assert!(
        out.stdout.contains("place = \"kherson\"\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_holder_named_in_another_script_is_proposed_with_an_id_that_loads() {
    let dir = scratch("script");
    let mut offer = claim("Turkey offered to host", "offer", "other", "hosting");
    offer["holder_name"] = serde_json::json!("Турция");
    // A model not held to the schema may leave fields out.
    offer.as_object_mut().unwrap().remove("modality");
    let server = StandIn::start(vec![Reply::Content(answer(&[offer]))]);
    let out = extract(&fixture("article.txt"), &server.endpoint, &dir, &["--load"]);
    server.stop();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("the draft validates and loads"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("name = \"Турция\""), "{}", out.stdout);
    assert!(!out.stdout.contains("id = \"\""), "{}", out.stdout);
    assert!(
        out.stderr.contains("0 unknown ids left out"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_holder_that_is_no_name_is_dropped_not_proposed() {
    let dir = scratch("no-name");
    let named = |holder_name: &str| {
        let mut c = claim("Turkey offered to host", "offer", "other", "hosting");
        c["holder_name"] = serde_json::json!(holder_name);
        c
    };
    let server = StandIn::start(vec![Reply::Content(answer(&[
        named("officials"),
        named("he"),
        named("President"),
        named("Mediator Ana Lopez"),
    ]))]);
    let out = extract(&fixture("article.txt"), &server.endpoint, &dir, &["--load"]);
    server.stop();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("1 kept, 3 dropped") && out.stderr.contains("3 with no holder"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("1 new actors proposed"),
        "{}",
        out.stderr
    );
    for id in ["officials", "he", "president"] {
        assert!(
            !out.stdout.contains(&format!("id = \"{id}\"")),
            "{id} proposed:\n{}",
            out.stdout
        );
    }
    assert!(
        out.stdout.contains("holder = \"ana-lopez\""),
        "{}",
        out.stdout
    );
}

/// Runs `negkg extract` of the fixture article at `endpoint` with the key `sk-test-key` in the
/// environment variable `NEGKG_TEST_KEY`.
fn extract_with_key(endpoint: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_negkg"))
        .args(["extract", fixture("article.txt").to_str().unwrap()])
        .args(["--published", "2025-06-09", "--backend", "openai"])
        .args(["--endpoint", endpoint, "--model", "m", "--no-cache"])
        .args(["--api-key-env", "NEGKG_TEST_KEY"])
        .env("NEGKG_TEST_KEY", "sk-test-key")
        .output()
        .unwrap()
}

#[test]
fn the_key_is_sent_as_a_bearer_token_but_never_in_clear_text_to_another_machine() {
    let server = StandIn::start(vec![Reply::Content(good_answer())]);
    let out = extract_with_key(&server.endpoint);
    let requests = server.stop();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        requests[0].authorization.as_deref(),
        Some("Bearer sk-test-key")
    );
    // 192.0.2.1 is a documentation address: nothing answers there, and nothing is sent.
    let out = extract_with_key("http://192.0.2.1:8080/v1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the key in the environment variable NEGKG_TEST_KEY would go unencrypted to http://192.0.2.1:8080/v1/chat/completions: nothing was sent"),
        "{stderr}"
    );
    assert!(!stderr.contains("sk-test-key"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_timeout_is_a_clear_error() {
    let dir = scratch("timeout");
    let server = StandIn::start(vec![Reply::Slow(Duration::from_secs(3), good_answer())]);
    let out = extract(
        &fixture("article.txt"),
        &server.endpoint,
        &dir,
        &["--timeout", "1"],
    );
    server.stop();
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("did not answer within 1 s (--timeout)"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_429_is_asked_again_after_the_wait_the_server_asks() {
    let dir = scratch("retry");
    let server = StandIn::start(vec![
        Reply::Status(429, r#"{"error":{"message":"slow down"}}"#, Some("0")),
        Reply::Content(good_answer()),
    ]);
    let out = extract(&fixture("article.txt"), &server.endpoint, &dir, &[]);
    let requests = server.stop();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(requests.len(), 2);
    assert!(
        out.stderr
            .contains("answered 429; asking again in 0.0 s (attempt 2)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("2 requests to the server"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_500_is_a_clear_error_after_bounded_retries() {
    let dir = scratch("500");
    let output = dir.join("draft.toml");
    let boom = r#"{"error":{"message":"the model crashed","type":"server_error"}}"#;
    let server = StandIn::start(vec![
        Reply::Status(500, boom, Some("0")),
        Reply::Status(500, boom, Some("0")),
        Reply::Status(500, boom, Some("0")),
    ]);
    let out = extract(
        &fixture("article.txt"),
        &server.endpoint,
        &dir,
        &["--retries", "2", "-o", output.to_str().unwrap()],
    );
    let requests = server.stop();
    assert_ne!(out.code, 0);
    assert_eq!(requests.len(), 3);
    assert!(
        out.stderr
            .contains("/v1/chat/completions answered 500: the model crashed (asked 3 times)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("raise --retries"), "{}", out.stderr);
    assert!(!output.exists());
}

#[test]
fn the_cache_makes_a_second_run_work_with_the_server_gone() {
    let dir = scratch("cache");
    let server = StandIn::start(vec![Reply::Content(good_answer())]);
    let endpoint = server.endpoint.clone();
    let first = extract(&fixture("article.txt"), &endpoint, &dir, &[]);
    server.stop();
    assert_eq!(first.code, 0, "{}", first.stderr);
    // The server is gone: without the cache, the connection is refused, naming the endpoint.
    let refused = extract_without_cache(&fixture("article.txt"), &endpoint, &["--no-cache"]);
    assert_ne!(refused.code, 0);
    assert!(
        refused.stderr.contains(&format!(
            "cannot connect to the model server at {endpoint}/chat/completions"
        )),
        "{}",
        refused.stderr
    );
    // With it, the same draft, offline or not.
    for more in [&[][..], &["--offline"][..]] {
        let again = extract(&fixture("article.txt"), &endpoint, &dir, more);
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert_eq!(again.stdout, first.stdout);
        assert!(
            again.stderr.contains("1 from the cache, 0 requests"),
            "{}",
            again.stderr
        );
    }
    // Another model's answers are not this one's.
    let cache = dir.join("cache");
    let other = negkg(&[
        "extract",
        fixture("article.txt").to_str().unwrap(),
        "--backend",
        "openai",
        "--model",
        "another-model",
        "--cache",
        cache.to_str().unwrap(),
        "--offline",
    ]);
    assert_ne!(other.code, 0);
    assert!(
        other.stderr.contains(
            "--offline: no answer of the model `another-model` is cached for part 1 of 1"
        ),
        "{}",
        other.stderr
    );
}

/// The holder and action of the `i`-th paragraph of the long article: no two of the twelve
/// alike (3 and 4 have no common factor), so that none is dropped as a repeat.
fn holder_and_action(i: usize) -> (&'static str, &'static str) {
    let actions = ["ceasefire", "withdrawal", "hosting", "memorandum"];
    (["russia", "ukraine", "turkey"][i % 3], actions[i % 4])
}

#[test]
fn a_long_article_is_split_into_parts_whose_offsets_map_back() {
    let dir = scratch("parts");
    // Paragraphs with multi-byte characters, so that byte and character offsets differ.
    let mut text = String::from("Talks — “round two”\n\n");
    for i in 0..12 {
        let (holder, action) = holder_and_action(i);
        text.push_str(&format!(
            "In Genève, on day {i}, {holder} asked for {action} — “number {i}”. Officials said little more about it.\n\n"
        ));
    }
    let article = dir.join("long.txt");
    std::fs::write(&article, &text).unwrap();
    // How much the instructions take, from the error for a context too small.
    let small = extract(
        &article,
        "http://127.0.0.1:9/v1",
        &dir,
        &["--context-tokens", "100"],
    );
    assert_ne!(small.code, 0);
    let needed: usize = small
        .stderr
        .split("take about ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", small.stderr));
    // Room for parts of about 100 tokens: two or three paragraphs each.
    let context = (needed + 200).to_string();
    // Each part is answered with a claim quoting its first paragraph's "asked for" clause.
    let server = StandIn::answering(12, |request| {
        let user = request.user_text();
        let part = user.split_once("\n\n").map_or("", |(_, p)| p);
        let line = part.lines().find(|l| l.contains("asked for")).unwrap_or("");
        let clause = line.split(" — ").next().unwrap_or("");
        let i: usize = clause
            .split("day ")
            .nth(1)
            .and_then(|r| r.split(',').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let (holder, action) = holder_and_action(i);
        let quote = format!("{holder} asked for {action} — “number {i}”");
        Reply::Content(answer(&[claim(&quote, "demand", holder, action)]))
    });
    let endpoint = server.endpoint.clone();
    let out = extract(&article, &endpoint, &dir, &["--context-tokens", &context]);
    // The stand-in waits for requests that never come once the parts are done.
    drop(server);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let parts: usize = out
        .stderr
        .split(" claims in ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!((3..=8).contains(&parts), "{parts} parts: {}", out.stderr);
    // Every claim's quote is at its offsets in the article.
    let draft: toml::Value = toml::from_str(&out.stdout).unwrap();
    let claims = draft["claim"].as_array().unwrap();
    assert_eq!(claims.len(), parts, "{}", out.stderr);
    for claim in claims {
        let evidence = &claim["evidence"].as_array().unwrap()[0];
        let start = evidence["start"].as_integer().unwrap() as u64;
        let end = evidence["end"].as_integer().unwrap() as u64;
        let quote = evidence["quote"].as_str().unwrap();
        assert_eq!(text_at(&text, start, end), Some(quote));
        assert!(quote.ends_with("”"), "{quote}");
        // With the sentence of the article it stands in.
        let sentence = evidence["sentence"].as_str().unwrap();
        assert!(
            sentence.contains(quote) && text.contains(sentence),
            "{sentence}"
        );
    }
}

#[test]
fn an_evaluation_repeats_from_the_cache_with_no_server() {
    let dir = scratch("evaluate");
    let set = dir.join("set");
    let article = set.join("one");
    std::fs::create_dir_all(&article).unwrap();
    std::fs::copy(fixture("article.txt"), article.join("article.txt")).unwrap();
    std::fs::write(
        article.join("meta.toml"),
        "id = \"one\"\ntitle = \"Talks on the front line resume in Geneva\"\npublisher = \"Financial Times\"\npublished = \"2025-06-09\"\n",
    )
    .unwrap();
    std::fs::write(
        article.join("gold.toml"),
        "[[claim]]\nholder = \"turkey\"\nkind = \"offer\"\naction = \"hosting\"\nmodality = \"asserted\"\nquote = \"Turkey offered to host the next round of talks\"\nstart = 278\nend = 324\n\n[[claim]]\nholder = \"ukraine\"\nkind = \"rejection\"\naction = \"withdrawal\"\nmodality = \"asserted\"\nplaces = [\"kherson\"]\nquote = \"rejected a new demand by Russia to withdraw from Kherson\"\nstart = 78\nend = 134\n",
    )
    .unwrap();
    let cache = dir.join("cache");
    let evaluate = |endpoint: &str, more: &[&str]| {
        let mut args = vec![
            "extract",
            "--evaluate",
            set.to_str().unwrap(),
            "--backend",
            "openai",
            "--endpoint",
            endpoint,
            "--model",
            "stand-in-7b",
            "--cache",
            cache.to_str().unwrap(),
        ];
        args.extend_from_slice(more);
        negkg(&args)
    };
    let server = StandIn::start(vec![Reply::Content(good_answer())]);
    let endpoint = server.endpoint.clone();
    let first = evaluate(&endpoint, &[]);
    server.stop();
    assert_eq!(first.code, 0, "{}", first.stderr);
    // Two gold claims, two drafts, one of them (Turkey's offer) matched.
    assert!(
        first
            .stdout
            .contains("gold 2 drafted 2 · strict: matched 1"),
        "{}",
        first.stdout
    );
    let again = evaluate(&endpoint, &["--offline"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout, first.stdout);
    assert!(
        again.stderr.contains("1 from the cache"),
        "{}",
        again.stderr
    );
}

#[test]
fn model_options_without_the_model_backend_are_refused() {
    let out = negkg(&[
        "extract",
        fixture("article.txt").to_str().unwrap(),
        "--model",
        "m",
    ]);
    assert_eq!(out.code, 2, "a bad command line: {}", out.stderr);
    assert!(
        out.stderr
            .contains("--model is an option of the model backend"),
        "{}",
        out.stderr
    );
    let out = negkg(&[
        "extract",
        fixture("article.txt").to_str().unwrap(),
        "--backend",
        "openai",
    ]);
    assert_eq!(out.code, 2, "a bad command line: {}", out.stderr);
    assert!(
        out.stderr.contains("--backend openai needs --model NAME"),
        "{}",
        out.stderr
    );
    // An endpoint that is no URL is a bad command line, not a server that cannot be reached.
    for endpoint in ["127.0.0.1:8080/v1", "http:///v1", "localhost"] {
        let out = extract_without_cache(&fixture("article.txt"), endpoint, &["--no-cache"]);
        assert_eq!(out.code, 2, "{endpoint}: {}", out.stderr);
        assert!(out.stderr.contains("is no server URL"), "{}", out.stderr);
        assert!(!out.stderr.contains("cannot connect"), "{}", out.stderr);
    }
}
