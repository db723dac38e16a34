//! `biometrid config show` / `config path`, the permission warning, and the hints that
//! name where the credentials came from when they fail.

use std::process::Output;

use crate::util::*;
use serde_json::Value;

const LONG_SECRET: &str = "file-secret-abcd-WXYZ";

fn show(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut c = env.cmd();
    c.args(["config", "show"]).args(args);
    for (k, v) in vars {
        c.env(k, v);
    }
    c.run()
}

fn show_json(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let o = show(env, &all, vars);
    o.assert_exit(0);
    let out = o.stdout();
    assert_eq!(out.lines().count(), 1, "one JSON object: {out}");
    serde_json::from_str(&out).unwrap()
}

/// The line of human `config show` output for one setting.
fn line<'a>(out: &'a str, name: &str) -> &'a str {
    out.lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no {name} line in:\n{out}"))
}

#[test]
fn each_setting_shows_its_value_and_source() {
    let env = Env::new();
    let path = env.write_config(&format!(
        "[default]\nkey = \"file-key\"\nsecret = \"{LONG_SECRET}\"\nbase_url = \"https://file.example\"\n"
    ));
    let file = format!("file {} [default]", path.display());
    let o = show(
        &env,
        &["--retries", "4"],
        &[("BIOMETRID_KEY", "env-key"), ("BIOMETRID_TIMEOUT", "7")],
    );
    o.assert_exit(0);
    assert_no_secret(&o, LONG_SECRET);
    let out = o.stdout();
    let key = line(&out, "key");
    assert!(
        key.contains("env-key") && key.ends_with("env BIOMETRID_KEY"),
        "{key}"
    );
    let secret = line(&out, "secret");
    assert!(
        secret.contains("********WXYZ") && secret.ends_with(&file),
        "{secret}"
    );
    let base = line(&out, "base_url");
    assert!(
        base.contains("https://file.example") && base.ends_with(&file),
        "{base}"
    );
    let timeout = line(&out, "timeout");
    assert!(
        timeout.contains(" 7 ") && timeout.ends_with("env BIOMETRID_TIMEOUT"),
        "{timeout}"
    );
    let retries = line(&out, "retries");
    assert!(
        retries.contains(" 4 ") && retries.ends_with(" flag"),
        "{retries}"
    );
    let profile = line(&out, "profile");
    assert!(profile.ends_with(" default"), "{profile}");
    let config = line(&out, "config");
    assert!(config.contains(&path.display().to_string()), "{config}");

    // The same, for scripts.
    let v = show_json(
        &env,
        &["--retries", "4"],
        &[("BIOMETRID_KEY", "env-key"), ("BIOMETRID_TIMEOUT", "7")],
    );
    assert_eq!(v["key"]["value"], "env-key");
    assert_eq!(v["key"]["source"], "env BIOMETRID_KEY");
    assert_eq!(v["key"]["env"], "BIOMETRID_KEY");
    assert_eq!(v["secret"]["value"], "********WXYZ");
    assert_eq!(v["secret"]["source"], file.as_str());
    assert_eq!(v["secret"]["kind"], "file");
    assert_eq!(v["secret"]["path"], path.display().to_string());
    assert_eq!(v["secret"]["profile"], "default");
    assert_eq!(v["timeout"]["value"], 7.0);
    assert_eq!(v["retries"]["value"], 4);
    assert_eq!(v["retries"]["source"], "flag");
    assert_eq!(v["profile"]["source"], "default");
    assert_eq!(v["config"]["value"], path.display().to_string());
    assert_eq!(v["config"]["exists"], true);
}

#[test]
fn a_profile_named_by_flag_outranks_the_environment_for_what_it_defines() {
    let env = Env::new();
    let path = env.write_config(
        "[default]\nkey = \"default-key\"\n\n[staging]\nkey = \"staging-key\"\ntimeout = 10\n",
    );
    let vars = [
        ("BIOMETRID_KEY", "env-key"),
        ("BIOMETRID_SECRET", "env-secret"),
    ];
    let v = show_json(&env, &["--profile", "staging"], &vars);
    assert_eq!(v["key"]["value"], "staging-key");
    assert_eq!(
        v["key"]["source"],
        format!("file {} [staging]", path.display())
    );
    assert_eq!(v["secret"]["source"], "env BIOMETRID_SECRET");
    assert_eq!(v["timeout"]["value"], 10.0);
    assert_eq!(v["profile"]["value"], "staging");
    assert_eq!(v["profile"]["source"], "flag");

    // BIOMETRID_PROFILE chooses the profile, but the environment still wins over it.
    let mut vars = vars.to_vec();
    vars.push(("BIOMETRID_PROFILE", "staging"));
    let v = show_json(&env, &[], &vars);
    assert_eq!(v["key"]["value"], "env-key");
    assert_eq!(
        v["timeout"]["source"],
        format!("file {} [staging]", path.display())
    );
    assert_eq!(v["profile"]["source"], "env BIOMETRID_PROFILE");
}

