//! The terms of the claim index: each encoded once in one byte buffer, decoded on first use,
//! and found again by a hash of its encoding, so that the index can be written to a file and
//! read back without decoding a million terms it may never show.

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, Literal, LiteralRef, NamedNode, Term, TermRef};
use std::str::FromStr;
use std::sync::OnceLock;

use super::index::Id;

/// How a term starts in the buffer.
const IRI: u8 = 0;
const BLANK: u8 = 1;
const SIMPLE: u8 = 2;
const LANGUAGE: u8 = 3;
const TYPED: u8 = 4;
/// Anything else, as N-Triples text.
const OTHER: u8 = 5;

/// The interned terms (see the module documentation).
#[derive(Debug, Default)]
pub(super) struct Terms {
    /// Every term's encoding, one after the other.
    pub(super) bytes: Vec<u8>,
    /// Where each term's encoding ends in `bytes`.
    pub(super) ends: Vec<u64>,
    /// The terms decoded so far.
    decoded: Vec<OnceLock<Box<Term>>>,
    /// The hash of each term's encoding, sorted, with the term's number beside it.
    pub(super) hashes: Vec<u64>,
    pub(super) by_hash: Vec<Id>,
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
        let mut built = Terms::from_encoded(bytes, ends);
        for (cell, term) in built.decoded.iter_mut().zip(terms) {
            *cell = OnceLock::from(Box::new(term));
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
        let (hashes, by_hash) = hashed.into_iter().unzip();
        Terms::undecoded(bytes, ends, hashes, by_hash)
    }

    /// The terms with nothing decoded yet.
    fn undecoded(bytes: Vec<u8>, ends: Vec<u64>, hashes: Vec<u64>, by_hash: Vec<Id>) -> Self {
        let mut decoded = Vec::with_capacity(ends.len());
        decoded.resize_with(ends.len(), OnceLock::new);
        Terms {
            bytes,
            ends,
            decoded,
            hashes,
            by_hash,
        }
    }

    /// The encoding of the term numbered `id`.
    pub(super) fn encoded_term(&self, id: Id) -> &[u8] {
        self.encoded(id)
    }

    /// Terms read from a file: checked here, so that decoding them later cannot fail.
    pub(super) fn from_parts(
        bytes: Vec<u8>,
        ends: Vec<u64>,
        hashes: Vec<u64>,
        by_hash: Vec<Id>,
    ) -> Result<Self, String> {
        if ends.windows(2).any(|w| w[0] > w[1])
            || ends.last().copied().unwrap_or(0) != bytes.len() as u64
        {
            return Err("term offsets out of order".into());
        }
        if hashes.len() != ends.len()
            || by_hash.len() != ends.len()
            || hashes.windows(2).any(|w| w[0] > w[1])
            || by_hash.iter().any(|&id| id as usize >= ends.len())
        {
            return Err("the term lookup table does not match the terms".into());
        }
        let terms = Terms::undecoded(bytes, ends, hashes, by_hash);
        for id in 0..terms.len() {
            let encoded = terms.encoded(id as Id);
            check(encoded).map_err(|e| format!("term {id}: {e}"))?;
            if encoded.first() == Some(&OTHER) {
                // Rare (RDF 1.2 triple terms): decoded and kept now, so that a bad one is
                // found here.
                let term = decode(encoded).ok_or_else(|| format!("term {id} does not parse"))?;
                let _ = terms.decoded[id].set(Box::new(term));
            }
        }
        Ok(terms)
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    fn encoded(&self, id: Id) -> &[u8] {
        let id = id as usize;
        let start = if id == 0 {
            0
        } else {
            self.ends[id - 1] as usize
        };
        &self.bytes[start..self.ends[id] as usize]
    }

    /// The term numbered `id`.
    pub(super) fn term(&self, id: Id) -> &Term {
        self.decoded[id as usize].get_or_init(|| {
            // Checked when read or made by `encode`: decoding cannot fail; a blank node stands
            // in should it ever.
            Box::new(decode(self.encoded(id)).unwrap_or_else(|| BlankNode::default().into()))
        })
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

/// Splits a length-prefixed string off `bytes`.
fn split_str(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let length = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let text = bytes.get(4..4usize.checked_add(length)?)?;
    Some((std::str::from_utf8(text).ok()?, &bytes[4 + length..]))
}

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

    #[test]
    fn terms_are_found_by_value_and_decoded_lazily_after_a_round_trip() {
        let built = Terms::from_terms(samples());
        let read = Terms::from_parts(
            built.bytes.clone(),
            built.ends.clone(),
            built.hashes.clone(),
            built.by_hash.clone(),
        )
        .unwrap();
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
    fn damaged_terms_are_refused_when_read() {
        let built = Terms::from_terms(samples());
        let mut bytes = built.bytes.clone();
        bytes[0] = 9;
        assert!(Terms::from_parts(
            bytes,
            built.ends.clone(),
            built.hashes.clone(),
            built.by_hash.clone()
        )
        .is_err());
        let mut ends = built.ends.clone();
        ends.swap(0, 1);
        assert!(Terms::from_parts(
            built.bytes.clone(),
            ends,
            built.hashes.clone(),
            built.by_hash.clone()
        )
        .is_err());
    }
}
