//! Settings resolution: every setting with the source it came from.
//!
//! Precedence, per setting (as the README's configuration section states it):
//! flag > profile named by `--profile` > environment > profile named by
//! `BIOMETRID_PROFILE` (or `default`) > built-in default.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;

use crate::cli::GlobalOpts;
use crate::error::{Error, Result};
use crate::files::{SECRET_FILE_CAP, read_capped, read_error};
use crate::parse::{Rate, parse_rate_limit, parse_retries, parse_seconds};
use crate::sanitize::{display_path, escaped_path};
use crate::secret::Secret;

mod file;
mod layers;
pub mod write;

pub use file::*;
pub use layers::*;

pub const DEFAULT_BASE_URL: &str = "https://api.biometrid.com";
pub const DEFAULT_TIMEOUT_SECS: f64 = 30.0;
/// TCP and TLS together: a host that never answers costs seconds, not minutes.
pub const DEFAULT_CONNECT_TIMEOUT_SECS: f64 = 10.0;
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
pub const ENV_RATE: &str = "BIOMETRID_RATE";
pub const ENV_CONNECT_TIMEOUT: &str = "BIOMETRID_CONNECT_TIMEOUT";

/// The secret itself (the first line of its file): the same cap `configure` puts on a value.
pub const SECRET_MAX_BYTES: usize = 4096;

/// Every setting, resolved once at start-up and then only read.
#[derive(Debug)]
pub struct Settings {
    pub key: Option<Resolved<String>>,
    pub secret: Option<Resolved<Secret>>,
    pub base_url: Resolved<Url>,
    pub timeout: Resolved<Duration>,
    /// The time to establish a connection (TCP and TLS), per attempt.
    pub connect_timeout: Resolved<Duration>,
    pub retries: Resolved<u32>,
    /// The request rate limit; `None` (from the default) is unlimited.
    pub rate: Resolved<Option<Rate>>,
    pub profile: Resolved<String>,
    /// The config file path in effect, with its source; `config_loaded` says
    /// whether a file was there.
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
            // The same file and profile as this run: `--config` carried over.
            let mut configure = String::from("biometrid");
            if self.config_path.source == Source::Flag("--config") {
                configure.push_str(&format!(
                    " --config {}",
                    crate::sanitize::shell_word(&escaped_path(&self.config_path.value))
                ));
            }
            configure.push_str(" configure");
            if self.profile.value != DEFAULT_PROFILE {
                configure.push_str(&format!(
                    " --profile {}",
                    crate::sanitize::shell_word(&crate::sanitize::escape(&self.profile.value))
                ));
            }
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

/// Resolve every setting from the flags, the environment and the config file.
pub fn resolve(flags: &GlobalOpts, env: &dyn Fn(&str) -> Option<String>) -> Result<Settings> {
    let mut warnings = Vec::new();
    let (config_path, file) = load_config(flags, env, &mut warnings)?;
    let profile = layers::profile(flags.profile.as_ref(), env);
    let config_loaded = file.is_some();
    let chosen = chosen_profile(file, &profile, &config_path, &mut warnings)?;
    let layers = Layers {
        profile_from_flag: profile.source == Source::Flag("--profile"),
        file: Source::File {
            path: config_path.value.clone(),
            profile: profile.value.clone(),
        },
    };
    let env_var = |name: &'static str| env(name).map(|v| (v, Source::Env(name)));

    let key = layers.pick(
        flags.key.clone().map(|k| (k, Source::Flag("--key"))),
        env_var(ENV_KEY),
        chosen.key.clone(),
    );
    if let Some(k) = &key {
        check_header_value("key", &k.value, &k.source)?;
    }
    let secret = resolve_secret(flags, &layers, &chosen, env_var(ENV_SECRET))?;
    let base = layers.pick_or(
        flags
            .base_url
            .clone()
            .map(|u| (u, Source::Flag("--base-url"))),
        env_var(ENV_BASE_URL),
        chosen.base_url.clone(),
        DEFAULT_BASE_URL.to_string(),
    );
    let base_url = Resolved {
        value: parse_base_url(&base.value, &base.source, flags.allow_insecure_http)?,
        source: base.source,
    };
    let seconds = |flag: Option<f64>, name: &'static str, var, file, default: f64| {
        let r = layers.pick_or(
            flag.map(|t| (t, Source::Flag(name))),
            env_value(env, var, parse_seconds)?,
            file,
            default,
        );
        Ok::<_, Error>(Resolved {
            value: Duration::from_secs_f64(r.value),
            source: r.source,
        })
    };
    let timeout = seconds(
        flags.timeout,
        "--timeout",
        ENV_TIMEOUT,
        chosen.timeout,
        DEFAULT_TIMEOUT_SECS,
    )?;
    let connect_timeout = seconds(
        flags.connect_timeout,
        "--connect-timeout",
        ENV_CONNECT_TIMEOUT,
        chosen.connect_timeout,
        DEFAULT_CONNECT_TIMEOUT_SECS,
    )?;
    let retries = layers.pick_or(
        flags.retries.map(|r| (r, Source::Flag("--retries"))),
        env_value(env, ENV_RETRIES, |v| parse_retries(v, MAX_RETRIES))?,
        chosen.retries,
        DEFAULT_RETRIES,
    );
    let rate = layers.pick_or(
        flags.rate.map(|r| (r.0, Source::Flag("--rate"))),
        env_value(env, ENV_RATE, |v| parse_rate_limit(v).map(|r| r.0))?,
        chosen.rate.map(|r| r.0),
        None,
    );

