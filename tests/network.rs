//! Where the network goes wrong: a host that accepts TCP but never answers, a
//! name that does not resolve, a connection refused. Each costs seconds, and the
//! error says which timeout expired or which host and port failed, and where the
//! base URL came from.

use std::io::Read;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::util::raw::RawServer;
use crate::util::*;

/// A server that accepts connections and never says a word (not even TLS):
/// each connection is held until the client gives up on it.
fn silent_server() -> RawServer {
    RawServer::start(|mut stream: TcpStream| {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
        let mut buf = [0u8; 4096];
        while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
    })
}

/// An https host that completes TCP but never the TLS handshake: the connect
/// timeout (TCP and TLS) ends the attempt, not the 30 s attempt timeout, and
/// no connection was made: a network error (10).
#[test]
fn a_tls_handshake_that_never_completes_ends_at_the_connect_timeout() {
    let s = silent_server();
    let env = Env::new();
    let url = format!("https://127.0.0.1:{}", s.addr.port());
    let mut c = env.cmd_for(&url);
    c.args(["--connect-timeout", "300ms", "restart-state", "u1"]);
    let began = Instant::now();
    let o = c.run();
    o.assert_exit(10);
    assert!(
        began.elapsed() < Duration::from_secs(15),
        "took {:?}",
        began.elapsed()
    );
    let err = o.stderr();
    assert!(
        err.contains(&format!(
            "the connect timeout expired (--connect-timeout 0.3s): no connection (TCP and TLS) \
             to 127.0.0.1:{} (base URL from BIOMETRID_BASE_URL)",
            s.addr.port()
        )),
        "{err}"
    );
    assert!(!err.contains("raise"), "{err}");
}

