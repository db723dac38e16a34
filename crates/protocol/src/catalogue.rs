//! Every endpoint the vendor's pages document, with what they say about it:
//! method, path, a one-line summary, the body, the endpoint's own messages;
//! and the [`Endpoint`]s the tool speaks or the sandbox emulates, each with
//! its entry, so that an endpoint's specifics are in this one file.
//! `biometrid api --help` lists it, the sandbox answers 501 from it for the
//! routes it does not emulate, and docs/api-endpoints.md describes each entry
//! at length (a test keeps the two in step).
//!
//! Paths name the user ID `{id}`. Where the pages show the same endpoint under
//! two versions, `path` is the one the tool itself uses, or else the newest
//! pages' one, and `other_paths` the rest. Two pages have no method or path
//! (Biometrics Status, Get Available Languages) and are not here.

use crate::ApiMessage;
use crate::ApiMessage as M;

/// An HTTP method the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// The section of the vendor's pages an endpoint is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    User,
    Face,
    Liveness,
    Voice,
    Ocr,
    Auxiliary,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::User,
        Area::Face,
        Area::Liveness,
        Area::Voice,
        Area::Ocr,
        Area::Auxiliary,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Area::User => "User",
            Area::Face => "Face engine",
            Area::Liveness => "Liveness",
            Area::Voice => "Voice engine",
            Area::Ocr => "OCR engine",
            Area::Auxiliary => "Auxiliary methods",
        }
    }
}

/// What a body field holds, as the pages type it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Text,
    Boolean,
    /// A file part (multipart) or its base64 string (JSON).
    File,
    /// A nested object.
    Object,
}

/// One documented body field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: &'static str,
    pub kind: FieldKind,
}

/// How a request carries its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Body {
    None,
    /// `application/json`.
    Json(&'static [Field]),
    /// `multipart/form-data`.
    Multipart(&'static [Field]),
}

impl Body {
    pub fn kind(self) -> &'static str {
        match self {
            Body::None => "none",
            Body::Json(_) => "JSON",
            Body::Multipart(_) => "multipart",
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Body::None => &[],
            Body::Json(f) | Body::Multipart(f) => f,
        }
    }
}

/// One documented endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The page's title.
    pub name: &'static str,
    pub area: Area,
    pub method: Method,
    /// The path template, `{id}` for the user ID.
    pub path: &'static str,
    /// The same endpoint at another version the pages show.
    pub other_paths: &'static [&'static str],
    pub summary: &'static str,
    pub body: Body,
    /// The endpoint's own messages, success and failure. The shared error
    /// replies ([`ApiMessage::SHARED_ERRORS`]) apply to every endpoint besides.
    pub messages: &'static [ApiMessage],
    /// What is unusual about it, if anything.
    pub note: Option<&'static str>,
}

impl Entry {
    /// Whether the path names a user (has `{id}`).
    pub fn per_user(&self) -> bool {
        self.path.contains("{id}")
    }

    /// Every path the pages give it: `path`, then `other_paths`.
    pub fn paths(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.path).chain(self.other_paths.iter().copied())
    }
}

const fn text(name: &'static str) -> Field {
    Field {
        name,
        kind: FieldKind::Text,
    }
}
const fn flag(name: &'static str) -> Field {
    Field {
        name,
        kind: FieldKind::Boolean,
    }
}
const fn file(name: &'static str) -> Field {
    Field {
        name,
        kind: FieldKind::File,
    }
}
const fn object(name: &'static str) -> Field {
    Field {
        name,
        kind: FieldKind::Object,
    }
}

/// A plain entry: no other version, no note.
const fn entry(
    name: &'static str,
    area: Area,
    method: Method,
    path: &'static str,
    summary: &'static str,
    body: Body,
    messages: &'static [ApiMessage],
) -> Entry {
    Entry {
        name,
        area,
        method,
        path,
        other_paths: &[],
        summary,
        body,
        messages,
        note: None,
    }
}

const fn also(mut e: Entry, other_paths: &'static [&'static str]) -> Entry {
    e.other_paths = other_paths;
    e
}

const fn noted(mut e: Entry, note: &'static str) -> Entry {
    e.note = Some(note);
    e
}

