//! Property tests of the reply classifier and the config parser: bounded here,
//! and run long (with `PROPTEST_CASES`) for docs/fuzzing.md.
//!
//! - `reply::classify` never panics, always yields an outcome with a documented
//!   exit code, and its human detail never carries a raw control character.
//!   A documented message is trusted only when the `status` field agrees with it.
//! - Every operation's classification (`biometrid::operations::classify`, the
//!   one classifier with each endpoint's reading) is total, yields only this
//!   endpoint's documented refusals, a success only from a 200 with `status`
//!   true, or unexpected, with a documented exit code.
//! - `biometrid api`'s own reading of a reply (`biometrid::operations::judge`)
//!   is total too: a documented exit code a reply can give, redirects and
//!   duplicated JSON keys unexpected, a documented message trusted only when
//!   the `status` field agrees, its own words bounded and terminal-safe.
//! - `config::ConfigFile::parse` never panics, and its errors never quote a
//!   value: a secret in a string value never appears in the error.
//!
//! `PROPTEST_CASES=N` sets the number of cases of every property (default 256
//! here, enough for the suite to stay fast on a 2-core machine). The scrubber's
//! and `Retry-After`'s properties are unit tests in the crate (src/scrub.rs, src/reply.rs).

use std::path::Path;

use biometrid::config::ConfigFile;
use biometrid::exit::{self, Exit};
use biometrid::operations::judge;
use biometrid::reply::{self as api, ApiMessage, Outcome, Retry};
use proptest::prelude::*;

/// Every exit code of the README's table, read from the README so that a code added
/// there (13, 14, 15 were) is allowed here without a second list to forget.
static DOCUMENTED: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let codes: Vec<u8> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| ")?.split_once(" |").map(|(c, _)| c))
        .flat_map(|cell| cell.split(", ").map(str::parse::<u8>))
        .filter_map(Result::ok)
        .collect();
    assert!(
        codes.contains(&15) && codes.contains(&130),
        "the exit table: {codes:?}"
    );
    codes
});

const SECRET: &str = "S3cr3t-LEAK-canary-9f8e7d";

fn config() -> ProptestConfig {
    // PROPTEST_CASES overrides `cases` (proptest reads it for the default config).
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// No control, format (zero-width, bidi, BOM, soft hyphen) or line/paragraph
/// separator character: what sanitize::escape guarantees.
fn is_terminal_safe(text: &str) -> bool {
    !text.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{ad}' | '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
    })
}

/// Statuses near the interesting ones, and anything at all.
fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        prop::sample::select(vec![
            0u16, 99, 100, 101, 199, 200, 201, 204, 299, 300, 301, 302, 303, 304, 307, 308, 399,
            400, 401, 402, 403, 404, 418, 429, 499, 500, 501, 502, 503, 504, 599, 600, 999,
        ]),
        any::<u16>(),
    ]
}

/// Text with the characters that break things: controls, quotes, escapes, bidi, non-BMP.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\"\\\\ a-zA-Z_/\\u{202e}\\u{2066}\\u{1F600}\\u{200b}\\u{feff}\\u{2028}\\u{ad}]{0,120}",
        prop::sample::select(
            ApiMessage::ALL
                .iter()
                .map(|m| m.as_str().to_string())
                .collect::<Vec<_>>()
        ),
    ]
}

/// A body: raw bytes, an envelope around any message, or an envelope-like shape gone wrong.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let envelope = (any::<bool>(), nasty_text()).prop_map(|(ok, message)| {
        serde_json::json!({"status": ok, "data": {"message": message}})
            .to_string()
            .into_bytes()
    });
    let mangled = (any::<bool>(), nasty_text(), nasty_text()).prop_map(|(ok, k, v)| {
        format!(r#"{{"status":{ok},"data":{{"{k}":"{v}"}},"{v}":1}}"#).into_bytes()
    });
    let deep = (
        1usize..5000,
        prop::sample::select(vec!["[", "{\"a\":", "{\"data\":"]),
    )
        .prop_map(|(n, open)| {
            format!(r#"{{"status":true,"data":{{"message":{}"#, open.repeat(n)).into_bytes()
        });
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        envelope,
        mangled,
        deep,
        nasty_text().prop_map(String::into_bytes),
    ]
}

