//! The documented messages and the JSON envelope every documented reply comes in.

use serde::{Deserialize, Serialize};

/// The documented messages of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiMessage {
    StateRestarted,
    AuthHeadersMissing,
    InvalidAuthHeaders,
    RequestLimitReached,
    UserIdNotExists,
    ClientNotFound,
    ProblemOccurred,
    /// `DELETE /users/{id}`: the user was removed.
    UserRemoved,
    /// `find-by-address`: a user is registered on the device (`data.id`).
    UserRegisteredOnDevice,
    /// `find-by-address`: no user for the device (HTTP 200, `status: true`, not a success).
    DeviceNotAssociated,
    /// `POST /users`: a user was created (`data.id`).
    NewUserCreated,
    /// `POST /users`: the device already has a user (`data.id`, the existing one).
    UserAlreadyAssociated,
}

impl ApiMessage {
    /// The messages of restart-state: its success and the error replies every endpoint shares.
    pub const ALL: [ApiMessage; 7] = [
        ApiMessage::StateRestarted,
        ApiMessage::AuthHeadersMissing,
        ApiMessage::InvalidAuthHeaders,
        ApiMessage::RequestLimitReached,
        ApiMessage::UserIdNotExists,
        ApiMessage::ClientNotFound,
        ApiMessage::ProblemOccurred,
    ];

    /// The shared error replies, documented for every endpoint.
    pub const SHARED_ERRORS: [ApiMessage; 6] = [
        ApiMessage::AuthHeadersMissing,
        ApiMessage::InvalidAuthHeaders,
        ApiMessage::RequestLimitReached,
        ApiMessage::UserIdNotExists,
        ApiMessage::ClientNotFound,
        ApiMessage::ProblemOccurred,
    ];

