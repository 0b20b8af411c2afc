//! Options shared by the commands that read a graph: where the graph comes from.

use anyhow::Context;
use negkg::{Input, KnowledgeGraph};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Where the graph comes from: the bundled data plus `--data`, or an on-disk store.
#[derive(Debug, clap::Args)]
pub(crate) struct GraphArgs {
    /// Also load this data file (.toml) or RDF file (.ttl .nt .nq .trig .jsonld .rdf), or every
    /// such file under this directory; repeatable. Nothing is loaded if any file has an error.
    #[arg(long, value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Leave the bundled dataset out (the ontology stays).
    #[arg(long)]
    no_bundled: bool,
    /// Query the on-disk store in DIR (made by `negkg load`) instead of building one in memory.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["data", "no_bundled"])]
    store: Option<PathBuf>,
}

impl GraphArgs {
    /// Opens the on-disk store, or builds the in-memory graph from the bundled data and --data.
    pub(crate) fn open(&self) -> anyhow::Result<KnowledgeGraph> {
        self.open_for_serving(false)
    }

    /// Like `open`, but an on-disk store opens for writing when updates are allowed.
    pub(crate) fn open_for_serving(&self, writable: bool) -> anyhow::Result<KnowledgeGraph> {
        if let Some(directory) = &self.store {
            return Ok(if writable {
                KnowledgeGraph::open(directory)?
            } else {
                KnowledgeGraph::open_read_only(directory)?
            });
        }
        let input = input(self.no_bundled, &self.data)?;
        let graph = KnowledgeGraph::in_memory()?;
        graph.load(&input)?;
        // The graph lives until the command ends, and so does the process: a copy of the
        // handle is never dropped, so that the exit does not free the store's quads one by
        // one.
        std::mem::forget(graph.clone());
        Ok(graph)
    }
}

/// The bundled dataset (unless `no_bundled`) and the ontology, with `paths` added.
pub(crate) fn input(no_bundled: bool, paths: &[PathBuf]) -> anyhow::Result<Input> {
    let mut input = if no_bundled {
        Input::new()
    } else {
        Input::bundled()
    };
    for path in paths {
        input.add_path(path)?;
    }
    Ok(input)
}

/// Whether standard output is a terminal (tables then fit its width).
pub(crate) fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Opens `-o FILE` or standard output. A file is written whole or not at all: the output goes
/// to a temporary file beside it, which takes the file's name when the command flushes its
/// output at the end; a command that fails before (a full disk, a bad query) leaves the file
/// as it was. A link is followed: the file it names is the one replaced, and the link stays.
/// What is not a file (`/dev/null`, a named pipe, a terminal) is written to directly, never
/// replaced.
pub(crate) fn output(path: Option<&PathBuf>) -> anyhow::Result<Box<dyn std::io::Write>> {
    Ok(match path {
        Some(path) => Box::new(std::io::BufWriter::new(WholeFile::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// A file written under a temporary name and renamed to its own on `flush`, the temporary
/// removed if it is dropped before; or a device or pipe written straight (`rename` is `None`).
struct WholeFile {
    file: std::fs::File,
    /// The temporary name and the name it takes on `flush`.
    rename: Option<(PathBuf, PathBuf)>,
}

impl WholeFile {
    fn create(path: &std::path::Path) -> anyhow::Result<Self> {
        // Asked of the path itself, so that the system follows its links (`/dev/stdout` is a
        // link to a link that names no file).
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                anyhow::bail!(
                    "cannot write {}: it is a directory; give a file's name to -o",
                    path.display()
                )
            }
            // A device, a named pipe or a socket: renaming a file over it would put a plain
            // file in its place (as root, even over /dev/null).
            Ok(meta) if !meta.is_file() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("cannot open {}", path.display()))?;
                return Ok(WholeFile { file, rename: None });
            }
            _ => {}
        }
        let target = follow_links(path);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary =
            target.with_file_name(format!(".{name}.negkg-{}.partial", std::process::id()));
        let file = std::fs::File::create(&temporary)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(WholeFile {
            file,
            rename: Some((temporary, target)),
        })
    }
}

/// The path `path` names once its links are followed (at most 40, as the system does); a
/// link to nothing gives the path it would create.
fn follow_links(path: &std::path::Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        let Ok(link) = std::fs::read_link(&path) else {
            break;
        };
        path = match path.parent() {
            Some(parent) => parent.join(link),
            None => link,
        };
    }
    path
}

impl std::io::Write for WholeFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.file.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()?;
        if let Some((temporary, path)) = self.rename.take() {
            std::fs::rename(&temporary, &path).map_err(|e| {
                let _ = std::fs::remove_file(&temporary);
                std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
            })?;
        }
        Ok(())
    }
}

