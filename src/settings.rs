//! Settings resolution: every setting with the source it came from.
//!
//! Precedence, per setting (contract, "Settings and where they come from"):
//! flag > profile named by `--profile` > environment > profile named by
//! `BIOMETRID_PROFILE` (or `default`) > built-in default.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;
use serde::Deserialize;

use crate::cli::GlobalOpts;
use crate::error::{Error, Result};
use crate::parse::{check_seconds, parse_retries, parse_seconds};
use crate::secret::Secret;

pub const DEFAULT_BASE_URL: &str = "https://api.biometrid.com";
pub const DEFAULT_TIMEOUT_SECS: f64 = 30.0;
pub const DEFAULT_RETRIES: u32 = 2;
pub const MAX_RETRIES: u32 = 10;
pub const DEFAULT_PROFILE: &str = "default";

pub const ENV_KEY: &str = "BIOMETRID_KEY";
pub const ENV_SECRET: &str = "BIOMETRID_SECRET";
pub const ENV_BASE_URL: &str = "BIOMETRID_BASE_URL";
pub const ENV_PROFILE: &str = "BIOMETRID_PROFILE";
pub const ENV_CONFIG: &str = "BIOMETRID_CONFIG";
pub const ENV_TIMEOUT: &str = "BIOMETRID_TIMEOUT";
pub const ENV_RETRIES: &str = "BIOMETRID_RETRIES";

/// One mebibyte: the cap of the config file, the secret file, `--cacert` and the
/// sandbox scenario, so `/dev/zero` ends at once instead of filling memory.
pub const MIB: u64 = 1 << 20;
/// The size caps of the files the tool reads.
pub const CONFIG_FILE_CAP: u64 = MIB;
pub const SECRET_FILE_CAP: u64 = MIB;
/// `--cacert`: a CA bundle is a few hundred KiB at most.
pub const CACERT_CAP: u64 = MIB;
/// The sandbox's scenario file.
pub const SCENARIO_FILE_CAP: u64 = MIB;
/// The secret itself (the first line of its file): the same cap `configure` puts on a value.
pub const SECRET_MAX_BYTES: usize = 4096;

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    /// `--secret-file PATH` (`-` is stdin).
    SecretFile(PathBuf),
    Env(&'static str),
    File {
        path: PathBuf,
        profile: String,
    },
    Default,
}

impl Source {
    /// The form `config show` uses: `flag`, `env NAME`, `file PATH [profile]`, `default`.
    pub fn label(&self) -> String {
        match self {
            Source::Flag(_) => "flag".into(),
            Source::SecretFile(p) => format!("flag --secret-file {}", display_path(p)),
            Source::Env(name) => format!("env {name}"),
            Source::File { path, profile } => format!("file {} [{profile}]", display_path(path)),
            Source::Default => "default".into(),
        }
    }
}

/// The form hints use: "key from BIOMETRID_KEY, secret from ~/.config/biometrid/config.toml [default]".
impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(name) => write!(f, "{name}"),
            Source::SecretFile(p) if p == Path::new("-") => f.write_str("--secret-file - (stdin)"),
            Source::SecretFile(p) => write!(f, "--secret-file {}", display_path(p)),
            Source::Env(name) => f.write_str(name),
            Source::File { path, profile } => write!(f, "{} [{profile}]", display_path(path)),
            Source::Default => f.write_str("the built-in default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Resolved<T> {
    pub value: T,
    pub source: Source,
}

/// Every setting, resolved once at start-up and then only read.
#[derive(Debug)]
pub struct Settings {
    pub key: Option<Resolved<String>>,
    pub secret: Option<Resolved<Secret>>,
    pub base_url: Resolved<Url>,
    pub timeout: Resolved<Duration>,
    pub retries: Resolved<u32>,
    pub profile: Resolved<String>,
    /// The config file in use (`None` when the default path has no file).
    pub config_path: Resolved<PathBuf>,
    pub config_loaded: bool,
    pub cacert: Option<PathBuf>,
    /// Warnings to show once on stderr (e.g. a config file readable by others).
    pub warnings: Vec<String>,
}

/// Key and secret, both present, with their sources for hints.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub key: Resolved<String>,
    pub secret: Resolved<Secret>,
}

impl Credentials {
    /// "key from BIOMETRID_KEY, secret from ~/.config/biometrid/config.toml [default]"
    pub fn origin(&self) -> String {
        format!(
            "key from {}, secret from {}",
            self.key.source, self.secret.source
        )
    }
}

