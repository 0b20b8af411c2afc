//! Reads data files (TOML, format in `data/README.md`) into a validated [`Dataset`]: every id
//! unique, every reference resolved, every date a real day, every claim with a holder and
//! evidence. All problems are collected, each with file, line and column; on any problem the
//! result is an error and nothing is returned, so nothing half-valid reaches a store.

pub(crate) mod raw;
mod write;

pub use write::{to_data_files, to_toml};

use crate::error::{DataError, DataErrors, Location};
use crate::model::{
    Action, Actor, ActorType, Claim, ClaimKind, Dataset, Date, Event, EventStatus, EventType,
    Evidence, Issue, Modality, Negotiation, ObjectRef, Place, PlaceType, Source, SourceKind,
};
use raw::{ids, Text};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::value::Datetime;
use toml::Spanned;

/// The text of one data file and the name to show in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    /// The path as the user should see it.
    pub name: String,
    /// The whole file.
    pub text: String,
}

impl DataFile {
    /// A data file from its name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// Reads and validates data files as one dataset: files may refer to each other's ids.
pub fn parse_dataset(files: &[DataFile]) -> Result<Dataset, DataErrors> {
    let mut checker = Checker::default();
    let mut parsed = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
        match toml::from_str::<raw::DataFile>(text) {
            Ok(data) => parsed.push((index, data)),
            Err(error) => {
                let offset = error.span().map_or(0, |s| s.start);
                let message = error.message().trim().to_owned();
                let help = toml_help(&message);
                checker.error_at(file, text, offset, message, help);
            }
        }
    }
    let mut dataset = Dataset::default();
    let mut registry = Registry::default();
    for (index, data) in &parsed {
        checker.register(files, *index, data, &mut registry);
    }
    for (index, data) in &parsed {
        checker.convert(&files[*index], data, &registry, &mut dataset);
    }
    checker.check_cycles(&dataset, &registry, files);
    if checker.errors.is_empty() {
        Ok(dataset)
    } else {
        Err(DataErrors(checker.errors))
    }
}

fn toml_help(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some("remove or rename the key; data/README.md lists the keys of each table".into())
    } else if message.starts_with("missing field") {
        Some("add the key to this table; data/README.md says what it holds".into())
    } else if message.contains("duplicate key") {
        Some("each key may appear once per table".into())
    } else if message.contains("invalid type") {
        Some("check the value's type: text in double quotes, dates as YYYY-MM-DD without quotes, lists in [ ]".into())
    } else {
        None
    }
}

/// Where an id is defined: the file (its index in the files read) and the byte offset in its
/// text. Made into a line and column only for an error: counting lines for every id of every
/// file took a tenth of the start-up on the bundled data.
#[derive(Debug, Clone, Copy)]
struct Spot {
    file: usize,
    offset: usize,
}

impl Spot {
    fn location(self, files: &[DataFile]) -> Option<Location> {
        let file = files.get(self.file)?;
        Some(Location::from_offset(&file.name, body(file), self.offset))
    }
}

/// Where each id is defined, per kind.
#[derive(Default)]
struct Registry {
    actors: HashMap<String, Spot>,
    places: HashMap<String, Spot>,
    issues: HashMap<String, Spot>,
    actions: HashMap<String, Spot>,
    events: HashMap<String, Spot>,
    negotiations: HashMap<String, Spot>,
    sources: HashMap<String, Spot>,
    claims: HashMap<String, Spot>,
}

#[derive(Clone, Copy)]
enum Kind {
    Actor,
    Place,
    Issue,
    Action,
    Event,
    Negotiation,
    Source,
    Claim,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Place => "place",
            Kind::Issue => "issue",
            Kind::Action => "action",
            Kind::Event => "event",
            Kind::Negotiation => "negotiation",
            Kind::Source => "source",
            Kind::Claim => "claim",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Kind::Source => "[source]",
            Kind::Actor => "[[actor]]",
            Kind::Place => "[[place]]",
            Kind::Issue => "[[issue]]",
            Kind::Action => "[[action]]",
            Kind::Event => "[[event]]",
            Kind::Negotiation => "[[negotiation]]",
            Kind::Claim => "[[claim]]",
        }
    }
}

impl Registry {
    fn ids(&self, kind: Kind) -> &HashMap<String, Spot> {
        match kind {
            Kind::Actor => &self.actors,
            Kind::Place => &self.places,
            Kind::Issue => &self.issues,
            Kind::Action => &self.actions,
            Kind::Event => &self.events,
            Kind::Negotiation => &self.negotiations,
            Kind::Source => &self.sources,
            Kind::Claim => &self.claims,
        }
    }

    fn ids_mut(&mut self, kind: Kind) -> &mut HashMap<String, Spot> {
        match kind {
            Kind::Actor => &mut self.actors,
            Kind::Place => &mut self.places,
            Kind::Issue => &mut self.issues,
            Kind::Action => &mut self.actions,
            Kind::Event => &mut self.events,
            Kind::Negotiation => &mut self.negotiations,
            Kind::Source => &mut self.sources,
            Kind::Claim => &mut self.claims,
        }
    }
}

#[derive(Default)]
struct Checker {
    errors: Vec<DataError>,
}

impl Checker {
    fn error_at(
        &mut self,
        file: &DataFile,
        text: &str,
        offset: usize,
        message: String,
        help: Option<String>,
    ) {
        self.errors.push(DataError {
            location: Location::from_offset(&file.name, text, offset),
            message,
            help,
        });
    }

    fn error(
        &mut self,
        file: &DataFile,
        span: &Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let text = body(file);
        self.error_at(file, text, span.start, message.into(), help);
    }

