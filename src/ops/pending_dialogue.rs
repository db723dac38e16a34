//! `biometrid pending-dialogue <USER_ID>...`: `GET /api/1.0/users/{id}/voice/is-pending`,
//! a user's pending voice dialogue, if any.

use biometrid_protocol::Endpoint;

use crate::operation::Operation;
use crate::outcome::{Answered, Field, Outcome, Part, Reason, ServerText};
use crate::reply::Documented;

use super::{PerUserOp, text_field};

#[derive(Clone)]
pub struct PendingDialogue;

const WHAT: &str = "pending dialogue";

impl Operation for PendingDialogue {
    fn name(&self) -> &'static str {
        "pending-dialogue"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::PendingDialogue
    }

    fn read(&self, reply: Documented) -> Result<Outcome, Reason> {
        let (line, dialogue) = match reply {
            // None pending: the API sends no `data` at all.
            Documented::Data(None) => (
                vec![Part::UserId, Part::words(": no pending dialogue")],
                Field::Null,
            ),
            Documented::Data(Some(d)) if d.is_object() => {
                let id = ServerText::new(text_field(d, "dialogueId", WHAT)?);
                let code = ServerText::new(text_field(d, "promptCode", WHAT)?);
                let text = ServerText::new(text_field(d, "promptCodeText", WHAT)?);
                let line = vec![
                    Part::UserId,
                    Part::words(": pending dialogue "),
                    Part::Server(id.clone()),
                    Part::words(" (prompt "),
                    Part::Server(code.clone()),
                    Part::words(")"),
                ];
                let fields = vec![
                    ("id", Field::Text(id)),
                    ("prompt_code", Field::Text(code)),
                    ("prompt_code_text", Field::Text(text)),
                ];
                (line, Field::Object(fields))
            }
            _ => return Err(format!("{WHAT}: \"data\" is not the documented object").into()),
        };
        let pending = Field::Bool(dialogue != Field::Null);
        Ok(Outcome::Answered(Box::new(Answered {
            message: None,
            line,
            note: Vec::new(),
            fields: vec![("pending", pending), ("dialogue", dialogue)],
        })))
    }

    fn done_word(&self) -> &'static str {
        "answered"
    }
}

impl PerUserOp for PendingDialogue {
    fn about(&self) -> &'static str {
        "Show each user's pending voice dialogue, if any"
    }

    fn after_help(&self) -> String {
        "\
Prints `u1: pending dialogue <id> (prompt 0653)` or `u1: no pending dialogue`; with
--json, `pending` (bool) and `dialogue` ({id, prompt_code, prompt_code_text} or null).

Examples:
  biometrid pending-dialogue 59147e5afdda9b0ac0f5e31f
  biometrid pending-dialogue --json 59147e5afdda9b0ac0f5e31f | jq -r .dialogue.id

IDs, --concurrency and exit codes as for restart-state (`biometrid restart-state --help`)."
            .into()
    }

    fn json_fields(&self) -> &'static [&'static str] {
        &["pending", "dialogue"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(body: &str) -> Outcome {
        PendingDialogue.classify(200, None, body.as_bytes()).outcome
    }

    #[test]
    fn pending_dialogue_with_and_without_data() {
        let Outcome::Answered(none) = classify(r#"{"status":true}"#) else {
            panic!()
        };
        assert_eq!(none.fields[0], ("pending", Field::Bool(false)));
        let some = r#"{"status":true,"data":{"dialogueId":"d1","promptCode":"0653","promptCodeText":"say"}}"#;
        let Outcome::Answered(a) = classify(some) else {
            panic!()
        };
        assert_eq!(a.fields[0], ("pending", Field::Bool(true)));
        let bad =
            r#"{"status":true,"data":{"dialogueId":1,"promptCode":"0653","promptCodeText":"say"}}"#;
        assert!(matches!(classify(bad), Outcome::Unexpected(_)));
        let null = r#"{"status":true,"data":null}"#;
        assert!(matches!(classify(null), Outcome::Unexpected(_)));
    }
}
