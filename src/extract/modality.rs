//! How a position is held: the condition it is put under (an opener such as "if" or "provided
//! that" after the trigger, to the end of its clause), and its modality from the cues near the
//! trigger: negated, hypothetical, hedged, future or asserted.

use super::lexicon::Lexicon;
use super::text::{contains_word, lowercase_in_place, SliceText};
use super::triggers::Trigger;
use crate::model::{ClaimKind, Modality};

/// The condition a claim is put under: from the first condition opener after the trigger to
/// the end of its clause, without closing punctuation.
pub(super) fn condition(lexicon: &Lexicon, after: &str) -> Option<String> {
    let lower_after = lowercase_in_place(after);
    lexicon
        .condition_openers
        .iter()
        .filter_map(|o| lower_after.find(o.as_str()).map(|i| (i, o)))
        .min_by_key(|(i, _)| *i)
        .map(|(i, _)| {
            after
                .slice(i..)
                .trim_end_matches(|c: char| {
                    matches!(c, '.' | '”' | '"' | ',' | ';') || c.is_whitespace()
                })
                .to_owned()
        })
}

/// The modality of a claim of `kind` from the cues near its trigger: a negation just before
/// it or right after it ("said it would not negotiate"), a condition or a hypothetical word
/// after it, a hedge in its clause, a word of the future just before it.
pub(super) fn modality(
    lexicon: &Lexicon,
    sentence: &str,
    trigger: &Trigger,
    kind: ClaimKind,
    conditional: bool,
) -> Modality {
    let after = trigger.after;
    let lower_after = lowercase_in_place(after);
    let window_start = trigger.range.start.saturating_sub(24);
    let window_start = (0..=window_start)
        .rev()
        .find(|i| sentence.is_char_boundary(*i))
        .unwrap_or(0);
    let near_before = sentence.slice(window_start..trigger.range.start);
    let negated_after = ["not ", "never ", "no longer "]
        .iter()
        .any(|n| after.trim_start().to_lowercase().starts_with(n));
    if (negated_after
        || lexicon
            .negated
            .iter()
            .any(|w| contains_word(near_before, w)))
        && kind != ClaimKind::Rejection
    {
        Modality::Negated
    } else if conditional
        || lexicon
            .hypothetical
            .iter()
            .any(|w| contains_word(&lower_after, w))
    {
        Modality::Hypothetical
    } else if lexicon
        .hedged
        .iter()
        .any(|w| contains_word(sentence.slice(window_start..trigger.clause_end), w))
    {
        Modality::Hedged
    } else if lexicon.future.iter().any(|w| contains_word(near_before, w)) {
        Modality::Future
    } else {
        Modality::Asserted
    }
}
