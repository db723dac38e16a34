//! `biometrid api [-X METHOD] PATH`: any endpoint with the tool's credentials,
//! checked input, scrubbed output, retry rules and exit codes, against
//! recording servers on loopback (what the server parsed is what is checked).

use std::time::Duration;

use serde_json::{Value, json};

use crate::util::*;

const STATUS_BODY: &str =
    r#"{"status":true,"data":[{"engines_oid":"o1","type":"face","enrolled":true}]}"#;

fn json_out(o: &std::process::Output) -> Value {
    serde_json::from_str(o.stdout().trim_end()).unwrap_or_else(|e| panic!("{e}: {}", o.stdout()))
}

#[test]
fn a_get_prints_the_body_and_sends_the_credentials() {
    let server = Recorder::answering("200 OK", STATUS_BODY);
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "/api/1.1/users/u1/enroll/status"])
        .run();
    out.assert_exit(0);
    // Not a terminal: compact, one line, the same JSON.
    assert_eq!(out.stdout().lines().count(), 1, "{}", out.stdout());
    assert_eq!(
        json_out(&out),
        serde_json::from_str::<Value>(STATUS_BODY).unwrap()
    );
    let heard = server.heard();
    assert_eq!(heard.len(), 1);
    assert_eq!(heard[0].method, "GET");
    assert_eq!(heard[0].path, "/api/1.1/users/u1/enroll/status");
    assert_eq!(heard[0].header("x-biometrid-key"), Some(KEY));
    assert_eq!(heard[0].header("x-biometrid-secret"), Some(SECRET));
    assert!(heard[0].body.is_empty());
}

#[test]
fn uploaded_files_arrive_byte_for_byte_with_their_type() {
    let server = Recorder::answering(
        "200 OK",
        r#"{"status":true,"data":{"message":"FACE_ENROLLED_WITH_SUCCESS","enrolled":true}}"#,
    );
    let env = Env::new();
    // Bytes that would break a careless encoder: CRLF, a fake boundary, NUL, 0xff.
    let mut photo = b"\xff\xd8\xff\xe0\r\n--boundary\r\n\0\x01".to_vec();
    photo.extend((0..=255u8).cycle().take(70_000));
    let path = env.dir.path().join("face.JPG");
    std::fs::write(&path, &photo).unwrap();
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "/api/1.1/users/u1/dialogue/enroll/face"])
        .arg("-F")
        .arg(format!("photo=@{}", path.display()))
        .args(["-F", "note=first try", "-F", "audio=@-"])
        .stdin(std::process::Stdio::piped())
        .run_with_stdin("RIFF....WAVE");
    out.assert_exit(0);
    let heard = server.heard();
    assert_eq!(heard.len(), 1);
    assert_eq!(heard[0].method, "POST", "a body makes it a POST");
    let parts = form_parts(&heard[0]);
    assert_eq!(parts.len(), 3, "{parts:?}");
    assert_eq!(parts[0].name, "photo");
    assert_eq!(parts[0].file_name.as_deref(), Some("face.JPG"));
    assert_eq!(parts[0].content_type.as_deref(), Some("image/jpeg"));
    assert!(
        parts[0].bytes == photo,
        "the photo's bytes changed on the way"
    );
    assert_eq!(parts[1].name, "note");
    assert_eq!(parts[1].file_name, None);
    assert_eq!(parts[1].bytes, b"first try");
    assert_eq!(parts[2].name, "audio");
    assert_eq!(parts[2].bytes, b"RIFF....WAVE");
}

