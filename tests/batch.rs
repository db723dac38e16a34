//! Many IDs: streamed input, bounded concurrency, input order, client-wide stops,
//! --ignore-missing, the summary line and Ctrl-C (docs/large-runs.md, "Many IDs").

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::process::{Output, Stdio};
use std::time::Duration;

use crate::util::*;

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:05}")).collect()
}

fn user_ids(lines: &[serde_json::Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["user_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn never_more_than_n_requests_in_flight_and_all_n_used() {
    let s = server(Scenario {
        latency: Duration::from_millis(40),
        ..Scenario::default()
    });
    let env = Env::new();
    let input = ids("u", 48).join("\n");
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "--concurrency", "6", "-"]);
    let o = c.run_with_stdin(&input);
    o.assert_exit(0);
    assert_eq!(json_lines(&o).len(), 48);
    let max = max_in_flight(&s);
    assert!(max <= 6, "{max} requests in flight with --concurrency 6");
    assert!(max >= 2, "requests did not overlap ({max})");
    let conns = connections(&s);
    assert!(
        conns <= 6,
        "{conns} connections for --concurrency 6 (keep-alive not reused?)"
    );
}

#[test]
fn output_keeps_input_order_under_random_delays() {
    let s = server(Scenario {
        jitter: Duration::from_millis(30),
        seed: 7,
        ..Scenario::default()
    });
    let env = Env::new();
    let all = ids("order-", 120);
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "--concurrency", "16", "-"]);
    let o = c.run_with_stdin(&all.join("\n"));
    o.assert_exit(0);
    assert_eq!(user_ids(&json_lines(&o)), all);
    // The server did see them out of order, or the test proves nothing.
    let seen: Vec<String> = records(&s).into_iter().filter_map(|r| r.user_id).collect();
    assert_eq!(seen.len(), all.len());
    assert_ne!(
        seen, all,
        "the server finished them in input order; delays had no effect"
    );
}

#[test]
fn stdin_and_file_input_skip_comments_and_blanks_and_report_invalid_lines() {
    let s = server(Scenario::default());
    let env = Env::new();
    let file = env.file(
        "ids.txt",
        "# users of run 42\n\n  file-a  \n\t# indented comment\nbad id\nfile-b\r\n..\n",
    );
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "arg-1", "-", "--from-file"])
        .arg(&file);
    let o = c.run_with_stdin("stdin-a\n\n#x\nstdin-b\n");
    o.assert_exit_ctx(2, "invalid lines make the exit code 2");
    let lines = json_lines(&o);
    assert_eq!(
        user_ids(&lines),
        [
            "arg-1", "stdin-a", "stdin-b", "file-a", "bad id", "file-b", ".."
        ]
    );
    let invalid: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["message"] == "INVALID_USER_ID")
        .collect();
    assert_eq!(invalid.len(), 2);
    for l in invalid {
        assert_eq!(l["exit_code"], 2);
        assert_eq!(l["attempts"], 0);
        assert_eq!(l["http_status"], serde_json::Value::Null);
        assert_eq!(l["ok"], false);
    }
    // Only the valid IDs were sent, and the batch went on after the invalid ones.
    let sent: Vec<String> = records(&s).into_iter().filter_map(|r| r.user_id).collect();
    assert_eq!(sent.len(), 5);
    assert!(sent.contains(&"file-b".to_string()));
}

#[test]
fn human_mode_reports_invalid_lines_on_stderr_and_goes_on() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "-"]);
    let o = c.run_with_stdin("good-1\nbad\tid\ngood-2\n");
    o.assert_exit(2);
    assert!(
        o.stdout().contains("restarted good-1") && o.stdout().contains("restarted good-2"),
        "{}",
        o.stdout()
    );
    assert!(o.stderr().contains("INVALID_USER_ID"), "{}", o.stderr());
    assert!(
        o.stderr().contains("bad\\tid"),
        "the ID is named, escaped: {}",
        o.stderr()
    );
}

#[test]
fn a_missing_from_file_is_a_usage_error_and_nothing_is_sent() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "x", "--from-file"])
        .arg(env.dir.path().join("nope.txt"));
    let o = c.run();
    o.assert_exit(2);
    assert!(o.stderr().contains("nope.txt"), "{}", o.stderr());
    assert_eq!(requests(&s), 0);
}

#[test]
fn client_wide_failure_stops_new_requests_and_skips_the_rest() {
    let s = server(Scenario {
        quota: Some(5),
        ..Scenario::default()
    });
    let env = Env::new();
    let all = ids("q", 40);
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "--concurrency", "1", "-"]);
    let o = c.run_with_stdin(&all.join("\n"));
    o.assert_exit(6);
    let lines = json_lines(&o);
    assert_eq!(user_ids(&lines), all);
    assert!(lines[..5].iter().all(|l| l["ok"] == true));
    assert_eq!(lines[5]["message"], "REQUEST_LIMIT_REACHED");
    assert_eq!(lines[5]["http_status"], 402);
    for l in &lines[6..] {
        assert_eq!(l["message"], "SKIPPED");
        assert_eq!(l["ok"], false);
        assert_eq!(l["exit_code"], 6);
        assert_eq!(l["attempts"], 0);
        assert_eq!(l["http_status"], serde_json::Value::Null);
    }
    assert_eq!(requests(&s), 6);
}

#[test]
fn client_wide_failure_with_concurrency_sends_at_most_one_more_window() {
    let s = server(Scenario {
        clients: vec![("other".into(), "pair".into())],
        latency: Duration::from_millis(5),
        ..Scenario::default()
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "--concurrency", "8", "-"]);
    let o = c.run_with_stdin(&ids("c", 200).join("\n"));
    o.assert_exit_ctx(8, "CLIENT_NOT_FOUND for an unknown key");
    let sent = requests(&s);
    assert!(sent <= 16, "{sent} requests after a client-wide failure");
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 200);
    assert_eq!(
        lines.iter().filter(|l| l["message"] == "SKIPPED").count() as u64,
        200 - sent
    );
}

