//! The state of a negotiation at a glance: the position matrix (each actor's standing position
//! on each issue, as of a date), conflicts, common ground, timelines (also as SVG) and the
//! accounts of one event side by side. Each analysis runs one of the named queries in
//! `queries/`, so any SPARQL tool gets the same answers.

mod answer;
mod fast;
mod grouped;
mod index;
mod negotiation;
mod persist;
mod slab;
mod tables;
mod terms;
mod timeline_svg;

pub use answer::Answer;
pub use index::{ClaimIndex, IndexBuilder};
pub use negotiation::{index_for, NEGOTIATION_PARAMETER};
pub use persist::{index_path, store_fingerprint, INDEX_FILE};
pub use tables::{write_claim_tables, TABLES};
pub use timeline_svg::timeline_svg;

use crate::error::{Error, Result};
use crate::model::Date;
use crate::query::{compact_term, named_query, SparqlQuery};
use crate::store::KnowledgeGraph;
use oxigraph::model::{Literal, Term};
use oxigraph::sparql::QueryResults;
use std::collections::{BTreeMap, BTreeSet};

/// The solutions of an analysis query: variable names and rows of terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Solutions {
    /// The variables, in SELECT order.
    pub variables: Vec<String>,
    /// One row per solution; `None` where a variable is unbound.
    pub rows: Vec<Vec<Option<Term>>>,
}

impl Solutions {
    /// The text of `variable` in `row` (compact IRIs, plain literals), or "".
    pub fn text(&self, row: usize, variable: &str) -> String {
        self.term(row, variable)
            .map(compact_term)
            .unwrap_or_default()
    }

    /// The term of `variable` in `row`.
    pub fn term(&self, row: usize, variable: &str) -> Option<&Term> {
        let column = self.variables.iter().position(|v| v == variable)?;
        self.rows.get(row)?.get(column)?.as_ref()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows as SPARQL query results, to be written in any results format.
    pub fn into_query_results(self) -> QueryResults<'static> {
        let variables: std::sync::Arc<[oxigraph::model::Variable]> = self
            .variables
            .iter()
            .map(|v| oxigraph::model::Variable::new_unchecked(v.as_str()))
            .collect();
        QueryResults::Solutions(oxigraph::sparql::QuerySolutionIter::from_tuples(
            variables,
            self.rows.into_iter().map(Ok),
        ))
    }

    /// Keeps `limit` rows from `offset` on (all from `offset` on when `limit` is `None`).
    pub fn page(&mut self, offset: usize, limit: Option<usize>) {
        let start = offset.min(self.rows.len());
        let end = limit.map_or(self.rows.len(), |l| {
            start.saturating_add(l).min(self.rows.len())
        });
        self.rows.truncate(end);
        self.rows.drain(..start);
    }

    /// Keeps the rows for which `keep(row index, self)` is true.
    pub fn retain(&mut self, keep: impl Fn(usize, &Self) -> bool) {
        let kept: Vec<bool> = (0..self.rows.len()).map(|row| keep(row, self)).collect();
        let mut flags = kept.into_iter();
        self.rows.retain(|_| flags.next().unwrap_or(false));
    }
}

/// Runs the named query `name` with variables fixed to values.
pub fn run_named(
    graph: &KnowledgeGraph,
    name: &str,
    bindings: &[(&str, Term)],
) -> Result<Solutions> {
    let named = named_query(name)?;
    run_select(
        graph,
        SparqlQuery::new(named.text).with_origin(format!("named query {name}")),
        bindings,
    )
}

/// The rows of a SELECT query with `bindings` set, read into [`Solutions`].
pub(crate) fn run_select(
    graph: &KnowledgeGraph,
    mut query: SparqlQuery,
    bindings: &[(&str, Term)],
) -> Result<Solutions> {
    for (variable, value) in bindings {
        query = query.bind(*variable, value.clone());
    }
    let QueryResults::Solutions(solutions) = graph.query(&query)? else {
        return Err(Error::QueryEvaluation(
            "the query gives no solutions".into(),
        ));
    };
    let variables: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| Error::QueryEvaluation(e.to_string()))?;
        rows.push(
            variables
                .iter()
                .map(|v| solution.get(v.as_str()).cloned())
                .collect(),
        );
    }
    Ok(Solutions { variables, rows })
}

