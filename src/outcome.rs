//! What happened to one USER_ID: the outcome of its request, the reason of a
//! failure (the tool's words kept apart from server text), and whether to retry.

use std::time::Duration;

use biometrid_protocol::ApiMessage;

use crate::sanitize;
use crate::scrub::Scrubber;
use crate::signal::Signal;

/// Server text kept for a reason: enough to scrub a long echoed secret around
/// the excerpt's cut, never the whole body.
const SERVER_TEXT_KEPT: usize = 1024;
/// Server text is shown up to this many (escaped) characters.
const SERVER_TEXT_SHOWN: usize = 80;

/// Why an attempt failed: the tool's own words, with any text that came from
/// the server kept apart, so that only that text is ever scrubbed of the secret
/// (a one-letter secret must not rewrite "connection refused").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reason(Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Tool(String),
    /// Server text (at most [`SERVER_TEXT_KEPT`] characters) and whether it was cut.
    Server(ServerText, bool),
}

impl Reason {
    /// The tool's words, then `text` from the server.
    pub fn with_server_text(words: impl Into<String>, text: &str) -> Reason {
        let mut r = Reason::from(words.into());
        let kept: String = text.chars().take(SERVER_TEXT_KEPT).collect();
        let cut = kept.len() < text.len();
        r.0.push(Piece::Server(ServerText(kept), cut));
        r
    }

    /// More of the tool's words.
    pub fn then(mut self, words: impl Into<String>) -> Reason {
        self.0.push(Piece::Tool(words.into()));
        self
    }

    /// This reason followed by `more`.
    pub fn join(mut self, more: Reason) -> Reason {
        self.0.extend(more.0);
        self
    }

    /// For a terminal: everything escaped; server text scrubbed by `scrub` (when
    /// given) and cut to an excerpt. Scrubbing comes before the cut, so a secret
    /// the cut would shorten is still recognised whole.
    pub fn render(&self, scrub: Option<&Scrubber>) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Tool(words) => out.push_str(&sanitize::escape(words)),
                Piece::Server(text, cut) => {
                    let shown = text.render(scrub, To::Terminal);
                    let mut chars = shown.chars();
                    out.extend(chars.by_ref().take(SERVER_TEXT_SHOWN));
                    if *cut || chars.next().is_some() {
                        out.push('…');
                    }
                }
            }
        }
        out
    }
}

impl From<String> for Reason {
    fn from(words: String) -> Reason {
        Reason(vec![Piece::Tool(words)])
    }
}

impl From<&str> for Reason {
    fn from(words: &str) -> Reason {
        Reason::from(words.to_string())
    }
}

/// What happened to one USER_ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The API answered with a documented message and its documented status.
    Api(ApiMessage),
    /// A documented success, in the words and JSON fields its operation gives
    /// it (restart-state's message, enroll-status's engines, find-user's ID...).
    /// Always exit 0.
    Answered(Box<Answered>),
    /// The ID was rejected locally; nothing was sent. Holds the reason.
    InvalidUserId(String),
    /// DNS, refused, no connection within the connect timeout, reset, closed
    /// early, TLS. Holds the reason.
    Network(Reason),
    /// The attempt's timeout (--timeout) expired once connected: the reason
    /// says its value and the target.
    Timeout(Reason),
    /// Anything but a documented reply. Holds the reason.
    Unexpected(Reason),
    /// Not attempted because this outcome stopped the batch: a client-wide
    /// message, the fifth network failure in a row, the N-th failure of --max-failures.
    Skipped(std::sync::Arc<Outcome>),
    /// Not finished: this signal stopped the batch.
    Interrupted(Signal),
    /// Never an ID's own outcome: the journal could not be written, which stops
    /// the run (exit 14); the IDs not sent are SKIPPED with it as their cause.
    JournalFailed,
    /// `biometrid api`: the API declined, with a failure reply that has no
    /// code of its own (exit 15).
    Declined,
    /// `biometrid api`: a reply of any endpoint, kept whole for printing,
    /// with what it means.
    Reply(Box<Reply>),
}

