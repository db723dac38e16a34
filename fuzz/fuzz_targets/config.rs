//! The config parser: any text never panics; and with a secret inside a string
//! value, whatever surrounds it, an error never shows the secret.
//!
//! Input layout: 1 byte picks the key, 1 byte the string form; the rest is split
//! at the first NUL into text before the secret (inside the string), text after
//! it (inside the string), and the rest of the document.
#![no_main]

use std::path::Path;

use biometrid::config::ConfigFile;
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "S3cr3t-LEAK-canary-9f8e7d";
const KEYS: [&str; 8] = [
    "key", "secret", "base_url", "timeout", "retries", "secert", "x", "Secret",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // 1. Any text at all.
    let _ = ConfigFile::parse(Path::new("/c/config.toml"), text);

    // 2. The secret in a string value.
    if data.len() < 2 {
        return;
    }
    let key = KEYS[usize::from(data[0]) % KEYS.len()];
    let form = data[1] % 3;
    let Ok(rest) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let mut parts = rest.splitn(3, '\0');
    let (before, after, tail) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let inner = format!("{before}{SECRET}{after}");
    let value = match form {
        0 => basic(&inner),
        1 => format!("'{}'", inner.replace(['\'', '\n', '\r'], "")),
        _ => format!("[{}, 1]", basic(&inner)),
    };
    let doc = format!("[default]\n{key} = {value}\n{tail}");
    if let Err(e) = ConfigFile::parse(Path::new("/c/config.toml"), &doc) {
        let shown = format!("{e} {}", e.hint().unwrap_or_default());
        assert!(!shown.contains(SECRET), "secret in {shown:?}");
    }
});

/// A TOML basic string.
fn basic(v: &str) -> String {
    let mut out = String::from("\"");
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
