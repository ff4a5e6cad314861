//! LINE's own demographic targeting: what LINE estimates of each friend (gender,
//! age, area, app, how long they have been a friend) and a campaign may filter on
//! through a narrowcast. otodoke never sees these values per friend: LINE applies
//! the filter and decides the reach.
//!
//! Values and buckets are LINE's (messaging-api.yml: `GenderDemographic`,
//! `AgeDemographic`, `AreaDemographic`, `AppTypeDemographic`,
//! `SubscriptionPeriodDemographic`), spelled as LINE spells them on the wire.
//! The rules a filter must follow are [`LineDemographics::check`]'s, the one place
//! they live; the LINE sandbox enforces the same ones on the wire.

use crate::page::Cursor;
use crate::quota::Reservation;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// LINE's gender estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineGender {
    Male,
    Female,
}

/// LINE's age buckets: `age_20` is "20 years or older" as a lower bound and
/// "younger than 20" as an upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AgeBucket {
    #[serde(rename = "age_15")]
    Age15,
    #[serde(rename = "age_20")]
    Age20,
    #[serde(rename = "age_25")]
    Age25,
    #[serde(rename = "age_30")]
    Age30,
    #[serde(rename = "age_35")]
    Age35,
    #[serde(rename = "age_40")]
    Age40,
    #[serde(rename = "age_45")]
    Age45,
    #[serde(rename = "age_50")]
    Age50,
    #[serde(rename = "age_55")]
    Age55,
    #[serde(rename = "age_60")]
    Age60,
    #[serde(rename = "age_65")]
    Age65,
    #[serde(rename = "age_70")]
    Age70,
}

impl AgeBucket {
    /// The bucket's age in years.
    pub fn years(self) -> u8 {
        15 + 5 * self as u8
    }
}

/// The app a friend uses LINE on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppType {
    Ios,
    Android,
}

/// How long a friend has been a friend of the account (LINE's
/// `subscriptionPeriod` buckets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FriendshipPeriod {
    #[serde(rename = "day_7")]
    Day7,
    #[serde(rename = "day_30")]
    Day30,
    #[serde(rename = "day_90")]
    Day90,
    #[serde(rename = "day_180")]
    Day180,
    #[serde(rename = "day_365")]
    Day365,
}

impl FriendshipPeriod {
    /// The bucket's length in days.
    pub fn days(self) -> u16 {
        match self {
            Self::Day7 => 7,
            Self::Day30 => 30,
            Self::Day90 => 90,
            Self::Day180 => 180,
            Self::Day365 => 365,
        }
    }
}

/// The regions LINE knows (`AreaDemographic`): prefix and how many numbered codes.
const AREAS: [(&str, u8); 4] = [("jp", 47), ("tw", 22), ("th", 8), ("id", 12)];

/// One of LINE's area codes: `jp_01` (Hokkaido) .. `jp_47` (Okinawa), `tw_01` ..
/// `tw_22`, `th_01` .. `th_08`, `id_01` .. `id_12`. Anything else is refused when
/// read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^(jp_(0[1-9]|[1-3][0-9]|4[0-7])|tw_(0[1-9]|1[0-9]|2[0-2])|th_0[1-8]|id_(0[1-9]|1[0-2]))$", example = "jp_13"))]
#[serde(try_from = "String", into = "String")]
pub struct LineArea(String);

/// A string that is not one of LINE's area codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not one of LINE's area codes (jp_01..jp_47, tw_01..tw_22, th_01..th_08, id_01..id_12)")]
pub struct UnknownArea(pub String);

impl LineArea {
    /// Parses one of LINE's area codes.
    pub fn new(code: &str) -> Result<Self, UnknownArea> {
        let known = code.split_once('_').is_some_and(|(region, number)| {
            number.len() == 2
                && number.bytes().all(|b| b.is_ascii_digit())
                && AREAS.iter().any(|&(r, count)| {
                    r == region && number.parse::<u8>().is_ok_and(|n| (1..=count).contains(&n))
                })
        });
        if known {
            Ok(Self(code.to_owned()))
        } else {
            Err(UnknownArea(code.to_owned()))
        }
    }

