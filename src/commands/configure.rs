//! `biometrid configure [--profile P]`: write one profile of the config file.
//!
//! On a terminal it prompts for what no flag gives (the secret hidden; Enter keeps
//! the current value). Otherwise, or with `--no-input`, it takes `--key` (or
//! `BIOMETRID_KEY`) and the secret from `--secret-file` (or `--secret`, or
//! `BIOMETRID_SECRET`), and never prompts; a key or secret the profile already
//! has is kept when none is given (to change only, say, its timeout).
//!
//! The file is edited and written by `settings::write`.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use serde_json::json;
use toml_edit::Value;

use crate::cli::{ConfigureArgs, GlobalOpts};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::{Mode, Printer};
use crate::sanitize::display_path;
use crate::secret::Secret;
use crate::settings::write::{check_replaceable, follow_symlink, parse_document, write_profile};
use crate::settings::{
    self, ConfigFile, DEFAULT_PROFILE, ENV_KEY, ENV_SECRET, Source, value_problem,
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

/// The config file to write (through a symlink) and the profile in it, for
/// `configure` and `config set`: the file must be one that can be replaced.
pub(crate) fn target(global: &GlobalOpts) -> Result<(PathBuf, String)> {
    let env = settings::process_env;
    let target = settings::config_path(global, &env).ok_or_else(|| {
        Error::config("no config directory is known on this system; pass --config PATH")
    })?;
    let profile = settings::profile(global.profile.as_ref(), &env).value;
    check_profile_name(&profile)?;
    // Write through a symlink (dotfile managers), never replace it with a file.
    let path = follow_symlink(&target.value)?;
    // Before any read: reading a FIFO would block, and the rename would replace a device.
    check_replaceable(&path)?;
    Ok((path, profile))
}

pub fn run(global: &GlobalOpts, args: &ConfigureArgs, printer: &mut Printer) -> Result<Exit> {
    let env = settings::process_env;
    let (path, profile) = target(global)?;

    // The file as it is: an unreadable file, one that is not TOML or an error in
    // this profile stops us before any prompt; another profile's error is said
    // here, once. (It is read again under the lock before it is changed.)
    let existing = settings::read_config_text_if_present(&path)?;
    let current = match &existing {
        Some(text) => {
            let (mut parsed, warnings) = ConfigFile::parse_to_change(&path, text, &profile)?;
            parse_document(&path, text)?;
            for w in &warnings {
                printer.warning(w);
            }
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
            crate::sanitize::escaped_path(&path)
        ));
    }

    let current_key = current.as_ref().and_then(|p| p.key.clone());
    let key = match &global.key {
        Some(k) => Input::new(check_value("key", k, "--key")?, "--key"),
        None if interactive => prompt_key(current_key.as_deref())?,
        None => match env(ENV_KEY) {
            Some(k) => Input::new(check_value("key", &k, ENV_KEY)?, ENV_KEY),
            // Changing another setting of a profile that has its key: keep it.
            None if current_key.is_some() => Input::kept(),
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
    let fields = fields.into_iter().map(|(k, v)| (k, Some(v))).collect();
    let done = write_profile(&path, &profile, fields)?;

    report(
        printer,
        &Report {
            path: &path,
            global,
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
            None if current.is_some() => Input::kept(),
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
        extra.push(("timeout", seconds(t)));
    }
    if let Some(t) = global.connect_timeout {
        extra.push(("connect_timeout", seconds(t)));
    }
    if let Some(r) = global.retries {
        extra.push(("retries", Value::from(i64::from(r))));
    }
    if let Some(rate) = global.rate {
        extra.push(("rate", Value::from(rate.to_string())));
    }
    Ok(extra)
}

/// Seconds as the file keeps them: `10`, or `1.5`.
fn seconds(t: f64) -> Value {
    match t.fract() == 0.0 {
        true => Value::from(t as i64),
        false => Value::from(t),
    }
}

/// The settings `config set` writes, each checked as `configure` checks the
/// same flag; the secret is not among them (it never goes on a command line).
pub(crate) const SETTABLE: [&str; 6] = [
    "key",
    "base_url",
    "timeout",
    "connect_timeout",
    "retries",
    "rate",
];

/// `text` as the value of setting `name` in the file, checked as `configure`
/// checks the same flag: a usage error naming the setting when it is not valid.
pub(crate) fn setting_value(name: &str, text: &str, allow_insecure_http: bool) -> Result<Value> {
    let bad = |why: String| Error::Usage(format!("invalid {name}: {why}"));
    let value = match name {
        "key" => Value::from(check_value("key", text, "the command line")?),
        "base_url" => {
            let source = Source::Flag("the command line");
            settings::parse_base_url(text, &source, allow_insecure_http).map_err(|e| {
                let hint = e.hint().map(|h| format!("; {h}")).unwrap_or_default();
                Error::Usage(format!("{e}{hint}"))
            })?;
            Value::from(text)
        }
        "timeout" | "connect_timeout" => seconds(crate::parse::parse_seconds(text).map_err(bad)?),
        "retries" => Value::from(i64::from(
            crate::parse::parse_retries(text, settings::MAX_RETRIES).map_err(bad)?,
        )),
        "rate" => Value::from(
            crate::parse::parse_rate_limit(text)
                .map_err(bad)?
                .to_string(),
        ),
        other => return Err(Error::Internal(format!("not a setting: {other}"))),
    };
    Ok(value)
}

fn check_profile_name(name: &str) -> Result<()> {
    match settings::profile_name_problem(name) {
        Some(message) => Err(Error::Usage(message)),
        None => Ok(()),
    }
}

/// Key and secret travel as HTTP header values (see [`settings::value_problem`]).
/// The message never quotes the value (it may be the secret).
fn check_value(what: &str, value: &str, origin: &str) -> Result<String> {
    match value_problem(value) {
        None => Ok(value.to_string()),
        Some(problem) => Err(Error::Usage(format!("the {what} from {origin} {problem}"))),
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
            _ = signal.next() => Ok(None),
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
type CtrlC = (tokio::runtime::Runtime, crate::signal::Listener);
#[cfg(not(unix))]
type CtrlC = ();

#[cfg(unix)]
fn catch_ctrl_c() -> Option<CtrlC> {
    let runtime = super::runtime().ok()?;
    let listener = {
        let _guard = runtime.enter();
        crate::signal::Listener::new(&[Signal::Interrupt])
    };
    Some((runtime, listener))
}

#[cfg(not(unix))]
fn catch_ctrl_c() -> Option<CtrlC> {
    None
}

struct Report<'a> {
    path: &'a Path,
    /// The run's options (`--config` as given, `--allow-insecure-http`).
    global: &'a GlobalOpts,
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
        printer.hint(&format!(
            "check it with `{} config show`",
            invocation(r.global, r.profile)
        ));
    }
    Ok(())
}

/// `biometrid` with the `--config` and `--allow-insecure-http` of `global` and
/// the profile just written (unless `default`): the command a hint names reads
/// what was written, and accepts the plain-http base URL this run accepted.
pub(crate) fn invocation(global: &GlobalOpts, profile: &str) -> String {
    GlobalOpts {
        config: global.config.clone(),
        profile: (profile != DEFAULT_PROFILE).then(|| profile.to_string()),
        allow_insecure_http: global.allow_insecure_http,
        ..Default::default()
    }
    .invocation()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(invocation(&GlobalOpts::default(), "default"), "biometrid");
        let global = GlobalOpts {
            config: Some("/x y/c.toml".into()),
            allow_insecure_http: true,
            ..GlobalOpts::default()
        };
        assert_eq!(
            invocation(&global, "a b'c"),
            "biometrid --config '/x y/c.toml' --profile 'a b'\\''c' --allow-insecure-http"
        );
    }
}
