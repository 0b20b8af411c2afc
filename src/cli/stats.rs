//! `negkg stats`: what the graph holds.

use super::common::{stdout_is_terminal, GraphArgs};
use anyhow::Context;
use negkg::oxigraph::model::{Literal, Term, Variable};
use negkg::oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use negkg::{write_table, TableOptions};

/// Count what the graph holds: actors by type, claims by kind, evidence, sources, events,
/// places, issues, direct edges, named graphs and quads.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg stats
  negkg stats --data my-data/ --format csv
  negkg stats --store ./kg")]
pub(crate) struct Args {
    /// Output format: table, or the W3C SPARQL results formats csv, tsv, json, xml.
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ["table", "csv", "tsv", "json", "xml"])]
    format: String,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let graph = args.graph.open()?;
    let rows = negkg::stats(&graph)?;
    let mut out = std::io::stdout().lock();
    if args.format == "table" {
        let headers = ["what", "of which", "count"].map(String::from);
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| vec![r.category, r.item, r.count.to_string()])
            .collect();
        let options = TableOptions {
            fit_terminal: stdout_is_terminal(),
        };
        write_table(&headers, &rows, options, &mut out)?;
        return Ok(());
    }
    let format = QueryResultsFormat::from_extension(&args.format)
        .with_context(|| format!("unknown format {}", args.format))?;
    let variables = ["what", "of_which", "count"].map(Variable::new_unchecked);
    let mut serializer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(&mut out, variables.to_vec())?;
    for row in rows {
        let values: [Term; 3] = [
            Literal::new_simple_literal(row.category).into(),
            Literal::new_simple_literal(row.item).into(),
            Literal::from(i64::try_from(row.count).unwrap_or(i64::MAX)).into(),
        ];
        serializer.serialize(
            variables
                .iter()
                .zip(values.iter())
                .map(|(v, t)| (v.as_ref(), t.as_ref())),
        )?;
    }
    serializer.finish()?;
    Ok(())
}
