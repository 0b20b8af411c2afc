//! The domain model: actors, places, issues, actions, events, sources and the claims (positions)
//! that link them, each with its evidence. Plain data and the rules that belong to it; no I/O.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// A calendar date (proleptic Gregorian), checked on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, or says why the day does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is not between 1 and 12"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(format!(
                "{year:04}-{month:02} has days 1 to {last}, not {day}"
            ));
        }
        Ok(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date `days` after 1970-01-01 (before it when negative).
    pub fn from_days_since_epoch(days: i64) -> Self {
        // Howard Hinnant's civil-from-days algorithm, the inverse of `days_since_epoch`.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (negative before), for arithmetic on dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('-').collect();
        let well_formed = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(format!("`{s}` is not a date in the form YYYY-MM-DD"));
        }
        let number = |p: &str| p.parse::<u16>().map_err(|e| e.to_string());
        Self::new(
            i32::from(number(parts[0])?),
            u8::try_from(number(parts[1])?).map_err(|e| e.to_string())?,
            u8::try_from(number(parts[2])?).map_err(|e| e.to_string())?,
        )
    }
}

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The keyword used in data files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            /// Parses the keyword used in data files.
            pub fn from_keyword(keyword: &str) -> Option<Self> {
                match keyword {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The accepted keywords, for error messages.
            pub fn keywords() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum! {
    /// What kind of actor holds or voices a position.
    ActorType {
        /// A named individual.
        Person = "person",
        /// A country or its government.
        State = "state",
        /// An institution, company, international body or news organisation.
        Organization = "organization",
        /// A set of actors who act or speak together ("European leaders", "Russian negotiators").
        Group = "group",
    }
}

keyword_enum! {
    /// What kind of place.
    PlaceType {
        /// A city or town.
        City = "city",
        /// A country.
        Country = "country",
        /// A province, oblast or other region.
        Region = "region",
        /// A building or site where talks are held.
        Venue = "venue",
        /// Territory not otherwise classed.
        Territory = "territory",
    }
}

keyword_enum! {
    /// What kind of event.
    EventType {
        /// A phone or video call.
        Call = "call",
        /// A round of negotiations between delegations.
        Talks = "talks",
        /// A meeting of heads of state or government.
        Summit = "summit",
        /// Any other meeting in person.
        Meeting = "meeting",
    }
}

keyword_enum! {
    /// Whether an event has happened.
    EventStatus {
        /// Announced, proposed or expected, not yet held.
        Planned = "planned",
        /// It took place.
        Held = "held",
        /// Called off.
        Cancelled = "cancelled",
    }
}

keyword_enum! {
    /// What kind of report a source is.
    SourceKind {
        /// A news article.
        Article = "article",
        /// An official readout of a call or meeting.
        Readout = "readout",
        /// A statement or press release.
        Statement = "statement",
        /// A transcript of remarks.
        Transcript = "transcript",
    }
}

keyword_enum! {
    /// The kind of position a claim records.
    ClaimKind {
        /// Asks the other side to do something.
        Demand = "demand",
        /// Puts forward a course of action.
        Proposal = "proposal",
        /// Offers something: to host, to mediate, to give.
        Offer = "offer",
        /// Gives ground.
        Concession = "concession",
        /// Refuses a demand, proposal or invitation.
        Rejection = "rejection",
        /// Warns of a cost if the other side does not comply.
        Threat = "threat",
        /// Agrees with another party.
        Agreement = "agreement",
        /// Binds oneself to a course of action ("ready to", "willing to").
        Commitment = "commitment",
        /// An announcement or assessment that is no other kind of position.
        Statement = "statement",
    }
}

impl ClaimKind {
    /// The ontology class of this kind (local name in `neg:`).
    pub fn class_name(self) -> &'static str {
        match self {
            Self::Demand => "Demand",
            Self::Proposal => "Proposal",
            Self::Offer => "Offer",
            Self::Concession => "Concession",
            Self::Rejection => "Rejection",
            Self::Threat => "Threat",
            Self::Agreement => "Agreement",
            Self::Commitment => "Commitment",
            Self::Statement => "Statement",
        }
    }

    /// The PLOVER event type this kind maps to by default; statements have none.
    pub fn default_plover_type(self) -> Option<&'static str> {
        match self {
            Self::Demand => Some("REQUEST"),
            Self::Proposal | Self::Offer | Self::Agreement | Self::Commitment => Some("AGREE"),
            Self::Concession => Some("CONCEDE"),
            Self::Rejection => Some("REJECT"),
            Self::Threat => Some("THREATEN"),
            Self::Statement => None,
        }
    }
}