impl Settings {
    /// Both credentials, or a configuration error that says where they were looked for.
    pub fn credentials(&self) -> Result<Credentials> {
        // Where the missing one was looked for, and where the other one came from.
        let looked = |what: &str, flag: &str, env: &str, other: Option<String>| {
            let file = if self.config_loaded {
                format!(
                    "{} [{}]",
                    display_path(&self.config_path.value),
                    crate::sanitize::escape(&self.profile.value)
                )
            } else {
                format!("{} (no such file)", display_path(&self.config_path.value))
            };
            let other = other.map(|o| format!(" ({o})")).unwrap_or_default();
            let configure = if self.profile.value == DEFAULT_PROFILE {
                "biometrid configure".to_string()
            } else {
                format!(
                    "biometrid configure --profile {}",
                    crate::sanitize::escape(&self.profile.value)
                )
            };
            format!(
                "no {what} in {flag}, {env} or {file}{other}; set it in one of those, or run `{configure}`"
            )
        };
        let key = self.key.clone().ok_or_else(|| Error::MissingCredential {
            what: "key",
            hint: looked(
                "key",
                "--key",
                ENV_KEY,
                self.secret
                    .as_ref()
                    .map(|s| format!("secret from {}", s.source)),
            ),
        })?;
        let secret = self
            .secret
            .clone()
            .ok_or_else(|| Error::MissingCredential {
                what: "secret",
                hint: looked(
                    "secret",
                    "--secret-file",
                    ENV_SECRET,
                    Some(format!("key from {}", key.source)),
                ),
            })?;
        Ok(Credentials { key, secret })
    }
}

/// One profile of the config file. Unknown keys are errors: a typo such as
/// `secert` must not silently leave the secret unset.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub key: Option<String>,
    pub secret: Option<Secret>,
    pub base_url: Option<String>,
    #[serde(default, deserialize_with = "de_seconds")]
    pub timeout: Option<f64>,
    pub retries: Option<u32>,
}

fn de_seconds<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<f64>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = f64;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number of seconds")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<f64, E> {
            Ok(v)
        }
    }
    let secs = d.deserialize_any(V)?;
    check_seconds(secs)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// A parsed config file: profile name to profile.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub profiles: BTreeMap<String, Profile>,
}

impl ConfigFile {
    /// Parse TOML text. Errors name the file and line, and never quote values
    /// (the line may hold the secret).
    pub fn parse(path: &Path, text: &str) -> Result<ConfigFile> {
        let hint =
            "each profile is a [table] with the keys key, secret, base_url, timeout, retries";
        match toml::from_str::<BTreeMap<String, Profile>>(text) {
            Ok(profiles) => Ok(ConfigFile {
                path: path.to_path_buf(),
                profiles,
            }),
            Err(e) => {
                // A setting above every [table] reads to serde as "expected struct
                // Profile": say it in the file's terms instead.
                if let Some((key, line)) = key_outside_tables(text) {
                    return Err(Error::config_with_hint(
                        format!(
                            "invalid config file {}:{line}: `{}` is outside any [profile] table; put it under [default]",
                            escaped_path(path),
                            crate::sanitize::escape(&key)
                        ),
                        hint,
                    ));
                }
                let (line, message) = toml_error(text, &e);
                let at = match line {
                    Some(l) => format!("{}:{l}", escaped_path(path)),
                    None => escaped_path(path),
                };
                Err(Error::config_with_hint(
                    format!("invalid config file {at}: {message}"),
                    hint,
                ))
            }
        }
    }

    pub fn load(path: &Path) -> Result<ConfigFile> {
        let text = read_config_text(path)?;
        Self::parse(path, &text)
    }

    /// Like [`ConfigFile::load`], but a file that does not exist is `None`. Only a
    /// genuine "not found" is absence: a file that exists but cannot be read
    /// (permissions, a loop of symlinks) is an error with its real reason.
    pub fn load_if_present(path: &Path) -> Result<Option<ConfigFile>> {
        match read_config_text_if_present(path)? {
            Some(text) => Self::parse(path, &text).map(Some),
            None => Ok(None),
        }
    }
}

/// [`read_config_text`], with `None` only when the file genuinely does not exist.
pub fn read_config_text_if_present(path: &Path) -> Result<Option<String>> {
    match read_capped(path, CONFIG_FILE_CAP) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        read => config_text(path, read).map(Some),
    }
}

