//! Reading one article from top to bottom: its text prepared, its source and publisher, its
//! author, then sentence by sentence the triggers that take a position, each drafted into a
//! claim, with what a sentence leaves for the next (the subject, person, speaker and party it
//! named last). At the end, a position said twice is kept once and the new actors and actions
//! the claims use are listed.

use super::attribution::{attribution, author, quote_speaker, unknown_speaker};
use super::claim::{record, Found};
use super::dates::date_from_days;
use super::draft::{ArticleInfo, Draft, DraftClaim};
use super::holder::{self, Subject, Voice};
use super::lexicon::{Entry, Lexicon};
use super::mentions::{new_actor_id, propose_person, words_inside_sentences};
use super::objects;
use super::reading::{Article, Attempt, Reading, Sentence};
use super::references::{sentence_mentions, GenericReferences};
use super::text::{self, slug, CharOffsets, SliceText};
use super::triggers::{taken_triggers, Trigger};
use crate::model::{Action, Actor, ActorType, Dataset, Source, SourceKind};
use std::collections::BTreeSet;
use std::ops::Range;

/// Drafts claims from an article. `reference` is the data the article is read against (its
/// actors, places and actions are reused); the text may be plain or HTML.
pub fn extract(input: &str, info: &ArticleInfo, lexicon: &Lexicon, reference: &Dataset) -> Draft {
    let text = text::article_text(input);
    let sentences = text::sentences(&text);
    let mut extra_actors: Vec<Actor> = Vec::new();
    let source = source_of(&text, info, reference, &mut extra_actors);
    let (published, publisher) = (source.published, source.publisher.clone());
    let mut reading = Reading::default();
    let speaker = author(
        &text,
        &sentences,
        lexicon,
        info.publisher.as_deref(),
        &mut reading.proposed,
    );
    {
        let article = Article {
            text: &text,
            lexicon,
            reference,
            published,
            publisher: &publisher,
            source: &source,
            speaker,
            known_places: reference.places.iter().map(|p| p.id.as_str()).collect(),
            references: GenericReferences::new(&text, lexicon),
            inside_words: words_inside_sentences(&text),
        };
        let mut char_offsets = CharOffsets::default();
        for (index, range) in sentences.iter().enumerate() {
            let chars = char_offsets.at(&text, range.start);
            read_sentence(&article, index, range.clone(), chars, &mut reading);
        }
    }
    let (claims, new_actions, new_actors) = finish(reading, extra_actors, lexicon, reference);
    Draft {
        text,
        source,
        new_actors,
        new_actions,
        claims,
    }
}

/// The article's source: its title (given, else the text's first line), publisher (a known
/// actor, else a new one pushed to `extra_actors`) and date, and an id made of date and title.
pub(super) fn source_of(
    text: &str,
    info: &ArticleInfo,
    reference: &Dataset,
    extra_actors: &mut Vec<Actor>,
) -> Source {
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
    let publisher = publisher(info.publisher.as_deref(), reference, extra_actors);
    let source_id = format!("{}-{}", published, slug(&title, 48));
    Source {
        id: slug(&source_id, 80),
        title,
        publisher,
        published,
        url: info.url.clone(),
        authors: Vec::new(),
        kind: SourceKind::Article,
        negotiations: Vec::new(),
    }
}

/// The publisher's id: a known actor, or a new organisation named after it (pushed to
/// `extra_actors`), or an unknown publisher to be given.
fn publisher(name: Option<&str>, reference: &Dataset, extra_actors: &mut Vec<Actor>) -> String {
    let Some(name) = name else {
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
        return "unknown-publisher".into();
    };
    let found = reference.actors.iter().find(|a| {
        a.id == *name
            || a.name.eq_ignore_ascii_case(name)
            || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(name))
    });
    if let Some(actor) = found {
        return actor.id.clone();
    }
    let id = slug(name, 40);
    let id = if id.is_empty() {
        new_actor_id(name)
    } else {
        id
    };
    extra_actors.push(Actor {
        id: id.clone(),
        name: name.to_owned(),
        actor_type: ActorType::Organization,
        affiliation: None,
        wikidata: None,
        aliases: Vec::new(),
        members: Vec::new(),
        description: Some("Publisher added by negkg extract.".into()),
    });
    id
}

