//! `biometrid sandbox` and `biometrid sandbox exec`, from the outside: the built
//! binary in a hermetic environment, on free loopback ports only.
#![cfg(unix)]

use crate::util::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_biometrid");
const QUICK_START_ID: &str = "59147e5afdda9b0ac0f5e31f";

/// `biometrid sandbox [ARGS] exec -- CMD...` in `env`.
fn exec(env: &Env, args: &[&str], cmd: &[&str]) -> Output {
    let mut c = env.cmd();
    c.arg("sandbox").arg("exec").args(args).arg("--").args(cmd);
    c.run()
}

/// `sh -c SCRIPT` as a CMD.
fn sh(script: &str) -> Vec<&str> {
    vec!["sh", "-c", script]
}

/// Whether something could be bound to `addr` now (i.e. nothing listens there).
fn port_is_free(addr: SocketAddr) -> bool {
    TcpListener::bind(addr).is_ok()
}

fn addr_of(url: &str) -> SocketAddr {
    url.strip_prefix("http://")
        .unwrap_or_else(|| panic!("not an http URL: {url}"))
        .trim_end_matches('/')
        .parse()
        .unwrap()
}

/// A raw HTTP/1.1 GET with exactly these headers: status and body.
fn raw_get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {text:?}"));
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

fn message_of(body: &str) -> String {
    let v: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON: {body:?}: {e}"));
    v["data"]["message"].as_str().unwrap().to_string()
}

/// `biometrid sandbox` running in the foreground as a child, on a free port.
/// Dropping it sends SIGINT and waits, so no test leaves a server behind.
struct Foreground {
    child: Child,
    url: String,
    banner: serde_json::Value,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Foreground {
    /// Start with `--port 0 --json` and `args`, and read the URL it prints.
    fn start(env: &Env, args: &[&str]) -> Foreground {
        let mut c = env.cmd();
        c.args(["sandbox", "--port", "0", "--json"]).args(args);
        let Spawned {
            child,
            first_line: line,
            stderr,
            ..
        } = spawn_reading_first_line(c);
        let banner: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("banner not JSON: {line:?}: {e}"));
        let url = banner["base_url"].as_str().unwrap().to_string();
        Foreground {
            child,
            url,
            banner,
            stderr: Some(stderr),
        }
    }

    fn addr(&self) -> SocketAddr {
        addr_of(&self.url)
    }

    /// biometrid pointed here with the demo credentials, no retries.
    fn client(&self, env: &Env) -> Command {
        env.cmd_for(&self.url)
    }

    /// SIGINT, then the exit status and everything it wrote on stderr.
    fn interrupt(mut self) -> (ExitStatus, String) {
        send_signal(self.child.id(), "INT");
        let status = wait_status(&mut self.child, Duration::from_secs(20), "SIGINT");
        let stderr = self.stderr.take().unwrap().join().unwrap();
        (status, stderr)
    }
}

impl Drop for Foreground {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = Command::new("kill")
                .arg("-INT")
                .arg(self.child.id().to_string())
                .status();
            let _ = self.child.wait();
        }
    }
}

fn json_of(o: &Output) -> serde_json::Value {
    let lines = json_lines(o);
    assert_eq!(lines.len(), 1, "{}", o.stdout());
    lines.into_iter().next().unwrap()
}

// ---------------------------------------------------------------- exec

#[test]
fn exec_runs_the_quick_start() {
    let env = Env::new();
    let o = exec(&env, &[], &[BIN, "restart-state", QUICK_START_ID]);
    o.assert_exit(0);
    assert_eq!(
        o.stdout().trim(),
        format!("restarted {QUICK_START_ID}"),
        "exec adds nothing to CMD's stdout"
    );
    assert_eq!(o.stderr(), "", "exec adds nothing to CMD's stderr");
}

#[test]
fn exec_points_cmd_at_the_sandbox() {
    let env = Env::new();
    let o = exec(
        &env,
        &[],
        &sh("echo \"$BIOMETRID_BASE_URL $BIOMETRID_KEY $BIOMETRID_SECRET\""),
    );
    o.assert_exit(0);
    let out = o.stdout();
    let parts: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(parts.len(), 3, "{out}");
    let addr = addr_of(parts[0]);
    assert!(addr.ip().is_loopback(), "{addr}");
    assert_ne!(addr.port(), 0);
    assert_eq!(parts[1], KEY);
    assert_eq!(parts[2], SECRET);
}

#[test]
fn exec_passes_the_exit_code_through() {
    let env = Env::new();
    for (script, expected) in [
        ("exit 0", 0),
        ("exit 1", 1),
        ("exit 3", 3),
        ("exit 42", 42),
        ("exit 255", 255),
        ("kill -TERM $$", 128 + 15),
        ("kill -KILL $$", 128 + 9),
    ] {
        let o = exec(&env, &[], &sh(script));
        o.assert_exit_ctx(expected, format_args!("{script}"));
    }
    // The API's outcome, through biometrid's own exit code.
    let o = exec(&env, &[], &[BIN, "restart-state", "missing-user"]);
    o.assert_exit(7);
}

#[test]
fn exec_reports_a_command_that_cannot_run() {
    let env = Env::new();
    let o = exec(&env, &[], &["biometrid-no-such-command-here"]);
    o.assert_exit(127);
    assert!(
        o.stderr()
            .contains("cannot run 'biometrid-no-such-command-here': not found"),
        "{}",
        o.stderr()
    );
    let file = env.file("not-executable.sh", "#!/bin/sh\nexit 0\n");
    set_mode(&file, 0o644);
    let o = exec(&env, &[], &[file.to_str().unwrap()]);
    o.assert_exit(126);
    assert!(o.stderr().contains("cannot run"), "{}", o.stderr());
}

#[test]
fn exec_frees_the_port_and_leaves_no_process_behind() {
    let env = Env::new();
    let o = exec(
        &env,
        &[],
        &sh(&format!(
            "echo \"$BIOMETRID_BASE_URL\"; {BIN} restart-state --quiet u1 && echo up"
        )),
    );
    o.assert_exit(0);
    let out = o.stdout();
    let mut lines = out.lines();
    let addr = addr_of(lines.next().unwrap());
    assert_eq!(lines.next(), Some("up"), "the sandbox served CMD: {out}");
    // exec has returned: nothing may listen there any more.
    assert!(port_is_free(addr), "{addr} still in use after exec ended");
}

