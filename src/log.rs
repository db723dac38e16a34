//! The `-v` log: stderr lines written from outside the printer (the client's
//! request lines), through a handle the printer hands out.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A stream the output goes to: the real stdout or stderr, or a buffer in a test.
pub type Writer = Box<dyn Write + Send>;

/// stderr, shared by the printer and every [`Log`] handle: a line is written whole.
#[derive(Clone)]
pub struct ErrStream(Arc<Mutex<Writer>>);

impl ErrStream {
    pub fn new(writer: Writer) -> ErrStream {
        ErrStream(Arc::new(Mutex::new(writer)))
    }

    fn line(&self, text: &str) -> io::Result<()> {
        let mut err = self.0.lock().unwrap_or_else(|p| p.into_inner());
        writeln!(err, "{text}")
    }
}

/// The process's stderr.
impl Default for ErrStream {
    fn default() -> Self {
        ErrStream::new(Box::new(io::stderr()))
    }
}

/// A cloneable handle for stderr lines written outside the printer (the client's
/// `-v` lines): like the printer's own lines they lift the progress bar, so they
/// never tear it, and a failed write is remembered (exit 14).
#[derive(Clone, Default)]
pub struct Log {
    pub(crate) bar: Option<indicatif::ProgressBar>,
    pub(crate) failed: Arc<AtomicBool>,
    pub(crate) err: ErrStream,
}

impl Log {
    /// One line on stderr. A failure cannot be reported there, only remembered.
    pub fn line(&self, text: &str) {
        let write = || self.err.line(text);
        let written = match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        };
        if written.is_err() {
            self.failed.store(true, Ordering::Relaxed);
        }
    }
}
