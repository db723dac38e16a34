//! The secret never appears in any output, error, log or panic message
//! (SECURITY.md, "1. The secret is never printed"). Every command and every
//! failure path runs with a distinctive secret, and stdout, stderr (with and
//! without `-v`), the sandbox's request log and the panic line are searched for
//! it, whole and in pieces of 8 characters (a truncated echo is a leak too).
//!
//! The sandbox's request log is checked both in-process (`sandbox::Scenario.log`)
//! and through `biometrid sandbox --log`, in the foreground and with `exec`.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::util::*;

const CANARY: &str = "S3cr3t-LEAK-canary-9f8e7d";
const LIMIT: Duration = Duration::from_secs(20);

/// Where `text` shows the canary, whole or any 8-character piece of it.
fn leak_in(text: &str) -> Option<String> {
    if text.contains(CANARY) {
        return Some(CANARY.to_string());
    }
    let chars: Vec<char> = CANARY.chars().collect();
    chars
        .windows(8)
        .map(|w| w.iter().collect::<String>())
        .find(|piece| text.contains(piece.as_str()))
}

/// Collects every run, then fails once with the whole list of leaks.
struct Audit {
    runs: usize,
    leaks: Vec<String>,
    codes: std::collections::BTreeSet<i32>,
}

impl Audit {
    fn new() -> Audit {
        Audit {
            runs: 0,
            leaks: Vec::new(),
            codes: Default::default(),
        }
    }

    /// Run `c` (bounded), record its exit code, and look for the canary.
    fn run(&mut self, name: &str, mut c: Command) -> Ran {
        let r = c.run_within(LIMIT);
        self.check(name, &r);
        r
    }

    fn check(&mut self, name: &str, r: &Ran) {
        self.runs += 1;
        if let Some(code) = r.out.status.code() {
            self.codes.insert(code);
        }
        if let Some(piece) = leak_in(&r.all()) {
            self.leaks
                .push(format!("{name}: '{piece}' in the output:\n{}", r.all()));
        }
    }

    fn file(&mut self, name: &str, path: &Path) {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if let Some(piece) = leak_in(&text) {
            self.leaks
                .push(format!("{name}: '{piece}' in {}:\n{text}", path.display()));
        }
    }

    fn finish(self) {
        assert!(
            self.leaks.is_empty(),
            "{} leak(s):\n\n{}",
            self.leaks.len(),
            self.leaks.join("\n\n")
        );
    }
}

/// A sandbox that accepts (KEY, secret), logging to `log`.
fn sandbox_with(secret: &str, log: &Path, tweak: impl FnOnce(&mut Scenario)) -> Running {
    let mut s = Scenario {
        log: Some(log.to_path_buf()),
        ..accepting(secret)
    };
    tweak(&mut s);
    server(s)
}

/// The binary against `base`, with the canary as the secret from the environment.
fn cmd(env: &Env, base: &str) -> Command {
    let mut c = env.cmd_for(base);
    c.env("BIOMETRID_SECRET", CANARY)
        .env("BIOMETRID_TIMEOUT", "2");
    c
}

/// Run `args` in the three output modes, each with and without -v.
fn every_mode(
    audit: &mut Audit,
    name: &str,
    make: &dyn Fn() -> Command,
    args: &[&str],
) -> Vec<Ran> {
    let mut out = Vec::new();
    for mode in [&[][..], &["--json"][..], &["--quiet"][..]] {
        for verbose in [false, true] {
            let mut c = make();
            c.args(mode);
            if verbose {
                c.arg("-v");
            }
            c.args(args);
            out.push(audit.run(&format!("{name} {mode:?} -v={verbose}"), c));
        }
    }
    out
}

#[test]
fn every_exit_code_and_mode_keeps_the_secret() {
    let env = Env::new();
    let log = env.dir.path().join("sandbox.log");
    let mut audit = Audit::new();
    audit_successes_and_every_credential_source(&env, &log, &mut audit);
    audit_server_failures(&env, &log, &mut audit);
    audit_network_failures(&env, &log, &mut audit);
    audit_usage_errors_and_panics(&env, &mut audit);
    audit_interrupted_runs(&env, &log, &mut audit);

    audit.file("sandbox log", &log);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.lines().count() > 20, "the log was written: {logged}");
    let all: Vec<i32> = audit.codes.iter().copied().collect();
    // Every exit code but 3 and 12, which the tests below cover.
    assert_eq!(all, [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 130]);
    audit.finish();
}

