//! The daily report, the store comparison and their CSV forms: totals per day,
//! per store and month, with net friends; the range limits, the caller's scope,
//! and the export rules.

use super::support::*;
use otodoke_core::metrics::{increments, Counter, Day, MetricKey};
use otodoke_core::organization::Role;
use otodoke_core::ports::MetricsStore;
use otodoke_core::{ChannelId, OrgId, StoreId};
use serde_json::Value;

/// Adds one of each of `counters` to `org`'s `channel`/`store` row of `day`.
async fn count(
    world: &World,
    org: &str,
    (channel, store): (&str, Option<&str>),
    day: &str,
    counters: &[Counter],
) {
    let key = MetricKey {
        org: OrgId::new(org).unwrap(),
        day: Day::parse(day).unwrap(),
        channel: ChannelId::new(channel).unwrap(),
        store: store.map(|s| StoreId::new(s).unwrap()),
    };
    let dedupe = format!("test:{org}:{channel}:{store:?}:{day}:{counters:?}");
    let applied = world
        .embedded
        .metrics
        .add(&increments(&key, counters), &dedupe)
        .await
        .unwrap();
    assert!(applied);
}

/// acme: shibuya gains two friends and loses one over two days, osaka's own
/// channel answers a message, a friend of no store follows; globex, with its own
/// ids, counts a lot.
async fn seeded() -> World {
    let world = World::new().await;
    use Counter::*;
    let shibuya = ("ch-acme", Some("shibuya"));
    count(&world, "acme", shibuya, "2026-11-01", &[Follows, Follows]).await;
    count(&world, "acme", shibuya, "2026-11-02", &[Blocks, Inbound]).await;
    count(&world, "acme", shibuya, "2026-11-03", &[AnswerRule]).await;
    count(&world, "acme", shibuya, "2026-10-15", &[Follows]).await;
    let osaka = ("ch-osaka", Some("osaka"));
    count(
        &world,
        "acme",
        osaka,
        "2026-11-02",
        &[Inbound, AnswerIntent],
    )
    .await;
    count(&world, "acme", ("ch-acme", None), "2026-11-02", &[Follows]).await;
    let many = [Follows; 50];
    let globex = ("ch-globex", Some("shibuya"));
    count(&world, "globex", globex, "2026-11-02", &many).await;
    world
}

fn day<'a>(report: &'a Value, d: &str) -> &'a Value {
    report["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["day"] == d)
        .unwrap_or_else(|| panic!("no day {d} in {report}"))
}