/// The named queries that have a native fast path over the [`ClaimIndex`].
pub const FAST_QUERIES: &[&str] = &[
    "positions",
    "timeline-actor",
    "timeline-issue",
    "accounts-of-event",
    "claims-of-source",
    "conflicts",
    "common-ground",
];

/// Runs the named query `name` natively over `index`, with variables fixed to values: the
/// same rows as [`run_named`] on the store the index was built from, sorted by the query's
/// ORDER BY and then by every column. `None` when the query has no fast path, or when a
/// binding is one the fast path does not take (then run it with [`run_named`]). With
/// `?negotiation` bound to an IRI, `index` must be the one [`index_for`] makes for it (else
/// `None`).
pub fn run_fast(index: &ClaimIndex, name: &str, bindings: &[(&str, Term)]) -> Option<Solutions> {
    run_fast_answer(index, name, bindings, 0, None).map(|(answer, _)| answer.into_solutions())
}

/// [`run_fast`] for bindings other than `?negotiation`, without its column, for the analyses
/// other than the grouped ones.
fn run_fast_unlimited<'i>(
    index: &'i ClaimIndex,
    name: &str,
    bindings: &[(&str, Term)],
) -> Option<Answer<'i>> {
    let only = |variable: &str| -> Option<Option<&Term>> {
        match bindings {
            [] => Some(None),
            [(v, term)] if *v == variable => Some(Some(term)),
            _ => None,
        }
    };
    let made = |solutions| Answer::from_solutions(index, solutions);
    Some(match name {
        "positions" => fast::positions(index, only("asOf")?),
        "timeline-actor" => made(fast::timeline_actor(index, only("actor")?)),
        "timeline-issue" => made(fast::timeline_issue(index, only("issue")?)),
        "accounts-of-event" => made(fast::accounts_of_event(index, only("event")?)),
        "claims-of-source" => made(fast::claims_of_source(index, only("source")?)),
        // conflicts and common-ground: see `run_fast_answer`.
        _ => return None,
    })
}

/// The claim index of `graph`: built on first use, kept while the graph is unchanged, built
/// again after any load or update made through it. For an on-disk store it is read from the
/// file kept beside the store when that file matches the store, and otherwise built and
/// written there for the next command (see [`index_state`]).
pub fn claim_index(graph: &KnowledgeGraph) -> Result<std::sync::Arc<ClaimIndex>> {
    graph.derived(load_or_build)
}

/// Where the claim index of a graph stands before it is next used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexState {
    /// In memory: built on first use in each process.
    InMemory,
    /// Built or read already in this process, and the graph is unchanged since.
    Ready,
    /// Kept beside the on-disk store and matching it: it is read, not built.
    Fresh,
    /// None kept beside the on-disk store yet: the first analysis builds it.
    Missing,
    /// Kept beside the store, but the store changed since it was written: it is built anew.
    Stale,
    /// Kept beside the store, but unreadable (why): it is built anew.
    Unreadable(String),
}

/// Where the claim index of `graph` stands: whether the next analysis reads it, builds it, or
/// has it already (for a note before a long build). Reads only the index file's header.
pub fn index_state(graph: &KnowledgeGraph) -> IndexState {
    if graph.has_derived::<ClaimIndex>() {
        return IndexState::Ready;
    }
    let Some(disk) = graph.on_disk() else {
        return IndexState::InMemory;
    };
    if graph.generation() > 0 {
        return IndexState::Stale;
    }
    let accepted = accepted_stamps(disk);
    if accepted.is_empty() {
        return IndexState::Unreadable("the store's files could not be listed".into());
    }
    match persist::read_stamp(&index_path(&disk.directory)) {
        Ok(stamp) if accepted.contains(&stamp) => IndexState::Fresh,
        Ok(_) => IndexState::Stale,
        Err(persist::ReadError::Missing) => IndexState::Missing,
        Err(persist::ReadError::Io(error)) => IndexState::Unreadable(error.to_string()),
        Err(persist::ReadError::Damaged(why)) => IndexState::Unreadable(why),
    }
}

