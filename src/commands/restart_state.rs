//! `biometrid restart-state <USER_ID>...`

use std::io::IsTerminal;

use crate::api::Client;
use crate::batch::{self, Finished};
use crate::cli::{GlobalOpts, RestartStateArgs};
use crate::error::Result;
use crate::exit::Exit;
use crate::input::{self, Source};
use crate::operation::RestartState;
use crate::output::{Mode, Printer};
use crate::settings;

pub fn run(global: &GlobalOpts, args: &RestartStateArgs, printer: &mut Printer) -> Result<Exit> {
    // Arguments first: an invalid ID is a usage error and nothing is sent.
    let sources = input::sources(&args.user_ids, args.from_file.as_deref())?;
    // Before the settings are resolved: resolving reads --secret-file.
    input::check_one_stream(global.secret_file.as_deref(), &sources)?;
    let settings = settings::resolve(global, &settings::process_env)?;
    for w in &settings.warnings {
        printer.warning(w);
    }
    let credentials = settings.credentials()?;
    if let Some(w) = crate::scrub::short_secret_warning(credentials.secret.value.expose()) {
        printer.warning(&w);
    }
    printer.set_credentials(credentials.secret.value.expose(), credentials.origin());
    let concurrency = usize::from(args.batch.concurrency);
    let mut client = Client::new(&settings, &credentials, concurrency, global.verbose)?;

    // One thread drives every request; the work is I/O-bound and this starts fastest.
    let runtime = super::runtime()?;
    let options = batch::options(&args.batch, "restart-state", &settings, &credentials)?;
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
        batch::run(&client, &RestartState, ids, printer, options).await
    });
    if finished.tally.total() == 0 && finished.exit.is_success() {
        if let Some(names) = names {
            // Even with --quiet: an empty list is almost always a mistake upstream.
            printer.warning(&format!("no user IDs were read from {names}"));
        }
    }
    summarize(printer, &finished);
    Ok(finished.exit)
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
fn summarize(printer: &Printer, finished: &Finished) {
    let t = &finished.tally;
    // A closed stdout pipe ends the run quietly: the reader chose to stop.
    let quiet = printer.mode() == Mode::Quiet || finished.exit == Exit::BrokenPipe;
    if quiet || (t.total() <= 1 && finished.signal.is_none()) {
        return;
    }
    let mut line = if t.dry_run > 0 {
        format!("dry run: {} requests not sent", t.dry_run)
    } else {
        format!(
            "{} restarted, {} missing, {} failed, {} skipped",
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
