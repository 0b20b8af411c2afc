//! A stand-in for an OpenAI-compatible chat-completions server: it answers requests as a
//! script says, in order, and records each request. It stops after the script (or after 20 s
//! without a request), and its port then refuses connections.

use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One scripted answer.
pub enum Reply {
    /// A chat completion whose message is this text.
    Content(String),
    /// An HTTP error: status, body, and a Retry-After header if any.
    Status(u16, &'static str, Option<&'static str>),
    /// A chat completion sent only after this long.
    Slow(Duration, String),
    /// This body, as it is, with status 200.
    Body(String),
}

/// A request as the stand-in received it.
pub struct Recorded {
    pub path: String,
    pub authorization: Option<String>,
    pub body: serde_json::Value,
}

impl Recorded {
    /// The user's message: the part of the article sent.
    pub fn user_text(&self) -> String {
        self.body["messages"][1]["content"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

pub struct StandIn {
    /// The base URL to give as --endpoint.
    pub endpoint: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    thread: Option<JoinHandle<()>>,
}

/// The body of a chat completion carrying `content`.
pub fn completion(content: &str) -> String {
    serde_json::json!({
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "choices": [{
            "index": 0,
            "message": { "role": "assistant", "content": content },
            "finish_reason": "stop"
        }],
        "usage": { "prompt_tokens": 1000, "completion_tokens": 50 }
    })
    .to_string()
}

impl StandIn {
    /// A server answering with `replies`, in order.
    pub fn start(replies: Vec<Reply>) -> Self {
        let mut queue = replies.into_iter();
        let count = queue.len();
        Self::answering(count, move |_| queue.next().expect("a scripted reply"))
    }

    /// A server answering `count` requests, each with what `reply` makes of it.
    pub fn answering(
        count: usize,
        mut reply: impl FnMut(&Recorded) -> Reply + Send + 'static,
    ) -> Self {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}/v1", server.server_addr());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        let thread = std::thread::spawn(move || {
            for _ in 0..count {
                let Ok(Some(mut request)) = server.recv_timeout(Duration::from_secs(20)) else {
                    return;
                };
                let mut body = String::new();
                request.as_reader().read_to_string(&mut body).unwrap();
                let entry = Recorded {
                    path: request.url().to_owned(),
                    authorization: request
                        .headers()
                        .iter()
                        .find(|h| h.field.equiv("Authorization"))
                        .map(|h| h.value.to_string()),
                    body: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
                };
                let answer = reply(&entry);
                recorded.lock().unwrap().push(entry);
                let json = "Content-Type: application/json"
                    .parse::<tiny_http::Header>()
                    .unwrap();
                let response = match answer {
                    Reply::Content(content) => {
                        tiny_http::Response::from_string(completion(&content)).with_header(json)
                    }
                    Reply::Slow(wait, content) => {
                        std::thread::sleep(wait);
                        tiny_http::Response::from_string(completion(&content)).with_header(json)
                    }
                    Reply::Body(body) => tiny_http::Response::from_string(body).with_header(json),
                    Reply::Status(status, body, retry_after) => {
                        let mut response = tiny_http::Response::from_string(body)
                            .with_status_code(status)
                            .with_header(json);
                        if let Some(seconds) = retry_after {
                            response.add_header(
                                tiny_http::Header::from_bytes("Retry-After", seconds).unwrap(),
                            );
                        }
                        response
                    }
                };
                // The client may have given up (a timeout): the answer then goes nowhere.
                let _ = request.respond(response);
            }
        });
        Self {
            endpoint,
            requests,
            thread: Some(thread),
        }
    }

    /// Waits for the script to end (the port then refuses connections) and returns the
    /// requests received.
    pub fn stop(mut self) -> Vec<Recorded> {
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
        std::mem::take(&mut *self.requests.lock().unwrap())
    }
}
