//! `biometrid configure [--profile P]`: write one profile of the config file.
//!
//! On a terminal it prompts for what no flag gives (the secret hidden; Enter keeps
//! the current value). Otherwise, or with `--no-input`, it takes `--key` (or
//! `BIOMETRID_KEY`) and the secret from `--secret-file` (or `--secret`, or
//! `BIOMETRID_SECRET`), and never prompts.
//!
//! The file is edited as a document (toml_edit), so other profiles, keys and
//! comments stay as they were, and written atomically: a temp file in the same
//! directory, mode 0600, then a rename over the old file. A directory it creates
//! gets mode 0700.

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use serde_json::json;
use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

use crate::cli::{ConfigureArgs, GlobalOpts};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::{Mode, Printer};
use crate::secret::Secret;
use crate::settings::{
    self, ConfigFile, DEFAULT_PROFILE, ENV_KEY, ENV_PROFILE, ENV_SECRET, Source, display_path,
};
use crate::signal::Signal;

/// How many times an empty or invalid answer is asked again on a terminal.
const ATTEMPTS: usize = 3;

/// A value to write, and where it came from (for the report; never the secret itself).
struct Input {
    value: Option<String>,
    /// `--key`, `BIOMETRID_SECRET`, `prompt`, ...; `kept` when the current value stays.
    origin: String,
}

impl Input {
    fn new(value: String, origin: impl Into<String>) -> Input {
        Input {
            value: Some(value),
            origin: origin.into(),
        }
    }

    fn kept() -> Input {
        Input {
            value: None,
            origin: "kept".into(),
        }
    }
}

pub fn run(global: &GlobalOpts, args: &ConfigureArgs, printer: &mut Printer) -> Result<Exit> {
    let env = settings::process_env;
    let target = settings::config_path(global, &env).ok_or_else(|| {
        Error::config("no config directory is known on this system; pass --config PATH")
    })?;
    let profile = match (&global.profile, env(ENV_PROFILE)) {
        (Some(p), _) => p.clone(),
        (None, Some(p)) => p,
        (None, None) => DEFAULT_PROFILE.to_string(),
    };
    check_profile_name(&profile)?;

    // Write through a symlink (dotfile managers), never replace it with a file.
    let path = follow_symlink(&target.value)?;
    // Before any read: reading a FIFO would block, and the rename would replace a device.
    check_replaceable(&path)?;

    // The file as it is: an unreadable or invalid file stops us before any prompt.
    // (It is read again under the lock before it is changed.)
    let existing = settings::read_config_text_if_present(&path)?;
    let current = match &existing {
        Some(text) => {
            let mut parsed = ConfigFile::parse(&path, text)?;
            parse_document(&path, text)?;
            parsed.profiles.remove(&profile)
        }
        None => None,
    };

    let interactive = !args.no_input && io::stdin().is_terminal() && io::stderr().is_terminal();
    let why_no_prompt = if args.no_input {
        "--no-input was given"
    } else {
        "not on a terminal"
    };
    if interactive {
        printer.err_line(&format!(
            "Configuring profile [{}] in {}",
            crate::sanitize::escape(&profile),
            display_path(&path)
        ));
    }

    let current_key = current.as_ref().and_then(|p| p.key.clone());
    let key = match &global.key {
        Some(k) => Input::new(check_value("key", k, "--key")?, "--key"),
        None if interactive => prompt_key(current_key.as_deref())?,
        None => match env(ENV_KEY) {
            Some(k) => Input::new(check_value("key", &k, ENV_KEY)?, ENV_KEY),
            None => {
                return Err(Error::Usage(format!(
                    "configure needs the client key: pass --key KEY ({why_no_prompt}, so no prompt)"
                )));
            }
        },
    };

    let current_secret = current.as_ref().and_then(|p| p.secret.clone());
    let secret = secret_input(
        global,
        interactive,
        current_secret.as_ref(),
        why_no_prompt,
        printer,
    )?;
    let extra = extra_settings(global)?;

    let mut fields: Vec<(&str, Value)> = Vec::new();
    if let Some(k) = &key.value {
        fields.push(("key", Value::from(k.as_str())));
    }
    if let Some(s) = &secret.value {
        fields.push(("secret", Value::from(s.as_str())));
    }
    fields.extend(extra);
    let written: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
    let done = write_profile(&path, &profile, fields)?;

    report(
        printer,
        &Report {
            path: &path,
            profile: &profile,
            created_file: done.created_file,
            created_profile: done.created_profile,
            written: &written,
            key: &key,
            secret: &secret,
        },
    )?;
    Ok(Exit::Success)
}

