//! The operations, one file each: everything specific to one endpoint (its
//! request, how its reply is read, its words and JSON fields, its help, whether
//! it is destructive or retried) lives in its file, and [`REGISTRY`] makes each
//! a command. The clap command, the dispatch and the per-user driver
//! (`driver.rs`) are written once, for all of them.

mod api;
mod cleanup;
mod create_user;
mod delete_face;
mod delete_user;
mod delete_voice;
mod driver;
mod enroll_status;
mod find_user;
mod pending_dialogue;
mod restart_state;

use clap::{ArgMatches, Args, FromArgMatches};

use crate::cli::{GlobalOpts, PerUserArgs};
use crate::error::Result;
use crate::exit::Exit;
use crate::operation::Operation;
use crate::output::Printer;

/// `biometrid api`'s reading of any reply, for the library's fuzzing surface (`lib.rs`).
pub(crate) use api::verdict;
pub use driver::{credentials, runtime};

/// Every operation's command, in the order of `biometrid --help` (restart-state first).
pub static REGISTRY: &[&dyn Command] = &[
    &PerUser(restart_state::RestartState),
    &PerUser(enroll_status::EnrollStatus),
    &PerUser(pending_dialogue::PendingDialogue),
    &PerUser(delete_user::DeleteUser),
    &PerUser(delete_face::DeleteFace),
    &PerUser(delete_voice::DeleteVoice::new()),
    &find_user::FindUserCommand,
    &create_user::CreateUserCommand,
    &api::ApiCommand,
];

/// The harmless request of `config check`: the enroll status of an ID that
/// cannot exist (USERID_NOT_EXISTS means the key and secret were accepted).
pub fn probe() -> &'static dyn crate::operation::Exchange {
    &enroll_status::EnrollStatus
}

/// The command line: the operations of the registry and the other commands.
pub type Cli = crate::cli::Cli<Invocation>;

/// The whole command-line definition (parsing, help, completions, man pages).
pub fn command() -> clap::Command {
    globals_once(<Cli as clap::CommandFactory>::command())
}

/// The global options described once, in `biometrid --help`. A command's help
/// names them in one short section (as gh's INHERITED FLAGS) instead of
/// repeating ~16 descriptions, and leaves out those it refuses (the sandbox's
/// client settings). Each command gets them hidden, which clap's propagation of
/// global options then leaves alone: they still parse after the command, and
/// the completion scripts (which complete hidden options) still offer them.
fn globals_once(top: clap::Command) -> clap::Command {
    let globals: Vec<clap::Arg> = top
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    // The usage lines as clap writes them with the globals shown, `[OPTIONS]`
    // among them: a command whose own options are all required would lose it.
    let mut shown = top.clone();
    shown.build();
    top.mut_subcommands(|sub| {
        let refused = match sub.get_name() {
            "sandbox" => crate::cli::sandbox_refused_globals(false),
            _ => &[],
        };
        let as_shown = shown.find_subcommand(sub.get_name()).cloned();
        inherit(sub, as_shown, &globals, refused)
    })
}

/// `sub` and its own commands with `globals` hidden and named in a short section.
fn inherit(
    sub: clap::Command,
    as_shown: Option<clap::Command>,
    globals: &[clap::Arg],
    refused: &[&str],
) -> clap::Command {
    // Its own commands get its own global options first, as clap's propagation
    // would give them (`sandbox exec` has the sandbox's --port, ...).
    let own: Vec<clap::Arg> = sub
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    let sandbox = sub.get_name() == "sandbox";
    let mut sub = sub.mut_subcommands(|s| {
        let child = as_shown
            .as_ref()
            .and_then(|c| c.find_subcommand(s.get_name()).cloned());
        let refused = match sandbox && s.get_name() == "exec" {
            true => crate::cli::sandbox_refused_globals(true),
            false => refused,
        };
        let s = own.iter().fold(s, |s, a| s.arg(a.clone()));
        inherit(s, child, globals, refused)
    });
    // An argument of its own with a global's name (`config set`'s KEY) keeps
    // that global out of the command, as clap's propagation does.
    let inherited: Vec<&clap::Arg> = globals
        .iter()
        .filter(|g| sub.get_arguments().all(|a| a.get_id() != g.get_id()))
        .collect();
    let names: Vec<String> = inherited
        .iter()
        .filter(|g| !refused.contains(&g.get_id().as_str()))
        .map(|g| match (g.get_short(), g.get_long()) {
            (Some(short), _) => format!("-{short}"),
            (None, Some(long)) => format!("--{long}"),
            (None, None) => g.get_id().to_string(),
        })
        .collect();
    for g in inherited {
        sub = sub.arg(g.clone().hide(true));
    }
    if let Some(mut shown) = as_shown {
        let usage = shown.render_usage().to_string();
        sub = sub.override_usage(usage.trim_start_matches("Usage: ").to_string());
    }
    let header = sub.get_styles().get_header();
    let section = format!(
        "{}Global options:{}\n{}",
        header.render(),
        header.render_reset(),
        wrapped(
            &format!("{}; `biometrid --help` describes them", names.join(", ")),
            86
        )
    );
    // clap's default template, with the section after the command's own options.
    sub.help_template(format!(
        "{{before-help}}{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{{all-args}}\n\n\
         {section}{{after-help}}"
    ))
}

