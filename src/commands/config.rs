//! `biometrid config show` and `biometrid config path`, and the hidden
//! `biometrid config profiles` that the completion scripts call.
//!
//! `show` resolves the settings exactly as `restart-state` would (same function,
//! same precedence) and prints each value with its source: `flag`,
//! `env BIOMETRID_KEY`, `file <path> [profile]` or `default`. The secret is masked.

use serde_json::{Value, json};

use crate::cli::{ConfigCommand, GlobalOpts};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::{Mode, Printer};
use crate::sanitize::{display_path, escape};
use crate::settings::{self, Resolved, Source};

pub fn run(global: &GlobalOpts, command: &ConfigCommand, printer: &mut Printer) -> Result<Exit> {
    match command {
        ConfigCommand::Path => path(global, printer),
        ConfigCommand::Show => show(global, printer),
        ConfigCommand::Profiles => profiles(global, printer),
        ConfigCommand::Check => super::config_check::run(global, printer),
        ConfigCommand::Set { key, value } => super::config_set::set(global, key, value, printer),
        ConfigCommand::Unset { key } => super::config_set::unset(global, key, printer),
    }
}

/// The profile names of the config file in effect, one per line, for `--profile
/// <TAB>`: names only (never a value of the file), nothing when there is no file.
fn profiles(global: &GlobalOpts, printer: &mut Printer) -> Result<Exit> {
    let Some(path) = settings::config_path(global, &settings::process_env) else {
        return Ok(Exit::Success);
    };
    if !path.value.exists() {
        return Ok(Exit::Success);
    }
    let file = settings::ConfigFile::load(&path.value)?;
    for name in file.profiles.keys() {
        printer.print(&escape(name))?;
    }
    Ok(Exit::Success)
}

fn path(global: &GlobalOpts, printer: &mut Printer) -> Result<Exit> {
    let path = settings::config_path(global, &settings::process_env).ok_or_else(|| {
        Error::config("no config directory is known on this system; pass --config PATH")
    })?;
    if printer.mode() == Mode::Json {
        printer.print_json(&json!({
            "path": path.value.display().to_string(),
            "exists": path.value.is_file(),
            "source": path.source.label(),
        }))?;
    } else {
        // The plain path, for `$(biometrid config path)`.
        printer.print(&path.value.display().to_string())?;
    }
    Ok(Exit::Success)
}

/// One row of `config show`.
struct Row {
    name: &'static str,
    /// The value as shown to a person (escaped, secret masked); `None` when not set.
    shown: Option<String>,
    /// The value in `--json` (typed; the secret masked).
    json: Value,
    source: Option<Source>,
}

fn row<T>(name: &'static str, r: &Resolved<T>, shown: String, json: Value) -> Row {
    Row {
        name,
        shown: Some(shown),
        json,
        source: Some(r.source.clone()),
    }
}

