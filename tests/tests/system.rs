//! The system end to end as AWS runs it: LINE (the sandbox) → API Gateway → the
//! webhook function → SQS → the responder → LINE; campaigns through the planner and
//! sender; step sequences through the scheduler; customers' media through the media
//! keeper; tracked links through the redirect and the menus function. Staff set the
//! shop up, send campaigns, answer the inbox and read reports through the admin API
//! behind API Gateway's JWT authorizer. Every function calls AWS with its own IAM
//! user holding its policy from `infra/template.yaml`; a call the template does not
//! allow fails, and every test ends by asserting there was none.
//!
//! `cargo test -p otodoke-system-tests -- --nocapture` prints the request counts
//! per unit of work that `docs/cost.md` prices.

use jiff::{SignedDuration, Timestamp};
use otodoke_autoreply::hours::BusinessHours;
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::campaign::CampaignStatus;
use otodoke_core::organization::Plan;
use otodoke_line_sandbox::{Endpoint, EndpointFaults, Faults, NewFriend, WebhookOutcome};
use otodoke_system_tests::deployed;
use otodoke_system_tests::observe::Counts;
use otodoke_system_tests::operator::Operator;
use otodoke_system_tests::seed;
use otodoke_system_tests::system::System;
use otodoke_system_tests::world::Stage;
use serde_json::{json, Value};
use std::time::Duration;

fn reply_config() -> ReplyConfig {
    ReplyConfig {
        store_name: "Otodoke Cafe".into(),
        greeting: Some(Answer::text("{name}さん、友だち追加ありがとうございます！")),
        rules: vec![Rule {
            id: "hours".into(),
            kind: MatchKind::Partial,
            keywords: vec!["営業時間".into()],
            answer: Answer::text("10時から20時までです"),
            ..Rule::default()
        }],
        fallback: Some(Answer::text("スタッフが確認してお返事します")),
        ..ReplyConfig::default()
    }
}

/// A stage whose owner has set up the shop through the admin API.
async fn system(
    stage: &str,
    reply: ReplyConfig,
    plan: Plan,
    faults: Option<Faults>,
) -> (System, Operator) {
    let system = System::start(Stage::create(stage, faults).await).await;
    let owner = system.open_shop(&reply, plan).await;
    (system, owner)
}

