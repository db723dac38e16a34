//! The typed error for everything that fails before or instead of a request.
//! `exit::for_error` turns it into the process exit code; nothing matches on message text.

use crate::signal::Signal;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flag, argument or USER_ID given on the command line.
    #[error("{0}")]
    Usage(String),
    /// Unreadable or invalid config file, unknown profile, bad base URL, bad setting value.
    #[error("{message}")]
    Config {
        message: String,
        hint: Option<String>,
    },
    /// No client key or secret from any source.
    #[error("no client {what} found")]
    MissingCredential { what: &'static str, hint: String },
    /// Local I/O that is not configuration (stdin, output files).
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// stdout or stderr could not be written (a closed pipe included: see `exit::for_error`).
    #[error("cannot write to {stream}: {}", plain_reason(source))]
    Output {
        stream: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// A signal stopped the command, which has already said so: only the exit
    /// code (128 + the signal) is left to give.
    #[error("stopped by {}", .0.name())]
    Stopped(Signal),
    /// A broken invariant: a bug.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
            hint: None,
        }
    }

    pub fn config_with_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Config { hint, .. } => hint.as_deref(),
            Error::MissingCredential { hint, .. } => Some(hint),
            _ => None,
        }
    }
}

/// An I/O error's text without the "(os error N)" tail: "No space left on device".
fn plain_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(n) => text
            .strip_suffix(&format!(" (os error {n})"))
            .map(str::to_string)
            .unwrap_or(text),
        None => text,
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
