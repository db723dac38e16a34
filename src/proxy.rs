//! Which proxy, if any, carries the requests: decided here from the proxy
//! variables exactly as curl reads them, then given to reqwest explicitly
//! (reqwest's own reading of the environment misses `NO_PROXY=*` for IP
//! literals and drops a variable it cannot parse without a word).
//!
//! - `https://` base URL: `https_proxy`, `HTTPS_PROXY`; `http://`: `http_proxy`,
//!   `HTTP_PROXY`; then `all_proxy`, `ALL_PROXY`. Lower case first, as curl.
//! - `no_proxy`/`NO_PROXY`: `*` alone bypasses every proxy for every host;
//!   otherwise a comma-separated list of host names (matching the name or any
//!   name under it; a leading dot is optional), IP addresses and CIDR ranges.
//! - A proxy URL without a scheme is `http://`; without a port, 1080 (443 for
//!   an `https://` proxy), as curl. A value that does not parse, or names a
//!   scheme other than http/https, is a configuration error naming the
//!   variable, never the value (it may hold the proxy's password).

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Result};

/// The proxy that applies to the base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The URL for reqwest, with credentials if the variable had any.
    pub url: Url,
    /// `scheme://host:port`, without credentials: safe to print.
    pub shown: String,
    /// The variable it came from.
    pub variable: &'static str,
}

/// The proxy for `base`, or `None` to connect directly.
pub fn for_url(base: &Url, env: &dyn Fn(&str) -> Option<String>) -> Result<Option<Chosen>> {
    let names: &[&'static str] = match base.scheme() {
        "https" => &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"],
        // HTTP_PROXY is not trusted in a CGI program, where a request header
        // named `Proxy` arrives as that variable (httpoxy).
        _ if env("REQUEST_METHOD").is_some() => &["http_proxy", "all_proxy", "ALL_PROXY"],
        _ => &["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"],
    };
    let Some((variable, value)) = names
        .iter()
        .find_map(|&n| env(n).filter(|v| !v.trim().is_empty()).map(|v| (n, v)))
    else {
        return Ok(None);
    };
    let chosen = parse(variable, &value)?;
    let no_proxy = env("no_proxy").or_else(|| env("NO_PROXY"));
    match (no_proxy, base.host()) {
        (Some(list), Some(host)) if bypasses(&list, &host) => Ok(None),
        _ => Ok(Some(chosen)),
    }
}

/// A proxy variable's value as curl reads it.
fn parse(variable: &'static str, value: &str) -> Result<Chosen> {
    let value = value.trim();
    let text = if value.contains("://") {
        value.to_string()
    } else {
        format!("http://{value}")
    };
    let bad = |why: String| {
        Error::config_with_hint(
            format!("{variable} is not a usable proxy URL: {why}"),
            format!("set {variable} to http://HOST:PORT (or unset it to connect directly)"),
        )
    };
    // url's messages never quote the input, so a password cannot show.
    let mut url = Url::parse(&text).map_err(|e| bad(e.to_string()))?;
    let default_port = match url.scheme() {
        "http" => 1080,
        "https" => 443,
        other => {
            return Err(bad(format!(
                "{}:// proxies are not supported (http:// and https:// are)",
                crate::sanitize::excerpt(other, 16)
            )));
        }
    };
    let host = match url.host_str() {
        Some(h) if !h.is_empty() => h.to_string(),
        _ => return Err(bad("it names no host".into())),
    };
    let port = if has_explicit_port(&text) {
        url.port_or_known_default().unwrap_or(default_port)
    } else {
        default_port
    };
    url.set_port(Some(port))
        .map_err(|_| bad("it cannot have a port".into()))?;
    Ok(Chosen {
        shown: format!("{}://{host}:{port}", url.scheme()),
        url,
        variable,
    })
}

/// Whether the authority of `url_text` spells out a port (the url crate
/// forgets a default one, `:80`, which curl would use instead of 1080).
fn has_explicit_port(url_text: &str) -> bool {
    let after_scheme = url_text.split_once("://").map_or(url_text, |(_, r)| r);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let after_host = match host_port.rfind(']') {
        Some(i) => &host_port[i + 1..],
        None => host_port,
    };
    after_host
        .rsplit_once(':')
        .is_some_and(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// curl's `NO_PROXY` rule for `host`.
fn bypasses(list: &str, host: &Host<&str>) -> bool {
    if list.trim() == "*" {
        return true;
    }
    let entries = list.split(',').map(str::trim).filter(|e| !e.is_empty());
    match host {
        Host::Domain(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            entries.into_iter().any(|e| {
                let e = e.trim_end_matches('.');
                let e = e.strip_prefix('.').unwrap_or(e).to_ascii_lowercase();
                !e.is_empty()
                    && (name == e
                        || name
                            .strip_suffix(&e)
                            .is_some_and(|head| head.ends_with('.')))
            })
        }
        Host::Ipv4(ip) => entries.into_iter().any(|e| ip_matches(IpAddr::V4(*ip), e)),
        Host::Ipv6(ip) => entries.into_iter().any(|e| ip_matches(IpAddr::V6(*ip), e)),
    }
}

/// `entry` is an address (`127.0.0.1`, `::1`, `[::1]`) or a CIDR range (`10.0.0.0/8`).
fn ip_matches(ip: IpAddr, entry: &str) -> bool {
    let (addr, bits) = match entry.split_once('/') {
        Some((a, b)) => match b.parse::<u32>() {
            Ok(b) => (a, Some(b)),
            Err(_) => return false,
        },
        None => (entry, None),
    };
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    let Ok(net) = addr.parse::<IpAddr>() else {
        return false;
    };
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => prefix_eq(
            u32::from(a).into(),
            u32::from(n).into(),
            bits.unwrap_or(32),
            32,
        ),
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            prefix_eq(u128::from(a), u128::from(n), bits.unwrap_or(128), 128)
        }
        _ => false,
    }
}

