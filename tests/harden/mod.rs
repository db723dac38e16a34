//! Helpers of the hardening tests (tls, proxy, hostile, secrets, panic):
//! a watchdog for the spawned binary, a raw TCP server that writes exact bytes,
//! a throwaway PKI and a small TLS server. Everything listens on 127.0.0.1 only,
//! and every loop here is bounded in count or time.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a bounded run produced, and how long it took.
pub struct Ran {
    pub out: Output,
    pub elapsed: Duration,
}

impl Ran {
    pub fn code(&self) -> i32 {
        self.out.status.code().expect("exited by signal")
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    /// Both streams, for "never appears anywhere" assertions and failure messages.
    pub fn all(&self) -> String {
        format!("--- stdout\n{}--- stderr\n{}", self.stdout(), self.stderr())
    }
    /// No panic, no internal error: the run ended through a documented path.
    pub fn assert_no_panic(&self) {
        let err = self.stderr();
        assert!(
            !err.contains("panicked") && !err.contains("internal error"),
            "panic or internal error:\n{}",
            self.all()
        );
    }
}

/// Spawn `c` and wait at most `limit`. Past it the child is killed by its PID
/// and the test fails: a hang is a bug, and it must not hang the suite too.
pub fn run_bounded(mut c: Command, limit: Duration) -> Ran {
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = c.spawn().expect("spawn biometrid");
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let pid = child.id();
            let _ = child.kill();
            let _ = child.wait();
            let err = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
            panic!("biometrid (pid {pid}) did not finish within {limit:?}: killed. stderr:\n{err}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ran {
        out: Output {
            status,
            stdout,
            stderr,
        },
        elapsed,
    }
}

/// Read an HTTP request head (up to the blank line), at most 64 KiB and 5 s.
pub fn read_head(stream: &mut TcpStream) -> Vec<u8> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while head.len() < 64 * 1024 && !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    head
}

/// A TCP server on 127.0.0.1 whose connections are handled by a closure that
/// writes whatever bytes the test wants. Each connection gets its own thread.
pub struct RawServer {
    pub addr: SocketAddr,
    pub accepted: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl RawServer {
    pub fn start<F>(handler: F) -> RawServer
    where
        F: Fn(TcpStream) + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let handler = Arc::new(handler);
        {
            let (accepted, stop) = (accepted.clone(), stop.clone());
            std::thread::spawn(move || {
                // Bounded: a test never runs longer than this.
                let deadline = Instant::now() + Duration::from_secs(120);
                while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let _ = stream.set_nonblocking(false);
                            let _ = stream.set_nodelay(true);
                            accepted.fetch_add(1, Ordering::SeqCst);
                            let h = handler.clone();
                            std::thread::spawn(move || h(stream));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            });
        }
        RawServer {
            addr,
            accepted,
            stop,
        }
    }

    /// A server that reads the request head and answers with exactly `bytes`, then closes.
    pub fn reply(bytes: Vec<u8>) -> RawServer {
        RawServer::start(move |mut s| {
            let _ = read_head(&mut s);
            let _ = s.write_all(&bytes);
            let _ = s.flush();
            let _ = s.shutdown(std::net::Shutdown::Write);
            // Let the client read everything before the socket goes away.
            std::thread::sleep(Duration::from_millis(200));
        })
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A port on 127.0.0.1 with nothing listening (bound, then released).
pub fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// The documented envelope of `message`.
pub fn envelope(status: bool, message: &str) -> String {
    format!(r#"{{"status":{status},"data":{{"message":"{message}"}}}}"#)
}

/// A complete HTTP/1.1 response with a Content-Length.
pub fn http_response(status_line: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status_line}\r\n").into_bytes();
    for h in headers {
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out
}

pub fn ok_response() -> Vec<u8> {
    http_response(
        "200 OK",
        &["Content-Type: application/json"],
        envelope(true, "STATE_RESTARTED_WITH_SUCCESS").as_bytes(),
    )
}

// ---------------------------------------------------------------- TLS

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
pub use tokio_rustls::rustls;

/// A throwaway certificate authority, made fresh for each test.
pub struct Pki {
    ca: rcgen::CertifiedIssuer<'static, rcgen::KeyPair>,
}

/// A date as (year, month, day).
pub type Ymd = (i32, u8, u8);

/// What a leaf certificate should be.
pub struct Leaf<'a> {
    pub names: &'a [&'a str],
    /// `(not_before, not_after)`; `None` is rcgen's wide default.
    pub validity: Option<(Ymd, Ymd)>,
}

impl Pki {
    pub fn new() -> Pki {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.distinguished_name
            .push(DnType::CommonName, "biometrid throwaway test CA");
        p.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca = rcgen::CertifiedIssuer::self_signed(p, KeyPair::generate().unwrap()).unwrap();
        Pki { ca }
    }