/// 0 and 7, with the secret from each of its sources.
fn audit_successes_and_every_credential_source(env: &Env, log: &Path, audit: &mut Audit) {
    // 0, 7: success and a missing user, against a server that accepts the canary.
    let s = sandbox_with(CANARY, log, |_| {});
    let base = s.base_url();
    let runs = every_mode(
        audit,
        "ok",
        &|| cmd(env, &base),
        &["restart-state", "u1", "missing-1"],
    );
    runs[0].assert_exit(7);
    let runs = every_mode(
        audit,
        "ok",
        &|| cmd(env, &base),
        &["restart-state", "--ignore-missing", "u1"],
    );
    runs[0].assert_exit(0);
    // Every credential source.
    let secret_file = env.file("secret.txt", &format!("{CANARY}\n"));
    let mut c = env.cmd_for(&base);
    c.env_remove("BIOMETRID_SECRET")
        .arg("--secret-file")
        .arg(&secret_file)
        .args(["-v", "restart-state", "u1"]);
    audit.run("--secret-file", c).assert_exit(0);
    let mut c = env.cmd_for(&base);
    c.env_remove("BIOMETRID_SECRET")
        .args(["--secret", CANARY, "-v", "restart-state", "u1"]);
    audit.run("--secret", c).assert_exit(0);
    let mut c = env.cmd_for(&base);
    c.env_remove("BIOMETRID_SECRET")
        .args(["--secret-file", "-", "-v", "restart-state", "u1"]);
    let r = c.run_with_stdin(&format!("{CANARY}\r\n"));
    audit.check(
        "--secret-file -",
        &Ran {
            out: r,
            elapsed: Duration::ZERO,
        },
    );
    let config = env.write_config(&format!(
        "[default]\nkey = \"{KEY}\"\nsecret = \"{CANARY}\"\n"
    ));
    let mut c = env.cmd();
    c.env("BIOMETRID_BASE_URL", &base)
        .args(["-v", "restart-state", "u1"]);
    audit.run("config file", c).assert_exit(0);
    std::fs::remove_file(&config).unwrap();
    drop(s);
}

/// 4, 5, 6, 8 and 9: what the server refuses or fails.
fn audit_server_failures(env: &Env, log: &Path, audit: &mut Audit) {
    // 4, 6, 9: documented failures from the server.
    for (name, code, tweak) in [
        (
            "headers missing",
            4,
            Box::new(|s: &mut Scenario| {
                s.rules
                    .push(message_rule("*", "AUTHENTICATION_HEADERS_MISSING"))
            }) as Box<dyn FnOnce(&mut Scenario)>,
        ),
        ("quota", 6, Box::new(|s: &mut Scenario| s.quota = Some(0))),
        (
            "server problem",
            9,
            Box::new(|s: &mut Scenario| s.fail_first = 10),
        ),
    ] {
        let s = sandbox_with(CANARY, log, tweak);
        let base = s.base_url();
        let runs = every_mode(
            audit,
            name,
            &|| {
                let mut c = cmd(env, &base);
                c.args(["--retries", "0"]);
                c
            },
            &["restart-state", "u1", "u2"],
        );
        runs[0].assert_exit_ctx(code, format_args!("{name}"));
    }
    // 5: the server knows another secret for the key; 8: it does not know the key.
    let s = sandbox_with("another-secret", log, |_| {});
    let base = s.base_url();
    let runs = every_mode(
        audit,
        "invalid",
        &|| cmd(env, &base),
        &["restart-state", "u1"],
    );
    runs[0].assert_exit(5);
    let runs = every_mode(
        audit,
        "client",
        &|| {
            let mut c = cmd(env, &base);
            c.env("BIOMETRID_KEY", "unknown-key");
            c
        },
        &["restart-state", "u1"],
    );
    runs[0].assert_exit(8);
    drop(s);
}

/// 10 and 11: no server, an untrusted one, a slow one.
fn audit_network_failures(env: &Env, log: &Path, audit: &mut Audit) {
    // 10: refused, and a certificate the client does not trust.
    let refused = format!("http://127.0.0.1:{}", closed_port());
    let runs = every_mode(
        audit,
        "refused",
        &|| cmd(env, &refused),
        &["restart-state", "u1"],
    );
    runs[0].assert_exit(10);
    let pki = Pki::new();
    let (chain, key) = pki.leaf(&Leaf {
        names: &["localhost"],
        validity: None,
    });
    let tls = TlsServer::start(chain, key);
    let untrusted = format!("https://localhost:{}", tls.port());
    let runs = every_mode(
        audit,
        "tls",
        &|| cmd(env, &untrusted),
        &["restart-state", "u1"],
    );
    runs[0].assert_exit(10);

    // 11: a server slower than the timeout.
    let s = sandbox_with(CANARY, log, |s| s.latency = Duration::from_secs(3));
    let base = s.base_url();
    let runs = every_mode(
        audit,
        "timeout",
        &|| {
            let mut c = env.cmd_for(&base);
            c.env("BIOMETRID_SECRET", CANARY).args(["--timeout", "0.3"]);
            c
        },
        &["restart-state", "u1"],
    );
    runs[0].assert_exit(11);
    drop(s);
}

