//! The driver every operation runs on, written once: resolve the settings and
//! credentials, read the IDs, run the batch runner (or send one request), and
//! sum up on stderr.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::batch::{self, Finished, Options};
use crate::cli::{BatchArgs, GlobalOpts, PerUserArgs};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::exit::{self, Exit};
use crate::input::{self, Source};
use crate::journal::{Header, Journal};
use crate::operation::Exchange;
use crate::outcome::{Earlier, Outcome, Report};
use crate::output::{Mode, Printer};
use crate::sanitize;
use crate::settings::{self, Credentials, Settings};

use super::PerUserOp;

/// The one async runtime a command runs on: a single thread (the work is
/// I/O-bound, and this starts fastest).
pub fn runtime() -> crate::error::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| crate::error::Error::Internal(format!("cannot start the async runtime: {e}")))
}

/// Run `op` for every ID of `args`. `confirm` sees the validated sources and
/// the settings (where the requests go) before anything is sent, and may
/// refuse (a destructive operation).
pub fn run_batch(
    global: &GlobalOpts,
    args: &PerUserArgs,
    op: &dyn Exchange,
    printer: &mut Printer,
    confirm: &dyn Fn(&[Source], &Settings) -> Result<()>,
) -> Result<Exit> {
    // Arguments first: an invalid ID is a usage error and nothing is sent.
    let sources = input::sources(&args.user_ids, args.from_file.as_deref())?;
    input::check_stdin_open(&sources, crate::stdio::closed().stdin)?;
    // Before the settings are resolved: resolving reads --secret-file.
    input::check_one_stream(global.secret_file.as_deref(), &sources)?;
    input::check_journal_apart(
        args.batch.journal.as_deref(),
        global.secret_file.as_deref(),
        &sources,
    )?;
    let (settings, credentials) = credentials(global, printer)?;
    confirm(&sources, &settings)?;
    if op.destructive() {
        // An INTERRUPTED request that went out says it may have been carried out.
        printer.set_destructive();
    }
    let concurrency = usize::from(args.batch.concurrency);
    let mut client = Client::new(&settings, &credentials, concurrency, global.verbose)?;

    // One thread drives every request; the work is I/O-bound and this starts fastest.
    let runtime = runtime()?;
    let options = options(&args.batch, op, &settings, &credentials)?;
    if input::reads_stdin(&sources) && std::io::stdin().is_terminal() {
        // Otherwise a person at a terminal sees no word of what it wants. No
        // spinner either: it would draw over the line being typed.
        printer.err_line("reading IDs from stdin (Ctrl-D to end)");
    } else if printer.wants_progress() {
        printer.start_progress(input::count_hint(&sources));
    }
    client.set_log(printer.log());
    let names = input_names(&sources);
    let finished = runtime.block_on(async {
        let ids = input::spawn(sources);
        batch::run(&client, op, ids, printer, options).await
    });
    printer.finish_local_lines();
    if finished.tally.total() == 0 && finished.exit.is_success() {
        if let Some(names) = names {
            // Even with --quiet: an empty list is almost always a mistake upstream.
            printer.warning(&format!("no user IDs were read from {names}"));
        }
    }
    summarize(printer, &finished, op.done_word());
    Ok(finished.exit)
}

/// The runner's options from the command line: opens the journal (and reads it
/// with `--resume`) unless this is a dry run, which writes none.
fn options(
    args: &BatchArgs,
    op: &dyn Exchange,
    settings: &Settings,
    credentials: &Credentials,
) -> Result<Options> {
    let mut options = Options {
        concurrency: usize::from(args.concurrency),
        ignore_missing: args.ignore_missing,
        max_failures: args.max_failures,
        dry_run: args.dry_run,
        ..Options::default()
    };
    if let (Some(path), false) = (&args.journal, args.dry_run) {
        let header = Header::new(
            op.name(),
            op.journal_request(),
            settings.base_url.value.as_str(),
            &credentials.key.value,
            args.ignore_missing,
        );
        let (journal, done) = Journal::open(path, &header, args.resume)?;
        options.journal = Some(journal);
        options.done = done;
    }
    Ok(options)
}