#[test]
fn the_secret_is_masked_to_at_most_its_last_four_characters() {
    let env = Env::new();
    for (secret, masked) in [
        ("abcdefghijkl", "********ijkl"), // 12: the last 4 show
        ("abcdefghijk", "********"),      // 11: nothing shows
        ("short", "********"),
        ("a-much-longer-secret-9876", "********9876"),
    ] {
        let o = show(&env, &[], &[("BIOMETRID_SECRET", secret)]);
        o.assert_exit(0);
        assert_no_secret(&o, secret);
        let out = o.stdout();
        // Exactly the mask: for a short secret, not even its last character.
        assert_eq!(
            line(&out, "secret").split_whitespace().nth(1),
            Some(masked),
            "{secret}: {out}"
        );
        let o = show(&env, &["--json"], &[("BIOMETRID_SECRET", secret)]);
        assert_no_secret(&o, secret);
        let v: Value = serde_json::from_str(&o.stdout()).unwrap();
        assert_eq!(v["secret"]["value"], masked, "{secret}");
    }
    // --secret-file is a flag; its source names the file (not the secret).
    let f = env.file("s.txt", "from-a-file-0000\n");
    let mut c = env.cmd();
    c.args(["config", "show", "--secret-file"]).arg(&f);
    let o = c.run();
    o.assert_exit(0);
    assert_no_secret(&o, "from-a-file-0000");
    let secret = line(&o.stdout(), "secret").to_string();
    assert!(secret.contains("********0000"), "{secret}");
    assert!(secret.contains("flag --secret-file"), "{secret}");
}

#[test]
fn unset_credentials_show_as_not_set_with_a_hint() {
    let env = Env::new();
    let o = show(&env, &[], &[]);
    o.assert_exit(0);
    let out = o.stdout();
    assert!(line(&out, "key").contains("(not set)"), "{out}");
    assert!(line(&out, "secret").contains("(not set)"), "{out}");
    assert!(line(&out, "config").contains("(no such file)"), "{out}");
    assert!(
        line(&out, "base_url").contains("https://api.biometrid.com"),
        "{out}"
    );
    assert!(o.stderr().contains("biometrid configure"), "{}", o.stderr());

    let v = show_json(&env, &[], &[]);
    assert_eq!(v["key"]["value"], Value::Null);
    assert_eq!(v["secret"]["value"], Value::Null);
    assert_eq!(v["base_url"]["source"], "default");
    assert_eq!(v["timeout"]["value"], 30.0);
    assert_eq!(v["retries"]["value"], 2);
    assert_eq!(v["config"]["exists"], false);
}

#[test]
fn an_unknown_profile_is_a_configuration_error() {
    let env = Env::new();
    env.write_config("[default]\nkey = \"k\"\n");
    let o = show(&env, &["--profile", "nope"], &[]);
    o.assert_exit(3);
    assert!(o.stderr().contains("[nope]"), "{}", o.stderr());
    assert!(o.stdout().is_empty());
}

#[cfg(unix)]
#[test]
fn a_config_file_readable_by_others_gets_a_warning_naming_it_and_the_fix() {
    let env = Env::new();
    let path = env.write_config(&format!("[default]\nsecret = \"{LONG_SECRET}\"\n"));
    set_mode(&path, 0o644);
    let o = show(&env, &["--json"], &[]);
    o.assert_exit(0);
    let err = o.stderr();
    assert!(err.contains("warning:"), "{err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(
        err.contains(&format!("chmod 600 {}", path.display())),
        "{err}"
    );
    assert_no_secret(&o, LONG_SECRET);
    // stdout is still exactly the JSON.
    let _: Value = serde_json::from_str(&o.stdout()).unwrap();

    // restart-state warns too, before anything else (here: no key, so nothing is sent).
    let mut c = env.cmd();
    c.args(["restart-state", "u1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("chmod 600"), "{}", o.stderr());

    set_mode(&path, 0o600);
    let o = show(&env, &[], &[]);
    assert!(!o.stderr().contains("warning"), "{}", o.stderr());
}

#[test]
fn config_path_follows_flag_environment_and_default() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["config", "path"]);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(o.stdout(), format!("{}\n", env.config_path().display()));

    // Without XDG_CONFIG_HOME: ~/.config on Linux.
    #[cfg(target_os = "linux")]
    {
        let mut c = env.cmd();
        c.args(["config", "path"]).env_remove("XDG_CONFIG_HOME");
        let o = c.run();
        assert_eq!(
            o.stdout().trim_end(),
            env.home()
                .join(".config/biometrid/config.toml")
                .display()
                .to_string()
        );
    }

    let mut c = env.cmd();
    c.args(["config", "path"])
        .env("BIOMETRID_CONFIG", "/etc/biometrid/ci.toml");
    assert_eq!(c.run().stdout(), "/etc/biometrid/ci.toml\n");

    let mut c = env.cmd();
    c.args(["config", "path", "--config", "./x.toml"])
        .env("BIOMETRID_CONFIG", "/etc/biometrid/ci.toml");
    assert_eq!(c.run().stdout(), "./x.toml\n");

    let mut c = env.cmd();
    c.args(["config", "path", "--json"])
        .env("BIOMETRID_CONFIG", "/etc/biometrid/ci.toml");
    let v: Value = serde_json::from_str(&c.run().stdout()).unwrap();
    assert_eq!(v["path"], "/etc/biometrid/ci.toml");
    assert_eq!(v["source"], "env BIOMETRID_CONFIG");
    assert_eq!(v["exists"], false);
}

