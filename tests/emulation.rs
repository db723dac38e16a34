//! What the sandbox emulates beyond the commands' own endpoints, from the
//! outside over loopback: the face and voice cleanup endpoints with state, the
//! offline face flow (enroll by a photo's bytes, find by face), and 501 for
//! every other documented route; and docs/api-endpoints.md against the
//! protocol crate's catalogue of those routes.

use biometrid_protocol::{CATALOGUE, Endpoint};

use crate::util::http::{Body, Reply, send};
use crate::util::sandbox::SeedUser;
use crate::util::*;

const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00face-of-u1";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDRsomeone-else";

fn enrolled(id: &str, engines: &[&str]) -> SeedUser {
    SeedUser {
        id: id.into(),
        enrolled: engines.iter().map(|e| e.to_string()).collect(),
        ..SeedUser::default()
    }
}

fn with_users(users: Vec<SeedUser>) -> Scenario {
    Scenario {
        seeded: users,
        ..Scenario::default()
    }
}

fn delete_face(s: &Running, id: &str) -> Reply {
    send(
        &s.base_url(),
        "DELETE",
        &Endpoint::DeleteFace.path(id),
        Body::Empty,
    )
}

fn delete_voice(s: &Running, id: &str, language: &str) -> Reply {
    let body = Body::Json(serde_json::json!({ "language": language }));
    send(
        &s.base_url(),
        "DELETE",
        &Endpoint::DeleteVoice.path(id),
        body,
    )
}

fn enroll_face(s: &Running, id: &str, body: Body) -> Reply {
    send(&s.base_url(), "POST", &Endpoint::EnrollFace.path(id), body)
}

fn find_by_face(s: &Running, photo: &[u8]) -> Reply {
    let path = Endpoint::FindByFace.template();
    send(&s.base_url(), "POST", path, Body::Photo(photo.to_vec()))
}

/// The user's enrolments as enroll-status reports them: (type, enrolled).
fn enrolments(s: &Running, id: &str) -> Vec<(String, bool)> {
    let path = Endpoint::EnrollStatus.path(id);
    let reply = send(&s.base_url(), "GET", &path, Body::Empty);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let data = reply.json()["data"].as_array().unwrap().clone();
    data.iter()
        .map(|e| {
            let kind = e["type"].as_str().unwrap().to_string();
            (kind, e["enrolled"].as_bool().unwrap())
        })
        .collect()
}

fn is(reply: &Reply, status: u16, flag: bool, message: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.json()["status"], flag, "{}", reply.body);
    assert_eq!(reply.message(), message, "{}", reply.body);
}

#[test]
fn delete_face_and_delete_voice_remove_the_enrolment_once() {
    let s = server(with_users(vec![enrolled("u1", &["face", "voice"])]));
    let face_on = |on: bool| vec![("face".to_string(), on), ("voice".to_string(), true)];
    assert_eq!(enrolments(&s, "u1"), face_on(true));

    is(
        &delete_face(&s, "u1"),
        200,
        true,
        "USER_FACE_CREDENTIALS_DELETED",
    );
    assert_eq!(enrolments(&s, "u1"), face_on(false));
    is(&delete_face(&s, "u1"), 400, false, "ENROLL_USER_FACE_FIRST");

    is(
        &delete_voice(&s, "u1", "en"),
        200,
        true,
        "USER_VOICE_CREDENTIALS_DELETED",
    );
    let none = vec![("face".to_string(), false), ("voice".to_string(), false)];
    assert_eq!(enrolments(&s, "u1"), none);
    is(
        &delete_voice(&s, "u1", "en"),
        400,
        false,
        "ENROLL_USER_VOICE_FIRST",
    );
    // The API documents a missing language as the client's default.
    let path = Endpoint::DeleteVoice.path("u1");
    let no_body = send(&s.base_url(), "DELETE", &path, Body::Empty);
    is(&no_body, 400, false, "ENROLL_USER_VOICE_FIRST");

    // A user with nothing enrolled, and one that does not exist.
    is(&delete_face(&s, "u2"), 400, false, "ENROLL_USER_FACE_FIRST");
    is(
        &delete_voice(&s, "u2", "en"),
        400,
        false,
        "ENROLL_USER_VOICE_FIRST",
    );
    is(
        &delete_face(&s, "missing-1"),
        404,
        false,
        "USERID_NOT_EXISTS",
    );
    is(
        &delete_voice(&s, "missing-1", "en"),
        404,
        false,
        "USERID_NOT_EXISTS",
    );
}

