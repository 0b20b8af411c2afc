//! Who speaks: the document's author ("Statement by the Secretary-General"), the speaker of a
//! quotation ("…,” Kony said"), the one who reports a clause ("Kerry said Russia must …") and
//! the one named after a verb of saying or "according to".

use super::lexicon::{Entry, Lexicon};
use super::mentions::{is_oblique, proper_nouns, propose_actor, unknown_name, Mention};
use super::text::{last_word, lowercase_in_place, SliceText};
use crate::model::Actor;
use std::ops::Range;

/// Finds the document's author ("Statement by the Secretary-General", "X said in a statement")
/// in its first sentences, for "I" and "we".
fn document_speaker(
    text: &str,
    sentences: &[Range<usize>],
    lexicon: &Lexicon,
    proposed: &mut Vec<Actor>,
) -> Option<String> {
    for range in sentences.iter().take(4) {
        let sentence = text.slice(range.clone());
        let lower = lowercase_in_place(sentence);
        let Some(at) = [
            "statement by",
            "statement of",
            "statement from",
            "remarks by",
            "readout",
            "following statement",
            "spokesperson",
        ]
        .iter()
        .filter_map(|cue| lower.find(cue).map(|i| i + cue.len()))
        .min() else {
            continue;
        };
        let rest = sentence.slice(at..);
        let mentions: Vec<(usize, String)> = lexicon
            .actors
            .find(rest)
            .into_iter()
            .filter_map(|(r, e)| match e {
                Entry::Actor(id) => Some((r.start, id.clone())),
                _ => None,
            })
            .collect();
        let unknown = proper_nouns(rest).into_iter().find(|(r, _)| {
            !mentions
                .iter()
                .any(|(start, _)| *start >= r.start && *start < r.end)
        });
        // A name the gazetteer does not know, written before any known one, is the author
        // ("Statement by the Trilateral Mechanism and the Quad on Sudan").
        if let Some((range, name)) = &unknown {
            if mentions
                .first()
                .is_none_or(|(start, _)| range.start < *start)
            {
                return Some(propose_actor(name, proposed));
            }
        }
        // Prefer a person (the Secretary-General) over an organisation.
        if let Some((_, person)) = mentions.iter().find(|(_, m)| lexicon.persons.contains(m)) {
            return Some(person.clone());
        }
        if let Some((_, first)) = mentions.first() {
            return Some(first.clone());
        }
    }
    None
}

/// Verbs that report what someone said, before the clause they report.
pub(super) const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "stressed", "stresses", "insisted",
    "insists", "warned", "warns", "argued", "argues", "stated", "states", "noted", "notes",
    "declared", "declares", "believes", "believed", "thinks", "thought",
];

/// The one who reports the clause starting at `at` ("Kerry said [Russia must …]"): `None`
/// without a verb of saying right before the clause; `Some(None)` when a pronoun reports;
/// else the actor named before the verb.
pub(super) fn reporting_speaker(
    sentence: &str,
    at: usize,
    mentions: &[Mention],
    lexicon: &Lexicon,
) -> Option<Option<String>> {
    let mut head = sentence.slice(..at).trim_end();
    // "said that", "told reporters that": the complementiser and the one told.
    if let Some((start, word)) = last_word(head) {
        if word.eq_ignore_ascii_case("that") {
            head = head.slice(..start).trim_end();
        }
    }
    let mut end = head.len();
    let mut verb_at = None;
    for _ in 0..3 {
        let (start, word) = last_word(head.slice(..end))?;
        if REPORTING_VERBS.contains(&word.to_lowercase().as_str()) {
            verb_at = Some(start);
            break;
        }
        end = head.slice(..start).trim_end().len();
    }
    let verb_at = verb_at?;
    let subject = head.slice(..verb_at).trim_end();
    if let Some((_, word)) = last_word(subject) {
        if ["he", "she", "they", "it"].contains(&word.to_lowercase().as_str()) {
            return Some(None);
        }
    }
    Some(
        mentions
            .iter()
            .rev()
            .find(|m| {
                m.range.end <= verb_at && !is_oblique(sentence, m.range.start, mentions, lexicon)
            })
            .map(|m| m.actor.clone()),
    )
}

/// The speaker of a quote: the actor named just before "said"/"added"/"told" after the
/// quote, or just after it ("said Mr X"), or after "according to".
pub(super) fn attribution(sentence: &str, after: usize, mentions: &[Mention]) -> Option<String> {
    let lower = lowercase_in_place(sentence);
    for verb in [" said", " added", " told", " says", " adds"] {
        if let Some(at) = lower.slice(after..).rfind(verb).map(|i| i + after) {
            if let Some(m) = mentions
                .iter()
                .rev()
                .find(|m| m.range.end <= at && m.range.start >= after)
            {
                return Some(m.actor.clone());
            }
            if let Some(m) = mentions.iter().find(|m| m.range.start >= at + verb.len()) {
                return Some(m.actor.clone());
            }
        }
    }
    let at = lower
        .slice(after..)
        .find("according to")
        .map(|i| i + after)?;
    mentions
        .iter()
        .find(|m| m.range.start > at)
        .map(|m| m.actor.clone())
}

