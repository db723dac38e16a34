//! The companion commands (enroll-status, pending-dialogue, delete-user,
//! find-user, create-user) against the sandbox and raw servers, and the
//! sandbox's state across them.

use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::util::sandbox::{PendingDialogue, SeedUser};
use crate::util::*;

fn seeded(users: Vec<SeedUser>) -> Scenario {
    Scenario {
        seeded: users,
        ..Scenario::default()
    }
}

fn user(id: &str) -> SeedUser {
    SeedUser {
        id: id.into(),
        ..SeedUser::default()
    }
}

#[test]
fn enroll_status_in_words_and_json() {
    let mut u1 = user("u1");
    u1.enrolled = vec!["face".into()];
    let s = server(seeded(vec![u1]));
    let env = Env::new();
    let out = env
        .cmd_for(&s.base_url())
        .args(["enroll-status", "u1", "u2"])
        .run();
    out.assert_exit(0);
    assert_eq!(
        out.stdout(),
        "u1: face enrolled, voice not enrolled\nu2: face not enrolled, voice not enrolled\n"
    );
    let out = env
        .cmd_for(&s.base_url())
        .args(["enroll-status", "--json", "u1", "missing1"])
        .run();
    out.assert_exit(7);
    let lines = json_lines(&out);
    assert_eq!(
        lines[0]["enrolled"],
        serde_json::json!({"face": true, "voice": false})
    );
    assert_eq!(lines[0]["engines"][0]["type"], "face");
    assert_eq!(lines[0]["message"], serde_json::Value::Null);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["message"], "USERID_NOT_EXISTS");
    assert_eq!(lines[1]["enrolled"], serde_json::Value::Null);
    let paths: Vec<String> = records(&s).into_iter().map(|r| r.path).collect();
    assert!(
        paths.contains(&"/api/1.1/users/u1/enroll/status".to_string()),
        "{paths:?}"
    );
}

#[test]
fn pending_dialogue_with_and_without_and_restart_clears_it() {
    let mut u1 = user("u1");
    u1.pending = Some(PendingDialogue {
        dialogue: "5b2a-dialogue-\u{1b}[2J".into(),
        prompt: "0653".into(),
    });
    let s = server(seeded(vec![u1]));
    let env = Env::new();
    let out = env
        .cmd_for(&s.base_url())
        .args(["pending-dialogue", "u1", "u2"])
        .run();
    out.assert_exit(0);
    assert_eq!(
        out.stdout(),
        "u1: pending dialogue 5b2a-dialogue-\\u{1b}[2J (prompt 0653)\nu2: no pending dialogue\n",
        "server text is escaped"
    );
    let out = env
        .cmd_for(&s.base_url())
        .args(["pending-dialogue", "--json", "u1"])
        .run();
    let line = &json_lines(&out)[0];
    assert_eq!(line["pending"], true);
    assert_eq!(line["dialogue"]["prompt_code"], "0653");
    assert_eq!(line["dialogue"]["id"], "5b2a-dialogue-\u{1b}[2J");
    env.cmd_for(&s.base_url())
        .args(["restart-state", "u1"])
        .run()
        .assert_exit(0);
    let out = env
        .cmd_for(&s.base_url())
        .args(["pending-dialogue", "--json", "u1"])
        .run();
    let line = &json_lines(&out)[0];
    assert_eq!(line["pending"], false);
    assert_eq!(line["dialogue"], serde_json::Value::Null);
}

#[test]
fn delete_user_needs_yes_without_a_terminal_and_then_the_user_is_gone() {
    let s = server(Scenario::default());
    let env = Env::new();
    let out = env.cmd_for(&s.base_url()).args(["delete-user", "u1"]).run();
    out.assert_exit(2);
    assert!(out.stderr().contains("--yes"), "{}", out.all());
    assert_eq!(requests(&s), 0, "nothing is sent without --yes");
    let out = env
        .cmd_for(&s.base_url())
        .args(["delete-user", "--yes", "u1"])
        .run();
    out.assert_exit(0);
    assert_eq!(out.stdout(), "deleted u1\n");
    let out = env
        .cmd_for(&s.base_url())
        .args(["enroll-status", "u1"])
        .run();
    out.assert_exit(7);
    let out = env
        .cmd_for(&s.base_url())
        .args(["delete-user", "--yes", "--ignore-missing", "u1"])
        .run();
    out.assert_exit(0);
    let methods: Vec<String> = records(&s).into_iter().map(|r| r.method).collect();
    assert!(methods.contains(&"DELETE".to_string()), "{methods:?}");
}

