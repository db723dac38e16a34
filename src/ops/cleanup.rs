//! What every deletion of something of a user's shares: its reply is one
//! documented success or a failure, and "nothing there" after an attempt that
//! may have been carried out means that attempt most likely deleted it. Each
//! deletion's file says only what is its own (its command, endpoint, messages,
//! body, help); [`Deletion`] makes it an [`Operation`].

use biometrid_protocol::{ApiMessage, Endpoint};

use crate::operation::Operation;
use crate::outcome::{Earlier, Outcome, Reason};
use crate::reply::Documented;

use super::removed;

/// A deletion, by what is its own.
pub(super) trait Deletion: Sync {
    /// The command.
    const NAME: &'static str;

    const ENDPOINT: Endpoint;

    /// The documented success.
    const DELETED: ApiMessage;

    /// The reply that says there is nothing to delete: a failure on a first
    /// attempt, done after one that may have been carried out (in this run, or
    /// sent and never recorded by an earlier one).
    const NOTHING_THERE: ApiMessage;

    /// The JSON body it sends with every ID, if it takes one.
    fn sends(&self) -> Option<serde_json::Value> {
        None
    }
}

impl<D: Deletion> Operation for D {
    fn name(&self) -> &'static str {
        D::NAME
    }

    fn endpoint(&self) -> Endpoint {
        D::ENDPOINT
    }

    fn body(&self, _id: &str) -> Option<serde_json::Value> {
        self.sends()
    }

    fn read(&self, reply: Documented) -> Result<Outcome, Reason> {
        match reply {
            Documented::Message(m, _) if m == D::DELETED => Ok(removed(m, Earlier::Nothing)),
            _ => Err(format!("{}: not the documented success", D::NAME).into()),
        }
    }

    fn settle(&self, outcome: Outcome, earlier: Earlier) -> Outcome {
        match outcome {
            Outcome::Api(m) if m == D::NOTHING_THERE && earlier != Earlier::Nothing => {
                removed(m, earlier)
            }
            other => other,
        }
    }

    fn done_word(&self) -> &'static str {
        "deleted"
    }

    fn destructive(&self) -> bool {
        true
    }
}
