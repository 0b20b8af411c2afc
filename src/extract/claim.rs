//! One drafted claim put together from what its steps found: its kind refined by what it is
//! about and how it is held, its addressee, places, condition, modality and date, the evidence
//! quote with character offsets into the text, and its id and label; a demand listing several
//! actions gives one claim for each.

use super::dates::resolve_date;
use super::draft::DraftClaim;
use super::modality::{condition, modality};
use super::objects::Object;
use super::reading::{sentence_note, Article, Attempt, Reading, Sentence};
use super::text::{limit_words, slug, trim_quote, SliceText};
use super::triggers::{entry_kind_name, Trigger, MODAL_DEMANDS};
use crate::model::{Claim, ClaimKind, Evidence, Modality};
use std::collections::BTreeSet;
use std::ops::Range;

/// What the steps before found for one trigger's claim.
pub(super) struct Found {
    pub(super) holder: String,
    pub(super) voiced_by: Option<String>,
    /// The one asked to act by a modal demand ("Kerry said Russia must withdraw").
    pub(super) modal_addressee: Option<String>,
    /// Whether the trigger's verb shares the subject of the verb before it.
    pub(super) coordinated: bool,
    pub(super) object: Object,
    pub(super) attempt: Attempt,
}

/// Adds the claim (and one for each further listed action) unless it repeats the one just
/// drafted for a coordinated verb ("Russia will propose and is ready to work on a
/// memorandum": one position) or its evidence comes out empty.
pub(super) fn record(
    article: &Article,
    sentence: &Sentence,
    trigger: &Trigger,
    found: Found,
    reading: &mut Reading,
) {
    let Found {
        holder,
        voiced_by,
        modal_addressee,
        coordinated,
        object,
        mut attempt,
    } = found;
    let action = object.action;
    if coordinated
        && reading.claims.last().is_some_and(|c| {
            c.claim.action == action
                && c.claim.holder == holder
                && c.claim.kind != ClaimKind::Statement
        })
    {
        return;
    }
    let kind = kind_for_object(trigger, &action);
    let addressee = modal_addressee.or_else(|| addressee(sentence, trigger, &holder));
    let condition = condition(article.lexicon, trigger.after);
    let modality = modality(
        article.lexicon,
        sentence.text,
        trigger,
        kind,
        condition.is_some(),
    );
    let kind = if modality == Modality::Negated && kind == ClaimKind::Commitment {
        ClaimKind::Rejection
    } else {
        kind
    };
    let (stated_on, stated_on_text) = resolve_date(sentence.text, article.published);
    let Some((quote, offsets)) = evidence(article, sentence, trigger, &mut attempt) else {
        return;
    };
    let reported_by = reported_by(article, sentence.text, &holder);
    for id in std::iter::once(&holder)
        .chain(&addressee)
        .chain(std::iter::once(&reported_by))
    {
        if article.lexicon.new_actors.contains_key(id) {
            reading.new_actor_ids.insert(id.clone());
        }
    }
    let holder_name = article
        .lexicon
        .names
        .get(&holder)
        .cloned()
        .unwrap_or_else(|| holder.clone());
    let action_name = action.replace('-', " ");
    let label = format!("{holder_name}: {} ({action_name})", kind.as_str());
    let id = claim_id(&article.source.id, &holder, kind, reading.claims.len() + 1);
    let source = article.source.id.clone();
    reading.claims.push(DraftClaim {
        claim: Claim {
            voiced_by,
            addressees: addressee.into_iter().collect(),
            places: places(sentence, trigger),
            stated_on: Some(stated_on),
            stated_on_text,
            modality,
            condition,
            note: Some(sentence_note(sentence.index)),
            evidence: vec![Evidence {
                sentence: Some(sentence.text.to_owned()).filter(|s| s.contains(&quote)),
                quote,
                source: source.clone(),
                reported_by,
                start: Some(offsets.start),
                end: Some(offsets.end),
            }],
            ..Claim::new(id, source, kind, holder.clone(), action.clone(), label)
        },
        confidence: (attempt.confidence * 100.0).round() / 100.0,
        rule: format!("{}/\"{}\"", entry_kind_name(trigger.entry), trigger.phrase),
    });
    add_listed_actions(reading, &holder_name, kind, object.extra_actions);
}

/// The first actor named in the trigger's clause after it, other than the holder.
fn addressee(sentence: &Sentence, trigger: &Trigger, holder: &str) -> Option<String> {
    sentence
        .mentions
        .iter()
        .find(|m| {
            m.range.start >= trigger.range.end
                && m.range.end <= trigger.clause_end
                && m.actor != holder
        })
        .map(|m| m.actor.clone())
}

