//! Rendering: human lines, JSON Lines or quiet; color per stream; the secret
//! scrubbed from server-derived text, whatever a server echoed back.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use biometrid_protocol::ApiMessage;

use crate::cli::{ColorChoice, GlobalOpts};
use crate::error::Error;
use crate::exit::Exit;
use crate::json;
use crate::log::{ErrStream, Log, Writer};
use crate::outcome::{Field, Outcome, Part, Report, ServerText, To};
use crate::reporter::{DryRun, Reporter};
use crate::sanitize;
use crate::scrub::Scrubber;
use crate::stdio;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Human,
    Json,
    Quiet,
}

const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default();
const CYAN: Style = AnsiColor::Cyan.on_default();

/// Whether to color a stream: `--color` wins; `auto` means a terminal, no
/// non-empty `NO_COLOR`, and a `TERM` other than `dumb`.
pub fn use_color(
    choice: ColorChoice,
    is_terminal: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && env("NO_COLOR").is_none_or(|v| v.is_empty())
                && env("TERM").as_deref() != Some("dumb")
        }
    }
}

fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

/// One JSON line of `--json`.
#[derive(Serialize)]
struct JsonLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<&'a str>,
    ok: bool,
    /// The API's message or a local code; null for an answer without one.
    message: Option<String>,
    http_status: Option<u16>,
    exit_code: u8,
    attempts: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    /// The command's own fields (`enrolled`, `dialogue`, `id`, ...).
    #[serde(flatten)]
    fields: serde_json::Map<String, serde_json::Value>,
}

/// The streams the printer writes to, and whether each is a terminal: given from
/// outside (the process's own in `main`, buffers in tests), so output is testable
/// in-process.
pub struct Streams {
    pub out: Writer,
    pub err: Writer,
    pub out_is_terminal: bool,
    pub err_is_terminal: bool,
}

impl Streams {
    /// The process's stdout and stderr; one the caller closed fails every write.
    pub fn standard(closed: stdio::Closed) -> Streams {
        let stream = |closed: bool, open: Writer| -> Writer {
            if closed {
                Box::new(stdio::ClosedStream)
            } else {
                open
            }
        };
        Streams {
            out_is_terminal: io::stdout().is_terminal(),
            err_is_terminal: io::stderr().is_terminal(),
            out: stream(closed.stdout, Box::new(io::stdout())),
            err: stream(closed.stderr, Box::new(io::stderr())),
        }
    }
}

/// The local outcomes (IDs never answered by the server) whose stderr lines are
/// limited: a quota stop on 20,000 IDs would otherwise print 19,984 of them.
const LOCAL_OUTCOMES: [&str; 2] = ["SKIPPED", "INTERRUPTED"];
const SKIPPED: usize = 0;
const INTERRUPTED: usize = 1;

/// The lines of each local outcome printed one by one in a run; the rest are counted.
const LOCAL_LINES_SHOWN: u64 = 20;

/// How many lines of each of [`LOCAL_OUTCOMES`] were printed, and how many more were not.
#[derive(Default)]
struct LocalLines {
    shown: [u64; 2],
    more: [u64; 2],
    /// Of the INTERRUPTED not printed, those a destructive command had sent.
    more_sent: u64,
}

impl LocalLines {
    /// Whether the line of `outcome` is printed; one past the limit is counted instead.
    /// `sent`: a destructive command's request went out (it may have been carried out).
    fn admit(&mut self, outcome: &Outcome, sent: bool) -> bool {
        let kind = match outcome {
            Outcome::Skipped(_) => SKIPPED,
            Outcome::Interrupted(_) => INTERRUPTED,
            _ => return true,
        };
        if self.shown[kind] < LOCAL_LINES_SHOWN {
            self.shown[kind] += 1;
            return true;
        }
        self.more[kind] += 1;
        if sent && kind == INTERRUPTED {
            self.more_sent += 1;
        }
        false
    }
}