/// The shapes the other endpoints answer with, right and wrong: engines,
/// a dialogue, a user's ID, no data, and their messages.
fn operation_body() -> impl Strategy<Value = Vec<u8>> {
    let messages: Vec<String> = ApiMessage::ALL
        .iter()
        .chain(ApiMessage::COMPANION.iter())
        .map(|m| m.as_str().to_string())
        .collect();
    let text = || prop_oneof![nasty_text(), Just("u1".to_string())];
    let engines = prop::collection::vec((text(), text(), any::<bool>()), 0..4).prop_map(|e| {
        let items: Vec<serde_json::Value> = e
            .into_iter()
            .map(|(oid, kind, on)| serde_json::json!({"engines_oid": oid, "type": kind, "enrolled": on}))
            .collect();
        serde_json::json!({"status": true, "data": items})
    });
    let dialogue = (any::<bool>(), text(), text(), text()).prop_map(|(ok, id, code, say)| {
        serde_json::json!({"status": ok, "data": {"dialogueId": id, "promptCode": code, "promptCodeText": say}})
    });
    let user = (any::<bool>(), prop::sample::select(messages), text()).prop_map(
        |(ok, m, id)| serde_json::json!({"status": ok, "data": {"message": m, "id": id}}),
    );
    let bare = any::<bool>().prop_map(|ok| serde_json::json!({"status": ok}));
    prop_oneof![engines, dialogue, user, bare].prop_map(|v| v.to_string().into_bytes())
}

/// An envelope around any message the API documents, for any endpoint, with
/// either `status` flag or none: what `biometrid api` may be answered.
fn any_message_body() -> impl Strategy<Value = Vec<u8>> {
    let messages: Vec<&'static str> = ApiMessage::ALL
        .iter()
        .chain(ApiMessage::COMPANION.iter())
        .chain(ApiMessage::OTHER.iter())
        .map(|m| m.as_str())
        .collect();
    (
        prop::option::of(any::<bool>()),
        prop_oneof![
            prop::sample::select(messages).prop_map(String::from),
            nasty_text()
        ],
    )
        .prop_map(|(flag, message)| {
            let mut v = serde_json::json!({"data": {"message": message}});
            if let Some(flag) = flag {
                v["status"] = flag.into();
            }
            v.to_string().into_bytes()
        })
}

