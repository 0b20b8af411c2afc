//! The ontology's IRIs as constants: the `neg:` terms and the instance namespaces, so that no
//! module spells an IRI by hand. The ontology itself is `ontology/negotiation.ttl`.

use oxrdf::NamedNodeRef;

/// The ontology's IRI.
pub const ONTOLOGY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology");
/// The namespace of ontology terms, `neg:`.
pub const NEG: &str = "https://w3id.org/negkg/ontology#";
/// The named graph that holds actors, places, issues, actions and events.
pub const REFERENCE_GRAPH: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/graph/reference");
/// Namespace of actors, `actor:`.
pub const ACTOR_NS: &str = "https://w3id.org/negkg/id/actor/";
/// Namespace of places, `place:`.
pub const PLACE_NS: &str = "https://w3id.org/negkg/id/place/";
/// Namespace of issues, `issue:`.
pub const ISSUE_NS: &str = "https://w3id.org/negkg/id/issue/";
/// Namespace of actions, `action:`.
pub const ACTION_NS: &str = "https://w3id.org/negkg/id/action/";
/// Namespace of events, `event:`.
pub const EVENT_NS: &str = "https://w3id.org/negkg/id/event/";
/// Namespace of negotiations, `negotiation:`.
pub const NEGOTIATION_NS: &str = "https://w3id.org/negkg/id/negotiation/";
/// Namespace of sources, `source:`; a source's IRI also names its graph.
pub const SOURCE_NS: &str = "https://w3id.org/negkg/id/source/";
/// Namespace of claims, `claim:`.
pub const CLAIM_NS: &str = "https://w3id.org/negkg/id/claim/";
/// Namespace of evidence nodes, `evidence:`.
pub const EVIDENCE_NS: &str = "https://w3id.org/negkg/id/evidence/";
/// Namespace of Wikidata items, `wd:`.
pub const WIKIDATA_NS: &str = "http://www.wikidata.org/entity/";

/// Every prefix a query run through negkg has declared, with its namespace.
pub const PREFIXES: &[(&str, &str)] = &[
    ("neg", NEG),
    ("actor", ACTOR_NS),
    ("place", PLACE_NS),
    ("issue", ISSUE_NS),
    ("action", ACTION_NS),
    ("event", EVENT_NS),
    ("negotiation", NEGOTIATION_NS),
    ("source", SOURCE_NS),
    ("claim", CLAIM_NS),
    ("evidence", EVIDENCE_NS),
    ("wd", WIKIDATA_NS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("schema", "https://schema.org/"),
];

/// The `neg:` term with this local name (for terms chosen at run time, such as claim kinds).
pub fn neg(local_name: &str) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(format!("{NEG}{local_name}"))
}

/// The IRI of an instance: `namespace` + `id`.
pub fn instance(namespace: &str, id: &str) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(format!("{namespace}{id}"))
}

/// `neg:Actor`: Anyone who holds or voices a position.
pub const ACTOR: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Actor");

/// `neg:Person`: An individual actor.
pub const PERSON: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Person");

/// `neg:State`: A country or its government.
pub const STATE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#State");

/// `neg:Organization`: An institution or organisation.
pub const ORGANIZATION: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Organization");

/// `neg:Group`: A set of actors who act or speak together.
pub const GROUP: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Group");

/// `neg:Place`: A territory, city or venue.
pub const PLACE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Place");

/// `neg:Issue`: What is negotiated.
pub const ISSUE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Issue");

/// `neg:Action`: What is demanded, offered or threatened.
pub const ACTION: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Action");

/// `neg:Event`: A call, round of talks, summit or meeting.
pub const EVENT: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Event");

/// `neg:PhoneCall`: An event held by phone or video.
pub const PHONE_CALL: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#PhoneCall");

/// `neg:Talks`: A round of negotiations.
pub const TALKS: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Talks");

/// `neg:Summit`: A meeting of leaders.
pub const SUMMIT: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Summit");

/// `neg:Meeting`: Any other meeting in person.
pub const MEETING: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Meeting");

/// `neg:Source`: A report: article, readout, statement.
pub const SOURCE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Source");

/// `neg:Claim`: One position taken by one holder.
pub const CLAIM: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Claim");

/// `neg:Evidence`: A quote in a source.
pub const EVIDENCE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Evidence");

/// `neg:Modality`: The class of modality values.
pub const MODALITY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Modality");

/// `neg:EventStatus`: The class of event status values.
pub const EVENT_STATUS: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#EventStatus");

/// `neg:Planned`: Event status: not yet held.
pub const PLANNED: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Planned");

/// `neg:Held`: Event status: took place.
pub const HELD: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Held");

/// `neg:Cancelled`: Event status: called off.
pub const CANCELLED: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Cancelled");

/// `neg:holder`: Who takes the position.
pub const HOLDER: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#holder");

