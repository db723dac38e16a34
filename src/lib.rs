//! biometrid: a command-line client for the BiometrID Legacy Restful API.
//!
//! `main.rs` calls [`main`]; each module does one job. The modules form tiers
//! (commands, engine, presentation and settings, leaves) that depend one way;
//! the rule is stated and checked in `tests/layers.rs`. The wire protocol is
//! the `biometrid-protocol` crate, the emulator the `biometrid-sandbox` crate.
//! Public: only what fuzzing and the tests need ([`reply`], [`config`],
//! [`exit`], [`command`], [`operations`], which has `api`'s [`operations::judge`]).

mod batch;
mod cli;
mod client;
mod commands;
mod error;
pub mod exit;
mod files;
mod input;
mod journal;
mod json;
mod log;
mod operation;
mod ops;
mod outcome;
mod output;
mod pace;
mod parse;
mod proxy;
pub mod reply;
mod reporter;
mod sanitize;
mod scrub;
mod secret;
mod settings;
mod signal;
mod stdio;
mod user_id;

/// The config file parser, for the fuzz targets and the property tests.
pub mod config {
    pub use crate::error::Error;
    pub use crate::settings::ConfigFile;
}

use crate::ops::Cli;

/// Every operation's reading of its replies, by command name: for the fuzz
/// target and the property tests (the one classifier, for every endpoint).
pub mod operations {
    use crate::reply::Classified;

    /// The commands that are operations of one endpoint, in help's order.
    pub fn names() -> Vec<&'static str> {
        crate::ops::REGISTRY
            .iter()
            .filter(|c| c.operation().is_some())
            .map(|c| c.name())
            .collect()
    }

    /// A reply to operation `name` classified as it would be; `None` for no such operation.
    pub fn classify(
        name: &str,
        status: u16,
        retry_after: Option<&str>,
        body: &[u8],
    ) -> Option<Classified> {
        let op = crate::ops::find(name)?.operation()?;
        Some(op.classify(status, retry_after, body))
    }

    /// `biometrid api`'s own reading of a reply of any endpoint (a second
    /// classifier: redirects, `Retry-After`, strict JSON, the `status` flag
    /// against the message), for the same fuzz target and property tests.
    pub use crate::ops::verdict::{Verdict, judge};

    /// Whether the API documents `message` for operation `name`'s endpoint.
    pub fn documents(name: &str, message: crate::reply::ApiMessage) -> bool {
        crate::ops::find(name)
            .and_then(|c| c.operation())
            .is_some_and(|op| op.endpoint().documents(message))
    }
}

/// The command-line definition, from which the man pages are rendered.
pub fn command() -> clap::Command {
    ops::command()
}

use std::process::ExitCode;

use crate::cli::Command;
use crate::exit::{Exit, Status};
use crate::output::Printer;

/// Parse the command line, run the command, and turn the result into an exit code.
/// A panic (a bug) becomes one short line and exit 1.
pub fn main() -> ExitCode {
    install_panic_hook();
    match std::panic::catch_unwind(run) {
        Ok(exit) => exit.into(),
        Err(_) => Exit::Internal.into(),
    }
}

/// An unknown subcommand that begins a command's name suggests that one alone:
/// `biometrid restart` means `restart-state`, not also `enroll-status`, which
/// clap's similarity would offer too.
fn closest_subcommand(mut e: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::InvalidSubcommand {
        return e;
    }
    let Some(ContextValue::String(typed)) = e.get(ContextKind::InvalidSubcommand) else {
        return e;
    };
    let typed = typed.clone();
    let command = ops::command();
    let starting: Vec<String> = command
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name().starts_with(typed.as_str()))
        .map(|c| c.get_name().to_string())
        .collect();
    if !typed.is_empty() && !starting.is_empty() {
        e.insert(
            ContextKind::SuggestedSubcommand,
            ContextValue::Strings(starting),
        );
    }
    e
}

/// The command line as [`ops::command`] defines it (help included).
fn parse() -> Result<Cli, clap::Error> {
    let mut command = ops::command();
    let mut matches = command.try_get_matches_from_mut(std::env::args_os())?;
    <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut matches)
        .map_err(|e| e.format(&mut command))
}

fn run() -> Status {
    let closed = stdio::closed();
    let cli = match parse() {
        Ok(cli) => cli,
        Err(e) => return parse_failed(&closest_subcommand(e), closed),
    };
    // Test hook, debug builds only: a deliberate bug, so that tests/panic.rs can
    // check from the outside what a panic looks like. The payload is the
    // variable's value, which the panic hook must never print.
    #[cfg(debug_assertions)]
    if let Some(payload) = std::env::var_os("BIOMETRID_DEBUG_PANIC") {
        panic!("{}", payload.to_string_lossy());
    }
    let mut printer = Printer::new(
        &cli.global,
        &settings::process_env,
        output::Streams::standard(closed),
    );
    let global = &cli.global;
    let result = match &cli.command {
        Command::Operation(op) => op.command.run(global, &op.args, &mut printer),
        Command::Config(cmd) => commands::config::run(global, cmd, &mut printer),
        Command::Configure(args) => commands::configure::run(global, args, &mut printer),
        Command::Completions(args) => commands::completions::run(global, args, &mut printer),
        Command::Sandbox(args) => match commands::sandbox::run(global, args, &mut printer) {
            // CMD's code is CMD's report: passed on as it is.
            Ok(Status::PassedThrough(code)) => return Status::PassedThrough(code),
            Ok(Status::Documented(exit)) => Ok(exit),
            Err(e) => Err(e),
        },
    };
    let exit = match result {
        Ok(exit) => exit,
        Err(error) => {
            printer.error(&error);
            exit::for_error(&error)
        }
    };
    // Something could not be said on stderr: the run's report is incomplete.
    if printer.stderr_failed() {
        exit::with_stderr_failure(exit).into()
    } else {
        exit.into()
    }
}

