//! The analyst's web app of `negkg serve`: what a person looks for on each page (in headless
//! Chromium when it is installed), content negotiation on the IRIs' paths (with rdflib parsing
//! the RDF), escaping, CORS preflights and paging bounds.

use crate::serving::Server;
use crate::util::fixture;
use std::process::Command;
use std::time::Duration;

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(60))
        .redirects(0)
        .build()
}

/// (status, content type, body, the response's headers by lower-case name).
fn get(url: &str, accept: &str) -> (u16, String, String) {
    let response = match agent().get(url).set("Accept", accept).call() {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{url}: {error}"),
    };
    let status = response.status();
    let content_type = response.header("Content-Type").unwrap_or("").to_owned();
    (status, content_type, response.into_string().unwrap())
}

fn html(server: &Server, path: &str) -> String {
    let (status, content_type, body) = get(&server.url(path), "text/html");
    assert_eq!(status, 200, "{path}: {body}");
    assert!(
        content_type.starts_with("text/html"),
        "{path}: {content_type}"
    );
    body
}

/// The DOM of a page after headless Chromium has loaded it, or `None` without Chromium.
fn dom(url: &str) -> Option<String> {
    let chromium = crate::util::chromium()?;
    let profile = std::env::temp_dir().join(format!(
        "negkg-web-{}-{}",
        std::process::id(),
        url.len() + url.bytes().map(usize::from).sum::<usize>()
    ));
    let output = crate::util::headless(chromium, &profile, 5000)
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The page as a browser shows it: Chromium's DOM when it is installed, else the HTML.
fn shown(server: &Server, path: &str) -> String {
    let served = html(server, path);
    dom(&server.url(path)).unwrap_or(served)
}

/// The text of the element that begins at `marker`, up to the `end` after it.
fn part<'a>(page: &'a str, marker: &str, end: &str) -> &'a str {
    let start = page
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {page}"));
    let stop = page[start..].find(end).map_or(page.len(), |i| start + i);
    &page[start..stop]
}

#[test]
fn the_overview_and_the_actor_page_show_what_an_analyst_looks_for() {
    let server = Server::start(&[]);
    let overview = shown(&server, "/");
    assert!(overview.contains("Who stands where"), "{overview}");
    let sources = negkg::parse_dataset(&negkg::bundled_data_files())
        .unwrap()
        .sources
        .len();
    assert!(
        overview.contains(&format!("claims from {sources} sources")),
        "{overview}"
    );
    assert!(
        overview.contains("stated between 2025-"),
        "the date range: {overview}"
    );
    assert!(overview.contains("Sharpest conflicts") && overview.contains("Common ground"));
    assert!(overview.contains("href=\"/id/actor/russia\""), "{overview}");
    assert!(
        overview.contains("href=\"/sparql\""),
        "the SPARQL page is linked"
    );
    // The latest claims carry their quotes; a claim dated only by its report (stated before
    // 1 July 2026) counts among them at that day.
    let latest = part(&overview, "id=\"latest\"", "</section>");
    assert!(latest.contains("<blockquote>"));
    assert!(
        latest.contains("href=\"/id/claim/2026-07-01-warya-hamas-refuses-to-surrender-weapons\""),
        "{latest}"
    );

    let russia = shown(&server, "/id/actor/russia");
    assert!(russia.contains("<h1>Russia</h1>"), "{russia}");
    // More statements than the table shows: the rest as Turtle, a click away.
    assert!(
        russia.contains("<a href=\"/id/actor/russia.ttl\">All of them, as Turtle</a>"),
        "{russia}"
    );
    // The claims come newest first, a page at a time: the demand of May 2025 is on a later
    // page, reached by the "Next" links as a reader would.
    let mut listing = russia.clone();
    let mut pages = 1;
    let target = "href=\"/id/claim/russia-demands-withdrawal-kherson-zaporizhzhia\"";
    while !part(&listing, "id=\"claims\"", "</section>").contains(target) {
        let marker = "rel=\"next\" href=\"";
        let at = listing.find(marker).map(|i| i + marker.len());
        let next = at
            .and_then(|i| listing[i..].split('"').next())
            .unwrap_or_default()
            .replace("&amp;", "&");
        assert!(
            next.starts_with("/id/actor/russia?"),
            "no next page: {listing}"
        );
        listing = shown(&server, &next);
        pages += 1;
        assert!(pages < 20, "the demand is on no page");
    }
    let claims = part(&listing, "id=\"claims\"", "</section>");
    let demand = part(
        claims,
        "href=\"/id/claim/russia-demands-withdrawal-kherson-zaporizhzhia\"",
        "</li>",
    );
    assert!(
        demand.contains("including the cities of Kherson and Zaporizhzhia"),
        "{demand}"
    );
    assert!(
        demand.contains(
            "his negotiators demanded that Kyiv withdraw from large areas of its territory"
        ),
        "the FT quote: {demand}"
    );
    assert!(
        demand.contains("Trump leaves Russia and Ukraine to ceasefire talks"),
        "the FT article: {demand}"
    );
    assert!(demand.contains("2025-05-16"), "{demand}");
    // Standing positions, the timeline picture, affiliations and who addresses it.
    assert!(part(&russia, "id=\"standing\"", "</section>").contains("href=\"/id/issue/territory\""));
    assert!(part(&russia, "id=\"timeline\"", "</section>").contains("<svg"));
    assert!(part(&russia, "id=\"affiliations\"", "</section>").contains("href=\"/id/actor/putin\""));
    assert!(part(&russia, "id=\"addressed\"", "</section>").contains("href=\"/id/actor/ukraine\""));
    // Membership both ways: the pair lists its members, a member the pair it is in.
    let pair = shown(&server, "/id/actor/united-kingdom-and-france");
    let members = part(&pair, "id=\"affiliations\"", "</section>");
    assert!(
        members.contains("member: <a href=\"/id/actor/france\""),
        "{members}"
    );
    assert!(
        members.contains("member: <a href=\"/id/actor/united-kingdom\""),
        "{members}"
    );
    let france = shown(&server, "/id/actor/france");
    let groups = part(&france, "id=\"affiliations\"", "</section>");
    assert!(
        groups.contains("it is a member of: <a href=\"/id/actor/united-kingdom-and-france\""),
        "{groups}"
    );
}