#[test]
fn fields_send_a_json_object_and_input_a_raw_body() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "-X", "get", "/api/1.0/users/find-by-address"])
        .args([
            "-f",
            "mac_address=aa:bb:cc:dd:ee:ff",
            "-f",
            "liveness:=true",
        ])
        .args(["-f", "n:=[1,2]"])
        .run();
    out.assert_exit(0);
    let body = env.file("doc.json", r#"{"front":"AAAA","back":"BBBB"}"#);
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "/api/1.1/document/validate-base64", "--input"])
        .arg(&body)
        .args(["-H", "Content-Type: application/json", "-H", "x-trace: t1"])
        .run();
    out.assert_exit(0);
    let heard = server.heard();
    assert_eq!(heard[0].method, "GET", "-X wins over the body's default");
    assert_eq!(heard[0].header("content-type"), Some("application/json"));
    let sent: Value = serde_json::from_slice(&heard[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"mac_address": "aa:bb:cc:dd:ee:ff", "liveness": true, "n": [1, 2]})
    );
    assert_eq!(heard[1].method, "POST");
    assert_eq!(heard[1].body, br#"{"front":"AAAA","back":"BBBB"}"#);
    assert_eq!(heard[1].header("content-type"), Some("application/json"));
    assert_eq!(heard[1].header("x-trace"), Some("t1"));
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let big = env.dir.path().join("big.jpg");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(10 * 1024 * 1024 + 1).unwrap();
    let photo = env.file("face.jpg", "jpeg");
    let missing = env.dir.path().join("nope.jpg");
    let at = |p: &std::path::Path| format!("photo=@{}", p.display());
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (
            vec!["https://evil.example/api/1.0/users".into()],
            2,
            "full URL",
        ),
        (vec![format!("{}/api/x", server.base_url())], 2, "full URL"),
        (vec!["/api/1.0/users/../../admin".into()], 2, ".."),
        (vec!["/api/1.0/users/%2e%2e/x".into()], 2, ".."),
        (
            vec!["-X".into(), "FETCH".into(), "/api/x".into()],
            2,
            "unknown method",
        ),
        (
            vec![
                "-H".into(),
                "x-biometrid-key: other".into(),
                "/api/x".into(),
            ],
            2,
            "x-biometrid-key",
        ),
        (
            vec!["-H".into(), "X-BiometrID-Secret: s".into(), "/api/x".into()],
            2,
            "x-biometrid-secret",
        ),
        (
            vec!["-H".into(), "Host: evil.example".into(), "/api/x".into()],
            2,
            "host",
        ),
        (
            vec![
                "-f".into(),
                "a=b".into(),
                "-F".into(),
                at(&photo),
                "/api/x".into(),
            ],
            2,
            "one kind",
        ),
        (
            vec!["-F".into(), at(&missing), "/api/x".into()],
            3,
            "nope.jpg",
        ),
        (vec!["-F".into(), at(&big), "/api/x".into()], 3, "10 MiB"),
        (vec!["/api/x".into(), "u1".into()], 2, "{id}"),
    ];
    for (args, code, says) in cases {
        let out = env.cmd_for(&server.base_url()).arg("api").args(&args).run();
        out.assert_exit_ctx(code, format!("{args:?}"));
        assert!(out.stderr().contains(says), "{args:?}: {}", out.stderr());
        assert_no_secret(&out, SECRET);
    }
    assert_eq!(server.server.connections(), 0, "nothing may be sent");
}

#[test]
fn a_post_that_times_out_is_sent_once_and_may_have_been_carried_out() {
    let server = Recorder::start(|_| None);
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "/api/1.0/users", "-f", "reference_id=crm-1"])
        .args(["--timeout", "1", "--retries", "2"])
        .run();
    out.assert_exit(11);
    assert!(
        out.stderr().contains("may have been carried out"),
        "{}",
        out.stderr()
    );
    assert_eq!(
        server.heard().len(),
        1,
        "a POST that timed out is never sent again"
    );
}

#[test]
fn get_is_retried_and_post_is_not_after_a_503() {
    let busy = http_response("503 Service Unavailable", &["Retry-After: 0"], b"busy");
    let server = Recorder::start(move |_| Some(busy.clone()));
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args([
            "api",
            "/api/1.1/users/u1/enroll/status",
            "--retries",
            "2",
            "--json",
        ])
        .run();
    out.assert_exit(15);
    assert_eq!(json_out(&out)["attempts"], 3);
    assert_eq!(server.heard().len(), 3);
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "-X", "POST", "/api/1.0/users", "--retries", "2"])
        .run();
    out.assert_exit(15);
    assert_eq!(server.heard().len(), 4, "the POST went once");
    assert!(out.stdout().contains("busy"), "the body is still printed");
}

/// After a 500 (or a 502, 504: a gateway may have passed it on) a POST may have
/// been carried out; a 501, 503 or 505 says the server did not process it
/// (RFC 9110), so the warning would only alarm.
#[test]
fn a_post_may_have_run_after_a_500_not_after_a_501_or_503() {
    for (status, may) in [
        ("500 Internal Server Error", true),
        ("502 Bad Gateway", true),
        ("501 Not Implemented", false),
        ("503 Service Unavailable", false),
        ("505 HTTP Version Not Supported", false),
    ] {
        let reply = http_response(status, &[], b"{}");
        let server = Recorder::start(move |_| Some(reply.clone()));
        let out = Env::new()
            .cmd_for(&server.base_url())
            .args(["api", "-X", "POST", "/api/1.1/document/validate"])
            .run();
        out.assert_exit(15);
        assert_eq!(
            out.stderr().contains("may have been carried out"),
            may,
            "{status}: {}",
            out.stderr()
        );
    }
}

#[test]
fn a_refused_post_is_retried() {
    let env = Env::new();
    let out = env
        .cmd_for(&format!("http://127.0.0.1:{}", closed_port()))
        .args([
            "api",
            "-X",
            "POST",
            "/api/1.0/users",
            "--retries",
            "1",
            "--json",
        ])
        .run();
    out.assert_exit(10);
    let line = json_out(&out);
    assert_eq!(line["attempts"], 2, "{line}");
    assert_eq!(line["message"], "NETWORK_ERROR");
}

