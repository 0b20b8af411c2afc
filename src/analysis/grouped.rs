//! `conflicts` and `common-ground` as answers, not cross products: one row per pair of parties
//! and issue (conflicts) or action (common ground), with counts, first and latest date and each
//! party's latest standing claim with a quote, ranked, natively over the [`ClaimIndex`]. They
//! give exactly the rows of the named queries `conflicts.rq` and `common-ground.rq`.
//!
//! Conflicts are sparse (a rejection answers one claim), so their pairs are listed one by one.
//! Common ground is not: when a hundred parties each propose a ceasefire, every two of them
//! share it, so the "same action" pairs are never listed. Each party's claims on each action
//! are summed up once (how many, first and latest date, latest claim), and a pair of parties'
//! group is made from the two summaries; only the few pairs of the other bases (an acceptance,
//! a joint agreement) are listed and merged in.

use super::answer::{Answer, Cell};
use super::fast::{
    any_graph, cmp_terms, hinted, id_ranks, lexical, pick, ranks_by, simple, stable_sort_by_id,
    Comparable, IdMap, IdPlaces, IdSet,
};
use super::index::{distinct_terms, ClaimIndex, Id, Property, Value};
use crate::vocab;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, Term};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// The parameters both grouped analyses take (unbound when `None`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Filters<'a> {
    pub(crate) actor: Option<&'a Term>,
    pub(crate) issue: Option<&'a Term>,
    pub(crate) as_of: Option<&'a Term>,
    pub(crate) from: Option<&'a Term>,
    pub(crate) to: Option<&'a Term>,
}

impl<'a> Filters<'a> {
    /// The filters from the bindings of a named query; `None` if one is not a parameter.
    pub(crate) fn from_bindings(bindings: &'a [(&str, Term)]) -> Option<Self> {
        let mut filters = Filters::default();
        for (variable, term) in bindings {
            let slot = match *variable {
                "actor" => &mut filters.actor,
                "issue" => &mut filters.issue,
                "asOf" => &mut filters.as_of,
                "from" => &mut filters.from,
                "to" => &mut filters.to,
                _ => return None,
            };
            *slot = Some(term);
        }
        Some(filters)
    }

    fn columns(&self) -> [Option<Term>; 5] {
        [self.actor, self.issue, self.as_of, self.from, self.to].map(|t| t.cloned())
    }
}

/// SPARQL's three-valued `&&`: false if any is false, else an error if any is one, else true.
fn and3(values: &[Option<bool>]) -> Option<bool> {
    if values.contains(&Some(false)) {
        Some(false)
    } else if values.contains(&None) {
        None
    } else {
        Some(true)
    }
}

/// `a <= b` as SPARQL evaluates it: `None` for an error (terms that do not compare).
fn le(a: &Term, b: &Term) -> Option<bool> {
    let order = Comparable::of(a)?.cmp(Comparable::of(b)?)?;
    Some(order.is_le())
}

/// A term's number or none, in one word: the facts of claims and of groups are kept by the
/// hundred thousand, and an `Option<Id>` takes two. No term has the number `Id::MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MaybeId(Id);

impl MaybeId {
    const NONE: MaybeId = MaybeId(Id::MAX);

    fn get(self) -> Option<Id> {
        (self.0 != Id::MAX).then_some(self.0)
    }
}

impl Default for MaybeId {
    fn default() -> Self {
        MaybeId::NONE
    }
}

impl From<Option<Id>> for MaybeId {
    fn from(id: Option<Id>) -> Self {
        id.map_or(MaybeId::NONE, MaybeId)
    }
}

/// What the analyses know of one claim under the filters: the dates it is counted with, and
/// its "date claim quote" key.
#[derive(Debug, Clone, Copy)]
struct ClaimFacts {
    key: Key,
    /// The least and greatest kept date, by value.
    first: MaybeId,
    latest: MaybeId,
}

/// The key "date claim quote" of a claim, whose greatest picks a group's claim: the kept date
/// that sorts last as a text (`None`: none, the empty text) and the claim. The quote, the one
/// that sorts last, is read only for the claims picked ([`Key::quote`]): two keys with one
/// date and one claim have one quote, so it never decides between them.
#[derive(Debug, Clone, Copy)]
struct Key {
    date: MaybeId,
    claim: Id,
}

impl Key {
    fn quote(&self, index: &ClaimIndex) -> Option<Id> {
        last_text(
            index,
            any_graph(index, self.claim, Property::Evidence)
                .flat_map(|e| any_graph(index, e, Property::Quote)),
        )
    }
}

/// A term as `STR` gives it, the empty text for none.
fn text(index: &ClaimIndex, id: Option<Id>) -> Cow<'_, str> {
    match id.map(|id| index.term(id)) {
        None => Cow::Borrowed(""),
        Some(Term::Literal(l)) => Cow::Borrowed(l.value()),
        Some(Term::NamedNode(n)) => Cow::Borrowed(n.as_str()),
        Some(other) => Cow::Owned(other.to_string()),
    }
}

/// The terms of `values`, each once (a value stated in several graphs is listed once per
/// graph): a short list (the usual one or two values) checked against itself without a list
/// made, a long one sorted.
fn first_of_each(values: &[Value]) -> impl Iterator<Item = Id> + '_ {
    const SHORT: usize = 8;
    let long = (values.len() > SHORT).then(|| distinct_terms(values));
    let short = if long.is_some() { &[] } else { values };
    short
        .iter()
        .enumerate()
        .filter(move |&(i, v)| !short[..i].iter().any(|w| w.term == v.term))
        .map(|(_, v)| v.term)
        .chain(long.into_iter().flatten())
}

/// The one of `ids` whose text sorts last.
fn last_text(index: &ClaimIndex, ids: impl Iterator<Item = Id>) -> Option<Id> {
    ids.max_by(|a, b| text(index, Some(*a)).cmp(&text(index, Some(*b))))
}

/// The claims' facts, computed once each.
struct Facts<'a> {
    index: &'a ClaimIndex,
    filters: Filters<'a>,
    end_of_time: Term,
    start_of_time: Term,
    known: IdMap<Option<ClaimFacts>>,
    /// Whether a date is in the window, decided once per date.
    window: FxHashMap<Id, bool>,
}

impl<'a> Facts<'a> {
    fn new(index: &'a ClaimIndex, filters: Filters<'a>) -> Self {
        Facts {
            index,
            filters,
            end_of_time: Literal::new_typed_literal("9999-12-31", xsd::DATE).into(),
            start_of_time: Literal::new_typed_literal("0001-01-01", xsd::DATE).into(),
            known: IdMap::default(),
            window: FxHashMap::default(),
        }
    }

    fn no_window(&self) -> bool {
        self.filters.as_of.is_none() && self.filters.to.is_none() && self.filters.from.is_none()
    }

    /// `NOT EXISTS { ?x neg:supersedes ?c … }` as of the as-of date.
    fn superseded(&mut self, claim: Id) -> bool {
        let index = self.index;
        let later = index.subjects(claim, Property::Supersedes);
        if later.is_empty() {
            return false;
        }
        let Some(as_of) = self.filters.as_of else {
            return true;
        };
        later.iter().any(|x| {
            any_graph(index, x.term, Property::StatedOn)
                .any(|on| le(index.term(on), as_of) == Some(true))
        })
    }

    /// Whether the window keeps a claim stated on `date`.
    fn in_window(&mut self, date: Id) -> bool {
        if let Some(&kept) = self.window.get(&date) {
            return kept;
        }
        let term = self.index.term(date);
        let f = &self.filters;
        let checks = [
            le(term, f.as_of.unwrap_or(&self.end_of_time)),
            le(term, f.to.unwrap_or(&self.end_of_time)),
            le(f.from.unwrap_or(&self.start_of_time), term),
        ];
        let kept = and3(&checks).unwrap_or_else(|| self.no_window());
        self.window.insert(date, kept);
        kept
    }

    /// The facts of a standing claim, `None` if the filters leave it out.
    fn of(&mut self, claim: Id) -> Option<&ClaimFacts> {
        if self.known.get(claim).is_none() {
            let facts = self.compute(claim);
            self.known.insert(claim, facts);
        }
        self.known.get(claim).and_then(Option::as_ref)
    }

    fn compute(&mut self, claim: Id) -> Option<ClaimFacts> {
        let index = self.index;
        if self.superseded(claim) {
            return None;
        }
        let stated = index.values(claim, Property::StatedOn);
        let (mut kept, mut first, mut latest, mut date) = (0, None, None, None);
        for on in stated.iter().map(|v| v.term) {
            if !self.in_window(on) {
                continue;
            }
            kept += 1;
            // The first least and the last greatest, as `min_by` and `max_by` give them.
            first = pick(index, first, Some(on), Ordering::Less);
            latest = match latest {
                Some(l) if cmp_terms(Some(index.term(on)), Some(index.term(l))).is_lt() => Some(l),
                _ => Some(on),
            };
            date = last_text(index, date.into_iter().chain([on]));
        }
        if kept == 0 && !(stated.is_empty() && self.no_window()) {
            return None;
        }
        Some(ClaimFacts {
            first: first.into(),
            latest: latest.into(),
            key: Key {
                date: date.into(),
                claim,
            },
        })
    }
}

/// One side of a group: how many claims, the least and greatest date, the greatest key.
#[derive(Debug, Clone, Default)]
struct Summary {
    claims: usize,
    first: MaybeId,
    latest: MaybeId,
    key: Option<Key>,
}

impl Summary {
    fn add(&mut self, index: &ClaimIndex, facts: &ClaimFacts) {
        self.claims += 1;
        self.merge_dates(index, facts.first.get(), facts.latest.get());
        if self
            .key
            .as_ref()
            .is_none_or(|k| key_cmp(index, &facts.key, k).is_gt())
        {
            self.key = Some(facts.key);
        }
    }