/// The config file's text: at most [`CONFIG_FILE_CAP`] bytes of UTF-8.
pub fn read_config_text(path: &Path) -> Result<String> {
    config_text(path, read_capped(path, CONFIG_FILE_CAP))
}

fn config_text(path: &Path, read: std::io::Result<Vec<u8>>) -> Result<String> {
    let bytes = read.map_err(|e| read_error("config file", path, CONFIG_FILE_CAP, &e))?;
    String::from_utf8(bytes).map_err(|_| {
        Error::config(format!(
            "cannot read config file {}: it is not UTF-8 text",
            escaped_path(path)
        ))
    })
}

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

/// A TOML parse error of `text` as its line (when known) and a one-line message
/// that quotes no value: for config and scenario files alike.
pub fn toml_error(text: &str, e: &toml::de::Error) -> (Option<usize>, String) {
    let line = e.span().map(|s| line_of(text, s.start));
    (line, one_line(e.message()))
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// The first top-level key whose value is not a table, and its line.
fn key_outside_tables(text: &str) -> Option<(String, usize)> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let table = doc.as_table();
    let (name, _) = table
        .iter()
        .find(|(_, item)| matches!(item, toml_edit::Item::Value(v) if !v.is_inline_table()))?;
    let line = table
        .key(name)
        .and_then(|k| k.span())
        .map_or(1, |s| line_of(text, s.start));
    Some((name.to_string(), line))
}

/// A parser message for one line of output: values redacted, and the parser's
/// continuation lines ("invalid table header\nexpected `.`, `]`") joined with "; "
/// rather than shown as a literal `\n`.
pub fn one_line(message: &str) -> String {
    message
        .lines()
        .map(redact_quoted)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// serde quotes offending string values in its messages; a value may be the secret.
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    // serde prints a value as a Rust string literal: `\"` inside it does not end it.
    let mut escaped = false;
    for c in message.chars() {
        if inside && (escaped || c == '\\') {
            escaped = !escaped;
        } else if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    crate::sanitize::escape(out.trim_end())
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// `~/...` for paths under the home directory: shorter, and the same on every machine.
pub fn display_path(path: &Path) -> String {
    if let Some(home) = dirs::home_dir() {
        if let Ok(rest) = path.strip_prefix(&home) {
            if !home.as_os_str().is_empty() && home != Path::new("/") {
                return format!("~/{}", rest.display());
            }
        }
    }
    path.display().to_string()
}

/// The default config file: `<config dir>/biometrid/config.toml`.
pub fn default_config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("biometrid").join("config.toml"))
}

