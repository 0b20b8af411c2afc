//! The model backend: claims drafted by a language model behind any OpenAI-compatible
//! chat-completions server (llama.cpp's `llama-server`, Ollama, vLLM, a hosted API).
//!
//! The article is prepared as the rules prepare it and split into parts that fit the model's
//! context (`parts`). Each part is sent with instructions naming the kinds of claim and the
//! ids the model may use, and a JSON Schema built from them as `response_format`, so that a
//! server that constrains its output can only answer with those (`prompt`). Answers are kept
//! on disk, keyed by a hash of the model, the instructions, the schema and the part (`cache`),
//! so that a run can be repeated offline. Every claim is then checked (`answer`): its quote
//! must occur in the article (`quotes`), its kind and action must be known, its holder is
//! resolved against the data or proposed as a new actor as the rules propose one; what fails
//! is dropped and counted in the [`ModelReport`]. The result is the same [`Draft`] the rules
//! give, each claim's rule naming the model. Nothing is returned unless every part succeeded.

mod answer;
mod cache;
mod client;
mod error;
mod parts;
mod prompt;
mod quotes;

pub use cache::{default_cache_dir, CachePolicy};
pub use client::Retry;
pub use error::ModelError;
pub use prompt::estimate_tokens;

use super::article::{finish, source_of};
use super::attribution::author;
use super::backend::Backend;
use super::draft::{ArticleInfo, Draft};
use super::lexicon::Lexicon;
use super::reading::Reading;
use super::text::{self, SliceText};
use crate::error::Result;
use crate::model::Dataset;
use client::Client;
use prompt::Vocabulary;
use std::cell::RefCell;
use std::time::Duration;

/// How to reach the model, and how to use it.
#[derive(Clone, PartialEq)]
pub struct ModelOptions {
    /// The server's base URL (`http://127.0.0.1:8080/v1`), or its chat-completions URL.
    pub endpoint: String,
    /// The model's name, as the server knows it.
    pub model: String,
    /// The API key, sent as a bearer token; read from the environment, never a file or flag.
    pub api_key: Option<String>,
    /// The environment variable the key is read from, for messages.
    pub api_key_env: String,
    /// How long one request may take.
    pub timeout: Duration,
    /// How many times a 429 or 5xx answer is asked again.
    pub retries: u32,
    /// The first wait before asking again, doubled each time (unless the server says).
    pub backoff: Duration,
    /// The model's context, in tokens: instructions, schema, one part and its answer.
    pub context_tokens: usize,
    /// Where answers are kept.
    pub cache: CachePolicy,
}

impl ModelOptions {
    /// Options for `model` at `endpoint`: no key, 600 s per request, 3 retries from 1 s, a
    /// context of 8,192 tokens, no cache.
    pub fn new(endpoint: &str, model: &str) -> Self {
        Self {
            endpoint: endpoint.to_owned(),
            model: model.to_owned(),
            api_key: None,
            api_key_env: "OPENAI_API_KEY".into(),
            timeout: Duration::from_secs(600),
            retries: 3,
            backoff: Duration::from_secs(1),
            context_tokens: 8192,
            cache: CachePolicy::Off,
        }
    }
}

impl std::fmt::Debug for ModelOptions {
    /// Every option but the key, which is only said to be set or not.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelOptions")
            .field("endpoint", &self.endpoint)
            .field("model", &self.model)
            .field("api_key", &self.api_key.as_ref().map(|_| "(set)"))
            .field("api_key_env", &self.api_key_env)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("backoff", &self.backoff)
            .field("context_tokens", &self.context_tokens)
            .field("cache", &self.cache)
            .finish()
    }
}

/// What happens while an article is drafted, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelEvent {
    /// An article was split into this many parts.
    Started {
        /// The number of parts.
        parts: usize,
    },
    /// A part is about to be sent to the server.
    Asking {
        /// The part, from 1.
        part: usize,
        /// The number of parts.
        parts: usize,
    },
    /// A 429 or 5xx answer is asked again.
    Retrying(Retry),
    /// A part has its answer.
    Answered {
        /// The part, from 1.
        part: usize,
        /// Whether the answer came from the cache.
        from_cache: bool,
    },
}

