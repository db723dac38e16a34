//! Where USER_IDs come from: arguments, stdin (`-`) and `--from-file`, read on a
//! thread of their own and streamed through a bounded channel, so a million IDs
//! are never held in memory and a slow pipe never stalls the requests.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use tokio::sync::mpsc;

use crate::error::{Error, Result};
use crate::sanitize::{display_path, escaped_path, io_reason};
use crate::user_id;

/// A line longer than this is invalid; the rest of it is skipped, never stored.
const MAX_LINE: usize = 4096;
/// A "line" longer than this is not a line of IDs (`/dev/zero`, a binary file):
/// reading stops there with an error instead of consuming an endless input.
const MAX_RUN: usize = 1024 * 1024;
/// The UTF-8 byte order mark an editor may put at the start of a file.
const BOM: &[u8] = b"\xef\xbb\xbf";
/// IDs per hand-off from the reader thread, and hand-offs that may wait:
/// at most CHUNK * CHANNEL IDs are read ahead of the requests.
const CHUNK: usize = 128;
const CHANNEL: usize = 4;

/// One source of IDs, in command-line order.
pub enum Source {
    /// An ID given as an argument (already validated).
    Arg(String),
    Stdin,
    File(PathBuf, File),
}

/// One USER_ID for the command to act on, or a line that cannot be one.
#[derive(Debug)]
pub enum Item {
    Id(String),
    Invalid {
        raw: String,
        reason: String,
    },
    /// Reading the input failed; no more items follow.
    ReadError(String),
}

/// Check the arguments and open the file before anything is sent: an invalid
/// argument ID or an unreadable file is a usage error.
pub fn sources(args: &[String], from_file: Option<&Path>) -> Result<Vec<Source>> {
    let mut sources = Vec::with_capacity(args.len() + 1);
    let mut stdin_seen = false;
    for arg in args {
        if arg == "-" {
            if stdin_seen {
                return Err(Error::Usage("`-` (stdin) can be given only once".into()));
            }
            stdin_seen = true;
            sources.push(Source::Stdin);
        } else {
            user_id::validate(arg)
                .map_err(|why| Error::Usage(format!("invalid USER_ID argument: {why}")))?;
            sources.push(Source::Arg(arg.clone()));
        }
    }
    if from_file.is_some_and(|p| p == Path::new("-")) {
        if stdin_seen {
            return Err(Error::Usage(
                "`-` and `--from-file -` both read stdin: give it once".into(),
            ));
        }
        sources.push(Source::Stdin);
    } else if let Some(path) = from_file {
        let unreadable = |why: String| {
            Error::Usage(format!(
                "cannot read --from-file {}: {why}",
                display_path(path)
            ))
        };
        let file = File::open(path).map_err(|e| unreadable(io_reason(&e)))?;
        // A directory opens but never reads: say so now, before anything is sent.
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(unreadable("it is a directory".into()));
        }
        sources.push(Source::File(path.to_path_buf(), file));
    }
    Ok(sources)
}

/// Stdin is one stream: the secret and the IDs cannot both come from it, nor
/// from one file or pipe under two names (`-`, `/dev/stdin`, `/dev/fd/0`,
/// `/proc/self/fd/0`, a symlink or a second path). Runs before the secret is read.
pub fn check_one_stream(secret_file: Option<&Path>, sources: &[Source]) -> Result<()> {
    let Some(secret) = secret_file else {
        return Ok(());
    };
    let secret_name = format!("--secret-file {}", display_path(secret));
    for source in sources {
        let ids_name = match source {
            Source::Arg(_) => continue,
            Source::Stdin => "the IDs (`-`, stdin)".to_string(),
            Source::File(path, _) => format!("--from-file {}", display_path(path)),
        };
        if same_stream(secret, source) {
            return Err(Error::Usage(format!(
                "{secret_name} and {ids_name} read the same stream: \
                 the secret and the IDs must come from different places"
            )));
        }
    }
    Ok(())
}