impl Outcome {
    /// The `message` of the JSON line: the API's message or a local code;
    /// `None` for a documented answer that has no message.
    pub fn api_message(&self) -> Option<&'static str> {
        match self {
            Outcome::Answered(a) => a.message.map(ApiMessage::as_str),
            other => Some(other.message()),
        }
    }

    /// The message in words for logs: the API's message or a local code (`OK`
    /// for an answer without one).
    pub fn message(&self) -> &'static str {
        match self {
            Outcome::Api(m) => m.as_str(),
            Outcome::Answered(a) => a.message.map_or("OK", ApiMessage::as_str),
            Outcome::InvalidUserId(_) => "INVALID_USER_ID",
            Outcome::Network(_) => "NETWORK_ERROR",
            Outcome::Timeout(_) => "TIMEOUT",
            Outcome::Unexpected(_) => "UNEXPECTED_RESPONSE",
            Outcome::Skipped(_) => "SKIPPED",
            Outcome::Interrupted(_) => "INTERRUPTED",
            Outcome::JournalFailed => "OUTPUT_FAILURE",
            Outcome::Declined => "API_DECLINED",
            Outcome::Reply(r) => r.meaning.message(),
        }
    }

    /// Human detail beyond the message, escaped for a terminal, the server's
    /// part of it scrubbed by `scrub`. Commands show it only through the
    /// Printer ([`crate::output::Printer::outcome_error`] and the report
    /// lines), which passes the secret's scrubber: there is deliberately no
    /// unscrubbed shortcut.
    pub fn detail(&self, scrub: Option<&Scrubber>) -> Option<String> {
        match self {
            Outcome::Api(m) => Some(m.meaning().to_string()),
            Outcome::Answered(_) => None,
            Outcome::InvalidUserId(why) => Some(sanitize::escape(why)),
            Outcome::Network(why) | Outcome::Unexpected(why) | Outcome::Timeout(why) => {
                Some(why.render(scrub))
            }
            Outcome::Skipped(_) => {
                Some("not attempted: an earlier failure stopped the batch".into())
            }
            Outcome::Interrupted(Signal::Interrupt) => Some("not finished: interrupted".into()),
            Outcome::Interrupted(s) => Some(format!("not finished: {} stopped the run", s.name())),
            Outcome::JournalFailed => Some("the journal could not be written".into()),
            Outcome::Declined => Some("the API declined the request".into()),
            Outcome::Reply(r) => match (&r.meaning, &r.message) {
                (Outcome::Declined, Some(m)) => Some(format!(
                    "the API declined the request: {}",
                    m.render(scrub, To::Terminal)
                )),
                (meaning, _) => meaning.detail(scrub),
            },
        }
    }
}

/// A documented success as its operation reads it, in the one shape the
/// printer renders for every operation: its words and its JSON fields. No
/// printer code is specific to an endpoint; a new operation builds one of these.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answered {
    /// The API's message; `None` when the reply has none (enroll status, pending dialogue).
    pub message: Option<ApiMessage>,
    /// The human line on stdout.
    pub line: Vec<Part>,
    /// A human line on stderr after it (find-user and create-user say there
    /// what happened, keeping stdout to the bare ID); empty for none.
    pub note: Vec<Part>,
    /// The `--json` fields besides the common ones, in order.
    pub fields: Vec<(&'static str, Field)>,
}

impl Answered {
    /// Whether an ID the server returned (an `id` field, at any depth: a
    /// user's, a dialogue's) holds the secret. Shown scrubbed it would be
    /// another ID, one a script would act on, so it is never shown at all.
    pub fn holds_a_secret_id(&self, scrub: &Scrubber) -> bool {
        fn any(fields: &[(&str, Field)], scrub: &Scrubber) -> bool {
            fields.iter().any(|(key, field)| match field {
                Field::Text(text) => *key == "id" && text.holds_secret(scrub),
                Field::Object(inner) => any(inner, scrub),
                _ => false,
            })
        }
        any(&self.fields, scrub)
    }
}

/// A piece of a human line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The tool's words.
    Words(String),
    /// The operation's word for a success ("deleted"), green on a terminal.
    Success(&'static str),
    /// The report's user ID.
    UserId,
    /// Text that came from the server.
    Server(ServerText),
}

impl Part {
    pub fn words(text: impl Into<String>) -> Part {
        Part::Words(text.into())
    }
}

/// A `--json` field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Null,
    Bool(bool),
    Text(ServerText),
    /// JSON from the server as it was sent (every string and key in it is server text).
    Json(ServerJson),
    /// An object of the tool's keys.
    Object(Vec<(&'static str, Field)>),
}

/// Text that came from the server. It reaches stdout, stderr or the journal
/// only through [`ServerText::render`], which scrubs and escapes it: no other
/// way to its characters exists outside this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerText(String);

/// Where server text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    /// A terminal line: escaped, then scrubbed of the secret (scrubbing sees
    /// what a person would see).
    Terminal,
    /// A JSON string: scrubbed of the secret (JSON escapes it).
    Json,
}

impl ServerText {
    pub fn new(text: impl Into<String>) -> ServerText {
        ServerText(text.into())
    }

    /// The one function through which server text is shown.
    pub fn render(&self, scrub: Option<&Scrubber>, to: To) -> String {
        render(&self.0, scrub, to)
    }

