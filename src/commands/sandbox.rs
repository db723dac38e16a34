//! `biometrid sandbox`

use crate::cli::{GlobalOpts, SandboxArgs};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::output::Printer;

pub fn run(_global: &GlobalOpts, _args: &SandboxArgs, _printer: &mut Printer) -> Result<Exit> {
    Err(Error::Internal("`sandbox` is not built yet".into()))
}
