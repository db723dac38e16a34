//! `biometrid delete-user <USER_ID>...`: `DELETE /api/1.0/users/{id}`.

use biometrid_protocol::{ApiMessage, Endpoint};

use crate::operation::Operation;
use crate::outcome::{Answer, Field, Outcome, Part, Reason};
use crate::reply::Documented;

use super::PerUserOp;

#[derive(Clone)]
pub struct DeleteUser;

/// The answer of a deleted user; `already_gone`: USERID_NOT_EXISTS after a
/// retried attempt (the earlier attempt probably removed the user).
fn removed(message: ApiMessage, already_gone: bool) -> Outcome {
    let mut line = vec![Part::Success("deleted"), Part::words(" "), Part::UserId];
    if already_gone {
        line.push(Part::words(" (already gone after a retry)"));
    }
    Outcome::Answer(Box::new(Answer {
        message: Some(message),
        line,
        note: Vec::new(),
        fields: vec![("already_gone", Field::Bool(already_gone))],
    }))
}

impl Operation for DeleteUser {
    fn name(&self) -> &'static str {
        "delete-user"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::DeleteUser
    }

    fn read(&self, reply: Documented) -> Result<Outcome, Reason> {
        match reply {
            Documented::Message(m @ ApiMessage::UserRemoved, _) => Ok(removed(m, false)),
            _ => Err("delete: not the documented success".into()),
        }
    }

    /// USERID_NOT_EXISTS after a retried attempt: the earlier attempt most
    /// likely removed the user and its reply was lost, so the user is gone.
    fn settle(&self, outcome: Outcome, attempts: u32) -> Outcome {
        match outcome {
            Outcome::Api(m @ ApiMessage::UserIdNotExists) if attempts > 1 => removed(m, true),
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

impl PerUserOp for DeleteUser {
    fn about(&self) -> &'static str {
        "Delete users (asks for confirmation on a terminal; --yes otherwise)"
    }

    fn after_help(&self) -> String {
        "\
On a terminal it asks first: `y` for one ID, the number of IDs for several. Without a
terminal, and for IDs read from stdin or --from-file (their number is not known up
front), --yes is required, else nothing is sent (exit 2). USERID_NOT_EXISTS after a
retried attempt counts as deleted (the earlier attempt removed the user); with
--ignore-missing it always does.

Examples:
  biometrid delete-user 59147e5afdda9b0ac0f5e31f
  biometrid delete-user --yes --ignore-missing --from-file leavers.txt

IDs, --concurrency and exit codes as for restart-state (`biometrid restart-state --help`)."
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delete_after_a_retry_counts_a_missing_user_as_removed() {
        let gone = DeleteUser.settle(Outcome::Api(ApiMessage::UserIdNotExists), 2);
        assert_eq!(gone, removed(ApiMessage::UserIdNotExists, true));
        let first = DeleteUser.settle(Outcome::Api(ApiMessage::UserIdNotExists), 1);
        assert_eq!(first, Outcome::Api(ApiMessage::UserIdNotExists));
        let other = r#"{"status":true,"data":{"message":"NEW_USER_CREATED","id":"x"}}"#;
        let c = DeleteUser.classify(200, None, other.as_bytes());
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }
}
