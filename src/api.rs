//! The BiometrID API: its messages, the classification of a reply into an
//! outcome, and the HTTP client that sends one restart with retries.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub use biometrid_protocol::ApiMessage;
use biometrid_protocol::{Endpoint, Envelope, KEY_HEADER, SECRET_HEADER};
use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

use crate::error::{Error, Result};
use crate::log::Log;
pub use crate::outcome::{Classified, Outcome, Reason, Report, Retry};
use crate::sanitize;
use crate::settings::{Credentials, Settings, display_path};

/// Response bodies are read up to this size; a larger one is an unexpected response.
pub const MAX_BODY: usize = 1024 * 1024;
/// A `Retry-After` longer than this is shortened to it.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);
const BACKOFF_BASE: Duration = Duration::from_millis(250);
const BACKOFF_CAP: Duration = Duration::from_secs(8);

/// Classify a complete reply: HTTP status, `Retry-After` value, body (at most [`MAX_BODY`]).
/// Pure and total: it never panics, whatever the input (fuzzed and property-tested).
pub fn classify(status: u16, retry_after: Option<&str>, body: &[u8]) -> Classified {
    let unexpected = |why: Reason, retry: Retry| Classified {
        outcome: Outcome::Unexpected(why),
        retry,
    };
    let transient = matches!(status, 429 | 502 | 503 | 504);
    let retry_hint = if transient {
        Retry::Yes(retry_after.and_then(parse_retry_after))
    } else {
        Retry::No
    };
    if (300..400).contains(&status) {
        return unexpected(
            format!("HTTP {status}: redirect not followed").into(),
            Retry::No,
        );
    }
    let envelope = match serde_json::from_slice::<Envelope>(body) {
        Ok(e) => e,
        Err(_) => {
            let what = if body.is_empty() {
                "an empty body"
            } else {
                "a body that is not the documented JSON envelope"
            };
            return unexpected(format!("HTTP {status} with {what}").into(), retry_hint);
        }
    };
    let Some(message) = ApiMessage::parse(&envelope.data.message) else {
        return unexpected(
            Reason::with_server_text(
                format!("HTTP {status} with unknown message '"),
                &envelope.data.message,
            )
            .then("'"),
            retry_hint,
        );
    };
    if message.http_status() != status {
        return unexpected(
            format!(
                "HTTP {status} with message {} (documented with HTTP {})",
                message.as_str(),
                message.http_status()
            )
            .into(),
            retry_hint,
        );
    }
    // A reply that contradicts itself is not trusted either way.
    let success = message == ApiMessage::StateRestarted;
    if envelope.status != success {
        return unexpected(
            format!(
                "HTTP {status} with message {} but \"status\": {} (a {} message)",
                message.as_str(),
                envelope.status,
                if success { "success" } else { "failure" }
            )
            .into(),
            retry_hint,
        );
    }
    let retry = if message == ApiMessage::ProblemOccurred {
        Retry::Yes(retry_after.and_then(parse_retry_after))
    } else {
        Retry::No
    };
    Classified {
        outcome: Outcome::Api(message),
        retry,
    }
}

/// `Retry-After` as delta-seconds or an HTTP date, capped.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    let wait = if let Ok(secs) = value.parse::<u64>() {
        Duration::from_secs(secs)
    } else {
        let when = httpdate::parse_http_date(value).ok()?;
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO)
    };
    Some(wait.min(RETRY_AFTER_CAP))
}

/// What to say when the proxy asks for credentials.
fn proxy_auth_required(proxy: &str, to: &str) -> Reason {
    Reason::from(format!(
        "the proxy {proxy} answered 407 Proxy Authentication Required{to}; \
         give its credentials in the proxy variable (http://USER:PASSWORD@HOST:PORT)"
    ))
}

