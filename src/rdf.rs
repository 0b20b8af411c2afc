//! Maps a [`Dataset`] to RDF quads. Actors, places, issues, actions, events and negotiations go
//! to the reference graph; each source's claims, evidence and direct edges go to a named graph named
//! after the source, so that two accounts of one event stay apart.

use crate::model::{Dataset, Date, NegotiationLookup, ObjectRef};
use crate::vocab::{self, instance};
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, QuadRef, Term};

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const SCHEMA: &str = "https://schema.org/";
const PROV: &str = "http://www.w3.org/ns/prov#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";

fn external(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

/// Where the quads of a dataset go: a list, or straight into a store's transaction (which
/// copies nothing it already holds, so the start on the bundled data makes no owned quad).
pub(crate) trait QuadSink {
    /// Takes one quad.
    fn quad(&mut self, quad: QuadRef<'_>);
}

impl QuadSink for Vec<Quad> {
    fn quad(&mut self, quad: QuadRef<'_>) {
        self.push(quad.into_owned());
    }
}

/// Writes quads for one graph.
struct GraphWriter<'a> {
    graph: GraphName,
    quads: &'a mut dyn QuadSink,
}

impl GraphWriter<'_> {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        let object = object.into();
        self.quads
            .quad(QuadRef::new(subject, predicate, &object, &self.graph));
    }

    fn text(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, value: &str) {
        self.add(subject, predicate, Literal::new_simple_literal(value));
    }

    fn english(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, value: &str) {
        self.add(
            subject,
            predicate,
            Literal::new_language_tagged_literal_unchecked(value, "en"),
        );
    }

    fn date(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, date: Date) {
        self.add(
            subject,
            predicate,
            Literal::new_typed_literal(date.to_string(), xsd::DATE),
        );
    }

    fn integer(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, value: u64) {
        self.add(
            subject,
            predicate,
            Literal::new_typed_literal(value.to_string(), xsd::INTEGER),
        );
    }

    fn wikidata(&mut self, subject: &NamedNode, id: Option<&String>) {
        if let Some(id) = id {
            self.text(subject, vocab::WIKIDATA_ID, id);
            self.add(
                subject,
                external(OWL, "sameAs").as_ref(),
                instance(vocab::WIKIDATA_NS, id),
            );
        }
    }
}

/// The IRI of an actor.
pub fn actor_iri(id: &str) -> NamedNode {
    instance(vocab::ACTOR_NS, id)
}

/// The IRI of a place.
pub fn place_iri(id: &str) -> NamedNode {
    instance(vocab::PLACE_NS, id)
}

/// The IRI of an event.
pub fn event_iri(id: &str) -> NamedNode {
    instance(vocab::EVENT_NS, id)
}

/// The IRI of an issue.
pub fn issue_iri(id: &str) -> NamedNode {
    instance(vocab::ISSUE_NS, id)
}

/// The IRI of a negotiation.
pub fn negotiation_iri(id: &str) -> NamedNode {
    instance(vocab::NEGOTIATION_NS, id)
}

/// The IRI of a source, which also names the source's graph.
pub fn source_iri(id: &str) -> NamedNode {
    instance(vocab::SOURCE_NS, id)
}

/// The IRI of a claim.
pub fn claim_iri(id: &str) -> NamedNode {
    instance(vocab::CLAIM_NS, id)
}

fn object_iri(object: &ObjectRef) -> NamedNode {
    match object {
        ObjectRef::Actor(id) => actor_iri(id),
        ObjectRef::Place(id) => place_iri(id),
        ObjectRef::Event(id) => event_iri(id),
        ObjectRef::Issue(id) => issue_iri(id),
        ObjectRef::Action(id) => instance(vocab::ACTION_NS, id),
    }
}

/// Every quad of the dataset.
pub fn dataset_to_quads(dataset: &Dataset) -> Vec<Quad> {
    let mut quads = Vec::new();
    write_dataset(dataset, &mut quads);
    quads
}

