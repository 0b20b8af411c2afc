//! The model's answer read and checked: the JSON parsed into claims, then each claim kept only
//! when its quote occurs in the article and its kind and action are known; holders resolved
//! against the data (a name the data does not know is proposed as a new actor, as the rules
//! propose one); places, issues and addressees the data does not know left out. Whatever is
//! dropped is counted and said.

use super::prompt::{Vocabulary, OTHER_HOLDER};
use super::quotes::find_quote;
use super::{ModelReport, MIN_QUOTE_CHARS};
use crate::extract::claim::{claim_id, reporter};
use crate::extract::dates::resolve_date;
use crate::extract::draft::DraftClaim;
use crate::extract::holder::voiced_by;
use crate::extract::lexicon::{Entry, Lexicon};
use crate::extract::mentions::{
    propose_actor, propose_person, unknown_name, NAME_TITLES, NOT_NAMES,
};
use crate::extract::reading::Reading;
use crate::extract::text::SliceText;
use crate::model::{Claim, ClaimKind, Dataset, Evidence, Modality, Source};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::ops::Range;

/// One claim as the model wrote it. Fields it left out are empty.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub(super) struct AnsweredClaim {
    pub(super) quote: String,
    pub(super) kind: String,
    pub(super) holder: String,
    pub(super) holder_name: String,
    pub(super) addressees: Vec<String>,
    pub(super) action: String,
    pub(super) places: Vec<String>,
    pub(super) issues: Vec<String>,
    pub(super) modality: String,
    pub(super) condition: String,
    pub(super) confidence: Option<f64>,
}

/// What the schema asks for, as error messages say it.
pub(super) const EXPECTED: &str =
    "the JSON the schema asks for ({\"claims\": [{\"quote\": …, \"kind\": …, \"holder\": …}, …]})";

/// The claims of an answer: each item that reads as a claim, or why it does not. `Err` says
/// why the answer as a whole is not what the schema asks for.
pub(super) fn parse(content: &str) -> Result<Vec<Result<AnsweredClaim, String>>, String> {
    // A model not held to the schema may wrap its JSON in a Markdown fence.
    let trimmed = content.trim();
    let unfenced = trimmed
        .strip_prefix("```json")
        .or_else(|| trimmed.strip_prefix("```"))
        .and_then(|rest| rest.trim_end().strip_suffix("```"))
        .unwrap_or(trimmed);
    let value: serde_json::Value =
        serde_json::from_str(unfenced).map_err(|e| format!("it does not parse as JSON ({e})"))?;
    let Some(claims) = value.get("claims") else {
        return Err("it has no \"claims\"".into());
    };
    let Some(claims) = claims.as_array() else {
        return Err("its \"claims\" is no list".into());
    };
    Ok(claims
        .iter()
        .map(|item| {
            AnsweredClaim::deserialize(item)
                .map_err(|e| format!("an item is no claim ({e}): {}", short(&item.to_string())))
        })
        .collect())
}

/// A text cut for a one-line note.
fn short(text: &str) -> String {
    super::error::text_start(text, 120)
}

/// What stays the same while the claims of one article are checked.
pub(super) struct Article<'a> {
    pub(super) text: &'a str,
    pub(super) sentences: Vec<Range<usize>>,
    pub(super) lexicon: &'a Lexicon,
    pub(super) reference: &'a Dataset,
    pub(super) vocabulary: &'a Vocabulary,
    pub(super) source: &'a Source,
    pub(super) speaker: Option<String>,
    pub(super) model: &'a str,
}

/// The known actor a name stands for: the longest name of the gazetteer in it.
fn actor_named(lexicon: &Lexicon, name: &str) -> Option<String> {
    lexicon
        .actors
        .find(name)
        .into_iter()
        .filter_map(|(range, entry)| match entry {
            Entry::Actor(id) => Some((range.len(), id)),
            _ => None,
        })
        .max_by_key(|(length, _)| *length)
        .map(|(_, id)| id.clone())
}

