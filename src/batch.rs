//! The batch runner: IDs in, ordered results out, at most N requests in flight.
//!
//! Results print in input order (`buffered` keeps order with at most N futures
//! alive), a client-wide failure stops new requests, and Ctrl-C ends the run
//! between two whole lines.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::io;
use std::rc::Rc;
use std::time::Instant;

use futures_util::{FutureExt, StreamExt, stream};

use crate::api::{ApiMessage, Client, Outcome, Report};
use crate::exit::{self, Exit};
use crate::input::{Ids, Item};
use crate::output::Printer;

/// An item read but not yet printed: the ID, and the reason when it is invalid.
type Unprinted = (String, Option<String>);

pub struct Options {
    pub concurrency: usize,
    pub ignore_missing: bool,
}

/// What the run did, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub restarted: u64,
    pub missing: u64,
    pub failed: u64,
    pub skipped: u64,
    pub interrupted: u64,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Api(ApiMessage::StateRestarted) => self.restarted += 1,
            Outcome::Api(ApiMessage::UserIdNotExists) => self.missing += 1,
            Outcome::Skipped(_) => self.skipped += 1,
            Outcome::Interrupted => self.interrupted += 1,
            _ => self.failed += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.restarted + self.missing + self.failed + self.skipped + self.interrupted
    }
}

/// The overall result: the exit code and what was done.
pub struct Finished {
    pub exit: Exit,
    pub tally: Tally,
    pub elapsed: std::time::Duration,
}

/// Run every ID from `ids` through `client`, printing each result as it is due.
pub async fn run(client: &Client, mut ids: Ids, printer: &mut Printer, opts: &Options) -> Finished {
    let started = Instant::now();
    // Set by the first client-wide failure: later IDs are skipped with its code.
    let stop: Rc<Cell<Option<Exit>>> = Rc::new(Cell::new(None));
    // Items taken from the input and not yet printed, oldest first (for Ctrl-C):
    // the ID, and the reason when it is invalid.
    let pending: Rc<RefCell<VecDeque<Unprinted>>> = Rc::default();

    let source = stream::poll_fn(|cx| ids.poll_next(cx));
    let results = source
        .map(|item| {
            let stop = stop.clone();
            match &item {
                Item::Id(id) => pending.borrow_mut().push_back((id.clone(), None)),
                Item::Invalid { raw, reason } => pending
                    .borrow_mut()
                    .push_back((raw.clone(), Some(reason.clone()))),
                Item::ReadError(_) => {}
            }
            async move {
                match item {
                    Item::Id(id) => Ok(match stop.get() {
                        Some(cause) => skipped(id, cause),
                        None => {
                            let report = client.restart(&id).await;
                            if let Outcome::Api(m) = report.outcome {
                                if m.is_client_wide() && stop.get().is_none() {
                                    stop.set(Some(Exit::from(m)));
                                }
                            }
                            report
                        }
                    }),
                    Item::Invalid { raw, reason } => Ok(invalid(raw, reason)),
                    Item::ReadError(e) => Err(e),
                }
            }
        })
        .buffered(opts.concurrency);
    let mut results = Box::pin(results);

    let mut interrupt = std::pin::pin!(crate::signal::interrupted());
    let mut tally = Tally::default();
    let mut first_failure: Option<Exit> = None;
    let mut interrupted = false;

    loop {
        // Flush stdout only when no result is ready: one write per burst, not per line.
        let next = match results.next().now_or_never() {
            Some(next) => next,
            None => {
                if flush_or_stop(printer) {
                    break;
                }
                tokio::select! {
                    next = results.next() => next,
                    _ = &mut interrupt => { interrupted = true; break; }
                }
            }
        };
        let report = match next {
            None => break,
            Some(Ok(report)) => report,
            Some(Err(read_error)) => {
                // Everything before it has been printed; nothing follows it.
                let _ = printer.flush();
                printer.error(&crate::error::Error::Usage(read_error));
                first_failure.get_or_insert(Exit::Usage);
                break;
            }
        };
        pending.borrow_mut().pop_front();
        let code = exit::for_outcome(&report.outcome, opts.ignore_missing);
        tally.count(&report.outcome);
        printer.progress_tick();
        if !code.is_success() && first_failure.is_none() {
            first_failure = Some(code);
        }
        if let Err(e) = printer.report(&report, code) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                break;
            }
        }
    }

    printer.finish_progress();
    if interrupted {
        // Drop the requests in flight, then report every ID read but not finished.
        drop(results);
        let mut unfinished: Vec<Unprinted> = pending.borrow_mut().drain(..).collect();
        for item in ids.drain_ready() {
            match item {
                Item::Id(id) => unfinished.push((id, None)),
                Item::Invalid { raw, reason } => unfinished.push((raw, Some(reason))),
                Item::ReadError(_) => {}
            }
        }
        for (id, invalid_reason) in unfinished {
            let report = match invalid_reason {
                Some(reason) => invalid(id, reason),
                None => Report {
                    user_id: id,
                    outcome: Outcome::Interrupted,
                    http_status: None,
                    attempts: 0,
                },
            };
            let code = exit::for_outcome(&report.outcome, opts.ignore_missing);
            tally.count(&report.outcome);
            if printer.report(&report, code).is_err() {
                break;
            }
        }
        let _ = printer.flush();
    }
    let _ = printer.flush();

    Finished {
        exit: if interrupted {
            Exit::Interrupted
        } else {
            first_failure.unwrap_or(Exit::Success)
        },
        tally,
        elapsed: started.elapsed(),
    }
}

/// True when stdout is gone (a closed pipe): the run ends quietly.
fn flush_or_stop(printer: &mut Printer) -> bool {
    matches!(printer.flush(), Err(e) if e.kind() == io::ErrorKind::BrokenPipe)
}

fn invalid(user_id: String, reason: String) -> Report {
    Report {
        user_id,
        outcome: Outcome::InvalidUserId(reason),
        http_status: None,
        attempts: 0,
    }
}

fn skipped(user_id: String, cause: Exit) -> Report {
    Report {
        user_id,
        outcome: Outcome::Skipped(cause),
        http_status: None,
        attempts: 0,
    }
}
