//! The cross-tenant matrix, generated from the API's own route list.
//!
//! Two organizations, `alpha` and `beta`, are twins: the same store ids, the same
//! LINE provider, the same LINE users, the same staff id, the same intent names.
//! Every route of the OpenAPI document (which `the_document_lists_exactly_the_routed_
//! paths_and_methods` ties to the router) is called by every role of `beta`,
//! unrestricted and restricted to a store, with `alpha`'s ids in its path and body.
//! Then:
//! - a route naming one of `alpha`'s globally unique resources (its organization, a
//!   channel, a campaign) answers 404, exactly as if it did not exist;
//! - no answer holds anything of `alpha`'s (all of whose texts carry `ALPHA`);
//! - `alpha`'s data is byte for byte what it was;
//! - and `alpha`'s own owner, making the same request, is *not* told 404, so the
//!   requests do name real resources.
//!
//! A route added later is in the matrix without anyone remembering to add it; if it
//! takes a body, the matrix fails until `body_for` has one.

use super::support::*;
use otodoke_autoreply::intents::Intent;
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::campaign::{Audience, Campaign, CampaignStatus, Progress, Schedule};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::{ChannelLink, FollowState, Friend, FriendKey};
use otodoke_core::organization::{
    Channel, LinkMode, Organization, Plan, Role, SecretRef, Staff, Store,
};
use otodoke_core::ports::*;
use otodoke_core::*;
use otodoke_embedded::{Embedded, EmbeddedQueue, QueueConfig};
use otodoke_fn_admin_api::{router, AppState, Caller, MemorySecrets, Ports};
use otodoke_line_sandbox::{Sandbox, SandboxHandle};
use serde_json::{json, Value};
use std::sync::Arc;

const SHARED_PROVIDER: &str = "prov-shared";
const USER_SHIBUYA: &str = "U00000000000000000000000000000001";
const USER_OSAKA: &str = "U00000000000000000000000000000002";
/// The staff id both organizations could have; only alpha has it.
const TWIN_STAFF: &str = "s-twin";

fn sid(s: &str) -> StoreId {
    StoreId::new(s).unwrap()
}

fn key(org: &str, user: &str) -> FriendKey {
    FriendKey {
        org: OrgId::new(org).unwrap(),
        provider: ProviderId::new(SHARED_PROVIDER).unwrap(),
        user_id: LineUserId::parse(user).unwrap(),
    }
}

/// `org`'s marker: every text alpha owns carries `ALPHA`, beta's `BETA`.
fn marker(org: &str) -> String {
    org.to_uppercase()
}

fn reply(org: &str) -> ReplyConfig {
    let m = marker(org);
    let mut c = ReplyConfig::default();
    c.rules.push(Rule {
        id: "hours".into(),
        kind: MatchKind::Partial,
        keywords: vec!["営業時間".into()],
        answer: Answer::text(format!("{m} 10時から20時まで")),
        ..Rule::default()
    });
    c.intents.intents.push(Intent {
        name: "parking".into(),
        examples: vec!["駐車場はありますか".into()],
        answer: Answer::text(format!("{m} 提携駐車場があります")),
    });
    c.greeting = Some(Answer::text(format!("{m} ようこそ")));
    c
}

/// Alpha's and beta's channels (ids are global, so each has its own) and the
/// campaigns on them.
fn channel_id(org: &str, store: Option<&str>) -> String {
    match store {
        None => format!("ch-{org}"),
        Some(s) => format!("ch-{org}-{s}"),
    }
}

fn campaign_id(org: &str, store: &str) -> String {
    format!("01{}{}", org.to_uppercase(), store.to_uppercase())
}

