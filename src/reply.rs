//! The reply classifier: a complete reply (status, `Retry-After`, body) as an
//! outcome, trusting a documented message only when everything agrees with it.
//! Public for the fuzz targets and the property tests.

use std::time::Duration;

use biometrid_protocol::Endpoint;

pub use crate::outcome::{Classified, Outcome, Reason, Retry};
/// What a human detail must never contain raw.
pub use crate::sanitize::needs_escape;
pub use biometrid_protocol::ApiMessage;

/// A `Retry-After` longer than this is shortened to it.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);

/// Classify a complete reply of restart-state: HTTP status, `Retry-After`
/// value, body (at most the 1 MiB the client reads). The one classifier,
/// [`classify_with`], with restart-state's success: its message alone.
/// Pure and total: it never panics, whatever the input (fuzzed and property-tested).
pub fn classify(status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
    classify_with(
        Endpoint::RestartState,
        status,
        retry_after,
        body,
        |reply| match reply {
            Documented::Message(m, _) => Ok(Outcome::Api(m)),
            Documented::Data(_) => Err("HTTP 200 with no message in the reply".into()),
        },
    )
}

/// A documented success, for its operation to read.
pub enum Documented<'a> {
    /// A success message (`status: true`) and the `data` object it came in.
    Message(ApiMessage, &'a serde_json::Value),
    /// HTTP 200, `status: true` and no message: the `data` as sent, if any.
    Data(Option<&'a serde_json::Value>),
}

/// Classify a reply of `endpoint`: the envelope and its message are checked
/// here for every endpoint (the HTTP status, the `status` flag and the
/// endpoint's documented messages must agree; a key twice anywhere in the
/// reply is not trusted either way); a success goes to `read`, which checks
/// the data's shape (a wrong shape is an unexpected response).
pub fn classify_with(
    endpoint: Endpoint,
    status: u16,
    retry_after: Option<&str>,
    body: &[u8],
    read: impl FnOnce(Documented) -> Result<Outcome, Reason>,
) -> Classified {
    let retry_hint = if matches!(status, 429 | 502 | 503 | 504) {
        Retry::Yes(retry_after.and_then(parse_retry_after))
    } else {
        Retry::No
    };
    let unexpected = |why: Reason, retry: Retry| Classified {
        outcome: Outcome::Unexpected(why),
        retry,
    };
    if (300..400).contains(&status) {
        let why = format!("HTTP {status}: redirect not followed");
        return unexpected(why.into(), Retry::No);
    }
    let value = match strict::parse(body) {
        Ok(v) => v,
        Err(strict::Invalid::Duplicate) => {
            let why = format!("HTTP {status} with a key given twice in the reply");
            return unexpected(why.into(), retry_hint);
        }
        Err(strict::Invalid::Json) => {
            let what = if body.is_empty() {
                "an empty body"
            } else {
                "a body that is not the documented JSON envelope"
            };
            return unexpected(format!("HTTP {status} with {what}").into(), retry_hint);
        }
    };
    let Some(flag) = value.get("status").and_then(serde_json::Value::as_bool) else {
        let why = format!("HTTP {status} with no boolean \"status\" in the reply");
        return unexpected(why.into(), retry_hint);
    };
    let data = value.get("data");
    let message = data
        .and_then(|d| d.as_object())
        .and_then(|d| d.get("message"));
    let Some(message) = message else {
        if status != 200 || !flag {
            let why = format!("HTTP {status} with \"status\": {flag} and no message");
            return unexpected(why.into(), retry_hint);
        }
        return match read(Documented::Data(data)) {
            Ok(outcome) => Classified {
                outcome,
                retry: Retry::No,
            },
            Err(why) => unexpected(why, Retry::No),
        };
    };
    let text = message.as_str().unwrap_or_default();
    let documented = ApiMessage::parse(text).filter(|m| endpoint.documents(*m));
    let Some(m) = documented else {
        let why = Reason::with_server_text(format!("HTTP {status} with unknown message '"), text);
        return unexpected(why.then("'"), retry_hint);
    };
    if m.http_status() != status || m.status_flag() != flag {
        let why = format!(
            "HTTP {status} with message {} and \"status\": {flag} (documented with HTTP {} and {})",
            m.as_str(),
            m.http_status(),
            m.status_flag()
        );
        return unexpected(why.into(), retry_hint);
    }
    if !m.is_success() {
        let retry = if m == ApiMessage::ProblemOccurred {
            Retry::Yes(retry_after.and_then(parse_retry_after))
        } else {
            Retry::No
        };
        return Classified {
            outcome: Outcome::Api(m),
            retry,
        };
    }
    match read(Documented::Message(
        m,
        data.unwrap_or(&serde_json::Value::Null),
    )) {
        Ok(outcome) => Classified {
            outcome,
            retry: Retry::No,
        },
        Err(why) => unexpected(why, Retry::No),
    }
}

/// JSON read strictly: a key that appears twice in one object is refused (a
/// plain `serde_json::Value` keeps the last, so `{"status":false,"status":true}`
/// would read as a success). Read once by [`crate::json::Kept`], which keeps
/// every pair, as `api` prints a reply.
pub mod strict {
    use serde_json::Value;

    use crate::json::Kept;

    pub enum Invalid {
        Json,
        Duplicate,
    }

    pub fn parse(body: &[u8]) -> Result<Value, Invalid> {
        let kept: Kept = serde_json::from_slice(body).map_err(|_| Invalid::Json)?;
        kept.into_unique().ok_or(Invalid::Duplicate)
    }
}

/// `Retry-After` as delta-seconds or an HTTP date, capped.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    let wait = if let Ok(secs) = value.parse::<u64>() {
        Duration::from_secs(secs)
    } else {
        let when = httpdate::parse_http_date(value).ok()?;
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO)
    };
    Some(wait.min(RETRY_AFTER_CAP))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scrub::Scrubber;

    /// The documented envelope: `status` true on success only.
    fn body(message: &str) -> Vec<u8> {
        let ok = message == ApiMessage::StateRestarted.as_str();
        format!(r#"{{"status":{ok},"data":{{"message":"{message}"}}}}"#).into_bytes()
    }

    fn with_status(ok: bool, message: ApiMessage) -> Vec<u8> {
        format!(
            r#"{{"status":{ok},"data":{{"message":"{}"}}}}"#,
            message.as_str()
        )
        .into_bytes()
    }

    #[test]
    fn a_status_field_that_contradicts_the_message_is_unexpected() {
        for m in ApiMessage::ALL {
            let success = m == ApiMessage::StateRestarted;
            let c = classify(m.http_status(), None, &with_status(!success, m));
            assert!(matches!(c.outcome, Outcome::Unexpected(_)), "{m:?}");
            assert_eq!(c.retry, Retry::No, "{m:?}");
            let detail = c.outcome.detail(None).unwrap();
            assert!(detail.contains("\"status\""), "{detail}");
            let c = classify(m.http_status(), None, &with_status(success, m));
            assert_eq!(c.outcome, Outcome::Api(m));
        }
    }

    #[test]
    fn only_server_text_is_scrubbed() {
        let scrub = Scrubber::new("s");
        let refused = Outcome::Network("connection refused".into());
        assert_eq!(refused.detail(Some(&scrub)).unwrap(), "connection refused");
        let c = classify(200, None, &body("its secret"));
        let shown = c.outcome.detail(Some(&scrub)).unwrap();
        assert_eq!(shown, "HTTP 200 with unknown message 'it*** ***ecret'");
    }

    #[test]
    fn server_text_is_scrubbed_before_it_is_cut() {
        let secret = "S3cr3t-LEAK-canary";
        let scrub = Scrubber::new(secret);
        // The excerpt's cut falls 3 characters into the secret.
        let message = format!("{}{secret}", "p".repeat(77));
        let c = classify(200, None, &body(&message));
        let shown = c.outcome.detail(Some(&scrub)).unwrap();
        assert!(
            shown.ends_with("ppp***'") || shown.contains("ppp***"),
            "{shown}"
        );
        assert!(!shown.contains("S3c"), "{shown}");
        let unscrubbed = c.outcome.detail(None).unwrap();
        assert!(unscrubbed.ends_with("pS3c…'"), "{unscrubbed}");
    }

    #[test]
    fn documented_replies_classify_to_their_message() {
        for m in ApiMessage::ALL {
            let c = classify(m.http_status(), None, &body(m.as_str()));
            assert_eq!(c.outcome, Outcome::Api(m));
            let retried = m == ApiMessage::ProblemOccurred;
            assert_eq!(c.retry != Retry::No, retried, "{m:?}");
        }
    }

    #[test]
    fn disagreeing_status_is_unexpected() {
        let c = classify(200, None, &body("USERID_NOT_EXISTS"));
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
        let c = classify(404, None, &body("STATE_RESTARTED_WITH_SUCCESS"));
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }

    #[test]
    fn unknown_or_malformed_is_unexpected() {
        for (status, b) in [
            (200, body("SOMETHING_NEW")),
            (200, b"<html>hi</html>".to_vec()),
            (200, Vec::new()),
            (200, br#"{"status":true}"#.to_vec()),
            (
                200,
                br#"{"status":"yes","data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#.to_vec(),
            ),
            (418, body("STATE_RESTARTED_WITH_SUCCESS")),
        ] {
            let c = classify(status, None, &b);
            assert!(
                matches!(c.outcome, Outcome::Unexpected(_)),
                "{status} {b:?}"
            );
            assert_eq!(c.retry, Retry::No);
        }
    }

    #[test]
    fn deep_json_is_rejected_without_overflow() {
        let deep = "[".repeat(100_000);
        let c = classify(200, None, deep.as_bytes());
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }

    #[test]
    fn transient_statuses_retry_and_honour_retry_after() {
        for s in [429, 502, 503, 504] {
            assert_eq!(classify(s, None, b"").retry, Retry::Yes(None));
        }
        assert_eq!(
            classify(503, Some("2"), b"").retry,
            Retry::Yes(Some(Duration::from_secs(2)))
        );
        assert_eq!(
            classify(503, Some("99999"), b"").retry,
            Retry::Yes(Some(RETRY_AFTER_CAP))
        );
        for s in [400, 401, 402, 404, 301, 500] {
            assert_eq!(classify(s, Some("1"), b"").retry, Retry::No, "{s}");
        }
    }

    #[test]
    fn redirects_are_unexpected_even_with_a_documented_body() {
        let c = classify(302, None, &body("STATE_RESTARTED_WITH_SUCCESS"));
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }

    #[test]
    fn unknown_message_is_escaped() {
        let c = classify(200, None, &body("\\u001b[2J"));
        let detail = c.outcome.detail(None).unwrap();
        assert!(!detail.contains('\u{1b}'), "{detail}");
    }

    #[test]
    fn retry_after_dates() {
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        let soon = std::time::SystemTime::now() + Duration::from_secs(3600);
        assert_eq!(
            parse_retry_after(&httpdate::fmt_http_date(soon)),
            Some(RETRY_AFTER_CAP)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]

        /// Moved from tests/props.rs: `parse_retry_after` is internal to the crate.
        #[test]
        fn retry_after_is_total_and_capped(value in ".{0,64}") {
            if let Some(wait) = parse_retry_after(&value) {
                proptest::prop_assert!(wait <= RETRY_AFTER_CAP);
            }
        }
    }
}
