//! One module per command. Each takes the parsed options and the printer and
//! returns the exit code, or an error for `exit::for_error` to map.

pub mod companion;
pub mod completions;
pub mod config;
pub mod configure;
pub mod restart_state;
pub mod sandbox;

/// The one async runtime a command runs on: a single thread (the work is
/// I/O-bound, and this starts fastest).
fn runtime() -> crate::error::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| crate::error::Error::Internal(format!("cannot start the async runtime: {e}")))
}
