//! Settings from the outside: per-setting precedence (flag > `--profile` flag's
//! profile > environment > `BIOMETRID_PROFILE`/`default` profile > built-in
//! default), --secret-file, config file location and errors, missing credentials
//! and the config file permission warning. Each winner is observed through what
//! the sandbox received, never through the tool's own report of it.

use crate::util::*;

use std::path::Path;
use std::process::{Command, Output};

/// A secret distinctive enough that finding it in any output is a leak.
const LEAKY_SECRET: &str = "Qv7-PRECEDENCE-Secret-Wombat-2231";

// ---------------------------------------------------------------- helpers

fn write_config_mode(path: &Path, text: &str, mode: u32) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    set_mode(path, mode);
}

// ------------------------------------------------------------- precedence

/// Where a setting's value can come from, highest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// `--key`, `--secret`, `--base-url`, `--timeout`, `--retries`.
    Flag,
    /// Profile `[fp]`, chosen with `--profile fp`.
    FlagProfile,
    /// `BIOMETRID_*`.
    Env,
    /// Profile `[ep]`, chosen with `BIOMETRID_PROFILE=ep`.
    EnvProfile,
    /// Profile `[default]`.
    DefaultProfile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setting {
    Key,
    Secret,
    BaseUrl,
    Timeout,
    Retries,
}

impl Setting {
    fn flag(self) -> &'static str {
        match self {
            Setting::Key => "--key",
            Setting::Secret => "--secret",
            Setting::BaseUrl => "--base-url",
            Setting::Timeout => "--timeout",
            Setting::Retries => "--retries",
        }
    }

    fn env(self) -> &'static str {
        match self {
            Setting::Key => "BIOMETRID_KEY",
            Setting::Secret => "BIOMETRID_SECRET",
            Setting::BaseUrl => "BIOMETRID_BASE_URL",
            Setting::Timeout => "BIOMETRID_TIMEOUT",
            Setting::Retries => "BIOMETRID_RETRIES",
        }
    }

    fn config_key(self) -> &'static str {
        match self {
            Setting::Key => "key",
            Setting::Secret => "secret",
            Setting::BaseUrl => "base_url",
            Setting::Timeout => "timeout",
            Setting::Retries => "retries",
        }
    }

    fn quoted(self) -> bool {
        matches!(self, Setting::Key | Setting::Secret | Setting::BaseUrl)
    }
}

/// One precedence case: which levels hold a value, how the profile is chosen,
/// and which level must win.
struct Case {
    levels: &'static [Level],
    profile_flag: bool,
    profile_env: bool,
    winner: Level,
}

/// Run one case for one setting and check, through the sandbox, that the winner's value was used.
fn check(setting: Setting, case: &Case) {
    let env = Env::new();
    let main = server(scenario(setting, case));
    // Base URL: one server per level, and a separate one (main) for the other settings.
    let mut servers: Vec<(Level, Running)> = Vec::new();
    if setting == Setting::BaseUrl {
        for l in case.levels {
            servers.push((*l, server(Scenario::default())));
        }
    }
    let config = config_text(setting, case, &servers);
    if !config.is_empty() {
        env.write_config(&config);
    }
    let o = command(&env, setting, case, &main, &servers).run();
    assert_the_winner_was_used(setting, case, &o, &main, &servers);
    assert_no_secret(&o, "zqsec-");
}

fn tag(l: Level) -> String {
    format!("{l:?}").to_lowercase()
}

/// The value level `l` gives the setting.
fn value(setting: Setting, case: &Case, l: Level, servers: &[(Level, Running)]) -> String {
    let winner = l == case.winner;
    match setting {
        Setting::Key => format!("key-{}", tag(l)),
        Setting::Secret => format!("zqsec-{}", tag(l)),
        Setting::BaseUrl => servers
            .iter()
            .find(|(sl, _)| *sl == l)
            .map(|(_, s)| s.base_url())
            .unwrap(),
        // The winner's timeout is shorter than the sandbox's delay; every other is longer.
        Setting::Timeout if winner => "0.25".into(),
        Setting::Timeout => "30".into(),
        Setting::Retries if winner => "1".into(),
        Setting::Retries => "4".into(),
    }
}

/// The main server's scenario: one under which only the winner's value gives the expected result.
fn scenario(setting: Setting, case: &Case) -> Scenario {
    let mut s = Scenario::default();
    match setting {
        Setting::Key => {
            // Every level's key is a client (same secret): the key sent shows the winner.
            s.clients = case
                .levels
                .iter()
                .map(|l| (format!("key-{}", tag(*l)), SECRET.to_string()))
                .collect();
        }
        Setting::Secret => {
            // Only the winner's secret is accepted.
            s.clients = vec![(KEY.into(), format!("zqsec-{}", tag(case.winner)))];
        }
        Setting::BaseUrl => {}
        Setting::Timeout => {
            let mut r = message_rule("*", "STATE_RESTARTED_WITH_SUCCESS");
            r.delay_ms = 1_500;
            s.rules.push(r);
        }
        Setting::Retries => {
            let mut r = message_rule("*", "PROBLEM_OCURRED_REPEAT_REQUEST");
            r.headers = vec![("Retry-After".into(), "0".into())];
            s.rules.push(r);
        }
    }
    s
}

