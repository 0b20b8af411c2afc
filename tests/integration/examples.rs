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
