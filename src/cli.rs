//! The command line, as clap definitions. Parsing only: no I/O and no defaults
//! from the environment here (settings.rs resolves those, with their sources).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::parse::{RateLimit, parse_delay, parse_rate_limit, parse_seconds, parse_share};

/// The parsed command line. `Ops` are the operations' commands, first in
/// help (restart-state first); they come from their registry (`ops::REGISTRY`).
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
pub struct Cli<Ops: Subcommand> {
    #[command(flatten)]
    pub global: GlobalOpts,

    #[command(subcommand)]
    pub command: Command<Ops>,
}

/// The global options (by clap id) that `sandbox` refuses, or with `exec` that
/// `sandbox exec` refuses, as `commands::sandbox` does (a test there keeps the
/// two the same): their help leaves them out (`ops::command`).
pub fn sandbox_refused_globals(exec: bool) -> &'static [&'static str] {
    // Those the sandbox sets for CMD or that never apply, then those `sandbox
    // exec` passes on to CMD.
    const CLIENT_SETTINGS: [&str; 12] = [
        "key",
        "secret",
        "secret_file",
        "base_url",
        "cacert",
        "allow_insecure_http",
        "timeout",
        "connect_timeout",
        "retries",
        "rate",
        "profile",
        "config",
    ];
    match exec {
        true => &CLIENT_SETTINGS[..6],
        false => &CLIENT_SETTINGS,
    }
}

/// The heading of the global options in `biometrid --help`, so that they stand
/// apart; a command's help names them under the same heading, in a few lines
/// (`ops::command`).
const GLOBAL: &str = "Global options";

/// Options that may stand before or after the subcommand.
#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = GLOBAL)]
pub struct GlobalOpts {
    /// Client key [env: BIOMETRID_KEY]
    #[arg(long, global = true, value_name = "KEY")]
    pub key: Option<String>,

    /// Client secret (visible in the process list: prefer --secret-file or the environment) [env: BIOMETRID_SECRET]
    // A secret may start with `-`: taken as the value, never reported as an unknown flag.
    #[arg(long, global = true, allow_hyphen_values = true, value_name = "SECRET")]
    pub secret: Option<String>,

    /// Read the secret from the first line of PATH (`-` = stdin)
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "secret")]
    pub secret_file: Option<PathBuf>,

    /// Profile of the config file to use [env: BIOMETRID_PROFILE] [default: default]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Config file [env: BIOMETRID_CONFIG] [default: <config dir>/biometrid/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// API base URL [env: BIOMETRID_BASE_URL] [default: https://api.biometrid.com]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Timeout of each attempt: seconds or with a unit (500ms, 1.5s, 2m) [env: BIOMETRID_TIMEOUT] [default: 30]
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_seconds)]
    pub timeout: Option<f64>,

    /// Time to establish a connection (TCP and TLS) in each attempt: seconds or with a unit [env: BIOMETRID_CONNECT_TIMEOUT] [default: 10]
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_seconds)]
    pub connect_timeout: Option<f64>,

    /// At most this many attempts (retries included), evenly spaced: N/s, N/m, N/h or N per second; `unlimited` turns off a rate set elsewhere [env: BIOMETRID_RATE] [default: unlimited]
    #[arg(long, global = true, value_name = "RATE", value_parser = parse_rate_limit)]
    pub rate: Option<RateLimit>,

    /// Retries after the first attempt, 0 to 10 [env: BIOMETRID_RETRIES] [default: 2]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: Option<u32>,

    /// Also trust the CA certificates in this PEM file
    #[arg(long, global = true, value_name = "PATH")]
    pub cacert: Option<PathBuf>,

    /// Allow an http:// base URL that is not loopback (sends the secret in clear text)
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,

    /// JSON on stdout instead of text, one object per line (restart-state: one per USER_ID)
    #[arg(long, global = true, conflicts_with = "quiet")]
    pub json: bool,

    /// Nothing on stdout on success; errors still go to stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Show requests, statuses, timing and attempts on stderr (the secret as ***)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// When to use color
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
}

