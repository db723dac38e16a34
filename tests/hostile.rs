//! Hostile and broken servers. Each one is a raw TCP server on 127.0.0.1 that
//! writes exact bytes, and each run must end with the documented exit code,
//! within `--timeout` (retries off), with no panic and no hang: a watchdog
//! kills the binary by PID and fails the test if it overstays.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::util::*;

/// The per-attempt timeout of these runs.
const TIMEOUT: &str = "0.5";
/// How long a run may take when it must end by the timeout: the timeout plus
/// start-up and scheduling slack on a loaded 2-core machine. The servers that
/// stall hold on for 5 s or more, so a run that waited for them fails this.
const TIMEOUT_BOUND: Duration = Duration::from_secs(4);
/// The watchdog: past this the binary is killed and the test fails.
const WATCHDOG: Duration = Duration::from_secs(15);

/// Run `restart-state u1 --json` against `base`, with retries off and a short timeout.
fn against(base: &str, extra: &[&str]) -> Ran {
    let env = Env::new();
    let mut c = env.cmd_for(base);
    c.args(["--timeout", TIMEOUT, "--retries", "0", "--json"])
        .args(extra)
        .args(["restart-state", "u1"]);
    let r = c.run_within(WATCHDOG);
    r.assert_no_panic();
    r
}

/// Assert the exit code, and that the single JSON line agrees with it.
fn expect(r: &Ran, code: i32, message: &str) -> serde_json::Value {
    r.assert_exit(code);
    let lines = json_lines(&r.out);
    assert_eq!(lines.len(), 1, "{}", r.all());
    assert_eq!(lines[0]["message"], message, "{}", r.all());
    assert_eq!(lines[0]["exit_code"], code, "{}", r.all());
    lines[0].clone()
}

fn within_timeout(r: &Ran) {
    assert!(
        r.elapsed < TIMEOUT_BOUND,
        "took {:?}, more than --timeout {TIMEOUT} allows",
        r.elapsed
    );
}

/// Wait until the request has arrived, without reading it: closing a socket
/// with unread data makes the kernel send RST instead of FIN.
fn wait_for_request(s: &TcpStream) {
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let mut b = [0u8; 1];
    let _ = s.peek(&mut b);
}

/// Write `chunk` every `every`, at most `max` times or until the client is gone.
fn trickle(s: &mut TcpStream, chunk: &[u8], every: Duration, max: usize) {
    for _ in 0..max {
        if s.write_all(chunk).and_then(|_| s.flush()).is_err() {
            return;
        }
        std::thread::sleep(every);
    }
}

// ------------------------------------------------------------ resets and closes