    Ok(Settings {
        key,
        secret,
        base_url,
        timeout,
        connect_timeout,
        retries,
        rate,
        profile,
        config_loaded,
        config_path,
        cacert: flags.cacert.clone(),
        warnings,
    })
}
/// The config file in effect and its contents: an explicit path must exist, the
/// default one may not. A file others can read adds a warning.
fn load_config(
    flags: &GlobalOpts,
    env: &dyn Fn(&str) -> Option<String>,
    warnings: &mut Vec<String>,
) -> Result<(Resolved<PathBuf>, Option<ConfigFile>)> {
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
    Ok((config_path, file))
}

/// The profile in use, strictly: its errors are errors. Another profile's error
/// is a warning (it does not stop a command that does not use it). A profile
/// named by `--profile` or `BIOMETRID_PROFILE` must be in the file.
fn chosen_profile(
    file: Option<ConfigFile>,
    profile: &Resolved<String>,
    config_path: &Resolved<PathBuf>,
    warnings: &mut Vec<String>,
) -> Result<Profile> {
    let Some(mut file) = file else {
        return match profile.source {
            Source::Default => Ok(Profile::default()),
            _ => Err(no_such_profile(None, profile, config_path)),
        };
    };
    if let Some(e) = file.broken.remove(&profile.value) {
        return Err(e);
    }
    for e in file.broken.values() {
        warnings.push(file::other_profile_warning(e, &profile.value));
    }
    match file.profiles.remove(&profile.value) {
        Some(p) => Ok(p),
        None if profile.source == Source::Default => Ok(Profile::default()),
        None => Err(no_such_profile(Some(&file), profile, config_path)),
    }
}

/// A profile named by `--profile` or `BIOMETRID_PROFILE` that is not there: where
/// the name came from, the profiles there are, and the closest one.
fn no_such_profile(
    file: Option<&ConfigFile>,
    profile: &Resolved<String>,
    config_path: &Resolved<PathBuf>,
) -> Error {
    let shown = crate::sanitize::escape(&profile.value);
    let from = match &profile.source {
        Source::Env(name) => format!(" (from {name} in the environment)"),
        _ => String::new(),
    };
    let (message, closest) = match file {
        Some(f) => {
            let known: Vec<&str> = f.names().map(String::as_str).collect();
            let list = match known.is_empty() {
                true => "none".to_string(),
                false => known.join(", "),
            };
            let message = format!(
                "config file {} has no profile [{shown}]{from} (profiles: {list})",
                display_path(&f.path),
            );
            (message, closest_name(&profile.value, &known))
        }
        None => {
            let message = format!(
                "profile [{shown}]{from} not found: no config file at {}",
                display_path(&config_path.value)
            );
            (message, None)
        }
    };
    let config = match config_path.source {
        Source::Flag(_) => format!(
            " --config {}",
            crate::sanitize::shell_word(&escaped_path(&config_path.value))
        ),
        _ => String::new(),
    };
    let create = format!(
        "create it with `biometrid{config} configure --profile {}`",
        crate::sanitize::shell_word(&shown)
    );
    let hint = match (closest, &profile.source) {
        (Some(c), Source::Env(name)) => format!("did you mean {name}={c}? Or {create}"),
        (Some(c), _) => format!("did you mean --profile {c}? Or {create}"),
        (None, Source::Env(name)) => format!("unset {name}, or {create}"),
        (None, _) => create,
    };
    Error::config_with_hint(message, hint)
}