/// `--help`, `--version` (to clap, "errors" that exit 0) or a parse error (2).
/// Either exits 14 when its text cannot be written (141 on a closed pipe).
fn parse_failed(e: &clap::Error, closed: stdio::Closed) -> Status {
    use std::io::Write;
    let (written, stream, exit) = if e.use_stderr() {
        let written = match closed.stderr {
            true => Err(stdio::closed_error()),
            false => print_parse_error(e),
        };
        (written, "stderr", Exit::Usage)
    } else {
        let written = match closed.stdout {
            true => Err(stdio::closed_error()),
            false => e.print().and_then(|_| std::io::stdout().flush()),
        };
        (written, "stdout", Exit::Success)
    };
    let Err(source) = written else {
        return exit.into();
    };
    let error = error::Error::Output { stream, source };
    if stream == "stdout" && !closed.stderr {
        // Said as every other error is (quietly for a closed pipe).
        let opts = cli::GlobalOpts::default();
        Printer::new(
            &opts,
            &settings::process_env,
            output::Streams::standard(closed),
        )
        .error(&error);
    }
    exit::for_error(&error).into()
}

/// A command-line parse error, never echoing a secret given on the command line,
/// nor a value with control or invisible characters raw (clap quotes the value
/// it refused: `--mac` with a zero-width space, a path with escape sequences).
/// `--secret` takes values starting with `-`, so clap should never quote one; the
/// redaction covers whatever message might still do so (a typo next to it, a
/// future clap wording). Otherwise clap prints as usual (in color).
fn print_parse_error(e: &clap::Error) -> std::io::Result<()> {
    use std::io::Write;
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let secrets = secrets_in_args(&args);
    let odd = args.iter().any(|a| a.chars().any(sanitize::needs_escape));
    if secrets.is_empty() && !odd {
        return e.print();
    }
    // Plain text (no color), escaped line by line, the secret redacted.
    let text = redact(&e.render().to_string(), &secrets);
    let mut err = std::io::stderr().lock();
    for line in text.lines() {
        writeln!(err, "{}", sanitize::escape(line))?;
    }
    Ok(())
}

/// The values of `--secret V`, `--secret=V`, and the secret half of `--client KEY:SECRET`.
fn secrets_in_args(args: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = match arg.as_str() {
            "--secret" | "--client" => iter.next().cloned(),
            a => a
                .strip_prefix("--secret=")
                .or_else(|| a.strip_prefix("--client="))
                .map(str::to_string),
        };
        let Some(value) = value else { continue };
        if arg.starts_with("--client") {
            // The whole pair too: clap would quote the argument as given.
            if let Some((_, secret)) = value.split_once(':') {
                found.push(secret.to_string());
            }
        }
        found.push(value);
    }
    found.retain(|s| !s.is_empty());
    // Longest first, so a value containing another is replaced whole.
    found.sort_by_key(|s| std::cmp::Reverse(s.len()));
    found
}

fn redact(text: &str, secrets: &[String]) -> String {
    secrets
        .iter()
        .fold(text.to_string(), |t, s| t.replace(s.as_str(), "***"))
}

fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        use std::io::Write;
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "biometrid: internal error{at}. This is a bug; please report it with this line and `biometrid {}`.",
            env!("CARGO_PKG_VERSION")
        );
        // Only RUST_BACKTRACE decides (Backtrace::capture would also obey RUST_LIB_BACKTRACE).
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            let _ = writeln!(err, "{}", std::backtrace::Backtrace::force_capture());
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn secrets_are_found_in_every_form() {
        let found = secrets_in_args(&args(&[
            "biometrid",
            "--secret",
            "--S3cr3t",
            "--secret=-x-y",
            "--client",
            "k:-pw",
            "--client=kk:pw2",
        ]));
        for s in ["--S3cr3t", "-x-y", "k:-pw", "-pw", "kk:pw2", "pw2"] {
            assert!(found.iter().any(|f| f == s), "{s} not in {found:?}");
        }
        assert_eq!(
            redact("error: unexpected argument '--S3cr3t' found", &found),
            "error: unexpected argument '***' found"
        );
        assert!(secrets_in_args(&args(&["biometrid", "--secret"])).is_empty());
    }
}