    fn merge_dates(&mut self, index: &ClaimIndex, first: Option<Id>, latest: Option<Id>) {
        self.first = pick(index, self.first.get(), first, Ordering::Less).into();
        self.latest = pick(index, self.latest.get(), latest, Ordering::Greater).into();
    }

    /// The least date of two sides (a group's first).
    fn first_of(index: &ClaimIndex, a: &Summary, b: &Summary) -> Option<Id> {
        pick(index, a.first.get(), b.first.get(), Ordering::Less)
    }

    /// The greatest date of two sides (a group's latest).
    fn latest_of(index: &ClaimIndex, a: &Summary, b: &Summary) -> Option<Id> {
        pick(index, a.latest.get(), b.latest.get(), Ordering::Greater)
    }
}

/// Keys compare as the texts "date claim quote" do (see [`Key`] for the quote).
fn key_cmp(index: &ClaimIndex, a: &Key, b: &Key) -> Ordering {
    // One date (most claims share theirs with many others) is one text, not read twice.
    let dates = if a.date == b.date {
        Ordering::Equal
    } else {
        text(index, a.date.get()).cmp(&text(index, b.date.get()))
    };
    dates.then_with(|| text(index, Some(a.claim)).cmp(&text(index, Some(b.claim))))
}

/// One group before its rows are written: its key and its aggregates.
#[derive(Debug, Clone)]
struct Group {
    party_a: Id,
    party_b: Id,
    /// The action (common ground) or the issue (conflicts; `None`: no issue).
    about: Option<Id>,
    bases: BTreeSet<&'static str>,
    pairs: u64,
    a: Summary,
    b: Summary,
}

/// One combination of labels of a group: party A's, party B's, the action's or issue's.
type Labels = (Id, Id, Option<Id>);

/// The labels of a group's issue or action, one row each: none (one row) for no issue, and,
/// when `optional`, for one without a label.
fn about_labels(index: &ClaimIndex, about: Option<Id>, optional: bool) -> Vec<Option<Id>> {
    let Some(about) = about else {
        return vec![None];
    };
    let found: Vec<Option<Id>> = any_graph(index, about, Property::Label).map(Some).collect();
    if found.is_empty() && optional {
        vec![None]
    } else {
        found
    }
}

/// The order of the grouped answers' first keys, for a row with `claims` claims, its latest
/// date and its labels: DESC(?claims) DESC(?latest) ?partyALabel ?partyBLabel ?aboutLabel.
fn first_keys_order(
    index: &ClaimIndex,
    x: (usize, Option<Id>, &Labels),
    y: (usize, Option<Id>, &Labels),
) -> Ordering {
    let term = |id: Option<Id>| id.map(|i| index.term(i));
    y.0.cmp(&x.0)
        .then_with(|| cmp_terms(term(y.1), term(x.1)))
        .then_with(|| cmp_terms(term(Some(x.2 .0)), term(Some(y.2 .0))))
        .then_with(|| cmp_terms(term(Some(x.2 .1)), term(Some(y.2 .1))))
        .then_with(|| cmp_terms(term(x.2 .2), term(y.2 .2)))
}

/// Writes the groups as rows, each in every combination of its labels or in the one given.
fn rows_of<'i>(
    index: &'i ClaimIndex,
    groups: impl IntoIterator<Item = (Group, Option<Labels>)>,
    filters: &Filters<'_>,
    about_label_optional: bool,
    kinds_variable: &str,
    about_variables: [&str; 2],
) -> Answer<'i> {
    let variables = [
        "partyA",
        "partyALabel",
        "partyB",
        "partyBLabel",
        about_variables[0],
        about_variables[1],
        kinds_variable,
        "pairs",
        "claimsA",
        "claimsB",
        "claims",
        "first",
        "latest",
        "claimA",
        "quoteA",
        "claimB",
        "quoteB",
        "actor",
        "issue",
        "asOf",
        "from",
        "to",
    ];
    let mut answer = Answer::new(index, &variables);
    // The rows as the numbers of their terms; the terms made here (counts, the bases' lists,
    // the filters' values) are made once each.
    let mut integers: FxHashMap<u64, Cell> = FxHashMap::default();
    let mut integer = |answer: &mut Answer<'_>, n: u64| {
        *integers.entry(n).or_insert_with(|| {
            answer.make(Literal::new_typed_literal(n.to_string(), xsd::INTEGER).into())
        })
    };
    let mut listed: FxHashMap<BTreeSet<&'static str>, Cell> = FxHashMap::default();
    let filter_cells = filters
        .columns()
        .map(|t| t.map_or(Cell::UNBOUND, |t| answer.make(t)));
    let labels = |id: Id| -> Vec<Id> { any_graph(index, id, Property::Label).collect() };
    // The quotes of the groups' claims, read in the order of the claims' ids: the index is
    // read where it lies in order, not scattered over it group by group. A quote that is a
    // plain literal is the index's own term; another is made plain.
    let groups: Vec<(Group, Option<Labels>)> = groups.into_iter().collect();
    // A row a group at least (more where a party has two labels).
    answer.reserve(groups.len());
    let mut picked: Vec<Key> = groups
        .iter()
        .flat_map(|(g, _)| [g.a.key, g.b.key])
        .flatten()
        .collect();
    picked.sort_unstable_by_key(|k| k.claim);
    picked.dedup_by_key(|k| k.claim);
    let mut quotes: FxHashMap<Id, Cell> = FxHashMap::default();
    for key in &picked {
        let quote = key.quote(index);
        let cell = match quote.map(|q| (q, index.term(q))) {
            Some((q, Term::Literal(l)))
                if l.datatype() == xsd::STRING && l.language().is_none() =>
            {
                answer.id(q)
            }
            _ => answer.make(simple(&text(index, quote))),
        };
        quotes.insert(key.claim, cell);
    }
    let claim_and_quote = |answer: &mut Answer<'_>, key: &Option<Key>| -> (Cell, Cell) {
        match key {
            Some(key) => {
                // IRI(STRBEFORE(STRAFTER(key, " "), " ")) and STRAFTER(STRAFTER(key, " "), " ").
                let claim = match index.term(key.claim) {
                    Term::NamedNode(_) => answer.id(key.claim),
                    other => match NamedNode::new(lexical(other)) {
                        Ok(iri) => answer.make(iri.into()),
                        Err(_) => Cell::UNBOUND,
                    },
                };
                (
                    claim,
                    quotes.get(&key.claim).copied().unwrap_or(Cell::UNBOUND),
                )
            }
            None => (Cell::UNBOUND, Cell::UNBOUND),
        }
    };
    for (group, only) in groups {
        let about_labels = about_labels(index, group.about, about_label_optional);
        let (claim_a, quote_a) = claim_and_quote(&mut answer, &group.a.key);
        let (claim_b, quote_b) = claim_and_quote(&mut answer, &group.b.key);
        // The bases' list, made once for each set of bases.
        let bases = match listed.get(&group.bases) {
            Some(&cell) => cell,
            None => {
                let text = group.bases.iter().copied().collect::<Vec<_>>().join(", ");
                let cell = answer.make(simple(&text));
                listed.insert(group.bases.clone(), cell);
                cell
            }
        };
        let pairs = integer(&mut answer, group.pairs);
        let claims_a = integer(&mut answer, group.a.claims as u64);
        let claims_b = integer(&mut answer, group.b.claims as u64);
        let claims = integer(&mut answer, (group.a.claims + group.b.claims) as u64);
        let first = Summary::first_of(index, &group.a, &group.b);
        let latest = Summary::latest_of(index, &group.a, &group.b);
        for label_a in labels(group.party_a) {
            for label_b in labels(group.party_b) {
                for about_label in &about_labels {
                    if only.is_some_and(|o| o != (label_a, label_b, *about_label)) {
                        continue;
                    }
                    let row = [
                        answer.id(group.party_a),
                        answer.id(label_a),
                        answer.id(group.party_b),
                        answer.id(label_b),
                        answer.maybe(group.about),
                        answer.maybe(*about_label),
                        bases,
                        pairs,
                        claims_a,
                        claims_b,
                        claims,
                        answer.maybe(first),
                        answer.maybe(latest),
                        claim_a,
                        quote_a,
                        claim_b,
                        quote_b,
                    ];
                    answer.push(row.into_iter().chain(filter_cells));
                }
            }
        }
    }
    // ORDER BY DESC(?claims) DESC(?latest) ?partyALabel ?partyBLabel ?aboutLabel, then every
    // column.
    answer.sort_by(&[(10, true), (12, true), (1, false), (3, false), (5, false)]);
    answer
}

/// What tells whether two parties are on one side, read once per party: its affiliations, its
/// members, and its members' affiliations.
#[derive(Debug, Default)]
struct Ties {
    affiliations: Vec<Id>,
    members: Vec<Id>,
    members_affiliations: Vec<Id>,
}

impl Ties {
    fn of(index: &ClaimIndex, party: Id) -> Self {
        let members: Vec<Id> = any_graph(index, party, Property::Member).collect();
        Ties {
            affiliations: any_graph(index, party, Property::Affiliation).collect(),
            members_affiliations: members
                .iter()
                .flat_map(|m| any_graph(index, *m, Property::Affiliation))
                .collect(),
            members,
        }
    }

    /// Whether the parties `a` and `b`, with these ties, are on one side: affiliated, sharing
    /// an affiliation, one a member of the other, or a member of one affiliated to the other.
    fn same_side(a: Id, ties_a: &Ties, b: Id, ties_b: &Ties) -> bool {
        ties_a.affiliations.contains(&b)
            || ties_b.affiliations.contains(&a)
            || ties_a
                .affiliations
                .iter()
                .any(|x| ties_b.affiliations.contains(x))
            || ties_a.members.contains(&b)
            || ties_b.members.contains(&a)
            || ties_a.members_affiliations.contains(&b)
            || ties_b.members_affiliations.contains(&a)
    }
}

