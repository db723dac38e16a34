//! `biometrid api [-X METHOD] PATH [USER_ID]...`: any endpoint of the API with
//! the tool's credentials, settings, retries, scrubbing and exit codes (as
//! `gh api` for GitHub). [`request`] checks what to send before anything is
//! sent, [`verdict`] reads any reply, [`show`] is what `-v` and `--dry-run`
//! show. With `{id}` in PATH it runs per USER_ID on the batch runner.

mod request;
pub(super) mod show;
pub(crate) mod verdict;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{ArgMatches, Args, FromArgMatches};
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::cli::{BatchArgs, GlobalOpts, PerUserArgs};
use crate::error::{Error, Result};
use crate::exit::{self, Exit};
use crate::input;
use crate::operation::{Exchange, Request};
use crate::outcome::{
    Answered, Classified, Earlier, Outcome, Part, Reason, Reply, ReplyBody, Retry, ServerJson,
    ServerText, To,
};
use crate::output::{Mode, Printer};
use crate::sanitize::escaped_path;
use crate::scrub::Scrubber;
use biometrid_protocol::ApiMessage;

use super::{Command, driver};
use request::{Given, Spec};

/// `biometrid api`, in the registry of commands.
pub struct ApiCommand;

#[derive(Debug, Args)]
struct ApiArgs {
    /// The HTTP method: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS [default: GET, or POST with a body]
    #[arg(short = 'X', long = "method", value_name = "METHOD")]
    method: Option<String>,

    /// The path under the base URL, e.g. /api/1.1/users/{id}/enroll/status; `{id}`
    /// stands for each USER_ID
    #[arg(value_name = "PATH")]
    path: String,

    /// With `{id}` in PATH: the user IDs; `-` reads IDs from stdin, one per line
    #[arg(value_name = "USER_ID")]
    user_ids: Vec<String>,

    /// With `{id}` in PATH: read user IDs from PATH, one per line
    #[arg(long, value_name = "PATH")]
    from_file: Option<PathBuf>,

    /// A multipart/form-data part: NAME=VALUE, or NAME=@FILE for a file (`@-`: stdin),
    /// its type from the extension (.jpg/.jpeg, .png, .wav, .pdf; else application/octet-stream)
    #[arg(short = 'F', long = "form", value_name = "NAME=VALUE|NAME=@FILE")]
    forms: Vec<String>,

    /// A field of a JSON object body: NAME=VALUE (a string) or NAME:=JSON (a raw JSON value)
    #[arg(short = 'f', long = "field", value_name = "NAME=VALUE|NAME:=JSON")]
    fields: Vec<String>,

    /// Send FILE as the body, as it is (`-`: stdin); its type with -H content-type:...
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,

    /// Add a header (not x-biometrid-key, x-biometrid-secret or host)
    #[arg(short = 'H', long = "header", value_name = "NAME:VALUE")]
    headers: Vec<String>,

    /// Print the reply's status line and headers before its body
    #[arg(short = 'i', long = "include")]
    include: bool,

    /// A DELETE over several IDs: delete without asking
    #[arg(short = 'y', long)]
    yes: bool,

    #[command(flatten)]
    batch: BatchArgs,
}

impl Command for ApiCommand {
    fn name(&self) -> &'static str {
        "api"
    }

    fn clap(&self) -> clap::Command {
        // The about after the arguments: a flattened struct's doc would replace it.
        ApiArgs::augment_args(clap::Command::new(self.name()))
            .about("Call any endpoint of the API, e.g. to upload a face photo")
            .after_help(after_help())
            .after_long_help(after_help())
    }

    /// `api` speaks any endpoint: it is not one endpoint's operation.
    fn operation(&self) -> Option<Box<dyn crate::operation::Operation>> {
        None
    }

    fn run(&self, global: &GlobalOpts, args: &ArgMatches, printer: &mut Printer) -> Result<Exit> {
        let big_job = big_job_options(args);
        let args = ApiArgs::from_arg_matches(args).map_err(super::usage)?;
        let op = ApiOp {
            spec: check(global, &args, &big_job)?,
            keep_headers: args.include || global.verbose,
        };
        printer.set_json_fields(&["method", "path", "body"]);
        let (method, path) = (op.spec.method.clone(), op.spec.path.clone());
        printer.set_request_of(move |id| (method.clone(), path.for_id(id)));
        if op.spec.path.per_user() {
            per_user(global, args, &op, printer)
        } else {
            one(global, &args, &op, printer)
        }
    }
}

