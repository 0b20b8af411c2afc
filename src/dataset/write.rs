//! Writes a [`Dataset`] back in the data-file format, so that programs (and the extractor) can
//! produce files an analyst reviews and loads like any other.

use super::DataFile;
use crate::model::{Claim, Dataset, Date, Modality, SourceKind};
use std::collections::HashMap;
use std::fmt::Write;

fn string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

fn list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| string(v)).collect();
    format!("[{}]", items.join(", "))
}

struct Table<'a> {
    out: &'a mut String,
}

impl Table<'_> {
    fn text(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.out, "{key} = {}", string(value));
    }

    fn optional(&mut self, key: &str, value: Option<&String>) {
        if let Some(value) = value {
            self.text(key, value);
        }
    }

    fn ids(&mut self, key: &str, values: &[String]) {
        match values {
            [] => {}
            [one] => self.text(key, one),
            many => {
                let _ = writeln!(self.out, "{key} = {}", list(many));
            }
        }
    }

    /// A list of texts, left out when empty.
    fn texts(&mut self, key: &str, values: &[String]) {
        if !values.is_empty() {
            let _ = writeln!(self.out, "{key} = {}", list(values));
        }
    }

    fn date(&mut self, key: &str, value: Option<Date>) {
        if let Some(date) = value {
            let _ = writeln!(self.out, "{key} = {date}");
        }
    }
}

/// The dataset as a data file (TOML), tables in the order actors, places, issues, actions,
/// events, negotiations, then each source with its claims. A dataset with several sources
/// gives one text with several `[source]` tables, which is no valid single file: write one
/// source per file.
pub fn to_toml(dataset: &Dataset) -> String {
    let mut out = String::new();
    let mut t = Table { out: &mut out };
    for actor in &dataset.actors {
        t.out.push_str("[[actor]]\n");
        t.text("id", &actor.id);
        t.text("name", &actor.name);
        t.text("type", actor.actor_type.as_str());
        t.optional("affiliation", actor.affiliation.as_ref());
        t.optional("wikidata", actor.wikidata.as_ref());
        t.texts("aliases", &actor.aliases);
        t.texts("members", &actor.members);
        t.optional("description", actor.description.as_ref());
        t.out.push('\n');
    }
    for place in &dataset.places {
        t.out.push_str("[[place]]\n");
        t.text("id", &place.id);
        t.text("name", &place.name);
        t.text("type", place.place_type.as_str());
        t.optional("within", place.within.as_ref());
        t.optional("wikidata", place.wikidata.as_ref());
        t.texts("aliases", &place.aliases);
        t.out.push('\n');
    }
    for issue in &dataset.issues {
        t.out.push_str("[[issue]]\n");
        t.text("id", &issue.id);
        t.text("name", &issue.name);
        t.text("description", &issue.description);
        t.optional("wikidata", issue.wikidata.as_ref());
        t.ids("negotiation", &issue.negotiations);
        t.out.push('\n');
    }
    for action in &dataset.actions {
        t.out.push_str("[[action]]\n");
        t.text("id", &action.id);
        t.text("name", &action.name);
        t.optional("description", action.description.as_ref());
        t.out.push('\n');
    }
    for event in &dataset.events {
        t.out.push_str("[[event]]\n");
        t.text("id", &event.id);
        t.text("name", &event.name);
        t.text("type", event.event_type.as_str());
        t.text("status", event.status.as_str());
        t.date("date", event.date);
        t.date("start", event.start);
        t.date("end", event.end);
        t.optional("place", event.place.as_ref());
        t.ids("participants", &event.participants);
        t.optional("plover_mode", event.plover_mode.as_ref());
        t.optional("description", event.description.as_ref());
        t.ids("negotiation", &event.negotiations);
        t.out.push('\n');
    }
    for negotiation in &dataset.negotiations {
        t.out.push_str("[[negotiation]]\n");
        t.text("id", &negotiation.id);
        t.text("name", &negotiation.name);
        t.optional("description", negotiation.description.as_ref());
        t.ids("parties", &negotiation.parties);
        t.ids("mediators", &negotiation.mediators);
        t.optional("wikidata", negotiation.wikidata.as_ref());
        t.date("start", negotiation.start);
        t.date("end", negotiation.end);
        t.out.push('\n');
    }
    for source in &dataset.sources {
        t.out.push_str("[source]\n");
        t.text("id", &source.id);
        t.text("title", &source.title);
        t.text("publisher", &source.publisher);
        t.date("published", Some(source.published));
        t.optional("url", source.url.as_ref());
        t.texts("authors", &source.authors);
        if source.kind != SourceKind::Article {
            t.text("kind", source.kind.as_str());
        }
        t.ids("negotiation", &source.negotiations);
        t.out.push('\n');
        for claim in dataset.claims.iter().filter(|c| c.source == source.id) {
            t.out.push_str("[[claim]]\n");
            t.text("id", &claim.id);
            t.text("kind", claim.kind.as_str());
            t.text("holder", &claim.holder);
            t.optional("voiced_by", claim.voiced_by.as_ref());
            t.ids("addressee", &claim.addressees);
            t.text("action", &claim.action);
            t.ids("issue", &claim.issues);
            t.ids("place", &claim.places);
            t.ids("event", &claim.events);
            if let Some(object) = &claim.object {
                t.text("object", &object.to_string());
            }
            t.date("stated_on", claim.stated_on);
            t.optional("stated_on_text", claim.stated_on_text.as_ref());
            t.date("stated_before", claim.stated_before);
            t.date("valid_from", claim.valid_from);
            t.date("valid_until", claim.valid_until);
            t.optional("duration", claim.duration.as_ref());
            if claim.modality != Modality::Asserted {
                t.text("modality", claim.modality.as_str());
            }
            t.optional("condition", claim.condition.as_ref());
            t.ids("conditional_on", &claim.conditional_on);
            t.ids("responds_to", &claim.responds_to);
            t.ids("supersedes", &claim.supersedes);
            t.ids("contradicts", &claim.contradicts);
            t.optional("plover", claim.plover.as_ref());
            t.optional("plover_mode", claim.plover_mode.as_ref());
            t.text("label", &claim.label);
            t.optional("note", claim.note.as_ref());
            t.ids("negotiation", &claim.negotiations);
            for evidence in &claim.evidence {
                t.out.push_str("\n[[claim.evidence]]\n");
                t.text("quote", &evidence.quote);
                t.optional("sentence", evidence.sentence.as_ref());
                if let (Some(start), Some(end)) = (evidence.start, evidence.end) {
                    let _ = writeln!(t.out, "start = {start}\nend = {end}");
                }
                if evidence.reported_by != source.publisher {
                    t.text("reported_by", &evidence.reported_by);
                }
                if evidence.source != source.id {
                    t.text("source", &evidence.source);
                }
            }
            t.out.push('\n');
        }
    }
    out
}

