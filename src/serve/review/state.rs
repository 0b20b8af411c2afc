//! One review in progress: the article text, the draft's source and the actors, actions and
//! other records it proposes, and each claim with the analyst's decision. Edits are checked
//! against the canonical choices of the data; saving writes the accepted claims as a data file
//! that passes the checks of `negkg validate`, or writes nothing.

use crate::dataset::{parse_dataset, to_toml, DataFile};
use crate::error::{DataError, DataErrors, Error, Location, Result};
use crate::model::{
    locate_quote, text_at, Action, Actor, Claim, ClaimKind, Dataset, Date, Evidence, Issue,
    Modality, ObjectRef, Place, Source,
};
use crate::store::{Input, KnowledgeGraph};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the analyst decided about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Not decided yet: not saved.
    Undecided,
    /// Saved.
    Accepted,
    /// Not saved.
    Rejected,
}

impl Decision {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Undecided => "undecided",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
        }
    }
}

/// One claim under review.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) claim: Claim,
    pub(crate) decision: Decision,
    /// The extractor's confidence and rule, from the draft's comment; `None` for added claims.
    pub(crate) drafted: Option<String>,
    /// Where the evidence stands in the article, in characters (end exclusive).
    pub(crate) spans: Vec<(usize, usize)>,
}

/// A change to one claim, as sent from the page. A field left `None` stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) kind: Option<String>,
    pub(crate) holder: Option<String>,
    pub(crate) addressees: Option<Vec<String>>,
    pub(crate) action: Option<String>,
    pub(crate) places: Option<Vec<String>>,
    pub(crate) issues: Option<Vec<String>>,
    pub(crate) stated_on: Option<String>,
    pub(crate) modality: Option<String>,
    pub(crate) condition: Option<String>,
    pub(crate) label: Option<String>,
    pub(crate) decision: Option<Decision>,
}

/// Why a save wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SaveError {
    /// The file exists and the request did not say to replace it.
    Exists(PathBuf),
    /// The file would not validate: each problem as `negkg validate` words it.
    Invalid(Vec<String>),
    /// The file could not be written.
    Io(String),
}

/// A choice offered in a select: id, name, and whether the draft proposes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) proposed: bool,
}

/// A draft under review, with the article it was made from. Built by [`Review::open`], then
/// served by [`serve`](super::serve).
#[derive(Debug, Clone)]
pub struct Review {
    pub(crate) article_name: String,
    pub(crate) draft_name: String,
    pub(crate) text: String,
    reference_files: Vec<DataFile>,
    reference: Dataset,
    /// What the draft adds besides its claims: its source, actors, actions, places, issues,
    /// events.
    proposed: Dataset,
    pub(crate) source: Source,
    pub(crate) entries: Vec<Entry>,
    pub(crate) out: PathBuf,
    pub(crate) saved: Option<PathBuf>,
}

