//! Campaigns with tracked links: one push per recipient, each with URLs naming
//! them, registered as the campaign's links.

use super::rig::*;
use otodoke_broadcast::retry_key;
use otodoke_broadcast::sender::BatchOutcome;
use otodoke_core::campaign::{Campaign, CampaignStatus};
use otodoke_core::friend::FriendKey;
use otodoke_core::link::{LinkKey, LinkOwner, LinkSource, LinkTracking, RedirectPath};
use otodoke_core::ports::LinkStore;
use otodoke_core::{CampaignId, OrgId, ProviderId};
use otodoke_line_sandbox::Endpoint;

const BASE: &str = "https://api.example.com";
const SALE: &str = "https://shop.example.com/sale";

fn key() -> LinkKey {
    LinkKey::new([7u8; 32]).unwrap()
}

async fn tracking_rig(friends: u64, sandbox_plan: otodoke_line_sandbox::Plan) -> Rig {
    let mut rig = Rig::new(RigOptions {
        friends,
        sandbox_plan,
        ..RigOptions::default()
    })
    .await;
    rig.ports.links = Some(LinkTracking {
        links: rig.embedded.links.clone(),
        key: key(),
        base: BASE.into(),
    });
    rig
}

async fn tracked_campaign(rig: &Rig, id: &str) -> CampaignId {
    let mut c: Campaign = otodoke_contract::builders::sample_campaign(ORG, id, CHANNEL);
    c.status = CampaignStatus::Running;
    c.track_links = true;
    c.messages =
        vec![serde_json::json!({"type": "text", "text": format!("秋のセール {SALE} まで")})];
    rig.ports.campaigns.create(&c).await.unwrap();
    c.id
}

fn friend(user: &otodoke_core::LineUserId) -> FriendKey {
    FriendKey {
        org: OrgId::new(ORG).unwrap(),
        provider: ProviderId::new("provider-1").unwrap(),
        user_id: user.clone(),
    }
}

/// The one URL of the text `user` received.
fn url_sent_to(rig: &Rig, user: &otodoke_core::LineUserId) -> String {
    let got = rig.sandbox.deliveries_to(user.as_str());
    assert_eq!(got.len(), 1, "{user} got the campaign once");
    assert_eq!(got[0].endpoint, Endpoint::Push);
    let text = got[0].messages[0]["text"].as_str().unwrap().to_owned();
    text.split_whitespace()
        .find(|w| w.starts_with("https://"))
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_with_tracked_links_pushes_each_recipient_a_url_naming_them() {
    let rig = tracking_rig(23, otodoke_line_sandbox::Plan::Unlimited).await;
    let id = tracked_campaign(&rig, "t1").await;
    rig.plan_all(&id, 10).await;
    while rig.process_one().await.is_some() {}

    let org = OrgId::new(ORG).unwrap();
    let links = rig
        .embedded
        .links
        .links_of(&org, &LinkOwner::Campaign(id.clone()))
        .await
        .unwrap();
    assert_eq!(links.len(), 1, "one URL, one link");
    assert_eq!(links[0].link.url, SALE);
    assert_eq!(
        links[0].link.source,
        LinkSource::Campaign {
            campaign: id.clone()
        }
    );
    let mut tokens = std::collections::HashSet::new();
    for user in &rig.users {
        let url = url_sent_to(&rig, user);
        let path = RedirectPath::parse(url.strip_prefix(BASE).unwrap()).unwrap();
        assert_eq!(path.link, links[0].link.id);
        let token = path.token.expect("the URL names the friend");
        assert_eq!(key().verify(&org, &path.link, &token), Some(friend(user)));
        tokens.insert(token);
    }
    assert_eq!(
        tokens.len(),
        rig.users.len(),
        "every recipient their own URL"
    );
    assert!(rig.sandbox.requests(Endpoint::Multicast).is_empty());
    let c = rig.campaign("t1").await;
    assert_eq!(c.status, CampaignStatus::Completed);
    assert_eq!((c.progress.sent, c.progress.quota_used), (23, 23));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracked_batch_repeated_after_a_killed_sender_pushes_no_recipient_twice() {
    let rig = tracking_rig(6, otodoke_line_sandbox::Plan::Unlimited).await;
    let id = tracked_campaign(&rig, "t2").await;
    rig.plan_all(&id, 10).await;
    // A sender pushed to three recipients with the batch's keys and died.
    for user in &rig.users[..3] {
        let messages = [serde_json::json!({"type": "text", "text": "first try"})];
        rig.line
            .push(
                &rig.channel,
                user,
                &messages,
                retry_key::for_recipient(&id, 0, user),
                None,
            )
            .await
            .unwrap();
    }
    let outcome = rig.process_one().await.unwrap();
    assert_eq!(
        outcome,
        BatchOutcome::Sent {
            recipients: 6,
            already: true
        }
    );
    assert_eq!(rig.delivery_counts(), vec![1; 6]);
    let counter = rig.ports.quota.counter(&quota()).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (6, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_monthly_limit_mid_batch_parks_only_the_recipients_not_reached() {
    let rig = tracking_rig(
        12,
        otodoke_line_sandbox::Plan::Standard {
            max_messages: Some(7),
        },
    )
    .await;
    let id = tracked_campaign(&rig, "t3").await;
    rig.plan_all(&id, 20).await;
    assert_eq!(rig.process_one().await.unwrap(), BatchOutcome::Paused);
    let c = rig.campaign("t3").await;
    assert_eq!(c.status, CampaignStatus::Paused);
    assert_eq!(c.progress.sent, 7);
    let counter = rig.ports.quota.counter(&quota()).await.unwrap();
    assert_eq!((counter.used, counter.reserved), (7, 0));
    let parked = rig.ports.campaigns.parked(&id, 10).await.unwrap();
    assert_eq!(parked.len(), 1);
    let reached: Vec<_> = rig
        .users
        .iter()
        .filter(|u| !rig.sandbox.deliveries_to(u.as_str()).is_empty())
        .collect();
    assert_eq!(reached.len(), 7);
    assert_eq!(parked[0].recipients.len(), 5);
    assert!(parked[0].recipients.iter().all(|u| !reached.contains(&u)));
}

fn quota() -> otodoke_core::quota::QuotaKey {
    otodoke_core::quota::QuotaKey {
        channel: otodoke_core::ChannelId::new(CHANNEL).unwrap(),
        month: otodoke_core::quota::QuotaMonth::containing(now()),
    }
}
