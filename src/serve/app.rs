//! The analyst's web app: pages for people who do not write SPARQL, served beside the SPARQL
//! endpoint by `negkg serve`.
//!
//! - `/` the overview: parties and their standing positions on the main issues, the latest
//!   claims, the sharpest conflicts and the common ground, counts and the date range.
//! - `/id/actor/…`, `/id/issue/…`, `/id/event/…`, `/id/source/…`, `/id/claim/…`,
//!   `/id/place/…` (and any other `/id/…`): each resource at the path of its own IRI, as HTML
//!   to a browser and as RDF (Turtle, JSON-LD, N-Triples, RDF/XML) by the `Accept` header, by
//!   `?format=ttl|jsonld|nt|rdfxml|html`, or by an extension (`.ttl`, `.jsonld`, `.nt`, `.rdf`,
//!   `.html`); 406 for anything else.
//! - `/conflicts`, `/common-ground`: the grouped analyses, filtered by `actor`, `issue`,
//!   `asOf`, `from`, `to`, a page at a time (`page`).
//! - `/graph` and `/graph.svg`: the briefing picture for an actor, an issue or dates, drawn
//!   by Graphviz when it is installed and by negkg itself when it is not (or with `draw=plain`).
//! - `/search?q=…`: actors, places, issues and events by name or alias.
//! - `/app.css`, `/app.js`: the style and the little script, inside the binary.
//!
//! Every page is written with maud, which escapes every value; every list is paged or capped.
//! Lists come from the claim index (the fast analyses) where an analysis exists, and otherwise
//! from SPARQL bound to one resource, with a LIMIT.

mod data;
mod pages;
mod picture;

use super::{accepted, header, Answer};
use crate::analysis::{ClaimIndex, Solutions};
use crate::model::Date;
use crate::query::rdf_serializer;
use crate::store::KnowledgeGraph;
use crate::vocab;
use data::Catalogue;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::sync::{Arc, Mutex};
use tiny_http::{Method, Request};

const STYLE: &str = include_str!("assets/app.css");
const SCRIPT: &str = include_str!("assets/app.js");

/// Rows on one page of a list.
const PER_PAGE: usize = 25;

/// How many answers of the positions analysis (one per as-of date and negotiation) the app
/// keeps.
const POSITIONS_KEPT: usize = 16;

/// Most negotiation indexes kept (one per negotiation asked for since the last change).
const NEGOTIATIONS_KEPT: usize = 8;

/// How many pages of the whole-dataset analyses (conflicts, common ground) the app keeps.
const PAGES_KEPT: usize = 64;

/// Answers kept for the state of the store (its generation) they were made from, at most
/// `capacity`, the oldest dropped first; all dropped once the store changes.
struct Kept<K, V> {
    entries: Mutex<Vec<(u64, K, Arc<V>)>>,
    capacity: usize,
}

impl<K: PartialEq, V> Kept<K, V> {
    fn new(capacity: usize) -> Self {
        Kept {
            entries: Mutex::new(Vec::new()),
            capacity,
        }
    }