use Area::*;
use Method::{Delete, Get, Post};

/// The face endpoints' multipart body (the 1.1 pages name `livenessId`, the 1.0 ones `liveness`).
const FACE_BODY: Body = Body::Multipart(&[file("photo"), text("livenessId"), flag("liveness")]);
const VOICE_BODY: Body = Body::Multipart(&[file("audio"), text("language")]);

const CREATE_USER: Entry = noted(
    also(
        entry(
            "Create User",
            User,
            Post,
            "/api/1.0/users",
            "create a user for your reference ID, optionally tied to a device",
            Body::Json(&[text("reference_id"), text("mac_address"), text("app_token")]),
            &[M::NewUserCreated, M::UserAlreadyAssociated],
        ),
        &["/api/1.1/users"],
    ),
    "the pages list the fields as query parameters; biometrid sends them as JSON",
);
const DELETE_USER: Entry = also(
    entry(
        "Delete User",
        User,
        Delete,
        "/api/1.0/users/{id}",
        "delete a user",
        Body::None,
        &[M::UserRemoved],
    ),
    &["/api/1.1/users/{id}"],
);
const ENROLL_FACE: Entry = also(
    entry(
        "Enroll Face",
        Face,
        Post,
        "/api/1.1/users/{id}/dialogue/enroll/face",
        "enroll the user's face from a photo",
        FACE_BODY,
        &[
            M::FaceEnrolled,
            M::FaceEnrollmentFailed,
            M::FaceAlreadyOnGallery,
        ],
    ),
    &["/api/1.0/users/{id}/dialogue/enroll/face"],
);
const VERIFY_FACE: Entry = also(
    entry(
        "Verify Face",
        Face,
        Post,
        "/api/1.1/users/{id}/dialogue/verify/face",
        "verify the user's face against a photo",
        Body::Multipart(&[file("photo"), text("livenessId")]),
        &[],
    ),
    &["/api/1.0/users/{id}/dialogue/verify/face"],
);
const ADAPT_FACE: Entry = also(
    entry(
        "Adapt Face",
        Face,
        Post,
        "/api/1.1/users/{id}/dialogue/adapt/face",
        "replace the user's face enrolment with a new photo",
        FACE_BODY,
        &[
            M::FaceAdapted,
            M::FaceAdaptFailed,
            M::FaceNotReliableToAdapt,
        ],
    ),
    &["/api/1.0/users/{id}/dialogue/adapt/face"],
);
const DELETE_FACE: Entry = entry(
    "Delete User Face Enroll",
    Face,
    Delete,
    "/api/1.0/users/{id}/face/delete",
    "delete the user's face enrolment",
    Body::None,
    &[M::FaceCredentialsDeleted, M::EnrollFaceFirst],
);
const FIND_BY_FACE: Entry = entry(
    "Find User Id by Face",
    Face,
    Post,
    "/api/1.0/users/find-by-face",
    "find the one user whose enrolled face matches a photo",
    Body::Multipart(&[file("photo"), flag("liveness")]),
    &[
        M::FaceRecognized,
        M::FaceEnrollmentFailed,
        M::NoFileOrInvalidFormat,
    ],
);
const FIND_MULTIPLE: Entry = entry(
    "Find Multiple Id by Face",
    Face,
    Post,
    "/api/1.1/users/find-by-multiple",
    "find every enrolled user whose face is on a photo",
    Body::Multipart(&[file("photo"), text("livenessId")]),
    &[],
);
const FACE_PROPERTIES: Entry = also(
    entry(
        "Find Face Properties",
        Face,
        Post,
        "/api/1.1/users/find-face-properties",
        "estimate age, gender and emotions from a photo",
        FACE_BODY,
        &[
            M::FaceRecognized,
            M::FacePropertiesFailed,
            M::MultipleFacesDetected,
        ],
    ),
    &["/api/1.0/users/find-face-properties"],
);
const LIVENESS_VALIDATE: Entry = entry(
    "Liveness Validation",
    Liveness,
    Post,
    "/api/1.1/liveness/validate",
    "validate a liveness session; its livenessId goes with face requests",
    Body::Multipart(&[
        text("auditTrailImage"),
        text("zoomSessionId"),
        text("facemap"),
        file("zoomSessionData"),
        text("processId"),
    ]),
    &[],
);
const BIOMETRICS_LIVENESS: Entry = noted(
    entry(
        "Biometrics Liveness",
        Liveness,
        Post,
        "/biometrics/liveness",
        "ZoOm liveness check of a session (for the vendor's WebSDK)",
        Body::Multipart(&[
            file("zoomSessionData"),
            text("sessionId"),
            object("auditTrail"),
        ]),
        &[],
    ),
    "served by https://face.biometrid.com, not the API's host, with x-app-token and \
     x-user-agent instead of the client key and secret; takes JSON too; replies in a \
     {meta, data} envelope",
);
const ENROLL_VOICE: Entry = also(
    entry(
        "Enroll Voice",
        Voice,
        Post,
        "/api/1.1/users/{id}/dialogue/enroll/voice",
        "enroll the user's voice, one .wav sample per request of a dialogue",
        VOICE_BODY,
        &[
            M::DialogueStarted,
            M::ValidAttempt,
            M::AudioEnrolled,
            M::EnrollmentFailed,
            M::AudioSubmitted,
        ],
    ),
    &["/api/1.0/users/{id}/dialogue/enroll/voice"],
);
const VERIFY_VOICE: Entry = also(
    entry(
        "Verify Voice",
        Voice,
        Post,
        "/api/1.1/users/{id}/dialogue/verify/voice",
        "verify the user's voice, one .wav sample per request of a dialogue",
        VOICE_BODY,
        &[
            M::AudioRecognized,
            M::AudioRecognitionFailed,
            M::DialogueStarted,
            M::AudioSubmitted,
            M::AudioVerified,
        ],
    ),
    &["/api/1.0/users/{id}/dialogue/verify/voice"],
);
const ADAPT_VOICE: Entry = entry(
    "Adapt Voice",
    Voice,
    Post,
    "/api/1.0/users/{id}/adapt/voice",
    "adapt the user's voice enrolment with new samples",
    VOICE_BODY,
    &[],
);
const DELETE_VOICE: Entry = entry(
    "Delete User Voice Enroll",
    Voice,
    Delete,
    "/api/1.0/users/{id}/voice/delete",
    "delete the user's voice enrolment for a language",
    Body::Json(&[text("language")]),
    &[
        M::VoiceCredentialsDeleted,
        M::EnrollVoiceFirst,
        M::NoVoiceEngine,
    ],
);
const VOICE_SETTINGS: Entry = entry(
    "Create Voice Settings",
    Voice,
    Post,
    "/api/1.1/users/{id}/voice/text-dependent",
    "set the voice engine's settings for the user before enrolling",
    Body::Multipart(&[object("settings")]),
    &[M::DialogueStarted],
);
const VALIDATE_DOCUMENT: Entry = also(
    entry(
        "Validate Document",
        Ocr,
        Post,
        "/api/1.1/document/validate",
        "read and check an ID document from photos of its front and back",
        Body::Multipart(&[
            file("front"),
            file("back"),
            text("doctype"),
            text("type"),
            text("processId"),
        ]),
        &[M::DocumentValidated],
    ),
    &["/api/1.0/document/validate"],
);
const VALIDATE_DOCUMENT_BASE64: Entry = also(
    entry(
        "Validate Document (base64)",
        Ocr,
        Post,
        "/api/1.1/document/validate-base64",
        "Validate Document with the photos as base64 strings",
        Body::Json(&[
            file("front"),
            file("back"),
            text("doctype"),
            text("type"),
            text("processId"),
        ]),
        &[],
    ),
    &["/api/1.0/document/validate-base64"],
);
const POOLING: Entry = entry(
    "Pooling",
    Ocr,
    Post,
    "/api/1.1/document/pooling",
    "fetch the result of a document validation started with type=pooling",
    Body::Multipart(&[text("process"), text("processId")]),
    &[M::Processing, M::DocumentValidated],
);
const SELFIE_COMPARE: Entry = also(
    entry(
        "Verify document photo",
        Ocr,
        Post,
        "/api/1.1/document/selfie-compare",
        "compare a selfie with the photo on an ID document",
        Body::Multipart(&[
            file("photo1"),
            file("photo2"),
            text("livenessId"),
            flag("liveness"),
            text("facemap"),
            text("photo"),
        ]),
        &[M::FaceCompared, M::FaceComparisonFailed],
    ),
    &["/api/1.0/document/selfie-compare"],
);
const SELFIE_COMPARE_BASE64: Entry = also(
    entry(
        "Verify document photo (base64)",
        Ocr,
        Post,
        "/api/1.1/document/selfie-compare-base64",
        "Verify document photo with the photos as base64 strings",
        Body::Json(&[
            file("photo1"),
            file("photo2"),
            text("livenessId"),
            flag("liveness"),
            text("facemap"),
            text("photo"),
        ]),
        &[
            M::FaceCompared,
            M::FaceComparisonFailed,
            M::NoFilesOrInvalidFormats,
            M::Expecting2ImageFiles,
            M::UnexpectedField,
            M::InvalidBase64Photo1,
            M::InvalidBase64Photo2,
        ],
    ),
    &["/api/1.0/document/selfie-compare-base64"],
);
const ENROLL_STATUS: Entry = entry(
    "Get enroll Status",
    Auxiliary,
    Get,
    "/api/1.1/users/{id}/enroll/status",
    "which engines the user is enrolled in",
    Body::None,
    &[],
);
const PENDING_DIALOGUE: Entry = entry(
    "Has Pending Dialogue",
    Auxiliary,
    Get,
    "/api/1.0/users/{id}/voice/is-pending",
    "the user's pending voice dialogue, if any",
    Body::None,
    &[],
);
const RESTART_STATE: Entry = entry(
    "Restart User State",
    Auxiliary,
    Get,
    "/api/1.0/users/{id}/restart-state",
    "end the user's current process (a pending dialogue included)",
    Body::None,
    &[M::StateRestarted],
);
const FIND_BY_ADDRESS: Entry = noted(
    entry(
        "Find UserId by MacAddress",
        Auxiliary,
        Get,
        "/api/1.0/users/find-by-address",
        "the user associated with a device's MAC address",
        Body::Json(&[text("mac_address")]),
        &[M::UserRegisteredOnDevice, M::DeviceNotAssociated],
    ),
    "a GET with a JSON body",
);

