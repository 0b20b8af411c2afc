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
  negkg positions --negotiation russia-ukraine
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
    /// Only the claims of this negotiation (id, `negotiation:ID` or IRI), as if the graph held
    /// no other claims; `negkg stats` lists the negotiations.
    #[arg(long, value_name = "NEGOTIATION")]
    negotiation: Option<String>,
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
    let negotiation = super::common::negotiation(&graph, args.negotiation.as_ref())?;
    super::common::prepare_index(&graph)?;
    let mut solutions = analysis::positions(&graph, as_of, negotiation.as_ref())?;
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

/// The filters, paging and output of `conflicts` and `common-ground`.
#[derive(Debug, clap::Args)]
pub(crate) struct GroupArgs {
    /// Only the groups this party is in (id, prefixed name or IRI).
    #[arg(long, value_name = "ACTOR")]
    actor: Option<String>,
    /// Only this issue (id, prefixed name or IRI).
    #[arg(long, value_name = "ISSUE")]
    issue: Option<String>,
    /// The day to look from (YYYY-MM-DD): claims stated by then and not superseded by then.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Only claims stated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only claims stated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only the claims of this negotiation (id, `negotiation:ID` or IRI), as if the graph held
    /// no other claims; `negkg stats` lists the negotiations.
    #[arg(long, value_name = "NEGOTIATION")]
    negotiation: Option<String>,
    /// How many groups to show (0: all).
    #[arg(long, value_name = "N", default_value_t = 25)]
    limit: usize,
    /// Which page of --limit groups to show, from 1.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    page: u64,
    /// The claim-by-claim pairs instead of the groups (no filters but --negotiation, no paging).
    #[arg(long, conflicts_with_all = ["actor", "issue", "as_of", "from", "to"])]
    pairs: bool,
    /// table, csv, tsv, json or xml.
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = ANALYSIS_FORMATS)]
    format: String,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    graph: GraphArgs,
}

/// Where the parties clash, grouped by pair of parties and issue: a claim and the rejection
/// that answers it, demands of two parties on one place addressed to each other, a demand
/// refused without an explicit link, claims marked as contradicting.
///
/// Each row counts the claim pairs behind it and each party's claims, gives the first and
/// latest date and each party's latest standing claim with a quote; the largest conflict comes
/// first. Only standing claims count (not superseded; with --as-of, as of that day). The same
/// answers come from `negkg query --name conflicts` (bind actor, issue, asOf, from, to), and
/// --pairs lists the pairs claim by claim (`negkg query --name conflict-pairs`).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg conflicts
  negkg conflicts --actor russia --issue territory
  negkg conflicts --negotiation russia-ukraine --pairs
  negkg conflicts --as-of 2025-06-02 --limit 10 --page 2
  negkg conflicts --from 2025-05-01 --to 2025-08-31 --format csv
  negkg conflicts --pairs --format csv")]
pub(crate) struct ConflictsArgs {
    #[command(flatten)]
    group: GroupArgs,
}

pub(crate) fn conflicts(args: ConflictsArgs) -> anyhow::Result<()> {
    grouped(args.group, Grouped::Conflicts)
}

/// Where the parties meet, grouped by pair of parties and action: both propose, offer, agree
/// or commit to it, one accepts what the other proposed, or they agree jointly.
///
/// Each row counts the claim pairs behind it and each party's claims, gives the first and
/// latest date and each party's latest standing claim with a quote; the largest common ground
/// comes first. Only standing claims count (not negated, not superseded; with --as-of, as of
/// that day), and parties on one side (affiliated, or one a member of the other) are left
/// out. The same answers come from `negkg query --name common-ground`, and --pairs lists the
/// pairs claim by claim (`negkg query --name common-ground-pairs`).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg common-ground
  negkg common-ground --actor ukraine --as-of 2025-08-01
  negkg common-ground --issue ceasefire --format json
  negkg common-ground --negotiation russia-ukraine --as-of 2025-08-16
  negkg common-ground --limit 0 --format csv -o common-ground.csv
  negkg common-ground --pairs")]
pub(crate) struct CommonGroundArgs {
    #[command(flatten)]
    group: GroupArgs,
}

