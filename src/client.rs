//! The HTTP client: one configured client per run that sends an operation's
//! request for an ID with retries, and the classification of transport failures.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use biometrid_protocol::{KEY_HEADER, SECRET_HEADER};
use reqwest::header::{CONTENT_TYPE, HeaderValue};

use crate::batch::{Gate, Sender, Shown, Transport};
use crate::error::{Error, Result};
use crate::files::{CACERT_CAP, read_capped, read_error};
use crate::log::Log;
use crate::operation::{Body, Exchange, PartContent, Request};
use crate::outcome::{Classified, Earlier, Outcome, Reason, Report, Retry};
use crate::pace::Pace;
use crate::sanitize;
use crate::sanitize::display_path;
use crate::scrub::Scrubber;
use crate::settings::{Credentials, Settings};

/// Response bodies are read up to this size; a larger one is an unexpected response.
pub const MAX_BODY: usize = 1024 * 1024;
const BACKOFF_BASE: Duration = Duration::from_millis(250);
const BACKOFF_CAP: Duration = Duration::from_secs(8);

/// What to say when the proxy asks for credentials.
fn proxy_auth_required(proxy: &str, to: &str) -> Reason {
    Reason::from(format!(
        "the proxy {proxy} answered 407 Proxy Authentication Required{to}; \
         give its credentials in the proxy variable (http://USER:PASSWORD@HOST:PORT)"
    ))
}

/// Where the requests go, for the words of a failure: the host and port, where
/// the base URL came from, and each timeout with its value and source.
pub struct Target {
    host: String,
    host_port: String,
    base_from: String,
    timeout: String,
    connect_timeout: String,
}

impl Target {
    pub fn new(settings: &Settings) -> Target {
        let url = &settings.base_url.value;
        let host = sanitize::escape(url.host_str().unwrap_or("?"));
        let port = url.port_or_known_default().unwrap_or(443);
        Target {
            host_port: format!("{host}:{port}"),
            host,
            base_from: settings.base_url.source.to_string(),
            timeout: limit("--timeout", &settings.timeout),
            connect_timeout: limit("--connect-timeout", &settings.connect_timeout),
        }
    }

    /// "(api.example.com:443, base URL from BIOMETRID_BASE_URL)"
    fn named(&self) -> String {
        format!(" ({}, base URL from {})", self.host_port, self.base_from)
    }

    /// Which timeout expired, its value and where it came from, and what did not happen.
    fn timed_out(&self, connecting: bool) -> Reason {
        let (which, limit, what) = match connecting {
            true => (
                "connect timeout",
                &self.connect_timeout,
                "no connection (TCP and TLS) to",
            ),
            false => ("timeout", &self.timeout, "no complete reply from"),
        };
        Reason::from(format!(
            "the {which} expired ({limit}): {what} {} (base URL from {})",
            self.host_port, self.base_from
        ))
    }
}

/// "--timeout 2s" when the flag set it, else "30s, the built-in default" or
/// "30s from BIOMETRID_TIMEOUT".
fn limit(flag: &str, r: &crate::settings::Resolved<Duration>) -> String {
    let value = format!("{}s", r.value.as_secs_f64());
    match &r.source {
        crate::settings::Source::Flag(_) => format!("{flag} {value}"),
        crate::settings::Source::Default => format!("{value}, the built-in default"),
        other => format!("{value} from {other}"),
    }
}

/// The next error in `e`'s chain. io::Error::source() skips the error it wraps
/// (rustls's error arrives inside two io::Errors): step into the wrapped error,
/// so none is missed.
fn next_source<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a (dyn std::error::Error + 'static)> {
    match e
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        Some(inner) => Some(inner),
        None => e.source(),
    }
}

/// A timeout that expired. The connect timeout means no connection was made:
/// a network error, as a refused connection is, and the request surely never
/// reached the server (so it may be sent again, and it cannot have been carried
/// out). The attempt's --timeout, once connected, is a timeout: the request may
/// have arrived.
fn timed_out(error: &reqwest::Error, target: &Target) -> Classified {
    match error.is_connect() {
        true => Classified {
            outcome: Outcome::Network(target.timed_out(true)),
            retry: Retry::Unsent,
        },
        false => Classified {
            outcome: Outcome::Timeout(target.timed_out(false)),
            retry: Retry::Yes(None),
        },
    }
}

