//! The batch runner: IDs in, ordered results out, at most N requests in flight.
//!
//! Results print in input order. Finished results wait in a bounded reorder
//! window (4 × N), so one slow ID does not idle the other N − 1 slots, and
//! memory stays bounded whatever the input size. A client-wide failure stops
//! new requests; Ctrl-C, SIGTERM or SIGHUP ends the run between two whole lines.

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicU32;
use std::time::Instant;

use futures_util::stream::FuturesUnordered;
use futures_util::{FutureExt, StreamExt};

use biometrid_protocol::ApiMessage;

use crate::api::Client;
use crate::exit::{self, Exit};
use crate::input::{Ids, Item};
use crate::operation::{Operation, stop_cause};
use crate::outcome::{Outcome, Report};
use crate::output::Printer;
use crate::signal::Signal;

/// Finished results may wait this many times the concurrency for their turn.
const WINDOW_PER_SLOT: usize = 4;

pub struct Options {
    pub concurrency: usize,
    pub ignore_missing: bool,
}

/// What the run did, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The operation's success (restarted, for restart-state).
    pub succeeded: u64,
    pub missing: u64,
    pub failed: u64,
    pub skipped: u64,
    pub interrupted: u64,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome, success: bool) {
        match outcome {
            _ if success => self.succeeded += 1,
            Outcome::Api(ApiMessage::UserIdNotExists) => self.missing += 1,
            Outcome::Skipped(_) => self.skipped += 1,
            Outcome::Interrupted(_) => self.interrupted += 1,
            _ => self.failed += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.succeeded + self.missing + self.failed + self.skipped + self.interrupted
    }
}

/// The overall result: the exit code and what was done.
pub struct Finished {
    pub exit: Exit,
    pub tally: Tally,
    pub elapsed: std::time::Duration,
    /// The signal that stopped the run, if one did.
    pub signal: Option<Signal>,
    /// Stopped (by a signal or a failed stdout) before the end of the input was read.
    pub input_left: bool,
}

/// One input item between being read and being printed.
struct Slot {
    user_id: String,
    /// `None` while its request is in flight; `Err` for a failed read of the input.
    result: Option<Result<Report, String>>,
    /// Attempts begun so far, bumped by the client, while the request is in flight.
    attempts: Option<Arc<AtomicU32>>,
}

impl Slot {
    fn done(user_id: String, result: Result<Report, String>) -> Slot {
        Slot {
            user_id,
            result: Some(result),
            attempts: None,
        }
    }
}

/// What woke the runner up.
enum Event {
    Done(u64, Report),
    Read(Option<Item>),
    Stopped(Signal),
}

/// The printing side of a run: exit code, tally, and a stop on a failed stdout.
struct Sink<'a> {
    printer: &'a mut Printer,
    op: &'a dyn Operation,
    ignore_missing: bool,
    tally: Tally,
    first_failure: Option<Exit>,
    /// Set when stdout cannot be written (141 for a closed pipe, else 14): the run stops.
    output_failure: Option<Exit>,
}

impl Sink<'_> {
    fn emit(&mut self, result: Result<Report, String>) {
        let report = match result {
            Ok(report) => report,
            Err(read_error) => {
                if let Err(e) = self.printer.flush() {
                    return self.stdout_failed(e);
                }
                self.printer.error(&crate::error::Error::Usage(read_error));
                self.first_failure.get_or_insert(Exit::Usage);
                return;
            }
        };
        let code = exit::for_outcome(&report.outcome, self.ignore_missing);
        self.tally
            .count(&report.outcome, self.op.is_success(&report.outcome));
        self.printer.progress_tick();
        if !code.is_success() {
            self.first_failure.get_or_insert(code);
        }
        if let Err(e) = self.printer.report(&report, code) {
            self.stdout_failed(e);
        }
    }

    /// Flush stdout; false (and the run stops) if it cannot be written.
    fn flush(&mut self) -> bool {
        match self.printer.flush() {
            Ok(()) => true,
            Err(e) => {
                self.stdout_failed(e);
                false
            }
        }
    }

    /// stdout failed: say why on stderr (nothing for a closed pipe) and stop the run.
    fn stdout_failed(&mut self, source: io::Error) {
        if self.output_failure.is_some() {
            return;
        }
        let error = crate::error::Error::Output {
            stream: "stdout",
            source,
        };
        self.printer.error(&error);
        self.output_failure = Some(exit::for_error(&error));
    }
}

/// A request to start: the ID and its attempt counter.
type Request = (String, Arc<AtomicU32>);

/// The slot of a freshly read item, and the request to start for a valid ID
/// (none once a client-wide failure stopped the batch).
fn slot_for(item: Item, stop: Option<ApiMessage>) -> (Slot, Option<Request>) {
    match item {
        Item::Id(id) => match stop {
            Some(cause) => (Slot::done(id.clone(), Ok(skipped(id, cause))), None),
            None => {
                let attempts = Arc::new(AtomicU32::new(0));
                let slot = Slot {
                    user_id: id.clone(),
                    result: None,
                    attempts: Some(Arc::clone(&attempts)),
                };
                (slot, Some((id, attempts)))
            }
        },
        Item::Invalid { raw, reason } => (Slot::done(raw.clone(), Ok(invalid(raw, reason))), None),
        Item::ReadError(e) => (Slot::done(String::new(), Err(e)), None),
    }
}