#[test]
fn delete_voice_in_a_language_without_an_engine_is_no_voice_engine() {
    let s = server(Scenario {
        voice_languages: Some(vec!["pt".into()]),
        ..with_users(vec![enrolled("u1", &["voice"])])
    });
    let reply = delete_voice(&s, "u1", "en");
    is(
        &reply,
        404,
        false,
        "NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE",
    );
    assert_eq!(enrolments(&s, "u1")[1], ("voice".to_string(), true));
    is(
        &delete_voice(&s, "u1", "pt"),
        200,
        true,
        "USER_VOICE_CREDENTIALS_DELETED",
    );
}

#[test]
fn a_face_is_enrolled_by_its_bytes_found_and_deleted() {
    let s = server(Scenario::default());
    let enrolled = enroll_face(&s, "u1", Body::Photo(JPEG.to_vec()));
    is(&enrolled, 200, true, "FACE_ENROLLED_WITH_SUCCESS");
    assert_eq!(enrolled.json()["data"]["enrolled"], true);
    assert_eq!(enrolments(&s, "u1")[0], ("face".to_string(), true));

    // The same bytes for another user: already on the gallery, as u1's.
    let again = enroll_face(&s, "u2", Body::Photo(JPEG.to_vec()));
    is(&again, 200, false, "FACE_ALREADY_DETECTED_ON_GALLERY");
    let data = &again.json()["data"];
    assert_eq!(data["detectedId"], "u1");
    assert_eq!(data["confidence"], 1.0);
    assert_eq!(data["alreadyExists"], true);
    assert_eq!(enrolments(&s, "u2")[0], ("face".to_string(), false));
    // The same user again is no conflict.
    is(
        &enroll_face(&s, "u1", Body::Photo(JPEG.to_vec())),
        200,
        true,
        "FACE_ENROLLED_WITH_SUCCESS",
    );

    let found = find_by_face(&s, JPEG);
    is(&found, 200, true, "FACE_RECOGNIZED_WITH_SUCCESS");
    let data = &found.json()["data"];
    assert_eq!(
        (&data["verified"], &data["userId"], &data["confidence"]),
        (&true.into(), &"u1".into(), &1.0.into())
    );
    let unknown = find_by_face(&s, PNG);
    is(&unknown, 200, false, "FACE_ENROLLMENT_FAILED");
    assert!(
        unknown.json()["data"]["reason"].is_string(),
        "{}",
        unknown.body
    );

    // Deleted: not found any more, and free for another user.
    is(
        &delete_face(&s, "u1"),
        200,
        true,
        "USER_FACE_CREDENTIALS_DELETED",
    );
    is(
        &find_by_face(&s, JPEG),
        200,
        false,
        "FACE_ENROLLMENT_FAILED",
    );
    is(
        &enroll_face(&s, "u2", Body::Photo(JPEG.to_vec())),
        200,
        true,
        "FACE_ENROLLED_WITH_SUCCESS",
    );
    assert_eq!(find_by_face(&s, JPEG).json()["data"]["userId"], "u2");

    // A deleted user's face goes with it.
    send(
        &s.base_url(),
        "DELETE",
        &Endpoint::DeleteUser.path("u2"),
        Body::Empty,
    );
    is(
        &find_by_face(&s, JPEG),
        200,
        false,
        "FACE_ENROLLMENT_FAILED",
    );
    is(
        &enroll_face(&s, "u2", Body::Photo(JPEG.to_vec())),
        404,
        false,
        "USERID_NOT_EXISTS",
    );
}