    /// The Japanese prefecture `1..=47` (JIS order: 1 Hokkaido, 13 Tokyo, 47 Okinawa).
    pub fn prefecture(n: u8) -> Option<Self> {
        (1..=47).contains(&n).then(|| Self(format!("jp_{n:02}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LineArea {
    type Error = UnknownArea;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(&s)
    }
}

impl From<LineArea> for String {
    fn from(a: LineArea) -> Self {
        a.0
    }
}

impl fmt::Display for LineArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A campaign's LINE-side demographic filter: every non-empty dimension must hold
/// (LINE's `and` operator). Within a dimension, any listed value matches. Ranges
/// are `from` (inclusive) .. `below` (exclusive) over LINE's buckets; an open side
/// is `None`. Friends whose value LINE does not know are not reached by a
/// dimension that filters on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct LineDemographics {
    pub genders: BTreeSet<LineGender>,
    pub age_from: Option<AgeBucket>,
    pub age_below: Option<AgeBucket>,
    pub areas: BTreeSet<LineArea>,
    pub app_types: BTreeSet<AppType>,
    /// Friends for at least this long.
    pub friends_for_at_least: Option<FriendshipPeriod>,
    /// Friends for less than this long.
    pub friends_for_less_than: Option<FriendshipPeriod>,
}

/// Why a demographic filter cannot be sent, naming the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DemographicError {
    /// No dimension filters anything: a narrowcast would reach every friend, which
    /// is a plain campaign without the filter.
    #[error("choose at least one of genders, ages, areas, app types or friendship length")]
    Empty,
    /// `age_from` is not below `age_below`: nobody could match.
    #[error("age_from must be below age_below")]
    AgeRange,
    /// `friends_for_at_least` is not below `friends_for_less_than`.
    #[error("friends_for_at_least must be shorter than friends_for_less_than")]
    FriendshipRange,
}

impl DemographicError {
    /// The field the error is about, relative to the filter.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Empty => "",
            Self::AgeRange => "age_from",
            Self::FriendshipRange => "friends_for_at_least",
        }
    }
}

impl LineDemographics {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.genders.is_empty()
            && self.age_from.is_none()
            && self.age_below.is_none()
            && self.areas.is_empty()
            && self.app_types.is_empty()
            && self.friends_for_at_least.is_none()
            && self.friends_for_less_than.is_none()
    }

    /// The rules LINE applies to a demographic filter that a typed value can still
    /// break: something must be filtered, and each range must be non-empty.
    pub fn check(&self) -> Result<(), DemographicError> {
        if self.is_empty() {
            return Err(DemographicError::Empty);
        }
        if let (Some(from), Some(below)) = (self.age_from, self.age_below) {
            if from >= below {
                return Err(DemographicError::AgeRange);
            }
        }
        if let (Some(from), Some(below)) = (self.friends_for_at_least, self.friends_for_less_than) {
            if from >= below {
                return Err(DemographicError::FriendshipRange);
            }
        }
        Ok(())
    }
}