/// The secret to write: `--secret`, `--secret-file`, the hidden prompt, or `BIOMETRID_SECRET`.
fn secret_input(
    global: &GlobalOpts,
    interactive: bool,
    current: Option<&Secret>,
    why_no_prompt: &str,
    printer: &mut Printer,
) -> Result<Input> {
    let stdin_is_terminal = io::stdin().is_terminal();
    let input = match (&global.secret, &global.secret_file) {
        (Some(s), _) => {
            printer.warning(
                "a secret given with --secret is visible to other local users in the process list; prefer --secret-file or the prompt",
            );
            Input::new(check_value("secret", s, "--secret")?, "--secret")
        }
        // `--secret-file -` typed at a terminal: read it hidden rather than echoed.
        (None, Some(p)) if p == Path::new("-") && interactive && stdin_is_terminal => {
            prompt_secret(current)?
        }
        (None, Some(p)) => {
            let origin = Source::SecretFile(p.clone()).to_string();
            let value = settings::read_secret_file(p)?;
            Input::new(check_value("secret", &value, &origin)?, origin)
        }
        (None, None) if interactive => prompt_secret(current)?,
        (None, None) => match settings::process_env(ENV_SECRET) {
            Some(s) => Input::new(check_value("secret", &s, ENV_SECRET)?, ENV_SECRET),
            None => {
                return Err(Error::Usage(format!(
                    "configure needs the client secret: pass --secret-file PATH (`-` reads stdin) \
                     or set {ENV_SECRET} ({why_no_prompt}, so no prompt)"
                )));
            }
        },
    };
    Ok(input)
}

/// Other settings given as flags, saved in the profile too.
fn extra_settings(global: &GlobalOpts) -> Result<Vec<(&'static str, Value)>> {
    let mut extra: Vec<(&str, Value)> = Vec::new();
    if let Some(url) = &global.base_url {
        settings::parse_base_url(url, &Source::Flag("--base-url"), global.allow_insecure_http)?;
        extra.push(("base_url", Value::from(url.as_str())));
    }
    if let Some(t) = global.timeout {
        let v = if t.fract() == 0.0 {
            Value::from(t as i64)
        } else {
            Value::from(t)
        };
        extra.push(("timeout", v));
    }
    if let Some(r) = global.retries {
        extra.push(("retries", Value::from(i64::from(r))));
    }
    Ok(extra)
}

/// What [`write_profile`] found.
struct Written {
    created_file: bool,
    created_profile: bool,
}

/// Set `fields` in `profile` of the file at `path`, under the lock: the file is
/// read again once the lock is held, so a concurrent `configure` that wrote in
/// between (say, another profile) keeps its change.
fn write_profile(path: &Path, profile: &str, fields: Vec<(&str, Value)>) -> Result<Written> {
    let _lock = lock(path)?;
    check_replaceable(path)?;
    let existing = settings::read_config_text_if_present(path)?;
    let (mut doc, created_profile) = match &existing {
        Some(text) => {
            let parsed = ConfigFile::parse(path, text)?;
            (
                parse_document(path, text)?,
                !parsed.profiles.contains_key(profile),
            )
        }
        None => (new_document(), true),
    };

    // Edit the document: only this profile's keys change.
    let table = profile_table(&mut doc, profile, path)?;
    for (name, value) in fields {
        set(table, name, value);
    }
    let mut text = doc.to_string();
    // Keep Windows line endings where the file had them.
    if existing.as_deref().is_some_and(|t| t.contains("\r\n")) {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    // What we write must be what every other command can read.
    ConfigFile::parse(path, &text)?;

    write_atomically(path, text.as_bytes())?;
    Ok(Written {
        created_file: existing.is_none(),
        created_profile,
    })
}

fn parse_document(path: &Path, text: &str) -> Result<DocumentMut> {
    text.parse().map_err(|_| {
        Error::config(format!(
            "invalid config file {}",
            settings::escaped_path(path)
        ))
    })
}

/// Only a regular file (or nothing yet) may be replaced: the rename would put a
/// file holding the secret where a device, FIFO or socket was.
fn check_replaceable(path: &Path) -> Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read config file {}: {}",
                settings::escaped_path(path),
                settings::io_reason(&e)
            )));
        }
    };
    if meta.is_file() {
        return Ok(());
    }
    Err(Error::config_with_hint(
        format!(
            "config file {} is {}, not a regular file; nothing was written",
            settings::escaped_path(path),
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
            settings::escaped_path(path),
            settings::io_reason(e)
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

fn check_profile_name(name: &str) -> Result<()> {
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(Error::Usage(format!(
            "invalid profile name '{}': 1 to 64 characters, no control characters",
            crate::sanitize::excerpt(name, 64)
        )));
    }
    Ok(())
}

/// Key and secret travel as HTTP header values: visible ASCII, not empty.
/// The message never quotes the value (it may be the secret).
fn check_value(what: &str, value: &str, origin: &str) -> Result<String> {
    match value_problem(value) {
        None => Ok(value.to_string()),
        Some(problem) => Err(Error::Usage(format!("the {what} from {origin} {problem}"))),
    }
}

fn value_problem(value: &str) -> Option<&'static str> {
    if value.is_empty() {
        Some("is empty")
    } else if !value.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        Some("contains spaces, control or non-ASCII characters")
    } else if value.len() > 4096 {
        Some("is longer than 4096 characters")
    } else {
        None
    }
}