    /// The answer kept for `key` in this state of the store, else the one `make` gives (then
    /// kept). `make` runs without the lock held.
    fn get_or_make<E>(
        &self,
        generation: u64,
        key: K,
        make: impl FnOnce() -> std::result::Result<V, E>,
    ) -> std::result::Result<Arc<V>, E> {
        let entries = || {
            self.entries
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some((_, _, found)) = entries()
            .iter()
            .find(|(g, k, _)| *g == generation && *k == key)
        {
            return Ok(Arc::clone(found));
        }
        let made = Arc::new(make()?);
        let mut kept = entries();
        kept.retain(|(g, _, _)| *g == generation);
        if kept.len() >= self.capacity {
            kept.remove(0);
        }
        kept.push((generation, key, Arc::clone(&made)));
        Ok(made)
    }
}

/// What the app keeps between requests: the catalogue of the store as it was last seen, the
/// latest answers of the positions analysis (which the overview, actor and issue pages share),
/// the pages of the whole-dataset analyses and the claim indexes of single negotiations, for
/// the state of the store they were made from.
pub(super) struct App {
    catalogue: Mutex<Option<(u64, Arc<Catalogue>)>>,
    /// By as-of date and negotiation.
    positions: Kept<(Option<Date>, Option<NamedNode>), Solutions>,
    /// By analysis, bindings, offset and limit (see `pages::page_key`).
    pages: Kept<String, (Solutions, usize)>,
    negotiations: Kept<NamedNode, Arc<ClaimIndex>>,
}

impl Default for App {
    fn default() -> Self {
        App {
            catalogue: Mutex::new(None),
            positions: Kept::new(POSITIONS_KEPT),
            pages: Kept::new(PAGES_KEPT),
            negotiations: Kept::new(NEGOTIATIONS_KEPT),
        }
    }
}

impl App {
    /// The standing positions as of `as_of` (in one negotiation, if given), kept from an
    /// earlier request when the store is unchanged since, else made by `make`.
    fn positions(
        &self,
        generation: u64,
        as_of: (Option<Date>, Option<NamedNode>),
        make: impl FnOnce() -> std::result::Result<Solutions, Answer>,
    ) -> std::result::Result<Arc<Solutions>, Answer> {
        self.positions.get_or_make(generation, as_of, make)
    }

    /// The catalogue of `graph` now: made on first use and again after any change.
    fn catalogue(&self, graph: &KnowledgeGraph) -> crate::error::Result<Arc<Catalogue>> {
        let mut slot = self
            .catalogue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let generation = graph.generation();
        if let Some((built_at, catalogue)) = slot.as_ref() {
            if *built_at == generation {
                return Ok(Arc::clone(catalogue));
            }
        }
        let catalogue = Arc::new(Catalogue::build(graph)?);
        *slot = Some((generation, Arc::clone(&catalogue)));
        Ok(catalogue)
    }

    /// The claim index of one negotiation's claims (see `analysis::index_for`), kept while the
    /// store is unchanged: made again from the whole index, it takes as long as an analysis.
    fn negotiation_index(
        &self,
        graph: &KnowledgeGraph,
        negotiation: &NamedNode,
    ) -> crate::error::Result<Arc<ClaimIndex>> {
        let kept =
            self.negotiations
                .get_or_make(graph.generation(), negotiation.clone(), || {
                    let bindings = [(
                        crate::analysis::NEGOTIATION_PARAMETER,
                        negotiation.clone().into(),
                    )];
                    crate::analysis::index_for(graph, &bindings)
                })?;
        Ok(Arc::clone(&kept))
    }

    /// A page of a whole-dataset analysis, kept from an earlier request when the store is
    /// unchanged since, else made by `make`: conflicts and common ground take about a second at
    /// a million claims, and the overview shows the first of each on every visit.
    fn page(
        &self,
        generation: u64,
        key: String,
        make: impl FnOnce() -> std::result::Result<(Solutions, usize), Answer>,
    ) -> std::result::Result<Arc<(Solutions, usize)>, Answer> {
        self.pages.get_or_make(generation, key, make)
    }

    /// Makes what the pages need before the first request: the catalogue, and what the
    /// overview and the first pages of conflicts and common ground show.
    pub(super) fn prepare(&self, graph: &KnowledgeGraph) -> crate::error::Result<()> {
        self.catalogue(graph)?;
        let index = crate::analysis::claim_index(graph)?;
        let generation = graph.generation();
        let unanswered = |name: &str| internal(format!("the analysis {name} did not run"));
        for (name, limit) in pages::WHOLE_DATASET_FIRST_PAGES {
            let _ = self.page(
                generation,
                pages::page_key(name, &[], 0, Some(limit)),
                || {
                    crate::analysis::run_fast_page(&index, name, &[], 0, Some(limit))
                        .ok_or_else(|| unanswered(name))
                },
            );
        }
        let _ = self.positions(generation, (None, None), || {
            crate::analysis::run_fast_page(&index, "positions", &[], 0, None)
                .map(|(solutions, _)| solutions)
                .ok_or_else(|| unanswered("positions"))
        });
        Ok(())
    }
}

/// Everything a page handler needs.
struct Context<'a> {
    app: &'a App,
    graph: &'a KnowledgeGraph,
    catalogue: Arc<Catalogue>,
    /// The claim index the analyses read: of the chosen negotiation's claims, if one is.
    index: Arc<ClaimIndex>,
    /// The negotiation the page is limited to (`?negotiation=`), if any.
    negotiation: Option<Chosen>,
    path: &'a str,
    params: &'a [(String, String)],
}