/// What LINE reported of a campaign's narrowcast, kept on the campaign.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NarrowcastState {
    /// LINE's `x-line-request-id` of the accepted narrowcast (the one the retry key
    /// first sent), which its progress is asked by. `None` until LINE accepted it.
    pub request_id: Option<String>,
    /// LINE's phase: `waiting`, `sending`, `succeeded` or `failed` (`None` before
    /// the first progress read).
    pub phase: Option<String>,
    /// Friends LINE targeted, delivered to and failed (known once sending ends).
    pub target_count: Option<u64>,
    pub success_count: Option<u64>,
    pub failure_count: Option<u64>,
    /// LINE's reason when the narrowcast failed, or ours when LINE refused it.
    pub failed_description: Option<String>,
    /// LINE's error code for a failed narrowcast.
    pub error_code: Option<i64>,
    /// When otodoke's own filters narrow the campaign: the LINE audience group its
    /// friends were uploaded to (`None` until LINE created it and we recorded it).
    pub audience_group_id: Option<i64>,
    /// Where the upload of the campaign's friends stands (a scan position of the
    /// broadcast engine) once some are uploaded; `None` before the first.
    pub audience_cursor: Option<Cursor>,
    /// User ids uploaded so far (a repeat after a crash may count some twice;
    /// LINE's group keeps each once).
    pub audience_uploaded: u64,
    /// Every friend of the segment is uploaded: the group only needs to be READY.
    pub audience_complete: bool,
    /// The quota reserved for the narrowcast before it was sent (its reach capped
    /// by what the month has left), settled with LINE's delivered count.
    pub reservation: Option<Reservation>,
    /// Reservations given back so far (a pause by LINE's monthly limit gives it
    /// back); names the next one, so that a resumed campaign reserves afresh.
    pub holds_released: u32,
}

impl NarrowcastState {
    /// Whether LINE finished the narrowcast, one way or the other.
    pub fn finished(&self) -> bool {
        matches!(self.phase.as_deref(), Some("succeeded" | "failed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_codes_are_lines_and_nothing_else() {
        for ok in ["jp_01", "jp_13", "jp_47", "tw_22", "th_08", "id_12"] {
            assert!(LineArea::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "jp_00",
            "jp_48",
            "jp_1",
            "jp_013",
            "tw_23",
            "th_09",
            "us_01",
            "jp13",
            "",
            "東京都",
        ] {
            assert_eq!(LineArea::new(bad), Err(UnknownArea(bad.into())), "{bad}");
        }
        assert_eq!(LineArea::prefecture(13).unwrap().as_str(), "jp_13");
        assert_eq!(LineArea::prefecture(48), None);
    }

    #[test]
    fn an_unknown_area_or_bucket_is_refused_when_read() {
        let bad_area = serde_json::from_str::<LineDemographics>(r#"{"areas":["jp_99"]}"#);
        assert!(bad_area.is_err());
        let bad_age = serde_json::from_str::<LineDemographics>(r#"{"age_from":"age_18"}"#);
        assert!(bad_age.is_err());
        let unknown_field = serde_json::from_str::<LineDemographics>(r#"{"gender":["male"]}"#);
        assert!(unknown_field.is_err());
        let good: LineDemographics = serde_json::from_str(
            r#"{"genders":["female"],"age_from":"age_20","age_below":"age_40","areas":["jp_13"],
                "app_types":["ios"],"friends_for_at_least":"day_30"}"#,
        )
        .unwrap();
        assert_eq!(good.check(), Ok(()));
        assert_eq!(good.age_from.unwrap().years(), 20);
    }

    #[test]
    fn an_empty_filter_and_empty_ranges_are_refused() {
        assert_eq!(
            LineDemographics::default().check(),
            Err(DemographicError::Empty)
        );
        let ages = LineDemographics {
            age_from: Some(AgeBucket::Age40),
            age_below: Some(AgeBucket::Age40),
            ..LineDemographics::default()
        };
        assert_eq!(ages.check(), Err(DemographicError::AgeRange));
        assert_eq!(ages.check().unwrap_err().field(), "age_from");
        let friendship = LineDemographics {
            friends_for_at_least: Some(FriendshipPeriod::Day90),
            friends_for_less_than: Some(FriendshipPeriod::Day30),
            ..LineDemographics::default()
        };
        assert_eq!(friendship.check(), Err(DemographicError::FriendshipRange));
        let open_ended = LineDemographics {
            age_below: Some(AgeBucket::Age15),
            ..LineDemographics::default()
        };
        assert_eq!(open_ended.check(), Ok(()), "one side of a range is enough");
    }
}
