//! The batch runner: IDs in, ordered results out, at most N requests in flight.
//!
//! Results print in input order. Finished results wait in a bounded reorder
//! window (4 × N), so one slow ID does not idle the other N − 1 slots, and
//! memory stays bounded whatever the input size. A client-wide failure stops
//! new requests; Ctrl-C, SIGTERM or SIGHUP ends the run between two whole lines.
//!
//! The big-job options live here too, for every per-user command: the breaker
//! (5 network failures in a row), `--max-failures`, `--journal` (a line per
//! finished ID, in the order they finish), `--resume` (IDs the journal records
//! as done are not sent) and `--dry-run`. `--rate` and the shared pause are the
//! client's [`crate::pace::Pace`], which this runner stops.

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::AtomicU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use futures_util::stream::FuturesUnordered;
use futures_util::{FutureExt, StreamExt};

use crate::exit::{self, Exit};
use crate::input::{Ids, Item};
use crate::journal::{Done, Journal};
use crate::operation::{self, Exchange, stop_cause};
use crate::outcome::{Earlier, Outcome, Report};
use crate::pace::Pace;
use crate::reporter::{DryRun, Reporter};
use crate::signal::Signal;

/// Finished results may wait this many times the concurrency for their turn.
const WINDOW_PER_SLOT: usize = 4;

/// This many IDs in a row ending with a network error or timeout: the API is
/// taken as unreachable, a client-wide failure.
pub const UNREACHABLE_AFTER: u32 = 5;

/// The runner's configuration, resolved from the command line by the caller.
#[derive(Default)]
pub struct Options {
    pub concurrency: usize,
    pub ignore_missing: bool,
    /// Stop after this many failed IDs.
    pub max_failures: Option<u64>,
    /// Print each ID's request instead of sending it.
    pub dry_run: bool,
    /// Where finished IDs are recorded.
    pub journal: Option<Journal>,
    /// IDs recorded as done (`--resume`): not sent again.
    pub done: Option<Done>,
}

