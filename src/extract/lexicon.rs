//! The extractor's dictionaries: actor aliases (from the data and `extract/lexicon.toml`),
//! action words, modality cues, trigger phrases per claim kind (`extract/patterns.toml`) and
//! verb classes inflected from their base form (`extract/verbs.toml`), compiled into
//! Aho–Corasick automata. Users add their own files with `--lexicon`.

use super::text::SliceText;
use crate::bundled;
use crate::dataset::DataFile;
use crate::error::{DataError, DataErrors, Error, Location, Result};
use crate::model::{ActorType, ClaimKind, Dataset};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

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
    #[serde(default)]
    verbs: Vec<VerbClass>,
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
    kind: Spanned<String>,
    confidence: f64,
    triggers: Vec<String>,
    /// As for verbs: the phrase counts only with one of these words soon after it.
    #[serde(default)]
    objects: Vec<String>,
    #[serde(default = "default_within")]
    within: usize,
}

/// A class of verbs that take one kind of position (`extract/verbs.toml`). Each verb is written
/// as its base form and inflected here ("urge" → urges, urged, urging); irregular or doubled
/// forms are written out after bars ("commit|committed", "give|gave|given"). Words after the
/// verb are kept ("call for" → "called for"). With `objects`, a verb takes the position only
/// when one of those words starts a word among the `within` words after it ("declared a
/// permanent ceasefire").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerbClass {
    kind: Spanned<String>,
    confidence: f64,
    verbs: Vec<Spanned<String>>,
    #[serde(default)]
    objects: Vec<String>,
    #[serde(default = "default_within")]
    within: usize,
    /// Whether the bare base form counts too ("urge"); off for verbs whose base form is mostly
    /// a noun ("plea", "support").
    #[serde(default = "yes")]
    base: bool,
}

fn default_within() -> usize {
    4
}

fn yes() -> bool {
    true
}

/// Words that must follow a phrase for it to count: one of `objects` starts a word among the
/// `within` words after it, before the clause ends.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ObjectCondition {
    objects: Vec<String>,
    within: usize,
}

impl ObjectCondition {
    fn holds(&self, rest: &str) -> bool {
        let mut window = String::from(" ");
        for word in rest
            .split(|c: char| ".;:!?".contains(c))
            .next()
            .unwrap_or("")
            .split_whitespace()
            .take(self.within)
        {
            window.push_str(
                &word
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase(),
            );
            window.push(' ');
        }
        self.objects
            .iter()
            .any(|object| window.contains(&format!(" {object}")))
    }
}

/// The forms of a verb written as `verbs` entries are: base, third person, past (and
/// participle), present participle, each followed by the words after the verb.
pub(crate) fn verb_forms(spec: &str, base: bool) -> Vec<String> {
    let spec = spec.trim();
    let (head, rest) = spec.split_once(' ').unwrap_or((spec, ""));
    let mut written = head.split('|');
    let lemma = written.next().unwrap_or_default().to_lowercase();
    if lemma.is_empty() {
        return Vec::new();
    }
    let irregular: Vec<String> = written.map(str::to_lowercase).collect();
    let vowel = |c: char| "aeiou".contains(c);
    let chars: Vec<char> = lemma.chars().collect();
    let last = chars[chars.len() - 1];
    let before_last = chars.len().checked_sub(2).map(|i| chars[i]);
    // "ban" → "banned": one vowel, a single consonant after it.
    let doubles = chars.iter().filter(|c| vowel(**c)).count() == 1
        && !vowel(last)
        && !"wxy".contains(last)
        && before_last.is_some_and(vowel)
        && chars.len().checked_sub(3).is_none_or(|i| !vowel(chars[i]));
    let consonant_y = last == 'y' && before_last.is_some_and(|c| !vowel(c));
    let third = if consonant_y {
        format!("{}ies", lemma.slice(..lemma.len() - 1))
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let stem_doubled = format!("{lemma}{last}");
    let past = if !irregular.is_empty() {
        irregular.clone()
    } else if last == 'e' {
        vec![format!("{lemma}d")]
    } else if consonant_y {
        vec![format!("{}ied", lemma.slice(..lemma.len() - 1))]
    } else if doubles {
        vec![format!("{stem_doubled}ed")]
    } else {
        vec![format!("{lemma}ed")]
    };
    let doubled_in_past = past.iter().any(|p| *p == format!("{stem_doubled}ed"));
    let participle = if lemma.ends_with("ie") {
        format!("{}ying", lemma.slice(..lemma.len() - 2))
    } else if last == 'e' && !lemma.ends_with("ee") && !lemma.ends_with("ye") {
        format!("{}ing", lemma.slice(..lemma.len() - 1))
    } else if doubles || doubled_in_past {
        format!("{stem_doubled}ing")
    } else {
        format!("{lemma}ing")
    };
    let mut forms = Vec::new();
    if base {
        forms.push(lemma.clone());
    }
    forms.push(third);
    forms.extend(past);
    forms.push(participle);
    forms.dedup();
    forms
        .into_iter()
        .map(|form| {
            if rest.is_empty() {
                form
            } else {
                format!("{form} {rest}")
            }
        })
        .collect()
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
        /// Whether the phrase is an inflected verb from a verb class (`extract/verbs.toml`),
        /// which stays silent where a verb takes no position of its own ("urged them to
        /// accept", "if Ukraine refuses").
        verb: bool,
    },
}

