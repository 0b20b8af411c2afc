//! The analyst's web app (an overview, a page per resource at the path of its IRI with HTML or
//! RDF by content negotiation, conflicts, common ground, the graph picture and search: see
//! `serve/app.rs`) and a SPARQL 1.1 Protocol endpoint for the graph, with its query page at
//! `/sparql`: queries by GET and POST
//! (query string, `application/sparql-query`, form-encoded) with content negotiation, a service
//! description, SPARQL Update and the Graph Store Protocol when updates are allowed, and limits
//! — a query timeout, a request-body limit and a bound on requests in flight — that answer with
//! clear HTTP errors (400, 403, 413, 415, 503).

use crate::error::{Error, Result};
use crate::export::dot::{write_dot, DotOptions, DotView};
use crate::graph::ProjectedGraph;
use crate::query::{named_queries, query_form, rdf_serializer, SparqlQuery};
use crate::store::KnowledgeGraph;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use std::io::Read;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

mod app;
pub mod review;

const INDEX_HTML: &str = include_str!("serve/index.html");

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; loopback by default.
    pub bind: String,
    /// Accept SPARQL Update and Graph Store Protocol writes.
    pub allow_update: bool,
    /// Longest a query may run before the answer is 503.
    pub timeout: Duration,
    /// Largest request body, in bytes (larger: 413).
    pub max_body: usize,
    /// Requests handled at once; more wait, and beyond twice this many get 503.
    pub max_connections: usize,
    /// Largest result, in solutions or triples (larger: 503 with a message).
    pub max_results: usize,
    /// Limit in bytes on what queries add to the heap (beyond the graph loaded at start): past
    /// it, every running query is cancelled (503 with a message) and
    /// new queries are refused until memory is freed. Needs the program to count its heap with
    /// [`CountingAllocator`](crate::memory::CountingAllocator); without it there is no limit.
    pub max_memory: Option<usize>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:7878".into(),
            allow_update: false,
            timeout: Duration::from_secs(30),
            max_body: 10 << 20,
            max_connections: 16,
            max_results: 1_000_000,
            max_memory: None,
        }
    }
}

/// An HTTP answer before it is sent.
struct Answer {
    status: u16,
    content_type: String,
    body: Vec<u8>,
    /// Headers besides Content-Type.
    headers: Vec<(&'static str, String)>,
}

impl Answer {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            content_type: content_type.to_owned(),
            body: body.into(),
            headers: Vec::new(),
        }
    }

    fn text(status: u16, message: impl Into<String>) -> Self {
        let mut message = message.into();
        message.push('\n');
        Self::new(status, "text/plain; charset=utf-8", message)
    }
}

/// Serves until the process ends. `ready` gets the bound address (useful with port 0).
pub fn serve(
    graph: KnowledgeGraph,
    options: &ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<()> {
    let server = Server::http(&options.bind).map_err(|e| {
        Error::Unsupported(format!(
            "cannot listen on {}: {e}\n  help: choose another address with --bind, e.g. 127.0.0.1:7879",
            options.bind
        ))
    })?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Unsupported("the server has no IP address".into()))?;
    // What the pages share, made before the first request.
    let app = Arc::new(app::App::default());
    app.prepare(&graph)?;
    ready(address);
    let workers = options.max_connections.max(1);
    let (sender, receiver) = mpsc::sync_channel::<Request>(workers);
    let receiver = Arc::new(std::sync::Mutex::new(receiver));
    // The limit counts what queries add to the heap, not the graph already loaded.
    let running = Arc::new(Running {
        heap_at_start: crate::memory::heap_in_use().unwrap_or(0),
        ..Running::default()
    });
    let options = Arc::new(options.clone());
    if let (Some(limit), Some(_)) = (options.max_memory, crate::memory::heap_in_use()) {
        let running = Arc::clone(&running);
        std::thread::spawn(move || memory_watchdog(&running, limit));
    }
    for _ in 0..workers {
        let receiver = Arc::clone(&receiver);
        let graph = graph.clone();
        let options = Arc::clone(&options);
        let running = Arc::clone(&running);
        let app = Arc::clone(&app);
        std::thread::spawn(move || loop {
            let request = match receiver.lock() {
                Ok(guard) => guard.recv(),
                Err(_) => return,
            };
            let Ok(request) = request else { return };
            handle(&graph, &options, &running, &app, request);
        });
    }
    for request in server.incoming_requests() {
        // Beyond the workers and one waiting request each, the server is busy.
        if let Err(mpsc::TrySendError::Full(request) | mpsc::TrySendError::Disconnected(request)) =
            sender.try_send(request)
        {
            respond(
                request,
                Answer::text(
                    503,
                    "the server is busy: too many requests at once; try again",
                ),
            );
        }
    }
    Ok(())
}

