//! The reply classifiers: any status, any `Retry-After`, any body, for
//! restart-state (`reply::classify`), every other operation's endpoint, and
//! `biometrid api`'s reading of any endpoint (`operations::judge`).
//! Properties (as in tests/props.rs): no panic, an outcome a reply can have
//! (an API message or unexpected, the message trusted only when the `status`
//! field agrees with it), a documented exit code, and a human detail with no
//! raw control, invisible or bidi character.
//!
//! Input layout: 2 bytes status (LE), 1 byte n, n bytes Retry-After, the rest is the body.
#![no_main]

use biometrid::exit;
use biometrid::reply::{self as api, ApiMessage, Outcome, Retry, needs_escape};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]);
    let n = usize::from(data[2]).min(data.len() - 3);
    let retry_after = match n {
        0 => None,
        _ => std::str::from_utf8(&data[3..3 + n]).ok(),
    };
    let body = &data[3 + n..];

    let c = api::classify(status, retry_after, body);
    match &c.outcome {
        Outcome::Api(m) => {
            assert_eq!(m.http_status(), status);
            let v: serde_json::Value = serde_json::from_slice(body).expect("a documented reply is JSON");
            assert_eq!(v["status"].as_bool(), Some(*m == ApiMessage::StateRestarted));
            // Never retried: every documented message but the server's problem.
            if *m != ApiMessage::ProblemOccurred {
                assert_eq!(c.retry, Retry::No);
            }
        }
        Outcome::Unexpected(_) => {}
        other => panic!("a reply classified as {other:?}"),
    }
    for ignore_missing in [false, true] {
        let code = exit::for_outcome(&c.outcome, ignore_missing).code();
        assert!(documented(code), "undocumented exit {code}");
    }
    if (300..400).contains(&status) {
        assert_eq!(c.retry, Retry::No);
    }
    if let Retry::Yes(Some(wait)) = c.retry {
        assert!(wait <= api::RETRY_AFTER_CAP);
    }
    check_detail(&c.outcome);
    // Every operation's reading of its endpoint's replies, through the same classifier.
    for name in biometrid::operations::names() {
        let c = biometrid::operations::classify(name, status, retry_after, body)
            .expect("a registered operation");
        match &c.outcome {
            Outcome::Api(m) => {
                assert!(biometrid::operations::documents(name, *m), "{name}: {m:?}");
                assert_eq!(m.http_status(), status);
            }
            Outcome::Answered(_) => assert_eq!(status, 200, "{name}"),
            Outcome::Unexpected(_) => {}
            other => panic!("{name}: a reply classified as {other:?}"),
        }
        for ignore_missing in [false, true] {
            let code = exit::for_outcome(&c.outcome, ignore_missing).code();
            assert!(documented(code), "{name}: undocumented exit {code}");
        }
        check_detail(&c.outcome);
    }
    check_verdict(status, retry_after, body);
});

/// `biometrid api`'s own reading of a reply of any endpoint: a code a reply can
/// give, redirects and contradictions unexpected, its own words bounded and safe.
fn check_verdict(status: u16, retry_after: Option<&str>, body: &[u8]) {
    let v = biometrid::operations::judge(status, retry_after, body);
    let code = v.exit.code();
    assert!(documented(code), "api: undocumented exit {code}");
    assert!(matches!(code, 0 | 4..=9 | 12 | 13 | 15), "api: exit {code} from a reply");
    assert_eq!(v.unexpected.is_some(), code == 12, "api: {v:?}");
    if (300..400).contains(&status) {
        assert_eq!(code, 12);
        assert_eq!(v.retry, Retry::No);
    }
    let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let flag = json.as_ref().and_then(|j| j["status"].as_bool());
    let message = json.as_ref().and_then(|j| j["data"]["message"].as_str());
    if let Some(m) = message.and_then(ApiMessage::parse) {
        if flag.is_some_and(|f| f != m.status_flag()) {
            assert_eq!(code, 12, "api: a contradiction trusted: {v:?}");
        }
    }
    if code == 0 {
        assert!((200..300).contains(&status) && flag != Some(false), "api: {v:?}");
    }
    if let Retry::Yes(Some(wait)) = v.retry {
        assert!(wait <= api::RETRY_AFTER_CAP);
    }
    if let Some(why) = &v.unexpected {
        assert!(!why.chars().any(needs_escape), "api: raw control in {why:?}");
        assert!(why.chars().count() <= 200, "api: reason too long: {why:?}");
    }
}

/// A code of `Exit::TABLE`, the list that `restart-state --help` is written
/// from and that tests tie to the README's "Exit codes" table (src/exit.rs,
/// tests/restart_state.rs; tests/props.rs reads the README itself). A
/// hand-written range here once missed 15, which delete-face and delete-voice
/// replies rightly exit with (ENROLL_USER_FACE_FIRST): a false crash.
fn documented(code: u8) -> bool {
    exit::Exit::TABLE.iter().any(|(e, _)| e.code() == code)
}

/// A human detail with no raw control character, and bounded.
fn check_detail(outcome: &Outcome) {
    if let Some(detail) = outcome.detail(None) {
        assert!(
            !detail.chars().any(needs_escape),
            "raw control character in {detail:?}"
        );
        // Bounded whatever the body (up to 1 MiB): an 80-character excerpt, escaped.
        assert!(
            detail.chars().count() <= 1000,
            "detail too long: {detail:?}"
        );
    }
}
