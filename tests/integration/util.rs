//! Runs the `negkg` binary and captures what it says.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn negkg_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_negkg"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("negkg runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

pub fn negkg(args: &[&str]) -> Output {
    negkg_with_stdin(args, "")
}

/// Runs negkg and expects success.
pub fn ok(args: &[&str]) -> String {
    let out = negkg(args);
    assert_eq!(out.code, 0, "negkg {args:?} failed:\n{}", out.stderr);
    out.stdout
}

/// A headless Chromium to test pages in, if one is installed (CI must have one).
/// A headless Chromium run with `profile` as its user data folder (quiet: no network of its own,
/// no first-run pages), letting a page's scripts run for `budget_ms` of virtual time.
pub fn headless(chromium: &str, profile: &std::path::Path, budget_ms: u32) -> Command {
    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI must have Chromium");
        eprintln!("skipped: no Chromium to test the page in");
    }
    found
}

/// An HTTP client for the tests' servers: a minute's timeout, so a hung server fails the test.
pub(crate) fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(std::time::Duration::from_secs(60))
        .build()
}

/// A fresh folder for one test, removed with everything in it when the test ends (whether it
/// passes or fails), so that test runs leave nothing behind in the temporary directory.
pub struct Scratch(PathBuf);

impl Scratch {
    /// `negkg-{name}-{process id}` in the temporary directory, emptied first.
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("negkg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::path::Path> for Scratch {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
