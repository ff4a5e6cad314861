//! Media otodoke keeps: the content of customers' image, video, audio and file
//! messages (LINE deletes its copy after a week or two) and the images staff upload
//! to send. Stored by a [`MediaStore`](crate::ports::MediaStore) (a folder locally,
//! S3 in AWS) under a [`MediaKey`].
//!
//! Keys are built here only, and every key starts with its organization, so a
//! tenant's media is one prefix. Kept customer content is also qualified by the
//! friend (`<org>/in/<provider>/<user>/<message id>`), so that erasing a customer
//! deletes one prefix; staff uploads are `<org>/out/<store>/<ulid>`, rich menu images
//! `<org>/menu/<channel>/<menu>`. Every part is
//! percent-encoded to `[A-Za-z0-9_-]` and `%XX`, so an id holding `/` or `..` can
//! never reach another tenant's prefix, on S3 or on a file system.

use crate::friend::FriendKey;
use crate::ids::{ChannelId, OrgId, RichMenuId, StoreKey};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What LINE accepts as an image message's original (`originalContentUrl`): JPEG or
/// PNG, at most 10 MB.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;
/// What LINE accepts as an image message's preview (`previewImageUrl`): at most 1 MB.
pub const MAX_PREVIEW_BYTES: usize = 1024 * 1024;
/// The largest customer content the keeper holds in memory and keeps. LINE lets
/// users send files up to 200 MB (videos less); the keeper's Lambda has 1 GB, so
/// anything bigger is recorded as too large rather than crashing the function.
pub const MAX_KEPT_BYTES: usize = 200 * 1024 * 1024;
/// The suffix of a preview's key. `.` is always percent-encoded inside a part, so no
/// original's key ends with it.
const PREVIEW_SUFFIX: &str = ".preview";

/// Where one piece of media is kept. Build with [`MediaKey::inbound`] or
/// [`MediaKey::upload`]; [`MediaKey::parse`] reads back a key from a URL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MediaKey(String);

/// A key prefix: everything of one organization, or of one friend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaPrefix(String);

impl MediaKey {
    /// The kept copy of a customer's message content.
    pub fn inbound(friend: &FriendKey, line_message_id: &str) -> Self {
        Self(format!(
            "{}{}",
            MediaPrefix::friend(friend).0,
            part(line_message_id)
        ))
    }

    /// An image a staff member of `store` uploaded to send, named `id` (a ULID).
    pub fn upload(store: &StoreKey, id: ulid::Ulid) -> Self {
        Self(format!(
            "{}/out/{}/{}",
            part(store.org.as_str()),
            part(store.store.as_str()),
            id
        ))
    }

    /// A rich menu's image (`<org>/menu/<channel>/<menu>`): one per menu, replaced
    /// when staff upload another.
    pub fn rich_menu(org: &OrgId, channel: &ChannelId, menu: &RichMenuId) -> Self {
        Self(format!(
            "{}/menu/{}/{}",
            part(org.as_str()),
            part(channel.as_str()),
            part(menu.as_str())
        ))
    }

    /// The key of this media's preview image.
    pub fn preview(&self) -> Self {
        Self(format!("{}{PREVIEW_SUFFIX}", self.0))
    }

    /// A key as [`MediaKey::as_str`] wrote it: `<org>/in|out/...`, each part
    /// non-empty and of `[A-Za-z0-9_-%.]`, no part `.` or `..`.
    pub fn parse(s: &str) -> Result<Self, InvalidMediaKey> {
        let invalid = || InvalidMediaKey(s.to_owned());
        let parts: Vec<&str> = s.split('/').collect();
        let shape_ok = match parts.get(1) {
            Some(&"in") => parts.len() == 5,
            Some(&"out") | Some(&"menu") => parts.len() == 4,
            _ => false,
        };
        let parts_ok = parts.iter().all(|p| {
            !p.is_empty()
                && *p != "."
                && *p != ".."
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'%' | b'.'))
        });
        if shape_ok && parts_ok && s.len() <= 1024 {
            Ok(Self(s.to_owned()))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this key lies under `prefix`.
    pub fn is_under(&self, prefix: &MediaPrefix) -> bool {
        self.0.starts_with(&prefix.0)
    }
}

impl MediaPrefix {
    /// Everything of one organization.
    pub fn organization(org: &OrgId) -> Self {
        Self(format!("{}/", part(org.as_str())))
    }

    /// A customer's kept content (what erasing them deletes).
    pub fn friend(friend: &FriendKey) -> Self {
        Self(format!(
            "{}/in/{}/{}/",
            part(friend.org.as_str()),
            part(friend.provider.as_str()),
            part(friend.user_id.as_str())
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Percent-encodes everything but `[A-Za-z0-9_-]`.
fn part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl fmt::Display for MediaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for MediaKey {
    type Error = InvalidMediaKey;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<MediaKey> for String {
    fn from(key: MediaKey) -> String {
        key.0
    }
}

/// A string that is not a media key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid media key: {0:?}")]
pub struct InvalidMediaKey(pub String);

/// Media otodoke keeps, as a conversation entry or an upload refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MediaRef {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub key: MediaKey,
    pub content_type: String,
    pub bytes: u64,
    /// A smaller JPEG for lists and LINE's `previewImageUrl` (images only).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub preview_key: Option<MediaKey>,
}

/// Media read back from a [`MediaStore`](crate::ports::MediaStore).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMedia {
    pub content_type: String,
    pub body: Vec<u8>,
}

/// The image formats LINE accepts in an image message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    Jpeg,
    Png,
}

impl ImageType {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageType::Jpeg => "image/jpeg",
            ImageType::Png => "image/png",
        }
    }

