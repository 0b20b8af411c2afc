//! SPARQL on the store: queries with every vocabulary prefix declared and the default graph the
//! union of all graphs, the named queries shipped in `queries/`, and result output as a table or
//! in the W3C formats (written by Oxigraph's serializers).

use crate::bundled;
use crate::error::{Error, Result};
use crate::vocab::PREFIXES;
use comfy_table::{presets, ContentArrangement, Table};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;

/// A SPARQL query to run, with where it came from (for messages) and values for variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SparqlQuery {
    /// The query text.
    pub text: String,
    /// Where it came from: "query", "query file q.rq", "named query demands".
    pub origin: String,
    /// Variables fixed to a value before evaluation.
    pub bindings: Vec<(String, Term)>,
}

impl SparqlQuery {
    /// A query given as text.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            origin: "query".into(),
            bindings: Vec::new(),
        }
    }

    /// Sets where the query came from.
    pub fn with_origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = origin.into();
        self
    }

    /// Fixes `?variable` to `value`.
    pub fn bind(mut self, variable: impl Into<String>, value: Term) -> Self {
        self.bindings.push((variable.into(), value));
        self
    }
}

fn evaluator() -> SparqlEvaluator {
    // This build has no HTTP client, so SERVICE calls to other endpoints are refused.
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, namespace) in PREFIXES {
        evaluator = evaluator
            .with_prefix(*prefix, *namespace)
            .unwrap_or_else(|_| unreachable!("the vocabulary's namespaces are valid IRIs"));
    }
    evaluator
}

/// Parses a query without running it, to report syntax errors with their position.
pub fn check_syntax(query: &SparqlQuery) -> Result<()> {
    evaluator()
        .parse_query(&query.text)
        .map(|_| ())
        .map_err(|e| Error::QuerySyntax {
            origin: query.origin.clone(),
            message: e.to_string(),
        })
}

pub(crate) fn execute(store: &Store, query: &SparqlQuery) -> Result<QueryResults<'static>> {
    execute_cancellable(store, query, None)
}

/// Runs a query that `token` can cancel (a timeout).
pub(crate) fn execute_cancellable(
    store: &Store,
    query: &SparqlQuery,
    token: Option<oxigraph::sparql::CancellationToken>,
) -> Result<QueryResults<'static>> {
    let mut evaluator = evaluator();
    if let Some(token) = token {
        evaluator = evaluator.with_cancellation_token(token);
    }
    let mut prepared = evaluator
        .parse_query(&query.text)
        .map_err(|e| Error::QuerySyntax {
            origin: query.origin.clone(),
            message: e.to_string(),
        })?;
    prepared.dataset_mut().set_default_graph_as_union();
    for (variable, value) in &query.bindings {
        let variable = Variable::new(variable).map_err(|_| Error::InvalidBinding {
            variable: variable.clone(),
            value: value.to_string(),
        })?;
        prepared = prepared.substitute_variable(variable, value.clone());
    }
    prepared.on_store(store).execute().map_err(|e| {
        let message = e.to_string();
        match query
            .bindings
            .iter()
            .find(|(variable, _)| message.contains(&format!("?{variable} ")))
        {
            Some((variable, _)) if message.contains("projection") => Error::QueryEvaluation(format!(
                "?{variable} is not among the variables the query selects\n  help: --bind fixes a variable of the SELECT clause; add ?{variable} to it"
            )),
            _ => evaluation_error(&message),
        }
    })
}

/// An evaluation error in the user's words.
fn evaluation_error(message: &str) -> Error {
    if message.contains("service") && message.contains("not supported") {
        Error::QueryEvaluation(format!(
            "{message}: SERVICE federation is off in negkg, which makes no calls to other endpoints\n  help: query the other endpoint directly with `negkg query --endpoint URL`"
        ))
    } else {
        Error::QueryEvaluation(message.to_owned())
    }
}

/// Runs a SPARQL Update on the store, with every vocabulary prefix declared.
pub(crate) fn update(store: &Store, text: &str) -> Result<()> {
    let prepared = evaluator()
        .parse_update(text)
        .map_err(|e| Error::QuerySyntax {
            origin: "update".into(),
            message: e.to_string(),
        })?;
    prepared
        .on_store(store)
        .execute()
        .map_err(|e| Error::QueryEvaluation(e.to_string()))
}