fn respond(request: Request, answer: Answer) {
    let mut response = Response::from_data(answer.body).with_status_code(answer.status);
    if let Ok(header) = Header::from_bytes("Content-Type", answer.content_type.as_bytes()) {
        response.add_header(header);
    }
    if let Ok(header) = Header::from_bytes("Access-Control-Allow-Origin", "*") {
        response.add_header(header);
    }
    for (name, value) in &answer.headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn read_body(request: &mut Request, limit: usize) -> std::result::Result<Vec<u8>, Answer> {
    if request.body_length().is_some_and(|length| length > limit) {
        return Err(Answer::text(
            413,
            format!("the request body is larger than the limit of {limit} bytes"),
        ));
    }
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(limit as u64 + 1)
        .read_to_end(&mut body);
    if read.is_err() {
        return Err(Answer::text(400, "cannot read the request body"));
    }
    if body.len() > limit {
        return Err(Answer::text(
            413,
            format!("the request body is larger than the limit of {limit} bytes"),
        ));
    }
    Ok(body)
}

fn parameters(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn handle(
    graph: &KnowledgeGraph,
    options: &ServeOptions,
    running: &Arc<Running>,
    app: &app::App,
    mut request: Request,
) {
    let url = request.url().to_owned();
    let (path, query_string) = url.split_once('?').unwrap_or((&url, ""));
    let params = parameters(query_string);
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    if *request.method() == Method::Options {
        let answer = preflight(options, &request);
        respond(request, answer);
        return;
    }
    if let Some(answer) = app::route(app, graph, &request, path, &params) {
        respond(request, answer);
        return;
    }
    let answer = match (request.method(), path) {
        (Method::Get, "/sparql") => Answer::new(200, "text/html; charset=utf-8", INDEX_HTML),
        (Method::Get, "/queries") => named_queries_json(),
        (Method::Get, "/query") => match param("query") {
            Some(query) => run_query(graph, options, running, &request, &query, param("format")),
            None => service_description(&request, options),
        },
        (Method::Post, "/query") => match query_from_body(&mut request, options.max_body) {
            Ok((query, format)) => run_query(
                graph,
                options,
                running,
                &request,
                &query,
                format.or(param("format")),
            ),
            Err(answer) => answer,
        },
        (Method::Post, "/update") if !options.allow_update => Answer::text(
            403,
            "this endpoint is read-only; start the server with --allow-update to accept updates",
        ),
        (Method::Post, "/update") => match update_from_body(&mut request, options.max_body) {
            Ok(update) if refers_to_load(&update) => Answer::text(
                403,
                "LOAD is refused by this server: send the data with the Graph Store Protocol (PUT /store?graph=…) instead",
            ),
            Ok(update) => match graph.update(&update) {
                Ok(()) => Answer::new(204, "text/plain", Vec::new()),
                Err(error @ Error::QuerySyntax { .. }) => Answer::text(400, error.to_string()),
                Err(error) => Answer::text(500, error.to_string()),
            },
            Err(answer) => answer,
        },
        (Method::Get, "/analysis") => analysis(graph, &request, &params),
        (Method::Get, "/dot") => match param("query") {
            Some(query) => dot_view(graph, &query),
            None => Answer::text(400, "give a CONSTRUCT or DESCRIBE query as ?query="),
        },
        (_, "/store") => graph_store(graph, options, &mut request, &params),
        (_, "/sparql" | "/query" | "/update" | "/queries" | "/dot" | "/analysis") => {
            Answer::text(405, "method not allowed here")
        }
        _ => Answer::text(
            404,
            "not found: try / (the overview), /search?q=…, /id/actor/…, /sparql (the query page), /query, /update, /store, /queries or /analysis",
        ),
    };
    respond(request, answer);
}

/// The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`): the
/// methods each path takes, the headers a SPARQL client sends, and how long to keep the answer.
/// Writes are offered only when the server takes them.
fn preflight(options: &ServeOptions, request: &Request) -> Answer {
    let url = request.url();
    let path = url.split_once('?').map_or(url, |(p, _)| p);
    let methods = match path {
        "/query" => "GET, POST, OPTIONS",
        "/update" if options.allow_update => "POST, OPTIONS",
        "/store" if options.allow_update => "GET, PUT, POST, DELETE, OPTIONS",
        _ => "GET, OPTIONS",
    };
    let mut answer = Answer::new(204, "text/plain", Vec::new());
    answer.headers = vec![
        ("Access-Control-Allow-Methods", methods.into()),
        (
            "Access-Control-Allow-Headers",
            "Content-Type, Accept, Accept-Language, Content-Language".into(),
        ),
        ("Access-Control-Max-Age", "86400".into()),
        ("Allow", methods.into()),
    ];
    if let Some(asked) = header(request, "Access-Control-Request-Method") {
        if !methods
            .split(", ")
            .any(|m| m.eq_ignore_ascii_case(asked.trim()))
        {
            answer.status = 403;
            answer.body = format!("{asked} is not allowed on {path}: use {methods}\n").into_bytes();
            answer.content_type = "text/plain; charset=utf-8".into();
        }
    }
    answer
}

fn query_from_body(
    request: &mut Request,
    limit: usize,
) -> std::result::Result<(String, Option<String>), Answer> {
    let content_type = header(request, "Content-Type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let body = read_body(request, limit)?;
    let text = String::from_utf8(body).map_err(|_| Answer::text(400, "the body is not UTF-8"))?;
    if content_type.starts_with("application/sparql-query") {
        Ok((text, None))
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        let params = parameters(&text);
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        match get("query") {
            Some(query) => Ok((query, get("format"))),
            None => Err(Answer::text(400, "the form has no `query` field")),
        }
    } else {
        Err(Answer::text(
            415,
            format!("unsupported Content-Type `{content_type}`: send application/sparql-query or application/x-www-form-urlencoded"),
        ))
    }
}

fn update_from_body(request: &mut Request, limit: usize) -> std::result::Result<String, Answer> {
    let content_type = header(request, "Content-Type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let body = read_body(request, limit)?;
    let text = String::from_utf8(body).map_err(|_| Answer::text(400, "the body is not UTF-8"))?;
    if content_type.starts_with("application/sparql-update") {
        Ok(text)
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        parameters(&text)
            .into_iter()
            .find(|(k, _)| k == "update")
            .map(|(_, v)| v)
            .ok_or_else(|| Answer::text(400, "the form has no `update` field"))
    } else {
        Err(Answer::text(
            415,
            format!("unsupported Content-Type `{content_type}`: send application/sparql-update or a form"),
        ))
    }
}

/// Whether an update uses LOAD (refused: it would read files or URLs from the server).
fn refers_to_load(update: &str) -> bool {
    spargebra::SparqlParser::new()
        .parse_update(update)
        .map(|u| {
            u.operations
                .iter()
                .any(|o| matches!(o, spargebra::GraphUpdateOperation::Load { .. }))
        })
        .unwrap_or_else(|_| update.to_ascii_uppercase().contains("LOAD"))
}

/// Media types by preference from an Accept header (q-values honoured, order kept on ties).
fn accepted(accept: &str) -> Vec<String> {
    let mut types: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (!media.is_empty() && q > 0.0).then_some((q, i, media))
        })
        .collect();
    types.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    types.into_iter().map(|(_, _, m)| m).collect()
}

fn results_format(accept: &[String], format: Option<&str>) -> QueryResultsFormat {
    if let Some(format) = format.and_then(QueryResultsFormat::from_extension) {
        return format;
    }
    accept
        .iter()
        .find_map(|m| QueryResultsFormat::from_media_type(m))
        .unwrap_or(QueryResultsFormat::Json)
}

fn graph_format(accept: &[String], format: Option<&str>) -> RdfFormat {
    if let Some(format) = format.and_then(|f| match f {
        "ttl" | "turtle" => Some(RdfFormat::Turtle),
        "nt" => Some(RdfFormat::NTriples),
        "nq" => Some(RdfFormat::NQuads),
        "trig" => Some(RdfFormat::TriG),
        "jsonld" => Some(RdfFormat::JsonLd {
            profile: Default::default(),
        }),
        "rdfxml" => Some(RdfFormat::RdfXml),
        _ => None,
    }) {
        return format;
    }
    accept
        .iter()
        .find_map(|m| RdfFormat::from_media_type(m))
        .unwrap_or(RdfFormat::Turtle)
}

fn run_query(
    graph: &KnowledgeGraph,
    options: &ServeOptions,
    running: &Arc<Running>,
    request: &Request,
    query: &str,
    format: Option<String>,
) -> Answer {
    let query = SparqlQuery::new(query);
    if let Err(error) = query_form(&query) {
        return Answer::text(400, error.to_string());
    }
    // Queries abandoned at their timeout may still be winding down: bound how many run.
    if running.count.load(Ordering::SeqCst) >= options.max_connections * 2 {
        return Answer::text(503, "too many queries are running; try again shortly");
    }
    if let Some(answer) = options
        .max_memory
        .and_then(|limit| short_of_memory(running, limit))
    {
        return answer;
    }
    let accept = accepted(header(request, "Accept").unwrap_or("*/*"));
    let token = CancellationToken::new();
    let (sender, receiver) = mpsc::channel();
    let id = running.start(token.clone(), sender.clone());
    let graph = graph.clone();
    let worker_token = token.clone();
    let format_name = format.clone();
    let max_results = options.max_results;
    let still_running = Arc::clone(running);
    // The evaluation and serialisation run on their own thread, so that the answer can be
    // 503 at the timeout (or when memory runs short) even while the engine is still busy.
    std::thread::spawn(move || {
        let answer = evaluate(
            &graph,
            &query,
            worker_token,
            &accept,
            format_name.as_deref(),
            max_results,
        );
        let _ = sender.send(answer);
        still_running.count.fetch_sub(1, Ordering::SeqCst);
    });
    let answer = match receiver.recv_timeout(options.timeout) {
        Ok(answer) => answer,
        Err(RecvTimeoutError::Timeout) => {
            token.cancel();
            Answer::text(
                503,
                format!(
                    "the query was cancelled: it ran longer than the timeout of {} s",
                    options.timeout.as_secs_f64()
                ),
            )
        }
        Err(RecvTimeoutError::Disconnected) => Answer::text(500, "the query failed"),
    };
    running.finish(id);
    answer
}

/// The queries being evaluated, so that they can be counted and cancelled.
#[derive(Default)]
struct Running {
    /// Evaluations not yet finished, including those whose answer was already sent.
    count: AtomicUsize,
    next: AtomicU64,
    /// Each waiting request: its id, its token, and where to send an early answer.
    waiting: Mutex<Vec<(u64, CancellationToken, mpsc::Sender<Answer>)>>,
    /// The heap when the server started, the graph loaded.
    heap_at_start: usize,
}

impl Running {
    fn start(&self, token: CancellationToken, answer: mpsc::Sender<Answer>) -> u64 {
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        self.count.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut waiting) = self.waiting.lock() {
            waiting.push((id, token, answer));
        }
        id
    }

    /// The request has its answer. The evaluation may still be winding down: it is counted
    /// until its thread ends.
    fn finish(&self, id: u64) {
        if let Ok(mut waiting) = self.waiting.lock() {
            waiting.retain(|(other, _, _)| *other != id);
        }
    }

    /// Answers every waiting request with `answer` and cancels its query.
    fn cancel_all(&self, answer: impl Fn() -> Answer) {
        if let Ok(waiting) = self.waiting.lock() {
            for (_, token, sender) in waiting.iter() {
                let _ = sender.send(answer());
                token.cancel();
            }
        }
    }
}

impl Running {
    /// What the heap holds beyond what it held when the server started.
    fn heap_added(&self) -> usize {
        crate::memory::heap_in_use()
            .unwrap_or(0)
            .saturating_sub(self.heap_at_start)
    }
}

/// Polls the heap; when queries have added more than `limit` to it, cancels every one.
fn memory_watchdog(running: &Arc<Running>, limit: usize) {
    loop {
        std::thread::sleep(Duration::from_millis(50));
        if running.heap_added() > limit {
            running.cancel_all(|| {
                Answer::text(
                    503,
                    format!(
                        "the query was cancelled: the memory queries use passed its limit of {} MB (--max-memory) while it ran\n  help: narrow the query (a LIMIT, more specific patterns, no ORDER BY over a large result)",
                        limit >> 20
                    ),
                )
            });
        }
    }
}

/// A 503 answer while queries hold more than `limit` (cancelled ones still freeing memory).
fn short_of_memory(running: &Running, limit: usize) -> Option<Answer> {
    crate::memory::heap_in_use()?;
    let in_use = running.heap_added();
    (in_use > limit).then(|| {
        Answer::text(
            503,
            format!(
                "the server is short of memory: queries hold {} MB, over the limit of {} MB (--max-memory); try again shortly",
                in_use >> 20,
                limit >> 20
            ),
        )
    })
}

fn evaluate(
    graph: &KnowledgeGraph,
    query: &SparqlQuery,
    token: CancellationToken,
    accept: &[String],
    format: Option<&str>,
    max_results: usize,
) -> Answer {
    let results = match graph
        .query_cancellable(query, token)
        .and_then(|results| crate::query::limit_results(results, max_results))
    {
        Ok(results) => results,
        Err(error @ Error::QuerySyntax { .. }) => return Answer::text(400, error.to_string()),
        Err(error @ Error::TooManyResults { .. }) => return Answer::text(503, error.to_string()),
        Err(error) => return Answer::text(500, error.to_string()),
    };
    serialize(results, accept, format)
}

/// Writes query results in the format the client asked for (`format`, else `Accept`).
fn serialize(results: QueryResults<'_>, accept: &[String], format: Option<&str>) -> Answer {
    let mut body = Vec::new();
    let result: std::result::Result<String, String> = match results {
        QueryResults::Solutions(solutions) => {
            let format = results_format(accept, format);
            (|| {
                let mut serializer = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(&mut body, solutions.variables().to_vec())
                    .map_err(|e| e.to_string())?;
                for solution in solutions {
                    serializer
                        .serialize(&solution.map_err(|e| e.to_string())?)
                        .map_err(|e| e.to_string())?;
                }
                serializer.finish().map_err(|e| e.to_string())?;
                Ok(format.media_type().to_owned())
            })()
        }
        QueryResults::Boolean(value) => {
            let format = results_format(accept, format);
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut body, value)
                .map(|_| format.media_type().to_owned())
                .map_err(|e| e.to_string())
        }
        QueryResults::Graph(triples) => {
            let format = graph_format(accept, format);
            (|| {
                let mut serializer = rdf_serializer(format).for_writer(&mut body);
                for triple in triples {
                    serializer
                        .serialize_triple(&triple.map_err(|e| e.to_string())?)
                        .map_err(|e| e.to_string())?;
                }
                serializer.finish().map_err(|e| e.to_string())?;
                Ok(format.media_type().to_owned())
            })()
        }
    };
    match result {
        Ok(media_type) => Answer::new(200, &format!("{media_type}; charset=utf-8"), body),
        Err(message) if message.contains("cancel") => Answer::text(503, message),
        Err(message) => Answer::text(500, message),
    }
}

