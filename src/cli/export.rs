//! `negkg export`: the graph as Graphviz DOT (rendered to SVG or PNG when Graphviz is there) or
//! in any RDF format.

use super::common::{output, GraphArgs};
use anyhow::{bail, Context};
use negkg::{
    export, ClaimKind, Clustering, Date, DotOptions, DotView, OutputFormat, ProjectedGraph,
    Selection, SparqlQuery,
};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Write the graph as Graphviz DOT — a briefing of who takes which position, or the claims with
/// their evidence — or dump it in an RDF format.
///
/// DOT output is deterministic: the same store gives byte-identical DOT. Filters pick the claims
/// to draw; --query draws the graph a CONSTRUCT query builds instead. RDF formats dump the whole
/// store (N-Quads, TriG and JSON-LD keep the named graphs; Turtle, N-Triples and RDF/XML get the
/// union of all graphs) or the CONSTRUCT result.
///
/// --negotiation limits every format to one negotiation: DOT draws its claims; the RDF formats
/// write the reference data and the ontology whole and, of the sources, those that name it or
/// hold one of its claims, with only its claims, their evidence and their direct edges; the
/// tables hold its claims.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg export > briefing.dot
  negkg export --render svg -o briefing.svg
  negkg export --view claims --cluster source --actor russia --render svg -o russia.svg
  negkg export --kind demand --kind threat --from 2025-05-01 --to 2025-05-31
  negkg export --query 'CONSTRUCT WHERE { ?a neg:offersToHost ?e }'
  negkg export --format ttl -o negkg.ttl
  negkg export --format nq | gzip > negkg.nq.gz
  negkg export --negotiation russia-ukraine --render svg -o briefing.svg
  negkg export --negotiation russia-ukraine --format trig -o russia-ukraine.trig")]
pub(crate) struct Args {
    /// dot (default), an RDF format (ttl, nt, nq, trig, jsonld, rdfxml), or tables: the claims
    /// as CSV files in the folder -o names (claims.csv, claim_issues.csv, evidence.csv, …), for
    /// DuckDB, pandas or a spreadsheet; `scripts/sql/` has the analyses in SQL over them.
    #[arg(long, value_name = "FORMAT", default_value = "dot", value_parser = ["dot", "ttl", "nt", "nq", "trig", "jsonld", "rdfxml", "tables"])]
    format: String,
    /// briefing: actors to their objects by the direct edges, in words; claims: claim nodes
    /// with holder, addressee, place, event, issue, condition and evidence.
    #[arg(long, value_name = "VIEW", default_value = "briefing", value_parser = ["briefing", "claims"])]
    view: String,
    /// Group nodes: per source (each source's picture apart) or per actor (actors with those
    /// affiliated to them; in the claim view, each holder with its claims).
    #[arg(long, value_name = "BY", default_value = "none", value_parser = ["none", "source", "actor"])]
    cluster: String,
    /// Leave the legend out.
    #[arg(long)]
    no_legend: bool,
    /// A title over the picture.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Only claims this actor holds, voices or is addressed by (id or IRI); repeatable.
    #[arg(long, value_name = "ACTOR")]
    actor: Vec<String>,
    /// Only claims of this kind (demand, proposal, offer, concession, rejection, threat,
    /// agreement, commitment, statement); repeatable.
    #[arg(long, value_name = "KIND")]
    kind: Vec<String>,
    /// Only claims about this issue (id or IRI); repeatable.
    #[arg(long, value_name = "ISSUE")]
    issue: Vec<String>,
    /// Only claims from this source (id or IRI); repeatable.
    #[arg(long, value_name = "SOURCE")]
    source: Vec<String>,
    /// Only claims stated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only claims stated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only the claims of this negotiation (id, `negotiation:ID` or IRI), in every format;
    /// `negkg stats` lists the negotiations.
    #[arg(long, value_name = "NEGOTIATION")]
    negotiation: Option<String>,
    /// Draw (or dump) the graph this CONSTRUCT query builds instead of the filtered claims.
    #[arg(long, value_name = "SPARQL", conflicts_with_all = ["actor", "kind", "issue", "source", "from", "to", "negotiation"])]
    query: Option<String>,
    /// Render with Graphviz (`dot`) to this format; needs -o FILE.
    #[arg(long, value_name = "FORMAT", value_parser = ["svg", "png", "pdf"], requires = "output")]
    render: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    graph: GraphArgs,
}

