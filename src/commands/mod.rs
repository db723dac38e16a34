//! One module per command. Each takes the parsed options and the printer and
//! returns the exit code, or an error for `exit::for_error` to map.

pub mod completions;
pub mod config;
pub mod configure;
pub mod restart_state;
pub mod sandbox;
