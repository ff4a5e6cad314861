//! LINE's demographic targeting as the sandbox plays it: every friend gets the
//! attributes LINE would estimate (gender, age, area, app, days as a friend),
//! derived from the user id alone so that a test can predict them, and a
//! narrowcast's `filter.demographic` is validated as LINE documents it
//! (messaging-api.yml `DemographicFilter` and its six kinds) and evaluated over them.
//!
//! As at LINE, a friend whose attribute is unknown is not reached by a condition
//! on that attribute (about 5 % of friends for each of gender, age and area).

use crate::api_error::ErrorDetail;
use crate::friends::UserKey;
use serde::Serialize;
use serde_json::Value;

/// What the sandbox's LINE "estimates" of one friend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Demographics {
    /// `male` or `female`; `None` when unknown.
    pub gender: Option<&'static str>,
    /// Age in years (15..=74); `None` when unknown.
    pub age: Option<u8>,
    /// `jp_01` .. `jp_47`; `None` when unknown.
    pub area: Option<String>,
    /// `ios` or `android`.
    pub app_type: &'static str,
    /// Days since the friend added the account (0..=799).
    pub friend_days: u16,
}

/// SplitMix64: a fixed, well-mixed function of the id, so attributes look random
/// yet are the same in every run.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Demographics {
    /// The attributes of the friend with this id.
    pub(crate) fn of(key: UserKey) -> Self {
        let v = key.as_u128();
        let h = mix((v as u64) ^ mix((v >> 64) as u64));
        let pick = |shift: u32, modulo: u64| (h >> shift) % modulo;
        let gender = match pick(0, 100) {
            0..48 => Some("female"),
            48..95 => Some("male"),
            _ => None,
        };
        let age = (pick(8, 100) >= 5).then(|| 15 + pick(16, 60) as u8);
        let area = (pick(24, 100) >= 5).then(|| format!("jp_{:02}", 1 + pick(32, 47)));
        let app_type = if pick(40, 100) < 65 { "ios" } else { "android" };
        Self {
            gender,
            age,
            area,
            app_type,
            friend_days: pick(48, 800) as u16,
        }
    }
}

/// A validated `filter.demographic`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Filter {
    Gender(Vec<String>),
    Age { gte: Option<u8>, lt: Option<u8> },
    Area(Vec<String>),
    AppType(Vec<String>),
    Period { gte: Option<u16>, lt: Option<u16> },
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Not(Box<Filter>),
}

impl Filter {
    /// Whether a friend with `d` matches.
    pub fn matches(&self, d: &Demographics) -> bool {
        let within = |v: u16, gte: Option<u16>, lt: Option<u16>| {
            gte.is_none_or(|g| v >= g) && lt.is_none_or(|l| v < l)
        };
        match self {
            Filter::Gender(any) => d.gender.is_some_and(|g| any.iter().any(|a| a == g)),
            Filter::Age { gte, lt } => d
                .age
                .is_some_and(|a| within(a.into(), gte.map(u16::from), lt.map(u16::from))),
            Filter::Area(any) => d.area.as_ref().is_some_and(|a| any.contains(a)),
            Filter::AppType(any) => any.iter().any(|a| a == d.app_type),
            Filter::Period { gte, lt } => within(d.friend_days, *gte, *lt),
            Filter::And(all) => all.iter().all(|f| f.matches(d)),
            Filter::Or(any) => any.iter().any(|f| f.matches(d)),
            Filter::Not(f) => !f.matches(d),
        }
    }
}

const GENDERS: [&str; 2] = ["male", "female"];
const APP_TYPES: [&str; 2] = ["ios", "android"];
/// How deep operators may nest; LINE documents no figure, this only bounds work.
const MAX_DEPTH: usize = 10;

fn is_area(code: &str) -> bool {
    let Some((region, number)) = code.split_once('_') else {
        return false;
    };
    let count = match region {
        "jp" => 47,
        "tw" => 22,
        "th" => 8,
        "id" => 12,
        _ => return false,
    };
    number.len() == 2
        && number.bytes().all(|b| b.is_ascii_digit())
        && number.parse::<u8>().is_ok_and(|n| (1..=count).contains(&n))
}

fn age_bucket(v: &str) -> Option<u8> {
    let years: u8 = v.strip_prefix("age_")?.parse().ok()?;
    ((15..=70).contains(&years) && years.is_multiple_of(5) && v.len() == 6).then_some(years)
}

fn period_bucket(v: &str) -> Option<u16> {
    let days: u16 = v.strip_prefix("day_")?.parse().ok()?;
    [7, 30, 90, 180, 365]
        .contains(&days)
        .then_some(days)
        .filter(|d| v == format!("day_{d}"))
}

/// Validates `filter` (the narrowcast body's `filter` object) and returns its
/// demographic condition, or every rule it breaks as LINE's `details`.
pub(crate) fn parse_filter(filter: &Value) -> Result<Option<Filter>, Vec<ErrorDetail>> {
    let Some(demographic) = filter.get("demographic") else {
        return Ok(None);
    };
    let mut details = Vec::new();
    let parsed = parse(demographic, "filter.demographic", 0, &mut details);
    match parsed {
        Some(f) if details.is_empty() => Ok(Some(f)),
        _ => Err(details),
    }
}

