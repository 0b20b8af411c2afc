//! Quads packed into bytes, for the bundled data: the build script reads the bundled data
//! files with the crate's own reader, makes their quads as a load would and packs them
//! (`packer.rs`, see `build.rs`); a start on the bundled data then unpacks them straight into the
//! store's transaction, without parsing and checking 740 kB of TOML again (a third of the start).
//!
//! This module uses nothing but the standard library and the RDF terms, as the build script
//! compiles it too. The layout, every number a little-endian `u32`:
//!
//! - [`MAGIC`], then the number of claims, of terms and of quads;
//! - each term: its kind (one byte: [`NAMED_NODE`], [`SIMPLE_LITERAL`], [`LANGUAGE_LITERAL`] or
//!   [`TYPED_LITERAL`]), then its strings, each as a length and UTF-8 bytes (a language
//!   literal's value and language), or for a typed literal its value and the number of an
//!   earlier named node, its datatype;
//! - each quad: the numbers of its subject, predicate, object and graph ([`DEFAULT_GRAPH`] for
//!   the default graph).
//!
//! [`unpack`] checks the layout: the lengths, the UTF-8, that every number names a term and
//! that each term is of a kind its place allows (subjects, predicates, graphs and datatypes are
//! named nodes). It gives `None` for anything else, so a packing that does not match this
//! reader is never half used: the caller reads the TOML instead. It does not check the IRIs and
//! language tags themselves: they were made by the crate's own writer when negkg was built.

#[cfg(test)]
pub(crate) mod packer;

use oxrdf::{GraphNameRef, LiteralRef, NamedNodeRef, NamedOrBlankNodeRef, QuadRef, TermRef};

/// The first bytes of a packing; the number is this layout's version.
pub(crate) const MAGIC: &[u8] = b"negkg packed quads 1\n";
/// A named node: its IRI.
pub(crate) const NAMED_NODE: u8 = 0;
/// A literal without language or datatype: its value.
pub(crate) const SIMPLE_LITERAL: u8 = 1;
/// A literal with a language tag: its value, then the tag.
pub(crate) const LANGUAGE_LITERAL: u8 = 2;
/// A literal with a datatype: its value, then the number of the datatype's named node.
pub(crate) const TYPED_LITERAL: u8 = 3;
/// The graph number of the default graph.
pub(crate) const DEFAULT_GRAPH: u32 = u32::MAX;

/// Quads unpacked from bytes, every number checked.
pub(crate) struct Packed<'a> {
    claims: usize,
    terms: Vec<TermRef<'a>>,
    quads: &'a [u8],
}

impl<'a> Packed<'a> {
    /// The number of claims the quads were made from.
    pub(crate) fn claims(&self) -> usize {
        self.claims
    }

    /// Each quad, in the order it was packed.
    pub(crate) fn quads(&self) -> impl Iterator<Item = QuadRef<'a>> + '_ {
        self.quads.chunks_exact(16).map(|quad| {
            let number = |at: usize| read_u32(&quad[at..at + 4]) as usize;
            // `unpack` has checked each number's range and kind.
            let subject = match self.terms[number(0)] {
                TermRef::NamedNode(node) => NamedOrBlankNodeRef::NamedNode(node),
                _ => unreachable!("unpack checks that subjects are named nodes"),
            };
            let predicate = match self.terms[number(4)] {
                TermRef::NamedNode(node) => node,
                _ => unreachable!("unpack checks that predicates are named nodes"),
            };
            let object = self.terms[number(8)];
            let graph = match read_u32(&quad[12..16]) {
                DEFAULT_GRAPH => GraphNameRef::DefaultGraph,
                at => match self.terms[at as usize] {
                    TermRef::NamedNode(node) => GraphNameRef::NamedNode(node),
                    _ => unreachable!("unpack checks that graphs are named nodes"),
                },
            };
            QuadRef::new(subject, predicate, object, graph)
        })
    }
}

fn read_u32(bytes: &[u8]) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(bytes);
    u32::from_le_bytes(word)
}