#[test]
fn delete_user_missing_after_a_retry_counts_as_deleted() {
    // The first try fails with a 500; the retry finds the user gone.
    let mut rule = message_rule("missing1", "PROBLEM_OCURRED_REPEAT_REQUEST");
    rule.times = 1;
    let s = server(scenario_with(vec![rule]));
    let env = Env::new();
    let out = env
        .cmd_for(&s.base_url())
        .env("BIOMETRID_RETRIES", "1")
        .args(["delete-user", "--yes", "missing1", "missing2"])
        .run();
    assert_eq!(
        out.stdout(),
        "deleted missing1 (already gone: probably removed by an earlier attempt)\n",
        "{}",
        out.all()
    );
    out.assert_exit(7);
}

#[cfg(unix)]
#[test]
fn delete_user_asks_on_a_terminal() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env("NO_COLOR", "1").args(["delete-user", "u1"]);
    let code = pty::answer(c, &["delete user u1? [y/N] "], "y\r", "deleted u1");
    assert_eq!(code, Some(0));

    let mut c = env.cmd_for(&s.base_url());
    c.env("NO_COLOR", "1").args(["delete-user", "u2", "u3"]);
    let code = pty::answer(c, &["type 2 to confirm: "], "y\r", "not confirmed");
    assert_eq!(code, Some(2));
    assert_eq!(requests(&s), 1, "a refused confirmation sends nothing");

    let mut c = env.cmd_for(&s.base_url());
    c.env("NO_COLOR", "1").args(["delete-user", "u2", "u3"]);
    let code = pty::answer(c, &["type 2 to confirm: "], "2\r", "deleted u3");
    assert_eq!(code, Some(0));
}

/// The question names where the deletion goes (the base URL, the profile) and
/// the first IDs in the order given; declining, with `n` or an empty answer,
/// says `nothing was deleted`, exits 2 and sends nothing.
#[cfg(unix)]
#[test]
fn the_confirmation_names_the_target_and_the_first_ids_and_declining_deletes_nothing() {
    let s = server(Scenario::default());
    let env = Env::new();
    let base = s.base_url();
    env.write_config(&format!(
        "[staging]\nbase_url = \"{base}\"\nkey = \"{KEY}\"\nsecret = \"{SECRET}\"\nretries = 0\n"
    ));
    let mut c = env.cmd();
    c.env("NO_COLOR", "1").args([
        "--profile",
        "staging",
        "delete-user",
        "u5",
        "u1",
        "u4",
        "u2",
        "u3",
    ]);
    let asked = [
        &format!("delete-user sends to {base}/ (profile staging)\r\n"),
        "delete 5 users (u5, u1, u4 and 2 more)? type 5 to confirm: ",
    ];
    let declined = "error: not confirmed: nothing was deleted";
    assert_eq!(pty::answer(c, &asked, "\r", declined), Some(2));

    let mut c = env.cmd();
    c.env("NO_COLOR", "1")
        .args(["--profile", "staging", "delete-face", "u1", "u2"]);
    let asked = [
        &format!("delete-face sends to {base}/ (profile staging)\r\n"),
        "delete 2 users' face enrolments (u1, u2)? type 2 to confirm: ",
    ];
    assert_eq!(pty::answer(c, &asked, "\r", "nothing was deleted"), Some(2));

    // No profile named and nothing from the file: only the base URL.
    let mut c = env.cmd_for(&base);
    c.env("NO_COLOR", "1")
        .args(["delete-voice", "--language", "es", "u1"]);
    let asked = [
        &format!("delete-voice sends to {base}/\r\n"),
        "delete the voice enrolment of user u1? [y/N] ",
    ];
    assert_eq!(
        pty::answer(c, &asked, "n\r", "nothing was deleted"),
        Some(2)
    );
    assert_eq!(requests(&s), 0, "a declined confirmation sends nothing");

    // IDs typed on the terminal's stdin: no prompt can share it.
    let mut c = env.cmd_for(&base);
    c.env("NO_COLOR", "1").args(["delete-user", "-"]);
    let mut t = pty::Pty::spawn(c);
    t.expect("stdin is taken by the IDs");
    assert_eq!(t.finish().code(), Some(2));
    assert_eq!(requests(&s), 0);
}