/// Writes everything the user sees. stdout is buffered (flushed by the caller
/// when no result is ready), stderr is written line by line.
pub struct Printer {
    mode: Mode,
    color_out: bool,
    color_err: bool,
    out: BufWriter<Writer>,
    err: ErrStream,
    err_is_terminal: bool,
    /// Scrubs the secret from server-derived text.
    scrubber: Option<Scrubber>,
    /// Where the credentials came from, for hints after credential failures.
    credential_origin: Option<String>,
    hinted: bool,
    /// Drawn on stderr during batches when stderr is a terminal.
    progress: Option<indicatif::ProgressBar>,
    /// This run's work alone, never drawn: the bar's rate and ETA are its own,
    /// so IDs answered from the journal (`--resume`) show as done, not as speed.
    work: Option<indicatif::ProgressBar>,
    /// SKIPPED and INTERRUPTED lines: how many were shown, and counted past the limit.
    local_lines: LocalLines,
    /// Set once a write to stderr failed: the run then exits 14.
    stderr_failed: Arc<AtomicBool>,
    /// The command's own JSON fields, null on every line that has no value for them.
    json_fields: &'static [&'static str],
    /// Lines carry no `user_id` (find-user, create-user).
    without_user_id: bool,
    /// `biometrid` with this run's `--config` and `--profile`, for hints that name a command.
    invocation: String,
    /// The command destroys something: an interrupted request may have done so.
    destructive: bool,
    /// `api`: the method and path of an ID's request, for the JSON lines that
    /// no reply carries them on (a network error, a timeout, SKIPPED).
    request_of: Option<Box<RequestOf>>,
}

/// The method and path of the request for an ID.
type RequestOf = dyn Fn(&str) -> (String, String);

impl Printer {
    pub fn new(
        opts: &GlobalOpts,
        env: &dyn Fn(&str) -> Option<String>,
        streams: Streams,
    ) -> Printer {
        let mode = if opts.json {
            Mode::Json
        } else if opts.quiet {
            Mode::Quiet
        } else {
            Mode::Human
        };
        Printer {
            mode,
            color_out: use_color(opts.color, streams.out_is_terminal, env),
            color_err: use_color(opts.color, streams.err_is_terminal, env),
            out: BufWriter::with_capacity(64 * 1024, streams.out),
            err: ErrStream::new(streams.err),
            err_is_terminal: streams.err_is_terminal,
            scrubber: None,
            credential_origin: None,
            hinted: false,
            progress: None,
            work: None,
            local_lines: LocalLines::default(),
            stderr_failed: Arc::default(),
            json_fields: &[],
            without_user_id: false,
            invocation: opts.invocation(),
            destructive: false,
            request_of: None,
        }
    }

