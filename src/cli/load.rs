//! `negkg load`: load data files and RDF into an on-disk store, all or nothing.

use indicatif::{ProgressBar, ProgressStyle};
use negkg::KnowledgeGraph;
use std::path::PathBuf;
use std::time::Instant;

/// Load data files and RDF into an on-disk store, atomically: data files are validated first and
/// RDF files are streamed through the bulk loader, which adds nothing until the end; on any error
/// nothing is added and the store stays as it was.
///
/// The bundled dataset and the ontology are loaded too (unless --no-bundled), so that data
/// files may refer to the bundled actors, places, issues and events. Loading the same files
/// again changes nothing. The store is then compacted for reading (RocksDB's compaction), which
/// makes later queries up to 20× faster on large stores; --no-optimize skips it. Needs a negkg
/// built with `--features rocksdb`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg load --store ./kg                    # the bundled dataset
  negkg load --store ./kg my-data/ extra.ttl
  negkg query --store ./kg --name demands")]
pub(crate) struct Args {
    /// The store directory (created when missing).
    #[arg(long, value_name = "DIR")]
    store: PathBuf,
    /// Data files (.toml), RDF files (.ttl .nt .nq .trig .jsonld .rdf) or directories of them.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Leave the bundled dataset out (the ontology stays).
    #[arg(long)]
    no_bundled: bool,
    /// Do not compact the store after loading. Compaction takes about 40% of the load's time
    /// again; without it lookups, joins and aggregates on a large store are several times
    /// slower until RocksDB compacts in the background (which a later write may start).
    #[arg(long)]
    no_optimize: bool,
    /// Do not build the claim index the analyses read (kept beside the store, in
    /// negkg-claim-index.bin); the first analysis then builds it.
    #[arg(long)]
    no_index: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let input = super::common::input(args.no_bundled, &args.paths)?;
    let graph = KnowledgeGraph::open(&args.store)?;
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message("checking the data files");
    // Data files are validated first; RDF files stream through the bulk loader, which adds
    // nothing until the end, so a bad file anywhere leaves the store as it was.
    let mut indexer = if args.no_index {
        None
    } else {
        Some(negkg::analysis::LoadIndexer::new(&graph)?)
    };
    let report = graph.load_large_observed(
        &input,
        |total| {
            bar.set_length(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message("loading");
        },
        |read| bar.set_position(read),
        |quad| {
            if let Some(indexer) = &mut indexer {
                indexer.add(quad);
            }
        },
    );
    let report = report.inspect_err(|_| bar.finish_and_clear())?;
    if !args.no_optimize {
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message("optimizing the store for reading (compaction)");
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        graph.optimize().inspect_err(|_| bar.finish_and_clear())?;
    }
    let mut kept = None;
    if let Some(indexer) = indexer {
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(if indexer.follows_load() {
            "writing the claim index for the analyses"
        } else {
            "indexing the claims for the analyses (reading the store: it held data without a current index)"
        });
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        let index = indexer
            .keep(&graph)
            .inspect_err(|_| bar.finish_and_clear())?;
        kept = Some(index.origin().clone());
    }
    bar.finish_and_clear();
    if let Some(negkg::analysis::IndexOrigin::BuiltNotKept(reason)) = kept {
        eprintln!(
            "negkg: warning: the claim index is not kept beside the store ({reason}); the first analysis builds it"
        );
    }
    // Claims are counted as data files are read; RDF files are only counted in quads.
    let claims = match report.claims {
        0 => String::new(),
        n => format!("{n} claims and "),
    };
    eprintln!(
        "loaded {claims}{} quads into {} ({:.2} s)",
        report.quads,
        args.store.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