impl GlobalOpts {
    /// `biometrid` with the `--config` and `--profile` given on this command line,
    /// for a hint that names a command: what it suggests reads the same file and
    /// profile (a setting from the environment is there for it anyway).
    pub fn invocation(&self) -> String {
        let mut line = String::from("biometrid");
        if let Some(config) = &self.config {
            line.push_str(" --config ");
            line.push_str(&crate::sanitize::shell_path(config));
        }
        if let Some(profile) = &self.profile {
            line.push_str(" --profile ");
            line.push_str(&crate::sanitize::shell_word(&crate::sanitize::escape(
                profile,
            )));
        }
        // A plain-http base URL this run was allowed is refused without it.
        if self.allow_insecure_http {
            line.push_str(" --allow-insecure-http");
        }
        line
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command<Ops: Subcommand> {
    /// An operation (restart-state, enroll-status, ...).
    #[command(flatten)]
    Operation(Ops),

    /// Show, check and change the settings in effect and where each came from
    #[command(subcommand, after_help = CONFIG_AFTER_HELP)]
    Config(ConfigCommand),

    /// Write a profile of the config file (prompts on a terminal)
    #[command(
        long_about = "Write a profile of the config file: the client key and secret, and \
            --base-url, --timeout, --connect-timeout, --retries and --rate when given.\n\n\
            On a terminal it prompts for the key and the secret (the secret hidden; Enter \
            keeps the current value). Otherwise, or with --no-input, it takes --key (or \
            BIOMETRID_KEY) and the secret from --secret-file (`-` = stdin) or \
            BIOMETRID_SECRET, and never prompts; a key or secret the profile already has \
            is kept when none is given.\n\n\
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

/// `biometrid sandbox [OPTIONS]` and `biometrid sandbox exec [OPTIONS] [--] CMD...`.
#[derive(Debug, Args)]
#[command(
    after_help = SANDBOX_AFTER_HELP,
    after_long_help = format!("{SANDBOX_AFTER_HELP}\n\n{}", biometrid_sandbox::SCENARIO_FORMAT)
)]
pub struct SandboxArgs {
    #[command(subcommand)]
    pub command: Option<SandboxCommand>,

    /// Port to listen on; 0 picks a free one [default: 8765; `exec`: a free one]
    #[arg(long, global = true, value_name = "PORT", help_heading = "Listening")]
    pub port: Option<u16>,

    /// Address to listen on: an IP (or `localhost`), or IP:PORT. Anything but loopback
    /// makes the sandbox reachable from other machines [default: 127.0.0.1]
    #[arg(long, value_name = "ADDR", help_heading = "Listening")]
    pub listen: Option<String>,

    /// Boxed: it would make `Command` much larger than its other variants.
    #[command(flatten)]
    pub scenario: Box<SandboxScenarioOpts>,
}

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Start a sandbox on a loopback port, run CMD against it, stop it, exit with CMD's code
    #[command(after_help = SANDBOX_EXEC_AFTER_HELP, after_long_help = SANDBOX_EXEC_AFTER_HELP)]
    Exec(SandboxExecArgs),
}

#[derive(Debug, Args)]
pub struct SandboxExecArgs {
    /// The command and its arguments; it gets BIOMETRID_BASE_URL, BIOMETRID_KEY and
    /// BIOMETRID_SECRET for the sandbox
    #[arg(
        value_name = "CMD",
        required = true,
        num_args = 1..,
        trailing_var_arg = true
    )]
    pub command: Vec<std::ffi::OsString>,
}

/// The sandbox's behaviour. Global to `sandbox` so they may also follow `exec`.
/// Flags win over the scenario file.
#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = "Scenario")]
pub struct SandboxScenarioOpts {
    /// TOML scenario file with the knobs below (flags given as well win over it)
    #[arg(long, global = true, value_name = "FILE")]
    pub scenario: Option<PathBuf>,

    /// Accept this key/secret pair instead of the demo pair (repeatable)
    // KEY:SECRET may start with `-`: taken as the value, never reported as an unknown flag.
    #[arg(
        long = "client",
        global = true,
        allow_hyphen_values = true,
        value_name = "KEY:SECRET"
    )]
    pub clients: Vec<String>,

    /// Only this user ID exists (repeatable) [default: every ID not starting with the missing prefix]
    #[arg(long = "user", global = true, value_name = "ID")]
    pub users: Vec<String>,

    /// IDs starting with this do not exist (USERID_NOT_EXISTS); "" = every ID exists [default: missing]
    #[arg(long, global = true, value_name = "PREFIX", conflicts_with = "users")]
    pub missing_prefix: Option<String>,

    /// Requests with valid credentials served before every later one gets 402 REQUEST_LIMIT_REACHED
    #[arg(long, global = true, value_name = "N")]
    pub quota: Option<u64>,

    /// Answer the first N tries of each ID with 500 PROBLEM_OCURRED_REPEAT_REQUEST
    #[arg(long, global = true, value_name = "N")]
    pub fail_first: Option<u32>,

    /// Share of tries answered with 500 PROBLEM_OCURRED_REPEAT_REQUEST, 0.0 to 1.0
    #[arg(long, global = true, value_name = "RATE", value_parser = parse_share)]
    pub failure_rate: Option<f64>,

    /// Seed of the failure rate and the jitter: the same seed fails the same tries [default: 0]
    #[arg(long, global = true, value_name = "N")]
    pub seed: Option<u64>,

    /// Added to every reply: seconds, or with a unit (250ms, 1.5s)
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_delay)]
    pub latency: Option<std::time::Duration>,

    /// A random extra delay, up to this much (same format as --latency)
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_delay)]
    pub jitter: Option<std::time::Duration>,

    /// Always answer ID (`*` = every ID) with this documented message (repeatable)
    #[arg(long = "reply", global = true, value_name = "ID=MESSAGE")]
    pub replies: Vec<String>,

    /// Append one JSON line per request to FILE (never the secret)
    #[arg(long, global = true, value_name = "FILE")]
    pub log: Option<PathBuf>,

    /// User ID is enrolled in these engines (face, voice) (repeatable)
    #[arg(long = "enrolled", global = true, value_name = "ID=TYPE,...")]
    pub enrolled: Vec<String>,

    /// User ID has this pending voice dialogue and prompt code (repeatable)
    #[arg(long = "pending", global = true, value_name = "ID=DIALOGUE:PROMPT")]
    pub pending: Vec<String>,

    /// The device with this MAC address belongs to user ID (repeatable)
    #[arg(long = "device", global = true, value_name = "MAC=ID")]
    pub devices: Vec<String>,

    /// Users created during the run get a pending dialogue with this prompt code
    #[arg(long, global = true, value_name = "PROMPT")]
    pub pending_on_create: Option<String>,
}