/// The URL of a request, and with `-v` its headers as shown (the secret as `***`).
pub type Shown = (String, Option<[(&'static str, String); 2]>);

/// What the runner sends through besides the requests themselves: the run's
/// pace, and what `--dry-run` shows. The HTTP client implements it.
pub trait Transport {
    /// The pace every attempt waits for (the runner stops it).
    fn pace(&self) -> &Pace;

    /// What `--dry-run` shows of `request`: its headers with `-v` or `keys`.
    fn shown_request(&self, request: &operation::Request, keys: bool) -> Shown;
}

/// Sends one ID's request (all its attempts): the HTTP client; a unit test's
/// scripted replies through the same attempts.
pub trait Sender: Transport {
    /// `earlier`: whether an earlier run may have carried the request out;
    /// `gate`: asked right before the first attempt goes out.
    fn send<'a>(
        &'a self,
        op: &'a dyn Exchange,
        user_id: &'a str,
        started: &'a AtomicU32,
        earlier: Earlier,
        gate: Gate<'a>,
    ) -> impl std::future::Future<Output = Option<Report>> + 'a;
}

/// Called with an ID right before its first attempt goes out, after its turn
/// of the pace; on `false` nothing is sent. The runner records a destructive
/// request as sent here, not when the ID is read: an ID that was still
/// waiting for its turn when the run stopped was never sent, and its journal
/// must not say it may have been.
pub type Gate<'a> = Option<&'a (dyn Fn(&str) -> bool + Sync)>;

/// The journal's "sent" lines of a destructive run, written through the
/// [`Gate`] by the requests in flight. The first failed write stops the pace
/// (nothing more is sent) and is kept for the runner to report.
struct SentLines<'a> {
    journal: &'a Journal,
    pace: &'a Pace,
    failure: Mutex<Option<io::Error>>,
}

impl<'a> SentLines<'a> {
    /// Those of a destructive run with a journal; none for any other.
    fn of(journal: Option<&'a Journal>, op: &dyn Exchange, pace: &'a Pace) -> Option<Self> {
        let journal = journal.filter(|_| op.destructive())?;
        let failure = Mutex::new(None);
        Some(SentLines {
            journal,
            pace,
            failure,
        })
    }

    fn record(&self, id: &str) -> bool {
        let mut failure = self.failure.lock().unwrap_or_else(PoisonError::into_inner);
        if failure.is_some() {
            return false;
        }
        match self.journal.sent(id) {
            Ok(()) => true,
            Err(e) => {
                *failure = Some(e);
                self.pace.stop();
                false
            }
        }
    }

    fn take_failure(&self) -> Option<io::Error> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
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
    /// Recorded as done in the journal (`--resume`), not sent.
    pub resumed: u64,
    /// Valid IDs of a `--dry-run`.
    pub dry_run: u64,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome, success: bool) {
        match outcome {
            _ if success => self.succeeded += 1,
            Outcome::Api(m) if m.is_nothing_there() => self.missing += 1,
            Outcome::Reply(r) => self.count(&r.meaning, success),
            Outcome::Skipped(_) => self.skipped += 1,
            Outcome::Interrupted(_) => self.interrupted += 1,
            _ => self.failed += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.succeeded
            + self.missing
            + self.failed
            + self.skipped
            + self.interrupted
            + self.resumed
            + self.dry_run
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

/// What is printed for one input item.
enum Ready {
    Report(Report),
    /// Recorded as done by the journal: its recorded JSON object.
    Resumed(serde_json::Map<String, serde_json::Value>),
    /// `--dry-run`: the ID, valid.
    DryRun(String),
}

/// One input item between being read and being printed.
struct Slot {
    user_id: String,
    /// `None` while its request is in flight; `Err` for a failed read of the input.
    result: Option<Result<Ready, String>>,
    /// Attempts begun so far, bumped by the client, while the request is in flight.
    attempts: Option<Arc<AtomicU32>>,
}

impl Slot {
    fn done(user_id: String, result: Result<Ready, String>) -> Slot {
        Slot {
            user_id,
            result: Some(result),
            attempts: None,
        }
    }
}

/// What woke the runner up.
enum Event {
    /// `None`: the run was stopped before the ID's first attempt.
    Done(u64, Option<Report>),
    Read(Option<Item>),
    Stopped(Signal),
}

/// The printing side of a run: exit code, tally, and a stop on a failed stdout.
struct Sink<'a> {
    printer: &'a mut dyn Reporter,
    op: &'a dyn Exchange,
    client: &'a dyn Transport,
    ignore_missing: bool,
    journal: Option<&'a Journal>,
    tally: Tally,
    first_failure: Option<Exit>,
    /// Set when stdout cannot be written (141 for a closed pipe, else 14): the run stops.
    output_failure: Option<Exit>,
    /// Set when the journal cannot be written: no new request is sent, what is in
    /// flight is still reported, the rest is SKIPPED, and the run exits 14.
    journal_broken: bool,
    /// Why the run stopped, said once the output reaches the last ID that had
    /// finished then (the sequence number): "5 IDs in a row failed" must follow
    /// those five lines, which ordered output may print later than they finish.
    held_warning: Option<(u64, String)>,
}

impl<'a> Sink<'a> {
    fn new(
        printer: &'a mut dyn Reporter,
        op: &'a dyn Exchange,
        client: &'a dyn Transport,
        journal: Option<&'a Journal>,
        opts: &Options,
    ) -> Sink<'a> {
        Sink {
            printer,
            op,
            client,
            ignore_missing: opts.ignore_missing,
            journal,
            tally: Tally::default(),
            first_failure: None,
            output_failure: None,
            journal_broken: false,
            held_warning: None,
        }
    }

    /// Say `why` once the output has reached sequence number `after`.
    fn hold_warning(&mut self, after: u64, why: String) {
        self.held_warning = Some((after, why));
    }

    /// The held warning, if the output has reached its place (`printed`
    /// results are out) or `now`.
    fn release_warning(&mut self, printed: u64, now: bool) {
        let due = |(after, _): &mut (u64, String)| now || printed > *after;
        if let Some((_, why)) = self.held_warning.take_if(due) {
            self.printer.warning(&why);
        }
    }

    fn emit(&mut self, result: Result<Ready, String>) {
        let report = match result {
            Ok(Ready::Report(report)) => report,
            Ok(Ready::Resumed(recorded)) => {
                self.tally.resumed += 1;
                self.printer.progress_resumed();
                if let Err(e) = self.printer.resumed(recorded) {
                    self.stdout_failed(e);
                }
                return;
            }
            Ok(Ready::DryRun(id)) => return self.dry_run(&id),
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

/// A request to start: the ID, its attempt counter, and whether an earlier run
/// may have carried it out.
type Request = (String, Arc<AtomicU32>, Earlier);

/// What decides an item's fate when it is read.
struct Plan<'a> {
    /// Set once the run is stopped: later IDs are skipped with this cause.
    stop: Option<Arc<Outcome>>,
    done: Option<&'a Done>,
    dry_run: bool,
}

/// The slot of a freshly read item, and the request to start for a valid ID
/// (none once the batch is stopped, for a resumed ID, or in a dry run).
fn slot_for(item: Item, plan: &Plan) -> (Slot, Option<Request>) {
    match item {
        Item::Id(id) => {
            if let Some(cause) = &plan.stop {
                let report = skipped(id.clone(), cause.clone());
                return (Slot::done(id, Ok(Ready::Report(report))), None);
            }
            if plan.dry_run {
                return (Slot::done(id.clone(), Ok(Ready::DryRun(id))), None);
            }
            if let Some(recorded) = plan.done.and_then(|d| d.lookup(&id)) {
                return (Slot::done(id, Ok(Ready::Resumed(recorded))), None);
            }
            let earlier = match plan.done.is_some_and(|d| d.sent_unfinished(&id)) {
                true => Earlier::PreviousRun,
                false => Earlier::Nothing,
            };
            let attempts = Arc::new(AtomicU32::new(0));
            let slot = Slot {
                user_id: id.clone(),
                result: None,
                attempts: Some(Arc::clone(&attempts)),
            };
            (slot, Some((id, attempts, earlier)))
        }
        Item::Invalid { raw, reason } => (
            Slot::done(raw.clone(), Ok(Ready::Report(invalid(raw, reason)))),
            None,
        ),
        Item::ReadError(e) => (Slot::done(String::new(), Err(e)), None),
    }
}

/// Send `op` for every ID from `ids` through `client`, printing each result as it is due.
pub async fn run<S: Sender>(
    client: &S,
    op: &dyn Exchange,
    mut ids: Ids,
    printer: &mut dyn Reporter,
    mut opts: Options,
) -> Finished {
    let started = Instant::now();
    let window_max = opts.concurrency * WINDOW_PER_SLOT;
    let done = opts.done.take();
    let mut plan = Plan {
        stop: None,
        done: done.as_ref(),
        dry_run: opts.dry_run,
    };
    let mut breaker = Breaker::new(opts.max_failures);
    let journal = opts.journal.take();
    let sent = SentLines::of(journal.as_ref(), op, client.pace());
    let record_sent = |id: &str| sent.as_ref().is_none_or(|s| s.record(id));
    let gate: Gate = sent.as_ref().map(|_| &record_sent as _);
    // Read and not yet printed, in input order; the front has sequence number `printed`.
    let mut window: VecDeque<Slot> = VecDeque::with_capacity(window_max);
    let mut printed: u64 = 0;
    let mut in_flight = FuturesUnordered::new();
    let mut input_done = false;
    let mut signals = std::pin::pin!(crate::signal::stopping());
    let mut sink = Sink::new(printer, op, client, journal.as_ref(), &opts);
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
                sink.sent_line_failed(sent.as_ref(), &mut plan);
                let slot = window.get_mut((seq - printed) as usize);
                if let Some(why) =
                    slot.and_then(|s| settle(&mut sink, &mut plan, &mut breaker, s, report))
                {
                    sink.hold_warning(printed + last_finished(&window), why);
                }
            }
            Event::Read(None) => input_done = true,
            Event::Read(Some(item)) => {
                // Nothing follows a read error.
                input_done |= matches!(item, Item::ReadError(_));
                let seq = printed + window.len() as u64;
                let (slot, request) = slot_for(item, &plan);
                if let Some((id, attempts, earlier)) = request {
                    in_flight.push(async move {
                        (seq, client.send(op, &id, &attempts, earlier, gate).await)
                    });
                }
                window.push_back(slot);
            }
        }
    }

    sink.printer.finish_progress();
    // No request is waited for: whatever is in flight is dropped now.
    drop(in_flight);
    let input_left = match signal {
        Some(sig) => report_unfinished(&mut sink, window, &mut ids, sig, &plan),
        None => !input_done,
    };
    sink.finish(signal, input_left, started)
}

