//! `--journal FILE` and `--resume`: a durable record of a run, one JSON line per
//! finished ID after a header line naming the command, the base URL and a
//! fingerprint of the client key (never the key or the secret).
//!
//! Each line is appended with one `write` as its ID finishes; a thread syncs the
//! file (fdatasync) at most a second after a write, and [`Journal::finish`] syncs
//! it at the end of every run, however it stopped. Reading streams the file line
//! by line (each line capped at [`LINE_CAP`], the file itself has no cap), so a
//! journal of a million IDs is read in about a second in flat memory.

use std::collections::hash_map::DefaultHasher;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::error::{Error, Result};
use crate::sanitize::{display_path, io_reason};

/// A journal line is at most this long; a longer one is not a journal's.
pub const LINE_CAP: u64 = 64 * 1024;
/// Written data reaches the disk at most this long after it was written.
const SYNC_EVERY: Duration = Duration::from_secs(1);
/// The header's format version.
const VERSION: u32 = 1;

/// The first line of a journal: what run it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub journal: u32,
    pub command: String,
    pub base_url: String,
    /// The first 16 hex digits of the SHA-256 of the client key.
    pub key_fingerprint: String,
}

impl Header {
    pub fn new(command: &str, base_url: &str, key: &str) -> Header {
        let digest = sha2::Sha256::digest(key.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        Header {
            journal: VERSION,
            command: command.to_string(),
            base_url: base_url.to_string(),
            key_fingerprint: hex,
        }
    }

    /// What differs between the journal's header and this run's, in words.
    fn difference(&self, run: &Header) -> Option<String> {
        if self.command != run.command {
            Some(format!(
                "it was written by `{}`, not `{}`",
                crate::sanitize::escape(&self.command),
                run.command
            ))
        } else if self.base_url != run.base_url {
            Some(format!(
                "it was written for the base URL {}, not {}",
                crate::sanitize::escape(&self.base_url),
                run.base_url
            ))
        } else if self.key_fingerprint != run.key_fingerprint || self.journal != run.journal {
            Some("it was written with another client key".to_string())
        } else {
            None
        }
    }
}

/// The fields of a recorded line that resuming needs.
#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    user_id: std::borrow::Cow<'a, str>,
    ok: bool,
}

/// (hash of an ID, offset of its line) for each recorded success.
type Entries = Vec<(u64, u64)>;

/// The IDs a journal records as done. Memory: a 64-bit hash and the line's
/// offset per ID (16 bytes: 16 MB for a million IDs), where a set of the IDs
/// themselves would take ~70 MB. A hash alone could (very rarely) call an ID
/// done that is not: every match is confirmed by reading its recorded line
/// back, so "already done" is always exact.
pub struct Done {
    /// (hash of the ID, offset of its line), sorted.
    entries: Entries,
    file: File,
}

impl Done {
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The recorded JSON object of `id` if the journal records it as a success.
    pub fn lookup(&self, id: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
        let h = hash(id);
        let start = self.entries.partition_point(|(k, _)| *k < h);
        self.entries[start..]
            .iter()
            .take_while(|(k, _)| *k == h)
            .find_map(|(_, offset)| {
                let line = self.line_at(*offset).ok()?;
                let object: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_slice(&line).ok()?;
                (object.get("user_id").and_then(|v| v.as_str()) == Some(id)).then_some(object)
            })
    }

    fn line_at(&self, offset: u64) -> io::Result<Vec<u8>> {
        let mut file = &self.file;
        file.seek(SeekFrom::Start(offset))?;
        let mut line = Vec::new();
        BufReader::with_capacity(4096, file.take(LINE_CAP)).read_until(b'\n', &mut line)?;
        Ok(line)
    }
}

