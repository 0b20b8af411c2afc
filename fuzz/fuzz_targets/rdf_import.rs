//! The RDF import: any bytes in any of the six formats must load or be refused with an error,
//! and a refused batch must leave the store as it was.
#![no_main]

use libfuzzer_sys::fuzz_target;
use negkg::oxigraph::io::{JsonLdProfileSet, RdfFormat};
use negkg::{Input, KnowledgeGraph, RdfFile};

const FORMATS: [RdfFormat; 6] = [
    RdfFormat::Turtle,
    RdfFormat::NTriples,
    RdfFormat::NQuads,
    RdfFormat::TriG,
    RdfFormat::RdfXml,
    RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    },
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(which) % FORMATS.len()];
    let graph = KnowledgeGraph::in_memory().expect("an in-memory store opens");
    let mut first = Input::new().without_ontology();
    first.add_rdf(RdfFile {
        name: "good.nt".into(),
        format: RdfFormat::NTriples,
        bytes: b"<urn:a> <urn:b> <urn:c> .\n".to_vec(),
    });
    graph.load(&first).expect("a good file loads");
    let before = graph.len().expect("the store counts");
    let mut input = Input::new().without_ontology();
    input.add_rdf(RdfFile {
        name: "fuzzed".into(),
        format,
        bytes: bytes.to_vec(),
    });
    if graph.load(&input).is_err() {
        assert_eq!(
            graph.len().expect("the store counts"),
            before,
            "half loaded"
        );
    }
});
