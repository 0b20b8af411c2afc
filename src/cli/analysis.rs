//! The analysis commands: `positions`, `conflicts`, `common-ground`, `timeline`, `accounts`.

use super::common::{
    output, resource, stdout_is_terminal, write_solutions, GraphArgs, ANALYSIS_FORMATS,
};
use anyhow::{bail, Context};
use negkg::analysis::{self, TimelineOf};
use negkg::{vocab, write_table, Date, TableOptions};
use std::io::Write;
use std::path::PathBuf;

/// The position matrix: actors × issues, each actor's standing position on each issue — its
/// latest claim there, not superseded — with its date and source.
///
/// With --as-of, the positions standing on that day: stated by then and not yet superseded by
/// then. The same answers come from `negkg query --name positions [--bind asOf=DATE]`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg positions
  negkg positions --as-of 2025-06-02 --actor russia --actor ukraine --issue territory
  negkg positions --list --format csv")]
pub(crate) struct PositionsArgs {
    /// The day to look from (YYYY-MM-DD): positions stated by then and not superseded by then.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Only these actors (id, prefixed name or IRI); repeatable.
    #[arg(long, value_name = "ACTOR")]
    actor: Vec<String>,
    /// Only these issues (id, prefixed name or IRI); repeatable.
    #[arg(long, value_name = "ISSUE")]
    issue: Vec<String>,
    /// One row per standing position instead of the matrix.
    #[arg(long)]
    list: bool,
    /// table (the matrix), or csv, tsv, json, xml (one row per standing position).
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ANALYSIS_FORMATS)]
    format: String,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn positions(args: PositionsArgs) -> anyhow::Result<()> {
    let as_of = args
        .as_of
        .as_deref()
        .map(|d| {
            d.parse::<Date>()
                .map_err(|e| anyhow::anyhow!("--as-of: {e}"))
        })
        .transpose()?;
    let graph = args.graph.open()?;
    let mut solutions = analysis::positions(&graph, as_of)?;
    let actors = args
        .actor
        .iter()
        .map(|a| resource(a, vocab::ACTOR_NS))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let issues = args
        .issue
        .iter()
        .map(|i| resource(i, vocab::ISSUE_NS))
        .collect::<anyhow::Result<Vec<_>>>()?;
    solutions.retain(|row, solutions| {
        let keeps = |variable: &str, wanted: &[negkg::oxigraph::model::Term]| {
            wanted.is_empty()
                || solutions
                    .term(row, variable)
                    .is_some_and(|t| wanted.contains(t))
        };
        keeps("actor", &actors) && keeps("issue", &issues)
    });
    let mut out = output(None)?;
    if args.list || args.format != "table" {
        write_solutions(&solutions, &args.format, &mut out)?;
        return Ok(());
    }
    let matrix = analysis::position_matrix(&solutions);
    let mut headers = vec!["actor \\ issue".to_owned()];
    headers.extend(matrix.issues.iter().cloned());
    let rows: Vec<Vec<String>> = matrix
        .actors
        .iter()
        .enumerate()
        .map(|(a, actor)| {
            let mut row = vec![actor.clone()];
            for i in 0..matrix.issues.len() {
                let cell = matrix.cells.get(&(a, i)).map(|cells| {
                    cells
                        .iter()
                        .map(|c| {
                            format!("{} {} ({})\n{}", c.stance, c.action, c.stated_on, c.source)
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                });
                row.push(cell.unwrap_or_default());
            }
            row
        })
        .collect();
    if let Some(date) = as_of {
        writeln!(out, "Positions standing on {date}")?;
    }
    let options = TableOptions {
        fit_terminal: stdout_is_terminal(),
    };
    write_table(&headers, &rows, options, &mut out)?;
    Ok(())
}

/// Positions that oppose each other: a claim and the rejection that answers it, demands of two
/// parties on one place addressed to each other, a demand refused without an explicit link,
/// and claims marked as contradicting. Same as `negkg query --name conflicts`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg conflicts
  negkg conflicts --format csv")]
pub(crate) struct ConflictsArgs {
    /// table, csv, tsv, json or xml.
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ANALYSIS_FORMATS)]
    format: String,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn conflicts(args: ConflictsArgs) -> anyhow::Result<()> {
    let graph = args.graph.open()?;
    let solutions = analysis::conflicts(&graph)?;
    write_solutions(&solutions, &args.format, &mut output(None)?)
}

/// Where two parties' positions are compatible: both propose, offer, agree or commit to the
/// same action (both propose a ceasefire; both agree to a prisoner exchange), or one accepts
/// what the other proposed. Same as `negkg query --name common-ground`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg common-ground
  negkg common-ground --format json")]
pub(crate) struct CommonGroundArgs {
    /// table, csv, tsv, json or xml.
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ANALYSIS_FORMATS)]
    format: String,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn common_ground(args: CommonGroundArgs) -> anyhow::Result<()> {
    let graph = args.graph.open()?;
    let solutions = analysis::common_ground(&graph)?;
    write_solutions(&solutions, &args.format, &mut output(None)?)
}

