//! `biometrid sandbox`: serve the API emulator in the foreground until Ctrl-C.
//! `biometrid sandbox exec -- CMD...`: serve it on a free loopback port for the
//! life of CMD, with CMD's environment pointing at it, and exit with CMD's code.
//!
//! Exit codes of `sandbox`: 0 after Ctrl-C or SIGTERM, 2 usage error, 3 the
//! address cannot be listened on or the scenario or log file is bad.
//! `sandbox exec`: CMD's code, 128+N if CMD was killed by signal N, 127 if CMD
//! was not found, 126 if it was found but could not be run (like a shell).

use std::ffi::OsString;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::ExitStatus;

#[cfg(unix)]
use nix::sys::signal::Signal as NixSignal;

use crate::cli::{GlobalOpts, SandboxArgs, SandboxCommand, SandboxExecArgs, SandboxScenarioOpts};
use crate::error::{Error, Result};
use crate::exit::{Exit, Status};
use crate::output::{Mode, Printer};
use crate::sanitize;
use crate::signal::{Listener, STOPPING, Signal};
use biometrid_protocol::ApiMessage;
use biometrid_sandbox::{
    self as sandbox, DEMO_KEY, DEMO_SECRET, Invalid, Observer, Record, Rule, Scenario,
    ScenarioFile, SeedUser, ServeOptions, StartError, Users,
};

/// The port of `biometrid sandbox` without `--port`.
pub const DEFAULT_PORT: u16 = 8765;
/// Threads serving connections, each with its own single-threaded runtime.
/// `sandbox` serves any number of clients: one thread per core of a small
/// machine (measured with wrk -t2 -c64: about 30,000 requests/s either way on
/// 2 cores, 2 threads slightly ahead). `sandbox exec` mostly serves CMD, which
/// needs the other core.
const SERVE_THREADS: usize = 2;
const EXEC_THREADS: usize = 1;

/// `sandbox exec`: CMD was found but could not be run.
pub const EXIT_CANNOT_RUN: i32 = 126;
/// `sandbox exec`: CMD was not found.
pub const EXIT_NOT_FOUND: i32 = 127;

pub fn run(global: &GlobalOpts, args: &SandboxArgs, printer: &mut Printer) -> Result<Status> {
    let client_env = client_settings_for_cmd(global, args.command.is_some())?;
    match &args.command {
        None => {
            let addr = listen_addr(args.listen.as_deref(), args.port)?;
            let scenario = scenario_from(&args.scenario)?;
            serve(global, addr, scenario, printer).map(Status::from)
        }
        Some(SandboxCommand::Exec(exec_args)) => {
            if args.listen.is_some() {
                return Err(Error::Usage(
                    "--listen does not apply to `sandbox exec`, which listens on loopback \
                     (--port N chooses the port)"
                        .into(),
                ));
            }
            let scenario = scenario_from(&args.scenario)?;
            // A fixed port gives every run the same base URL, so a journal written
            // against the sandbox can be resumed against it.
            let addr = SocketAddr::new(Ipv4Addr::LOCALHOST.into(), args.port.unwrap_or(0));
            let code = exec(global, exec_args, addr, &client_env, scenario, printer)?;
            let _ = printer.flush();
            // CMD's code can be any number, not only one of `Exit`'s; an exit
            // status is 8 bits, as the shell would have seen it.
            Ok(Status::PassedThrough(code as u8))
        }
    }
}

