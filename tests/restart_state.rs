//! restart-state end to end: every documented reply with its message, stream and
//! exit code (human and --json), --quiet, color, -v, every exit code, retries,
//! timeouts, unexpected bodies and a closed stdout pipe. The built binary runs
//! against the sandbox on a free loopback port.

use crate::util::*;

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A secret distinctive enough that finding it in any output is a leak.
const LEAKY_SECRET: &str = "Zx9-LEAK-ME-NOT-Secret-4417";

// ---------------------------------------------------------------- helpers

/// An SGR (color) escape sequence: ESC [ digits/semicolons m.
fn has_sgr(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == 0x1b && b[i + 1] == b'[' {
            let mut j = i + 2;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b';') {
                j += 1;
            }
            if j < b.len() && b[j] == b'm' {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Check the fields of one JSON line (docs/user-guide.md, "Output"), with their types.
#[allow(clippy::too_many_arguments)]
fn assert_json_line(
    v: &Value,
    user_id: &str,
    ok: bool,
    message: &str,
    http_status: Option<u64>,
    exit_code: u64,
    attempts: u64,
) {
    assert_eq!(v["user_id"].as_str(), Some(user_id), "user_id in {v}");
    assert_eq!(v["ok"].as_bool(), Some(ok), "ok in {v}");
    assert_eq!(v["message"].as_str(), Some(message), "message in {v}");
    match http_status {
        Some(s) => assert_eq!(v["http_status"].as_u64(), Some(s), "http_status in {v}"),
        None => assert!(
            v.get("http_status").is_some_and(Value::is_null),
            "http_status must be present and null in {v}"
        ),
    }
    assert_eq!(v["exit_code"].as_u64(), Some(exit_code), "exit_code in {v}");
    assert_eq!(v["attempts"].as_u64(), Some(attempts), "attempts in {v}");
}

/// A rule answering every ID with a documented message plus extra headers.
fn rule_with_headers(user: &str, message: &str, headers: &[(&str, &str)]) -> Rule {
    let mut r = message_rule(user, message);
    r.headers = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    r
}

// ------------------------------------------------------ documented replies

/// One documented reply, produced by the sandbox's own logic where it can be.
struct Reply {
    message: &'static str,
    status: u64,
    exit: i32,
    id: &'static str,
    /// Changes to the default scenario that produce this reply.
    setup: fn(&mut Scenario),
    /// A key other than the demo key (for CLIENT_NOT_FOUND).
    key: Option<&'static str>,
}

const REPLIES: [Reply; 7] = [
    Reply {
        message: "STATE_RESTARTED_WITH_SUCCESS",
        status: 200,
        exit: 0,
        id: "59147e5afdda9b0ac0f5e31f",
        setup: |_| {},
        key: None,
    },
    Reply {
        message: "AUTHENTICATION_HEADERS_MISSING",
        status: 400,
        exit: 4,
        id: "u-headers",
        // The client always sends both headers: only a canned reply can say this.
        setup: |s| {
            s.rules
                .push(message_rule("u-headers", "AUTHENTICATION_HEADERS_MISSING"))
        },
        key: None,
    },
    Reply {
        message: "INVALID_AUTHENTICATION_HEADERS",
        status: 401,
        exit: 5,
        id: "u-badpair",
        setup: |s| s.clients = vec![(KEY.into(), "another-secret".into())],
        key: None,
    },
    Reply {
        message: "REQUEST_LIMIT_REACHED",
        status: 402,
        exit: 6,
        id: "u-quota",
        setup: |s| s.quota = Some(0),
        key: None,
    },
    Reply {
        message: "USERID_NOT_EXISTS",
        status: 404,
        exit: 7,
        id: "missing-user-1",
        setup: |_| {},
        key: None,
    },
    Reply {
        message: "CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS",
        status: 404,
        exit: 8,
        id: "u-nokey",
        setup: |_| {},
        key: Some("no-such-client-key"),
    },
    Reply {
        message: "PROBLEM_OCURRED_REPEAT_REQUEST",
        status: 500,
        exit: 9,
        id: "u-problem",
        setup: |s| s.fail_first = 100,
        key: None,
    },
];

fn run_reply(r: &Reply, extra: &[&str]) -> (Output, Running) {
    let mut scenario = Scenario::default();
    (r.setup)(&mut scenario);
    let s = server(scenario);
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    if let Some(k) = r.key {
        c.env("BIOMETRID_KEY", k);
    }
    c.arg("restart-state").args(extra).arg(r.id);
    (c.run(), s)
}

#[test]
fn documented_replies_human_mode() {
    for r in &REPLIES {
        let (o, s) = run_reply(r, &[]);
        o.assert_exit_ctx(r.exit, format_args!("{}", r.message));
        assert_eq!(requests(&s), 1, "{}: exactly one request", r.message);
        if r.exit == 0 {
            assert_eq!(o.stdout(), format!("restarted {}\n", r.id), "{}", r.message);
            assert!(!o.stderr().contains("error"), "{}", o.stderr());
        } else {
            assert_eq!(o.stdout(), "", "{}: failures stay off stdout", r.message);
            let err = o.stderr();
            let first = err.lines().next().unwrap_or_default();
            assert!(first.starts_with("error: "), "{}: {err}", r.message);
            assert!(first.contains(r.id), "{}: names the ID: {err}", r.message);
            assert!(
                first.contains(r.message),
                "{}: names the message: {err}",
                r.message
            );
            assert!(
                first.contains(&format!("HTTP {}", r.status)),
                "{}: names the status: {err}",
                r.message
            );
        }
    }
}

#[test]
fn documented_replies_json_mode() {
    for r in &REPLIES {
        let (o, _s) = run_reply(r, &["--json"]);
        o.assert_exit_ctx(r.exit, format_args!("{}", r.message));
        let lines = json_lines(&o);
        assert_eq!(
            lines.len(),
            1,
            "{}: one line per ID: {}",
            r.message,
            o.stdout()
        );
        assert_json_line(
            &lines[0],
            r.id,
            r.exit == 0,
            r.message,
            Some(r.status),
            r.exit as u64,
            1,
        );
    }
}

#[test]
fn documented_replies_from_canned_rules_json() {
    // The same table through canned replies: independent of the sandbox's logic.
    for r in &REPLIES {
        let s = server(scenario_with(vec![message_rule("*", r.message)]));
        let env = Env::new();
        let mut c = env.cmd_for(&s.base_url());
        c.args(["--json", "restart-state", "user-x"]);
        let o = c.run();
        o.assert_exit_ctx(r.exit, format_args!("{}", r.message));
        let lines = json_lines(&o);
        assert_eq!(lines.len(), 1);
        assert_json_line(
            &lines[0],
            "user-x",
            r.exit == 0,
            r.message,
            Some(r.status),
            r.exit as u64,
            1,
        );
    }
}

#[test]
fn credential_failure_hint_names_sources_not_the_secret() {
    let s = server(accepting("the-right-one"));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_SECRET", LEAKY_SECRET)
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(5);
    let err = o.stderr();
    let hint = err
        .lines()
        .find(|l| l.starts_with("hint:"))
        .unwrap_or_else(|| panic!("no hint line: {err}"));
    assert!(hint.contains("BIOMETRID_KEY"), "{hint}");
    assert!(hint.contains("BIOMETRID_SECRET"), "{hint}");
    assert_no_secret(&o, LEAKY_SECRET);
}

#[test]
fn global_options_may_follow_the_subcommand() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1", "--json", "--retries", "0"]);
    let o = c.run();
    o.assert_exit(0);
    assert_json_line(
        &json_lines(&o)[0],
        "u1",
        true,
        "STATE_RESTARTED_WITH_SUCCESS",
        Some(200),
        0,
        1,
    );
}

// -------------------------------------------------------------- output modes

#[test]
fn json_mode_carries_only_json_lines_in_input_order() {
    let s = server(Scenario {
        jitter: Duration::from_millis(40),
        ..Scenario::default()
    });
    let env = Env::new();
    let ids: Vec<String> = (0..12)
        .map(|i| {
            if i % 4 == 1 {
                format!("missing-{i}")
            } else {
                format!("user-{i}")
            }
        })
        .collect();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "restart-state", "--concurrency", "6"])
        .args(&ids);
    let o = c.run();
    // The first failure in input order is missing-1 (USERID_NOT_EXISTS).
    o.assert_exit(7);
    let lines = json_lines(&o);
    let got: Vec<&str> = lines
        .iter()
        .map(|v| v["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(got, ids.iter().map(String::as_str).collect::<Vec<_>>());
    for v in &lines {
        let missing = v["user_id"].as_str().unwrap().starts_with("missing");
        assert_eq!(v["ok"].as_bool(), Some(!missing), "{v}");
    }
}

#[test]
fn json_mode_is_never_colored() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "--json",
        "--color",
        "always",
        "restart-state",
        "u1",
        "missing-2",
    ]);
    let o = c.run();
    o.assert_exit(7);
    assert!(!o.stdout().contains('\u{1b}'), "{:?}", o.stdout());
    assert_eq!(json_lines(&o).len(), 2);
}

