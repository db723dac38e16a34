//! `biometrid config set KEY VALUE` and `biometrid config unset KEY`: change one
//! setting of a profile without prompts (like `aws configure set`). The value is
//! checked as `configure` checks the same flag, and the file is written as
//! `configure` writes it (`settings::write`: the lock, the atomic 0600 write; a
//! file that is not TOML or an error in the profile changed refuses, another
//! profile's error is a warning, that profile left as it is). The secret is not
//! set here: it would stand on the command line, visible in the process list.

use serde_json::json;

use crate::cli::GlobalOpts;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::{Mode, Printer};
use crate::sanitize::{display_path, escape};
use crate::settings::write::write_profile;

use super::configure::{SETTABLE, invocation, setting_value, target};

pub fn set(global: &GlobalOpts, name: &str, text: &str, printer: &mut Printer) -> Result<Exit> {
    check_name(name, true)?;
    let value = setting_value(name, text, global.allow_insecure_http)?;
    let (path, profile) = target(global)?;
    let shown = value.to_string();
    let written = write_profile(&path, &profile, vec![(name, Some(value))])?;
    warn(printer, &written.warnings);
    let line = format!(
        "Set {name} = {} in [{}] of {}{}.",
        shown.trim(),
        escape(&profile),
        display_path(&path),
        if written.created_file {
            ", a new file"
        } else {
            ""
        }
    );
    report(global, printer, &path, &profile, name, "set", line)
}

pub fn unset(global: &GlobalOpts, name: &str, printer: &mut Printer) -> Result<Exit> {
    check_name(name, false)?;
    let (path, profile) = target(global)?;
    let written = write_profile(&path, &profile, vec![(name, None)])?;
    warn(printer, &written.warnings);
    let (action, line) = match written.unchanged {
        true => (
            "unchanged",
            format!(
                "{name} is not set in [{}] of {}: nothing changed.",
                escape(&profile),
                display_path(&path)
            ),
        ),
        false => (
            "unset",
            format!(
                "Removed {name} from [{}] of {}.",
                escape(&profile),
                display_path(&path)
            ),
        ),
    };
    report(global, printer, &path, &profile, name, action, line)
}

/// Other profiles' errors: reported, as every command that does not use them does.
fn warn(printer: &Printer, warnings: &[String]) {
    for w in warnings {
        printer.warning(w);
    }
}

/// A setting the file has; the secret only for `unset`.
fn check_name(name: &str, setting: bool) -> Result<()> {
    if name == "secret" {
        return match setting {
            false => Ok(()),
            true => Err(Error::Usage(
                "config set does not take the secret: on the command line it is visible in the \
                 process list; use `biometrid configure` (it prompts, hidden) or \
                 `biometrid configure --no-input --secret-file PATH`"
                    .into(),
            )),
        };
    }
    if SETTABLE.contains(&name) {
        return Ok(());
    }
    let closest = SETTABLE
        .iter()
        .min_by_key(|k| strsim::damerau_levenshtein(name, k))
        .filter(|k| strsim::damerau_levenshtein(name, k) <= 2);
    let mut message = format!(
        "'{}' is not a setting of the config file (settings: {}, secret)",
        escape(name),
        SETTABLE.join(", ")
    );
    if let Some(k) = closest {
        message.push_str(&format!("; did you mean {k}?"));
    }
    Err(Error::Usage(message))
}

fn report(
    global: &GlobalOpts,
    printer: &mut Printer,
    path: &std::path::Path,
    profile: &str,
    name: &str,
    action: &str,
    line: String,
) -> Result<Exit> {
    match printer.mode() {
        Mode::Quiet => {}
        Mode::Json => printer.print(
            &json!({
                "config": path.display().to_string(),
                "profile": profile,
                "key": name,
                "action": action,
            })
            .to_string(),
        )?,
        Mode::Human => {
            printer.print(&line)?;
            printer.hint(&format!(
                "check it with `{} config show`",
                invocation(global, profile)
            ));
        }
    }
    Ok(Exit::Success)
}
