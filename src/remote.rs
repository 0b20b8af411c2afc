//! A client for existing SPARQL servers (Oxigraph server, Virtuoso, QLever, GraphDB, …): run
//! queries over the SPARQL 1.1 Protocol, and push the graph through the Graph Store Protocol,
//! one named graph per source, replacing each graph so that pushing twice changes nothing.

use crate::error::{Error, Result};
use crate::query::{query_form, rdf_serializer, QueryForm, SparqlQuery};
use crate::store::KnowledgeGraph;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, GraphNameRef, NamedOrBlankNode};
use std::io::Read;
use std::time::Duration;

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout(timeout)
        .user_agent(concat!("negkg/", env!("CARGO_PKG_VERSION")))
        .build()
}

fn http_error(url: &str, error: ureq::Error) -> Error {
    match error {
        ureq::Error::Status(status, response) => {
            let body = response.into_string().unwrap_or_default();
            Error::Store(format!(
                "{url} answered {status}: {}",
                body.trim().chars().take(500).collect::<String>()
            ))
        }
        ureq::Error::Transport(transport) => {
            Error::Store(format!("cannot reach {url}: {transport}"))
        }
    }
}

/// What a remote query returned: the media type and the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteAnswer {
    /// The query's form.
    pub form: QueryForm,
    /// The answer's media type.
    pub media_type: String,
    /// The answer.
    pub body: Vec<u8>,
}

/// Runs `query` on the SPARQL endpoint at `endpoint` (its query URL). `--bind` values travel
/// as a VALUES clause opening the WHERE clause (SELECT and ASK queries). Results come as SPARQL
/// JSON, graphs as N-Triples.
pub fn remote_query(
    endpoint: &str,
    query: &SparqlQuery,
    timeout: Duration,
    headers: &[(String, String)],
) -> Result<RemoteAnswer> {
    let form = query_form(query)?;
    let mut text = String::new();
    for (prefix, namespace) in crate::vocab::PREFIXES {
        text.push_str(&format!("PREFIX {prefix}: <{namespace}>\n"));
    }
    text.push_str(&with_bindings(query, form)?);
    let accept = if form.gives_graph() {
        "application/n-triples, text/turtle;q=0.5"
    } else {
        "application/sparql-results+json"
    };
    // The SPARQL 1.1 Protocol offers three ways to send a query: GET, POST of an HTML form and
    // POST of the bare query (`application/sparql-query`). Every server must take the first two;
    // the form is sent here because GET puts the query in the URL, which servers and proxies cap
    // at a few kilobytes, and because not every server takes the bare query: Virtuoso 7.2 reads
    // it and never answers (openlink/virtuoso-opensource#842). Servers that take the bare query
    // take the form as well (Oxigraph server and `negkg serve` are tested with it).
    let body = form_body(&text);
    let mut request = agent(timeout)
        .post(endpoint)
        .set("Content-Type", "application/x-www-form-urlencoded")
        .set("Accept", accept);
    for (name, value) in headers {
        request = request.set(name, value);
    }
    let response = request
        .send_string(&body)
        .map_err(|e| http_error(endpoint, e))?;
    // Virtuoso cuts an answer at its ResultSetMaxRows (10,000 in Debian's virtuoso.ini) and says
    // so only in this header: an answer cut short must not pass for the whole answer.
    if let Some(rows) = response.header("X-SPARQL-MaxRows") {
        return Err(Error::RemoteAnswerCut {
            endpoint: endpoint.to_owned(),
            rows: rows.trim().to_owned(),
        });
    }
    let media_type = response
        .header("Content-Type")
        .unwrap_or("application/octet-stream")
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    let mut body = Vec::new();
    response
        .into_reader()
        .take(1 << 30)
        .read_to_end(&mut body)
        .map_err(|source| Error::Io {
            path: endpoint.into(),
            source,
        })?;
    Ok(RemoteAnswer {
        form,
        media_type,
        body,
    })
}