#[test]
fn exit_codes_follow_the_reply() {
    let env = Env::new();
    let cases: Vec<(&str, Vec<&str>, String, i32)> = vec![
        (
            "404 Not Found",
            vec![],
            envelope(false, "USERID_NOT_EXISTS"),
            7,
        ),
        (
            "401 Unauthorized",
            vec![],
            envelope(false, "INVALID_AUTHENTICATION_HEADERS"),
            5,
        ),
        (
            "400 Bad Request",
            vec![],
            envelope(false, "ENROLL_USER_FACE_FIRST"),
            15,
        ),
        ("200 OK", vec![], envelope(false, "SOMETHING_NEW"), 15),
        ("200 OK", vec![], r#"{"status":false}"#.into(), 15),
        (
            "501 Not Implemented",
            vec![],
            "not emulated by biometrid sandbox: GET /x".into(),
            15,
        ),
        (
            "200 OK",
            vec![],
            envelope(false, "USER_REMOVED_WITH_SUCCESS"),
            12,
        ),
        (
            "302 Found",
            vec!["Location: http://127.0.0.1:1/"],
            envelope(true, "X"),
            12,
        ),
        ("200 OK", vec![], "<html>fine</html>".into(), 0),
        ("200 OK", vec![], envelope(true, "SOMETHING_NEW"), 0),
    ];
    for (status, headers, body, code) in cases {
        let reply = http_response(status, &headers, body.as_bytes());
        let server = Recorder::start(move |_| Some(reply.clone()));
        let out = env
            .cmd_for(&server.base_url())
            .args(["api", "/api/x"])
            .run();
        out.assert_exit_ctx(code, format!("{status} {body}"));
        if code != 12 {
            assert!(
                out.stdout()
                    .contains(body.split('"').nth(1).unwrap_or(&body)),
                "{status} {body}: the body is printed: {}",
                out.stdout()
            );
        }
        if code != 0 {
            assert!(out.stderr().contains("error:"), "{}", out.stderr());
        }
    }
}

#[test]
fn json_prints_one_object() {
    let server = Recorder::answering(
        "400 Bad Request",
        &envelope(false, "ENROLL_USER_FACE_FIRST"),
    );
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args([
            "api",
            "-X",
            "DELETE",
            "/api/1.0/users/u1/face/delete",
            "--json",
        ])
        .run();
    out.assert_exit(15);
    let line = json_out(&out);
    assert_eq!(line["method"], "DELETE");
    assert_eq!(line["path"], "/api/1.0/users/u1/face/delete");
    assert_eq!(line["http_status"], 400);
    assert_eq!(line["ok"], false);
    assert_eq!(line["message"], "ENROLL_USER_FACE_FIRST");
    assert_eq!(line["exit_code"], 15);
    assert_eq!(line["attempts"], 1);
    assert_eq!(line["body"]["data"]["message"], "ENROLL_USER_FACE_FIRST");
    assert_eq!(out.stdout().lines().count(), 1);
}

#[test]
fn include_shows_the_status_line_and_headers() {
    let reply = http_response(
        "200 OK",
        &["Content-Type: application/json", "X-Request-Id: r-42"],
        br#"{"status":true}"#,
    );
    let server = Recorder::start(move |_| Some(reply.clone()));
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "-i", "/api/x"])
        .run();
    out.assert_exit(0);
    let stdout = out.stdout();
    assert!(stdout.starts_with("HTTP/1.1 200 OK\n"), "{stdout}");
    assert!(stdout.contains("x-request-id: r-42\n"), "{stdout}");
    assert!(stdout.ends_with("\n\n{\"status\":true}\n"), "{stdout}");
}

#[test]
fn the_secret_never_shows_and_the_json_stays_valid() {
    // The server echoes the secret in the body (a key, a value, base64), a header and the status text.
    let b64 = "ZGVtby1zZWNyZXQ="; // base64("demo-secret")
    let body = format!(
        r#"{{"status":false,"data":{{"message":"bad {SECRET}","{SECRET}":"{b64}","sep":"a\u2028b\u200bc"}}}}"#
    );
    let reply = http_response(
        "400 Bad Request",
        &[&format!("X-Echo: {SECRET}")],
        body.as_bytes(),
    );
    let server = Recorder::start(move |_| Some(reply.clone()));
    let env = Env::new();
    for extra in [
        &["-v", "-i"][..],
        &["--json"],
        &["-v", "-f", &format!("echo={SECRET}")],
    ] {
        let out = env
            .cmd_for(&server.base_url())
            .args(["api", "/api/x"])
            .args(extra)
            .run();
        out.assert_exit(15);
        assert_no_secret(&out, SECRET);
        assert!(
            !out.stdout().contains(b64) && !out.stderr().contains(b64),
            "{}",
            out.all()
        );
        assert!(!out.stdout().contains('\u{2028}') && !out.stdout().contains('\u{200b}'));
        if extra[0] == "--json" {
            let line = json_out(&out);
            assert_eq!(
                line["body"]["data"]["sep"], "a\u{2028}b\u{200b}c",
                "escaped, same text"
            );
        }
        if extra[0] == "-v" {
            assert!(
                out.stderr().contains("x-biometrid-secret: ***"),
                "{}",
                out.stderr()
            );
        }
    }
}

#[test]
fn credentials_never_follow_a_redirect() {
    let elsewhere = Recorder::answering("200 OK", r#"{"status":true}"#);
    let to = format!("Location: {}/steal", elsewhere.base_url());
    let reply = http_response("307 Temporary Redirect", &[&to], b"");
    let server = Recorder::start(move |_| Some(reply.clone()));
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "/api/x", "-f", "a=b"])
        .run();
    out.assert_exit(12);
    assert_eq!(elsewhere.server.connections(), 0);
}

