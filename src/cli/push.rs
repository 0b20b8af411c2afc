//! `negkg push`: send the graph to an existing SPARQL server.

use super::common::GraphArgs;
use std::time::Duration;

/// Send the graph to an existing SPARQL server through the Graph Store Protocol: one named
/// graph per source (plus the reference data and the ontology), each replaced with PUT, so that
/// pushing twice changes nothing.
///
/// ENDPOINT is the server's Graph Store Protocol URL: `http://host:7878/store` for Oxigraph
/// server, `http://host:8890/sparql-graph-crud` for Virtuoso; see the README.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg push --endpoint http://127.0.0.1:7878/store
  negkg push --endpoint http://127.0.0.1:7878/store --data my-data/
  negkg query --endpoint http://127.0.0.1:7878/query --name demands")]
pub(crate) struct Args {
    /// The Graph Store Protocol URL.
    #[arg(long, value_name = "URL")]
    endpoint: String,
    /// Send this HTTP header with every request ('Authorization: Bearer …'); repeatable.
    #[arg(long, value_name = "NAME: VALUE")]
    header: Vec<String>,
    /// Give up on a request after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    timeout: u64,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let graph = args.graph.open()?;
    let report = negkg::remote::push(
        &graph,
        &args.endpoint,
        Duration::from_secs(args.timeout),
        &super::common::headers(&args.header)?,
        |name, triples| eprintln!("  {name}: {triples} triples"),
    )?;
    eprintln!(
        "pushed {} graphs, {} triples, to {}",
        report.graphs, report.triples, args.endpoint
    );
    Ok(())
}
