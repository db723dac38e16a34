//! Scrubbing the secret out of text that came from the server, whatever form a
//! server echoes it back in: whole, cut short, split over lines, in another
//! case, base64- or percent-encoded.
//!
//! The rule: every run of [`RUN`] or more consecutive characters of the secret
//! (or of one of its encoded forms), compared case-insensitively and ignoring
//! escaped line breaks and other escape sequences in between, becomes `***`.
//! It applies to server text only, after escaping, so that what is matched is
//! exactly what a person would see; the tool's own words are never touched.
//! The text is also read with its percent-escapes decoded byte by byte
//! (`%53%33%63...`, any mix of escaped and plain bytes, either hex case), since
//! a server may percent-encode every byte, not only those an encoder would.

use std::collections::HashSet;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::sanitize;

/// The shortest run of the secret that is scrubbed (shorter secrets: all of it).
pub const RUN: usize = 6;
/// Below this length a secret's runs are too common to be told from other text.
pub const MIN_RELIABLE: usize = 8;
const REPLACEMENT: &str = "***";

/// RFC 3986 unreserved characters are left alone by most encoders.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The warning for a secret too short to be scrubbed reliably, if it is.
pub fn short_secret_warning(secret: &str) -> Option<String> {
    (secret.chars().count() < MIN_RELIABLE).then(|| {
        format!(
            "the secret is shorter than {MIN_RELIABLE} characters: too short to be \
             scrubbed reliably from text a server sends back"
        )
    })
}

/// Knows every `RUN`-character window of the secret and of its encoded forms.
#[derive(Debug, Clone)]
pub struct Scrubber {
    /// The secret as a person reads escaped text (escape sequences skipped).
    read: Windows,
    /// The secret character for character: a backslash in it is ambiguous once
    /// text is escaped (its `\n` is not a line break), so escaped text is also
    /// read literally and matched against this.
    literal: Windows,
    /// Windows of the encoded forms, always `RUN` wide: a few characters of
    /// base64 are ordinary text, and would scrub far too much.
    encoded: Windows,
}

/// Every window of one width of a text, lower-cased.
#[derive(Debug, Clone, Default)]
struct Windows {
    /// `RUN`, or the whole text when it is shorter; 0 matches nothing.
    width: usize,
    set: HashSet<Vec<char>>,
}

impl Windows {
    fn of<'a>(texts: impl IntoIterator<Item = &'a [char]>, max: usize) -> Windows {
        let mut w = Windows::default();
        for chars in texts {
            let width = chars.len().min(max);
            if width == 0 || (w.width != 0 && width != w.width) {
                continue;
            }
            w.width = width;
            w.set.extend(chars.windows(width).map(<[char]>::to_vec));
        }
        w
    }

    /// Marks in `covered` (by byte) every run of `norm` that is one of the windows.
    fn mark(&self, norm: &[Norm], covered: &mut [bool]) {
        if self.width == 0 {
            return;
        }
        let chars: Vec<char> = norm.iter().map(|n| n.c).collect();
        for (i, w) in chars.windows(self.width).enumerate() {
            if self.set.contains(w) {
                // Escape sequences inside the run go with it.
                covered[norm[i].start..norm[i + self.width - 1].end].fill(true);
            }
        }
    }
}

impl Scrubber {
    pub fn new(secret: &str) -> Scrubber {
        let read = |f: &str| -> Vec<char> {
            normalize(&sanitize::escape(f), true)
                .iter()
                .map(|n| n.c)
                .collect()
        };
        let literal: Vec<char> = normalize(secret, false).iter().map(|n| n.c).collect();
        let plain = read(secret);
        let forms: Vec<Vec<char>> = encoded_forms(secret.as_bytes())
            .iter()
            .map(|f| read(f))
            .collect();
        Scrubber {
            // A secret shorter than a run is scrubbed whole.
            read: Windows::of([&plain[..]], RUN),
            literal: Windows::of([&literal[..]], RUN),
            encoded: Windows::of(forms.iter().filter(|f| f.len() >= RUN).map(|f| &f[..]), RUN),
        }
    }