keyword_enum! {
    /// How firmly a position is put (PLOVER's auxiliary modes).
    Modality {
        /// Stated as fact or firm intent.
        Asserted = "asserted",
        /// Softened: "may", "possible", "would be interested".
        Hedged = "hedged",
        /// Holds only under a condition.
        Hypothetical = "hypothetical",
        /// About what will be done.
        Future = "future",
        /// Stated in the negative: "not ready to".
        Negated = "negated",
    }
}

impl Modality {
    /// The ontology individual for this modality (local name in `neg:`).
    pub fn individual_name(self) -> &'static str {
        match self {
            Self::Asserted => "Asserted",
            Self::Hedged => "Hedged",
            Self::Hypothetical => "Hypothetical",
            Self::Future => "Future",
            Self::Negated => "Negated",
        }
    }
}

/// Anyone who holds or voices a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Stable lower-case slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Person, state, organization or group.
    pub actor_type: ActorType,
    /// The actor this one belongs to or acts for (Putin → Russia).
    pub affiliation: Option<String>,
    /// Wikidata item, such as `Q7747`.
    pub wikidata: Option<String>,
    /// Other names the sources use.
    pub aliases: Vec<String>,
    /// For groups: the actors in it.
    pub members: Vec<String>,
    /// A sentence on who this is.
    pub description: Option<String>,
}

/// A territory, city or venue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Stable lower-case slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// City, country, region, venue or territory.
    pub place_type: PlaceType,
    /// The place this one lies in.
    pub within: Option<String>,
    /// Wikidata item.
    pub wikidata: Option<String>,
    /// Other names the sources use.
    pub aliases: Vec<String>,
}

/// What is negotiated: ceasefire, territory, prisoner exchange, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Stable lower-case slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One sentence on what the issue covers.
    pub description: String,
    /// Wikidata item.
    pub wikidata: Option<String>,
    /// The negotiations in which the issue is on the table (none: any).
    pub negotiations: Vec<String>,
}

/// What is demanded, offered or threatened: withdrawal, hosting talks, a memorandum, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Stable lower-case slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the action means.
    pub description: Option<String>,
}

/// A call, round of talks, summit or meeting, planned or held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable lower-case slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Call, talks, summit or meeting.
    pub event_type: EventType,
    /// Planned, held or cancelled.
    pub status: EventStatus,
    /// The day, for one-day events.
    pub date: Option<Date>,
    /// First day, for events over several days.
    pub start: Option<Date>,
    /// Last day, for events over several days.
    pub end: Option<Date>,
    /// Where it takes place.
    pub place: Option<String>,
    /// Who takes part.
    pub participants: Vec<String>,
    /// PLOVER CONSULT mode: phone, visit, third-party, multilateral.
    pub plover_mode: Option<String>,
    /// A sentence on the event.
    pub description: Option<String>,
    /// The negotiations this event is a round, call or meeting of.
    pub negotiations: Vec<String>,
}

/// A negotiation process: the talks, calls and positions over months or years that seek one
/// settlement ("Russia–Ukraine peace negotiations 2025–"), grouping events, issues and claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negotiation {
    /// Stable lower-case slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// A sentence or two on what is negotiated, between whom.
    pub description: Option<String>,
    /// The actors negotiating: the sides, not the mediators.
    pub parties: Vec<String>,
    /// Third parties who host, mediate or guarantee.
    pub mediators: Vec<String>,
    /// Wikidata item.
    pub wikidata: Option<String>,
    /// First day, when known.
    pub start: Option<Date>,
    /// Last day, for a negotiation that has ended.
    pub end: Option<Date>,
}

