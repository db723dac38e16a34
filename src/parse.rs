//! Value parsers for the command line, the environment and the sandbox flags:
//! durations, counts and rates, each with the message that says what is accepted.
//! A leaf: it depends on nothing but the text helpers.

/// `--max-failures N`: a number of failed IDs, at least 1 (0 would stop before
/// the first request; "no limit" is leaving the option out).
pub fn parse_max_failures(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        Ok(_) => Err("at least 1: the run stops after that many IDs have failed \
             (leave --max-failures out for no limit)"
            .into()),
        Err(_) => Err(format!(
            "'{}' is not a number of failed IDs (1 or more)",
            crate::sanitize::excerpt(text, 32)
        )),
    }
}

/// A MAC address as the API takes it, normalized (the rule is the protocol's:
/// the sandbox checks a scenario file's MACs with it too).
pub fn parse_mac(text: &str) -> Result<String, String> {
    biometrid_protocol::parse_mac(text)
}

/// A value the tool sends as it is (`--reference-id`, `--app-token`): never empty,
/// since the API would store an empty one as if it meant something.
pub fn parse_sent_value(text: &str) -> Result<String, String> {
    if text.is_empty() {
        Err("must not be empty".into())
    } else {
        Ok(text.to_string())
    }
}

/// Seconds from text: a duration (see [`parse_duration`]) that is a valid timeout.
pub fn parse_seconds(s: &str) -> Result<f64, String> {
    check_seconds(parse_duration(s)?.as_secs_f64())
}

/// The one duration syntax of the tool: plain seconds (`30`, `1.5`) or a number
/// with a unit (`500ms`, `1.5s`, `2m`, `1h`). Finite and not negative; the
/// caller checks its own bounds.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim();
    let (number, scale) = [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)]
        .iter()
        .find_map(|(unit, scale)| t.strip_suffix(unit).map(|n| (n, *scale)))
        .unwrap_or((t, 1.0));
    let bad = || {
        format!(
            "'{}' is not a duration: plain seconds (30, 1.5) or with a unit (500ms, 1.5s, 2m)",
            crate::sanitize::excerpt(s, 32)
        )
    };
    // `f64::from_str` takes "inf" and "nan": only digits and one point are a number here.
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    match number.parse::<f64>() {
        Ok(v) if (v * scale).is_finite() && v * scale <= 1e9 => {
            Ok(std::time::Duration::from_secs_f64(v * scale))
        }
        _ => Err(bad()),
    }
}

/// A request rate limit: `N/s`, `N/m`, `N/h`, or `N` per second (N > 0, decimals allowed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Attempts per `unit`.
    pub count: f64,
    /// `s`, `m` or `h`.
    pub unit: char,
}

impl Rate {
    /// The even spacing between two attempts.
    pub fn interval(&self) -> std::time::Duration {
        let period = match self.unit {
            'h' => 3600.0,
            'm' => 60.0,
            _ => 1.0,
        };
        std::time::Duration::from_secs_f64(period / self.count)
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.count, self.unit)
    }
}

/// The rate limit setting: a [`Rate`], or `unlimited` (no limit), which turns
/// off a rate set at a lower level (a profile, the environment).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit(pub Option<Rate>);

impl std::fmt::Display for RateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(rate) => rate.fmt(f),
            None => f.write_str("unlimited"),
        }
    }
}

/// A [`RateLimit`] from text: `unlimited`, or a [`Rate`].
pub fn parse_rate_limit(s: &str) -> Result<RateLimit, String> {
    if s.trim().eq_ignore_ascii_case("unlimited") {
        return Ok(RateLimit(None));
    }
    parse_rate_per(s).map(|r| RateLimit(Some(r)))
}

/// A [`Rate`] from text.
fn parse_rate_per(s: &str) -> Result<Rate, String> {
    let t = s.trim();
    let (number, unit) = match t.rsplit_once('/') {
        Some((n, u @ ("s" | "m" | "h"))) => (n, u.chars().next().unwrap_or('s')),
        Some(_) => ("", 's'),
        None => (t, 's'),
    };
    let ok_chars = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.');
    match number.parse::<f64>() {
        // At least one attempt a day, at most a million a second: beyond that it is a typo.
        Ok(count)
            if ok_chars
                && count > 0.0
                && Rate { count, unit }.interval().as_secs_f64() <= 86_400.0
                && Rate { count, unit }.interval().as_secs_f64() >= 1e-6 =>
        {
            Ok(Rate { count, unit })
        }
        _ => Err(format!(
            "'{}' is not a rate: N/s, N/m, N/h or N (per second), N more than 0 (e.g. 10/s, 0.5/s, 100/m), or unlimited",
            crate::sanitize::excerpt(s, 32)
        )),
    }
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
pub fn parse_share(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err("a rate from 0.0 to 1.0 (e.g. 0.1 for 10%)".into()),
    }
}

/// A sandbox delay (`--latency`, `--jitter`): a duration, at most an hour.
pub fn parse_delay(s: &str) -> Result<std::time::Duration, String> {
    match parse_duration(s) {
        Ok(d) if d.as_secs_f64() <= 3600.0 => Ok(d),
        Ok(_) => Err("at most an hour (3600s)".into()),
        Err(e) => Err(e),
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
    fn durations_are_seconds_or_take_a_unit() {
        use std::time::Duration;
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        for bad in ["", "-1", "1e3", "inf", "nan", "5 s", "ms", "1.5x"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_seconds("500ms"), Ok(0.5));
        assert!(parse_delay("3601").is_err());
        assert_eq!(parse_delay("250ms"), Ok(Duration::from_millis(250)));
    }

    #[test]
    fn rates_take_a_period() {
        use std::time::Duration;
        assert_eq!(parse_rate_limit("unlimited"), Ok(RateLimit(None)));
        assert_eq!(
            parse_rate_limit("unlimited").unwrap().to_string(),
            "unlimited"
        );
        assert_eq!(
            parse_rate_per("10/s").unwrap().interval(),
            Duration::from_millis(100)
        );
        assert_eq!(
            parse_rate_per("0.5/s").unwrap().interval(),
            Duration::from_secs(2)
        );
        assert_eq!(
            parse_rate_per("120/m").unwrap().interval(),
            Duration::from_millis(500)
        );
        assert_eq!(
            parse_rate_per("3600/h").unwrap().interval(),
            Duration::from_secs(1)
        );
        assert_eq!(
            parse_rate_per("4").unwrap().interval(),
            Duration::from_millis(250)
        );
        for bad in ["0", "0/s", "-1/s", "x/s", "10/d", "/s", "inf", "10/"] {
            assert!(parse_rate_limit(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rates_are_shares() {
        assert_eq!(parse_share("0.25"), Ok(0.25));
        assert!(parse_share("1.5").is_err());
        assert_eq!(parse_retries("3", 10), Ok(3));
    }
}