    fn register(
        &mut self,
        files: &[DataFile],
        index: usize,
        data: &raw::DataFile,
        registry: &mut Registry,
    ) {
        let file = &files[index];
        let mut add = |checker: &mut Self, kind: Kind, id: &Text| {
            if !is_slug(id.get_ref()) {
                checker.error(
                    file,
                    &id.span(),
                    format!("`{}` is not a valid {} id", id.get_ref(), kind.noun()),
                    Some(
                        "ids are lower-case letters, digits and single hyphens, like `russia` or `istanbul-talks-2025-05-16`".into(),
                    ),
                );
                return;
            }
            let spot = Spot {
                file: index,
                offset: id.span().start,
            };
            if let Some(first) = registry.ids(kind).get(id.get_ref()) {
                let message = format!("duplicate {} id `{}`", kind.noun(), id.get_ref());
                let first = first
                    .location(files)
                    .map_or_else(|| "another file".to_owned(), |l| l.to_string());
                let help = Some(format!(
                    "it is first defined at {first}; give this one another id or merge the two"
                ));
                checker.error(file, &id.span(), message, help);
            } else {
                registry.ids_mut(kind).insert(id.get_ref().clone(), spot);
            }
        };
        for actor in &data.actor {
            add(self, Kind::Actor, &actor.get_ref().id);
        }
        for place in &data.place {
            add(self, Kind::Place, &place.get_ref().id);
        }
        for issue in &data.issue {
            add(self, Kind::Issue, &issue.get_ref().id);
        }
        for action in &data.action {
            add(self, Kind::Action, &action.get_ref().id);
        }
        for event in &data.event {
            add(self, Kind::Event, &event.get_ref().id);
        }
        for negotiation in &data.negotiation {
            add(self, Kind::Negotiation, &negotiation.get_ref().id);
        }
        if let Some(source) = &data.source {
            add(self, Kind::Source, &source.get_ref().id);
        }
        for claim in &data.claim {
            add(self, Kind::Claim, &claim.get_ref().id);
        }
    }

    /// Checks that `id` names a defined thing of `kind`; returns it either way.
    fn reference(
        &mut self,
        file: &DataFile,
        registry: &Registry,
        kind: Kind,
        field: &str,
        id: &Text,
    ) -> String {
        let known = registry.ids(kind);
        if !known.contains_key(id.get_ref()) {
            let mut help = format!(
                "define it in an {} table under data/, or correct the id",
                kind.table()
            );
            if let Some(close) = closest(id.get_ref(), known.keys()) {
                help = format!("did you mean `{close}`? Otherwise {help}");
            }
            self.error(
                file,
                &id.span(),
                format!("unknown {} `{}` in `{field}`", kind.noun(), id.get_ref()),
                Some(help),
            );
        }
        id.get_ref().clone()
    }

    fn references(
        &mut self,
        file: &DataFile,
        registry: &Registry,
        kind: Kind,
        field: &str,
        values: &raw::Ids,
    ) -> Vec<String> {
        ids(values)
            .iter()
            .map(|id| self.reference(file, registry, kind, field, id))
            .collect()
    }

    fn keyword<T>(
        &mut self,
        file: &DataFile,
        field: &str,
        value: &Text,
        parse: fn(&str) -> Option<T>,
        keywords: String,
    ) -> Option<T> {
        let parsed = parse(value.get_ref());
        if parsed.is_none() {
            self.error(
                file,
                &value.span(),
                format!("`{}` is not a valid `{field}`", value.get_ref()),
                Some(format!("use one of: {keywords}")),
            );
        }
        parsed
    }

    fn date(&mut self, file: &DataFile, field: &str, value: &Spanned<Datetime>) -> Option<Date> {
        let datetime = value.get_ref();
        let help = Some("write a calendar date without quotes: 2025-05-19".to_owned());
        match (&datetime.date, &datetime.time, &datetime.offset) {
            (Some(date), None, None) => match Date::new(i32::from(date.year), date.month, date.day)
            {
                Ok(date) => Some(date),
                Err(reason) => {
                    self.error(
                        file,
                        &value.span(),
                        format!("invalid date in `{field}`: {reason}"),
                        help,
                    );
                    None
                }
            },
            _ => {
                self.error(
                    file,
                    &value.span(),
                    format!("`{field}` must be a date alone, not `{datetime}`"),
                    help,
                );
                None
            }
        }
    }

    fn optional_date(
        &mut self,
        file: &DataFile,
        field: &str,
        value: &Option<Spanned<Datetime>>,
    ) -> Option<Date> {
        value.as_ref().and_then(|v| self.date(file, field, v))
    }

    fn wikidata(&mut self, file: &DataFile, value: &Option<Text>) -> Option<String> {
        let value = value.as_ref()?;
        let text = value.get_ref();
        let valid = text.len() > 1
            && text.starts_with('Q')
            && text[1..].bytes().all(|b| b.is_ascii_digit());
        if !valid {
            self.error(
                file,
                &value.span(),
                format!("`{text}` is not a Wikidata item id"),
                Some("write the item id alone, like \"Q7747\"".into()),
            );
        }
        Some(text.clone())
    }

    fn required_text(
        &mut self,
        file: &DataFile,
        table_span: &Range<usize>,
        field: &str,
        value: &Option<Text>,
        what: &str,
    ) -> String {
        match value {
            Some(text) if !text.get_ref().trim().is_empty() => text.get_ref().clone(),
            Some(text) => {
                self.error(
                    file,
                    &text.span(),
                    format!("`{field}` is empty"),
                    Some(what.into()),
                );
                String::new()
            }
            None => {
                self.error(
                    file,
                    table_span,
                    format!("this claim has no `{field}`"),
                    Some(what.into()),
                );
                String::new()
            }
        }
    }

