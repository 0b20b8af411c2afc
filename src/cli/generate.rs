//! `negkg generate`: a realistic synthetic dataset of any size, for benchmarks and load tests.

use anyhow::Context;
use negkg::oxigraph::io::{RdfFormat, RdfSerializer};
use negkg::{
    dataset_to_quads, synthetic_dataset_with, to_toml, Dataset, Input, NegotiationLookup,
    SyntheticCast,
};
use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Write a synthetic dataset: actors of every type with affiliations, places, issues, events and
/// sources over 2022–2025, claims of every kind with conditions, responses, supersedes chains and
/// evidence (about 23 quads a claim). Deterministic for a seed.
///
/// Writes DIR/data/ (data files: reference.toml and one file per source of 20 claims) and
/// DIR/negkg.nq (the same graph as N-Quads, ontology included, as `negkg load` would store it).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg generate --claims 100000 --out /tmp/synthetic
  negkg generate --claims 1000000 --cast per-negotiation --out /tmp/synthetic-1m
  negkg load --store /tmp/kg /tmp/synthetic/negkg.nq --no-bundled
  negkg stats --no-bundled --data /tmp/synthetic/data")]
pub(crate) struct Args {
    /// Number of claims.
    #[arg(long, value_name = "N")]
    claims: usize,
    /// Seed of the pseudo-random generator.
    #[arg(long, value_name = "S", default_value_t = 42)]
    seed: u64,
    /// Output directory (created when missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Whom and what the claims are drawn from: `shared` (one cast of at most 2,300 actors,
    /// 5,000 places and 10,000 events for every claim, so that a larger dataset holds more
    /// claims of each) or `per-negotiation` (each negotiation of about 2,000 claims has its
    /// own persons, groups, places and events, and parties shared only with its neighbouring
    /// negotiations, so that a larger dataset holds more negotiations of the same size).
    #[arg(long, value_name = "CAST", default_value = "shared", value_parser = ["shared", "per-negotiation"])]
    cast: String,
    /// What to write: both, toml (data files) or nq (N-Quads).
    #[arg(long, value_name = "WHAT", default_value = "both", value_parser = ["both", "toml", "nq"])]
    format: String,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let cast = match args.cast.as_str() {
        "per-negotiation" => SyntheticCast::PerNegotiation,
        _ => SyntheticCast::Shared,
    };
    let dataset = synthetic_dataset_with(args.claims, args.seed, cast);
    eprintln!(
        "generated {} claims in {} sources ({:.1} s)",
        dataset.claims.len(),
        dataset.sources.len(),
        started.elapsed().as_secs_f64()
    );
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let reference = Dataset {
        sources: Vec::new(),
        claims: Vec::new(),
        ..dataset.clone()
    };
    let mut by_source: HashMap<&str, Vec<&negkg::Claim>> = HashMap::new();
    for claim in &dataset.claims {
        by_source
            .entry(claim.source.as_str())
            .or_default()
            .push(claim);
    }
    let one_source = |index: usize| -> Dataset {
        let source = &dataset.sources[index];
        Dataset {
            sources: vec![source.clone()],
            claims: by_source
                .get(source.id.as_str())
                .map(|claims| claims.iter().map(|c| (*c).clone()).collect())
                .unwrap_or_default(),
            ..Dataset::default()
        }
    };
    if args.format != "nq" {
        let data = args.out.join("data");
        fs::create_dir_all(data.join("sources"))?;
        fs::write(data.join("reference.toml"), to_toml(&reference))?;
        for index in 0..dataset.sources.len() {
            // A folder per thousand sources keeps directories small.
            let folder = data.join("sources").join(format!("{:04}", index / 1000));
            if index % 1000 == 0 {
                fs::create_dir_all(&folder)?;
            }
            let one = one_source(index);
            fs::write(
                folder.join(format!("{}.toml", one.sources[0].id)),
                to_toml(&one),
            )?;
        }
        eprintln!(
            "wrote {} data files under {}",
            dataset.sources.len() + 1,
            data.display()
        );
    }
    if args.format != "toml" {
        let path = args.out.join("negkg.nq");
        let file =
            fs::File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        let mut serializer =
            RdfSerializer::from_format(RdfFormat::NQuads).for_writer(BufWriter::new(file));
        let mut count = 0u64;
        let ontology = Input::new().prepare()?;
        for quad in ontology
            .quads
            .iter()
            .chain(dataset_to_quads(&reference).iter())
        {
            serializer.serialize_quad(quad)?;
            count += 1;
        }
        // A source's graph alone has no events: give each claim the negotiations it takes
        // from its source or events, as loading the data files would.
        let negotiations = NegotiationLookup::new(&dataset);
        for index in 0..dataset.sources.len() {
            let mut one = one_source(index);
            for claim in &mut one.claims {
                claim.negotiations = negotiations
                    .of(claim)
                    .into_iter()
                    .map(String::from)
                    .collect();
            }
            for quad in dataset_to_quads(&one) {
                serializer.serialize_quad(&quad)?;
                count += 1;
            }
        }
        serializer.finish()?.flush()?;
        eprintln!("wrote {count} quads to {}", path.display());
    }
    eprintln!("done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
