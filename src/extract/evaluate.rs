//! Measures the extractor against hand-annotated articles, on two matches:
//!
//! - **strict**: the same holder id, kind and action id;
//! - **lenient**: the same kind and holder id (or the annotated speaker), and evidence spans
//!   that overlap: the match that matters to an analyst reviewing drafts, who sees the quote.
//!
//! Each match pairs drafts and annotated claims one to one, in the annotation's order. The
//! share of strictly matched drafts whose evidence covers the annotated quote is also counted.
//!
//! An evaluation folder holds one folder per article with `meta.toml` (title, publisher,
//! published, `used_for_rules`, `held_out_set` naming the unseen set a held-out article
//! belongs to, totalled apart, and `text_path` when the text lives elsewhere), `article.txt`
//! and `gold.toml`, and for some a second, independent annotation `second.toml`, scored against
//! the gold exactly as drafts are. The annotations use the canonical ids of
//! `tests/eval/GUIDELINES.md`; every file is checked first (see [`super::annotation`]) and
//! nothing is scored while one has errors.

use super::annotation::{article_text, check, is_old_scheme, read_text_file, Annotated, Known};
use super::backend::Backend;
use super::draft::{ArticleInfo, DraftClaim};
use super::lexicon::Lexicon;
use crate::error::{DataError, DataErrors, Error, Location, Result};
use crate::model::{ClaimKind, Dataset};
use serde::Deserialize;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Meta {
    id: String,
    title: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    #[serde(default)]
    used_for_rules: bool,
    /// Which held-out set the article belongs to ("round-5"), for a total of its own.
    held_out_set: Option<String>,
}

/// Which match a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The same holder id, kind and action id.
    Strict,
    /// The same kind and holder id, and overlapping evidence.
    Lenient,
}

/// A claim to match against the gold: a draft, or another annotator's claim.
struct Candidate {
    /// Its holder, and the members of a group holder.
    holders: Vec<String>,
    kind: ClaimKind,
    actions: Vec<String>,
    start: u64,
    end: u64,
    /// How `--explain` lists it when it matches nothing.
    label: String,
}

impl Candidate {
    fn of_draft(drafted: &DraftClaim, reference: &Dataset) -> Self {
        let claim = &drafted.claim;
        let evidence = &claim.evidence[0];
        let mut holders = vec![claim.holder.clone()];
        if let Some(group) = reference.actors.iter().find(|a| a.id == claim.holder) {
            holders.extend(group.members.iter().cloned());
        }
        Self {
            holders,
            kind: claim.kind,
            actions: vec![claim.action.clone()],
            start: evidence.start.unwrap_or(0),
            end: evidence.end.unwrap_or(0),
            label: format!(
                "{} {} ({}) [{}]: {}",
                claim.holder,
                claim.kind.as_str(),
                claim.action,
                drafted.rule,
                evidence.quote
            ),
        }
    }

    fn of_annotation(claim: &Annotated) -> Self {
        Self {
            holders: claim.holders.clone(),
            kind: claim.kind,
            actions: claim.actions.clone(),
            start: claim.start,
            end: claim.end,
            label: label(claim),
        }
    }

    /// Whether it matches `gold` on `how`.
    fn matches(&self, gold: &Annotated, how: Match) -> bool {
        if self.kind != gold.kind {
            return false;
        }
        match how {
            Match::Strict => {
                self.holders.iter().any(|h| gold.holders.contains(h))
                    && self.actions.iter().any(|a| gold.actions.contains(a))
            }
            Match::Lenient => {
                self.holders
                    .iter()
                    .any(|h| gold.holders.contains(h) || gold.voiced_by.as_ref() == Some(h))
                    && self.start < gold.end
                    && gold.start < self.end
            }
        }
    }
}

fn label(claim: &Annotated) -> String {
    format!(
        "{} {} ({}): {}",
        claim.holders.join("+"),
        claim.kind.as_str(),
        claim.actions.join("+"),
        claim.quote
    )
}

/// Counts for precision and recall on both matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Claims in the gold annotation.
    pub gold: usize,
    /// Claims drafted (or annotated by the second annotator).
    pub extracted: usize,
    /// Gold claims matched strictly (holder, kind, action), one to one.
    pub strict: usize,
    /// Gold claims matched leniently (kind, holder, overlapping evidence), one to one.
    pub lenient: usize,
    /// Strictly matched claims whose evidence span covers the gold quote's span.
    pub spans_covering: usize,
}