#[test]
fn exec_passes_sigterm_sigint_and_sighup_on_to_cmd() {
    for (signal, code_expected) in [("TERM", 7), ("INT", 9), ("HUP", 5)] {
        let env = Env::new();
        let mut c = env.cmd();
        // Its own process group: a terminal running the tests has no say.
        c.process_group(0)
            .args(["sandbox", "exec", "--"])
            .args(sh(&format!(
                "trap 'kill $p; exit {code_expected}' {signal}; sleep 30 & p=$!; \
             echo \"ready $BIOMETRID_BASE_URL\"; wait $p"
            )));
        let Spawned {
            mut child,
            first_line: line,
            stderr,
            ..
        } = spawn_reading_first_line(c);
        let url = line.strip_prefix("ready ").expect(&line);
        let addr = addr_of(url);
        send_signal(child.id(), signal);
        let status = wait_status(&mut child, Duration::from_secs(20), signal);
        assert_eq!(
            status.code(),
            Some(code_expected),
            "SIG{signal}: {}",
            stderr.join().unwrap()
        );
        assert!(port_is_free(addr), "{addr} still in use");
    }
}

#[test]
fn exec_takes_scenario_options_before_or_after_exec() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args([
        "sandbox",
        "--quota",
        "0",
        "exec",
        "--missing-prefix",
        "gone",
        "--",
    ])
    .args([BIN, "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit_ctx(6, "quota 0 before exec");
    let o = exec(
        &env,
        &["--missing-prefix", "gone"],
        &[BIN, "restart-state", "gone-1"],
    );
    o.assert_exit(7);
}

#[test]
fn exec_gives_cmd_a_non_demo_client_without_printing_its_secret() {
    let env = Env::new();
    let secret = "s3cr3t-not-for-printing";
    let client = format!("acme:{secret}");
    let o = exec(
        &env,
        &["-v", "--client", &client],
        &sh(&format!(
            "test \"$BIOMETRID_KEY\" = acme && test \"$BIOMETRID_SECRET\" = '{secret}' && \
             {BIN} restart-state --quiet u1"
        )),
    );
    o.assert_exit(0);
    // -v: the sandbox says where it is and logs the request, never the secret.
    let err = o.stderr();
    assert!(err.contains("sandbox: serving http://127.0.0.1:"), "{err}");
    assert!(
        err.contains("GET /api/1.0/users/u1/restart-state 200 STATE_RESTARTED_WITH_SUCCESS"),
        "{err}"
    );
    assert_no_secret(&o, secret);
}

// ---------------------------------------------------------- foreground

#[test]
fn foreground_prints_its_url_serves_and_stops_on_sigint() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["sandbox", "--port", "0"]);
    let Spawned {
        mut child,
        first_line: first,
        stderr,
        ..
    } = spawn_reading_first_line(c);
    assert!(first.contains("http://127.0.0.1:"), "{first}");
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    let addr = addr_of(&url);
    assert_ne!(addr.port(), 0);

    let mut client = env.cmd_for(&url);
    client.args(["restart-state", QUICK_START_ID]);
    let o = client.run();
    o.assert_exit(0);

    send_signal(child.id(), "INT");
    let status = wait_status(&mut child, Duration::from_secs(20), "INT");
    assert_eq!(status.code(), Some(0), "exit 0 after Ctrl-C");
    let err = stderr.join().unwrap();
    assert!(err.contains("stopped by SIGINT"), "{err}");
    assert!(
        port_is_free(addr),
        "{addr} still in use after the sandbox ended"
    );
}

#[test]
fn foreground_human_banner_is_ready_to_paste() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["sandbox", "--port", "0"]).stdout(Stdio::piped());
    c.stderr(Stdio::null());
    let mut child = c.spawn().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..4 {
        let mut l = String::new();
        out.read_line(&mut l).unwrap();
        lines.push(l.trim_end().to_string());
    }
    send_signal(child.id(), "TERM");
    let status = wait_status(&mut child, Duration::from_secs(20), "TERM");
    assert_eq!(status.code(), Some(0), "exit 0 after SIGTERM");
    assert!(
        lines[1].starts_with("export BIOMETRID_BASE_URL=http://127.0.0.1:"),
        "{lines:?}"
    );
    assert_eq!(lines[2], format!("export BIOMETRID_KEY={KEY}"));
    assert_eq!(lines[3], format!("export BIOMETRID_SECRET={SECRET}"));
}

#[test]
fn foreground_json_banner_hides_a_non_demo_secret() {
    let env = Env::new();
    let sb = Foreground::start(&env, &["--client", "acme:hidden-secret-value"]);
    assert_eq!(sb.banner["key"], "acme");
    assert!(sb.banner["secret"].is_null(), "{}", sb.banner);
    assert_eq!(sb.banner["pid"], sb.child.id());
    let (status, err) = sb.interrupt();
    assert_eq!(status.code(), Some(0));
    assert!(!err.contains("hidden-secret-value"), "{err}");

    let sb = Foreground::start(&env, &[]);
    assert_eq!(sb.banner["key"], KEY);
    assert_eq!(sb.banner["secret"], SECRET);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let env = Env::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    for args in [
        vec!["sandbox", "--port", port.as_str()],
        vec!["sandbox", "--listen", &format!("127.0.0.1:{port}")],
    ] {
        let mut c = env.cmd();
        c.args(&args);
        let o = c.run();
        o.assert_exit_ctx(3, format_args!("{args:?}"));
        let err = o.stderr();
        assert!(
            err.contains(&format!("error: cannot listen on 127.0.0.1:{port}")),
            "{err}"
        );
        assert!(err.to_lowercase().contains("in use"), "{err}");
        assert!(err.contains("--port 0"), "a hint: {err}");
        assert_eq!(o.stdout(), "", "no banner for a server that is not there");
    }
}

/// `--rate` and `--connect-timeout` reach CMD like `--timeout` (they were dropped),
/// and a biometrid inside CMD paces itself by that rate.
#[test]
fn exec_passes_rate_and_connect_timeout_on_to_cmd() {
    let env = Env::new();
    let o = exec(
        &env,
        &["--rate", "2/s", "--connect-timeout", "3"],
        &sh("echo \"$BIOMETRID_RATE|$BIOMETRID_CONNECT_TIMEOUT\""),
    );
    o.assert_exit(0);
    assert_eq!(o.stdout().trim(), "2/s|3");
    let o = exec(&env, &["--rate", "2/s"], &[BIN, "config", "show", "--json"]);
    o.assert_exit(0);
    let shown = json_of(&o);
    assert_eq!(shown["rate"]["value"], "2/s", "{shown}");
    assert_eq!(shown["rate"]["source"], "env BIOMETRID_RATE", "{shown}");
    // Paced: 3 IDs at 2/s take at least a second (the first goes at once).
    let began = Instant::now();
    let o = exec(
        &env,
        &["--rate", "2/s"],
        &[BIN, "restart-state", "--quiet", "u1", "u2", "u3"],
    );
    o.assert_exit(0);
    assert!(
        began.elapsed() >= Duration::from_millis(950),
        "not paced: {:?}",
        began.elapsed()
    );
}

