//! What a position is about: the action word in the trigger's clause (a word that only eases
//! another yields to it), the further actions a listed demand names, and without an action
//! word, the first words after the trigger.

use super::holder::{Subject, Voice};
use super::lexicon::Entry;
use super::mentions::OBLIQUE_BEFORE;
use super::reading::{Attempt, Sentence};
use super::text::{slug, SliceText};
use super::triggers::{Trigger, EVALUATIONS, MODAL_DEMANDS, WEAK_COMMITMENTS};
use crate::model::ClaimKind;
use std::ops::Range;

/// Action words that only ease another action named right after them.
const EASING_WORDS: &[&str] = &["facilitat"];

/// The action a found action word stands for: itself, or for a word that only eases another
/// ("facilitate humanitarian relief", "the facilitation of humanitarian access") the action
/// named right after it.
fn governed<'a, 'e>(
    sentence: &str,
    actions: &'a [(Range<usize>, &'e Entry)],
    found: &'a (Range<usize>, &'e Entry),
) -> &'a (Range<usize>, &'e Entry) {
    let r = &found.0;
    let word = sentence.slice(r.clone()).to_lowercase();
    if !EASING_WORDS.iter().any(|w| word.starts_with(w)) {
        return found;
    }
    let word_end = sentence
        .slice(r.end..)
        .find(|c: char| !c.is_alphanumeric())
        .map_or(sentence.len(), |i| r.end + i);
    actions
        .iter()
        .find(|(next, _)| {
            next.start >= word_end
                && sentence
                    .slice(word_end..next.start)
                    .split_whitespace()
                    .all(|w| ["of", "the", "a", "an", "to"].contains(&w))
        })
        .unwrap_or(found)
}

/// Words skipped before the object of a trigger.
const FILLERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "to", "that", "for", "on", "upon", "of", "all",
    "any", "be", "have", "been", "some", "further", "and", "or",
];

/// The first one or two words after a trigger, as an action id ("replacement").
pub(super) fn object_words(after: &str) -> Option<String> {
    // The object ends with its clause ("the offer, saying …").
    let after = after
        .find([',', ';', ':', '.', '“', '”', '"', '('])
        .map_or(after, |at| after.slice(..at));
    object_words_in(after)
}

/// The first one or two words of `after`, as an action id, punctuation and all.
fn object_words_in(after: &str) -> Option<String> {
    // "warned that the army would attack": the verb after a modal names the action.
    let mut spans = Vec::new();
    let mut word_start = None;
    for (i, c) in after
        .char_indices()
        .chain(std::iter::once((after.len(), ' ')))
    {
        match (word_start, c.is_whitespace()) {
            (None, false) => word_start = Some(i),
            (Some(s), true) => {
                spans.push(s..i);
                word_start = None;
            }
            _ => {}
        }
    }
    let after = match spans.iter().take(5).position(|r| {
        ["would", "will", "could", "might"]
            .contains(&after.slice(r.clone()).to_lowercase().as_str())
    }) {
        Some(i) if i > 0 => after.slice(spans[i].end..),
        _ => after,
    };
    // "urged both sides to reduce violence": those addressed are no object.
    let mut tokens: Vec<&str> = after
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .skip_while(|w| {
            let w = w.to_lowercase();
            FILLERS.contains(&w.as_str())
                || ["both", "two", "sides", "parties", "side", "party"].contains(&w.as_str())
        })
        .collect();
    // "initiated in New York": a prepositional phrase of place or time is no object; an
    // adverbial one is skipped ("agreed in principle to certain terms").
    let preposition = |w: &str| {
        let w = w.to_lowercase();
        OBLIQUE_BEFORE.contains(&w.as_str()) || w == "by"
    };
    if tokens.first().is_some_and(|w| preposition(w)) {
        if tokens
            .get(1)
            .is_none_or(|w| w.starts_with(char::is_uppercase) || w.starts_with(char::is_numeric))
        {
            return None;
        }
        tokens.drain(..2);
    }
    let words: Vec<String> = tokens
        .into_iter()
        .map(str::to_lowercase)
        .skip_while(|w| FILLERS.contains(&w.as_str()))
        .take_while(|w| !FILLERS.contains(&w.as_str()))
        .take(2)
        .collect();
    if words.first().is_some_and(|w| preposition(w)) {
        return None;
    }
    let id = slug(&words.join(" "), 40);
    (!id.is_empty() && id.chars().any(char::is_alphabetic)).then_some(id)
}

