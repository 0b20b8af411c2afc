//! An analysis's answer kept as the numbers of the index's terms: its rows are made, put in
//! order and paged without copying a term, and written (in any results format, or as a table)
//! from the index's terms where they lie. A large answer (the positions of a million claims)
//! is then written at the cost of reading its terms once, not of copying each into a row of
//! its own and freeing it again.

use super::fast::{cmp_terms, ranks_by, SortKey, AHEAD};
use super::index::{ClaimIndex, Id};
use super::terms::{csv_text, CsvText};
use super::Solutions;
use crate::error::Result;
use crate::query::{OutputFormat, TableOptions};
use oxigraph::model::Term;
use oxigraph::sparql::results::QueryResultsFormat;
use std::cmp::Ordering;
use std::io::Write;

/// One value of an answer: a term of the index (by its number), a term the analysis made (a
/// count, a kind's name, a bound value), or unbound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Cell(u32);

impl Cell {
    /// The bit that marks a made term; the rest is its place among the made terms.
    const MADE: u32 = 1 << 31;
    /// No value.
    pub(crate) const UNBOUND: Cell = Cell(u32::MAX);
}

/// An analysis's answer: its variables and rows, each row a cell per variable.
#[derive(Debug, Clone)]
pub struct Answer<'i> {
    index: &'i ClaimIndex,
    variables: Vec<String>,
    /// The number of rows (kept: an answer without variables has rows but no cells).
    rows: usize,
    cells: Vec<Cell>,
    made: Vec<Term>,
}

impl<'i> Answer<'i> {
    /// An answer with `variables` and no row yet.
    pub(crate) fn new(index: &'i ClaimIndex, variables: &[&str]) -> Self {
        Self {
            index,
            variables: variables.iter().map(|v| (*v).to_owned()).collect(),
            rows: 0,
            cells: Vec::new(),
            made: Vec::new(),
        }
    }

    /// Makes room for `rows` more rows, so that pushing them moves no cell.
    pub(crate) fn reserve(&mut self, rows: usize) {
        self.cells
            .reserve(rows.saturating_mul(self.variables.len()));
    }

    /// The rows of `solutions`, their terms kept as made terms (for the analyses whose rows
    /// are made as terms).
    pub(crate) fn from_solutions(index: &'i ClaimIndex, solutions: Solutions) -> Self {
        let mut answer = Self {
            index,
            variables: solutions.variables,
            rows: solutions.rows.len(),
            cells: Vec::new(),
            made: Vec::new(),
        };
        for row in solutions.rows {
            for term in row {
                let cell = term.map_or(Cell::UNBOUND, |t| answer.make(t));
                answer.cells.push(cell);
            }
        }
        answer
    }

    /// The cell of the index's term `id`.
    pub(crate) fn id(&mut self, id: Id) -> Cell {
        if id < Cell::MADE {
            Cell(id)
        } else {
            // An index of two thousand million terms: kept as a made term.
            self.make(self.index.term(id).clone())
        }
    }

    /// The cell of the index's term `id`, or unbound.
    pub(crate) fn maybe(&mut self, id: Option<Id>) -> Cell {
        id.map_or(Cell::UNBOUND, |id| self.id(id))
    }

    /// The cell of a term the analysis made; a cell can stand in as many rows as it fits.
    pub(crate) fn make(&mut self, term: Term) -> Cell {
        let place = self.made.len() as u32;
        if place >= Cell::MADE - 1 {
            // More made terms than a cell can number: the answer could not be held anyway.
            panic!("an answer with two thousand million made terms");
        }
        self.made.push(term);
        Cell(Cell::MADE | place)
    }

    /// Adds a row (one cell per variable).
    pub(crate) fn push(&mut self, row: impl IntoIterator<Item = Cell>) {
        let before = self.cells.len();
        self.cells.extend(row);
        debug_assert_eq!(self.cells.len() - before, self.variables.len());
        self.rows += 1;
    }

    /// The term of `cell`, if it is bound.
    pub(crate) fn term_of(&self, cell: Cell) -> Option<&Term> {
        if cell == Cell::UNBOUND {
            None
        } else if cell.0 & Cell::MADE != 0 {
            self.made.get((cell.0 & !Cell::MADE) as usize)
        } else {
            Some(self.index.term(cell.0))
        }
    }