/// The query text with its `--bind` values as a VALUES clause at the start of the WHERE
/// clause. There the values are joined before anything else in the clause, so its FILTERs,
/// OPTIONALs and BINDs see them, as they see the values the local store fixes before it
/// evaluates (`substitute_variable`); a VALUES clause after the query would be joined last,
/// and a FILTER on `COALESCE(?asOf, …)` would never see `?asOf`.
fn with_bindings(query: &SparqlQuery, form: QueryForm) -> Result<String> {
    if query.bindings.is_empty() {
        return Ok(query.text.clone());
    }
    let start = match form {
        QueryForm::Select | QueryForm::Ask => where_clause_start(&query.text),
        QueryForm::Construct | QueryForm::Describe => None,
    };
    let Some(start) = start else {
        return Err(Error::Unsupported(format!(
            "--bind with --endpoint needs a SELECT or ASK query with a WHERE clause; the {} has none\n  help: write the value into the query",
            query.origin
        )));
    };
    let variables: Vec<String> = query
        .bindings
        .iter()
        .map(|(variable, _)| format!("?{variable}"))
        .collect();
    let values: Vec<String> = query
        .bindings
        .iter()
        .map(|(_, value)| value.to_string())
        .collect();
    let mut text = query.text.clone();
    text.insert_str(
        start + 1,
        &format!(
            "\n  VALUES ({}) {{ ({}) }}\n",
            variables.join(" "),
            values.join(" ")
        ),
    );
    Ok(text)
}

/// The byte offset of the `{` that opens the WHERE clause of a SELECT or ASK query: the first
/// `{` outside comments, strings, IRIs and parentheses (a SELECT expression may hold
/// `EXISTS { … }`).
fn where_clause_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'#' => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            quote @ (b'"' | b'\'') => {
                let long = bytes[at..].starts_with(&[quote; 3]);
                at += if long { 3 } else { 1 };
                while at < bytes.len() {
                    if bytes[at] == b'\\' {
                        at += 2;
                    } else if long && bytes[at..].starts_with(&[quote; 3]) {
                        at += 2;
                        break;
                    } else if !long && bytes[at] == quote {
                        break;
                    } else {
                        at += 1;
                    }
                }
            }
            b'<' => {
                // An IRI if only IRI characters come before the next `>`; else less-than.
                if let Some(length) = bytes[at + 1..]
                    .iter()
                    .position(|&b| b == b'>' || b <= b' ' || b"<\"{}|^`\\".contains(&b))
                {
                    if bytes[at + 1 + length] == b'>' {
                        at += 1 + length;
                    }
                }
            }
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'{' if depth == 0 => return Some(at),
            _ => {}
        }
        at += 1;
    }
    None
}

/// The body of a form-encoded query request: `query=…`, percent-encoded.
fn form_body(query: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("query", query)
        .finish()
}

/// What a push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushReport {
    /// Named graphs sent.
    pub graphs: usize,
    /// Triples sent.
    pub triples: usize,
}

