//! The holder of a trigger's position: the subject named before it (not a name in a phrase of
//! place, an apposition or a possessive), a pronoun taken up from the sentences before, the
//! author for "I" and "we", the agent of a passive ("endorsed by Egypt"), the one who reports
//! a modal demand, or the speaker of a quotation.

use super::attribution::{
    attribution, inside_quote, quote_speaker, reporting_speaker, unknown_speaker,
};
use super::draft::DraftClaim;
use super::mentions::{
    common_word_opening, is_oblique, proper_nouns, propose_actor, propose_person, unknown_name,
    Mention, NAME_TITLES,
};
use super::reading::{sentence_note, Article, Attempt, Reading, Sentence};
use super::text::{last_word, previous_word, SliceText};
use super::triggers::{agent_follows, Trigger, DOCUMENT_NOUNS, MODAL_DEMANDS};
use crate::model::{ActorType, ClaimKind, Dataset};
use std::ops::Range;

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

/// Words that open a relative or complement clause with a subject of its own ("rights that
/// we support").
const RELATIVIZERS: &[&str] = &["that", "which", "who", "whom", "what", "because"];

/// The end of `before` once adverbs and auxiliaries right before the verb are left out.
pub(super) fn strip_adverbs(before: &str) -> usize {
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

/// What stands before a trigger that may be its subject.
pub(super) struct Subject<'s> {
    /// The actor named closest before the trigger that can be its subject: not in a phrase of
    /// place, an apposition or a possessive of something else.
    pub(super) mention: Option<&'s Mention>,
    /// "he", "she", "they", "his", "her", "their" or "it" before the trigger.
    pub(super) pronoun: bool,
    /// "I", "we" or "our" before the trigger.
    pub(super) first_person: bool,
    /// "… demanded X and threatened Y": a second verb sharing the first one's subject.
    pub(super) coordinated: bool,
    /// "… in Turkey that he himself initiated": a pronoun after the nearest name.
    pub(super) pronoun_after_mention: bool,
    /// "their", "its", "his" or "her" right before the trigger.
    pub(super) possessive: Option<String>,
    /// A name the gazetteer does not know before the trigger, not in a phrase of place, with
    /// whether a title names a person.
    pub(super) unknown: Option<(Range<usize>, String, bool)>,
    /// "Spanish Prime Minister Jose Luis Zapatero": such a name, titled, right after the
    /// state named in its title.
    pub(super) titled_after_state: Option<(Range<usize>, String, bool)>,
}

impl<'s> Subject<'s> {
    /// Reads what stands before the trigger; `claims` are those drafted so far.
    pub(super) fn read(
        article: &Article,
        sentence: &'s Sentence,
        trigger: &Trigger,
        claims: &[DraftClaim],
    ) -> Self {
        let text = sentence.text;
        let lower_before = &trigger.lower_before;
        let (mention, first_person_before) = subject_mention(article, sentence, trigger);
        // "“We will …": the pronoun may follow an opening quote.
        let spaced = format!(" {}", lower_before.replace(['“', '"', '‘', '(', '['], " "));
        let pronoun = ["he ", "she ", "they ", "his ", "her ", "their ", "it "]
            .iter()
            .any(|p| spaced.contains(&format!(" {p}")));
        let first_person =
            first_person_before || [" i ", " our ", " we "].iter().any(|p| spaced.contains(p));
        let coordinated = trigger.index > 0
            && lower_before.trim_end().ends_with(" and")
            && claims.last().is_some_and(|c: &DraftClaim| {
                c.claim.note.as_deref() == Some(&sentence_note(sentence.index))
            });
        let pronoun_after_mention = mention.is_some_and(|m| {
            let between = text.slice(m.range.end..trigger.range.start).to_lowercase();
            let personal = [" he ", " she "]
                .iter()
                .any(|p| format!(" {between} ").contains(p));
            // "Rebels … say they have agreed": "they" and "it" take up a group or a state.
            let plural = format!(" {between} ").contains(" they ");
            personal || (plural && article.lexicon.persons.contains(&m.actor))
        });
        // "their readiness to engage", "its commitment to": the nominal form of a position
        // whose holder was named before.
        let possessive = previous_word(text, trigger.range.start)
            .map(|(_, w)| w.to_lowercase())
            .filter(|w| ["their", "its", "his", "her"].contains(&w.as_str()));
        let unknown = unknown_subject(article, sentence, trigger);
        let titled_after_state = titled_after_state(text, mention, &unknown);
        Self {
            mention,
            pronoun,
            first_person,
            coordinated,
            pronoun_after_mention,
            possessive,
            unknown,
            titled_after_state,
        }
    }
}

