//! The data-file format as serde types: what the TOML says, with the span of every value that
//! must later be checked, so that each error can point at its line and column.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use toml::value::Datetime;
use toml::Spanned;

pub(crate) type Text = Spanned<String>;

/// One value or a list of them: `place = "kherson"` or `place = ["kherson", "zaporizhzhia"]`.
#[derive(Debug, Clone)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<Text>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor;
        impl<'de> Visitor<'de> for OneOrManyVisitor {
            type Value = OneOrMany;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id in quotes or a list of ids")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(value.to_owned()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Text>()? {
                    items.push(item);
                }
                Ok(OneOrMany::Many(items))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

/// A list field with the span of each id: one value takes the span of the whole field.
pub(crate) type Ids = Option<Spanned<OneOrMany>>;

pub(crate) fn ids(field: &Ids) -> Vec<Text> {
    match field {
        None => Vec::new(),
        Some(spanned) => match spanned.get_ref() {
            OneOrMany::One(id) => vec![Spanned::new(spanned.span(), id.clone())],
            OneOrMany::Many(items) => items.clone(),
        },
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DataFile {
    #[serde(default)]
    pub(crate) actor: Vec<Spanned<Actor>>,
    #[serde(default)]
    pub(crate) place: Vec<Spanned<Place>>,
    #[serde(default)]
    pub(crate) issue: Vec<Spanned<Issue>>,
    #[serde(default)]
    pub(crate) action: Vec<Spanned<Action>>,
    #[serde(default)]
    pub(crate) event: Vec<Spanned<Event>>,
    #[serde(default)]
    pub(crate) negotiation: Vec<Spanned<Negotiation>>,
    pub(crate) source: Option<Spanned<Source>>,
    #[serde(default)]
    pub(crate) claim: Vec<Spanned<Claim>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Actor {
    pub(crate) id: Text,
    pub(crate) name: Text,
    #[serde(rename = "type")]
    pub(crate) actor_type: Text,
    pub(crate) affiliation: Option<Text>,
    pub(crate) wikidata: Option<Text>,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) members: Ids,
    pub(crate) description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Place {
    pub(crate) id: Text,
    pub(crate) name: Text,
    #[serde(rename = "type")]
    pub(crate) place_type: Text,
    pub(crate) within: Option<Text>,
    pub(crate) wikidata: Option<Text>,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Issue {
    pub(crate) id: Text,
    pub(crate) name: Text,
    pub(crate) description: Text,
    pub(crate) wikidata: Option<Text>,
    pub(crate) negotiation: Ids,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Action {
    pub(crate) id: Text,
    pub(crate) name: Text,
    pub(crate) description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Event {
    pub(crate) id: Text,
    pub(crate) name: Text,
    #[serde(rename = "type")]
    pub(crate) event_type: Text,
    pub(crate) status: Text,
    pub(crate) date: Option<Spanned<Datetime>>,
    pub(crate) start: Option<Spanned<Datetime>>,
    pub(crate) end: Option<Spanned<Datetime>>,
    pub(crate) place: Option<Text>,
    pub(crate) participants: Ids,
    pub(crate) plover_mode: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) negotiation: Ids,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Negotiation {
    pub(crate) id: Text,
    pub(crate) name: Text,
    pub(crate) description: Option<String>,
    pub(crate) parties: Ids,
    pub(crate) mediators: Ids,
    pub(crate) wikidata: Option<Text>,
    pub(crate) start: Option<Spanned<Datetime>>,
    pub(crate) end: Option<Spanned<Datetime>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    pub(crate) id: Text,
    pub(crate) title: Text,
    pub(crate) publisher: Text,
    pub(crate) published: Spanned<Datetime>,
    pub(crate) url: Option<Text>,
    #[serde(default)]
    pub(crate) authors: Vec<String>,
    pub(crate) kind: Option<Text>,
    pub(crate) negotiation: Ids,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Claim {
    pub(crate) id: Text,
    pub(crate) kind: Text,
    pub(crate) holder: Option<Text>,
    pub(crate) voiced_by: Option<Text>,
    pub(crate) addressee: Ids,
    pub(crate) action: Option<Text>,
    pub(crate) issue: Ids,
    pub(crate) place: Ids,
    pub(crate) event: Ids,
    pub(crate) object: Option<Text>,
    pub(crate) stated_on: Option<Spanned<Datetime>>,
    pub(crate) stated_on_text: Option<String>,
    pub(crate) stated_before: Option<Spanned<Datetime>>,
    pub(crate) valid_from: Option<Spanned<Datetime>>,
    pub(crate) valid_until: Option<Spanned<Datetime>>,
    pub(crate) duration: Option<Text>,
    pub(crate) modality: Option<Text>,
    pub(crate) condition: Option<String>,
    pub(crate) conditional_on: Ids,
    pub(crate) responds_to: Ids,
    pub(crate) supersedes: Ids,
    pub(crate) contradicts: Ids,
    pub(crate) plover: Option<String>,
    pub(crate) plover_mode: Option<String>,
    pub(crate) label: Option<Text>,
    pub(crate) note: Option<String>,
    pub(crate) negotiation: Ids,
    #[serde(default)]
    pub(crate) evidence: Vec<Spanned<Evidence>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Evidence {
    pub(crate) quote: Text,
    pub(crate) sentence: Option<Text>,
    pub(crate) start: Option<Spanned<u64>>,
    pub(crate) end: Option<Spanned<u64>>,
    pub(crate) reported_by: Option<Text>,
    pub(crate) source: Option<Text>,
}
