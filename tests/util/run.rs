//! Running the built binary and other children, always bounded in time: the
//! runner (`Run`), what a run produced (`Outcome`, with `assert_exit`), children
//! that keep running (`Spawned`), signals and bounded waits.

use std::fmt::Display;
use std::ops::Deref;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// No run may take longer than this: a hang fails the test instead of blocking the suite.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// What a bounded run produced, and how long it took. Derefs to its [`Output`], so
/// everything [`Outcome`] offers works on it too.
pub struct Ran {
    pub out: Output,
    pub elapsed: Duration,
}

impl Deref for Ran {
    type Target = Output;
    fn deref(&self) -> &Output {
        &self.out
    }
}

/// Wait for a spawned child at most `limit`. Past it the child is killed by its own
/// PID and the test fails: a hang is a bug, and it must not hang the suite too.
pub fn wait_within(child: Child, limit: Duration) -> Ran {
    let started = Instant::now();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => Ran {
            out: out.expect("wait for biometrid"),
            elapsed: started.elapsed(),
        },
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("biometrid (pid {pid}) did not finish within {limit:?}: killed");
        }
    }
}

/// Wait for a spawned child within [`DEADLINE`].
pub fn wait_bounded(child: Child) -> Output {
    wait_within(child, DEADLINE).out
}

/// A child that keeps running (a server, a command under `sandbox exec`) and has
/// written its first line. Its output is drained on threads, so it never blocks on
/// a full pipe.
pub struct Spawned {
    pub child: Child,
    /// The first line of stdout, without its line end.
    pub first_line: String,
    /// The rest of stdout, once the child closes it.
    pub stdout: std::thread::JoinHandle<String>,
    /// All of stderr, once the child closes it.
    pub stderr: std::thread::JoinHandle<String>,
}

/// Spawn `c` with piped output and wait (at most [`DEADLINE`]) for its first line.
pub fn spawn_reading_first_line(mut c: Command) -> Spawned {
    use std::io::{BufRead, BufReader, Read};
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn biometrid");
    let mut err = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (first_tx, first) = std::sync::mpsc::channel();
    let stdout = std::thread::spawn(move || {
        let mut line = String::new();
        let _ = out.read_line(&mut line);
        let _ = first_tx.send(line);
        let mut rest = String::new();
        let _ = out.read_to_string(&mut rest);
        rest
    });
    let Ok(line) = first.recv_timeout(DEADLINE) else {
        let _ = child.kill();
        panic!("no first line within {DEADLINE:?} (pid {})", child.id());
    };
    if line.is_empty() {
        let status = child.wait().unwrap();
        panic!(
            "no output; exited {status}: {}",
            stderr.join().unwrap_or_default()
        );
    }
    Spawned {
        child,
        first_line: line.trim_end().to_string(),
        stdout,
        stderr,
    }
}

/// Running a command to completion, always bounded in time.
pub trait Run {
    /// Run with captured output, within `limit`.
    fn run_within(&mut self, limit: Duration) -> Ran;
    /// Run with captured output, within [`DEADLINE`].
    fn run(&mut self) -> Output {
        self.run_within(DEADLINE).out
    }
    /// Run with stdin fed from `input`, within [`DEADLINE`].
    fn run_with_stdin(&mut self, input: &str) -> Output;
}

impl Run for Command {
    fn run_within(&mut self, limit: Duration) -> Ran {
        self.stdout(Stdio::piped()).stderr(Stdio::piped());
        wait_within(self.spawn().expect("spawn biometrid"), limit)
    }

    fn run_with_stdin(&mut self, input: &str) -> Output {
        use std::io::Write;
        self.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.spawn().expect("spawn biometrid");
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_string();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        let out = wait_bounded(child);
        writer.join().unwrap();
        out
    }
}

/// What the tests read from a finished run.
pub trait Outcome {
    fn code(&self) -> i32;
    fn stdout(&self) -> String;
    fn stderr(&self) -> String;
    /// Both streams, for "never appears anywhere" assertions and failure messages.
    fn all(&self) -> String {
        format!("--- stdout\n{}--- stderr\n{}", self.stdout(), self.stderr())
    }
    /// Assert the exit code; on failure show the code and both streams.
    fn assert_exit(&self, expected: i32) -> &Self {
        self.assert_exit_ctx(expected, "")
    }
    /// [`Outcome::assert_exit`] with what the test was checking, for the failure message.
    fn assert_exit_ctx(&self, expected: i32, context: impl Display) -> &Self {
        let got = self.code();
        assert!(
            got == expected,
            "{context}\nexit code {got}, expected {expected}\n{}",
            self.all()
        );
        self
    }
    /// No panic, no internal error: the run ended through a documented path.
    fn assert_no_panic(&self) {
        let err = self.stderr();
        assert!(
            !err.contains("panicked") && !err.contains("internal error"),
            "panic or internal error:\n{}",
            self.all()
        );
    }
}

impl Outcome for Output {
    fn code(&self) -> i32 {
        self.status.code().expect("exited by signal")
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// Send `signal` (a name: "INT", "TERM"...) to `pid`, as kill(1) does.
pub fn send_signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

/// Wait at most `limit` for `child` to exit, leaving its pipes to the caller;
/// past it, kill it and fail saying `what` was awaited.
pub fn wait_status(child: &mut Child, limit: Duration, what: impl Display) -> ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{what}: process {} still running after {limit:?}",
                child.id()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Poll `condition` until it holds (true) or `limit` has passed (false).
pub fn poll_until(limit: Duration, condition: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while !condition() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    true
}

/// Wait until `condition` holds, at most `limit`; past it fail saying `what` was awaited.
pub fn wait_until(limit: Duration, what: impl Display, condition: impl Fn() -> bool) {
    assert!(poll_until(limit, condition), "{what}: not within {limit:?}");
}

/// `assert_exit` is what most tests rest on: it must pass on the expected code only.
#[cfg(unix)]
#[test]
fn assert_exit_passes_on_the_code_and_fails_on_another() {
    use std::os::unix::process::ExitStatusExt;
    let o = Output {
        status: std::process::ExitStatus::from_raw(3 << 8),
        stdout: b"out".to_vec(),
        stderr: b"err".to_vec(),
    };
    o.assert_exit(3).assert_exit_ctx(3, "context");
    let failed = std::panic::catch_unwind(|| {
        o.assert_exit_ctx(4, "what was checked");
    });
    let message = failed.expect_err("a wrong code must fail");
    let message = message.downcast_ref::<String>().unwrap();
    for part in ["what was checked", "exit code 3, expected 4", "out", "err"] {
        assert!(message.contains(part), "{part:?} not in {message}");
    }
}

/// A stdout that is a pipe whose reading end is already closed (as after
/// `| head -1` has exited): every write fails with EPIPE, whenever it comes.
#[cfg(unix)]
pub fn closed_pipe() -> Stdio {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: pipe(2) fills `fds` with two new descriptors, each owned once below.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe(2)");
    let (reader, writer) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(reader);
    Stdio::from(writer)
}

/// `/dev/full` for a child's stream: every write fails with ENOSPC.
pub fn dev_full() -> Stdio {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full is required for the output-failure tests");
    Stdio::from(full)
}

/// Start the child with descriptor `fd` closed, as a shell's `>&-` (1) or `2>&-` (2) does.
#[cfg(unix)]
pub fn close_in_child(c: &mut Command, fd: i32) {
    use std::os::unix::process::CommandExt;
    // SAFETY: close(2) is async-signal-safe, as pre_exec requires.
    unsafe {
        c.pre_exec(move || {
            libc::close(fd);
            Ok(())
        });
    }
}