    fn convert(
        &mut self,
        file: &DataFile,
        data: &raw::DataFile,
        registry: &Registry,
        dataset: &mut Dataset,
    ) {
        for actor in &data.actor {
            let raw = actor.get_ref();
            let actor_type = self.keyword(
                file,
                "type",
                &raw.actor_type,
                ActorType::from_keyword,
                ActorType::keywords(),
            );
            let affiliation = raw
                .affiliation
                .as_ref()
                .map(|a| self.reference(file, registry, Kind::Actor, "affiliation", a));
            let members = self.references(file, registry, Kind::Actor, "members", &raw.members);
            if !members.is_empty() && actor_type != Some(ActorType::Group) {
                self.error(
                    file,
                    &actor.span(),
                    format!("actor `{}` has members but is no group", raw.id.get_ref()),
                    Some("set `type = \"group\"` or remove `members`".into()),
                );
            }
            let wikidata = self.wikidata(file, &raw.wikidata);
            dataset.actors.push(Actor {
                id: raw.id.get_ref().clone(),
                name: raw.name.get_ref().clone(),
                actor_type: actor_type.unwrap_or(ActorType::Person),
                affiliation,
                wikidata,
                aliases: raw.aliases.clone(),
                members,
                description: raw.description.clone(),
            });
        }
        for place in &data.place {
            let raw = place.get_ref();
            let place_type = self.keyword(
                file,
                "type",
                &raw.place_type,
                PlaceType::from_keyword,
                PlaceType::keywords(),
            );
            let within = raw
                .within
                .as_ref()
                .map(|w| self.reference(file, registry, Kind::Place, "within", w));
            let wikidata = self.wikidata(file, &raw.wikidata);
            dataset.places.push(Place {
                id: raw.id.get_ref().clone(),
                name: raw.name.get_ref().clone(),
                place_type: place_type.unwrap_or(PlaceType::Territory),
                within,
                wikidata,
                aliases: raw.aliases.clone(),
            });
        }
        for issue in &data.issue {
            let raw = issue.get_ref();
            let wikidata = self.wikidata(file, &raw.wikidata);
            let negotiations = self.references(
                file,
                registry,
                Kind::Negotiation,
                "negotiation",
                &raw.negotiation,
            );
            dataset.issues.push(Issue {
                id: raw.id.get_ref().clone(),
                name: raw.name.get_ref().clone(),
                description: raw.description.get_ref().clone(),
                wikidata,
                negotiations,
            });
        }
        for action in &data.action {
            let raw = action.get_ref();
            dataset.actions.push(Action {
                id: raw.id.get_ref().clone(),
                name: raw.name.get_ref().clone(),
                description: raw.description.clone(),
            });
        }
        for event in &data.event {
            self.convert_event(file, event, registry, dataset);
        }
        for negotiation in &data.negotiation {
            self.convert_negotiation(file, negotiation, registry, dataset);
        }
        let source_id = data
            .source
            .as_ref()
            .map(|s| s.get_ref().id.get_ref().clone());
        if let Some(source) = &data.source {
            self.convert_source(file, source, registry, dataset);
        }
        let publisher = data
            .source
            .as_ref()
            .map(|s| s.get_ref().publisher.get_ref().clone());
        for claim in &data.claim {
            match (&source_id, &publisher) {
                (Some(source), Some(publisher)) => {
                    self.convert_claim(file, claim, source, publisher, registry, dataset);
                }
                _ => {
                    self.error(
                        file,
                        &claim.span(),
                        "this file has claims but no [source] table",
                        Some("every claim belongs to the source its file describes: add a [source] table with id, title, publisher and published".into()),
                    );
                    return;
                }
            }
        }
    }

    fn convert_event(
        &mut self,
        file: &DataFile,
        event: &Spanned<raw::Event>,
        registry: &Registry,
        dataset: &mut Dataset,
    ) {
        let raw = event.get_ref();
        let event_type = self.keyword(
            file,
            "type",
            &raw.event_type,
            EventType::from_keyword,
            EventType::keywords(),
        );
        let status = self.keyword(
            file,
            "status",
            &raw.status,
            EventStatus::from_keyword,
            EventStatus::keywords(),
        );
        let date = self.optional_date(file, "date", &raw.date);
        let start = self.optional_date(file, "start", &raw.start);
        let end = self.optional_date(file, "end", &raw.end);
        if let (Some(start), Some(end), Some(span)) = (start, end, raw.end.as_ref()) {
            if end < start {
                self.error(
                    file,
                    &span.span(),
                    format!("the event ends ({end}) before it starts ({start})"),
                    None,
                );
            }
        }
        let place = raw
            .place
            .as_ref()
            .map(|p| self.reference(file, registry, Kind::Place, "place", p));
        let participants = self.references(
            file,
            registry,
            Kind::Actor,
            "participants",
            &raw.participants,
        );
        dataset.events.push(Event {
            id: raw.id.get_ref().clone(),
            name: raw.name.get_ref().clone(),
            event_type: event_type.unwrap_or(EventType::Meeting),
            status: status.unwrap_or(EventStatus::Planned),
            date,
            start,
            end,
            place,
            participants,
            plover_mode: raw.plover_mode.clone(),
            description: raw.description.clone(),
            negotiations: self.references(
                file,
                registry,
                Kind::Negotiation,
                "negotiation",
                &raw.negotiation,
            ),
        });
    }

