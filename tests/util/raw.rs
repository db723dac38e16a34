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

/// A port on 127.0.0.1 where connect() never completes: a listener whose
/// accept queue is full (backlog 0, filled with connections nobody accepts),
/// so the kernel drops every new SYN and the client waits out its connect
/// timeout. Kept alive as long as the value.
pub struct HangingPort {
    pub port: u16,
    _listener: TcpListener,
    _queued: Vec<TcpStream>,
}

/// A [`HangingPort`], or `None` where the kernel does not drop SYNs on a full
/// queue (the probe is bounded: at most 16 connects of 300 ms).
#[cfg(target_os = "linux")]
pub fn hanging_port() -> Option<HangingPort> {
    use std::os::fd::AsRawFd;
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    // listen() again on a listening socket sets its backlog (Linux): 0 queues one connection.
    // SAFETY: a valid descriptor that `listener` owns for the whole call.
    if unsafe { libc::listen(listener.as_raw_fd(), 0) } != 0 {
        return None;
    }
    let addr = listener.local_addr().unwrap();
    let mut queued = Vec::new();
    // Fill the queue until a connect gets no answer: that probe is the proof that
    // the port hangs (no sleep: the kernel answered or it did not).
    for _ in 0..16 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
            Ok(s) => queued.push(s),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return Some(HangingPort {
                    port: addr.port(),
                    _listener: listener,
                    _queued: queued,
                });
            }
            Err(_) => return None,
        }
    }
    None
}

#[cfg(not(target_os = "linux"))]
pub fn hanging_port() -> Option<HangingPort> {
    None
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

/// A keep-alive HTTP server that answers every request with success and keeps,
/// for each request, the time the kernel received it (`SO_TIMESTAMPNS`, nanoseconds
/// of CLOCK_REALTIME): the client's pace as it sent, whatever the load on the
/// machine does to this server's own threads.
#[cfg(target_os = "linux")]
pub struct ArrivalServer {
    pub addr: SocketAddr,
    arrivals: Arc<std::sync::Mutex<Vec<i128>>>,
}

#[cfg(target_os = "linux")]
impl ArrivalServer {
    pub fn start() -> ArrivalServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        // On the listener too: a connection's first request may be queued before
        // its thread sets the option, and accepted sockets inherit it.
        enable_timestamps(&listener);
        let addr = listener.local_addr().unwrap();
        let arrivals: Arc<std::sync::Mutex<Vec<i128>>> = Default::default();
        let sink = arrivals.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(1000) {
                let Ok(stream) = stream else { continue };
                let sink = sink.clone();
                std::thread::spawn(move || serve_timestamped(stream, &sink));
            }
        });
        ArrivalServer { addr, arrivals }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The kernel's arrival time of each request, in nanoseconds, sorted.
    pub fn arrivals(&self) -> Vec<i128> {
        let mut a = self.arrivals.lock().unwrap().clone();
        a.sort_unstable();
        a
    }
}

/// Answer the requests of one connection, noting when the first bytes of each arrived.
#[cfg(target_os = "linux")]
fn serve_timestamped(mut stream: TcpStream, arrivals: &std::sync::Mutex<Vec<i128>>) {
    use std::os::fd::AsRawFd;
    enable_timestamps(&stream);
    let fd = stream.as_raw_fd();
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut pending = Vec::new();
    let mut first_at: Option<i128> = None;
    for _ in 0..100_000 {
        let (n, at) = recv_timestamped(fd);
        if n == 0 {
            return;
        }
        first_at.get_or_insert(at);
        pending.extend_from_slice(&n_bytes(n));
        // GET requests without a body: a request ends with its blank line.
        while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            pending.drain(..end + 4);
            arrivals.lock().unwrap().push(first_at.take().unwrap_or(at));
            let body = envelope(true, "STATE_RESTARTED_WITH_SUCCESS");
            let reply = http_response(
                "200 OK",
                &["Content-Type: application/json"],
                body.as_bytes(),
            );
            if stream.write_all(&reply).is_err() {
                return;
            }
        }
    }

    /// The bytes of the last read (kept in a thread-local buffer by `recv_timestamped`).
    fn n_bytes(n: usize) -> Vec<u8> {
        BUF.with(|b| b.borrow()[..n].to_vec())
    }
}

#[cfg(target_os = "linux")]
thread_local! {
    static BUF: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0u8; 64 * 1024]);
}

/// Ask the kernel for the receive time of the data read from `socket`.
#[cfg(target_os = "linux")]
fn enable_timestamps(socket: &impl std::os::fd::AsRawFd) {
    let on: libc::c_int = 1;
    // SAFETY: a valid socket and a c_int option value of the right size.
    let set = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_TIMESTAMPNS,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    assert_eq!(set, 0, "SO_TIMESTAMPNS");
}

/// One `recvmsg` on `fd`: the byte count (0 at the end or on an error) and the
/// kernel's receive time of the data, in nanoseconds.
#[cfg(target_os = "linux")]
fn recv_timestamped(fd: std::os::fd::RawFd) -> (usize, i128) {
    BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        let mut iov = libc::iovec {
            iov_base: buf.as_mut_ptr().cast(),
            iov_len: buf.len(),
        };
        let mut control = [0u64; 16];
        // SAFETY: zeroed msghdr is valid; every pointer set below outlives the call.
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.as_mut_ptr().cast();
        msg.msg_controllen = std::mem::size_of_val(&control) as _;
        // SAFETY: fd is an open socket, msg points at live buffers.
        let n = unsafe { libc::recvmsg(fd, &mut msg, 0) };
        if n <= 0 {
            return (0, 0);
        }
        let mut at = 0i128;
        // SAFETY: walking the control messages the kernel wrote into `control`.
        unsafe {
            let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
            while !cmsg.is_null() {
                if (*cmsg).cmsg_level == libc::SOL_SOCKET
                    && (*cmsg).cmsg_type == libc::SCM_TIMESTAMPNS
                {
                    let ts: libc::timespec = std::ptr::read_unaligned(libc::CMSG_DATA(cmsg).cast());
                    at = i128::from(ts.tv_sec) * 1_000_000_000 + i128::from(ts.tv_nsec);
                }
                cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
            }
        }
        assert!(at != 0, "no receive timestamp from the kernel");
        (n as usize, at)
    })
}

