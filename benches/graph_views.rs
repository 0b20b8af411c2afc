//! Projection and DOT writing on synthetic graphs of 10,000 to 100,000 claims.
//! Target: DOT export of 100,000 claims in at most 2 s (release), growing linearly.
//!
//! Run with `cargo bench --bench graph_views`.

// The allocator the negkg binary uses, so that the figures are the command's.
#[global_allocator]
static ALLOCATOR: negkg::memory::CountingAllocator = negkg::memory::CountingAllocator;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use negkg::{
    dataset_to_quads, synthetic_dataset, write_dot, DotOptions, DotView, Input, KnowledgeGraph,
    ProjectedGraph, Selection,
};
use std::time::Duration;

fn graph_of(claims: usize) -> KnowledgeGraph {
    let dataset = synthetic_dataset(claims, 42);
    let graph = KnowledgeGraph::in_memory().unwrap();
    // The ontology (labels of the direct edges) and the synthetic claims.
    let mut prepared = Input::new().prepare().unwrap();
    prepared.quads.extend(dataset_to_quads(&dataset));
    graph.load_prepared(&prepared).unwrap();
    graph
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph_views");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for claims in [10_000, 20_000, 50_000, 100_000] {
        let graph = graph_of(claims);
        group.bench_with_input(
            BenchmarkId::new("projection", claims),
            &graph,
            |b, graph| {
                b.iter(|| ProjectedGraph::from_store(graph, &Selection::default()).unwrap());
            },
        );
        let projection = ProjectedGraph::from_store(&graph, &Selection::default()).unwrap();
        for (name, view) in [
            ("dot_briefing", DotView::Briefing),
            ("dot_claims", DotView::Claims),
        ] {
            let options = DotOptions {
                view,
                legend: true,
                ..DotOptions::default()
            };
            group.bench_with_input(
                BenchmarkId::new(name, claims),
                &projection,
                |b, projection| {
                    b.iter(|| {
                        let mut out = Vec::with_capacity(64 << 20);
                        write_dot(projection, &options, &mut out).unwrap();
                        out
                    });
                },
            );
        }
        group.bench_with_input(
            BenchmarkId::new("export_dot_end_to_end", claims),
            &graph,
            |b, graph| {
                b.iter(|| {
                    let projection =
                        ProjectedGraph::from_store(graph, &Selection::default()).unwrap();
                    let mut out = Vec::with_capacity(64 << 20);
                    write_dot(&projection, &DotOptions::default(), &mut out).unwrap();
                    out
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
