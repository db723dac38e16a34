//! `--journal FILE` and `--resume`: a durable record of a run, one JSON line per
//! finished ID after a header line naming the command, the base URL and a
//! fingerprint of the client key (never the key or the secret).
//!
//! Each line is appended with one `write` as its ID finishes; a thread syncs the
//! file (fdatasync) at most a second after a write, and [`Journal::finish`] syncs
//! it at the end of every run, however it stopped. Reading streams the file line
//! by line (each line capped at [`LINE_CAP`], the file itself has no cap), so a
//! journal of a million IDs is read in about a second in flat memory.
//!
//! A journal is never anything else: a file that does not begin with a whole
//! header line is refused before a byte of it is changed, and a run holds an
//! exclusive lock on its journal from before it reads it until it ends, so two
//! runs can never cut each other's lines.

use std::collections::HashSet;
use std::collections::hash_map::DefaultHasher;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::error::{Error, Result};
use crate::sanitize::{escaped_path, io_reason};

/// A journal line is at most this long; a longer one is not a journal's. The
/// writer refuses to write a longer one, so every record can be read back: the
/// largest record (an enroll-status reply at the 1 MiB body cap, its strings
/// escaped) is a few MiB.
pub const LINE_CAP: u64 = 16 * 1024 * 1024;
/// A header line is at most this long (it holds a base URL).
const HEADER_CAP: u64 = 64 * 1024;
/// Written data reaches the disk at most this long after it was written.
const SYNC_EVERY: Duration = Duration::from_secs(1);
/// The header's format version.
const VERSION: u32 = 1;

/// The fingerprint of a client key (the journal's header, `config check`): the
/// first 16 hex digits of its SHA-256, which tells keys apart and never shows one.
pub fn key_fingerprint(key: &str) -> String {
    fingerprint(key.as_bytes())
}

/// The first line of a journal: what run it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub journal: u32,
    pub command: String,
    /// `api`: the request the run sends, which is as much its command as the
    /// word `api`. Absent for every other command (their headers are as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestKey>,
    pub base_url: String,
    /// The first 16 hex digits of the SHA-256 of the client key.
    pub key_fingerprint: String,
    /// `--ignore-missing`: it decides whether USERID_NOT_EXISTS was recorded as done.
    #[serde(default)]
    pub ignore_missing: bool,
}

/// What a journal of `api` records of its request: a recorded success is
/// that request's, so a run that sends another may not resume from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestKey {
    pub method: String,
    /// The PATH as given, `{id}` in it.
    pub path: String,
    /// A fingerprint of the body (-F, -f, --input); absent without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl RequestKey {
    /// `METHOD PATH` as the user typed it, escaped.
    fn shown(&self) -> String {
        crate::sanitize::escape(&format!("{} {}", self.method, self.path))
    }
}

/// The fingerprint of some bytes (an `api` body): the first 16 hex digits of
/// their SHA-256, which tells bodies apart without holding them.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = sha2::Sha256::digest(bytes);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

impl Header {
    pub fn new(
        command: &str,
        request: Option<RequestKey>,
        base_url: &str,
        key: &str,
        ignore_missing: bool,
    ) -> Header {
        Header {
            journal: VERSION,
            command: command.to_string(),
            request,
            base_url: base_url.to_string(),
            key_fingerprint: key_fingerprint(key),
            ignore_missing,
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
        } else if let Some(why) = request_difference(self.request.as_ref(), run.request.as_ref()) {
            Some(why)
        } else if self.base_url != run.base_url {
            Some(format!(
                "it was written for the base URL {}, not {}",
                crate::sanitize::shown_url(&self.base_url),
                crate::sanitize::shown_url(&run.base_url)
            ))
        } else if self.key_fingerprint != run.key_fingerprint {
            Some("it was written with another client key".to_string())
        } else if self.journal != run.journal {
            Some(format!(
                "it is in journal format {}, this version writes {}",
                self.journal, run.journal
            ))
        } else if self.ignore_missing != run.ignore_missing {
            let with = |on: bool| if on { "with" } else { "without" };
            Some(format!(
                "it was written {} --ignore-missing and this run is {} it \
                 (it decides whether USERID_NOT_EXISTS counts as done)",
                with(self.ignore_missing),
                with(run.ignore_missing)
            ))
        } else {
            None
        }
    }
}

