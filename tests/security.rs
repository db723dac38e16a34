//! SECURITY.md's promises from the outside: redirects are never followed
//! (the second origin receives nothing), plain http is refused off loopback,
//! USER_IDs are validated and sent as exactly one path segment, bodies are capped
//! at 1 MiB, server text is escaped, and the secret is never printed.

use crate::util::*;

use std::process::Command;
use std::time::Duration;

/// A secret distinctive enough that finding it in any output is a leak.
const LEAKY_SECRET: &str = "Kd2-SECURITY-Secret-Pangolin-8086";
const MIB: usize = 1024 * 1024;
const SUCCESS_BODY: &str = r#"{"status":true,"data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#;

// ---------------------------------------------------------------- helpers

/// The sandbox accepting only the leak-test secret.
fn leaky_scenario(rules: Vec<Rule>) -> Scenario {
    Scenario {
        rules,
        ..accepting(LEAKY_SECRET)
    }
}

fn leaky_cmd(env: &Env, base_url: &str) -> Command {
    let mut c = env.cmd_for(base_url);
    c.env("BIOMETRID_SECRET", LEAKY_SECRET);
    c
}

/// The documented success envelope padded with trailing spaces to exactly `len` bytes:
/// still valid JSON, so only the size can make it unacceptable.
fn padded_success(len: usize) -> String {
    let mut body = SUCCESS_BODY.to_string();
    body.push_str(&" ".repeat(len - body.len()));
    assert_eq!(body.len(), len);
    body
}

// ---------------------------------------------------------------- redirects

