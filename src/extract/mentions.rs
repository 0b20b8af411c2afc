//! Names in a sentence beyond the gazetteer's matches: where an actor is named ([`Mention`]),
//! runs of capitalised words the gazetteer does not know and the name left once titles are
//! set aside, whether a name stands in a phrase of place rather than as a subject, a common
//! word that is capitalised only because it opens the sentence, and the new actors proposed
//! for unknown names.

use super::lexicon::Lexicon;
use super::text::{previous_word, slug, SliceText};
use crate::model::{Actor, ActorType};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::ops::Range;

/// Where in the text an actor is named.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) range: Range<usize>,
    pub(super) actor: String,
}

const CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "de", "la", "del", "da", "di", "al", "bin", "van", "von", "der",
    "le",
];

pub(super) const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "Members",
    "Member",
    "Mr",
    "Mrs",
    "Ms",
    "Begin",
    "End",
    "Text",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Statement",
    "Joint",
    "Following",
    "Readout",
    "Today",
    "After",
    "Secretary-General",
    "President",
    "All",
    "Immediate",
    "Our",
    "Their",
    "His",
    "Her",
    "Because",
    "However",
    "Also",
    "Meanwhile",
    "While",
    "If",
    "When",
    "As",
    "Both",
    "Some",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Since",
    "Despite",
    "So",
    "Now",
    "Well",
    "Yes",
    "No",
    "Again",
    "Together",
    "Finally",
    "First",
    "Second",
    "Thank",
    "Thanks",
    "Welcome",
    "Please",
];

/// Runs of capitalised words (joined by "of", "the", "and"), as candidate names of actors the
/// gazetteer does not know: "Trilateral Mechanism and the Quad".
pub(super) fn proper_nouns(sentence: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut words: Vec<(usize, usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in sentence
        .char_indices()
        .chain(std::iter::once((sentence.len(), ' ')))
    {
        let word_char = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push((s, i, sentence.slice(s..i)));
                start = None;
            }
            _ => {}
        }
    }
    let capital =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w);
    let mut i = 0;
    while i < words.len() {
        if !capital(words[i].2) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut end = i;
        while j < words.len() {
            // Words must follow each other with only spaces between.
            if sentence.slice(words[j - 1].1..words[j].0).trim() != "" {
                break;
            }
            if capital(words[j].2) {
                end = j;
                j += 1;
            } else if CONNECTORS.contains(&words[j].2) {
                j += 1;
            } else {
                break;
            }
        }
        let range = words[i].0..words[end].1;
        out.push((range.clone(), sentence.slice(range).to_owned()));
        i = end + 1;
    }
    out
}

/// Words that put the name after them in a prepositional phrase or after a participle: such a
/// name is not the subject holding the position ("Rebels in the Central African Republic
/// say …", "Rebels fighting Syrian President Bashar al-Assad insist …").
pub(super) const OBLIQUE_BEFORE: &[&str] = &[
    "in", "at", "from", "to", "into", "on", "against", "with", "near", "over", "toward", "towards",
    "between", "across", "within", "inside", "for", "under", "fighting", "about", "around",
    "through", "without", "told", "tells", "telling", "informed",
];

/// Titles skipped when looking at the word before a name.
const TITLE_WORDS: &[&str] = &[
    "President",
    "Prime",
    "Minister",
    "Foreign",
    "Defence",
    "Defense",
    "Secretary",
    "General",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "King",
    "Emir",
    "Sheikh",
    "Ambassador",
    "Chancellor",
    "Vice",
    "Deputy",
    "Crown",
    "Prince",
    "Special",
    "Envoy",
    "leader",
    "envoy",
];