fn hash(id: &str) -> u64 {
    // SipHash with fixed keys: the hashes live only as long as this process.
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// An open journal, appended to as IDs finish.
pub struct Journal {
    path: PathBuf,
    file: Arc<File>,
    dirty: Arc<AtomicBool>,
    sync_failed: Arc<AtomicBool>,
    syncer: Option<(mpsc::Sender<()>, std::thread::JoinHandle<()>)>,
}

/// The error of a journal that cannot be used.
fn refused(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::config(format!("journal {}: {why}", display_path(path)))
}

impl Journal {
    /// Open (or create, mode 0600) the journal at `path` for this run: a new or
    /// empty file gets the header; an existing one must be this run's (command,
    /// base URL, key). A torn last line is cut off. With `resume`, also returns
    /// the IDs it records as done.
    pub fn open(path: &Path, header: &Header, resume: bool) -> Result<(Journal, Option<Done>)> {
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() {
                return Err(refused(path, "not a regular file"));
            }
        }
        let mut options = std::fs::OpenOptions::new();
        options.read(true).append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options
            .open(path)
            .map_err(|e| refused(path, io_reason(&e)))?;
        // The check above may race with a rename: the opened file decides.
        if !file.metadata().map(|m| m.is_file()).unwrap_or(false) {
            return Err(refused(path, "not a regular file"));
        }
        let reader = File::open(path).map_err(|e| refused(path, io_reason(&e)))?;
        let (kept, entries) = read(path, &reader, header, resume)?;
        let write_failed = |e: io::Error| Error::Output {
            stream: "the journal",
            source: e,
        };
        let len = file.metadata().map_err(write_failed)?.len();
        if kept < len {
            // A torn last line (a crash mid-write): cut it before anything is appended.
            file.set_len(kept).map_err(write_failed)?;
        }
        if kept == 0 {
            let mut line = serde_json::to_vec(header)
                .map_err(io::Error::other)
                .map_err(write_failed)?;
            line.push(b'\n');
            // Synced with the first records (by the sync thread or at the end), not
            // on its own: a sync costs milliseconds, and a header alone records nothing.
            (&file).write_all(&line).map_err(write_failed)?;
        }
        let done = entries.map(|mut entries| {
            entries.sort_unstable();
            entries.dedup_by_key(|e| *e);
            entries.shrink_to_fit();
            Done {
                entries,
                file: reader,
            }
        });
        let journal = Journal::start(path, file);
        journal.dirty.store(kept == 0, Ordering::Release);
        Ok((journal, done))
    }

    fn start(path: &Path, file: File) -> Journal {
        let file = Arc::new(file);
        let dirty = Arc::new(AtomicBool::new(false));
        let sync_failed = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel::<()>();
        let (f, d, failed) = (file.clone(), dirty.clone(), sync_failed.clone());
        let thread = std::thread::spawn(move || {
            while let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(SYNC_EVERY) {
                if d.swap(false, Ordering::AcqRel) && f.sync_data().is_err() {
                    failed.store(true, Ordering::Release);
                }
            }
        });
        Journal {
            path: path.to_path_buf(),
            file,
            dirty,
            sync_failed,
            syncer: Some((tx, thread)),
        }
    }

    /// Append one finished ID's JSON line with a single write.
    pub fn record(&self, mut line: String) -> io::Result<()> {
        if self.sync_failed.load(Ordering::Acquire) {
            return Err(io::Error::other("syncing it to disk failed"));
        }
        line.push('\n');
        (&*self.file).write_all(line.as_bytes())?;
        self.dirty.store(true, Ordering::Release);
        Ok(())
    }

    /// Stop the sync thread and sync what is left: every run ends here.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some((tx, thread)) = self.syncer.take() {
            drop(tx);
            let _ = thread.join();
        }
        if self.sync_failed.load(Ordering::Acquire) {
            return Err(io::Error::other("syncing it to disk failed"));
        }
        self.file.sync_data()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Read the journal: check its header, collect the successes (with `resume`),
/// and return how many bytes of it are whole lines.
fn read(path: &Path, file: &File, header: &Header, resume: bool) -> Result<(u64, Option<Entries>)> {
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let mut entries = resume.then(Vec::new);
    let mut offset = 0u64;
    let mut line = Vec::new();
    for number in 1u64.. {
        line.clear();
        let n = (&mut reader)
            .take(LINE_CAP + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| refused(path, io_reason(&e)))? as u64;
        if n == 0 {
            break;
        }
        if line.last() != Some(&b'\n') {
            if n > LINE_CAP {
                return Err(refused(
                    path,
                    format!("line {number} is longer than {} KiB", LINE_CAP / 1024),
                ));
            }
            // The last line, torn by a crash mid-write: ignored, and cut off by the caller.
            break;
        }
        if number == 1 {
            let found: Header = serde_json::from_slice(&line)
                .map_err(|_| refused(path, "line 1 is not a biometrid journal header"))?;
            if let Some(why) = found.difference(header) {
                return Err(Error::config_with_hint(
                    format!(
                        "journal {} does not belong to this run: {why}",
                        display_path(path)
                    ),
                    "use another --journal file for this run",
                ));
            }
        } else {
            let entry: Entry = serde_json::from_slice(&line)
                .map_err(|_| refused(path, format!("line {number} is not a journal record")))?;
            if let (Some(entries), true) = (entries.as_mut(), entry.ok) {
                entries.push((hash(&entry.user_id), offset));
            }
        }
        offset += n;
    }
    Ok((offset, entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_never_holds_the_key() {
        let h = Header::new("restart-state", "http://127.0.0.1:1/", "my-client-key");
        assert_eq!(h.key_fingerprint.len(), 16);
        assert!(!serde_json::to_string(&h).unwrap().contains("my-client-key"));
        let other = Header::new("restart-state", "http://127.0.0.1:1/", "other");
        assert!(h.difference(&other).unwrap().contains("client key"));
    }

    #[test]
    fn resume_finds_recorded_successes_and_repairs_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let header = Header::new("restart-state", "http://x/", "k");
        let (j, _) = Journal::open(&path, &header, false).unwrap();
        j.record(r#"{"user_id":"a","ok":true,"attempts":1}"#.into())
            .unwrap();
        j.record(r#"{"user_id":"b","ok":false,"attempts":3}"#.into())
            .unwrap();
        j.finish().unwrap();
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(br#"{"user_id":"c","o"#).unwrap();
        let (j, done) = Journal::open(&path, &header, true).unwrap();
        j.finish().unwrap();
        let done = done.unwrap();
        assert_eq!(done.len(), 1);
        assert_eq!(done.lookup("a").unwrap()["attempts"], 1);
        assert!(done.lookup("b").is_none() && done.lookup("c").is_none());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("\"attempts\":3}\n"), "{text}");
    }
}
