//! Proxies: `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` are honoured (SECURITY.md,
//! "5. Proxies are honoured, and see only what they must"). The test starts a small proxy on loopback that speaks CONNECT
//! (for https) and absolute-form forwarding (for http), and records what passed.
//!
//! reqwest does not bypass proxies for loopback targets on its own, so a proxy
//! on 127.0.0.1 in front of a server on 127.0.0.1/localhost is exercised for real.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::util::*;

const LIMIT: Duration = Duration::from_secs(20);

/// How the proxy behaves.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Forward,
    /// Answer CONNECT with 403.
    Deny,
    /// Read the request and say nothing.
    Silent,
    /// Answer every request, CONNECT or not, with 407.
    AuthRequired,
}

/// A recording proxy on 127.0.0.1 that only ever connects to loopback.
struct Proxy {
    server: RawServer,
    /// The request heads it received (CONNECT or absolute-form).
    heads: Arc<Mutex<Vec<String>>>,
    /// Every byte the client sent through a CONNECT tunnel.
    tunneled: Arc<Mutex<Vec<u8>>>,
}

impl Proxy {
    fn start(mode: Mode) -> Proxy {
        let heads = Arc::new(Mutex::new(Vec::new()));
        let tunneled = Arc::new(Mutex::new(Vec::new()));
        let (h, t) = (heads.clone(), tunneled.clone());
        let server = RawServer::start(move |mut client| {
            let head = read_head(&mut client);
            let text = String::from_utf8_lossy(&head).into_owned();
            h.lock().unwrap().push(text.clone());
            let line = text.lines().next().unwrap_or_default().to_string();
            let mut parts = line.split(' ');
            let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            if mode == Mode::Silent {
                std::thread::sleep(Duration::from_secs(5));
                return;
            }
            if mode == Mode::AuthRequired {
                let _ = client.write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n\
                      Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n",
                );
                std::thread::sleep(Duration::from_millis(200));
                return;
            }
            let connect = method == "CONNECT";
            if connect && mode == Mode::Deny {
                let _ = client.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                std::thread::sleep(Duration::from_millis(200));
                return;
            }
            let authority = if connect {
                target.to_string()
            } else {
                // http://host:port/path
                let rest = target.strip_prefix("http://").unwrap_or(target);
                rest.split('/').next().unwrap_or("").to_string()
            };
            let Some(upstream) = connect_loopback(&authority) else {
                let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
                return;
            };
            let mut upstream = upstream;
            if connect {
                let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
            } else {
                let _ = upstream.write_all(&head);
            }
            pipe(
                client,
                upstream,
                if connect { Some(t.clone()) } else { None },
            );
        });
        Proxy {
            server,
            heads,
            tunneled,
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }

    fn request_lines(&self) -> Vec<String> {
        self.heads()
            .iter()
            .map(|h| h.lines().next().unwrap_or_default().to_string())
            .collect()
    }
}

/// Connect to `authority` only if it resolves to loopback: the test never reaches another host.
fn connect_loopback(authority: &str) -> Option<TcpStream> {
    let addrs: Vec<_> = authority.to_socket_addrs().ok()?.collect();
    addrs
        .iter()
        .filter(|a| a.ip().is_loopback())
        .find_map(|a| TcpStream::connect_timeout(a, Duration::from_secs(2)).ok())
}

/// Copy both ways until either side closes (bounded by read timeouts).
fn pipe(client: TcpStream, upstream: TcpStream, record: Option<Arc<Mutex<Vec<u8>>>>) {
    for s in [&client, &upstream] {
        let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    }
    let (mut c_read, mut u_write) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
    let up = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = c_read.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Some(r) = &record {
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            if u_write.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = u_write.shutdown(std::net::Shutdown::Write);
    });
    let (mut u_read, mut c_write) = (upstream, client);
    let mut buf = [0u8; 4096];
    while let Ok(n) = u_read.read(&mut buf) {
        if n == 0 || c_write.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = c_write.shutdown(std::net::Shutdown::Write);
    let _ = up.join();
}

/// A TLS server for `localhost` and 127.0.0.1, and the CA file that trusts it.
fn tls_target(env: &Env) -> (TlsServer, std::path::PathBuf) {
    let pki = Pki::new();
    let ca = env.file("ca.pem", &pki.ca_pem());
    (TlsServer::for_localhost(&pki), ca)
}

fn https_cmd(env: &Env, server: &TlsServer, ca: &std::path::Path) -> std::process::Command {
    let mut c = env.cmd_for(&format!("https://localhost:{}", server.port()));
    c.arg("--cacert").arg(ca).args(["--timeout", "5"]);
    c
}