/// A negotiation chosen with `?negotiation=`: its IRI, id and name.
struct Chosen {
    iri: NamedNode,
    id: String,
    name: String,
}

type Page = std::result::Result<String, Answer>;

impl Context<'_> {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A date parameter (`YYYY-MM-DD`), or a 400 that says what to write.
    fn date(&self, name: &str) -> std::result::Result<Option<Date>, Answer> {
        self.param(name)
            .map(|v| {
                v.parse::<Date>().map_err(|_| {
                    Answer::text(
                        400,
                        format!(
                            "{name}= takes a date as YYYY-MM-DD (such as 2025-06-02), not `{v}`"
                        ),
                    )
                })
            })
            .transpose()
    }

    /// Takes `?negotiation=` (an id such as `gaza`, a compact IRI or an IRI): the analyses
    /// then read only its claims. A 404 names the negotiations there are when it is none.
    fn choose_negotiation(&mut self) -> std::result::Result<(), Answer> {
        let Some(iri) = self.resource("negotiation", vocab::NEGOTIATION_NS)? else {
            return Ok(());
        };
        let Some(known) = self
            .catalogue
            .negotiations
            .iter()
            .find(|n| n.iri == iri.as_str())
        else {
            let ids: Vec<&str> = self
                .catalogue
                .negotiations
                .iter()
                .map(|n| n.id.as_str())
                .collect();
            return Err(Answer::text(
                404,
                if ids.is_empty() {
                    format!(
                        "negotiation=: the store holds no negotiation, so not <{}>",
                        iri.as_str()
                    )
                } else {
                    format!(
                        "negotiation=: the store holds no negotiation <{}>; it holds {}",
                        iri.as_str(),
                        ids.join(", ")
                    )
                },
            ));
        };
        let chosen = Chosen {
            iri: iri.clone(),
            id: known.id.clone(),
            name: known.name.clone(),
        };
        self.index = self
            .app
            .negotiation_index(self.graph, &iri)
            .map_err(internal)?;
        self.negotiation = Some(chosen);
        Ok(())
    }

    /// The page number (from 1), or a 400.
    fn page_number(&self) -> std::result::Result<usize, Answer> {
        match self.param("page") {
            None => Ok(1),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(Answer::text(
                    400,
                    format!("page= takes a whole number from 1, not `{v}`"),
                )),
            },
        }
    }

    /// An actor, issue, … named by a parameter: an id (`russia`), a compact IRI
    /// (`actor:russia`) or an IRI; a 400 when it is none.
    fn resource(
        &self,
        name: &str,
        namespace: &str,
    ) -> std::result::Result<Option<NamedNode>, Answer> {
        let Some(value) = self.param(name) else {
            return Ok(None);
        };
        let iri = if value.contains("://") {
            value.to_owned()
        } else if let Some((prefix, local)) = value.split_once(':') {
            match vocab::PREFIXES.iter().find(|(p, _)| *p == prefix) {
                Some((_, ns)) => format!("{ns}{local}"),
                None => format!("{namespace}{value}"),
            }
        } else {
            format!("{namespace}{value}")
        };
        NamedNode::new(iri).map(Some).map_err(|_| {
            Answer::text(
                400,
                format!("{name}= takes an id such as `russia` or an IRI, not `{value}`"),
            )
        })
    }

    /// This page's address with `key` set to `value` (or removed when `None`), the other
    /// parameters kept.
    fn with(&self, key: &str, value: Option<&str>) -> String {
        self.address(key, value, false)
    }

    /// [`Context::with`] from the first page: another filter shows other rows, so the page
    /// number is dropped.
    fn with_page(&self, key: &str, value: Option<&str>) -> String {
        self.address(key, value, true)
    }

    fn address(&self, key: &str, value: Option<&str>, first_page: bool) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.params {
            if k != key && !(first_page && k == "page") && !v.trim().is_empty() {
                serializer.append_pair(k, v);
            }
        }
        if let Some(value) = value {
            serializer.append_pair(key, value);
        }
        let query = serializer.finish();
        if query.is_empty() {
            self.path.to_owned()
        } else {
            format!("{}?{query}", self.path)
        }
    }
}

