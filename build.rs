//! Embeds the bundled ontology, dataset and named queries into the binary, so that `negkg`
//! answers from any directory with no files beside it; and packs the bundled dataset's quads,
//! read and checked here with the crate's own data model, so that a start on the bundled data
//! loads them without reading the TOML again (`src/packed.rs`).

// The data model, its reader and its RDF form, compiled here as in the library: they use
// nothing but the standard library, serde, toml and the RDF terms.
#[allow(dead_code, unused_imports)]
#[path = "src/dataset/mod.rs"]
mod dataset;
#[allow(dead_code)]
#[path = "src/error/data.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/packed.rs"]
mod packed;
#[allow(dead_code)]
#[path = "src/rdf.rs"]
mod rdf;
#[allow(dead_code)]
#[path = "src/vocab.rs"]
mod vocab;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn collect(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

fn table(name: &str, root: &Path, dir: &str, extension: &str, code: &mut String) {
    println!("cargo:rerun-if-changed={dir}");
    let mut files = Vec::new();
    collect(&root.join(dir), extension, &mut files);
    files.sort();
    writeln!(code, "pub(crate) static {name}: &[(&str, &str)] = &[").unwrap();
    for file in files {
        let display = relative_name(root, &file);
        writeln!(
            code,
            "    ({display:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{display}\"))),"
        )
        .unwrap();
    }
    writeln!(code, "];").unwrap();
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut code = String::new();
    table("ONTOLOGY_FILES", &root, "ontology", "ttl", &mut code);
    table("DATA_FILES", &root, "data", "toml", &mut code);
    table("QUERY_FILES", &root, "queries", "rq", &mut code);
    table("EXTRACT_FILES", &root, "extract", "toml", &mut code);
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("bundled.rs"), code).unwrap();
    fs::write(out.join("bundled.quads"), packed_data(&root)).unwrap();
}

/// `file`'s path under `root`, with `/` between its parts: its name in messages.
fn relative_name(root: &Path, file: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The bundled dataset's quads, packed; empty (negkg then reads the TOML when it starts, and
/// reports what is wrong there) if the data has an error.
fn packed_data(root: &Path) -> Vec<u8> {
    for source in [
        "src/dataset",
        "src/error/data.rs",
        "src/model.rs",
        "src/packed.rs",
        "src/rdf.rs",
        "src/vocab.rs",
    ] {
        println!("cargo:rerun-if-changed={source}");
    }
    let mut paths = Vec::new();
    collect(&root.join("data"), "toml", &mut paths);
    paths.sort();
    let mut files = Vec::new();
    for path in &paths {
        match fs::read_to_string(path) {
            Ok(text) => files.push(dataset::DataFile::new(relative_name(root, path), text)),
            Err(error) => {
                println!("cargo:warning={} is not read: {error}", path.display());
                return Vec::new();
            }
        }
    }
    let data = match dataset::parse_dataset(&files) {
        Ok(data) => data,
        Err(errors) => {
            let count = errors.0.len();
            if let Some(first) = errors.0.first() {
                println!(
                    "cargo:warning=the bundled data has {count} error(s), the first at {}: {}; negkg reports them all when it starts",
                    first.location, first.message
                );
            }
            return Vec::new();
        }
    };
    let mut packer = packed::Packer::default();
    rdf::write_dataset(&data, &mut packer);
    packer.finish(data.claims.len()).unwrap_or_else(|problem| {
        println!("cargo:warning=the bundled quads are not packed: {problem}");
        Vec::new()
    })
}

impl rdf::QuadSink for packed::Packer {
    fn quad(&mut self, quad: oxrdf::QuadRef<'_>) {
        self.add(quad);
    }
}
