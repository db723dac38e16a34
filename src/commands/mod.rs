//! One module per command that is not an operation (the operations are in
//! `ops/`). Each takes the parsed options and the printer and
//! returns the exit code, or an error for `exit::for_error` to map.

pub mod completions;
pub mod config;
pub mod config_check;
pub mod config_set;
pub mod configure;
pub mod sandbox;

pub use crate::ops::runtime;
