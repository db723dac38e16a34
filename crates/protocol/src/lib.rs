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
