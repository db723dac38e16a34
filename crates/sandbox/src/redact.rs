//! Keeping the accepted clients' secrets and keys out of the `--log` lines and
//! the observer's records: a client may put either in a request path (as a
//! user ID, say), and the log promises never to hold them.
//!
//! The rule, narrower than the CLI's scrubber (which lives in the binary crate
//! and reads escaped server text, not raw request paths): in the text read
//! with its percent-escapes decoded byte by byte (`%53`, either hex case, any
//! mix of escaped and plain bytes), compared ASCII case-insensitively,
//! - every run of [`RUN`] or more bytes of a secret (a shorter secret: all of it;
//!   bytes, not characters: a non-ASCII secret's runs are shorter in characters),
//! - every whole key (a key is an identifier: its runs are not hidden, or a key
//!   such as `restart-key` would hide every `restart-state` path),
//!
//! becomes `***`, whole characters at a time.

use std::collections::HashSet;

/// The shortest run of a secret that is replaced (as in the CLI's scrubber).
pub(crate) const RUN: usize = 6;
const REPLACEMENT: &str = "***";

/// Knows the windows to find: each set holds byte strings of one width, lower-cased.
#[derive(Debug, Default)]
pub(crate) struct Redactor {
    windows: Vec<(usize, HashSet<Vec<u8>>)>,
}

impl Redactor {
    /// For these (key, secret) pairs.
    pub(crate) fn new<'a>(clients: impl IntoIterator<Item = (&'a str, &'a str)>) -> Redactor {
        let mut r = Redactor::default();
        for (key, secret) in clients {
            let secret = secret.to_ascii_lowercase().into_bytes();
            if !secret.is_empty() {
                for w in secret.windows(secret.len().min(RUN)) {
                    r.add(w.to_vec());
                }
            }
            if !key.is_empty() {
                r.add(key.to_ascii_lowercase().into_bytes());
            }
        }
        r
    }

    fn add(&mut self, window: Vec<u8>) {
        match self.windows.iter_mut().find(|(w, _)| *w == window.len()) {
            Some((_, set)) => {
                set.insert(window);
            }
            None => self.windows.push((window.len(), HashSet::from([window]))),
        }
    }

    /// `text` with every secret run and key replaced by `***`.
    pub(crate) fn redact(&self, text: &str) -> String {
        let mut text = self.redact_once(text);
        // A secret with '*' or '%' in it could be rebuilt around a replacement:
        // again until nothing changes (a handful of passes at most).
        for _ in 0..3 {
            let again = self.redact_once(&text);
            if again == text {
                break;
            }
            text = again;
        }
        text
    }

    fn redact_once(&self, text: &str) -> String {
        let decoded = percent_decoded(text);
        let bytes: Vec<u8> = decoded.iter().map(|d| d.byte).collect();
        let mut covered = vec![false; text.len()];
        for (width, set) in &self.windows {
            for (i, w) in bytes.windows(*width).enumerate() {
                if set.contains(w) {
                    covered[decoded[i].start..decoded[i + width - 1].end].fill(true);
                }
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut in_run = false;
        for (at, c) in text.char_indices() {
            // A character partly covered (a multi-byte one cut by a run) goes whole.
            if covered[at..at + c.len_utf8()].contains(&true) {
                if !in_run {
                    out.push_str(REPLACEMENT);
                }
                in_run = true;
            } else {
                out.push(c);
                in_run = false;
            }
        }
        out
    }
}

/// One byte of the decoded text, lower-cased, and the bytes of the text it came from.
struct Decoded {
    byte: u8,
    start: usize,
    end: usize,
}

fn percent_decoded(text: &str) -> Vec<Decoded> {
    let raw = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let escaped = match raw.get(i..i + 3) {
            Some([b'%', h, l]) => hex(*h).zip(hex(*l)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        let (byte, len) = match escaped {
            Some(b) => (b, 3),
            None => (raw[i], 1),
        };
        out.push(Decoded {
            byte: byte.to_ascii_lowercase(),
            start: i,
            end: i + len,
        });
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redact(text: &str) -> String {
        Redactor::new([("ci-key", "Sup3rS3cretValue"), ("k2", "abc")]).redact(text)
    }

    #[test]
    fn secrets_keys_and_their_forms_become_stars() {
        for (text, want) in [
            ("/users/Sup3rS3cretValue/x", "/users/***/x"),
            ("/users/SUP3RS3CRETVALUE/x", "/users/***/x"),
            ("/users/%53up3rS3cretValue/x", "/users/***/x"),
            (
                "/users/%73%75%70%33%72%53%33%63%72%65%74%56%61%6c%75%65",
                "/users/***",
            ),
            ("/users/a-S3cretV-b", "/users/a-***-b"),
            ("/users/ci-key/x", "/users/***/x"),
            ("/users/CI%2dKEY/x", "/users/***/x"),
            // A short secret goes whole; a run of a key stays.
            ("/users/xabcx/ci-ke", "/users/x***x/ci-ke"),
            ("/users/u1/restart-state", "/users/u1/restart-state"),
            ("/users/S3cre/x", "/users/S3cre/x"),
        ] {
            assert_eq!(redact(text), want, "{text}");
        }
    }

    #[test]
    fn a_multi_byte_character_cut_by_a_run_goes_whole() {
        let r = Redactor::new([("k", "ééé-secret")]);
        assert_eq!(r.redact("xé-secrety"), "x***y");
        assert_eq!(r.redact("é-se"), "é-se");
    }

    #[test]
    fn a_secret_of_stars_is_not_rebuilt() {
        let r = Redactor::new([("k", "******")]);
        assert_eq!(r.redact("a*********b"), "a***b");
    }
}
