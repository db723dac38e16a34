//! USER_ID rules and its encoding as exactly one URL path segment.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

pub const MAX_CHARS: usize = 128;

/// Everything but the RFC 3986 unreserved characters is encoded, so `/`, `?`,
/// `#` and `%` in an ID can never change the request path.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Why an ID cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    Empty,
    /// Longer than [`MAX_CHARS`] characters.
    TooLong,
    WhitespaceOrControl,
    /// An invisible or line-breaking character (see [`is_invisible`]): an ID
    /// that looks like another on every screen.
    Invisible,
    /// `.` or `..`, which a URL would resolve away.
    DotSegment,
}

/// Whether `id` can be sent as a USER_ID.
pub fn check(id: &str) -> Result<(), Invalid> {
    let n = id.chars().count();
    if n == 0 {
        return Err(Invalid::Empty);
    }
    if n > MAX_CHARS {
        return Err(Invalid::TooLong);
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Invalid::WhitespaceOrControl);
    }
    if id.chars().any(is_invisible) {
        return Err(Invalid::Invisible);
    }
    if id == "." || id == ".." {
        return Err(Invalid::DotSegment);
    }
    Ok(())
}

/// Unicode general categories Cf, Zl and Zp (Unicode 16): characters a person
/// cannot see (zero-width, BOM, soft hyphen) or that reorder or break the line
/// around them (bidi controls, U+2028/2029); and the other default-ignorable
/// code points, which draw nothing either (the combining grapheme joiner,
/// Hangul fillers, Khmer inherent vowels, Mongolian and other variation
/// selectors): `a\u{3164}b` looks like `ab`. Output escapes them and IDs may
/// not hold them; listed so that no crate is needed for them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180d}'
            | '\u{180f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{ffa0}'
            | '\u{e0100}'..='\u{e01ef}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// The ID percent-encoded as one path segment (call only on a valid ID).
pub fn encode(id: &str) -> String {
    utf8_percent_encode(id, SEGMENT).to_string()
}

/// A path segment percent-decoded; `None` when it is not UTF-8.
pub fn decode(segment: &str) -> Option<String> {
    percent_decode_str(segment)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
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
            assert!(check(id).is_ok(), "{id}");
        }
        assert!(check(&"x".repeat(128)).is_ok());
        assert!(
            check(&"é".repeat(128)).is_ok(),
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
            "u1\u{200b}",
            "\u{feff}u1",
            "a\u{202e}b",
            "a\u{2028}b",
            "a\u{ad}b",
            "a\u{2060}b",
        ] {
            assert!(check(id).is_err(), "{id:?}");
        }
        assert_eq!(check(&"x".repeat(129)), Err(Invalid::TooLong));
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
