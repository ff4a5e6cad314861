//! `MetricsStore`: increments add up, a dedupe key applies them once, and a range
//! reads back in day order with its filter.

use crate::builders::*;
use crate::Adapters;
use otodoke_core::metrics::{
    increments, Counter, DailyCounts, Day, Increment, MetricKey, MetricsFilter,
};

pub(crate) fn day(s: &str) -> Day {
    Day::parse(s).expect("a test day")
}

/// `org`'s row of `channel` and `store` on `d`.
pub(crate) fn metric_key(org: &str, channel: &str, store: Option<&str>, d: &str) -> MetricKey {
    MetricKey {
        org: org_id(org),
        day: day(d),
        channel: channel_id(channel),
        store: store.map(store_id),
    }
}

fn everything() -> MetricsFilter {
    MetricsFilter::default()
}

fn get(rows: &[DailyCounts], counter: Counter) -> Vec<u64> {
    rows.iter().map(|r| r.counts.get(counter)).collect()
}

pub async fn increments_add_up_per_row_and_read_back_in_day_order(a: Adapters) {
    let jan2 = metric_key("acme", "ch-1", Some("shibuya"), "2026-01-02");
    let jan1 = metric_key("acme", "ch-1", Some("shibuya"), "2026-01-01");
    let no_store = metric_key("acme", "ch-1", None, "2026-01-01");
    // Events in any order; two counters of one row in one call.
    let m = &a.metrics;
    assert!(m
        .add(&increments(&jan2, &[Counter::Follows]), "e1")
        .await
        .unwrap());
    assert!(m
        .add(
            &increments(&jan1, &[Counter::Inbound, Counter::AnswerRule]),
            "e2"
        )
        .await
        .unwrap());
    assert!(m
        .add(&increments(&jan1, &[Counter::Inbound]), "e3")
        .await
        .unwrap());
    let five = Increment {
        key: no_store.clone(),
        counter: Counter::Blocks,
        by: 5,
    };
    assert!(m.add(&[five], "e4").await.unwrap());

    let rows = m
        .daily(
            &org_id("acme"),
            day("2026-01-01"),
            day("2026-01-31"),
            &everything(),
        )
        .await
        .unwrap();
    let days: Vec<String> = rows.iter().map(|r| r.day.to_string()).collect();
    assert_eq!(
        days,
        ["2026-01-01", "2026-01-01", "2026-01-02"],
        "ordered by day"
    );
    let shibuya = rows
        .iter()
        .find(|r| r.day == day("2026-01-01") && r.store.is_some())
        .expect("the shibuya row of the 1st");
    assert_eq!(shibuya.counts.inbound, 2, "two calls added to one row");
    assert_eq!(shibuya.counts.answer_rule, 1);
    assert_eq!(shibuya.counts.follows, 0, "untouched counters read as 0");
    let nobody = rows
        .iter()
        .find(|r| r.store.is_none())
        .expect("the no-store row");
    assert_eq!(nobody.counts.blocks, 5);
    assert_eq!(nobody.channel, channel_id("ch-1"));
    assert_eq!(get(&rows[2..], Counter::Follows), [1]);
}

pub async fn a_redelivered_increment_counts_once(a: Adapters) {
    let key = metric_key("acme", "ch-1", Some("shibuya"), "2026-01-01");
    let incs = increments(&key, &[Counter::Inbound, Counter::AnswerIntent]);
    assert!(
        a.metrics.add(&incs, "ev:ch-1:abc").await.unwrap(),
        "the first delivery applies"
    );
    assert!(
        !a.metrics.add(&incs, "ev:ch-1:abc").await.unwrap(),
        "a redelivery of the same event answers false"
    );
    assert!(
        a.metrics.add(&incs, "ev:ch-1:def").await.unwrap(),
        "another event applies"
    );
    assert!(
        !a.metrics.add(&[], "ev:ch-1:empty").await.unwrap(),
        "an empty list applies nothing"
    );
    let rows = a
        .metrics
        .daily(
            &org_id("acme"),
            day("2026-01-01"),
            day("2026-01-01"),
            &everything(),
        )
        .await
        .unwrap();
    assert_eq!(
        get(&rows, Counter::Inbound),
        [2],
        "two events, not three deliveries"
    );
    assert_eq!(get(&rows, Counter::AnswerIntent), [2]);
}

pub async fn racing_increments_of_one_row_sum_exactly(a: Adapters) {
    let key = metric_key("acme", "ch-1", Some("shibuya"), "2026-01-01");
    let tasks = (0..12).map(|i| {
        let metrics = a.metrics.clone();
        let incs = increments(&key, &[Counter::Inbound]);
        tokio::spawn(async move { metrics.add(&incs, &format!("race-{i}")).await.unwrap() })
    });
    for task in futures::future::join_all(tasks).await {
        assert!(task.unwrap());
    }
    let rows = a
        .metrics
        .daily(
            &org_id("acme"),
            day("2026-01-01"),
            day("2026-01-01"),
            &everything(),
        )
        .await
        .unwrap();
    assert_eq!(get(&rows, Counter::Inbound), [12]);
}

pub async fn a_range_spans_months_and_its_filter_keeps_the_asked_channel_and_store(a: Adapters) {
    let rows = [
        ("ch-1", Some("shibuya"), "2025-12-31"),
        ("ch-1", Some("shibuya"), "2026-01-15"),
        ("ch-2", Some("ginza"), "2026-02-01"),
        ("ch-1", None, "2026-02-28"),
        ("ch-1", Some("shibuya"), "2026-03-01"),
    ];
    for (i, (channel, store, d)) in rows.iter().enumerate() {
        let key = metric_key("acme", channel, *store, d);
        a.metrics
            .add(&increments(&key, &[Counter::Follows]), &format!("seed-{i}"))
            .await
            .unwrap();
    }
    let acme = org_id("acme");
    let (from, to) = (day("2026-01-01"), day("2026-02-28"));
    let all = a
        .metrics
        .daily(&acme, from, to, &everything())
        .await
        .unwrap();
    let days: Vec<String> = all.iter().map(|r| r.day.to_string()).collect();
    assert_eq!(
        days,
        ["2026-01-15", "2026-02-01", "2026-02-28"],
        "both ends inclusive"
    );

    let ch1 = MetricsFilter {
        channel: Some(channel_id("ch-1")),
        store: None,
    };
    let got = a.metrics.daily(&acme, from, to, &ch1).await.unwrap();
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|r| r.channel == channel_id("ch-1")));
    let ginza = MetricsFilter {
        channel: None,
        store: Some(store_id("ginza")),
    };
    let got = a.metrics.daily(&acme, from, to, &ginza).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].store, Some(store_id("ginza")));
    let backwards = a
        .metrics
        .daily(&acme, to, from, &everything())
        .await
        .unwrap();
    assert!(backwards.is_empty(), "from after to reads nothing");
}