pub(crate) fn common_ground(args: CommonGroundArgs) -> anyhow::Result<()> {
    grouped(args.group, Grouped::CommonGround)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Grouped {
    Conflicts,
    CommonGround,
}

fn date_option(flag: &str, value: Option<&String>) -> anyhow::Result<Option<Date>> {
    value
        .map(|d| {
            d.parse::<Date>()
                .map_err(|e| anyhow::anyhow!("--{flag}: {e}"))
        })
        .transpose()
}

/// Checks that `term` is in the graph, so that a typo gets an error rather than an empty table.
fn known(
    graph: &negkg::KnowledgeGraph,
    term: &negkg::oxigraph::model::Term,
    flag: &str,
    list: &str,
) -> anyhow::Result<()> {
    let query = negkg::SparqlQuery::new(format!("ASK {{ {term} ?p ?o }}"));
    if let negkg::oxigraph::sparql::QueryResults::Boolean(true) = graph.query(&query)? {
        return Ok(());
    }
    bail!(
        "--{flag}: the graph knows nothing of {}\n  help: check the id; `negkg query --name {list}` lists what is there",
        negkg::compact_term(term)
    )
}

fn grouped(args: GroupArgs, which: Grouped) -> anyhow::Result<()> {
    let filters = analysis::GroupFilters {
        actor: args
            .actor
            .as_deref()
            .map(|a| resource(a, vocab::ACTOR_NS))
            .transpose()?,
        issue: args
            .issue
            .as_deref()
            .map(|i| resource(i, vocab::ISSUE_NS))
            .transpose()?,
        as_of: date_option("as-of", args.as_of.as_ref())?,
        from: date_option("from", args.from.as_ref())?,
        to: date_option("to", args.to.as_ref())?,
        negotiation: None,
    };
    if let (Some(from), Some(to)) = (filters.from, filters.to) {
        if from > to {
            bail!("--from {from} is after --to {to}: no claim can be stated between them");
        }
    }
    let graph = args.graph.open()?;
    let mut filters = filters;
    filters.negotiation = super::common::negotiation(&graph, args.negotiation.as_ref())?;
    if let Some(actor) = &filters.actor {
        known(&graph, actor, "actor", "actors")?;
    }
    if let Some(issue) = &filters.issue {
        known(&graph, issue, "issue", "positions")?;
    }
    let mut out = output(args.output.as_ref())?;
    if args.pairs {
        let solutions = match which {
            Grouped::Conflicts => analysis::conflict_pairs(&graph, filters.negotiation.as_ref())?,
            Grouped::CommonGround => {
                analysis::common_ground_pairs(&graph, filters.negotiation.as_ref())?
            }
        };
        return write_solutions(&solutions, &args.format, &mut out);
    }
    let limit = (args.limit > 0).then_some(args.limit);
    let offset = usize::try_from(args.page - 1)
        .unwrap_or(usize::MAX)
        .saturating_mul(args.limit);
    let name = match which {
        Grouped::Conflicts => "conflicts",
        Grouped::CommonGround => "common-ground",
    };
    super::common::prepare_index(&graph)?;
    let (solutions, total) = analysis::grouped_page(&graph, name, &filters, offset, limit)?;
    if args.format != "table" {
        return write_solutions(&solutions, &args.format, &mut out);
    }
    let (about, kinds, what) = match which {
        Grouped::Conflicts => ("aboutLabel", "kinds", "conflicts"),
        Grouped::CommonGround => ("actionLabel", "bases", "common ground"),
    };
    let headers: Vec<String> = [
        "#",
        "parties",
        if which == Grouped::Conflicts {
            "issue"
        } else {
            "action"
        },
        if which == Grouped::Conflicts {
            "kinds"
        } else {
            "bases"
        },
        "pairs",
        "claims",
        "dates",
        "party A's latest",
        "party B's latest",
    ]
    .map(str::to_owned)
    .to_vec();
    let rows: Vec<Vec<String>> = (0..solutions.len())
        .map(|r| {
            let text = |v: &str| solutions.text(r, v);
            let latest = |claim: &str, quote: &str| {
                format!(
                    "“{}” ({})",
                    text(quote),
                    text(claim).trim_start_matches("claim:")
                )
            };
            let dates = match (text("first"), text("latest")) {
                (first, latest) if first == latest => first,
                (first, latest) => format!("{first} … {latest}"),
            };
            vec![
                (offset + r + 1).to_string(),
                format!("{} — {}", text("partyALabel"), text("partyBLabel")),
                text(about),
                text(kinds),
                text("pairs"),
                format!("{} + {}", text("claimsA"), text("claimsB")),
                dates,
                latest("claimA", "quoteA"),
                latest("claimB", "quoteB"),
            ]
        })
        .collect();
    if total == 0 {
        writeln!(out, "No {what} found with these filters.")?;
        out.flush()?;
        return Ok(());
    }
    let options = TableOptions {
        fit_terminal: args.output.is_none() && stdout_is_terminal(),
    };
    write_table(&headers, &rows, options, &mut out)?;
    out.flush()?;
    if solutions.len() < total {
        // All of them only where an answer can be made with all of them.
        let all = if total <= negkg::analysis::MOST_ROWS_HELD {
            ", --limit 0 all"
        } else {
            "; narrow them with --actor, --issue or --negotiation"
        };
        eprintln!(
            "{what}: groups {}–{} of {total}; --page {} shows the next{all}",
            offset + 1,
            offset + solutions.len(),
            args.page + 1
        );
    }
    Ok(())
}

/// Dated positions in order, with sources: one actor's (--actor), one issue's (--issue), or
/// everyone's. --format svg draws it.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg timeline --actor russia
  negkg timeline --issue ceasefire --format csv
  negkg timeline --format svg -o timeline.svg
  negkg timeline --issue territory --negotiation russia-ukraine --format svg -o territory.svg")]
pub(crate) struct TimelineArgs {
    /// One actor's positions (id, prefixed name or IRI).
    #[arg(long, value_name = "ACTOR", conflicts_with = "issue")]
    actor: Option<String>,
    /// The positions on one issue (id, prefixed name or IRI).
    #[arg(long, value_name = "ISSUE")]
    issue: Option<String>,
    /// Only the claims of this negotiation (id, `negotiation:ID` or IRI), as if the graph held
    /// no other claims; `negkg stats` lists the negotiations.
    #[arg(long, value_name = "NEGOTIATION")]
    negotiation: Option<String>,
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
    let negotiation = super::common::negotiation(&graph, args.negotiation.as_ref())?;
    let (of, mut title) = match (&args.actor, &args.issue) {
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
    if let Some(negotiation) = &args.negotiation {
        title = format!("{title} ({negotiation})");
    }
    super::common::prepare_index(&graph)?;
    let solutions = analysis::timeline(&graph, &of, negotiation.as_ref())?;
    if solutions.is_empty() {
        let what = args.actor.or(args.issue).unwrap_or_default();
        let within = args
            .negotiation
            .map(|n| format!(" in the negotiation `{n}`"))
            .unwrap_or_default();
        bail!("no dated positions for `{what}`{within}\n  help: check the id; `negkg query --name actors` lists the actors and `negkg stats` what is loaded, per negotiation");
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
    /// Only the claims of this negotiation (id, `negotiation:ID` or IRI), as if the graph held
    /// no other claims; `negkg stats` lists the negotiations.
    #[arg(long, value_name = "NEGOTIATION")]
    negotiation: Option<String>,
    #[command(flatten)]
    graph: GraphArgs,
}

pub(crate) fn accounts(args: AccountsArgs) -> anyhow::Result<()> {
    let graph = args.graph.open()?;
    let event = resource(&args.event, vocab::EVENT_NS)?;
    let negotiation = super::common::negotiation(&graph, args.negotiation.as_ref())?;
    super::common::prepare_index(&graph)?;
    let accounts = analysis::accounts(&graph, &event, negotiation.as_ref())?;
    if accounts.reporters.is_empty() {
        if let Some(negotiation) = &args.negotiation {
            bail!(
                "no account of `{}` among the claims of the negotiation `{negotiation}`\n  help: leave out --negotiation to see every account of the event",
                args.event
            );
        }
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
