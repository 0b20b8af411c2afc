//! Draft claims from article text, in the tradition of dictionary-based event coders: an actor
//! gazetteer with aliases, trigger phrases per claim kind, action words, modality cues and
//! condition openers (all data files users can edit), a sentence splitter that survives quotes
//! and abbreviations, and quote attribution. Deterministic and explainable: every draft claim
//! says which rule produced it and how confident the rule is, and its evidence is the exact
//! text with character offsets into the input. No network, no model.

mod evaluate;
mod lexicon;
mod text;

pub use evaluate::{
    agreement, evaluate, ConfidenceScore, DocumentScore, Evaluation, Score, CONFIDENCE_STEPS,
};
pub use lexicon::Lexicon;

use crate::model::{
    Action, Actor, ActorType, Claim, ClaimKind, Dataset, Date, Evidence, Modality, ObjectRef,
    Source, SourceKind,
};
use lexicon::Entry;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write;
use std::ops::Range;
use text::{floor_boundary, lowercase_in_place, SliceText};

/// What is known about the article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInfo {
    /// Publication date: relative dates ("on Friday", "last week") are resolved against it.
    pub published: Option<Date>,
    /// The publisher's name or actor id.
    pub publisher: Option<String>,
    /// Where the article can be read.
    pub url: Option<String>,
    /// Its title (else the first line of the text).
    pub title: Option<String>,
}

/// One drafted claim with the reviewer's notes.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftClaim {
    /// The claim, in the data model.
    pub claim: Claim,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f64,
    /// The rule that produced it: kind and trigger phrase.
    pub rule: String,
}

/// A draft data file: a source, the new actors and actions it needs, and its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The text the offsets refer to (the input, or the text of an HTML page).
    pub text: String,
    /// The source.
    pub source: Source,
    /// Actors the data does not define yet.
    pub new_actors: Vec<Actor>,
    /// Actions the data does not define yet.
    pub new_actions: Vec<Action>,
    /// The claims.
    pub claims: Vec<DraftClaim>,
}

fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= max {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Character offsets of byte positions, counted on from the last one asked for (the
/// sentences are visited in order, so a long article is counted through once).
#[derive(Default)]
struct CharOffsets {
    byte: usize,
    chars: u64,
}

impl CharOffsets {
    fn at(&mut self, text: &str, byte: usize) -> u64 {
        if byte < self.byte {
            *self = Self::default();
        }
        self.chars += text.slice(self.byte..byte).chars().count() as u64;
        self.byte = byte;
        self.chars
    }
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Resolves "on Friday", "last week", "yesterday" in `sentence` against `published`.
fn resolve_date(sentence: &str, published: Date) -> (Date, Option<String>) {
    let lower = lowercase_in_place(sentence);
    let shift = |days: i64| date_from_days(published.days_since_epoch() - days);
    // 1970-01-01 was a Thursday.
    let weekday_of = |date: Date| ((date.days_since_epoch() + 3).rem_euclid(7)) as usize;
    if let Some(at) = lower.find("last week") {
        let _ = at;
        return (shift(7), Some("last week".into()));
    }
    if lower.contains("yesterday") {
        return (shift(1), Some("yesterday".into()));
    }
    for (index, day) in WEEKDAYS.iter().enumerate() {
        for phrase in [
            format!("on {day}"),
            format!("{day}'s"),
            format!("{day}’s"),
            format!("last {day}"),
        ] {
            if lower.contains(&phrase) {
                let back = (weekday_of(published) + 7 - index) % 7;
                let back = if phrase.starts_with("last") && back == 0 {
                    7
                } else {
                    back
                };
                return (shift(back as i64), Some(phrase));
            }
        }
    }
    (published, None)
}

fn date_from_days(days: i64) -> Date {
    Date::from_days_since_epoch(days)
}

fn contains_word(text: &str, word: &str) -> bool {
    let lower = lowercase_in_place(text);
    let word = word.to_lowercase();
    lower.match_indices(&word).any(|(i, _)| {
        let before = lower.slice(..i).chars().next_back();
        let after = lower.slice(i + word.len()..).chars().next();
        before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric() && c != '\'')
            || word.starts_with("n't")
    })
}

const CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "de", "la", "del", "da", "di", "al", "bin", "van", "von", "der",
    "le",
];
const NOT_NAMES: &[&str] = &[
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
fn proper_nouns(sentence: &str) -> Vec<(Range<usize>, String)> {
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

/// Where in the text an actor is named.
#[derive(Debug, Clone)]
struct Mention {
    range: Range<usize>,
    actor: String,
}

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

fn trim_quote(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = text.slice(range.clone());
    let trimmed_end =
        slice.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    let trimmed =
        trimmed_end.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    let start = range.start + (trimmed_end.len() - trimmed.len());
    start..range.start + trimmed_end.len()
}

/// Cuts a span to at most `words` words, at a word end.
fn limit_words(text: &str, range: Range<usize>, words: usize) -> Range<usize> {
    let slice = text.slice(range.clone());
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == words {
                    return range.start..range.start + i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    range
}

/// Drafts claims from an article. `reference` is the data the article is read against (its
/// actors, places and actions are reused); the text may be plain or HTML.
pub fn extract(input: &str, info: &ArticleInfo, lexicon: &Lexicon, reference: &Dataset) -> Draft {
    let text = if text::looks_like_html(input) {
        text::html_to_text(input)
    } else {
        input.replace("\r\n", "\n")
    };
    let sentences = text::sentences(&text);
    let published = info.published.unwrap_or_else(|| date_from_days(0));
    let title = info.title.clone().unwrap_or_else(|| {
        text.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("untitled")
            .trim()
            .chars()
            .take(200)
            .collect()
    });
    // The publisher: a known actor, or a new organisation named after it.
    let mut new_actor_ids: BTreeSet<String> = BTreeSet::new();
    let mut extra_actors: Vec<Actor> = Vec::new();
    let publisher = match &info.publisher {
        Some(name) => {
            let found = reference.actors.iter().find(|a| {
                a.id == *name
                    || a.name.eq_ignore_ascii_case(name)
                    || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(name))
            });
            match found {
                Some(actor) => actor.id.clone(),
                None => {
                    let id = slug(name, 40);
                    let id = if id.is_empty() {
                        "unknown-publisher".into()
                    } else {
                        id
                    };
                    extra_actors.push(Actor {
                        id: id.clone(),
                        name: name.clone(),
                        actor_type: ActorType::Organization,
                        affiliation: None,
                        wikidata: None,
                        aliases: Vec::new(),
                        members: Vec::new(),
                        description: Some("Publisher added by negkg extract.".into()),
                    });
                    id
                }
            }
        }
        None => {
            extra_actors.push(Actor {
                id: "unknown-publisher".into(),
                name: "Unknown publisher".into(),
                actor_type: ActorType::Organization,
                affiliation: None,
                wikidata: None,
                aliases: Vec::new(),
                members: Vec::new(),
                description: Some("Give the publisher with --publisher.".into()),
            });
            "unknown-publisher".into()
        }
    };
    let source_id = format!("{}-{}", published, slug(&title, 48));
    let source = Source {
        id: slug(&source_id, 80),
        title: title.clone(),
        publisher: publisher.clone(),
        published,
        url: info.url.clone(),
        authors: Vec::new(),
        kind: SourceKind::Article,
    };
    let mut proposed: Vec<Actor> = Vec::new();
    // The author: named in the text ("Statement by …"), else a state or an international
    // body named in the publisher ("U.S. Embassy in Egypt"), not a news organisation.
    let speaker = document_speaker(&text, &sentences, lexicon, &mut proposed).or_else(|| {
        let name = info.publisher.as_deref()?;
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
    });
    let mut claims: Vec<DraftClaim> = Vec::new();
    let mut last_subject: Option<String> = None;
    let mut last_person: Option<String> = None;
    let mut last_speaker: Option<String> = None;
    // The first state, group or organisation named in the last sentence naming one.
    let mut last_party: Option<String> = None;
    // The first holder named as a subject: the author of a statement that never says who
    // it is but speaks as "we".
    let mut first_holder: Option<String> = None;
    let known_places: BTreeSet<&str> = reference.places.iter().map(|p| p.id.as_str()).collect();
    let references = GenericReferences::new(&text, lexicon);
    let mut char_offsets = CharOffsets::default();
    let inside_words = words_inside_sentences(&text);
    for (sentence_index, range) in sentences.iter().enumerate() {
        let sentence = text.slice(range.clone());
        let sentence_chars = char_offsets.at(&text, range.start);
        let entities = lexicon.actors.find(sentence);
        let mut mentions: Vec<Mention> = entities
            .iter()
            .filter_map(|(r, e)| match e {
                Entry::Actor(id) => Some(Mention {
                    range: r.clone(),
                    actor: id.clone(),
                }),
                _ => None,
            })
            .collect();
        // "the rebels", "the government": the group or state the article is about. A longer
        // common noun ("rebel leaders") wins over a shorter name inside it ("leaders"), even when
        // the article names no group for it.
        let unresolved: Vec<Range<usize>> = references.unresolved_within(range.clone()).collect();
        for blocked in &unresolved {
            mentions.retain(|m| {
                !(m.range.start < blocked.end
                    && blocked.start < m.range.end
                    && m.range.len() < blocked.len())
            });
        }
        for generic in references.within(range.clone()) {
            mentions.retain(|m| {
                !(m.range.start >= generic.range.start
                    && m.range.end <= generic.range.end
                    && m.range.len() < generic.range.len())
            });
            if !mentions
                .iter()
                .any(|m| m.range.start < generic.range.end && generic.range.start < m.range.end)
            {
                mentions.push(generic);
            }
        }
        mentions.sort_by_key(|m| m.range.start);
        // "Tigrayan leaders": a common noun the gazetteer knows ("leaders") after a
        // capitalised word inside the sentence is part of another name, not the actor.
        mentions.retain(|m| {
            let written = sentence.slice(m.range.clone());
            written.chars().any(char::is_uppercase)
                || !previous_word(sentence, m.range.start).is_some_and(|(at, w)| {
                    at > 0
                        && w.starts_with(char::is_uppercase)
                        && !NOT_NAMES.contains(&w.trim_end_matches('.'))
                })
        });
        // A title line ("CAR Rebels Agree to Temporary Cease-Fire") repeats the body: no claims.
        let title_line = sentence_index == 0
            && text.slice(range.end..).starts_with("\n\n")
            && !sentence.ends_with(['.', '"', '”']);
        if title_line {
            if let Some(first) = mentions.first() {
                last_subject = Some(first.actor.clone());
            }
            continue;
        }
        let places: Vec<(Range<usize>, String)> = entities
            .iter()
            .filter_map(|(r, e)| match e {
                Entry::Place(id) if known_places.contains(id.as_str()) => {
                    Some((r.clone(), id.clone()))
                }
                _ => None,
            })
            .collect();
        // Action words inside a name ("Rapid Support Forces") are no actions.
        let actions: Vec<_> = lexicon
            .actions
            .find(sentence)
            .into_iter()
            .filter(|(r, _)| {
                !entities
                    .iter()
                    .any(|(e, _)| e.start < r.end && r.start < e.end)
            })
            .collect();
        let triggers = lexicon.triggers.find(sentence);
        // Longest trigger first at each position; one trigger per stretch of words.
        let mut used_until = 0;
        let mut taken = Vec::new();
        for (r, entry) in &triggers {
            if r.start < used_until {
                continue;
            }
            used_until = r.end;
            taken.push((r.clone(), *entry));
        }
        // Triggers that take no position here do not cut the clause of the others.
        taken.retain(|(r, entry)| match entry {
            Entry::Trigger { phrase, verb, .. } => {
                let silent =
                    silent_trigger(sentence, r, phrase) || *verb && silent_verb(sentence, r);
                !silent
                    && (!WEAK_COMMITMENTS.contains(&phrase.as_str())
                        || pledging_modal(sentence, r, &mentions))
            }
            _ => true,
        });
        for (index, (trigger, entry)) in taken.iter().enumerate() {
            let Entry::Trigger {
                kind,
                confidence,
                phrase,
                verb,
            } = entry
            else {
                continue;
            };
            // A verb of saying that introduces another position ("Rubio stressed the United
            // States is deeply troubled") yields to it.
            if *kind == ClaimKind::Statement
                && SPEECH_VERBS.contains(&phrase.to_lowercase().as_str())
                && index + 1 < taken.len()
            {
                continue;
            }
            let lower_phrase = phrase.to_lowercase();
            // "They will continue to have the full support of the United States": a light verb
            // before a nominal position ("support of X") yields to it, whose holder follows.
            if let Some((
                next,
                Entry::Trigger {
                    phrase: next_phrase,
                    ..
                },
            )) = taken.get(index + 1)
            {
                let between = sentence
                    .slice(trigger.end..next.start)
                    .trim()
                    .to_lowercase();
                if next_phrase.ends_with(" of")
                    && ["have the", "has the", "had the", "have", "has", "enjoy the"]
                        .contains(&between.as_str())
                {
                    continue;
                }
            }
            // "insist he must leave", "urged that all parties must": the modal restates the
            // demand already made by the verb before it.
            if *kind == ClaimKind::Demand
                && MODAL_DEMANDS.contains(&phrase.to_lowercase().as_str())
                && taken[..index].iter().any(|(_, e)| {
                    matches!(
                        e,
                        Entry::Trigger {
                            kind: ClaimKind::Demand,
                            ..
                        }
                    )
                })
            {
                continue;
            }
            // "must … be committed to the peace process": the commitment is what the demand
            // before it asks for.
            if *kind == ClaimKind::Commitment
                && previous_word(sentence, trigger.start)
                    .is_some_and(|(_, w)| w.eq_ignore_ascii_case("be"))
                && taken[..index].iter().any(|(_, e)| {
                    matches!(
                        e,
                        Entry::Trigger {
                            kind: ClaimKind::Demand,
                            ..
                        }
                    )
                })
            {
                continue;
            }
            // "peace accords signed in 2007": a participle after the document's name, unless
            // its agent follows ("the plan proposed by Egypt").
            if previous_word(sentence, trigger.start)
                .is_some_and(|(_, w)| DOCUMENT_NOUNS.contains(&w.to_lowercase().as_str()))
                && !agent_follows(sentence, trigger.end)
            {
                continue;
            }
            // "will not", "would not" refuse only with a subject of their own ("it would
            // not", "Congo will not"), not in "the supplies would not end up …".
            if WEAK_REJECTIONS.contains(&phrase.to_lowercase().as_str())
                && !previous_word(sentence, trigger.start).is_some_and(|(at, w)| {
                    ["it", "they", "he", "she", "we", "i"].contains(&w.to_lowercase().as_str())
                        || mentions.iter().any(|m| m.range.end == at + w.len())
                })
            {
                continue;
            }
            // A noun takes a position only with its holder named: right before it ("Hamas's
            // offer", "the US proposal", "their demands for") or as its agent ("a proposal by
            // Egypt"); "discussed a ceasefire proposal" holds none.
            if NOUN_TRIGGERS.contains(&lower_phrase.as_str())
                && !agent_follows(sentence, trigger.end)
                && !previous_word(sentence, trigger.start).is_some_and(|(at, w)| {
                    let w = w.to_lowercase();
                    w.ends_with("'s")
                        || w.ends_with("’s")
                        || w.ends_with(['\'', '’'])
                        || mentions.iter().any(|m| m.range.end == at + w.len())
                })
            {
                continue;
            }
            // "Thank you", "thanks to your teams": courtesy to those present, no position.
            let courtesy = lower_phrase.starts_with("thank")
                && sentence
                    .slice(trigger.end..)
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty() && *w != "to")
                    .is_some_and(|w| ["you", "your"].contains(&w));
            // "Welcome the foreign ministers …": a bare "Welcome" opening a sentence or a
            // speaker's turn greets guests.
            let greeting = sentence.slice(trigger.clone()) == "Welcome"
                && sentence
                    .slice(..trigger.start)
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_none_or(|c| c == ':');
            if courtesy || greeting {
                continue;
            }
            let mut kind = *kind;
            let mut confidence = *confidence;
            // The clause of this trigger ends where the next trigger starts.
            // A noun after a verb ("accepted the Hamas offer of …") is that verb's object and
            // does not end its clause.
            let clause_end = taken[index + 1..]
                .iter()
                .find(|(_, e)| {
                    !matches!(e, Entry::Trigger { phrase, .. }
                        if NOUN_TRIGGERS.contains(&phrase.to_lowercase().as_str()))
                })
                .map_or(sentence.len(), |(r, _)| r.start);
            let before = sentence.slice(..trigger.start);
            let lower_before = lowercase_in_place(before);
            // Holder: the actor named closest before the trigger; "I"/"we" → the author;
            // he/she/they/his → the last subject; otherwise the speaker of a quote.
            // "We, the G7 Foreign Ministers of …, strongly condemn": the pronoun before the
            // apposition is the subject.
            let subject_end = strip_adverbs(before);
            let lead_pronoun = {
                let start = lower_before.trim_start();
                (start.starts_with("we,") || start.starts_with("i,"))
                    && before.slice(..subject_end).ends_with(',')
            };
            // "…, rights that we strongly support": a first-person subject right before the
            // verb is its subject, whatever was named earlier in the sentence.
            let adjacent_first_person =
                last_word(before.slice(..subject_end)).is_some_and(|(at, w)| {
                    ["we", "i"].contains(&w.to_lowercase().as_str())
                        && last_word(before.slice(..at).trim_end())
                            .is_some_and(|(_, r)| RELATIVIZERS.contains(&r.to_lowercase().as_str()))
                });
            // "the United States, as a friend to both Armenia and Azerbaijan, is committed":
            // names in an apposition between commas right before the trigger are not its
            // subject when a name stands before the apposition.
            let apposition = apposition_before(before.slice(..subject_end)).filter(|a| {
                mentions.iter().any(|m| {
                    m.range.end <= a.start && before.slice(m.range.end..a.start).trim().is_empty()
                })
            });
            let holder_mention = mentions.iter().rev().find(|m| {
                !lead_pronoun
                    && !adjacent_first_person
                    && apposition
                        .as_ref()
                        .is_none_or(|a| m.range.end <= a.start || m.range.start >= a.end)
                    && m.range.end <= trigger.start
                    && !is_oblique(sentence, m.range.start, &mentions, lexicon)
                    && !is_possessor(sentence.slice(m.range.end..trigger.start))
            });
            // "“We will …": the pronoun may follow an opening quote.
            let spaced = format!(" {}", lower_before.replace(['“', '"', '‘', '(', '['], " "));
            let pronoun = ["he ", "she ", "they ", "his ", "her ", "their ", "it "]
                .iter()
                .any(|p| spaced.contains(&format!(" {p}")));
            let first_person = lead_pronoun
                || adjacent_first_person
                || [" i ", " our ", " we "].iter().any(|p| spaced.contains(p));
            let mut start_of_quote = trigger.start;
            // "… demanded X and threatened Y": the second verb shares the first one's subject.
            let coordinated = index > 0
                && lower_before.trim_end().ends_with(" and")
                && claims.last().is_some_and(|c: &DraftClaim| {
                    c.claim.note.as_deref() == Some(&sentence_note(sentence_index))
                });
            // "… in Turkey that he himself initiated": a pronoun after the nearest name.
            let pronoun_after_mention = holder_mention.is_some_and(|m| {
                let between = sentence.slice(m.range.end..trigger.start).to_lowercase();
                let personal = [" he ", " she "]
                    .iter()
                    .any(|p| format!(" {between} ").contains(p));
                // "Rebels … say they have agreed": "they" and "it" take up a group or a state.
                let plural = format!(" {between} ").contains(" they ");
                personal || (plural && lexicon.persons.contains(&m.actor))
            });
            // "their readiness to engage", "its commitment to": the nominal form of a position
            // whose holder was named before.
            let possessive = previous_word(sentence, trigger.start)
                .map(|(_, w)| w.to_lowercase())
                .filter(|w| ["their", "its", "his", "her"].contains(&w.as_str()));
            // A name the gazetteer does not know, before the trigger and not in a phrase of
            // place: a candidate holder.
            let unknown = proper_nouns(sentence.slice(..trigger.start))
                .into_iter()
                .rev()
                .filter(|(r, _)| {
                    !is_oblique(sentence, r.start, &mentions, lexicon)
                        && !common_word_opening(sentence, r, &inside_words)
                })
                .find_map(|(r, _)| unknown_name(sentence, r, &mentions))
                .filter(|(_, name, titled)| *titled || !is_common_noun(name));
            // "Spanish Prime Minister Jose Luis Zapatero reacted": a titled name the gazetteer
            // does not know, right after the state named in its title, is the subject, not the
            // state.
            let titled_after_state = unknown.clone().filter(|(r, _, titled)| {
                *titled
                    && holder_mention.is_some_and(|m| {
                        m.range.end <= r.start
                            && sentence
                                .slice(m.range.end..r.start)
                                .split_whitespace()
                                .all(|w| {
                                    let w = w.trim_end_matches('.');
                                    NAME_TITLES.contains(&w)
                                        || [
                                            "leader",
                                            "spokesman",
                                            "spokeswoman",
                                            "envoy",
                                            "minister",
                                        ]
                                        .contains(&w.to_lowercase().as_str())
                                })
                    })
            });
            let holder = if coordinated {
                claims.last().map(|c| c.claim.holder.clone())
            } else if let Some((name_range, name, _)) = titled_after_state {
                confidence *= 0.8;
                start_of_quote = name_range.start;
                Some(propose_person(&name, &mut proposed))
            } else if let Some(word) = possessive.clone().filter(|_| holder_mention.is_none()) {
                confidence *= 0.8;
                if let Some((at, _)) = previous_word(sentence, trigger.start) {
                    start_of_quote = at;
                }
                if word == "his" || word == "her" {
                    last_person.clone().or_else(|| last_subject.clone())
                } else {
                    last_subject.clone()
                }
            } else if pronoun_after_mention {
                confidence *= 0.8;
                mentions
                    .iter()
                    .find(|m| lexicon.persons.contains(&m.actor))
                    .map(|m| m.actor.clone())
                    .or_else(|| last_person.clone())
            } else if let Some(m) = holder_mention.filter(|m| {
                // "Obasanjo told reporters the two sides had agreed": the sides hold it.
                let between = sentence.slice(m.range.end..trigger.start).to_lowercase();
                !(kind == ClaimKind::Agreement
                    && ["the parties", "both sides", "the two sides", "the sides"]
                        .iter()
                        .any(|p| between.contains(p)))
            }) {
                start_of_quote = m.range.start;
                if first_holder.is_none() {
                    first_holder = Some(m.actor.clone());
                }
                Some(m.actor.clone())
            } else if first_person {
                confidence *= 0.9;
                start_of_quote =
                    subject_pronoun_start(before, &["i", "we"]).unwrap_or(start_of_quote);
                // "“I want these talks to resume,” Kony said": inside a quotation "I" and "we"
                // are the one quoted (named in the sentence, else the one last reported as
                // speaking), not the author.
                if inside_quote(sentence, trigger.start) {
                    match quote_speaker(sentence, &mentions) {
                        Some(Some(quoted)) => Some(quoted),
                        Some(None) => last_person.clone().or_else(|| last_subject.clone()),
                        None => unknown_speaker(sentence, &mentions)
                            .map(|name| propose_person(&name, &mut proposed))
                            .or_else(|| last_speaker.clone())
                            .or_else(|| speaker.clone()),
                    }
                } else {
                    speaker.clone()
                }
            } else if pronoun {
                confidence *= 0.8;
                let at = subject_pronoun_start(before, &["he", "she", "they", "it"]);
                start_of_quote = at.unwrap_or(start_of_quote);
                // "he", "she" take up the person last named; "they", "it" a state or group.
                // "it must be in line with the Charter": "it" is no actor before a modal.
                let personal = at.is_some_and(|at| {
                    let word = before.slice(at..).to_lowercase();
                    word.starts_with("he ")
                        || word.starts_with("she ")
                        || (word.starts_with("it ")
                            && MODAL_DEMANDS.contains(&lower_phrase.as_str()))
                });
                // "Rebel leader Ahmed Musa said his movement was ready": a name the gazetteer
                // does not know before the pronoun in the same sentence is what it takes up.
                let pronoun_at = at.unwrap_or_else(|| {
                    ["his ", "her ", "their ", "its "]
                        .iter()
                        .filter_map(|p| lower_before.rfind(p))
                        .max()
                        .unwrap_or(0)
                });
                let named_before = unknown
                    .as_ref()
                    .filter(|(r, _, _)| r.end <= pronoun_at)
                    .map(|(r, name, titled)| {
                        start_of_quote = r.start;
                        if *titled {
                            propose_person(name, &mut proposed)
                        } else {
                            propose_actor(name, &mut proposed)
                        }
                    });
                if named_before.is_some() {
                    named_before
                } else if personal || at.is_none() {
                    last_person.clone().or_else(|| last_subject.clone())
                } else {
                    last_party.clone().or_else(|| last_subject.clone())
                }
            } else if let Some((name_range, name, titled)) = unknown.clone() {
                // A name the gazetteer does not know: propose a new actor (a person when a
                // title names it: "Nepali Deputy Prime Minister KP Oli").
                confidence *= 0.8;
                start_of_quote = name_range.start;
                if titled {
                    Some(propose_person(&name, &mut proposed))
                } else {
                    Some(propose_actor(&name, &mut proposed))
                }
            } else {
                // “…,” X said / said X / according to X, after the trigger; else the author.
                let parties = ["the parties", "both sides", "the two sides", "the sides"]
                    .iter()
                    .any(|p| lower_before.contains(p));
                if parties {
                    // "The parties accepted to halt …": those who agreed before.
                    claims
                        .iter()
                        .rev()
                        .find(|c| c.claim.kind == ClaimKind::Agreement)
                        .map(|c| c.claim.holder.clone())
                } else {
                    // The author speaks for demands and statements without a named subject
                    // ("Humanitarian access must be ensured"), not for others' agreements.
                    attribution(sentence, trigger.end, &mentions)
                        .or_else(|| {
                            // "…,” said Jehan Perera": a speaker the gazetteer does not know.
                            unknown_speaker(sentence, &mentions)
                                .map(|name| propose_person(&name, &mut proposed))
                        })
                        .or_else(|| {
                            matches!(kind, ClaimKind::Demand | ClaimKind::Statement)
                                .then(|| speaker.clone())
                                .flatten()
                        })
                }
            };
            // Passive voice: "endorsed by the Arab League", "agreed to by both sides" — the
            // holder is the agent after "by", and without a named agent there is no claim.
            let next_words = sentence
                .slice(trigger.end..clause_end)
                .trim_start()
                .to_lowercase();
            // "was welcomed by the United Nations": a participle after a form of "be".
            let participle = lower_phrase.ends_with("ed")
                && previous_word(sentence, trigger.start).is_some_and(|(_, w)| {
                    ["was", "were", "been", "is", "are", "be", "being"]
                        .contains(&w.to_lowercase().as_str())
                });
            let passive = matches!(
                kind,
                ClaimKind::Agreement | ClaimKind::Proposal | ClaimKind::Rejection
            ) || participle
                || NOUN_TRIGGERS.contains(&lower_phrase.as_str());
            let next_words = if NOUN_TRIGGERS.contains(&lower_phrase.as_str())
                && next_words.starts_with("from ")
            {
                format!("by {}", next_words.slice("from ".len()..))
            } else {
                next_words
            };
            // "the readiness of the United Nations to support": the holder follows "of".
            let nominal_of = !verb
                && lower_phrase.ends_with(" of")
                && !NOUN_TRIGGERS.contains(&lower_phrase.as_str());
            let holder = if nominal_of {
                start_of_quote = trigger.start;
                mentions
                    .iter()
                    .find(|m| {
                        m.range.start >= trigger.end
                            && m.range.start <= trigger.end + 8
                            && m.range.end <= clause_end
                    })
                    .map(|m| m.actor.clone())
            } else if passive && next_words.starts_with("by ") {
                let by = trigger.end
                    + (sentence.slice(trigger.end..).len()
                        - sentence.slice(trigger.end..).trim_start().len());
                let agent = mentions
                    .iter()
                    .find(|m| {
                        m.range.start >= by && m.range.start <= by + 40 && m.range.end <= clause_end
                    })
                    .map(|m| m.actor.clone());
                // "is deeply troubled by escalation": an adjective, whose subject holds it.
                let adjective = participle
                    && agent.is_none()
                    && !matches!(
                        kind,
                        ClaimKind::Agreement | ClaimKind::Proposal | ClaimKind::Rejection
                    );
                if adjective {
                    holder
                } else {
                    start_of_quote = trigger.start;
                    agent
                }
            } else {
                holder
            };
            // "which the government had accepted, but rebel leaders rejected": a subject the
            // article names no group for is nobody known, not the name before it.
            // "rebel leader Ahmed Musa": a group noun used as a title names the person after it.
            if unresolved.iter().any(|u| {
                u.end <= trigger.start
                    && !sentence
                        .slice(u.end..)
                        .trim_start()
                        .starts_with(|c: char| c.is_uppercase())
                    && holder_mention.is_none_or(|m| m.range.end <= u.start)
                    && !sentence
                        .slice(u.end..trigger.start)
                        .contains([',', ';', ':'])
            }) {
                continue;
            }
            // "Kerry said Russia must withdraw": the subject of a modal demand is the one asked
            // to act; the demand is the reporter's (the one who said it), else the author's.
            let mut modal_addressee = None;
            let holder = match holder_mention.filter(|m| {
                MODAL_DEMANDS.contains(&lower_phrase.as_str())
                    && !coordinated
                    && m.range.end == strip_adverbs(before)
            }) {
                Some(subject) => {
                    modal_addressee = Some(subject.actor.clone());
                    start_of_quote = subject.range.start;
                    match reporting_speaker(sentence, subject.range.start, &mentions, lexicon) {
                        Some(Some(reporter)) => Some(reporter),
                        // A pronoun reports: the one last named.
                        Some(None) => last_person.clone().or_else(|| last_subject.clone()),
                        None => attribution(sentence, trigger.end, &mentions)
                            .or_else(|| {
                                unknown_speaker(sentence, &mentions)
                                    .map(|name| propose_person(&name, &mut proposed))
                            })
                            .or_else(|| {
                                inside_quote(sentence, trigger.start)
                                    .then(|| last_speaker.clone())
                                    .flatten()
                            })
                            .or_else(|| speaker.clone()),
                    }
                    .filter(|h| *h != subject.actor)
                }
                None => holder,
            };
            // A noun's holder is the name right before it ("the Hamas offer", "Egypt's
            // proposal") or its agent ("a proposal by Egypt"), no one further away.
            let noun = NOUN_TRIGGERS.contains(&lower_phrase.as_str());
            let holder = if noun && !agent_follows(sentence, trigger.end) {
                mentions
                    .iter()
                    .find(|m| {
                        m.range.end <= trigger.start
                            && matches!(
                                sentence.slice(m.range.end..trigger.start).trim_end(),
                                "" | "'s" | "’s" | "'" | "’"
                            )
                    })
                    .map(|m| {
                        start_of_quote = m.range.start;
                        m.actor.clone()
                    })
            } else {
                holder
            };
            let Some(mut holder) = holder else { continue };
            // A group that speaks for a state ("his negotiators") voices the state's position.
            let mut voiced_by = None;
            if let Some(affiliation) = reference
                .actors
                .iter()
                .find(|a| a.id == holder && a.actor_type == ActorType::Group)
                .and_then(|a| a.affiliation.clone())
            {
                voiced_by = Some(std::mem::replace(&mut holder, affiliation));
            }
            // A statement needs more than a verb of saying: skip generic ones without an action.
            let after = sentence.slice(trigger.end..clause_end);
            // "accused Machar of a coup attempt": the object follows "of".
            let accusation = phrase.to_lowercase().starts_with("accus");
            let of_at = accusation
                .then(|| after.find(" of ").map(|i| trigger.end + i + 4))
                .flatten();
            let action_match = match of_at {
                Some(at) => actions
                    .iter()
                    .find(|(r, _)| r.start >= at && r.end <= clause_end),
                None => {
                    // Action words inside another trigger ("for the agreements") belong to
                    // that trigger's claim.
                    let free = |r: &Range<usize>| {
                        !taken
                            .iter()
                            .enumerate()
                            .any(|(i, (t, _))| i != index && t.start < r.end && r.start < t.end)
                    };
                    // An agreement's own word ("for the agreements") is not its object when
                    // another action follows ("… on a ceasefire").
                    let from = if kind == ClaimKind::Agreement {
                        trigger.end
                    } else {
                        trigger.start
                    };
                    // Verbs of saying without an evaluation look for their object only in
                    // their own clause.
                    // Past its own clause a claim looks for its object up to the next verb of
                    // saying or evaluating ("encourages the parties …, and reiterates the full
                    // support …" does not take "support"); verbs of saying that evaluate
                    // nothing look only in their own clause.
                    let next_statement = taken[index + 1..]
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
                        .map_or(sentence.len(), |(r, _)| r.start);
                    let reach = if kind == ClaimKind::Statement
                        && !EVALUATIONS.iter().any(|e| lower_phrase.starts_with(e))
                    {
                        clause_end
                    } else {
                        next_statement
                    };
                    // A generic word for a deal ("this agreement") yields to a more telling
                    // action in the same clause ("… humanitarian access").
                    let in_clause: Vec<&(Range<usize>, &Entry)> = actions
                        .iter()
                        .filter(|(r, _)| r.start >= from && r.end <= clause_end && free(r))
                        .collect();
                    let specific = in_clause
                        .iter()
                        .find(|(r, e)| !is_generic_deal(sentence.slice(r.clone()), e))
                        .or_else(|| in_clause.first())
                        .map(|a| &**a);
                    specific
                        .or_else(|| {
                            actions
                                .iter()
                                .find(|(r, _)| r.start >= trigger.start && r.end <= clause_end)
                        })
                        .or_else(|| {
                            actions
                                .iter()
                                .find(|(r, _)| r.start >= trigger.end && r.end <= reach && free(r))
                        })
                        .or_else(|| {
                            // "… and will continue to mobilize assistance": a coordinated verb
                            // names its own object.
                            // Not past a comma: "Eritrea, which was not part of the talks,
                            // dismissed the accusations" does not dismiss talks.
                            (!coordinated)
                                .then(|| {
                                    actions.iter().rev().find(|(r, _)| {
                                        r.end <= trigger.start
                                            && (!sentence.slice(r.end..trigger.start).contains(',')
                                                || (passive && next_words.starts_with("by "))
                                                || object_words(after).is_none())
                                    })
                                })
                                .flatten()
                        })
                }
            };
            // "facilitate humanitarian relief", "the facilitation of humanitarian access": a verb
            // that only eases another action yields to the action it governs.
            let action_match = action_match.map(|found| governed(sentence, &actions, found));
            // A bare "will", or a noun after "its"/"their" ("until its demands were met"),
            // names its action after it, not before.
            if (WEAK_COMMITMENTS.contains(&lower_phrase.as_str())
                || (possessive.is_some() && holder_mention.is_none()))
                && action_match.is_some_and(|(r, _)| r.start < trigger.end)
            {
                continue;
            }
            let action = action_match.and_then(|(_, e)| match e {
                Entry::Action { id, place } => Some((id.clone(), *place)),
                _ => None,
            });
            // "urged an immediate ceasefire …, and for all parties to respect territorial
            // integrity": a second action joined by "and" is a second demand.
            let mut extra_actions: Vec<String> = Vec::new();
            if let Some((first, first_entry)) = action_match.filter(|_| kind == ClaimKind::Demand) {
                // "urges the parties to cease hostilities, ensure humanitarian assistance, the
                // withdrawal of foreign fighters, and address differences through dialogue":
                // each listed action is a demand of its own.
                let mut used_ids: Vec<&str> = entry_action_id(first_entry).into_iter().collect();
                let mut previous_end = first.end;
                for found in actions
                    .iter()
                    .filter(|(r, _)| r.start >= first.end && r.end <= clause_end)
                {
                    let word_start = found.0.start;
                    if word_start < previous_end {
                        continue;
                    }
                    let (r, e) = governed(sentence, &actions, found);
                    let Some(id) = entry_action_id(e) else {
                        continue;
                    };
                    let between = sentence.slice(previous_end..word_start);
                    previous_end = r.end;
                    if used_ids.contains(&id) || is_generic_deal(sentence.slice(r.clone()), e) {
                        continue;
                    }
                    if joined_by_and(between) || listed_after_comma(between) {
                        used_ids.push(id);
                        extra_actions.push(id.to_owned());
                    }
                }
            }
            let passive_subject = (passive
                && !NOUN_TRIGGERS.contains(&lower_phrase.as_str())
                && next_words.starts_with("by "))
            .then(|| object_words_in(sentence.slice(..trigger.start)))
            .flatten()
            .map(|w| w.split('-').next().unwrap_or_default().to_owned());
            let action = match (action, of_at, passive_subject) {
                (None, Some(at), _) => {
                    object_words(sentence.slice(at..clause_end)).map(|w| (w, false))
                }
                // "The plan … was endorsed by X": the object is the subject.
                (None, None, Some(subject)) if !subject.is_empty() => Some((subject, false)),
                (action, _, _) => action,
            };
            // Without an action word, a strong trigger still names its object: the first words
            // after it ("calling for the replacement of the government" → replacement).
            let weak = MODAL_DEMANDS.contains(&phrase.to_lowercase().as_str())
                || ["wants", "wanted"].contains(&phrase.to_lowercase().as_str());
            let evaluation = EVALUATIONS.iter().any(|e| lower_phrase.starts_with(e));
            let action = action.or_else(|| {
                ((kind != ClaimKind::Statement || evaluation) && !weak && !noun)
                    .then(|| object_words(after))
                    .flatten()
                    .map(|words| {
                        confidence *= 0.8;
                        (words, false)
                    })
            });
            let Some((action, place_action)) = action else {
                continue;
            };
            // "Russia will propose and is ready to work on a memorandum": one position.
            if coordinated
                && claims.last().is_some_and(|c| {
                    c.claim.action == action
                        && c.claim.holder == holder
                        && c.claim.kind != ClaimKind::Statement
                })
            {
                continue;
            }
            // Announcing money is pledging it.
            if phrase.eq_ignore_ascii_case("announced")
                && (after.contains('$') || after.contains(" million") || after.contains(" billion"))
            {
                kind = ClaimKind::Commitment;
            }
            // "ready to" with a hosting action is an offer; "must" is a demand only without
            // a first person before it.
            if kind == ClaimKind::Commitment && action == "hosting" {
                kind = ClaimKind::Offer;
            }
            if phrase.eq_ignore_ascii_case("agreed") && lower_before.ends_with("not ") {
                kind = ClaimKind::Rejection;
            }
            let addressee = modal_addressee.or_else(|| {
                mentions
                    .iter()
                    .find(|m| {
                        m.range.start >= trigger.end
                            && m.range.end <= clause_end
                            && m.actor != holder
                    })
                    .map(|m| m.actor.clone())
            });
            let claim_places: Vec<String> = places
                .iter()
                .filter(|(r, _)| r.start >= trigger.end && r.end <= clause_end)
                .map(|(_, id)| id.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            // Condition: an opener after the trigger, to the end of the clause.
            let lower_after = lowercase_in_place(after);
            let condition = lexicon
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
                });
            // Modality from cues near the trigger.
            let window_start = trigger.start.saturating_sub(24);
            let window_start = (0..=window_start)
                .rev()
                .find(|i| sentence.is_char_boundary(*i))
                .unwrap_or(0);
            let near_before = sentence.slice(window_start..trigger.start);
            // "said it would not negotiate": a negation right after the trigger.
            let negated_after = ["not ", "never ", "no longer "]
                .iter()
                .any(|n| after.trim_start().to_lowercase().starts_with(n));
            let modality = if (negated_after
                || lexicon
                    .negated
                    .iter()
                    .any(|w| contains_word(near_before, w)))
                && kind != ClaimKind::Rejection
            {
                Modality::Negated
            } else if condition.is_some()
                || lexicon
                    .hypothetical
                    .iter()
                    .any(|w| contains_word(&lower_after, w))
            {
                Modality::Hypothetical
            } else if lexicon
                .hedged
                .iter()
                .any(|w| contains_word(sentence.slice(window_start..clause_end), w))
            {
                Modality::Hedged
            } else if lexicon.future.iter().any(|w| contains_word(near_before, w)) {
                Modality::Future
            } else {
                Modality::Asserted
            };
            if modality == Modality::Negated && kind == ClaimKind::Commitment {
                kind = ClaimKind::Rejection;
            }
            let (stated_on, stated_on_text) = resolve_date(sentence, published);
            // "A permanent ceasefire must be secured": the evidence starts with what must be done.
            if MODAL_DEMANDS.contains(&phrase.to_lowercase().as_str()) {
                let clause_start = before.rfind([',', ';', ':']).map_or(0, |i| i + 1);
                start_of_quote = start_of_quote.min(clause_start);
            }
            // Evidence: from the holder's mention (or the trigger) to the end of the clause.
            let quote_range = trim_quote(sentence, start_of_quote.min(trigger.start)..clause_end);
            let quote_range = limit_words(sentence, quote_range, 30);
            let absolute = range.start + quote_range.start..range.start + quote_range.end;
            let quote = text.slice(absolute.clone()).to_owned();
            if quote.is_empty() {
                continue;
            }
            let direct_quote = sentence.contains('“') || sentence.contains('"');
            let reported_by = if direct_quote || Some(&holder) == speaker.as_ref() {
                holder.clone()
            } else {
                publisher.clone()
            };
            if lexicon.new_actors.contains_key(&holder) {
                new_actor_ids.insert(holder.clone());
            }
            if let Some(a) = &addressee {
                if lexicon.new_actors.contains_key(a) {
                    new_actor_ids.insert(a.clone());
                }
            }
            if lexicon.new_actors.contains_key(&reported_by) {
                new_actor_ids.insert(reported_by.clone());
            }
            let holder_name = lexicon
                .names
                .get(&holder)
                .cloned()
                .unwrap_or_else(|| holder.clone());
            let action_name = action.replace('-', " ");
            let label = format!("{holder_name}: {} ({action_name})", kind.as_str());
            let id = format!(
                "{}-{}-{}-{}",
                source
                    .id
                    .chars()
                    .take(40)
                    .collect::<String>()
                    .trim_end_matches('-'),
                slug(&holder, 20),
                kind.as_str(),
                claims.len() + 1
            );
            let _ = place_action;
            claims.push(DraftClaim {
                claim: Claim {
                    id: slug(&id, 100),
                    source: source.id.clone(),
                    kind,
                    holder: holder.clone(),
                    voiced_by,
                    addressees: addressee.into_iter().collect(),
                    action: action.clone(),
                    issues: Vec::new(),
                    places: claim_places,
                    events: Vec::new(),
                    object: None,
                    stated_on: Some(stated_on),
                    stated_on_text,
                    stated_before: None,
                    valid_from: None,
                    valid_until: None,
                    duration: None,
                    modality,
                    condition,
                    conditional_on: Vec::new(),
                    responds_to: Vec::new(),
                    supersedes: Vec::new(),
                    contradicts: Vec::new(),
                    plover: None,
                    plover_mode: None,
                    label,
                    note: Some(format!(
                        "Drafted by negkg extract from sentence {}; review it.",
                        sentence_index + 1
                    )),
                    evidence: vec![Evidence {
                        quote,
                        source: source.id.clone(),
                        reported_by,
                        start: Some(
                            sentence_chars
                                + text.slice(range.start..absolute.start).chars().count() as u64,
                        ),
                        end: Some(
                            sentence_chars
                                + text.slice(range.start..absolute.end).chars().count() as u64,
                        ),
                    }],
                },
                confidence: (confidence * 100.0).round() / 100.0,
                rule: format!("{}/\"{}\"", entry_kind_name(entry), phrase),
            });
            let base = claims.len() - 1;
            for second in extra_actions {
                let mut extra = claims[base].clone();
                extra.claim.id = format!("{}-{}", extra.claim.id, slug(&second, 30));
                extra.claim.label = format!(
                    "{holder_name}: {} ({})",
                    kind.as_str(),
                    second.replace('-', " ")
                );
                extra.claim.action = second;
                extra.confidence = (extra.confidence * 0.9 * 100.0).round() / 100.0;
                claims.push(extra);
            }
        }
        // Remember who spoke last ("…, Kony said"), for a quotation in the next sentences.
        let mut unknown_person = None;
        match quote_speaker(sentence, &mentions) {
            Some(Some(quoted)) => last_speaker = Some(quoted),
            Some(None) => last_speaker = last_person.clone().or_else(|| last_subject.clone()),
            None => {
                if let Some(name) = unknown_speaker(sentence, &mentions) {
                    let id = propose_person(&name, &mut proposed);
                    last_speaker = Some(id.clone());
                    unknown_person = Some(id);
                } else if let Some(reporter) = attribution(sentence, 0, &mentions) {
                    last_speaker = Some(reporter);
                }
            }
        }
        if let Some(party) = mentions
            .iter()
            .find(|m| !lexicon.persons.contains(&m.actor))
        {
            last_party = Some(party.actor.clone());
        }
        // Remember who the sentence was about, for pronouns in the next one.
        if let Some(first) = mentions.first() {
            last_subject = Some(first.actor.clone());
        }
        if let Some(person) = mentions.iter().find(|m| lexicon.persons.contains(&m.actor)) {
            last_person = Some(person.actor.clone());
        }
        // "…,” said Jehan Perera. “…,” he said": "he" takes up the unknown speaker.
        if unknown_person.is_some() {
            last_person = unknown_person;
        }
    }
    // One claim per holder, kind and action in the document, as analysts record positions:
    // a position said twice keeps its first, usually fullest, statement.
    let mut seen = BTreeSet::new();
    claims.retain(|c| seen.insert((c.claim.holder.clone(), c.claim.kind, c.claim.action.clone())));
    let known_actions: BTreeSet<&str> = reference.actions.iter().map(|a| a.id.as_str()).collect();
    let new_actions: Vec<Action> = claims
        .iter()
        .map(|c| c.claim.action.clone())
        .filter(|a| !known_actions.contains(a.as_str()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|id| Action {
            name: id.replace('-', " "),
            id,
            description: Some("Added by negkg extract.".into()),
        })
        .collect();
    let mut new_actors = extra_actors;
    let used: BTreeSet<&str> = claims
        .iter()
        .flat_map(|c| {
            std::iter::once(c.claim.holder.as_str())
                .chain(c.claim.evidence.iter().map(|e| e.reported_by.as_str()))
                .chain(c.claim.addressees.iter().map(String::as_str))
        })
        .collect();
    new_actors.extend(
        proposed
            .iter()
            .filter(|a| used.contains(a.id.as_str()))
            .cloned(),
    );
    for id in new_actor_ids {
        if let Some(actor) = lexicon.new_actors.get(&id) {
            new_actors.push(Actor {
                id: actor.id.clone(),
                name: actor.name.clone(),
                actor_type: ActorType::from_keyword(&actor.actor_type)
                    .unwrap_or(ActorType::Organization),
                affiliation: None,
                wikidata: None,
                aliases: actor.aliases.clone(),
                members: Vec::new(),
                description: Some("From the extraction lexicon.".into()),
            });
        }
    }
    // A publisher already added stays once.
    let mut ids = BTreeSet::new();
    new_actors
        .retain(|a| ids.insert(a.id.clone()) && !reference.actors.iter().any(|r| r.id == a.id));
    Draft {
        text,
        source,
        new_actors,
        new_actions,
        claims,
    }
}

/// Nouns naming a document: a trigger right after one is a participle ("accords signed").
const DOCUMENT_NOUNS: &[&str] = &[
    "accord",
    "accords",
    "agreement",
    "agreements",
    "deal",
    "deals",
    "plan",
    "plans",
    "proposal",
    "proposals",
    "treaty",
    "document",
    "documents",
    "paper",
    "truce",
    "ceasefire",
    "cease-fire",
    "memorandum",
    "communique",
    "communiqué",
    "resolution",
    "roadmap",
    "declaration",
    "declarations",
    "protocol",
    "protocols",
    "framework",
    "arrangement",
    "arrangements",
    "understanding",
];

/// Whether a trigger takes no position where it stands: a verb after an article is a noun
/// or an adjective, the object of another position ("welcomes the calls for a ceasefire",
/// "the requested role"); "announced" takes a position only when it announces money.
fn silent_trigger(sentence: &str, range: &Range<usize>, phrase: &str) -> bool {
    let lower_phrase = phrase.to_lowercase();
    if previous_word(sentence, range.start)
        .is_some_and(|(_, w)| ["the", "a", "an"].contains(&w.to_lowercase().as_str()))
        && !NOMINAL_TRIGGERS.iter().any(|n| lower_phrase.starts_with(n))
        && !(NOUN_TRIGGERS.contains(&lower_phrase.as_str()) && agent_follows(sentence, range.end))
    {
        return true;
    }
    if lower_phrase == "announced" {
        let rest = sentence.slice(range.end..);
        let rest = rest.slice(..floor_boundary(rest, 60));
        return !(rest.contains('$') || rest.contains(" million") || rest.contains(" billion"));
    }
    false
}

/// Whether a verb from a verb class takes no position of its own where it stands: as the
/// infinitive another verb governs ("urged the parties to accept", "failed to sign", "willing
/// to lift"), after a modal of demand ("Russia must withdraw", asked of it, not offered),
/// negated ("does not cede"), or inside a condition ("should Ukraine refuse", "if
/// the rebels withdraw", "until a ceasefire is declared").
fn silent_verb(sentence: &str, range: &Range<usize>) -> bool {
    if previous_word(sentence, range.start).is_some_and(|(_, w)| {
        ["to", "not", "never", "n't", "cannot", "must", "should"]
            .contains(&w.to_lowercase().as_str())
            || w.to_lowercase().ends_with("n't")
    }) {
        return true;
    }
    let clause_start = sentence
        .slice(..range.start)
        .rfind([',', ';', ':', '—', '–'])
        .map_or(0, |i| i + 1);
    let words: Vec<String> = sentence
        .slice(clause_start..range.start)
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if words
        .iter()
        .any(|w| ["if", "unless", "until", "whether", "once"].contains(&w.as_str()))
    {
        return true;
    }
    // "should Ukraine refuse": "should" two words before, a name between.
    words.len() >= 2
        && words[words.len() - 2] == "should"
        && sentence
            .slice(..range.start)
            .split_whitespace()
            .next_back()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Triggers that are nouns whose holder may follow as an agent ("a proposal by Egypt", "an
/// offer from Hamas").
const NOUN_TRIGGERS: &[&str] = &[
    "proposal",
    "proposals",
    "proposal for",
    "proposal to",
    "proposals for",
    "offer of",
    "offers of",
    "demand for",
    "demands for",
    "rejection of",
];

/// Whether an agent ("by X", "from X") follows the word ending at `end`.
fn agent_follows(sentence: &str, end: usize) -> bool {
    let rest = sentence.slice(end..).trim_start().to_lowercase();
    rest.starts_with("by ") || rest.starts_with("from ")
}

/// Triggers that are nouns and may follow an article ("the readiness of", "an urgent need").
const NOMINAL_TRIGGERS: &[&str] = &[
    "readiness",
    "willingness",
    "commitment",
    "urgent need",
    "need",
    "decision",
    "intention",
    "positive response",
    "for the agreement",
];

/// Statement triggers that evaluate (and so take a position even without an action word).
const EVALUATIONS: &[&str] = &[
    "welcom",
    "commend",
    "condemn",
    "congratulat",
    "deplor",
    "appreciat",
    "thank",
    "prais",
    "hail",
];

/// Commitment triggers that pledge only with a subject of their own in reported speech.
const WEAK_COMMITMENTS: &[&str] = &["will", "would"];

/// Verbs of a party's own conduct that a bare "will"/"would" pledges ("would release").
const PLEDGED_VERBS: &[&str] = &[
    "release",
    "free",
    "withdraw",
    "pull",
    "sign",
    "attend",
    "join",
    "participate",
    "resume",
    "return",
    "respect",
    "honour",
    "honor",
    "abide",
    "implement",
    "observe",
    "halt",
    "stop",
    "cease",
    "hand",
    "open",
    "allow",
    "disarm",
    "lay",
    "provide",
    "send",
    "lift",
    "extend",
];

/// Whether a bare "will"/"would" at `range` pledges: "He added that the rebels would release
/// all prisoners", "“We will sign,” he said", "we will provide": an actor or a pronoun as its
/// subject (in reported speech or a quotation unless it is the author's "we"), and a verb of
/// the party's own conduct after it.
fn pledging_modal(sentence: &str, range: &Range<usize>, mentions: &[Mention]) -> bool {
    let next = sentence
        .slice(range.end..)
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    if !PLEDGED_VERBS.contains(&next.as_str()) {
        return false;
    }
    let Some((at, word)) = previous_word(sentence, range.start) else {
        return false;
    };
    let word = word.to_lowercase();
    if ["we", "i"].contains(&word.as_str()) {
        return true;
    }
    let subject = ["he", "she", "they", "it"].contains(&word.as_str())
        || mentions.iter().any(|m| m.range.end == at + word.len());
    let reported = inside_quote(sentence, range.start)
        || sentence
            .slice(..range.start)
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| REPORTING_VERBS.contains(&w) || QUOTE_VERBS.contains(&w));
    subject && reported
}

/// Rejection triggers that need a subject of their own.
const WEAK_REJECTIONS: &[&str] = &["will not", "would not", "won't"];

/// Bodies that speak for the actor whose name they follow ("Russia's delegation").
const SPEAKING_BODIES: &[&str] = &[
    "government",
    "delegation",
    "negotiators",
    "negotiator",
    "foreign",
    "ministry",
    "army",
    "military",
    "forces",
    "president",
    "leader",
    "leaders",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "office",
    "side",
    "team",
    "representatives",
    "envoy",
    "cabinet",
    "prime",
    "minister",
    "officials",
    "authorities",
    "security",
];

/// Adverbs and auxiliaries between a subject and its verb ("we strongly", "it has also").
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "also", "further", "again", "still", "now", "too", "very", "once", "always", "all", "both",
    "have", "has", "had", "will", "would", "are", "is", "am", "was", "were", "do", "does", "did",
    "can", "could", "shall", "should", "continue", "to",
];

/// Whether a one-word "name" opening the sentence ("Regional mediators hope …") is only a
/// capitalised common word: the text never writes it with a capital inside a sentence.
fn common_word_opening(sentence: &str, range: &Range<usize>, inside: &HashSet<&str>) -> bool {
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
fn words_inside_sentences(text: &str) -> HashSet<&str> {
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

/// Verbs that report what someone said, before the clause they report.
const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "stressed", "stresses", "insisted",
    "insists", "warned", "warns", "argued", "argues", "stated", "states", "noted", "notes",
    "declared", "declares", "believes", "believed", "thinks", "thought",
];

/// The one who reports the clause starting at `at` ("Kerry said [Russia must …]"): `None`
/// without a verb of saying right before the clause; `Some(None)` when a pronoun reports;
/// else the actor named before the verb.
fn reporting_speaker(
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

/// Words that open a relative or complement clause with a subject of its own ("rights that
/// we support").
const RELATIVIZERS: &[&str] = &["that", "which", "who", "whom", "what", "because"];

/// The end of `before` once adverbs and auxiliaries right before the verb are left out.
fn strip_adverbs(before: &str) -> usize {
    let mut end = before.trim_end().len();
    while let Some((at, word)) = last_word(before.slice(..end)) {
        let lower = word.to_lowercase();
        if (lower.ends_with("ly") && lower.len() > 4)
            || BETWEEN_SUBJECT_AND_VERB.contains(&lower.as_str())
        {
            end = before.slice(..at).trim_end().len();
        } else {
            break;
        }
    }
    end
}

/// The last word of `text` when it ends with one (no punctuation after it), and its start.
fn last_word(text: &str) -> Option<(usize, &str)> {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < text.len()).then(|| (start, text.slice(start..)))
}

/// The span of an apposition set off by commas at the end of `before` (", as a friend to
/// both,"), from its opening comma to its closing one.
fn apposition_before(before: &str) -> Option<Range<usize>> {
    let trimmed = before.trim_end();
    let close = trimmed.strip_suffix(',')?.len();
    let open = trimmed.slice(..close).rfind([',', ';', ':'])?;
    (trimmed.as_bytes()[open] == b',').then_some(open..close + 1)
}

/// Whether the text between a name and the trigger starts with a possessive of something
/// that does not speak for the name ("Mr. Assad's role is not up for debate").
fn is_possessor(between: &str) -> bool {
    let Some(rest) = between
        .strip_prefix("'s ")
        .or_else(|| between.strip_prefix("’s "))
    else {
        return false;
    };
    // "Hamas's offer", "the rebels' latest demand": the trigger right after the possessive
    // (an adjective or two between) is the possessor's own position.
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.len() <= 1 && words.iter().all(|w| w.chars().all(char::is_lowercase)) {
        return false;
    }
    let next = words.first().copied().unwrap_or("").to_lowercase();
    !SPEAKING_BODIES.contains(&next.as_str())
}

/// Words skipped before the object of a trigger.
const FILLERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "to", "that", "for", "on", "upon", "of", "all",
    "any", "be", "have", "been", "some", "further", "and", "or",
];

/// The first one or two words after a trigger, as an action id ("replacement").
fn object_words(after: &str) -> Option<String> {
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

/// Where the last of `pronouns` stands as a word in `before` (the text before a trigger).
fn subject_pronoun_start(before: &str, pronouns: &[&str]) -> Option<usize> {
    let mut best = None;
    let mut position = 0;
    for word in before.split(' ') {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if pronouns.contains(&bare.to_lowercase().as_str()) {
            best = Some(
                position
                    + (word.len()
                        - word
                            .trim_start_matches(|c: char| !c.is_alphanumeric())
                            .len()),
            );
        }
        position += word.len() + 1;
    }
    best
}

/// Demand triggers that only restate a demand made by a verb before them.
const MODAL_DEMANDS: &[&str] = &["must", "must be", "need to", "needs to"];

/// Words that put the name after them in a prepositional phrase or after a participle: such a
/// name is not the subject holding the position ("Rebels in the Central African Republic
/// say …", "Rebels fighting Syrian President Bashar al-Assad insist …").
const OBLIQUE_BEFORE: &[&str] = &[
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

/// The word that ends right before `end` (only spaces between), with its start.
fn previous_word(sentence: &str, end: usize) -> Option<(usize, &str)> {
    let head = sentence.slice(..end).trim_end_matches(' ');
    if head.len() == end && end > 0 {
        // No space: punctuation or the start of the sentence is right before the name.
        return None;
    }
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < head.len()).then(|| (start, head.slice(start..)))
}

/// Whether the name starting at `start` sits in a prepositional phrase (skipping "the",
/// titles, and a demonym before a title: "fighting Syrian President Bashar al-Assad").
fn is_oblique(sentence: &str, start: usize, mentions: &[Mention], lexicon: &Lexicon) -> bool {
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

/// Offices that name the government of the state before them ("Sri Lankan officials").
const STATE_OFFICES: &[&str] = &[
    "president",
    "prime minister",
    "deputy prime minister",
    "vice president",
    "officials",
    "authorities",
    "army",
    "military",
    "armed forces",
    "cabinet",
];

/// Group nouns too general to hide the names inside them when no group is named.
const WEAK_GROUP_NOUNS: &[&str] = &["the group", "the movement", "the fighters"];

/// "The rebels", "the government" and the like, resolved to the group or the state the
/// article names for them: the group named last before (else first in the article), the
/// state whose government was named last before ("Yemen's government", "the Syrian
/// government"; else the first such in the article).
struct GenericReferences {
    found: Vec<Mention>,
    /// Common nouns for a group ("rebel leaders") that no named group takes up.
    unresolved: Vec<Range<usize>>,
}

impl GenericReferences {
    fn new(text: &str, lexicon: &Lexicon) -> Self {
        let all: Vec<Mention> = lexicon
            .actors
            .find(text)
            .into_iter()
            .filter_map(|(r, e)| match e {
                Entry::Actor(id) => Some(Mention {
                    range: r,
                    actor: id.clone(),
                }),
                _ => None,
            })
            .collect();
        // ASCII lower-casing keeps every byte offset.
        let lower = text.to_ascii_lowercase();
        let bounded = |at: usize, len: usize| {
            text.slice(..at)
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
                && text
                    .slice(at + len..)
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        };
        // Governments named with their state.
        let mut governments: Vec<(usize, String)> = Vec::new();
        let mut bare: Vec<Range<usize>> = Vec::new();
        {
            for (at, _) in lower.match_indices("government") {
                if !bounded(at, "government".len()) {
                    continue;
                }
                let until = all.partition_point(|m| m.range.start < at);
                let state = all[until.saturating_sub(3)..until].iter().find(|m| {
                    lexicon.states.contains(&m.actor)
                        && m.range.end <= at
                        && matches!(text.slice(m.range.end..at), " " | "'s " | "’s ")
                });
                // "the government of Nepal": the state named right after it.
                let next = all.partition_point(|m| m.range.start < at + 10);
                let of_state = all[next..].iter().take(2).find(|m| {
                    lexicon.states.contains(&m.actor)
                        && matches!(text.slice(at + 10..m.range.start), " of " | " of the ")
                });
                match state.or(of_state) {
                    Some(m) => governments.push((at, m.actor.clone())),
                    None if lower.slice(..at).ends_with("the ") => bare.push(at - 4..at + 10),
                    None => {}
                }
            }
            // "Nepali Deputy Prime Minister KP Oli", "Sri Lankan officials": without a state
            // named with its government, a state named with those who govern it.
            let mut offices = Vec::new();
            for m in all.iter().filter(|m| lexicon.states.contains(&m.actor)) {
                let after = lower.slice(m.range.end..);
                let Some(rest) = after
                    .strip_prefix("'s ")
                    .or_else(|| after.strip_prefix("’s "))
                    .or_else(|| after.strip_prefix(' '))
                else {
                    continue;
                };
                if STATE_OFFICES.iter().any(|o| {
                    rest.strip_prefix(o)
                        .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
                }) {
                    offices.push((m.range.end, m.actor.clone()));
                }
            }
            if governments.is_empty() {
                governments = offices;
            }
        }
        // Without any state named with its government, "the government" is the state the
        // article names most often (the first of those named equally often).
        if governments.is_empty() && !bare.is_empty() {
            let mut counts: Vec<(String, usize, usize)> = Vec::new();
            for m in all.iter().filter(|m| lexicon.states.contains(&m.actor)) {
                match counts.iter_mut().find(|(id, _, _)| *id == m.actor) {
                    Some(entry) => entry.1 += 1,
                    None => counts.push((m.actor.clone(), 1, m.range.start)),
                }
            }
            if let Some((id, _, at)) = counts
                .iter()
                .max_by_key(|(_, n, first)| (*n, std::cmp::Reverse(*first)))
            {
                governments.push((*at, id.clone()));
            }
        }
        let mut found = Vec::new();
        let mut unresolved = Vec::new();
        for range in bare {
            let state = governments
                .iter()
                .rev()
                .find(|(at, _)| *at < range.start)
                .or_else(|| governments.first())
                .map(|(_, id)| id.clone());
            if let Some(actor) = state {
                found.push(Mention { range, actor });
            }
        }
        {
            for noun in &lexicon.group_nouns {
                let noun = noun.to_ascii_lowercase();
                for (at, _) in lower.match_indices(&noun) {
                    if !bounded(at, noun.len()) {
                        continue;
                    }
                    let group = all
                        .iter()
                        .rev()
                        .find(|m| m.range.end <= at && lexicon.groups.contains(&m.actor))
                        .or_else(|| all.iter().find(|m| lexicon.groups.contains(&m.actor)))
                        .map(|m| m.actor.clone());
                    match group {
                        Some(actor) => found.push(Mention {
                            range: at..at + noun.len(),
                            actor,
                        }),
                        // "the group", "the movement" may name anything: unresolved, they
                        // hide nothing.
                        None if WEAK_GROUP_NOUNS.contains(&noun.as_str()) => {}
                        None => unresolved.push(at..at + noun.len()),
                    }
                }
            }
        }
        for noun in &lexicon.title_nouns {
            let bare = noun.trim_start_matches("the ").to_owned();
            let noun = noun.to_ascii_lowercase();
            for (at, _) in lower.match_indices(&noun) {
                if !bounded(at, noun.len()) {
                    continue;
                }
                // The person named last before with this title just before the name.
                let person = all.iter().rev().find(|m| {
                    m.range.end <= at
                        && lexicon.persons.contains(&m.actor)
                        && text
                            .slice(
                                floor_boundary(text, m.range.start.saturating_sub(48))
                                    ..m.range.start,
                            )
                            .contains(bare.as_str())
                });
                if let Some(m) = person {
                    found.push(Mention {
                        range: at..at + noun.len(),
                        actor: m.actor.clone(),
                    });
                }
            }
        }
        // "Ashraf Ghani … Ghani said": a person named in full is named by surname after. One
        // pass over the text for all surnames keeps this linear.
        let mut surnames: Vec<(String, String, usize)> = Vec::new();
        for m in all.iter().filter(|m| lexicon.persons.contains(&m.actor)) {
            let full = text.slice(m.range.clone());
            let Some(surname) = full.split(' ').nth(1).and(full.rsplit(' ').next()) else {
                continue;
            };
            if surname.chars().count() < 3
                || !surname.starts_with(char::is_uppercase)
                || surnames.iter().any(|(s, _, _)| s == surname)
            {
                continue;
            }
            surnames.push((surname.to_owned(), m.actor.clone(), m.range.end));
        }
        if let Ok(automaton) = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(surnames.iter().map(|(s, _, _)| s.as_str()))
        {
            for found_surname in automaton.find_iter(text) {
                let (_, actor, after) = &surnames[found_surname.pattern().as_usize()];
                let at = found_surname.start();
                // Known mentions are sorted by start: the last few starting at or before `at`
                // are those that may cover it.
                let until = all.partition_point(|o| o.range.start <= at);
                let covered = all[until.saturating_sub(3)..until]
                    .iter()
                    .any(|o| o.range.end > at);
                if at >= *after && bounded(at, found_surname.len()) && !covered {
                    found.push(Mention {
                        range: at..found_surname.end(),
                        actor: actor.clone(),
                    });
                }
            }
        }
        found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
        // Longest first at one place; no overlaps.
        let mut kept: Vec<Mention> = Vec::new();
        for m in found {
            if kept.last().is_none_or(|k| k.range.end <= m.range.start) {
                kept.push(m);
            }
        }
        unresolved.sort_by_key(|r| r.start);
        Self {
            found: kept,
            unresolved,
        }
    }

    /// The unresolved group nouns inside `range` of the text, with offsets into that range.
    fn unresolved_within(&self, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        // Sorted by start: a binary search finds the sentence's share.
        let from = self.unresolved.partition_point(|r| r.start < range.start);
        self.unresolved[from..]
            .iter()
            .take_while(move |r| r.start < range.end)
            .filter(move |r| r.end <= range.end)
            .map(move |r| r.start - range.start..r.end - range.start)
    }

    /// The references inside `range` of the text, with offsets into that range.
    fn within(&self, range: Range<usize>) -> impl Iterator<Item = Mention> + '_ {
        let from = self.found.partition_point(|m| m.range.start < range.start);
        self.found[from..]
            .iter()
            .take_while(move |m| m.range.start < range.end)
            .filter(move |m| m.range.end <= range.end)
            .map(move |m| Mention {
                range: m.range.start - range.start..m.range.end - range.start,
                actor: m.actor.clone(),
            })
    }
}

/// Statement triggers that report speech rather than take a position themselves.
const SPEECH_VERBS: &[&str] = &[
    "said the",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "emphasizes",
    "underscored",
    "underlined",
    "reiterated",
    "reiterates",
    "reiterate",
    "announced",
    "described",
    "expressed",
    "expresses",
];

const TITLES: &[&str] = &[
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

/// The speaker of a quote: the actor named just before "said"/"added"/"told" after the
/// quote, or just after it ("said Mr X"), or after "according to".
fn attribution(sentence: &str, after: usize, mentions: &[Mention]) -> Option<String> {
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
fn inside_quote(sentence: &str, at: usize) -> bool {
    let head = sentence.slice(..at);
    let opening = head.matches('“').count();
    let closing = head.matches('”').count();
    opening > closing || head.matches('"').count() % 2 == 1
}

/// Verbs that attribute a quotation to its speaker.
const QUOTE_VERBS: &[&str] = &[
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
fn quote_speaker(sentence: &str, mentions: &[Mention]) -> Option<Option<String>> {
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

/// Whether a one-word "name" is a common noun capitalised as a document's title
/// ("Agreement is a significant step").
fn is_common_noun(name: &str) -> bool {
    let lower = name.to_lowercase();
    !name.contains(' ')
        && (DOCUMENT_NOUNS.contains(&lower.as_str())
            || [
                "talks",
                "negotiations",
                "peace",
                "government",
                "parties",
                "sides",
            ]
            .contains(&lower.as_str()))
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
fn unknown_speaker(sentence: &str, mentions: &[Mention]) -> Option<String> {
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

/// Words of a title before a person's name ("Deputy Prime Minister", "rebel leader").
const NAME_TITLES: &[&str] = &[
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
fn unknown_name(
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

/// A new person for a name the gazetteer does not know, after its title; returns its id.
fn propose_person(name: &str, proposed: &mut Vec<Actor>) -> String {
    if let Some(known) = proposed
        .iter()
        .find(|a| a.name == name || a.name.ends_with(&format!(" {name}")))
    {
        return known.id.clone();
    }
    let id = slug(name, 48);
    if !proposed.iter().any(|a| a.id == id) {
        proposed.push(Actor {
            id: id.clone(),
            name: name.to_owned(),
            actor_type: ActorType::Person,
            affiliation: None,
            wikidata: None,
            aliases: Vec::new(),
            members: Vec::new(),
            description: Some(
                "Proposed by negkg extract: a person the gazetteer does not know. Check it.".into(),
            ),
        });
    }
    id
}

/// A new actor for a name the gazetteer does not know (a person when a title precedes it, a
/// group when it names several, else an organisation); returns its id.
fn propose_actor(name: &str, proposed: &mut Vec<Actor>) -> String {
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
    let id = slug(name, 48);
    if !proposed.iter().any(|a| a.id == id) {
        proposed.push(Actor {
            id: id.clone(),
            name: name.to_owned(),
            actor_type,
            affiliation: None,
            wikidata: None,
            aliases: Vec::new(),
            members: Vec::new(),
            description: Some(
                "Proposed by negkg extract: a name the gazetteer does not know. Check it.".into(),
            ),
        });
    }
    id
}

fn sentence_note(sentence_index: usize) -> String {
    format!(
        "Drafted by negkg extract from sentence {}; review it.",
        sentence_index + 1
    )
}

fn entry_action_id(entry: &Entry) -> Option<&str> {
    match entry {
        Entry::Action { id, .. } => Some(id),
        _ => None,
    }
}

fn entry_kind_name(entry: &Entry) -> &'static str {
    match entry {
        Entry::Trigger { kind, .. } => kind.as_str(),
        _ => "other",
    }
}

/// Text fit for a TOML comment: one line, no control characters (TOML refuses them there).
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

impl Draft {
    /// Drops the claims drafted with less than `min_confidence` (0 keeps all), and the new
    /// actors and actions only they used: a draft for a reviewer who wants fewer, surer lines.
    pub fn keep_confident(&mut self, min_confidence: f64) {
        self.claims.retain(|c| c.confidence >= min_confidence);
        let used_actor = |id: &str| {
            self.claims.iter().any(|c| {
                let claim = &c.claim;
                claim.holder == id
                    || claim.voiced_by.as_deref() == Some(id)
                    || claim.addressees.iter().any(|a| a == id)
                    || claim.evidence.iter().any(|e| e.reported_by == id)
                    || matches!(&claim.object, Some(ObjectRef::Actor(a)) if a == id)
            }) || self.source.publisher == id
                || self.source.authors.iter().any(|a| a == id)
        };
        let actors: Vec<bool> = self.new_actors.iter().map(|a| used_actor(&a.id)).collect();
        let mut keep = actors.into_iter();
        self.new_actors.retain(|_| keep.next().unwrap_or(true));
        let claims = &self.claims;
        self.new_actions
            .retain(|a| claims.iter().any(|c| c.claim.action == a.id));
    }

    /// The draft as a data file: a header for the reviewer, the source, new actors and actions,
    /// and each claim with its confidence and rule as comments. It loads as it is.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Draft made by `negkg extract`: {} claims from \"{}\".\n# Review every claim: check holder, kind, action, addressee, places and dates against the\n# quote; add issues and events; raise `label` to a readable sentence; delete what is wrong.\n# Offsets count Unicode characters in the text the extractor read.\n",
            self.claims.len(),
            comment_text(&self.source.title)
        );
        let head = Dataset {
            actors: self.new_actors.clone(),
            actions: self.new_actions.clone(),
            ..Dataset::default()
        };
        out.push_str(&crate::dataset::to_toml(&head));
        let body = Dataset {
            sources: vec![self.source.clone()],
            claims: self.claims.iter().map(|c| c.claim.clone()).collect(),
            ..Dataset::default()
        };
        let text = crate::dataset::to_toml(&body);
        // Put each claim's confidence and rule above it.
        let mut index = 0;
        for line in text.lines() {
            if line == "[[claim]]" {
                if let Some(claim) = self.claims.get(index) {
                    let _ = writeln!(
                        out,
                        "# confidence {:.2} · rule {}",
                        claim.confidence,
                        comment_text(&claim.rule)
                    );
                }
                index += 1;
            }
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_with_control_characters_still_gives_a_draft_that_parses() {
        // Found by cargo fuzz: a control character in the title went into a TOML comment.
        let text =
            "Talks\u{7f} in \u{1b}Doha\r\n\nRussia demanded that Ukraine withdraw from Kherson.";
        let dataset = crate::dataset::parse_dataset(&crate::bundled::data_files()).unwrap();
        let lexicon = Lexicon::new(&dataset, &[]).unwrap();
        let draft = extract(text, &ArticleInfo::default(), &lexicon, &dataset);
        let toml = draft.to_toml();
        assert!(
            !toml.contains('\u{7f}') && !toml.contains('\u{1b}'),
            "{toml}"
        );
        let mut files = crate::bundled::data_files();
        files.push(crate::DataFile::new("draft.toml", toml.clone()));
        crate::dataset::parse_dataset(&files).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    }

    #[test]
    fn relative_dates_resolve_against_the_publication_day() {
        let monday: Date = "2025-05-19".parse().unwrap();
        assert_eq!(
            resolve_date("talks in Istanbul on Friday", monday)
                .0
                .to_string(),
            "2025-05-16"
        );
        assert_eq!(
            resolve_date("Mr Trump said on Monday", monday)
                .0
                .to_string(),
            "2025-05-19"
        );
        assert_eq!(
            resolve_date("Last week, his negotiators", monday)
                .0
                .to_string(),
            "2025-05-12"
        );
        assert_eq!(
            resolve_date("yesterday", monday).0.to_string(),
            "2025-05-18"
        );
        assert_eq!(resolve_date("nothing relative", monday).0, monday);
    }

    fn draft(text: &str) -> Draft {
        let reference = Dataset::default();
        let lexicon = Lexicon::new(&reference, &[]).unwrap();
        let info = ArticleInfo {
            published: Some("2024-01-10".parse().unwrap()),
            ..ArticleInfo::default()
        };
        extract(text, &info, &lexicon, &reference)
    }

    fn positions(draft: &Draft) -> Vec<(String, &'static str, String)> {
        draft
            .claims
            .iter()
            .map(|c| {
                (
                    c.claim.holder.clone(),
                    c.claim.kind.as_str(),
                    c.claim.action.clone(),
                )
            })
            .collect()
    }

    fn has(draft: &Draft, holder: &str, kind: &str, action: &str) -> bool {
        positions(draft)
            .iter()
            .any(|(h, k, a)| h == holder && *k == kind && a == action)
    }

    /// Fails, listing the draft's positions, unless `holder` holds a `kind` claim on `action`.
    #[track_caller]
    fn assert_has(draft: &Draft, holder: &str, kind: &str, action: &str) {
        assert!(has(draft, holder, kind, action), "{:?}", positions(draft));
    }

    /// Fails, listing the draft's positions, unless `holder` holds a `kind` claim on anything.
    #[track_caller]
    fn assert_holds(draft: &Draft, holder: &str, kind: &str) {
        assert!(
            positions(draft)
                .iter()
                .any(|(h, k, _)| h == holder && *k == kind),
            "{:?}",
            positions(draft)
        );
    }

    #[test]
    fn the_rebels_and_the_government_are_the_articles_group_and_state() {
        let d = draft(
            "Rebels Agree to Truce\n\nRebels in the Central African Republic say they have agreed to a temporary cease-fire deal with the government. Representatives of the Seleka rebel coalition met the CAR government in Libreville. Later the government said it would not negotiate with the rebels.",
        );
        assert_has(&d, "seleka", "agreement", "ceasefire");
        assert!(
            has(
                &d,
                "central-african-republic",
                "rejection",
                "start-negotiations"
            ),
            "{:?}",
            positions(&d)
        );
        // The title line repeats the body: no claim from it.
        assert!(d
            .claims
            .iter()
            .all(|c| c.claim.evidence[0].start > Some(20)));
    }

    #[test]
    fn names_in_prepositional_phrases_and_possessors_hold_nothing() {
        let d = draft(
            "Syria talks\n\nThe Syrian National Coalition met in Geneva. Rebels fighting Syrian President Bashar al-Assad insist he must leave power, while the Syrian government says Mr. Assad's role is not up for debate.",
        );
        assert_has(&d, "syrian-national-coalition", "demand", "resignation");
        assert_has(&d, "syria", "rejection", "resignation");
        assert!(
            !d.claims.iter().any(|c| c.claim.holder == "bashar-al-assad"),
            "{:?}",
            positions(&d)
        );
    }

    #[test]
    fn the_agent_after_by_holds_a_passive_position() {
        let d = draft(
            "Plan\n\nThe plan outlined in the communique was endorsed by the Arab League. The talks aim at a transitional government agreed to by both sides.",
        );
        assert_has(&d, "arab-league", "agreement", "plan");
        assert_eq!(d.claims.len(), 1, "{:?}", positions(&d));
    }

    #[test]
    fn nouns_of_readiness_take_their_holder_after_of() {
        let d = draft(
            "Statement by the Secretary-General\n\nThe Secretary-General reiterates the readiness of the United Nations to support the parties.",
        );
        assert_has(&d, "united-nations", "offer", "support");
    }

    #[test]
    fn a_title_refers_to_the_person_last_named_with_it() {
        let d = draft(
            "Readout\n\nSecretary of State Antony J. Blinken met with Ethiopian Prime Minister Abiy Ahmed today. The Secretary urged accelerated implementation of the agreement and access for human rights monitors.",
        );
        assert_has(&d, "antony-blinken", "demand", "compliance");
        // The second object joined by "and" is a second demand.
        assert_has(&d, "antony-blinken", "demand", "humanitarian-access");
    }

    #[test]
    fn an_and_inside_a_phrase_makes_no_second_demand() {
        let d = draft(
            "Statement by the Secretary-General\n\nI urge all stakeholders to establish a credible political path leading to a two-State solution to enable Israelis and Palestinians to live in peace.",
        );
        assert_eq!(
            positions(&d),
            [(
                "un-secretary-general".to_owned(),
                "demand",
                "political-process".to_owned()
            )]
        );
    }

    #[test]
    fn accusations_name_their_object_after_of() {
        let d = draft(
            "Talks\n\nPresident Kiir accused former vice president Machar of a coup attempt.",
        );
        assert_has(&d, "salva-kiir", "statement", "coup-attempt");
    }

    #[test]
    fn will_not_refuses_only_with_a_subject_of_its_own() {
        let d = draft(
            "Aid\n\nThe government of Sudan said it wanted assurances the supplies would not end up with the fighters. Sudan said it would not negotiate.",
        );
        let rejections: Vec<_> = positions(&d)
            .into_iter()
            .filter(|(_, k, _)| *k == "rejection")
            .collect();
        assert_eq!(
            rejections,
            [(
                "sudan".to_owned(),
                "rejection",
                "start-negotiations".to_owned()
            )]
        );
    }

    #[test]
    fn a_position_said_twice_is_one_claim() {
        let d = draft(
            "Talks\n\nColombia says it will resume peace talks with the FARC. Colombia says it will resume the talks on Monday.",
        );
        assert_eq!(
            positions(&d),
            [(
                "colombia".to_owned(),
                "commitment",
                "start-negotiations".to_owned()
            )]
        );
    }

    #[test]
    fn a_trigger_after_an_article_is_the_object_of_another_position() {
        let d = draft(
            "Statement by the Secretary-General\n\nThe Secretary-General welcomes the calls for a ceasefire in Libya.",
        );
        assert_eq!(
            positions(&d),
            [(
                "un-secretary-general".to_owned(),
                "statement",
                "ceasefire".to_owned()
            )]
        );
    }

    #[test]
    fn we_is_the_state_named_by_the_publisher_and_for_the_agreements_names_its_object() {
        let reference = crate::parse_dataset(&crate::bundled_data_files()).unwrap();
        let lexicon = Lexicon::new(&reference, &[]).unwrap();
        let info = ArticleInfo {
            published: Some("2020-10-23".parse().unwrap()),
            publisher: Some("U.S. Embassy in Egypt".into()),
            ..ArticleInfo::default()
        };
        let d = extract(
            "Ceasefire\n\nWe call on all Libyans to build on the ceasefire. We congratulate Colombia and the ELN for the agreements they announced on a bilateral ceasefire.",
            &info,
            &lexicon,
            &reference,
        );
        assert_has(&d, "united-states", "demand", "ceasefire");
        assert_has(&d, "eln", "agreement", "ceasefire");
        // "Libyans" is the plural of a demonym: the addressee.
        let demand = d
            .claims
            .iter()
            .find(|c| c.claim.kind == ClaimKind::Demand)
            .unwrap();
        assert_eq!(demand.claim.addressees, ["libya"]);
    }

    #[test]
    fn each_action_of_a_listed_demand_is_a_demand() {
        let d = draft(
            "Statement by the Secretary-General\n\nThe Secretary-General urges the parties to cease hostilities, take all steps to ensure humanitarian assistance, the withdrawal of foreign fighters, and address political differences through an inclusive national dialogue.",
        );
        let actions: Vec<String> = positions(&d).into_iter().map(|(_, _, a)| a).collect();
        assert_eq!(
            actions,
            [
                "ceasefire",
                "humanitarian-access",
                "withdrawal",
                "start-negotiations"
            ]
        );
    }

    #[test]
    fn names_in_an_apposition_before_the_verb_hold_nothing() {
        let d = draft(
            "Remarks\n\nThe United States, as a friend to both Armenia and Azerbaijan, is committed to support the talks.",
        );
        assert_eq!(
            positions(&d),
            [(
                "united-states".to_owned(),
                "commitment",
                "support".to_owned()
            )]
        );
    }

    #[test]
    fn a_leading_we_before_an_apposition_is_the_author() {
        let d = draft(
            "Statement by the United States\n\nWe, the foreign ministers of Canada, France and the European Union, strongly condemn the attack and urge restraint.",
        );
        let holders: Vec<String> = positions(&d).into_iter().map(|(h, _, _)| h).collect();
        assert!(!holders.is_empty(), "{:?}", positions(&d));
        assert!(
            holders.iter().all(|h| h == "united-states"),
            "{:?}",
            positions(&d)
        );
    }

    #[test]
    fn we_in_a_relative_clause_is_the_author_not_the_name_before() {
        let d = draft(
            "Statement by the United States\n\nWe recall the independence of Armenia and Azerbaijan, rights that we strongly support.",
        );
        assert_has(&d, "united-states", "statement", "support");
        assert!(
            !positions(&d).iter().any(|(h, _, _)| h == "azerbaijan"),
            "{:?}",
            positions(&d)
        );
    }

    #[test]
    fn the_one_told_is_not_the_speaker() {
        let d = draft(
            "Talks\n\nA rebel negotiator, Niemat Ahmadai, told VOA that it is important for an agreement to be reached.",
        );
        assert!(
            !positions(&d).iter().any(|(h, _, _)| h == "voa"),
            "{:?}",
            positions(&d)
        );
    }

    #[test]
    fn a_group_noun_without_a_group_hides_the_name_before_it() {
        let d = draft(
            "Talks\n\nThe changes go beyond the original agreement, which the government of Sudan had accepted, but rebel leaders rejected.",
        );
        assert!(
            !positions(&d).iter().any(|(_, k, _)| *k == "rejection"),
            "{:?}",
            positions(&d)
        );
    }

    #[test]
    fn courtesies_take_no_position() {
        let d = draft(
            "Remarks\n\nSECRETARY BLINKEN: Welcome the foreign ministers here to Washington. So, thank you both for being here, thanks to your teams. Thank you.",
        );
        assert!(d.claims.is_empty(), "{:?}", positions(&d));
    }

    #[test]
    fn objects_are_noun_phrases_not_places() {
        assert_eq!(object_words(" in New York at the UN"), None);
        assert_eq!(
            object_words(" in principle to certain terms").as_deref(),
            Some("certain-terms")
        );
        assert_eq!(
            object_words(" the replacement of the government").as_deref(),
            Some("replacement")
        );
        assert_eq!(strip_adverbs("We, the ministers, strongly "), 18);
    }

    #[test]
    fn the_subject_of_a_reported_must_is_asked_not_asking() {
        let d = draft(
            "Talks\n\nSecretary of State John Kerry said Russia must withdraw its forces from Crimea. Hamas said Israel needs to lift the blockade of Gaza.",
        );
        assert_has(&d, "john-kerry", "demand", "withdrawal");
        assert_has(&d, "hamas", "demand", "lifting-siege");
        assert!(
            !positions(&d)
                .iter()
                .any(|(h, _, _)| h == "russia" || h == "israel"),
            "{:?}",
            positions(&d)
        );
        let lifting = d
            .claims
            .iter()
            .find(|c| c.claim.action == "lifting-siege")
            .unwrap();
        assert_eq!(lifting.claim.addressees, ["israel"]);
    }

    #[test]
    fn a_capitalised_common_word_opening_a_sentence_is_no_name() {
        let text = "Talks\n\nRegional mediators hope to broker a cease-fire.";
        let sentence = "Regional mediators hope to broker a cease-fire.";
        assert!(common_word_opening(
            sentence,
            &(0..8),
            &words_inside_sentences(text)
        ));
        let text = "Talks\n\nSeleka said so. Talks with Seleka went on.";
        assert!(!common_word_opening(
            "Seleka said so.",
            &(0..6),
            &words_inside_sentences(text)
        ));
        assert!(!common_word_opening(
            "Seleka said so.",
            &(0..6),
            &words_inside_sentences("Seleka said so. It met Seleka, then left.")
        ));
        let d = draft(
            text.replace(
                "Seleka said so.",
                "Regional mediators hope to broker a cease-fire.",
            )
            .as_str(),
        );
        assert!(d.claims.is_empty(), "{:?}", positions(&d));
    }

    #[test]
    fn easing_words_yield_to_the_action_they_govern() {
        let d = draft(
            "Statement by the Secretary-General\n\nThe Secretary-General stresses that both parties must protect civilians and facilitate humanitarian relief. He calls on the parties to accelerate the facilitation of humanitarian access.",
        );
        let actions: Vec<String> = positions(&d).into_iter().map(|(_, _, a)| a).collect();
        assert!(
            actions.contains(&"humanitarian-access".to_owned()),
            "{actions:?}"
        );
        assert!(
            actions.contains(&"protection-of-civilians".to_owned()),
            "{actions:?}"
        );
        assert!(!actions.contains(&"mediation".to_owned()), "{actions:?}");
    }

    #[test]
    fn quotes_are_trimmed_and_limited() {
        let text = " one two three, ";
        let r = trim_quote(text, 0..text.len());
        assert_eq!(text.slice(r.clone()), "one two three");
        let r = limit_words(text, r, 2);
        assert_eq!(text.slice(r), "one two");
    }

    #[test]
    fn first_person_in_a_quotation_is_the_one_quoted() {
        let d = draft("Talks\n\n“We are ready to sign a ceasefire,” Joseph Kony said.\n");
        assert_has(&d, "joseph-kony", "offer", "ceasefire");
        // A speaker the gazetteer does not know is proposed as a person.
        let d = draft("Talks\n\n\"We are ready to sign a ceasefire,\" said Ibrahim Kamara.\n");
        assert_has(&d, "ibrahim-kamara", "offer", "ceasefire");
        let kamara = d
            .new_actors
            .iter()
            .find(|a| a.id == "ibrahim-kamara")
            .unwrap();
        assert_eq!(kamara.actor_type, ActorType::Person);
        // The next quotation without a name is the same speaker's.
        let d = draft(
            "Talks\n\n“We are ready to sign a ceasefire,” Joseph Kony said. “We will release all prisoners.”\n",
        );
        assert_has(&d, "joseph-kony", "commitment", "prisoner-exchange");
    }

    #[test]
    fn nouns_take_the_holder_named_with_them() {
        let d = draft("Talks\n\nIsrael accepted the Hamas offer of eight new hostages.\n");
        let offers: Vec<_> = positions(&d)
            .into_iter()
            .filter(|(_, k, _)| *k == "offer")
            .collect();
        assert!(offers.iter().all(|(h, _, _)| h == "hamas"), "{offers:?}");
        assert!(!offers.is_empty());
        assert!(positions(&d)
            .iter()
            .any(|(h, k, _)| h == "israel" && *k == "agreement"));
        let d = draft("Talks\n\nThe envoys discussed a proposal by Egypt for a ceasefire.\n");
        assert_has(&d, "egypt", "proposal", "ceasefire");
        // A noun without its holder takes no position.
        let d = draft("Talks\n\nThe envoys of Egypt discussed a ceasefire proposal.\n");
        assert!(
            positions(&d).iter().all(|(_, k, _)| *k != "proposal"),
            "{:?}",
            positions(&d)
        );
    }

    #[test]
    fn the_government_is_the_state_named_with_its_offices() {
        let d = draft(
            "Talks\n\nNepali Deputy Prime Minister KP Oli told VOA News that the government is ready for peace talks.\n",
        );
        assert_has(&d, "nepal", "offer", "start-negotiations");
    }

    #[test]
    fn they_takes_up_a_state_or_group_and_he_a_person() {
        let d = draft(
            "Talks\n\nHans Grundberg met the Houthis in Muscat. They agreed to a ceasefire.\n",
        );
        assert_has(&d, "houthis", "agreement", "ceasefire");
        let d = draft(
            "Talks\n\nHans Grundberg met the Houthis in Muscat. He called for a ceasefire.\n",
        );
        assert_has(&d, "hans-grundberg", "demand", "ceasefire");
    }

    #[test]
    fn will_and_would_pledge_only_in_reported_speech_with_an_actor_as_subject() {
        let d = draft("Talks\n\nThe envoy added that Hamas would release the hostages.\n");
        assert_has(&d, "hamas", "commitment", "prisoner-exchange");
        // Not reported: a prediction of the reporter.
        let d = draft("Talks\n\nHamas would release the hostages.\n");
        assert!(positions(&d).is_empty(), "{:?}", positions(&d));
        // No actor as the subject.
        let d = draft("Talks\n\nThe envoy said the deal would release tension.\n");
        assert!(positions(&d).is_empty(), "{:?}", positions(&d));
    }

    #[test]
    fn a_participle_after_be_takes_its_agent_or_its_subject() {
        let d = draft("Talks\n\nThe ceasefire was welcomed by the United Nations.\n");
        assert_holds(&d, "united-nations", "statement");
        let d = draft("Talks\n\nThe United States is deeply troubled by the escalation.\n");
        assert_holds(&d, "united-states", "statement");
    }

    #[test]
    fn a_surname_names_the_person_named_in_full_before() {
        let d = draft(
            "Talks\n\nAshraf Ghani met the envoys in Kabul on Monday. Ghani said he was ready to hold talks.\n",
        );
        assert_has(&d, "ashraf-ghani", "offer", "start-negotiations");
    }

    #[test]
    fn a_titled_name_the_gazetteer_does_not_know_is_a_new_person() {
        let d = draft(
            "Talks\n\nRebel leader Ahmed Musa said his movement was ready to negotiate with the government.\n",
        );
        assert_holds(&d, "ahmed-musa", "offer");
        let musa = d.new_actors.iter().find(|a| a.id == "ahmed-musa").unwrap();
        assert_eq!(musa.actor_type, ActorType::Person);
        // A state before a title is not part of the name.
        let d = draft(
            "Talks\n\nSudanese Foreign Minister Ali Karti said Khartoum rejected the proposal by the rebels.\n",
        );
        assert!(d.new_actors.iter().all(|a| !a.name.contains("Sudanese")));
        // A capitalised common word opening a quotation is no name either.
        let d = draft(
            "Talks\n\nA rebel spokesman said: \"Firstly, independence is not on the table for \
             the talks.\"\n",
        );
        assert!(
            d.new_actors.iter().all(|a| a.name != "Firstly"),
            "{:?}",
            d.new_actors
        );
        // The titled person holds the position, not the state named in the title.
        let d = draft(
            "Talks\n\nSpanish Prime Minister Jose Luis Zapatero welcomed the ceasefire. Ivorian \
             President Laurent Gbagbo proposed direct dialogue with the rebels.\n",
        );
        assert_has(&d, "jose-luis-zapatero", "statement", "ceasefire");
        assert_holds(&d, "laurent-gbagbo", "proposal");
        assert!(!positions(&d)
            .iter()
            .any(|(h, _, _)| h == "spain" || h == "cote-d-ivoire"));
    }

    #[test]
    fn a_class_verb_takes_a_position_only_as_its_clauses_own_verb() {
        let d = draft(
            "Talks\n\nHamas walked out of the talks in Cairo. ETA has declared a permanent \
             ceasefire. The Houthis said they would step up their attacks.\n",
        );
        assert_has(&d, "hamas", "rejection", "start-negotiations");
        assert_has(&d, "eta", "commitment", "ceasefire");
        assert_holds(&d, "houthis", "threat");
        // Governed by another verb, negated or inside a condition, the verb is silent.
        let d = draft(
            "Talks\n\nThe United Nations urged Israel to accept the ceasefire. Russia \
             threatened to occupy more territory should Ukraine refuse. Hamas did not cede \
             control. If Iran boycotts the talks, sanctions follow.\n",
        );
        assert!(
            !positions(&d).iter().any(|(_, k, _)| *k == "agreement"),
            "{:?}",
            positions(&d)
        );
        assert!(
            !positions(&d).iter().any(|(_, k, _)| *k == "rejection"),
            "{:?}",
            positions(&d)
        );
        assert!(
            !positions(&d).iter().any(|(_, k, _)| *k == "concession"),
            "{:?}",
            positions(&d)
        );
        assert_has(&d, "united-nations", "demand", "ceasefire");
    }

    #[test]
    fn objects_end_with_their_clause_and_skip_the_sides_addressed() {
        let d = draft("Talks\n\nThe United Nations urged both sides to reduce violence.\n");
        assert_has(&d, "united-nations", "demand", "reduce-violence");
        let d = draft(
            "Talks\n\nEritrea, which was not part of the talks, dismissed the accusations.\n",
        );
        assert_has(&d, "eritrea", "rejection", "accusations");
    }
}