#[test]
fn exit_code_is_the_first_failure_in_input_order() {
    let mut slow_missing = message_rule("missing-slow", "USERID_NOT_EXISTS");
    slow_missing.delay_ms = 150;
    let s = server(scenario_with(vec![
        slow_missing,
        raw_rule("weird", 200, "<html>"),
    ]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "restart-state",
        "--concurrency",
        "4",
        "ok-1",
        "missing-slow",
        "weird",
        "ok-2",
    ]);
    let o = c.run();
    o.assert_exit_ctx(7, "the later-listed, earlier-finished 12 must not win");
}

#[test]
fn ignore_missing_counts_missing_users_as_success() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "restart-state",
        "--json",
        "--ignore-missing",
        "present",
        "missing-1",
    ]);
    let o = c.run();
    o.assert_exit(0);
    let lines = json_lines(&o);
    assert_eq!(lines[1]["message"], "USERID_NOT_EXISTS");
    assert_eq!(lines[1]["ok"], true);
    assert_eq!(lines[1]["exit_code"], 0);
    assert_eq!(lines[1]["http_status"], 404);

    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "present", "missing-1"]);
    c.run()
        .assert_exit_ctx(7, "without the flag a missing user fails");
}

#[test]
fn summary_line_on_stderr_and_no_progress_bar_off_a_terminal() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "a", "b", "missing-c"]);
    let o = c.run();
    let err = o.stderr();
    assert!(
        err.contains("2 restarted, 1 missing, 0 failed, 0 skipped"),
        "{err}"
    );
    assert!(
        !err.contains('\r') && !err.contains("ETA") && !err.contains('\u{1b}'),
        "{err:?}"
    );
    assert_eq!(json_lines(&o).len(), 3, "stdout holds only the JSON lines");
}

/// Start a batch of 60 slow IDs on a stdin kept open, wait for its first result,
/// send `signal`, and check it ends like Ctrl-C: every finished result, `INTERRUPTED`
/// for the rest read (with the attempts begun), no cut line, a summary, exit `expected`.
fn signal_stops_the_batch(signal: &str, expected: i32) {
    let s = server(Scenario {
        latency: Duration::from_millis(300),
        ..Scenario::default()
    });
    let env = Env::new();
    let all = ids("int-", 60);
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "--concurrency", "4", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    // Kept open until the end: the batch must stop without reaching the end of its input.
    let mut stdin = child.stdin.take().unwrap();
    {
        use std::io::Write;
        stdin.write_all(all.join("\n").as_bytes()).unwrap();
    }
    // stdout is read on a thread so every wait below is bounded: a hang fails the test.
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    let out = BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let limit = Duration::from_secs(20);
    let first = match lines_rx.recv_timeout(limit) {
        Ok(line) => line,
        Err(_) => {
            let _ = child.kill();
            panic!("no result line within {limit:?}");
        }
    };
    assert!(first.contains("STATE_RESTARTED_WITH_SUCCESS"), "{first}");

    send_signal(child.id(), signal);
    let mut rest = Vec::new();
    loop {
        match lines_rx.recv_timeout(limit) {
            Ok(line) => rest.push(line),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                panic!("still running {limit:?} after {signal}");
            }
        }
    }
    reader.join().unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();

    assert_eq!(status.code(), Some(expected), "{signal}: {err}");
    let lines: Vec<serde_json::Value> = std::iter::once(&first)
        .chain(rest.iter())
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("cut or invalid line {l:?}: {e}"))
        })
        .collect();
    assert!(lines.len() < all.len(), "it stopped early");
    let interrupted: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["message"] == "INTERRUPTED")
        .collect();
    assert!(!interrupted.is_empty(), "{rest:?}");
    for l in &interrupted {
        assert_eq!(l["exit_code"], expected);
        assert_eq!(l["ok"], false);
    }
    // The requests in flight when the signal came had begun an attempt.
    assert!(
        interrupted
            .iter()
            .any(|l| l["attempts"].as_u64() >= Some(1)),
        "in-flight IDs report the attempts begun: {interrupted:?}"
    );
    let got = user_ids(&lines);
    assert_eq!(got, all[..got.len()].to_vec(), "input order kept");
    assert!(
        err.contains("not finished; the rest of the input was not read"),
        "{err}"
    );
    let sent = requests(&s);
    assert!(sent < all.len() as u64, "stopped sending ({sent} sent)");
}

#[test]
fn sigint_stops_sending_reports_unfinished_ids_and_exits_130() {
    signal_stops_the_batch("INT", 130);
}

#[test]
fn sigterm_is_handled_like_ctrl_c_and_exits_143() {
    signal_stops_the_batch("TERM", 143);
}

#[test]
fn sighup_is_handled_like_ctrl_c_and_exits_129() {
    signal_stops_the_batch("HUP", 129);
}