/// What differs between the request a journal of `api` was written for and
/// this run's, in words (the journal's side escaped: it is read from a file).
fn request_difference(journal: Option<&RequestKey>, run: Option<&RequestKey>) -> Option<String> {
    match (journal, run) {
        (None, None) => None,
        (Some(j), Some(r)) if j.method != r.method || j.path != r.path => Some(format!(
            "it was written by `api {}`, not `api {}` (a recorded success is that request's)",
            j.shown(),
            r.shown()
        )),
        (Some(j), Some(r)) if j.body != r.body => Some(format!(
            "it was written by `api {}` {} (a recorded success is that body's)",
            j.shown(),
            match (&j.body, &r.body) {
                (Some(_), Some(_)) => "with another body (-F, -f, --input) than this run's",
                (Some(_), None) => "with a body (-F, -f, --input), and this run sends none",
                _ => "without a body, and this run sends one (-F, -f, --input)",
            }
        )),
        (Some(_), Some(_)) => None,
        (None, Some(r)) => Some(format!(
            "it does not record the request it was written for (an older biometrid wrote \
             it), so it cannot tell whether its successes are `api {}`'s",
            r.shown()
        )),
        (Some(j), None) => Some(format!("it was written by `api {}`", j.shown())),
    }
}

/// A recorded line: the common fields every record has (`message` and
/// `http_status` may be null, never absent); resuming needs `user_id` and `ok`.
#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    user_id: std::borrow::Cow<'a, str>,
    ok: bool,
    #[serde(rename = "message", deserialize_with = "present")]
    _message: Option<serde::de::IgnoredAny>,
    #[serde(rename = "http_status", deserialize_with = "present")]
    _http_status: Option<u16>,
    #[serde(rename = "exit_code")]
    _exit_code: u8,
}

/// The line a destructive request gets before it is sent: `{"sent":"<id>"}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sent<'a> {
    #[serde(borrow)]
    sent: std::borrow::Cow<'a, str>,
}

/// What reading a journal found.
#[derive(Default)]
struct Found {
    /// Bytes of whole lines.
    kept: u64,
    successes: Entries,
    sent_unfinished: HashSet<String>,
}

/// A field that may be null but must be there: with `deserialize_with`, serde
/// reports a missing field instead of taking it for null.
fn present<'de, D, T>(d: D) -> std::result::Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::deserialize(d)
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
    /// IDs of a destructive operation recorded as sent and never as finished: an
    /// earlier run may have carried their request out (at most the requests it
    /// had in flight when it was killed, so this stays small).
    sent_unfinished: HashSet<String>,
}

