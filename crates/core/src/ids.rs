//! Identifiers. Each is a newtype so that a store id can never be passed where a
//! channel id is expected; LINE's own ids are validated when parsed.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        // `try_from` makes an id read from JSON pass the same check as `new()`.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Wraps an id. Ids are opaque to the domain: any non-empty string without
            /// `#` (the key separator the storage adapters use) is accepted.
            pub fn new(value: impl Into<String>) -> Result<Self, InvalidId> {
                let value = value.into();
                // Characters, as the document's `maxLength` counts them.
                if value.is_empty() || value.contains('#') || value.chars().count() > 128 {
                    return Err(InvalidId { kind: stringify!($name), value });
                }
                Ok(Self(value))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                string_id_schema()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

/// What `new()` accepts, as a JSON schema: 1 to 128 characters without `#`.
#[cfg(feature = "openapi")]
fn string_id_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .min_length(Some(1))
        .max_length(Some(128))
        .pattern(Some("^[^#]+$"))
        .into()
}

string_id!(
    /// A company using otodoke.
    OrgId
);
string_id!(
    /// A store (shop, salon, branch) of an organization; stores form a tree.
    StoreId
);
string_id!(
    /// A LINE channel (Messaging API channel id, digits in practice).
    ChannelId
);
string_id!(
    /// A LINE provider: LINE user ids are unique per provider.
    ProviderId
);
string_id!(
    /// A staff member (an operator of the admin API).
    StaffId
);
string_id!(
    /// A broadcast or step-sequence campaign.
    CampaignId
);
string_id!(
    /// A rich menu as otodoke keeps it (not LINE's `richMenuId`, which changes
    /// each time the menu is published).
    RichMenuId
);
string_id!(
    /// An automation: a trigger and the actions it runs.
    AutomationId
);
string_id!(
    /// A tracked link of an organization (derived from its URL and source:
    /// `otodoke_core::link::link_id`).
    LinkId
);

/// A store named within its organization. Store ids are unique only inside one
/// organization (two companies may both have a `shibuya`), so everything that finds
/// data by store — indexes, caches, budgets — takes this, never a bare [`StoreId`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct StoreKey {
    pub org: OrgId,
    pub store: StoreId,
}

impl StoreKey {
    pub fn new(org: OrgId, store: StoreId) -> Self {
        Self { org, store }
    }
}

impl fmt::Display for StoreKey {
    /// `org/store`, for logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.org, self.store)
    }
}

/// An id that was empty, too long, or contained the key separator `#`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind}: {value:?}")]
pub struct InvalidId {
    pub kind: &'static str,
    pub value: String,
}

/// A LINE user id: `U` followed by 32 lower-case hex digits. Unique per provider.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LineUserId(String);

impl LineUserId {
    pub fn parse(value: impl Into<String>) -> Result<Self, InvalidId> {
        let value = value.into();
        let ok = value.len() == 33
            && value.starts_with('U')
            && value[1..]
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if ok {
            Ok(Self(value))
        } else {
            Err(InvalidId {
                kind: "LineUserId",
                value,
            })
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What `parse()` accepts, as a JSON schema.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for LineUserId {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^U[0-9a-f]{32}$"))
            .examples([serde_json::json!("U4af4980629c1f7e6a5b4c3d2e1f0a9b8")])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for LineUserId {}

impl TryFrom<String> for LineUserId {
    type Error = InvalidId;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<LineUserId> for String {
    fn from(id: LineUserId) -> String {
        id.0
    }
}

impl fmt::Display for LineUserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_user_ids_are_u_and_32_lower_hex() {
        assert!(LineUserId::parse("U8e742f61d673b39c7fff3cecb7536ef0").is_ok());
        assert!(LineUserId::parse("U8E742F61D673B39C7FFF3CECB7536EF0").is_err());
        assert!(LineUserId::parse("C8e742f61d673b39c7fff3cecb7536ef0").is_err());
        assert!(LineUserId::parse("U8e742f61").is_err());
    }

    #[test]
    fn ids_read_from_json_are_checked_as_new_checks_them() {
        assert!(serde_json::from_str::<StoreId>("\"shibuya\"").is_ok());
        assert!(serde_json::from_str::<StoreId>("\"a#b\"").is_err());
        assert!(serde_json::from_str::<OrgId>("\"\"").is_err());
    }

    #[test]
    fn ids_refuse_the_key_separator_and_emptiness() {
        assert!(StoreId::new("shibuya").is_ok());
        assert!(StoreId::new("").is_err());
        assert!(StoreId::new("a#b").is_err());
    }

    #[test]
    fn an_id_is_at_most_128_characters_as_the_document_counts_them_not_bytes() {
        assert!(
            StoreId::new("店".repeat(128)).is_ok(),
            "384 bytes, 128 characters"
        );
        assert!(StoreId::new("店".repeat(129)).is_err());
        assert!(StoreId::new("a".repeat(129)).is_err());
    }
}
