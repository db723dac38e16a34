//! USER_ID validation and encoding as exactly one URL path segment.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::sanitize;

pub const MAX_CHARS: usize = 128;

/// Everything but the RFC 3986 unreserved characters is encoded, so `/`, `?`,
/// `#` and `%` in an ID can never change the request path.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Why an ID is not acceptable; the text names the ID, escaped for a terminal.
pub fn validate(id: &str) -> Result<(), String> {
    let shown = sanitize::excerpt(id, 64);
    let n = id.chars().count();
    if n == 0 {
        return Err("empty USER_ID".into());
    }
    if n > MAX_CHARS {
        return Err(format!(
            "USER_ID '{shown}' is longer than {MAX_CHARS} characters"
        ));
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "USER_ID '{shown}' contains whitespace or control characters"
        ));
    }
    if id == "." || id == ".." {
        return Err(format!("USER_ID '{shown}' is not allowed"));
    }
    Ok(())
}

/// The ID percent-encoded as one path segment (call only on a valid ID).
pub fn encode(id: &str) -> String {
    utf8_percent_encode(id, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_and_odd_ids() {
        for id in [
            "59147e5afdda9b0ac0f5e31f",
            "a/b",
            "a?b",
            "%2e%2e",
            "ユーザー",
            "x",
        ] {
            assert!(validate(id).is_ok(), "{id}");
        }
        assert!(validate(&"x".repeat(128)).is_ok());
        assert!(
            validate(&"é".repeat(128)).is_ok(),
            "length counts characters, not bytes"
        );
    }

    #[test]
    fn rejects_bad_ids() {
        for id in [
            "",
            ".",
            "..",
            "a b",
            "a\tb",
            "a\u{0}b",
            "\u{1b}[2J",
            "a\u{a0}b",
        ] {
            assert!(validate(id).is_err(), "{id:?}");
        }
        assert!(validate(&"x".repeat(129)).is_err());
    }

    #[test]
    fn error_escapes_the_id() {
        let e = validate("\u{1b}[2J").unwrap_err();
        assert!(e.contains("\\u{1b}[2J"), "{e}");
        assert!(!e.contains('\u{1b}'));
    }

    #[test]
    fn encodes_one_segment() {
        assert_eq!(encode("a/b"), "a%2Fb");
        assert_eq!(encode("a?b#c"), "a%3Fb%23c");
        assert_eq!(encode("%2e%2e"), "%252e%252e");
        assert_eq!(encode("ü"), "%C3%BC");
        assert_eq!(encode("A-z_0.9~"), "A-z_0.9~");
    }
}
