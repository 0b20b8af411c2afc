//! Runs a SPARQL query and walks the solutions: every conditional position, with the condition
//! in words or the claim it depends on.
//!
//! Run with `cargo run --example conditions`.

use negkg::oxigraph::sparql::QueryResults;
use negkg::{compact_term, named_query, KnowledgeGraph, SparqlQuery};
use std::error::Error;

fn try_main() -> Result<(), Box<dyn Error>> {
    let graph = KnowledgeGraph::bundled()?;
    // The same query `negkg query --name conditional-positions` runs.
    let query = named_query("conditional-positions")?;
    let QueryResults::Solutions(solutions) = graph.query(&SparqlQuery::new(query.text))? else {
        return Err("expected solutions".into());
    };
    println!("Variables: {:?}", solutions.variables());
    for solution in solutions {
        let solution = solution?;
        let text = |name: &str| solution.get(name).map(compact_term);
        let holder = text("holder").unwrap_or_default();
        let kind = text("kind").unwrap_or_default();
        let label = text("label").unwrap_or_default();
        println!("{holder} ({kind}): {label}");
        if let Some(condition) = text("condition") {
            println!("    only if: {condition}");
        }
        if let Some(other) = text("conditionalOnLabel") {
            println!("    conditional on: {other}");
        }
    }
    Ok(())
}

fn main() {
    if let Err(error) = try_main() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
