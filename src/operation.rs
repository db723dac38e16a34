//! What the engine needs of an operation: the request it sends for an ID and
//! how it reads a documented reply. Each operation is a file of `src/ops/`; the
//! runner keeps the ordering, concurrency, SKIPPED, the summary and the signals
//! for every one, and the client sends its requests.

use std::sync::Arc;

use biometrid_protocol::{ApiMessage, Endpoint};
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::journal::RequestKey;
use crate::outcome::{Classified, Earlier, Outcome, Reason, Retry};
use crate::reply::{self, Documented};
use crate::scrub::Scrubber;

/// What one operation sends for an ID and how it reads the reply.
pub trait Operation: Sync {
    /// The command that sends it, as help, the journal's header and errors name it.
    fn name(&self) -> &'static str;

    /// The endpoint: its method and path for an ID.
    fn endpoint(&self) -> Endpoint;

    /// The JSON body of the request for `id`, if the endpoint takes one.
    fn body(&self, _id: &str) -> Option<serde_json::Value> {
        None
    }

    /// A documented success (the envelope and its message already checked by
    /// [`reply::classify_with`]) as an outcome; a wrong shape is the reason why not.
    fn read(&self, reply: Documented) -> Result<Outcome, Reason>;

    /// A complete reply as an outcome (and whether to try again): the one
    /// classifier, with this operation's reading of its success.
    fn classify(&self, status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
        reply::classify_with(self.endpoint(), status, retry_after, body, |r| self.read(r))
    }

    /// Whether `outcome` is this operation's success (for the summary).
    fn is_success(&self, outcome: &Outcome) -> bool {
        match outcome {
            Outcome::Api(m) => m.is_success(),
            Outcome::Answered(_) => true,
            _ => false,
        }
    }

    /// The ID's final outcome, knowing whether an earlier attempt may have been
    /// carried out: by default the last attempt's. delete-user reads
    /// USERID_NOT_EXISTS after such an attempt as done.
    fn settle(&self, outcome: Outcome, _earlier: Earlier) -> Outcome {
        outcome
    }

    /// The summary's word for this operation's successes ("restarted").
    fn done_word(&self) -> &'static str;

    /// Whether it destroys something: asked for on a terminal (`--yes`
    /// otherwise), and recorded before it is sent.
    fn destructive(&self) -> bool {
        false
    }

    /// Whether to try again after `classified`: by default what the classification
    /// says. An operation that is not idempotent narrows it. Pure: whether the
    /// attempt may have reached the server is in its report.
    fn retry(&self, classified: &Classified) -> Retry {
        classified.retry
    }
}

/// One request per ID and the reading of its reply, as the engine (client,
/// runner, driver) drives it. Every [`Operation`] (one documented endpoint)
/// is one; `biometrid api` is one for any endpoint, with a request and a
/// reading of its own.
pub trait Exchange: Sync {
    /// The command that sends it, as help, the journal's header and errors name it.
    fn name(&self) -> &'static str;

    /// What is sent for `id`.
    fn request(&self, id: &str) -> Request;

