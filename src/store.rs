//! The knowledge graph handle: an Oxigraph store in memory (default) or on disk (the `rocksdb`
//! feature), loaded all-or-nothing from data files and RDF, and queried with SPARQL.

use crate::bundled;
use crate::dataset::{self, DataFile};
use crate::error::{Error, Location, Result};
use crate::model::Dataset;
use crate::packed;
use crate::query::{self, SparqlQuery};
use crate::rdf;
use crate::vocab;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::any::Any;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex};

/// An RDF document to load, already read into memory.
#[derive(Debug, Clone)]
pub struct RdfFile {
    /// The name to show in messages.
    pub name: String,
    /// Its serialisation.
    pub format: RdfFormat,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What to load: data files, RDF documents and the ontology. Nothing is read into a store
/// until every part has parsed and validated.
#[derive(Debug, Clone)]
pub struct Input {
    data_files: Vec<DataFile>,
    /// Whether `data_files` are the bundled data files and no others: their quads are then
    /// packed in the binary already.
    bundled_data: bool,
    rdf_files: Vec<RdfFile>,
    rdf_paths: Vec<(PathBuf, RdfFormat)>,
    ontology: bool,
}

impl Default for Input {
    fn default() -> Self {
        Self::new()
    }
}

impl Input {
    /// The ontology alone.
    pub fn new() -> Self {
        Self {
            data_files: Vec::new(),
            bundled_data: false,
            rdf_files: Vec::new(),
            rdf_paths: Vec::new(),
            ontology: true,
        }
    }

    /// The ontology and the bundled dataset.
    pub fn bundled() -> Self {
        let mut input = Self::new();
        input.data_files = bundled::data_files();
        input.bundled_data = true;
        input
    }

    /// Leaves the ontology out.
    pub fn without_ontology(mut self) -> Self {
        self.ontology = false;
        self
    }

    /// Adds a data file given as text.
    pub fn add_data_file(&mut self, file: DataFile) {
        self.bundled_data = false;
        self.data_files.push(file);
    }

    /// Adds an RDF document given as bytes.
    pub fn add_rdf(&mut self, file: RdfFile) {
        self.rdf_files.push(file);
    }

    /// Adds a file (data file by `.toml`, RDF by its extension) or every such file under a
    /// directory, in name order.
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let metadata = fs::metadata(path).map_err(io)?;
        if metadata.is_dir() {
            let mut files = Vec::new();
            collect_files(path, &mut files)?;
            files.sort();
            for file in files {
                if file_kind(&file).is_some() {
                    self.add_file(&file)?;
                }
            }
            Ok(())
        } else {
            self.add_file(path)
        }
    }

    fn add_file(&mut self, path: &Path) -> Result<()> {
        let kind = file_kind(path).ok_or_else(|| Error::UnknownFormat {
            path: path.to_owned(),
        })?;
        if let FileKind::Rdf(format) = kind {
            // RDF is read when loaded: streamed by the bulk loader, or whole by `prepare`.
            fs::metadata(path).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
            self.rdf_paths.push((path.to_owned(), format));
            return Ok(());
        }
        let bytes = fs::read(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        let name = path.display().to_string();
        match kind {
            FileKind::Data => {
                let text = String::from_utf8(bytes).map_err(|e| {
                    let offset = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(e.as_bytes());
                    Error::Data(crate::error::DataErrors(vec![crate::error::DataError {
                        location: Location::from_offset(&name, &text, offset),
                        message: "the file is not valid UTF-8".into(),
                        help: Some("save the file as UTF-8".into()),
                    }]))
                })?;
                self.bundled_data = false;
                self.data_files.push(DataFile::new(name, text));
            }
            FileKind::Rdf(_) => unreachable!("RDF files are kept as paths"),
        }
        Ok(())
    }

    /// The bundled data's quads as the build packed them, when the data files are the bundled
    /// ones and no others; `None` otherwise, or if the packing cannot be read (the data files
    /// are then read instead).
    pub(crate) fn packed(&self) -> Option<packed::Packed<'static>> {
        if self.bundled_data {
            packed::unpack(bundled::PACKED_QUADS)
        } else {
            None
        }
    }

