//! Where IDs come from, as a tired operator feeds them (docs/large-runs.md, "Many IDs"):
//! a Windows-saved file (BOM, CRLF), invisible characters, `--from-file -`,
//! `/dev/zero`, empty values, and the line number of an invalid line.

use std::time::Duration;

use crate::util::*;

/// The user IDs the server received, in order.
fn sent(s: &Running) -> Vec<String> {
    records(s).into_iter().filter_map(|r| r.user_id).collect()
}

#[test]
fn a_windows_saved_ids_file_sends_its_real_ids() {
    // A UTF-8 BOM and CRLF line ends, as Notepad saves: with --ignore-missing a
    // BOM left in the first ID would be reported as a missing user, exit 0.
    let text = "\u{feff}u1\r\nu2\r\n";
    let env = Env::new();
    let file = env.file("ids.txt", text);
    for how in ["file", "stdin", "from-file-dash"] {
        let s = server(Scenario::default());
        let mut c = env.cmd_for(&s.base_url());
        c.args(["--json", "restart-state", "--ignore-missing"]);
        let o = match how {
            "file" => c.arg("--from-file").arg(&file).run(),
            "stdin" => c.arg("-").run_with_stdin(text),
            _ => c.args(["--from-file", "-"]).run_with_stdin(text),
        };
        o.assert_exit_ctx(0, how);
        // In the order they arrived: two requests in flight at once may swap.
        let mut ids = sent(&s);
        ids.sort();
        assert_eq!(ids, ["u1", "u2"], "{how}");
        for l in json_lines(&o) {
            assert_eq!(l["message"], "STATE_RESTARTED_WITH_SUCCESS", "{how}: {l}");
        }
    }
}

/// Invisible or line-breaking characters, each inside an ID; the last ones are
/// default-ignorable without being Cf (a Hangul filler, a variation selector,
/// the combining grapheme joiner, a Khmer inherent vowel).
const INVISIBLE: [(&str, &str); 11] = [
    ("u1\u{200b}", "200b"),
    ("u\u{feff}1", "feff"),
    ("u\u{202e}1", "202e"),
    ("u\u{2028}1", "2028"),
    ("u\u{2029}1", "2029"),
    ("u\u{ad}1", "ad"),
    ("u\u{2060}1", "2060"),
    ("a\u{3164}b", "3164"),
    ("a\u{fe0f}b", "fe0f"),
    ("a\u{34f}b", "34f"),
    ("a\u{17b4}b", "17b4"),
];

#[test]
fn an_argument_id_with_an_invisible_character_is_a_usage_error_naming_it_escaped() {
    let s = server(Scenario::default());
    let env = Env::new();
    for (id, code) in INVISIBLE {
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state", "ok", id]);
        let o = c.run();
        o.assert_exit(2);
        let shown = format!("\\u{{{code}}}");
        assert!(o.stderr().contains(&shown), "{code}: {}", o.stderr());
        let raw = char::from_u32(u32::from_str_radix(code, 16).unwrap()).unwrap();
        assert!(
            !o.stderr().contains(raw),
            "{code} shown raw: {}",
            o.stderr()
        );
    }
    assert_eq!(requests(&s), 0, "nothing is sent");
}

#[test]
fn an_invalid_line_is_reported_with_its_line_number_and_the_batch_goes_on() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut text = String::from("# header\nfirst\nbad id\n");
    for (id, _) in INVISIBLE {
        text.push_str(id);
        text.push('\n');
    }
    text.push_str("last\n");
    let file = env.file("ids.txt", &text);
    let mut c = env.cmd_for(&s.base_url());
    c.args(["--json", "restart-state", "--from-file"])
        .arg(&file);
    let o = c.run();
    o.assert_exit(2);
    let lines = json_lines(&o);
    // first, "bad id", the invisible ones, last.
    let invalid = 1 + INVISIBLE.len();
    assert_eq!(lines.len(), invalid + 2, "{}", o.stdout());
    for (i, l) in lines[1..=invalid].iter().enumerate() {
        assert_eq!(l["message"], "INVALID_USER_ID", "{l}");
        assert_eq!(l["exit_code"], 2);
        let want = format!("line {}", i + 3);
        assert!(l["detail"].as_str().unwrap().contains(&want), "{want}: {l}");
    }
    assert_eq!(sent(&s), ["first", "last"]);
    // Human mode names the line on stderr, for stdin too.
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "-"]);
    let o = c.run_with_stdin("a1\n\nbad\tid\n");
    o.assert_exit(2);
    assert!(o.stderr().contains("stdin line 3"), "{}", o.stderr());
}

