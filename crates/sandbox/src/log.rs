//! The `--log` file: one JSON line per request. Only a regular file is
//! accepted, so a FIFO, a device or a directory can neither block the sandbox
//! nor swallow its lines; a write that fails is reported, not ignored.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::{LogFailed, StartError};

pub(crate) struct Log {
    path: PathBuf,
    file: Mutex<File>,
    /// The last write failed: the next failure is not reported again.
    failing: AtomicBool,
    on_failure: Option<LogFailed>,
}

impl Log {
    /// Open `path` for appending, creating it, if it is (or will be) a regular file.
    pub(crate) fn open(path: &Path, on_failure: Option<LogFailed>) -> Result<Log, StartError> {
        let refused = |source| StartError::Log {
            path: path.to_path_buf(),
            source,
        };
        let not_regular = |meta: &std::fs::Metadata| {
            let kind = kind_of(meta);
            refused(std::io::Error::other(format!(
                "not a regular file but {kind}"
            )))
        };
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() {
                return Err(not_regular(&meta));
            }
        }
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        // Should a FIFO replace the file after the check, opening it must not
        // wait for a reader: without one, a non-blocking open fails at once.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
        let file = options.open(path).map_err(refused)?;
        let meta = file.metadata().map_err(refused)?;
        if !meta.is_file() {
            return Err(not_regular(&meta));
        }
        Ok(Log {
            path: path.to_path_buf(),
            file: Mutex::new(file),
            failing: AtomicBool::new(false),
            on_failure,
        })
    }

    /// Append one line. A failure is reported once, until a write succeeds again.
    pub(crate) fn write(&self, line: &[u8]) {
        // One write per line: lines from concurrent requests (or from several
        // sandboxes appending to one file) never interleave.
        let written = match self.file.lock() {
            Ok(mut file) => file.write_all(line),
            Err(_) => Err(std::io::Error::other("the log's lock is poisoned")),
        };
        match written {
            Ok(()) => self.failing.store(false, Ordering::Relaxed),
            Err(e) => {
                if !self.failing.swap(true, Ordering::Relaxed) {
                    if let Some(report) = &self.on_failure {
                        report(&self.path, &e);
                    }
                }
            }
        }
    }
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_failed_write_is_reported_once_until_one_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.jsonl");
        let reports: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = reports.clone();
        let report: LogFailed = Arc::new(move |p, e| {
            sink.lock().unwrap().push(format!("{}: {e}", p.display()));
        });
        let log = Log::open(&path, Some(report)).unwrap();
        log.write(b"one\n");
        // A read-only handle in its place: every write fails.
        let good = std::mem::replace(&mut *log.file.lock().unwrap(), File::open(&path).unwrap());
        log.write(b"two\n");
        log.write(b"three\n");
        assert_eq!(
            reports.lock().unwrap().len(),
            1,
            "{:?}",
            reports.lock().unwrap()
        );
        assert!(reports.lock().unwrap()[0].contains("log.jsonl"));
        *log.file.lock().unwrap() = good;
        log.write(b"four\n");
        *log.file.lock().unwrap() = File::open(&path).unwrap();
        log.write(b"five\n");
        assert_eq!(reports.lock().unwrap().len(), 2);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\nfour\n");
    }
}
