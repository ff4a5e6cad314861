//! Rich menus: the menu under the chat that a friend taps. Shapes and paths from
//! line/line-openapi `messaging-api.yml` (`RichMenuRequest`, `RichMenuResponse`,
//! `RichMenuBatchRequest`, ...), limits in [`rules`].
//!
//! How a menu reaches a friend, as LINE decides it: a menu linked to the user
//! ([`LineClient::link_rich_menu`], bulk, batch) wins over the default
//! ([`LineClient::set_default_rich_menu`]), which wins over the default set in the
//! LINE Official Account Manager. A menu needs its image before it can be the
//! default or linked (LINE answers 400), and an image can be uploaded once only: to
//! change a picture, create a new menu.
//!
//! Retries: reads and the idempotent writes (validate, set or cancel the default,
//! link, unlink, bulk link and unlink, update and delete) are retried like any read.
//! Creating a menu or an alias, uploading an image and starting a batch are not: a
//! repeat after a lost answer would make a second menu, answer 400 "already
//! uploaded" or "alias exists", or spend one of the batch endpoint's 3 calls an
//! hour. A batch carries `resumeRequestKey` for a safe retry by the caller.
//!
//! Rate limits LINE applies per channel (Messaging API reference, "Rate limits"):
//! create and delete a menu, and delete an alias, 100 requests an hour each; the
//! batch endpoint 3 an hour; everything else here, bulk link and unlink included,
//! falls under "other endpoints", 2,000 a second.

pub mod rules;

use bytes::Bytes;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{decoded, json, Call, LineClient, Retry, JSON};
use crate::client::{LineError, LineResponse};
use crate::messages::{Action, ValidationError};
pub use rules::{RichMenuImageType, RichMenuRule};

/// A rich menu as created: its size, the bar text, and its tappable areas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RichMenu {
    /// The image's size in pixels; the uploaded image must match it.
    pub size: RichMenuSize,
    /// Whether the menu opens by itself when the chat is opened.
    pub selected: bool,
    /// For staff only (at most 300 characters); never shown to friends.
    pub name: String,
    /// The label of the bar that opens and closes the menu (at most 14 characters).
    pub chat_bar_text: String,
    /// At most 20 tappable areas, each within the menu.
    pub areas: Vec<RichMenuArea>,
}

/// A menu's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RichMenuSize {
    pub width: u32,
    pub height: u32,
}

/// One tappable area and what a tap does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RichMenuArea {
    pub bounds: RichMenuBounds,
    pub action: Action,
}

/// An area's rectangle, from the menu's top-left corner, in the image's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RichMenuBounds {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// A menu as LINE returns it: the menu and its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RichMenuResponse {
    pub rich_menu_id: String,
    #[serde(flatten)]
    pub menu: RichMenu,
}

/// `{"richMenuId"}`: a created menu, the default menu, or a user's menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RichMenuId {
    pub rich_menu_id: String,
}

/// An alias: a name for a menu that a `richmenuswitch` action can point at, and
/// that can be moved to another menu without touching the actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RichMenuAlias {
    pub rich_menu_alias_id: String,
    pub rich_menu_id: String,
}

/// One operation of [`LineClient::rich_menu_batch`] on the users linked per user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum RichMenuBatchOperation {
    /// Every user linked to `from` is linked to `to` instead.
    Link { from: String, to: String },
    /// Every user linked to `from` is unlinked.
    Unlink { from: String },
    /// Every user linked to any menu is unlinked.
    UnlinkAll,
}

/// Where a batch started with [`LineClient::rich_menu_batch`] stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RichMenuBatchProgress {
    pub phase: RichMenuBatchPhase,
    /// ISO 8601, UTC, milliseconds (`2023-06-08T10:15:30.121Z`).
    pub accepted_time: String,
    /// Present once the phase is `succeeded` or `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_time: Option<String>,
}

/// A batch's phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RichMenuBatchPhase {
    Ongoing,
    Succeeded,
    /// Some users' menus could not be changed (others may have been).
    Failed,
}

/// A menu's image as the data host returned it.
#[derive(Debug, Clone, PartialEq)]
pub struct RichMenuImage {
    pub content_type: String,
    pub body: Bytes,
}

#[derive(Deserialize)]
struct RichMenuList {
    richmenus: Vec<RichMenuResponse>,
}

#[derive(Deserialize)]
struct AliasList {
    aliases: Vec<RichMenuAlias>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BatchBody<'a> {
    operations: &'a [RichMenuBatchOperation],
    #[serde(skip_serializing_if = "Option::is_none")]
    resume_request_key: Option<&'a str>,
}

