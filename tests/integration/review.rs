//! `negkg review`: the page's HTTP API without a browser (load, edit, reject, add, save that
//! validates, no overwrite without confirmation, escaping, refused origins), bad drafts, and
//! the page driven in headless Chromium.

use crate::util::{agent, fixture, negkg, Scratch};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A `negkg review` of the fixture draft on a free port, stopped when dropped.
struct Review {
    child: Child,
    base: String,
    token: String,
}

impl Review {
    fn start(out: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_negkg"))
            .arg("review")
            .arg(fixture("review/article.txt"))
            .arg(fixture("review/draft.toml"))
            .arg("--out")
            .arg(out)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut said = String::new();
        let address = loop {
            let mut line = String::new();
            assert!(
                stderr.read_line(&mut line).unwrap() > 0,
                "negkg review stopped: {said}"
            );
            said.push_str(&line);
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().unwrap().to_owned();
            }
        };
        let mut review = Self {
            child,
            base: format!("http://{address}"),
            token: String::new(),
        };
        let page = review.get("/").2;
        review.token = page
            .split("name=\"review-token\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the page holds its token")
            .to_owned();
        review
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// (status, headers of interest, body) of a GET.
    fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        answer(agent().get(&self.url(path)).call())
    }

    fn post(&self, path: &str, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
        let (status, _, body) = answer(
            agent()
                .post(&self.url(path))
                .set("X-Review-Token", &self.token)
                .send_form(form),
        );
        (status, serde_json::from_str(&body).unwrap())
    }

    fn state(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/review.json").2).unwrap()
    }
}

impl Drop for Review {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn answer(result: Result<ureq::Response, ureq::Error>) -> (u16, Vec<(String, String)>, String) {
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{error}"),
    };
    let headers = response
        .headers_names()
        .into_iter()
        .map(|name| {
            let value = response.header(&name).unwrap_or_default().to_owned();
            (name.to_ascii_lowercase(), value)
        })
        .collect();
    (response.status(), headers, response.into_string().unwrap())
}

/// A fresh folder for one test's output, removed when the test ends.
fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("review-{name}"))
}

fn article() -> String {
    std::fs::read_to_string(fixture("review/article.txt")).unwrap()
}

/// Where `quote` stands in the fixture article, in characters.
fn span_of(quote: &str) -> (u64, u64) {
    negkg::locate_quote(&article(), quote).expect("the quote is in the article")
}

const ADDED: &str = "Italy said it would support a ceasefire in the spring";