/// The actor named closest before the trigger that can be its subject, and whether a
/// first-person subject stands before the trigger in a way that rules names out: "We, the G7
/// Foreign Ministers of …, strongly condemn" (the pronoun before the apposition), "…, rights
/// that we strongly support" (right before the verb, after a relative word).
fn subject_mention<'s>(
    article: &Article,
    sentence: &'s Sentence,
    trigger: &Trigger,
) -> (Option<&'s Mention>, bool) {
    let (text, mentions) = (sentence.text, &sentence.mentions);
    let before = trigger.before;
    let subject_end = strip_adverbs(before);
    let lead_pronoun = {
        let start = trigger.lower_before.trim_start();
        (start.starts_with("we,") || start.starts_with("i,"))
            && before.slice(..subject_end).ends_with(',')
    };
    let adjacent_first_person = last_word(before.slice(..subject_end)).is_some_and(|(at, w)| {
        ["we", "i"].contains(&w.to_lowercase().as_str())
            && last_word(before.slice(..at).trim_end())
                .is_some_and(|(_, r)| RELATIVIZERS.contains(&r.to_lowercase().as_str()))
    });
    // "the United States, as a friend to both Armenia and Azerbaijan, is committed": names in
    // an apposition between commas right before the trigger are not its subject when a name
    // stands before the apposition.
    let apposition = apposition_before(before.slice(..subject_end)).filter(|a| {
        mentions
            .iter()
            .any(|m| m.range.end <= a.start && before.slice(m.range.end..a.start).trim().is_empty())
    });
    let mention = mentions.iter().rev().find(|m| {
        !lead_pronoun
            && !adjacent_first_person
            && apposition
                .as_ref()
                .is_none_or(|a| m.range.end <= a.start || m.range.start >= a.end)
            && m.range.end <= trigger.range.start
            && !is_oblique(text, m.range.start, mentions, article.lexicon)
            && !is_possessor(text.slice(m.range.end..trigger.range.start))
    });
    (mention, lead_pronoun || adjacent_first_person)
}

/// A name the gazetteer does not know, before the trigger and not in a phrase of place: a
/// candidate holder.
fn unknown_subject(
    article: &Article,
    sentence: &Sentence,
    trigger: &Trigger,
) -> Option<(Range<usize>, String, bool)> {
    let (text, mentions) = (sentence.text, &sentence.mentions);
    proper_nouns(text.slice(..trigger.range.start))
        .into_iter()
        .rev()
        .filter(|(r, _)| {
            !is_oblique(text, r.start, mentions, article.lexicon)
                && !common_word_opening(text, r, &article.inside_words)
        })
        .find_map(|(r, _)| unknown_name(text, r, mentions))
        .filter(|(_, name, titled)| *titled || !is_common_noun(name))
}

/// "Spanish Prime Minister Jose Luis Zapatero reacted": a titled name the gazetteer does not
/// know, right after the state named in its title, is the subject, not the state.
fn titled_after_state(
    sentence: &str,
    mention: Option<&Mention>,
    unknown: &Option<(Range<usize>, String, bool)>,
) -> Option<(Range<usize>, String, bool)> {
    unknown.clone().filter(|(r, _, titled)| {
        *titled
            && mention.is_some_and(|m| {
                m.range.end <= r.start
                    && sentence
                        .slice(m.range.end..r.start)
                        .split_whitespace()
                        .all(|w| {
                            let w = w.trim_end_matches('.');
                            NAME_TITLES.contains(&w)
                                || ["leader", "spokesman", "spokeswoman", "envoy", "minister"]
                                    .contains(&w.to_lowercase().as_str())
                        })
            })
    })
}

