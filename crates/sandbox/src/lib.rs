//! The sandbox: a local emulator of the BiometrID Legacy Restful API.
//!
//! It answers exactly as the API is documented (the protocol crate's routes,
//! messages and envelope), with accepted key/secret pairs, known users, a quota
//! and fault injection. `biometrid sandbox` serves it to users; the project's
//! integration tests start the same server in-process and watch its requests
//! through an [`Observer`].

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::Full;
pub use hyper::HeaderMap;
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Request, Response, StatusCode};
use serde::Deserialize;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::watch;

use biometrid_protocol::{ApiMessage, Endpoint, Envelope, KEY_HEADER, Route, SECRET_HEADER};

use face::{FaceId, Photo};
use log::Log;
use redact::Redactor;

mod checked;
mod face;
mod log;
mod redact;

pub const DEMO_KEY: &str = "demo-key";
pub const DEMO_SECRET: &str = "demo-secret";
/// User IDs starting with this do not exist (USERID_NOT_EXISTS) unless `users` lists them.
pub const MISSING_PREFIX: &str = "missing";

/// Which users exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Users {
    /// Every ID except those starting with this prefix.
    AllExcept(String),
    /// Only these IDs.
    Only(Vec<String>),
}

impl Users {
    fn exists(&self, id: &str) -> bool {
        match self {
            Users::AllExcept(prefix) => prefix.is_empty() || !id.starts_with(prefix.as_str()),
            Users::Only(ids) => ids.iter().any(|u| u == id),
        }
    }
}

/// A canned reply for matching requests, ahead of the normal logic: for
/// producing any reply, documented or not, on demand.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The user ID this rule applies to; `*` for every ID.
    pub user: String,
    /// Answer with this documented message and its documented status.
    #[serde(default)]
    pub message: Option<String>,
    /// Override the HTTP status (100 to 599).
    #[serde(default, deserialize_with = "checked::status")]
    pub status: Option<u16>,
    /// Send this body verbatim instead of the JSON envelope.
    #[serde(default)]
    pub body: Option<String>,
    /// Extra response headers.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// Close the connection without answering.
    #[serde(default)]
    pub close: bool,
    /// Wait this long before answering, in milliseconds.
    #[serde(default)]
    pub delay_ms: u64,
    /// Apply only to the first N requests for the ID (0 = always).
    #[serde(default)]
    pub times: u32,
}

/// The engines a user can be enrolled in (every sandbox user has both, enrolled or not).
pub const ENGINES: [&str; 2] = ["face", "voice"];
/// The HTTP statuses a rule may answer with (a three-digit status with a class).
pub const STATUSES: std::ops::RangeInclusive<u16> = 100..=599;

impl Rule {
    /// No message, status, body, headers, close or delay: the rule would answer
    /// an empty 200 in place of the real answer, which no one means.
    pub fn says_nothing(&self) -> bool {
        self.message.is_none()
            && self.status.is_none()
            && self.body.is_none()
            && self.headers.is_empty()
            && !self.close
            && self.delay_ms == 0
    }

    pub fn for_user(user: &str) -> Rule {
        Rule {
            user: user.to_string(),
            message: None,
            status: None,
            body: None,
            headers: Vec::new(),
            close: false,
            delay_ms: 0,
            times: 0,
        }
    }
}

/// How the sandbox behaves. Defaults: the demo pair, every user but `missing*`, no quota, no faults.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Accepted (key, secret) pairs.
    pub clients: Vec<(String, String)>,
    pub users: Users,
    /// Requests with valid credentials allowed before 402 REQUEST_LIMIT_REACHED.
    pub quota: Option<u64>,
    /// PROBLEM_OCURRED_REPEAT_REQUEST for the first N tries of each ID.
    pub fail_first: u32,
    /// Added to every reply.
    pub latency: Duration,
    /// Random added latency up to this much (for ordering tests).
    pub jitter: Duration,
    /// Share of tries answered with PROBLEM_OCURRED_REPEAT_REQUEST, 0.0 to 1.0.
    /// Whether a try fails depends only on the seed, the user ID and the try
    /// number, so a run fails the same tries whatever the concurrency.
    pub failure_rate: f64,
    /// Seed of the failure-rate and jitter draws, so runs are reproducible.
    pub seed: u64,
    pub rules: Vec<Rule>,
    /// Append one JSON line per request here (never the secret).
    pub log: Option<PathBuf>,
    /// Users with their enrolments, pending dialogue and device, from the start.
    /// They exist whatever `users` says.
    pub seeded: Vec<SeedUser>,
    /// Users created during the run get a pending dialogue with this prompt code.
    pub pending_on_create: Option<String>,
    /// The languages of the client's voice engine; delete-voice for another is
    /// NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE. `None`: every language.
    pub voice_languages: Option<Vec<String>>,
}

/// A user set up by the scenario (`[[user]]` in the file; `--enrolled`,
/// `--pending`, `--device` flags).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeedUser {
    pub id: String,
    /// Engine types the user is enrolled in (`face`, `voice`).
    #[serde(default, deserialize_with = "checked::engines")]
    pub enrolled: Vec<String>,
    #[serde(default)]
    pub pending: Option<PendingDialogue>,
    /// The device (MAC address) associated with the user.
    #[serde(default, deserialize_with = "checked::mac")]
    pub mac: Option<String>,
}

/// A pending voice dialogue.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PendingDialogue {
    pub dialogue: String,
    pub prompt: String,
}

/// `DIALOGUE:PROMPT`, as the `--pending` flag spells it: split at the last `:`,
/// so that a dialogue name may hold one.
impl std::str::FromStr for PendingDialogue {
    type Err = ();

