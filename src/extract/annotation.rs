//! Hand annotations of the evaluation set (`gold.toml`, `second.toml`), read and checked
//! against the canonical lists that `tests/eval/GUIDELINES.md` names: actor ids from the data
//! and the gazetteer, action ids from the data's action list, place ids from the data, and
//! actors or places the file declares itself, their ids made exactly as the extractor proposes
//! new actors. Every problem is named with its file, line and column and what to fix.

use super::lexicon::Lexicon;
use super::mentions::{new_actor_id, TITLES};
use super::text::slug;
use crate::dataset::closest;
use crate::dataset::raw::{ids, Ids, OneOrMany, Text};
use crate::error::{DataError, DataErrors, Error, Location, Result};
use crate::model::{text_at, ClaimKind, Dataset, Modality};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The ids an annotation may use.
pub(crate) struct Known {
    actors: BTreeSet<String>,
    actions: BTreeSet<String>,
    places: BTreeSet<String>,
}

impl Known {
    /// The actors of the data and the gazetteer, and the data's actions and places.
    pub(crate) fn new(reference: &Dataset, lexicon: &Lexicon) -> Self {
        Self {
            actors: reference
                .actors
                .iter()
                .map(|a| a.id.clone())
                .chain(lexicon.names.keys().cloned())
                .collect(),
            actions: reference.actions.iter().map(|a| a.id.clone()).collect(),
            places: reference.places.iter().map(|p| p.id.clone()).collect(),
        }
    }
}

/// One annotated claim, in canonical ids.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Annotated {
    /// Whose position it is: one id, or the parties of a joint position.
    pub(crate) holders: Vec<String>,
    pub(crate) kind: ClaimKind,
    /// What it is about: one action id, at most two.
    pub(crate) actions: Vec<String>,
    pub(crate) voiced_by: Option<String>,
    pub(crate) quote: String,
    pub(crate) start: u64,
    pub(crate) end: u64,
}

/// Whether a file is written in the canonical scheme, or in the old one whose holders and
/// objects were free text (the second annotations before the guidelines).
pub(crate) fn is_old_scheme(text: &str) -> bool {
    let key = |k: &str| text.lines().any(|l| l.trim_start().starts_with(k));
    key("object =") && !key("action =")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    new_actor: Vec<RawActor>,
    #[serde(default)]
    new_place: Vec<RawPlace>,
    #[serde(default)]
    claim: Vec<Spanned<RawClaim>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: Text,
    name: Text,
    #[serde(rename = "type")]
    actor_type: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    id: Text,
    name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    holder: Spanned<OneOrMany>,
    kind: Text,
    action: Spanned<OneOrMany>,
    addressee: Ids,
    places: Ids,
    // Allowed keys that the match does not use.
    #[serde(rename = "condition")]
    _condition: Option<String>,
    modality: Text,
    voiced_by: Option<Text>,
    quote: Text,
    start: Spanned<u64>,
    end: Spanned<u64>,
    #[serde(rename = "note")]
    _note: Option<String>,
}

/// The problems found in one file.
struct Problems<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<DataError>,
}

impl Problems<'_> {
    fn add(&mut self, span: &Range<usize>, message: String, help: impl Into<String>) {
        self.errors.push(DataError {
            location: Location::from_offset(self.file, self.text, span.start),
            message,
            help: Some(help.into()),
        });
    }

    /// Checks that `id` is known or declared; `what` names the field.
    fn id(&mut self, id: &Text, known: &BTreeSet<String>, declared: &BTreeSet<String>, what: &str) {
        let value = id.get_ref();
        if known.contains(value) || declared.contains(value) {
            return;
        }
        let mut help = match what {
            "action" => "choose an id of data/actions.toml (tests/eval/GUIDELINES.md §5 lists them)".to_owned(),
            "places" => "search data/places.toml for the name; if it is not there, declare it in a [[new_place]] table at the top of this file (tests/eval/GUIDELINES.md §5)".to_owned(),
            _ => "search data/actors.toml and extract/lexicon.toml for the name; if it is in neither, declare it in a [[new_actor]] table at the top of this file (tests/eval/GUIDELINES.md §4)".to_owned(),
        };
        if let Some(close) = closest(value, known.iter().chain(declared)) {
            help = format!("did you mean `{close}`? Otherwise {help}");
        }
        self.add(
            &id.span(),
            format!("unknown {} id `{value}` in `{what}`", noun(what)),
            help,
        );
    }
}