impl Review {
    /// Reads a draft (a data file as `negkg extract` writes it, one `[source]` and its claims)
    /// against the reference data, with the text of the article it was drafted from (plain
    /// text or HTML, read as the extractor reads it). The review saves to `out`, by default
    /// `data/sources/<source id>.toml`.
    ///
    /// A draft that does not read or validate gives [`Error::Data`] with file, line and column.
    pub fn open(
        article_name: &str,
        article: &str,
        draft: &DataFile,
        reference_files: Vec<DataFile>,
        out: Option<PathBuf>,
    ) -> Result<Self> {
        let reference = parse_dataset(&reference_files).map_err(Error::Data)?;
        let mut files = reference_files.clone();
        files.push(draft.clone());
        let all = parse_dataset(&files).map_err(Error::Data)?;
        let new_sources: Vec<&Source> = all
            .sources
            .iter()
            .filter(|s| reference.source(&s.id).is_none())
            .collect();
        let [source] = new_sources.as_slice() else {
            return Err(one_source_error(draft, new_sources.len()));
        };
        let source = (*source).clone();
        let proposed = Dataset {
            actors: new_only(&all.actors, &reference.actors, |a| &a.id),
            places: new_only(&all.places, &reference.places, |p| &p.id),
            issues: new_only(&all.issues, &reference.issues, |i| &i.id),
            actions: new_only(&all.actions, &reference.actions, |a| &a.id),
            events: new_only(&all.events, &reference.events, |e| &e.id),
            negotiations: new_only(&all.negotiations, &reference.negotiations, |n| &n.id),
            sources: vec![source.clone()],
            claims: Vec::new(),
        };
        let out = out.unwrap_or_else(|| {
            Path::new("data")
                .join("sources")
                .join(format!("{}.toml", source.id))
        });
        let text = crate::extract::article_text(article);
        let mut drafted = drafted_notes(&draft.text).into_iter();
        let entries = all
            .claims
            .into_iter()
            .filter(|c| c.source == source.id)
            .map(|claim| Entry {
                spans: spans(&text, &claim.evidence),
                claim,
                decision: Decision::Undecided,
                drafted: drafted.next().flatten(),
            })
            .collect();
        Ok(Self {
            article_name: article_name.to_owned(),
            draft_name: draft.name.clone(),
            text,
            reference_files,
            reference,
            proposed,
            source,
            entries,
            out,
            saved: None,
        })
    }

    /// How many claims the draft holds, and how many of their quotes are not in the article
    /// (a sign that the article is not the one the draft was made from).
    pub fn quotes_not_found(&self) -> (usize, usize) {
        let missing = self.entries.iter().filter(|e| e.spans.is_empty()).count();
        (self.entries.len(), missing)
    }

    /// Where saving writes.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Actors to choose from: the draft's proposals first, then the known ones.
    pub(crate) fn actors(&self) -> Vec<Choice> {
        choices(
            &self.proposed.actors,
            &self.reference.actors,
            |a: &Actor| (&a.id, &a.name),
        )
    }

    pub(crate) fn actions(&self) -> Vec<Choice> {
        choices(
            &self.proposed.actions,
            &self.reference.actions,
            |a: &Action| (&a.id, &a.name),
        )
    }

    pub(crate) fn places(&self) -> Vec<Choice> {
        choices(
            &self.proposed.places,
            &self.reference.places,
            |p: &Place| (&p.id, &p.name),
        )
    }

    pub(crate) fn issues(&self) -> Vec<Choice> {
        choices(
            &self.proposed.issues,
            &self.reference.issues,
            |i: &Issue| (&i.id, &i.name),
        )
    }

