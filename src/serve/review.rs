//! The review page: a draft from `negkg extract` beside the article it was drafted from,
//! served on the loopback address for one analyst, who accepts, edits or rejects each claim,
//! adds claims by selecting words, and saves the accepted claims as a data file that validates.
//!
//! The page and its requests:
//! - `GET /` the page; `GET /review.css`, `GET /review.js` its style and script (embedded, no
//!   build step, nothing from elsewhere); `GET /review.json` the review's state.
//! - `POST /claims/N` changes claim N (from 0): form fields `kind`, `holder`, `addressee`
//!   (repeatable), `action`, `place`, `issue` (repeatable), `stated_on`, `modality`,
//!   `condition`, `label`, and `decision` = `accept`, `reject`, `undecided` or `keep`.
//! - `POST /claims` adds a claim: `start` and `end` (characters of the article) or `quote`.
//! - `POST /save` writes the file; `overwrite=yes` to replace an existing one (else 409).
//!
//! Every request must come to `127.0.0.1` or `localhost` by name (against DNS rebinding), and
//! every POST must carry the page's token in `X-Review-Token` (a header another site's page
//! cannot send without this server's consent, which it never gives). Responses forbid inline
//! scripts and framing.

mod page;
mod state;

pub use state::Review;

use super::{parameters, read_body, Answer};
use crate::error::{Error, Result};
use state::{Decision, Edit, SaveError};
use std::net::SocketAddr;
use tiny_http::{Header, Method, Request, Response, Server};

const SCRIPT: &str = include_str!("assets/review.js");
const STYLE: &str = include_str!("assets/review.css");

/// What every answer forbids: scripts, styles and requests from anywhere but this server, and
/// inline scripts and styles above all.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How to serve a review.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Let `?steps=` in the page's address drive the page (for tests in a browser).
    pub scripted_steps: bool,
}

impl Default for ReviewOptions {
    fn default() -> Self {
        Self {
            port: 0,
            max_body: 1 << 20,
            scripted_steps: false,
        }
    }
}

/// What one server keeps besides the review.
struct Session {
    token: String,
    port: u16,
    options: ReviewOptions,
}

/// Serves the review on 127.0.0.1 until the process ends. `ready` gets the bound address.
pub fn serve(
    mut review: Review,
    options: &ReviewOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<()> {
    let server = Server::http(("127.0.0.1", options.port)).map_err(|e| {
        Error::Unsupported(format!(
            "cannot listen on 127.0.0.1:{}: {e}\n  help: choose another port with --port, or 0 for a free one",
            options.port
        ))
    })?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Unsupported("the server has no IP address".into()))?;
    let session = Session {
        token: new_token(),
        port: address.port(),
        options: options.clone(),
    };
    ready(address);
    for mut request in server.incoming_requests() {
        let answer = handle(&mut review, &session, &mut request);
        respond(request, answer);
    }
    Ok(())
}

/// 128 bits no other page can guess: SipHash under the process's random keys.
fn new_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    (0..2u64)
        .map(|salt| {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u64(salt);
            hasher.write_u128(nanos);
            hasher.write_u32(std::process::id());
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

fn respond(request: Request, answer: Answer) {
    let mut response = Response::from_data(answer.body).with_status_code(answer.status);
    let headers = [
        ("Content-Type", answer.content_type.as_str()),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ];
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name, value) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

fn json(status: u16, value: &serde_json::Value) -> Answer {
    Answer::new(
        status,
        "application/json",
        serde_json::to_vec(value).unwrap_or_default(),
    )
}

fn error(status: u16, message: impl Into<String>) -> Answer {
    json(status, &serde_json::json!({ "error": message.into() }))
}

fn handle(review: &mut Review, session: &Session, request: &mut Request) -> Answer {
    if let Err(answer) = check_origin(session, request) {
        return answer;
    }
    let url = request.url().to_owned();
    let path = url.split_once('?').map_or(url.as_str(), |(p, _)| p);
    let method = request.method().clone();
    if method == Method::Post {
        let token = super::header(request, "X-Review-Token").unwrap_or_default();
        if token != session.token {
            return error(
                403,
                "this request lacks the page's token: reload the review page and try again",
            );
        }
    }
    match (method, path) {
        (Method::Get, "/") => Answer::new(
            200,
            "text/html; charset=utf-8",
            page::page(review, &session.token, session.options.scripted_steps),
        ),
        (Method::Get, "/review.js") => Answer::new(200, "text/javascript; charset=utf-8", SCRIPT),
        (Method::Get, "/review.css") => Answer::new(200, "text/css; charset=utf-8", STYLE),
        (Method::Get, "/review.json") => json(200, &state_json(review)),
        (Method::Post, "/claims") => match form(request, session) {
            Ok(params) => add(review, &params),
            Err(answer) => answer,
        },
        (Method::Post, "/save") => match form(request, session) {
            Ok(params) => save(review, &params),
            Err(answer) => answer,
        },
        (Method::Post, path) if path.starts_with("/claims/") => {
            let Ok(index) = path["/claims/".len()..].parse::<usize>() else {
                return error(404, "no such claim: use /claims/N with N from 0");
            };
            match form(request, session).and_then(|p| edit_from(&p)) {
                Ok(edit) => match review.edit(index, &edit) {
                    Ok(()) => json(200, &serde_json::json!({ "claim": index })),
                    Err(message) => error(400, message),
                },
                Err(answer) => answer,
            }
        }
        (_, "/" | "/review.js" | "/review.css" | "/review.json" | "/claims" | "/save") => {
            error(405, "method not allowed here")
        }
        _ => error(404, "not found: the review page is at /"),
    }
}

/// Refuses requests addressed to another host name (a page of another site resolving its own
/// name to 127.0.0.1) and POSTs sent from another origin.
fn check_origin(session: &Session, request: &Request) -> std::result::Result<(), Answer> {
    let port = session.port;
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if let Some(host) = super::header(request, "Host") {
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(host)) {
            return Err(error(
                403,
                format!(
                    "this review answers only to http://127.0.0.1:{port}/, not to the host {host}"
                ),
            ));
        }
    }
    if let Some(origin) = super::header(request, "Origin") {
        if !allowed.iter().any(|a| origin == format!("http://{a}")) {
            return Err(error(403, format!("requests from {origin} are refused")));
        }
    }
    Ok(())
}

fn form(
    request: &mut Request,
    session: &Session,
) -> std::result::Result<Vec<(String, String)>, Answer> {
    let content_type = super::header(request, "Content-Type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(error(
            415,
            "send the form as application/x-www-form-urlencoded",
        ));
    }
    let body = read_body(request, session.options.max_body).map_err(|answer| {
        let message = String::from_utf8_lossy(&answer.body).trim().to_owned();
        error(answer.status, message)
    })?;
    let text = String::from_utf8(body).map_err(|_| error(400, "the form is not UTF-8"))?;
    Ok(parameters(&text))
}