fn noun(field: &str) -> &'static str {
    match field {
        "action" => "action",
        "places" => "place",
        _ => "actor",
    }
}

/// Reads and checks the annotation file at `path`, whose text is `text`, against `known`;
/// `article` is the article's text when it is at hand, to check each quote against its offsets.
pub(crate) fn check(
    path: &Path,
    text: &str,
    article: Option<&str>,
    known: &Known,
) -> std::result::Result<Vec<Annotated>, Vec<DataError>> {
    let file = path.display().to_string();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut problems = Problems {
        file: &file,
        text,
        errors: Vec::new(),
    };
    if is_old_scheme(text) {
        let offset = text.find("object =").unwrap_or(0);
        problems.add(
            &(offset..offset),
            "this file is written in the old scheme: free-text holders and `object`".into(),
            "annotate it again to tests/eval/GUIDELINES.md: actor ids in `holder`, action ids in `action`",
        );
        return Err(problems.errors);
    }
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            let offset = error.span().map_or(0, |s| s.start);
            let message = error.message().trim().to_owned();
            let help = if message.starts_with("unknown field") {
                "remove or rename the key; tests/eval/GUIDELINES.md §8 lists the keys"
            } else if message.starts_with("missing field") {
                "add the key; tests/eval/GUIDELINES.md §8 says which keys a claim needs"
            } else {
                "fix the TOML syntax there"
            };
            problems.add(&(offset..offset), message, help);
            return Err(problems.errors);
        }
    };
    let actors = declared(&mut problems, &raw.new_actor, known, true);
    let places = declared(
        &mut problems,
        &raw.new_place
            .iter()
            .map(|p| RawActor {
                id: p.id.clone(),
                name: p.name.clone(),
                actor_type: None,
            })
            .collect::<Vec<_>>(),
        known,
        false,
    );
    for actor in &raw.new_actor {
        if let Some(t) = &actor.actor_type {
            if !["person", "state", "organization", "group"].contains(&t.get_ref().as_str()) {
                problems.add(
                    &t.span(),
                    format!("unknown actor type `{}`", t.get_ref()),
                    "use person, state, organization or group",
                );
            }
        }
    }
    let none = BTreeSet::new();
    let mut claims = Vec::new();
    for spanned in &raw.claim {
        let claim = spanned.get_ref();
        let holders = ids(&Some(claim.holder.clone()));
        let actions = ids(&Some(claim.action.clone()));
        for holder in &holders {
            problems.id(holder, &known.actors, &actors, "holder");
        }
        for addressee in ids(&claim.addressee) {
            problems.id(&addressee, &known.actors, &actors, "addressee");
        }
        if let Some(voice) = &claim.voiced_by {
            problems.id(voice, &known.actors, &actors, "voiced_by");
        }
        for action in &actions {
            problems.id(action, &known.actions, &none, "action");
        }
        if actions.len() > 2 {
            problems.add(
                &claim.action.span(),
                format!("{} actions in one claim", actions.len()),
                "give one action, two at most; distinct actions make separate claims (tests/eval/GUIDELINES.md §5)",
            );
        }
        for place in ids(&claim.places) {
            problems.id(&place, &known.places, &places, "places");
        }
        let kind = ClaimKind::from_keyword(claim.kind.get_ref());
        if kind.is_none() {
            problems.add(
                &claim.kind.span(),
                format!("unknown kind `{}`", claim.kind.get_ref()),
                format!("use one of {}", ClaimKind::keywords()),
            );
        }
        if Modality::from_keyword(claim.modality.get_ref()).is_none() {
            problems.add(
                &claim.modality.span(),
                format!("unknown modality `{}`", claim.modality.get_ref()),
                format!("use one of {}", Modality::keywords()),
            );
        }
        let (start, end) = (*claim.start.get_ref(), *claim.end.get_ref());
        let quote = claim.quote.get_ref();
        if let Some(article) = article {
            if text_at(article, start, end) != Some(quote.as_str()) {
                let help = match crate::model::locate_quote(article, quote) {
                    Some((s, e)) => format!("the quote is at start = {s}, end = {e} (its first occurrence); or correct the quote"),
                    None => "the quote is not in the article: copy it character for character (curly quotes, dashes)".into(),
                };
                problems.add(
                    &claim.start.span(),
                    format!("the article's text at {start}..{end} is not the quote"),
                    help,
                );
            }
        }
        if let Some(kind) = kind {
            claims.push(Annotated {
                holders: holders.iter().map(|h| h.get_ref().clone()).collect(),
                kind,
                actions: actions.iter().map(|a| a.get_ref().clone()).collect(),
                voiced_by: claim.voiced_by.as_ref().map(|v| v.get_ref().clone()),
                quote: quote.clone(),
                start,
                end,
            });
        }
    }
    if problems.errors.is_empty() {
        Ok(claims)
    } else {
        Err(problems.errors)
    }
}