/// 2 and 1: usage errors with the secret on the command line, and panics.
fn audit_usage_errors_and_panics(env: &Env, audit: &mut Audit) {
    // 2: usage errors, with the secret on the command line.
    for args in [
        vec!["--secret", CANARY, "restart-state", "bad id"],
        vec!["--secret", CANARY, "restart-state"],
        vec!["--secret", CANARY, "--bogus", "restart-state", "u1"],
        vec![
            "--secret",
            CANARY,
            "--secret-file",
            "x",
            "restart-state",
            "u1",
        ],
        vec![
            "--secret",
            CANARY,
            "--secret",
            CANARY,
            "restart-state",
            "u1",
        ],
        vec![
            "--secret",
            CANARY,
            "--timeout",
            "soon",
            "restart-state",
            "u1",
        ],
        vec![
            "--secret",
            CANARY,
            "restart-state",
            "--concurrency",
            "999",
            "u1",
        ],
    ] {
        let mut c = env.cmd_for("http://127.0.0.1:9");
        c.env_remove("BIOMETRID_SECRET").args(&args);
        let r = audit.run(&format!("usage {args:?}"), c);
        r.assert_exit_ctx(2, format_args!("{args:?}"));
    }

    // 1: a panic whose payload is the secret.
    let mut c = cmd(env, "http://127.0.0.1:9");
    c.env("BIOMETRID_DEBUG_PANIC", CANARY)
        .args(["restart-state", "u1"]);
    audit.run("panic", c).assert_exit(1);
    let mut c = cmd(env, "http://127.0.0.1:9");
    c.env("BIOMETRID_DEBUG_PANIC", CANARY)
        .env("RUST_BACKTRACE", "1")
        .args(["restart-state", "u1"]);
    audit.run("panic with backtrace", c).assert_exit(1);
}

/// 130: interrupted while a request is in flight.
fn audit_interrupted_runs(env: &Env, log: &Path, audit: &mut Audit) {
    // 130: interrupted while the request is in flight.
    let s = sandbox_with(CANARY, log, |s| s.latency = Duration::from_secs(5));
    for verbose in [false, true] {
        let mut c = cmd(env, &s.base_url());
        c.args(["--timeout", "10", "restart-state", "u1", "u2"]);
        if verbose {
            c.arg("-v");
        }
        let before = requests(&s);
        let r = interrupted(c, &|| requests(&s) > before);
        r.assert_exit(130);
        audit.check("interrupted", &r);
    }
    drop(s);
}

/// Run `c`, send SIGINT once it is waiting on the server (`waiting` says so:
/// by then its Ctrl-C handler is in place), and wait (bounded).
fn interrupted(mut c: Command, waiting: &dyn Fn() -> bool) -> Ran {
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    if !poll_until(LIMIT, waiting) {
        let _ = child.kill();
        panic!("no request reached the server (pid {})", child.id());
    }
    // SIGINT, as Ctrl-C sends it.
    send_signal(child.id(), "INT");
    wait_within(child, LIMIT)
}

#[test]
fn configuration_errors_keep_the_secret() {
    let env = Env::new();
    let mut audit = Audit::new();
    let bad_configs = [
        // The secret on a malformed line.
        format!("[default]\nkey = \"k\"\nsecret = \"{CANARY}\" trailing junk\n"),
        format!("[default]\nsecret = \"{CANARY}\n"),
        format!("[default]\nsecret = '''{CANARY}\n"),
        format!("[default]\nsecret = {CANARY}\n"),
        format!("[default]\n{CANARY}\n"),
        format!("[default\nsecret = \"{CANARY}\"\n"),
        // A typo in the key, a wrong type, a wrong shape.
        format!("[default]\nsecert = \"{CANARY}\"\n"),
        format!("[default]\ntimeout = \"{CANARY}\"\n"),
        format!("[default]\nretries = \"{CANARY}\"\n"),
        format!("[default]\ntimeout = \"a\\\"{CANARY}\"\n"),
        format!("[default]\nsecret = [\"{CANARY}\"]\n"),
        format!("[default]\nsecret = {{ value = \"{CANARY}\" }}\n"),
        format!("secret = \"{CANARY}\"\n"),
        format!("[default]\nsecret = \"{CANARY}\"\nsecret = \"{CANARY}\"\n"),
        format!("[default]\nbase_url = \"https://k:{CANARY}@api.example\"\n"),
        format!("[default]\nkey = \"k\"\nsecret = \"{CANARY} with spaces\"\n"),
        format!("[default]\nkey = \"k\"\nsecret = \"{CANARY}\\u0007\"\n"),
        format!("[default]\nretries = 99\nsecret = \"{CANARY}\"\n"),
    ];
    for (i, text) in bad_configs.iter().enumerate() {
        let path = env.write_config(text);
        for command in [
            &["restart-state", "u1"][..],
            &["config", "show"][..],
            &["--json", "config", "show"][..],
            &["-v", "restart-state", "u1"][..],
        ] {
            let mut c = env.cmd();
            // Loopback unless the file sets the base URL (then it is invalid, and wins).
            if !text.contains("base_url") {
                c.env("BIOMETRID_BASE_URL", "http://127.0.0.1:9");
            }
            c.args(command);
            let r = audit.run(&format!("config #{i} {command:?}\n{text}"), c);
            r.assert_exit_ctx(3, format_args!("config #{i} {command:?}:\n{text}"));
        }
        let _ = std::fs::remove_file(path);
    }
    // Secrets that are not acceptable as a header value, from each source.
    let secret_file = env.file("bad-secret", &format!("{CANARY} and more\n"));
    let mut c = env.cmd_for("http://127.0.0.1:9");
    c.env_remove("BIOMETRID_SECRET")
        .arg("--secret-file")
        .arg(&secret_file)
        .args(["restart-state", "u1"]);
    audit.run("bad --secret-file", c).assert_exit(3);
    let mut c = env.cmd_for("http://127.0.0.1:9");
    c.env("BIOMETRID_SECRET", format!("{CANARY}\u{7f}"))
        .args(["restart-state", "u1"]);
    audit.run("bad env secret", c).assert_exit(3);
    // The secret in the base URL (user:password@), from a flag.
    let mut c = env.cmd_for("http://127.0.0.1:9");
    c.args([
        "--base-url",
        &format!("https://demo-key:{CANARY}@api.example"),
        "restart-state",
        "u1",
    ]);
    audit.run("secret in base URL", c).assert_exit(3);
    // No key, an unknown profile, a config file that does not exist.
    let mut c = env.cmd();
    c.env("BIOMETRID_SECRET", CANARY)
        .args(["-v", "restart-state", "u1"]);
    audit.run("no key", c).assert_exit(3);
    let mut c = env.cmd_for("http://127.0.0.1:9");
    c.env("BIOMETRID_SECRET", CANARY)
        .args(["--profile", "nope", "restart-state", "u1"]);
    audit.run("unknown profile", c).assert_exit(3);
    audit.finish();
}

