//! The journal never destroys or loses anything (docs/large-runs.md, "Quota,
//! rate, journal, resume, dry run"): a file that is not a journal is refused
//! untouched, the journal is never the IDs or the secret, one run per journal,
//! every record can be read back.

use std::process::{Output, Stdio};
use std::time::Duration;

use crate::util::*;

/// `restart-state --journal <journal>` against `s` with `extra` arguments.
fn run_with(env: &Env, s: &Running, journal: &std::path::Path, extra: &[&str]) -> Output {
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "restart-state", "--journal"])
        .arg(journal)
        .args(extra);
    c.run()
}

#[test]
fn a_file_that_is_not_a_journal_is_refused_and_left_byte_for_byte_untouched() {
    let s = server(Scenario::default());
    let env = Env::new();
    for (name, text) in [
        ("precious", "precious"),
        ("ids.txt", "u1\nu2\n"),
        (
            "half-header",
            "{\"journal\":1,\"command\":\"restart-state\"",
        ),
        ("json-line", "{\"user_id\":\"u1\",\"ok\":true}\n"),
        ("secret", "s3cr3t-value-long-enough\n"),
    ] {
        let path = env.file(name, text);
        set_mode(&path, 0o644);
        for resume in [false, true] {
            let extra: &[&str] = if resume { &["--resume", "u1"] } else { &["u1"] };
            let o = run_with(&env, &s, &path, extra);
            o.assert_exit(3);
            assert!(
                o.stderr().contains("not a biometrid journal"),
                "{name}: {}",
                o.stderr()
            );
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{name}");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&path).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o644, "{name}: mode untouched");
            }
        }
    }
    assert_eq!(requests(&s), 0, "nothing is sent");
}

#[test]
fn an_existing_journal_is_continued_only_with_resume() {
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    run_with(&env, &s, &journal, &["u1"]).assert_exit(0);
    let before = std::fs::read(&journal).unwrap();
    let o = run_with(&env, &s, &journal, &["u1", "u2"]);
    o.assert_exit(3);
    assert!(o.stderr().contains("--resume"), "{}", o.stderr());
    assert_eq!(std::fs::read(&journal).unwrap(), before);
    assert_eq!(requests(&s), 1);
    // An empty file is a new journal.
    let empty = env.file("empty.jsonl", "");
    run_with(&env, &s, &empty, &["u1"]).assert_exit(0);
    assert!(std::fs::read_to_string(&empty).unwrap().lines().count() == 2);
}

#[test]
fn the_journal_can_never_be_the_ids_or_the_secret_file() {
    let s = server(Scenario::default());
    let env = Env::new();
    let ids = env.file("ids.txt", "u1\nu2\n");
    let secret = env.file("secret.txt", &format!("{SECRET}\n"));
    set_mode(&secret, 0o600);
    let check = |o: Output, what: &str| {
        o.assert_exit(2);
        assert!(o.stderr().contains(what), "{}", o.stderr());
        assert_eq!(std::fs::read_to_string(&ids).unwrap(), "u1\nu2\n");
        assert_eq!(
            std::fs::read_to_string(&secret).unwrap(),
            format!("{SECRET}\n")
        );
        assert_no_secret(&o, SECRET);
    };
    // --from-file, under its own name and another.
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--from-file"])
        .arg(&ids)
        .arg("--journal")
        .arg(&ids);
    check(c.run(), "--from-file");
    #[cfg(unix)]
    {
        let link = env.dir.path().join("link.jsonl");
        std::os::unix::fs::symlink(&ids, &link).unwrap();
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state", "--from-file"])
            .arg(&ids)
            .arg("--journal")
            .arg(&link);
        check(c.run(), "--from-file");
        // Standard input redirected from the file.
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state", "-", "--journal"])
            .arg(&ids)
            .stdin(std::fs::File::open(&ids).unwrap());
        check(c.run(), "standard input");
    }
    // The secret file.
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .arg("--secret-file")
        .arg(&secret)
        .args(["restart-state", "u1", "--journal"])
        .arg(&secret);
    check(c.run(), "--secret-file");
    assert_eq!(requests(&s), 0, "nothing is sent");
}