/// IDs on stdin: the error says that stdin, taken by the IDs, cannot answer a
/// prompt (it said "without a terminal", even on a terminal); without a
/// terminal for IDs given as arguments, it says so.
#[test]
fn ids_on_stdin_need_yes_because_stdin_is_taken_by_them() {
    let s = server(Scenario::default());
    let env = Env::new();
    let base = s.base_url();
    for args in [
        &["delete-user", "-"][..],
        &["delete-face", "--from-file", "-"],
        &["delete-voice", "--language", "es", "-"],
        &["api", "-X", "DELETE", "/api/1.0/users/{id}", "-"],
    ] {
        let out = env.cmd_for(&base).args(args).run_with_stdin("u1\nu2\n");
        out.assert_exit(2);
        let err = out.stderr();
        assert!(err.contains("stdin is taken by the IDs"), "{args:?}: {err}");
        assert!(err.contains("--yes"), "{args:?}: {err}");
        assert!(!err.contains("without a terminal"), "{args:?}: {err}");
    }
    let out = env.cmd_for(&base).args(["delete-user", "u1"]).run();
    out.assert_exit(2);
    assert!(out.stderr().contains("without a terminal"), "{}", out.all());
    assert_eq!(requests(&s), 0, "nothing is sent without --yes");
    let out = env
        .cmd_for(&base)
        .args(["delete-user", "-y", "-"])
        .run_with_stdin("u1\n");
    out.assert_exit(0);
    assert_eq!(requests(&s), 1);
}

#[test]
fn find_user_prints_the_id_alone_or_exits_13() {
    let mut u1 = user("u1");
    u1.mac = Some("aa:bb:cc:dd:ee:ff".into());
    let s = server(seeded(vec![u1]));
    let env = Env::new();
    let out = env
        .cmd_for(&s.base_url())
        .args(["find-user", "--mac", "AA-BB-CC-DD-EE-FF"])
        .run();
    out.assert_exit(0);
    assert_eq!(out.stdout(), "u1\n");
    assert!(
        out.stderr()
            .contains("USER_ALREADY_REGISTERED_ON_THIS_DEVICE")
    );
    let out = env
        .cmd_for(&s.base_url())
        .args(["find-user", "--mac", "00:11:22:33:44:55"])
        .run();
    out.assert_exit(13);
    assert_eq!(out.stdout(), "");
    // An error line like every other: `error:` first (it had no prefix).
    assert!(
        out.stderr()
            .starts_with("error: DEVICE_NOT_ASSOCIATED_TO_USER: "),
        "{}",
        out.all()
    );
    let out = env
        .cmd_for(&s.base_url())
        .args(["find-user", "--json", "--mac", "aa:bb:cc:dd:ee:ff"])
        .run();
    let line = &json_lines(&out)[0];
    assert_eq!(line["id"], "u1");
    assert_eq!(line["created"], false);
    assert_eq!(line["message"], "USER_ALREADY_REGISTERED_ON_THIS_DEVICE");
    let before = requests(&s);
    for bad in [
        "aa:bb:cc:dd:ee",
        "aa:bb:cc:dd:ee:fg",
        "aa-bb:cc-dd:ee-ff",
        "aabbccddeef",
        "aabbccddeeffa",
    ] {
        env.cmd_for(&s.base_url())
            .args(["find-user", "--mac", bad])
            .run()
            .assert_exit_ctx(2, bad);
    }
    assert_eq!(requests(&s), before, "a bad MAC sends nothing");
}