fn class(index: &ClaimIndex, local: &str) -> Option<Id> {
    index.id(&NamedNode::new_unchecked(format!("{}{local}", vocab::NEG)).into())
}

fn has_type(index: &ClaimIndex, claim: Id, class: Option<Id>) -> bool {
    class.is_some_and(|c| any_graph(index, claim, Property::Type).any(|t| t == c))
}

fn has_value(index: &ClaimIndex, subject: Id, property: Property, value: Id) -> bool {
    any_graph(index, subject, property).any(|v| v == value)
}

fn is_claim(index: &ClaimIndex, claim: Id) -> bool {
    index.kinds(claim).next().is_some()
}

fn iri_order(index: &ClaimIndex, a: Id, b: Id) -> Ordering {
    lexical(index.term(a)).cmp(lexical(index.term(b)))
}

/// Every pair (x, y) of a value x of `left` and a value y of `right` under one key, found by
/// sorting both lists and reading them side by side: memory read in order, where a map looked
/// up claim by claim reads it scattered, a cost that grows faster than the claims once the map
/// outgrows the processor's cache.
fn join_sorted<K: Ord + Copy>(
    left: &mut [(K, Id)],
    right: &mut [(K, Id)],
    mut pair: impl FnMut(Id, Id),
) {
    left.sort_unstable();
    right.sort_unstable();
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        match left[i].0.cmp(&right[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                let key = left[i].0;
                let left_end = i + left[i..].iter().take_while(|e| e.0 == key).count();
                let right_end = j + right[j..].iter().take_while(|e| e.0 == key).count();
                for &(_, x) in &left[i..left_end] {
                    for &(_, y) in &right[j..right_end] {
                        pair(x, y);
                    }
                }
                (i, j) = (left_end, right_end);
            }
        }
    }
}

/// Sorts `list[start..]` and keeps each of its values once.
fn distinct_tail<T: Ord + Copy>(list: &mut Vec<T>, start: usize) {
    list[start..].sort_unstable();
    let mut kept = start;
    for read in start..list.len() {
        if kept == start || list[read] != list[kept - 1] {
            list[kept] = list[read];
            kept += 1;
        }
    }
    list.truncate(kept);
}

/// What the grouping of conflicts reads of each claim of its pairs, read once per claim in the
/// order of the claims' ids: a row per claim, its holders and issues in two shared lists.
struct ClaimTable {
    rows: Vec<ClaimRow>,
    /// Each claim's holders, each once, with the holder's rank in the order of the holders'
    /// IRIs (equal IRIs, equal ranks), which orders the two parties of a pair.
    holders: Vec<(Id, u32)>,
    /// Each claim's issues, each once, in the order of their ids.
    issues: Vec<Id>,
}

/// One claim of a [`ClaimTable`].
struct ClaimRow {
    /// Whether it is a claim (of a kind that is a subclass of neg:Claim).
    claim: bool,
    /// Its facts; `None` if the filters leave it out.
    facts: Option<ClaimFacts>,
    /// Its holders and issues: `holders[start..end]`, `issues[start..end]`.
    holders: (u32, u32),
    issues: (u32, u32),
}

impl ClaimTable {
    /// The rows of `claims` (sorted, each once).
    fn new(
        index: &ClaimIndex,
        claims: &[Id],
        facts: &mut Facts<'_>,
        is_claim: impl Fn(Id) -> bool,
    ) -> Self {
        let mut table = ClaimTable {
            rows: Vec::with_capacity(claims.len()),
            holders: Vec::new(),
            issues: Vec::new(),
        };
        for &claim in claims {
            let (h, i) = (table.holders.len(), table.issues.len());
            table
                .holders
                .extend(any_graph(index, claim, Property::Holder).map(|h| (h, 0)));
            distinct_tail(&mut table.holders, h);
            table
                .issues
                .extend(any_graph(index, claim, Property::Issue));
            distinct_tail(&mut table.issues, i);
            let (h, i) = (h as u32, i as u32);
            table.rows.push(ClaimRow {
                claim: is_claim(claim),
                facts: facts.of(claim).copied(),
                holders: (h, table.holders.len() as u32),
                issues: (i, table.issues.len() as u32),
            });
        }
        // The holders' ranks: each distinct holder's IRI compared once, not at every pair.
        let ranks = ranks_by(
            table.holders.iter().map(|&(h, _)| h),
            |id| lexical(index.term(id)),
            |a, b| a.cmp(b),
        );
        for (holder, rank) in &mut table.holders {
            *rank = ranks[holder];
        }
        table
    }

    /// Hints that the holders and issues of `row` are read soon.
    fn prefetch(&self, row: &ClaimRow) {
        if let Some(holder) = self.holders.get(row.holders.0 as usize) {
            super::terms::prefetch_line(holder);
        }
        if let Some(issue) = self.issues.get(row.issues.0 as usize) {
            super::terms::prefetch_line(issue);
        }
    }

    fn holders(&self, row: &ClaimRow) -> &[(Id, u32)] {
        &self.holders[row.holders.0 as usize..row.holders.1 as usize]
    }

    fn issues(&self, row: &ClaimRow) -> &[Id] {
        &self.issues[row.issues.0 as usize..row.issues.1 as usize]
    }
}

/// Collects the listed pairs, each with its parties in order, then makes their groups by
/// sorting them, not through a map of sets per group.
struct PairSink<'f, 'a> {
    facts: &'f mut Facts<'a>,
    /// The `--actor` filter: `None` for none, `Some(None)` for an actor the index lacks.
    actor: Option<Option<Id>>,
    pairs: Vec<ListedPair>,
}

/// One listed pair in its group: (party A, party B, about), then the claims and the basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct ListedPair {
    party_a: Id,
    party_b: Id,
    about: Option<Id>,
    claim_a: Id,
    claim_b: Id,
    basis: &'static str,
}

impl<'f, 'a> PairSink<'f, 'a> {
    fn new(facts: &'f mut Facts<'a>) -> Self {
        let actor = facts.filters.actor.map(|a| facts.index.id(a));
        PairSink {
            facts,
            actor,
            pairs: Vec::new(),
        }
    }

    /// A pair whose claims' facts are known to be kept, its parties in order (party A,
    /// party B, claim of A, claim of B): the `--actor` filter, then the group.
    fn push(&mut self, basis: &'static str, pair: (Id, Id, Id, Id), about: Option<Id>) {
        let (party_a, party_b, claim_a, claim_b) = pair;
        if let Some(actor) = self.actor {
            if actor != Some(party_a) && actor != Some(party_b) {
                return;
            }
        }
        self.pairs.push(ListedPair {
            party_a,
            party_b,
            about,
            claim_a,
            claim_b,
            basis,
        });
    }

    fn into_groups(mut self) -> Vec<Group> {
        let facts = self.facts;
        let index = facts.index;
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut out = Vec::new();
        let (mut claims_a, mut claims_b) = (Vec::new(), Vec::new());
        for run in self
            .pairs
            .chunk_by(|x, y| (x.party_a, x.party_b, x.about) == (y.party_a, y.party_b, y.about))
        {
            let bases: BTreeSet<&'static str> = run.iter().map(|p| p.basis).collect();
            let mut pairs: Vec<(Id, Id)> = run.iter().map(|p| (p.claim_a, p.claim_b)).collect();
            pairs.dedup();
            claims_a.clear();
            claims_a.extend(run.iter().map(|p| p.claim_a));
            claims_a.dedup();
            claims_b.clear();
            claims_b.extend(run.iter().map(|p| p.claim_b));
            claims_b.sort_unstable();
            claims_b.dedup();
            let mut summary = |claims: &[Id]| {
                let mut side = Summary::default();
                for claim in claims {
                    if let Some(f) = facts.of(*claim) {
                        let f = *f;
                        side.add(index, &f);
                    }
                }
                side
            };
            let (a, b) = (summary(&claims_a), summary(&claims_b));
            let first = run[0];
            out.push(Group {
                party_a: first.party_a,
                party_b: first.party_b,
                about: first.about,
                bases,
                pairs: pairs.len() as u64,
                a,
                b,
            });
        }
        out
    }
}

/// The listed pairs of one group of common ground: bases, how many pairs (outside the
/// same-action pairs), the claims of each side.
#[derive(Default)]
struct Listed {
    /// The bases, as bits of [`BASES`].
    bases: u8,
    pairs: usize,
    a: Vec<ListedClaim>,
    b: Vec<ListedClaim>,
}

/// A claim of one side of a [`Listed`] group, with what summing the side up asks of it, read
/// when the pair was kept (so that the sums read a list, not the claims where they lie).
#[derive(Debug, Clone, Copy)]
struct ListedClaim {
    claim: Id,
    facts: ClaimFacts,
    /// Whether it is among the same-action claims of its party and action (always false when
    /// its group has no same-action pairs).
    member: bool,
    /// Whether it is on the `--issue` (true without one).
    on_issue: bool,
}

/// A listed pair of common ground before it is kept: its basis, parties and action, and its
/// two claims as the kept pairs ask for them.
#[derive(Debug, Clone, Copy)]
struct ListedBasis {
    basis: &'static str,
    ha: Id,
    hb: Id,
    action: Id,
    a: ListedClaim,
    b: ListedClaim,
}