#[test]
fn other_commands_keep_the_secret() {
    let env = Env::new();
    let mut audit = Audit::new();
    let config = env.write_config(&format!(
        "[default]\nkey = \"{KEY}\"\nsecret = \"{CANARY}\"\n[other]\nsecret = \"{CANARY}\"\n"
    ));
    let runs: Vec<Vec<&str>> = vec![
        vec!["config", "show"],
        vec!["--json", "config", "show"],
        vec!["-v", "config", "show"],
        vec!["--profile", "other", "config", "show"],
        vec!["config", "path"],
        vec!["--version"],
        vec!["--help"],
        vec!["restart-state", "--help"],
        vec!["completions", "bash"],
    ];
    for args in &runs {
        let mut c = env.cmd();
        c.env("BIOMETRID_SECRET", CANARY).args(args);
        let r = audit.run(&format!("{args:?}"), c);
        r.assert_exit_ctx(0, format_args!("{args:?}"));
    }
    // The same with the secret on the command line instead.
    for args in &runs {
        let mut c = env.cmd();
        c.args(["--secret", CANARY]).args(args);
        audit.run(&format!("--secret {args:?}"), c);
    }
    // `configure` writes the secret into the file, and nowhere else.
    let secret_file = env.file("s", &format!("{CANARY}\n"));
    let mut c = env.cmd();
    c.args(["configure", "--profile", "new", "--no-input", "--key", "k"])
        .arg("--secret-file")
        .arg(&secret_file);
    let r = audit.run("configure", c);
    r.assert_exit(0);
    assert!(std::fs::read_to_string(&config).unwrap().contains(CANARY));
    audit.finish();
}

/// A raw server that echoes the request head back inside a JSON message:
/// an unknown message, shown as an excerpt, with the secret at `offset`.
fn echo_server(offset_of: fn(&str) -> usize) -> RawServer {
    RawServer::start(move |mut s| {
        use std::io::Write;
        let head = String::from_utf8_lossy(&read_head(&mut s)).into_owned();
        let path = head.split(' ').nth(1).unwrap_or_default().to_string();
        // The user ID picks how much padding comes before the echoed headers.
        let pad = "p".repeat(offset_of(&path));
        let secret_line = head
            .lines()
            .find(|l| l.to_lowercase().starts_with("x-biometrid-secret"))
            .unwrap_or_default()
            .trim_start_matches(|c: char| c != ':')
            .trim_start_matches(": ")
            .to_string();
        let message = format!("{pad}{secret_line} {head}");
        let body = serde_json::json!({"status": true, "data": {"message": message}}).to_string();
        let echo = format!("X-Echo: {secret_line}");
        let reply = http_response("200 OK", &[&echo, "Connection: close"], body.as_bytes());
        let _ = s.write_all(&reply);
        std::thread::sleep(Duration::from_millis(100));
    })
}

