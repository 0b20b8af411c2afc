//! The chat-completions client: one POST per part of an article to `ENDPOINT/chat/completions`,
//! with the API key (when one is set) as a bearer token, a time limit, and bounded retries
//! with backoff on 429 and 5xx answers that honour the server's `Retry-After`. Every failure
//! says which server, what it answered and what to do.

use super::error::{text_start, ModelError, HELP_ENDPOINT, HELP_SCHEMA};
use serde::Deserialize;
use std::time::Duration;

/// The longest wait between two attempts, whatever the server asks.
const MAX_WAIT: Duration = Duration::from_secs(120);

/// The longest backoff doubling reaches.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// How to reach the server. (No `Debug`: it holds the key.)
#[derive(Clone)]
pub(super) struct Client {
    url: String,
    agent: ureq::Agent,
    api_key: Option<String>,
    api_key_env: String,
    timeout: Duration,
    retries: u32,
    backoff: Duration,
}

/// The model's answer to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Completion {
    /// The message's text.
    pub(super) content: String,
    /// Why the model stopped (`stop`, `length`, …), when the server says.
    pub(super) finish_reason: Option<String>,
    /// Tokens of the request, when the server says.
    pub(super) prompt_tokens: Option<u64>,
    /// Tokens of the answer, when the server says.
    pub(super) completion_tokens: Option<u64>,
    /// How many times the server was asked.
    pub(super) attempts: u32,
}

/// A retry about to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// The status that is retried.
    pub status: u16,
    /// How long until the next attempt.
    pub wait: Duration,
    /// The attempt coming, from 2.
    pub attempt: u32,
}

#[derive(Deserialize)]
struct ChatAnswer {
    choices: Vec<Choice>,
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    content: Option<String>,
    refusal: Option<String>,
}

#[derive(Deserialize)]
struct Usage {
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
}

/// The chat-completions URL of an endpoint given as its base (`http://host:8080/v1`) or in
/// full.
pub(super) fn chat_url(endpoint: &str) -> String {
    let base = endpoint.trim().trim_end_matches('/');
    if base.ends_with("/chat/completions") {
        base.to_owned()
    } else {
        format!("{base}/chat/completions")
    }
}

/// The message of an error answer: its `error.message` (OpenAI, llama.cpp, vLLM), its `error`
/// when that is text (Ollama), else its start.
fn error_message(body: &str) -> String {
    let parsed: Option<serde_json::Value> = serde_json::from_str(body).ok();
    let message = parsed.as_ref().and_then(|value| {
        let error = value.get("error")?;
        error
            .get("message")
            .and_then(|m| m.as_str())
            .or_else(|| error.as_str())
            .map(str::to_owned)
    });
    text_start(&message.unwrap_or_else(|| body.to_owned()), 300)
}

/// The wait a `Retry-After` header asks for, in seconds (the HTTP-date form is not read: the
/// backoff applies then).
fn retry_after(value: Option<&str>) -> Option<Duration> {
    let seconds: f64 = value?.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds).min(MAX_WAIT))
}