#[test]
fn interrupt_after_all_input_was_read_does_not_claim_unread_input() {
    let s = server(Scenario {
        latency: Duration::from_secs(30),
        ..Scenario::default()
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "a1", "a2", "a3"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    wait_for_requests(&s, 3);
    send_signal(child.id(), "INT");
    let o = wait_bounded(child);
    o.assert_exit(130);
    let lines = json_lines(&o);
    assert_eq!(user_ids(&lines), ["a1", "a2", "a3"]);
    for l in &lines {
        assert_eq!(l["message"], "INTERRUPTED");
        assert_eq!(l["attempts"], 1, "the request was sent once: {l}");
    }
    let err = o.stderr();
    assert!(err.contains("3 not finished"), "{err}");
    assert!(!err.contains("not read"), "all input was read: {err}");
}

#[test]
fn empty_input_says_so_on_stderr_in_every_mode() {
    let s = server(Scenario::default());
    let env = Env::new();
    for mode in [&[][..], &["--json"][..], &["--quiet"][..]] {
        let mut c = env.cmd_for(&s.base_url());
        c.arg("restart-state").args(mode).arg("-");
        let o = c.run_with_stdin("# only a comment\n\n   \n");
        o.assert_exit_ctx(0, format_args!("{mode:?}: nothing failed"));
        assert!(
            o.stderr()
                .contains("warning: no user IDs were read from stdin"),
            "{mode:?}: {}",
            o.stderr()
        );
        assert_eq!(o.stdout(), "", "{mode:?}");
    }
    let empty = env.file("empty.txt", "");
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--from-file"]).arg(&empty);
    let o = c.run();
    o.assert_exit(0);
    assert!(
        o.stderr().contains("no user IDs were read from") && o.stderr().contains("empty.txt"),
        "{}",
        o.stderr()
    );
    assert_eq!(requests(&s), 0);
}

#[test]
fn a_from_file_that_cannot_be_read_is_an_error_never_a_silent_0() {
    let s = server(Scenario::default());
    let env = Env::new();
    // A directory opens but cannot be read.
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--from-file"]).arg(env.dir.path());
    let o = c.run();
    o.assert_exit(2);
    assert!(o.stderr().contains("it is a directory"), "{}", o.stderr());
    // A file whose read fails (EIO): reported, not taken for an empty list.
    let mem = std::path::Path::new("/proc/self/mem");
    if mem.exists() {
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state", "--from-file"]).arg(mem);
        let o = c.run();
        o.assert_exit(2);
        assert!(
            o.stderr().contains("error: reading /proc/self/mem"),
            "{}",
            o.stderr()
        );
        assert!(!o.stderr().contains("no user IDs"), "{}", o.stderr());
    } else {
        cannot_run("the read-error half: no /proc/self/mem here");
    }
    assert_eq!(requests(&s), 0);
}

/// A FIFO under `dir` that a thread fills with `text` once the program opens it.
#[cfg(unix)]
fn fifo_with(
    dir: &std::path::Path,
    text: String,
) -> (std::path::PathBuf, std::thread::JoinHandle<()>) {
    use std::io::Write;
    let path = dir.join("ids.fifo");
    mkfifo(&path);
    let p = path.clone();
    let writer = std::thread::spawn(move || {
        // Blocks until the program opens the FIFO for reading.
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&p) {
            let _ = f.write_all(text.as_bytes());
        }
    });
    (path, writer)
}

#[cfg(unix)]
#[test]
fn a_fifo_as_from_file_on_a_terminal_is_read_not_counted_away() {
    let s = server(Scenario::default());
    let env = Env::new();
    let (fifo, writer) = fifo_with(env.dir.path(), "p1\np2\np3\n".into());
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--from-file"])
        .arg(&fifo)
        .env("TERM", "xterm");
    // stderr is a terminal: the progress bar wants a count, which must not eat the FIFO.
    let mut t = pty::Pty::spawn(c);
    let status = t.finish();
    writer.join().unwrap();
    assert!(status.success(), "{}", t.transcript());
    assert!(
        t.transcript()
            .contains("3 restarted, 0 missing, 0 failed, 0 skipped"),
        "{}",
        t.transcript()
    );
    assert_eq!(requests(&s), 3);
}

#[cfg(unix)]
#[test]
fn stdin_on_a_terminal_says_what_it_waits_for() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut t = pty::typing_ids(&env, &s);
    t.send("tty-1\n");
    t.expect("restarted tty-1");
    t.send("\x04");
    assert!(t.finish().success(), "{}", t.transcript());
    assert_eq!(requests(&s), 1);
}

#[test]
fn verbose_lines_name_their_id_and_never_tear_the_progress_bar() {
    let s = server(Scenario {
        latency: Duration::from_millis(5),
        ..Scenario::default()
    });
    let env = Env::new();
    let all = ids("v-", 150);
    let file = env.file("ids.txt", &all.join("\n"));
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "-v",
        "restart-state",
        "--json",
        "--concurrency",
        "4",
        "--from-file",
    ])
    .arg(&file)
    .env("TERM", "xterm");
    let mut t = pty::Pty::spawn(c);
    t.expect("/150 ["); // the bar is drawn while -v lines are written
    assert!(t.finish().success(), "{}", t.transcript());
    let transcript = strip_ansi(&t.transcript());
    let mut seen = 0;
    for line in transcript.split('\n') {
        // What the terminal shows of the line: the text after its last carriage return.
        let shown = line.rsplit('\r').find(|p| !p.is_empty()).unwrap_or("");
        if shown.contains("> GET") || shown.contains("< HTTP") {
            seen += 1;
            let id = shown.split(": ").next().unwrap();
            assert!(
                all.iter().any(|i| i == id),
                "a -v line that does not start with its ID (torn?): {line:?}"
            );
            assert!(shown.contains(&format!("/users/{id}/")) || shown.contains("< HTTP"));
        }
    }
    assert_eq!(seen, 300, "one request and one reply line per ID");
}

#[test]
fn progress_bar_with_count_rate_and_eta_on_a_terminal() {
    let s = server(Scenario {
        latency: Duration::from_millis(5),
        ..Scenario::default()
    });
    let env = Env::new();
    let file = env.file("ids.txt", &ids("tty-", 300).join("\n"));
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "restart-state",
        "--quiet",
        "--concurrency",
        "2",
        "--from-file",
    ])
    .arg(&file)
    .env("TERM", "xterm"); // a dumb or unknown terminal gets no bar
    // --quiet means quiet: no bar either.
    let mut quiet = pty::Pty::spawn(c);
    assert!(quiet.finish().success());
    assert!(
        !quiet.transcript().contains("ETA"),
        "{}",
        quiet.transcript()
    );

    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "restart-state",
        "--json",
        "--concurrency",
        "2",
        "--from-file",
    ])
    .arg(&file)
    .env("TERM", "xterm");
    let mut t = pty::Pty::spawn(c);
    t.expect("/300 [");
    t.expect("/s ETA");
    assert!(t.finish().success());
    assert!(
        t.transcript()
            .contains("300 restarted, 0 missing, 0 failed, 0 skipped"),
        "{}",
        t.transcript()
    );
}