#[test]
fn a_server_that_echoes_the_request_headers_does_not_make_us_print_the_secret() {
    let env = Env::new();
    let mut audit = Audit::new();
    // u0 .. u89: the secret starts at every offset around the 80-character excerpt cut.
    let server = echo_server(|path| {
        path.split('/')
            .nth(4)
            .and_then(|id| id.strip_prefix('u'))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    });
    let ids: Vec<String> = (0..90).map(|i| format!("u{i}")).collect();
    for mode in [&[][..], &["--json"][..], &["-v"][..], &["-v", "--json"][..]] {
        let mut c = cmd(&env, &server.base_url());
        c.args(mode).arg("restart-state").args(&ids);
        let r = audit.run(&format!("echo {mode:?}"), c);
        r.assert_exit(12);
    }
    // And from the sandbox, whose rule body carries the secret in the message and elsewhere.
    let log = env.dir.path().join("echo.log");
    let body = format!(r#"{{"status":true,"data":{{"message":"{CANARY}"}},"echo":"{CANARY}"}}"#);
    let s = sandbox_with(CANARY, &log, |s| {
        s.rules.push(raw_rule("*", 200, &body));
    });
    let runs = every_mode(
        &mut audit,
        "sandbox echo",
        &|| cmd(&env, &s.base_url()),
        &["restart-state", "u1"],
    );
    runs[0].assert_exit(12);
    // The documented reply, but with the secret in a 404's message: still unknown.
    let body = format!(r#"{{"status":false,"data":{{"message":"USERID_NOT_EXISTS {CANARY}"}}}}"#);
    let s2 = sandbox_with(CANARY, &log, |s| s.rules.push(raw_rule("*", 404, &body)));
    every_mode(
        &mut audit,
        "404 echo",
        &|| cmd(&env, &s2.base_url()),
        &["restart-state", "u1"],
    );
    audit.file("sandbox log", &log);
    assert!(audit.codes.contains(&12));
    audit.finish();
}

#[test]
fn the_sandbox_command_and_its_log_keep_the_secret() {
    let env = Env::new();
    let mut audit = Audit::new();
    let log = env.dir.path().join("cli-sandbox.log");
    let client = format!("{KEY}:{CANARY}");
    let bin = env!("CARGO_BIN_EXE_biometrid");

    // `sandbox exec -- biometrid ...`: the child gets the secret from the sandbox.
    for extra in [&["-v"][..], &["-v", "--json"][..]] {
        let mut c = env.cmd();
        c.args([
            "sandbox",
            "exec",
            "--client",
            &client,
            "--reply",
            "u2=REQUEST_LIMIT_REACHED",
        ])
        .arg("--log")
        .arg(&log)
        .args(["--", bin])
        .args(extra)
        .args(["restart-state", "u1", "missing-1", "u2"]);
        let r = audit.run(&format!("sandbox exec {extra:?}"), c);
        r.assert_exit(7);
    }

    // `sandbox` in the foreground: its announcement, a client against it, then SIGTERM.
    let mut c = env.cmd();
    c.args([
        "sandbox", "--port", "0", "--json", "--client", &client, "-v",
    ])
    .arg("--log")
    .arg(&log);
    let Spawned {
        child: mut sandbox,
        first_line: announced,
        stdout,
        stderr,
    } = spawn_reading_first_line(c);
    let base = serde_json::from_str::<serde_json::Value>(&announced).unwrap()["base_url"]
        .as_str()
        .unwrap()
        .to_string();
    let mut c = cmd(&env, &base);
    c.args(["-v", "restart-state", "u1", "missing-1"]);
    audit.run("client of sandbox", c).assert_exit(7);
    send_signal(sandbox.id(), "TERM");
    let started = std::time::Instant::now();
    let status = wait_status(&mut sandbox, LIMIT, "the sandbox after SIGTERM");
    let ran = Ran {
        out: std::process::Output {
            status,
            stdout: format!("{announced}\n{}", stdout.join().unwrap()).into_bytes(),
            stderr: stderr.join().unwrap().into_bytes(),
        },
        elapsed: started.elapsed(),
    };
    audit.check("sandbox in the foreground", &ran);

    audit.file("sandbox --log", &log);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert_eq!(logged.lines().count(), 2 * 3 + 2, "{logged}");
    audit.finish();
}

// ------------------------------------------------------- stdin is one stream

/// `names` make the secret and the IDs come from one stream: a usage error naming
/// both, nothing sent, and the secret never taken for an ID.
fn one_stream_is_refused(what: &str, args: &[&std::ffi::OsStr], stdin: Option<&str>) {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_SECRET").args(args);
    let o = match stdin {
        Some(text) => c.run_with_stdin(text),
        None => c.run(),
    };
    let err = o.stderr();
    o.assert_exit_ctx(2, format_args!("{what}"));
    assert!(
        err.contains("--secret-file") && err.contains("same stream"),
        "{what}: names both: {err}"
    );
    assert_eq!(requests(&s), 0, "{what}: nothing is sent");
    assert!(
        leak_in(&err).is_none() && leak_in(&o.stdout()).is_none(),
        "{what}"
    );
}

#[test]
fn stdin_cannot_carry_both_the_secret_and_the_ids_whatever_its_name() {
    let input = format!("{CANARY}\nu1\n");
    let os = |v: &'static str| std::ffi::OsStr::new(v);
    for (secret, ids) in [
        ("-", &["-"][..]),
        ("-", &["--from-file", "/dev/stdin"][..]),
        ("/dev/stdin", &["-"][..]),
        ("/proc/self/fd/0", &["-"][..]),
        ("/dev/fd/0", &["-"][..]),
        ("-", &["--from-file", "/dev/fd/0"][..]),
    ] {
        if secret.starts_with('/') && !Path::new(secret).exists() {
            cannot_run(&format!("{secret}: not on this system"));
            continue;
        }
        let mut args = vec![os("--secret-file"), os(secret), os("restart-state")];
        args.extend(ids.iter().map(|a| os(a)));
        one_stream_is_refused(&format!("{secret} {ids:?}"), &args, Some(&input));
    }
}

#[cfg(unix)]
#[test]
fn one_file_or_fifo_under_two_names_cannot_be_both_secret_and_ids() {
    let env = Env::new();
    let file = env.file("both.txt", &format!("{CANARY}\nu1\n"));
    let link = env.dir.path().join("link.txt");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    let other_path = env.dir.path().join("home").join("..").join("both.txt");
    for secret in [&file, &link, &other_path] {
        let args = [
            "--secret-file".as_ref(),
            secret.as_os_str(),
            "restart-state".as_ref(),
            "--from-file".as_ref(),
            file.as_os_str(),
        ];
        one_stream_is_refused(&format!("{}", secret.display()), &args, None);
    }

    // A FIFO: the program opens it for the IDs; a writer must be there, or the open blocks.
    let fifo = env.dir.path().join("both.fifo");
    mkfifo(&fifo);
    let fifo_link = env.dir.path().join("fifo-link");
    std::os::unix::fs::symlink(&fifo, &fifo_link).unwrap();
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&writer_path) {
            let _ = f.write_all(format!("{CANARY}\n").as_bytes());
        }
    });
    let args = [
        "--secret-file".as_ref(),
        fifo_link.as_os_str(),
        "restart-state".as_ref(),
        "--from-file".as_ref(),
        fifo.as_os_str(),
    ];
    one_stream_is_refused("a FIFO and a symlink to it", &args, None);
    writer.join().unwrap();
}

