//! The claim index kept beside an on-disk store: written when `negkg load` (or the first
//! analysis after a change) builds it, read back in one pass by each later command, and
//! stamped with a fingerprint of the store's data files, so that an index that no longer
//! matches the store is never used.
//!
//! The fingerprint covers RocksDB's table files (`*.sst`) and non-empty write-ahead logs
//! (`*.log`), by name and size. Every write to the store, through negkg or any other program,
//! adds to a log or adds a table file; compaction replaces table files. So a write always
//! changes the fingerprint, and a compaction or an opening for writing may change it without a
//! write, which costs one rebuild, never a wrong answer.
//!
//! The file: `NEGKGIX` and a format version byte, the fingerprint, then the terms, the term
//! lookup table, the claim classes, the sources and each property's rows, every number little-
//! endian, every list preceded by its length, and `END!`.

use super::index::{Adjacency, ClaimIndex, Id, Keys, Rows};
use super::slab::{Backing, Bytes, Slab};
use super::terms::Terms;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The index's file name inside the store's directory.
pub const INDEX_FILE: &str = "negkg-claim-index.bin";

const MAGIC: &[u8; 8] = b"NEGKGIX\x07";
const END: &[u8; 4] = b"END!";

/// The path of the index kept beside the store in `directory`.
pub fn index_path(directory: &Path) -> PathBuf {
    directory.join(INDEX_FILE)
}

/// A fingerprint of the data files of the RocksDB store in `directory` (see the module
/// documentation).
pub fn store_fingerprint(directory: &Path) -> io::Result<u64> {
    let mut files = Vec::new();
    for entry in fs::read_dir(directory)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let table = name.ends_with(".sst");
        let log = name.ends_with(".log");
        if !(table || log) {
            continue;
        }
        let size = match entry.metadata() {
            Ok(metadata) => metadata.len(),
            // Deleted by RocksDB between listing and reading: a changing store.
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        if log && size == 0 {
            continue;
        }
        files.push((name, size));
    }
    files.sort();
    let mut bytes = Vec::new();
    for (name, size) in files {
        bytes.extend_from_slice(name.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(&size.to_le_bytes());
    }
    Ok(super::terms::hash(&bytes))
}

struct Writer<W: Write> {
    out: W,
    /// Bytes written so far (lists start at a multiple of 8, so that they can be used where
    /// they lie once the file is mapped).
    at: usize,
}

impl<W: Write> Writer<W> {
    fn bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.at += bytes.len();
        self.out.write_all(bytes)
    }
    fn pad(&mut self) -> io::Result<()> {
        let padding = (8 - self.at % 8) % 8;
        self.bytes(&[0; 8][..padding])
    }
    fn u64(&mut self, value: u64) -> io::Result<()> {
        self.bytes(&value.to_le_bytes())
    }
    fn len(&mut self, len: usize) -> io::Result<()> {
        self.u64(len as u64)
    }
    /// A list: its length, then each item's little-endian bytes, written in large chunks,
    /// then zeros up to a multiple of 8.
    fn list<const N: usize>(
        &mut self,
        values: impl ExactSizeIterator<Item = [u8; N]>,
    ) -> io::Result<()> {
        self.len(values.len())?;
        let mut buffer = Vec::with_capacity((values.len() * N).min(1 << 18));
        for value in values {
            buffer.extend_from_slice(&value);
            if buffer.len() >= 1 << 18 {
                self.bytes(&buffer)?;
                buffer.clear();
            }
        }
        self.bytes(&buffer)?;
        self.pad()
    }
    fn u32s(&mut self, values: impl ExactSizeIterator<Item = u32>) -> io::Result<()> {
        self.list(values.map(u32::to_le_bytes))
    }
    fn u64s(&mut self, values: &[u64]) -> io::Result<()> {
        self.list(values.iter().map(|v| v.to_le_bytes()))
    }
    fn pairs(&mut self, pairs: &[(Id, Id)]) -> io::Result<()> {
        self.u32s(
            pairs
                .iter()
                .flat_map(|&(a, b)| [a, b])
                .collect::<Vec<_>>()
                .into_iter(),
        )
    }
    fn rows(&mut self, rows: &Rows) -> io::Result<()> {
        match &rows.keys {
            Keys::Dense { base } => {
                self.u64(0)?;
                self.u64(u64::from(*base))?;
            }
            Keys::Sparse(keys) => {
                self.u64(1)?;
                self.u32s(keys.iter().copied())?;
            }
        }
        self.u32s(rows.offsets.iter().copied())?;
        self.list(rows.values.iter().map(|v| {
            let mut bytes = [0; 8];
            bytes[..4].copy_from_slice(&v.graph.to_le_bytes());
            bytes[4..].copy_from_slice(&v.term.to_le_bytes());
            bytes
        }))
    }
}

