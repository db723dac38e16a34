//! `biometrid completions <SHELL>`: print a completion script.
//!
//! The copies committed in `completions/` are this output; `tests/completions.rs`
//! fails when they drift and says how to regenerate them.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, GlobalOpts};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::Printer;

/// The name the scripts complete: the installed binary's name, not argv[0].
pub const BIN_NAME: &str = "biometrid";

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * 1024);
    clap_complete::generate(shell, &mut Cli::command(), BIN_NAME, &mut out);
    out
}

pub fn run(_global: &GlobalOpts, args: &CompletionsArgs, _printer: &mut Printer) -> Result<Exit> {
    let text = script(args.shell);
    let mut out = std::io::stdout().lock();
    match out.write_all(&text).and_then(|_| out.flush()) {
        Ok(()) => Ok(Exit::Success),
        // `biometrid completions bash | head` is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Exit::Success),
        Err(source) => Err(Error::Io {
            context: "writing the completion script to stdout".into(),
            source,
        }),
    }
}