#[test]
fn a_path_with_id_runs_per_user_in_order() {
    let server = Recorder::start(|h| {
        let body = if h.path.contains("missing") {
            envelope(false, "USERID_NOT_EXISTS")
        } else {
            r#"{"status":true}"#.to_string()
        };
        let status = if h.path.contains("missing") {
            "404 Not Found"
        } else {
            "200 OK"
        };
        Some(http_response(status, &[], body.as_bytes()))
    });
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args([
            "api",
            "/api/1.0/users/{id}/voice/is-pending",
            "u1",
            "a/b",
            "missing1",
            "--json",
        ])
        .run();
    out.assert_exit(7);
    let lines = json_lines(&out);
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["u1", "a/b", "missing1"]);
    assert_eq!(lines[1]["path"], "/api/1.0/users/a%2Fb/voice/is-pending");
    assert_eq!(lines[2]["exit_code"], 7);
    let mut paths: Vec<String> = server.heard().into_iter().map(|h| h.path).collect();
    paths.sort();
    assert_eq!(paths[0], "/api/1.0/users/a%2Fb/voice/is-pending");
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "/api/1.0/users/{id}/voice/is-pending", "u1", "u2"])
        .run();
    out.assert_exit(0);
    assert_eq!(
        out.stdout(),
        "u1: {\"status\":true}\nu2: {\"status\":true}\n"
    );
}

#[test]
fn a_delete_over_several_ids_asks_first() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args([
            "api",
            "-X",
            "DELETE",
            "/api/1.0/users/{id}/face/delete",
            "u1",
            "u2",
        ])
        .run();
    out.assert_exit(2);
    assert!(out.stderr().contains("--yes"), "{}", out.stderr());
    assert_eq!(server.server.connections(), 0);
    let out = env
        .cmd_for(&server.base_url())
        .args([
            "api",
            "-X",
            "DELETE",
            "/api/1.0/users/{id}/face/delete",
            "u1",
            "u2",
            "--yes",
        ])
        .run();
    out.assert_exit(0);
    assert_eq!(server.heard().len(), 2);
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let photo = env.file("face.png", "png-bytes");
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "/api/1.0/users/find-by-face", "--dry-run", "-F"])
        .arg(format!("photo=@{}", photo.display()))
        .run();
    out.assert_exit(0);
    let stdout = out.stdout();
    assert!(stdout.contains("POST http://127.0.0.1:"), "{stdout}");
    assert!(stdout.contains("x-biometrid-secret: ***"), "{stdout}");
    assert!(
        stdout.contains("part photo: file face.png, image/png, 9 bytes"),
        "{stdout}"
    );
    assert_no_secret(&out, SECRET);
    assert_eq!(server.server.connections(), 0);
}

/// With `{id}` and several IDs, each ID's dry run is the whole request, as
/// one request's is: the key headers, the secret `***`, the body.
#[test]
fn a_dry_run_over_ids_shows_each_whole_request() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let args = [
        "api",
        "-X",
        "POST",
        "/api/1.0/users/{id}/voice/delete",
        "-f",
        "language=es",
        "u1",
        "u2",
        "--dry-run",
    ];
    let out = env.cmd_for(&server.base_url()).args(args).run();
    out.assert_exit(0);
    let stdout = out.stdout();
    for id in ["u1", "u2"] {
        let block = stdout
            .split_once(&format!("/api/1.0/users/{id}/voice/delete\n"))
            .unwrap_or_else(|| panic!("no request for {id}: {stdout}"))
            .1;
        let lines: Vec<&str> = block.lines().take(4).collect();
        assert_eq!(
            lines,
            [
                "  x-biometrid-key: demo-key",
                "  x-biometrid-secret: ***",
                "  content-type: application/json",
                r#"  {"language":"es"}"#
            ],
            "{stdout}"
        );
    }
    let json = env
        .cmd_for(&server.base_url())
        .args(args)
        .arg("--json")
        .run();
    json.assert_exit(0);
    let first: Value = serde_json::from_str(json.stdout().lines().next().unwrap()).unwrap();
    assert_eq!(first["user_id"], "u1");
    assert_eq!(first["request"][3], r#"{"language":"es"}"#);
    assert_no_secret(&out, SECRET);
    assert_no_secret(&json, SECRET);
    assert_eq!(server.server.connections(), 0);
}

#[test]
fn help_lists_the_documented_endpoints() {
    let env = Env::new();
    let out = env.cmd().args(["api", "--help"]).run();
    out.assert_exit(0);
    assert!(
        out.stdout().starts_with("Call any endpoint of the API"),
        "{}",
        out.stdout()
    );
    for needle in [
        "GET    /api/1.0/users/{id}/restart-state",
        "DELETE /api/1.0/users/{id}",
        "POST   /api/1.0/users",
        "POST   /api/1.1/users/{id}/dialogue/enroll/face",
        "POST   /api/1.1/document/validate ",
    ] {
        assert!(out.stdout().contains(needle), "{needle}: {}", out.stdout());
    }
}