/// Resolve the settings and credentials (warnings on stderr) and set up the client.
pub fn connect(global: &GlobalOpts, printer: &mut Printer, concurrency: usize) -> Result<Client> {
    let (settings, credentials) = credentials(global, printer)?;
    Client::new(&settings, &credentials, concurrency, global.verbose)
}

/// The settings and both credentials, with their warnings on stderr; from now on
/// the printer scrubs the secret and names the credentials' sources in hints.
pub fn credentials(global: &GlobalOpts, printer: &mut Printer) -> Result<(Settings, Credentials)> {
    let settings = settings::resolve(global, &settings::process_env)?;
    for w in &settings.warnings {
        printer.warning(w);
    }
    let credentials = settings.credentials()?;
    if let Some(w) = crate::scrub::short_secret_warning(credentials.secret.value.expose()) {
        printer.warning(&w);
    }
    printer.set_credentials(credentials.secret.value.expose(), credentials.origin());
    Ok((settings, credentials))
}

/// The streamed inputs ("stdin", "ids.txt"), for the empty-input warning; `None` for arguments only.
fn input_names(sources: &[Source]) -> Option<String> {
    let names: Vec<String> = sources
        .iter()
        .filter_map(|s| match s {
            Source::Arg(_) => None,
            Source::Stdin => Some("stdin".to_string()),
            Source::File(path, _) => Some(crate::sanitize::display_path(path)),
        })
        .collect();
    (!names.is_empty()).then(|| names.join(" or "))
}

/// One line on stderr for batches (and always after a signal), never in quiet mode.
fn summarize(printer: &Printer, finished: &Finished, done_word: &str) {
    let t = &finished.tally;
    // A closed stdout pipe ends the run quietly: the reader chose to stop.
    let quiet = printer.mode() == Mode::Quiet || finished.exit == Exit::BrokenPipe;
    if quiet || (t.total() <= 1 && finished.signal.is_none()) {
        return;
    }
    let mut line = if t.dry_run > 0 {
        match t.dry_run {
            1 => "dry run: 1 request not sent".to_string(),
            n => format!("dry run: {n} requests not sent"),
        }
    } else {
        format!(
            "{} {done_word}, {} missing, {} failed, {} skipped",
            t.succeeded, t.missing, t.failed, t.skipped
        )
    };
    if t.resumed > 0 {
        line.push_str(&format!(", {} already done (journal)", t.resumed));
    }
    if let Some(signal) = finished.signal {
        let what = match signal {
            crate::signal::Signal::Interrupt => "interrupted".to_string(),
            other => format!("stopped by {}", other.name()),
        };
        line = format!("{what}: {line}, {} not finished", t.interrupted);
        if finished.input_left {
            line.push_str("; the rest of the input was not read");
        }
    }
    printer.err_line(&format!("{line} in {:.1}s", finished.elapsed.as_secs_f64()));
}

/// Ask on the terminal before a destructive operation, naming where the
/// requests go (`settings`) and the first IDs. For IDs on stdin (stdin is
/// theirs), without a terminal (stdin or stderr not one), or for IDs in a
/// file (their number is not known before they are read), `--yes` is
/// required: a usage error that says which, nothing sent.
pub fn confirm(op: &dyn PerUserOp, sources: &[Source], settings: &Settings) -> Result<()> {
    confirm_as(op.name(), op.done_word(), op.objects(), sources, settings)
}