/// The one rule for client settings given to `sandbox`: the sandbox itself sets
/// the credentials and the URL, so `--key`, `--secret`, `--secret-file` and
/// `--base-url` are refused (with a hint about `--client`). The other settings
/// that have an environment variable (`--timeout`, `--connect-timeout`,
/// `--retries`, `--rate`, `--profile`, `--config`) are passed into CMD's
/// environment by `sandbox exec`; the
/// foreground sandbox has no CMD to pass them to, so there they are refused.
/// `--cacert` and `--allow-insecure-http` never apply: the sandbox serves plain
/// HTTP on loopback, which the client accepts as it is. Nothing is silently ignored.
fn client_settings_for_cmd(
    global: &GlobalOpts,
    exec: bool,
) -> Result<Vec<(&'static str, OsString)>> {
    let set_by_sandbox = [
        ("--key", global.key.is_some()),
        ("--secret", global.secret.is_some()),
        ("--secret-file", global.secret_file.is_some()),
        ("--base-url", global.base_url.is_some()),
    ];
    if let Some((flag, _)) = set_by_sandbox.iter().find(|(_, set)| *set) {
        return Err(Error::Usage(format!(
            "{flag} configures the client, not the sandbox (`sandbox exec` sets \
             BIOMETRID_BASE_URL, BIOMETRID_KEY and BIOMETRID_SECRET for CMD itself); to make \
             the sandbox accept a key/secret pair, use --client KEY:SECRET"
        )));
    }
    let never = [
        ("--cacert", global.cacert.is_some()),
        ("--allow-insecure-http", global.allow_insecure_http),
    ];
    if let Some((flag, _)) = never.iter().find(|(_, set)| *set) {
        return Err(Error::Usage(format!(
            "{flag} does not apply to the sandbox: it serves plain HTTP on loopback, which \
             the client accepts without it"
        )));
    }
    let passed: Vec<(&'static str, &'static str, Option<OsString>)> = vec![
        (
            "--timeout",
            "BIOMETRID_TIMEOUT",
            global.timeout.map(|t| format!("{t}").into()),
        ),
        (
            "--connect-timeout",
            "BIOMETRID_CONNECT_TIMEOUT",
            global.connect_timeout.map(|t| format!("{t}").into()),
        ),
        (
            "--retries",
            "BIOMETRID_RETRIES",
            global.retries.map(|r| r.to_string().into()),
        ),
        (
            "--rate",
            "BIOMETRID_RATE",
            global.rate.map(|r| r.to_string().into()),
        ),
        (
            "--profile",
            "BIOMETRID_PROFILE",
            global.profile.clone().map(Into::into),
        ),
        (
            "--config",
            "BIOMETRID_CONFIG",
            global.config.clone().map(Into::into),
        ),
    ];
    let mut env = Vec::new();
    for (flag, var, value) in passed {
        let Some(value) = value else { continue };
        if !exec {
            return Err(Error::Usage(format!(
                "{flag} configures the client, not the sandbox; `biometrid sandbox exec {flag} \
                 ... -- CMD` passes it on to CMD as {var}, or set {var} where the client runs"
            )));
        }
        env.push((var, value));
    }
    Ok(env)
}

/// The address from `--listen` and `--port`: loopback unless `--listen` says otherwise.
pub fn listen_addr(listen: Option<&str>, port: Option<u16>) -> Result<SocketAddr> {
    let with_port = |ip: IpAddr| SocketAddr::new(ip, port.unwrap_or(DEFAULT_PORT));
    let Some(text) = listen.map(str::trim) else {
        return Ok(with_port(Ipv4Addr::LOCALHOST.into()));
    };
    let bad = || {
        Error::Usage(format!(
            "--listen takes an IP address (127.0.0.1, ::1, 0.0.0.0) or IP:PORT, not '{}'",
            sanitize::escape(text)
        ))
    };
    let ip_of = |host: &str| -> Option<IpAddr> {
        if host.eq_ignore_ascii_case("localhost") {
            return Some(Ipv4Addr::LOCALHOST.into());
        }
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        host.parse().ok()
    };
    if let Some(ip) = ip_of(text) {
        return Ok(with_port(ip));
    }
    let (host, port_text) = text.rsplit_once(':').ok_or_else(bad)?;
    let (Some(ip), Ok(p)) = (ip_of(host), port_text.parse::<u16>()) else {
        return Err(bad());
    };
    if port.is_some() {
        return Err(Error::Usage(
            "give the port either in --listen or with --port, not both".into(),
        ));
    }
    Ok(SocketAddr::new(ip, p))
}

/// The base URL a client on this machine uses for a sandbox on `addr`.
pub fn client_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v) if v.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v) if v.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

/// The scenario: defaults, then the scenario file, then the flags.
pub fn scenario_from(opts: &SandboxScenarioOpts) -> Result<Scenario> {
    // The flags first: a usage error is reported before any file is read.
    let clients = opts
        .clients
        .iter()
        .map(|c| parse_client(c))
        .collect::<Result<Vec<_>>>()?;
    let replies = opts
        .replies
        .iter()
        .map(|r| parse_reply(r))
        .collect::<Result<Vec<_>>>()?;

    let mut s = Scenario::default();
    if let Some(path) = &opts.scenario {
        let file = load_scenario(path).map_err(Error::config)?;
        alternatives(opts, &file, path)?;
        file.apply(&mut s);
        s.validate().map_err(|e| {
            Error::config(format!(
                "invalid scenario {}: {}",
                crate::sanitize::escaped_path(path),
                invalid(&e)
            ))
        })?;
    }
    if !clients.is_empty() {
        s.clients = clients;
    }
    if !opts.users.is_empty() {
        s.users = Users::Only(opts.users.clone());
    } else if let Some(prefix) = &opts.missing_prefix {
        s.users = Users::AllExcept(prefix.clone());
    }
    s.quota = opts.quota.or(s.quota);
    s.fail_first = opts.fail_first.unwrap_or(s.fail_first);
    s.failure_rate = opts.failure_rate.unwrap_or(s.failure_rate);
    s.seed = opts.seed.unwrap_or(s.seed);
    s.latency = opts.latency.unwrap_or(s.latency);
    s.jitter = opts.jitter.unwrap_or(s.jitter);
    // The first matching rule answers: --reply goes before the file's rules.
    s.rules.splice(0..0, replies);
    s.log = opts.log.clone();
    seed_users(opts, &mut s)?;
    s.validate().map_err(|e| Error::Usage(invalid(&e)))?;
    Ok(s)
}