fn show(global: &GlobalOpts, printer: &mut Printer) -> Result<Exit> {
    let s = settings::resolve(global, &settings::process_env)?;
    for w in &s.warnings {
        printer.warning(w);
    }
    let key = match &s.key {
        Some(k) => row("key", k, escape(&k.value), json!(k.value)),
        None => unset("key"),
    };
    let secret = match &s.secret {
        Some(k) => {
            let masked = k.value.masked();
            row("secret", k, masked.clone(), json!(masked))
        }
        None => unset("secret"),
    };
    let timeout = s.timeout.value.as_secs_f64();
    let connect_timeout = s.connect_timeout.value.as_secs_f64();
    let rows = [
        key,
        secret,
        row(
            "base_url",
            &s.base_url,
            escape(s.base_url.value.as_str()),
            json!(s.base_url.value.as_str()),
        ),
        row("timeout", &s.timeout, format!("{timeout}"), json!(timeout)),
        row(
            "connect_timeout",
            &s.connect_timeout,
            format!("{connect_timeout}"),
            json!(connect_timeout),
        ),
        row(
            "retries",
            &s.retries,
            s.retries.value.to_string(),
            json!(s.retries.value),
        ),
        match s.rate.value {
            Some(r) => row("rate", &s.rate, r.to_string(), json!(r.to_string())),
            None => row("rate", &s.rate, "unlimited".into(), json!(null)),
        },
        row(
            "profile",
            &s.profile,
            escape(&s.profile.value),
            json!(s.profile.value),
        ),
    ];
    let config_shown = if s.config_loaded {
        escape(&display_path(&s.config_path.value))
    } else {
        format!(
            "{} (no such file)",
            escape(&display_path(&s.config_path.value))
        )
    };

    if printer.mode() == Mode::Json {
        let mut object = serde_json::Map::new();
        for r in &rows {
            object.insert(r.name.to_string(), json_row(r));
        }
        object.insert(
            "config".into(),
            json!({
                "value": s.config_path.value.display().to_string(),
                "source": s.config_path.source.label(),
                "exists": s.config_loaded,
            }),
        );
        printer.print_json(&object)?;
    } else {
        let mut cells: Vec<[String; 3]> = rows
            .iter()
            .map(|r| {
                [
                    r.name.to_string(),
                    r.shown.clone().unwrap_or_else(|| "(not set)".into()),
                    r.source.as_ref().map_or("-".to_string(), Source::label),
                ]
            })
            .collect();
        cells.push(["config".into(), config_shown, s.config_path.source.label()]);
        for line in table(&cells) {
            printer.print(&line)?;
        }
        if s.key.is_none() || s.secret.is_none() {
            printer.hint(
                "key and secret are required to restart a user: pass --key and --secret-file, \
                 set BIOMETRID_KEY and BIOMETRID_SECRET, or run `biometrid configure`",
            );
        }
    }
    Ok(Exit::Success)
}

/// Rows of three columns, each as wide as its widest cell (a long URL or path
/// would otherwise push its source out of line), two spaces apart.
fn table(cells: &[[String; 3]]) -> Vec<String> {
    let width = |i: usize| {
        cells
            .iter()
            .map(|c| c[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1) = (width(0), width(1));
    cells
        .iter()
        .map(|[name, value, source]| format!("{name:<w0$}  {value:<w1$}  {source}"))
        .collect()
}

fn unset(name: &'static str) -> Row {
    Row {
        name,
        shown: None,
        json: Value::Null,
        source: None,
    }
}

/// `{"value": ..., "source": "file ~/... [p]", "kind": "file", "path": "/abs/...", "profile": "p"}`:
/// the documented label, and its parts for scripts.
fn json_row(r: &Row) -> Value {
    let mut o = serde_json::Map::new();
    o.insert("value".into(), r.json.clone());
    match &r.source {
        None => {
            o.insert("source".into(), Value::Null);
        }
        Some(source) => {
            o.insert("source".into(), json!(source.label()));
            let kind = match source {
                Source::Flag(_) | Source::SecretFile(_) => "flag",
                Source::Env(_) => "env",
                Source::File { .. } => "file",
                Source::Default => "default",
            };
            o.insert("kind".into(), json!(kind));
            match source {
                Source::Flag(name) => {
                    o.insert("flag".into(), json!(name));
                }
                Source::SecretFile(p) => {
                    o.insert("flag".into(), json!("--secret-file"));
                    o.insert("path".into(), json!(p.display().to_string()));
                }
                Source::Env(name) => {
                    o.insert("env".into(), json!(name));
                }
                Source::File { path, profile } => {
                    o.insert("path".into(), json!(path.display().to_string()));
                    o.insert("profile".into(), json!(profile));
                }
                Source::Default => {}
            }
        }
    }
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::table;

    #[test]
    fn columns_are_as_wide_as_their_widest_cell() {
        let long = "https://biometrid.staging.example.com/a/rather/long/path/";
        let cells = [
            ["key".to_string(), "k".to_string(), "flag".to_string()],
            [
                "base_url".into(),
                long.into(),
                "env BIOMETRID_BASE_URL".into(),
            ],
            ["retries".into(), "2".into(), "default".into()],
        ];
        let lines = table(&cells);
        let at: Vec<usize> = lines
            .iter()
            .zip(["flag", "env", "default"])
            .map(|(l, source)| l.find(source).unwrap())
            .collect();
        assert_eq!(at, [at[0]; 3], "{lines:#?}");
        assert_eq!(
            lines[1],
            format!("base_url  {long}  env BIOMETRID_BASE_URL")
        );
        assert!(lines[0].starts_with("key       k "), "{lines:#?}");
    }
}
