//! The terms of the claim index: each encoded once in one byte buffer, decoded on first use,
//! and found again by a hash of its encoding, so that the index can be written to a file and
//! read back without decoding a million terms it may never show.

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, Literal, LiteralRef, NamedNode, Term, TermRef};
use std::str::FromStr;
use std::sync::OnceLock;

use super::index::Id;
use super::slab::Slab;

/// How a term starts in the buffer.
const IRI: u8 = 0;
const BLANK: u8 = 1;
const SIMPLE: u8 = 2;
const LANGUAGE: u8 = 3;
const TYPED: u8 = 4;
/// Anything else, as N-Triples text.
const OTHER: u8 = 5;

/// How many terms a block of the decoded terms holds: 256 cells of 16 bytes, one page. A
/// bound analysis decodes a few hundred terms scattered over the numbers; with blocks of
/// 4,096 it made (and freed on exit) 64 KB for each, 16 ms of a 30 ms command on a million
/// claims.
const BLOCK: usize = 1 << 8;

/// The cells of one block of terms.
type Block = Box<[OnceLock<Box<Term>>]>;

/// The interned terms (see the module documentation).
#[derive(Debug, Default)]
pub(super) struct Terms {
    /// Every term's encoding, one after the other.
    pub(super) bytes: Slab<u8>,
    /// Where each term's encoding ends in `bytes`.
    pub(super) ends: Slab<u64>,
    /// The terms decoded so far, by blocks of [`BLOCK`] numbers, each block made when one of
    /// its terms is first decoded: opening the index of a million claims (some four million
    /// terms) makes 17,000 empty blocks, not four million empty cells.
    decoded: Vec<OnceLock<Block>>,
    /// The hash of each term's encoding, sorted, with the term's number beside it.
    pub(super) hashes: Slab<u64>,
    pub(super) by_hash: Slab<Id>,
}

impl Terms {
    /// The terms `terms`, numbered in order (decoded already).
    #[cfg(test)]
    pub(super) fn from_terms(terms: Vec<Term>) -> Self {
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(terms.len());
        for term in &terms {
            encode(term, &mut bytes);
            ends.push(bytes.len() as u64);
        }
        let built = Terms::from_encoded(bytes, ends);
        for (id, term) in terms.into_iter().enumerate() {
            let _ = built.cell(id).map(|cell| cell.set(Box::new(term)));
        }
        built
    }

    /// Terms already encoded one after the other (each ending at its `ends`), decoded on use.
    pub(super) fn from_encoded(bytes: Vec<u8>, ends: Vec<u64>) -> Self {
        let mut hashed: Vec<(u64, Id)> = Vec::with_capacity(ends.len());
        let mut start = 0;
        for (id, &end) in ends.iter().enumerate() {
            hashed.push((hash(&bytes[start..end as usize]), id as Id));
            start = end as usize;
        }
        hashed.sort_unstable();
        let (hashes, by_hash): (Vec<u64>, Vec<Id>) = hashed.into_iter().unzip();
        Terms::undecoded(bytes.into(), ends.into(), hashes.into(), by_hash.into())
    }

    /// The terms with nothing decoded yet.
    fn undecoded(bytes: Slab<u8>, ends: Slab<u64>, hashes: Slab<u64>, by_hash: Slab<Id>) -> Self {
        let mut decoded = Vec::with_capacity(ends.len().div_ceil(BLOCK));
        decoded.resize_with(ends.len().div_ceil(BLOCK), OnceLock::new);
        Terms {
            bytes,
            ends,
            decoded,
            hashes,
            by_hash,
        }
    }