    /// The display name of an actor id (the id itself when unknown).
    pub(crate) fn actor_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.actor(id).map_or(id, |a| a.name.as_str())
    }

    /// Applies an edit to claim `index`, or says which field is wrong (nothing changes then).
    pub(crate) fn edit(&mut self, index: usize, edit: &Edit) -> std::result::Result<(), String> {
        let Some(entry) = self.entries.get(index) else {
            return Err(format!("there is no claim {}", index + 1));
        };
        let mut claim = entry.claim.clone();
        self.apply(&mut claim, edit)?;
        let decision = edit.decision.unwrap_or(entry.decision);
        if decision == Decision::Accepted {
            self.complete(&mut claim)?;
        }
        let entry = &mut self.entries[index];
        entry.claim = claim;
        entry.decision = decision;
        Ok(())
    }

    fn apply(&self, claim: &mut Claim, edit: &Edit) -> std::result::Result<(), String> {
        if let Some(kind) = &edit.kind {
            claim.kind = ClaimKind::from_keyword(kind)
                .ok_or_else(|| format!("kind: `{kind}` is none of {}", ClaimKind::keywords()))?;
        }
        if let Some(modality) = &edit.modality {
            claim.modality = Modality::from_keyword(modality).ok_or_else(|| {
                format!("modality: `{modality}` is none of {}", Modality::keywords())
            })?;
        }
        let drafted_label = self.automatic_label(claim);
        let actors = self.actors();
        if let Some(holder) = &edit.holder {
            let holder = known_or_empty("holder", holder, &actors)?;
            // A delegation voiced the old holder's position: it voices another's only if it
            // belongs to it.
            if holder != claim.holder {
                let belongs = claim.voiced_by.as_deref().is_some_and(|voice| {
                    self.actor(voice)
                        .is_some_and(|a| a.affiliation.as_deref() == Some(holder.as_str()))
                });
                if !belongs {
                    claim.voiced_by = None;
                }
            }
            claim.holder = holder;
        }
        if let Some(addressees) = &edit.addressees {
            claim.addressees = known_list("addressee", addressees, &actors)?;
        }
        if let Some(action) = &edit.action {
            claim.action = known_or_empty("action", action, &self.actions())?;
        }
        if let Some(places) = &edit.places {
            claim.places = known_list("place", places, &self.places())?;
        }
        if let Some(issues) = &edit.issues {
            claim.issues = known_list("issue", issues, &self.issues())?;
        }
        if let Some(date) = &edit.stated_on {
            claim.stated_on = match date.trim() {
                "" => None,
                text => Some(
                    text.parse::<Date>()
                        .map_err(|e| format!("stated on: {e}"))?,
                ),
            };
        }
        if let Some(condition) = &edit.condition {
            claim.condition = Some(condition.trim().to_owned()).filter(|c| !c.is_empty());
        }
        if let Some(label) = &edit.label {
            claim.label = label.trim().to_owned();
        }
        // A label the extractor wrote, not changed by hand, follows the holder, kind and action.
        if claim.label == drafted_label {
            claim.label = self.automatic_label(claim);
        }
        Ok(())
    }

    /// The label the extractor writes: "Holder: kind (action)"; empty while holder or action
    /// is not chosen.
    fn automatic_label(&self, claim: &Claim) -> String {
        if claim.holder.is_empty() || claim.action.is_empty() {
            return String::new();
        }
        format!(
            "{}: {} ({})",
            self.actor_name(&claim.holder),
            claim.kind.as_str(),
            claim.action.replace('-', " ")
        )
    }

    fn actor(&self, id: &str) -> Option<&Actor> {
        self.proposed.actor(id).or_else(|| self.reference.actor(id))
    }

    /// What an accepted claim must have before it can be saved; a missing label is written
    /// from holder, kind and action, and the extractor's "review it" note is marked reviewed.
    fn complete(&self, claim: &mut Claim) -> std::result::Result<(), String> {
        if claim.holder.is_empty() {
            return Err("choose the holder before accepting".into());
        }
        if claim.action.is_empty() {
            return Err("choose the action before accepting".into());
        }
        if claim.stated_on.is_none() && claim.stated_before.is_none() {
            return Err("give the date it was stated on before accepting".into());
        }
        if claim.label.is_empty() {
            claim.label = self.automatic_label(claim);
        }
        if let Some(note) = &claim.note {
            if let Some(start) = note.strip_suffix("; review it.") {
                claim.note = Some(format!("{start}; reviewed with negkg review."));
            }
        }
        Ok(())
    }

    /// Adds a claim whose evidence is the article's text at `start..end` (characters), or,
    /// without offsets, the first place `quote` stands in it. Returns its index.
    pub(crate) fn add(
        &mut self,
        range: Option<(usize, usize)>,
        quote: Option<&str>,
    ) -> std::result::Result<usize, String> {
        let (start, end) = match (range, quote.map(str::trim).filter(|q| !q.is_empty())) {
            (Some(range), _) => range,
            (None, Some(quote)) => locate_quote(&self.text, quote)
                .map(|(s, e)| (s as usize, e as usize))
                .ok_or("the quote is not in the article word for word: copy it from there")?,
            (None, None) => return Err("select the words of the claim in the article".into()),
        };
        let quote = text_at(&self.text, start as u64, end as u64)
            .ok_or_else(|| format!("{start}..{end} is not a range of the article's characters"))?;
        let trimmed = quote.trim();
        if trimmed.is_empty() {
            return Err("the selection holds no words".into());
        }
        // Leave out the white space a selection often takes along.
        let start = start
            + quote[..quote.len() - quote.trim_start().len()]
                .chars()
                .count();
        let end = start + trimmed.chars().count();
        let claim = Claim {
            stated_on: Some(self.source.published),
            note: Some("Added in negkg review.".into()),
            evidence: vec![Evidence {
                sentence: crate::extract::sentences_around(
                    &self.text,
                    &crate::extract::sentences(&self.text),
                    start as u64,
                    end as u64,
                ),
                quote: trimmed.to_owned(),
                source: self.source.id.clone(),
                reported_by: self.source.publisher.clone(),
                start: Some(start as u64),
                end: Some(end as u64),
            }],
            ..Claim::new(
                self.new_claim_id(),
                self.source.id.clone(),
                ClaimKind::Statement,
                String::new(),
                String::new(),
                String::new(),
            )
        };
        self.entries.push(Entry {
            claim,
            decision: Decision::Undecided,
            drafted: None,
            spans: vec![(start, end)],
        });
        Ok(self.entries.len() - 1)
    }

    fn new_claim_id(&self) -> String {
        let stem: String = self.source.id.chars().take(40).collect();
        let stem = stem.trim_end_matches('-');
        (1..)
            .map(|n| format!("{stem}-added-{n}"))
            .find(|id| {
                self.entries.iter().all(|e| &e.claim.id != id) && self.reference.claim(id).is_none()
            })
            .unwrap_or_default()
    }

    /// The data file the review saves: the source, the accepted claims, and what the draft
    /// proposes that they (or the source) use.
    pub(crate) fn output(&self) -> String {
        let claims: Vec<Claim> = self
            .entries
            .iter()
            .filter(|e| e.decision == Decision::Accepted)
            .map(|e| e.claim.clone())
            .collect();
        let actors = used_actors(&self.proposed, &self.source, &claims);
        let actions: BTreeSet<&str> = claims
            .iter()
            .flat_map(|c| {
                let object = match &c.object {
                    Some(ObjectRef::Action(id)) => Some(id.as_str()),
                    _ => None,
                };
                std::iter::once(c.action.as_str()).chain(object)
            })
            .collect();
        let dataset = Dataset {
            actors: self
                .proposed
                .actors
                .iter()
                .filter(|a| actors.contains(a.id.as_str()))
                .cloned()
                .collect(),
            actions: self
                .proposed
                .actions
                .iter()
                .filter(|a| actions.contains(a.id.as_str()))
                .cloned()
                .collect(),
            claims,
            ..self.proposed.clone()
        };
        let count = |d: Decision| self.entries.iter().filter(|e| e.decision == d).count();
        format!(
            "# Reviewed with `negkg review` from the draft {} and the article {}:\n# {} claims accepted, {} rejected, {} left undecided (not saved).\n\n{}",
            one_line(&self.draft_name),
            one_line(&self.article_name),
            count(Decision::Accepted),
            count(Decision::Rejected),
            count(Decision::Undecided),
            to_toml(&dataset)
        )
    }

    /// The checks of `negkg validate FILE` on the file's text: read with the reference data,
    /// loaded, and checked against the SHACL shapes. Each problem as `negkg validate` says it.
    pub(crate) fn check(&self, text: &str) -> std::result::Result<(), Vec<String>> {
        let mut input = Input::new();
        // The bundled file that the output replaces is left out, as it will be once replaced.
        for file in &self.reference_files {
            if !self.out.ends_with(&file.name) {
                input.add_data_file(file.clone());
            }
        }
        input.add_data_file(DataFile::new(self.out.display().to_string(), text));
        let graph = KnowledgeGraph::in_memory().map_err(|e| vec![e.to_string()])?;
        match graph.load(&input) {
            Ok(_) => {}
            Err(Error::Data(errors)) => {
                return Err(errors.0.iter().map(ToString::to_string).collect())
            }
            Err(error) => return Err(vec![error.to_string()]),
        }
        let violations = crate::validate::validate(&graph).map_err(|e| vec![e.to_string()])?;
        if violations.is_empty() {
            return Ok(());
        }
        Err(violations
            .iter()
            .map(|v| format!("{}: {} {} — {}", v.focus, v.path, v.constraint, v.message))
            .collect())
    }

    /// Writes the accepted claims to the output file if they validate. An existing file is
    /// replaced only when `overwrite` says so; the file is written whole or not at all.
    pub(crate) fn save(&mut self, overwrite: bool) -> std::result::Result<PathBuf, SaveError> {
        let text = self.output();
        self.check(&text).map_err(SaveError::Invalid)?;
        write_new(&self.out, &text, overwrite)?;
        self.saved = Some(self.out.clone());
        Ok(self.out.clone())
    }
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Writes `text` to a file beside `path`, then moves it into place: no reader ever sees half a
/// file. Without `overwrite`, the move refuses an existing file (a hard link does not replace).
fn write_new(path: &Path, text: &str, overwrite: bool) -> std::result::Result<(), SaveError> {
    if !overwrite && path.exists() {
        return Err(SaveError::Exists(path.to_owned()));
    }
    let io = |what: &str, error: std::io::Error| {
        SaveError::Io(format!("cannot {what} {}: {error}", path.display()))
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "review".into(), |n| n.to_string_lossy().into_owned());
    let temporary = directory.join(format!(".{name}.{}.partial", std::process::id()));
    let written = std::fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(io("write", error));
    }
    let moved = if overwrite {
        std::fs::rename(&temporary, path)
    } else {
        std::fs::hard_link(&temporary, path).and_then(|()| std::fs::remove_file(&temporary))
    };
    if let Err(error) = moved {
        let _ = std::fs::remove_file(&temporary);
        return Err(if error.kind() == std::io::ErrorKind::AlreadyExists {
            SaveError::Exists(path.to_owned())
        } else {
            io("write", error)
        });
    }
    Ok(())
}

