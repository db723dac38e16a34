//! What every deletion of something of a user's shares: its reply is one
//! documented success or a failure, and "nothing there" after an attempt that
//! may have been carried out means that attempt most likely deleted it. Each
//! deletion's file says only what is its own (its command, endpoint, messages,
//! body, help); [`Deletion`] makes it an [`Operation`], and [`rules`] writes
//! the part of its help that every deletion shares, so that no deletion's help
//! sends the reader to another's.

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

/// The part of a deletion's `--help` that every deletion shares: the
/// confirmation, how "nothing there" is read (as [`Operation::settle`] below
/// does), and the journal's order.
pub(super) fn rules<D: Deletion>() -> String {
    let nothing = D::NOTHING_THERE.as_str();
    format!(
        "\
On a terminal it asks first: `y` for one ID, the number of IDs for several. Without a
terminal, and for IDs read from stdin or --from-file (their number is not known up
front), --yes is required, else nothing is sent (exit 2).
{nothing} after an attempt that may have been carried out
(a timeout, a reset, a 500, or a request an earlier run sent but never recorded,
with --journal --resume) counts as deleted; after a 503 or 429 it does not. With
--ignore-missing it always does. With --journal, each ID is recorded as sent before
its request goes out."
    )
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

#[cfg(test)]
mod tests {
    use super::Deletion;
    use crate::ops::{delete_face::DeleteFace, delete_user::DeleteUser, delete_voice::DeleteVoice};

    /// `--ignore-missing`, the summary's "missing" and the exit code read a
    /// deletion's "nothing there" through the protocol's own word for it.
    #[test]
    fn every_deletions_nothing_there_is_the_protocols() {
        assert!(DeleteUser::NOTHING_THERE.is_nothing_there());
        assert!(DeleteFace::NOTHING_THERE.is_nothing_there());
        assert!(DeleteVoice::NOTHING_THERE.is_nothing_there());
    }
}
