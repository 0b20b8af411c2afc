//! Every example program runs and prints what it promises. `cargo test` builds the examples
//! beside the test binaries; this runs them.

use std::path::PathBuf;
use std::process::Command;

fn run_example(name: &str) -> String {
    let deps = std::env::current_exe().unwrap();
    let examples = deps.parent().unwrap().parent().unwrap().join("examples");
    let path: PathBuf = examples.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is not built; run `cargo test`",
        path.display()
    );
    let output = Command::new(&path).output().unwrap();
    assert!(
        output.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn demands_prints_every_demand_with_its_evidence() {
    let out = run_example("demands");
    assert!(
        out.contains("Russia demands that Ukraine withdraw"),
        "{out}"
    );
    assert!(
        out.contains("“his negotiators demanded that Kyiv withdraw"),
        "{out}"
    );
    assert!(out.contains("— Financial Times"), "{out}");
}

#[test]
fn conditions_walks_the_solutions_of_a_query() {
    let out = run_example("conditions");
    assert!(out.contains("Variables: ["), "{out}");
    assert!(out.contains("Russia (threat)"), "{out}");
    assert!(out.contains("only if: should Ukraine refuse"), "{out}");
    assert!(
        out.contains("conditional on: Russia demands that Ukraine withdraw"),
        "{out}"
    );
    assert!(
        out.contains("only if: if certain agreements are reached"),
        "{out}"
    );
}

#[test]
fn russia_dot_writes_a_filtered_claim_view() {
    let out = run_example("russia_dot");
    assert!(out.starts_with("// negkg claims view"), "{out}");
    assert!(out.contains("label=\"Russia's positions\""), "{out}");
    assert!(
        out.contains("|claim:russia-demands-withdrawal-kherson-zaporizhzhia\""),
        "{out}"
    );
    assert!(!out.contains("claim:european-leaders-fear-deal-selling-out-ukraine\""));
    assert!(out.contains("subgraph \"cluster_source:"));
}

#[test]
fn compare_accounts_sets_the_two_readouts_side_by_side() {
    let out = run_example("compare_accounts");
    assert!(out.contains("== The account of Donald Trump"), "{out}");
    assert!(out.contains("== The account of Vladimir Putin"), "{out}");
    assert!(out.contains("[proposal: ceasefire]"), "{out}");
    assert!(
        out.contains("Vladimir Putin alone: proposal ceasefire"),
        "{out}"
    );
    assert!(out.contains("Donald Trump alone: offer hosting"), "{out}");
}

#[test]
fn add_source_loads_a_programmatic_source_and_queries_it() {
    let out = run_example("add_source");
    let bundled = negkg::parse_dataset(&negkg::bundled_data_files())
        .unwrap()
        .claims
        .len();
    assert!(
        out.contains(&format!("loaded {} claims", bundled + 1)),
        "{out}"
    );
    assert!(
        out.contains("Ukraine rejects withdrawing from Kherson and Zaporizhzhia (example)"),
        "{out}"
    );
    assert!(
        out.contains("answers: Russia demands that Ukraine withdraw"),
        "{out}"
    );
}
