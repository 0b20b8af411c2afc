//! The SPARQL entry: any text is parsed, and a query that parses is evaluated on a small store
//! under a cancellation token, consuming every solution: no panic, and no hang past the token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use negkg::oxigraph::sparql::{CancellationToken, QueryResults};
use negkg::{KnowledgeGraph, SparqlQuery};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

fn graph() -> &'static KnowledgeGraph {
    static GRAPH: OnceLock<KnowledgeGraph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let graph = KnowledgeGraph::in_memory().expect("an in-memory store opens");
        let mut input = negkg::Input::new().without_ontology();
        let seed = negkg::bundled_data_files()
            .into_iter()
            .find(|f| f.name.contains("2025-05-19-ft"))
            .expect("the seed data is bundled");
        input.add_data_file(seed);
        for file in negkg::bundled_data_files() {
            if file.name.contains("actors") || file.name.contains("places") {
                input.add_data_file(file);
            }
        }
        graph.load(&input).expect("the seed loads");
        graph
    })
}

/// The running query's token and start, cancelled by a watchdog after a second.
fn watchdog() -> &'static Mutex<Option<(CancellationToken, Instant)>> {
    static RUNNING: OnceLock<Mutex<Option<(CancellationToken, Instant)>>> = OnceLock::new();
    RUNNING.get_or_init(|| {
        std::thread::spawn(|| loop {
            std::thread::sleep(Duration::from_millis(100));
            if let Some((token, started)) = &*watchdog().lock().unwrap() {
                if started.elapsed() > Duration::from_secs(1) {
                    token.cancel();
                }
            }
        });
        Mutex::new(None)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let query = SparqlQuery::new(text);
    if negkg::check_syntax(&query).is_err() {
        return;
    }
    let token = CancellationToken::new();
    *watchdog().lock().unwrap() = Some((token.clone(), Instant::now()));
    match graph().query_cancellable(&query, token) {
        Ok(QueryResults::Solutions(solutions)) => {
            for solution in solutions.take(100_000) {
                if solution.is_err() {
                    break;
                }
            }
        }
        Ok(QueryResults::Graph(triples)) => {
            for triple in triples.take(100_000) {
                if triple.is_err() {
                    break;
                }
            }
        }
        Ok(QueryResults::Boolean(_)) | Err(_) => {}
    }
    *watchdog().lock().unwrap() = None;
});