/// The journal is written to: it can never be the file or pipe that the IDs or
/// the secret are read from, under any name. Runs before anything is read or written.
pub fn check_journal_apart(
    journal: Option<&Path>,
    secret_file: Option<&Path>,
    sources: &[Source],
) -> Result<()> {
    let Some(journal) = journal else {
        return Ok(());
    };
    let clash = |what: String| {
        Error::Usage(format!(
            "--journal {} is {what}: the journal is written to, so it must be another file",
            escaped_path(journal)
        ))
    };
    let journal_id = file_id(Some(fs_path(journal)));
    if journal_id.is_none() {
        // Not there yet: it will be a new file, which nothing else can be.
        return Ok(());
    }
    if let Some(secret) = secret_file {
        if journal_id == file_id(Some(named(secret))) {
            return Err(clash(format!("the --secret-file {}", escaped_path(secret))));
        }
    }
    for source in sources {
        if journal_id == file_id(source_target(source)) {
            return Err(clash(match source {
                Source::File(path, _) => format!("the --from-file {}", escaped_path(path)),
                _ => "standard input, where the IDs come from".to_string(),
            }));
        }
    }
    Ok(())
}

/// Something that may be a file: a path, an open file, or standard input.
enum Target<'a> {
    Path(&'a Path),
    Open(&'a File),
    Stdin,
}

/// A path given as the secret file (`-` is standard input).
fn named(path: &Path) -> Target<'_> {
    if path == Path::new("-") {
        Target::Stdin
    } else {
        Target::Path(path)
    }
}

/// A path that names a file even when it is `-` (the journal has no stdin form).
fn fs_path(path: &Path) -> Target<'_> {
    Target::Path(path)
}

fn source_target(source: &Source) -> Option<Target<'_>> {
    match source {
        Source::Arg(_) => None,
        Source::Stdin => Some(Target::Stdin),
        Source::File(_, file) => Some(Target::Open(file)),
    }
}

/// The (device, inode) of what a target reaches, following symlinks, so that
/// /dev/stdin, /proc/self/fd/0 and a second path to a file all compare equal.
/// `None` when unknown (absent, a closed stdin): reading it will say why.
#[cfg(unix)]
fn file_id(target: Option<Target>) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = match target? {
        Target::Path(path) => std::fs::metadata(path).ok()?,
        Target::Open(file) => file.metadata().ok()?,
        Target::Stdin => {
            use std::os::fd::AsFd;
            let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
            File::from(fd).metadata().ok()?
        }
    };
    Some((meta.dev(), meta.ino()))
}

/// Without inode numbers: a canonical path for a path, stdin for stdin.
#[cfg(not(unix))]
fn file_id(target: Option<Target>) -> Option<std::path::PathBuf> {
    match target? {
        Target::Path(path) => path.canonicalize().ok(),
        Target::Stdin => Some(PathBuf::from("-")),
        Target::Open(_) => None,
    }
}

/// Whether two inputs named on the command line (`-` is standard input) reach
/// the same file or pipe under any names (`/dev/stdin`, `/dev/fd/0`,
/// `/proc/self/fd/0`, a symlink, a second path). `false` when either is not there.
pub fn same_input(a: &Path, b: &Path) -> bool {
    let stdin = Path::new("-");
    if a == stdin && b == stdin {
        // Even when standard input is closed, and so has no identity to compare.
        return true;
    }
    let a = file_id(Some(named(a)));
    a.is_some() && a == file_id(Some(named(b)))
}

/// Whether an input named on the command line is read once and gone: standard
/// input or a name of it, a pipe, a FIFO, a device (a regular file can be read again).
pub fn read_once(path: &Path) -> bool {
    let meta = match path == Path::new("-") {
        true => return true,
        false => std::fs::metadata(path),
    };
    meta.is_ok_and(|m| !m.is_file())
}

/// Whether the secret file and an ID source reach the same file or pipe.
fn same_stream(secret: &Path, source: &Source) -> bool {
    let secret = file_id(Some(named(secret)));
    secret.is_some() && secret == file_id(source_target(source))
}

/// IDs to be read from stdin when the caller closed it (`0<&-`): the runtime
/// put `/dev/null` there, so they would be an empty list and the run a silent
/// success. Refused (exit 2) before anything is read or sent.
pub fn check_stdin_open(sources: &[Source], stdin_closed: bool) -> Result<()> {
    if !stdin_closed {
        return Ok(());
    }
    let names_stdin = |p: &Path| {
        ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
            .iter()
            .any(|n| p == Path::new(n))
    };
    for source in sources {
        let given = match source {
            Source::Stdin => "-".to_string(),
            Source::File(path, _) if names_stdin(path) => {
                format!("--from-file {}", escaped_path(path))
            }
            _ => continue,
        };
        return Err(Error::Usage(format!(
            "{given} reads the IDs from stdin, but stdin was closed when biometrid started: \
             give the IDs as arguments, with --from-file, or on a pipe"
        )));
    }
    Ok(())
}