#[test]
fn reset_before_the_reply_is_a_network_error() {
    let server = RawServer::start(|s| {
        wait_for_request(&s);
        drop(s); // unread request => RST
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 10, "NETWORK_ERROR");
}

#[test]
fn close_before_the_reply_is_a_network_error() {
    let server = RawServer::start(|mut s| {
        let _ = read_head(&mut s);
        let _ = s.shutdown(std::net::Shutdown::Both);
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 10, "NETWORK_ERROR");
}

#[test]
fn a_reset_is_retried() {
    let server = RawServer::start(|s| {
        wait_for_request(&s);
        drop(s);
    });
    let env = Env::new();
    let mut c = env.cmd_for(&server.base_url());
    c.args([
        "--timeout",
        TIMEOUT,
        "--retries",
        "1",
        "--json",
        "restart-state",
        "u1",
    ]);
    let r = c.run_within(WATCHDOG);
    let line = expect(&r, 10, "NETWORK_ERROR");
    assert_eq!(line["attempts"], 2, "{}", r.all());
    assert_eq!(server.connections(), 2);
}

#[test]
fn reset_mid_body_is_a_network_error() {
    let server = RawServer::start(|mut s| {
        wait_for_request(&s);
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"status\":true,");
        let _ = s.flush();
        std::thread::sleep(Duration::from_millis(150));
        drop(s); // the request is still unread => RST mid-body
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 10, "NETWORK_ERROR");
}

#[test]
fn content_length_never_reached_then_closed_is_a_network_error() {
    let server = RawServer::reply(
        b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"status\":true".to_vec(),
    );
    let r = against(&server.base_url(), &[]);
    expect(&r, 10, "NETWORK_ERROR");
}

#[test]
fn content_length_never_reached_and_held_open_times_out() {
    let server = RawServer::start(|mut s| {
        let _ = read_head(&mut s);
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"status\":true");
        std::thread::sleep(Duration::from_secs(5));
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 11, "TIMEOUT");
    within_timeout(&r);
}

#[test]
fn connection_refused_is_a_network_error_and_retried() {
    let base = format!("http://127.0.0.1:{}", closed_port());
    let r = against(&base, &[]);
    expect(&r, 10, "NETWORK_ERROR");
    let env = Env::new();
    let mut c = env.cmd_for(&base);
    c.args(["--retries", "1", "--json", "restart-state", "u1"]);
    let r = c.run_within(WATCHDOG);
    let line = expect(&r, 10, "NETWORK_ERROR");
    assert_eq!(line["attempts"], 2);
}

#[test]
fn unresolvable_host_is_a_network_error() {
    // `.invalid` never resolves (RFC 2606); nothing leaves the machine for it.
    let env = Env::new();
    let mut c = env.cmd_for("https://api.biometrid.invalid");
    c.args(["--timeout", "5", "--json", "restart-state", "u1"]);
    let r = c.run_within(WATCHDOG);
    r.assert_no_panic();
    expect(&r, 10, "NETWORK_ERROR");
}

// ------------------------------------------------------------ slow servers

#[test]
fn silent_server_times_out() {
    let server = RawServer::start(|mut s| {
        let _ = read_head(&mut s);
        std::thread::sleep(Duration::from_secs(5));
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 11, "TIMEOUT");
    within_timeout(&r);
}

#[test]
fn headers_trickled_slowly_time_out() {
    let server = RawServer::start(|mut s| {
        let _ = read_head(&mut s);
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nX-Slow: ");
        trickle(&mut s, b"a", Duration::from_millis(50), 200);
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 11, "TIMEOUT");
    within_timeout(&r);
}

#[test]
fn a_body_that_never_ends_slowly_times_out() {
    let server = RawServer::start(|mut s| {
        let _ = read_head(&mut s);
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        trickle(&mut s, b"1\r\n \r\n", Duration::from_millis(50), 200);
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 11, "TIMEOUT");
    within_timeout(&r);
}

#[test]
fn a_body_that_never_ends_quickly_stops_at_the_cap() {
    // No length, no chunking: the body runs until the server closes, which it never does.
    let server = RawServer::start(|mut s| {
        let _ = read_head(&mut s);
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
        let block = vec![b' '; 64 * 1024];
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until && s.write_all(&block).is_ok() {}
    });
    let r = against(&server.base_url(), &[]);
    let line = expect(&r, 12, "UNEXPECTED_RESPONSE");
    assert!(
        line["detail"].as_str().unwrap().contains("1 MiB"),
        "{}",
        r.all()
    );
    within_timeout(&r);
}

// ------------------------------------------------------------ size caps

#[test]
fn a_chunked_body_over_1_mib_is_unexpected() {
    let server = RawServer::reply(chunked_reply(&vec![b'x'; 2 * 1024 * 1024]).concat());
    let r = against(&server.base_url(), &[]);
    let line = expect(&r, 12, "UNEXPECTED_RESPONSE");
    assert!(
        line["detail"].as_str().unwrap().contains("1 MiB"),
        "{}",
        r.all()
    );
    assert_eq!(line["http_status"], 200);
}

#[test]
fn a_declared_length_over_1_mib_is_unexpected_before_reading_it() {
    // Declares 10 GB and sends nothing more: refused on the header alone.
    let server = RawServer::start(|mut s| {
        let _ = read_head(&mut s);
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n");
        std::thread::sleep(Duration::from_secs(5));
    });
    let r = against(&server.base_url(), &[]);
    let line = expect(&r, 12, "UNEXPECTED_RESPONSE");
    assert!(
        line["detail"].as_str().unwrap().contains("1 MiB"),
        "{}",
        r.all()
    );
    within_timeout(&r);
}

#[test]
fn a_body_of_exactly_1_mib_is_read_and_classified() {
    // At the cap, not over it: read in full, then not the envelope.
    let body = vec![b' '; 1024 * 1024];
    let server = RawServer::reply(http_response("200 OK", &[], &body));
    let r = against(&server.base_url(), &[]);
    let line = expect(&r, 12, "UNEXPECTED_RESPONSE");
    assert!(
        !line["detail"].as_str().unwrap().contains("1 MiB"),
        "{}",
        r.all()
    );
}

/// CRC-32 (IEEE), for the gzip trailer.
fn crc32_update(mut crc: u32, data: &[u8]) -> u32 {
    crc = !crc;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// `data` as gzip with stored (uncompressed) deflate blocks: as big as the data.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = GZIP_HEADER.to_vec();
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&crc32_update(0, data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// A gzip bomb: about 2 KB that inflates to `1 + 258 * n` zero bytes (one
/// fixed-Huffman block: a literal 0, then n copies of <length 258, distance 1>).
fn gzip_bomb(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, bits: u32) {
            self.acc |= u64::from(value) << self.len;
            self.len += bits;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, bits: u32) {
            let reversed = code.reverse_bits() >> (32 - bits);
            self.put(reversed, bits);
        }
    }
    let mut w = Bits {
        out: GZIP_HEADER.to_vec(),
        acc: 0,
        len: 0,
    };
    w.put(1, 1); // BFINAL
    w.put(1, 2); // BTYPE = fixed Huffman
    w.code(0x30, 8); // literal 0
    for _ in 0..n {
        w.code(0xC5, 8); // length 258 (symbol 285)
        w.code(0, 5); // distance code 0 = distance 1
    }
    w.code(0, 7); // end of block
    if w.len > 0 {
        w.put(0, 8 - w.len);
    }
    let size = 1 + 258 * n;
    let zeros = vec![0u8; size];
    let mut out = w.out;
    out.extend_from_slice(&crc32_update(0, &zeros).to_le_bytes());
    out.extend_from_slice(&(size as u32).to_le_bytes());
    out
}

#[test]
fn a_gzip_body_over_the_cap_is_unexpected() {
    let body = gzip_stored(&vec![b' '; 2 * 1024 * 1024]);
    assert!(body.len() > 2 * 1024 * 1024);
    let server = RawServer::reply(http_response(
        "200 OK",
        &["Content-Encoding: gzip", "Content-Type: application/json"],
        &body,
    ));
    let r = against(&server.base_url(), &[]);
    let line = expect(&r, 12, "UNEXPECTED_RESPONSE");
    assert!(
        line["detail"].as_str().unwrap().contains("1 MiB"),
        "{}",
        r.all()
    );
}

#[test]
fn a_gzip_bomb_is_never_inflated() {
    // ~130 KB on the wire (under the cap) that would inflate to 20 MiB: the client
    // neither asks for gzip nor inflates it, so it is a body that is not the envelope.
    let bomb = gzip_bomb(20 * 1024 * 1024 / 258);
    assert!(bomb.len() < 200 * 1024, "{}", bomb.len());
    let heads = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = heads.clone();
    let server = RawServer::start(move |mut s| {
        let head = read_head(&mut s);
        seen.lock()
            .unwrap()
            .push(String::from_utf8_lossy(&head).to_lowercase());
        let _ = s.write_all(&http_response(
            "200 OK",
            &["Content-Encoding: gzip", "Content-Type: application/json"],
            &bomb,
        ));
        std::thread::sleep(Duration::from_millis(200));
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 12, "UNEXPECTED_RESPONSE");
    within_timeout(&r);
    let heads = heads.lock().unwrap();
    assert!(!heads[0].contains("accept-encoding"), "{}", heads[0]);
}

#[test]
fn a_gzipped_documented_reply_is_not_trusted() {
    // Even a valid envelope, compressed without being asked for, is not the documented reply.
    let body = gzip_stored(envelope(true, "STATE_RESTARTED_WITH_SUCCESS").as_bytes());
    let server = RawServer::reply(http_response("200 OK", &["Content-Encoding: gzip"], &body));
    let r = against(&server.base_url(), &[]);
    expect(&r, 12, "UNEXPECTED_RESPONSE");
}

// ------------------------------------------------------------ odd but valid HTTP

#[test]
fn informational_replies_before_the_reply_are_skipped() {
    let mut bytes = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n".to_vec();
    bytes.extend_from_slice(&ok_response());
    let server = RawServer::reply(bytes);
    let r = against(&server.base_url(), &[]);
    let line = expect(&r, 0, "STATE_RESTARTED_WITH_SUCCESS");
    assert_eq!(line["http_status"], 200);
}

#[test]
fn an_unsolicited_switching_protocols_is_unexpected() {
    let server = RawServer::reply(
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n"
            .to_vec(),
    );
    let r = against(&server.base_url(), &[]);
    expect(&r, 12, "UNEXPECTED_RESPONSE");
}

#[test]
fn http_1_0_replies_are_understood() {
    // No Content-Length: the body ends when the server closes.
    let ok = format!(
        "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{}",
        envelope(true, "STATE_RESTARTED_WITH_SUCCESS")
    );
    let server = RawServer::reply(ok.into_bytes());
    let r = against(&server.base_url(), &[]);
    expect(&r, 0, "STATE_RESTARTED_WITH_SUCCESS");

    let missing = format!(
        "HTTP/1.0 404 Not Found\r\n\r\n{}",
        envelope(false, "USERID_NOT_EXISTS")
    );
    let server = RawServer::reply(missing.into_bytes());
    let r = against(&server.base_url(), &[]);
    expect(&r, 7, "USERID_NOT_EXISTS");
}

#[test]
fn unknown_and_odd_statuses_are_unexpected() {
    for status in [
        "999 Nine",
        "299 Odd",
        "204 No Content",
        "418 I'm a teapot",
        "200",
    ] {
        let body = envelope(true, "STATE_RESTARTED_WITH_SUCCESS");
        let server = RawServer::reply(http_response(status, &[], body.as_bytes()));
        let r = against(&server.base_url(), &[]);
        let expected = if status == "200" { 0 } else { 12 };
        r.assert_exit_ctx(expected, format_args!("{status}"));
    }
}

// ------------------------------------------------------------ bad bytes

#[test]
fn invalid_utf8_bodies_are_unexpected() {
    let mut in_message = br#"{"status":true,"data":{"message":""#.to_vec();
    in_message.extend_from_slice(b"STATE_\xff\xfeRESTARTED");
    in_message.extend_from_slice(br#""}}"#);
    for body in [b"\xff\xfe\xfd\x00\x80 not text".to_vec(), in_message] {
        let server = RawServer::reply(http_response("200 OK", &[], &body));
        let r = against(&server.base_url(), &[]);
        expect(&r, 12, "UNEXPECTED_RESPONSE");
    }
}

#[test]
fn invalid_utf8_in_the_reason_phrase_and_headers_does_not_matter() {
    // obs-text is allowed in a reason phrase and a header value: the reply is judged on status and body.
    let body = envelope(true, "STATE_RESTARTED_WITH_SUCCESS");
    let mut bytes = b"HTTP/1.1 200 \xff\xfe\r\nX-Odd: \xfe\xff\r\nRetry-After: \xff\r\n".to_vec();
    bytes.extend_from_slice(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let server = RawServer::reply(bytes);
    let r = against(&server.base_url(), &[]);
    expect(&r, 0, "STATE_RESTARTED_WITH_SUCCESS");
}

#[test]
fn a_reply_that_is_not_http_is_unexpected() {
    let server = RawServer::reply(b"SSH-2.0-OpenSSH_9.2\r\n\r\n".to_vec());
    let r = against(&server.base_url(), &[]);
    expect(&r, 12, "UNEXPECTED_RESPONSE");
}

#[test]
fn a_header_flood_is_unexpected_and_bounded() {
    let mut bytes = b"HTTP/1.1 200 OK\r\n".to_vec();
    // 2 MiB of headers, more than any sane reply head.
    for i in 0..40_000 {
        bytes.extend_from_slice(format!("X-Flood-{i}: {}\r\n", "a".repeat(40)).as_bytes());
    }
    bytes.extend_from_slice(b"Content-Length: 0\r\n\r\n");
    let server = RawServer::reply(bytes);
    let r = against(&server.base_url(), &[]);
    expect(&r, 12, "UNEXPECTED_RESPONSE");
}

#[test]
fn json_nested_100k_levels_deep_is_unexpected_without_overflow() {
    for (open, close) in [("[", "]"), (r#"{"a":"#, "}")] {
        let deep = format!(
            r#"{{"status":true,"data":{{"message":{}1{}}}}}"#,
            open.repeat(100_000),
            close.repeat(100_000)
        );
        assert!(deep.len() < 1024 * 1024);
        let server = RawServer::reply(http_response("200 OK", &[], deep.as_bytes()));
        let r = against(&server.base_url(), &[]);
        expect(&r, 12, "UNEXPECTED_RESPONSE");
    }
}

#[test]
fn control_characters_from_the_server_are_escaped() {
    // An unknown message carrying a terminal title change and a screen clear.
    let body = r#"{"status":true,"data":{"message":"\u001b]0;pwned\u0007\u001b[2J\u009b31m"}}"#;
    let server = RawServer::reply(http_response("200 OK", &[], body.as_bytes()));
    let env = Env::new();
    for json in [false, true] {
        let mut c = env.cmd_for(&server.base_url());
        c.args(["--timeout", TIMEOUT, "restart-state", "u1"]);
        if json {
            c.arg("--json");
        }
        let r = c.run_within(WATCHDOG);
        r.assert_exit(12);
        for text in [r.stdout(), r.stderr()] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "raw control character in {text:?}"
            );
        }
        assert!(
            r.all().contains("pwned"),
            "the text is shown, escaped: {}",
            r.all()
        );
    }
}

// ------------------------------------------------------------ redirects

#[test]
fn a_redirect_to_another_origin_is_not_followed() {
    let elsewhere = RawServer::reply(ok_response());
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "303 See Other",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let location = format!(
            "Location: {}/api/1.0/users/u1/restart-state",
            elsewhere.base_url()
        );
        let server = RawServer::reply(http_response(status, &[&location], b""));
        let r = against(&server.base_url(), &[]);
        let line = expect(&r, 12, "UNEXPECTED_RESPONSE");
        assert!(
            line["detail"].as_str().unwrap().contains("redirect"),
            "{}",
            r.all()
        );
        assert_eq!(server.connections(), 1);
    }
    assert_eq!(
        elsewhere.connections(),
        0,
        "the credentials reached another origin"
    );
}

#[test]
fn a_redirect_to_the_same_origin_is_not_followed_either() {
    let heads = std::sync::Arc::new(std::sync::Mutex::new(0usize));
    let n = heads.clone();
    let server = RawServer::start(move |mut s| {
        let _ = read_head(&mut s);
        *n.lock().unwrap() += 1;
        let _ = s.write_all(&http_response(
            "302 Found",
            &["Location: /api/1.0/users/u2/restart-state"],
            b"",
        ));
        let mut rest = Vec::new();
        let _ = s.set_read_timeout(Some(Duration::from_millis(300)));
        let _ = s.read_to_end(&mut rest);
    });
    let r = against(&server.base_url(), &[]);
    expect(&r, 12, "UNEXPECTED_RESPONSE");
    assert_eq!(*heads.lock().unwrap(), 1, "exactly one request");
}

// ------------------------------------------------------------ replies that contradict themselves

#[test]
fn a_status_field_that_contradicts_the_message_is_unexpected() {
    for (http, status, message) in [
        ("200 OK", false, "STATE_RESTARTED_WITH_SUCCESS"),
        ("404 Not Found", true, "USERID_NOT_EXISTS"),
        ("401 Unauthorized", true, "INVALID_AUTHENTICATION_HEADERS"),
        (
            "500 Internal Server Error",
            true,
            "PROBLEM_OCURRED_REPEAT_REQUEST",
        ),
    ] {
        let body = envelope(status, message);
        let server = RawServer::reply(http_response(http, &[], body.as_bytes()));
        let r = against(&server.base_url(), &[]);
        let line = expect(&r, 12, "UNEXPECTED_RESPONSE");
        let detail = line["detail"].as_str().unwrap_or_default();
        assert!(
            detail.contains(message) && detail.contains(&format!("\"status\": {status}")),
            "{}",
            r.all()
        );
        // And in human form, on stderr.
        let env = Env::new();
        let mut c = env.cmd_for(&server.base_url());
        c.args(["--timeout", "5", "restart-state", "u1"]);
        let r = c.run_within(WATCHDOG);
        r.assert_exit(12);
        assert!(r.stderr().contains("UNEXPECTED_RESPONSE"), "{}", r.all());
        assert!(r.stdout().is_empty(), "{}", r.all());
    }
    // The same replies with the status that agrees are the documented ones.
    for (http, status, message, code) in [
        ("200 OK", true, "STATE_RESTARTED_WITH_SUCCESS", 0),
        ("404 Not Found", false, "USERID_NOT_EXISTS", 7),
    ] {
        let body = envelope(status, message);
        let server = RawServer::reply(http_response(http, &[], body.as_bytes()));
        let r = against(&server.base_url(), &[]);
        expect(&r, code, message);
    }
}

// ------------------------------------------------------------ invisible Unicode

#[test]
fn invisible_and_bidi_unicode_from_the_server_and_in_ids_is_escaped() {
    // An unknown message with a right-to-left override, a zero-width space, a
    // BOM, a line separator and a soft hyphen.
    let body =
        r#"{"status":true,"data":{"message":"evil\u202Etxt.exe\u200Bx\uFEFFy\u2028z\u00ADw"}}"#;
    let server = RawServer::reply(http_response("200 OK", &[], body.as_bytes()));
    let env = Env::new();
    let mut c = env.cmd_for(&server.base_url());
    c.args(["--timeout", "5", "restart-state", "-"]);
    // Stdin: a valid ID and an invalid one (a space) with a zero-width space in it.
    let out = c.run_with_stdin("u1\nbad id\u{200B}\n");
    let err = out.stderr();
    out.assert_exit(12);
    for raw in ['\u{202E}', '\u{200B}', '\u{FEFF}', '\u{2028}', '\u{AD}'] {
        assert!(!err.contains(raw), "raw {raw:?} in {err:?}");
        assert!(!out.stdout().contains(raw), "raw {raw:?} in stdout");
    }
    assert!(
        err.contains(r"evil\u{202e}txt.exe\u{200b}x\u{feff}y\u{2028}z\u{ad}w"),
        "{err}"
    );
    assert!(err.contains(r"bad id\u{200b}"), "{err}");
    assert!(err.contains("INVALID_USER_ID"), "{err}");
}