/// Which users exist is said by a list or by a prefix, never both: a flag wins
/// over the same knob in the file, but does not silently replace the other one.
fn alternatives(
    opts: &SandboxScenarioOpts,
    file: &ScenarioFile,
    path: &std::path::Path,
) -> Result<()> {
    let (users, prefix) = (file.users.is_some(), file.missing_prefix.is_some());
    if users && prefix {
        return Err(Error::config(format!(
            "invalid scenario {}: users and missing_prefix are alternatives: give one",
            sanitize::escaped_path(path)
        )));
    }
    let clash = match (users, prefix) {
        (true, _) if opts.missing_prefix.is_some() => Some(("users", "--missing-prefix")),
        (_, true) if !opts.users.is_empty() => Some(("missing_prefix", "--user")),
        _ => None,
    };
    match clash {
        Some((key, flag)) => Err(Error::Usage(format!(
            "the scenario's {key} and {flag} are alternatives: give one \
             (--user for a list of IDs, --missing-prefix for a prefix)"
        ))),
        None => Ok(()),
    }
}

/// `--enrolled`, `--pending`, `--device` and `--pending-on-create` over the file's users.
fn seed_users(opts: &SandboxScenarioOpts, s: &mut Scenario) -> Result<()> {
    fn user<'a>(s: &'a mut Scenario, id: &str) -> &'a mut SeedUser {
        match s.seeded.iter().position(|u| u.id == id) {
            Some(i) => &mut s.seeded[i],
            None => {
                s.seeded.push(SeedUser {
                    id: id.to_string(),
                    ..SeedUser::default()
                });
                let last = s.seeded.len() - 1;
                &mut s.seeded[last]
            }
        }
    }
    let split = |flag: &str, text: &str, form: &str| -> Result<(String, String)> {
        match text.split_once('=') {
            Some((a, b)) if !a.is_empty() && !b.is_empty() => Ok((a.to_string(), b.to_string())),
            _ => Err(Error::Usage(format!(
                "{flag} takes {form}, not '{}'",
                sanitize::escape(text)
            ))),
        }
    };
    for e in &opts.enrolled {
        let (id, types) = split("--enrolled", e, "ID=TYPE,...")?;
        user(s, &id).enrolled = types.split(',').map(str::to_string).collect();
    }
    for p in &opts.pending {
        let (id, rest) = split("--pending", p, "ID=DIALOGUE:PROMPT")?;
        let seeded = rest.parse().map_err(|()| {
            Error::Usage(format!(
                "--pending takes ID=DIALOGUE:PROMPT, not '{}'",
                sanitize::escape(p)
            ))
        })?;
        user(s, &id).pending = Some(seeded);
    }
    for d in &opts.devices {
        let (mac, id) = split("--device", d, "MAC=ID")?;
        let mac = crate::parse::parse_mac(&mac)
            .map_err(|why| Error::Usage(format!("--device: {why}")))?;
        user(s, &id).mac = Some(mac);
    }
    if let Some(prompt) = &opts.pending_on_create {
        s.pending_on_create = Some(prompt.clone());
    }
    Ok(())
}

/// A scenario check's failure in words, user-given text escaped.
fn invalid(e: &Invalid) -> String {
    e.describe(&|text| sanitize::escape(text))
}

/// Read and parse a scenario file. Errors name the file and, for a parse
/// error, the line; like config-file errors they never quote a value (a
/// `clients` entry holds a secret) and escape control characters. The file is
/// read up to its cap, so `/dev/zero` ends at once.
fn load_scenario(path: &std::path::Path) -> std::result::Result<ScenarioFile, String> {
    use crate::files::{SCENARIO_FILE_CAP, read_capped, read_error};
    use crate::sanitize::escaped_path;
    let text = read_capped(path, SCENARIO_FILE_CAP)
        .map_err(|e| read_error("scenario", path, SCENARIO_FILE_CAP, &e).to_string())
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                format!(
                    "cannot read scenario {}: it is not UTF-8 text",
                    escaped_path(path)
                )
            })
        })?;
    toml::from_str(&text).map_err(|e| {
        let (line, message) = crate::settings::toml_error(&text, &e);
        let line = line.map(|l| format!(", line {l}")).unwrap_or_default();
        format!("invalid scenario {}{line}: {message}", escaped_path(path))
    })
}