/// A report: article, readout, statement or transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Stable lower-case slug; the source's claims live in a named graph named after it.
    pub id: String,
    /// Headline or title.
    pub title: String,
    /// The publishing actor.
    pub publisher: String,
    /// Publication date; relative dates in the text are resolved against it.
    pub published: Date,
    /// Where it can be read.
    pub url: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Article, readout, statement or transcript.
    pub kind: SourceKind,
    /// The negotiations the source reports on: the default for each of its claims.
    pub negotiations: Vec<String>,
}

/// A quote in a source that supports a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The exact words of the source.
    pub quote: String,
    /// The source the quote is from.
    pub source: String,
    /// Who gives this account: the person quoted, the readout's author, or the publisher.
    pub reported_by: String,
    /// The sentence (or run of sentences) of the source in which the quote stands, as the
    /// source gives it, when known: the quote in its context. It contains the quote.
    pub sentence: Option<String>,
    /// Offset of the quote's first character in the source text (Unicode code points).
    pub start: Option<u64>,
    /// Offset just past the quote's last character (Unicode code points).
    pub end: Option<u64>,
}

/// The main object of a claim's direct edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectRef {
    /// An actor id.
    Actor(String),
    /// A place id.
    Place(String),
    /// An event id.
    Event(String),
    /// An issue id.
    Issue(String),
    /// An action id.
    Action(String),
}

impl ObjectRef {
    /// The kind prefix (`actor`, `place`, `event`, `issue`).
    pub fn prefix(&self) -> &'static str {
        match self {
            Self::Actor(_) => "actor",
            Self::Place(_) => "place",
            Self::Event(_) => "event",
            Self::Issue(_) => "issue",
            Self::Action(_) => "action",
        }
    }

    /// The id without prefix.
    pub fn id(&self) -> &str {
        match self {
            Self::Actor(id)
            | Self::Place(id)
            | Self::Event(id)
            | Self::Issue(id)
            | Self::Action(id) => id,
        }
    }

    /// Parses `place:kherson`, `event:…`, `issue:…`, `action:…` or `actor:…`.
    pub fn parse(text: &str) -> Option<Self> {
        let (prefix, id) = text.split_once(':')?;
        let id = id.to_owned();
        match prefix {
            "actor" => Some(Self::Actor(id)),
            "place" => Some(Self::Place(id)),
            "event" => Some(Self::Event(id)),
            "issue" => Some(Self::Issue(id)),
            "action" => Some(Self::Action(id)),
            _ => None,
        }
    }
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.prefix(), self.id())
    }
}

/// One position taken by one holder, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Stable lower-case slug, unique across the dataset.
    pub id: String,
    /// The source whose file holds the claim; its named graph.
    pub source: String,
    /// Demand, proposal, offer, …
    pub kind: ClaimKind,
    /// Whose position it is.
    pub holder: String,
    /// Who voiced it on the holder's behalf.
    pub voiced_by: Option<String>,
    /// To whom it is addressed.
    pub addressees: Vec<String>,
    /// What is demanded, offered, threatened, …
    pub action: String,
    /// What it is about.
    pub issues: Vec<String>,
    /// The territories or venues concerned.
    pub places: Vec<String>,
    /// The events it was voiced in or concerns; the first is the main one.
    pub events: Vec<String>,
    /// An explicit main object for the direct edge, overriding the default rule.
    pub object: Option<ObjectRef>,
    /// When it was voiced.
    pub stated_on: Option<Date>,
    /// The source's own words for that date ("last week").
    pub stated_on_text: Option<String>,
    /// An upper bound for the date, when the source gives no more.
    pub stated_before: Option<Date>,
    /// First day of the period the position is about.
    pub valid_from: Option<Date>,
    /// Last day of the period the position is about.
    pub valid_until: Option<Date>,
    /// Length of that period, as an xsd:duration (`P30D`).
    pub duration: Option<String>,
    /// How firmly it is put.
    pub modality: Modality,
    /// A condition in words, when it is no claim of its own.
    pub condition: Option<String>,
    /// Claims this one holds only if they do.
    pub conditional_on: Vec<String>,
    /// Claims this one answers.
    pub responds_to: Vec<String>,
    /// Earlier positions this one replaces.
    pub supersedes: Vec<String>,
    /// Claims this one contradicts.
    pub contradicts: Vec<String>,
    /// PLOVER event type, when it differs from the kind's default.
    pub plover: Option<String>,
    /// PLOVER mode ("yield", "meet", "territory", …).
    pub plover_mode: Option<String>,
    /// A readable sentence.
    pub label: String,
    /// A curator's note.
    pub note: Option<String>,
    /// The negotiations given on the claim itself, overriding its source's and its events'
    /// (see [`Dataset::claim_negotiations`]).
    pub negotiations: Vec<String>,
    /// At least one quote.
    pub evidence: Vec<Evidence>,
}