/// Classify a transport failure (no complete reply). `proxy`: the proxy the
/// connection went through, named when it is the one that failed.
pub fn classify_transport(error: &reqwest::Error, proxy: Option<&str>) -> Classified {
    if error.is_timeout() {
        return Classified {
            outcome: Outcome::Timeout,
            retry: Retry::Yes(None),
        };
    }
    let mut retry = Retry::No;
    let mut reason: Option<Reason> = None;
    // The reason already says what happened to the connection.
    let mut about_connection = false;
    let mut named_proxy = false;
    let mut tls = false;
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            match io.kind() {
                ConnectionRefused => reason = Some("connection refused".into()),
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => {
                    reason = Some("connection reset or closed before a complete reply".into())
                }
                TimedOut => {
                    return Classified {
                        outcome: Outcome::Timeout,
                        retry: Retry::Yes(None),
                    };
                }
                _ => {}
            }
            if reason.is_some() && !tls {
                about_connection = true;
                retry = Retry::Yes(None);
            }
        }
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_incomplete_message() || h.is_closed() || h.is_canceled() {
                reason = Some("connection closed before a complete reply".into());
                about_connection = true;
                retry = Retry::Yes(None);
            } else if h.is_parse() || h.is_parse_status() {
                return Classified {
                    outcome: Outcome::Unexpected("the reply is not valid HTTP".into()),
                    retry: Retry::No,
                };
            }
        }
        if let Some(r) = e.downcast_ref::<rustls::Error>() {
            tls = true;
            retry = Retry::No;
            reason = Some(tls_reason(r));
        }
        if let Some(r) = proxy.and_then(|p| tunnel_reason(e, p)) {
            reason = Some(r);
            named_proxy = true;
        }
        if e.source().is_none() && reason.is_none() {
            reason = Some(e.to_string().into());
        }
        // io::Error::source() skips the error it wraps (rustls's error arrives
        // inside two io::Errors): step into the wrapped error, so none is missed.
        source = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner),
            None => e.source(),
        };
    }
    let reason = reason.unwrap_or_else(|| "request failed".into());
    let reason = match proxy {
        // Before TLS, a connection failure is the proxy's (the server is reached through it).
        Some(p) if error.is_connect() && !tls && !named_proxy => {
            Reason::from(format!("through the proxy {p}: ")).join(reason)
        }
        _ if error.is_connect() && !tls && retry == Retry::No && !about_connection => {
            Reason::from("cannot connect: ").join(reason)
        }
        _ => reason,
    };
    Classified {
        outcome: Outcome::Network(reason),
        retry,
    }
}

