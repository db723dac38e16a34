//! A pseudo-terminal for black-box tests: the child gets the pty as stdin, stdout,
//! stderr and controlling terminal (so `/dev/tty` works, as for a person at a terminal).
//! Used wherever a person at a terminal is the case: prompts, progress bars, typed IDs;
//! [`answer`] and [`typing_ids`] are its two common dialogues.
#![cfg(unix)]

use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any single expectation may take before the test fails (not a sleep:
/// the wait ends as soon as the awaited output or state arrives).
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Pty {
    master: File,
    child: Child,
    chunks: Receiver<Vec<u8>>,
    /// Everything the child wrote to the terminal so far (including the terminal's echo).
    transcript: Vec<u8>,
    /// Where the next `expect` starts looking.
    pos: usize,
    eof: bool,
}

fn check(ret: libc::c_int, what: &str) {
    assert!(ret >= 0, "{what}: {}", std::io::Error::last_os_error());
}

impl Pty {
    /// Start `cmd` on a new pty of 120x40, with echo on (a terminal's default).
    pub fn spawn(mut cmd: Command) -> Pty {
        // SAFETY: plain libc calls on descriptors this function owns; the pre_exec
        // closure calls only async-signal-safe functions (setsid, ioctl).
        unsafe {
            let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
            check(master, "posix_openpt");
            let master = OwnedFd::from_raw_fd(master);
            check(libc::grantpt(master.as_raw_fd()), "grantpt");
            check(libc::unlockpt(master.as_raw_fd()), "unlockpt");
            let name = slave_name(master.as_raw_fd());
            let slave = libc::open(
                name.as_ptr(),
                libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
            );
            check(slave, "open slave");
            let slave = OwnedFd::from_raw_fd(slave);
            let size = libc::winsize {
                ws_row: 40,
                ws_col: 120,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            check(
                libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size),
                "TIOCSWINSZ",
            );

            cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
                .stdout(Stdio::from(slave.try_clone().unwrap()))
                .stderr(Stdio::from(slave));
            cmd.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
            let child = cmd.spawn().expect("spawn on a pty");
            // Our copies of the slave must go, or reading the master never ends.
            drop(cmd);

            let master = File::from(master);
            let mut reader = master.try_clone().unwrap();
            let (tx, chunks) = channel();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                loop {
                    match reader.read(&mut buf) {
                        // EIO once the last slave descriptor is closed: the end.
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            if tx.send(buf[..n].to_vec()).is_err() {
                                break;
                            }
                        }
                    }
                }
            });
            Pty {
                master,
                child,
                chunks,
                transcript: Vec::new(),
                pos: 0,
                eof: false,
            }
        }
    }

    /// Type `text` (it goes through the terminal's line discipline, as keystrokes do).
    pub fn send(&mut self, text: &str) {
        self.master.write_all(text.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// The transcript so far, lossily decoded.
    pub fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.transcript).into_owned()
    }

    /// Take whatever output is ready, waiting until `deadline` for some.
    /// Returns false at the end of the output.
    fn pump(&mut self, deadline: Instant) -> bool {
        if self.eof {
            return false;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match self.chunks.recv_timeout(left) {
            Ok(chunk) => {
                self.transcript.extend_from_slice(&chunk);
                true
            }
            Err(RecvTimeoutError::Timeout) => true,
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                false
            }
        }
    }

    /// Wait until `needle` appears after the previous match; panic with the transcript if
    /// it does not within `PATIENCE` or the output ends first.
    pub fn expect(&mut self, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = &self.transcript[self.pos..];
            if let Some(i) = find(text, needle.as_bytes()) {
                self.pos += i + needle.len();
                return;
            }
            if Instant::now() >= deadline || !self.pump(deadline) {
                panic!(
                    "expected {needle:?} on the terminal; transcript so far:\n{}",
                    self.transcript()
                );
            }
        }
    }

    /// Whether the terminal echoes input now (the child's termios, seen from the master).
    pub fn echo(&self) -> bool {
        // SAFETY: tcgetattr fills the struct; the descriptor is ours and open.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            check(
                libc::tcgetattr(self.master.as_raw_fd(), &mut t),
                "tcgetattr",
            );
            t.c_lflag & libc::ECHO != 0
        }
    }

    /// Wait until the child has set echo to `on` (it does so right after showing a
    /// hidden prompt); panics after `PATIENCE`. Polls the terminal state, yielding.
    pub fn wait_echo(&mut self, on: bool) {
        let deadline = Instant::now() + PATIENCE;
        while self.echo() != on {
            assert!(
                Instant::now() < deadline,
                "terminal echo never became {on}; transcript:\n{}",
                self.transcript()
            );
            // Keep draining output so the child never blocks on a full terminal buffer.
            while let Ok(chunk) = self.chunks.try_recv() {
                self.transcript.extend_from_slice(&chunk);
            }
            std::thread::yield_now();
        }
    }

    /// Read to the end of the output and wait for the child; panics after `PATIENCE`.
    /// The terminal stays open, so its state can still be checked with [`Pty::echo`].
    pub fn finish(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        while self.pump(deadline) {
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "the program did not finish; transcript:\n{}",
                    self.transcript()
                );
            }
        }
        self.child.wait().unwrap()
    }

    /// Stop the child (for shells that would otherwise wait for more input).
    pub fn kill(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.transcript()
    }
}

/// The slave's device path.
#[cfg(target_os = "linux")]
unsafe fn slave_name(master: libc::c_int) -> std::ffi::CString {
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: the buffer and its length match; ptsname_r is thread-safe.
    let r = unsafe { libc::ptsname_r(master, name.as_mut_ptr(), name.len()) };
    assert_eq!(r, 0, "ptsname_r");
    unsafe { CStr::from_ptr(name.as_ptr()) }.to_owned()
}

/// The slave's device path (ptsname's static buffer, copied at once).
#[cfg(not(target_os = "linux"))]
unsafe fn slave_name(master: libc::c_int) -> std::ffi::CString {
    // SAFETY: ptsname returns a NUL-terminated string or null.
    let p = unsafe { libc::ptsname(master) };
    assert!(!p.is_null(), "ptsname");
    unsafe { CStr::from_ptr(p) }.to_owned()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Run `cmd` on a terminal and answer its question: wait for each of `asked` in
/// turn, type `answer`, wait for `then`, and return the exit code once it ends.
pub fn answer(cmd: Command, asked: &[&str], answer: &str, then: &str) -> Option<i32> {
    let mut t = Pty::spawn(cmd);
    for text in asked {
        t.expect(text);
    }
    t.send(answer);
    t.expect(then);
    t.finish().code()
}

/// `restart-state -` against `s` on a terminal, once it says it waits for IDs
/// typed there.
pub fn typing_ids(env: &super::Env, s: &super::Server) -> Pty {
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--color", "never", "restart-state", "-"])
        .env("TERM", "xterm");
    let mut t = Pty::spawn(c);
    t.expect("reading IDs from stdin (Ctrl-D to end)");
    t
}
