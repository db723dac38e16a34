//! The command line, as clap definitions. Parsing only: no I/O and no defaults
//! from the environment here (settings.rs resolves those, with their sources).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exit::Exit;

#[derive(Debug, Parser)]
#[command(
    name = "biometrid",
    version,
    about = "Restart BiometrID user process state from the command line",
    long_about = "Client for the BiometrID Legacy Restful API.\n\n\
        `biometrid restart-state <USER_ID>` clears whatever enrolment or verification \
        process is stuck for a user, and exits with a code a script can branch on.",
    after_help = TOP_AFTER_HELP,
    propagate_version = true,
    disable_help_subcommand = false
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,

    #[command(subcommand)]
    pub command: Command,
}

/// Options that may stand before or after the subcommand.
#[derive(Debug, Args, Default, Clone)]
pub struct GlobalOpts {
    /// Client key [env: BIOMETRID_KEY]
    #[arg(long, global = true, value_name = "KEY", help_heading = "Credentials")]
    pub key: Option<String>,

    /// Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]
    #[arg(
        long,
        global = true,
        value_name = "SECRET",
        help_heading = "Credentials"
    )]
    pub secret: Option<String>,

    /// Read the secret from the first line of PATH (`-` = stdin)
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        conflicts_with = "secret",
        help_heading = "Credentials"
    )]
    pub secret_file: Option<PathBuf>,

    /// Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]
    #[arg(long, global = true, value_name = "NAME", help_heading = "Settings")]
    pub profile: Option<String>,

    /// Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]
    #[arg(long, global = true, value_name = "PATH", help_heading = "Settings")]
    pub config: Option<PathBuf>,

    /// API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]
    #[arg(long, global = true, value_name = "URL", help_heading = "Settings")]
    pub base_url: Option<String>,

    /// Timeout of each attempt, in seconds [env: BIOMETRID_TIMEOUT] [default: 30]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_seconds, help_heading = "Settings")]
    pub timeout: Option<f64>,

    /// Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10), help_heading = "Settings")]
    pub retries: Option<u32>,

    /// Also trust the CA certificates in this PEM file
    #[arg(long, global = true, value_name = "PATH", help_heading = "Settings")]
    pub cacert: Option<PathBuf>,

    /// Allow an http:// base URL that is not loopback (sends the secret in clear text)
    #[arg(long, global = true, help_heading = "Settings")]
    pub allow_insecure_http: bool,

    /// One JSON object per USER_ID on stdout (JSON Lines)
    #[arg(long, global = true, conflicts_with = "quiet", help_heading = "Output")]
    pub json: bool,

    /// Nothing on stdout on success; errors still go to stderr
    #[arg(short, long, global = true, help_heading = "Output")]
    pub quiet: bool,

    /// Show requests, statuses, timing and attempts on stderr (the secret as ***)
    #[arg(short, long, global = true, help_heading = "Output")]
    pub verbose: bool,

    /// When to use color
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        default_value = "auto",
        help_heading = "Output"
    )]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Restart the process state of one or more users
    #[command(
        after_help = restart_state_after_help(),
        after_long_help = restart_state_after_help()
    )]
    RestartState(RestartStateArgs),

    /// Show the settings in effect and where each came from
    #[command(subcommand, after_help = CONFIG_AFTER_HELP)]
    Config(ConfigCommand),

    /// Write a profile of the config file (prompts on a terminal)
    #[command(
        long_about = "Write a profile of the config file: the client key and secret, and \
            --base-url, --timeout and --retries when given.\n\n\
            On a terminal it prompts for the key and the secret (the secret hidden; Enter \
            keeps the current value). Otherwise, or with --no-input, it takes --key (or \
            BIOMETRID_KEY) and the secret from --secret-file (`-` = stdin) or \
            BIOMETRID_SECRET, and never prompts.\n\n\
            The file (--config, BIOMETRID_CONFIG, or <config dir>/biometrid/config.toml) is \
            written atomically with mode 0600, in a directory created with mode 0700; other \
            profiles, keys and comments are kept. The profile is --profile, \
            BIOMETRID_PROFILE, or `default`.",
        after_help = CONFIGURE_AFTER_HELP
    )]
    Configure(ConfigureArgs),

    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_AFTER_HELP)]
    Completions(CompletionsArgs),

    /// Run a local emulator of the API, for trying the tool and testing scripts
    Sandbox(SandboxArgs),
}

#[derive(Debug, Args)]
pub struct ConfigureArgs {
    /// Never prompt, even on a terminal: take --key (or BIOMETRID_KEY) and the secret
    /// from --secret-file or BIOMETRID_SECRET
    #[arg(long)]
    pub no_input: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    // Filled in by the sandbox command (issue 5).
}

