//! Page cursors: DynamoDB's `LastEvaluatedKey` as an opaque, URL-safe string
//! (base64url of a JSON object of the key's string attributes).

use crate::item::Item;
use aws_sdk_dynamodb::types::AttributeValue;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use otodoke_core::{Cursor, StoreError};
use std::collections::BTreeMap;

/// Encodes a `LastEvaluatedKey`. Every key attribute of every table and index here
/// is a string; a key with another type is a schema bug and is reported as corrupt.
pub fn encode(key: &Item) -> Result<Cursor, StoreError> {
    let mut plain = BTreeMap::new();
    for (name, value) in key {
        match value {
            AttributeValue::S(v) => {
                plain.insert(name.as_str(), v.as_str());
            }
            other => {
                return Err(StoreError::Corrupt(format!(
                    "key attribute {name} is not a string: {other:?}"
                )))
            }
        }
    }
    let json = serde_json::to_vec(&plain).expect("a map of strings always serializes");
    Ok(Cursor(URL_SAFE_NO_PAD.encode(json)))
}

/// Decodes a cursor made by [`encode`]. A cursor that was tampered with or comes
/// from another listing fails as `StoreError::InvalidCursor`.
pub fn decode(cursor: &Cursor) -> Result<Item, StoreError> {
    let bad = StoreError::InvalidCursor;
    let json = URL_SAFE_NO_PAD
        .decode(cursor.0.as_bytes())
        .map_err(|e| bad(e.to_string()))?;
    let plain: BTreeMap<String, String> =
        serde_json::from_slice(&json).map_err(|e| bad(e.to_string()))?;
    if plain.is_empty() {
        return Err(bad("empty key".into()));
    }
    Ok(plain
        .into_iter()
        .map(|(k, v)| (k, AttributeValue::S(v)))
        .collect())
}

/// The `ExclusiveStartKey` for a page request.
pub(crate) fn start_key(cursor: Option<&Cursor>) -> Result<Option<Item>, StoreError> {
    cursor.map(decode).transpose()
}

/// The cursor of the next page from a response's `LastEvaluatedKey`.
pub(crate) fn next(last_evaluated: Option<&Item>) -> Result<Option<Cursor>, StoreError> {
    last_evaluated
        .filter(|k| !k.is_empty())
        .map(encode)
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_the_last_evaluated_key() {
        let key: Item = [
            ("pk".to_string(), AttributeValue::S("F#p#U1".into())),
            (
                "apk".to_string(),
                AttributeValue::S("T#org#常連/vip".into()),
            ),
        ]
        .into();
        let cursor = encode(&key).unwrap();
        assert!(cursor
            .0
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&cursor).unwrap(), key);
    }

    #[test]
    fn a_tampered_cursor_is_refused_not_a_crash() {
        assert!(matches!(
            decode(&Cursor("not base64!".into())),
            Err(StoreError::InvalidCursor(_))
        ));
        let not_a_map = Cursor(URL_SAFE_NO_PAD.encode("[1,2]"));
        assert!(matches!(
            decode(&not_a_map),
            Err(StoreError::InvalidCursor(_))
        ));
    }

    #[test]
    fn no_last_evaluated_key_means_no_next_page() {
        assert_eq!(next(None).unwrap(), None);
        assert_eq!(next(Some(&Item::new())).unwrap(), None);
    }
}