/// The dataset as data files: `reference.toml` with the actors, places, issues, actions,
/// events and negotiations, and `sources/ID.toml` per source with its claims.
pub fn to_data_files(dataset: &Dataset) -> Vec<DataFile> {
    let reference = Dataset {
        sources: Vec::new(),
        claims: Vec::new(),
        ..dataset.clone()
    };
    let mut files = vec![DataFile::new("reference.toml", to_toml(&reference))];
    let mut claims: HashMap<&str, Vec<Claim>> = HashMap::new();
    for claim in &dataset.claims {
        claims
            .entry(claim.source.as_str())
            .or_default()
            .push(claim.clone());
    }
    for source in &dataset.sources {
        let one = Dataset {
            sources: vec![source.clone()],
            claims: claims.remove(source.id.as_str()).unwrap_or_default(),
            ..Dataset::default()
        };
        files.push(DataFile::new(
            format!("sources/{}.toml", source.id),
            to_toml(&one),
        ));
    }
    files
}

#[cfg(test)]
mod tests {
    use crate::bundled::data_files;
    use crate::dataset::{parse_dataset, to_data_files};

    #[test]
    fn the_bundled_dataset_survives_writing_and_reading_back() {
        let dataset = parse_dataset(&data_files()).unwrap();
        let again = parse_dataset(&to_data_files(&dataset)).unwrap();
        assert_eq!(dataset.claims.len(), again.claims.len());
        let sorted = |d: &crate::model::Dataset| {
            let mut claims = d.claims.clone();
            claims.sort_by(|a, b| a.id.cmp(&b.id));
            claims
        };
        assert_eq!(sorted(&dataset), sorted(&again));
        assert_eq!(dataset.actors, again.actors);
        assert_eq!(dataset.sources, again.sources);
        assert_eq!(dataset.events, again.events);
        assert_eq!(dataset.negotiations, again.negotiations);
        assert!(!dataset.negotiations.is_empty());
    }
}
