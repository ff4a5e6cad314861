//! A small world of two organizations over the embedded adapters, and helpers to
//! call the router as a given caller.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use jiff::Timestamp;
use otodoke_autoreply::intents::Intent;
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::campaign::{Audience, Campaign, CampaignStatus, Progress, Schedule};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::{ChannelLink, FollowState, Friend, FriendKey};
use otodoke_core::organization::{
    Channel, LinkMode, Organization, Plan, Role, SecretRef, Staff, Store,
};
use otodoke_core::*;
use otodoke_embedded::{Embedded, EmbeddedQueue, QueueConfig};
use otodoke_fn_admin_api::{router, AppState, AuthMode, Caller, Identity, MemorySecrets, Ports};
use otodoke_line_sandbox::{ChannelConfig, Sandbox, SandboxHandle};
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

pub const TOKEN: &str = "dev-token-for-tests";
pub const PROVIDER: &str = "prov-acme";
pub const U_SHIBUYA: &str = "U0000000000000000000000000000000a";
pub const U_OSAKA: &str = "U0000000000000000000000000000000b";
pub const U_GLOBEX: &str = "U0000000000000000000000000000000c";
pub const C_SHIBUYA: &str = "01CAMPAIGNSHIBUYA";
pub const C_OSAKA: &str = "01CAMPAIGNOSAKA";
pub const C_GLOBEX: &str = "01CAMPAIGNGLOBEX";

/// The fixed "now" of every test: 2026-11-22 20:00 JST.
pub fn now() -> Timestamp {
    "2026-11-22T11:00:00Z".parse().unwrap()
}

/// A LINE channel the sandbox plays, not yet connected to otodoke: id, bot user id,
/// secret and the access token that proves it.
pub fn line_channel(id: &str, bot: &str, secret: &str, token: &str) -> ChannelConfig {
    let mut config = ChannelConfig::new(id);
    config.bot_user_id = bot.into();
    config.channel_secret = secret.into();
    config.access_tokens = vec![token.into()];
    config
}

/// The channels the world's LINE sandbox knows besides the connected ones.
pub fn unconnected_channels() -> Vec<ChannelConfig> {
    vec![
        line_channel(
            "2000000001",
            "U2000000000000000000000000000000f",
            "very-secret-value",
            "very-secret-token",
        ),
        line_channel(
            "2000000002",
            "U2000000000000000000000000000000e",
            "other-secret",
            "other-token",
        ),
    ]
}

/// The adapters, shared by every caller's router.
pub struct World {
    /// The LINE platform that answers bot-info calls when channels are connected.
    pub line: SandboxHandle,
    pub embedded: Embedded,
    pub secrets: Arc<MemorySecrets>,
    /// The broadcast planner's queue.
    pub planning: Arc<EmbeddedQueue>,
}

/// A staff member of `org` with `role` over `stores` (empty: all). [`World::app`]
/// writes their staff record, which is what authorizes them.
pub fn caller(org: &str, role: Role, stores: &[&str]) -> Caller {
    let stores: Vec<StoreId> = stores.iter().map(|s| StoreId::new(*s).unwrap()).collect();
    let scope = stores
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("-");
    Caller {
        staff: StaffId::new(format!("staff-{org}-{role:?}-{scope}")).unwrap(),
        org: OrgId::new(org).unwrap(),
        role,
        stores,
        assigned_only: false,
    }
}

/// The staff record that makes `caller` who they are.
pub fn staff_record(caller: &Caller) -> Staff {
    Staff {
        id: caller.staff.clone(),
        org_id: caller.org.clone(),
        display_name: format!("{} san", caller.staff),
        role: caller.role,
        stores: caller.stores.clone(),
        sender_name: None,
        sender_icon_url: None,
        assigned_only: caller.assigned_only,
        active: true,
        email: None,
    }
}

/// Dev-token authentication standing for `caller`'s identity.
pub fn dev_auth(caller: &Caller) -> AuthMode {
    AuthMode::DevToken {
        token: TOKEN.into(),
        identity: Identity {
            org: caller.org.clone(),
            staff: caller.staff.clone(),
        },
    }
}

fn sid(s: &str) -> StoreId {
    StoreId::new(s).unwrap()
}

fn store(org: &str, id: &str, parent: Option<&str>, reply: ReplyConfig) -> Store {
    Store {
        id: sid(id),
        org_id: OrgId::new(org).unwrap(),
        parent: parent.map(sid),
        name: id.into(),
        time_zone: "Asia/Tokyo".into(),
        retention_days: None,
        staff_notify_url: None,
        monthly_budget: None,
        reply,
        version: 0,
        inherits: Default::default(),
        inbox: Default::default(),
    }
}

