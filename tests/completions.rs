//! `biometrid completions <shell>`, the committed copies in `completions/` and `man/`
//! (always what the binary generates), real shells offering `restart-state`, and the
//! EXAMPLES section of every command's `--help`.
//!
//! Regenerate the committed files after changing the command line:
//!
//!     BIOMETRID_BLESS=1 cargo test --test completions

mod common;
#[cfg(unix)]
mod pty;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Each shell and its committed script.
const SCRIPTS: [(&str, &str); 5] = [
    ("bash", "biometrid.bash"),
    ("zsh", "_biometrid"),
    ("fish", "biometrid.fish"),
    ("powershell", "_biometrid.ps1"),
    ("elvish", "biometrid.elv"),
];

const REGENERATE: &str = "BIOMETRID_BLESS=1 cargo test --test completions";

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
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "{name} is not installed, and CI must test its completions (.ci/run installs it with apt-get)"
        );
        eprintln!("note: {name} is not installed; skipping its completion test (CI runs it)");
    }
    found
}

fn script(shell: &str) -> Vec<u8> {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["completions", shell]);
    let o = run(c);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    o.stdout
}

/// Compare (or, when blessing, write) generated files against a committed directory,
/// which must hold exactly these files.
fn check_committed(dir: &Path, generated: &[(String, Vec<u8>)], how: &str) {
    if bless() {
        std::fs::create_dir_all(dir).unwrap();
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
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
    for n in names {
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
    let o = run(c);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("bash"), "{}", stderr(&o));
}

#[test]
fn writing_into_a_closed_pipe_ends_quietly() {
    let env = Env::new();
    let mut c = env.cmd();
    c.args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

// ---- The scripts in real shells --------------------------------------------------

#[test]
fn bash_offers_restart_state() {
    let bash = shell("bash").expect("bash is required for the completion tests");
    let file = repo().join("completions/biometrid.bash");
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
            .env("HOME", Env::new().home())
            .output()
            .unwrap();
        assert!(o.status.success(), "bash: {}", stderr(&o));
        stdout(&o).lines().map(str::to_string).collect()
    };
    let offered = complete("biometrid ");
    assert!(offered.iter().any(|w| w == "restart-state"), "{offered:?}");
    let offered = complete("biometrid rest");
    assert_eq!(offered, ["restart-state"]);
    let offered = complete("biometrid restart-state --ig");
    assert_eq!(offered, ["--ignore-missing"]);
    let offered = complete("biometrid completions ");
    assert!(offered.iter().any(|w| w == "powershell"), "{offered:?}");
}

#[test]
fn fish_offers_restart_state() {
    let Some(fish) = shell("fish") else { return };
    let env = Env::new();
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
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .output()
            .unwrap();
        assert!(o.status.success(), "fish: {}", stderr(&o));
        stdout(&o)
    };
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
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
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
    t.kill();
}

// ---- Man pages ---------------------------------------------------------------------

/// One page per command (`biometrid.1`, `biometrid-restart-state.1`, ...), rendered with
/// clap_mangen; the after-help text becomes EXAMPLES and EXIT STATUS sections.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    use clap::CommandFactory;
    let mut cmd = biometrid::cli::Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect_pages(&cmd, &mut pages);
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

fn collect_pages(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out).unwrap();
    man.render_name_section(&mut out).unwrap();
    man.render_synopsis_section(&mut out).unwrap();
    man.render_description_section(&mut out).unwrap();
    man.render_options_section(&mut out).unwrap();
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
    let o = run(c);
    assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
    stdout(&o)
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