fn edit_from(params: &[(String, String)]) -> std::result::Result<Edit, Answer> {
    let one = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let many = |key: &str| {
        params.iter().any(|(k, _)| k == key).then(|| {
            params
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .collect()
        })
    };
    let decision = match one("decision").as_deref() {
        None | Some("keep") => None,
        Some("accept") => Some(Decision::Accepted),
        Some("reject") => Some(Decision::Rejected),
        Some("undecided") => Some(Decision::Undecided),
        Some(other) => {
            return Err(error(
                400,
                format!("decision: `{other}` is none of accept, reject, undecided, keep"),
            ))
        }
    };
    Ok(Edit {
        kind: one("kind"),
        holder: one("holder"),
        addressees: many("addressee"),
        action: one("action"),
        places: many("place"),
        issues: many("issue"),
        stated_on: one("stated_on"),
        modality: one("modality"),
        condition: one("condition"),
        label: one("label"),
        decision,
    })
}

fn add(review: &mut Review, params: &[(String, String)]) -> Answer {
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let range = match (get("start"), get("end")) {
        (Some(start), Some(end)) => match (start.parse::<usize>(), end.parse::<usize>()) {
            (Ok(start), Ok(end)) if start < end => Some((start, end)),
            _ => {
                return error(
                    400,
                    format!("start {start} and end {end} are no range of characters"),
                )
            }
        },
        _ => None,
    };
    match review.add(range, get("quote")) {
        Ok(index) => json(200, &serde_json::json!({ "claim": index })),
        Err(message) => error(400, message),
    }
}

fn save(review: &mut Review, params: &[(String, String)]) -> Answer {
    let overwrite = params.iter().any(|(k, v)| k == "overwrite" && v == "yes");
    match review.save(overwrite) {
        Ok(path) => json(
            200,
            &serde_json::json!({
                "saved": path.display().to_string(),
                "claims": review.entries.iter().filter(|e| e.decision == Decision::Accepted).count(),
            }),
        ),
        Err(SaveError::Exists(path)) => json(
            409,
            &serde_json::json!({
                "exists": path.display().to_string(),
                "error": format!("{} exists already; nothing was written. Confirm to replace it.", path.display()),
            }),
        ),
        Err(SaveError::Invalid(errors)) => json(
            422,
            &serde_json::json!({
                "error": "the file would not validate, so nothing was written; fix these and save again",
                "errors": errors,
            }),
        ),
        Err(SaveError::Io(message)) => error(500, message),
    }
}

fn state_json(review: &Review) -> serde_json::Value {
    let claims: Vec<serde_json::Value> = review
        .entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let claim = &entry.claim;
            serde_json::json!({
                "index": index,
                "id": claim.id,
                "decision": entry.decision.as_str(),
                "kind": claim.kind.as_str(),
                "holder": claim.holder,
                "addressees": claim.addressees,
                "action": claim.action,
                "places": claim.places,
                "issues": claim.issues,
                "stated_on": claim.stated_on.map(|d| d.to_string()),
                "modality": claim.modality.as_str(),
                "condition": claim.condition,
                "label": claim.label,
                "quotes": claim.evidence.iter().map(|e| e.quote.clone()).collect::<Vec<_>>(),
                "spans": entry.spans,
                "drafted": entry.drafted,
            })
        })
        .collect();
    serde_json::json!({
        "source": review.source.id,
        "out": review.out.display().to_string(),
        "saved": review.saved.as_ref().map(|p| p.display().to_string()),
        "claims": claims,
    })
}
