//! `negkg queries`: list the named queries, or print one.

use super::common::stdout_is_terminal;
use negkg::{named_queries, named_query, write_table, TableOptions};
use std::io::Write;

/// List the named queries shipped with negkg, or print one's SPARQL.
///
/// Run one with `negkg query --name NAME`; fix its parameters with `--bind VAR=VALUE`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg queries
  negkg queries demands          # print the SPARQL of one
  negkg query --name demands")]
pub(crate) struct Args {
    /// Print the SPARQL text of this named query.
    #[arg(value_name = "NAME")]
    name: Option<String>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if let Some(name) = args.name {
        let query = named_query(&name)?;
        write!(out, "{}", query.text)?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = named_queries()
        .into_iter()
        .map(|q| {
            let parameters = q
                .parameters
                .iter()
                .map(|(variable, explanation)| format!("?{variable}: {explanation}"))
                .collect::<Vec<_>>()
                .join("\n");
            vec![q.name, q.description, parameters]
        })
        .collect();
    let headers = ["name", "answers", "parameters (--bind)"].map(String::from);
    let options = TableOptions {
        fit_terminal: stdout_is_terminal(),
    };
    write_table(&headers, &rows, options, &mut out)?;
    Ok(())
}
