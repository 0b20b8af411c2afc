//! The command line: clap types that stop here, one module per subcommand, each turning its
//! arguments into plain library calls.

mod analysis;
mod common;
mod export;
mod extract;
mod generate;
mod load;
mod push;
mod queries;
mod query;
mod review;
mod serve;
mod stats;
mod validate;

use clap::{Parser, Subcommand};

/// negkg: a knowledge graph of negotiation positions — who demands, proposes, offers,
/// threatens, rejects or commits to what, addressed to whom, about which place and issue,
/// under which condition, when, and on what evidence.
///
/// The bundled dataset and the ontology are built into the binary: every command works from any
/// directory with nothing else installed.
#[derive(Debug, Parser)]
#[command(name = "negkg", version, propagate_version = true)]
#[command(after_help = "Examples:
  negkg query --name demands
  negkg query 'SELECT ?place WHERE { actor:russia neg:demandsWithdrawalFrom ?place }'
  negkg stats
  negkg export --render svg -o briefing.svg
  negkg positions --as-of 2025-05-18
  negkg accounts trump-putin-call-2025-05-19

Exit codes: 0 success; 1 failure; 2 bad command line; 65 bad data, RDF or SPARQL (nothing
was loaded); 66 an input file is missing; 69 a feature this build lacks; 124 a query ran past
its --timeout.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Query(query::Args),
    Queries(queries::Args),
    Stats(stats::Args),
    Load(load::Args),
    Export(export::Args),
    Positions(analysis::PositionsArgs),
    Conflicts(analysis::ConflictsArgs),
    CommonGround(analysis::CommonGroundArgs),
    Timeline(analysis::TimelineArgs),
    Accounts(analysis::AccountsArgs),
    Extract(extract::Args),
    Review(review::Args),
    Serve(serve::Args),
    Push(push::Args),
    Generate(generate::Args),
    Validate(validate::Args),
}

/// Parses the command line and runs the subcommand.
pub(crate) fn run() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Query(args) => query::run(args),
        Command::Queries(args) => queries::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Load(args) => load::run(args),
        Command::Export(args) => export::run(args),
        Command::Positions(args) => analysis::positions(args),
        Command::Conflicts(args) => analysis::conflicts(args),
        Command::CommonGround(args) => analysis::common_ground(args),
        Command::Timeline(args) => analysis::timeline(args),
        Command::Accounts(args) => analysis::accounts(args),
        Command::Extract(args) => extract::run(args),
        Command::Review(args) => review::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Push(args) => push::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Validate(args) => validate::run(args),
    }
}

/// The error and its causes on one line, each cause once: an error whose message already
/// quotes its cause (a file's path and the system's reason) does not repeat it.
pub(crate) fn message(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}

/// Whether the error is a closed standard output (`negkg … | head`), which is no failure.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(
                cause.downcast_ref::<negkg::Error>(),
                Some(negkg::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe
            )
    })
}

/// Options that clap accepts one by one but that do not go together: a bad command line,
/// like the errors clap reports itself (exit code 2).
#[derive(Debug)]
pub(crate) struct UsageError(pub(crate) String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The exit code for an error, after the BSD sysexits conventions.
pub(crate) fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<UsageError>().is_some() {
        return 2;
    }
    match error.downcast_ref::<negkg::Error>() {
        Some(
            negkg::Error::Data(_)
            | negkg::Error::RdfSyntax { .. }
            | negkg::Error::QuerySyntax { .. }
            | negkg::Error::InvalidBinding { .. }
            | negkg::Error::UnknownFormat { .. },
        ) => 65,
        Some(negkg::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            66
        }
        Some(negkg::Error::Unsupported(_)) => 69,
        Some(negkg::Error::Timeout { .. }) => 124,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
