//! `biometrid configure`: prompts on a terminal (secret hidden), never prompts otherwise,
//! writes atomically with private modes, keeps everything else in the file.

use std::path::Path;

use crate::util::*;

const NEW_SECRET: &str = "n3w-s3cret-value-XYZ";

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The config file as every other command reads it, through `config show --json`.
fn shown(env: &Env, profile: &str) -> serde_json::Value {
    let mut c = env.cmd();
    c.args(["config", "show", "--json", "--profile", profile]);
    let o = c.run();
    o.assert_exit(0);
    serde_json::from_str(&o.stdout()).unwrap()
}

#[test]
fn without_a_terminal_it_takes_key_and_secret_env_and_writes_a_private_file() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["configure", "--key", "ci-key"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert_no_secret(&o, NEW_SECRET);
    let path = env.config_path();
    let out = o.stdout();
    assert!(out.contains("[default]"), "{out}");
    assert!(out.contains(&path.display().to_string()), "{out}");
    assert!(
        out.contains("BIOMETRID_SECRET"),
        "names the secret's source: {out}"
    );

    let text = read(&path);
    assert!(text.contains("key = \"ci-key\""), "{text}");
    assert!(
        text.contains(&format!("secret = \"{NEW_SECRET}\"")),
        "{text}"
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }
    // No temp file left behind.
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["config.toml"]);

    let s = shown(&env, "default");
    assert_eq!(s["key"]["value"], "ci-key");
    assert_eq!(s["secret"]["kind"], "file");
}

#[test]
fn a_written_profile_is_used_by_restart_state() {
    let server = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd();
    c.args([
        "configure",
        "--no-input",
        "--profile",
        "sandbox",
        "--key",
        KEY,
        "--secret-file",
        "-",
        "--base-url",
        &server.base_url(),
        "--retries",
        "0",
        "--timeout",
        "2.5",
        "--rate",
        "100/m",
    ]);
    let o = c.run_with_stdin(&format!("{SECRET}\n"));
    o.assert_exit(0);
    assert_no_secret(&o, SECRET);
    let text = read(&env.config_path());
    assert!(text.contains("retries = 0"), "{text}");
    assert!(text.contains("timeout = 2.5"), "{text}");
    assert!(text.contains("rate = \"100/m\""), "{text}");

    let mut c = env.cmd();
    c.args(["--profile", "sandbox", "restart-state", "u-1"]);
    let o = c.run();
    o.assert_exit(0);
    let recs = records(&server);
    assert_eq!(recs.len(), 1);
    assert!(recs[0].credentials_valid);
}

#[test]
fn secret_from_a_file_takes_its_first_line() {
    let env = Env::new();
    let secret_file = env.file("secret.txt", &format!("{NEW_SECRET}\r\nsecond line\n"));
    let mut c = env.cmd();
    c.args(["configure", "--key", "k"])
        .arg("--secret-file")
        .arg(&secret_file)
        // The file flag outranks the environment.
        .env("BIOMETRID_SECRET", "env-secret-not-this-one");
    let o = c.run();
    o.assert_exit(0);
    assert_no_secret(&o, NEW_SECRET);
    assert!(o.stdout().contains("--secret-file"), "{}", o.stdout());
    let text = read(&env.config_path());
    assert!(
        text.contains(&format!("secret = \"{NEW_SECRET}\"\n")),
        "{text}"
    );
    assert!(!text.contains("second line"), "{text}");
}

