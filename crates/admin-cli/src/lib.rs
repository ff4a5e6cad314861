//! `otodoke-admin`: what a platform operator does before anyone can sign in, which
//! no admin API route can (every route needs a staff member of an organization).
//!
//! `create-organization` creates an organization and its first owner:
//! - against a deployed stack, directly in its organizations table and Cognito user
//!   pool (names from the stack's outputs; the owner gets Cognito's invitation
//!   e-mail), or, with an external OIDC issuer, for the owner's subject there;
//! - against the local stack (`--local URL --token DEV_TOKEN`), through its
//!   `POST /platform/organizations` route.
//!
//! The rule itself is `otodoke_fn_admin_api::bootstrap::create_organization`; this
//! crate only chooses where it runs.

use async_trait::async_trait;
use otodoke_aws::organizations::DynamoOrganizations;
use otodoke_core::{OrgId, StaffId};
use otodoke_fn_admin_api::bootstrap::{create_organization, CreatedOrganization, NewOrganization};
use otodoke_fn_admin_api::directory::DirectoryError;
use otodoke_fn_admin_api::{CognitoDirectory, StaffDirectory};

/// Where the organization is created.
#[derive(Debug, Clone)]
pub enum Target {
    /// A deployed stack: its organizations table, and its Cognito pool (`None` with
    /// an external issuer, where `owner_subject` names the owner's account).
    Aws {
        organizations_table: String,
        user_pool_id: Option<String>,
        owner_subject: Option<String>,
    },
    /// The local stack at `url`, with its dev token.
    Local { url: String, token: String },
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}")]
    Refused(String),
    #[error("the local stack answered {status}: {body}")]
    Local { status: u16, body: String },
    #[error("could not reach the local stack: {0}")]
    Unreachable(String),
    #[error("{0}")]
    Usage(&'static str),
}

/// An account made elsewhere (an external OIDC issuer): its subject is the id.
struct ExistingAccount(String);

#[async_trait]
impl StaffDirectory for ExistingAccount {
    async fn invite(&self, _org: &OrgId, _email: &str) -> Result<StaffId, DirectoryError> {
        StaffId::new(&self.0).map_err(|e| DirectoryError::InvalidEmail(e.to_string()))
    }
}

/// Creates `new` at `target`; `sdk` is used for AWS targets.
pub async fn create(
    target: &Target,
    new: &NewOrganization,
    sdk: Option<&aws_config::SdkConfig>,
) -> Result<CreatedOrganization, AdminError> {
    match target {
        Target::Aws {
            organizations_table,
            user_pool_id,
            owner_subject,
        } => {
            let sdk = sdk.ok_or(AdminError::Usage("AWS configuration missing"))?;
            let orgs =
                DynamoOrganizations::new(otodoke_aws::dynamodb_client(sdk), organizations_table);
            let directory: Box<dyn StaffDirectory> = match (user_pool_id, owner_subject) {
                (_, Some(subject)) => Box::new(ExistingAccount(subject.clone())),
                (Some(pool), None) => Box::new(CognitoDirectory::new(
                    aws_sdk_cognitoidentityprovider::Client::new(sdk),
                    pool,
                )),
                (None, None) => {
                    return Err(AdminError::Usage(
                        "give --user-pool-id (the stack's Cognito pool) or --owner-subject (an external issuer's sub)",
                    ))
                }
            };
            create_organization(&orgs, &*directory, new, jiff::Timestamp::now())
                .await
                .map_err(|e| AdminError::Refused(e.to_string()))
        }
        Target::Local { url, token } => {
            let response = reqwest::Client::new()
                .post(format!(
                    "{}/platform/organizations",
                    url.trim_end_matches('/')
                ))
                .bearer_auth(token)
                .json(new)
                .send()
                .await
                .map_err(|e| AdminError::Unreachable(e.to_string()))?;
            let status = response.status().as_u16();
            let body = response
                .text()
                .await
                .map_err(|e| AdminError::Unreachable(e.to_string()))?;
            if status == 201 {
                serde_json::from_str(&body).map_err(|e| AdminError::Unreachable(e.to_string()))
            } else {
                Err(AdminError::Local { status, body })
            }
        }
    }
}