fn texts(system: &System, user: &str) -> Vec<String> {
    system
        .stage
        .sandbox
        .messages_to_friend(&system.stage.channel.channel_id, user)
        .into_iter()
        .map(|m| m.message["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn friend(system: &System, name: &str) -> String {
    system
        .stage
        .sandbox
        .add_friend(
            &system.stage.channel.channel_id,
            NewFriend {
                display_name: Some(name.into()),
                ..NewFriend::default()
            },
        )
        .unwrap()
}

/// `user` sends `text` in the sandbox; LINE's delivery must be acknowledged.
async fn says(system: &System, user: &str, text: &str) -> WebhookOutcome {
    let channel = &system.stage.channel.channel_id;
    let sent = system
        .stage
        .sandbox
        .friend_sends_text(channel, user, text)
        .await
        .unwrap();
    assert_eq!(sent.status, 200, "{}", sent.body);
    sent
}

fn assert_template_allowed_everything(system: &System) {
    let denied = system.stage.ledger.denied();
    assert!(
        denied.is_empty(),
        "calls the template does not allow: {denied:#?}"
    );
}

/// Prints one unit of work's counts (for docs/cost.md).
fn print_counts(what: &str, per: f64, counts: &Counts) {
    println!("== {what} (divided by {per})");
    for ((function, action), n) in &counts.requests {
        println!("  {function:10} {action:32} {:10.4}", *n as f64 / per);
    }
    println!(
        "  dynamodb write units {:.4}, read units {:.4}, items written {:?}",
        counts.write_units / per,
        counts.read_units / per,
        counts.items_written
    );
}

/// The owner writes a campaign to every friend of the channel (`extra` fields
/// added to the body) and sends it now, as at the console; answers its id.
async fn campaign_sent_now(system: &System, owner: &Operator, extra: Value) -> String {
    let mut body = json!({
        "name": "冬のセール",
        "channel_id": system.stage.channel.channel_id,
        "messages": [{"type": "text", "text": "冬のセール開催中です"}],
        "schedule": {"kind": "now"},
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        body[k] = v.clone();
    }
    let created = owner.post("/admin/campaigns", body).await;
    let id = created["id"].as_str().expect("a campaign id").to_owned();
    let started = owner.act(&format!("/admin/campaigns/{id}/send-now")).await;
    assert_eq!(started["status"], "running", "{started}");
    id
}

/// `count` people follow the channel on LINE before otodoke knew it, and the owner
/// imports them at the console (`import-followers`, called until done).
async fn friends_imported(system: &System, owner: &Operator, count: u64) {
    let channel = &system.stage.channel.channel_id;
    system.stage.sandbox.add_friends(channel, count).unwrap();
    let before = system.stage.ledger.counts();
    loop {
        let answer = owner
            .act(&format!("/admin/channels/{channel}/import-followers"))
            .await;
        match answer["status"].as_str() {
            Some("in_progress") => continue,
            Some("done") => {
                assert_eq!(answer["created"], count, "{answer}");
                break;
            }
            _ => panic!("the import: {answer}"),
        }
    }
    print_counts(
        "one friend imported (admin API, import-followers)",
        count as f64,
        &system.stage.ledger.counts().since(&before),
    );
}

/// Today in Japan, the day reports count in.
fn today_in_japan() -> String {
    Timestamp::now()
        .in_tz("Asia/Tokyo")
        .unwrap()
        .date()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_is_greeted_and_a_keyword_answered_within_the_webhook_write_budget() {
    let (system, _owner) = system("greet", reply_config(), Plan::Unlimited, None).await;
    let channel = system.stage.channel.channel_id.clone();
    let user = friend(&system, "花子");

    let before = system.stage.ledger.counts();
    let follow = system
        .stage
        .sandbox
        .friend_follows(&channel, &user)
        .await
        .unwrap();
    assert_eq!(follow.status, 200, "{}", follow.body);
    let after_webhook = system.stage.ledger.counts();
    system.run_responder().await;
    let follow_counts = system.stage.ledger.counts().since(&before);
    print_counts("one follow (webhook + responder)", 1.0, &follow_counts);
    assert_eq!(
        texts(&system, &user),
        ["花子さん、友だち追加ありがとうございます！"]
    );
    let webhook_writes = after_webhook
        .since(&before)
        .items_written
        .get("webhook")
        .copied();
    assert!(
        webhook_writes.unwrap_or(0) <= 2,
        "webhook wrote {webhook_writes:?} items for one event"
    );

    // Ten messages, the unit docs/cost.md prices: half ask for the hours.
    let before = system.stage.ledger.counts();
    for n in 0..10 {
        let text = if n % 2 == 0 {
            "営業時間は？"
        } else {
            "こんにちは"
        };
        says(&system, &user, text).await;
    }
    let after_webhook = system.stage.ledger.counts();
    system.run_responder().await;
    let counts = system.stage.ledger.counts().since(&before);
    print_counts(
        "one inbound text message (webhook + responder)",
        10.0,
        &counts,
    );
    let webhook = after_webhook.since(&before);
    let writes = webhook.items_written.get("webhook").copied().unwrap_or(0);
    // Today 3 per message (see the ignored test below); never more.
    assert!(
        writes <= 30,
        "webhook path: {writes} DynamoDB writes for 10 inbound events"
    );
    let replies = texts(&system, &user);
    assert_eq!(replies.len(), 11);
    assert_eq!(
        replies
            .iter()
            .filter(|t| *t == "10時から20時までです")
            .count(),
        5
    );
    assert_template_allowed_everything(&system);
    let invocations = system.invocations.lock().clone();
    println!("invocations: {invocations:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_path_writes_at_most_two_items_per_inbound_message() {
    let (system, _owner) = system("budget", reply_config(), Plan::Unlimited, None).await;
    let user = friend(&system, "五郎");
    let before = system.stage.ledger.counts();
    says(&system, &user, "こんにちは").await;
    let writes = system.stage.ledger.counts().since(&before).items_written;
    assert!(
        writes.get("webhook").copied().unwrap_or(0) <= 2,
        "{writes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_hours_the_store_answers_once_per_cool_down() {
    let mut reply = reply_config();
    // No open interval on any day: always after hours.
    reply.hours = Some(BusinessHours::default());
    reply.after_hours.answer = Some(Answer::text("営業時間外です"));
    let (system, _owner) = system("afterhours", reply, Plan::Unlimited, None).await;
    let user = friend(&system, "太郎");
    for text in ["営業時間は？", "もしもし"] {
        says(&system, &user, text).await;
    }
    system.run_responder().await;
    assert_eq!(texts(&system, &user), ["営業時間外です"]);
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redelivered_webhook_is_answered_once() {
    let (system, _owner) = system("redeliver", reply_config(), Plan::Unlimited, None).await;
    let channel = system.stage.channel.channel_id.clone();
    let user = friend(&system, "次郎");
    let sent = says(&system, &user, "営業時間は？").await;
    let again = system
        .stage
        .sandbox
        .redeliver(&channel, &sent.webhook_event_id)
        .await
        .unwrap();
    assert_eq!(again.status, 200, "a redelivery is acknowledged");
    let report = system.run_responder().await;
    assert_eq!(
        report.handled, 1,
        "one event queued for two deliveries: {report:?}"
    );
    assert_eq!(texts(&system, &user), ["10時から20時までです"]);
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poison_message_dead_letters_without_blocking_its_batch() {
    let (system, _owner) = system("poison", reply_config(), Plan::Unlimited, None).await;
    let users: Vec<String> = (0..3).map(|n| friend(&system, &format!("友{n}"))).collect();
    // A message no webhook would write, in its own chat's group, between real ones.
    system
        .stage
        .admin
        .sqs
        .send_message()
        .queue_url(&system.stage.events.url)
        .message_body("{not an event envelope")
        .message_group_id("poison")
        .message_deduplication_id("poison-1")
        .send()
        .await
        .unwrap();
    for user in &users {
        says(&system, user, "営業時間は？").await;
    }
    let report = system.run_responder().await;
    assert_eq!(report.handled, 3, "{report:?}");
    assert_eq!(
        report.failed,
        u64::from(system.stage.events.max_receive_count),
        "the poison message is tried maxReceiveCount times: {report:?}"
    );
    for user in &users {
        assert_eq!(texts(&system, user), ["10時から20時までです"]);
    }
    assert_eq!(
        system.dead_letters(&system.stage.events).await,
        ["{not an event envelope"]
    );
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_2500_friend_campaign_is_planned_in_two_runs_and_sent_exactly_once_under_faults() {
    let faults = Faults::seeded(11).on(Endpoint::Multicast, EndpointFaults::errors(0.3));
    let (mut system, owner) =
        system("campaign", reply_config(), Plan::Unlimited, Some(faults)).await;
    seed::friends(&system.stage, 2_500).await;
    // A budget that ends the first run after its first batch.
    system.planner_config.time_budget = Some(Duration::from_millis(1));
    let id = campaign_sent_now(&system, &owner, json!({})).await;
    let before = system.stage.ledger.counts();
    let planning = system.run_planner().await;
    assert!(
        planning.batches >= 2,
        "planned in {} runs",
        planning.batches
    );
    system.run_sender(1).await;
    let counts = system.stage.ledger.counts().since(&before);
    print_counts(
        "one campaign recipient (planner + sender)",
        2_500.0,
        &counts,
    );
    let sent = seed::campaign(&system.stage, &id).await;
    assert_eq!(sent.status, CampaignStatus::Completed);
    assert_eq!(
        system.stage.sandbox.delivery_count(),
        2_500,
        "each friend got it once"
    );
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_is_sent_exactly_once_under_faults_and_counted_per_recipient() {
    // As above within one planner run; written, sent and reported on at the console.
    let faults = Faults::seeded(11).on(Endpoint::Multicast, EndpointFaults::errors(0.3));
    let (system, owner) = system("campaign1", reply_config(), Plan::Unlimited, Some(faults)).await;
    seed::friends(&system.stage, 1_200).await;
    let before = system.stage.ledger.counts();
    let id = campaign_sent_now(&system, &owner, json!({})).await;
    print_counts(
        "writing and sending a campaign at the console (admin API)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    let before = system.stage.ledger.counts();
    let planning = system.run_planner().await;
    assert_eq!(planning.handled, 1);
    system.run_sender(1).await;
    let counts = system.stage.ledger.counts().since(&before);
    print_counts(
        "one campaign recipient (planner + sender)",
        1_200.0,
        &counts,
    );
    assert_eq!(
        system.stage.sandbox.delivery_count(),
        1_200,
        "each friend got it once"
    );
    // What the owner reads afterwards: the campaign's report.
    let before = system.stage.ledger.counts();
    let report = owner.get(&format!("/admin/campaigns/{id}/report")).await;
    print_counts(
        "reading a campaign's report (admin API)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    assert_eq!(report["status"], "completed", "{report}");
    assert_eq!(report["progress"]["sent"], 1_200, "{report}");
    let listed = owner.get("/admin/campaigns").await;
    assert!(
        listed["items"].as_array().is_some_and(|items| items
            .iter()
            .any(|c| c["id"] == id.as_str() && c["status"] == "completed")),
        "{listed}"
    );
    assert_template_allowed_everything(&system);
    let invocations = system.invocations.lock().clone();
    println!("invocations: {invocations:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_pauses_when_the_monthly_quota_runs_out_and_resumes_on_a_larger_plan() {
    // The free plan's 200 messages, a campaign to 300 in batches of 100.
    let (mut system, owner) = system("quota", reply_config(), Plan::Communication, None).await;
    friends_imported(&system, &owner, 300).await;
    system.planner_config.batch_size = 100;
    let id = campaign_sent_now(&system, &owner, json!({})).await;
    system.run_planner().await;
    system.run_sender(1).await;
    let campaign = seed::campaign(&system.stage, &id).await;
    assert_eq!(campaign.status, CampaignStatus::Paused);
    assert_eq!(campaign.progress.sent, 200, "{:?}", campaign.progress);
    assert_eq!(system.stage.sandbox.delivery_count(), 200);
    // The unsent batch waits in DynamoDB (parked with its campaign), not in the DLQ,
    // whose 14 days would otherwise bound how long a campaign may stay paused.
    assert!(
        system.dead_letters(&system.stage.fanout).await.is_empty(),
        "nothing is dead-lettered"
    );
    use otodoke_core::ports::CampaignStore;
    let parked = system
        .stage
        .admin
        .stores(&system.stage.names)
        .campaigns
        .parked(&campaign.id, 10)
        .await
        .unwrap();
    assert_eq!(parked.len(), 1, "the unsent batch is parked");
    // What the owner sees: the campaign paused, and the channel's quota used up.
    let shown = owner.get(&format!("/admin/campaigns/{id}")).await;
    assert_eq!(shown["status"], "paused", "{shown}");
    let quota = owner
        .get(&format!(
            "/admin/channels/{}/quota",
            system.stage.channel.channel_id
        ))
        .await;
    assert_eq!(quota["used"], 200, "{quota}");

    // The owner moves the channel to the light plan (done in LINE, recorded here;
    // the sandbox's channel has no limit of its own) and resumes the campaign: the
    // parked batch goes out, and nobody gets it twice.
    let changed = owner
        .call(
            "PATCH",
            &format!("/admin/channels/{}", system.stage.channel.channel_id),
            Some(json!({"plan": {"kind": "light"}})),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.json);
    let resumed = owner.act(&format!("/admin/campaigns/{id}/resume")).await;
    assert_eq!(resumed["status"], "running", "{resumed}");
    system.run_planner().await;
    system.run_sender(1).await;
    let report = owner.get(&format!("/admin/campaigns/{id}/report")).await;
    assert_eq!(report["status"], "completed", "{report}");
    assert_eq!(report["progress"]["sent"], 300, "{report}");
    assert_eq!(
        system.stage.sandbox.delivery_count(),
        300,
        "each friend once"
    );
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_starts_a_step_sequence_the_scheduler_sends() {
    let (system, owner) = system("steps", reply_config(), Plan::Unlimited, None).await;
    // Written and scheduled at the console: a sequence runs, enrolling followers
    // from now on. (It used to stay `scheduled` for ever: nothing started it.)
    let welcome = owner
        .post(
            "/admin/campaigns",
            json!({
                "name": "ようこそ",
                "channel_id": system.stage.channel.channel_id,
                "messages": [{"type": "text", "text": "ステップ1"}],
                "schedule": {"kind": "sequence", "steps": [
                    {"offset_days": 0, "at_local_time": null,
                     "messages": [{"type": "text", "text": "ステップ1"}]},
                    {"offset_days": 1, "at_local_time": null,
                     "messages": [{"type": "text", "text": "ステップ2"}]},
                ]},
            }),
        )
        .await;
    let id = welcome["id"].as_str().expect("a campaign id").to_owned();
    let scheduled = owner.act(&format!("/admin/campaigns/{id}/schedule")).await;
    assert_eq!(scheduled["status"], "running", "{scheduled}");
    let channel = system.stage.channel.channel_id.clone();
    let user = friend(&system, "三郎");
    system
        .stage
        .sandbox
        .friend_follows(&channel, &user)
        .await
        .unwrap();
    system.run_responder().await;
    let now = Timestamp::now();
    system
        .run_scheduler(now + SignedDuration::from_secs(60))
        .await;
    system
        .run_scheduler(now + SignedDuration::from_hours(25))
        .await;
    let got = texts(&system, &user);
    assert!(
        got.contains(&"ステップ1".to_owned()) & got.contains(&"ステップ2".to_owned()),
        "{got:?}"
    );
    // The last step reported the finished sequence to the menus function, which
    // handles it under its own role (no automation fires; the menu is followed).
    let report = system.run_menus().await;
    assert_eq!((report.handled, report.failed), (1, 0), "{report:?}");
    // What EventBridge's every-minute tick costs when nothing is due.
    let before = system.stage.ledger.counts();
    system
        .run_scheduler(now + SignedDuration::from_hours(26))
        .await;
    let idle = system.stage.ledger.counts().since(&before);
    print_counts("one idle scheduler run", 1.0, &idle);
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotated_channel_secret_is_accepted() {
    let (system, _owner) = system("rotate", reply_config(), Plan::Unlimited, None).await;
    let channel = system.stage.channel.channel_id.clone();
    let user = friend(&system, "四郎");
    says(&system, &user, "営業時間は？").await;
    // Rotate: LINE signs with a new secret; the operator stores it in Secrets Manager.
    let rotated = "00000000000000000000000000rotated";
    let org = seed::org(&system.stage);
    system
        .stage
        .admin
        .secrets
        .put_secret_value()
        .secret_id(format!(
            "{}{org}/{channel}/channel-secret",
            system.stage.secret_prefix
        ))
        .secret_string(rotated)
        .send()
        .await
        .unwrap();
    // Sign a delivery with the new secret, as LINE does once it is issued.
    let body = format!(
        r#"{{"destination":"{}","events":[]}}"#,
        system.stage.channel.bot_user_id
    );
    let signature = otodoke_line::signature::sign(rotated.as_bytes(), body.as_bytes());
    let status = reqwest::Client::new()
        .post(format!("{}/webhook/{channel}", system.gateway_url))
        .header("x-line-signature", signature)
        .body(body)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200, "a delivery signed with the rotated secret");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demographic_campaign_is_one_narrowcast_followed_through_the_queue_under_its_policies() {
    let (mut system, owner) = system("narrowcast", reply_config(), Plan::Unlimited, None).await;
    friends_imported(&system, &owner, 300).await;
    // Short runs, so that the order goes back in the fan-out queue while LINE sends
    // (the sender's role must allow that) and a later run finishes it.
    system.sender_config.narrowcast.follow_for = Duration::from_millis(150);
    system.sender_config.narrowcast.poll_every = Duration::from_millis(100);
    let women = otodoke_core::demographic::LineDemographics {
        genders: [otodoke_core::demographic::LineGender::Female].into(),
        ..Default::default()
    };
    let id = campaign_sent_now(&system, &owner, json!({ "line_demographics": women })).await;
    system.run_planner().await;
    system.run_sender(10).await;

    let sandbox = &system.stage.sandbox;
    assert_eq!(sandbox.requests(Endpoint::Narrowcast).len(), 1);
    assert_eq!(sandbox.requests(Endpoint::Multicast).len(), 0);
    let women = sandbox.requests(Endpoint::Narrowcast)[0].recipient_count;
    assert!((100..200).contains(&women), "{women} of 300");
    let campaign = seed::campaign(&system.stage, &id).await;
    assert_eq!(campaign.status, CampaignStatus::Completed);
    assert_eq!(campaign.progress.sent, women);
    assert!(
        system.dead_letters(&system.stage.fanout).await.is_empty(),
        "nothing is dead-lettered"
    );
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_answer_from_the_inbox_what_the_bot_left_to_them_once_per_key_and_the_day_counts_it()
{
    let (system, owner) = system("inbox", reply_config(), Plan::Unlimited, None).await;
    let channel = system.stage.channel.channel_id.clone();
    let user = friend(&system, "六郎");
    says(&system, &user, "予約を19時に変えられますか").await;
    system.run_responder().await;
    assert_eq!(texts(&system, &user), ["スタッフが確認してお返事します"]);

    // The inbox lists the customer waiting for a person.
    let before = system.stage.ledger.counts();
    let page = owner
        .get(&format!("/admin/threads?store={}", seed::STORE))
        .await;
    print_counts(
        "listing the inbox (admin API)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    let thread = page["items"]
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .find(|t| t["customer"]["user_id"] == user.as_str())
        })
        .unwrap_or_else(|| panic!("the customer's thread is listed: {page}"))
        .clone();
    assert_eq!(thread["awaiting_staff"], true, "{thread}");
    let before = system.stage.ledger.counts();
    owner.get(&format!("/admin/threads/{channel}/{user}")).await;
    print_counts(
        "opening a thread (admin API)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );

    // A staff reply, sent twice with one key (a retried click): LINE gets it once.
    let reply = json!({"text": "19時に変更いたしました"});
    let before = system.stage.ledger.counts();
    let path = format!("/admin/threads/{channel}/{user}/messages");
    let first = owner
        .call_with(
            "POST",
            &path,
            Some(reply.clone()),
            &[("idempotency-key", "reply-1")],
        )
        .await;
    print_counts(
        "one staff reply (admin API)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    assert_eq!(first.status, 201, "{}", first.json);
    let again = owner
        .call_with(
            "POST",
            &path,
            Some(reply),
            &[("idempotency-key", "reply-1")],
        )
        .await;
    assert!(
        again.status == 200 || again.status == 201,
        "{} {}",
        again.status,
        again.json
    );
    assert_eq!(
        texts(&system, &user),
        ["スタッフが確認してお返事します", "19時に変更いたしました"]
    );

    // The day's report counts the message, the fallback and the staff answer.
    let today = today_in_japan();
    let before = system.stage.ledger.counts();
    let report = owner
        .get(&format!("/admin/reports/daily?from={today}&to={today}"))
        .await;
    print_counts(
        "reading a day's report (admin API)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    let counts = &report["total"]["counts"];
    assert_eq!(counts["inbound"], 1, "{report}");
    assert_eq!(counts["answer_fallback"], 1, "{report}");
    assert_eq!(counts["answer_staff"], 1, "{report}");
    assert_template_allowed_everything(&system);
    let invocations = system.invocations.lock().clone();
    println!("invocations: {invocations:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracked_link_an_automation_sent_redirects_to_its_url_and_counts_the_friends_click() {
    let (system, owner) = system("links", reply_config(), Plan::Unlimited, None).await;
    let automation = owner
        .post(
            "/admin/automations",
            json!({
                "name": "クーポン",
                "trigger": {"type": "keyword", "keywords": ["クーポン"]},
                "actions": [{
                    "type": "send",
                    "messages": [{"type": "text", "text": "今月のクーポンです https://example.com/coupon"}],
                    "track_links": true,
                }],
            }),
        )
        .await;
    let automation_id = automation["id"]
        .as_str()
        .expect("an automation id")
        .to_owned();
    let user = friend(&system, "七郎");
    says(&system, &user, "クーポンください").await;
    system.run_responder().await;
    let got = texts(&system, &user);
    let link = got
        .iter()
        .flat_map(|t| t.split_whitespace())
        .find(|w| w.starts_with(&format!("{}/r/", system.gateway_url)))
        .unwrap_or_else(|| panic!("a tracked link to the redirect: {got:?}"))
        .to_owned();

    // The friend taps it in LINE's browser.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Line/14.0.0")
        .build()
        .unwrap();
    let before = system.stage.ledger.counts();
    let clicked = browser.get(&link).send().await.unwrap();
    print_counts(
        "one tracked-link click (redirect)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    assert_eq!(clicked.status(), 302);
    assert_eq!(
        clicked.headers()["location"],
        "https://example.com/coupon",
        "the registered URL, nothing from the request"
    );
    // The first click of the friend went to the menus function (link_clicked
    // automations), which handles it under its own role.
    let jobs = system.run_menus().await;
    assert_eq!((jobs.handled, jobs.failed), (1, 0), "{jobs:?}");
    // A link that is not registered is no redirect.
    let org = seed::org(&system.stage);
    let forged = browser
        .get(format!("{}/r/{org}/nosuchlink", system.gateway_url))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 404);

    let links = owner
        .get(&format!("/admin/links?automation_id={automation_id}"))
        .await;
    let item = &links["items"][0];
    assert_eq!(item["url"], "https://example.com/coupon", "{links}");
    assert_eq!(
        (&item["clicks"], &item["friends"]),
        (&json!(1), &json!(1)),
        "{links}"
    );

    // A staff edit fires automations from the admin API itself: tagging the friend
    // sends them a tracked link (pushed) under the redirect's configured base
    // (OTODOKE_LINK_BASE_URL, the stack's LinkBaseUrl), as in AWS.
    owner
        .post(
            "/admin/automations",
            json!({
                "name": "VIP",
                "trigger": {"type": "tag_added", "tag": "vip"},
                "actions": [{
                    "type": "send",
                    "messages": [{"type": "text", "text": "VIP特典 https://example.com/vip"}],
                    "track_links": true,
                }],
            }),
        )
        .await;
    let provider = otodoke_contract::builders::provider().to_string();
    let before = system.stage.ledger.counts();
    owner
        .post(
            &format!("/admin/friends/{provider}/{user}/tags"),
            json!({"tag": "vip"}),
        )
        .await;
    print_counts(
        "tagging a friend, which fires an automation that pushes a tracked link (admin API)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    let base = format!("{}/r/{org}/", system.gateway_url);
    let pushed = texts(&system, &user);
    assert!(
        pushed
            .iter()
            .any(|t| t.starts_with("VIP特典 ") && t.contains(&base)),
        "{pushed:?}"
    );
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_api_answers_only_verified_tokens_of_staff_and_invited_staff_sign_in_with_their_role(
) {
    let (system, owner) = system("auth", reply_config(), Plan::Unlimited, None).await;
    let me = owner.get("/admin/me").await;
    assert_eq!(me["staff"]["role"], "owner", "{me}");
    // No token, or one API Gateway's authorizer does not verify: refused before
    // the function runs.
    let invocations = |s: &System| {
        s.invocations
            .lock()
            .per_function
            .get("admin-api")
            .map_or(0, |(n, _)| *n)
    };
    let ran = invocations(&system);
    for token in [None, Some("not-a-jwt".to_owned())] {
        let answer = Operator::new(&system, token)
            .call("GET", "/admin/me", None)
            .await;
        assert_eq!(answer.status, 401, "{}", answer.json);
    }
    assert_eq!(invocations(&system), ran, "the function never ran");
    // A verified token of someone with no staff record: the function refuses it.
    let stranger = system.authorizer.issue(
        &seed::org(&system.stage),
        "staff-nobody",
        "nobody@example.com",
    );
    let answer = Operator::new(&system, Some(stranger))
        .call("GET", "/admin/me", None)
        .await;
    assert_eq!(answer.status, 401, "{}", answer.json);

    // The owner invites an operator: their account is made in the stage's Cognito
    // pool (under the admin API's role), carrying the organization only.
    let org = seed::org(&system.stage);
    let before = system.stage.ledger.counts();
    let invited = owner
        .post(
            "/admin/staff",
            json!({"email": "staff@example.com", "display_name": "スタッフ", "role": "operator"}),
        )
        .await;
    let counts = system.stage.ledger.counts().since(&before);
    print_counts("inviting a staff member (admin API)", 1.0, &counts);
    assert_eq!(
        counts
            .requests
            .get(&("admin-api".into(), "cognito-idp:AdminCreateUser".into())),
        Some(&1),
        "checked against the template's InviteStaff statement: {counts:?}"
    );
    let staff_id = invited["id"].as_str().expect("a staff id").to_owned();
    let account = system
        .stage
        .admin
        .cognito
        .admin_get_user()
        .user_pool_id(&system.stage.user_pool_id)
        .username("staff@example.com")
        .send()
        .await
        .expect("the invited account exists in Cognito");
    let attribute = |name: &str| {
        account
            .user_attributes()
            .iter()
            .find(|a| a.name() == name)
            .and_then(|a| a.value())
            .map(str::to_owned)
    };
    assert_eq!(attribute("sub").as_deref(), Some(staff_id.as_str()));
    assert_eq!(attribute("custom:org").as_deref(), Some(org.as_str()));
    // Signed in, they may read but not change the store's rules (their role).
    let token = system
        .authorizer
        .issue(&org, &staff_id, "staff@example.com");
    let staff = Operator::new(&system, Some(token));
    let me = staff.get("/admin/me").await;
    assert_eq!(me["staff"]["role"], "operator", "{me}");
    staff
        .get(&format!("/admin/stores/{}/rules", seed::STORE))
        .await;
    let refused = staff
        .call(
            "PUT",
            &format!("/admin/stores/{}/rules", seed::STORE),
            Some(json!({"rules": []})),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.json);
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deployed_stack_smoke_test_passes_against_this_world() {
    // The smoke test of docs/deploy.md, with this world's API Gateway standing in
    // for the stack's outputs: so that it is known to pass where the system works.
    let (system, owner) = system("smoke", reply_config(), Plan::Unlimited, None).await;
    let staff = owner.token().expect("signed in").to_owned();
    let channel = &system.stage.channel;
    let outputs = json!([
        {"OutputKey": "WebhookUrl", "OutputValue": format!("{}/webhook/{{channel}}", system.gateway_url)},
        {"OutputKey": "AdminApiUrl", "OutputValue": format!("{}/admin/", system.gateway_url)},
        {"OutputKey": "RedirectBaseUrl", "OutputValue": system.gateway_url},
    ]);
    let outputs =
        deployed::outputs_from_json(&json!({ "Stacks": [{ "Outputs": outputs }] })).unwrap();
    let target = deployed::Target {
        webhook_url: outputs["WebhookUrl"].clone(),
        admin_api_url: outputs["AdminApiUrl"].clone(),
        redirect_base_url: Some(outputs["RedirectBaseUrl"].clone()),
        id_token: Some(staff),
        channel: Some((channel.channel_id.clone(), channel.channel_secret.clone())),
    };
    let report = deployed::smoke(&target)
        .await
        .unwrap_or_else(|f| panic!("{f}"));
    assert!(report.skipped.is_empty(), "{report:?}");
    assert_eq!(report.passed.len(), 5, "{report:?}");
    // Nothing was queued: the signed deliveries carried no events.
    assert_eq!(system.run_responder().await.handled, 0);
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_photo_is_kept_in_the_media_bucket_opened_from_the_history_and_erased_with_them()
{
    let (system, owner) = system("media", reply_config(), Plan::Unlimited, None).await;
    let channel = system.stage.channel.channel_id.clone();
    let user = friend(&system, "八郎");
    let sent = system
        .stage
        .sandbox
        .friend_sends_media(
            &channel,
            &user,
            otodoke_line_sandbox::ContentKind::Image,
            None,
        )
        .await
        .unwrap();
    assert_eq!(sent.status, 200, "{}", sent.body);
    system.run_responder().await;
    // The responder queued a media job; the media function keeps the photo in S3
    // under its own role (moto enforces the S3 statements itself).
    let before = system.stage.ledger.counts();
    let kept = system.run_media().await;
    print_counts(
        "keeping one customer photo (media)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    assert_eq!((kept.handled, kept.failed), (1, 0), "{kept:?}");

    // Staff open the customer's history: a link presigned by the admin API's role.
    let provider = otodoke_contract::builders::provider().to_string();
    let history = owner
        .get(&format!("/admin/friends/{provider}/{user}/history"))
        .await;
    let url = history["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|item| item["media_url"].as_str())
        .unwrap_or_else(|| panic!("a kept photo in the history: {history}"))
        .to_owned();
    // moto cannot judge a presigned request under IAM enforcement (it reads the
    // signature from the Authorization header only, and answers 500): the link's
    // authority is checked against the admin API's template policy here, and the
    // object read with the administrator's keys.
    let bucket = &system.stage.media_bucket;
    let key = url
        .split('?')
        .next()
        .and_then(|path| path.split_once(&format!("/{bucket}/")))
        .map(|(_, key)| key.to_owned())
        .unwrap_or_else(|| panic!("a path-style link into the media bucket: {url}"));
    let object = format!("arn:aws:s3:::{bucket}/{key}");
    assert!(
        system.stage.policies["admin-api"].allows("s3:GetObject", &object),
        "the template does not allow admin-api: s3:GetObject on {object}"
    );
    let photo = system
        .stage
        .admin
        .s3
        .get_object()
        .bucket(bucket)
        .key(&key)
        .send()
        .await
        .unwrap_or_else(|e| panic!("the kept photo {key}: {e}"));
    let bytes = photo.body.collect().await.unwrap().into_bytes();
    assert!(bytes.starts_with(b"\x89PNG"), "the photo itself");
    // moto does enforce the S3 statements (here without the Observer): a function
    // the template gives no S3 access is refused.
    let refused = otodoke_aws::s3_client(&system.stage.clients("webhook").sdk)
        .put_object()
        .bucket(bucket)
        .key("intruder")
        .body(b"x".to_vec().into())
        .send()
        .await;
    assert!(
        refused.is_err_and(|e| format!("{e:?}").contains("AccessDenied")),
        "the webhook's role cannot write the media bucket"
    );

    // The customer asks to be forgotten: the admin API erases them everywhere,
    // their kept photo included (S3 ListBucket and DeleteObject under its role).
    let before = system.stage.ledger.counts();
    let erased = owner
        .call("DELETE", &format!("/admin/friends/{provider}/{user}"), None)
        .await;
    print_counts(
        "erasing a customer (admin API)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    assert_eq!(
        erased.status,
        200,
        "{} (denied: {:?})",
        erased.json,
        system.stage.ledger.denied()
    );
    assert!(
        erased.json["media"].as_u64().is_some_and(|n| n >= 1),
        "the photo (and its preview): {}",
        erased.json
    );
    let gone = system
        .stage
        .admin
        .s3
        .head_object()
        .bucket(bucket)
        .key(&key)
        .send()
        .await;
    assert!(gone.is_err(), "the kept photo is deleted");
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rich_menu_published_at_the_console_reaches_the_friends_its_rules_pick_through_a_relink_job(
) {
    let (system, owner) = system("menus", reply_config(), Plan::Unlimited, None).await;
    let channel = system.stage.channel.channel_id.clone();
    let menus = format!("/admin/channels/{channel}/richmenus");
    let menu = owner
        .post(
            &menus,
            json!({
                "name": "VIPメニュー", "chat_bar_text": "メニュー",
                "size": {"width": 2500, "height": 843},
                "areas": [{"bounds": {"x": 0, "y": 0, "width": 2500, "height": 843},
                           "action": {"type": "message", "text": "クーポン"}}],
            }),
        )
        .await;
    let menu_id = menu["id"].as_str().expect("a menu id").to_owned();
    // The image goes through API Gateway as a binary (base64) payload, and into
    // the media bucket under the admin API's role.
    let image = otodoke_line_sandbox::generated_rich_menu_png(2500, 843);
    let uploaded = owner
        .put_bytes(&format!("{menus}/{menu_id}/image"), "image/png", image)
        .await;
    assert!((200..300).contains(&uploaded.status), "{}", uploaded.json);
    let published = owner.act(&format!("{menus}/{menu_id}/publish")).await;
    assert_eq!(published["is_published"], true, "{published}");

    // A VIP friend, then the rules that give VIPs the menu: saving them starts a
    // relink job the menus function works under its own role.
    let user = friend(&system, "九郎");
    system
        .stage
        .sandbox
        .friend_follows(&channel, &user)
        .await
        .unwrap();
    system.run_responder().await;
    let provider = otodoke_contract::builders::provider().to_string();
    owner
        .post(
            &format!("/admin/friends/{provider}/{user}/tags"),
            json!({"tag": "vip"}),
        )
        .await;
    let rules = owner
        .get(&format!("/admin/channels/{channel}/menu-rules"))
        .await;
    owner
        .put(
            &format!("/admin/channels/{channel}/menu-rules"),
            json!({
                "rules": [{"name": "VIP", "segment": {"audience": {"tags_all": ["vip"]}}, "menu": menu_id}],
                "default": null,
                "version": rules["version"].as_u64().unwrap_or(0),
            }),
        )
        .await;
    let before = system.stage.ledger.counts();
    let jobs = system.run_menus().await;
    print_counts(
        "one relink job for a channel of one friend (menus)",
        1.0,
        &system.stage.ledger.counts().since(&before),
    );
    assert_eq!(jobs.failed, 0, "{jobs:?}");
    assert!(jobs.handled >= 1, "{jobs:?}");
    let shown = system
        .stage
        .sandbox
        .rich_menu_shown_to(&channel, &user)
        .unwrap();
    assert_eq!(shown["name"], "VIPメニュー", "{shown}");
    assert_template_allowed_everything(&system);
}
