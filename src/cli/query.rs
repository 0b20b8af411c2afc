//! `negkg query`: run SPARQL on the graph.

use super::common::{output, stdout_is_terminal, GraphArgs};
use anyhow::{bail, Context};
use negkg::{named_query, parse_term, write_results, OutputFormat, SparqlQuery, TableOptions};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

/// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the graph.
///
/// The query comes from the argument, from --file, from --name (a named query; see `negkg
/// queries`) or from standard input. Every vocabulary prefix (neg: actor: place: issue: action:
/// event: negotiation: source: claim: evidence: rdf: rdfs: owl: xsd: skos: prov: dcterms:
/// schema: wd:) is declared, and the default graph is the union of all graphs. The analyses'
/// named queries take `--bind negotiation=negotiation:ID` to look at one negotiation.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg query 'SELECT ?place WHERE { actor:russia neg:demandsWithdrawalFrom ?place }'
  negkg query --name demands --format csv
  negkg query --name claims-of-source --bind source=source:ft-2025-05-19-trump-leaves-ceasefire-talks
  negkg query --name positions --bind negotiation=negotiation:russia-ukraine
  negkg query --file my.rq --data my-data/ --format json
  echo 'ASK { actor:vatican neg:offersToHost ?talks }' | negkg query
  negkg query 'CONSTRUCT WHERE { ?a neg:demandsWithdrawalFrom ?p }' --format nt
  negkg query --endpoint http://127.0.0.1:7878/query --name demands")]