const SANDBOX_AFTER_HELP: &str = "\
The sandbox answers as the BiometrID API documents, with no account and no quota
spent. It accepts the demo pair key `demo-key`, secret `demo-secret` (unless --client
is given), and every user ID exists except those starting with `missing`.
Besides the endpoints the commands speak, it emulates face enrolment by a photo's
bytes (POST /api/1.1/users/{id}/dialogue/enroll/face, a multipart `photo`: a JPEG or
PNG of at most 1 MiB), find-by-face (POST /api/1.0/users/find-by-face) and the face and
voice cleanup endpoints, with state. Every other documented route answers 501.

Examples:
  biometrid sandbox                       # serve on http://127.0.0.1:8765 until Ctrl-C
  biometrid sandbox --port 0 --json       # a free port; one JSON line with the URL
  biometrid sandbox exec -- biometrid restart-state 59147e5afdda9b0ac0f5e31f
  biometrid sandbox exec --fail-first 1 -- ./cleanup.sh
  biometrid sandbox exec --reply '*=REQUEST_LIMIT_REACHED' -- ./cleanup.sh

Of the global options the sandbox itself uses --json (one line with the URL, for
scripts), -v (one line per request on stderr) and --color. Client settings (--key,
--timeout, --profile, ...) are refused here; `sandbox exec --help` says which of them
it passes on to CMD.

Exit codes: 0 stopped by Ctrl-C or SIGTERM, 2 usage error, 3 cannot listen on the
address or bad scenario or log file. `sandbox exec` exits with CMD's code.";

const SANDBOX_EXEC_AFTER_HELP: &str = "\
Exit codes: CMD's exit code; 128+N when CMD was killed by signal N; 127 CMD not
found; 126 CMD found but could not be run; 2 usage error; 3 bad scenario or log file.
SIGINT (Ctrl-C), SIGTERM and SIGHUP are passed on to CMD; the sandbox stops once CMD
has ended.

Client settings: --timeout, --connect-timeout, --retries, --rate, --profile and
--config are passed on to CMD as BIOMETRID_TIMEOUT, BIOMETRID_CONNECT_TIMEOUT,
BIOMETRID_RETRIES, BIOMETRID_RATE, BIOMETRID_PROFILE and BIOMETRID_CONFIG.
--key, --secret, --secret-file and --base-url are refused (exit 2): the sandbox sets
BIOMETRID_KEY, BIOMETRID_SECRET and BIOMETRID_BASE_URL itself; use --client KEY:SECRET
to choose the pair it accepts. --cacert and --allow-insecure-http do not apply.

It listens on a free loopback port, or on --port N: the same base URL in every run,
so a journal written against the sandbox can be resumed against it.

Examples:
  biometrid sandbox exec --quota 100 --log requests.jsonl -- ./cleanup.sh
  biometrid sandbox exec --port 8766 --rate 10/s -- ./cleanup.sh";

/// What every per-user command (restart-state, enroll-status, pending-dialogue,
/// delete-user) takes: the IDs and the batch runner's options.
#[derive(Debug, Args)]
pub struct PerUserArgs {
    /// User IDs; `-` reads IDs from stdin, one per line
    #[arg(value_name = "USER_ID", required_unless_present = "from_file")]
    pub user_ids: Vec<String>,

    /// Read user IDs from PATH (`-`: stdin), one per line (blank lines and # comments skipped)
    #[arg(long, value_name = "PATH")]
    pub from_file: Option<PathBuf>,

    #[command(flatten)]
    pub batch: BatchArgs,
}

/// The batch runner's options, flattened into every per-user command.
#[derive(Debug, Args, Clone, Default)]
pub struct BatchArgs {
    /// Requests in flight at once, 1 to 64
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,