#[test]
fn a_post_is_never_retried_after_a_reset() {
    // The first connection is cut after the request arrived; a retry would arrive too.
    let server = Recorder::start(|_| Some(Vec::new()));
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "-X", "PUT", "/api/x", "--retries", "2"])
        .run_within(Duration::from_secs(20));
    assert_eq!(out.code(), 10, "{}", out.all());
    assert!(
        out.stderr().contains("may have been carried out"),
        "{}",
        out.stderr()
    );
    assert_eq!(server.heard().len(), 1);
}

#[cfg(unix)]
#[test]
fn on_a_terminal_the_body_is_pretty_and_a_delete_asks() {
    let server = Recorder::answering("200 OK", r#"{"status":true,"data":{"n":1}}"#);
    let env = Env::new();
    let mut c = env.cmd_for(&server.base_url());
    c.env("NO_COLOR", "1").args(["api", "/api/x"]);
    let mut t = pty::Pty::spawn(c);
    t.expect("{\r\n  \"data\": {\r\n    \"n\": 1\r\n  },");
    assert_eq!(t.finish().code(), Some(0));

    let mut c = env.cmd_for(&server.base_url());
    c.env("NO_COLOR", "1").args([
        "api",
        "-X",
        "DELETE",
        "/api/1.0/users/{id}/face/delete",
        "u1",
        "u2",
    ]);
    let mut t = pty::Pty::spawn(c);
    t.expect("type 2 to confirm: ");
    t.send("n\r");
    t.expect("not confirmed");
    assert_eq!(t.finish().code(), Some(2));
    assert_eq!(
        server.heard().len(),
        1,
        "a refused confirmation sends nothing"
    );
}

#[test]
fn stdin_is_one_stream_for_the_body_the_ids_and_the_secret() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    for args in [
        &["api", "/api/x", "-F", "p=@-", "--secret-file", "-"][..],
        &["api", "/api/{id}", "-", "--input", "-"],
        &["api", "/api/{id}", "u1", "--from-file", "-", "-F", "a=@-"],
    ] {
        let out = env.cmd_for(&server.base_url()).args(args).run();
        out.assert_exit_ctx(2, format!("{args:?}"));
        assert!(out.stderr().contains("stdin"), "{}", out.stderr());
    }
    assert_eq!(server.server.connections(), 0);
}

#[test]
fn the_sandbox_page_face_flow_runs() {
    let script = doc_block("docs/sandbox.md", "face-flow").join("\n");
    let env = Env::new();
    let out = env.sh(&script).run();
    out.assert_exit(0);
    let lines: Vec<String> = out.stdout().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 5, "{}", out.all());
    let body = |i: usize| -> Value { serde_json::from_str(&lines[i]).unwrap() };
    assert_eq!(
        body(0)["data"]["message"],
        "FACE_ENROLLED_WITH_SUCCESS",
        "{}",
        out.all()
    );
    assert_eq!(body(0)["data"]["enrolled"], true);
    assert_eq!(body(1)["data"]["message"], "FACE_RECOGNIZED_WITH_SUCCESS");
    assert_eq!(body(1)["data"]["verified"], true);
    // Found by face: the user create-user made.
    let id = body(1)["data"]["userId"].as_str().unwrap().to_string();
    assert!(
        out.stderr().contains(&format!("created user {id}")),
        "{}",
        out.all()
    );
    assert_eq!(body(2)["data"]["message"], "USER_FACE_CREDENTIALS_DELETED");
    assert_eq!(
        lines[3],
        format!("{id}: face not enrolled, voice not enrolled")
    );
    assert_eq!(lines[4], format!("deleted {id}"));
}

/// `api --journal J` with `args` (then `--json`) against `base`.
fn api_journal(
    env: &Env,
    base: &str,
    journal: &std::path::Path,
    args: &[&str],
) -> std::process::Output {
    env.cmd_for(base)
        .args(["api", "--json", "--journal"])
        .arg(journal)
        .args(args)
        .run()
}

