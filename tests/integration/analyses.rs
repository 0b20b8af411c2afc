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
    // Russia's stance on territory moves with the as-of date: Putin's warning of November 2025
    // stands at the end of that month, the Kremlin's account of the call of 9 March 2026 after
    // it, and no date at all gives the latest.
    assert_eq!(
        standing("2025-11-30", "russia", "territory"),
        ["putin-threatens-further-advance-2025-11-21"]
    );
    assert_eq!(
        standing("2026-03-09", "russia", "territory"),
        ["russia-advances-should-push-kyiv-to-negotiate-2026-03-09"]
    );
    assert_eq!(
        standing("2100-01-01", "russia", "territory"),
        standing("2026-12-01", "russia", "territory")
    );
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
    let conflicts = ok(&["conflicts", "--pairs", "--format", "csv", "--data", &data]);
    assert!(
        conflicts.lines().any(|r| r.starts_with("rejection,")
            && r.contains("test-russia-revised-withdrawal-demand")
            && r.contains("test-ukraine-rejects-revised-demand")),
        "{conflicts}"
    );
    let common = ok(&[
        "common-ground",
        "--pairs",
        "--format",
        "csv",
        "--data",
        &data,
    ]);
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
    let out = ok(&["conflicts", "--pairs", "--format", "csv"]);
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
    let table = ok(&["conflicts", "--pairs"]);
    assert!(table.contains("rejection"), "{table}");
}

#[test]
fn common_ground_finds_what_both_sides_agree_to() {
    let out = ok(&["common-ground", "--pairs", "--format", "csv"]);
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

/// The CSV rows of a grouped analysis as maps from column to value.
fn grouped_rows(args: &[&str]) -> Vec<std::collections::HashMap<String, String>> {
    let out = ok(args);
    let mut reader = out.lines();
    let header: Vec<String> = reader
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    out.lines()
        .skip(1)
        .map(|line| {
            // The quotes hold commas: split the CSV properly.
            let mut fields = Vec::new();
            let mut field = String::new();
            let mut quoted = false;
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        field.push('"');
                        chars.next();
                    }
                    ('"', _) => quoted = !quoted,
                    (',', false) => fields.push(std::mem::take(&mut field)),
                    _ => field.push(c),
                }
            }
            fields.push(field);
            header.iter().cloned().zip(fields).collect()
        })
        .collect()
}

#[test]
fn conflicts_are_grouped_by_parties_and_issue_with_counts_and_the_latest_quotes() {
    let rows = grouped_rows(&["conflicts", "--limit", "0", "--format", "csv"]);
    // Russia and Ukraine clash over territory: from the Alaska demand and the refusal to cede
    // to Kyiv's refusal of March 2026, reported as the talks were postponed.
    let territory = rows
        .iter()
        .find(|r| {
            r["partyALabel"] == "Russia"
                && r["partyBLabel"] == "Ukraine"
                && r["aboutLabel"] == "territory"
        })
        .expect("Russia — Ukraine over territory");
    assert!(territory["kinds"].contains("rejection"), "{territory:?}");
    let pairs: usize = territory["pairs"].parse().unwrap();
    assert!(pairs >= 2, "{territory:?}");
    assert_eq!(territory["first"], "2025-08-15", "{territory:?}");
    assert!(territory["claimB"]
        .ends_with("2026-03-05-ukraine-postpones-peace-talks-ukraine-rejection-4"));
    assert_eq!(
        territory["quoteB"],
        "something which Kyiv has refused to do"
    );
    // One row per pair of parties and issue, ranked by the claims behind it.
    let keys: std::collections::HashSet<_> = rows
        .iter()
        .map(|r| (r["partyA"].clone(), r["partyB"].clone(), r["about"].clone()))
        .collect();
    assert_eq!(keys.len(), rows.len());
    let claims: Vec<usize> = rows.iter().map(|r| r["claims"].parse().unwrap()).collect();
    assert!(claims.windows(2).all(|w| w[0] >= w[1]), "{claims:?}");
    // Far fewer rows than the pairs behind them. The pairs list every pair once, superseded
    // claims included; the groups count only the pairs of standing claims, at least one each,
    // and a pair once in each group of an issue it is about (the issues of its first claim, else
    // of its second).
    let listed = grouped_rows(&["conflicts", "--pairs", "--format", "csv"]);
    let issues: std::collections::HashMap<String, usize> = grouped_rows(&[
        "query",
        "SELECT ?c (COUNT(DISTINCT ?i) AS ?n) WHERE { ?c neg:issue ?i } GROUP BY ?c",
        "--format",
        "csv",
    ])
    .into_iter()
    .map(|r| (r["c"].clone(), r["n"].parse().unwrap()))
    .collect();
    let groups_of_pairs: usize = listed
        .iter()
        .map(|p| {
            let of = |claim: &str| issues.get(claim).copied().unwrap_or(0);
            match (of(&p["claimA"]), of(&p["claimB"])) {
                (0, 0) => 1,
                (0, b) => b,
                (a, _) => a,
            }
        })
        .sum();
    let counted: usize = rows
        .iter()
        .map(|r| r["pairs"].parse::<usize>().unwrap())
        .sum();
    assert!(
        rows.len() < listed.len() && counted >= rows.len() && counted <= groups_of_pairs,
        "{} groups counting {counted} pairs, {} pairs listed ({groups_of_pairs} by issue)",
        rows.len(),
        listed.len()
    );
}