/// Classify a transport failure (no complete reply). `proxy`: the proxy the
/// connection went through, named when it is the one that failed; `target`
/// names the host, the port and where the base URL came from.
pub fn classify_transport(
    error: &reqwest::Error,
    proxy: Option<&str>,
    target: &Target,
) -> Classified {
    if error.is_timeout() {
        return timed_out(error, target);
    }
    let mut dns = false;
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
                ConnectionRefused => {
                    reason = Some("connection refused".into());
                    if !tls {
                        about_connection = true;
                        retry = Retry::Unsent;
                    }
                }
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => {
                    reason = Some("connection reset or closed before a complete reply".into())
                }
                TimedOut => return timed_out(error, target),
                _ => {}
            }
            if reason.is_some() && !tls && retry != Retry::Unsent {
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
        // hyper-util's connect error type is private: its words are what can be told.
        dns |= error.is_connect() && e.to_string() == "dns error";
        if let Some(r) = proxy.and_then(|p| tunnel_reason(e, p)) {
            reason = Some(r);
            named_proxy = true;
        }
        if e.source().is_none() && reason.is_none() {
            reason = Some(e.to_string().into());
        }
        source = next_source(e);
    }
    let reason = reason.unwrap_or_else(|| "request failed".into());
    let reason = match proxy {
        // Before TLS, a connection failure is the proxy's (the server is reached through it).
        Some(p) if error.is_connect() && !tls && !named_proxy => {
            Reason::from(format!("through the proxy {p}: ")).join(reason)
        }
        Some(_) => reason,
        None if dns => Reason::from(format!(
            "cannot resolve {} (base URL from {})",
            target.host, target.base_from
        )),
        None if error.is_connect() && !tls && retry == Retry::No && !about_connection => {
            Reason::from("cannot connect: ")
                .join(reason)
                .then(target.named())
        }
        None => reason.then(target.named()),
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

/// Sends an operation's requests: one configured HTTP client, shared by every request of a run.
pub struct Client {
    http: reqwest::Client,
    base: String,
    /// The base URL as parsed once: each request's URL is a copy of it with its
    /// own path (reqwest would parse every request's URL string, host and all).
    base_url: reqwest::Url,
    /// The base URL's path without its trailing `/`, which every request path follows.
    base_path: String,
    key: HeaderValue,
    secret: HeaderValue,
    retries: u32,
    verbose: bool,
    /// Scrubs the secret from server text in `-v` lines, and finds a returned
    /// ID that holds it (never shown).
    scrubber: Scrubber,
    /// Where `-v` lines go: stderr, lifting the progress bar (see `set_log`).
    log: Log,
    /// The proxy in use, `scheme://host:port`, for messages.
    proxy: Option<String>,
    /// The run's rate limit, shared pause and stop: asked before every attempt.
    pace: Pace,
    /// Where the requests go, for the words of a failure.
    target: Target,
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
            // TCP and TLS: a host that never completes them costs seconds, not minutes.
            .connect_timeout(settings.connect_timeout.value)
            .pool_max_idle_per_host(max_connections)
            .tcp_nodelay(true)
            // Loading the system trust store costs start-up time; plain loopback http needs none.
            .tls_built_in_root_certs(https);
        if let Some(path) = &settings.cacert {
            let pem = read_capped(path, CACERT_CAP)
                .map_err(|e| read_error("--cacert", path, CACERT_CAP, &e))?;
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
            base_url: settings.base_url.value.clone(),
            base_path: settings
                .base_url
                .value
                .path()
                .trim_end_matches('/')
                .to_string(),
            key: header(&credentials.key.value)?,
            secret,
            retries: settings.retries.value,
            verbose,
            scrubber: Scrubber::new(credentials.secret.value.expose()),
            log: Log::default(),
            proxy: proxy.map(|p| p.shown),
            pace: Pace::new(settings.rate.value.map(|r| r.interval())),
            target: Target::new(settings),
        })
    }

    /// The key and secret headers as `-v` and `--dry-run` show them (the secret as `***`).
    pub fn shown_headers(&self) -> [(&'static str, String); 2] {
        [
            (KEY_HEADER, self.key_text()),
            (SECRET_HEADER, "***".to_string()),
        ]
    }

    /// The full URL of a request path (for `-v` and `--dry-run`).
    pub fn url_for(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The URL [`Client::url_for`] spells, parsed: only the path (and a query,
    /// if the path has one) is parsed here. The base URL has no query, fragment
    /// or credentials (settings refuse them), so the copy differs from the base
    /// in its path and query alone.
    fn request_url(&self, path: &str) -> reqwest::Url {
        let mut url = self.base_url.clone();
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path, None),
        };
        url.set_path(&format!("{}{}", self.base_path, path));
        url.set_query(query);
        url
    }

    /// The proxy the requests go through, `scheme://host:port`, if any.
    pub fn proxy(&self) -> Option<&str> {
        self.proxy.as_deref()
    }

    /// Send `-v` lines through this handle (the printer's, so they never tear its progress bar).
    pub fn set_log(&mut self, log: Log) {
        self.log = log;
    }

    /// Send `op` for one (valid) user ID: its [`attempts`], each one an HTTP
    /// exchange with this client.
    /// `earlier`: whether a run before this one may have carried it out already
    /// (a destructive request recorded as sent, never as finished).
    pub async fn send(
        &self,
        op: &dyn Exchange,
        user_id: &str,
        started: &AtomicU32,
        earlier: Earlier,
        gate: Gate<'_>,
    ) -> Option<Report> {
        let request = op.request(user_id);
        let url = self.request_url(&request.path);
        // Built only for -v: nothing else needs them per attempt.
        let verbose = self.verbose.then(|| Verbose {
            log: &self.log,
            id: sanitize::escape(user_id),
            method: request.method.clone(),
            url: sanitize::escape(&self.url_for(&request.path)),
            key: self.key_text(),
            request: op.shown_request(&request),
            scrubber: Some(&self.scrubber),
        });
        let how = Attempts {
            pace: &self.pace,
            retries: self.retries,
            verbose: verbose.as_ref(),
        };
        how.run(op, user_id, started, earlier, gate, || {
            self.attempt(op, &request, &url)
        })
        .await
    }

    async fn attempt(
        &self,
        op: &dyn Exchange,
        request: &Request,
        url: &reqwest::Url,
    ) -> (Classified, Option<u16>) {
        let sent = match self.build(request, url) {
            Ok(builder) => builder.send().await,
            Err(why) => {
                let c = Classified {
                    outcome: Outcome::Unexpected(why.into()),
                    retry: Retry::No,
                };
                return (c, None);
            }
        };
        let mut response = match sent {
            Ok(r) => r,
            Err(e) => {
                let c = classify_transport(&e, self.proxy.as_deref(), &self.target);
                return (c, None);
            }
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
        let headers = std::mem::take(response.headers_mut());
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
                Err(e) => return (classify_transport(&e, None, &self.target), Some(status)),
            }
        }
        let mut c = op.classify(request, status, &headers, &body);
        if let Outcome::Answered(a) = &c.outcome {
            if a.holds_a_secret_id(&self.scrubber) {
                c = Classified {
                    outcome: Outcome::Unexpected(
                        "the server returned an ID it will not show: it holds the secret".into(),
                    ),
                    retry: Retry::No,
                };
            }
        }
        (c, Some(status))
    }

    /// One attempt's request: the credentials, the request's own headers and its body.
    fn build(
        &self,
        request: &Request,
        url: &reqwest::Url,
    ) -> std::result::Result<reqwest::RequestBuilder, String> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| format!("'{}' is not an HTTP method", request.method))?;
        let mut builder = self
            .http
            .request(method, url.clone())
            .header(KEY_HEADER, self.key.clone())
            .header(SECRET_HEADER, self.secret.clone());
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        Ok(match &request.body {
            Body::None => builder,
            Body::Json(fields) => builder
                .header(CONTENT_TYPE, "application/json")
                .body(serde_json::Value::Object(fields.clone()).to_string()),
            Body::Raw(bytes) => builder.body(bytes.to_vec()),
            Body::Multipart(parts) => {
                let mut form = reqwest::multipart::Form::new();
                for part in parts {
                    form = match &part.content {
                        PartContent::Text(text) => form.text(part.name.clone(), text.clone()),
                        PartContent::File {
                            file_name,
                            content_type,
                            bytes,
                        } => {
                            let file = reqwest::multipart::Part::bytes(bytes.to_vec())
                                .file_name(file_name.clone())
                                .mime_str(content_type)
                                .map_err(|_| format!("bad content type {content_type}"))?;
                            form.part(part.name.clone(), file)
                        }
                    };
                }
                builder.multipart(form)
            }
        })
    }

    fn key_text(&self) -> String {
        sanitize::escape(self.key.to_str().unwrap_or("?"))
    }
}