    /// Parses and validates everything: the dataset and all quads to load, or the first error
    /// (every data-file problem at once).
    pub fn prepare(&self) -> Result<Prepared> {
        self.prepare_with(true)
    }

    /// The RDF files given as paths, to stream.
    pub(crate) fn rdf_paths(&self) -> &[(PathBuf, RdfFormat)] {
        &self.rdf_paths
    }

    /// Everything but the RDF files given as paths.
    pub(crate) fn prepare_in_memory(&self) -> Result<Prepared> {
        self.prepare_with(false)
    }

    /// The dataset and its quads, then the others (with `paths`, those of the RDF files given
    /// as paths too).
    fn prepare_with(&self, paths: bool) -> Result<Prepared> {
        let dataset = self.read_data()?;
        let mut quads = rdf::dataset_to_quads(&dataset);
        quads.extend(self.quads_beside_the_data(paths)?);
        Ok(Prepared { dataset, quads })
    }

    /// The data files, read and checked.
    fn read_data(&self) -> Result<Dataset> {
        dataset::parse_dataset(&self.data_files).map_err(Error::Data)
    }

    /// The ontology's quads (when asked for), those of the RDF documents held whole and, with
    /// `paths`, those of the RDF files given as paths.
    fn quads_beside_the_data(&self, paths: bool) -> Result<Vec<Quad>> {
        let mut quads = Vec::new();
        if self.ontology {
            for (name, text) in bundled::ontology_files() {
                let file = RdfFile {
                    name: (*name).to_owned(),
                    format: RdfFormat::Turtle,
                    bytes: text.as_bytes().to_vec(),
                };
                let mut ontology = Vec::new();
                parse_rdf(&file, Some(GraphName::from(vocab::ONTOLOGY)), &mut ontology)?;
                quads.extend(skolemize(ontology));
            }
        }
        for file in &self.rdf_files {
            parse_rdf(file, None, &mut quads)?;
        }
        if paths {
            for (path, format) in &self.rdf_paths {
                let file = fs::File::open(path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                read_rdf(
                    &path.display().to_string(),
                    *format,
                    std::io::BufReader::new(file),
                    &mut |quad| quads.push(quad),
                )?;
            }
        }
        Ok(quads)
    }
}

/// Everything an [`Input`] holds, parsed and validated, ready to load.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The dataset read from the data files.
    pub dataset: Dataset,
    /// Every quad: the dataset's, the ontology's and the RDF documents'.
    pub quads: Vec<Quad>,
}

enum FileKind {
    Data,
    Rdf(RdfFormat),
}

fn file_kind(path: &Path) -> Option<FileKind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "toml" => Some(FileKind::Data),
        "json" => Some(FileKind::Rdf(RdfFormat::JsonLd {
            profile: Default::default(),
        })),
        "xml" | "owl" => Some(FileKind::Rdf(RdfFormat::RdfXml)),
        other => RdfFormat::from_extension(other).map(FileKind::Rdf),
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Replaces blank nodes by IRIs numbered in order of first appearance, so that loading the
/// same document twice (the ontology, into an on-disk store) adds nothing the second time.
fn skolemize(quads: Vec<Quad>) -> Vec<Quad> {
    use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Term};
    use std::collections::HashMap;
    let mut names: HashMap<BlankNode, NamedNode> = HashMap::new();
    let mut name = |node: &BlankNode| -> NamedNode {
        let next = names.len();
        names
            .entry(node.clone())
            .or_insert_with(|| {
                NamedNode::new_unchecked(format!(
                    "{}/.well-known/genid/{next}",
                    vocab::ONTOLOGY.as_str()
                ))
            })
            .clone()
    };
    quads
        .into_iter()
        .map(|quad| {
            let subject = match quad.subject {
                NamedOrBlankNode::BlankNode(node) => NamedOrBlankNode::NamedNode(name(&node)),
                other => other,
            };
            let object = match quad.object {
                Term::BlankNode(node) => Term::NamedNode(name(&node)),
                other => other,
            };
            Quad::new(subject, quad.predicate, object, quad.graph_name)
        })
        .collect()
}