    fn from_str(text: &str) -> Result<PendingDialogue, ()> {
        match text.rsplit_once(':') {
            Some((dialogue, prompt)) => Ok(PendingDialogue {
                dialogue: dialogue.to_string(),
                prompt: prompt.to_string(),
            }),
            None => Err(()),
        }
    }
}

/// What requests change during a run: users created and deleted, devices,
/// enrolments and pending dialogues.
#[derive(Default)]
struct World {
    created: std::collections::HashSet<String>,
    deleted: std::collections::HashSet<String>,
    /// MAC (lower case, `:`) -> user ID.
    devices: HashMap<String, String>,
    enrolled: HashMap<String, Vec<String>>,
    /// Enrolled face photos (by digest) -> user ID.
    faces: HashMap<FaceId, String>,
    pending: HashMap<String, PendingDialogue>,
    next_id: u64,
}

impl World {
    fn seeded(scenario: &Scenario) -> World {
        let mut w = World::default();
        for u in &scenario.seeded {
            w.created.insert(u.id.clone());
            w.enrolled.insert(u.id.clone(), u.enrolled.clone());
            if let Some(p) = &u.pending {
                w.pending.insert(u.id.clone(), p.clone());
            }
            if let Some(mac) = &u.mac {
                w.devices
                    .insert(mac.to_ascii_lowercase().replace('-', ":"), u.id.clone());
            }
        }
        w
    }

    fn exists(&self, users: &Users, id: &str) -> bool {
        !self.deleted.contains(id) && (self.created.contains(id) || users.exists(id))
    }

    /// The user of a device, if it still exists.
    fn user_of(&self, users: &Users, mac: &str) -> Option<String> {
        self.devices
            .get(mac)
            .filter(|id| self.exists(users, id))
            .cloned()
    }

    /// The enroll-status `data`: every engine, enrolled or not.
    fn enrolments(&self, id: &str) -> serde_json::Value {
        let on = self.enrolled.get(id);
        let engines = ENGINES.iter().map(|kind| {
            json!({
                "engines_oid": format!("{kind}-engine"),
                "type": kind,
                "enrolled": on.is_some_and(|on| on.iter().any(|e| e == kind)),
            })
        });
        serde_json::Value::Array(engines.collect())
    }

    fn delete_user(&mut self, id: &str) {
        self.deleted.insert(id.to_string());
        self.created.remove(id);
        self.pending.remove(id);
        self.enrolled.remove(id);
        self.faces.retain(|_, user| user != id);
        self.devices.retain(|_, user| user != id);
    }

    /// Remove the user's enrolment in `engine`; false when there was none.
    fn unenroll(&mut self, id: &str, engine: &str) -> bool {
        let Some(on) = self.enrolled.get_mut(id) else {
            return false;
        };
        let before = on.len();
        on.retain(|e| e != engine);
        if engine == "face" {
            self.faces.retain(|_, user| user != id);
        }
        on.len() < before
    }

    /// Enroll `face` as the user's, unless it is another (existing) user's.
    fn enroll_face(&mut self, users: &Users, id: &str, face: FaceId) -> Served {
        if let Some(other) = self.faces.get(&face).filter(|u| *u != id) {
            if self.exists(users, other) {
                let fields =
                    json!({ "detectedId": other, "confidence": 1.0, "alreadyExists": true });
                return Served::with_data(ApiMessage::FaceAlreadyOnGallery, fields);
            }
        }
        // A new photo replaces the user's old one, as Adapt Face would.
        self.faces.retain(|_, user| user != id);
        self.faces.insert(face, id.to_string());
        let on = self.enrolled.entry(id.to_string()).or_default();
        if !on.iter().any(|e| e == "face") {
            on.push("face".into());
        }
        Served::with_data(ApiMessage::FaceEnrolled, json!({ "enrolled": true }))
    }

    /// The user whose enrolled face is `face`.
    fn find_face(&self, users: &Users, face: &FaceId) -> Served {
        match self.faces.get(face).filter(|u| self.exists(users, u)) {
            Some(user) => {
                let fields = json!({ "verified": true, "userId": user, "confidence": 1.0 });
                let mut served = Served::with_data(ApiMessage::FaceRecognized, fields);
                served.user_id = Some(user.clone());
                served
            }
            None => Served::with_data(
                ApiMessage::FaceEnrollmentFailed,
                json!({ "reason": "no enrolled face matches the photo" }),
            ),
        }
    }
}

/// A request's body as its endpoint reads it.
enum Upload {
    /// Read whole (up to [`MAX_REQUEST_BODY`]; empty when longer).
    Bytes(Bytes),
    /// The face flow's `photo` part, checked.
    Photo(Photo),
}

impl Upload {
    fn bytes(&self) -> &[u8] {
        match self {
            Upload::Bytes(b) => b,
            Upload::Photo(_) => &[],
        }
    }

    fn photo(&self) -> Photo {
        match self {
            Upload::Photo(p) => p.clone(),
            Upload::Bytes(_) => Err("no 'photo' part in the request".into()),
        }
    }

    async fn read(facts: &Facts<'_>, body: Incoming) -> Upload {
        if let Route::Endpoint(Endpoint::EnrollFace | Endpoint::FindByFace, _) = facts.route {
            let content_type = facts.req.headers.get(CONTENT_TYPE);
            let content_type = content_type.and_then(|v| v.to_str().ok());
            let body = read_body(body, face::MAX_UPLOAD).await;
            return Upload::Photo(face::read_photo(content_type, body).await);
        }
        Upload::Bytes(read_body(body, MAX_REQUEST_BODY).await.unwrap_or_default())
    }
}

/// A request body is read to its end, up to this much, even where the
/// sandbox keeps none of it: a reply sent while the client is still sending
/// reaches it as a reset connection instead (a 501 to a 5 MiB upload).
const READ_CAP: u64 = 64 * 1024 * 1024;

