//! The hot paths of loading, on synthetic data of 10,000 and 100,000 claims: parsing and
//! validating data files, mapping the dataset to RDF quads, and writing the quads into the
//! in-memory store.
//!
//! Run with `cargo bench --bench loading`.

// The allocator the negkg binary uses, so that the figures are the command's.
#[global_allocator]
static ALLOCATOR: negkg::memory::CountingAllocator = negkg::memory::CountingAllocator;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use negkg::{
    dataset_to_quads, parse_dataset, synthetic_dataset, to_data_files, Input, KnowledgeGraph,
};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("loading");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for claims in [10_000, 100_000] {
        let dataset = synthetic_dataset(claims, 42);
        let files = to_data_files(&dataset);
        let bytes: usize = files.iter().map(|f| f.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_and_validate", claims),
            &files,
            |b, files| b.iter(|| parse_dataset(files).unwrap()),
        );
        let parsed = parse_dataset(&files).unwrap();
        group.throughput(Throughput::Elements(claims as u64));
        group.bench_with_input(
            BenchmarkId::new("rdf_mapping", claims),
            &parsed,
            |b, dataset| b.iter(|| dataset_to_quads(dataset)),
        );
        let mut prepared = Input::new().prepare().unwrap();
        prepared.quads.extend(dataset_to_quads(&parsed));
        group.bench_with_input(
            BenchmarkId::new("store_write", claims),
            &prepared,
            |b, prepared| {
                b.iter(|| {
                    let graph = KnowledgeGraph::in_memory().unwrap();
                    graph.load_prepared(prepared).unwrap();
                    graph
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
