//! The config file format: profiles and their allowed keys, the checks on each
//! value (one definition, for reading and for `configure`), and parse errors
//! that never quote a value.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::parse::{RateLimit, check_seconds, parse_duration, parse_rate_limit};
use crate::sanitize::{escaped_path, shell_path};
use crate::secret::Secret;

use crate::files::{CONFIG_FILE_CAP, read_capped, read_error};

use super::MAX_RETRIES;

/// A key or secret is at most this long.
pub const VALUE_MAX_BYTES: usize = 4096;

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
    #[serde(default, deserialize_with = "de_seconds")]
    pub connect_timeout: Option<f64>,
    #[serde(default, deserialize_with = "de_retries")]
    pub retries: Option<u32>,
    #[serde(default, deserialize_with = "de_rate")]
    pub rate: Option<RateLimit>,
}

/// `retries = 2`: 0 to [`MAX_RETRIES`].
fn de_retries<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<u32>, D::Error> {
    let n = i64::deserialize(d)?;
    match u32::try_from(n) {
        Ok(r) if r <= MAX_RETRIES => Ok(Some(r)),
        _ => Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Signed(n),
            &"0 to 10",
        )),
    }
}

/// `rate = "10/s"`, `rate = 10` (per second) or `rate = "unlimited"`.
fn de_rate<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<RateLimit>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a rate such as \"10/s\", \"100/m\" or a number per second")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<String, E> {
            Ok(v.to_string())
        }
    }
    let text = d.deserialize_any(V)?;
    // Never quote the value: a line of the config file may hold the secret.
    parse_rate_limit(&text).map(Some).map_err(|_| {
        serde::de::Error::custom(
            "not a rate: N/s, N/m, N/h or N (per second), N more than 0 (e.g. 10/s), or unlimited",
        )
    })
}

fn de_seconds<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<f64>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = f64;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number of seconds or a duration such as \"1.5s\"")
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
        fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<f64, E> {
            // Never quote the value: a line of the config file may hold the secret.
            parse_duration(v).map(|d| d.as_secs_f64()).map_err(|_| {
                E::custom(
                    "not a duration: plain seconds (30, 1.5) or with a unit (500ms, 1.5s, 2m)",
                )
            })
        }
    }
    let secs = d.deserialize_any(V)?;
    check_seconds(secs)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// The keys a profile may hold, for hints.
const KEYS_HINT: &str = "each profile is a [table] with the keys key, secret, base_url, timeout, \
     connect_timeout, retries, rate";

/// A parsed config file: profile name to profile. A profile with an error (a
/// typo, a wrong type) is kept apart in `broken`: only the profile in use must
/// be valid, so a typo in an unused `[staging]` never stops a command.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub profiles: BTreeMap<String, Profile>,
    /// The profiles that do not read, each with its error (file, line, key).
    pub broken: BTreeMap<String, Error>,
}

impl ConfigFile {
    /// Parse TOML text, every profile strictly: the first error anywhere is the
    /// error. For `configure` and `config set`, which must not rewrite a file they
    /// cannot read, and for the fuzz and property tests.
    pub fn parse(path: &Path, text: &str) -> Result<ConfigFile> {
        let mut file = Self::parse_lenient(path, text)?;
        match std::mem::take(&mut file.broken).into_values().next() {
            Some(e) => Err(e),
            None => Ok(file),
        }
    }

    /// Parse TOML text to change `profile` (configure, config set and unset): the
    /// file must be TOML and `profile` valid, or it is not rewritten. Another
    /// profile's error does not stop the change (only the profile in use must be
    /// valid): it comes back as the warning every command prints for it.
    pub fn parse_to_change(
        path: &Path,
        text: &str,
        profile: &str,
    ) -> Result<(ConfigFile, Vec<String>)> {
        let mut file = Self::parse_lenient(path, text)?;
        if let Some(e) = file.broken.remove(profile) {
            return Err(e);
        }
        let warnings = std::mem::take(&mut file.broken)
            .values()
            .map(|e| other_profile_warning(e, profile))
            .collect();
        Ok((file, warnings))
    }

    /// Parse TOML text. A file that is not TOML, or holds a setting outside any
    /// profile, is an error; a profile with an error is put in `broken`. Errors
    /// name the file, the line and the key, and never quote values (the line may
    /// hold the secret).
    pub fn parse_lenient(path: &Path, text: &str) -> Result<ConfigFile> {
        let doc = toml_edit::ImDocument::parse(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            file_error(path, line, &one_line(e.message()))
        })?;
        // A setting above every [table] is not a profile: say it in the file's terms.
        if let Some((key, line)) = key_outside_tables(&doc) {
            return Err(file_error(
                path,
                Some(line),
                &format!(
                    "`{}` is outside any [profile] table; put it under [default]",
                    crate::sanitize::escape(&key)
                ),
            ));
        }
        let mut file = ConfigFile {
            path: path.to_path_buf(),
            profiles: BTreeMap::new(),
            broken: BTreeMap::new(),
        };
        for (name, item) in doc.as_table().iter() {
            match read_profile(item) {
                Ok(p) => {
                    file.profiles.insert(name.to_string(), p);
                }
                Err(e) => {
                    let error = profile_error(path, text, &doc, name, &e);
                    file.broken.insert(name.to_string(), error);
                }
            }
        }
        Ok(file)
    }

    /// Every profile name in the file, valid or not.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        let mut names: Vec<&String> = self.profiles.keys().chain(self.broken.keys()).collect();
        names.sort();
        names.into_iter()
    }

    pub fn load(path: &Path) -> Result<ConfigFile> {
        let text = read_config_text(path)?;
        Self::parse_lenient(path, &text)
    }

    /// Like [`ConfigFile::load`], but a file that does not exist is `None`. Only a
    /// genuine "not found" is absence: a file that exists but cannot be read
    /// (permissions, a loop of symlinks) is an error with its real reason.
    pub fn load_if_present(path: &Path) -> Result<Option<ConfigFile>> {
        match read_config_text_if_present(path)? {
            Some(text) => Self::parse_lenient(path, &text).map(Some),
            None => Ok(None),
        }
    }
}