    fn convert_negotiation(
        &mut self,
        file: &DataFile,
        negotiation: &Spanned<raw::Negotiation>,
        registry: &Registry,
        dataset: &mut Dataset,
    ) {
        let raw = negotiation.get_ref();
        let parties = self.references(file, registry, Kind::Actor, "parties", &raw.parties);
        if parties.len() < 2 {
            let span = raw.parties.as_ref().map_or(raw.id.span(), Spanned::span);
            self.error(
                file,
                &span,
                format!(
                    "negotiation `{}` needs at least two parties",
                    raw.id.get_ref()
                ),
                Some("list the sides as actor ids: `parties = [\"russia\", \"ukraine\"]`; mediators go in `mediators`".into()),
            );
        }
        let mediators = self.references(file, registry, Kind::Actor, "mediators", &raw.mediators);
        for mediator in ids(&raw.mediators) {
            if parties.contains(mediator.get_ref()) {
                self.error(
                    file,
                    &mediator.span(),
                    format!(
                        "`{}` is both a party and a mediator of negotiation `{}`",
                        mediator.get_ref(),
                        raw.id.get_ref()
                    ),
                    Some(
                        "keep it in `parties` if it negotiates for itself, else in `mediators`"
                            .into(),
                    ),
                );
            }
        }
        let start = self.optional_date(file, "start", &raw.start);
        let end = self.optional_date(file, "end", &raw.end);
        if let (Some(start), Some(end), Some(span)) = (start, end, raw.end.as_ref()) {
            if end < start {
                self.error(
                    file,
                    &span.span(),
                    format!("the negotiation ends ({end}) before it starts ({start})"),
                    None,
                );
            }
        }
        let wikidata = self.wikidata(file, &raw.wikidata);
        dataset.negotiations.push(Negotiation {
            id: raw.id.get_ref().clone(),
            name: raw.name.get_ref().clone(),
            description: raw.description.clone(),
            parties,
            mediators,
            wikidata,
            start,
            end,
        });
    }

    fn convert_source(
        &mut self,
        file: &DataFile,
        source: &Spanned<raw::Source>,
        registry: &Registry,
        dataset: &mut Dataset,
    ) {
        let raw = source.get_ref();
        let publisher = self.reference(file, registry, Kind::Actor, "publisher", &raw.publisher);
        let published = self.date(file, "published", &raw.published);
        let kind = match &raw.kind {
            Some(kind) => self.keyword(
                file,
                "kind",
                kind,
                SourceKind::from_keyword,
                SourceKind::keywords(),
            ),
            None => Some(SourceKind::Article),
        };
        if let Some(url) = &raw.url {
            if oxrdf::NamedNode::new(url.get_ref()).is_err() {
                self.error(
                    file,
                    &url.span(),
                    format!("`{}` is not a valid URL", url.get_ref()),
                    Some("write the full address, starting with https://".into()),
                );
            }
        }
        dataset.sources.push(Source {
            id: raw.id.get_ref().clone(),
            title: raw.title.get_ref().clone(),
            publisher,
            published: published
                .unwrap_or(Date::new(1970, 1, 1).unwrap_or_else(|_| unreachable!())),
            url: raw.url.as_ref().map(|u| u.get_ref().clone()),
            authors: raw.authors.clone(),
            kind: kind.unwrap_or(SourceKind::Article),
            negotiations: self.references(
                file,
                registry,
                Kind::Negotiation,
                "negotiation",
                &raw.negotiation,
            ),
        });
    }

