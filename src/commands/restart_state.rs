//! `biometrid restart-state <USER_ID>...`

use std::path::Path;

use crate::api::Client;
use crate::batch::{self, Finished, Options};
use crate::cli::{GlobalOpts, RestartStateArgs};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::input;
use crate::output::{Mode, Printer};
use crate::settings;

pub fn run(global: &GlobalOpts, args: &RestartStateArgs, printer: &mut Printer) -> Result<Exit> {
    // Arguments first: an invalid ID is a usage error and nothing is sent.
    let sources = input::sources(&args.user_ids, args.from_file.as_deref())?;
    if input::reads_stdin(&sources) && global.secret_file.as_deref() == Some(Path::new("-")) {
        return Err(Error::Usage(
            "stdin cannot carry both the IDs (`-`) and the secret (`--secret-file -`)".into(),
        ));
    }
    let settings = settings::resolve(global, &settings::process_env)?;
    for w in &settings.warnings {
        printer.warning(w);
    }
    let credentials = settings.credentials()?;
    if let Some(w) = crate::scrub::short_secret_warning(credentials.secret.value.expose()) {
        printer.warning(&w);
    }
    printer.set_credentials(credentials.secret.value.expose(), credentials.origin());
    let concurrency = usize::from(args.concurrency);
    let client = Client::new(&settings, &credentials, concurrency, global.verbose)?;

    // One thread drives every request; the work is I/O-bound and this starts fastest.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the async runtime: {e}")))?;
    let options = Options {
        concurrency,
        ignore_missing: args.ignore_missing,
    };
    if printer.wants_progress() {
        printer.start_progress(input::count_hint(&sources));
    }
    let finished = runtime.block_on(async {
        let ids = input::spawn(sources);
        batch::run(&client, ids, printer, &options).await
    });
    summarize(printer, &finished);
    Ok(finished.exit)
}

/// One line on stderr for batches (and always after Ctrl-C), never in quiet mode.
fn summarize(printer: &Printer, finished: &Finished) {
    let t = &finished.tally;
    let interrupted = finished.exit == Exit::Interrupted;
    if printer.mode() == Mode::Quiet || (t.total() <= 1 && !interrupted) {
        return;
    }
    let mut line = format!(
        "{} restarted, {} missing, {} failed, {} skipped",
        t.restarted, t.missing, t.failed, t.skipped
    );
    if interrupted {
        line = format!(
            "interrupted: {line}, {} not finished; the rest of the input was not read",
            t.interrupted
        );
    }
    printer.err_line(&format!("{line} in {:.1}s", finished.elapsed.as_secs_f64()));
}
