//! One request per ID and the classification of its reply, as a value the batch
//! runner drives: `restart-state` is the first operation; the runner keeps the
//! ordering, concurrency, SKIPPED, the summary and the signals for every one.

use biometrid_protocol::{ApiMessage, Endpoint};

use crate::outcome::{Classified, Outcome, Retry};

/// What one operation sends for an ID and how it reads the reply.
pub trait Operation: Sync {
    /// The endpoint: its method and path for an ID.
    fn endpoint(&self) -> Endpoint;

    /// The JSON body of the request for `id`, if the endpoint takes one.
    fn body(&self, _id: &str) -> Option<serde_json::Value> {
        None
    }

    /// A complete reply as an outcome (and whether to try again).
    fn classify(&self, status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified;

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
    fn done_word(&self) -> &'static str {
        "restarted"
    }

    /// The command that sends it, as a journal's header names it.
    fn command(&self) -> &'static str;

    /// Whether to try again after `classified`: by default what the classification
    /// says. An operation that is not idempotent narrows it.
    fn retry(&self, classified: &Classified) -> Retry {
        classified.retry
    }
}

/// `GET /api/1.0/users/{id}/restart-state`: clear a user's current process.
pub struct RestartState;

impl Operation for RestartState {
    fn endpoint(&self) -> Endpoint {
        Endpoint::RestartState
    }

    fn command(&self) -> &'static str {
        "restart-state"
    }

    fn classify(&self, status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
        crate::reply::classify(status, retry_after, body)
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
    fn restart_state_is_a_get_whose_success_is_the_restart() {
        let op = RestartState;
        assert_eq!(op.endpoint().method().as_str(), "GET");
        assert_eq!(op.body("u"), None);
        let ok = br#"{"status":true,"data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#;
        let c = op.classify(200, None, ok);
        assert!(op.is_success(&c.outcome));
        assert_eq!(op.retry(&c), Retry::No);
        assert!(!op.is_success(&Outcome::Timeout));
        assert_eq!(
            stop_cause(&Outcome::Api(ApiMessage::InvalidAuthHeaders)),
            Some(ApiMessage::InvalidAuthHeaders)
        );
        assert_eq!(stop_cause(&Outcome::Api(ApiMessage::UserIdNotExists)), None);
    }
}