/// Writes `index`, stamped with `fingerprint`, to `path`: first to a file beside it, then
/// renamed over it, so that a reader never sees half an index (and a command that has the old
/// one mapped keeps reading the old file).
pub(super) fn write_index(index: &ClaimIndex, fingerprint: u64, path: &Path) -> io::Result<()> {
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    let result = (|| {
        let file = fs::File::create(&temporary)?;
        let mut writer = Writer {
            out: io::BufWriter::with_capacity(1 << 20, file),
            at: 0,
        };
        writer.bytes(MAGIC)?;
        writer.u64(fingerprint)?;
        writer.len(ClaimIndex::PROPERTIES)?;
        let terms = &index.terms;
        writer.list(terms.bytes.iter().map(|&b| [b]))?;
        writer.u64s(&terms.ends)?;
        writer.u64s(&terms.hashes)?;
        writer.u32s(terms.by_hash.iter().copied())?;
        writer.pairs(&index.claim_classes)?;
        writer.u64(index.source_class.map_or(0, |id| u64::from(id) + 1))?;
        writer.rows(&index.holders_by_graph)?;
        for adjacency in &index.properties {
            writer.rows(&adjacency.forward)?;
            writer.rows(&adjacency.inverse)?;
        }
        writer.bytes(END)?;
        let file = writer
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.sync_all()
    })();
    match result {
        Ok(()) => fs::rename(&temporary, path),
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

/// Why an index file could not be used.
#[derive(Debug)]
pub(super) enum ReadError {
    /// There is no index file.
    Missing,
    /// The file could not be read.
    Io(io::Error),
    /// The file is not an index of this version, or is damaged.
    Damaged(String),
}

/// Reads the lists of an index file where they lie.
struct Reader {
    bytes: Bytes,
    at: usize,
}

impl Reader {
    fn all(&self) -> &[u8] {
        self.bytes.bytes()
    }
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.all().len())
            .ok_or("the file ends too early")?;
        let start = std::mem::replace(&mut self.at, end);
        Ok(&self.all()[start..end])
    }
    fn u64(&mut self) -> Result<u64, String> {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(bytes))
    }
    /// A list of `T` where it lies, and the padding after it.
    fn list<T: bytemuck::Pod>(&mut self) -> Result<Slab<T>, String> {
        let len = usize::try_from(self.u64()?).map_err(|_| "a list too long".to_string())?;
        let slab = Slab::shared(&self.bytes, self.at, len)
            .ok_or("a list longer than the file, or out of line")?;
        let size = len * std::mem::size_of::<T>();
        self.take(size)?;
        self.take((8 - self.at % 8) % 8)?;
        Ok(slab)
    }
    fn pairs(&mut self) -> Result<Vec<(Id, Id)>, String> {
        let flat: Slab<u32> = self.list()?;
        if flat.len() % 2 != 0 {
            return Err("an odd list of pairs".into());
        }
        Ok(flat.chunks_exact(2).map(|c| (c[0], c[1])).collect())
    }
    fn rows(&mut self, terms: usize) -> Result<Rows, String> {
        let keys = match self.u64()? {
            0 => Keys::Dense {
                base: Id::try_from(self.u64()?).map_err(|_| "a key out of range".to_string())?,
            },
            1 => Keys::Sparse(self.list()?),
            _ => return Err("unknown kind of rows".into()),
        };
        let offsets = self.list()?;
        let values = self.list()?;
        let rows = Rows {
            keys,
            offsets,
            values,
        };
        rows.check(terms)?;
        Ok(rows)
    }
}