/// One request as a test server read it: method, path, headers (names lower
/// case) and the body's bytes.
#[derive(Debug, Clone, Default)]
pub struct Heard {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Heard {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Read one whole request: its head, then a Content-Length or chunked body
/// (at most 32 MiB); `None` when the connection ends first.
pub fn read_request(stream: &mut TcpStream) -> Option<Heard> {
    let head = read_head(stream);
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut heard = Heard {
        method,
        path,
        headers,
        body: Vec::new(),
    };
    if let Some(n) = heard.header("content-length") {
        let mut body = vec![0u8; n.parse::<usize>().ok()?.min(32 << 20)];
        stream.read_exact(&mut body).ok()?;
        heard.body = body;
    } else if heard.header("transfer-encoding") == Some("chunked") {
        heard.body = read_chunked(stream)?;
    }
    Some(heard)
}

fn read_chunked(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size_line = Vec::new();
        let mut byte = [0u8; 1];
        while !size_line.ends_with(b"\r\n") {
            stream.read_exact(&mut byte).ok()?;
            size_line.push(byte[0]);
        }
        let size = usize::from_str_radix(String::from_utf8_lossy(&size_line).trim(), 16).ok()?;
        let mut chunk = vec![0u8; size + 2];
        stream.read_exact(&mut chunk).ok()?;
        if size == 0 || body.len() > 32 << 20 {
            return Some(body);
        }
        body.extend_from_slice(&chunk[..size]);
    }
}

/// A server that records every request it reads, whole, and answers each with
/// what `answer` returns for it (`None`: no answer, the connection held open
/// for 30 s, as a server that never replies; no bytes: the connection closed
/// without an answer). Connections are kept alive.
pub struct Recorder {
    pub server: RawServer,
    heard: Arc<std::sync::Mutex<Vec<Heard>>>,
}

impl Recorder {
    pub fn start<F>(answer: F) -> Recorder
    where
        F: Fn(&Heard) -> Option<Vec<u8>> + Send + Sync + 'static,
    {
        let heard: Arc<std::sync::Mutex<Vec<Heard>>> = Arc::default();
        let sink = heard.clone();
        let server = RawServer::start(move |mut s| {
            while let Some(request) = read_request(&mut s) {
                sink.lock().unwrap().push(request.clone());
                match answer(&request) {
                    Some(bytes) => {
                        if bytes.is_empty() || s.write_all(&bytes).is_err() {
                            return;
                        }
                    }
                    None => {
                        std::thread::sleep(Duration::from_secs(30));
                        return;
                    }
                }
            }
        });
        Recorder { server, heard }
    }

    /// A server that answers every request with `status_line` and `body` (JSON).
    pub fn answering(status_line: &'static str, body: &str) -> Recorder {
        let reply = http_response(
            status_line,
            &["Content-Type: application/json"],
            body.as_bytes(),
        );
        Recorder::start(move |_| Some(reply.clone()))
    }

    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    /// Every request read so far, in order.
    pub fn heard(&self) -> Vec<Heard> {
        self.heard.lock().unwrap().clone()
    }
}

/// One part of a multipart/form-data body, as a server parses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPart {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The parts of a multipart/form-data request (RFC 7578), by its boundary.
pub fn form_parts(heard: &Heard) -> Vec<FormPart> {
    let content_type = heard.header("content-type").expect("a content type");
    assert!(
        content_type.starts_with("multipart/form-data"),
        "{content_type}"
    );
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("a boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}").into_bytes();
    let body = &heard.body;
    let mut starts = Vec::new();
    let mut i = 0;
    while i + delimiter.len() <= body.len() {
        if body[i..].starts_with(&delimiter) {
            starts.push(i);
            i += delimiter.len();
        } else {
            i += 1;
        }
    }
    let mut parts = Vec::new();
    for pair in starts.windows(2) {
        // After the delimiter: CRLF, headers, CRLF CRLF, content, CRLF, next delimiter.
        let chunk = &body[pair[0] + delimiter.len() + 2..pair[1] - 2];
        let split = chunk
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("part headers");
        let head = String::from_utf8_lossy(&chunk[..split]).into_owned();
        let bytes = chunk[split + 4..].to_vec();
        let mut part = FormPart {
            name: String::new(),
            file_name: None,
            content_type: None,
            bytes,
        };
        for line in head.split("\r\n") {
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("content-disposition:") {
                let quoted = |key: &str| {
                    line.split(&format!("{key}=\""))
                        .nth(1)
                        .and_then(|rest| rest.split('"').next())
                        .map(str::to_string)
                };
                part.name = quoted(" name")
                    .or_else(|| quoted(";name"))
                    .unwrap_or_default();
                part.file_name = quoted("filename");
            } else if let Some(value) = lower.strip_prefix("content-type:") {
                part.content_type = Some(value.trim().to_string());
            }
        }
        parts.push(part);
    }
    parts
}