/// Whether the text between two actions joins the second to the first as a new object: "…
/// and access", "…, and for all parties to respect …", not "Israelis and Palestinians to
/// live in peace".
fn joined_by_and(between: &str) -> bool {
    let Some(at) = between.rfind(" and ") else {
        return false;
    };
    let rest = between.slice(at + " and ".len()..);
    rest.starts_with("for ") || rest.starts_with("to ") || rest.split_whitespace().count() <= 2
}

/// Whether the text between two actions puts the second in a list after a comma: "…
/// assistance, the withdrawal of foreign fighters".
fn listed_after_comma(between: &str) -> bool {
    between
        .rfind(", ")
        .is_some_and(|at| between.slice(at + 2..).split_whitespace().count() <= 8)
}

/// Whether an action match is only a generic word for a deal ("this agreement", "the deal").
fn is_generic_deal(matched: &str, entry: &Entry) -> bool {
    entry_action_id(entry) == Some("peace-agreement")
        && ["agreement", "deal"].contains(&matched.to_lowercase().as_str())
}

fn entry_action_id(entry: &Entry) -> Option<&str> {
    match entry {
        Entry::Action { id, .. } => Some(id),
        _ => None,
    }
}

/// What a claim is about: its action, and for a demand listing several, the further ones.
pub(super) struct Object {
    pub(super) action: String,
    pub(super) extra_actions: Vec<String>,
}

/// What the trigger's claim is about: the action word its clause names, else the object of
/// an accusation ("of …"), the subject of a passive, or the first words after a strong
/// trigger (which lowers the confidence); `None` when nothing is named, or when a bare "will"
/// or a noun after "its"/"their" would take an action named before it.
pub(super) fn object(
    sentence: &Sentence,
    trigger: &Trigger,
    subject: &Subject,
    voice: &Voice,
    attempt: &mut Attempt,
) -> Option<Object> {
    let (text, end, clause_end) = (sentence.text, trigger.range.end, trigger.clause_end);
    // "accused Machar of a coup attempt": the object follows "of".
    let of_at = trigger
        .lower_phrase
        .starts_with("accus")
        .then(|| trigger.after.find(" of ").map(|i| end + i + 4))
        .flatten();
    let action_match = match of_at {
        Some(at) => sentence
            .actions
            .iter()
            .find(|(r, _)| r.start >= at && r.end <= clause_end),
        None => action_in_reach(sentence, trigger, subject.coordinated, voice.agent_by),
    };
    // "facilitate humanitarian relief", "the facilitation of humanitarian access": a verb that
    // only eases another action yields to the action it governs.
    let action_match = action_match.map(|found| governed(text, &sentence.actions, found));
    // A bare "will", or a noun after "its"/"their" ("until its demands were met"), names its
    // action after it, not before.
    if (WEAK_COMMITMENTS.contains(&trigger.lower_phrase.as_str())
        || (subject.possessive.is_some() && subject.mention.is_none()))
        && action_match.is_some_and(|(r, _)| r.start < end)
    {
        return None;
    }
    let action = action_match.and_then(|(_, e)| entry_action_id(e).map(str::to_owned));
    let extra_actions = match action_match.filter(|_| trigger.kind == ClaimKind::Demand) {
        Some(first) => listed_actions(sentence, trigger, first),
        None => Vec::new(),
    };
    let action = action.or_else(|| match of_at {
        Some(at) => object_words(text.slice(at..clause_end)),
        // "The plan … was endorsed by X": the object is the subject.
        None => (voice.agent_by && !trigger.noun)
            .then(|| object_words_in(text.slice(..trigger.range.start)))
            .flatten()
            .map(|w| w.split('-').next().unwrap_or_default().to_owned())
            .filter(|subject| !subject.is_empty()),
    });
    // Without an action word, a strong trigger still names its object: the first words after
    // it ("calling for the replacement of the government" → replacement).
    let weak = MODAL_DEMANDS.contains(&trigger.lower_phrase.as_str())
        || ["wants", "wanted"].contains(&trigger.lower_phrase.as_str());
    let evaluation = EVALUATIONS
        .iter()
        .any(|e| trigger.lower_phrase.starts_with(e));
    let action = action.or_else(|| {
        ((trigger.kind != ClaimKind::Statement || evaluation) && !weak && !trigger.noun)
            .then(|| object_words(trigger.after))
            .flatten()
            .inspect(|_| attempt.confidence *= 0.8)
    })?;
    Some(Object {
        action,
        extra_actions,
    })
}

