//! The system end to end as AWS runs it: LINE (the sandbox) → API Gateway → the
//! webhook function → SQS → the responder → LINE; campaigns through the planner and
//! sender; step sequences through the scheduler. Every function calls AWS with its
//! own IAM user holding its policy from `infra/template.yaml`; a call the template
//! does not allow fails, and every test ends by asserting there was none.
//!
//! `cargo test -p otodoke-system-tests -- --nocapture` prints the request counts
//! per unit of work that `docs/cost.md` prices.

use jiff::{SignedDuration, Timestamp};
use otodoke_autoreply::hours::BusinessHours;
use otodoke_autoreply::rules::{MatchKind, Rule};
use otodoke_autoreply::{Answer, ReplyConfig};
use otodoke_core::campaign::{CampaignStatus, Schedule, Step};
use otodoke_core::organization::Plan;
use otodoke_line_sandbox::{Endpoint, EndpointFaults, Faults, NewFriend, WebhookOutcome};
use otodoke_system_tests::observe::Counts;
use otodoke_system_tests::operator::Operator;
use otodoke_system_tests::seed;
use otodoke_system_tests::system::System;
use otodoke_system_tests::world::Stage;
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
    let (mut system, _owner) =
        system("campaign", reply_config(), Plan::Unlimited, Some(faults)).await;
    seed::friends(&system.stage, 2_500).await;
    seed::running_campaign(&system.stage, "sale-1", |_| {}).await;
    // A budget that ends the first run after its first batch.
    system.planner_config.time_budget = Some(Duration::from_millis(1));
    system.request_planning("sale-1").await;
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
    let sent = seed::campaign(&system.stage, "sale-1").await;
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
    // As above within one planner run (what the template allows today).
    let faults = Faults::seeded(11).on(Endpoint::Multicast, EndpointFaults::errors(0.3));
    let (system, _owner) = system("campaign1", reply_config(), Plan::Unlimited, Some(faults)).await;
    seed::friends(&system.stage, 1_200).await;
    seed::running_campaign(&system.stage, "sale-1", |_| {}).await;
    system.request_planning("sale-1").await;
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
    let sent = seed::campaign(&system.stage, "sale-1").await;
    assert_eq!(sent.progress.sent, 1_200, "{:?}", sent.progress);
    assert_eq!(
        system.stage.sandbox.delivery_count(),
        1_200,
        "each friend got it once"
    );
    assert_template_allowed_everything(&system);
    let invocations = system.invocations.lock().clone();
    println!("invocations: {invocations:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_pauses_when_the_monthly_quota_runs_out() {
    // The free plan's 200 messages, a campaign to 300 in batches of 100.
    let (mut system, _owner) = system("quota", reply_config(), Plan::Communication, None).await;
    seed::friends(&system.stage, 300).await;
    seed::running_campaign(&system.stage, "big", |_| {}).await;
    system.planner_config.batch_size = 100;
    system.request_planning("big").await;
    system.run_planner().await;
    system.run_sender(1).await;
    let campaign = seed::campaign(&system.stage, "big").await;
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
    assert_template_allowed_everything(&system);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_starts_a_step_sequence_the_scheduler_sends() {
    let (system, _owner) = system("steps", reply_config(), Plan::Unlimited, None).await;
    seed::running_campaign(&system.stage, "welcome", |c| {
        c.schedule = Schedule::Sequence {
            steps: vec![
                Step {
                    offset_days: 0,
                    at_local_time: None,
                    messages: vec![serde_json::json!({"type": "text", "text": "ステップ1"})],
                },
                Step {
                    offset_days: 1,
                    at_local_time: None,
                    messages: vec![serde_json::json!({"type": "text", "text": "ステップ2"})],
                },
            ],
        };
    })
    .await;
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
    let (mut system, _owner) = system("narrowcast", reply_config(), Plan::Unlimited, None).await;
    seed::friends(&system.stage, 300).await;
    seed::running_campaign(&system.stage, "women", |c| {
        c.audience.line_demographics = Some(otodoke_core::demographic::LineDemographics {
            genders: [otodoke_core::demographic::LineGender::Female].into(),
            ..Default::default()
        });
    })
    .await;
    // Short runs, so that the order goes back in the fan-out queue while LINE sends
    // (the sender's role must allow that) and a later run finishes it.
    system.sender_config.narrowcast.follow_for = Duration::from_millis(150);
    system.sender_config.narrowcast.poll_every = Duration::from_millis(100);
    system.request_planning("women").await;
    system.run_planner().await;
    system.run_sender(10).await;

    let sandbox = &system.stage.sandbox;
    assert_eq!(sandbox.requests(Endpoint::Narrowcast).len(), 1);
    assert_eq!(sandbox.requests(Endpoint::Multicast).len(), 0);
    let women = sandbox.requests(Endpoint::Narrowcast)[0].recipient_count;
    assert!((100..200).contains(&women), "{women} of 300");
    let campaign = seed::campaign(&system.stage, "women").await;
    assert_eq!(campaign.status, CampaignStatus::Completed);
    assert_eq!(campaign.progress.sent, women);
    assert!(
        system.dead_letters(&system.stage.fanout).await.is_empty(),
        "nothing is dead-lettered"
    );
    assert_template_allowed_everything(&system);
}