/// The body, if it is at most `keep` bytes; `None` when it is longer (the
/// rest is read and dropped, up to [`READ_CAP`]).
async fn read_body(mut body: Incoming, keep: usize) -> Option<Bytes> {
    use http_body_util::BodyExt;
    let mut kept = bytes::BytesMut::new();
    let (mut total, mut over) = (0u64, false);
    while let Some(Ok(frame)) = body.frame().await {
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total += data.len() as u64;
        over = over || kept.len() + data.len() > keep;
        if !over {
            kept.extend_from_slice(&data);
        }
        if total > READ_CAP {
            break;
        }
    }
    (!over).then(|| kept.freeze())
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            clients: vec![(DEMO_KEY.into(), DEMO_SECRET.into())],
            users: Users::AllExcept(MISSING_PREFIX.into()),
            quota: None,
            fail_first: 0,
            latency: Duration::ZERO,
            jitter: Duration::ZERO,
            failure_rate: 0.0,
            seed: 0,
            rules: Vec::new(),
            log: None,
            seeded: Vec::new(),
            pending_on_create: None,
            voice_languages: None,
        }
    }
}

/// The scenario file's format, as `biometrid sandbox --help` and biometrid-sandbox(1)
/// show it (where a user looks for it: `cargo install` installs no README). It is here,
/// beside [`ScenarioFile`], so that a knob and its description change together.
pub const SCENARIO_FORMAT: &str = "\
Scenario file:
--scenario FILE is TOML with the same knobs as the flags; a flag given as well wins.
Malformed TOML, an unknown key, a wrong type or a bad value is exit 3 naming the file
and the line; the file is read up to 1 MiB. Top-level keys (all optional):
  users = [\"ID\", ...]         only these IDs exist (--user)
  missing_prefix = \"P\"        IDs starting with P do not exist (--missing-prefix); users
                              and missing_prefix, in the file or the flags, are alternatives
  quota = N                   requests with valid credentials before 402 (--quota)
  fail_first = N              first N tries of each ID get 500 (--fail-first)
  failure_rate = R            share of tries, 0.0 to 1.0, that get 500 (--failure-rate)
  seed = N                    the same seed fails the same tries (--seed)
  latency_ms = N              milliseconds added to every reply (--latency)
  jitter_ms = N               random extra delay up to N milliseconds (--jitter)
  pending_on_create = \"CODE\"  created users get a pending dialogue (--pending-on-create)
  voice_languages = [\"L\", ...] the voice engine's languages; delete-voice for another
                              is NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE (default: any)
The tables, each repeatable, are [[clients]], [[user]] and [[rule]].
  [[clients]]  key, secret: an accepted pair, instead of the demo pair (--client)
  [[user]]     id; enrolled = [\"face\", \"voice\"]; pending = {dialogue = \"D\", prompt = \"P\"};
               mac = \"aa:bb:cc:dd:ee:ff\" (--enrolled, --pending, --device)
  [[rule]]     user (an ID, or \"*\" for every ID) and what to answer: message (a
               documented message), status, body (sent as is), headers = [[\"Name\", \"value\"]],
               close = true (no answer), delay_ms, times (only the first N requests)
The first matching rule answers, before everything else.

Example scenario:
  users = [\"59147e5afdda9b0ac0f5e31f\", \"alice\", \"bob\"]
  quota = 100
  fail_first = 1
  [[clients]]
  key = \"ci-key\"
  secret = \"ci-secret\"
  [[rule]]
  user = \"bob\"
  message = \"REQUEST_LIMIT_REACHED\"";

/// The scenario file: the same knobs as the flags, in TOML.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    #[serde(default)]
    pub clients: Vec<ClientPair>,
    pub users: Option<Vec<String>>,
    pub missing_prefix: Option<String>,
    pub quota: Option<u64>,
    pub fail_first: Option<u32>,
    pub latency_ms: Option<u64>,
    pub jitter_ms: Option<u64>,
    #[serde(default, deserialize_with = "checked::failure_rate")]
    pub failure_rate: Option<f64>,
    pub seed: Option<u64>,
    #[serde(default, rename = "rule", deserialize_with = "checked::rules")]
    pub rules: Vec<Rule>,
    #[serde(default, rename = "user")]
    pub seeded: Vec<SeedUser>,
    pub pending_on_create: Option<String>,
    pub voice_languages: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientPair {
    pub key: String,
    pub secret: String,
}

impl ScenarioFile {
    /// Lay this file over a scenario.
    pub fn apply(self, s: &mut Scenario) {
        if !self.clients.is_empty() {
            s.clients = self
                .clients
                .into_iter()
                .map(|c| (c.key, c.secret))
                .collect();
        }
        if let Some(users) = self.users {
            s.users = Users::Only(users);
        } else if let Some(prefix) = self.missing_prefix {
            s.users = Users::AllExcept(prefix);
        }
        s.quota = self.quota.or(s.quota);
        s.fail_first = self.fail_first.unwrap_or(s.fail_first);
        s.latency = self
            .latency_ms
            .map(Duration::from_millis)
            .unwrap_or(s.latency);
        s.jitter = self
            .jitter_ms
            .map(Duration::from_millis)
            .unwrap_or(s.jitter);
        s.failure_rate = self.failure_rate.unwrap_or(s.failure_rate);
        s.seed = self.seed.unwrap_or(s.seed);
        s.rules.extend(self.rules);
        s.seeded.extend(self.seeded);
        s.pending_on_create = self.pending_on_create.or(s.pending_on_create.take());
        s.voice_languages = self.voice_languages.or(s.voice_languages.take());
    }
}

/// A scenario knob that a type cannot rule out. The values are raw: the
/// caller escapes them for where it shows them ([`Invalid::describe`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    FailureRate(f64),
    NoClients,
    EmptyClient,
    UnknownMessage { user: String, message: String },
    BadStatus { user: String, status: u16 },
    IdleRule { user: String },
    Engine { user: String },
}

impl Invalid {
    // The file's wording (which never quotes a value), shared with `describe`.
    pub(crate) const RATE: &str = "failure rate must be 0.0 to 1.0";
    pub(crate) const STATUS: &str = "a rule's status must be 100 to 599";
    pub(crate) const IDLE_RULE: &str = "a rule must say what to answer: message, status, \
        body, headers, close or delay_ms";
    pub(crate) const ENGINE: &str = "an engine must be face or voice";

    /// In words, with user-given text passed through `show` (an escaper).
    pub fn describe(&self, show: &dyn Fn(&str) -> String) -> String {
        match self {
            Invalid::FailureRate(r) => format!("{}, not {r}", Invalid::RATE),
            Invalid::NoClients => "at least one key/secret pair must be accepted".into(),
            Invalid::EmptyClient => "a client's key and secret must not be empty".into(),
            Invalid::UnknownMessage { user, message } => format!(
                "rule for '{}': unknown message '{}'",
                show(user),
                show(message)
            ),
            Invalid::BadStatus { user, status } => format!(
                "rule for '{}': invalid status {status} ({})",
                show(user),
                Invalid::STATUS
            ),
            Invalid::IdleRule { user } => {
                format!("rule for '{}': {}", show(user), Invalid::IDLE_RULE)
            }
            Invalid::Engine { user } => format!("user '{}': {}", show(user), Invalid::ENGINE),
        }
    }
}

impl Scenario {
    /// Check the knobs that a type cannot: rates, statuses, messages.
    pub fn validate(&self) -> Result<(), Invalid> {
        if !(0.0..=1.0).contains(&self.failure_rate) {
            return Err(Invalid::FailureRate(self.failure_rate));
        }
        if self.clients.is_empty() {
            return Err(Invalid::NoClients);
        }
        if self
            .clients
            .iter()
            .any(|(k, v)| k.is_empty() || v.is_empty())
        {
            return Err(Invalid::EmptyClient);
        }
        for r in &self.rules {
            if let Some(m) = &r.message {
                if ApiMessage::parse(m).is_none() {
                    return Err(Invalid::UnknownMessage {
                        user: r.user.clone(),
                        message: m.clone(),
                    });
                }
            }
            if let Some(s) = r.status {
                if !STATUSES.contains(&s) {
                    return Err(Invalid::BadStatus {
                        user: r.user.clone(),
                        status: s,
                    });
                }
            }
            if r.says_nothing() {
                return Err(Invalid::IdleRule {
                    user: r.user.clone(),
                });
            }
        }
        let engine = |e: &String| ENGINES.contains(&e.as_str());
        if let Some(u) = self.seeded.iter().find(|u| !u.enrolled.iter().all(engine)) {
            return Err(Invalid::Engine { user: u.id.clone() });
        }
        Ok(())
    }
}

/// One request as the sandbox saw it (a `--log` line). Never a client's secret
/// or key: what came from the request has them as `***`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Record {
    pub time: String,
    pub method: String,
    pub path: String,
    pub user_id: Option<String>,
    pub status: u16,
    pub message: Option<String>,
    pub credentials_valid: bool,
}

/// Called once per request, after its answer is decided, with the record (a
/// secret or key in it already `***`, as in the log) and the request's headers
/// (which hold the secret: an observer must not show them).
pub type Observer = Arc<dyn Fn(&Record, &HeaderMap) + Send + Sync>;

/// What the server has seen, shared with whoever started it.
#[derive(Default)]
pub struct Stats {
    pub requests: AtomicU64,
    pub in_flight: AtomicUsize,
    pub max_in_flight: AtomicUsize,
    pub connections: AtomicU64,
}

struct State {
    scenario: Scenario,
    stats: Arc<Stats>,
    observer: Option<Observer>,
    used: AtomicU64,
    /// Tries of each ID that got past credentials and quota (for fail-first and the failure rate).
    tries: Mutex<HashMap<String, u32>>,
    rule_hits: Mutex<HashMap<(usize, String), u32>>,
    /// Jitter draws only: the failure rate does not depend on arrival order.
    rng: Mutex<fastrand::Rng>,
    log: Option<Log>,
    /// Hides the clients' secrets and keys in what a request brought (its path).
    redactor: Redactor,
    world: Mutex<World>,
}

/// How to run a sandbox, beyond its scenario.
#[derive(Clone)]
pub struct ServeOptions {
    /// Told of every request (the CLI's `-v` lines; the tests' request lists).
    pub observer: Option<Observer>,
    /// Threads accepting and serving connections, each with its own runtime.
    pub threads: usize,
    /// Told when a write to the `--log` file fails (once, until one succeeds again).
    pub log_failed: Option<LogFailed>,
}

/// Called with the log file's path and the error of a write that failed.
pub type LogFailed = Arc<dyn Fn(&std::path::Path, &std::io::Error) + Send + Sync>;

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            observer: None,
            threads: 1,
            log_failed: None,
        }
    }
}

/// Why a sandbox could not start. The messages name the address or the file.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the log file {}: {source}", path.display())]
    Log {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the sandbox: {0}")]
    Runtime(#[source] std::io::Error),
}

/// A running sandbox on its own thread(s); stops when dropped or on [`Running::stop`].
pub struct Running {
    pub addr: SocketAddr,
    pub stats: Arc<Stats>,
    shutdown: watch::Sender<bool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Running {
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stop(mut self) {
        self.shutdown_now();
    }

    fn shutdown_now(&mut self) {
        let _ = self.shutdown.send(true);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown_now();
    }
}

/// Open the log, bind `addr` and serve on `options.threads` background threads.
/// The port is bound when this returns, so clients may connect at once.
pub fn start_with(
    scenario: Scenario,
    addr: SocketAddr,
    options: &ServeOptions,
) -> Result<Running, StartError> {
    let (state, stats) = new_state(scenario, options)?;
    let std_listener =
        std::net::TcpListener::bind(addr).map_err(|source| StartError::Bind { addr, source })?;
    let addr = std_listener
        .local_addr()
        .map_err(|source| StartError::Bind { addr, source })?;
    std_listener
        .set_nonblocking(true)
        .map_err(StartError::Runtime)?;
    let (shutdown, stopped) = watch::channel(false);
    let mut running = Running {
        addr,
        stats,
        shutdown,
        threads: Vec::new(),
    };
    for n in 0..options.threads.max(1) {
        // Every thread accepts from the same socket; the kernel hands each
        // connection to one of them.
        let listener = std_listener.try_clone().map_err(StartError::Runtime)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let state = state.clone();
        let mut stopped = stopped.clone();
        let thread = std::thread::Builder::new()
            .name(format!("sandbox-{n}"))
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    serve(listener, state, async move {
                        let _ = stopped.wait_for(|s| *s).await;
                    })
                    .await;
                });
            })
            .map_err(StartError::Runtime)?;
        // Pushed at once: on a later error, dropping `running` stops this thread.
        running.threads.push(thread);
    }
    Ok(running)
}

