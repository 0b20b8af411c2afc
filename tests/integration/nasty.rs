//! Nasty inputs never crash negkg: every file in tests/nasty/ (and a 10 MB string) gets a clear
//! error with file, line and column, or loads; property tests throw random and mutated input at
//! the data loader, the RDF import, the extractor and the SPARQL parser.

use crate::util::negkg;
use negkg::extract::{extract, ArticleInfo, Lexicon};
use negkg::{
    bundled_data_files, parse_dataset, text_at, DataFile, Input, KnowledgeGraph, RdfFile,
    SparqlQuery,
};
use proptest::prelude::*;
use std::path::PathBuf;

fn nasty(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/nasty")
        .join(name)
}

#[test]
fn every_nasty_file_gets_a_located_error_or_loads() {
    let expectations = [
        ("deep-nesting.toml", 65),
        ("invalid-utf8.toml", 65),
        ("bom-crlf.toml", 0),
        ("duplicate-keys.toml", 65),
        ("unknown-field.toml", 65),
        ("impossible-date.toml", 65),
        ("cyclic-supersedes.toml", 65),
        ("conditional-on-itself.toml", 65),
        ("not-toml.toml", 65),
        ("empty.toml", 0),
        ("bad.nq", 65),
        ("bad.jsonld", 65),
        ("bad.rdf", 65),
    ];
    for (name, code) in expectations {
        let path = nasty(name);
        let out = negkg(&["stats", "--data", path.to_str().unwrap(), "--format", "csv"]);
        assert_eq!(out.code, code, "{name}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{name}: {}", out.stderr);
        if code == 65 {
            assert!(
                out.stderr.contains(&format!("{name}:")),
                "{name} has no location: {}",
                out.stderr
            );
            assert!(out.stdout.is_empty(), "{name}: something was printed");
        }
    }
}

#[test]
fn a_ten_megabyte_string_is_loaded_not_choked_on() {
    let dir = std::env::temp_dir().join(format!("negkg-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("huge-string.toml");
    let name = "a".repeat(10 << 20);
    std::fs::write(
        &file,
        format!("[[actor]]\nid = \"huge\"\nname = \"{name}\"\ntype = \"person\"\n"),
    )
    .unwrap();
    let out = negkg(&["stats", "--data", file.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_file_in_a_batch_leaves_the_in_memory_store_as_it_was() {
    let graph = KnowledgeGraph::bundled().unwrap();
    let before = graph.len().unwrap();
    let mut input = Input::new();
    input
        .add_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extra.ttl"))
        .unwrap();
    input.add_path(&nasty("bad.nq")).unwrap();
    assert!(graph.load(&input).is_err());
    assert_eq!(graph.len().unwrap(), before);
}

fn seed_source() -> String {
    bundled_data_files()
        .into_iter()
        .find(|f| f.name.contains("sources/2025-05-19-ft"))
        .unwrap()
        .text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn the_data_loader_never_panics(text in "\\PC{0,400}") {
        let _ = parse_dataset(&[DataFile::new("random.toml", text)]);
    }

    #[test]
    fn mutated_data_files_never_panic(start in 0usize..10_000, length in 0usize..200, insert in "\\PC{0,40}") {
        let mut text = seed_source();
        let start = start.min(text.len());
        let end = (start + length).min(text.len());
        if text.is_char_boundary(start) && text.is_char_boundary(end) {
            text.replace_range(start..end, &insert);
        }
        let mut files = bundled_data_files();
        files.retain(|f| !f.name.contains("sources/2025-05-19-ft"));
        files.push(DataFile::new("mutated.toml", text));
        let _ = parse_dataset(&files);
    }

    #[test]
    fn the_rdf_import_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300), which in 0usize..6) {
        let format = [
            negkg::oxigraph::io::RdfFormat::Turtle,
            negkg::oxigraph::io::RdfFormat::NTriples,
            negkg::oxigraph::io::RdfFormat::NQuads,
            negkg::oxigraph::io::RdfFormat::TriG,
            negkg::oxigraph::io::RdfFormat::RdfXml,
            negkg::oxigraph::io::RdfFormat::JsonLd { profile: Default::default() },
        ][which];
        let mut input = Input::new().without_ontology();
        input.add_rdf(RdfFile { name: "random".into(), format, bytes });
        let _ = input.prepare();
    }

    #[test]
    fn the_sparql_entry_never_panics(text in "\\PC{0,200}") {
        let _ = negkg::check_syntax(&SparqlQuery::new(text));
    }

    #[test]
    fn the_extractor_never_panics_and_quotes_stay_exact(text in "(\\PC|[“”\\.\\n<>&])*") {
        let reference = parse_dataset(&bundled_data_files()).unwrap();
        let lexicon = Lexicon::new(&reference, &[]).unwrap();
        let text = format!("Russia demanded that {text} Ukraine withdraw from Kherson. {text}");
        let draft = extract(&text, &ArticleInfo::default(), &lexicon, &reference);
        for claim in &draft.claims {
            let e = &claim.claim.evidence[0];
            prop_assert_eq!(text_at(&draft.text, e.start.unwrap(), e.end.unwrap()), Some(e.quote.as_str()));
        }
    }
}

#[test]
fn articles_the_fuzzer_found_give_drafts_that_load() {
    // Inputs on which `cargo fuzz run extract` once failed (fuzz/run.sh), kept as regressions.
    let mut checked = 0;
    for entry in std::fs::read_dir(nasty("")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("fuzz-extract-") {
            continue;
        }
        let out = negkg(&[
            "extract",
            path.to_str().unwrap(),
            "--published",
            "2025-05-19",
            "--load",
        ]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains("the draft validates and loads"),
            "{name}: {}",
            out.stderr
        );
        checked += 1;
    }
    assert!(checked >= 1);
}
