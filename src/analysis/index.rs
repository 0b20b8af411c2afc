//! The claim index: the part of the graph the analyses read, held as interned terms and
//! per-predicate adjacency lists, so that the analyses run as native joins instead of SPARQL.
//!
//! The index is built from the store (never from the data files), so whatever came in through
//! RDF import or SPARQL Update is in it; it keeps the quads' graphs, so that the patterns the
//! named queries put inside `GRAPH ?source { … }` are answered from the same graph, and it
//! keeps every quad of the union default graph as the engine sees it (a triple stored in two
//! graphs counts twice, as it does for Oxigraph). The named queries in `queries/` stay the
//! definition: a differential test checks that each fast analysis gives exactly their rows.
//!
//! Once built, the index is a handful of flat arrays (terms as encoded bytes, adjacency in
//! compressed sparse rows), so that it can be written beside an on-disk store and read back
//! in one pass (see `persist`), and a lookup costs an array access or a short binary search.

use super::slab::Slab;
use super::terms::{self, Terms};
use crate::error::{Error, Result};
use crate::store::KnowledgeGraph;
use crate::vocab;
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{GraphName, NamedNodeRef, Quad, Term, TermRef};
use rustc_hash::FxHashMap;

/// A term's number in the index.
pub(crate) type Id = u32;

/// The graph of the default graph (not a named graph): never matches `GRAPH ?g`.
pub(crate) const DEFAULT_GRAPH: Id = Id::MAX;

const DCTERMS_TITLE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://purl.org/dc/terms/title");

/// The predicates the analyses read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Property {
    Type,
    Label,
    Holder,
    Addressee,
    Action,
    Issue,
    Place,
    Event,
    StatedOn,
    StatedBefore,
    Modality,
    Supersedes,
    RespondsTo,
    Contradicts,
    Evidence,
    Quote,
    ReportedBy,
    SourceOf,
    Affiliation,
    Member,
    /// `dcterms:title` (a source's), for the web app's labels.
    Title,
    /// `neg:sentence`: the sentence an evidence's quote stands in.
    Sentence,
}

impl Property {
    pub(super) const ALL: [Property; 22] = [
        Property::Type,
        Property::Label,
        Property::Holder,
        Property::Addressee,
        Property::Action,
        Property::Issue,
        Property::Place,
        Property::Event,
        Property::StatedOn,
        Property::StatedBefore,
        Property::Modality,
        Property::Supersedes,
        Property::RespondsTo,
        Property::Contradicts,
        Property::Evidence,
        Property::Quote,
        Property::ReportedBy,
        Property::SourceOf,
        Property::Affiliation,
        Property::Member,
        Property::Title,
        Property::Sentence,
    ];

