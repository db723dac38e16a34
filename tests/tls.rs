//! HTTPS end to end against a real TLS server on loopback (tokio-rustls), with
//! certificates from a throwaway CA made in the test (rcgen).
//!
//! SECURITY.md, "3. TLS is verified": "HTTPS uses the system trust store;
//! `--cacert PATH` adds the CA certificates of a PEM bundle."
//! A certificate failure is a network error (exit 10), is not retried, and the
//! request (with the secret) is never sent over an unverified connection.

use std::time::Duration;

use crate::util::*;

const LIMIT: Duration = Duration::from_secs(20);

/// The binary pointed at `https://{host}:{port}` with demo credentials.
fn https_cmd(env: &Env, host: &str, port: u16) -> std::process::Command {
    let mut c = env.cmd_for(&format!("https://{host}:{port}"));
    c.args(["--timeout", "5"]);
    c
}

#[test]
fn succeeds_with_cacert_by_name_and_by_ip() {
    let pki = Pki::new();
    let server = TlsServer::for_localhost(&pki);
    let env = Env::new();
    let ca = env.file("ca.pem", &pki.ca_pem());
    for host in ["localhost", "127.0.0.1"] {
        let mut c = https_cmd(&env, host, server.port());
        c.arg("--cacert").arg(&ca).args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit_ctx(0, format_args!("{host}"));
        assert!(r.stdout().contains("restarted u1"), "{}", r.all());
    }
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    for head in &reqs {
        assert!(
            head.starts_with("GET /api/1.0/users/u1/restart-state HTTP/1.1\r\n"),
            "{head}"
        );
        assert!(
            head.contains(&format!("x-biometrid-secret: {SECRET}")),
            "{head}"
        );
    }
}

#[test]
fn cacert_can_be_a_bundle_with_other_certificates() {
    let pki = Pki::new();
    let other = Pki::new();
    let server = TlsServer::for_localhost(&pki);
    let env = Env::new();
    let bundle = format!("{}\n{}", other.ca_pem(), pki.ca_pem());
    let ca = env.file("bundle.pem", &bundle);
    let mut c = https_cmd(&env, "localhost", server.port());
    c.arg("--cacert").arg(&ca).args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(0);
}