/// The config file: [fp], [ep] and [default] as the case needs them.
fn config_text(setting: Setting, case: &Case, servers: &[(Level, Running)]) -> String {
    let mut config = String::new();
    for (level, name, needed) in [
        (Level::FlagProfile, "fp", case.profile_flag),
        (Level::EnvProfile, "ep", case.profile_env),
        (Level::DefaultProfile, "default", false),
    ] {
        let has = case.levels.contains(&level);
        if has || needed {
            config.push_str(&format!("[{name}]\n"));
        }
        if has {
            let v = value(setting, case, level, servers);
            if setting.quoted() {
                config.push_str(&format!("{} = \"{v}\"\n", setting.config_key()));
            } else {
                config.push_str(&format!("{} = {v}\n", setting.config_key()));
            }
        }
    }
    config
}

/// The run, with the setting at the case's levels and everything else from the environment.
fn command(
    env: &Env,
    setting: Setting,
    case: &Case,
    main: &Running,
    servers: &[(Level, Running)],
) -> Command {
    let mut c = env.cmd();
    for (s, v) in [
        (Setting::Key, KEY.to_string()),
        (Setting::Secret, SECRET.to_string()),
        (Setting::BaseUrl, main.base_url()),
        (Setting::Retries, "0".to_string()),
    ] {
        if s != setting {
            c.env(s.env(), v);
        }
    }
    if case.levels.contains(&Level::Env) {
        c.env(setting.env(), value(setting, case, Level::Env, servers));
    }
    if case.profile_env {
        c.env("BIOMETRID_PROFILE", "ep");
    }
    if case.profile_flag {
        c.args(["--profile", "fp"]);
    }
    if case.levels.contains(&Level::Flag) {
        c.args([setting.flag(), &value(setting, case, Level::Flag, servers)]);
    }
    c.args(["--json", "restart-state", "probe-user"]);
    c
}

fn assert_the_winner_was_used(
    setting: Setting,
    case: &Case,
    o: &Output,
    main: &Running,
    servers: &[(Level, Running)],
) {
    let what = format!(
        "{setting:?}, levels {:?}, winner {:?}",
        case.levels, case.winner
    );
    match setting {
        Setting::Key => {
            o.assert_exit_ctx(0, format_args!("{what}"));
            let recs = records(main);
            assert_eq!(recs.len(), 1, "{what}");
            assert_eq!(
                recs[0].key.as_deref(),
                Some(format!("key-{}", tag(case.winner)).as_str()),
                "{what}"
            );
        }
        Setting::Secret => {
            o.assert_exit_ctx(
                0,
                format_args!("{what}: the winner's secret was not the one sent"),
            );
            assert!(records(main)[0].credentials_valid, "{what}");
        }
        Setting::BaseUrl => {
            o.assert_exit_ctx(0, format_args!("{what}"));
            for (l, s) in servers {
                let expected = u64::from(*l == case.winner);
                assert_eq!(requests(s), expected, "{what}: server of {l:?}");
            }
            assert_eq!(requests(main), 0, "{what}");
        }
        Setting::Timeout => {
            o.assert_exit_ctx(
                11,
                format_args!("{what}: the winner's 0.25 s timeout was not applied"),
            );
        }
        Setting::Retries => {
            o.assert_exit_ctx(9, format_args!("{what}"));
            assert_eq!(
                requests(main),
                2,
                "{what}: the winner's 1 retry means 2 requests"
            );
        }
    }
}

const CASES: [(&str, Case); 8] = [
    (
        "flag beats the --profile flag's profile",
        Case {
            levels: &[
                Level::Flag,
                Level::FlagProfile,
                Level::Env,
                Level::DefaultProfile,
            ],
            profile_flag: true,
            profile_env: false,
            winner: Level::Flag,
        },
    ),
    (
        "flag beats environment",
        Case {
            levels: &[Level::Flag, Level::Env, Level::DefaultProfile],
            profile_flag: false,
            profile_env: false,
            winner: Level::Flag,
        },
    ),
    (
        "the --profile flag's profile beats the environment",
        Case {
            levels: &[Level::FlagProfile, Level::Env, Level::DefaultProfile],
            profile_flag: true,
            profile_env: false,
            winner: Level::FlagProfile,
        },
    ),
    (
        "--profile's profile without the setting falls back to the environment",
        Case {
            levels: &[Level::Env, Level::DefaultProfile],
            profile_flag: true,
            profile_env: false,
            winner: Level::Env,
        },
    ),
    (
        "environment beats the BIOMETRID_PROFILE profile",
        Case {
            levels: &[Level::Env, Level::EnvProfile, Level::DefaultProfile],
            profile_flag: false,
            profile_env: true,
            winner: Level::Env,
        },
    ),
    (
        "environment beats the default profile",
        Case {
            levels: &[Level::Env, Level::DefaultProfile],
            profile_flag: false,
            profile_env: false,
            winner: Level::Env,
        },
    ),
    (
        "BIOMETRID_PROFILE chooses its profile over [default]",
        Case {
            levels: &[Level::EnvProfile, Level::DefaultProfile],
            profile_flag: false,
            profile_env: true,
            winner: Level::EnvProfile,
        },
    ),
    (
        "the default profile beats the built-in default",
        Case {
            levels: &[Level::DefaultProfile],
            profile_flag: false,
            profile_env: false,
            winner: Level::DefaultProfile,
        },
    ),
];