/// The stamps a kept index may carry to be used by a handle that has not written: the
/// fingerprint of the store's files when it was opened, and for a handle open for writing
/// (which holds the store's lock, so nobody else writes) also their fingerprint now, after
/// what RocksDB does on opening (replaying and dropping old logs) or compacting.
fn accepted_stamps(disk: &crate::store::OnDisk) -> Vec<u64> {
    let mut stamps: Vec<u64> = disk.fingerprint_at_open.into_iter().collect();
    if !disk.read_only {
        stamps.extend(store_fingerprint(&disk.directory).ok());
    }
    stamps
}

/// The stamp to write on an index built now from the store: for a read-only handle the
/// fingerprint at opening (it reads the store as it was then), for a writable one the
/// fingerprint now (background compaction changes the files but not the data).
fn stamp_now(disk: &crate::store::OnDisk) -> Option<u64> {
    if disk.read_only {
        disk.fingerprint_at_open
    } else {
        store_fingerprint(&disk.directory).ok()
    }
}

/// The claim index made while loading into an on-disk store (see [`KnowledgeGraph::load_large_observed`]):
/// from the quads as they stream into the store, on top of the index kept beside it when
/// there is one that matches it, so that `load` need not read the store again.
pub struct LoadIndexer {
    builder: Option<IndexBuilder>,
    failed: Option<Error>,
}

impl LoadIndexer {
    /// An indexer for a load into `graph`: it follows the load when the store is empty or has
    /// a current index; otherwise [`LoadIndexer::keep`] reads the store once the load is done.
    pub fn new(graph: &KnowledgeGraph) -> Result<Self> {
        let builder = if graph.is_empty()? {
            Some(IndexBuilder::default())
        } else if index_state(graph) == IndexState::Fresh {
            claim_index(graph)
                .ok()
                .map(|index| IndexBuilder::from_index(&index))
        } else {
            None
        };
        Ok(LoadIndexer {
            builder,
            failed: None,
        })
    }

    /// Whether the index follows the load (else it is read from the store afterwards).
    pub fn follows_load(&self) -> bool {
        self.builder.is_some()
    }

    /// Takes in one quad of the load.
    pub fn add(&mut self, quad: &oxigraph::model::Quad) {
        if let Some(builder) = &mut self.builder {
            if let Err(error) = builder.add(quad) {
                self.failed = Some(error);
                self.builder = None;
            }
        }
    }

    /// After the load (and any compaction): makes the index, keeps it for this graph and writes
    /// it beside the store, stamped with the store's fingerprint now.
    pub fn keep(self, graph: &KnowledgeGraph) -> Result<std::sync::Arc<ClaimIndex>> {
        if let Some(error) = self.failed {
            return Err(error);
        }
        let Some(builder) = self.builder else {
            return claim_index(graph);
        };
        let index = builder.finish()?;
        let origin = match graph.on_disk() {
            None => IndexOrigin::Built,
            Some(disk) => keep_beside(&index, disk),
        };
        Ok(graph.keep_derived(index.with_origin(origin)))
    }
}

/// Writes `index` beside the store in `disk`, stamped with the store's fingerprint now, and
/// says where it stands.
fn keep_beside(index: &ClaimIndex, disk: &crate::store::OnDisk) -> IndexOrigin {
    let path = index_path(&disk.directory);
    let Some(stamp) = stamp_now(disk) else {
        return IndexOrigin::BuiltNotKept(format!(
            "the files of {} could not be listed",
            disk.directory.display()
        ));
    };
    match persist::write_index(index, stamp, &path) {
        Ok(()) => IndexOrigin::BuiltAndKept,
        Err(error) => {
            IndexOrigin::BuiltNotKept(format!("could not write {}: {error}", path.display()))
        }
    }
}

