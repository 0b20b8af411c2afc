//! Packs quads in the layout of [`super`]. The build script packs the bundled data with it (see
//! `build.rs`, which compiles this file too); the library has it only for its tests.

use crate::packed::{
    DEFAULT_GRAPH, LANGUAGE_LITERAL, MAGIC, NAMED_NODE, SIMPLE_LITERAL, TYPED_LITERAL,
};
use oxrdf::vocab::xsd;
use oxrdf::{GraphNameRef, QuadRef, Term, TermRef};
use std::collections::HashMap;

/// Packs quads as they come: each term once, each quad as four numbers.
#[derive(Default)]
pub(crate) struct Packer {
    numbers: HashMap<Term, u32>,
    terms: Vec<u8>,
    quads: Vec<u8>,
    quad_count: u32,
    /// Why the quads cannot be packed (a blank node, a string or a count past 4 GiB), if so.
    unpackable: Option<String>,
}

impl Packer {
    /// Adds one quad.
    pub(crate) fn add(&mut self, quad: QuadRef<'_>) {
        let subject = self.number(quad.subject.into());
        let predicate = self.number(quad.predicate.into());
        let object = self.number(quad.object);
        let graph = match quad.graph_name {
            GraphNameRef::DefaultGraph => DEFAULT_GRAPH,
            GraphNameRef::NamedNode(node) => self.number(node.into()),
            GraphNameRef::BlankNode(node) => self.number(node.into()),
        };
        for number in [subject, predicate, object, graph] {
            self.quads.extend_from_slice(&number.to_le_bytes());
        }
        self.quad_count = self.count(self.quad_count);
    }

    /// The number of `term`, given it when it is first seen.
    fn number(&mut self, term: TermRef<'_>) -> u32 {
        if let Some(&number) = self.numbers.get(&term.into_owned()) {
            return number;
        }
        match term {
            TermRef::NamedNode(node) => {
                self.terms.push(NAMED_NODE);
                self.put_str(node.as_str());
            }
            TermRef::Literal(literal) => {
                if let Some(language) = literal.language() {
                    self.terms.push(LANGUAGE_LITERAL);
                    self.put_str(literal.value());
                    self.put_str(language);
                } else if literal.datatype() == xsd::STRING {
                    self.terms.push(SIMPLE_LITERAL);
                    self.put_str(literal.value());
                } else {
                    // The datatype goes first, so that it is an earlier term.
                    let datatype = self.number(literal.datatype().into());
                    self.terms.push(TYPED_LITERAL);
                    self.put_str(literal.value());
                    self.terms.extend_from_slice(&datatype.to_le_bytes());
                }
            }
            other => {
                // Only named nodes and literals are packed; the data makes no other.
                self.refuse(format!(
                    "{other} cannot be packed: only IRIs and literals can"
                ));
                return 0;
            }
        }
        let number = u32::try_from(self.numbers.len()).unwrap_or(u32::MAX);
        if number == DEFAULT_GRAPH {
            self.refuse("too many terms to pack".to_owned());
        }
        self.numbers.insert(term.into_owned(), number);
        number
    }

    fn put_str(&mut self, text: &str) {
        let Ok(length) = u32::try_from(text.len()) else {
            self.refuse("a string of 4 GiB or more cannot be packed".to_owned());
            return;
        };
        self.terms.extend_from_slice(&length.to_le_bytes());
        self.terms.extend_from_slice(text.as_bytes());
    }

    fn count(&mut self, count: u32) -> u32 {
        count.checked_add(1).unwrap_or_else(|| {
            self.refuse("too many quads to pack".to_owned());
            count
        })
    }

    fn refuse(&mut self, why: String) {
        self.unpackable.get_or_insert(why);
    }

    /// The packing of every quad added, from `claims` claims; or why they cannot be packed.
    pub(crate) fn finish(self, claims: usize) -> Result<Vec<u8>, String> {
        if let Some(why) = self.unpackable {
            return Err(why);
        }
        let claims = u32::try_from(claims).map_err(|_| "too many claims to pack".to_owned())?;
        let terms = u32::try_from(self.numbers.len()).map_err(|_| "too many terms".to_owned())?;
        let mut bytes = Vec::with_capacity(MAGIC.len() + 12 + self.terms.len() + self.quads.len());
        bytes.extend_from_slice(MAGIC);
        for number in [claims, terms, self.quad_count] {
            bytes.extend_from_slice(&number.to_le_bytes());
        }
        bytes.extend_from_slice(&self.terms);
        bytes.extend_from_slice(&self.quads);
        Ok(bytes)
    }
}