#[test]
fn a_secret_file_and_ids_from_different_places_still_work() {
    let s = server(Scenario::default());
    let env = Env::new();
    let secret = env.file("secret.txt", &format!("{SECRET}\n"));
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .arg("--secret-file")
        .arg(&secret)
        .args(["restart-state", "-"]);
    let o = c.run_with_stdin("u1\nu2\n");
    o.assert_exit(0);
    assert_eq!(requests(&s), 2);
}

#[test]
fn command_line_parse_errors_never_echo_a_secret_value() {
    let env = Env::new();
    let dashed = format!("--{CANARY}");
    let single = format!("-{CANARY}");
    let client = format!("acme:-{CANARY}");
    let dashed_client = format!("-acme:{CANARY}");
    let forms: Vec<Vec<String>> = vec![
        // A value starting with `-` used to be "an unexpected argument", quoted with a tip.
        vec!["--secret".into(), dashed.clone(), "restart-state".into()],
        vec!["restart-state".into(), "--secret".into(), dashed.clone()],
        vec![
            "restart-state".into(),
            "--secret".into(),
            single.clone(),
            "u1".into(),
            "--bogus".into(),
        ],
        vec![format!("--secret={dashed}"), "--bogus".into()],
        vec![
            "restart-state".into(),
            format!("--secret={CANARY}"),
            "--bogus".into(),
        ],
        vec!["--secret".into(), CANARY.into(), "no-such-command".into()],
        // `--client KEY:SECRET` of the sandbox: the secret half never echoed either.
        vec![
            "sandbox".into(),
            "--client".into(),
            dashed_client,
            "--bogus".into(),
        ],
        vec![
            "sandbox".into(),
            format!("--client={client}"),
            "--bogus".into(),
        ],
    ];
    let mut audit = Audit::new();
    for args in &forms {
        let mut c = env.cmd();
        c.args(args);
        let r = audit.run(&args.join(" "), c);
        r.assert_exit_ctx(2, format_args!("{args:?}"));
    }
    audit.finish();
}

/// A secret whose encoded forms differ from it: `/`, `+` and `=` change under
/// percent-encoding, and its base64 has both alphabets' special characters.
const ECHOED: &str = "S3cr3t/LEAK+canary=9f8e7d~x";