#[test]
fn json_mode_failure_before_any_request_goes_to_stderr_only() {
    let env = Env::new();
    let mut c = env.cmd();
    c.env("BIOMETRID_BASE_URL", "http://127.0.0.1:9")
        .args(["--json", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert_eq!(
        o.stdout(),
        "",
        "nothing on stdout for a configuration error"
    );
    assert!(o.stderr().contains("error:"), "{}", o.stderr());
}

#[test]
fn quiet_prints_nothing_on_success() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--quiet", "restart-state", "u1", "u2"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(o.stdout(), "");
    assert_eq!(requests(&s), 2, "quiet still does the work");
}

#[test]
fn quiet_still_reports_errors_on_stderr() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["-q", "restart-state", "u1", "missing-9"]);
    let o = c.run();
    o.assert_exit(7);
    assert_eq!(o.stdout(), "");
    assert!(
        o.stderr().contains("missing-9") && o.stderr().contains("USERID_NOT_EXISTS"),
        "{}",
        o.stderr()
    );
}

#[test]
fn json_and_quiet_together_are_a_usage_error() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--quiet", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(2);
    assert_eq!(requests(&s), 0);
}

/// A success (stdout) and a failure (stderr) with color options and environment.
fn colored_run(args: &[&str], env_vars: &[(&str, &str)]) -> Output {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    for (k, v) in env_vars {
        c.env(k, v);
    }
    c.args(args).args(["restart-state", "u1", "missing-1"]);
    let o = c.run();
    o.assert_exit(7);
    assert!(o.stdout().contains("u1"), "{}", o.stdout());
    assert!(o.stderr().contains("missing-1"), "{}", o.stderr());
    o
}

