//! Value parsers for the command line, the environment and the sandbox flags:
//! durations, counts and rates, each with the message that says what is accepted.
//! A leaf: it depends on nothing but the text helpers.

/// Seconds from text: a positive, finite number (fractions allowed).
/// A MAC address as the API takes it: six hex pairs separated by `:` or `-`
/// (one separator throughout), normalized to lower case with `:`.
pub fn parse_mac(text: &str) -> Result<String, String> {
    let sep = if text.contains(':') { ':' } else { '-' };
    let pairs: Vec<&str> = text.split(sep).collect();
    let ok = pairs.len() == 6
        && pairs
            .iter()
            .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_hexdigit()));
    match ok {
        true => Ok(pairs.join(":").to_ascii_lowercase()),
        false => {
            Err("expected six hex pairs separated by `:` or `-`, like AA:BB:CC:DD:EE:FF".into())
        }
    }
}

pub fn parse_seconds(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| {
        format!(
            "'{}' is not a number of seconds",
            crate::sanitize::excerpt(s, 32)
        )
    })?;
    check_seconds(v)
}

/// A timeout in seconds: more than 0, at most a day.
pub fn check_seconds(v: f64) -> Result<f64, String> {
    if v.is_finite() && v > 0.0 && v <= 86_400.0 {
        Ok(v)
    } else {
        Err(format!(
            "timeout must be more than 0 and at most 86400 seconds, not {v}"
        ))
    }
}

/// A number of retries from 0 to `max`.
pub fn parse_retries(s: &str, max: u32) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!(
            "'{}' is not a number of retries from 0 to {max}",
            crate::sanitize::excerpt(s, 32)
        )),
    }
}

/// A share from 0.0 to 1.0.
pub fn parse_rate(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err("a rate from 0.0 to 1.0 (e.g. 0.1 for 10%)".into()),
    }
}

pub fn parse_millis(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim();
    let (number, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else {
        (t, 0.001)
    };
    match number.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=3600.0).contains(&(v * scale)) => {
            Ok(std::time::Duration::from_secs_f64(v * scale))
        }
        _ => Err(
            "milliseconds (250) or a duration with a unit (250ms, 1.5s), at most an hour".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_validated() {
        assert_eq!(parse_seconds("2.5"), Ok(2.5));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("nan").is_err());
        assert!(parse_seconds("inf").is_err());
        assert!(parse_seconds("86401").is_err());
    }

    #[test]
    fn millis_take_an_optional_unit() {
        use std::time::Duration;
        assert_eq!(parse_millis("250"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_millis("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_millis("1.5s"), Ok(Duration::from_millis(1500)));
        assert!(parse_millis("3601s").is_err());
        assert!(parse_millis("-1").is_err());
    }

    #[test]
    fn rates_are_shares() {
        assert_eq!(parse_rate("0.25"), Ok(0.25));
        assert!(parse_rate("1.5").is_err());
        assert_eq!(parse_retries("3", 10), Ok(3));
    }
}