#[test]
fn only_a_jpeg_or_png_of_at_most_1_mib_is_enrolled() {
    let s = server(Scenario::default());
    let mut largest = JPEG.to_vec();
    largest.resize(1024 * 1024, b'x');
    let mut too_large = largest.clone();
    too_large.push(b'x');
    let cases: Vec<(Body, &str)> = vec![
        (Body::Photo(b"GIF89a...".to_vec()), "not a JPEG or PNG"),
        (Body::Photo(Vec::new()), "not a JPEG or PNG"),
        (Body::Photo(too_large), "larger than 1 MiB"),
        (
            Body::Parts(vec![("picture", Some("a.jpg"), JPEG.to_vec())]),
            "no 'photo' part",
        ),
        (
            Body::Json(serde_json::json!({"photo": "x"})),
            "not multipart",
        ),
    ];
    for (i, (body, reason)) in cases.into_iter().enumerate() {
        let user = format!("u{i}");
        let reply = enroll_face(&s, &user, body);
        is(&reply, 200, false, "FACE_ENROLLMENT_FAILED");
        let said = reply.json()["data"]["reason"].as_str().unwrap().to_string();
        assert!(said.contains(reason), "case {i}: {said}");
        assert_eq!(enrolments(&s, &user)[0], ("face".to_string(), false));
    }
    // Exactly 1 MiB, after another part, is enrolled; PNG too.
    let parts = vec![
        ("livenessId", None, b"l-1".to_vec()),
        ("photo", Some("big.jpg"), largest),
    ];
    is(
        &enroll_face(&s, "u9", Body::Parts(parts)),
        200,
        true,
        "FACE_ENROLLED_WITH_SUCCESS",
    );
    is(
        &enroll_face(&s, "u8", Body::Photo(PNG.to_vec())),
        200,
        true,
        "FACE_ENROLLED_WITH_SUCCESS",
    );
    // A bad photo to find is the same failure, with its reason.
    let reply = find_by_face(&s, b"not an image");
    is(&reply, 200, false, "FACE_ENROLLMENT_FAILED");
    assert!(reply.body.contains("not a JPEG or PNG"), "{}", reply.body);
}

#[test]
fn the_face_flow_needs_the_credentials_like_every_endpoint() {
    let s = server(Scenario::default());
    let path = Endpoint::EnrollFace.path("u1");
    // The helper always sends the headers, so this request is written by hand.
    let (code, body) = raw_post_without_credentials(s.addr, &path);
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("AUTHENTICATION_HEADERS_MISSING"), "{body}");
    assert_eq!(enrolments(&s, "u1")[0], ("face".to_string(), false));
}

fn raw_post_without_credentials(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let body = "--b\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\n\u{ff}\r\n--b--\r\n";
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let code = reply.split_whitespace().nth(1).unwrap().parse().unwrap();
    (code, reply)
}