pub(crate) struct Args {
    /// The SPARQL query text.
    #[arg(value_name = "SPARQL", conflicts_with_all = ["file", "name"])]
    query: Option<String>,
    /// Read the query from this file.
    #[arg(long, short = 'f', value_name = "FILE", conflicts_with = "name")]
    file: Option<PathBuf>,
    /// Run the named query NAME (`negkg queries` lists them).
    #[arg(long, short = 'n', value_name = "NAME")]
    name: Option<String>,
    /// Fix a variable before running: VAR=VALUE, VALUE an IRI (<https://…>), a prefixed name
    /// (source:ft-…), a "string" or a number; repeatable.
    #[arg(long, short = 'b', value_name = "VAR=VALUE")]
    bind: Vec<String>,
    /// Output format: table (default; Turtle for graph results), csv, tsv, json, xml (W3C SPARQL
    /// results), or ttl, nt, nq, trig, jsonld, rdfxml (graph results).
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = clap::builder::PossibleValuesParser::new(OutputFormat::NAMES))]
    format: String,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Cancel the query after this many seconds (exit code 124); with --endpoint, give up on
    /// the request (default 300).
    #[arg(long = "timeout", value_name = "SECONDS")]
    query_timeout: Option<f64>,
    /// Refuse results of more than N rows (or triples) with an error, writing nothing.
    #[arg(long, value_name = "N")]
    max_rows: Option<usize>,
    /// Stop the query when it has added this many MB to the heap (exit code 1); 0 for no
    /// limit. The default is half the machine's memory.
    #[arg(long, value_name = "MB")]
    max_memory: Option<u64>,
    /// Run the query N times and print the latencies (min, p50, p90, max) to standard error:
    /// the time to evaluate it and read every answer, as a program using the library would.
    /// The answer is then written once, and the time that took (formatting included) printed.
    /// A named analysis answered from the claim index (--name positions, conflicts, …) is
    /// timed otherwise: each run answers and writes the answer in --format, into memory, and
    /// the last answer is written out (no separate time). For benchmarks.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    repeat: Option<u32>,
    /// With --name: only N rows, from --offset on (a page of a ranked analysis such as
    /// common-ground, which then keeps only the page in memory). Your own SPARQL takes LIMIT.
    #[arg(long, value_name = "N", requires = "name")]
    limit: Option<usize>,
    /// With --name: leave out the first N rows.
    #[arg(long, value_name = "N", default_value_t = 0, requires = "name")]
    offset: usize,
    /// Evaluate a named query's SPARQL on the engine even where the analysis index answers it
    /// (positions, timelines, accounts, claims of a source, conflicts, common ground): the same
    /// rows, slower on large stores.
    #[arg(long)]
    no_index: bool,
    /// Run the query on this SPARQL endpoint (its query URL) instead of the local graph.
    #[arg(long, value_name = "URL", conflicts_with_all = ["data", "no_bundled", "store"])]
    endpoint: Option<String>,
    /// With --endpoint: send this HTTP header ('Authorization: Bearer …'); repeatable.
    #[arg(long, value_name = "NAME: VALUE", requires = "endpoint")]
    header: Vec<String>,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let mut query = if let Some(text) = args.query.clone() {
        SparqlQuery::new(text)
    } else if let Some(path) = &args.file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the query file {}", path.display()))?;
        SparqlQuery::new(text).with_origin(format!("query file {}", path.display()))
    } else if let Some(name) = &args.name {
        let named = named_query(name)?;
        let mut text = named.text.to_owned();
        // The page of a named query run on the engine (or a server): its rows are in the
        // order of its ORDER BY, which LIMIT and OFFSET follow.
        if let Some(limit) = args.limit {
            text.push_str(&format!("\nLIMIT {limit}"));
        }
        if args.offset > 0 {
            text.push_str(&format!("\nOFFSET {}", args.offset));
        }
        SparqlQuery::new(text).with_origin(format!("named query {name}"))
    } else {
        if std::io::stdin().is_terminal() {
            bail!("no query given\n  help: give the query as an argument, with --file or --name, or on standard input; `negkg query --help` has examples");
        }
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the query from standard input")?;
        SparqlQuery::new(text).with_origin("query from standard input")
    };
    for binding in &args.bind {
        let Some((variable, value)) = binding.split_once('=') else {
            bail!("--bind takes VAR=VALUE, not `{binding}`");
        };
        let variable = variable.trim().trim_start_matches('?');
        query = query.bind(variable, parse_term(variable, value)?);
    }
    negkg::check_syntax(&query)?;
    let format = OutputFormat::from_name(&args.format)
        .with_context(|| format!("unknown format {}", args.format))?;
    let table = TableOptions {
        fit_terminal: args.output.is_none() && stdout_is_terminal(),
    };
    if let Some(endpoint) = &args.endpoint {
        let answer = negkg::remote::remote_query(
            endpoint,
            &query,
            std::time::Duration::from_secs_f64(args.query_timeout.unwrap_or(300.0).max(0.001)),
            &super::common::headers(&args.header)?,
        )?;
        let results = negkg::remote::answer_to_results(&answer)?;
        let mut out = output(args.output.as_ref())?;
        write_results(results, format, table, &mut out)?;
        return Ok(());
    }
    let graph = args.graph.open()?;
    if let Some(name) = args.name.as_deref().filter(|n| {
        !args.no_index && negkg::analysis::FAST_QUERIES.contains(n) && args.max_rows.is_none()
    }) {
        return run_analysis(&graph, name, &query, format, table, &args);
    }
    if let Some(repeat) = args.repeat {
        let mut rows = 0;
        let latencies = timed_runs(repeat, || {
            rows = read_every_answer(graph.query(&query)?)?;
            Ok(())
        })?;
        eprintln!(
            "{}, evaluating and reading all {rows} answers: {latencies}",
            runs(repeat)
        );
    }
    let started = std::time::Instant::now();
    let answer = run_limited(
        &graph,
        &query,
        format,
        table,
        Limits {
            timeout: args.query_timeout,
            max_rows: args.max_rows,
            max_memory: super::common::max_memory(args.max_memory),
        },
    )?;
    let mut out = output(args.output.as_ref())?;
    out.write_all(&answer)?;
    out.flush()?;
    if args.repeat.is_some() {
        eprintln!(
            "the answer once more, written out: {:.2} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(())
}

/// Answers a named query that has a fast path from the analysis index (built once, then each
/// run is timed with --repeat): the same rows as the SPARQL, in the query's ORDER BY.
fn run_analysis(
    graph: &negkg::KnowledgeGraph,
    name: &str,
    query: &SparqlQuery,
    format: OutputFormat,
    table: TableOptions,
    args: &Args,
) -> anyhow::Result<()> {
    let bindings: Vec<(&str, negkg::oxigraph::model::Term)> = query
        .bindings
        .iter()
        .map(|(v, t)| (v.as_str(), t.clone()))
        .collect();
    let started = std::time::Instant::now();
    super::common::prepare_index(graph)?;
    let index = negkg::analysis::index_for(graph, &bindings)?;
    let built = started.elapsed().as_secs_f64() * 1000.0;
    negkg::analysis::check_rows_held(&index, name, &bindings, args.offset, args.limit)?;
    let page = || {
        negkg::analysis::run_fast_answer(&index, name, &bindings, args.offset, args.limit)
            .map(|(answer, _)| answer)
    };
    let Some(answer) = page() else {
        bail!("the named query {name} takes no such binding\n  help: `negkg queries {name}` lists its parameters; --no-index runs its SPARQL with any binding");
    };
    let mut out = output(args.output.as_ref())?;
    let Some(repeat) = args.repeat else {
        answer.write(format, table, &mut out)?;
        out.flush()?;
        return Ok(());
    };
    // Each run answers and writes the answer in the format asked for, into memory (the last
    // one is then written out): an answer is only done once it is written. The answer of the
    // run before, and what it wrote, are freed before the clock starts: freeing them is no
    // part of answering (a command writes its answer and exits).
    let rows = answer.len();
    let kept = std::cell::RefCell::new(Some((answer, Vec::new())));
    let latencies = timed_runs_after(
        repeat,
        || drop(kept.take()),
        || {
            // A new buffer each run: growing it is part of writing the answer.
            let mut written: Vec<u8> = Vec::new();
            let answer = page().ok_or_else(|| anyhow::anyhow!("the analysis gave no answer"))?;
            answer.write(format, table, &mut written)?;
            *kept.borrow_mut() = Some((std::hint::black_box(answer), written));
            Ok(())
        },
    )?;
    let written = kept.take().map(|(_, written)| written).unwrap_or_default();
    let how = if index.origin() == &negkg::analysis::IndexOrigin::Read {
        "read from beside the store"
    } else {
        "built"
    };
    eprintln!(
        "{} of the {name} analysis (index {how} in {built:.2} ms), all {rows} answers, answered and written: {latencies}",
        runs(repeat),
    );
    out.write_all(&written)?;
    out.flush()?;
    Ok(())
}

fn runs(repeat: u32) -> String {
    format!("{repeat} {}", if repeat == 1 { "run" } else { "runs" })
}

/// Runs `run` `repeat` times and describes its latencies: "min …, p50 …, p90 …, max … ms".
fn timed_runs(repeat: u32, run: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<String> {
    timed_runs_after(repeat, || {}, run)
}

/// As [`timed_runs`], with `before` run untimed before each run.
fn timed_runs_after(
    repeat: u32,
    mut before: impl FnMut(),
    mut run: impl FnMut() -> anyhow::Result<()>,
) -> anyhow::Result<String> {
    let mut latencies = Vec::with_capacity(repeat as usize);
    for _ in 0..repeat {
        before();
        let started = std::time::Instant::now();
        run()?;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    let at = |p: f64| latencies[((latencies.len() - 1) as f64 * p).round() as usize];
    Ok(format!(
        "min {:.2} ms, p50 {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        at(0.0),
        at(0.5),
        at(0.9),
        at(1.0)
    ))
}

/// Reads every solution, triple or the boolean of a query's results, as a client that keeps
/// them would; returns how many there were.
fn read_every_answer(results: oxigraph::sparql::QueryResults<'_>) -> anyhow::Result<usize> {
    use oxigraph::sparql::QueryResults;
    fn count<T, E>(items: impl Iterator<Item = Result<T, E>>) -> anyhow::Result<usize>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        let mut count = 0;
        for item in items {
            std::hint::black_box(item?);
            count += 1;
        }
        Ok(count)
    }
    match results {
        QueryResults::Solutions(solutions) => count(solutions),
        QueryResults::Graph(triples) => count(triples),
        QueryResults::Boolean(_) => Ok(1),
    }
}

/// What a local query may take.
struct Limits {
    timeout: Option<f64>,
    max_rows: Option<usize>,
    /// Heap limit in bytes.
    max_memory: Option<usize>,
}

/// Runs the query on its own thread and writes its results to memory, giving up at the
/// timeout or past the heap limit (the process then ends, even if the engine is still busy),
/// or past `max_rows`.
fn run_limited(
    graph: &negkg::KnowledgeGraph,
    query: &SparqlQuery,
    format: OutputFormat,
    table: TableOptions,
    limits: Limits,
) -> anyhow::Result<Vec<u8>> {
    let token = negkg::oxigraph::sparql::CancellationToken::new();
    let (sender, receiver) = std::sync::mpsc::channel();
    let graph = graph.clone();
    let query = query.clone();
    let worker_token = token.clone();
    let max_rows = limits.max_rows;
    std::thread::spawn(move || {
        let result = (|| -> Result<Vec<u8>, negkg::Error> {
            let results = graph.query_cancellable(&query, worker_token)?;
            let results = match max_rows {
                Some(limit) => negkg::limit_results(results, limit)?,
                None => results,
            };
            let mut buffer = Vec::new();
            write_results(results, format, table, &mut buffer)?;
            Ok(buffer)
        })();
        // The thread's handle on the store leaves with the answer, to be dropped by the main
        // thread. Dropped here, it could be the store's last handle while the main thread is
        // already exiting: an on-disk store would then close as RocksDB's statics are torn
        // down, and the process abort ("pthread lock: Invalid argument") or hang instead of
        // ending. When nobody waits any more (a timeout), the handle is left to the process.
        if let Err(unsent) = sender.send((result, graph)) {
            std::mem::forget(unsent.0 .1);
        }
    });
    let deadline = match limits.timeout {
        Some(seconds) if seconds > 0.0 && seconds.is_finite() => Some((
            seconds,
            std::time::Instant::now() + std::time::Duration::from_secs_f64(seconds),
        )),
        Some(_) => bail!("--timeout must be a positive number of seconds"),
        None => None,
    };
    // Without a heap count (another allocator) only the timeout applies.
    let max_memory = limits
        .max_memory
        .filter(|_| negkg::memory::heap_in_use().is_some());
    // The limit counts what the query adds to the heap, not the graph already loaded.
    let heap_at_start = negkg::memory::heap_in_use().unwrap_or(0);
    let step = std::time::Duration::from_millis(if max_memory.is_some() { 50 } else { 1000 });
    let result = loop {
        match receiver.recv_timeout(step) {
            Ok((result, _handle)) => break result,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                bail!("the query thread ended without an answer")
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
        if let Some((seconds, deadline)) = deadline {
            if std::time::Instant::now() >= deadline {
                token.cancel();
                return Err(negkg::Error::Timeout { seconds }.into());
            }
        }
        if let Some(limit) = max_memory {
            let added = negkg::memory::heap_in_use()
                .unwrap_or(0)
                .saturating_sub(heap_at_start);
            if added > limit {
                token.cancel();
                bail!(
                    "the query was stopped: it took more than {} MB of memory (--max-memory)\n  help: narrow the query (a LIMIT, more specific patterns, no ORDER BY over a large result) or raise --max-memory",
                    limit >> 20
                );
            }
        }
    };
    Ok(result?)
}
