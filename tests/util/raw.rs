//! Raw TCP servers on 127.0.0.1 that write exact bytes (for replies the sandbox
//! would never send), and the HTTP pieces they are built from. Every loop here is
//! bounded in count or time.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// Read an HTTP request head (up to the blank line), at most 64 KiB and 5 s.
pub fn read_head(stream: &mut TcpStream) -> Vec<u8> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while head.len() < 64 * 1024 && !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    head
}

/// A TCP server on 127.0.0.1 whose connections are handled by a closure that
/// writes whatever bytes the test wants. Each connection gets its own thread.
pub struct RawServer {
    pub addr: SocketAddr,
    pub accepted: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl RawServer {
    pub fn start<F>(handler: F) -> RawServer
    where
        F: Fn(TcpStream) + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let handler = Arc::new(handler);
        {
            let (accepted, stop) = (accepted.clone(), stop.clone());
            std::thread::spawn(move || {
                // Bounded: a test never runs longer than this.
                let deadline = Instant::now() + Duration::from_secs(120);
                while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let _ = stream.set_nonblocking(false);
                            let _ = stream.set_nodelay(true);
                            accepted.fetch_add(1, Ordering::SeqCst);
                            let h = handler.clone();
                            std::thread::spawn(move || h(stream));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            });
        }
        RawServer {
            addr,
            accepted,
            stop,
        }
    }

    /// A server that reads the request head and answers with exactly `bytes`, then closes.
    pub fn reply(bytes: Vec<u8>) -> RawServer {
        RawServer::reply_in_pieces(vec![bytes]).0
    }

    /// A server that reads the request head and answers with `pieces`, written one
    /// by one (a client that stops reading, as past a size cap, ends the reply),
    /// then closes. The request heads it read come out of the receiver.
    pub fn reply_in_pieces(pieces: Vec<Vec<u8>>) -> (RawServer, Receiver<String>) {
        let (heads_tx, heads) = std::sync::mpsc::channel();
        let server = RawServer::start(move |mut s| {
            let head = read_head(&mut s);
            let _ = heads_tx.send(String::from_utf8_lossy(&head).into_owned());
            for piece in &pieces {
                if s.write_all(piece).is_err() {
                    return;
                }
            }
            let _ = s.flush();
            let _ = s.shutdown(std::net::Shutdown::Write);
            // Let the client read everything before the socket goes away.
            std::thread::sleep(Duration::from_millis(200));
        });
        (server, heads)
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A port on 127.0.0.1 with nothing listening (bound, then released).
pub fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// The documented envelope of `message`.
pub fn envelope(status: bool, message: &str) -> String {
    format!(r#"{{"status":{status},"data":{{"message":"{message}"}}}}"#)
}

/// A complete HTTP/1.1 response with a Content-Length.
pub fn http_response(status_line: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status_line}\r\n").into_bytes();
    for h in headers {
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out
}

/// A chunked 200 reply whose body is `body`, in 64 KiB chunks: the head, each
/// chunk and the last chunk as separate pieces.
pub fn chunked_reply(body: &[u8]) -> Vec<Vec<u8>> {
    let mut pieces = vec![
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            .to_vec(),
    ];
    for part in body.chunks(64 * 1024) {
        let mut chunk = format!("{:x}\r\n", part.len()).into_bytes();
        chunk.extend_from_slice(part);
        chunk.extend_from_slice(b"\r\n");
        pieces.push(chunk);
    }
    pieces.push(b"0\r\n\r\n".to_vec());
    pieces
}

pub fn ok_response() -> Vec<u8> {
    http_response(
        "200 OK",
        &["Content-Type: application/json"],
        envelope(true, "STATE_RESTARTED_WITH_SUCCESS").as_bytes(),
    )
}