/// The config path in effect, with its source; `None` when no default can be found.
pub fn config_path(
    flags: &GlobalOpts,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<Resolved<PathBuf>> {
    if let Some(p) = &flags.config {
        return Some(Resolved {
            value: p.clone(),
            source: Source::Flag("--config"),
        });
    }
    if let Some(p) = env(ENV_CONFIG) {
        return Some(Resolved {
            value: PathBuf::from(p),
            source: Source::Env(ENV_CONFIG),
        });
    }
    default_config_path().map(|value| Resolved {
        value,
        source: Source::Default,
    })
}

/// The process environment, with empty variables treated as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Resolve every setting from the flags, the environment and the config file.
pub fn resolve(flags: &GlobalOpts, env: &dyn Fn(&str) -> Option<String>) -> Result<Settings> {
    let mut warnings = Vec::new();

    // The config file: explicit paths must exist, the default one may not.
    let config_path = config_path(flags, env).unwrap_or(Resolved {
        value: PathBuf::from("config.toml"),
        source: Source::Default,
    });
    let file = match config_path.source {
        Source::Default => ConfigFile::load_if_present(&config_path.value)?,
        _ => Some(ConfigFile::load(&config_path.value)?),
    };
    if file.is_some() {
        if let Some(w) = permission_warning(&config_path.value) {
            warnings.push(w);
        }
    }

    // The profile: flag, then environment, then `default`.
    let (profile, profile_from_flag) = match (&flags.profile, env(ENV_PROFILE)) {
        (Some(p), _) => (
            Resolved {
                value: p.clone(),
                source: Source::Flag("--profile"),
            },
            true,
        ),
        (None, Some(p)) => (
            Resolved {
                value: p,
                source: Source::Env(ENV_PROFILE),
            },
            false,
        ),
        (None, None) => (
            Resolved {
                value: DEFAULT_PROFILE.to_string(),
                source: Source::Default,
            },
            false,
        ),
    };
    let empty = Profile::default();
    let chosen: &Profile = match file.as_ref().and_then(|f| f.profiles.get(&profile.value)) {
        Some(p) => p,
        None if profile.source == Source::Default => &empty,
        None => {
            let where_ = match &file {
                Some(f) => {
                    let known: Vec<&str> = f.profiles.keys().map(String::as_str).collect();
                    let known = if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    };
                    format!(
                        "config file {} has no profile [{}] (profiles: {known})",
                        display_path(&f.path),
                        crate::sanitize::escape(&profile.value)
                    )
                }
                None => format!(
                    "profile [{}] not found: no config file at {}",
                    crate::sanitize::escape(&profile.value),
                    display_path(&config_path.value)
                ),
            };
            return Err(Error::config_with_hint(
                where_,
                format!(
                    "create it with `biometrid configure --profile {}`",
                    crate::sanitize::escape(&profile.value)
                ),
            ));
        }
    };
    let file_source = || Source::File {
        path: config_path.value.clone(),
        profile: profile.value.clone(),
    };

    // One setting: flag, the --profile flag's profile, env, the chosen profile, default.
    fn pick<T>(
        flag: Option<(T, Source)>,
        from_file: Option<T>,
        profile_from_flag: bool,
        from_env: Option<(T, Source)>,
        file_source: &dyn Fn() -> Source,
    ) -> Option<(T, Source)> {
        let file = from_file.map(|v| (v, file_source()));
        if profile_from_flag {
            flag.or(file).or(from_env)
        } else {
            flag.or(from_env).or(file)
        }
    }

    let env_parsed = |name: &'static str| env(name).map(|v| (v, Source::Env(name)));

    let key = pick(
        flags.key.clone().map(|k| (k, Source::Flag("--key"))),
        chosen.key.clone(),
        profile_from_flag,
        env_parsed(ENV_KEY),
        &file_source,
    );
    let key = match key {
        Some((value, source)) => Some(Resolved {
            value: check_header_value("key", &value, &source)?,
            source,
        }),
        None => None,
    };

    let secret_flag = match (&flags.secret, &flags.secret_file) {
        (Some(s), _) => Some((s.clone(), Source::Flag("--secret"))),
        (None, Some(path)) => Some((read_secret_file(path)?, Source::SecretFile(path.clone()))),
        (None, None) => None,
    };
    let secret = pick(
        secret_flag,
        chosen.secret.as_ref().map(|s| s.expose().to_string()),
        profile_from_flag,
        env_parsed(ENV_SECRET),
        &file_source,
    );
    let secret = match secret {
        Some((value, source)) => {
            check_header_value("secret", &value, &source)?;
            Some(Resolved {
                value: Secret::new(value),
                source,
            })
        }
        None => None,
    };

    let base = pick(
        flags
            .base_url
            .clone()
            .map(|u| (u, Source::Flag("--base-url"))),
        chosen.base_url.clone(),
        profile_from_flag,
        env_parsed(ENV_BASE_URL),
        &file_source,
    )
    .unwrap_or((DEFAULT_BASE_URL.to_string(), Source::Default));
    let base_url = Resolved {
        value: parse_base_url(&base.0, &base.1, flags.allow_insecure_http)?,
        source: base.1,
    };

    let env_timeout = match env(ENV_TIMEOUT) {
        Some(v) => Some((
            parse_seconds(&v).map_err(|e| Error::config(format!("{ENV_TIMEOUT}: {e}")))?,
            Source::Env(ENV_TIMEOUT),
        )),
        None => None,
    };
    let timeout = pick(
        flags.timeout.map(|t| (t, Source::Flag("--timeout"))),
        chosen.timeout,
        profile_from_flag,
        env_timeout,
        &file_source,
    )
    .unwrap_or((DEFAULT_TIMEOUT_SECS, Source::Default));

    let env_retries = match env(ENV_RETRIES) {
        Some(v) => Some((
            parse_retries(&v, MAX_RETRIES)
                .map_err(|e| Error::config(format!("{ENV_RETRIES}: {e}")))?,
            Source::Env(ENV_RETRIES),
        )),
        None => None,
    };
    let file_retries = match chosen.retries {
        Some(r) if r > MAX_RETRIES => {
            return Err(Error::config(format!(
                "invalid config file {} [{}]: retries must be 0 to {MAX_RETRIES}, not {r}",
                display_path(&config_path.value),
                profile.value
            )));
        }
        r => r,
    };
    let retries = pick(
        flags.retries.map(|r| (r, Source::Flag("--retries"))),
        file_retries,
        profile_from_flag,
        env_retries,
        &file_source,
    )
    .unwrap_or((DEFAULT_RETRIES, Source::Default));

    Ok(Settings {
        key,
        secret,
        base_url,
        timeout: Resolved {
            value: Duration::from_secs_f64(timeout.0),
            source: timeout.1,
        },
        retries: Resolved {
            value: retries.0,
            source: retries.1,
        },
        profile,
        config_loaded: file.is_some(),
        config_path,
        cacert: flags.cacert.clone(),
        warnings,
    })
}

