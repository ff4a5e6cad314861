//! Cursors: the position after the last item of a page, as an opaque string.
//!
//! Ids never contain `#` (the domain refuses it), so `#` separates the parts.

use jiff::Timestamp;
use otodoke_core::friend::FriendKey;
use otodoke_core::{Cursor, StoreError};

fn invalid(cursor: &Cursor) -> StoreError {
    StoreError::InvalidCursor(format!("{:?}", cursor.0))
}

pub fn from_friend_key(key: &FriendKey) -> Cursor {
    Cursor(key.encode())
}

pub fn to_friend_key(cursor: &Cursor) -> Result<FriendKey, StoreError> {
    FriendKey::decode(&cursor.0).map_err(|_| invalid(cursor))
}

/// A position `(at, id)` in a time-ordered listing.
pub fn from_time_and_id(at: Timestamp, id: &str) -> Cursor {
    Cursor(format!("{}#{id}", at.as_nanosecond()))
}

pub fn to_time_and_id(cursor: &Cursor) -> Result<(Timestamp, String), StoreError> {
    let (nanos, id) = cursor.0.split_once('#').ok_or_else(|| invalid(cursor))?;
    let nanos: i128 = nanos.parse().map_err(|_| invalid(cursor))?;
    let at = Timestamp::from_nanosecond(nanos).map_err(|_| invalid(cursor))?;
    Ok((at, id.to_owned()))
}

/// A plain string position (an entry id).
pub fn from_id(id: &str) -> Cursor {
    Cursor(id.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friend_key_cursors_round_trip() {
        let key = FriendKey {
            org: otodoke_core::OrgId::new("o").unwrap(),
            provider: otodoke_core::ProviderId::new("p-1").unwrap(),
            user_id: otodoke_core::LineUserId::parse(format!("U{:032x}", 7)).unwrap(),
        };
        assert_eq!(to_friend_key(&from_friend_key(&key)).unwrap(), key);
        assert!(to_friend_key(&Cursor("garbage".into())).is_err());
    }

    #[test]
    fn time_cursors_round_trip_to_the_nanosecond() {
        let at: Timestamp = "2026-11-01T00:00:00.123456789Z".parse().unwrap();
        assert_eq!(
            to_time_and_id(&from_time_and_id(at, "01J")).unwrap(),
            (at, "01J".to_owned())
        );
        assert!(to_time_and_id(&Cursor("x#y".into())).is_err());
    }
}
