//! `biometrid config check` from the outside: one harmless request to a sandbox
//! the test starts, what it prints, and the exit code of each kind of answer.

use crate::util::*;

/// A secret distinctive enough that finding it in any output is a leak. No run
/// of 6 of its characters is in the check's path: the sandbox shows such a run
/// in a path as `***` (to its observer too), and the tests read that path.
const CHECK_SECRET: &str = "Zq4-Otter-Secret-5150-Never-Shown";

fn check(env: &Env, s: &Running, args: &[&str]) -> std::process::Output {
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_SECRET", CHECK_SECRET)
        .args(args)
        .args(["config", "check"]);
    c.run()
}

/// USERID_NOT_EXISTS for an ID that cannot exist: the key and secret work (0).
/// One request, GET /api/1.1/users/biometrid-config-check-<hex>/enroll/status.
#[test]
fn accepted_credentials_exit_0_and_say_where_the_request_went() {
    // Only u1 exists: the made-up ID gets USERID_NOT_EXISTS, as from the API.
    let s = server(Scenario {
        users: sandbox::Users::Only(vec!["u1".into()]),
        ..accepting(CHECK_SECRET)
    });
    let env = Env::new();
    let o = check(&env, &s, &[]);
    o.assert_exit(0);
    assert_no_secret(&o, CHECK_SECRET);
    let seen = s.stats.records();
    assert_eq!(seen.len(), 1, "one request");
    assert_eq!(seen[0].method, "GET");
    let id = seen[0]
        .path
        .strip_prefix("/api/1.1/users/biometrid-config-check-")
        .and_then(|rest| rest.strip_suffix("/enroll/status"))
        .unwrap_or_else(|| panic!("{}", seen[0].path));
    assert!(
        !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    let out = o.stdout();
    assert!(
        out.contains(&format!(
            "{}/  (env BIOMETRID_BASE_URL)",
            s.base_url().trim_end_matches('/')
        )),
        "{out}"
    );
    assert!(out.contains("demo…"), "the key's first characters: {out}");
    assert!(!out.contains(KEY), "not the whole key: {out}");
    assert!(out.contains("(env BIOMETRID_SECRET)"), "{out}");
    assert!(out.contains("proxy       none"), "{out}");
    assert!(out.contains("plain HTTP"), "{out}");
    assert!(out.contains("round trip"), "{out}");
    assert!(out.contains("key and secret accepted"), "{out}");

    // --json: one object with the same facts; the fingerprint is the journal's.
    let o = check(&env, &s, &["--json"]);
    o.assert_exit(0);
    let v: serde_json::Value = serde_json::from_str(&o.stdout()).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["exit_code"], 0, "{v}");
    assert_eq!(v["message"], "USERID_NOT_EXISTS", "{v}");
    assert_eq!(v["tls"], false, "{v}");
    assert_eq!(v["proxy"], serde_json::Value::Null, "{v}");
    assert_eq!(v["key"]["start"], "demo", "{v}");
    assert_eq!(v["secret"]["source"], "env BIOMETRID_SECRET", "{v}");
    assert!(v["round_trip_ms"].is_u64(), "{v}");
    let journal = env.dir.path().join("j.jsonl");
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_SECRET", CHECK_SECRET)
        .args(["restart-state", "--quiet", "--journal"])
        .arg(&journal)
        .arg("u1");
    c.run().assert_exit(0);
    let header = std::fs::read_to_string(&journal).unwrap();
    let header: serde_json::Value = serde_json::from_str(header.lines().next().unwrap()).unwrap();
    assert_eq!(v["key"]["fingerprint"], header["key_fingerprint"], "{v}");
}

/// A rejected pair exits with the reply's code (5) and says what to do.
#[test]
fn rejected_credentials_exit_with_the_replys_code_and_what_to_do() {
    let s = server(accepting("another-secret-entirely"));
    let env = Env::new();
    let config = env.file("team.toml", "[ci]\n");
    set_mode(&config, 0o600);
    let config = config.to_str().unwrap().to_string();
    let o = check(&env, &s, &["--profile", "ci", "--config", &config]);
    o.assert_exit(5);
    assert_no_secret(&o, CHECK_SECRET);
    let err = o.stderr();
    assert!(
        err.contains("error: INVALID_AUTHENTICATION_HEADERS"),
        "{err}"
    );
    assert!(
        err.contains("key from BIOMETRID_KEY, secret from BIOMETRID_SECRET"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "`biometrid --config {config} --profile ci configure`"
        )),
        "the hint carries --config and --profile: {err}"
    );
    assert!(
        o.stdout()
            .contains("INVALID_AUTHENTICATION_HEADERS (exit 5)")
    );
}

/// A quota used up (6) and an API that is not there (10) keep their codes.
#[test]
fn quota_and_network_failures_keep_their_codes() {
    let s = server(Scenario {
        quota: Some(0),
        ..accepting(CHECK_SECRET)
    });
    let env = Env::new();
    let o = check(&env, &s, &[]);
    o.assert_exit(6);
    assert!(o.stderr().contains("quota"), "{}", o.stderr());

    let mut c = env.cmd_for("https://api.biometrid-check.invalid");
    c.args(["config", "check"]);
    let o = c.run();
    o.assert_exit(10);
    assert!(
        o.stderr()
            .contains("cannot resolve api.biometrid-check.invalid"),
        "{}",
        o.stderr()
    );
}

/// One request, whatever the retries: a server failure (500,
/// PROBLEM_OCURRED_REPEAT_REQUEST) is reported as it is (9), not retried
/// until it happens to pass, since each retry would spend quota.
#[test]
fn a_server_failure_is_not_retried_one_request_exit_9() {
    // The first 3 tries fail: with BIOMETRID_RETRIES=5 honoured, the 4th
    // would pass and the check would exit 0 after 4 requests.
    let s = server(Scenario {
        fail_first: 3,
        ..accepting(CHECK_SECRET)
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_SECRET", CHECK_SECRET)
        .env("BIOMETRID_RETRIES", "5")
        .args(["config", "check"]);
    let o = c.run();
    o.assert_exit(9);
    assert_no_secret(&o, CHECK_SECRET);
    assert_eq!(s.stats.records().len(), 1, "exactly one request");
    let out = o.stdout();
    assert!(
        !out.contains("attempt") && !out.contains("retr"),
        "no attempts or retries: {out}"
    );
    assert!(
        out.contains("PROBLEM_OCURRED_REPEAT_REQUEST (exit 9)"),
        "{out}"
    );
}