/// The `conflicts` named query; with `page` (offset, limit) only those rows of the ranked
/// answer, and with it how many rows there are in all.
pub(crate) fn conflicts<'i>(
    index: &'i ClaimIndex,
    filters: Filters<'_>,
    page: Option<(usize, usize)>,
) -> (Answer<'i>, usize) {
    let mut facts = Facts::new(index, filters);
    let mut sink = PairSink::new(&mut facts);
    let (demand, rejection) = (class(index, "Demand"), class(index, "Rejection"));
    // Bound to one party (by its id; an id the index does not hold keeps nothing), only the
    // pairs with a claim of its are listed, found from its claims: the same pairs the whole
    // listing below gives that the party filter keeps, without reading every claim.
    let focus = sink.actor;
    let (mut listed, is_demand, rejections) = if let Some(actor) = focus {
        let listed = actor.map_or_else(Vec::new, |actor| {
            listed_for_party(index, actor, demand, rejection)
        });
        (listed, IdSet::default(), IdSet::default())
    } else {
        let mut listed: Vec<(&'static str, Id, Id)> = Vec::new();
        // ?claimB a neg:Rejection ; neg:respondsTo ?claimA
        for (claim_b, answered) in index.all(Property::RespondsTo) {
            if has_type(index, claim_b, rejection) {
                for a in answered {
                    listed.push(("rejection", a.term, claim_b));
                }
            }
        }
        // Demands of two parties on one place that address each other.
        let demands: Vec<Id> = demand
            .map(|d| distinct_terms(index.subjects(d, Property::Type)))
            .unwrap_or_default();
        let is_demand = IdSet::of(&demands);
        // In the order of their ids, as every list below: the index is read in the order it lies
        // on disk, not scattered over it.
        let rejections: Vec<Id> = rejection
            .map(|r| distinct_terms(index.subjects(r, Property::Type)))
            .unwrap_or_default();
        // One reading of the demands makes three lists. A pair that addresses each other
        // shares a place where one's addressee holds the other, so only those are tried
        // (trying every demand on the place grows with the square of the claims): the demands
        // by (place, holder) and by (place, addressee), each sorted and read beside the other.
        // A demand refused without an explicit link: the rejections of the demand's action by
        // a party the demand addresses that share a place or an issue with it, found by
        // (action, party, place or issue), so that the work follows the answers, not the
        // square of the claims on an action.
        const PLACE: u8 = 0;
        const ISSUE: u8 = 1;
        let mut held: Vec<((Id, Id), Id)> = Vec::new();
        let mut addressing: Vec<((Id, Id), Id)> = Vec::new();
        let mut refusable: Vec<((Id, Id, u8, Id), Id)> = Vec::new();
        const DEMAND_READS: [Property; 5] = [
            Property::Place,
            Property::Holder,
            Property::Addressee,
            Property::Action,
            Property::Issue,
        ];
        let hint = |&claim: &Id, step| index.prefetch_rows(claim, &DEMAND_READS, step);
        hinted(&demands, 2, hint, |&claim| {
            for place in any_graph(index, claim, Property::Place) {
                held.extend(any_graph(index, claim, Property::Holder).map(|h| ((place, h), claim)));
                addressing.extend(
                    any_graph(index, claim, Property::Addressee).map(|a| ((place, a), claim)),
                );
            }
            for action in any_graph(index, claim, Property::Action) {
                for addressee in any_graph(index, claim, Property::Addressee) {
                    for (tag, property) in [(PLACE, Property::Place), (ISSUE, Property::Issue)] {
                        refusable.extend(
                            any_graph(index, claim, property)
                                .map(|value| ((action, addressee, tag, value), claim)),
                        );
                    }
                }
            }
        });
        let mut candidates: Vec<(Id, Id)> = Vec::new();
        join_sorted(&mut addressing, &mut held, |x, y| {
            if x != y {
                candidates.push((x.min(y), x.max(y)));
            }
        });
        candidates.sort_unstable();
        candidates.dedup();
        let holds = |c: Id| any_graph(index, c, Property::Holder);
        // Each pair's terms (to order it by IRI) and rows lie scattered over the index.
        let hint = |&(x, y): &(Id, Id), step| {
            index.prefetch_terms(&[x, y], step);
            for claim in [x, y].into_iter().filter(|_| step < 2) {
                index.prefetch_rows(claim, &[Property::Holder, Property::Addressee], step);
            }
        };
        hinted(&candidates, 3, hint, |&(x, y)| {
            let (claim_a, claim_b) = match iri_order(index, x, y) {
                Ordering::Less => (x, y),
                Ordering::Greater => (y, x),
                Ordering::Equal => return,
            };
            let addressed = holds(claim_a).any(|ha1| {
                holds(claim_b).any(|hb1| {
                    ha1 != hb1
                        && (has_value(index, claim_a, Property::Addressee, hb1)
                            || has_value(index, claim_b, Property::Addressee, ha1))
                })
            });
            if addressed {
                listed.push(("opposing demands on one place", claim_a, claim_b));
            }
        });
        // The rejections by (action, party, place or issue), to meet the demands' lists above.
        let mut rejecting: Vec<((Id, Id, u8, Id), Id)> = Vec::new();
        const REJECTION_READS: [Property; 4] = [
            Property::Action,
            Property::Holder,
            Property::Place,
            Property::Issue,
        ];
        let hint = |&claim: &Id, step| index.prefetch_rows(claim, &REJECTION_READS, step);
        hinted(&rejections, 2, hint, |&claim_b| {
            for action in any_graph(index, claim_b, Property::Action) {
                for holder in any_graph(index, claim_b, Property::Holder) {
                    for (tag, property) in [(PLACE, Property::Place), (ISSUE, Property::Issue)] {
                        rejecting.extend(
                            any_graph(index, claim_b, property)
                                .map(|value| ((action, holder, tag, value), claim_b)),
                        );
                    }
                }
            }
        });
        let mut refused: Vec<(Id, Id)> = Vec::new();
        join_sorted(&mut refusable, &mut rejecting, |a, b| refused.push((a, b)));
        refused.sort_unstable();
        refused.dedup();
        listed.extend(
            refused
                .into_iter()
                .filter(|&(a, b)| !has_value(index, b, Property::RespondsTo, a))
                .map(|(a, b)| ("demand refused", a, b)),
        );
        // ?claimA neg:contradicts ?claimB
        for (claim_a, contradicted) in index.all(Property::Contradicts) {
            for b in contradicted {
                listed.push(("contradiction", claim_a, b.term));
            }
        }
        (listed, is_demand, IdSet::of(&rejections))
    };
    listed.sort_unstable_by_key(|&(basis, a, b)| (a, b, basis));
    // What the grouping reads of each claim, read once, in the order of the claims' ids (see
    // `rows_of`); the pairs then find it by the claim's place in that order.
    let mut involved: Vec<Id> = listed.iter().flat_map(|&(_, a, b)| [a, b]).collect();
    involved.sort_unstable();
    involved.dedup();
    // A demand or a rejection is a claim when its class is one (read once, not per claim).
    let claim_class = |class: Option<Id>| class.is_some_and(|c| index.claim_class_count(c) > 0);
    let (demands_are_claims, rejections_are_claims) = (claim_class(demand), claim_class(rejection));
    let is_a_claim = |claim: Id| {
        let (is_a_demand, is_a_rejection) = if focus.is_some() {
            (
                has_type(index, claim, demand),
                has_type(index, claim, rejection),
            )
        } else {
            (is_demand.contains(claim), rejections.contains(claim))
        };
        (demands_are_claims && is_a_demand)
            || (rejections_are_claims && is_a_rejection)
            || is_claim(index, claim)
    };
    let table = ClaimTable::new(index, &involved, sink.facts, is_a_claim);
    let issue = filters.issue.map(|i| index.id(i));
    let mut about: Vec<Option<Id>> = Vec::new();
    let places = IdPlaces::of(&involved);
    let row = |claim: Id| places.place(claim).and_then(|at| table.rows.get(at));
    // The pairs come in the order of their first claims: the second claims' rows, and the
    // holders and issues they point to, lie scattered over the table.
    let hint = |&(_, claim_a, claim_b): &(&str, Id, Id), step| {
        for row in [claim_a, claim_b].into_iter().filter_map(row) {
            if step == 0 {
                super::terms::prefetch_line(row);
            } else {
                table.prefetch(row);
            }
        }
    };
    hinted(&listed, 2, hint, |&(basis, claim_a, claim_b)| {
        let (Some(a), Some(b)) = (row(claim_a), row(claim_b)) else {
            return;
        };
        if !a.claim || !b.claim || a.facts.is_none() || b.facts.is_none() {
            return;
        }
        // What the pair is about: the issues of its first claim, else of its second.
        about.clear();
        about.extend(table.issues(a).iter().map(|&i| Some(i)));
        if about.is_empty() {
            about.extend(table.issues(b).iter().map(|&i| Some(i)));
        }
        if about.is_empty() {
            about.push(None);
        }
        for &(ha, rank_a) in table.holders(a) {
            for &(hb, rank_b) in table.holders(b) {
                for &on in &about {
                    if let Some(wanted) = issue {
                        if wanted.is_none() || on != wanted {
                            continue;
                        }
                    }
                    let pair = if rank_a <= rank_b {
                        (ha, hb, claim_a, claim_b)
                    } else {
                        (hb, ha, claim_b, claim_a)
                    };
                    sink.push(basis, pair, on);
                }
            }
        }
    });
    let groups = sink.into_groups();
    let Some((offset, limit)) = page else {
        let solutions = rows_of(
            index,
            groups.into_iter().map(|g| (g, None)),
            &filters,
            true,
            "kinds",
            ["about", "aboutLabel"],
        );
        let total = solutions.len();
        return (solutions, total);
    };
    let (entries, total) = best_rows(index, groups, offset.saturating_add(limit));
    let mut solutions = rows_of(
        index,
        entries,
        &filters,
        true,
        "kinds",
        ["about", "aboutLabel"],
    );
    solutions.page(offset, Some(limit));
    (solutions, total)
}

/// The rows (group and combination of labels) of conflicts that can be among the first `keep`
/// of its ranking, and how many rows there are in all. Rows are compared by the first keys of
/// the ORDER BY of [`rows_of`] only (claims, latest date, the three labels), without being
/// made; every row that ties with the `keep`-th on those keys is kept too, so that ranking
/// what is kept by every column gives the first `keep` rows of the whole answer.
fn best_rows(
    index: &ClaimIndex,
    groups: Vec<Group>,
    keep: usize,
) -> (Vec<(Group, Option<Labels>)>, usize) {
    let mut labels: FxHashMap<Id, Vec<Id>> = FxHashMap::default();
    let mut labels_of = |id: Id| -> Vec<Id> {
        labels
            .entry(id)
            .or_insert_with(|| any_graph(index, id, Property::Label).collect())
            .clone()
    };
    // (group, labels, claims, latest) for every row of the answer.
    let mut entries: Vec<(usize, Labels, usize, Option<Id>)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let about_labels = about_labels(index, group.about, true);
        let claims = group.a.claims + group.b.claims;
        let latest = Summary::latest_of(index, &group.a, &group.b);
        for label_a in labels_of(group.party_a) {
            for label_b in labels_of(group.party_b) {
                for &about_label in &about_labels {
                    entries.push((g, (label_a, label_b, about_label), claims, latest));
                }
            }
        }
    }
    let total = entries.len();
    let order = |x: &(usize, Labels, usize, Option<Id>), y: &(usize, Labels, usize, Option<Id>)| {
        first_keys_order(index, (x.2, x.3, &x.1), (y.2, y.3, &y.1))
    };
    if keep == 0 {
        entries.clear();
    } else if entries.len() > keep {
        entries.select_nth_unstable_by(keep - 1, order);
        let worst = entries[keep - 1];
        entries.retain(|e| order(e, &worst).is_le());
    }
    // The kept rows are few: each takes a copy of its group.
    let kept = entries
        .into_iter()
        .map(|(g, labels, ..)| (groups[g].clone(), Some(labels)))
        .collect();
    (kept, total)
}