/// A dictionary: phrases and what each stands for, matched on word boundaries.
#[derive(Debug)]
pub(crate) struct Dictionary {
    insensitive: Option<AhoCorasick>,
    insensitive_entries: Vec<Alternatives>,
    sensitive: Option<AhoCorasick>,
    sensitive_entries: Vec<Alternatives>,
    /// Every phrase, as written.
    phrases: Vec<String>,
}

/// What one phrase stands for: the first entry whose condition holds where the phrase is found.
type Alternatives = Vec<(Option<ObjectCondition>, Entry)>;

fn is_acronym(phrase: &str) -> bool {
    phrase.chars().count() <= 5
        && phrase.chars().any(|c| c.is_alphabetic())
        && phrase
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '/')
}

impl Dictionary {
    fn new(phrases: Vec<(String, Entry)>) -> Self {
        Self::with_conditions(phrases.into_iter().map(|(p, e)| (p, None, e)).collect())
    }

    /// A dictionary whose phrases may need words after them. A phrase listed twice keeps every
    /// entry in order: conditional ones are tried first, then the first unconditional one.
    fn with_conditions(phrases: Vec<(String, Option<ObjectCondition>, Entry)>) -> Self {
        let mut merged: Vec<(String, Alternatives)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (phrase, condition, entry) in phrases {
            let key = if is_acronym(&phrase) {
                phrase.clone()
            } else {
                phrase.to_ascii_lowercase()
            };
            match index.get(&key) {
                Some(&i) => merged[i].1.push((condition, entry)),
                None => {
                    index.insert(key, merged.len());
                    merged.push((phrase, vec![(condition, entry)]));
                }
            }
        }
        for (_, alternatives) in &mut merged {
            // Stable: conditional entries first, each group in the order written.
            alternatives.sort_by_key(|(condition, _)| condition.is_none());
        }
        let phrases = merged.iter().map(|(p, _)| p.clone()).collect();
        let (sensitive, insensitive): (Vec<_>, Vec<_>) =
            merged.into_iter().partition(|(p, _)| is_acronym(p));
        let build = |list: &[(String, Alternatives)], case_insensitive: bool| {
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
            phrases,
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
                let alternatives = &entries[m.pattern().as_usize()];
                let Some(entry) = alternatives
                    .iter()
                    .find(|(condition, _)| {
                        condition
                            .as_ref()
                            .is_none_or(|c| c.holds(text.slice(m.end()..)))
                    })
                    .map(|(_, entry)| entry)
                else {
                    continue;
                };
                let before = text.slice(..m.start()).chars().next_back();
                let after = text.slice(m.end()..).chars().next();
                let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                let prefix_word = entry.is_prefix_word() && inflected(text.slice(m.end()..));
                if boundary(before) && (boundary(after) || prefix_word) {
                    out.push((m.start()..m.end(), entry));
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
            && rest
                .slice(ending.len()..)
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

/// The phrases, names and words of a lexicon as its sources are read, in their order.
#[derive(Default)]
struct Builder {
    actor_phrases: Vec<(String, Entry)>,
    action_phrases: Vec<(String, Entry)>,
    trigger_phrases: Vec<(String, Option<ObjectCondition>, Entry)>,
    names: HashMap<String, String>,
    // Sets: the extractor asks about every mention it looks at.
    persons: HashSet<String>,
    groups: HashSet<String>,
    states: HashSet<String>,
    new_actors: HashMap<String, NewActor>,
    modality: ModalityWords,
    openers: Vec<String>,
    group_nouns: Vec<String>,
    title_nouns: Vec<String>,
}

impl Builder {
    /// The actors and places of the data, with their names and aliases.
    fn add_dataset(&mut self, dataset: &Dataset) {
        for actor in &dataset.actors {
            self.names.insert(actor.id.clone(), actor.name.clone());
            match actor.actor_type {
                ActorType::Person => {
                    self.persons.insert(actor.id.clone());
                }
                ActorType::State => {
                    self.states.insert(actor.id.clone());
                }
                _ => {}
            }
            // News organisations name articles, they rarely take positions: their names are
            // still recognised so that "the Financial Times reported" attributes correctly.
            for alias in std::iter::once(&actor.name).chain(&actor.aliases) {
                self.actor_phrases
                    .push((alias.clone(), Entry::Actor(actor.id.clone())));
            }
        }
        for place in &dataset.places {
            for alias in std::iter::once(&place.name).chain(&place.aliases) {
                self.actor_phrases
                    .push((alias.clone(), Entry::Place(place.id.clone())));
            }
        }
    }

    /// One lexicon, pattern or verb file.
    fn add_file(&mut self, file: LexiconFile) {
        if let Some(r) = file.reference {
            self.group_nouns.extend(r.group_nouns);
            self.title_nouns.extend(r.title_nouns);
        }
        for entry in file.actor {
            for alias in entry.aliases {
                self.actor_phrases
                    .push((alias, Entry::Actor(entry.id.clone())));
            }
        }
        for actor in file.new_actor {
            self.add_new_actor(actor);
        }
        for action in file.action {
            for word in action.words {
                self.action_phrases.push((
                    word,
                    Entry::Action {
                        id: action.id.clone(),
                        place: action.place,
                    },
                ));
            }
        }
        for pattern in file.pattern {
            self.add_pattern(pattern);
        }
        for class in file.verbs {
            self.add_verb_class(class);
        }
        if let Some(m) = file.modality {
            self.modality.hedged.extend(m.hedged);
            self.modality.negated.extend(m.negated);
            self.modality.future.extend(m.future);
            self.modality.hypothetical.extend(m.hypothetical);
        }
        if let Some(c) = file.condition {
            self.openers.extend(c.openers);
        }
    }

    /// An actor the data does not define, unless it does after all.
    fn add_new_actor(&mut self, actor: NewActor) {
        if self.names.contains_key(&actor.id) {
            return;
        }
        self.names.insert(actor.id.clone(), actor.name.clone());
        match actor.actor_type.as_str() {
            "person" => {
                self.persons.insert(actor.id.clone());
            }
            "group" => {
                self.groups.insert(actor.id.clone());
            }
            "state" => {
                self.states.insert(actor.id.clone());
            }
            _ => {}
        }
        for alias in std::iter::once(&actor.name).chain(&actor.aliases) {
            self.actor_phrases
                .push((alias.clone(), Entry::Actor(actor.id.clone())));
            // "Libyans", "Syrians": the plural of a state's demonym.
            if actor.actor_type == "state" && alias.ends_with("an") && !alias.contains(' ') {
                self.actor_phrases
                    .push((format!("{alias}s"), Entry::Actor(actor.id.clone())));
            }
        }
        self.new_actors.insert(actor.id.clone(), actor);
    }

    /// The trigger phrases of a pattern, as written.
    fn add_pattern(&mut self, pattern: Pattern) {
        let Some((kind, condition)) =
            kind_and_condition(pattern.kind.get_ref(), &pattern.objects, pattern.within)
        else {
            return;
        };
        for phrase in pattern.triggers {
            self.trigger_phrases.push((
                phrase.clone(),
                condition.clone(),
                Entry::Trigger {
                    kind,
                    confidence: pattern.confidence,
                    phrase,
                    verb: false,
                },
            ));
        }
    }

    /// Every inflected form of the verbs of a class, as trigger phrases.
    fn add_verb_class(&mut self, class: VerbClass) {
        let Some((kind, condition)) =
            kind_and_condition(class.kind.get_ref(), &class.objects, class.within)
        else {
            return;
        };
        for verb in &class.verbs {
            for phrase in verb_forms(verb.get_ref(), class.base) {
                self.trigger_phrases.push((
                    phrase.clone(),
                    condition.clone(),
                    Entry::Trigger {
                        kind,
                        confidence: class.confidence,
                        phrase,
                        verb: true,
                    },
                ));
            }
        }
    }

    fn build(self) -> Lexicon {
        Lexicon {
            actors: Dictionary::new(self.actor_phrases),
            actions: Dictionary::new(self.action_phrases),
            triggers: Dictionary::with_conditions(self.trigger_phrases),
            hedged: self.modality.hedged,
            negated: self.modality.negated,
            future: self.modality.future,
            hypothetical: self.modality.hypothetical,
            condition_openers: self.openers,
            new_actors: self.new_actors,
            names: self.names,
            persons: self.persons,
            groups: self.groups,
            group_nouns: self.group_nouns,
            title_nouns: self.title_nouns,
            states: self.states,
        }
    }
}

/// The claim kind a pattern or verb class names, and the objects it needs after it, if any.
/// The claim kind a pattern or verb class names (checked when its file was read), and the
/// objects it needs after it, if any.
fn kind_and_condition(
    kind: &str,
    objects: &[String],
    within: usize,
) -> Option<(ClaimKind, Option<ObjectCondition>)> {
    let kind = ClaimKind::from_keyword(kind)?;
    let condition = (!objects.is_empty()).then(|| ObjectCondition {
        objects: objects.iter().map(|o| o.to_lowercase()).collect(),
        within,
    });
    Some((kind, condition))
}

fn parse_file(file: &DataFile) -> Result<LexiconFile> {
    let help =
        "see extract/lexicon.toml, extract/patterns.toml and extract/verbs.toml for the format";
    let parsed: LexiconFile = toml::from_str(&file.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        Error::Data(DataErrors(vec![DataError {
            location: Location::from_offset(&file.name, &file.text, offset),
            message: e.message().trim().to_owned(),
            help: Some(help.into()),
        }]))
    })?;
    // Kinds and verbs are checked here, where their place in the file is known.
    let mut errors = Vec::new();
    let mut problem = |at: usize, message: String, help: String| {
        errors.push(DataError {
            location: Location::from_offset(&file.name, &file.text, at),
            message,
            help: Some(help),
        });
    };
    let kinds = parsed
        .pattern
        .iter()
        .map(|p| &p.kind)
        .chain(parsed.verbs.iter().map(|v| &v.kind));
    for kind in kinds {
        if ClaimKind::from_keyword(kind.get_ref()).is_none() {
            problem(
                kind.span().start,
                format!("unknown claim kind `{}`", kind.get_ref()),
                format!("use one of {}", ClaimKind::keywords()),
            );
        }
    }
    for verb in parsed.verbs.iter().flat_map(|v| &v.verbs) {
        let written = verb.get_ref().trim();
        if written.is_empty()
            || written
                .split_once(' ')
                .is_some_and(|(_, rest)| rest.contains('|'))
        {
            problem(
                verb.span().start,
                format!("verb `{written}` cannot be inflected"),
                "write the base form first, then any irregular forms on the verb itself, \
                 before the words after it (\"give|gave|given up\")"
                    .into(),
            );
        }
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(Error::Data(DataErrors(errors)))
    }
}

impl Lexicon {
    /// Every phrase the extractor reacts to, in one sorted list: the trigger phrases with every
    /// inflected form of the verb classes, actor names and aliases, action words, and the cues
    /// of modality and condition. For checking a lexicon, and for tests and fuzzing corpora
    /// that put text around each of them.
    pub fn phrases(&self) -> Vec<&str> {
        let mut all: Vec<&str> = [&self.triggers, &self.actors, &self.actions]
            .into_iter()
            .flat_map(|d| d.phrases.iter().map(String::as_str))
            .chain(
                [
                    &self.hedged,
                    &self.negated,
                    &self.future,
                    &self.hypothetical,
                    &self.condition_openers,
                    &self.group_nouns,
                    &self.title_nouns,
                ]
                .into_iter()
                .flat_map(|list| list.iter().map(String::as_str)),
            )
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The ids of the actions that the lexicon's action words stand for, each once, sorted.
    pub(crate) fn action_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .actions
            .insensitive_entries
            .iter()
            .chain(&self.actions.sensitive_entries)
            .flatten()
            .filter_map(|(_, entry)| match entry {
                Entry::Action { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The trigger phrases alone: patterns and every inflected form of the verb classes.
    pub fn trigger_phrases(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.triggers.phrases.iter().map(String::as_str).collect();
        all.sort_unstable();
        all
    }

    /// The built-in lexicon and patterns, the actors and places of `dataset`, and `extra` files.
    pub fn new(dataset: &Dataset, extra: &[DataFile]) -> Result<Self> {
        let mut files: Vec<LexiconFile> = Vec::new();
        for (name, text) in bundled::extract_files() {
            files.push(parse_file(&DataFile::new(*name, *text))?);
        }
        for file in extra {
            files.push(parse_file(file)?);
        }
        let mut builder = Builder::default();
        builder.add_dataset(dataset);
        for file in files {
            builder.add_file(file);
        }
        Ok(builder.build())
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

    #[test]
    fn verbs_are_inflected_from_their_base_form() {
        assert_eq!(
            verb_forms("urge", true),
            ["urge", "urges", "urged", "urging"]
        );
        assert_eq!(
            verb_forms("ban", true),
            ["ban", "bans", "banned", "banning"]
        );
        assert_eq!(
            verb_forms("rely on", false),
            ["relies on", "relied on", "relying on"]
        );
        assert_eq!(
            verb_forms("commit|committed to", true),
            ["commit to", "commits to", "committed to", "committing to"]
        );
        assert_eq!(
            verb_forms("give|gave|given up", true),
            ["give up", "gives up", "gave up", "given up", "giving up"]
        );
        assert_eq!(
            verb_forms("veto", true),
            ["veto", "vetoes", "vetoed", "vetoing"]
        );
        assert_eq!(
            verb_forms("push", true),
            ["push", "pushes", "pushed", "pushing"]
        );
        assert!(verb_forms("  ", true).is_empty());
    }

    #[test]
    fn a_verb_with_objects_counts_only_when_one_follows_in_its_clause() {
        let condition = ObjectCondition {
            objects: vec!["ceasefire".into(), "a truce".into()],
            within: 3,
        };
        assert!(condition.holds(" a permanent ceasefire."));
        assert!(condition.holds(" a truce"));
        assert!(condition.holds(" “permanent” ceasefires"));
        assert!(!condition.holds(" that talks would follow the ceasefire"));
        assert!(!condition.holds(" victory. The ceasefire"));
        assert!(!condition.holds(" an extra truce"));
    }

    #[test]
    fn one_phrase_takes_the_kind_whose_objects_follow_it() {
        let lexicon = Lexicon::new(&Dataset::default(), &[]).unwrap();
        let kind = |text: &str| -> Vec<(String, ClaimKind, bool)> {
            lexicon
                .triggers
                .find(text)
                .into_iter()
                .filter_map(|(r, e)| match e {
                    Entry::Trigger { kind, verb, .. } => {
                        Some((text.slice(r).to_owned(), *kind, *verb))
                    }
                    _ => None,
                })
                .collect()
        };
        // patterns.toml lists "offered to" as an offer; the verb class makes it a proposal
        // when a verb of talking follows.
        assert_eq!(
            kind("Israel offered to discuss the crossing"),
            [("offered to".into(), ClaimKind::Proposal, true)]
        );
        assert_eq!(
            kind("Egypt offered to host the talks"),
            [("offered to".into(), ClaimKind::Offer, false)]
        );
        assert_eq!(
            kind("ETA declared a permanent ceasefire"),
            [("declared".into(), ClaimKind::Commitment, true)]
        );
        assert!(kind("ETA declared that the talks were over").is_empty());
        assert_eq!(
            kind("Hamas walked out of the talks"),
            [("walked out of".into(), ClaimKind::Rejection, true)]
        );
        assert_eq!(
            kind("The army will step up its offensive"),
            [
                ("will".into(), ClaimKind::Commitment, false),
                ("step up".into(), ClaimKind::Threat, true)
            ]
        );
    }

    #[test]
    fn a_verb_class_with_an_unknown_kind_is_refused() {
        let file = DataFile::new(
            "mine.toml",
            "[[verbs]]\nkind = \"plea\"\nconfidence = 0.5\nverbs = [\"beg\"]\n",
        );
        let error = Lexicon::new(&Dataset::default(), &[file]).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("mine.toml:2:8"), "{message}");
        assert!(message.contains("unknown claim kind `plea`"), "{message}");
        assert!(message.contains("use one of"), "{message}");
        // Every problem of the file is named, each where it stands.
        let file = DataFile::new(
            "mine.toml",
            "[[pattern]]\nkind = \"warning\"\nconfidence = 0.5\ntriggers = [\"warned\"]\n\n\
             [[verbs]]\nkind = \"rejection\"\nconfidence = 0.5\nverbs = [\"spurn\", \"turn down|turned down\"]\n",
        );
        let message = Lexicon::new(&Dataset::default(), &[file])
            .unwrap_err()
            .to_string();
        assert!(message.contains("mine.toml:2:8"), "{message}");
        assert!(message.contains("mine.toml:9:19"), "{message}");
        assert!(message.contains("\"give|gave|given up\""), "{message}");
    }
}