#[test]
fn the_call_of_19_may_shows_trumps_and_putins_accounts_side_by_side() {
    let server = Server::start(&[]);
    let page = shown(&server, "/id/event/trump-putin-call-2025-05-19");
    assert!(
        page.contains("Trump–Putin phone call of 19 May 2025"),
        "{page}"
    );
    let table = part(&page, "<table class=\"accounts\"", "</table>");
    let header = part(table, "<thead>", "</thead>");
    let trump = header
        .find("Donald Trump’s account")
        .expect("Trump's column");
    let putin = header
        .find("Vladimir Putin’s account")
        .expect("Putin's column");
    assert_ne!(trump, putin);
    // The Vatican's offer is only in Trump's account; the memorandum agreement only in Putin's.
    let hosting = part(table, "offer: hosting talks", "</tr>");
    assert!(
        hosting.contains("only in Donald Trump’s account"),
        "{hosting}"
    );
    assert!(hosting.contains("very interested"), "{hosting}");
    assert!(
        hosting.contains("href=\"/id/source/ft-2025-05-19-trump-leaves-ceasefire-talks\">Trump leaves Russia and Ukraine to ceasefire talks</a>"),
        "the source of each quote: {hosting}"
    );
    let memorandum = part(table, "agreement: memorandum", "</tr>");
    assert!(
        memorandum.contains("only in Vladimir Putin’s account"),
        "{memorandum}"
    );
    // A topic both give is not marked.
    let shared = part(table, "demand: eliminate root causes", "</tr>");
    assert!(!shared.contains("only in"), "{shared}");
}