impl Drop for WholeFile {
    fn drop(&mut self) {
        if let Some((temporary, _)) = &self.rename {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

/// Writes analysis rows as a table (compact terms) or in a W3C SPARQL results format.
pub(crate) fn write_solutions(
    solutions: &negkg::analysis::Solutions,
    format: &str,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    use negkg::oxigraph::model::Variable;
    use negkg::oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
    if format == "table" {
        let rows: Vec<Vec<String>> = (0..solutions.len())
            .map(|r| {
                solutions
                    .variables
                    .iter()
                    .map(|v| solutions.text(r, v))
                    .collect()
            })
            .collect();
        let options = negkg::TableOptions {
            fit_terminal: stdout_is_terminal(),
        };
        negkg::write_table(&solutions.variables, &rows, options, out)?;
        out.flush()?;
        return Ok(());
    }
    let format = QueryResultsFormat::from_extension(format)
        .with_context(|| format!("unknown format {format}"))?;
    let variables: Vec<Variable> = solutions
        .variables
        .iter()
        .map(|v| Variable::new_unchecked(v.clone()))
        .collect();
    let mut serializer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(&mut *out, variables.clone())?;
    for row in &solutions.rows {
        serializer.serialize(
            variables
                .iter()
                .zip(row)
                .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
        )?;
    }
    serializer.finish()?;
    out.flush()?;
    Ok(())
}

/// The formats of the analysis commands.
pub(crate) const ANALYSIS_FORMATS: [&str; 5] = ["table", "csv", "tsv", "json", "xml"];

/// Reads an actor, issue or event given as an id (`russia`), a prefixed name (`actor:russia`)
/// or an IRI.
pub(crate) fn resource(
    value: &str,
    namespace: &str,
) -> anyhow::Result<negkg::oxigraph::model::Term> {
    let value = value.trim();
    let iri = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        iri.to_owned()
    } else if value.contains("://") {
        value.to_owned()
    } else if let Some((prefix, local)) = value.split_once(':') {
        let (_, ns) = negkg::vocab::PREFIXES
            .iter()
            .find(|(p, _)| *p == prefix)
            .with_context(|| format!("unknown prefix `{prefix}:` in `{value}`"))?;
        format!("{ns}{local}")
    } else {
        format!("{namespace}{value}")
    };
    Ok(negkg::oxigraph::model::NamedNode::new(&iri)
        .with_context(|| format!("`{value}` is not a valid id or IRI"))?
        .into())
}

/// The negotiation `--negotiation` names (an id, `negotiation:ID` or an IRI), checked to be a
/// neg:Negotiation of the graph, so that a typo gets an error with the ids there are rather
/// than an empty answer.
pub(crate) fn negotiation(
    graph: &KnowledgeGraph,
    value: Option<&String>,
) -> anyhow::Result<Option<negkg::oxigraph::model::Term>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let term = resource(value, negkg::vocab::NEGOTIATION_NS)?;
    let ask = negkg::SparqlQuery::new(format!("ASK {{ {term} a neg:Negotiation }}"));
    if let negkg::oxigraph::sparql::QueryResults::Boolean(true) = graph.query(&ask)? {
        return Ok(Some(term));
    }
    let list = negkg::SparqlQuery::new(
        "SELECT DISTINCT ?n WHERE { ?n a neg:Negotiation } ORDER BY ?n".to_owned(),
    );
    let mut known = Vec::new();
    if let negkg::oxigraph::sparql::QueryResults::Solutions(solutions) = graph.query(&list)? {
        for solution in solutions {
            if let Some(n) = solution?.get("n") {
                let id = negkg::compact_term(n);
                known.push(id.strip_prefix("negotiation:").unwrap_or(&id).to_owned());
            }
        }
    }
    let wanted = value.trim();
    let wanted = wanted.strip_prefix("negotiation:").unwrap_or(wanted);
    let help = match known
        .iter()
        .min_by_key(|k| strsim_distance(wanted, k))
        .filter(|k| strsim_distance(wanted, k) <= wanted.chars().count().max(4) / 3)
    {
        Some(close) => format!(
            "did you mean `{close}`? The graph's negotiations: {}",
            known.join(", ")
        ),
        None if known.is_empty() => {
            "the graph has no negotiations: data/README.md says how to add one".to_owned()
        }
        None => format!("the graph's negotiations: {}", known.join(", ")),
    };
    anyhow::bail!("--negotiation: the graph has no negotiation `{wanted}`\n  help: {help}")
}

/// The number of single-character edits between two ids.
fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Splits `--header 'Name: value'` options.
pub(crate) fn headers(values: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    values
        .iter()
        .map(|h| {
            let (name, value) = h
                .split_once(':')
                .with_context(|| format!("--header takes 'Name: value', not `{h}`"))?;
            Ok((name.trim().to_owned(), value.trim().to_owned()))
        })
        .collect()
}

/// A heap limit in bytes: `megabytes` MB (0: none), else half the machine's memory where known.
pub(crate) fn max_memory(megabytes: Option<u64>) -> Option<usize> {
    let bytes = match megabytes {
        Some(0) => return None,
        Some(megabytes) => megabytes.saturating_mul(1 << 20),
        None => negkg::memory::physical_memory()? / 2,
    };
    Some(usize::try_from(bytes).unwrap_or(usize::MAX))
}

/// Makes the claim index ready before an analysis: when an on-disk store's index must be built
/// (none kept yet, or the store changed since), says so and shows a spinner while it is built,
/// then says whether it was kept beside the store for the next commands.
pub(crate) fn prepare_index(graph: &KnowledgeGraph) -> anyhow::Result<()> {
    use negkg::analysis::{self, IndexOrigin, IndexState};
    let why = match analysis::index_state(graph) {
        IndexState::InMemory | IndexState::Ready => return Ok(()),
        IndexState::Fresh => {
            // Read now: a file that only looked right is found here, said and replaced.
            let started = std::time::Instant::now();
            let index = analysis::claim_index(graph)?;
            if let Some(why) = index.unusable() {
                eprintln!(
                    "negkg: warning: the claim index kept beside the store was unusable ({why}); built it again in {:.1} s",
                    started.elapsed().as_secs_f64()
                );
            }
            return Ok(());
        }
        IndexState::Missing => "none is kept beside the store yet".to_string(),
        IndexState::Stale => "the store changed since it was indexed".to_string(),
        IndexState::Unreadable(why) => {
            format!("the one kept beside the store is unusable: {why}")
        }
    };
    let started = std::time::Instant::now();
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(format!("building the claim index for the analyses ({why})"));
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let index = analysis::claim_index(graph);
    bar.finish_and_clear();
    let index = index?;
    let seconds = started.elapsed().as_secs_f64();
    match index.origin() {
        IndexOrigin::BuiltAndKept => eprintln!(
            "negkg: built the claim index in {seconds:.1} s ({why}); kept beside the store for the next commands"
        ),
        IndexOrigin::BuiltNotKept(reason) => eprintln!(
            "negkg: warning: built the claim index in {seconds:.1} s ({why}), but it is not kept: {reason}; the next command builds it again"
        ),
        IndexOrigin::Built | IndexOrigin::Read | IndexOrigin::Negotiation(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod whole_file_tests {
    use super::output;
    use std::io::Write;

    #[test]
    fn a_file_is_replaced_only_when_the_output_is_flushed() {
        let dir = std::env::temp_dir().join(format!("negkg-whole-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("answer.csv");
        std::fs::write(&path, "the answer before\n").unwrap();
        // A command that fails half-way drops its output unflushed: the file stays as it was,
        // and no temporary file is left beside it.
        {
            let mut out = output(Some(&path)).unwrap();
            out.write_all(&vec![b'x'; 100_000]).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "the answer before\n"
        );
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        // A command that finishes flushes: the file is the new answer, whole.
        {
            let mut out = output(Some(&path)).unwrap();
            out.write_all(b"the new answer\n").unwrap();
            out.flush().unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the new answer\n");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// `-o` through a link replaces the file the link names and leaves the link; `-o` to a
    /// named pipe (as to `/dev/null`) writes into it and leaves it a pipe, where renaming a
    /// file over it would put a plain file in its place; `-o` to a directory is refused before
    /// any work.
    #[cfg(unix)]
    #[test]
    fn links_pipes_and_directories_stay_what_they_are() {
        use std::io::Read;
        use std::os::unix::fs::FileTypeExt;
        let dir = std::env::temp_dir().join(format!("negkg-whole-kinds-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();

        let real = dir.join("real.csv");
        std::fs::write(&real, "before\n").unwrap();
        let link = dir.join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        {
            let mut out = output(Some(&link)).unwrap();
            out.write_all(b"after\n").unwrap();
            out.flush().unwrap();
        }
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "after\n");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);

        let pipe = dir.join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        // Opened for reading and writing, the pipe does not block, and holds what is written.
        let mut reader = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&pipe)
            .unwrap();
        {
            let mut out = output(Some(&pipe)).unwrap();
            out.write_all(b"into the pipe\n").unwrap();
            out.flush().unwrap();
        }
        assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
        let mut got = [0u8; 14];
        reader.read_exact(&mut got).unwrap();
        assert_eq!(&got, b"into the pipe\n");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);

        let error = output(Some(&dir)).err().unwrap().to_string();
        assert!(error.contains("is a directory"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