fn reply_config() -> ReplyConfig {
    let mut c = ReplyConfig::default();
    c.rules.push(Rule {
        id: "hours".into(),
        kind: MatchKind::Partial,
        keywords: vec!["営業時間".into()],
        answer: Answer::text("10時から20時までです"),
        ..Rule::default()
    });
    c.intents.intents.push(Intent {
        name: "parking".into(),
        examples: vec!["駐車場はありますか".into()],
        answer: Answer::text("提携駐車場があります"),
    });
    c
}

fn channel(org: &str, id: &str, bot: &str, store: Option<&str>) -> Channel {
    Channel {
        id: ChannelId::new(id).unwrap(),
        org_id: OrgId::new(org).unwrap(),
        provider: ProviderId::new(PROVIDER).unwrap(),
        bot_user_id: bot.into(),
        store_id: store.map(sid),
        default_store: None,
        secret_ref: SecretRef(format!("ref/{id}/secret")),
        access_token_ref: SecretRef(format!("ref/{id}/token")),
        plan: Plan::Light,
    }
}

/// The key of `user` as a friend of `acme`.
pub fn key(user: &str) -> FriendKey {
    key_in("acme", user)
}

/// The key of `user` as a friend of `org`.
pub fn key_in(org: &str, user: &str) -> FriendKey {
    FriendKey {
        org: OrgId::new(org).unwrap(),
        provider: ProviderId::new(PROVIDER).unwrap(),
        user_id: LineUserId::parse(user).unwrap(),
    }
}

fn friend(org: &str, user: &str, store: &str, name: &str, ch: &str) -> Friend {
    let mut f = Friend::new(key_in(org, user), now());
    f.display_name = Some(name.into());
    f.store_id = Some(sid(store));
    f.tags.insert("vip".into());
    f.channels.insert(
        ChannelId::new(ch).unwrap(),
        ChannelLink {
            state: FollowState::Following,
            followed_at: Some(now()),
            blocked_at: None,
        },
    );
    f
}

fn campaign(org: &str, id: &str, ch: &str, stores: &[&str]) -> Campaign {
    Campaign {
        id: CampaignId::new(id).unwrap(),
        org_id: OrgId::new(org).unwrap(),
        channel_id: ChannelId::new(ch).unwrap(),
        name: id.into(),
        messages: vec![serde_json::json!({"type": "text", "text": "セール開催中"})],
        sender: None,
        track_links: false,
        audience: Audience {
            stores: stores.iter().map(|s| sid(s)).collect(),
            ..Audience::default()
        },
        schedule: Schedule::Now,
        status: CampaignStatus::Draft,
        progress: Progress::default(),
        created_by: StaffId::new("s").unwrap(),
        created_at: now(),
        updated_at: now(),
        version: 0,
    }
}

pub fn entry(
    id: &str,
    user: &str,
    store: &str,
    at: &str,
    dir: Direction,
    text: &str,
) -> ConversationEntry {
    ConversationEntry {
        id: id.into(),
        friend: key(user),
        channel: ChannelId::new("ch-acme").unwrap(),
        store_id: Some(sid(store)),
        at: at.parse().unwrap(),
        direction: dir,
        line_message_id: None,
        text: text.into(),
        payload: serde_json::json!({"type": "text", "text": text}),
        sender: match dir {
            Direction::Inbound => Sender::Customer,
            Direction::Outbound => Sender::Rule("hours".into()),
        },
        hidden: false,
        expires_at: None,
        delivery: None,
        declined_intent: false,
        media: None,
    }
}