async fn seed(e: &Embedded, org: &str, staff_id: &str) {
    let m = marker(org);
    let org_id = OrgId::new(org).unwrap();
    let now = now();
    e.orgs
        .put_organization(&Organization {
            id: org_id.clone(),
            name: format!("{m} 株式会社"),
            link_mode: LinkMode::SharedChannel,
            default_store: None,
            created_at: now,
            reply: Default::default(),
        })
        .await
        .unwrap();
    for (id, parent) in [("kanto", None), ("shibuya", Some("kanto")), ("osaka", None)] {
        e.orgs
            .save_store(&Store {
                id: sid(id),
                org_id: org_id.clone(),
                parent: parent.map(sid),
                name: format!("{m} {id}"),
                time_zone: "Asia/Tokyo".into(),
                retention_days: None,
                staff_notify_url: None,
                monthly_budget: None,
                reply: reply(org),
                version: 0,
                inherits: Default::default(),
                inbox: Default::default(),
            })
            .await
            .unwrap();
    }
    for (n, store) in [(0u32, None), (1, Some("osaka"))] {
        e.orgs
            .connect_channel(&Channel {
                id: ChannelId::new(channel_id(org, store)).unwrap(),
                org_id: org_id.clone(),
                provider: ProviderId::new(SHARED_PROVIDER).unwrap(),
                bot_user_id: format!("U{:031x}{n}", u128::from(org.len() as u32) << 8),
                store_id: store.map(sid),
                default_store: None,
                secret_ref: SecretRef(format!("{m}/secret/{n}")),
                access_token_ref: SecretRef(format!("{m}/token/{n}")),
                plan: Plan::Light,
            })
            .await
            .unwrap();
    }
    e.orgs
        .put_staff(&Staff {
            id: StaffId::new(staff_id).unwrap(),
            org_id: org_id.clone(),
            display_name: format!("{m} 店長"),
            role: Role::Operator,
            stores: vec![sid("shibuya")],
            sender_name: Some(m.clone()),
            sender_icon_url: None,
            assigned_only: false,
            active: true,
            email: Some(format!("{}@example.com", org)),
        })
        .await
        .unwrap();
    for (user, store) in [(USER_SHIBUYA, "shibuya"), (USER_OSAKA, "osaka")] {
        let mut f = Friend::new(key(org, user), now);
        f.display_name = Some(format!("{m} {store} の客"));
        f.store_id = Some(sid(store));
        f.tags.insert("vip".into());
        f.notes.push(otodoke_core::friend::Note {
            id: "01NOTE".into(),
            author: StaffId::new(staff_id).unwrap(),
            at: now,
            text: format!("{m} 常連さん"),
        });
        f.attributes.prefecture = Some("東京都".into());
        let channel = if store == "osaka" {
            channel_id(org, Some("osaka"))
        } else {
            channel_id(org, None)
        };
        f.channels.insert(
            ChannelId::new(channel.clone()).unwrap(),
            ChannelLink {
                state: FollowState::Following,
                followed_at: Some(now),
                blocked_at: None,
            },
        );
        e.friends.save(&f).await.unwrap();
        e.conversations
            .append(&ConversationEntry {
                id: format!("01{}{}", m, store.to_uppercase()),
                friend: key(org, user),
                channel: ChannelId::new(channel.clone()).unwrap(),
                store_id: Some(sid(store)),
                at: "2026-11-20T01:00:00Z".parse().unwrap(),
                direction: Direction::Inbound,
                line_message_id: Some(format!("m-{org}-{store}")),
                text: format!("{m} 営業時間は?"),
                payload: json!({"type": "text", "text": format!("{m} 営業時間は?")}),
                sender: Sender::Customer,
                hidden: false,
                expires_at: None,
                delivery: None,
                declined_intent: false,
                media: None,
            })
            .await
            .unwrap();
        otodoke_core::thread::record(
            e.threads.as_ref(),
            &otodoke_core::thread::ThreadKey {
                friend: key(org, user),
                channel: ChannelId::new(channel.clone()).unwrap(),
            },
            Some(&sid(store)),
            now,
            otodoke_core::thread::ThreadChange::Customer {
                entry_id: format!("01{}{}", m, store.to_uppercase()),
                at: now,
                text: format!("{m} 営業時間は?"),
                answered: false,
                reply_token: None,
                mark_as_read_token: None,
            },
        )
        .await
        .unwrap();
        e.campaigns
            .create(&Campaign {
                id: CampaignId::new(campaign_id(org, store)).unwrap(),
                org_id: org_id.clone(),
                channel_id: ChannelId::new(channel).unwrap(),
                name: format!("{m} セール"),
                messages: vec![json!({"type": "text", "text": format!("{m} セール開催中")})],
                sender: None,
                track_links: false,
                audience: Audience {
                    stores: vec![sid(store)],
                    ..Audience::default()
                },
                schedule: Schedule::Now,
                status: CampaignStatus::Draft,
                progress: Progress::default(),
                created_by: StaffId::new(staff_id).unwrap(),
                created_at: now,
                updated_at: now,
                version: 0,
            })
            .await
            .unwrap();
    }
}