/// `GET /analysis?name=positions&asOf=2025-06-02&limit=25&offset=0`: an analysis answered
/// from the claim index (the rows of its named query, as `/query` would give them, and fast
/// on a large store), in the results format of `format` or `Accept`. Every other parameter
/// fixes a variable of the named query, as `negkg query --bind` does. The index is built again
/// after any change the server makes (SPARQL Update, Graph Store Protocol).
fn analysis(graph: &KnowledgeGraph, request: &Request, params: &[(String, String)]) -> Answer {
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let names = crate::analysis::FAST_QUERIES.join(", ");
    let Some(name) = param("name") else {
        return Answer::text(400, format!("give the analysis as ?name= (one of {names})"));
    };
    if !crate::analysis::FAST_QUERIES.contains(&name) {
        return Answer::text(
            404,
            format!("no analysis named `{name}`: use one of {names}"),
        );
    }
    let number = |key: &str| -> std::result::Result<Option<usize>, Answer> {
        param(key)
            .map(|v| {
                v.parse::<usize>().map_err(|_| {
                    Answer::text(400, format!("?{key}= takes a whole number, not `{v}`"))
                })
            })
            .transpose()
    };
    let (limit, offset) = match (number("limit"), number("offset")) {
        (Ok(limit), Ok(offset)) => (limit, offset.unwrap_or(0)),
        (Err(answer), _) | (_, Err(answer)) => return answer,
    };
    let mut bindings = Vec::new();
    for (key, value) in params {
        if ["name", "limit", "offset", "format"].contains(&key.as_str()) {
            continue;
        }
        match crate::query::parse_term(key, value) {
            Ok(term) => bindings.push((key.as_str(), term)),
            Err(error) => return Answer::text(400, error.to_string()),
        }
    }
    let index = match crate::analysis::index_for(graph, &bindings) {
        Ok(index) => index,
        Err(error) => return Answer::text(500, error.to_string()),
    };
    if let Err(error) = crate::analysis::check_rows_held(&index, name, &bindings, offset, limit) {
        return Answer::text(400, error.to_string());
    }
    let Some((answer, _)) =
        crate::analysis::run_fast_answer(&index, name, &bindings, offset, limit)
    else {
        return Answer::text(
            400,
            format!("{name} takes no such parameter; GET /queries lists each one's parameters"),
        );
    };
    // Written from the index's terms, as `negkg query --name` writes it.
    let accept = accepted(header(request, "Accept").unwrap_or("*/*"));
    let format = results_format(&accept, param("format"));
    let mut body = Vec::new();
    match answer.write(
        crate::query::OutputFormat::Results(format),
        crate::query::TableOptions::default(),
        &mut body,
    ) {
        Ok(()) => Answer::new(
            200,
            &format!("{}; charset=utf-8", format.media_type()),
            body,
        ),
        Err(error) => Answer::text(500, error.to_string()),
    }
}