// ---- Big jobs: --rate, the shared pause, the breaker, --max-failures, the journal,
// ---- --resume and --dry-run (docs/large-runs.md, "Quota, rate, journal, resume, dry run").

/// How many requests the sandbox saw for each user ID.
fn requests_per_id(s: &Running) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for r in records(s) {
        *counts.entry(r.user_id.unwrap_or_default()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn rate_spaces_every_attempt_retries_included() {
    // Every ID fails once and is retried: 12 attempts at 10/s. The pace starts
    // each attempt at least 100 ms after the one before, so the attempt j (from 0)
    // starts at least j × 100 ms after the command was started, and arrives later
    // still. That bound is measured from an instant taken before the spawn, so a
    // loaded machine (a late start, a late arrival, a descheduled server) can only
    // add to each arrival time: no slack needed, and none given. Retries that went
    // around the pace would come 125-250 ms after their first try (the first
    // backoff), among the first tries: all 12 within about 750 ms, where 1.1 s is
    // the least. Bursts within a window are another test's
    // (`rate_anchored_to_the_real_start_...`) and pace.rs's.
    let s = server(Scenario {
        fail_first: 1,
        ..Scenario::default()
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--rate", "10/s", "--retries", "1", "--json"])
        .args(["restart-state", "--concurrency", "8"])
        .args(ids("r", 6));
    let spawned = std::time::Instant::now();
    let o = c.run();
    o.assert_exit(0);
    let mut times: Vec<_> = records(&s).iter().map(|r| r.at).collect();
    times.sort();
    assert_eq!(times.len(), 12, "one retry per ID");
    for (j, at) in times.iter().enumerate() {
        let since = at.duration_since(spawned);
        let least = Duration::from_millis(100) * j as u32;
        assert!(
            since >= least,
            "attempt {j} arrived {since:?} after the start, want ≥ {least:?}: {:?}",
            times
                .iter()
                .map(|t| t.duration_since(spawned))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn rate_is_a_setting_with_sources_and_checks() {
    let env = Env::new();
    env.write_config("[default]\nrate = \"100/m\"\n");
    let o = env.cmd().args(["config", "show", "--json"]).run();
    o.assert_exit(0);
    let v: serde_json::Value = serde_json::from_str(&o.stdout()).unwrap();
    assert_eq!(v["rate"]["value"], "100/m");
    assert!(
        v["rate"]["source"].as_str().unwrap().starts_with("file "),
        "{v}"
    );
    let o = env
        .cmd()
        .env("BIOMETRID_RATE", "0.5/s")
        .args(["config", "show"])
        .run();
    o.assert_exit(0);
    assert!(o.stdout().contains("0.5/s") && o.stdout().contains("env BIOMETRID_RATE"));
    let o = env.cmd().args(["--rate", "2", "config", "show"]).run();
    assert!(
        o.stdout()
            .lines()
            .any(|l| l.starts_with("rate") && l.contains("2/s") && l.contains("flag"))
    );
    // Invalid: 2 from the flag, 3 from the environment or the file.
    env.cmd()
        .args(["--rate", "0/s", "config", "show"])
        .run()
        .assert_exit(2);
    env.cmd()
        .env("BIOMETRID_RATE", "fast")
        .args(["config", "show"])
        .run()
        .assert_exit(3);
    env.write_config("[default]\nrate = \"10/d\"\n");
    env.cmd().args(["config", "show"]).run().assert_exit(3);
}

#[test]
fn durations_take_units_everywhere() {
    let env = Env::new();
    let show = |c: &mut std::process::Command| {
        let o = c.args(["config", "show", "--json"]).run();
        o.assert_exit(0);
        let v: serde_json::Value = serde_json::from_str(&o.stdout()).unwrap();
        v["timeout"]["value"].as_f64().unwrap()
    };
    assert_eq!(show(env.cmd().args(["--timeout", "500ms"])), 0.5);
    assert_eq!(show(env.cmd().env("BIOMETRID_TIMEOUT", "1.5s")), 1.5);
    env.write_config("[default]\ntimeout = \"2m\"\n");
    assert_eq!(show(&mut env.cmd()), 120.0);
    env.cmd()
        .args(["--timeout", "5x", "config", "show"])
        .run()
        .assert_exit(2);
    env.cmd()
        .env("BIOMETRID_TIMEOUT", "5x")
        .args(["config", "show"])
        .run()
        .assert_exit(3);
}

#[test]
fn a_retry_after_pauses_every_new_attempt() {
    // `a` answers once with the API's 500 and Retry-After: 1. `b` is then the
    // next ID sent: it must wait out the pause too, not only `a`'s retry.
    let mut rule = message_rule("a", "PROBLEM_OCURRED_REPEAT_REQUEST");
    rule.headers = vec![("Retry-After".into(), "1".into())];
    rule.times = 1;
    let s = server(scenario_with(vec![rule]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "--retries",
        "1",
        "--json",
        "restart-state",
        "--concurrency",
        "1",
        "a",
        "b",
    ]);
    let o = c.run();
    o.assert_exit(0);
    let seen = records(&s);
    let first_a = seen
        .iter()
        .find(|r| r.user_id.as_deref() == Some("a"))
        .unwrap()
        .at;
    let b = seen
        .iter()
        .find(|r| r.user_id.as_deref() == Some("b"))
        .unwrap()
        .at;
    assert!(
        b.duration_since(first_a) >= Duration::from_millis(950),
        "b was sent {:?} after the Retry-After",
        b.duration_since(first_a)
    );
}

#[test]
fn a_retry_after_holds_back_other_ids_not_only_its_own() {
    // Four in flight: `a` gets 503 + Retry-After: 1 at once, the others are slow;
    // `e` starts when `a` ends, inside the pause, and must wait for it.
    let mut rule = raw_rule("a", 503, "busy");
    rule.headers = vec![("Retry-After".into(), "1".into())];
    let mut rules = vec![rule];
    for id in ["b", "c", "d"] {
        let mut slow = Rule::for_user(id);
        slow.delay_ms = 200;
        rules.push(slow);
    }
    let s = server(scenario_with(rules));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "--json",
        "restart-state",
        "--concurrency",
        "4",
        "a",
        "b",
        "c",
        "d",
        "e",
    ]);
    let o = c.run();
    o.assert_exit(12);
    let seen = records(&s);
    let at = |id: &str| {
        seen.iter()
            .find(|r| r.user_id.as_deref() == Some(id))
            .unwrap()
            .at
    };
    let waited = at("e").duration_since(at("a"));
    assert!(
        waited >= Duration::from_millis(950),
        "e sent {waited:?} after a's Retry-After"
    );
}

#[test]
fn five_network_failures_in_a_row_stop_the_run() {
    let env = Env::new();
    let base = format!("http://127.0.0.1:{}", closed_port());
    let mut c = env.cmd_for(&base);
    c.args(["--json", "restart-state", "--concurrency", "1"])
        .args(ids("n", 9));
    let o = c.run();
    o.assert_exit(10);
    let lines = json_lines(&o);
    let messages: Vec<&str> = lines
        .iter()
        .map(|l| l["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages[..5], ["NETWORK_ERROR"; 5], "{messages:?}");
    assert_eq!(messages[5..], ["SKIPPED"; 4], "{messages:?}");
    assert!(
        lines[5..]
            .iter()
            .all(|l| l["exit_code"] == 10 && l["attempts"] == 0)
    );
    assert!(o.stderr().contains("unreachable"), "{}", o.stderr());
}

/// The warning says five failures in a row: it comes after five failures are
/// on the screen, never before (it came after the fourth at concurrency 1, and
/// after the first at 8: it was said when the fifth finished, not printed).
#[test]
fn the_unreachable_warning_follows_the_five_failures_it_counts() {
    let env = Env::new();
    let base = format!("http://127.0.0.1:{}", closed_port());
    let failures_before_warning = |o: &std::process::Output| {
        let err = o.stderr();
        let lines: Vec<&str> = err.lines().collect();
        let at = lines.iter().position(|l| l.contains("unreachable"));
        let before = &lines[..at.unwrap_or(lines.len())];
        let failed = before
            .iter()
            .filter(|l| l.contains("NETWORK_ERROR"))
            .count();
        (at.is_some(), failed)
    };
    // Four in a row: no warning, nothing skipped.
    let mut c = env.cmd_for(&base);
    c.args(["restart-state", "--concurrency", "1"])
        .args(ids("n", 4));
    let o = c.run();
    o.assert_exit(10);
    assert_eq!(failures_before_warning(&o), (false, 4), "{}", o.stderr());
    assert!(!o.stderr().contains("SKIPPED"), "{}", o.stderr());
    // Five: the warning, after the fifth failure's line.
    for concurrency in ["1", "8"] {
        let mut c = env.cmd_for(&base);
        c.args(["restart-state", "--concurrency", concurrency])
            .args(ids("n", 12));
        let o = c.run();
        o.assert_exit(10);
        let (warned, failed) = failures_before_warning(&o);
        assert!(warned, "{}", o.stderr());
        assert!(failed >= 5, "concurrency {concurrency}: {}", o.stderr());
        if concurrency == "1" {
            assert_eq!(failed, 5, "{}", o.stderr());
        }
    }
}

#[test]
fn the_breaker_ends_pending_retries_with_their_real_attempts() {
    // Retries with long backoff: once five IDs have failed, the IDs waiting to
    // retry end at once with their last failure and the attempts they made.
    let env = Env::new();
    let base = format!("http://127.0.0.1:{}", closed_port());
    let mut c = env.cmd_for(&base);
    c.args([
        "--retries",
        "3",
        "--json",
        "restart-state",
        "--concurrency",
        "8",
    ])
    .args(ids("p", 40));
    let o = c.run();
    o.assert_exit(10);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 40);
    assert!(
        lines
            .iter()
            .any(|l| l["message"] == "NETWORK_ERROR" && l["attempts"].as_u64().unwrap() < 4),
        "no retry was cut short: {}",
        o.stdout()
    );
    let sent: u64 = lines.iter().map(|l| l["attempts"].as_u64().unwrap()).sum();
    // Goal: at most 5 + concurrency × (retries + 1) requests after the API went down.
    assert!(sent <= 5 + 8 * 4, "{sent} attempts");
    assert!(
        lines.iter().any(|l| l["message"] == "SKIPPED"),
        "{}",
        o.stdout()
    );
}

#[test]
fn network_failures_mixed_with_successes_never_stop_the_run() {
    // Four failures, then a success, again and again: the count starts over each time.
    let mut rules = Vec::new();
    let all: Vec<String> = (0..15).map(|i| format!("m{i:02}")).collect();
    for (i, id) in all.iter().enumerate() {
        if i % 5 != 4 {
            let mut r = Rule::for_user(id);
            r.close = true;
            rules.push(r);
        }
    }
    let s = server(scenario_with(rules));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "restart-state", "--concurrency", "1"])
        .args(&all);
    let o = c.run();
    o.assert_exit(10);
    let lines = json_lines(&o);
    assert!(
        lines.iter().all(|l| l["message"] != "SKIPPED"),
        "{}",
        o.stdout()
    );
    assert_eq!(requests(&s), 15);
}

#[test]
fn max_failures_stops_after_n_failed_ids() {
    let s = server(scenario_with(vec![message_rule(
        "x1",
        "PROBLEM_OCURRED_REPEAT_REQUEST",
    )]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "--json",
        "restart-state",
        "--concurrency",
        "1",
        "--max-failures",
        "2",
    ])
    .args(["u1", "x1", "u2", "missing1", "u3", "u4"]);
    let o = c.run();
    // The first failed ID's code (9); the skipped ones carry the second failure's (7).
    o.assert_exit(9);
    let lines = json_lines(&o);
    assert_eq!(lines[4]["message"], "SKIPPED");
    assert_eq!(lines[5]["exit_code"], 7);
    assert_eq!(requests(&s), 4);
    // Failures that --ignore-missing turns into successes do not count.
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "--json",
        "restart-state",
        "--concurrency",
        "1",
        "--max-failures",
        "1",
    ])
    .args(["--ignore-missing", "missing1", "missing2", "u5"]);
    c.run().assert_exit(0);
}

#[test]
fn the_journal_records_each_finished_id_with_a_header() {
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("run.jsonl");
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--journal"])
        .arg(&journal)
        .args(["u1", "missing1", "u2"]);
    c.run().assert_exit(7);
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(!text.contains(SECRET) && !text.contains(KEY), "{text}");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0]["command"], "restart-state");
    assert_eq!(
        lines[0]["base_url"],
        format!("{}/", s.base_url().trim_end_matches('/'))
    );
    assert_eq!(lines[0]["key_fingerprint"].as_str().unwrap().len(), 16);
    let mut ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l["user_id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["missing1", "u1", "u2"]);
    for l in &lines[1..] {
        for field in ["ok", "message", "http_status", "exit_code", "attempts"] {
            assert!(l.get(field).is_some(), "{field} in {l}");
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&journal).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[cfg(unix)]
#[test]
fn a_journal_that_is_not_a_regular_file_is_refused() {
    let env = Env::new();
    let fifo = env.dir.path().join("fifo");
    mkfifo(&fifo);
    let mut c = env.cmd_for("http://127.0.0.1:1");
    c.args(["restart-state", "--journal"]).arg(&fifo).arg("u1");
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("not a regular file"), "{}", o.stderr());
}

#[test]
fn resume_after_a_quota_stop_sends_only_what_is_left() {
    // u3 meets the quota once: the run stops there; the resumed run sends u3..u5.
    let mut quota = message_rule("u3", "REQUEST_LIMIT_REACHED");
    quota.times = 1;
    let s = server(scenario_with(vec![quota]));
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let all: Vec<String> = (0..6).map(|i| format!("u{i}")).collect();
    let run = |extra: &[&str]| {
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state", "--concurrency", "1", "--journal"])
            .arg(&journal)
            .args(extra)
            .args(&all);
        c.run()
    };
    let o = run(&["--json"]);
    o.assert_exit(6);
    assert_eq!(json_lines(&o)[5]["message"], "SKIPPED");
    let o = run(&["--json", "--resume"]);
    o.assert_exit(0);
    let lines = json_lines(&o);
    assert_eq!(user_ids(&lines), all);
    for l in &lines[..3] {
        assert_eq!(
            (l["resumed"].clone(), l["attempts"].clone()),
            (true.into(), 0.into()),
            "{l}"
        );
        assert_eq!(l["message"], "STATE_RESTARTED_WITH_SUCCESS");
    }
    assert!(
        lines[3..]
            .iter()
            .all(|l| l.get("resumed").is_none() && l["ok"] == true)
    );
    let counts = requests_per_id(&s);
    assert_eq!(counts["u0"], 1);
    assert_eq!(counts["u3"], 2);
    assert_eq!(counts["u5"], 1);
    // Again: everything is done, nothing is sent; human mode counts them.
    let before = requests(&s);
    let o = run(&["--resume"]);
    o.assert_exit(0);
    assert_eq!(requests(&s), before);
    assert_eq!(o.stdout(), "");
    assert!(o.stderr().contains("6 already done"), "{}", o.stderr());
}

#[cfg(unix)]
#[test]
fn resume_after_sigkill_finishes_with_only_in_flight_requests_sent_twice() {
    let s = server(Scenario {
        latency: Duration::from_millis(20),
        ..Scenario::default()
    });
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let all = ids("k", 300);
    let input = env.file("ids.txt", &all.join("\n"));
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "--quiet",
        "restart-state",
        "--concurrency",
        "4",
        "--from-file",
    ])
    .arg(&input)
    .arg("--journal")
    .arg(&journal)
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    let mut child = c.spawn().unwrap();
    wait_for_requests(&s, 60);
    send_signal(child.id(), "KILL");
    wait_status(&mut child, Duration::from_secs(20), "the killed run");
    let mut c = env.cmd_for(&s.base_url());
    c.args([
        "--json",
        "restart-state",
        "--concurrency",
        "4",
        "--resume",
        "--from-file",
    ])
    .arg(&input)
    .arg("--journal")
    .arg(&journal);
    let o = c.run();
    o.assert_exit(0);
    let lines = json_lines(&o);
    assert_eq!(user_ids(&lines), all);
    assert!(lines.iter().any(|l| l["resumed"] == true));
    let twice = requests_per_id(&s).values().filter(|n| **n > 1).count();
    assert!(twice <= 4, "{twice} IDs sent twice with 4 in flight");
    assert!(requests_per_id(&s).len() == 300);
}

