//! What the model is asked: instructions naming the kinds of claim and the ids it may use, a
//! JSON Schema that constrains its answer to them, and one part of the article at a time. The
//! ids come from the data and the lexicon: every action, place and issue, and the actors the
//! gazetteer finds in the article (any other holder is written as `other` with its name, and
//! resolved or proposed afterwards as the rules would).

use crate::extract::lexicon::{Entry, Lexicon};
use crate::model::{ClaimKind, Dataset, Modality, Source};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The holder to write when the actor is not in the list: its name then goes in `holder_name`.
pub(super) const OTHER_HOLDER: &str = "other";

/// The ids the model may use for one article, each with its name.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Vocabulary {
    pub(super) actors: Vec<(String, String)>,
    pub(super) actions: Vec<(String, String)>,
    pub(super) places: Vec<(String, String)>,
    pub(super) issues: Vec<(String, String)>,
}

impl Vocabulary {
    /// The actors the gazetteer finds in `text`, sorted by id; every action of the data and
    /// the lexicon; every place and issue of the data.
    pub(super) fn for_article(text: &str, lexicon: &Lexicon, reference: &Dataset) -> Self {
        let found: BTreeSet<&str> = lexicon
            .actors
            .find(text)
            .into_iter()
            .filter_map(|(_, e)| match e {
                Entry::Actor(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let name_of = |id: &str| lexicon.names.get(id).cloned().unwrap_or_else(|| id.into());
        let actors = found
            .into_iter()
            .map(|id| (id.to_owned(), name_of(id)))
            .collect();
        let mut actions: Vec<(String, String)> = reference
            .actions
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect();
        for id in lexicon.action_ids() {
            if !actions.iter().any(|(known, _)| *known == id) {
                actions.push((id.clone(), id.replace('-', " ")));
            }
        }
        actions.sort();
        let places = reference
            .places
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect();
        let issues = reference
            .issues
            .iter()
            .map(|i| (i.id.clone(), i.name.clone()))
            .collect();
        Self {
            actors,
            actions,
            places,
            issues,
        }
    }
}

/// What each kind of claim means, as the model is told.
fn kind_meaning(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Demand => "asks another side to do something",
        ClaimKind::Proposal => "puts forward a course of action",
        ClaimKind::Offer => "offers something: to host, to mediate, to give",
        ClaimKind::Concession => "gives ground",
        ClaimKind::Rejection => "refuses a demand, proposal or invitation",
        ClaimKind::Threat => "warns of a cost if the other side does not comply",
        ClaimKind::Agreement => "agrees with another party",
        ClaimKind::Commitment => {
            "binds itself to a course of action (\"ready to\", \"willing to\")"
        }
        ClaimKind::Statement => "an announcement or assessment that is no other kind",
    }
}

/// What each modality means, as the model is told.
fn modality_meaning(modality: Modality) -> &'static str {
    match modality {
        Modality::Asserted => "stated as fact or firm intent",
        Modality::Hedged => "softened: \"may\", \"possible\", \"would be interested\"",
        Modality::Hypothetical => "holds only under a condition",
        Modality::Future => "about what will be done",
        Modality::Negated => "stated in the negative: \"not ready to\"",
    }
}

/// The instructions: what to find, what each field means, and the ids with their names.
pub(super) fn system(vocabulary: &Vocabulary) -> String {
    let mut out = String::from(
        "You read a news report about negotiations and list the positions it reports: who \
         demands, proposes, offers, concedes, rejects, threatens, agrees to or commits to what, \
         addressed to whom, about which place and issue.\n\
         Answer with JSON only, {\"claims\": [...]}, one object per position, each with:\n\
         - quote: the words of the report that state the position, copied exactly, character \
         for character, from one sentence: no ellipsis, no change of any word\n\
         - kind, one of:\n",
    );
    for kind in ClaimKind::ALL {
        let _ = writeln!(out, "  {}: {}", kind.as_str(), kind_meaning(*kind));
    }
    out.push_str(
        "- holder: whose position it is, an actor id from the list below; \"other\" when it is \
         not listed\n\
         - holder_name: the holder's name as the report writes it\n\
         - addressees: ids of the listed actors it is addressed to (may be empty)\n\
         - action: what is demanded, offered, rejected, ...: an action id from the list\n\
         - places, issues: ids from the lists (may be empty)\n\
         - modality, one of:\n",
    );
    for modality in Modality::ALL {
        let _ = writeln!(
            out,
            "  {}: {}",
            modality.as_str(),
            modality_meaning(*modality)
        );
    }
    out.push_str(
        "- condition: the condition in the report's words, or \"\"\n\
         - confidence: from 0 to 1, how sure you are that the report states this position\n\
         Only positions the report states; {\"claims\": []} when there are none.\n",
    );
    for (title, list) in [
        ("Actors", &vocabulary.actors),
        ("Actions", &vocabulary.actions),
        ("Places", &vocabulary.places),
        ("Issues", &vocabulary.issues),
    ] {
        let _ = writeln!(out, "\n{title} (id: name):");
        if list.is_empty() {
            out.push_str("(none)\n");
        }
        for (id, name) in list {
            let _ = writeln!(out, "{id}: {name}");
        }
    }
    out
}

/// One part of the article, with what the model needs to know about its source.
pub(super) fn user(source: &Source, part: usize, parts: usize, text: &str) -> String {
    let mut out = format!(
        "Report \"{}\", published {} by {}.",
        source.title, source.published, source.publisher
    );
    if parts > 1 {
        let _ = write!(out, " Part {part} of {parts}.");
    }
    out.push_str("\n\n");
    out.push_str(text);
    out
}

/// A JSON string.
fn string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// A schema for a string from `ids`.
fn one_of(ids: &[String]) -> String {
    let values: Vec<String> = ids.iter().map(|id| string(id)).collect();
    format!(r#"{{"type":"string","enum":[{}]}}"#, values.join(","))
}

/// A schema for a list of ids from `list` (empty when `list` is).
fn list_of(list: &[(String, String)]) -> String {
    if list.is_empty() {
        return r#"{"type":"array","items":{"type":"string"},"maxItems":0}"#.into();
    }
    let ids: Vec<String> = list.iter().map(|(id, _)| id.clone()).collect();
    format!(r#"{{"type":"array","items":{}}}"#, one_of(&ids))
}

/// The JSON Schema of the answer, its properties in the order the model should write them
/// (the quote first, so that what follows is read from it). Written out by hand to keep that
/// order: every property required and nothing else allowed, as OpenAI's strict mode wants.
pub(super) fn schema(vocabulary: &Vocabulary) -> String {
    let ids = |list: &[(String, String)]| -> Vec<String> {
        list.iter().map(|(id, _)| id.clone()).collect()
    };
    let kinds: Vec<String> = ClaimKind::ALL.iter().map(|k| k.as_str().into()).collect();
    let modalities: Vec<String> = Modality::ALL.iter().map(|m| m.as_str().into()).collect();
    let mut holders = ids(&vocabulary.actors);
    holders.push(OTHER_HOLDER.into());
    let actions = ids(&vocabulary.actions);
    let properties = [
        ("quote", r#"{"type":"string"}"#.to_owned()),
        ("kind", one_of(&kinds)),
        ("holder", one_of(&holders)),
        ("holder_name", r#"{"type":"string"}"#.to_owned()),
        ("addressees", list_of(&vocabulary.actors)),
        ("action", one_of(&actions)),
        ("places", list_of(&vocabulary.places)),
        ("issues", list_of(&vocabulary.issues)),
        ("modality", one_of(&modalities)),
        ("condition", r#"{"type":"string"}"#.to_owned()),
        ("confidence", r#"{"type":"number"}"#.to_owned()),
    ];
    let fields: Vec<String> = properties
        .iter()
        .map(|(name, schema)| format!("{}:{schema}", string(name)))
        .collect();
    let required: Vec<String> = properties.iter().map(|(name, _)| string(name)).collect();
    format!(
        r#"{{"type":"object","properties":{{"claims":{{"type":"array","items":{{"type":"object","properties":{{{}}},"required":[{}],"additionalProperties":false}}}}}},"required":["claims"],"additionalProperties":false}}"#,
        fields.join(","),
        required.join(",")
    )
}

/// The body of a chat-completions request: the model, the instructions, one part of the
/// article, and the schema as `response_format` (temperature 0, for answers that repeat).
pub(super) fn request_body(model: &str, system: &str, user: &str, schema: &str) -> String {
    format!(
        r#"{{"model":{},"temperature":0,"messages":[{{"role":"system","content":{}}},{{"role":"user","content":{}}}],"response_format":{{"type":"json_schema","json_schema":{{"name":"negkg_claims","strict":true,"schema":{schema}}}}}}}"#,
        string(model),
        string(system),
        string(user)
    )
}

/// Tokens a text is estimated to take: one per three characters. Tokenizers of GPT and Llama
/// models give about four characters per token on English prose and fewer on ids, numbers and
/// other languages; three is the cautious side, so that a part estimated to fit does fit.
pub fn estimate_tokens(text: &str) -> usize {
    text.chars().count().div_ceil(3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn vocabulary() -> Vocabulary {
        let pair = |id: &str, name: &str| (id.to_owned(), name.to_owned());
        Vocabulary {
            actors: vec![pair("russia", "Russia"), pair("ukraine", "Ukraine")],
            actions: vec![
                pair("ceasefire", "ceasefire"),
                pair("withdrawal", "withdrawal"),
            ],
            places: vec![pair("kherson", "Kherson")],
            issues: Vec::new(),
        }
    }

    #[test]
    fn the_schema_allows_the_ids_of_the_vocabulary_and_every_kind() {
        let schema: serde_json::Value = serde_json::from_str(&schema(&vocabulary())).unwrap();
        let claim = &schema["properties"]["claims"]["items"];
        assert_eq!(
            claim["properties"]["holder"]["enum"],
            serde_json::json!(["russia", "ukraine", "other"])
        );
        assert_eq!(
            claim["properties"]["places"]["items"]["enum"],
            serde_json::json!(["kherson"])
        );
        assert_eq!(claim["properties"]["issues"]["maxItems"], 0);
        let kinds = claim["properties"]["kind"]["enum"].as_array().unwrap();
        assert_eq!(kinds.len(), ClaimKind::ALL.len());
        assert_eq!(claim["required"].as_array().unwrap().len(), 11);
        assert_eq!(claim["additionalProperties"], false);
        // The quote comes first.
        let text = super::schema(&vocabulary());
        assert!(
            text.contains(r#""items":{"type":"object","properties":{"quote":"#),
            "{text}"
        );
    }

    #[test]
    fn the_request_names_the_model_and_carries_the_schema() {
        let body = request_body("qwen2.5:7b", "sys", "user \"text\"", &schema(&vocabulary()));
        let request: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(request["model"], "qwen2.5:7b");
        assert_eq!(request["messages"][1]["content"], "user \"text\"");
        assert_eq!(request["response_format"]["type"], "json_schema");
        assert_eq!(
            request["response_format"]["json_schema"]["schema"]["required"],
            serde_json::json!(["claims"])
        );
    }

    #[test]
    fn the_instructions_list_the_ids_with_their_names() {
        let text = system(&vocabulary());
        assert!(text.contains("\nrussia: Russia\n"), "{text}");
        assert!(text.contains("  threat: warns of a cost"), "{text}");
        assert!(text.contains("Issues (id: name):\n(none)"), "{text}");
        let source = Source {
            id: "s".into(),
            title: "Talks".into(),
            publisher: "ft".into(),
            published: Date::new(2025, 5, 19).unwrap(),
            url: None,
            authors: Vec::new(),
            kind: crate::model::SourceKind::Article,
            negotiations: Vec::new(),
        };
        assert_eq!(
            user(&source, 2, 3, "Text."),
            "Report \"Talks\", published 2025-05-19 by ft. Part 2 of 3.\n\nText."
        );
    }

    #[test]
    fn tokens_are_estimated_at_three_characters_each() {
        assert_eq!(estimate_tokens(""), 0);
        assert_eq!(estimate_tokens("abcd"), 2);
        assert_eq!(estimate_tokens("éé—"), 1);
    }
}
