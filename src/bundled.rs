//! The ontology, dataset and named queries compiled into the binary (see `build.rs`), so that
//! negkg works from any directory with nothing installed beside it.

use crate::dataset::DataFile;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The bundled dataset's quads, packed by the build script (`src/packed/`); empty if the
/// bundled data had an error when it was built.
pub(crate) static PACKED_QUADS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundled.quads"));

/// The bundled data files (`data/**/*.toml`), named as in the repository.
pub fn data_files() -> Vec<DataFile> {
    DATA_FILES
        .iter()
        .map(|(name, text)| DataFile::new(*name, *text))
        .collect()
}

/// The ontology files (`ontology/*.ttl` but the shapes) as (name, Turtle text).
pub fn ontology_files() -> Vec<(&'static str, &'static str)> {
    ONTOLOGY_FILES
        .iter()
        .filter(|(name, _)| !name.ends_with("shapes.ttl"))
        .copied()
        .collect()
}

/// The SHACL shapes (`ontology/shapes.ttl`), Turtle.
pub(crate) fn shapes() -> &'static str {
    ONTOLOGY_FILES
        .iter()
        .find(|(name, _)| name.ends_with("shapes.ttl"))
        .map_or("", |(_, text)| *text)
}

/// The named query files (`queries/*.rq`) as (name, text).
pub(crate) fn query_files() -> &'static [(&'static str, &'static str)] {
    QUERY_FILES
}

/// The extraction lexicon and patterns (`extract/*.toml`) as (name, text).
pub(crate) fn extract_files() -> &'static [(&'static str, &'static str)] {
    EXTRACT_FILES
}
