//! The analyses as native joins over the [`ClaimIndex`]: each function gives exactly the rows
//! of its named query in `queries/` (same variables, same solutions with the same
//! multiplicities, sorted by the query's ORDER BY and then by every column, so that ties come
//! out in one stable order). `GROUP_CONCAT` lists are written in alphabetical order.
//!
//! Each function is a translation of its query, pattern by pattern; the comments name the
//! pattern being matched. `tests/integration/analyses.rs` checks them against the engine.

use super::answer::{Answer, Cell};
use super::index::{ClaimIndex, Id, Property, Value, DEFAULT_GRAPH};
use super::Solutions;
use crate::vocab;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term};
use oxsdatatypes::Date as XsdDate;
use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::str::FromStr;

/// A literal as the SPARQL operators `<`, `<=`, `>` compare it: dates with dates, strings
/// with strings (simple literals and xsd:string), language-tagged strings of one language with
/// each other. Anything else does not compare (the operator is an error, and a FILTER fails).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Comparable<'a> {
    Date(XsdDate),
    Text(&'a str),
    Tagged(&'a str, &'a str),
}

impl<'a> Comparable<'a> {
    pub(crate) fn of(term: &'a Term) -> Option<Self> {
        let Term::Literal(literal) = term else {
            return None;
        };
        if let Some(language) = literal.language() {
            return Some(Comparable::Tagged(literal.value(), language));
        }
        if literal.datatype() == xsd::DATE {
            return XsdDate::from_str(literal.value())
                .ok()
                .map(Comparable::Date);
        }
        (literal.datatype() == xsd::STRING).then_some(Comparable::Text(literal.value()))
    }

    pub(crate) fn cmp(self, other: Self) -> Option<Ordering> {
        match (self, other) {
            (Comparable::Date(a), Comparable::Date(b)) => a.partial_cmp(&b),
            (Comparable::Text(a), Comparable::Text(b)) => Some(a.cmp(b)),
            (Comparable::Tagged(a, l), Comparable::Tagged(b, m)) if l.eq_ignore_ascii_case(m) => {
                Some(a.cmp(b))
            }
            _ => None,
        }
    }

    /// `self <= other`, false where they do not compare.
    pub(crate) fn le(self, other: Self) -> bool {
        matches!(self.cmp(other), Some(Ordering::Less | Ordering::Equal))
    }

    /// `self > other`, false where they do not compare.
    pub(crate) fn gt(self, other: Self) -> bool {
        matches!(self.cmp(other), Some(Ordering::Greater))
    }
}

/// `LCASE(STRAFTER(STR(?k), STR(neg:)))`: the local name of a class of the vocabulary in lower
/// case, or "" for any other term.
pub(crate) fn kind_name(term: &Term) -> Term {
    let local = match term {
        Term::NamedNode(node) => node.as_str().strip_prefix(vocab::NEG).unwrap_or(""),
        _ => "",
    };
    Literal::new_simple_literal(local.to_lowercase()).into()
}

/// A term as text: an IRI or blank node identifier in full, a literal's lexical form.
pub(crate) fn lexical(term: &Term) -> &str {
    match term {
        Term::NamedNode(node) => node.as_str(),
        Term::BlankNode(node) => node.as_str(),
        Term::Literal(literal) => literal.value(),
        #[allow(unreachable_patterns)]
        _ => "",
    }
}

/// Of two optional terms, `b` when it orders `wanted` against `a` (ORDER BY's order), else
/// `a`; whichever is there when one is missing.
pub(crate) fn pick(
    index: &ClaimIndex,
    a: Option<Id>,
    b: Option<Id>,
    wanted: Ordering,
) -> Option<Id> {
    match (a, b) {
        // One term (dates are shared by many claims) is equal to itself, whatever it is.
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), Some(b)) => Some(
            if cmp_terms(Some(index.term(b)), Some(index.term(a))) == wanted {
                b
            } else {
                a
            },
        ),
        (a, b) => a.or(b),
    }
}

pub(crate) fn simple(text: &str) -> Term {
    Literal::new_simple_literal(text).into()
}

/// The order of ORDER BY: unbound, blank nodes, IRIs, literals; literals by value where they
/// compare (dates, strings), else by lexical form, datatype and language.
pub(crate) fn cmp_terms(a: Option<&Term>, b: Option<&Term>) -> Ordering {
    SortKey::of(a).cmp(&SortKey::of(b))
}

