//! LINE's numbers, played from the sandbox's own traffic: the custom
//! aggregation units of pushes and multicasts, per-unit statistics (deliveries
//! from its records, impressions when a friend views the chat, clicks when a
//! friend taps a URL), follower counts and demographics from its friend book.
//!
//! Rules and their sources (line/line-openapi; docs/line-insight.md):
//! - `customAggregationUnits` (messaging-api.yml, push and multicast): at most
//!   one name, `^[a-zA-Z0-9_]{1,30}$`; 400 with `details` otherwise. Narrowcast
//!   and broadcast have no such property and ignore it.
//! - Distinct names per channel and JST month are capped
//!   ([`MONTHLY_UNIT_CAP`], LINE's docs on unit-based statistics); a new name
//!   past the cap answers 400.
//! - `GET /v2/bot/insight/message/event/aggregation` (insight.yml): the unit's
//!   pattern; `from`/`to` as `yyyyMMdd` (JST) with `to` at most 30 days after
//!   `from`; 400 otherwise. Counts are of messages sent on those days, with the
//!   views and taps made before today (JST): LINE's numbers are there from the
//!   next day. Counts under [`SandboxConfig::insight_min_count`] (LINE's docs: 20)
//!   are `null`.
//! - `GET /v2/bot/insight/followers?date=` (JST, default yesterday): `unready`
//!   for today or later, else `ready` with the book's counts as of now (the
//!   sandbox keeps no follow history).
//! - `GET /v2/bot/insight/demographic`: shares of the following friends'
//!   estimated attributes; `available: false` under the minimum count.
//! - Rate: LINE's table names none of these; "other endpoints" (2,000/s) apply.
//!
//! [`SandboxConfig::insight_min_count`]: crate::SandboxConfig::insight_min_count

use crate::api::admit;
use crate::api_error::{ApiError, ErrorDetail};
use crate::app::Shared;
use crate::demographic::Demographics;
use crate::endpoint::Endpoint;
use crate::friends::UserKey;
use crate::quota::JstMonth;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// LINE's cap on distinct aggregation unit names per month.
pub const MONTHLY_UNIT_CAP: usize = 1_000;
const JST_OFFSET_MS: i64 = 9 * 3_600_000;
const DAY_MS: i64 = 86_400_000;

/// A JST day number (days since 1970-01-01 in JST).
fn jst_day(at_ms: i64) -> i64 {
    (at_ms + JST_OFFSET_MS).div_euclid(DAY_MS)
}

/// `yyyyMMdd` as a JST day number, when it is a real date.
fn parse_day(raw: &str) -> Option<i64> {
    if raw.len() != 8 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = jiff::civil::Date::new(
        raw[..4].parse().ok()?,
        raw[4..6].parse().ok()?,
        raw[6..].parse().ok()?,
    )
    .ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    Some(i64::from((date - epoch).get_days()))
}

