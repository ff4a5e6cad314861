//! Test data builders: valid domain values with predictable ids, so that cases read
//! as "friend 7 of acme follows channel 1" rather than as struct literals.

use jiff::{SignedDuration, Timestamp};
use otodoke_autoreply::ReplyConfig;
use otodoke_core::campaign::{Audience, Campaign, CampaignStatus, Progress, Schedule};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::{ChannelLink, FollowState, Friend, FriendKey};
use otodoke_core::organization::{
    Channel, LinkMode, Organization, Plan, Role, SecretRef, Staff, Store,
};
use otodoke_core::quota::{QuotaKey, QuotaMonth};
use otodoke_core::sequence::{Enrolment, EnrolmentStatus};
use otodoke_core::{
    CampaignId, ChannelId, LineUserId, OrgId, ProviderId, StaffId, StoreId, StoreKey,
};

/// The instant every case counts from: 2026-11-01T00:00:00Z.
pub fn t0() -> Timestamp {
    "2026-11-01T00:00:00Z".parse().expect("a valid timestamp")
}

/// `t0()` plus `secs` seconds.
pub fn at(secs: i64) -> Timestamp {
    t0() + SignedDuration::from_secs(secs)
}

pub fn org_id(id: &str) -> OrgId {
    OrgId::new(id).expect("a valid org id")
}
pub fn store_id(id: &str) -> StoreId {
    StoreId::new(id).expect("a valid store id")
}
pub fn channel_id(id: &str) -> ChannelId {
    ChannelId::new(id).expect("a valid channel id")
}
pub fn staff_id(id: &str) -> StaffId {
    StaffId::new(id).expect("a valid staff id")
}
pub fn campaign_id(id: &str) -> CampaignId {
    CampaignId::new(id).expect("a valid campaign id")
}
/// The provider all sample friends belong to.
pub fn provider() -> ProviderId {
    ProviderId::new("provider-1").expect("a valid provider id")
}

/// The LINE user id number `n`: `U` and `n` as 32 hex digits.
pub fn user_id(n: u32) -> LineUserId {
    LineUserId::parse(format!("U{n:032x}")).expect("a valid LINE user id")
}

/// A bot user id (a webhook's `destination`) numbered `n`.
pub fn bot_user_id(n: u32) -> String {
    format!("U{:032x}", 0xb07_0000_0000_u64 + u64::from(n))
}

/// The key of friend number `n` of `acme` under [`provider`].
pub fn friend_key(n: u32) -> FriendKey {
    friend_key_in("acme", n)
}

/// The key of friend number `n` of `org` under [`provider`]: the same `n` in two
/// organizations is the same LINE user, and two different friends.
pub fn friend_key_in(org: &str, n: u32) -> FriendKey {
    FriendKey {
        org: org_id(org),
        provider: provider(),
        user_id: user_id(n),
    }
}

/// Store `store` of `org`, as indexes and budgets name it.
pub fn store_key(org: &str, store: &str) -> StoreKey {
    StoreKey::new(org_id(org), store_id(store))
}

pub fn sample_org(id: &str) -> Organization {
    Organization {
        id: org_id(id),
        name: format!("{id} Inc."),
        link_mode: LinkMode::SharedChannel,
        default_store: None,
        created_at: t0(),
        reply: Default::default(),
    }
}

pub fn sample_store(org: &str, id: &str) -> Store {
    Store {
        id: store_id(id),
        org_id: org_id(org),
        parent: None,
        name: format!("{id} store"),
        time_zone: "Asia/Tokyo".into(),
        retention_days: Some(365),
        staff_notify_url: None,
        monthly_budget: None,
        reply: ReplyConfig::default(),
        version: 0,
        inherits: Default::default(),
        inbox: Default::default(),
    }
}

/// Channel `id` of `org`, whose bot is [`bot_user_id`]`(bot)`.
pub fn sample_channel(org: &str, id: &str, bot: u32) -> Channel {
    Channel {
        id: channel_id(id),
        org_id: org_id(org),
        provider: provider(),
        bot_user_id: bot_user_id(bot),
        store_id: None,
        default_store: None,
        secret_ref: SecretRef(format!("{id}/secret")),
        access_token_ref: SecretRef(format!("{id}/token")),
        plan: Plan::Light,
    }
}