    /// The variables, in SELECT order.
    pub fn variables(&self) -> &[String] {
        &self.variables
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cells of row `row`.
    pub(crate) fn row(&self, row: usize) -> &[Cell] {
        let width = self.variables.len();
        &self.cells[row * width..(row + 1) * width]
    }

    /// The rows' terms, row by row.
    pub fn rows(&self) -> impl Iterator<Item = impl Iterator<Item = Option<&Term>> + '_> + '_ {
        (0..self.len()).map(move |r| self.row(r).iter().map(move |&c| self.term_of(c)))
    }

    /// The term of `variable` in `row`.
    pub fn term(&self, row: usize, variable: &str) -> Option<&Term> {
        let column = self.variables.iter().position(|v| v == variable)?;
        if row >= self.len() {
            return None;
        }
        self.term_of(self.row(row)[column])
    }

    /// Keeps `limit` rows from `offset` on (all from `offset` on when `limit` is `None`).
    pub fn page(&mut self, offset: usize, limit: Option<usize>) {
        let rows = self.len();
        let start = offset.min(rows);
        let end = limit.map_or(rows, |l| start.saturating_add(l).min(rows));
        let width = self.variables.len();
        self.cells.truncate(end * width);
        self.cells.drain(..start * width);
        self.rows = end - start;
    }

    /// Adds a variable with the same value (or unbound) in every row (the `?negotiation`
    /// column the named queries select last).
    pub(crate) fn push_column(&mut self, variable: &str, value: Option<Term>) {
        let cell = value.map_or(Cell::UNBOUND, |t| self.make(t));
        let width = self.variables.len();
        let mut cells = Vec::with_capacity(self.rows * (width + 1));
        for row in 0..self.rows {
            cells.extend_from_slice(&self.cells[row * width..(row + 1) * width]);
            cells.push(cell);
        }
        self.cells = cells;
        self.variables.push(variable.to_owned());
    }

    /// The rows as terms.
    pub fn into_solutions(self) -> Solutions {
        let rows = self
            .rows()
            .map(|row| row.map(|t| t.cloned()).collect())
            .collect();
        Solutions {
            variables: self.variables,
            rows,
        }
    }

    /// Two cells' terms, as ORDER BY compares them.
    fn cmp_cells(&self, x: Cell, y: Cell) -> Ordering {
        if x == y {
            Ordering::Equal
        } else {
            cmp_terms(self.term_of(x), self.term_of(y))
        }
    }

    /// Two rows compared column by column, as ORDER BY compares terms.
    fn cmp_rows(&self, a: usize, b: usize) -> Ordering {
        self.row(a)
            .iter()
            .zip(self.row(b))
            .map(|(&x, &y)| self.cmp_cells(x, y))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }

    /// Puts the rows in the order `order` (a permutation of the rows).
    fn reorder(&mut self, order: &[usize]) {
        let width = self.variables.len();
        let mut cells = Vec::with_capacity(self.cells.len());
        for &row in order {
            cells.extend_from_slice(&self.cells[row * width..(row + 1) * width]);
        }
        self.cells = cells;
    }

    /// Sorts the rows by the columns `keys` (index, descending), then by every column. Rows
    /// equal in every column keep their order.
    ///
    /// Each key column's distinct terms are ranked once, in ORDER BY's order (terms it finds
    /// equal share a rank), so that the rows are sorted on a few numbers kept beside each row:
    /// comparing two rows by their parsed keys read both rows' keys from a list of a few keys
    /// a row, scattered, which at tens of thousands of rows no longer stays in the processor's
    /// cache. Only rows equal on every ranked key are compared term by term.
    pub(crate) fn sort_by(&mut self, keys: &[(usize, bool)]) {
        /// As many keys as the grouped answers sort by, and one more.
        const MOST: usize = 6;
        let rows = self.len();
        if rows < 2 {
            return;
        }
        // Keys past the first few are compared in the runs below, term by term.
        let (ranked, rest) = keys.split_at(keys.len().min(MOST));
        let width = self.variables.len();
        let mut keyed: Vec<([u32; MOST], u32)> = (0..rows as u32).map(|r| ([0; MOST], r)).collect();
        for (j, &(column, descending)) in ranked.iter().enumerate() {
            let rank_of = ranks_by(
                (0..rows).map(|r| self.cells[r * width + column].0),
                |cell| SortKey::of(self.term_of(Cell(cell))),
                SortKey::cmp,
            );
            for (ranks, r) in &mut keyed {
                let rank = rank_of[&self.cells[*r as usize * width + column].0];
                ranks[j] = if descending { u32::MAX - rank } else { rank };
            }
        }
        // By the ranks, then (equal ranks) in the rows' order; then each run of rows equal on
        // the ranked keys by the other keys and every column, a stable sort that keeps equal
        // rows in their order.
        keyed.sort_unstable();
        let mut order: Vec<usize> = keyed.iter().map(|&(_, r)| r as usize).collect();
        let mut start = 0;
        while start < rows {
            let end = start
                + keyed[start..]
                    .iter()
                    .take_while(|k| k.0 == keyed[start].0)
                    .count();
            if end - start > 1 {
                order[start..end].sort_by(|&a, &b| {
                    rest.iter()
                        .map(|&(k, descending)| {
                            let o = self.cmp_cells(self.row(a)[k], self.row(b)[k]);
                            if descending {
                                o.reverse()
                            } else {
                                o
                            }
                        })
                        .find(|o| o.is_ne())
                        .unwrap_or_else(|| self.cmp_rows(a, b))
                });
            }
            start = end;
        }
        self.reorder(&order);
    }

    /// The numbers of the index's terms in row `row` (none past the last row).
    fn index_ids(&self, row: usize) -> impl Iterator<Item = Id> + '_ {
        let cells = if row < self.len() { self.row(row) } else { &[] };
        cells
            .iter()
            .filter(|c| **c != Cell::UNBOUND && c.0 & Cell::MADE == 0)
            .map(|c| c.0)
    }

