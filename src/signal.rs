//! The signals that stop a batch (SIGINT, SIGTERM, SIGHUP) as one future that
//! says which arrived. Every handler is registered when the future is created
//! (not when first polled), so a signal that arrives before the first await is not lost.

use std::future::Future;

/// A signal that ends a run the way Ctrl-C does: results so far are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    /// SIGINT (Ctrl-C).
    Interrupt,
    /// SIGTERM (`kill`, `timeout`, CI cancellation, container runtimes).
    Terminate,
    /// SIGHUP (the terminal went away).
    Hangup,
}

impl Signal {
    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "SIGINT",
            Signal::Terminate => "SIGTERM",
            Signal::Hangup => "SIGHUP",
        }
    }
}

/// Completes with the first of SIGINT, SIGTERM or SIGHUP. Must be called inside the runtime.
/// A handler that cannot be installed leaves that signal's default action in place.
pub fn stopping() -> impl Future<Output = Signal> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut int = signal(SignalKind::interrupt()).ok();
        let mut term = signal(SignalKind::terminate()).ok();
        let mut hup = signal(SignalKind::hangup()).ok();
        async move {
            // A listener that could not be installed never fires.
            async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
                match s {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            tokio::select! {
                _ = recv(&mut int) => Signal::Interrupt,
                _ = recv(&mut term) => Signal::Terminate,
                _ = recv(&mut hup) => Signal::Hangup,
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
            Signal::Interrupt
        }
    }
}