/// A term as ORDER BY compares it, its date or integer parsed once.
pub(crate) enum SortKey<'a> {
    Unbound,
    Blank(&'a str),
    Iri(&'a str),
    Literal(&'a Literal, Parsed),
}

/// A literal's value where ORDER BY compares by value rather than by lexical form.
pub(crate) enum Parsed {
    /// An xsd:date written `YYYY-MM-DD`, without a time zone: of two such, the order of the
    /// values (or, for one that is not a date, of the forms) is the order of the forms, so
    /// that the usual dates are compared without being parsed.
    Day,
    Date(XsdDate),
    Integer(i128),
    Other,
}

impl Parsed {
    fn of(literal: &Literal) -> Self {
        let datatype = literal.datatype();
        if datatype == xsd::DATE {
            if is_day(literal.value()) {
                return Parsed::Day;
            }
            XsdDate::from_str(literal.value()).map_or(Parsed::Other, Parsed::Date)
        } else if datatype == xsd::INTEGER {
            literal
                .value()
                .parse()
                .map_or(Parsed::Other, Parsed::Integer)
        } else {
            Parsed::Other
        }
    }
}

/// Whether `text` is written `YYYY-MM-DD` (four digits, two, two): a form whose order as text
/// is the order of the days it names.
fn is_day(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

impl<'a> SortKey<'a> {
    pub(crate) fn of(term: Option<&'a Term>) -> Self {
        match term {
            None => SortKey::Unbound,
            Some(Term::BlankNode(node)) => SortKey::Blank(node.as_str()),
            Some(Term::NamedNode(node)) => SortKey::Iri(node.as_str()),
            Some(Term::Literal(literal)) => SortKey::Literal(literal, Parsed::of(literal)),
            #[allow(unreachable_patterns)]
            Some(_) => SortKey::Unbound,
        }
    }

    /// The order of ORDER BY (see [`cmp_terms`]).
    pub(crate) fn cmp(&self, other: &Self) -> Ordering {
        let rank = |k: &SortKey<'_>| match k {
            SortKey::Unbound => 0,
            SortKey::Blank(_) => 1,
            SortKey::Iri(_) => 2,
            SortKey::Literal(..) => 3,
        };
        match (self, other) {
            (SortKey::Blank(a), SortKey::Blank(b)) | (SortKey::Iri(a), SortKey::Iri(b)) => a.cmp(b),
            (SortKey::Literal(x, dx), SortKey::Literal(y, dy)) => {
                // Dates with dates and integers with integers by value (a date and an
                // integer, or two dates that do not compare, fall through to their forms).
                let day = |l: &Literal| XsdDate::from_str(l.value()).ok();
                let by_value = match (dx, dy) {
                    // Two days, in the order of their forms (as their values, or, if one is
                    // not a valid date, as the forms below, the datatype being the same).
                    (Parsed::Day, Parsed::Day) => return x.value().cmp(y.value()),
                    (Parsed::Day, Parsed::Date(q)) => day(x).and_then(|p| p.partial_cmp(q)),
                    (Parsed::Date(p), Parsed::Day) => day(y).and_then(|q| p.partial_cmp(&q)),
                    (Parsed::Date(p), Parsed::Date(q)) => p.partial_cmp(q),
                    (Parsed::Integer(p), Parsed::Integer(q)) => Some(p.cmp(q)),
                    _ => None,
                };
                if let Some(order) = by_value {
                    return order;
                }
                let plain = |l: &Literal| l.datatype() == xsd::STRING && l.language().is_none();
                if plain(x) && plain(y) {
                    return x.value().cmp(y.value());
                }
                (x.value(), x.datatype().as_str(), x.language()).cmp(&(
                    y.value(),
                    y.datatype().as_str(),
                    y.language(),
                ))
            }
            _ => rank(self).cmp(&rank(other)),
        }
    }
}

/// Sorts rows by the columns `keys` (indexes), then by every column.
pub(crate) fn sort_rows(rows: &mut Vec<Vec<Option<Term>>>, keys: &[usize]) {
    let keys: Vec<(usize, bool)> = keys.iter().map(|&k| (k, false)).collect();
    sort_rows_by(rows, &keys);
}

/// Sorts rows by the columns `keys` (index, descending), then by every column; each key's
/// term is read (and its date parsed) once per row, not once per comparison.
pub(crate) fn sort_rows_by(rows: &mut Vec<Vec<Option<Term>>>, keys: &[(usize, bool)]) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    {
        let parsed: Vec<Vec<SortKey<'_>>> = rows
            .iter()
            .map(|row| {
                keys.iter()
                    .map(|&(k, _)| SortKey::of(row.get(k).and_then(Option::as_ref)))
                    .collect()
            })
            .collect();
        order.sort_by(|&a, &b| {
            cmp_sort_keys(&parsed[a], &parsed[b], keys)
                .then_with(|| cmp_every_column(&rows[a], &rows[b]))
        });
    }
    let mut taken: Vec<Option<Vec<Option<Term>>>> =
        std::mem::take(rows).into_iter().map(Some).collect();
    *rows = order.into_iter().filter_map(|i| taken[i].take()).collect();
}

/// Two rows' keys (made from the columns `keys`, in that order) compared, each key descending
/// where `keys` says so; equal when every key is.
pub(crate) fn cmp_sort_keys(
    x: &[SortKey<'_>],
    y: &[SortKey<'_>],
    keys: &[(usize, bool)],
) -> Ordering {
    x.iter()
        .zip(y)
        .zip(keys)
        .map(
            |((x, y), &(_, descending))| {
                if descending {
                    y.cmp(x)
                } else {
                    x.cmp(y)
                }
            },
        )
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Two rows compared column by column, as ORDER BY compares terms.
fn cmp_every_column(a: &[Option<Term>], b: &[Option<Term>]) -> Ordering {
    a.iter()
        .zip(b)
        .map(|(x, y)| cmp_terms(x.as_ref(), y.as_ref()))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

pub(crate) fn solutions(variables: &[&str], rows: Vec<Vec<Option<Term>>>) -> Solutions {
    Solutions {
        variables: variables.iter().map(|v| (*v).to_owned()).collect(),
        rows,
    }
}

/// Values of `property` on `subject` in graph `graph` only.
fn in_graph(
    index: &ClaimIndex,
    subject: Id,
    property: Property,
    graph: Id,
) -> impl Iterator<Item = Id> + '_ {
    index
        .values(subject, property)
        .iter()
        .filter(move |v| v.graph == graph)
        .map(|v| v.term)
}

/// Values of `property` on `subject` in any graph (the union default graph), one per quad.
pub(crate) fn any_graph(
    index: &ClaimIndex,
    subject: Id,
    property: Property,
) -> impl Iterator<Item = Id> + '_ {
    index.values(subject, property).iter().map(|v| v.term)
}

/// `?subject p/rdfs:label ?label`: the labels of the values of `p`, one per path.
fn path_labels(index: &ClaimIndex, subject: Id, property: Property) -> Vec<Id> {
    any_graph(index, subject, property)
        .flat_map(|value| any_graph(index, value, Property::Label))
        .collect()
}

/// The claim kinds of `claim` in any graph, each repeated as often as its subclass quad.
fn kinds_any(index: &ClaimIndex, claim: Id) -> Vec<Id> {
    let mut out = Vec::new();
    for (_, class, count) in index.kinds(claim) {
        out.extend(std::iter::repeat_n(class, count));
    }
    out
}

/// The claim kinds of `claim` stated in `graph`.
fn kinds_in(index: &ClaimIndex, claim: Id, graph: Id) -> Vec<Id> {
    let mut out = Vec::new();
    for (g, class, count) in index.kinds(claim) {
        if g == graph {
            out.extend(std::iter::repeat_n(class, count));
        }
    }
    out
}

/// A set of ids, a bit each: small enough to stay in the processor's cache at a million
/// claims, where a hashed set of the same ids does not.
#[derive(Debug, Default)]
pub(crate) struct IdSet(Vec<u64>);

impl IdSet {
    pub(crate) fn of(ids: &[Id]) -> Self {
        let mut set = IdSet::default();
        for &id in ids {
            set.insert(id);
        }
        set
    }

    pub(crate) fn insert(&mut self, id: Id) {
        let (word, bit) = (id as usize / 64, id % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    pub(crate) fn contains(&self, id: Id) -> bool {
        self.0
            .get(id as usize / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    /// The ids of the set, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Id> + '_ {
        self.0.iter().enumerate().flat_map(|(at, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    (at * 64) as Id + bit
                })
            })
        })
    }
}

/// How many items apart a pass takes the steps of its hints (see [`hinted`]).
pub(crate) const AHEAD: usize = 8;

/// Gives each of `items` to `visit` in order, having first hinted at the reads of the items
/// ahead: `hint(item, step)` for each of `steps` steps, step `s` taken `AHEAD * (steps - s)`
/// items ahead. A pass over items whose data lie scattered over memory (the rows of a few
/// claims among many, the terms of the rows of an answer), each read needing where the one
/// before points, then finds them in the processor's cache instead of waiting on each.
pub(crate) fn hinted<T>(items: &[T], steps: u8, hint: impl Fn(&T, u8), mut visit: impl FnMut(&T)) {
    for (at, item) in items.iter().enumerate() {
        for step in 0..steps {
            if let Some(ahead) = items.get(at + AHEAD * usize::from(steps - step)) {
                hint(ahead, step);
            }
        }
        visit(item);
    }
}

/// The place of each id of a set in the order of the ids, found in constant time (a bit per
/// id and the number of ids before each word), where a binary search of a long list reads a
/// score of places scattered over it.
#[derive(Debug)]
pub(crate) struct IdPlaces {
    set: IdSet,
    before: Vec<u32>,
}

impl IdPlaces {
    pub(crate) fn of(ids: &[Id]) -> Self {
        let set = IdSet::of(ids);
        let mut before = Vec::with_capacity(set.0.len());
        let mut count = 0u32;
        for word in &set.0 {
            before.push(count);
            count += word.count_ones();
        }
        IdPlaces { set, before }
    }

    /// The place of `id` among the ids in ascending order, if it is one of them.
    pub(crate) fn place(&self, id: Id) -> Option<usize> {
        let (at, bit) = (id as usize / 64, id % 64);
        let word = *self.set.0.get(at)?;
        if word & (1 << bit) == 0 {
            return None;
        }
        let below = (word & ((1u64 << bit) - 1)).count_ones();
        Some((self.before[at] + below) as usize)
    }
}

/// A value per id, kept in pages of ids side by side (a page is made when one of its ids is
/// first given a value): an id's value is found where its number points, with no hashing and
/// no probing of a table that outgrows the processor's cache as the claims grow, and ids that
/// are never given a value cost nothing but their page's slot.
#[derive(Debug)]
pub(crate) struct IdMap<T> {
    pages: Vec<Option<Box<[Option<T>]>>>,
}

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        IdMap { pages: Vec::new() }
    }
}