/// Checks the declared actors (or places): each id made from its name as the extractor makes
/// a proposed actor's, and not already known. Returns the declared ids.
fn declared(
    problems: &mut Problems,
    items: &[RawActor],
    known: &Known,
    actors: bool,
) -> BTreeSet<String> {
    let (list, table) = if actors {
        (&known.actors, "[[new_actor]]")
    } else {
        (&known.places, "[[new_place]]")
    };
    let mut ids = BTreeSet::new();
    for item in items {
        let (id, name) = (item.id.get_ref(), item.name.get_ref());
        if name.starts_with("the ") || name.starts_with("The ") {
            problems.add(
                &item.name.span(),
                format!("the name `{name}` begins with \"the\""),
                "write the name without \"the\" (tests/eval/GUIDELINES.md §4)",
            );
        } else if actors && TITLES.iter().any(|t| name.starts_with(t)) {
            problems.add(
                &item.name.span(),
                format!("the name `{name}` begins with a title"),
                "write the name without its title (tests/eval/GUIDELINES.md §4)",
            );
        }
        let expected = if actors {
            new_actor_id(name)
        } else {
            slug(name, 48)
        };
        if list.contains(id) {
            problems.add(
                &item.id.span(),
                format!("`{id}` is already a known id"),
                format!("use it and remove this {table} table"),
            );
        } else if *id != expected {
            problems.add(
                &item.id.span(),
                format!("the id `{id}` is not made from the name `{name}`"),
                format!("write id = \"{expected}\" (lower case, every run of other characters one hyphen, at most 48 characters: tests/eval/GUIDELINES.md §4)"),
            );
        }
        ids.insert(id.clone());
    }
    ids
}

/// What [`check_annotations`] checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnnotationCheck {
    /// Annotation files checked.
    pub files: usize,
    /// Claims in them.
    pub claims: usize,
    /// Article texts not found: the quotes of their annotations were not checked at their
    /// offsets.
    pub texts_missing: Vec<PathBuf>,
    /// Second annotations (`second.toml`) still in the old scheme, not checked: they are to be
    /// annotated again, and the evaluation leaves them out of the agreement.
    pub old_scheme: Vec<PathBuf>,
}

