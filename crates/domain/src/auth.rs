//! Who is calling: roles and the principal a verified token stands for.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A role as the Java service names it (`USER`, `ADMIN`); unknown names are kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Role {
    User,
    Admin,
    Other(String),
}

impl Role {
    /// Case-insensitive; Spring's `ROLE_` authority prefix is accepted and dropped.
    #[must_use]
    pub fn parse(raw: &str) -> Self {
        let upper = raw.trim().to_ascii_uppercase();
        let name = upper.strip_prefix("ROLE_").unwrap_or(&upper);
        match name {
            "USER" => Self::User,
            "ADMIN" => Self::Admin,
            other => Self::Other(other.to_owned()),
        }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::User => "USER",
            Self::Admin => "ADMIN",
            Self::Other(name) => name,
        }
    }
}

impl From<String> for Role {
    fn from(value: String) -> Self {
        Self::parse(&value)
    }
}

impl From<Role> for String {
    fn from(value: Role) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The set of roles a caller holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Roles(BTreeSet<Role>);

impl Roles {
    #[must_use]
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Self {
        Self(roles.into_iter().collect())
    }

    /// ADMIN may do whatever any role may; otherwise the role must be held exactly.
    #[must_use]
    pub fn allows(&self, required: &Role) -> bool {
        self.0.contains(&Role::Admin) || self.0.contains(required)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Role> {
        self.0.iter()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A bearer token kept only to forward it to the system of record; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    #[must_use]
    pub fn new(raw: impl Into<String>) -> Self {
        Self(raw.into())
    }

    /// The raw token, for an `Authorization` header and nothing else.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken([REDACTED])")
    }
}

/// An authenticated caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    /// The token's `sub` (the Java user's phone number), or `dev-user` in DEV.
    pub subject: String,
    pub username: Option<String>,
    pub roles: Roles,
    /// The caller's own token, forwarded to Java; `None` for the DEV user and system jobs
    /// that authenticate by other means.
    pub token: Option<AccessToken>,
}

impl Principal {
    /// The identity DEV mode grants to requests that carry no token.
    #[must_use]
    pub fn dev_admin() -> Self {
        Self {
            subject: "dev-user".to_owned(),
            username: Some("dev".to_owned()),
            roles: Roles::new([Role::Admin]),
            token: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_java_and_spring_role_names() {
        assert_eq!(Role::parse("admin"), Role::Admin);
        assert_eq!(Role::parse("ROLE_USER"), Role::User);
        assert_eq!(Role::parse("python_service"), Role::Other("PYTHON_SERVICE".into()));
    }

    #[test]
    fn admin_implies_every_role_but_user_does_not_imply_admin() {
        let admin = Roles::new([Role::Admin]);
        let user = Roles::new([Role::User]);
        assert!(admin.allows(&Role::User));
        assert!(user.allows(&Role::User));
        assert!(!user.allows(&Role::Admin));
        assert!(!Roles::default().allows(&Role::User));
    }

    #[test]
    fn token_never_prints() {
        let p = Principal { token: Some(AccessToken::new("secret.jwt.value")), ..Principal::dev_admin() };
        assert!(!format!("{p:?}").contains("secret"));
    }
}
