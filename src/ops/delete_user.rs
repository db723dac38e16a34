//! `biometrid delete-user <USER_ID>...`: `DELETE /api/1.0/users/{id}`.

use biometrid_protocol::{ApiMessage, Endpoint};

use super::PerUserOp;
use super::cleanup::{Deletion, rules};

#[derive(Clone)]
pub struct DeleteUser;

/// USERID_NOT_EXISTS after an attempt that may have been carried out (a
/// timeout, a reset, a 500, or a request an earlier run sent and never
/// recorded): that attempt most likely removed the user, so it is gone. After
/// replies that say the request was not processed (a 503, a 429) it is a
/// failure like any other.
impl Deletion for DeleteUser {
    const NAME: &'static str = "delete-user";
    const ENDPOINT: Endpoint = Endpoint::DeleteUser;
    const DELETED: ApiMessage = ApiMessage::UserRemoved;
    const NOTHING_THERE: ApiMessage = ApiMessage::UserIdNotExists;
}

impl PerUserOp for DeleteUser {
    fn about(&self) -> &'static str {
        "Delete users (asks for confirmation on a terminal; --yes otherwise)"
    }

    fn after_help(&self) -> String {
        format!(
            "\
{}

Examples:
  biometrid delete-user 59147e5afdda9b0ac0f5e31f
  biometrid delete-user --yes --ignore-missing --from-file leavers.txt

IDs, --concurrency and exit codes as for restart-state (`biometrid restart-state --help`).",
            rules::<Self>()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;
    use crate::ops::removed;
    use crate::outcome::{Earlier, Outcome};

    #[test]
    fn delete_after_a_retry_counts_a_missing_user_as_removed() {
        let gone = DeleteUser.settle(Outcome::Api(ApiMessage::UserIdNotExists), Earlier::ThisRun);
        assert_eq!(gone, removed(ApiMessage::UserIdNotExists, Earlier::ThisRun));
        let first = DeleteUser.settle(Outcome::Api(ApiMessage::UserIdNotExists), Earlier::Nothing);
        assert_eq!(first, Outcome::Api(ApiMessage::UserIdNotExists));
        let other = r#"{"status":true,"data":{"message":"NEW_USER_CREATED","id":"x"}}"#;
        let c = DeleteUser.classify(200, None, other.as_bytes());
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }
}
