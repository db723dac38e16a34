//! The journal never destroys or loses anything (contract: "Big jobs"): a file
//! that is not a journal is refused untouched, the journal is never the IDs or
//! the secret, one run per journal, every record can be read back.

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
    let header: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&journal)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
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