/// The pairs of [`conflicts`] with a claim held by `party`, as (basis, first, second), found
/// from the party's claims (`neg:holder` read backwards) and, for what its claims answer or are
/// answered by, the other claims on the same place, held by whom its demands address, or
/// addressed to its holders (`neg:addressee` read backwards): each pair the whole listing
/// gives with a claim of the party's, and no other.
fn listed_for_party(
    index: &ClaimIndex,
    party: Id,
    demand: Option<Id>,
    rejection: Option<Id>,
) -> Vec<(&'static str, Id, Id)> {
    let mine = distinct_terms(index.subjects(party, Property::Holder));
    let held = |claim: Id| has_value(index, claim, Property::Holder, party);
    let is_demand = |claim: Id| has_type(index, claim, demand);
    let is_rejection = |claim: Id| has_type(index, claim, rejection);
    let mut listed = Vec::new();
    for &claim in &mine {
        // A rejection of the party's answering a claim, and the rejections answering its claims.
        if is_rejection(claim) {
            for answered in any_graph(index, claim, Property::RespondsTo) {
                listed.push(("rejection", answered, claim));
            }
        }
        for answer in index.subjects(claim, Property::RespondsTo) {
            if is_rejection(answer.term) {
                listed.push(("rejection", claim, answer.term));
            }
        }
        if is_demand(claim) {
            // Demands on one of its places that address each other, the first by IRI first.
            for other in reached(index, claim, Property::Place, Property::Place) {
                if other == claim || !is_demand(other) {
                    continue;
                }
                let (a, b) = if iri_order(index, claim, other).is_lt() {
                    (claim, other)
                } else {
                    (other, claim)
                };
                if addressed_each_other(index, a, b) {
                    listed.push(("opposing demands on one place", a, b));
                }
            }
            // The demand refused: rejections of its action by a party it addresses, sharing
            // a place or an issue, without an explicit answer.
            for b in reached(index, claim, Property::Addressee, Property::Holder) {
                if is_rejection(b) && refuses(index, claim, b) {
                    listed.push(("demand refused", claim, b));
                }
            }
        }
        if is_rejection(claim) {
            // The demands it refuses address one of its holders: those addressed to them
            // (`neg:addressee` read backwards) are the candidates.
            for a in reached(index, claim, Property::Holder, Property::Addressee) {
                if is_demand(a) && refuses(index, a, claim) {
                    listed.push(("demand refused", a, claim));
                }
            }
        }
    }
    // Contradictions are few: read them all, keep the party's.
    for (a, contradicted) in index.all(Property::Contradicts) {
        for b in contradicted {
            if held(a) || held(b.term) {
                listed.push(("contradiction", a, b.term));
            }
        }
    }
    listed.sort_unstable();
    listed.dedup();
    listed
}

/// The claims whose `backwards` is one of `claim`'s values of `forwards` (the claims on one of
/// its places, held by one of its addressees, …), each once, in the order of their numbers.
fn reached(index: &ClaimIndex, claim: Id, forwards: Property, backwards: Property) -> Vec<Id> {
    let mut found: Vec<Id> = any_graph(index, claim, forwards)
        .flat_map(|value| index.subjects(value, backwards).iter().map(|v| v.term))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Whether two demands on one place address each other: a holder of one is addressed by the
/// other, the holders differing.
fn addressed_each_other(index: &ClaimIndex, a: Id, b: Id) -> bool {
    let holds = |c: Id| any_graph(index, c, Property::Holder);
    holds(a).any(|ha| {
        holds(b).any(|hb| {
            ha != hb
                && (has_value(index, a, Property::Addressee, hb)
                    || has_value(index, b, Property::Addressee, ha))
        })
    })
}

/// Whether the rejection `b` refuses the demand `a` without an explicit link: `a` addresses a
/// holder of `b`, they share an action and a place or an issue, and `b` does not answer `a`.
fn refuses(index: &ClaimIndex, a: Id, b: Id) -> bool {
    let shares = |p: Property| any_graph(index, a, p).any(|v| has_value(index, b, p, v));
    any_graph(index, b, Property::Holder).any(|h| has_value(index, a, Property::Addressee, h))
        && shares(Property::Action)
        && (shares(Property::Place) || shares(Property::Issue))
        && !has_value(index, b, Property::RespondsTo, a)
}

/// The bases of common ground, in the order of their bits in [`Candidate::bases`].
const BASES: [&str; 3] = ["same action", "accepted", "joint agreement"];

fn basis_bits<'a>(bases: impl IntoIterator<Item = &'a &'static str>) -> u8 {
    bases
        .into_iter()
        .filter_map(|b| BASES.iter().position(|x| x == b))
        .fold(0, |bits, i| bits | (1 << i))
}

/// The kinds of claims that make common ground on the same action.
const AGREEING: &[&str] = &["Proposal", "Offer", "Agreement", "Commitment", "Concession"];

