//! Extraction speed: megabytes of article text per second on one core.
//! Target: at least 1 MB/s per core.
//!
//! Run with `cargo bench --bench extract`.

// The allocator the negkg binary uses, so that the figures are the command's.
#[global_allocator]
static ALLOCATOR: negkg::memory::CountingAllocator = negkg::memory::CountingAllocator;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use negkg::extract::{extract, ArticleInfo, Lexicon};
use negkg::{bundled_data_files, parse_dataset};
use std::time::Duration;

fn corpus() -> String {
    // The annotated evaluation articles, repeated to about 1 MB.
    let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut articles = String::new();
    let mut folders: Vec<_> = std::fs::read_dir(eval)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    for folder in folders {
        if let Ok(text) = std::fs::read_to_string(folder.join("article.txt")) {
            articles.push_str(&text);
            articles.push_str("\n\n");
        }
    }
    let mut corpus = String::with_capacity(1 << 20);
    while corpus.len() < 1 << 20 {
        corpus.push_str(&articles);
    }
    corpus
}

fn bench(c: &mut Criterion) {
    let reference = parse_dataset(&bundled_data_files()).unwrap();
    let lexicon = Lexicon::new(&reference, &[]).unwrap();
    let text = corpus();
    let info = ArticleInfo {
        published: Some("2025-05-19".parse().unwrap()),
        ..ArticleInfo::default()
    };
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("one_megabyte", |b| {
        b.iter(|| extract(&text, &info, &lexicon, &reference).claims.len());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
