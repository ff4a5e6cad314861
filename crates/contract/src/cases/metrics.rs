//! `MetricsStore`: increments add up, a dedupe key applies them once, and the
//! reads a report makes (a daily series of the organization, a channel or some
//! stores; store months) give the same sums on every adapter, across a year's end.

use crate::builders::*;
use crate::Adapters;
use otodoke_core::metrics::{
    increments, parse_month, Counter, Day, DayCounts, Increment, MetricKey, MetricsFilter, Slice,
    StoreMonth, MAX_ROWS_PER_ADD,
};
use otodoke_core::quota::QuotaMonth;
use otodoke_core::StoreError;

pub(crate) fn day(s: &str) -> Day {
    Day::parse(s).expect("a test day")
}

pub(crate) fn month(s: &str) -> QuotaMonth {
    parse_month(s).expect("a test month")
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

fn stores(ids: &[&str], channel: Option<&str>) -> Slice {
    Slice::Stores {
        stores: ids.iter().map(|s| store_id(s)).collect(),
        channel: channel.map(channel_id),
    }
}

/// (day, value of `counter`) of each day of a series.
fn days(series: &[DayCounts], counter: Counter) -> Vec<(String, u64)> {
    series
        .iter()
        .map(|d| (d.day.to_string(), d.counts.get(counter)))
        .collect()
}

/// (month, store, channel, value of `counter`) of each store month.
fn lines(rows: &[StoreMonth], counter: Counter) -> Vec<(String, Option<String>, String, u64)> {
    rows.iter()
        .map(|r| {
            (
                r.month.to_string(),
                r.store.as_ref().map(|s| s.to_string()),
                r.channel.to_string(),
                r.counts.get(counter),
            )
        })
        .collect()
}

/// Adds one of `counter` to each of `rows` (channel, store, day) of acme, one event each.
async fn seed(a: &Adapters, rows: &[(&str, Option<&str>, &str)], counter: Counter) {
    for (i, (channel, store, d)) in rows.iter().enumerate() {
        let key = metric_key("acme", channel, *store, d);
        let applied = a
            .metrics
            .add(
                &increments(&key, &[counter]),
                &format!("seed-{counter:?}-{i}"),
            )
            .await
            .unwrap();
        assert!(applied);
    }
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

    let acme = org_id("acme");
    let (from, to) = (day("2026-01-01"), day("2026-01-31"));
    let all = m.series(&acme, from, to, &Slice::All).await.unwrap();
    assert_eq!(
        days(&all, Counter::Inbound),
        [("2026-01-01".into(), 2), ("2026-01-02".into(), 0)],
        "one entry per day with counts, oldest first; two calls added to one row"
    );
    assert_eq!(
        days(&all, Counter::Blocks)[0].1,
        5,
        "no store is in the total"
    );
    assert_eq!(all[0].counts.answer_rule, 1);
    assert_eq!(all[0].counts.follows, 0, "untouched counters read as 0");
    assert_eq!(all[1].counts.follows, 1);

    let channel = m
        .series(&acme, from, to, &Slice::Channel(channel_id("ch-1")))
        .await
        .unwrap();
    assert_eq!(channel, all, "the one channel is the whole organization");
    let shibuya = m
        .series(&acme, from, to, &stores(&["shibuya"], None))
        .await
        .unwrap();
    assert_eq!(
        days(&shibuya, Counter::Blocks),
        [("2026-01-01".into(), 0), ("2026-01-02".into(), 0)]
    );
    assert_eq!(shibuya[0].counts.inbound, 2);

    let months = m
        .store_months(
            &acme,
            month("2026-01"),
            month("2026-01"),
            &MetricsFilter::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        lines(&months, Counter::Inbound),
        [
            ("2026-01".into(), None, "ch-1".into(), 0),
            ("2026-01".into(), Some("shibuya".into()), "ch-1".into(), 2)
        ],
        "no store first, then by store"
    );
    assert_eq!(months[0].counts.blocks, 5);
    assert_eq!(months[1].counts.follows, 1, "the days of a month add up");
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
    let acme = org_id("acme");
    let jan1 = day("2026-01-01");
    for slice in [
        Slice::All,
        Slice::Channel(channel_id("ch-1")),
        stores(&["shibuya"], Some("ch-1")),
    ] {
        let series = a.metrics.series(&acme, jan1, jan1, &slice).await.unwrap();
        assert_eq!(
            days(&series, Counter::Inbound),
            [("2026-01-01".into(), 2)],
            "{slice:?}: two events, not three deliveries"
        );
        assert_eq!(series[0].counts.answer_intent, 2);
    }
    let months = a
        .metrics
        .store_months(
            &acme,
            month("2026-01"),
            month("2026-01"),
            &MetricsFilter::default(),
        )
        .await
        .unwrap();
    assert_eq!(months.len(), 1);
    assert_eq!(
        months[0].counts.inbound, 2,
        "the month roll-up counted once too"
    );
}

pub async fn racing_increments_of_one_row_sum_exactly(a: Adapters) {
    // Two stores: their rows differ, their day total and channel day are shared.
    let tasks = (0..12).map(|i| {
        let metrics = a.metrics.clone();
        let store = if i % 2 == 0 { "shibuya" } else { "osaka" };
        let key = metric_key("acme", "ch-1", Some(store), "2026-01-01");
        let incs = increments(&key, &[Counter::Inbound]);
        tokio::spawn(async move { metrics.add(&incs, &format!("race-{i}")).await.unwrap() })
    });
    for task in futures::future::join_all(tasks).await {
        assert!(task.unwrap());
    }
    let (acme, jan1) = (org_id("acme"), day("2026-01-01"));
    let read = |slice: Slice| {
        let m = a.metrics.clone();
        let acme = acme.clone();
        async move { m.series(&acme, jan1, jan1, &slice).await.unwrap() }
    };
    assert_eq!(days(&read(Slice::All).await, Counter::Inbound)[0].1, 12);
    let channel = read(Slice::Channel(channel_id("ch-1"))).await;
    assert_eq!(channel[0].counts.inbound, 12);
    let shibuya = read(stores(&["shibuya"], None)).await;
    assert_eq!(shibuya[0].counts.inbound, 6);
}

pub async fn a_range_across_a_year_boundary_reads_both_years_and_each_slice_its_rows(a: Adapters) {
    seed(
        &a,
        &[
            ("ch-1", Some("shibuya"), "2025-12-30"),
            ("ch-1", Some("shibuya"), "2025-12-31"),
            ("ch-2", Some("ginza"), "2025-12-31"),
            ("ch-1", None, "2026-01-01"),
            ("ch-2", Some("ginza"), "2026-01-01"),
            ("ch-1", Some("shibuya"), "2026-01-02"),
            ("ch-1", Some("shibuya"), "2026-01-03"),
        ],
        Counter::Follows,
    )
    .await;
    let acme = org_id("acme");
    let (from, to) = (day("2025-12-31"), day("2026-01-02"));
    let read = |slice: Slice| {
        let m = a.metrics.clone();
        let acme = acme.clone();
        async move {
            days(
                &m.series(&acme, from, to, &slice).await.unwrap(),
                Counter::Follows,
            )
        }
    };
    let d = |s: &str, n: u64| (s.to_string(), n);
    assert_eq!(
        read(Slice::All).await,
        [d("2025-12-31", 2), d("2026-01-01", 2), d("2026-01-02", 1)],
        "both ends inclusive, both years"
    );
    assert_eq!(
        read(Slice::Channel(channel_id("ch-1"))).await,
        [d("2025-12-31", 1), d("2026-01-01", 1), d("2026-01-02", 1)]
    );
    assert_eq!(
        read(stores(&["ginza"], None)).await,
        [d("2025-12-31", 1), d("2026-01-01", 1)]
    );
    assert_eq!(
        read(stores(&["ginza", "shibuya"], None)).await,
        [d("2025-12-31", 2), d("2026-01-01", 1), d("2026-01-02", 1)]
    );
    assert!(
        read(stores(&["ginza"], Some("ch-1"))).await.is_empty(),
        "ginza has no ch-1 rows"
    );
    let backwards = a
        .metrics
        .series(&acme, to, from, &Slice::All)
        .await
        .unwrap();
    assert!(backwards.is_empty(), "from after to reads nothing");

    let months = a
        .metrics
        .store_months(
            &acme,
            month("2025-12"),
            month("2026-01"),
            &MetricsFilter::default(),
        )
        .await
        .unwrap();
    let m = |mo: &str, st: Option<&str>, ch: &str, n: u64| {
        (mo.to_string(), st.map(String::from), ch.to_string(), n)
    };
    assert_eq!(
        lines(&months, Counter::Follows),
        [
            m("2025-12", Some("ginza"), "ch-2", 1),
            m("2025-12", Some("shibuya"), "ch-1", 2),
            m("2026-01", None, "ch-1", 1),
            m("2026-01", Some("ginza"), "ch-2", 1),
            m("2026-01", Some("shibuya"), "ch-1", 2),
        ]
    );
    let ch1 = MetricsFilter {
        channel: Some(channel_id("ch-1")),
        store: None,
    };
    let got = a
        .metrics
        .store_months(&acme, month("2026-01"), month("2026-01"), &ch1)
        .await
        .unwrap();
    assert_eq!(
        lines(&got, Counter::Follows),
        [
            m("2026-01", None, "ch-1", 1),
            m("2026-01", Some("shibuya"), "ch-1", 2)
        ]
    );
    let none = a
        .metrics
        .store_months(
            &acme,
            month("2026-02"),
            month("2026-01"),
            &MetricsFilter::default(),
        )
        .await
        .unwrap();
    assert!(none.is_empty(), "from after to reads nothing");
}

pub async fn a_series_of_stores_never_holds_rows_of_no_store(a: Adapters) {
    seed(
        &a,
        &[
            ("ch-1", None, "2026-03-01"),
            ("ch-1", None, "2026-03-02"),
            ("ch-1", Some("osaka"), "2026-03-02"),
        ],
        Counter::Inbound,
    )
    .await;
    let acme = org_id("acme");
    let (from, to) = (day("2026-03-01"), day("2026-03-31"));
    let osaka = a
        .metrics
        .series(&acme, from, to, &stores(&["osaka"], Some("ch-1")))
        .await
        .unwrap();
    assert_eq!(days(&osaka, Counter::Inbound), [("2026-03-02".into(), 1)]);
    let nobody = a
        .metrics
        .series(&acme, from, to, &stores(&[], None))
        .await
        .unwrap();
    assert!(
        nobody.is_empty(),
        "no stores, no rows (not those of no store)"
    );
    let all = a
        .metrics
        .series(&acme, from, to, &Slice::All)
        .await
        .unwrap();
    assert_eq!(
        days(&all, Counter::Inbound),
        [("2026-03-01".into(), 1), ("2026-03-02".into(), 2)]
    );
}

pub async fn an_add_of_more_rows_than_one_transaction_holds_is_refused_and_counts_nothing(
    a: Adapters,
) {
    let incs: Vec<Increment> = (0..=MAX_ROWS_PER_ADD)
        .map(|i| Increment {
            key: metric_key("acme", "ch-1", Some(&format!("s{i}")), "2026-01-01"),
            counter: Counter::Follows,
            by: 1,
        })
        .collect();
    let err = a.metrics.add(&incs, "too-many").await.unwrap_err();
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    let jan1 = day("2026-01-01");
    let all = a
        .metrics
        .series(&org_id("acme"), jan1, jan1, &Slice::All)
        .await
        .unwrap();
    assert!(all.is_empty());
    assert!(
        a.metrics
            .add(&incs[..MAX_ROWS_PER_ADD], "just-enough")
            .await
            .unwrap(),
        "{MAX_ROWS_PER_ADD} rows (with their roll-ups) fit"
    );
    let all = a
        .metrics
        .series(&org_id("acme"), jan1, jan1, &Slice::All)
        .await
        .unwrap();
    assert_eq!(all[0].counts.follows, MAX_ROWS_PER_ADD as u64);
}