#[test]
fn an_api_journal_is_resumed_only_by_the_same_request() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let base = server.base_url();
    let journal = env.dir.path().join("jx");
    let status = "/api/1.1/users/{id}/enroll/status";
    api_journal(&env, &base, &journal, &[status, "u1"]).assert_exit(0);
    let header = journal_header(&journal);
    assert_eq!(header["request"]["method"], "GET", "{header}");
    assert_eq!(header["request"]["path"], status, "{header}");
    let before = std::fs::read(&journal).unwrap();
    // Another method, another path, another body: each is another request.
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            vec![
                "-X",
                "DELETE",
                "-y",
                "--resume",
                "/api/1.0/users/{id}",
                "u1",
            ],
            vec![
                "GET /api/1.1/users/{id}/enroll/status",
                "DELETE /api/1.0/users/{id}",
            ],
        ),
        (
            vec!["-X", "DELETE", "-y", "--resume", status, "u1"],
            vec!["GET", "DELETE"],
        ),
        (
            vec!["--resume", "/api/1.0/users/{id}/voice/is-pending", "u1"],
            vec!["/api/1.0/users/{id}/voice/is-pending"],
        ),
        (
            vec!["-X", "GET", "-f", "language=en", "--resume", status, "u1"],
            vec!["body"],
        ),
    ];
    for (args, says) in cases {
        let out = api_journal(&env, &base, &journal, &args);
        out.assert_exit_ctx(3, format!("{args:?}"));
        for word in says {
            assert!(
                out.stderr().contains(word),
                "{args:?}: {word}: {}",
                out.stderr()
            );
        }
        assert_eq!(out.stdout(), "", "{args:?}");
        assert_eq!(
            std::fs::read(&journal).unwrap(),
            before,
            "{args:?}: journal untouched"
        );
        assert_eq!(server.heard().len(), 1, "{args:?}: nothing sent");
    }
    // The same request resumes: u1 is done, u2 is sent.
    let out = api_journal(&env, &base, &journal, &["--resume", status, "u1", "u2"]);
    out.assert_exit(0);
    let lines = json_lines(&out);
    assert_eq!(lines[0]["resumed"], true, "{lines:?}");
    assert_eq!(lines[1]["user_id"], "u2");
    assert_eq!(server.heard().len(), 2);
    // A body is part of the request: the same body resumes, another is refused.
    let posted = env.dir.path().join("jp");
    let post = |lang: &str| {
        let field = format!("language={lang}");
        api_journal(
            &env,
            &base,
            &posted,
            &["--resume", "-f", &field, "/api/x/{id}", "u1"],
        )
    };
    post("en").assert_exit(0);
    assert_eq!(json_lines(&post("en"))[0]["resumed"], true);
    let out = post("fr");
    out.assert_exit(3);
    assert!(out.stderr().contains("body"), "{}", out.stderr());
    assert_eq!(server.heard().len(), 3);
}

#[test]
fn a_journal_header_naming_another_request_is_shown_escaped() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let header = json!({
        "journal": 1, "command": "api",
        "request": {"method": "GET", "path": "/x\u{1b}[2J\u{202e}"},
        "base_url": server.base_url(), "key_fingerprint": "0000000000000000",
    });
    let journal = env.file("jh", &format!("{header}\n"));
    let out = api_journal(
        &env,
        &server.base_url(),
        &journal,
        &["--resume", "/api/{id}", "u1"],
    );
    out.assert_exit(3);
    assert!(
        !out.stderr().contains('\u{1b}') && !out.stderr().contains('\u{202e}'),
        "{}",
        out.stderr()
    );
    assert!(
        out.stderr().contains("/x\\u{1b}[2J\\u{202e}"),
        "{}",
        out.stderr()
    );
    assert_eq!(server.server.connections(), 0);
}

#[test]
fn big_job_options_need_id_in_the_path() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let journal = env.dir.path().join("jn");
    let ids = env.file("ids.txt", "u1\n");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "--journal".into(),
                journal.display().to_string(),
                "--resume".into(),
            ],
            "--journal needs {id} in PATH",
        ),
        (
            vec!["--journal".into(), journal.display().to_string()],
            "--journal needs {id} in PATH",
        ),
        (
            vec!["--max-failures".into(), "1".into()],
            "--max-failures needs {id} in PATH",
        ),
        (
            vec!["--concurrency".into(), "8".into()],
            "--concurrency needs {id} in PATH",
        ),
        (
            vec!["--from-file".into(), ids.display().to_string()],
            "only when PATH has {id}",
        ),
    ];
    for (extra, says) in cases {
        let out = env
            .cmd_for(&server.base_url())
            .args(["api", "-X", "DELETE", "/api/1.0/users/u1"])
            .args(&extra)
            .run();
        out.assert_exit_ctx(2, format!("{extra:?}"));
        let stderr = out.stderr();
        assert!(stderr.contains(says), "{extra:?}: {stderr}");
        assert!(!journal.exists(), "{extra:?}: no journal");
    }
    assert_eq!(server.server.connections(), 0, "nothing is sent");
    // What a single request takes stays allowed.
    for extra in [
        &["--dry-run"][..],
        &["--ignore-missing"],
        &["--rate", "5/s"],
    ] {
        env.cmd_for(&server.base_url())
            .args(["api", "/api/1.0/users/u1"])
            .args(extra)
            .run()
            .assert_exit_ctx(0, format!("{extra:?}"));
    }
}

#[test]
fn options_is_sent_once_after_a_503_and_retried_when_refused() {
    let busy = http_response("503 Service Unavailable", &["Retry-After: 0"], b"busy");
    let server = Recorder::start(move |_| Some(busy.clone()));
    let env = Env::new();
    let out = env
        .cmd_for(&server.base_url())
        .args([
            "api",
            "-X",
            "OPTIONS",
            "/api/1.0/users",
            "--retries",
            "2",
            "--json",
        ])
        .run();
    out.assert_exit(15);
    assert_eq!(json_out(&out)["attempts"], 1);
    assert_eq!(
        server.heard().len(),
        1,
        "OPTIONS is not GET, HEAD or DELETE: sent once"
    );
    let out = env
        .cmd_for(&format!("http://127.0.0.1:{}", closed_port()))
        .args([
            "api",
            "-X",
            "OPTIONS",
            "/api/1.0/users",
            "--retries",
            "1",
            "--json",
        ])
        .run();
    out.assert_exit(10);
    assert_eq!(
        json_out(&out)["attempts"],
        2,
        "a refused connection never arrived"
    );
    let help = env.cmd().args(["api", "--help"]).run();
    assert!(
        help.stdout().contains("GET, HEAD and DELETE are retried"),
        "{}",
        help.stdout()
    );
}