/// Reads the index at `path` with the fingerprint it was stamped with. The file is mapped into
/// memory and its lists used where they lie: a command that answers one actor's timeline from
/// a million claims reads only the pages it needs.
pub(super) fn read_index(path: &Path) -> Result<(ClaimIndex, u64), ReadError> {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Err(ReadError::Missing),
        Err(error) => return Err(ReadError::Io(error)),
    };
    // SAFETY: the map is only ever read. negkg never changes an index file in place (it
    // writes a new one and renames it over the old, which leaves this mapping on the old
    // file); another program that truncated the file while a command reads it could make
    // that command fail, as it would with any mapped file.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(ReadError::Io)?;
    parse(Arc::new(Backing::Mapped(map))).map_err(ReadError::Damaged)
}

/// Reads only the fingerprint the index at `path` was stamped with.
pub(super) fn read_stamp(path: &Path) -> Result<u64, ReadError> {
    use std::io::Read;
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Err(ReadError::Missing),
        Err(error) => return Err(ReadError::Io(error)),
    };
    let mut header = [0; 16];
    if file.read_exact(&mut header).is_err() || &header[..8] != MAGIC {
        return Err(ReadError::Damaged(
            "not a claim index of this negkg version".into(),
        ));
    }
    let mut stamp = [0; 8];
    stamp.copy_from_slice(&header[8..]);
    Ok(u64::from_le_bytes(stamp))
}