/// The known name closest to a mistyped one (a typo or two away), if any.
fn closest_name<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(typed, k), *k))
        .filter(|(d, k)| *d <= 2 && *d < k.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// The secret: `--secret` or `--secret-file` (read only when given), the
/// environment, the profile; checked as a header value.
fn resolve_secret(
    flags: &GlobalOpts,
    layers: &Layers,
    chosen: &Profile,
    from_env: Option<(String, Source)>,
) -> Result<Option<Resolved<Secret>>> {
    let flag = match (&flags.secret, &flags.secret_file) {
        (Some(s), _) => Some((s.clone(), Source::Flag("--secret"))),
        (None, Some(path)) => Some((read_secret_file(path)?, Source::SecretFile(path.clone()))),
        (None, None) => None,
    };
    let from_file = chosen.secret.as_ref().map(|s| s.expose().to_string());
    match layers.pick(flag, from_env, from_file) {
        Some(r) => {
            check_header_value("secret", &r.value, &r.source)?;
            Ok(Some(Resolved {
                value: Secret::new(r.value),
                source: r.source,
            }))
        }
        None => Ok(None),
    }
}

/// An environment variable parsed by `parse`; its error names the variable.
fn env_value<T>(
    env: &dyn Fn(&str) -> Option<String>,
    name: &'static str,
    parse: impl Fn(&str) -> std::result::Result<T, String>,
) -> Result<Option<(T, Source)>> {
    match env(name) {
        Some(v) => {
            let value = parse(&v).map_err(|e| Error::config(format!("{name}: {e}")))?;
            Ok(Some((value, Source::Env(name))))
        }
        None => Ok(None),
    }
}

/// Key and secret travel as HTTP header values (see [`value_problem`]).
fn check_header_value(what: &str, value: &str, source: &Source) -> Result<String> {
    match value_problem(value) {
        None => Ok(value.to_string()),
        Some(problem) => {
            let why = format!("the {what} from {source} {problem}");
            // Given on the command line it is a usage error; from anywhere else
            // (the environment, a file) a configuration error.
            Err(match source {
                Source::Flag(_) => Error::Usage(why),
                _ => Error::config(why),
            })
        }
    }
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

/// A base URL we are willing to send the secret to.
pub fn parse_base_url(text: &str, source: &Source, allow_insecure_http: bool) -> Result<Url> {
    // Never echo `user:password@` (the password may well be the secret), a query or a fragment.
    let shown = crate::sanitize::shown_url(text);
    let bad = |why: &str| Error::config(format!("invalid base URL '{shown}' from {source}: {why}"));
    // `api.example.com` or `localhost:8080`: a URL parser reads neither as meant.
    if !text.contains("://") {
        return Err(Error::config_with_hint(
            format!("invalid base URL '{shown}' from {source}: it has no scheme (https://)"),
            format!("did you mean https://{shown}?"),
        ));
    }
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

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
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

    #[test]
    fn one_value_check_for_reading_and_configure() {
        let long = "k".repeat(VALUE_MAX_BYTES + 1);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "").unwrap();
        let flags = GlobalOpts {
            key: Some(long.clone()),
            config: Some(path),
            ..Default::default()
        };
        let e = resolve(&flags, &|_: &str| None).unwrap_err();
        assert!(e.to_string().contains("longer than 4096"), "{e}");
        assert!(!e.to_string().contains(&long));
        assert_eq!(value_problem("ok-key_1"), None);
        assert_eq!(value_problem(""), Some("is empty"));
    }

    #[test]
    fn the_closest_profile_is_a_typo_or_two_away() {
        let known = ["default", "prod", "staging"];
        assert_eq!(closest_name("prdo", &known), Some("prod"));
        assert_eq!(closest_name("stagign", &known), Some("staging"));
        assert_eq!(closest_name("qa", &known), None);
        assert_eq!(closest_name("x", &["y"]), None);
    }

    #[test]
    fn layers_own_the_order() {
        let file = Source::File {
            path: PathBuf::from("c"),
            profile: "p".into(),
        };
        let env = || Some(("env", Source::Env(ENV_KEY)));
        let named = Layers {
            profile_from_flag: true,
            file: file.clone(),
        };
        assert_eq!(named.pick(None, env(), Some("file")).unwrap().value, "file");
        let default = Layers {
            profile_from_flag: false,
            file,
        };
        assert_eq!(
            default.pick(None, env(), Some("file")).unwrap().value,
            "env"
        );
        let flag = Some(("flag", Source::Flag("--key")));
        assert_eq!(
            default.pick(flag, env(), Some("file")).unwrap().value,
            "flag"
        );
        let r = default.pick_or(None, None, None, "built-in");
        assert_eq!((r.value, r.source), ("built-in", Source::Default));
    }
}
