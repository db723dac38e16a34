//! USER_ID validation with messages for a terminal (the rules are the protocol crate's).

use biometrid_protocol::user_id::{Invalid, MAX_CHARS, check};

use crate::sanitize;

/// Why an ID is not acceptable; the text names the ID, escaped for a terminal.
pub fn validate(id: &str) -> Result<(), String> {
    check(id).map_err(|why| {
        // Only for the message: a valid ID (every line of a big file) needs none.
        let shown = sanitize::excerpt(id, 64);
        match why {
            Invalid::Empty => "empty USER_ID".to_string(),
            Invalid::TooLong => format!("USER_ID '{shown}' is longer than {MAX_CHARS} characters"),
            Invalid::WhitespaceOrControl => {
                format!("USER_ID '{shown}' contains whitespace or control characters")
            }
            Invalid::Invisible => {
                format!("USER_ID '{shown}' contains an invisible or line-breaking character")
            }
            Invalid::DotSegment => format!("USER_ID '{shown}' is not allowed"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_escapes_the_id() {
        let e = validate("\u{1b}[2J").unwrap_err();
        assert!(e.contains("\\u{1b}[2J"), "{e}");
        assert!(!e.contains('\u{1b}'));
        assert!(validate("ok").is_ok());
    }
}