/// Reads one sentence: drafts a claim for each trigger that takes a position, then remembers
/// who the sentence named.
fn read_sentence(
    article: &Article,
    index: usize,
    range: Range<usize>,
    chars: u64,
    reading: &mut Reading,
) {
    let lexicon = article.lexicon;
    let sentence = article.text.slice(range.clone());
    let entities = lexicon.actors.find(sentence);
    let (mentions, unresolved) =
        sentence_mentions(sentence, range.clone(), &entities, &article.references);
    // A title line ("CAR Rebels Agree to Temporary Cease-Fire") repeats the body: no claims.
    let title_line = index == 0
        && article.text.slice(range.end..).starts_with("\n\n")
        && !sentence.ends_with(['.', '"', '”']);
    if title_line {
        if let Some(first) = mentions.first() {
            reading.last_subject = Some(first.actor.clone());
        }
        return;
    }
    let places: Vec<(Range<usize>, String)> = entities
        .iter()
        .filter_map(|(r, e)| match e {
            Entry::Place(id) if article.known_places.contains(id.as_str()) => {
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
    let taken = taken_triggers(sentence, lexicon, &mentions);
    let sentence = Sentence {
        index,
        range,
        text: sentence,
        chars,
        mentions,
        unresolved,
        places,
        actions,
        taken,
    };
    for trigger in 0..sentence.taken.len() {
        draft_claim(article, &sentence, trigger, reading);
    }
    remember(lexicon, &sentence, reading);
}

/// Drafts the claim of the `index`-th trigger taken in the sentence, if it takes one: its
/// holder, then what it is about, then the claim itself.
fn draft_claim(article: &Article, sentence: &Sentence, index: usize, reading: &mut Reading) {
    let Some(trigger) = Trigger::read(sentence, index) else {
        return;
    };
    if trigger.yields(sentence) {
        return;
    }
    let subject = Subject::read(article, sentence, &trigger, &reading.claims);
    let mut attempt = Attempt {
        confidence: trigger.confidence,
        start_of_quote: trigger.range.start,
    };
    let holder = holder::choose(article, sentence, &trigger, &subject, &mut attempt, reading);
    let voice = Voice::read(sentence, &trigger);
    let holder = voice.holder(sentence, &trigger, &mut attempt, holder);
    if holder::unresolved_subject(sentence, &trigger, subject.mention) {
        return;
    }
    let (holder, modal_addressee) = holder::modal_demand(
        article,
        sentence,
        &trigger,
        &subject,
        &mut attempt,
        reading,
        holder,
    );
    let holder = holder::noun_holder(sentence, &trigger, &mut attempt, holder);
    let Some(holder) = holder else { return };
    let (holder, voiced_by) = holder::voiced_by(article.reference, holder);
    let Some(object) = objects::object(sentence, &trigger, &subject, &voice, &mut attempt) else {
        return;
    };
    let found = Found {
        holder,
        voiced_by,
        modal_addressee,
        coordinated: subject.coordinated,
        object,
        attempt,
    };
    record(article, sentence, &trigger, found, reading);
}

/// Remembers who the sentence named: who spoke last ("…, Kony said"), for a quotation in the
/// next sentences, and who it was about, for pronouns in the next one.
fn remember(lexicon: &Lexicon, sentence: &Sentence, reading: &mut Reading) {
    let mentions = &sentence.mentions;
    let mut unknown_person = None;
    match quote_speaker(sentence.text, mentions) {
        Some(Some(quoted)) => reading.last_speaker = Some(quoted),
        Some(None) => {
            reading.last_speaker = reading
                .last_person
                .clone()
                .or_else(|| reading.last_subject.clone());
        }
        None => {
            if let Some(name) = unknown_speaker(sentence.text, mentions) {
                let id = propose_person(&name, &mut reading.proposed);
                reading.last_speaker = Some(id.clone());
                unknown_person = Some(id);
            } else if let Some(reporter) = attribution(sentence.text, 0, mentions) {
                reading.last_speaker = Some(reporter);
            }
        }
    }
    if let Some(party) = mentions
        .iter()
        .find(|m| !lexicon.persons.contains(&m.actor))
    {
        reading.last_party = Some(party.actor.clone());
    }
    if let Some(first) = mentions.first() {
        reading.last_subject = Some(first.actor.clone());
    }
    if let Some(person) = mentions.iter().find(|m| lexicon.persons.contains(&m.actor)) {
        reading.last_person = Some(person.actor.clone());
    }
    // "…,” said Jehan Perera. “…,” he said": "he" takes up the unknown speaker.
    if unknown_person.is_some() {
        reading.last_person = unknown_person;
    }
}

/// The claims, one per holder, kind and action (as analysts record positions, a position said
/// twice keeps its first, usually fullest, statement); the actions the data does not define
/// yet; and the new actors: the publisher, the proposed actors the claims use and the
/// lexicon's own, each once and none the data already has.
pub(super) fn finish(
    reading: Reading,
    extra_actors: Vec<Actor>,
    lexicon: &Lexicon,
    reference: &Dataset,
) -> (Vec<DraftClaim>, Vec<Action>, Vec<Actor>) {
    let Reading {
        mut claims,
        proposed,
        new_actor_ids,
        ..
    } = reading;
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
    (claims, new_actions, new_actors)
}
