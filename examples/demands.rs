//! Builds the graph from the bundled data and prints every demand with its evidence: who
//! demands what of whom, where, when, and in which words, says whom.
//!
//! Run with `cargo run --example demands`.

use negkg::oxigraph::sparql::QueryResults;
use negkg::{compact_term, KnowledgeGraph, SparqlQuery};
use std::error::Error;

const DEMANDS: &str = "
SELECT ?claim ?label ?date ?quote ?reporter WHERE {
  ?claim a neg:Demand ; rdfs:label ?label ; neg:evidence ?e .
  OPTIONAL { ?claim neg:statedOn ?date }
  ?e neg:quote ?quote ; neg:reportedBy/rdfs:label ?reporter .
} ORDER BY ?date ?claim ?quote";

fn try_main() -> Result<(), Box<dyn Error>> {
    let graph = KnowledgeGraph::bundled()?;
    let QueryResults::Solutions(solutions) = graph.query(&SparqlQuery::new(DEMANDS))? else {
        return Err("expected solutions".into());
    };
    let mut last_claim = String::new();
    for solution in solutions {
        let solution = solution?;
        let text = |name: &str| solution.get(name).map(compact_term).unwrap_or_default();
        if text("claim") != last_claim {
            last_claim = text("claim");
            println!("{} ({})", text("label"), text("date"));
        }
        println!("  “{}” — {}", text("quote"), text("reporter"));
    }
    Ok(())
}

fn main() {
    if let Err(error) = try_main() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