#[test]
fn color_always_colors_both_streams() {
    let o = colored_run(&["--color", "always"], &[]);
    assert!(has_sgr(&o.stdout()), "stdout {:?}", o.stdout());
    assert!(has_sgr(&o.stderr()), "stderr {:?}", o.stderr());
}

#[test]
fn color_always_overrides_no_color_and_dumb_terminal() {
    let o = colored_run(
        &["--color", "always"],
        &[("NO_COLOR", "1"), ("TERM", "dumb")],
    );
    assert!(has_sgr(&o.stdout()), "stdout {:?}", o.stdout());
    assert!(has_sgr(&o.stderr()), "stderr {:?}", o.stderr());
}

#[test]
fn color_never_and_auto_on_pipes_are_plain() {
    for args in [&["--color", "never"][..], &["--color", "auto"][..], &[][..]] {
        let o = colored_run(args, &[("TERM", "xterm-256color")]);
        assert!(!o.stdout().contains('\u{1b}'), "{args:?}: {:?}", o.stdout());
        assert!(!o.stderr().contains('\u{1b}'), "{args:?}: {:?}", o.stderr());
    }
}

#[test]
fn no_color_and_dumb_terminal_mean_plain_in_auto_mode() {
    for vars in [&[("NO_COLOR", "1")][..], &[("TERM", "dumb")][..]] {
        let o = colored_run(&["--color", "auto"], vars);
        assert!(!has_sgr(&o.stdout()), "{vars:?}: {:?}", o.stdout());
        assert!(!has_sgr(&o.stderr()), "{vars:?}: {:?}", o.stderr());
    }
}