#[test]
fn unknown_ca_fails_with_exit_10_a_certificate_message_and_no_request() {
    let pki = Pki::new();
    let server = TlsServer::for_localhost(&pki);
    let env = Env::new();
    // Retries allowed: a certificate failure must still be tried only once.
    let mut c = https_cmd(&env, "localhost", server.port());
    c.args(["--retries", "2", "--json", "restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    let lines = json_lines(&r.out);
    assert_eq!(lines.len(), 1, "{}", r.all());
    assert_eq!(lines[0]["message"], "NETWORK_ERROR");
    assert_eq!(
        lines[0]["attempts"], 1,
        "certificate errors are not retried"
    );
    let detail = lines[0]["detail"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    assert!(detail.contains("certificate"), "{}", r.all());
    assert!(detail.contains("issuer"), "{}", r.all());
    assert!(
        detail.contains("--cacert"),
        "the message says how to trust a private CA"
    );
    assert!(
        server.requests().is_empty(),
        "a request went over an unverified connection"
    );
    // The server notes the failed handshake on its own thread, possibly after the
    // client has exited: wait for it, then check that there was exactly one.
    let failed = || {
        server
            .failed_handshakes
            .load(std::sync::atomic::Ordering::SeqCst)
    };
    wait_until(LIMIT, "the server saw the failed handshake", || {
        failed() >= 1
    });
    assert_eq!(failed(), 1, "certificate errors are not retried");

    // The human form says it on stderr.
    let mut c = https_cmd(&env, "localhost", server.port());
    c.args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    let err = r.stderr().to_lowercase();
    assert!(
        err.contains("network_error") && err.contains("certificate"),
        "{}",
        r.all()
    );
    assert!(r.stdout().is_empty(), "{}", r.all());
    r.assert_no_panic();
    assert!(server.requests().is_empty());
}

#[test]
fn a_self_signed_server_certificate_is_refused() {
    // The server's own certificate is its issuer, and nobody trusts it.
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = rcgen::CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    let server = TlsServer::start(
        vec![cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
    );
    let env = Env::new();
    let mut c = https_cmd(&env, "localhost", server.port());
    c.args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    assert!(
        r.stderr().to_lowercase().contains("certificate"),
        "{}",
        r.all()
    );
    assert!(server.requests().is_empty());
}

#[test]
fn expired_certificate_fails_with_exit_10() {
    let pki = Pki::new();
    let (chain, key) = pki.leaf(&Leaf {
        names: &["localhost"],
        validity: Some(((2001, 1, 1), (2002, 1, 1))),
    });
    let server = TlsServer::start(chain, key);
    let env = Env::new();
    let ca = env.file("ca.pem", &pki.ca_pem());
    let mut c = https_cmd(&env, "localhost", server.port());
    c.arg("--cacert").arg(&ca).args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    let err = r.stderr().to_lowercase();
    assert!(
        err.contains("certificate") && err.contains("expired"),
        "{}",
        r.all()
    );
    assert!(server.requests().is_empty());
}

#[test]
fn not_yet_valid_certificate_fails_with_exit_10() {
    let pki = Pki::new();
    let (chain, key) = pki.leaf(&Leaf {
        names: &["localhost"],
        validity: Some(((2999, 1, 1), (3000, 1, 1))),
    });
    let server = TlsServer::start(chain, key);
    let env = Env::new();
    let ca = env.file("ca.pem", &pki.ca_pem());
    let mut c = https_cmd(&env, "localhost", server.port());
    c.arg("--cacert").arg(&ca).args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    assert!(
        r.stderr().to_lowercase().contains("certificate"),
        "{}",
        r.all()
    );
    assert!(server.requests().is_empty());
}

#[test]
fn hostname_mismatch_fails_with_exit_10() {
    let pki = Pki::new();
    let (chain, key) = pki.leaf(&Leaf {
        names: &["api.biometrid.invalid"],
        validity: None,
    });
    let server = TlsServer::start(chain, key);
    let env = Env::new();
    let ca = env.file("ca.pem", &pki.ca_pem());
    // By name, and by IP address (no IP SAN in the certificate either).
    for host in ["localhost", "127.0.0.1"] {
        let mut c = https_cmd(&env, host, server.port());
        c.arg("--cacert").arg(&ca).args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit_ctx(10, format_args!("{host}"));
        let err = r.stderr().to_lowercase();
        assert!(
            err.contains("certificate") && err.contains("not valid for"),
            "{}",
            r.all()
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn plain_http_server_behind_an_https_url_is_a_tls_failure() {
    // A server that answers the ClientHello with plain-text HTTP.
    let server = RawServer::start(|mut s| {
        use std::io::Write;
        let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        std::thread::sleep(Duration::from_millis(200));
    });
    let env = Env::new();
    let mut c = https_cmd(&env, "127.0.0.1", server.addr.port());
    c.args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    assert!(
        r.stderr().contains(
            "TLS: the server did not answer with TLS (is it plain http? try an http:// base URL)"
        ),
        "{}",
        r.all()
    );
    assert!(!r.stderr().contains("InvalidContentType"), "{}", r.all());
    r.assert_no_panic();
}

#[test]
fn cacert_holding_the_servers_own_certificate_says_to_pass_the_ca() {
    // A self-signed server certificate that says it is a CA, given to --cacert.
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let cert = params.self_signed(&key).unwrap();
    let server = TlsServer::start(
        vec![cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
    );
    let env = Env::new();
    let own = env.file("server.pem", &cert.pem());
    for json in [false, true] {
        let mut c = https_cmd(&env, "localhost", server.port());
        c.arg("--cacert").arg(&own);
        if json {
            c.arg("--json");
        }
        c.args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit(10);
        assert!(
            r.all().contains(
                "TLS: the file given to --cacert holds the server's own certificate, \
                 not a CA certificate; pass the CA that signed it"
            ),
            "{}",
            r.all()
        );
        // Words, never a Debug dump of the error.
        assert!(
            !r.all().contains("OtherError") && !r.all().contains("CaUsedAsEndEntity"),
            "{}",
            r.all()
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn tls_failures_are_told_in_words_never_as_debug_dumps() {
    let pki = Pki::new();
    let expired = pki.leaf(&Leaf {
        names: &["localhost"],
        validity: Some(((2001, 1, 1), (2002, 1, 1))),
    });
    let wrong_name = pki.leaf(&Leaf {
        names: &["api.biometrid.invalid"],
        validity: None,
    });
    let env = Env::new();
    let ca = env.file("ca.pem", &pki.ca_pem());
    for (chain, key) in [expired, wrong_name] {
        let server = TlsServer::start(chain, key);
        let mut c = https_cmd(&env, "localhost", server.port());
        c.arg("--cacert").arg(&ca).args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit(10);
        let err = r.stderr();
        assert!(err.contains("TLS: the server's certificate"), "{err}");
        for dump in ["Context", "UnixTime", "DnsName(", "{", "InvalidCertificate"] {
            assert!(!err.contains(dump), "{dump} in {err}");
        }
    }
}

#[test]
fn a_tls_server_that_never_answers_the_handshake_times_out() {
    let server = RawServer::start(|s| {
        // Accept, read nothing, say nothing.
        std::thread::sleep(Duration::from_secs(3));
        drop(s);
    });
    let env = Env::new();
    let mut c = env.cmd_for(&format!("https://127.0.0.1:{}", server.addr.port()));
    c.args(["--timeout", "0.5", "restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(11);
    assert!(r.elapsed < Duration::from_secs(3), "{:?}", r.elapsed);
}

#[test]
fn cacert_that_is_missing_or_not_pem_is_a_configuration_error() {
    let env = Env::new();
    let junk = env.file("junk.pem", "this is not a certificate\n");
    let missing = env.dir.path().join("nope.pem");
    for path in [&junk, &missing] {
        let mut c = env.cmd_for("https://localhost:9");
        c.arg("--cacert").arg(path).args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit(3);
        assert!(r.stderr().contains("--cacert"), "{}", r.all());
    }
}