fn one_source_error(draft: &DataFile, found: usize) -> Error {
    let offset = draft.text.find("[source]").unwrap_or(0);
    Error::Data(DataErrors(vec![DataError {
        location: Location::from_offset(&draft.name, &draft.text, offset),
        message: if found == 0 {
            "the draft has no [source] of its own (or it is already in the data)".into()
        } else {
            format!("the draft has {found} sources; a review takes one source and its claims")
        },
        help: Some(
            "review a file as `negkg extract` writes it: one [source] table and its [[claim]]s"
                .into(),
        ),
    }]))
}

fn new_only<T: Clone>(all: &[T], known: &[T], id: impl Fn(&T) -> &String) -> Vec<T> {
    all.iter()
        .filter(|item| known.iter().all(|k| id(k) != id(item)))
        .cloned()
        .collect()
}

fn choices<T>(
    proposed: &[T],
    known: &[T],
    fields: impl Fn(&T) -> (&String, &String),
) -> Vec<Choice> {
    let mut out: Vec<Choice> = proposed
        .iter()
        .map(|item| (item, true))
        .chain(known.iter().map(|item| (item, false)))
        .map(|(item, proposed)| {
            let (id, name) = fields(item);
            Choice {
                id: id.clone(),
                name: name.clone(),
                proposed,
            }
        })
        .collect();
    out[proposed.len()..].sort_by_key(|c| c.name.to_lowercase());
    out
}