/// Whether the name starting at `start` sits in a prepositional phrase (skipping "the",
/// titles, and a demonym before a title: "fighting Syrian President Bashar al-Assad").
pub(super) fn is_oblique(
    sentence: &str,
    start: usize,
    mentions: &[Mention],
    lexicon: &Lexicon,
) -> bool {
    let mut end = start;
    let mut titled = false;
    loop {
        let Some((word_start, word)) = previous_word(sentence, end) else {
            return false;
        };
        let bare = word.trim_end_matches('.');
        if bare.eq_ignore_ascii_case("the") || TITLE_WORDS.contains(&bare) {
            titled |= !bare.eq_ignore_ascii_case("the");
            end = word_start;
            continue;
        }
        if titled {
            if let Some(state) = mentions.iter().find(|m| {
                m.range.end == word_start + word.len() && lexicon.states.contains(&m.actor)
            }) {
                titled = false;
                end = state.range.start;
                continue;
            }
        }
        return OBLIQUE_BEFORE.contains(&bare.to_lowercase().as_str());
    }
}

/// Whether a one-word "name" opening the sentence ("Regional mediators hope …") is only a
/// capitalised common word: the text never writes it with a capital inside a sentence.
pub(super) fn common_word_opening(
    sentence: &str,
    range: &Range<usize>,
    inside: &HashSet<&str>,
) -> bool {
    let word = sentence.slice(range.clone());
    // A quotation opens a sentence of its own: "“Firstly, independence is …”".
    let opens_quote = sentence.slice(..range.start).ends_with(['"', '“', '‘']);
    if !(sentence.slice(..range.start).trim().is_empty() || opens_quote)
        || word.contains(' ')
        || word.chars().all(|c| !c.is_lowercase())
    {
        return false;
    }
    !inside.contains(word)
}

/// The words written inside a sentence (after a space that follows a word, a comma or a
/// semicolon), each also cut before any character that is not a letter or digit ("Seleka,"
/// gives "Seleka"): what `common_word_opening` looks a word up in.
pub(super) fn words_inside_sentences(text: &str) -> HashSet<&str> {
    let mut inside = HashSet::new();
    for (at, _) in text.match_indices(' ') {
        if !text
            .slice(..at)
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';'))
        {
            continue;
        }
        let rest = text.slice(at + 1..);
        let token = rest.slice(..rest.find(char::is_whitespace).unwrap_or(rest.len()));
        for (i, c) in token.char_indices() {
            if !c.is_alphanumeric() {
                inside.insert(token.slice(..i));
            }
        }
        inside.insert(token);
    }
    inside
}

/// Words of a title before a person's name ("Deputy Prime Minister", "rebel leader").
pub(super) const NAME_TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Deputy",
    "Foreign",
    "Defence",
    "Defense",
    "Interior",
    "Information",
    "Finance",
    "Secretary",
    "State",
    "General",
    "Gen",
    "Lt",
    "Colonel",
    "Col",
    "Commander",
    "Chief",
    "Chairman",
    "Spokesman",
    "Spokeswoman",
    "Ambassador",
    "Envoy",
    "Special",
    "Senator",
    "Governor",
    "Speaker",
    "King",
    "Queen",
    "Prince",
    "Crown",
    "Emir",
    "Sheikh",
    "Chancellor",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Rebel",
    "Opposition",
    "Army",
    "Negotiator",
    "Mediator",
];

/// A name the gazetteer does not know in the capitalised run `run`, once known names that open
/// it ("Nepali Deputy …") and title words are left out; with whether a title named a person.
/// `None` when a known name stands inside the run or nothing is left.
pub(super) fn unknown_name(
    sentence: &str,
    run: Range<usize>,
    mentions: &[Mention],
) -> Option<(Range<usize>, String, bool)> {
    let mut start = run.start;
    for m in mentions
        .iter()
        .filter(|m| m.range.start < run.end && run.start < m.range.end)
    {
        if m.range.start <= start && m.range.end < run.end {
            // "Yemen's Sunni majority government": a possessive, not a name.
            if sentence.slice(m.range.end..).starts_with(['\'', '’']) {
                return None;
            }
            start = m.range.end;
        } else {
            return None;
        }
    }
    // "rebel leader Ahmed Musa", "spokesman Hassan Sylla": a title in lower case before.
    let mut titled = previous_word(sentence, run.start).is_some_and(|(_, w)| {
        let w = w.to_lowercase();
        NAME_TITLES.iter().any(|t| t.to_lowercase() == w)
            || [
                "leader",
                "spokesman",
                "spokeswoman",
                "envoy",
                "commander",
                "minister",
            ]
            .contains(&w.as_str())
    });
    let mut words = sentence.slice(start..run.end).split(' ').peekable();
    let mut offset = start;
    while let Some(word) = words.peek() {
        let bare = word.trim_end_matches('.');
        if bare.is_empty() || NAME_TITLES.contains(&bare) || CONNECTORS.contains(&bare) {
            titled |= NAME_TITLES.contains(&bare);
            offset += word.len() + 1;
            words.next();
        } else {
            break;
        }
    }
    if offset >= run.end {
        return None;
    }
    let name = sentence.slice(offset..run.end).to_owned();
    Some((offset..run.end, name, titled))
}