/// Send `op` for every ID from `ids` through `client`, printing each result as it is due.
pub async fn run(
    client: &Client,
    op: &dyn Operation,
    mut ids: Ids,
    printer: &mut Printer,
    opts: &Options,
) -> Finished {
    let started = Instant::now();
    let window_max = opts.concurrency * WINDOW_PER_SLOT;
    // Set by the first client-wide failure: later IDs are skipped with its code.
    let mut stop: Option<ApiMessage> = None;
    // Read and not yet printed, in input order; the front has sequence number `printed`.
    let mut window: VecDeque<Slot> = VecDeque::with_capacity(window_max);
    let mut printed: u64 = 0;
    let mut in_flight = FuturesUnordered::new();
    let mut input_done = false;
    let mut signals = std::pin::pin!(crate::signal::stopping());
    let mut sink = Sink {
        printer,
        op,
        ignore_missing: opts.ignore_missing,
        tally: Tally::default(),
        first_failure: None,
        output_failure: None,
    };
    let mut signal = None;

    loop {
        sink.emit_due(&mut window, &mut printed);
        if sink.output_failure.is_some() || (input_done && window.is_empty()) {
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
                if !sink.flush() {
                    break;
                }
                tokio::select! {
                    biased;
                    sig = &mut signals => Event::Stopped(sig),
                    Some((seq, report)) = in_flight.next(), if !in_flight.is_empty() => Event::Done(seq, report),
                    item = std::future::poll_fn(|cx| ids.poll_next(cx)), if can_read => Event::Read(item),
                }
            }
        };
        match event {
            Event::Stopped(sig) => {
                signal = Some(sig);
                break;
            }
            Event::Done(seq, report) => {
                stop = stop.or(stop_cause(&report.outcome));
                if let Some(slot) = window.get_mut((seq - printed) as usize) {
                    slot.result = Some(Ok(report));
                    slot.attempts = None;
                }
            }
            Event::Read(None) => input_done = true,
            Event::Read(Some(item)) => {
                // Nothing follows a read error.
                input_done |= matches!(item, Item::ReadError(_));
                let seq = printed + window.len() as u64;
                let (slot, request) = slot_for(item, stop);
                if let Some((id, attempts)) = request {
                    in_flight.push(async move { (seq, client.send(op, &id, &attempts).await) });
                }
                window.push_back(slot);
            }
        }
    }

    sink.printer.finish_progress();
    // No request is waited for: whatever is in flight is dropped now.
    drop(in_flight);
    let input_left = match signal {
        Some(sig) => report_unfinished(&mut sink, window, &mut ids, sig),
        None => !input_done,
    };
    sink.finish(signal, input_left, started)
}

impl Sink<'_> {
    /// Print every result that is due, in order.
    fn emit_due(&mut self, window: &mut VecDeque<Slot>, printed: &mut u64) {
        while window.front().is_some_and(|s| s.result.is_some()) {
            if let Some(Slot {
                result: Some(result),
                ..
            }) = window.pop_front()
            {
                self.emit(result);
                *printed += 1;
            }
        }
    }

    /// The run's result, once everything that will be printed is.
    fn finish(mut self, signal: Option<Signal>, input_left: bool, started: Instant) -> Finished {
        let _ = self.flush();
        let sink = self;
        Finished {
            // A failed stdout first (the report is incomplete), then the signal, then the IDs.
            exit: sink
                .output_failure
                .or(signal.map(Exit::from))
                .unwrap_or(sink.first_failure.unwrap_or(Exit::Success)),
            tally: sink.tally,
            elapsed: started.elapsed(),
            signal,
            input_left,
        }
    }
}

/// After a signal: report what finished, then every ID read but not finished
/// (with the attempts it had begun). Returns whether input was left unread.
fn report_unfinished(sink: &mut Sink, window: VecDeque<Slot>, ids: &mut Ids, sig: Signal) -> bool {
    let (ready, input_left) = ids.drain_ready();
    let unread = ready.into_iter().map(|item| slot_for(item, None).0);
    for slot in window.into_iter().chain(unread) {
        if sink.output_failure.is_some() {
            break;
        }
        let result = match slot.result {
            Some(finished) => finished,
            None => Ok(Report {
                outcome: Outcome::Interrupted(sig),
                http_status: None,
                attempts: slot
                    .attempts
                    .map_or(0, |a| a.load(std::sync::atomic::Ordering::Relaxed)),
                user_id: slot.user_id,
            }),
        };
        sink.emit(result);
    }
    input_left
}

fn invalid(user_id: String, reason: String) -> Report {
    Report {
        user_id,
        outcome: Outcome::InvalidUserId(reason),
        http_status: None,
        attempts: 0,
    }
}

fn skipped(user_id: String, cause: ApiMessage) -> Report {
    Report {
        user_id,
        outcome: Outcome::Skipped(cause),
        http_status: None,
        attempts: 0,
    }
}