fn new_state(
    scenario: Scenario,
    options: &ServeOptions,
) -> Result<(Arc<State>, Arc<Stats>), StartError> {
    let log = match &scenario.log {
        Some(path) => Some(Log::open(path, options.log_failed.clone())?),
        None => None,
    };
    let stats = Arc::new(Stats::default());
    let state = Arc::new(State {
        world: Mutex::new(World::seeded(&scenario)),
        rng: Mutex::new(fastrand::Rng::with_seed(scenario.seed)),
        redactor: Redactor::new(
            scenario
                .clients
                .iter()
                .map(|(k, s)| (k.as_str(), s.as_str())),
        ),
        scenario,
        stats: stats.clone(),
        observer: options.observer.clone(),
        used: AtomicU64::new(0),
        tries: Mutex::new(HashMap::new()),
        rule_hits: Mutex::new(HashMap::new()),
        log,
    });
    Ok((state, stats))
}

/// Serve connections from `listener` until `shutdown` completes.
async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = &mut shutdown => return,
        };
        let Ok((stream, _)) = accepted else { continue };
        let _ = stream.set_nodelay(true);
        state.stats.connections.fetch_add(1, Ordering::Relaxed);
        let state = state.clone();
        tokio::spawn(async move {
            let io = hyper_util::rt::TokioIo::new(stream);
            let service = hyper::service::service_fn(move |req| handle(state.clone(), req));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, service)
                .await;
        });
    }
}