#[test]
fn a_journal_of_another_run_is_refused() {
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--journal"])
        .arg(&journal)
        .arg("u1");
    c.run().assert_exit(0);
    // Another base URL.
    let other = server(Scenario::default());
    let mut c = env.cmd_for(&other.base_url());
    c.args(["restart-state", "--resume", "--journal"])
        .arg(&journal)
        .arg("u1");
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("base URL"), "{}", o.stderr());
    // Another key.
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_KEY", "another-key")
        .args(["restart-state", "--resume", "--journal"])
        .arg(&journal)
        .arg("u1");
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("client key"), "{}", o.stderr());
    assert!(!o.stderr().contains("another-key"));
    // Another command.
    let text = std::fs::read_to_string(&journal).unwrap();
    let edited = text.replacen("\"restart-state\"", "\"delete-user\"", 1);
    std::fs::write(&journal, edited).unwrap();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--resume", "--journal"])
        .arg(&journal)
        .arg("u1");
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("delete-user"), "{}", o.stderr());
    assert_eq!(requests(&s), 1);
    // --resume needs --journal.
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--resume", "u1"])
        .run()
        .assert_exit(2);
}

#[test]
fn a_torn_last_line_is_repaired_and_garbage_in_the_middle_refused() {
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let run = || {
        let mut c = env.cmd_for(&s.base_url());
        c.args(["--json", "restart-state", "--resume", "--journal"])
            .arg(&journal)
            .args(["u1", "u2"]);
        c.run()
    };
    // A journal that does not exist yet starts a new one.
    run().assert_exit(0);
    let whole = std::fs::read_to_string(&journal).unwrap();
    std::fs::write(&journal, format!("{whole}{{\"user_id\":\"u3\",\"ok\":tr")).unwrap();
    let o = run();
    o.assert_exit(0);
    assert!(json_lines(&o).iter().all(|l| l["resumed"] == true));
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap(),
        whole,
        "torn line cut off"
    );
    let mut lines: Vec<&str> = whole.lines().collect();
    lines.insert(2, "not json");
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let o = run();
    o.assert_exit(3);
    assert!(o.stderr().contains("line 3"), "{}", o.stderr());
    assert_eq!(requests(&s), 2);
}