/// `text` in lines of at most `width` columns, each indented by two spaces.
fn wrapped(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(format!("  {word}")),
        }
    }
    lines.join("\n")
}

/// The registered command called `name`, if any.
pub fn find(name: &str) -> Option<&'static dyn Command> {
    REGISTRY.iter().copied().find(|c| c.name() == name)
}

/// An operation's command as parsed: which one, and its arguments. It is the
/// registry as clap sees it: its subcommands, and parsing into one of them.
pub struct Invocation {
    pub command: &'static dyn Command,
    pub args: ArgMatches,
}

impl std::fmt::Debug for Invocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Invocation")
            .field(&self.command.name())
            .finish()
    }
}

impl FromArgMatches for Invocation {
    fn from_arg_matches(matches: &ArgMatches) -> std::result::Result<Self, clap::Error> {
        let (name, args) = matches
            .subcommand()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingSubcommand))?;
        let command = find(name)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidSubcommand))?;
        Ok(Invocation {
            command,
            args: args.clone(),
        })
    }

    fn update_from_arg_matches(
        &mut self,
        matches: &ArgMatches,
    ) -> std::result::Result<(), clap::Error> {
        *self = Invocation::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Subcommand for Invocation {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        cmd.subcommands(REGISTRY.iter().map(|c| c.clap()))
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        Invocation::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        find(name).is_some()
    }
}

/// One command of the registry: its clap definition and how it runs.
pub trait Command: Sync {
    fn name(&self) -> &'static str;

    /// Its clap subcommand (arguments, help).
    fn clap(&self) -> clap::Command;

    /// Run it with its parsed arguments.
    fn run(&self, global: &GlobalOpts, args: &ArgMatches, printer: &mut Printer) -> Result<Exit>;

    /// The operation it sends (with placeholder arguments where it takes
    /// some): how it reads replies, for the fuzz target and property tests;
    /// `None` for `api`, which speaks any endpoint (its reading of replies,
    /// the verdict, has tests of its own).
    fn operation(&self) -> Option<Box<dyn Operation>>;
}

/// What a per-user operation adds to [`Operation`] to be a command: its help
/// and the JSON fields of its lines.
pub trait PerUserOp: Operation {
    /// The one-line description in `biometrid --help`.
    fn about(&self) -> &'static str;

    /// The text after the options in `--help`.
    fn after_help(&self) -> String;

    /// The text after the options in `--help` when it differs from `-h`'s.
    fn after_long_help(&self) -> Option<String> {
        None
    }

    /// The `--json` fields of its answer, null on lines that have none.
    fn json_fields(&self) -> &'static [&'static str] {
        &[]
    }

    /// For a destructive operation: how its confirmation names one and many
    /// of what it destroys ("user", "users").
    fn objects(&self) -> (&'static str, &'static str) {
        ("user", "users")
    }

    /// Its own arguments besides the IDs and the runner's (delete-voice's `--language`).
    fn arguments(&self, cmd: clap::Command) -> clap::Command {
        cmd
    }

    /// The operation with its own arguments as given.
    fn configured(&self, _args: &ArgMatches) -> Result<Self>
    where
        Self: Sized + Clone,
    {
        Ok(self.clone())
    }
}

/// A per-user operation as a command: IDs as arguments, on stdin or from a
/// file, each sent on the batch runner.
pub struct PerUser<O>(pub O);

/// `--yes`, for destructive operations.
#[derive(Debug, clap::Args)]
pub struct ConfirmArgs {
    /// Delete without asking (required when stdin or stderr is not a terminal,
    /// and for IDs read from stdin or --from-file)
    #[arg(short, long)]
    pub yes: bool,
}

