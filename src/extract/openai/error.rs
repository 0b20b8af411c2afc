//! What can go wrong when a model drafts claims, each said with what to do about it.

use std::path::PathBuf;

/// A failure of the model backend. Nothing is written when one happens.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The server could not be reached at all.
    #[error("cannot connect to the model server at {endpoint}: {reason}\n  help: is the server running there? (llama.cpp: `llama-server -m model.gguf --port 8080`, endpoint http://127.0.0.1:8080/v1; Ollama: `ollama serve`, endpoint http://127.0.0.1:11434/v1); check --endpoint")]
    Connect {
        /// The URL asked.
        endpoint: String,
        /// What the system said.
        reason: String,
    },
    /// The server took longer than the time limit.
    #[error("the model server at {endpoint} did not answer within {seconds} s (--timeout)\n  help: a model on a CPU can take minutes for one part of an article: raise --timeout, or lower --context-tokens to send smaller parts")]
    Timeout {
        /// The URL asked.
        endpoint: String,
        /// The limit.
        seconds: u64,
    },
    /// The server answered with an HTTP error.
    #[error("the model server at {endpoint} answered {status}: {message}{}\n  help: {help}", attempts_note(*.attempts))]
    Status {
        /// The URL asked.
        endpoint: String,
        /// The HTTP status.
        status: u16,
        /// The message in the answer's body (its `error.message`, else its start).
        message: String,
        /// How many times it was asked.
        attempts: u32,
        /// What to do about it.
        help: String,
    },
    /// The server's answer, or the model's, is not what was asked for.
    #[error("{what} is not {expected}: {detail}\n  it begins: {start}\n  help: {help}")]
    Malformed {
        /// Whose answer: "the server's answer", "the model's answer for part 2 of 3".
        what: String,
        /// What was expected.
        expected: &'static str,
        /// What is wrong with it.
        detail: String,
        /// The start of what came back.
        start: String,
        /// What to do about it.
        help: &'static str,
    },
    /// The model stopped before its answer was complete.
    #[error("the model's answer for part {part} of {parts} was cut off at its length limit ({reason})\n  help: lower --context-tokens so that each part is shorter, or give the server a larger context (llama-server -c, Ollama's num_ctx)")]
    Truncated {
        /// The part, from 1.
        part: usize,
        /// The number of parts.
        parts: usize,
        /// The server's `finish_reason`.
        reason: String,
    },
    /// `--offline`, and no answer is cached for a request.
    #[error("--offline: no answer of the model `{model}` is cached for part {part} of {parts} of this article in {}\n  help: run once without --offline with the server reachable (the same model, article and options), or drop --offline", dir.display())]
    NotCached {
        /// The model.
        model: String,
        /// The part, from 1.
        part: usize,
        /// The number of parts.
        parts: usize,
        /// The cache folder.
        dir: PathBuf,
    },
    /// The instructions alone fill the context given.
    #[error("--context-tokens {given} leaves no room for the article: the instructions and the schema take about {needed} tokens\n  help: give at least --context-tokens {}, and start the server with as large a context (llama-server -c N; Ollama: num_ctx)", needed * 2 + 1024)]
    ContextTooSmall {
        /// The context given.
        given: usize,
        /// The tokens the instructions and schema take.
        needed: usize,
    },
    /// A key would be sent unencrypted to another machine.
    #[error("the key in the environment variable {variable} would go unencrypted to {endpoint}: nothing was sent\n  help: use the server's https:// address; or, for a server that needs no key, run without {variable} set (or name an unset variable with --api-key-env)")]
    KeyInClear {
        /// The URL that would have been asked.
        endpoint: String,
        /// The environment variable holding the key.
        variable: String,
    },
    /// The cache could not be written or read.
    #[error("the model cache {}: {source}\n  help: give another folder with --cache DIR, or --no-cache", path.display())]
    Cache {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// What to do about a model's answer that is not the JSON asked for.
pub(super) const HELP_SCHEMA: &str = "use a server that constrains answers to a JSON Schema (`response_format` of type `json_schema`: llama.cpp's server, Ollama 0.5 or later, vLLM, OpenAI), or another model";

/// What to do about a server's answer that is no chat completion at all.
pub(super) const HELP_ENDPOINT: &str = "check --endpoint: the base URL of an OpenAI-compatible server, ending in /v1 for llama.cpp, Ollama, vLLM and OpenAI; a proxy or another service may have answered";

fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" (asked {attempts} times)")
    } else {
        String::new()
    }
}

/// The first `chars` characters of `text`, on one line, with an ellipsis when cut.
pub(super) fn text_start(text: &str, chars: usize) -> String {
    let one_line: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() > chars {
        let cut: String = one_line.chars().take(chars).collect();
        format!("{cut}…")
    } else if one_line.is_empty() {
        "(nothing)".into()
    } else {
        one_line
    }
}