/// The action an id stands for: itself when known, else the one action the lexicon's words
/// find in it ("troop-withdrawal" → withdrawal). `None` when none or several.
fn action_for(article: &Article, action: &str) -> Option<(String, bool)> {
    let action = action.trim();
    if article
        .vocabulary
        .actions
        .iter()
        .any(|(id, _)| id == action)
    {
        return Some((action.to_owned(), false));
    }
    let words = action.replace(['-', '_'], " ");
    let found: BTreeSet<&String> = article
        .lexicon
        .actions
        .find(&words)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Entry::Action { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    (found.len() == 1).then(|| (found.into_iter().next().cloned().unwrap_or_default(), true))
}

/// The holder's id: a known actor's, else the actor its name stands for, else a new actor
/// proposed for the name. `None` when there is no name to go by.
fn holder_for(
    article: &Article,
    answered: &AnsweredClaim,
    reading: &mut Reading,
    report: &mut ModelReport,
) -> Option<String> {
    let holder = answered.holder.trim();
    if article.lexicon.names.contains_key(holder) {
        return Some(holder.to_owned());
    }
    let name = match answered.holder_name.trim() {
        "" if holder == OTHER_HOLDER || holder.is_empty() => return None,
        "" => holder.replace('-', " "),
        name => name.to_owned(),
    };
    if let Some(id) = actor_named(article.lexicon, &name) {
        return Some(id);
    }
    // As the rules do with a name the gazetteer does not know: titles left out, a person
    // when one named it ("Deputy Prime Minister KP Oli"), else a state, group or organisation.
    // What is no name ("officials", "he", "President" alone) is proposed by neither.
    let before = reading.proposed.len();
    let id = match unknown_name(&name, 0..name.len(), &[]) {
        Some((_, bare, _)) if !is_name(&bare) => return None,
        Some((_, bare, true)) => propose_person(&bare, &mut reading.proposed),
        Some((_, bare, false)) => propose_actor(&bare, &mut reading.proposed),
        None => return None,
    };
    if reading.proposed.len() > before {
        report.proposed_actors += 1;
        report.notes.push(format!(
            "proposed a new actor `{id}` for the holder \"{name}\""
        ));
    }
    Some(id)
}

/// Whether `text` holds a name, as the rules find names: a word that begins with a capital (or
/// with a letter of a script without case) and is no common word capitalised, no pronoun and
/// no title.
fn is_name(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()));
        capital && !NOT_NAMES.contains(&word) && !NAME_TITLES.contains(&word)
    })
}

/// The ids of `given` that `known` has; each one left out is counted and said.
fn known_ids(
    given: &[String],
    known: impl Fn(&str) -> bool,
    what: &str,
    report: &mut ModelReport,
) -> Vec<String> {
    let mut kept = Vec::new();
    for id in given {
        let id = id.trim();
        if known(id) {
            if !kept.iter().any(|k| k == id) {
                kept.push(id.to_owned());
            }
        } else {
            report.unknown_ids += 1;
            report.notes.push(format!(
                "left out the {what} `{id}`: the data has no such id"
            ));
        }
    }
    kept
}