/// What the sandbox does with a request: reply, or drop the connection.
enum Reaction {
    Reply(Response<Full<Bytes>>),
    Hangup,
}

/// Request bodies (find-user, create-user, delete-voice) are read up to this size.
const MAX_REQUEST_BODY: usize = 64 * 1024;

async fn handle(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let stats = &state.stats;
    stats.requests.fetch_add(1, Ordering::Relaxed);
    let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    stats.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let (parts, body) = req.into_parts();
    let facts = Facts::of(&state, &parts);
    let body = Upload::read(&facts, body).await;
    let reaction = answer(&state, &facts, &body).await;
    stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    match reaction {
        Reaction::Reply(r) => Ok(r),
        // An error from the service makes hyper close the connection without a reply.
        Reaction::Hangup => Err(std::io::Error::other("closing on purpose")),
    }
}

/// What the sandbox knows of a request before it answers it.
struct Facts<'a> {
    req: &'a hyper::http::request::Parts,
    path: String,
    route: Route,
    user_id: Option<String>,
    key: Option<String>,
    secret: Option<String>,
    /// The key/secret pair is one the scenario accepts.
    valid: bool,
    /// When the request arrived; latency counts from here, so the reply leaves
    /// as close to it as the timer allows.
    arrived: tokio::time::Instant,
    /// Latency and jitter for this request.
    delay: Duration,
}