/// The known places named in the trigger's clause after it, each once, sorted.
fn places(sentence: &Sentence, trigger: &Trigger) -> Vec<String> {
    sentence
        .places
        .iter()
        .filter(|(r, _)| r.start >= trigger.range.end && r.end <= trigger.clause_end)
        .map(|(_, id)| id.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Who reports the claim: its holder in a direct quotation or when the holder is the author,
/// else the publisher.
fn reported_by(article: &Article, sentence: &str, holder: &String) -> String {
    reporter(
        sentence,
        holder,
        article.speaker.as_ref(),
        article.publisher,
    )
}

/// Who reports a claim held by `holder` in `sentence`: the holder in a direct quotation or
/// when the holder is the author (`speaker`), else the publisher.
pub(super) fn reporter(
    sentence: &str,
    holder: &String,
    speaker: Option<&String>,
    publisher: &str,
) -> String {
    let direct_quote = sentence.contains('“') || sentence.contains('"');
    if direct_quote || Some(holder) == speaker {
        holder.clone()
    } else {
        publisher.to_owned()
    }
}

/// The id of the `number`-th claim drafted from the source: the source's id, the holder, the
/// kind and the number.
pub(super) fn claim_id(source: &str, holder: &str, kind: ClaimKind, number: usize) -> String {
    let id = format!(
        "{}-{}-{}-{}",
        source
            .chars()
            .take(40)
            .collect::<String>()
            .trim_end_matches('-'),
        slug(holder, 20),
        kind.as_str(),
        number
    );
    slug(&id, 100)
}

/// The kind refined by what the claim is about: announcing money is pledging it, being ready
/// to host is offering to, "not agreed" rejects.
fn kind_for_object(trigger: &Trigger, action: &str) -> ClaimKind {
    let mut kind = trigger.kind;
    let after = trigger.after;
    if trigger.phrase.eq_ignore_ascii_case("announced")
        && (after.contains('$') || after.contains(" million") || after.contains(" billion"))
    {
        kind = ClaimKind::Commitment;
    }
    if kind == ClaimKind::Commitment && action == "hosting" {
        kind = ClaimKind::Offer;
    }
    if trigger.phrase.eq_ignore_ascii_case("agreed") && trigger.lower_before.ends_with("not ") {
        kind = ClaimKind::Rejection;
    }
    kind
}

/// The evidence: from the holder's name (or the trigger; for a modal demand, the start of its
/// clause: "A permanent ceasefire must be secured") to the end of the clause, trimmed and cut
/// to 30 words; with its character offsets in the text. `None` when nothing is left.
fn evidence(
    article: &Article,
    sentence: &Sentence,
    trigger: &Trigger,
    attempt: &mut Attempt,
) -> Option<(String, Range<u64>)> {
    if MODAL_DEMANDS.contains(&trigger.lower_phrase.as_str()) {
        let clause_start = trigger.before.rfind([',', ';', ':']).map_or(0, |i| i + 1);
        attempt.start_of_quote = attempt.start_of_quote.min(clause_start);
    }
    let start = attempt.start_of_quote.min(trigger.range.start);
    let quote_range = trim_quote(sentence.text, start..trigger.clause_end);
    let quote_range = limit_words(sentence.text, quote_range, 30);
    let range = &sentence.range;
    let absolute = range.start + quote_range.start..range.start + quote_range.end;
    let quote = article.text.slice(absolute.clone()).to_owned();
    if quote.is_empty() {
        return None;
    }
    let chars =
        |end: usize| sentence.chars + article.text.slice(range.start..end).chars().count() as u64;
    Some((quote, chars(absolute.start)..chars(absolute.end)))
}

/// One more claim for each further action a demand lists, a copy of the last one with a
/// lower confidence.
fn add_listed_actions(
    reading: &mut Reading,
    holder_name: &str,
    kind: ClaimKind,
    extra_actions: Vec<String>,
) {
    let base = reading.claims.len() - 1;
    for second in extra_actions {
        let mut extra = reading.claims[base].clone();
        extra.claim.id = format!("{}-{}", extra.claim.id, slug(&second, 30));
        extra.claim.label = format!(
            "{holder_name}: {} ({})",
            kind.as_str(),
            second.replace('-', " ")
        );
        extra.claim.action = second;
        extra.confidence = (extra.confidence * 0.9 * 100.0).round() / 100.0;
        reading.claims.push(extra);
    }
}