fn parse(bytes: Bytes) -> Result<(ClaimIndex, u64), String> {
    let mut reader = Reader { bytes, at: 0 };
    if reader.take(MAGIC.len()).ok() != Some(MAGIC.as_slice()) {
        return Err("not a claim index of this negkg version".into());
    }
    let fingerprint = reader.u64()?;
    if reader.u64()? != ClaimIndex::PROPERTIES as u64 {
        return Err("an index of other properties".into());
    }
    let text = reader.list()?;
    let ends = reader.list()?;
    let hashes = reader.list()?;
    let by_hash = reader.list()?;
    let terms = Terms::from_parts(text, ends, hashes, by_hash)?;
    let count = terms.len();
    let claim_classes = reader.pairs()?;
    let source_class = match reader.u64()? {
        0 => None,
        id if id <= count as u64 => Some((id - 1) as Id),
        _ => return Err("neg:Source names no term".into()),
    };
    let holders_by_graph = reader.rows(count)?;
    let mut properties = Vec::with_capacity(ClaimIndex::PROPERTIES);
    for _ in 0..ClaimIndex::PROPERTIES {
        let forward = reader.rows(count)?;
        let inverse = reader.rows(count)?;
        properties.push(Adjacency { forward, inverse });
    }
    if reader.take(END.len())? != END || reader.at != reader.all().len() {
        return Err("the file does not end where it should".into());
    }
    Ok((
        ClaimIndex {
            terms,
            properties,
            claim_classes,
            source_class,
            holders_by_graph,
            origin: super::IndexOrigin::Read,
            unusable: None,
        },
        fingerprint,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{run_fast, FAST_QUERIES};
    use crate::store::KnowledgeGraph;
    use oxigraph::model::{NamedNode, Term};

    fn temporary(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("negkg-index-{name}-{}.bin", std::process::id()))
    }

    fn answers(index: &ClaimIndex) -> Vec<Option<crate::analysis::Solutions>> {
        let actor: Term =
            NamedNode::new_unchecked(format!("{}russia", crate::vocab::ACTOR_NS)).into();
        let source: Term = NamedNode::new_unchecked(format!(
            "{}ft-2025-05-19-trump-leaves-ceasefire-talks",
            crate::vocab::SOURCE_NS
        ))
        .into();
        let mut all = Vec::new();
        for name in FAST_QUERIES {
            all.push(run_fast(index, name, &[]));
            all.push(run_fast(index, name, &[("actor", actor.clone())]));
            all.push(run_fast(index, name, &[("source", source.clone())]));
        }
        all
    }

    #[test]
    fn an_index_read_back_gives_every_analysis_the_same_rows() {
        let graph = KnowledgeGraph::bundled().unwrap();
        let built = ClaimIndex::build(&graph).unwrap();
        let path = temporary("round-trip");
        write_index(&built, 42, &path).unwrap();
        assert_eq!(read_stamp(&path).unwrap(), 42);
        let (read, stamp) = read_index(&path).unwrap();
        let _ = fs::remove_file(&path);
        assert_eq!(stamp, 42);
        assert_eq!(read.origin(), &crate::analysis::IndexOrigin::Read);
        assert_eq!(read.term_count(), built.term_count());
        assert_eq!(read.entry_count(), built.entry_count());
        let (expected, got) = (answers(&built), answers(&read));
        assert!(expected.iter().flatten().any(|s| !s.is_empty()));
        // The bound ones find something: the actor and the source are in the data.
        let bound = |name: &str, at: usize| {
            let position = FAST_QUERIES.iter().position(|n| *n == name).unwrap();
            expected[position * 3 + at].as_ref().map_or(0, |s| s.len())
        };
        assert!(bound("timeline-actor", 1) > 0);
        assert!(bound("claims-of-source", 2) > 0);
        assert_eq!(expected, got);
    }

    /// The index made from the store's quads and the one made from the same quads in the
    /// opposite order (as a load streams them in another order than a scan of the store
    /// gives) are the same, byte for byte.
    #[test]
    fn an_index_is_the_same_whatever_order_its_quads_came_in() {
        let graph = KnowledgeGraph::bundled().unwrap();
        let built = ClaimIndex::build(&graph).unwrap();
        let mut quads: Vec<_> = graph.store().iter().collect::<Result<_, _>>().unwrap();
        quads.reverse();
        let mut builder = crate::analysis::IndexBuilder::default();
        for quad in &quads {
            builder.add(quad).unwrap();
        }
        let reversed = builder.finish().unwrap();
        let (first, second) = (temporary("order-a"), temporary("order-b"));
        write_index(&built, 1, &first).unwrap();
        write_index(&reversed, 1, &second).unwrap();
        let (a, b) = (fs::read(&first).unwrap(), fs::read(&second).unwrap());
        let _ = (fs::remove_file(&first), fs::remove_file(&second));
        assert!(built.entry_count() > 1000);
        assert!(a == b, "the two indexes differ");
    }

    #[test]
    fn a_cut_or_damaged_index_file_is_refused_never_used() {
        let graph = KnowledgeGraph::bundled().unwrap();
        let built = ClaimIndex::build(&graph).unwrap();
        let path = temporary("damaged");
        write_index(&built, 7, &path).unwrap();
        let bytes = fs::read(&path).unwrap();
        let _ = fs::remove_file(&path);
        let parsed = |bytes: &[u8]| parse(Arc::new(Backing::Buffer(bytes.to_vec())));
        assert!(parsed(&bytes).is_ok());
        // Every cut, at a stride that visits each section.
        let stride = (bytes.len() / 997).max(1);
        for end in (0..bytes.len()).step_by(stride) {
            assert!(
                parsed(&bytes[..end]).is_err(),
                "a file cut at {end} was read"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(parsed(&longer).is_err());
        // Flipped bytes give an error, or an index whose every analysis answers (wrongly,
        // perhaps), never a panic.
        let mut answered = 0;
        for at in (0..bytes.len()).step_by((bytes.len() / 151).max(1)) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0xA5;
            if let Ok((index, _)) = parsed(&damaged) {
                answers(&index);
                answered += 1;
            }
        }
        assert!(answered > 50, "only {answered} damaged files were read");
        assert!(matches!(
            read_index(&temporary("none")),
            Err(ReadError::Missing)
        ));
    }
}