/// Checks one answered claim from the part of the article at `part` (a byte range, starting at
/// character `part_chars`) and adds it to the reading, or counts why it is dropped.
pub(super) fn check(
    article: &Article,
    part: &Range<usize>,
    part_chars: u64,
    answered: AnsweredClaim,
    reading: &mut Reading,
    report: &mut ModelReport,
) {
    let part_text = article.text.slice(part.clone());
    let length = answered.quote.trim().chars().count();
    if (1..MIN_QUOTE_CHARS).contains(&length) {
        report.quote_too_short += 1;
        report.notes.push(format!(
            "dropped a claim whose quote is shorter than {MIN_QUOTE_CHARS} characters: \"{}\"",
            short(&answered.quote)
        ));
        return;
    }
    let Some(found) = find_quote(part_text, &answered.quote) else {
        report.quote_not_in_text += 1;
        report.notes.push(format!(
            "dropped a claim whose quote is not in the article: \"{}\"",
            short(&answered.quote)
        ));
        return;
    };
    let Some(kind) = ClaimKind::from_keyword(answered.kind.trim()) else {
        report.unknown_kind += 1;
        report.notes.push(format!(
            "dropped a claim of unknown kind `{}` (\"{}\")",
            answered.kind,
            short(&answered.quote)
        ));
        return;
    };
    let Some((action, mapped)) = action_for(article, &answered.action) else {
        report.unknown_action += 1;
        report.notes.push(format!(
            "dropped a claim with the unknown action `{}` (\"{}\")",
            answered.action,
            short(&answered.quote)
        ));
        return;
    };
    if mapped {
        report.mapped_actions += 1;
        report.notes.push(format!(
            "took the unknown action `{}` for `{action}`",
            answered.action
        ));
    }
    let Some(holder) = holder_for(article, &answered, reading, report) else {
        report.no_holder += 1;
        report.notes.push(format!(
            "dropped a claim with no holder named (\"{}\")",
            short(&answered.quote)
        ));
        return;
    };
    let (holder, voiced_by) = voiced_by(article.reference, holder);
    let lexicon = article.lexicon;
    let mut addressees = known_ids(
        &answered.addressees,
        |id| lexicon.names.contains_key(id),
        "addressee",
        report,
    );
    addressees.retain(|a| *a != holder);
    let places = known_ids(
        &answered.places,
        |id| article.reference.places.iter().any(|p| p.id == id),
        "place",
        report,
    );
    let issues = known_ids(
        &answered.issues,
        |id| article.reference.issues.iter().any(|i| i.id == id),
        "issue",
        report,
    );
    // A model not held to the schema may leave the modality out: that is no unknown id.
    let modality = match answered.modality.trim() {
        "" => Some(Modality::Asserted),
        given => Modality::from_keyword(given),
    };
    let modality = modality.unwrap_or_else(|| {
        report.unknown_ids += 1;
        report.notes.push(format!(
            "took the unknown modality `{}` as asserted",
            answered.modality
        ));
        Modality::Asserted
    });
    // Offsets in the article: the part's start plus the quote's place in it.
    let quote: String = part_text
        .chars()
        .skip(found.start)
        .take(found.len())
        .collect();
    let start = part_chars + found.start as u64;
    let byte_start = part.start
        + part_text
            .char_indices()
            .nth(found.start)
            .map_or(part_text.len(), |(i, _)| i);
    let sentence_index = article
        .sentences
        .iter()
        .position(|s| s.end > byte_start)
        .unwrap_or(article.sentences.len().saturating_sub(1));
    let sentence = article
        .sentences
        .get(sentence_index)
        .map_or("", |s| article.text.slice(s.clone()));
    let (stated_on, stated_on_text) = resolve_date(sentence, article.source.published);
    let reported_by = reporter(
        sentence,
        &holder,
        article.speaker.as_ref(),
        &article.source.publisher,
    );
    for id in std::iter::once(&holder)
        .chain(&addressees)
        .chain(std::iter::once(&reported_by))
    {
        if lexicon.new_actors.contains_key(id) {
            reading.new_actor_ids.insert(id.clone());
        }
    }
    let holder_name = lexicon
        .names
        .get(&holder)
        .cloned()
        .unwrap_or_else(|| holder.clone());
    let confidence = answered
        .confidence
        .filter(|c| c.is_finite())
        .unwrap_or(0.5)
        .clamp(0.0, 1.0);
    let source = article.source.id.clone();
    let condition = Some(answered.condition.trim().to_owned()).filter(|c| !c.is_empty());
    let id = claim_id(&source, &holder, kind, reading.claims.len() + 1);
    let label = format!(
        "{holder_name}: {} ({})",
        kind.as_str(),
        action.replace('-', " ")
    );
    reading.claims.push(DraftClaim {
        claim: Claim {
            voiced_by,
            addressees,
            issues,
            places,
            stated_on: Some(stated_on),
            stated_on_text,
            modality,
            condition,
            note: Some(format!(
                "Drafted by negkg extract with the model {} from sentence {}; review it.",
                article.model,
                sentence_index + 1
            )),
            evidence: vec![Evidence {
                sentence: crate::extract::text::sentences_around(
                    article.text,
                    &article.sentences,
                    start,
                    start + found.len() as u64,
                ),
                end: Some(start + found.len() as u64),
                quote,
                source: source.clone(),
                reported_by,
                start: Some(start),
            }],
            ..Claim::new(id, source, kind, holder, action, label)
        },
        confidence: (confidence * 100.0).round() / 100.0,
        rule: format!("model {}", article.model),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_that_is_no_json_or_has_no_claims_is_refused() {
        assert!(parse("Sure! Here are the claims:")
            .unwrap_err()
            .contains("does not parse as JSON"));
        assert_eq!(
            parse("{\"positions\": []}").unwrap_err(),
            "it has no \"claims\""
        );
        assert_eq!(
            parse("{\"claims\": 3}").unwrap_err(),
            "its \"claims\" is no list"
        );
        assert_eq!(parse("```json\n{\"claims\": []}\n```").unwrap(), Vec::new());
    }

    #[test]
    fn only_names_are_names() {
        for name in [
            "Ana Lopez",
            "Турция",
            "عبد الله",
            "KP Oli",
            "the Karen National Union",
        ] {
            assert!(is_name(name), "{name}");
        }
        for word in ["officials", "he", "He", "President", "the rebels", "", "—"] {
            assert!(!is_name(word), "{word}");
        }
    }

    #[test]
    fn items_are_read_one_by_one() {
        let claims = parse(
            r#"{"claims": [{"quote": "a", "kind": "demand", "holder": "russia", "places": ["kherson"]}, {"quote": 3}]}"#,
        )
        .unwrap();
        let first = claims[0].as_ref().unwrap();
        assert_eq!((first.kind.as_str(), first.places.len()), ("demand", 1));
        assert_eq!(first.confidence, None);
        assert!(claims[1]
            .as_ref()
            .unwrap_err()
            .contains("an item is no claim"));
    }
}