    pub(super) fn iri(self) -> NamedNodeRef<'static> {
        match self {
            Property::Type => rdf::TYPE,
            Property::Label => rdfs::LABEL,
            Property::Holder => vocab::HOLDER,
            Property::Addressee => vocab::ADDRESSEE,
            Property::Action => vocab::ACTION_PROPERTY,
            Property::Issue => vocab::ISSUE_PROPERTY,
            Property::Place => vocab::PLACE_PROPERTY,
            Property::Event => vocab::EVENT_PROPERTY,
            Property::StatedOn => vocab::STATED_ON,
            Property::StatedBefore => vocab::STATED_BEFORE,
            Property::Modality => vocab::MODALITY_PROPERTY,
            Property::Supersedes => vocab::SUPERSEDES,
            Property::RespondsTo => vocab::RESPONDS_TO,
            Property::Contradicts => vocab::CONTRADICTS,
            Property::Evidence => vocab::EVIDENCE_PROPERTY,
            Property::Quote => vocab::QUOTE,
            Property::ReportedBy => vocab::REPORTED_BY,
            Property::SourceOf => vocab::SOURCE_PROPERTY,
            Property::Affiliation => vocab::AFFILIATION,
            Property::Member => vocab::MEMBER,
            Property::Title => DCTERMS_TITLE,
            Property::Sentence => vocab::SENTENCE,
        }
    }

    /// Whether the analyses look this property up from its object too.
    fn has_inverse(self) -> bool {
        matches!(
            self,
            Property::Holder
                | Property::Addressee
                | Property::Issue
                | Property::Event
                | Property::Action
                | Property::Place
                | Property::Supersedes
                | Property::RespondsTo
                | Property::Type
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One value of a property: the graph the quad is in and the object (or, in the inverse
/// lists, the subject).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, bytemuck::Pod, bytemuck::Zeroable,
)]
#[repr(C)]
pub(crate) struct Value {
    pub(crate) graph: Id,
    pub(crate) term: Id,
}

/// The terms of `values`, each once, in the order of their numbers (their graphs left aside).
pub(crate) fn distinct_terms(values: &[Value]) -> Vec<Id> {
    let mut terms: Vec<Id> = values.iter().map(|v| v.term).collect();
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// The keys of a [`Rows`]: a dense run of ids, or a sorted list.
#[derive(Debug)]
pub(super) enum Keys {
    /// Key `base + i` has row `i`.
    Dense { base: Id },
    /// Key `keys[i]` has row `i`; strictly increasing.
    Sparse(Slab<Id>),
}

/// Compressed sparse rows: the values of each key, one after the other.
#[derive(Debug)]
pub(super) struct Rows {
    pub(super) keys: Keys,
    /// `offsets[i]..offsets[i + 1]` are row `i`'s values; one more than there are rows.
    pub(super) offsets: Slab<u32>,
    pub(super) values: Slab<Value>,
}

impl Default for Rows {
    fn default() -> Self {
        Rows {
            keys: Keys::Dense { base: 0 },
            offsets: vec![0].into(),
            values: Slab::default(),
        }
    }
}

impl Rows {
    /// Freezes a map of lists, its ids renumbered by `number`: dense when the keys fill an
    /// eighth of their span or more, sorted otherwise. A dense run costs four bytes per id of
    /// the span where a sorted list costs eight per key, and finds a row without a search:
    /// the properties of some of the claims (the places, the addressees, the events of half
    /// of them) are read claim by claim in the analyses' passes.
    fn freeze(map: FxHashMap<Id, Vec<Value>>, number: &Renumbering) -> Result<Self> {
        let mut lists: Vec<(Id, Vec<Value>)> = map
            .into_iter()
            .map(|(key, mut values)| {
                for value in &mut values {
                    value.graph = number.graph(value.graph);
                    value.term = number.term(value.term);
                }
                values.sort_unstable();
                values.dedup();
                (number.term(key), values)
            })
            .collect();
        lists.sort_unstable_by_key(|(key, _)| *key);
        let total: usize = lists.iter().map(|(_, values)| values.len()).sum();
        if u32::try_from(total).is_err() {
            return Err(Error::Store(format!(
                "the claim index holds at most {} values of one property; this store has {total}",
                u32::MAX
            )));
        }
        let (Some(&(first, _)), Some(&(last, _))) = (lists.first(), lists.last()) else {
            return Ok(Rows::default());
        };
        let mut values = Vec::with_capacity(total);
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        offsets.push(0);
        let span = (last - first) as usize + 1;
        let dense = span <= lists.len().saturating_mul(8).saturating_add(64);
        if dense {
            let mut next = first;
            for (key, list) in lists {
                while next < key {
                    offsets.push(values.len() as u32);
                    next += 1;
                }
                values.extend(list);
                offsets.push(values.len() as u32);
                next = key.saturating_add(1);
            }
            Ok(Rows {
                keys: Keys::Dense { base: first },
                offsets: offsets.into(),
                values: values.into(),
            })
        } else {
            let mut keys = Vec::with_capacity(lists.len());
            for (key, list) in lists {
                keys.push(key);
                values.extend(list);
                offsets.push(values.len() as u32);
            }
            Ok(Rows {
                keys: Keys::Sparse(keys.into()),
                offsets: offsets.into(),
                values: values.into(),
            })
        }
    }

    #[inline]
    fn rows(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Row `row`'s values (none if the offsets are out of order: never a panic on a damaged
    /// file).
    #[inline]
    fn row(&self, row: usize) -> &[Value] {
        let bounds = (self.offsets.get(row), self.offsets.get(row + 1));
        let (Some(&start), Some(&end)) = bounds else {
            return NO_VALUES;
        };
        self.values
            .get(start as usize..end as usize)
            .unwrap_or(NO_VALUES)
    }

    #[inline]
    fn key(&self, row: usize) -> Id {
        match &self.keys {
            Keys::Dense { base } => base.saturating_add(row as Id),
            Keys::Sparse(keys) => keys.get(row).copied().unwrap_or(DEFAULT_GRAPH),
        }
    }

    /// The row of `key`, if the keys span it (a row of a dense run may be empty).
    #[inline]
    fn row_of(&self, key: Id) -> Option<usize> {
        match &self.keys {
            Keys::Dense { base } => key
                .checked_sub(*base)
                .map(|row| row as usize)
                .filter(|&row| row < self.rows()),
            Keys::Sparse(keys) => find_key(keys, key),
        }
    }

    #[inline]
    fn get(&self, key: Id) -> &[Value] {
        match self.row_of(key) {
            Some(row) => self.row(row),
            None => NO_VALUES,
        }
    }

    /// Hints that the values of `key` are read soon: step 0 brings where they lie into the
    /// processor's cache, step 1 (once step 0 has had time to) the first of the values. Keys
    /// in a sorted list are not looked up for a hint: only a dense run is hinted.
    #[inline]
    fn prefetch(&self, key: Id, step: u8) {
        let Keys::Dense { base } = self.keys else {
            return;
        };
        let Some(row) = key.checked_sub(base).map(|row| row as usize) else {
            return;
        };
        let Some(start) = self.offsets.get(row) else {
            return;
        };
        if step == 0 {
            super::terms::prefetch_line(start);
        } else if let Some(first) = self.values.get(*start as usize) {
            super::terms::prefetch_line(first);
        }
    }

    fn iter(&self) -> impl Iterator<Item = (Id, &[Value])> {
        (0..self.rows())
            .map(|row| (self.key(row), self.row(row)))
            .filter(|(_, values)| !values.is_empty())
    }

    /// Checks the shape of rows read from a file: as many keys as rows, offsets from 0 to the
    /// number of values. What lies between is not read here (a damaged file gives wrong rows,
    /// never a panic; the index is rebuilt when the store changes).
    pub(super) fn check(&self, terms: usize) -> std::result::Result<(), String> {
        if self.offsets.first() != Some(&0)
            || self.offsets.last().map(|&l| l as usize) != Some(self.values.len())
        {
            return Err("row offsets out of order".into());
        }
        match &self.keys {
            Keys::Dense { base } => {
                if self.rows() > 0 && (*base as usize).saturating_add(self.rows()) > terms {
                    return Err("a run of keys past the last term".into());
                }
            }
            Keys::Sparse(keys) => {
                if keys.len() != self.rows() {
                    return Err("as many keys as rows".into());
                }
            }
        }
        Ok(())
    }
}

/// `a` against `b` as texts, but a run of digits in both against the other as a number
/// (`claim-9` before `claim-10`; with leading zeros, the shorter run first when equal).
fn natural_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let run = |text: &[u8], from: usize| {
                let end = text[from..]
                    .iter()
                    .position(|c| !c.is_ascii_digit())
                    .map_or(text.len(), |n| from + n);
                let zeros = text[from..end].iter().take_while(|&&c| c == b'0').count();
                (from + zeros, end)
            };
            let ((x, x_end), (y, y_end)) = (run(a, i), run(b, j));
            let order = (x_end - x)
                .cmp(&(y_end - y))
                .then_with(|| a[x..x_end].cmp(&b[y..y_end]))
                .then_with(|| (x_end - i).cmp(&(y_end - j)));
            if order != Ordering::Equal {
                return order;
            }
            i = x_end;
            j = y_end;
        } else {
            match a[i].cmp(&b[j]) {
                Ordering::Equal => {
                    i += 1;
                    j += 1;
                }
                other => return other,
            }
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

/// The position of `key` in the sorted `keys`. Ids are numbered in the order the quads came,
/// so the keys of a property spread evenly over their span: the search starts where `key`
/// would lie if they spread exactly evenly and gallops out from there, a few probes close
/// together instead of the twenty scattered over the whole list that a binary search of a
/// million keys makes. On keys out of order (a damaged file) it may miss, never panics.
fn find_key(keys: &[Id], key: Id) -> Option<usize> {
    let (&first, &last) = (keys.first()?, keys.last()?);
    if key < first || key > last {
        return None;
    }
    let span = u64::from(last - first).max(1);
    let end = keys.len() - 1;
    let guess = ((u64::from(key - first) * end as u64 / span) as usize).min(end);
    let within = |low: usize, high: usize| {
        let slice = keys.get(low..=high)?;
        slice.binary_search(&key).ok().map(|i| low + i)
    };
    let mut step = 1usize;
    match keys[guess].cmp(&key) {
        std::cmp::Ordering::Equal => Some(guess),
        // Ahead: probe guess + 1, + 2, + 4, ... until a key is not below `key`.
        std::cmp::Ordering::Less => {
            let mut low = guess + 1;
            loop {
                let probe = guess.saturating_add(step).min(end);
                if keys[probe] >= key || probe == end {
                    return within(low, probe);
                }
                low = probe + 1;
                step = step.saturating_mul(2);
            }
        }
        // Behind: probe guess - 1, - 2, - 4, ... until a key is not above `key`.
        std::cmp::Ordering::Greater => {
            let mut high = guess;
            loop {
                let probe = guess.saturating_sub(step);
                if keys[probe] <= key || probe == 0 {
                    return within(probe, high.checked_sub(1)?);
                }
                high = probe;
                step = step.saturating_mul(2);
            }
        }
    }
}

/// The rows of one property, from subject and (for some) from object.
#[derive(Debug, Default)]
pub(super) struct Adjacency {
    pub(super) forward: Rows,
    pub(super) inverse: Rows,
}

/// The claim index of a store (see the module documentation).
#[derive(Debug, Default)]
pub struct ClaimIndex {
    pub(super) terms: Terms,
    /// The rows of each property; `rdf:type` keeps every class, the analyses ask for the claim
    /// kinds and neg:Source.
    pub(super) properties: Vec<Adjacency>,
    /// The quads `?k rdfs:subClassOf neg:Claim`, as (class, graph), sorted, each once.
    pub(super) claim_classes: Vec<(Id, Id)>,
    /// The number of neg:Source, if the index holds it.
    pub(super) source_class: Option<Id>,
    /// For each named graph, its `neg:holder` quads, as `Value { graph: claim, term: holder }`
    /// (so that the claims of one source are found without reading every claim).
    pub(super) holders_by_graph: Rows,
    pub(super) origin: super::IndexOrigin,
    /// Why the index kept beside the store could not be used, when it could not.
    pub(super) unusable: Option<String>,
}

const NO_VALUES: &[Value] = &[];

/// What a claim index holds of claims, for the web app's overview of one negotiation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ClaimSummary {
    /// Claims: the subjects of `neg:holder`.
    pub claims: usize,
    /// The named graphs (sources) that state their holders.
    pub sources: usize,
    /// The actors that hold them.
    pub holders: usize,
    /// The first and last day one was stated (`YYYY-MM-DD`; `neg:statedBefore` for a claim known
    /// only to be stated by a day).
    pub first: Option<String>,
    pub last: Option<String>,
    /// The IRIs of the claims most recently stated, newest first.
    pub latest: Vec<String>,
}

/// Makes a claim index from quads given one by one, in any order and with repeats (a quad
/// given twice counts once, as in the store): from the store, from a load as it streams into
/// the store, or on top of an index already made.
pub struct IndexBuilder {
    /// The terms, encoded one after the other (see `terms`), and where each ends.
    bytes: Vec<u8>,
    ends: Vec<u64>,
    /// Each term's number, by its encoding.
    ids: FxHashMap<Box<[u8]>, Id>,
    scratch: Vec<u8>,
    predicates: FxHashMap<&'static str, Property>,
    forward: Vec<FxHashMap<Id, Vec<Value>>>,
    inverse: Vec<FxHashMap<Id, Vec<Value>>>,
    claim_classes: Vec<(Id, Id)>,
    holders_by_graph: FxHashMap<Id, Vec<Value>>,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder {
            bytes: Vec::new(),
            ends: Vec::new(),
            ids: FxHashMap::default(),
            scratch: Vec::new(),
            predicates: Property::ALL
                .iter()
                .map(|p| (p.iri().as_str(), *p))
                .collect(),
            forward: Property::ALL.iter().map(|_| FxHashMap::default()).collect(),
            inverse: Property::ALL.iter().map(|_| FxHashMap::default()).collect(),
            claim_classes: Vec::new(),
            holders_by_graph: FxHashMap::default(),
        }
    }
}

impl IndexBuilder {
    /// A builder holding what `index` holds, to add more quads to.
    pub fn from_index(index: &ClaimIndex) -> Self {
        let mut builder = IndexBuilder {
            bytes: index.terms.bytes.to_vec(),
            ends: index.terms.ends.to_vec(),
            ..IndexBuilder::default()
        };
        for id in 0..index.terms.len() {
            builder
                .ids
                .insert(index.terms.encoded(id as Id).into(), id as Id);
        }
        for (at, adjacency) in index.properties.iter().enumerate() {
            for (key, values) in adjacency.forward.iter() {
                builder.forward[at].insert(key, values.to_vec());
            }
            for (key, values) in adjacency.inverse.iter() {
                builder.inverse[at].insert(key, values.to_vec());
            }
        }
        builder.claim_classes = index.claim_classes.clone();
        for (graph, values) in index.holders_by_graph.iter() {
            builder.holders_by_graph.insert(graph, values.to_vec());
        }
        builder
    }

    fn intern(&mut self, term: TermRef<'_>) -> Result<Id> {
        self.scratch.clear();
        terms::encode_ref(term, &mut self.scratch);
        if let Some(id) = self.ids.get(self.scratch.as_slice()) {
            return Ok(*id);
        }
        let id = match Id::try_from(self.ends.len()) {
            Ok(id) if id < DEFAULT_GRAPH => id,
            _ => {
                return Err(Error::Store(format!(
                    "the claim index holds at most {} terms; this store has more",
                    DEFAULT_GRAPH
                )))
            }
        };
        self.bytes.extend_from_slice(&self.scratch);
        self.ends.push(self.bytes.len() as u64);
        self.ids.insert(self.scratch.as_slice().into(), id);
        Ok(id)
    }

    fn intern_graph(&mut self, graph: &GraphName) -> Result<Id> {
        match graph {
            GraphName::DefaultGraph => Ok(DEFAULT_GRAPH),
            GraphName::NamedNode(node) => self.intern(node.as_ref().into()),
            GraphName::BlankNode(node) => self.intern(node.as_ref().into()),
        }
    }

    /// Adds one quad (ignored unless the analyses read its predicate).
    pub fn add(&mut self, quad: &Quad) -> Result<()> {
        if quad.predicate == rdfs::SUB_CLASS_OF {
            if quad.object.as_ref() == TermRef::from(vocab::CLAIM) {
                let class = self.intern(quad.subject.as_ref().into())?;
                let graph = self.intern_graph(&quad.graph_name)?;
                self.claim_classes.push((class, graph));
            }
            return Ok(());
        }
        let Some(&property) = self.predicates.get(quad.predicate.as_str()) else {
            return Ok(());
        };
        let graph = self.intern_graph(&quad.graph_name)?;
        let subject = self.intern(quad.subject.as_ref().into())?;
        let object = self.intern(quad.object.as_ref())?;
        self.forward[property.index()]
            .entry(subject)
            .or_default()
            .push(Value {
                graph,
                term: object,
            });
        if property == Property::Holder && graph != DEFAULT_GRAPH {
            self.holders_by_graph.entry(graph).or_default().push(Value {
                graph: subject,
                term: object,
            });
        }
        if property.has_inverse() {
            self.inverse[property.index()]
                .entry(object)
                .or_default()
                .push(Value {
                    graph,
                    term: subject,
                });
        }
        Ok(())
    }

    /// The index, its terms renumbered: the claims first, then the terms they reach.
    pub fn finish(self) -> Result<ClaimIndex> {
        let number = Renumbering::new(&self);
        let mut properties = Vec::with_capacity(Property::ALL.len());
        for (forward, inverse) in self.forward.into_iter().zip(self.inverse) {
            properties.push(Adjacency {
                forward: Rows::freeze(forward, &number)?,
                inverse: Rows::freeze(inverse, &number)?,
            });
        }
        let mut claim_classes: Vec<(Id, Id)> = self
            .claim_classes
            .iter()
            .map(|&(class, graph)| (number.term(class), number.graph(graph)))
            .collect();
        claim_classes.sort_unstable();
        claim_classes.dedup();
        let mut source = Vec::new();
        terms::encode_ref(vocab::SOURCE.into(), &mut source);
        let source_class = self.ids.get(source.as_slice()).map(|&id| number.term(id));
        let (bytes, ends) = number.reorder(&self.bytes, &self.ends);
        Ok(ClaimIndex {
            source_class,
            terms: Terms::from_encoded(bytes, ends),
            properties,
            claim_classes,
            holders_by_graph: Rows::freeze(self.holders_by_graph, &number)?,
            origin: super::IndexOrigin::Built,
            unusable: None,
        })
    }
}

/// The numbers the terms get in a finished index: the claims (the subjects of `neg:holder`)
/// first, then the other typed subjects, then the other subjects, then the rest (dates,
/// quotes, labels). The lists keyed by claim then have their keys side by side (a dense
/// array, no search). Within each part, the claims come in the order of their IRIs (numbers
/// in them compared as numbers: `claim-9` before `claim-10`), and every other term in the
/// order the claims reach it (a claim's evidence, then that evidence's quote, …), the terms no
/// claim reaches last, in the order of their text. So the facts of neighbouring claims lie side
/// by side in every list, and the index is the same whether it was made as a load streamed
/// into the store or read back from the store, whatever order the quads came in.
struct Renumbering {
    /// The new number of each term, by its number in the builder.
    new: Vec<Id>,
}

impl Renumbering {
    fn new(builder: &IndexBuilder) -> Self {
        const CLAIM: u8 = 0;
        const TYPED: u8 = 1;
        const SUBJECT: u8 = 2;
        const OTHER: u8 = 3;
        const UNNUMBERED: Id = Id::MAX;
        let count = builder.ends.len();
        let mut rank = vec![OTHER; count];
        for (property, keys) in Property::ALL.iter().zip(&builder.forward) {
            let to = match property {
                Property::Holder => CLAIM,
                Property::Type => TYPED,
                _ => SUBJECT,
            };
            for &key in keys.keys() {
                if let Some(r) = rank.get_mut(key as usize) {
                    *r = (*r).min(to);
                }
            }
        }
        let mut next = [0 as Id; 4];
        for &r in &rank {
            next[r as usize] += 1;
        }
        // Where each part starts.
        let mut start = 0;
        for slot in &mut next {
            let part = *slot;
            *slot = start;
            start += part;
        }
        let encoded = |id: Id| -> &[u8] {
            let id = id as usize;
            let from = if id == 0 {
                0
            } else {
                builder.ends[id - 1] as usize
            };
            &builder.bytes[from..builder.ends[id] as usize]
        };
        // The terms `keep` keeps, in the order of their text.
        let by_text = |keep: &dyn Fn(usize) -> bool| -> Vec<Id> {
            let mut ids: Vec<Id> = (0..count as Id).filter(|&id| keep(id as usize)).collect();
            ids.sort_unstable_by(|&a, &b| natural_order(encoded(a), encoded(b)).then(a.cmp(&b)));
            ids
        };
        let mut new = vec![UNNUMBERED; count];
        // The terms numbered, in the order they were: each is visited in turn for the terms
        // it reaches.
        let mut reached: Vec<Id> = Vec::with_capacity(count);
        let mut number = |id: Id, new: &mut Vec<Id>, reached: &mut Vec<Id>| {
            if let Some(slot) = new.get_mut(id as usize) {
                if *slot == UNNUMBERED {
                    let part = rank[id as usize] as usize;
                    *slot = next[part];
                    next[part] += 1;
                    reached.push(id);
                }
            }
        };
        for claim in by_text(&|id| rank[id] == CLAIM) {
            number(claim, &mut new, &mut reached);
        }
        let graph_text = |graph: Id| -> &[u8] {
            if graph == DEFAULT_GRAPH {
                &[]
            } else {
                encoded(graph)
            }
        };
        let mut values: Vec<Value> = Vec::new();
        let mut at = 0;
        while let Some(&id) = reached.get(at) {
            at += 1;
            if rank[id as usize] == OTHER {
                continue;
            }
            for lists in &builder.forward {
                values.clear();
                values.extend(lists.get(&id).into_iter().flatten());
                // In the order of their text, not the order they came in.
                values.sort_unstable_by(|x, y| {
                    natural_order(encoded(x.term), encoded(y.term))
                        .then_with(|| natural_order(graph_text(x.graph), graph_text(y.graph)))
                });
                for value in &values {
                    if value.graph != DEFAULT_GRAPH {
                        number(value.graph, &mut new, &mut reached);
                    }
                    number(value.term, &mut new, &mut reached);
                }
            }
        }
        let rest = by_text(&|id| new[id] == UNNUMBERED);
        for id in rest {
            number(id, &mut new, &mut reached);
        }
        Renumbering { new }
    }

    fn term(&self, old: Id) -> Id {
        self.new.get(old as usize).copied().unwrap_or(old)
    }

    /// A graph's new number (the default graph keeps its own).
    fn graph(&self, old: Id) -> Id {
        if old == DEFAULT_GRAPH {
            old
        } else {
            self.term(old)
        }
    }

    /// The encoded terms (one after the other, each ending at its `ends`) in the new order.
    fn reorder(&self, bytes: &[u8], ends: &[u64]) -> (Vec<u8>, Vec<u64>) {
        let mut old_of_new = vec![0 as Id; self.new.len()];
        for (old, &new) in self.new.iter().enumerate() {
            old_of_new[new as usize] = old as Id;
        }
        let mut reordered = Vec::with_capacity(bytes.len());
        let mut new_ends = Vec::with_capacity(ends.len());
        for old in old_of_new {
            let old = old as usize;
            let start = if old == 0 { 0 } else { ends[old - 1] as usize };
            reordered.extend_from_slice(&bytes[start..ends[old] as usize]);
            new_ends.push(reordered.len() as u64);
        }
        (reordered, new_ends)
    }
}

impl ClaimIndex {
    /// Reads the part of `graph` the analyses need.
    pub fn build(graph: &KnowledgeGraph) -> Result<Self> {
        let store = graph.store();
        let mut builder = IndexBuilder::default();
        let claim: Term = vocab::CLAIM.into();
        for quad in
            store.quads_for_pattern(None, Some(rdfs::SUB_CLASS_OF), Some(claim.as_ref()), None)
        {
            builder.add(&quad?)?;
        }
        for property in Property::ALL {
            for quad in store.quads_for_pattern(None, Some(property.iri()), None, None) {
                builder.add(&quad?)?;
            }
        }
        builder.finish()
    }

    /// The number of a term, if the index holds it.
    pub(crate) fn id(&self, term: &Term) -> Option<Id> {
        self.terms.id(term)
    }

    /// The term of a number.
    pub(crate) fn term(&self, id: Id) -> &Term {
        self.terms.term(id)
    }

    /// Hints that the terms `ids` are read soon (see [`Terms::prefetch`]), `step` of three.
    pub(crate) fn prefetch_terms(&self, ids: &[Id], step: u8) {
        for &id in ids {
            self.terms.prefetch(id, step);
        }
    }

    /// Hints that the encodings of the terms `ids` are read soon (see
    /// [`Terms::prefetch_encoded`]), `step` of two.
    pub(crate) fn prefetch_encodings(&self, ids: &[Id], step: u8) {
        for &id in ids {
            self.terms.prefetch_encoded(id, step);
        }
    }

    /// The encoding of the term numbered `id`, as the index keeps it (see `terms`).
    pub(crate) fn encoded(&self, id: Id) -> &[u8] {
        self.terms.encoded(id)
    }

    /// The values of `property` on `subject`, in every graph.
    #[inline]
    pub(crate) fn values(&self, subject: Id, property: Property) -> &[Value] {
        self.properties[property.index()].forward.get(subject)
    }

    /// Hints that the values of `property` on `subject` are read soon, in two steps taken
    /// some items apart in a pass (see `Rows::prefetch`), so that a pass that reads the rows
    /// of scattered subjects need not wait on each.
    #[inline]
    pub(crate) fn prefetch_values(&self, subject: Id, property: Property, step: u8) {
        self.properties[property.index()]
            .forward
            .prefetch(subject, step);
    }

    /// [`ClaimIndex::prefetch_values`] for each of `properties`.
    #[inline]
    pub(crate) fn prefetch_rows(&self, subject: Id, properties: &[Property], step: u8) {
        for &property in properties {
            self.prefetch_values(subject, property, step);
        }
    }

    /// The subjects that have `object` as a value of `property` (for properties with an
    /// inverse list).
    pub(crate) fn subjects(&self, object: Id, property: Property) -> &[Value] {
        debug_assert!(property.has_inverse());
        self.properties[property.index()].inverse.get(object)
    }

    /// The `neg:holder` quads in the named graph `graph`, as `Value { graph: claim, term:
    /// holder }`, by claim.
    pub(crate) fn holders_in_graph(&self, graph: Id) -> &[Value] {
        self.holders_by_graph.get(graph)
    }

    /// Every (subject, values) pair of `property`, in the order of the subjects' numbers.
    pub(crate) fn all(&self, property: Property) -> impl Iterator<Item = (Id, &[Value])> {
        self.properties[property.index()].forward.iter()
    }

    /// How many quads say that `class` is a subclass of neg:Claim (0: it is not).
    pub(crate) fn claim_class_count(&self, class: Id) -> usize {
        let start = self.claim_classes.partition_point(|&(c, _)| c < class);
        self.claim_classes[start..]
            .iter()
            .take_while(|&&(c, _)| c == class)
            .count()
    }

    /// How many quads say that `subject` is a neg:Source.
    pub(crate) fn source_count(&self, subject: Id) -> usize {
        self.source_class.map_or(0, |source| {
            self.values(subject, Property::Type)
                .iter()
                .filter(|v| v.term == source)
                .count()
        })
    }

    /// The claim kinds of `claim` as (graph, class, multiplicity of the subclass quads).
    pub(crate) fn kinds(&self, claim: Id) -> impl Iterator<Item = (Id, Id, usize)> + '_ {
        self.values(claim, Property::Type)
            .iter()
            .map(|v| (v.graph, v.term, self.claim_class_count(v.term)))
            .filter(|(_, _, count)| *count > 0)
    }

    /// Who addresses claims to `addressee`: each holder of a claim with `neg:addressee` it (in
    /// any graph) and the number of such claims it holds, most first, then by term number.
    pub(crate) fn addressers(&self, addressee: &Term) -> Vec<(&Term, usize)> {
        let Some(addressee) = self.id(addressee) else {
            return Vec::new();
        };
        let claims = distinct_terms(self.subjects(addressee, Property::Addressee));
        let mut holders: Vec<Id> = Vec::new();
        let mut per_claim: Vec<Id> = Vec::new();
        for claim in claims {
            per_claim.clear();
            per_claim.extend(self.values(claim, Property::Holder).iter().map(|v| v.term));
            per_claim.sort_unstable();
            per_claim.dedup();
            holders.extend_from_slice(&per_claim);
        }
        holders.sort_unstable();
        let mut counted: Vec<(Id, usize)> = Vec::new();
        for holder in holders {
            match counted.last_mut() {
                Some((last, n)) if *last == holder => *n += 1,
                _ => counted.push((holder, 1)),
            }
        }
        counted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counted
            .into_iter()
            .map(|(holder, n)| (self.term(holder), n))
            .collect()
    }

    /// The label of `subject`: its `rdfs:label`, else its `dcterms:title`; of several, the one
    /// whose text sorts first. The index holds every quad of both, so `None` means the graph
    /// gives it neither.
    pub(crate) fn label(&self, subject: &Term) -> Option<&str> {
        let id = self.id(subject)?;
        [Property::Label, Property::Title]
            .into_iter()
            .find_map(|property| {
                self.values(id, property)
                    .iter()
                    .filter_map(|v| match self.term(v.term) {
                        Term::Literal(literal) => Some(literal.value()),
                        _ => None,
                    })
                    .min()
            })
    }

    /// What the index holds of claims (the subjects of `neg:holder`): see [`ClaimSummary`];
    /// with the `latest` claims most recently stated.
    pub(crate) fn summary(&self, latest: usize) -> ClaimSummary {
        let mut claims = 0;
        let mut sources = rustc_hash::FxHashSet::default();
        let mut holders = rustc_hash::FxHashSet::default();
        let mut dated: Vec<(String, Id)> = Vec::new();
        for (claim, values) in self.all(Property::Holder) {
            claims += 1;
            for value in values {
                holders.insert(value.term);
                if value.graph != DEFAULT_GRAPH {
                    sources.insert(value.graph);
                }
            }
            // The day it was stated, else the day it was stated by (`neg:statedBefore`): a
            // claim known only by the report's date still counts among the latest.
            let day_of = |property: Property| {
                self.values(claim, property)
                    .iter()
                    .filter_map(|v| match self.term(v.term) {
                        Term::Literal(day) => Some(day.value().to_owned()),
                        _ => None,
                    })
                    .max()
            };
            let day = day_of(Property::StatedOn).or_else(|| day_of(Property::StatedBefore));
            if let Some(day) = day {
                dated.push((day, claim));
            }
        }
        let first = dated.iter().map(|(day, _)| day).min().cloned();
        let last = dated.iter().map(|(day, _)| day).max().cloned();
        // Newest first; a day's claims by IRI, last first (as the whole store's overview).
        dated.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| self.term(b.1).to_string().cmp(&self.term(a.1).to_string()))
        });
        ClaimSummary {
            claims,
            sources: sources.len(),
            holders: holders.len(),
            first,
            last,
            latest: dated
                .into_iter()
                .take(latest)
                .filter_map(|(_, claim)| match self.term(claim) {
                    Term::NamedNode(node) => Some(node.as_str().to_owned()),
                    _ => None,
                })
                .collect(),
        }
    }

    /// Where this index came from: built here, or read from beside an on-disk store.
    pub fn origin(&self) -> &super::IndexOrigin {
        &self.origin
    }

    /// Why the index kept beside the store was not used, when it was there but damaged or
    /// unreadable (this one was built instead).
    pub fn unusable(&self) -> Option<&str> {
        self.unusable.as_deref()
    }

    pub(super) fn with_origin(mut self, origin: super::IndexOrigin) -> Self {
        self.origin = origin;
        self
    }

    /// Number of distinct terms held.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Number of (subject, property, value) entries held, inverse lists included.
    pub fn entry_count(&self) -> usize {
        self.properties
            .iter()
            .map(|a| a.forward.values.len() + a.inverse.values.len())
            .sum()
    }

    /// The number of properties the index keeps (for the file format).
    pub(super) const PROPERTIES: usize = Property::ALL.len();
}