/// On a real terminal (through util-linux `script`), auto colors unless NO_COLOR
/// (non-empty) or TERM=dumb says otherwise. Skipped where `script -c` is unavailable.
#[cfg(target_os = "linux")]
#[test]
fn color_auto_on_a_terminal_follows_no_color_and_term() {
    let usable = Command::new("script")
        .args(["-qec", "true", "/dev/null"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !usable {
        cannot_run("no util-linux `script` to provide a terminal");
        return;
    }
    let on_tty = |vars: &[(&str, &str)]| -> String {
        let s = server(Scenario::default());
        let env = Env::new();
        let base = env.cmd_for(&s.base_url());
        let mut c = Command::new("script");
        for (k, v) in base.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        c.env("TERM", "xterm-256color");
        for (k, v) in vars {
            c.env(k, v);
        }
        let cmd = format!("{} restart-state u1", env!("CARGO_BIN_EXE_biometrid"));
        c.args(["-qec", &cmd, "/dev/null"]).stdin(Stdio::null());
        let o = c.run();
        let text = o.stdout();
        assert!(text.contains("u1"), "{text:?}");
        text
    };
    assert!(has_sgr(&on_tty(&[])), "a terminal gets color");
    assert!(
        has_sgr(&on_tty(&[("NO_COLOR", "")])),
        "an empty NO_COLOR is ignored"
    );
    assert!(!has_sgr(&on_tty(&[("NO_COLOR", "1")])), "NO_COLOR=1");
    assert!(!has_sgr(&on_tty(&[("TERM", "dumb")])), "TERM=dumb");
    let forced_off = {
        let s = server(Scenario::default());
        let env = Env::new();
        let base = env.cmd_for(&s.base_url());
        let mut c = Command::new("script");
        for (k, v) in base.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        c.env("TERM", "xterm-256color");
        let cmd = format!(
            "{} --color never restart-state u1",
            env!("CARGO_BIN_EXE_biometrid")
        );
        c.args(["-qec", &cmd, "/dev/null"]).stdin(Stdio::null());
        c.run().stdout()
    };
    assert!(!has_sgr(&forced_off), "--color never on a terminal");

    // Per stream: stdout into a file, stderr on the terminal.
    let s = server(Scenario::default());
    let env = Env::new();
    let out_file = env.dir.path().join("stdout.txt");
    let base = env.cmd_for(&s.base_url());
    let mut c = Command::new("script");
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.env("TERM", "xterm-256color");
    let cmd = format!(
        "{} restart-state u1 missing-1 > '{}'",
        env!("CARGO_BIN_EXE_biometrid"),
        out_file.display()
    );
    c.args(["-qec", &cmd, "/dev/null"]).stdin(Stdio::null());
    let o = c.run();
    let terminal = o.stdout();
    let file = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(file, "restarted u1\n", "stdout is a file: plain");
    assert!(terminal.contains("missing-1"), "{terminal:?}");
    assert!(
        has_sgr(&terminal),
        "stderr is a terminal: colored: {terminal:?}"
    );
}

#[test]
fn verbose_shows_the_request_and_masks_the_secret() {
    let s = server(accepting(LEAKY_SECRET));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_SECRET", LEAKY_SECRET)
        .args(["-v", "restart-state", "abc123"]);
    let o = c.run();
    o.assert_exit(0);
    let err = o.stderr();
    let url = format!("{}/api/1.0/users/abc123/restart-state", s.base_url());
    assert!(err.contains(&format!("GET {url}")), "request line: {err}");
    assert!(err.contains("x-biometrid-secret: ***"), "masked: {err}");
    assert!(err.contains("200"), "status: {err}");
    assert!(err.contains("attempt"), "attempts: {err}");
    assert_no_secret(&o, LEAKY_SECRET);
    assert!(records(&s)[0].credentials_valid);
}

#[test]
fn verbose_with_retries_and_json_keeps_stdout_clean_and_secret_hidden() {
    let s = server(Scenario {
        rules: vec![{
            let mut r = rule_with_headers(
                "*",
                "PROBLEM_OCURRED_REPEAT_REQUEST",
                &[("Retry-After", "0")],
            );
            r.times = 1;
            r
        }],
        ..accepting(LEAKY_SECRET)
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_SECRET", LEAKY_SECRET).args([
        "--verbose",
        "--json",
        "--retries",
        "2",
        "restart-state",
        "u7",
    ]);
    let o = c.run();
    o.assert_exit(0);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1, "verbose output never reaches stdout");
    assert_eq!(lines[0]["attempts"].as_u64(), Some(2));
    let err = o.stderr();
    assert_eq!(
        err.matches("x-biometrid-secret: ***").count(),
        2,
        "one request line per attempt: {err}"
    );
    assert_no_secret(&o, LEAKY_SECRET);
}

// ---------------------------------------------------------------- exit codes

#[test]
fn exit_code_0_success_for_every_id() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "a1", "a2", "a3"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(o.stdout(), "restarted a1\nrestarted a2\nrestarted a3\n");
}

#[test]
fn exit_code_2_usage_errors_send_nothing() {
    let s = server(Scenario::default());
    let env = Env::new();
    for args in [
        &["restart-state", "--no-such-flag", "u1"][..],
        &["restart-state"][..],
        &["restart-state", "u1", ".."][..],
        &["restart-state", "--retries", "many", "u1"][..],
        &["restart-state", "--timeout", "0", "u1"][..],
    ] {
        let mut c = env.cmd_for(&s.base_url());
        c.args(args);
        let o = c.run();
        o.assert_exit_ctx(2, format_args!("{args:?}"));
        assert_eq!(o.stdout(), "", "{args:?}");
    }
    assert_eq!(requests(&s), 0);
}

