//! Embeds the bundled ontology, dataset and named queries into the binary, so that `negkg`
//! answers from any directory with no files beside it; and packs the bundled dataset's quads,
//! read and checked here with the crate's own data model, so that a start on the bundled data
//! loads them without reading the TOML again (`src/packed/`).

// The data model, its reader and its RDF form, and the packing, compiled here as in the
// library: they use nothing but the standard library, serde, toml, the RDF terms (oxrdf) and
// the XSD values (oxsdatatypes).
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
#[path = "src/packed/mod.rs"]
mod packed;
#[path = "src/packed/packer.rs"]
mod packer;
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
        // Hidden files are an editor's or the system's (an Emacs lock `.#x.toml` is a link to
        // nothing), not data.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            collect(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

fn table(name: &str, root: &Path, dir: &str, extension: &str, code: &mut String) {
    writeln!(code, "pub(crate) static {name}: &[(&str, &str)] = &[").unwrap();
    for (display, _) in listed(root, dir, extension) {
        writeln!(
            code,
            "    ({display:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
            format!("/{display}")
        )
        .unwrap();
    }
    writeln!(code, "];").unwrap();
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let mut code = String::new();
    table("ONTOLOGY_FILES", &root, "ontology", "ttl", &mut code);
    let data = data_files(&root, &out, &mut code);
    table("QUERY_FILES", &root, "queries", "rq", &mut code);
    table("EXTRACT_FILES", &root, "extract", "toml", &mut code);
    fs::write(out.join("bundled.rs"), code).unwrap();
    fs::write(out.join("bundled.quads"), packed_data(&data)).unwrap();
}

/// The `extension` files under `root`'s folder `dir`, in name order, each with its name (its
/// path under `root`, `/` between its parts); cargo runs the build again when the folder
/// changes.
fn listed(root: &Path, dir: &str, extension: &str) -> Vec<(String, PathBuf)> {
    println!("cargo:rerun-if-changed={dir}");
    let mut files = Vec::new();
    collect(&root.join(dir), extension, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| (relative_name(root, &file), file))
        .collect()
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

/// Reads the data files (`data/**/*.toml`) once and writes each into `out`, from where the
/// binary embeds it (`DATA_FILES`): the texts it carries are the very texts whose quads are
/// packed, even if a file changes while negkg builds.
fn data_files(root: &Path, out: &Path, code: &mut String) -> Vec<dataset::DataFile> {
    writeln!(code, "pub(crate) static DATA_FILES: &[(&str, &str)] = &[").unwrap();
    let mut files = Vec::new();
    for (name, path) in listed(root, "data", "toml") {
        let text = match fs::read(&path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(error)) => panic!(
                "{name} is not UTF-8 (byte {}): save it as UTF-8",
                error.utf8_error().valid_up_to()
            ),
            Err(error) => panic!("{name} cannot be read: {error}"),
        };
        let copy = out.join(&name);
        fs::create_dir_all(copy.parent().unwrap()).unwrap();
        fs::write(&copy, &text).unwrap();
        writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), {:?}))),",
            format!("/{name}")
        )
        .unwrap();
        files.push(dataset::DataFile::new(name, text));
    }
    writeln!(code, "];").unwrap();
    files
}

/// The bundled dataset's quads, packed; empty (negkg then reads the TOML when it starts, and
/// reports what is wrong there) if the data has an error or cannot be packed.
fn packed_data(files: &[dataset::DataFile]) -> Vec<u8> {
    // Reading or writing the data should never panic; if it does, negkg still builds and reads
    // the TOML when it starts.
    let packed = std::panic::catch_unwind(|| {
        let data = dataset::parse_dataset(files).map_err(|errors| {
            let first = errors.0.first().map_or(String::new(), |first| {
                format!(
                    ", the first at {}: {}",
                    first.location,
                    first.message.replace('\n', " ")
                )
            });
            format!("the bundled data has {} error(s){first}", errors.0.len())
        })?;
        let mut packer = packer::Packer::default();
        rdf::write_dataset(&data, &mut packer);
        packer.finish(data.claims.len())
    });
    match packed {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(problem)) => {
            println!("cargo:warning={problem}; negkg reads the data when it starts and reports every error");
            Vec::new()
        }
        Err(panic) => {
            // Cargo shows a build script's output only when it fails: the message goes into the
            // warning.
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            println!(
                "cargo:warning=reading the bundled data panicked (a bug: {}); negkg reads it when it starts",
                message.replace('\n', " ")
            );
            Vec::new()
        }
    }
}

impl rdf::QuadSink for packer::Packer {
    fn quad(&mut self, quad: oxrdf::QuadRef<'_>) {
        self.add(quad);
    }
}
