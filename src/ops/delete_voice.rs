//! `biometrid delete-voice --language L <USER_ID>...`:
//! `DELETE /api/1.0/users/{id}/voice/delete` with `{"language": L}`, a user's
//! voice enrolment in one language.

use biometrid_protocol::{ApiMessage, Endpoint};
use clap::{ArgMatches, Args, FromArgMatches};

use crate::error::Result;
use crate::parse::parse_sent_value;

use super::cleanup::{Deletion, rules};
use super::{PerUserOp, usage};

#[derive(Clone)]
pub struct DeleteVoice {
    language: String,
}

impl DeleteVoice {
    /// As registered: the language comes from the command line.
    pub const fn new() -> DeleteVoice {
        DeleteVoice {
            language: String::new(),
        }
    }
}

#[derive(Debug, Args)]
struct VoiceArgs {
    /// The language of the voice enrolment to delete (sent as language)
    #[arg(long, value_name = "L", required = true, value_parser = parse_sent_value)]
    language: String,
}

/// Nothing enrolled in the language (ENROLL_USER_VOICE_FIRST) after an
/// attempt that may have been carried out: that attempt most likely deleted it.
impl Deletion for DeleteVoice {
    const NAME: &'static str = "delete-voice";
    const ENDPOINT: Endpoint = Endpoint::DeleteVoice;
    const DELETED: ApiMessage = ApiMessage::VoiceCredentialsDeleted;
    const NOTHING_THERE: ApiMessage = ApiMessage::EnrollVoiceFirst;

    fn sends(&self) -> Option<serde_json::Value> {
        Some(serde_json::json!({ "language": self.language }))
    }
}

impl PerUserOp for DeleteVoice {
    fn about(&self) -> &'static str {
        "Delete voice enrolments in a language (asks for confirmation on a terminal; --yes otherwise)"
    }

    fn after_help(&self) -> String {
        format!(
            "\
Prints `deleted u1` per ID. Nothing enrolled is ENROLL_USER_VOICE_FIRST (exit 15); with
--ignore-missing, it and USERID_NOT_EXISTS are successes; a language with no voice engine
is NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE (exit 15).
{}

Examples:
  biometrid delete-voice --language es 59147e5afdda9b0ac0f5e31f
  biometrid delete-voice --yes --ignore-missing --language en --from-file testers.txt

IDs, --concurrency and exit codes as for restart-state (`biometrid restart-state --help`).",
            rules::<Self>()
        )
    }

    fn objects(&self) -> (&'static str, &'static str) {
        ("the voice enrolment of user", "users' voice enrolments")
    }

    fn arguments(&self, cmd: clap::Command) -> clap::Command {
        VoiceArgs::augment_args(cmd)
    }

    fn configured(&self, args: &ArgMatches) -> Result<DeleteVoice> {
        let args = VoiceArgs::from_arg_matches(args).map_err(usage)?;
        Ok(DeleteVoice {
            language: args.language,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;
    use crate::ops::removed;
    use crate::outcome::{Earlier, Outcome};

    #[test]
    fn sends_the_language_and_reads_its_replies() {
        let op = DeleteVoice {
            language: "es".into(),
        };
        assert_eq!(op.body("u1"), Some(serde_json::json!({"language": "es"})));
        let ok = r#"{"status":true,"data":{"message":"USER_VOICE_CREDENTIALS_DELETED"}}"#;
        let c = op.classify(200, None, ok.as_bytes());
        assert_eq!(
            c.outcome,
            removed(ApiMessage::VoiceCredentialsDeleted, Earlier::Nothing)
        );
        let none = r#"{"status":false,"data":{"message":"ENROLL_USER_VOICE_FIRST"}}"#;
        let c = op.classify(400, None, none.as_bytes());
        assert_eq!(c.outcome, Outcome::Api(ApiMessage::EnrollVoiceFirst));
        assert_eq!(
            op.settle(c.outcome, Earlier::PreviousRun),
            removed(ApiMessage::EnrollVoiceFirst, Earlier::PreviousRun)
        );
        let engine =
            r#"{"status":false,"data":{"message":"NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE"}}"#;
        let c = op.classify(404, None, engine.as_bytes());
        assert_eq!(c.outcome, Outcome::Api(ApiMessage::NoVoiceEngine));
    }
}