fn valid_unit(name: &str) -> bool {
    (1..=30).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// What the sandbox knows of units, views and taps.
#[derive(Debug, Default)]
pub(crate) struct InsightBook {
    /// Per (channel, unit): the sends (log sequence numbers) made under it.
    units: HashMap<(u32, String), Vec<u32>>,
    /// Distinct units per (channel, JST month), in first-use order.
    months: HashMap<(u32, JstMonth), Vec<String>>,
    /// The unit of each send made under one.
    unit_of: HashMap<u32, String>,
    /// Per send: (friend, time) of each view of its bubbles.
    views: HashMap<u32, Vec<(u32, i64)>>,
    /// Per send: (friend, url, time) of each tap.
    taps: HashMap<u32, Vec<(u32, String, i64)>>,
}

impl InsightBook {
    /// Whether `unit` may be used by `channel` at `now_ms`: 400 past the cap.
    pub fn admit_unit(&self, channel: u32, unit: &str, now_ms: i64) -> Result<(), ApiError> {
        let used = self
            .months
            .get(&(channel, JstMonth::of_epoch_ms(now_ms)))
            .map_or(&[][..], Vec::as_slice);
        if used.len() >= MONTHLY_UNIT_CAP && !used.iter().any(|u| u == unit) {
            return Err(ApiError::invalid_body(vec![ErrorDetail::new(
                "customAggregationUnits",
                "The number of aggregation units used this month has reached the limit",
            )]));
        }
        Ok(())
    }

    pub fn record(&mut self, channel: u32, unit: &str, seq: u32, now_ms: i64) {
        let month = self
            .months
            .entry((channel, JstMonth::of_epoch_ms(now_ms)))
            .or_default();
        if !month.iter().any(|u| u == unit) {
            month.push(unit.to_owned());
        }
        self.units
            .entry((channel, unit.to_owned()))
            .or_default()
            .push(seq);
        self.unit_of.insert(seq, unit.to_owned());
    }

    pub fn reset(&mut self) {
        *self = Self::default();
    }
}

/// `customAggregationUnits` of a push or multicast body: `Ok(None)` when absent.
pub(crate) fn unit_of_body(body: &Value) -> Result<Option<String>, Vec<ErrorDetail>> {
    let Some(value) = body.get("customAggregationUnits") else {
        return Ok(None);
    };
    let bad = |message: &str| vec![ErrorDetail::new("customAggregationUnits", message)];
    let Some(list) = value.as_array() else {
        return Err(bad("must be an array"));
    };
    match list.as_slice() {
        [] => Ok(None),
        [one] => match one.as_str() {
            Some(name) if valid_unit(name) => Ok(Some(name.to_owned())),
            _ => Err(vec![ErrorDetail::new(
                "customAggregationUnits[0]",
                "must match ^[a-zA-Z0-9_]{1,30}$",
            )]),
        },
        _ => Err(bad("size must be between 0 and 1")),
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/v2/bot/insight/message/event/aggregation", get(per_unit))
        .route("/v2/bot/insight/followers", get(followers))
        .route("/v2/bot/insight/demographic", get(demographic))
        .route("/v2/bot/message/aggregation/info", get(unit_usage))
        .route("/v2/bot/message/aggregation/list", get(unit_names))
        .route(
            "/sandbox/channels/{channel_id}/friends/{user_id}/view",
            post(view),
        )
        .route(
            "/sandbox/channels/{channel_id}/friends/{user_id}/tap",
            post(tap),
        )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PerUnitQuery {
    custom_aggregation_unit: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// `null` under the minimum count, as LINE withholds small numbers.
fn shown(count: u64, min: u64) -> Value {
    if count < min {
        Value::Null
    } else {
        json!(count)
    }
}

async fn per_unit(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<PerUnitQuery>,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::InsightUnitStatistics)?;
    let mut details = Vec::new();
    let unit = q.custom_aggregation_unit.unwrap_or_default();
    if !valid_unit(&unit) {
        details.push(ErrorDetail::new(
            "customAggregationUnit",
            "must match ^[a-zA-Z0-9_]{1,30}$",
        ));
    }
    let from = q.from.as_deref().and_then(parse_day);
    let to = q.to.as_deref().and_then(parse_day);
    if from.is_none() {
        details.push(ErrorDetail::new("from", "must be a date as yyyyMMdd"));
    }
    if to.is_none() {
        details.push(ErrorDetail::new("to", "must be a date as yyyyMMdd"));
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f || t - f > 30 {
            details.push(ErrorDetail::new(
                "to",
                "must be on or after from and at most 30 days later",
            ));
        }
    }
    if !details.is_empty() {
        return Err(ApiError::invalid_body(details));
    }
    let (from, to) = (from.unwrap_or(0), to.unwrap_or(0));
    let min = shared.settings.insight_min_count;
    let now_ms = shared.clock.now_epoch_ms();
    let today = jst_day(now_ms);
    let world = shared.world();
    let sends: Vec<u32> = world
        .insight
        .units
        .get(&(channel, unit))
        .map(|seqs| {
            seqs.iter()
                .copied()
                .filter(|&s| (from..=to).contains(&jst_day(world.logged_at_ms(s))))
                .collect()
        })
        .unwrap_or_default();
    // Per bubble (seq within the message list): impressions and viewers.
    let mut bubbles: BTreeMap<usize, (u64, BTreeSet<u32>)> = BTreeMap::new();
    let mut viewers = BTreeSet::new();
    let mut clicks: BTreeMap<String, (u64, BTreeSet<u32>)> = BTreeMap::new();
    let mut clickers = BTreeSet::new();
    for &seq in &sends {
        let count = world.logged_messages(seq).len();
        for &(friend, at) in world.insight.views.get(&seq).into_iter().flatten() {
            if jst_day(at) >= today {
                continue;
            }
            viewers.insert(friend);
            for bubble in 1..=count {
                let b = bubbles.entry(bubble).or_default();
                b.0 += 1;
                b.1.insert(friend);
            }
        }
        for (friend, url, at) in world.insight.taps.get(&seq).into_iter().flatten() {
            if jst_day(*at) >= today {
                continue;
            }
            clickers.insert(*friend);
            let c = clicks.entry(url.clone()).or_default();
            c.0 += 1;
            c.1.insert(*friend);
        }
    }
    let messages: Vec<Value> = bubbles
        .iter()
        .map(|(seq, (impressions, users))| {
            json!({
                "seq": seq,
                "impression": shown(*impressions, min),
                "uniqueImpression": shown(users.len() as u64, min),
                "mediaPlayed": null, "mediaPlayed25Percent": null, "mediaPlayed50Percent": null,
                "mediaPlayed75Percent": null, "mediaPlayed100Percent": null,
                "uniqueMediaPlayed": null, "uniqueMediaPlayed25Percent": null,
                "uniqueMediaPlayed50Percent": null, "uniqueMediaPlayed75Percent": null,
                "uniqueMediaPlayed100Percent": null,
            })
        })
        .collect();
    let clicks: Vec<Value> = clicks
        .iter()
        .enumerate()
        .map(|(i, (url, (count, users)))| {
            let unique = shown(users.len() as u64, min);
            json!({"seq": i + 1, "url": url, "click": shown(*count, min),
                   "uniqueClick": unique, "uniqueClickOfRequest": unique})
        })
        .collect();
    Ok(Json(json!({
        "overview": {
            "uniqueImpression": shown(viewers.len() as u64, min),
            "uniqueClick": shown(clickers.len() as u64, min),
            "uniqueMediaPlayed": null,
            "uniqueMediaPlayed100Percent": null,
        },
        "messages": messages,
        "clicks": clicks,
    }))
    .into_response())
}

#[derive(Deserialize)]
struct DateQuery {
    date: Option<String>,
}

async fn followers(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<DateQuery>,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::InsightFollowers)?;
    let today = jst_day(shared.clock.now_epoch_ms());
    let day = match q.date.as_deref() {
        None => today - 1,
        Some(raw) => parse_day(raw).ok_or_else(|| {
            ApiError::invalid_body(vec![ErrorDetail::new("date", "must be a date as yyyyMMdd")])
        })?,
    };
    if day >= today {
        return Ok(Json(json!({"status": "unready"})).into_response());
    }
    let world = shared.world();
    let book = &world.books[channel as usize];
    let followers = book.friends.len() as u64;
    let following = book.friends.iter().filter(|f| f.following).count() as u64;
    let targeted = book
        .friends
        .iter()
        .filter(|f| f.following)
        .filter(|f| {
            let d = Demographics::of(f.key);
            d.gender.is_some() && d.age.is_some() && d.area.is_some()
        })
        .count() as u64;
    Ok(Json(json!({
        "status": "ready",
        "followers": followers,
        "targetedReaches": targeted,
        "blocks": followers - following,
    }))
    .into_response())
}

fn age_tile(age: Option<u8>) -> &'static str {
    match age {
        None => "unknown",
        Some(0..=14) => "from0to14",
        Some(15..=19) => "from15to19",
        Some(20..=24) => "from20to24",
        Some(25..=29) => "from25to29",
        Some(30..=34) => "from30to34",
        Some(35..=39) => "from35to39",
        Some(40..=44) => "from40to44",
        Some(45..=49) => "from45to49",
        Some(_) => "from50",
    }
}

fn period_tile(days: u16) -> &'static str {
    match days {
        0..7 => "within7days",
        7..30 => "within30days",
        30..90 => "within90days",
        90..180 => "within180days",
        180..365 => "within365days",
        _ => "over365days",
    }
}