fn follow_symlink(path: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| {
            Error::config(format!(
                "config file {} is a symlink that cannot be followed: {}",
                display_path(path),
                settings::io_reason(&e)
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
         # retries. This file holds the secret: keep it mode 0600.\n\n",
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

fn prompt_key(current: Option<&str>) -> Result<Input> {
    let prompt = match current {
        Some(k) => format!(
            "Client key [{}]: ",
            crate::sanitize::excerpt(k, 64).replace('\u{2026}', "...")
        ),
        None => "Client key: ".to_string(),
    };
    // Caught before the prompt shows, so a Ctrl-C typed at once is reported too.
    let mut ctrl_c = catch_ctrl_c();
    for _ in 0..ATTEMPTS {
        let mut err = io::stderr().lock();
        let _ = err.write_all(prompt.as_bytes());
        let _ = err.flush();
        drop(err);
        let line = match read_line_or_ctrl_c(&mut ctrl_c) {
            Ok(Some(line)) => line,
            Ok(None) => return Err(interrupted()),
            Err(source) => {
                return Err(Error::Io {
                    context: "reading the key from the terminal".into(),
                    source,
                });
            }
        };
        if line.is_empty() {
            return Err(Error::Usage("no key entered (end of input)".into()));
        }
        let answer = line.trim();
        if answer.is_empty() {
            if current.is_some() {
                return Ok(Input::kept());
            }
            eprintln!("The key cannot be empty.");
            continue;
        }
        match value_problem(answer) {
            None => return Ok(Input::new(answer.to_string(), "prompt")),
            Some(problem) => eprintln!("The key {problem}; try again."),
        }
    }
    Err(Error::Usage(format!(
        "no valid key entered after {ATTEMPTS} attempts"
    )))
}

fn prompt_secret(current: Option<&Secret>) -> Result<Input> {
    let prompt = match current {
        Some(s) => format!(
            "Client secret [{}] (input hidden, Enter keeps it): ",
            s.masked()
        ),
        None => "Client secret (input hidden): ".to_string(),
    };
    // rpassword answers Ctrl-C in its raw mode by raising SIGINT; with a handler in
    // place that does not kill us with echo still off, and we can report it.
    let _ctrl_c = catch_ctrl_c();
    for _ in 0..ATTEMPTS {
        let answer = match rpassword::prompt_password(&prompt) {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(interrupted()),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                eprintln!();
                return Err(Error::Usage("no secret entered (end of input)".into()));
            }
            Err(source) => {
                return Err(Error::Io {
                    context: "reading the secret from the terminal".into(),
                    source,
                });
            }
        };
        if answer.is_empty() {
            if current.is_some() {
                return Ok(Input::kept());
            }
            eprintln!("The secret cannot be empty.");
            continue;
        }
        match value_problem(&answer) {
            None => return Ok(Input::new(answer, "prompt")),
            Some(problem) => eprintln!("The secret {problem}; try again."),
        }
    }
    Err(Error::Usage(format!(
        "no valid secret entered after {ATTEMPTS} attempts"
    )))
}

/// Ctrl-C at a prompt: said once, the same at every prompt, exit 130.
fn interrupted() -> Error {
    eprintln!("\ninterrupted: nothing was written");
    Error::Stopped(Signal::Interrupt)
}

/// One line of stdin (empty at end of input), or `None` when Ctrl-C comes first.
/// The read runs on its own thread: std retries a read that SIGINT interrupts, so
/// only a wait on both the line and the signal can answer Ctrl-C. On Ctrl-C that
/// thread is left blocked on stdin; the process exits right after.
#[cfg(unix)]
fn read_line_or_ctrl_c(ctrl_c: &mut Option<CtrlC>) -> io::Result<Option<String>> {
    let read = || {
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line).map(|_| line)
    };
    let Some((runtime, signal)) = ctrl_c else {
        return read().map(Some);
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = tx.send(read());
    });
    runtime.block_on(async {
        tokio::select! {
            _ = signal.recv() => Ok(None),
            line = rx => line
                .unwrap_or_else(|_| Err(io::Error::other("the reading thread stopped")))
                .map(Some),
        }
    })
}

#[cfg(not(unix))]
fn read_line_or_ctrl_c(_ctrl_c: &mut Option<CtrlC>) -> io::Result<Option<String>> {
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line).map(|_| Some(line))
}