#[test]
fn the_issue_matrix_changes_with_the_as_of_date() {
    let server = Server::start(&[]);
    let parties = |date: &str| -> Vec<String> {
        let page = shown(&server, &format!("/id/issue/territory?asOf={date}"));
        if page.contains("id=\"no-positions\"") {
            return Vec::new();
        }
        let table = part(&page, "id=\"position-matrix\"", "</table>").to_owned();
        table
            .split("<th scope=\"row\">")
            .skip(1)
            .map(|row| part(row, "\">", "</a>")[2..].to_owned())
            .collect()
    };
    assert_eq!(parties("2025-03-01"), Vec::<String>::new());
    let may = parties("2025-05-20");
    assert!(
        may.iter().all(|p| p == "Russia") && !may.is_empty(),
        "{may:?}"
    );
    let august = parties("2025-08-10");
    assert!(august.contains(&"Ukraine".to_owned()), "{august:?}");
    assert!(august.contains(&"Donald Trump".to_owned()), "{august:?}");
    // The date is in the address, and the form shows it.
    let page = html(&server, "/id/issue/territory?asOf=2025-08-10");
    assert!(
        page.contains("name=\"asOf\" value=\"2025-08-10\""),
        "{page}"
    );
    // The timeline of the issue is drawn.
    assert!(part(&page, "id=\"timeline\"", "</section>").contains("<svg"));
}

#[test]
fn a_search_for_vatican_finds_the_offer_to_host_the_talks() {
    let server = Server::start(&[]);
    let page = shown(&server, "/search?q=Vatican");
    let hits = part(&page, "<ol class=\"hits\"", "</main>");
    assert!(hits.contains("href=\"/id/actor/vatican\""), "{hits}");
    assert!(hits.contains("href=\"/id/place/vatican-city\""), "{hits}");
    assert!(
        hits.contains("href=\"/id/claim/vatican-offers-to-host-talks\""),
        "{hits}"
    );
    assert!(hits.contains("very interested"), "{hits}");
    // By alias, in any case.
    assert!(html(&server, "/search?q=holy%20see").contains("href=\"/id/actor/vatican\""));
    assert!(html(&server, "/search?q=zzzz-nothing").contains("0 found"));
}

#[test]
fn source_claim_place_conflict_and_graph_pages() {
    let server = Server::start(&[]);
    let source = shown(
        &server,
        "/id/source/ft-2025-05-19-trump-leaves-ceasefire-talks",
    );
    assert!(source.contains("<h1>Trump leaves Russia and Ukraine to ceasefire talks</h1>"));
    assert!(
        source.contains("href=\"/id/actor/financial-times\""),
        "the publisher"
    );
    // Each quote in the sentence it stands in, the quote marked.
    assert!(
        source.contains(
            "<blockquote class=\"sentence\">He also said <mark>the Vatican would be “very interested” in hosting the talks</mark>, adding: “Let the process begin!”</blockquote>"
        ),
        "{source}"
    );
    // A source whose sentences were not recorded shows its quotes alone.
    let alone = html(&server, "/id/source/newsx-2025-08-16-alaska-summit-no-deal");
    assert!(
        alone.contains("<blockquote>") && !alone.contains("class=\"sentence\""),
        "{alone}"
    );
    let vatican = html(&server, "/id/claim/vatican-offers-to-host-talks");
    assert!(
        vatican
            .contains("<mark>the Vatican would be “very interested” in hosting the talks</mark>"),
        "the claim page too: {vatican}"
    );

    let interfax = html(
        &server,
        "/id/source/interfax-ukraine-2025-03-11-jeddah-joint-statement",
    );
    assert!(
        interfax.contains("href=\"https://en.interfax.com.ua/news/general/1054814.html\" rel=\"noopener noreferrer\">the original</a>"),
        "the link to the original: {interfax}"
    );

    let claim = shown(
        &server,
        "/id/claim/russia-threatens-to-occupy-more-territory",
    );
    assert!(claim.contains("id=\"evidence\""), "{claim}");
    let condition = part(&claim, "id=\"condition\"", "</section>");
    assert!(
        condition.contains("href=\"/id/claim/russia-demands-withdrawal-kherson-zaporizhzhia\""),
        "{condition}"
    );
    assert!(claim.contains("Every statement about it"));

    let place = shown(&server, "/id/place/kherson");
    assert!(place.contains("href=\"/id/claim/russia-demands-withdrawal-kherson-zaporizhzhia\""));

    let conflicts = shown(&server, "/conflicts?actor=russia&issue=territory");
    assert!(
        conflicts.contains("value=\"russia\""),
        "the filters stay in the form"
    );
    assert!(
        conflicts.contains("href=\"/id/actor/ukraine\""),
        "{conflicts}"
    );
    let none = html(&server, "/conflicts?actor=russia&to=2025-01-01");
    assert!(none.contains("None for these filters"), "{none}");
    let ground = shown(&server, "/common-ground?issue=ceasefire");
    assert!(ground.contains("<table class=\"groups\""), "{ground}");

    let graph = shown(&server, "/graph?actor=russia");
    assert!(graph.contains("<svg"), "{graph}");
    assert!(graph.contains("Kherson"), "{graph}");
    let (status, content_type, plain) =
        get(&server.url("/graph.svg?actor=russia&draw=plain"), "*/*");
    assert_eq!((status, content_type.as_str()), (200, "image/svg+xml"));
    assert!(
        plain.contains("Kherson") && plain.contains("href=\"/id/actor/russia\""),
        "{plain}"
    );
    // Without Graphviz the picture is drawn all the same.
    let without = Server::start_with_env(&[], &[("NEGKG_DOT", "/nonexistent/dot")]);
    let page = html(&without, "/graph?issue=territory");
    assert!(
        page.contains("data-drawn-by=\"negkg\"") && page.contains("<svg"),
        "{page}"
    );
}

