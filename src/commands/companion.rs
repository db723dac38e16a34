//! The companion commands: `enroll-status`, `pending-dialogue` and `delete-user`
//! run on the batch runner like restart-state; `find-user` and `create-user`
//! send one request and print the user's ID alone on stdout.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::AtomicU32;

use biometrid_protocol::ApiMessage;

use crate::cli::{CreateUserArgs, DeleteUserArgs, FindUserArgs, GlobalOpts, PerUserArgs};
use crate::companion::{CreateUser, DeleteUser, EnrollStatus, FindUser, PendingDialogue};
use crate::error::{Error, Result};
use crate::exit::{self, Exit};
use crate::input::Source;
use crate::operation::Operation;
use crate::outcome::{Data, Outcome, Report};
use crate::output::{Mode, Printer};
use crate::sanitize;

use super::restart_state::{connect, run_batch};

pub fn enroll_status(
    global: &GlobalOpts,
    args: &PerUserArgs,
    printer: &mut Printer,
) -> Result<Exit> {
    printer.set_json_fields(&["enrolled", "engines"]);
    run_batch(global, args, &EnrollStatus, printer, &|_| Ok(()))
}

pub fn pending_dialogue(
    global: &GlobalOpts,
    args: &PerUserArgs,
    printer: &mut Printer,
) -> Result<Exit> {
    printer.set_json_fields(&["pending", "dialogue"]);
    run_batch(global, args, &PendingDialogue, printer, &|_| Ok(()))
}

pub fn delete_user(
    global: &GlobalOpts,
    args: &DeleteUserArgs,
    printer: &mut Printer,
) -> Result<Exit> {
    // A dry run sends nothing, so it needs no confirmation.
    let yes = args.yes || args.ids.batch.dry_run;
    run_batch(global, &args.ids, &DeleteUser, printer, &|sources| {
        if yes {
            return Ok(());
        }
        confirm_delete(sources)
    })
}

/// Ask on the terminal before deleting. Without one (stdin or stderr not a
/// terminal), or for IDs streamed from stdin or a file (their number is not
/// known before they are read), `--yes` is required: a usage error, nothing sent.
fn confirm_delete(sources: &[Source]) -> Result<()> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::Usage(
            "delete-user deletes users: without a terminal to confirm on, pass --yes".into(),
        ));
    }
    let ids: Option<Vec<&str>> = sources
        .iter()
        .map(|s| match s {
            Source::Arg(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let Some(ids) = ids else {
        return Err(Error::Usage(
            "delete-user with IDs from stdin or --from-file: pass --yes \
             (how many would be deleted is not known before they are read)"
                .into(),
        ));
    };
    let (question, expected) = match ids.as_slice() {
        [one] => (
            format!("delete user {}? [y/N] ", sanitize::escape(one)),
            "y".to_string(),
        ),
        many => (
            format!(
                "delete {} users ({}, ...)? type {} to confirm: ",
                many.len(),
                sanitize::escape(many[0]),
                many.len()
            ),
            many.len().to_string(),
        ),
    };
    let mut err = std::io::stderr();
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
        Err(Error::Usage("not confirmed: nothing was deleted".into()))
    }
}

pub fn find_user(global: &GlobalOpts, args: &FindUserArgs, printer: &mut Printer) -> Result<Exit> {
    let op = FindUser {
        mac: args.mac.clone(),
    };
    let report = send_one(global, &op, &args.mac, printer)?;
    finish_one(printer, &report, "")
}

pub fn create_user(
    global: &GlobalOpts,
    args: &CreateUserArgs,
    printer: &mut Printer,
) -> Result<Exit> {
    let mut body = serde_json::json!({ "reference_id": args.reference_id });
    if let Some(mac) = &args.mac {
        body["mac_address"] = mac.clone().into();
    }
    if let Some(token) = &args.app_token {
        body["app_token"] = token.clone().into();
    }
    let op = CreateUser::new(body);
    let report = send_one(global, &op, &args.reference_id, printer)?;
    let mut extra = String::new();
    if op.may_have_created(&report.outcome) {
        extra = match &args.mac {
            Some(mac) => format!(
                "the request may have reached the server: a user may have been created; \
                 check with `biometrid find-user --mac {mac}` before trying again"
            ),
            None => "the request may have reached the server: a user may have been created; \
                 check before trying again (it was not retried)"
                .to_string(),
        };
    }
    finish_one(printer, &report, &extra)
}

/// Send one request of `op`; `label` names it in `-v` lines and errors.
fn send_one(
    global: &GlobalOpts,
    op: &dyn Operation,
    label: &str,
    printer: &mut Printer,
) -> Result<Report> {
    let mut client = connect(global, printer, 1)?;
    client.set_log(printer.log());
    let runtime = super::runtime()?;
    let attempts = AtomicU32::new(0);
    // Ctrl-C ends a single request at once: nothing is half-printed.
    let report = runtime.block_on(async {
        tokio::select! {
            report = client.send(op, label, &attempts) => Ok(report),
            signal = crate::signal::stopping() => Err(Error::Stopped(signal)),
        }
    })?;
    // One request on its own is never held back by the run's pace: it is always sent.
    report.ok_or_else(|| Error::Internal(format!("{label}: no attempt was made")))
}

/// Report the one answer of find-user or create-user: the ID alone on stdout,
/// what happened on stderr; `warning` (if not empty) after a failure.
fn finish_one(printer: &mut Printer, report: &Report, warning: &str) -> Result<Exit> {
    let exit = exit::for_outcome(&report.outcome, false);
    printer.set_json_fields(&["id", "created"]);
    printer.omit_user_id();
    let mode = printer.mode();
    match (&report.outcome, mode) {
        (_, Mode::Json) => {
            report_or_fail(printer, report, exit)?;
        }
        (Outcome::Answer(a), _) => {
            if let Data::User { id, created } = &a.data {
                let message = a.message.map_or("", ApiMessage::as_str);
                if mode == Mode::Human {
                    printer.print(&sanitize::escape(id))?;
                    let what = if *created {
                        "created user"
                    } else if a.message == Some(ApiMessage::UserAlreadyAssociated) {
                        "the device already has a user:"
                    } else {
                        "found user"
                    };
                    printer.err_line(&format!("{what} {} ({message})", sanitize::escape(id)));
                }
            }
        }
        (Outcome::Api(m @ ApiMessage::DeviceNotAssociated), _) => {
            // A documented answer, not an error: nothing on stdout.
            printer.err_line(&format!(
                "{}: no user is associated with device {}",
                m.as_str(),
                sanitize::escape(&report.user_id)
            ));
        }
        _ => report_or_fail(printer, report, exit)?,
    }
    if !exit.is_success() && !warning.is_empty() {
        printer.warning(warning);
    }
    Ok(exit)
}

fn report_or_fail(printer: &mut Printer, report: &Report, exit: Exit) -> Result<()> {
    printer
        .report(report, exit)
        .and_then(|_| printer.flush())
        .map_err(|source| Error::Output {
            stream: "stdout",
            source,
        })
}