    /// `shown` (escaped server text) with every run of the secret replaced by `***`.
    /// Linear in the text: a few hash look-ups of `RUN` characters per position.
    pub fn scrub(&self, shown: &str) -> String {
        let mut text = self.scrub_once(shown);
        // A secret with '*' in it could be rebuilt around a replacement: scrub
        // again until nothing changes (a handful of passes at most).
        for _ in 0..3 {
            let again = self.scrub_once(&text);
            if again == text {
                break;
            }
            text = again;
        }
        text
    }

    fn scrub_once(&self, shown: &str) -> String {
        let mut covered = vec![false; shown.len()];
        let read = normalize(shown, true);
        self.read.mark(&read, &mut covered);
        self.encoded.mark(&read, &mut covered);
        // The secret's own backslashes may meet an escape sequence of the text:
        // match it character for character in both readings.
        self.literal.mark(&read, &mut covered);
        self.literal.mark(&normalize(shown, false), &mut covered);
        let decoded = percent_decoded(&read);
        self.read.mark(&decoded, &mut covered);
        self.literal.mark(&decoded, &mut covered);
        let mut out = String::with_capacity(shown.len());
        let mut copied = 0;
        let mut i = 0;
        while i < shown.len() {
            if !covered[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < shown.len() && covered[i] {
                i += 1;
            }
            out.push_str(&shown[copied..start]);
            out.push_str(REPLACEMENT);
            copied = i;
        }
        out.push_str(&shown[copied..]);
        out
    }
}

/// One visible character of the text, lower-cased, and where it is.
struct Norm {
    c: char,
    start: usize,
    end: usize,
}

/// The characters a person reads, lower-cased, without escape sequences
/// (`\n`, `\r`, `\t`, `\u{..}`) and without raw invisible characters: a secret
/// split by a line break still reads as the secret.
fn normalize(text: &str, read_escapes: bool) -> Vec<Norm> {
    let mut out = Vec::with_capacity(text.len());
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if read_escapes && c == '\\' {
            let rest = &text[start + 1..];
            let skip = escape_len(rest);
            if skip > 0 {
                // Skip the escape sequence's characters (all ASCII).
                for _ in 0..skip {
                    it.next();
                }
                continue;
            }
        }
        if sanitize::needs_escape(c) {
            continue;
        }
        out.push(Norm {
            c: fold(c),
            start,
            end: start + c.len_utf8(),
        });
    }
    out
}

/// `c` lower-cased, when that is one character.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// `read` (a [`normalize`]d text) with every `%XX` decoded as one byte and the
/// bytes read back as UTF-8, each character spanning what it was decoded from.
/// A byte that is not part of valid UTF-8 becomes a character no secret window
/// holds (a control character, skipped by [`normalize`]), so it breaks a run.
fn percent_decoded(read: &[Norm]) -> Vec<Norm> {
    const BREAK: char = '\0';
    // Each byte with the span of text it came from.
    let mut bytes: Vec<(u8, usize, usize)> = Vec::with_capacity(read.len());
    let mut i = 0;
    while i < read.len() {
        let hex = |k: usize| read.get(k).and_then(|n| n.c.to_digit(16));
        if let (true, Some(hi), Some(lo)) = (read[i].c == '%', hex(i + 1), hex(i + 2)) {
            bytes.push(((hi * 16 + lo) as u8, read[i].start, read[i + 2].end));
            i += 3;
            continue;
        }
        let mut buf = [0; 4];
        for b in read[i].c.encode_utf8(&mut buf).bytes() {
            bytes.push((b, read[i].start, read[i].end));
        }
        i += 1;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let len = utf8_len(bytes[at].0);
        let chunk: Vec<u8> = bytes[at..].iter().take(len).map(|b| b.0).collect();
        match std::str::from_utf8(&chunk)
            .ok()
            .and_then(|s| s.chars().next())
        {
            Some(c) if chunk.len() == len => {
                let (start, end) = (bytes[at].1, bytes[at + len - 1].2);
                at += len;
                if sanitize::needs_escape(c) {
                    continue;
                }
                out.push(Norm {
                    c: fold(c),
                    start,
                    end,
                });
            }
            _ => {
                out.push(Norm {
                    c: BREAK,
                    start: bytes[at].1,
                    end: bytes[at].2,
                });
                at += 1;
            }
        }
    }
    out
}

