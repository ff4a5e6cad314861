//! Round trips of every record through its DynamoDB item, and the item shapes the
//! indexes rely on.

use crate::campaigns::{campaign_item, campaign_of};
use crate::conversations::{entry_item, entry_of};
use crate::enrolments::enrolment_item;
use crate::friends::{friend_item, memberships};
use crate::item::{from_doc, get_s, to_doc, Item, DOC};
use crate::quota::counter_of;
use aws_sdk_dynamodb::types::AttributeValue;
use jiff::civil::Time;
use otodoke_contract::builders::*;
use otodoke_core::campaign::{
    Audience, Campaign, CampaignStatus, PlannerCheckpoint, Progress, Schedule, SenderIdentity, Step,
};
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::{Friend, Gender};
use otodoke_core::organization::{Channel, Organization, Plan, Staff, Store};
use otodoke_core::quota::QuotaCounter;
use otodoke_core::sequence::Enrolment;
use otodoke_core::Cursor;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::json;
use std::fmt::Debug;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(record: &T) {
    let item = Item::from([(DOC.to_string(), to_doc(record).unwrap())]);
    let back: T = from_doc(&item, "test").unwrap();
    assert_eq!(&back, record);
}

/// A LINE payload with the JSON shapes that trip up DynamoDB mappings: floats,
/// big integers, nulls, empty strings, empty arrays and objects, nesting.
fn awkward_payload() -> serde_json::Value {
    json!({
        "type": "location", "latitude": 35.6586, "longitude": 139.7454,
        "id": "468789577898262530", "big": 9_007_199_254_740_993_u64, "neg": -3,
        "title": "", "address": null, "emojis": [], "mention": {},
        "nested": [{"a": [1, 2.5, "x", null, true]}]
    })
}

fn rich_friend() -> Friend {
    let mut friend = tagged(
        tagged(
            blocking(
                following(in_store(sample_friend(7, "acme"), "shibuya"), "ch-1"),
                "ch-2",
            ),
            "vip",
        ),
        "常連 #1",
    );
    friend.display_name = Some("花子".into());
    friend.attributes.gender = Some(Gender::Female);
    friend.attributes.birth_year = Some(1990);
    friend.attributes.prefecture = Some("東京都".into());
    friend.attributes.custom.insert("member".into(), "".into());
    friend.conversation.handoff_until = Some(at(3_600));
    friend.version = 4;
    friend
}

#[test]
fn a_friend_round_trips_and_its_item_carries_the_version() {
    let friend = rich_friend();
    let item = friend_item(&friend).unwrap();
    assert_eq!(item.get("ver"), Some(&AttributeValue::N("4".into())));
    assert_eq!(
        get_s(&item, "pk"),
        Some(format!("F#acme#provider-1#{}", friend.key.user_id).as_str())
    );
    let back: Friend = from_doc(&item, "friend").unwrap();
    assert_eq!(back, friend);
}

#[test]
fn a_friends_memberships_name_each_audience_it_belongs_to() {
    let m: Vec<String> = memberships(&rich_friend()).into_iter().collect();
    assert_eq!(
        m,
        [
            "C#acme#ch-1#following",
            "C#acme#ch-2#blocked",
            "O#acme",
            "S#acme#shibuya",
            "T#acme#vip",
            "T#acme#常連 #1"
        ]
    );
}

#[test]
fn organizations_stores_channels_and_staff_round_trip() {
    let org: Organization = sample_org("acme");
    round_trip(&org);
    let mut store: Store = sample_store("acme", "shibuya");
    store.retention_days = Some(365);
    store.monthly_budget = Some(1_000);
    round_trip(&store);
    let mut channel: Channel = sample_channel("acme", "ch-1", 1);
    channel.plan = Plan::Standard {
        extra_cap: Some(5_000),
    };
    round_trip(&channel);
    let staff: Staff = sample_staff("acme", "staff-1");
    round_trip(&staff);
}

fn rich_campaign() -> Campaign {
    let mut c = sample_campaign("acme", "c-1", "ch-1");
    c.messages = vec![
        awkward_payload(),
        json!({"type": "text", "text": "秋のセール"}),
    ];
    c.track_links = true;
    c.sender = Some(SenderIdentity {
        name: "店長".into(),
        icon_url: Some("https://example.com/i.png".into()),
    });
    c.audience = Audience {
        tags_all: ["vip".to_string()].into(),
        genders: [Gender::Female, Gender::Other].into(),
        age_min: Some(20),
        followed_since: Some(at(-86_400)),
        stores: vec![store_id("shibuya")],
        ..Audience::default()
    };
    c.schedule = Schedule::Sequence {
        steps: vec![
            Step {
                offset_days: 0,
                at_local_time: None,
                messages: vec![json!({"type": "text", "text": "ようこそ"})],
            },
            Step {
                offset_days: 3,
                at_local_time: Some(Time::constant(19, 0, 0, 0)),
                messages: vec![],
            },
        ],
    };
    c.status = CampaignStatus::Paused;
    c.progress = Progress {
        planned: 10,
        sent: 7,
        failed: 1,
        skipped: 2,
        quota_used: 7,
    };
    c.version = 3;
    c
}