pub fn reads_stdin(sources: &[Source]) -> bool {
    sources.iter().any(|s| matches!(s, Source::Stdin))
}

/// How many IDs the sources hold, for a progress bar's ETA: arguments count
/// themselves, a regular file is counted by its lines (a quick pass); stdin, a
/// pipe, a FIFO or a device is unknown (counting would consume it).
pub fn count_hint(sources: &[Source]) -> Option<u64> {
    let mut total = 0u64;
    for s in sources {
        total += match s {
            Source::Arg(_) => 1,
            Source::Stdin => return None,
            Source::File(_, file) => count_lines(file)?,
        };
    }
    Some(total)
}

/// Lines that may hold an ID (an upper bound: comments and blank lines count too).
fn count_lines(file: &File) -> Option<u64> {
    use std::io::{Read, Seek};
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut f = file.try_clone().ok()?;
    let mut buf = vec![0u8; 64 * 1024];
    let (mut lines, mut last) = (0u64, b'\n');
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        last = buf[n - 1];
    }
    f.rewind().ok()?;
    Some(lines + u64::from(last != b'\n'))
}

/// The IDs as they arrive, in input order. The reader sends them in chunks
/// (one channel hand-off per chunk, not per ID: that hand-off is a thread wake-up).
pub struct Ids {
    rx: mpsc::Receiver<Vec<Item>>,
    chunk: std::vec::IntoIter<Item>,
}

impl Ids {
    pub fn poll_next(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Item>> {
        loop {
            if let Some(item) = self.chunk.next() {
                return std::task::Poll::Ready(Some(item));
            }
            match self.rx.poll_recv(cx) {
                std::task::Poll::Ready(Some(chunk)) => self.chunk = chunk.into_iter(),
                std::task::Poll::Ready(None) => return std::task::Poll::Ready(None),
                std::task::Poll::Pending => return std::task::Poll::Pending,
            }
        }
    }

    /// Whatever has been read already, without waiting for more, and whether
    /// input is left that was not read (the reader has not reached the end).
    pub fn drain_ready(&mut self) -> (Vec<Item>, bool) {
        let mut items: Vec<Item> = self.chunk.by_ref().collect();
        loop {
            match self.rx.try_recv() {
                Ok(chunk) => items.extend(chunk),
                Err(mpsc::error::TryRecvError::Empty) => return (items, true),
                Err(mpsc::error::TryRecvError::Disconnected) => return (items, false),
            }
        }
    }
}

/// Collects items and hands them over a chunk at a time.
struct Batcher {
    tx: mpsc::Sender<Vec<Item>>,
    chunk: Vec<Item>,
}

impl Batcher {
    /// False once the receiver is gone.
    fn push(&mut self, item: Item) -> bool {
        self.chunk.push(item);
        self.chunk.len() < CHUNK || self.flush()
    }