/// A JSON body with one key twice, at any depth (objects and arrays around it),
/// the rest well formed: `serde_json` alone would keep the last value.
fn duplicated_key_body() -> impl Strategy<Value = Vec<u8>> {
    let key = prop_oneof![
        prop::sample::select(vec!["status", "data", "message", "id"]).prop_map(String::from),
        nasty_text(),
    ];
    let wrappers = prop::collection::vec(any::<bool>(), 0..20);
    (key, any::<bool>(), nasty_text(), wrappers).prop_map(|(key, flag, text, wrappers)| {
        let key = serde_json::to_string(&key).unwrap();
        let text = serde_json::to_string(&text).unwrap();
        let mut json = format!(r#"{{{key}:{flag},"x":{text},{key}:{}}}"#, !flag);
        for in_array in wrappers {
            json = match in_array {
                true => format!("[1,{json}]"),
                false => format!(r#"{{"status":{flag},"data":{json}}}"#),
            };
        }
        json.into_bytes()
    })
}

fn retry_after() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        "[0-9]{1,25}",
        ".{0,40}",
        "(Mon|Sun|Xyz), [0-9]{1,3} (Jan|Feb|Dec|Foo) [0-9]{1,5} [0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3} GMT",
    ])
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn classify_is_total_and_documented(
        status in status(),
        retry_after in retry_after(),
        body in body(),
        ignore_missing in any::<bool>(),
    ) {
        let c = api::classify(status, retry_after.as_deref(), &body);
        let code = exit::for_outcome(&c.outcome, ignore_missing).code();
        prop_assert!(DOCUMENTED.contains(&code), "exit {code} for {:?}", c.outcome);
        // A reply is an API message or unexpected; nothing else comes out of a reply.
        match &c.outcome {
            Outcome::Api(m) => {
                prop_assert_eq!(m.http_status(), status);
                prop_assert_eq!(Exit::from(*m) == Exit::Success, *m == ApiMessage::StateRestarted);
                // Trusted only when the `status` field agrees with the message.
                let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
                prop_assert_eq!(v["status"].as_bool(), Some(*m == ApiMessage::StateRestarted));
            }
            Outcome::Unexpected(_) => prop_assert_eq!(code, 12),
            other => prop_assert!(false, "a reply classified as {:?}", other),
        }
        // Redirects are never followed, nor retried.
        if (300..400).contains(&status) {
            prop_assert!(matches!(c.outcome, Outcome::Unexpected(_)));
            prop_assert_eq!(c.retry, Retry::No);
        }
        // Never retried: the documented client errors.
        if matches!(c.outcome, Outcome::Api(m) if m != ApiMessage::ProblemOccurred) {
            prop_assert_eq!(c.retry, Retry::No);
        }
        if let Retry::Yes(Some(wait)) = c.retry {
            prop_assert!(wait <= api::RETRY_AFTER_CAP);
        }
        let detail = c.outcome.detail(None).unwrap_or_default();
        prop_assert!(is_terminal_safe(&detail), "raw control in {:?}", detail);
        // Bounded whatever the body (up to 1 MiB): an 80-character excerpt, escaped.
        prop_assert!(detail.chars().count() <= 1000, "detail too long: {}", detail.len());
    }

    #[test]
    fn every_operation_classifies_totally_and_as_documented(
        status in status(),
        retry_after in retry_after(),
        body in prop_oneof![body(), operation_body()],
    ) {
        for name in biometrid::operations::names() {
            let c = biometrid::operations::classify(name, status, retry_after.as_deref(), &body)
                .expect("a registered operation");
            for ignore_missing in [false, true] {
                let code = exit::for_outcome(&c.outcome, ignore_missing).code();
                prop_assert!(
                    DOCUMENTED.contains(&code),
                    "{name}: exit {code} for {:?}", c.outcome
                );
            }
            match &c.outcome {
                // A documented refusal: this endpoint's, with its status and `status` flag.
                Outcome::Api(m) => {
                    prop_assert!(biometrid::operations::documents(name, *m), "{name}: {m:?}");
                    prop_assert_eq!(m.http_status(), status);
                    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
                    prop_assert_eq!(v["status"].as_bool(), Some(m.status_flag()));
                    if *m != ApiMessage::ProblemOccurred {
                        prop_assert_eq!(c.retry, Retry::No);
                    }
                }
                // A success is read only from a 200 whose `status` is true.
                Outcome::Answered(_) => {
                    prop_assert_eq!(status, 200);
                    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
                    prop_assert_eq!(v["status"].as_bool(), Some(true));
                    prop_assert_eq!(c.retry, Retry::No);
                }
                Outcome::Unexpected(_) => {}
                other => prop_assert!(false, "{name}: a reply classified as {:?}", other),
            }
            if (300..400).contains(&status) {
                prop_assert!(matches!(c.outcome, Outcome::Unexpected(_)));
                prop_assert_eq!(c.retry, Retry::No);
            }
            if let Retry::Yes(Some(wait)) = c.retry {
                prop_assert!(wait <= api::RETRY_AFTER_CAP);
            }
            let detail = c.outcome.detail(None).unwrap_or_default();
            prop_assert!(is_terminal_safe(&detail), "{name}: raw control in {:?}", detail);
            prop_assert!(detail.chars().count() <= 1000, "{name}: detail too long");
        }
    }

    #[test]
    fn api_verdict_is_total_and_documented(
        status in status(),
        retry_after in retry_after(),
        body in prop_oneof![body(), operation_body(), any_message_body(), duplicated_key_body()],
    ) {
        let v = judge(status, retry_after.as_deref(), &body);
        let code = v.exit.code();
        prop_assert!(DOCUMENTED.contains(&code), "exit {code} for {:?}", v);
        // A reply is a success, a documented failure with its own code, the API
        // declining, or unexpected: never a code of the tool's own making.
        prop_assert!(matches!(code, 0 | 4..=9 | 12 | 13 | 15), "exit {code} for {:?}", v);
        prop_assert_eq!(v.unexpected.is_some(), code == 12);
        let json = serde_json::from_slice::<serde_json::Value>(&body).ok();
        let flag = json.as_ref().and_then(|j| j["status"].as_bool());
        let message = json.as_ref().and_then(|j| j["data"]["message"].as_str());
        let documented = message.and_then(ApiMessage::parse);
        // A 1xx (or any status under 200) is not a final reply, whatever it says.
        if status < 200 {
            prop_assert_eq!(code, 12);
        }
        // Redirects are never followed, nor retried.
        if (300..400).contains(&status) {
            prop_assert_eq!(code, 12);
            prop_assert_eq!(v.retry, Retry::No);
        }
        // A documented message is trusted only when the `status` field agrees with it.
        if let (Some(m), Some(f)) = (documented, flag) && f != m.status_flag() {
            prop_assert_eq!(code, 12);
        }
        match code {
            0 => {
                prop_assert!((200..300).contains(&status), "success from HTTP {}", status);
                prop_assert_ne!(flag, Some(false));
                prop_assert!(documented.is_none_or(|m| m.status_flag()), "success from {:?}", documented);
            }
            12 => {}
            // Declined: a documented refusal with no code of its own, a success
            // message on a status that is not 2xx, or any other refusal.
            15 => prop_assert!(
                match documented {
                    Some(m) => Exit::from(m) == Exit::ApiDeclined
                        || (m.status_flag() && !(200..300).contains(&status)),
                    None => flag == Some(false) || status >= 400,
                },
                "declined: {:?}", v
            ),
            // A documented failure keeps its own code, as the other commands give it.
            _ => {
                let m = documented.expect("a documented message");
                prop_assert_eq!(Exit::from(m), v.exit);
                prop_assert!(flag.is_none_or(|f| f == m.status_flag()));
            }
        }
        if code != 12 {
            // What the printer shows: the body's own message (raw server text, which
            // the printer escapes as it does all server text) and the body as parsed.
            prop_assert_eq!(v.message.as_deref(), message);
            prop_assert_eq!(v.json.as_ref(), json.as_ref());
        }
        match v.retry {
            Retry::No => {}
            Retry::Unsent => prop_assert!(false, "a reply cannot be unsent"),
            Retry::Yes(wait) => {
                prop_assert!(
                    matches!(status, 429 | 502 | 503 | 504)
                        || (status == 500 && documented == Some(ApiMessage::ProblemOccurred)),
                    "retried after HTTP {}", status
                );
                prop_assert!(wait.is_none_or(|w| w <= api::RETRY_AFTER_CAP));
                prop_assert!(wait.is_none() || retry_after.is_some());
            }
        }
        // The tool's own words: bounded whatever the body, and terminal-safe.
        if let Some(why) = &v.unexpected {
            prop_assert!(is_terminal_safe(why), "raw control in {:?}", why);
            prop_assert!(why.chars().count() <= 200, "reason too long: {:?}", why);
        }
    }

    #[test]
    fn api_verdict_refuses_a_duplicated_key(
        status in status(),
        body in duplicated_key_body(),
    ) {
        let v = judge(status, None, &body);
        prop_assert_eq!(v.exit, Exit::UnexpectedResponse, "{}", String::from_utf8_lossy(&body));
        prop_assert!(v.json.is_none() && v.message.is_none());
    }

    #[test]
    fn config_parser_is_total(text in ".{0,400}") {
        let _ = ConfigFile::parse(Path::new("/tmp/config.toml"), &text);
    }

    #[test]
    fn config_errors_never_quote_a_secret(doc in config_with_secret()) {
        let path = Path::new("/home/u/.config/biometrid/config.toml");
        if let Err(e) = ConfigFile::parse(path, &doc) {
            let shown = format!("{e} {}", e.hint().unwrap_or_default());
            prop_assert!(!shown.contains(SECRET), "secret in {:?}\nfrom {:?}", shown, doc);
            prop_assert!(is_terminal_safe(&shown), "raw control in {:?}", shown);
        }
    }
}

