//! `biometrid completions <shell>`, the committed copies in `completions/` and `man/`
//! (always what the binary generates), real shells offering `restart-state`, and the
//! EXAMPLES section of every command's `--help`.
//!
//! Regenerate the committed files after changing the command line:
//!
//!     BIOMETRID_BLESS=1 cargo test --test integration completions::

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::*;

/// Each shell and its committed script.
const SCRIPTS: [(&str, &str); 5] = [
    ("bash", "biometrid.bash"),
    ("zsh", "_biometrid"),
    ("fish", "biometrid.fish"),
    ("powershell", "_biometrid.ps1"),
    ("elvish", "biometrid.elv"),
];

const REGENERATE: &str = "BIOMETRID_BLESS=1 cargo test --test integration completions::";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("BIOMETRID_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// In CI (`CI=true`, as CI services set it) a missing shell fails the test;
/// on a developer machine the test is skipped with a note.
fn shell(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        cannot_run(&format!(
            "{name} is not installed (.ci/run installs it with apt-get for CI)"
        ));
    }
    found
}

fn script(shell: &str) -> Vec<u8> {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["completions", shell]);
    let o = c.run();
    o.assert_exit(0);
    assert!(o.stderr.is_empty(), "{}", o.stderr());
    o.stdout
}

/// Compare (or, when blessing, write) generated files against a committed directory,
/// which must hold exactly these files.
fn check_committed(dir: &Path, generated: &[(String, Vec<u8>)], how: &str) {
    if bless() {
        std::fs::create_dir_all(dir).unwrap();
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "5") {
                continue;
            }
            if !generated
                .iter()
                .any(|(n, _)| p.file_name().unwrap() == n.as_str())
            {
                std::fs::remove_file(&p).unwrap();
            }
        }
        for (name, bytes) in generated {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, bytes) in generated {
        match std::fs::read(dir.join(name)) {
            Ok(committed) if &committed == bytes => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    // Section-5 pages (the file formats) are hand-written, with their own test.
    for n in names.into_iter().filter(|n| !n.ends_with(".5")) {
        if !generated.iter().any(|(g, _)| *g == n) {
            stale.push(format!("{n} is not generated any more"));
        }
    }
    assert!(
        stale.is_empty(),
        "{} is out of date with {how}: {}.\nRegenerate with: {REGENERATE}",
        dir.display(),
        stale.join(", ")
    );
}

#[test]
fn committed_completion_scripts_are_what_the_binary_generates() {
    let generated: Vec<(String, Vec<u8>)> = SCRIPTS
        .iter()
        .map(|(shell, file)| (file.to_string(), script(shell)))
        .collect();
    for (name, bytes) in &generated {
        let text = String::from_utf8_lossy(bytes);
        assert!(text.contains("restart-state"), "{name}");
        assert!(text.contains("ignore-missing"), "{name}");
    }
    check_committed(
        &repo().join("completions"),
        &generated,
        "`biometrid completions <shell>` (e.g. biometrid completions zsh > completions/_biometrid)",
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["completions", "tcsh"]);
    let o = c.run();
    o.assert_exit(2);
    assert!(o.stdout().is_empty());
    assert!(o.stderr().contains("bash"), "{}", o.stderr());
}

#[test]
fn writing_into_a_closed_pipe_ends_quietly_with_141() {
    // A script cut short is not a success (every command: tests/output_failures.rs).
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["completions", "bash"])
        .stdout(closed_pipe())
        .stderr(std::process::Stdio::piped());
    let o = wait_bounded(c.spawn().unwrap());
    o.assert_exit(141);
    assert!(o.stderr.is_empty(), "{}", o.stderr());
}

// ---- The scripts in real shells --------------------------------------------------