#[test]
fn dry_run_prints_requests_and_opens_no_connection() {
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let mut c = env.cmd_for("https://does-not-exist.invalid");
    c.args(["restart-state", "--dry-run", "--journal"])
        .arg(&journal)
        .arg("-");
    let o = c.run_with_stdin("u1\nbad id\na/b\n");
    o.assert_exit(2);
    assert_eq!(
        o.stdout().lines().collect::<Vec<_>>(),
        [
            "GET https://does-not-exist.invalid/api/1.0/users/u1/restart-state",
            "GET https://does-not-exist.invalid/api/1.0/users/a%2Fb/restart-state",
        ]
    );
    assert!(!journal.exists(), "a dry run writes no journal");
    let mut c = env.cmd_for("https://does-not-exist.invalid");
    c.args(["-v", "--json", "restart-state", "--dry-run", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert_no_secret(&o, SECRET);
    let l = &json_lines(&o)[0];
    assert_eq!(l["dry_run"], true);
    assert_eq!(
        (l["ok"].clone(), l["message"].clone()),
        (true.into(), "DRY_RUN".into())
    );
    assert!(l["http_status"].is_null() && l["attempts"] == 0);
    assert_eq!(l["method"], "GET");
    assert_eq!(l["headers"]["x-biometrid-secret"], "***");
    // Credentials are still required.
    let mut c = env.cmd();
    c.env("BIOMETRID_BASE_URL", "https://does-not-exist.invalid")
        .args(["restart-state", "--dry-run", "u1"]);
    c.run().assert_exit(3);
}

#[cfg(unix)]
#[test]
fn a_journal_that_cannot_be_written_stops_sending_reports_every_id_and_exits_14() {
    journal_fails_midway(&["restart-state"]);
}

/// A deletion's "sent" lines fail as its records do; and no request goes out
/// without its "sent" line before it.
#[cfg(unix)]
#[test]
fn a_deletion_whose_journal_fails_sends_nothing_unrecorded() {
    let (s, journal) = journal_fails_midway(&["delete-user", "--yes"]);
    let sent = journal.matches("{\"sent\":").count() as u64;
    assert_eq!(requests(&s), sent, "{journal}");
}

/// A "sent" line that cannot be written (one ID of 128 three-byte characters
/// is over the one-block file-size limit with the header): that request is
/// not sent, the run stops, and every ID is still reported.
#[cfg(unix)]
#[test]
fn a_sent_line_that_cannot_be_written_sends_nothing() {
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("run.jsonl");
    let inner = env.cmd_for(&s.base_url());
    let ids: Vec<String> = ["a", "b", "c"].map(|end| "€".repeat(127) + end).into();
    let mut args: Vec<OsString> = ["--json", "delete-user", "--yes", "--journal"]
        .map(Into::into)
        .into();
    args.push(journal.clone().into());
    args.extend(ids.iter().map(Into::into));
    let o = journal_fails_at_one_block(&inner, args);
    assert_eq!(requests(&s), 0);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 3, "{}", o.stdout());
    for l in &lines {
        assert_eq!(
            (l["message"].as_str(), l["exit_code"].as_u64()),
            (Some("SKIPPED"), Some(14)),
            "{l}"
        );
    }
    // The write stopped at the limit: a torn line, no whole "sent" line.
    let bytes = std::fs::read(&journal).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("{\"sent\"") && l.ends_with('}')),
        "{text}"
    );
    // Resumed without the limit: the torn line is cut, and every ID is sent once.
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "delete-user", "--yes", "--resume", "--journal"])
        .arg(&journal)
        .args(&ids);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(requests(&s), 3);
    assert!(
        json_lines(&o)
            .iter()
            .all(|l| l["message"] == "USER_REMOVED_WITH_SUCCESS"),
        "{}",
        o.stdout()
    );
}