    fn from_content_type(declared: &str) -> Option<Self> {
        // `image/jpeg; charset=...` is still JPEG; parameters do not matter here.
        let essence = declared.split(';').next().unwrap_or("").trim();
        match essence.to_ascii_lowercase().as_str() {
            "image/jpeg" | "image/jpg" => Some(ImageType::Jpeg),
            "image/png" => Some(ImageType::Png),
            _ => None,
        }
    }

    /// The type the bytes are, by their magic number (the declared type may lie).
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageType::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageType::Png)
        } else {
            None
        }
    }
}

/// Why an image cannot be sent to LINE.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageRefusal {
    #[error("the image is {bytes} bytes, over LINE's {limit}-byte limit")]
    TooLarge { bytes: usize, limit: usize },
    #[error("{declared:?} is not an image type LINE accepts (JPEG or PNG)")]
    UnsupportedType { declared: String },
    #[error("the bytes are not a {declared} image")]
    NotThatType { declared: &'static str },
    #[error("the image is empty")]
    Empty,
}

/// LINE's rule for an image message's original, checked before anything is stored:
/// JPEG or PNG by declared type **and** by magic bytes, at most [`MAX_IMAGE_BYTES`].
pub fn check_image(declared: &str, bytes: &[u8]) -> Result<ImageType, ImageRefusal> {
    check(declared, bytes, MAX_IMAGE_BYTES)
}

/// The same rule for a preview image: at most [`MAX_PREVIEW_BYTES`].
pub fn check_preview(declared: &str, bytes: &[u8]) -> Result<ImageType, ImageRefusal> {
    check(declared, bytes, MAX_PREVIEW_BYTES)
}

fn check(declared: &str, bytes: &[u8], limit: usize) -> Result<ImageType, ImageRefusal> {
    let kind =
        ImageType::from_content_type(declared).ok_or_else(|| ImageRefusal::UnsupportedType {
            declared: declared.to_owned(),
        })?;
    if bytes.is_empty() {
        return Err(ImageRefusal::Empty);
    }
    if bytes.len() > limit {
        return Err(ImageRefusal::TooLarge {
            bytes: bytes.len(),
            limit,
        });
    }
    if ImageType::sniff(bytes) != Some(kind) {
        return Err(ImageRefusal::NotThatType {
            declared: kind.content_type(),
        });
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{LineUserId, ProviderId, StoreId};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n rest";
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 1, 2];

    fn friend(org: &str) -> FriendKey {
        FriendKey {
            org: OrgId::new(org).unwrap(),
            provider: ProviderId::new("p1").unwrap(),
            user_id: LineUserId::parse(format!("U{:032x}", 7)).unwrap(),
        }
    }

    #[test]
    fn an_inbound_key_lies_under_its_friend_and_organization_prefixes() {
        let key = MediaKey::inbound(&friend("acme"), "5551");
        assert_eq!(
            key.as_str(),
            format!("acme/in/p1/U{:032x}/5551", 7).as_str()
        );
        assert!(key.is_under(&MediaPrefix::friend(&friend("acme"))));
        assert!(key.is_under(&MediaPrefix::organization(&OrgId::new("acme").unwrap())));
        assert!(!key.is_under(&MediaPrefix::organization(&OrgId::new("ac").unwrap())));
        assert_eq!(MediaKey::parse(key.as_str()), Ok(key));
    }

    #[test]
    fn ids_with_slashes_or_dots_cannot_escape_their_organization() {
        let store = StoreKey::new(
            OrgId::new("../other").unwrap(),
            StoreId::new("a/b").unwrap(),
        );
        let key = MediaKey::upload(&store, ulid::Ulid::nil());
        assert!(key.as_str().starts_with("%2E%2E%2Fother/out/a%2Fb/"));
        assert!(!key.is_under(&MediaPrefix::organization(&OrgId::new("other").unwrap())));
        assert!(MediaKey::parse(key.as_str()).is_ok());
        assert!(MediaKey::parse(key.preview().as_str()).is_ok());
    }

    #[test]
    fn parse_refuses_traversal_and_foreign_shapes() {
        for bad in [
            "",
            "acme",
            "acme/x/y/z",
            "acme/out/../x",
            "acme/out/s/a b",
            "acme/in/p/u",
            "/acme/out/s/x",
            "acme/out/s/x/",
        ] {
            assert!(MediaKey::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn images_are_checked_by_declared_type_magic_bytes_and_size() {
        assert_eq!(check_image("image/png", PNG), Ok(ImageType::Png));
        assert_eq!(check_image("image/jpeg", JPEG), Ok(ImageType::Jpeg));
        assert_eq!(
            check_image("image/jpeg", PNG),
            Err(ImageRefusal::NotThatType {
                declared: "image/jpeg"
            })
        );
        assert!(matches!(
            check_image("image/gif", b"GIF89a"),
            Err(ImageRefusal::UnsupportedType { .. })
        ));
        assert_eq!(check_image("image/png", b""), Err(ImageRefusal::Empty));
        let mut big = PNG.to_vec();
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert!(matches!(
            check_image("image/png", &big),
            Err(ImageRefusal::TooLarge { .. })
        ));
        big.truncate(MAX_IMAGE_BYTES);
        assert!(check_image("image/png", &big).is_ok());
        assert!(matches!(
            check_preview("image/png", &big),
            Err(ImageRefusal::TooLarge { limit, .. }) if limit == MAX_PREVIEW_BYTES
        ));
    }
}