    fn flush(&mut self) -> bool {
        if self.chunk.is_empty() {
            return true;
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        self.tx.blocking_send(chunk).is_ok()
    }
}

/// Start the reader thread. Items arrive in input order; the stream ends with the input.
pub fn spawn(sources: Vec<Source>) -> Ids {
    let (tx, rx) = mpsc::channel(CHANNEL);
    let ids = Ids {
        rx,
        chunk: Vec::new().into_iter(),
    };
    // Arguments alone need no thread (the common single-ID case starts faster).
    if sources.iter().all(|s| matches!(s, Source::Arg(_))) {
        let args: Vec<Item> = sources
            .into_iter()
            .filter_map(|s| match s {
                Source::Arg(id) => Some(Item::Id(id)),
                _ => None,
            })
            .collect();
        return Ids {
            chunk: args.into_iter(),
            ..ids
        };
    }
    std::thread::spawn(move || {
        let mut out = Batcher {
            tx,
            chunk: Vec::with_capacity(CHUNK),
        };
        for source in sources {
            let more = match source {
                Source::Arg(id) => out.push(Item::Id(id)),
                // Our own buffer over stdin, so we can tell when reading would block.
                Source::Stdin => read_lines(
                    BufReader::with_capacity(64 * 1024, io::stdin()),
                    "stdin",
                    &mut out,
                ),
                Source::File(path, file) => read_lines(
                    BufReader::with_capacity(64 * 1024, file),
                    &display_path(&path),
                    &mut out,
                ),
            };
            if !more {
                return;
            }
        }
        out.flush();
    });
    ids
}

/// Send each ID of a line-oriented input; false once the receiver is gone or reading failed.
fn read_lines<R: io::Read>(mut input: BufReader<R>, name: &str, out: &mut Batcher) -> bool {
    let mut line = Vec::with_capacity(256);
    for number in 1u64.. {
        // Hand over what we have before a read that may block (a slow pipe, a
        // terminal): whenever the next line is not complete in the buffer.
        if !input.buffer().contains(&b'\n') && !out.flush() {
            return false;
        }
        line.clear();
        let (read, too_long) = match read_line_capped(&mut input, &mut line) {
            Ok(r) => r,
            Err(e) => {
                out.push(Item::ReadError(format!("reading {name}: {e}")));
                out.flush();
                return false;
            }
        };
        if read == 0 {
            return true;
        }
        if number == 1 && line.starts_with(BOM) {
            // An editor's mark (Windows Notepad), not part of the first ID.
            line.drain(..BOM.len());
        }
        if let Some(item) = parse_line(&line, too_long) {
            let item = match item {
                Item::Invalid { raw, reason } => Item::Invalid {
                    raw,
                    reason: format!("{name} line {number}: {reason}"),
                },
                other => other,
            };
            if !out.push(item) {
                return false;
            }
        }
    }
    true
}

/// One input line as an item; `None` for blank lines and `#` comments.
pub fn parse_line(line: &[u8], too_long: bool) -> Option<Item> {
    let text = String::from_utf8_lossy(line);
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    if too_long {
        let raw: String = trimmed
            .chars()
            .take(biometrid_protocol::user_id::MAX_CHARS)
            .collect();
        return Some(Item::Invalid {
            raw,
            reason: format!("line longer than {MAX_LINE} bytes"),
        });
    }
    if std::str::from_utf8(line).is_err() {
        return Some(Item::Invalid {
            raw: trimmed.to_string(),
            reason: "line is not valid UTF-8".into(),
        });
    }
    Some(match user_id::validate(trimmed) {
        Ok(()) => Item::Id(trimmed.to_string()),
        Err(reason) => Item::Invalid {
            raw: trimmed.to_string(),
            reason,
        },
    })
}

/// Read one line (without its `\n`) into `buf`, keeping at most `MAX_LINE` bytes.
/// Returns the bytes consumed and whether the line was cut.
fn read_line_capped(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((consumed, too_long));
        }
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        let room = MAX_LINE.saturating_sub(buf.len());
        if part.len() > room {
            too_long = true;
        }
        buf.extend_from_slice(&part[..part.len().min(room)]);
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        consumed += used;
        if done.is_some() {
            return Ok((consumed, too_long));
        }
        if consumed > MAX_RUN {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "a line longer than {} MiB: this is not a list of user IDs",
                    MAX_RUN >> 20
                ),
            ));
        }
    }
}

/// The items the line reader makes of `text`, read through a tiny buffer (for its tests).
#[cfg(test)]
fn items_of(text: &[u8]) -> Vec<Item> {
    use std::io::Read;
    let mut input = io::BufReader::with_capacity(7, text.chain(&b""[..]));
    let mut out = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let (n, long) = read_line_capped(&mut input, &mut line).unwrap();
        if n == 0 {
            return out;
        }
        out.extend(parse_line(&line, long));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Id(id) => id.clone(),
                Item::Invalid { raw, .. } => format!("!{raw}"),
                Item::ReadError(e) => format!("E{e}"),
            })
            .collect()
    }

    #[test]
    fn skips_blanks_and_comments_and_trims() {
        let items = items_of(b"  a1 \n\n# note\n   # indented note\r\nb2\r\n\tc3");
        assert_eq!(ids(&items), ["a1", "b2", "c3"]);
    }

    #[test]
    fn invalid_lines_are_items_not_errors() {
        let items = items_of(b"ok\nbad id\n..\n\xff\xfe\nfine\n");
        assert_eq!(
            ids(&items)[..3],
            ["ok".to_string(), "!bad id".into(), "!..".into()]
        );
        assert!(matches!(&items[3], Item::Invalid { reason, .. } if reason.contains("UTF-8")));
        assert_eq!(ids(&items)[4], "fine");
    }

    #[test]
    fn overlong_lines_are_cut_and_reported() {
        let mut text = vec![b'x'; MAX_LINE * 3];
        text.extend_from_slice(b"\nnext\n");
        let items = items_of(&text);
        assert!(matches!(&items[0], Item::Invalid { reason, .. } if reason.contains("longer")));
        assert_eq!(ids(&items)[1], "next");
    }
}