// ---- Hints after credential failures ----------------------------------------------

/// restart-state of one ID against `scenario`, with the given credentials setup.
fn restart(
    env: &Env,
    scenario: Scenario,
    setup: impl FnOnce(&mut std::process::Command),
) -> Output {
    let s = server(scenario);
    let mut c = env.cmd();
    c.args(["restart-state", "u-1", "--retries", "0", "--base-url"])
        .arg(s.base_url());
    setup(&mut c);
    c.run()
}

fn hint(o: &Output) -> String {
    o.stderr()
        .lines()
        .find(|l| l.starts_with("hint: "))
        .unwrap_or_else(|| panic!("no hint in:\n{}", o.stderr()))
        .to_string()
}

#[test]
fn a_401_names_where_key_and_secret_came_from() {
    let env = Env::new();
    let o = restart(&env, Scenario::default(), |c| {
        c.env("BIOMETRID_KEY", KEY)
            .env("BIOMETRID_SECRET", "wrong-secret-value");
    });
    o.assert_exit(5);
    assert!(o.stderr().contains("INVALID_AUTHENTICATION_HEADERS"));
    assert_eq!(
        hint(&o),
        "hint: key from BIOMETRID_KEY, secret from BIOMETRID_SECRET; check them with `biometrid config show`"
    );
    assert_no_secret(&o, "wrong-secret-value");
}

#[test]
fn a_client_not_found_names_the_config_file_and_profile() {
    let env = Env::new();
    let path = env.write_config(&format!(
        "[prod]\nkey = \"unknown-key\"\nsecret = \"{LONG_SECRET}\"\n"
    ));
    let o = restart(&env, Scenario::default(), |c| {
        c.args(["--profile", "prod"]);
    });
    o.assert_exit(8);
    assert!(
        o.stderr()
            .contains("CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS")
    );
    let file = format!("{} [prod]", path.display());
    assert_eq!(
        hint(&o),
        format!(
            "hint: key from {file}, secret from {file}; check them with `biometrid --profile prod config show`"
        )
    );
    assert_no_secret(&o, LONG_SECRET);
}

#[test]
fn a_400_names_flag_and_secret_file() {
    let env = Env::new();
    let secret_file = env.file("secret", &format!("{SECRET}\n"));
    let scenario = scenario_with(vec![message_rule("*", "AUTHENTICATION_HEADERS_MISSING")]);
    let o = restart(&env, scenario, |c| {
        c.args(["--key", KEY, "--secret-file"]).arg(&secret_file);
    });
    o.assert_exit(4);
    assert_eq!(
        hint(&o),
        format!(
            "hint: key from --key, secret from --secret-file {}; check them with `biometrid config show`",
            secret_file.display()
        )
    );
    assert_no_secret(&o, SECRET);
}

#[test]
fn a_402_says_the_quota_is_used_up_and_retrying_will_not_help() {
    let env = Env::new();
    let scenario = Scenario {
        quota: Some(0),
        ..Scenario::default()
    };
    let o = restart(&env, scenario, |c| {
        c.env("BIOMETRID_KEY", KEY).env("BIOMETRID_SECRET", SECRET);
    });
    o.assert_exit(6);
    let h = hint(&o);
    assert!(h.contains("quota is used up"), "{h}");
    assert!(h.contains("retrying will not help"), "{h}");
}