    fn convert_claim(
        &mut self,
        file: &DataFile,
        claim: &Spanned<raw::Claim>,
        source: &str,
        publisher: &str,
        registry: &Registry,
        dataset: &mut Dataset,
    ) {
        let raw = claim.get_ref();
        let span = claim.span();
        let kind = self.keyword(
            file,
            "kind",
            &raw.kind,
            ClaimKind::from_keyword,
            ClaimKind::keywords(),
        );
        let holder = match &raw.holder {
            Some(holder) => self.reference(file, registry, Kind::Actor, "holder", holder),
            None => {
                self.error(
                    file,
                    &raw.id.span(),
                    format!("claim `{}` has no holder", raw.id.get_ref()),
                    Some("add `holder = \"actor-id\"`: whose position is it?".into()),
                );
                String::new()
            }
        };
        let voiced_by = raw
            .voiced_by
            .as_ref()
            .map(|v| self.reference(file, registry, Kind::Actor, "voiced_by", v));
        let action = match &raw.action {
            Some(action) => self.reference(file, registry, Kind::Action, "action", action),
            None => {
                self.error(
                    file,
                    &raw.id.span(),
                    format!("claim `{}` has no action", raw.id.get_ref()),
                    Some("add `action = \"action-id\"`: what is demanded, offered, threatened…? Actions are defined in [[action]] tables".into()),
                );
                String::new()
            }
        };
        let addressees = self.references(file, registry, Kind::Actor, "addressee", &raw.addressee);
        let issues = self.references(file, registry, Kind::Issue, "issue", &raw.issue);
        let places = self.references(file, registry, Kind::Place, "place", &raw.place);
        let events = self.references(file, registry, Kind::Event, "event", &raw.event);
        let negotiations = self.references(
            file,
            registry,
            Kind::Negotiation,
            "negotiation",
            &raw.negotiation,
        );
        let object = raw.object.as_ref().and_then(|text| {
            let parsed = ObjectRef::parse(text.get_ref());
            match &parsed {
                None => self.error(
                    file,
                    &text.span(),
                    format!("`{}` is not a valid `object`", text.get_ref()),
                    Some("write the kind and the id: \"place:kherson\", \"event:…\", \"issue:…\", \"action:…\" or \"actor:…\"".into()),
                ),
                Some(object) => {
                    let kind = match object {
                        ObjectRef::Actor(_) => Kind::Actor,
                        ObjectRef::Place(_) => Kind::Place,
                        ObjectRef::Event(_) => Kind::Event,
                        ObjectRef::Issue(_) => Kind::Issue,
                        ObjectRef::Action(_) => Kind::Action,
                    };
                    let id = Spanned::new(text.span(), object.id().to_owned());
                    self.reference(file, registry, kind, "object", &id);
                }
            }
            parsed
        });
        let stated_on = self.optional_date(file, "stated_on", &raw.stated_on);
        let stated_before = self.optional_date(file, "stated_before", &raw.stated_before);
        if raw.stated_on.is_none() && raw.stated_before.is_none() {
            self.error(
                file,
                &raw.id.span(),
                format!("claim `{}` has no date", raw.id.get_ref()),
                Some("add `stated_on = YYYY-MM-DD` (resolve \"last week\", \"on Friday\" against the source's date), or `stated_before` when the source only bounds it".into()),
            );
        }
        let valid_from = self.optional_date(file, "valid_from", &raw.valid_from);
        let valid_until = self.optional_date(file, "valid_until", &raw.valid_until);
        if let (Some(from), Some(until), Some(span)) = (valid_from, valid_until, &raw.valid_until) {
            if until < from {
                self.error(
                    file,
                    &span.span(),
                    format!("`valid_until` ({until}) is before `valid_from` ({from})"),
                    None,
                );
            }
        }
        if let Some(duration) = &raw.duration {
            if duration
                .get_ref()
                .parse::<oxsdatatypes::Duration>()
                .is_err()
            {
                self.error(
                    file,
                    &duration.span(),
                    format!("`{}` is not an xsd:duration", duration.get_ref()),
                    Some("write an ISO 8601 duration, like \"P30D\" for thirty days".into()),
                );
            }
        }
        let modality = match &raw.modality {
            Some(m) => self.keyword(
                file,
                "modality",
                m,
                Modality::from_keyword,
                Modality::keywords(),
            ),
            None => Some(Modality::Asserted),
        };
        let conditional_on = self.references(
            file,
            registry,
            Kind::Claim,
            "conditional_on",
            &raw.conditional_on,
        );
        let responds_to =
            self.references(file, registry, Kind::Claim, "responds_to", &raw.responds_to);
        let supersedes =
            self.references(file, registry, Kind::Claim, "supersedes", &raw.supersedes);
        let contradicts =
            self.references(file, registry, Kind::Claim, "contradicts", &raw.contradicts);
        for (field, list) in [
            ("conditional_on", &raw.conditional_on),
            ("responds_to", &raw.responds_to),
            ("supersedes", &raw.supersedes),
            ("contradicts", &raw.contradicts),
        ] {
            for id in ids(list) {
                if id.get_ref() == raw.id.get_ref() {
                    self.error(
                        file,
                        &id.span(),
                        format!("claim `{}` names itself in `{field}`", raw.id.get_ref()),
                        Some("a claim cannot relate to itself; name another claim".into()),
                    );
                }
            }
        }
        let label = self.required_text(
            file,
            &raw.id.span(),
            "label",
            &raw.label,
            "add `label = \"…\"`, a readable sentence such as \"Russia demands that Ukraine withdraw from Kherson\"",
        );
        if raw.evidence.is_empty() {
            self.error(
                file,
                &raw.id.span(),
                format!("claim `{}` has no evidence", raw.id.get_ref()),
                Some("add an [[claim.evidence]] table with the exact `quote` from the source: a position without evidence is not data".into()),
            );
        }
        let mut evidence = Vec::new();
        for item in &raw.evidence {
            if let Some(e) = self.convert_evidence(file, item, source, publisher, registry) {
                evidence.push(e);
            }
        }
        let _ = span;
        dataset.claims.push(Claim {
            id: raw.id.get_ref().clone(),
            source: source.to_owned(),
            kind: kind.unwrap_or(ClaimKind::Statement),
            holder,
            voiced_by,
            addressees,
            action,
            issues,
            places,
            events,
            object,
            stated_on,
            stated_on_text: raw.stated_on_text.clone(),
            stated_before,
            valid_from,
            valid_until,
            duration: raw.duration.as_ref().map(|d| d.get_ref().clone()),
            modality: modality.unwrap_or(Modality::Asserted),
            condition: raw.condition.clone(),
            conditional_on,
            responds_to,
            supersedes,
            contradicts,
            plover: raw.plover.clone(),
            plover_mode: raw.plover_mode.clone(),
            label,
            note: raw.note.clone(),
            negotiations,
            evidence,
        });
    }