fn date(text: &Option<String>, flag: &str) -> anyhow::Result<Option<Date>> {
    text.as_deref()
        .map(|t| {
            t.parse::<Date>()
                .map_err(|e| anyhow::anyhow!("--{flag}: {e}"))
        })
        .transpose()
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let query = args
        .query
        .as_ref()
        .map(|q| SparqlQuery::new(q.clone()).with_origin("--query"));
    if let Some(query) = &query {
        negkg::check_syntax(query)?;
    }
    let selection = Selection {
        actors: args.actor.clone(),
        kinds: args
            .kind
            .iter()
            .map(|k| {
                ClaimKind::from_keyword(k)
                    .with_context(|| format!("--kind {k}: use one of {}", ClaimKind::keywords()))
            })
            .collect::<anyhow::Result<_>>()?,
        issues: args.issue.clone(),
        sources: args.source.clone(),
        from: date(&args.from, "from")?,
        to: date(&args.to, "to")?,
        negotiations: Vec::new(),
    };
    if args.format == "tables" {
        let Some(directory) = &args.output else {
            bail!("--format tables writes a folder of CSV files: name it with -o DIR");
        };
        if query.is_some() || selection != Selection::default() || args.render.is_some() {
            bail!(
                "--format tables writes every claim; --query, the filters and --render are for DOT"
            );
        }
        let graph = args.graph.open()?;
        let negotiation = super::common::negotiation(&graph, args.negotiation.as_ref())?;
        super::common::prepare_index(&graph)?;
        let bindings: Vec<(&str, negkg::oxigraph::model::Term)> = negotiation
            .map(|n| (negkg::analysis::NEGOTIATION_PARAMETER, n))
            .into_iter()
            .collect();
        let index = negkg::analysis::index_for(&graph, &bindings)?;
        let claims = negkg::analysis::write_claim_tables(&index, directory)?;
        eprintln!(
            "{claims} claim rows and their relations written to {}/ ({} tables)",
            directory.display(),
            negkg::analysis::TABLES.len()
        );
        return Ok(());
    }
    if args.format != "dot" {
        if selection != Selection::default() {
            bail!("--actor, --kind, --issue, --source, --from and --to pick what DOT draws\n  help: to export part of the graph as RDF, give a CONSTRUCT query with --query");
        }
        if args.render.is_some() {
            bail!("--render needs --format dot");
        }
        let Some(OutputFormat::Rdf(format)) = OutputFormat::from_name(&args.format) else {
            bail!("unknown format {}", args.format);
        };
        let graph = args.graph.open()?;
        let negotiation = super::common::negotiation(&graph, args.negotiation.as_ref())?;
        let mut out = output(args.output.as_ref())?;
        match (&query, negotiation) {
            (Some(query), _) => {
                let triples = export::construct(&graph, query)?;
                export::write_triples(&triples, format, &mut out)?;
            }
            (None, Some(negkg::oxigraph::model::Term::NamedNode(negotiation))) => {
                let quads = export::negotiation_quads(&graph, &negotiation)?;
                export::write_quads(quads, format, &mut out)?;
            }
            (None, _) => export::write_store(&graph, format, &mut out)?,
        }
        out.flush()?;
        return Ok(());
    }
    let graph = args.graph.open()?;
    let mut selection = selection;
    if let Some(negkg::oxigraph::model::Term::NamedNode(negotiation)) =
        super::common::negotiation(&graph, args.negotiation.as_ref())?
    {
        selection.negotiations.push(negotiation.as_str().to_owned());
    }
    let projection = match &query {
        Some(query) => ProjectedGraph::from_triples(&graph, &export::construct(&graph, query)?)?,
        None => ProjectedGraph::from_store(&graph, &selection)?,
    };
    let options = DotOptions {
        view: if args.view == "claims" {
            DotView::Claims
        } else {
            DotView::Briefing
        },
        clustering: match args.cluster.as_str() {
            "source" => Clustering::Source,
            "actor" => Clustering::Actor,
            _ => Clustering::None,
        },
        legend: !args.no_legend,
        title: args.title.clone(),
    };
    let mut dot = Vec::new();
    negkg::write_dot(&projection, &options, &mut dot)?;
    match (&args.render, &args.output) {
        (Some(format), Some(path)) => render(&dot, format, path),
        _ => {
            let mut out = output(args.output.as_ref())?;
            out.write_all(&dot)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Pipes DOT through Graphviz's `dot`.
fn render(dot: &[u8], format: &str, path: &PathBuf) -> anyhow::Result<()> {
    let program = std::env::var("NEGKG_DOT").unwrap_or_else(|_| "dot".into());
    let mut child = match Command::new(&program)
        .arg(format!("-T{format}"))
        .arg("-o")
        .arg(path)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(negkg::Error::Unsupported(format!(
                "Graphviz is not installed (no `{program}` on the PATH), so the DOT cannot be rendered to {format}\n  help: install it (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz), or write the DOT with `negkg export -o graph.dot` and render it elsewhere"
            ))
            .into());
        }
        Err(error) => return Err(error).context("cannot start Graphviz"),
    };
    child
        .stdin
        .take()
        .context("no pipe to Graphviz")?
        .write_all(dot)
        .context("cannot send the DOT to Graphviz")?;
    let result = child.wait_with_output()?;
    if !result.status.success() {
        bail!(
            "Graphviz failed to render {}: {}",
            path.display(),
            String::from_utf8_lossy(&result.stderr).trim()
        );
    }
    Ok(())
}