impl Score {
    /// Gold claims matched on `how`.
    pub fn matched(&self, how: Match) -> usize {
        match how {
            Match::Strict => self.strict,
            Match::Lenient => self.lenient,
        }
    }

    /// Matched / extracted.
    pub fn precision(&self, how: Match) -> f64 {
        ratio(self.matched(how), self.extracted)
    }

    /// Matched / gold.
    pub fn recall(&self, how: Match) -> f64 {
        ratio(self.matched(how), self.gold)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self, how: Match) -> f64 {
        let (p, r) = (self.precision(how), self.recall(how));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Share of strictly matched claims whose evidence covers the gold quote.
    pub fn span_share(&self) -> f64 {
        ratio(self.spans_covering, self.strict)
    }

    /// Adds another article's counts.
    pub fn add(&mut self, other: &Score) {
        self.gold += other.gold;
        self.extracted += other.extracted;
        self.strict += other.strict;
        self.lenient += other.lenient;
        self.spans_covering += other.spans_covering;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The score of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentScore {
    /// The article's id.
    pub id: String,
    /// Whether the article was used to write the rules.
    pub used_for_rules: bool,
    /// The held-out set it belongs to (`held_out_set` in its `meta.toml`), if one is named.
    pub held_out_set: Option<String>,
    /// Its counts.
    pub score: Score,
    /// For articles used to write the rules only: the gold claims missed and the drafted
    /// claims that matched none on the strict match, one line each, to guide rule writing.
    /// Held-out articles keep this empty, so that their errors cannot shape the rules.
    pub explanation: Vec<String>,
}

/// The scores of an evaluation set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    /// Per article, sorted by id.
    pub documents: Vec<DocumentScore>,
    /// Totals when only the drafts of at least a given confidence are kept, for each of
    /// [`CONFIDENCE_STEPS`].
    pub by_confidence: Vec<ConfidenceScore>,
    /// The articles left out because their text is not where `meta.toml` says (a text kept
    /// outside the project, such as the seed's): id and the path looked for.
    pub left_out: Vec<(String, PathBuf)>,
}

impl Evaluation {
    /// Totals over the articles used (`true`) or not used (`false`) to write the rules.
    pub fn total(&self, used_for_rules: bool) -> Score {
        let mut total = Score::default();
        for document in self
            .documents
            .iter()
            .filter(|d| d.used_for_rules == used_for_rules)
        {
            total.add(&document.score);
        }
        total
    }
}

fn read(path: &Path) -> Result<String> {
    read_text_file(path)
}

/// An article's `meta.toml`; a mistake in it is a data error with its line and column.
fn parse_meta(path: &Path) -> Result<Meta> {
    let text = read(path)?;
    toml::from_str(&text).map_err(|e| {
        let file = path.display().to_string();
        Error::Data(DataErrors(vec![DataError {
            location: Location::from_offset(&file, &text, e.span().map_or(0, |s| s.start)),
            message: e.message().trim().to_owned(),
            help: Some("meta.toml needs id (and takes title, publisher, published, used_for_rules, held_out_set, text_path): see tests/eval/README.md".into()),
        }]))
    })
}

/// The least confidences the evaluation sweeps: precision and recall of the drafts kept at each.
pub const CONFIDENCE_STEPS: [f64; 7] = [0.0, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8];

/// Precision and recall when only drafts of at least `min_confidence` are kept.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ConfidenceScore {
    /// The least confidence kept.
    pub min_confidence: f64,
    /// Totals over the articles used to write the rules.
    pub used_for_rules: Score,
    /// Totals over the held-out articles.
    pub held_out: Score,
}

/// One article folder, its annotation checked.
struct Article {
    meta: Meta,
    /// The text, or the path where it was looked for.
    text: std::result::Result<String, PathBuf>,
    gold: Vec<Annotated>,
}

/// Reads the article folders under `dir` that hold `gold.toml`, checking every annotation;
/// all the problems of all the files make one error.
fn articles(dir: &Path, known: &Known) -> Result<Vec<Article>> {
    let mut articles = Vec::new();
    let mut errors: Vec<DataError> = Vec::new();
    for folder in article_folders(dir, &["gold.toml"])? {
        let meta = parse_meta(&folder.join("meta.toml"))?;
        // A text kept outside the project (the seed) may be absent on another machine.
        let text = article_text(&folder).map_err(|error| match error {
            Error::Io { path, .. } => path,
            _ => folder.clone(),
        });
        let path = folder.join("gold.toml");
        match check(&path, &read(&path)?, text.as_deref().ok(), known) {
            Ok(gold) => articles.push(Article { meta, text, gold }),
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    if errors.is_empty() {
        Ok(articles)
    } else {
        Err(Error::Data(DataErrors(errors)))
    }
}

/// Runs `backend` on every article under `dir` and scores it against the gold claims,
/// keeping only drafts of at least `min_confidence` (0 keeps all); `by_confidence` also holds
/// the totals at each of [`CONFIDENCE_STEPS`]. A `text_path` in `meta.toml` is relative to the
/// article's folder; an article whose text is missing there is left out. A gold file with an
/// unknown id, key or kind, or a quote not at its offsets, is an error naming file:line:column.
pub fn evaluate(
    dir: &Path,
    backend: &dyn Backend,
    lexicon: &Lexicon,
    reference: &Dataset,
    min_confidence: f64,
) -> Result<Evaluation> {
    let known = Known::new(reference, lexicon);
    let mut evaluation = Evaluation {
        by_confidence: CONFIDENCE_STEPS
            .iter()
            .map(|&min_confidence| ConfidenceScore {
                min_confidence,
                ..ConfidenceScore::default()
            })
            .collect(),
        ..Evaluation::default()
    };
    let articles = articles(dir, &known)?;
    for article in &articles {
        let text = match &article.text {
            Ok(text) => text,
            Err(path) => {
                evaluation
                    .left_out
                    .push((article.meta.id.clone(), path.clone()));
                continue;
            }
        };
        let meta = &article.meta;
        let info = ArticleInfo {
            published: meta.published.as_deref().and_then(|d| d.parse().ok()),
            publisher: meta.publisher.clone(),
            url: None,
            title: meta.title.clone(),
        };
        let draft = backend.draft(text, &info, lexicon, reference)?;
        let candidates = |least: f64| -> Vec<Candidate> {
            draft
                .claims
                .iter()
                .filter(|c| c.confidence >= least)
                .map(|c| Candidate::of_draft(c, reference))
                .collect()
        };
        for step in &mut evaluation.by_confidence {
            let (score, _) = score_article(&article.gold, &candidates(step.min_confidence), false);
            if meta.used_for_rules {
                step.used_for_rules.add(&score);
            } else {
                step.held_out.add(&score);
            }
        }
        let (score, explanation) = score_article(
            &article.gold,
            &candidates(min_confidence),
            meta.used_for_rules,
        );
        evaluation.documents.push(DocumentScore {
            id: meta.id.clone(),
            used_for_rules: meta.used_for_rules,
            held_out_set: meta.held_out_set.clone(),
            score,
            explanation,
        });
    }
    if evaluation.documents.is_empty() {
        let why = if articles.is_empty() {
            "no article folder with a gold.toml there".to_owned()
        } else {
            format!(
                "the text of every article is missing there ({} folders with a gold.toml)",
                articles.len()
            )
        };
        return Err(Error::Io {
            path: dir.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{why}\n  help: name an evaluation set such as tests/eval: folders each with gold.toml, meta.toml and article.txt (or the text_path meta.toml names)"),
            ),
        });
    }
    Ok(evaluation)
}

/// The article folders under `dir` that hold every one of `files`, sorted.
fn article_folders(dir: &Path, files: &[&str]) -> Result<Vec<PathBuf>> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| Error::Io {
            path: dir.to_owned(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| files.iter().all(|f| p.join(f).exists()))
        .collect();
    folders.sort();
    Ok(folders)
}

/// How far the second annotations agree with the gold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agreement {
    /// Per article with a `second.toml` in the canonical scheme, scored as drafts are: its
    /// `extracted` counts the second annotator's claims, so precision is the share of them the
    /// gold also has and recall the share of the gold they find.
    pub documents: Vec<DocumentScore>,
    /// The articles whose `second.toml` is still in the old scheme (free-text holders and
    /// objects): left out until they are annotated again to the guidelines.
    pub old_scheme: Vec<String>,
}

/// How far a second, independent annotation (`second.toml` beside `gold.toml`) agrees with the
/// gold, matched exactly as drafts are: the ceiling a human reaches on the same articles.
/// Articles without `second.toml` are left out; a `second.toml` in the old scheme is listed in
/// [`Agreement::old_scheme`]; one with unknown ids is an error, as for the gold.
pub fn agreement(dir: &Path, lexicon: &Lexicon, reference: &Dataset) -> Result<Agreement> {
    let known = Known::new(reference, lexicon);
    let mut result = Agreement::default();
    let mut errors: Vec<DataError> = Vec::new();
    for folder in article_folders(dir, &["gold.toml", "second.toml"])? {
        let meta = parse_meta(&folder.join("meta.toml"))?;
        let path = folder.join("second.toml");
        let second = read(&path)?;
        if is_old_scheme(&second) {
            result.old_scheme.push(meta.id);
            continue;
        }
        let text = article_text(&folder).ok();
        let gold_path = folder.join("gold.toml");
        let gold = check(&gold_path, &read(&gold_path)?, text.as_deref(), &known);
        let second = check(&path, &second, text.as_deref(), &known);
        match (gold, second) {
            (Ok(gold), Ok(second)) => {
                let candidates: Vec<Candidate> =
                    second.iter().map(Candidate::of_annotation).collect();
                let (score, _) = score_article(&gold, &candidates, false);
                result.documents.push(DocumentScore {
                    id: meta.id,
                    used_for_rules: meta.used_for_rules,
                    held_out_set: meta.held_out_set,
                    score,
                    explanation: Vec::new(),
                });
            }
            (gold, second) => {
                for problems in [gold.err(), second.err()].into_iter().flatten() {
                    errors.extend(problems);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(result)
    } else {
        Err(Error::Data(DataErrors(errors)))
    }
}

/// Matches the candidates of one article to its gold claims on both matches, each one to one
/// in the gold's order; with `explain`, also lists the gold claims missed and the candidates
/// that matched none on the strict match.
fn score_article(
    gold: &[Annotated],
    candidates: &[Candidate],
    explain: bool,
) -> (Score, Vec<String>) {
    let mut score = Score {
        gold: gold.len(),
        extracted: candidates.len(),
        ..Score::default()
    };
    let mut explanation = Vec::new();
    let mut lenient_used = vec![false; candidates.len()];
    let mut strict_used = vec![false; candidates.len()];
    for expected in gold {
        let find = |used: &[bool], how| {
            candidates
                .iter()
                .enumerate()
                .position(|(i, c)| !used[i] && c.matches(expected, how))
        };
        if let Some(i) = find(&lenient_used, Match::Lenient) {
            lenient_used[i] = true;
            score.lenient += 1;
        }
        match find(&strict_used, Match::Strict) {
            Some(i) => {
                strict_used[i] = true;
                score.strict += 1;
                let candidate = &candidates[i];
                if candidate.start <= expected.start && candidate.end >= expected.end {
                    score.spans_covering += 1;
                }
            }
            None if explain => explanation.push(format!("missed   {}", label(expected))),
            None => {}
        }
    }
    if explain {
        for (candidate, matched) in candidates.iter().zip(&strict_used) {
            if !matched {
                explanation.push(format!("spurious {}", candidate.label));
            }
        }
    }
    (score, explanation)
}

/// The evaluation as the command prints it: per article and per split, both matches; the
/// confidence sweep; and the agreement of the second annotations beside the extractor on the
/// same articles. `explain` adds the lines of [`DocumentScore::explanation`].
pub fn report(evaluation: &Evaluation, agreement: &Agreement, explain: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<58} {:>5} {:>5}   {:<23}   {:<23}",
        "", "", "", "strict: holder, kind,", "lenient: kind, holder,"
    );
    let _ = writeln!(
        out,
        "{:<58} {:>5} {:>5}   {:<23}   {:<23}",
        "", "", "", "action", "overlapping evidence"
    );
    let _ = writeln!(
        out,
        "{:<58} {:>5} {:>5}   {:>5} {:>5} {:>5} {:>5}   {:>5} {:>5} {:>5} {:>5} {:>6}",
        "article", "gold", "draft", "match", "P", "R", "F1", "match", "P", "R", "F1", "spans"
    );
    for document in &evaluation.documents {
        let _ = write!(out, "{}", row(&document.id, &document.score));
        let _ = writeln!(
            out,
            "{}",
            if document.used_for_rules {
                "  (rules)"
            } else {
                ""
            }
        );
        if explain {
            for line in &document.explanation {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    for (name, used) in [
        ("development (used to write the rules)", true),
        ("held out (not used to write the rules)", false),
    ] {
        let _ = writeln!(out, "total, {name}: {}", totals(&evaluation.total(used)));
    }
    // Each unseen set on its own: how the rules carry over to texts of another time and kind.
    let sets: std::collections::BTreeSet<&str> = evaluation
        .documents
        .iter()
        .filter(|d| !d.used_for_rules)
        .filter_map(|d| d.held_out_set.as_deref())
        .collect();
    for set in sets {
        let mut total = Score::default();
        for document in evaluation
            .documents
            .iter()
            .filter(|d| !d.used_for_rules && d.held_out_set.as_deref() == Some(set))
        {
            total.add(&document.score);
        }
        let _ = writeln!(out, "total, held out, {set} set: {}", totals(&total));
    }
    if !evaluation.left_out.is_empty() {
        let listed: Vec<String> = evaluation
            .left_out
            .iter()
            .map(|(id, path)| format!("{id}: no {}", path.display()))
            .collect();
        let _ = writeln!(
            out,
            "left out, their text not found, so the totals above do not count them: {}",
            listed.join("; ")
        );
    }
    let _ = writeln!(
        out,
        "\nkeeping only drafts of at least a confidence: precision / recall, strict | lenient (drafts kept)"
    );
    let _ = writeln!(
        out,
        "{:>10}  {:<36} {:<36}",
        "least kept", "development", "held out"
    );
    for step in &evaluation.by_confidence {
        let cell = |s: &Score| {
            format!(
                "{:.2} / {:.2} | {:.2} / {:.2} ({})",
                s.precision(Match::Strict),
                s.recall(Match::Strict),
                s.precision(Match::Lenient),
                s.recall(Match::Lenient),
                s.extracted
            )
        };
        let _ = writeln!(
            out,
            "{:>10.2}  {:<36} {:<36}",
            step.min_confidence,
            cell(&step.used_for_rules),
            cell(&step.held_out)
        );
    }
    if !agreement.documents.is_empty() {
        let mut human = Score::default();
        let mut machine = Score::default();
        let _ = writeln!(
            out,
            "\nthe {} articles annotated twice (second.toml against gold.toml), matched the same way:",
            agreement.documents.len()
        );
        for document in &agreement.documents {
            human.add(&document.score);
            let _ = writeln!(out, "{}", row(&document.id, &document.score));
            if let Some(d) = evaluation.documents.iter().find(|d| d.id == document.id) {
                machine.add(&d.score);
            }
        }
        for (name, s) in [("second annotator", human), ("extractor", machine)] {
            let _ = writeln!(out, "  {name:<17} {}", totals(&s));
        }
    }
    if !agreement.old_scheme.is_empty() {
        let _ = writeln!(
            out,
            "\n{} second annotations (second.toml) are in the old scheme, with free-text names: agreement is not measured until they are annotated again to tests/eval/GUIDELINES.md ({})",
            agreement.old_scheme.len(),
            agreement.old_scheme.join(", ")
        );
    }
    out
}

fn row(id: &str, s: &Score) -> String {
    format!(
        "{:<58} {:>5} {:>5}   {:>5} {:>5.2} {:>5.2} {:>5.2}   {:>5} {:>5.2} {:>5.2} {:>5.2} {:>6.2}",
        id,
        s.gold,
        s.extracted,
        s.strict,
        s.precision(Match::Strict),
        s.recall(Match::Strict),
        s.f1(Match::Strict),
        s.lenient,
        s.precision(Match::Lenient),
        s.recall(Match::Lenient),
        s.f1(Match::Lenient),
        s.span_share()
    )
}

fn totals(s: &Score) -> String {
    format!(
        "gold {} drafted {} · strict: matched {}, precision {:.2} recall {:.2} F1 {:.2} · lenient: matched {}, precision {:.2} recall {:.2} F1 {:.2} · evidence covering the gold quote {:.2}",
        s.gold,
        s.extracted,
        s.strict,
        s.precision(Match::Strict),
        s.recall(Match::Strict),
        s.f1(Match::Strict),
        s.lenient,
        s.precision(Match::Lenient),
        s.recall(Match::Lenient),
        s.f1(Match::Lenient),
        s.span_share()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(holders: &[&str], kind: ClaimKind, action: &str, span: (u64, u64)) -> Annotated {
        Annotated {
            holders: holders.iter().map(|h| h.to_string()).collect(),
            kind,
            actions: vec![action.into()],
            voiced_by: None,
            quote: String::new(),
            start: span.0,
            end: span.1,
        }
    }

    fn draft(holder: &str, kind: ClaimKind, action: &str, span: (u64, u64)) -> Candidate {
        Candidate {
            holders: vec![holder.into()],
            kind,
            actions: vec![action.into()],
            start: span.0,
            end: span.1,
            label: String::new(),
        }
    }

    fn score(gold: &[Annotated], drafts: &[Candidate]) -> Score {
        score_article(gold, drafts, false).0
    }

    #[test]
    fn a_draft_with_the_wrong_action_matches_leniently_but_not_strictly() {
        let expected = [gold(&["sudan"], ClaimKind::Demand, "ceasefire", (10, 40))];
        let s = score(
            &expected,
            &[draft("sudan", ClaimKind::Demand, "withdrawal", (20, 50))],
        );
        assert_eq!((s.strict, s.lenient), (0, 1), "{s:?}");
        let s = score(
            &expected,
            &[draft("sudan", ClaimKind::Demand, "ceasefire", (20, 50))],
        );
        assert_eq!((s.strict, s.lenient), (1, 1), "{s:?}");
        // The draft's evidence does not cover the whole gold quote.
        assert_eq!(s.spans_covering, 0);
    }

    #[test]
    fn evidence_that_does_not_overlap_fails_the_lenient_match() {
        let expected = [gold(&["sudan"], ClaimKind::Demand, "ceasefire", (10, 40))];
        for span in [(40, 60), (0, 10), (100, 120)] {
            let s = score(
                &expected,
                &[draft("sudan", ClaimKind::Demand, "ceasefire", span)],
            );
            assert_eq!((s.strict, s.lenient), (1, 0), "{span:?}: {s:?}");
        }
        let s = score(
            &expected,
            &[draft("sudan", ClaimKind::Demand, "ceasefire", (39, 41))],
        );
        assert_eq!(s.lenient, 1);
    }

    #[test]
    fn kind_and_holder_are_needed_on_both_matches() {
        let expected = [gold(
            &["armenia", "azerbaijan"],
            ClaimKind::Agreement,
            "peace-agreement",
            (0, 30),
        )];
        let other_kind = draft("armenia", ClaimKind::Commitment, "peace-agreement", (0, 30));
        let other_holder = draft(
            "united-states",
            ClaimKind::Agreement,
            "peace-agreement",
            (0, 30),
        );
        let s = score(&expected, &[other_kind, other_holder]);
        assert_eq!((s.strict, s.lenient, s.extracted), (0, 0, 2), "{s:?}");
        // Any party of a joint holder will do.
        let s = score(
            &expected,
            &[draft(
                "azerbaijan",
                ClaimKind::Agreement,
                "peace-agreement",
                (5, 10),
            )],
        );
        assert_eq!((s.strict, s.lenient), (1, 1), "{s:?}");
    }

    #[test]
    fn the_speaker_stands_for_the_holder_on_the_lenient_match_only() {
        let mut expected = gold(&["russia"], ClaimKind::Demand, "withdrawal", (0, 30));
        expected.voiced_by = Some("dmitry-peskov".into());
        let s = score(
            &[expected],
            &[draft(
                "dmitry-peskov",
                ClaimKind::Demand,
                "withdrawal",
                (0, 30),
            )],
        );
        assert_eq!((s.strict, s.lenient), (0, 1), "{s:?}");
    }

    #[test]
    fn each_draft_matches_one_gold_claim_at_most() {
        let expected = [
            gold(&["sudan"], ClaimKind::Demand, "ceasefire", (0, 30)),
            gold(&["sudan"], ClaimKind::Demand, "ceasefire", (10, 40)),
        ];
        let s = score(
            &expected,
            &[draft("sudan", ClaimKind::Demand, "ceasefire", (0, 40))],
        );
        assert_eq!((s.strict, s.lenient, s.spans_covering), (1, 1, 1), "{s:?}");
        assert_eq!(
            (s.precision(Match::Strict), s.recall(Match::Lenient)),
            (1.0, 0.5)
        );
    }
}