#[test]
fn the_same_iri_gives_html_to_a_browser_and_rdf_that_rdflib_parses() {
    let server = Server::start(&[]);
    let path = "/id/claim/russia-demands-withdrawal-kherson-zaporizhzhia";
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let (status, content_type, body) = get(&server.url(path), browser);
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(
        body.contains("<h1>Russia demands that Ukraine withdraw"),
        "{body}"
    );
    let mut parsed = Vec::new();
    for (accept, rdflib_format) in [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ] {
        let (status, content_type, body) = get(&server.url(path), accept);
        assert_eq!(status, 200, "{accept}: {body}");
        assert!(content_type.starts_with(accept), "{accept}: {content_type}");
        assert!(body.contains("Kherson"), "{body}");
        parsed.push((rdflib_format, body));
    }
    // The format also by ?format= and by extension.
    let (_, turtle_type, turtle) = get(&server.url(&format!("{path}?format=ttl")), browser);
    assert!(turtle_type.starts_with("text/turtle"), "{turtle_type}");
    assert_eq!(turtle, parsed[0].1);
    let (_, json_type, _) = get(&server.url(&format!("{path}.jsonld")), browser);
    assert!(json_type.starts_with("application/ld+json"), "{json_type}");
    let (status, _, _) = get(&server.url(path), "image/png");
    assert_eq!(status, 406);
    let (status, _, _) = get(&server.url("/id/actor/no-such-actor"), "text/turtle");
    assert_eq!(status, 404);

    // rdflib reads each, and finds the claim's holder and quote.
    let script = r#"
import sys, rdflib
graph = rdflib.Graph()
graph.parse(data=sys.stdin.read(), format=sys.argv[1])
claim = rdflib.URIRef("https://w3id.org/negkg/id/claim/russia-demands-withdrawal-kherson-zaporizhzhia")
neg = rdflib.Namespace("https://w3id.org/negkg/ontology#")
holder = graph.value(claim, neg.holder)
quotes = [str(q) for e in graph.objects(claim, neg.evidence) for q in graph.objects(e, neg.quote)]
print(len(graph), holder, quotes)
"#;
    for (format, body) in parsed {
        let mut child = match Command::new("python3")
            .args(["-c", script, format])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
        {
            Ok(child) => child,
            Err(_) if std::env::var_os("CI").is_none() => {
                eprintln!("skipped: no python3 to parse the RDF with rdflib");
                return;
            }
            Err(error) => panic!("CI must have python3 with rdflib: {error}"),
        };
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(body.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("No module named 'rdflib'") && std::env::var_os("CI").is_none() {
            eprintln!("skipped: rdflib is not installed");
            return;
        }
        assert!(output.status.success(), "{format}: {stderr}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("https://w3id.org/negkg/id/actor/russia"),
            "{format}: {stdout}"
        );
        assert!(
            stdout.contains("his negotiators demanded that Kyiv withdraw"),
            "{format}: {stdout}"
        );
    }
}

#[test]
fn every_value_is_escaped_in_html() {
    let data = fixture("script-labels.toml");
    let server = Server::start(&["--data", data.to_str().unwrap()]);
    for path in [
        "/",
        "/id/actor/test-script-actor",
        "/id/claim/test-script-claim",
        "/id/source/test-script-source",
        "/id/place/test-script-place",
        "/id/event/trump-putin-call-2025-05-19",
        "/id/issue/territory",
        "/id/actor/russia",
        "/search?q=script",
        "/search?q=%3Cscript%3Ealert(%27q%27)%3C%2Fscript%3E",
        "/conflicts?actor=test-script-actor",
        "/common-ground",
        "/graph?actor=test-script-actor",
        "/graph?actor=test-script-actor&draw=plain",
    ] {
        let body = html(&server, path);
        for raw in ["<script>alert", "<img src=x", "<iframe", "<b>bold"] {
            assert!(!body.contains(raw), "{path} holds {raw} unescaped: {body}");
        }
    }
    let actor = html(&server, "/id/actor/test-script-actor");
    assert!(
        actor.contains("&lt;script&gt;alert('actor')&lt;/script&gt; Actor"),
        "{actor}"
    );
    let claim = html(&server, "/id/claim/test-script-claim");
    assert!(
        claim.contains("&lt;/blockquote&gt;&lt;script&gt;alert('quote')"),
        "{claim}"
    );
    assert!(
        claim.contains("&lt;iframe src=javascript:alert('condition')&gt;"),
        "{claim}"
    );
    let source = html(&server, "/id/source/test-script-source");
    assert!(
        !source.contains("href=\"javascript:"),
        "no script link: {source}"
    );
    assert!(
        source.contains(
            "&lt;b&gt;bold&lt;/b&gt; then <mark>&lt;/blockquote&gt;&lt;script&gt;alert('quote')"
        ),
        "the sentence escaped around its marked quote: {source}"
    );
    let search = html(&server, "/search?q=script");
    assert!(
        search.contains("href=\"/id/actor/test-script-actor\""),
        "{search}"
    );
    let (_, _, plain) = get(
        &server.url("/graph.svg?actor=test-script-actor&draw=plain"),
        "*/*",
    );
    assert!(!plain.contains("<script>alert"), "{plain}");
}

#[test]
fn cors_preflights_are_answered() {
    let server = Server::start(&[]);
    let preflight = |path: &str, method: &str| {
        let response = agent()
            .request("OPTIONS", &server.url(path))
            .set("Origin", "https://example.org")
            .set("Access-Control-Request-Method", method)
            .set("Access-Control-Request-Headers", "content-type, accept")
            .call();
        match response {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(error) => panic!("{error}"),
        }
    };
    let response = preflight("/query", "POST");
    assert_eq!(response.status(), 204);
    assert_eq!(response.header("Access-Control-Allow-Origin"), Some("*"));
    let methods = response.header("Access-Control-Allow-Methods").unwrap();
    assert!(
        methods.contains("POST") && methods.contains("GET"),
        "{methods}"
    );
    let headers = response
        .header("Access-Control-Allow-Headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        headers.contains("content-type") && headers.contains("accept"),
        "{headers}"
    );
    let max_age: u32 = response
        .header("Access-Control-Max-Age")
        .unwrap()
        .parse()
        .unwrap();
    assert!(max_age >= 600);
    // Writes are not offered by a read-only server.
    assert_eq!(preflight("/update", "POST").status(), 403);
    assert_eq!(preflight("/store", "PUT").status(), 403);
    // The POST itself then works from another origin.
    let answer = agent()
        .post(&server.url("/query"))
        .set("Origin", "https://example.org")
        .set("Content-Type", "application/sparql-query")
        .set("Accept", "application/sparql-results+json")
        .send_string("ASK { actor:russia ?p ?o }")
        .unwrap();
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("*"));
    assert!(answer.into_string().unwrap().contains("true"));
    // With --allow-update, the update endpoint is offered.
    let writable = Server::start(&["--allow-update"]);
    let response = agent()
        .request("OPTIONS", &writable.url("/update"))
        .set("Access-Control-Request-Method", "POST")
        .call()
        .unwrap();
    assert_eq!(response.status(), 204);
}