fn service_description(request: &Request, options: &ServeOptions) -> Answer {
    let host = header(request, "Host").unwrap_or("localhost");
    let endpoint = format!("http://{host}/query");
    let mut turtle = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n@prefix formats: <http://www.w3.org/ns/formats/> .\n\n[] a sd:Service ;\n  sd:endpoint <{endpoint}> ;\n  sd:supportedLanguage sd:SPARQL11Query{} ;\n  sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;\n",
        if options.allow_update { ", sd:SPARQL11Update" } else { "" }
    );
    turtle = turtle.replace(", sd:BasicFederatedQuery", "");
    turtle.push_str("  sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV, formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:N-Quads, formats:TriG, formats:JSON-LD, formats:RDF_XML .\n");
    Answer::new(200, "text/turtle; charset=utf-8", turtle)
}

fn named_queries_json() -> Answer {
    let list: Vec<serde_json::Value> = named_queries()
        .into_iter()
        .map(|q| {
            serde_json::json!({
                "name": q.name,
                "description": q.description,
                "parameters": q.parameters.iter().map(|(v, d)| serde_json::json!({"variable": v, "description": d})).collect::<Vec<_>>(),
                "query": q.text,
            })
        })
        .collect();
    Answer::new(
        200,
        "application/json",
        serde_json::to_vec(&list).unwrap_or_default(),
    )
}