#[tokio::test]
async fn the_daily_report_lists_every_day_with_totals_and_net_friends() {
    let world = seeded().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        "/admin/reports/daily?from=2026-11-01&to=2026-11-04",
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let days: Vec<&str> = r.json["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["day"].as_str().unwrap())
        .collect();
    assert_eq!(
        days,
        ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"]
    );
    assert_eq!(day(&r.json, "2026-11-01")["net_friends"], 2);
    let nov2 = day(&r.json, "2026-11-02");
    assert_eq!(nov2["counts"]["inbound"], 2);
    assert_eq!(nov2["counts"]["follows"], 1, "globex's 50 are not acme's");
    assert_eq!(nov2["net_friends"], 0);
    assert_eq!(
        day(&r.json, "2026-11-04")["counts"]["follows"],
        0,
        "an empty day is zeros"
    );
    assert!(
        r.json.get("stores").is_none(),
        "the store comparison is its own route"
    );
    assert_eq!(r.json["total"]["net_friends"], 2);
    assert_eq!(r.json["total"]["counts"]["answer_rule"], 1);
    assert_eq!(r.json["total"]["counts"]["answer_intent"], 1);
}

#[tokio::test]
async fn the_report_filters_by_store_and_channel() {
    let world = seeded().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let path = "/admin/reports/daily?from=2026-11-01&to=2026-11-30";
    let osaka = call(&app, "GET", &format!("{path}&store=osaka"), None).await;
    assert_eq!(osaka.status, 200);
    assert_eq!(osaka.json["total"]["counts"]["inbound"], 1);
    assert_eq!(osaka.json["total"]["counts"]["follows"], 0);
    let shared = call(&app, "GET", &format!("{path}&channel=ch-acme"), None).await;
    assert_eq!(shared.json["total"]["counts"]["inbound"], 1);
    assert_eq!(
        shared.json["total"]["counts"]["follows"], 3,
        "a channel's series holds its friends of no store"
    );
    let both = format!("{path}&channel=ch-acme&store=shibuya");
    let shibuya = call(&app, "GET", &both, None).await;
    assert_eq!(shibuya.json["total"]["counts"]["follows"], 2);
    let foreign = call(&app, "GET", &format!("{path}&channel=ch-globex"), None).await;
    assert_eq!(
        foreign.status, 404,
        "another organization's channel is not found"
    );
}

#[tokio::test]
async fn a_store_restricted_caller_sees_only_its_stores_counts() {
    let world = seeded().await;
    let app = world.app(caller("acme", Role::Viewer, &["osaka"]));
    let path = "/admin/reports/daily?from=2026-11-01&to=2026-11-30";
    let r = call(&app, "GET", path, None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["total"]["counts"]["inbound"], 1, "osaka's own");
    assert_eq!(
        r.json["total"]["counts"]["follows"], 0,
        "shibuya's and no store's are hidden"
    );
    let other = call(&app, "GET", &format!("{path}&store=shibuya"), None).await;
    assert_eq!(other.status, 404);
    // The organization's shared channel is visible, but only with osaka's counts
    // on it (none): not the channel's roll-up, which holds shibuya's and no store's.
    let shared = call(&app, "GET", &format!("{path}&channel=ch-acme"), None).await;
    assert_eq!(shared.status, 200, "{}", shared.json);
    assert_eq!(shared.json["total"]["counts"]["follows"], 0);
    assert_eq!(shared.json["total"]["counts"]["inbound"], 0);

    let months = "/admin/reports/stores?from_month=2026-10&to_month=2026-11";
    let r = call(&app, "GET", months, None).await;
    assert_eq!(r.status, 200, "{}", r.json);
    let stores: Vec<&Value> = r.json["stores"].as_array().unwrap().iter().collect();
    assert_eq!(stores.len(), 1, "{}", r.json);
    assert_eq!(stores[0]["store"], "osaka");
    assert_eq!(r.json["total"]["counts"]["follows"], 0);
    let csv = call(&app, "GET", &months.replace("stores?", "stores.csv?"), None).await;
    let text = String::from_utf8(csv.bytes[3..].to_vec()).unwrap();
    assert!(!text.contains("shibuya"), "{text}");
}

#[tokio::test]
async fn the_store_comparison_totals_each_store_over_the_months_and_per_month() {
    let world = seeded().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let path = "/admin/reports/stores?from_month=2026-10&to_month=2026-11";
    let r = call(&app, "GET", path, None).await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["from_month"], "2026-10");
    assert_eq!(r.json["to_month"], "2026-11");
    let lines: Vec<(Value, i64, Vec<i64>)> = r.json["stores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let months = s["months"].as_array().unwrap();
            let per_month = months.iter().map(|m| m["net_friends"].as_i64().unwrap());
            (
                s["store"].clone(),
                s["total"]["net_friends"].as_i64().unwrap(),
                per_month.collect(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (Value::Null, 1, vec![0, 1]),
            (Value::from("osaka"), 0, vec![0, 0]),
            (Value::from("shibuya"), 2, vec![1, 1]),
        ],
        "no store first, every month of the range (zeros included)"
    );
    let months: Vec<&str> = r.json["stores"][2]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2026-10", "2026-11"]);
    assert_eq!(r.json["total"]["net_friends"], 3, "globex's are not acme's");
    assert_eq!(r.json["total"]["counts"]["inbound"], 2);

    let osaka = call(&app, "GET", &format!("{path}&channel=ch-osaka"), None).await;
    let stores = osaka.json["stores"].as_array().unwrap();
    assert_eq!(stores.len(), 1);
    assert_eq!(stores[0]["store"], "osaka");
    assert_eq!(stores[0]["total"]["counts"]["answer_intent"], 1);
    let foreign = call(&app, "GET", &format!("{path}&channel=ch-globex"), None).await;
    assert_eq!(foreign.status, 404);
}

#[tokio::test]
async fn a_comparison_is_whole_months_at_most_13_and_not_backwards() {
    let world = seeded().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    for (query, ok) in [
        ("from_month=2026-01&to_month=2027-01", true),
        ("from_month=2026-01&to_month=2027-02", false),
        ("from_month=2026-11&to_month=2026-10", false),
        ("from_month=2026-13&to_month=2026-12", false),
        ("from_month=2026-01-01&to_month=2026-12", false),
        ("from_month=2026-01", false),
        ("from=2026-01-01&to=2026-12-31", false),
    ] {
        for route in ["stores", "stores.csv"] {
            let r = call(
                &app,
                "GET",
                &format!("/admin/reports/{route}?{query}"),
                None,
            )
            .await;
            let want = if ok { 200 } else { 422 };
            assert_eq!(r.status, want, "{route}?{query}: {}", r.json);
        }
    }
}

#[tokio::test]
async fn a_range_is_at_most_400_days_and_not_backwards() {
    let world = seeded().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    for (query, ok) in [
        ("from=2026-01-01&to=2027-02-04", true),
        ("from=2026-01-01&to=2027-02-05", false),
        ("from=2026-11-02&to=2026-11-01", false),
        ("from=2026-11-31&to=2026-12-01", false),
    ] {
        let r = call(&app, "GET", &format!("/admin/reports/daily?{query}"), None).await;
        let want = if ok { 200 } else { 422 };
        assert_eq!(r.status, want, "{query}: {}", r.json);
        let csv = call(
            &app,
            "GET",
            &format!("/admin/reports/daily.csv?{query}"),
            None,
        )
        .await;
        assert_eq!(csv.status, want, "csv {query}");
    }
}

#[tokio::test]
async fn the_csv_report_has_a_bom_crlf_and_a_quoted_row_per_day() {
    let world = seeded().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        "/admin/reports/daily.csv?from=2026-11-01&to=2026-11-30",
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("daily-report-2026-11-01-2026-11-30.csv"));
    assert!(
        r.bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a BOM for Excel"
    );
    let text = String::from_utf8(r.bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(
        lines[0].starts_with("\"日付\",\"純増\",\"友だち追加\""),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 1 + 30, "one row per day of the range");
    assert!(
        lines[1].starts_with("\"2026-11-01\",\"2\",\"2\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[30].starts_with("\"2026-11-30\",\"0\""),
        "{}",
        lines[30]
    );
    assert!(text.lines().all(|l| !l.contains("50")), "no globex numbers");

    // A negative net would read as a formula: it is made text.
    let shibuya = call(
        &app,
        "GET",
        "/admin/reports/daily.csv?from=2026-11-02&to=2026-11-02&store=shibuya",
        None,
    )
    .await;
    let text = String::from_utf8(shibuya.bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\"2026-11-02\",\"'-1\""), "{text}");
}

