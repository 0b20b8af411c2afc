//! What the steps of reading an article share: the article being read, what reading has found
//! so far (the claims, the proposed actors, who the last sentences named), the sentence being
//! read with what it names, and what the steps of one claim adjust as they go.

use super::draft::DraftClaim;
use super::lexicon::{Entry, Lexicon};
use super::mentions::Mention;
use super::references::GenericReferences;
use crate::model::{Actor, Dataset, Date, Source};
use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

/// What stays the same while the article is read: its text, the data it is read against, its
/// source and publisher, and the author who speaks as "I" and "we".
pub(super) struct Article<'a> {
    pub(super) text: &'a str,
    pub(super) lexicon: &'a Lexicon,
    pub(super) reference: &'a Dataset,
    pub(super) published: Date,
    pub(super) publisher: &'a str,
    pub(super) source: &'a Source,
    pub(super) speaker: Option<String>,
    pub(super) known_places: BTreeSet<&'a str>,
    pub(super) references: GenericReferences,
    pub(super) inside_words: HashSet<&'a str>,
}

/// What reading has found so far: the claims, the actors proposed for names the gazetteer does
/// not know, the lexicon's new actors used, and who the last sentences named.
#[derive(Default)]
pub(super) struct Reading {
    pub(super) claims: Vec<DraftClaim>,
    pub(super) proposed: Vec<Actor>,
    pub(super) new_actor_ids: BTreeSet<String>,
    pub(super) last_subject: Option<String>,
    pub(super) last_person: Option<String>,
    pub(super) last_speaker: Option<String>,
    /// The first state, group or organisation named in the last sentence naming one.
    pub(super) last_party: Option<String>,
}

/// One sentence as the triggers in it see it: where it stands, who it names, the places and
/// action words in it, and the triggers that take a position.
pub(super) struct Sentence<'a> {
    pub(super) index: usize,
    /// Its byte range in the text.
    pub(super) range: Range<usize>,
    pub(super) text: &'a str,
    /// The character offset of its start in the text.
    pub(super) chars: u64,
    pub(super) mentions: Vec<Mention>,
    /// Common nouns for a group that no named group takes up ("rebel leaders").
    pub(super) unresolved: Vec<Range<usize>>,
    pub(super) places: Vec<(Range<usize>, String)>,
    pub(super) actions: Vec<(Range<usize>, &'a Entry)>,
    pub(super) taken: Vec<(Range<usize>, &'a Entry)>,
}

/// What the steps of one claim adjust as they go: how sure it is, and where its evidence
/// starts (the holder's name, a pronoun, or the trigger).
pub(super) struct Attempt {
    pub(super) confidence: f64,
    pub(super) start_of_quote: usize,
}

/// The note each claim drafted from a sentence carries.
pub(super) fn sentence_note(sentence_index: usize) -> String {
    format!(
        "Drafted by negkg extract from sentence {}; review it.",
        sentence_index + 1
    )
}
