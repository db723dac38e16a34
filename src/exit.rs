//! Exit codes: the one place where every failure becomes a process exit status.
//!
//! Scripts branch on these numbers, so they are part of the contract
//! (`shared/docs/cli-contract.md`, "Exit codes") and never change meaning.

use crate::api::{ApiMessage, Outcome};
use crate::error::Error;

/// A documented exit status of `biometrid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Exit {
    Success = 0,
    Internal = 1,
    Usage = 2,
    Config = 3,
    AuthHeadersMissing = 4,
    InvalidAuthHeaders = 5,
    RequestLimitReached = 6,
    UserIdNotExists = 7,
    ClientNotFound = 8,
    ServerProblem = 9,
    Network = 10,
    Timeout = 11,
    UnexpectedResponse = 12,
    Interrupted = 130,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn is_success(self) -> bool {
        self == Exit::Success
    }

    /// Every code with its one-line meaning, in the order of the contract's table.
    /// `restart-state --help` and the README are written from this list.
    pub const TABLE: [(Exit, &'static str); 14] = [
        (
            Exit::Success,
            "success: every ID restarted (or missing, with --ignore-missing)",
        ),
        (Exit::Internal, "internal error (a bug)"),
        (
            Exit::Usage,
            "usage error: bad flag or argument, invalid USER_ID",
        ),
        (
            Exit::Config,
            "configuration error: credentials, config file, profile, base URL",
        ),
        (Exit::AuthHeadersMissing, "AUTHENTICATION_HEADERS_MISSING"),
        (Exit::InvalidAuthHeaders, "INVALID_AUTHENTICATION_HEADERS"),
        (Exit::RequestLimitReached, "REQUEST_LIMIT_REACHED"),
        (Exit::UserIdNotExists, "USERID_NOT_EXISTS"),
        (
            Exit::ClientNotFound,
            "CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS",
        ),
        (
            Exit::ServerProblem,
            "PROBLEM_OCURRED_REPEAT_REQUEST after all retries",
        ),
        (
            Exit::Network,
            "network error: DNS, refused, reset, closed early, TLS",
        ),
        (Exit::Timeout, "timeout after all retries"),
        (
            Exit::UnexpectedResponse,
            "unexpected response (not the documented reply)",
        ),
        (Exit::Interrupted, "interrupted (Ctrl-C)"),
    ];
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e.code())
    }
}

impl From<ApiMessage> for Exit {
    fn from(m: ApiMessage) -> Self {
        match m {
            ApiMessage::StateRestarted => Exit::Success,
            ApiMessage::AuthHeadersMissing => Exit::AuthHeadersMissing,
            ApiMessage::InvalidAuthHeaders => Exit::InvalidAuthHeaders,
            ApiMessage::RequestLimitReached => Exit::RequestLimitReached,
            ApiMessage::UserIdNotExists => Exit::UserIdNotExists,
            ApiMessage::ClientNotFound => Exit::ClientNotFound,
            ApiMessage::ProblemOccurred => Exit::ServerProblem,
        }
    }
}

/// The exit code of one ID's outcome. `ignore_missing` makes `USERID_NOT_EXISTS` a success.
pub fn for_outcome(outcome: &Outcome, ignore_missing: bool) -> Exit {
    match outcome {
        Outcome::Api(ApiMessage::UserIdNotExists) if ignore_missing => Exit::Success,
        Outcome::Api(m) => Exit::from(*m),
        Outcome::InvalidUserId(_) => Exit::Usage,
        Outcome::Network(_) => Exit::Network,
        Outcome::Timeout => Exit::Timeout,
        Outcome::Unexpected(_) => Exit::UnexpectedResponse,
        Outcome::Skipped(cause) => *cause,
        Outcome::Interrupted => Exit::Interrupted,
    }
}

/// The exit code of a failure that happens before (or instead of) any request.
pub fn for_error(error: &Error) -> Exit {
    match error {
        Error::Usage(_) => Exit::Usage,
        Error::Config { .. } | Error::MissingCredential { .. } => Exit::Config,
        Error::Io { .. } => Exit::Internal,
        Error::Interrupted => Exit::Interrupted,
        Error::Exit(code) => *code,
        Error::Internal(_) => Exit::Internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_messages_map_to_their_documented_codes() {
        let expected = [
            (ApiMessage::StateRestarted, 0),
            (ApiMessage::AuthHeadersMissing, 4),
            (ApiMessage::InvalidAuthHeaders, 5),
            (ApiMessage::RequestLimitReached, 6),
            (ApiMessage::UserIdNotExists, 7),
            (ApiMessage::ClientNotFound, 8),
            (ApiMessage::ProblemOccurred, 9),
        ];
        for (m, code) in expected {
            assert_eq!(Exit::from(m).code(), code, "{m:?}");
        }
    }

    #[test]
    fn ignore_missing_only_forgives_missing_users() {
        let missing = Outcome::Api(ApiMessage::UserIdNotExists);
        assert_eq!(for_outcome(&missing, true), Exit::Success);
        assert_eq!(for_outcome(&missing, false), Exit::UserIdNotExists);
        let denied = Outcome::Api(ApiMessage::InvalidAuthHeaders);
        assert_eq!(for_outcome(&denied, true), Exit::InvalidAuthHeaders);
    }

    #[test]
    fn local_outcomes_have_their_codes() {
        assert_eq!(for_outcome(&Outcome::Timeout, false).code(), 11);
        assert_eq!(for_outcome(&Outcome::Network("x".into()), false).code(), 10);
        assert_eq!(
            for_outcome(&Outcome::Unexpected("x".into()), false).code(),
            12
        );
        assert_eq!(
            for_outcome(&Outcome::InvalidUserId("x".into()), false).code(),
            2
        );
        assert_eq!(for_outcome(&Outcome::Interrupted, false).code(), 130);
        assert_eq!(
            for_outcome(&Outcome::Skipped(Exit::RequestLimitReached), false).code(),
            6
        );
    }

    #[test]
    fn table_lists_every_code_once_in_order() {
        let codes: Vec<u8> = Exit::TABLE.iter().map(|(e, _)| e.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 130]);
    }
}
