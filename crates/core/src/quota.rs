//! Monthly message quota: arithmetic that never goes negative and never passes the
//! limit, and the JST calendar month LINE counts in.

use crate::ids::{ChannelId, StoreKey};
use jiff::{tz::TimeZone, SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A Japanese calendar month (LINE resets quota at JST midnight on the 1st).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaMonth {
    pub year: i16,
    pub month: i8,
}

impl QuotaMonth {
    /// The JST month containing `at`.
    pub fn containing(at: Timestamp) -> Self {
        let tokyo = TimeZone::get("Asia/Tokyo").expect("the bundled tz database has Asia/Tokyo");
        let date = at.to_zoned(tokyo).date();
        Self {
            year: date.year(),
            month: date.month(),
        }
    }
}

impl fmt::Display for QuotaMonth {
    /// `2026-11`: the form used in storage keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Which counter: a channel's month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QuotaKey {
    pub channel: ChannelId,
    pub month: QuotaMonth,
}

/// One counter: `used` messages were sent, `reserved` are promised to sends in flight.
/// Invariant: `used + reserved <= limit` whenever a limit is set, except after a
/// reconcile with LINE raised `used` (sends made outside otodoke), which only ever
/// blocks further reservations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuotaCounter {
    pub limit: Option<u64>,
    pub used: u64,
    pub reserved: u64,
}

/// The answer to a reservation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReserveOutcome {
    Granted(Reservation),
    /// Not enough left: nothing was reserved. `available` is what could be reserved.
    Refused {
        available: u64,
    },
}

/// Messages promised to one send; settle it with the number actually sent.
///
/// A reservation has an id, unique within its counter (channel and month), and an
/// expiry: one left unsettled (its sender was killed) returns to the pool by itself
/// once `expires_at` has passed. Settling is idempotent per id, and reserving again
/// under an id that is open or settled reserves nothing more: a retried send that
/// reuses its id (derived from its LINE retry key) is counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    pub key: QuotaKey,
    /// The store budget the reservation was also taken from, if any.
    pub store: Option<StoreKey>,
    pub count: u64,
    /// The holder's id (see [`Hold::id`]).
    #[serde(default)]
    pub id: String,
    /// When an unsettled reservation returns to the pool.
    #[serde(default)]
    pub expires_at: Timestamp,
}

/// Who takes a reservation and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// Unique per send within a channel's month, and the same for every attempt
    /// of one send (e.g. `fanout#<campaign>#<batch>`), so that a retry finds the
    /// reservation (open or settled) of an earlier attempt instead of taking another.
    pub id: String,
    /// The caller's clock: expired reservations are those with `expires_at <= now`.
    pub now: Timestamp,
    /// When the reservation returns to the pool unless settled first.
    pub until: Timestamp,
}

impl Hold {
    /// A hold `id` taken at `now` for `duration`.
    pub fn new(id: impl Into<String>, now: Timestamp, duration: SignedDuration) -> Self {
        Self {
            id: id.into(),
            now,
            until: now.saturating_add(duration).unwrap_or(Timestamp::MAX),
        }
    }

    /// The reservation this hold takes on `key`.
    pub fn reservation(&self, key: &QuotaKey, store: Option<&StoreKey>, count: u64) -> Reservation {
        Reservation {
            key: key.clone(),
            store: store.cloned(),
            count,
            id: self.id.clone(),
            expires_at: self.until,
        }
    }
}

impl QuotaCounter {
    /// What can still be reserved (`u64::MAX` without a limit).
    pub fn available(&self) -> u64 {
        match self.limit {
            Some(limit) => limit.saturating_sub(self.used.saturating_add(self.reserved)),
            None => u64::MAX,
        }
    }

    /// Reserves `n` if that keeps `used + reserved <= limit`; all or nothing.
    pub fn try_reserve(&mut self, n: u64) -> Result<(), u64> {
        let available = self.available();
        if n > available {
            return Err(available);
        }
        self.reserved += n;
        Ok(())
    }

    /// Turns `reserved` promised messages into `sent` used ones and frees the rest.
    /// `sent` above `reserved` is clamped: a send never uses more than it reserved.
    pub fn settle(&mut self, reserved: u64, sent: u64) {
        let reserved = reserved.min(self.reserved);
        self.reserved -= reserved;
        self.used += sent.min(reserved);
    }

    /// Takes LINE's own count when it is higher (sends made in the Manager count too).
    pub fn reconcile(&mut self, used_by_line: u64) {
        self.used = self.used.max(used_by_line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_month_rolls_over_at_jst_midnight() {
        // 2026-11-30T15:00:00Z is 2026-12-01T00:00 in Tokyo.
        let before: Timestamp = "2026-11-30T14:59:59Z".parse().unwrap();
        let after: Timestamp = "2026-11-30T15:00:00Z".parse().unwrap();
        assert_eq!(QuotaMonth::containing(before).to_string(), "2026-11");
        assert_eq!(QuotaMonth::containing(after).to_string(), "2026-12");
    }

    #[test]
    fn a_reservation_over_the_limit_reserves_nothing() {
        let mut c = QuotaCounter {
            limit: Some(1_000),
            used: 900,
            reserved: 50,
        };
        assert_eq!(c.try_reserve(51), Err(50));
        assert_eq!(c.reserved, 50);
        assert_eq!(c.try_reserve(50), Ok(()));
        assert_eq!(c.available(), 0);
    }

    #[test]
    fn settling_frees_what_was_not_sent() {
        let mut c = QuotaCounter {
            limit: Some(1_000),
            used: 0,
            reserved: 0,
        };
        c.try_reserve(500).unwrap();
        c.settle(500, 480);
        assert_eq!(
            c,
            QuotaCounter {
                limit: Some(1_000),
                used: 480,
                reserved: 0
            }
        );
    }

    proptest! {
        #[test]
        fn counters_never_pass_the_limit_nor_go_negative(ops in proptest::collection::vec((0u8..3, 0u64..400), 0..60)) {
            let mut c = QuotaCounter { limit: Some(1_000), used: 0, reserved: 0 };
            let mut open: Vec<u64> = Vec::new();
            for (op, n) in ops {
                match op {
                    0 => if c.try_reserve(n).is_ok() { open.push(n) },
                    1 => if let Some(r) = open.pop() { c.settle(r, n.min(r)) },
                    _ => if let Some(r) = open.pop() { c.settle(r, 0) },
                }
                prop_assert!(c.used + c.reserved <= 1_000);
                prop_assert_eq!(c.reserved, open.iter().sum::<u64>());
            }
        }
    }
}