/// Reads a packing, or `None` if `bytes` is not one in this layout, whole and consistent.
pub(crate) fn unpack(bytes: &[u8]) -> Option<Packed<'_>> {
    let mut reader = Reader {
        bytes: bytes.strip_prefix(MAGIC)?,
    };
    let claims = reader.u32()? as usize;
    let term_count = reader.u32()? as usize;
    let quad_count = reader.u32()? as usize;
    // Each term takes at least five bytes: a bound on what to reserve.
    let mut terms = Vec::with_capacity(term_count.min(reader.bytes.len() / 5));
    for _ in 0..term_count {
        let term = match reader.byte()? {
            NAMED_NODE => TermRef::NamedNode(NamedNodeRef::new_unchecked(reader.str()?)),
            SIMPLE_LITERAL => TermRef::Literal(LiteralRef::new_simple_literal(reader.str()?)),
            LANGUAGE_LITERAL => {
                let value = reader.str()?;
                let language = reader.str()?;
                TermRef::Literal(LiteralRef::new_language_tagged_literal_unchecked(
                    value, language,
                ))
            }
            TYPED_LITERAL => {
                let value = reader.str()?;
                let TermRef::NamedNode(datatype) = *terms.get(reader.u32()? as usize)? else {
                    return None;
                };
                TermRef::Literal(LiteralRef::new_typed_literal(value, datatype))
            }
            _ => return None,
        };
        terms.push(term);
    }
    let quads = reader.bytes;
    if quads.len() != quad_count.checked_mul(16)? {
        return None;
    }
    let named = |number: u32| matches!(terms.get(number as usize), Some(TermRef::NamedNode(_)));
    for quad in quads.chunks_exact(16) {
        let number = |at: usize| read_u32(&quad[at..at + 4]);
        let graph = number(12);
        if !named(number(0))
            || !named(number(4))
            || number(8) as usize >= terms.len()
            || (graph != DEFAULT_GRAPH && !named(graph))
        {
            return None;
        }
    }
    Some(Packed {
        claims,
        terms,
        quads,
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, length: usize) -> Option<&'a [u8]> {
        if length > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(length);
        self.bytes = rest;
        Some(taken)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(read_u32(self.take(4)?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let length = self.u32()? as usize;
        std::str::from_utf8(self.take(length)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::packer::Packer;
    use super::*;
    use oxrdf::vocab::xsd;
    use oxrdf::{GraphName, Literal, NamedNode, Quad};
    use proptest::prelude::*;

    fn sample() -> Vec<Quad> {
        let claim = NamedNode::new_unchecked("https://w3id.org/negkg/claim/c1");
        let source =
            GraphName::NamedNode(NamedNode::new_unchecked("https://w3id.org/negkg/source/s1"));
        let label = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
        vec![
            Quad::new(
                claim.clone(),
                label.clone(),
                Literal::new_language_tagged_literal_unchecked(
                    "Russia demands “Kherson” — all of it",
                    "en",
                ),
                source.clone(),
            ),
            Quad::new(
                claim.clone(),
                NamedNode::new_unchecked("https://w3id.org/negkg/ontology#statedOn"),
                Literal::new_typed_literal("2025-05-19", xsd::DATE),
                source.clone(),
            ),
            Quad::new(
                claim.clone(),
                NamedNode::new_unchecked("https://w3id.org/negkg/ontology#quote"),
                Literal::new_simple_literal(""),
                GraphName::DefaultGraph,
            ),
            Quad::new(claim.clone(), label, claim, source),
        ]
    }

    fn pack_all(quads: &[Quad], claims: usize) -> Vec<u8> {
        let mut packer = Packer::default();
        for quad in quads {
            packer.add(quad.as_ref());
        }
        packer.finish(claims).unwrap()
    }

    #[test]
    fn quads_come_back_as_they_went_in() {
        let quads = sample();
        let bytes = pack_all(&quads, 7);
        let unpacked = unpack(&bytes).unwrap();
        assert_eq!(unpacked.claims(), 7);
        let back: Vec<Quad> = unpacked.quads().map(QuadRef::into_owned).collect();
        assert_eq!(back, quads);
    }

    #[test]
    fn a_damaged_packing_is_refused_not_misread() {
        let bytes = pack_all(&sample(), 1);
        // Every cut short of the whole is refused.
        for end in 0..bytes.len() {
            assert!(unpack(&bytes[..end]).is_none(), "cut at {end}");
        }
        // A quad naming a term that does not exist, or a literal as a subject.
        let quad_start = bytes.len() - 16 * 4;
        let mut wrong = bytes.clone();
        wrong[quad_start..quad_start + 4].copy_from_slice(&99u32.to_le_bytes());
        assert!(unpack(&wrong).is_none());
        let mut literal_subject = bytes.clone();
        literal_subject[quad_start..quad_start + 4].copy_from_slice(&2u32.to_le_bytes());
        assert!(unpack(&literal_subject).is_none());
        // Another layout's version, and bytes that are not UTF-8 in a string.
        let mut version = bytes.clone();
        version[MAGIC.len() - 2] = b'9';
        assert!(unpack(&version).is_none());
        let mut not_utf8 = bytes.clone();
        not_utf8[MAGIC.len() + 12 + 5] = 0xff;
        assert!(unpack(&not_utf8).is_none());
        // A kind of term that does not exist, and a literal as a graph.
        let mut kind = bytes.clone();
        kind[MAGIC.len() + 12] = 9;
        assert!(unpack(&kind).is_none());
        let mut literal_graph = bytes.clone();
        literal_graph[quad_start + 12..quad_start + 16].copy_from_slice(&2u32.to_le_bytes());
        assert!(unpack(&literal_graph).is_none());
    }

    /// A packing made by hand: a header, then `terms` already laid out.
    fn by_hand(term_count: u32, quad_count: u32, terms: &[u8]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        for number in [0, term_count, quad_count] {
            bytes.extend_from_slice(&number.to_le_bytes());
        }
        bytes.extend_from_slice(terms);
        bytes
    }

    #[test]
    fn a_datatype_must_be_an_earlier_named_node() {
        let typed = |datatype: u32| {
            let mut term = vec![TYPED_LITERAL, 1, 0, 0, 0, b'x'];
            term.extend_from_slice(&datatype.to_le_bytes());
            term
        };
        // Itself, a later term, and a literal.
        assert!(unpack(&by_hand(1, 0, &typed(0))).is_none());
        let mut later = typed(1);
        later.extend_from_slice(&[NAMED_NODE, 1, 0, 0, 0, b'd']);
        assert!(unpack(&by_hand(2, 0, &later)).is_none());
        let mut literal = vec![SIMPLE_LITERAL, 1, 0, 0, 0, b'a'];
        literal.extend(typed(0));
        assert!(unpack(&by_hand(2, 0, &literal)).is_none());
        let mut named = vec![NAMED_NODE, 1, 0, 0, 0, b'd'];
        named.extend(typed(0));
        assert!(unpack(&by_hand(2, 0, &named)).is_some());
    }

    #[test]
    fn counts_larger_than_the_bytes_are_refused() {
        assert!(unpack(&by_hand(u32::MAX, 0, &[])).is_none());
        assert!(unpack(&by_hand(0, u32::MAX, &[])).is_none());
    }

    proptest! {
        /// Whatever the bytes after the header, or wherever a packing is damaged, unpacking
        /// never panics, and what it accepts can be read to the end.
        #[test]
        fn unpacking_any_bytes_never_panics(
            rest in proptest::collection::vec(any::<u8>(), 0..200),
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4),
        ) {
            if let Some(packed) = unpack(&[MAGIC, rest.as_slice()].concat()) {
                prop_assert!(packed.quads().count() <= rest.len() / 16);
            }
            let mut damaged = pack_all(&sample(), 3);
            for (at, byte) in flips {
                let at = at % damaged.len();
                damaged[at] ^= byte;
            }
            if let Some(packed) = unpack(&damaged) {
                prop_assert!(packed.quads().count() <= damaged.len() / 16);
            }
        }
    }

    #[test]
    fn the_packed_bundled_data_is_the_bundled_data_read_now() {
        let dataset = crate::dataset::parse_dataset(&crate::bundled::data_files()).unwrap();
        let packed = unpack(crate::bundled::PACKED_QUADS)
            .expect("the build script packs the bundled data when it has no error");
        assert_eq!(packed.claims(), dataset.claims.len());
        let unpacked: Vec<Quad> = packed.quads().map(QuadRef::into_owned).collect();
        assert_eq!(unpacked, crate::rdf::dataset_to_quads(&dataset));
    }

    #[test]
    fn the_packing_is_used_for_the_bundled_data_files_and_no_others() {
        use crate::{DataFile, Input};
        let dir = std::env::temp_dir().join(format!("negkg-packed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let turtle = dir.join("more.ttl");
        std::fs::write(
            &turtle,
            "<http://example.com/a> <http://example.com/b> 1 .\n",
        )
        .unwrap();
        let toml = dir.join("more.toml");
        std::fs::write(
            &toml,
            "[[actor]]\nid = \"extra\"\nname = \"Extra\"\ntype = \"group\"\n",
        )
        .unwrap();
        assert!(Input::bundled().packed().is_some());
        assert!(Input::bundled().without_ontology().packed().is_some());
        let mut with_rdf = Input::bundled();
        with_rdf.add_path(&turtle).unwrap();
        assert!(
            with_rdf.packed().is_some(),
            "RDF beside the data is loaded beside it"
        );
        let mut with_file = Input::bundled();
        with_file.add_data_file(DataFile::new("more.toml", "[[actor]]\n"));
        assert!(with_file.packed().is_none());
        let mut with_path = Input::bundled();
        with_path.add_path(&toml).unwrap();
        assert!(with_path.packed().is_none());
        assert!(Input::new().packed().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_store_of_the_bundled_data_is_the_same_packed_or_read() {
        use crate::{Input, KnowledgeGraph};
        let contents = |graph: &KnowledgeGraph| {
            let mut quads: Vec<String> = graph
                .store()
                .iter()
                .map(|quad| quad.unwrap().to_string())
                .collect();
            quads.sort_unstable();
            quads
        };
        let packed = KnowledgeGraph::in_memory().unwrap();
        let packed_report = packed.load(&Input::bundled()).unwrap();
        // The same files given one by one are read, not unpacked.
        let mut input = Input::new();
        for file in crate::bundled::data_files() {
            input.add_data_file(file);
        }
        assert!(Input::bundled().packed().is_some() && input.packed().is_none());
        // What a load puts in: the packing for the bundled data, the files read for the others.
        use crate::store::Data;
        assert!(matches!(Data::of(&Input::bundled()), Ok(Data::Packed(_))));
        assert!(matches!(Data::of(&input), Ok(Data::Read(_))));
        let read = KnowledgeGraph::in_memory().unwrap();
        let read_report = read.load(&input).unwrap();
        assert_eq!(packed_report.quads, read_report.quads);
        assert_eq!(packed_report.claims, read_report.claims);
        assert!(packed_report.claims > 500);
        assert_eq!(contents(&packed), contents(&read));
    }

    #[test]
    fn the_bundled_data_with_more_files_is_read_with_them() {
        use crate::{DataFile, Input, KnowledgeGraph};
        let mut input = Input::bundled();
        input.add_data_file(DataFile::new(
            "extra.toml",
            "[[actor]]\nid = \"extra-envoy\"\nname = \"An envoy\"\ntype = \"person\"\n",
        ));
        let graph = KnowledgeGraph::in_memory().unwrap();
        graph.load(&input).unwrap();
        let envoy = NamedNodeRef::new_unchecked("https://w3id.org/negkg/id/actor/extra-envoy");
        let russia = NamedNodeRef::new_unchecked("https://w3id.org/negkg/id/actor/russia");
        for actor in [envoy, russia] {
            let found = graph
                .store()
                .quads_for_pattern(Some(actor.into()), None, None, None)
                .next();
            assert!(found.is_some(), "{actor} is in the store");
        }
    }

    #[test]
    fn a_blank_node_is_not_packed() {
        let mut packer = Packer::default();
        packer.add(QuadRef::new(
            oxrdf::BlankNodeRef::new_unchecked("b0"),
            NamedNodeRef::new_unchecked("http://example.com/p"),
            TermRef::Literal(LiteralRef::new_simple_literal("x")),
            GraphNameRef::DefaultGraph,
        ));
        assert!(packer.finish(0).unwrap_err().contains("cannot be packed"));
    }
}