/// The predicate of a claim's direct edge from its holder to its main object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DirectEdge {
    /// `neg:demandsWithdrawalFrom`
    DemandsWithdrawalFrom,
    /// `neg:offersToHost`
    OffersToHost,
    /// `neg:threatensToOccupy`
    ThreatensToOccupy,
    /// `neg:refusesToAttend`
    RefusesToAttend,
    /// `neg:offersToMediate`
    OffersToMediate,
    /// `neg:demands`
    Demands,
    /// `neg:proposes`
    Proposes,
    /// `neg:offers`
    Offers,
    /// `neg:concedes`
    Concedes,
    /// `neg:rejects`
    Rejects,
    /// `neg:threatens`
    Threatens,
    /// `neg:agreesTo`
    AgreesTo,
    /// `neg:commitsTo`
    CommitsTo,
    /// `neg:states`
    States,
}

impl DirectEdge {
    /// Every direct edge.
    pub const ALL: &'static [Self] = &[
        Self::DemandsWithdrawalFrom,
        Self::OffersToHost,
        Self::ThreatensToOccupy,
        Self::RefusesToAttend,
        Self::OffersToMediate,
        Self::Demands,
        Self::Proposes,
        Self::Offers,
        Self::Concedes,
        Self::Rejects,
        Self::Threatens,
        Self::AgreesTo,
        Self::CommitsTo,
        Self::States,
    ];

    /// The predicate for a claim of this kind and action.
    pub fn for_claim(kind: ClaimKind, action: &str) -> Self {
        match (kind, action) {
            (ClaimKind::Demand, "withdrawal") => Self::DemandsWithdrawalFrom,
            (ClaimKind::Offer, "hosting") => Self::OffersToHost,
            (ClaimKind::Threat, "occupation") => Self::ThreatensToOccupy,
            (ClaimKind::Rejection, "attendance") => Self::RefusesToAttend,
            (ClaimKind::Offer, "mediation") => Self::OffersToMediate,
            (ClaimKind::Demand, _) => Self::Demands,
            (ClaimKind::Proposal, _) => Self::Proposes,
            (ClaimKind::Offer, _) => Self::Offers,
            (ClaimKind::Concession, _) => Self::Concedes,
            (ClaimKind::Rejection, _) => Self::Rejects,
            (ClaimKind::Threat, _) => Self::Threatens,
            (ClaimKind::Agreement, _) => Self::AgreesTo,
            (ClaimKind::Commitment, _) => Self::CommitsTo,
            (ClaimKind::Statement, _) => Self::States,
        }
    }

    /// The claim kind this edge derives from.
    pub fn claim_kind(self) -> ClaimKind {
        match self {
            Self::DemandsWithdrawalFrom | Self::Demands => ClaimKind::Demand,
            Self::OffersToHost | Self::OffersToMediate | Self::Offers => ClaimKind::Offer,
            Self::ThreatensToOccupy | Self::Threatens => ClaimKind::Threat,
            Self::RefusesToAttend | Self::Rejects => ClaimKind::Rejection,
            Self::Proposes => ClaimKind::Proposal,
            Self::Concedes => ClaimKind::Concession,
            Self::AgreesTo => ClaimKind::Agreement,
            Self::CommitsTo => ClaimKind::Commitment,
            Self::States => ClaimKind::Statement,
        }
    }

    /// The edge whose `neg:` local name is this.
    pub fn from_local_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|e| e.local_name() == name)
    }

    /// Local name of the predicate in `neg:`.
    pub fn local_name(self) -> &'static str {
        match self {
            Self::DemandsWithdrawalFrom => "demandsWithdrawalFrom",
            Self::OffersToHost => "offersToHost",
            Self::ThreatensToOccupy => "threatensToOccupy",
            Self::RefusesToAttend => "refusesToAttend",
            Self::OffersToMediate => "offersToMediate",
            Self::Demands => "demands",
            Self::Proposes => "proposes",
            Self::Offers => "offers",
            Self::Concedes => "concedes",
            Self::Rejects => "rejects",
            Self::Threatens => "threatens",
            Self::AgreesTo => "agreesTo",
            Self::CommitsTo => "commitsTo",
            Self::States => "states",
        }
    }

    /// The edge in words, as a graph label: "demands withdrawal from".
    pub fn label(self) -> &'static str {
        match self {
            Self::DemandsWithdrawalFrom => "demands withdrawal from",
            Self::OffersToHost => "offers to host",
            Self::ThreatensToOccupy => "threatens to occupy",
            Self::RefusesToAttend => "refuses to attend",
            Self::OffersToMediate => "offers to mediate",
            Self::Demands => "demands",
            Self::Proposes => "proposes",
            Self::Offers => "offers",
            Self::Concedes => "concedes",
            Self::Rejects => "rejects",
            Self::Threatens => "threatens",
            Self::AgreesTo => "agrees to",
            Self::CommitsTo => "commits to",
            Self::States => "states",
        }
    }
}