fn shares(key: &str, counts: BTreeMap<String, u64>, total: u64) -> Vec<Value> {
    counts
        .into_iter()
        .map(|(k, n)| {
            let pct = (n as f64 * 1000.0 / total as f64).round() / 10.0;
            json!({ key: k, "percentage": pct })
        })
        .collect()
}

async fn demographic(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::InsightDemographic)?;
    let world = shared.world();
    let people: Vec<Demographics> = world.books[channel as usize]
        .friends
        .iter()
        .filter(|f| f.following)
        .map(|f| Demographics::of(f.key))
        .collect();
    let total = people.len() as u64;
    if total < shared.settings.insight_min_count.max(1) {
        return Ok(Json(
            json!({"available": false, "genders": [], "ages": [], "areas": [],
            "appTypes": [], "subscriptionPeriods": []}),
        )
        .into_response());
    }
    let mut tally: [BTreeMap<String, u64>; 5] = Default::default();
    for d in &people {
        *tally[0]
            .entry(d.gender.unwrap_or("unknown").into())
            .or_default() += 1;
        *tally[1].entry(age_tile(d.age).into()).or_default() += 1;
        *tally[2]
            .entry(d.area.clone().unwrap_or_else(|| "unknown".into()))
            .or_default() += 1;
        *tally[3].entry(d.app_type.into()).or_default() += 1;
        *tally[4]
            .entry(period_tile(d.friend_days).into())
            .or_default() += 1;
    }
    let [g, a, r, p, s] = tally;
    Ok(Json(json!({
        "available": true,
        "genders": shares("gender", g, total),
        "ages": shares("age", a, total),
        "areas": shares("area", r, total),
        "appTypes": shares("appType", p, total),
        "subscriptionPeriods": shares("subscriptionPeriod", s, total),
    }))
    .into_response())
}