/// The warning for `error`, in a profile other than `in_use`: reported, then ignored.
pub fn other_profile_warning(error: &Error, in_use: &str) -> String {
    format!(
        "{error} (not the profile in use, [{}]: ignored)",
        crate::sanitize::escape(in_use)
    )
}

/// "invalid config file PATH:LINE: message", with the hint on the keys.
fn file_error(path: &Path, line: Option<usize>, message: &str) -> Error {
    let at = match line {
        Some(l) => format!("{}:{l}", escaped_path(path)),
        None => escaped_path(path),
    };
    Error::config_with_hint(format!("invalid config file {at}: {message}"), KEYS_HINT)
}

/// One profile (a table, standard or inline) read strictly.
fn read_profile(item: &toml_edit::Item) -> std::result::Result<Profile, toml_edit::de::Error> {
    use serde::de::IntoDeserializer;
    let value = match item {
        toml_edit::Item::Table(t) => toml_edit::Value::InlineTable(t.clone().into_inline_table()),
        toml_edit::Item::Value(v) => v.clone(),
        _ => toml_edit::Value::from(false),
    };
    Profile::deserialize(value.into_deserializer())
}

/// A profile's error in the user's terms: the file, the line, the profile, and
/// for a value of the wrong type the key and what it takes. Never the value.
fn profile_error(
    path: &Path,
    text: &str,
    doc: &toml_edit::ImDocument<&str>,
    profile: &str,
    e: &toml_edit::de::Error,
) -> Error {
    let line = e.span().map(|s| line_of(text, s.start));
    let key = e.span().and_then(|span| key_at(doc, profile, span.start));
    let shown = crate::sanitize::escape(profile);
    let wrong = ["invalid type", "invalid value"]
        .iter()
        .any(|p| e.message().starts_with(p));
    let message = match key {
        // "unknown key `secert`, expected one of `key`, `secret`, ..."
        Some(_) if e.message().starts_with("unknown field") => format!(
            "[{shown}] {}",
            one_line(e.message()).replacen("unknown field", "unknown key", 1)
        ),
        Some(key) if wrong => {
            let took = match key.as_str() {
                "retries" => "a number from 0 to 10, without quotes (retries = 1)",
                "timeout" | "connect_timeout" => {
                    "a number of seconds, or a duration in quotes (10, \"1.5s\")"
                }
                "rate" => "a rate in quotes (\"10/s\", \"unlimited\") or a number per second",
                _ => "text in quotes",
            };
            format!(
                "[{shown}] `{}` must be {took}",
                crate::sanitize::escape(&key)
            )
        }
        Some(key) => format!(
            "[{shown}] `{}`: {}",
            crate::sanitize::escape(&key),
            one_line(e.message())
        ),
        None => format!("[{shown}] {}", one_line(e.message())),
    };
    file_error(path, line, &message)
}

/// The key of `profile` whose key or value spans byte `at`.
fn key_at(doc: &toml_edit::ImDocument<&str>, profile: &str, at: usize) -> Option<String> {
    let table = doc.get(profile)?.as_table_like()?;
    table.iter().find_map(|(name, item)| {
        let key_span = table.key(name).and_then(|k| k.span());
        let value_span = item.span();
        let within = |s: Option<std::ops::Range<usize>>| s.is_some_and(|s| s.contains(&at));
        (within(key_span) || within(value_span)).then(|| name.to_string())
    })
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
fn key_outside_tables(doc: &toml_edit::ImDocument<&str>) -> Option<(String, usize)> {
    let table = doc.as_table();
    let (name, _) = table
        .iter()
        .find(|(_, item)| matches!(item, toml_edit::Item::Value(v) if !v.is_inline_table()))?;
    let line = table
        .key(name)
        .and_then(|k| k.span())
        .map_or(1, |s| line_of(doc.raw(), s.start));
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
pub(super) fn redact_quoted(message: &str) -> String {
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

/// What is wrong with a key or secret as an HTTP header value, if anything:
/// not empty, visible ASCII only, at most [`VALUE_MAX_BYTES`]. Never the value.
pub fn value_problem(value: &str) -> Option<&'static str> {
    if value.is_empty() {
        Some("is empty")
    } else if !value.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        Some("contains spaces, control or non-ASCII characters")
    } else if value.len() > VALUE_MAX_BYTES {
        Some("is longer than 4096 characters")
    } else {
        None
    }
}

/// What is wrong with a profile name `configure` would write, if anything:
/// 1 to 64 characters, no control characters.
pub fn profile_name_problem(name: &str) -> Option<String> {
    let bad = name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control);
    bad.then(|| {
        format!(
            "invalid profile name '{}': 1 to 64 characters, no control characters",
            crate::sanitize::excerpt(name, 64)
        )
    })
}

/// On Unix, a config file readable by group or others holds a secret others can
/// read. Only a regular file's mode is the user's to fix: `chmod 600 /dev/null`
/// would break the system for everyone.
#[cfg(unix)]
pub fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    let mode = meta.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "config file {} is readable by group or others (mode {:03o}) and may hold the secret; fix it with: chmod 600 {}",
            escaped_path(path),
            mode & 0o777,
            shell_path(path)
        )
    })
}

#[cfg(not(unix))]
pub fn permission_warning(_path: &Path) -> Option<String> {
    None
}