/// A file's base name goes into its part's Content-Disposition: one with a line
/// break, a quote or a backslash must not start a header line of its own (or end
/// the quoted name) inside the multipart body. Such characters are
/// percent-encoded, as browsers and curl do; the file is still sent, with the
/// type of its extension.
#[test]
fn a_file_name_cannot_add_a_header_to_its_part() {
    let server = Recorder::answering("200 OK", r#"{"status":true,"data":{"message":"OK"}}"#);
    let env = Env::new();
    let names = [
        ("b\r\nX-Injected: 1.jpg", "b%0D%0AX-Injected: 1.jpg"),
        ("c\nX-Injected: 2.jpg", "c%0AX-Injected: 2.jpg"),
        ("d\rX-Injected: 3.jpg", "d%0DX-Injected: 3.jpg"),
        ("e\"; name=\"x.jpg", "e%22; name=%22x.jpg"),
        ("f\\\"\t\x1b.jpg", "f%5C%22%09%1B.jpg"),
    ];
    for (name, sent) in names {
        let path = env.dir.path().join(name);
        std::fs::write(&path, b"jpeg bytes").unwrap();
        let form = format!("photo=@{}", path.display());
        let out = env
            .cmd_for(&server.base_url())
            .args(["api", "/api/x", "-F", &form])
            .run();
        out.assert_exit_ctx(0, format_args!("{name:?}"));
        let heard = server.heard().pop().unwrap();
        // The raw part head: exactly its two header lines, no other.
        let body = &heard.body;
        let start = body.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
        let end = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&body[start..end]).into_owned();
        let lines: Vec<&str> = head.split("\r\n").collect();
        assert_eq!(
            lines,
            [
                format!("Content-Disposition: form-data; name=\"photo\"; filename=\"{sent}\""),
                "Content-Type: image/jpeg".to_string()
            ],
            "{name:?}: {head:?}"
        );
        let parts = form_parts(&heard);
        assert_eq!(parts[0].file_name.as_deref(), Some(sent), "{name:?}");
        assert_eq!(parts[0].bytes, b"jpeg bytes", "{name:?}");
        // The dry run shows the name as it will be sent, on one line.
        let dry = env
            .cmd_for(&server.base_url())
            .args(["api", "/api/x", "--dry-run", "-F", &form])
            .run();
        dry.assert_exit(0);
        assert!(
            dry.stdout().contains(&format!("file {sent}, image/jpeg")),
            "{name:?}: {}",
            dry.stdout()
        );
    }
    // A part's own name is percent-encoded by the HTTP library.
    let out = env
        .cmd_for(&server.base_url())
        .args(["api", "/api/x", "-F", "n\r\nX-Injected: 4=v"])
        .run();
    out.assert_exit(0);
    let body = server.heard().pop().unwrap().body;
    let body = String::from_utf8_lossy(&body);
    assert!(
        !body.contains("\nX-Injected") && !body.contains("\rX-Injected"),
        "{body:?}"
    );
}

