//! The conversation CSV export (`GET /admin/stores/{id}/conversations.csv`) through
//! the admin router on the embedded adapters, with customer-chosen display names and
//! message texts: it answers 200, starts with the byte-order mark, and a CSV reader
//! gets back exactly the visible entries, cell for cell, in time order.
#![no_main]

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use jiff::Timestamp;
use libfuzzer_sys::fuzz_target;
use otodoke_autoreply::ReplyConfig;
use otodoke_core::conversation::{ConversationEntry, Direction, Sender};
use otodoke_core::friend::{Friend, FriendKey};
use otodoke_core::organization::{Role, Staff, Store};
use otodoke_core::ports::{ConversationStore, FriendStore, OrganizationStore};
use otodoke_core::*;
use otodoke_embedded::{Embedded, EmbeddedQueue, QueueConfig};
use otodoke_fn_admin_api::routes::conversations::spreadsheet_safe;
use otodoke_fn_admin_api::{router, AppState, AuthMode, Identity, MemorySecrets, Ports};
use tower::ServiceExt;

const TOKEN: &str = "fuzz";
const ZONES: [&str; 3] = ["Asia/Tokyo", "UTC", "America/St_Johns"];

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    })
}

/// One conversation entry as the fuzzer chose it.
struct Line {
    user: usize,
    name: String,
    text: String,
    sender: Sender,
    hidden: bool,
}

fn lines(data: &str) -> Vec<Line> {
    data.split('\n')
        .take(12)
        .filter_map(|line| {
            let mut chars = line.chars();
            let choice = chars.next()? as usize;
            let (name, text) = chars.as_str().split_once('\t')?;
            let label = format!("x{choice}");
            let sender = match choice % 8 {
                0 => Sender::Customer,
                1 => Sender::Greeting,
                2 => Sender::Rule(label),
                3 => Sender::Intent(label),
                4 => Sender::AfterHours,
                5 => Sender::Fallback,
                6 => Sender::Staff(StaffId::new(label).unwrap()),
                _ => Sender::Campaign(CampaignId::new(label).unwrap()),
            };
            Some(Line {
                user: choice % 3,
                name: name.to_owned(),
                text: text.to_owned(),
                sender,
                hidden: choice % 11 == 10,
            })
        })
        .collect()
}

fn key(user: usize) -> FriendKey {
    FriendKey {
        org: OrgId::new("acme").unwrap(),
        provider: ProviderId::new("prov").unwrap(),
        user_id: LineUserId::parse(&format!("U{user:032x}")).unwrap(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&zone, rest)) = data.split_first() else {
        return;
    };
    let zone = ZONES[usize::from(zone) % ZONES.len()];
    let lines = lines(&String::from_utf8_lossy(rest));
    runtime().block_on(export(zone, &lines));
});

async fn export(zone: &str, lines: &[Line]) {
    let embedded = Embedded::new();
    let org = OrgId::new("acme").unwrap();
    let store = StoreId::new("shop").unwrap();
    embedded
        .orgs
        .save_store(&Store {
            id: store.clone(),
            org_id: org.clone(),
            parent: None,
            name: "shop".into(),
            time_zone: zone.into(),
            retention_days: None,
            staff_notify_url: None,
            monthly_budget: None,
            reply: ReplyConfig::default(),
            version: 0,
            inherits: Default::default(),
            inbox: Default::default(),
        })
        .await
        .unwrap();
    let start: Timestamp = "2026-11-10T00:00:00Z".parse().unwrap();
    let mut names = [None, None, None];
    for (i, line) in lines.iter().enumerate() {
        // The first name given for a user is theirs.
        if names[line.user].is_none() {
            names[line.user] = Some(line.name.clone());
            let mut friend = Friend::new(key(line.user), start);
            friend.display_name = Some(line.name.clone());
            friend.store_id = Some(store.clone());
            embedded.friends.save(&friend).await.unwrap();
        }
        let entry = ConversationEntry {
            id: format!("01ENTRY{i:04}"),
            friend: key(line.user),
            channel: ChannelId::new("ch").unwrap(),
            store_id: Some(store.clone()),
            at: start + jiff::SignedDuration::from_secs(60 * i as i64 + 1),
            direction: match line.sender {
                Sender::Customer => Direction::Inbound,
                _ => Direction::Outbound,
            },
            line_message_id: None,
            text: line.text.clone(),
            payload: serde_json::json!({"type": "text", "text": line.text}),
            sender: line.sender.clone(),
            hidden: line.hidden,
            expires_at: None,
            delivery: None,
            declined_intent: false,
            media: None,
        };
        embedded.conversations.append(&entry).await.unwrap();
    }

    // The staff record authorizes the dev token's identity.
    let staff = StaffId::new("staff").unwrap();
    embedded
        .orgs
        .put_staff(&Staff {
            id: staff.clone(),
            org_id: org.clone(),
            display_name: "staff".into(),
            role: Role::Admin,
            stores: Vec::new(),
            sender_name: None,
            sender_icon_url: None,
            assigned_only: false,
            active: true,
            email: None,
        })
        .await
        .unwrap();
    let ports = Ports::embedded(
        &embedded,
        Arc::new(MemorySecrets::default()),
        Arc::new(EmbeddedQueue::new(QueueConfig::standard())),
        // No LINE call is made by the export.
        "http://127.0.0.1:9",
    );
    let app = router(AppState::new(
        ports,
        AuthMode::DevToken {
            token: TOKEN.into(),
            identity: Identity { org, staff },
        },
    ));
    let request =
        Request::get("/admin/stores/shop/conversations.csv?from=2026-11-01&to=2026-11-30")
            .header("authorization", format!("Bearer {TOKEN}"))
            .body(Body::empty())
            .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let csv = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the export starts with a byte-order mark");

    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let visible: Vec<&Line> = lines.iter().filter(|l| !l.hidden).collect();
    assert_eq!(rows.len(), visible.len(), "one row per visible entry");
    for (row, line) in rows.iter().zip(visible) {
        // 日時, 方向, LINEユーザーID, 表示名, 送信者, メッセージ, メディア.
        assert_eq!(row.len(), 7);
        assert_eq!(&row[2], key(line.user).user_id.as_str());
        // Cells Excel would evaluate come back with a leading `'`.
        let name = names[line.user].as_deref().map(spreadsheet_safe);
        assert_eq!(Some(&row[3]), name.as_deref());
        assert_eq!(&row[5], spreadsheet_safe(&line.text));
    }
}