/// Key and secret travel as HTTP header values: visible ASCII only, not empty.
fn check_header_value(what: &str, value: &str, source: &Source) -> Result<String> {
    if value.is_empty() {
        return Err(Error::config(format!("the {what} from {source} is empty")));
    }
    if !value.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err(Error::config(format!(
            "the {what} from {source} contains spaces, control or non-ASCII characters"
        )));
    }
    Ok(value.to_string())
}

/// The first line of the file (or stdin), without its line ending. The file may
/// be at most [`SECRET_FILE_CAP`] and the secret [`SECRET_MAX_BYTES`]; neither is
/// read further than that (a 200 MB line, `/dev/zero`: an error at once).
pub fn read_secret_file(path: &Path) -> Result<String> {
    let failed = |e: std::io::Error| read_error("secret file", path, SECRET_FILE_CAP, &e);
    let bytes = if path == Path::new("-") {
        // Stdin may be a terminal or an endless pipe: only its first line is read.
        let mut line = Vec::new();
        std::io::stdin()
            .lock()
            .take(SECRET_FILE_CAP + 1)
            .read_until(b'\n', &mut line)
            .map_err(failed)?;
        if line.len() as u64 > SECRET_FILE_CAP {
            return Err(failed(std::io::ErrorKind::FileTooLarge.into()));
        }
        line
    } else {
        read_capped(path, SECRET_FILE_CAP).map_err(failed)?
    };
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = first.strip_suffix(b"\r").unwrap_or(first);
    if first.len() > SECRET_MAX_BYTES {
        return Err(Error::config(format!(
            "the secret in {} (its first line) is longer than {SECRET_MAX_BYTES} bytes",
            escaped_path(path)
        )));
    }
    String::from_utf8(first.to_vec()).map_err(|_| {
        Error::config(format!(
            "the secret from --secret-file {} contains spaces, control or non-ASCII characters",
            escaped_path(path)
        ))
    })
}

/// A path for a message: `~/` for home, control characters escaped.
pub fn escaped_path(path: &Path) -> String {
    crate::sanitize::escape(&display_path(path))
}

/// A base URL we are willing to send the secret to.
pub fn parse_base_url(text: &str, source: &Source, allow_insecure_http: bool) -> Result<Url> {
    // Never echo `user:password@` back: the password may well be the secret.
    let shown = crate::sanitize::excerpt(&redact_userinfo(text), 200);
    let bad = |why: &str| Error::config(format!("invalid base URL '{shown}' from {source}: {why}"));
    let url = Url::parse(text).map_err(|e| bad(&e.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("credentials in the URL are not supported"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("a base URL has no query or fragment"));
    }
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&url) => {}
        "http" => {
            return Err(Error::config_with_hint(
                format!(
                    "refusing to send credentials over plain http to '{shown}' (from {source})"
                ),
                "use https, or pass --allow-insecure-http if you really mean it",
            ));
        }
        other => return Err(bad(&format!("unsupported scheme '{other}' (use https)"))),
    }
    if url.host().is_none() {
        return Err(bad("no host"));
    }
    Ok(url)
}