/// The menu, rules, relink job, automation and run both twins have, under the same
/// ids (the menu and automation ids are only unique within an organization).
async fn seed_designer(e: &Embedded, org: &str) {
    use otodoke_core::automation::{
        AutoAction, Automation, AutomationRun, Fired, RunPlan, Trigger,
    };
    use otodoke_core::richmenu::*;
    let m = marker(org);
    let org_id = OrgId::new(org).unwrap();
    let channel = ChannelId::new(channel_id(org, None)).unwrap();
    e.richmenus
        .save_menu(&RichMenu {
            org: org_id.clone(),
            channel: channel.clone(),
            id: RichMenuId::new(MENU).unwrap(),
            name: format!("{m} メインメニュー"),
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
                    text: format!("{m} 予約"),
                },
                label: None,
            }],
            image: None,
            published: Some(Published {
                line_id: format!("richmenu-{org}"),
                version: 1,
                at: now(),
            }),
            updated_at: now(),
            version: 0,
        })
        .await
        .unwrap();
    e.richmenus
        .save_rules(&MenuRules {
            default: Some(RichMenuId::new(MENU).unwrap()),
            ..MenuRules::empty(org_id.clone(), channel.clone())
        })
        .await
        .unwrap();
    e.richmenus
        .save_relink_job(&RelinkJob {
            id: JOB.into(),
            ..RelinkJob::new(org_id.clone(), channel.clone(), 1, now())
        })
        .await
        .unwrap();
    e.automations
        .save_automation(&Automation {
            org: org_id.clone(),
            id: AutomationId::new(AUTOMATION).unwrap(),
            name: format!("{m} 友だち追加"),
            enabled: true,
            channel: None,
            trigger: Trigger::Follow,
            actions: vec![AutoAction::AddTags {
                tags: vec![format!("{m}-new")],
            }],
            updated_at: now(),
            version: 0,
        })
        .await
        .unwrap();
    // A tracked link of the campaign and one of the automation, each naming the
    // organization (the links listing must not show another organization's).
    for source in [
        otodoke_core::link::LinkSource::Step {
            campaign: CampaignId::new(campaign_id(org, "shibuya")).unwrap(),
            step: 0,
        },
        otodoke_core::link::LinkSource::Automation {
            automation: AutomationId::new(AUTOMATION).unwrap(),
        },
    ] {
        let url = format!("https://example.com/{m}");
        let link = otodoke_core::link::TrackedLink::new(&org_id, &url, &source, now()).unwrap();
        e.links.register(&link).await.unwrap();
    }
    e.automations
        .begin_run(&AutomationRun {
            org: org_id.clone(),
            id: format!("ev:{org}:1"),
            friend: key(org, USER_SHIBUYA),
            channel,
            at: now(),
            fired: Fired::Follow,
            plan: RunPlan::default(),
            outcome: None,
        })
        .await
        .unwrap();
}

