//! LINE's own targeting: audience groups of uploaded user ids (manage-audience API)
//! and the demographic filter of a narrowcast (gender, age, area, app type,
//! friendship length), which LINE evaluates over what it estimates of each friend.
//!
//! Shapes from line/line-openapi (`manage-audience.yml`: `CreateAudienceGroupRequest`,
//! `CreateAudienceGroupResponse`; `messaging-api.yml`: `Recipient`,
//! `DemographicFilter`, `Filter`, `Limit`).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// LINE's answer to creating an audience group for uploaded user ids (202).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudienceGroup {
    pub audience_group_id: i64,
    #[serde(default)]
    pub description: Option<String>,
}

/// An audience group's state (`GET /v2/bot/audienceGroup/{id}`): a narrowcast to
/// it may start once `status` is `READY`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudienceGroupStatus {
    pub audience_group_id: i64,
    #[serde(default)]
    pub description: Option<String>,
    /// `IN_PROGRESS`, `READY`, `FAILED`, `EXPIRED`, `INACTIVE`, `ACTIVATING`.
    pub status: String,
    #[serde(default)]
    pub audience_count: Option<u64>,
}

/// One page of `GET /v2/bot/audienceGroup/list`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudienceGroupPage {
    #[serde(default)]
    pub audience_groups: Vec<AudienceGroupStatus>,
    #[serde(default)]
    pub has_next_page: bool,
}

/// The body adding user ids to an audience group (`PUT .../upload`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AddToAudienceGroup<'a> {
    pub audience_group_id: i64,
    pub audiences: Vec<AudienceId<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AudienceGroupData {
    pub audience_group: AudienceGroupStatus,
}

/// The request body creating an audience group from user ids (at most 10,000 per
/// JSON request; LINE's limit).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateAudienceGroup<'a> {
    pub description: &'a str,
    pub is_ifa_audience: bool,
    pub audiences: Vec<AudienceId<'a>>,
}

#[derive(Serialize)]
pub(crate) struct AudienceId<'a> {
    pub id: &'a str,
}

/// The most user ids one JSON upload may carry.
pub const MAX_UPLOAD_IDS: usize = 10_000;

/// The longest description (the audience's name) LINE accepts.
pub const MAX_DESCRIPTION_CHARS: usize = 120;

/// LINE's demographic dimensions of a narrowcast filter. Age and friendship length
/// are ranges over LINE's buckets (`age_15` .. `age_70`; `day_7` .. `day_365`);
/// `None` leaves that side open. Empty sets and `None` ranges do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Demographics {
    /// `male`, `female`.
    pub genders: Vec<String>,
    /// Inclusive lower and exclusive upper age bucket, e.g. (`age_20`, `age_40`).
    pub age: (Option<String>, Option<String>),
    /// `jp_01` (Hokkaido) .. `jp_47` (Okinawa), or LINE's other regions.
    pub areas: Vec<String>,
    /// `ios`, `android`.
    pub app_types: Vec<String>,
    /// How long the user has been a friend: (`day_7`, `day_90`) and the like.
    pub friendship: (Option<String>, Option<String>),
}

fn range(kind: &str, (gte, lt): &(Option<String>, Option<String>)) -> Option<Value> {
    if gte.is_none() && lt.is_none() {
        return None;
    }
    let mut v = json!({ "type": kind });
    if let Some(gte) = gte {
        v["gte"] = json!(gte);
    }
    if let Some(lt) = lt {
        v["lt"] = json!(lt);
    }
    Some(v)
}

fn one_of(kind: &str, values: &[String]) -> Option<Value> {
    (!values.is_empty()).then(|| json!({ "type": kind, "oneOf": values }))
}

impl Demographics {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.conditions().is_empty()
    }

    fn conditions(&self) -> Vec<Value> {
        [
            one_of("gender", &self.genders),
            range("age", &self.age),
            one_of("area", &self.areas),
            one_of("appType", &self.app_types),
            range("subscriptionPeriod", &self.friendship),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The narrowcast's `filter` object (`{"demographic": ...}`): one condition
    /// alone, or every condition under an `and` operator; `None` when empty.
    pub fn filter(&self) -> Option<Value> {
        let mut conditions = self.conditions();
        let demographic = match conditions.len() {
            0 => return None,
            1 => conditions.remove(0),
            _ => json!({ "type": "operator", "and": conditions }),
        };
        Some(json!({ "demographic": demographic }))
    }
}

/// The narrowcast's `recipient` object for an audience group.
pub fn audience_recipient(audience_group_id: i64) -> Value {
    json!({ "type": "audience", "audienceGroupId": audience_group_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_filter_is_none_and_one_condition_needs_no_operator() {
        assert_eq!(Demographics::default().filter(), None);
        let women = Demographics {
            genders: vec!["female".into()],
            ..Demographics::default()
        };
        assert_eq!(
            women.filter().unwrap(),
            json!({"demographic": {"type": "gender", "oneOf": ["female"]}})
        );
    }

    #[test]
    fn every_dimension_goes_under_one_and_operator_as_line_spells_it() {
        let d = Demographics {
            genders: vec!["female".into()],
            age: (Some("age_20".into()), Some("age_40".into())),
            areas: vec!["jp_13".into(), "jp_14".into()],
            app_types: vec!["ios".into()],
            friendship: (Some("day_30".into()), None),
        };
        assert_eq!(
            d.filter().unwrap(),
            json!({"demographic": {"type": "operator", "and": [
                {"type": "gender", "oneOf": ["female"]},
                {"type": "age", "gte": "age_20", "lt": "age_40"},
                {"type": "area", "oneOf": ["jp_13", "jp_14"]},
                {"type": "appType", "oneOf": ["ios"]},
                {"type": "subscriptionPeriod", "gte": "day_30"},
            ]}})
        );
        assert_eq!(
            audience_recipient(42),
            json!({"type": "audience", "audienceGroupId": 42})
        );
    }
}