/// `inner`'s program and environment with `args`, under a file-size limit of
/// one block (512 bytes) so that the journal's writes fail (EFBIG; SIGXFSZ is
/// ignored so that the write fails instead of killing the process): exit 14,
/// and the error says so.
#[cfg(unix)]
fn journal_fails_at_one_block(inner: &std::process::Command, args: Vec<OsString>) -> Output {
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 1; exec "$0" "$@""#)
        .arg(inner.get_program())
        .args(args)
        .stdin(Stdio::null());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    let o = c.run();
    o.assert_exit(14);
    assert!(
        o.stderr().contains("cannot write to the journal"),
        "{}",
        o.stderr()
    );
    o
}

/// `command` over 40 IDs with a journal whose writes start failing after a
/// few lines: exit 14, every ID still reported, the rest SKIPPED (exit 14),
/// and what was sent answered and reported. Returns the server and the journal.
#[cfg(unix)]
fn journal_fails_midway(command: &[&str]) -> (Server, String) {
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("run.jsonl");
    let inner = env.cmd_for(&s.base_url());
    // The journal's writes fail after a few records.
    let mut args: Vec<OsString> = vec!["--json".into()];
    args.extend(command.iter().map(Into::into));
    args.extend(["--concurrency", "2", "--journal"].map(Into::into));
    args.push(journal.clone().into());
    args.extend((1..=40).map(|i| format!("u{i}").into()));
    let o = journal_fails_at_one_block(&inner, args);
    let lines = json_lines(&o);
    assert_eq!(
        lines.len(),
        40,
        "every ID still gets its line: {}",
        o.stdout()
    );
    let skipped: Vec<_> = lines.iter().filter(|l| l["message"] == "SKIPPED").collect();
    assert!(!skipped.is_empty(), "the run stops sending: {}", o.stdout());
    assert!(
        skipped.iter().all(|l| l["exit_code"] == 14),
        "{}",
        o.stdout()
    );
    // What was sent was answered and reported, never dropped.
    let done = lines.iter().filter(|l| l["ok"] == true).count() as u64;
    assert_eq!(done, requests(&s), "{}", o.stdout());
    (s, std::fs::read_to_string(&journal).unwrap())
}