/// A config document with the canary secret in a string value somewhere, and
/// things wrong around it: wrong types, unknown keys, bad syntax, duplicates.
fn config_with_secret() -> impl Strategy<Value = String> {
    // The value: the secret with text around it, including quotes and backslashes
    // (TOML escapes them; serde's messages print them escaped again).
    let around = "[a-z\"\\\\ \\x00-\\x1f\\u{202e}]{0,6}";
    let value = (around, around).prop_map(|(a, b)| format!("{a}{SECRET}{b}"));
    let key = prop::sample::select(vec![
        "key", "secret", "base_url", "timeout", "retries", "secert", "Secret", "",
    ]);
    let line = (key, value, 0usize..9).prop_map(|(k, v, shape)| {
        let basic = toml_basic(&v);
        let literal = format!("'{}'", v.replace(['\'', '\n', '\r'], ""));
        match shape {
            0 => format!("{k} = {basic}"),
            1 => format!("{k} = {literal}"),
            2 => format!("{k} = {basic} trailing junk"),
            3 => format!("{k} = [{basic}, 1]"),
            4 => format!("{k} = {{ inner = {basic} }}"),
            5 => format!("{k} = {basic}\n{k} = {basic}"),
            6 => format!("{k} = \"{SECRET}"),
            7 => format!("{k} = \"\"\"{SECRET}"),
            _ => format!("{k} {basic}"),
        }
    });
    let table = prop::sample::select(vec!["[default]", "[staging]", "", "[[default]]", "[a.b]"]);
    (table, prop::collection::vec(line, 1..4)).prop_map(|(t, lines)| {
        let mut doc = String::from(t);
        doc.push('\n');
        for l in lines {
            doc.push_str(&l);
            doc.push('\n');
        }
        doc
    })
}

