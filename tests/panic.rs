//! A panic (a bug) prints one short line asking the user to report it, with
//! the version; it exits 1; a backtrace follows only when RUST_BACKTRACE is set.
//!
//! The panic is triggered through `BIOMETRID_DEBUG_PANIC`, a hook compiled into
//! debug builds only (src/lib.rs, `run`): its value becomes the panic payload,
//! which must never be printed (it could hold anything, the secret included).
//! The machine's environment sets RUST_BACKTRACE=1: `Env::cmd` removes RUST_*.

use std::process::Stdio;
use std::time::Duration;

use crate::util::*;

const LIMIT: Duration = Duration::from_secs(20);
const PAYLOAD: &str = "payload-S3cr3t-LEAK-canary-9f8e7d";
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn panicking(env: &Env) -> std::process::Command {
    let mut c = env.cmd_for("http://127.0.0.1:9");
    c.env("BIOMETRID_DEBUG_PANIC", PAYLOAD)
        .args(["restart-state", "u1"]);
    c
}

fn assert_report_line(line: &str) {
    assert!(line.starts_with("biometrid: internal error"), "{line}");
    assert!(line.contains("bug") && line.contains("report"), "{line}");
    assert!(line.contains(VERSION), "the version is in it: {line}");
    assert!(line.chars().count() <= 160, "one short line: {line}");
}

#[test]
fn a_panic_is_one_line_asking_for_a_report_and_exit_1() {
    let env = Env::new();
    for extra in [&[][..], &["--json"][..], &["-v"][..]] {
        let mut c = panicking(&env);
        c.args(extra);
        let r = c.run_within(LIMIT);
        r.assert_exit(1);
        let err = r.stderr();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "exactly one line:\n{err}");
        assert_report_line(lines[0]);
        assert!(!err.contains("panicked"), "no default panic message: {err}");
        assert!(
            !r.all().contains(PAYLOAD),
            "the payload is never printed: {err}"
        );
        assert!(r.stdout().is_empty(), "nothing on stdout: {}", r.stdout());
    }
}

#[test]
fn a_backtrace_only_with_rust_backtrace() {
    let env = Env::new();
    // Set and not "0": the line, then a backtrace.
    for value in ["1", "full"] {
        let mut c = panicking(&env);
        c.env("RUST_BACKTRACE", value);
        let r = c.run_within(LIMIT);
        r.assert_exit(1);
        let err = r.stderr();
        let mut lines = err.lines();
        assert_report_line(lines.next().unwrap_or_default());
        assert!(err.lines().count() > 3, "a backtrace follows: {err}");
        assert!(!err.contains(PAYLOAD), "{err}");
    }
    // Unset, "0", or only RUST_LIB_BACKTRACE: just the line.
    for (name, value) in [
        ("RUST_BACKTRACE", "0"),
        ("RUST_LIB_BACKTRACE", "1"),
        ("BIOMETRID_UNRELATED", "1"),
    ] {
        let mut c = panicking(&env);
        c.env(name, value);
        let r = c.run_within(LIMIT);
        r.assert_exit(1);
        assert_eq!(
            r.stderr().lines().count(),
            1,
            "{name}={value}: {}",
            r.stderr()
        );
    }
}

#[test]
fn a_closed_stdout_ends_quietly_without_a_panic() {
    // `biometrid ... | head -1`: the reader goes away; the writer must not panic.
    let s = server(Scenario::default());
    let env = Env::new();
    let ids: Vec<String> = (0..300).map(|i| format!("user-{i}")).collect();
    let runs: Vec<Vec<String>> = vec![
        ["completions", "bash"].map(String::from).to_vec(),
        ["config", "show"].map(String::from).to_vec(),
        [vec!["restart-state".to_string()], ids.clone()].concat(),
        [vec!["--json".to_string(), "restart-state".to_string()], ids].concat(),
    ];
    for args in runs {
        let mut c = env.cmd_for(&s.base_url());
        c.args(&args).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        drop(child.stdout.take()); // closed before anything is read
        let mut err = String::new();
        let mut stderr = child.stderr.take().unwrap();
        let reader = std::thread::spawn(move || {
            use std::io::Read;
            let _ = stderr.read_to_string(&mut err);
            err
        });
        let status = wait_status(
            &mut child,
            LIMIT,
            format_args!("{args:?} with a closed stdout"),
        );
        let err = reader.join().unwrap();
        assert!(
            !err.contains("panicked") && !err.contains("internal error"),
            "{args:?}: {err}"
        );
        assert_ne!(status.code(), Some(1), "{args:?}: {err}");
        assert!(status.code().is_some(), "{args:?}: killed by a signal");
    }
}