/// `sandbox exec --port N`: the same base URL in every run, so a journal written
/// against the sandbox is resumed against it (another port is another base URL,
/// which a journal refuses).
#[test]
fn exec_takes_a_port_so_a_journal_can_be_resumed() {
    let env = Env::new();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let journal = env.dir.path().join("run.jsonl");
    let journal = journal.to_str().unwrap();
    let run = |ids: &[&str]| {
        let mut cmd = vec![
            BIN,
            "restart-state",
            "--journal",
            journal,
            "--resume",
            "--json",
        ];
        cmd.extend(ids);
        exec(&env, &["--port", &port], &cmd)
    };
    let o = run(&["u1"]);
    o.assert_exit(0);
    let o = run(&["u1", "u2"]);
    o.assert_exit(0);
    let lines: Vec<serde_json::Value> = o
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["resumed"], true, "{}", o.stdout());
    assert_eq!(lines[1]["user_id"], "u2", "{}", o.stdout());
    assert!(lines[1]["resumed"].is_null(), "{}", o.stdout());
    // --listen stays the foreground sandbox's.
    let mut c = env.cmd();
    c.args(["sandbox", "exec", "--listen", "127.0.0.1", "--", "true"]);
    c.run().assert_exit(2);
}

/// The one rule: client settings with an environment variable go on to CMD through
/// it; the ones the sandbox sets itself (and those that cannot apply) are refused
/// before CMD runs; the foreground sandbox, with no CMD, refuses them all.
#[test]
fn exec_passes_client_settings_to_cmd_and_refuses_those_it_sets() {
    let env = Env::new();
    let echo =
        sh("echo \"$BIOMETRID_TIMEOUT|$BIOMETRID_RETRIES|$BIOMETRID_PROFILE|$BIOMETRID_CONFIG\"");
    // Before `sandbox`, between `sandbox` and `exec`, and after `exec`.
    for (before, after) in [
        (
            &["--timeout", "1.5", "--retries", "0"][..],
            &["--profile", "ci", "--config", "/x/c.toml"][..],
        ),
        (
            &[][..],
            &[
                "--timeout",
                "1.5",
                "--retries",
                "0",
                "--profile",
                "ci",
                "--config",
                "/x/c.toml",
            ][..],
        ),
    ] {
        let mut c = env.cmd();
        c.args(before)
            .args(["sandbox", "exec"])
            .args(after)
            .arg("--")
            .args(&echo);
        let o = c.run();
        o.assert_exit(0);
        assert_eq!(o.stdout().trim(), "1.5|0|ci|/x/c.toml");
    }
    // A biometrid inside CMD takes them as environment settings.
    let o = exec(
        &env,
        &["--timeout", "2.5"],
        &[BIN, "config", "show", "--json"],
    );
    o.assert_exit(0);
    let shown = json_of(&o);
    assert_eq!(shown["timeout"]["value"], 2.5, "{shown}");
    assert_eq!(
        shown["timeout"]["source"], "env BIOMETRID_TIMEOUT",
        "{shown}"
    );
    assert_eq!(
        shown["key"]["value"], KEY,
        "the sandbox's key still wins: {shown}"
    );

    let marker = env.dir.path().join("ran");
    let touch = format!("touch '{}'", marker.display());
    for (flag, value, says) in [
        ("--key", Some("k"), "--client KEY:SECRET"),
        (
            "--base-url",
            Some("http://127.0.0.1:9"),
            "--client KEY:SECRET",
        ),
        ("--secret-file", Some("/dev/null"), "--client KEY:SECRET"),
        ("--cacert", Some("/dev/null"), "plain HTTP on loopback"),
        ("--allow-insecure-http", None, "plain HTTP on loopback"),
    ] {
        let mut args = vec![flag];
        args.extend(value);
        let o = exec(&env, &args, &sh(&touch));
        o.assert_exit_ctx(2, format_args!("{flag}"));
        assert!(o.stderr().contains(flag), "{flag}: {}", o.stderr());
        assert!(o.stderr().contains(says), "{flag}: {}", o.stderr());
        assert!(!marker.exists(), "{flag}: CMD ran");
    }
    for (flag, var) in [
        ("--timeout", "BIOMETRID_TIMEOUT"),
        ("--connect-timeout", "BIOMETRID_CONNECT_TIMEOUT"),
        ("--rate", "BIOMETRID_RATE"),
        ("--retries", "BIOMETRID_RETRIES"),
        ("--profile", "BIOMETRID_PROFILE"),
        ("--config", "BIOMETRID_CONFIG"),
    ] {
        let mut c = env.cmd();
        c.args(["sandbox", "--port", "0", flag, "1"]);
        let o = c.run();
        o.assert_exit_ctx(2, format_args!("{flag}"));
        assert!(o.stderr().contains(var), "{flag}: {}", o.stderr());
        assert!(
            o.stderr().contains("sandbox exec"),
            "{flag}: {}",
            o.stderr()
        );
    }
}

#[test]
fn usage_errors_exit_2_and_never_echo_a_secret() {
    let env = Env::new();
    let cases: &[&[&str]] = &[
        &["sandbox", "--key", "k"],
        &["sandbox", "--secret", "topsecret-value"],
        &["sandbox", "--client", "topsecret-value"],
        &["sandbox", "--client", "key:"],
        &["sandbox", "--failure-rate", "1.5"],
        &["sandbox", "--reply", "u1=NOT_A_MESSAGE"],
        &["sandbox", "--listen", "example.com"],
        &["sandbox", "--listen", "127.0.0.1", "exec", "--", "true"],
        &["sandbox", "--rate", "1/s"],
        &["sandbox", "--connect-timeout", "1"],
        &["sandbox", "exec"],
    ];
    for args in cases {
        let mut c = env.cmd();
        c.args(*args);
        let o = c.run();
        o.assert_exit_ctx(2, format_args!("{args:?}"));
        assert!(o.stderr().contains("error"), "{args:?}: {}", o.stderr());
        assert_no_secret(&o, "topsecret-value");
    }
}

// ------------------------------------------------------ scenario knobs