/// The first `bits` of `a` and `b` (of `width`) are equal; 0 or too many bits: the whole address, as curl.
fn prefix_eq(a: u128, b: u128, bits: u32, width: u32) -> bool {
    let bits = if bits == 0 || bits > width {
        width
    } else {
        bits
    };
    let shift = width - bits;
    (a >> shift) == (b >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &[(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        let pairs = pairs.to_vec();
        move |n| {
            pairs
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.to_string())
        }
    }

    fn chosen(base: &str, pairs: &[(&'static str, &'static str)]) -> Option<String> {
        for_url(&Url::parse(base).unwrap(), &env_of(pairs))
            .unwrap()
            .map(|c| c.shown)
    }

    #[test]
    fn each_scheme_reads_its_variables_lower_case_first() {
        let p = |s: &str| Some(s.to_string());
        let both = [("HTTPS_PROXY", "up:1"), ("https_proxy", "low:2")];
        assert_eq!(chosen("https://a.example", &both), p("http://low:2"));
        assert_eq!(chosen("http://a.example", &both), None);
        let both = [("HTTP_PROXY", "up:1"), ("http_proxy", "low:2")];
        assert_eq!(chosen("http://a.example", &both), p("http://low:2"));
        assert_eq!(
            chosen("http://a", &[("HTTP_PROXY", "up:1")]),
            p("http://up:1")
        );
        let cgi = [("HTTP_PROXY", "up:1"), ("REQUEST_METHOD", "GET")];
        assert_eq!(chosen("http://a", &cgi), None);
        assert_eq!(
            chosen("https://a", &[("ALL_PROXY", "all:3")]),
            p("http://all:3")
        );
        assert_eq!(
            chosen("http://a", &[("all_proxy", "all:3")]),
            p("http://all:3")
        );
    }

    #[test]
    fn ports_default_as_in_curl() {
        let p = |v: &'static str| chosen("https://a", &[("HTTPS_PROXY", v)]);
        assert_eq!(p("proxy"), Some("http://proxy:1080".into()));
        assert_eq!(p("http://proxy:80"), Some("http://proxy:80".into()));
        assert_eq!(p("https://proxy"), Some("https://proxy:443".into()));
        assert_eq!(
            p("http://u:p@[::1]:3128/"),
            Some("http://[::1]:3128".into())
        );
        assert_eq!(p("http://u:p@proxy"), Some("http://proxy:1080".into()));
    }

    #[test]
    fn credentials_stay_in_the_url_but_not_in_what_is_shown() {
        let c = for_url(
            &Url::parse("https://a").unwrap(),
            &env_of(&[("HTTPS_PROXY", "http://user:pa55word@proxy:3128")]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.url.password(), Some("pa55word"));
        assert!(!c.shown.contains("pa55word") && !c.shown.contains("user"));
        assert_eq!(c.variable, "HTTPS_PROXY");
    }

    #[test]
    fn a_value_that_does_not_parse_is_an_error_naming_the_variable_only() {
        for bad in [
            "http://user:pa55word@proxy:99999",
            "socks5://user:pa55word@proxy:1080",
            "http://user:pa55word@",
            "http://user:pa55word@[::1",
            "http://user:pa55word@pro xy:1",
        ] {
            let e = for_url(
                &Url::parse("https://a").unwrap(),
                &env_of(&[("HTTPS_PROXY", bad)]),
            )
            .unwrap_err();
            let shown = format!("{e} {}", e.hint().unwrap_or_default());
            assert!(shown.contains("HTTPS_PROXY"), "{bad}: {shown}");
            assert!(!shown.contains("pa55word"), "{bad}: {shown}");
            assert_eq!(crate::exit::for_error(&e).code(), 3, "{bad}");
        }
    }

    #[test]
    fn no_proxy_as_curl() {
        let bypass = |base: &str, list: &'static str| {
            chosen(base, &[("HTTPS_PROXY", "p:1"), ("NO_PROXY", list)]).is_none()
        };
        for base in [
            "https://127.0.0.1:8443",
            "https://[::1]",
            "https://api.example.com",
            "https://localhost",
        ] {
            assert!(bypass(base, "*"), "{base}");
            assert!(bypass(base, " * "), "{base}");
            assert!(!bypass(base, "other.example"), "{base}");
        }
        assert!(bypass("https://api.example.com", "example.com"));
        assert!(bypass("https://api.example.com", ".example.com"));
        assert!(bypass("https://API.Example.com.", "x, EXAMPLE.com."));
        assert!(bypass("https://example.com", ".example.com"));
        assert!(!bypass("https://notexample.com", "example.com"));
        assert!(!bypass("https://example.com", "api.example.com"));
        assert!(bypass("https://127.0.0.1", "127.0.0.1"));
        assert!(bypass("https://127.0.0.7", "127.0.0.0/8"));
        assert!(!bypass("https://128.0.0.1", "127.0.0.0/8"));
        assert!(!bypass("https://127.0.0.2", "127.0.0.1"));
        assert!(bypass("https://[::1]", "::1"));
        assert!(bypass("https://[::1]", "[::1]"));
        assert!(bypass("https://[fd00::5]", "fd00::/8"));
        assert!(!bypass("https://[::1]", "127.0.0.1"));
        // Lower case wins.
        let both = [("HTTPS_PROXY", "p:1"), ("no_proxy", "x"), ("NO_PROXY", "*")];
        assert!(chosen("https://a", &both).is_some());
    }
}