/// The holder as the subject gives it, in order: the first verb's holder for a coordinated
/// one, a titled unknown name after its state, the one a possessive takes up, a person
/// before a pronoun, the named subject, the one "I" or "we" stands for, the one a pronoun
/// takes up, an unknown name, else someone named after the trigger or the author.
pub(super) fn choose(
    article: &Article,
    sentence: &Sentence,
    trigger: &Trigger,
    subject: &Subject,
    attempt: &mut Attempt,
    reading: &mut Reading,
) -> Option<String> {
    let text = sentence.text;
    if subject.coordinated {
        reading.claims.last().map(|c| c.claim.holder.clone())
    } else if let Some((name_range, name, _)) = subject.titled_after_state.clone() {
        attempt.confidence *= 0.8;
        attempt.start_of_quote = name_range.start;
        Some(propose_person(&name, &mut reading.proposed))
    } else if let Some(word) = subject
        .possessive
        .clone()
        .filter(|_| subject.mention.is_none())
    {
        attempt.confidence *= 0.8;
        if let Some((at, _)) = previous_word(text, trigger.range.start) {
            attempt.start_of_quote = at;
        }
        if word == "his" || word == "her" {
            reading
                .last_person
                .clone()
                .or_else(|| reading.last_subject.clone())
        } else {
            reading.last_subject.clone()
        }
    } else if subject.pronoun_after_mention {
        attempt.confidence *= 0.8;
        sentence
            .mentions
            .iter()
            .find(|m| article.lexicon.persons.contains(&m.actor))
            .map(|m| m.actor.clone())
            .or_else(|| reading.last_person.clone())
    } else if let Some(m) = subject.mention.filter(|m| {
        // "Obasanjo told reporters the two sides had agreed": the sides hold it.
        let between = text.slice(m.range.end..trigger.range.start).to_lowercase();
        !(trigger.kind == ClaimKind::Agreement
            && ["the parties", "both sides", "the two sides", "the sides"]
                .iter()
                .any(|p| between.contains(p)))
    }) {
        attempt.start_of_quote = m.range.start;
        Some(m.actor.clone())
    } else if subject.first_person {
        first_person_holder(article, sentence, trigger, attempt, reading)
    } else if subject.pronoun {
        pronoun_holder(trigger, subject, attempt, reading)
    } else if let Some((name_range, name, titled)) = subject.unknown.clone() {
        // A name the gazetteer does not know: propose a new actor (a person when a title names
        // it: "Nepali Deputy Prime Minister KP Oli").
        attempt.confidence *= 0.8;
        attempt.start_of_quote = name_range.start;
        if titled {
            Some(propose_person(&name, &mut reading.proposed))
        } else {
            Some(propose_actor(&name, &mut reading.proposed))
        }
    } else {
        holder_after_trigger(article, sentence, trigger, reading)
    }
}

/// The one "I" or "we" stands for: the author, or inside a quotation ("“I want these talks to
/// resume,” Kony said") the one quoted (named in the sentence, else the one last reported as
/// speaking).
fn first_person_holder(
    article: &Article,
    sentence: &Sentence,
    trigger: &Trigger,
    attempt: &mut Attempt,
    reading: &mut Reading,
) -> Option<String> {
    attempt.confidence *= 0.9;
    attempt.start_of_quote =
        subject_pronoun_start(trigger.before, &["i", "we"]).unwrap_or(attempt.start_of_quote);
    if !inside_quote(sentence.text, trigger.range.start) {
        return article.speaker.clone();
    }
    match quote_speaker(sentence.text, &sentence.mentions) {
        Some(Some(quoted)) => Some(quoted),
        Some(None) => reading
            .last_person
            .clone()
            .or_else(|| reading.last_subject.clone()),
        None => unknown_speaker(sentence.text, &sentence.mentions)
            .map(|name| propose_person(&name, &mut reading.proposed))
            .or_else(|| reading.last_speaker.clone())
            .or_else(|| article.speaker.clone()),
    }
}

/// The one a pronoun takes up: "he" and "she" the person last named, "they" and "it" a state
/// or group; an unknown name before the pronoun in the same sentence wins ("Rebel leader
/// Ahmed Musa said his movement was ready").
fn pronoun_holder(
    trigger: &Trigger,
    subject: &Subject,
    attempt: &mut Attempt,
    reading: &mut Reading,
) -> Option<String> {
    let before = trigger.before;
    attempt.confidence *= 0.8;
    let at = subject_pronoun_start(before, &["he", "she", "they", "it"]);
    attempt.start_of_quote = at.unwrap_or(attempt.start_of_quote);
    // "it must be in line with the Charter": "it" is no actor before a modal.
    let personal = at.is_some_and(|at| {
        let word = before.slice(at..).to_lowercase();
        word.starts_with("he ")
            || word.starts_with("she ")
            || (word.starts_with("it ") && MODAL_DEMANDS.contains(&trigger.lower_phrase.as_str()))
    });
    let pronoun_at = at.unwrap_or_else(|| {
        ["his ", "her ", "their ", "its "]
            .iter()
            .filter_map(|p| trigger.lower_before.rfind(p))
            .max()
            .unwrap_or(0)
    });
    let named_before = subject
        .unknown
        .as_ref()
        .filter(|(r, _, _)| r.end <= pronoun_at)
        .map(|(r, name, titled)| {
            attempt.start_of_quote = r.start;
            if *titled {
                propose_person(name, &mut reading.proposed)
            } else {
                propose_actor(name, &mut reading.proposed)
            }
        });
    if named_before.is_some() {
        named_before
    } else if personal || at.is_none() {
        reading
            .last_person
            .clone()
            .or_else(|| reading.last_subject.clone())
    } else {
        reading
            .last_party
            .clone()
            .or_else(|| reading.last_subject.clone())
    }
}