    /// Whether [`Self::write_csv`] writes each of the terms the analysis made (IRIs, blank
    /// nodes and literals; anything else goes through the results serializer).
    fn csv_writes_every_term(&self) -> bool {
        self.made.iter().all(|t| {
            matches!(
                t,
                Term::NamedNode(_) | Term::BlankNode(_) | Term::Literal(_)
            )
        })
    }

    /// Writes the answer as SPARQL 1.1 results in CSV, the terms of the index read from their
    /// encodings where they lie, without decoding each into a term of its own (a large answer
    /// has hundreds of thousands): the header, then a line per row, each ended by CRLF; an
    /// IRI as it is, a blank node after `_:`, a literal's value, quoted (its quotes doubled)
    /// when it holds a quote, a comma or a line break; nothing for an unbound value.
    fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        const FLUSH: usize = 1 << 16;
        let io = |source| crate::error::Error::Io {
            path: "the answer's output".into(),
            source,
        };
        let rows = self.len();
        let hint = |row: usize, step: u8| {
            for id in self.index_ids(row) {
                self.index.prefetch_encodings(&[id], step);
            }
        };
        let mut buffer: Vec<u8> = Vec::with_capacity(FLUSH + (FLUSH >> 2));
        buffer.extend_from_slice(self.variables.join(",").as_bytes());
        buffer.extend_from_slice(b"\r\n");
        for row in 0..rows {
            hint(row + 2 * AHEAD, 0);
            hint(row + AHEAD, 1);
            for (i, &cell) in self.row(row).iter().enumerate() {
                if i > 0 {
                    buffer.push(b',');
                }
                self.write_csv_cell(cell, &mut buffer);
            }
            buffer.extend_from_slice(b"\r\n");
            if buffer.len() >= FLUSH {
                out.write_all(&buffer).map_err(io)?;
                buffer.clear();
            }
        }
        out.write_all(&buffer).map_err(io)?;
        out.flush().map_err(io)
    }

    fn write_csv_cell(&self, cell: Cell, out: &mut Vec<u8>) {
        if cell == Cell::UNBOUND {
            return;
        }
        let text = if cell.0 & Cell::MADE == 0 {
            csv_text(self.index.encoded(cell.0))
        } else {
            None
        };
        let text = match text {
            Some(text) => text,
            None => match self.term_of(cell) {
                Some(Term::NamedNode(node)) => CsvText::Iri(node.as_str().as_bytes()),
                Some(Term::BlankNode(node)) => CsvText::Blank(node.as_str().as_bytes()),
                Some(Term::Literal(literal)) => CsvText::Value(literal.value().as_bytes()),
                // Not made by an analysis (see `csv_writes_every_term`), nor read from an index.
                #[allow(unreachable_patterns)]
                _ => return,
            },
        };
        match text {
            CsvText::Iri(iri) => out.extend_from_slice(iri),
            CsvText::Blank(id) => {
                out.extend_from_slice(b"_:");
                out.extend_from_slice(id);
            }
            CsvText::Value(bytes) => {
                if bytes
                    .iter()
                    .any(|b| matches!(b, b'"' | b',' | b'\n' | b'\r'))
                {
                    out.push(b'"');
                    for &b in bytes {
                        if b == b'"' {
                            out.push(b'"');
                        }
                        out.push(b);
                    }
                    out.push(b'"');
                } else {
                    out.extend_from_slice(bytes);
                }
            }
        }
    }

    /// Rows already in order by ranks of their first keys (`ranks`, one per row) are sorted
    /// within each run of equal ranks by the columns `keys`, then by every column; rows equal
    /// in every column keep their order.
    pub(crate) fn sort_runs<R: PartialEq>(&mut self, ranks: &[R], keys: &[usize]) {
        debug_assert_eq!(ranks.len(), self.len(), "one rank per row");
        let mut order: Vec<usize> = (0..self.len()).collect();
        let mut start = 0;
        while start < ranks.len() {
            let end = start
                + ranks[start..]
                    .iter()
                    .take_while(|r| **r == ranks[start])
                    .count();
            if end - start > 1 {
                order[start..end].sort_by(|&a, &b| {
                    keys.iter()
                        .map(|&k| self.cmp_cells(self.row(a)[k], self.row(b)[k]))
                        .find(|o| o.is_ne())
                        .unwrap_or_else(|| self.cmp_rows(a, b))
                });
            }
            start = end;
        }
        if order.iter().enumerate().any(|(i, &r)| i != r) {
            self.reorder(&order);
        }
    }

    /// Writes the answer in `format` (a results format or a table) to `out`.
    pub fn write(
        &self,
        format: OutputFormat,
        table: TableOptions,
        out: &mut dyn Write,
    ) -> Result<()> {
        if format == OutputFormat::Results(QueryResultsFormat::Csv) && self.csv_writes_every_term()
        {
            return self.write_csv(out);
        }
        // The terms of the rows a few rows ahead are asked for one step of their reading at a
        // time (see `ClaimIndex::prefetch_terms`): the terms a large answer reads once lie
        // scattered over the index, and the rows then do not wait on them one by one.
        let rows = self.len();
        let hint = |row: usize, step: u8| {
            for id in self.index_ids(row) {
                self.index.prefetch_terms(&[id], step);
            }
        };
        let rows_iter = (0..rows).map(|r| {
            for step in 0..3u8 {
                hint(r + AHEAD * (3 - step as usize), step);
            }
            self.row(r).iter().map(move |&c| self.term_of(c))
        });
        crate::query::write_rows(&self.variables, rows_iter, format, table, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fast::sort_rows_by;
    use crate::analysis::{run_fast_answer, FAST_QUERIES};
    use crate::query::write_results;
    use crate::KnowledgeGraph;
    use oxigraph::model::Literal;
    use oxigraph::sparql::results::QueryResultsFormat;

    fn bundled_index() -> ClaimIndex {
        ClaimIndex::build(&KnowledgeGraph::bundled().unwrap()).unwrap()
    }

    fn formats() -> Vec<OutputFormat> {
        let mut formats = vec![OutputFormat::Table];
        for format in [
            QueryResultsFormat::Csv,
            QueryResultsFormat::Tsv,
            QueryResultsFormat::Json,
            QueryResultsFormat::Xml,
        ] {
            formats.push(OutputFormat::Results(format));
        }
        formats
    }

    /// `answer` written in `format` by [`Answer::write`], and as its solutions by the results
    /// serializers.
    fn written_both_ways(answer: &Answer<'_>, format: OutputFormat) -> (String, String) {
        let mut ours = Vec::new();
        answer
            .write(format, TableOptions::default(), &mut ours)
            .unwrap();
        let mut theirs = Vec::new();
        write_results(
            answer.clone().into_solutions().into_query_results(),
            format,
            TableOptions::default(),
            &mut theirs,
        )
        .unwrap();
        (
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap(),
        )
    }

    #[test]
    fn an_answer_is_written_as_its_terms_are_in_every_format() {
        let index = bundled_index();
        for name in FAST_QUERIES {
            let (whole, total) = run_fast_answer(&index, name, &[], 0, None).unwrap();
            assert_eq!(whole.len(), total, "{name}");
            for (offset, limit) in [(0, None), (3, Some(4))] {
                let (answer, _) = run_fast_answer(&index, name, &[], offset, limit).unwrap();
                assert_eq!(
                    answer.len(),
                    limit.unwrap_or(total).min(total - offset),
                    "{name}"
                );
                assert_eq!(answer.clone().into_solutions().len(), answer.len());
                for format in formats() {
                    let (ours, theirs) = written_both_ways(&answer, format);
                    assert_eq!(ours, theirs, "{name} in {format:?}");
                }
            }
        }
    }

    #[test]
    fn a_page_and_a_column_keep_the_rows_they_should() {
        let index = bundled_index();
        let (whole, _) = run_fast_answer(&index, "positions", &[], 0, None).unwrap();
        assert!(whole.len() > 10, "the bundled data has positions");
        let every = whole.clone().into_solutions();
        for (offset, limit) in [
            (0, Some(3)),
            (5, None),
            (whole.len() - 2, Some(10)),
            (whole.len() + 1, None),
        ] {
            let mut page = whole.clone();
            page.page(offset, limit);
            let mut expected = every.clone();
            expected.page(offset, limit);
            assert_eq!(
                page.into_solutions(),
                expected,
                "offset {offset}, limit {limit:?}"
            );
        }
        let mut with = whole.clone();
        let value: Term = Literal::new_simple_literal("x").into();
        with.push_column("extra", Some(value.clone()));
        with.push_column("none", None);
        assert_eq!(with.variables().last().map(String::as_str), Some("none"));
        for row in 0..with.len() {
            assert_eq!(with.term(row, "extra"), Some(&value));
            assert_eq!(with.term(row, "none"), None);
            assert_eq!(with.term(row, "claim"), whole.term(row, "claim"));
        }
    }

    #[test]
    fn cells_sort_as_their_terms_sort() {
        let index = bundled_index();
        // Rows of index terms, made terms (integers that sort by value, not by form) and
        // unbound cells, in an order of their own.
        let mut answer = Answer::new(&index, &["a", "b", "c"]);
        let ids: Vec<Id> = (0..index.term_count() as Id).step_by(7).take(40).collect();
        for (i, &id) in ids.iter().enumerate() {
            let n = answer.make(
                Literal::new_typed_literal(((i * 37) % 11).to_string(), xsd_integer()).into(),
            );
            let c = if i % 3 == 0 {
                Cell::UNBOUND
            } else {
                answer.id(ids[(i * 13) % ids.len()])
            };
            let b = answer.id(id);
            answer.push([n, b, c]);
        }
        for keys in [
            vec![(0, false)],
            vec![(0, true), (2, false)],
            vec![(2, true)],
        ] {
            let mut sorted = answer.clone();
            sorted.sort_by(&keys);
            let mut rows = answer.clone().into_solutions().rows;
            sort_rows_by(&mut rows, &keys);
            assert_eq!(sorted.into_solutions().rows, rows, "keys {keys:?}");
        }
        // Runs of equal first ranks, each sorted by the last column, then by every column.
        let ranks: Vec<u32> = (0..answer.len() as u32).map(|r| r / 8).collect();
        let mut runs = answer.clone();
        runs.sort_runs(&ranks, &[2]);
        let rows = answer.clone().into_solutions().rows;
        let mut expected = Vec::new();
        for chunk in rows.chunks(8) {
            let mut chunk = chunk.to_vec();
            sort_rows_by(&mut chunk, &[(2, false)]);
            expected.extend(chunk);
        }
        assert_eq!(runs.into_solutions().rows, expected);
    }

    #[test]
    fn rows_sort_on_more_keys_than_are_ranked() {
        let index = bundled_index();
        let variables = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let mut answer = Answer::new(&index, &variables);
        let ids: Vec<Id> = (0..index.term_count() as Id).step_by(5).take(60).collect();
        for (i, &id) in ids.iter().enumerate() {
            // The first six columns take two values each, so that many rows tie on all of
            // them; the last two decide (the seventh descending), and some rows are equal.
            let mut row: Vec<Cell> = (0..6).map(|c| answer.id(ids[(i >> (c % 3)) % 2])).collect();
            row.push(answer.id(ids[(i * 7) % 13]));
            row.push(if i % 4 == 0 {
                Cell::UNBOUND
            } else {
                answer.id(id)
            });
            answer.push(row);
        }
        let keys: Vec<(usize, bool)> = (0..6).map(|c| (c, c % 2 == 1)).chain([(6, true)]).collect();
        let mut sorted = answer.clone();
        sorted.sort_by(&keys);
        let mut rows = answer.clone().into_solutions().rows;
        sort_rows_by(&mut rows, &keys);
        assert_eq!(sorted.into_solutions().rows, rows);
    }

    #[test]
    fn csv_is_written_from_the_index_as_the_results_serializer_writes_it() {
        use oxigraph::model::{BlankNode, GraphName, NamedNode, Quad};
        let graph = KnowledgeGraph::bundled().unwrap();
        let store = graph.store();
        let claim = store
            .quads_for_pattern(None, Some(crate::vocab::HOLDER), None, None)
            .next()
            .unwrap()
            .unwrap()
            .subject;
        let label = oxigraph::model::vocab::rdfs::LABEL;
        // Values that must be quoted, and terms of every kind the index keeps.
        let values: Vec<Term> = vec![
            Literal::new_simple_literal("a, \"quoted\"\nline\r end").into(),
            Literal::new_simple_literal("\"").into(),
            Literal::new_simple_literal("").into(),
            Literal::new_language_tagged_literal_unchecked("Київ, \"центр\"", "uk").into(),
            Literal::new_typed_literal("1,5", oxigraph::model::vocab::xsd::DECIMAL).into(),
        ];
        for value in values {
            store
                .insert(&Quad::new(
                    claim.clone(),
                    label,
                    value,
                    GraphName::DefaultGraph,
                ))
                .unwrap();
        }
        let blank = BlankNode::new_unchecked("holder1");
        store
            .insert(&Quad::new(
                claim.clone(),
                crate::vocab::HOLDER,
                blank,
                GraphName::DefaultGraph,
            ))
            .unwrap();
        let index = ClaimIndex::build(&graph).unwrap();
        // Every term of the index, beside terms the analysis made and unbound values.
        let mut answer = Answer::new(&index, &["term", "made", "none"]);
        let made: Vec<Term> = vec![
            Literal::new_simple_literal("made, \"too\"").into(),
            Literal::new_typed_literal("7", xsd_integer()).into(),
            NamedNode::new_unchecked("https://example.org/a,b").into(),
            BlankNode::new_unchecked("m").into(),
        ];
        let made: Vec<Cell> = made.into_iter().map(|t| answer.make(t)).collect();
        for id in 0..index.term_count() as Id {
            let row = [
                answer.id(id),
                made[id as usize % made.len()],
                if id % 3 == 0 {
                    Cell::UNBOUND
                } else {
                    answer.id(id)
                },
            ];
            answer.push(row);
        }
        let (ours, theirs) =
            written_both_ways(&answer, OutputFormat::Results(QueryResultsFormat::Csv));
        assert!(
            ours.contains("\"a, \"\"quoted\"\"\nline\r end\""),
            "quoted as it must be"
        );
        assert!(ours.contains("_:holder1"));
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_term_number_too_large_for_a_cell_is_kept_as_a_made_term() {
        let index = bundled_index();
        let mut answer = Answer::new(&index, &["x"]);
        for id in [Cell::MADE, Id::MAX - 1] {
            let cell = answer.id(id);
            assert_ne!(cell.0 & Cell::MADE, 0);
            assert_ne!(cell, Cell::UNBOUND);
            assert_eq!(answer.term_of(cell), Some(index.term(id)));
        }
        for id in [0, Cell::MADE - 1] {
            assert_eq!(answer.id(id), Cell(id));
        }
        assert_eq!(answer.term_of(Cell(0)), Some(index.term(0)));
        assert_eq!(answer.term_of(Cell::UNBOUND), None);
    }

    fn xsd_integer() -> oxigraph::model::NamedNodeRef<'static> {
        oxigraph::model::vocab::xsd::INTEGER
    }
}