#[test]
fn redirects_are_not_followed_and_the_target_receives_nothing() {
    for status in [301u16, 302, 303, 307, 308] {
        let target = server(Scenario::default());
        let location = format!("{}/api/1.0/users/u1/restart-state", target.base_url());
        let mut r = raw_rule("*", status, SUCCESS_BODY);
        r.headers = vec![("Location".into(), location)];
        let origin = server(leaky_scenario(vec![r]));
        let env = Env::new();
        let mut c = leaky_cmd(&env, &origin.base_url());
        c.args(["--json", "--retries", "2", "restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(12, format_args!("{status}"));
        let line = &json_lines(&o)[0];
        assert_eq!(line["message"], "UNEXPECTED_RESPONSE", "{status}: {line}");
        assert_eq!(line["http_status"].as_u64(), Some(u64::from(status)));
        assert_eq!(
            line["attempts"].as_u64(),
            Some(1),
            "a redirect is not retried"
        );
        assert_eq!(requests(&origin), 1, "{status}");
        assert_eq!(requests(&target), 0, "{status}: the redirect was followed");
        assert_eq!(
            connections(&target),
            0,
            "{status}: the redirect target was contacted"
        );
        assert_no_secret(&o, LEAKY_SECRET);
    }
}

#[test]
fn redirect_in_human_mode_is_an_error_on_stderr() {
    let target = server(Scenario::default());
    let mut r = raw_rule("*", 302, "");
    r.headers = vec![("Location".into(), target.base_url())];
    let origin = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&origin.base_url());
    c.args(["-v", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(12);
    assert_eq!(o.stdout(), "");
    assert!(o.stderr().contains("UNEXPECTED_RESPONSE"), "{}", o.stderr());
    assert!(o.stderr().contains("302"), "{}", o.stderr());
    assert_eq!(connections(&target), 0);
}

// -------------------------------------------------------------- plain http

#[test]
fn http_to_a_non_loopback_host_is_refused() {
    let env = Env::new();
    for url in [
        "http://api.biometrid.com",
        "http://10.1.2.3:8080",
        "http://192.168.0.10",
        "http://[2001:db8::1]",
    ] {
        let mut c = leaky_cmd(&env, url);
        c.args(["restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(3, format_args!("{url}"));
        let err = o.stderr();
        assert!(err.contains("--allow-insecure-http"), "{url}: {err}");
        assert!(
            !err.contains("NETWORK_ERROR"),
            "{url}: nothing was sent: {err}"
        );
        assert_no_secret(&o, LEAKY_SECRET);
    }
}

#[test]
fn http_refusal_applies_whatever_the_source() {
    let env = Env::new();
    // Flag.
    let mut c = leaky_cmd(&env, "https://unused.invalid");
    c.args(["--base-url", "http://example.com", "restart-state", "u1"]);
    c.run().assert_exit_ctx(3, "--base-url");
    // Config file.
    env.write_config("[default]\nbase_url = \"http://example.com\"\n");
    let mut c = leaky_cmd(&env, "");
    c.env_remove("BIOMETRID_BASE_URL")
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit_ctx(3, "config file");
}

#[test]
fn allow_insecure_http_lets_the_request_go_out() {
    // `.invalid` never resolves (RFC 2606): the request is attempted and fails as a network error.
    let env = Env::new();
    let mut c = leaky_cmd(&env, "http://nonexistent.invalid");
    c.args([
        "--allow-insecure-http",
        "--timeout",
        "10",
        "--json",
        "restart-state",
        "u1",
    ]);
    let o = c.run();
    o.assert_exit(10);
    let line = &json_lines(&o)[0];
    assert_eq!(line["message"], "NETWORK_ERROR", "{line}");
    assert!(line["http_status"].is_null(), "{line}");
    assert_no_secret(&o, LEAKY_SECRET);
}

#[test]
fn http_to_loopback_names_is_allowed() {
    let s = server(Scenario::default());
    let url = format!("http://localhost:{}", s.addr.port());
    let env = Env::new();
    let mut c = env.cmd_for(&url);
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(requests(&s), 1);
}

#[test]
fn credentials_in_the_base_url_are_refused_without_printing_them() {
    let s = server(Scenario::default());
    let env = Env::new();
    let port = s.addr.port();
    for url in [
        format!("http://{KEY}:{LEAKY_SECRET}@127.0.0.1:{port}"),
        format!("https://{LEAKY_SECRET}@api.example.com/base"),
        format!("http://{KEY}:{LEAKY_SECRET}/x@127.0.0.1:{port}"),
        format!("https://{KEY}:{LEAKY_SECRET}@"),
    ] {
        for how in ["env", "flag"] {
            let mut c = leaky_cmd(&env, &s.base_url());
            if how == "env" {
                c.env("BIOMETRID_BASE_URL", &url);
            } else {
                c.args(["--base-url", &url]);
            }
            c.args(["restart-state", "u1"]);
            let o = c.run();
            o.assert_exit_ctx(3, format_args!("{how} {url}"));
            assert_no_secret(&o, LEAKY_SECRET);
            assert_no_secret(&o, "SECURITY-Secret");
        }
    }
    assert_eq!(requests(&s), 0);
}

// ------------------------------------------------------------------ USER_IDs

#[test]
fn odd_ids_reach_the_server_as_exactly_one_path_segment() {
    let ids = [
        "a/b",
        "a?b",
        "a#b",
        "%2e%2e",
        "%2F..%2F",
        "...",
        "a\\b",
        "a;b=c&d+e",
        "ユーザー",
        "🙂-emoji",
        "../admin",
        "x/../../etc",
    ];
    let s = server(Scenario::default());
    let env = Env::new();
    for id in ids {
        let before = records(&s).len();
        let mut c = env.cmd_for(&s.base_url());
        c.args(["--json", "restart-state", id]);
        let o = c.run();
        o.assert_exit_ctx(0, format_args!("{id}"));
        assert_eq!(json_lines(&o)[0]["user_id"], id, "{id}");
        let recs = records(&s);
        assert_eq!(recs.len(), before + 1, "{id}: exactly one request");
        let rec = &recs[before];
        assert_eq!(rec.user_id.as_deref(), Some(id), "{id}: path {}", rec.path);
        let segment = rec
            .path
            .strip_prefix("/api/1.0/users/")
            .and_then(|p| p.strip_suffix("/restart-state"))
            .unwrap_or_else(|| panic!("{id}: path {}", rec.path));
        assert!(
            !segment.is_empty() && !segment.contains(['/', '?', '#']),
            "{id}: segment {segment:?}"
        );
        assert!(segment.is_ascii(), "{id}: percent-encoded: {segment:?}");
        assert_eq!(rec.method, "GET");
    }
}

#[test]
fn odd_ids_in_human_output_are_named_as_given() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "a/b", "ユーザー", "%2e%2e"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(
        o.stdout(),
        "restarted a/b\nrestarted ユーザー\nrestarted %2e%2e\n"
    );
}

#[test]
fn id_of_128_characters_is_accepted_129_is_not() {
    let s = server(Scenario::default());
    let env = Env::new();
    let ok = "é".repeat(128); // 256 bytes: the limit counts characters
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", &ok]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(records(&s)[0].user_id.as_deref(), Some(ok.as_str()));

    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", &"é".repeat(129)]);
    let o = c.run();
    o.assert_exit(2);
    assert_eq!(requests(&s), 1);
}

#[test]
fn invalid_id_arguments_are_usage_errors_and_nothing_is_sent() {
    let long = "x".repeat(129);
    let invalid = [
        "",
        ".",
        "..",
        " ",
        "a b",
        " lead",
        "trail ",
        "a\tb",
        "a\nb",
        "a\rb",
        "\u{1b}[31mred",
        "bell\u{7}",
        "del\u{7f}",
        "c1\u{85}x",
        "nbsp\u{a0}x",
        "ideo\u{3000}x",
        long.as_str(),
    ];
    let s = server(Scenario::default());
    let env = Env::new();
    for id in invalid {
        for mode in [&[][..], &["--json"][..]] {
            let mut c = env.cmd_for(&s.base_url());
            // A valid ID next to it: still nothing is sent.
            c.args(mode).args(["restart-state", "valid-first", id]);
            let o = c.run();
            o.assert_exit_ctx(2, format_args!("{id:?} {mode:?}"));
            assert_eq!(
                o.stdout(),
                "",
                "{id:?} {mode:?}: usage errors go to stderr only"
            );
            let err = o.stderr();
            assert!(!err.is_empty(), "{id:?}");
            assert!(
                !err.bytes().any(|b| b == 0x1b || b == 0x07 || b == 0x7f),
                "{id:?}: raw control characters in {err:?}"
            );
            assert!(!err.contains("\u{85}"), "{id:?}: raw C1 control in {err:?}");
        }
    }
    assert_eq!(requests(&s), 0, "an invalid argument means nothing is sent");
    assert_eq!(connections(&s), 0);
}

#[test]
fn invalid_id_error_names_the_id_escaped() {
    let s = server(Scenario::default());
    let env = Env::new();
    for (id, shown) in [
        ("\u{1b}[31mred", "\\u{1b}[31mred"),
        ("has space", "has space"),
        ("..", ".."),
    ] {
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state", id]);
        let o = c.run();
        o.assert_exit_ctx(2, format_args!("{id:?}"));
        assert!(o.stderr().contains(shown), "{id:?}: {}", o.stderr());
    }
    assert_eq!(requests(&s), 0);
}

// ---------------------------------------------------------------- body cap

#[test]
fn body_of_exactly_1_mib_is_read() {
    let s = server(scenario_with(vec![raw_rule(
        "*",
        200,
        &padded_success(MIB),
    )]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
}

#[test]
fn body_over_1_mib_is_unexpected() {
    let s = server(scenario_with(vec![raw_rule(
        "*",
        200,
        &padded_success(MIB + 1),
    )]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--retries", "2", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(12);
    let line = &json_lines(&o)[0];
    assert_eq!(line["message"], "UNEXPECTED_RESPONSE", "{line}");
    assert_eq!(line["http_status"].as_u64(), Some(200), "{line}");
    assert_eq!(requests(&s), 1, "not retried");
}

#[test]
fn chunked_body_under_the_cap_is_read() {
    // Validates the raw server: the same framing under the cap succeeds.
    let (server, heads) =
        RawServer::reply_in_pieces(chunked_reply(padded_success(200 * 1024).as_bytes()));
    let env = Env::new();
    let mut c = env.cmd_for(&server.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    let head = heads.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(
        head.starts_with("GET /api/1.0/users/u1/restart-state HTTP/1.1\r\n"),
        "{head}"
    );
    let lower = head.to_ascii_lowercase();
    assert!(
        lower.contains(&format!("x-biometrid-key: {KEY}\r\n")),
        "{head}"
    );
    assert!(
        lower.contains(&format!("x-biometrid-secret: {SECRET}\r\n")),
        "{head}"
    );
}

#[test]
fn chunked_body_without_length_over_1_mib_is_cut_off() {
    // No Content-Length: the cap must hold while streaming. 8 MiB are offered.
    let (server, _) = RawServer::reply_in_pieces(chunked_reply(padded_success(8 * MIB).as_bytes()));
    let env = Env::new();
    let mut c = env.cmd_for(&server.base_url());
    c.args(["--json", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(12);
    assert_eq!(json_lines(&o)[0]["message"], "UNEXPECTED_RESPONSE");
    assert_eq!(server.connections(), 1);
}

#[test]
fn reply_cut_short_is_a_network_error() {
    // Headers promise 1000 bytes, 10 arrive, then the connection closes.
    let server = RawServer::reply(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\":"
            .to_vec(),
    );
    let env = Env::new();
    let mut c = env.cmd_for(&server.base_url());
    c.args(["--json", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(10);
    assert_eq!(json_lines(&o)[0]["message"], "NETWORK_ERROR");
    assert_eq!(server.connections(), 1);
}

// ------------------------------------------------------- server text escaped

fn unknown_message_body(message_json: &str) -> String {
    format!(r#"{{"status":true,"data":{{"message":"{message_json}"}}}}"#)
}

#[test]
fn server_text_with_escape_sequences_is_printed_escaped() {
    // JSON escapes: the decoded message holds raw ESC, BEL, CR, LF and a bidi override.
    let body = unknown_message_body(
        r"\u001b[31mRED\u001b]0;pwned\u0007\r\nrestarted u1\u202egnp.exe\u009b2J",
    );
    for mode in [
        &[][..],
        &["--json"][..],
        &["-v"][..],
        &["--color", "always"][..],
    ] {
        let s = server(scenario_with(vec![raw_rule("*", 200, &body)]));
        let env = Env::new();
        let mut c = env.cmd_for(&s.base_url());
        c.args(mode).args(["restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(12, format_args!("{mode:?}"));
        for (name, text) in [("stdout", o.stdout()), ("stderr", o.stderr())] {
            let colored = mode.contains(&"always");
            for (i, c) in text.char_indices() {
                let allowed_sgr = colored && c == '\u{1b}' && text[i..].starts_with("\u{1b}[");
                let bad =
                    matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}' | '\u{202e}' | '\r') && !allowed_sgr;
                assert!(!bad, "{mode:?}: raw {c:?} on {name}: {text:?}");
            }
            // Our own color codes only: the server's OSC title sequence must not survive raw.
            assert!(!text.contains("\u{1b}]0;"), "{mode:?}: {name}: {text:?}");
        }
        if mode.is_empty() {
            let err = o.stderr();
            assert!(err.contains("\\u{1b}[31mRED"), "escaped form: {err:?}");
            assert!(
                !err.lines().any(|l| l.starts_with("restarted")),
                "a server line break forged a line: {err:?}"
            );
            assert_eq!(o.stdout(), "", "no forged success line on stdout");
        }
        if mode == ["--json"] {
            assert_eq!(
                json_lines(&o).len(),
                1,
                "one line, whatever the server sent"
            );
        }
    }
}

#[test]
fn server_text_echoing_the_secret_is_scrubbed() {
    let body = unknown_message_body(&format!("bad secret {LEAKY_SECRET} for key"));
    for mode in [&[][..], &["--json"][..], &["-v"][..]] {
        let s = server(leaky_scenario(vec![raw_rule("*", 200, &body)]));
        let env = Env::new();
        let mut c = leaky_cmd(&env, &s.base_url());
        c.args(mode).args(["restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(12, format_args!("{mode:?}"));
        assert_no_secret(&o, LEAKY_SECRET);
    }
}

// ---------------------------------------------------- the secret, everywhere

#[test]
fn secret_never_printed_on_any_documented_reply_or_failure() {
    let mut close = Rule::for_user("closer");
    close.close = true;
    let mut slow = message_rule("slowpoke", "STATE_RESTARTED_WITH_SUCCESS");
    slow.delay_ms = 3_000;
    let rules = vec![
        message_rule("m400", "AUTHENTICATION_HEADERS_MISSING"),
        message_rule("m401", "INVALID_AUTHENTICATION_HEADERS"),
        message_rule("m402", "REQUEST_LIMIT_REACHED"),
        message_rule("m404c", "CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS"),
        message_rule("m500", "PROBLEM_OCURRED_REPEAT_REQUEST"),
        raw_rule("html", 200, "<html>oops</html>"),
        close,
        slow,
    ];
    let ids = [
        "ok-1",
        "missing-1",
        "m400",
        "m401",
        "m402",
        "m404c",
        "m500",
        "html",
        "closer",
        "slowpoke",
    ];
    for id in ids {
        for mode in [&["-v"][..], &["-v", "--json"][..], &["--quiet"][..]] {
            let s = server(leaky_scenario(rules.clone()));
            let env = Env::new();
            let mut c = leaky_cmd(&env, &s.base_url());
            c.args(mode).args(["--timeout", "0.3", "restart-state", id]);
            let o = c.run();
            assert_ne!(o.code(), 1, "{id} {mode:?}: {}", o.stderr());
            assert_no_secret(&o, LEAKY_SECRET);
        }
    }
}

#[test]
fn secret_never_printed_by_config_show() {
    let env = Env::new();
    let mut c = leaky_cmd(&env, "https://api.example.com");
    c.args(["config", "show"]);
    let o = c.run();
    o.assert_exit(0);
    assert_no_secret(&o, LEAKY_SECRET);
    let mut c = leaky_cmd(&env, "https://api.example.com");
    c.args(["--json", "config", "show"]);
    let o = c.run();
    assert_no_secret(&o, LEAKY_SECRET);
}

#[test]
fn secret_sent_only_as_its_header() {
    let s = server(leaky_scenario(Vec::new()));
    let env = Env::new();
    let mut c = leaky_cmd(&env, &s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    let rec = &records(&s)[0];
    assert!(rec.secret_sent && rec.credentials_valid);
    assert_eq!(rec.key.as_deref(), Some(KEY));
    assert!(!rec.path.contains(LEAKY_SECRET));
}

// ------------------------------------------------------- files read are capped

/// `cmd` ends at once with a configuration error naming `what` and the cap;
/// nothing reaches the server. Without the cap `/dev/zero` would never end (and
/// the run would be killed at the deadline).
fn refused_over_cap(mut c: Command, s: &Running, what: &str, cap_text: &str) {
    c.stdin(std::process::Stdio::null());
    let o = c.run();
    o.assert_exit_ctx(3, format_args!("{what}"));
    assert!(o.stderr().contains(what), "{what}: {}", o.stderr());
    assert!(o.stderr().contains(cap_text), "{what}: {}", o.stderr());
    assert_no_secret(&o, LEAKY_SECRET);
    assert_eq!(requests(s), 0, "{what}: nothing is sent");
}

#[cfg(unix)]
#[test]
fn config_secret_and_cacert_files_are_capped_so_dev_zero_ends_at_once() {
    let s = server(leaky_scenario(vec![]));
    let env = Env::new();
    for dev in ["/dev/zero", "/dev/urandom"] {
        let mut c = leaky_cmd(&env, &s.base_url());
        c.args(["--config", dev, "restart-state", "u1"]);
        refused_over_cap(c, &s, &format!("config file {dev} is larger than"), "1 MiB");

        let mut c = leaky_cmd(&env, &s.base_url());
        c.env("BIOMETRID_CONFIG", dev).args(["restart-state", "u1"]);
        refused_over_cap(c, &s, &format!("config file {dev}"), "1 MiB");

        let mut c = leaky_cmd(&env, &s.base_url());
        c.env_remove("BIOMETRID_SECRET")
            .args(["--secret-file", dev, "restart-state", "u1"]);
        refused_over_cap(c, &s, &format!("secret file {dev} is larger than"), "1 MiB");

        let mut c = leaky_cmd(&env, &s.base_url());
        c.args(["--cacert", dev, "restart-state", "u1"]);
        refused_over_cap(c, &s, &format!("--cacert {dev} is larger than"), "1 MiB");
    }

    // A 200 MB one-line "secret" (sparse, so the test stays small), and a default
    // config file just over its cap.
    let huge = env.dir.path().join("huge-secret");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * MIB as u64)
        .unwrap();
    let mut c = leaky_cmd(&env, &s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .arg("--secret-file")
        .arg(&huge)
        .args(["restart-state", "u1"]);
    refused_over_cap(c, &s, "huge-secret is larger than", "1 MiB");

    let path = env.write_config("[default]\n");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(MIB as u64 + 1)
        .unwrap();
    let mut c = leaky_cmd(&env, &s.base_url());
    c.args(["restart-state", "u1"]);
    refused_over_cap(c, &s, "config.toml is larger than", "1 MiB");
}

#[test]
fn a_secret_line_over_4096_bytes_is_refused_without_showing_it() {
    let s = server(leaky_scenario(vec![]));
    let env = Env::new();
    let long = LEAKY_SECRET.repeat(4097 / LEAKY_SECRET.len() + 1);
    let file = env.file("long-secret", &format!("{long}\n"));
    let mut c = leaky_cmd(&env, &s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .arg("--secret-file")
        .arg(&file)
        .args(["restart-state", "u1"]);
    refused_over_cap(
        c,
        &s,
        "long-secret (its first line)",
        "longer than 4096 bytes",
    );

    // The same from stdin, which is read no further than it must be.
    let mut c = leaky_cmd(&env, &s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .args(["--secret-file", "-", "restart-state", "u1"]);
    let o = c.run_with_stdin(&format!("{long}\n"));
    o.assert_exit(3);
    assert!(
        o.stderr().contains("longer than 4096 bytes"),
        "{}",
        o.stderr()
    );
    assert_no_secret(&o, LEAKY_SECRET);
    assert_eq!(requests(&s), 0);

    // 4096 bytes is still a secret (the server just does not know it).
    let file = env.file("max-secret", &format!("{}\n", &long[..4096]));
    let mut c = leaky_cmd(&env, &s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .arg("--secret-file")
        .arg(&file)
        .args(["restart-state", "u1"]);
    let o = c.run();
    assert_ne!(o.code(), 3, "{}", o.stderr());
    assert_eq!(requests(&s), 1);
}

/// The characters human output escapes, which `--json` must write as `\uXXXX`.
const INVISIBLE: [char; 10] = [
    '\u{2028}',
    '\u{2029}',
    '\u{202e}',
    '\u{200b}',
    '\u{feff}',
    '\u{ad}',
    '\u{7f}',
    '\u{85}',
    '\u{2066}',
    '\u{e0041}',
];

/// `stdout` as JSON Lines read by a reader that splits on every line break
/// Python's `splitlines()` knows (U+2028 among them): each piece must be a whole
/// JSON object, and no invisible character may be in it raw.
fn assert_json_lines_whole(stdout: &[u8], what: &str) -> Vec<serde_json::Value> {
    let text = String::from_utf8(stdout.to_vec()).unwrap();
    for c in INVISIBLE {
        assert!(!text.contains(c), "{what}: raw {c:?} on stdout: {text:?}");
    }
    let breaks = [
        '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}',
        '\u{2029}',
    ];
    text.split(breaks)
        .filter(|l| !l.is_empty())
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{what}: {e}: a cut line {l:?}"))
        })
        .collect()
}

#[test]
fn json_output_writes_invisible_and_line_breaking_characters_as_u_escapes() {
    let odd: String = INVISIBLE.iter().flat_map(|c| [*c, 'x']).collect();
    let enroll = serde_json::json!({"status": true, "data": [
        {"engines_oid": format!("oid{odd}"), "type": format!("face{odd}"), "enrolled": true},
    ]})
    .to_string();
    let pending = serde_json::json!({"status": true, "data": {
        "dialogueId": format!("dlg{odd}"), "promptCode": format!("06{odd}"),
        "promptCodeText": format!("say{odd}"),
    }})
    .to_string();
    let env = Env::new();
    let journal = env.home().join("journal.jsonl");
    for (args, body) in [
        (&["enroll-status", "u1"][..], &enroll),
        (&["pending-dialogue", "u1"][..], &pending),
    ] {
        let s = server(scenario_with(vec![raw_rule("*", 200, body)]));
        let _ = std::fs::remove_file(&journal);
        let out = env
            .cmd_for(&s.base_url())
            .arg("--json")
            .args(args)
            .arg("--journal")
            .arg(&journal)
            .run();
        out.assert_exit_ctx(0, args[0]);
        let lines = assert_json_lines_whole(&out.stdout, args[0]);
        assert_eq!(lines.len(), 1, "{}", out.all());
        // The values are unchanged: only their spelling in JSON differs.
        if args[0] == "enroll-status" {
            assert_eq!(lines[0]["engines"][0]["type"], format!("face{odd}"));
            assert_eq!(lines[0]["enrolled"][format!("face{odd}")], true);
        } else {
            assert_eq!(lines[0]["dialogue"]["id"], format!("dlg{odd}"));
            assert_eq!(
                lines[0]["dialogue"]["prompt_code_text"],
                format!("say{odd}")
            );
        }
        // The journal's records are the same lines.
        let recorded = std::fs::read(&journal).unwrap();
        let records = assert_json_lines_whole(&recorded, "journal");
        assert_eq!(records.len(), 2, "header and one record");
    }
    // JSON the tool writes about itself goes through the same writer.
    let dir = env.home().join(format!("conf{odd}"));
    std::fs::create_dir_all(&dir).unwrap();
    let out = env
        .cmd()
        .args(["config", "path", "--json", "--config"])
        .arg(dir.join("config.toml"))
        .run();
    out.assert_exit(0);
    let lines = assert_json_lines_whole(&out.stdout, "config path");
    assert!(lines[0]["path"].as_str().unwrap().contains(&odd));
}

/// Raw characters that must never reach a terminal from an echoed value.
fn assert_nothing_raw(o: &std::process::Output, what: &str) {
    let all = [&o.stdout[..], &o.stderr[..]].concat();
    let text = String::from_utf8_lossy(&all);
    for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{200b}', '\u{202e}'] {
        assert!(!text.contains(c), "{what}: raw {c:?} in {text:?}");
    }
}

#[test]
fn values_the_tool_echoes_in_its_errors_are_escaped() {
    let s = server(Scenario::default());
    let env = Env::new();
    let esc = "x\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}y";
    let shown = "x\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}y";
    let dir = env.home().join(format!("d{esc}"));
    std::fs::create_dir_all(&dir).unwrap();
    // A file that is not a journal, under a name with escape sequences.
    let not_journal = dir.join(format!("j{esc}"));
    std::fs::write(&not_journal, "u1\n").unwrap();
    let missing = dir.join(format!("missing{esc}"));
    let path_args: [(&[&str], &std::path::Path, i32); 6] = [
        (&["restart-state", "u9", "--journal"], &not_journal, 3),
        (&["restart-state", "--from-file"], &missing, 2),
        (&["restart-state", "u1", "--config"], &missing, 3),
        (&["restart-state", "u1", "--secret-file"], &missing, 3),
        (&["restart-state", "u1", "--cacert"], &missing, 3),
        (&["delete-user", "--yes", "u1", "--journal"], &dir, 3),
    ];
    for (args, path, code) in path_args {
        let o = env.cmd_for(&s.base_url()).args(args).arg(path).run();
        let what = args.join(" ");
        o.assert_exit_ctx(code, &what);
        assert_nothing_raw(&o, &what);
        assert!(o.stderr().contains(shown), "{what}: {}", o.stderr());
    }
    for (args, code) in [
        (vec!["find-user", "--mac", "aa:bb:cc:dd:ee:f\u{200b}f"], 2),
        (vec!["create-user", "--reference-id", "r", "--mac", esc], 2),
        (vec!["--profile", esc, "restart-state", "u1"], 3),
        (vec!["restart-state", esc], 2),
        (vec!["--timeout", esc, "restart-state", "u1"], 2),
    ] {
        let o = env.cmd_for(&s.base_url()).args(&args).run();
        let what = args.join(" ");
        o.assert_exit_ctx(code, &what);
        assert_nothing_raw(&o, &what);
    }
    let o = env
        .cmd_for(&s.base_url())
        .env("BIOMETRID_PROFILE", esc)
        .args(["restart-state", "u1"])
        .run();
    o.assert_exit(3);
    assert_nothing_raw(&o, "BIOMETRID_PROFILE");
    assert_eq!(requests(&s), 0);
}

#[test]
fn a_base_url_is_shown_without_its_query_and_fragment() {
    let s = server(Scenario::default());
    let env = Env::new();
    let port = s.addr.port();
    for url in [
        format!("http://127.0.0.1:{port}/?token=QueryT0ken#FragT0ken"),
        "https://api.example.com/base#FragT0ken".to_string(),
        format!("http://user:pw@127.0.0.1:{port}/b?QueryT0ken"),
        "ftp://api.example.com/?QueryT0ken".to_string(),
        "http://api.example.com/?QueryT0ken".to_string(),
        "https://?QueryT0ken#FragT0ken".to_string(),
    ] {
        for how in ["env", "flag"] {
            let mut c = env.cmd_for(&s.base_url());
            if how == "env" {
                c.env("BIOMETRID_BASE_URL", &url);
            } else {
                c.args(["--base-url", &url]);
            }
            let o = c.args(["restart-state", "u1"]).run();
            o.assert_exit_ctx(3, format_args!("{how} {url}"));
            assert!(!o.all().contains("T0ken"), "{how} {url}: {}", o.all());
            assert!(o.stderr().contains("base URL"), "{}", o.all());
        }
    }
    // A journal written for a base URL with a query names it without the query.
    let journal = env.home().join("journal");
    env.cmd_for(&s.base_url())
        .args(["restart-state", "u1", "--journal"])
        .arg(&journal)
        .run()
        .assert_exit(0);
    let text = std::fs::read_to_string(&journal).unwrap();
    let edited = text.replacen(
        &format!("127.0.0.1:{port}"),
        "127.0.0.1:1/?QueryT0ken#FragT0ken",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&journal, edited).unwrap();
    let o = env
        .cmd_for(&s.base_url())
        .args(["restart-state", "u1", "--resume", "--journal"])
        .arg(&journal)
        .run();
    o.assert_exit(3);
    assert!(o.stderr().contains("127.0.0.1:1/"), "{}", o.all());
    assert!(!o.all().contains("T0ken"), "{}", o.all());
}