/// What the model answered and what became of it: the counts of claims kept and dropped, and
/// one note for each claim dropped or changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelReport {
    /// Parts of articles sent (or found in the cache).
    pub parts: usize,
    /// Of them, answered from the cache.
    pub from_cache: usize,
    /// Requests made to the server, retries included.
    pub requests: usize,
    /// Tokens of the requests by the estimate ([`estimate_tokens`]).
    pub estimated_prompt_tokens: usize,
    /// Tokens of the requests, as the server counted them (where it said).
    pub prompt_tokens: u64,
    /// Tokens of the answers, as the server counted them (where it said).
    pub completion_tokens: u64,
    /// Claims in the answers.
    pub answered: usize,
    /// Claims in the draft.
    pub kept: usize,
    /// Items of an answer that are no claim.
    pub not_claims: usize,
    /// Claims dropped: the quote does not occur in the article.
    pub quote_not_in_text: usize,
    /// Claims dropped: a quote of fewer than 12 characters, which states no position and may
    /// stand anywhere in the article.
    pub quote_too_short: usize,
    /// Claims dropped: a kind that does not exist.
    pub unknown_kind: usize,
    /// Claims dropped: an action neither known nor found by the lexicon's words.
    pub unknown_action: usize,
    /// Claims dropped: no holder named.
    pub no_holder: usize,
    /// Claims dropped: the same holder, kind and action as one before (kept once, as the rules
    /// do).
    pub repeated: usize,
    /// Unknown actions taken for the one action the lexicon's words find in them.
    pub mapped_actions: usize,
    /// Addressees, places, issues and modalities left out (or, for a modality, taken as
    /// asserted) because the data has no such id.
    pub unknown_ids: usize,
    /// New actors proposed for holders the data does not know.
    pub proposed_actors: usize,
    /// One line for each claim dropped and each id left out, mapped or proposed.
    pub notes: Vec<String>,
}

impl ModelReport {
    /// Claims dropped, for every reason.
    pub fn dropped(&self) -> usize {
        self.not_claims
            + self.quote_not_in_text
            + self.quote_too_short
            + self.unknown_kind
            + self.unknown_action
            + self.no_holder
            + self.repeated
    }

    /// Adds another article's report.
    pub fn add(&mut self, other: &ModelReport) {
        self.parts += other.parts;
        self.from_cache += other.from_cache;
        self.requests += other.requests;
        self.estimated_prompt_tokens += other.estimated_prompt_tokens;
        self.prompt_tokens += other.prompt_tokens;
        self.completion_tokens += other.completion_tokens;
        self.answered += other.answered;
        self.kept += other.kept;
        self.not_claims += other.not_claims;
        self.quote_not_in_text += other.quote_not_in_text;
        self.quote_too_short += other.quote_too_short;
        self.unknown_kind += other.unknown_kind;
        self.unknown_action += other.unknown_action;
        self.no_holder += other.no_holder;
        self.repeated += other.repeated;
        self.mapped_actions += other.mapped_actions;
        self.unknown_ids += other.unknown_ids;
        self.proposed_actors += other.proposed_actors;
        self.notes.extend(other.notes.iter().cloned());
    }
}

/// The fewest characters a quote must hold to be kept as evidence ("rejected", "The" are too
/// short to state a position, and could stand anywhere in the article).
const MIN_QUOTE_CHARS: usize = 12;

/// Tokens reserved for one message's framing (role, separators) in the estimate.
const MESSAGE_TOKENS: usize = 16;

/// The smallest part worth sending, in tokens.
const MIN_PART_TOKENS: usize = 64;

/// What hears of each step of the drafting.
type Listener = Box<dyn Fn(&ModelEvent)>;

/// Drafts claims with a language model; see the module's documentation.
pub struct ModelBackend {
    options: ModelOptions,
    client: Client,
    on_event: Option<Listener>,
    totals: RefCell<ModelReport>,
}

impl std::fmt::Debug for ModelBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelBackend")
            .field("endpoint", &self.options.endpoint)
            .field("model", &self.options.model)
            .finish_non_exhaustive()
    }
}

/// One request ready to send: the part of the article and the user's message.
struct Request {
    part: parts::Part,
    user: String,
}