#[derive(Debug, Args)]
pub struct RestartStateArgs {
    /// User IDs to restart; `-` reads IDs from stdin, one per line
    #[arg(value_name = "USER_ID", required_unless_present = "from_file")]
    pub user_ids: Vec<String>,

    /// Read user IDs from PATH, one per line (blank lines and # comments skipped)
    #[arg(long, value_name = "PATH")]
    pub from_file: Option<PathBuf>,

    /// Requests in flight at once, 1 to 64
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,

    /// Count USERID_NOT_EXISTS as success (idempotent cleanup)
    #[arg(long)]
    pub ignore_missing: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Each resolved setting with its value and source (the secret masked)
    #[command(after_help = CONFIG_SHOW_AFTER_HELP)]
    Show,
    /// The config file that would be used
    #[command(after_help = CONFIG_PATH_AFTER_HELP)]
    Path,
}

const TOP_AFTER_HELP: &str = "\
Examples:
  biometrid restart-state 59147e5afdda9b0ac0f5e31f
  biometrid restart-state --from-file ids.txt
  biometrid restart-state --json 59147e5afdda9b0ac0f5e31f | jq -r .message
  biometrid restart-state --ignore-missing --quiet \"$TEST_USER\"   # CI cleanup step
  biometrid --profile staging restart-state 59147e5afdda9b0ac0f5e31f
  biometrid configure                 # save key and secret (prompts)
  biometrid config show               # the settings in effect, and where each came from

Credentials come from flags, BIOMETRID_* environment variables or the config file; see
`biometrid config show`. Exit codes: `biometrid restart-state --help`.";

const CONFIG_AFTER_HELP: &str = "\
Examples:
  biometrid config show
  biometrid config show --profile staging
  biometrid config show --json | jq -r .key.source
  biometrid config path";

const CONFIG_SHOW_AFTER_HELP: &str = "\
Each setting is shown with its source: flag, env NAME, file PATH [profile] or default.
The secret is masked: at most its last 4 characters show, none when it is shorter than 12.

Examples:
  biometrid config show
  biometrid config show --profile staging
  BIOMETRID_PROFILE=ci biometrid config show
  biometrid config show --json | jq -r .key.source       # e.g. \"env BIOMETRID_KEY\"";

const CONFIG_PATH_AFTER_HELP: &str = "\
Examples:
  biometrid config path
  \"${EDITOR:-vi}\" \"$(biometrid config path)\"
  BIOMETRID_CONFIG=./ci.toml biometrid config path";

const CONFIGURE_AFTER_HELP: &str = "\
Examples:
  biometrid configure                       # prompts for key and secret
  biometrid configure --profile staging --base-url https://biometrid.staging.example
  # CI step: no prompt, the secret from the environment
  BIOMETRID_SECRET=\"$SECRET\" biometrid configure --no-input --profile ci --key \"$KEY\"
  # or from stdin
  printf '%s\\n' \"$SECRET\" | biometrid configure --no-input --key \"$KEY\" --secret-file -
  # then
  biometrid --profile staging restart-state 59147e5afdda9b0ac0f5e31f";

const COMPLETIONS_AFTER_HELP: &str = "\
Examples:
  biometrid completions bash > ~/.local/share/bash-completion/completions/biometrid
  biometrid completions zsh > ~/.zfunc/_biometrid    # with fpath+=(~/.zfunc) before compinit
  biometrid completions fish > ~/.config/fish/completions/biometrid.fish
  biometrid completions powershell | Out-String | Invoke-Expression    # in $PROFILE
  eval (biometrid completions elvish | slurp)          # in ~/.config/elvish/rc.elv";

fn parse_seconds(s: &str) -> Result<f64, String> {
    crate::settings::parse_seconds(s)
}

fn restart_state_after_help() -> String {
    let mut text = String::from(
        "Examples:\n  \
         biometrid restart-state 59147e5afdda9b0ac0f5e31f\n  \
         biometrid restart-state --from-file ids.txt --concurrency 16\n  \
         grep -v '^#' users.txt | biometrid restart-state -\n  \
         biometrid restart-state --json 59147e5afdda9b0ac0f5e31f | jq -r .message\n  \
         biometrid restart-state --ignore-missing --quiet \"$TEST_USER\"   # CI cleanup\n  \
         biometrid --profile staging restart-state 59147e5afdda9b0ac0f5e31f\n\n\
         Exit codes:\n",
    );
    for (code, meaning) in Exit::TABLE {
        text.push_str(&format!("  {:>3}  {meaning}\n", code.code()));
    }
    text.push_str(
        "\nWith several IDs the exit code is that of the first failed ID in input order.",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
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

    #[test]
    fn help_lists_exit_codes() {
        let help = restart_state_after_help();
        assert!(help.contains("130  interrupted"));
        assert!(help.contains("  7  USERID_NOT_EXISTS"));
    }
}
