//! The batch runner: IDs in, ordered results out, at most N requests in flight.
//!
//! Results print in input order. Finished results wait in a bounded reorder
//! window (4 × N), so one slow ID does not idle the other N − 1 slots, and
//! memory stays bounded whatever the input size. A client-wide failure stops
//! new requests; Ctrl-C ends the run between two whole lines.

use std::cell::Cell;
use std::collections::VecDeque;
use std::io;
use std::time::Instant;

use futures_util::stream::FuturesUnordered;
use futures_util::{FutureExt, StreamExt};

use crate::api::{ApiMessage, Client, Outcome, Report};
use crate::exit::{self, Exit};
use crate::input::{Ids, Item};
use crate::output::Printer;

/// Finished results may wait this many times the concurrency for their turn.
const WINDOW_PER_SLOT: usize = 4;

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

/// One input item between being read and being printed.
struct Slot {
    user_id: String,
    /// `None` while its request is in flight; `Err` for a failed read of the input.
    result: Option<Result<Report, String>>,
}

/// What woke the runner up.
enum Event {
    Done(u64, Report),
    Read(Option<Item>),
    Interrupted,
}

/// The printing side of a run: exit code, tally, and a stop on a closed stdout.
struct Sink<'a> {
    printer: &'a mut Printer,
    ignore_missing: bool,
    tally: Tally,
    first_failure: Option<Exit>,
    closed: bool,
}

impl Sink<'_> {
    fn emit(&mut self, result: Result<Report, String>) {
        let report = match result {
            Ok(report) => report,
            Err(read_error) => {
                let _ = self.printer.flush();
                self.printer.error(&crate::error::Error::Usage(read_error));
                self.first_failure.get_or_insert(Exit::Usage);
                return;
            }
        };
        let code = exit::for_outcome(&report.outcome, self.ignore_missing);
        self.tally.count(&report.outcome);
        self.printer.progress_tick();
        if !code.is_success() {
            self.first_failure.get_or_insert(code);
        }
        if let Err(e) = self.printer.report(&report, code) {
            self.closed |= e.kind() == io::ErrorKind::BrokenPipe;
        }
    }
}

/// Run every ID from `ids` through `client`, printing each result as it is due.
pub async fn run(client: &Client, mut ids: Ids, printer: &mut Printer, opts: &Options) -> Finished {
    let started = Instant::now();
    let window_max = opts.concurrency * WINDOW_PER_SLOT;
    // Set by the first client-wide failure: later IDs are skipped with its code.
    let stop: Cell<Option<Exit>> = Cell::new(None);
    // Read and not yet printed, in input order; the front has sequence number `printed`.
    let mut window: VecDeque<Slot> = VecDeque::with_capacity(window_max);
    let mut printed: u64 = 0;
    let mut in_flight = FuturesUnordered::new();
    let mut input_done = false;
    let mut interrupt = std::pin::pin!(crate::signal::interrupted());
    let mut sink = Sink {
        printer,
        ignore_missing: opts.ignore_missing,
        tally: Tally::default(),
        first_failure: None,
        closed: false,
    };
    let mut interrupted = false;

    loop {
        // Print every result that is due, in order.
        while window.front().is_some_and(|s| s.result.is_some()) {
            if let Some(Slot {
                result: Some(result),
                ..
            }) = window.pop_front()
            {
                sink.emit(result);
                printed += 1;
            }
        }
        if sink.closed || (input_done && window.is_empty()) {
            break;
        }
        let can_read =
            !input_done && in_flight.len() < opts.concurrency && window.len() < window_max;

        let next = async {
            tokio::select! {
                biased;
                Some((seq, report)) = in_flight.next(), if !in_flight.is_empty() => Event::Done(seq, report),
                item = std::future::poll_fn(|cx| ids.poll_next(cx)), if can_read => Event::Read(item),
            }
        };
        // Flush stdout only when nothing is ready: one write per burst, not per line.
        let event = match next.now_or_never() {
            Some(event) => event,
            None => {
                if matches!(sink.printer.flush(), Err(e) if e.kind() == io::ErrorKind::BrokenPipe) {
                    break;
                }
                tokio::select! {
                    biased;
                    _ = &mut interrupt => Event::Interrupted,
                    Some((seq, report)) = in_flight.next(), if !in_flight.is_empty() => Event::Done(seq, report),
                    item = std::future::poll_fn(|cx| ids.poll_next(cx)), if can_read => Event::Read(item),
                }
            }
        };
        match event {
            Event::Interrupted => {
                interrupted = true;
                break;
            }
            Event::Done(seq, report) => {
                if let Outcome::Api(m) = report.outcome {
                    if m.is_client_wide() && stop.get().is_none() {
                        stop.set(Some(Exit::from(m)));
                    }
                }
                if let Some(slot) = window.get_mut((seq - printed) as usize) {
                    slot.result = Some(Ok(report));
                }
            }
            Event::Read(None) => input_done = true,
            Event::Read(Some(item)) => {
                let seq = printed + window.len() as u64;
                let slot = match item {
                    Item::Id(id) => match stop.get() {
                        Some(cause) => Slot {
                            result: Some(Ok(skipped(id.clone(), cause))),
                            user_id: id,
                        },
                        None => {
                            let request_id = id.clone();
                            in_flight.push(async move { (seq, client.restart(&request_id).await) });
                            Slot {
                                user_id: id,
                                result: None,
                            }
                        }
                    },
                    Item::Invalid { raw, reason } => Slot {
                        result: Some(Ok(invalid(raw.clone(), reason))),
                        user_id: raw,
                    },
                    Item::ReadError(e) => {
                        // Nothing follows a read error.
                        input_done = true;
                        Slot {
                            user_id: String::new(),
                            result: Some(Err(e)),
                        }
                    }
                };
                window.push_back(slot);
            }
        }
    }

    sink.printer.finish_progress();
    if interrupted {
        // Drop the requests in flight; report what finished, then every ID read but not finished.
        drop(in_flight);
        let unread = ids.drain_ready().into_iter().filter_map(|item| match item {
            Item::Id(id) => Some(Slot {
                user_id: id,
                result: None,
            }),
            Item::Invalid { raw, reason } => Some(Slot {
                result: Some(Ok(invalid(raw.clone(), reason))),
                user_id: raw,
            }),
            Item::ReadError(_) => None,
        });
        for slot in window.into_iter().chain(unread) {
            if sink.closed {
                break;
            }
            let result = match slot.result {
                Some(finished) => finished,
                None => Ok(Report {
                    user_id: slot.user_id,
                    outcome: Outcome::Interrupted,
                    http_status: None,
                    attempts: 0,
                }),
            };
            sink.emit(result);
        }
    }
    let _ = sink.printer.flush();

    Finished {
        exit: if interrupted {
            Exit::Interrupted
        } else {
            sink.first_failure.unwrap_or(Exit::Success)
        },
        tally: sink.tally,
        elapsed: started.elapsed(),
    }
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
