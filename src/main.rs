//! The `negkg` command: parse the arguments, run, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

/// Counts the heap in use, so that `serve --max-memory` can cancel queries before they exhaust
/// the machine.
#[global_allocator]
static ALLOCATOR: negkg::memory::CountingAllocator = negkg::memory::CountingAllocator;

fn main() -> ExitCode {
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if cli::is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", cli::message(&error));
            ExitCode::from(cli::exit_code(&error))
        }
    }
}