#[test]
fn the_api_edits_rejects_adds_and_saves_a_file_that_validates() {
    let dir = scratch("api");
    let out = dir.join("reviewed.toml");
    let review = Review::start(&out, &[]);

    // Loaded: the draft's four claims, each with its evidence found where the draft says.
    let state = review.state();
    let claims = state["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 4);
    assert!(claims.iter().all(|c| c["decision"] == "undecided"));
    let (start, end) = span_of("Russia demanded on Monday that Ukraine withdraw from Kherson");
    assert_eq!(claims[0]["spans"], serde_json::json!([[start, end]]));
    assert_eq!(
        claims[0]["drafted"],
        "confidence 0.82 · rule demand/\"demanded\""
    );

    // Nothing changes without the page's token.
    let (status, _, _) = answer(agent().post(&review.url("/save")).send_form(&[]));
    assert_eq!(status, 403);
    // An id the data lacks is refused, and the claim stays as it was.
    let (status, body) = review.post(
        "/claims/0",
        &[("holder", "nobody-known"), ("decision", "accept")],
    );
    assert_eq!(status, 400, "{body}");
    assert!(body["error"].as_str().unwrap().contains("not in the data"));
    assert_eq!(review.state()["claims"][0]["holder"], "russia");
    assert_eq!(review.state()["claims"][0]["decision"], "undecided");

    // A file that would not validate is not written, and the errors say where and why: the
    // rejection answers the demand, which is rejected.
    assert_eq!(review.post("/claims/0", &[("decision", "reject")]).0, 200);
    assert_eq!(review.post("/claims/1", &[("decision", "accept")]).0, 200);
    let (status, body) = review.post("/save", &[]);
    assert_eq!(status, 422, "{body}");
    let errors = body["errors"].to_string();
    assert!(errors.contains("unknown claim"), "{errors}");
    assert!(errors.contains("reviewed.toml:"), "{errors}");
    assert!(
        !out.exists(),
        "nothing is written when the file would not validate"
    );

    // Edit and accept the demand, reject the rejection, accept the offer.
    let (status, body) = review.post(
        "/claims/0",
        &[
            ("kind", "demand"),
            ("holder", "putin"),
            ("addressee", "ukraine"),
            ("addressee", "zelensky"),
            ("addressee", ""),
            ("action", "withdrawal"),
            ("place", "kherson"),
            ("place", "kherson-oblast"),
            ("issue", "territory"),
            ("stated_on", "2025-06-01"),
            ("modality", "asserted"),
            ("condition", ""),
            ("label", "Putin demands that Ukraine withdraw from Kherson"),
            ("decision", "accept"),
        ],
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(review.post("/claims/1", &[("decision", "reject")]).0, 200);
    assert_eq!(review.post("/claims/3", &[("decision", "accept")]).0, 200);

    // Add a claim from a selection (offsets), and refuse a quote the article lacks.
    let (start, end) = span_of(ADDED);
    let (status, body) = review.post(
        "/claims",
        &[("start", &start.to_string()), ("end", &end.to_string())],
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["claim"], 4);
    let (status, body) = review.post("/claims", &[("quote", "words nobody wrote")]);
    assert_eq!(status, 400);
    assert!(body["error"]
        .as_str()
        .unwrap()
        .contains("not in the article"));
    // Accepting needs a holder and an action.
    let (status, body) = review.post("/claims/4", &[("decision", "accept")]);
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("holder"));
    let (status, body) = review.post(
        "/claims/4",
        &[
            ("kind", "commitment"),
            ("holder", "italy"),
            ("action", "support"),
            ("issue", "ceasefire"),
            ("modality", "future"),
            ("decision", "accept"),
        ],
    );
    assert_eq!(status, 200, "{body}");
    let state = review.state();
    let claims = state["claims"].as_array().unwrap();
    assert_eq!(
        claims[0]["addressees"],
        serde_json::json!(["ukraine", "zelensky"])
    );
    assert_eq!(
        claims[0]["places"],
        serde_json::json!(["kherson", "kherson-oblast"])
    );
    assert_eq!(claims[4]["quotes"], serde_json::json!([ADDED]));
    assert_eq!(claims[4]["label"], "Italy: commitment (support)");

    // Save: the file validates as `negkg validate` sees it and holds the edits.
    let (status, body) = review.post("/save", &[]);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["claims"], 3);
    let saved = std::fs::read_to_string(&out).unwrap();
    let validate = negkg(&["validate", out.to_str().unwrap()]);
    assert_eq!(validate.code, 0, "{}\n{saved}", validate.stderr);
    assert!(saved.contains("holder = \"putin\""), "{saved}");
    assert!(
        saved.contains("addressee = [\"ukraine\", \"zelensky\"]"),
        "{saved}"
    );
    assert!(saved.contains("stated_on = 2025-06-01"), "{saved}");
    // The added quote with the sentence of the article it stands in, and its offsets.
    assert!(
        saved.contains(&format!(
            "quote = \"{ADDED}\"\nsentence = \"{ADDED}.\"\nstart = {start}\nend = {end}"
        )),
        "{saved}"
    );
    assert!(saved.contains("reviewed with negkg review."), "{saved}");
    assert!(
        !saved.contains("ukraine-rejection-2"),
        "the rejected claim is left out"
    );
    assert!(
        !saved.contains("unnamed-spokesman"),
        "the undecided claim and its new actor are left out"
    );
    assert!(
        saved.contains("id = \"test-wire\""),
        "the new publisher is kept"
    );

    // An existing file is replaced only when the request says so.
    assert_eq!(review.post("/claims/3", &[("decision", "reject")]).0, 200);
    let (status, body) = review.post("/save", &[]);
    assert_eq!(status, 409, "{body}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        saved,
        "left as it was"
    );
    let (status, _) = review.post("/save", &[("overwrite", "yes")]);
    assert_eq!(status, 200);
    let replaced = std::fs::read_to_string(&out).unwrap();
    assert!(saved.contains("turkey-offer-4") && !replaced.contains("turkey-offer-4"));
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no partial files are left behind");
}

