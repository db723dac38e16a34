//! The one integration-test binary (as ripgrep's `tests/tests.rs`): one module per
//! area, all sharing the support module `util`. One binary links once, and its
//! helpers are checked for dead code like any other code.

mod util;

mod api;
mod batch;
mod companion;
mod completions;
mod config_check;
mod config_show;
mod configure;
mod emulation;
mod hostile;
mod input;
mod journal;
mod large_runs;
mod layers;
mod network;
mod operations;
mod output_failures;
mod packaging;
mod panic;
mod props;
mod proxy;
mod restart_state;
mod sandbox;
mod secrets;
mod security;
mod settings;
mod smoke;
mod tls;
