//! `biometrid restart-state <USER_ID>...`: `GET /api/1.0/users/{id}/restart-state`
//! clears whatever enrolment or verification process is stuck for a user.

use biometrid_protocol::{ApiMessage, Endpoint};

use crate::exit::Exit;
use crate::operation::Operation;
use crate::outcome::{Answered, Outcome, Part, Reason};
use crate::reply::Documented;

use super::PerUserOp;

#[derive(Clone)]
pub struct RestartState;

impl Operation for RestartState {
    fn name(&self) -> &'static str {
        "restart-state"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::RestartState
    }

    fn read(&self, reply: Documented) -> Result<Outcome, Reason> {
        match reply {
            Documented::Message(m @ ApiMessage::StateRestarted, _) => {
                Ok(Outcome::Answered(Box::new(Answered {
                    message: Some(m),
                    line: vec![Part::Success("restarted"), Part::words(" "), Part::UserId],
                    ..Answered::default()
                })))
            }
            _ => Err("HTTP 200 with no message in the reply".into()),
        }
    }

    fn done_word(&self) -> &'static str {
        "restarted"
    }
}

impl PerUserOp for RestartState {
    fn about(&self) -> &'static str {
        "Restart the process state of one or more users"
    }

    fn after_help(&self) -> String {
        let mut text = String::from(
            "Examples:\n  \
             biometrid restart-state 59147e5afdda9b0ac0f5e31f\n  \
             biometrid restart-state --from-file ids.txt --concurrency 16\n  \
             grep -v '^#' users.txt | biometrid restart-state -\n  \
             biometrid restart-state --from-file ids.txt --rate 10/s --journal run.jsonl --resume\n  \
             biometrid restart-state --from-file ids.txt --dry-run\n  \
             biometrid restart-state --json 59147e5afdda9b0ac0f5e31f | jq -r .message\n  \
             biometrid restart-state --ignore-missing --quiet \"$TEST_USER\"   # CI cleanup\n  \
             biometrid --profile staging restart-state 59147e5afdda9b0ac0f5e31f\n\n\
             Exit codes:\n",
        );
        for (code, meaning) in Exit::TABLE {
            text.push_str(&format!("  {:>3}  {meaning}\n", code.code()));
        }
        text.push_str(
            "\nWith several IDs the exit code is that of the first failed ID in input order.",
        );
        text
    }

    fn after_long_help(&self) -> Option<String> {
        Some(self.after_help())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Retry;

    #[test]
    fn restart_state_is_a_get_whose_success_is_the_restart() {
        let op = RestartState;
        assert_eq!(op.endpoint().method().as_str(), "GET");
        assert_eq!(op.body("u"), None);
        let ok = br#"{"status":true,"data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#;
        let c = op.classify(200, None, ok);
        assert!(op.is_success(&c.outcome));
        assert_eq!(
            c.outcome.api_message(),
            Some("STATE_RESTARTED_WITH_SUCCESS")
        );
        assert_eq!(op.retry(&c), Retry::No);
        assert!(!op.is_success(&Outcome::Timeout("t".into())));
    }

    #[test]
    fn help_lists_exit_codes() {
        let help = RestartState.after_help();
        assert!(help.contains("130  interrupted"));
        assert!(help.contains(" 14  output failure"));
        assert!(help.contains("143  ended by SIGTERM"));
        assert!(help.contains("141  stdout was closed"));
        assert!(help.contains("  7  USERID_NOT_EXISTS"));
    }
}