#[test]
fn https_goes_through_https_proxy_as_an_opaque_connect_tunnel() {
    let env = Env::new();
    let (server, ca) = tls_target(&env);
    let proxy = Proxy::start(Mode::Forward);
    for var in ["HTTPS_PROXY", "https_proxy"] {
        let mut c = https_cmd(&env, &server, &ca);
        c.env(var, proxy.url()).args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit_ctx(0, format_args!("{var}"));
    }
    let lines = proxy.request_lines();
    let expected = format!("CONNECT localhost:{} HTTP/1.1", server.port());
    assert_eq!(lines, vec![expected.clone(), expected], "{lines:?}");
    // The proxy sees neither the credential headers nor the secret: only TLS records.
    for head in proxy.heads() {
        assert!(!head.to_lowercase().contains("x-biometrid"), "{head}");
    }
    let tunneled = proxy.tunneled.lock().unwrap().clone();
    assert!(!tunneled.is_empty());
    let text = String::from_utf8_lossy(&tunneled);
    assert!(
        !text.contains(SECRET) && !text.contains("x-biometrid"),
        "plaintext in the tunnel"
    );
    assert_eq!(server.requests().len(), 2, "the server got both requests");
}

#[test]
fn http_goes_through_http_proxy() {
    let s = server(Scenario::default());
    let env = Env::new();
    let proxy = Proxy::start(Mode::Forward);
    for var in ["HTTP_PROXY", "http_proxy"] {
        let mut c = env.cmd_for(&s.base_url());
        c.env(var, proxy.url()).args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit_ctx(0, format_args!("{var}"));
    }
    let lines = proxy.request_lines();
    let expected = format!(
        "GET {}/api/1.0/users/u1/restart-state HTTP/1.1",
        s.base_url()
    );
    assert_eq!(lines, vec![expected.clone(), expected], "{lines:?}");
    assert_eq!(records(&s).len(), 2);
}