/// Without a subject before the trigger: those who agreed before for "the parties"; else the
/// one named with a verb of saying or "according to" (“…,” X said), an unknown speaker, or
/// for demands and statements, the author (not for others' agreements).
fn holder_after_trigger(
    article: &Article,
    sentence: &Sentence,
    trigger: &Trigger,
    reading: &mut Reading,
) -> Option<String> {
    let parties = ["the parties", "both sides", "the two sides", "the sides"]
        .iter()
        .any(|p| trigger.lower_before.contains(p));
    if parties {
        // "The parties accepted to halt …": those who agreed before.
        return reading
            .claims
            .iter()
            .rev()
            .find(|c| c.claim.kind == ClaimKind::Agreement)
            .map(|c| c.claim.holder.clone());
    }
    attribution(sentence.text, trigger.range.end, &sentence.mentions)
        .or_else(|| {
            // "…,” said Jehan Perera": a speaker the gazetteer does not know.
            unknown_speaker(sentence.text, &sentence.mentions)
                .map(|name| propose_person(&name, &mut reading.proposed))
        })
        .or_else(|| {
            matches!(trigger.kind, ClaimKind::Demand | ClaimKind::Statement)
                .then(|| article.speaker.clone())
                .flatten()
        })
}

/// Whether a trigger is in the passive voice ("endorsed by the Arab League", "agreed to by
/// both sides", "a proposal from Egypt"), where the holder is the agent after "by".
pub(super) struct Voice {
    /// "was welcomed by the United Nations": a participle after a form of "be".
    participle: bool,
    /// A passive trigger with an agent after it ("by …", or "from …" after a noun).
    pub(super) agent_by: bool,
}

impl Voice {
    pub(super) fn read(sentence: &Sentence, trigger: &Trigger) -> Self {
        let next_words = sentence
            .text
            .slice(trigger.range.end..trigger.clause_end)
            .trim_start()
            .to_lowercase();
        let participle = trigger.lower_phrase.ends_with("ed")
            && previous_word(sentence.text, trigger.range.start).is_some_and(|(_, w)| {
                ["was", "were", "been", "is", "are", "be", "being"]
                    .contains(&w.to_lowercase().as_str())
            });
        let passive = matches!(
            trigger.kind,
            ClaimKind::Agreement | ClaimKind::Proposal | ClaimKind::Rejection
        ) || participle
            || trigger.noun;
        let next_words = if trigger.noun && next_words.starts_with("from ") {
            format!("by {}", next_words.slice("from ".len()..))
        } else {
            next_words
        };
        Self {
            participle,
            agent_by: passive && next_words.starts_with("by "),
        }
    }

    /// The holder once the voice is heard: the one named after "of" ("the readiness of the
    /// United Nations to support"), the agent of a passive (and without one no claim), or
    /// `holder` as it was.
    pub(super) fn holder(
        &self,
        sentence: &Sentence,
        trigger: &Trigger,
        attempt: &mut Attempt,
        holder: Option<String>,
    ) -> Option<String> {
        let (text, end, clause_end) = (sentence.text, trigger.range.end, trigger.clause_end);
        let nominal_of = !trigger.verb && trigger.lower_phrase.ends_with(" of") && !trigger.noun;
        if nominal_of {
            attempt.start_of_quote = trigger.range.start;
            return sentence
                .mentions
                .iter()
                .find(|m| {
                    m.range.start >= end && m.range.start <= end + 8 && m.range.end <= clause_end
                })
                .map(|m| m.actor.clone());
        }
        if !self.agent_by {
            return holder;
        }
        let by = end + (text.slice(end..).len() - text.slice(end..).trim_start().len());
        let agent = sentence
            .mentions
            .iter()
            .find(|m| m.range.start >= by && m.range.start <= by + 40 && m.range.end <= clause_end)
            .map(|m| m.actor.clone());
        // "is deeply troubled by escalation": an adjective, whose subject holds it.
        let adjective = self.participle
            && agent.is_none()
            && !matches!(
                trigger.kind,
                ClaimKind::Agreement | ClaimKind::Proposal | ClaimKind::Rejection
            );
        if adjective {
            holder
        } else {
            attempt.start_of_quote = trigger.range.start;
            agent
        }
    }
}

