//! Options shared by the commands that read a graph: where the graph comes from.

use anyhow::Context;
use negkg::{Input, KnowledgeGraph};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Where the graph comes from: the bundled data plus `--data`, or an on-disk store.
#[derive(Debug, clap::Args)]
pub(crate) struct GraphArgs {
    /// Also load this data file (.toml) or RDF file (.ttl .nt .nq .trig .jsonld .rdf), or every
    /// such file under this directory; repeatable. Nothing is loaded if any file has an error.
    #[arg(long, value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Leave the bundled dataset out (the ontology stays).
    #[arg(long)]
    no_bundled: bool,
    /// Query the on-disk store in DIR (made by `negkg load`) instead of building one in memory.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["data", "no_bundled"])]
    store: Option<PathBuf>,
}

impl GraphArgs {
    /// Opens the on-disk store, or builds the in-memory graph from the bundled data and --data.
    pub(crate) fn open(&self) -> anyhow::Result<KnowledgeGraph> {
        if let Some(directory) = &self.store {
            return Ok(KnowledgeGraph::open_read_only(directory)?);
        }
        let mut input = if self.no_bundled {
            Input::new()
        } else {
            Input::bundled()
        };
        for path in &self.data {
            input.add_path(path)?;
        }
        let graph = KnowledgeGraph::in_memory()?;
        graph.load(&input)?;
        Ok(graph)
    }
}

/// Whether standard output is a terminal (tables then fit its width).
pub(crate) fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Opens `-o FILE` or standard output.
pub(crate) fn output(path: Option<&PathBuf>) -> anyhow::Result<Box<dyn std::io::Write>> {
    Ok(match path {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}
