//! Trigger phrases and verb classes: which of the triggers found in a sentence take a position
//! where they stand, which yield to another (a verb of saying before what is said, a modal
//! restating a demand, a participle after a document's name, a courtesy), and where each
//! trigger's clause ends.

use super::attribution::{inside_quote, QUOTE_VERBS, REPORTING_VERBS};
use super::lexicon::{Entry, Lexicon};
use super::mentions::Mention;
use super::reading::Sentence;
use super::text::{floor_boundary, lowercase_in_place, previous_word, SliceText};
use crate::model::ClaimKind;
use std::ops::Range;

/// Nouns naming a document: a trigger right after one is a participle ("accords signed").
pub(super) const DOCUMENT_NOUNS: &[&str] = &[
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
pub(super) fn agent_follows(sentence: &str, end: usize) -> bool {
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
pub(super) const EVALUATIONS: &[&str] = &[
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
pub(super) const WEAK_COMMITMENTS: &[&str] = &["will", "would"];

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

/// Demand triggers that only restate a demand made by a verb before them.
pub(super) const MODAL_DEMANDS: &[&str] = &["must", "must be", "need to", "needs to"];

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

pub(super) fn entry_kind_name(entry: &Entry) -> &'static str {
    match entry {
        Entry::Trigger { kind, .. } => kind.as_str(),
        _ => "other",
    }
}

/// The triggers of a sentence that take a position where they stand: the longest at each
/// position, one per stretch of words, without those that stay silent there (so that they do
/// not cut the clause of the others).
pub(super) fn taken_triggers<'a>(
    sentence: &str,
    lexicon: &'a Lexicon,
    mentions: &[Mention],
) -> Vec<(Range<usize>, &'a Entry)> {
    let triggers = lexicon.triggers.find(sentence);
    let mut used_until = 0;
    let mut taken = Vec::new();
    for (r, entry) in &triggers {
        if r.start < used_until {
            continue;
        }
        used_until = r.end;
        taken.push((r.clone(), *entry));
    }
    taken.retain(|(r, entry)| match entry {
        Entry::Trigger { phrase, verb, .. } => {
            let silent = silent_trigger(sentence, r, phrase) || *verb && silent_verb(sentence, r);
            !silent
                && (!WEAK_COMMITMENTS.contains(&phrase.as_str())
                    || pledging_modal(sentence, r, mentions))
        }
        _ => true,
    });
    taken
}

/// A trigger taken in a sentence, with the text around it that the steps of its claim read.
pub(super) struct Trigger<'a> {
    /// Its place among the sentence's taken triggers.
    pub(super) index: usize,
    pub(super) range: Range<usize>,
    pub(super) entry: &'a Entry,
    pub(super) kind: ClaimKind,
    pub(super) confidence: f64,
    pub(super) phrase: &'a str,
    /// Whether the phrase is a verb from a verb class.
    pub(super) verb: bool,
    pub(super) lower_phrase: String,
    /// Whether it is a noun whose holder may follow as an agent ("a proposal by Egypt").
    pub(super) noun: bool,
    /// Where its clause ends: where the next trigger starts, unless that one is a noun (the
    /// object of this one: "accepted the Hamas offer of …").
    pub(super) clause_end: usize,
    /// The sentence before the trigger, and the same in lower case with its offsets kept.
    pub(super) before: &'a str,
    pub(super) lower_before: String,
    /// The trigger's clause after it.
    pub(super) after: &'a str,
}

impl<'a> Trigger<'a> {
    /// The `index`-th trigger taken in the sentence; `None` for an entry that is no trigger.
    pub(super) fn read(sentence: &Sentence<'a>, index: usize) -> Option<Self> {
        let (range, entry) = (&sentence.taken[index].0, sentence.taken[index].1);
        let Entry::Trigger {
            kind,
            confidence,
            phrase,
            verb,
        } = entry
        else {
            return None;
        };
        let clause_end = sentence.taken[index + 1..]
            .iter()
            .find(|(_, e)| {
                !matches!(e, Entry::Trigger { phrase, .. }
                    if NOUN_TRIGGERS.contains(&phrase.to_lowercase().as_str()))
            })
            .map_or(sentence.text.len(), |(r, _)| r.start);
        let before = sentence.text.slice(..range.start);
        let lower_phrase = phrase.to_lowercase();
        Some(Self {
            index,
            range: range.clone(),
            entry,
            kind: *kind,
            confidence: *confidence,
            phrase,
            verb: *verb,
            noun: NOUN_TRIGGERS.contains(&lower_phrase.as_str()),
            lower_phrase,
            clause_end,
            before,
            lower_before: lowercase_in_place(before),
            after: sentence.text.slice(range.end..clause_end),
        })
    }

