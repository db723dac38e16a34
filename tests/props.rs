//! Property tests of the reply classifier and the config parser: bounded here,
//! and run long (with `PROPTEST_CASES`) for docs/fuzzing.md.
//!
//! - `api::classify` never panics, always yields an outcome with a documented
//!   exit code, and its human detail never carries a raw control character.
//!   A documented message is trusted only when the `status` field agrees with it.
//! - `scrub::Scrubber` leaves no run of 6 characters of the secret (any case,
//!   across escape sequences) in what it returns, and never makes text longer.
//! - `settings::ConfigFile::parse` never panics, and its errors never quote a
//!   value: a secret in a string value never appears in the error.
//!
//! `PROPTEST_CASES=N` sets the number of cases of every property (default 256
//! here, enough for the suite to stay fast on a 2-core machine).

use std::path::Path;

use biometrid::api::{self, ApiMessage, Outcome, Retry};
use biometrid::exit::{self, Exit};
use biometrid::sanitize;
use biometrid::scrub::Scrubber;
use biometrid::settings::ConfigFile;
use proptest::prelude::*;

/// Every exit code of the contract's table.
const DOCUMENTED: [u8; 14] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 130];

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
        let detail = c.outcome.detail().unwrap_or_default();
        prop_assert!(is_terminal_safe(&detail), "raw control in {:?}", detail);
        // Bounded whatever the body (up to 1 MiB): an 80-character excerpt, escaped.
        prop_assert!(detail.chars().count() <= 1000, "detail too long: {}", detail.len());
    }

    #[test]
    fn scrubbing_leaves_no_run_of_the_secret(
        secret in "[!-)+-~]{8,40}",
        text in scrub_text(),
        picks in prop::collection::vec((0usize..64, 6usize..48, 0u8..4), 0..4),
    ) {
        // The secret, in pieces of 6 characters or more, in any case, split by
        // line breaks, inside arbitrary text.
        let mut input = text.clone();
        for (at, len, shape) in picks {
            let start = at % secret.len();
            let piece: String = secret.chars().skip(start).take(len).collect();
            let piece = match shape {
                0 => piece.to_uppercase(),
                1 => piece.to_lowercase(),
                2 => {
                    let mid = piece.len() / 2;
                    format!("{}\n{}", &piece[..mid], &piece[mid..])
                }
                _ => piece,
            };
            let cut = (at * 7) % (input.len() + 1);
            let cut = (0..=cut).rev().find(|&i| input.is_char_boundary(i)).unwrap_or(0);
            input.insert_str(cut, &piece);
        }
        let shown = sanitize::escape(&input);
        let out = Scrubber::new(&secret).scrub(&shown);
        prop_assert!(out.chars().count() <= shown.chars().count(), "grew: {:?}", out);
        // What a person reads: escape sequences gone, any case.
        let read = strip_escapes(&out).to_lowercase();
        let lower: Vec<char> = secret.to_lowercase().chars().collect();
        for w in lower.windows(6) {
            let w: String = w.iter().collect();
            prop_assert!(!read.contains(&w), "{:?} left in {:?} (from {:?})", w, out, input);
        }
    }

    #[test]
    fn retry_after_is_total_and_capped(value in ".{0,64}") {
        if let Some(wait) = api::parse_retry_after(&value) {
            prop_assert!(wait <= api::RETRY_AFTER_CAP);
        }
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

/// Text around the secret: letters, escapes, invisible characters, emoji.
fn scrub_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 *\\\\\n\r\t\u{200b}\u{202e}\u{1F600}é]{0,200}"
}

/// `text` without the escape sequences sanitize::escape writes, as a person reads it.
fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let skip = if after.starts_with(['n', 'r', 't']) {
            1
        } else if let Some(end) = after.strip_prefix("u{").and_then(|a| a.find('}')) {
            end + 3
        } else {
            out.push('\\');
            0
        };
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
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
            let detail = c.outcome.detail().unwrap_or_default();
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
