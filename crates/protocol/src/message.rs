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
    /// `face/delete`: the user's face enrolment was deleted.
    FaceCredentialsDeleted,
    /// `face/delete`: the user has no face enrolment (400).
    EnrollFaceFirst,
    /// `voice/delete`: the user's voice enrolment was deleted.
    VoiceCredentialsDeleted,
    /// `voice/delete`: the user has no voice enrolment (400).
    EnrollVoiceFirst,
    /// `voice/delete`: the client has no voice engine configured.
    NoVoiceEngine,
    /// Enroll Face: enrolled (`data.enrolled`).
    FaceEnrolled,
    /// Enroll Face, Find by Face: no usable face (`data.reason`); HTTP 200, `status: false`.
    FaceEnrollmentFailed,
    /// Enroll Face: the face is another user's (`detectedId`, `confidence`, `alreadyExists`).
    FaceAlreadyOnGallery,
    /// Find by Face (`verified`, `userId`, `confidence`), Find Face Properties (`properties`).
    FaceRecognized,
    /// Find by Face: no photo in the request, or not an image.
    NoFileOrInvalidFormat,
    /// Adapt Face: adapted (`adapted`, `faceImg`).
    FaceAdapted,
    /// Adapt Face: no usable face (`reason`).
    FaceAdaptFailed,
    /// Adapt Face: the sample cannot be used to adapt (spelling is the API's).
    FaceNotReliableToAdapt,
    /// Find Face Properties: no usable face (`reason`).
    FacePropertiesFailed,
    /// Find Face Properties: more than one face on the photo.
    MultipleFacesDetected,
    /// Enroll/Verify Voice, Create Voice Settings: a dialogue began.
    DialogueStarted,
    /// Enroll Voice (1.1): a sample was accepted (`detail`, `attempt`).
    ValidAttempt,
    /// Enroll Voice (1.1): the voice is enrolled.
    AudioEnrolled,
    /// Enroll Voice (1.1): the enrolment failed (`detail`); start over.
    EnrollmentFailed,
    /// Enroll/Verify Voice (1.0): a sample was received.
    AudioSubmitted,
    /// Verify Voice (1.0): verified (`dialogueStatus`, `verified`).
    AudioVerified,
    /// Verify Voice (1.1): verified (`verified`).
    AudioRecognized,
    /// Verify Voice (1.1): not verified.
    AudioRecognitionFailed,
    /// Validate Document, Pooling: the document was read (`result`, `fields`, ...).
    DocumentValidated,
    /// Pooling: the document is still being validated (`process`).
    Processing,
    /// Selfie compare: compared (`verified`, `confidence`).
    FaceCompared,
    /// Selfie compare: the photos could not be compared.
    FaceComparisonFailed,
    /// Selfie compare (base64): no photos, or not images.
    NoFilesOrInvalidFormats,
    /// Selfie compare (base64): one of the two photos is missing.
    Expecting2ImageFiles,
    /// Selfie compare (base64): a field the endpoint does not take.
    UnexpectedField,
    /// Selfie compare (base64): `photo1` is not base64.
    InvalidBase64Photo1,
    /// Selfie compare (base64): `photo2` is not base64.
    InvalidBase64Photo2,
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
    pub const COMPANION: [ApiMessage; 10] = [
        ApiMessage::UserRemoved,
        ApiMessage::UserRegisteredOnDevice,
        ApiMessage::DeviceNotAssociated,
        ApiMessage::NewUserCreated,
        ApiMessage::UserAlreadyAssociated,
        ApiMessage::FaceCredentialsDeleted,
        ApiMessage::EnrollFaceFirst,
        ApiMessage::VoiceCredentialsDeleted,
        ApiMessage::EnrollVoiceFirst,
        ApiMessage::NoVoiceEngine,
    ];

    /// The messages of the other documented endpoints (face, voice, OCR), which
    /// `biometrid api` reaches.
    pub const OTHER: [ApiMessage; 27] = [
        ApiMessage::FaceEnrolled,
        ApiMessage::FaceEnrollmentFailed,
        ApiMessage::FaceAlreadyOnGallery,
        ApiMessage::FaceRecognized,
        ApiMessage::NoFileOrInvalidFormat,
        ApiMessage::FaceAdapted,
        ApiMessage::FaceAdaptFailed,
        ApiMessage::FaceNotReliableToAdapt,
        ApiMessage::FacePropertiesFailed,
        ApiMessage::MultipleFacesDetected,
        ApiMessage::DialogueStarted,
        ApiMessage::ValidAttempt,
        ApiMessage::AudioEnrolled,
        ApiMessage::EnrollmentFailed,
        ApiMessage::AudioSubmitted,
        ApiMessage::AudioVerified,
        ApiMessage::AudioRecognized,
        ApiMessage::AudioRecognitionFailed,
        ApiMessage::DocumentValidated,
        ApiMessage::Processing,
        ApiMessage::FaceCompared,
        ApiMessage::FaceComparisonFailed,
        ApiMessage::NoFilesOrInvalidFormats,
        ApiMessage::Expecting2ImageFiles,
        ApiMessage::UnexpectedField,
        ApiMessage::InvalidBase64Photo1,
        ApiMessage::InvalidBase64Photo2,
    ];

    /// Every documented message, once.
    pub fn every() -> impl Iterator<Item = ApiMessage> {
        ApiMessage::ALL
            .into_iter()
            .chain(ApiMessage::COMPANION)
            .chain(ApiMessage::OTHER)
    }

    pub fn as_str(self) -> &'static str {
        use ApiMessage as M;
        match self {
            M::StateRestarted => "STATE_RESTARTED_WITH_SUCCESS",
            M::AuthHeadersMissing => "AUTHENTICATION_HEADERS_MISSING",
            M::InvalidAuthHeaders => "INVALID_AUTHENTICATION_HEADERS",
            M::RequestLimitReached => "REQUEST_LIMIT_REACHED",
            M::UserIdNotExists => "USERID_NOT_EXISTS",
            M::ClientNotFound => "CLIENT_NOT_FOUND/CHECK_AUTHENTICATION_HEADERS",
            M::ProblemOccurred => "PROBLEM_OCURRED_REPEAT_REQUEST",
            M::UserRemoved => "USER_REMOVED_WITH_SUCCESS",
            M::UserRegisteredOnDevice => "USER_ALREADY_REGISTERED_ON_THIS_DEVICE",
            M::DeviceNotAssociated => "DEVICE_NOT_ASSOCIATED_TO_USER",
            M::NewUserCreated => "NEW_USER_CREATED",
            M::UserAlreadyAssociated => "USER_ALREADY_ASSOCIATED_WITH_DEVICE",
            M::FaceCredentialsDeleted => "USER_FACE_CREDENTIALS_DELETED",
            M::EnrollFaceFirst => "ENROLL_USER_FACE_FIRST",
            M::VoiceCredentialsDeleted => "USER_VOICE_CREDENTIALS_DELETED",
            M::EnrollVoiceFirst => "ENROLL_USER_VOICE_FIRST",
            M::NoVoiceEngine => "NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE",
            M::FaceEnrolled => "FACE_ENROLLED_WITH_SUCCESS",
            M::FaceEnrollmentFailed => "FACE_ENROLLMENT_FAILED",
            M::FaceAlreadyOnGallery => "FACE_ALREADY_DETECTED_ON_GALLERY",
            M::FaceRecognized => "FACE_RECOGNIZED_WITH_SUCCESS",
            M::NoFileOrInvalidFormat => "NO_FILE_OR_INVALID_FORMAT",
            M::FaceAdapted => "FACE_ADAPTED_WITH_SUCCESS",
            M::FaceAdaptFailed => "FACE_ADAPT_FAILED",
            M::FaceNotReliableToAdapt => "FACE_NOT_REALIABLE_TO_ADAPT",
            M::FacePropertiesFailed => "FACE_PROPERTIES_FAILED",
            M::MultipleFacesDetected => "MULTIPLE_FACES_DETECTED",
            M::DialogueStarted => "DIALOGUE_STARTED_WITH_SUCCESS",
            M::ValidAttempt => "VALID_ATTEMPT",
            M::AudioEnrolled => "AUDIO_ENROLLED_WITH_SUCCESS",
            M::EnrollmentFailed => "ENROLLMENT_FAILED",
            M::AudioSubmitted => "AUDIO_SUBMITTED_WITH_SUCCESS",
            M::AudioVerified => "AUDIO_VERIFIED_WITH_SUCCESS",
            M::AudioRecognized => "AUDIO_RECOGNIZED_WITH_SUCCESS",
            M::AudioRecognitionFailed => "AUDIO_RECOGNITION_FAILED",
            M::DocumentValidated => "DOCUMENT_VALIDATED_WITH_SUCCESS",
            M::Processing => "PROCESSING",
            M::FaceCompared => "FACE_COMPARED_WITH_SUCCESS",
            M::FaceComparisonFailed => "FACE_COMPARISON_FAILED",
            M::NoFilesOrInvalidFormats => "NO_FILES_OR_INVALID_FORMATS",
            M::Expecting2ImageFiles => "EXPECTING_2_IMAGE_FILES_TO_COMPARE",
            M::UnexpectedField => "UNEXPECTED_FIELD",
            M::InvalidBase64Photo1 => "INVALID_BASE64STRING_PHOTO1",
            M::InvalidBase64Photo2 => "INVALID_BASE64STRING_PHOTO2",
        }
    }

    pub fn parse(text: &str) -> Option<ApiMessage> {
        ApiMessage::every().find(|m| m.as_str() == text)
    }

    /// The HTTP status the API documents for this message. Where no page shows
    /// the status line ([`ApiMessage::status_shown`] is false), it is the
    /// status of the messages it is listed with: 400 for the request errors
    /// listed beside `AUTHENTICATION_HEADERS_MISSING`, 404 for
    /// `NO_VOICE_ENGINE_CONFIGURATION_AVAILABLE` (listed with the two 404s),
    /// 200 for the 1.1 voice replies shown without a status line.
    pub fn http_status(self) -> u16 {
        use ApiMessage as M;
        match self {
            M::AuthHeadersMissing
            | M::EnrollFaceFirst
            | M::EnrollVoiceFirst
            | M::NoFileOrInvalidFormat
            | M::NoFilesOrInvalidFormats
            | M::Expecting2ImageFiles
            | M::UnexpectedField
            | M::InvalidBase64Photo1
            | M::InvalidBase64Photo2 => 400,
            M::InvalidAuthHeaders => 401,
            M::RequestLimitReached => 402,
            M::UserIdNotExists | M::ClientNotFound | M::NoVoiceEngine => 404,
            M::ProblemOccurred => 500,
            _ => 200,
        }
    }

    /// Whether a vendor page shows this message under its HTTP status line
    /// (else [`ApiMessage::http_status`] is inferred, see there).
    pub fn status_shown(self) -> bool {
        use ApiMessage as M;
        !matches!(
            self,
            M::NoVoiceEngine
                | M::NoFileOrInvalidFormat
                | M::NoFilesOrInvalidFormats
                | M::Expecting2ImageFiles
                | M::UnexpectedField
                | M::InvalidBase64Photo1
                | M::InvalidBase64Photo2
                | M::ValidAttempt
                | M::AudioEnrolled
                | M::EnrollmentFailed
                | M::AudioRecognized
                | M::AudioRecognitionFailed
        )
    }

    /// A success message: the request did what was asked.
    pub fn is_success(self) -> bool {
        use ApiMessage as M;
        matches!(
            self,
            M::StateRestarted
                | M::UserRemoved
                | M::UserRegisteredOnDevice
                | M::NewUserCreated
                | M::UserAlreadyAssociated
                | M::FaceCredentialsDeleted
                | M::VoiceCredentialsDeleted
                | M::FaceEnrolled
                | M::FaceRecognized
                | M::FaceAdapted
                | M::DialogueStarted
                | M::ValidAttempt
                | M::AudioEnrolled
                | M::AudioSubmitted
                | M::AudioVerified
                | M::AudioRecognized
                | M::DocumentValidated
                | M::Processing
                | M::FaceCompared
        )
    }

    /// The envelope's `status` for this message: `true` on a success and on
    /// `DEVICE_NOT_ASSOCIATED_TO_USER` (a documented answer, not an error).
    pub fn status_flag(self) -> bool {
        self.is_success() || self == ApiMessage::DeviceNotAssociated
    }

    /// A failure that says there is nothing to act on: no such user, or
    /// nothing enrolled to delete. `--ignore-missing` makes it a success, and
    /// a deletion after an attempt that may have acted reads it as done.
    pub fn is_nothing_there(self) -> bool {
        use ApiMessage as M;
        matches!(
            self,
            M::UserIdNotExists | M::EnrollFaceFirst | M::EnrollVoiceFirst
        )
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
        use ApiMessage as M;
        match self {
            M::StateRestarted => "the user's current process was cleared",
            M::AuthHeadersMissing => "the key or secret header was missing",
            M::InvalidAuthHeaders => "the key/secret pair was rejected",
            M::RequestLimitReached => "the client has reached its request limit",
            M::UserIdNotExists => "no such BiometrID user",
            M::ClientNotFound => "no client for this key",
            M::ProblemOccurred => "server-side failure; the API asks to repeat the request",
            M::UserRemoved => "the user was removed",
            M::UserRegisteredOnDevice => "a user is registered on this device",
            M::DeviceNotAssociated => "no user is associated with this device",
            M::NewUserCreated => "a new user was created",
            M::UserAlreadyAssociated => "the device already has a user",
            M::FaceCredentialsDeleted => "the user's face enrolment was deleted",
            M::EnrollFaceFirst => "the user has no face enrolment",
            M::VoiceCredentialsDeleted => "the user's voice enrolment was deleted",
            M::EnrollVoiceFirst => "the user has no voice enrolment",
            M::NoVoiceEngine => "the client has no voice engine configured",
            M::FaceEnrolled => "the face was enrolled",
            M::FaceEnrollmentFailed => "no usable face on the photo",
            M::FaceAlreadyOnGallery => "the face is already enrolled for another user",
            M::FaceRecognized => "the face was recognised",
            M::NoFileOrInvalidFormat => "no photo in the request, or not an image",
            M::FaceAdapted => "the face enrolment was adapted",
            M::FaceAdaptFailed => "no usable face on the photo to adapt",
            M::FaceNotReliableToAdapt => "the photo is not reliable enough to adapt",
            M::FacePropertiesFailed => "no usable face on the photo",
            M::MultipleFacesDetected => "more than one face on the photo",
            M::DialogueStarted => "a voice dialogue was started",
            M::ValidAttempt => "the voice sample was accepted",
            M::AudioEnrolled => "the voice was enrolled",
            M::EnrollmentFailed => "the voice enrolment failed; start over",
            M::AudioSubmitted => "the voice sample was received",
            M::AudioVerified => "the voice was verified",
            M::AudioRecognized => "the voice was recognised",
            M::AudioRecognitionFailed => "the voice was not recognised",
            M::DocumentValidated => "the document was validated",
            M::Processing => "the document is still being validated",
            M::FaceCompared => "the photos were compared",
            M::FaceComparisonFailed => "the photos could not be compared",
            M::NoFilesOrInvalidFormats => "no photos in the request, or not images",
            M::Expecting2ImageFiles => "two photos are needed to compare",
            M::UnexpectedField => "the request has a field the endpoint does not take",
            M::InvalidBase64Photo1 => "photo1 is not a base64 image",
            M::InvalidBase64Photo2 => "photo2 is not a base64 image",
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
        let every: Vec<ApiMessage> = ApiMessage::every().collect();
        for m in &every {
            assert_eq!(ApiMessage::parse(m.as_str()), Some(*m));
            assert_eq!(every.iter().filter(|n| *n == m).count(), 1, "{m:?} twice");
            assert!(!m.meaning().is_empty());
        }
        // Every variant is listed: 44 documented messages.
        assert_eq!(every.len(), 44);
        assert!(Envelope::of(ApiMessage::DeviceNotAssociated).status);
        assert!(!ApiMessage::DeviceNotAssociated.is_success());
        assert_eq!(ApiMessage::parse("NOPE"), None);
    }
}