/// Changing one setting of a profile that has its key and secret asks for
/// neither again (it demanded both): they are kept; the new settings are saved.
#[test]
fn without_a_terminal_a_profile_keeps_its_key_and_secret() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["configure", "--profile", "staging", "--key", "st-key"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    c.run().assert_exit(0);
    let mut c = env.cmd();
    c.args([
        "configure",
        "--no-input",
        "--profile",
        "staging",
        "--timeout",
        "10",
        "--connect-timeout",
        "2.5",
        "--rate",
        "unlimited",
    ]);
    let o = c.run();
    o.assert_exit(0);
    assert!(
        o.stdout().contains("key: kept, secret: kept"),
        "{}",
        o.stdout()
    );
    let s = shown(&env, "staging");
    assert_eq!(s["key"]["value"], "st-key");
    assert_eq!(s["secret"]["kind"], "file");
    assert_eq!(s["timeout"]["value"], 10.0);
    assert_eq!(s["connect_timeout"]["value"], 2.5);
    assert_eq!(s["connect_timeout"]["kind"], "file");
    assert_eq!(s["rate"]["value"], serde_json::Value::Null);
    assert_eq!(s["rate"]["kind"], "file");
    let text = read(&env.config_path());
    assert!(
        text.contains(&format!("secret = \"{NEW_SECRET}\"")),
        "{text}"
    );
    // A profile without them still needs both.
    let mut c = env.cmd();
    c.args([
        "configure",
        "--no-input",
        "--profile",
        "new",
        "--timeout",
        "10",
    ]);
    c.run().assert_exit(2);
}

#[test]
fn missing_inputs_are_usage_errors_and_nothing_is_written() {
    let env = Env::new();

    let mut c = env.cmd();
    c.args(["configure"]).env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(2);
    assert!(o.stderr().contains("--key"), "{}", o.stderr());
    assert!(o.stderr().contains("not on a terminal"), "{}", o.stderr());
    assert_no_secret(&o, NEW_SECRET);

    let mut c = env.cmd();
    c.args(["configure", "--no-input", "--key", "k"]);
    let o = c.run();
    o.assert_exit(2);
    let err = o.stderr();
    assert!(
        err.contains("--secret-file") && err.contains("BIOMETRID_SECRET"),
        "{err}"
    );
    assert!(err.contains("--no-input"), "{err}");
    assert!(o.stdout().is_empty());

    assert!(!env.config_path().exists());
    assert!(!env.config_path().parent().unwrap().exists());
}

#[test]
fn an_unreadable_secret_file_is_a_configuration_error() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["configure", "--key", "k", "--secret-file"])
        .arg(env.dir.path().join("no-such-file"));
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("no-such-file"), "{}", o.stderr());
    assert!(!env.config_path().exists());
}

#[test]
fn invalid_values_are_refused_without_quoting_the_secret() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["configure", "--key", "k"])
        .env("BIOMETRID_SECRET", "with space-s3cr3t-tail");
    let o = c.run();
    o.assert_exit(2);
    assert!(o.stderr().contains("BIOMETRID_SECRET"), "{}", o.stderr());
    assert_no_secret(&o, "s3cr3t");
    assert!(!env.config_path().exists());

    let mut c = env.cmd();
    c.args(["configure", "--key", "k", "--profile", ""])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(2);
    assert!(o.stderr().contains("profile"), "{}", o.stderr());
}

#[test]
fn other_profiles_keys_and_comments_are_kept() {
    let env = Env::new();
    let original = "\
# Team credentials. Ask #ops for the staging secret.

[default]
key = \"old-key\"   # rotated 2024-01
secret = \"old-secret-value\"
base_url = \"https://biometrid.internal.example\"
timeout = 10

# Staging is slow.
[staging]
key = \"staging-key\"
secret = \"staging-secret\"
retries = 5
";
    let path = env.write_config(original);
    let mut c = env.cmd();
    c.args(["configure", "--key", "new-key"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    let text = read(&path);
    let expected = original
        .replace("key = \"old-key\"   #", "key = \"new-key\"   #")
        .replace("old-secret-value", NEW_SECRET);
    assert_eq!(text, expected, "only the two values change");

    // A new profile is added at the end; the rest stays byte for byte.
    let mut c = env.cmd();
    c.args(["configure", "--profile", "ci", "--key", "ci-key"])
        .env("BIOMETRID_SECRET", "ci-secret");
    let o = c.run();
    o.assert_exit(0);
    let text = read(&path);
    assert!(text.starts_with(&expected), "{text}");
    assert!(
        text.ends_with("\n[ci]\nkey = \"ci-key\"\nsecret = \"ci-secret\"\n"),
        "{text}"
    );
    assert_eq!(shown(&env, "staging")["retries"]["value"], 5);
    assert_eq!(shown(&env, "ci")["key"]["value"], "ci-key");
}

#[test]
fn the_profile_comes_from_biometrid_profile_when_no_flag_names_one() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["configure", "--key", "k"])
        .env("BIOMETRID_SECRET", NEW_SECRET)
        .env("BIOMETRID_PROFILE", "team");
    let o = c.run();
    o.assert_exit(0);
    assert!(o.stdout().contains("[team]"), "{}", o.stdout());
    assert!(read(&env.config_path()).contains("[team]"));
}

