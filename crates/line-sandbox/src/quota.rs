//! The month a send is billed to: LINE counts per Japanese calendar month (JST,
//! UTC+9 all year round, no daylight saving).

use jiff::tz::{self, TimeZone};
use jiff::Timestamp;

/// A JST calendar month as `year * 12 + (month - 1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct JstMonth(pub i32);

impl JstMonth {
    /// The JST month containing `epoch_ms`. Times outside jiff's range clamp to 1970-01.
    pub fn of_epoch_ms(epoch_ms: i64) -> Self {
        let ts = Timestamp::from_millisecond(epoch_ms).unwrap_or(Timestamp::UNIX_EPOCH);
        let zoned = ts.to_zoned(TimeZone::fixed(tz::offset(9)));
        JstMonth(i32::from(zoned.year()) * 12 + i32::from(zoned.month()) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jst_month_turns_at_1500_utc_on_the_last_day() {
        // 2026-01-31T14:59:59Z is 23:59:59 JST on the 31st; one second later is February in Japan.
        let before: Timestamp = "2026-01-31T14:59:59Z".parse().unwrap();
        let after: Timestamp = "2026-01-31T15:00:00Z".parse().unwrap();
        let jan = JstMonth::of_epoch_ms(before.as_millisecond());
        let feb = JstMonth::of_epoch_ms(after.as_millisecond());
        assert_eq!(feb.0, jan.0 + 1);
    }
}