impl<'a> Facts<'a> {
    fn of(state: &State, req: &'a hyper::http::request::Parts) -> Facts<'a> {
        let arrived = tokio::time::Instant::now();
        let s = &state.scenario;
        let path = req.uri.path().to_string();
        let route = Endpoint::for_request(req.method.as_str(), &path);
        let user_id = match &route {
            Route::Endpoint(_, id) | Route::Documented(_, id) => id.clone(),
            Route::WrongMethod | Route::Unknown => None,
        };
        let header = |name: &str| {
            req.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (key, secret) = (header(KEY_HEADER), header(SECRET_HEADER));
        let valid = matches!((&key, &secret), (Some(k), Some(v)) if s.clients.iter().any(|(ck, cs)| ck == k && cs == v));
        let mut delay = s.latency;
        if !s.jitter.is_zero() {
            let f = state.rng.lock().map(|mut r| r.f64()).unwrap_or(0.0);
            delay += s.jitter.mul_f64(f);
        }
        Facts {
            req,
            path,
            route,
            user_id,
            key,
            secret,
            valid,
            arrived,
            delay,
        }
    }

    fn record(&self, status: u16, message: Option<&str>) -> Record {
        Record {
            time: rfc3339(SystemTime::now()),
            method: self.req.method.to_string(),
            path: self.path.clone(),
            user_id: self.user_id.clone(),
            status,
            message: message.map(str::to_string),
            credentials_valid: self.valid,
        }
    }
}

async fn answer(state: &State, facts: &Facts<'_>, body: &Upload) -> Reaction {
    let req = facts.req;
    let note = |record: Record| state.note(record, &req.headers);
    if let Some(reaction) = state.apply_rule(facts).await {
        return reaction;
    }
    if !facts.delay.is_zero() {
        tokio::time::sleep_until(facts.arrived + facts.delay).await;
    }
    let (endpoint, id) = match &facts.route {
        Route::Endpoint(e, id) => (*e, id.clone()),
        Route::Documented(..) => {
            note(facts.record(501, None));
            let what = format!("{} {}", req.method, facts.path);
            let body = format!("not emulated by biometrid sandbox: {what}\n");
            return Reaction::Reply(reply(501, body));
        }
        Route::Unknown => {
            note(facts.record(404, None));
            return Reaction::Reply(reply(404, "no such route\n".into()));
        }
        Route::WrongMethod => {
            note(facts.record(405, None));
            return Reaction::Reply(reply(405, "method not allowed\n".into()));
        }
    };
    // Faults count tries per user, or per endpoint for those without a user.
    let tries_key = id
        .clone()
        .unwrap_or_else(|| endpoint.template().to_string());
    if let Err(message) = state.decide(&facts.key, &facts.secret, facts.valid, &tries_key) {
        note(facts.record(message.http_status(), Some(message.as_str())));
        let body = Envelope::of(message).to_json();
        return Reaction::Reply(reply(message.http_status(), body));
    }
    let done = state.serve_endpoint(endpoint, id, body);
    let mut record = facts.record(done.status, done.message.map(ApiMessage::as_str));
    record.user_id = done.user_id.or(record.user_id);
    note(record);
    Reaction::Reply(reply(done.status, done.body))
}

impl State {
    /// The first rule that matches the request, if it applies (its `times`
    /// not used up): `*` rules every documented route, others their user's.
    async fn apply_rule(&self, facts: &Facts<'_>) -> Option<Reaction> {
        if matches!(facts.route, Route::WrongMethod | Route::Unknown) {
            return None;
        }
        let id = facts.user_id.clone().unwrap_or_default();
        let (i, rule) = self
            .scenario
            .rules
            .iter()
            .enumerate()
            .find(|(_, r)| r.user == "*" || (facts.user_id.is_some() && r.user == id))?;
        let applies = rule.times == 0 || {
            let mut hits = self.rule_hits.lock().unwrap_or_else(|p| p.into_inner());
            let n = hits.entry((i, id)).or_insert(0);
            *n += 1;
            *n <= rule.times
        };
        if !applies {
            return None;
        }
        let extra = Duration::from_millis(rule.delay_ms);
        tokio::time::sleep_until(facts.arrived + facts.delay + extra).await;
        let note = |record: Record| self.note(record, &facts.req.headers);
        if rule.close {
            note(facts.record(0, None));
            return Some(Reaction::Hangup);
        }
        let message = rule.message.as_deref().and_then(ApiMessage::parse);
        let status = rule
            .status
            .or(message.map(ApiMessage::http_status))
            .unwrap_or(200);
        let body = match (&rule.body, message) {
            (Some(b), _) => b.clone(),
            (None, Some(m)) => Envelope::of(m).to_json(),
            (None, None) => String::new(),
        };
        let mut response = reply(status, body);
        for (name, value) in &rule.headers {
            if let (Ok(n), Ok(v)) = (
                hyper::header::HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                response.headers_mut().append(n, v);
            }
        }
        note(facts.record(status, message.map(ApiMessage::as_str)));
        Some(Reaction::Reply(response))
    }
}

/// What an endpoint answered, for the reply and the log.
struct Served {
    status: u16,
    message: Option<ApiMessage>,
    body: String,
    /// The user the request concerned (found or created) when the path names none.
    user_id: Option<String>,
}

impl Served {
    fn message(m: ApiMessage) -> Served {
        Served {
            status: m.http_status(),
            message: Some(m),
            body: Envelope::of(m).to_json(),
            user_id: None,
        }
    }

    /// A message with the user's ID in `data.id`.
    fn with_id(m: ApiMessage, id: String) -> Served {
        let mut served = Served::with_data(m, json!({ "id": id }));
        served.user_id = Some(id);
        served
    }

    /// A message with more fields in `data` beside it.
    fn with_data(m: ApiMessage, fields: serde_json::Value) -> Served {
        let mut data = json!({ "message": m.as_str() });
        if let (Some(data), serde_json::Value::Object(fields)) = (data.as_object_mut(), fields) {
            data.extend(fields);
        }
        let body = json!({ "status": m.status_flag(), "data": data });
        Served {
            status: m.http_status(),
            message: Some(m),
            body: body.to_string(),
            user_id: None,
        }
    }

    fn data(data: Option<serde_json::Value>) -> Served {
        let body = match data {
            Some(d) => serde_json::json!({ "status": true, "data": d }),
            None => serde_json::json!({ "status": true }),
        };
        Served {
            status: 200,
            message: None,
            body: body.to_string(),
            user_id: None,
        }
    }

    /// A request body the sandbox cannot read: not a documented reply.
    fn bad_body(what: &str) -> Served {
        Served {
            status: 400,
            message: None,
            body: format!("bad request body: {what}\n"),
            user_id: None,
        }
    }
}

/// The `mac_address` of a request body, lower case with `:`.
fn mac_of(body: &serde_json::Value) -> Option<String> {
    let mac = body.get("mac_address")?.as_str()?;
    Some(mac.to_ascii_lowercase().replace('-', ":"))
}

impl State {
    /// An endpoint's documented answer, with the state it changes.
    fn serve_endpoint(&self, endpoint: Endpoint, id: Option<String>, body: &Upload) -> Served {
        use ApiMessage as M;
        let users = &self.scenario.users;
        let mut world = self.world.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(id) = &id {
            if !world.exists(users, id) {
                return Served::message(M::UserIdNotExists);
            }
        }
        let id = id.unwrap_or_default();
        match endpoint {
            Endpoint::RestartState => {
                // The API: a restart ends any current process, a pending dialogue included.
                world.pending.remove(&id);
                Served::message(M::StateRestarted)
            }
            Endpoint::EnrollStatus => Served::data(Some(world.enrolments(&id))),
            Endpoint::PendingDialogue => Served::data(world.pending.get(&id).map(|p| {
                serde_json::json!({
                    "dialogueId": p.dialogue,
                    "promptCode": p.prompt,
                    "promptCodeText": format!("Please say the digits {}", p.prompt),
                })
            })),
            Endpoint::DeleteUser => {
                world.delete_user(&id);
                Served::message(M::UserRemoved)
            }
            Endpoint::DeleteFace => match world.unenroll(&id, "face") {
                true => Served::message(M::FaceCredentialsDeleted),
                false => Served::message(M::EnrollFaceFirst),
            },
            Endpoint::DeleteVoice => self.delete_voice(&mut world, &id, body.bytes()),
            Endpoint::EnrollFace => match body.photo() {
                Ok(face) => world.enroll_face(users, &id, face),
                Err(reason) => {
                    Served::with_data(M::FaceEnrollmentFailed, json!({"reason": reason}))
                }
            },
            Endpoint::FindByFace => match body.photo() {
                Ok(face) => world.find_face(users, &face),
                Err(reason) => {
                    Served::with_data(M::FaceEnrollmentFailed, json!({"reason": reason}))
                }
            },
            Endpoint::FindUser => {
                let json = serde_json::from_slice(body.bytes()).ok();
                let Some(mac) = json.as_ref().and_then(mac_of) else {
                    return Served::bad_body("no mac_address");
                };
                match world.user_of(users, &mac) {
                    Some(user) => Served::with_id(M::UserRegisteredOnDevice, user),
                    None => Served::message(M::DeviceNotAssociated),
                }
            }
            Endpoint::CreateUser => self.create(&mut world, body.bytes()),
        }
    }

    /// `{"language": L}`; no body or no language is the client's default
    /// language, as the API documents. A language the scenario's voice engine
    /// does not have is NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE.
    fn delete_voice(&self, world: &mut World, id: &str, body: &[u8]) -> Served {
        let language = if body.is_empty() {
            None
        } else {
            let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
                return Served::bad_body("not JSON");
            };
            json.get("language")
                .and_then(|l| l.as_str())
                .map(str::to_string)
        };
        if let (Some(languages), Some(language)) = (&self.scenario.voice_languages, &language) {
            if !languages.contains(language) {
                return Served::message(ApiMessage::NoVoiceEngine);
            }
        }
        match world.unenroll(id, "voice") {
            true => Served::message(ApiMessage::VoiceCredentialsDeleted),
            false => Served::message(ApiMessage::EnrollVoiceFirst),
        }
    }

    fn create(&self, world: &mut World, body: &[u8]) -> Served {
        let Ok(body) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Served::bad_body("not JSON");
        };
        if !body
            .get("reference_id")
            .is_some_and(serde_json::Value::is_string)
        {
            return Served::bad_body("no reference_id");
        }
        let mac = mac_of(&body);
        if let Some(existing) = mac
            .as_ref()
            .and_then(|m| world.user_of(&self.scenario.users, m))
        {
            return Served::with_id(ApiMessage::UserAlreadyAssociated, existing);
        }
        world.next_id += 1;
        // Shaped like the API's IDs: 24 hex digits.
        let id = format!("5b{:022x}", self.scenario.seed.wrapping_add(world.next_id));
        world.deleted.remove(&id);
        world.created.insert(id.clone());
        if let Some(mac) = mac {
            world.devices.insert(mac, id.clone());
        }
        if let Some(prompt) = &self.scenario.pending_on_create {
            let dialogue = PendingDialogue {
                dialogue: format!("dlg-{id}"),
                prompt: prompt.clone(),
            };
            world.pending.insert(id.clone(), dialogue);
        }
        Served::with_id(ApiMessage::NewUserCreated, id)
    }

