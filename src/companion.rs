//! The companion operations: enroll-status, pending-dialogue and delete-user run
//! per ID on the batch runner; find-user and create-user send one request. Each
//! reads its endpoint's documented answer into an [`Answer`], checking the
//! data's shape strictly (anything else is an unexpected response).

use std::sync::atomic::{AtomicBool, Ordering};

use biometrid_protocol::{ApiMessage, Endpoint, user_id};
use serde_json::Value;

use crate::operation::Operation;
use crate::outcome::{Answer, Classified, Data, Dialogue, Outcome, Reason, Retry};
use crate::reply::{Documented, classify_with};

fn answer(message: Option<ApiMessage>, data: Data) -> Outcome {
    Outcome::Answer(Box::new(Answer { message, data }))
}

/// The string field `name` of `object`, or why not.
fn text_field(object: &Value, name: &str, what: &str) -> Result<String, Reason> {
    match object.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(format!("{what}: \"{name}\" is not a string").into()),
        None => Err(format!("{what}: no \"{name}\"").into()),
    }
}

/// `GET /api/1.1/users/{id}/enroll/status`.
pub struct EnrollStatus;

impl Operation for EnrollStatus {
    fn command(&self) -> &'static str {
        "enroll-status"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::EnrollStatus
    }

    fn classify(&self, status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
        classify_with(self.endpoint(), status, retry_after, body, read_enrollment)
    }

    fn done_word(&self) -> &'static str {
        "answered"
    }
}

fn read_enrollment(reply: Documented) -> Result<Outcome, Reason> {
    const WHAT: &str = "enroll status";
    let Documented::Data(Some(engines @ Value::Array(items))) = reply else {
        return Err(format!("{WHAT}: \"data\" is not an array of engines").into());
    };
    let mut enrolled = Vec::with_capacity(items.len());
    for item in items {
        if !item.is_object() {
            return Err(format!("{WHAT}: an engine is not an object").into());
        }
        text_field(item, "engines_oid", WHAT)?;
        let kind = text_field(item, "type", WHAT)?;
        let Some(on) = item.get("enrolled").and_then(Value::as_bool) else {
            return Err(format!("{WHAT}: \"enrolled\" is not a boolean").into());
        };
        enrolled.push((kind, on));
    }
    let data = Data::Enrollment {
        enrolled,
        engines: engines.clone(),
    };
    Ok(answer(None, data))
}

/// `GET /api/1.0/users/{id}/voice/is-pending`.
pub struct PendingDialogue;

impl Operation for PendingDialogue {
    fn command(&self) -> &'static str {
        "pending-dialogue"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::PendingDialogue
    }

    fn classify(&self, status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
        classify_with(self.endpoint(), status, retry_after, body, read_dialogue)
    }

    fn done_word(&self) -> &'static str {
        "answered"
    }
}

fn read_dialogue(reply: Documented) -> Result<Outcome, Reason> {
    const WHAT: &str = "pending dialogue";
    match reply {
        // None pending: the API sends no `data` at all.
        Documented::Data(None) => Ok(answer(None, Data::Dialogue(None))),
        Documented::Data(Some(d)) if d.is_object() => {
            let dialogue = Dialogue {
                id: text_field(d, "dialogueId", WHAT)?,
                prompt_code: text_field(d, "promptCode", WHAT)?,
                prompt_code_text: text_field(d, "promptCodeText", WHAT)?,
            };
            Ok(answer(None, Data::Dialogue(Some(dialogue))))
        }
        _ => Err(format!("{WHAT}: \"data\" is not the documented object").into()),
    }
}

/// `DELETE /api/1.0/users/{id}`.
pub struct DeleteUser;

impl Operation for DeleteUser {
    fn command(&self) -> &'static str {
        "delete-user"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::DeleteUser
    }

    fn classify(&self, status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
        classify_with(
            self.endpoint(),
            status,
            retry_after,
            body,
            |reply| match reply {
                Documented::Message(m @ ApiMessage::UserRemoved, _) => Ok(answer(
                    Some(m),
                    Data::Removed {
                        already_gone: false,
                    },
                )),
                _ => Err("delete: not the documented success".into()),
            },
        )
    }

    /// USERID_NOT_EXISTS after a retried attempt: the earlier attempt most
    /// likely removed the user and its reply was lost, so the user is gone.
    fn settle(&self, outcome: Outcome, attempts: u32) -> Outcome {
        match outcome {
            Outcome::Api(m @ ApiMessage::UserIdNotExists) if attempts > 1 => {
                answer(Some(m), Data::Removed { already_gone: true })
            }
            other => other,
        }
    }

    fn done_word(&self) -> &'static str {
        "deleted"
    }
}