fn load_or_build(graph: &KnowledgeGraph) -> Result<ClaimIndex> {
    let Some(disk) = graph.on_disk() else {
        return ClaimIndex::build(graph);
    };
    let path = index_path(&disk.directory);
    let generation = graph.generation();
    let mut unusable = None;
    if generation == 0 {
        let accepted = accepted_stamps(disk);
        match persist::read_index(&path) {
            Ok((index, stamp)) if accepted.contains(&stamp) => {
                return Ok(index.with_origin(IndexOrigin::Read));
            }
            Ok(_) | Err(persist::ReadError::Missing) => {}
            Err(persist::ReadError::Io(error)) => unusable = Some(error.to_string()),
            Err(persist::ReadError::Damaged(why)) => unusable = Some(why),
        }
    }
    let mut index = ClaimIndex::build(graph)?;
    index.unusable = unusable;
    // Kept only when nothing was written through this handle while it was built (a handle open
    // for writing holds the store's lock: nobody else writes).
    let origin = if graph.generation() == generation {
        keep_beside(&index, disk)
    } else {
        IndexOrigin::BuiltNotKept("the store changed while it was indexed".into())
    };
    Ok(index.with_origin(origin))
}

/// Where a claim index came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IndexOrigin {
    /// Built from the store, for this process only.
    #[default]
    Built,
    /// Built from the on-disk store and written beside it.
    BuiltAndKept,
    /// Built from the on-disk store, but not written beside it (why).
    BuiltNotKept(String),
    /// Read from the file beside the on-disk store.
    Read,
    /// Made from the graph's index, keeping only the claims of this negotiation (see
    /// [`index_for`]); never kept beside a store.
    Negotiation(oxigraph::model::NamedNode),
}

/// The most rows an answer of common ground is made with: its groups are pairs of parties, so
/// that they grow with the square of the parties (643 million on a million generated claims),
/// and an answer holds each of them in memory. A page is made with the rows before it too.
pub const MOST_ROWS_HELD: usize = 10_000_000;

/// Refuses an answer of `name` that, from row `offset` to `offset + limit` (to the end with
/// `None`), would be made with more than [`MOST_ROWS_HELD`] rows, before it is made: with an
/// [`Error::TooManyRows`] that says how many rows there are and how to ask for fewer. Only
/// common ground can grow so large (its count is found with a page of one row, which ranks
/// the groups without keeping them); the other analyses pass unchecked.
pub fn check_rows_held(
    index: &ClaimIndex,
    name: &str,
    bindings: &[(&str, Term)],
    offset: usize,
    limit: Option<usize>,
) -> Result<()> {
    rows_held_within(index, name, bindings, offset, limit, MOST_ROWS_HELD)
}

fn rows_held_within(
    index: &ClaimIndex,
    name: &str,
    bindings: &[(&str, Term)],
    offset: usize,
    limit: Option<usize>,
    most: usize,
) -> Result<()> {
    let held = limit.map_or(usize::MAX, |limit| offset.saturating_add(limit));
    if name != "common-ground" || held <= most {
        return Ok(());
    }
    let Some((_, rows)) = run_fast_answer(index, name, bindings, 0, Some(1)) else {
        return Ok(());
    };
    if rows.min(held) > most {
        return Err(Error::TooManyRows {
            analysis: name.to_owned(),
            rows: rows.min(held),
            most,
        });
    }
    Ok(())
}