/// `scheme://user:pass@host/...` as `scheme://***@host/...`, by text (the URL may not parse).
fn redact_userinfo(text: &str) -> String {
    let start = text.find("://").map_or(0, |i| i + 3);
    // Up to the last `@` before any query or fragment: a password may hold a `/`.
    let end = text[start..]
        .find(['?', '#'])
        .map_or(text.len(), |i| start + i);
    match text[start..end].rfind('@') {
        Some(at) => format!("{}***{}", &text[..start], &text[start + at..]),
        None => text.to_string(),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// On Unix, a config file readable by group or others holds a secret others can read.
#[cfg(unix)]
pub fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "config file {} is readable by group or others (mode {:03o}) and may hold the secret; fix it with: chmod 600 {}",
            display_path(path),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub fn permission_warning(_path: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn redacts_quoted_values_from_messages() {
        assert_eq!(
            redact_quoted("invalid type: string \"s3cr3t\", expected struct Profile"),
            "invalid type: string \"…\", expected struct Profile"
        );
    }

    #[test]
    fn config_parse_errors_name_file_and_line() {
        let err = ConfigFile::parse(
            Path::new("/x/c.toml"),
            "[default]\nkey = \"k\"\nsecert = \"s\"\n",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("/x/c.toml:3"), "{text}");
        assert!(text.contains("secert"), "{text}");
    }

    #[test]
    fn wrong_type_is_an_error_without_the_value() {
        let err =
            ConfigFile::parse(Path::new("c.toml"), "secret = \"topsecretvalue\"\n").unwrap_err();
        assert!(!err.to_string().contains("topsecretvalue"), "{err}");
        let err =
            ConfigFile::parse(Path::new("c.toml"), "[default]\ntimeout = \"ten\"\n").unwrap_err();
        assert!(err.to_string().contains("c.toml:2"), "{err}");
    }

    #[test]
    fn timeout_accepts_integers_and_fractions() {
        let f =
            ConfigFile::parse(Path::new("c"), "[a]\ntimeout = 10\n[b]\ntimeout = 0.5\n").unwrap();
        assert_eq!(f.profiles["a"].timeout, Some(10.0));
        assert_eq!(f.profiles["b"].timeout, Some(0.5));
        assert!(ConfigFile::parse(Path::new("c"), "[a]\ntimeout = -1\n").is_err());
    }

    #[test]
    fn seconds_and_retries_are_validated() {
        assert_eq!(parse_retries("0", MAX_RETRIES), Ok(0));
        assert!(parse_retries("11", MAX_RETRIES).is_err());
        assert!(parse_retries("-1", MAX_RETRIES).is_err());
    }

    #[test]
    fn base_url_rules() {
        let src = Source::Default;
        assert!(parse_base_url("https://api.example", &src, false).is_ok());
        for ok in [
            "http://127.0.0.1:1",
            "http://127.9.9.9",
            "http://[::1]:8",
            "http://localhost:9",
            "http://LOCALHOST",
        ] {
            assert!(parse_base_url(ok, &src, false).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "ftp://x",
            "https://u:p@x",
            "https://x/?q=1",
            "not a url",
        ] {
            assert!(parse_base_url(bad, &src, false).is_err(), "{bad}");
        }
        assert!(parse_base_url("http://example.com", &src, true).is_ok());
    }

    #[test]
    fn environment_beats_default_profile_but_not_flags() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            "[default]\nkey = \"file-key\"\nsecret = \"file-secret\"\n[p]\nkey = \"p-key\"\n",
        )
        .unwrap();
        let flags = GlobalOpts {
            config: Some(path.clone()),
            ..Default::default()
        };
        let s = resolve(&flags, &env_of(&[("BIOMETRID_KEY", "env-key")])).unwrap();
        assert_eq!(s.key.as_ref().unwrap().value, "env-key");
        assert_eq!(s.secret.as_ref().unwrap().value.expose(), "file-secret");

        // --profile outranks the environment for what that profile defines.
        let flags = GlobalOpts {
            config: Some(path.clone()),
            profile: Some("p".into()),
            ..Default::default()
        };
        let s = resolve(
            &flags,
            &env_of(&[
                ("BIOMETRID_KEY", "env-key"),
                ("BIOMETRID_SECRET", "env-secret"),
            ]),
        )
        .unwrap();
        assert_eq!(s.key.as_ref().unwrap().value, "p-key");
        assert_eq!(s.secret.as_ref().unwrap().value.expose(), "env-secret");

        // BIOMETRID_PROFILE does not.
        let flags = GlobalOpts {
            config: Some(path),
            ..Default::default()
        };
        let s = resolve(
            &flags,
            &env_of(&[("BIOMETRID_KEY", "env-key"), ("BIOMETRID_PROFILE", "p")]),
        )
        .unwrap();
        assert_eq!(s.key.as_ref().unwrap().value, "env-key");
        assert!(s.secret.is_none());
    }
}
