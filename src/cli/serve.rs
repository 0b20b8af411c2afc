//! `negkg serve`: a SPARQL 1.1 Protocol endpoint with a web page.

use super::common::GraphArgs;
use negkg::serve::{serve, ServeOptions};
use std::time::Duration;

/// Serve the graph in a browser (pages for people who do not write SPARQL) and over the SPARQL
/// 1.1 Protocol.
///
/// The web app: `/` an overview (who stands where on the main issues, the latest claims, the
/// sharpest conflicts, the common ground), a page for each actor, issue, event, source, claim
/// and place at the path of its IRI (`/id/actor/russia`: HTML to a browser, RDF by the Accept
/// header or `?format=ttl|jsonld|nt|rdfxml`), `/conflicts` and `/common-ground` (filters
/// `actor`, `issue`, `asOf`, `from`, `to`; `page`), `/graph` (the briefing picture), `/search?q=`
/// (names and aliases). Keys: `/` to search, `g` then `o`, `c`, `m`, `r` or `s` to go to a page,
/// `n` and `p` to turn the pages of a list.
///
/// The SPARQL endpoints: `/sparql` the query page (a query box, the named queries, a results
/// table, graph results drawn as SVG), `/query` (GET ?query=…, POST application/sparql-query or a form; results in
/// JSON, XML, CSV or TSV and graphs in Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML by
/// the Accept header or ?format=; without a query: the service description), `/queries` (the
/// named queries as JSON), `/analysis?name=…` (an analysis from the claim index: positions,
/// timelines, accounts, conflicts, common ground…, its parameters as ?asOf=…, a page with
/// ?limit= and ?offset=), `/store?graph=IRI` (Graph Store Protocol: GET, and with
/// --allow-update PUT, POST, DELETE), `/update` (with --allow-update). Read-only and on the
/// loopback address by default. SERVICE federation is not available in this build.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg serve                                   # http://127.0.0.1:7878/
  curl -H 'Accept: text/turtle' http://127.0.0.1:7878/id/actor/russia
  negkg serve --bind 127.0.0.1:8080 --data my-data/
  negkg serve --store ./kg --timeout 10
  negkg serve --allow-update
  curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/query?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%203'")]
pub(crate) struct Args {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    bind: String,
    /// Accept SPARQL Update and Graph Store Protocol writes.
    #[arg(long)]
    allow_update: bool,
    /// Cancel a query after this many seconds (the answer is 503).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
    /// Largest request body in bytes (larger: 413).
    #[arg(long, value_name = "BYTES", default_value_t = 10 << 20)]
    max_body: usize,
    /// Requests handled at once (beyond: 503).
    #[arg(long, value_name = "N", default_value_t = 16)]
    max_connections: usize,
    /// Largest result in solutions or triples (beyond: 503 with a message).
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    max_results: usize,
    /// Cancel every running query when queries have added this many MB to the heap (beyond
    /// the graph loaded), and refuse queries until memory is freed (503 with a message); 0 for no limit. The default is half the machine's
    /// memory.
    #[arg(long, value_name = "MB")]
    max_memory: Option<u64>,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    let graph = args.graph.open_for_serving(args.allow_update)?;
    // Ready before the first request, so that no analysis waits for it.
    super::common::prepare_index(&graph)?;
    negkg::analysis::claim_index(&graph)?;
    let options = ServeOptions {
        bind: args.bind.clone(),
        allow_update: args.allow_update,
        timeout: Duration::from_secs_f64(args.timeout),
        max_body: args.max_body,
        max_connections: args.max_connections.max(1),
        max_results: args.max_results,
        max_memory: super::common::max_memory(args.max_memory),
    };
    // The pages' catalogue of names and the overview's answers are made before the first
    // request: a minute at a million claims, so a spinner says so on a terminal.
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(
        "preparing the web app's pages (names, overview, first conflicts and common ground)",
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    serve(graph, &options, |address| {
        bar.finish_and_clear();
        eprintln!(
            "negkg serves http://{address}/ (SPARQL endpoint http://{address}/query){}",
            if options.allow_update {
                ", updates allowed"
            } else {
                ", read-only"
            }
        );
    })?;
    Ok(())
}
