//! `biometrid api`: what to send, checked whole before anything is sent. The
//! method, the PATH (under the base URL only), the extra headers and one kind
//! of body (multipart parts, a JSON object of fields, or a raw body), with the
//! files of the body read here, each under its cap.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use biometrid_protocol::{KEY_HEADER, SECRET_HEADER, user_id};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::files::{self, BODY_FILE_CAP};
use crate::journal::{self, RequestKey};
use crate::operation::{Body, Part, PartContent};
use crate::sanitize::{self, escaped_path};

/// Where the ID goes in a PATH that runs per user.
pub const ID_PLACEHOLDER: &str = "{id}";

/// The methods `-X` takes. Anything else is a typo (a usage error), not a request.
const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// Headers `-H` may not set: the credentials and the host are the tool's (they
/// only ever go to the base URL), and the framing is the HTTP client's.
const RESERVED_HEADERS: [&str; 5] = [
    KEY_HEADER,
    SECRET_HEADER,
    "host",
    "content-length",
    "transfer-encoding",
];

/// The request `biometrid api` sends: for one ID when the path holds `{id}`.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Upper case, one of [`METHODS`].
    pub method: String,
    pub path: PathTemplate,
    /// `-H` headers, in the order given (names lower case).
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Spec {
    /// Whether a request that timed out or was cut may be sent again: GET,
    /// HEAD and DELETE, the methods the API's documented endpoints use
    /// idempotently (the contract's list). Any other, OPTIONS too (what a
    /// server does with it is its own), is sent again only when the connection
    /// was refused or not made within the connect timeout (it surely never arrived).
    pub fn idempotent(&self) -> bool {
        matches!(self.method.as_str(), "GET" | "HEAD" | "DELETE")
    }

    /// Whether the request deletes: recorded before it is sent, confirmed for several IDs.
    pub fn destructive(&self) -> bool {
        self.method == "DELETE"
    }

    /// What a journal records of the request: a success recorded for one
    /// request says nothing of another. The `-H` headers are left out: they
    /// often carry a value of their own per run (a trace ID).
    pub fn journal_key(&self) -> RequestKey {
        RequestKey {
            method: self.method.clone(),
            path: self.path.as_str().to_string(),
            body: body_bytes(&self.body).map(|b| journal::fingerprint(&b)),
        }
    }
}

/// The body as one unambiguous byte string (each piece length-prefixed, each
/// kind tagged), for its fingerprint; `None` without a body.
fn body_bytes(body: &Body) -> Option<Vec<u8>> {
    fn piece(out: &mut Vec<u8>, bytes: &[u8]) {
        out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        out.extend_from_slice(bytes);
    }
    let mut out = Vec::new();
    match body {
        Body::None => return None,
        Body::Json(fields) => {
            piece(&mut out, b"json");
            piece(&mut out, &serde_json::to_vec(fields).unwrap_or_default());
        }
        Body::Raw(bytes) => {
            piece(&mut out, b"raw");
            piece(&mut out, bytes);
        }
        Body::Multipart(parts) => {
            piece(&mut out, b"multipart");
            for part in parts {
                piece(&mut out, part.name.as_bytes());
                match &part.content {
                    PartContent::Text(text) => {
                        piece(&mut out, b"text");
                        piece(&mut out, text.as_bytes());
                    }
                    PartContent::File {
                        file_name,
                        content_type,
                        bytes,
                    } => {
                        piece(&mut out, b"file");
                        piece(&mut out, file_name.as_bytes());
                        piece(&mut out, content_type.as_bytes());
                        piece(&mut out, bytes);
                    }
                }
            }
        }
    }
    Some(out)
}

/// A PATH under the base URL, maybe with `{id}` where each USER_ID goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate(String);

impl PathTemplate {
    /// Whether the path runs once per USER_ID.
    pub fn per_user(&self) -> bool {
        self.0.contains(ID_PLACEHOLDER)
    }