#[test]
fn bash_offers_restart_state() {
    let bash = shell("bash").expect("bash is required for the completion tests");
    let file = repo().join("completions/biometrid.bash");
    let env = Env::new();
    env.write_config(PROFILES_CONFIG);
    // The function `complete -p` registered, called as bash calls it at `biometrid <TAB>`.
    let complete = |line: &str| -> Vec<String> {
        let words = line.split(' ').count() - 1;
        let o = Command::new(&bash)
            .args(["--norc", "--noprofile", "-c"])
            .arg(format!(
                r#"source "$1" || exit 9
                   spec=$(complete -p biometrid) || exit 8
                   fn=${{spec#*-F }}; fn=${{fn%% *}}
                   COMP_LINE="$2"; COMP_POINT=${{#COMP_LINE}}
                   read -r -a COMP_WORDS <<< "$COMP_LINE"
                   [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                   COMP_CWORD={words}
                   "$fn" biometrid "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
                   printf '%s\n' "${{COMPREPLY[@]}}""#
            ))
            .arg("bash")
            .arg(&file)
            .arg(line)
            .env_clear()
            .env("HOME", env.home())
            .env("XDG_CONFIG_HOME", env.xdg())
            .env("PATH", bin_path())
            .output()
            .unwrap();
        assert!(o.status.success(), "bash: {}", o.stderr());
        o.stdout().lines().map(str::to_string).collect()
    };
    let offered = complete("biometrid ");
    assert!(offered.iter().any(|w| w == "restart-state"), "{offered:?}");
    let offered = complete("biometrid rest");
    assert_eq!(offered, ["restart-state"]);
    let offered = complete("biometrid restart-state --ig");
    assert_eq!(offered, ["--ignore-missing"]);
    let offered = complete("biometrid completions ");
    assert!(offered.iter().any(|w| w == "powershell"), "{offered:?}");
    // --profile offers the config file's profiles, before and after the command.
    assert_eq!(complete("biometrid --profile "), PROFILE_NAMES);
    assert_eq!(
        complete("biometrid restart-state --profile st"),
        ["staging"]
    );
    assert_eq!(complete("biometrid config show --profile p"), ["prod-eu"]);
    // A --config on the same line: that file's profiles (it offered the default file's).
    let other = other_config(&env);
    assert_eq!(
        complete(&format!(
            "biometrid --config {other} restart-state --profile "
        )),
        ["only-here", "qa"]
    );
    assert_eq!(
        complete(&format!("biometrid --config={other} --profile o")),
        ["only-here"]
    );
    // The hidden `config profiles` is the scripts' business, not offered.
    let offered = complete("biometrid config ");
    assert!(offered.iter().any(|w| w == "show"), "{offered:?}");
    assert!(!offered.iter().any(|w| w == "profiles"), "{offered:?}");
}

/// Another config file, with profiles of its own, for `--config F --profile <TAB>`.
fn other_config(env: &Env) -> String {
    let path = env.file("other.toml", "[only-here]\ntimeout = 1\n\n[qa]\n");
    set_mode(&path, 0o600);
    path.to_str().unwrap().to_string()
}

/// A config file with three profiles, for `--profile <TAB>`.
const PROFILES_CONFIG: &str = "[default]\nkey = \"k\"\nsecret = \"profile-test-secret\"\n\n\
    [staging]\nkey = \"s\"\n\n[prod-eu]\ntimeout = 5\n";
const PROFILE_NAMES: [&str; 3] = ["default", "prod-eu", "staging"];

/// PATH with the built `biometrid` first: the scripts call `biometrid config profiles`.
fn bin_path() -> std::ffi::OsString {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_biometrid")).parent().unwrap();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(std::env::split_paths(&rest)))
        .unwrap()
}

#[test]
fn fish_offers_restart_state() {
    let Some(fish) = shell("fish") else { return };
    let env = Env::new();
    env.write_config(PROFILES_CONFIG);
    let complete = |line: &str| -> String {
        let o = Command::new(&fish)
            .args([
                "--no-config",
                "-c",
                r#"source $argv[1]; and complete -C"$argv[2]""#,
            ])
            .arg(repo().join("completions/biometrid.fish"))
            .arg(line)
            .env_clear()
            .env("HOME", env.home())
            .env("XDG_CONFIG_HOME", env.xdg())
            .env("XDG_DATA_HOME", env.dir.path().join("data"))
            .env("PATH", bin_path())
            // Files to be offered where they should not be.
            .current_dir(repo())
            .output()
            .unwrap();
        assert!(o.status.success(), "fish: {}", o.stderr());
        o.stdout()
    };
    let words = |text: String| -> Vec<String> {
        text.lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    // Values, never file names: the shell, --color's values, the profiles.
    assert_eq!(
        words(complete("biometrid completions ")),
        ["bash", "elvish", "fish", "powershell", "zsh"]
    );
    assert_eq!(
        words(complete("biometrid --color ")),
        ["always", "auto", "never"]
    );
    assert_eq!(
        words(complete("biometrid restart-state --color ")),
        ["always", "auto", "never"]
    );
    assert_eq!(words(complete("biometrid --profile ")), PROFILE_NAMES);
    assert_eq!(
        words(complete("biometrid config show --profile s")),
        ["staging"]
    );
    let other = other_config(&env);
    assert_eq!(
        words(complete(&format!(
            "biometrid --config {other} restart-state --profile "
        ))),
        ["only-here", "qa"]
    );
    assert!(
        !words(complete("biometrid config ")).contains(&"profiles".to_string()),
        "the hidden command is offered"
    );
    let offered = complete("biometrid ");
    assert!(
        offered.lines().any(|l| l.starts_with("restart-state\t")),
        "{offered}"
    );
    let offered = complete("biometrid restart-state --ig");
    assert!(offered.starts_with("--ignore-missing"), "{offered}");
}

/// zsh completes only inside its line editor, so it runs interactively on a pty and
/// gets a real Tab.
#[cfg(unix)]
#[test]
fn zsh_offers_restart_state() {
    let Some(zsh) = shell("zsh") else { return };
    let env = Env::new();
    env.write_config(PROFILES_CONFIG);
    let fpath = env.dir.path().join("zfunc");
    std::fs::create_dir_all(&fpath).unwrap();
    std::fs::copy(
        repo().join("completions/_biometrid"),
        fpath.join("_biometrid"),
    )
    .unwrap();
    let mut c = Command::new(zsh);
    c.args(["-f", "-i"])
        .env_clear()
        .env("HOME", env.home())
        .env("ZDOTDIR", env.home())
        .env("TERM", "xterm")
        .env("XDG_CONFIG_HOME", env.xdg())
        .env("PATH", bin_path())
        .env("FPATH_DIR", &fpath);
    let mut t = pty::Pty::spawn(c);
    // `$((6*7))` prints 42 only when run: the echo of the typed line does not match.
    t.send(
        "fpath=(\"$FPATH_DIR\" $fpath); autoload -Uz compinit && compinit -u -D && echo loaded-$((6*7))\r",
    );
    t.expect("loaded-42");
    t.send("biometrid \t");
    t.expect("restart-state");
    // Clear the line, then complete an option of restart-state.
    t.send("\x15biometrid restart-state --ig\t");
    t.expect("--ignore-missing");
    // --profile offers the config file's profiles: one match completes in place.
    t.send("\x15biometrid --profile st\t");
    t.expect("--profile staging");
    t.send("\x15biometrid restart-state --profile pr\t");
    t.expect("--profile prod-eu");
    // A --config on the same line: that file's profiles.
    let other = other_config(&env);
    t.send(&format!("\x15biometrid --config {other} --profile on\t"));
    t.expect("--profile only-here");
    t.kill();
}

// ---- Man pages ---------------------------------------------------------------------

/// One page per command (`biometrid.1`, `biometrid-restart-state.1`, ...), rendered with
/// clap_mangen; the after-help text becomes EXAMPLES and EXIT STATUS sections.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut cmd = biometrid::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect_pages(&cmd, &mut pages);
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

fn collect_pages(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
    // A command's help leaves the global options to `biometrid --help`; its page
    // leaves them to biometrid(1), and says so.
    let inherited = cmd
        .get_arguments()
        .any(|a| a.is_global_set() && a.is_hide_set());
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out).unwrap();
    man.render_name_section(&mut out).unwrap();
    man.render_synopsis_section(&mut out).unwrap();
    man.render_description_section(&mut out).unwrap();
    man.render_options_section(&mut out).unwrap();
    if inherited {
        out.extend_from_slice(
            b".SH \"GLOBAL OPTIONS\"\nThose of \\fBbiometrid\\fR(1), but for any this page says it refuses.\n",
        );
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut out).unwrap();
    }
    if let Some(after) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        out.extend_from_slice(after_help_roff(&after.to_string()).as_bytes());
    }
    man.render_version_section(&mut out).unwrap();
    pages.push((man.get_filename(), out));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_pages(sub, pages);
    }
}

/// After-help text as roff: `Heading:` lines start sections, indented lines are kept as
/// they are (examples, tables), other lines are filled text.
fn after_help_roff(text: &str) -> String {
    fn escape(line: &str) -> String {
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        if line.starts_with('.') || line.starts_with('\'') {
            format!("\\&{line}")
        } else {
            line
        }
    }
    let mut out = String::new();
    let mut in_section = false;
    let mut literal = false;
    for line in text.lines() {
        let heading = !line.starts_with(' ') && line.ends_with(':') && !line.contains(". ");
        let indented = line.starts_with("  ");
        if literal && !indented {
            out.push_str(".fi\n");
            literal = false;
        }
        if heading {
            let name = match line.trim_end_matches(':') {
                "Exit codes" => "EXIT STATUS".to_string(),
                other => other.to_uppercase(),
            };
            out.push_str(&format!(".SH \"{name}\"\n"));
            in_section = true;
        } else {
            if !in_section {
                out.push_str(".SH NOTES\n");
                in_section = true;
            }
            if line.trim().is_empty() {
                out.push_str(".PP\n");
            } else if indented {
                if !literal {
                    out.push_str(".nf\n");
                    literal = true;
                }
                out.push_str(&escape(line));
                out.push('\n');
            } else {
                out.push_str(&escape(line));
                out.push('\n');
            }
        }
    }
    if literal {
        out.push_str(".fi\n");
    }
    out
}

#[test]
fn committed_man_pages_are_current() {
    let pages = man_pages();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "biometrid.1",
        "biometrid-restart-state.1",
        "biometrid-configure.1",
        "biometrid-config-show.1",
        "biometrid-completions.1",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    let top = String::from_utf8_lossy(&pages.iter().find(|p| p.0 == "biometrid.1").unwrap().1)
        .into_owned();
    assert!(top.contains(".SH \"EXAMPLES\""), "{top}");
    let restart = String::from_utf8_lossy(
        &pages
            .iter()
            .find(|p| p.0 == "biometrid-restart-state.1")
            .unwrap()
            .1,
    )
    .into_owned();
    assert!(restart.contains(".SH \"EXIT STATUS\""), "{restart}");
    check_committed(
        &repo().join("man"),
        &pages,
        "the command line (clap_mangen)",
    );
}

// ---- --help ------------------------------------------------------------------------

fn help(args: &[&str]) -> String {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(args).arg("--help");
    let o = c.run();
    o.assert_exit_ctx(0, format_args!("{args:?}"));
    o.stdout()
}

/// The lines of the Examples section.
fn examples(help: &str) -> Vec<&str> {
    let mut lines = help.lines().skip_while(|l| *l != "Examples:");
    assert!(lines.next().is_some(), "no Examples section in:\n{help}");
    lines.take_while(|l| l.starts_with("  ")).collect()
}

#[test]
fn top_level_and_restart_state_help_show_the_common_cases() {
    for args in [&[][..], &["restart-state"][..]] {
        let text = help(args);
        let ex = examples(&text).join("\n");
        for (case, needle) in [
            ("a single ID", "restart-state 59147e5afdda9b0ac0f5e31f"),
            ("IDs from a file", "--from-file"),
            ("JSON piped to jq", "--json"),
            ("a CI step", "--ignore-missing"),
            ("choosing a profile", "--profile"),
        ] {
            assert!(ex.contains(needle), "{args:?}: no example of {case}:\n{ex}");
        }
        assert!(ex.contains("| jq"), "{ex}");
    }
}

/// The long names of the options `help` describes: its indented lines that begin
/// with an option (`-q, --quiet  ...`, `--key <KEY>`), in short or long format.
fn described_options(help: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in help.lines().filter(|l| l.starts_with("  ")) {
        let t = line.trim_start();
        let b = t.as_bytes();
        let t = if b.len() > 4 && b[0] == b'-' && b[1] != b'-' && &t[2..4] == ", " {
            &t[4..]
        } else {
            t
        };
        if !t.starts_with("--") {
            continue;
        }
        let end = t[2..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(t.len(), |i| i + 2);
        let rest = &t[end..];
        if rest.is_empty() || rest.starts_with(" <") || rest.starts_with("  ") {
            names.push(t[..end].to_string());
        }
    }
    names
}

/// The names in the short "Global options:" section of a command's help.
fn global_section(help: &str) -> String {
    let mut lines = help.lines().skip_while(|l| *l != "Global options:");
    assert!(
        lines.next().is_some(),
        "no Global options section in:\n{help}"
    );
    lines
        .take_while(|l| l.starts_with("  "))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every global option, by its long name.
const GLOBAL_OPTIONS: [&str; 16] = [
    "--key",
    "--secret",
    "--secret-file",
    "--profile",
    "--config",
    "--base-url",
    "--timeout",
    "--connect-timeout",
    "--rate",
    "--retries",
    "--cacert",
    "--allow-insecure-http",
    "--json",
    "--quiet",
    "--verbose",
    "--color",
];

/// `biometrid --help` describes every global option; a command's help names them
/// once, briefly (as gh's INHERITED FLAGS), instead of repeating all of them.
#[test]
fn global_options_are_described_once_and_named_in_each_command() {
    let top = help(&[]);
    let described = described_options(&top);
    for flag in GLOBAL_OPTIONS {
        assert!(
            described.iter().any(|d| d == flag),
            "{flag} not described in:\n{top}"
        );
    }
    for args in [
        &["enroll-status"][..],
        &["config", "show"][..],
        &["api"][..],
    ] {
        for long in [false, true] {
            let env = Env::new();
            let o = env
                .cmd()
                .args(args)
                .arg(if long { "--help" } else { "-h" })
                .run();
            o.assert_exit(0);
            let text = o.stdout();
            for name in described_options(&text) {
                assert!(
                    !GLOBAL_OPTIONS.contains(&name.as_str()),
                    "{args:?}: {name}, a global option, described again:\n{text}"
                );
            }
            let names = global_section(&text);
            for flag in ["--key", "--base-url", "--json", "-v", "--color"] {
                assert!(names.contains(flag), "{args:?}: {flag} not named: {names}");
            }
            assert!(names.contains("biometrid --help"), "{names}");
        }
    }
}

/// The sandbox's help leaves out the client options it refuses.
#[test]
fn sandbox_help_leaves_out_the_client_options_it_refuses() {
    // As the sandbox refuses them: `sandbox exec` passes the last six on to CMD.
    let client_settings = [
        "--key",
        "--secret",
        "--secret-file",
        "--base-url",
        "--cacert",
        "--allow-insecure-http",
        "--timeout",
        "--connect-timeout",
        "--retries",
        "--rate",
        "--profile",
        "--config",
    ];
    for (args, refused) in [
        (&["sandbox"][..], &client_settings[..]),
        (&["sandbox", "exec"][..], &client_settings[..6]),
    ] {
        let text = help(args);
        let names = global_section(&text);
        let listed: Vec<&str> = names
            .split([',', ' ', ';'])
            .filter(|w| w.starts_with('-'))
            .collect();
        for flag in refused {
            assert!(
                !described_options(&text).iter().any(|d| d == flag),
                "{args:?} describes {flag}, which it refuses:\n{text}"
            );
            assert!(!listed.contains(flag), "{args:?} names {flag}: {names}");
        }
        for flag in ["--json", "-v", "--color"] {
            assert!(
                listed.contains(&flag),
                "{args:?}: {flag} not named: {names}"
            );
        }
    }
}

#[test]
fn every_command_has_examples_of_itself() {
    for (args, needle) in [
        (&["config"][..], "biometrid config show"),
        (&["config", "show"][..], "biometrid config show --profile"),
        (&["config", "path"][..], "biometrid config path"),
        (&["configure"][..], "biometrid configure --no-input"),
        (&["completions"][..], "biometrid completions zsh"),
        (&["sandbox"][..], "biometrid sandbox"),
    ] {
        let text = help(args);
        let ex = examples(&text).join("\n");
        assert!(ex.contains(needle), "{args:?}: {needle:?} not in:\n{ex}");
    }
    // A CI step and a profile choice for configure; one install line per shell.
    let ex = examples(&help(&["configure"])).join("\n");
    assert!(
        ex.contains("--profile") && ex.contains("--secret-file -"),
        "{ex}"
    );
    let ex = examples(&help(&["completions"])).join("\n");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(
            ex.contains(&format!("completions {shell}")),
            "{shell}: {ex}"
        );
    }
}

/// biometrid-config(5) is hand-written, so a test keeps it true: it documents every key
/// the config file accepts (as the parser's own error lists them), its example is read
/// as the page says, it names this version, and groff renders it without a warning.
#[test]
fn config_man_page_documents_every_key_and_its_example_is_read_as_it_says() {
    let page = std::fs::read_to_string(repo().join("man/biometrid-config.5")).unwrap();
    let env = Env::new();
    let probe = env.write_config("[default]\nno_such_key = 1\n");
    let refused = env.cmd().args(["config", "show"]).run();
    refused.assert_exit(3);
    let stderr = refused.stderr();
    let keys = stderr
        .split_once("expected one of ")
        .unwrap_or_else(|| panic!("{stderr}"))
        .1
        .lines()
        .next()
        .unwrap();
    let keys: Vec<&str> = keys.split(", ").map(|k| k.trim_matches('`')).collect();
    assert!(keys.len() >= 6, "{keys:?}");
    for key in &keys {
        let entry = format!(".TP\n.B {}\n", key.replace('-', "\\-"));
        assert!(
            page.contains(&entry),
            "config key `{key}` is not documented in man/biometrid-config.5 (KEYS)"
        );
    }
    // The example (the first .EX block), as a user would copy it from `man`.
    let example: String = page
        .split_once(".EX\n")
        .and_then(|(_, rest)| rest.split_once(".EE\n"))
        .expect("an .EX example")
        .0
        .replace("\\-", "-");
    std::fs::write(&probe, example).unwrap();
    set_mode(&probe, 0o600);
    let shown = |args: &[&str]| {
        let o = env
            .cmd()
            .args(args)
            .args(["config", "show", "--json"])
            .run();
        o.assert_exit(0);
        assert!(o.stderr.is_empty(), "{}", o.stderr());
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let default = shown(&[]);
    assert_eq!(default["key"]["value"], "cli-key");
    assert_eq!(default["base_url"]["value"], "https://api.biometrid.com/");
    let staging = shown(&["--profile", "staging"]);
    assert_eq!(staging["key"]["value"], "staging-key");
    assert_eq!(
        staging["base_url"]["value"],
        "https://biometrid.staging.example/"
    );
    assert_eq!(staging["timeout"]["value"], 10.0);
    assert_eq!(staging["retries"]["value"], 1);
    assert_eq!(staging["rate"]["value"], "10/s");
    let th = page.lines().find(|l| l.starts_with(".TH ")).unwrap();
    assert!(
        th.contains(&format!("biometrid {}", env!("CARGO_PKG_VERSION"))),
        "{th}"
    );
    if let Some(groff) = shell("groff") {
        let o = Command::new(groff)
            .args(["-man", "-ww", "-z", "-Tutf8"])
            .arg(repo().join("man/biometrid-config.5"))
            .output()
            .unwrap();
        assert!(o.status.success() && o.stderr.is_empty(), "{}", o.stderr());
    }
}

// ---- The README's install lines and links ------------------------------------------

/// Run the README's install lines (the `readme-test: NAME` block) with `sh`, one at a
/// time, in a fresh HOME, with the built `biometrid` first on PATH, from the checkout
/// (for `man/*.1`). Returns HOME.
fn run_install_lines(name: &str, env: &Env) -> Vec<String> {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_biometrid")).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin_dir.to_path_buf()).chain(["/usr/bin".into(), "/bin".into()]),
    )
    .unwrap();
    let lines: Vec<String> = readme_block(name)
        .into_iter()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    assert!(!lines.is_empty(), "{name}: no lines to run");
    for line in &lines {
        let o = Command::new("sh")
            .args(["-c", line])
            .current_dir(repo())
            .env_clear()
            .env("HOME", env.home())
            .env("PATH", &path)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "README line failed on a fresh HOME: {line}\n{}",
            o.stderr()
        );
    }
    lines
}

/// `~/x` in a README line as a path under `home`.
fn expand(word: &str, home: &Path) -> PathBuf {
    match word.strip_prefix("~/") {
        Some(rest) => home.join(rest),
        None => PathBuf::from(word),
    }
}

#[test]
fn readme_completion_install_lines_work_in_a_fresh_home() {
    let env = Env::new();
    let lines = run_install_lines("completions", &env);
    let mut shells = Vec::new();
    for line in &lines {
        // `... biometrid completions SHELL > FILE`: FILE holds that shell's script.
        let (command, target) = line.rsplit_once(" > ").expect(line);
        let shell = command.rsplit(' ').next().unwrap();
        let file = expand(target.trim(), &env.home());
        assert!(file.starts_with(env.home()), "{line}: writes outside HOME");
        let written = std::fs::read(&file).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert!(written == script(shell), "{line}: not the {shell} script");
        shells.push(shell.to_string());
    }
    assert_eq!(shells, ["bash", "zsh", "fish"]);
}

#[test]
fn readme_man_page_install_lines_work_in_a_fresh_home() {
    let env = Env::new();
    let lines = run_install_lines("man", &env);
    // One line per section: `install ... -t DIR/manN man/*.N`.
    let mut count = 0;
    for line in &lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        let dir = words.iter().position(|w| *w == "-t").map(|i| words[i + 1]);
        let dir = expand(dir.expect("install -t DIR"), &env.home());
        let section = words.last().unwrap().strip_prefix("man/*.").expect(line);
        assert!(dir.ends_with(format!("man{section}")), "{}", dir.display());
        for entry in std::fs::read_dir(repo().join("man")).unwrap() {
            let page = entry.unwrap().path();
            if page.extension().unwrap() != section {
                continue;
            }
            let name = page.file_name().unwrap();
            let installed =
                std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name:?}: {e}"));
            assert!(
                installed == std::fs::read(&page).unwrap(),
                "{name:?} differs"
            );
            count += 1;
        }
    }
    let pages = std::fs::read_dir(repo().join("man")).unwrap().count();
    assert_eq!(
        count, pages,
        "not every page in man/ is installed: {lines:?}"
    );
    assert!(count >= 6, "only {count} man pages");
}