    fn convert_evidence(
        &mut self,
        file: &DataFile,
        item: &Spanned<raw::Evidence>,
        source: &str,
        publisher: &str,
        registry: &Registry,
    ) -> Option<Evidence> {
        let raw = item.get_ref();
        if raw.quote.get_ref().trim().is_empty() {
            self.error(
                file,
                &raw.quote.span(),
                "the quote is empty",
                Some("copy the exact words of the source".into()),
            );
        }
        let reported_by = match &raw.reported_by {
            Some(r) => self.reference(file, registry, Kind::Actor, "reported_by", r),
            None => publisher.to_owned(),
        };
        let source = match &raw.source {
            Some(s) => self.reference(file, registry, Kind::Source, "source", s),
            None => source.to_owned(),
        };
        if let Some(sentence) = &raw.sentence {
            if !sentence.get_ref().contains(raw.quote.get_ref().as_str()) {
                self.error(
                    file,
                    &sentence.span(),
                    "the sentence does not contain the quote",
                    Some(
                        "`sentence` is the source's sentence in which the quote stands: copy it \
                         with the quote's exact words, or leave it out"
                            .into(),
                    ),
                );
            }
        }
        let start = raw.start.as_ref().map(|s| *s.get_ref());
        let end = raw.end.as_ref().map(|e| *e.get_ref());
        match (&raw.start, &raw.end) {
            (Some(s), Some(e)) => {
                let length = raw.quote.get_ref().chars().count() as u64;
                if e.get_ref().checked_sub(*s.get_ref()) != Some(length) {
                    self.error(
                        file,
                        &e.span(),
                        format!(
                            "`end - start` is {} but the quote has {length} characters",
                            i128::from(*e.get_ref()) - i128::from(*s.get_ref())
                        ),
                        Some("offsets count Unicode characters, end exclusive: end = start + length of the quote".into()),
                    );
                }
            }
            (Some(one), None) | (None, Some(one)) => self.error(
                file,
                &one.span(),
                "give both `start` and `end`, or neither",
                None,
            ),
            (None, None) => {}
        }
        Some(Evidence {
            quote: raw.quote.get_ref().clone(),
            sentence: raw.sentence.as_ref().map(|s| s.get_ref().clone()),
            source,
            reported_by,
            start,
            end,
        })
    }

    /// Rejects cycles in `conditional_on` and `supersedes`: a position cannot, through a chain,
    /// depend on or replace itself.
    fn check_cycles(&mut self, dataset: &Dataset, registry: &Registry, files: &[DataFile]) {
        type Edges<'a> = fn(&'a Claim) -> &'a Vec<String>;
        let relations: [(&str, Edges<'_>); 2] = [
            ("conditional_on", |c| &c.conditional_on),
            ("supersedes", |c| &c.supersedes),
        ];
        let by_id: HashMap<&str, &Claim> =
            dataset.claims.iter().map(|c| (c.id.as_str(), c)).collect();
        for (field, edges) in relations {
            let mut reported: HashSet<&str> = HashSet::new();
            for claim in &dataset.claims {
                if reported.contains(claim.id.as_str()) {
                    continue;
                }
                if let Some(cycle) = find_cycle(claim, &by_id, edges) {
                    if cycle.len() < 2 {
                        continue; // a self-reference is reported where it is written
                    }
                    reported.extend(cycle.iter().copied());
                    let location = registry
                        .claims
                        .get(claim.id.as_str())
                        .and_then(|spot| spot.location(files));
                    if let Some(location) = location {
                        self.errors.push(DataError {
                            location,
                            message: format!(
                                "`{field}` goes round in a circle: {} → {}",
                                cycle.join(" → "),
                                cycle[0]
                            ),
                            help: Some(format!("remove one of these `{field}` links")),
                        });
                    }
                }
            }
        }
    }
}

fn find_cycle<'a>(
    start: &'a Claim,
    by_id: &HashMap<&str, &'a Claim>,
    edges: fn(&'a Claim) -> &'a Vec<String>,
) -> Option<Vec<&'a str>> {
    // Depth-first search from `start`, looking for a way back to it.
    let mut stack: Vec<(&'a Claim, usize)> = vec![(start, 0)];
    let mut on_path: Vec<&'a str> = vec![start.id.as_str()];
    let mut seen: HashSet<&'a str> = HashSet::new();
    while let Some((claim, next)) = stack.pop() {
        let targets = edges(claim);
        if next < targets.len() {
            stack.push((claim, next + 1));
            let target = targets[next].as_str();
            if target == start.id {
                return Some(on_path.clone());
            }
            if seen.insert(target) {
                if let Some(found) = by_id.get(target) {
                    stack.push((found, 0));
                    on_path.push(found.id.as_str());
                }
            }
        } else {
            on_path.pop();
        }
    }
    None
}

