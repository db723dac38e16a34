//! `biometrid completions`

use crate::cli::{CompletionsArgs, GlobalOpts};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::Printer;

pub fn run(_global: &GlobalOpts, _args: &CompletionsArgs, _printer: &mut Printer) -> Result<Exit> {
    Err(Error::Internal("`completions` is not built yet".into()))
}
