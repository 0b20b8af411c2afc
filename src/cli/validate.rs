//! `negkg validate`: data files and RDF checked against the SHACL shapes.

use anyhow::Context;
use negkg::KnowledgeGraph;
use std::path::PathBuf;

/// Check data files and any RDF against the SHACL shapes of the vocabulary
/// (`ontology/shapes.ttl`): a claim has exactly one holder, at least one evidence with a quote
/// and a source, dates are dates, `neg:conditionalOn` points to a claim, and so on.
///
/// Data files are first read as by every command (errors with file, line and column); then the
/// whole graph — the bundled data too, unless --no-bundled — is checked, and each violation is
/// reported with the node, the property and the rule. Exit code 1 when anything fails.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg validate                        # the bundled data
  negkg validate my-source.toml extra.ttl
  negkg validate --no-bundled export.nq --shapes my-shapes.ttl")]
pub(crate) struct Args {
    /// Data files, RDF files or directories to check with the bundled data.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Leave the bundled dataset out (the ontology stays, for the class hierarchy).
    #[arg(long)]
    no_bundled: bool,
    /// Use these SHACL shapes (Turtle) instead of negkg's own.
    #[arg(long, value_name = "FILE")]
    shapes: Option<PathBuf>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let input = super::common::input(args.no_bundled, &args.paths)?;
    let graph = KnowledgeGraph::in_memory()?;
    graph.load(&input)?;
    let violations = match &args.shapes {
        Some(path) => {
            let shapes = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the shapes {}", path.display()))?;
            negkg::validate::validate_with(&graph, &shapes)?
        }
        None => negkg::validate::validate(&graph)?,
    };
    for v in &violations {
        println!(
            "{}: {} {} — {}{}",
            v.focus,
            v.path,
            v.constraint,
            v.message,
            v.value
                .as_ref()
                .map(|value| format!(" (value: {value})"))
                .unwrap_or_default()
        );
    }
    if violations.is_empty() {
        eprintln!("conforms: no violation of the shapes");
        Ok(())
    } else {
        anyhow::bail!("{} violations of the shapes", violations.len())
    }
}
