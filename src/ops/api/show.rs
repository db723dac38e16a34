//! `biometrid api`: what `-v` and `--dry-run` show of a request and a reply
//! (raw text: whoever prints a line escapes and scrubs it), and the list of
//! documented endpoints in `api --help`.

use biometrid_protocol::CATALOGUE;
use biometrid_protocol::catalogue::Area;

use crate::operation::{Body, PartContent, Request};

/// Bodies shown by `-v` are cut after this many bytes.
pub const SHOWN_BODY: usize = 4096;

/// `-v` and `--dry-run`: a request's own headers, then its body: the parts
/// of a multipart body (name, file name, type, size), a JSON or text body
/// itself up to [`SHOWN_BODY`] bytes, a binary one by its size.
pub fn request_lines(request: &Request) -> Vec<String> {
    let mut lines: Vec<String> = request
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    let kind = match &request.body {
        Body::Multipart(_) => Some("multipart/form-data"),
        Body::Json(_) => Some("application/json"),
        _ => None,
    };
    if let Some(kind) = kind {
        lines.push(format!("content-type: {kind}"));
    }
    lines.extend(body_lines(&request.body));
    lines
}

fn body_lines(body: &Body) -> Vec<String> {
    match body {
        Body::None => Vec::new(),
        Body::Multipart(parts) => parts
            .iter()
            .map(|p| {
                let name = &p.name;
                match &p.content {
                    PartContent::Text(text) => {
                        format!("part {name}: text, {}", size(text.len()))
                    }
                    PartContent::File {
                        file_name,
                        content_type,
                        bytes,
                    } => format!(
                        "part {name}: file {file_name}, {content_type}, {}",
                        size(bytes.len())
                    ),
                }
            })
            .collect(),
        Body::Json(object) => shown_text(&serde_json::Value::Object(object.clone()).to_string()),
        Body::Raw(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => shown_text(text),
            Err(_) => vec![format!("{} (binary, not shown)", size(bytes.len()))],
        },
    }
}

/// Text cut to [`SHOWN_BODY`] bytes, one entry per line.
fn shown_text(text: &str) -> Vec<String> {
    let (shown, left) = cut(text, SHOWN_BODY);
    let mut lines: Vec<String> = shown.split('\n').map(str::to_string).collect();
    if left > 0 {
        lines.push(format!("... ({} more not shown)", size(left)));
    }
    lines
}

/// At most `max` bytes of `text`, cut at a character boundary, and how much was cut.
fn cut(text: &str, max: usize) -> (&str, usize) {
    if text.len() <= max {
        return (text, 0);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], text.len() - end)
}

/// `1 byte`, `512 bytes`.
pub fn size(n: usize) -> String {
    match n {
        1 => "1 byte".to_string(),
        n => format!("{n} bytes"),
    }
}

/// The `api --help` list of every documented endpoint (the protocol crate's
/// catalogue), by area: method, path (`{id}` for the USER_ID), what it does.
pub fn endpoints_help() -> String {
    let width = CATALOGUE.iter().map(|e| e.path.len()).max().unwrap_or(0);
    let mut text = String::from("Documented endpoints ({id}: the USER_ID):\n");
    for area in Area::ALL {
        text.push_str(&format!("  {}\n", area.title()));
        for e in CATALOGUE.iter().filter(|e| e.area == area) {
            let line = format!("    {:<7}{:<width$}  {}", e.method.as_str(), e.path, e.name);
            text.push_str(line.trim_end());
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Part;
    use std::sync::Arc;

    fn request(body: Body) -> Request {
        Request {
            method: "POST".into(),
            path: "/x".into(),
            headers: vec![("x-trace".into(), "t1".into())],
            body,
        }
    }

    #[test]
    fn parts_are_shown_by_name_file_type_and_size() {
        let body = Body::Multipart(vec![
            Part {
                name: "photo".into(),
                content: PartContent::File {
                    file_name: "face.jpg".into(),
                    content_type: "image/jpeg",
                    bytes: Arc::new(vec![0; 2048]),
                },
            },
            Part {
                name: "kind".into(),
                content: PartContent::Text("selfie".into()),
            },
        ]);
        assert_eq!(
            request_lines(&request(body)),
            [
                "x-trace: t1",
                "content-type: multipart/form-data",
                "part photo: file face.jpg, image/jpeg, 2048 bytes",
                "part kind: text, 6 bytes"
            ]
        );
    }

    #[test]
    fn long_and_binary_bodies_are_cut_or_sized() {
        let long = "x".repeat(SHOWN_BODY + 10);
        let lines = shown_text(&long);
        assert_eq!(lines.last().unwrap(), "... (10 bytes more not shown)");
        let raw = request(Body::Raw(Arc::new(vec![0xff, 0xfe, 0])));
        assert_eq!(request_lines(&raw)[1], "3 bytes (binary, not shown)");
        assert_eq!(cut("aé", 2), ("a", 2));
    }

    #[test]
    fn help_lists_every_endpoint() {
        let help = endpoints_help();
        for e in CATALOGUE {
            let line = format!("{:<7}{}", e.method.as_str(), e.path);
            assert!(help.contains(&line), "{line}");
        }
    }
}
