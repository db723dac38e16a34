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
    let fd = stream.as_raw_fd();
    let on: libc::c_int = 1;
    // SAFETY: a valid socket and a c_int option value of the right size.
    let set = unsafe {
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_TIMESTAMPNS,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    assert_eq!(set, 0, "SO_TIMESTAMPNS");
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
