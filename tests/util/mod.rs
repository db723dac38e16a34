//! The one support module of the integration tests: the built binary in a hermetic
//! environment, bounded runs with `assert_exit`, the sandbox, raw TCP servers
//! (`raw`), requests sent by the test itself (`http`), a throwaway PKI and TLS
//! server (`pki`) and a pseudo-terminal (`pty`).
//!
//! Every use of the library from the tests goes through the re-exports here, so
//! that when the library's paths change only this file changes.

pub mod http;
pub mod pki;
#[cfg(unix)]
pub mod pty;
pub mod raw;
pub mod run;

pub use pki::*;
pub use raw::*;
pub use run::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::Ordering;
use std::time::Duration;

pub use sandbox::{Rule, Scenario};
/// The request a test sandbox saw (the sandbox's record plus the credentials that came with it).
pub type Record = Seen;
pub use sandbox::Running;

/// The sandbox crate, with [`Server`] as its `Running`: the test's view of a
/// running sandbox, which also keeps every request it saw.
pub mod sandbox {
    pub use biometrid_sandbox::*;
    pub type Running = super::Server;
}

pub const KEY: &str = biometrid_sandbox::DEMO_KEY;
pub const SECRET: &str = biometrid_sandbox::DEMO_SECRET;

/// Start the sandbox (the same server as `biometrid sandbox`) on a free loopback port.
pub fn server(scenario: Scenario) -> Server {
    let seen: std::sync::Arc<std::sync::Mutex<Vec<Seen>>> = Default::default();
    let sink = seen.clone();
    let observer: biometrid_sandbox::Observer = std::sync::Arc::new(move |record, headers| {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let r = record.clone();
        let seen = Seen {
            method: r.method,
            path: r.path,
            user_id: r.user_id,
            credentials_valid: r.credentials_valid,
            key: header(biometrid_protocol::KEY_HEADER).map(str::to_string),
            secret_sent: headers.contains_key(biometrid_protocol::SECRET_HEADER),
            at: std::time::Instant::now(),
        };
        sink.lock().unwrap().push(seen);
    });
    let options = biometrid_sandbox::ServeOptions {
        observer: Some(observer),
        ..Default::default()
    };
    let running = biometrid_sandbox::start_with(scenario, "127.0.0.1:0".parse().unwrap(), &options)
        .expect("start sandbox");
    Server {
        addr: running.addr,
        stats: Observed {
            stats: running.stats.clone(),
            seen,
        },
        running,
    }
}

/// A sandbox started by a test.
pub struct Server {
    pub addr: std::net::SocketAddr,
    pub stats: Observed,
    running: biometrid_sandbox::Running,
}

impl Server {
    pub fn base_url(&self) -> String {
        self.running.base_url()
    }
}

/// The sandbox's counters, and the requests it saw.
pub struct Observed {
    stats: std::sync::Arc<biometrid_sandbox::Stats>,
    seen: std::sync::Arc<std::sync::Mutex<Vec<Seen>>>,
}

impl std::ops::Deref for Observed {
    type Target = biometrid_sandbox::Stats;
    fn deref(&self) -> &Self::Target {
        &self.stats
    }
}

impl Observed {
    pub fn records(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// One request: the sandbox's record, and which credentials came with it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub user_id: Option<String>,
    pub credentials_valid: bool,
    /// The key header as sent (not secret).
    pub key: Option<String>,
    /// Whether a secret header arrived at all.
    pub secret_sent: bool,
    /// When the sandbox answered it (for spacing checks: lower bounds only).
    pub at: std::time::Instant,
}

/// The default scenario with these rules.
pub fn scenario_with(rules: Vec<Rule>) -> Scenario {
    Scenario {
        rules,
        ..Scenario::default()
    }
}

/// The default scenario, but accepting the demo key only with `secret`.
pub fn accepting(secret: &str) -> Scenario {
    Scenario {
        clients: vec![(KEY.into(), secret.into())],
        ..Scenario::default()
    }
}

/// A hermetic environment: temp HOME and XDG_CONFIG_HOME, no BIOMETRID_* or proxy
/// variables from the outside, no color, no backtraces.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        std::fs::create_dir_all(dir.path().join("xdg")).unwrap();
        Env { dir }
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn xdg(&self) -> PathBuf {
        self.dir.path().join("xdg")
    }

    /// The default config file of this environment.
    pub fn config_path(&self) -> PathBuf {
        self.xdg().join("biometrid").join("config.toml")
    }