/// The form of a query — SELECT, ASK, CONSTRUCT or DESCRIBE — without running it.
pub fn query_form(query: &SparqlQuery) -> Result<QueryForm> {
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, namespace) in PREFIXES {
        parser = parser
            .with_prefix(*prefix, *namespace)
            .unwrap_or_else(|_| unreachable!("the vocabulary's namespaces are valid IRIs"));
    }
    let parsed = parser
        .parse_query(&query.text)
        .map_err(|e| Error::QuerySyntax {
            origin: query.origin.clone(),
            message: e.to_string(),
        })?;
    Ok(match parsed {
        spargebra::Query::Select { .. } => QueryForm::Select,
        spargebra::Query::Ask { .. } => QueryForm::Ask,
        spargebra::Query::Construct { .. } => QueryForm::Construct,
        spargebra::Query::Describe { .. } => QueryForm::Describe,
    })
}

/// The four forms of SPARQL query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// Solutions.
    Select,
    /// A boolean.
    Ask,
    /// A graph built from a template.
    Construct,
    /// A graph describing resources.
    Describe,
}

impl QueryForm {
    /// Whether the query gives an RDF graph.
    pub fn gives_graph(self) -> bool {
        matches!(self, Self::Construct | Self::Describe)
    }
}

/// Reads a value given on the command line as an RDF term: `<https://…>`, a prefixed name
/// (`source:ft-…`), a string in double quotes, a date (`2025-05-18`, as `xsd:date`), a number,
/// `true` or `false`.
pub fn parse_term(variable: &str, value: &str) -> Result<Term> {
    let invalid = || Error::InvalidBinding {
        variable: variable.to_owned(),
        value: value.to_owned(),
    };
    let value = value.trim();
    if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        return NamedNode::new(iri).map(Term::from).map_err(|_| invalid());
    }
    if let Some(text) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return Ok(Literal::new_simple_literal(text).into());
    }
    if value == "true" || value == "false" {
        return Ok(Literal::from(value == "true").into());
    }
    if value.parse::<crate::model::Date>().is_ok() {
        return Ok(Literal::new_typed_literal(value, oxigraph::model::vocab::xsd::DATE).into());
    }
    if let Ok(integer) = value.parse::<i64>() {
        return Ok(Literal::from(integer).into());
    }
    if let Some((prefix, local)) = value.split_once(':') {
        if let Some((_, namespace)) = PREFIXES.iter().find(|(p, _)| *p == prefix) {
            return NamedNode::new(format!("{namespace}{local}"))
                .map(Term::from)
                .map_err(|_| invalid());
        }
        if value.starts_with("http://") || value.starts_with("https://") {
            return NamedNode::new(value).map(Term::from).map_err(|_| invalid());
        }
    }
    Err(invalid())
}

/// A query shipped in `queries/`, run by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    /// The file name without `.rq`.
    pub name: String,
    /// What it answers: the first comment lines of the file.
    pub description: String,
    /// Variables a user may fix with `--bind`, each with its explanation.
    pub parameters: Vec<(String, String)>,
    /// The SPARQL text.
    pub text: String,
}

/// Every named query, sorted by name.
pub fn named_queries() -> Vec<NamedQuery> {
    let mut queries: Vec<NamedQuery> = bundled::query_files()
        .iter()
        .map(|(path, text)| parse_named_query(path, text))
        .collect();
    queries.sort_by(|a, b| a.name.cmp(&b.name));
    queries
}

/// The named query called `name`.
pub fn named_query(name: &str) -> Result<NamedQuery> {
    let queries = named_queries();
    if let Some(found) = queries.iter().find(|q| q.name == name) {
        return Ok(found.clone());
    }
    let suggestion = queries
        .iter()
        .find(|q| q.name.contains(name) || name.contains(q.name.as_str()))
        .map(|q| q.name.clone());
    Err(Error::UnknownNamedQuery {
        name: name.to_owned(),
        suggestion,
    })
}

fn parse_named_query(path: &str, text: &str) -> NamedQuery {
    let name = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".rq")
        .to_owned();
    let mut description = Vec::new();
    let mut parameters = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        let comment = comment.trim();
        if let Some(parameter) = comment.strip_prefix("param:") {
            let parameter = parameter.trim();
            let (variable, explanation) = parameter.split_once(' ').unwrap_or((parameter, ""));
            parameters.push((
                variable.trim_start_matches('?').to_owned(),
                explanation.trim().to_owned(),
            ));
        } else if !comment.is_empty() {
            description.push(comment);
        }
    }
    NamedQuery {
        name,
        description: description.join(" "),
        parameters,
        text: text.to_owned(),
    }
}

/// How to write query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// A readable table (solutions), `true`/`false` (ASK), Turtle (graphs).
    Table,
    /// A W3C SPARQL results format, for SELECT and ASK.
    Results(QueryResultsFormat),
    /// An RDF format, for CONSTRUCT and DESCRIBE.
    Rdf(RdfFormat),
}