/// Each way a server may echo the secret back, by user ID.
fn echoed_form(id: &str, secret: &str) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE};
    let pct = percent_encoding::utf8_percent_encode(secret, percent_encoding::NON_ALPHANUMERIC);
    match id {
        "truncated" => format!("{}...", &secret[..secret.len() - 5]),
        "prefix" => secret[..12].to_string(),
        "newline" => format!("{}\n{}", &secret[..5], &secret[5..]),
        "crlf" => format!("{}\r\n{}", &secret[..9], &secret[9..]),
        "lower" => secret.to_lowercase(),
        "upper" => secret.to_uppercase(),
        "base64" => STANDARD.encode(secret),
        "base64-nopad" => STANDARD_NO_PAD.encode(secret),
        "base64url" => URL_SAFE.encode(secret),
        "basic-auth" => STANDARD.encode(format!("{KEY}:{secret}")),
        "percent" => pct.to_string(),
        "percent-lower" => pct.to_string().to_lowercase(),
        // Every byte escaped (`%53%33%63...`), or every other one, mixed hex case.
        "percent-bytes" => secret.bytes().map(|b| format!("%{b:02X}")).collect(),
        "percent-bytes-lower" => secret.bytes().map(|b| format!("%{b:02x}")).collect(),
        "percent-mixed" => secret
            .bytes()
            .enumerate()
            .map(|(i, b)| match i % 3 {
                0 => format!("%{b:02X}"),
                1 => format!("%{b:02x}"),
                _ => char::from(b).to_string(),
            })
            .collect(),
        _ => secret.to_string(),
    }
}

const FORMS: [&str; 16] = [
    "whole",
    "truncated",
    "prefix",
    "newline",
    "crlf",
    "lower",
    "upper",
    "base64",
    "base64-nopad",
    "base64url",
    "basic-auth",
    "percent",
    "percent-lower",
    "percent-bytes",
    "percent-bytes-lower",
    "percent-mixed",
];

/// Every 6-character run of the secret (any case) and every 8-character run of
/// each of its encoded forms that `text` shows.
fn echoed_leaks(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    let secret: Vec<char> = ECHOED.to_lowercase().chars().collect();
    for w in secret.windows(6) {
        let w: String = w.iter().collect();
        if lower.contains(&w) {
            found.push(w);
        }
    }
    // The escaped line breaks as a person reads them: gone.
    let joined = lower.replace("\\n", "").replace("\\r", "");
    if joined.contains(&ECHOED.to_lowercase()[..8]) {
        found.push("joined across \\n".into());
    }
    // Percent-escapes as a decoder reads them.
    let decoded = percent_encoding::percent_decode_str(&lower)
        .decode_utf8_lossy()
        .to_lowercase();
    for w in secret.windows(6) {
        let w: String = w.iter().collect();
        if decoded.contains(&w) {
            found.push(format!("decoded: {w}"));
        }
    }
    for form in FORMS {
        let f = echoed_form(form, ECHOED);
        let mut chars: Vec<char> = f.chars().collect();
        if form == "basic-auth" {
            // Its start encodes the key and the colon, not the secret.
            chars.drain(..((KEY.len() + 1) * 4).div_ceil(3) + 1);
        }
        for w in chars.windows(8) {
            let w: String = w.iter().collect();
            if text.contains(&w) {
                found.push(format!("{form}: {w}"));
            }
        }
    }
    found
}

#[test]
fn a_server_that_echoes_the_secret_in_any_form_never_shows_it() {
    // The server sends the secret back, in the form the user ID names, as an
    // unknown message: server text that the tool prints as an excerpt.
    let server = RawServer::start(|mut s| {
        use std::io::Write;
        let head = String::from_utf8_lossy(&read_head(&mut s)).into_owned();
        let id = head.split('/').nth(4).unwrap_or_default().to_string();
        let secret = head
            .lines()
            .find_map(|l| l.strip_prefix("x-biometrid-secret: "))
            .unwrap_or_default()
            .to_string();
        let message = format!("echo of {id}: {} (end)", echoed_form(&id, &secret));
        let body = serde_json::json!({"status": true, "data": {"message": message}}).to_string();
        let reply = http_response("200 OK", &["Connection: close"], body.as_bytes());
        let _ = s.write_all(&reply);
        std::thread::sleep(Duration::from_millis(100));
    });
    let env = Env::new();
    for mode in [&[][..], &["--json"][..]] {
        let mut c = env.cmd_for(&server.base_url());
        c.env("BIOMETRID_SECRET", ECHOED)
            .env("BIOMETRID_TIMEOUT", "5")
            .args(mode)
            .arg("restart-state")
            .args(FORMS);
        let r = c.run_within(LIMIT);
        r.assert_exit_ctx(12, format_args!("{mode:?}"));
        let leaks = echoed_leaks(&r.all());
        assert!(leaks.is_empty(), "{mode:?}: {leaks:?} in\n{}", r.all());
        // Each form was echoed and replaced; the tool's words around it are intact.
        for form in FORMS {
            let all = r.all();
            let line = all
                .lines()
                .find(|l| l.contains(&format!("echo of {form}: ")))
                .unwrap_or_else(|| panic!("{form} not shown: {all}"));
            assert!(
                line.contains("***") && line.contains("(end)"),
                "{form}: {line}"
            );
        }
        assert!(r.all().contains("unknown message"), "{}", r.all());
        if mode.is_empty() {
            assert_eq!(r.stderr().matches("error: ").count(), FORMS.len());
        } else {
            let lines = json_lines(&r.out);
            assert_eq!(lines.len(), FORMS.len(), "{}", r.all());
            assert!(lines.iter().all(|l| l["exit_code"] == 12), "{}", r.all());
        }
    }
}