#[tokio::test]
async fn the_store_comparison_csv_has_a_quoted_row_per_store_and_month() {
    let world = seeded().await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        "/admin/reports/stores.csv?from_month=2026-10&to_month=2026-11",
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("stores-report-2026-10-2026-11.csv"));
    assert!(r.bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(r.bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(
        lines[0].starts_with("\"店舗\",\"月\",\"純増\",\"友だち追加\""),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines.len(),
        1 + 3 * 2,
        "three stores (no store too) × two months"
    );
    assert!(
        lines[1].starts_with("\"\",\"2026-10\",\"0\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[5].starts_with("\"shibuya\",\"2026-10\",\"1\",\"1\""),
        "{}",
        lines[5]
    );
    assert!(
        lines[6].starts_with("\"shibuya\",\"2026-11\",\"1\",\"2\""),
        "{}",
        lines[6]
    );
    assert!(text.lines().all(|l| !l.contains("50")), "no globex numbers");
}

#[tokio::test]
async fn the_report_gives_the_staff_response_times_of_the_waits_in_the_range() {
    let world = seeded().await;
    use Counter::*;
    let shibuya = ("ch-acme", Some("shibuya"));
    count(
        &world,
        "acme",
        shibuya,
        "2026-11-02",
        &[
            StaffWaits,
            StaffWaits,
            StaffWaits,
            StaffFirstReplies,
            FirstReplyIn5m,
        ],
    )
    .await;
    count(&world, "acme", shibuya, "2026-11-03", &[StaffWaits]).await;
    let app = world.app(caller("acme", Role::Viewer, &[]));
    let r = call(
        &app,
        "GET",
        "/admin/reports/daily?from=2026-11-01&to=2026-11-03",
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    let times = &r.json["response_times"];
    assert_eq!(times["waits"], 4);
    assert_eq!(times["answered"], 1);
    assert_eq!(times["unanswered"], 3);
    assert_eq!(times["median_bucket"], 1, "the 1–5 minute bucket");
    assert_eq!(times["buckets"].as_array().unwrap().len(), 10);
}
