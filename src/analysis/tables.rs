//! The claims as flat CSV tables, the way an analyst with a columnar engine (DuckDB, pandas, a
//! spreadsheet) takes them: one table of claims and one table per relation that a claim may
//! have several of. Written from the [`ClaimIndex`], so from whatever the store holds.
//! `scripts/sql/` answers the analyses over these tables in SQL, and the benchmark checks that
//! the answers are negkg's.

use super::fast::{kind_name, lexical as text};
use super::index::{distinct_terms, ClaimIndex, Id, Property, DEFAULT_GRAPH};
use crate::error::{Error, Result};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The tables written, with their columns. `claims` has one row per claim and source (the
/// named graph holding its `neg:holder`); a claim with several values of one of its columns
/// there is written with the least.
pub const TABLES: &[(&str, &[&str])] = &[
    (
        "claims",
        &[
            "claim",
            "source",
            "kind",
            "holder",
            "action",
            "stated_on",
            "stated_before",
            "modality",
            "label",
        ],
    ),
    ("claim_issues", &["claim", "issue"]),
    ("claim_places", &["claim", "place"]),
    ("claim_addressees", &["claim", "addressee"]),
    ("claim_events", &["claim", "event"]),
    ("supersedes", &["claim", "superseded"]),
    ("responds_to", &["claim", "answered"]),
    ("contradicts", &["claim", "contradicted"]),
    (
        "evidence",
        &["claim", "evidence", "source", "quote", "reported_by"],
    ),
    ("labels", &["resource", "label"]),
    ("affiliations", &["actor", "affiliation"]),
    ("members", &["grouping", "member"]),
];

fn cell(out: &mut impl Write, value: &str) -> std::io::Result<()> {
    if value.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", value.replace('"', "\"\""))
    } else {
        out.write_all(value.as_bytes())
    }
}

fn row(out: &mut impl Write, values: &[&str]) -> std::io::Result<()> {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        cell(out, value)?;
    }
    out.write_all(b"\n")
}

/// The least value of `property` on `subject` (as text), or "".
fn least(index: &ClaimIndex, subject: Id, property: Property) -> &str {
    index
        .values(subject, property)
        .iter()
        .map(|v| text(index.term(v.term)))
        .min()
        .unwrap_or("")
}

/// Writes the tables as CSV files (`claims.csv`, …) into `directory`, created if missing.
/// Returns the number of claim rows.
pub fn write_claim_tables(index: &ClaimIndex, directory: &Path) -> Result<usize> {
    let io = |source: std::io::Error| Error::Io {
        path: directory.to_owned(),
        source,
    };
    fs::create_dir_all(directory).map_err(io)?;
    let open = |name: &str| -> Result<BufWriter<fs::File>> {
        let path = directory.join(format!("{name}.csv"));
        let file = fs::File::create(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let mut out = BufWriter::new(file);
        let columns = TABLES
            .iter()
            .find(|(table, _)| *table == name)
            .map_or(&[][..], |(_, columns)| *columns);
        row(&mut out, columns).map_err(io)?;
        Ok(out)
    };
    let mut claims: Vec<Id> = index
        .all(Property::Holder)
        .map(|(claim, _)| claim)
        .filter(|claim| index.kinds(*claim).next().is_some())
        .collect();
    claims.sort_by(|a, b| text(index.term(*a)).cmp(text(index.term(*b))));
    let mut written = 0;
    let mut out = open("claims")?;
    for &claim in &claims {
        let mut holders: Vec<(Id, Id)> = index
            .values(claim, Property::Holder)
            .iter()
            .filter(|v| v.graph != DEFAULT_GRAPH)
            .map(|v| (v.graph, v.term))
            .collect();
        holders.sort_unstable();
        holders.dedup_by_key(|(graph, _)| *graph);
        let kind = index
            .kinds(claim)
            .map(|(_, class, _)| kind_name(index.term(class)))
            .map(|k| text(&k).to_owned())
            .min()
            .unwrap_or_default();
        let modality = index
            .values(claim, Property::Modality)
            .iter()
            .map(|v| text(&kind_name(index.term(v.term))).to_owned())
            .min()
            .unwrap_or_default();
        for (graph, holder) in holders {
            row(
                &mut out,
                &[
                    text(index.term(claim)),
                    text(index.term(graph)),
                    &kind,
                    text(index.term(holder)),
                    least(index, claim, Property::Action),
                    least(index, claim, Property::StatedOn),
                    least(index, claim, Property::StatedBefore),
                    &modality,
                    least(index, claim, Property::Label),
                ],
            )
            .map_err(io)?;
            written += 1;
        }
    }
    out.flush().map_err(io)?;
    for (name, property) in [
        ("claim_issues", Property::Issue),
        ("claim_places", Property::Place),
        ("claim_addressees", Property::Addressee),
        ("claim_events", Property::Event),
        ("supersedes", Property::Supersedes),
        ("responds_to", Property::RespondsTo),
        ("contradicts", Property::Contradicts),
    ] {
        let mut out = open(name)?;
        for &claim in &claims {
            let mut values: Vec<&str> = index
                .values(claim, property)
                .iter()
                .map(|v| text(index.term(v.term)))
                .collect();
            values.sort_unstable();
            values.dedup();
            for value in values {
                row(&mut out, &[text(index.term(claim)), value]).map_err(io)?;
            }
        }
        out.flush().map_err(io)?;
    }
    let mut out = open("evidence")?;
    for &claim in &claims {
        for e in distinct_terms(index.values(claim, Property::Evidence)) {
            row(
                &mut out,
                &[
                    text(index.term(claim)),
                    text(index.term(e)),
                    least(index, e, Property::SourceOf),
                    least(index, e, Property::Quote),
                    least(index, e, Property::ReportedBy),
                ],
            )
            .map_err(io)?;
        }
    }
    out.flush().map_err(io)?;
    // Labels of everything but claims (those are in claims.csv) and evidence.
    let mut labelled: Vec<(&str, &str)> = index
        .all(Property::Label)
        .filter(|(subject, _)| index.kinds(*subject).next().is_none())
        .flat_map(|(subject, labels)| {
            labels
                .iter()
                .map(move |l| (text(index.term(subject)), text(index.term(l.term))))
        })
        .collect();
    labelled.sort_unstable();
    labelled.dedup();
    let mut out = open("labels")?;
    for (resource, label) in labelled {
        row(&mut out, &[resource, label]).map_err(io)?;
    }
    out.flush().map_err(io)?;
    for (name, property) in [
        ("affiliations", Property::Affiliation),
        ("members", Property::Member),
    ] {
        let mut pairs: Vec<(&str, &str)> = index
            .all(property)
            .flat_map(|(subject, values)| {
                values
                    .iter()
                    .map(move |v| (text(index.term(subject)), text(index.term(v.term))))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut out = open(name)?;
        for (a, b) in pairs {
            row(&mut out, &[a, b]).map_err(io)?;
        }
        out.flush().map_err(io)?;
    }
    Ok(written)
}
