//! Compares the accounts of the Trump–Putin call of 19 May 2025: what each side's readout
//! says, side by side, and what only one of them mentions.
//!
//! Run with `cargo run --example compare_accounts`.

use negkg::oxigraph::model::Term;
use negkg::oxigraph::sparql::QueryResults;
use negkg::{compact_term, KnowledgeGraph, SparqlQuery};
use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;

const ACCOUNTS: &str = "
SELECT ?event ?reporter ?claim ?kind ?action ?label ?quote WHERE {
  ?claim neg:event ?event ; rdfs:label ?label ; a ?k ; neg:action/rdfs:label ?action ;
         neg:evidence ?e .
  ?k rdfs:subClassOf neg:Claim .
  BIND(LCASE(STRAFTER(STR(?k), STR(neg:))) AS ?kind)
  ?e neg:reportedBy ?r ; neg:quote ?quote .
  ?r rdfs:label ?reporter .
} ORDER BY ?reporter ?claim ?quote";

fn try_main() -> Result<(), Box<dyn Error>> {
    let graph = KnowledgeGraph::bundled()?;
    let call = Term::from(negkg::event_iri("trump-putin-call-2025-05-19"));
    let query = SparqlQuery::new(ACCOUNTS).bind("event", call);
    let QueryResults::Solutions(solutions) = graph.query(&query)? else {
        return Err("expected solutions".into());
    };
    // reporter → (kind, action) → lines
    let mut accounts: BTreeMap<String, BTreeMap<(String, String), Vec<String>>> = BTreeMap::new();
    for solution in solutions {
        let solution = solution?;
        let text = |name: &str| solution.get(name).map(compact_term).unwrap_or_default();
        accounts
            .entry(text("reporter"))
            .or_default()
            .entry((text("kind"), text("action")))
            .or_default()
            .push(format!("{} — “{}”", text("label"), text("quote")));
    }
    for (reporter, claims) in &accounts {
        println!("== The account of {reporter}");
        for ((kind, action), lines) in claims {
            println!("  [{kind}: {action}]");
            for line in lines {
                println!("    {line}");
            }
        }
    }
    // Where the accounts differ: topics (kind and action) only one reporter mentions.
    let topics: BTreeMap<&String, BTreeSet<&(String, String)>> = accounts
        .iter()
        .map(|(reporter, claims)| (reporter, claims.keys().collect()))
        .collect();
    println!("== Only in one account");
    for (reporter, own) in &topics {
        for topic in own {
            let elsewhere = topics
                .iter()
                .any(|(other, theirs)| other != reporter && theirs.contains(topic));
            if !elsewhere {
                println!("  {reporter} alone: {} {}", topic.0, topic.1);
            }
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
