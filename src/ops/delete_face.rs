//! `biometrid delete-face <USER_ID>...`: `DELETE /api/1.0/users/{id}/face/delete`,
//! a user's face enrolment.

use biometrid_protocol::{ApiMessage, Endpoint};

use super::PerUserOp;
use super::cleanup::{Deletion, rules};

#[derive(Clone)]
pub struct DeleteFace;

/// Nothing enrolled (ENROLL_USER_FACE_FIRST) after an attempt that may have
/// been carried out: that attempt most likely deleted it.
impl Deletion for DeleteFace {
    const NAME: &'static str = "delete-face";
    const ENDPOINT: Endpoint = Endpoint::DeleteFace;
    const DELETED: ApiMessage = ApiMessage::FaceCredentialsDeleted;
    const NOTHING_THERE: ApiMessage = ApiMessage::EnrollFaceFirst;
}

impl PerUserOp for DeleteFace {
    fn about(&self) -> &'static str {
        "Delete face enrolments (asks for confirmation on a terminal; --yes otherwise)"
    }

    fn after_help(&self) -> String {
        format!(
            "\
Prints `deleted u1` per ID. Nothing enrolled is ENROLL_USER_FACE_FIRST (exit 15); with
--ignore-missing, it and USERID_NOT_EXISTS are successes.
{}

Examples:
  biometrid delete-face 59147e5afdda9b0ac0f5e31f
  biometrid delete-face --yes --ignore-missing --from-file testers.txt

IDs, --concurrency and exit codes as for restart-state (`biometrid restart-state --help`).",
            rules::<Self>()
        )
    }

    fn objects(&self) -> (&'static str, &'static str) {
        ("the face enrolment of user", "users' face enrolments")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;
    use crate::ops::removed;
    use crate::outcome::{Earlier, Outcome};

    #[test]
    fn deleted_or_nothing_enrolled() {
        let ok = r#"{"status":true,"data":{"message":"USER_FACE_CREDENTIALS_DELETED"}}"#;
        let c = DeleteFace.classify(200, None, ok.as_bytes());
        assert_eq!(
            c.outcome,
            removed(ApiMessage::FaceCredentialsDeleted, Earlier::Nothing)
        );
        let none = r#"{"status":false,"data":{"message":"ENROLL_USER_FACE_FIRST"}}"#;
        let c = DeleteFace.classify(400, None, none.as_bytes());
        assert_eq!(c.outcome, Outcome::Api(ApiMessage::EnrollFaceFirst));
        let after_retry = DeleteFace.settle(c.outcome.clone(), Earlier::ThisRun);
        assert_eq!(
            after_retry,
            removed(ApiMessage::EnrollFaceFirst, Earlier::ThisRun)
        );
        let first = DeleteFace.settle(c.outcome, Earlier::Nothing);
        assert_eq!(first, Outcome::Api(ApiMessage::EnrollFaceFirst));
        let voice = r#"{"status":false,"data":{"message":"ENROLL_USER_VOICE_FIRST"}}"#;
        let c = DeleteFace.classify(400, None, voice.as_bytes());
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }
}