/// How many bytes the UTF-8 sequence that starts with `first` has (1 for a stray byte).
fn utf8_len(first: u8) -> usize {
    match first {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

/// The length, after its backslash, of an escape sequence `sanitize::escape` writes.
fn escape_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    match b.first() {
        Some(b'n' | b'r' | b't') => 1,
        Some(b'u') if b.get(1) == Some(&b'{') => {
            let hex = b[2..]
                .iter()
                .take(7)
                .take_while(|x| x.is_ascii_hexdigit())
                .count();
            if hex > 0 && b.get(2 + hex) == Some(&b'}') {
                3 + hex
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// The secret as servers encode it: base64 (standard and URL-safe, with and
/// without padding, also as part of a longer encoded value) and percent-encoded.
fn encoded_forms(secret: &[u8]) -> Vec<String> {
    let mut forms = Vec::new();
    for engine in [STANDARD, URL_SAFE] {
        // The secret after 0, 1 or 2 other bytes: each shifts the encoding differently.
        for (pad, influenced) in [(0usize, 0usize), (1, 2), (2, 3)] {
            let mut bytes = vec![0u8; pad];
            bytes.extend_from_slice(secret);
            let full = engine.encode(&bytes);
            let body = &full[influenced.min(full.len())..];
            forms.push(body.to_string());
            let unpadded = body.trim_end_matches('=');
            forms.push(unpadded.to_string());
            // Followed by more data, the last character's low bits differ.
            if (pad + secret.len()) % 3 != 0 {
                let mut cut = unpadded.to_string();
                cut.pop();
                forms.push(cut);
            }
        }
    }
    let text = String::from_utf8_lossy(secret);
    forms.push(utf8_percent_encode(&text, NON_ALPHANUMERIC).to_string());
    forms.push(utf8_percent_encode(&text, UNRESERVED).to_string());
    forms.push(url::form_urlencoded::byte_serialize(secret).collect());
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "S3cr3t-LEAK/canary+9f8e7d";

    fn scrub(text: &str) -> String {
        Scrubber::new(SECRET).scrub(&sanitize::escape(text))
    }

    /// `text` with the bytes `escaped` picks written `%XX` (upper-case hex where
    /// `upper` says so), the others as they are.
    pub(super) fn percent_bytes(
        text: &str,
        escaped: impl Fn(usize) -> bool,
        upper: impl Fn(usize) -> bool,
    ) -> String {
        let mut out = Vec::new();
        for (i, b) in text.bytes().enumerate() {
            match (escaped(i), upper(i)) {
                (false, _) => out.push(b),
                (true, true) => out.extend(format!("%{b:02X}").bytes()),
                (true, false) => out.extend(format!("%{b:02x}").bytes()),
            }
        }
        // Lossy only where a multi-byte character is escaped in part.
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn percent_escapes_are_decoded_byte_by_byte() {
        let s = Scrubber::new("S3cr3t-LEAK/canary+9f8e7d");
        for echoed in [
            "%53%33%63%72%33%74",
            "%53%33%63r3t",
            "s%33C%72%33T",
            "%73%33%43%52%33%54%2d%6c%65%61%6b",
        ] {
            let out = s.scrub(&format!("a {echoed} b"));
            assert_eq!(out, "a *** b", "{echoed}");
        }
        // A multi-byte character of the secret, escaped byte by byte.
        let s = Scrubber::new("pässwört-1234");
        assert_eq!(s.scrub("a p%C3%A4ssw%c3%b6rt b"), "a *** b");
        // Escapes that decode to other text, or to invalid UTF-8, are left alone.
        for other in [
            "%41%42%43%44%45%46%47",
            "%53%33%63%FF%72%33%74",
            "100%",
            "%zz%5",
        ] {
            assert_eq!(s.scrub(other), other);
            assert_eq!(Scrubber::new("S3cr3t-LEAK").scrub(other), other);
        }
    }

    #[test]
    fn every_echoed_form_is_scrubbed() {
        let b64 = STANDARD.encode(SECRET);
        let b64url = URL_SAFE.encode(SECRET);
        let pct = utf8_percent_encode(SECRET, NON_ALPHANUMERIC).to_string();
        let cases = [
            format!("x {SECRET} y"),
            "x S3cr3t-LEAK/can... y".to_string(),
            "x S3cr3t y".to_string(),
            "x S3cr3\nt-LEAK/canary+9f8e7d y".to_string(),
            "x S3c\r\nr3t-L\u{200b}EAK/canary+9f8e7d y".to_string(),
            format!("x {} y", SECRET.to_lowercase()),
            format!("x {} y", SECRET.to_uppercase()),
            format!("x {b64} y"),
            format!("x {} y", b64.trim_end_matches('=')),
            format!("x {b64url} y"),
            format!("x {} y", &b64[..10]),
            format!("x {pct} y"),
            format!("x {} y", pct.to_lowercase()),
            format!("x {} y", STANDARD.encode(format!("key:{SECRET}"))),
            format!("x {} y", STANDARD.encode(format!("ke:{SECRET}!"))),
            format!("x {} y", STANDARD.encode(format!("k:{SECRET}!!"))),
            // Every byte percent-encoded, in either hex case, or some of them.
            format!("x {} y", percent_bytes(SECRET, |_| true, |_| true)),
            format!("x {} y", percent_bytes(SECRET, |_| true, |_| false)),
            format!("x {} y", percent_bytes(SECRET, |i| i % 2 == 0, |_| true)),
            format!(
                "x {} y",
                percent_bytes(SECRET, |i| i % 3 != 1, |i| i % 2 == 1)
            ),
        ];
        for text in cases {
            let out = scrub(&text);
            assert!(
                out.starts_with("x ") && out.ends_with(" y"),
                "{text:?} -> {out:?}"
            );
            assert!(out.contains("***"), "{text:?} -> {out:?}");
            assert!(!out.to_lowercase().contains("s3cr3"), "{text:?} -> {out:?}");
        }
    }

    #[test]
    fn an_escaped_line_break_inside_the_secret_goes_with_it() {
        assert_eq!(scrub("a S3cr3\nt-LEAK b"), "a *** b");
        // The same characters sent as a literal backslash-n read the same.
        assert_eq!(scrub("a S3cr3\\nt-LEAK b"), "a *** b");
    }

    #[test]
    fn shorter_runs_and_other_text_are_left_alone() {
        for text in ["S3cr3", "a LEAK b", "connection refused", "HTTP 200 ok"] {
            assert_eq!(scrub(text), text);
        }
    }

    #[test]
    fn a_short_secret_is_scrubbed_whole() {
        let s = Scrubber::new("s");
        assert_eq!(s.scrub("message"), "me***age");
        assert_eq!(Scrubber::new("abc").scrub("xABCx abx"), "x***x abx");
        assert_eq!(Scrubber::new("").scrub("anything"), "anything");
    }

    #[test]
    fn a_secret_made_of_stars_is_not_rebuilt() {
        let s = Scrubber::new("******xy");
        let out = s.scrub("a ******** b ******xy c");
        assert!(!out.contains("******"), "{out}");
    }

    #[test]
    fn a_backslash_in_the_secret_next_to_an_escape_is_still_scrubbed() {
        // Found by the property below: the secret's `\n` is not a line break.
        let s = Scrubber::new("0!!A!!aaA!!\\n!a!A");
        let out = s.scrub(&sanitize::escape("x aaA!!\\\t y"));
        assert!(!out.to_lowercase().contains("aaa!!\\"), "{out}");
    }

    #[test]
    fn a_secret_with_a_literal_backslash_n_echoed_as_is_is_scrubbed() {
        let s = Scrubber::new("0A\\n!0AaA");
        for echoed in ["0A\\n!0", "0A\\N!0", "x 0a\\n!0aa y"] {
            let out = s.scrub(&sanitize::escape(echoed));
            assert!(!out.to_lowercase().contains("0a\\n!0"), "{echoed}: {out}");
        }
    }

    #[test]
    fn short_secrets_get_a_warning() {
        assert!(short_secret_warning("1234567").is_some());
        assert!(short_secret_warning("12345678").is_none());
    }

    /// Sized to what is scrubbed at once: an error's server text is kept to 1 KiB.
    #[test]
    fn a_kibibyte_of_server_text_with_a_4_kib_secret_is_quick() {
        let secret: String = (0..4096).map(|i| (b'a' + (i % 26) as u8) as char).collect();
        let s = Scrubber::new(&secret);
        let text = format!("{}{}", "x".repeat(1024), &secret[..1000]);
        let began = std::time::Instant::now();
        let out = s.scrub(&text);
        // Milliseconds even in a debug build; seconds would mean a slow path.
        let took = began.elapsed();
        assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
        assert_eq!(out, format!("{}***", "x".repeat(1024)));
    }

    /// Moved from tests/props.rs: the scrubber is internal to the crate.
    mod props {
        use proptest::prelude::*;

        use super::percent_bytes;
        use crate::sanitize;
        use crate::scrub::Scrubber;

        proptest! {
            #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn scrubbing_leaves_no_run_of_the_secret(
            secret in "[!-)+-~]{8,40}",
            text in scrub_text(),
            picks in prop::collection::vec((0usize..64, 6usize..48, 0u8..6, any::<u64>()), 0..4),
        ) {
            // The secret, in pieces of 6 characters or more, in any case, split by
            // line breaks, percent-encoded byte by byte (all bytes or some, either
            // hex case), inside arbitrary text.
            let mut input = text.clone();
            for (at, len, shape, bits) in picks {
                let bit = |i: usize| bits >> (i % 64) & 1 == 1;
                let start = at % secret.len();
                let piece: String = secret.chars().skip(start).take(len).collect();
                let piece = match shape {
                    0 => piece.to_uppercase(),
                    1 => piece.to_lowercase(),
                    2 => {
                        let mid = piece.len() / 2;
                        format!("{}\n{}", &piece[..mid], &piece[mid..])
                    }
                    3 => percent_bytes(&piece, bit, |i| bit(i + 32)),
                    4 => percent_bytes(&piece, |_| true, bit),
                    _ => piece,
                };
                let cut = (at * 7) % (input.len() + 1);
                let cut = (0..=cut).rev().find(|&i| input.is_char_boundary(i)).unwrap_or(0);
                input.insert_str(cut, &piece);
            }
            let shown = sanitize::escape(&input);
            let out = Scrubber::new(&secret).scrub(&shown);
            prop_assert!(out.chars().count() <= shown.chars().count(), "grew: {:?}", out);
            // What a person reads: escape sequences gone, any case.
            // Also with its percent-escapes decoded.
            let read = strip_escapes(&out);
            let decoded = percent_encoding::percent_decode_str(&read).decode_utf8_lossy();
            let lower: Vec<char> = secret.to_lowercase().chars().collect();
            for reading in [read.to_lowercase(), decoded.to_lowercase()] {
                for w in lower.windows(6) {
                    let w: String = w.iter().collect();
                    prop_assert!(!reading.contains(&w), "{:?} left in {:?} (from {:?})", w, out, input);
                }
            }
        }
        }

        /// Text around the secret: letters, escapes, invisible characters, emoji.
        fn scrub_text() -> impl Strategy<Value = String> {
            "[a-zA-Z0-9 *\\\\\n\r\t\u{200b}\u{202e}\u{1F600}é]{0,200}"
        }

        /// `text` without the escape sequences sanitize::escape writes, as a person reads it.
        fn strip_escapes(text: &str) -> String {
            let mut out = String::new();
            let mut rest = text;
            while let Some(i) = rest.find('\\') {
                out.push_str(&rest[..i]);
                let after = &rest[i + 1..];
                let skip = if after.starts_with(['n', 'r', 't']) {
                    1
                } else if let Some(end) = after.strip_prefix("u{").and_then(|a| a.find('}')) {
                    end + 3
                } else {
                    out.push('\\');
                    0
                };
                rest = &after[skip..];
            }
            out.push_str(rest);
            out
        }
    }
}