impl ModelBackend {
    /// A backend with these options.
    pub fn new(options: ModelOptions) -> Self {
        let client = Client::new(
            &options.endpoint,
            options.api_key.clone(),
            &options.api_key_env,
            options.timeout,
            options.retries,
            options.backoff,
        );
        Self {
            options,
            client,
            on_event: None,
            totals: RefCell::new(ModelReport::default()),
        }
    }

    /// Calls `listener` at each step (for a progress bar).
    pub fn on_event(mut self, listener: impl Fn(&ModelEvent) + 'static) -> Self {
        self.on_event = Some(Box::new(listener));
        self
    }

    /// The reports of every article drafted through [`Backend::draft`] so far, added up.
    pub fn totals(&self) -> ModelReport {
        self.totals.borrow().clone()
    }

    fn event(&self, event: ModelEvent) {
        if let Some(listener) = &self.on_event {
            listener(&event);
        }
    }

    /// Drafts the claims of one article, with the report of what the model answered and what
    /// was dropped. Fails, with nothing drafted, when any part fails.
    pub fn draft_article(
        &self,
        input: &str,
        info: &ArticleInfo,
        lexicon: &Lexicon,
        reference: &Dataset,
    ) -> Result<(Draft, ModelReport)> {
        let model = self.options.model.as_str();
        let text = super::text::article_text(input);
        let mut extra_actors = Vec::new();
        let source = source_of(&text, info, reference, &mut extra_actors);
        let vocabulary = Vocabulary::for_article(&text, lexicon, reference);
        let system = prompt::system(&vocabulary);
        let schema = prompt::schema(&vocabulary);
        let requests = self.requests(&text, &source, &system, &schema)?;
        let mut report = ModelReport {
            parts: requests.len(),
            ..ModelReport::default()
        };
        // Every part is answered before any claim is drafted: a failure leaves nothing.
        let answers = self.ask_every_part(&system, &schema, &requests, &mut report)?;
        let mut reading = Reading::default();
        let article = answer::Article {
            sentences: text::sentences(&text),
            speaker: None,
            text: &text,
            lexicon,
            reference,
            vocabulary: &vocabulary,
            source: &source,
            model,
        };
        let speaker = author(
            &text,
            &article.sentences,
            lexicon,
            info.publisher.as_deref(),
            &mut reading.proposed,
        );
        let article = answer::Article { speaker, ..article };
        for (request, claims) in requests.iter().zip(answers) {
            check_claims(&article, &request.part, claims, &mut reading, &mut report);
        }
        let checked = reading.claims.len();
        let (claims, new_actions, new_actors) = finish(reading, extra_actors, lexicon, reference);
        report.repeated = checked - claims.len();
        if report.repeated > 0 {
            report.notes.push(format!(
                "kept {} claims once: the same holder, kind and action as one before",
                report.repeated
            ));
        }
        report.kept = claims.len();
        let draft = Draft {
            text,
            source,
            new_actors,
            new_actions,
            claims,
        };
        Ok((draft, report))
    }

    /// The claims of the model's answer for each part, from the cache or the server; answers
    /// from the server are cached once they parse.
    fn ask_every_part(
        &self,
        system: &str,
        schema: &str,
        requests: &[Request],
        report: &mut ModelReport,
    ) -> Result<Vec<Vec<AnswerItem>>> {
        let model = self.options.model.as_str();
        let parts = requests.len();
        self.event(ModelEvent::Started { parts });
        let mut answers = Vec::new();
        for (index, request) in requests.iter().enumerate() {
            let part = index + 1;
            report.estimated_prompt_tokens += estimate_tokens(system)
                + estimate_tokens(schema)
                + estimate_tokens(&request.user)
                + 2 * MESSAGE_TOKENS;
            let (content, from_cache) =
                self.answer(system, schema, &request.user, part, parts, report)?;
            let claims = answer::parse(&content).map_err(|detail| ModelError::Malformed {
                what: format!("the model's answer for part {part} of {parts}"),
                expected: answer::EXPECTED,
                detail,
                start: error::text_start(&content, 200),
                help: error::HELP_SCHEMA,
            })?;
            if !from_cache {
                if let Some(dir) = self.options.cache.dir() {
                    let key = cache::key(model, system, schema, &request.user);
                    cache::put(dir, &key, model, &content)?;
                }
            }
            self.event(ModelEvent::Answered { part, from_cache });
            answers.push(claims);
        }
        Ok(answers)
    }

