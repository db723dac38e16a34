//! A throwaway PKI (an rcgen CA made fresh per test) and a small TLS server on
//! 127.0.0.1 that answers every request with the documented 200 reply.

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::raw::ok_response;

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

    /// A server with a certificate from `pki` for `localhost` and 127.0.0.1.
    pub fn for_localhost(pki: &Pki) -> TlsServer {
        let (chain, key) = pki.leaf(&Leaf {
            names: &["localhost", "127.0.0.1"],
            validity: None,
        });
        TlsServer::start(chain, key)
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
        let _ = tls.flush().await;
    }
}
