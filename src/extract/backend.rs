//! What drafts claims from an article: the rules (the default, no network) or a language model
//! behind an OpenAI-compatible server ([`ModelBackend`](super::ModelBackend)). The evaluation
//! takes either, so that both are measured the same way.

use super::article::extract;
use super::draft::{ArticleInfo, Draft};
use super::lexicon::Lexicon;
use crate::error::Result;
use crate::model::Dataset;

/// Drafts the claims of one article: the same [`Draft`] whichever does it, so that it is
/// reviewed, validated and loaded the same way.
pub trait Backend {
    /// Drafts claims from `input` (plain text or HTML), read against `reference`.
    fn draft(
        &self,
        input: &str,
        info: &ArticleInfo,
        lexicon: &Lexicon,
        reference: &Dataset,
    ) -> Result<Draft>;
}

/// The rules: dictionaries, trigger phrases and verb classes ([`extract`]). Never fails.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules;

impl Backend for Rules {
    fn draft(
        &self,
        input: &str,
        info: &ArticleInfo,
        lexicon: &Lexicon,
        reference: &Dataset,
    ) -> Result<Draft> {
        Ok(extract(input, info, lexicon, reference))
    }
}