#[cfg(unix)]
#[test]
fn the_file_is_replaced_by_rename_and_loose_modes_are_tightened() {
    use std::os::unix::fs::MetadataExt;
    let env = Env::new();
    let path = env.write_config("[default]\nkey = \"a\"\nsecret = \"b\"\n");
    set_mode(&path, 0o644);
    // A hard link keeps the old inode: written in place, it would change too.
    let old = env.dir.path().join("old-inode");
    std::fs::hard_link(&path, &old).unwrap();
    let inode = std::fs::metadata(&path).unwrap().ino();

    let mut c = env.cmd();
    c.args(["configure", "--key", "k2"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert_ne!(std::fs::metadata(&path).unwrap().ino(), inode);
    assert_eq!(read(&old), "[default]\nkey = \"a\"\nsecret = \"b\"\n");
    assert!(read(&path).contains("k2"));
    assert_eq!(mode(&path), 0o600);

    // Now private: no permission warning from the next command.
    let mut c = env.cmd();
    c.args(["config", "show"]);
    let o = c.run();
    o.assert_exit(0);
    assert!(!o.stderr().contains("warning"), "{}", o.stderr());
}

#[cfg(unix)]
#[test]
fn a_symlinked_config_file_is_written_through_not_replaced() {
    let env = Env::new();
    let real = env.file("dotfiles-biometrid.toml", "[default]\nkey = \"a\"\n");
    set_mode(&real, 0o600);
    let link = env.config_path();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let mut c = env.cmd();
    c.args(["configure", "--key", "k2"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read(&real).contains("k2"));
}

#[test]
fn an_invalid_config_file_is_not_touched() {
    let env = Env::new();
    let broken = "[default]\nkey = \"a\"\nsecert = \"typo\"\n";
    let path = env.write_config(broken);
    let mut c = env.cmd();
    c.args(["configure", "--key", "k"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(3);
    let err = o.stderr();
    assert!(
        err.contains("config.toml:3") && err.contains("secert"),
        "{err}"
    );
    assert_eq!(read(&path), broken);
}

#[test]
fn an_explicit_config_path_is_created_with_its_directory() {
    let env = Env::new();
    let target = env.dir.path().join("new").join("dir").join("ci.toml");
    let mut c = env.cmd();
    c.args(["configure", "--key", "k"])
        .env("BIOMETRID_CONFIG", &target)
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert!(read(&target).contains("[default]"));
    #[cfg(unix)]
    {
        assert_eq!(mode(&target), 0o600);
        assert_eq!(mode(target.parent().unwrap()), 0o700);
        assert_eq!(mode(&env.dir.path().join("new")), 0o700);
    }
    assert!(!env.config_path().exists());
}

#[test]
fn json_and_quiet_reports() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["configure", "--json", "--key", "k", "--profile", "p"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert_no_secret(&o, NEW_SECRET);
    let v: serde_json::Value = serde_json::from_str(&o.stdout()).unwrap();
    assert_eq!(v["profile"], "p");
    assert_eq!(v["config"], env.config_path().display().to_string());
    assert_eq!(v["key_from"], "--key");
    assert_eq!(v["secret_from"], "BIOMETRID_SECRET");
    assert_eq!(v["written"], serde_json::json!(["key", "secret"]));
    assert_eq!(v["created_file"], true);

    let mut c = env.cmd();
    c.args(["configure", "--quiet", "--key", "k"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert!(o.stdout().is_empty(), "{}", o.stdout());
}

#[test]
fn a_secret_on_the_command_line_is_accepted_with_a_warning() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["configure", "--key", "k", "--secret", NEW_SECRET]);
    let o = c.run();
    o.assert_exit(0);
    assert_no_secret(&o, NEW_SECRET);
    assert!(o.stderr().contains("process list"), "{}", o.stderr());
}

// ---- On a terminal (pseudo-terminal) ------------------------------------------------

/// `biometrid configure ...` on a fresh pty, with nothing from the environment.
#[cfg(unix)]
fn on_terminal(env: &Env, args: &[&str]) -> pty::Pty {
    let mut c = env.cmd();
    c.arg("configure").args(args);
    pty::Pty::spawn(c)
}

#[cfg(unix)]
#[test]
fn on_a_terminal_it_prompts_and_the_secret_is_not_echoed() {
    let env = Env::new();
    let mut t = on_terminal(&env, &["--profile", "staging"]);
    t.expect("Client key: ");
    t.send("typed-key-123\r");
    // The terminal echoes what is typed at the key prompt...
    t.expect("typed-key-123");
    t.expect("Client secret (input hidden): ");
    // ...and not at the secret prompt: type only once the program has turned echo off,
    // as a person would (no race with the prompt being printed first).
    t.wait_echo(false);
    t.send(&format!("{NEW_SECRET}\r"));
    let status = t.finish();
    let transcript = t.transcript();
    assert_eq!(status.code(), Some(0), "{transcript}");
    assert!(
        !transcript.contains(NEW_SECRET),
        "secret echoed: {transcript}"
    );
    assert!(
        transcript.contains("Wrote profile [staging]"),
        "{transcript}"
    );
    // The terminal is left as it was found.
    assert!(t.echo(), "echo not restored");

    let text = read(&env.config_path());
    assert!(
        text.contains("[staging]\nkey = \"typed-key-123\"\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("secret = \"{NEW_SECRET}\"")),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn on_a_terminal_enter_keeps_the_current_values() {
    let env = Env::new();
    let original = "[default]\nkey = \"kept-key\"\nsecret = \"kept-secret-long-1234\"\n";
    env.write_config(original);
    let mut t = on_terminal(&env, &[]);
    t.expect("Client key [kept-key]: ");
    t.send("\r");
    // The current secret is shown masked: its last 4 characters at most.
    t.expect("Client secret [********1234] (input hidden, Enter keeps it): ");
    t.wait_echo(false);
    t.send("\r");
    let status = t.finish();
    let transcript = t.transcript();
    assert_eq!(status.code(), Some(0), "{transcript}");
    assert!(!transcript.contains("kept-secret"), "{transcript}");
    assert!(
        transcript.contains("key: kept, secret: kept"),
        "{transcript}"
    );
    assert_eq!(read(&env.config_path()), original);
}

#[cfg(unix)]
#[test]
fn on_a_terminal_flags_skip_their_prompts() {
    let env = Env::new();
    let mut t = on_terminal(&env, &["--key", "flag-key"]);
    // Straight to the secret: no key prompt.
    t.expect("Client secret (input hidden): ");
    t.wait_echo(false);
    t.send(&format!("{NEW_SECRET}\r"));
    let status = t.finish();
    let transcript = t.transcript();
    assert_eq!(status.code(), Some(0), "{transcript}");
    assert!(!transcript.contains("Client key"), "{transcript}");
    assert!(!transcript.contains(NEW_SECRET), "{transcript}");
    assert!(read(&env.config_path()).contains("key = \"flag-key\""));
}

#[cfg(unix)]
#[test]
fn with_no_input_it_never_prompts_even_on_a_terminal() {
    let env = Env::new();
    let mut t = on_terminal(&env, &["--no-input"]);
    let status = t.finish();
    let transcript = t.transcript();
    assert_eq!(status.code(), Some(2), "{transcript}");
    assert!(!transcript.contains("Client key"), "{transcript}");
    assert!(transcript.contains("--no-input was given"), "{transcript}");
    assert!(!env.config_path().exists());
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_hidden_prompt_restores_the_terminal_and_writes_nothing() {
    let env = Env::new();
    let mut t = on_terminal(&env, &["--key", "k"]);
    t.expect("Client secret (input hidden): ");
    t.wait_echo(false);
    t.send("half-typed\x03");
    let status = t.finish();
    let transcript = t.transcript();
    assert_eq!(status.code(), Some(130), "{transcript}");
    assert!(
        transcript.contains("interrupted: nothing was written"),
        "{transcript}"
    );
    assert!(!transcript.contains("half-typed"), "{transcript}");
    assert!(t.echo(), "echo left off after Ctrl-C");
    assert!(!env.config_path().exists());
}

#[cfg(unix)]
#[test]
fn on_a_terminal_an_empty_key_is_asked_again() {
    let env = Env::new();
    let mut t = on_terminal(&env, &[]);
    t.expect("Client key: ");
    t.send("\r");
    t.expect("cannot be empty");
    t.expect("Client key: ");
    t.send("bad key\r");
    t.expect("contains spaces");
    t.expect("Client key: ");
    t.send("good-key\r");
    t.expect("Client secret (input hidden): ");
    t.wait_echo(false);
    t.send(&format!("{NEW_SECRET}\r"));
    let status = t.finish();
    assert_eq!(status.code(), Some(0), "{}", t.transcript());
    assert!(read(&env.config_path()).contains("key = \"good-key\""));
}

#[test]
fn windows_line_endings_and_inline_tables_are_kept() {
    let env = Env::new();
    let path = env.write_config("[default]\r\nkey = \"a\"  # note\r\n\r\n[x]\r\nkey = \"x\"\r\n");
    let mut c = env.cmd();
    c.args(["configure", "--key", "b"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(
        read(&path),
        format!(
            "[default]\r\nkey = \"b\"  # note\r\nsecret = \"{NEW_SECRET}\"\r\n\r\n[x]\r\nkey = \"x\"\r\n"
        )
    );

    let path = env.write_config("default = { key = \"a\" }\n");
    let mut c = env.cmd();
    c.args(["configure", "--key", "b"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert_eq!(
        read(&path),
        format!("default = {{ key = \"b\", secret = \"{NEW_SECRET}\" }}\n")
    );
}

// ---- What configure refuses to replace, and concurrent runs -------------------------

/// `configure --no-input` writing profile `profile` of `config`, the secret from the environment.
fn configure_at(env: &Env, config: &Path, profile: &str) -> std::process::Command {
    let mut c = env.cmd();
    c.args([
        "configure",
        "--no-input",
        "--key",
        "k",
        "--profile",
        profile,
    ])
    .arg("--config")
    .arg(config)
    .env("BIOMETRID_SECRET", NEW_SECRET);
    c
}

/// The file type of `p` (not following a symlink), for "left untouched" checks.
#[cfg(unix)]
fn kind(p: &Path) -> (bool, bool, bool, u64) {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let m = std::fs::symlink_metadata(p).unwrap();
    let t = m.file_type();
    (t.is_fifo(), t.is_socket(), t.is_char_device(), m.rdev())
}

/// Nothing but `keep` in `dir`: no temp file, no config written.
fn only_entries(dir: &Path, keep: &[&str]) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut keep: Vec<String> = keep.iter().map(|s| s.to_string()).collect();
    keep.sort();
    assert_eq!(names, keep);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_socket_config_path_is_refused_and_left_alone() {
    let env = Env::new();
    let dir = env.dir.path().join("special");
    std::fs::create_dir(&dir).unwrap();
    let fifo = dir.join("fifo.toml");
    mkfifo(&fifo);
    let socket = dir.join("socket.toml");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    // A symlink to a FIFO is no better than the FIFO.
    let link = dir.join("link.toml");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();

    for (path, what) in [(&fifo, "a FIFO"), (&socket, "a socket"), (&link, "a FIFO")] {
        let before = kind(path);
        let o = (configure_at(&env, path, "default")).run();
        o.assert_exit(3);
        assert!(o.stderr().contains(what), "{}", o.stderr());
        assert!(o.stderr().contains("not a regular file"), "{}", o.stderr());
        assert_no_secret(&o, NEW_SECRET);
        assert_eq!(kind(path), before, "{} was replaced", path.display());
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    only_entries(&dir, &["fifo.toml", "socket.toml", "link.toml"]);
}

#[cfg(unix)]
#[test]
fn a_device_config_path_is_refused_and_left_alone() {
    let env = Env::new();
    let dir = env.dir.path().join("dev");
    std::fs::create_dir(&dir).unwrap();
    // A private copy of /dev/null (char 1:3): the real one is never a test target.
    let device = dir.join("null");
    let c_path = std::ffi::CString::new(device.to_str().unwrap()).unwrap();
    let made = unsafe { libc::mknod(c_path.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made != 0 {
        cannot_run(&format!(
            "mknod needs root (or a filesystem that allows devices): {}",
            std::io::Error::last_os_error()
        ));
        return;
    }
    let before = kind(&device);
    assert!(before.2, "mknod did not make a character device");
    let o = (configure_at(&env, &device, "default")).run();
    o.assert_exit(3);
    assert!(o.stderr().contains("a character device"), "{}", o.stderr());
    assert_eq!(kind(&device), before, "the device was replaced");
    only_entries(&dir, &["null"]);
}

#[test]
fn concurrent_runs_keep_every_profile() {
    let env = Env::new();
    let config = env.config_path();
    const RUNS: usize = 8;
    let children: Vec<_> = (0..RUNS)
        .map(|i| {
            let mut c = configure_at(&env, &config, &format!("p{i}"));
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for child in children {
        let o = wait_bounded(child);
        o.assert_exit(0);
    }
    let text = read(&config);
    for i in 0..RUNS {
        assert!(
            text.contains(&format!("[p{i}]")),
            "profile p{i} lost:\n{text}"
        );
    }
    // No lock or temp file left behind.
    only_entries(config.parent().unwrap(), &["config.toml"]);
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_key_prompt_says_nothing_was_written() {
    let env = Env::new();
    let mut t = on_terminal(&env, &[]);
    t.expect("Client key: ");
    t.send("half-typed\x03");
    let status = t.finish();
    let transcript = t.transcript();
    assert_eq!(status.code(), Some(130), "{transcript}");
    assert!(
        transcript.contains("interrupted: nothing was written"),
        "{transcript}"
    );
    assert!(!env.config_path().exists());
}

// ------------------------------------------------------ config set / unset

/// `config set KEY VALUE`: one setting of a profile, no prompts, checked as the
/// flag is, written as `configure` writes (other profiles and comments kept, 0600).
#[test]
fn config_set_and_unset_change_one_setting_of_a_profile() {
    let env = Env::new();
    let path = env.write_config(
        "# team settings\n[default]\nkey = \"k\"  # the key\nsecret = \"s3cret-value\"\n\n[staging]\nkey = \"st\"\n",
    );
    let run = |args: &[&str]| {
        let mut c = env.cmd();
        c.arg("config").args(args);
        c.run()
    };
    let o = run(&["set", "timeout", "10", "--profile", "staging"]);
    o.assert_exit(0);
    assert!(
        o.stdout().contains("Set timeout = 10 in [staging]"),
        "{}",
        o.stdout()
    );
    assert!(
        o.stderr()
            .contains("`biometrid --profile staging config show`"),
        "{}",
        o.stderr()
    );
    run(&["set", "connect_timeout", "2.5s", "--profile", "staging"]).assert_exit(0);
    run(&["set", "rate", "unlimited", "--profile", "staging"]).assert_exit(0);
    let s = shown(&env, "staging");
    assert_eq!(s["timeout"]["value"], 10.0, "{s}");
    assert_eq!(s["connect_timeout"]["value"], 2.5, "{s}");
    assert_eq!(s["rate"]["kind"], "file", "{s}");
    let text = read(&path);
    assert!(text.starts_with("# team settings\n"), "{text}");
    assert!(text.contains("key = \"k\"  # the key\n"), "{text}");
    assert!(text.contains("secret = \"s3cret-value\""), "{text}");
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    // Invalid values are usage errors naming the setting; nothing is written.
    let before = read(&path);
    for (args, says) in [
        (&["set", "retries", "\"1\""][..], "retries"),
        (&["set", "timeout", "soon"][..], "timeout"),
        (
            &["set", "base_url", "api.example.com"][..],
            "https://api.example.com",
        ),
        (&["set", "timout", "3"][..], "did you mean timeout?"),
    ] {
        let o = run(args);
        o.assert_exit_ctx(2, format_args!("{args:?}"));
        assert!(o.stderr().contains(says), "{args:?}: {}", o.stderr());
    }
    // The secret never goes on a command line.
    let o = run(&["set", "secret", NEW_SECRET]);
    o.assert_exit(2);
    assert!(o.stderr().contains("biometrid configure"), "{}", o.stderr());
    assert_no_secret(&o, NEW_SECRET);
    assert_eq!(read(&path), before);

    // unset removes; unsetting what is not there changes nothing.
    let o = run(&["unset", "timeout", "--profile", "staging"]);
    o.assert_exit(0);
    assert!(!read(&path).contains("timeout = 10"), "{}", read(&path));
    let before = read(&path);
    let o = run(&["unset", "retries"]);
    o.assert_exit(0);
    assert!(o.stdout().contains("nothing changed"), "{}", o.stdout());
    assert_eq!(read(&path), before);
}

/// A config file whose [staging] has a typo, [default] valid (the typo on line 7).
const TYPO_IN_STAGING: &str = "# team settings\n[default]\nkey = \"k\"  # the key\n\
    base_url = \"https://api.example.com\"\n\n[staging]\nsecert = \"oops\"\n";

/// The warning every command that uses [default] prints for the typo in
/// [staging], on `line`.
fn staging_warning(config: &Path, line: usize) -> String {
    format!(
        "warning: invalid config file {}:{line}: [staging] unknown key `secert`, expected one of \
         `key`, `secret`, `base_url`, `timeout`, `connect_timeout`, `retries`, `rate` (not the \
         profile in use, [default]: ignored)",
        config.display()
    )
}

/// Only the profile in use must be valid: `config set` and `config unset` on
/// [default] warn about the typo in [staging], as `config show` does, and change
/// the one key, the rest of the file byte for byte (they refused, exit 3).
#[test]
fn config_set_and_unset_warn_about_another_profiles_error_and_proceed() {
    let env = Env::new();
    let path = env.write_config(TYPO_IN_STAGING);
    let warning = staging_warning(&path, 7);
    let show = env.cmd().args(["config", "show"]).run();
    show.assert_exit(0);
    assert!(show.stderr().contains(&warning), "{}", show.stderr());

    let o = env.cmd().args(["config", "set", "timeout", "5"]).run();
    o.assert_exit(0);
    assert!(o.stderr().contains(&warning), "{}", o.stderr());
    assert!(
        o.stdout().contains("Set timeout = 5 in [default]"),
        "{}",
        o.stdout()
    );
    let set = TYPO_IN_STAGING.replace(
        "base_url = \"https://api.example.com\"\n",
        "base_url = \"https://api.example.com\"\ntimeout = 5\n",
    );
    assert_eq!(read(&path), set);
    // One line more above the typo.
    let moved = staging_warning(&path, 8);

    let o = env
        .cmd()
        .args(["config", "unset", "base_url", "--json"])
        .run();
    o.assert_exit(0);
    assert!(o.stderr().contains(&moved), "{}", o.stderr());
    let line: serde_json::Value = serde_json::from_str(&o.stdout()).unwrap();
    assert_eq!(line["action"], "unset", "{line}");
    let unset = set.replace("base_url = \"https://api.example.com\"\n", "");
    assert_eq!(read(&path), unset);

    // Nothing to remove: still reported, still nothing written.
    let o = env.cmd().args(["config", "unset", "retries"]).run();
    o.assert_exit(0);
    assert!(o.stderr().contains(&warning), "{}", o.stderr());
    assert_eq!(read(&path), unset);

    // configure follows the same rule.
    let mut c = env.cmd();
    c.args(["configure", "--key", "k2"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    let o = c.run();
    o.assert_exit(0);
    assert!(o.stderr().contains(&warning), "{}", o.stderr());
    assert_eq!(
        o.stderr().matches("unknown key").count(),
        1,
        "{}",
        o.stderr()
    );
    assert_no_secret(&o, NEW_SECRET);
    let text = read(&path);
    assert!(text.contains("key = \"k2\"  # the key\n"), "{text}");
    assert!(
        text.ends_with("\n\n[staging]\nsecert = \"oops\"\n"),
        "{text}"
    );
}

/// The profile being changed must be valid, and the file must be TOML: either
/// error refuses (exit 3) and leaves the file as it was. Nor is anything that
/// is not a regular file rewritten.
#[test]
fn config_set_refuses_a_broken_profile_a_broken_file_and_a_device() {
    let env = Env::new();
    let path = env.write_config(TYPO_IN_STAGING);
    for args in [
        &["config", "set", "timeout", "5", "--profile", "staging"][..],
        &["config", "unset", "key", "--profile", "staging"][..],
    ] {
        let o = env.cmd().args(args).run();
        o.assert_exit_ctx(3, format_args!("{args:?}"));
        assert!(o.stderr().contains("secert"), "{args:?}: {}", o.stderr());
        assert!(!o.stderr().contains("warning:"), "{args:?}: {}", o.stderr());
        assert_eq!(read(&path), TYPO_IN_STAGING, "{args:?}");
    }
    let mut c = env.cmd();
    c.args(["configure", "--key", "k2", "--profile", "staging"])
        .env("BIOMETRID_SECRET", NEW_SECRET);
    c.run().assert_exit(3);
    assert_eq!(read(&path), TYPO_IN_STAGING);

    // Not TOML (an unclosed table header in another profile): no profile can be told apart.
    let not_toml = "[default]\nkey = \"k\"\n\n[staging\nkey = \"s\"\n";
    let path = env.write_config(not_toml);
    for args in [
        &["config", "set", "timeout", "5"][..],
        &["config", "unset", "key"][..],
    ] {
        let o = env.cmd().args(args).run();
        o.assert_exit_ctx(3, format_args!("{args:?}"));
        assert!(
            o.stderr().contains("config.toml:4"),
            "{args:?}: {}",
            o.stderr()
        );
        assert_eq!(read(&path), not_toml, "{args:?}");
    }

    let mut c = env.cmd();
    c.args(["--config", "/dev/null", "config", "set", "timeout", "5"]);
    let o = c.run();
    o.assert_exit(3);
    assert!(o.stderr().contains("not a regular file"), "{}", o.stderr());
}