async fn unit_usage(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::AggregationUnitInfo)?;
    let month = JstMonth::of_epoch_ms(shared.clock.now_epoch_ms());
    let used = shared
        .world()
        .insight
        .months
        .get(&(channel, month))
        .map_or(0, Vec::len);
    Ok(Json(json!({ "numOfCustomAggregationUnits": used })).into_response())
}

#[derive(Deserialize)]
struct ListQuery {
    limit: Option<String>,
    start: Option<String>,
}

/// The most names one page holds (LINE documents no default; 100 is played).
const LIST_LIMIT: usize = 100;

async fn unit_names(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let channel = admit(&shared, &headers, Endpoint::AggregationUnitList)?;
    let limit = match q.limit.as_deref() {
        None => LIST_LIMIT,
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=LIST_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError::invalid_body(vec![ErrorDetail::new("limit", "must be between 1 and 100")])
            })?,
    };
    let from = match q.start.as_deref() {
        None => 0,
        Some(raw) => raw.parse::<usize>().map_err(|_| {
            ApiError::invalid_body(vec![ErrorDetail::new(
                "start",
                "invalid continuation token",
            )])
        })?,
    };
    let month = JstMonth::of_epoch_ms(shared.clock.now_epoch_ms());
    let world = shared.world();
    let names = world
        .insight
        .months
        .get(&(channel, month))
        .map_or(&[][..], Vec::as_slice);
    let page: Vec<&String> = names.iter().skip(from).take(limit).collect();
    let mut body = json!({ "customAggregationUnits": page });
    if from + limit < names.len() {
        body["next"] = json!((from + limit).to_string());
    }
    Ok(Json(body).into_response())
}

