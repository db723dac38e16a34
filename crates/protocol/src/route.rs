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
}

impl Endpoint {
    pub const ALL: [Endpoint; 1] = [Endpoint::RestartState];

    pub fn method(self) -> Method {
        match self {
            Endpoint::RestartState => Method::Get,
        }
    }

    /// The path with `{id}` where the user ID goes.
    pub fn template(self) -> &'static str {
        match self {
            Endpoint::RestartState => "/api/1.0/users/{id}/restart-state",
        }
    }

    /// The messages the API documents for this endpoint.
    pub fn messages(self) -> &'static [ApiMessage] {
        match self {
            Endpoint::RestartState => &ApiMessage::ALL,
        }
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

    /// The endpoint and user ID of a request path.
    pub fn route(path: &str) -> Option<(Endpoint, String)> {
        Endpoint::ALL
            .into_iter()
            .find_map(|e| e.user_of(path).map(|id| (e, id)))
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
}