/// A graph result drawn by Graphviz as SVG (or the DOT text when Graphviz is not installed).
fn dot_view(graph: &KnowledgeGraph, query: &str) -> Answer {
    let query = SparqlQuery::new(query);
    match query_form(&query) {
        Ok(form) if form.gives_graph() => {}
        Ok(_) => return Answer::text(400, "the DOT view needs a CONSTRUCT or DESCRIBE query"),
        Err(error) => return Answer::text(400, error.to_string()),
    }
    let triples = match crate::export::construct(graph, &query) {
        Ok(triples) => triples,
        Err(error) => return Answer::text(500, error.to_string()),
    };
    let projection = match ProjectedGraph::from_triples(graph, &triples) {
        Ok(projection) => projection,
        Err(error) => return Answer::text(500, error.to_string()),
    };
    let options = DotOptions {
        view: DotView::Briefing,
        legend: true,
        ..DotOptions::default()
    };
    let mut dot = Vec::new();
    if write_dot(&projection, &options, &mut dot).is_err() {
        return Answer::text(500, "cannot write the DOT");
    }
    let program = std::env::var("NEGKG_DOT").unwrap_or_else(|_| "dot".into());
    let child = std::process::Command::new(program)
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return Answer::new(200, "text/vnd.graphviz; charset=utf-8", dot);
    };
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(&dot);
    }
    match child.wait_with_output() {
        Ok(output) if output.status.success() => Answer::new(200, "image/svg+xml", output.stdout),
        _ => Answer::new(200, "text/vnd.graphviz; charset=utf-8", dot),
    }
}