/// Every relative link in the repository's Markdown files points at a file inside the
/// repository (and an `#anchor` at a heading of its file): the README must stand on
/// its own wherever the repository is cloned or packaged.
#[test]
fn markdown_links_resolve_inside_the_repository() {
    let root = repo().canonicalize().unwrap();
    let mut files = vec![root.join("README.md"), root.join("SECURITY.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") {
            files.push(p);
        }
    }
    // The guides the README sends a newcomer to are checked like the README itself.
    for page in [
        "sandbox.md",
        "large-runs.md",
        "user-guide.md",
        "development.md",
    ] {
        let page = root.join("docs").join(page);
        assert!(files.contains(&page), "{} is not checked", page.display());
    }
    let mut bad = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for target in markdown_links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let linked = if path.is_empty() {
                file.clone()
            } else {
                match file.parent().unwrap().join(path).canonicalize() {
                    Ok(p) if p.starts_with(&root) => p,
                    Ok(p) => {
                        bad.push(format!(
                            "{}: {target} is outside the repository ({})",
                            file.display(),
                            p.display()
                        ));
                        continue;
                    }
                    Err(_) => {
                        bad.push(format!("{}: {target} does not exist", file.display()));
                        continue;
                    }
                }
            };
            if !anchor.is_empty() {
                let headings = std::fs::read_to_string(&linked).unwrap_or_default();
                if !headings
                    .lines()
                    .any(|l| l.starts_with('#') && slug(l) == anchor)
                {
                    bad.push(format!("{}: {target}: no such heading", file.display()));
                }
            }
        }
        // Neither a link nor a citation of a document outside the repository.
        assert!(!text.contains("../shared"), "{}", file.display());
    }
    assert!(checked >= 3, "the link scan found only {checked} links");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The targets of `[text](target)` links, outside code spans and code blocks.
fn markdown_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if fenced || line.starts_with("    ") {
            continue;
        }
        // Drop `code spans`, where `](` is not a link.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = prose.as_str();
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let end = after.find(')').unwrap_or(after.len());
            links.push(after[..end].trim().to_string());
            rest = &after[end..];
        }
    }
    links
}

/// GitHub's anchor for a heading line: lower case, punctuation dropped, spaces as `-`.
fn slug(heading: &str) -> String {
    heading
        .trim_start_matches('#')
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn markdown_link_scan_finds_links_and_slugs() {
    let links =
        markdown_links("see [a](x.md) and `[b](not)`\n```\n[c](no)\n```\n[d](#shell-completions)");
    assert_eq!(links, ["x.md", "#shell-completions"]);
    assert_eq!(slug("## Shell completions"), "shell-completions");
    assert_eq!(slug("### Man pages: `man/`"), "man-pages-man");
}
