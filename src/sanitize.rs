//! How values from outside appear in the tool's own messages: text from the
//! server or the user escaped (it can never move the cursor, recolor or
//! retitle a terminal), excerpts, URLs without credentials, paths (`~/`),
//! I/O errors in a few words, and a value as a shell word for a hint's command
//! line. One job, kept together on purpose: every message builds on it.

use std::fmt::Write;
use std::path::Path;

/// Escape every character that is invisible or moves text as `\u{..}`: controls
/// (C0, DEL, C1), format characters (zero-width, bidi controls, BOM, soft hyphen)
/// and the Unicode line and paragraph separators; `\n`, `\r`, `\t` get their short
/// escapes. Everything else passes.
pub fn escape(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Unicode general categories Cc, Cf, Zl and Zp: what a person cannot see, or
/// what reorders or breaks the line around it (as fd sanitizes file names).
pub fn needs_escape(c: char) -> bool {
    c.is_control() || is_format_or_separator(c)
}

/// Cf, Zl and Zp: the protocol's list, the one that USER_IDs may not hold either.
fn is_format_or_separator(c: char) -> bool {
    biometrid_protocol::user_id::is_invisible(c)
}

/// `text` as one POSIX shell word: as is when every character is safe there,
/// else in single quotes (a `'` inside written `'\''`).
pub fn shell_word(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_.:/@%+=,".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// A path as a shell word for a command line a hint suggests, escaped: `~/`
/// stays outside the quotes so that the shell expands it when the line is
/// pasted (`~/'my config.toml'`), where `'~/my config.toml'` would name no file.
pub fn shell_path(path: &Path) -> String {
    let shown = escaped_path(path);
    match shown.strip_prefix("~/") {
        Some(rest) if !rest.is_empty() => format!("~/{}", shell_word(rest)),
        _ => shell_word(&shown),
    }
}

/// At most `max` characters of `text`, escaped, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut cut: String = text.chars().take(max).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    escape(&cut)
}

/// A URL as the tool shows it in a message: `user:password@` masked as `***@`
/// (the password may well be the secret), without its `?query` and `#fragment`
/// (they may carry tokens), escaped and cut to 200 characters. Text that does not
/// parse as a URL is masked up to its last `@`, since a password may hold `/`,
/// `?` or `#`.
pub fn shown_url(text: &str) -> String {
    let shown = match url::Url::parse(text) {
        Ok(mut url) if !url.cannot_be_a_base() => {
            let masked = !url.username().is_empty() || url.password().is_some();
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            let text = url.to_string();
            match (masked, text.find("://")) {
                (true, Some(at)) => format!("{}***@{}", &text[..at + 3], &text[at + 3..]),
                _ => text,
            }
        }
        _ => {
            let start = text.find("://").map_or(0, |i| i + 3);
            let (head, rest) = match text[start..].rfind('@') {
                Some(at) => (format!("{}***", &text[..start]), &text[start + at..]),
                None => (text[..start].to_string(), &text[start..]),
            };
            format!(
                "{head}{}",
                rest.split(['?', '#']).next().unwrap_or_default()
            )
        }
    };
    excerpt(&shown, 200)
}

/// An I/O error in a few words: "no such file", "permission denied", or its own text.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// `~/...` for paths under the home directory: shorter, and the same on every machine.
pub fn display_path(path: &Path) -> String {
    if let Some(home) = dirs::home_dir() {
        if let Ok(rest) = path.strip_prefix(&home) {
            if !home.as_os_str().is_empty() && home != Path::new("/") {
                return format!("~/{}", rest.display());
            }
        }
    }
    path.display().to_string()
}

/// A path for a message: `~/` for home, control characters escaped.
pub fn escaped_path(path: &Path) -> String {
    escape(&display_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(escape("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape("x\ny\tz\r"), "x\\ny\\tz\\r");
        assert_eq!(escape("\u{9b}"), "\\u{9b}");
        assert_eq!(escape("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(escape("plain ünïcode"), "plain ünïcode");
    }

    #[test]
    fn escapes_invisible_and_line_breaking_unicode() {
        for (c, shown) in [
            ('\u{200b}', "\\u{200b}"),
            ('\u{200c}', "\\u{200c}"),
            ('\u{200d}', "\\u{200d}"),
            ('\u{2060}', "\\u{2060}"),
            ('\u{feff}', "\\u{feff}"),
            ('\u{61c}', "\\u{61c}"),
            ('\u{200e}', "\\u{200e}"),
            ('\u{200f}', "\\u{200f}"),
            ('\u{202a}', "\\u{202a}"),
            ('\u{2069}', "\\u{2069}"),
            ('\u{2028}', "\\u{2028}"),
            ('\u{2029}', "\\u{2029}"),
            ('\u{ad}', "\\u{ad}"),
            ('\u{85}', "\\u{85}"),
            ('\u{e0041}', "\\u{e0041}"),
        ] {
            assert_eq!(escape(&format!("a{c}b")), format!("a{shown}b"), "{c:?}");
        }
        // Visible characters next to them pass: letters, spaces, emoji, CJK.
        for text in ["a b", "\u{1F600}", "ユーザー", "\u{2027}\u{2070}\u{a0}"] {
            assert_eq!(escape(text), text);
        }
    }

    #[test]
    fn excerpt_cuts_and_escapes() {
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(excerpt("ab\x07", 10), "ab\\u{7}");
    }

    #[test]
    fn urls_are_shown_without_credentials_query_or_fragment() {
        for (text, shown) in [
            (
                "https://api.example.com/base",
                "https://api.example.com/base",
            ),
            (
                "https://u:S3cr3t@h.example/p?token=S3cr3t#S3cr3t",
                "https://***@h.example/p",
            ),
            ("https://S3cr3t@h.example/", "https://***@h.example/"),
            ("http://127.0.0.1:8080/?q=1", "http://127.0.0.1:8080/"),
            ("https://h.example/a@b?x#y", "https://h.example/a@b"),
            // Not a URL: masked up to the last `@`, query and fragment cut.
            ("ftp//u:pa/s?s#w@host/x?S3cr3t", "***@host/x"),
            ("https://u:p?S3cr3t@[bad/", "https://***@[bad/"),
            ("nonsense?S3cr3t", "nonsense"),
            (
                "https://h.example/\u{1b}]0;x\u{7}#f",
                "https://h.example/%1B]0;x%07",
            ),
            ("not a url\u{1b}[2J?q", "not a url\\u{1b}[2J"),
        ] {
            assert_eq!(shown_url(text), shown, "{text}");
        }
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("demo-key"), "demo-key");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