/// Every documented reply (docs/api-endpoints.md) can be produced, each the documented way.
#[test]
fn every_documented_reply_can_be_produced() {
    let env = Env::new();
    let sb = Foreground::start(&env, &["--quota", "3", "--fail-first", "0"]);
    let addr = sb.addr();
    let path = "/api/1.0/users/u1/restart-state";
    // 400: a request without the headers (or with one of them).
    for headers in [vec![], vec![("x-biometrid-key", KEY)]] {
        let (status, body) = raw_get(addr, path, &headers);
        assert_eq!(
            (status, message_of(&body).as_str()),
            (400, "AUTHENTICATION_HEADERS_MISSING")
        );
    }
    // 404: a key no client has.
    let (status, body) = raw_get(
        addr,
        path,
        &[
            ("x-biometrid-key", "nobody"),
            ("x-biometrid-secret", SECRET),
        ],
    );
    assert_eq!(
        (status, message_of(&body).as_str()),
        (404, "CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS")
    );
    // 401: the right key, a wrong secret.
    let mut c = sb.client(&env);
    c.env("BIOMETRID_SECRET", "wrong")
        .args(["restart-state", "u1"]);
    c.run().assert_exit(5);
    // 200, 404 USERID_NOT_EXISTS, then 402 once the quota of 3 is used.
    for (id, expected) in [("u1", 0), ("missing-1", 7), ("u2", 0), ("u3", 6)] {
        let mut c = sb.client(&env);
        c.args(["restart-state", id]);
        let o = c.run();
        o.assert_exit_ctx(expected, format_args!("{id}"));
    }
    let (status, body) = raw_get(
        addr,
        path,
        &[("x-biometrid-key", KEY), ("x-biometrid-secret", SECRET)],
    );
    assert_eq!(
        (status, message_of(&body).as_str()),
        (402, "REQUEST_LIMIT_REACHED")
    );
    drop(sb);

    // 500 and any other message on demand, per ID, with --reply.
    let mut args = Vec::new();
    let expected = [
        ("STATE_RESTARTED_WITH_SUCCESS", 0),
        ("AUTHENTICATION_HEADERS_MISSING", 4),
        ("INVALID_AUTHENTICATION_HEADERS", 5),
        ("REQUEST_LIMIT_REACHED", 6),
        ("USERID_NOT_EXISTS", 7),
        ("CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS", 8),
        ("PROBLEM_OCURRED_REPEAT_REQUEST", 9),
    ];
    for (i, (m, _)) in expected.iter().enumerate() {
        args.push("--reply".to_string());
        args.push(format!("r{i}={m}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let sb = Foreground::start(&env, &args);
    for (i, (m, exit)) in expected.iter().enumerate() {
        let mut c = sb.client(&env);
        c.args(["--json", "restart-state", &format!("r{i}")]);
        let o = c.run();
        o.assert_exit_ctx(*exit, format_args!("{m}"));
        assert_eq!(json_of(&o)["message"], *m);
    }
    // `*` answers every ID.
    let o = exec(
        &env,
        &["--reply", "*=PROBLEM_OCURRED_REPEAT_REQUEST"],
        &[BIN, "--retries", "0", "restart-state", "any-id"],
    );
    o.assert_exit(9);
}

#[test]
fn clients_from_flags_replace_the_demo_pair() {
    let env = Env::new();
    let sb = Foreground::start(
        &env,
        &["--client", "acme:one", "--client", "beta:two:with:colons"],
    );
    for (key, secret, expected) in [
        ("acme", "one", 0),
        ("beta", "two:with:colons", 0),
        ("acme", "two:with:colons", 5),
        (KEY, SECRET, 8),
    ] {
        let mut c = sb.client(&env);
        c.env("BIOMETRID_KEY", key)
            .env("BIOMETRID_SECRET", secret)
            .args(["restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(expected, format_args!("{key}"));
    }
}

#[test]
fn users_default_list_and_missing_prefix() {
    let env = Env::new();
    let check = |args: &[&str], cases: &[(&str, i32)]| {
        let sb = Foreground::start(&env, args);
        for (id, expected) in cases {
            let mut c = sb.client(&env);
            c.args(["restart-state", id]);
            let o = c.run();
            o.assert_exit_ctx(*expected, format_args!("{args:?} {id}"));
        }
    };
    check(
        &[],
        &[
            ("anyone", 0),
            ("missing", 7),
            ("missing-42", 7),
            ("not-missing", 0),
        ],
    );
    check(
        &["--user", "alice", "--user", "bob"],
        &[("alice", 0), ("bob", 0), ("carol", 7)],
    );
    check(
        &["--missing-prefix", "gone-"],
        &[("gone-1", 7), ("missing-1", 0)],
    );
    check(&["--missing-prefix", ""], &[("missing-1", 0)]);
}

#[test]
fn quota_counts_every_client_exactly_under_concurrency() {
    let env = Env::new();
    let sb = Foreground::start(&env, &["--quota", "500"]);
    let ids = env.file(
        "ids.txt",
        &(0..300).map(|i| format!("user-{i}\n")).collect::<String>(),
    );
    // Four clients at once, 16 requests in flight each: 1,200 wanted, 500 allowed.
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let mut c = sb.client(&env);
            c.args([
                "--json",
                "restart-state",
                "--concurrency",
                "16",
                "--from-file",
            ])
            .arg(&ids);
            std::thread::spawn(move || c.run())
        })
        .collect();
    let outputs: Vec<Output> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let mut restarted = 0;
    for o in &outputs {
        let lines = json_lines(o);
        assert_eq!(lines.len(), 300, "{}", o.stderr());
        restarted += lines
            .iter()
            .filter(|l| l["message"] == "STATE_RESTARTED_WITH_SUCCESS")
            .count();
        assert!(
            lines
                .iter()
                .all(|l| l["message"] != "PROBLEM_OCURRED_REPEAT_REQUEST")
        );
    }
    assert_eq!(restarted, 500, "exactly the quota is served");
    assert!(outputs.iter().any(|o| o.code() == 6));
}

#[test]
fn fail_first_fails_the_first_tries_of_each_id() {
    let env = Env::new();
    let sb = Foreground::start(&env, &["--fail-first", "2"]);
    for (id, expected) in [
        ("a", 9),
        ("b", 9),
        ("a", 9),
        ("a", 0),
        ("b", 9),
        ("b", 0),
        ("a", 0),
    ] {
        let mut c = sb.client(&env);
        c.args(["restart-state", id]);
        let o = c.run();
        o.assert_exit_ctx(expected, format_args!("{id}"));
    }
    // A client that retries gets through on its third attempt.
    let mut c = sb.client(&env);
    c.args(["--retries", "2", "--json", "restart-state", "c"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(json_of(&o)["attempts"], 3);
}

#[test]
fn latency_delays_every_reply() {
    let env = Env::new();
    let sb = Foreground::start(&env, &["--latency", "400ms"]);
    let started = Instant::now();
    let mut c = sb.client(&env);
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
    // A client with a shorter timeout gives up: TIMEOUT, exit 11.
    let mut c = sb.client(&env);
    c.args(["--timeout", "0.1", "restart-state", "u1"]);
    c.run().assert_exit(11);
}

#[test]
fn jitter_adds_a_random_delay() {
    let env = Env::new();
    let sb = Foreground::start(&env, &["--jitter", "600ms", "--seed", "1"]);
    let started = Instant::now();
    let mut c = sb.client(&env);
    c.args(["--quiet", "restart-state", "--concurrency", "20"])
        .args((0..20).map(|i| format!("u{i}")));
    let o = c.run();
    o.assert_exit(0);
    // The longest of 20 draws up to 600 ms is well over 200 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
}

/// The IDs that got PROBLEM_OCURRED_REPEAT_REQUEST from a sandbox with `args`.
fn failed_ids(env: &Env, args: &[&str], concurrency: &str) -> Vec<String> {
    let ids = env.file(
        "rate-ids.txt",
        &(0..400).map(|i| format!("id-{i}\n")).collect::<String>(),
    );
    let sb = Foreground::start(env, args);
    let mut c = sb.client(env);
    c.args([
        "--json",
        "restart-state",
        "--concurrency",
        concurrency,
        "--from-file",
    ])
    .arg(&ids);
    let o = c.run();
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 400, "{}", o.stderr());
    lines
        .iter()
        .filter(|l| l["message"] == "PROBLEM_OCURRED_REPEAT_REQUEST")
        .map(|l| l["user_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn failure_rate_is_reproducible_with_a_seed() {
    let env = Env::new();
    let a = failed_ids(&env, &["--failure-rate", "0.3", "--seed", "7"], "1");
    assert!(
        (80..160).contains(&a.len()),
        "about 30% of 400: {}",
        a.len()
    );
    // The same seed fails the same IDs, whatever the concurrency.
    let b = failed_ids(&env, &["--failure-rate", "0.3", "--seed", "7"], "16");
    assert_eq!(a, b);
    let c = failed_ids(&env, &["--failure-rate", "0.3", "--seed", "8"], "16");
    assert_ne!(a, c, "another seed, other failures");
    assert_eq!(failed_ids(&env, &["--failure-rate", "1"], "8").len(), 400);
    assert_eq!(failed_ids(&env, &["--failure-rate", "0"], "8").len(), 0);
}

#[test]
fn scenario_file_sets_every_knob_and_flags_win() {
    let env = Env::new();
    let file = env.file(
        "scenario.toml",
        r#"
# Who may call, who exists, and what goes wrong.
users = ["alice", "bob", "carol", "dave"]
quota = 4
fail_first = 1
latency_ms = 150
seed = 3
failure_rate = 0.0

[[clients]]
key = "file-key"
secret = "file-secret"

[[rule]]
user = "carol"
message = "USERID_NOT_EXISTS"
"#,
    );
    let file_arg = file.to_str().unwrap();
    let sb = Foreground::start(&env, &["--scenario", file_arg]);
    assert_eq!(sb.banner["key"], "file-key");
    assert!(
        sb.banner["secret"].is_null(),
        "not the demo secret: {}",
        sb.banner
    );
    let client = |id: &str| {
        let mut c = sb.client(&env);
        c.env("BIOMETRID_KEY", "file-key")
            .env("BIOMETRID_SECRET", "file-secret")
            .args(["restart-state", id]);
        c
    };
    let started = Instant::now();
    client("alice").run().assert_exit_ctx(9, "fail_first = 1");
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "latency_ms"
    );
    client("alice").run().assert_exit(0);
    client("carol")
        .run()
        .assert_exit_ctx(7, "[[rule]], which costs no quota");
    client("erin").run().assert_exit_ctx(9, "fail_first");
    client("erin").run().assert_exit_ctx(7, "not in users");
    client("bob").run().assert_exit_ctx(6, "quota = 4 used up");
    let mut demo = sb.client(&env);
    demo.args(["restart-state", "alice"]);
    demo.run()
        .assert_exit_ctx(8, "the file's clients replace the demo pair");
    drop(sb);

    // Flags win over the file.
    let sb = Foreground::start(
        &env,
        &[
            "--scenario",
            file_arg,
            "--client",
            "demo-key:demo-secret",
            "--quota",
            "100",
            "--fail-first",
            "0",
        ],
    );
    for (id, expected) in [("alice", 0), ("erin", 7)] {
        let mut c = sb.client(&env);
        c.args(["restart-state", id]);
        c.run().assert_exit_ctx(expected, format_args!("{id}"));
    }
}

/// `users` and `missing_prefix` are alternatives, in flags, in a file, and
/// across the two: the flag does not silently replace the file's other choice.
#[test]
fn users_and_missing_prefix_from_file_and_flag_are_refused_together() {
    let env = Env::new();
    let users = env.file("users.toml", "users = [\"a\"]\n");
    let prefix = env.file("prefix.toml", "missing_prefix = \"gone-\"\n");
    for (file, flag, names) in [
        (
            &users,
            ["--missing-prefix", "foo"],
            ["users", "--missing-prefix"],
        ),
        (&prefix, ["--user", "a"], ["missing_prefix", "--user"]),
    ] {
        let mut args = vec!["--scenario", file.to_str().unwrap()];
        args.extend(flag);
        let o = exec(&env, &args, &[BIN, "restart-state", "zz"]);
        o.assert_exit(2);
        for name in names {
            assert!(o.stderr().contains(name), "{name}: {}", o.stderr());
        }
    }
    let both = env.file("both.toml", "users = [\"a\"]\nmissing_prefix = \"gone-\"\n");
    let o = exec(&env, &["--scenario", both.to_str().unwrap()], &["true"]);
    o.assert_exit(3);
    assert!(o.stderr().contains("both.toml"), "{}", o.stderr());
    // The same knob in both: the flag wins, as for every knob.
    let args = ["--scenario", users.to_str().unwrap(), "--user", "b"];
    exec(&env, &args, &[BIN, "restart-state", "b"]).assert_exit(0);
    let args = [
        "--scenario",
        prefix.to_str().unwrap(),
        "--missing-prefix",
        "x",
    ];
    exec(&env, &args, &[BIN, "restart-state", "gone-1"]).assert_exit(0);
}

#[test]
fn a_bad_scenario_file_is_a_configuration_error() {
    let env = Env::new();
    let file = env.file("bad.toml", "quota = 5\nfail_frist = 1\n");
    let mut c = env.cmd();
    c.args(["sandbox", "--port", "0", "--scenario"]).arg(&file);
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("bad.toml, line 2"), "{}", o.stderr());
    assert!(o.stderr().contains("fail_frist"), "{}", o.stderr());

    let file = env.file("rate.toml", "failure_rate = 2.0\n");
    let o = exec(&env, &["--scenario", file.to_str().unwrap()], &["true"]);
    o.assert_exit(3);
    assert!(o.stderr().contains("rate.toml"), "{}", o.stderr());

    let o = exec(
        &env,
        &[
            "--scenario",
            env.dir.path().join("absent.toml").to_str().unwrap(),
        ],
        &["true"],
    );
    o.assert_exit(3);
    assert!(o.stderr().contains("absent.toml"), "{}", o.stderr());
}

/// A value the file's types allow but the sandbox cannot use is exit 3 naming
/// the file and the value's line, as `sandbox --help` promises.
#[test]
fn bad_scenario_values_are_refused_naming_the_file_and_line() {
    let env = Env::new();
    for (name, text, line, why) in [
        (
            "engine.toml",
            "quota = 1\n[[user]]\nid = \"u\"\nenrolled = [\"face\", \"fingerprint\"]\n",
            4,
            "face or voice",
        ),
        (
            "mac.toml",
            "[[user]]\nid = \"u\"\nmac = \"zz\"\n",
            3,
            "six hex pairs",
        ),
        (
            "status.toml",
            "[[rule]]\nuser = \"*\"\nstatus = 999\n",
            3,
            "100 to 599",
        ),
        (
            "status99.toml",
            "[[rule]]\nuser = \"*\"\nstatus = 99\n",
            3,
            "100 to 599",
        ),
        (
            "idle.toml",
            "quota = 1\n\n[[rule]]\nuser = \"*\"\n",
            3,
            "what to answer",
        ),
        (
            "rate.toml",
            "seed = 1\nfailure_rate = 1.5\n",
            2,
            "0.0 to 1.0",
        ),
    ] {
        let file = env.file(name, text);
        let o = exec(&env, &["--scenario", file.to_str().unwrap()], &["true"]);
        o.assert_exit(3);
        let err = o.stderr();
        assert!(
            err.contains(&format!("{name}, line {line}")),
            "{name}: {err}"
        );
        assert!(err.contains(why), "{name}: {err}");
    }
    // Good values still pass: a MAC in either form, every engine, a rule that closes.
    let file = env.file(
        "good.toml",
        "[[user]]\nid = \"u\"\nenrolled = [\"face\", \"voice\"]\nmac = \"AA-BB-CC-DD-EE-FF\"\n\
         [[rule]]\nuser = \"x\"\nclose = true\n[[rule]]\nuser = \"y\"\nstatus = 599\n",
    );
    exec(&env, &["--scenario", file.to_str().unwrap()], &["true"]).assert_exit(0);
    // The flag refuses an engine as it refuses a MAC: a usage error.
    let o = exec(&env, &["--enrolled", "u=face,fingerprint"], &["true"]);
    o.assert_exit(2);
    assert!(o.stderr().contains("face or voice"), "{}", o.stderr());
}

#[test]
fn scenario_file_errors_never_quote_a_secret_and_escape_control_characters() {
    let env = Env::new();
    let secret = "scenario-secret-must-not-appear";
    // A `clients` entry written as "KEY:SECRET" (the flag's form) is a wrong type.
    let file = env.file("clients.toml", &format!("clients = [\"acme:{secret}\"]\n"));
    let o = exec(&env, &["--scenario", file.to_str().unwrap()], &["true"]);
    o.assert_exit(3);
    assert!(
        o.stderr().contains("clients.toml, line 1"),
        "{}",
        o.stderr()
    );
    assert_no_secret(&o, secret);
    assert_no_secret(&o, "acme:");

    // Text from the file is escaped, never sent raw to the terminal.
    let file = env.file(
        "controls.toml",
        "[[rule]]\nuser = \"u\\u001b]0;evil\\u0007\"\nmessage = \"NOPE\"\n",
    );
    let o = exec(&env, &["--scenario", file.to_str().unwrap()], &["true"]);
    o.assert_exit(3);
    assert!(!o.stderr().contains('\x1b'), "{:?}", o.stderr());
    assert!(o.stderr().contains("\\u{1b}"), "{}", o.stderr());

    // A parser message with a continuation line reads as one line.
    let file = env.file("syntax.toml", "quota = 1\n[[rule]\n");
    let o = exec(&env, &["--scenario", file.to_str().unwrap()], &["true"]);
    o.assert_exit(3);
    assert!(o.stderr().contains("syntax.toml, line 2"), "{}", o.stderr());
    assert!(!o.stderr().contains("\\n"), "{}", o.stderr());
}

#[test]
fn an_unreadable_or_endless_scenario_file_is_exit_3_at_once() {
    let env = Env::new();
    let looped = env.dir.path().join("loop.toml");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let o = exec(&env, &["--scenario", looped.to_str().unwrap()], &["true"]);
    o.assert_exit(3);
    assert!(
        o.stderr().contains("cannot read scenario"),
        "{}",
        o.stderr()
    );
    assert!(o.stderr().contains("symbolic links"), "{}", o.stderr());

    for dev in ["/dev/zero", "/dev/urandom"] {
        let mut c = env.cmd();
        c.args(["sandbox", "--port", "0", "--scenario", dev]);
        let o = c.run();
        o.assert_exit(3);
        assert!(
            o.stderr()
                .contains(&format!("scenario {dev} is larger than 1 MiB")),
            "{}",
            o.stderr()
        );
    }
}

// ----------------------------------------------------------------- log

#[test]
fn log_appends_one_json_line_per_request_without_the_secret() {
    let env = Env::new();
    let log = env.dir.path().join("requests.jsonl");
    let secret = "log-secret-must-not-appear";
    let client = format!("acme:{secret}");
    let log_arg = log.to_str().unwrap();
    let sb = Foreground::start(&env, &["--client", &client, "--log", log_arg]);
    let addr = sb.addr();
    let mut c = sb.client(&env);
    c.env("BIOMETRID_KEY", "acme")
        .env("BIOMETRID_SECRET", secret)
        .args(["restart-state", "--concurrency", "1", "u1", "missing-2"]);
    c.run().assert_exit(7);
    let mut c = sb.client(&env);
    c.env("BIOMETRID_KEY", "acme")
        .env("BIOMETRID_SECRET", "wrong-secret-also-not-logged")
        .args(["restart-state", "u3"]);
    c.run().assert_exit(5);
    let (status, _) = raw_get(addr, "/api/1.0/users/u4/restart-state", &[]);
    assert_eq!(status, 400);
    let (status, _) = sb.interrupt();
    assert_eq!(status.code(), Some(0));

    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.contains(secret), "{text}");
    assert!(!text.contains("wrong-secret-also-not-logged"), "{text}");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect();
    let summary: Vec<(String, u64, String, bool)> = lines
        .iter()
        .map(|l| {
            for field in [
                "time",
                "method",
                "path",
                "user_id",
                "status",
                "message",
                "credentials_valid",
            ] {
                assert!(l.get(field).is_some(), "no {field}: {l}");
            }
            assert_eq!(l["method"], "GET");
            assert!(l["time"].as_str().unwrap().ends_with('Z'), "{l}");
            assert_eq!(
                l["path"],
                format!(
                    "/api/1.0/users/{}/restart-state",
                    l["user_id"].as_str().unwrap()
                )
            );
            (
                l["user_id"].as_str().unwrap().to_string(),
                l["status"].as_u64().unwrap(),
                l["message"].as_str().unwrap().to_string(),
                l["credentials_valid"].as_bool().unwrap(),
            )
        })
        .collect();
    let s = |id: &str, st: u64, m: &str, v: bool| (id.to_string(), st, m.to_string(), v);
    assert_eq!(
        summary,
        [
            s("u1", 200, "STATE_RESTARTED_WITH_SUCCESS", true),
            s("missing-2", 404, "USERID_NOT_EXISTS", true),
            s("u3", 401, "INVALID_AUTHENTICATION_HEADERS", false),
            s("u4", 400, "AUTHENTICATION_HEADERS_MISSING", false),
        ]
    );

    // A second run appends.
    let o = exec(&env, &["--log", log_arg], &[BIN, "restart-state", "u5"]);
    o.assert_exit(0);
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().count(), 5);
    assert!(text.lines().last().unwrap().contains("\"user_id\":\"u5\""));
}

/// A client's secret or key in the request path (whole, in another case,
/// percent-encoded, or a 6-character run of the secret) never reaches the log
/// or the `-v` lines: it is `***` there, and the lines still exist.
#[test]
fn log_and_verbose_lines_scrub_a_secret_or_key_in_the_path() {
    let env = Env::new();
    let log = env.dir.path().join("l.jsonl");
    let (key, secret) = ("ci-key", "Sup3rS3cretValue");
    let (key2, secret2) = ("other-client-key", "An0therSecret42");
    let sb = Foreground::start(
        &env,
        &[
            "-v",
            "--client",
            &format!("{key}:{secret}"),
            "--client",
            &format!("{key2}:{secret2}"),
            "--log",
            log.to_str().unwrap(),
        ],
    );
    let addr = sb.addr();
    let ids = [
        secret.to_string(),
        key.to_string(),
        secret.to_lowercase(),
        key2.to_uppercase(),
        secret2.to_string(),
        // %53 = 'S', %2D = '-': a percent-encoded byte anywhere.
        "%53up3rS3cretValue".to_string(),
        "ci%2Dkey".to_string(),
        // A run of the secret inside another ID.
        "x-S3cretVal-y".to_string(),
    ];
    for id in &ids {
        let path = format!("/api/1.0/users/{id}/restart-state");
        let headers = [
            (biometrid_protocol::KEY_HEADER, key),
            (biometrid_protocol::SECRET_HEADER, secret),
        ];
        raw_get(addr, &path, &headers);
    }
    let (status, stderr) = sb.interrupt();
    assert_eq!(status.code(), Some(0), "{stderr}");
    let text = std::fs::read_to_string(&log).unwrap();
    for (what, out) in [("log", &text), ("stderr", &stderr)] {
        let lower = out.to_lowercase();
        for needle in [
            secret,
            key,
            secret2,
            key2,
            "%53up3r",
            "ci%2dkey",
            "s3cretval",
        ] {
            assert!(
                !lower.contains(&needle.to_lowercase()),
                "{needle} in {what}: {out}"
            );
        }
    }
    assert_eq!(text.lines().count(), ids.len(), "{text}");
    for line in text.lines() {
        let l: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(l["path"].as_str().unwrap().contains("***"), "{line}");
        assert!(l["user_id"].as_str().unwrap().contains("***"), "{line}");
        assert!(
            l["path"].as_str().unwrap().ends_with("/restart-state"),
            "{line}"
        );
    }
    let verbose: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(" GET /api/1.0/users/"))
        .collect();
    assert_eq!(verbose.len(), ids.len(), "{stderr}");
    assert!(verbose.iter().all(|l| l.contains("***")), "{stderr}");
}

#[test]
fn an_unwritable_log_is_a_configuration_error() {
    let env = Env::new();
    let log = env.dir.path().join("no-such-dir").join("log.jsonl");
    let o = exec(&env, &["--log", log.to_str().unwrap()], &["true"]);
    o.assert_exit(3);
    assert!(o.stderr().contains("log.jsonl"), "{}", o.stderr());
}

/// `sandbox --log PATH` in the foreground and `sandbox exec --log PATH`: both
/// must end at once with 3, naming the file and why, and leave PATH as it was.
fn assert_log_refused(env: &Env, path: &std::path::Path, why: &str) {
    let log = path.to_str().unwrap();
    let foreground = env
        .cmd()
        .args(["sandbox", "--port", "0", "--log", log])
        .run_within(Duration::from_secs(20));
    let execed = env
        .cmd()
        .args(["sandbox", "exec", "--log", log, "--", "true"])
        .run_within(Duration::from_secs(20));
    for o in [foreground, execed] {
        o.assert_exit(3);
        assert!(o.elapsed < Duration::from_secs(10), "{:?}", o.elapsed);
        let stderr = o.stderr();
        assert!(stderr.contains(log) && stderr.contains(why), "{stderr}");
        assert!(o.stdout.is_empty(), "{}", o.stdout());
    }
}

#[test]
fn a_log_that_is_a_fifo_is_refused_at_once_without_waiting_for_a_reader() {
    let env = Env::new();
    let fifo = env.dir.path().join("log.fifo");
    mkfifo(&fifo);
    assert_log_refused(&env, &fifo, "not a regular file but a FIFO");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_log_that_is_a_device_or_a_directory_is_refused() {
    let env = Env::new();
    for device in ["/dev/null", "/dev/full"] {
        assert_log_refused(
            &env,
            std::path::Path::new(device),
            "not a regular file but a device",
        );
    }
    assert_log_refused(&env, env.dir.path(), "not a regular file but a directory");
}

#[test]
fn a_log_write_that_fails_is_an_error_on_stderr() {
    let env = Env::new();
    let log = env.dir.path().join("log.jsonl");
    // A file size limit of 0 makes every write to the log fail (EFBIG; the
    // signal that would kill the process instead is ignored) and nothing else:
    // stdout and stderr are pipes. CMD makes two requests.
    let script = format!(
        "trap '' XFSZ; ulimit -f 0; exec '{BIN}' sandbox exec --log '{}' -- \
         sh -c \"'{BIN}' restart-state u1 && '{BIN}' restart-state u2\"",
        log.display()
    );
    let o = env.sh(&script).run();
    o.assert_exit(0);
    let stderr = o.stderr();
    let reports: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: cannot write the log file"))
        .collect();
    assert_eq!(reports.len(), 1, "once, not per request: {stderr}");
    assert!(reports[0].contains("log.jsonl"), "{stderr}");
    assert_eq!(std::fs::metadata(&log).unwrap().len(), 0);
    assert_eq!(o.stdout().lines().count(), 2, "{}", o.all());
}

// --------------------------------------------------------- concurrency

#[test]
fn exec_serves_a_concurrent_batch_correctly() {
    let env = Env::new();
    let n = 2000;
    let id = |i: usize| {
        if i % 10 == 3 {
            format!("missing-{i}")
        } else {
            format!("user-{i:05}")
        }
    };
    let ids = env.file(
        "many.txt",
        &(0..n).map(|i| format!("{}\n", id(i))).collect::<String>(),
    );
    let log = env.dir.path().join("batch.jsonl");
    let o = exec(
        &env,
        &["--log", log.to_str().unwrap()],
        &[
            BIN,
            "--json",
            "restart-state",
            "--concurrency",
            "16",
            "--ignore-missing",
            "--from-file",
            ids.to_str().unwrap(),
        ],
    );
    o.assert_exit(0);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), n);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["user_id"], id(i), "input order");
        let expected = if i % 10 == 3 {
            "USERID_NOT_EXISTS"
        } else {
            "STATE_RESTARTED_WITH_SUCCESS"
        };
        assert_eq!(l["message"], expected, "{l}");
        assert_eq!(l["ok"], true);
    }
    let logged = std::fs::read_to_string(&log).unwrap();
    assert_eq!(logged.lines().count(), n, "one log line per request");
}