/// `neg:voicedBy`: Who voiced the position on the holder's behalf.
pub const VOICED_BY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#voicedBy");

/// `neg:addressee`: To whom the position is addressed.
pub const ADDRESSEE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#addressee");

/// `neg:action`: What is demanded, offered, threatened.
pub const ACTION_PROPERTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#action");

/// `neg:issue`: What the claim is about.
pub const ISSUE_PROPERTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#issue");

/// `neg:place`: The place concerned (claims) or where an event is held.
pub const PLACE_PROPERTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#place");

/// `neg:event`: The event a claim was voiced in or concerns.
pub const EVENT_PROPERTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#event");

/// `neg:statedOn`: When the position was voiced.
pub const STATED_ON: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#statedOn");

/// `neg:statedBefore`: An upper bound of when it was voiced.
pub const STATED_BEFORE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#statedBefore");

/// `neg:statedOnText`: The source's own words for the date.
pub const STATED_ON_TEXT: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#statedOnText");

/// `neg:validFrom`: First day of the period a position is about.
pub const VALID_FROM: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#validFrom");

/// `neg:validUntil`: Last day of the period a position is about.
pub const VALID_UNTIL: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#validUntil");

/// `neg:duration`: Length of the period a position is about.
pub const DURATION: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#duration");

/// `neg:conditionalOn`: The claim holds only if that claim does.
pub const CONDITIONAL_ON: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#conditionalOn");

/// `neg:condition`: A condition in words.
pub const CONDITION: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#condition");

/// `neg:respondsTo`: The claim this one answers.
pub const RESPONDS_TO: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#respondsTo");

/// `neg:supersedes`: The earlier position this one replaces.
pub const SUPERSEDES: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#supersedes");

/// `neg:contradicts`: A claim this one contradicts.
pub const CONTRADICTS: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#contradicts");

/// `neg:modality`: How firmly the position is put.
pub const MODALITY_PROPERTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#modality");

/// `neg:evidence`: A quote supporting the claim.
pub const EVIDENCE_PROPERTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#evidence");

/// `neg:ploverType`: PLOVER event type of a claim or event.
pub const PLOVER_TYPE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#ploverType");

/// `neg:ploverMode`: PLOVER mode of a claim or event.
pub const PLOVER_MODE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#ploverMode");

/// `neg:note`: A curator's note.
pub const NOTE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#note");

/// `neg:quote`: The exact words of the source.
pub const QUOTE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#quote");

/// `neg:source`: The source of a quote.
pub const SOURCE_PROPERTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#source");

/// `neg:reportedBy`: Who gives the account a quote belongs to.
pub const REPORTED_BY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#reportedBy");

/// `neg:sentence`: The sentence (or sentences) of the source in which a quote stands.
pub const SENTENCE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#sentence");

/// `neg:charStart`: Code-point offset of a quote's start in the source text.
pub const CHAR_START: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#charStart");

/// `neg:charEnd`: Code-point offset just past a quote's end.
pub const CHAR_END: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#charEnd");

/// `neg:affiliation`: The actor another belongs to or acts for.
pub const AFFILIATION: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#affiliation");

/// `neg:member`: An actor in a group.
pub const MEMBER: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#member");

/// `neg:wikidataId`: The Wikidata item id, such as Q7747.
pub const WIKIDATA_ID: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#wikidataId");

/// `neg:locatedIn`: The place a place lies in.
pub const LOCATED_IN: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#locatedIn");

/// `neg:placeType`: City, country, region, venue or territory.
pub const PLACE_TYPE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#placeType");

/// `neg:participant`: An actor taking part in an event.
pub const PARTICIPANT: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#participant");

/// `neg:date`: The day of a one-day event.
pub const DATE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#date");

/// `neg:startDate`: First day of an event.
pub const START_DATE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#startDate");

/// `neg:endDate`: Last day of an event.
pub const END_DATE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#endDate");

/// `neg:status`: Whether an event is planned, held or cancelled.
pub const STATUS: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#status");

/// `neg:Negotiation`: A negotiation process, grouping its events, issues, sources and claims.
pub const NEGOTIATION: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#Negotiation");

/// `neg:negotiation`: The negotiation an event, issue, source or claim belongs to.
pub const NEGOTIATION_PROPERTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#negotiation");

/// `neg:party`: An actor negotiating in a negotiation, as one of its sides.
pub const PARTY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#party");

/// `neg:mediator`: A third party hosting, mediating or guaranteeing a negotiation.
pub const MEDIATOR: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#mediator");

/// `neg:takesPosition`: Super-property of every direct edge from a holder to a claim's main object.
pub const TAKES_POSITION: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#takesPosition");

/// `neg:directEdge`: The predicate of the direct edge a claim yields.
pub const DIRECT_EDGE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#directEdge");

/// `neg:mainObject`: The object of the direct edge a claim yields.
pub const MAIN_OBJECT: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://w3id.org/negkg/ontology#mainObject");