/// Actions whose main object is the place concerned.
const PLACE_ACTIONS: &[&str] = &["withdrawal", "occupation", "annexation", "recognition"];
/// Actions whose main object is the event concerned.
const EVENT_ACTIONS: &[&str] = &[
    "hosting",
    "attendance",
    "meeting",
    "direct-talks",
    "start-negotiations",
];

impl Claim {
    /// A claim with its identity and nothing else: no addressee, place, issue, event, date,
    /// condition, link or evidence, asserted. Drafts fill in what they read, with
    /// `Claim { field, ..Claim::new(…) }`.
    pub fn new(
        id: String,
        source: String,
        kind: ClaimKind,
        holder: String,
        action: String,
        label: String,
    ) -> Self {
        Claim {
            id,
            source,
            kind,
            holder,
            voiced_by: None,
            addressees: Vec::new(),
            action,
            issues: Vec::new(),
            places: Vec::new(),
            events: Vec::new(),
            object: None,
            stated_on: None,
            stated_on_text: None,
            stated_before: None,
            valid_from: None,
            valid_until: None,
            duration: None,
            modality: Modality::Asserted,
            condition: None,
            conditional_on: Vec::new(),
            responds_to: Vec::new(),
            supersedes: Vec::new(),
            contradicts: Vec::new(),
            plover: None,
            plover_mode: None,
            label,
            note: None,
            negotiations: Vec::new(),
            evidence: Vec::new(),
        }
    }

    /// The predicate of this claim's direct edge, or `None` for a negated claim ("not ready to
    /// put pressure"), whose edge would state the opposite of what was said.
    pub fn direct_edge(&self) -> Option<DirectEdge> {
        (self.modality != Modality::Negated).then(|| DirectEdge::for_claim(self.kind, &self.action))
    }

    /// The main objects of the direct edge: the explicit `object` when given; else the places
    /// for territorial actions (withdrawal, occupation, …), the first event for actions about
    /// talks (hosting, attendance, meeting, …); else the action itself ("proposes ceasefire").
    pub fn main_objects(&self) -> Vec<ObjectRef> {
        if let Some(object) = &self.object {
            return vec![object.clone()];
        }
        if PLACE_ACTIONS.contains(&self.action.as_str()) && !self.places.is_empty() {
            return self.places.iter().cloned().map(ObjectRef::Place).collect();
        }
        if EVENT_ACTIONS.contains(&self.action.as_str()) {
            if let Some(event) = self.events.first() {
                return vec![ObjectRef::Event(event.clone())];
            }
        }
        vec![ObjectRef::Action(self.action.clone())]
    }

