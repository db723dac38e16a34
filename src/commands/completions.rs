//! `biometrid completions <SHELL>`: print a completion script.
//!
//! The copies committed in `completions/` are this output; `tests/completions.rs`
//! fails when they drift and says how to regenerate them.

use crate::cli::{CompletionsArgs, GlobalOpts};
use crate::error::Result;
use crate::exit::Exit;
use crate::output::Printer;

/// The name the scripts complete: the installed binary's name, not argv[0].
pub const BIN_NAME: &str = "biometrid";

/// The completion script for `shell`: clap_complete's, with what it cannot express
/// added (see [`complete_profiles`] and [`fish_fixes`]).
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * 1024);
    let mut cmd = without_hidden(crate::ops::command());
    clap_complete::generate(shell, &mut cmd, BIN_NAME, &mut out);
    let text = String::from_utf8(out).expect("clap_complete writes UTF-8");
    let text = complete_profiles(shell, &text);
    let text = match shell {
        clap_complete::Shell::Fish => fish_fixes(&cmd, &text),
        _ => text,
    };
    text.into_bytes()
}

/// clap_complete (4.6) offers hidden subcommands too (`config profiles`, which
/// only the scripts call): the scripts are generated from a command line without
/// them. A command that has one is replaced by a copy with what the scripts use
/// (name, about, arguments, visible subcommands).
fn without_hidden(mut cmd: clap::Command) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |sub| {
            let sub = without_hidden(sub);
            if !sub.get_subcommands().any(|s| s.is_hide_set()) {
                return sub;
            }
            let mut copy = clap::Command::new(sub.get_name().to_string())
                .args(sub.get_arguments().cloned())
                .subcommands(sub.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
                .subcommand_required(sub.is_subcommand_required_set());
            if let Some(about) = sub.get_about() {
                copy = copy.about(about.clone());
            }
            copy
        });
    }
    cmd
}

/// The command that lists the config file's profiles for `--profile <TAB>` (as gh
/// and aws complete theirs). It prints names only, never a key or a secret, and
/// nothing when there is no config file; errors are not the completion's business.
const PROFILES: &str = "biometrid config profiles 2>/dev/null";

/// bash: `--config PATH` (or `--config=PATH`) from the line being completed, in
/// `cfg`, so that `--profile <TAB>` lists the profiles of that file (a leading
/// `~/` is the home directory, as the shell would have made it).
const BASH_CONFIG: &str = r#"local cfg=() w i
                    for ((i = 1; i < COMP_CWORD; i++)); do
                        w="${COMP_WORDS[i]}"
                        case "$w" in
                            --config) w="${COMP_WORDS[i+1]}"; cfg=(--config "${w/#\~\//$HOME/}") ;;
                            --config=*) w="${w#--config=}"; cfg=(--config "${w/#\~\//$HOME/}") ;;
                        esac
                    done
                    "#;