#[test]
fn a_one_letter_secret_never_rewrites_the_tools_own_words() {
    let env = Env::new();
    let base = format!("http://127.0.0.1:{}", closed_port());
    for mode in [&[][..], &["--json"][..]] {
        let mut c = env.cmd_for(&base);
        c.env("BIOMETRID_SECRET", "s")
            .args(mode)
            .args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit(10);
        assert!(r.all().contains("connection refused"), "{}", r.all());
        assert!(!r.all().contains("***"), "{}", r.all());
        // Accepted, with a warning that it is too short to be scrubbed reliably.
        assert!(
            r.stderr().contains("warning:") && r.stderr().contains("too short to be scrubbed"),
            "{}",
            r.all()
        );
    }
    // A secret of 8 characters or more gets no such warning.
    let mut c = env.cmd_for(&base);
    c.env("BIOMETRID_SECRET", "12345678")
        .args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    assert!(!r.stderr().contains("too short"), "{}", r.all());
}

/// Every command that sends a request, `config check` included, shows a reply's
/// server text through the same scrubber: the secret a server echoes back, whole,
/// in part or base64-encoded, in a documented or an unknown reply, appears on
/// neither stream in any output mode.
#[test]
fn every_command_that_sends_a_request_scrubs_what_the_server_echoes() {
    use base64::Engine;
    const COMMANDS: [&[&str]; 8] = [
        &["restart-state", "u1"],
        &["enroll-status", "u1"],
        &["pending-dialogue", "u1"],
        &["delete-user", "--yes", "u1"],
        &["find-user", "--mac", "00:11:22:33:44:55"],
        &["create-user", "--reference-id", "r1"],
        &["api", "/api/1.1/users/u1/enroll/status"],
        &["config", "check"],
    ];
    let base64 = base64::engine::general_purpose::STANDARD.encode(ECHOED);
    let replies = [
        (418, ECHOED.to_string()),
        (200, format!("WEIRD {ECHOED}")),
        // A run from the middle of the secret.
        (200, format!("x {} y", &ECHOED[4..17])),
        (400, format!("x {base64} y")),
    ];
    let env = Env::new();
    for (status, message) in &replies {
        let body = serde_json::json!({"status": false, "data": {"message": message}}).to_string();
        let s = server(Scenario {
            rules: vec![raw_rule("*", *status, &body)],
            ..accepting(ECHOED)
        });
        for command in COMMANDS {
            for mode in [&[][..], &["--json"][..], &["-v"][..]] {
                let mut c = env.cmd_for(&s.base_url());
                c.env("BIOMETRID_SECRET", ECHOED)
                    .args(["--retries", "0"])
                    .args(mode)
                    .args(command);
                let r = c.run_within(LIMIT);
                let what = format!("{command:?} {mode:?} ({status} {message:?})");
                assert_ne!(r.out.status.code(), Some(0), "{what}: {}", r.all());
                let leaks = echoed_leaks(&r.all());
                assert!(leaks.is_empty(), "{what}: {leaks:?} in\n{}", r.all());
                // The server's text was shown, with the secret replaced.
                assert!(r.all().contains("***"), "{what}: not shown:\n{}", r.all());
            }
        }
    }
}

/// An ID the server returns that holds the secret, whole or a run of it, is
/// never printed (scrubbed, it would be another ID that a script acts on): the
/// tool says it will not show it and exits 12 (find-user, create-user, a
/// pending dialogue's ID).
#[test]
fn an_id_that_holds_the_secret_is_withheld_exit_12() {
    let run = &SECRET[1..7];
    for (args, body) in [
        (
            vec!["find-user", "--mac", "aa:bb:cc:dd:ee:ff"],
            format!(
                r#"{{"status":true,"data":{{"message":"USER_ALREADY_REGISTERED_ON_THIS_DEVICE","id":"{SECRET}"}}}}"#
            ),
        ),
        (
            vec!["create-user", "--reference-id", "crm-1"],
            format!(
                r#"{{"status":true,"data":{{"message":"NEW_USER_CREATED","id":"u-{run}-1"}}}}"#
            ),
        ),
        (
            vec!["pending-dialogue", "u1"],
            format!(
                r#"{{"status":true,"data":{{"dialogueId":"d{run}","promptCode":"1","promptCodeText":"say"}}}}"#
            ),
        ),
    ] {
        let server = Recorder::answering("200 OK", &body);
        let env = Env::new();
        for json in [false, true] {
            let mut c = env.cmd_for(&server.base_url());
            if json {
                c.arg("--json");
            }
            let o = c.args(&args).run();
            o.assert_exit(12);
            assert!(
                o.stderr().contains("an ID it will not show")
                    || o.stdout().contains("an ID it will not show"),
                "{args:?}: {}{}",
                o.stdout(),
                o.stderr()
            );
            assert!(
                !o.stdout().contains("***") && !o.stderr().contains("***"),
                "{args:?}: {}{}",
                o.stdout(),
                o.stderr()
            );
            assert_no_secret(&o, SECRET);
        }
    }
}
