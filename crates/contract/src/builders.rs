//! Test data builders: valid domain values with predictable ids, so that cases read
//! as "friend 7 of acme follows channel 1" rather than as struct literals.

use jiff::{SignedDuration, Timestamp};
use otodoke_autoreply::ReplyConfig;
use otodoke_core::automation::{
    AutoAction, Automation, AutomationRun, Fired, RunPlan as AutoPlan, RunStep, Trigger,
};
use otodoke_core::campaign::{Audience, Campaign, CampaignStatus, Progress, Schedule};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::{ChannelLink, FollowState, Friend, FriendKey};
use otodoke_core::organization::{
    Channel, LinkMode, Organization, Plan, Role, SecretRef, Staff, Store,
};
use otodoke_core::quota::{QuotaKey, QuotaMonth};
use otodoke_core::richmenu::{Bounds, MenuAction, MenuArea, MenuSize, RelinkJob, RichMenu};
use otodoke_core::sequence::{Enrolment, EnrolmentStatus};
use otodoke_core::{
    AutomationId, CampaignId, ChannelId, LineUserId, OrgId, ProviderId, RichMenuId, StaffId,
    StoreId, StoreKey,
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
        track_links: false,
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

pub fn menu_id(id: &str) -> RichMenuId {
    RichMenuId::new(id).expect("a valid rich menu id")
}

pub fn automation_id(id: &str) -> AutomationId {
    AutomationId::new(id).expect("a valid automation id")
}

/// Menu `id` of `org` on `channel`, never saved, last edited at `at(secs)`.
pub fn sample_menu(org: &str, channel: &str, id: &str, secs: i64) -> RichMenu {
    RichMenu {
        org: org_id(org),
        channel: channel_id(channel),
        id: menu_id(id),
        name: format!("menu {id}"),
        chat_bar_text: "メニュー".into(),
        size: MenuSize {
            width: 2500,
            height: 843,
        },
        selected: false,
        areas: vec![MenuArea {
            bounds: Bounds {
                x: 0,
                y: 0,
                width: 1250,
                height: 843,
            },
            action: MenuAction::Message {
                text: "予約".into(),
            },
            label: None,
        }],
        image: None,
        published: None,
        updated_at: at(secs),
        version: 0,
    }
}

/// A running relink job of `org`'s `channel`, created at `at(secs)`, its id the
/// ULID of that time (so ids sort as the jobs were created).
pub fn sample_relink_job(org: &str, channel: &str, secs: i64) -> RelinkJob {
    let ms = u64::try_from(at(secs).as_millisecond()).expect("after 1970");
    RelinkJob {
        id: ulid::Ulid::from_parts(ms, 7).to_string(),
        rules_version: 1,
        ..RelinkJob::new(org_id(org), channel_id(channel), 1, at(secs))
    }
}

/// Automation `id` of `org`: on follow, tag `welcomed`. Never saved, last edited
/// at `at(secs)`.
pub fn sample_automation(org: &str, id: &str, secs: i64) -> Automation {
    Automation {
        org: org_id(org),
        id: automation_id(id),
        name: format!("automation {id}"),
        enabled: true,
        channel: None,
        trigger: Trigger::Follow,
        actions: vec![AutoAction::AddTags {
            tags: vec!["welcomed".into()],
        }],
        updated_at: at(secs),
        version: 0,
    }
}

/// Run `id` for friend `n` of `org` at `at(secs)`, in which `automations` ran (in
/// that order; one may appear twice, as a loop would show it).
pub fn sample_run(org: &str, n: u32, id: &str, secs: i64, automations: &[&str]) -> AutomationRun {
    let steps = automations
        .iter()
        .enumerate()
        .map(|(i, a)| RunStep {
            automation: automation_id(a),
            name: format!("automation {a}"),
            depth: u8::try_from(i + 1).unwrap_or(u8::MAX),
            fired_by: Fired::Follow,
            actions: vec![],
        })
        .collect();
    AutomationRun {
        org: org_id(org),
        id: id.into(),
        friend: friend_key_in(org, n),
        channel: channel_id("ch-1"),
        at: at(secs),
        fired: Fired::Follow,
        plan: AutoPlan {
            steps,
            ..AutoPlan::default()
        },
        outcome: None,
    }
}
