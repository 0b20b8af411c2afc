//! Exports a filtered DOT: Russia's claims in the claim view, grouped by source, with their
//! holders, addressees, conditions and evidence. Pipe it into Graphviz:
//!
//! `cargo run --example russia_dot | dot -Tsvg > russia.svg`

use negkg::{
    write_dot, Clustering, DotOptions, DotView, KnowledgeGraph, ProjectedGraph, Selection,
};
use std::error::Error;
use std::io::Write;

fn try_main() -> Result<(), Box<dyn Error>> {
    let graph = KnowledgeGraph::bundled()?;
    let selection = Selection {
        actors: vec!["russia".into()],
        ..Selection::default()
    };
    let projection = ProjectedGraph::from_store(&graph, &selection)?;
    let options = DotOptions {
        view: DotView::Claims,
        clustering: Clustering::Source,
        legend: true,
        title: Some("Russia's positions".into()),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_dot(&projection, &options, &mut out)?;
    out.flush()?;
    Ok(())
}

fn main() {
    if let Err(error) = try_main() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
