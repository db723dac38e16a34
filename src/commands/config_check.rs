//! `biometrid config check`: do these credentials work, and where do they take me?
//!
//! It resolves every setting as any command would, sends one harmless request
//! (the enroll status of `biometrid-config-check-<random hex>`, an ID that cannot
//! exist) and says what it found: the base URL and its source, the key (its first
//! characters and fingerprint), the secret's source, the proxy, TLS or plain HTTP,
//! and the round trip. `USERID_NOT_EXISTS` (or a success) means the key and secret
//! were accepted: exit 0. Anything else exits with the reply's own code and says
//! what to do. It spends one request of the client's quota.

use std::sync::atomic::AtomicU32;
use std::time::Instant;

use biometrid_protocol::ApiMessage;
use serde_json::json;

use crate::cli::GlobalOpts;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::exit::{self, Exit};
use crate::journal::key_fingerprint;
use crate::outcome::{Earlier, Outcome, Report};
use crate::output::{Mode, Printer};
use crate::sanitize::escape;
use crate::settings::{Credentials, Settings};

pub fn run(global: &GlobalOpts, printer: &mut Printer) -> Result<Exit> {
    let (mut settings, credentials) = crate::ops::credentials(global, printer)?;
    // One attempt, whatever the configured retries: the check promises to spend
    // one request of the quota, and a failure is what it is there to report, not
    // to retry until it happens to pass.
    settings.retries.value = 0;
    let mut client = Client::new(&settings, &credentials, 1, global.verbose)?;
    client.set_log(printer.log());
    let id = format!("biometrid-config-check-{:016x}", fastrand::u64(..));
    let op = crate::ops::probe();
    let began = Instant::now();
    let attempts = AtomicU32::new(0);
    let report = crate::ops::runtime()?.block_on(async {
        tokio::select! {
            report = client.send(op, &id, &attempts, Earlier::Nothing, None) => Ok(report),
            signal = crate::signal::stopping() => Err(Error::Stopped(signal)),
        }
    })?;
    let report = report.ok_or_else(|| Error::Internal("config check: no attempt".into()))?;
    let round_trip = began.elapsed();
    let accepted = matches!(
        &report.outcome,
        Outcome::Api(ApiMessage::UserIdNotExists) | Outcome::Answered(_)
    );
    let exit = match accepted {
        true => Exit::Success,
        false => exit::for_outcome(&report.outcome, false),
    };
    let found = Found {
        settings: &settings,
        credentials: &credentials,
        proxy: client.proxy(),
        report: &report,
        round_trip_ms: round_trip.as_millis(),
        exit,
    };
    match printer.mode() {
        Mode::Json => printer.print(&found.json().to_string())?,
        Mode::Human => {
            for line in found.lines() {
                printer.print(&line)?;
            }
        }
        Mode::Quiet => {}
    }
    printer.flush().map_err(|source| Error::Output {
        stream: "stdout",
        source,
    })?;
    if !accepted {
        // Through the Printer, which scrubs the server's text of the secret.
        printer.outcome_error(&report.outcome);
        printer.hint(&what_to_do(&report.outcome, &credentials, global));
    }
    Ok(exit)
}

/// What the check found, for either output.
struct Found<'a> {
    settings: &'a Settings,
    credentials: &'a Credentials,
    proxy: Option<&'a str>,
    report: &'a Report,
    round_trip_ms: u128,
    exit: Exit,
}

impl Found<'_> {
    /// The key's first 4 characters: enough to tell keys apart, not the whole key.
    fn key_start(&self) -> String {
        self.credentials.key.value.chars().take(4).collect()
    }

    fn tls(&self) -> bool {
        self.settings.base_url.value.scheme() == "https"
    }

    fn result(&self) -> String {
        match self.exit {
            Exit::Success => "key and secret accepted".to_string(),
            _ => format!(
                "{} (exit {})",
                self.report.outcome.message(),
                self.exit.code()
            ),
        }
    }

    fn lines(&self) -> Vec<String> {
        let s = self.settings;
        let c = self.credentials;
        let status = self
            .report
            .http_status
            .map(|h| format!(", HTTP {h}"))
            .unwrap_or_default();
        let attempts = match self.report.attempts {
            1 => String::new(),
            n => format!(" over {n} attempts"),
        };
        let rows = [
            (
                "base URL",
                format!(
                    "{}  ({})",
                    escape(s.base_url.value.as_str()),
                    s.base_url.source.label()
                ),
            ),
            (
                "key",
                format!(
                    "{}… fingerprint {}  ({})",
                    escape(&self.key_start()),
                    key_fingerprint(&c.key.value),
                    c.key.source.label()
                ),
            ),
            ("secret", format!("********  ({})", c.secret.source.label())),
            ("proxy", self.proxy.map_or("none".to_string(), escape)),
            (
                "transport",
                match self.tls() {
                    true => "TLS (https)".to_string(),
                    false => "plain HTTP (no TLS)".to_string(),
                },
            ),
            (
                "round trip",
                format!("{} ms{attempts}{status}", self.round_trip_ms),
            ),
            ("result", self.result()),
        ];
        rows.iter()
            .map(|(name, value)| format!("{name:<10}  {value}"))
            .collect()
    }

    fn json(&self) -> serde_json::Value {
        let s = self.settings;
        let c = self.credentials;
        json!({
            "ok": self.exit.is_success(),
            "exit_code": self.exit.code(),
            "message": self.report.outcome.api_message(),
            "http_status": self.report.http_status,
            "attempts": self.report.attempts,
            "base_url": {"value": s.base_url.value.as_str(), "source": s.base_url.source.label()},
            "key": {
                "start": self.key_start(),
                "fingerprint": key_fingerprint(&c.key.value),
                "source": c.key.source.label(),
            },
            "secret": {"source": c.secret.source.label()},
            "proxy": self.proxy,
            "tls": self.tls(),
            "round_trip_ms": self.round_trip_ms,
        })
    }
}

/// What to do about a check that failed, in the operator's terms.
fn what_to_do(outcome: &Outcome, c: &Credentials, global: &GlobalOpts) -> String {
    let origin = c.origin();
    let configure = format!("`{} configure`", global.invocation());
    match outcome {
        Outcome::Api(ApiMessage::InvalidAuthHeaders) => format!(
            "the key and secret were rejected as a pair ({origin}): fix the secret, or run {configure}"
        ),
        Outcome::Api(ApiMessage::ClientNotFound) => format!(
            "no client has this key at this base URL ({origin}): check the key, and that the \
             base URL is the environment the key belongs to"
        ),
        Outcome::Api(ApiMessage::AuthHeadersMissing) => "the server did not see the key and \
             secret headers: a proxy between here and the API may remove them"
            .to_string(),
        Outcome::Api(ApiMessage::RequestLimitReached) => "the key and secret are known, but the \
             client's request quota is used up: wait for it to be renewed or raised"
            .to_string(),
        Outcome::Api(ApiMessage::ProblemOccurred) => {
            "the API reports a problem on its side: try again later".to_string()
        }
        Outcome::Network(_) | Outcome::Timeout(_) => "check the base URL, the network and any \
             proxy or firewall between here and the API"
            .to_string(),
        _ => "the reply is not the BiometrID API's: check that the base URL points at the API"
            .to_string(),
    }
}