/// Dated positions in order, with sources: one actor's (--actor), one issue's (--issue), or
/// everyone's. --format svg draws it.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg timeline --actor russia
  negkg timeline --issue ceasefire --format csv
  negkg timeline --format svg -o timeline.svg")]
pub(crate) struct TimelineArgs {
    /// One actor's positions (id, prefixed name or IRI).
    #[arg(long, value_name = "ACTOR", conflicts_with = "issue")]
    actor: Option<String>,
    /// The positions on one issue (id, prefixed name or IRI).
    #[arg(long, value_name = "ISSUE")]
    issue: Option<String>,
    /// table, csv, tsv, json, xml, or svg (a drawn timeline).
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ["table", "csv", "tsv", "json", "xml", "svg"])]
    format: String,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn timeline(args: TimelineArgs) -> anyhow::Result<()> {
    let graph = args.graph.open()?;
    let (of, title) = match (&args.actor, &args.issue) {
        (Some(actor), _) => (
            TimelineOf::Actor(resource(actor, vocab::ACTOR_NS)?),
            format!("Positions of {actor} over time"),
        ),
        (None, Some(issue)) => (
            TimelineOf::Issue(resource(issue, vocab::ISSUE_NS)?),
            format!("Positions on {issue} over time"),
        ),
        (None, None) => (TimelineOf::Everything, "Positions over time".to_owned()),
    };
    let solutions = analysis::timeline(&graph, &of)?;
    if solutions.is_empty() {
        let what = args.actor.or(args.issue).unwrap_or_default();
        bail!("no dated positions for `{what}`\n  help: check the id; `negkg query --name actors` lists the actors and `negkg stats` what is loaded");
    }
    let mut out = output(args.output.as_ref())?;
    if args.format == "svg" {
        let svg = analysis::timeline_svg(&solutions, "holder", &title);
        out.write_all(svg.as_bytes())
            .context("cannot write the SVG")?;
        out.flush()?;
        return Ok(());
    }
    write_solutions(&solutions, &args.format, &mut out)?;
    out.flush()?;
    Ok(())
}

/// The accounts of one event side by side: what each reporter (the readout's author, the
/// person quoted, the publisher) says of it, topic by topic, and where they differ.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg accounts trump-putin-call-2025-05-19
  negkg accounts event:trump-putin-call-2025-05-19 --format csv")]
pub(crate) struct AccountsArgs {
    /// The event: its id, `event:ID` or its IRI.
    #[arg(value_name = "EVENT")]
    event: String,
    /// table (side by side), or csv, tsv, json, xml (one row per quote).
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ANALYSIS_FORMATS)]
    format: String,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn accounts(args: AccountsArgs) -> anyhow::Result<()> {
    let graph = args.graph.open()?;
    let event = resource(&args.event, vocab::EVENT_NS)?;
    let accounts = analysis::accounts(&graph, &event)?;
    if accounts.reporters.is_empty() {
        bail!(
            "no account of `{}` in the graph\n  help: give an event's id, like trump-putin-call-2025-05-19; `negkg query 'SELECT ?e WHERE {{ ?e a neg:Event }}'` lists them",
            args.event
        );
    }
    let mut out = output(None)?;
    if args.format != "table" {
        return write_solutions(&accounts.solutions, &args.format, &mut out);
    }
    let mut headers = vec!["topic".to_owned()];
    headers.extend(
        accounts
            .reporters
            .iter()
            .map(|r| format!("according to {r}")),
    );
    headers.push("accounts".to_owned());
    let rows: Vec<Vec<String>> = accounts
        .topics
        .iter()
        .map(|topic| {
            let mut row = vec![topic.topic.clone()];
            row.extend(topic.says.iter().map(|lines| lines.join("\n")));
            let mentioned = topic.mentioned_by();
            row.push(if mentioned.len() == accounts.reporters.len() {
                "all agree it was raised".to_owned()
            } else {
                format!(
                    "only {}",
                    mentioned
                        .iter()
                        .map(|i| accounts.reporters[*i].as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            });
            row
        })
        .collect();
    writeln!(
        out,
        "{} accounts of {}: {}",
        accounts.reporters.len(),
        negkg::compact_term(&event),
        accounts.reporters.join(", ")
    )?;
    let options = TableOptions {
        fit_terminal: stdout_is_terminal(),
    };
    write_table(&headers, &rows, options, &mut out)?;
    Ok(())
}