    /// A complete reply to `request` as an outcome (and whether to try again).
    fn classify(
        &self,
        request: &Request,
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Classified;

    /// Whether `outcome` is its success (for the summary).
    fn is_success(&self, outcome: &Outcome) -> bool;

    /// The ID's final outcome, knowing whether an earlier attempt may have acted.
    fn settle(&self, outcome: Outcome, earlier: Earlier) -> Outcome;

    /// The summary's word for its successes.
    fn done_word(&self) -> &'static str;

    /// Whether it destroys something (asked for; recorded before it is sent).
    fn destructive(&self) -> bool;

    /// Whether to try again after `classified`.
    fn retry(&self, classified: &Classified) -> Retry;

    /// What the journal's header records of the request besides the command:
    /// `api`'s method, path and body. A documented operation's request is its
    /// command's, so it records nothing more.
    fn journal_request(&self) -> Option<RequestKey> {
        None
    }

    /// `-v`: what to show of the request besides its line (raw; the client
    /// escapes and scrubs every line).
    fn shown_request(&self, _request: &Request) -> Vec<String> {
        Vec::new()
    }

    /// `-v`: what to show of a reply besides its status, server text
    /// rendered for a terminal (escaped, and scrubbed by `scrub`).
    fn shown_reply(&self, _outcome: &Outcome, _scrub: Option<&Scrubber>) -> Vec<String> {
        Vec::new()
    }

    /// Whether `--dry-run` shows each ID's whole request without `-v`: the
    /// key headers (the secret `***`) and [`Exchange::shown_request`]. `api`
    /// does, because its request is whatever the user built; a documented
    /// operation's request is known, so its dry run is the method and URL.
    fn dry_run_shows_all(&self) -> bool {
        false
    }
}

impl<T: Operation> Exchange for T {
    fn name(&self) -> &'static str {
        Operation::name(self)
    }

    fn request(&self, id: &str) -> Request {
        let endpoint = self.endpoint();
        Request {
            method: endpoint.method().as_str().to_string(),
            path: endpoint.path(id),
            headers: Vec::new(),
            body: match self.body(id) {
                Some(serde_json::Value::Object(fields)) => Body::Json(fields),
                // Every documented body is an object; anything else goes as its JSON text.
                Some(other) => Body::Raw(Arc::new(other.to_string().into_bytes())),
                None => Body::None,
            },
        }
    }

    fn classify(&self, _: &Request, status: u16, headers: &HeaderMap, body: &[u8]) -> Classified {
        let retry_after = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok());
        Operation::classify(self, status, retry_after, body)
    }

    fn is_success(&self, outcome: &Outcome) -> bool {
        Operation::is_success(self, outcome)
    }

    fn settle(&self, outcome: Outcome, earlier: Earlier) -> Outcome {
        Operation::settle(self, outcome, earlier)
    }

    fn done_word(&self) -> &'static str {
        Operation::done_word(self)
    }

    fn destructive(&self) -> bool {
        Operation::destructive(self)
    }

    fn retry(&self, classified: &Classified) -> Retry {
        Operation::retry(self, classified)
    }
}

/// What is sent for one ID.
#[derive(Debug, Clone)]
pub struct Request {
    /// An HTTP method, upper case.
    pub method: String,
    /// The path under the base URL, the ID already encoded in it (a query may follow).
    pub path: String,
    /// Headers besides the credentials (names lower case).
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

/// A request's body: one kind per request.
#[derive(Debug, Clone, Default)]
pub enum Body {
    #[default]
    None,
    /// multipart/form-data parts, in order.
    Multipart(Vec<Part>),
    /// A JSON object, sent as application/json.
    Json(serde_json::Map<String, serde_json::Value>),
    /// Bytes as they are (a content type, if any, among the headers).
    Raw(Arc<Vec<u8>>),
}

/// One multipart part.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub content: PartContent,
}

#[derive(Debug, Clone)]
pub enum PartContent {
    Text(String),
    File {
        file_name: String,
        content_type: &'static str,
        bytes: Arc<Vec<u8>>,
    },
}

/// A client-wide failure: no later ID can succeed, so none is sent.
pub fn stop_cause(outcome: &Outcome) -> Option<ApiMessage> {
    match outcome {
        Outcome::Api(m) if m.is_client_wide() => Some(*m),
        Outcome::Reply(r) => stop_cause(&r.meaning),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_wide_messages_stop_the_run() {
        assert_eq!(
            stop_cause(&Outcome::Api(ApiMessage::InvalidAuthHeaders)),
            Some(ApiMessage::InvalidAuthHeaders)
        );
        assert_eq!(stop_cause(&Outcome::Api(ApiMessage::UserIdNotExists)), None);
    }
}