/// The proxy's refusal of a CONNECT tunnel, if `e` is one.
fn tunnel_reason(e: &(dyn std::error::Error + 'static), proxy: &str) -> Option<Reason> {
    // hyper-util's tunnel error type is private: its variant names are what can be told.
    match format!("{e:?}").as_str() {
        "ProxyAuthRequired" => Some(proxy_auth_required(proxy, " to CONNECT")),
        "TunnelUnsuccessful" => Some(Reason::from(format!(
            "the proxy {proxy} refused to open a tunnel (CONNECT) to the server"
        ))),
        _ => None,
    }
}

/// What a TLS failure means and what to do about it, in words (never a Debug dump).
fn tls_reason(error: &rustls::Error) -> Reason {
    use rustls::{Error as E, InvalidMessage};
    let words = match error {
        E::InvalidCertificate(cert) => return certificate_reason(cert),
        E::InvalidMessage(InvalidMessage::InvalidContentType) => {
            "the server did not answer with TLS (is it plain http? try an http:// base URL)"
        }
        E::InvalidMessage(_) | E::PeerMisbehaved(_) | E::InappropriateMessage { .. } => {
            "the server broke the TLS protocol; check that the base URL points at an HTTPS server"
        }
        E::InappropriateHandshakeMessage { .. } | E::PeerSentOversizedRecord => {
            "the server broke the TLS protocol; check that the base URL points at an HTTPS server"
        }
        E::PeerIncompatible(_) => {
            "the server offers no TLS version or cipher this tool accepts (TLS 1.2 or 1.3 \
             with modern ciphers); the server needs updating"
        }
        E::AlertReceived(alert) => return alert_reason(*alert),
        E::NoCertificatesPresented => "the server presented no certificate",
        E::DecryptError | E::EncryptError => {
            "the encrypted connection failed (data could not be decrypted); try again, \
             and check for a proxy or middlebox that alters traffic"
        }
        E::FailedToGetCurrentTime => "the system clock could not be read to check certificates",
        _ => {
            return Reason::from(format!(
                "TLS: the secure connection failed ({error}); check the base URL and --cacert"
            ));
        }
    };
    Reason::from(format!("TLS: {words}"))
}

/// Why the server's certificate was refused, and what to do.
fn certificate_reason(error: &rustls::CertificateError) -> Reason {
    use rustls::CertificateError as Cert;
    let words = match error {
        Cert::UnknownIssuer => {
            "the server's certificate is not signed by a trusted CA (unknown issuer); \
             a private CA can be added with --cacert"
        }
        Cert::Expired | Cert::ExpiredContext { .. } => {
            "the server's certificate has expired; the server must renew it \
             (or this machine's clock is wrong)"
        }
        Cert::NotValidYet | Cert::NotValidYetContext { .. } => {
            "the server's certificate is not valid yet; check this machine's clock"
        }
        Cert::NotValidForName => {
            "the server's certificate is not valid for the host name of the base URL"
        }
        Cert::NotValidForNameContext {
            expected,
            presented,
        } => {
            let host = match expected {
                rustls::pki_types::ServerName::DnsName(d) => d.as_ref().to_string(),
                rustls::pki_types::ServerName::IpAddress(ip) => {
                    std::net::IpAddr::from(*ip).to_string()
                }
                _ => "the base URL's host".to_string(),
            };
            // The names come from the server's certificate: server text.
            return Reason::with_server_text(
                format!(
                    "TLS: the server's certificate is not valid for {host}; use a base URL \
                     with a name it holds: "
                ),
                &presented
                    .iter()
                    .map(|p| presented_name(p))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        Cert::Revoked => "the server's certificate has been revoked",
        Cert::BadSignature
        | Cert::UnsupportedSignatureAlgorithmContext { .. }
        | Cert::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => {
            "the server's certificate has a bad or unsupported signature"
        }
        Cert::InvalidPurpose | Cert::InvalidPurposeContext { .. } => {
            "the server's certificate is not meant for a TLS server"
        }
        Cert::BadEncoding => "the server's certificate is malformed",
        Cert::Other(other) => match other.0.downcast_ref::<webpki::Error>() {
            Some(webpki::Error::CaUsedAsEndEntity) => {
                "the file given to --cacert holds the server's own certificate, not a CA \
                 certificate; pass the CA that signed it"
            }
            _ => "the server's certificate was refused; check --cacert and the base URL",
        },
        _ => "the server's certificate was refused; check --cacert and the base URL",
    };
    Reason::from(format!("TLS: {words}"))
}

/// rustls lists a certificate's names as `DnsName("host")`: the name alone.
fn presented_name(p: &str) -> &str {
    p.split_once("(\"")
        .and_then(|(_, rest)| rest.strip_suffix("\")"))
        .unwrap_or(p)
}

/// A TLS alert the server sent instead of finishing the handshake.
fn alert_reason(alert: rustls::AlertDescription) -> Reason {
    use rustls::AlertDescription as A;
    let words = match alert {
        A::HandshakeFailure | A::InsufficientSecurity => {
            "the server refused the handshake (no TLS version or cipher in common)"
        }
        A::ProtocolVersion => {
            "the server refused the TLS version (this tool speaks TLS 1.2 and 1.3)"
        }
        A::UnrecognisedName => "the server does not know the host name of the base URL",
        A::CertificateRequired => {
            "the server asks for a client certificate, which this tool does not send"
        }
        A::AccessDenied => "the server denied access at the TLS level",
        _ => "the server ended the TLS handshake with an alert; check the base URL",
    };
    Reason::from(format!("TLS: {words}"))
}

/// Exponential backoff with jitter: about 250 ms, 500 ms, 1 s, ... capped at 8 s,
/// each drawn from the upper half of its window so retries spread out.
pub fn backoff(retry_number: u32) -> Duration {
    let window = BACKOFF_BASE
        .saturating_mul(1u32 << retry_number.min(16))
        .min(BACKOFF_CAP);
    let half = window / 2;
    half + half.mul_f64(fastrand::f64())
}

/// Sends restarts: one configured HTTP client, shared by every request of a run.
pub struct Client {
    http: reqwest::Client,
    base: String,
    key: HeaderValue,
    secret: HeaderValue,
    retries: u32,
    verbose: bool,
    /// Where `-v` lines go: stderr, lifting the progress bar (see `set_log`).
    log: Log,
    /// The proxy in use, `scheme://host:port`, for messages.
    proxy: Option<String>,
}

impl Client {
    pub fn new(
        settings: &Settings,
        credentials: &Credentials,
        max_connections: usize,
        verbose: bool,
    ) -> Result<Client> {
        let https = settings.base_url.value.scheme() == "https";
        let timeout = settings.timeout.value;
        let mut builder = reqwest::Client::builder()
            // Never follow a redirect: the credential headers must not reach another origin.
            .redirect(reqwest::redirect::Policy::none())
            .http1_only()
            .user_agent(concat!("biometrid/", env!("CARGO_PKG_VERSION")))
            .timeout(timeout)
            .connect_timeout(timeout)
            .pool_max_idle_per_host(max_connections)
            .tcp_nodelay(true)
            // Loading the system trust store costs start-up time; plain loopback http needs none.
            .tls_built_in_root_certs(https);
        if let Some(path) = &settings.cacert {
            let pem =
                crate::settings::read_capped(path, crate::settings::CACERT_CAP).map_err(|e| {
                    crate::settings::read_error("--cacert", path, crate::settings::CACERT_CAP, &e)
                })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .ok()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    Error::config(format!(
                        "--cacert {}: no PEM certificate in it",
                        display_path(path)
                    ))
                })?;
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        // Our own reading of the proxy variables, as curl; reqwest's is turned off.
        let proxy = crate::proxy::for_url(&settings.base_url.value, &crate::settings::process_env)?;
        builder =
            match &proxy {
                Some(p) => builder.proxy(reqwest::Proxy::all(p.url.clone()).map_err(|_| {
                    Error::config(format!("{} is not a usable proxy URL", p.variable))
                })?),
                None => builder.no_proxy(),
            };
        let http = builder
            .build()
            .map_err(|e| Error::config(format!("cannot set up the HTTP client: {e}")))?;
        let header =
            |v: &str| HeaderValue::from_str(v).map_err(|_| Error::Internal("header value".into()));
        let mut secret = header(credentials.secret.value.expose())?;
        secret.set_sensitive(true);
        Ok(Client {
            http,
            base: settings
                .base_url
                .value
                .as_str()
                .trim_end_matches('/')
                .to_string(),
            key: header(&credentials.key.value)?,
            secret,
            retries: settings.retries.value,
            verbose,
            log: Log::default(),
            proxy: proxy.map(|p| p.shown),
        })
    }

    pub fn url_for(&self, user_id: &str) -> String {
        format!("{}{}", self.base, Endpoint::RestartState.path(user_id))
    }

    /// Send `-v` lines through this handle (the printer's, so they never tear its progress bar).
    pub fn set_log(&mut self, log: Log) {
        self.log = log;
    }

    /// Restart one (valid) user ID, retrying what the contract says to retry,
    /// keeping `started` at the number of attempts begun so far, so a request
    /// dropped in flight (Ctrl-C) can still say how many were made.
    pub async fn restart_counted(&self, user_id: &str, started: &AtomicU32) -> Report {
        let url = self.url_for(user_id);
        // Every -v line names its ID: with many in flight, lines of different IDs interleave.
        let id = sanitize::escape(user_id);
        let mut attempts = 0;
        loop {
            attempts += 1;
            started.store(attempts, Ordering::Relaxed);
            let began = Instant::now();
            if self.verbose {
                self.log(&format!(
                    "{id}: > {} {url} ({KEY_HEADER}: {}, {SECRET_HEADER}: ***; attempt {attempts}/{})",
                    Endpoint::RestartState.method().as_str(),
                    self.key_text(),
                    self.retries + 1
                ));
            }
            let (classified, status) = self.attempt(&url).await;
            if self.verbose {
                let what = match status {
                    Some(s) => format!("HTTP {s}"),
                    None => "no reply".to_string(),
                };
                self.log(&format!(
                    "{id}: < {what} {} in {} ms (attempt {attempts}/{})",
                    classified.outcome.message(),
                    began.elapsed().as_millis(),
                    self.retries + 1
                ));
            }
            match classified.retry {
                Retry::Yes(after) if attempts <= self.retries => {
                    let wait = after.unwrap_or_else(|| backoff(attempts - 1));
                    if self.verbose {
                        self.log(&format!("{id}: * retrying in {} ms", wait.as_millis()));
                    }
                    tokio::time::sleep(wait).await;
                }
                _ => {
                    return Report {
                        user_id: user_id.to_string(),
                        outcome: classified.outcome,
                        http_status: status,
                        attempts,
                    };
                }
            }
        }
    }

    async fn attempt(&self, url: &str) -> (Classified, Option<u16>) {
        let sent = self
            .http
            .get(url)
            .header(KEY_HEADER, self.key.clone())
            .header(SECRET_HEADER, self.secret.clone())
            .send()
            .await;
        let mut response = match sent {
            Ok(r) => r,
            Err(e) => return (classify_transport(&e, self.proxy.as_deref()), None),
        };
        let status = response.status().as_u16();
        if let (407, Some(proxy)) = (status, &self.proxy) {
            // Plain http goes through the proxy as a request of its own: its 407 is a reply.
            let c = Classified {
                outcome: Outcome::Unexpected(proxy_auth_required(proxy, "")),
                retry: Retry::No,
            };
            return (c, Some(status));
        }
        let retry_after = header_text(response.headers(), RETRY_AFTER);
        if response
            .content_length()
            .is_some_and(|n| n > MAX_BODY as u64)
        {
            let c = Classified {
                outcome: Outcome::Unexpected(
                    format!("HTTP {status} with a body over 1 MiB").into(),
                ),
                retry: Retry::No,
            };
            return (c, Some(status));
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_BODY {
                        let c = Classified {
                            outcome: Outcome::Unexpected(
                                format!("HTTP {status} with a body over 1 MiB").into(),
                            ),
                            retry: Retry::No,
                        };
                        return (c, Some(status));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return (classify_transport(&e, None), Some(status)),
            }
        }
        (
            classify(status, retry_after.as_deref(), &body),
            Some(status),
        )
    }

    fn key_text(&self) -> String {
        sanitize::escape(self.key.to_str().unwrap_or("?"))
    }

    fn log(&self, text: &str) {
        self.log.line(text);
    }
}

fn header_text(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scrub::Scrubber;

    /// The documented envelope: `status` true on success only.
    fn body(message: &str) -> Vec<u8> {
        let ok = message == ApiMessage::StateRestarted.as_str();
        format!(r#"{{"status":{ok},"data":{{"message":"{message}"}}}}"#).into_bytes()
    }

    fn with_status(ok: bool, message: ApiMessage) -> Vec<u8> {
        format!(
            r#"{{"status":{ok},"data":{{"message":"{}"}}}}"#,
            message.as_str()
        )
        .into_bytes()
    }

    #[test]
    fn a_status_field_that_contradicts_the_message_is_unexpected() {
        for m in ApiMessage::ALL {
            let success = m == ApiMessage::StateRestarted;
            let c = classify(m.http_status(), None, &with_status(!success, m));
            assert!(matches!(c.outcome, Outcome::Unexpected(_)), "{m:?}");
            assert_eq!(c.retry, Retry::No, "{m:?}");
            let detail = c.outcome.detail().unwrap();
            assert!(detail.contains("\"status\""), "{detail}");
            let c = classify(m.http_status(), None, &with_status(success, m));
            assert_eq!(c.outcome, Outcome::Api(m));
        }
    }

    #[test]
    fn only_server_text_is_scrubbed() {
        let scrub = Scrubber::new("s");
        let refused = Outcome::Network("connection refused".into());
        assert_eq!(
            refused.detail_scrubbed(Some(&scrub)).unwrap(),
            "connection refused"
        );
        let c = classify(200, None, &body("its secret"));
        let shown = c.outcome.detail_scrubbed(Some(&scrub)).unwrap();
        assert_eq!(shown, "HTTP 200 with unknown message 'it*** ***ecret'");
    }

    #[test]
    fn server_text_is_scrubbed_before_it_is_cut() {
        let secret = "S3cr3t-LEAK-canary";
        let scrub = Scrubber::new(secret);
        // The excerpt's cut falls 3 characters into the secret.
        let message = format!("{}{secret}", "p".repeat(77));
        let c = classify(200, None, &body(&message));
        let shown = c.outcome.detail_scrubbed(Some(&scrub)).unwrap();
        assert!(
            shown.ends_with("ppp***'") || shown.contains("ppp***"),
            "{shown}"
        );
        assert!(!shown.contains("S3c"), "{shown}");
        let unscrubbed = c.outcome.detail().unwrap();
        assert!(unscrubbed.ends_with("pS3c…'"), "{unscrubbed}");
    }

    #[test]
    fn documented_replies_classify_to_their_message() {
        for m in ApiMessage::ALL {
            let c = classify(m.http_status(), None, &body(m.as_str()));
            assert_eq!(c.outcome, Outcome::Api(m));
            let retried = m == ApiMessage::ProblemOccurred;
            assert_eq!(c.retry != Retry::No, retried, "{m:?}");
        }
    }

    #[test]
    fn disagreeing_status_is_unexpected() {
        let c = classify(200, None, &body("USERID_NOT_EXISTS"));
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
        let c = classify(404, None, &body("STATE_RESTARTED_WITH_SUCCESS"));
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }

    #[test]
    fn unknown_or_malformed_is_unexpected() {
        for (status, b) in [
            (200, body("SOMETHING_NEW")),
            (200, b"<html>hi</html>".to_vec()),
            (200, Vec::new()),
            (200, br#"{"status":true}"#.to_vec()),
            (
                200,
                br#"{"status":"yes","data":{"message":"STATE_RESTARTED_WITH_SUCCESS"}}"#.to_vec(),
            ),
            (418, body("STATE_RESTARTED_WITH_SUCCESS")),
        ] {
            let c = classify(status, None, &b);
            assert!(
                matches!(c.outcome, Outcome::Unexpected(_)),
                "{status} {b:?}"
            );
            assert_eq!(c.retry, Retry::No);
        }
    }

    #[test]
    fn deep_json_is_rejected_without_overflow() {
        let deep = "[".repeat(100_000);
        let c = classify(200, None, deep.as_bytes());
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }

    #[test]
    fn transient_statuses_retry_and_honour_retry_after() {
        for s in [429, 502, 503, 504] {
            assert_eq!(classify(s, None, b"").retry, Retry::Yes(None));
        }
        assert_eq!(
            classify(503, Some("2"), b"").retry,
            Retry::Yes(Some(Duration::from_secs(2)))
        );
        assert_eq!(
            classify(503, Some("99999"), b"").retry,
            Retry::Yes(Some(RETRY_AFTER_CAP))
        );
        for s in [400, 401, 402, 404, 301, 500] {
            assert_eq!(classify(s, Some("1"), b"").retry, Retry::No, "{s}");
        }
    }

    #[test]
    fn redirects_are_unexpected_even_with_a_documented_body() {
        let c = classify(302, None, &body("STATE_RESTARTED_WITH_SUCCESS"));
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }

    #[test]
    fn unknown_message_is_escaped() {
        let c = classify(200, None, &body("\\u001b[2J"));
        let detail = c.outcome.detail().unwrap();
        assert!(!detail.contains('\u{1b}'), "{detail}");
    }

    #[test]
    fn retry_after_dates() {
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        let soon = std::time::SystemTime::now() + Duration::from_secs(3600);
        assert_eq!(
            parse_retry_after(&httpdate::fmt_http_date(soon)),
            Some(RETRY_AFTER_CAP)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for n in 0..20 {
            let b = backoff(n);
            let window = BACKOFF_BASE.saturating_mul(1 << n.min(16)).min(BACKOFF_CAP);
            assert!(b >= window / 2 && b <= window, "{n}: {b:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]

        /// Moved from tests/props.rs: `parse_retry_after` is internal to the crate.
        #[test]
        fn retry_after_is_total_and_capped(value in ".{0,64}") {
            if let Some(wait) = parse_retry_after(&value) {
                proptest::prop_assert!(wait <= RETRY_AFTER_CAP);
            }
        }
    }
}