/// The Graph Store Protocol on `/store?graph=IRI` (or `?default`): GET reads a graph; PUT
/// replaces it, POST adds to it, DELETE drops it — those three only with --allow-update.
fn graph_store(
    graph: &KnowledgeGraph,
    options: &ServeOptions,
    request: &mut Request,
    params: &[(String, String)],
) -> Answer {
    let target = if let Some((_, iri)) = params.iter().find(|(k, _)| k == "graph") {
        match NamedNode::new(iri) {
            Ok(node) => GraphName::NamedNode(node),
            Err(_) => return Answer::text(400, format!("`{iri}` is not a valid graph IRI")),
        }
    } else if params.iter().any(|(k, _)| k == "default") {
        GraphName::DefaultGraph
    } else {
        return Answer::text(400, "name the graph: /store?graph=IRI or /store?default");
    };
    let store = graph.store();
    let method = request.method().clone();
    if method != Method::Get && !options.allow_update {
        return Answer::text(
            403,
            "this endpoint is read-only; start the server with --allow-update to accept writes",
        );
    }
    match method {
        Method::Get => {
            let accept = accepted(header(request, "Accept").unwrap_or("*/*"));
            let format = graph_format(&accept, None);
            let format = if format.supports_datasets() {
                RdfFormat::Turtle
            } else {
                format
            };
            let mut body = Vec::new();
            match store.dump_graph_to_writer(target.as_ref(), format, &mut body) {
                Ok(_) => Answer::new(
                    200,
                    &format!("{}; charset=utf-8", format.media_type()),
                    body,
                ),
                Err(error) => Answer::text(500, error.to_string()),
            }
        }
        Method::Put | Method::Post => {
            let content_type = header(request, "Content-Type")
                .unwrap_or_default()
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            let Some(format) = RdfFormat::from_media_type(&content_type) else {
                return Answer::text(
                    415,
                    format!("unsupported Content-Type `{content_type}`: send Turtle, N-Triples, RDF/XML, JSON-LD, N-Quads or TriG"),
                );
            };
            let body = match read_body(request, options.max_body) {
                Ok(body) => body,
                Err(answer) => return answer,
            };
            let existed = store
                .contains_named_graph(match &target {
                    GraphName::NamedNode(n) => n.as_ref().into(),
                    _ => oxigraph::model::NamedOrBlankNodeRef::NamedNode(
                        oxigraph::model::NamedNodeRef::new_unchecked("urn:x-none"),
                    ),
                })
                .unwrap_or(false);
            let parser = RdfParser::from_format(format)
                .with_default_graph(target.clone())
                .without_named_graphs();
            graph.mark_changed();
            let result = (|| -> std::result::Result<(), String> {
                let mut transaction = store.start_transaction().map_err(|e| e.to_string())?;
                if method == Method::Put {
                    transaction
                        .clear_graph(target.as_ref())
                        .map_err(|e| e.to_string())?;
                }
                transaction
                    .load_from_slice(parser, &body)
                    .map_err(|e| e.to_string())?;
                transaction.commit().map_err(|e| e.to_string())
            })();
            graph.mark_changed();
            match result {
                Ok(()) if method == Method::Put && !existed => {
                    Answer::new(201, "text/plain", Vec::new())
                }
                Ok(()) => Answer::new(204, "text/plain", Vec::new()),
                Err(message) => Answer::text(400, format!("the graph was not changed: {message}")),
            }
        }
        Method::Delete => match store.clear_graph(target.as_ref()) {
            Ok(()) => {
                if let GraphName::NamedNode(node) = &target {
                    let _ = store.remove_named_graph(node.as_ref());
                }
                graph.mark_changed();
                Answer::new(204, "text/plain", Vec::new())
            }
            Err(error) => Answer::text(500, error.to_string()),
        },
        _ => Answer::text(405, "use GET, PUT, POST or DELETE"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_are_ordered_by_quality() {
        assert_eq!(
            accepted("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1"),
            ["application/sparql-results+json", "text/csv", "*/*"]
        );
        assert_eq!(
            results_format(&accepted("text/tab-separated-values"), None),
            QueryResultsFormat::Tsv
        );
        assert_eq!(
            results_format(&accepted("*/*"), None),
            QueryResultsFormat::Json
        );
        assert_eq!(results_format(&[], Some("xml")), QueryResultsFormat::Xml);
        assert_eq!(
            graph_format(&accepted("application/n-triples"), None),
            RdfFormat::NTriples
        );
    }
}