/// "which the government had accepted, but rebel leaders rejected": whether the subject is a
/// common noun for a group the article names none for (nobody known, not the name before it).
/// "rebel leader Ahmed Musa": a group noun used as a title names the person after it instead.
pub(super) fn unresolved_subject(
    sentence: &Sentence,
    trigger: &Trigger,
    mention: Option<&Mention>,
) -> bool {
    let text = sentence.text;
    sentence.unresolved.iter().any(|u| {
        u.end <= trigger.range.start
            && !text
                .slice(u.end..)
                .trim_start()
                .starts_with(|c: char| c.is_uppercase())
            && mention.is_none_or(|m| m.range.end <= u.start)
            && !text
                .slice(u.end..trigger.range.start)
                .contains([',', ';', ':'])
    })
}

/// "Kerry said Russia must withdraw": the subject of a modal demand is the one asked to act
/// (returned as the addressee); the demand is the reporter's (the one who said it), else the
/// author's. Other triggers keep `holder`.
pub(super) fn modal_demand(
    article: &Article,
    sentence: &Sentence,
    trigger: &Trigger,
    subject: &Subject,
    attempt: &mut Attempt,
    reading: &mut Reading,
    holder: Option<String>,
) -> (Option<String>, Option<String>) {
    let Some(asked) = subject.mention.filter(|m| {
        MODAL_DEMANDS.contains(&trigger.lower_phrase.as_str())
            && !subject.coordinated
            && m.range.end == strip_adverbs(trigger.before)
    }) else {
        return (holder, None);
    };
    let (text, mentions) = (sentence.text, &sentence.mentions);
    attempt.start_of_quote = asked.range.start;
    let reporter = match reporting_speaker(text, asked.range.start, mentions, article.lexicon) {
        Some(Some(reporter)) => Some(reporter),
        // A pronoun reports: the one last named.
        Some(None) => reading
            .last_person
            .clone()
            .or_else(|| reading.last_subject.clone()),
        None => attribution(text, trigger.range.end, mentions)
            .or_else(|| {
                unknown_speaker(text, mentions)
                    .map(|name| propose_person(&name, &mut reading.proposed))
            })
            .or_else(|| {
                inside_quote(text, trigger.range.start)
                    .then(|| reading.last_speaker.clone())
                    .flatten()
            })
            .or_else(|| article.speaker.clone()),
    };
    (
        reporter.filter(|h| *h != asked.actor),
        Some(asked.actor.clone()),
    )
}

/// A noun's holder is the name right before it ("the Hamas offer", "Egypt's proposal") or its
/// agent ("a proposal by Egypt", already found), no one further away.
pub(super) fn noun_holder(
    sentence: &Sentence,
    trigger: &Trigger,
    attempt: &mut Attempt,
    holder: Option<String>,
) -> Option<String> {
    if !trigger.noun || agent_follows(sentence.text, trigger.range.end) {
        return holder;
    }
    sentence
        .mentions
        .iter()
        .find(|m| {
            m.range.end <= trigger.range.start
                && matches!(
                    sentence
                        .text
                        .slice(m.range.end..trigger.range.start)
                        .trim_end(),
                    "" | "'s" | "’s" | "'" | "’"
                )
        })
        .map(|m| {
            attempt.start_of_quote = m.range.start;
            m.actor.clone()
        })
}

/// A group that speaks for a state ("his negotiators") voices the state's position: the
/// holder becomes the state, and the group the one who voices it.
pub(super) fn voiced_by(reference: &Dataset, holder: String) -> (String, Option<String>) {
    match reference
        .actors
        .iter()
        .find(|a| a.id == holder && a.actor_type == ActorType::Group)
        .and_then(|a| a.affiliation.clone())
    {
        Some(affiliation) => (affiliation, Some(holder)),
        None => (holder, None),
    }
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