/// Gives every quad of the dataset to `quads`, in the order of [`dataset_to_quads`].
pub(crate) fn write_dataset(dataset: &Dataset, quads: &mut dyn QuadSink) {
    reference_quads(dataset, quads);
    negotiation_quads(dataset, quads);
    let negotiations = NegotiationLookup::new(dataset);
    for source in &dataset.sources {
        let iri = source_iri(&source.id);
        let mut g = GraphWriter {
            graph: GraphName::NamedNode(iri.clone()),
            quads,
        };
        g.add(&iri, rdf::TYPE, vocab::SOURCE.into_owned());
        g.english(&iri, rdfs::LABEL, &source.title);
        g.english(&iri, external(DCTERMS, "title").as_ref(), &source.title);
        g.add(
            &iri,
            external(DCTERMS, "publisher").as_ref(),
            actor_iri(&source.publisher),
        );
        g.date(&iri, external(DCTERMS, "date").as_ref(), source.published);
        g.text(
            &iri,
            external(DCTERMS, "type").as_ref(),
            source.kind.as_str(),
        );
        if let Some(url) = &source.url {
            g.add(
                &iri,
                external(SCHEMA, "url").as_ref(),
                NamedNode::new_unchecked(url),
            );
        }
        for author in &source.authors {
            g.text(&iri, external(DCTERMS, "creator").as_ref(), author);
        }
        for negotiation in &source.negotiations {
            g.add(
                &iri,
                vocab::NEGOTIATION_PROPERTY,
                negotiation_iri(negotiation),
            );
        }
    }
    for claim in &dataset.claims {
        let iri = claim_iri(&claim.id);
        let mut g = GraphWriter {
            graph: GraphName::NamedNode(source_iri(&claim.source)),
            quads,
        };
        g.add(&iri, rdf::TYPE, vocab::neg(claim.kind.class_name()));
        g.english(&iri, rdfs::LABEL, &claim.label);
        g.add(&iri, vocab::HOLDER, actor_iri(&claim.holder));
        if let Some(voice) = &claim.voiced_by {
            g.add(&iri, vocab::VOICED_BY, actor_iri(voice));
        }
        for addressee in &claim.addressees {
            g.add(&iri, vocab::ADDRESSEE, actor_iri(addressee));
        }
        g.add(
            &iri,
            vocab::ACTION_PROPERTY,
            instance(vocab::ACTION_NS, &claim.action),
        );
        for issue in &claim.issues {
            g.add(&iri, vocab::ISSUE_PROPERTY, issue_iri(issue));
        }
        for place in &claim.places {
            g.add(&iri, vocab::PLACE_PROPERTY, place_iri(place));
        }
        for event in &claim.events {
            g.add(&iri, vocab::EVENT_PROPERTY, event_iri(event));
        }
        if let Some(date) = claim.stated_on {
            g.date(&iri, vocab::STATED_ON, date);
        }
        if let Some(date) = claim.stated_before {
            g.date(&iri, vocab::STATED_BEFORE, date);
        }
        if let Some(text) = &claim.stated_on_text {
            g.english(&iri, vocab::STATED_ON_TEXT, text);
        }
        if let Some(date) = claim.valid_from {
            g.date(&iri, vocab::VALID_FROM, date);
        }
        if let Some(date) = claim.valid_until {
            g.date(&iri, vocab::VALID_UNTIL, date);
        }
        if let Some(duration) = &claim.duration {
            g.add(
                &iri,
                vocab::DURATION,
                Literal::new_typed_literal(duration, xsd::DURATION),
            );
        }
        g.add(
            &iri,
            vocab::MODALITY_PROPERTY,
            vocab::neg(claim.modality.individual_name()),
        );
        if let Some(condition) = &claim.condition {
            g.english(&iri, vocab::CONDITION, condition);
        }
        for (predicate, targets) in [
            (vocab::CONDITIONAL_ON, &claim.conditional_on),
            (vocab::RESPONDS_TO, &claim.responds_to),
            (vocab::SUPERSEDES, &claim.supersedes),
            (vocab::CONTRADICTS, &claim.contradicts),
        ] {
            for target in targets {
                g.add(&iri, predicate, claim_iri(target));
            }
        }
        if let Some(plover) = claim.plover_type() {
            g.text(&iri, vocab::PLOVER_TYPE, plover);
        }
        if let Some(mode) = &claim.plover_mode {
            g.text(&iri, vocab::PLOVER_MODE, mode);
        }
        if let Some(note) = &claim.note {
            g.english(&iri, vocab::NOTE, note);
        }
        for negotiation in negotiations.of(claim) {
            g.add(
                &iri,
                vocab::NEGOTIATION_PROPERTY,
                negotiation_iri(negotiation),
            );
        }
        g.add(
            &iri,
            external(PROV, "wasDerivedFrom").as_ref(),
            source_iri(&claim.source),
        );
        for (index, evidence) in claim.evidence.iter().enumerate() {
            let node = instance(vocab::EVIDENCE_NS, &format!("{}-{}", claim.id, index + 1));
            g.add(&iri, vocab::EVIDENCE_PROPERTY, node.clone());
            g.add(&node, rdf::TYPE, vocab::EVIDENCE.into_owned());
            g.text(&node, vocab::QUOTE, &evidence.quote);
            g.add(&node, vocab::SOURCE_PROPERTY, source_iri(&evidence.source));
            g.add(&node, vocab::REPORTED_BY, actor_iri(&evidence.reported_by));
            if let Some(sentence) = &evidence.sentence {
                g.text(&node, vocab::SENTENCE, sentence);
            }
            if let (Some(start), Some(end)) = (evidence.start, evidence.end) {
                g.integer(&node, vocab::CHAR_START, start);
                g.integer(&node, vocab::CHAR_END, end);
            }
        }
        if let Some(edge) = claim.direct_edge() {
            let edge = vocab::neg(edge.local_name());
            let holder = actor_iri(&claim.holder);
            g.add(&iri, vocab::DIRECT_EDGE, edge.clone());
            for object in claim.main_objects() {
                g.add(&iri, vocab::MAIN_OBJECT, object_iri(&object));
                g.add(&holder, edge.as_ref(), object_iri(&object));
            }
        }
    }
}

