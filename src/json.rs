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

/// JSON as it was sent, every pair of every object kept in order, a repeated
/// key included. A reply that repeats a key is not read as the API's JSON (a
/// `serde_json::Value` keeps one of the pairs, so it could read
/// `{"status":false,"status":true}` as a success), but it is still JSON, and
/// printed it must stay JSON: this is how it is printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Kept>),
    Object(Vec<(String, Kept)>),
}

impl Kept {
    /// `text` when it is JSON (any JSON value), else `None`.
    pub fn parse(text: &str) -> Option<Kept> {
        serde_json::from_str(text).ok()
    }

    /// As a `serde_json::Value` when no object in it gives a key twice; `None`
    /// when one does (a `Value` would keep only the last, so that
    /// `{"status":false,"status":true}` read as a success).
    pub fn into_unique(self) -> Option<serde_json::Value> {
        use serde_json::Value;
        Some(match self {
            Kept::Null => Value::Null,
            Kept::Bool(b) => Value::Bool(b),
            Kept::Number(n) => Value::Number(n),
            Kept::String(s) => Value::String(s),
            Kept::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(Kept::into_unique)
                    .collect::<Option<_>>()?,
            ),
            Kept::Object(pairs) => {
                let mut object = serde_json::Map::with_capacity(pairs.len());
                for (key, value) in pairs {
                    if object.contains_key(&key) {
                        return None;
                    }
                    object.insert(key, value.into_unique()?);
                }
                Value::Object(object)
            }
        })
    }

    /// The same JSON with every string and key passed through `f`.
    pub fn map_strings(&self, f: &dyn Fn(&str) -> String) -> Kept {
        match self {
            Kept::String(s) => Kept::String(f(s)),
            Kept::Array(items) => Kept::Array(items.iter().map(|i| i.map_strings(f)).collect()),
            Kept::Object(pairs) => Kept::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (f(k), v.map_strings(f)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

impl Serialize for Kept {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Kept::Null => s.serialize_unit(),
            Kept::Bool(b) => s.serialize_bool(*b),
            Kept::Number(n) => n.serialize(s),
            Kept::String(text) => s.serialize_str(text),
            Kept::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            // A map serializer writes every entry it is given, a repeated key too.
            Kept::Object(pairs) => {
                let mut map = s.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Kept {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kept, D::Error> {
        d.deserialize_any(KeptVisitor)
    }
}

struct KeptVisitor;

impl<'de> serde::de::Visitor<'de> for KeptVisitor {
    type Value = Kept;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_unit<E>(self) -> Result<Kept, E> {
        Ok(Kept::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Kept, E> {
        Ok(Kept::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Kept, E> {
        Ok(Kept::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Kept, E> {
        Ok(Kept::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Kept, E> {
        // JSON has no infinities or NaN: a finite number always converts.
        Ok(serde_json::Number::from_f64(v).map_or(Kept::Null, Kept::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Kept, E> {
        Ok(Kept::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Kept, E> {
        Ok(Kept::String(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Kept, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Kept::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Kept, A::Error> {
        let mut pairs = Vec::new();
        while let Some(pair) = map.next_entry::<String, Kept>()? {
            pairs.push(pair);
        }
        Ok(Kept::Object(pairs))
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

    #[test]
    fn a_key_given_twice_at_any_depth_has_no_unique_value() {
        let once = r#"{"a":[1,{"b":2.5}],"c":null,"d":"x"}"#;
        let value = Kept::parse(once).unwrap().into_unique().unwrap();
        assert_eq!(
            value,
            serde_json::from_str::<serde_json::Value>(once).unwrap()
        );
        for twice in [r#"{"a":1,"a":1}"#, r#"[{"x":{"b":1,"b":2}}]"#] {
            assert_eq!(Kept::parse(twice).unwrap().into_unique(), None, "{twice}");
        }
    }

    #[test]
    fn kept_json_keeps_every_pair_in_order() {
        let text = r#"{"b":1,"a":[true,null,-2,2.5,"x\u2028"],"b":{"c":"d"}}"#;
        let kept = Kept::parse(text).unwrap();
        assert_eq!(line(&kept).unwrap(), text);
        let upper = kept.map_strings(&|s| s.to_uppercase());
        assert_eq!(
            line(&upper).unwrap(),
            r#"{"B":1,"A":[true,null,-2,2.5,"X\u2028"],"B":{"C":"D"}}"#
        );
        assert_eq!(Kept::parse("not json"), None);
        assert_eq!(Kept::parse("{\"a\":1} x"), None);
    }
}
