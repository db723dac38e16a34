//! Writing the config file: one profile's keys edited in the TOML document
//! (toml_edit), so other profiles, keys and comments stay as they were, under an
//! exclusive lock, and written atomically: a temp file in the same directory,
//! mode 0600, then a rename over the old file. A directory it creates gets mode 0700.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

use crate::error::{Error, Result};

use crate::sanitize::{display_path, escaped_path, io_reason};

use super::ConfigFile;

/// What [`write_profile`] found.
pub(crate) struct Written {
    pub created_file: bool,
    pub created_profile: bool,
    /// Nothing was there to remove: the file was left as it was.
    pub unchanged: bool,
    /// Other profiles' errors (kept as they were), for the caller to warn about.
    pub warnings: Vec<String>,
}

/// Set (`Some`) or remove (`None`) `fields` in `profile` of the file at `path`,
/// under the lock: the file is read again once the lock is held, so a concurrent
/// `configure` that wrote in between (say, another profile) keeps its change.
/// Removing what is not there changes nothing (no profile is created for it).
/// An error in `profile`, or a file that is not TOML, refuses; another profile's
/// error is left as it is and returned as a warning.
pub(crate) fn write_profile(
    path: &Path,
    profile: &str,
    fields: Vec<(&str, Option<Value>)>,
) -> Result<Written> {
    let _lock = lock(path)?;
    check_replaceable(path)?;
    let existing = super::read_config_text_if_present(path)?;
    let (mut doc, created_profile, warnings) = match &existing {
        Some(text) => {
            let (parsed, warnings) = ConfigFile::parse_to_change(path, text, profile)?;
            (
                parse_document(path, text)?,
                !parsed.profiles.contains_key(profile),
                warnings,
            )
        }
        None => (new_document(), true, Vec::new()),
    };
    let present = |doc: &DocumentMut, name: &str| {
        doc.get(profile)
            .and_then(Item::as_table_like)
            .is_some_and(|t| t.contains_key(name))
    };
    if fields
        .iter()
        .all(|(name, v)| v.is_none() && !present(&doc, name))
    {
        return Ok(Written {
            created_file: false,
            created_profile: false,
            unchanged: true,
            warnings,
        });
    }

    // Edit the document: only this profile's keys change.
    let table = profile_table(&mut doc, profile, path)?;
    for (name, value) in fields {
        match value {
            Some(value) => set(table, name, value),
            None => {
                table.remove(name);
            }
        }
    }
    let mut text = doc.to_string();
    // Keep Windows line endings where the file had them.
    if existing.as_deref().is_some_and(|t| t.contains("\r\n")) {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    // What we write must be what every other command can read, as it did.
    ConfigFile::parse_to_change(path, &text, profile)?;

    write_atomically(path, text.as_bytes())?;
    Ok(Written {
        created_file: existing.is_none(),
        created_profile,
        unchanged: false,
        warnings,
    })
}

pub(crate) fn parse_document(path: &Path, text: &str) -> Result<DocumentMut> {
    text.parse()
        .map_err(|_| Error::config(format!("invalid config file {}", escaped_path(path))))
}

/// Only a regular file (or nothing yet) may be replaced: the rename would put a
/// file holding the secret where a device, FIFO or socket was.
pub(crate) fn check_replaceable(path: &Path) -> Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read config file {}: {}",
                escaped_path(path),
                io_reason(&e)
            )));
        }
    };
    if meta.is_file() {
        return Ok(());
    }
    Err(Error::config_with_hint(
        format!(
            "config file {} is {}, not a regular file; nothing was written",
            escaped_path(path),
            file_kind(&meta.file_type())
        ),
        "pass --config with the path of a regular file",
    ))
}

#[cfg(unix)]
fn file_kind(t: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a symlink"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn file_kind(t: &fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// An exclusive advisory lock for the read-modify-write of the config file at
/// `path`, held until the returned file is dropped. On Unix it is taken on the
/// config file's directory: nothing is left behind, and every run locks the same
/// object (a lock file removed afterwards could be locked twice at once).
fn lock(path: &Path) -> Result<fs::File> {
    let failed = |e: &io::Error| {
        Error::config(format!(
            "cannot lock config file {}: {}",
            escaped_path(path),
            io_reason(e)
        ))
    };
    let dir = parent_dir(path);
    create_private_dir(&dir).map_err(|e| failed(&e))?;
    let file = lock_target(path, &dir).map_err(|e| failed(&e))?;
    // Named in full: std's own `File::lock` is newer than our minimum Rust.
    fs4::FileExt::lock(&file).map_err(|e| failed(&e))?;
    Ok(file)
}

#[cfg(unix)]
fn lock_target(_path: &Path, dir: &Path) -> io::Result<fs::File> {
    fs::File::open(dir)
}

/// Elsewhere a directory cannot be opened as a file: `<config>.lock` beside it.
#[cfg(not(unix))]
fn lock_target(path: &Path, dir: &Path) -> io::Result<fs::File> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "config.toml".into());
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(format!("{name}.lock")))
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub(crate) fn follow_symlink(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| {
            Error::config(format!(
                "config file {} is a symlink that cannot be followed: {}",
                display_path(path),
                io_reason(&e)
            ))
        }),
        _ => Ok(path.to_path_buf()),
    }
}