/// One endpoint the tool speaks or the sandbox emulates. The path template names
/// the user ID `{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `GET /api/1.0/users/{id}/restart-state`.
    RestartState,
    /// `GET /api/1.1/users/{id}/enroll/status`: the user's enrolments.
    EnrollStatus,
    /// `GET /api/1.0/users/{id}/voice/is-pending`: the user's pending voice dialogue.
    PendingDialogue,
    /// `DELETE /api/1.0/users/{id}`.
    DeleteUser,
    /// `GET /api/1.0/users/find-by-address`, body `{"mac_address": ...}`.
    FindUser,
    /// `POST /api/1.0/users`, body `{"reference_id", "mac_address", "app_token"}`.
    CreateUser,
    /// `DELETE /api/1.0/users/{id}/face/delete`: the user's face enrolment.
    DeleteFace,
    /// `DELETE /api/1.0/users/{id}/voice/delete`, body `{"language": ...}`.
    DeleteVoice,
    /// `POST /api/1.1/users/{id}/dialogue/enroll/face`, multipart `photo`.
    EnrollFace,
    /// `POST /api/1.0/users/find-by-face`, multipart `photo`.
    FindByFace,
}

impl Endpoint {
    pub const ALL: [Endpoint; 10] = [
        Endpoint::RestartState,
        Endpoint::EnrollStatus,
        Endpoint::PendingDialogue,
        Endpoint::FindUser,
        Endpoint::CreateUser,
        Endpoint::DeleteUser,
        Endpoint::DeleteFace,
        Endpoint::DeleteVoice,
        Endpoint::EnrollFace,
        Endpoint::FindByFace,
    ];

