//! LINE's numbers: per-unit message statistics, follower counts, friend
//! demographics, and the custom aggregation units used this month.
//!
//! Sources (line/line-openapi): `insight.yml` (`getStatisticsPerUnit`,
//! `getNumberOfFollowers`, `getFriendsDemographics`) and `messaging-api.yml`
//! (`getAggregationUnitUsage`, `getAggregationUnitNameList`, and the
//! `customAggregationUnits` of push and multicast). See docs/line-insight.md.

use serde::{Deserialize, Serialize};

use super::{LineClient, LineError, LineResponse};

/// The longest aggregation unit name LINE accepts.
pub const MAX_UNIT_LEN: usize = 30;
/// The longest span `statistics_per_unit` accepts: `to` at most 30 days after `from`.
pub const MAX_STATS_SPAN_DAYS: i64 = 30;

/// A custom aggregation unit name: 1 to 30 of `[a-zA-Z0-9_]`, case-sensitive
/// (`^[a-zA-Z0-9_]{1,30}$` in messaging-api.yml and insight.yml).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AggregationUnit(String);

/// A name that is not a valid aggregation unit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an aggregation unit is 1 to {MAX_UNIT_LEN} of a-z, A-Z, 0-9 and _, got {0:?}")]
pub struct InvalidUnit(pub String);

impl AggregationUnit {
    pub fn new(name: impl Into<String>) -> Result<Self, InvalidUnit> {
        let name = name.into();
        if is_valid_unit(&name) {
            Ok(Self(name))
        } else {
            Err(InvalidUnit(name))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `name` matches `^[a-zA-Z0-9_]{1,30}$`.
pub fn is_valid_unit(name: &str) -> bool {
    (1..=MAX_UNIT_LEN).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl TryFrom<String> for AggregationUnit {
    type Error = InvalidUnit;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<AggregationUnit> for String {
    fn from(value: AggregationUnit) -> Self {
        value.0
    }
}

impl std::fmt::Display for AggregationUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// LINE's `status` of a count: `ready`, `unready` (not computed yet: ask again
/// later) or `out_of_service` (the date is before LINE started counting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InsightStatus {
    Ready,
    Unready,
    OutOfService,
}

/// `GET /v2/bot/insight/message/event/aggregation`. Every count is `None` where
/// LINE withholds it (LINE's docs: counts under 20 are not shown).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitStatistics {
    pub overview: UnitOverview,
    pub messages: Vec<UnitMessage>,
    pub clicks: Vec<UnitClick>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitOverview {
    pub unique_impression: Option<u64>,
    pub unique_click: Option<u64>,
    pub unique_media_played: Option<u64>,
    pub unique_media_played100_percent: Option<u64>,
}

/// One bubble's numbers (the percent-played counts are left out: otodoke keeps
/// plays and unique impressions only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitMessage {
    pub seq: u32,
    #[serde(default)]
    pub impression: Option<u64>,
    #[serde(default)]
    pub unique_impression: Option<u64>,
    #[serde(default)]
    pub media_played: Option<u64>,
    #[serde(default)]
    pub unique_media_played: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitClick {
    pub seq: u64,
    pub url: String,
    #[serde(default)]
    pub click: Option<u64>,
    #[serde(default)]
    pub unique_click: Option<u64>,
    #[serde(default)]
    pub unique_click_of_request: Option<u64>,
}

/// `GET /v2/bot/insight/followers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Followers {
    pub status: InsightStatus,
    #[serde(default)]
    pub followers: Option<u64>,
    #[serde(default)]
    pub targeted_reaches: Option<u64>,
    #[serde(default)]
    pub blocks: Option<u64>,
}

/// One share of `GET /v2/bot/insight/demographic`, whichever its key
/// (`gender`, `age`, `area`, `appType`, `subscriptionPeriod`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    #[serde(
        alias = "gender",
        alias = "age",
        alias = "area",
        alias = "appType",
        alias = "subscriptionPeriod"
    )]
    pub key: String,
    pub percentage: f64,
}

/// `GET /v2/bot/insight/demographic`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FriendDemographics {
    pub available: bool,
    pub genders: Vec<Share>,
    pub ages: Vec<Share>,
    pub areas: Vec<Share>,
    pub app_types: Vec<Share>,
    pub subscription_periods: Vec<Share>,
}

/// `GET /v2/bot/message/aggregation/info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitUsage {
    pub num_of_custom_aggregation_units: u64,
}

/// `GET /v2/bot/message/aggregation/list`: one page of this month's unit names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitNames {
    pub custom_aggregation_units: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// A JST day as LINE's insight endpoints take it: `yyyyMMdd`.
fn valid_day(day: &str) -> bool {
    day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit())
}

fn bad_day(day: &str) -> LineError {
    LineError::Validation(crate::ValidationError::InsightDate {
        value: day.to_owned(),
    })
}