/// A reply that is JSON but repeats a key is unexpected (12), and still printed
/// as the JSON it is: every pair kept in order, its strings scrubbed, invisible
/// and line-breaking characters as `\uXXXX`, so that a JSON reader can parse
/// stdout. The same for a redirect's JSON body, which is never followed.
#[test]
fn a_reply_with_a_repeated_key_is_printed_as_valid_json() {
    let env = Env::new();
    let repeated = format!(
        "{{\"status\":false,\"status\":false,\"data\":{{\"message\":\"A\u{2028}B {SECRET}\",\"n\":[1,2.5,null]}}}}"
    );
    let cases = [
        ("400 Bad Request", repeated.as_str(), 12),
        (
            "302 Found",
            "{\"status\":false,\"data\":{\"message\":\"A\u{2028}B\"}}",
            12,
        ),
    ];
    for (status_line, body, code) in cases {
        let reply = http_response(status_line, &["Location: /elsewhere"], body.as_bytes());
        let server = Recorder::start(move |_| Some(reply.clone()));
        let out = env
            .cmd_for(&server.base_url())
            .args(["api", "/api/x"])
            .run();
        out.assert_exit_ctx(code, format_args!("{status_line}"));
        assert_no_secret(&out, SECRET);
        let stdout = out.stdout();
        assert_eq!(stdout.lines().count(), 1, "{stdout:?}");
        assert!(!stdout.contains('\u{2028}'), "{stdout:?}");
        let value: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{status_line}: not JSON ({e}): {stdout:?}"));
        let message = value["data"]["message"].as_str().unwrap();
        assert!(message.starts_with("A\u{2028}B"), "{value}");
        if body == repeated {
            assert_eq!(message, "A\u{2028}B ***", "{value}");
            // Both pairs as they came, not one of them chosen.
            assert!(
                stdout.starts_with(r#"{"status":false,"status":false,"data":"#),
                "{stdout}"
            );
            assert_eq!(value["data"]["n"], serde_json::json!([1, 2.5, null]));
        }
        // With --json, one valid line whose body holds the reply.
        let out = env
            .cmd_for(&server.base_url())
            .args(["api", "--json", "/api/x"])
            .run();
        out.assert_exit_ctx(code, format_args!("{status_line} --json"));
        assert_no_secret(&out, SECRET);
        let line = json_out(&out);
        assert_eq!(line["exit_code"], code, "{line}");
    }
}

#[test]
fn json_names_the_method_and_path_of_a_request_that_got_no_reply() {
    let env = Env::new();
    let refused = format!("http://127.0.0.1:{}", closed_port());
    let garbage = RawServer::reply(b"not http at all\r\n\r\n".to_vec());
    let silent = Recorder::start(|_| None);
    for base in [refused.clone(), garbage.base_url(), silent.base_url()] {
        let out = env
            .cmd_for(&base)
            .args(["api", "--json", "-X", "delete", "/api/1.1/x?a=b"])
            .args(["--retries", "0", "--timeout", "1"])
            .run();
        let line = json_out(&out);
        assert_ne!(line["ok"], true, "{base}: {line}");
        assert_eq!(line["method"], "DELETE", "{base}: {line}");
        assert_eq!(line["path"], "/api/1.1/x?a=b", "{base}: {line}");
    }
    // Per ID: a failure and the IDs SKIPPED after it name each ID's request.
    let out = env
        .cmd_for(&refused)
        .args(["api", "--json", "/api/1.0/users/{id}/x", "u1", "a/b"])
        .args([
            "--retries",
            "0",
            "--max-failures",
            "1",
            "--concurrency",
            "1",
        ])
        .run();
    out.assert_exit(10);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[1]["message"], "SKIPPED", "{lines:?}");
    for (line, path) in lines
        .iter()
        .zip(["/api/1.0/users/u1/x", "/api/1.0/users/a%2Fb/x"])
    {
        assert_eq!(line["method"], "GET", "{line}");
        assert_eq!(line["path"], path, "{line}");
    }
}

#[cfg(unix)]
#[test]
fn the_body_cannot_read_the_ids_or_the_secret_under_another_name() {
    let server = Recorder::answering("200 OK", r#"{"status":true}"#);
    let env = Env::new();
    let ids = env.file("ids.txt", "u1\nu2\n");
    let link = env.dir.path().join("ids-link");
    std::os::unix::fs::symlink(&ids, &link).unwrap();
    let secret = env.file("secret.txt", &format!("{SECRET}\n"));
    set_mode(&secret, 0o600);
    let path = "/api/1.1/users/{id}/x";
    let at = |p: &str| format!("p=@{p}");
    let on_stdin = |extra: &[&str]| {
        env.cmd_for(&server.base_url())
            .args(["api", "-X", "POST", path])
            .args(extra)
            .run_with_stdin("u1\nu2\n")
    };
    for alias in ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"] {
        for extra in [
            vec!["-", "--input", alias],
            vec!["--from-file", "-", "--input", alias],
            vec!["-", "-F", &at(alias)],
            vec!["u1", "--secret-file", "-", "--input", alias],
            vec!["u1", "-F", "a=@-", "-F", &at(alias)],
        ] {
            let out = on_stdin(&extra);
            out.assert_exit_ctx(2, format!("{extra:?}"));
            assert!(
                out.stderr().contains("stdin"),
                "{extra:?}: {}",
                out.stderr()
            );
        }
    }
    // A second name of the IDs' or the secret's file.
    let ids_s = ids.display().to_string();
    let link_s = link.display().to_string();
    let secret_s = secret.display().to_string();
    for extra in [
        vec!["--from-file", &ids_s, "--input", &link_s],
        vec!["--from-file", &link_s, "-F", &at(&ids_s)],
        vec!["u1", "--secret-file", &secret_s, "--input", &secret_s],
    ] {
        let out = on_stdin(&extra);
        out.assert_exit_ctx(2, format!("{extra:?}"));
        assert!(out.stderr().contains("same"), "{extra:?}: {}", out.stderr());
    }
    assert_eq!(server.server.connections(), 0, "nothing is sent");
    // The body from stdin with the IDs elsewhere, and one file in two parts: fine.
    let photo = env.file("face.jpg", "jpeg");
    let photo_s = photo.display().to_string();
    let out = on_stdin(&["u1", "--input", "/dev/stdin"]);
    out.assert_exit(0);
    let out = on_stdin(&["u1", "-F", &at(&photo_s), "-F", &format!("q=@{photo_s}")]);
    out.assert_exit(0);
    let heard = server.heard();
    assert_eq!(heard[0].body, b"u1\nu2\n");
    assert_eq!(heard.len(), 2);
}