/// With `-v`: one human line per request on stderr (never the headers: they hold the secret).
fn echo(verbose: bool) -> Option<Observer> {
    verbose.then(|| -> Observer {
        std::sync::Arc::new(|record: &Record, _headers: &sandbox::HeaderMap| {
            use std::io::Write;
            let message = record.message.as_deref().unwrap_or(match record.status {
                0 => "(connection closed without a reply)",
                _ => "-",
            });
            let line = format!(
                "{} {} {} {} {}\n",
                record.time,
                record.method,
                sanitize::escape(&record.path),
                record.status,
                message
            );
            let _ = std::io::stderr().lock().write_all(line.as_bytes());
        })
    })
}

/// A write to the `--log` file that failed, on stderr: the sandbox goes on
/// serving, but the operator must know that requests are missing from the log.
fn report_log_failure() -> sandbox::LogFailed {
    std::sync::Arc::new(|path: &std::path::Path, e: &std::io::Error| {
        use std::io::Write;
        let line = format!(
            "error: cannot write the log file {}: {}; requests go unlogged until a write succeeds\n",
            sanitize::display_path(path),
            sanitize::io_reason(e)
        );
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    })
}

/// `KEY:SECRET`, split at the first `:`. The value is never echoed: it holds a secret.
fn parse_client(text: &str) -> Result<(String, String)> {
    let Some((key, secret)) = text.split_once(':') else {
        return Err(Error::Usage(
            "--client takes KEY:SECRET, with a ':' between the key and the secret".into(),
        ));
    };
    if key.is_empty() || secret.is_empty() {
        return Err(Error::Usage(
            "--client KEY:SECRET: neither the key nor the secret may be empty".into(),
        ));
    }
    Ok((key.to_string(), secret.to_string()))
}