#[test]
fn exit_code_3_configuration_error() {
    let env = Env::new();
    let mut c = env.cmd();
    c.env("BIOMETRID_KEY", KEY)
        .args(["--base-url", "http://127.0.0.1:9", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("secret"), "{}", o.stderr());
}

#[test]
fn exit_codes_4_to_9_follow_the_api_message() {
    // One batch through canned replies: each ID alone, so each code is the first failure.
    for (message, exit) in [
        ("AUTHENTICATION_HEADERS_MISSING", 4),
        ("INVALID_AUTHENTICATION_HEADERS", 5),
        ("REQUEST_LIMIT_REACHED", 6),
        ("USERID_NOT_EXISTS", 7),
        ("CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS", 8),
        ("PROBLEM_OCURRED_REPEAT_REQUEST", 9),
    ] {
        let s = server(scenario_with(vec![message_rule("victim", message)]));
        let env = Env::new();
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state", "victim"]);
        let o = c.run();
        o.assert_exit_ctx(exit, format_args!("{message}"));
    }
}

#[test]
fn exit_code_10_server_closes_the_connection() {
    let mut r = Rule::for_user("*");
    r.close = true;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(10);
    assert_json_line(
        &json_lines(&o)[0],
        "u1",
        false,
        "NETWORK_ERROR",
        None,
        10,
        1,
    );
    assert_eq!(requests(&s), 1);
}

#[test]
fn exit_code_10_connection_refused() {
    // A port that was free a moment ago: bind, note it, release it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = Env::new();
    let mut c = env.cmd_for(&format!("http://127.0.0.1:{port}"));
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(10);
    assert!(o.stderr().contains("NETWORK_ERROR"), "{}", o.stderr());
}

#[test]
fn closed_connection_is_retried() {
    let mut r = Rule::for_user("*");
    r.close = true;
    r.times = 1;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--retries", "1", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(json_lines(&o)[0]["attempts"].as_u64(), Some(2));
    assert_eq!(requests(&s), 2);
}

#[test]
fn exit_code_11_slower_than_timeout() {
    let mut r = message_rule("*", "STATE_RESTARTED_WITH_SUCCESS");
    r.delay_ms = 20_000;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--timeout", "0.3", "restart-state", "slow-1"]);
    let started = Instant::now();
    let o = c.run();
    o.assert_exit(11);
    assert_json_line(&json_lines(&o)[0], "slow-1", false, "TIMEOUT", None, 11, 1);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the timeout did not cut the attempt short"
    );
}

#[test]
fn timeouts_are_retried_then_exit_11() {
    let mut r = message_rule("*", "STATE_RESTARTED_WITH_SUCCESS");
    r.delay_ms = 5_000;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "--json",
        "--timeout",
        "0.2",
        "--retries",
        "1",
        "restart-state",
        "u1",
    ]);
    let o = c.run();
    o.assert_exit(11);
    assert_eq!(json_lines(&o)[0]["attempts"].as_u64(), Some(2));
    assert_eq!(requests(&s), 2);
}

#[test]
fn timeout_is_per_attempt_and_a_fast_enough_reply_succeeds() {
    let mut r = message_rule("*", "STATE_RESTARTED_WITH_SUCCESS");
    r.delay_ms = 300;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--timeout", "10", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
}

