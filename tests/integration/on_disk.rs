//! The on-disk store (built with `--features rocksdb`): load, query, and all-or-nothing loads.

use crate::util::{fixture, negkg, ok};

fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("negkg-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn load_then_query_the_store() {
    let dir = fresh_dir("load");
    let store = dir.to_str().unwrap();
    let extra = fixture("extra-source.toml");
    let out = negkg(&["load", "--store", store, extra.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let bundled = negkg::parse_dataset(&negkg::bundled_data_files()).unwrap();
    assert!(
        out.stderr
            .contains(&format!("loaded {} claims", bundled.claims.len() + 1)),
        "{}",
        out.stderr
    );
    let answer = ok(&[
        "query",
        "--store",
        store,
        "SELECT DISTINCT ?p WHERE { actor:russia neg:demandsWithdrawalFrom ?p } ORDER BY ?p",
        "--format",
        "csv",
    ]);
    assert!(answer.contains("place/kherson"), "{answer}");
    let count = ok(&["stats", "--store", store, "--format", "csv"]);
    assert!(
        count.contains(&format!("sources,all,{}", bundled.sources.len() + 1)),
        "{count}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_file_in_a_batch_leaves_the_store_as_it_was() {
    let dir = fresh_dir("atomic");
    let store = dir.to_str().unwrap();
    ok(&["load", "--store", store]);
    let before = ok(&["stats", "--store", store, "--format", "csv"]);
    let good = fixture("extra-source.toml");
    let bad = fixture("bad.ttl");
    let out = negkg(&[
        "load",
        "--store",
        store,
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    let after = ok(&["stats", "--store", store, "--format", "csv"]);
    assert_eq!(before, after);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn loading_twice_changes_nothing() {
    let dir = fresh_dir("twice");
    let store = dir.to_str().unwrap();
    ok(&["load", "--store", store]);
    let once = ok(&["stats", "--store", store, "--format", "csv"]);
    ok(&["load", "--store", store]);
    assert_eq!(once, ok(&["stats", "--store", store, "--format", "csv"]));
    let _ = std::fs::remove_dir_all(&dir);
}