/// Titles left out of a proposed actor's name (the annotation checker refuses names that keep
/// them).
pub(super) const TITLES: &[&str] = &[
    "President ",
    "Prime Minister ",
    "Minister ",
    "Foreign Minister ",
    "Secretary ",
    "Ambassador ",
    "General ",
    "Chancellor ",
    "King ",
    "Emir ",
    "Sheikh ",
];

/// A new person for a name the gazetteer does not know, after its title; returns its id.
pub(super) fn propose_person(name: &str, proposed: &mut Vec<Actor>) -> String {
    if let Some(known) = proposed
        .iter()
        .find(|a| a.name == name || a.name.ends_with(&format!(" {name}")))
    {
        return known.id.clone();
    }
    add_proposed(
        name,
        ActorType::Person,
        "Proposed by negkg extract: a person the gazetteer does not know. Check it.",
        proposed,
    )
}

/// The id of a new actor named `name`, as tests/eval/GUIDELINES.md §4 makes it: the name in
/// lower case, every run of characters other than ASCII letters and digits one hyphen, at most
/// 48 characters. A name with no ASCII letter or digit (Cyrillic, Arabic, Chinese) would have
/// an empty id, which no data file takes: it gets `actor-` and the first eight hex digits of
/// the SHA-256 hash of the name instead, the same for the same name.
pub(super) fn new_actor_id(name: &str) -> String {
    let id = slug(name, 48);
    if !id.is_empty() {
        return id;
    }
    let hash = Sha256::digest(name.trim().as_bytes());
    let hex: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("actor-{hex}")
}

/// Adds a proposed actor named `name` (unless one with its id is there already); returns its
/// id.
fn add_proposed(
    name: &str,
    actor_type: ActorType,
    description: &str,
    proposed: &mut Vec<Actor>,
) -> String {
    let id = new_actor_id(name);
    if !proposed.iter().any(|a| a.id == id) {
        proposed.push(Actor {
            id: id.clone(),
            name: name.to_owned(),
            actor_type,
            affiliation: None,
            wikidata: None,
            aliases: Vec::new(),
            members: Vec::new(),
            description: Some(description.into()),
        });
    }
    id
}

/// A new actor for a name the gazetteer does not know (a person when a title precedes it, a
/// group when it names several, else an organisation); returns its id.
pub(super) fn propose_actor(name: &str, proposed: &mut Vec<Actor>) -> String {
    let name = name.trim_start_matches("the ").trim();
    let (actor_type, name) = match TITLES.iter().find(|t| name.starts_with(**t)) {
        Some(title) => (ActorType::Person, name.slice(title.len()..).trim()),
        None if name.contains(" and ") => (ActorType::Group, name),
        None => (ActorType::Organization, name),
    };
    // A surname alone ("De la Calle") names the person introduced in full before.
    if let Some(known) = proposed
        .iter()
        .find(|a| a.name.ends_with(&format!(" {name}")))
    {
        return known.id.clone();
    }
    add_proposed(
        name,
        actor_type,
        "Proposed by negkg extract: a name the gazetteer does not know. Check it.",
        proposed,
    )
}