#[test]
fn create_user_then_the_device_finds_it() {
    let log = tempfile::NamedTempFile::new().unwrap();
    let scenario = Scenario {
        log: Some(log.path().to_path_buf()),
        ..Scenario::default()
    };
    let s = server(scenario);
    let env = Env::new();
    let out = env
        .cmd_for(&s.base_url())
        .args([
            "create-user",
            "--reference-id",
            "crm-1",
            "--mac",
            "AA:BB:CC:DD:EE:01",
        ])
        .run();
    out.assert_exit(0);
    let id = out.stdout().trim().to_string();
    assert!(!id.is_empty() && !id.contains(' '), "{}", out.all());
    assert!(out.stderr().contains("NEW_USER_CREATED"));
    let out = env
        .cmd_for(&s.base_url())
        .args([
            "create-user",
            "--json",
            "--reference-id",
            "crm-2",
            "--mac",
            "aa:bb:cc:dd:ee:01",
        ])
        .run();
    out.assert_exit(0);
    let line = &json_lines(&out)[0];
    assert_eq!(line["id"], id.as_str());
    assert_eq!(line["created"], false);
    assert_eq!(line["message"], "USER_ALREADY_ASSOCIATED_WITH_DEVICE");
    let out = env
        .cmd_for(&s.base_url())
        .args(["find-user", "--mac", "aa:bb:cc:dd:ee:01"])
        .run();
    assert_eq!(out.stdout().trim(), id);
    // The sandbox's --log records every endpoint with the user it concerned.
    let text = std::fs::read_to_string(log.path()).unwrap();
    let logged: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(logged[0]["method"], "POST");
    assert_eq!(logged[0]["path"], "/api/1.0/users");
    assert_eq!(logged[0]["message"], "NEW_USER_CREATED");
    assert_eq!(logged[0]["user_id"], id.as_str());
    assert_eq!(logged[2]["path"], "/api/1.0/users/find-by-address");
}

#[test]
fn shared_errors_and_unexpected_replies_for_every_command() {
    let s = server(accepting("another-secret"));
    let env = Env::new();
    let commands: [&[&str]; 5] = [
        &["enroll-status", "u1"],
        &["pending-dialogue", "u1"],
        &["delete-user", "--yes", "u1"],
        &["find-user", "--mac", "aa:bb:cc:dd:ee:ff"],
        &["create-user", "--reference-id", "r"],
    ];
    for args in commands {
        let out = env.cmd_for(&s.base_url()).args(args).run();
        out.assert_exit_ctx(5, args.join(" "));
        assert!(out.stderr().contains("INVALID_AUTHENTICATION_HEADERS"));
    }
    // Documented messages of another endpoint, wrong shapes: 12.
    let bodies = [
        r#"{"status":true,"data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#,
        r#"{"status":true,"data":[{"engines_oid":1,"type":"face","enrolled":true}]}"#,
        r#"{"status":true,"data":{"message":"NEW_USER_CREATED","id":["x"]}}"#,
        r#"{"status":false}"#,
    ];
    for body in bodies {
        let s = server(scenario_with(vec![raw_rule("*", 200, body)]));
        for args in commands {
            let out = env.cmd_for(&s.base_url()).args(args).run();
            out.assert_exit_ctx(12, format!("{} <- {body}", args.join(" ")));
        }
    }
}

/// A raw server that counts the requests it reads and answers each with `reply`,
/// or with none (`None`: after `hold`, the connection is closed without a reply).
fn raw_server(reply: Option<Vec<u8>>, hold: Duration) -> (RawServer, Arc<AtomicUsize>) {
    let heads = Arc::new(AtomicUsize::new(0));
    let counted = heads.clone();
    let server = RawServer::start(move |mut stream: TcpStream| {
        loop {
            // A request body left unread comes before the next head (or EOF).
            let head = read_head(&mut stream);
            if !head.ends_with(b"\r\n\r\n") {
                return;
            }
            counted.fetch_add(1, Ordering::SeqCst);
            match &reply {
                Some(bytes) => {
                    if stream.write_all(bytes).is_err() {
                        return;
                    }
                }
                None => {
                    std::thread::sleep(hold);
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    return;
                }
            }
        }
    });
    (server, heads)
}