    /// What the vendor's pages document about it.
    pub fn entry(self) -> &'static Entry {
        match self {
            Endpoint::RestartState => &RESTART_STATE,
            Endpoint::EnrollStatus => &ENROLL_STATUS,
            Endpoint::PendingDialogue => &PENDING_DIALOGUE,
            Endpoint::DeleteUser => &DELETE_USER,
            Endpoint::FindUser => &FIND_BY_ADDRESS,
            Endpoint::CreateUser => &CREATE_USER,
            Endpoint::DeleteFace => &DELETE_FACE,
            Endpoint::DeleteVoice => &DELETE_VOICE,
            Endpoint::EnrollFace => &ENROLL_FACE,
            Endpoint::FindByFace => &FIND_BY_FACE,
        }
    }
}

/// Every documented endpoint, in the order of the vendor's pages.
pub const CATALOGUE: [Entry; 25] = [
    CREATE_USER,
    DELETE_USER,
    ENROLL_FACE,
    VERIFY_FACE,
    ADAPT_FACE,
    DELETE_FACE,
    FIND_BY_FACE,
    FIND_MULTIPLE,
    FACE_PROPERTIES,
    LIVENESS_VALIDATE,
    BIOMETRICS_LIVENESS,
    ENROLL_VOICE,
    VERIFY_VOICE,
    ADAPT_VOICE,
    DELETE_VOICE,
    VOICE_SETTINGS,
    VALIDATE_DOCUMENT,
    VALIDATE_DOCUMENT_BASE64,
    POOLING,
    SELFIE_COMPARE,
    SELFIE_COMPARE_BASE64,
    ENROLL_STATUS,
    PENDING_DIALOGUE,
    RESTART_STATE,
    FIND_BY_ADDRESS,
];