/// Runs the named query `name` the fast way where it has a fast path, else on the engine.
pub fn run_analysis(
    graph: &KnowledgeGraph,
    name: &str,
    bindings: &[(&str, Term)],
) -> Result<Solutions> {
    if FAST_QUERIES.contains(&name) {
        let index = index_for(graph, bindings)?;
        check_rows_held(&index, name, bindings, 0, None)?;
        if let Some(solutions) = run_fast(&index, name, bindings) {
            return Ok(solutions);
        }
    }
    run_named(graph, name, bindings)
}

/// Like [`run_fast`], but only `limit` rows from `offset` on (all from there with `None`), and
/// how many rows there are in all. Common ground ranks its groups as it makes them and keeps
/// only the page, so that a page of a million-claim answer needs no memory for the rest;
/// conflicts makes its groups, then the rows of the page only.
pub fn run_fast_page(
    index: &ClaimIndex,
    name: &str,
    bindings: &[(&str, Term)],
    offset: usize,
    limit: Option<usize>,
) -> Option<(Solutions, usize)> {
    run_fast_answer(index, name, bindings, offset, limit)
        .map(|(answer, total)| (answer.into_solutions(), total))
}

/// [`run_fast_page`], the rows kept as the numbers of the index's terms: written with
/// [`Answer::write`] from the index's terms where they lie, which is what makes a large answer
/// quick to write. (Positions, conflicts and common ground make their rows as numbers; the
/// analyses with small answers make terms, which the answer keeps.)
pub fn run_fast_answer<'i>(
    index: &'i ClaimIndex,
    name: &str,
    bindings: &[(&str, Term)],
    offset: usize,
    limit: Option<usize>,
) -> Option<(Answer<'i>, usize)> {
    let (bindings, negotiation) = negotiation::split_negotiation(bindings);
    if !negotiation::index_fits(index, negotiation.as_ref()) {
        return None;
    }
    let (mut answer, total) = if name == "common-ground" || name == "conflicts" {
        let filters = grouped::Filters::from_bindings(&bindings)?;
        let page = limit.map(|limit| (offset, limit));
        let (mut answer, total) = if name == "conflicts" {
            grouped::conflicts(index, filters, page)
        } else {
            grouped::common_ground(index, filters, page)
        };
        if page.is_none() {
            answer.page(offset, None);
        }
        (answer, total)
    } else {
        let mut answer = run_fast_unlimited(index, name, &bindings)?;
        let total = answer.len();
        answer.page(offset, limit);
        (answer, total)
    };
    answer.push_column(NEGOTIATION_PARAMETER, negotiation);
    Some((answer, total))
}

fn date_term(date: Date) -> Term {
    Literal::new_typed_literal(date.to_string(), oxigraph::model::vocab::xsd::DATE).into()
}

/// Each actor's standing position on each issue — its latest claim on the issue, not
/// superseded — or, with `as_of`, the positions standing on that day: stated by then and not
/// yet superseded by then. Claims stated the same day all stand. With `negotiation` (an IRI
/// term), only the claims of that negotiation count.
pub fn positions(
    graph: &KnowledgeGraph,
    as_of: Option<Date>,
    negotiation: Option<&Term>,
) -> Result<Solutions> {
    let mut bindings: Vec<(&str, Term)> =
        as_of.map(|d| ("asOf", date_term(d))).into_iter().collect();
    bindings.extend(negotiation_binding(negotiation));
    run_analysis(graph, "positions", &bindings)
}

/// The binding of `?negotiation`, when one is given.
fn negotiation_binding(negotiation: Option<&Term>) -> Option<(&'static str, Term)> {
    negotiation.map(|n| (NEGOTIATION_PARAMETER, n.clone()))
}

/// One cell of the position matrix: a standing claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionCell {
    /// The claim (compact IRI).
    pub claim: String,
    /// Its kind, with its modality when it is not asserted: "commitment (negated)".
    pub stance: String,
    /// What it demands, offers, … ("withdrawal").
    pub action: String,
    /// When it was stated.
    pub stated_on: String,
    /// The source (compact IRI).
    pub source: String,
}