    /// The path for `id` (a valid USER_ID), percent-encoded as one segment like every ID;
    /// the path as given when it has no `{id}`.
    pub fn for_id(&self, id: &str) -> String {
        if self.per_user() {
            self.0.replace(ID_PLACEHOLDER, &user_id::encode(id))
        } else {
            self.0.clone()
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The options of `biometrid api` as given, before they are checked.
#[derive(Debug, Clone, Default)]
pub struct Given<'a> {
    pub method: Option<&'a str>,
    pub path: &'a str,
    pub forms: &'a [String],
    pub fields: &'a [String],
    pub input: Option<&'a Path>,
    pub headers: &'a [String],
}

/// Check everything given and read the body's files. Usage errors (2) first,
/// for every option, then the files (3): nothing is read when a flag is wrong.
pub fn build(given: &Given, stdin: &mut dyn Read) -> Result<Spec> {
    let path = parse_path(given.path)?;
    let headers = given
        .headers
        .iter()
        .map(|h| parse_header(h))
        .collect::<Result<Vec<_>>>()?;
    let forms = given
        .forms
        .iter()
        .map(|f| parse_form(f))
        .collect::<Result<Vec<_>>>()?;
    let fields = parse_fields(given.fields)?;
    let kinds = [!forms.is_empty(), !fields.is_empty(), given.input.is_some()];
    if kinds.iter().filter(|k| **k).count() > 1 {
        return Err(Error::Usage(
            "-F/--form, -f/--field and --input are different kinds of body: give only one kind"
                .into(),
        ));
    }
    let sets_type = headers.iter().any(|(n, _)| n == "content-type");
    if sets_type && (!forms.is_empty() || !fields.is_empty()) {
        return Err(Error::Usage(
            "-H content-type goes with --input only: -F sends multipart/form-data and -f \
             application/json"
                .into(),
        ));
    }
    let stdin_readers = forms.iter().filter(|f| matches!(f, Form::Stdin(_))).count()
        + usize::from(given.input == Some(Path::new("-")));
    if stdin_readers > 1 {
        return Err(Error::Usage(
            "standard input can be read only once (`@-` or `--input -`)".into(),
        ));
    }
    let method = parse_method(
        given.method,
        !(forms.is_empty() && fields.is_empty() && given.input.is_none()),
    )?;
    let body = if !forms.is_empty() {
        Body::Multipart(read_parts(forms, stdin)?)
    } else if !fields.is_empty() {
        Body::Json(fields)
    } else if let Some(input) = given.input {
        Body::Raw(Arc::new(read_file(input, "--input", stdin)?))
    } else {
        Body::None
    };
    Ok(Spec {
        method,
        path,
        headers,
        body,
    })
}

/// The files the body is read from, each with the option that names it as
/// given (escaped): `-F NAME=@FILE` and `--input FILE`, `-` for standard input.
pub fn body_inputs(given: &Given) -> Vec<(String, PathBuf)> {
    let mut inputs: Vec<(String, PathBuf)> = given
        .forms
        .iter()
        .filter_map(|f| match parse_form(f) {
            Ok(Form::File(name, path)) => Some((name, path)),
            Ok(Form::Stdin(name)) => Some((name, PathBuf::from("-"))),
            _ => None,
        })
        .map(|(name, path)| {
            let shown = format!("-F {}=@{}", sanitize::escape(&name), escaped_path(&path));
            (shown, path)
        })
        .collect();
    if let Some(input) = given.input {
        inputs.push((
            format!("--input {}", escaped_path(input)),
            input.to_path_buf(),
        ));
    }
    inputs
}

/// `-X`: one of [`METHODS`], in any case; default GET, or POST with a body.
pub fn parse_method(given: Option<&str>, has_body: bool) -> Result<String> {
    let Some(text) = given else {
        return Ok(if has_body { "POST" } else { "GET" }.to_string());
    };
    let upper = text.to_ascii_uppercase();
    if METHODS.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(Error::Usage(format!(
            "unknown method '{}': use one of {}",
            sanitize::excerpt(text, 32),
            METHODS.join(", ")
        )))
    }
}

/// PATH: starts with `/`, is not a URL of its own and never climbs out of the
/// base URL's path (`..`, also percent-encoded), so the credential headers only
/// ever go to the configured base URL. A query (`?a=b`) may follow.
pub fn parse_path(text: &str) -> Result<PathTemplate> {
    let shown = || sanitize::excerpt(text, 80);
    let refuse = |why: &str| Err(Error::Usage(format!("PATH '{}' {why}", shown())));
    if text.contains("://") || !text.starts_with('/') {
        return refuse(
            "is not a path: give the path under the base URL, starting with `/` \
             (e.g. /api/1.1/users/{id}/enroll/status); a full URL is refused, so \
             the credentials only ever go to the base URL (--base-url)",
        );
    }
    if text.starts_with("//") {
        return refuse("starts with `//`, which names another host");
    }
    if text
        .chars()
        .any(|c| c.is_whitespace() || sanitize::needs_escape(c))
    {
        return refuse("contains whitespace or control characters");
    }
    if text.contains('\\') {
        return refuse("contains `\\`, which some servers read as `/`");
    }
    if text.contains('#') {
        return refuse("contains `#`: a fragment is never sent");
    }
    let path = text.split('?').next().unwrap_or_default();
    let dot_dot = path.split('/').any(|segment| {
        let decoded = user_id::decode(segment).unwrap_or_default();
        decoded == ".." || decoded == "."
    });
    if dot_dot {
        return refuse("has a `.` or `..` segment: it must stay under the base URL");
    }
    let without_id = text.replace(ID_PLACEHOLDER, "");
    if without_id.contains('{') || without_id.contains('}') {
        return refuse("has a `{...}` other than `{id}` (the only placeholder: the USER_ID)");
    }
    Ok(PathTemplate(text.to_string()))
}

/// `-H NAME:VALUE`: a valid header, not one of [`RESERVED_HEADERS`].
pub fn parse_header(text: &str) -> Result<(String, String)> {
    let Some((name, value)) = text.split_once(':') else {
        return Err(Error::Usage(format!(
            "-H '{}': expected NAME:VALUE",
            sanitize::excerpt(text, 64)
        )));
    };
    let name = name.trim().to_ascii_lowercase();
    let value = value.trim();
    if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
        return Err(Error::Usage(format!(
            "-H: '{}' is not a valid header name",
            sanitize::excerpt(&name, 64)
        )));
    }
    if RESERVED_HEADERS.contains(&name.as_str()) {
        return Err(Error::Usage(format!(
            "-H {name}: this header is set by biometrid itself and cannot be given \
             (the credentials come from the settings and only go to the base URL)"
        )));
    }
    if reqwest::header::HeaderValue::from_str(value).is_err() || value.chars().any(char::is_control)
    {
        return Err(Error::Usage(format!(
            "-H {name}: the value has a line break or a control character"
        )));
    }
    Ok((name, value.to_string()))
}

