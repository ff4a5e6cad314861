//! Step sequences: the scheduler's `send_due_steps` over the embedded adapters and
//! a LINE double that records pushes.

use jiff::{SignedDuration, Timestamp};
use otodoke_broadcast::scheduler::send_due_steps;
use otodoke_broadcast::testing::FakeLine;
use otodoke_broadcast::Ports;
use otodoke_contract::builders::*;
use otodoke_core::campaign::{CampaignStatus, Schedule, Step};
use otodoke_core::ports::QueueReceiver;
use otodoke_core::ports::{CampaignStore, EnrolmentStore, FriendStore, OrganizationStore};
use otodoke_embedded::{Embedded, EmbeddedRateLimiter};
use std::sync::Arc;

fn ports(embedded: &Embedded) -> Ports {
    Ports {
        orgs: embedded.orgs.clone(),
        friends: embedded.friends.clone(),
        campaigns: embedded.campaigns.clone(),
        campaign_stats: embedded.campaign_stats.clone(),
        enrolments: embedded.enrolments.clone(),
        quota: embedded.quota.clone(),
        idempotency: embedded.idempotency.clone(),
        rate: Arc::new(EmbeddedRateLimiter::new()),
        fanout: embedded.fanout.clone(),
        planning: embedded.fanout.clone(),
        after_sequence: embedded.fanout.clone(),
        links: None,
    }
}

fn step(offset_days: u32) -> Step {
    Step {
        offset_days,
        at_local_time: None,
        messages: vec![serde_json::json!({"type": "text", "text": "step"})],
    }
}

/// An organization `o` with channel `ch-1`, a running two-step sequence `seq`
/// for tag `VIP`, and friends 1..=3 enrolled at step 0 (1: VIP, 2: no tag,
/// 3: VIP but blocked since).
async fn world() -> (Embedded, Ports) {
    let embedded = Embedded::new();
    embedded
        .orgs
        .put_organization(&sample_org("o"))
        .await
        .unwrap();
    embedded
        .orgs
        .put_channel(&sample_channel("o", "ch-1", 1))
        .await
        .unwrap();
    let mut c = sample_campaign("o", "seq", "ch-1");
    c.status = CampaignStatus::Running;
    c.schedule = Schedule::Sequence {
        steps: vec![step(0), step(1)],
    };
    c.audience.tags_all.insert("VIP".into());
    embedded.campaigns.create(&c).await.unwrap();
    let friends = [
        tagged(following(sample_friend(1, "o"), "ch-1"), "VIP"),
        following(sample_friend(2, "o"), "ch-1"),
        tagged(blocking(sample_friend(3, "o"), "ch-1"), "VIP"),
    ];
    for (n, friend) in (1..).zip(friends) {
        embedded.friends.save(&friend).await.unwrap();
        let mut enrolment = sample_enrolment("seq", n, "ch-1", t0());
        enrolment.friend = friend_key_in("o", n);
        embedded.enrolments.enrol(&enrolment).await.unwrap();
    }
    let p = ports(&embedded);
    (embedded, p)
}

