//! How a request finds its endpoint, and an [`Endpoint`]'s paths. The
//! endpoints themselves, with their method, path and messages, are in the
//! [catalogue](crate::catalogue).

use crate::ApiMessage;
use crate::catalogue::{self, CATALOGUE, Endpoint, Entry, Method};
use crate::user_id;

/// Where a request goes ([`Endpoint::for_request`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// One of the [`Endpoint`]s, with the user ID when its path names one.
    Endpoint(Endpoint, Option<String>),
    /// Another documented endpoint (or another version of an endpoint's path),
    /// with the user ID when its path names one.
    Documented(&'static Entry, Option<String>),
    /// A documented path, but not with this method.
    WrongMethod,
    /// No documented endpoint has this path.
    Unknown,
}

impl Endpoint {
    pub fn method(self) -> Method {
        self.entry().method
    }

    /// The path with `{id}` where the user ID goes.
    pub fn template(self) -> &'static str {
        self.entry().path
    }

    /// Whether the API documents `message` for this endpoint: its own answers,
    /// or one of the error replies every endpoint shares (enroll-status and
    /// pending-dialogue answer success with data, not a message).
    pub fn documents(self, message: ApiMessage) -> bool {
        self.entry().messages.contains(&message) || ApiMessage::SHARED_ERRORS.contains(&message)
    }

    /// Whether the path names a user (has `{id}`).
    pub fn per_user(self) -> bool {
        self.entry().per_user()
    }

    /// The path for `id` (a valid ID), the ID percent-encoded as one segment.
    pub fn path(self, id: &str) -> String {
        self.template().replace("{id}", &user_id::encode(id))
    }

    /// The user ID of a request path for this endpoint, percent-decoded; `None`
    /// when the path is not this endpoint's or the ID is empty or not one segment.
    pub fn user_of(self, path: &str) -> Option<String> {
        catalogue::match_path(self.template(), path).flatten()
    }

    /// Where a request with this method and path goes.
    pub fn for_request(method: &str, path: &str) -> Route {
        let mut path_known = false;
        for entry in &CATALOGUE {
            for (n, template) in entry.paths().enumerate() {
                let Some(id) = catalogue::match_path(template, path) else {
                    continue;
                };
                if entry.method.as_str() != method {
                    path_known = true;
                    continue;
                }
                // Only an entry's own path is its endpoint's; another version is not emulated.
                let endpoint = Endpoint::ALL
                    .into_iter()
                    .find(|e| n == 0 && e.entry() == entry);
                return match endpoint {
                    Some(e) => Route::Endpoint(e, id),
                    None => Route::Documented(entry, id),
                };
            }
        }
        if path_known {
            Route::WrongMethod
        } else {
            Route::Unknown
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_built_and_parsed_back() {
        let e = Endpoint::RestartState;
        assert_eq!(e.path("a/b"), "/api/1.0/users/a%2Fb/restart-state");
        assert_eq!(e.method().as_str(), "GET");
        for id in ["abc", "a/b", "ü", "%2e"] {
            assert_eq!(e.user_of(&e.path(id)).as_deref(), Some(id));
        }
        assert_eq!(e.user_of("/api/1.0/users/a/b/restart-state"), None);
        assert_eq!(e.user_of("/api/1.0/users//restart-state"), None);
        assert_eq!(e.user_of("/other"), None);
    }

    #[test]
    fn every_endpoint_has_its_own_entry() {
        for e in Endpoint::ALL {
            let others = Endpoint::ALL.iter().filter(|f| f.entry() == e.entry());
            assert_eq!(others.count(), 1, "{e:?}");
            assert!(CATALOGUE.contains(e.entry()), "{e:?}");
        }
        assert_eq!(
            Endpoint::DeleteFace.template(),
            "/api/1.0/users/{id}/face/delete"
        );
        assert_eq!(Endpoint::DeleteVoice.method(), Method::Delete);
        assert!(Endpoint::DeleteFace.documents(ApiMessage::EnrollFaceFirst));
        assert!(!Endpoint::DeleteFace.documents(ApiMessage::EnrollVoiceFirst));
        assert!(!Endpoint::RestartState.documents(ApiMessage::UserRemoved));
        assert!(Endpoint::EnrollStatus.documents(ApiMessage::ProblemOccurred));
    }

    #[test]
    fn requests_route_by_method_and_path() {
        let route = Endpoint::for_request;
        let at = |e, id: Option<&str>| Route::Endpoint(e, id.map(str::to_string));
        let find = "/api/1.0/users/find-by-address";
        assert_eq!(route("GET", find), at(Endpoint::FindUser, None));
        assert_eq!(route("DELETE", find), Route::WrongMethod);
        assert_eq!(
            route("DELETE", "/api/1.0/users/u1"),
            at(Endpoint::DeleteUser, Some("u1"))
        );
        assert_eq!(route("GET", "/api/1.0/users/u1"), Route::WrongMethod);
        assert_eq!(
            route("POST", "/api/1.0/users"),
            at(Endpoint::CreateUser, None)
        );
        assert_eq!(
            route("GET", "/api/1.1/users/u%2F1/enroll/status"),
            at(Endpoint::EnrollStatus, Some("u/1"))
        );
        assert_eq!(
            route("DELETE", "/api/1.0/users/u1/face/delete"),
            at(Endpoint::DeleteFace, Some("u1"))
        );
        assert_eq!(
            route("DELETE", "/api/1.0/users/u1/voice/delete"),
            at(Endpoint::DeleteVoice, Some("u1"))
        );
        assert_eq!(
            route("POST", "/api/1.0/users/find-by-face"),
            at(Endpoint::FindByFace, None)
        );
        assert_eq!(
            route("DELETE", "/api/1.0/users/find-by-face"),
            Route::WrongMethod
        );
        assert_eq!(route("GET", "/nope"), Route::Unknown);
        // Documented, but neither spoken nor emulated: another version, or another endpoint.
        let Route::Documented(e, id) = route("DELETE", "/api/1.1/users/u1") else {
            panic!("the 1.1 Delete User path is documented");
        };
        assert_eq!((e.name, id.as_deref()), ("Delete User", Some("u1")));
        let Route::Documented(e, None) = route("POST", "/api/1.1/document/validate") else {
            panic!("Validate Document is documented");
        };
        assert_eq!(e.name, "Validate Document");
        assert_eq!(
            route("POST", "/api/1.0/users/u1/dialogue/enroll/face"),
            Route::Documented(&CATALOGUE[2], Some("u1".into()))
        );
    }

    #[test]
    fn every_endpoint_routes_its_own_paths_back_whatever_the_id() {
        let long = "é".repeat(crate::user_id::MAX_CHARS);
        let ids = [
            "u1", "a/b", "%2F", "..x", "?q=1#f", "ü", "delete", "face", &long,
        ];
        for e in Endpoint::ALL {
            let method = e.method().as_str();
            if !e.per_user() {
                let route = Endpoint::for_request(method, e.template());
                assert_eq!(route, Route::Endpoint(e, None), "{e:?}");
                continue;
            }
            for id in ids {
                let route = Endpoint::for_request(method, &e.path(id));
                assert_eq!(
                    route,
                    Route::Endpoint(e, Some(id.to_string())),
                    "{e:?} {id}"
                );
            }
        }
        for junk in [
            "",
            "/",
            "//",
            "/api/1.0/users/",
            "/api/1.0/users//face/delete",
            "%",
        ] {
            assert!(!matches!(
                Endpoint::for_request("DELETE", junk),
                Route::Endpoint(..) | Route::Documented(..)
            ));
        }
    }
}