/// Sends every named graph of `graph` to the Graph Store Protocol endpoint `store_url`
/// (`…/store`), each with PUT `?graph=IRI`, replacing what the server had in that graph.
/// Triples in the default graph go with PUT `?default`.
pub fn push(
    graph: &KnowledgeGraph,
    store_url: &str,
    timeout: Duration,
    headers: &[(String, String)],
    mut progress: impl FnMut(&str, usize),
) -> Result<PushReport> {
    let store = graph.store();
    let mut names: Vec<GraphName> = store
        .named_graphs()
        .map(|g| {
            g.map(|g| match g {
                NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
                NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
            })
        })
        .collect::<std::result::Result<_, _>>()?;
    names.sort_by_key(ToString::to_string);
    if !store.is_empty()?
        && store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .next()
            .is_some()
    {
        names.push(GraphName::DefaultGraph);
    }
    let agent = agent(timeout);
    let mut report = PushReport {
        graphs: 0,
        triples: 0,
    };
    for name in names {
        let (GraphName::NamedNode(_) | GraphName::DefaultGraph) = &name else {
            continue; // blank-node graph names have no IRI to send
        };
        let mut body = Vec::new();
        let mut serializer = rdf_serializer(RdfFormat::NTriples).for_writer(&mut body);
        let mut count = 0;
        for quad in store.quads_for_pattern(None, None, None, Some(name.as_ref())) {
            let quad = quad?;
            serializer
                .serialize_triple(quad.as_ref())
                .map_err(|source| Error::Io {
                    path: "the push".into(),
                    source,
                })?;
            count += 1;
        }
        serializer.finish().map_err(|source| Error::Io {
            path: "the push".into(),
            source,
        })?;
        let url = match &name {
            GraphName::NamedNode(iri) => {
                let encoded: String =
                    form_urlencoded::byte_serialize(iri.as_str().as_bytes()).collect();
                format!("{store_url}?graph={encoded}")
            }
            _ => format!("{store_url}?default"),
        };
        let mut request = agent.put(&url).set("Content-Type", "application/n-triples");
        for (name, value) in headers {
            request = request.set(name, value);
        }
        request.send_bytes(&body).map_err(|e| http_error(&url, e))?;
        progress(&name.to_string(), count);
        report.graphs += 1;
        report.triples += count;
    }
    Ok(report)
}