/// The `common-ground` named query.
pub(crate) fn common_ground<'i>(
    index: &'i ClaimIndex,
    filters: Filters<'_>,
    page: Option<(usize, usize)>,
) -> (Answer<'i>, usize) {
    let mut facts = Facts::new(index, filters);
    let agreeing: Vec<Id> = AGREEING.iter().filter_map(|k| class(index, k)).collect();
    let negated = class(index, "Negated");
    let agreement = class(index, "Agreement");
    let issue = filters.issue.map(|i| index.id(i));
    let actor = filters.actor.map(|a| index.id(a));
    let standing = |facts: &mut Facts<'_>, claim: Id| -> bool {
        !negated.is_some_and(|n| has_value(index, claim, Property::Modality, n))
            && facts.of(claim).is_some()
    };
    let on_issue = |claim: Id| -> bool {
        match issue {
            None => true,
            Some(None) => false,
            Some(Some(i)) => has_value(index, claim, Property::Issue, i),
        }
    };
    // Same action: each party's standing claims of an agreeing kind on each action, summed up
    // (all of them, and those on the issue).
    let mut candidates: Vec<Id> = Vec::new();
    for &kind in &agreeing {
        candidates.extend(index.subjects(kind, Property::Type).iter().map(|v| v.term));
    }
    candidates.sort_unstable();
    candidates.dedup();
    // The listed bases: acceptances and joint agreements, each pair with what the kept pairs
    // ask of its two claims. A value stated in several graphs gives one pair more than once,
    // which the grouping below counts once.
    let agreeing_kind =
        |claim: Id| any_graph(index, claim, Property::Type).any(|t| agreeing.contains(&t));
    // A standing claim as a listed pair asks for it (`None` if it is not standing); `member`
    // says only that it is of an agreeing kind: whether it is among the same-action claims of
    // a party and action is then whether it has them as holder and action.
    let listed_side = |facts: &mut Facts<'_>, claim: Id| -> Option<ListedClaim> {
        if !standing(facts, claim) {
            return None;
        }
        facts.of(claim).map(|&claim_facts| ListedClaim {
            claim,
            facts: claim_facts,
            member: agreeing_kind(claim),
            on_issue: on_issue(claim),
        })
    };
    let mut agreements: Vec<Id> = match agreement {
        Some(agreement) => index
            .subjects(agreement, Property::Type)
            .iter()
            .map(|v| v.term)
            .collect(),
        None => Vec::new(),
    };
    agreements.sort_unstable();
    agreements.dedup();
    let mut listed: Vec<ListedBasis> = Vec::new();
    // (accepted claim, the acceptance as listed pairs ask for it) of each standing acceptance,
    // in the order of the acceptances.
    let mut responses: Vec<(Id, ListedClaim)> = Vec::new();
    // (action, holder, the claim's facts, whether it is on the issue) of each standing claim,
    // each (action, holder) of a claim once (a value stated in several graphs is one value),
    // in the order of the claims. The agreements are among these claims, and what their listed
    // pairs ask of them is read with them, while their lists are in the processor's cache.
    let mut members: Vec<(Id, Id, ClaimFacts, bool)> = Vec::new();
    let mut next_agreement = 0;
    for &claim in &candidates {
        while agreements.get(next_agreement).is_some_and(|&a| a < claim) {
            next_agreement += 1;
        }
        let is_agreement = agreements.get(next_agreement) == Some(&claim);
        let standing_facts = if standing(&mut facts, claim) {
            facts.of(claim).copied()
        } else {
            None
        };
        let Some(claim_facts) = standing_facts else {
            continue;
        };
        let on = on_issue(claim);
        for action in first_of_each(index.values(claim, Property::Action)) {
            for holder in first_of_each(index.values(claim, Property::Holder)) {
                members.push((action, holder, claim_facts, on));
            }
        }
        if !is_agreement {
            continue;
        }
        // Of an agreeing kind, as every claim here is.
        let (claim_b, b) = (
            claim,
            ListedClaim {
                claim,
                facts: claim_facts,
                member: true,
                on_issue: on,
            },
        );
        responses
            .extend(any_graph(index, claim_b, Property::RespondsTo).map(|claim_a| (claim_a, b)));
        let actions = distinct_terms(index.values(claim_b, Property::Action));
        for group in distinct_terms(index.values(claim_b, Property::Holder)) {
            let members = distinct_terms(index.values(group, Property::Member));
            let as_member = |party: Id| ListedClaim {
                member: b.member && has_value(index, claim_b, Property::Holder, party),
                ..b
            };
            for &ha in &members {
                for &hb in &members {
                    if iri_order(index, ha, hb).is_lt() {
                        for &action in &actions {
                            listed.push(ListedBasis {
                                basis: "joint agreement",
                                ha,
                                hb,
                                action,
                                a: as_member(ha),
                                b: as_member(hb),
                            });
                        }
                    }
                }
            }
        }
    }
    // The (action, holder) of each side, sorted, and beside them their summaries: the members
    // split by action (a stable counting sort over the actions, a few streams written in
    // order), then each action's summed up in a list by the holders' ranks that stays in the
    // processor's cache, where sorting every (action, holder, claim) read them over and over.
    // The holders, each once (found by a map of the few thousand holders, not by sorting the
    // hundreds of thousands of members), then ranked in the order of their ids.
    let (holder_rank, holder_ids) = id_ranks(members.iter().map(|m| m.1));
    let members = stable_sort_by_id(&members, |m| m.0);
    let mut side_keys: Vec<(Id, Id)> = Vec::new();
    let mut sides: Vec<(Summary, Summary)> = Vec::new();
    let mut sums: Vec<Option<(Summary, Summary)>> = vec![None; holder_ids.len()];
    let mut touched: Vec<u32> = Vec::new();
    for run in members.chunk_by(|x, y| x.0 == y.0) {
        for (_, holder, claim_facts, on) in run {
            let rank = holder_rank[holder];
            let summaries = sums[rank as usize].get_or_insert_with(|| {
                touched.push(rank);
                Default::default()
            });
            summaries.0.add(index, claim_facts);
            if *on {
                summaries.1.add(index, claim_facts);
            }
        }
        touched.sort_unstable();
        for rank in touched.drain(..) {
            if let Some(summaries) = sums[rank as usize].take() {
                side_keys.push((run[0].0, holder_ids[rank as usize]));
                sides.push(summaries);
            }
        }
    }
    // The summaries of an (action, holder), if it has claims: found by a search of the keys
    // alone, a list a tenth the size of the summaries, which stays in the processor's cache.
    let side = |action: Id, holder: Id| -> Option<&(Summary, Summary)> {
        side_keys
            .binary_search(&(action, holder))
            .ok()
            .map(|at| &sides[at])
    };
    // The accepted claims in the order of their numbers: each standing one's holders and
    // actions, found at `accepted[response]` in a list that is small beside the index.
    let mut by_accepted: Vec<(Id, u32)> = responses
        .iter()
        .enumerate()
        .map(|(at, &(claim_a, _))| (claim_a, at as u32))
        .collect();
    by_accepted.sort_unstable();
    let mut accepted: Vec<Accepted> = vec![None; responses.len()];
    let mut holders_actions: Vec<(Id, Id)> = Vec::new();
    let mut last: Option<(Id, Accepted)> = None;
    // The accepted claims lie scattered over the index: their rows are hinted ahead.
    const ACCEPTED_READS: [Property; 5] = [
        Property::Type,
        Property::Modality,
        Property::StatedOn,
        Property::Holder,
        Property::Action,
    ];
    let hint = |&(claim, _): &(Id, u32), step| index.prefetch_rows(claim, &ACCEPTED_READS, step);
    hinted(&by_accepted, 2, hint, |&(claim_a, at)| {
        let found = match last {
            Some((claim, found)) if claim == claim_a => found,
            _ => {
                let found = if is_claim(index, claim_a) {
                    listed_side(&mut facts, claim_a).map(|a| {
                        let start = holders_actions.len() as u32;
                        for ha in any_graph(index, claim_a, Property::Holder) {
                            for action in any_graph(index, claim_a, Property::Action) {
                                holders_actions.push((ha, action));
                            }
                        }
                        (a, start, holders_actions.len() as u32)
                    })
                } else {
                    None
                };
                last = Some((claim_a, found));
                found
            }
        };
        accepted[at as usize] = found;
    });
    // The acceptances again in their order: a pair for each holder of each side and action
    // of the accepted claim.
    for (&(_, b), found) in responses.iter().zip(&accepted) {
        let Some((a, start, end)) = *found else {
            continue;
        };
        let claim_b = b.claim;
        for &(ha, action) in &holders_actions[start as usize..end as usize] {
            let b = ListedClaim {
                member: b.member && has_value(index, claim_b, Property::Action, action),
                ..b
            };
            for hb in any_graph(index, claim_b, Property::Holder) {
                if ha != hb {
                    listed.push(ListedBasis {
                        basis: "accepted",
                        ha,
                        hb,
                        action,
                        a,
                        b,
                    });
                }
            }
        }
    }
    // The ties of each party (see `Ties::same_side`) and its rank in the order of the parties'
    // IRIs, each read once: pairs ask for them by the thousand.
    let mut ties: FxHashMap<Id, Ties> = FxHashMap::default();
    let parties = side_keys
        .iter()
        .map(|&(_, holder)| holder)
        .chain(listed.iter().flat_map(|l| [l.ha, l.hb]));
    for party in parties {
        ties.entry(party).or_insert_with(|| Ties::of(index, party));
    }
    let party_rank = ranks_by(
        ties.keys().copied(),
        |id| lexical(index.term(id)),
        |a, b| a.cmp(b),
    );
    // Each party's number: where its place in an action and the parties on its side are
    // found, in lists a few words a party long that stay in the processor's cache (a table by
    // id spreads the parties over the ids of everything else).
    let numbered: Vec<Id> = ties.keys().copied().collect();
    let party_number: FxHashMap<Id, u32> = numbered
        .iter()
        .enumerate()
        .map(|(n, &id)| (id, n as u32))
        .collect();
    let ties_of: Vec<&Ties> = numbered.iter().map(|id| &ties[id]).collect();
    let rank_of: Vec<u32> = numbered.iter().map(|id| party_rank[id]).collect();
    let wanted_party = |a: Id, b: Id| match actor {
        None => true,
        Some(wanted) => wanted == Some(a) || wanted == Some(b),
    };
    // Whether two wanted parties not on one side have a same-action group on an action: both
    // have claims on it and, with `--issue`, one of them has a claim on the issue (the group's
    // pairs are all pairs but those of two claims off the issue, so it has some exactly then).
    let has_same_group = |ha: Id, hb: Id, action: Id| -> bool {
        match (side(action, ha), side(action, hb)) {
            (Some((_, issue_a)), Some((_, issue_b))) => {
                issue.is_none() || issue_a.claims + issue_b.claims > 0
            }
            _ => false,
        }
    };
    // The listed pairs kept, each with its group (parties in order, action), its claims as
    // their sides sum them up, and whether it is among the same-action pairs of its group;
    // sorted, each group's pairs are a run.
    let mut kept: Vec<(Id, Id, Id, ListedClaim, ListedClaim, &'static str, bool)> = Vec::new();
    for l in listed {
        let (na, nb) = (party_number[&l.ha] as usize, party_number[&l.hb] as usize);
        let ((pa, na, mut a), (pb, nb, mut b)) = if rank_of[na] < rank_of[nb] {
            ((l.ha, na, l.a), (l.hb, nb, l.b))
        } else {
            ((l.hb, nb, l.b), (l.ha, na, l.a))
        };
        if !wanted_party(pa, pb)
            || Ties::same_side(pa, ties_of[na], pb, ties_of[nb])
            || (issue.is_some() && !a.on_issue && !b.on_issue)
        {
            continue;
        }
        // Membership matters only to a group with same-action pairs.
        let grouped = has_same_group(pa, pb, l.action);
        a.member &= grouped;
        b.member &= grouped;
        // Whether the pair is among the "same action" pairs of its group.
        let same = a.member && b.member && (issue.is_none() || a.on_issue || b.on_issue);
        kept.push((pa, pb, l.action, a, b, l.basis, same));
    }
    kept.sort_unstable_by_key(|k| (k.0, k.1, k.2, k.3.claim, k.4.claim, k.5, k.6));
    let mut extra: FxHashMap<(Id, Id, Id), Listed> = FxHashMap::default();
    for run in kept.chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2)) {
        let mut group = Listed::default();
        let mut last_pair = None;
        for &(_, _, _, a, b, basis, same) in run {
            group.bases |= basis_bits([&basis]);
            // Equal pairs are side by side (the run is sorted by its claims).
            if !same && last_pair != Some((a.claim, b.claim)) {
                group.pairs += 1;
                last_pair = Some((a.claim, b.claim));
            }
            group.a.push(a);
            group.b.push(b);
        }
        for side in [&mut group.a, &mut group.b] {
            side.sort_unstable_by_key(|c| c.claim);
            side.dedup_by_key(|c| c.claim);
        }
        extra.insert((run[0].0, run[0].1, run[0].2), group);
    }
    // Every group, ranked as it comes: the same-action groups pair by pair (with the listed
    // pairs of the same parties and action merged in), then the groups of listed pairs alone.
    let mut ranked = Ranked::new(index, page);
    let merge = |summary: &mut Summary, claims: &[ListedClaim], same: Option<bool>| {
        for claim in claims {
            // A claim already counted among the same-action claims is not counted again.
            let counted =
                same.is_some_and(|issue_only| claim.member && (!issue_only || claim.on_issue));
            if !counted {
                summary.add(index, &claim.facts);
            }
        }
    };
    // The same-action groups. A group that no listed pair joins has as many claims as its two
    // sides; with the parties of an action in order of their claims, the groups that cannot
    // reach the page are counted (each is as many rows as it has combinations of labels) and
    // skipped without being made.
    // The groups a listed pair joins, by the parties' numbers (cheaper than their IRIs).
    let joined_groups: FxHashSet<(Id, Id, Id)> = extra
        .keys()
        .map(|&(a, b, action)| (a.min(b), a.max(b), action))
        .collect();
    // The pairs of parties a listed pair joins on each action, by their numbers.
    let mut joined_on: FxHashMap<Id, Vec<(u32, u32)>> = FxHashMap::default();
    for &(a, b, action) in &joined_groups {
        joined_on
            .entry(action)
            .or_default()
            .push((party_number[&a], party_number[&b]));
    }
    // The parties on one side with each party (see `Ties::same_side`), found through who names whom
    // rather than by trying every other party.
    let mut named_by: FxHashMap<Id, Vec<Id>> = FxHashMap::default();
    let mut affiliated: FxHashMap<Id, Vec<Id>> = FxHashMap::default();
    for (&holder, t) in &ties {
        for &x in t
            .affiliations
            .iter()
            .chain(&t.members)
            .chain(&t.members_affiliations)
        {
            named_by.entry(x).or_default().push(holder);
        }
        for &x in &t.affiliations {
            affiliated.entry(x).or_default().push(holder);
        }
    }
    let same_side_with = |a: Id| -> Vec<u32> {
        let t = &ties[&a];
        let mut found: Vec<u32> = t
            .affiliations
            .iter()
            .chain(&t.members)
            .chain(&t.members_affiliations)
            .copied()
            .chain(named_by.get(&a).into_iter().flatten().copied())
            .chain(
                t.affiliations
                    .iter()
                    .flat_map(|x| affiliated.get(x).into_iter().flatten().copied()),
            )
            .filter(|&b| b != a && ties.get(&b).is_some_and(|tb| Ties::same_side(a, t, b, tb)))
            .map(|b| party_number[&b])
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    };
    // Who is on one side with each party, found once per party, not once per action, by
    // numbers: party n's are `same_side_of[same_side_from[n]..same_side_from[n + 1]]`, one
    // list read in order. Only the counting of groups that cannot make a page asks for them.
    let mut same_side_from: Vec<u32> = vec![0];
    let mut same_side_of: Vec<u32> = Vec::new();
    if actor.is_none() {
        for &party in &numbered {
            same_side_of.extend(same_side_with(party));
            same_side_from.push(same_side_of.len() as u32);
        }
    }
    let same_side_list = |number: u32| -> &[u32] {
        let n = number as usize;
        match (same_side_from.get(n), same_side_from.get(n + 1)) {
            (Some(&start), Some(&end)) => &same_side_of[start as usize..end as usize],
            _ => &[],
        }
    };
    // Lists of places, kept from one party to the next.
    let (mut visit, mut special): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    // Each action's sides are a run of the sides, in the order of the actions' ids.
    let mut run_start = 0;
    // Each party's place in the action at hand (`NOWHERE` for one not on it), by the party's
    // number: a word a party, so that the list stays in the processor's fastest cache.
    const NOWHERE: u32 = u32::MAX;
    let mut place_of: Vec<u32> = vec![NOWHERE; party_number.len()];
    for run in side_keys.chunk_by(|x, y| x.0 == y.0) {
        let action = run[0].0;
        let run_sides = &sides[run_start..run_start + run.len()];
        run_start += run.len();
        let action_labels = ranked.label_count(action);
        let mut holders: Vec<OnAction<'_>> = run
            .iter()
            .zip(run_sides)
            .map(|(&(_, party), sums)| {
                let number = party_number[&party];
                OnAction {
                    party,
                    ties: ties_of[number as usize],
                    sums,
                    labels: ranked.label_count(party),
                    number,
                    rank: rank_of[number as usize],
                }
            })
            .collect();
        // By claims (all of them: at least those on the issue), most first.
        holders.sort_by_key(|h| std::cmp::Reverse(h.sums.0.claims));
        // Each party's place in this action's list, by the party's number (set back to
        // `NOWHERE` once the action is done).
        for (i, h) in holders.iter().enumerate() {
            place_of[h.number as usize] = i as u32;
        }
        let at = |party: &u32| -> Option<usize> {
            let i = place_of[*party as usize];
            (i != NOWHERE).then_some(i as usize)
        };
        // The places of the pairs a listed pair joins on this action, both ways round, in
        // order: those of the party at place i are a run.
        let mut joined_here: Vec<(usize, usize)> = Vec::new();
        for &(a, b) in joined_on.get(&action).into_iter().flatten() {
            if let (Some(a), Some(b)) = (at(&a), at(&b)) {
                joined_here.extend([(a, b), (b, a)]);
            }
        }
        joined_here.sort_unstable();
        let mut joined_next = 0;
        // Whether a party has claims on the issue (a pair of two without is no group), and
        // the label counts from each position on, of all parties and of those.
        let on_issue_side = |h: &OnAction<'_>| issue.is_none() || h.sums.1.claims > 0;
        let mut labels_from = vec![0usize; holders.len() + 1];
        let mut labels_on_issue_from = vec![0usize; holders.len() + 1];
        for (i, h) in holders.iter().enumerate().rev() {
            labels_from[i] = labels_from[i + 1] + h.labels;
            labels_on_issue_from[i] =
                labels_on_issue_from[i + 1] + if on_issue_side(h) { h.labels } else { 0 };
        }
        for (i, h) in holders.iter().enumerate() {
            let (xa, ties_xa, sides_xa, labels_xa) = (h.party, h.ties, h.sums, h.labels);
            // The parties paired with this one, in order of claims, up to the first whose
            // group cannot make the page: the rest cannot either (a page is full of groups
            // with more claims), and are counted in bulk, but for the groups a listed pair
            // joins (more claims) and the parties on the same side (no group).
            visit.clear();
            let mut cut = holders.len();
            for (j, other) in holders.iter().enumerate().skip(i + 1) {
                if actor.is_none() && !ranked.may_enter(sides_xa.0.claims + other.sums.0.claims) {
                    cut = j;
                    break;
                }
                visit.push(j);
            }
            let joined_from = joined_next;
            while joined_here.get(joined_next).is_some_and(|&(a, _)| a == i) {
                joined_next += 1;
            }
            if cut < holders.len() {
                let joined = joined_here[joined_from..joined_next]
                    .iter()
                    .map(|&(_, b)| b)
                    .filter(|&k| k >= cut);
                special.clear();
                special.extend(
                    same_side_list(h.number)
                        .iter()
                        .filter_map(at)
                        .filter(|&k| k >= cut)
                        .chain(joined.clone()),
                );
                special.sort_unstable();
                special.dedup();
                let a_on_issue = on_issue_side(h);
                let mut rows = labels_xa
                    * if a_on_issue {
                        labels_from[cut]
                    } else {
                        labels_on_issue_from[cut]
                    };
                for &k in &special {
                    if a_on_issue || on_issue_side(&holders[k]) {
                        rows -= labels_xa * holders[k].labels;
                    }
                }
                ranked.count(rows * action_labels);
                visit.extend(joined);
            }
            for &j in &visit {
                let OnAction {
                    party: xb,
                    ties: ties_xb,
                    sums: sides_xb,
                    labels: labels_xb,
                    rank: rank_xb,
                    ..
                } = holders[j];
                if !wanted_party(xa, xb) || Ties::same_side(xa, ties_xa, xb, ties_xb) {
                    continue;
                }
                let joined = joined_groups.contains(&(xa.min(xb), xa.max(xb), action));
                if !joined && !ranked.may_enter(sides_xa.0.claims + sides_xb.0.claims) {
                    // Counted only (when it is a group at all).
                    let empty = issue.is_some() && sides_xa.1.claims == 0 && sides_xb.1.claims == 0;
                    if !empty {
                        ranked.count(labels_xa * labels_xb * action_labels);
                    }
                    continue;
                }
                let ((ha, _, (all_a, issue_a), _), (hb, _, (all_b, issue_b), _)) =
                    if h.rank < rank_xb {
                        (
                            (xa, ties_xa, sides_xa, labels_xa),
                            (xb, ties_xb, sides_xb, labels_xb),
                        )
                    } else {
                        (
                            (xb, ties_xb, sides_xb, labels_xb),
                            (xa, ties_xa, sides_xa, labels_xa),
                        )
                    };
                let (pairs, only_a, only_b) = if issue.is_none() {
                    ((all_a.claims * all_b.claims) as u64, false, false)
                } else {
                    let off = (all_a.claims - issue_a.claims) * (all_b.claims - issue_b.claims);
                    (
                        (all_a.claims * all_b.claims - off) as u64,
                        issue_b.claims == 0,
                        issue_a.claims == 0,
                    )
                };
                if pairs == 0 {
                    continue;
                }
                let side_a = if only_a { issue_a } else { all_a };
                let side_b = if only_b { issue_b } else { all_b };
                let mut candidate = Candidate {
                    party_a: ha,
                    party_b: hb,
                    action,
                    bases: 1,
                    pairs,
                    a: Cow::Borrowed(side_a),
                    b: Cow::Borrowed(side_b),
                };
                if let Some(listed) = extra.remove(&(ha, hb, action)) {
                    candidate.bases |= listed.bases;
                    candidate.pairs += listed.pairs as u64;
                    merge(candidate.a.to_mut(), &listed.a, Some(only_a));
                    merge(candidate.b.to_mut(), &listed.b, Some(only_b));
                }
                ranked.push(candidate);
            }
        }
        for h in &holders {
            place_of[h.number as usize] = NOWHERE;
        }
    }
    for ((pa, pb, action), listed) in std::mem::take(&mut extra) {
        let mut candidate = Candidate {
            party_a: pa,
            party_b: pb,
            action,
            bases: listed.bases,
            pairs: listed.pairs as u64,
            a: Cow::Owned(Summary::default()),
            b: Cow::Owned(Summary::default()),
        };
        merge(candidate.a.to_mut(), &listed.a, None);
        merge(candidate.b.to_mut(), &listed.b, None);
        ranked.push(candidate);
    }
    let (page_of, total) = ranked.finish();
    let groups = page_of.into_iter().map(|(candidate, labels)| {
        (
            Group {
                party_a: candidate.party_a,
                party_b: candidate.party_b,
                about: Some(candidate.action),
                bases: BASES
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| candidate.bases & (1 << i) != 0)
                    .map(|(_, b)| *b)
                    .collect(),
                pairs: candidate.pairs,
                a: candidate.a.into_owned(),
                b: candidate.b.into_owned(),
            },
            Some(labels),
        )
    });
    let solutions = rows_of(
        index,
        groups,
        &filters,
        false,
        "bases",
        ["action", "actionLabel"],
    );
    (solutions, total)
}

