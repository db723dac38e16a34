//! biometrid: a command-line client for the BiometrID Legacy Restful API.
//!
//! `main.rs` calls [`main`]; each module does one job:
//! `cli` (the command line), `settings` (where each setting comes from),
//! `api` (the client and reply classification), `output` (rendering),
//! `input` and `batch` (streaming many IDs), `commands` (one per command),
//! `exit` (every failure's exit code), `sandbox` (the local API emulator).

pub mod api;
pub mod batch;
pub mod cli;
pub mod commands;
pub mod error;
pub mod exit;
pub mod input;
pub mod output;
pub mod proxy;
pub mod sandbox;
pub mod sanitize;
pub mod scrub;
pub mod secret;
pub mod settings;
pub mod signal;
pub mod user_id;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::exit::Exit;
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

fn run() -> Exit {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" to clap that exit 0.
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Success
            };
        }
    };
    // Test hook, debug builds only: a deliberate bug, so that tests/panic.rs can
    // check from the outside what a panic looks like. The payload is the
    // variable's value, which the panic hook must never print.
    #[cfg(debug_assertions)]
    if let Some(payload) = std::env::var_os("BIOMETRID_DEBUG_PANIC") {
        panic!("{}", payload.to_string_lossy());
    }
    let mut printer = Printer::new(&cli.global, &settings::process_env);
    let result = match &cli.command {
        Command::RestartState(args) => {
            commands::restart_state::run(&cli.global, args, &mut printer)
        }
        Command::Config(cmd) => commands::config::run(&cli.global, cmd, &mut printer),
        Command::Configure(args) => commands::configure::run(&cli.global, args, &mut printer),
        Command::Completions(args) => commands::completions::run(&cli.global, args, &mut printer),
        Command::Sandbox(args) => commands::sandbox::run(&cli.global, args, &mut printer),
    };
    match result {
        Ok(exit) => exit,
        Err(error) => {
            printer.error(&error);
            exit::for_error(&error)
        }
    }
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
