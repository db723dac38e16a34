//! Ctrl-C as a future, registered when created (not when first polled), so a
//! signal that arrives before the first await is not lost.

use std::future::Future;

/// Completes on the first SIGINT (Ctrl-C). Must be called inside the runtime.
pub fn interrupted() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        let listener = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt());
        async move {
            match listener {
                Ok(mut sig) => {
                    sig.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}