/// The report counters both twins have, on their own channels and the same store
/// ids (alpha's numbers are its own: 7,000 and more).
async fn seed_metrics(e: &Embedded, org: &str) {
    use otodoke_core::metrics::{Counter, Day, Increment, MetricKey};
    let base = if org == "alpha" { 7_000 } else { 1 };
    for (n, store) in [(0, Some("shibuya")), (1, Some("osaka")), (2, None)] {
        let key = MetricKey {
            org: OrgId::new(org).unwrap(),
            day: Day::of(now()),
            channel: ChannelId::new(channel_id(org, None)).unwrap(),
            store: store.map(sid),
        };
        let incs: Vec<Increment> = [Counter::Follows, Counter::Inbound, Counter::AnswerRule]
            .into_iter()
            .map(|counter| Increment {
                key: key.clone(),
                counter,
                by: base + n,
            })
            .collect();
        e.metrics.add(&incs, &format!("seed:{n}")).await.unwrap();
    }
}

/// The twins' shared designer ids.
const MENU: &str = "menu-main";
const JOB: &str = "01JOB000000000000000000000";
const AUTOMATION: &str = "auto-welcome";

/// The twins over shared adapters, and a LINE sandbox for channel connections.
struct Twins {
    embedded: Embedded,
    line: SandboxHandle,
}

impl Twins {
    async fn new() -> Self {
        let embedded = Embedded::new();
        seed(&embedded, "alpha", TWIN_STAFF).await;
        seed(&embedded, "beta", "s-beta").await;
        seed_designer(&embedded, "alpha").await;
        seed_designer(&embedded, "beta").await;
        seed_metrics(&embedded, "alpha").await;
        seed_metrics(&embedded, "beta").await;
        let mut line = Sandbox::builder();
        for channel in unconnected_channels() {
            line = line.channel(channel);
        }
        Self {
            embedded,
            line: line.start().await.unwrap(),
        }
    }

    fn app(&self, caller: Caller) -> axum::Router {
        futures::executor::block_on(self.embedded.orgs.put_staff(&staff_record(&caller))).unwrap();
        let ports = Ports::embedded(
            &self.embedded,
            Arc::new(MemorySecrets::default()),
            Arc::new(EmbeddedQueue::new(QueueConfig::standard())),
            &self.line.base_url(),
        );
        router(AppState::new(ports, dev_auth(&caller)).with_clock(now))
    }

    /// Everything alpha has, as JSON: what no call of beta's may change.
    async fn alpha(&self) -> Value {
        let e = &self.embedded;
        let org = OrgId::new("alpha").unwrap();
        let mut stores = e.orgs.stores(&org).await.unwrap();
        stores.sort_by(|a, b| a.id.cmp(&b.id));
        let mut staff = e.orgs.staff_list(&org).await.unwrap();
        staff.sort_by(|a, b| a.id.cmp(&b.id));
        let mut channels = e.orgs.channels(&org).await.unwrap();
        channels.sort_by(|a, b| a.id.cmp(&b.id));
        let friends = e
            .friends
            .by_org(&org, PageRequest::first(100))
            .await
            .unwrap();
        let mut histories = Vec::new();
        for user in [USER_SHIBUYA, USER_OSAKA] {
            let page = e
                .conversations
                .history(&key("alpha", user), PageRequest::first(100))
                .await
                .unwrap();
            histories.push(page.items);
        }
        let campaigns = e
            .campaigns
            .by_org(&org, PageRequest::first(100))
            .await
            .unwrap();
        let threads = e
            .threads
            .list(
                &otodoke_core::thread::ThreadIndex::Org(org.clone()),
                PageRequest::first(100),
            )
            .await
            .unwrap();
        let channel = ChannelId::new(channel_id("alpha", None)).unwrap();
        let automation = AutomationId::new(AUTOMATION).unwrap();
        let year = (
            otodoke_core::metrics::Day::parse("2026-01-01").unwrap(),
            otodoke_core::metrics::Day::parse("2026-12-31").unwrap(),
        );
        let metrics = e
            .metrics
            .series(&org, year.0, year.1, &otodoke_core::metrics::Slice::All)
            .await
            .unwrap();
        let months = otodoke_core::metrics::parse_month;
        let store_months = e
            .metrics
            .store_months(
                &org,
                months("2026-01").unwrap(),
                months("2026-12").unwrap(),
                &Default::default(),
            )
            .await
            .unwrap();
        json!({
            "metrics": metrics,
            "store_months": store_months,
            "menus": e.richmenus.menus(&org, &channel).await.unwrap(),
            "menu_rules": e.richmenus.rules(&org, &channel).await.unwrap(),
            "relink_jobs": e.richmenus.relink_jobs(&org, &channel, 10).await.unwrap(),
            "campaign_links": e.links.links_of(&org, &otodoke_core::link::LinkOwner::Campaign(CampaignId::new(campaign_id("alpha", "shibuya")).unwrap())).await.unwrap(),
            "automation_links": e.links.links_of(&org, &otodoke_core::link::LinkOwner::Automation(automation.clone())).await.unwrap(),
            "automations": e.automations.automations(&org).await.unwrap(),
            "runs": e.automations.runs_for_automation(&org, &automation, PageRequest::first(10)).await.unwrap().items,
            "friend_runs": e.automations.runs_for_friend(&key("alpha", USER_SHIBUYA), PageRequest::first(10)).await.unwrap().items,
            "threads": threads.items,
            "org": e.orgs.organization(&org).await.unwrap(),
            "stores": stores,
            "staff": staff,
            "channels": channels,
            "friends": friends.items,
            "histories": histories,
            "campaigns": campaigns.items,
        })
    }
}