/// The options of a run over USER_IDs given on the command line (`--concurrency`
/// has a default, so its value alone cannot tell). `--rate` paces one request's
/// retries too, `--ignore-missing` reads its reply, `--dry-run` shows it: not these.
fn big_job_options(matches: &ArgMatches) -> Vec<&'static str> {
    [
        ("journal", "--journal"),
        ("resume", "--resume"),
        ("max_failures", "--max-failures"),
        ("concurrency", "--concurrency"),
    ]
    .into_iter()
    .filter(|(id, _)| matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine))
    .map(|(_, flag)| flag)
    .collect()
}

/// Everything given, checked (2), then the body's files read (3): all before
/// any setting is resolved or anything is sent. `big_job`: the options of a
/// run over USER_IDs that were given.
fn check(global: &GlobalOpts, args: &ApiArgs, big_job: &[&str]) -> Result<Spec> {
    let given = Given {
        method: args.method.as_deref(),
        path: &args.path,
        forms: &args.forms,
        fields: &args.fields,
        input: args.input.as_deref(),
        headers: &args.headers,
    };
    if args.include && global.json {
        return Err(Error::Usage(
            "-i/--include and --json: --json already holds the status; choose one".into(),
        ));
    }
    let per_user = request::parse_path(&args.path)?.per_user();
    let has_ids = !args.user_ids.is_empty() || args.from_file.is_some();
    if per_user && !has_ids {
        return Err(Error::Usage(
            "PATH has {id}: give the USER_IDs (arguments, `-` for stdin, or --from-file)".into(),
        ));
    }
    if !per_user && has_ids {
        return Err(Error::Usage(
            "USER_IDs are taken only when PATH has {id} where each goes \
             (e.g. /api/1.0/users/{id}/voice/is-pending)"
                .into(),
        ));
    }
    if let (false, Some(flag)) = (per_user, big_job.first()) {
        // Silently ignored, a --journal --resume would send a DELETE twice.
        return Err(Error::Usage(format!(
            "{flag} needs {{id}} in PATH: it is an option of a run over USER_IDs, and a \
             PATH without {{id}} is one request (e.g. /api/1.0/users/{{id}} u1 u2)"
        )));
    }
    check_body_apart(global, args, &given)?;
    request::build(&given, &mut std::io::stdin().lock())
}

/// Stdin is one stream, and what the IDs or the secret are read from is theirs:
/// the body (`-F NAME=@FILE`, `--input FILE`) never reads it, under any name
/// (`-`, /dev/stdin, /dev/fd/0, a symlink, a second path), and no two parts read
/// one pipe. Checked before anything is read: the body would take the IDs.
fn check_body_apart(global: &GlobalOpts, args: &ApiArgs, given: &Given) -> Result<()> {
    let stdin = Path::new("-");
    let bodies = request::body_inputs(given);
    let mut others: Vec<(String, &Path)> = Vec::new();
    if args.user_ids.iter().any(|a| a == "-") {
        others.push(("the IDs (`-`)".into(), stdin));
    }
    if let Some(file) = &args.from_file {
        others.push((format!("--from-file {}", escaped_path(file)), file));
    }
    if let Some(file) = &global.secret_file {
        others.push((format!("--secret-file {}", escaped_path(file)), file));
    }
    for (i, (body, path)) in bodies.iter().enumerate() {
        // A regular file reads again; stdin, a pipe or a FIFO only once.
        let parts = bodies[..i]
            .iter()
            .filter(|_| input::read_once(path))
            .map(|(name, p)| (name.clone(), p.as_path()));
        let clash = others
            .iter()
            .cloned()
            .chain(parts)
            .find(|(_, other)| input::same_input(path, other));
        if let Some((other, _)) = clash {
            return Err(Error::Usage(match input::same_input(path, stdin) {
                true => format!(
                    "stdin is one stream: the body ({body}) cannot share it \
                     with {other}"
                ),
                false => format!(
                    "{body} and {other} are the same file or pipe: the body cannot \
                     share it with the IDs, the secret or another part"
                ),
            }));
        }
    }
    Ok(())
}

/// PATH with `{id}`: each ID on the batch runner, with every big-job option.
fn per_user(global: &GlobalOpts, args: ApiArgs, op: &ApiOp, printer: &mut Printer) -> Result<Exit> {
    let one_arg = args.user_ids.len() == 1 && args.user_ids[0] != "-" && args.from_file.is_none();
    // A DELETE over several IDs is confirmed like delete-user; a dry run sends nothing.
    let ask = op.destructive() && !one_arg && !args.yes && !args.batch.dry_run;
    let ids = PerUserArgs {
        user_ids: args.user_ids,
        from_file: args.from_file,
        batch: args.batch,
    };
    driver::run_batch(global, &ids, op, printer, &|sources, settings| match ask {
        true => driver::confirm_as("api", "deleted", ("user", "users"), sources, settings),
        false => Ok(()),
    })
}