#[test]
fn every_other_documented_route_is_501_not_emulated() {
    let s = server(Scenario::default());
    let emulated: Vec<(&str, &str)> = Endpoint::ALL
        .iter()
        .map(|e| (e.method().as_str(), e.template()))
        .collect();
    let mut checked = 0;
    for entry in CATALOGUE {
        let method = entry.method.as_str();
        for template in entry.paths() {
            let path = template.replace("{id}", "u1");
            let reply = send(&s.base_url(), method, &path, Body::Empty);
            if emulated.contains(&(method, template)) {
                assert_ne!(reply.status, 501, "{method} {path} is emulated");
                continue;
            }
            assert_eq!(reply.status, 501, "{method} {path}: {}", reply.body);
            let expected = format!("not emulated by biometrid sandbox: {method} {path}\n");
            assert_eq!(reply.body, expected);
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} routes checked");
    // Not documented at all: still 404 and 405.
    assert_eq!(
        send(&s.base_url(), "GET", "/api/1.0/nope", Body::Empty).status,
        404
    );
    let wrong = send(
        &s.base_url(),
        "GET",
        "/api/1.0/users/u1/face/delete",
        Body::Empty,
    );
    assert_eq!(wrong.status, 405);
    // The sandbox saw each of them, 501s included.
    assert!(
        records(&s)
            .iter()
            .any(|r| r.path == "/api/1.1/document/validate")
    );
}

/// The section of docs/api-endpoints.md headed `### NAME`, up to the next heading.
fn reference_section<'a>(doc: &'a str, name: &str) -> &'a str {
    let heading = format!("\n### {name}\n");
    let start = doc
        .find(&heading)
        .unwrap_or_else(|| panic!("docs/api-endpoints.md has no `### {name}`"));
    let rest = &doc[start + heading.len()..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn the_endpoint_reference_describes_every_catalogue_entry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/api-endpoints.md");
    let doc = std::fs::read_to_string(path).unwrap();
    for entry in CATALOGUE {
        let section = reference_section(&doc, entry.name);
        let method = entry.method.as_str();
        for p in entry.paths() {
            let route = format!("`{method} {p}`");
            assert!(section.contains(&route), "{}: no {route}", entry.name);
        }
        for m in entry.messages {
            let m = format!("`{}`", m.as_str());
            assert!(section.contains(&m), "{}: no {m}", entry.name);
        }
        for f in entry.body.fields() {
            let f = format!("`{}`", f.name);
            assert!(section.contains(&f), "{}: no field {f}", entry.name);
        }
        let kind = match entry.body.kind() {
            "none" => "no body",
            "JSON" => "JSON",
            _ => "multipart",
        };
        assert!(
            section.contains(kind),
            "{}: body not said ({kind})",
            entry.name
        );
    }
    // Every shared error reply, with its status.
    for m in biometrid_protocol::ApiMessage::SHARED_ERRORS {
        let row = format!("| {} | `{}`", m.http_status(), m.as_str());
        assert!(doc.contains(&row), "no {row}");
    }
}

#[test]
fn a_large_upload_gets_its_reply_not_a_reset() {
    let s = server(Scenario::default());
    let mut big = JPEG.to_vec();
    big.resize(5 * 1024 * 1024, b'x');
    let reply = enroll_face(&s, "u1", Body::Photo(big.clone()));
    is(&reply, 200, false, "FACE_ENROLLMENT_FAILED");
    assert!(reply.body.contains("larger than 1 MiB"), "{}", reply.body);
    let mut huge = big.clone();
    huge.resize(13 * 1024 * 1024, b'x');
    let reply = enroll_face(&s, "u1", Body::Photo(huge));
    assert!(reply.body.contains("larger than 12 MiB"), "{}", reply.body);
    let parts = vec![("front", Some("front.jpg"), big)];
    let reply = send(
        &s.base_url(),
        "POST",
        "/api/1.1/document/validate",
        Body::Parts(parts),
    );
    assert_eq!(reply.status, 501, "{}", reply.body);
    // The connection is still good for the next request.
    is(
        &find_by_face(&s, JPEG),
        200,
        false,
        "FACE_ENROLLMENT_FAILED",
    );
}

/// The binary against the sandbox: a documented route the sandbox does not
/// emulate is exit 15 with the sandbox's words on stdout; an emulated one works.
#[test]
fn api_against_the_sandbox_says_what_is_not_emulated() {
    let env = Env::new();
    let photo = env.dir.path().join("front.jpg");
    std::fs::write(&photo, JPEG).unwrap();
    let photo = photo.to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_biometrid");
    let script = format!(
        "'{bin}' api -F front=@'{photo}' /api/1.1/document/validate; echo \"exit $?\"; \
         '{bin}' api -F photo=@'{photo}' /api/1.1/users/u1/dialogue/enroll/face; echo \"exit $?\""
    );
    let mut c = env.cmd();
    c.args(["sandbox", "exec", "--", "sh", "-c", &script]);
    let o = c.run();
    o.assert_exit(0);
    let stdout = o.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", o.all());
    assert_eq!(
        lines[0].trim(),
        "not emulated by biometrid sandbox: POST /api/1.1/document/validate"
    );
    assert_eq!(lines[1], "exit 15");
    let enrolled: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
    assert_eq!(enrolled["data"]["message"], "FACE_ENROLLED_WITH_SUCCESS");
    assert_eq!(lines[3], "exit 0");
}
