//! Where each setting comes from: the sources, and the one rule of precedence
//! (flag > profile named by `--profile` > environment > profile named by
//! `BIOMETRID_PROFILE` or `default` > built-in default).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::cli::GlobalOpts;
use crate::sanitize::display_path;

use super::{DEFAULT_PROFILE, ENV_CONFIG, ENV_PROFILE};

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

/// The profile in use: `--profile`, then `BIOMETRID_PROFILE`, then `default`.
pub fn profile(flag: Option<&String>, env: &dyn Fn(&str) -> Option<String>) -> Resolved<String> {
    match (flag, env(ENV_PROFILE)) {
        (Some(p), _) => Resolved {
            value: p.clone(),
            source: Source::Flag("--profile"),
        },
        (None, Some(p)) => Resolved {
            value: p,
            source: Source::Env(ENV_PROFILE),
        },
        (None, None) => Resolved {
            value: DEFAULT_PROFILE.to_string(),
            source: Source::Default,
        },
    }
}

/// The layers of one run, which own the order of precedence: a profile named by
/// `--profile` goes above the environment, the default profile below it.
pub struct Layers {
    /// The profile was named by `--profile`.
    pub profile_from_flag: bool,
    /// The source of a value from the chosen profile of the config file.
    pub file: Source,
}

impl Layers {
    /// One setting from its layers, highest first; `None` when no layer has it.
    pub fn pick<T>(
        &self,
        flag: Option<(T, Source)>,
        from_env: Option<(T, Source)>,
        from_file: Option<T>,
    ) -> Option<Resolved<T>> {
        let file = from_file.map(|v| (v, self.file.clone()));
        let picked = if self.profile_from_flag {
            flag.or(file).or(from_env)
        } else {
            flag.or(from_env).or(file)
        };
        picked.map(|(value, source)| Resolved { value, source })
    }

    /// [`Layers::pick`], falling back to the built-in `default`.
    pub fn pick_or<T>(
        &self,
        flag: Option<(T, Source)>,
        from_env: Option<(T, Source)>,
        from_file: Option<T>,
        default: T,
    ) -> Resolved<T> {
        self.pick(flag, from_env, from_file).unwrap_or(Resolved {
            value: default,
            source: Source::Default,
        })
    }
}