    /// The PLOVER event type: the explicit one, else the kind's default.
    pub fn plover_type(&self) -> Option<&str> {
        self.plover
            .as_deref()
            .or_else(|| self.kind.default_plover_type())
    }
}

/// Everything read from the data files, validated: every reference resolves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// Actors, in file order.
    pub actors: Vec<Actor>,
    /// Places.
    pub places: Vec<Place>,
    /// Issues.
    pub issues: Vec<Issue>,
    /// Actions.
    pub actions: Vec<Action>,
    /// Events.
    pub events: Vec<Event>,
    /// Negotiations.
    pub negotiations: Vec<Negotiation>,
    /// Sources.
    pub sources: Vec<Source>,
    /// Claims.
    pub claims: Vec<Claim>,
}

impl Dataset {
    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The negotiation with this id.
    pub fn negotiation(&self, id: &str) -> Option<&Negotiation> {
        self.negotiations.iter().find(|n| n.id == id)
    }

    /// The negotiations a claim belongs to: those given on the claim; else those of its source;
    /// else those of its events (in the order of its events, each once); else none. For many
    /// claims, build a [`NegotiationLookup`] once.
    pub fn claim_negotiations<'a>(&'a self, claim: &'a Claim) -> Vec<&'a str> {
        NegotiationLookup::new(self).of(claim)
    }

    /// Claims per source id.
    pub fn claims_by_source(&self) -> HashMap<&str, Vec<&Claim>> {
        let mut map: HashMap<&str, Vec<&Claim>> = HashMap::new();
        for claim in &self.claims {
            map.entry(claim.source.as_str()).or_default().push(claim);
        }
        map
    }
}

/// The negotiations of claims, looked up through the sources and events of one dataset (built
/// once for many claims): those given on a claim; else those of its source; else those of its
/// events, each once, in the order of its events; else none.
#[derive(Debug, Clone)]
pub struct NegotiationLookup<'a> {
    sources: HashMap<&'a str, &'a Source>,
    events: HashMap<&'a str, &'a Event>,
}

impl<'a> NegotiationLookup<'a> {
    /// A lookup over the sources and events of `dataset`.
    pub fn new(dataset: &'a Dataset) -> Self {
        Self {
            sources: dataset.sources.iter().map(|s| (s.id.as_str(), s)).collect(),
            events: dataset.events.iter().map(|e| (e.id.as_str(), e)).collect(),
        }
    }

    /// The negotiations `claim` belongs to.
    pub fn of<'b>(&self, claim: &'b Claim) -> Vec<&'b str>
    where
        'a: 'b,
    {
        if !claim.negotiations.is_empty() {
            return claim.negotiations.iter().map(String::as_str).collect();
        }
        if let Some(source) = self.sources.get(claim.source.as_str()) {
            let source: &'a Source = source;
            if !source.negotiations.is_empty() {
                return source.negotiations.iter().map(String::as_str).collect();
            }
        }
        let mut found: Vec<&str> = Vec::new();
        for negotiation in claim
            .events
            .iter()
            .filter_map(|id| self.events.get(id.as_str()).copied())
            .flat_map(|e: &'a Event| e.negotiations.iter())
        {
            if !found.contains(&negotiation.as_str()) {
                found.push(negotiation);
            }
        }
        found
    }
}

/// Where `quote` first stands in `text`, as `(start, end)` in Unicode code points (end
/// exclusive), or `None` when it is not in the text at all.
pub fn locate_quote(text: &str, quote: &str) -> Option<(u64, u64)> {
    let byte_start = text.find(quote)?;
    let start = text[..byte_start].chars().count() as u64;
    Some((start, start + quote.chars().count() as u64))
}