/// PATH without `{id}`: one request, its body alone on stdout.
fn one(global: &GlobalOpts, args: &ApiArgs, op: &ApiOp, printer: &mut Printer) -> Result<Exit> {
    let label = op.spec.path.as_str();
    if args.batch.dry_run {
        return driver::dry_run_one(global, op, printer, true);
    }
    let report = driver::send_one(global, op, label, printer, &["method", "path", "body"])?;
    let exit = exit::for_outcome(&report.outcome, args.batch.ignore_missing);
    let output = |e| Error::Output {
        stream: "stdout",
        source: e,
    };
    match (&report.outcome, printer.mode()) {
        (Outcome::Reply(reply), Mode::Human) => {
            let pretty = std::io::stdout().is_terminal();
            let mut text = String::new();
            if args.include {
                text.push_str(&head(reply, printer));
            }
            text.push_str(&reply.body.text(printer.scrubber(), pretty));
            printer.print(&text)?;
            if !exit.is_success() {
                printer.fail(&report);
            }
        }
        (Outcome::Reply(_), Mode::Quiet) if exit.is_success() => {}
        _ => printer
            .report(&report, exit)
            .and_then(|_| printer.flush())
            .map_err(output)?,
    }
    if !exit.is_success()
        && !op.spec.idempotent()
        && report.reached
        && may_have_run(&report.outcome)
    {
        printer.warning(&format!(
            "the {} request may have been carried out (it was not sent again): \
             check before sending it again",
            op.spec.method
        ));
    }
    Ok(exit)
}

/// Whether a failed request may still have done its work: no reply, a cut
/// reply or a server error (a documented refusal says it was not, and so do
/// 501, 503 and 505: the server did not process it, RFC 9110).
fn may_have_run(outcome: &Outcome) -> bool {
    match outcome {
        Outcome::Timeout(_) | Outcome::Network(_) => true,
        Outcome::Reply(r) => r.status >= 500 && !matches!(r.status, 501 | 503 | 505),
        Outcome::Unexpected(_) => true,
        _ => false,
    }
}

