//! The `-v` log: stderr lines written from outside the printer (the client's
//! request lines), through a handle the printer hands out.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A cloneable handle for stderr lines written outside the printer (the client's
/// `-v` lines): like the printer's own lines they lift the progress bar, so they
/// never tear it, and a failed write is remembered (exit 14).
#[derive(Clone, Default)]
pub struct Log {
    pub(crate) bar: Option<indicatif::ProgressBar>,
    pub(crate) failed: Arc<AtomicBool>,
}

impl Log {
    /// One line on stderr. A failure cannot be reported there, only remembered.
    pub fn line(&self, text: &str) {
        let write = || writeln!(io::stderr().lock(), "{text}");
        let written = match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        };
        if written.is_err() {
            self.failed.store(true, Ordering::Relaxed);
        }
    }
}
