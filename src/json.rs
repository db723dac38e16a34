//! The one JSON writer of the tool: every `--json` line, the journal's lines and
//! any JSON printed on stdout go through [`line`].
//!
//! serde_json escapes only what JSON requires (`"`, `\`, U+0000 to U+001F). It
//! writes DEL, C1 controls, zero-width characters, bidi controls, the BOM and
//! U+2028/U+2029 raw: valid JSON, but a JSON Lines reader that splits on U+2028
//! (Python's `splitlines()`) then sees a line cut in two, and a terminal shows
//! or obeys what a person cannot see. Here every character that human output
//! escapes ([`sanitize::needs_escape`]) is written as a `\uXXXX` escape (a
//! surrogate pair above U+FFFF), which every JSON reader decodes back to the
//! same string, so the output stays ASCII-safe for those characters without
//! changing a single value.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

use crate::sanitize;

/// `value` as one line of compact JSON (no trailing newline), with the
/// invisible and line-breaking characters escaped as `\uXXXX`.
pub fn line<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    write(value, CompactFormatter)
}

/// `value` as indented JSON over several lines, for a terminal, escaped as [`line`] says.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    write(value, serde_json::ser::PrettyFormatter::new())
}

/// `value` in any serde_json layout (a pretty one for a terminal: pass
/// `PrettyFormatter::new()`), escaped as [`line`] says.
fn write<T: Serialize + ?Sized, F: Formatter>(value: &T, layout: F) -> io::Result<String> {
    let mut out = Vec::with_capacity(128);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Escaping(layout));
    value.serialize(&mut ser).map_err(io::Error::other)?;
    // serde_json writes only UTF-8, and every escape added here is ASCII.
    String::from_utf8(out).map_err(io::Error::other)
}

/// A serde_json layout (compact or pretty), with more characters escaped
/// inside strings (object keys included: they are strings too).
struct Escaping<F>(F);

/// The layout's own methods, passed through.
macro_rules! layout {
    ($($name:ident $(($arg:ident: $ty:ty))?),* $(,)?) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)?) -> io::Result<()> {
            self.0.$name(w $(, $arg)?)
        }
    )*};
}

impl<F: Formatter> Formatter for Escaping<F> {
    layout!(
        begin_array,
        end_array,
        begin_array_value(first: bool),
        end_array_value,
        begin_object,
        end_object,
        begin_object_key(first: bool),
        end_object_key,
        begin_object_value,
        end_object_value,
    );

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut plain = 0;
        for (at, c) in fragment.char_indices() {
            if !sanitize::needs_escape(c) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[plain..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            plain = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[plain..])
    }
}

#[cfg(test)]
mod tests {
    use serde_json::ser::PrettyFormatter;

    use super::*;

    #[test]
    fn invisible_and_line_breaking_characters_are_escaped() {
        let text = "a\u{2028}b\u{2029}c\u{202e}d\u{200b}e\u{feff}f\u{ad}g\u{7f}h\u{85}i\u{e0041}j";
        let out = line(&serde_json::json!({ "k\u{2028}": text })).unwrap();
        assert_eq!(
            out,
            "{\"k\\u2028\":\"a\\u2028b\\u2029c\\u202ed\\u200be\\ufefff\\u00adg\\u007fh\\u0085i\\udb40\\udc41j\"}"
        );
        assert!(out.is_ascii(), "{out}");
        // Read back, it is the same value.
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["k\u{2028}"], text);
    }

    #[test]
    fn everything_else_is_serde_jsons_compact_output() {
        let value = serde_json::json!({
            "id": "ユーザー \u{1F600} é",
            "n": [1, 2.5, null, true],
            "esc": "q\"\\\n\t\u{1b}",
        });
        assert_eq!(line(&value).unwrap(), value.to_string());
        assert_eq!(
            write(&value, PrettyFormatter::new()).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
        let odd = serde_json::json!({"a": ["x\u{2028}y"]});
        assert_eq!(
            write(&odd, PrettyFormatter::new()).unwrap(),
            "{\n  \"a\": [\n    \"x\\u2028y\"\n  ]\n}"
        );
    }
}