/// Every (method, path template) of the OpenAPI document.
fn routes() -> Vec<(String, String)> {
    let doc: Value = serde_json::from_str(&otodoke_fn_admin_api::openapi::document_json()).unwrap();
    let mut routes = Vec::new();
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for method in methods.as_object().unwrap().keys() {
            routes.push((method.to_uppercase(), path.clone()));
        }
    }
    routes
}

/// The path parameters that name something only one organization can have.
const GLOBAL_IDS: [&str; 3] = ["{org_id}", "{channel_id}", "{campaign_id}"];

/// `template` with alpha's resources filled in.
fn alpha_path(template: &str) -> String {
    let path = template
        .replace("{org_id}", "alpha")
        .replace("{store_id}", "shibuya")
        .replace("{channel_id}", &channel_id("alpha", None))
        .replace("{campaign_id}", &campaign_id("alpha", "shibuya"))
        .replace("{provider}", SHARED_PROVIDER)
        .replace("{user_id}", USER_SHIBUYA)
        .replace("{note_id}", "01NOTE")
        .replace("{staff_id}", TWIN_STAFF)
        .replace("{tag}", "vip")
        .replace("{name}", "parking")
        .replace("{menu_id}", MENU)
        .replace("{job_id}", JOB)
        .replace("{automation_id}", AUTOMATION);
    assert!(
        !path.contains('{'),
        "a path parameter without a value: {template}"
    );
    if path == "/admin/links" {
        // Alpha's campaign in the query: beta is told 404, as for a path.
        let campaign = campaign_id("alpha", "shibuya");
        format!("{path}?campaign_id={campaign}")
    } else if path.ends_with("conversations.csv") {
        format!("{path}?from=2026-11-01&to=2026-11-30")
    } else if path.starts_with("/admin/reports/stores") {
        // Alpha's channel in the query: beta is told 404, as for a path.
        let channel = channel_id("alpha", None);
        format!("{path}?from_month=2026-01&to_month=2026-12&channel={channel}")
    } else if path.starts_with("/admin/reports/") {
        let channel = channel_id("alpha", None);
        format!("{path}?from=2026-11-01&to=2026-11-30&channel={channel}")
    } else {
        path
    }
}

