//! Adds a new source programmatically — built as Rust values, written in the data format,
//! validated and loaded beside the bundled data — and queries it.
//!
//! Run with `cargo run --example add_source`.

use negkg::oxigraph::sparql::QueryResults;
use negkg::{
    compact_term, to_toml, Claim, ClaimKind, DataFile, Dataset, Date, Evidence, Input,
    KnowledgeGraph, Modality, Source, SourceKind, SparqlQuery,
};
use std::error::Error;

fn try_main() -> Result<(), Box<dyn Error>> {
    let source = Source {
        id: "example-2025-05-20-kyiv-reply".into(),
        title: "Kyiv replies to the withdrawal demand (an example, not a real report)".into(),
        publisher: "financial-times".into(),
        published: Date::new(2025, 5, 20)?,
        url: None,
        authors: Vec::new(),
        kind: SourceKind::Article,
        negotiations: vec!["russia-ukraine".into()],
    };
    let claim = Claim {
        id: "example-ukraine-rejects-withdrawal".into(),
        source: source.id.clone(),
        kind: ClaimKind::Rejection,
        holder: "ukraine".into(),
        voiced_by: Some("zelensky".into()),
        addressees: vec!["russia".into()],
        action: "withdrawal".into(),
        issues: vec!["territory".into()],
        places: vec!["kherson".into(), "zaporizhzhia".into()],
        events: Vec::new(),
        object: None,
        stated_on: Some(Date::new(2025, 5, 20)?),
        stated_on_text: None,
        stated_before: None,
        valid_from: None,
        valid_until: None,
        duration: None,
        modality: Modality::Asserted,
        condition: None,
        conditional_on: Vec::new(),
        responds_to: vec!["russia-demands-withdrawal-kherson-zaporizhzhia".into()],
        supersedes: Vec::new(),
        contradicts: Vec::new(),
        plover: None,
        plover_mode: Some("yield".into()),
        label: "Ukraine rejects withdrawing from Kherson and Zaporizhzhia (example)".into(),
        note: Some("Made up by the add_source example.".into()),
        negotiations: Vec::new(),
        evidence: vec![Evidence {
            quote: "Ukraine will not withdraw from its own land".into(),
            sentence: None,
            source: source.id.clone(),
            reported_by: "zelensky".into(),
            start: None,
            end: None,
        }],
    };
    let dataset = Dataset {
        sources: vec![source],
        claims: vec![claim],
        ..Dataset::default()
    };
    // Written in the data format, the new source is validated with the bundled data it refers to.
    let mut input = Input::bundled();
    input.add_data_file(DataFile::new("example-source.toml", to_toml(&dataset)));
    let graph = KnowledgeGraph::in_memory()?;
    let report = graph.load(&input)?;
    println!("loaded {} claims ({} quads)", report.claims, report.quads);

    let QueryResults::Solutions(solutions) = graph.query(&SparqlQuery::new(
        "SELECT ?answer ?demand WHERE {
           ?a neg:respondsTo ?d . ?a rdfs:label ?answer . ?d rdfs:label ?demand }",
    ))?
    else {
        return Err("expected solutions".into());
    };
    for solution in solutions {
        let solution = solution?;
        let text = |name: &str| solution.get(name).map(compact_term).unwrap_or_default();
        println!("{}\n  answers: {}", text("answer"), text("demand"));
    }
    Ok(())
}

fn main() {
    if let Err(error) = try_main() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