#[test]
fn a_campaign_round_trips_with_status_progress_and_version_at_the_top_level() {
    let campaign = rich_campaign();
    let item = campaign_item(&campaign).unwrap();
    assert_eq!(get_s(&item, "status"), Some("paused"));
    assert_eq!(item.get("sent"), Some(&AttributeValue::N("7".into())));
    assert!(
        !item.contains_key("due_pk"),
        "only scheduled campaigns are due"
    );
    assert_eq!(campaign_of(&item).unwrap(), campaign);
}

#[test]
fn the_top_level_status_and_counters_win_over_the_record() {
    let campaign = rich_campaign();
    let mut item = campaign_item(&campaign).unwrap();
    item.insert("status".into(), AttributeValue::S("running".into()));
    item.insert("sent".into(), AttributeValue::N("9".into()));
    let read = campaign_of(&item).unwrap();
    assert_eq!(read.status, CampaignStatus::Running);
    assert_eq!(read.progress.sent, 9);
}

#[test]
fn a_scheduled_campaign_with_a_time_enters_the_due_index() {
    let mut campaign = sample_campaign("acme", "c-2", "ch-1");
    campaign.status = CampaignStatus::Scheduled;
    campaign.schedule = Schedule::At { at: at(100) };
    let item = campaign_item(&campaign).unwrap();
    assert_eq!(get_s(&item, "due_pk"), Some("SCHEDULED"));
    assert_eq!(
        get_s(&item, "due_sk"),
        Some(crate::item::time_key(at(100)).as_str())
    );
    assert_eq!(campaign_of(&item).unwrap(), campaign);
}

#[test]
fn a_planner_checkpoint_round_trips() {
    round_trip(&PlannerCheckpoint {
        cursor: Some(Cursor("eyJwayI6IkYjcCJ9".into())),
        next_batch: 42,
        done: false,
        narrowcast: None,
    });
    round_trip(&PlannerCheckpoint::default());
}

#[test]
fn a_conversation_entry_round_trips_with_its_index_keys() {
    let mut entry: ConversationEntry = sample_entry(1, "shibuya", at(60), 3);
    entry.payload = awkward_payload();
    entry.sender = Sender::Staff(staff_id("staff-1"));
    entry.direction = Direction::Outbound;
    entry.expires_at = Some(at(86_400));
    let item = entry_item(&entry).unwrap();
    assert_eq!(get_s(&item, "line_msg"), Some("m3"));
    assert_eq!(get_s(&item, "store_pk"), Some("S#acme#shibuya"));
    assert!(get_s(&item, "store_sk")
        .unwrap()
        .ends_with(&format!("#{}", entry.id)));
    assert_eq!(
        item.get("expires_at"),
        Some(&AttributeValue::N(at(86_400).as_second().to_string()))
    );
    assert_eq!(entry_of(&item).unwrap(), entry);

    let mut hidden = item.clone();
    hidden.insert("hidden".into(), AttributeValue::Bool(true));
    assert!(entry_of(&hidden).unwrap().hidden);
}

#[test]
fn every_sender_kind_round_trips() {
    for sender in [
        Sender::Customer,
        Sender::Greeting,
        Sender::Rule("r-1".into()),
        Sender::Intent("hours".into()),
        Sender::AfterHours,
        Sender::Fallback,
        Sender::Staff(staff_id("s")),
        Sender::Campaign(campaign_id("c")),
    ] {
        round_trip(&ConversationEntry {
            sender,
            ..sample_entry(1, "s", at(0), 1)
        });
    }
}

#[test]
fn an_enrolment_round_trips_and_only_an_active_one_is_due() {
    let enrolment: Enrolment = sample_enrolment("seq-1", 1, "ch-1", at(100));
    let item = enrolment_item(&enrolment).unwrap();
    assert!(get_s(&item, "due_pk").unwrap().starts_with("DUE#"));
    let back: Enrolment = from_doc(&item, "enrolment").unwrap();
    assert_eq!(back, enrolment);

    let stopped = Enrolment {
        status: otodoke_core::sequence::EnrolmentStatus::Stopped,
        ..enrolment
    };
    assert!(!enrolment_item(&stopped).unwrap().contains_key("due_pk"));
}

#[test]
fn a_quota_counter_reads_missing_attributes_as_zero_and_no_limit() {
    assert_eq!(counter_of(&Item::new()).unwrap(), QuotaCounter::default());
    let item = Item::from([
        ("used".to_string(), AttributeValue::N("480".into())),
        ("reserved".to_string(), AttributeValue::N("20".into())),
        ("quota_limit".to_string(), AttributeValue::N("5000".into())),
    ]);
    assert_eq!(
        counter_of(&item).unwrap(),
        QuotaCounter {
            limit: Some(5_000),
            used: 480,
            reserved: 20
        }
    );
}

#[test]
fn an_item_without_a_record_is_corrupt_not_a_panic() {
    let result: Result<Friend, _> = from_doc(&Item::new(), "friend");
    assert!(matches!(result, Err(otodoke_core::StoreError::Corrupt(_))));
    let wrong = Item::from([(DOC.to_string(), AttributeValue::S("not a map".into()))]);
    let result: Result<Friend, _> = from_doc(&wrong, "friend");
    assert!(matches!(result, Err(otodoke_core::StoreError::Corrupt(_))));
}