/// A user ID the API answered with: a valid USER_ID (it is printed bare for `$(...)`).
fn read_user(data: &Value, what: &str, created: bool) -> Result<Outcome, Reason> {
    let id = text_field(data, "id", what)?;
    if user_id::check(&id).is_err() {
        return Err(Reason::with_server_text(
            format!("{what}: \"id\" is not a valid user ID: '"),
            &id,
        )
        .then("'"));
    }
    Ok(Outcome::Answer(Box::new(Answer {
        message: None,
        data: Data::User { id, created },
    })))
}

/// With the answer's message filled in.
fn with_message(outcome: Outcome, m: ApiMessage) -> Outcome {
    match outcome {
        Outcome::Answer(mut a) => {
            a.message = Some(m);
            Outcome::Answer(a)
        }
        other => other,
    }
}

/// `GET /api/1.0/users/find-by-address` for one MAC (normalized).
pub struct FindUser {
    pub mac: String,
}

impl Operation for FindUser {
    fn command(&self) -> &'static str {
        "find-user"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::FindUser
    }

    fn body(&self, _id: &str) -> Option<Value> {
        Some(serde_json::json!({ "mac_address": self.mac }))
    }

    fn classify(&self, status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
        classify_with(
            self.endpoint(),
            status,
            retry_after,
            body,
            |reply| match reply {
                Documented::Message(m @ ApiMessage::UserRegisteredOnDevice, data) => {
                    read_user(data, "find-user", false).map(|o| with_message(o, m))
                }
                _ => Err("find-user: not the documented success".into()),
            },
        )
    }
}

/// `POST /api/1.0/users`. Not idempotent: see [`Operation::retry`] below.
pub struct CreateUser {
    pub body: Value,
    /// Whether the last attempt may have reached the server (anything but a
    /// refused connection): then a failure may still have created the user.
    reached: AtomicBool,
}

impl CreateUser {
    pub fn new(body: Value) -> CreateUser {
        CreateUser {
            body,
            reached: AtomicBool::new(false),
        }
    }

    /// Whether a failed run may still have created a user: the last attempt
    /// may have reached the server and did not end in a documented refusal.
    pub fn may_have_created(&self, outcome: &Outcome) -> bool {
        let unclear = match outcome {
            Outcome::Api(m) => *m == ApiMessage::ProblemOccurred,
            Outcome::Timeout | Outcome::Network(_) | Outcome::Unexpected(_) => true,
            _ => false,
        };
        unclear && self.reached.load(Ordering::Relaxed)
    }
}