impl<O: PerUserOp + Clone + 'static> Command for PerUser<O> {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn operation(&self) -> Option<Box<dyn Operation>> {
        Some(Box::new(self.0.clone()))
    }

    fn clap(&self) -> clap::Command {
        let mut cmd = PerUserArgs::augment_args(clap::Command::new(self.0.name()));
        cmd = self.0.arguments(cmd);
        if self.0.destructive() {
            cmd = ConfirmArgs::augment_args(cmd);
        }
        // After the arguments: their structs' doc comments would be the about.
        // The three ways to give IDs, so that a bare `restart-state` shows all of them.
        let name = self.0.name();
        cmd = cmd
            .about(self.0.about())
            .long_about(None)
            .override_usage(format!(
                "biometrid {name} [OPTIONS] <USER_ID>...\n       \
                 biometrid {name} [OPTIONS] -                 (IDs on stdin, one per line)\n       \
                 biometrid {name} [OPTIONS] --from-file PATH  (IDs in a file, one per line)"
            ))
            .after_help(self.0.after_help());
        match self.0.after_long_help() {
            Some(text) => cmd.after_long_help(text),
            None => cmd,
        }
    }

    fn run(&self, global: &GlobalOpts, args: &ArgMatches, printer: &mut Printer) -> Result<Exit> {
        let ids = PerUserArgs::from_arg_matches(args).map_err(usage)?;
        printer.set_json_fields(self.0.json_fields());
        // A dry run sends nothing, so it needs no confirmation.
        let ask = self.0.destructive()
            && !ids.batch.dry_run
            && !ConfirmArgs::from_arg_matches(args).map_err(usage)?.yes;
        let op = self.0.configured(args)?;
        driver::run_batch(global, &ids, &op, printer, &|sources, settings| match ask {
            true => driver::confirm(&op, sources, settings),
            false => Ok(()),
        })
    }
}

/// Arguments clap has already checked: a mismatch here is a bug.
fn usage(e: clap::Error) -> crate::error::Error {
    crate::error::Error::Internal(format!("arguments: {e}"))
}

/// The string field `name` of `object`, or why not (`what` names the reply).
fn text_field(
    object: &serde_json::Value,
    name: &str,
    what: &str,
) -> std::result::Result<String, crate::outcome::Reason> {
    match object.get(name) {
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(format!("{what}: \"{name}\" is not a string").into()),
        None => Err(format!("{what}: no \"{name}\"").into()),
    }
}

/// The answer of a deletion: `deleted u1`; `by` an earlier attempt: nothing
/// was there after an attempt that may have been carried out (it probably
/// deleted it).
fn removed(
    message: biometrid_protocol::ApiMessage,
    by: crate::outcome::Earlier,
) -> crate::outcome::Outcome {
    use crate::outcome::{Answered, Earlier, Field, Outcome, Part};
    let mut line = vec![Part::Success("deleted"), Part::words(" "), Part::UserId];
    match by {
        Earlier::Nothing => {}
        Earlier::ThisRun => line.push(Part::words(
            " (already gone: probably removed by an earlier attempt)",
        )),
        Earlier::PreviousRun => line.push(Part::words(
            " (already gone: probably removed by the earlier run)",
        )),
    }
    let already_gone = by != Earlier::Nothing;
    Outcome::Answered(Box::new(Answered {
        message: Some(message),
        line,
        note: Vec::new(),
        fields: vec![("already_gone", Field::Bool(already_gone))],
    }))
}

/// The answer of find-user and create-user: the user's ID (a valid USER_ID:
/// it is printed bare, for `id=$(biometrid find-user ...)`), and on stderr
/// `{what} {id} ({message})`.
fn user_answer(
    data: &serde_json::Value,
    command: &str,
    message: biometrid_protocol::ApiMessage,
    what: &str,
) -> std::result::Result<crate::outcome::Outcome, crate::outcome::Reason> {
    use crate::outcome::{Answered, Field, Outcome, Part, Reason, ServerText};
    let id = text_field(data, "id", command)?;
    if biometrid_protocol::user_id::check(&id).is_err() {
        let why = format!("{command}: \"id\" is not a valid user ID: '");
        return Err(Reason::with_server_text(why, &id).then("'"));
    }
    let id = ServerText::new(id);
    let created = message == biometrid_protocol::ApiMessage::NewUserCreated;
    Ok(Outcome::Answered(Box::new(Answered {
        message: Some(message),
        line: vec![Part::Server(id.clone())],
        note: vec![
            Part::words(format!("{what} ")),
            Part::Server(id.clone()),
            Part::words(format!(" ({})", message.as_str())),
        ],
        fields: vec![("id", Field::Text(id)), ("created", Field::Bool(created))],
    })))
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::Cli;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
        // With the global options hidden in every command's help.
        super::command().debug_assert();
    }

    #[test]
    fn global_options_work_after_the_subcommand() {
        let cli = Cli::try_parse_from(["biometrid", "restart-state", "u1", "--json", "--key", "k"])
            .unwrap();
        assert!(cli.global.json);
        assert_eq!(cli.global.key.as_deref(), Some("k"));
    }

    #[test]
    fn concurrency_is_bounded() {
        assert!(
            Cli::try_parse_from(["biometrid", "restart-state", "--concurrency", "65", "u"])
                .is_err()
        );
        assert!(
            Cli::try_parse_from(["biometrid", "restart-state", "--concurrency", "0", "u"]).is_err()
        );
    }

    #[test]
    fn ids_are_required_unless_from_file() {
        assert!(Cli::try_parse_from(["biometrid", "restart-state"]).is_err());
        assert!(Cli::try_parse_from(["biometrid", "restart-state", "--from-file", "x"]).is_ok());
    }
}