#[test]
fn exit_code_12_unexpected_response() {
    let s = server(scenario_with(vec![raw_rule("*", 418, "I'm a teapot")]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(12);
    assert_json_line(
        &json_lines(&o)[0],
        "u1",
        false,
        "UNEXPECTED_RESPONSE",
        Some(418),
        12,
        1,
    );
}

#[test]
fn several_ids_exit_with_the_first_failure_in_input_order() {
    let mut slow = message_rule("first-bad", "REQUEST_LIMIT_REACHED");
    slow.delay_ms = 300;
    let s = server(scenario_with(vec![
        slow,
        message_rule("second-bad", "USERID_NOT_EXISTS"),
    ]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "ok-1", "first-bad", "second-bad"]);
    let o = c.run();
    o.assert_exit(6);
}

// ------------------------------------------------------------------- retries

#[test]
fn problem_occurred_is_retried_until_success() {
    let s = server(Scenario {
        fail_first: 2,
        ..Scenario::default()
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--retries", "2", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert_json_line(
        &json_lines(&o)[0],
        "u1",
        true,
        "STATE_RESTARTED_WITH_SUCCESS",
        Some(200),
        0,
        3,
    );
    assert_eq!(requests(&s), 3);
}

#[test]
fn problem_occurred_after_all_retries_is_exit_9() {
    let s = server(Scenario {
        fail_first: 100,
        ..Scenario::default()
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--retries", "1", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(9);
    assert_json_line(
        &json_lines(&o)[0],
        "u1",
        false,
        "PROBLEM_OCURRED_REPEAT_REQUEST",
        Some(500),
        9,
        2,
    );
    assert_eq!(requests(&s), 2);
}

#[test]
fn problem_occurred_human_mode_mentions_attempts() {
    let s = server(Scenario {
        fail_first: 100,
        ..Scenario::default()
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--retries", "1", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(9);
    let err = o.stderr();
    assert!(err.contains("PROBLEM_OCURRED_REPEAT_REQUEST"), "{err}");
    assert!(err.contains("HTTP 500"), "{err}");
    assert!(err.contains('2'), "attempt count: {err}");
}

#[test]
fn retries_zero_turns_retries_off() {
    let s = server(Scenario {
        fail_first: 1,
        ..Scenario::default()
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    // The environment says 5: the flag's 0 must win.
    c.env("BIOMETRID_RETRIES", "5")
        .args(["--json", "--retries", "0", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(9);
    assert_eq!(json_lines(&o)[0]["attempts"].as_u64(), Some(1));
    assert_eq!(requests(&s), 1);
}

#[test]
fn default_is_two_retries() {
    let s = server(scenario_with(vec![rule_with_headers(
        "*",
        "PROBLEM_OCURRED_REPEAT_REQUEST",
        &[("Retry-After", "0")],
    )]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_RETRIES")
        .args(["--json", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(9);
    assert_eq!(json_lines(&o)[0]["attempts"].as_u64(), Some(3));
    assert_eq!(requests(&s), 3);
}

#[test]
fn transient_statuses_are_retried_then_succeed() {
    for status in [503u16, 502, 504, 429] {
        let mut r = raw_rule("*", status, "");
        r.times = 1;
        let s = server(scenario_with(vec![r]));
        let env = Env::new();
        let mut c = env.cmd_for(&s.base_url());
        c.args(["--json", "--retries", "1", "restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(0, format_args!("{status}"));
        assert_json_line(
            &json_lines(&o)[0],
            "u1",
            true,
            "STATE_RESTARTED_WITH_SUCCESS",
            Some(200),
            0,
            2,
        );
        assert_eq!(requests(&s), 2, "{status}");
    }
}

#[test]
fn never_retried_400_401_402_404() {
    for (message, exit) in [
        ("AUTHENTICATION_HEADERS_MISSING", 4),
        ("INVALID_AUTHENTICATION_HEADERS", 5),
        ("REQUEST_LIMIT_REACHED", 6),
        ("USERID_NOT_EXISTS", 7),
        ("CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS", 8),
    ] {
        // Even with a Retry-After that invites a retry.
        let s = server(scenario_with(vec![rule_with_headers(
            "*",
            message,
            &[("Retry-After", "0")],
        )]));
        let env = Env::new();
        let mut c = env.cmd_for(&s.base_url());
        c.args(["--json", "--retries", "3", "restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(exit, format_args!("{message}"));
        assert_eq!(json_lines(&o)[0]["attempts"].as_u64(), Some(1), "{message}");
        assert_eq!(requests(&s), 1, "{message} must not be retried");
    }
}

#[test]
fn retry_after_is_honoured() {
    let mut r = raw_rule("*", 503, "");
    r.headers = vec![("Retry-After".into(), "1".into())];
    r.times = 1;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--retries", "1", "restart-state", "u1"]);
    let started = Instant::now();
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(json_lines(&o)[0]["attempts"].as_u64(), Some(2));
    assert_eq!(requests(&s), 2);
    // A lower bound only: the backoff alone would have waited at most 250 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After: 1 was not waited for ({:?})",
        started.elapsed()
    );
}

#[test]
fn retry_after_on_problem_occurred_is_honoured() {
    let mut r = rule_with_headers(
        "*",
        "PROBLEM_OCURRED_REPEAT_REQUEST",
        &[("Retry-After", "1")],
    );
    r.times = 1;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--retries", "1", "restart-state", "u1"]);
    let started = Instant::now();
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(json_lines(&o)[0]["attempts"].as_u64(), Some(2));
    assert!(started.elapsed() >= Duration::from_millis(950));
}

// -------------------------------------------------------- unexpected replies

fn expect_unexpected(status: u16, body: &str) -> Output {
    let s = server(scenario_with(vec![raw_rule("*", status, body)]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--retries", "2", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit_ctx(12, format_args!("{status} {body:?}"));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    assert_json_line(
        &lines[0],
        "u1",
        false,
        "UNEXPECTED_RESPONSE",
        Some(u64::from(status)),
        12,
        1,
    );
    assert_eq!(requests(&s), 1, "an unexpected 200 is not retried");
    o
}

#[test]
fn body_not_json_is_unexpected() {
    expect_unexpected(200, "STATE_RESTARTED_WITH_SUCCESS");
}

#[test]
fn html_body_is_unexpected() {
    expect_unexpected(
        200,
        "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>",
    );
}

#[test]
fn empty_body_is_unexpected() {
    expect_unexpected(200, "");
}

#[test]
fn json_of_another_shape_is_unexpected() {
    expect_unexpected(200, r#"{"ok":true}"#);
    expect_unexpected(200, r#"{"status":true,"data":{}}"#);
    expect_unexpected(200, r#"["STATE_RESTARTED_WITH_SUCCESS"]"#);
}

#[test]
fn unknown_message_is_unexpected() {
    expect_unexpected(
        200,
        r#"{"status":true,"data":{"message":"STATE_RESTARTED"}}"#,
    );
    // And in human mode the message is named on stderr.
    let s = server(scenario_with(vec![raw_rule(
        "*",
        200,
        r#"{"status":true,"data":{"message":"BRAND_NEW_MESSAGE"}}"#,
    )]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(12);
    assert_eq!(o.stdout(), "");
    assert!(o.stderr().contains("BRAND_NEW_MESSAGE"), "{}", o.stderr());
    assert!(o.stderr().contains("UNEXPECTED_RESPONSE"), "{}", o.stderr());
}

#[test]
fn status_disagreeing_with_message_is_unexpected() {
    let body = |m: &str| format!(r#"{{"status":false,"data":{{"message":"{m}"}}}}"#);
    expect_unexpected(200, &body("USERID_NOT_EXISTS"));
    expect_unexpected(404, &body("STATE_RESTARTED_WITH_SUCCESS"));
    expect_unexpected(401, &body("REQUEST_LIMIT_REACHED"));
    // Through the message rule too: a documented message under another status.
    let mut r = message_rule("*", "STATE_RESTARTED_WITH_SUCCESS");
    r.status = Some(201);
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(12);
    assert_eq!(o.stdout(), "");
}

#[test]
fn other_http_status_is_unexpected() {
    expect_unexpected(
        403,
        r#"{"status":false,"data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#,
    );
    expect_unexpected(204, "");
}

// --------------------------------------------------------- closed stdout pipe

fn many_ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("user-{i:05}")).collect()
}

#[test]
fn closed_stdout_before_writing_ends_quietly() {
    for mode in [&[][..], &["--json"][..]] {
        let s = server(Scenario::default());
        let env = Env::new();
        let mut c = env.cmd_for(&s.base_url());
        c.args(mode)
            .arg("restart-state")
            .args(many_ids(600))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        drop(child.stdout.take()); // the reader is gone before the first line
        let o = wait_bounded(child);
        let err = o.stderr();
        assert!(!err.contains("panicked"), "{mode:?}: {err}");
        assert!(!err.contains("internal error"), "{mode:?}: {err}");
        let status = o.status.code();
        assert!(
            status.is_some(),
            "{mode:?}: killed by a signal: {:?}",
            o.status
        );
        assert_ne!(status, Some(1), "{mode:?}: exit 1 is a bug: {err}");
    }
}

#[test]
fn closed_stdout_while_writing_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.arg("restart-state")
        .args(many_ids(2000))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        // Like `| head -1`: read one line, then close the pipe.
        let mut first = String::new();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        reader.read_line(&mut first).unwrap();
        assert_eq!(first, "restarted user-00000\n");
    }
    let o = wait_bounded(child);
    let err = o.stderr();
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("internal error"), "{err}");
    assert!(
        o.status.code().is_some(),
        "killed by a signal: {:?}",
        o.status
    );
    assert_ne!(o.status.code(), Some(1), "{err}");
}

#[test]
fn closed_pipe_with_ids_unreported_stops_sending_and_exits_141() {
    use std::io::{BufRead, BufReader};
    let s = server(Scenario {
        latency: Duration::from_millis(10),
        ..Scenario::default()
    });
    let env = Env::new();
    let all = many_ids(1000);
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--concurrency", "2"])
        .args(&all)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        // Like `| head -1`: read one line, then close the pipe.
        let mut first = String::new();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        reader.read_line(&mut first).unwrap();
        assert_eq!(first, "restarted user-00000\n");
    }
    let o = wait_bounded(child);
    o.assert_exit(141);
    assert_eq!(o.stderr(), "", "a closed pipe ends quietly");
    let sent = requests(&s);
    assert!(
        sent < all.len() as u64 / 2,
        "{sent} of {} requests sent: sending goes on after the pipe closed",
        all.len()
    );
}

#[test]
fn a_run_whose_every_line_was_written_exits_as_usual() {
    use std::io::Read;
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "a", "b"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let o = wait_bounded(child);
    o.assert_exit(0);
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn stdout_that_cannot_be_written_exits_14_with_a_short_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        cannot_run("no /dev/full here");
        return;
    };
    for mode in [&[][..], &["--json"][..]] {
        let s = server(Scenario::default());
        let env = Env::new();
        let mut c = env.cmd_for(&s.base_url());
        c.arg("restart-state")
            .args(mode)
            .args(["a", "b"])
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped());
        let o = wait_bounded(c.spawn().unwrap());
        let err = o.stderr();
        o.assert_exit_ctx(14, format_args!("{mode:?}"));
        assert!(
            err.contains("error: cannot write to stdout: No space left on device"),
            "{mode:?}: {err}"
        );
        assert!(!err.contains("os error"), "{mode:?}: {err}");
    }
}

#[test]
fn stderr_that_cannot_be_written_exits_14() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        cannot_run("no /dev/full here");
        return;
    };
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    // The failure of missing-1 is reported on stderr, which cannot take it.
    c.args(["restart-state", "ok-1", "missing-1"])
        .stdout(Stdio::piped())
        .stderr(full);
    let o = wait_bounded(c.spawn().unwrap());
    o.assert_exit(14);
    assert_eq!(o.stdout(), "restarted ok-1\n");
}

#[test]
fn verbose_lines_name_their_id() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["-v", "restart-state", "first-id", "second-id"]);
    let o = c.run();
    o.assert_exit(0);
    let err = o.stderr();
    let base = s.base_url();
    for id in ["first-id", "second-id"] {
        assert!(
            err.contains(&format!(
                "{id}: > GET {base}/api/1.0/users/{id}/restart-state"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "{id}: < HTTP 200 STATE_RESTARTED_WITH_SUCCESS in "
            )),
            "{err}"
        );
    }
    assert!(err.contains("(attempt 1/1)"), "{err}");
    assert_no_secret(&o, SECRET);
}

#[test]
fn a_base_url_path_comes_before_the_api_path_and_the_id_stays_one_segment() {
    // Each request's URL is the base URL (parsed once) with its own path: the
    // base's path, trailing slashes trimmed, then the API path with the ID encoded.
    let (server, heads) = RawServer::reply_in_pieces(vec![ok_response()]);
    let env = Env::new();
    let base = format!("{}/gateway/v1//", server.base_url());
    let o = env
        .cmd_for(&base)
        .args(["-v", "restart-state", "a/b?ü#%"])
        .run();
    o.assert_exit(0);
    let head = heads.recv_timeout(Duration::from_secs(5)).unwrap();
    let path = "/gateway/v1/api/1.0/users/a%2Fb%3F%C3%BC%23%25/restart-state";
    assert!(
        head.starts_with(&format!("GET {path} HTTP/1.1\r\n")),
        "{head}"
    );
    // -v shows the URL that was sent.
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!("> GET {}{path} (", server.base_url())),
        "{stderr}"
    );
}

/// `restart-state --help` has the exit table, and it has exactly the README's codes
/// (15, "the API declined", included).
#[test]
fn help_lists_the_readme_exit_codes() {
    let env = Env::new();
    let o = env.cmd().args(["restart-state", "--help"]).run();
    o.assert_exit(0);
    let help = o.stdout();
    let table = help.split_once("Exit codes:\n").expect("an exit table").1;
    let help_codes: Vec<String> = table
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    let readme = readme.unwrap();
    let section = readme.split("## Exit codes").nth(1).unwrap();
    let mut readme_codes: Vec<String> = section
        .lines()
        .skip_while(|l| !l.starts_with("|---"))
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .flat_map(|l| {
            let first = l.split('|').nth(1).unwrap_or_default().to_string();
            first
                .split(',')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut sorted = help_codes.clone();
    sorted.sort();
    readme_codes.sort();
    assert_eq!(sorted, readme_codes, "{table}");
    assert!(
        table.contains(" 15  the API declined"),
        "exit 15 is not in --help: {table}"
    );
}