impl Done {
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether an earlier run sent `id`'s (destructive) request and never
    /// recorded how it ended.
    pub fn sent_unfinished(&self, id: &str) -> bool {
        self.sent_unfinished.contains(id)
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
    /// Taken by [`Journal::finish`], which the runner calls through a shared
    /// reference (requests in flight write "sent" lines through another).
    syncer: Mutex<Option<(mpsc::Sender<()>, std::thread::JoinHandle<()>)>>,
}

/// The error of a journal that cannot be used.
fn refused(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::config(format!("journal {}: {why}", escaped_path(path)))
}

impl Journal {
    /// Open (or create, mode 0600) the journal at `path` for this run, locked
    /// until the run ends. A new or empty file gets the header. An existing one
    /// must begin with a header, and is continued only with `resume` and only if
    /// it is this run's (command, base URL, key, --ignore-missing); then its torn
    /// last line is cut off and the IDs it records as done are returned. Any
    /// refusal leaves the file as it was, byte for byte.
    pub fn open(path: &Path, header: &Header, resume: bool) -> Result<(Journal, Option<Done>)> {
        let file = open_locked(path)?;
        let write_failed = |e: io::Error| Error::Output {
            stream: "the journal",
            source: e,
        };
        // The writer's offset never matters (appends go to the end): one open file
        // serves the reading too, so both are the file that was locked.
        let reader = file.try_clone().map_err(|e| refused(path, io_reason(&e)))?;
        let len = file
            .metadata()
            .map_err(|e| refused(path, io_reason(&e)))?
            .len();
        let found = if len == 0 {
            Found::default()
        } else {
            let found = read_header(path, &reader)?;
            if !resume {
                return Err(Error::config_with_hint(
                    format!(
                        "journal {} already holds a run's records",
                        escaped_path(path)
                    ),
                    "pass --resume to continue it, or choose another --journal file",
                ));
            }
            read(path, &reader, header, found)?
        };
        let kept = found.kept;
        make_private(&file).map_err(|e| refused(path, io_reason(&e)))?;
        if kept < len {
            // A torn last line (a crash mid-write): cut it before anything is appended.
            file.set_len(kept).map_err(write_failed)?;
        }
        if kept == 0 {
            // The tool's one JSON writer, as for every record after it.
            let mut line = crate::json::line(header)
                .map_err(write_failed)?
                .into_bytes();
            line.push(b'\n');
            if line.len() as u64 > HEADER_CAP {
                // Never written: a header the reader refuses would make the journal unresumable.
                return Err(refused(
                    path,
                    format!(
                        "its header would be over {} KiB (the PATH is too long to record)",
                        HEADER_CAP >> 10
                    ),
                ));
            }
            // Synced with the first records (by the sync thread or at the end), not
            // on its own: a sync costs milliseconds, and a header alone records nothing.
            (&file).write_all(&line).map_err(write_failed)?;
        }
        let done = resume.then(|| {
            let mut entries = found.successes;
            entries.sort_unstable();
            entries.dedup_by_key(|e| *e);
            entries.shrink_to_fit();
            Done {
                entries,
                file: reader,
                sent_unfinished: found.sent_unfinished,
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
            syncer: Mutex::new(Some((tx, thread))),
        }
    }

    /// Append one finished ID's JSON line with a single write.
    pub fn record(&self, mut line: String) -> io::Result<()> {
        if self.sync_failed.load(Ordering::Acquire) {
            return Err(io::Error::other("syncing it to disk failed"));
        }
        if line.len() as u64 >= LINE_CAP {
            // Never written: a line the reader refuses would make the journal unresumable.
            return Err(io::Error::other(format!(
                "a record of {} bytes is over the journal's line limit of {} MiB",
                line.len(),
                LINE_CAP >> 20
            )));
        }
        line.push('\n');
        (&*self.file).write_all(line.as_bytes())?;
        self.dirty.store(true, Ordering::Release);
        Ok(())
    }

    /// Record that `id`'s destructive request is about to be sent, so that a run
    /// killed before its outcome is recorded leaves a trace for `--resume`.
    pub fn sent(&self, id: &str) -> io::Result<()> {
        let line = crate::json::line(&Sent { sent: id.into() })?;
        self.record(line)
    }

    /// Stop the sync thread and sync what is left: every run ends here.
    pub fn finish(&self) -> io::Result<()> {
        let syncer = self
            .syncer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some((tx, thread)) = syncer {
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

/// Open (or create) the journal file and take its exclusive lock, without
/// changing a byte of it.
fn open_locked(path: &Path) -> Result<File> {
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
    // Named in full: std's own `File::try_lock` is newer than our minimum Rust.
    match fs4::FileExt::try_lock(&file) {
        Ok(()) => Ok(file),
        Err(fs4::TryLockError::WouldBlock) => Err(Error::config_with_hint(
            format!(
                "journal {} is in use by another biometrid run",
                escaped_path(path)
            ),
            "wait for that run to end, or choose another --journal file",
        )),
        Err(fs4::TryLockError::Error(e)) => {
            Err(refused(path, format!("cannot lock it: {}", io_reason(&e))))
        }
    }
}

/// Remove the group and other bits of an existing journal (the file is ours:
/// the lock is held; `fchmod` on the open file, never on a path).
#[cfg(unix)]
fn make_private(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = file.metadata()?.permissions().mode();
    if mode & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(mode & 0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(_file: &File) -> io::Result<()> {
    Ok(())
}

/// The header of a non-empty file, which must be its whole first line: anything
/// else (a file of IDs, a secret, a line without its newline) is not a journal.
fn read_header(path: &Path, file: &File) -> Result<Header> {
    let not_a_journal = || {
        Error::config_with_hint(
            format!(
                "{} is not a biometrid journal: it does not begin with a journal header line; \
                 it was left as it is",
                escaped_path(path)
            ),
            "choose another --journal file (a new file, or a journal an earlier run wrote)",
        )
    };
    let mut line = Vec::new();
    let mut head = file;
    head.seek(SeekFrom::Start(0))
        .map_err(|e| refused(path, io_reason(&e)))?;
    BufReader::with_capacity(4096, head.take(HEADER_CAP))
        .read_until(b'\n', &mut line)
        .map_err(|e| refused(path, io_reason(&e)))?;
    if line.last() != Some(&b'\n') {
        return Err(not_a_journal());
    }
    serde_json::from_slice(&line).map_err(|_| not_a_journal())
}

/// Read the journal from its start: check its header `found` against this run's,
/// collect its successes, and return how many bytes of it are whole lines.
fn read(path: &Path, file: &File, header: &Header, found: Header) -> Result<Found> {
    if let Some(why) = found.difference(header) {
        return Err(Error::config_with_hint(
            format!(
                "journal {} does not belong to this run: {why}",
                escaped_path(path)
            ),
            "use another --journal file for this run",
        ));
    }
    let mut start = file;
    start
        .seek(SeekFrom::Start(0))
        .map_err(|e| refused(path, io_reason(&e)))?;
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let mut out = Found::default();
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
                    format!("line {number} is longer than {} MiB", LINE_CAP >> 20),
                ));
            }
            // The last line, torn by a crash mid-write: ignored, and cut off by the caller.
            break;
        }
        if number > 1 {
            read_line(&line, offset, &mut out).map_err(|()| {
                refused(
                    path,
                    format!(
                        "line {number} is not a journal record (a JSON object with \
                         user_id, ok, message, http_status and exit_code)"
                    ),
                )
            })?;
        }
        offset += n;
    }
    out.kept = offset;
    Ok(out)
}

/// One line after the header, at `offset`: a record or a "sent" line.
fn read_line(line: &[u8], offset: u64, out: &mut Found) -> std::result::Result<(), ()> {
    if line.starts_with(br#"{"sent":"#) {
        let sent: Sent = serde_json::from_slice(line).map_err(|_| ())?;
        out.sent_unfinished.insert(sent.sent.into_owned());
        return Ok(());
    }
    let entry: Entry = serde_json::from_slice(line).map_err(|_| ())?;
    if !out.sent_unfinished.is_empty() {
        out.sent_unfinished.remove(&*entry.user_id);
    }
    if entry.ok {
        out.successes.push((hash(&entry.user_id), offset));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run's end: synced, then closed, which lets the lock go for the next open.
    fn end(j: Journal) {
        j.finish().unwrap();
    }

    #[test]
    fn the_fingerprint_never_holds_the_key() {
        let h = Header::new(
            "restart-state",
            None,
            "http://127.0.0.1:1/",
            "my-client-key",
            false,
        );
        assert_eq!(h.key_fingerprint.len(), 16);
        assert!(!serde_json::to_string(&h).unwrap().contains("my-client-key"));
        let other = Header::new("restart-state", None, "http://127.0.0.1:1/", "other", false);
        assert!(h.difference(&other).unwrap().contains("client key"));
    }

    #[test]
    fn a_sent_line_without_a_later_record_is_sent_unfinished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let header = Header::new("delete-user", None, "http://x/", "k", false);
        let (j, _) = Journal::open(&path, &header, false).unwrap();
        for id in ["a", "b\"q"] {
            j.sent(id).unwrap();
        }
        j.record(
            r#"{"user_id":"a","ok":false,"message":"TIMEOUT","http_status":null,"exit_code":11}"#
                .into(),
        )
        .unwrap();
        end(j);
        let (j, done) = Journal::open(&path, &header, true).unwrap();
        end(j);
        let done = done.unwrap();
        assert!(!done.sent_unfinished("a"), "its outcome was recorded");
        assert!(done.sent_unfinished("b\"q"));
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(b"{\"sent\":5}\n").unwrap();
        assert!(Journal::open(&path, &header, true).is_err());
    }

    #[test]
    fn resume_finds_recorded_successes_and_repairs_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let header = Header::new("restart-state", None, "http://x/", "k", false);
        let (j, _) = Journal::open(&path, &header, false).unwrap();
        let rec = |id: &str, ok: bool, attempts: u32| {
            format!(
                r#"{{"user_id":"{id}","ok":{ok},"message":null,"http_status":null,"exit_code":0,"attempts":{attempts}}}"#
            )
        };
        j.record(rec("a", true, 1)).unwrap();
        j.record(rec("b", false, 3)).unwrap();
        end(j);
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(br#"{"user_id":"c","o"#).unwrap();
        let (j, done) = Journal::open(&path, &header, true).unwrap();
        end(j);
        let done = done.unwrap();
        assert_eq!(done.len(), 1);
        assert_eq!(done.lookup("a").unwrap()["attempts"], 1);
        assert!(done.lookup("b").is_none() && done.lookup("c").is_none());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("\"attempts\":3}\n"), "{text}");
    }
}