/// The action word a trigger's claim is about when it accuses no one: the most telling one in
/// its clause, else one in reach after it, else (for a verb not coordinated with the one
/// before) one before it.
fn action_in_reach<'s, 'a>(
    sentence: &'s Sentence<'a>,
    trigger: &Trigger,
    coordinated: bool,
    agent_by: bool,
) -> Option<&'s (Range<usize>, &'a Entry)> {
    let (text, actions) = (sentence.text, &sentence.actions);
    let (start, end, clause_end) = (trigger.range.start, trigger.range.end, trigger.clause_end);
    // Action words inside another trigger ("for the agreements") belong to that trigger's
    // claim.
    let free = |r: &Range<usize>| {
        !sentence
            .taken
            .iter()
            .enumerate()
            .any(|(i, (t, _))| i != trigger.index && t.start < r.end && r.start < t.end)
    };
    // An agreement's own word ("for the agreements") is not its object when another action
    // follows ("… on a ceasefire").
    let from = if trigger.kind == ClaimKind::Agreement {
        end
    } else {
        start
    };
    // Past its own clause a claim looks for its object up to the next verb of saying or
    // evaluating ("encourages the parties …, and reiterates the full support …" does not take
    // "support"); verbs of saying that evaluate nothing look only in their own clause.
    let next_statement = sentence.taken[trigger.index + 1..]
        .iter()
        .find(|(_, e)| {
            matches!(
                e,
                Entry::Trigger {
                    kind: ClaimKind::Statement,
                    ..
                }
            )
        })
        .map_or(text.len(), |(r, _)| r.start);
    let reach = if trigger.kind == ClaimKind::Statement
        && !EVALUATIONS
            .iter()
            .any(|e| trigger.lower_phrase.starts_with(e))
    {
        clause_end
    } else {
        next_statement
    };
    // A generic word for a deal ("this agreement") yields to a more telling action in the
    // same clause ("… humanitarian access").
    let in_clause: Vec<&(Range<usize>, &Entry)> = actions
        .iter()
        .filter(|(r, _)| r.start >= from && r.end <= clause_end && free(r))
        .collect();
    let specific = in_clause
        .iter()
        .find(|(r, e)| !is_generic_deal(text.slice(r.clone()), e))
        .or_else(|| in_clause.first())
        .map(|a| &**a);
    specific
        .or_else(|| {
            actions
                .iter()
                .find(|(r, _)| r.start >= start && r.end <= clause_end)
        })
        .or_else(|| {
            actions
                .iter()
                .find(|(r, _)| r.start >= end && r.end <= reach && free(r))
        })
        .or_else(|| {
            // "… and will continue to mobilize assistance": a coordinated verb names its own
            // object. Not past a comma: "Eritrea, which was not part of the talks, dismissed
            // the accusations" does not dismiss talks.
            (!coordinated)
                .then(|| {
                    actions.iter().rev().find(|(r, _)| {
                        r.end <= start
                            && (!text.slice(r.end..start).contains(',')
                                || agent_by
                                || object_words(trigger.after).is_none())
                    })
                })
                .flatten()
        })
}

/// "urges the parties to cease hostilities, ensure humanitarian assistance, the withdrawal of
/// foreign fighters, and address differences through dialogue": each action listed after the
/// `first` a demand names, joined by "and" or a comma, is a demand of its own.
fn listed_actions(
    sentence: &Sentence,
    trigger: &Trigger,
    (first, first_entry): &(Range<usize>, &Entry),
) -> Vec<String> {
    let (text, actions) = (sentence.text, &sentence.actions);
    let mut extra_actions = Vec::new();
    let mut used_ids: Vec<&str> = entry_action_id(first_entry).into_iter().collect();
    let mut previous_end = first.end;
    for found in actions
        .iter()
        .filter(|(r, _)| r.start >= first.end && r.end <= trigger.clause_end)
    {
        let word_start = found.0.start;
        if word_start < previous_end {
            continue;
        }
        let (r, e) = governed(text, actions, found);
        let Some(id) = entry_action_id(e) else {
            continue;
        };
        let between = text.slice(previous_end..word_start);
        previous_end = r.end;
        if used_ids.contains(&id) || is_generic_deal(text.slice(r.clone()), e) {
            continue;
        }
        if joined_by_and(between) || listed_after_comma(between) {
            used_ids.push(id);
            extra_actions.push(id.to_owned());
        }
    }
    extra_actions
}
