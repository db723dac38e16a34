//! Big runs stay readable (docs/user-guide.md, "Output": many identical local
//! outcomes and progress): a quota stop or Ctrl-C over many IDs prints 20 lines
//! of each local outcome and one line for the rest; the progress bar's rate
//! counts only this run's work; no spinner over IDs a person types.

use std::process::Stdio;
use std::time::Duration;

use crate::util::*;

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:05}")).collect()
}

/// The stderr lines that name one ID's `message` (`error: ID: MESSAGE...`).
fn lines_of<'a>(err: &'a str, message: &str) -> Vec<&'a str> {
    err.lines()
        .filter(|l| l.contains(&format!(": {message}")))
        .collect()
}

#[test]
fn a_quota_stop_prints_twenty_skipped_lines_and_one_for_the_rest() {
    // A fresh quota of 5 for each run: 5 restarted, 1 REQUEST_LIMIT_REACHED, 54 SKIPPED.
    let quota_of_5 = || {
        server(Scenario {
            quota: Some(5),
            ..Scenario::default()
        })
    };
    let env = Env::new();
    let all = ids("q", 60).join("\n");
    for mode in [&[][..], &["--quiet"][..]] {
        let s = quota_of_5();
        let mut c = env.cmd_for(&s.base_url());
        c.arg("restart-state")
            .args(mode)
            .args(["--concurrency", "1", "-"]);
        let o = c.run_with_stdin(&all);
        o.assert_exit(6);
        let err = o.stderr();
        let skipped = lines_of(&err, "SKIPPED");
        assert_eq!(skipped.len(), 20, "{mode:?}: {err}");
        // The first 20 in input order, each naming its ID.
        assert!(skipped[0].contains("q00006"), "{err}");
        assert!(skipped[19].contains("q00025"), "{err}");
        assert!(!err.contains("q00026"), "{err}");
        let more: Vec<&str> = err.lines().filter(|l| l.contains("more SKIPPED")).collect();
        assert_eq!(
            more,
            ["error: ... and 34 more SKIPPED, not listed one by one (--json lists every ID)"],
            "{mode:?}: {err}"
        );
        assert_eq!(err.matches("SKIPPED").count(), 21, "{err}");
    }

    // --json is unchanged: every ID has its line, nothing is counted away.
    let s = quota_of_5();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--json", "--concurrency", "1", "-"]);
    let o = c.run_with_stdin(&all);
    o.assert_exit(6);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 60);
    assert_eq!(
        lines.iter().filter(|l| l["message"] == "SKIPPED").count(),
        54
    );
    assert!(!o.stderr().contains("more SKIPPED"), "{}", o.stderr());
}

/// Start `args` over 40 IDs held at the server (all 40 in flight), interrupt it,
/// and return its stderr.
fn interrupted_run(env: &Env, s: &Server, args: &[&str]) -> String {
    let mut c = env.cmd_for(&s.base_url());
    c.args(args)
        .args(["--concurrency", "40"])
        .args(ids("i", 40))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    wait_for_requests(s, 40);
    send_signal(child.id(), "INT");
    let o = wait_bounded(child);
    o.assert_exit(130);
    o.stderr()
}

#[test]
fn ctrl_c_prints_twenty_interrupted_lines_and_one_for_the_rest() {
    let s = server(Scenario {
        latency: Duration::from_secs(60),
        ..Scenario::default()
    });
    let env = Env::new();
    let err = interrupted_run(&env, &s, &["restart-state"]);
    assert_eq!(lines_of(&err, "INTERRUPTED").len(), 20, "{err}");
    let more: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("more INTERRUPTED"))
        .collect();
    assert_eq!(
        more,
        ["error: ... and 20 more INTERRUPTED, not listed one by one (--json lists every ID)"],
        "{err}"
    );
    // The summary still counts them all, after the line for the rest.
    let last = err.lines().last().unwrap();
    assert!(last.contains("40 not finished"), "{err}");
}