#[test]
fn from_file_dash_reads_stdin_once() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--from-file", "-"]);
    c.run_with_stdin("a1\na2\n").assert_exit(0);
    assert_eq!(sent(&s), ["a1", "a2"]);
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "-", "--from-file", "-"]);
    let o = c.run_with_stdin("a3\n");
    o.assert_exit(2);
    assert!(o.stderr().contains("stdin"), "{}", o.stderr());
    assert_eq!(requests(&s), 2);
}

#[cfg(unix)]
#[test]
fn dev_zero_as_ids_ends_at_once_with_a_clear_error() {
    let s = server(Scenario::default());
    let env = Env::new();
    for from_file in [true, false] {
        let mut c = env.cmd_for(&s.base_url());
        c.args(["restart-state"]);
        if from_file {
            c.args(["--from-file", "/dev/zero"]);
        } else {
            c.arg("-").stdin(std::fs::File::open("/dev/zero").unwrap());
        }
        let o = c.run_within(Duration::from_secs(20)).out;
        o.assert_exit(2);
        assert!(
            o.stderr().contains("not a list of user IDs"),
            "{}",
            o.stderr()
        );
    }
    assert_eq!(requests(&s), 0);
}

#[test]
fn every_value_sent_is_refused_when_empty() {
    let s = server(Scenario::default());
    let env = Env::new();
    for args in [
        &["create-user", "--reference-id", ""][..],
        &["create-user", "--reference-id", "r1", "--app-token", ""],
        &["create-user", "--reference-id", "r1", "--mac", ""],
        &["find-user", "--mac", ""],
    ] {
        let mut c = env.cmd_for(&s.base_url());
        c.args(args);
        let o = c.run();
        o.assert_exit_ctx(2, format_args!("{args:?}"));
    }
    assert_eq!(requests(&s), 0, "nothing is sent");
}

/// IDs to be read from a stdin the caller closed (`0<&-`) are a usage error
/// (exit 2), nothing sent: the runtime puts /dev/null there, and the run was an
/// empty list and exit 0. IDs given otherwise still run with stdin closed.
#[cfg(unix)]
#[test]
fn ids_from_a_closed_stdin_are_an_error_not_an_empty_list() {
    let s = server(Scenario::default());
    let env = Env::new();
    let closed_stdin = |args: &[&str]| {
        let inner = env.cmd_for(&s.base_url());
        let mut c = std::process::Command::new("sh");
        c.args(["-c", r#"exec "$0" "$@" 0<&-"#])
            .arg(inner.get_program())
            .args(args)
            .env_clear()
            .envs(inner.get_envs().filter_map(|(k, v)| Some((k, v?))));
        c.run()
    };
    for args in [
        &["restart-state", "-"][..],
        &["restart-state", "--from-file", "-"],
        &["restart-state", "--from-file", "/dev/stdin"],
        &["delete-user", "--yes", "-"],
    ] {
        let o = closed_stdin(args);
        o.assert_exit(2);
        assert!(
            o.stderr()
                .contains("stdin was closed when biometrid started"),
            "{args:?}: {}",
            o.stderr()
        );
    }
    assert_eq!(requests(&s), 0);
    closed_stdin(&["restart-state", "u1"]).assert_exit(0);
    assert_eq!(requests(&s), 1);
}