fn internal(error: impl std::fmt::Display) -> Answer {
    Answer::text(500, format!("the page could not be made: {error}"))
}

/// The app's answer to a request, or `None` when the path is not one of its pages.
pub(super) fn route(
    app: &App,
    graph: &KnowledgeGraph,
    request: &Request,
    path: &str,
    params: &[(String, String)],
) -> Option<Answer> {
    let is_page = matches!(
        path,
        "/" | "/index.html"
            | "/app.css"
            | "/app.js"
            | "/search"
            | "/conflicts"
            | "/common-ground"
            | "/graph"
            | "/graph.svg"
    ) || path.starts_with("/id/");
    if !is_page {
        return None;
    }
    if *request.method() != Method::Get && *request.method() != Method::Head {
        return Some(Answer::text(405, "method not allowed here: use GET"));
    }
    match path {
        "/app.css" => return Some(Answer::new(200, "text/css; charset=utf-8", STYLE)),
        "/app.js" => return Some(Answer::new(200, "text/javascript; charset=utf-8", SCRIPT)),
        _ => {}
    }
    let mut context = match (app.catalogue(graph), crate::analysis::claim_index(graph)) {
        (Ok(catalogue), Ok(index)) => Context {
            app,
            graph,
            catalogue,
            index,
            negotiation: None,
            path,
            params,
        },
        (Err(error), _) | (_, Err(error)) => return Some(internal(error)),
    };
    if let Err(answer) = context.choose_negotiation() {
        return Some(answer);
    }
    let page = match path {
        "/" | "/index.html" => pages::overview(&context),
        "/search" => pages::search(&context),
        "/conflicts" => pages::grouped(&context, "conflicts"),
        "/common-ground" => pages::grouped(&context, "common-ground"),
        "/graph" => pages::graph_page(&context),
        "/graph.svg" => return Some(picture::graph_svg(&context)),
        _ => return Some(resource(&context, request)),
    };
    Some(match page {
        Ok(html) => html_answer(html),
        Err(answer) => answer,
    })
}

/// What an HTML page allows: scripts and style sheets from this server only (and the style
/// attributes of the pictures), no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn html_answer(html: String) -> Answer {
    let mut answer = Answer::new(200, "text/html; charset=utf-8", html);
    answer.headers.extend([
        ("Vary", "Accept".into()),
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY.into()),
        ("X-Content-Type-Options", "nosniff".into()),
    ]);
    answer
}