#[test]
fn pages_are_bounded_and_bad_pages_get_clear_errors() {
    let dir = std::env::temp_dir().join(format!("negkg-web-paging-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let generated = crate::util::negkg(&[
        "generate",
        "--claims",
        "1500",
        "--format",
        "nq",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    let nq = dir.join("negkg.nq");
    let server = Server::start(&["--no-bundled", "--data", nq.to_str().unwrap()]);
    for (path, status) in [
        ("/conflicts?page=0", 400),
        ("/conflicts?page=x", 400),
        ("/conflicts?page=100000", 404),
        ("/conflicts?asOf=31-12-2025", 400),
        ("/id/actor/state-0?page=100000", 404),
        ("/graph?draw=fancy", 400),
        ("/id/actor/state-0?format=png", 406),
    ] {
        let (got, _, body) = get(&server.url(path), "text/html");
        assert_eq!(got, status, "{path}: {body}");
        assert!(
            !body.trim().is_empty(),
            "{path}: the error says what to fix"
        );
    }
    // Every list holds at most one page, and links to the next.
    let count = |page: &str, marker: &str| page.matches(marker).count();
    let actor = html(&server, "/id/actor/state-0");
    let claims = part(&actor, "id=\"claims\"", "</section>");
    assert_eq!(count(claims, "<li>"), 25, "{claims}");
    assert!(claims.contains("rel=\"next\""), "{claims}");
    let second = html(&server, "/id/actor/state-0?page=2");
    assert!(part(&second, "id=\"claims\"", "</section>").contains("rel=\"prev\""));
    for path in ["/conflicts", "/common-ground", "/conflicts?page=2"] {
        let page = html(&server, path);
        let rows = part(&page, "<tbody>", "</tbody>");
        assert_eq!(count(rows, "<tr>"), 25, "{path}");
    }
    let search = html(&server, "/search?q=state");
    assert!(count(&search, "<span class=\"kind\">") <= 25);
    let overview = html(&server, "/");
    assert!(count(part(&overview, "id=\"latest\"", "</section>"), "<li>") <= 8);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kept_pages_of_conflicts_follow_an_update_of_the_store() {
    let server = Server::start(&["--allow-update"]);
    let total = |page: &str| -> usize {
        let marker = " in all)";
        let end = page.find(marker).expect("a page count");
        page[..end]
            .rsplit('(')
            .next()
            .and_then(|n| n.trim().parse().ok())
            .expect("a number of groups")
    };
    // Made when the server started, and kept: the same page twice.
    let before = html(&server, "/conflicts");
    assert_eq!(total(&before), total(&html(&server, "/conflicts")));
    assert!(!before.contains("Test party"));
    // A rejection of Russia's standing demand of March 2026 by a new party makes a new conflict.
    let answer = agent()
        .post(&server.url("/update"))
        .set("Content-Type", "application/sparql-update")
        .send_string(
            "INSERT DATA { GRAPH <https://example.org/test> {
               claim:test-rejection a neg:Rejection ; rdfs:label \"A test rejection\" ;
                 neg:holder actor:test-party ;
                 neg:respondsTo claim:russia-advances-should-push-kyiv-to-negotiate-2026-03-09 .
               actor:test-party rdfs:label \"Test party\" } }",
        )
        .unwrap();
    assert!(answer.status() < 300);
    // One group per issue of the demand (a peace agreement, territory).
    let after = html(&server, "/conflicts");
    assert_eq!(total(&after), total(&before) + 2, "{after}");
    let theirs = html(&server, "/conflicts?actor=test-party");
    assert!(theirs.contains("Test party"), "{theirs}");
    let overview = html(&server, "/");
    assert!(overview.contains("claims from"), "{overview}");
}

/// One count from the local store, by SPARQL (`?n`).
fn count(query: &str) -> usize {
    let csv = crate::util::ok(&["query", query, "--format", "csv"]);
    csv.lines().nth(1).unwrap().trim().parse().unwrap()
}

#[test]
fn every_analysis_page_can_be_limited_to_one_negotiation() {
    let server = Server::start(&[]);
    // The overview of Gaza alone: its name, its totals, its parties; the bar marks it and
    // every page of the navigation keeps it.
    let gaza = html(&server, "/?negotiation=gaza");
    assert!(
        gaza.contains(
            "<h1>Gaza negotiations after the October 2025 ceasefire agreement at a glance</h1>"
        ),
        "{gaza}"
    );
    let claims = count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c neg:negotiation negotiation:gaza ; neg:holder ?h }");
    let sources = count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?s { ?c neg:holder ?h } ?c neg:negotiation negotiation:gaza }");
    assert!(
        gaza.contains(&format!("{claims} claims from {sources} sources")),
        "{claims} claims, {sources} sources: {}",
        part(&gaza, "class=\"lead\"", "</p>")
    );
    assert!(gaza.contains("href=\"/conflicts?negotiation=gaza\""));
    assert!(gaza.contains("href=\"/graph?negotiation=gaza\""));
    let bar = part(&gaza, "aria-label=\"Negotiation\"", "</nav>");
    assert!(
        bar.contains("href=\"/?negotiation=gaza\" aria-current=\"true\""),
        "{bar}"
    );
    assert!(
        bar.contains("href=\"/?negotiation=russia-ukraine\""),
        "{bar}"
    );
    assert!(bar.contains("href=\"/\">all</a>"), "{bar}");
    let matrix = part(&gaza, "id=\"positions\"", "</section>");
    assert!(matrix.contains("href=\"/id/actor/hamas\""), "{matrix}");
    assert!(!matrix.contains("href=\"/id/actor/russia\""), "{matrix}");

    // Conflicts of one negotiation name only parties holding its claims.
    let holders: Vec<String> = crate::util::ok(&[
        "query",
        "SELECT DISTINCT ?h WHERE { ?c neg:negotiation negotiation:gaza ; neg:holder ?h }",
        "--format",
        "csv",
    ])
    .lines()
    .skip(1)
    .map(|iri| iri.trim().replace("https://w3id.org/negkg", ""))
    .collect();
    let conflicts = html(&server, "/conflicts?negotiation=gaza");
    let table = part(&conflicts, "<table", "</table>");
    let parties: Vec<&str> = table
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with("/id/actor/"))
        .collect();
    assert!(!parties.is_empty(), "{table}");
    for party in parties {
        assert!(
            holders.iter().any(|h| h == party),
            "{party} holds no Gaza claim"
        );
    }
    assert!(html(&server, "/conflicts").contains("href=\"/id/actor/russia\""));
    // The filter form keeps it.
    assert!(conflicts.contains("<input type=\"hidden\" name=\"negotiation\" value=\"gaza\">"));

    // An actor's page: only its claims in that negotiation, and its links keep it.
    let trump_in_gaza = count(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c neg:holder actor:trump ; neg:negotiation negotiation:gaza }",
    );
    let trump_all = count("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c neg:holder actor:trump }");
    assert!(trump_in_gaza > 0 && trump_in_gaza < trump_all);
    let trump = html(&server, "/id/actor/trump?negotiation=gaza");
    assert!(
        trump.contains(&format!("Claims ({trump_in_gaza})")),
        "{trump_in_gaza}"
    );
    assert!(html(&server, "/id/actor/trump").contains(&format!("Claims ({trump_all})")));
    assert!(trump.contains(
        "/conflicts?actor=https%3A%2F%2Fw3id.org%2Fnegkg%2Fid%2Factor%2Ftrump&amp;negotiation=gaza"
    ));

    // The graph picture draws that negotiation's positions only.
    let (status, _, svg) = get(&server.url("/graph.svg?negotiation=gaza"), "image/svg+xml");
    assert_eq!(status, 200, "{svg}");
    assert!(svg.contains("Hamas") && !svg.contains("Kherson"), "{svg}");

    // A negotiation the store does not hold: 404, naming those it holds.
    let (status, _, body) = get(&server.url("/conflicts?negotiation=nowhere"), "text/html");
    assert_eq!(status, 404);
    assert!(
        body.contains(
            "it holds armenia-azerbaijan, drc-m23, gaza, russia-ukraine, us-iran, us-venezuela"
        ),
        "{body}"
    );
}