impl Operation for CreateUser {
    fn command(&self) -> &'static str {
        "create-user"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::CreateUser
    }

    fn body(&self, _id: &str) -> Option<Value> {
        Some(self.body.clone())
    }

    fn classify(&self, status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
        classify_with(self.endpoint(), status, retry_after, body, |reply| {
            let (m, data, created) = match reply {
                Documented::Message(m @ ApiMessage::NewUserCreated, d) => (m, d, true),
                Documented::Message(m @ ApiMessage::UserAlreadyAssociated, d) => (m, d, false),
                _ => return Err("create-user: not the documented success".into()),
            };
            read_user(data, "create-user", created).map(|o| with_message(o, m))
        })
    }

    /// Sent again only when the request surely never reached the server: after
    /// a timeout, a reset or a 500 a user may have been created already.
    fn retry(&self, classified: &Classified) -> Retry {
        // Called once per attempt: the last call says whether the last attempt was sent.
        let unsent = classified.retry == Retry::Unsent;
        self.reached.store(!unsent, Ordering::Relaxed);
        match classified.retry {
            Retry::Unsent => Retry::Unsent,
            _ => Retry::No,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(op: &dyn Operation, status: u16, body: &str) -> Outcome {
        op.classify(status, None, body.as_bytes()).outcome
    }

    fn unexpected(o: &Outcome) -> bool {
        matches!(o, Outcome::Unexpected(_))
    }

    #[test]
    fn macs_are_six_hex_pairs() {
        let normalize_mac = |t: &str| crate::parse::parse_mac(t).ok();
        assert_eq!(
            normalize_mac("AA-bb-0C-dd-EE-ff").as_deref(),
            Some("aa:bb:0c:dd:ee:ff")
        );
        assert_eq!(
            normalize_mac("aa:bb:cc:dd:ee:ff").as_deref(),
            Some("aa:bb:cc:dd:ee:ff")
        );
        for bad in [
            "",
            "aa:bb:cc:dd:ee",
            "aa:bb:cc:dd:ee:ff:00",
            "aa-bb:cc-dd:ee-ff",
            "aabbccddeeff",
            "aa:bb:cc:dd:ee:fg",
            "a:bb:cc:dd:ee:fff",
            "+a:bb:cc:dd:ee:ff",
        ] {
            assert_eq!(normalize_mac(bad), None, "{bad}");
        }
    }

    #[test]
    fn enroll_status_reads_the_array_strictly() {
        let ok = r#"{"status":true,"data":[{"engines_oid":"e1","type":"face","enrolled":true}]}"#;
        let Outcome::Answer(a) = classify(&EnrollStatus, 200, ok) else {
            panic!()
        };
        assert_eq!(a.message, None);
        assert!(
            matches!(&a.data, Data::Enrollment { enrolled, .. } if enrolled == &[("face".to_string(), true)])
        );
        for bad in [
            r#"{"status":true,"data":[{"engines_oid":"e1","type":"face","enrolled":"yes"}]}"#,
            r#"{"status":true,"data":[{"type":"face","enrolled":true}]}"#,
            r#"{"status":true,"data":{"engines_oid":"e1"}}"#,
            r#"{"status":true}"#,
            r#"{"status":false,"data":[]}"#,
            r#"{"status":true,"data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#,
        ] {
            assert!(unexpected(&classify(&EnrollStatus, 200, bad)), "{bad}");
        }
        let missing = r#"{"status":false,"data":{"message":"USERID_NOT_EXISTS"}}"#;
        assert_eq!(
            classify(&EnrollStatus, 404, missing),
            Outcome::Api(ApiMessage::UserIdNotExists)
        );
    }

    #[test]
    fn pending_dialogue_with_and_without_data() {
        let none = classify(&PendingDialogue, 200, r#"{"status":true}"#);
        assert_eq!(none, answer(None, Data::Dialogue(None)));
        let some = r#"{"status":true,"data":{"dialogueId":"d1","promptCode":"0653","promptCodeText":"say"}}"#;
        assert!(matches!(
            classify(&PendingDialogue, 200, some),
            Outcome::Answer(_)
        ));
        let bad =
            r#"{"status":true,"data":{"dialogueId":1,"promptCode":"0653","promptCodeText":"say"}}"#;
        assert!(unexpected(&classify(&PendingDialogue, 200, bad)));
        assert!(unexpected(&classify(
            &PendingDialogue,
            200,
            r#"{"status":true,"data":null}"#
        )));
    }

    #[test]
    fn delete_after_a_retry_counts_a_missing_user_as_removed() {
        let gone = DeleteUser.settle(Outcome::Api(ApiMessage::UserIdNotExists), 2);
        assert_eq!(
            gone,
            answer(
                Some(ApiMessage::UserIdNotExists),
                Data::Removed { already_gone: true }
            )
        );
        let first = DeleteUser.settle(Outcome::Api(ApiMessage::UserIdNotExists), 1);
        assert_eq!(first, Outcome::Api(ApiMessage::UserIdNotExists));
        let other = r#"{"status":true,"data":{"message":"NEW_USER_CREATED","id":"x"}}"#;
        assert!(unexpected(&classify(&DeleteUser, 200, other)));
    }

    #[test]
    fn find_and_create_read_the_id() {
        let find = FindUser { mac: "m".into() };
        let found = r#"{"status":true,"data":{"message":"USER_ALREADY_REGISTERED_ON_THIS_DEVICE","id":"u1"}}"#;
        assert!(matches!(classify(&find, 200, found), Outcome::Answer(_)));
        let none = r#"{"status":true,"data":{"message":"DEVICE_NOT_ASSOCIATED_TO_USER"}}"#;
        assert_eq!(
            classify(&find, 200, none),
            Outcome::Api(ApiMessage::DeviceNotAssociated)
        );
        let bad_id = r#"{"status":true,"data":{"message":"USER_ALREADY_REGISTERED_ON_THIS_DEVICE","id":"a b"}}"#;
        assert!(unexpected(&classify(&find, 200, bad_id)));
        let create = CreateUser::new(Value::Null);
        let made = r#"{"status":true,"data":{"message":"NEW_USER_CREATED","id":"u2"}}"#;
        let Outcome::Answer(a) = classify(&create, 200, made) else {
            panic!()
        };
        assert_eq!(a.message, Some(ApiMessage::NewUserCreated));
        assert_eq!(
            a.data,
            Data::User {
                id: "u2".into(),
                created: true
            }
        );
        let numeric = r#"{"status":true,"data":{"message":"NEW_USER_CREATED","id":7}}"#;
        assert!(unexpected(&classify(&create, 200, numeric)));
    }

    #[test]
    fn create_is_retried_only_when_unsent() {
        let create = CreateUser::new(Value::Null);
        let c = |retry| Classified {
            outcome: Outcome::Timeout,
            retry,
        };
        assert_eq!(create.retry(&c(Retry::Unsent)), Retry::Unsent);
        assert_eq!(create.retry(&c(Retry::Yes(None))), Retry::No);
        let problem = r#"{"status":false,"data":{"message":"PROBLEM_OCURRED_REPEAT_REQUEST"}}"#;
        let classified = create.classify(500, None, problem.as_bytes());
        assert_eq!(create.retry(&classified), Retry::No);
        assert!(create.may_have_created(&classified.outcome));
        let refused = c(Retry::Unsent);
        create.retry(&refused);
        assert!(!create.may_have_created(&Outcome::Network("connection refused".into())));
    }
}
