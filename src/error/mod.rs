//! Typed errors. A data error names the file, line and column and says what to fix, in words a
//! curator understands; the binary maps every error to a non-zero exit code.

mod data;

pub use data::{DataError, DataErrors, Location};
use std::path::PathBuf;

/// Everything that can go wrong in negkg.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Data files with problems; nothing was loaded.
    #[error("{0}")]
    Data(DataErrors),
    /// An RDF file that does not parse; nothing was loaded.
    #[error("{location}: {message}\n  help: fix the {format} syntax there; nothing was loaded")]
    RdfSyntax {
        /// Where.
        location: Location,
        /// The parser's message.
        message: String,
        /// The format it was read as.
        format: String,
    },
    /// A SPARQL query or update that does not parse.
    #[error("the SPARQL {origin} does not parse: {message}\n  help: positions are line:column in the {origin}")]
    QuerySyntax {
        /// Where the query came from: "query", "query file q.rq", "named query x".
        origin: String,
        /// The parser's message, with the position.
        message: String,
    },
    /// A query that failed while running.
    #[error("the query failed: {0}")]
    QueryEvaluation(String),
    /// A query cancelled at its time limit.
    #[error("the query was cancelled after {seconds} s (the --timeout)\n  help: narrow the query (a LIMIT, more specific patterns) or raise --timeout")]
    Timeout {
        /// The limit, in seconds.
        seconds: f64,
    },
    /// A result larger than the limit.
    #[error("the result has more than {limit} rows (the limit)\n  help: add a LIMIT or narrow the query, or raise the limit")]
    TooManyResults {
        /// The limit.
        limit: usize,
    },
    /// An analysis whose answer, as asked for, would hold more rows than are made at once.
    #[error("the {analysis} answer asked for holds {rows} rows here, more than the {most} an answer is made with\n  help: ask for a page of it (--limit N with --page K; ?limit= and ?offset= on the server), or narrow it (--actor, --issue, --negotiation, --as-of, --from, --to)")]
    TooManyRows {
        /// The analysis.
        analysis: String,
        /// The rows the answer would hold.
        rows: usize,
        /// The most an answer is made with ([`crate::analysis::MOST_ROWS_HELD`]).
        most: usize,
    },
    /// A file or directory that cannot be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file whose kind cannot be told from its name.
    #[error("{}: cannot tell the format from the file name\n  help: use .toml for data files, or .ttl .nt .nq .trig .jsonld .rdf for RDF", path.display())]
    UnknownFormat {
        /// The path.
        path: PathBuf,
    },
    /// A named query that does not exist.
    #[error("there is no named query `{name}`\n  help: `negkg queries` lists them{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownNamedQuery {
        /// The name asked for.
        name: String,
        /// The closest name, if any is close.
        suggestion: Option<String>,
    },
    /// A value given for a query variable that is no RDF term.
    #[error("`{value}` is no RDF term for ?{variable}\n  help: write an IRI as <https://…> or with a known prefix (source:ft-…), a string in double quotes, or a number")]
    InvalidBinding {
        /// The variable.
        variable: String,
        /// The value given.
        value: String,
    },
    /// A SPARQL endpoint that sent only the first rows of an answer (Virtuoso's
    /// `X-SPARQL-MaxRows`).
    #[error("{endpoint} sent only the first {rows} rows of the answer (its X-SPARQL-MaxRows header); negkg does not show part of an answer as if it were all of it\n  help: ask for fewer than {rows} rows at a time (LIMIT and OFFSET), or raise the server's limit (Virtuoso: ResultSetMaxRows under [SPARQL] in virtuoso.ini)")]
    RemoteAnswerCut {
        /// The query URL.
        endpoint: String,
        /// The server's row limit, as it gave it.
        rows: String,
    },
    /// The model backend of the extractor failed; nothing was drafted.
    #[error(transparent)]
    Model(#[from] crate::extract::ModelError),
    /// The store failed.
    #[error("store error: {0}")]
    Store(String),
    /// A feature this build does not have.
    #[error("{0}")]
    Unsupported(String),
}

impl From<oxigraph::store::StorageError> for Error {
    fn from(error: oxigraph::store::StorageError) -> Self {
        Self::Store(error.to_string())
    }
}

/// Results of negkg operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a = 1\nb = “x”\nc";
        let offset = text.find('x').unwrap();
        let location = Location::from_offset("f.toml", text, offset);
        assert_eq!((location.line, location.column), (2, 6));
        assert_eq!(location.to_string(), "f.toml:2:6");
        assert_eq!(Location::from_offset("f", text, 0).column, 1);
        assert_eq!(Location::from_offset("f", text, 10_000).line, 3);
    }
}