/// docs/large-runs.md's worked example, pasted as it is (the port made free): the quota
/// runs out (exit 6), the next day's run finishes from the journal (exit 0), and no
/// sandbox is left running afterwards. With `kill %1` the quota-1000 sandbox stayed up,
/// and the next paste talked to it and exited 0 instead of 6 (issue 19, item 8).
#[test]
fn large_runs_example_exits_6_then_0_and_leaves_no_sandbox_running() {
    use std::os::unix::process::CommandExt;
    let port = closed_port();
    let script = doc_block("docs/large-runs.md", "large-runs")
        .join("\n")
        .replace("8765", &port.to_string());
    let env = Env::new();
    let mut c = env.sh(&script);
    // Its own process group, so that whatever the example leaves behind can be ended;
    // output to files, as a sandbox left behind would hold a pipe open.
    let stdout_path = env.dir.path().join("example.out");
    let stderr_path = env.dir.path().join("example.err");
    c.process_group(0)
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap());
    let mut child = c.spawn().unwrap();
    let group = ProcessGroup(child.id());
    let status = wait_status(&mut child, DEADLINE, "the large-runs example");
    let listening = || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
    let left_running = !poll_until(Duration::from_secs(5), || !listening());
    drop(group);
    let stdout = std::fs::read_to_string(&stdout_path).unwrap();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap();
    let all = format!("{status}\nstdout:\n{stdout}\nstderr:\n{stderr}");
    let exits: Vec<&str> = stdout.lines().filter(|l| l.starts_with("exit ")).collect();
    assert_eq!(exits, ["exit 6", "exit 0"], "{all}");
    assert!(
        stderr.contains("100 already done"),
        "the second run resumes the first's 100: {all}"
    );
    assert!(
        !left_running,
        "a sandbox still listens on {port} after the example"
    );
}

/// Ends a process group (by its leader's PID) when dropped.
struct ProcessGroup(u32);

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        // SAFETY: kill(2) with a negative PID signals that group only.
        unsafe { libc::kill(-(self.0 as libc::pid_t), libc::SIGKILL) };
    }
}

#[cfg(target_os = "linux")]
#[test]
fn rate_anchored_to_the_real_start_never_lets_a_window_through_more_than_rate_w_plus_1() {
    // 200/s with 64 slots free from the start: every slot is wanted at once, so
    // the schedule alone decides when attempts go out. Counted by the kernel's
    // receive times at the server, so the server's own scheduling cannot blur them.
    let server = ArrivalServer::start();
    let env = Env::new();
    let mut c = env.cmd_for(&server.base_url());
    c.args(["--rate", "200/s", "--quiet"])
        .args(["restart-state", "--concurrency", "64"])
        .args(ids("w", 150));
    c.run().assert_exit(0);
    let times = server.arrivals();
    assert_eq!(times.len(), 150);
    // Any window from attempt i to attempt j (inclusive) holds j - i + 1 attempts:
    // at most 200 × W + 1 start in it. Measured where they arrive, an attempt's
    // bytes trail its start by a moment that a loaded machine stretches (new
    // connections, a descheduled process), so a window may catch up to two more;
    // a schedule that lets late slots catch up sent bursts of 4 to 14 more. The
    // exact rule is pace.rs's `a_late_start_never_lets_the_next_ones_catch_up`.
    let mut worst = (0, 0, f64::MIN);
    for i in 0..times.len() {
        for j in i + 1..times.len() {
            let w = (times[j] - times[i]) as f64 / 1e9;
            let excess = (j - i + 1) as f64 - (200.0 * w + 1.0);
            if excess > worst.2 {
                worst = (i, j, excess);
            }
        }
    }
    let (i, j, excess) = worst;
    assert!(
        excess < 3.0,
        "attempts {i}..={j}: {} in {:.4}s, over 200/s × W + 1 by {excess:.2}",
        j - i + 1,
        (times[j] - times[i]) as f64 / 1e9
    );
}