impl Transport for Client {
    fn pace(&self) -> &Pace {
        &self.pace
    }

    fn shown_request(&self, request: &Request, keys: bool) -> Shown {
        let headers = (self.verbose || keys).then(|| self.shown_headers());
        (self.url_for(&request.path), headers)
    }
}

impl Sender for Client {
    fn send<'a>(
        &'a self,
        op: &'a dyn Exchange,
        user_id: &'a str,
        started: &'a AtomicU32,
        earlier: Earlier,
        gate: Gate<'a>,
    ) -> impl std::future::Future<Output = Option<Report>> + 'a {
        Client::send(self, op, user_id, started, earlier, gate)
    }
}

/// What `-v` says of each attempt, and where.
pub struct Verbose<'a> {
    pub log: &'a Log,
    /// The ID, escaped: every -v line names it (lines of IDs in flight interleave).
    pub id: String,
    pub method: String,
    /// The URL, escaped.
    pub url: String,
    pub key: String,
    /// What the exchange shows of its request besides its line (raw).
    pub request: Vec<String>,
    /// Scrubs the secret from the lines of the exchange.
    pub scrubber: Option<&'a Scrubber>,
}

impl Verbose<'_> {
    /// A line of the request the user gave (headers, body): escaped and
    /// scrubbed, whatever was put in it.
    fn request_line(&self, text: &str) {
        let escaped = sanitize::escape(text);
        let shown = match self.scrubber {
            Some(s) => s.scrub(&escaped),
            None => escaped,
        };
        self.log.line(&format!("{}: > {shown}", self.id));
    }
}