fn parse_rdf(file: &RdfFile, graph: Option<GraphName>, quads: &mut Vec<Quad>) -> Result<()> {
    let mut parser = RdfParser::from_format(file.format).rename_blank_nodes();
    if let Some(graph) = graph {
        parser = parser.with_default_graph(graph);
    }
    for quad in parser.for_slice(&file.bytes) {
        quads.push(quad.map_err(|error| syntax_error(&file.name, file.format, &error))?);
    }
    Ok(())
}

fn syntax_error(name: &str, format: RdfFormat, error: &oxigraph::io::RdfSyntaxError) -> Error {
    let (line, column) = error
        .location()
        .map_or((1, 1), |l| (l.start.line + 1, l.start.column + 1));
    Error::RdfSyntax {
        location: Location {
            file: name.to_owned(),
            line: usize::try_from(line).unwrap_or(usize::MAX),
            column: usize::try_from(column).unwrap_or(usize::MAX),
        },
        message: error.to_string(),
        format: format.name().to_owned(),
    }
}

/// Streams an RDF document through `sink`, or gives the first syntax error with its position.
pub(crate) fn read_rdf(
    name: &str,
    format: RdfFormat,
    reader: impl std::io::Read,
    sink: &mut dyn FnMut(Quad),
) -> Result<u64> {
    let mut count = 0;
    for quad in RdfParser::from_format(format)
        .rename_blank_nodes()
        .for_reader(reader)
    {
        match quad {
            Ok(quad) => {
                sink(quad);
                count += 1;
            }
            Err(oxigraph::io::RdfParseError::Syntax(error)) => {
                return Err(syntax_error(name, format, &error))
            }
            Err(oxigraph::io::RdfParseError::Io(source)) => {
                return Err(Error::Io {
                    path: PathBuf::from(name),
                    source,
                })
            }
        }
    }
    Ok(count)
}

/// A reader that reports how many bytes have been read so far (plus `read` at the start).
struct Counting<'a, R> {
    inner: R,
    read: u64,
    report: &'a dyn Fn(u64),
}

impl<R: std::io::Read> std::io::Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        (self.report)(self.read);
        Ok(n)
    }
}

/// What a load added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadReport {
    /// Quads offered to the store (the store keeps each distinct quad once).
    pub quads: usize,
    /// Claims in the loaded data files.
    pub claims: usize,
    /// Quads in the store after the load, when counting them is cheap (not after a large load).
    pub store_size: Option<usize>,
}

/// The knowledge graph: an Oxigraph store with negkg's loading and querying. Cloning gives
/// another handle on the same store.
#[derive(Clone)]
pub struct KnowledgeGraph {
    store: Store,
    /// Counts the writes made through this handle and its clones.
    generation: Arc<AtomicU64>,
    /// Data derived from the store (the analyses' index), with the generation it was built at.
    derived: Arc<Mutex<Option<Derived>>>,
    /// Where an on-disk store lives.
    disk: Option<Arc<OnDisk>>,
}

/// Where an on-disk store lives and how it was opened.
#[derive(Debug, Clone)]
pub struct OnDisk {
    /// The store's directory.
    pub directory: PathBuf,
    /// Opened for reading only.
    pub read_only: bool,
    /// The fingerprint of the store's data files just before it was opened, if they could be
    /// listed.
    pub fingerprint_at_open: Option<u64>,
}

type Derived = (u64, Arc<dyn Any + Send + Sync>);

impl KnowledgeGraph {
    /// An empty in-memory graph.
    pub fn in_memory() -> Result<Self> {
        Ok(Self {
            store: Store::new()?,
            generation: Arc::default(),
            derived: Arc::default(),
            disk: None,
        })
    }

    /// An in-memory graph holding the ontology and the bundled dataset.
    pub fn bundled() -> Result<Self> {
        let graph = Self::in_memory()?;
        graph.load(&Input::bundled())?;
        Ok(graph)
    }

    /// Opens (or creates, with any missing parent directories) an on-disk store in
    /// `directory`, for reading and writing.
    #[cfg(feature = "rocksdb")]
    pub fn open(directory: &Path) -> Result<Self> {
        fs::create_dir_all(directory).map_err(|source| Error::Io {
            path: directory.to_owned(),
            source,
        })?;
        // Taken before opening, which may drop old logs or flush them (the data stays).
        let fingerprint_at_open = crate::analysis::store_fingerprint(directory).ok();
        Ok(Self {
            store: Store::open(directory).map_err(|e| on_disk_error(directory, e))?,
            generation: Arc::default(),
            derived: Arc::default(),
            disk: Some(Arc::new(OnDisk {
                directory: directory.to_owned(),
                read_only: false,
                fingerprint_at_open,
            })),
        })
    }

