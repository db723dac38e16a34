//! The process's standard streams as the shell gave them, closed ones included.
//!
//! A descriptor the caller closed (`biometrid ... >&-`) never reaches `main` as
//! closed: Rust's runtime puts `/dev/null` on each closed one of 0, 1 and 2
//! before `main` (so no file the tool opens later can take its number), opened
//! read-write. Output written there would be lost in silence and the run exit 0.
//! [`closed`] tells those apart from a `> /dev/null` of the caller (which a shell
//! opens write-only), and a stream found closed fails every write (exit 14).

use std::io::{self, Write};

/// Which of stdout and stderr the caller closed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Closed {
    pub stdout: bool,
    pub stderr: bool,
}

/// Which of stdout and stderr were closed when the process started.
pub fn closed() -> Closed {
    Closed {
        stdout: closed_at_start(1),
        stderr: closed_at_start(2),
    }
}

/// Whether `fd` is the read-write `/dev/null` Rust's runtime puts on a closed descriptor.
#[cfg(unix)]
fn closed_at_start(fd: std::os::fd::RawFd) -> bool {
    use std::os::fd::BorrowedFd;
    use std::os::unix::fs::MetadataExt;
    // SAFETY: descriptors 0 to 2 are open for the whole life of the process
    // (the runtime made sure of it), and the borrow ends here.
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    let Ok(owned) = borrowed.try_clone_to_owned() else {
        return true;
    };
    let (Ok(this), Ok(null)) = (
        std::fs::File::from(owned).metadata(),
        std::fs::metadata("/dev/null"),
    ) else {
        return false;
    };
    if this.rdev() != null.rdev() || this.dev() != null.dev() || this.ino() != null.ino() {
        return false;
    }
    // SAFETY: F_GETFL reads the descriptor's flags; it changes nothing.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    flags != -1 && flags & libc::O_ACCMODE == libc::O_RDWR
}

#[cfg(not(unix))]
fn closed_at_start(_fd: i32) -> bool {
    false
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
