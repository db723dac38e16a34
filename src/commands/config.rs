//! `biometrid config show` and `biometrid config path`.

use serde_json::json;

use crate::cli::{ConfigCommand, GlobalOpts};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::{Mode, Printer};
use crate::settings::{self, Resolved, Source, display_path};

pub fn run(global: &GlobalOpts, command: &ConfigCommand, printer: &mut Printer) -> Result<Exit> {
    match command {
        ConfigCommand::Path => path(global, printer),
        ConfigCommand::Show => show(global, printer),
    }
}

fn path(global: &GlobalOpts, printer: &mut Printer) -> Result<Exit> {
    let path = settings::config_path(global, &settings::process_env).ok_or_else(|| {
        Error::config("no config directory is known on this system; pass --config PATH")
    })?;
    write(printer, &path.value.display().to_string())?;
    Ok(Exit::Success)
}

fn show(global: &GlobalOpts, printer: &mut Printer) -> Result<Exit> {
    let s = settings::resolve(global, &settings::process_env)?;
    for w in &s.warnings {
        printer.warning(w);
    }
    let not_set = || ("(not set)".to_string(), "-".to_string());
    let config_value = if s.config_loaded {
        display_path(&s.config_path.value)
    } else {
        format!("{} (no such file)", display_path(&s.config_path.value))
    };
    let rows: Vec<(&str, (String, String))> = vec![
        (
            "key",
            s.key
                .as_ref()
                .map(|k| shown(k, k.value.clone()))
                .unwrap_or_else(not_set),
        ),
        (
            "secret",
            s.secret
                .as_ref()
                .map(|k| shown(k, k.value.masked()))
                .unwrap_or_else(not_set),
        ),
        ("base_url", shown(&s.base_url, s.base_url.value.to_string())),
        (
            "timeout",
            shown(&s.timeout, format!("{}", s.timeout.value.as_secs_f64())),
        ),
        ("retries", shown(&s.retries, s.retries.value.to_string())),
        ("profile", shown(&s.profile, s.profile.value.clone())),
        ("config", (config_value, s.config_path.source.label())),
    ];
    if printer.mode() == Mode::Json {
        let mut object = serde_json::Map::new();
        for (name, (value, source)) in &rows {
            object.insert(
                name.to_string(),
                json!({ "value": value, "source": source }),
            );
        }
        write(printer, &serde_json::Value::Object(object).to_string())?;
    } else {
        for (name, (value, source)) in &rows {
            write(printer, &format!("{name:<9} {value:<40} {source}"))?;
        }
    }
    Ok(Exit::Success)
}

fn shown<T>(r: &Resolved<T>, value: String) -> (String, String) {
    let source = match &r.source {
        Source::Default => "default".to_string(),
        other => other.label(),
    };
    (crate::sanitize::escape(&value), source)
}

fn write(printer: &mut Printer, line: &str) -> Result<()> {
    printer
        .out_line(line)
        .and_then(|_| printer.flush())
        .or_else(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(e)
            }
        })
        .map_err(|source| Error::Io {
            context: "writing to stdout".into(),
            source,
        })
}