fn known_or_empty(
    field: &str,
    id: &str,
    choices: &[Choice],
) -> std::result::Result<String, String> {
    let id = id.trim();
    if id.is_empty() || choices.iter().any(|c| c.id == id) {
        Ok(id.to_owned())
    } else {
        Err(format!("{field}: `{id}` is not in the data"))
    }
}

fn known_list(
    field: &str,
    ids: &[String],
    choices: &[Choice],
) -> std::result::Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let id = known_or_empty(field, id, choices)?;
        if !id.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The extractor's `# confidence … · rule …` comment above each `[[claim]]`, in file order.
fn drafted_notes(text: &str) -> Vec<Option<String>> {
    let mut previous: Option<&str> = None;
    let mut notes = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line == "[[claim]]" {
            notes.push(
                previous
                    .and_then(|p| p.strip_prefix("# confidence "))
                    .map(|rest| format!("confidence {rest}")),
            );
        }
        previous = Some(line);
    }
    notes
}

/// Where each quote stands in the text: at its offsets when they hold the quote, else where
/// the quote first occurs; quotes not in the text are left out.
fn spans(text: &str, evidence: &[Evidence]) -> Vec<(usize, usize)> {
    evidence
        .iter()
        .filter_map(|e| {
            let at_offsets = match (e.start, e.end) {
                (Some(start), Some(end)) => {
                    (text_at(text, start, end) == Some(e.quote.as_str())).then_some((start, end))
                }
                _ => None,
            };
            at_offsets.or_else(|| locate_quote(text, &e.quote))
        })
        .map(|(s, e)| (s as usize, e as usize))
        .collect()
}

