//! The analyses on the bundled seed data and on made-up test data: the position matrix and its
//! as-of boundaries, supersedes, conflicts, common ground, timelines and accounts.

use crate::util::{fixture, negkg, ok};

fn over_time() -> String {
    fixture("positions-over-time.toml")
        .to_str()
        .unwrap()
        .to_owned()
}

fn csv_rows(out: &str) -> Vec<String> {
    out.lines()
        .skip(1)
        .map(|l| l.trim_end().to_owned())
        .collect()
}

#[test]
fn position_matrix_shows_each_actors_latest_stance() {
    let table = ok(&["positions"]);
    assert!(table.contains("actor \\ issue"), "{table}");
    assert!(table.contains("Russia"), "{table}");
    assert!(table.contains("demand withdrawal (2025-05-16)"), "{table}");
    assert!(
        table.contains("proposal (hypothetical) ceasefire (2025-05-19)"),
        "{table}"
    );
    let list = ok(&["positions", "--format", "csv"]);
    // Russia on territory: the demand and the threat, both of 16 May, stand together.
    let russia_territory: Vec<_> = csv_rows(&list)
        .into_iter()
        .filter(|r| r.contains("/actor/russia,") && r.contains("/issue/territory,"))
        .collect();
    assert_eq!(russia_territory.len(), 2, "{russia_territory:?}");
}

#[test]
fn as_of_boundaries_follow_the_dates() {
    let putin_talks = |date: &str| -> Vec<String> {
        csv_rows(&ok(&["positions", "--as-of", date, "--format", "csv"]))
            .into_iter()
            .filter(|r| r.contains("/actor/putin,") && r.contains("/issue/peace-talks,"))
            .map(|r| r.split(',').nth(6).unwrap_or_default().to_owned())
            .collect()
    };
    // Before 11 May Putin holds no position on the talks; on 11 May his proposal stands; on
    // 14 May his refusal to attend replaces it.
    assert!(putin_talks("2025-05-10").is_empty());
    assert_eq!(putin_talks("2025-05-11"), ["proposal"]);
    assert_eq!(putin_talks("2025-05-13"), ["proposal"]);
    assert_eq!(putin_talks("2025-05-14"), ["rejection"]);
    let russia = |date: &str| {
        ok(&["positions", "--as-of", date, "--format", "csv"])
            .lines()
            .filter(|r| r.contains("/actor/russia,"))
            .count()
    };
    assert_eq!(russia("2025-05-15"), 0);
    assert_eq!(russia("2025-05-16"), 2);
    let bad = negkg(&["positions", "--as-of", "2025-02-30"]);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("--as-of"), "{}", bad.stderr);
}

#[test]
fn a_superseded_position_stops_standing_when_it_is_superseded() {
    let data = over_time();
    let demand_on = |date: &str| -> Vec<String> {
        csv_rows(&ok(&[
            "positions",
            "--as-of",
            date,
            "--format",
            "csv",
            "--data",
            &data,
        ]))
        .into_iter()
        .filter(|r| {
            r.contains("/actor/russia,")
                && r.contains("/issue/territory,")
                && r.contains(",demand,")
        })
        .map(|r| {
            r.split(',')
                .nth(5)
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
    };
    assert_eq!(
        demand_on("2025-06-01"),
        ["russia-demands-withdrawal-kherson-zaporizhzhia"]
    );
    assert_eq!(
        demand_on("2025-06-02"),
        ["test-russia-revised-withdrawal-demand"]
    );
    // The same answer from SPARQL.
    let sparql = ok(&[
        "query",
        "--name",
        "positions",
        "--bind",
        "asOf=2025-06-02",
        "--format",
        "csv",
        "--data",
        &data,
    ]);
    assert!(sparql.contains("test-russia-revised-withdrawal-demand"));
    assert!(!sparql.contains("claim/russia-demands-withdrawal-kherson-zaporizhzhia,"));
}

#[test]
fn conflicts_pair_a_demand_with_its_rejection_and_opposing_demands() {
    assert!(csv_rows(&ok(&["conflicts", "--format", "csv"])).is_empty());
    let out = ok(&["conflicts", "--format", "csv", "--data", &over_time()]);
    let rows = csv_rows(&out);
    let rejection = rows
        .iter()
        .find(|r| r.starts_with("rejection,"))
        .expect("the rejection answering the demand");
    assert!(
        rejection.contains("test-russia-revised-withdrawal-demand"),
        "{rejection}"
    );
    assert!(
        rejection.contains("test-ukraine-rejects-revised-demand"),
        "{rejection}"
    );
    // The original demand is refused too, without an explicit link.
    assert!(
        rows.iter().any(|r| r.starts_with("demand refused,")
            && r.contains("russia-demands-withdrawal-kherson-zaporizhzhia")),
        "{out}"
    );
    let table = ok(&["conflicts", "--data", &over_time()]);
    assert!(table.contains("rejection"), "{table}");
}

#[test]
fn common_ground_finds_what_both_sides_agree_to() {
    let out = ok(&["common-ground", "--format", "csv", "--data", &over_time()]);
    let rows = csv_rows(&out);
    let exchange = rows
        .iter()
        .find(|r| r.contains("prisoner exchange"))
        .unwrap_or_else(|| panic!("no common ground on the exchange: {out}"));
    assert!(
        exchange.contains("Russia") && exchange.contains("Ukraine"),
        "{exchange}"
    );
    // Putin and Russia are one side: no "common ground" between them.
    assert!(
        !rows
            .iter()
            .any(|r| r.contains("Russia") && r.contains("Vladimir Putin")),
        "{out}"
    );
}

#[test]
fn timelines_list_dated_positions_in_order_with_sources() {
    let out = ok(&["timeline", "--actor", "putin", "--format", "csv"]);
    let dates: Vec<String> = csv_rows(&out)
        .iter()
        .map(|r| r.split(',').next().unwrap().to_owned())
        .collect();
    assert_eq!(dates.first().map(String::as_str), Some("2025-05-11"));
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(
        out.contains("source:ft-2025-05-19") || out.contains("/source/ft-2025-05-19"),
        "{out}"
    );
    let issue = ok(&["timeline", "--issue", "territory", "--format", "csv"]);
    assert_eq!(csv_rows(&issue).len(), 2, "{issue}");
    let svg = ok(&["timeline", "--issue", "issue:territory", "--format", "svg"]);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("Positions on issue:territory over time"));
    assert!(
        svg.contains("2025-05-16 · THREAT · Russia threatens"),
        "{svg}"
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    let missing = negkg(&["timeline", "--actor", "nobody"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("no dated positions"),
        "{}",
        missing.stderr
    );
}

#[test]
fn accounts_set_the_readouts_of_one_call_side_by_side() {
    let out = ok(&["accounts", "trump-putin-call-2025-05-19"]);
    assert!(out.contains("according to Donald Trump"), "{out}");
    assert!(out.contains("according to Vladimir Putin"), "{out}");
    assert!(out.contains("offer: hosting talks"), "{out}");
    assert!(out.contains("only Donald Trump"), "{out}");
    assert!(out.contains("only Vladimir Putin"), "{out}");
    let csv = ok(&[
        "accounts",
        "event:trump-putin-call-2025-05-19",
        "--format",
        "csv",
    ]);
    assert!(csv_rows(&csv).len() >= 8, "{csv}");
    let none = negkg(&["accounts", "no-such-event"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("no account"), "{}", none.stderr);
}
