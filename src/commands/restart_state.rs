//! `biometrid restart-state <USER_ID>...`, and the run of any per-user operation
//! on the batch runner ([`run_batch`]: enroll-status, pending-dialogue, delete-user).

use std::io::IsTerminal;

use crate::api::Client;
use crate::batch::{self, Finished};
use crate::cli::{GlobalOpts, RestartStateArgs};
use crate::error::Result;
use crate::exit::Exit;
use crate::input::{self, Source};
use crate::operation::{Operation, RestartState};
use crate::output::{Mode, Printer};
use crate::settings::{self, Credentials, Settings};

pub fn run(global: &GlobalOpts, args: &RestartStateArgs, printer: &mut Printer) -> Result<Exit> {
    run_batch(global, args, &RestartState, printer, &|_| Ok(()))
}

/// Run `op` for every ID of `args`. `confirm` sees the validated sources before
/// settings are resolved and anything is sent, and may refuse (delete-user).
pub fn run_batch(
    global: &GlobalOpts,
    args: &RestartStateArgs,
    op: &dyn Operation,
    printer: &mut Printer,
    confirm: &dyn Fn(&[Source]) -> Result<()>,
) -> Result<Exit> {
    // Arguments first: an invalid ID is a usage error and nothing is sent.
    let sources = input::sources(&args.user_ids, args.from_file.as_deref())?;
    confirm(&sources)?;
    // Before the settings are resolved: resolving reads --secret-file.
    input::check_one_stream(global.secret_file.as_deref(), &sources)?;
    input::check_journal_apart(
        args.batch.journal.as_deref(),
        global.secret_file.as_deref(),
        &sources,
    )?;
    let (settings, credentials) = credentials(global, printer)?;
    let concurrency = usize::from(args.batch.concurrency);
    let mut client = Client::new(&settings, &credentials, concurrency, global.verbose)?;

    // One thread drives every request; the work is I/O-bound and this starts fastest.
    let runtime = super::runtime()?;
    let options = batch::options(&args.batch, op.command(), &settings, &credentials)?;
    if input::reads_stdin(&sources) && std::io::stdin().is_terminal() {
        // Otherwise a person at a terminal sees a waiting spinner and no word of what it wants.
        printer.err_line("reading IDs from stdin (Ctrl-D to end)");
    }
    if printer.wants_progress() {
        printer.start_progress(input::count_hint(&sources));
    }
    client.set_log(printer.log());
    let names = input_names(&sources);
    let finished = runtime.block_on(async {
        let ids = input::spawn(sources);
        batch::run(&client, op, ids, printer, options).await
    });
    if finished.tally.total() == 0 && finished.exit.is_success() {
        if let Some(names) = names {
            // Even with --quiet: an empty list is almost always a mistake upstream.
            printer.warning(&format!("no user IDs were read from {names}"));
        }
    }
    summarize(printer, &finished, op.done_word());
    Ok(finished.exit)
}

/// Resolve the settings and credentials (warnings on stderr) and set up the client.
pub fn connect(global: &GlobalOpts, printer: &mut Printer, concurrency: usize) -> Result<Client> {
    let (settings, credentials) = credentials(global, printer)?;
    Client::new(&settings, &credentials, concurrency, global.verbose)
}

/// The settings and both credentials, with their warnings on stderr; from now on
/// the printer scrubs the secret and names the credentials' sources in hints.
fn credentials(global: &GlobalOpts, printer: &mut Printer) -> Result<(Settings, Credentials)> {
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
            Source::File(path, _) => Some(settings::display_path(path)),
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