/// An accepted claim, if it is standing, as the listed pairs ask for it, with where its
/// (holder, action) pairs lie in a list beside it (start, end).
type Accepted = Option<(ListedClaim, u32, u32)>;

/// A party of an action's same-action groups: its ties, the summaries of its claims on the
/// action (all of them, those on the issue), its number of labels and its number.
#[derive(Clone, Copy)]
struct OnAction<'t> {
    party: Id,
    ties: &'t Ties,
    sums: &'t (Summary, Summary),
    labels: usize,
    number: u32,
    /// Its rank in the order of the parties' IRIs.
    rank: u32,
}

/// A common-ground group before it is ranked: the same-action summaries are borrowed, so that
/// millions of groups cost a few words each.
struct Candidate<'s> {
    party_a: Id,
    party_b: Id,
    action: Id,
    /// The bases, as bits of [`BASES`].
    bases: u8,
    pairs: u64,
    a: Cow<'s, Summary>,
    b: Cow<'s, Summary>,
}

impl<'s> Candidate<'s> {
    /// A copy; summaries of their own are copied too (there are few of them).
    fn light(&self) -> Self {
        Candidate {
            party_a: self.party_a,
            party_b: self.party_b,
            action: self.action,
            bases: self.bases,
            pairs: self.pairs,
            a: self.a.clone(),
            b: self.b.clone(),
        }
    }
}