/// One `-F` as given.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Form {
    Text(String, String),
    File(String, PathBuf),
    /// `NAME=@-`: the file's bytes from standard input.
    Stdin(String),
}

fn parse_form(text: &str) -> Result<Form> {
    let (name, value) = name_value(text, "-F", "NAME=VALUE or NAME=@FILE")?;
    Ok(match value.strip_prefix('@') {
        Some("-") => Form::Stdin(name),
        Some("") => {
            return Err(Error::Usage(format!(
                "-F {}=@: no file named after `@`",
                sanitize::escape(&name)
            )));
        }
        Some(path) => Form::File(name, PathBuf::from(path)),
        None => Form::Text(name, value.to_string()),
    })
}

/// `NAME=VALUE` with a non-empty name.
fn name_value<'t>(text: &'t str, flag: &str, syntax: &str) -> Result<(String, &'t str)> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value)),
        _ => Err(Error::Usage(format!(
            "{flag} '{}': expected {syntax}",
            sanitize::excerpt(text, 64)
        ))),
    }
}

/// `-f NAME=VALUE` (a string) and `-f NAME:=JSON` (a raw JSON value), as one object.
fn parse_fields(given: &[String]) -> Result<serde_json::Map<String, Value>> {
    let mut object = serde_json::Map::new();
    for text in given {
        let (name, value) = name_value(text, "-f", "NAME=VALUE or NAME:=JSON")?;
        let (name, value) = match name.strip_suffix(':') {
            Some(raw) if !raw.is_empty() => {
                let json = serde_json::from_str(value).map_err(|e| {
                    Error::Usage(format!(
                        "-f {}:=...: not a JSON value ({e})",
                        sanitize::escape(raw)
                    ))
                })?;
                (raw.to_string(), json)
            }
            _ => (name, Value::String(value.to_string())),
        };
        if object.insert(name.clone(), value).is_some() {
            return Err(Error::Usage(format!(
                "-f {}: the field is given twice",
                sanitize::escape(&name)
            )));
        }
    }
    Ok(object)
}

fn read_parts(forms: Vec<Form>, stdin: &mut dyn Read) -> Result<Vec<Part>> {
    forms
        .into_iter()
        .map(|form| {
            let (name, content) = match form {
                Form::Text(name, value) => (name, PartContent::Text(value)),
                Form::File(name, path) => {
                    let bytes = read_file(&path, &format!("-F {name}"), stdin)?;
                    let file_name = path
                        .file_name()
                        .map(|n| wire_file_name(&n.to_string_lossy()))
                        .unwrap_or_else(|| "file".to_string());
                    let content = PartContent::File {
                        content_type: content_type_of(&file_name),
                        file_name,
                        bytes: Arc::new(bytes),
                    };
                    (name, content)
                }
                Form::Stdin(name) => {
                    let bytes = read_file(Path::new("-"), &format!("-F {name}"), stdin)?;
                    let content = PartContent::File {
                        file_name: "stdin".to_string(),
                        content_type: "application/octet-stream",
                        bytes: Arc::new(bytes),
                    };
                    (name, content)
                }
            };
            Ok(Part { name, content })
        })
        .collect()
}

