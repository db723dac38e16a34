//! The process's standard streams as the shell gave them, closed ones included.
//!
//! A descriptor the caller closed (`biometrid ... >&-`) never reaches `main` as
//! closed: Rust's runtime puts `/dev/null` on each closed one of 0, 1 and 2
//! before `main` (so that no file the tool opens later, such as the journal,
//! can take its number). Output written there would be lost in silence and the
//! run exit 0, and IDs read from stdin would be an empty list, not an error. So
//! whether the three were open is recorded earlier, by a
//! function the loader runs before the runtime starts (an ELF `.init_array` or
//! Mach-O `__mod_init_func` entry); an output stream found closed fails every
//! write (exit 14), and IDs to be read from a closed stdin are a usage error
//! (exit 2). A `/dev/null` the caller gave (`> /dev/null`, Python's
//! `subprocess.DEVNULL`) is open, and written to as usual. On other platforms
//! nothing is recorded and a closed stream is taken as open.
//!
//! The two `#[unsafe(link_section)]` attributes are the crate's only `unsafe`:
//! placing a function in the loader's list is the one way to run before the
//! runtime, and Rust 2024 marks that attribute unsafe (the linker trusts it).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Which of the standard streams the caller closed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Closed {
    /// IDs to be read from it are an error, not an empty list (`0<&-`).
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

/// Whether stdin, stdout and stderr were closed when the process was loaded.
static CLOSED_AT_LOAD: [AtomicBool; 3] = [
    AtomicBool::new(false),
    AtomicBool::new(false),
    AtomicBool::new(false),
];

/// Which of the standard streams were closed when the process started.
pub fn closed() -> Closed {
    Closed {
        stdin: CLOSED_AT_LOAD[0].load(Ordering::Relaxed),
        stdout: CLOSED_AT_LOAD[1].load(Ordering::Relaxed),
        stderr: CLOSED_AT_LOAD[2].load(Ordering::Relaxed),
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[used]
#[unsafe(link_section = ".init_array")]
static RECORD_AT_LOAD: extern "C" fn() = record_closed;

#[cfg(target_vendor = "apple")]
#[used]
#[unsafe(link_section = "__DATA,__mod_init_func")]
static RECORD_AT_LOAD: extern "C" fn() = record_closed;

/// Run by the loader, before Rust's runtime: notes which of descriptors 0, 1
/// and 2 are closed. It only asks (fcntl F_GETFD), writes nothing and cannot
/// panic. std's `Stdin`, `Stdout` and `Stderr` handles name descriptors 0, 1
/// and 2 without a system call (their first use sets up their buffers, which
/// they would get later anyway), so no `unsafe` is needed to borrow them.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
extern "C" fn record_closed() {
    use nix::fcntl::{FcntlArg, fcntl};
    // An error (EBADF, the only failure of F_GETFD) means it is closed.
    let closed = [
        fcntl(io::stdin(), FcntlArg::F_GETFD).is_err(),
        fcntl(io::stdout(), FcntlArg::F_GETFD).is_err(),
        fcntl(io::stderr(), FcntlArg::F_GETFD).is_err(),
    ];
    for (slot, closed) in CLOSED_AT_LOAD.iter().zip(closed) {
        slot.store(closed, Ordering::Relaxed);
    }
}

/// The failure of every write to a stream the caller closed.
pub fn closed_error() -> io::Error {
    io::Error::other("it was closed before biometrid started")
}

/// The writer for a stream the caller closed: every write fails.
pub struct ClosedStream;

impl Write for ClosedStream {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(closed_error())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_stream_refuses_every_write() {
        let e = ClosedStream.write_all(b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::Other);
        assert!(ClosedStream.flush().is_ok());
    }
}