impl LineClient {
    /// Statistics of the messages sent with `unit` between the JST days `from`
    /// and `to` (`yyyyMMdd`, at most 30 days apart; LINE checks the span).
    pub async fn statistics_per_unit(
        &self,
        unit: &AggregationUnit,
        from: &str,
        to: &str,
    ) -> Result<LineResponse<UnitStatistics>, LineError> {
        for day in [from, to] {
            if !valid_day(day) {
                return Err(bad_day(day));
            }
        }
        let mut url = self.url(&["v2", "bot", "insight", "message", "event", "aggregation"]);
        url.query_pairs_mut()
            .append_pair("customAggregationUnit", unit.as_str())
            .append_pair("from", from)
            .append_pair("to", to);
        self.get(url).await
    }

    /// Followers, targeted reaches and blocks as of the JST day `date`
    /// (`yyyyMMdd`; LINE's default is yesterday).
    pub async fn insight_followers(
        &self,
        date: Option<&str>,
    ) -> Result<LineResponse<Followers>, LineError> {
        let mut url = self.url(&["v2", "bot", "insight", "followers"]);
        if let Some(date) = date {
            if !valid_day(date) {
                return Err(bad_day(date));
            }
            url.query_pairs_mut().append_pair("date", date);
        }
        self.get(url).await
    }

    /// The shares of the friends by gender, age, area, app and friendship length.
    pub async fn friend_demographics(&self) -> Result<LineResponse<FriendDemographics>, LineError> {
        self.get(self.url(&["v2", "bot", "insight", "demographic"]))
            .await
    }

    /// How many aggregation units were used this month.
    pub async fn aggregation_unit_usage(&self) -> Result<LineResponse<UnitUsage>, LineError> {
        self.get(self.url(&["v2", "bot", "message", "aggregation", "info"]))
            .await
    }

    /// One page of this month's unit names: up to `limit`, from the `next` token
    /// of the previous page.
    pub async fn aggregation_unit_names(
        &self,
        limit: Option<u32>,
        start: Option<&str>,
    ) -> Result<LineResponse<UnitNames>, LineError> {
        let mut url = self.url(&["v2", "bot", "message", "aggregation", "list"]);
        {
            let mut query = url.query_pairs_mut();
            if let Some(limit) = limit {
                query.append_pair("limit", &limit.to_string());
            }
            if let Some(start) = start {
                query.append_pair("start", start);
            }
        }
        self.get(url).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_follow_lines_pattern() {
        assert!(AggregationUnit::new("promotion_a").is_ok());
        assert!(AggregationUnit::new("a".repeat(30)).is_ok());
        assert!(AggregationUnit::new("a".repeat(31)).is_err());
        assert!(AggregationUnit::new("").is_err());
        assert!(AggregationUnit::new("spring-sale").is_err());
        assert!(AggregationUnit::new("春").is_err());
    }

    #[test]
    fn withheld_counts_decode_as_none() {
        let body = r#"{"overview":{"uniqueImpression":40,"uniqueClick":null,"uniqueMediaPlayed":25,"uniqueMediaPlayed100Percent":null},
            "messages":[{"seq":1,"impression":42,"mediaPlayed":30,"mediaPlayed25Percent":null,"uniqueMediaPlayed":25}],
            "clicks":[{"seq":1,"url":"https://example.com/","click":35,"uniqueClick":null,"uniqueClickOfRequest":null}]}"#;
        let stats: UnitStatistics = serde_json::from_str(body).unwrap();
        assert_eq!(stats.overview.unique_impression, Some(40));
        assert_eq!(stats.overview.unique_click, None);
        assert_eq!(stats.messages[0].impression, Some(42));
        assert_eq!(stats.messages[0].unique_impression, None);
        assert_eq!(stats.clicks[0].click, Some(35));
        assert_eq!(stats.clicks[0].unique_click, None);
    }

    #[test]
    fn demographics_and_statuses_decode_as_line_spells_them() {
        let body = r#"{"available":true,"genders":[{"gender":"male","percentage":31.8}],
            "ages":[{"age":"from50","percentage":17.3}],"appTypes":[{"appType":"ios","percentage":62.4}],
            "subscriptionPeriods":[{"subscriptionPeriod":"over365days","percentage":96.4}]}"#;
        let d: FriendDemographics = serde_json::from_str(body).unwrap();
        assert!(d.available);
        assert_eq!(d.genders[0].key, "male");
        assert_eq!(d.subscription_periods[0].key, "over365days");
        assert!(d.areas.is_empty());
        let f: Followers = serde_json::from_str(r#"{"status":"out_of_service"}"#).unwrap();
        assert_eq!(f.status, InsightStatus::OutOfService);
        assert_eq!(f.followers, None);
    }
}