/// A file's base name as its part's `filename="..."` carries it: control
/// characters, `"` and `\` percent-encoded, as browsers and curl encode line
/// breaks and quotes (the part's name is percent-encoded too). The HTTP
/// library only backslash-escapes them, which leaves a raw line break in the
/// part's head: a file name could add a header line of its own.
fn wire_file_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_control() || c == '"' || c == '\\' {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A file of the body, `-` for standard input, at most [`BODY_FILE_CAP`]: a missing
/// file, a directory or one over the cap is a configuration error (3), like
/// every other file the tool reads.
fn read_file(path: &Path, what: &str, stdin: &mut dyn Read) -> Result<Vec<u8>> {
    let what = sanitize::escape(what);
    let read = if path == Path::new("-") {
        files::read_capped_from(stdin, BODY_FILE_CAP)
    } else {
        if path.is_dir() {
            return Err(Error::config(format!(
                "cannot read {what} {}: it is a directory",
                escaped_path(path)
            )));
        }
        files::read_capped(path, BODY_FILE_CAP)
    };
    read.map_err(|e| {
        let shown = if path == Path::new("-") {
            Path::new("(stdin)")
        } else {
            path
        };
        files::read_error(&what, shown, BODY_FILE_CAP, &e)
    })
}

/// The content type of a file part, by its extension. A fixed table rather
/// than a MIME database: the API takes photos, audio and documents, and any
/// other file goes as bytes, so the same file is always sent the same way.
pub fn content_type_of(file_name: &str) -> &'static str {
    let extension = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "wav" => "audio/wav",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn usage(r: Result<impl std::fmt::Debug>) -> String {
        match r {
            Err(Error::Usage(text)) => text,
            other => panic!("not a usage error: {other:?}"),
        }
    }

    #[test]
    fn methods_are_checked_and_default_by_body() {
        assert_eq!(parse_method(None, false).unwrap(), "GET");
        assert_eq!(parse_method(None, true).unwrap(), "POST");
        assert_eq!(parse_method(Some("delete"), false).unwrap(), "DELETE");
        let text = usage(parse_method(Some("FETCH"), false));
        assert!(text.contains("unknown method 'FETCH'"), "{text}");
        usage(parse_method(Some("GET\n"), false));
    }

    #[test]
    fn a_path_never_leaves_the_base_url() {
        for bad in [
            "https://evil.example/api",
            "api/1.0/users",
            "//evil.example/x",
            "/api/../../x",
            "/api/%2e%2e/x",
            "/api/.%2E/x",
            "/api/./x",
            "/api/..",
            "/a\\..\\x",
            "/a b",
            "/a\u{200b}",
            "/a#frag",
            "/users/{userId}/enroll",
            "",
        ] {
            usage(parse_path(bad));
        }
        for good in [
            "/api/1.1/users/u1/enroll/status",
            "/api/1.0/users/{id}/voice/is-pending",
            "/api/1.0/users?x=1",
            "/",
            "/a..b/c",
        ] {
            assert_eq!(parse_path(good).unwrap().as_str(), good);
        }
    }

    #[test]
    fn the_id_is_one_encoded_segment() {
        let p = parse_path("/api/1.0/users/{id}/face/delete").unwrap();
        assert!(p.per_user());
        assert_eq!(p.for_id("a/b?c"), "/api/1.0/users/a%2Fb%3Fc/face/delete");
        let fixed = parse_path("/api/1.0/users").unwrap();
        assert!(!fixed.per_user());
        assert_eq!(fixed.for_id("x"), "/api/1.0/users");
    }

    #[test]
    fn credential_host_and_framing_headers_are_refused() {
        for bad in [
            "x-biometrid-key: k",
            "X-BiometrID-Secret:s",
            "Host: evil.example",
            "content-length: 5",
            "transfer-encoding: chunked",
            "novalue",
            "bad name: v",
            "x-a: b\u{7}",
        ] {
            usage(parse_header(bad));
        }
        assert_eq!(
            parse_header("X-Trace-Id: abc:def").unwrap(),
            ("x-trace-id".to_string(), "abc:def".to_string())
        );
    }

    #[test]
    fn fields_make_one_json_object() {
        let o = parse_fields(&strings(&[
            "mac_address=aa:bb",
            "enrolled:=true",
            "n:=[1,2]",
            "eq=a=b",
        ]))
        .unwrap();
        assert_eq!(
            Value::Object(o),
            serde_json::json!({"mac_address": "aa:bb", "enrolled": true, "n": [1, 2], "eq": "a=b"})
        );
        usage(parse_fields(&strings(&["x:=nope"])));
        usage(parse_fields(&strings(&["=v"])));
        usage(parse_fields(&strings(&["a=1", "a=2"])));
        usage(parse_fields(&strings(&["novalue"])));
    }

    #[test]
    fn content_types_come_from_the_extension() {
        for (name, t) in [
            ("face.jpg", "image/jpeg"),
            ("FACE.JPEG", "image/jpeg"),
            ("a.png", "image/png"),
            ("v.wav", "audio/wav"),
            ("d.pdf", "application/pdf"),
            ("notes.txt", "application/octet-stream"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type_of(name), t, "{name}");
        }
    }

    fn given<'a>(forms: &'a [String], fields: &'a [String], input: Option<&'a Path>) -> Given<'a> {
        Given {
            path: "/api/x",
            forms,
            fields,
            input,
            ..Given::default()
        }
    }

    #[test]
    fn one_kind_of_body() {
        let (f, j) = (strings(&["a=b"]), strings(&["c=d"]));
        let mut none: &[u8] = b"";
        usage(build(&given(&f, &j, None), &mut none));
        usage(build(&given(&f, &[], Some(Path::new("x"))), &mut none));
        usage(build(&given(&[], &j, Some(Path::new("x"))), &mut none));
        let twice = strings(&["a=@-", "b=@-"]);
        usage(build(&given(&twice, &[], None), &mut none));
        assert!(build(&given(&f, &[], None), &mut none).is_ok());
        // A content type of one's own goes with a raw body only.
        let typed = strings(&["content-type: text/plain"]);
        let with_type = |forms, input| Given {
            headers: &typed,
            ..given(forms, &[], input)
        };
        usage(build(&with_type(&f, None), &mut none));
        let mut body: &[u8] = b"raw";
        let spec = build(&with_type(&[], Some(Path::new("-"))), &mut body).unwrap();
        assert_eq!(
            spec.headers,
            [("content-type".to_string(), "text/plain".to_string())]
        );
    }

    #[test]
    fn parts_read_files_and_stdin() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("face.jpg");
        std::fs::write(&photo, b"\xff\xd8\xffjpeg").unwrap();
        let forms = strings(&[
            "kind=selfie",
            &format!("photo=@{}", photo.display()),
            "audio=@-",
        ]);
        let mut stdin: &[u8] = b"RIFFwav";
        let spec = build(&given(&forms, &[], None), &mut stdin).unwrap();
        assert_eq!(spec.method, "POST");
        let Body::Multipart(parts) = &spec.body else {
            panic!("{:?}", spec.body)
        };
        assert!(matches!(&parts[0].content, PartContent::Text(t) if t == "selfie"));
        match &parts[1].content {
            PartContent::File {
                file_name,
                content_type,
                bytes,
            } => {
                assert_eq!(
                    (file_name.as_str(), *content_type),
                    ("face.jpg", "image/jpeg")
                );
                assert_eq!(bytes.as_slice(), b"\xff\xd8\xffjpeg");
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(&parts[2].content, PartContent::File { bytes, .. } if bytes.as_slice() == b"RIFFwav")
        );
    }

    #[test]
    fn a_missing_or_oversized_file_is_a_configuration_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut none: &[u8] = b"";
        let missing = strings(&[&format!("p=@{}", dir.path().join("nope.jpg").display())]);
        let e = build(&given(&missing, &[], None), &mut none).unwrap_err();
        assert!(matches!(e, Error::Config { .. }), "{e:?}");
        let dir_part = strings(&[&format!("p=@{}", dir.path().display())]);
        let e = build(&given(&dir_part, &[], None), &mut none).unwrap_err();
        assert!(e.to_string().contains("directory"), "{e}");
        let big = vec![0u8; BODY_FILE_CAP as usize + 1];
        let e = build(&given(&strings(&["p=@-"]), &[], None), &mut big.as_slice()).unwrap_err();
        assert!(e.to_string().contains("larger than 10 MiB"), "{e}");
        let exact = vec![0u8; BODY_FILE_CAP as usize];
        assert!(
            build(
                &given(&strings(&["p=@-"]), &[], None),
                &mut exact.as_slice()
            )
            .is_ok()
        );
    }
}
