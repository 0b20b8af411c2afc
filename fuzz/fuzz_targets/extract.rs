//! The extractor: any text (plain or HTML) gives a draft whose quotes are exact substrings of
//! the text at their offsets, and the draft validates and loads as it is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use negkg::extract::{extract, ArticleInfo, Lexicon};
use negkg::{bundled_data_files, parse_dataset, text_at, DataFile, Dataset, Input, KnowledgeGraph};
use std::sync::OnceLock;

fn reference() -> &'static (Dataset, Lexicon) {
    static REFERENCE: OnceLock<(Dataset, Lexicon)> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let dataset = parse_dataset(&bundled_data_files()).expect("the bundled data parses");
        let lexicon = Lexicon::new(&dataset, &[]).expect("the bundled lexicon parses");
        (dataset, lexicon)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let (dataset, lexicon) = reference();
    let info = ArticleInfo {
        published: Some("2025-05-19".parse().expect("a date")),
        ..ArticleInfo::default()
    };
    let draft = extract(&text, &info, lexicon, dataset);
    for claim in &draft.claims {
        let evidence = &claim.claim.evidence[0];
        let (Some(start), Some(end)) = (evidence.start, evidence.end) else {
            panic!("a drafted quote has no offsets");
        };
        assert_eq!(
            text_at(&draft.text, start, end),
            Some(evidence.quote.as_str()),
            "a drafted quote is not where its offsets say"
        );
    }
    if draft.claims.is_empty() {
        return;
    }
    let mut input = Input::bundled();
    input.add_data_file(DataFile::new("draft.toml", draft.to_toml()));
    let prepared = match input.prepare() {
        Ok(prepared) => prepared,
        Err(error) => panic!("the draft does not validate:\n{error}\n{}", draft.to_toml()),
    };
    KnowledgeGraph::in_memory()
        .expect("an in-memory store opens")
        .load_prepared(&prepared)
        .expect("a validated draft loads");
});
