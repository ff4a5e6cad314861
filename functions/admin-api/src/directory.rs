//! Sign-in accounts for staff: inviting someone creates their account in the
//! identity provider, which then identifies them (the token's `sub`) and nothing
//! more. The account carries only the organization id; role, stores and everything
//! else live in otodoke's staff record.

use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::types::{AttributeType, DeliveryMediumType};
use aws_sdk_cognitoidentityprovider::Client;
use otodoke_core::{OrgId, StaffId};
use std::fmt;

/// Why an invitation failed.
#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// An account with this e-mail address exists already (409).
    #[error("an account with this e-mail address exists")]
    AlreadyExists,
    /// The identity provider refused the address (422).
    #[error("the e-mail address was refused: {0}")]
    InvalidEmail(String),
    /// The identity provider could not be reached or failed (500, logged).
    #[error("identity provider unavailable: {0}")]
    Unavailable(String),
}

/// Creates sign-in accounts for new staff members.
#[async_trait]
pub trait StaffDirectory: Send + Sync {
    /// Creates the account of `email` in `org` and sends the invitation; answers the
    /// id the account's tokens will carry as `sub` (the staff record's id).
    async fn invite(&self, org: &OrgId, email: &str) -> Result<StaffId, DirectoryError>;
}

/// No identity provider of otodoke's own (the local stack, or an external OIDC
/// issuer whose accounts are made elsewhere): a new, unique staff id, no e-mail.
/// With an external issuer, staff records are created with `PUT /admin/staff/{sub}`.
#[derive(Debug, Default)]
pub struct NoDirectory;

#[async_trait]
impl StaffDirectory for NoDirectory {
    async fn invite(&self, _org: &OrgId, _email: &str) -> Result<StaffId, DirectoryError> {
        StaffId::new(format!(
            "staff-{}",
            ulid::Ulid::new().to_string().to_lowercase()
        ))
        .map_err(|e| DirectoryError::Unavailable(e.to_string()))
    }
}

/// The stack's Cognito user pool: `AdminCreateUser` with the e-mail address (verified
/// by the invitation) and `custom:org`; Cognito e-mails a temporary password.
pub struct CognitoDirectory {
    client: Client,
    user_pool_id: String,
}

impl CognitoDirectory {
    pub fn new(client: Client, user_pool_id: impl Into<String>) -> Self {
        Self {
            client,
            user_pool_id: user_pool_id.into(),
        }
    }
}

impl fmt::Debug for CognitoDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CognitoDirectory")
            .field("user_pool_id", &self.user_pool_id)
            .finish_non_exhaustive()
    }
}

fn attribute(name: &str, value: &str) -> Result<AttributeType, DirectoryError> {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .map_err(|e| DirectoryError::Unavailable(e.to_string()))
}

#[async_trait]
impl StaffDirectory for CognitoDirectory {
    async fn invite(&self, org: &OrgId, email: &str) -> Result<StaffId, DirectoryError> {
        let result = self
            .client
            .admin_create_user()
            .user_pool_id(&self.user_pool_id)
            .username(email)
            .user_attributes(attribute("email", email)?)
            .user_attributes(attribute("email_verified", "true")?)
            .user_attributes(attribute("custom:org", org.as_str())?)
            .desired_delivery_mediums(DeliveryMediumType::Email)
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                return Err(match e.as_service_error() {
                    Some(s) if s.is_username_exists_exception() => DirectoryError::AlreadyExists,
                    Some(s) if s.is_invalid_parameter_exception() => {
                        DirectoryError::InvalidEmail(s.to_string())
                    }
                    _ => DirectoryError::Unavailable(
                        aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(&e).to_string(),
                    ),
                })
            }
        };
        let sub = out
            .user()
            .and_then(|u| u.attributes().iter().find(|a| a.name() == "sub"))
            .and_then(|a| a.value())
            .ok_or_else(|| DirectoryError::Unavailable("AdminCreateUser returned no sub".into()))?;
        StaffId::new(sub).map_err(|e| DirectoryError::Unavailable(e.to_string()))
    }
}