/// The best groups of a ranking, kept as they come: all of them, or only as many as a page
/// needs (the rest are counted and dropped).
struct Ranked<'i, 's> {
    index: &'i ClaimIndex,
    keep: Option<usize>,
    offset: usize,
    entries: Vec<(Candidate<'s>, Labels)>,
    total: usize,
    /// The labels of each party and action, read once: `label_ids[start..end]`.
    labels: FxHashMap<Id, (usize, usize)>,
    label_ids: Vec<Id>,
    /// After a pruning, the last entry kept: what ranks after it cannot make the page.
    threshold: Option<(Candidate<'s>, Labels)>,
}

impl<'i, 's> Ranked<'i, 's> {
    fn new(index: &'i ClaimIndex, page: Option<(usize, usize)>) -> Self {
        Ranked {
            index,
            keep: page.map(|(offset, limit)| offset.saturating_add(limit)),
            offset: page.map_or(0, |(offset, _)| offset),
            entries: Vec::new(),
            total: 0,
            labels: FxHashMap::default(),
            label_ids: Vec::new(),
            threshold: None,
        }
    }

    /// Whether a group of `claims` claims could still make the page (it could not once the
    /// page is full of groups with more).
    fn may_enter(&self, claims: usize) -> bool {
        self.threshold
            .as_ref()
            .is_none_or(|(worst, _)| claims >= worst.a.claims + worst.b.claims)
    }

    /// Counts `rows` rows of groups left out because they cannot make the page.
    fn count(&mut self, rows: usize) {
        self.total += rows;
    }

    /// ORDER BY DESC(?claims) DESC(?latest) ?partyALabel ?partyBLabel ?actionLabel, then the
    /// IRIs.
    fn order(&self, x: &(Candidate<'s>, Labels), y: &(Candidate<'s>, Labels)) -> Ordering {
        self.order_parts((&x.0, &x.1), (&y.0, &y.1))
    }

    fn order_parts(&self, x: (&Candidate<'_>, &Labels), y: (&Candidate<'_>, &Labels)) -> Ordering {
        let index = self.index;
        let keys = |c: &Candidate<'_>| {
            let latest = Summary::latest_of(index, &c.a, &c.b);
            (c.a.claims + c.b.claims, latest)
        };
        let ((claims_x, latest_x), (claims_y, latest_y)) = (keys(x.0), keys(y.0));
        first_keys_order(index, (claims_x, latest_x, x.1), (claims_y, latest_y, y.1))
            .then_with(|| iri_order(index, x.0.party_a, y.0.party_a))
            .then_with(|| iri_order(index, x.0.party_b, y.0.party_b))
            .then_with(|| iri_order(index, x.0.action, y.0.action))
    }

    /// How many labels `id` has.
    fn label_count(&mut self, id: Id) -> usize {
        let (start, end) = self.labels_of(id);
        end - start
    }

    fn labels_of(&mut self, id: Id) -> (usize, usize) {
        let (index, ids) = (self.index, &mut self.label_ids);
        *self.labels.entry(id).or_insert_with(|| {
            let start = ids.len();
            ids.extend(any_graph(index, id, Property::Label));
            (start, ids.len())
        })
    }

    fn push(&mut self, candidate: Candidate<'s>) {
        let (labels_a, labels_b, labels_action) = (
            self.labels_of(candidate.party_a),
            self.labels_of(candidate.party_b),
            self.labels_of(candidate.action),
        );
        for a in labels_a.0..labels_a.1 {
            for b in labels_b.0..labels_b.1 {
                for action in labels_action.0..labels_action.1 {
                    let (a, b, action) =
                        (self.label_ids[a], self.label_ids[b], self.label_ids[action]);
                    self.total += 1;
                    let labels = (a, b, Some(action));
                    if let Some((worst, worst_labels)) = &self.threshold {
                        if self
                            .order_parts((&candidate, &labels), (worst, worst_labels))
                            .is_ge()
                        {
                            continue;
                        }
                    }
                    self.entries.push((candidate.light(), labels));
                    if let Some(keep) = self.keep {
                        if self.entries.len() >= keep.saturating_mul(2).max(64) {
                            self.prune(keep);
                        }
                    }
                }
            }
        }
    }

    fn prune(&mut self, keep: usize) {
        if keep == 0 {
            self.entries.clear();
            return;
        }
        if self.entries.len() > keep {
            let mut entries = std::mem::take(&mut self.entries);
            entries.select_nth_unstable_by(keep - 1, |x, y| self.order(x, y));
            entries.truncate(keep);
            self.threshold = entries
                .iter()
                .max_by(|x, y| self.order(x, y))
                .map(|(c, l)| (c.light(), *l));
            self.entries = entries;
        }
    }

    /// The page's entries in rank order, and how many there were in all.
    fn finish(mut self) -> (Vec<(Candidate<'s>, Labels)>, usize) {
        if let Some(keep) = self.keep {
            self.prune(keep);
        }
        let mut entries = std::mem::take(&mut self.entries);
        entries.sort_by(|x, y| self.order(x, y));
        let offset = self.offset.min(entries.len());
        entries.drain(..offset);
        (entries, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::{distinct_tail, first_of_each, join_sorted};
    use crate::analysis::index::{distinct_terms, Value};
    use proptest::prelude::*;

    proptest! {
        /// Each term of a row once, short rows and long ones, whatever graphs repeat it.
        #[test]
        fn first_of_each_gives_each_term_once(
            row in prop::collection::vec((0u32..4, 0u32..12), 0..20),
        ) {
            let values: Vec<Value> =
                row.iter().map(|&(graph, term)| Value { graph, term }).collect();
            let mut got: Vec<u32> = first_of_each(&values).collect();
            got.sort_unstable();
            prop_assert_eq!(got, distinct_terms(&values));
        }

        /// The join of two sorted lists gives every pair of values under one key, as a
        /// nested loop over both lists does, each as often.
        #[test]
        fn join_sorted_pairs_the_values_of_equal_keys(
            mut left in prop::collection::vec((0u8..6, 0u32..50), 0..40),
            mut right in prop::collection::vec((0u8..6, 0u32..50), 0..40),
        ) {
            let mut expected: Vec<(u32, u32)> = left
                .iter()
                .flat_map(|&(k, x)| right.iter().filter(move |e| e.0 == k).map(move |e| (x, e.1)))
                .collect();
            let mut got = Vec::new();
            join_sorted(&mut left, &mut right, |x, y| got.push((x, y)));
            expected.sort_unstable();
            got.sort_unstable();
            prop_assert_eq!(got, expected);
        }

        /// Only the tail is sorted and made distinct; the head is left as it was.
        #[test]
        fn distinct_tail_leaves_the_head(
            head in prop::collection::vec(0u32..10, 0..10),
            tail in prop::collection::vec(0u32..10, 0..20),
        ) {
            let mut list = head.clone();
            list.extend(&tail);
            distinct_tail(&mut list, head.len());
            let mut expected = tail.clone();
            expected.sort_unstable();
            expected.dedup();
            prop_assert_eq!(&list[..head.len()], &head[..]);
            prop_assert_eq!(&list[head.len()..], &expected[..]);
        }
    }
}