#[test]
fn create_user_is_never_retried_once_sent() {
    let env = Env::new();
    let problem = http_response(
        "500 Internal Server Error",
        &["Content-Type: application/json"],
        envelope(false, "PROBLEM_OCURRED_REPEAT_REQUEST").as_bytes(),
    );
    for (what, (server, heads), timeout) in [
        ("500", raw_server(Some(problem), Duration::ZERO), "5"),
        ("closed", raw_server(None, Duration::ZERO), "5"),
        ("timeout", raw_server(None, Duration::from_secs(3)), "0.5"),
    ] {
        let out = env
            .cmd_for(&server.base_url())
            .env("BIOMETRID_RETRIES", "2")
            .env("BIOMETRID_TIMEOUT", timeout)
            .args([
                "create-user",
                "--reference-id",
                "r",
                "--mac",
                "aa:bb:cc:dd:ee:ff",
            ])
            .run();
        assert_ne!(out.code(), 0, "{what}");
        let sent = heads.load(Ordering::SeqCst);
        assert_eq!(sent, 1, "{what}: exactly one request\n{}", out.all());
        assert!(server.connections() >= 1);
        assert!(
            out.stderr().contains("may have been created")
                && out.stderr().contains("find-user --mac aa:bb:cc:dd:ee:ff"),
            "{what}: {}",
            out.all()
        );
    }
    // A refused connection never reached the server: retried.
    let url = format!("http://127.0.0.1:{}", closed_port());
    let out = env
        .cmd_for(&url)
        .env("BIOMETRID_RETRIES", "2")
        .args(["create-user", "--json", "--reference-id", "r"])
        .run();
    out.assert_exit(10);
    assert_eq!(json_lines(&out)[0]["attempts"], 3, "{}", out.all());
    assert!(
        !out.stderr().contains("may have been created"),
        "{}",
        out.all()
    );
}

#[test]
fn sandbox_page_walkthrough_runs() {
    let lines = doc_block("docs/sandbox.md", "walkthrough");
    let script = lines.join("\n");
    let env = Env::new();
    let mut c = env.sh(&script);
    let out = c.run();
    out.assert_exit(0);
    let stdout = out.stdout();
    let id = stdout.lines().next().unwrap_or_default().to_string();
    assert!(!id.is_empty(), "{}", out.all());
    assert!(
        stdout.contains(&format!("{id}: pending dialogue dlg-{id} (prompt 0653)")),
        "{}",
        out.all()
    );
    assert!(
        stdout.contains(&format!(
            "restarted {id}\n{id}: no pending dialogue\ndeleted {id}"
        )),
        "{}",
        out.all()
    );
    assert!(
        stdout.contains("enroll-status after delete-user: exit 7"),
        "{}",
        out.all()
    );
    assert!(out.stderr().contains("USERID_NOT_EXISTS"), "{}", out.all());
}

/// A raw server that counts the request heads it reads and never answers: each
/// connection is held until the client closes it.
fn holding_server() -> (RawServer, Arc<AtomicUsize>) {
    let heads = Arc::new(AtomicUsize::new(0));
    let counted = heads.clone();
    let server = RawServer::start(move |mut stream: TcpStream| {
        if read_head(&mut stream).ends_with(b"\r\n\r\n") {
            counted.fetch_add(1, Ordering::SeqCst);
        }
        // Until the client goes away (EOF or an error).
        let mut sink = [0u8; 1024];
        while matches!(std::io::Read::read(&mut stream, &mut sink), Ok(n) if n > 0) {}
    });
    (server, heads)
}