#[test]
fn ctrl_c_during_deletes_says_how_many_of_the_rest_may_have_been_carried_out() {
    let s = server(Scenario {
        latency: Duration::from_secs(60),
        ..Scenario::default()
    });
    let env = Env::new();
    let err = interrupted_run(&env, &s, &["delete-user", "--yes"]);
    let shown = lines_of(&err, "INTERRUPTED");
    assert_eq!(shown.len(), 20, "{err}");
    assert!(
        shown
            .iter()
            .all(|l| l.contains("may have been carried out"))
    );
    assert!(
        err.contains(
            "error: ... and 20 more INTERRUPTED, not listed one by one (--json lists every ID); \
             all 20 were sent and may have been carried out"
        ),
        "{err}"
    );
}

/// The `N/s` rates drawn by bars at or past position `from`, in order.
fn rates_from(transcript: &str, from: u64) -> Vec<u64> {
    let mut rates = Vec::new();
    // A bar: `POS/LEN [====>   ] RATE/s ETA ...`, redrawn after a carriage return.
    for draw in transcript.split(['\r', '\n']) {
        let draw = strip_ansi(draw);
        let mut words = draw.split_whitespace();
        let Some((pos, _len)) = words.next().and_then(|w| w.split_once('/')) else {
            continue;
        };
        let Ok(pos) = pos.parse::<u64>() else {
            continue;
        };
        let rate = words.find_map(|w| w.strip_suffix("/s").and_then(|r| r.parse::<u64>().ok()));
        if let (true, Some(rate)) = (pos >= from, rate) {
            rates.push(rate);
        }
    }
    rates
}

#[cfg(unix)]
#[test]
fn the_progress_rate_counts_only_this_runs_work_not_resumed_ids() {
    let s = server(Scenario::default());
    let env = Env::new();
    let done = ids("r", 1000);
    let journal = env.dir.path().join("j.jsonl");
    let first = env.file("first.txt", &done.join("\n"));
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--quiet", "--journal"])
        .arg(&journal)
        .arg("--from-file")
        .arg(&first);
    c.run().assert_exit(0);

    // The next run: the 1000 recorded IDs and 15 new ones at a real 5/s.
    let all: Vec<String> = done.into_iter().chain(ids("new", 15)).collect();
    let file = env.file("all.txt", &all.join("\n"));
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--rate", "5/s", "--resume", "--journal"])
        .arg(&journal)
        .arg("--from-file")
        .arg(&file)
        .env("TERM", "xterm");
    let mut t = pty::Pty::spawn(c);
    t.expect("/1015 [");
    assert!(t.finish().success(), "{}", t.transcript());
    assert!(
        t.transcript().contains("1000 already done (journal)"),
        "{}",
        t.transcript()
    );
    // From the 5th new ID on (a second of this run's work), the rate is this run's:
    // about 5/s, not the thousand IDs answered from the journal in an instant.
    let rates = rates_from(&t.transcript(), 1005);
    assert!(!rates.is_empty(), "no bar drawn: {:?}", t.transcript());
    assert!(
        rates.iter().all(|&r| r <= 20),
        "rates {rates:?} at a real 5/s: {:?}",
        t.transcript()
    );
}

#[cfg(unix)]
#[test]
fn no_spinner_while_a_person_types_ids_at_the_terminal() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut t = pty::typing_ids(&env, &s);
    for id in ["typed-1", "typed-2", "typed-3"] {
        t.send(&format!("{id}\n"));
        t.expect(&format!("restarted {id}"));
    }
    t.send("\x04");
    assert!(t.finish().success(), "{}", t.transcript());
    let transcript = t.transcript();
    assert!(
        transcript.contains("3 restarted, 0 missing, 0 failed, 0 skipped"),
        "{transcript}"
    );
    // The spinner's words and the redraws that would overwrite what is typed.
    assert!(!transcript.contains(" done, "), "{transcript:?}");
    assert!(!transcript.contains('\u{1b}'), "{transcript:?}");
    assert!(only_line_ends(&transcript), "{transcript:?}");
}

/// Every carriage return is part of a line end (the terminal's `\r\n`), none a redraw.
fn only_line_ends(text: &str) -> bool {
    text.match_indices('\r')
        .all(|(i, _)| text[i + 1..].starts_with('\n'))
}