    /// JSON lines of this command carry these fields (null where a line has no value).
    pub fn set_json_fields(&mut self, fields: &'static [&'static str]) {
        self.json_fields = fields;
    }

    /// `api`: every JSON line names its request's method and path, with or
    /// without a reply (`of` gives them for an ID, or for one request's label).
    pub fn set_request_of(&mut self, of: impl Fn(&str) -> (String, String) + 'static) {
        self.request_of = Some(Box::new(of));
    }

    /// The command is destructive (delete-user): a human INTERRUPTED line for a
    /// request that was sent says it may have been carried out.
    pub fn set_destructive(&mut self) {
        self.destructive = true;
    }

    /// JSON lines of this command have no `user_id` (one value per run, not an ID).
    pub fn omit_user_id(&mut self) {
        self.without_user_id = true;
    }

    /// Whether a batch should draw a progress bar: stderr is a terminal and not quiet.
    pub fn wants_progress(&self) -> bool {
        self.mode != Mode::Quiet && self.err_is_terminal
    }

    /// Start the progress bar: count, rate, and with a known total a bar and ETA.
    pub fn start_progress(&mut self, total: Option<u64>) {
        if !self.wants_progress() || total == Some(1) {
            return;
        }
        let target = indicatif::ProgressDrawTarget::stderr_with_hz(8);
        let template = match total {
            Some(_) => "{pos}/{len} [{wide_bar}] {rate} ETA {work_eta}",
            None => "{spinner} {pos} done, {rate}, {elapsed}",
        };
        let bar = indicatif::ProgressBar::with_draw_target(total, target);
        // Its length is what is left to do in this run: resumed IDs are taken off it.
        let work = indicatif::ProgressBar::with_draw_target(
            total,
            indicatif::ProgressDrawTarget::hidden(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            // Whole IDs per second: indicatif's own {per_sec} shows four decimals.
            let done = work.clone();
            let rate = move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", done.per_sec());
            };
            let done = work.clone();
            let eta = move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:#}", indicatif::HumanDuration(done.eta()));
            };
            bar.set_style(
                style
                    .progress_chars("=> ")
                    .with_key("rate", rate)
                    .with_key("work_eta", eta),
            );
        }
        self.progress = Some(bar);
        self.work = Some(work);
    }

    /// One more ID is finished by this run.
    pub fn progress_tick(&self) {
        if let (Some(bar), Some(work)) = (&self.progress, &self.work) {
            bar.inc(1);
            work.inc(1);
        }
    }

    /// One more ID is finished by an earlier run (the journal): done, not speed.
    pub fn progress_resumed(&self) {
        if let (Some(bar), Some(work)) = (&self.progress, &self.work) {
            bar.inc(1);
            work.dec_length(1);
        }
    }

    pub fn finish_progress(&mut self) {
        self.work = None;
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
    }

    /// After a run: one line for each local outcome whose lines past the first
    /// [`LOCAL_LINES_SHOWN`] were counted and not printed.
    pub fn finish_local_lines(&mut self) {
        let counted = std::mem::take(&mut self.local_lines);
        for (kind, more) in counted.more.into_iter().enumerate() {
            if more == 0 {
                continue;
            }
            let message = LOCAL_OUTCOMES[kind];
            let mut line = format!(
                "{} ... and {more} more {message}, not listed one by one (--json lists every ID)",
                paint(self.color_err, RED, "error:"),
            );
            // Only INTERRUPTED lines carry this note (see `LocalLines::admit`).
            let sent = if kind == INTERRUPTED {
                counted.more_sent
            } else {
                0
            };
            if sent > 0 && sent == more {
                line.push_str(&format!(
                    "; all {sent} were sent and may have been carried out"
                ));
            } else if sent > 0 {
                line.push_str(&format!(
                    "; {sent} of them were sent and may have been carried out"
                ));
            }
            self.err_line(&line);
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// From now on, scrub this secret and name these sources in credential hints.
    pub fn set_credentials(&mut self, secret: &str, origin: String) {
        self.scrubber = Some(Scrubber::new(secret));
        self.credential_origin = Some(origin);
    }

    /// A line on stdout (not in quiet mode).
    pub fn out_line(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\n")
    }

    /// A command's line on stdout, flushed. A failure is the command's (exit 14,
    /// or 141 for a closed pipe, which ends it quietly: see [`Printer::error`]).
    pub fn print(&mut self, line: &str) -> crate::error::Result<()> {
        self.print_bytes(format!("{line}\n").as_bytes())
    }

    /// Bytes on stdout as they are (a completion script), flushed; failures as [`Printer::print`].
    pub fn print_bytes(&mut self, bytes: &[u8]) -> crate::error::Result<()> {
        self.out
            .write_all(bytes)
            .and_then(|_| self.flush())
            .map_err(|source| Error::Output {
                stream: "stdout",
                source,
            })
    }

    /// A command's JSON object on stdout, as one line (see [`json::line`]).
    pub fn print_json<T: Serialize + ?Sized>(&mut self, value: &T) -> crate::error::Result<()> {
        let text = json::line(value).map_err(|e| Error::Output {
            stream: "stdout",
            source: e,
        })?;
        self.print(&text)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match &self.progress {
            // Lift the bar so stdout lines on the same terminal do not tear it.
            Some(bar) => bar.suspend(|| self.out.flush()),
            None => self.out.flush(),
        }
    }

    /// A line on stderr. A failed write cannot be reported anywhere; it is
    /// remembered, and the run exits 14 (see [`Printer::stderr_failed`]).
    pub fn err_line(&self, text: &str) {
        self.log().line(text);
    }

    /// A handle for stderr lines written elsewhere (the client's `-v` lines).
    /// Take it after `start_progress`, so those lines lift the bar too.
    pub fn log(&self) -> Log {
        Log {
            bar: self.progress.clone(),
            failed: Arc::clone(&self.stderr_failed),
            err: self.err.clone(),
        }
    }

    /// Whether some write to stderr failed (disk full, I/O error).
    pub fn stderr_failed(&self) -> bool {
        self.stderr_failed.load(Ordering::Relaxed)
    }

    // Warnings, hints and errors are the tool's own words around values it
    // echoes (paths, profile names, a MAC, IDs, values of settings): escaped here,
    // at the one place they are written, so no value can reach the terminal raw
    // (escaping is idempotent: text already escaped is unchanged).

    pub fn warning(&self, text: &str) {
        self.err_line(&format!(
            "{} {}",
            paint(self.color_err, YELLOW, "warning:"),
            sanitize::escape(text)
        ));
    }

    pub fn hint(&self, text: &str) {
        self.err_line(&format!(
            "{} {}",
            paint(self.color_err, CYAN, "hint:"),
            sanitize::escape(text)
        ));
    }

    /// `error: TEXT` on stderr, as every error line begins.
    pub fn error_line(&self, text: &str) {
        self.err_line(&format!(
            "{} {}",
            paint(self.color_err, RED, "error:"),
            sanitize::escape(text)
        ));
    }

    /// `error: MESSAGE: DETAIL` on stderr for an outcome that is not one ID's
    /// (config check): the detail's server text scrubbed like every report's.
    pub fn outcome_error(&self, outcome: &Outcome) {
        let detail = outcome
            .detail(self.scrubber.as_ref())
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        self.err_line(&format!(
            "{} {}{detail}",
            paint(self.color_err, RED, "error:"),
            outcome.message()
        ));
    }

    /// A failure before or instead of any request: stderr only, in every mode.
    pub fn error(&self, error: &Error) {
        // A closed stdout pipe ends the run quietly: the reader chose to stop.
        let closed_pipe = matches!(error, Error::Output { source, .. }
            if source.kind() == io::ErrorKind::BrokenPipe);
        if matches!(error, Error::Stopped(_)) || closed_pipe {
            return;
        }
        self.error_line(&error.to_string());
        if let Some(h) = error.hint() {
            self.hint(h);
        }
    }

    /// The `--json` line of one ID's result (also the journal's record of it).
    pub fn json_text(&self, report: &Report, exit: Exit) -> io::Result<String> {
        let mut fields = self.answer_fields(&report.outcome);
        match (&self.request_of, &report.outcome) {
            // A reply names them itself; an invalid ID has no request.
            (_, Outcome::Reply(_) | Outcome::InvalidUserId(_)) | (None, _) => {}
            (Some(request_of), _) => {
                let (method, path) = request_of(&report.user_id);
                fields.insert("method".into(), method.into());
                fields.insert("path".into(), path.into());
            }
        }
        for name in self.json_fields {
            fields
                .entry(name.to_string())
                .or_insert(serde_json::Value::Null);
        }
        let line = JsonLine {
            user_id: (!self.without_user_id).then_some(report.user_id.as_str()),
            ok: exit.is_success(),
            message: self.json_message(&report.outcome),
            http_status: report.http_status,
            exit_code: exit.code(),
            attempts: report.attempts,
            detail: match &report.outcome {
                Outcome::Api(_) | Outcome::Answered(_) => None,
                Outcome::Reply(r) if !matches!(r.meaning, Outcome::Unexpected(_)) => None,
                other => other.detail(self.scrubber.as_ref()),
            },
            fields,
        };
        json::line(&line)
    }

    /// The `message` of a JSON line: for `api`, the reply's own message as
    /// it came (scrubbed), whatever it is.
    fn json_message(&self, outcome: &Outcome) -> Option<String> {
        match outcome {
            Outcome::Reply(r) => match (&r.message, &r.meaning) {
                (_, Outcome::Unexpected(_)) => Some(r.meaning.message().to_string()),
                (Some(m), _) => Some(m.render(self.scrubber.as_ref(), To::Json)),
                (None, _) => None,
            },
            other => other.api_message().map(str::to_string),
        }
    }

    /// The secret's scrubber, once the credentials are known.
    pub fn scrubber(&self) -> Option<&Scrubber> {
        self.scrubber.as_ref()
    }

    /// Text from outside for a terminal: escaped, and scrubbed of the secret.
    pub fn shown(&self, text: &str) -> String {
        ServerText::new(text).render(self.scrubber.as_ref(), To::Terminal)
    }

    /// One ID's failure on stderr, with a hint where one helps.
    pub fn fail(&mut self, report: &Report) {
        self.human_failure(report);
    }

    /// An ID the journal records as done (`--resume`): in `--json` its recorded
    /// line marked `"resumed": true` with no attempt in this run; otherwise
    /// only counted in the summary.
    pub fn resumed(
        &mut self,
        mut recorded: serde_json::Map<String, serde_json::Value>,
    ) -> io::Result<()> {
        if self.mode != Mode::Json {
            return Ok(());
        }
        recorded.insert("resumed".into(), true.into());
        recorded.insert("attempts".into(), 0.into());
        let text = json::line(&recorded)?;
        self.out_line(&text)
    }

    /// `--dry-run`: the request an ID would get. The key headers (the secret
    /// as `***`) with `-v`; a whole request (`api`) as one request's dry run
    /// shows it, in `--json` as its `request` lines.
    pub fn dry_run(&mut self, shown: &DryRun) -> io::Result<()> {
        let keys = shown.keys.unwrap_or_default().iter();
        let keys = keys.map(|(name, value)| format!("{name}: {value}"));
        let own = shown.own.unwrap_or_default().iter().map(|l| self.shown(l));
        let lines: Vec<String> = keys.chain(own).collect();
        match self.mode {
            Mode::Json => {
                let mut line = serde_json::json!({
                    "user_id": shown.user_id, "ok": true, "message": "DRY_RUN",
                    "http_status": null, "exit_code": 0, "attempts": 0, "dry_run": true,
                    "method": shown.method, "url": shown.url,
                });
                if shown.own.is_some() {
                    line["request"] = lines.into();
                } else if let Some(headers) = shown.keys {
                    let h: serde_json::Map<_, _> = headers
                        .iter()
                        .map(|(k, v)| (k.to_string(), serde_json::Value::from(v.as_str())))
                        .collect();
                    line["headers"] = h.into();
                }
                let text = json::line(&line)?;
                self.out_line(&text)
            }
            Mode::Quiet => Ok(()),
            Mode::Human => {
                let url = sanitize::escape(shown.url);
                self.out_line(&format!("{} {url}", shown.method))?;
                for line in lines {
                    self.out_line(&format!("  {line}"))?;
                }
                Ok(())
            }
        }
    }

    /// The result of one ID, in the chosen mode.
    pub fn report(&mut self, report: &Report, exit: Exit) -> io::Result<()> {
        if let (Outcome::Reply(reply), Mode::Human) = (&report.outcome, self.mode) {
            // `api` per ID: the ID and the body on one line, whatever it says.
            let body = reply.body.text(self.scrubber.as_ref(), false);
            let body = body.replace('\n', "\\n");
            self.out_line(&format!("{}: {body}", sanitize::escape(&report.user_id)))?;
            if !exit.is_success() {
                self.flush()?;
                self.human_failure(report);
            } else if let Outcome::Answered(a) = &reply.meaning {
                // Why a failure reply counts as done (a DELETE's user already gone).
                if !a.note.is_empty() {
                    self.err_line(&self.render(&a.note, &report.user_id, true));
                }
            }
            return Ok(());
        }
        match self.mode {
            Mode::Json => {
                let text = self.json_text(report, exit)?;
                self.out_line(&text)?;
            }
            Mode::Human | Mode::Quiet if exit.is_success() => {
                if self.mode == Mode::Human {
                    let id = sanitize::escape(&report.user_id);
                    let text = match &report.outcome {
                        Outcome::Answered(a) => self.render(&a.line, &report.user_id, false),
                        // A success only by --ignore-missing: nothing was there.
                        Outcome::Api(m) if m.is_nothing_there() => {
                            format!(
                                "{} {id} ({}, ignored)",
                                paint(self.color_out, YELLOW, "missing"),
                                m.as_str()
                            )
                        }
                        // A success every operation reads into an answer: not reached.
                        other => format!(
                            "{} {id} ({})",
                            paint(self.color_out, GREEN, "ok"),
                            other.message()
                        ),
                    };
                    self.out_line(&text)?;
                }
            }
            Mode::Human | Mode::Quiet => {
                // Failures go to stderr; keep stdout's earlier lines before them.
                self.flush()?;
                self.human_failure(report);
            }
        }
        Ok(())
    }

    /// An operation's human words, for stdout (or stderr, `on_stderr`): the
    /// ID and server text escaped, server text scrubbed of the secret.
    pub fn render(&self, parts: &[Part], user_id: &str, on_stderr: bool) -> String {
        let color = if on_stderr {
            self.color_err
        } else {
            self.color_out
        };
        let mut text = String::new();
        for part in parts {
            match part {
                Part::Words(words) => text.push_str(words),
                Part::Success(word) => text.push_str(&paint(color, GREEN, word)),
                Part::UserId => text.push_str(&sanitize::escape(user_id)),
                Part::Server(server) => {
                    text.push_str(&server.render(self.scrubber.as_ref(), To::Terminal))
                }
            }
        }
        text
    }

    /// An operation's `--json` field, server text scrubbed of the secret.
    fn field(&self, field: &Field) -> serde_json::Value {
        use serde_json::Value;
        let scrub = self.scrubber.as_ref();
        match field {
            Field::Null => Value::Null,
            Field::Bool(b) => Value::Bool(*b),
            Field::Text(text) => Value::String(text.render(scrub, To::Json)),
            Field::Json(json) => json.render(scrub),
            Field::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, f)| (k.to_string(), self.field(f)))
                    .collect(),
            ),
        }
    }

    /// The JSON fields of a documented answer.
    fn answer_fields(&self, outcome: &Outcome) -> serde_json::Map<String, serde_json::Value> {
        match outcome {
            Outcome::Answered(a) => a
                .fields
                .iter()
                .map(|(k, f)| (k.to_string(), self.field(f)))
                .collect(),
            Outcome::Reply(r) => {
                // What the reply came to (`already_gone` of a DELETE), then the reply.
                let mut fields = self.answer_fields(&r.meaning);
                fields.insert("method".into(), r.method.clone().into());
                fields.insert("path".into(), r.path.clone().into());
                fields.insert("body".into(), r.body.render(self.scrubber.as_ref()));
                fields
            }
            _ => serde_json::Map::new(),
        }
    }

    fn human_failure(&mut self, report: &Report) {
        // A destructive request that went out may have been carried out: its line says so.
        let sent = self.destructive && report.reached;
        if !self.local_lines.admit(&report.outcome, sent) {
            return;
        }
        let id = sanitize::escape(&report.user_id);
        let status = report
            .http_status
            .map(|s| format!(" (HTTP {s})"))
            .unwrap_or_default();
        let mut detail = report
            .outcome
            .detail(self.scrubber.as_ref())
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        if sent && matches!(report.outcome, Outcome::Interrupted(_)) {
            detail.push_str("; the request was sent and may have been carried out");
        }
        let attempts = if report.attempts > 1 {
            format!(" after {} attempts", report.attempts)
        } else {
            String::new()
        };
        self.err_line(&format!(
            "{} {id}: {}{status}{attempts}{detail}",
            paint(self.color_err, RED, "error:"),
            report.outcome.message()
        ));
        if self.hinted {
            return;
        }
        let hint = match &report.outcome {
            Outcome::Api(
                ApiMessage::AuthHeadersMissing
                | ApiMessage::InvalidAuthHeaders
                | ApiMessage::ClientNotFound,
            ) => self
                .credential_origin
                .as_ref()
                .map(|o| format!("{o}; check them with `{} config show`", self.invocation)),
            Outcome::Api(ApiMessage::RequestLimitReached) => Some(
                "the quota is used up: retrying will not help until it is raised or renewed"
                    .to_string(),
            ),
            // Never "raise --timeout": a host that does not answer only waits longer.
            // A connection refused, not made in time or to a name that does not
            // resolve: the same check.
            Outcome::Timeout(_) | Outcome::Network(_) => Some(format!(
                "check that the base URL points at the API and that the host answers: `{} config check`",
                self.invocation
            )),
            _ => None,
        };
        if let Some(h) = hint {
            self.hinted = true;
            self.hint(&h);
        }
    }
}