impl Shared {
    /// The friend opens the chat: every message they received under a unit
    /// counts one impression of each of its bubbles. Answers how many sends were
    /// viewed; `None` for an unknown channel or friend.
    pub(crate) fn friend_views_chat(&self, channel_id: &str, user_id: &str) -> Option<usize> {
        let channel = self.channel_by_id(channel_id)?;
        let key = UserKey::parse(user_id)?;
        let now = self.clock.now_epoch_ms();
        let mut world = self.world();
        let friend = world.books[channel as usize].find(key)?;
        let seqs: Vec<u32> = world.books[channel as usize].friends[friend as usize]
            .deliveries
            .iter()
            .filter(|s| world.insight.unit_of.contains_key(s))
            .collect();
        for &seq in &seqs {
            world
                .insight
                .views
                .entry(seq)
                .or_default()
                .push((friend, now));
        }
        Some(seqs.len())
    }

    /// The friend taps `url` in the latest message under a unit that holds it;
    /// `None` when no such message reached them.
    pub(crate) fn friend_taps(&self, channel_id: &str, user_id: &str, url: &str) -> Option<()> {
        let channel = self.channel_by_id(channel_id)?;
        let key = UserKey::parse(user_id)?;
        let now = self.clock.now_epoch_ms();
        let mut world = self.world();
        let friend = world.books[channel as usize].find(key)?;
        let seq = world.books[channel as usize].friends[friend as usize]
            .deliveries
            .iter()
            .filter(|s| world.insight.unit_of.contains_key(s))
            .filter(|&s| {
                world
                    .logged_messages(s)
                    .iter()
                    .any(|v| contains_string(v, url))
            })
            .last()?;
        world
            .insight
            .taps
            .entry(seq)
            .or_default()
            .push((friend, url.to_owned(), now));
        Some(())
    }
}

async fn view(
    State(shared): State<Arc<Shared>>,
    Path((channel_id, user_id)): Path<(String, String)>,
) -> Response {
    match shared.friend_views_chat(&channel_id, &user_id) {
        Some(viewed) => Json(json!({ "viewed": viewed })).into_response(),
        None => (http::StatusCode::NOT_FOUND, "no such channel or friend").into_response(),
    }
}

#[derive(Deserialize)]
struct Tap {
    url: String,
}

async fn tap(
    State(shared): State<Arc<Shared>>,
    Path((channel_id, user_id)): Path<(String, String)>,
    Json(tap): Json<Tap>,
) -> Response {
    match shared.friend_taps(&channel_id, &user_id, &tap.url) {
        Some(()) => Json(json!({ "tapped": true })).into_response(),
        None => (
            http::StatusCode::NOT_FOUND,
            "no message under a unit that holds that URL reached the friend",
        )
            .into_response(),
    }
}

fn contains_string(v: &Value, s: &str) -> bool {
    match v {
        Value::String(x) => x.contains(s),
        Value::Array(items) => items.iter().any(|i| contains_string(i, s)),
        Value::Object(map) => map.values().any(|i| contains_string(i, s)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_carries_at_most_one_well_formed_unit() {
        assert_eq!(unit_of_body(&json!({})), Ok(None));
        assert_eq!(
            unit_of_body(&json!({"customAggregationUnits": ["spring_sale"]})),
            Ok(Some("spring_sale".into()))
        );
        assert!(unit_of_body(&json!({"customAggregationUnits": ["a", "b"]})).is_err());
        assert!(unit_of_body(&json!({"customAggregationUnits": ["spring-sale"]})).is_err());
        assert!(unit_of_body(&json!({"customAggregationUnits": ["a".repeat(31)]})).is_err());
    }

    #[test]
    fn days_are_jst_and_must_be_real_dates() {
        assert_eq!(parse_day("19700101"), Some(0));
        assert_eq!(parse_day("20260230"), None);
        assert_eq!(parse_day("2026-3-1"), None);
        // 15:00 UTC is midnight in Tokyo: the next JST day.
        assert_eq!(jst_day(15 * 3_600_000), 1);
    }
}
