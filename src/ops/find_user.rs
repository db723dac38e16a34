//! `biometrid find-user --mac MAC`: `GET /api/1.0/users/find-by-address`, the
//! ID of the user registered on a device, alone on stdout.

use biometrid_protocol::{ApiMessage, Endpoint};
use clap::{ArgMatches, Args, FromArgMatches};
use serde_json::Value;

use crate::cli::GlobalOpts;
use crate::error::Result;
use crate::exit::Exit;
use crate::operation::Operation;
use crate::outcome::{Outcome, Reason};
use crate::output::{Mode, Printer};
use crate::parse::parse_mac;
use crate::reply::Documented;
use crate::sanitize;

use super::{Command, driver, user_answer};

/// The operation for one MAC (normalized).
pub struct FindUser {
    pub mac: String,
}

impl Operation for FindUser {
    fn name(&self) -> &'static str {
        "find-user"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::FindUser
    }

    fn body(&self, _id: &str) -> Option<Value> {
        Some(serde_json::json!({ "mac_address": self.mac }))
    }

    fn read(&self, reply: Documented) -> std::result::Result<Outcome, Reason> {
        match reply {
            Documented::Message(m @ ApiMessage::UserRegisteredOnDevice, data) => {
                user_answer(data, "find-user", m, "found user")
            }
            _ => Err("find-user: not the documented success".into()),
        }
    }

    fn done_word(&self) -> &'static str {
        "found"
    }
}

#[derive(Debug, Args)]
struct FindUserArgs {
    /// The device's MAC address: six hex pairs separated by `:` or `-`, or twelve hex digits
    #[arg(long, value_name = "MAC", value_parser = parse_mac)]
    mac: String,

    /// Print the request that would be sent (method, URL, body; -v: headers), send nothing
    #[arg(long)]
    dry_run: bool,
}

const AFTER_HELP: &str = "\
Prints the user's ID alone on stdout, what happened on stderr.
Exit codes: 0 found, 13 DEVICE_NOT_ASSOCIATED_TO_USER (no user for that device),
others as for restart-state (`biometrid restart-state --help`).

Examples:
  id=$(biometrid find-user --mac AA:BB:CC:DD:EE:FF)
  biometrid find-user --json --mac aa-bb-cc-dd-ee-ff | jq -r .id";

pub struct FindUserCommand;

impl Command for FindUserCommand {
    fn name(&self) -> &'static str {
        "find-user"
    }

    fn clap(&self) -> clap::Command {
        FindUserArgs::augment_args(clap::Command::new(self.name()))
            .about("Print the ID of the user registered on a device (by MAC address)")
            .after_help(AFTER_HELP)
    }

    fn operation(&self) -> Option<Box<dyn Operation>> {
        Some(Box::new(FindUser {
            mac: "00:00:00:00:00:00".into(),
        }))
    }

    fn run(&self, global: &GlobalOpts, args: &ArgMatches, printer: &mut Printer) -> Result<Exit> {
        let args = FindUserArgs::from_arg_matches(args).map_err(super::usage)?;
        let op = FindUser { mac: args.mac };
        if args.dry_run {
            return driver::dry_run_one(global, &op, printer, false);
        }
        let report = driver::send_one(global, &op, &op.mac, printer, &["id", "created"])?;
        if let (Outcome::Api(m @ ApiMessage::DeviceNotAssociated), false) =
            (&report.outcome, printer.mode() == Mode::Json)
        {
            // A documented answer, not an error: nothing on stdout.
            printer.error_line(&format!(
                "{}: no user is associated with device {}",
                m.as_str(),
                sanitize::escape(&report.user_id)
            ));
            return Ok(Exit::DeviceNotAssociated);
        }
        driver::finish_one(printer, &report, "", false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_reads_the_id() {
        let find = FindUser { mac: "m".into() };
        let classify = |body: &str| find.classify(200, None, body.as_bytes()).outcome;
        let found = r#"{"status":true,"data":{"message":"USER_ALREADY_REGISTERED_ON_THIS_DEVICE","id":"u1"}}"#;
        assert!(matches!(classify(found), Outcome::Answered(_)));
        let none = r#"{"status":true,"data":{"message":"DEVICE_NOT_ASSOCIATED_TO_USER"}}"#;
        assert_eq!(
            classify(none),
            Outcome::Api(ApiMessage::DeviceNotAssociated)
        );
        let bad_id = r#"{"status":true,"data":{"message":"USER_ALREADY_REGISTERED_ON_THIS_DEVICE","id":"a b"}}"#;
        assert!(matches!(classify(bad_id), Outcome::Unexpected(_)));
    }
}
