//! `biometrid create-user --reference-id R`: `POST /api/1.0/users`, the new
//! user's ID alone on stdout. Not idempotent: sent again only when the request
//! surely never reached the server.

use biometrid_protocol::{ApiMessage, Endpoint};
use clap::{ArgMatches, Args, FromArgMatches};
use serde_json::Value;

use crate::cli::GlobalOpts;
use crate::error::Result;
use crate::exit::Exit;
use crate::operation::Operation;
use crate::outcome::{Classified, Outcome, Reason, Report, Retry};
use crate::output::Printer;
use crate::parse::{parse_mac, parse_sent_value};
use crate::reply::Documented;

use super::{Command, driver, user_answer};

pub struct CreateUser {
    pub body: Value,
}

impl Operation for CreateUser {
    fn name(&self) -> &'static str {
        "create-user"
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::CreateUser
    }

    fn body(&self, _id: &str) -> Option<Value> {
        Some(self.body.clone())
    }

    fn read(&self, reply: Documented) -> std::result::Result<Outcome, Reason> {
        match reply {
            Documented::Message(m @ ApiMessage::NewUserCreated, d) => {
                user_answer(d, "create-user", m, "created user")
            }
            Documented::Message(m @ ApiMessage::UserAlreadyAssociated, d) => {
                user_answer(d, "create-user", m, "the device already has a user:")
            }
            _ => Err("create-user: not the documented success".into()),
        }
    }

    fn done_word(&self) -> &'static str {
        "created"
    }

    /// Sent again only when the request surely never reached the server: after
    /// a timeout, a reset or a 500 a user may have been created already.
    fn retry(&self, classified: &Classified) -> Retry {
        match classified.retry {
            Retry::Unsent => Retry::Unsent,
            _ => Retry::No,
        }
    }
}

/// Whether a failed request may still have created a user: its last attempt
/// may have reached the server and did not end in a documented refusal.
fn may_have_created(report: &Report) -> bool {
    let unclear = match &report.outcome {
        Outcome::Api(m) => *m == ApiMessage::ProblemOccurred,
        // Stopped by a signal while the request was under way.
        Outcome::Timeout(_)
        | Outcome::Network(_)
        | Outcome::Unexpected(_)
        | Outcome::Interrupted(_) => true,
        _ => false,
    };
    unclear && report.reached
}

#[derive(Debug, Args)]
struct CreateUserArgs {
    /// Your reference for the user (sent as reference_id)
    #[arg(long, value_name = "R", value_parser = parse_sent_value)]
    reference_id: String,

    /// The device's MAC address: six hex pairs separated by `:` or `-`, or twelve hex digits
    #[arg(long, value_name = "MAC", value_parser = parse_mac)]
    mac: Option<String>,

    /// The application's push token for the device (sent as app_token)
    #[arg(long, value_name = "T", value_parser = parse_sent_value)]
    app_token: Option<String>,

    /// Print the request that would be sent (method, URL, body; -v: headers), send nothing
    #[arg(long)]
    dry_run: bool,
}

const AFTER_HELP: &str = "\
Prints the new user's ID alone on stdout (or the existing one, with
USER_ALREADY_ASSOCIATED_WITH_DEVICE), what happened on stderr. Creating is not
idempotent: it is retried only when the connection was refused or not made within
the connect timeout; after a timeout, a reset, a server error or a signal (Ctrl-C)
once it was sent, a user may have been created: check with find-user --mac. If
stdout cannot take the new ID, stderr names it.

Examples:
  id=$(biometrid create-user --reference-id crm-4711 --mac AA:BB:CC:DD:EE:FF)
  biometrid create-user --json --reference-id crm-4711 | jq -r .id";

pub struct CreateUserCommand;

impl Command for CreateUserCommand {
    fn name(&self) -> &'static str {
        "create-user"
    }

    fn clap(&self) -> clap::Command {
        CreateUserArgs::augment_args(clap::Command::new(self.name()))
            .about("Create a user and print its ID (never retried once it may have reached the server)")
            .after_help(AFTER_HELP)
    }

    fn operation(&self) -> Option<Box<dyn Operation>> {
        Some(Box::new(CreateUser { body: Value::Null }))
    }

    fn run(&self, global: &GlobalOpts, args: &ArgMatches, printer: &mut Printer) -> Result<Exit> {
        let args = CreateUserArgs::from_arg_matches(args).map_err(super::usage)?;
        let mut body = serde_json::json!({ "reference_id": args.reference_id });
        if let Some(mac) = &args.mac {
            body["mac_address"] = mac.clone().into();
        }
        if let Some(token) = &args.app_token {
            body["app_token"] = token.clone().into();
        }
        let op = CreateUser { body };
        if args.dry_run {
            return driver::dry_run_one(global, &op, printer, false);
        }
        let report =
            driver::send_one(global, &op, &args.reference_id, printer, &["id", "created"])?;
        let mut warning = String::new();
        if may_have_created(&report) {
            warning = match &args.mac {
                Some(mac) => format!(
                    "the request may have reached the server: a user may have been created; \
                     check with `{} find-user --mac {mac}` before trying again",
                    global.invocation()
                ),
                None => "the request may have reached the server: a user may have been created; \
                     check before trying again (it was not retried)"
                    .to_string(),
            };
        }
        driver::finish_one(printer, &report, &warning, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_reads_the_id() {
        let create = CreateUser { body: Value::Null };
        let made = r#"{"status":true,"data":{"message":"NEW_USER_CREATED","id":"u2"}}"#;
        let Outcome::Answered(a) = create.classify(200, None, made.as_bytes()).outcome else {
            panic!()
        };
        assert_eq!(a.message, Some(ApiMessage::NewUserCreated));
        assert_eq!(a.fields[1], ("created", crate::outcome::Field::Bool(true)));
        let numeric = r#"{"status":true,"data":{"message":"NEW_USER_CREATED","id":7}}"#;
        let c = create.classify(200, None, numeric.as_bytes());
        assert!(matches!(c.outcome, Outcome::Unexpected(_)));
    }

    #[test]
    fn create_is_retried_only_when_unsent() {
        let create = CreateUser { body: Value::Null };
        let c = |retry| Classified {
            outcome: Outcome::Timeout("t".into()),
            retry,
        };
        assert_eq!(create.retry(&c(Retry::Unsent)), Retry::Unsent);
        assert_eq!(create.retry(&c(Retry::Yes(None))), Retry::No);
        let problem = r#"{"status":false,"data":{"message":"PROBLEM_OCURRED_REPEAT_REQUEST"}}"#;
        let classified = create.classify(500, None, problem.as_bytes());
        assert_eq!(create.retry(&classified), Retry::No);
        let report = |outcome, reached| Report {
            user_id: "r".into(),
            outcome,
            http_status: None,
            attempts: 1,
            reached,
        };
        assert!(may_have_created(&report(classified.outcome, true)));
        let refused = Outcome::Network("connection refused".into());
        assert!(!may_have_created(&report(refused, false)));
    }
}
