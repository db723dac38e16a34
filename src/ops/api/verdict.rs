//! `biometrid api`: what a reply of any endpoint means, as an exit code. A
//! documented message keeps its own code; any other refusal is "the API
//! declined" (15); a reply that contradicts itself or redirects is unexpected (12).

use biometrid_protocol::ApiMessage;
use serde_json::Value;

use crate::exit::Exit;
use crate::outcome::Retry;
use crate::reply::{parse_retry_after, strict};

/// What one reply means.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub exit: Exit,
    /// The reply's `data.message`, when it is a string (raw server text).
    pub message: Option<String>,
    /// The body as JSON, when it is JSON (without duplicated keys).
    pub json: Option<Value>,
    /// Why the reply is unexpected (exit 12), in the tool's words.
    pub unexpected: Option<String>,
    /// Whether the reply asks to be tried again (the method decides whether it is).
    pub retry: Retry,
}

/// The meaning of a complete reply (status, `Retry-After`, body). Pure and total.
pub fn judge(status: u16, retry_after: Option<&str>, body: &[u8]) -> Verdict {
    let mut v = Verdict {
        exit: Exit::Success,
        message: None,
        json: None,
        unexpected: None,
        retry: Retry::No,
    };
    if matches!(status, 429 | 502 | 503 | 504) {
        v.retry = Retry::Yes(retry_after.and_then(parse_retry_after));
    }
    if status < 200 {
        // Whatever its body says: an interim reply (1xx) is not the answer.
        return v.unexpected(format!("HTTP {status} is not a final reply"));
    }
    if (300..400).contains(&status) {
        return v.unexpected(format!("HTTP {status}: redirect not followed"));
    }
    let parsed = strict::parse(body);
    if let Err(strict::Invalid::Duplicate) = parsed {
        return v.unexpected(format!("HTTP {status} with a duplicated JSON key"));
    }
    v.json = parsed.ok();
    let flag = v
        .json
        .as_ref()
        .and_then(|j| j.get("status"))
        .and_then(Value::as_bool);
    v.message = v
        .json
        .as_ref()
        .and_then(|j| j.get("data"))
        .and_then(|d| d.get("message"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let documented = v.message.as_deref().and_then(ApiMessage::parse);
    let ok_status = (200..300).contains(&status);
    if let Some(m) = documented {
        if flag.is_some_and(|f| f != m.status_flag()) {
            return v.unexpected(format!(
                "HTTP {status} with message {} but \"status\": {} (a {} message)",
                m.as_str(),
                !m.status_flag(),
                if m.status_flag() {
                    "success"
                } else {
                    "failure"
                }
            ));
        }
        if m == ApiMessage::ProblemOccurred && status == 500 {
            v.retry = Retry::Yes(retry_after.and_then(parse_retry_after));
        }
        v.exit = match Exit::from(m) {
            // A documented failure keeps the code a script already branches on.
            own @ (Exit::AuthHeadersMissing
            | Exit::InvalidAuthHeaders
            | Exit::RequestLimitReached
            | Exit::UserIdNotExists
            | Exit::ClientNotFound
            | Exit::ServerProblem
            | Exit::DeviceNotAssociated) => own,
            Exit::Success if ok_status => Exit::Success,
            _ => Exit::ApiDeclined,
        };
        return v;
    }
    // Only 2xx and 4xx/5xx statuses are left.
    v.exit = match flag == Some(false) || status >= 400 {
        true => Exit::ApiDeclined,
        false => Exit::Success,
    };
    v
}

impl Verdict {
    fn unexpected(mut self, why: String) -> Verdict {
        self.exit = Exit::UnexpectedResponse;
        self.unexpected = Some(why);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope(status: bool, message: &str) -> Vec<u8> {
        format!(r#"{{"status":{status},"data":{{"message":"{message}"}}}}"#).into_bytes()
    }

    fn code(status: u16, body: &[u8]) -> u8 {
        judge(status, None, body).exit.code()
    }

    #[test]
    fn a_2xx_reply_whose_status_is_not_false_is_success() {
        assert_eq!(code(200, &envelope(true, "SOMETHING_NEW")), 0);
        assert_eq!(code(200, br#"{"status":true,"data":[]}"#), 0);
        assert_eq!(code(201, br#"[1,2]"#), 0);
        assert_eq!(code(200, b"<html>ok</html>"), 0);
        assert_eq!(code(204, b""), 0);
        assert_eq!(
            code(200, &envelope(true, "STATE_RESTARTED_WITH_SUCCESS")),
            0
        );
    }

    #[test]
    fn an_interim_reply_is_unexpected_whatever_it_says() {
        assert_eq!(
            code(101, &envelope(true, "STATE_RESTARTED_WITH_SUCCESS")),
            12
        );
        assert_eq!(code(100, &envelope(false, "USERID_NOT_EXISTS")), 12);
        assert_eq!(code(199, b""), 12);
    }

    #[test]
    fn documented_failures_keep_their_codes() {
        for (status, message, exit) in [
            (400, "AUTHENTICATION_HEADERS_MISSING", 4),
            (401, "INVALID_AUTHENTICATION_HEADERS", 5),
            (402, "REQUEST_LIMIT_REACHED", 6),
            (404, "USERID_NOT_EXISTS", 7),
            (404, "CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS", 8),
            (500, "PROBLEM_OCURRED_REPEAT_REQUEST", 9),
        ] {
            let v = judge(status, None, &envelope(false, message));
            assert_eq!(v.exit.code(), exit, "{message}");
            assert_eq!(v.message.as_deref(), Some(message));
        }
        assert_eq!(
            code(200, &envelope(true, "DEVICE_NOT_ASSOCIATED_TO_USER")),
            13
        );
    }

    #[test]
    fn any_other_refusal_is_declined() {
        assert_eq!(code(400, &envelope(false, "SOMETHING_ELSE")), 15);
        assert_eq!(code(200, &envelope(false, "SOMETHING_ELSE")), 15);
        assert_eq!(code(200, br#"{"status":false}"#), 15);
        assert_eq!(code(501, b"not emulated by biometrid sandbox: GET /x"), 15);
        assert_eq!(code(404, b""), 15);
        assert_eq!(code(500, br#"{"error":"boom"}"#), 15);
        // A success message cannot make an error status a success.
        assert_eq!(code(500, &envelope(true, "USER_REMOVED_WITH_SUCCESS")), 15);
    }

    #[test]
    fn contradictions_redirects_and_duplicates_are_unexpected() {
        assert_eq!(code(200, &envelope(false, "USER_REMOVED_WITH_SUCCESS")), 12);
        assert_eq!(code(200, &envelope(true, "USERID_NOT_EXISTS")), 12);
        assert_eq!(code(302, &envelope(true, "USER_REMOVED_WITH_SUCCESS")), 12);
        let dup = br#"{"status":false,"status":true,"data":{"message":"X"}}"#;
        let v = judge(200, None, dup);
        assert_eq!(v.exit.code(), 12);
        assert!(v.unexpected.unwrap().contains("duplicated"));
        let nested = br#"{"status":true,"data":{"id":"a","id":"b"}}"#;
        assert_eq!(code(200, nested), 12);
        assert_eq!(code(200, br#"{"a":{"b":1},"c":{"b":2}}"#), 0);
    }

    #[test]
    fn retry_hints() {
        assert_eq!(
            judge(503, Some("2"), b"").retry,
            Retry::Yes(Some(std::time::Duration::from_secs(2)))
        );
        assert_eq!(judge(429, None, b"").retry, Retry::Yes(None));
        let problem = envelope(false, "PROBLEM_OCURRED_REPEAT_REQUEST");
        assert_eq!(judge(500, None, &problem).retry, Retry::Yes(None));
        assert_eq!(judge(500, None, b"{}").retry, Retry::No);
        assert_eq!(judge(404, None, b"").retry, Retry::No);
    }

    #[test]
    fn deep_json_is_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert_eq!(code(200, deep.as_bytes()), 0);
    }
}
