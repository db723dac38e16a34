//! How the batch runner reports, without knowing how it is shown: the printer
//! implements this (human lines, JSON Lines, quiet), a test can implement it too.

use std::io;

use crate::error::Error;
use crate::exit::Exit;
use crate::outcome::Report;

/// What `--dry-run` shows of one ID's request.
pub struct DryRun<'a> {
    pub user_id: &'a str,
    pub method: &'a str,
    pub url: &'a str,
    /// The key and secret headers (the secret `***`): with `-v`, or when the
    /// whole request is shown.
    pub keys: Option<&'a [(&'static str, String)]>,
    /// The whole request's own headers and body, raw (the printer escapes
    /// them): for an exchange that shows it (`api`), else `None`.
    pub own: Option<&'a [String]>,
}

pub trait Reporter {
    /// The result of one ID.
    fn report(&mut self, report: &Report, exit: Exit) -> io::Result<()>;

    /// An ID the journal records as done (`--resume`): its recorded line.
    fn resumed(&mut self, recorded: serde_json::Map<String, serde_json::Value>) -> io::Result<()>;

    /// `--dry-run`: the request an ID would get.
    fn dry_run(&mut self, shown: &DryRun) -> io::Result<()>;

    /// The journal's record of one ID's result (one JSON line).
    fn record(&self, report: &Report, exit: Exit) -> io::Result<String>;

    /// Write out what is buffered (the runner calls it when nothing is ready).
    fn flush(&mut self) -> io::Result<()>;

    /// A failure that is not one ID's (stdout, the journal, a bad input line).
    fn error(&self, error: &Error);

    fn warning(&self, text: &str);

    fn hint(&self, text: &str);

    /// One more ID is finished.
    fn progress_tick(&self);

    /// One more ID is finished by an earlier run (recorded in the journal).
    fn progress_resumed(&self);

    /// No more IDs will be reported.
    fn finish_progress(&mut self);
}