#[test]
fn a_quote_holding_a_script_element_is_escaped_in_the_page() {
    let dir = scratch("escape");
    let review = Review::start(&dir.join("out.toml"), &[]);
    let (status, headers, page) = review.get("/");
    assert_eq!(status, 200);
    let escaped = "“&lt;script&gt;alert('pwned')&lt;/script&gt;”";
    assert_eq!(
        page.matches(escaped).count(),
        2,
        "in the article and in the claim: {page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert!(header("content-security-policy").contains("script-src 'self'"));
    assert_eq!(
        header("access-control-allow-origin"),
        "",
        "no other site may read the page"
    );
    // Every claim's evidence is marked in the article, and the marks name their claims.
    for index in 0..4 {
        assert!(page.contains(&format!("<span class=\"anchor\" id=\"ev-{index}\"></span><mark class=\"ev undecided\" tabindex=\"0\" data-claims=\"{index}\"")), "claim {index}: {page}");
    }
    // The script and the style come from this server.
    assert_eq!(review.get("/review.js").0, 200);
    assert_eq!(review.get("/review.css").0, 200);
}

#[test]
fn requests_from_other_sites_are_refused() {
    let dir = scratch("origins");
    let review = Review::start(&dir.join("out.toml"), &[]);
    let (status, _, _) = answer(
        agent()
            .get(&review.url("/"))
            .set("Host", "attacker.example")
            .call(),
    );
    assert_eq!(status, 403, "a page of another name rebound to 127.0.0.1");
    let (status, _, _) = answer(
        agent()
            .post(&review.url("/claims/0"))
            .set("X-Review-Token", &review.token)
            .set("Origin", "http://attacker.example")
            .send_form(&[("decision", "accept")]),
    );
    assert_eq!(status, 403);
    let (status, _, _) = answer(
        agent()
            .post(&review.url("/claims/0"))
            .set("X-Review-Token", "guessed")
            .send_form(&[("decision", "accept")]),
    );
    assert_eq!(status, 403);
    assert_eq!(review.state()["claims"][0]["decision"], "undecided");
}

#[test]
fn a_bad_draft_is_refused_with_file_line_and_column() {
    let dir = scratch("bad-draft");
    let draft = std::fs::read_to_string(fixture("review/draft.toml")).unwrap();
    let bad = draft.replacen("holder = \"russia\"", "holder = \"rusia\"", 1);
    let line = bad.lines().position(|l| l == "holder = \"rusia\"").unwrap() + 1;
    let path = dir.join("bad.toml");
    std::fs::write(&path, &bad).unwrap();
    let article = fixture("review/article.txt");
    let out = dir.join("out.toml");
    let run = negkg(&[
        "review",
        article.to_str().unwrap(),
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "bad.toml:{line}:10: unknown actor `rusia` in `holder`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `russia`?"),
        "{}",
        run.stderr
    );
    // Broken TOML, a missing article, and no folder to save in.
    std::fs::write(&path, "[source\nid = 1\n").unwrap();
    let run = negkg(&["review", article.to_str().unwrap(), path.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(run.stderr.contains("bad.toml:1:"), "{}", run.stderr);
    let run = negkg(&["review", "no-such-article.txt", path.to_str().unwrap()]);
    assert_eq!(run.code, 66, "{}", run.stderr);
    let draft_path = fixture("review/draft.toml");
    let run = negkg(&[
        "review",
        article.to_str().unwrap(),
        draft_path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("give --out FILE"), "{}", run.stderr);
    // A folder as --out is refused before the analyst starts, not when saving (a review
    // that starts serving instead is stopped after 20 s, and the test fails).
    let mut child = Command::new(env!("CARGO_BIN_EXE_negkg"))
        .arg("review")
        .args([&article, &draft_path])
        .arg("--out")
        .arg(&*dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let run = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("is a folder: saving needs a file"),
        "{stderr}"
    );
}

#[test]
fn the_page_in_a_browser_marks_evidence_and_saves_the_edits() {
    let Some(chromium) = crate::util::chromium() else {
        return;
    };
    let dir = scratch("browser");
    let out = dir.join("reviewed.toml");
    let review = Review::start(&out, &["--scripted-steps"]);
    // As an analyst would: change a holder, accept, reject, select words to add a claim and
    // fill it in, save; then change a decision and save again, confirming the overwrite.
    let (start, end) = span_of(ADDED);
    let steps = [
        // First a file that would not validate: the accepted rejection answers a rejected
        // demand.
        "reject:0".to_owned(),
        "accept:1".into(),
        "save".into(),
        "set:0:holder:putin".into(),
        "accept:0".into(),
        "reject:1".into(),
        "accept:3".into(),
        format!("select:{start}:{end}"),
        "set:4:holder:italy".into(),
        "set:4:action:support".into(),
        "set:4:kind:commitment".into(),
        "accept:4".into(),
        "save".into(),
        "reject:3".into(),
        "save".into(),
    ];
    let page = review.url(&format!("/?steps={}", steps.join(",")));
    let profile = dir.join("profile");
    let dom = crate::util::headless(chromium, &profile, 20000)
        .arg("--dump-dom")
        .arg(&page)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("data-steps=\"done\""),
        "the steps did not finish: {dom}"
    );
    let log = dom
        .split("<pre id=\"steps-log\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_default();
    // The refusal stays on the page until the next change.
    let (refused, log) = log.split_once("step accept:0").unwrap();
    assert!(
        refused.contains("save: the file would not validate, so nothing was written")
            && refused.contains("unknown claim"),
        "the page shows why it did not save: {refused}"
    );
    assert!(!log.contains("error:"), "{log}");
    assert!(
        log.contains("confirmed: "),
        "the overwrite was asked: {log}"
    );
    assert!(log.contains("status: Saved 2 claims to"), "{log}");
    // The evidence is marked by decision, and the quote with a <script> stays text.
    for (index, decision) in [
        (0, "accepted"),
        (1, "rejected"),
        (2, "undecided"),
        (3, "rejected"),
        (4, "accepted"),
    ] {
        assert!(
            dom.contains(&format!(
                "<mark class=\"ev {decision}\" tabindex=\"0\" data-claims=\"{index}\""
            )),
            "claim {index} is not marked {decision}: {dom}"
        );
    }
    assert!(
        dom.contains("&lt;script&gt;alert('pwned')&lt;/script&gt;"),
        "{dom}"
    );
    assert!(!dom.contains("<script>alert"), "{dom}");
    // The file validates and holds the edits.
    let saved = std::fs::read_to_string(&out).unwrap();
    let validate = negkg(&["validate", out.to_str().unwrap()]);
    assert_eq!(validate.code, 0, "{}\n{saved}", validate.stderr);
    assert!(saved.contains("holder = \"putin\""), "{saved}");
    assert!(
        saved.contains(&format!(
            "quote = \"{ADDED}\"\nsentence = \"{ADDED}.\"\nstart = {start}\nend = {end}"
        )),
        "{saved}"
    );
    assert!(saved.contains("holder = \"italy\"") && saved.contains("kind = \"commitment\""));
    assert!(!saved.contains("ukraine-rejection-2"), "{saved}");
    assert!(
        !saved.contains("turkey-offer-4"),
        "the second save replaced the first: {saved}"
    );
}