#[test]
fn several_clients_at_once_are_each_answered_for_their_own_ids() {
    let env = Env::new();
    let sb = Foreground::start(&env, &["--user", "x-1"]);
    let handles: Vec<_> = (0..4)
        .map(|k| {
            // Client k asks for IDs only it uses; only x-1 exists.
            let ids: Vec<String> = (0..150)
                .map(|i| format!("{}-{i}", ["w", "x", "y", "z"][k]))
                .collect();
            let mut c = sb.client(&env);
            c.args(["--json", "restart-state", "--concurrency", "16"])
                .args(&ids);
            std::thread::spawn(move || (ids, c.run()))
        })
        .collect();
    for h in handles {
        let (ids, o) = h.join().unwrap();
        let lines = json_lines(&o);
        assert_eq!(lines.len(), ids.len(), "{}", o.stderr());
        for (l, id) in lines.iter().zip(&ids) {
            assert_eq!(l["user_id"], id.as_str());
            let expected = if id == "x-1" {
                "STATE_RESTARTED_WITH_SUCCESS"
            } else {
                "USERID_NOT_EXISTS"
            };
            assert_eq!(l["message"], expected);
        }
    }
}

/// The scenario format is where a user looks for it: `sandbox --help` and so
/// biometrid-sandbox(1). Every key the file accepts is documented there, and the example
/// it shows is a scenario that works as it says (issue 19, item 16).
#[test]
fn sandbox_help_documents_every_scenario_key_and_its_example_works() {
    let env = Env::new();
    let help = env.cmd().args(["sandbox", "--help"]).run();
    help.assert_exit(0);
    let help = help.stdout();
    let format = help
        .split_once("Scenario file:\n")
        .unwrap_or_else(|| panic!("no scenario format in sandbox --help:\n{help}"))
        .1;
    // The keys the file accepts, as its own error lists them.
    let probe = env.file("probe.toml", "no_such_key = 1\n");
    let refused = env
        .cmd()
        .args(["sandbox", "--port", "0", "--scenario"])
        .arg(&probe)
        .run();
    refused.assert_exit(3);
    let stderr = refused.stderr();
    let keys = stderr
        .split_once("expected one of ")
        .unwrap_or_else(|| panic!("{stderr}"))
        .1;
    let keys: Vec<&str> = keys
        .trim()
        .split(", ")
        .map(|k| k.trim_matches('`'))
        .collect();
    assert!(keys.len() >= 10, "{keys:?}");
    for key in keys {
        let documented = match key {
            "clients" | "user" | "rule" => format.contains(&format!("[[{key}]]")),
            _ => format.contains(&format!("\n  {key} = ")),
        };
        assert!(documented, "scenario key `{key}` is not in sandbox --help");
    }
    // The example, as shown: bob hits the rule (6), alice exists (0), carol is not in
    // `users` (7), and the sandbox accepts the ci-key pair it names.
    let example: String = format
        .split_once("Example scenario:\n")
        .expect("an example scenario")
        .1
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| format!("{}\n", l.trim_start()))
        .collect();
    let file = env.file("example.toml", &example);
    let file = file.to_str().unwrap();
    let script = format!(
        r#"echo "key $BIOMETRID_KEY"
        for u in alice bob carol; do '{BIN}' restart-state "$u"; echo "$u $?"; done"#
    );
    let out = exec(&env, &["--scenario", file], &sh(&script));
    out.assert_exit(0);
    let stdout = out.stdout();
    for line in ["key ci-key", "alice 0", "bob 6", "carol 7"] {
        assert!(stdout.lines().any(|l| l == line), "{line}: {}", out.all());
    }
    // And the man page carries it.
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/man/biometrid-sandbox.1"
    ))
    .unwrap();
    assert!(page.contains(".SH \"SCENARIO FILE\""), "{page}");
    assert!(page.contains("pending_on_create"), "{page}");
}

/// The README's two commands for a fresh machine: the first installs from the checkout
/// and runs the main job against the sandbox (its run part is run here with the built
/// binary, as `cargo install` would put it on PATH); the second is the test command CI
/// runs.
#[test]
fn readme_fresh_machine_lines_install_run_the_main_job_and_test() {
    let lines = readme_block("fresh-machine");
    assert_eq!(lines.len(), 2, "{lines:?}");
    let run = lines[0]
        .strip_prefix("cargo install --locked --path . && ")
        .unwrap_or_else(|| panic!("not an install from the checkout: {}", lines[0]));
    let env = Env::new();
    let out = env.sh(run).run();
    out.assert_exit(0);
    assert_eq!(
        out.stdout(),
        format!("restarted {QUICK_START_ID}\n"),
        "{}",
        out.all()
    );
    assert_eq!(lines[1], "cargo test --locked");
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l == lines[1]),
        "CI does not run `{}`",
        lines[1]
    );
}