/// The RDF formats a resource is given in: `?format=` name, extension, format.
fn rdf_formats() -> [(&'static str, &'static str, RdfFormat); 4] {
    [
        ("ttl", ".ttl", RdfFormat::Turtle),
        (
            "jsonld",
            ".jsonld",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
        ("nt", ".nt", RdfFormat::NTriples),
        ("rdfxml", ".rdf", RdfFormat::RdfXml),
    ]
}

/// What a request for a resource asked for.
#[derive(Debug, Clone, PartialEq)]
enum Wanted {
    Html,
    Rdf(RdfFormat),
}

/// The representation chosen by `?format=`, the extension, or the Accept header (in order of
/// preference; `*/*` and `text/*` give HTML). `None`: nothing acceptable (406).
fn negotiate(format: Option<&str>, extension: Option<&str>, accept: &str) -> Option<Wanted> {
    if let Some(name) = format.or(extension) {
        if name == "html" || name == ".html" {
            return Some(Wanted::Html);
        }
        return rdf_formats()
            .into_iter()
            .find(|(n, e, _)| *n == name || *e == name)
            .map(|(_, _, f)| Wanted::Rdf(f));
    }
    for media in accepted(accept) {
        match media.as_str() {
            "text/html" | "application/xhtml+xml" | "*/*" | "text/*" => return Some(Wanted::Html),
            "application/*" => return Some(Wanted::Rdf(RdfFormat::Turtle)),
            "application/json" => {
                return Some(Wanted::Rdf(RdfFormat::JsonLd {
                    profile: Default::default(),
                }))
            }
            other => {
                if let Some(format) = RdfFormat::from_media_type(other) {
                    if rdf_formats().iter().any(|(_, _, f)| *f == format) {
                        return Some(Wanted::Rdf(format));
                    }
                }
            }
        }
    }
    None
}

/// A page under `/id/`: HTML or RDF of the resource whose IRI is the path.
fn resource(context: &Context, request: &Request) -> Answer {
    let (path, extension) = match rdf_formats()
        .iter()
        .map(|(_, e, _)| *e)
        .chain([".html"])
        .find(|e| context.path.ends_with(e))
    {
        Some(extension) => (
            &context.path[..context.path.len() - extension.len()],
            Some(extension),
        ),
        None => (context.path, None),
    };
    let Ok(iri) = NamedNode::new(format!("{}{path}", data::ID_BASE)) else {
        return Answer::text(404, format!("no resource at {path}"));
    };
    let accept = header(request, "Accept").unwrap_or("*/*");
    let Some(wanted) = negotiate(context.param("format"), extension, accept) else {
        return Answer::text(
            406,
            "this resource is given as HTML (text/html) or RDF: Turtle (text/turtle), JSON-LD (application/ld+json), N-Triples (application/n-triples) or RDF/XML (application/rdf+xml); ask for one with Accept or ?format=html|ttl|jsonld|nt|rdfxml",
        );
    };
    match wanted {
        Wanted::Rdf(format) => describe(context.graph, &iri, format),
        Wanted::Html => match pages::resource_page(context, &iri, path) {
            Ok(html) => html_answer(html),
            Err(answer) => answer,
        },
    }
}

/// The resource's own statements (and those of its evidence nodes, for a claim) in `format`;
/// 404 when the store says nothing about it.
fn describe(graph: &KnowledgeGraph, iri: &NamedNode, format: RdfFormat) -> Answer {
    let query = crate::query::SparqlQuery::new(
        "CONSTRUCT { ?r ?p ?o . ?e ?q ?v } WHERE { { ?r ?p ?o } UNION { ?r neg:evidence ?e . ?e ?q ?v } }",
    )
    .bind("r", iri.clone().into());
    let triples = match crate::export::construct(graph, &query) {
        Ok(triples) => triples,
        Err(error) => return internal(error),
    };
    if triples.is_empty() {
        return Answer::text(
            404,
            format!("the store says nothing about <{}>", iri.as_str()),
        );
    }
    let mut body = Vec::new();
    let mut serializer = rdf_serializer(format).for_writer(&mut body);
    for triple in &triples {
        if let Err(error) = serializer.serialize_triple(triple) {
            return internal(error);
        }
    }
    if let Err(error) = serializer.finish() {
        return internal(error);
    }
    let mut answer = Answer::new(
        200,
        &format!("{}; charset=utf-8", format.media_type()),
        body,
    );
    answer.headers.push(("Vary", "Accept".into()));
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_negotiated_by_format_extension_and_accept() {
        let turtle = Some(Wanted::Rdf(RdfFormat::Turtle));
        assert_eq!(
            negotiate(None, None, "text/html,*/*;q=0.8"),
            Some(Wanted::Html)
        );
        assert_eq!(negotiate(None, None, "*/*"), Some(Wanted::Html));
        assert_eq!(negotiate(None, None, "text/turtle"), turtle);
        assert_eq!(
            negotiate(None, None, "text/html;q=0.5, application/ld+json"),
            Some(Wanted::Rdf(RdfFormat::JsonLd {
                profile: Default::default()
            }))
        );
        assert_eq!(negotiate(Some("ttl"), None, "text/html"), turtle);
        assert_eq!(negotiate(None, Some(".ttl"), "text/html"), turtle);
        assert_eq!(
            negotiate(None, Some(".nt"), "*/*"),
            Some(Wanted::Rdf(RdfFormat::NTriples))
        );
        assert_eq!(negotiate(None, None, "image/png"), None);
        assert_eq!(negotiate(Some("png"), None, "*/*"), None);
        assert_eq!(negotiate(None, None, "application/n-quads"), None);
    }
}
