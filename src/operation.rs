//! What the engine needs of an operation: the request it sends for an ID and
//! how it reads a documented reply. Each operation is a file of `src/ops/`; the
//! runner keeps the ordering, concurrency, SKIPPED, the summary and the signals
//! for every one, and the client sends its requests.

use biometrid_protocol::{ApiMessage, Endpoint};

use crate::outcome::{Classified, Outcome, Reason, Retry};
use crate::reply::{self, Documented};

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
            Outcome::Answer(_) => true,
            _ => false,
        }
    }

    /// The ID's final outcome after `attempts` attempts: by default the last
    /// one's. delete-user reads USERID_NOT_EXISTS after a retry as done.
    fn settle(&self, outcome: Outcome, _attempts: u32) -> Outcome {
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

/// A client-wide failure: no later ID can succeed, so none is sent.
pub fn stop_cause(outcome: &Outcome) -> Option<ApiMessage> {
    match outcome {
        Outcome::Api(m) if m.is_client_wide() => Some(*m),
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