/// A port where connect() hangs (its accept queue is full, so the kernel drops
/// the SYN): the connect timeout ends the attempt, and a connection that was
/// never established is a network error (10), not a timeout (11, which is the
/// whole attempt's --timeout), in every command that sends: the per-user batch,
/// one request (find-user, create-user, api) and config check. The detail still
/// names the connect timeout, and since nothing was sent nothing "may have been
/// carried out" (it said TIMEOUT, exit 11).
#[test]
fn a_connection_never_established_is_a_network_error_at_the_connect_timeout() {
    let Some(hang) = crate::util::raw::hanging_port() else {
        cannot_run("no port whose connect() hangs (a full accept queue drops SYNs on Linux)");
        return;
    };
    let env = Env::new();
    let url = format!("http://127.0.0.1:{}", hang.port);
    let detail = format!(
        "the connect timeout expired (--connect-timeout 1s): no connection (TCP and TLS) to \
         127.0.0.1:{} (base URL from BIOMETRID_BASE_URL)",
        hang.port
    );
    let runs: [&[&str]; 6] = [
        &["restart-state", "u1"],
        &["find-user", "--mac", "aa:bb:cc:dd:ee:ff"],
        &["create-user", "--reference-id", "r1"],
        &["api", "/api/1.0/users/u1/voice/is-pending"],
        &["api", "-X", "POST", "/api/1.0/users/u1/state/restart"],
        &["config", "check"],
    ];
    for args in runs {
        for json in [false, true] {
            let mut c = env.cmd_for(&url);
            c.args(["--connect-timeout", "1", "--retries", "0"])
                .args(args);
            if json {
                c.arg("--json");
            }
            let began = Instant::now();
            let o = c.run();
            let what = format!("{args:?} json={json}");
            o.assert_exit_ctx(10, &what);
            assert!(
                began.elapsed() < Duration::from_secs(15),
                "{what} took {:?}",
                began.elapsed()
            );
            let all = o.all();
            assert!(all.contains(&detail), "{what}\n{all}");
            assert!(!all.contains("TIMEOUT"), "{what}\n{all}");
            assert!(!all.contains("may have been"), "{what}\n{all}");
            if json {
                assert!(
                    all.contains(r#""message":"NETWORK_ERROR""#),
                    "{what}\n{all}"
                );
                assert!(all.contains(r#""exit_code":10"#), "{what}\n{all}");
            } else {
                assert!(all.contains("NETWORK_ERROR"), "{what}\n{all}");
            }
        }
    }
    // Surely never sent, so even create-user (not idempotent) tries again.
    let mut c = env.cmd_for(&url);
    c.args(["--connect-timeout", "1", "--retries", "1", "--json"])
        .args(["create-user", "--reference-id", "r1"]);
    let o = c.run();
    o.assert_exit(10);
    let all = o.all();
    assert!(all.contains(r#""attempts":2"#), "{all}");
    assert!(!all.contains("may have been"), "{all}");
}

/// A host that accepts the connection and never answers: the attempt timeout
/// names itself, its value and source, and the hint never says to raise it
/// (that only makes each ID wait longer; it said `raise --timeout or --retries`).
#[test]
fn a_host_that_never_answers_names_the_timeout_and_never_says_raise_it() {
    let s = silent_server();
    let env = Env::new();
    let mut c = env.cmd_for(&format!("http://127.0.0.1:{}", s.addr.port()));
    c.env("BIOMETRID_TIMEOUT", "300ms")
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(11);
    let err = o.stderr();
    assert!(
        err.contains(&format!(
            "TIMEOUT: the timeout expired (0.3s from BIOMETRID_TIMEOUT): no complete reply from \
             127.0.0.1:{}",
            s.addr.port()
        )),
        "{err}"
    );
    assert!(!err.contains("raise"), "{err}");
    assert!(err.contains("hint: "), "{err}");
}

/// DNS failure, hermetically: a name under `.invalid` never resolves. The error
/// names the host and where the base URL came from (it said `cannot connect:
/// failed to lookup address information`).
#[test]
fn a_name_that_does_not_resolve_is_named_with_its_source() {
    let env = Env::new();
    let mut c = env.cmd_for("https://api.biometrid-test.invalid");
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(10);
    let err = o.stderr();
    assert!(
        err.contains(
            "NETWORK_ERROR: cannot resolve api.biometrid-test.invalid (base URL from BIOMETRID_BASE_URL)"
        ),
        "{err}"
    );
    assert!(!err.contains("lookup address"), "{err}");
}

/// A refused connection names the host and port, and the base URL's source,
/// and the hint says what to check (as after a timeout).
#[test]
fn a_refused_connection_names_host_port_and_source() {
    let env = Env::new();
    let port = crate::util::raw::closed_port();
    let mut c = env.cmd_for("https://unused.invalid");
    c.args(["--base-url", &format!("http://127.0.0.1:{port}")])
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(10);
    assert!(
        o.stderr().contains(&format!(
            "connection refused (127.0.0.1:{port}, base URL from --base-url)"
        )),
        "{}",
        o.stderr()
    );
    assert!(
        o.stderr().contains(
            "hint: check that the base URL points at the API and that the host answers: \
             `biometrid config check`"
        ),
        "{}",
        o.stderr()
    );
}

/// `--rate unlimited` is accepted and switches off a profile's rate.
#[test]
fn rate_unlimited_switches_off_a_profiles_rate() {
    let s = server(Scenario::default());
    let env = Env::new();
    env.write_config("[default]\nrate = \"0.2/s\"\n");
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--rate", "unlimited", "config", "show", "--json"]);
    let o = c.run();
    o.assert_exit(0);
    let shown: serde_json::Value = serde_json::from_str(&o.stdout()).unwrap();
    assert_eq!(shown["rate"]["value"], serde_json::Value::Null, "{shown}");
    assert_eq!(shown["rate"]["source"], "flag", "{shown}");
    // Paced at 0.2/s the second ID would wait 5 s.
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_RATE", "0.2/s").args([
        "--rate",
        "unlimited",
        "restart-state",
        "--quiet",
        "u1",
        "u2",
    ]);
    let began = Instant::now();
    c.run().assert_exit(0);
    assert!(
        began.elapsed() < Duration::from_secs(4),
        "still paced: {:?}",
        began.elapsed()
    );
}