fn new_document() -> DocumentMut {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# biometrid configuration: one [table] per profile, chosen with --profile or\n\
         # BIOMETRID_PROFILE (default: [default]). Keys: key, secret, base_url, timeout,\n\
         # connect_timeout, retries, rate (man 5 biometrid-config). This file holds the\n\
         # secret: keep it mode 0600.\n\n",
    );
    doc
}

/// The profile's table, created at the end of the file when it is missing.
fn profile_table<'a>(
    doc: &'a mut DocumentMut,
    profile: &str,
    path: &Path,
) -> Result<&'a mut dyn TableLike> {
    if !doc.contains_key(profile) {
        let mut table = Table::new();
        if !doc.as_table().is_empty() {
            table.decor_mut().set_prefix("\n");
        }
        doc.insert(profile, Item::Table(table));
    }
    doc.get_mut(profile)
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| {
            Error::config(format!(
                "config file {}: [{}] is not a table",
                display_path(path),
                crate::sanitize::escape(profile)
            ))
        })
}

/// Set `name`, keeping the key's place and a comment after the old value.
fn set(table: &mut dyn TableLike, name: &str, mut value: Value) {
    match table.get_mut(name) {
        Some(Item::Value(old)) => {
            let decor = old.decor();
            let comment = decor
                .suffix()
                .and_then(|s| s.as_str())
                .filter(|s| s.contains('#'))
                .map(str::to_string);
            if let Some(prefix) = decor.prefix().cloned() {
                value.decor_mut().set_prefix(prefix);
            }
            if let Some(comment) = comment {
                value.decor_mut().set_suffix(comment);
            }
            *old = value;
        }
        _ => {
            table.insert(name, Item::Value(value));
        }
    }
}

/// Temp file in the same directory (so the rename is atomic), mode 0600, synced,
/// then renamed over the target. A directory it creates gets mode 0700.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |what: &str, e: &io::Error| {
        Error::config(format!(
            "cannot write config file {}: {what}: {}",
            display_path(path),
            io_reason(e)
        ))
    };
    let dir = parent_dir(path);
    create_private_dir(&dir).map_err(|e| failed("creating its directory", &e))?;

    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "config.toml".into());
    let (tmp, mut file) = (0..16)
        .find_map(|_| {
            let tmp = dir.join(format!(
                ".{name}.{}.{:08x}.tmp",
                std::process::id(),
                fastrand::u32(..)
            ));
            match private_file(&tmp) {
                Ok(f) => Some(Ok((tmp, f))),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(e)),
            }
        })
        .unwrap_or_else(|| Err(io::Error::other("no free temporary file name")))
        .map_err(|e| failed("creating a temporary file", &e))?;

    let result = file
        .write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| failed("writing a temporary file", &e))
        .and_then(|_| {
            drop(file);
            fs::rename(&tmp, path).map_err(|e| failed("replacing it", &e))
        });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    // The rename itself is durable once the directory is synced.
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn private_file(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    #[test]
    fn set_keeps_comments_and_other_keys() {
        let mut doc: DocumentMut =
            "# top\n[default]\nkey = \"old\"  # the key\nretries = 1\n\n[other]\nkey = \"o\"\n"
                .parse()
                .unwrap();
        let t = profile_table(&mut doc, "default", Path::new("c")).unwrap();
        set(t, "key", Value::from("new"));
        set(t, "secret", Value::from("s"));
        let text = doc.to_string();
        assert!(text.contains("# top\n"), "{text}");
        assert!(text.contains("key = \"new\"  # the key\n"), "{text}");
        assert!(text.contains("retries = 1\n"), "{text}");
        assert!(text.contains("[other]\nkey = \"o\"\n"), "{text}");
        assert!(text.contains("secret = \"s\""), "{text}");
    }

    #[test]
    fn new_profiles_go_at_the_end_and_inline_tables_work() {
        let mut doc: DocumentMut = "default = { key = \"a\" }\n".parse().unwrap();
        let t = profile_table(&mut doc, "default", Path::new("c")).unwrap();
        set(t, "secret", Value::from("s"));
        let t = profile_table(&mut doc, "new.one", Path::new("c")).unwrap();
        set(t, "key", Value::from("k"));
        let text = doc.to_string();
        let parsed = ConfigFile::parse(Path::new("c"), &text).unwrap();
        assert_eq!(parsed.profiles["default"].key.as_deref(), Some("a"));
        assert_eq!(
            parsed.profiles["default"]
                .secret
                .as_ref()
                .map(Secret::expose),
            Some("s")
        );
        assert_eq!(parsed.profiles["new.one"].key.as_deref(), Some("k"));
    }
}