/// A finished request: stop the run if it says so, record it, and put it in
/// its slot. Returns what to say on stderr of a stop it caused.
fn settle(
    sink: &mut Sink,
    plan: &mut Plan,
    breaker: &mut Breaker,
    slot: &mut Slot,
    report: Option<Report>,
) -> Option<String> {
    let report = match report {
        Some(report) => report,
        // Stopped before its first attempt: skipped like the IDs not yet read.
        None => skipped(slot.user_id.clone(), stopped_cause(&plan.stop)),
    };
    let mut warning = None;
    if plan.stop.is_none() {
        if let Some((cause, why)) = breaker.check(&report.outcome, sink) {
            plan.stop = Some(Arc::new(cause));
            sink.client.pace().stop();
            warning = why;
        }
    }
    sink.record(&report);
    if sink.journal_broken && plan.stop.is_none() {
        // Without its durable record the run must not go on sending.
        plan.stop = Some(Arc::new(Outcome::JournalFailed));
        sink.client.pace().stop();
    }
    slot.result = Some(Ok(Ready::Report(report)));
    slot.attempts = None;
    warning
}

/// The window's place of the last ID that has finished: a stop's warning
/// follows it, so the failures it counts are printed before it.
fn last_finished(window: &VecDeque<Slot>) -> u64 {
    window.iter().rposition(|s| s.result.is_some()).unwrap_or(0) as u64
}