/// Keep SIGINT from killing the process while the terminal is in raw mode.
/// The handler stays for the rest of the process (nothing else blocks afterwards).
#[cfg(unix)]
type CtrlC = (tokio::runtime::Runtime, tokio::signal::unix::Signal);
#[cfg(not(unix))]
type CtrlC = ();

#[cfg(unix)]
fn catch_ctrl_c() -> Option<CtrlC> {
    let runtime = super::runtime().ok()?;
    let signal = {
        let _guard = runtime.enter();
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).ok()?
    };
    Some((runtime, signal))
}

#[cfg(not(unix))]
fn catch_ctrl_c() -> Option<CtrlC> {
    None
}

/// Temp file in the same directory (so the rename is atomic), mode 0600, synced,
/// then renamed over the target. A directory it creates gets mode 0700.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |what: &str, e: &io::Error| {
        Error::config(format!(
            "cannot write config file {}: {what}: {}",
            display_path(path),
            settings::io_reason(e)
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

struct Report<'a> {
    path: &'a Path,
    profile: &'a str,
    created_file: bool,
    created_profile: bool,
    written: &'a [&'a str],
    key: &'a Input,
    secret: &'a Input,
}

/// Which file and profile were written, and where key and secret came from. Never the secret.
fn report(printer: &mut Printer, r: &Report) -> Result<()> {
    let line = match printer.mode() {
        Mode::Quiet => return Ok(()),
        Mode::Json => json!({
            "config": r.path.display().to_string(),
            "profile": r.profile,
            "created_file": r.created_file,
            "created_profile": r.created_profile,
            "written": r.written,
            "key_from": r.key.origin,
            "secret_from": r.secret.origin,
        })
        .to_string(),
        Mode::Human => format!(
            "Wrote profile [{}] to {}{} (key: {}, secret: {}).",
            crate::sanitize::escape(r.profile),
            display_path(r.path),
            if r.created_file { ", a new file" } else { "" },
            r.key.origin,
            r.secret.origin,
        ),
    };
    printer.print(&line)?;
    if printer.mode() == Mode::Human {
        let profile_flag = if r.profile == DEFAULT_PROFILE {
            String::new()
        } else {
            format!(" --profile {}", shell_word(r.profile))
        };
        printer.hint(&format!(
            "check it with `biometrid{profile_flag} config show`"
        ));
    }
    Ok(())
}

/// A profile name as one shell word, escaped for the terminal and quoted when it needs to be.
fn shell_word(s: &str) -> String {
    crate::sanitize::shell_word(&crate::sanitize::escape(s))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn values_are_checked_without_quoting_them() {
        let err = check_value("secret", "has space-s3cr3t", "--secret").unwrap_err();
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
        assert!(check_value("key", "", "--key").is_err());
        assert!(check_value("key", "ok-key_1", "--key").is_ok());
    }

    #[test]
    fn profile_names_are_checked() {
        assert!(check_profile_name("staging").is_ok());
        assert!(check_profile_name("").is_err());
        assert!(check_profile_name("a\nb").is_err());
        assert_eq!(shell_word("staging"), "staging");
        assert_eq!(shell_word("a b'c"), "'a b'\\''c'");
    }
}