    /// The shared refusals (`Err`), in the API's order: headers, client,
    /// secret, quota, faults; `Ok` when the request may go on to its endpoint.
    fn decide(
        &self,
        key: &Option<String>,
        secret: &Option<String>,
        valid: bool,
        id: &str,
    ) -> Result<(), ApiMessage> {
        let s = &self.scenario;
        let (Some(key), Some(_)) = (key, secret) else {
            return Err(ApiMessage::AuthHeadersMissing);
        };
        if !s.clients.iter().any(|(k, _)| k == key) {
            return Err(ApiMessage::ClientNotFound);
        }
        if !valid {
            return Err(ApiMessage::InvalidAuthHeaders);
        }
        if let Some(quota) = s.quota {
            if self.used.fetch_add(1, Ordering::SeqCst) >= quota {
                return Err(ApiMessage::RequestLimitReached);
            }
        }
        if s.fail_first > 0 || s.failure_rate > 0.0 {
            let try_number = {
                let mut tries = self.tries.lock().unwrap_or_else(|p| p.into_inner());
                let n = match tries.get_mut(id) {
                    Some(n) => n,
                    None => tries.entry(id.to_string()).or_insert(0),
                };
                *n = n.saturating_add(1);
                *n
            };
            if try_number <= s.fail_first {
                return Err(ApiMessage::ProblemOccurred);
            }
            if s.failure_rate > 0.0 && draw(s.seed, id, try_number) < s.failure_rate {
                return Err(ApiMessage::ProblemOccurred);
            }
        }
        Ok(())
    }