/// Whether a key may be sent to `url`: over HTTPS, or over plain HTTP only to this machine
/// (a local llama.cpp or Ollama), never in clear text across a network.
fn key_travels_safely(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return true;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether an answer with this status is worth asking again.
fn retried(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
}

impl Client {
    /// A client for the server at `endpoint`; `api_key` read by the caller from the
    /// environment variable `api_key_env` (named in messages, never the key itself).
    pub(super) fn new(
        endpoint: &str,
        api_key: Option<String>,
        api_key_env: &str,
        timeout: Duration,
        retries: u32,
        backoff: Duration,
    ) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10).min(timeout))
            .timeout(timeout)
            .user_agent(concat!("negkg/", env!("CARGO_PKG_VERSION")))
            .build();
        Self {
            url: chat_url(endpoint),
            agent,
            api_key,
            api_key_env: api_key_env.to_owned(),
            timeout,
            retries,
            backoff,
        }
    }

    /// The URL asked.
    pub(super) fn url(&self) -> &str {
        &self.url
    }

    /// What to do about an HTTP error.
    fn help(&self, status: u16) -> String {
        match status {
            401 | 403 if self.api_key.is_some() => format!(
                "the key in the environment variable {} was refused: check it, and that it may use this model",
                self.api_key_env
            ),
            401 | 403 => format!(
                "the server wants a key: put it in the environment variable {} (or name another one with --api-key-env); negkg never takes a key on the command line",
                self.api_key_env
            ),
            404 => "check --endpoint (the base URL, ending in /v1 for llama.cpp, Ollama, vLLM and OpenAI) and --model (Ollama: a model you have pulled, see `ollama list`)".into(),
            400 | 422 => "the server refused the request: it may not take a JSON Schema as `response_format`, or the part of the article is longer than its context (lower --context-tokens)".into(),
            _ if retried(status) => "the server is busy or failing: try again later, or raise --retries".into(),
            _ => "see the server's log".into(),
        }
    }

    /// Sends `body` (a chat-completions request) and returns the model's message, asking again
    /// after a 429 or 5xx answer at most `retries` times; `on_retry` hears of each retry.
    pub(super) fn complete(
        &self,
        body: &str,
        on_retry: &dyn Fn(&Retry),
    ) -> Result<Completion, ModelError> {
        if self.api_key.is_some() && !key_travels_safely(&self.url) {
            return Err(ModelError::KeyInClear {
                endpoint: self.url.clone(),
                variable: self.api_key_env.clone(),
            });
        }
        let mut attempt = 1;
        loop {
            let mut request = self
                .agent
                .post(&self.url)
                .set("Content-Type", "application/json")
                .set("Accept", "application/json");
            if let Some(key) = &self.api_key {
                request = request.set("Authorization", &format!("Bearer {key}"));
            }
            match request.send_string(body) {
                Ok(response) => {
                    let text = response.into_string().map_err(|e| self.transport(&e))?;
                    return self.completion(&text, attempt);
                }
                Err(ureq::Error::Status(status, response)) => {
                    let wait = retry_after(response.header("Retry-After"));
                    let text = response.into_string().unwrap_or_default();
                    if retried(status) && attempt <= self.retries {
                        let doubled = self.backoff.saturating_mul(1 << (attempt - 1).min(16));
                        let wait = wait.unwrap_or(doubled.min(MAX_BACKOFF));
                        attempt += 1;
                        on_retry(&Retry {
                            status,
                            wait,
                            attempt,
                        });
                        std::thread::sleep(wait);
                        continue;
                    }
                    return Err(ModelError::Status {
                        endpoint: self.url.clone(),
                        status,
                        message: error_message(&text),
                        attempts: attempt,
                        help: self.help(status),
                    });
                }
                Err(ureq::Error::Transport(transport)) => return Err(self.transport(&transport)),
            }
        }
    }

    /// A failure to reach the server or to read its answer.
    fn transport(&self, error: &(dyn std::error::Error + 'static)) -> ModelError {
        let mut timed_out = false;
        let mut source: Option<&dyn std::error::Error> = Some(error);
        while let Some(cause) = source {
            if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                timed_out |= matches!(
                    io.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                );
            }
            source = cause.source();
        }
        let reason = error.to_string();
        if timed_out || reason.contains("timed out") {
            ModelError::Timeout {
                endpoint: self.url.clone(),
                seconds: self.timeout.as_secs(),
            }
        } else {
            ModelError::Connect {
                endpoint: self.url.clone(),
                reason,
            }
        }
    }

    /// The message of a chat-completions answer.
    fn completion(&self, text: &str, attempts: u32) -> Result<Completion, ModelError> {
        let malformed_with = |detail: String, help| ModelError::Malformed {
            what: format!("the answer of {}", self.url),
            expected: "a chat completion ({\"choices\": [{\"message\": {\"content\": \"…\"}}]})",
            detail,
            start: text_start(text, 200),
            help,
        };
        let malformed = |detail: String| malformed_with(detail, HELP_ENDPOINT);
        let answer: ChatAnswer =
            serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
        let Some(choice) = answer.choices.into_iter().next() else {
            return Err(malformed("it has no choices".into()));
        };
        let content = match (choice.message.content, choice.message.refusal) {
            (_, Some(refusal)) => {
                return Err(malformed_with(
                    format!("the model refused: {refusal}"),
                    HELP_SCHEMA,
                ));
            }
            (Some(content), None) => content,
            (None, None) => return Err(malformed("its message has no content".into())),
        };
        Ok(Completion {
            content,
            finish_reason: choice.finish_reason,
            prompt_tokens: answer.usage.as_ref().and_then(|u| u.prompt_tokens),
            completion_tokens: answer.usage.as_ref().and_then(|u| u.completion_tokens),
            attempts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoint_is_a_base_or_the_full_url() {
        assert_eq!(
            chat_url("http://127.0.0.1:8080/v1/"),
            "http://127.0.0.1:8080/v1/chat/completions"
        );
        assert_eq!(
            chat_url("https://api.example.org/v1/chat/completions"),
            "https://api.example.org/v1/chat/completions"
        );
    }

    #[test]
    fn error_bodies_give_their_message() {
        assert_eq!(
            error_message(r#"{"error":{"message":"Rate limit reached","type":"requests"}}"#),
            "Rate limit reached"
        );
        assert_eq!(
            error_message(r#"{"error":"model 'x' not found"}"#),
            "model 'x' not found"
        );
        assert_eq!(
            error_message("<html>Bad gateway</html>\n"),
            "<html>Bad gateway</html>"
        );
        assert_eq!(error_message(""), "(nothing)");
    }

    #[test]
    fn a_key_goes_in_clear_text_only_to_this_machine() {
        for url in [
            "https://api.openai.com/v1/chat/completions",
            "http://127.0.0.1:8080/v1/chat/completions",
            "http://localhost:11434/v1/chat/completions",
            "http://[::1]:8000/v1/chat/completions",
            "http://127.0.0.2/chat/completions",
        ] {
            assert!(key_travels_safely(url), "{url}");
        }
        for url in [
            "http://10.0.0.5:11434/v1/chat/completions",
            "http://gpu-box.lan:8000/v1/chat/completions",
            "http://localhost.example.org/v1/chat/completions",
            "http://user@203.0.113.9/v1/chat/completions",
            "http://[2001:db8::1]:8000/chat/completions",
        ] {
            assert!(!key_travels_safely(url), "{url}");
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_capped() {
        assert_eq!(retry_after(Some("2")), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(Some(" 0.5 ")), Some(Duration::from_millis(500)));
        assert_eq!(retry_after(Some("86400")), Some(MAX_WAIT));
        assert_eq!(retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(retry_after(Some("-1")), None);
        assert_eq!(retry_after(None), None);
    }

    #[test]
    fn a_chat_completion_gives_its_content_and_anything_else_is_malformed() {
        let client = Client::new(
            "http://x/v1",
            None,
            "KEY",
            Duration::from_secs(1),
            0,
            Duration::ZERO,
        );
        let ok = client
            .completion(
                r#"{"choices":[{"message":{"role":"assistant","content":"{\"claims\":[]}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":3}}"#,
                1,
            )
            .unwrap();
        assert_eq!(ok.content, "{\"claims\":[]}");
        assert_eq!(
            (ok.prompt_tokens, ok.completion_tokens),
            (Some(10), Some(3))
        );
        let error = client
            .completion("<html>oops</html>", 1)
            .unwrap_err()
            .to_string();
        assert!(error.contains("is not a chat completion"), "{error}");
        assert!(error.contains("it begins: <html>oops</html>"), "{error}");
        let error = client
            .completion(r#"{"choices":[]}"#, 1)
            .unwrap_err()
            .to_string();
        assert!(error.contains("it has no choices"), "{error}");
    }
}