/// `-i`: the status line and the headers, then a blank line.
fn head(reply: &Reply, printer: &Printer) -> String {
    let reason = reqwest::StatusCode::from_u16(reply.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut text = format!("HTTP/1.1 {} {reason}\n", reply.status);
    for (name, value) in &reply.headers {
        text.push_str(&format!(
            "{name}: {}\n",
            value.render(printer.scrubber(), To::Terminal)
        ));
    }
    text.push('\n');
    text
}

/// The operation: the checked request for each ID, any reply read by [`verdict`].
struct ApiOp {
    spec: Spec,
    /// Whether a reply's headers are shown (`-i`, `-v`), so worth keeping.
    keep_headers: bool,
}

impl Exchange for ApiOp {
    fn name(&self) -> &'static str {
        "api"
    }

    fn request(&self, id: &str) -> Request {
        Request {
            method: self.spec.method.clone(),
            path: self.spec.path.for_id(id),
            headers: self.spec.headers.clone(),
            body: self.spec.body.clone(),
        }
    }

    fn classify(
        &self,
        request: &Request,
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Classified {
        let retry_after = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok());
        let v = verdict::judge(status, retry_after, body);
        let meaning = match v.exit {
            Exit::Success => Outcome::Answered(Box::new(Answered {
                message: v
                    .message
                    .as_deref()
                    .and_then(biometrid_protocol::ApiMessage::parse),
                ..Answered::default()
            })),
            Exit::ApiDeclined => Outcome::Declined,
            Exit::UnexpectedResponse => {
                Outcome::Unexpected(Reason::from(v.unexpected.unwrap_or_default()))
            }
            _ => match v
                .message
                .as_deref()
                .and_then(biometrid_protocol::ApiMessage::parse)
            {
                Some(m) => Outcome::Api(m),
                None => Outcome::Declined,
            },
        };
        let body = match v.json {
            Some(json) => ReplyBody::Json(ServerJson::new(json)),
            None => ReplyBody::Text(ServerText::new(String::from_utf8_lossy(body))),
        };
        let reply = Reply {
            meaning,
            method: request.method.clone(),
            path: request.path.clone(),
            status,
            headers: match self.keep_headers {
                true => headers
                    .iter()
                    .map(|(n, v)| {
                        let value = String::from_utf8_lossy(v.as_bytes());
                        (n.to_string(), ServerText::new(value))
                    })
                    .collect(),
                false => Vec::new(),
            },
            message: v.message.map(ServerText::new),
            body,
        };
        Classified {
            outcome: Outcome::Reply(Box::new(reply)),
            retry: v.retry,
        }
    }

    fn is_success(&self, outcome: &Outcome) -> bool {
        exit::for_outcome(outcome, false).is_success()
    }

    /// A DELETE that finds no user after an attempt that may have been
    /// carried out (in this run, or sent and never recorded by an earlier one)
    /// most likely removed it: done, as delete-user reads it, and said so.
    fn settle(&self, outcome: Outcome, earlier: Earlier) -> Outcome {
        let gone = |r: &Reply| matches!(r.meaning, Outcome::Api(ApiMessage::UserIdNotExists));
        match outcome {
            Outcome::Reply(mut r)
                if self.spec.destructive() && earlier != Earlier::Nothing && gone(&r) =>
            {
                let mut meaning = super::removed(ApiMessage::UserIdNotExists, earlier);
                if let Outcome::Answered(a) = &mut meaning {
                    let by = match earlier {
                        Earlier::PreviousRun => "the earlier run",
                        _ => "an earlier attempt",
                    };
                    a.note = vec![
                        Part::UserId,
                        Part::words(format!(
                            ": USERID_NOT_EXISTS: already gone, probably removed by {by}"
                        )),
                    ];
                }
                r.meaning = meaning;
                Outcome::Reply(r)
            }
            other => other,
        }
    }

    fn done_word(&self) -> &'static str {
        "answered"
    }

    fn destructive(&self) -> bool {
        self.spec.destructive()
    }

    /// GET, HEAD and DELETE are retried as by every command; any other
    /// method (POST, PUT, PATCH, OPTIONS) only when the connection was refused
    /// or not made within the connect timeout (it surely never arrived): after
    /// a timeout, a reset or a 500 it may have been carried out.
    fn retry(&self, classified: &Classified) -> Retry {
        match (self.spec.idempotent(), classified.retry) {
            (true, retry) | (false, retry @ Retry::Unsent) => retry,
            (false, _) => Retry::No,
        }
    }

    fn journal_request(&self) -> Option<crate::journal::RequestKey> {
        Some(self.spec.journal_key())
    }

    fn shown_request(&self, request: &Request) -> Vec<String> {
        show::request_lines(request)
    }

    fn dry_run_shows_all(&self) -> bool {
        true
    }

    fn shown_reply(&self, outcome: &Outcome, scrub: Option<&Scrubber>) -> Vec<String> {
        match outcome {
            Outcome::Reply(reply) => reply.shown_lines(scrub, show::SHOWN_BODY),
            _ => Vec::new(),
        }
    }
}

fn after_help() -> String {
    format!(
        "\
Examples:
  biometrid api /api/1.1/users/59147e5afdda9b0ac0f5e31f/enroll/status
  biometrid api /api/1.1/users/59147e5afdda9b0ac0f5e31f/dialogue/enroll/face -F photo=@face.jpg
  biometrid api /api/1.0/users/find-by-face -F photo=@face.jpg
  biometrid api /api/1.1/document/validate -F doctype=idcard -F front=@front.jpg -F back=@back.jpg
  biometrid api -X GET /api/1.0/users/find-by-address -f mac_address=aa:bb:cc:dd:ee:ff
  biometrid api '/api/1.0/users/{{id}}/voice/is-pending' --from-file ids.txt --json

The reply's body goes to stdout: JSON pretty on a terminal and on one line otherwise,
every string scrubbed of the secret. Exit codes: 0 a 2xx reply whose status is not
false; a documented message keeps its code (4-9, 13); 15 any other refusal (status
false or HTTP 400 and above), the body still printed; 12 a redirect, a body over 1 MiB
or a reply that contradicts itself. GET, HEAD and DELETE are retried as by every
command; any other method (POST, PUT, PATCH, OPTIONS) is sent once, again only when
the connection was refused or not made within the connect timeout.

Without {{id}} in PATH it is one request: --journal, --resume, --max-failures,
--concurrency and --from-file, the options of a run over USER_IDs, are refused (exit 2).

{}",
        show::endpoints_help()
    )
}