impl<T> IdMap<T> {
    const PAGE: usize = 256;

    pub(crate) fn get(&self, id: Id) -> Option<&T> {
        let (page, slot) = (id as usize / Self::PAGE, id as usize % Self::PAGE);
        self.pages.get(page)?.as_ref()?[slot].as_ref()
    }

    /// Gives `id` a value, in place of the one it had.
    pub(crate) fn insert(&mut self, id: Id, value: T) {
        let (page, slot) = (id as usize / Self::PAGE, id as usize % Self::PAGE);
        if self.pages.len() <= page {
            self.pages.resize_with(page + 1, || None);
        }
        let page = self.pages[page]
            .get_or_insert_with(|| std::iter::repeat_with(|| None).take(Self::PAGE).collect());
        page[slot] = Some(value);
    }
}

/// The distinct `ids`, in the order of their numbers, and each one's place in that list: found
/// through a map of the distinct ids, not by sorting every id (a few thousand holders of
/// hundreds of thousands of claims).
pub(crate) fn id_ranks(ids: impl Iterator<Item = Id>) -> (FxHashMap<Id, u32>, Vec<Id>) {
    let mut rank: FxHashMap<Id, u32> = FxHashMap::default();
    for id in ids {
        rank.entry(id).or_insert(0);
    }
    let mut distinct: Vec<Id> = rank.keys().copied().collect();
    distinct.sort_unstable();
    for (r, &id) in distinct.iter().enumerate() {
        rank.insert(id, r as u32);
    }
    (rank, distinct)
}

/// `items` in the order of their keys, those with one key in the order they came: a counting
/// sort over the ranks of the keys, which reads the items a fixed number of times where a
/// comparison sort of a million of them reads them some twenty times over.
pub(crate) fn stable_sort_by_id<T: Copy>(items: &[T], key: impl Fn(&T) -> Id) -> Vec<T> {
    let Some(&first) = items.first() else {
        return Vec::new();
    };
    let (rank, keys) = id_ranks(items.iter().map(&key));
    let ranks: Vec<u32> = items.iter().map(|item| rank[&key(item)]).collect();
    // Where each key's items start.
    let mut next = vec![0usize; keys.len() + 1];
    for &r in &ranks {
        next[r as usize + 1] += 1;
    }
    for r in 1..next.len() {
        next[r] += next[r - 1];
    }
    let mut sorted = vec![first; items.len()];
    for (item, &r) in items.iter().zip(&ranks) {
        sorted[next[r as usize]] = *item;
        next[r as usize] += 1;
    }
    sorted
}

/// The latest date up to the limit of an (actor, issue): none, one later than or equal to all
/// the others, or none such (dates that do not compare: each is tried).
#[derive(Clone, Copy)]
enum Latest<'a> {
    None,
    Best(Comparable<'a>),
    Scan,
}

/// Whether two dates are of a kind whose values all compare with each other: dates all
/// without a time zone or all with one, plain strings, strings of one language.
fn same_order(a: Comparable<'_>, b: Comparable<'_>) -> bool {
    match (a, b) {
        (Comparable::Date(x), Comparable::Date(y)) => {
            x.timezone_offset().is_some() == y.timezone_offset().is_some()
        }
        (Comparable::Text(_), Comparable::Text(_)) => true,
        (Comparable::Tagged(_, l), Comparable::Tagged(_, m)) => l.eq_ignore_ascii_case(m),
        _ => false,
    }
}

/// The latest rank of each (actor, issue), kept by the numbers of the holders and issues: a
/// table of every holder by every issue where that is small (about a hundred thousand cells
/// for ten thousand actors on a dozen issues, read at random but within the processor's cache,
/// with no sort), a map of the pairs met where the table would be large and mostly empty.
struct LatestRanks {
    /// The number of each holder and issue, in the order first met.
    holders: FxHashMap<Id, u32>,
    issues: FxHashMap<Id, u32>,
    cells: RankCells,
    /// The claims whose greatest rank is the latest of one of their (holder, issue): the only
    /// claims that can stand, and the only ones whose (actor, issue) is looked up.
    may_stand: IdSet,
}

/// See [`LatestRanks`]; 0 is no rank.
enum RankCells {
    Table { issues: usize, ranks: Vec<u32> },
    Map(FxHashMap<(u32, u32), u32>),
}

impl RankCells {
    fn get(&self, holder: u32, issue: u32) -> u32 {
        match self {
            RankCells::Table { issues, ranks } => ranks
                .get(holder as usize * issues + issue as usize)
                .copied()
                .unwrap_or(0),
            RankCells::Map(map) => map.get(&(holder, issue)).copied().unwrap_or(0),
        }
    }

    fn raise(&mut self, holder: u32, issue: u32, rank: u32) {
        let cell = match self {
            RankCells::Table { issues, ranks } => {
                ranks.get_mut(holder as usize * *issues + issue as usize)
            }
            RankCells::Map(map) => Some(map.entry((holder, issue)).or_insert(0)),
        };
        if let Some(cell) = cell {
            *cell = (*cell).max(rank);
        }
    }
}

impl LatestRanks {
    /// The greatest rank of each holder and issue of a claim, given each claim's greatest rank
    /// (`latest_of`, by claim number; 0 for none): the claims read in order once, their
    /// (holder, issue) numbered, then that list read twice, to raise each (holder, issue)'s
    /// rank, then to mark the claims of the latest rank of one of theirs.
    fn of(index: &ClaimIndex, latest_of: &[u32]) -> Self {
        // Numbered in the order first met.
        fn number(numbers: &mut FxHashMap<Id, u32>, id: Id) -> u32 {
            let next = numbers.len() as u32;
            *numbers.entry(id).or_insert(next)
        }
        let (mut holders, mut issues) = (FxHashMap::default(), FxHashMap::default());
        let mut entries: Vec<(Id, u32, u32, u32)> = Vec::new();
        for (claim, values) in index.all(Property::Holder) {
            let best = latest_of.get(claim as usize).copied().unwrap_or(0);
            if best == 0 {
                continue;
            }
            for holder in values {
                let h = number(&mut holders, holder.term);
                for issue in any_graph(index, claim, Property::Issue) {
                    entries.push((claim, h, number(&mut issues, issue), best));
                }
            }
        }
        let width = issues.len();
        let table = holders
            .len()
            .checked_mul(width)
            .filter(|&cells| cells <= entries.len().saturating_mul(4).max(1 << 16));
        let mut cells = match table {
            Some(cells) => RankCells::Table {
                issues: width,
                ranks: vec![0; cells],
            },
            None => RankCells::Map(FxHashMap::default()),
        };
        for &(_, h, i, best) in &entries {
            cells.raise(h, i, best);
        }
        let mut may_stand = IdSet::default();
        for &(claim, h, i, best) in &entries {
            if cells.get(h, i) == best {
                may_stand.insert(claim);
            }
        }
        LatestRanks {
            holders,
            issues,
            cells,
            may_stand,
        }
    }

