//! `biometrid enroll-status <USER_ID>...`: `GET /api/1.1/users/{id}/enroll/status`,
//! which engines (face, voice, ...) a user is enrolled in.

use biometrid_protocol::Endpoint;
use serde_json::Value;

use crate::operation::Operation;
use crate::outcome::{Answered, Field, Outcome, Part, Reason, ServerJson, ServerText};
use crate::reply::Documented;

use super::{PerUserOp, text_field};

#[derive(Clone)]
pub struct EnrollStatus;

const WHAT: &str = "enroll status";

impl Operation for EnrollStatus {
    fn name(&self) -> &'static str {
        "enroll-status"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::EnrollStatus
    }

    /// The array of engines, each checked strictly.
    fn read(&self, reply: Documented) -> Result<Outcome, Reason> {
        let Documented::Data(Some(engines @ Value::Array(items))) = reply else {
            return Err(format!("{WHAT}: \"data\" is not an array of engines").into());
        };
        let mut line = vec![Part::UserId, Part::words(":")];
        let mut by_type = serde_json::Map::new();
        for (n, item) in items.iter().enumerate() {
            if !item.is_object() {
                return Err(format!("{WHAT}: an engine is not an object").into());
            }
            text_field(item, "engines_oid", WHAT)?;
            let kind = text_field(item, "type", WHAT)?;
            let Some(on) = item.get("enrolled").and_then(Value::as_bool) else {
                return Err(format!("{WHAT}: \"enrolled\" is not a boolean").into());
            };
            let state = if on { "enrolled" } else { "not enrolled" };
            line.push(Part::words(if n == 0 { " " } else { ", " }));
            line.push(Part::Server(ServerText::new(kind.clone())));
            line.push(Part::words(format!(" {state}")));
            // Two engines of one type: enrolled if either is (the last one
            // read must not hide an enrolment a script asks about).
            let any = on || by_type.get(&kind).and_then(Value::as_bool) == Some(true);
            by_type.insert(kind, Value::Bool(any));
        }
        if items.is_empty() {
            line.push(Part::words(" no enrolment engines"));
        }
        Ok(Outcome::Answered(Box::new(Answered {
            message: None,
            line,
            note: Vec::new(),
            fields: vec![
                (
                    "enrolled",
                    Field::Json(ServerJson::new(Value::Object(by_type))),
                ),
                ("engines", Field::Json(ServerJson::new(engines.clone()))),
            ],
        })))
    }

    fn done_word(&self) -> &'static str {
        "answered"
    }
}

impl PerUserOp for EnrollStatus {
    fn about(&self) -> &'static str {
        "Show which engines (face, voice, ...) each user is enrolled in"
    }

    fn after_help(&self) -> String {
        "\
Prints `u1: face enrolled, voice not enrolled` per ID; with --json, `enrolled`
(type -> bool) and `engines` (the array as the API sent it).

Examples:
  biometrid enroll-status 59147e5afdda9b0ac0f5e31f
  biometrid enroll-status --from-file ids.txt --json | jq -c '{user_id, enrolled}'

IDs, --concurrency and exit codes as for restart-state (`biometrid restart-state --help`)."
            .into()
    }

    fn json_fields(&self) -> &'static [&'static str] {
        &["enrolled", "engines"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use biometrid_protocol::ApiMessage;

    fn classify(body: &str, status: u16) -> Outcome {
        EnrollStatus.classify(status, None, body.as_bytes()).outcome
    }

    /// Two engines of one type: `enrolled` says whether either is, in any order.
    #[test]
    fn a_type_is_enrolled_when_any_of_its_engines_is() {
        for order in [["true", "false"], ["false", "true"]] {
            let body = format!(
                r#"{{"status":true,"data":[{{"engines_oid":"e1","type":"face","enrolled":{}}},{{"engines_oid":"e2","type":"face","enrolled":{}}}]}}"#,
                order[0], order[1]
            );
            let Outcome::Answered(a) = classify(&body, 200) else {
                panic!("{body}")
            };
            let enrolled = serde_json::json!({"face": true});
            assert_eq!(
                a.fields[0],
                ("enrolled", Field::Json(ServerJson::new(enrolled)))
            );
        }
    }

    #[test]
    fn enroll_status_reads_the_array_strictly() {
        let ok = r#"{"status":true,"data":[{"engines_oid":"e1","type":"face","enrolled":true}]}"#;
        let Outcome::Answered(a) = classify(ok, 200) else {
            panic!()
        };
        assert_eq!(a.message, None);
        let enrolled = serde_json::json!({"face": true});
        assert_eq!(
            a.fields[0],
            ("enrolled", Field::Json(ServerJson::new(enrolled)))
        );
        for bad in [
            r#"{"status":true,"data":[{"engines_oid":"e1","type":"face","enrolled":"yes"}]}"#,
            r#"{"status":true,"data":[{"type":"face","enrolled":true}]}"#,
            r#"{"status":true,"data":{"engines_oid":"e1"}}"#,
            r#"{"status":true}"#,
            r#"{"status":false,"data":[]}"#,
            r#"{"status":true,"data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#,
        ] {
            assert!(
                matches!(classify(bad, 200), Outcome::Unexpected(_)),
                "{bad}"
            );
        }
        let missing = r#"{"status":false,"data":{"message":"USERID_NOT_EXISTS"}}"#;
        assert_eq!(
            classify(missing, 404),
            Outcome::Api(ApiMessage::UserIdNotExists)
        );
    }
}
