//! The API's endpoints: method, path template, and the messages documented for each.

use crate::ApiMessage;
use crate::user_id;

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

/// One endpoint of the API. The path template names the user ID `{id}`.
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
}

impl Endpoint {
    /// Fixed paths before `{id}` templates they would also match (`find-by-address`).
    pub const ALL: [Endpoint; 6] = [
        Endpoint::RestartState,
        Endpoint::EnrollStatus,
        Endpoint::PendingDialogue,
        Endpoint::FindUser,
        Endpoint::CreateUser,
        Endpoint::DeleteUser,
    ];

    pub fn method(self) -> Method {
        match self {
            Endpoint::DeleteUser => Method::Delete,
            Endpoint::CreateUser => Method::Post,
            _ => Method::Get,
        }
    }

    /// The path with `{id}` where the user ID goes.
    pub fn template(self) -> &'static str {
        match self {
            Endpoint::RestartState => "/api/1.0/users/{id}/restart-state",
            Endpoint::EnrollStatus => "/api/1.1/users/{id}/enroll/status",
            Endpoint::PendingDialogue => "/api/1.0/users/{id}/voice/is-pending",
            Endpoint::DeleteUser => "/api/1.0/users/{id}",
            Endpoint::FindUser => "/api/1.0/users/find-by-address",
            Endpoint::CreateUser => "/api/1.0/users",
        }
    }

    /// Whether the API documents `message` for this endpoint: its own answers,
    /// or one of the error replies every endpoint shares (enroll-status and
    /// pending-dialogue answer success with data, not a message).
    pub fn documents(self, message: ApiMessage) -> bool {
        use ApiMessage as M;
        let own: &[ApiMessage] = match self {
            Endpoint::RestartState => &[M::StateRestarted],
            Endpoint::EnrollStatus | Endpoint::PendingDialogue => &[],
            Endpoint::DeleteUser => &[M::UserRemoved],
            Endpoint::FindUser => &[M::UserRegisteredOnDevice, M::DeviceNotAssociated],
            Endpoint::CreateUser => &[M::NewUserCreated, M::UserAlreadyAssociated],
        };
        own.contains(&message) || ApiMessage::SHARED_ERRORS.contains(&message)
    }

    /// Whether the path names a user (has `{id}`).
    pub fn per_user(self) -> bool {
        self.template().contains("{id}")
    }

    /// The path for `id` (a valid ID), the ID percent-encoded as one segment.
    pub fn path(self, id: &str) -> String {
        self.template().replace("{id}", &user_id::encode(id))
    }

    /// The user ID of a request path for this endpoint, percent-decoded; `None`
    /// when the path is not this endpoint's or the ID is empty or not one segment.
    pub fn user_of(self, path: &str) -> Option<String> {
        let (before, after) = self.template().split_once("{id}")?;
        let id = path.strip_prefix(before)?.strip_suffix(after)?;
        if id.is_empty() || id.contains('/') {
            return None;
        }
        user_id::decode(id)
    }

    /// The endpoint and user ID of a request path (per-user endpoints only).
    pub fn route(path: &str) -> Option<(Endpoint, String)> {
        Endpoint::ALL
            .into_iter()
            .find_map(|e| e.user_of(path).map(|id| (e, id)))
    }

    /// The endpoint of a request, and its user ID when the path names one.
    /// `Err(true)`: the path is an endpoint's but the method is not (405);
    /// `Err(false)`: no such path (404).
    pub fn for_request(method: &str, path: &str) -> Result<(Endpoint, Option<String>), bool> {
        let mut path_known = false;
        for e in Endpoint::ALL {
            let id = if e.per_user() {
                match e.user_of(path) {
                    Some(id) => Some(id),
                    None => continue,
                }
            } else if path == e.template() {
                None
            } else {
                continue;
            };
            // find-by-address is a fixed path, never a user ID for DELETE.
            if id.is_none()
                || !Endpoint::ALL
                    .iter()
                    .any(|f| !f.per_user() && f.template() == path)
            {
                path_known = true;
                if e.method().as_str() == method {
                    return Ok((e, id));
                }
            }
        }
        Err(path_known)
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
        assert_eq!(
            Endpoint::route("/api/1.0/users/abc/restart-state"),
            Some((e, "abc".to_string()))
        );
    }

    #[test]
    fn requests_route_by_method_and_path() {
        let find = Endpoint::for_request("GET", "/api/1.0/users/find-by-address");
        assert_eq!(find, Ok((Endpoint::FindUser, None)));
        assert_eq!(
            Endpoint::for_request("DELETE", "/api/1.0/users/find-by-address"),
            Err(true)
        );
        assert_eq!(
            Endpoint::for_request("DELETE", "/api/1.0/users/u1"),
            Ok((Endpoint::DeleteUser, Some("u1".into())))
        );
        assert_eq!(Endpoint::for_request("GET", "/api/1.0/users/u1"), Err(true));
        assert_eq!(
            Endpoint::for_request("POST", "/api/1.0/users"),
            Ok((Endpoint::CreateUser, None))
        );
        assert_eq!(
            Endpoint::for_request("GET", "/api/1.1/users/u%2F1/enroll/status"),
            Ok((Endpoint::EnrollStatus, Some("u/1".into())))
        );
        assert_eq!(Endpoint::for_request("GET", "/nope"), Err(false));
    }
}
