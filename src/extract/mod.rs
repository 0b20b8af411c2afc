//! Draft claims from article text, in the tradition of dictionary-based event coders: an actor
//! gazetteer with aliases, trigger phrases per claim kind, action words, modality cues and
//! condition openers (all data files users can edit), a sentence splitter that survives quotes
//! and abbreviations, and quote attribution. Deterministic and explainable: every draft claim
//! says which rule produced it and how confident the rule is, and its evidence is the exact
//! text with character offsets into the input. No network, no model.
//!
//! The modules follow the reading, each depending only on those before it: `text` prepares
//! the text and splits its sentences, `draft` holds what comes out, `lexicon` the data files, `mentions` and
//! `references` find who a sentence names, `attribution` who speaks, `reading` holds what the
//! steps share, `triggers` finds the phrases that take a position, `holder` who holds it,
//! `objects` what it is about, `modality` and `dates` how and when, `claim` puts the claim
//! together, and `article` reads an article from top to bottom into a [`Draft`]. `evaluate`
//! measures drafts against annotated articles, whose files `annotation` reads and checks.
//!
//! Beside the rules, `openai` drafts the same [`Draft`] with a language model behind any
//! OpenAI-compatible chat-completions server ([`ModelBackend`]): the answer is held to a JSON
//! Schema of the data's ids, every quote must occur in the article, holders are resolved or
//! proposed as the rules do, and answers are cached on disk so that runs repeat offline. Both
//! are a [`Backend`], which is what `evaluate` measures.

mod annotation;
mod article;
mod attribution;
mod backend;
mod claim;
mod dates;
mod draft;
mod evaluate;
mod holder;
mod lexicon;
mod mentions;
mod modality;
mod objects;
mod openai;
mod reading;
mod references;
mod text;
mod triggers;

#[cfg(test)]
mod tests;

pub use annotation::{check_annotations, AnnotationCheck};
pub use article::extract;
pub use backend::{Backend, Rules};
pub use draft::{ArticleInfo, Draft, DraftClaim};
pub use evaluate::{
    agreement, evaluate, report, Agreement, ConfidenceScore, DocumentScore, Evaluation, Match,
    Score, CONFIDENCE_STEPS,
};
pub use lexicon::Lexicon;
pub use openai::{
    default_cache_dir, estimate_tokens, CachePolicy, ModelBackend, ModelError, ModelEvent,
    ModelOptions, ModelReport, Retry,
};
pub use text::article_text;
pub(crate) use text::{sentences, sentences_around};