    fn note(&self, mut record: Record, headers: &HeaderMap) {
        // Everything the request brought may hold a secret or a key: the log
        // and the observer (the CLI's -v lines) never see them.
        let redact = |text: &mut String| *text = self.redactor.redact(text);
        redact(&mut record.method);
        redact(&mut record.path);
        if let Some(id) = &mut record.user_id {
            redact(id);
        }
        if let Some(log) = &self.log {
            if let Ok(mut line) = serde_json::to_string(&record) {
                line.push('\n');
                log.write(line.as_bytes());
            }
        }
        if let Some(observer) = &self.observer {
            observer(&record, headers);
        }
    }
}

/// The failure-rate draw for try `try_number` of `id`, in [0, 1): a function of
/// the seed, the ID and the try alone, so the same run fails the same tries
/// whatever the concurrency or the order of arrival.
fn draw(seed: u64, id: &str, try_number: u32) -> f64 {
    // FNV-1a over the ID, then splitmix64 over everything.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut z =
        seed ^ h.rotate_left(17) ^ u64::from(try_number).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

fn reply(status: u16, body: String) -> Response<Full<Bytes>> {
    let json = body.starts_with('{');
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let kind = if json {
        "application/json"
    } else {
        "text/plain; charset=utf-8"
    };
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    r
}

/// UTC time as `2026-11-26T08:50:42.123Z`.
pub fn rfc3339(t: SystemTime) -> String {
    humantime::format_rfc3339_millis(t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn time_format() {
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_millis(784_111_777_005)),
            "1994-11-06T08:49:37.005Z"
        );
    }

    #[test]
    fn users_logic() {
        assert!(Users::AllExcept("missing".into()).exists("abc"));
        assert!(!Users::AllExcept("missing".into()).exists("missing-1"));
        assert!(Users::Only(vec!["a".into()]).exists("a"));
        assert!(!Users::Only(vec!["a".into()]).exists("b"));
    }

    #[test]
    fn failure_draws_are_reproducible_and_spread() {
        assert_eq!(draw(7, "user-1", 1), draw(7, "user-1", 1));
        assert_ne!(draw(7, "user-1", 1), draw(7, "user-1", 2));
        assert_ne!(draw(7, "user-1", 1), draw(8, "user-1", 1));
        let ids: Vec<String> = (0..10_000).map(|i| format!("user-{i}")).collect();
        let below = ids.iter().filter(|id| draw(3, id, 1) < 0.25).count();
        assert!((2_200..2_800).contains(&below), "{below}");
        assert!(ids.iter().all(|id| (0.0..1.0).contains(&draw(3, id, 1))));
    }

    #[test]
    fn log_lines_are_whole_json_without_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log.jsonl");
        let scenario = Scenario {
            log: Some(log.clone()),
            ..Scenario::default()
        };
        let (state, _) = new_state(scenario, &ServeOptions::default()).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(SECRET_HEADER, HeaderValue::from_static(DEMO_SECRET));
        state.note(
            Record {
                time: rfc3339(SystemTime::now()),
                method: "GET".into(),
                path: "/api/1.0/users/u/restart-state".into(),
                user_id: Some("u".into()),
                status: 200,
                message: Some("STATE_RESTARTED_WITH_SUCCESS".into()),
                credentials_valid: true,
            },
            &headers,
        );
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(text.ends_with('\n') && text.lines().count() == 1, "{text}");
        let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        for field in ["time", "method", "path", "user_id", "status", "message"] {
            assert!(v.get(field).is_some(), "{field} missing: {text}");
        }
        assert_eq!(v["credentials_valid"], true);
        assert!(!text.contains(DEMO_SECRET));
    }

    #[test]
    fn start_errors_name_the_address() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = taken.local_addr().unwrap();
        let e = start_with(Scenario::default(), addr, &ServeOptions::default())
            .err()
            .expect("the port is taken");
        assert!(matches!(e, StartError::Bind { .. }));
        assert!(e.to_string().contains(&addr.to_string()), "{e}");
    }

    #[test]
    fn scenario_validation() {
        let mut s = Scenario::default();
        assert!(s.validate().is_ok());
        s.failure_rate = 1.5;
        assert!(s.validate().is_err());
        let mut s = Scenario::default();
        let mut r = Rule::for_user("*");
        r.message = Some("NOPE".into());
        s.rules.push(r);
        assert!(s.validate().is_err());
    }

    #[test]
    fn the_observer_sees_each_request_with_its_headers() {
        use std::io::{Read, Write};
        /// The record, the key header, whether a secret header came.
        type Seen = (Record, Option<String>, bool);
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let sink = seen.clone();
        let observer: Observer = Arc::new(move |record, headers| {
            let key = headers
                .get(KEY_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let secret_sent = headers.contains_key(SECRET_HEADER);
            sink.lock()
                .unwrap()
                .push((record.clone(), key, secret_sent));
        });
        let options = ServeOptions {
            observer: Some(observer),
            ..ServeOptions::default()
        };
        let running = start_with(
            Scenario::default(),
            "127.0.0.1:0".parse().unwrap(),
            &options,
        )
        .unwrap();
        let mut stream = std::net::TcpStream::connect(running.addr).unwrap();
        write!(
            stream,
            "GET /api/1.0/users/u%2F1/restart-state HTTP/1.1\r\nHost: x\r\n\
             {KEY_HEADER}: {DEMO_KEY}\r\n{SECRET_HEADER}: {DEMO_SECRET}\r\n\
             Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        running.stop();
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        let (record, key, secret_sent) = &seen[0];
        assert_eq!(record.user_id.as_deref(), Some("u/1"));
        assert_eq!(
            record.message.as_deref(),
            Some("STATE_RESTARTED_WITH_SUCCESS")
        );
        assert!(record.credentials_valid);
        assert_eq!(key.as_deref(), Some(DEMO_KEY));
        assert!(secret_sent);
    }
}