    /// Whether the trigger takes no position of its own here: it yields to the trigger after
    /// it, restates the one before it, lacks a subject or holder of its own, or is a courtesy.
    pub(super) fn yields(&self, sentence: &Sentence) -> bool {
        self.yields_to_next(sentence)
            || self.restates_a_demand(sentence)
            || self.lacks_a_holder(sentence)
            || self.is_courtesy(sentence.text)
    }

    /// A verb of saying that introduces another position ("Rubio stressed the United States is
    /// deeply troubled"), or a light verb before a nominal position whose holder follows
    /// ("They will continue to have the full support of the United States").
    fn yields_to_next(&self, sentence: &Sentence) -> bool {
        let taken = &sentence.taken;
        if self.kind == ClaimKind::Statement
            && SPEECH_VERBS.contains(&self.lower_phrase.as_str())
            && self.index + 1 < taken.len()
        {
            return true;
        }
        let Some((
            next,
            Entry::Trigger {
                phrase: next_phrase,
                ..
            },
        )) = taken.get(self.index + 1)
        else {
            return false;
        };
        let between = sentence
            .text
            .slice(self.range.end..next.start)
            .trim()
            .to_lowercase();
        next_phrase.ends_with(" of")
            && ["have the", "has the", "had the", "have", "has", "enjoy the"]
                .contains(&between.as_str())
    }

    /// "insist he must leave", "urged that all parties must": a modal restating the demand
    /// already made by the verb before it; "must … be committed to the peace process": a
    /// commitment that is what the demand before it asks for.
    fn restates_a_demand(&self, sentence: &Sentence) -> bool {
        let demand_before = || {
            sentence.taken[..self.index].iter().any(|(_, e)| {
                matches!(
                    e,
                    Entry::Trigger {
                        kind: ClaimKind::Demand,
                        ..
                    }
                )
            })
        };
        if self.kind == ClaimKind::Demand
            && MODAL_DEMANDS.contains(&self.lower_phrase.as_str())
            && demand_before()
        {
            return true;
        }
        self.kind == ClaimKind::Commitment
            && previous_word(sentence.text, self.range.start)
                .is_some_and(|(_, w)| w.eq_ignore_ascii_case("be"))
            && demand_before()
    }

    /// A participle after a document's name ("peace accords signed in 2007") without its agent
    /// after it; "will not", "would not" without a subject of their own ("the supplies would
    /// not end up …"); a noun without its holder right before it or as its agent ("discussed a
    /// ceasefire proposal").
    fn lacks_a_holder(&self, sentence: &Sentence) -> bool {
        let (text, mentions) = (sentence.text, &sentence.mentions);
        let start = self.range.start;
        if previous_word(text, start)
            .is_some_and(|(_, w)| DOCUMENT_NOUNS.contains(&w.to_lowercase().as_str()))
            && !agent_follows(text, self.range.end)
        {
            return true;
        }
        if WEAK_REJECTIONS.contains(&self.lower_phrase.as_str())
            && !previous_word(text, start).is_some_and(|(at, w)| {
                ["it", "they", "he", "she", "we", "i"].contains(&w.to_lowercase().as_str())
                    || mentions.iter().any(|m| m.range.end == at + w.len())
            })
        {
            return true;
        }
        self.noun
            && !agent_follows(text, self.range.end)
            && !previous_word(text, start).is_some_and(|(at, w)| {
                let w = w.to_lowercase();
                w.ends_with("'s")
                    || w.ends_with("’s")
                    || w.ends_with(['\'', '’'])
                    || mentions.iter().any(|m| m.range.end == at + w.len())
            })
    }

    /// "Thank you", "thanks to your teams": courtesy to those present; "Welcome the foreign
    /// ministers …": a bare "Welcome" opening a sentence or a speaker's turn greets guests.
    fn is_courtesy(&self, sentence: &str) -> bool {
        let courtesy = self.lower_phrase.starts_with("thank")
            && sentence
                .slice(self.range.end..)
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty() && *w != "to")
                .is_some_and(|w| ["you", "your"].contains(&w));
        let greeting = sentence.slice(self.range.clone()) == "Welcome"
            && sentence
                .slice(..self.range.start)
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| c == ':');
        courtesy || greeting
    }
}