impl World {
    /// Organization `acme` (stores kanto > shibuya, and osaka; a shared channel and
    /// osaka's own) and organization `globex` (one store, one channel), with a
    /// friend and a draft campaign per store, and a conversation in shibuya.
    pub async fn new() -> Self {
        let embedded = Embedded::new();
        let orgs = &embedded.orgs;
        use otodoke_core::ports::*;
        for (id, name) in [("acme", "Acme 株式会社"), ("globex", "Globex")] {
            orgs.put_organization(&Organization {
                id: OrgId::new(id).unwrap(),
                name: name.into(),
                link_mode: LinkMode::SharedChannel,
                default_store: None,
                created_at: now(),
                reply: Default::default(),
            })
            .await
            .unwrap();
        }
        for s in [
            store("acme", "kanto", None, ReplyConfig::default()),
            store("acme", "shibuya", Some("kanto"), reply_config()),
            store("acme", "osaka", None, reply_config()),
            store("globex", "g-main", None, reply_config()),
        ] {
            orgs.save_store(&s).await.unwrap();
        }
        for c in [
            channel("acme", "ch-acme", "U1000000000000000000000000000000a", None),
            channel(
                "acme",
                "ch-osaka",
                "U1000000000000000000000000000000b",
                Some("osaka"),
            ),
            channel(
                "globex",
                "ch-globex",
                "U1000000000000000000000000000000c",
                Some("g-main"),
            ),
        ] {
            orgs.put_channel(&c).await.unwrap();
        }
        for f in [
            friend("acme", U_SHIBUYA, "shibuya", "山田花子", "ch-acme"),
            friend("acme", U_OSAKA, "osaka", "大阪太郎", "ch-osaka"),
            friend("globex", U_GLOBEX, "g-main", "Globex Guy", "ch-globex"),
        ] {
            embedded.friends.save(&f).await.unwrap();
        }
        for c in [
            campaign("acme", C_SHIBUYA, "ch-acme", &["shibuya"]),
            campaign("acme", C_OSAKA, "ch-osaka", &["osaka"]),
            campaign("globex", C_GLOBEX, "ch-globex", &["g-main"]),
        ] {
            embedded.campaigns.create(&c).await.unwrap();
        }
        for e in [
            entry(
                "01A",
                U_SHIBUYA,
                "shibuya",
                "2026-11-20T01:00:00Z",
                Direction::Inbound,
                "営業時間は?",
            ),
            entry(
                "01B",
                U_SHIBUYA,
                "shibuya",
                "2026-11-20T01:00:01Z",
                Direction::Outbound,
                "10時から20時までです",
            ),
            entry(
                "01C",
                U_OSAKA,
                "osaka",
                "2026-11-20T02:00:00Z",
                Direction::Inbound,
                "こんにちは",
            ),
        ] {
            embedded.conversations.append(&e).await.unwrap();
        }
        let mut line = Sandbox::builder();
        for channel in unconnected_channels() {
            line = line.channel(channel);
        }
        let line = line.start().await.unwrap();
        Self {
            line,
            embedded,
            secrets: Arc::new(MemorySecrets::default()),
            planning: Arc::new(EmbeddedQueue::new(QueueConfig::standard())),
        }
    }

    pub fn ports(&self) -> Ports {
        Ports::embedded(
            &self.embedded,
            self.secrets.clone(),
            self.planning.clone(),
            &self.line.base_url(),
        )
    }

    /// The router as `caller` (dev-token mode), whose staff record is written first.
    pub fn app(&self, caller: Caller) -> Router {
        router(self.state(caller))
    }

    /// The router's state as `caller`, whose staff record is written first.
    pub fn state(&self, caller: Caller) -> AppState {
        use otodoke_core::ports::OrganizationStore;
        // The embedded adapter never waits, so this cannot block a runtime thread.
        futures::executor::block_on(self.embedded.orgs.put_staff(&staff_record(&caller))).unwrap();
        AppState::new(self.ports(), dev_auth(&caller)).with_clock(now)
    }
}

/// A response: status, headers, raw body, and the body as JSON when it is JSON.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

pub async fn call(app: &Router, method: &str, path: &str, body: Option<Value>) -> Reply {
    let body = body.map(|b| b.to_string());
    call_raw(app, method, path, body.as_deref()).await
}

pub async fn call_raw(app: &Router, method: &str, path: &str, body: Option<&str>) -> Reply {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {TOKEN}"));
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    let req = req
        .body(Body::from(body.unwrap_or_default().to_owned()))
        .unwrap();
    into_reply(app.clone().oneshot(req).await.unwrap()).await
}

pub async fn into_reply(res: axum::response::Response) -> Reply {
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        bytes,
        json,
    }
}

/// The campaign ids of the planning requests waiting in `world`'s planning queue.
pub async fn planning_requests(world: &World) -> Vec<String> {
    use otodoke_core::ports::QueueReceiver;
    let got = world
        .planning
        .receive(10, std::time::Duration::ZERO)
        .await
        .unwrap();
    got.iter()
        .map(|m| {
            let r: otodoke_broadcast::PlanningRequest = serde_json::from_str(&m.body).unwrap();
            r.campaign_id.to_string()
        })
        .collect()
}