#[test]
fn grouped_analyses_filter_page_and_look_back() {
    let all = grouped_rows(&["common-ground", "--limit", "0", "--format", "csv"]);
    assert!(all.len() > 4);
    // --actor keeps the groups the party is in.
    let ukraine = grouped_rows(&[
        "common-ground",
        "--actor",
        "ukraine",
        "--limit",
        "0",
        "--format",
        "csv",
    ]);
    assert!(!ukraine.is_empty());
    assert!(ukraine
        .iter()
        .all(|r| r["partyALabel"] == "Ukraine" || r["partyBLabel"] == "Ukraine"));
    assert!(ukraine.len() < all.len());
    // Pages: the second page of two starts where the first ends.
    let first = grouped_rows(&["common-ground", "--limit", "2", "--format", "csv"]);
    let second = grouped_rows(&[
        "common-ground",
        "--limit",
        "2",
        "--page",
        "2",
        "--format",
        "csv",
    ]);
    assert_eq!(first.len(), 2);
    assert_eq!(first[..], all[..2]);
    assert_eq!(second[..], all[2..4]);
    // As of 1 April 2025, nothing of the summer counts.
    let early = grouped_rows(&[
        "conflicts",
        "--as-of",
        "2025-04-01",
        "--limit",
        "0",
        "--format",
        "csv",
    ]);
    assert!(
        early.iter().all(|r| r["latest"].as_str() <= "2025-04-01"),
        "{early:?}"
    );
    let later = grouped_rows(&[
        "conflicts",
        "--as-of",
        "2025-09-01",
        "--limit",
        "0",
        "--format",
        "csv",
    ]);
    assert!(later.len() > early.len());
    // A window of dates.
    let window = grouped_rows(&[
        "common-ground",
        "--from",
        "2025-05-01",
        "--to",
        "2025-05-31",
        "--limit",
        "0",
        "--format",
        "csv",
    ]);
    assert!(!window.is_empty());
    assert!(window
        .iter()
        .all(|r| r["first"].as_str() >= "2025-05-01" && r["latest"].as_str() <= "2025-05-31"));
    // An issue.
    let territory = grouped_rows(&[
        "conflicts",
        "--issue",
        "territory",
        "--limit",
        "0",
        "--format",
        "csv",
    ]);
    assert!(!territory.is_empty());
    assert!(territory.iter().all(|r| r["aboutLabel"] == "territory"));
}

#[test]
fn grouped_analyses_refuse_bad_filters_with_a_message() {
    for (args, expected) in [
        (
            &["conflicts", "--actor", "atlantis"][..],
            "knows nothing of actor:atlantis",
        ),
        (
            &["common-ground", "--issue", "weather"][..],
            "knows nothing of issue:weather",
        ),
        (&["conflicts", "--as-of", "2025-13-01"][..], "--as-of"),
        (
            &[
                "common-ground",
                "--from",
                "2025-06-01",
                "--to",
                "2025-05-01",
            ][..],
            "is after --to",
        ),
        (
            &["conflicts", "--pairs", "--actor", "russia"][..],
            "cannot be used with",
        ),
        (&["conflicts", "--page", "0"][..], "--page"),
    ] {
        let out = negkg(args);
        assert_ne!(out.code, 0, "{args:?} succeeded");
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
    }
}