#[cfg(test)]
mod tests {
    use super::{find_key, natural_order, IndexBuilder, DCTERMS_TITLE};
    use oxigraph::model::vocab::{rdf, rdfs};
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
    use proptest::prelude::*;

    #[test]
    fn numbers_in_texts_compare_as_numbers() {
        let mut texts = vec![
            "claim-10",
            "claim-9",
            "claim-1",
            "claim-009",
            "claim-b",
            "claim-",
        ];
        texts.sort_by(|a, b| natural_order(a.as_bytes(), b.as_bytes()));
        assert_eq!(
            texts,
            [
                "claim-",
                "claim-1",
                "claim-9",
                "claim-009",
                "claim-10",
                "claim-b"
            ]
        );
    }

    /// A resource's label is its rdfs:label (the least of several, in any graph), else its
    /// dcterms:title; none when it has neither, or is not in the graph at all.
    #[test]
    fn labels_are_the_least_rdfs_label_then_the_title() {
        let node = |name: &str| NamedNode::new(format!("https://example.org/{name}")).unwrap();
        let text = |value: &str| Term::from(Literal::new_simple_literal(value));
        let quads = [
            (
                node("a"),
                rdfs::LABEL.into_owned(),
                text("beta"),
                GraphName::DefaultGraph,
            ),
            (
                node("a"),
                rdfs::LABEL.into_owned(),
                text("alpha"),
                node("g").into(),
            ),
            (
                node("a"),
                DCTERMS_TITLE.into_owned(),
                text("A title"),
                GraphName::DefaultGraph,
            ),
            (
                node("s"),
                DCTERMS_TITLE.into_owned(),
                text("A source"),
                node("g").into(),
            ),
            (
                node("t"),
                rdf::TYPE.into_owned(),
                node("Class").into(),
                GraphName::DefaultGraph,
            ),
        ];
        let mut builder = IndexBuilder::default();
        for (subject, predicate, object, graph) in quads {
            builder
                .add(&Quad::new(subject, predicate, object, graph))
                .unwrap();
        }
        let index = builder.finish().unwrap();
        let label = |name: &str| index.label(&node(name).into());
        assert_eq!(label("a"), Some("alpha"));
        assert_eq!(label("s"), Some("A source"));
        assert_eq!(label("t"), None);
        assert_eq!(label("nowhere"), None);
    }

