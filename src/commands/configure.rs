//! `biometrid configure`

use crate::cli::{ConfigureArgs, GlobalOpts};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::Printer;

pub fn run(_global: &GlobalOpts, _args: &ConfigureArgs, _printer: &mut Printer) -> Result<Exit> {
    Err(Error::Internal("`configure` is not built yet".into()))
}
