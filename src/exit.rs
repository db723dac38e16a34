//! Exit codes: the one place where every failure becomes a process exit status.
//!
//! Scripts branch on these numbers, so they are a promise (the README's "Exit
//! codes" table) and never change meaning.

use biometrid_protocol::ApiMessage;

use crate::error::Error;
use crate::outcome::Outcome;
use crate::signal::Signal;

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
    /// `find-user`: DEVICE_NOT_ASSOCIATED_TO_USER, no user for that device.
    DeviceNotAssociated = 13,
    /// stdout, stderr or an output file could not be written (not a closed pipe).
    OutputFailed = 14,
    /// The API declined: a documented failure reply (`status: false`) with no
    /// code of its own (ENROLL_USER_FACE_FIRST, FACE_ENROLLMENT_FAILED, ...).
    ApiDeclined = 15,
    /// Ctrl-C (SIGINT): 128 + 2.
    Interrupted = 130,
    /// SIGHUP: 128 + 1.
    Hangup = 129,
    /// SIGTERM: 128 + 15.
    Terminated = 143,
    /// stdout was closed (a closed pipe) before every ID was reported: 128 + SIGPIPE.
    BrokenPipe = 141,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn is_success(self) -> bool {
        self == Exit::Success
    }

    /// Every code with its one-line meaning, in the order of the README's table.
    /// `restart-state --help` and the README are written from this list.
    pub const TABLE: [(Exit, &'static str); 20] = [
        (
            Exit::Success,
            "success: the command's documented success for every ID (or missing, with --ignore-missing)",
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
            "network error: DNS, refused, connect timeout, reset, closed early, TLS",
        ),
        (Exit::Timeout, "timeout (--timeout) after all retries"),
        (
            Exit::UnexpectedResponse,
            "unexpected response (not the documented reply)",
        ),
        (
            Exit::DeviceNotAssociated,
            "DEVICE_NOT_ASSOCIATED_TO_USER (find-user: no user for that device)",
        ),
        (
            Exit::OutputFailed,
            "output failure: stdout or stderr could not be written",
        ),
        (
            Exit::ApiDeclined,
            "the API declined: a documented failure reply with no code above (e.g. ENROLL_USER_FACE_FIRST)",
        ),
        (Exit::Interrupted, "interrupted (Ctrl-C)"),
        (Exit::Hangup, "ended by SIGHUP (handled like Ctrl-C)"),
        (Exit::Terminated, "ended by SIGTERM (handled like Ctrl-C)"),
        (
            Exit::BrokenPipe,
            "stdout was closed before every ID was reported",
        ),
    ];
}

/// How a command ends: a documented [`Exit`], or a code passed through from
/// elsewhere (`sandbox exec` ends with CMD's own code, whatever it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Documented(Exit),
    PassedThrough(u8),
}

impl From<Exit> for Status {
    fn from(e: Exit) -> Self {
        Status::Documented(e)
    }
}

impl From<Status> for std::process::ExitCode {
    fn from(s: Status) -> Self {
        match s {
            Status::Documented(e) => e.into(),
            Status::PassedThrough(code) => std::process::ExitCode::from(code),
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e.code())
    }
}

/// A signal that stops a batch exits 128 + its number, as a shell would show it.
impl From<Signal> for Exit {
    fn from(s: Signal) -> Self {
        match s {
            Signal::Interrupt => Exit::Interrupted,
            Signal::Hangup => Exit::Hangup,
            Signal::Terminate => Exit::Terminated,
        }
    }
}

impl From<ApiMessage> for Exit {
    fn from(m: ApiMessage) -> Self {
        match m {
            ApiMessage::DeviceNotAssociated => Exit::DeviceNotAssociated,
            ApiMessage::AuthHeadersMissing => Exit::AuthHeadersMissing,
            ApiMessage::InvalidAuthHeaders => Exit::InvalidAuthHeaders,
            ApiMessage::RequestLimitReached => Exit::RequestLimitReached,
            ApiMessage::UserIdNotExists => Exit::UserIdNotExists,
            ApiMessage::ClientNotFound => Exit::ClientNotFound,
            ApiMessage::ProblemOccurred => Exit::ServerProblem,
            m if m.is_success() => Exit::Success,
            // Every other documented failure: the API understood and said no.
            _ => Exit::ApiDeclined,
        }
    }
}

/// The exit code of one ID's outcome. `ignore_missing` makes a reply that
/// there is nothing there ([`ApiMessage::is_nothing_there`]) a success.
pub fn for_outcome(outcome: &Outcome, ignore_missing: bool) -> Exit {
    match outcome {
        Outcome::Api(m) if ignore_missing && m.is_nothing_there() => Exit::Success,
        Outcome::Api(m) => Exit::from(*m),
        Outcome::Answered(_) => Exit::Success,
        Outcome::InvalidUserId(_) => Exit::Usage,
        Outcome::Network(_) => Exit::Network,
        Outcome::Timeout(_) => Exit::Timeout,
        Outcome::Unexpected(_) => Exit::UnexpectedResponse,
        Outcome::Skipped(cause) => for_outcome(cause, ignore_missing),
        Outcome::Interrupted(signal) => Exit::from(*signal),
        Outcome::JournalFailed => Exit::OutputFailed,
        Outcome::Declined => Exit::ApiDeclined,
        Outcome::Reply(r) => for_outcome(&r.meaning, ignore_missing),
    }
}