    pub fn ca_pem(&self) -> String {
        self.ca.pem()
    }

    /// A server certificate signed by this CA, and its key.
    pub fn leaf(&self, leaf: &Leaf) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
        use rcgen::{CertificateParams, DnType, ExtendedKeyUsagePurpose, KeyPair};
        let names: Vec<String> = leaf.names.iter().map(|s| s.to_string()).collect();
        let mut p = CertificateParams::new(names).unwrap();
        p.distinguished_name.push(
            DnType::CommonName,
            leaf.names.first().copied().unwrap_or("x"),
        );
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        if let Some(((y1, m1, d1), (y2, m2, d2))) = leaf.validity {
            p.not_before = rcgen::date_time_ymd(y1, m1, d1);
            p.not_after = rcgen::date_time_ymd(y2, m2, d2);
        }
        let key = KeyPair::generate().unwrap();
        let cert = p.signed_by(&key, &self.ca).unwrap();
        (
            vec![cert.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
    }
}

/// A TLS server on 127.0.0.1 (tokio-rustls) that answers every request with
/// the documented 200 reply, and records the request heads it decrypted.
pub struct TlsServer {
    pub addr: SocketAddr,
    /// Request heads, as decrypted by the server.
    pub requests: Arc<Mutex<Vec<String>>>,
    /// Handshakes that failed (e.g. the client rejected the certificate).
    pub failed_handshakes: Arc<AtomicUsize>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TlsServer {
    pub fn start(chain: Vec<CertificateDer<'static>>, key: PrivateKeyDer<'static>) -> TlsServer {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let failed_handshakes = Arc::new(AtomicUsize::new(0));
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        {
            let (requests, failed) = (requests.clone(), failed_handshakes.clone());
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                    let deadline = tokio::time::sleep(Duration::from_secs(120));
                    tokio::pin!(deadline);
                    loop {
                        let (tcp, _) = tokio::select! {
                            a = listener.accept() => match a { Ok(a) => a, Err(_) => continue },
                            _ = &mut stopped => return,
                            _ = &mut deadline => return,
                        };
                        let (acceptor, requests, failed) =
                            (acceptor.clone(), requests.clone(), failed.clone());
                        tokio::spawn(async move {
                            let _ = tokio::time::timeout(Duration::from_secs(10), async move {
                                serve_tls(acceptor, tcp, requests, failed).await
                            })
                            .await;
                        });
                    }
                });
            });
        }
        TlsServer {
            addr,
            requests,
            failed_handshakes,
            stop: Some(stop),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

async fn serve_tls(
    acceptor: tokio_rustls::TlsAcceptor,
    tcp: tokio::net::TcpStream,
    requests: Arc<Mutex<Vec<String>>>,
    failed: Arc<AtomicUsize>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut tls = match acceptor.accept(tcp).await {
        Ok(t) => t,
        Err(_) => {
            failed.fetch_add(1, Ordering::SeqCst);
            return;
        }
    };
    loop {
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
            match tls.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        requests
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(&head).into_owned());
        if tls.write_all(&ok_response()).await.is_err() {
            return;
        }
        let _ = tls.flush().await;
    }
}

/// Write `text` into `dir/name` and return the path.
pub fn write_file(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}
