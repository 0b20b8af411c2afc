//! Measures the extractor against hand-annotated articles: precision, recall and F1 of claims
//! matched on (holder, kind, main object), and the share of matched claims whose evidence
//! covers the annotated quote.
//!
//! An evaluation folder holds one folder per article with `meta.toml` (title, publisher,
//! published, `used_for_rules`, and `text_path` when the text lives elsewhere), `article.txt`
//! and `gold.toml` (`[[claim]]` tables with holder, kind, object, quote, start, end).

use super::backend::Backend;
use super::draft::{ArticleInfo, DraftClaim};
use super::lexicon::{Entry, Lexicon};
use super::text::slug;
use crate::error::{Error, Result};
use crate::model::{ClaimKind, Dataset};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Meta {
    id: String,
    title: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    text_path: Option<String>,
    #[serde(default)]
    used_for_rules: bool,
}

#[derive(Debug, Deserialize)]
struct Gold {
    #[serde(default)]
    claim: Vec<GoldClaim>,
}

#[derive(Debug, Deserialize)]
struct GoldClaim {
    holder: String,
    kind: String,
    object: String,
    voiced_by: Option<String>,
    #[serde(default)]
    quote: String,
    start: u64,
    end: u64,
}

/// A claim to match against the gold: a draft, or another annotator's claim.
struct Candidate {
    holders: Vec<String>,
    kind: Option<ClaimKind>,
    actions: Vec<String>,
    places: Vec<String>,
    /// Another annotator's object, in lower case: the same words match.
    object: Option<String>,
    quote: String,
    start: Option<u64>,
    end: Option<u64>,
    /// How `--explain` lists it when it matches nothing.
    label: String,
}