/// The position matrix: actors × issues.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PositionMatrix {
    /// Actor labels, sorted.
    pub actors: Vec<String>,
    /// Issue labels, sorted.
    pub issues: Vec<String>,
    /// (actor index, issue index) → the standing claims.
    pub cells: BTreeMap<(usize, usize), Vec<PositionCell>>,
}

/// Pivots [`positions`] into a matrix.
pub fn position_matrix(positions: &Solutions) -> PositionMatrix {
    let actors: BTreeSet<String> = (0..positions.len())
        .map(|r| positions.text(r, "actorLabel"))
        .collect();
    let issues: BTreeSet<String> = (0..positions.len())
        .map(|r| positions.text(r, "issueLabel"))
        .collect();
    let actors: Vec<String> = actors.into_iter().collect();
    let issues: Vec<String> = issues.into_iter().collect();
    let mut cells: BTreeMap<(usize, usize), Vec<PositionCell>> = BTreeMap::new();
    for row in 0..positions.len() {
        let a = actors
            .binary_search(&positions.text(row, "actorLabel"))
            .unwrap_or_default();
        let i = issues
            .binary_search(&positions.text(row, "issueLabel"))
            .unwrap_or_default();
        let modality = positions.text(row, "modality");
        let kind = positions.text(row, "kind");
        let stance = if modality.is_empty() || modality == "asserted" {
            kind
        } else {
            format!("{kind} ({modality})")
        };
        let cell = PositionCell {
            claim: positions.text(row, "claim"),
            stance,
            action: positions.text(row, "action"),
            stated_on: positions.text(row, "statedOn"),
            source: positions.text(row, "source"),
        };
        let entry = cells.entry((a, i)).or_default();
        if !entry.contains(&cell) {
            entry.push(cell);
        }
    }
    PositionMatrix {
        actors,
        issues,
        cells,
    }
}

/// What the grouped analyses ([`conflicts`], [`common_ground`]) look at. Unset fields do not
/// filter. The dates choose the claims that count (stated on or before `as_of` and `to`, on or
/// after `from`, and not superseded by `as_of`); `actor` keeps the groups it is a party of;
/// `issue` keeps the conflicts about it and the common ground in which a claim is on it;
/// `negotiation` counts only the claims of that negotiation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupFilters {
    /// One party (an IRI term).
    pub actor: Option<Term>,
    /// One issue (an IRI term).
    pub issue: Option<Term>,
    /// The day to look from.
    pub as_of: Option<Date>,
    /// The first day claims count from.
    pub from: Option<Date>,
    /// The last day claims count to.
    pub to: Option<Date>,
    /// One negotiation (an IRI term).
    pub negotiation: Option<Term>,
}

impl GroupFilters {
    /// The filters as bindings of the named query's parameters.
    pub fn bindings(&self) -> Vec<(&'static str, Term)> {
        let mut out = Vec::new();
        if let Some(actor) = &self.actor {
            out.push(("actor", actor.clone()));
        }
        if let Some(issue) = &self.issue {
            out.push(("issue", issue.clone()));
        }
        for (name, date) in [("asOf", self.as_of), ("from", self.from), ("to", self.to)] {
            if let Some(date) = date {
                out.push((name, date_term(date)));
            }
        }
        out.extend(negotiation_binding(self.negotiation.as_ref()));
        out
    }
}

/// Where the parties clash, grouped: one row per pair of parties and issue, with the number of
/// claim pairs (a claim and the rejection answering it, demands of two parties on one place
/// addressed to each other, a demand refused without an explicit link, claims marked as
/// contradicting), each party's claims, first and latest date and each party's latest standing
/// claim with a quote; the largest first. The rows of the named query `conflicts`.
pub fn conflicts(graph: &KnowledgeGraph, filters: &GroupFilters) -> Result<Solutions> {
    run_analysis(graph, "conflicts", &filters.bindings())
}