/// The text at `start..end` (Unicode code points), if the range is inside the text.
pub fn text_at(text: &str, start: u64, end: u64) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let start_byte = indices.nth(usize::try_from(start).ok()?)?;
    let end_byte = if end == start {
        start_byte
    } else {
        indices.nth(usize::try_from(end - start - 1).ok()?)?
    };
    text.get(start_byte..end_byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            "2025-05-19".parse::<Date>().unwrap().to_string(),
            "2025-05-19"
        );
        assert!("2025-02-30".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2025-02-29".parse::<Date>().is_err());
        assert!("2025-13-01".parse::<Date>().is_err());
        assert!("25-05-19".parse::<Date>().is_err());
        assert!("2025-5-19".parse::<Date>().is_err());
    }

    #[test]
    fn days_since_epoch_counts_days() {
        let day = |s: &str| s.parse::<Date>().unwrap().days_since_epoch();
        assert_eq!(day("1970-01-01"), 0);
        assert_eq!(day("1970-01-02"), 1);
        assert_eq!(day("1969-12-31"), -1);
        assert_eq!(day("2025-05-19") - day("2025-05-16"), 3);
        assert_eq!(day("2025-03-01") - day("2025-02-28"), 1);
        assert_eq!(day("2024-03-01") - day("2024-02-28"), 2);
        assert_eq!(day("2000-01-01"), 10_957);
        for text in [
            "1970-01-01",
            "2024-02-29",
            "2025-05-19",
            "1969-12-31",
            "2100-03-01",
        ] {
            let date: Date = text.parse().unwrap();
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
    }

    #[test]
    fn text_at_counts_code_points_not_bytes() {
        let text = "a “quoted” word";
        assert_eq!(text_at(text, 2, 10), Some("“quoted”"));
        assert_eq!(text_at(text, 3, 9), Some("quoted"));
        assert_eq!(locate_quote(text, "word"), Some((11, 15)));
        assert_eq!(text_at(text, 11, 15), Some("word"));
        assert_eq!(text_at(text, 11, 16), None);
        assert_eq!(text_at(text, 5, 5), Some(""));
    }

    fn claim(kind: ClaimKind, action: &str) -> Claim {
        Claim {
            id: "c".into(),
            source: "s".into(),
            kind,
            holder: "h".into(),
            voiced_by: None,
            addressees: vec!["a".into()],
            action: action.into(),
            issues: vec!["i".into()],
            places: vec!["p1".into(), "p2".into()],
            events: vec!["e1".into(), "e2".into()],
            object: None,
            stated_on: None,
            stated_on_text: None,
            stated_before: None,
            valid_from: None,
            valid_until: None,
            duration: None,
            modality: Modality::Asserted,
            condition: None,
            conditional_on: vec![],
            responds_to: vec![],
            supersedes: vec![],
            contradicts: vec![],
            plover: None,
            plover_mode: None,
            label: String::new(),
            note: None,
            negotiations: vec![],
            evidence: vec![],
        }
    }

    #[test]
    fn direct_edge_follows_kind_and_action() {
        let demand = claim(ClaimKind::Demand, "withdrawal");
        assert_eq!(
            demand.direct_edge(),
            Some(DirectEdge::DemandsWithdrawalFrom)
        );
        assert_eq!(
            demand.main_objects(),
            vec![ObjectRef::Place("p1".into()), ObjectRef::Place("p2".into())]
        );
        let offer = claim(ClaimKind::Offer, "hosting");
        assert_eq!(offer.direct_edge(), Some(DirectEdge::OffersToHost));
        assert_eq!(offer.main_objects(), vec![ObjectRef::Event("e1".into())]);
        let mut explicit = claim(ClaimKind::Proposal, "memorandum");
        assert_eq!(explicit.direct_edge(), Some(DirectEdge::Proposes));
        assert_eq!(
            explicit.main_objects(),
            vec![ObjectRef::Action("memorandum".into())]
        );
        explicit.object = Some(ObjectRef::Issue("peace".into()));
        let mut negated = explicit.clone();
        negated.modality = Modality::Negated;
        assert_eq!(negated.direct_edge(), None);
        assert_eq!(
            explicit.main_objects(),
            vec![ObjectRef::Issue("peace".into())]
        );
    }
}