/// `ID=MESSAGE` (`*` = every ID): a rule answering with a documented message.
fn parse_reply(text: &str) -> Result<Rule> {
    let known = || {
        ApiMessage::every()
            .map(ApiMessage::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((id, message)) = text.rsplit_once('=') else {
        return Err(Error::Usage(format!(
            "--reply takes ID=MESSAGE (`*` for every ID), not '{}'",
            sanitize::escape(text)
        )));
    };
    let Some(m) = ApiMessage::parse(&message.trim().to_ascii_uppercase()) else {
        return Err(Error::Usage(format!(
            "--reply: unknown message '{}'; one of {}",
            sanitize::escape(message),
            known()
        )));
    };
    if id.is_empty() {
        return Err(Error::Usage(
            "--reply ID=MESSAGE: the ID is empty (`*` means every ID)".into(),
        ));
    }
    let mut rule = Rule::for_user(id);
    rule.message = Some(m.as_str().to_string());
    Ok(rule)
}

/// The pair to show or hand to CMD: the demo pair if accepted, else the first.
/// The bool says whether the secret may be shown (only the public demo secret may).
fn shown_client(s: &Scenario) -> (&str, &str, bool) {
    if let Some((k, v)) = s
        .clients
        .iter()
        .find(|(k, v)| k == DEMO_KEY && v == DEMO_SECRET)
    {
        return (k, v, true);
    }
    let (k, v) = &s.clients[0];
    (k, v, false)
}

/// One line on what the scenario does, for humans.
fn describe(s: &Scenario) -> String {
    let mut parts = Vec::new();
    parts.push(match &s.users {
        Users::AllExcept(p) if p.is_empty() => "every user ID exists".to_string(),
        Users::AllExcept(p) => format!(
            "every user ID exists except those starting with '{}'",
            sanitize::escape(p)
        ),
        Users::Only(ids) => format!("{} user ID(s) exist", ids.len()),
    });
    if s.clients.len() > 1 {
        parts.push(format!("{} key/secret pairs accepted", s.clients.len()));
    }
    if let Some(q) = s.quota {
        parts.push(format!("quota {q} requests"));
    }
    if s.fail_first > 0 {
        parts.push(format!("the first {} tries of each ID fail", s.fail_first));
    }
    if s.failure_rate > 0.0 {
        parts.push(format!("failure rate {} (seed {})", s.failure_rate, s.seed));
    }
    if !s.latency.is_zero() {
        parts.push(format!("latency {}ms", s.latency.as_millis()));
    }
    if !s.jitter.is_zero() {
        parts.push(format!("jitter up to {}ms", s.jitter.as_millis()));
    }
    if !s.rules.is_empty() {
        parts.push(format!("{} reply rule(s)", s.rules.len()));
    }
    if let Some(log) = &s.log {
        parts.push(format!("logging to {}", crate::sanitize::escaped_path(log)));
    }
    parts.join("; ")
}

fn start_error(e: StartError) -> Error {
    match &e {
        StartError::Bind { addr, source } => {
            let hint = match source.kind() {
                std::io::ErrorKind::AddrInUse => format!(
                    "another program uses port {}; choose another with --port, or --port 0 \
                     for any free one",
                    addr.port()
                ),
                std::io::ErrorKind::PermissionDenied => {
                    "ports below 1024 need privileges; choose a port from 1024 up".into()
                }
                std::io::ErrorKind::AddrNotAvailable => {
                    "this machine has no such address; --listen 127.0.0.1 serves this machine only"
                        .into()
                }
                _ => "choose another address with --listen or another port with --port".into(),
            };
            Error::config_with_hint(e.to_string(), hint)
        }
        StartError::Log { path, source } => Error::config(format!(
            "cannot use {} as the log file: {}",
            sanitize::display_path(path),
            sanitize::io_reason(source)
        )),
        StartError::Runtime(_) => Error::Internal(e.to_string()),
    }
}

/// Serve in the foreground until SIGINT (Ctrl-C) or SIGTERM; then exit 0.
fn serve(
    global: &GlobalOpts,
    addr: SocketAddr,
    scenario: Scenario,
    printer: &mut Printer,
) -> Result<Exit> {
    let description = describe(&scenario);
    let (key, secret, secret_shown) = {
        let (k, v, shown) = shown_client(&scenario);
        (k.to_string(), v.to_string(), shown)
    };
    let options = ServeOptions {
        observer: echo(global.verbose),
        threads: SERVE_THREADS,
        log_failed: Some(report_log_failure()),
    };
    let runtime = super::runtime()?;
    runtime.block_on(async {
        // Listen for the signals before anyone can learn the address.
        let mut stop = Listener::new(&[Signal::Interrupt, Signal::Terminate]);
        let running = sandbox::start_with(scenario, addr, &options).map_err(start_error)?;
        let url = client_url(running.addr);
        let ip = running.addr.ip();
        if ip.is_unspecified() {
            printer.warning(&format!(
                "listening on every network interface ({}): other machines can reach the \
                 sandbox",
                running.addr
            ));
        } else if !ip.is_loopback() {
            printer.warning(&format!(
                "listening on {}: other machines can reach the sandbox; clients there need \
                 --allow-insecure-http",
                running.addr
            ));
        }
        let shown = Banner {
            url: &url,
            listen: running.addr,
            key: &key,
            secret: secret_shown.then_some(secret.as_str()),
        };
        if let Err(e) = banner(printer, &shown) {
            // Nobody learns where the sandbox is: serving on would be in vain (exit 14, 141).
            running.stop();
            return Err(e);
        }
        if printer.mode() != Mode::Quiet {
            printer.err_line(&format!("sandbox: {description}"));
        }
        let signal = stop.next().await.name();
        running.stop();
        if printer.mode() != Mode::Quiet {
            printer.err_line(&format!("sandbox: stopped by {signal}"));
        }
        Ok(Exit::Success)
    })
}

/// What the foreground sandbox tells its user on stdout.
struct Banner<'a> {
    url: &'a str,
    listen: SocketAddr,
    key: &'a str,
    /// The secret when it may be shown (the demo one), else `None`.
    secret: Option<&'a str>,
}

/// The sandbox's address and credentials on stdout, as JSON or as shell lines.
fn banner(printer: &mut Printer, b: &Banner) -> Result<()> {
    match printer.mode() {
        Mode::Json => printer.print_json(&serde_json::json!({
            "base_url": b.url,
            "listen": b.listen.to_string(),
            "key": b.key,
            "secret": b.secret,
            "pid": std::process::id(),
        })),
        Mode::Human => {
            printer.print(&format!(
                "BiometrID sandbox serving {} (Ctrl-C to stop)",
                b.url
            ))?;
            printer.print(&format!("export BIOMETRID_BASE_URL={}", b.url))?;
            printer.print(&format!(
                "export BIOMETRID_KEY={}",
                sanitize::shell_word(b.key)
            ))?;
            match b.secret {
                Some(secret) => printer.print(&format!(
                    "export BIOMETRID_SECRET={}",
                    sanitize::shell_word(secret)
                )),
                None => {
                    printer.print("# BIOMETRID_SECRET: the secret given for this key (not shown)")
                }
            }
        }
        Mode::Quiet => Ok(()),
    }
}

/// Run CMD against a sandbox on a free loopback port; CMD's exit code.
fn exec(
    global: &GlobalOpts,
    args: &SandboxExecArgs,
    addr: SocketAddr,
    client_env: &[(&'static str, OsString)],
    scenario: Scenario,
    printer: &mut Printer,
) -> Result<i32> {
    let (key, secret, secret_shown) = {
        let (k, v, shown) = shown_client(&scenario);
        (k.to_string(), v.to_string(), shown)
    };
    let description = describe(&scenario);
    let options = ServeOptions {
        observer: echo(global.verbose),
        threads: EXEC_THREADS,
        log_failed: Some(report_log_failure()),
    };
    let program = &args.command[0];
    let runtime = super::runtime()?;
    runtime.block_on(async {
        // Signals first, so none is lost between spawning CMD and waiting for it.
        let mut signals = ExecSignals::new();
        let running = sandbox::start_with(scenario, addr, &options).map_err(start_error)?;
        let url = client_url(running.addr);
        if global.verbose {
            let secret_text = if secret_shown { secret.as_str() } else { "***" };
            printer.err_line(&format!(
                "sandbox: serving {url} (key {key}, secret {secret_text}); {description}"
            ));
        }
        let mut command = std::process::Command::new(program);
        command
            .args(&args.command[1..])
            .envs(client_env.iter().map(|(k, v)| (k, v)))
            .env("BIOMETRID_BASE_URL", &url)
            .env("BIOMETRID_KEY", &key)
            .env("BIOMETRID_SECRET", &secret);
        let child = match command.spawn() {
            Ok(c) => c,
            Err(e) => {
                running.stop();
                return Ok(cannot_run(program, &e, printer));
            }
        };
        let status = signals.wait(child).await;
        running.stop();
        match status {
            Ok(status) => Ok(exit_code(status)),
            Err(e) => Err(Error::Internal(format!("waiting for the command: {e}"))),
        }
    })
}

/// Report a CMD that could not be started; 127 when not found, else 126.
fn cannot_run(program: &OsString, e: &std::io::Error, printer: &Printer) -> i32 {
    let name = sanitize::escape(&program.to_string_lossy());
    let (why, code) = match e.kind() {
        std::io::ErrorKind::NotFound => ("not found".to_string(), EXIT_NOT_FOUND),
        std::io::ErrorKind::PermissionDenied => ("permission denied".to_string(), EXIT_CANNOT_RUN),
        _ => (e.to_string(), EXIT_CANNOT_RUN),
    };
    printer.error(&Error::Usage(format!("cannot run '{name}': {why}")));
    if code == EXIT_NOT_FOUND && !name.contains('/') {
        printer.hint("is it installed and on PATH? Give a path (./script.sh) for a file here");
    }
    code
}

/// CMD's exit code; 128+N when a signal N ended it, as shells report it.
pub fn exit_code(status: ExitStatus) -> i32 {
    if let Some(code) = status.code() {
        return code;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return 128 + signal;
        }
    }
    1
}

/// The signals `sandbox exec` handles while CMD runs: SIGCHLD to learn that CMD
/// ended; SIGINT, SIGTERM and SIGHUP to pass on to CMD, so that they end CMD
/// (and so the sandbox after it) rather than leave CMD running on its own.
#[cfg(unix)]
struct ExecSignals {
    child: Option<tokio::signal::unix::Signal>,
    stopping: Listener,
}

#[cfg(unix)]
impl ExecSignals {
    fn new() -> ExecSignals {
        use tokio::signal::unix::{SignalKind, signal};
        ExecSignals {
            child: signal(SignalKind::child()).ok(),
            stopping: Listener::new(&STOPPING),
        }
    }

    /// Wait for CMD, passing signals on. CMD is reaped only here, between
    /// signals, so a signal is never sent to a pid that is no longer CMD's.
    async fn wait(&mut self, mut child: std::process::Child) -> std::io::Result<ExitStatus> {
        let pid = child.id();
        loop {
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            let poll = async {
                match &mut self.child {
                    Some(s) => {
                        s.recv().await;
                    }
                    // Without a SIGCHLD handler, look now and then.
                    None => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
                }
            };
            tokio::select! {
                _ = poll => {}
                signal = self.stopping.next() => match signal {
                    // Ctrl-C at a terminal reaches CMD by itself (it is in our
                    // process group); pass on only a SIGINT sent to us alone.
                    Signal::Interrupt => {
                        if !terminal_signals_our_group() {
                            forward(pid, NixSignal::SIGINT);
                        }
                    }
                    Signal::Terminate => forward(pid, NixSignal::SIGTERM),
                    Signal::Hangup => forward(pid, NixSignal::SIGHUP),
                },
            }
        }
    }
}

/// Send `signal` to CMD (the standard library can only send SIGKILL). `pid`
/// is our unreaped child, so it cannot have been reused by another process.
#[cfg(unix)]
fn forward(pid: u32, signal: NixSignal) {
    if let Ok(pid) = i32::try_from(pid) {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal);
    }
}

/// Whether our process group is the foreground group of our controlling
/// terminal: then a Ctrl-C there was delivered to CMD as well as to us.
#[cfg(unix)]
fn terminal_signals_our_group() -> bool {
    // No controlling terminal (no /dev/tty): no Ctrl-C came from one.
    let Ok(tty) = std::fs::File::open("/dev/tty") else {
        return false;
    };
    nix::unistd::tcgetpgrp(&tty).is_ok_and(|fg| fg == nix::unistd::getpgrp())
}

/// Elsewhere: Ctrl-C reaches every process of the console; only outlive it.
#[cfg(not(unix))]
struct ExecSignals;

#[cfg(not(unix))]
impl ExecSignals {
    fn new() -> ExecSignals {
        ExecSignals
    }

    async fn wait(&mut self, mut child: std::process::Child) -> std::io::Result<ExitStatus> {
        let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
        loop {
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_millis(20)) => {}
                _ = &mut ctrl_c => {
                    ctrl_c.set(tokio::signal::ctrl_c());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_file_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(&path, "quota = 3\n\nfail_frist = 2\n").unwrap();
        let e = load_scenario(&path).unwrap_err();
        assert!(e.contains("s.toml, line 3"), "{e}");
        assert!(e.contains("fail_frist"), "{e}");
    }

    #[test]
    fn scenario_errors_escape_what_the_user_gave() {
        let mut s = Scenario::default();
        let mut r = Rule::for_user("\u{1b}[2J");
        r.message = Some("NOPE".into());
        s.rules.push(r);
        let shown = invalid(&s.validate().unwrap_err());
        assert!(
            shown.contains("\\u{1b}[2J") && !shown.contains('\u{1b}'),
            "{shown}"
        );
    }

    #[test]
    fn listen_addresses() {
        let a = |l: Option<&str>, p: Option<u16>| listen_addr(l, p).map(|a| a.to_string());
        assert_eq!(a(None, None).unwrap(), format!("127.0.0.1:{DEFAULT_PORT}"));
        assert_eq!(a(None, Some(0)).unwrap(), "127.0.0.1:0");
        assert_eq!(a(Some("0.0.0.0"), Some(9)).unwrap(), "0.0.0.0:9");
        assert_eq!(a(Some("::1"), Some(9)).unwrap(), "[::1]:9");
        assert_eq!(a(Some("[::1]"), Some(9)).unwrap(), "[::1]:9");
        assert_eq!(a(Some("[::1]:7"), None).unwrap(), "[::1]:7");
        assert_eq!(a(Some("localhost:7"), None).unwrap(), "127.0.0.1:7");
        assert_eq!(a(Some("localhost"), Some(7)).unwrap(), "127.0.0.1:7");
        assert!(a(Some("127.0.0.1:7"), Some(8)).is_err());
        assert!(a(Some("example.com"), None).is_err());
        assert!(a(Some("127.0.0.1:99999"), None).is_err());
    }

    #[test]
    fn client_urls_reach_this_machine() {
        assert_eq!(
            client_url("0.0.0.0:5".parse().unwrap()),
            "http://127.0.0.1:5"
        );
        assert_eq!(client_url("[::]:5".parse().unwrap()), "http://[::1]:5");
        assert_eq!(
            client_url("192.0.2.1:5".parse().unwrap()),
            "http://192.0.2.1:5"
        );
    }

    #[test]
    fn client_pairs_never_echo_the_secret() {
        assert_eq!(
            parse_client("k:s:t").unwrap(),
            ("k".to_string(), "s:t".to_string())
        );
        for bad in ["no-colon-topsecret", ":topsecret", "k:"] {
            let e = parse_client(bad).unwrap_err().to_string();
            assert!(!e.contains("topsecret"), "{e}");
        }
    }

    #[test]
    fn replies() {
        let r = parse_reply("*=request_limit_reached").unwrap();
        assert_eq!(r.user, "*");
        assert_eq!(r.message.as_deref(), Some("REQUEST_LIMIT_REACHED"));
        let r = parse_reply("a=b=USERID_NOT_EXISTS").unwrap();
        assert_eq!(r.user, "a=b");
        assert!(parse_reply("u=NOPE").is_err());
        assert!(parse_reply("=USERID_NOT_EXISTS").is_err());
        assert!(parse_reply("u").is_err());
    }

    #[test]
    fn flags_win_over_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        std::fs::write(&file, "quota = 5\nfail_first = 2\nmissing_prefix = \"x\"\n").unwrap();
        let opts = SandboxScenarioOpts {
            scenario: Some(file),
            quota: Some(9),
            missing_prefix: Some("gone".into()),
            ..Default::default()
        };
        let s = scenario_from(&opts).unwrap();
        assert_eq!(s.quota, Some(9));
        assert_eq!(s.fail_first, 2);
        assert_eq!(s.users, Users::AllExcept("gone".into()));
    }

    fn parse(args: &[&str]) -> std::result::Result<crate::ops::Cli, clap::Error> {
        use clap::Parser;
        crate::ops::Cli::try_parse_from(std::iter::once("biometrid").chain(args.iter().copied()))
    }

    /// The help's list of refused options is the rule's: each global option,
    /// given to `sandbox` or `sandbox exec`, is refused exactly when listed.
    #[test]
    fn refused_globals_are_the_ones_refused() {
        let top = crate::ops::command();
        let globals: Vec<&clap::Arg> = top.get_arguments().filter(|a| a.is_global_set()).collect();
        assert!(globals.len() >= 16, "{}", globals.len());
        for exec in [false, true] {
            for arg in &globals {
                let id = arg.get_id().as_str();
                let flag = format!("--{}", arg.get_long().unwrap());
                let mut line = vec![flag.as_str()];
                let value = match id {
                    "timeout" | "connect_timeout" | "retries" | "rate" => Some("1"),
                    "color" => Some("never"),
                    _ if arg.get_action().takes_values() => Some("x"),
                    _ => None,
                };
                line.extend(value);
                let mut args = vec!["sandbox"];
                if exec {
                    args.push("exec");
                }
                args.extend(line);
                if exec {
                    args.extend(["--", "true"]);
                }
                let cli = parse(&args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
                let refused = client_settings_for_cmd(&cli.global, exec).is_err();
                assert_eq!(
                    refused,
                    crate::cli::sandbox_refused_globals(exec).contains(&id),
                    "{args:?}: refused {refused}"
                );
            }
        }
    }

    fn sandbox_args(cli: crate::ops::Cli) -> SandboxArgs {
        match cli.command {
            crate::cli::Command::Sandbox(a) => a,
            other => panic!("not sandbox: {other:?}"),
        }
    }

    #[test]
    fn exec_takes_options_before_or_after_it_and_cmd_verbatim() {
        let a = sandbox_args(
            parse(&[
                "sandbox",
                "--quota",
                "3",
                "exec",
                "--fail-first",
                "1",
                "--",
                "cmd",
                "--quota",
                "9",
            ])
            .unwrap(),
        );
        assert_eq!(a.scenario.quota, Some(3));
        assert_eq!(a.scenario.fail_first, Some(1));
        let Some(SandboxCommand::Exec(e)) = a.command else {
            panic!("no exec")
        };
        assert_eq!(e.command, ["cmd", "--quota", "9"]);
        // Without `--`, everything from CMD on belongs to CMD.
        let a = sandbox_args(
            parse(&[
                "sandbox",
                "exec",
                "biometrid",
                "--json",
                "restart-state",
                "u",
            ])
            .unwrap(),
        );
        let Some(SandboxCommand::Exec(e)) = a.command else {
            panic!("no exec")
        };
        assert_eq!(e.command, ["biometrid", "--json", "restart-state", "u"]);
        assert!(parse(&["sandbox", "exec"]).is_err());
        // --port works for exec too (a fixed base URL), before or after it.
        let a = sandbox_args(parse(&["sandbox", "exec", "--port", "1", "--", "x"]).unwrap());
        assert_eq!(a.port, Some(1));
        assert!(parse(&["sandbox", "--failure-rate", "1.5"]).is_err());
        assert!(parse(&["sandbox", "--user", "a", "--missing-prefix", "b"]).is_err());
        let a = sandbox_args(parse(&["sandbox", "--latency", "50ms", "--jitter", "1.5"]).unwrap());
        assert_eq!(
            a.scenario.latency,
            Some(std::time::Duration::from_millis(50))
        );
        assert_eq!(
            a.scenario.jitter,
            Some(std::time::Duration::from_millis(1500))
        );
    }

    #[test]
    fn the_demo_secret_is_the_only_one_shown() {
        let s = Scenario::default();
        assert_eq!(shown_client(&s), (DEMO_KEY, DEMO_SECRET, true));
        let s = Scenario {
            clients: vec![("k".into(), "s".into())],
            ..Scenario::default()
        };
        assert!(!shown_client(&s).2);
    }
}
