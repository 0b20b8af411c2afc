//! Common nouns that stand for a named actor: "the government" for the state named with its
//! government, "the rebels" for the group the article names, a title ("the Secretary-General")
//! for the person last named with it, and a surname for the person named in full before; and
//! the actors a sentence names, the gazetteer's matches and these together.

use super::lexicon::{Entry, Lexicon};
use super::mentions::{Mention, NOT_NAMES};
use super::text::{floor_boundary, previous_word, SliceText};
use std::ops::Range;

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
pub(super) struct GenericReferences {
    found: Vec<Mention>,
    /// Common nouns for a group ("rebel leaders") that no named group takes up.
    unresolved: Vec<Range<usize>>,
}

impl GenericReferences {
    pub(super) fn new(text: &str, lexicon: &Lexicon) -> Self {
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
        let (governments, bare) = governments(text, &lower, &all, lexicon);
        let mut found = Vec::new();
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
        let mut unresolved = group_nouns(text, &lower, &all, lexicon, &mut found);
        found.extend(titles(text, &lower, &all, lexicon));
        found.extend(surnames(text, &all, lexicon));
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
    pub(super) fn within(&self, range: Range<usize>) -> impl Iterator<Item = Mention> + '_ {
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

/// Whether the `len` bytes at `at` of the text stand as words of their own.
fn bounded(text: &str, at: usize, len: usize) -> bool {
    text.slice(..at)
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
        && text
            .slice(at + len..)
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Where a state's government is named ("Yemen's government", "the government of Nepal"; else
/// "Sri Lankan officials", a state named with those who govern it; else the state the article
/// names most often, the first of those named equally often), with the state; and each bare
/// "the government".
fn governments(
    text: &str,
    lower: &str,
    all: &[Mention],
    lexicon: &Lexicon,
) -> (Vec<(usize, String)>, Vec<Range<usize>>) {
    let mut governments: Vec<(usize, String)> = Vec::new();
    let mut bare: Vec<Range<usize>> = Vec::new();
    for (at, _) in lower.match_indices("government") {
        if !bounded(text, at, "government".len()) {
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
    if governments.is_empty() {
        governments = offices(lower, all, lexicon);
    }
    if governments.is_empty() && !bare.is_empty() {
        governments.extend(most_named_state(all, lexicon));
    }
    (governments, bare)
}

/// "Nepali Deputy Prime Minister KP Oli", "Sri Lankan officials": states named with those who
/// govern them, where the office starts.
fn offices(lower: &str, all: &[Mention], lexicon: &Lexicon) -> Vec<(usize, String)> {
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
    offices
}

/// The state the article names most often (the first of those named equally often), where
/// it is first named.
fn most_named_state(all: &[Mention], lexicon: &Lexicon) -> Option<(usize, String)> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for m in all.iter().filter(|m| lexicon.states.contains(&m.actor)) {
        match counts.iter_mut().find(|(id, _, _)| *id == m.actor) {
            Some(entry) => entry.1 += 1,
            None => counts.push((m.actor.clone(), 1, m.range.start)),
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n, first)| (*n, std::cmp::Reverse(*first)))
        .map(|(id, _, at)| (*at, id.clone()))
}

/// "The rebels" and the like: the group named last before (else first in the article),
/// pushed to `found`; returns those no named group takes up.
fn group_nouns(
    text: &str,
    lower: &str,
    all: &[Mention],
    lexicon: &Lexicon,
    found: &mut Vec<Mention>,
) -> Vec<Range<usize>> {
    let mut unresolved = Vec::new();
    for noun in &lexicon.group_nouns {
        let noun = noun.to_ascii_lowercase();
        for (at, _) in lower.match_indices(&noun) {
            if !bounded(text, at, noun.len()) {
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
                // "the group", "the movement" may name anything: unresolved, they hide
                // nothing.
                None if WEAK_GROUP_NOUNS.contains(&noun.as_str()) => {}
                None => unresolved.push(at..at + noun.len()),
            }
        }
    }
    unresolved
}

/// "The Secretary-General" and other titles: the person named last before with this title
/// just before the name.
fn titles(text: &str, lower: &str, all: &[Mention], lexicon: &Lexicon) -> Vec<Mention> {
    let mut found = Vec::new();
    for noun in &lexicon.title_nouns {
        let bare = noun.trim_start_matches("the ").to_owned();
        let noun = noun.to_ascii_lowercase();
        for (at, _) in lower.match_indices(&noun) {
            if !bounded(text, at, noun.len()) {
                continue;
            }
            let person = all.iter().rev().find(|m| {
                m.range.end <= at
                    && lexicon.persons.contains(&m.actor)
                    && text
                        .slice(
                            floor_boundary(text, m.range.start.saturating_sub(48))..m.range.start,
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
    found
}

/// "Ashraf Ghani … Ghani said": a person named in full is named by surname after. One pass
/// over the text for all surnames keeps this linear.
fn surnames(text: &str, all: &[Mention], lexicon: &Lexicon) -> Vec<Mention> {
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
    let mut found = Vec::new();
    let Ok(automaton) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(surnames.iter().map(|(s, _, _)| s.as_str()))
    else {
        return found;
    };
    for found_surname in automaton.find_iter(text) {
        let (_, actor, after) = &surnames[found_surname.pattern().as_usize()];
        let at = found_surname.start();
        // Known mentions are sorted by start: the last few starting at or before `at` are
        // those that may cover it.
        let until = all.partition_point(|o| o.range.start <= at);
        let covered = all[until.saturating_sub(3)..until]
            .iter()
            .any(|o| o.range.end > at);
        if at >= *after && bounded(text, at, found_surname.len()) && !covered {
            found.push(Mention {
                range: at..found_surname.end(),
                actor: actor.clone(),
            });
        }
    }
    found
}

/// The actors a sentence (at `range` of the text) names, sorted by where they start, and the
/// common nouns for a group that no named group takes up (offsets into the sentence).
/// `entities` are the gazetteer's matches in the sentence.
pub(super) fn sentence_mentions(
    sentence: &str,
    range: Range<usize>,
    entities: &[(Range<usize>, &Entry)],
    references: &GenericReferences,
) -> (Vec<Mention>, Vec<Range<usize>>) {
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
    for generic in references.within(range) {
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
    // "Tigrayan leaders": a common noun the gazetteer knows ("leaders") after a capitalised
    // word inside the sentence is part of another name, not the actor.
    mentions.retain(|m| {
        let written = sentence.slice(m.range.clone());
        written.chars().any(char::is_uppercase)
            || !previous_word(sentence, m.range.start).is_some_and(|(at, w)| {
                at > 0
                    && w.starts_with(char::is_uppercase)
                    && !NOT_NAMES.contains(&w.trim_end_matches('.'))
            })
    });
    (mentions, unresolved)
}