    pub fn write_config(&self, text: &str) -> PathBuf {
        let p = self.config_path();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        set_mode(&p, 0o600);
        p
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// The binary with a clean environment and no arguments yet.
    pub fn cmd(&self) -> Command {
        self.clean(Command::new(env!("CARGO_BIN_EXE_biometrid")))
    }

    /// `c` without BIOMETRID_*, proxy, color or backtrace variables from the outside,
    /// with this environment's HOME and XDG_CONFIG_HOME and no stdin.
    fn clean(&self, mut c: Command) -> Command {
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy().to_string();
            if k.starts_with("BIOMETRID_")
                || k.to_ascii_lowercase().ends_with("_proxy")
                || k == "NO_COLOR"
                || k == "TERM"
                || k.starts_with("RUST_")
            {
                c.env_remove(&k);
            }
        }
        c.env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.xdg())
            .stdin(Stdio::null());
        c
    }

    /// `sh -c script` as a user pastes a documented example: in this environment's
    /// directory, with the built `biometrid` first on PATH and the same clean
    /// environment as [`Env::cmd`].
    pub fn sh(&self, script: &str) -> Command {
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_biometrid")).parent().unwrap();
        let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .unwrap();
        let mut c = self.clean(Command::new("sh"));
        c.arg("-c")
            .arg(script)
            .env("PATH", path)
            .current_dir(self.dir.path());
        c
    }

    /// The binary pointed at `base_url` with the demo credentials in the environment.
    pub fn cmd_for(&self, base_url: &str) -> Command {
        self.with_credentials(self.cmd(), base_url)
    }

    /// [`Env::cmd_for`], run so that file permissions bind it even as root: root's
    /// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH would open a closed directory, and
    /// CI runs as root. So as root the binary runs under `setpriv` without those
    /// two (same uid: the files stay its own). None where that cannot be done
    /// (after [`cannot_run`], which fails under CI).
    #[cfg(unix)]
    pub fn cmd_bound_by_permissions(&self, base_url: &str) -> Option<Command> {
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return Some(self.cmd_for(base_url));
        }
        // Ask setpriv itself, bounding set included: a sandbox may forbid the drop.
        let mut probe = Command::new("setpriv");
        probe.args(["--bounding-set=-dac_override", "--", "true"]);
        if !probe.output().is_ok_and(|o| o.status.success()) {
            cannot_run("as root, and setpriv cannot drop CAP_DAC_OVERRIDE here");
            return None;
        }
        let mut c = self.clean(Command::new("setpriv"));
        c.args([
            "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-all",
            "--",
            env!("CARGO_BIN_EXE_biometrid"),
        ]);
        Some(self.with_credentials(c, base_url))
    }

    fn with_credentials(&self, mut c: Command, base_url: &str) -> Command {
        c.env("BIOMETRID_BASE_URL", base_url)
            .env("BIOMETRID_KEY", KEY)
            .env("BIOMETRID_SECRET", SECRET)
            .env("BIOMETRID_RETRIES", "0");
        c
    }
}

#[cfg(unix)]
pub fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
pub fn set_mode(_p: &Path, _mode: u32) {}

/// Make a FIFO at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    let made = unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) };
    assert_eq!(made, 0, "mkfifo {}", path.display());
}

/// Wait (bounded) until the sandbox has received `n` requests.
pub fn wait_for_requests(s: &Running, n: u64) {
    wait_until(
        Duration::from_secs(20),
        format_args!("{n} requests"),
        || requests(s) >= n,
    );
}

/// Every request the sandbox has received, in order.
pub fn records(s: &Running) -> Vec<Record> {
    s.stats.records()
}

/// The most requests the sandbox had in flight at once.
pub fn max_in_flight(s: &Running) -> usize {
    s.stats.max_in_flight.load(Ordering::SeqCst)
}

/// Connections the sandbox has accepted.
pub fn connections(s: &Running) -> u64 {
    s.stats.connections.load(Ordering::SeqCst)
}

/// Requests the sandbox has received.
pub fn requests(s: &sandbox::Running) -> u64 {
    s.stats.requests.load(Ordering::SeqCst)
}

/// `text` without ANSI escape sequences (CSI and the like): what a terminal
/// transcript shows as text.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The JSON lines of stdout.
pub fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    o.stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

/// A journal's header: its first line, as JSON.
pub fn journal_header(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let first = text.lines().next().unwrap_or_default();
    serde_json::from_str(first).unwrap_or_else(|e| panic!("not a header: {first:?}: {e}"))
}

/// Assert that the secret appears nowhere in the output.
pub fn assert_no_secret(o: &Output, secret: &str) {
    assert!(
        !o.stdout().contains(secret),
        "secret in stdout: {}",
        o.stdout()
    );
    assert!(
        !o.stderr().contains(secret),
        "secret in stderr: {}",
        o.stderr()
    );
}

/// A rule answering `user` with `status` and a raw body.
pub fn raw_rule(user: &str, status: u16, body: &str) -> Rule {
    let mut r = Rule::for_user(user);
    r.status = Some(status);
    r.body = Some(body.to_string());
    r
}

/// A rule answering `user` with a documented message.
pub fn message_rule(user: &str, message: &str) -> Rule {
    let mut r = Rule::for_user(user);
    r.message = Some(message.to_string());
    r
}

/// The fenced code block that follows `<!-- doc-test: NAME ... -->` in `file` (a path
/// relative to the repository: `README.md`, `docs/sandbox.md`): the lines a test runs or
/// compares, so that the documentation and the test cannot drift.
pub fn doc_block(file: &str, name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let marker = format!("<!-- doc-test: {name} ");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("{file} has no `{marker}...-->` block"));
    let mut lines = text[start..].lines().skip(1);
    let fence = lines.next().unwrap_or_default();
    assert!(
        fence.starts_with("```"),
        "{file}: {name}: no ``` block after the marker"
    );
    lines
        .take_while(|l| !l.starts_with("```"))
        .map(str::to_string)
        .collect()
}

/// A `doc-test` block of the README (see [`doc_block`]).
pub fn readme_block(name: &str) -> Vec<String> {
    doc_block("README.md", name)
}

/// A test (or part of one) that cannot run here: not root, a tool or device
/// missing. Under CI (`CI` set, not `false` or `0`) that is a failure, never a
/// silent pass; elsewhere it says so on stderr and the caller returns.
pub fn cannot_run(why: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!ci, "cannot run under CI: {why}");
    eprintln!("skipped: {why}");
}