/// `v` as a TOML basic string, escaped as TOML wants.
fn toml_basic(v: &str) -> String {
    let mut out = String::from("\"");
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The long run of docs/fuzzing.md: set `BIOMETRID_LONG_PROPTEST=N` to run N
/// cases of the classifier and config properties and print the figures.
#[test]
fn long_run_when_asked() {
    let Some(cases) = std::env::var("BIOMETRID_LONG_PROPTEST")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
    else {
        return;
    };
    use proptest::test_runner::{Config, TestRunner};
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (status(), retry_after(), body(), any::<bool>());
    runner
        .run(&strategy, |(status, retry_after, body, ignore_missing)| {
            let c = api::classify(status, retry_after.as_deref(), &body);
            let code = exit::for_outcome(&c.outcome, ignore_missing).code();
            prop_assert!(DOCUMENTED.contains(&code));
            prop_assert!(matches!(
                c.outcome,
                Outcome::Api(_) | Outcome::Unexpected(_)
            ));
            let detail = c.outcome.detail(None).unwrap_or_default();
            prop_assert!(is_terminal_safe(&detail), "raw control in {:?}", detail);
            Ok(())
        })
        .unwrap();
    let classify_time = started.elapsed();
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&config_with_secret(), |doc| {
            if let Err(e) = ConfigFile::parse(Path::new("c.toml"), &doc) {
                let shown = format!("{e} {}", e.hint().unwrap_or_default());
                prop_assert!(!shown.contains(SECRET), "secret in {:?}", shown);
            }
            Ok(())
        })
        .unwrap();
    let config_time = started.elapsed();
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&".{0,400}", |text| {
            let _ = ConfigFile::parse(Path::new("c.toml"), &text);
            Ok(())
        })
        .unwrap();
    let raw_time = started.elapsed();
    println!(
        "long proptest: {cases} cases each: classify {:.1}s, config-with-secret {:.1}s, config-raw {:.1}s",
        classify_time.as_secs_f64(),
        config_time.as_secs_f64(),
        raw_time.as_secs_f64()
    );
}