/// `--profile <TAB>` offers the profile names of the config file in bash, zsh and
/// fish, instead of file names (clap_complete only knows static values), of the
/// file a `--config` on the same line names.
fn complete_profiles(shell: clap_complete::Shell, text: &str) -> String {
    use clap_complete::Shell;
    let profiles = PROFILES.replacen("biometrid", "biometrid \"${cfg[@]}\"", 1);
    match shell {
        Shell::Bash => text.replace(
            "                --profile)\n                    COMPREPLY=($(compgen -f \"${cur}\"))",
            &format!(
                "                --profile)\n                    {BASH_CONFIG}\
                 COMPREPLY=($(compgen -W \"$({profiles})\" -- \"${{cur}}\"))"
            ),
        ),
        Shell::Zsh => {
            let text: String = text
                .lines()
                .map(|line| {
                    if line.starts_with("'--profile=[") {
                        line.replace(":NAME:_default'", ":NAME:_biometrid_profiles'")
                    } else {
                        line.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
            let helper = format!(
                "(( $+functions[_biometrid_profiles] )) ||\n\
                 _biometrid_profiles() {{\n    \
                 local -a profiles cfg\n    \
                 local i w\n    \
                 # The file a --config on this line names.\n    \
                 for (( i = 1; i < CURRENT; i++ )); do\n        \
                 case $words[i] in\n            \
                 --config) w=${{(Q)words[i+1]}}; cfg=(--config \"${{w/#\\~\\//$HOME/}}\") ;;\n            \
                 --config=*) w=${{(Q)words[i]#--config=}}; cfg=(--config \"${{w/#\\~\\//$HOME/}}\") ;;\n        \
                 esac\n    \
                 done\n    \
                 profiles=(${{(f)\"$({profiles})\"}})\n    \
                 _wanted profiles expl 'profile' compadd -a profiles\n\
                 }}\n\n"
            );
            let tail = "if [ \"$funcstack[1]\" = \"_biometrid\" ]; then";
            text.replacen(tail, &format!("{helper}{tail}"), 1)
        }
        Shell::Fish => {
            let helper = "# The profiles of the config file a --config on this line names.\n\
                function __fish_biometrid_profiles\n    \
                set -l cmd (commandline -opc)\n    \
                set -l cfg\n    \
                for i in (seq (count $cmd))\n        \
                switch $cmd[$i]\n            \
                case --config\n                \
                set -q cmd[(math $i + 1)]; and set cfg --config (string replace -r '^~/' \"$HOME/\" -- $cmd[(math $i + 1)])\n            \
                case '--config=*'\n                \
                set cfg --config (string replace -r '^~/' \"$HOME/\" -- (string replace -- --config= '' $cmd[$i]))\n        \
                end\n    \
                end\n    \
                biometrid $cfg config profiles 2>/dev/null\n\
                end\n";
            let body = text
                .lines()
                .map(|line| {
                    if line.contains(" -l profile ") && line.ends_with(" -r") {
                        format!("{line} -f -a \"(__fish_biometrid_profiles)\"")
                    } else {
                        line.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            format!("{helper}{body}\n")
        }
        _ => text.to_string(),
    }
}

/// clap_complete's fish script (4.6) offers file names where it should not:
/// - after an option that waits for its value at the top level (`biometrid --color
///   <TAB>`), its "needs a command" test fails on the incomplete line, so no rule
///   applies and fish falls back to files: parse the line without its last word;
/// - it completes no positional argument, so `biometrid completions <TAB>` offered
///   files: add the possible values of each subcommand's positionals.
fn fish_fixes(cmd: &clap::Command, text: &str) -> String {
    let needs_command =
        "    argparse -s (__fish_biometrid_global_optspecs) -- $cmd 2>/dev/null\n    or return\n";
    let fixed = "    argparse -s (__fish_biometrid_global_optspecs) -- $cmd 2>/dev/null\n    \
        or begin\n        \
        # The last word may be an option waiting for its value (`biometrid --color `).\n        \
        set -e cmd[-1]\n        \
        argparse -s (__fish_biometrid_global_optspecs) -- $cmd 2>/dev/null\n        \
        and not set -q argv[1]\n        \
        and return 0\n        \
        return 1\n    \
        end\n";
    let mut text = text.replacen(needs_command, fixed, 1);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        for arg in sub.get_positionals().filter(|a| !a.is_hide_set()) {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if values.is_empty() {
                continue;
            }
            let all = values.join(" ");
            text.push_str(&format!(
                "complete -c {BIN_NAME} -n \"__fish_{BIN_NAME}_using_subcommand {}; and not \
                 __fish_seen_subcommand_from {all}\" -f -a \"{all}\"\n",
                sub.get_name()
            ));
        }
    }
    text
}

pub fn run(_global: &GlobalOpts, args: &CompletionsArgs, printer: &mut Printer) -> Result<Exit> {
    // A full disk is 14 and a closed pipe 141: a script cut short is not a success.
    printer.print_bytes(&script(args.shell))?;
    Ok(Exit::Success)
}
