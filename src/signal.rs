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

/// The signals that stop a batch.
pub const STOPPING: [Signal; 3] = [Signal::Interrupt, Signal::Terminate, Signal::Hangup];

/// Completes with the first of SIGINT, SIGTERM or SIGHUP. Must be called inside the runtime.
/// A handler that cannot be installed leaves that signal's default action in place.
pub fn stopping() -> impl Future<Output = Signal> {
    let mut listener = Listener::new(&STOPPING);
    async move { listener.next().await }
}

/// Handlers for some signals, installed when this is created; [`Listener::next`]
/// says which arrived, as often as asked. The one place the process listens to signals.
pub struct Listener {
    #[cfg(unix)]
    streams: Vec<(Signal, tokio::signal::unix::Signal)>,
}

impl Listener {
    /// Listen to `which`. Must be called inside the runtime. A handler that cannot
    /// be installed leaves that signal's default action in place.
    pub fn new(which: &[Signal]) -> Listener {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kind = |s: Signal| match s {
                Signal::Interrupt => SignalKind::interrupt(),
                Signal::Terminate => SignalKind::terminate(),
                Signal::Hangup => SignalKind::hangup(),
            };
            let streams = which
                .iter()
                .filter_map(|s| Some((*s, signal(kind(*s)).ok()?)))
                .collect();
            Listener { streams }
        }
        #[cfg(not(unix))]
        {
            let _ = which;
            Listener {}
        }
    }

    /// The next signal to arrive (SIGINT as Ctrl-C where there are no Unix signals).
    pub async fn next(&mut self) -> Signal {
        #[cfg(unix)]
        {
            if self.streams.is_empty() {
                return std::future::pending().await;
            }
            let waits = self.streams.iter_mut().map(|(s, stream)| {
                Box::pin(async move {
                    stream.recv().await;
                    *s
                })
            });
            futures_util::future::select_all(waits).await.0
        }
        #[cfg(not(unix))]
        {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
            Signal::Interrupt
        }
    }
}