/// [`confirm`] for the command `name`, whose successes are `done` ("deleted"),
/// of what it destroys, one and many ("user", "users").
pub fn confirm_as(
    name: &str,
    done: &str,
    (one, many): (&str, &str),
    sources: &[Source],
    settings: &Settings,
) -> Result<()> {
    let ids = confirmable(name, done, many, sources)?;
    let (question, expected) = match ids.as_slice() {
        [id] => (
            format!("delete {one} {}? [y/N] ", sanitize::escape(id)),
            "y".to_string(),
        ),
        many_ids => (
            format!(
                "delete {} {many} ({})? type {} to confirm: ",
                many_ids.len(),
                first_ids(many_ids),
                many_ids.len()
            ),
            many_ids.len().to_string(),
        ),
    };
    let mut err = std::io::stderr();
    let _ = writeln!(err, "{name} sends to {}", target(settings));
    let _ = err.write_all(question.as_bytes());
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|source| Error::Io {
            context: "reading the confirmation".into(),
            source,
        })?;
    let answer = answer.trim();
    if answer == expected || (expected == "y" && answer.eq_ignore_ascii_case("yes")) {
        Ok(())
    } else {
        Err(Error::Usage(format!("not confirmed: nothing was {done}")))
    }
}

/// The IDs to ask about (all given as arguments), or why there can be no
/// question: a usage error that names the reason and `--yes`.
fn confirmable<'a>(
    name: &str,
    done: &str,
    many: &str,
    sources: &'a [Source],
) -> Result<Vec<&'a str>> {
    if input::reads_stdin(sources) {
        // Whether or not stdin is a terminal: the IDs come from it, the answer cannot.
        return Err(Error::Usage(format!(
            "{name} with IDs on stdin cannot ask for confirmation (stdin is taken by the \
             IDs): pass --yes (-y) to delete without asking"
        )));
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::Usage(format!(
            "{name} deletes {many}: without a terminal to confirm on, pass --yes (-y)"
        )));
    }
    sources
        .iter()
        .map(|s| match s {
            Source::Arg(id) => Ok(id.as_str()),
            _ => Err(Error::Usage(format!(
                "{name} with IDs from --from-file: pass --yes (-y) (how many would be \
                 {done} is not known before they are read)"
            ))),
        })
        .collect()
}

/// How many IDs a confirmation names before "and N more".
const NAMED_IDS: usize = 3;

/// "u1, u2, u3 and 2 more": the first IDs in the order given, escaped.
fn first_ids(ids: &[&str]) -> String {
    let named: Vec<String> = ids
        .iter()
        .take(NAMED_IDS)
        .map(|id| sanitize::escape(id))
        .collect();
    let mut text = named.join(", ");
    if ids.len() > NAMED_IDS {
        text.push_str(&format!(" and {} more", ids.len() - NAMED_IDS));
    }
    text
}

/// Where the requests go: the base URL as messages show it, and the profile
/// when one was named or the config file gave a setting
/// (`https://api.example.com/ (profile prod)`).
fn target(settings: &Settings) -> String {
    let from_file = |source: &settings::Source| matches!(source, settings::Source::File { .. });
    let profile_used = settings.profile.source != settings::Source::Default
        || from_file(&settings.base_url.source)
        || settings.key.as_ref().is_some_and(|k| from_file(&k.source))
        || settings
            .secret
            .as_ref()
            .is_some_and(|s| from_file(&s.source));
    let url = sanitize::shown_url(settings.base_url.value.as_str());
    match profile_used {
        true => format!(
            "{url} (profile {})",
            sanitize::escape(&settings.profile.value)
        ),
        false => url,
    }
}