/// Whether `at` lies inside a quotation of the sentence (more opening than closing curly
/// quotes before it, or an odd number of straight ones).
pub(super) fn inside_quote(sentence: &str, at: usize) -> bool {
    let head = sentence.slice(..at);
    let opening = head.matches('“').count();
    let closing = head.matches('”').count();
    opening > closing || head.matches('"').count() % 2 == 1
}

/// Verbs that attribute a quotation to its speaker.
pub(super) const QUOTE_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "declared",
    "insisted",
    "warned",
    "explained",
    "asked",
    "wrote",
];

/// The speaker of the quotation in a sentence: the actor named with a verb of saying after
/// the closing quote ("…,” Kony said", "…,” said Kony") or before the opening one ("Kony
/// told RFI: “…"). `Some(None)` when a pronoun speaks ("…,” he said); `None` when the
/// sentence names no speaker.
pub(super) fn quote_speaker(sentence: &str, mentions: &[Mention]) -> Option<Option<String>> {
    let open = sentence.find(['“', '"'])?;
    let close = sentence
        .rfind(['”', '"'])
        .filter(|c| *c > open)
        .unwrap_or(sentence.len());
    let has_verb = |part: &str| {
        part.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| QUOTE_VERBS.contains(&w))
    };
    let pronoun = |part: &str| {
        part.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ["he", "she", "they"].contains(&w))
    };
    let tail = sentence.slice(close..);
    if has_verb(tail) {
        if let Some(m) = mentions.iter().find(|m| m.range.start >= close) {
            return Some(Some(m.actor.clone()));
        }
        if pronoun(tail) {
            return Some(None);
        }
    }
    let head = sentence.slice(..open);
    if has_verb(head) || head.trim_end().ends_with(':') {
        if let Some(m) = mentions.iter().rev().find(|m| m.range.end <= open) {
            return Some(Some(m.actor.clone()));
        }
        if pronoun(head) {
            return Some(None);
        }
    }
    None
}

/// Words that make a capitalised name an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "Council",
    "Ministry",
    "Army",
    "Front",
    "Movement",
    "Party",
    "Union",
    "Forces",
    "Group",
    "Office",
    "Agency",
    "Committee",
    "Commission",
    "Government",
    "League",
    "Organization",
    "Organisation",
    "Coalition",
    "Alliance",
    "Authority",
    "News",
    "Times",
    "Post",
    "Press",
    "Radio",
    "Television",
    "Institute",
    "Center",
    "Centre",
    "Foundation",
    "Bank",
    "Fund",
    "Court",
    "Assembly",
    "Parliament",
    "Congress",
    "Mission",
    "Network",
    "Watch",
    "International",
    "Association",
];

/// The speaker of a quotation the gazetteer does not know, named with a verb of saying after
/// the closing quote ("…,” said Jehan Perera", "…,” Perera told VOA"): a person's name of two
/// to four capitalised words (titles left out), or a surname.
pub(super) fn unknown_speaker(sentence: &str, mentions: &[Mention]) -> Option<String> {
    let open = sentence.find(['“', '"'])?;
    let close = sentence.rfind(['”', '"']).filter(|c| *c > open)?;
    let tail = sentence.slice(close..);
    let verb = tail
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| QUOTE_VERBS.contains(&w));
    if !verb {
        return None;
    }
    proper_nouns(tail).into_iter().find_map(|(r, _)| {
        let shifted = close + r.start..close + r.end;
        // Only the first name after the quote and its verb: "said X, a spokesman for Y".
        let (_, name, _) = unknown_name(sentence, shifted, mentions)?;
        let words = name.split(' ').count();
        (words <= 4
            && !name
                .split(' ')
                .any(|w| ORGANISATION_WORDS.contains(&w) || w.chars().all(char::is_uppercase)))
        .then_some(name)
    })
}

/// The author who speaks as "I" and "we": named in the text ("Statement by …"), else a state
/// or an international body named in the publisher ("U.S. Embassy in Egypt"), not a news
/// organisation.
pub(super) fn author(
    text: &str,
    sentences: &[Range<usize>],
    lexicon: &Lexicon,
    publisher: Option<&str>,
    proposed: &mut Vec<Actor>,
) -> Option<String> {
    document_speaker(text, sentences, lexicon, proposed).or_else(|| {
        let name = publisher?;
        lexicon
            .actors
            .find(name)
            .into_iter()
            .find_map(|(_, e)| match e {
                Entry::Actor(id)
                    if lexicon.states.contains(id)
                        || lexicon
                            .new_actors
                            .get(id)
                            .is_some_and(|a| a.actor_type != "person") =>
                {
                    Some(id.clone())
                }
                _ => None,
            })
    })
}