fn parse(v: &Value, at: &str, depth: usize, out: &mut Vec<ErrorDetail>) -> Option<Filter> {
    if depth > MAX_DEPTH {
        out.push(ErrorDetail::new(at, "too deeply nested"));
        return None;
    }
    let Some(kind) = v.get("type").and_then(Value::as_str) else {
        out.push(ErrorDetail::new(format!("{at}.type"), "must be specified"));
        return None;
    };
    let one_of = |allowed: &dyn Fn(&str) -> bool, out: &mut Vec<ErrorDetail>| {
        let field = format!("{at}.oneOf");
        let Some(values) = v.get("oneOf").and_then(Value::as_array) else {
            out.push(ErrorDetail::new(field, "must be a non-empty array"));
            return None;
        };
        if values.is_empty() {
            out.push(ErrorDetail::new(field, "must be a non-empty array"));
            return None;
        }
        let mut ok = Vec::new();
        for (i, value) in values.iter().enumerate() {
            match value.as_str().filter(|s| allowed(s)) {
                Some(s) => ok.push(s.to_owned()),
                None => out.push(ErrorDetail::new(format!("{field}[{i}]"), "invalid value")),
            }
        }
        (ok.len() == values.len()).then_some(ok)
    };
    fn range<T: PartialOrd + Copy>(
        v: &Value,
        at: &str,
        bucket: impl Fn(&str) -> Option<T>,
        out: &mut Vec<ErrorDetail>,
    ) -> Option<(Option<T>, Option<T>)> {
        let side = |name: &str| match v.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(x) => x
                .as_str()
                .and_then(&bucket)
                .map(Some)
                .ok_or_else(|| ErrorDetail::new(format!("{at}.{name}"), "invalid value")),
        };
        let (gte, lt) = (side("gte"), side("lt"));
        match (gte, lt) {
            (Ok(None), Ok(None)) => {
                out.push(ErrorDetail::new(at, "gte or lt must be specified"));
                None
            }
            (Ok(Some(g)), Ok(Some(l))) if g >= l => {
                out.push(ErrorDetail::new(
                    format!("{at}.lt"),
                    "must be greater than gte",
                ));
                None
            }
            (Ok(g), Ok(l)) => Some((g, l)),
            (g, l) => {
                out.extend(g.err());
                out.extend(l.err());
                None
            }
        }
    }
    match kind {
        "gender" => one_of(&|s| GENDERS.contains(&s), out).map(Filter::Gender),
        "appType" => one_of(&|s| APP_TYPES.contains(&s), out).map(Filter::AppType),
        "area" => one_of(&is_area, out).map(Filter::Area),
        "age" => range(v, at, age_bucket, out).map(|(gte, lt)| Filter::Age { gte, lt }),
        "subscriptionPeriod" => {
            range(v, at, period_bucket, out).map(|(gte, lt)| Filter::Period { gte, lt })
        }
        "operator" => {
            let present: Vec<&str> = ["and", "or", "not"]
                .into_iter()
                .filter(|k| v.get(*k).is_some_and(|x| !x.is_null()))
                .collect();
            if present.len() != 1 {
                out.push(ErrorDetail::new(
                    at,
                    "an operator takes exactly one of and, or, not",
                ));
                return None;
            }
            let op = present[0];
            let field = format!("{at}.{op}");
            if op == "not" {
                return parse(&v["not"], &field, depth + 1, out).map(|f| Filter::Not(Box::new(f)));
            }
            let Some(items) = v[op].as_array().filter(|a| !a.is_empty()) else {
                out.push(ErrorDetail::new(field, "must be a non-empty array"));
                return None;
            };
            let parts: Vec<Option<Filter>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| parse(item, &format!("{field}[{i}]"), depth + 1, out))
                .collect();
            let parts: Option<Vec<Filter>> = parts.into_iter().collect();
            parts.map(|p| {
                if op == "and" {
                    Filter::And(p)
                } else {
                    Filter::Or(p)
                }
            })
        }
        _ => {
            out.push(ErrorDetail::new(format!("{at}.type"), "invalid value"));
            None
        }
    }
}

