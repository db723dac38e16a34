//! Output that cannot be written, for every command: a full disk (`/dev/full`)
//! and a descriptor closed by the caller (`>&-`) exit 14, a closed pipe 141;
//! never 0 or 1.

use std::process::{Command, Stdio};

use crate::util::*;

/// Commands that write to stdout and need no server, with what each prints.
const LOCAL: [&[&str]; 7] = [
    &["completions", "bash"],
    &["--help"],
    &["restart-state", "--help"],
    &["--version"],
    &["help"],
    &["config", "path"],
    &["config", "show", "--json"],
];

/// Commands that write to stdout after a request to the sandbox.
const REMOTE: [&[&str]; 3] = [
    &["restart-state", "u1"],
    &["enroll-status", "--json", "u1"],
    &["find-user", "--mac", "aa:bb:cc:dd:ee:ff"],
];

fn each_command(env: &Env, base_url: &str, mut check: impl FnMut(Command, String)) {
    for args in LOCAL {
        let mut c = env.cmd();
        c.args(args);
        check(c, args.join(" "));
    }
    for args in REMOTE {
        let mut c = env.cmd_for(base_url);
        c.args(args);
        check(c, args.join(" "));
    }
}

/// The sandbox with a device associated to a user, so that every REMOTE command succeeds.
fn sandbox_for_all() -> Server {
    let u1 = sandbox::SeedUser {
        id: "u1".into(),
        mac: Some("aa:bb:cc:dd:ee:ff".into()),
        ..sandbox::SeedUser::default()
    };
    server(Scenario {
        seeded: vec![u1],
        ..Scenario::default()
    })
}

#[test]
fn every_command_writes_normally_to_a_pipe_and_dev_null() {
    // The baseline of the tests below: each command succeeds and prints something.
    let s = sandbox_for_all();
    let env = Env::new();
    each_command(&env, &s.base_url(), |mut c, what| {
        let o = c.run();
        o.assert_exit_ctx(0, &what);
        assert!(!o.stdout.is_empty(), "{what}: nothing on stdout");
        c.stdout(Stdio::null()).stderr(Stdio::piped());
        let o = wait_bounded(c.spawn().unwrap());
        o.assert_exit_ctx(0, format_args!("{what} > /dev/null"));
        // Opened read-write, as Python's subprocess.DEVNULL and Node's "ignore"
        // do: the caller's choice, not a closed stdout.
        let null = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
            .unwrap();
        c.stdout(null);
        let o = wait_bounded(c.spawn().unwrap());
        o.assert_exit_ctx(0, format_args!("{what} 1<>/dev/null"));
    });
}

#[test]
fn every_command_exits_14_when_stdout_is_full() {
    let s = sandbox_for_all();
    let env = Env::new();
    each_command(&env, &s.base_url(), |mut c, what| {
        c.stdout(dev_full()).stderr(Stdio::piped());
        let o = wait_bounded(c.spawn().unwrap());
        o.assert_exit_ctx(14, &what);
        assert!(
            o.stderr()
                .contains("error: cannot write to stdout: No space left on device"),
            "{what}: {}",
            o.stderr()
        );
    });
}

#[test]
fn every_command_exits_141_into_a_closed_pipe_quietly() {
    let s = sandbox_for_all();
    let env = Env::new();
    each_command(&env, &s.base_url(), |mut c, what| {
        c.stdout(closed_pipe()).stderr(Stdio::piped());
        let o = wait_bounded(c.spawn().unwrap());
        o.assert_exit_ctx(141, &what);
        assert_eq!(o.stderr(), "", "{what}: a closed pipe ends quietly");
    });
}

#[test]
fn every_command_exits_14_when_stdout_was_closed() {
    let s = sandbox_for_all();
    let env = Env::new();
    each_command(&env, &s.base_url(), |mut c, what| {
        c.stdout(Stdio::inherit()).stderr(Stdio::piped());
        close_in_child(&mut c, 1);
        let o = wait_bounded(c.spawn().unwrap());
        o.assert_exit_ctx(14, format_args!("{what} >&-"));
        assert!(
            o.stderr()
                .contains("error: cannot write to stdout: it was closed"),
            "{what}: {}",
            o.stderr()
        );
    });
    // Nothing written, nothing failed.
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "--quiet", "u1"])
        .stderr(Stdio::piped());
    close_in_child(&mut c, 1);
    let o = wait_bounded(c.spawn().unwrap());
    o.assert_exit_ctx(0, "--quiet writes nothing to stdout: nothing fails");
}

#[test]
fn a_closed_or_full_stderr_exits_14() {
    let s = sandbox_for_all();
    let env = Env::new();
    // A config file others can read gets a warning.
    let config = env.write_config("[default]\nretries = 0\n");
    set_mode(&config, 0o644);
    // Each of these writes to stderr: an error, a usage error, a warning.
    let cases: [(&[&str], i32); 3] = [
        (&["restart-state", "missing-user"], 7),
        (&["restart-state", "--bogus"], 2),
        (&["restart-state", "u1"], 0),
    ];
    for (args, code) in cases {
        let what = args.join(" ");
        let o = env.cmd_for(&s.base_url()).args(args).run();
        o.assert_exit_ctx(code, &what);
        assert!(!o.stderr.is_empty(), "{what}: nothing on stderr");
        for closed in [false, true] {
            let mut c = env.cmd_for(&s.base_url());
            c.args(args).stdout(Stdio::piped());
            if closed {
                c.stderr(Stdio::inherit());
                close_in_child(&mut c, 2);
            } else {
                c.stderr(dev_full());
            }
            let o = wait_bounded(c.spawn().unwrap());
            o.assert_exit_ctx(14, format_args!("{what} (stderr closed: {closed})"));
        }
    }
}

#[test]
fn the_foreground_sandbox_ends_when_it_cannot_say_where_it_is() {
    // Its stdout names the URL and credentials; without them serving is in vain.
    let env = Env::new();
    for mode in [&[][..], &["--json"][..]] {
        for (stdout, code) in [("full", 14), ("pipe", 141), ("closed", 14)] {
            let what = format!("{mode:?} into a {stdout} stdout");
            let mut c = env.cmd();
            c.args(["sandbox", "--port", "0"])
                .args(mode)
                .stderr(Stdio::piped());
            match stdout {
                "full" => c.stdout(dev_full()),
                "pipe" => c.stdout(closed_pipe()),
                _ => {
                    close_in_child(&mut c, 1);
                    c.stdout(Stdio::inherit())
                }
            };
            let o = wait_bounded(c.spawn().unwrap());
            o.assert_exit_ctx(code, &what);
        }
    }
}