    fn get(&self, actor: Id, issue: Id) -> Option<u32> {
        let h = *self.holders.get(&actor)?;
        let i = *self.issues.get(&issue)?;
        Some(self.cells.get(h, i)).filter(|&rank| rank > 0)
    }
}

/// What `positions` asks of the dates: whether a claim is superseded by a claim stated up to
/// the limit, and whether a claim's date is its (actor, issue)'s latest up to the limit.
enum PositionDates<'a> {
    /// Every date compares with every other (the usual case): each is a rank, each (actor,
    /// issue) keeps its latest rank up to the limit (one number, no list of dates) and each
    /// claim whether it is superseded, so that the questions are comparisons of numbers.
    Ranked {
        /// Each date's rank (1 and up, equal dates equal) and whether it is up to the limit.
        rank: FxHashMap<Id, (u32, bool)>,
        /// By claim, one bit: whether a claim stated up to the limit supersedes it (a bit
        /// per claim is small enough to stay in the processor's cache, where a look-up of
        /// each superseding claim's date is not).
        superseded: IdSet,
        latest: LatestRanks,
    },
    /// Dates that may not compare (with and without a time zone): each date is compared.
    General {
        dates: FxHashMap<Id, Option<Comparable<'a>>>,
        limit: Comparable<'a>,
        latest: FxHashMap<(Id, Id), Latest<'a>>,
        stated: FxHashMap<(Id, Id), Vec<Comparable<'a>>>,
    },
}

impl<'a> PositionDates<'a> {
    fn new(index: &'a ClaimIndex, limit: Comparable<'a>) -> Self {
        // Many claims share a date: each distinct date is parsed once.
        let mut dates: FxHashMap<Id, Option<Comparable<'a>>> = FxHashMap::default();
        for (_, values) in index.all(Property::StatedOn) {
            for value in values {
                dates
                    .entry(value.term)
                    .or_insert_with(|| Comparable::of(index.term(value.term)));
            }
        }
        let mut known: Vec<(Id, Comparable<'a>)> = dates
            .iter()
            .filter_map(|(&id, date)| date.map(|d| (id, d)))
            .collect();
        let one_order = known
            .first()
            .is_none_or(|&(_, first)| known.iter().all(|&(_, d)| same_order(first, d)));
        if !one_order {
            return Self::general(index, dates, limit);
        }
        known.sort_unstable_by(|a, b| a.1.cmp(b.1).unwrap_or(Ordering::Equal));
        let mut rank = FxHashMap::default();
        let mut next = 0;
        for (i, &(id, date)) in known.iter().enumerate() {
            if i == 0 || known[i - 1].1.cmp(date) != Some(Ordering::Equal) {
                next += 1;
            }
            rank.insert(id, (next, date.le(limit)));
        }
        // ?later neg:statedOn ?laterOn, FILTER(?laterOn <= limit): each subject's latest.
        let mut latest_of: Vec<u32> = Vec::new();
        for (subject, values) in index.all(Property::StatedOn) {
            let best = values
                .iter()
                .filter_map(|v| rank.get(&v.term))
                .filter(|(_, up_to)| *up_to)
                .map(|(r, _)| *r)
                .max()
                .unwrap_or(0);
            if best > 0 {
                let at = subject as usize;
                if latest_of.len() <= at {
                    latest_of.resize(at + 1, 0);
                }
                latest_of[at] = best;
            }
        }
        // ?later neg:holder ?actor ; neg:issue ?issue: each (actor, issue)'s latest.
        let latest = LatestRanks::of(index, &latest_of);
        // ?newer neg:supersedes ?claim, ?newer stated up to the limit.
        let mut superseded = IdSet::default();
        for (newer, claims) in index.all(Property::Supersedes) {
            if latest_of.get(newer as usize).is_none_or(|&r| r == 0) {
                continue;
            }
            for claim in claims {
                superseded.insert(claim.term);
            }
        }
        PositionDates::Ranked {
            rank,
            superseded,
            latest,
        }
    }

    /// The latest date up to the limit of each (actor, issue), when it is later than or equal
    /// to each of the others; where two dates do not compare the (actor, issue) is marked, and
    /// only the dates of those marked are listed, in a second reading, to be tried one by one.
    fn general(
        index: &'a ClaimIndex,
        dates: FxHashMap<Id, Option<Comparable<'a>>>,
        limit: Comparable<'a>,
    ) -> Self {
        let comparable = |id: Id| parsed_date(index, &dates, id);
        let mut latest: FxHashMap<(Id, Id), Latest<'a>> = FxHashMap::default();
        let mut kept: Vec<Comparable<'a>> = Vec::new();
        let mut undecided = false;
        for (claim, holders) in index.all(Property::Holder) {
            kept.clear();
            kept.extend(
                any_graph(index, claim, Property::StatedOn)
                    .filter_map(comparable)
                    .filter(|d| d.le(limit)),
            );
            if kept.is_empty() {
                continue;
            }
            for holder in holders {
                for issue in any_graph(index, claim, Property::Issue) {
                    let entry = latest.entry((holder.term, issue)).or_insert(Latest::None);
                    for &d in &kept {
                        *entry = match *entry {
                            Latest::None => Latest::Best(d),
                            Latest::Best(best) => match d.cmp(best) {
                                Some(Ordering::Greater) => Latest::Best(d),
                                Some(_) => Latest::Best(best),
                                None => {
                                    undecided = true;
                                    Latest::Scan
                                }
                            },
                            Latest::Scan => Latest::Scan,
                        };
                    }
                }
            }
        }
        let mut stated: FxHashMap<(Id, Id), Vec<Comparable<'a>>> = FxHashMap::default();
        if undecided {
            for (claim, holders) in index.all(Property::Holder) {
                for holder in holders {
                    for issue in any_graph(index, claim, Property::Issue) {
                        if matches!(latest.get(&(holder.term, issue)), Some(Latest::Scan)) {
                            stated.entry((holder.term, issue)).or_default().extend(
                                any_graph(index, claim, Property::StatedOn)
                                    .filter_map(comparable)
                                    .filter(|d| d.le(limit)),
                            );
                        }
                    }
                }
            }
        }
        PositionDates::General {
            dates,
            limit,
            latest,
            stated,
        }
    }

    /// The claims that can stand at all, in order. Where the dates are ranked, a claim stands
    /// only if its latest date up to the limit is the latest of one of its (holder, issue):
    /// the others, most claims, are passed over on one bit, with no look-up of their (holder,
    /// issue).
    fn may_stand(&self, index: &ClaimIndex) -> Vec<Id> {
        match self {
            PositionDates::Ranked { latest, .. } => latest.may_stand.iter().collect(),
            PositionDates::General { .. } => index
                .all(Property::Holder)
                .map(|(claim, _)| claim)
                .collect(),
        }
    }

    /// `OPTIONAL { ?newer neg:supersedes ?claim ; neg:statedOn ?supersededOn . FILTER(…) }
    /// FILTER(!BOUND(?newer))`: whether a claim stated up to the limit supersedes `claim`.
    fn superseded(&self, index: &ClaimIndex, claim: Id) -> bool {
        match self {
            PositionDates::Ranked { superseded, .. } => superseded.contains(claim),
            PositionDates::General { dates, limit, .. } => {
                let newer = index.subjects(claim, Property::Supersedes);
                newer.iter().any(|n| {
                    any_graph(index, n.term, Property::StatedOn)
                        .filter_map(|d| parsed_date(index, dates, d))
                        .any(|d| d.le(*limit))
                })
            }
        }
    }

    /// `FILTER(?statedOn <= limit)` and no claim of (actor, issue) stated later up to the
    /// limit: whether a claim of `actor` on `issue` stated on `on` is their position.
    fn stands(&self, index: &'a ClaimIndex, actor: Id, issue: Id, on: Id) -> bool {
        match self {
            PositionDates::Ranked { rank, latest, .. } => match rank.get(&on) {
                Some(&(r, true)) => latest.get(actor, issue).is_none_or(|best| best <= r),
                _ => false,
            },
            PositionDates::General {
                dates,
                limit,
                latest,
                stated,
            } => {
                let Some(on) = parsed_date(index, dates, on) else {
                    return false;
                };
                if !on.le(*limit) {
                    return false;
                }
                let later = match latest.get(&(actor, issue)) {
                    None | Some(Latest::None) => false,
                    Some(Latest::Best(best)) => best.gt(on),
                    Some(Latest::Scan) => stated
                        .get(&(actor, issue))
                        .is_some_and(|dates| dates.iter().any(|d| d.gt(on))),
                };
                !later
            }
        }
    }
}

/// A date as parsed once in `dates`, or parsed now if it is not there.
fn parsed_date<'a>(
    index: &'a ClaimIndex,
    dates: &FxHashMap<Id, Option<Comparable<'a>>>,
    id: Id,
) -> Option<Comparable<'a>> {
    match dates.get(&id) {
        Some(parsed) => *parsed,
        None => Comparable::of(index.term(id)),
    }
}