#[test]
fn missing_credentials_name_where_they_were_looked_for() {
    let env = Env::new();
    let path = env.write_config("[default]\nbase_url = \"https://x.example\"\n");

    // No key anywhere; the secret is in the environment.
    let mut c = env.cmd();
    c.args(["restart-state", "u-1"])
        .env("BIOMETRID_SECRET", SECRET);
    let o = c.run();
    o.assert_exit(3);
    assert!(
        o.stderr().contains("error: no client key found"),
        "{}",
        o.stderr()
    );
    let h = hint(&o);
    for part in [
        "--key",
        "BIOMETRID_KEY",
        &format!("{} [default]", path.display()),
        "secret from BIOMETRID_SECRET",
        "biometrid configure",
    ] {
        assert!(h.contains(part), "{part:?} not in {h}");
    }
    assert_no_secret(&o, SECRET);

    // The key in the file, no secret: the hint says where the key came from.
    env.write_config("[default]\nkey = \"file-key\"\n");
    let mut c = env.cmd();
    c.args(["restart-state", "u-1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(
        o.stderr().contains("no client secret found"),
        "{}",
        o.stderr()
    );
    let h = hint(&o);
    for part in [
        "--secret-file",
        "BIOMETRID_SECRET",
        &format!("key from {} [default]", path.display()),
    ] {
        assert!(h.contains(part), "{part:?} not in {h}");
    }

    // No config file at all: it says so.
    let other = Env::new();
    let mut c = other.cmd();
    c.args(["restart-state", "u-1"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(hint(&o).contains("(no such file)"), "{}", hint(&o));
}

/// The README's `config show` sample is what the tool prints for the README's own
/// config file and the `export` line it shows.
#[test]
fn the_readme_sample_is_real_output() {
    let block = readme_block("config-show");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    // The README's config file (the ```toml block with a [default] profile).
    let config = readme
        .split("```toml\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .find(|block| block.contains("[default]"))
        .expect("a ```toml block with [default] in the README");
    let env = Env::new();
    // The README says ~/.config: HOME's own config directory.
    let path = env.home().join(".config/biometrid/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, config).unwrap();
    set_mode(&path, 0o600);
    let mut c = env.cmd();
    c.env("XDG_CONFIG_HOME", env.home().join(".config"));
    let mut expected = Vec::new();
    let mut ran = false;
    for line in &block {
        if let Some(assign) = line.strip_prefix("$ export ") {
            let (k, v) = assign.split_once('=').unwrap();
            c.env(k, v);
        } else if let Some(command) = line.strip_prefix("$ biometrid ") {
            c.args(command.split_whitespace());
            ran = true;
        } else {
            expected.push(line.as_str());
        }
    }
    assert!(ran, "{block:?}");
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(o.stdout().lines().collect::<Vec<_>>(), expected);
}

/// `config profiles` (hidden; the completion scripts call it): the profile names of
/// the config file in effect, one per line, never a value; nothing without a file.
#[test]
fn config_profiles_lists_names_only() {
    let env = Env::new();
    let profiles = |env: &Env, args: &[&str], vars: &[(&str, &str)]| -> Output {
        let mut c = env.cmd();
        c.args(args)
            .args(["config", "profiles"])
            .envs(vars.iter().copied());
        c.run()
    };
    let o = profiles(&env, &[], &[]);
    o.assert_exit(0);
    assert_eq!(o.stdout(), "", "no config file: nothing");
    assert_eq!(o.stderr(), "");

    env.write_config(
        "[default]\nkey = \"k\"\nsecret = \"profiles-secret-value\"\n\n[staging]\nsecret = \"other-secret-value\"\n\n[ci]\n",
    );
    let o = profiles(&env, &[], &[]);
    o.assert_exit(0);
    assert_eq!(o.stdout(), "ci\ndefault\nstaging\n");
    assert_no_secret(&o, "profiles-secret-value");
    assert_no_secret(&o, "other-secret-value");

    // The config file in effect: --config and BIOMETRID_CONFIG.
    let other = env.file("other.toml", "[one]\n[two]\n");
    let named = other.to_str().unwrap();
    let o = profiles(&env, &["--config", named], &[]);
    assert_eq!(o.stdout(), "one\ntwo\n", "{}", o.stderr());
    let o = profiles(&env, &[], &[("BIOMETRID_CONFIG", named)]);
    assert_eq!(o.stdout(), "one\ntwo\n", "{}", o.stderr());

    // Hidden: not in `config --help`.
    let mut c = env.cmd();
    c.args(["config", "--help"]);
    let help = c.run().stdout();
    assert!(
        help.contains("show") && !help.contains("profiles"),
        "{help}"
    );
}
