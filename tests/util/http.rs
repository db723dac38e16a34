//! Requests a test sends itself, with the demo credentials, through reqwest
//! (not the binary): for the sandbox's routes that no command speaks yet, and
//! multipart uploads.

/// What a request carries.
pub enum Body {
    Empty,
    Json(serde_json::Value),
    /// multipart/form-data parts: (name, file name, bytes).
    Parts(Vec<(&'static str, Option<&'static str>, Vec<u8>)>),
    /// A multipart/form-data request with one `photo` part, `photo.jpg`.
    Photo(Vec<u8>),
}

/// A reply: its status and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({}): {:?}: {e}", self.status, self.body))
    }

    /// `data.message`, or "" when there is none.
    pub fn message(&self) -> String {
        self.json()["data"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

thread_local! {
    /// One runtime and client per test thread: a client is slow to build (it
    /// loads the system's root certificates), and its connections belong to
    /// the runtime that opened them.
    static CLIENT: (tokio::runtime::Runtime, reqwest::Client) = (
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap(),
        reqwest::Client::new(),
    );
}

/// Send `method path` to `base_url` with the demo key and secret.
pub fn send(base_url: &str, method: &str, path: &str, body: Body) -> Reply {
    CLIENT.with(|(runtime, client)| runtime.block_on(request(client, base_url, method, path, body)))
}

async fn request(
    client: &reqwest::Client,
    base_url: &str,
    method: &str,
    path: &str,
    body: Body,
) -> Reply {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = client
        .request(method, format!("{base_url}{path}"))
        .timeout(std::time::Duration::from_secs(20))
        .header(biometrid_protocol::KEY_HEADER, super::KEY)
        .header(biometrid_protocol::SECRET_HEADER, super::SECRET);
    req = match body {
        Body::Empty => req,
        Body::Json(v) => req
            .header("content-type", "application/json")
            .body(v.to_string()),
        Body::Photo(bytes) => req.multipart(form(vec![("photo", Some("photo.jpg"), bytes)])),
        Body::Parts(parts) => req.multipart(form(parts)),
    };
    let reply = req.send().await.expect("send");
    let status = reply.status().as_u16();
    let body = reply.text().await.expect("read the reply");
    Reply { status, body }
}

fn form(parts: Vec<(&'static str, Option<&'static str>, Vec<u8>)>) -> reqwest::multipart::Form {
    parts.into_iter().fold(
        reqwest::multipart::Form::new(),
        |form, (name, file, bytes)| {
            let mut part = reqwest::multipart::Part::bytes(bytes);
            if let Some(file) = file {
                part = part.file_name(file);
            }
            form.part(name, part)
        },
    )
}