/// The cause a stopped-before-sending ID is skipped with.
fn stopped_cause(stop: &Option<Arc<Outcome>>) -> Arc<Outcome> {
    stop.clone().unwrap_or_else(|| {
        Arc::new(Outcome::Unexpected(
            "the run was stopped before this ID was sent".into(),
        ))
    })
}

/// Counts what stops a run besides a client-wide reply: network failures in a
/// row (in the order IDs finish) and, with `--max-failures`, failed IDs.
#[derive(Default)]
struct Breaker {
    unreachable_streak: u32,
    failures: u64,
    max_failures: Option<u64>,
}

impl Breaker {
    fn new(max_failures: Option<u64>) -> Breaker {
        Breaker {
            max_failures,
            ..Breaker::default()
        }
    }

    /// The cause that stops the run after `outcome`, and what to say on stderr.
    fn check(&mut self, outcome: &Outcome, sink: &Sink) -> Option<(Outcome, Option<String>)> {
        if let Some(m) = stop_cause(outcome) {
            // The failure's own line says why.
            return Some((Outcome::Api(m), None));
        }
        if matches!(outcome, Outcome::Network(_) | Outcome::Timeout(_)) {
            self.unreachable_streak += 1;
        } else {
            self.unreachable_streak = 0;
        }
        if self.unreachable_streak >= UNREACHABLE_AFTER {
            return Some((
                outcome.clone(),
                Some(format!(
                    "the API looks unreachable: {UNREACHABLE_AFTER} IDs in a row ended with a \
                     network error or timeout; no more requests are sent, the rest are SKIPPED"
                )),
            ));
        }
        if !exit::for_outcome(outcome, sink.ignore_missing).is_success() {
            self.failures += 1;
            if self.max_failures == Some(self.failures) {
                return Some((
                    outcome.clone(),
                    Some(format!(
                        "{} failed (--max-failures {}): no more requests are sent, \
                         the rest are SKIPPED",
                        match self.failures {
                            1 => "1 ID has".to_string(),
                            n => format!("{n} IDs have"),
                        },
                        self.failures
                    )),
                ));
            }
        }
        None
    }
}