    proptest! {
        /// The galloping search finds exactly what a binary search finds, on keys spread
        /// evenly or bunched at one end.
        #[test]
        fn find_key_agrees_with_binary_search(
            mut keys in prop::collection::vec(0u32..5_000, 1..400),
            bunched in prop::collection::vec(4_990_000u32..5_000_000, 0..50),
            probes in prop::collection::vec(0u32..5_000_100, 1..100),
        ) {
            keys.extend(bunched);
            keys.sort_unstable();
            keys.dedup();
            for key in probes.into_iter().chain(keys.iter().copied()) {
                prop_assert_eq!(find_key(&keys, key), keys.binary_search(&key).ok());
            }
        }

        /// The order of the claims' numbers is a total order: antisymmetric, transitive, and
        /// equal only for equal texts.
        #[test]
        fn natural_order_is_a_total_order(
            a in "[a0-9-]{0,8}", b in "[a0-9-]{0,8}", c in "[a0-9-]{0,8}",
        ) {
            let (a, b, c) = (a.as_bytes(), b.as_bytes(), c.as_bytes());
            prop_assert_eq!(natural_order(a, b), natural_order(b, a).reverse());
            prop_assert_eq!(natural_order(a, b).is_eq(), a == b);
            if natural_order(a, b).is_le() && natural_order(b, c).is_le() {
                prop_assert!(natural_order(a, c).is_le());
            }
        }

        /// On keys out of order, as a damaged file may hold, it answers without a panic.
        #[test]
        fn find_key_on_unsorted_keys_does_not_panic(
            keys in prop::collection::vec(any::<u32>(), 0..100),
            key in any::<u32>(),
        ) {
            if let Some(row) = find_key(&keys, key) {
                prop_assert_eq!(keys[row], key);
            }
        }
    }
}
