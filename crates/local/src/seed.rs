//! The demo data the local stack starts with: one organization ("カフェおとどけ"),
//! one store in Tokyo (10:00–20:00, closed on Wednesdays) with keyword rules,
//! AI-style intents, a greeting, an after-hours message and a fallback, and one
//! LINE channel on the Light plan. Written on first start only, so edits made
//! through the admin API survive a restart.

use crate::keys::LocalKeys;
use jiff::Timestamp;
use otodoke_autoreply::ReplyConfig;
use otodoke_core::organization::{
    CannedReply, Channel, InboxSettings, LinkMode, Organization, Plan, Role, SecretRef, Staff,
    Store,
};
use otodoke_core::ports::OrganizationStore;
use otodoke_core::{ChannelId, OrgId, ProviderId, StaffId, StoreError, StoreId};

/// The demo organization's id.
pub const ORG: &str = "demo";
/// The demo store's id.
pub const STORE: &str = "shibuya";
/// The demo channel's id (LINE's are 10 digits).
pub const CHANNEL: &str = "2000000001";
/// The demo provider (LINE user ids are unique per provider).
pub const PROVIDER: &str = "demo-provider";
/// The staff member the dev token stands for.
pub const DEV_STAFF: &str = "dev";
/// The bot's display name in the simulator and in the sandbox's `GET /v2/bot/info`.
pub const BOT_NAME: &str = "カフェおとどけ";

/// Where the channel secret and access token live in the local secret source.
pub const SECRET_REF: &str = "local/demo/channel-secret";
/// See [`SECRET_REF`].
pub const TOKEN_REF: &str = "local/demo/access-token";

/// The demo store's auto-reply configuration (`demo/reply-config.json`).
///
/// Panics only if the embedded document is broken, which a unit test rules out.
pub fn reply_config() -> ReplyConfig {
    serde_json::from_str(include_str!("../demo/reply-config.json"))
        .expect("demo/reply-config.json is a ReplyConfig")
}

/// Writes the demo organization, store, staff member and channel unless the
/// organization exists already. Returns whether anything was written.
///
/// Fails only when the store does (never for the embedded adapters in practice).
pub async fn seed_if_empty(
    orgs: &dyn OrganizationStore,
    keys: &LocalKeys,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let org_id = id(OrgId::new(ORG));
    if orgs.organization(&org_id).await?.is_some() {
        return Ok(false);
    }
    let store_id = id(StoreId::new(STORE));
    let reply = reply_config();
    orgs.put_organization(&Organization {
        id: org_id.clone(),
        name: "カフェおとどけ".into(),
        link_mode: LinkMode::SharedChannel,
        default_store: Some(store_id.clone()),
        created_at: now,
        reply: Default::default(),
    })
    .await?;
    orgs.save_store(&Store {
        id: store_id.clone(),
        org_id: org_id.clone(),
        parent: None,
        name: reply.store_name.clone(),
        time_zone: reply.time_zone.clone(),
        retention_days: None,
        staff_notify_url: None,
        monthly_budget: None,
        reply,
        version: 0,
        inherits: Default::default(),
        inbox: demo_inbox(),
    })
    .await?;
    orgs.put_staff(&Staff {
        id: id(StaffId::new(DEV_STAFF)),
        org_id: org_id.clone(),
        display_name: "開発者".into(),
        role: Role::Owner,
        stores: Vec::new(),
        sender_name: Some("店長 さくら".into()),
        sender_icon_url: None,
        assigned_only: false,
        active: true,
        email: None,
    })
    .await?;
    orgs.connect_channel(&Channel {
        id: id(ChannelId::new(CHANNEL)),
        org_id,
        provider: id(ProviderId::new(PROVIDER)),
        bot_user_id: keys.bot_user_id.clone(),
        store_id: None,
        default_store: Some(store_id),
        secret_ref: SecretRef(SECRET_REF.into()),
        access_token_ref: SecretRef(TOKEN_REF.into()),
        plan: Plan::Light,
    })
    .await?;
    Ok(true)
}

/// The demo store's staff chat: the customer sees 既読 when staff open the chat (so
/// the simulator shows it), and two canned replies to pick from.
fn demo_inbox() -> InboxSettings {
    let canned = |id: &str, title: &str, text: &str| CannedReply {
        id: id.into(),
        title: title.into(),
        text: text.into(),
    };
    InboxSettings {
        mark_read_on_line: true,
        canned_replies: vec![
            canned(
                "thanks",
                "お礼",
                "{name}さま、ご連絡ありがとうございます。{store}です。",
            ),
            canned("wait", "確認します", "確認しますので、少々お待ちください。"),
        ],
        ..InboxSettings::default()
    }
}

/// The constants above are valid ids; a failure here is a typo in this file.
fn id<T>(parsed: Result<T, otodoke_core::InvalidId>) -> T {
    parsed.expect("the demo ids are valid")
}

/// The staff member the dev token stands for in `role`: the seeded owner `dev`, or
/// for another role (`--dev-role`) a member `dev-<role>` of every store, written
/// (again) now, since the staff record, not the token, says what a caller may do.
pub async fn dev_staff(orgs: &dyn OrganizationStore, role: Role) -> Result<StaffId, StoreError> {
    if role == Role::Owner {
        return Ok(id(StaffId::new(DEV_STAFF)));
    }
    let name = serde_json::to_value(role)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let staff = id(StaffId::new(format!("{DEV_STAFF}-{name}")));
    orgs.put_staff(&Staff {
        id: staff.clone(),
        org_id: id(OrgId::new(ORG)),
        display_name: format!("開発者 ({name})"),
        role,
        stores: Vec::new(),
        sender_name: None,
        sender_icon_url: None,
        assigned_only: false,
        active: true,
        email: None,
    })
    .await?;
    Ok(staff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_autoreply::{decide, Chat, Content, FriendState, Incoming, Mode, Source};

    fn answer_to(text: &str) -> Option<Source> {
        let responder = reply_config().compile().expect("the demo config compiles");
        let incoming = Incoming {
            // A Friday, 12:00 in Tokyo: open.
            at: "2026-11-20T03:00:00Z".parse().unwrap(),
            mode: Mode::Active,
            chat: Chat::User,
            content: Content::Text(text),
        };
        decide(&responder, &incoming, &FriendState::default())
            .source()
            .cloned()
    }

    #[test]
    fn the_demo_config_answers_keywords_with_rules_and_questions_with_intents() {
        assert_eq!(
            answer_to("営業時間"),
            Some(Source::Rule { id: "hours".into() })
        );
        assert_eq!(
            answer_to("メニュー"),
            Some(Source::Rule { id: "menu".into() })
        );
        assert!(matches!(
            answer_to("駐車場はありますか"),
            Some(Source::Intent { name, .. }) if name == "parking"
        ));
        assert_eq!(answer_to("ほげほげぴよぴよ"), Some(Source::Fallback));
    }

    #[test]
    fn the_demo_config_has_about_eight_intents_and_a_named_greeting() {
        let config = reply_config();
        assert!(config.intents.intents.len() >= 8);
        let greeting = serde_json::to_string(&config.greeting).unwrap();
        assert!(greeting.contains("{name}"));
        assert!(config.after_hours.answer.is_some() && config.fallback.is_some());
    }
}