    /// Whether scrubbing changes it: it holds the secret, whole or a run of it.
    pub fn holds_secret(&self, scrub: &Scrubber) -> bool {
        scrub.scrub(&self.0) != self.0
    }
}

fn render(text: &str, scrub: Option<&Scrubber>, to: To) -> String {
    let text = match to {
        To::Terminal => sanitize::escape(text),
        To::Json => text.to_string(),
    };
    match scrub {
        Some(s) => s.scrub(&text),
        None => text,
    }
}

/// A JSON value from the server, kept as sent: every string and key in it is
/// server text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerJson(serde_json::Value);

impl ServerJson {
    pub fn new(value: serde_json::Value) -> ServerJson {
        ServerJson(value)
    }

    /// For a JSON line: every string and key rendered as [`ServerText`] is.
    pub fn render(&self, scrub: Option<&Scrubber>) -> serde_json::Value {
        fn walk(v: &serde_json::Value, scrub: Option<&Scrubber>) -> serde_json::Value {
            use serde_json::Value;
            match v {
                Value::String(s) => Value::String(render(s, scrub, To::Json)),
                Value::Array(items) => Value::Array(items.iter().map(|i| walk(i, scrub)).collect()),
                Value::Object(map) => Value::Object(
                    map.iter()
                        .map(|(k, v)| (render(k, scrub, To::Json), walk(v, scrub)))
                        .collect(),
                ),
                other => other.clone(),
            }
        }
        walk(&self.0, scrub)
    }
}

/// `biometrid api`: a reply of any endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// What it means: `Api` for a documented message with a code of its own,
    /// `Answer` for a success, `Declined`, or `Unexpected`.
    pub meaning: Outcome,
    /// The request it answers: method and path (the tool's).
    pub method: String,
    pub path: String,
    pub status: u16,
    /// Its headers, kept only when they are shown (`-i`, `-v`).
    pub headers: Vec<(String, ServerText)>,
    /// `data.message`, when the reply has one.
    pub message: Option<ServerText>,
    pub body: ReplyBody,
}

/// A reply's body: JSON (read strictly), or anything else as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyBody {
    Json(ServerJson),
    Text(ServerText),
}

impl Reply {
    /// `-v`: the headers, then up to `max` bytes of the body as received,
    /// each line escaped and scrubbed.
    pub fn shown_lines(&self, scrub: Option<&Scrubber>, max: usize) -> Vec<String> {
        let mut lines: Vec<String> = self
            .headers
            .iter()
            .map(|(name, value)| format!("{name}: {}", value.render(scrub, To::Terminal)))
            .collect();
        let body = match &self.body {
            ReplyBody::Json(json) => json.0.to_string(),
            ReplyBody::Text(text) => text.0.clone(),
        };
        let mut end = body.len().min(max);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        if end > 0 {
            lines.extend(
                body[..end]
                    .split('\n')
                    .map(|l| render(l, scrub, To::Terminal)),
            );
        }
        if end < body.len() {
            lines.push(format!("... ({} bytes more not shown)", body.len() - end));
        }
        lines
    }
}

impl ReplyBody {
    /// The body for stdout: JSON with every string scrubbed and invisible
    /// characters as `\uXXXX` escapes, pretty or on one line (so it stays
    /// valid JSON); any other body line by line, each line escaped and scrubbed.
    pub fn text(&self, scrub: Option<&Scrubber>, pretty: bool) -> String {
        match self {
            ReplyBody::Json(json) => json_text(&json.render(scrub), pretty),
            // JSON that is not the API's (a repeated key, a redirect's body) is
            // still JSON: printed as such, every pair kept, so that stdout stays
            // valid JSON when the reply was.
            ReplyBody::Text(text) => match crate::json::Kept::parse(&text.0) {
                Some(json) => json_text(&json.map_strings(&|s| render(s, scrub, To::Json)), pretty),
                None => text_lines(&text.0, scrub),
            },
        }
    }

    /// The body for a JSON line: the JSON as sent, or the text as a string, scrubbed.
    pub fn render(&self, scrub: Option<&Scrubber>) -> serde_json::Value {
        match self {
            ReplyBody::Json(json) => json.render(scrub),
            ReplyBody::Text(text) => serde_json::Value::String(text.render(scrub, To::Json)),
        }
    }
}

/// JSON for stdout, pretty or on one line.
fn json_text<T: serde::Serialize>(json: &T, pretty: bool) -> String {
    let text = match pretty {
        true => crate::json::pretty(json),
        false => crate::json::line(json),
    };
    // Serializing JSON values cannot fail (their keys are strings).
    text.unwrap_or_default()
}

