//! The LINE calls that menus need, behind a port: the automator and the relink job
//! are tested against the LINE sandbox through the same adapter production uses.

use async_trait::async_trait;
use otodoke_core::organization::Channel;
use otodoke_core::richmenu::{alias_id, MenuAction, MenuPostback, RichMenu};
pub use otodoke_inbox::LineFailure as MenuFailure;
use serde_json::{json, Value};

/// Rich menu calls as a channel. Menu ids here are LINE's (`richMenuId`).
#[async_trait]
pub trait MenuLine: Send + Sync {
    /// Creates the menu on LINE, uploads its image and points its alias at it;
    /// returns LINE's new `richMenuId`.
    async fn publish(
        &self,
        channel: &Channel,
        menu: &RichMenu,
        image: &[u8],
        content_type: &str,
    ) -> Result<String, MenuFailure>;
    /// Deletes a publication (a 404 is success: it is gone).
    async fn delete(&self, channel: &Channel, line_menu: &str) -> Result<(), MenuFailure>;
    /// Makes `line_menu` the channel's default (`None`: no default).
    async fn set_default(
        &self,
        channel: &Channel,
        line_menu: Option<&str>,
    ) -> Result<(), MenuFailure>;
    async fn link(&self, channel: &Channel, user: &str, line_menu: &str)
        -> Result<(), MenuFailure>;
    /// Removes the user's own menu (a 404, no menu linked, is success).
    async fn unlink(&self, channel: &Channel, user: &str) -> Result<(), MenuFailure>;
    /// Links one menu to up to 500 users in one call.
    async fn bulk_link(
        &self,
        channel: &Channel,
        line_menu: &str,
        users: &[String],
    ) -> Result<(), MenuFailure>;
    /// Unlinks up to 500 users in one call.
    async fn bulk_unlink(&self, channel: &Channel, users: &[String]) -> Result<(), MenuFailure>;
}

/// LINE's rich menu object for `menu`: tabs become `richmenuswitch` actions to the
/// target's alias, automations postbacks with otodoke's namespaced data.
pub fn line_rich_menu(menu: &RichMenu) -> Value {
    let areas: Vec<Value> = menu
        .areas
        .iter()
        .map(|area| {
            let b = area.bounds;
            let mut action = match &area.action {
                MenuAction::Message { text } => json!({"type": "message", "text": text}),
                MenuAction::Uri { uri } => json!({"type": "uri", "uri": uri}),
                MenuAction::Postback { data, display_text } => {
                    postback(data.clone(), display_text.as_deref())
                }
                MenuAction::Automation {
                    automation,
                    display_text,
                } => postback(
                    MenuPostback::Automation(automation.clone()).encode(),
                    display_text.as_deref(),
                ),
                MenuAction::Tab { menu: target } => json!({
                    "type": "richmenuswitch",
                    "richMenuAliasId": alias_id(target),
                    "data": MenuPostback::Tab(target.clone()).encode(),
                }),
            };
            if let Some(label) = &area.label {
                action["label"] = json!(label);
            }
            json!({
                "bounds": {"x": b.x, "y": b.y, "width": b.width, "height": b.height},
                "action": action,
            })
        })
        .collect();
    json!({
        "size": {"width": menu.size.width, "height": menu.size.height},
        "selected": menu.selected,
        "name": menu.name,
        "chatBarText": menu.chat_bar_text,
        "areas": areas,
    })
}

fn postback(data: String, display_text: Option<&str>) -> Value {
    let mut action = json!({"type": "postback", "data": data});
    if let Some(text) = display_text {
        action["displayText"] = json!(text);
    }
    action
}

/// A 404 from LINE: the thing is already gone (or, for unlink, there was no menu).
fn gone(error: &otodoke_line::LineError) -> bool {
    matches!(error, otodoke_line::LineError::NotFound { .. })
}

#[async_trait]
impl MenuLine for otodoke_inbox::LineChat {
    async fn publish(
        &self,
        channel: &Channel,
        menu: &RichMenu,
        image: &[u8],
        content_type: &str,
    ) -> Result<String, MenuFailure> {
        let client = self.client(channel).await?;
        let wire: otodoke_line::RichMenu = serde_json::from_value(line_rich_menu(menu))
            .map_err(|e| MenuFailure::Setup(format!("the menu does not convert: {e}")))?;
        let id = client.create_rich_menu(&wire).await?.value.rich_menu_id;
        tracing::debug!(content_type, "uploading the rich menu image");
        client
            .upload_rich_menu_image(&id, image.to_vec(), Some(wire.size))
            .await?;
        let alias = menu.alias_id();
        match client.update_rich_menu_alias(&alias, &id).await {
            Ok(_) => {}
            Err(e) if gone(&e) => {
                client.create_rich_menu_alias(&alias, &id).await?;
            }
            Err(e) => return Err(e.into()),
        }
        Ok(id)
    }

    async fn delete(&self, channel: &Channel, line_menu: &str) -> Result<(), MenuFailure> {
        match self
            .client(channel)
            .await?
            .delete_rich_menu(line_menu)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if gone(&e) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    async fn set_default(
        &self,
        channel: &Channel,
        line_menu: Option<&str>,
    ) -> Result<(), MenuFailure> {
        let client = self.client(channel).await?;
        match line_menu {
            Some(id) => client.set_default_rich_menu(id).await.map(drop)?,
            None => match client.cancel_default_rich_menu().await {
                Ok(_) => {}
                Err(e) if gone(&e) => {}
                Err(e) => return Err(e.into()),
            },
        }
        Ok(())
    }

    async fn link(
        &self,
        channel: &Channel,
        user: &str,
        line_menu: &str,
    ) -> Result<(), MenuFailure> {
        let client = self.client(channel).await?;
        client.link_rich_menu(user, line_menu).await?;
        Ok(())
    }

    async fn unlink(&self, channel: &Channel, user: &str) -> Result<(), MenuFailure> {
        match self.client(channel).await?.unlink_rich_menu(user).await {
            Ok(_) => Ok(()),
            Err(e) if gone(&e) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    async fn bulk_link(
        &self,
        channel: &Channel,
        line_menu: &str,
        users: &[String],
    ) -> Result<(), MenuFailure> {
        let client = self.client(channel).await?;
        client.bulk_link_rich_menu(line_menu, users).await?;
        Ok(())
    }

    async fn bulk_unlink(&self, channel: &Channel, users: &[String]) -> Result<(), MenuFailure> {
        let client = self.client(channel).await?;
        client.bulk_unlink_rich_menus(users).await?;
        Ok(())
    }
}