pub fn sample_staff(org: &str, id: &str) -> Staff {
    Staff {
        id: staff_id(id),
        org_id: org_id(org),
        display_name: format!("{id} san"),
        role: Role::Operator,
        stores: Vec::new(),
        sender_name: Some(id.chars().take(20).collect()),
        sender_icon_url: None,
        assigned_only: false,
        active: true,
        email: None,
    }
}

/// Friend number `n` of `org`: never saved (version 0), no store, no channel, no tag.
pub fn sample_friend(n: u32, org: &str) -> Friend {
    let mut friend = Friend::new(friend_key_in(org, n), t0());
    friend.display_name = Some(format!("friend {n}"));
    friend
}

/// `friend`, assigned to `store`.
pub fn in_store(mut friend: Friend, store: &str) -> Friend {
    friend.store_id = Some(store_id(store));
    friend
}

/// `friend`, following `channel` since `t0()`.
pub fn following(mut friend: Friend, channel: &str) -> Friend {
    friend.channels.insert(
        channel_id(channel),
        ChannelLink {
            state: FollowState::Following,
            followed_at: Some(t0()),
            blocked_at: None,
        },
    );
    friend
}

/// `friend`, having blocked `channel`.
pub fn blocking(mut friend: Friend, channel: &str) -> Friend {
    friend.channels.insert(
        channel_id(channel),
        ChannelLink {
            state: FollowState::Blocked,
            followed_at: Some(t0()),
            blocked_at: Some(at(60)),
        },
    );
    friend
}

/// `friend`, with `tag`.
pub fn tagged(mut friend: Friend, tag: &str) -> Friend {
    friend.tags.insert(tag.to_owned());
    friend
}

/// A draft campaign of `org` on `channel`, sent now, to everyone.
pub fn sample_campaign(org: &str, id: &str, channel: &str) -> Campaign {
    Campaign {
        id: campaign_id(id),
        org_id: org_id(org),
        channel_id: channel_id(channel),
        name: format!("campaign {id}"),
        messages: vec![serde_json::json!({"type": "text", "text": "Autumn sale!"})],
        sender: None,
        audience: Audience::default(),
        schedule: Schedule::Now,
        status: CampaignStatus::Draft,
        progress: Progress::default(),
        created_by: staff_id("staff-1"),
        created_at: t0(),
        updated_at: t0(),
        version: 0,
    }
}

/// A ULID-shaped entry id that sorts with `at` (ids of entries at the same
/// millisecond sort by `n`).
pub fn entry_id(at: Timestamp, n: u32) -> String {
    let ms = u64::try_from(at.as_millisecond()).expect("a timestamp after 1970");
    ulid::Ulid::from_parts(ms, u128::from(n)).to_string()
}

/// An inbound text entry `n` of friend `friend` (in `store`, on channel `ch-1`) at `at`,
/// whose LINE message id is `m<n>`.
pub fn sample_entry(friend: u32, store: &str, at: Timestamp, n: u32) -> ConversationEntry {
    ConversationEntry {
        id: entry_id(at, n),
        friend: friend_key(friend),
        channel: channel_id("ch-1"),
        store_id: Some(store_id(store)),
        at,
        direction: Direction::Inbound,
        line_message_id: Some(format!("m{n}")),
        text: format!("message {n}"),
        payload: serde_json::json!({"type": "text", "id": format!("m{n}"), "text": format!("message {n}")}),
        sender: Sender::Customer,
        hidden: false,
        expires_at: None,
        delivery: None,
        declined_intent: false,
        media: None,
    }
}

/// An active enrolment of friend `friend` in `campaign` on `channel`, at step 0, due `due`.
pub fn sample_enrolment(campaign: &str, friend: u32, channel: &str, due: Timestamp) -> Enrolment {
    Enrolment {
        campaign_id: campaign_id(campaign),
        friend: friend_key(friend),
        channel: channel_id(channel),
        next_step: 0,
        due_at: due,
        status: EnrolmentStatus::Active,
    }
}

/// The quota counter of `channel` for November 2026 (the month of `t0()`).
pub fn quota_key(channel: &str) -> QuotaKey {
    QuotaKey {
        channel: channel_id(channel),
        month: QuotaMonth::containing(t0()),
    }
}