/// One page of [`conflicts`] or [`common_ground`] (`name`): `limit` groups from `offset` on
/// (all from there with `None`), and how many groups there are in all.
pub fn grouped_page(
    graph: &KnowledgeGraph,
    name: &str,
    filters: &GroupFilters,
    offset: usize,
    limit: Option<usize>,
) -> Result<(Solutions, usize)> {
    let bindings = filters.bindings();
    let index = index_for(graph, &bindings)?;
    check_rows_held(&index, name, &bindings, offset, limit)?;
    run_fast_page(&index, name, &bindings, offset, limit)
        .ok_or_else(|| Error::QueryEvaluation(format!("{name} is not one of the grouped analyses")))
}

/// The claim-by-claim pairs behind [`conflicts`] (the named query `conflict-pairs`), of one
/// negotiation when given.
pub fn conflict_pairs(graph: &KnowledgeGraph, negotiation: Option<&Term>) -> Result<Solutions> {
    let bindings: Vec<_> = negotiation_binding(negotiation).into_iter().collect();
    run_named(graph, "conflict-pairs", &bindings)
}

/// Where the parties meet, grouped: one row per pair of parties and action they both propose,
/// offer, agree or commit to (or one accepts from the other, or they agree jointly), with
/// counts, first and latest date and each party's latest standing claim with a quote; the
/// largest first. The rows of the named query `common-ground`.
pub fn common_ground(graph: &KnowledgeGraph, filters: &GroupFilters) -> Result<Solutions> {
    run_analysis(graph, "common-ground", &filters.bindings())
}

/// The claim-by-claim pairs behind [`common_ground`] (the named query `common-ground-pairs`),
/// of one negotiation when given.
pub fn common_ground_pairs(
    graph: &KnowledgeGraph,
    negotiation: Option<&Term>,
) -> Result<Solutions> {
    let bindings: Vec<_> = negotiation_binding(negotiation).into_iter().collect();
    run_named(graph, "common-ground-pairs", &bindings)
}

/// Whose or what timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineOf {
    /// One actor's claims (an IRI term).
    Actor(Term),
    /// The claims on one issue (an IRI term).
    Issue(Term),
    /// Every claim, by holder.
    Everything,
}

/// Dated positions in order, with sources; of one negotiation when given.
pub fn timeline(
    graph: &KnowledgeGraph,
    of: &TimelineOf,
    negotiation: Option<&Term>,
) -> Result<Solutions> {
    let (name, mut bindings) = match of {
        TimelineOf::Actor(actor) => ("timeline-actor", vec![("actor", actor.clone())]),
        TimelineOf::Issue(issue) => ("timeline-issue", vec![("issue", issue.clone())]),
        TimelineOf::Everything => ("timeline-actor", Vec::new()),
    };
    bindings.extend(negotiation_binding(negotiation));
    run_analysis(graph, name, &bindings)
}

/// What the accounts of one event say, side by side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accounts {
    /// Who gives each account (labels), sorted.
    pub reporters: Vec<String>,
    /// One row per topic (kind and action): per reporter, what that account says of it.
    pub topics: Vec<AccountTopic>,
    /// The rows of the named query, for CSV and JSON.
    pub solutions: Solutions,
}

/// One topic across the accounts of an event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountTopic {
    /// Kind and action: "proposal: ceasefire".
    pub topic: String,
    /// Per reporter (in [`Accounts::reporters`] order): the claims and quotes that account gives.
    pub says: Vec<Vec<String>>,
}

impl AccountTopic {
    /// The reporters (indexes) whose accounts mention this topic.
    pub fn mentioned_by(&self) -> Vec<usize> {
        (0..self.says.len())
            .filter(|i| !self.says[*i].is_empty())
            .collect()
    }
}

/// One topic of accounts side by side: its name and what each reporter says on it.
pub(crate) type Topic<T> = (String, Vec<Vec<T>>);