impl Candidate {
    fn of_draft(drafted: &DraftClaim) -> Self {
        let claim = &drafted.claim;
        let evidence = &claim.evidence[0];
        Self {
            holders: vec![claim.holder.clone()],
            kind: Some(claim.kind),
            actions: vec![claim.action.clone()],
            places: claim.places.clone(),
            object: None,
            quote: evidence.quote.to_lowercase(),
            start: evidence.start,
            end: evidence.end,
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

    /// Another annotator's claim, read the way the gold is: its holder and the actions and
    /// places its object names.
    fn of_annotation(claim: &GoldClaim, lexicon: &Lexicon) -> Self {
        let (actions, places) = object_ids(lexicon, &claim.object);
        Self {
            holders: resolve_actor(lexicon, &claim.holder),
            kind: ClaimKind::from_keyword(&claim.kind),
            actions,
            places,
            object: Some(claim.object.trim().to_lowercase()),
            quote: claim.quote.to_lowercase(),
            start: Some(claim.start),
            end: Some(claim.end),
            label: format!(
                "{} {} ({}): {}",
                claim.holder, claim.kind, claim.object, claim.quote
            ),
        }
    }
}

/// The actions and the places an annotated object names.
fn object_ids(lexicon: &Lexicon, object: &str) -> (Vec<String>, Vec<String>) {
    let actions = lexicon.actions.find(object).into_iter();
    let places = lexicon.actors.find(object).into_iter();
    (
        actions
            .filter_map(|(_, e)| match e {
                Entry::Action { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect(),
        places
            .filter_map(|(_, e)| match e {
                Entry::Place(id) => Some(id.clone()),
                _ => None,
            })
            .collect(),
    )
}

/// Counts for precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Claims in the gold annotation.
    pub gold: usize,
    /// Claims the extractor drafted.
    pub extracted: usize,
    /// Gold claims matched by a drafted claim (one to one).
    pub matched: usize,
    /// Matched claims whose evidence span covers the gold quote's span.
    pub spans_covering: usize,
}

impl Score {
    /// Matched / extracted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.extracted)
    }

    /// Matched / gold.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Share of matched claims whose evidence covers the gold quote.
    pub fn span_share(&self) -> f64 {
        ratio(self.spans_covering, self.matched)
    }

    /// Adds another article's counts.
    pub fn add(&mut self, other: &Score) {
        self.gold += other.gold;
        self.extracted += other.extracted;
        self.matched += other.matched;
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
    /// Its counts.
    pub score: Score,
    /// For articles used to write the rules only: the gold claims missed and the drafted
    /// claims that matched none, one line each, to guide rule writing. Held-out articles
    /// keep this empty, so that their errors cannot shape the rules.
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
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

fn parse<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text = read(path)?;
    toml::from_str(&text)
        .map_err(|e| Error::Unsupported(format!("{}: {}", path.display(), e.message().trim())))
}

fn resolve_actor(lexicon: &Lexicon, name: &str) -> Vec<String> {
    let mut ids: Vec<String> = lexicon
        .actors
        .find(name)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Entry::Actor(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    if ids.is_empty() {
        ids.push(slug(name.trim_start_matches("the "), 48));
    }
    ids
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

/// Runs `backend` on every article under `dir` and scores it against the gold claims,
/// keeping only drafts of at least `min_confidence` (0 keeps all); `by_confidence` also holds
/// the totals at each of [`CONFIDENCE_STEPS`]. A `text_path` in `meta.toml` is relative to the
/// article's folder; an article whose text is missing there is left out.
pub fn evaluate(
    dir: &Path,
    backend: &dyn Backend,
    lexicon: &Lexicon,
    reference: &Dataset,
    min_confidence: f64,
) -> Result<Evaluation> {
    let folders = article_folders(dir, &["gold.toml"])?;
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
    for folder in folders {
        let meta: Meta = parse(&folder.join("meta.toml"))?;
        let gold: Gold = parse(&folder.join("gold.toml"))?;
        let text_path = match &meta.text_path {
            Some(path) => folder.join(path),
            None => folder.join("article.txt"),
        };
        let Ok(text) = read(&text_path) else {
            // A text kept outside the project (the seed) may be absent on another machine.
            continue;
        };
        let info = ArticleInfo {
            published: meta.published.as_deref().and_then(|d| d.parse().ok()),
            publisher: meta.publisher.clone(),
            url: None,
            title: meta.title.clone(),
        };
        let draft = backend.draft(&text, &info, lexicon, reference)?;
        for step in &mut evaluation.by_confidence {
            let (score, _) = score_article(
                &text,
                &gold,
                &at_least(&draft.claims, step.min_confidence),
                lexicon,
                false,
            );
            if meta.used_for_rules {
                step.used_for_rules.add(&score);
            } else {
                step.held_out.add(&score);
            }
        }
        let kept = at_least(&draft.claims, min_confidence);
        let (score, explanation) = score_article(&text, &gold, &kept, lexicon, meta.used_for_rules);
        evaluation.documents.push(DocumentScore {
            id: meta.id,
            used_for_rules: meta.used_for_rules,
            score,
            explanation,
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

/// How far a second, independent annotation (`second.toml` beside `gold.toml`) agrees with the
/// gold, matched exactly as drafts are: the ceiling a human reaches on the same articles. Its
/// `extracted` counts the second annotator's claims, so precision is the share of them the gold
/// also has and recall the share of the gold they find. Articles without `second.toml` are
/// left out.
pub fn agreement(dir: &Path, lexicon: &Lexicon) -> Result<Vec<DocumentScore>> {
    let folders = article_folders(dir, &["gold.toml", "second.toml"])?;
    let mut documents = Vec::new();
    for folder in folders {
        let meta: Meta = parse(&folder.join("meta.toml"))?;
        let gold: Gold = parse(&folder.join("gold.toml"))?;
        let second: Gold = parse(&folder.join("second.toml"))?;
        let candidates: Vec<Candidate> = second
            .claim
            .iter()
            .map(|claim| Candidate::of_annotation(claim, lexicon))
            .collect();
        let (score, _) = score_article("", &gold, &candidates, lexicon, false);
        documents.push(DocumentScore {
            id: meta.id,
            used_for_rules: meta.used_for_rules,
            score,
            explanation: Vec::new(),
        });
    }
    Ok(documents)
}

/// The drafts of at least `min_confidence`, in their order.
fn at_least(drafts: &[DraftClaim], min_confidence: f64) -> Vec<Candidate> {
    drafts
        .iter()
        .filter(|c| c.confidence >= min_confidence)
        .map(Candidate::of_draft)
        .collect()
}

/// Matches the drafts of one article to its gold claims, one to one, in the gold's order; with
/// `explain`, also lists the gold claims missed and the drafts that matched none.
fn score_article(
    text: &str,
    gold: &Gold,
    candidates: &[Candidate],
    lexicon: &Lexicon,
    explain: bool,
) -> (Score, Vec<String>) {
    let mut used = vec![false; candidates.len()];
    let mut explanation = Vec::new();
    let mut score = Score {
        gold: gold.claim.len(),
        extracted: candidates.len(),
        ..Score::default()
    };
    for expected in &gold.claim {
        let mut holders = resolve_actor(lexicon, &expected.holder);
        if let Some(voice) = &expected.voiced_by {
            holders.extend(resolve_actor(lexicon, voice));
        }
        let kind = ClaimKind::from_keyword(&expected.kind);
        let object = expected.object.to_lowercase();
        let (actions, places) = object_ids(lexicon, &expected.object);
        let found = candidates.iter().enumerate().position(|(i, candidate)| {
            !used[i]
                && kind.is_some()
                && candidate.kind == kind
                && candidate.holders.iter().any(|h| holders.contains(h))
                && (candidate.actions.iter().any(|a| actions.contains(a))
                    || candidate.places.iter().any(|p| places.contains(p))
                    || candidate.quote.contains(&object)
                    || candidate.object.as_deref() == Some(object.trim()))
        });
        if found.is_none() && explain {
            let start = expected.start as usize;
            let quote: String = text
                .chars()
                .skip(start)
                .take((expected.end as usize).saturating_sub(start))
                .collect();
            explanation.push(format!(
                "missed   {} {} ({}): {}",
                expected.holder, expected.kind, expected.object, quote
            ));
        }
        if let Some(i) = found {
            used[i] = true;
            score.matched += 1;
            let candidate = &candidates[i];
            if candidate.start.is_some_and(|s| s <= expected.start)
                && candidate.end.is_some_and(|e| e >= expected.end)
            {
                score.spans_covering += 1;
            }
        }
    }
    if explain {
        for (candidate, matched) in candidates.iter().zip(&used) {
            if !matched {
                explanation.push(format!("spurious {}", candidate.label));
            }
        }
    }
    (score, explanation)
}