impl OutputFormat {
    /// The names accepted by `--format`.
    pub const NAMES: &'static [&'static str] = &[
        "table", "csv", "tsv", "json", "xml", "ttl", "nt", "nq", "trig", "jsonld", "rdfxml",
    ];

    /// The format called `name` on the command line.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "table" => Self::Table,
            "csv" => Self::Results(QueryResultsFormat::Csv),
            "tsv" => Self::Results(QueryResultsFormat::Tsv),
            "json" => Self::Results(QueryResultsFormat::Json),
            "xml" => Self::Results(QueryResultsFormat::Xml),
            "ttl" | "turtle" => Self::Rdf(RdfFormat::Turtle),
            "nt" | "ntriples" => Self::Rdf(RdfFormat::NTriples),
            "nq" | "nquads" => Self::Rdf(RdfFormat::NQuads),
            "trig" => Self::Rdf(RdfFormat::TriG),
            "jsonld" => Self::Rdf(RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            }),
            "rdfxml" | "rdf" => Self::Rdf(RdfFormat::RdfXml),
            _ => return None,
        })
    }
}

/// Options of the table output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableOptions {
    /// Fit the table to the terminal's width, wrapping cells.
    pub fit_terminal: bool,
}

/// Writes query results in `format`; a format that does not fit the kind of result (Turtle for
/// a SELECT, CSV for a CONSTRUCT) is an error that names the formats that do.
pub fn write_results(
    results: QueryResults<'_>,
    format: OutputFormat,
    table: TableOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let io = |source| Error::Io {
        path: "standard output".into(),
        source,
    };
    let evaluation = |e: oxigraph::sparql::QueryEvaluationError| evaluation_error(&e.to_string());
    match (results, format) {
        (QueryResults::Solutions(solutions), OutputFormat::Table) => {
            let variables: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(evaluation)?;
                rows.push(
                    variables
                        .iter()
                        .map(|v| solution.get(v).map(compact_term).unwrap_or_default())
                        .collect::<Vec<_>>(),
                );
            }
            let headers: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
            write_table(&headers, &rows, table, out).map_err(io)?;
        }
        (QueryResults::Solutions(solutions), OutputFormat::Results(format)) => {
            let mut serializer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())
                .map_err(io)?;
            for solution in solutions {
                serializer
                    .serialize(&solution.map_err(evaluation)?)
                    .map_err(io)?;
            }
            serializer.finish().map_err(io)?;
        }
        (QueryResults::Boolean(value), OutputFormat::Table) => {
            writeln!(out, "{value}").map_err(io)?;
        }
        (QueryResults::Boolean(value), OutputFormat::Results(format)) => {
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut *out, value)
                .map_err(io)?;
        }
        (QueryResults::Graph(triples), OutputFormat::Table | OutputFormat::Rdf(_)) => {
            let format = match format {
                OutputFormat::Rdf(format) => format,
                _ => RdfFormat::Turtle,
            };
            let mut serializer = rdf_serializer(format).for_writer(&mut *out);
            for triple in triples {
                serializer
                    .serialize_triple(&triple.map_err(evaluation)?)
                    .map_err(io)?;
            }
            serializer.finish().map_err(io)?;
        }
        (QueryResults::Solutions(_) | QueryResults::Boolean(_), OutputFormat::Rdf(format)) => {
            return Err(Error::Unsupported(format!(
                "SELECT and ASK results cannot be written as {}\n  help: use --format table, csv, tsv, json or xml",
                format.name()
            )));
        }
        (QueryResults::Graph(_), OutputFormat::Results(format)) => {
            return Err(Error::Unsupported(format!(
                "CONSTRUCT and DESCRIBE results are RDF graphs, not {format} solutions\n  help: use --format ttl, nt, nq, trig, jsonld or rdfxml"
            )));
        }
    }
    out.flush().map_err(io)
}

/// Writes rows of terms (one `Option` per variable, `None` where unbound) in `format`, a
/// results format or a table, without taking the terms: the writer of answers held elsewhere
/// (an analysis's answer, kept as the numbers of its index's terms).
pub(crate) fn write_rows<'t, R>(
    variables: &[String],
    rows: impl Iterator<Item = R>,
    format: OutputFormat,
    table: TableOptions,
    out: &mut dyn Write,
) -> Result<()>
where
    R: Iterator<Item = Option<&'t Term>>,
{
    let io = |source| Error::Io {
        path: "the answer's output".into(),
        source,
    };
    match format {
        OutputFormat::Table => {
            let rows: Vec<Vec<String>> = rows
                .map(|row| {
                    row.map(|t| t.map(compact_term).unwrap_or_default())
                        .collect()
                })
                .collect();
            write_table(variables, &rows, table, out).map_err(io)?;
        }
        OutputFormat::Results(format) => {
            let names: Vec<Variable> = variables
                .iter()
                .map(|v| Variable::new_unchecked(v.as_str()))
                .collect();
            let mut serializer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut *out, names.clone())
                .map_err(io)?;
            for row in rows {
                serializer
                    .serialize(
                        names
                            .iter()
                            .zip(row)
                            .filter_map(|(v, t)| Some((v.as_ref(), t?.as_ref()))),
                    )
                    .map_err(io)?;
            }
            serializer.finish().map_err(io)?;
        }
        OutputFormat::Rdf(format) => {
            return Err(Error::Unsupported(format!(
                "SELECT and ASK results cannot be written as {}\n  help: use --format table, csv, tsv, json or xml",
                format.name()
            )));
        }
    }
    out.flush().map_err(io)
}