/// The attempts of one request: retrying what the operation says to retry,
/// keeping `started` at the number of attempts begun so far (so a request
/// dropped in flight, by Ctrl-C, can still say how many were made). Each
/// attempt waits for its turn in the run's [`Pace`], and a `Retry-After`
/// pauses the whole run; once the run is stopped no attempt starts: the last
/// failure is the result, or `None` when not a single attempt was made.
pub struct Attempts<'a> {
    pub pace: &'a Pace,
    pub retries: u32,
    pub verbose: Option<&'a Verbose<'a>>,
}

impl Attempts<'_> {
    /// `attempt` makes one exchange: its classification and HTTP status.
    /// `earlier`: whether a run before this one may have carried the request
    /// out; an attempt of this one that may have acted sets it too. `gate`
    /// is asked once, after the first turn of the pace: `false` sends nothing.
    pub async fn run<F, Fut>(
        &self,
        op: &dyn Exchange,
        user_id: &str,
        started: &AtomicU32,
        mut earlier: Earlier,
        gate: Gate<'_>,
        mut attempt: F,
    ) -> Option<Report>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = (Classified, Option<u16>)>,
    {
        let mut attempts = 0;
        let mut not_before = tokio::time::Instant::now();
        let mut last = None;
        loop {
            if !self.pace.turn(not_before).await {
                return last;
            }
            if attempts == 0 && gate.is_some_and(|may_send| !may_send(user_id)) {
                return None;
            }
            attempts += 1;
            started.store(attempts, Ordering::Relaxed);
            // Read the clock for -v's timing only: every clock read is per attempt.
            let began = self.verbose.map(|_| Instant::now());
            if let Some(v) = self.verbose {
                v.log.line(&format!(
                    "{}: > {} {} ({KEY_HEADER}: {}, {SECRET_HEADER}: ***; attempt {attempts}/{})",
                    v.id,
                    v.method,
                    v.url,
                    v.key,
                    self.retries + 1
                ));
                for line in &v.request {
                    v.request_line(line);
                }
            }
            let (classified, status) = attempt().await;
            if let Some(v) = self.verbose {
                let what = match status {
                    Some(s) => format!("HTTP {s}"),
                    None => "no reply".to_string(),
                };
                v.log.line(&format!(
                    "{}: < {what} {} in {} ms (attempt {attempts}/{})",
                    v.id,
                    classified.outcome.message(),
                    began.map_or(0, |b| b.elapsed().as_millis()),
                    self.retries + 1
                ));
                for line in op.shown_reply(&classified.outcome, v.scrubber) {
                    v.log.line(&format!("{}: < {line}", v.id));
                }
            }
            if let Retry::Yes(Some(after)) = classified.retry {
                // One pause for all: the server asked the client, not this one ID, to wait.
                self.pace.pause(after);
            }
            // Anything but a connection refused or not made in time may have reached the server.
            let reached = classified.retry != Retry::Unsent;
            let acted = classified.may_have_acted(status);
            let again = match op.retry(&classified) {
                Retry::Yes(after) => Some(after),
                Retry::Unsent => Some(None),
                Retry::No => None,
            };
            let report = Report {
                user_id: user_id.to_string(),
                outcome: op.settle(classified.outcome, earlier),
                http_status: status,
                attempts,
                reached,
            };
            match again {
                Some(after) if attempts <= self.retries => {
                    let wait = after.unwrap_or_else(|| backoff(attempts - 1));
                    if let Some(v) = self.verbose {
                        v.log
                            .line(&format!("{}: * retrying in {} ms", v.id, wait.as_millis()));
                    }
                    not_before = tokio::time::Instant::now() + wait;
                    last = Some(report);
                }
                _ => return Some(report),
            }
            if acted && earlier == Earlier::Nothing {
                earlier = Earlier::ThisRun;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        for n in 0..20 {
            let b = backoff(n);
            let window = BACKOFF_BASE.saturating_mul(1 << n.min(16)).min(BACKOFF_CAP);
            assert!(b >= window / 2 && b <= window, "{n}: {b:?}");
        }
    }
}