/// Checks `menu` against every rule in [`rules`] LINE applies to a menu object.
pub fn check_rich_menu(menu: &RichMenu) -> Result<(), RichMenuRule> {
    let (width, height) = (u64::from(menu.size.width), u64::from(menu.size.height));
    rules::check_size(width, height)?;
    rules::check_name(&menu.name)?;
    rules::check_chat_bar_text(&menu.chat_bar_text)?;
    rules::check_area_count(menu.areas.len())?;
    for (index, area) in menu.areas.iter().enumerate() {
        let b = area.bounds;
        let bounds = [b.x, b.y, b.width, b.height].map(u64::from);
        let bounds = (bounds[0], bounds[1], bounds[2], bounds[3]);
        rules::check_area_bounds(index, bounds, (width, height))?;
        if let Action::RichMenuSwitch {
            rich_menu_alias_id, ..
        } = &area.action
        {
            rules::check_alias_id(rich_menu_alias_id)?;
        }
    }
    Ok(())
}

fn rule(rule: RichMenuRule) -> LineError {
    LineError::Validation(ValidationError::RichMenu(rule))
}

impl LineClient {
    /// A call answered with an empty (or ignored) body.
    async fn call_unit(
        &self,
        method: Method,
        url: reqwest::Url,
        body: Option<Bytes>,
        retry: Retry,
    ) -> Result<LineResponse<()>, LineError> {
        let call = Call {
            method,
            url,
            body,
            retry_key: None,
            retry,
            content_type: JSON,
        };
        let answer = self.execute(&call).await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: (),
        })
    }

    /// Creates a menu (checked against [`rules`] first) and returns its id. It has no
    /// image yet: upload one before making it the default or linking it. Not
    /// retried (a repeat would make a second menu); LINE allows 100 an hour and
    /// 1,000 menus per channel.
    pub async fn create_rich_menu(
        &self,
        menu: &RichMenu,
    ) -> Result<LineResponse<RichMenuId>, LineError> {
        check_rich_menu(menu).map_err(rule)?;
        let call = Call {
            method: Method::POST,
            url: self.url(&["v2", "bot", "richmenu"]),
            body: Some(json(menu)),
            retry_key: None,
            retry: Retry::Never,
            content_type: JSON,
        };
        decoded(self.execute(&call).await?)
    }

    /// Asks LINE whether `menu` is valid without creating it (not rate-limited like
    /// creation). A refusal is [`LineError::BadRequest`] with LINE's `details`.
    pub async fn validate_rich_menu(&self, menu: &RichMenu) -> Result<LineResponse<()>, LineError> {
        check_rich_menu(menu).map_err(rule)?;
        let url = self.url(&["v2", "bot", "richmenu", "validate"]);
        self.call_unit(Method::POST, url, Some(json(menu)), Retry::WhenRetryable)
            .await
    }

    /// Uploads the menu's image to the data host: a JPEG or PNG (told by its magic
    /// bytes) of at most 1 MB whose size is the menu's (pass `size` to have that
    /// checked here from the image's header). Once only per menu: LINE answers 400
    /// to a second upload, so this is never retried.
    pub async fn upload_rich_menu_image(
        &self,
        rich_menu_id: &str,
        image: impl Into<Bytes>,
        size: Option<RichMenuSize>,
    ) -> Result<LineResponse<()>, LineError> {
        let image = image.into();
        let size = size.map(|s| (u64::from(s.width), u64::from(s.height)));
        let kind = rules::check_image(&image, size).map_err(rule)?;
        let call = Call {
            method: Method::POST,
            url: self.data_url(&["v2", "bot", "richmenu", rich_menu_id, "content"]),
            body: Some(image),
            retry_key: None,
            retry: Retry::Never,
            content_type: kind.content_type(),
        };
        let answer = self
            .execute_with(&call, Some(super::CONTENT_TIMEOUT))
            .await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: (),
        })
    }

    /// The menu's image from the data host. [`LineError::NotFound`] for an unknown
    /// menu or one without an image.
    pub async fn download_rich_menu_image(
        &self,
        rich_menu_id: &str,
    ) -> Result<LineResponse<RichMenuImage>, LineError> {
        let call = Call {
            method: Method::GET,
            url: self.data_url(&["v2", "bot", "richmenu", rich_menu_id, "content"]),
            body: None,
            retry_key: None,
            retry: Retry::WhenRetryable,
            content_type: JSON,
        };
        let answer = self
            .execute_with(&call, Some(super::CONTENT_TIMEOUT))
            .await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: RichMenuImage {
                content_type: answer
                    .content_type
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
                body: answer.body,
            },
        })
    }

    /// One menu. [`LineError::NotFound`] for an unknown id.
    pub async fn rich_menu(
        &self,
        rich_menu_id: &str,
    ) -> Result<LineResponse<RichMenuResponse>, LineError> {
        self.get(self.url(&["v2", "bot", "richmenu", rich_menu_id]))
            .await
    }

    /// Every menu of the channel created through the Messaging API.
    pub async fn rich_menus(&self) -> Result<LineResponse<Vec<RichMenuResponse>>, LineError> {
        let answer: LineResponse<RichMenuList> = self
            .get(self.url(&["v2", "bot", "richmenu", "list"]))
            .await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: answer.value.richmenus,
        })
    }

    /// Deletes a menu (100 an hour). Friends it was linked to no longer see it, and
    /// it stops being the default if it was. A retry after a lost answer may see
    /// [`LineError::NotFound`]: the menu is gone either way.
    pub async fn delete_rich_menu(
        &self,
        rich_menu_id: &str,
    ) -> Result<LineResponse<()>, LineError> {
        let url = self.url(&["v2", "bot", "richmenu", rich_menu_id]);
        self.call_unit(Method::DELETE, url, None, Retry::WhenRetryable)
            .await
    }

    /// Makes a menu (with its image) the default for every friend without a linked
    /// menu.
    pub async fn set_default_rich_menu(
        &self,
        rich_menu_id: &str,
    ) -> Result<LineResponse<()>, LineError> {
        let url = self.url(&["v2", "bot", "user", "all", "richmenu", rich_menu_id]);
        self.call_unit(Method::POST, url, None, Retry::WhenRetryable)
            .await
    }

    /// The default menu set through the Messaging API. [`LineError::NotFound`] when
    /// there is none.
    pub async fn default_rich_menu(&self) -> Result<LineResponse<RichMenuId>, LineError> {
        self.get(self.url(&["v2", "bot", "user", "all", "richmenu"]))
            .await
    }

    /// Clears the default menu set through the Messaging API.
    pub async fn cancel_default_rich_menu(&self) -> Result<LineResponse<()>, LineError> {
        let url = self.url(&["v2", "bot", "user", "all", "richmenu"]);
        self.call_unit(Method::DELETE, url, None, Retry::WhenRetryable)
            .await
    }

    /// Links a menu (with its image) to one user, over the default.
    pub async fn link_rich_menu(
        &self,
        user_id: &str,
        rich_menu_id: &str,
    ) -> Result<LineResponse<()>, LineError> {
        let url = self.url(&["v2", "bot", "user", user_id, "richmenu", rich_menu_id]);
        self.call_unit(Method::POST, url, None, Retry::WhenRetryable)
            .await
    }

    /// Unlinks the user's own menu; the default shows again.
    pub async fn unlink_rich_menu(&self, user_id: &str) -> Result<LineResponse<()>, LineError> {
        let url = self.url(&["v2", "bot", "user", user_id, "richmenu"]);
        self.call_unit(Method::DELETE, url, None, Retry::WhenRetryable)
            .await
    }

    /// The menu linked to the user (not the default). [`LineError::NotFound`] when
    /// none is linked.
    pub async fn user_rich_menu(
        &self,
        user_id: &str,
    ) -> Result<LineResponse<RichMenuId>, LineError> {
        self.get(self.url(&["v2", "bot", "user", user_id, "richmenu"]))
            .await
    }

    /// Links a menu to 1 to 500 users at once (checked here). LINE answers 202 and
    /// applies it shortly after.
    pub async fn bulk_link_rich_menu<S: AsRef<str>>(
        &self,
        rich_menu_id: &str,
        user_ids: &[S],
    ) -> Result<LineResponse<()>, LineError> {
        rules::check_bulk_user_count(user_ids.len()).map_err(rule)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            rich_menu_id: &'a str,
            user_ids: Vec<&'a str>,
        }
        let body = json(&Body {
            rich_menu_id,
            user_ids: user_ids.iter().map(AsRef::as_ref).collect(),
        });
        let url = self.url(&["v2", "bot", "richmenu", "bulk", "link"]);
        self.call_unit(Method::POST, url, Some(body), Retry::WhenRetryable)
            .await
    }

    /// Unlinks the menus of 1 to 500 users at once (checked here); 202.
    pub async fn bulk_unlink_rich_menus<S: AsRef<str>>(
        &self,
        user_ids: &[S],
    ) -> Result<LineResponse<()>, LineError> {
        rules::check_bulk_user_count(user_ids.len()).map_err(rule)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            user_ids: Vec<&'a str>,
        }
        let body = json(&Body {
            user_ids: user_ids.iter().map(AsRef::as_ref).collect(),
        });
        let url = self.url(&["v2", "bot", "richmenu", "bulk", "unlink"]);
        self.call_unit(Method::POST, url, Some(body), Retry::WhenRetryable)
            .await
    }

    /// Replaces or unlinks per-user menus for every user they are linked to (202,
    /// applied asynchronously). The answer's `request_id` is what
    /// [`Self::rich_menu_batch_progress`] takes. Not retried: LINE allows 3 an hour;
    /// to retry safely, send the same `resume_request_key` again.
    pub async fn rich_menu_batch(
        &self,
        operations: &[RichMenuBatchOperation],
        resume_request_key: Option<&str>,
    ) -> Result<LineResponse<()>, LineError> {
        rules::check_batch(operations.len(), resume_request_key).map_err(rule)?;
        let body = json(&BatchBody {
            operations,
            resume_request_key,
        });
        let url = self.url(&["v2", "bot", "richmenu", "batch"]);
        self.call_unit(Method::POST, url, Some(body), Retry::Never)
            .await
    }

    /// Where the batch started by request `request_id` stands.
    pub async fn rich_menu_batch_progress(
        &self,
        request_id: &str,
    ) -> Result<LineResponse<RichMenuBatchProgress>, LineError> {
        let mut url = self.url(&["v2", "bot", "richmenu", "progress", "batch"]);
        url.query_pairs_mut().append_pair("requestId", request_id);
        self.get(url).await
    }

    /// Asks LINE whether a batch request is valid without running it.
    pub async fn validate_rich_menu_batch(
        &self,
        operations: &[RichMenuBatchOperation],
        resume_request_key: Option<&str>,
    ) -> Result<LineResponse<()>, LineError> {
        rules::check_batch(operations.len(), resume_request_key).map_err(rule)?;
        let body = json(&BatchBody {
            operations,
            resume_request_key,
        });
        let url = self.url(&["v2", "bot", "richmenu", "validate", "batch"]);
        self.call_unit(Method::POST, url, Some(body), Retry::WhenRetryable)
            .await
    }

    /// Names a menu (with its image) `alias_id` (checked here: 1 to 32 of
    /// `a-z A-Z 0-9 _ -`), unique per channel. Not retried: a repeat answers 400.
    pub async fn create_rich_menu_alias(
        &self,
        alias_id: &str,
        rich_menu_id: &str,
    ) -> Result<LineResponse<()>, LineError> {
        rules::check_alias_id(alias_id).map_err(rule)?;
        let body = json(&RichMenuAlias {
            rich_menu_alias_id: alias_id.to_owned(),
            rich_menu_id: rich_menu_id.to_owned(),
        });
        let url = self.url(&["v2", "bot", "richmenu", "alias"]);
        self.call_unit(Method::POST, url, Some(body), Retry::Never)
            .await
    }

    /// Points an existing alias at another menu: every `richmenuswitch` naming it now
    /// opens that menu.
    pub async fn update_rich_menu_alias(
        &self,
        alias_id: &str,
        rich_menu_id: &str,
    ) -> Result<LineResponse<()>, LineError> {
        rules::check_alias_id(alias_id).map_err(rule)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            rich_menu_id: &'a str,
        }
        let body = json(&Body { rich_menu_id });
        let url = self.url(&["v2", "bot", "richmenu", "alias", alias_id]);
        self.call_unit(Method::POST, url, Some(body), Retry::WhenRetryable)
            .await
    }

    /// Deletes an alias (100 an hour); the menu stays.
    pub async fn delete_rich_menu_alias(
        &self,
        alias_id: &str,
    ) -> Result<LineResponse<()>, LineError> {
        let url = self.url(&["v2", "bot", "richmenu", "alias", alias_id]);
        self.call_unit(Method::DELETE, url, None, Retry::WhenRetryable)
            .await
    }

    /// One alias. [`LineError::NotFound`] for an unknown one.
    pub async fn rich_menu_alias(
        &self,
        alias_id: &str,
    ) -> Result<LineResponse<RichMenuAlias>, LineError> {
        self.get(self.url(&["v2", "bot", "richmenu", "alias", alias_id]))
            .await
    }

    /// Every alias of the channel.
    pub async fn rich_menu_aliases(&self) -> Result<LineResponse<Vec<RichMenuAlias>>, LineError> {
        let answer: LineResponse<AliasList> = self
            .get(self.url(&["v2", "bot", "richmenu", "alias", "list"]))
            .await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: answer.value.aliases,
        })
    }
}

#[cfg(test)]
mod tests;