    /// The messages only the companion endpoints document.
    pub const COMPANION: [ApiMessage; 5] = [
        ApiMessage::UserRemoved,
        ApiMessage::UserRegisteredOnDevice,
        ApiMessage::DeviceNotAssociated,
        ApiMessage::NewUserCreated,
        ApiMessage::UserAlreadyAssociated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApiMessage::StateRestarted => "STATE_RESTARTED_WITH_SUCCESS",
            ApiMessage::AuthHeadersMissing => "AUTHENTICATION_HEADERS_MISSING",
            ApiMessage::InvalidAuthHeaders => "INVALID_AUTHENTICATION_HEADERS",
            ApiMessage::RequestLimitReached => "REQUEST_LIMIT_REACHED",
            ApiMessage::UserIdNotExists => "USERID_NOT_EXISTS",
            ApiMessage::ClientNotFound => "CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS",
            ApiMessage::ProblemOccurred => "PROBLEM_OCURRED_REPEAT_REQUEST",
            ApiMessage::UserRemoved => "USER_REMOVED_WITH_SUCCESS",
            ApiMessage::UserRegisteredOnDevice => "USER_ALREADY_REGISTERED_ON_THIS_DEVICE",
            ApiMessage::DeviceNotAssociated => "DEVICE_NOT_ASSOCIATED_TO_USER",
            ApiMessage::NewUserCreated => "NEW_USER_CREATED",
            ApiMessage::UserAlreadyAssociated => "USER_ALREADY_ASSOCIATED_WITH_DEVICE",
        }
    }

    pub fn parse(text: &str) -> Option<ApiMessage> {
        ApiMessage::ALL
            .into_iter()
            .chain(ApiMessage::COMPANION)
            .find(|m| m.as_str() == text)
    }

    /// The HTTP status the API documents for this message.
    pub fn http_status(self) -> u16 {
        match self {
            ApiMessage::StateRestarted
            | ApiMessage::UserRemoved
            | ApiMessage::UserRegisteredOnDevice
            | ApiMessage::DeviceNotAssociated
            | ApiMessage::NewUserCreated
            | ApiMessage::UserAlreadyAssociated => 200,
            ApiMessage::AuthHeadersMissing => 400,
            ApiMessage::InvalidAuthHeaders => 401,
            ApiMessage::RequestLimitReached => 402,
            ApiMessage::UserIdNotExists | ApiMessage::ClientNotFound => 404,
            ApiMessage::ProblemOccurred => 500,
        }
    }

    /// A success message: the command did what was asked.
    pub fn is_success(self) -> bool {
        matches!(
            self,
            ApiMessage::StateRestarted
                | ApiMessage::UserRemoved
                | ApiMessage::UserRegisteredOnDevice
                | ApiMessage::NewUserCreated
                | ApiMessage::UserAlreadyAssociated
        )
    }

    /// The envelope's `status` for this message: `true` on a success and on
    /// `DEVICE_NOT_ASSOCIATED_TO_USER` (a documented answer, not an error).
    pub fn status_flag(self) -> bool {
        self.is_success() || self == ApiMessage::DeviceNotAssociated
    }

    /// A failure of the client as a whole: no other ID can succeed after it.
    pub fn is_client_wide(self) -> bool {
        matches!(
            self,
            ApiMessage::AuthHeadersMissing
                | ApiMessage::InvalidAuthHeaders
                | ApiMessage::RequestLimitReached
                | ApiMessage::ClientNotFound
        )
    }

    pub fn meaning(self) -> &'static str {
        match self {
            ApiMessage::StateRestarted => "the user's current process was cleared",
            ApiMessage::AuthHeadersMissing => "the key or secret header was missing",
            ApiMessage::InvalidAuthHeaders => "the key/secret pair was rejected",
            ApiMessage::RequestLimitReached => "the client has reached its request limit",
            ApiMessage::UserIdNotExists => "no such BiometrID user",
            ApiMessage::ClientNotFound => "no client for this key",
            ApiMessage::ProblemOccurred => {
                "server-side failure; the API asks to repeat the request"
            }
            ApiMessage::UserRemoved => "the user was removed",
            ApiMessage::UserRegisteredOnDevice => "a user is registered on this device",
            ApiMessage::DeviceNotAssociated => "no user is associated with this device",
            ApiMessage::NewUserCreated => "a new user was created",
            ApiMessage::UserAlreadyAssociated => "the device already has a user",
        }
    }
}

/// The JSON envelope of every documented reply: `{"status":…,"data":{"message":…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Must agree with the message: `true` on success, `false` on an error.
    pub status: bool,
    pub data: EnvelopeData,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvelopeData {
    pub message: String,
}

impl Envelope {
    /// The documented envelope of `message`.
    pub fn of(message: ApiMessage) -> Envelope {
        Envelope {
            status: message.status_flag(),
            data: EnvelopeData {
                message: message.as_str().to_string(),
            },
        }
    }

    /// As the body of a reply.
    pub fn to_json(&self) -> String {
        // Serializing two plain fields cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_is_the_documented_shape() {
        let v: serde_json::Value =
            serde_json::from_str(&Envelope::of(ApiMessage::UserIdNotExists).to_json()).unwrap();
        assert_eq!(v["status"], false);
        assert_eq!(v["data"]["message"], "USERID_NOT_EXISTS");
        let ok = Envelope::of(ApiMessage::StateRestarted);
        assert!(ok.status);
        let back: Envelope = serde_json::from_str(&ok.to_json()).unwrap();
        assert_eq!(back, ok);
    }

    #[test]
    fn messages_round_trip() {
        for m in ApiMessage::ALL.into_iter().chain(ApiMessage::COMPANION) {
            assert_eq!(ApiMessage::parse(m.as_str()), Some(m));
        }
        assert!(Envelope::of(ApiMessage::DeviceNotAssociated).status);
        assert!(!ApiMessage::DeviceNotAssociated.is_success());
        assert_eq!(ApiMessage::parse("NOPE"), None);
    }
}