#[cfg(unix)]
#[test]
fn a_second_run_on_a_journal_in_use_exits_3_at_once_and_changes_nothing() {
    // The first run's requests are held at the server while the second one starts.
    let mut hold = Rule::for_user("*");
    hold.delay_ms = 60_000;
    let s = server(scenario_with(vec![hold]));
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--quiet", "restart-state", "--journal"])
        .arg(&journal)
        .args(["u1", "u2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut first = c.spawn().unwrap();
    wait_for_requests(&s, 2);
    let before = std::fs::read(&journal).unwrap();
    for extra in [&["--resume", "u3"][..], &["u3"]] {
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state", "--journal"])
            .arg(&journal)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let o = wait_within(c.spawn().unwrap(), Duration::from_secs(10)).out;
        o.assert_exit(3);
        assert!(o.stderr().contains("in use"), "{}", o.stderr());
        assert_eq!(std::fs::read(&journal).unwrap(), before);
    }
    assert_eq!(requests(&s), 2, "the second run sent nothing");
    send_signal(first.id(), "KILL");
    wait_status(&mut first, Duration::from_secs(20), "the first run");
}

#[test]
fn a_record_of_any_size_is_read_back_on_resume() {
    // An enroll-status reply with 1,500 engines makes a record of over 100 KB.
    let engines: Vec<String> = (0..1500)
        .map(|i| format!(r#"{{"engines_oid":"engine-{i:06}-abcdefghijklmnopqrstuvwxyz","type":"face","enrolled":true}}"#))
        .collect();
    let body = format!(r#"{{"status":true,"data":[{}]}}"#, engines.join(","));
    let s = server(scenario_with(vec![raw_rule("big", 200, &body)]));
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let run = |extra: &[&str]| {
        let mut c = env.cmd_for(&s.base_url());
        c.args(["--json", "enroll-status", "--journal"])
            .arg(&journal)
            .args(extra)
            .args(["big", "u1"]);
        c.run()
    };
    run(&[]).assert_exit(0);
    let longest = std::fs::read_to_string(&journal)
        .unwrap()
        .lines()
        .map(str::len)
        .max()
        .unwrap();
    assert!(longest > 100_000, "{longest}");
    for _ in 0..2 {
        let o = run(&["--resume"]);
        o.assert_exit(0);
        let lines = json_lines(&o);
        assert_eq!(lines[0]["resumed"], true);
        assert_eq!(lines[0]["engines"].as_array().unwrap().len(), 1500);
    }
    assert_eq!(requests(&s), 2);
}

#[cfg(unix)]
#[test]
fn an_existing_journal_is_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    run_with(&env, &s, &journal, &["u1"]).assert_exit(0);
    set_mode(&journal, 0o644);
    run_with(&env, &s, &journal, &["--resume", "u1"]).assert_exit(0);
    let mode = std::fs::metadata(&journal).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // An empty file given as a new journal too.
    let empty = env.file("empty.jsonl", "");
    set_mode(&empty, 0o664);
    run_with(&env, &s, &empty, &["u1"]).assert_exit(0);
    let mode = std::fs::metadata(&empty).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn resuming_with_another_ignore_missing_is_refused_naming_it() {
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    run_with(&env, &s, &journal, &["--ignore-missing", "missing1"]).assert_exit(0);
    let header = journal_header(&journal);
    assert_eq!(header["ignore_missing"], true);
    let before = std::fs::read(&journal).unwrap();
    let o = run_with(&env, &s, &journal, &["--resume", "missing1"]);
    o.assert_exit(3);
    assert!(o.stderr().contains("--ignore-missing"), "{}", o.stderr());
    assert_eq!(std::fs::read(&journal).unwrap(), before);
    assert_eq!(requests(&s), 1);
    // With the same value it resumes: the missing user was recorded as done.
    let o = run_with(
        &env,
        &s,
        &journal,
        &["--resume", "--ignore-missing", "missing1"],
    );
    o.assert_exit(0);
    assert_eq!(json_lines(&o)[0]["resumed"], true);
}

#[test]
fn a_record_without_the_common_fields_is_refused_naming_the_line() {
    let s = server(Scenario::default());
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    run_with(&env, &s, &journal, &["u1"]).assert_exit(0);
    let whole = std::fs::read_to_string(&journal).unwrap();
    for record in [
        r#"{"user_id":"u2","ok":true}"#,
        r#"{"user_id":"u2","ok":true,"message":"STATE_RESTARTED_WITH_SUCCESS","http_status":200}"#,
        r#"{"user_id":"u2","ok":true,"http_status":200,"exit_code":0}"#,
        r#"{"user_id":"u2","ok":"yes","message":null,"http_status":200,"exit_code":0}"#,
    ] {
        std::fs::write(&journal, format!("{whole}{record}\n")).unwrap();
        let o = run_with(&env, &s, &journal, &["--resume", "u2"]);
        o.assert_exit(3);
        assert!(o.stderr().contains("line 3"), "{record}: {}", o.stderr());
    }
    // The common fields, `message` null as for a reply without one: accepted.
    let record = r#"{"user_id":"u2","ok":true,"message":null,"http_status":200,"exit_code":0}"#;
    std::fs::write(&journal, format!("{whole}{record}\n")).unwrap();
    let o = run_with(&env, &s, &journal, &["--resume", "u2"]);
    o.assert_exit(0);
    assert_eq!(json_lines(&o)[0]["resumed"], true);
    assert_eq!(requests(&s), 1);
}

// ------------------------------------------------ destructive requests

/// A server for delete-user that removes the user as soon as the request
/// arrives and, while `hold` is set, keeps the reply until the client goes
/// away: the case of a run killed after the server acted.
struct Deleter {
    server: RawServer,
    hold: std::sync::Arc<std::sync::atomic::AtomicBool>,
    arrived: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Deleter {
    fn start() -> Deleter {
        use std::collections::HashSet;
        use std::io::{Read, Write};
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::{Arc, Mutex};
        let hold = Arc::new(AtomicBool::new(true));
        let arrived = Arc::new(AtomicUsize::new(0));
        let deleted: Arc<Mutex<HashSet<String>>> = Default::default();
        let (h, a) = (hold.clone(), arrived.clone());
        let server = RawServer::start(move |mut s| {
            let head = String::from_utf8_lossy(&read_head(&mut s)).into_owned();
            let id = head
                .split_whitespace()
                .nth(1)
                .and_then(|path| path.rsplit('/').next())
                .unwrap_or_default()
                .to_string();
            let gone = !deleted.lock().unwrap().insert(id);
            a.fetch_add(1, Ordering::SeqCst);
            if h.load(Ordering::SeqCst) {
                // Held: no reply until the client closes the connection (killed).
                let _ = s.set_read_timeout(Some(Duration::from_secs(60)));
                let _ = s.read(&mut [0u8; 1]);
                return;
            }
            let (status, message) = match gone {
                true => ("404 Not Found", "USERID_NOT_EXISTS"),
                false => ("200 OK", "USER_REMOVED_WITH_SUCCESS"),
            };
            let body = envelope(!gone, message);
            let reply = http_response(status, &["Connection: close"], body.as_bytes());
            let _ = s.write_all(&reply);
        });
        Deleter {
            server,
            hold,
            arrived,
        }
    }

    fn arrived(&self) -> usize {
        self.arrived.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn release(&self) {
        self.hold.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

/// `delete-user --yes --journal` of `ids`, started with requests held at the server.
#[cfg(unix)]
fn start_held_deletes(
    env: &Env,
    d: &Deleter,
    journal: &std::path::Path,
    ids: &[&str],
    human: bool,
) -> std::process::Child {
    let mut c = env.cmd_for(&d.server.base_url());
    if !human {
        c.arg("--json");
    }
    c.args(["delete-user", "--yes", "--concurrency", "3", "--journal"])
        .arg(journal)
        .args(ids)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    wait_until(Duration::from_secs(20), "3 held requests", || {
        d.arrived() >= 3
    });
    child
}

#[cfg(unix)]
#[test]
fn delete_user_killed_with_requests_held_resumes_its_own_deletions_as_done() {
    let d = Deleter::start();
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let ids = ["d1", "d2", "d3", "d4", "d5"];
    let mut first = start_held_deletes(&env, &d, &journal, &ids, false);
    // The server removed d1..d3; their replies never came back.
    send_signal(first.id(), "KILL");
    wait_status(&mut first, Duration::from_secs(20), "the killed run");
    d.release();
    let mut c = env.cmd_for(&d.server.base_url());
    c.args([
        "delete-user",
        "--yes",
        "--resume",
        "--concurrency",
        "1",
        "--journal",
    ])
    .arg(&journal)
    .args(ids);
    let o = c.run();
    o.assert_exit(0);
    let out = o.stdout();
    for id in ["d1", "d2", "d3"] {
        assert!(
            out.contains(&format!(
                "deleted {id} (already gone: probably removed by the earlier run"
            )),
            "{out}"
        );
    }
    for id in ["d4", "d5"] {
        assert!(out.contains(&format!("deleted {id}\n")), "{out}");
    }
    // Recorded as done: a third run sends nothing.
    let before = d.arrived();
    let mut c = env.cmd_for(&d.server.base_url());
    c.args(["--json", "delete-user", "--yes", "--resume", "--journal"])
        .arg(&journal)
        .args(ids);
    let o = c.run();
    o.assert_exit(0);
    let lines = json_lines(&o);
    assert!(lines.iter().all(|l| l["resumed"] == true), "{}", o.stdout());
    assert_eq!(lines[0]["already_gone"], true);
    assert_eq!(lines[4]["already_gone"], false);
    assert_eq!(d.arrived(), before);
}

#[cfg(unix)]
#[test]
fn an_interrupted_delete_says_it_may_have_been_carried_out() {
    let d = Deleter::start();
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let first = start_held_deletes(&env, &d, &journal, &["d1", "d2", "d3", "d4"], true);
    send_signal(first.id(), "TERM");
    let o = wait_within(first, Duration::from_secs(20)).out;
    o.assert_exit(143);
    let err = o.stderr();
    let interrupted: Vec<&str> = err.lines().filter(|l| l.contains("INTERRUPTED")).collect();
    assert_eq!(interrupted.len(), 4, "{err}");
    // d1..d3 were sent (3 at a time); d4 was read but never sent.
    for line in &interrupted[..3] {
        assert!(line.contains("may have been carried out"), "{line}");
    }
    assert!(interrupted[3].contains("d4"), "{err}");
    assert!(!interrupted[3].contains("may have been"), "{err}");
    // The journal says they were sent, so a resume counts them as done.
    let text = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(text.matches("{\"sent\":").count(), 3, "{text}");
}

/// An ID still waiting for its turn of `--rate` when the run stops was never
/// sent, so the journal must not say it was: a resume would read a missing
/// user as the earlier run's deletion. Only d1 gets a turn within the minute.
#[cfg(unix)]
#[test]
fn an_id_waiting_for_its_turn_is_not_recorded_as_sent() {
    let d = Deleter::start();
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let mut c = env.cmd_for(&d.server.base_url());
    c.args([
        "delete-user",
        "--yes",
        "--concurrency",
        "3",
        "--rate",
        "1/m",
    ])
    .arg("--journal")
    .arg(&journal)
    .args(["d1", "d2", "d3"])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    wait_until(Duration::from_secs(20), "d1 held", || d.arrived() >= 1);
    send_signal(child.id(), "TERM");
    let o = wait_within(child, Duration::from_secs(20)).out;
    o.assert_exit(143);
    let text = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(text.matches("{\"sent\":").count(), 1, "{text}");
    assert!(text.contains(r#"{"sent":"d1"}"#), "{text}");
    let err = o.stderr();
    for id in ["d2", "d3"] {
        let line = err
            .lines()
            .find(|l| l.contains("INTERRUPTED") && l.contains(id))
            .unwrap_or_else(|| panic!("no INTERRUPTED line for {id}: {err}"));
        assert!(!line.contains("may have been"), "{line}");
    }
    assert_eq!(d.arrived(), 1);
}

/// `api -X DELETE` over IDs is destructive like delete-user: an INTERRUPTED
/// request that went out may have been carried out, and after a run killed
/// with requests held, a resume reads USERID_NOT_EXISTS as that run's deletion.
#[cfg(unix)]
#[test]
fn api_delete_is_interrupted_and_resumed_as_delete_user_is() {
    let d = Deleter::start();
    let env = Env::new();
    let journal = env.dir.path().join("j.jsonl");
    let api_delete = |global: &[&str], more: &[&str]| {
        let mut c = env.cmd_for(&d.server.base_url());
        c.args(global)
            .args(["api", "-X", "DELETE", "--yes"])
            .args(more)
            .arg("--journal")
            .arg(&journal)
            .args(["/api/1.0/users/{id}", "d1", "d2"]);
        c
    };
    let mut first = api_delete(&[], &[]);
    first.stdout(Stdio::piped()).stderr(Stdio::piped());
    let first = first.spawn().unwrap();
    wait_until(Duration::from_secs(20), "2 held requests", || {
        d.arrived() >= 2
    });
    send_signal(first.id(), "TERM");
    let o = wait_within(first, Duration::from_secs(20)).out;
    o.assert_exit(143);
    let err = o.stderr();
    let interrupted: Vec<&str> = err.lines().filter(|l| l.contains("INTERRUPTED")).collect();
    assert_eq!(interrupted.len(), 2, "{err}");
    for line in interrupted {
        assert!(line.contains("may have been carried out"), "{line}");
    }
    // The server removed d1 and d2; their replies never came back.
    d.release();
    let o = api_delete(&[], &["--resume"]).run();
    o.assert_exit(0);
    for id in ["d1", "d2"] {
        assert!(o.stdout().contains(&format!("{id}: ")), "{}", o.stdout());
        assert!(
            o.stderr().contains(&format!(
                "{id}: USERID_NOT_EXISTS: already gone, probably removed by the earlier run"
            )),
            "{}",
            o.stderr()
        );
    }
    // Recorded as done, with the field that says how.
    let o = api_delete(&["--json"], &["--resume"]).run();
    o.assert_exit(0);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2, "{}", o.stdout());
    for l in &lines {
        assert_eq!(
            (
                l["ok"].clone(),
                l["message"].clone(),
                l["already_gone"].clone()
            ),
            (true.into(), "USERID_NOT_EXISTS".into(), true.into()),
            "{l}"
        );
        assert_eq!(
            (l["http_status"].clone(), l["resumed"].clone()),
            (404.into(), true.into())
        );
    }
    assert_eq!(d.arrived(), 4);
}

#[test]
fn missing_after_a_not_processed_reply_is_a_failure_after_an_unclear_one_done() {
    // First attempt: 503, 429 (not processed) or the API's 500 (may have acted);
    // then the user does not exist.
    let mut rules = Vec::new();
    for (user, status, message) in [
        ("missing-503", 503, ""),
        ("missing-429", 429, ""),
        ("missing-500", 500, "PROBLEM_OCURRED_REPEAT_REQUEST"),
    ] {
        let mut r = raw_rule(user, status, &envelope(false, message));
        r.times = 1;
        rules.push(r);
    }
    let s = server(scenario_with(rules));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "--retries", "2", "delete-user", "--yes"])
        .args(["missing-503", "missing-429", "missing-500"]);
    let o = c.run();
    o.assert_exit(7);
    let lines = json_lines(&o);
    for l in &lines[..2] {
        assert_eq!(
            (l["ok"].clone(), l["message"].clone(), l["attempts"].clone()),
            (false.into(), "USERID_NOT_EXISTS".into(), 2.into()),
            "{l}"
        );
    }
    assert_eq!(lines[2]["ok"], true, "{}", lines[2]);
    assert_eq!(lines[2]["already_gone"], true);
}
