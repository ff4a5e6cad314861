//! The first run: a platform operator creates an organization and its first owner.
//! Nothing in the admin API can do this (every route needs a staff member of an
//! existing organization); the `otodoke-admin` command calls this against a
//! deployed stack's tables and user pool, and the local stack serves it at
//! `POST /platform/organizations` for its dev token.

use crate::directory::{DirectoryError, StaffDirectory};
use jiff::Timestamp;
use otodoke_core::organization::{LinkMode, Organization, Role, Staff};
use otodoke_core::ports::OrganizationStore;
use otodoke_core::{OrgId, StoreError};
use serde::{Deserialize, Serialize};

/// What the operator provides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrganization {
    pub id: String,
    pub name: String,
    pub owner_email: String,
    pub owner_name: String,
}

/// What was created: the organization and its owner's staff id (the sign-in
/// account's `sub`; in AWS, Cognito has e-mailed them a temporary password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedOrganization {
    pub organization: String,
    pub owner_staff_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BootstrapError {
    #[error("invalid {field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("an organization with this id exists")]
    Exists,
    #[error(transparent)]
    Directory(#[from] DirectoryError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates organization `new.id` and its owner (an account in `directory`, and an
/// active owner's staff record). Refuses an id that exists. The organization is
/// written last, so a failure before leaves nothing an operator must clean up but,
/// at worst, an account without an organization, which a retry reuses the id of.
pub async fn create_organization(
    orgs: &dyn OrganizationStore,
    directory: &dyn StaffDirectory,
    new: &NewOrganization,
    now: Timestamp,
) -> Result<CreatedOrganization, BootstrapError> {
    let id = OrgId::new(&new.id).map_err(|e| BootstrapError::Invalid {
        field: "id",
        message: e.to_string(),
    })?;
    for (field, value) in [("name", &new.name), ("owner_name", &new.owner_name)] {
        if value.trim().is_empty() {
            return Err(BootstrapError::Invalid {
                field,
                message: "must not be empty".into(),
            });
        }
    }
    if !new.owner_email.contains('@') {
        return Err(BootstrapError::Invalid {
            field: "owner_email",
            message: "not an e-mail address".into(),
        });
    }
    if orgs.organization(&id).await?.is_some() {
        return Err(BootstrapError::Exists);
    }
    let staff_id = directory.invite(&id, &new.owner_email).await?;
    orgs.put_staff(&Staff {
        id: staff_id.clone(),
        org_id: id.clone(),
        display_name: new.owner_name.clone(),
        role: Role::Owner,
        stores: Vec::new(),
        sender_name: None,
        sender_icon_url: None,
        assigned_only: false,
        active: true,
        email: Some(new.owner_email.clone()),
    })
    .await?;
    orgs.put_organization(&Organization {
        id: id.clone(),
        name: new.name.clone(),
        link_mode: LinkMode::SharedChannel,
        default_store: None,
        created_at: now,
        reply: Default::default(),
    })
    .await?;
    Ok(CreatedOrganization {
        organization: id.to_string(),
        owner_staff_id: staff_id.to_string(),
    })
}