#[tokio::test]
async fn a_tag_filtered_sequence_pushes_only_to_friends_in_its_audience() {
    let (embedded, ports) = world().await;
    let line = FakeLine::default();
    let now: Timestamp = t0() + SignedDuration::from_mins(1);
    let report = send_due_steps(&ports, &line, now, 100).await.unwrap();

    let pushed: Vec<String> = line.pushes().into_iter().map(|p| p.to).collect();
    assert_eq!(
        pushed,
        [user_id(1).to_string()],
        "only the VIP follower gets step 0"
    );
    assert_eq!(report.sent, 1);
    assert_eq!(report.skipped, 2);

    // The untagged friend skipped step 0 and waits for step 1; the blocked one is stopped.
    let later = t0() + SignedDuration::from_hours(48);
    let due = embedded.enrolments.due(later, 10).await.unwrap();
    let mut waiting: Vec<(String, u32)> = due
        .iter()
        .map(|e| (e.friend.user_id.to_string(), e.next_step))
        .collect();
    waiting.sort();
    assert_eq!(
        waiting,
        [(user_id(1).to_string(), 1), (user_id(2).to_string(), 1)]
    );

    // Friend 2 is tagged VIP before step 1: they receive it.
    let two = embedded
        .friends
        .friend(&friend_key_in("o", 2))
        .await
        .unwrap()
        .unwrap();
    embedded.friends.save(&tagged(two, "VIP")).await.unwrap();
    // The fan-out queue stands for the menu jobs queue here: empty until a
    // sequence finishes.
    assert!(embedded
        .fanout
        .receive(10, std::time::Duration::ZERO)
        .await
        .unwrap()
        .is_empty());
    send_due_steps(&ports, &line, later, 100).await.unwrap();
    assert_eq!(line.pushes().len(), 3, "step 1 to friends 1 and 2");
    // Both finished the sequence: each is reported once, for its automations.
    let mut finished: Vec<String> = embedded
        .fanout
        .receive(10, std::time::Duration::ZERO)
        .await
        .unwrap()
        .into_iter()
        .map(
            |m| match otodoke_core::richmenu::MenuJob::parse(&m.body).unwrap() {
                otodoke_core::richmenu::MenuJob::SequenceFinished {
                    friend, campaign, ..
                } => {
                    assert_eq!(campaign.as_str(), "seq");
                    friend.user_id.to_string()
                }
                other => panic!("{other:?}"),
            },
        )
        .collect();
    finished.sort();
    assert_eq!(finished, [user_id(1).to_string(), user_id(2).to_string()]);
}

#[tokio::test]
async fn a_step_with_tracked_links_pushes_a_url_naming_the_friend_and_registers_the_link() {
    use otodoke_core::link::{LinkKey, LinkOwner, LinkSource, LinkTracking, RedirectPath};
    use otodoke_core::ports::LinkStore;
    let embedded = Embedded::new();
    embedded
        .orgs
        .put_organization(&sample_org("o"))
        .await
        .unwrap();
    embedded
        .orgs
        .put_channel(&sample_channel("o", "ch-1", 1))
        .await
        .unwrap();
    let mut c = sample_campaign("o", "seq", "ch-1");
    c.status = CampaignStatus::Running;
    c.track_links = true;
    let mut with_url = step(0);
    with_url.messages = vec![serde_json::json!({
        "type": "template", "altText": "予約",
        "template": {"type": "buttons", "text": "予約はこちら",
            "actions": [{"type": "uri", "label": "予約", "uri": "https://book.example.com/"}]}
    })];
    c.schedule = Schedule::Sequence {
        steps: vec![with_url, step(1)],
    };
    embedded.campaigns.create(&c).await.unwrap();
    let friend = following(sample_friend(1, "o"), "ch-1");
    embedded.friends.save(&friend).await.unwrap();
    let mut enrolment = sample_enrolment("seq", 1, "ch-1", t0());
    enrolment.friend = friend_key_in("o", 1);
    embedded.enrolments.enrol(&enrolment).await.unwrap();
    let key = LinkKey::new([9u8; 32]).unwrap();
    let mut ports = ports(&embedded);
    ports.links = Some(LinkTracking {
        links: embedded.links.clone(),
        key: key.clone(),
        base: "https://api.example.com".into(),
    });
    let line = FakeLine::default();
    let now: Timestamp = t0() + SignedDuration::from_mins(1);
    assert_eq!(
        send_due_steps(&ports, &line, now, 10).await.unwrap().sent,
        1
    );

    let org = otodoke_core::OrgId::new("o").unwrap();
    let links = embedded
        .links
        .links_of(&org, &LinkOwner::Campaign(c.id.clone()))
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].link.url, "https://book.example.com/");
    assert_eq!(
        links[0].link.source,
        LinkSource::Step {
            campaign: c.id.clone(),
            step: 0
        }
    );
    let sent = line.pushes()[0].messages[0]["template"]["actions"][0]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = RedirectPath::parse(sent.strip_prefix("https://api.example.com").unwrap()).unwrap();
    assert_eq!(path.link, links[0].link.id);
    assert_eq!(
        key.verify(&org, &path.link, &path.token.unwrap()),
        Some(friend_key_in("o", 1))
    );
}