/// The rows of `accounts-of-event` side by side: the reporters (sorted), and per topic ("kind:
/// action", sorted) what each reporter's rows say, as `item` makes it of a row, each once.
pub(crate) fn side_by_side<T: PartialEq>(
    solutions: &Solutions,
    item: impl Fn(usize) -> T,
) -> (Vec<String>, Vec<Topic<T>>) {
    let reporters: Vec<String> = (0..solutions.len())
        .map(|r| solutions.text(r, "reporter"))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut topics: BTreeMap<String, Vec<Vec<T>>> = BTreeMap::new();
    for row in 0..solutions.len() {
        let topic = format!(
            "{}: {}",
            solutions.text(row, "kind"),
            solutions.text(row, "action")
        );
        let reporter = reporters
            .binary_search(&solutions.text(row, "reporter"))
            .unwrap_or_default();
        let says = topics
            .entry(topic)
            .or_insert_with(|| (0..reporters.len()).map(|_| Vec::new()).collect());
        let said = item(row);
        if !says[reporter].contains(&said) {
            says[reporter].push(said);
        }
    }
    (reporters, topics.into_iter().collect())
}

/// The accounts of `event` (an IRI term) side by side; with `negotiation`, only the claims of
/// that negotiation.
pub fn accounts(
    graph: &KnowledgeGraph,
    event: &Term,
    negotiation: Option<&Term>,
) -> Result<Accounts> {
    let mut bindings = vec![("event", event.clone())];
    bindings.extend(negotiation_binding(negotiation));
    let solutions = run_analysis(graph, "accounts-of-event", &bindings)?;
    let (reporters, topics) = side_by_side(&solutions, |row| {
        format!(
            "{} — “{}”",
            solutions.text(row, "label"),
            solutions.text(row, "quote")
        )
    });
    Ok(Accounts {
        reporters,
        topics: topics
            .into_iter()
            .map(|(topic, says)| AccountTopic { topic, says })
            .collect(),
        solutions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn an_answer_larger_than_is_made_at_once_is_refused_before_it_is_made() {
        let index = ClaimIndex::build(&KnowledgeGraph::bundled().unwrap()).unwrap();
        let (whole, rows) = run_fast_answer(&index, "common-ground", &[], 0, None).unwrap();
        assert_eq!(whole.len(), rows);
        assert!(rows > 3, "the bundled data has common ground");
        let within = |offset, limit, most| {
            rows_held_within(&index, "common-ground", &[], offset, limit, most)
        };
        // Whole: refused when it holds more than the most, with how many rows and the way out.
        match within(0, None, rows - 1) {
            Err(Error::TooManyRows {
                analysis,
                rows: held,
                most,
            }) => {
                assert_eq!(
                    (analysis.as_str(), held, most),
                    ("common-ground", rows, rows - 1)
                );
            }
            other => panic!("expected too many rows, got {other:?}"),
        }
        let message = within(0, None, 1).unwrap_err().to_string();
        assert!(
            message.contains("--limit") && message.contains("--actor"),
            "{message}"
        );
        assert!(within(0, None, rows).is_ok());
        // A page holds the rows before it too.
        assert!(within(0, Some(1), 1).is_ok());
        assert!(matches!(
            within(1, Some(1), 1),
            Err(Error::TooManyRows { rows: 2, .. })
        ));
        // A page past the end holds all the rows, no more.
        assert!(within(rows, Some(rows), rows).is_ok());
        // Bound to a party, the groups are that party's only.
        let actor: Term = NamedNode::new("https://w3id.org/negkg/id/actor/russia")
            .unwrap()
            .into();
        let bound = [("actor", actor)];
        let (of_one, _) = run_fast_answer(&index, "common-ground", &bound, 0, None).unwrap();
        assert!(of_one.len() < rows);
        assert!(rows_held_within(&index, "common-ground", &bound, 0, None, of_one.len()).is_ok());
        // The other analyses are not counted.
        assert!(rows_held_within(&index, "conflicts", &[], 0, None, 0).is_ok());
        assert!(rows_held_within(&index, "positions", &[], 0, None, 0).is_ok());
    }
}
