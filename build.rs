//! Embeds the bundled ontology, dataset and named queries into the binary, so that `negkg`
//! answers from any directory with no files beside it.

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
        let relative = file.strip_prefix(root).unwrap();
        let display = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
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
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("bundled.rs");
    fs::write(out, code).unwrap();
}