/// Checks every `gold.toml` and `second.toml` under `path` (a folder of article folders, one
/// article folder, or one file), or returns every problem found. A `second.toml` in the old
/// scheme is listed, not checked, as the evaluation lists it; a `gold.toml` in it is an error.
pub fn check_annotations(
    path: &Path,
    reference: &Dataset,
    lexicon: &Lexicon,
) -> Result<AnnotationCheck> {
    let known = Known::new(reference, lexicon);
    let files = annotation_files(path)?;
    if files.is_empty() {
        return Err(Error::Io {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no gold.toml or second.toml there\n  help: name an evaluation folder (tests/eval), an article folder or an annotation file",
            ),
        });
    }
    let mut errors = Vec::new();
    let mut result = AnnotationCheck::default();
    for file in &files {
        let text = read_text_file(file)?;
        if file.ends_with("second.toml") && is_old_scheme(&text) {
            result.old_scheme.push(file.clone());
            continue;
        }
        result.files += 1;
        let folder = file.parent().unwrap_or(Path::new("."));
        let article = match article_text(folder) {
            Ok(article) => Some(article),
            Err(Error::Io { path, .. }) => {
                if !result.texts_missing.contains(&path) {
                    result.texts_missing.push(path);
                }
                None
            }
            Err(_) => None,
        };
        match check(file, &text, article.as_deref(), &known) {
            Ok(found) => result.claims += found.len(),
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    if errors.is_empty() {
        Ok(result)
    } else {
        Err(Error::Data(DataErrors(errors)))
    }
}

/// The text of an annotation or `meta.toml` file; bytes that are not UTF-8 are a data error at
/// the first of them.
pub(crate) fn read_text_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(error.as_bytes());
        Error::Data(DataErrors(vec![DataError {
            location: Location::from_offset(&path.display().to_string(), &text, at),
            message: "the file is not valid UTF-8".into(),
            help: Some("save it as UTF-8".into()),
        }]))
    })
}

/// The article text of an evaluation folder: `article.txt`, or the `text_path` of its
/// `meta.toml`.
pub(crate) fn article_text(folder: &Path) -> Result<String> {
    #[derive(Deserialize)]
    struct Meta {
        text_path: Option<String>,
    }
    let meta = folder.join("meta.toml");
    let path = std::fs::read_to_string(&meta)
        .ok()
        .and_then(|t| toml::from_str::<Meta>(&t).ok())
        .and_then(|m| m.text_path)
        .map_or_else(|| folder.join("article.txt"), |p| folder.join(p));
    std::fs::read_to_string(&path).map_err(|source| Error::Io { path, source })
}

