//! `GET /admin/campaigns/{id}/report`: otodoke's counters and LINE's numbers
//! for a campaign, with the rates over what was delivered; another
//! organization's staff are told 404.

use crate::support::*;
use otodoke_core::campaign::Progress;
use otodoke_core::insight::{CampaignStats, StatsStatus, UrlClicks};
use otodoke_core::organization::Role;
use otodoke_core::ports::{CampaignStatsStore, CampaignStore};
use serde_json::json;

#[tokio::test]
async fn the_report_shows_progress_step_counters_and_lines_rates() {
    let world = World::new().await;
    let app = world.app(caller("acme", Role::Operator, &[]));
    let created = call(
        &app,
        "POST",
        "/admin/campaigns",
        Some(json!({
            "name": "秋のセール", "channel_id": "ch-acme",
            "messages": [{"type": "text", "text": "https://shop.example/autumn"}],
            "schedule": {"kind": "now"}
        })),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.json);
    let id = otodoke_core::CampaignId::new(created.json["id"].as_str().unwrap()).unwrap();
    let org = otodoke_core::OrgId::new("acme").unwrap();
    world
        .embedded
        .campaigns
        .add_progress(
            &id,
            Progress {
                planned: 200,
                sent: 200,
                quota_used: 200,
                ..Progress::default()
            },
        )
        .await
        .unwrap();
    let sent_at = "2026-03-01T03:00:00Z".parse().unwrap();
    let channel = otodoke_core::ChannelId::new("ch-acme").unwrap();
    let mut stats = CampaignStats::watch(org.clone(), id.clone(), None, channel, sent_at);
    stats.unique_impressions = Some(120);
    stats.unique_clicks = Some(30);
    stats.clicks = vec![UrlClicks {
        url: "https://shop.example/autumn".into(),
        clicks: Some(41),
        unique_clicks: Some(30),
    }];
    stats.schedule_next(StatsStatus::Ready, "2026-03-01T21:00:00Z".parse().unwrap());
    world
        .embedded
        .campaign_stats
        .save_stats(&stats)
        .await
        .unwrap();

    let path = format!("/admin/campaigns/{id}/report");
    let report = call(&app, "GET", &path, None).await;
    assert_eq!(report.status, 200, "{}", report.json);
    assert_eq!(report.json["progress"]["quota_used"], 200);
    assert_eq!(report.json["steps"], json!([]));
    let line = &report.json["line"][0];
    assert_eq!(line["stats"]["unit"], stats.unit.as_str());
    assert_eq!(line["stats"]["status"], "ready");
    assert_eq!(line["delivered"], 200);
    assert_eq!(line["open_rate"], 0.6);
    assert_eq!(line["click_rate"], 0.15);
    assert!(line["stats"]["fetched_at"].is_string());

    let stranger = world.app(caller("beta", Role::Owner, &[]));
    assert_eq!(call(&stranger, "GET", &path, None).await.status, 404);
}
