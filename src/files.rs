//! Reading the tool's own input files with a size cap: the config file, the
//! secret file, `--cacert` and the sandbox's scenario all end at their cap with
//! a clear error, so `/dev/zero` or `/dev/urandom` never fills memory.

use std::io::Read;
use std::path::Path;

use crate::error::Error;
use crate::sanitize::{escaped_path, io_reason};

/// One mebibyte.
pub const MIB: u64 = 1 << 20;
/// The config file.
pub const CONFIG_FILE_CAP: u64 = MIB;
/// `--secret-file` (only its first line is the secret).
pub const SECRET_FILE_CAP: u64 = MIB;
/// `--cacert`: a CA bundle is a few hundred KiB at most.
pub const CACERT_CAP: u64 = MIB;
/// The sandbox's scenario file.
pub const SCENARIO_FILE_CAP: u64 = MIB;
/// A file of `biometrid api`'s body (`-F NAME=@FILE`, `--input FILE`): photos, audio, documents.
pub const BODY_FILE_CAP: u64 = 10 * MIB;

/// All of the file at `path`, at most `cap` bytes: past the cap an error of kind
/// `FileTooLarge`, without reading further (so `/dev/zero` ends at once).
pub fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    read_capped_from(file, cap)
}

/// [`read_capped`] for a stream that is already open (stdin).
pub fn read_capped_from(r: impl Read, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    r.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(std::io::Error::from(std::io::ErrorKind::FileTooLarge));
    }
    Ok(bytes)
}

/// The configuration error for a failed [`read_capped`] of `what` ("config file",
/// "--cacert", ...): "config file X is larger than 1 MiB", or "cannot read ...: reason".
pub fn read_error(what: &str, path: &Path, cap: u64, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::FileTooLarge {
        Error::config(format!(
            "{what} {} is larger than {}",
            escaped_path(path),
            size_text(cap)
        ))
    } else {
        Error::config(format!(
            "cannot read {what} {}: {}",
            escaped_path(path),
            io_reason(e)
        ))
    }
}

/// `1 MiB`, `64 KiB`, `100 bytes`.
pub fn size_text(bytes: u64) -> String {
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes % 1024 == 0 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_end_endless_files_at_once() {
        let e = read_capped(Path::new("/dev/zero"), 1024).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(read_capped_from(&b"abc"[..], 3).unwrap(), b"abc");
        assert_eq!(size_text(MIB), "1 MiB");
        assert_eq!(size_text(64 * 1024), "64 KiB");
        assert_eq!(size_text(100), "100 bytes");
    }
}