/// The proposed actors the output needs: named by its claims, its source or its events, and
/// those they belong to or hold.
fn used_actors<'a>(
    proposed: &'a Dataset,
    source: &'a Source,
    claims: &'a [Claim],
) -> BTreeSet<&'a str> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    used.insert(&source.publisher);
    used.extend(source.authors.iter().map(String::as_str));
    for claim in claims {
        used.insert(&claim.holder);
        used.extend(claim.voiced_by.as_deref());
        used.extend(claim.addressees.iter().map(String::as_str));
        used.extend(claim.evidence.iter().map(|e| e.reported_by.as_str()));
        if let Some(ObjectRef::Actor(id)) = &claim.object {
            used.insert(id);
        }
    }
    for event in &proposed.events {
        used.extend(event.participants.iter().map(String::as_str));
    }
    loop {
        let before = used.len();
        let more: Vec<&str> = proposed
            .actors
            .iter()
            .filter(|a| used.contains(a.id.as_str()))
            .flat_map(|a| a.affiliation.iter().chain(&a.members))
            .map(String::as_str)
            .collect();
        used.extend(more);
        if used.len() == before {
            return used;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Title\n\nRussia demanded a ceasefire. Turkey offered to host talks.\n";

    fn draft(start: u64, end: u64) -> DataFile {
        DataFile::new(
            "draft.toml",
            format!(
                r#"[[actor]]
id = "new-wire"
name = "New Wire"
type = "organization"

[[actor]]
id = "someone-unused"
name = "Someone Unused"
type = "person"

[source]
id = "2025-06-02-new-wire-title"
title = "Title"
publisher = "new-wire"
published = 2025-06-02

# confidence 0.50 · rule demand/"demanded"
[[claim]]
id = "2025-06-02-new-wire-title-russia-demand-1"
kind = "demand"
holder = "russia"
action = "ceasefire"
stated_on = 2025-06-02
label = "Russia demands a ceasefire"

[[claim.evidence]]
quote = "Russia demanded a ceasefire"
start = {start}
end = {end}
"#
            ),
        )
    }

    fn open(start: u64, end: u64) -> Review {
        Review::open(
            "article.txt",
            ARTICLE,
            &draft(start, end),
            crate::bundled::data_files(),
            None,
        )
        .unwrap()
    }

    #[test]
    fn evidence_is_found_at_its_offsets_or_else_where_the_quote_stands() {
        let review = open(7, 34);
        assert_eq!(review.entries[0].spans, [(7, 34)]);
        assert_eq!(
            review.entries[0].drafted.as_deref(),
            Some("confidence 0.50 · rule demand/\"demanded\"")
        );
        assert_eq!(
            review.out,
            Path::new("data/sources/2025-06-02-new-wire-title.toml")
        );
        // Offsets that do not hold the quote (an edited article): the quote is looked for.
        let moved = open(0, 27);
        assert_eq!(moved.entries[0].spans, [(7, 34)]);
        assert_eq!(moved.quotes_not_found(), (1, 0));
    }

    #[test]
    fn an_added_claim_takes_the_selection_without_its_surrounding_spaces() {
        let mut review = open(7, 34);
        let start = ARTICLE.find(" Turkey").unwrap();
        let end = start + " Turkey offered to host talks. ".len();
        let index = review.add(Some((start, end)), None).unwrap();
        let claim = &review.entries[index].claim;
        assert_eq!(claim.evidence[0].quote, "Turkey offered to host talks.");
        assert_eq!(claim.evidence[0].start, Some(start as u64 + 1));
        assert_eq!(claim.id, "2025-06-02-new-wire-title-added-1");
        let again = review.add(None, Some("Turkey offered")).unwrap();
        assert_eq!(
            review.entries[again].claim.id,
            "2025-06-02-new-wire-title-added-2"
        );
        assert!(review
            .add(Some((5, 7)), None)
            .unwrap_err()
            .contains("no words"));
    }

    #[test]
    fn the_output_keeps_only_accepted_claims_and_the_new_actors_they_need() {
        let mut review = open(7, 34);
        let accept = Edit {
            decision: Some(Decision::Accepted),
            ..Edit::default()
        };
        review.edit(0, &accept).unwrap();
        let text = review.output();
        assert!(text.contains("id = \"new-wire\""), "{text}");
        assert!(!text.contains("someone-unused"), "{text}");
        assert!(text.contains("holder = \"russia\""));
        review.check(&text).unwrap();
        let reject = Edit {
            decision: Some(Decision::Rejected),
            ..Edit::default()
        };
        review.edit(0, &reject).unwrap();
        assert!(!review.output().contains("[[claim]]"));
    }

    #[test]
    fn a_new_holder_takes_the_drafted_label_along_and_drops_a_voice_not_its_own() {
        let mut file = draft(7, 34);
        file.text = file.text.replace(
            "label = \"Russia demands a ceasefire\"",
            "voiced_by = \"russian-negotiators\"\nlabel = \"Russia: demand (ceasefire)\"",
        );
        let mut review = Review::open(
            "article.txt",
            ARTICLE,
            &file,
            crate::bundled::data_files(),
            None,
        )
        .unwrap();
        // The page sends every field, the label as it stands.
        let edit = |holder: &str, label: &str| Edit {
            holder: Some(holder.into()),
            label: Some(label.into()),
            ..Edit::default()
        };
        review
            .edit(0, &edit("russia", "Russia: demand (ceasefire)"))
            .unwrap();
        let claim = &review.entries[0].claim;
        assert_eq!(claim.voiced_by.as_deref(), Some("russian-negotiators"));
        review
            .edit(0, &edit("turkey", "Russia: demand (ceasefire)"))
            .unwrap();
        let claim = &review.entries[0].claim;
        assert_eq!(
            claim.voiced_by, None,
            "Russia's delegation does not voice Turkey"
        );
        assert_eq!(claim.label, "Turkey: demand (ceasefire)");
        // A label written by hand stays.
        review.edit(0, &edit("russia", "Moscow insists")).unwrap();
        assert_eq!(review.entries[0].claim.label, "Moscow insists");
    }

    #[test]
    fn an_existing_file_is_not_replaced_unless_asked() {
        let dir = std::env::temp_dir().join(format!("negkg-review-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.toml");
        write_new(&path, "first", false).unwrap();
        assert_eq!(
            write_new(&path, "second", false),
            Err(SaveError::Exists(path.clone()))
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        write_new(&path, "second", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