/// Validates `limit` (`max` a positive integer; `upToRemainingQuota` and
/// `forbidPartialDelivery` booleans, the latter only with the former) and returns
/// `max`.
pub(crate) fn parse_limit(limit: &Value) -> Result<Option<u64>, Vec<ErrorDetail>> {
    let mut out = Vec::new();
    let max = match limit.get("max") {
        None | Some(Value::Null) => None,
        Some(m) => match m.as_u64().filter(|&m| m >= 1 && m <= i32::MAX as u64) {
            Some(m) => Some(m),
            None => {
                out.push(ErrorDetail::new("limit.max", "must be a positive integer"));
                None
            }
        },
    };
    let flag = |name: &str, out: &mut Vec<ErrorDetail>| match limit.get(name) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            out.push(ErrorDetail::new(
                format!("limit.{name}"),
                "must be a boolean",
            ));
            false
        }
    };
    let up_to = flag("upToRemainingQuota", &mut out);
    if flag("forbidPartialDelivery", &mut out) && !up_to {
        out.push(ErrorDetail::new(
            "limit.forbidPartialDelivery",
            "may be true only when upToRemainingQuota is true",
        ));
    }
    if out.is_empty() {
        Ok(max)
    } else {
        Err(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(n: u128) -> UserKey {
        UserKey::from_u128(n)
    }

    #[test]
    fn a_friends_attributes_follow_from_the_user_id_alone() {
        assert_eq!(Demographics::of(key(42)), Demographics::of(key(42)));
        let people: Vec<Demographics> = (0..2_000).map(|n| Demographics::of(key(n))).collect();
        let share = |f: &dyn Fn(&Demographics) -> bool| {
            people.iter().filter(|d| f(d)).count() as f64 / people.len() as f64
        };
        // Spread roughly as the generator says, so filters select real subsets.
        assert!((0.40..0.56).contains(&share(&|d| d.gender == Some("female"))));
        assert!((0.01..0.09).contains(&share(&|d| d.age.is_none())));
        assert!((0.57..0.73).contains(&share(&|d| d.app_type == "ios")));
        assert!(people
            .iter()
            .all(|d| d.age.is_none_or(|a| (15..75).contains(&a))));
        assert!(people.iter().all(|d| d.area.as_deref().is_none_or(is_area)));
    }

    #[test]
    fn filters_are_evaluated_as_line_combines_them() {
        let d = Demographics {
            gender: Some("female"),
            age: Some(34),
            area: Some("jp_13".into()),
            app_type: "ios",
            friend_days: 40,
        };
        let f = |v: Value| parse_filter(&json!({ "demographic": v })).unwrap().unwrap();
        assert!(f(json!({"type": "gender", "oneOf": ["female"]})).matches(&d));
        assert!(f(json!({"type": "age", "gte": "age_30", "lt": "age_35"})).matches(&d));
        assert!(!f(json!({"type": "age", "gte": "age_35"})).matches(&d));
        assert!(
            f(json!({"type": "subscriptionPeriod", "gte": "day_30", "lt": "day_90"})).matches(&d)
        );
        assert!(f(json!({"type": "operator", "and": [
            {"type": "area", "oneOf": ["jp_13", "jp_14"]},
            {"type": "operator", "not": {"type": "appType", "oneOf": ["android"]}}
        ]}))
        .matches(&d));
        assert!(!f(json!({"type": "operator", "or": [
            {"type": "gender", "oneOf": ["male"]},
            {"type": "area", "oneOf": ["jp_27"]}
        ]}))
        .matches(&d));
        let unknown = Demographics { age: None, ..d };
        assert!(
            !f(json!({"type": "age", "lt": "age_70"})).matches(&unknown),
            "unknown ages are not reached"
        );
    }

    #[test]
    fn bad_filters_name_every_broken_rule() {
        let details = |v: Value| {
            parse_filter(&json!({ "demographic": v }))
                .unwrap_err()
                .into_iter()
                .map(|d| d.property)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            details(json!({"oneOf": ["male"]})),
            ["filter.demographic.type"]
        );
        assert_eq!(
            details(json!({"type": "height"})),
            ["filter.demographic.type"]
        );
        assert_eq!(
            details(json!({"type": "gender", "oneOf": []})),
            ["filter.demographic.oneOf"]
        );
        assert_eq!(
            details(json!({"type": "area", "oneOf": ["jp_13", "jp_48", "us_01"]})),
            ["filter.demographic.oneOf[1]", "filter.demographic.oneOf[2]"]
        );
        assert_eq!(details(json!({"type": "age"})), ["filter.demographic"]);
        assert_eq!(
            details(json!({"type": "age", "gte": "age_18"})),
            ["filter.demographic.gte"]
        );
        assert_eq!(
            details(json!({"type": "age", "gte": "age_40", "lt": "age_20"})),
            ["filter.demographic.lt"]
        );
        assert_eq!(
            details(json!({"type": "subscriptionPeriod", "gte": "day_8"})),
            ["filter.demographic.gte"]
        );
        assert_eq!(
            details(json!({"type": "operator", "and": [], "or": []})),
            ["filter.demographic"]
        );
        assert_eq!(
            details(
                json!({"type": "operator", "and": [{"type": "appType", "oneOf": ["windows"]}]})
            ),
            ["filter.demographic.and[0].oneOf[0]"]
        );
        assert_eq!(
            parse_filter(&json!({})),
            Ok(None),
            "no demographic, no condition"
        );
    }

    #[test]
    fn limits_follow_lines_rules() {
        assert_eq!(parse_limit(&json!({"max": 100})), Ok(Some(100)));
        assert!(parse_limit(&json!({"max": 0})).is_err());
        assert!(parse_limit(&json!({"forbidPartialDelivery": true})).is_err());
        assert_eq!(
            parse_limit(&json!({"upToRemainingQuota": true, "forbidPartialDelivery": true})),
            Ok(None)
        );
    }
}