#[test]
fn create_user_stopped_by_a_signal_after_sending_warns_that_a_user_may_exist() {
    let env = Env::new();
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        for mac in [Some("aa:bb:cc:dd:ee:ff"), None] {
            let what = format!("SIG{signal}, mac {mac:?}");
            let (server, heads) = holding_server();
            let mut c = env.cmd_for(&server.base_url());
            c.env("BIOMETRID_TIMEOUT", "60")
                .args(["create-user", "--reference-id", "r"])
                .args(mac.map(|m| ["--mac", m]).into_iter().flatten())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let child = c.spawn().unwrap();
            wait_until(Duration::from_secs(30), format!("{what}: the POST"), || {
                heads.load(Ordering::SeqCst) == 1
            });
            send_signal(child.id(), signal);
            let out = wait_bounded(child);
            out.assert_exit_ctx(code, &what);
            assert_eq!(out.stdout(), "", "{what}");
            let err = out.stderr();
            assert!(err.contains("may have been created"), "{what}: {err}");
            assert_eq!(
                err.contains("check with `biometrid find-user --mac aa:bb:cc:dd:ee:ff`"),
                mac.is_some(),
                "{what}: {err}"
            );
            assert_eq!(heads.load(Ordering::SeqCst), 1, "{what}: sent once");
        }
    }
}
#[test]
fn create_user_names_the_new_id_on_stderr_when_stdout_fails() {
    let s = server(Scenario::default());
    let env = Env::new();
    let macs = [
        "aa:bb:cc:dd:ee:01",
        "aa:bb:cc:dd:ee:02",
        "aa:bb:cc:dd:ee:03",
        "aa:bb:cc:dd:ee:04",
    ];
    let cases = [
        ("full", "human", macs[0], 14),
        ("full", "json", macs[1], 14),
        ("pipe", "human", macs[2], 141),
        ("pipe", "json", macs[3], 141),
    ];
    for (stdout, mode, mac, code) in cases {
        let what = format!("{mode} into a {stdout} stdout");
        let mut c = env.cmd_for(&s.base_url());
        if mode == "json" {
            c.arg("--json");
        }
        c.args(["create-user", "--reference-id", "r", "--mac", mac])
            .stdout(if stdout == "full" {
                dev_full()
            } else {
                closed_pipe()
            })
            .stderr(std::process::Stdio::piped());
        let out = wait_bounded(c.spawn().unwrap());
        out.assert_exit_ctx(code, &what);
        // The user exists: its ID is the one thing that cannot be asked for again.
        let found = env
            .cmd_for(&s.base_url())
            .args(["find-user", "--mac", mac])
            .run();
        found.assert_exit(0);
        let id = found.stdout().trim().to_string();
        assert!(!id.is_empty());
        assert!(
            out.stderr().contains(&id),
            "{what}: {id} not in {}",
            out.stderr()
        );
    }
}

#[test]
fn delete_face_deletes_the_face_enrolment_once() {
    let mut u1 = user("u1");
    u1.enrolled = vec!["face".into(), "voice".into()];
    let s = server(seeded(vec![u1]));
    let env = Env::new();
    let run = |args: &[&str]| env.cmd_for(&s.base_url()).args(args).run();
    let out = run(&["delete-face", "u1"]);
    out.assert_exit(2);
    assert!(out.stderr().contains("--yes"), "{}", out.all());
    assert_eq!(requests(&s), 0, "nothing is sent without --yes");
    let out = run(&["delete-face", "-y", "u1"]);
    out.assert_exit(0);
    assert_eq!(out.stdout(), "deleted u1\n");
    let out = run(&["enroll-status", "u1"]);
    assert_eq!(out.stdout(), "u1: face not enrolled, voice enrolled\n");
    // Nothing enrolled any more: the API declined (15); with --ignore-missing, done.
    let out = run(&["delete-face", "--yes", "--json", "u1"]);
    out.assert_exit(15);
    assert_eq!(json_lines(&out)[0]["message"], "ENROLL_USER_FACE_FIRST");
    let out = run(&["delete-face", "--yes", "--ignore-missing", "u1"]);
    out.assert_exit(0);
    assert_eq!(
        out.stdout(),
        "missing u1 (ENROLL_USER_FACE_FIRST, ignored)\n"
    );
    let paths: Vec<(String, String)> = records(&s)
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    assert!(
        paths.contains(&("DELETE".into(), "/api/1.0/users/u1/face/delete".into())),
        "{paths:?}"
    );
}