fn reference_quads(dataset: &Dataset, quads: &mut dyn QuadSink) {
    let mut g = GraphWriter {
        graph: GraphName::NamedNode(vocab::REFERENCE_GRAPH.into_owned()),
        quads,
    };
    let alt_label = external(SKOS, "altLabel");
    let pref_label = external(SKOS, "prefLabel");
    let definition = external(SKOS, "definition");
    let concept = external(SKOS, "Concept");
    for actor in &dataset.actors {
        let iri = actor_iri(&actor.id);
        let class = match actor.actor_type {
            crate::model::ActorType::Person => vocab::PERSON,
            crate::model::ActorType::State => vocab::STATE,
            crate::model::ActorType::Organization => vocab::ORGANIZATION,
            crate::model::ActorType::Group => vocab::GROUP,
        };
        g.add(&iri, rdf::TYPE, class.into_owned());
        g.add(&iri, rdf::TYPE, vocab::ACTOR.into_owned());
        g.english(&iri, rdfs::LABEL, &actor.name);
        for alias in &actor.aliases {
            g.english(&iri, alt_label.as_ref(), alias);
        }
        if let Some(affiliation) = &actor.affiliation {
            g.add(&iri, vocab::AFFILIATION, actor_iri(affiliation));
        }
        for member in &actor.members {
            g.add(&iri, vocab::MEMBER, actor_iri(member));
        }
        if let Some(description) = &actor.description {
            g.english(&iri, rdfs::COMMENT, description);
        }
        g.wikidata(&iri, actor.wikidata.as_ref());
    }
    for place in &dataset.places {
        let iri = place_iri(&place.id);
        g.add(&iri, rdf::TYPE, vocab::PLACE.into_owned());
        g.english(&iri, rdfs::LABEL, &place.name);
        g.text(&iri, vocab::PLACE_TYPE, place.place_type.as_str());
        for alias in &place.aliases {
            g.english(&iri, alt_label.as_ref(), alias);
        }
        if let Some(within) = &place.within {
            g.add(&iri, vocab::LOCATED_IN, place_iri(within));
        }
        g.wikidata(&iri, place.wikidata.as_ref());
    }
    for issue in &dataset.issues {
        let iri = issue_iri(&issue.id);
        g.add(&iri, rdf::TYPE, vocab::ISSUE.into_owned());
        g.add(&iri, rdf::TYPE, concept.clone());
        g.english(&iri, rdfs::LABEL, &issue.name);
        g.english(&iri, pref_label.as_ref(), &issue.name);
        g.english(&iri, definition.as_ref(), &issue.description);
        g.wikidata(&iri, issue.wikidata.as_ref());
        for negotiation in &issue.negotiations {
            g.add(
                &iri,
                vocab::NEGOTIATION_PROPERTY,
                negotiation_iri(negotiation),
            );
        }
    }
    for action in &dataset.actions {
        let iri = instance(vocab::ACTION_NS, &action.id);
        g.add(&iri, rdf::TYPE, vocab::ACTION.into_owned());
        g.add(&iri, rdf::TYPE, concept.clone());
        g.english(&iri, rdfs::LABEL, &action.name);
        g.english(&iri, pref_label.as_ref(), &action.name);
        if let Some(description) = &action.description {
            g.english(&iri, definition.as_ref(), description);
        }
    }
    for event in &dataset.events {
        let iri = event_iri(&event.id);
        let class = match event.event_type {
            crate::model::EventType::Call => vocab::PHONE_CALL,
            crate::model::EventType::Talks => vocab::TALKS,
            crate::model::EventType::Summit => vocab::SUMMIT,
            crate::model::EventType::Meeting => vocab::MEETING,
        };
        g.add(&iri, rdf::TYPE, class.into_owned());
        g.add(&iri, rdf::TYPE, vocab::EVENT.into_owned());
        g.english(&iri, rdfs::LABEL, &event.name);
        let status = match event.status {
            crate::model::EventStatus::Planned => vocab::PLANNED,
            crate::model::EventStatus::Held => vocab::HELD,
            crate::model::EventStatus::Cancelled => vocab::CANCELLED,
        };
        g.add(&iri, vocab::STATUS, status.into_owned());
        for (predicate, date) in [
            (vocab::DATE, event.date),
            (vocab::START_DATE, event.start),
            (vocab::END_DATE, event.end),
        ] {
            if let Some(date) = date {
                g.date(&iri, predicate, date);
            }
        }
        if let Some(place) = &event.place {
            g.add(&iri, vocab::PLACE_PROPERTY, place_iri(place));
        }
        for participant in &event.participants {
            g.add(&iri, vocab::PARTICIPANT, actor_iri(participant));
        }
        g.text(&iri, vocab::PLOVER_TYPE, "CONSULT");
        if let Some(mode) = &event.plover_mode {
            g.text(&iri, vocab::PLOVER_MODE, mode);
        }
        if let Some(description) = &event.description {
            g.english(&iri, rdfs::COMMENT, description);
        }
        for negotiation in &event.negotiations {
            g.add(
                &iri,
                vocab::NEGOTIATION_PROPERTY,
                negotiation_iri(negotiation),
            );
        }
    }
}

/// The negotiations, in the reference graph.
fn negotiation_quads(dataset: &Dataset, quads: &mut dyn QuadSink) {
    let mut g = GraphWriter {
        graph: GraphName::NamedNode(vocab::REFERENCE_GRAPH.into_owned()),
        quads,
    };
    for negotiation in &dataset.negotiations {
        let iri = negotiation_iri(&negotiation.id);
        g.add(&iri, rdf::TYPE, vocab::NEGOTIATION.into_owned());
        g.english(&iri, rdfs::LABEL, &negotiation.name);
        if let Some(description) = &negotiation.description {
            g.english(&iri, rdfs::COMMENT, description);
        }
        for party in &negotiation.parties {
            g.add(&iri, vocab::PARTY, actor_iri(party));
        }
        for mediator in &negotiation.mediators {
            g.add(&iri, vocab::MEDIATOR, actor_iri(mediator));
        }
        if let Some(start) = negotiation.start {
            g.date(&iri, vocab::START_DATE, start);
        }
        if let Some(end) = negotiation.end {
            g.date(&iri, vocab::END_DATE, end);
        }
        g.wikidata(&iri, negotiation.wikidata.as_ref());
    }
}
