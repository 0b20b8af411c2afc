//! The extractor's dictionaries: actor aliases (from the data and `extract/lexicon.toml`),
//! action words, modality cues and trigger phrases per claim kind (`extract/patterns.toml`),
//! compiled into Aho–Corasick automata. Users add their own files with `--lexicon`.

use crate::bundled;
use crate::dataset::DataFile;
use crate::error::{DataError, DataErrors, Error, Location, Result};
use crate::model::{ActorType, ClaimKind, Dataset};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    actor: Vec<ActorAliases>,
    #[serde(default)]
    new_actor: Vec<NewActor>,
    #[serde(default)]
    action: Vec<ActionWords>,
    modality: Option<ModalityWords>,
    condition: Option<ConditionWords>,
    #[serde(default)]
    pattern: Vec<Pattern>,
    reference: Option<ReferenceWords>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceWords {
    #[serde(default)]
    group_nouns: Vec<String>,
    #[serde(default)]
    title_nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorAliases {
    id: String,
    aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewActor {
    pub(crate) id: String,
    pub(crate) name: String,
    #[serde(rename = "type")]
    pub(crate) actor_type: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionWords {
    id: String,
    words: Vec<String>,
    #[serde(default)]
    place: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModalityWords {
    #[serde(default)]
    hedged: Vec<String>,
    #[serde(default)]
    negated: Vec<String>,
    #[serde(default)]
    future: Vec<String>,
    #[serde(default)]
    hypothetical: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionWords {
    openers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pattern {
    kind: String,
    confidence: f64,
    triggers: Vec<String>,
}

/// What a dictionary entry stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entry {
    Actor(String),
    Place(String),
    Action {
        id: String,
        place: bool,
    },
    Trigger {
        kind: ClaimKind,
        confidence: f64,
        phrase: String,
    },
}

/// A dictionary: phrases and what each stands for, matched on word boundaries.
#[derive(Debug)]
pub(crate) struct Dictionary {
    insensitive: Option<AhoCorasick>,
    insensitive_entries: Vec<Entry>,
    sensitive: Option<AhoCorasick>,
    sensitive_entries: Vec<Entry>,
}

fn is_acronym(phrase: &str) -> bool {
    phrase.chars().count() <= 5
        && phrase.chars().any(|c| c.is_alphabetic())
        && phrase
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '/')
}

impl Dictionary {
    fn new(phrases: Vec<(String, Entry)>) -> Self {
        let (sensitive, insensitive): (Vec<_>, Vec<_>) =
            phrases.into_iter().partition(|(p, _)| is_acronym(p));
        let build = |list: &[(String, Entry)], case_insensitive: bool| {
            if list.is_empty() {
                return None;
            }
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(case_insensitive)
                .match_kind(MatchKind::LeftmostLongest)
                .build(list.iter().map(|(p, _)| p.as_str()))
                .ok()
        };
        Self {
            insensitive: build(&insensitive, true),
            sensitive: build(&sensitive, false),
            insensitive_entries: insensitive.into_iter().map(|(_, e)| e).collect(),
            sensitive_entries: sensitive.into_iter().map(|(_, e)| e).collect(),
        }
    }

    /// Every match in `text`, on word boundaries, sorted by position.
    pub(crate) fn find(&self, text: &str) -> Vec<(Range<usize>, &Entry)> {
        let mut out = Vec::new();
        for (automaton, entries) in [
            (&self.insensitive, &self.insensitive_entries),
            (&self.sensitive, &self.sensitive_entries),
        ] {
            let Some(automaton) = automaton else { continue };
            for m in automaton.find_iter(text) {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                let prefix_word =
                    entries[m.pattern().as_usize()].is_prefix_word() && inflected(&text[m.end()..]);
                if boundary(before) && (boundary(after) || prefix_word) {
                    out.push((m.start()..m.end(), &entries[m.pattern().as_usize()]));
                }
            }
        }
        out.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        out
    }
}

/// Endings that make an inflected form of an action word ("mediat" + "ion", "support" +
/// "ed"), unlike words that merely start the same way ("peace" + "ful", "aid" + "e").
const INFLECTIONS: &[&str] = &[
    "ations", "ation", "ions", "ion", "ments", "ment", "ing", "ors", "or", "ers", "er", "ies",
    "ied", "ed", "es", "al", "ty", "s", "d", "e", "n",
];

/// Whether `rest` (the text after a matched stem) starts with an ending and then a word end.
fn inflected(rest: &str) -> bool {
    INFLECTIONS.iter().any(|ending| {
        rest.get(..ending.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(ending))
            && rest[ending.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

impl Entry {
    /// Action words like "mediat" or "de-escalat" match the start of a word.
    fn is_prefix_word(&self) -> bool {
        matches!(self, Entry::Action { .. })
    }
}

/// Everything the extractor knows: actors and places with their names, actions, triggers,
/// modality cues and condition openers.
#[derive(Debug)]
pub struct Lexicon {
    pub(crate) actors: Dictionary,
    pub(crate) actions: Dictionary,
    pub(crate) triggers: Dictionary,
    pub(crate) hedged: Vec<String>,
    pub(crate) negated: Vec<String>,
    pub(crate) future: Vec<String>,
    pub(crate) hypothetical: Vec<String>,
    pub(crate) condition_openers: Vec<String>,
    /// Actors the data does not define, which drafts define when they use them.
    pub(crate) new_actors: HashMap<String, NewActor>,
    /// Display names of every known actor, by id.
    pub(crate) names: HashMap<String, String>,
    /// Known actor ids of persons (for pronoun resolution).
    pub(crate) persons: HashSet<String>,
    /// Known actor ids of groups (armed movements, coalitions): "the rebels" refers to them.
    pub(crate) groups: HashSet<String>,
    /// Common nouns that refer to the group an article is about ("the rebels").
    pub(crate) group_nouns: Vec<String>,
    /// Titles that refer to the person last named with them ("the Secretary").
    pub(crate) title_nouns: Vec<String>,
    /// Known actor ids of states: "the government" refers to them.
    pub(crate) states: HashSet<String>,
}

fn parse_file(file: &DataFile) -> Result<LexiconFile> {
    toml::from_str(&file.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        Error::Data(DataErrors(vec![DataError {
            location: Location::from_offset(&file.name, &file.text, offset),
            message: e.message().trim().to_owned(),
            help: Some("see extract/lexicon.toml and extract/patterns.toml for the format".into()),
        }]))
    })
}

impl Lexicon {
    /// The built-in lexicon and patterns, the actors and places of `dataset`, and `extra` files.
    pub fn new(dataset: &Dataset, extra: &[DataFile]) -> Result<Self> {
        let mut files: Vec<LexiconFile> = Vec::new();
        for (name, text) in bundled::extract_files() {
            files.push(parse_file(&DataFile::new(*name, *text))?);
        }
        for file in extra {
            files.push(parse_file(file)?);
        }
        let mut actor_phrases: Vec<(String, Entry)> = Vec::new();
        let mut names = HashMap::new();
        // Sets: the extractor asks about every mention it looks at.
        let mut persons = HashSet::new();
        let mut groups = HashSet::new();
        let mut states = HashSet::new();
        for actor in &dataset.actors {
            names.insert(actor.id.clone(), actor.name.clone());
            match actor.actor_type {
                ActorType::Person => {
                    persons.insert(actor.id.clone());
                }
                ActorType::State => {
                    states.insert(actor.id.clone());
                }
                _ => {}
            }
            // News organisations name articles, they rarely take positions: their names are
            // still recognised so that "the Financial Times reported" attributes correctly.
            for alias in std::iter::once(&actor.name).chain(&actor.aliases) {
                actor_phrases.push((alias.clone(), Entry::Actor(actor.id.clone())));
            }
        }
        for place in &dataset.places {
            for alias in std::iter::once(&place.name).chain(&place.aliases) {
                actor_phrases.push((alias.clone(), Entry::Place(place.id.clone())));
            }
        }
        let mut new_actors = HashMap::new();
        let mut action_phrases = Vec::new();
        let mut trigger_phrases = Vec::new();
        let mut modality = ModalityWords::default();
        let mut openers = Vec::new();
        let mut group_nouns = Vec::new();
        let mut title_nouns = Vec::new();
        for file in files {
            if let Some(r) = file.reference {
                group_nouns.extend(r.group_nouns);
                title_nouns.extend(r.title_nouns);
            }
            for entry in file.actor {
                for alias in entry.aliases {
                    actor_phrases.push((alias, Entry::Actor(entry.id.clone())));
                }
            }
            for actor in file.new_actor {
                if names.contains_key(&actor.id) {
                    continue;
                }
                names.insert(actor.id.clone(), actor.name.clone());
                match actor.actor_type.as_str() {
                    "person" => {
                        persons.insert(actor.id.clone());
                    }
                    "group" => {
                        groups.insert(actor.id.clone());
                    }
                    "state" => {
                        states.insert(actor.id.clone());
                    }
                    _ => {}
                }
                for alias in std::iter::once(&actor.name).chain(&actor.aliases) {
                    actor_phrases.push((alias.clone(), Entry::Actor(actor.id.clone())));
                    // "Libyans", "Syrians": the plural of a state's demonym.
                    if actor.actor_type == "state" && alias.ends_with("an") && !alias.contains(' ')
                    {
                        actor_phrases.push((format!("{alias}s"), Entry::Actor(actor.id.clone())));
                    }
                }
                new_actors.insert(actor.id.clone(), actor);
            }
            for action in file.action {
                for word in action.words {
                    action_phrases.push((
                        word,
                        Entry::Action {
                            id: action.id.clone(),
                            place: action.place,
                        },
                    ));
                }
            }
            for pattern in file.pattern {
                let kind = ClaimKind::from_keyword(&pattern.kind).ok_or_else(|| {
                    Error::Unsupported(format!(
                        "unknown claim kind `{}` in the extraction patterns; use one of {}",
                        pattern.kind,
                        ClaimKind::keywords()
                    ))
                })?;
                for phrase in pattern.triggers {
                    trigger_phrases.push((
                        phrase.clone(),
                        Entry::Trigger {
                            kind,
                            confidence: pattern.confidence,
                            phrase,
                        },
                    ));
                }
            }
            if let Some(m) = file.modality {
                modality.hedged.extend(m.hedged);
                modality.negated.extend(m.negated);
                modality.future.extend(m.future);
                modality.hypothetical.extend(m.hypothetical);
            }
            if let Some(c) = file.condition {
                openers.extend(c.openers);
            }
        }
        Ok(Self {
            actors: Dictionary::new(actor_phrases),
            actions: Dictionary::new(action_phrases),
            triggers: Dictionary::new(trigger_phrases),
            hedged: modality.hedged,
            negated: modality.negated,
            future: modality.future,
            hypothetical: modality.hypothetical,
            condition_openers: openers,
            new_actors,
            names,
            persons,
            groups,
            group_nouns,
            title_nouns,
            states,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_stems_match_inflections_not_other_words() {
        assert!(inflected("ion of the talks"));
        assert!(inflected("ed talks"));
        assert!(!inflected("ful future"));
        assert!(!inflected("keeping"));
        let lexicon = Lexicon::new(&Dataset::default(), &[]).unwrap();
        let ids = |text: &str| -> Vec<String> {
            lexicon
                .actions
                .find(text)
                .into_iter()
                .filter_map(|(_, e)| match e {
                    Entry::Action { id, .. } => Some(id.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(ids("a peaceful future"), Vec::<String>::new());
        assert_eq!(ids("mediation"), ["mediation"]);
        assert_eq!(ids("peace talks"), ["start-negotiations"]);
    }
}
