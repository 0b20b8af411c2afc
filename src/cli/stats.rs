//! `negkg stats`: what the graph holds, in all and per negotiation.

use super::common::{stdout_is_terminal, GraphArgs};
use anyhow::Context;
use negkg::oxigraph::model::{Literal, Term, Variable};
use negkg::oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use negkg::{write_table, ClaimKind, NegotiationStats, TableOptions};
use std::io::Write;

/// Count what the graph holds: actors by type, claims by kind, evidence, sources, events,
/// negotiations, places, issues, direct edges, named graphs and quads; and per negotiation its
/// sources, claims by kind, actors, events and the first and last day a claim was stated.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The table shows the counts, then one line per negotiation (and one for the claims \
in none). --per-negotiation writes only the lines per negotiation, with a column per claim kind, \
in any format. A negotiation's sources are those that name it or hold one of its claims; its \
actors hold its claims; its events name it or are named by its claims.

Examples:
  negkg stats
  negkg stats --per-negotiation --format csv
  negkg stats --data my-data/ --format csv
  negkg stats --store ./kg"
)]
pub(crate) struct Args {
    /// Output format: table, or the W3C SPARQL results formats csv, tsv, json, xml.
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ["table", "csv", "tsv", "json", "xml"])]
    format: String,
    /// Only the counts per negotiation: sources, claims, claims of each kind, actors, events,
    /// first and last day.
    #[arg(long)]
    per_negotiation: bool,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let graph = args.graph.open()?;
    let mut out = std::io::stdout().lock();
    let options = TableOptions {
        fit_terminal: stdout_is_terminal(),
    };
    if args.per_negotiation {
        let rows = negkg::negotiation_stats(&graph)?;
        return write_per_negotiation(&rows, &args.format, options, &mut out);
    }
    let rows = negkg::stats(&graph)?;
    if args.format == "table" {
        let headers = ["what", "of which", "count"].map(String::from);
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| vec![r.category, r.item, r.count.to_string()])
            .collect();
        write_table(&headers, &rows, options, &mut out)?;
        let negotiations = negkg::negotiation_stats(&graph)?;
        if !negotiations.is_empty() {
            writeln!(out, "\nPer negotiation")?;
            write_per_negotiation(&negotiations, "table", options, &mut out)?;
        }
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
            count(row.count).into(),
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

fn count(value: u64) -> Literal {
    Literal::from(i64::try_from(value).unwrap_or(i64::MAX))
}

fn kind_count(row: &NegotiationStats, kind: ClaimKind) -> u64 {
    row.claims_by_kind
        .iter()
        .find(|(k, _)| k == kind.as_str())
        .map_or(0, |(_, n)| *n)
}

/// The counts per negotiation: as a table with the kinds in one column, else in a SPARQL
/// results format with a column per kind and the days as `xsd:date`s.
fn write_per_negotiation(
    rows: &[NegotiationStats],
    format: &str,
    options: TableOptions,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if format == "table" {
        let headers = [
            "negotiation",
            "name",
            "sources",
            "claims",
            "by kind",
            "actors",
            "events",
            "first",
            "last",
        ]
        .map(String::from);
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let kinds: Vec<String> = r
                    .claims_by_kind
                    .iter()
                    .map(|(kind, n)| format!("{n} {kind}"))
                    .collect();
                vec![
                    r.negotiation.clone(),
                    r.name.clone().unwrap_or_default(),
                    r.sources.to_string(),
                    r.claims.to_string(),
                    kinds.join(", "),
                    r.actors.to_string(),
                    r.events.to_string(),
                    r.first.clone().unwrap_or_default(),
                    r.last.clone().unwrap_or_default(),
                ]
            })
            .collect();
        write_table(&headers, &table, options, out)?;
        return Ok(());
    }
    let format = QueryResultsFormat::from_extension(format)
        .with_context(|| format!("unknown format {format}"))?;
    let mut names: Vec<String> = ["negotiation", "name", "sources", "claims"]
        .map(String::from)
        .to_vec();
    names.extend(ClaimKind::ALL.iter().map(|k| k.as_str().to_owned()));
    names.extend(["actors", "events", "first", "last"].map(String::from));
    let variables: Vec<Variable> = names.iter().map(Variable::new_unchecked).collect();
    let mut serializer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(out, variables.clone())?;
    for row in rows {
        let date = |d: &Option<String>| -> Option<Term> {
            d.as_ref().map(|d| {
                Literal::new_typed_literal(d, negkg::oxigraph::model::vocab::xsd::DATE).into()
            })
        };
        let mut values: Vec<Option<Term>> = vec![
            Some(Literal::new_simple_literal(&row.negotiation).into()),
            row.name
                .as_ref()
                .map(|n| Literal::new_simple_literal(n).into()),
            Some(count(row.sources).into()),
            Some(count(row.claims).into()),
        ];
        values.extend(
            ClaimKind::ALL
                .iter()
                .map(|k| Some(count(kind_count(row, *k)).into())),
        );
        values.extend([
            Some(count(row.actors).into()),
            Some(count(row.events).into()),
            date(&row.first),
            date(&row.last),
        ]);
        serializer.serialize(
            variables
                .iter()
                .zip(values.iter())
                .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
        )?;
    }
    serializer.finish()?;
    Ok(())
}