fn body(file: &DataFile) -> &str {
    file.text.strip_prefix('\u{feff}').unwrap_or(&file.text)
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The known id closest to `id`, when it is close enough to be a likely typo.
pub(crate) fn closest<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    known
        .map(|k| (edit_distance(id, k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min()
        .map(|(_, k)| k.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFERENCE: &str = r#"
[[actor]]
id = "russia"
name = "Russia"
type = "state"

[[actor]]
id = "ukraine"
name = "Ukraine"
type = "state"

[[actor]]
id = "press"
name = "The Press"
type = "organization"

[[place]]
id = "kherson"
name = "Kherson"
type = "city"

[[issue]]
id = "territory"
name = "territory"
description = "Who controls which land."

[[action]]
id = "withdrawal"
name = "withdrawal"
"#;

    fn source(claims: &str) -> String {
        format!(
            r#"[source]
id = "s1"
title = "A report"
publisher = "press"
published = 2025-05-19
{claims}"#
        )
    }

    const GOOD_CLAIM: &str = r#"
[[claim]]
id = "c1"
kind = "demand"
holder = "russia"
addressee = "ukraine"
action = "withdrawal"
issue = "territory"
place = ["kherson"]
stated_on = 2025-05-16
label = "Russia demands that Ukraine withdraw from Kherson"
[[claim.evidence]]
quote = "demanded that Kyiv withdraw"
"#;

    fn parse(source_text: &str) -> Result<Dataset, DataErrors> {
        parse_dataset(&[
            DataFile::new("data/reference.toml", REFERENCE),
            DataFile::new("data/sources/s1.toml", source_text),
        ])
    }

    fn single_error(source_text: &str) -> DataError {
        let errors = parse(source_text)
            .expect_err("the data should be rejected")
            .0;
        assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
        errors.into_iter().next().unwrap()
    }

    #[test]
    fn a_valid_claim_loads_with_defaults() {
        let dataset = parse(&source(GOOD_CLAIM)).unwrap();
        let claim = &dataset.claims[0];
        assert_eq!(claim.holder, "russia");
        assert_eq!(claim.source, "s1");
        assert_eq!(claim.modality, Modality::Asserted);
        assert_eq!(claim.evidence[0].reported_by, "press");
        assert_eq!(claim.evidence[0].source, "s1");
        assert_eq!(claim.stated_on, Some(Date::new(2025, 5, 16).unwrap()));
    }

    #[test]
    fn unknown_actor_names_line_column_and_suggests() {
        let text = source(&GOOD_CLAIM.replace("holder = \"russia\"", "holder = \"rusia\""));
        let error = single_error(&text);
        assert_eq!(error.location.file, "data/sources/s1.toml");
        let line = text.lines().position(|l| l.contains("rusia")).unwrap() + 1;
        assert_eq!(error.location.line, line);
        assert_eq!(error.location.column, 10);
        assert!(
            error.message.contains("unknown actor `rusia`"),
            "{}",
            error.message
        );
        assert!(error.help.unwrap().contains("did you mean `russia`"));
    }

    #[test]
    fn unknown_place_issue_and_event_are_reported() {
        let text = source(
            &GOOD_CLAIM
                .replace("[\"kherson\"]", "[\"kherson\", \"atlantis\"]")
                .replace(
                    "issue = \"territory\"",
                    "issue = \"teritory\"\nevent = \"nowhere\"",
                ),
        );
        let errors = parse(&text).unwrap_err().0;
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(errors.len(), 3, "{messages:?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("unknown place `atlantis`")));
        assert!(messages
            .iter()
            .any(|m| m.contains("unknown issue `teritory`")));
        assert!(messages
            .iter()
            .any(|m| m.contains("unknown event `nowhere`")));
    }

    #[test]
    fn claim_without_holder_or_evidence_is_rejected() {
        let no_holder = GOOD_CLAIM.replace("holder = \"russia\"\n", "");
        assert!(single_error(&source(&no_holder))
            .message
            .contains("has no holder"));
        let no_evidence = GOOD_CLAIM
            .replace("[[claim.evidence]]\n", "")
            .replace("quote = \"demanded that Kyiv withdraw\"\n", "");
        assert!(single_error(&source(&no_evidence))
            .message
            .contains("has no evidence"));
    }

    #[test]
    fn invalid_date_is_rejected_with_its_position() {
        let text = source(&GOOD_CLAIM.replace("2025-05-16", "2025-02-30"));
        let errors = parse(&text).unwrap_err().0;
        let line = text.lines().position(|l| l.contains("2025-02-30")).unwrap() + 1;
        assert_eq!(errors[0].location.line, line);
        assert!(errors[0].message.contains("date"), "{}", errors[0].message);
    }

    #[test]
    fn duplicate_ids_point_at_the_first_definition() {
        let text = source(&format!("{GOOD_CLAIM}{GOOD_CLAIM}"));
        let error = single_error(&text);
        assert!(error.message.contains("duplicate claim id `c1`"));
        assert!(error.help.unwrap().contains("data/sources/s1.toml:8:6"));
    }

    #[test]
    fn malformed_toml_and_unknown_keys_are_located() {
        let error = single_error(&source("[[claim]\nid = 1"));
        assert_eq!(error.location.line, 6);
        let error = single_error(&source(&GOOD_CLAIM.replace("label", "lable")));
        assert!(
            error.message.contains("unknown field `lable`"),
            "{}",
            error.message
        );
        assert!(error.location.line > 5);
    }

    #[test]
    fn cycles_and_self_references_are_rejected() {
        let claim = |id: &str, on: &str| {
            GOOD_CLAIM.replace(
                "id = \"c1\"",
                &format!("id = \"{id}\"\nconditional_on = \"{on}\""),
            )
        };
        let errors = parse(&source(&format!("{}{}", claim("a", "b"), claim("b", "a"))))
            .unwrap_err()
            .0;
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(
            errors[0].message.contains("a → b → a"),
            "{}",
            errors[0].message
        );
        let error = single_error(&source(&claim("a", "a")));
        assert!(error.message.contains("names itself"));
    }

    #[test]
    fn offsets_must_span_the_quote() {
        let text = source(&format!("{GOOD_CLAIM}start = 10\nend = 12\n"));
        assert!(single_error(&text)
            .message
            .contains("quote has 27 characters"));
    }

    #[test]
    fn a_sentence_must_hold_its_quote() {
        let kept = parse(&source(&format!(
            "{GOOD_CLAIM}sentence = \"Moscow demanded that Kyiv withdraw from four regions.\"\n"
        )))
        .unwrap();
        assert_eq!(
            kept.claims[0].evidence[0].sentence.as_deref(),
            Some("Moscow demanded that Kyiv withdraw from four regions.")
        );
        let error = single_error(&source(&format!(
            "{GOOD_CLAIM}sentence = \"Moscow asked Kyiv to withdraw.\"\n"
        )));
        assert!(
            error.message.contains("does not contain the quote"),
            "{error}"
        );
        assert!(error.help.is_some_and(|h| h.contains("exact words")));
        // The error points at the sentence's line.
        let line = source(GOOD_CLAIM).lines().count() + 1;
        assert_eq!(error.location.line, line, "{}", error.location);
    }

    const NEGOTIATIONS: &str = r#"
[[negotiation]]
id = "war-talks"
name = "War talks"
parties = ["russia", "ukraine"]
start = 2025-03-01

[[negotiation]]
id = "prisoner-talks"
name = "Prisoner talks"
parties = ["russia", "ukraine"]
mediators = "press"

[[event]]
id = "round-1"
name = "Round 1"
type = "talks"
status = "held"
negotiation = "prisoner-talks"
"#;

    fn parse_with_negotiations(source_text: &str) -> Result<Dataset, DataErrors> {
        parse_dataset(&[
            DataFile::new("data/reference.toml", REFERENCE),
            DataFile::new("data/negotiations.toml", NEGOTIATIONS),
            DataFile::new("data/sources/s1.toml", source_text),
        ])
    }

    #[test]
    fn a_claim_takes_its_negotiation_from_itself_else_its_source_else_its_events() {
        let second = GOOD_CLAIM.replace("id = \"c1\"", "id = \"c2\"");
        let third = GOOD_CLAIM.replace("id = \"c1\"", "id = \"c3\"");
        let claims = format!(
            "{}\n{}\n{}",
            GOOD_CLAIM.replace(
                "stated_on",
                "negotiation = [\"prisoner-talks\", \"war-talks\"]\nstated_on"
            ),
            second.replace("stated_on", "event = \"round-1\"\nstated_on"),
            third
        );
        // With the source naming none, c1 has its own, c2 its event's, c3 none.
        let dataset = parse_with_negotiations(&source(&claims)).unwrap();
        let of = |id: &str| dataset.claim_negotiations(dataset.claim(id).unwrap());
        assert_eq!(of("c1"), ["prisoner-talks", "war-talks"]);
        assert_eq!(of("c2"), ["prisoner-talks"]);
        assert!(of("c3").is_empty());
        assert_eq!(dataset.negotiations.len(), 2);
        assert_eq!(
            dataset.negotiation("prisoner-talks").unwrap().mediators,
            ["press"]
        );
        assert_eq!(dataset.events[0].negotiations, ["prisoner-talks"]);
        // A source's negotiation is the default for every claim that names none, ahead of
        // the claim's events.
        let with_source = source(&claims).replace(
            "published = 2025-05-19",
            "published = 2025-05-19\nnegotiation = \"war-talks\"",
        );
        let dataset = parse_with_negotiations(&with_source).unwrap();
        let of = |id: &str| dataset.claim_negotiations(dataset.claim(id).unwrap());
        assert_eq!(of("c1"), ["prisoner-talks", "war-talks"]);
        assert_eq!(of("c2"), ["war-talks"]);
        assert_eq!(of("c3"), ["war-talks"]);
        assert_eq!(dataset.sources[0].negotiations, ["war-talks"]);
    }

    #[test]
    fn unknown_negotiation_is_located_and_the_nearest_suggested() {
        for (table, text) in [
            (
                "claim",
                source(&GOOD_CLAIM.replace("stated_on", "negotiation = \"war-tlks\"\nstated_on")),
            ),
            (
                "source",
                source(GOOD_CLAIM).replace(
                    "published = 2025-05-19",
                    "published = 2025-05-19\nnegotiation = [\"war-tlks\"]",
                ),
            ),
        ] {
            let errors = parse_with_negotiations(&text).unwrap_err().0;
            assert_eq!(errors.len(), 1, "{table}: {errors:#?}");
            let error = &errors[0];
            let line = text.lines().position(|l| l.contains("war-tlks")).unwrap() + 1;
            assert_eq!(error.location.file, "data/sources/s1.toml");
            assert_eq!(error.location.line, line, "{table}");
            assert!(error
                .message
                .contains("unknown negotiation `war-tlks` in `negotiation`"));
            let help = error.help.as_deref().unwrap();
            assert!(help.contains("did you mean `war-talks`?"), "{help}");
            assert!(help.contains("[[negotiation]]"), "{help}");
        }
        // On an event and an issue too.
        let reference = REFERENCE.replace(
            "description = \"Who controls which land.\"",
            "description = \"Who controls which land.\"\nnegotiation = \"prisoner-talk\"",
        );
        let negotiations = NEGOTIATIONS.replace(
            "negotiation = \"prisoner-talks\"",
            "negotiation = \"war-talk\"",
        );
        let errors = parse_dataset(&[
            DataFile::new("data/reference.toml", reference),
            DataFile::new("data/negotiations.toml", negotiations),
        ])
        .unwrap_err()
        .0;
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("`prisoner-talk`")));
        assert!(messages.iter().any(|m| m.contains("`war-talk`")));
    }

    #[test]
    fn a_negotiation_needs_two_parties_and_sane_dates() {
        let broken = NEGOTIATIONS
            .replace(
                "parties = [\"russia\", \"ukraine\"]\nstart",
                "parties = \"russia\"\nstart",
            )
            .replace("start = 2025-03-01", "start = 2025-03-01\nend = 2025-02-01")
            .replace(
                "mediators = \"press\"",
                "mediators = [\"press\", \"ukraine\"]",
            );
        let errors = parse_dataset(&[
            DataFile::new("data/reference.toml", REFERENCE),
            DataFile::new("data/negotiations.toml", broken),
        ])
        .unwrap_err()
        .0;
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`war-talks` needs at least two parties"));
        assert!(messages[1].contains("ends (2025-02-01) before it starts (2025-03-01)"));
        assert!(messages[2].contains("`ukraine` is both a party and a mediator"));
        assert!(errors
            .iter()
            .all(|e| e.location.file == "data/negotiations.toml"));
    }

    #[test]
    fn edit_distance_is_levenshtein() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("russia", "russia"), 0);
    }
}
