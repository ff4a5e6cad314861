//! Item mapping: domain records are stored as one `doc` map attribute (serde_dynamo),
//! next to the key and index attributes the adapter derives from them. Keeping the
//! record apart from the keys means a new field in a record never collides with an
//! index attribute, and old items keep decoding (serde defaults).

use crate::error::corrupt;
use aws_sdk_dynamodb::types::AttributeValue;
use jiff::Timestamp;
use otodoke_core::StoreError;
use serde::{de::DeserializeOwned, Serialize};
use std::collections::HashMap;

/// A DynamoDB item.
pub type Item = HashMap<String, AttributeValue>;

/// DynamoDB's item size limit: 400 KB, names and values included.
pub const MAX_ITEM_BYTES: usize = 400 * 1024;

/// The attribute holding the record.
pub(crate) const DOC: &str = "doc";

/// A string attribute.
pub(crate) fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

/// A number attribute.
pub(crate) fn n(value: impl std::fmt::Display) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

/// The record as a map attribute.
pub(crate) fn to_doc<T: Serialize>(record: &T) -> Result<AttributeValue, StoreError> {
    serde_dynamo::aws_sdk_dynamodb_1::to_attribute_value(record)
        // Serializing our own records cannot fail unless a type is broken.
        .map_err(|e| StoreError::Corrupt(format!("cannot encode record: {e}")))
}

/// The record held in `item`'s `doc` attribute.
pub(crate) fn from_doc<T: DeserializeOwned>(item: &Item, what: &str) -> Result<T, StoreError> {
    let doc = item
        .get(DOC)
        .ok_or_else(|| corrupt(what, "the item has no doc attribute"))?;
    serde_dynamo::aws_sdk_dynamodb_1::from_attribute_value(doc.clone())
        .map_err(|e| corrupt(what, e))
}

/// A string attribute of `item`.
pub(crate) fn get_s<'a>(item: &'a Item, name: &str) -> Option<&'a str> {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .map(String::as_str)
}

/// A number attribute of `item` as `u64`; absent reads as `None`.
pub(crate) fn get_u64(item: &Item, name: &str, what: &str) -> Result<Option<u64>, StoreError> {
    match item.get(name) {
        None | Some(AttributeValue::Null(_)) => Ok(None),
        Some(AttributeValue::N(v)) => v
            .parse::<u64>()
            .map(Some)
            .map_err(|e| corrupt(what, format!("{name}={v}: {e}"))),
        Some(other) => Err(corrupt(what, format!("{name} is not a number: {other:?}"))),
    }
}

/// A timestamp as a string that sorts like the timestamp: nanoseconds since the
/// epoch, zero-padded to 20 digits (times before 1970 sort as 1970).
pub fn time_key(at: Timestamp) -> String {
    format!("{:020}", at.as_nanosecond().max(0))
}

/// Seconds since the epoch, rounded up: what a TTL attribute holds.
pub(crate) fn ttl_seconds(at: Timestamp) -> i64 {
    let s = at.as_second();
    if at.subsec_nanosecond() > 0 {
        s + 1
    } else {
        s
    }
}

/// Refuses an item over DynamoDB's 400 KB limit before sending it.
pub(crate) fn check_size(item: &Item) -> Result<(), StoreError> {
    let bytes = item_size(item);
    if bytes > MAX_ITEM_BYTES {
        Err(StoreError::TooLarge {
            bytes,
            limit: MAX_ITEM_BYTES,
        })
    } else {
        Ok(())
    }
}

/// An upper estimate of an item's size as DynamoDB counts it: attribute names plus
/// values (UTF-8 bytes for strings, about one byte per two digits for numbers, and a
/// few bytes of overhead per list and map element). Cost: one walk over the item.
pub fn item_size(item: &Item) -> usize {
    item.iter().map(|(k, v)| k.len() + value_size(v)).sum()
}

fn value_size(v: &AttributeValue) -> usize {
    match v {
        AttributeValue::S(s) => s.len(),
        AttributeValue::N(n) => n.len().div_ceil(2) + 1,
        AttributeValue::B(b) => b.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::Ss(v) => v.iter().map(String::len).sum(),
        AttributeValue::Ns(v) => v.iter().map(|n| n.len().div_ceil(2) + 1).sum(),
        AttributeValue::Bs(v) => v.iter().map(|b| b.as_ref().len()).sum(),
        AttributeValue::L(v) => 3 + v.iter().map(|e| 1 + value_size(e)).sum::<usize>(),
        AttributeValue::M(m) => {
            3 + m
                .iter()
                .map(|(k, e)| 1 + k.len() + value_size(e))
                .sum::<usize>()
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_keys_sort_like_the_times() {
        let a: Timestamp = "2026-11-01T00:00:00Z".parse().unwrap();
        let b: Timestamp = "2026-11-01T00:00:00.000000001Z".parse().unwrap();
        let c: Timestamp = "2031-01-01T00:00:00Z".parse().unwrap();
        assert!(time_key(a) < time_key(b) && time_key(b) < time_key(c));
        assert_eq!(time_key(a).len(), 20);
    }

    #[test]
    fn ttl_rounds_up_to_the_next_second() {
        let t: Timestamp = "2026-11-01T00:00:00.5Z".parse().unwrap();
        assert_eq!(ttl_seconds(t), t.as_second() + 1);
    }

    #[test]
    fn an_item_over_400_kb_is_refused_before_sending() {
        let mut item = Item::new();
        item.insert("pk".into(), s("x"));
        item.insert("big".into(), s("あ".repeat(140_000)));
        match check_size(&item) {
            Err(StoreError::TooLarge { bytes, limit }) => {
                assert!(bytes > 420_000);
                assert_eq!(limit, MAX_ITEM_BYTES);
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
        item.insert("big".into(), s("a".repeat(300_000)));
        assert!(check_size(&item).is_ok());
    }
}