impl Reporter for Printer {
    fn report(&mut self, report: &Report, exit: Exit) -> io::Result<()> {
        Printer::report(self, report, exit)
    }

    fn resumed(&mut self, recorded: serde_json::Map<String, serde_json::Value>) -> io::Result<()> {
        Printer::resumed(self, recorded)
    }

    fn dry_run(&mut self, shown: &DryRun) -> io::Result<()> {
        Printer::dry_run(self, shown)
    }

    fn record(&self, report: &Report, exit: Exit) -> io::Result<String> {
        self.json_text(report, exit)
    }

    fn flush(&mut self) -> io::Result<()> {
        Printer::flush(self)
    }

    fn error(&self, error: &Error) {
        Printer::error(self, error)
    }

    fn warning(&self, text: &str) {
        Printer::warning(self, text)
    }

    fn hint(&self, text: &str) {
        Printer::hint(self, text)
    }

    fn progress_tick(&self) {
        Printer::progress_tick(self)
    }

    fn progress_resumed(&self) {
        Printer::progress_resumed(self)
    }

    fn finish_progress(&mut self) {
        Printer::finish_progress(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |n| {
            pairs
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn color_rules() {
        let none = env_of(&[]);
        assert!(use_color(ColorChoice::Auto, true, &none));
        assert!(!use_color(ColorChoice::Auto, false, &none));
        assert!(!use_color(
            ColorChoice::Auto,
            true,
            &env_of(&[("NO_COLOR", "1")])
        ));
        assert!(use_color(
            ColorChoice::Auto,
            true,
            &env_of(&[("NO_COLOR", "")])
        ));
        assert!(!use_color(
            ColorChoice::Auto,
            true,
            &env_of(&[("TERM", "dumb")])
        ));
        assert!(use_color(
            ColorChoice::Always,
            false,
            &env_of(&[("NO_COLOR", "1")])
        ));
        assert!(!use_color(ColorChoice::Never, true, &none));
    }

    /// A buffer that can be read after the printer has written into it.
    #[derive(Clone, Default)]
    struct Shared(Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    fn printer(opts: &GlobalOpts) -> (Printer, Shared, Shared) {
        let (out, err) = (Shared::default(), Shared::default());
        let streams = Streams {
            out: Box::new(out.clone()),
            err: Box::new(err.clone()),
            out_is_terminal: false,
            err_is_terminal: false,
        };
        (Printer::new(opts, &|_: &str| None, streams), out, err)
    }

    fn report(id: &str, outcome: Outcome) -> Report {
        Report {
            user_id: id.into(),
            outcome,
            http_status: Some(200),
            attempts: 1,
            reached: true,
        }
    }

    #[test]
    fn renders_into_the_streams_it_is_given() {
        let (mut p, out, err) = printer(&GlobalOpts::default());
        let restarted = crate::outcome::Answered {
            message: Some(ApiMessage::StateRestarted),
            line: vec![Part::Success("restarted"), Part::words(" "), Part::UserId],
            ..Default::default()
        };
        let ok = report("u\u{1b}1", Outcome::Answered(Box::new(restarted)));
        p.report(&ok, Exit::Success).unwrap();
        p.flush().unwrap();
        assert_eq!(out.text(), "restarted u\\u{1b}1\n");
        let denied = report("u2", Outcome::Api(ApiMessage::InvalidAuthHeaders));
        p.report(&denied, Exit::InvalidAuthHeaders).unwrap();
        assert!(err.text().contains("u2"), "{}", err.text());
        assert!(err.text().contains("INVALID_AUTHENTICATION_HEADERS"));
        p.log().line("a -v line");
        assert!(err.text().ends_with("a -v line\n"), "{}", err.text());
        assert!(!p.stderr_failed());
    }

    #[test]
    fn each_local_outcome_gets_twenty_lines_and_one_for_the_rest() {
        let (mut p, _, err) = printer(&GlobalOpts::default());
        p.set_destructive();
        let stop = std::sync::Arc::new(Outcome::Api(ApiMessage::RequestLimitReached));
        let interrupted = Outcome::Interrupted(crate::signal::Signal::Interrupt);
        for i in 0..25 {
            let mut r = report(&format!("s{i}"), Outcome::Skipped(stop.clone()));
            r.reached = false;
            p.report(&r, Exit::RequestLimitReached).unwrap();
        }
        // 45 interrupted: the first 20 printed; of the 25 others, 3 had been sent.
        for i in 0..45 {
            let mut r = report(&format!("i{i}"), interrupted.clone());
            r.reached = i >= 42;
            p.report(&r, Exit::Interrupted).unwrap();
        }
        p.finish_local_lines();
        let text = err.text();
        assert_eq!(text.matches(": SKIPPED").count(), 20, "{text}");
        assert_eq!(text.matches(": INTERRUPTED").count(), 20, "{text}");
        let tail: Vec<&str> = text.lines().rev().take(2).collect();
        assert_eq!(
            tail,
            [
                "error: ... and 25 more INTERRUPTED, not listed one by one (--json lists every ID); \
                 3 of them were sent and may have been carried out",
                "error: ... and 5 more SKIPPED, not listed one by one (--json lists every ID)",
            ],
            "{text}"
        );
    }

    #[test]
    fn json_lines_go_to_stdout() {
        let opts = GlobalOpts {
            json: true,
            ..Default::default()
        };
        let (mut p, out, err) = printer(&opts);
        let ok = report("u1", Outcome::Api(ApiMessage::StateRestarted));
        p.report(&ok, Exit::Success).unwrap();
        p.flush().unwrap();
        let v: serde_json::Value = serde_json::from_str(out.text().trim()).unwrap();
        assert_eq!(v["user_id"], "u1");
        assert_eq!(v["exit_code"], 0);
        assert_eq!(err.text(), "");
    }
}