/// The same results, or an error when there are more than `limit` solutions or triples. The
/// results are read into memory to be counted.
pub fn limit_results(
    results: QueryResults<'static>,
    limit: usize,
) -> Result<QueryResults<'static>> {
    let evaluation = |e: oxigraph::sparql::QueryEvaluationError| evaluation_error(&e.to_string());
    Ok(match results {
        QueryResults::Solutions(solutions) => {
            let variables: std::sync::Arc<[Variable]> = solutions.variables().into();
            let mut rows = Vec::new();
            for solution in solutions {
                if rows.len() == limit {
                    return Err(Error::TooManyResults { limit });
                }
                let solution = solution.map_err(evaluation)?;
                rows.push(solution.values().to_vec());
            }
            QueryResults::Solutions(oxigraph::sparql::QuerySolutionIter::from_tuples(
                variables,
                rows.into_iter().map(Ok),
            ))
        }
        QueryResults::Graph(triples) => {
            let mut all = Vec::new();
            for triple in triples {
                if all.len() == limit {
                    return Err(Error::TooManyResults { limit });
                }
                all.push(Ok(triple.map_err(evaluation)?));
            }
            QueryResults::Graph(oxigraph::sparql::QueryTripleIter::new(all.into_iter()))
        }
        boolean @ QueryResults::Boolean(_) => boolean,
    })
}

/// An RDF serializer with every vocabulary prefix declared (in formats that have prefixes).
pub fn rdf_serializer(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, namespace) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *namespace)
            .unwrap_or_else(|_| unreachable!("the vocabulary's namespaces are valid IRIs"));
    }
    serializer
}

/// A term as a reader wants to see it: IRIs with a known prefix shortened (`actor:russia`),
/// literals as their plain text.
pub fn compact_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => compact_iri(node.as_str()),
        Term::Literal(literal) => literal.value().to_owned(),
        Term::BlankNode(node) => node.to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// An IRI with a known prefix shortened, else in angle brackets.
pub fn compact_iri(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter_map(|(prefix, namespace)| {
            let local = iri.strip_prefix(namespace)?;
            let simple = !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
            simple.then(|| format!("{prefix}:{local}"))
        })
        .next()
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// Writes rows as a table with a header and a row count.
pub fn write_table(
    headers: &[String],
    rows: &[Vec<String>],
    options: TableOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    if options.fit_terminal {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    }
    table.set_header(headers);
    for row in rows {
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    let count = rows.len();
    writeln!(out, "{count} row{}", if count == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_parse_from_the_command_line() {
        assert_eq!(
            parse_term("s", "source:x").unwrap(),
            Term::from(NamedNode::new_unchecked(
                "https://w3id.org/negkg/id/source/x"
            ))
        );
        assert_eq!(
            parse_term("s", "<http://example.org/a>").unwrap(),
            Term::from(NamedNode::new_unchecked("http://example.org/a"))
        );
        assert_eq!(
            parse_term("s", "\"text\"").unwrap(),
            Term::from(Literal::new_simple_literal("text"))
        );
        assert_eq!(
            parse_term("s", "3").unwrap(),
            Term::from(Literal::from(3_i64))
        );
        assert!(parse_term("s", "bare-word").is_err());
        assert!(parse_term("s", "unknownprefix:x").is_err());
    }

    #[test]
    fn iris_are_shortened_with_known_prefixes_only() {
        assert_eq!(
            compact_iri("https://w3id.org/negkg/id/actor/russia"),
            "actor:russia"
        );
        assert_eq!(
            compact_iri("http://example.org/x"),
            "<http://example.org/x>"
        );
    }

    #[test]
    fn named_query_headers_give_description_and_parameters() {
        let query = parse_named_query(
            "queries/x.rq",
            "# Line one.\n# Line two.\n# param: ?source a source IRI\nSELECT * {}",
        );
        assert_eq!(query.name, "x");
        assert_eq!(query.description, "Line one. Line two.");
        assert_eq!(
            query.parameters,
            vec![("source".to_owned(), "a source IRI".to_owned())]
        );
    }
}