/// The annotation files under `path`, sorted.
fn annotation_files(path: &Path) -> Result<Vec<std::path::PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let read = |dir: &Path| {
        std::fs::read_dir(dir)
            .map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .collect::<Vec<_>>()
            })
    };
    let mut files = Vec::new();
    let mut folders = vec![path.to_owned()];
    folders.extend(read(path)?.into_iter().filter(|p| p.is_dir()));
    for folder in folders {
        for name in ["gold.toml", "second.toml"] {
            let file = folder.join(name);
            if file.is_file() {
                files.push(file);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        let reference = crate::parse_dataset(&crate::bundled_data_files()).unwrap();
        let lexicon = Lexicon::new(&reference, &[]).unwrap();
        Known::new(&reference, &lexicon)
    }

    const ARTICLE: &str = "Title\n\nSudan urged a ceasefire in Darfur.";

    fn claim(holder: &str, action: &str) -> String {
        format!(
            "[[claim]]\nholder = {holder}\nkind = \"demand\"\naction = {action}\nmodality = \"asserted\"\nquote = \"urged a ceasefire\"\nstart = 13\nend = 30\n"
        )
    }

    fn problems(text: &str) -> Vec<String> {
        match check(Path::new("a/gold.toml"), text, Some(ARTICLE), &known()) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_canonical_claim_is_read() {
        let read = check(
            Path::new("gold.toml"),
            &claim("[\"sudan\", \"united-states\"]", "\"ceasefire\""),
            Some(ARTICLE),
            &known(),
        )
        .unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].holders, ["sudan", "united-states"]);
        assert_eq!(read[0].actions, ["ceasefire"]);
        assert_eq!((read[0].start, read[0].end), (13, 30));
    }

    #[test]
    fn unknown_ids_are_refused_with_file_line_and_column() {
        let found = problems(&claim("\"sudann\"", "\"cease-fire\""));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("a/gold.toml:2:10: unknown actor id `sudann` in `holder`"),
            "{}",
            found[0]
        );
        assert!(found[0].contains("did you mean `sudan`?"), "{}", found[0]);
        assert!(
            found[1].starts_with("a/gold.toml:4:10: unknown action id `cease-fire` in `action`"),
            "{}",
            found[1]
        );
        assert!(
            found[1].contains("did you mean `ceasefire`?"),
            "{}",
            found[1]
        );
        let text = claim("\"sudan\"", "\"ceasefire\"")
            + "addressee = [\"rapid-support-forces\", \"nobody-at-all\"]\nplaces = [\"darfur\"]\n";
        let found = problems(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("unknown actor id `nobody-at-all` in `addressee`"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("a/gold.toml:10:11: unknown place id `darfur`"),
            "{found:?}"
        );
    }

    #[test]
    fn declared_actors_and_places_are_known_when_their_ids_follow_the_rule() {
        let declared = "[[new_actor]]\nid = \"moqtada-al-sadr\"\nname = \"Moqtada al-Sadr\"\ntype = \"person\"\n\n[[new_place]]\nid = \"darfur\"\nname = \"Darfur\"\n\n";
        let text = format!(
            "{declared}{}places = [\"darfur\"]\n",
            claim("\"moqtada-al-sadr\"", "\"ceasefire\"")
        );
        assert_eq!(problems(&text), Vec::<String>::new());
        let wrong = "[[new_actor]]\nid = \"sadr\"\nname = \"Moqtada al-Sadr\"\n\n[[new_actor]]\nid = \"sudan\"\nname = \"Sudan\"\n\n[[new_actor]]\nid = \"x\"\nname = \"the X\"\n\n";
        let found = problems(&format!("{wrong}{}", claim("\"sadr\"", "\"ceasefire\"")));
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(
            found[0].starts_with("a/gold.toml:2:6: the id `sadr` is not made from the name"),
            "{found:?}"
        );
        assert!(
            found[0].contains("write id = \"moqtada-al-sadr\""),
            "{found:?}"
        );
        assert!(
            found[1].contains("`sudan` is already a known id"),
            "{found:?}"
        );
        assert!(found[2].contains("begins with \"the\""), "{found:?}");
    }

    #[test]
    fn keys_kinds_modalities_and_quotes_are_checked() {
        let text = claim("\"sudan\"", "\"ceasefire\"")
            .replace("kind = \"demand\"", "kind = \"request\"")
            .replace("modality = \"asserted\"", "modality = \"sure\"")
            .replace("start = 13", "start = 12")
            .replace("end = 30", "end = 29");
        let found = problems(&text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("unknown kind `request`"), "{found:?}");
        assert!(found[1].contains("unknown modality `sure`"), "{found:?}");
        assert!(
            found[2].starts_with("a/gold.toml:7:9: the article's text at 12..29 is not the quote"),
            "{found:?}"
        );
        assert!(found[2].contains("start = 13, end = 30"), "{found:?}");
        let found = problems(&(claim("\"sudan\"", "\"ceasefire\"") + "objekt = \"x\"\n"));
        assert!(
            found[0].starts_with("a/gold.toml:9:1: unknown field `objekt`"),
            "{found:?}"
        );
        let found = problems(&claim(
            "\"sudan\"",
            "[\"ceasefire\", \"withdrawal\", \"amnesty\"]",
        ));
        assert!(found[0].contains("3 actions in one claim"), "{found:?}");
    }

    #[test]
    fn a_file_in_the_old_scheme_is_named_as_such() {
        let old = "[[claim]]\nholder = \"Sudan\"\nkind = \"demand\"\nobject = \"ceasefire\"\n";
        assert!(is_old_scheme(old));
        assert!(!is_old_scheme(&claim("\"sudan\"", "\"ceasefire\"")));
        let found = problems(old);
        assert!(
            found[0].starts_with("a/gold.toml:4:1: this file is written in the old scheme"),
            "{found:?}"
        );
    }

    #[test]
    fn every_action_the_extractor_drafts_is_in_the_reviewed_list() {
        let lexicon: toml::Table =
            toml::from_str(include_str!("../../extract/lexicon.toml")).unwrap();
        let known = known();
        let actions = lexicon["action"].as_array().unwrap();
        assert!(actions.len() >= 20);
        for action in actions {
            let id = action["id"].as_str().unwrap();
            assert!(
                known.actions.contains(id),
                "{id} is not in data/actions.toml"
            );
        }
    }
}