    /// Terms read from a file. Only their shape is checked here (as many ends, hashes and
    /// numbers as terms, the last end at the end of the bytes): a damaged term decodes as a
    /// stand-in, never a panic, and the index is rebuilt when the store changes.
    pub(super) fn from_parts(
        bytes: Slab<u8>,
        ends: Slab<u64>,
        hashes: Slab<u64>,
        by_hash: Slab<Id>,
    ) -> Result<Self, String> {
        if ends.last().copied().unwrap_or(0) != bytes.len() as u64 {
            return Err("term offsets out of order".into());
        }
        if hashes.len() != ends.len() || by_hash.len() != ends.len() {
            return Err("the term lookup table does not match the terms".into());
        }
        Ok(Terms::undecoded(bytes, ends, hashes, by_hash))
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The encoding of the term numbered `id` (empty for a number no term has).
    pub(super) fn encoded(&self, id: Id) -> &[u8] {
        match (self.start(id as usize), self.ends.get(id as usize)) {
            (Some(start), Some(&end)) => {
                self.bytes.get(start as usize..end as usize).unwrap_or(&[])
            }
            _ => &[],
        }
    }

    /// Where the encoding of the term numbered `id` starts in `bytes` (where the one before
    /// ends), if there is such a number.
    fn start(&self, id: usize) -> Option<u64> {
        match id.checked_sub(1) {
            None => Some(0),
            Some(before) => self.ends.get(before).copied(),
        }
    }

    /// The cell of the term numbered `id`, its block made if it is not yet (`None` for a
    /// number no term has).
    fn cell(&self, id: usize) -> Option<&OnceLock<Box<Term>>> {
        let (block, within) = (id / BLOCK, id % BLOCK);
        let block = self.decoded.get(block)?.get_or_init(|| {
            let size = BLOCK.min(self.len() - block * BLOCK);
            (0..size).map(|_| OnceLock::new()).collect()
        });
        block.get(within)
    }

    /// The term numbered `id` (a blank node stands in for a damaged one).
    pub(super) fn term(&self, id: Id) -> &Term {
        match self.cell(id as usize) {
            Some(cell) => cell.get_or_init(|| {
                Box::new(decode(self.encoded(id)).unwrap_or_else(|| BlankNode::default().into()))
            }),
            None => stand_in(),
        }
    }

    /// Hints that the term numbered `id` is read soon, one step of its reading at a time, so
    /// that a pass reading terms in an order of its own (the rows of a large answer) need not
    /// wait on each: step 0 brings its cell into the processor's cache, step 1 its decoded
    /// term, step 2 the term's text (its first and last cache lines). A step whose place is
    /// not known yet (a term not decoded) does nothing.
    pub(super) fn prefetch(&self, id: Id, step: u8) {
        let id = id as usize;
        let Some(cell) = self
            .decoded
            .get(id / BLOCK)
            .and_then(OnceLock::get)
            .and_then(|block| block.get(id % BLOCK))
        else {
            return;
        };
        match (step, cell.get()) {
            (0, _) => prefetch_line(cell),
            (1, Some(term)) => prefetch_line(&**term),
            (_, Some(term)) => {
                let text = match &**term {
                    Term::NamedNode(node) => node.as_str(),
                    Term::Literal(literal) => literal.value(),
                    _ => return,
                };
                // Its first and its last cache line (most IRIs span two).
                let bytes = text.as_bytes();
                for byte in [bytes.first(), bytes.last()].into_iter().flatten() {
                    prefetch_line(byte);
                }
            }
            _ => {}
        }
    }

    /// Hints that the encoding of the term numbered `id` is read soon, one step of its reading
    /// at a time: step 0 brings where it starts and ends into the processor's cache, step 1
    /// its bytes (after step 0, where they lie is in the cache): its first and its last cache
    /// line, which differ for most IRIs of forty bytes or more.
    pub(super) fn prefetch_encoded(&self, id: Id, step: u8) {
        let id = id as usize;
        if step == 0 {
            if let Some(end) = self.ends.get(id) {
                prefetch_line(end);
            }
            if let Some(start) = id.checked_sub(1).and_then(|before| self.ends.get(before)) {
                prefetch_line(start);
            }
            return;
        }
        if let (Some(start), Some(&end)) = (self.start(id), self.ends.get(id)) {
            for at in [start, end.saturating_sub(1)] {
                if let Some(byte) = self.bytes.get(at as usize) {
                    prefetch_line(byte);
                }
            }
        }
    }

    /// The number of `term`, if it is held.
    pub(super) fn id(&self, term: &Term) -> Option<Id> {
        let mut encoded = Vec::new();
        encode(term, &mut encoded);
        let wanted = hash(&encoded);
        let start = self.hashes.partition_point(|&h| h < wanted);
        self.hashes[start..]
            .iter()
            .take_while(|&&h| h == wanted)
            .zip(&self.by_hash[start..])
            .map(|(_, &id)| id)
            .find(|&id| self.encoded(id) == encoded.as_slice())
    }
}

/// Asks the processor to load the cache line of `item` into its cache: a hint, which reads
/// nothing the program sees (nothing on processors other than x86-64).
#[inline(always)]
pub(super) fn prefetch_line<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: SSE is part of every x86-64 processor, and a prefetch of any address (here
        // one of a live reference) neither faults nor changes what the program reads.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((item as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// The term shown for a number no term has (a damaged index file).
fn stand_in() -> &'static Term {
    static STAND_IN: OnceLock<Term> = OnceLock::new();
    STAND_IN.get_or_init(|| BlankNode::new_unchecked("negkg-damaged-index").into())
}

/// FNV-1a, 64 bits: stable across builds and platforms, as the file format needs.
pub(super) fn hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn push_str(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
}

/// Appends the encoding of `term`: a tag byte, then for a literal with a language or datatype
/// that part (length first), then the text to the end.
fn encode(term: &Term, out: &mut Vec<u8>) {
    encode_ref(term.as_ref(), out);
}

/// [`encode`] of a borrowed term.
pub(super) fn encode_ref(term: TermRef<'_>, out: &mut Vec<u8>) {
    match term {
        TermRef::NamedNode(node) => {
            out.push(IRI);
            out.extend_from_slice(node.as_str().as_bytes());
        }
        TermRef::BlankNode(node) => {
            out.push(BLANK);
            out.extend_from_slice(node.as_str().as_bytes());
        }
        TermRef::Literal(literal) => {
            if let Some(language) = literal.language() {
                let plain =
                    LiteralRef::new_language_tagged_literal_unchecked(literal.value(), language);
                if plain == literal {
                    out.push(LANGUAGE);
                    push_str(out, language);
                    out.extend_from_slice(literal.value().as_bytes());
                    return;
                }
            } else if literal.datatype() == xsd::STRING {
                out.push(SIMPLE);
                out.extend_from_slice(literal.value().as_bytes());
                return;
            } else if literal.datatype() != rdf::LANG_STRING {
                out.push(TYPED);
                push_str(out, literal.datatype().as_str());
                out.extend_from_slice(literal.value().as_bytes());
                return;
            }
            out.push(OTHER);
            out.extend_from_slice(term.to_string().as_bytes());
        }
        #[allow(unreachable_patterns)]
        _ => {
            out.push(OTHER);
            out.extend_from_slice(term.to_string().as_bytes());
        }
    }
}

/// A term as the SPARQL results CSV format writes it, read from its encoding without decoding
/// the term: an IRI as it is, a blank node after `_:`, a literal's value (escaped where it
/// must be). `None` for an encoding this cannot read (written as its decoded term instead).
/// The text is the encoding's bytes, not checked again as UTF-8: the index encodes Rust
/// strings, and a damaged index file gives wrong rows (whose bytes may not be UTF-8), never a
/// panic.
pub(super) enum CsvText<'a> {
    Iri(&'a [u8]),
    Blank(&'a [u8]),
    Value(&'a [u8]),
}

/// See [`CsvText`].
pub(super) fn csv_text(encoded: &[u8]) -> Option<CsvText<'_>> {
    let (&tag, rest) = encoded.split_first()?;
    Some(match tag {
        IRI => CsvText::Iri(rest),
        BLANK => CsvText::Blank(rest),
        SIMPLE => CsvText::Value(rest),
        LANGUAGE | TYPED => CsvText::Value(split_len(rest)?.1),
        _ => return None,
    })
}

/// Splits a length-prefixed string off `bytes`.
fn split_str(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let (text, rest) = split_len(bytes)?;
    Some((std::str::from_utf8(text).ok()?, rest))
}

/// The bytes of a length-prefixed part of an encoding (four bytes, little-endian, then that
/// many bytes), and what follows it.
fn split_len(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let length = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let end = 4usize.checked_add(length)?;
    Some((bytes.get(4..end)?, bytes.get(end..)?))
}

#[cfg(test)]
fn check(encoded: &[u8]) -> Result<(), &'static str> {
    let (&tag, rest) = encoded.split_first().ok_or("empty")?;
    let rest = match tag {
        IRI | BLANK | SIMPLE | OTHER => rest,
        LANGUAGE | TYPED => split_str(rest).ok_or("bad length")?.1,
        _ => return Err("unknown kind"),
    };
    std::str::from_utf8(rest).map_err(|_| "not UTF-8")?;
    Ok(())
}

fn decode(encoded: &[u8]) -> Option<Term> {
    let (&tag, rest) = encoded.split_first()?;
    let text = |bytes: &[u8]| std::str::from_utf8(bytes).ok().map(str::to_owned);
    Some(match tag {
        IRI => NamedNode::new_unchecked(text(rest)?).into(),
        BLANK => BlankNode::new_unchecked(text(rest)?).into(),
        SIMPLE => Literal::new_simple_literal(text(rest)?).into(),
        LANGUAGE => {
            let (language, value) = split_str(rest)?;
            Literal::new_language_tagged_literal_unchecked(text(value)?, language).into()
        }
        TYPED => {
            let (datatype, value) = split_str(rest)?;
            Literal::new_typed_literal(text(value)?, NamedNode::new_unchecked(datatype)).into()
        }
        OTHER => Term::from_str(std::str::from_utf8(rest).ok()?).ok()?,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<Term> {
        vec![
            NamedNode::new_unchecked("https://example.org/a").into(),
            BlankNode::new_unchecked("b0").into(),
            Literal::new_simple_literal("“Kherson” — withdraw").into(),
            Literal::new_simple_literal("").into(),
            Literal::new_language_tagged_literal_unchecked("Київ", "uk").into(),
            Literal::new_typed_literal("2025-05-19", xsd::DATE).into(),
            Literal::new_typed_literal("x", NamedNode::new_unchecked("urn:t")).into(),
        ]
    }

    #[test]
    fn every_kind_of_term_comes_back_from_its_encoding() {
        for term in samples() {
            let mut encoded = Vec::new();
            encode(&term, &mut encoded);
            assert_eq!(check(&encoded), Ok(()));
            assert_eq!(decode(&encoded), Some(term));
        }
    }

    fn parts(built: &Terms) -> (Slab<u8>, Slab<u64>, Slab<u64>, Slab<Id>) {
        (
            built.bytes.to_vec().into(),
            built.ends.to_vec().into(),
            built.hashes.to_vec().into(),
            built.by_hash.to_vec().into(),
        )
    }

    /// `built` written out and read back, nothing decoded.
    fn read_back(built: &Terms) -> Terms {
        let (bytes, ends, hashes, by_hash) = parts(built);
        Terms::from_parts(bytes, ends, hashes, by_hash).unwrap()
    }

    /// How many blocks of decoded terms are made.
    fn blocks_made(terms: &Terms) -> usize {
        terms.decoded.iter().filter(|b| b.get().is_some()).count()
    }

    #[test]
    fn terms_are_found_by_value_and_decoded_lazily_after_a_round_trip() {
        let read = read_back(&Terms::from_terms(samples()));
        for (id, term) in samples().iter().enumerate() {
            assert_eq!(read.id(term), Some(id as Id));
            assert_eq!(read.term(id as Id), term);
        }
        assert_eq!(
            read.id(&NamedNode::new_unchecked("https://example.org/b").into()),
            None
        );
    }

    #[test]
    fn terms_are_decoded_by_blocks_made_when_first_reached() {
        let count = 2 * BLOCK + 5;
        let terms: Vec<Term> = (0..count)
            .map(|i| NamedNode::new_unchecked(format!("https://example.org/t{i}")).into())
            .collect();
        let built = Terms::from_terms(terms.clone());
        let read = read_back(&built);
        assert_eq!((read.decoded.len(), blocks_made(&read)), (3, 0));
        // The last term of the first block, then the first and the last of the last block (a
        // block of 5): two blocks made, the middle one not.
        for id in [BLOCK - 1, 2 * BLOCK, count - 1] {
            assert_eq!(read.term(id as Id), &terms[id]);
        }
        assert_eq!(blocks_made(&read), 2);
        assert!(read.decoded[1].get().is_none());
        assert!(read.term(count as Id).is_blank_node());
        assert_eq!(read.id(&terms[BLOCK + 7]), Some((BLOCK + 7) as Id));
        assert_eq!(read.term((BLOCK + 7) as Id), &terms[BLOCK + 7]);
        // Built from terms, every block holds its terms already.
        assert_eq!(blocks_made(&built), 3);
    }

    #[test]
    fn asking_for_terms_ahead_decodes_nothing_and_changes_no_term() {
        let count = BLOCK + 3;
        let terms: Vec<Term> = (0..count)
            .map(|i| Literal::new_simple_literal(format!("quote {i}")).into())
            .collect();
        let read = read_back(&Terms::from_terms(terms.clone()));
        read.term(1);
        // A decoded term, one in a block made but not decoded, one in a block not made, and
        // numbers no term has: every step.
        for id in [1, 2, BLOCK + 1, count, count + BLOCK, Id::MAX as usize] {
            for step in 0..4 {
                read.prefetch(id as Id, step);
            }
        }
        assert_eq!(
            blocks_made(&read),
            1,
            "a hint made no block of decoded terms"
        );
        let decoded = |t: &Terms| {
            t.decoded[0]
                .get()
                .map(|b| b.iter().filter(|c| c.get().is_some()).count())
        };
        assert_eq!(decoded(&read), Some(1), "a hint decoded no term");
        for (id, term) in terms.iter().enumerate() {
            assert_eq!(read.term(id as Id), term);
        }
    }

    #[test]
    fn csv_text_reads_each_kind_of_term_and_refuses_a_damaged_length() {
        let text = |term: &Term| {
            let mut encoded = Vec::new();
            encode(term, &mut encoded);
            match csv_text(&encoded) {
                Some(CsvText::Iri(bytes)) => ("iri", bytes.to_vec()),
                Some(CsvText::Blank(bytes)) => ("blank", bytes.to_vec()),
                Some(CsvText::Value(bytes)) => ("value", bytes.to_vec()),
                None => ("none", Vec::new()),
            }
        };
        let expected: [(&str, &str); 7] = [
            ("iri", "https://example.org/a"),
            ("blank", "b0"),
            ("value", "“Kherson” — withdraw"),
            ("value", ""),
            ("value", "Київ"),
            ("value", "2025-05-19"),
            ("value", "x"),
        ];
        for (term, (kind, value)) in samples().iter().zip(expected) {
            assert_eq!(text(term), (kind, value.as_bytes().to_vec()), "{term}");
        }
        // A language-tagged literal whose tag's length runs past its end, or is cut short.
        let mut encoded = Vec::new();
        encode(&samples()[4], &mut encoded);
        let mut long = encoded.clone();
        long[1] = 200;
        assert!(csv_text(&long).is_none());
        assert!(csv_text(&encoded[..3]).is_none());
        assert!(csv_text(&[]).is_none());
        // Bytes that are not UTF-8 are written as they are (wrong, but no panic).
        let bytes = [IRI, 0xff, 0xfe];
        assert!(matches!(csv_text(&bytes), Some(CsvText::Iri([0xff, 0xfe]))));
    }

    #[test]
    fn damaged_terms_stand_in_as_blank_nodes_and_a_wrong_shape_is_refused() {
        let built = Terms::from_terms(samples());
        let (bytes, ends, hashes, by_hash) = parts(&built);
        let mut damaged = bytes.to_vec();
        damaged[0] = 9;
        let read = Terms::from_parts(damaged.into(), ends, hashes, by_hash).unwrap();
        assert!(read.term(0).is_blank_node());
        assert_eq!(read.term(1), &samples()[1]);
        assert!(read.term(1000).is_blank_node());
        let (bytes, ends, hashes, _) = parts(&built);
        assert!(Terms::from_parts(bytes, ends, hashes, vec![0].into()).is_err());
        let (bytes, _, hashes, by_hash) = parts(&built);
        let mut ends = built.ends.to_vec();
        ends.pop();
        assert!(Terms::from_parts(bytes, ends.into(), hashes, by_hash).is_err());
    }
}
