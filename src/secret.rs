//! A client secret that cannot be printed by accident.
//!
//! Not `secrecy::SecretString` (zeroize on drop), by decision: the secret has
//! to live, unzeroized, where this type cannot reach: the process environment
//! (`BIOMETRID_SECRET`), argv (`--secret`), the config file's parsed TOML,
//! reqwest's `HeaderValue` sent with every request (copied per request), and the
//! scrubber's windows of it (which must outlive every line printed). Zeroizing
//! this one copy on drop, moments before the process exits, would protect no
//! real copy of it, and would add two crates. What this type does guarantee,
//! that no `Debug`, `Display` or log prints it, is what `secrecy` would add here.

use std::fmt;

/// The client secret. `Debug` and `Display` print `***`; the only way to the
/// bytes is [`Secret::expose`], which is called where the request header is built.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `config show`: at most the last 4 characters, and none when the secret is
    /// shorter than 12 characters (a short secret's tail is too much of it).
    pub fn masked(&self) -> String {
        let n = self.0.chars().count();
        if n < 12 {
            "********".to_string()
        } else {
            let tail: String = self.0.chars().skip(n - 4).collect();
            format!("********{tail}")
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let s = Secret::new("hunter2-very-secret".into());
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{:?}", Some(&s)), "Some(***)");
    }

    #[test]
    fn masking_shows_at_most_four_chars_of_long_secrets() {
        assert_eq!(Secret::new("abcdefghijkl".into()).masked(), "********ijkl");
        assert_eq!(Secret::new("abcdefghijk".into()).masked(), "********");
        assert_eq!(Secret::new("".into()).masked(), "********");
    }
}