/// A valid body for `method template`, naming alpha's resources where it names any.
fn body_for(method: &str, template: &str) -> Option<Value> {
    let alpha_channel = channel_id("alpha", None);
    let body = match (method, template) {
        ("POST", "/admin/campaigns") | ("PUT", "/admin/campaigns/{campaign_id}") => json!({
            "name": "x", "channel_id": alpha_channel,
            "messages": [{"type": "text", "text": "hi"}], "schedule": {"kind": "now"}
        }),
        ("POST", "/admin/channels") => json!({
            "id": alpha_channel, "provider": SHARED_PROVIDER, "plan": {"kind": "light"},
            "channel_secret": "s", "access_token": "other-token"
        }),
        ("PATCH", "/admin/channels/{channel_id}") => json!({"plan": {"kind": "light"}}),
        ("PUT", "/admin/friends/{provider}/{user_id}/attributes") => {
            json!({"prefecture": "大阪府"})
        }
        ("PUT", "/admin/friends/{provider}/{user_id}/store") => json!({"store_id": "osaka"}),
        ("POST", "/admin/friends/{provider}/{user_id}/tags") => json!({"tag": "new"}),
        ("PATCH", "/admin/organizations/{org_id}") => json!({"name": "renamed"}),
        ("PUT", "/admin/organizations/{org_id}/reply") => json!({"config": {}}),
        ("POST", "/admin/staff") => json!({
            "email": "new@example.com", "display_name": "新人", "role": "viewer"
        }),
        ("PUT", "/admin/staff/{staff_id}") => {
            json!({"display_name": "上書き", "role": "viewer", "stores": ["shibuya"]})
        }
        ("POST", "/admin/stores") => json!({"id": "nagoya", "name": "名古屋", "parent": "kanto"}),
        ("PATCH", "/admin/stores/{store_id}") => json!({"name": "改名"}),
        ("PUT", "/admin/stores/{store_id}/holidays") => json!({"holidays": ["2026-12-31"]}),
        ("PUT", "/admin/stores/{store_id}/hours") => {
            json!({"hours": null, "after_hours": {"answer": null, "cool_down_minutes": 60}})
        }
        ("PUT", "/admin/stores/{store_id}/intents") => json!({"intents": {"intents": []}}),
        ("POST", "/admin/stores/{store_id}/intents/{name}/examples") => {
            json!({"text": "車で行けますか"})
        }
        ("POST", "/admin/stores/{store_id}/preview") => {
            json!({"message": {"type": "text", "text": "営業時間は?"}})
        }
        ("PUT", "/admin/stores/{store_id}/rules") => json!({"rules": []}),
        ("PUT", "/admin/stores/{store_id}/inbox") => json!({
            "handoff_minutes": 15, "mark_read_on_line": true, "version": 0,
            "canned_replies": [{"id": "thanks", "title": "お礼", "text": "ありがとうございます"}]
        }),
        ("POST", "/admin/friends/{provider}/{user_id}/notes") => json!({"text": "メモ"}),
        ("POST", "/admin/threads/{channel_id}/{user_id}/messages") => json!({"text": "こんにちは"}),
        ("PUT", "/admin/threads/{channel_id}/{user_id}/assignee") => json!({"staff_id": null}),
        ("PUT", "/admin/threads/{channel_id}/{user_id}/status") => json!({"status": "resolved"}),
        ("POST", "/admin/threads/{channel_id}/{user_id}/handoff") => json!({"minutes": 10}),
        // The matrix sends JSON, which the upload refuses (415) once the store is
        // found in the caller's own organization; an accepted upload's tenancy is
        // pinned in tests/api/media.rs.
        ("POST", "/admin/stores/{store_id}/media") => json!({"not": "an image"}),
        // JSON is not an image: 415 once the menu is found in the caller's own channel.
        ("PUT", "/admin/channels/{channel_id}/richmenus/{menu_id}/image") => {
            json!({"not": "an image"})
        }
        ("POST", "/admin/channels/{channel_id}/richmenus")
        | ("PUT", "/admin/channels/{channel_id}/richmenus/{menu_id}") => json!({
            "name": "新メニュー", "chat_bar_text": "メニュー",
            "size": {"width": 2500, "height": 843},
            "areas": [{"bounds": {"x": 0, "y": 0, "width": 100, "height": 100},
                       "action": {"type": "message", "text": "hi"}}]
        }),
        ("PUT", "/admin/channels/{channel_id}/menu-rules")
        | ("POST", "/admin/channels/{channel_id}/menu-rules/preview") => json!({
            "rules": [{"name": "VIP", "segment": {"audience": {"tags_all": ["vip"]}}, "menu": MENU}],
            "default": MENU, "version": 1
        }),
        ("POST", "/admin/automations") | ("PUT", "/admin/automations/{automation_id}") => json!({
            "name": "タグ付け", "trigger": {"type": "tag_added", "tag": "vip"},
            "actions": [{"type": "add_tags", "tags": ["gold"]}]
        }),
        _ => return None,
    };
    Some(body)
}