#[test]
fn no_proxy_bypasses_the_proxy() {
    let env = Env::new();
    let (server, ca) = tls_target(&env);
    let proxy = Proxy::start(Mode::Forward);
    for no_proxy in ["localhost", "example.invalid,localhost", "*"] {
        let mut c = https_cmd(&env, &server, &ca);
        c.env("HTTPS_PROXY", proxy.url())
            .env("NO_PROXY", no_proxy)
            .args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit_ctx(0, format_args!("NO_PROXY={no_proxy}"));
    }
    // By IP address, for a plain http target, lower-case variable.
    let s = crate::util::server(Scenario::default());
    let mut c = env.cmd_for(&s.base_url());
    c.env("HTTP_PROXY", proxy.url())
        .env("no_proxy", "127.0.0.1")
        .args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(0);
    assert_eq!(records(&s).len(), 1);

    assert!(proxy.heads().is_empty(), "{:?}", proxy.request_lines());
    assert_eq!(proxy.server.connections(), 0);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn each_scheme_uses_only_its_own_proxy_variable() {
    let env = Env::new();
    let (server, ca) = tls_target(&env);
    let proxy = Proxy::start(Mode::Forward);
    // HTTP_PROXY is not for https...
    let mut c = https_cmd(&env, &server, &ca);
    c.env("HTTP_PROXY", proxy.url())
        .args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(0);
    // ...and HTTPS_PROXY is not for http.
    let s = crate::util::server(Scenario::default());
    let mut c = env.cmd_for(&s.base_url());
    c.env("HTTPS_PROXY", proxy.url())
        .args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(0);
    assert_eq!(proxy.server.connections(), 0, "{:?}", proxy.request_lines());
}

#[test]
fn a_proxy_that_refuses_the_tunnel_is_a_network_error() {
    let env = Env::new();
    let (server, ca) = tls_target(&env);
    let proxy = Proxy::start(Mode::Deny);
    let mut c = https_cmd(&env, &server, &ca);
    c.env("HTTPS_PROXY", proxy.url())
        .args(["--json", "restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    let lines = json_lines(&r.out);
    assert_eq!(lines[0]["message"], "NETWORK_ERROR", "{}", r.all());
    assert_eq!(proxy.request_lines().len(), 1);
    assert!(server.requests().is_empty());
    r.assert_no_panic();
}

#[test]
fn an_unreachable_proxy_is_a_network_error() {
    let env = Env::new();
    let (server, ca) = tls_target(&env);
    let mut c = https_cmd(&env, &server, &ca);
    c.env("HTTPS_PROXY", format!("http://127.0.0.1:{}", closed_port()))
        .args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    assert!(server.requests().is_empty(), "the proxy was bypassed");
    r.assert_no_panic();
}

#[test]
fn a_proxy_that_never_answers_times_out() {
    let env = Env::new();
    let (server, ca) = tls_target(&env);
    let proxy = Proxy::start(Mode::Silent);
    let mut c = env.cmd_for(&format!("https://localhost:{}", server.port()));
    c.arg("--cacert")
        .arg(&ca)
        .env("HTTPS_PROXY", proxy.url())
        .args(["--timeout", "0.5", "restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(11);
    assert!(r.elapsed < Duration::from_secs(4), "{:?}", r.elapsed);
    r.assert_no_panic();
}

#[test]
fn all_proxy_is_the_fallback_for_https() {
    let env = Env::new();
    let (server, ca) = tls_target(&env);
    let proxy = Proxy::start(Mode::Forward);
    let mut c = https_cmd(&env, &server, &ca);
    c.env("ALL_PROXY", proxy.url())
        .args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(0);
    assert_eq!(
        proxy.request_lines(),
        vec![format!("CONNECT localhost:{} HTTP/1.1", server.port())]
    );
}

#[test]
fn no_proxy_star_bypasses_every_proxy_for_ip_literals_too() {
    let env = Env::new();
    let proxy = Proxy::start(Mode::Forward);
    // Plain http to an IP literal: the secret would cross the proxy in clear.
    let s = server(Scenario::default());
    for no_proxy in ["*", "127.0.0.0/8", "example.invalid, 127.0.0.1"] {
        for var in ["NO_PROXY", "no_proxy"] {
            let mut c = env.cmd_for(&s.base_url());
            c.env("HTTP_PROXY", proxy.url())
                .env("ALL_PROXY", proxy.url())
                .env(var, no_proxy)
                .args(["restart-state", "u1"]);
            let r = c.run_within(LIMIT);
            r.assert_exit_ctx(0, format_args!("{var}={no_proxy}"));
        }
    }
    // And https to an IP literal.
    let (tls, ca) = tls_target(&env);
    let mut c = env.cmd_for(&format!("https://127.0.0.1:{}", tls.port()));
    c.arg("--cacert")
        .arg(&ca)
        .env("HTTPS_PROXY", proxy.url())
        .env("NO_PROXY", "*")
        .args(["--timeout", "5", "restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(0);
    assert_eq!(proxy.server.connections(), 0, "{:?}", proxy.request_lines());
    assert_eq!(records(&s).len(), 6);
    assert_eq!(tls.requests().len(), 1);
}

#[test]
fn a_no_proxy_entry_that_does_not_match_keeps_the_proxy() {
    let env = Env::new();
    let proxy = Proxy::start(Mode::Forward);
    let s = server(Scenario::default());
    for no_proxy in ["127.0.0.2", "10.0.0.0/8", "example.invalid", "*.invalid"] {
        let mut c = env.cmd_for(&s.base_url());
        c.env("HTTP_PROXY", proxy.url())
            .env("NO_PROXY", no_proxy)
            .args(["restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit_ctx(0, format_args!("{no_proxy}"));
    }
    assert_eq!(
        proxy.request_lines().len(),
        4,
        "{:?}",
        proxy.request_lines()
    );
}

#[test]
fn a_proxy_variable_that_does_not_parse_is_a_configuration_error() {
    let env = Env::new();
    let s = server(Scenario::default());
    for (var, value) in [
        ("HTTP_PROXY", "http://agent:pr0xy-pa55@127.0.0.1:99999"),
        ("http_proxy", "http://agent:pr0xy-pa55@[::1"),
        ("ALL_PROXY", "socks5://agent:pr0xy-pa55@127.0.0.1:1080"),
    ] {
        let mut c = env.cmd_for(&s.base_url());
        c.env(var, value).args(["--json", "restart-state", "u1"]);
        let r = c.run_within(LIMIT);
        r.assert_exit_ctx(3, format_args!("{var}={value}"));
        assert!(r.stderr().contains(var), "{}", r.all());
        assert!(!r.all().contains("pr0xy-pa55"), "{}", r.all());
        assert!(r.stdout().is_empty(), "{}", r.all());
        r.assert_no_panic();
    }
    // A broken variable for https too; nothing was sent anywhere.
    let mut c = env.cmd_for("https://localhost:9");
    c.env("HTTPS_PROXY", "http://:pr0xy-pa55@:3128")
        .args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(3);
    assert!(r.stderr().contains("HTTPS_PROXY"), "{}", r.all());
    assert!(!r.all().contains("pr0xy-pa55"), "{}", r.all());
    assert!(records(&s).is_empty());
}

#[test]
fn a_proxy_asking_for_credentials_is_named_with_its_status() {
    let env = Env::new();
    let proxy = Proxy::start(Mode::AuthRequired);
    // The proxy's URL as the tool names it: no credentials, explicit port.
    let shown = proxy.url();
    let with_credentials = shown.replace("http://", "http://agent:pr0xy-pa55@");
    // Plain http: the 407 is a reply to the request itself (12).
    let s = server(Scenario::default());
    let mut c = env.cmd_for(&s.base_url());
    c.env("HTTP_PROXY", &with_credentials)
        .args(["restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(12);
    let expected = format!("the proxy {shown} answered 407 Proxy Authentication Required");
    assert!(r.stderr().contains(&expected), "{}", r.all());
    assert!(!r.all().contains("pr0xy-pa55"), "{}", r.all());
    // https: the proxy refuses the CONNECT tunnel (a network error, 10).
    let (tls, ca) = tls_target(&env);
    let mut c = https_cmd(&env, &tls, &ca);
    c.env("HTTPS_PROXY", &with_credentials)
        .args(["--json", "restart-state", "u1"]);
    let r = c.run_within(LIMIT);
    r.assert_exit(10);
    let lines = json_lines(&r.out);
    let detail = lines[0]["detail"].as_str().unwrap_or_default();
    assert!(detail.contains(&expected), "{}", r.all());
    assert!(detail.contains("CONNECT"), "{}", r.all());
    assert!(!r.all().contains("pr0xy-pa55"), "{}", r.all());
    assert!(tls.requests().is_empty());
    assert!(records(&s).is_empty());
}