    /// Opens (or creates) an on-disk store: this build has none.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open(_directory: &Path) -> Result<Self> {
        Err(no_disk_store())
    }

    /// Opens an existing on-disk store for reading only (several readers may share it).
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(directory: &Path) -> Result<Self> {
        if !directory.join("CURRENT").exists() {
            return Err(Error::Store(format!(
                "{} holds no negkg store; create one with `negkg load --store {}`",
                directory.display(),
                directory.display()
            )));
        }
        // Taken before opening: the index stamped with it describes at most what is read.
        let fingerprint_at_open = crate::analysis::store_fingerprint(directory).ok();
        Ok(Self {
            store: Store::open_read_only(directory).map_err(|e| on_disk_error(directory, e))?,
            generation: Arc::default(),
            derived: Arc::default(),
            disk: Some(Arc::new(OnDisk {
                directory: directory.to_owned(),
                read_only: true,
                fingerprint_at_open,
            })),
        })
    }

    /// Opens an existing on-disk store for reading only: this build has none.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open_read_only(_directory: &Path) -> Result<Self> {
        Err(no_disk_store())
    }

    /// The underlying Oxigraph store, for anything negkg does not wrap. A write made through it
    /// directly must be followed by [`KnowledgeGraph::mark_changed`], so that the analyses do
    /// not answer from data derived before it.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where the store lives, for an on-disk store.
    pub fn on_disk(&self) -> Option<&OnDisk> {
        self.disk.as_deref()
    }

    /// Counts the writes made through this handle and its clones: data derived from the store
    /// at one generation is stale at the next.
    pub fn generation(&self) -> u64 {
        self.generation.load(AtomicOrdering::SeqCst)
    }

    /// Says that the store changed (after a write made through [`KnowledgeGraph::store`]):
    /// whatever was derived from it is built again when next asked for.
    pub fn mark_changed(&self) {
        self.generation.fetch_add(1, AtomicOrdering::SeqCst);
    }

    /// Whether data of type `T` derived from the store is held and still current.
    pub fn has_derived<T: Any + Send + Sync>(&self) -> bool {
        let slot = self
            .derived
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slot.as_ref()
            .is_some_and(|(built_at, value)| *built_at == self.generation() && value.is::<T>())
    }

    /// Keeps `value` as the data derived from the store as it is now (made by other means than
    /// [`KnowledgeGraph::derived`], such as while loading).
    pub fn keep_derived<T: Any + Send + Sync>(&self, value: T) -> Arc<T> {
        let mut slot = self
            .derived
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let value = Arc::new(value);
        *slot = Some((
            self.generation(),
            Arc::clone(&value) as Arc<dyn Any + Send + Sync>,
        ));
        value
    }

    /// Data derived from the store, built by `build` when there is none yet or the store has
    /// changed since it was built (any load or update through this handle), else the copy built
    /// before. One derived value is kept per graph: asking for another type rebuilds.
    pub fn derived<T: Any + Send + Sync>(
        &self,
        build: impl FnOnce(&Self) -> Result<T>,
    ) -> Result<Arc<T>> {
        let mut slot = self
            .derived
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let generation = self.generation();
        if let Some((built_at, value)) = slot.as_ref() {
            if *built_at == generation {
                if let Ok(value) = Arc::clone(value).downcast::<T>() {
                    return Ok(value);
                }
            }
        }
        let value = Arc::new(build(self)?);
        *slot = Some((generation, Arc::clone(&value) as Arc<dyn Any + Send + Sync>));
        Ok(value)
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    /// Compacts an on-disk store so that it reads fast: after a bulk load RocksDB holds many
    /// overlapping files, and every lookup consults each of them until a background compaction
    /// merges them (which a command that exits at once never waits for). Measured on synthetic
    /// data (BENCHMARKS.md): lookups and joins 1.6–1.7× faster and a GROUP BY 2.5× faster at
    /// 100,000 claims, lookups 20× faster at a million; it costs about 40% of the load's time.
    /// An in-memory store needs nothing: this returns at once.
    pub fn optimize(&self) -> Result<()> {
        #[cfg(feature = "rocksdb")]
        self.store.optimize()?;
        Ok(())
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Validates all of `input`, then adds it in one atomic step: on any error nothing is added.
    pub fn load(&self, input: &Input) -> Result<LoadReport> {
        if self.disk.is_some() {
            let prepared = input.prepare()?;
            let claims = prepared.dataset.claims.len();
            return self.insert_all(prepared.quads, claims);
        }
        // In memory (every command on the bundled data starts here), the dataset's quads go
        // straight into one transaction as they are made, rather than into a list first (a
        // tenth of the start). Everything is read and checked before the first of them.
        // The bundled data alone was read, checked and made into quads when negkg was built:
        // its packed quads go in as they are (a third of the start).
        let data = Data::of(input)?;
        let others = input.quads_beside_the_data(true)?;
        self.mark_changed();
        let mut transaction = self.store.start_transaction()?;
        let mut sink = Counted {
            transaction: &mut transaction,
            quads: 0,
        };
        let claims = match &data {
            Data::Packed(packed) => {
                for quad in packed.quads() {
                    rdf::QuadSink::quad(&mut sink, quad);
                }
                packed.claims()
            }
            Data::Read(dataset) => {
                rdf::write_dataset(dataset, &mut sink);
                dataset.claims.len()
            }
        };
        for quad in &others {
            rdf::QuadSink::quad(&mut sink, quad.as_ref());
        }
        let quads = sink.quads;
        transaction.commit()?;
        self.mark_changed();
        Ok(LoadReport {
            quads,
            claims,
            store_size: Some(self.store.len()?),
        })
    }

    /// Loads large inputs with bounded memory and one read of each file: data files are
    /// validated first, then RDF files given as paths are streamed through Oxigraph's bulk
    /// loader together with them. The bulk loader only adds anything at its commit, so a syntax
    /// error anywhere (reported with its file, line and column) leaves the store as it was.
    /// `started` hears the total size in bytes of the RDF files, `progress` the bytes read so
    /// far.
    pub fn load_large(
        &self,
        input: &Input,
        started: impl FnOnce(u64),
        progress: impl Fn(u64),
    ) -> Result<LoadReport> {
        self.load_large_observed(input, started, progress, |_| {})
    }

    /// Like [`KnowledgeGraph::load_large`], and `observe` sees each quad as it goes into the
    /// store (to derive data from the load without reading the store again; on an error the
    /// load adds nothing, so what `observe` made of it must be dropped too).
    pub fn load_large_observed(
        &self,
        input: &Input,
        started: impl FnOnce(u64),
        progress: impl Fn(u64),
        mut observe: impl FnMut(&Quad),
    ) -> Result<LoadReport> {
        let prepared = input.prepare_in_memory()?;
        let mut files = Vec::new();
        let mut total_bytes = 0;
        for (path, format) in input.rdf_paths() {
            let size = fs::metadata(path)
                .map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?
                .len();
            total_bytes += size;
            files.push((path, *format, size));
        }
        started(total_bytes);
        // One stream of quads for the whole load, so that the bulk loader cuts it into as few
        // batches as it can: each batch becomes its own set of sorted files that a compaction
        // must merge afterwards.
        let quads = std::cell::Cell::new(0);
        let mut bytes_before = 0;
        // Each file is opened when its turn comes, so that a folder of many files does not hold
        // them all open.
        let streamed = files.into_iter().flat_map(|(path, format, size)| {
            let file = match fs::File::open(path) {
                Ok(file) => file,
                Err(source) => {
                    let error = Error::Io {
                        path: path.clone(),
                        source,
                    };
                    return Box::new(std::iter::once(Err(error)))
                        as Box<dyn Iterator<Item = Result<Quad>>>;
                }
            };
            let reader = std::io::BufReader::with_capacity(
                1 << 16,
                Counting {
                    inner: file,
                    read: bytes_before,
                    report: &progress,
                },
            );
            bytes_before += size;
            let name = path.display().to_string();
            let parsed = RdfParser::from_format(format)
                .rename_blank_nodes()
                .for_reader(reader)
                .map(move |quad| match quad {
                    Ok(quad) => Ok(quad),
                    Err(oxigraph::io::RdfParseError::Syntax(error)) => {
                        Err(syntax_error(&name, format, &error))
                    }
                    Err(oxigraph::io::RdfParseError::Io(source)) => Err(Error::Io {
                        path: path.clone(),
                        source,
                    }),
                });
            Box::new(parsed)
        });
        let all = prepared
            .quads
            .iter()
            .cloned()
            .map(Ok)
            .chain(streamed)
            .inspect(|quad| {
                quads.set(quads.get() + 1);
                if let Ok(quad) = quad {
                    observe(quad);
                }
            });
        let mut loader = self.store.bulk_loader();
        // On an error this returns at once and dropping the loader discards all it holds.
        self.mark_changed();
        loader.load_ok_quads::<Error, Error>(all)?;
        loader.commit()?;
        self.mark_changed();
        Ok(LoadReport {
            quads: quads.get(),
            claims: prepared.dataset.claims.len(),
            store_size: None,
        })
    }

    /// Adds already prepared quads in one atomic step.
    pub fn load_prepared(&self, prepared: &Prepared) -> Result<LoadReport> {
        self.insert_all(prepared.quads.clone(), prepared.dataset.claims.len())
    }

    /// Adds `quads` (which come from `claims` claims) in one commit; they are moved into the
    /// store, not copied.
    fn insert_all(&self, quads: Vec<Quad>, claims: usize) -> Result<LoadReport> {
        self.mark_changed();
        let count = quads.len();
        let mut loader = self.store.bulk_loader();
        loader.load_quads(quads)?;
        loader.commit()?;
        self.mark_changed();
        Ok(LoadReport {
            quads: count,
            claims,
            store_size: Some(self.store.len()?),
        })
    }

    /// Runs a SPARQL query: every vocabulary prefix declared, the default graph the union of all
    /// graphs.
    pub fn query(&self, query: &SparqlQuery) -> Result<QueryResults<'static>> {
        query::execute(&self.store, query)
    }

    /// Runs a SPARQL query that `token` can cancel (a timeout).
    pub fn query_cancellable(
        &self,
        query: &SparqlQuery,
        token: oxigraph::sparql::CancellationToken,
    ) -> Result<QueryResults<'static>> {
        query::execute_cancellable(&self.store, query, Some(token))
    }

    /// Runs a SPARQL Update (every vocabulary prefix declared).
    pub fn update(&self, sparql: &str) -> Result<()> {
        self.mark_changed();
        let result = query::update(&self.store, sparql);
        self.mark_changed();
        result
    }
}

