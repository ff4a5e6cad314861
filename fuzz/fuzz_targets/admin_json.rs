//! The admin API's JSON request bodies through `ApiJson`'s parser (`parse_json`):
//! no body makes it panic, every refusal is a 400 or a 422, and for the bodies the
//! API also answers with (hours, holidays, rules, intents) what a GET returns can be
//! PUT back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otodoke_fn_admin_api::extract::parse_json;
use otodoke_fn_admin_api::routes::{campaigns, channels, friends, organizations, replies, staff};
use otodoke_fn_admin_api::ApiError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Parses `body` as `T`; only a 400 or a 422 may refuse it.
fn parse<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    match parse_json::<T>(body) {
        Ok(value) => Some(value),
        Err(ApiError::Malformed(_)) => None,
        Err(ApiError::Invalid { details, .. }) => {
            assert_eq!(details.len(), 1);
            None
        }
        Err(other) => panic!("a body was refused with {other:?}"),
    }
}

/// As [`parse`], then: what the API would answer with this value parses back to
/// the same answer.
fn round_trip<T: DeserializeOwned + Serialize>(body: &[u8]) {
    let Some(value) = parse::<T>(body) else {
        return;
    };
    let answered = serde_json::to_vec(&value).expect("serializes");
    let again = match parse_json::<T>(&answered) {
        Ok(again) => again,
        Err(e) => panic!(
            "the API's own answer {} is refused: {e:?}",
            String::from_utf8_lossy(&answered)
        ),
    };
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        serde_json::to_value(&again).unwrap()
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    match which % 16 {
        0 => drop(parse::<campaigns::CreateCampaign>(body)),
        1 => drop(parse::<campaigns::SenderInput>(body)),
        2 => drop(parse::<channels::CreateChannel>(body)),
        3 => drop(parse::<channels::UpdateChannel>(body)),
        4 => drop(parse::<friends::AddTag>(body)),
        5 => drop(parse::<friends::SetAttributes>(body)),
        6 => drop(parse::<friends::AssignStore>(body)),
        7 => drop(parse::<organizations::UpdateOrganization>(body)),
        8 => drop(parse::<organizations::CreateStore>(body)),
        9 => round_trip::<replies::Hours>(body),
        10 => round_trip::<replies::Holidays>(body),
        11 => round_trip::<replies::Rules>(body),
        12 => round_trip::<replies::Intents>(body),
        13 => drop(parse::<replies::TeachExample>(body)),
        14 => drop(parse::<replies::PreviewRequest>(body)),
        _ => drop(parse::<staff::PutStaff>(body)),
    }
});