/// A claim's labels, action labels and modalities, as the rows of `positions` need them.
type ClaimDetails = (Vec<Id>, Vec<Id>, Vec<Option<Id>>);

/// A row of `positions` as numbers, its terms made once it is in order.
#[derive(Clone, Copy)]
struct PositionRow {
    actor: Id,
    actor_label: Id,
    issue: Id,
    issue_label: Id,
    claim: Id,
    class: Id,
    modality: Option<Id>,
    action: Id,
    on: Id,
    graph: Id,
    label: Id,
}

/// The `positions` named query.
pub(crate) fn positions<'i>(index: &'i ClaimIndex, as_of: Option<&Term>) -> Answer<'i> {
    const VARIABLES: &[&str] = &[
        "asOf",
        "actor",
        "actorLabel",
        "issue",
        "issueLabel",
        "claim",
        "kind",
        "modality",
        "action",
        "statedOn",
        "source",
        "label",
    ];
    // COALESCE(?asOf, "9999-12-31"^^xsd:date)
    let end_of_time: Term = Literal::new_typed_literal("9999-12-31", xsd::DATE).into();
    let limit_term = as_of.unwrap_or(&end_of_time);
    let Some(limit) = Comparable::of(limit_term) else {
        return Answer::new(index, VARIABLES);
    };
    let dates = PositionDates::new(index, limit);
    let mut found: Vec<PositionRow> = Vec::new();
    let mut claims = dates.may_stand(index);
    claims.retain(|&claim| !dates.superseded(index, claim));
    // The rows of the claims that stand lie scattered over the index (most claims between
    // them do not stand): each claim's are hinted ahead, where they lie and then the values.
    const READ: [Property; 7] = [
        Property::Holder,
        Property::Issue,
        Property::StatedOn,
        Property::Type,
        Property::Label,
        Property::Action,
        Property::Modality,
    ];
    let hint = |&claim: &Id, step| index.prefetch_rows(claim, &READ, step);
    hinted(&claims, 2, hint, |&claim| {
        let holders = index.values(claim, Property::Holder);
        // What the rows of a standing claim need, read only for the claims that stand (most
        // of a large store's claims do not).
        let details = || {
            let labels: Vec<Id> = any_graph(index, claim, Property::Label).collect();
            let actions = path_labels(index, claim, Property::Action);
            let mut modalities: Vec<Option<Id>> = any_graph(index, claim, Property::Modality)
                .map(Some)
                .collect();
            if modalities.is_empty() {
                modalities.push(None);
            }
            (labels, actions, modalities)
        };
        let mut read: Option<ClaimDetails> = None;
        // GRAPH ?source { ?claim neg:holder ?actor ; neg:issue ?issue ; neg:statedOn ?statedOn ; a ?k }
        for holder in holders.iter().filter(|h| h.graph != DEFAULT_GRAPH) {
            let (actor, graph) = (holder.term, holder.graph);
            for issue in in_graph(index, claim, Property::Issue, graph) {
                for on in in_graph(index, claim, Property::StatedOn, graph) {
                    if !dates.stands(index, actor, issue, on) {
                        continue;
                    }
                    let (labels, actions, modalities) = read.get_or_insert_with(details);
                    for class in kinds_in(index, claim, graph) {
                        for actor_label in any_graph(index, actor, Property::Label) {
                            for issue_label in any_graph(index, issue, Property::Label) {
                                for &label in labels.iter() {
                                    for &action in actions.iter() {
                                        for &modality in modalities.iter() {
                                            found.push(PositionRow {
                                                actor,
                                                actor_label,
                                                issue,
                                                issue_label,
                                                claim,
                                                class,
                                                modality,
                                                action,
                                                on,
                                                graph,
                                                label,
                                            });
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    });
    // ORDER BY ?actorLabel ?issueLabel ?statedOn ?claim: by the ranks of the first three,
    // then, among rows equal in those, by the claim and every column.
    let labels = order_ranks(
        index,
        found.iter().flat_map(|r| [r.actor_label, r.issue_label]),
    );
    let days = order_ranks(index, found.iter().map(|r| r.on));
    let keyed = by_ranks(found.into_iter().map(|r| {
        (
            [labels[&r.actor_label], labels[&r.issue_label], days[&r.on]],
            r,
        )
    }));
    // The rows as the numbers of their terms: the terms are read when the answer is written.
    let mut answer = Answer::new(index, VARIABLES);
    answer.reserve(keyed.len());
    let as_of = as_of.map_or(Cell::UNBOUND, |t| answer.make(t.clone()));
    let mut kinds: FxHashMap<Id, Cell> = FxHashMap::default();
    let mut kind = |answer: &mut Answer<'_>, class: Id| {
        *kinds
            .entry(class)
            .or_insert_with(|| answer.make(kind_name(index.term(class))))
    };
    for (_, r) in &keyed {
        let row = [
            as_of,
            answer.id(r.actor),
            answer.id(r.actor_label),
            answer.id(r.issue),
            answer.id(r.issue_label),
            answer.id(r.claim),
            kind(&mut answer, r.class),
            r.modality.map_or(Cell::UNBOUND, |m| kind(&mut answer, m)),
            answer.id(r.action),
            answer.id(r.on),
            answer.id(r.graph),
            answer.id(r.label),
        ];
        answer.push(row);
    }
    let ranks: Vec<[u32; 3]> = keyed.iter().map(|&(ranks, _)| ranks).collect();
    answer.sort_runs(&ranks, &[2, 4, 9, 5]);
    answer
}

/// `items` in the order of their ranks, those with equal ranks in the order they came: placed
/// by their first rank with a counting sort ([`stable_sort_by_id`]), then each run of one first
/// rank sorted by the other ranks where it lies. A comparison sort of the whole list reads its
/// items scattered over memory some twenty times over; the runs here are a few dozen items.
fn by_ranks<T: Copy>(items: impl IntoIterator<Item = ([u32; 3], T)>) -> Vec<([u32; 3], T)> {
    let items: Vec<([u32; 3], T)> = items.into_iter().collect();
    let mut placed = stable_sort_by_id(&items, |&(ranks, _)| ranks[0]);
    for run in placed.chunk_by_mut(|a, b| a.0[0] == b.0[0]) {
        if run.len() > 1 {
            run.sort_by_key(|&(ranks, _)| ranks);
        }
    }
    placed
}

/// The ranks of `ids` in ORDER BY's order (from 0; terms ORDER BY finds equal share one), each
/// term parsed once however often it comes.
fn order_ranks(index: &ClaimIndex, ids: impl Iterator<Item = Id>) -> FxHashMap<Id, u32> {
    ranks_by(ids, |id| SortKey::of(Some(index.term(id))), SortKey::cmp)
}

/// The ranks of `ids` in the order `cmp` gives their keys (from 0; ids whose keys are equal
/// share one), each id's key made once however often it comes.
pub(crate) fn ranks_by<K>(
    ids: impl Iterator<Item = Id>,
    key: impl Fn(Id) -> K,
    cmp: impl Fn(&K, &K) -> Ordering,
) -> FxHashMap<Id, u32> {
    let mut distinct: Vec<Id> = ids.collect();
    distinct.sort_unstable();
    distinct.dedup();
    let mut keyed: Vec<(K, Id)> = distinct.into_iter().map(|id| (key(id), id)).collect();
    keyed.sort_by(|a, b| cmp(&a.0, &b.0));
    let mut ranks = FxHashMap::default();
    let mut rank = 0;
    for (i, (k, id)) in keyed.iter().enumerate() {
        if i > 0 && cmp(&keyed[i - 1].0, k).is_ne() {
            rank += 1;
        }
        ranks.insert(*id, rank);
    }
    ranks
}

/// `OPTIONAL { ?claim neg:statedOn ?on } OPTIONAL { ?claim neg:statedBefore ?before }
/// BIND(COALESCE(?on, ?before) AS ?statedOn) BIND(IF(BOUND(?on), "on", "before") AS ?dated)`:
/// the (statedOn, dated) pairs of a claim.
fn dated(index: &ClaimIndex, claim: Id) -> Vec<(Option<Term>, Term)> {
    let on: Vec<Id> = any_graph(index, claim, Property::StatedOn).collect();
    let before: Vec<Id> = any_graph(index, claim, Property::StatedBefore).collect();
    let on: Vec<Option<Id>> = if on.is_empty() {
        vec![None]
    } else {
        on.into_iter().map(Some).collect()
    };
    let before: Vec<Option<Id>> = if before.is_empty() {
        vec![None]
    } else {
        before.into_iter().map(Some).collect()
    };
    let mut out = Vec::new();
    for o in &on {
        for b in &before {
            let stated = o.or(*b).map(|d| index.term(d).clone());
            out.push((stated, simple(if o.is_some() { "on" } else { "before" })));
        }
    }
    out
}

/// `MIN(STR(?q))` of `claim`'s quotes in `graph` (`neg:evidence/neg:quote ?q`): `None` when
/// it has none (no group, no row); `Some(None)` when a quote has no text (`STR` of a blank node
/// is an error, and so is the `MIN`); else the least text by code point, as a simple literal.
fn least_quote(index: &ClaimIndex, claim: Id, graph: Id) -> Option<Option<Term>> {
    let mut quotes = in_graph(index, claim, Property::Evidence, graph)
        .flat_map(|e| in_graph(index, e, Property::Quote, graph))
        .peekable();
    quotes.peek()?;
    let mut least: Option<&str> = None;
    for quote in quotes {
        let text = match index.term(quote) {
            Term::Literal(literal) => literal.value(),
            Term::NamedNode(node) => node.as_str(),
            _ => return Some(None),
        };
        if least.is_none_or(|l| text < l) {
            least = Some(text);
        }
    }
    Some(least.map(simple))
}

/// The `timeline-actor` named query; `actor` bound or not.
pub(crate) fn timeline_actor(index: &ClaimIndex, actor: Option<&Term>) -> Solutions {
    const VARIABLES: &[&str] = &[
        "statedOn", "dated", "actor", "holder", "kind", "label", "issues", "claim", "source",
        "quote",
    ];
    let mut rows = Vec::new();
    // GROUP BY ?claim ?actor ?source
    for (claim, actor, graph) in claim_groups(index, actor, Property::Holder) {
        if graph == DEFAULT_GRAPH {
            continue;
        }
        let Some(quote) = least_quote(index, claim, graph) else {
            continue;
        };
        let issues = issue_list(index, claim);
        let labels: Vec<Id> = any_graph(index, claim, Property::Label).collect();
        let kinds = kinds_any(index, claim);
        let holders: Vec<Id> = any_graph(index, actor, Property::Label).collect();
        let dates = dated(index, claim);
        for &label in &labels {
            for &class in &kinds {
                let kind = kind_name(index.term(class));
                for &holder in &holders {
                    for (stated, dated) in &dates {
                        rows.push(vec![
                            stated.clone(),
                            Some(dated.clone()),
                            Some(index.term(actor).clone()),
                            Some(index.term(holder).clone()),
                            Some(kind.clone()),
                            Some(index.term(label).clone()),
                            issues.clone(),
                            Some(index.term(claim).clone()),
                            Some(index.term(graph).clone()),
                            quote.clone(),
                        ]);
                    }
                }
            }
        }
    }
    // ORDER BY ?statedOn ?holder ?claim
    sort_rows(&mut rows, &[0, 3, 7]);
    solutions(VARIABLES, rows)
}

/// The distinct (claim, value, graph) of `?claim property ?value` in a named graph's quads,
/// the value fixed to `bound` when it is given: the groups of a timeline's subquery.
fn claim_groups(index: &ClaimIndex, bound: Option<&Term>, property: Property) -> Vec<(Id, Id, Id)> {
    let mut groups: Vec<(Id, Id, Id)> = match bound {
        Some(term) => index.id(term).map_or_else(Vec::new, |value| {
            index
                .subjects(value, property)
                .iter()
                .map(|v| (v.term, value, v.graph))
                .collect()
        }),
        None => index
            .all(property)
            .flat_map(|(claim, values)| values.iter().map(move |v| (claim, v.term, v.graph)))
            .collect(),
    };
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// `GROUP_CONCAT(DISTINCT ?issueLabel; separator=", ")` of `?claim neg:issue/rdfs:label
/// ?issueLabel`, in alphabetical order; unbound when the claim has no issue label (the
/// OPTIONAL leaves `?issueLabel` unbound, and the aggregate of an unbound value is an error).
fn issue_list(index: &ClaimIndex, claim: Id) -> Option<Term> {
    let found = path_labels(index, claim, Property::Issue);
    if found.is_empty() {
        return None;
    }
    let mut labels: Vec<&str> = found
        .into_iter()
        .filter_map(|l| match index.term(l) {
            Term::Literal(literal) => Some(literal.value()),
            _ => None,
        })
        .collect();
    labels.sort_unstable();
    labels.dedup();
    Some(simple(&labels.join(", ")))
}

/// The `timeline-issue` named query; `issue` bound or not.
pub(crate) fn timeline_issue(index: &ClaimIndex, issue: Option<&Term>) -> Solutions {
    const VARIABLES: &[&str] = &[
        "statedOn",
        "dated",
        "issue",
        "issueLabel",
        "holder",
        "kind",
        "label",
        "claim",
        "source",
        "quote",
    ];
    let mut rows = Vec::new();
    // GROUP BY ?claim ?issue ?source
    for (claim, issue, graph) in claim_groups(index, issue, Property::Issue) {
        if graph == DEFAULT_GRAPH {
            continue;
        }
        let Some(quote) = least_quote(index, claim, graph) else {
            continue;
        };
        let labels: Vec<Id> = any_graph(index, claim, Property::Label).collect();
        let kinds = kinds_any(index, claim);
        let holders = path_labels(index, claim, Property::Holder);
        let issue_labels: Vec<Id> = any_graph(index, issue, Property::Label).collect();
        let dates = dated(index, claim);
        for &label in &labels {
            for &class in &kinds {
                let kind = kind_name(index.term(class));
                for &holder in &holders {
                    for &issue_label in &issue_labels {
                        for (stated, dated) in &dates {
                            rows.push(vec![
                                stated.clone(),
                                Some(dated.clone()),
                                Some(index.term(issue).clone()),
                                Some(index.term(issue_label).clone()),
                                Some(index.term(holder).clone()),
                                Some(kind.clone()),
                                Some(index.term(label).clone()),
                                Some(index.term(claim).clone()),
                                Some(index.term(graph).clone()),
                                quote.clone(),
                            ]);
                        }
                    }
                }
            }
        }
    }
    // ORDER BY ?statedOn ?issueLabel ?claim
    sort_rows(&mut rows, &[0, 3, 7]);
    solutions(VARIABLES, rows)
}

/// The `accounts-of-event` named query; `event` bound or not.
pub(crate) fn accounts_of_event(index: &ClaimIndex, event: Option<&Term>) -> Solutions {
    const VARIABLES: &[&str] = &[
        "event", "reporter", "source", "claim", "kind", "action", "holder", "label", "quote",
    ];
    let mut pairs: Vec<(Id, Id)> = Vec::new();
    match event {
        Some(event) => {
            if let Some(event) = index.id(event) {
                pairs.extend(
                    index
                        .subjects(event, Property::Event)
                        .iter()
                        .map(|v| (v.term, event)),
                );
            }
        }
        None => {
            for (claim, events) in index.all(Property::Event) {
                pairs.extend(events.iter().map(|v| (claim, v.term)));
            }
        }
    }
    let mut rows = Vec::new();
    for (claim, event) in pairs {
        let holders = path_labels(index, claim, Property::Holder);
        let actions = path_labels(index, claim, Property::Action);
        let labels: Vec<Id> = any_graph(index, claim, Property::Label).collect();
        let kinds = kinds_any(index, claim);
        for evidence in any_graph(index, claim, Property::Evidence) {
            let reporters = path_labels(index, evidence, Property::ReportedBy);
            let sources: Vec<Id> = any_graph(index, evidence, Property::SourceOf).collect();
            let quotes: Vec<Id> = any_graph(index, evidence, Property::Quote).collect();
            for &holder in &holders {
                for &action in &actions {
                    for &label in &labels {
                        for &class in &kinds {
                            let kind = kind_name(index.term(class));
                            for &reporter in &reporters {
                                for &source in &sources {
                                    for &quote in &quotes {
                                        rows.push(vec![
                                            Some(index.term(event).clone()),
                                            Some(index.term(reporter).clone()),
                                            Some(index.term(source).clone()),
                                            Some(index.term(claim).clone()),
                                            Some(kind.clone()),
                                            Some(index.term(action).clone()),
                                            Some(index.term(holder).clone()),
                                            Some(index.term(label).clone()),
                                            Some(index.term(quote).clone()),
                                        ]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    // ORDER BY ?event ?reporter ?source ?claim ?quote
    sort_rows(&mut rows, &[0, 1, 2, 3, 8]);
    solutions(VARIABLES, rows)
}

/// The `claims-of-source` named query; `source` bound or not.
pub(crate) fn claims_of_source(index: &ClaimIndex, source: Option<&Term>) -> Solutions {
    const VARIABLES: &[&str] = &[
        "source",
        "claim",
        "kind",
        "holder",
        "label",
        "statedOn",
        "quote",
        "reportedBy",
        "sentence",
    ];
    let wanted = match source {
        Some(term) => match index.id(term) {
            Some(id) => Some(id),
            None => return solutions(VARIABLES, Vec::new()),
        },
        None => None,
    };
    let mut rows = Vec::new();
    // Every claim's holders in named graphs, claim by claim; for one source, only its own.
    let quads: Box<dyn Iterator<Item = (Id, Value)> + '_> = match wanted {
        Some(graph) => Box::new(index.holders_in_graph(graph).iter().map(move |v| {
            (
                v.graph,
                Value {
                    graph,
                    term: v.term,
                },
            )
        })),
        None => Box::new(
            index
                .all(Property::Holder)
                .flat_map(|(claim, holders)| holders.iter().map(move |v| (claim, *v))),
        ),
    };
    for (claim, Value { graph, term: h }) in quads {
        {
            if graph == DEFAULT_GRAPH {
                continue;
            }
            // ?source a neg:Source (in any graph, once per quad)
            let source_quads = index.source_count(graph);
            if source_quads == 0 {
                continue;
            }
            let labels: Vec<Id> = in_graph(index, claim, Property::Label, graph).collect();
            let kinds = kinds_in(index, claim, graph);
            let holder_labels: Vec<Id> = any_graph(index, h, Property::Label).collect();
            let mut dates: Vec<Option<Id>> = in_graph(index, claim, Property::StatedOn, graph)
                .map(Some)
                .collect();
            if dates.is_empty() {
                dates.push(None);
            }
            for evidence in in_graph(index, claim, Property::Evidence, graph) {
                let quotes: Vec<Id> = in_graph(index, evidence, Property::Quote, graph).collect();
                // OPTIONAL { GRAPH ?source { ?e neg:sentence ?sentence } }: each quote with
                // each sentence, or with none.
                let mut sentences: Vec<Option<Id>> =
                    in_graph(index, evidence, Property::Sentence, graph)
                        .map(Some)
                        .collect();
                if sentences.is_empty() {
                    sentences.push(None);
                }
                let quoted: Vec<(Id, Option<Id>)> = quotes
                    .iter()
                    .flat_map(|&q| sentences.iter().map(move |&s| (q, s)))
                    .collect();
                for reporter in in_graph(index, evidence, Property::ReportedBy, graph) {
                    let reporter_labels: Vec<Id> =
                        any_graph(index, reporter, Property::Label).collect();
                    for &(quote, sentence) in &quoted {
                        for &label in &labels {
                            for &class in &kinds {
                                let kind = kind_name(index.term(class));
                                for &holder in &holder_labels {
                                    for &reported_by in &reporter_labels {
                                        for date in &dates {
                                            for _ in 0..source_quads {
                                                rows.push(vec![
                                                    Some(index.term(graph).clone()),
                                                    Some(index.term(claim).clone()),
                                                    Some(kind.clone()),
                                                    Some(index.term(holder).clone()),
                                                    Some(index.term(label).clone()),
                                                    date.map(|d| index.term(d).clone()),
                                                    Some(index.term(quote).clone()),
                                                    Some(index.term(reported_by).clone()),
                                                    sentence.map(|s| index.term(s).clone()),
                                                ]);
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    // ORDER BY ?source ?statedOn ?claim ?quote
    sort_rows(&mut rows, &[0, 5, 1, 6]);
    solutions(VARIABLES, rows)
}

#[cfg(test)]
mod tests {
    use super::{
        by_ranks, cmp_terms, sort_rows_by, stable_sort_by_id, IdMap, IdPlaces, IdSet, RankCells,
    };
    use oxigraph::model::vocab::xsd;
    use oxigraph::model::{Literal, Term};
    use oxsdatatypes::Date;
    use proptest::prelude::*;
    use rustc_hash::FxHashMap;
    use std::str::FromStr;

    proptest! {
        /// Items placed by their ranks come out as a stable sort by the ranks gives them:
        /// equal ranks in the order they came.
        #[test]
        fn items_by_ranks_are_a_stable_sort_by_their_ranks(
            items in prop::collection::vec(((0u32..6, 0u32..3, 0u32..3), 0u16..1000), 0..200),
        ) {
            let items: Vec<([u32; 3], u16)> =
                items.into_iter().map(|((a, b, c), x)| ([a, b, c], x)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(ranks, _)| ranks);
            prop_assert_eq!(by_ranks(items), expected);
        }
    }

    proptest! {
        /// The table and the map of latest ranks keep the same greatest rank of each cell.
        #[test]
        fn rank_cells_keep_the_greatest_rank_as_a_table_and_as_a_map(
            raises in prop::collection::vec((0u32..7, 0u32..5, 1u32..50), 0..100),
        ) {
            let mut table = RankCells::Table { issues: 5, ranks: vec![0; 7 * 5] };
            let mut map = RankCells::Map(FxHashMap::default());
            let mut expected = [[0u32; 5]; 7];
            for &(holder, issue, rank) in &raises {
                table.raise(holder, issue, rank);
                map.raise(holder, issue, rank);
                let cell = &mut expected[holder as usize][issue as usize];
                *cell = (*cell).max(rank);
            }
            for holder in 0..7u32 {
                for issue in 0..5u32 {
                    let want = expected[holder as usize][issue as usize];
                    prop_assert_eq!(table.get(holder, issue), want);
                    prop_assert_eq!(map.get(holder, issue), want);
                }
            }
        }
    }

    proptest! {
        /// The place of an id is its place in the sorted list, as a binary search finds it;
        /// an id not in the list has none.
        #[test]
        fn id_places_are_the_places_in_the_sorted_list(
            mut ids in prop::collection::vec(0u32..2_000, 0..300),
            probes in prop::collection::vec(0u32..2_100, 0..100),
        ) {
            ids.sort_unstable();
            ids.dedup();
            let places = IdPlaces::of(&ids);
            for id in probes.into_iter().chain(ids.iter().copied()) {
                prop_assert_eq!(places.place(id), ids.binary_search(&id).ok());
            }
        }

        /// An id map holds the last value given to each id, as a map does, and none for the
        /// ids never given one, across pages and past the last page made.
        #[test]
        fn id_maps_keep_the_last_value_of_each_id(
            writes in prop::collection::vec((0u32..3_000, any::<u16>()), 0..300),
            probes in prop::collection::vec(0u32..5_000, 0..100),
        ) {
            let mut map = IdMap::default();
            let mut model = std::collections::HashMap::new();
            for &(id, value) in &writes {
                map.insert(id, value);
                model.insert(id, value);
            }
            for id in probes.into_iter().chain(writes.iter().map(|w| w.0)) {
                prop_assert_eq!(map.get(id), model.get(&id));
            }
        }

        /// A set of ids lists each id put in it once, in order, across words.
        #[test]
        fn id_sets_list_their_ids_in_order(ids in prop::collection::vec(0u32..5_000, 0..300)) {
            let set = IdSet::of(&ids);
            let mut expected = ids.clone();
            expected.sort_unstable();
            expected.dedup();
            prop_assert_eq!(set.iter().collect::<Vec<_>>(), expected);
        }

        /// The counting sort gives the order of a stable comparison sort by the key.
        #[test]
        fn the_counting_sort_is_a_stable_sort_by_the_key(
            items in prop::collection::vec((0u32..40, any::<u16>()), 0..300),
            spread in 1u32..100_000,
        ) {
            let items: Vec<(u32, u16)> =
                items.into_iter().map(|(k, v)| (k.saturating_mul(spread), v)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            prop_assert_eq!(stable_sort_by_id(&items, |item| item.0), expected);
        }

        /// Dates written `YYYY-MM-DD` are compared as texts, without being parsed: that gives
        /// the order of ORDER BY (by value where both are dates that compare, else by form),
        /// on valid and invalid days, with time zones, negative and five-digit years.
        #[test]
        fn days_compare_by_their_forms_as_by_their_values(
            a in prop_oneof![
                "[0-9]{4}-[01][0-9]-[0-3][0-9]",
                "-?[0-9]{4,5}-[01][0-9]-[0-3][0-9](Z|[+-]0[0-9]:00)?",
            ],
            b in prop_oneof![
                "[0-9]{4}-[01][0-9]-[0-3][0-9]",
                "-?[0-9]{4,5}-[01][0-9]-[0-3][0-9](Z|[+-]0[0-9]:00)?",
            ],
        ) {
            let term = |v: &str| Term::from(Literal::new_typed_literal(v, xsd::DATE));
            let expected = match (Date::from_str(&a), Date::from_str(&b)) {
                (Ok(x), Ok(y)) => x.partial_cmp(&y),
                _ => None,
            }
            .unwrap_or_else(|| a.cmp(&b));
            prop_assert_eq!(cmp_terms(Some(&term(&a)), Some(&term(&b))), expected);
        }
    }

    fn typed(value: &str, datatype: oxigraph::model::NamedNodeRef<'_>) -> Option<Term> {
        Some(Literal::new_typed_literal(value, datatype).into())
    }

    /// Integers and dates sort by value, as SPARQL's ORDER BY sorts them: 10 claims before 9
    /// in descending order, though "9" sorts after "10" as a text.
    #[test]
    fn rows_sort_by_the_values_of_integers_and_dates() {
        let mut rows = vec![
            vec![typed("9", xsd::INTEGER), typed("2025-05-19", xsd::DATE)],
            vec![typed("10", xsd::INTEGER), typed("2025-05-02", xsd::DATE)],
            vec![typed("10", xsd::INTEGER), typed("2025-11-20", xsd::DATE)],
            vec![typed("100", xsd::INTEGER), None],
        ];
        sort_rows_by(&mut rows, &[(0, true), (1, true)]);
        let order: Vec<(String, String)> = rows
            .iter()
            .map(|row| {
                let text = |t: &Option<Term>| match t {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    _ => String::new(),
                };
                (text(&row[0]), text(&row[1]))
            })
            .collect();
        let expected = [
            ("100", ""),
            ("10", "2025-11-20"),
            ("10", "2025-05-02"),
            ("9", "2025-05-19"),
        ];
        assert_eq!(
            order,
            expected.map(|(a, b)| (a.to_owned(), b.to_owned())).to_vec()
        );
    }
}