/// A body that is not JSON for stdout: line by line, each line escaped and
/// scrubbed. The line break that ends it is stdout's own.
fn text_lines(text: &str, scrub: Option<&Scrubber>) -> String {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n')
        .map(|line| render(line.strip_suffix('\r').unwrap_or(line), scrub, To::Terminal))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The result of one ID, as the output and the exit code need it.
#[derive(Debug, Clone)]
pub struct Report {
    pub user_id: String,
    pub outcome: Outcome,
    pub http_status: Option<u16>,
    pub attempts: u32,
    /// Whether the last attempt may have reached the server (anything but a
    /// connection refused or not made within the connect timeout): then a
    /// failed request may still have taken effect.
    pub reached: bool,
}

/// How one attempt ended, and whether to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub outcome: Outcome,
    pub retry: Retry,
}

impl Classified {
    /// Whether the server may have carried out this attempt's request though
    /// its answer says nothing of it: a timeout, a reset or closed connection,
    /// the API's 500, a gateway's 502 or 504. A connection refused or not made
    /// within the connect timeout never reached it, and a reply that says the
    /// request was not processed (400, 401, 402, CLIENT_NOT_FOUND, 429, 503) or
    /// any other answer says what happened.
    pub fn may_have_acted(&self, status: Option<u16>) -> bool {
        if self.retry == Retry::Unsent {
            return false;
        }
        matches!(
            self.outcome,
            Outcome::Timeout(_) | Outcome::Network(_) | Outcome::Api(ApiMessage::ProblemOccurred)
        ) || matches!(status, Some(502 | 504))
    }
}

/// Whether an earlier attempt of an ID may have been carried out, so that a
/// later "nothing to do" (USERID_NOT_EXISTS for a delete) may be its doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Earlier {
    /// No earlier attempt, or none that may have acted.
    Nothing,
    /// An attempt of this run (its reply lost or unclear).
    ThisRun,
    /// A run before this `--resume` recorded the request as sent, never its outcome.
    PreviousRun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    No,
    /// Retry, after the server's `Retry-After` if it sent one.
    Yes(Option<Duration>),
    /// Retry: the request surely never reached the server (connection refused,
    /// or not made within the connect timeout), so even an operation that is not
    /// idempotent may be sent again.
    Unsent,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "S3cr3t-LEAK-canary";

    #[test]
    fn a_json_body_is_scrubbed_escaped_and_still_json() {
        let value = serde_json::json!({
            "status": true,
            "data": {"id": SECRET, SECRET: [1, "x S3cr3t-LEAK y"], "sep": "a\u{2028}b\u{200b}"}
        });
        let body = ReplyBody::Json(ServerJson::new(value));
        let scrub = Scrubber::new(SECRET);
        for pretty in [false, true] {
            let out = body.text(Some(&scrub), pretty);
            assert!(
                !out.contains("S3cr3t") && !out.contains('\u{2028}'),
                "{out}"
            );
            assert_eq!(out.lines().count() == 1, !pretty, "{out}");
            let back: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(back["data"]["id"], "***");
            assert_eq!(back["data"]["***"][1], "x *** y");
            assert_eq!(back["data"]["sep"], "a\u{2028}b\u{200b}");
        }
        assert_eq!(body.render(Some(&scrub))["data"]["id"], "***");
    }

    #[test]
    fn a_text_body_is_escaped_line_by_line() {
        let raw = format!("<p>\x1b[2Jhi</p>\r\nsecret {SECRET}\n\u{202e}end\n");
        let body = ReplyBody::Text(ServerText::new(raw));
        let scrub = Scrubber::new(SECRET);
        let out = body.text(Some(&scrub), false);
        assert_eq!(out, "<p>\\u{1b}[2Jhi</p>\nsecret ***\n\\u{202e}end");
        assert_eq!(
            body.render(Some(&scrub)),
            serde_json::Value::String("<p>\u{1b}[2Jhi</p>\r\nsecret ***\n\u{202e}end\n".into())
        );
    }

    #[test]
    fn verbose_lines_are_cut_escaped_and_scrubbed() {
        let reply = Reply {
            meaning: Outcome::Declined,
            method: "GET".into(),
            path: "/x".into(),
            status: 400,
            headers: vec![("x-echo".into(), ServerText::new(format!("{SECRET}\x1b")))],
            message: None,
            body: ReplyBody::Text(ServerText::new("é".repeat(3000))),
        };
        let lines = reply.shown_lines(Some(&Scrubber::new(SECRET)), 4096);
        assert_eq!(lines[0], "x-echo: ***\\u{1b}");
        assert_eq!(lines[1].len(), 4096);
        assert_eq!(lines[2], "... (1904 bytes more not shown)");
    }
}