macro_rules! precedence_tests {
    ($($name:ident => $setting:expr),* $(,)?) => {$(
        mod $name {
            use super::*;
            #[test] fn flag_beats_flag_profile() { check($setting, &CASES[0].1) }
            #[test] fn flag_beats_env() { check($setting, &CASES[1].1) }
            #[test] fn flag_profile_beats_env() { check($setting, &CASES[2].1) }
            #[test] fn flag_profile_without_it_falls_back_to_env() { check($setting, &CASES[3].1) }
            #[test] fn env_beats_env_profile() { check($setting, &CASES[4].1) }
            #[test] fn env_beats_default_profile() { check($setting, &CASES[5].1) }
            #[test] fn env_profile_beats_default_profile() { check($setting, &CASES[6].1) }
            #[test] fn default_profile_beats_builtin() { check($setting, &CASES[7].1) }
        }
    )*};
}

precedence_tests! {
    key => Setting::Key,
    secret => Setting::Secret,
    base_url => Setting::BaseUrl,
    timeout => Setting::Timeout,
    retries => Setting::Retries,
}

#[test]
fn precedence_cases_are_named() {
    // Keeps the table and the generated names in step.
    assert_eq!(CASES.len(), 8);
    assert!(
        CASES
            .iter()
            .all(|(name, c)| !name.is_empty() && !c.levels.is_empty())
    );
}

