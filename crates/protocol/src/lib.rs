//! The BiometrID Legacy Restful API on the wire, shared by the client and the sandbox:
//! the catalogue of documented endpoints, routes and path building, header names,
//! the reply envelope, the documented messages, and USER_ID validation and encoding.

pub mod catalogue;
mod message;
mod route;
pub mod user_id;

pub use catalogue::{CATALOGUE, Endpoint, Entry, Method};
pub use message::{ApiMessage, Envelope, EnvelopeData};
pub use route::Route;

/// The header that carries the client key.
pub const KEY_HEADER: &str = "x-biometrid-key";
/// The header that carries the client secret.
pub const SECRET_HEADER: &str = "x-biometrid-secret";

/// A MAC address as the API takes it: six hex pairs separated by `:` or `-`
/// (one separator throughout), or twelve hex digits, normalized to lower case with `:`.
pub fn parse_mac(text: &str) -> Result<String, String> {
    if text.len() == 12 && text.chars().all(|c| c.is_ascii_hexdigit()) {
        let pairs: Vec<&str> = (0..6).map(|i| &text[2 * i..2 * i + 2]).collect();
        return Ok(pairs.join(":").to_ascii_lowercase());
    }
    let sep = if text.contains(':') { ':' } else { '-' };
    let pairs: Vec<&str> = text.split(sep).collect();
    let ok = pairs.len() == 6
        && pairs
            .iter()
            .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_hexdigit()));
    match ok {
        true => Ok(pairs.join(":").to_ascii_lowercase()),
        false => {
            Err("expected six hex pairs separated by `:` or `-`, or twelve hex digits, like AA:BB:CC:DD:EE:FF".into())
        }
    }
}