impl Sink<'_> {
    /// Append a finished ID to the journal; a failed write stops the run (exit 14).
    fn record(&mut self, report: &Report) {
        let Some(journal) = self.journal else {
            return;
        };
        if matches!(
            report.outcome,
            Outcome::Skipped(_) | Outcome::Interrupted(_)
        ) {
            return;
        }
        let code = exit::for_outcome(&report.outcome, self.ignore_missing);
        let written = self
            .printer
            .record(report, code)
            .and_then(|line| journal.record(line));
        if let Err(source) = written {
            self.journal_failed(source);
        }
    }

    /// A "sent" line that a request could not write (it was not sent): said
    /// once, and the run sends nothing more.
    fn sent_line_failed(&mut self, sent: Option<&SentLines>, plan: &mut Plan) {
        if let Some(source) = sent.and_then(SentLines::take_failure) {
            self.journal_failed(source);
            plan.stop
                .get_or_insert_with(|| Arc::new(Outcome::JournalFailed));
        }
    }

    fn journal_failed(&mut self, source: io::Error) {
        let path = self
            .journal
            .as_ref()
            .map(|j| crate::sanitize::display_path(j.path()));
        let error = crate::error::Error::Output {
            stream: "the journal",
            source,
        };
        self.printer.error(&error);
        if let Some(path) = path {
            self.printer.hint(&format!("the journal is {path}"));
        }
        self.journal = None;
        self.journal_broken = true;
    }

    /// `--dry-run`: print the request `id` would get.
    fn dry_run(&mut self, id: &str) {
        self.tally.dry_run += 1;
        self.printer.progress_tick();
        let request = self.op.request(id);
        let whole = self.op.dry_run_shows_all();
        let (url, headers) = self.client.shown_request(&request, whole);
        let own = whole.then(|| self.op.shown_request(&request));
        let shown = DryRun {
            user_id: id,
            method: &request.method,
            url: &url,
            keys: headers.as_ref().map(|h| &h[..]),
            own: own.as_deref(),
        };
        if let Err(e) = self.printer.dry_run(&shown) {
            self.stdout_failed(e);
        }
    }
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
                self.release_warning(*printed, false);
            }
        }
    }

    /// The run's result, once everything that will be printed is.
    fn finish(mut self, signal: Option<Signal>, input_left: bool, started: Instant) -> Finished {
        // Not said yet if the output stopped early (a signal, a failed stdout).
        self.release_warning(0, true);
        let _ = self.flush();
        // Every stop ends here (signal, quota, closed pipe): what was recorded reaches the disk.
        if let Some(journal) = self.journal.take() {
            if let Err(e) = journal.finish() {
                self.journal_failed(e);
            }
        }
        let sink = self;
        Finished {
            // A failed stdout or journal first (the record is incomplete), then the
            // signal, then the IDs.
            exit: sink
                .output_failure
                .or(sink.journal_broken.then_some(Exit::OutputFailed))
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
fn report_unfinished(
    sink: &mut Sink,
    window: VecDeque<Slot>,
    ids: &mut Ids,
    sig: Signal,
    plan: &Plan,
) -> bool {
    let (ready, input_left) = ids.drain_ready();
    let unread = ready.into_iter().map(|item| slot_for(item, plan).0);
    for slot in window.into_iter().chain(unread) {
        if sink.output_failure.is_some() {
            break;
        }
        let attempts = slot
            .attempts
            .map_or(0, |a| a.load(std::sync::atomic::Ordering::Relaxed));
        let result = match slot.result {
            Some(finished) => finished,
            None => Ok(Ready::Report(Report {
                outcome: Outcome::Interrupted(sig),
                http_status: None,
                attempts,
                // Begun and not finished: it may have reached the server.
                reached: attempts > 0,
                user_id: slot.user_id,
            })),
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
        reached: false,
    }
}

fn skipped(user_id: String, cause: Arc<Outcome>) -> Report {
    Report {
        user_id,
        outcome: Outcome::Skipped(cause),
        http_status: None,
        attempts: 0,
        reached: false,
    }
}

/// The runner in-process, on paused time: scripted replies go through the
/// client's own [`crate::client::Attempts`] (retries, the pace, the shared
/// pause); only the HTTP exchange is replaced.
#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::Duration;

    use biometrid_protocol::{ApiMessage, Endpoint};
    use tokio::time::Instant;

    use super::*;
    use crate::client::Attempts;
    use crate::operation::Operation;
    use crate::outcome::{Classified, Reason, Retry};
    use crate::reply::Documented;

    /// An operation whose success is a documented message.
    struct Probe;

    impl Operation for Probe {
        fn name(&self) -> &'static str {
            "probe"
        }
        fn endpoint(&self) -> Endpoint {
            Endpoint::RestartState
        }
        fn read(&self, _: Documented) -> Result<Outcome, Reason> {
            Err("not used".into())
        }
        fn done_word(&self) -> &'static str {
            "done"
        }
    }

    /// One scripted attempt: how long it takes and how it ends.
    #[derive(Clone)]
    struct Step(Duration, Outcome, Retry);

    fn ok(secs: u64) -> Step {
        Step(
            Duration::from_secs(secs),
            Outcome::Api(ApiMessage::StateRestarted),
            Retry::No,
        )
    }

    struct Scripted {
        pace: Pace,
        retries: u32,
        /// Each ID's attempts (the last one repeats); IDs not named: `ok(1)`.
        script: HashMap<String, Vec<Step>>,
        /// Every attempt's ID and start, since the test began.
        started: Mutex<Vec<(String, Duration)>>,
        epoch: Instant,
    }

    impl Scripted {
        fn new(script: &[(&str, Vec<Step>)]) -> Scripted {
            Scripted {
                pace: Pace::default(),
                retries: 2,
                script: script
                    .iter()
                    .map(|(id, steps)| (id.to_string(), steps.clone()))
                    .collect(),
                started: Mutex::default(),
                epoch: Instant::now(),
            }
        }

        /// When `id`'s attempts started.
        fn starts(&self, id: &str) -> Vec<Duration> {
            let started = self.started.lock().unwrap();
            started
                .iter()
                .filter(|(i, _)| i == id)
                .map(|(_, t)| *t)
                .collect()
        }
    }

    impl Transport for Scripted {
        fn pace(&self) -> &Pace {
            &self.pace
        }
        fn shown_request(&self, request: &operation::Request, _: bool) -> Shown {
            (request.path.clone(), None)
        }
    }

    impl Sender for Scripted {
        fn send<'a>(
            &'a self,
            op: &'a dyn Exchange,
            user_id: &'a str,
            started: &'a AtomicU32,
            earlier: Earlier,
            gate: Gate<'a>,
        ) -> impl std::future::Future<Output = Option<Report>> + 'a {
            let steps = self.script.get(user_id).cloned().unwrap_or(vec![ok(1)]);
            let mut n = 0;
            let attempts = Attempts {
                pace: &self.pace,
                retries: self.retries,
                verbose: None,
            };
            async move {
                let attempt = || {
                    let Step(took, outcome, retry) = steps[n.min(steps.len() - 1)].clone();
                    n += 1;
                    let at = self.epoch.elapsed();
                    self.started.lock().unwrap().push((user_id.to_string(), at));
                    async move {
                        tokio::time::sleep(took).await;
                        (Classified { outcome, retry }, Some(200))
                    }
                };
                attempts
                    .run(op, user_id, started, earlier, gate, attempt)
                    .await
            }
        }
    }

    /// What the runner reported, in order: each ID and its message.
    #[derive(Default)]
    struct Recorded(Vec<(String, &'static str)>);

    impl Reporter for Recorded {
        fn report(&mut self, report: &Report, _: Exit) -> io::Result<()> {
            self.0
                .push((report.user_id.clone(), report.outcome.message()));
            Ok(())
        }
        fn resumed(&mut self, _: serde_json::Map<String, serde_json::Value>) -> io::Result<()> {
            Ok(())
        }
        fn dry_run(&mut self, _: &DryRun) -> io::Result<()> {
            Ok(())
        }
        fn record(&self, _: &Report, _: Exit) -> io::Result<String> {
            Ok(String::new())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn error(&self, _: &crate::error::Error) {}
        fn warning(&self, _: &str) {}
        fn hint(&self, _: &str) {}
        fn progress_tick(&self) {}
        fn progress_resumed(&self) {}
        fn finish_progress(&mut self) {}
    }

    async fn run_ids(
        sender: &Scripted,
        n: usize,
        options: Options,
    ) -> (Finished, Vec<(String, &'static str)>) {
        let sources = (0..n)
            .map(|i| crate::input::Source::Arg(format!("u{i}")))
            .collect();
        let mut recorded = Recorded::default();
        let finished = run(
            sender,
            &Probe,
            crate::input::spawn(sources),
            &mut recorded,
            options,
        )
        .await;
        (finished, recorded.0)
    }

    fn options(concurrency: usize) -> Options {
        Options {
            concurrency,
            ..Options::default()
        }
    }

    const SEC: Duration = Duration::from_secs(1);

    #[tokio::test(start_paused = true)]
    async fn a_slow_id_holds_back_printing_not_sending_up_to_the_window() {
        // u0 takes 100 s; concurrency 2 gives a window of 8 IDs read ahead.
        let sender = Scripted::new(&[("u0", vec![ok(100)])]);
        let (finished, lines) = run_ids(&sender, 12, options(2)).await;
        assert_eq!(finished.exit, Exit::Success);
        let order: Vec<String> = lines.iter().map(|(id, _)| id.clone()).collect();
        let expected: Vec<String> = (0..12).map(|i| format!("u{i}")).collect();
        assert_eq!(order, expected, "printed in input order");
        // The other slot kept working while u0 was slow: u1 to u7 all started
        // before u0 ended, one after another.
        for i in 1..8 {
            let at = sender.starts(&format!("u{i}"))[0];
            assert!(at < 100 * SEC, "u{i} started at {at:?}");
        }
        // u8 would be the ninth ID in the window: it waits for u0 to be printed.
        assert!(
            sender.starts("u8")[0] >= 100 * SEC,
            "{:?}",
            sender.starts("u8")
        );
    }

    #[tokio::test(start_paused = true)]
    async fn five_network_failures_in_a_row_stop_the_run() {
        let down = || vec![Step(SEC, Outcome::Network("refused".into()), Retry::No)];
        let script: Vec<(String, Vec<Step>)> = (0..10).map(|i| (format!("u{i}"), down())).collect();
        let script: Vec<(&str, Vec<Step>)> = script
            .iter()
            .map(|(id, s)| (id.as_str(), s.clone()))
            .collect();
        let sender = Scripted::new(&script);
        let (finished, lines) = run_ids(&sender, 10, options(1)).await;
        let messages: Vec<&str> = lines.iter().map(|(_, m)| *m).collect();
        assert_eq!(messages[..5], ["NETWORK_ERROR"; 5]);
        assert_eq!(messages[5..], ["SKIPPED"; 5]);
        assert_eq!(
            sender.started.lock().unwrap().len(),
            5,
            "no request after the fifth"
        );
        assert_eq!(finished.exit, Exit::Network);
        assert_eq!(finished.tally.skipped, 5);
    }

    #[tokio::test(start_paused = true)]
    async fn max_failures_stops_after_that_many_failed_ids() {
        let missing = vec![Step(
            SEC,
            Outcome::Api(ApiMessage::UserIdNotExists),
            Retry::No,
        )];
        let sender = Scripted::new(&[("u1", missing.clone()), ("u3", missing)]);
        let mut opts = options(1);
        opts.max_failures = Some(2);
        let (finished, lines) = run_ids(&sender, 6, opts).await;
        let messages: Vec<&str> = lines.iter().map(|(_, m)| *m).collect();
        assert_eq!(
            messages,
            [
                "STATE_RESTARTED_WITH_SUCCESS",
                "USERID_NOT_EXISTS",
                "STATE_RESTARTED_WITH_SUCCESS",
                "USERID_NOT_EXISTS",
                "SKIPPED",
                "SKIPPED"
            ]
        );
        assert_eq!(finished.exit, Exit::UserIdNotExists);
    }

    #[tokio::test(start_paused = true)]
    async fn a_retry_after_pauses_every_id_not_only_its_own() {
        // u0's first attempt is told to come back in 20 s: no attempt of any ID
        // starts before then, and u0's retry is at 20 s.
        let busy = Step(
            SEC,
            Outcome::Api(ApiMessage::ProblemOccurred),
            Retry::Yes(Some(20 * SEC)),
        );
        let sender = Scripted::new(&[("u0", vec![busy, ok(1)])]);
        let (finished, _) = run_ids(&sender, 4, options(2)).await;
        assert_eq!(finished.exit, Exit::Success);
        assert_eq!(sender.starts("u0"), [Duration::ZERO, 21 * SEC]);
        // u1 started with u0; u2 and u3 only after the pause that began at 1 s.
        assert_eq!(sender.starts("u1"), [Duration::ZERO]);
        for id in ["u2", "u3"] {
            let at = sender.starts(id)[0];
            assert!(at >= 21 * SEC, "{id} started at {at:?}, inside the pause");
        }
    }
}