    /// Count USERID_NOT_EXISTS as success (idempotent cleanup)
    #[arg(long)]
    pub ignore_missing: bool,

    /// Stop after N IDs have failed: the rest are SKIPPED [default: no limit]
    #[arg(long, value_name = "N", value_parser = crate::parse::parse_max_failures)]
    pub max_failures: Option<u64>,

    /// Record each finished ID in FILE (JSON Lines, mode 0600), for --resume
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,

    /// Skip the IDs the journal records as done (needs --journal; a missing journal starts a new one)
    #[arg(long, requires = "journal")]
    pub resume: bool,

    /// Print the request each ID would get (method and URL; -v: headers), send nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Each resolved setting with its value and source (the secret masked)
    #[command(after_help = CONFIG_SHOW_AFTER_HELP)]
    Show,
    /// The config file that would be used
    #[command(after_help = CONFIG_PATH_AFTER_HELP)]
    Path,
    /// Check that the key and secret work: one harmless request (spends one of the quota)
    #[command(after_help = CONFIG_CHECK_AFTER_HELP)]
    Check,
    /// Set one setting of a profile (not the secret), without prompts
    #[command(after_help = CONFIG_SET_AFTER_HELP)]
    Set {
        /// key, base_url, timeout, connect_timeout, retries or rate
        #[arg(value_name = "KEY")]
        key: String,
        /// The value, checked as the flag of the same name is
        #[arg(value_name = "VALUE")]
        value: String,
    },
    /// Remove one setting from a profile
    #[command(after_help = CONFIG_SET_AFTER_HELP)]
    Unset {
        /// key, secret, base_url, timeout, connect_timeout, retries or rate
        #[arg(value_name = "KEY")]
        key: String,
    },
    /// The profile names of the config file, one per line (for shell completion;
    /// nothing when there is no file)
    #[command(hide = true)]
    Profiles,
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
  biometrid config check              # do the key and secret work? (one request)
  biometrid config set timeout 10 --profile staging
  biometrid config path";

const CONFIG_SHOW_AFTER_HELP: &str = "\
Each setting is shown with its source: flag, env NAME, file PATH [profile] or default.
The secret is masked: at most its last 4 characters show, none when it is shorter than 12.
With --json it prints one object: each setting as {\"value\", \"source\", \"kind\", ...}.

Examples:
  biometrid config show
  biometrid config show --profile staging
  BIOMETRID_PROFILE=ci biometrid config show
  biometrid config show --json | jq -r .key.source       # e.g. \"env BIOMETRID_KEY\"";

const CONFIG_CHECK_AFTER_HELP: &str = "\
Resolves every setting (as `config show`), then sends one harmless request: the enroll
status of an ID that cannot exist (biometrid-config-check-<random hex>). It prints the
base URL and its source, the key's first characters and fingerprint, the secret's
source, the proxy in use, TLS or plain HTTP, and the round trip. It spends one request
of the client's quota.

Exit codes: 0 the key and secret were accepted (USERID_NOT_EXISTS, as expected);
otherwise the reply's own: 4, 5, 6, 8, 9, 10 (network), 11 (timeout), 12 (not the API's
reply), with what to do on stderr; 3 when settings or credentials are missing.

Examples:
  biometrid config check
  biometrid --profile staging config check
  biometrid config check --json | jq .round_trip_ms";

const CONFIG_SET_AFTER_HELP: &str = "\
The profile is --profile, BIOMETRID_PROFILE or `default`; the file is --config,
BIOMETRID_CONFIG or the default path. The file is written as `configure` writes it:
under a lock, atomically, mode 0600, other profiles, keys and comments kept. A file
that is not TOML, or an error in the profile changed, is not rewritten (exit 3); an
error in another profile is a warning. An invalid value is exit 2. The secret is
not set here (it would be visible in the process list): use `configure`.

Examples:
  biometrid config set timeout 10 --profile staging
  biometrid config set base_url https://biometrid.staging.example --profile staging
  biometrid config set rate 10/s
  biometrid config unset rate";

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
  mkdir -p ~/.local/share/bash-completion/completions
  biometrid completions bash > ~/.local/share/bash-completion/completions/biometrid
  mkdir -p ~/.zfunc     # and fpath+=(~/.zfunc) before compinit in ~/.zshrc
  biometrid completions zsh > ~/.zfunc/_biometrid
  mkdir -p ~/.config/fish/completions
  biometrid completions fish > ~/.config/fish/completions/biometrid.fish
  biometrid completions powershell | Out-String | Invoke-Expression    # in $PROFILE
  eval (biometrid completions elvish | slurp)          # in ~/.config/elvish/rc.elv

In bash, zsh and fish, `--profile <TAB>` offers the profiles of the config file.";