/// The dataset to load in memory: packed by the build script, or read from the data files.
pub(crate) enum Data {
    Packed(packed::Packed<'static>),
    Read(Dataset),
}

impl Data {
    /// What `input`'s data files give: the packed quads when they are the bundled files and no
    /// others, else the dataset read from them (or every problem in them).
    pub(crate) fn of(input: &Input) -> Result<Self> {
        match input.packed() {
            Some(packed) => Ok(Self::Packed(packed)),
            None => Ok(Self::Read(input.read_data()?)),
        }
    }
}

/// A transaction that counts the quads it is given.
struct Counted<'a, 'b> {
    transaction: &'a mut oxigraph::store::Transaction<'b>,
    quads: usize,
}

impl rdf::QuadSink for Counted<'_, '_> {
    fn quad(&mut self, quad: oxigraph::model::QuadRef<'_>) {
        self.transaction.insert(quad);
        self.quads += 1;
    }
}

#[cfg(feature = "rocksdb")]
fn on_disk_error(directory: &Path, error: oxigraph::store::StorageError) -> Error {
    let message = error.to_string();
    if message.contains("lock") || message.contains("LOCK") {
        Error::Store(format!(
            "{}: the store is locked by another process; wait for it to finish ({message})",
            directory.display()
        ))
    } else {
        Error::Store(format!("{}: {message}", directory.display()))
    }
}

#[cfg(not(feature = "rocksdb"))]
fn no_disk_store() -> Error {
    Error::Unsupported(
        "this negkg was built without the on-disk store\n  help: rebuild with `cargo build --release --features rocksdb` (needs libclang), or leave out --store to use the in-memory store".into(),
    )
}