#[test]
fn profile_flag_beats_biometrid_profile() {
    let s = server(Scenario {
        clients: vec![
            ("key-fp".into(), SECRET.into()),
            ("key-ep".into(), SECRET.into()),
        ],
        ..Scenario::default()
    });
    let env = Env::new();
    env.write_config("[fp]\nkey = \"key-fp\"\n[ep]\nkey = \"key-ep\"\n");
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_KEY")
        .env("BIOMETRID_PROFILE", "ep")
        .args(["--profile", "fp", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(records(&s)[0].key.as_deref(), Some("key-fp"));
}

// ------------------------------------------------------- built-in defaults

#[test]
fn builtin_retries_default_is_two() {
    let mut r = message_rule("*", "PROBLEM_OCURRED_REPEAT_REQUEST");
    r.headers = vec![("Retry-After".into(), "0".into())];
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_RETRIES")
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(9);
    assert_eq!(requests(&s), 3);
}

#[test]
fn builtin_base_url_and_timeout_defaults() {
    // Read through `config show --json`: the built-in base URL is never contacted by a test.
    let env = Env::new();
    let mut c = env.cmd();
    c.env("BIOMETRID_KEY", KEY)
        .env("BIOMETRID_SECRET", SECRET)
        .args(["--json", "config", "show"]);
    let o = c.run();
    o.assert_exit(0);
    let v: serde_json::Value = serde_json::from_str(o.stdout().trim()).unwrap();
    let base = v["base_url"]["value"].as_str().unwrap();
    assert!(
        base.trim_end_matches('/') == "https://api.biometrid.com",
        "{v}"
    );
    assert_eq!(v["base_url"]["source"], "default", "{v}");
    // As a number or as text: only the value is this test's business.
    let number = |field: &str| -> f64 {
        let x = &v[field]["value"];
        x.as_f64()
            .or_else(|| x.as_str().and_then(|t| t.parse().ok()))
            .unwrap_or_else(|| panic!("{field}: {v}"))
    };
    assert_eq!(number("timeout"), 30.0, "{v}");
    assert_eq!(number("retries"), 2.0, "{v}");
    assert_eq!(v["timeout"]["source"], "default", "{v}");
    assert_no_secret(&o, SECRET);
}

#[test]
fn builtin_timeout_is_not_short() {
    // No timeout anywhere: a reply after 1.2 s is still waited for.
    let mut r = message_rule("*", "STATE_RESTARTED_WITH_SUCCESS");
    r.delay_ms = 1_200;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
}

#[test]
fn timeout_from_the_environment_accepts_fractions() {
    let mut r = message_rule("*", "STATE_RESTARTED_WITH_SUCCESS");
    r.delay_ms = 3_000;
    let s = server(scenario_with(vec![r]));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_TIMEOUT", "0.3")
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(11);
}

#[test]
fn invalid_values_in_the_environment_are_configuration_errors() {
    let s = server(Scenario::default());
    for (name, value) in [
        ("BIOMETRID_TIMEOUT", "soon"),
        ("BIOMETRID_TIMEOUT", "-1"),
        ("BIOMETRID_RETRIES", "lots"),
        ("BIOMETRID_RETRIES", "11"),
        ("BIOMETRID_BASE_URL", "not a url"),
    ] {
        let env = Env::new();
        let mut c = env.cmd_for(&s.base_url());
        c.env(name, value).args(["restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(3, format_args!("{name}={value}"));
        assert!(
            o.stderr().contains(name),
            "{name}: names the variable: {}",
            o.stderr()
        );
    }
    assert_eq!(requests(&s), 0);
}

// ------------------------------------------------------------ --secret-file

#[test]
fn secret_file_uses_its_first_line_only() {
    for text in [
        "file-secret\nsecond line\n",
        "file-secret\r\nsecond line\r\n",
        "file-secret\n",
        "file-secret",
    ] {
        let s = server(accepting("file-secret"));
        let env = Env::new();
        let path = env.file("secret.txt", text);
        let mut c = env.cmd_for(&s.base_url());
        c.env_remove("BIOMETRID_SECRET")
            .arg("--secret-file")
            .arg(&path)
            .args(["restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(0, format_args!("{text:?}"));
        assert!(records(&s)[0].credentials_valid, "{text:?}");
        assert_no_secret(&o, "file-secret");
    }
}

#[test]
fn secret_file_dash_reads_stdin() {
    let s = server(accepting("stdin-secret"));
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .args(["--secret-file", "-", "restart-state", "u1"]);
    let o = c.run_with_stdin("stdin-secret\r\nnot this line\n");
    o.assert_exit(0);
    assert!(records(&s)[0].credentials_valid);
}

#[test]
fn secret_file_is_a_flag_and_beats_profile_and_environment() {
    let s = server(accepting("file-secret"));
    let env = Env::new();
    env.write_config("[fp]\nsecret = \"profile-secret\"\n[default]\nsecret = \"default-secret\"\n");
    let path = env.file("secret.txt", "file-secret\n");
    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_SECRET", "env-secret")
        .args(["--profile", "fp", "--secret-file"])
        .arg(&path)
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert!(records(&s)[0].credentials_valid);
}

#[test]
fn unreadable_secret_file_is_a_configuration_error() {
    let s = server(Scenario::default());
    let env = Env::new();
    let path = env.dir.path().join("no-such-secret.txt");
    let mut c = env.cmd_for(&s.base_url());
    c.arg("--secret-file")
        .arg(&path)
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("no-such-secret.txt"), "{}", o.stderr());
    assert_eq!(requests(&s), 0);
}

#[test]
fn secret_and_secret_file_together_are_a_usage_error_without_the_secret() {
    let s = server(Scenario::default());
    let env = Env::new();
    let path = env.file("secret.txt", "x\n");
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--secret", LEAKY_SECRET, "--secret-file"])
        .arg(&path)
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(2);
    assert_no_secret(&o, LEAKY_SECRET);
    assert_eq!(requests(&s), 0);
}

// ---------------------------------------------------------- config location

#[test]
fn missing_default_config_file_is_fine() {
    let s = server(Scenario::default());
    let env = Env::new();
    assert!(!env.config_path().exists());
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert!(!o.stderr().contains("warning"), "{}", o.stderr());
}

#[test]
fn default_config_file_is_read_from_xdg_config_home() {
    let s = server(Scenario::default());
    let env = Env::new();
    env.write_config(&format!(
        "[default]\nkey = \"{KEY}\"\nsecret = \"{SECRET}\"\nbase_url = \"{}\"\n",
        s.base_url()
    ));
    let mut c = env.cmd();
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(requests(&s), 1);
}

#[test]
fn missing_explicit_config_file_is_exit_3() {
    let s = server(Scenario::default());
    let env = Env::new();
    let missing = env.dir.path().join("nowhere").join("biometrid.toml");

    let mut c = env.cmd_for(&s.base_url());
    c.arg("--config")
        .arg(&missing)
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit_ctx(3, "--config");
    assert!(o.stderr().contains("biometrid.toml"), "{}", o.stderr());

    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_CONFIG", &missing)
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit_ctx(3, "BIOMETRID_CONFIG");
    assert!(o.stderr().contains("biometrid.toml"), "{}", o.stderr());

    assert_eq!(requests(&s), 0);
}

#[test]
fn config_flag_beats_biometrid_config_beats_default_path() {
    let s = server(Scenario {
        clients: vec![
            ("key-flag".into(), SECRET.into()),
            ("key-envfile".into(), SECRET.into()),
            ("key-defaultfile".into(), SECRET.into()),
        ],
        ..Scenario::default()
    });
    let env = Env::new();
    env.write_config("[default]\nkey = \"key-defaultfile\"\n");
    let flag_file = env.dir.path().join("flag.toml");
    write_config_mode(&flag_file, "[default]\nkey = \"key-flag\"\n", 0o600);
    let env_file = env.dir.path().join("env.toml");
    write_config_mode(&env_file, "[default]\nkey = \"key-envfile\"\n", 0o600);

    let sent_key = |with_flag: bool, with_env: bool| -> String {
        let before = records(&s).len();
        let mut c = env.cmd_for(&s.base_url());
        c.env_remove("BIOMETRID_KEY");
        if with_env {
            c.env("BIOMETRID_CONFIG", &env_file);
        }
        if with_flag {
            c.arg("--config").arg(&flag_file);
        }
        c.args(["restart-state", "u1"]);
        let o = c.run();
        o.assert_exit(0);
        records(&s)[before].key.clone().unwrap()
    };
    assert_eq!(sent_key(true, true), "key-flag");
    assert_eq!(sent_key(false, true), "key-envfile");
    assert_eq!(sent_key(false, false), "key-defaultfile");
}

// ----------------------------------------------------------- profile errors

#[test]
fn unknown_profile_is_exit_3_naming_it() {
    let s = server(Scenario::default());
    let env = Env::new();
    env.write_config("[default]\nkey = \"k\"\n[staging]\nkey = \"s\"\n");

    let mut c = env.cmd_for(&s.base_url());
    c.args(["--profile", "prodution", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("prodution"), "{}", o.stderr());
    assert!(
        o.stderr().contains("config.toml"),
        "names the file: {}",
        o.stderr()
    );

    let mut c = env.cmd_for(&s.base_url());
    c.env("BIOMETRID_PROFILE", "prodution")
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit_ctx(3, "BIOMETRID_PROFILE");
    assert!(o.stderr().contains("prodution"), "{}", o.stderr());

    assert_eq!(requests(&s), 0);
}

#[test]
fn named_profile_without_any_config_file_is_exit_3() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--profile", "staging", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("staging"), "{}", o.stderr());
    assert_eq!(requests(&s), 0);
}

// ------------------------------------------------------ config file errors

/// A broken default config file: exit 3, nothing sent, the secret never shown.
fn config_error(text: &str) -> String {
    let s = server(Scenario::default());
    let env = Env::new();
    let path = env.write_config(text);
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit_ctx(3, format_args!("{text:?}"));
    assert_eq!(o.stdout(), "", "{text:?}");
    assert_eq!(requests(&s), 0, "{text:?}: nothing is sent");
    assert_no_secret(&o, LEAKY_SECRET);
    let err = o.stderr();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(err.contains(&name), "{text:?}: names the file: {err}");
    err
}

#[test]
fn malformed_toml_names_file_and_line() {
    let err = config_error("[default]\nkey = \"k\"\nthis is not toml\n");
    assert!(err.contains("config.toml:3"), "{err}");
}

#[test]
fn malformed_secret_line_never_shows_the_secret() {
    let err = config_error(&format!(
        "[default]\nkey = \"k\"\nsecret = \"{LEAKY_SECRET}\n"
    ));
    assert!(err.contains("config.toml:3"), "{err}");
}

#[test]
fn unknown_key_is_named_with_file_and_line() {
    let err = config_error(&format!(
        "[default]\nkey = \"k\"\nsecert = \"{LEAKY_SECRET}\"\n"
    ));
    assert!(err.contains("secert"), "{err}");
    assert!(err.contains("config.toml:3"), "{err}");
}

/// Only the profile in use must be valid: a typo in an unused `[staging]` is a
/// warning naming the file, line and key, and the command runs (it was exit 3 for
/// every command, even with everything from the environment).
#[test]
fn an_error_in_an_unused_profile_is_a_warning() {
    let s = server(Scenario::default());
    let env = Env::new();
    env.write_config(&format!(
        "[default]\nkey = \"k\"\nsecret = \"s\"\n\n[staging]\nbase_ulr = \"https://x\"\nsecret = \"{LEAKY_SECRET}\"\n"
    ));
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(requests(&s), 1);
    let err = o.stderr();
    assert!(err.contains("warning"), "{err}");
    assert!(err.contains("config.toml:6"), "{err}");
    assert!(err.contains("[staging] unknown key `base_ulr`"), "{err}");
    assert_no_secret(&o, LEAKY_SECRET);

    // The profile in use is strict.
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--profile", "staging", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("config.toml:6"), "{}", o.stderr());
    assert_eq!(requests(&s), 1, "nothing more sent");
    assert_no_secret(&o, LEAKY_SECRET);

    // configure writes [default] with the same warning, [staging] kept as it was
    // (it refused: only the profile it writes must be valid).
    let mut c = env.cmd();
    c.args(["configure", "--no-input", "--key", "k2"])
        .env("BIOMETRID_SECRET", "s2");
    let o = c.run();
    o.assert_exit(0);
    assert!(o.stderr().contains("warning"), "{}", o.stderr());
    assert!(o.stderr().contains("base_ulr"), "{}", o.stderr());
    assert_no_secret(&o, LEAKY_SECRET);
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        text.ends_with(&format!(
            "\n\n[staging]\nbase_ulr = \"https://x\"\nsecret = \"{LEAKY_SECRET}\"\n"
        )),
        "{text}"
    );
}

/// Errors in the user's terms: a quoted number names the key and the file and
/// says it takes a number (it was `invalid type: string "1", expected u32`).
#[test]
fn a_quoted_number_names_the_key_and_says_a_number() {
    let err = config_error("[default]\nkey = \"k\"\nretries = \"1\"\n");
    assert!(err.contains("config.toml:3"), "{err}");
    assert!(err.contains("`retries` must be a number"), "{err}");
    assert!(!err.contains("u32"), "{err}");
}

/// A base URL without a scheme: the fix, not the URL parser's words
/// (`relative URL without a base`).
#[test]
fn a_base_url_without_a_scheme_suggests_https() {
    let env = Env::new();
    let mut c = env.cmd_for("api.example.com");
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    let err = o.stderr();
    assert!(err.contains("from BIOMETRID_BASE_URL"), "{err}");
    assert!(err.contains("https://api.example.com"), "{err}");
    assert!(!err.contains("relative URL"), "{err}");
}

/// A profile that is not there: where its name came from, and the closest one.
#[test]
fn an_unknown_profile_says_where_its_name_came_from_and_the_closest() {
    let env = Env::new();
    env.write_config("[prod]\nkey = \"k\"\n\n[staging]\nkey = \"k\"\n");
    let mut c = env.cmd_for("http://127.0.0.1:9");
    c.args(["--profile", "prdo", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(
        o.stderr().contains("did you mean --profile prod?"),
        "{}",
        o.stderr()
    );

    let mut c = env.cmd_for("http://127.0.0.1:9");
    c.env("BIOMETRID_PROFILE", "nope")
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    let err = o.stderr();
    assert!(
        err.contains("[nope] (from BIOMETRID_PROFILE in the environment)"),
        "{err}"
    );
    assert!(err.contains("profiles: prod, staging"), "{err}");
    assert!(err.contains("unset BIOMETRID_PROFILE"), "{err}");
}

#[test]
fn wrong_types_are_named() {
    for (text, line) in [
        ("[default]\ntimeout = \"ten\"\n", 2),
        ("[default]\nkey = \"k\"\nretries = \"3\"\n", 3),
        ("[default]\nkey = 12345\n", 2),
        ("[default]\nretries = -1\n", 2),
    ] {
        let err = config_error(text);
        assert!(
            err.contains(&format!("config.toml:{line}")),
            "{text:?}: {err}"
        );
    }
}

#[test]
fn wrong_type_holding_the_secret_never_shows_it() {
    // A top-level key where a profile table belongs: the value is the secret.
    config_error(&format!("secret = \"{LEAKY_SECRET}\"\n"));
    // A secret where a number belongs.
    config_error(&format!("[default]\ntimeout = \"{LEAKY_SECRET}\"\n"));
}

#[test]
fn parser_messages_read_as_one_line_without_a_literal_backslash_n() {
    let err = config_error("[default\nkey = \"k\"\n");
    assert!(err.contains("config.toml:1"), "{err}");
    assert!(!err.contains("\\n"), "a literal \\n: {err}");
    // The continuation ("expected ...") stays on the error's line.
    let line = err.lines().find(|l| l.contains("config.toml:1")).unwrap();
    assert!(line.contains("expected"), "{err}");
}

#[test]
fn a_key_above_every_profile_is_named_in_the_files_terms() {
    let err = config_error(&format!(
        "# comment\nkey = \"{LEAKY_SECRET}\"\n[default]\nretries = 1\n"
    ));
    assert!(
        err.contains("`key` is outside any [profile] table; put it under [default]"),
        "{err}"
    );
    assert!(err.contains("config.toml:2"), "{err}");
    assert!(!err.contains("expected struct"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_default_config_is_an_error_not_absent() {
    let s = server(Scenario::default());
    let env = Env::new();
    // A loop of symlinks at the default path: it exists, it cannot be read.
    let path = env.config_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&path, &path).unwrap();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert_eq!(requests(&s), 0, "nothing is sent");
    let err = o.stderr();
    assert!(err.contains("cannot read config file"), "{err}");
    assert!(err.contains("symbolic links"), "the real reason: {err}");
    assert!(!err.contains("no such file"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_default_config_behind_a_closed_directory_is_an_error_not_absent() {
    let s = server(Scenario::default());
    let env = Env::new();
    let Some(mut c) = env.cmd_bound_by_permissions(&s.base_url()) else {
        return;
    };
    env.write_config("[default]\n");
    let dir = env.config_path().parent().unwrap().to_path_buf();
    set_mode(&dir, 0o000);
    c.args(["restart-state", "u1"]);
    let o = c.run();
    set_mode(&dir, 0o700);
    o.assert_exit(3);
    assert!(o.stderr().contains("permission denied"), "{}", o.stderr());
    assert_eq!(requests(&s), 0);
}

#[test]
fn config_errors_in_explicit_files_name_that_file() {
    let s = server(Scenario::default());
    let env = Env::new();
    let path = env.dir.path().join("team-settings.toml");
    write_config_mode(&path, "[default]\nsecert = \"x\"\n", 0o600);
    let mut c = env.cmd_for(&s.base_url());
    c.arg("--config").arg(&path).args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(
        o.stderr().contains("team-settings.toml:2"),
        "{}",
        o.stderr()
    );
}

// ------------------------------------------------------ missing credentials

#[test]
fn missing_key_is_exit_3_with_a_hint_naming_where_it_looked() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_KEY")
        .env("BIOMETRID_SECRET", LEAKY_SECRET)
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    let err = o.stderr();
    assert!(err.contains("key"), "{err}");
    let hint = err
        .lines()
        .find(|l| l.starts_with("hint:"))
        .unwrap_or_else(|| panic!("no hint: {err}"));
    assert!(hint.contains("--key"), "{hint}");
    assert!(hint.contains("BIOMETRID_KEY"), "{hint}");
    assert!(hint.contains("config.toml"), "{hint}");
    assert_no_secret(&o, LEAKY_SECRET);
    assert_eq!(requests(&s), 0);
}

#[test]
fn missing_secret_is_exit_3_with_a_hint_naming_file_and_profile() {
    let s = server(Scenario::default());
    let env = Env::new();
    env.write_config("[default]\nkey = \"cfg-key\"\n[staging]\nkey = \"staging-key\"\n");
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_KEY")
        .env_remove("BIOMETRID_SECRET")
        .args(["--profile", "staging", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    let err = o.stderr();
    assert!(err.contains("secret"), "{err}");
    let hint = err
        .lines()
        .find(|l| l.starts_with("hint:"))
        .unwrap_or_else(|| panic!("no hint: {err}"));
    assert!(hint.contains("BIOMETRID_SECRET"), "{hint}");
    assert!(hint.contains("--secret"), "{hint}");
    assert!(hint.contains("config.toml"), "{hint}");
    assert!(hint.contains("staging"), "{hint}");
    assert_eq!(requests(&s), 0);
}

#[test]
fn missing_credentials_in_json_mode_leave_stdout_empty() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd();
    c.env("BIOMETRID_BASE_URL", s.base_url())
        .args(["--json", "restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert_eq!(o.stdout(), "");
    assert!(o.stderr().contains("hint:"), "{}", o.stderr());
}

#[test]
fn empty_or_unsendable_credentials_are_configuration_errors_without_the_secret() {
    let s = server(Scenario::default());
    let env = Env::new();
    let with_space = format!("{LEAKY_SECRET} tail");
    for (name, value) in [
        ("BIOMETRID_SECRET", with_space.as_str()),
        ("BIOMETRID_SECRET", "tab\tbed-Qv7-PRECEDENCE"),
        ("BIOMETRID_KEY", "key with spaces"),
    ] {
        let mut c = env.cmd_for(&s.base_url());
        c.env(name, value).args(["restart-state", "u1"]);
        let o = c.run();
        o.assert_exit_ctx(3, format_args!("{name}"));
        assert_no_secret(&o, LEAKY_SECRET);
        assert_no_secret(&o, "bed-Qv7");
    }
    assert_eq!(requests(&s), 0);
}

// ---------------------------------------------------- config file permissions

#[cfg(unix)]
#[test]
fn group_or_world_readable_config_gets_a_chmod_warning() {
    let s = server(Scenario::default());
    let env = Env::new();
    let path = env.write_config(&format!("[default]\nsecret = \"{SECRET}\"\n"));
    set_mode(&path, 0o644);
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit_ctx(0, "a warning, not an error");
    let err = o.stderr();
    let warning = err
        .lines()
        .find(|l| l.starts_with("warning:"))
        .unwrap_or_else(|| panic!("no warning: {err}"));
    assert!(warning.contains("chmod 600"), "{warning}");
    assert!(warning.contains("config.toml"), "{warning}");
    assert!(!o.stdout().contains("warning"), "warnings go to stderr");
    assert_no_secret(&o, SECRET);
}

#[cfg(unix)]
#[test]
fn private_config_gets_no_warning() {
    let s = server(Scenario::default());
    let env = Env::new();
    env.write_config(&format!("[default]\nsecret = \"{SECRET}\"\n"));
    let mut c = env.cmd_for(&s.base_url());
    c.env_remove("BIOMETRID_SECRET")
        .args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(0);
    assert!(!o.stderr().contains("warning"), "{}", o.stderr());
}

// ------------------------------------------------- small things, in the user's terms

/// A MAC written as twelve hex digits is the same MAC (it was a usage error).
#[test]
fn a_mac_as_twelve_hex_digits_is_accepted() {
    let s = server(Scenario {
        seeded: vec![sandbox::SeedUser {
            id: "u-mac".into(),
            mac: Some("aa:bb:cc:dd:ee:ff".into()),
            ..Default::default()
        }],
        ..Scenario::default()
    });
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["find-user", "--mac", "AABBCCDDEEFF"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(o.stdout().trim(), "u-mac");
    let mut c = env.cmd_for(&s.base_url());
    c.args(["find-user", "--mac", "AABBCCDDEEF"]);
    c.run().assert_exit(2);
}

/// `--max-failures 0` says what the option takes (it said `0 is not in
/// 1..18446744073709551615`).
#[test]
fn max_failures_zero_says_what_it_takes() {
    let env = Env::new();
    let mut c = env.cmd_for("http://127.0.0.1:9");
    c.args(["restart-state", "--max-failures", "0", "u1"]);
    let o = c.run();
    o.assert_exit(2);
    let err = o.stderr();
    assert!(err.contains("at least 1"), "{err}");
    assert!(!err.contains("18446744073709551615"), "{err}");
}

/// `biometrid restart` suggests restart-state alone (it suggested enroll-status
/// too); a bare `restart-state` shows the three ways to give IDs.
#[test]
fn a_mistyped_command_and_a_bare_restart_state_point_the_right_way() {
    let env = Env::new();
    let o = env.cmd().arg("restart").run();
    o.assert_exit(2);
    let err = o.stderr();
    assert!(err.contains("'restart-state'"), "{err}");
    assert!(!err.contains("enroll-status"), "{err}");

    let o = env.cmd().arg("restart-state").run();
    o.assert_exit(2);
    let err = o.stderr();
    assert!(err.contains("biometrid restart-state [OPTIONS] -"), "{err}");
    assert!(err.contains("--from-file PATH"), "{err}");
}

/// A hint's command line works when pasted into a shell: a config file in the
/// home directory is `~/'...'`, with the `~` outside the quotes (it was
/// `'~/...'`, which names no file). And no `chmod 600` for a device.
#[cfg(unix)]
#[test]
fn a_hints_command_runs_when_pasted_into_a_shell() {
    let env = Env::new();
    // The command in `run`'s hint, pasted as is into sh, in the same HOME, with
    // the test's binary: it must succeed.
    let paste = |run: &mut Command| {
        let o = run.run();
        o.assert_exit(0);
        let err = o.stderr();
        let hinted = err
            .split('`')
            .nth(1)
            .unwrap_or_else(|| panic!("no command in the hint: {err}"))
            .to_string();
        let inner = env.cmd();
        let o = std::process::Command::new("sh")
            .args(["-c", &hinted.replacen("biometrid", "\"$0\"", 1)])
            .arg(inner.get_program())
            .env_clear()
            .envs(inner.get_envs().filter_map(|(k, v)| Some((k, v?))))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            o.status.success(),
            "{hinted}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        (hinted, stdout)
    };
    let config = env.home().join("my config.toml");
    let mut c = env.cmd();
    c.arg("--config")
        .arg(&config)
        .args(["config", "set", "timeout", "3"]);
    let (hinted, shown) = paste(&mut c);
    assert_eq!(hinted, "biometrid --config ~/'my config.toml' config show");
    assert!(shown.contains("timeout") && shown.contains('3'), "{shown}");
    // A plain-http base URL this run was allowed: the hint allows it too.
    let mut c = env.cmd();
    c.args([
        "--allow-insecure-http",
        "config",
        "set",
        "base_url",
        "http://api.example.com",
    ]);
    let (hinted, shown) = paste(&mut c);
    assert!(
        hinted.ends_with("--allow-insecure-http config show"),
        "{hinted}"
    );
    assert!(shown.contains("http://api.example.com"), "{shown}");
    // /dev/null is world-readable, and not the user's to chmod.
    let o = env
        .cmd()
        .args(["--config", "/dev/null", "config", "show"])
        .run();
    assert!(!o.stderr().contains("chmod"), "{}", o.stderr());
}

/// A hint that names a command carries the `--config` and `--profile` of the run
/// (`configure --config F` said `check it with 'biometrid config show'`, which
/// shows another file).
#[test]
fn hints_that_name_a_command_carry_config_and_profile() {
    let env = Env::new();
    let config = env.dir.path().join("team.toml");
    let config_arg = config.to_str().unwrap();
    let mut c = env.cmd();
    c.args(["--config", config_arg, "configure", "--key", "k"])
        .env("BIOMETRID_SECRET", LEAKY_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert!(
        o.stderr()
            .contains(&format!("`biometrid --config {config_arg} config show`")),
        "{}",
        o.stderr()
    );
    // A missing secret in [ci] of that file: the hint configures that file and profile.
    std::fs::write(&config, "[ci]\nkey = \"k\"\n").unwrap();
    set_mode(&config, 0o600);
    let mut c = env.cmd();
    c.args([
        "--config",
        config_arg,
        "--profile",
        "ci",
        "restart-state",
        "u1",
    ]);
    let o = c.run();
    o.assert_exit(3);
    assert!(
        o.stderr().contains(&format!(
            "`biometrid --config {config_arg} configure --profile ci`"
        )),
        "{}",
        o.stderr()
    );
}

/// An invalid key or secret is a usage error (2) given as a flag, a
/// configuration error (3) from the environment or the config file, as for
/// every other setting; the value is never echoed.
#[test]
fn an_invalid_key_or_secret_is_2_from_a_flag_and_3_from_elsewhere() {
    let env = Env::new();
    for (flag, bad) in [
        ("--key", ""),
        ("--secret", ""),
        ("--key", "a b"),
        ("--secret", "s3cr3t value"),
    ] {
        let o = env
            .cmd()
            .env("BIOMETRID_KEY", "k")
            .env("BIOMETRID_SECRET", LEAKY_SECRET)
            .arg(format!("{flag}={bad}"))
            .args(["restart-state", "u1"])
            .run();
        o.assert_exit(2);
        assert!(
            o.stderr().contains(&format!("from {flag}")),
            "{}",
            o.stderr()
        );
        assert!(
            bad.is_empty() || !o.stderr().contains(bad),
            "{}",
            o.stderr()
        );
    }
    let o = env
        .cmd()
        .env("BIOMETRID_KEY", "a b")
        .env("BIOMETRID_SECRET", LEAKY_SECRET)
        .args(["restart-state", "u1"])
        .run();
    o.assert_exit(3);
    assert!(o.stderr().contains("BIOMETRID_KEY"), "{}", o.stderr());
}
