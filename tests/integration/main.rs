//! Integration tests: the bundled data, the ontology, the seed quotes and the command line.

mod analyses;
mod bundled_data;
mod cli;
mod examples;
mod extraction;
mod fast_paths;
mod graph_views;
mod model_backend;
mod model_server;
mod multibyte;
mod nasty;
mod negotiations;
#[cfg(feature = "rocksdb")]
mod on_disk;
mod ontology;
mod remote_answers;
mod review;
mod seed_quotes;
mod serving;
mod util;
mod web_app;