/// The user ID of `path` under `template`, percent-decoded: `Some(None)` when
/// the template names no user and is the path itself; `None` when the path is
/// not the template's, or the ID is empty or not one segment.
pub(crate) fn match_path(template: &str, path: &str) -> Option<Option<String>> {
    let Some((before, after)) = template.split_once("{id}") else {
        return (template == path).then_some(None);
    };
    let id = path.strip_prefix(before)?.strip_suffix(after)?;
    if id.is_empty() || id.contains('/') {
        return None;
    }
    // A fixed path (`/users/find-by-face`) is never read as a user's (`/users/{id}`).
    if is_fixed_path(path) {
        return None;
    }
    crate::user_id::decode(id).map(Some)
}

fn is_fixed_path(path: &str) -> bool {
    CATALOGUE
        .iter()
        .flat_map(Entry::paths)
        .any(|p| p == path && !p.contains("{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_well_formed_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for e in CATALOGUE {
            for p in e.paths() {
                assert!(p.starts_with('/'), "{p}");
                assert_eq!(p.contains("{id}"), e.per_user(), "{p}");
                assert!(
                    seen.insert((e.method, p)),
                    "{} {p} twice",
                    e.method.as_str()
                );
            }
            assert!(
                !e.summary.is_empty() && !e.summary.ends_with('.'),
                "{}",
                e.name
            );
            for m in e.messages {
                assert!(!ApiMessage::SHARED_ERRORS.contains(m), "{}", e.name);
            }
        }
        for a in Area::ALL {
            assert!(CATALOGUE.iter().any(|e| e.area == a), "{a:?} is empty");
        }
    }

    #[test]
    fn every_message_but_the_shared_ones_belongs_to_an_endpoint() {
        for m in ApiMessage::every() {
            let listed = CATALOGUE.iter().any(|e| e.messages.contains(&m));
            assert!(
                listed || ApiMessage::SHARED_ERRORS.contains(&m),
                "{} is in no entry",
                m.as_str()
            );
        }
    }

    #[test]
    fn paths_match_templates_and_fixed_paths_win() {
        let t = "/api/1.0/users/{id}";
        assert_eq!(
            match_path(t, "/api/1.0/users/u%2F1"),
            Some(Some("u/1".into()))
        );
        assert_eq!(match_path(t, "/api/1.0/users/find-by-face"), None);
        assert_eq!(match_path(t, "/api/1.0/users/find-by-address"), None);
        assert_eq!(match_path(t, "/api/1.0/users/"), None);
        assert_eq!(match_path(t, "/api/1.0/users/a/b"), None);
        assert_eq!(match_path("/api/1.0/users", "/api/1.0/users"), Some(None));
        assert_eq!(match_path("/api/1.0/users", "/api/1.0/users/"), None);
    }
}