/// The exit code of a failure that happens before (or instead of) any request.
pub fn for_error(error: &Error) -> Exit {
    match error {
        Error::Usage(_) => Exit::Usage,
        Error::Config { .. } | Error::MissingCredential { .. } => Exit::Config,
        Error::Io { .. } => Exit::Internal,
        Error::Stopped(signal) => Exit::from(*signal),
        // A closed pipe is the reader's choice, not a failure of ours: 141, like a shell shows.
        Error::Output { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe => {
            Exit::BrokenPipe
        }
        Error::Output { .. } => Exit::OutputFailed,
        Error::Internal(_) => Exit::Internal,
    }
}

/// The exit code of a run whose stderr could not be written: 14, unless a signal
/// or a closed stdout ended it (those say more about how it ended).
pub fn with_stderr_failure(exit: Exit) -> Exit {
    match exit {
        Exit::Interrupted | Exit::Hangup | Exit::Terminated | Exit::BrokenPipe => exit,
        _ => Exit::OutputFailed,
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
            (ApiMessage::UserRemoved, 0),
            (ApiMessage::UserRegisteredOnDevice, 0),
            (ApiMessage::DeviceNotAssociated, 13),
            (ApiMessage::NewUserCreated, 0),
            (ApiMessage::UserAlreadyAssociated, 0),
            (ApiMessage::FaceCredentialsDeleted, 0),
            (ApiMessage::VoiceCredentialsDeleted, 0),
            (ApiMessage::FaceEnrolled, 0),
            (ApiMessage::FaceRecognized, 0),
            (ApiMessage::EnrollFaceFirst, 15),
            (ApiMessage::EnrollVoiceFirst, 15),
            (ApiMessage::NoVoiceEngine, 15),
            (ApiMessage::FaceEnrollmentFailed, 15),
            (ApiMessage::FaceAlreadyOnGallery, 15),
            (ApiMessage::InvalidBase64Photo2, 15),
        ];
        for (m, code) in expected {
            assert_eq!(Exit::from(m).code(), code, "{m:?}");
        }
    }

    #[test]
    fn every_failure_without_a_code_of_its_own_is_15() {
        for m in ApiMessage::every() {
            let exit = Exit::from(m);
            if m.is_success() {
                assert_eq!(exit, Exit::Success, "{m:?}");
            } else if !ApiMessage::ALL.contains(&m) && m != ApiMessage::DeviceNotAssociated {
                assert_eq!(exit, Exit::ApiDeclined, "{m:?}");
            }
        }
    }

    #[test]
    fn ignore_missing_only_forgives_missing_users() {
        let missing = Outcome::Api(ApiMessage::UserIdNotExists);
        assert_eq!(for_outcome(&missing, true), Exit::Success);
        assert_eq!(for_outcome(&missing, false), Exit::UserIdNotExists);
        // And nothing enrolled, for the face and voice cleanups.
        for m in [ApiMessage::EnrollFaceFirst, ApiMessage::EnrollVoiceFirst] {
            assert_eq!(for_outcome(&Outcome::Api(m), true), Exit::Success);
            assert_eq!(for_outcome(&Outcome::Api(m), false), Exit::ApiDeclined);
        }
        let no_engine = Outcome::Api(ApiMessage::NoVoiceEngine);
        assert_eq!(for_outcome(&no_engine, true), Exit::ApiDeclined);
        let denied = Outcome::Api(ApiMessage::InvalidAuthHeaders);
        assert_eq!(for_outcome(&denied, true), Exit::InvalidAuthHeaders);
    }

    #[test]
    fn local_outcomes_have_their_codes() {
        assert_eq!(for_outcome(&Outcome::Timeout("t".into()), false).code(), 11);
        assert_eq!(for_outcome(&Outcome::JournalFailed, false).code(), 14);
        assert_eq!(for_outcome(&Outcome::Network("x".into()), false).code(), 10);
        assert_eq!(
            for_outcome(&Outcome::Unexpected("x".into()), false).code(),
            12
        );
        assert_eq!(
            for_outcome(&Outcome::InvalidUserId("x".into()), false).code(),
            2
        );
        assert_eq!(
            for_outcome(&Outcome::Interrupted(Signal::Interrupt), false).code(),
            130
        );
        assert_eq!(
            for_outcome(&Outcome::Interrupted(Signal::Terminate), false).code(),
            143
        );
        assert_eq!(
            for_outcome(&Outcome::Interrupted(Signal::Hangup), false).code(),
            129
        );
        assert_eq!(
            for_outcome(
                &Outcome::Skipped(std::sync::Arc::new(Outcome::Api(
                    ApiMessage::RequestLimitReached
                ))),
                false
            )
            .code(),
            6
        );
    }

    #[test]
    fn table_lists_every_code_once_in_order() {
        let codes: Vec<u8> = Exit::TABLE.iter().map(|(e, _)| e.code()).collect();
        assert_eq!(
            codes,
            [
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 130, 129, 143, 141
            ]
        );
    }

    #[test]
    fn the_readme_table_has_every_code() {
        let readme = include_str!("../README.md");
        let section = readme
            .split("## Exit codes")
            .nth(1)
            .expect("an Exit codes section");
        let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| ")).collect();
        for (exit, _) in Exit::TABLE {
            let code = exit.code().to_string();
            let listed = rows.iter().any(|row| {
                let first = row.split('|').nth(1).unwrap_or_default();
                first.split(',').any(|c| c.trim() == code)
            });
            assert!(listed, "exit {code} is not in the README's table");
        }
    }

    #[test]
    fn output_failures_are_14_and_a_closed_pipe_141() {
        let err = |kind| Error::Output {
            stream: "stdout",
            source: std::io::Error::from(kind),
        };
        assert_eq!(for_error(&err(std::io::ErrorKind::BrokenPipe)).code(), 141);
        assert_eq!(for_error(&err(std::io::ErrorKind::StorageFull)).code(), 14);
        assert_eq!(for_error(&err(std::io::ErrorKind::Other)).code(), 14);
    }
}
