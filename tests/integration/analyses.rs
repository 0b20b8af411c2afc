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

/// The claims (ids) standing for an actor on an issue on a day, from `negkg positions`.
fn standing(date: &str, actor: &str, issue: &str) -> Vec<String> {
    let mut claims: Vec<String> = csv_rows(&ok(&["positions", "--as-of", date, "--format", "csv"]))
        .into_iter()
        .filter(|r| {
            r.contains(&format!("/actor/{actor},")) && r.contains(&format!("/issue/{issue},"))
        })
        .map(|r| {
            r.split(',')
                .find(|field| field.contains("/id/claim/"))
                .and_then(|c| c.rsplit('/').next())
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    claims.sort();
    claims
}

#[test]
fn position_matrix_shows_each_actors_latest_stance() {
    let table = ok(&["positions", "--as-of", "2025-05-19"]);
    assert!(
        table.starts_with("Positions standing on 2025-05-19"),
        "{table}"
    );
    assert!(table.contains("actor \\ issue"), "{table}");
    assert!(table.contains("demand withdrawal (2025-05-16)"), "{table}");
    assert!(
        table.contains("proposal (hypothetical) ceasefire (2025-05-19)"),
        "{table}"
    );
    // Without a date: the latest stance. Russia's latest territorial demand is the one of Alaska.
    assert_eq!(
        standing("2100-01-01", "russia", "territory"),
        standing("2025-11-30", "russia", "territory")
    );
    assert!(!standing("2100-01-01", "russia", "territory").is_empty());
    let latest = ok(&["positions", "--format", "csv"]);
    assert!(!latest.contains("claim/russia-demands-withdrawal-kherson-zaporizhzhia,"));
}

#[test]
fn as_of_boundaries_follow_dates_and_supersedes() {
    // Nothing before the Istanbul talks of 16 May.
    assert!(standing("2025-05-15", "russia", "territory").is_empty());
    // On 16 May: the demand (two accounts of it) and the threat.
    let may = [
        "russia-demands-withdrawal-before-ceasefire-2025-05-16",
        "russia-demands-withdrawal-kherson-zaporizhzhia",
        "russia-threatens-to-occupy-more-territory",
    ];
    assert_eq!(standing("2025-05-16", "russia", "territory"), may);
    assert_eq!(standing("2025-06-01", "russia", "territory"), may);
    // The memorandum of 2 June supersedes the May demand on the day it is stated.
    let june = ["russia-memorandum-demands-withdrawal-four-regions-2025-06-02"];
    assert_eq!(standing("2025-06-02", "russia", "territory"), june);
    assert_eq!(standing("2025-08-14", "russia", "territory"), june);
    // Alaska, 15 August: the demand for Donetsk and Luhansk supersedes the memorandum.
    let alaska = standing("2025-08-15", "russia", "territory");
    assert!(
        alaska.contains(&"putin-demands-withdrawal-donetsk-luhansk-alaska-2025-08-15".to_owned()),
        "{alaska:?}"
    );
    assert!(
        !alaska.iter().any(|c| c.contains("memorandum")),
        "{alaska:?}"
    );
    // The same answer from any SPARQL tool.
    let sparql = ok(&[
        "query",
        "--name",
        "positions",
        "--bind",
        "asOf=2025-06-02",
        "--format",
        "csv",
    ]);
    assert!(sparql.contains("russia-memorandum-demands-withdrawal-four-regions-2025-06-02"));
    assert!(!sparql.contains("claim/russia-demands-withdrawal-kherson-zaporizhzhia,"));
    let bad = negkg(&["positions", "--as-of", "2025-02-30"]);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("--as-of"), "{}", bad.stderr);
}

#[test]
fn made_up_data_shows_up_in_the_analyses() {
    // A revision dated after everything else stands alone once stated.
    let data = over_time();
    let rows = csv_rows(&ok(&[
        "positions",
        "--as-of",
        "2025-06-02",
        "--format",
        "csv",
        "--data",
        &data,
    ]));
    assert!(rows
        .iter()
        .any(|r| r.contains("test-russia-revised-withdrawal-demand")));
    let conflicts = ok(&["conflicts", "--format", "csv", "--data", &data]);
    assert!(
        conflicts.lines().any(|r| r.starts_with("rejection,")
            && r.contains("test-russia-revised-withdrawal-demand")
            && r.contains("test-ukraine-rejects-revised-demand")),
        "{conflicts}"
    );
    let common = ok(&["common-ground", "--format", "csv", "--data", &data]);
    assert!(
        common
            .lines()
            .any(|r| r.contains("test-russia-agrees-prisoner-exchange")
                && r.contains("test-ukraine-agrees-prisoner-exchange")),
        "{common}"
    );
}

#[test]
fn conflicts_pair_demands_with_their_rejections() {
    let out = ok(&["conflicts", "--format", "csv"]);
    let rows = csv_rows(&out);
    let has = |kind: &str, a: &str, b: &str| {
        rows.iter().any(|r| {
            r.starts_with(&format!("{kind},"))
                && r.contains(&format!("/claim/{a},"))
                && r.contains(&format!("/claim/{b},"))
        })
    };
    // Zelensky rejects Russia's June memorandum as an ultimatum (an explicit answer).
    assert!(
        has(
            "rejection",
            "russia-memorandum-demands-withdrawal-four-regions-2025-06-02",
            "zelensky-rejects-russian-memorandum-as-ultimatum-2025-06-04"
        ),
        "{out}"
    );
    // Ukraine refuses the Donetsk demand of Alaska.
    assert!(
        has(
            "rejection",
            "putin-demands-withdrawal-donetsk-luhansk-alaska-2025-08-15",
            "zelensky-refuses-to-cede-donetsk-2025-08-16"
        ),
        "{out}"
    );
    // The FT's withdrawal demand of 16 May meets Ukraine's refusal to cede land, without a link.
    assert!(
        has(
            "demand refused",
            "russia-demands-withdrawal-kherson-zaporizhzhia",
            "zelensky-refuses-to-cede-donetsk-2025-08-16"
        ),
        "{out}"
    );
    // Competing readouts are marked as contradicting.
    assert!(
        has(
            "contradiction",
            "russia-black-sea-truce-conditional-2025-03-25",
            "us-russia-agree-black-sea-safe-navigation-2025-03-25"
        ),
        "{out}"
    );
    // One row per pair.
    let mut pairs: Vec<&String> = rows.iter().collect();
    pairs.dedup();
    assert_eq!(pairs.len(), rows.len());
    let table = ok(&["conflicts"]);
    assert!(table.contains("rejection"), "{table}");
}

#[test]
fn common_ground_finds_what_both_sides_agree_to() {
    let out = ok(&["common-ground", "--format", "csv"]);
    let rows = csv_rows(&out);
    // Russia and Ukraine agree jointly to the prisoner exchange of Istanbul, 16 May.
    assert!(
        rows.iter().any(
            |r| r.starts_with("joint agreement,prisoner exchange,Russia,")
                && r.contains("russia-ukraine-agree-1000-for-1000-exchange-2025-05-16")
                && r.contains(",Ukraine,")
        ),
        "{out}"
    );
    // Putin accepts Trump's proposal to halt strikes on energy infrastructure.
    assert!(
        rows.iter().any(|r| r
            .starts_with("accepted,halt strikes on energy infrastructure,Donald Trump,")
            && r.contains("putin-accepts-30-day-energy-strike-halt-2025-03-18")),
        "{out}"
    );
    // Two would-be hosts offer the same thing.
    assert!(
        rows.iter()
            .any(|r| r.contains("hosting talks") && r.contains("vatican-offers-to-host-talks")),
        "{out}"
    );
    // Putin and Russia are one side: no "common ground" between them.
    assert!(
        !rows
            .iter()
            .any(|r| r.contains(",Russia,") && r.contains(",Vladimir Putin,")),
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
    let territory = csv_rows(&issue);
    assert!(territory.len() >= 10, "{issue}");
    assert!(
        territory.iter().all(|r| r.contains("/issue/territory,")),
        "{issue}"
    );
    assert!(territory
        .iter()
        .any(|r| r.contains("zelensky-refuses-to-cede-donetsk-2025-08-16")));
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

#[test]
fn the_matrix_can_be_narrowed_to_actors_and_issues() {
    let out = ok(&[
        "positions",
        "--as-of",
        "2025-08-16",
        "--actor",
        "russia",
        "--actor",
        "actor:ukraine",
        "--issue",
        "territory",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&out);
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(
            |r| (r.contains("/actor/russia,") || r.contains("/actor/ukraine,"))
                && r.contains("/issue/territory,")
        ),
        "{out}"
    );
    assert!(rows.iter().any(|r| r.contains("/actor/ukraine,")), "{out}");
    let table = ok(&[
        "positions",
        "--as-of",
        "2025-08-16",
        "--actor",
        "russia",
        "--issue",
        "territory",
    ]);
    assert!(
        table.contains("Russia") && table.contains("territory"),
        "{table}"
    );
    assert!(!table.contains("Ukraine "), "{table}");
}

#[test]
fn the_white_house_and_the_kremlin_accounts_of_18_march_differ() {
    let out = ok(&["accounts", "trump-putin-call-2025-03-18"]);
    assert!(out.contains("according to The White House"), "{out}");
    assert!(
        out.contains("according to The Kremlin (press service)"),
        "{out}"
    );
    // The Kremlin alone reports the demand to halt foreign military aid.
    let demand = out
        .lines()
        .find(|l| l.contains("demand: halt mobilisation and military aid"))
        .expect("the Kremlin's demand");
    assert!(!demand.contains("The White House"), "{demand}");
    assert!(out.contains("only The Kremlin (press service)"), "{out}");
}