/// Reads a remote answer as query results, to be written like local ones.
pub fn answer_to_results(answer: &RemoteAnswer) -> Result<oxigraph::sparql::QueryResults<'_>> {
    use oxigraph::sparql::results::{
        QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
    };
    use oxigraph::sparql::{QueryResults, QuerySolutionIter, QueryTripleIter};
    let malformed = |message: String| {
        Error::Store(format!(
            "the endpoint's answer ({}) cannot be read: {message}",
            answer.media_type
        ))
    };
    if answer.form.gives_graph() {
        let format = RdfFormat::from_media_type(&answer.media_type).unwrap_or(RdfFormat::NTriples);
        let mut triples = Vec::new();
        for quad in oxigraph::io::RdfParser::from_format(format).for_slice(&answer.body) {
            let quad = quad.map_err(|e| malformed(e.to_string()))?;
            triples.push(Ok(oxigraph::model::Triple::from(quad)));
        }
        return Ok(QueryResults::Graph(QueryTripleIter::new(
            triples.into_iter(),
        )));
    }
    let format =
        QueryResultsFormat::from_media_type(&answer.media_type).unwrap_or(QueryResultsFormat::Json);
    match QueryResultsParser::from_format(format)
        .for_slice(&answer.body)
        .map_err(|e| malformed(e.to_string()))?
    {
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            Ok(QueryResults::Solutions(QuerySolutionIter::from(solutions)))
        }
        SliceQueryResultsParserOutput::Boolean(value) => Ok(QueryResults::Boolean(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode, Term};

    fn date(value: &str) -> Term {
        Literal::new_typed_literal(value, oxigraph::model::vocab::xsd::DATE).into()
    }

    #[test]
    fn the_where_clause_starts_at_the_first_brace_outside_strings_iris_and_expressions() {
        let query = "# a { in a comment\nPREFIX x: <urn:x#>\nSELECT ?a (EXISTS { ?a ?b ?c } AS ?e) (\"#{\" AS ?s) ('''{''' AS ?t)\nWHERE { ?a <urn:p> ?b FILTER(?b < 3) }";
        let start = where_clause_start(query).unwrap();
        assert_eq!(&query[start..start + 9], "{ ?a <urn");
        assert_eq!(where_clause_start("ASK{}"), Some(3));
        assert_eq!(where_clause_start("SELECT ?a ('\\'{' AS ?b) { }"), Some(24));
        assert_eq!(where_clause_start("SELECT ?a ?b"), None);
    }

    #[test]
    fn bound_values_open_the_where_clause_so_that_its_filters_see_them() {
        let query = SparqlQuery::new(
            "SELECT ?asOf ?x WHERE { ?x <urn:on> ?on FILTER(?on <= COALESCE(?asOf, 1)) }\nORDER BY ?x",
        )
        .bind("asOf", date("2025-05-18"))
        .bind("x", NamedNode::new("urn:x").unwrap().into());
        assert_eq!(
            with_bindings(&query, QueryForm::Select).unwrap(),
            "SELECT ?asOf ?x WHERE {\n  VALUES (?asOf ?x) { (\"2025-05-18\"^^<http://www.w3.org/2001/XMLSchema#date> <urn:x>) }\n ?x <urn:on> ?on FILTER(?on <= COALESCE(?asOf, 1)) }\nORDER BY ?x"
        );
        let unbound = SparqlQuery::new("SELECT * { ?s ?p ?o }");
        assert_eq!(
            with_bindings(&unbound, QueryForm::Select).unwrap(),
            unbound.text
        );
        let construct =
            SparqlQuery::new("CONSTRUCT WHERE { ?s ?p ?o }").bind("s", date("2025-01-01"));
        let error = with_bindings(&construct, QueryForm::Construct).unwrap_err();
        assert!(error.to_string().contains("SELECT or ASK"), "{error}");
    }

    /// A server that answers one request as Virtuoso 7.2 does: a query sent as a form gets
    /// `answer`, with `headers`; a query sent bare gets no answer at all.
    fn virtuoso_like_server(
        answer: &'static str,
        headers: &'static [(&'static str, &'static str)],
    ) -> (String, std::thread::JoinHandle<String>) {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let url = format!("http://{}/sparql", server.server_addr());
        let handle = std::thread::spawn(move || {
            let mut request = server.recv().unwrap();
            let content_type = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("Content-Type"))
                .map(|h| h.value.to_string())
                .unwrap_or_default();
            let mut body = String::new();
            request.as_reader().read_to_string(&mut body).unwrap();
            if content_type != "application/x-www-form-urlencoded" {
                drop(request); // the connection closes without an answer
                return format!("a bare query ({content_type})");
            }
            let mut response = tiny_http::Response::from_string(answer).with_header(
                "Content-Type: application/sparql-results+json"
                    .parse::<tiny_http::Header>()
                    .unwrap(),
            );
            for (name, value) in headers {
                response.add_header(tiny_http::Header::from_bytes(*name, *value).unwrap());
            }
            request.respond(response).unwrap();
            form_urlencoded::parse(body.as_bytes())
                .find(|(name, _)| name == "query")
                .map(|(_, query)| query.into_owned())
                .unwrap_or_default()
        });
        (url, handle)
    }

    #[test]
    fn queries_reach_a_server_that_drops_bare_queries_like_virtuoso() {
        let (url, server) = virtuoso_like_server(
            r#"{ "head": { "link": [], "vars": ["n"] }, "results": { "distinct": false, "ordered": true, "bindings": [ { "n": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "3" }} ] } }"#,
            &[],
        );
        let query = SparqlQuery::new("SELECT (COUNT(*) AS ?n) WHERE { ?s neg:holder ?o }");
        let answer = remote_query(&url, &query, Duration::from_secs(10), &[]).unwrap();
        let sent = server.join().unwrap();
        assert!(
            sent.starts_with("PREFIX ") && sent.ends_with(&query.text),
            "{sent}"
        );
        let oxigraph::sparql::QueryResults::Solutions(mut solutions) =
            answer_to_results(&answer).unwrap()
        else {
            panic!("no solutions")
        };
        assert_eq!(
            solutions.next().unwrap().unwrap().get("n"),
            Some(&Literal::from(3).into())
        );
    }

    #[test]
    fn an_answer_cut_at_the_servers_row_limit_is_refused() {
        let (url, server) = virtuoso_like_server(
            r#"{ "head": { "vars": ["s"] }, "results": { "bindings": [] } }"#,
            &[("X-SPARQL-MaxRows", "10000")],
        );
        let query = SparqlQuery::new("SELECT * WHERE { ?s ?p ?o }");
        let error = remote_query(&url, &query, Duration::from_secs(10), &[]).unwrap_err();
        server.join().unwrap();
        assert!(
            error.to_string().contains("only the first 10000 rows"),
            "{error}"
        );
    }
}