/// Beta's callers: every role, unrestricted and restricted to shibuya.
fn beta_callers() -> Vec<Caller> {
    let mut callers = Vec::new();
    for role in [Role::Owner, Role::Admin, Role::Operator, Role::Viewer] {
        callers.push(caller("beta", role, &[]));
        callers.push(caller("beta", role, &["shibuya"]));
    }
    callers
}

fn takes_body(template: &str, method: &str) -> bool {
    let doc: Value = serde_json::from_str(&otodoke_fn_admin_api::openapi::document_json()).unwrap();
    doc["paths"][template][method.to_lowercase()]
        .get("requestBody")
        .is_some()
}

#[tokio::test]
async fn no_role_of_one_organization_reaches_anything_of_another_on_any_route() {
    let routes = routes();
    assert!(routes.len() >= 40, "the document lists the API's routes");
    for (method, template) in routes {
        let body = body_for(&method, &template);
        assert!(
            body.is_some() || !takes_body(&template, &method),
            "{method} {template} takes a body: add one to body_for so the matrix covers it"
        );
        let twins = Twins::new().await;
        let before = twins.alpha().await;
        let path = alpha_path(&template);
        let names_alpha_only =
            GLOBAL_IDS.iter().any(|p| template.contains(p)) || path.contains("campaign_id=");
        for beta in beta_callers() {
            let who = format!("{:?} of beta over {:?}", beta.role, beta.stores);
            let r = call(&twins.app(beta), &method, &path, body.clone()).await;
            if names_alpha_only {
                assert_eq!(r.status, 404, "{method} {path} as {who}: {}", r.json);
            }
            assert!(r.status != 500, "{method} {path} as {who}: {}", r.json);
            let text = String::from_utf8_lossy(&r.bytes);
            assert!(
                !text.contains(&marker("alpha")) && !text.to_lowercase().contains("alpha"),
                "{method} {path} as {who} showed alpha's data: {text}"
            );
            assert_eq!(
                twins.alpha().await,
                before,
                "{method} {path} as {who} changed alpha's data"
            );
        }
        // The same request by alpha's owner reaches a real resource.
        let owner = twins.app(caller("alpha", Role::Owner, &[]));
        let r = call(&owner, &method, &path, body).await;
        assert!(
            r.status != 404 && r.status != 500,
            "{method} {path} as alpha's owner answered {}: {}",
            r.status,
            r.json
        );
    }
}

#[tokio::test]
async fn the_document_lists_exactly_the_routed_paths_and_methods() {
    // Every (path, method) the router serves is in the document: a method the
    // document does not list for a path answers 405 from the router, and a path the
    // document does not list answers the API's 404.
    let twins = Twins::new().await;
    let app = twins.app(caller("alpha", Role::Owner, &[]));
    let routes = routes();
    let mut paths: Vec<&str> = routes.iter().map(|(_, p)| p.as_str()).collect();
    paths.dedup();
    for template in paths {
        let path = alpha_path(template);
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            let listed = routes.iter().any(|(m, p)| m == method && p == template);
            if !listed {
                let r = call_raw(&app, method, &path, Some("{}")).await;
                assert_eq!(
                    r.status, 405,
                    "{method} {template} is routed but not in the OpenAPI document"
                );
            }
        }
    }
}