#[test]
fn delete_voice_sends_the_language_and_deletes_once() {
    let mut u1 = user("u1");
    u1.enrolled = vec!["face".into(), "voice".into()];
    let s = server(Scenario {
        voice_languages: Some(vec!["es".into()]),
        ..seeded(vec![u1])
    });
    let env = Env::new();
    let run = |args: &[&str]| env.cmd_for(&s.base_url()).args(args).run();
    let out = run(&["delete-voice", "--yes", "u1"]);
    out.assert_exit(2);
    assert!(out.stderr().contains("--language"), "{}", out.all());
    // A language with no voice engine: the API declined, nothing deleted.
    let out = run(&["delete-voice", "--yes", "--language", "xx", "--json", "u1"]);
    out.assert_exit(15);
    let line = &json_lines(&out)[0];
    assert_eq!(line["message"], "NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE");
    let out = run(&["delete-voice", "-y", "--language", "es", "u1"]);
    out.assert_exit(0);
    assert_eq!(out.stdout(), "deleted u1\n");
    let out = run(&["enroll-status", "u1"]);
    assert_eq!(out.stdout(), "u1: face enrolled, voice not enrolled\n");
    let out = run(&["delete-voice", "--yes", "--language", "es", "u1"]);
    out.assert_exit(15);
    let out = run(&[
        "delete-voice",
        "--yes",
        "--ignore-missing",
        "--language",
        "es",
        "u1",
    ]);
    out.assert_exit(0);
    assert_eq!(
        out.stdout(),
        "missing u1 (ENROLL_USER_VOICE_FIRST, ignored)\n"
    );
    let paths: Vec<(String, String)> = records(&s)
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    assert!(
        paths.contains(&("DELETE".into(), "/api/1.0/users/u1/voice/delete".into())),
        "{paths:?}"
    );
}

/// `find-user --dry-run` and `create-user --dry-run` print what would be sent
/// (method, URL, body; `-v` the headers, the secret as `***`) and send nothing
/// (the flag did not exist).
#[test]
fn find_user_and_create_user_dry_runs_send_nothing() {
    let s = server(Scenario::default());
    let env = Env::new();
    let base = s.base_url();
    let out = env
        .cmd_for(&base)
        .args(["find-user", "--dry-run", "--mac", "AABBCCDDEEFF"])
        .run();
    out.assert_exit(0);
    assert_eq!(
        out.stdout(),
        format!(
            "GET {base}/api/1.0/users/find-by-address\n\
             content-type: application/json\n\
             {{\"mac_address\":\"aa:bb:cc:dd:ee:ff\"}}\n"
        ),
        "{}",
        out.all()
    );
    let out = env
        .cmd_for(&base)
        .args(["-v", "create-user", "--dry-run", "--reference-id", "crm-1"])
        .args(["--mac", "aa-bb-cc-dd-ee-ff"])
        .run();
    out.assert_exit(0);
    let stdout = out.stdout();
    assert!(
        stdout.starts_with(&format!("POST {base}/api/1.0/users\n")),
        "{stdout}"
    );
    assert!(stdout.contains("x-biometrid-secret: ***\n"), "{stdout}");
    assert!(
        stdout.contains(r#"{"mac_address":"aa:bb:cc:dd:ee:ff","reference_id":"crm-1"}"#)
            || stdout.contains(r#"{"reference_id":"crm-1","mac_address":"aa:bb:cc:dd:ee:ff"}"#),
        "{stdout}"
    );
    assert_no_secret(&out, SECRET);
    let out = env
        .cmd_for(&base)
        .args([
            "--json",
            "create-user",
            "--dry-run",
            "--reference-id",
            "crm-1",
        ])
        .run();
    out.assert_exit(0);
    let line = &json_lines(&out)[0];
    assert_eq!(line["dry_run"], true);
    assert_eq!(line["ok"], true);
    assert_eq!(line["message"], "DRY_RUN");
    assert_eq!(line["attempts"], 0);
    assert_eq!(line["method"], "POST");
    assert_eq!(line["url"], format!("{base}/api/1.0/users"));
    assert_eq!(
        line["request"],
        serde_json::json!([
            "content-type: application/json",
            r#"{"reference_id":"crm-1"}"#
        ])
    );
    assert_eq!(requests(&s), 0, "a dry run sends nothing");
    assert_eq!(connections(&s), 0, "a dry run opens no connection");
    // Credentials are still required.
    let out = env
        .cmd()
        .env("BIOMETRID_BASE_URL", &base)
        .args(["find-user", "--dry-run", "--mac", "AABBCCDDEEFF"])
        .run();
    out.assert_exit(3);
}