    /// The parts of the article with their messages, each small enough that instructions,
    /// schema, part and an answer as long as the part fit the context.
    fn requests(
        &self,
        text: &str,
        source: &crate::model::Source,
        system: &str,
        schema: &str,
    ) -> Result<Vec<Request>> {
        let header = estimate_tokens(&prompt::user(source, 99, 99, ""));
        let fixed = estimate_tokens(system) + estimate_tokens(schema) + header + 2 * MESSAGE_TOKENS;
        let given = self.options.context_tokens;
        let budget = given.saturating_sub(fixed) / 2;
        if budget < MIN_PART_TOKENS {
            return Err(ModelError::ContextTooSmall {
                given,
                needed: fixed,
            }
            .into());
        }
        let parts = parts::split(text, budget);
        let count = parts.len();
        Ok(parts
            .into_iter()
            .enumerate()
            .map(|(index, part)| Request {
                user: prompt::user(source, index + 1, count, text.slice(part.bytes.clone())),
                part,
            })
            .collect())
    }

    /// The model's answer for one part, from the cache or the server; with whether it came
    /// from the cache.
    fn answer(
        &self,
        system: &str,
        schema: &str,
        user: &str,
        part: usize,
        parts: usize,
        report: &mut ModelReport,
    ) -> Result<(String, bool), ModelError> {
        let model = self.options.model.as_str();
        let key = cache::key(model, system, schema, user);
        if let Some(dir) = self.options.cache.dir() {
            if let Some(content) = cache::get(dir, &key) {
                report.from_cache += 1;
                return Ok((content, true));
            }
        }
        if let CachePolicy::Offline(dir) = &self.options.cache {
            return Err(ModelError::NotCached {
                model: model.to_owned(),
                part,
                parts,
                dir: dir.clone(),
            });
        }
        self.event(ModelEvent::Asking { part, parts });
        let body = prompt::request_body(model, system, user, schema);
        let completion = self
            .client
            .complete(&body, &|retry| self.event(ModelEvent::Retrying(*retry)))?;
        report.requests += completion.attempts as usize;
        report.prompt_tokens += completion.prompt_tokens.unwrap_or(0);
        report.completion_tokens += completion.completion_tokens.unwrap_or(0);
        if let Some(reason) = completion
            .finish_reason
            .as_deref()
            .filter(|r| *r == "length")
        {
            return Err(ModelError::Truncated {
                part,
                parts,
                reason: reason.to_owned(),
            });
        }
        Ok((completion.content, false))
    }

    /// The URL requests go to.
    pub fn url(&self) -> &str {
        self.client.url()
    }
}

/// One item of an answer: a claim as the model wrote it, or why the item is none.
type AnswerItem = std::result::Result<answer::AnsweredClaim, String>;

/// Checks the claims answered for one part, adding those kept to the reading.
fn check_claims(
    article: &answer::Article,
    part: &parts::Part,
    claims: Vec<AnswerItem>,
    reading: &mut Reading,
    report: &mut ModelReport,
) {
    for claim in claims {
        report.answered += 1;
        match claim {
            Ok(claim) => answer::check(article, &part.bytes, part.chars, claim, reading, report),
            Err(why) => {
                report.not_claims += 1;
                report.notes.push(format!("dropped {why}"));
            }
        }
    }
}

impl Backend for ModelBackend {
    fn draft(
        &self,
        input: &str,
        info: &ArticleInfo,
        lexicon: &Lexicon,
        reference: &Dataset,
    ) -> Result<Draft> {
        let (draft, report) = self.draft_article(input, info, lexicon, reference)?;
        self.totals.borrow_mut().add(&report);
        Ok(draft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_never_shown() {
        let mut options = ModelOptions::new("http://127.0.0.1:8080/v1", "m");
        options.api_key = Some("sk-secret".into());
        let shown = format!("{options:?} {:?}", ModelBackend::new(options.clone()));
        assert!(!shown.contains("sk-secret"), "{shown}");
        assert!(shown.contains("(set)"), "{shown}");
    }
}