/// Send one request of `op` (find-user, create-user); `label` names it in
/// `-v` lines and errors. Its JSON line has these `fields` and no `user_id`.
pub fn send_one(
    global: &GlobalOpts,
    op: &dyn Exchange,
    label: &str,
    printer: &mut Printer,
    fields: &'static [&'static str],
) -> Result<Report> {
    printer.set_json_fields(fields);
    printer.omit_user_id();
    let mut client = connect(global, printer, 1)?;
    client.set_log(printer.log());
    let runtime = runtime()?;
    let attempts = AtomicU32::new(0);
    // Ctrl-C ends a single request at once: nothing is half-printed. A request
    // begun and not finished may have reached the server: reported as
    // INTERRUPTED (exit 128 + the signal), so the command can say what may
    // have happened; with none begun, nothing to say.
    let report = runtime.block_on(async {
        tokio::select! {
            report = client.send(op, label, &attempts, Earlier::Nothing, None) => Ok(report),
            signal = crate::signal::stopping() => match attempts.load(Ordering::Relaxed) {
                0 => Err(Error::Stopped(signal)),
                begun => Ok(Some(Report {
                    user_id: label.to_string(),
                    outcome: Outcome::Interrupted(signal),
                    http_status: None,
                    attempts: begun,
                    reached: true,
                })),
            },
        }
    })?;
    // One request on its own is never held back by the run's pace: it is always sent.
    report.ok_or_else(|| Error::Internal(format!("{label}: no attempt was made")))
}

/// `--dry-run` of one request (find-user, create-user, `api` without `{id}`):
/// method and URL, the key and secret headers (the secret `***`) with
/// `keys` or `-v`, then its own headers and body as `-v` shows them (a
/// multipart body: its parts with sizes). Settings and credentials are
/// resolved (missing ones are still 3); nothing is sent, no connection opened.
pub fn dry_run_one(
    global: &GlobalOpts,
    op: &dyn Exchange,
    printer: &mut Printer,
    keys: bool,
) -> Result<Exit> {
    let client = connect(global, printer, 1)?;
    let request = op.request("");
    let url = client.url_for(&request.path);
    let mut lines: Vec<String> = Vec::new();
    if keys || global.verbose {
        lines.extend(
            client
                .shown_headers()
                .iter()
                .map(|(n, v)| format!("{n}: {v}")),
        );
    }
    lines.extend(
        super::api::show::request_lines(&request)
            .iter()
            .map(|l| printer.shown(l)),
    );
    match printer.mode() {
        Mode::Json => {
            let line = serde_json::json!({
                "ok": true, "message": "DRY_RUN", "http_status": null, "exit_code": 0,
                "attempts": 0, "dry_run": true, "method": request.method, "url": url,
                "request": lines,
            });
            let text = crate::json::line(&line).map_err(|e| Error::Internal(e.to_string()))?;
            printer.print(&text)?;
        }
        Mode::Quiet => {}
        Mode::Human => {
            let mut text = format!("{} {}", request.method, sanitize::escape(&url));
            for line in lines {
                text.push_str(&format!("\n{line}"));
            }
            printer.print(&text)?;
        }
    }
    Ok(Exit::Success)
}

/// Report the one answer of a single request: its line alone on stdout, its
/// note on stderr; `warning` (if not empty) after a failure. With `must_tell`,
/// the note (which names the ID) is said even when stdout failed: an ID that
/// cannot be asked for again (a user just created) must reach the user somehow.
pub fn finish_one(
    printer: &mut Printer,
    report: &Report,
    warning: &str,
    must_tell: bool,
) -> Result<Exit> {
    let exit = exit::for_outcome(&report.outcome, false);
    let mode = printer.mode();
    let printed = match (&report.outcome, mode) {
        (Outcome::Answered(a), Mode::Human) => {
            printer.print(&printer.render(&a.line, &report.user_id, false))
        }
        (Outcome::Answered(_), Mode::Quiet) => Ok(()),
        _ => printer
            .report(report, exit)
            .and_then(|_| printer.flush())
            .map_err(|source| Error::Output {
                stream: "stdout",
                source,
            }),
    };
    if let Outcome::Answered(a) = &report.outcome {
        // What happened, on stderr; when stdout failed (a full disk, a closed
        // pipe), only when it must be told (else a closed pipe ends quietly).
        let tell = match printed {
            Ok(()) => mode == Mode::Human,
            Err(_) => must_tell,
        };
        if !a.note.is_empty() && tell {
            printer.err_line(&printer.render(&a.note, &report.user_id, true));
        }
    }
    printed?;
    if !exit.is_success() && !warning.is_empty() {
        printer.warning(warning);
    }
    Ok(exit)
}
