//! A store's business hours: a weekly timetable in the store's IANA time zone, with
//! closed dates (holidays) and special days that replace the timetable for one date.
//!
//! Rules of interpretation:
//! - An [`Interval`] belongs to the date it *opens* on. When `close <= open` it runs
//!   past midnight into the next date (Fri 18:00–02:00 means Sat 01:00 is open),
//!   even when that next date is a holiday. `00:00–00:00` is open all day.
//! - A special day's intervals replace that date's weekly intervals; a special day
//!   with no intervals is closed. A date that is both a holiday and a special day
//!   follows the special day (it is the more specific instruction).
//! - Times are local wall-clock times. In a zone with daylight saving, an opening
//!   time that falls in a skipped hour opens at the first instant after the gap, and
//!   a repeated hour is treated by wall-clock time (both occurrences count).

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// The times an [`Interval`] takes, as the document states them (a test checks
/// jiff reads every form it allows).
pub const TIME_PATTERN: &str = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?$";

/// One opening interval in local wall-clock time, e.g. `{"open":"10:00","close":"19:00"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interval {
    /// `HH:MM`, with seconds (and a fraction) if wanted: what jiff reads as a
    /// civil time, stated as a pattern for the document ([`TIME_PATTERN`]).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10:00",
        pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?$"))]
    pub open: Time,
    /// When `close <= open` the interval ends on the next date.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "19:00",
        pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?$"))]
    pub close: Time,
}

impl Interval {
    /// An interval from `open` to `close` (hour, minute).
    pub fn new(open: (i8, i8), close: (i8, i8)) -> Self {
        Self {
            open: Time::constant(open.0, open.1, 0, 0),
            close: Time::constant(close.0, close.1, 0, 0),
        }
    }

    /// Whether the interval runs past midnight into the next date.
    pub fn crosses_midnight(&self) -> bool {
        self.close <= self.open
    }

    /// Whether the interval, opened on its own date, covers local `time` of that date.
    fn covers_same_day(&self, time: Time) -> bool {
        time >= self.open && (self.crosses_midnight() || time < self.close)
    }

    /// Whether the interval, opened the previous date, still covers local `time`.
    fn covers_next_day(&self, time: Time) -> bool {
        self.crosses_midnight() && time < self.close
    }
}

/// Open intervals per weekday. A weekday with no intervals is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Weekly {
    pub monday: Vec<Interval>,
    pub tuesday: Vec<Interval>,
    pub wednesday: Vec<Interval>,
    pub thursday: Vec<Interval>,
    pub friday: Vec<Interval>,
    pub saturday: Vec<Interval>,
    pub sunday: Vec<Interval>,
}

impl Weekly {
    /// The same intervals every day of the week.
    pub fn every_day(intervals: Vec<Interval>) -> Self {
        Self {
            monday: intervals.clone(),
            tuesday: intervals.clone(),
            wednesday: intervals.clone(),
            thursday: intervals.clone(),
            friday: intervals.clone(),
            saturday: intervals.clone(),
            sunday: intervals,
        }
    }

    /// The intervals of one weekday.
    pub fn on(&self, day: Weekday) -> &[Interval] {
        match day {
            Weekday::Monday => &self.monday,
            Weekday::Tuesday => &self.tuesday,
            Weekday::Wednesday => &self.wednesday,
            Weekday::Thursday => &self.thursday,
            Weekday::Friday => &self.friday,
            Weekday::Saturday => &self.saturday,
            Weekday::Sunday => &self.sunday,
        }
    }

    /// Mutable access to one weekday's intervals.
    pub fn on_mut(&mut self, day: Weekday) -> &mut Vec<Interval> {
        match day {
            Weekday::Monday => &mut self.monday,
            Weekday::Tuesday => &mut self.tuesday,
            Weekday::Wednesday => &mut self.wednesday,
            Weekday::Thursday => &mut self.thursday,
            Weekday::Friday => &mut self.friday,
            Weekday::Saturday => &mut self.saturday,
            Weekday::Sunday => &mut self.sunday,
        }
    }

    /// Whether local `at` falls in one of the weekly intervals (no holidays). Used
    /// for a keyword rule's weekly schedule.
    pub fn contains(&self, at: DateTime) -> bool {
        self.on(at.weekday())
            .iter()
            .any(|i| i.covers_same_day(at.time()))
            || at.date().yesterday().is_ok_and(|y| {
                self.on(y.weekday())
                    .iter()
                    .any(|i| i.covers_next_day(at.time()))
            })
    }
}

/// A date with its own intervals, replacing the weekly ones (e.g. a short day on
/// New Year's Eve, or opening on a usual closing day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpecialDay {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    #[serde(default)]
    pub intervals: Vec<Interval>,
}

/// A store's business hours. The time zone is the store's, held in
/// [`ReplyConfig::time_zone`](crate::ReplyConfig::time_zone).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BusinessHours {
    pub weekly: Weekly,
    /// Dates on which the store is closed all day.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, format = Date))]
    pub holidays: Vec<Date>,
    pub special_days: Vec<SpecialDay>,
}

/// Which rule of the timetable decided a date's intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayRule {
    /// The weekly timetable for the date's weekday.
    Weekly,
    Holiday,
    SpecialDay,
}

/// Why the store is open or closed at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HoursReason {
    /// Inside `interval`, which opened on local date `opened_on` under `rule`.
    /// `opened_on` is the previous date when an interval runs past midnight.
    InInterval {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        opened_on: Date,
        rule: DayRule,
        interval: Interval,
    },
    /// Today is a holiday and no interval from yesterday is still running.
    Holiday {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        date: Date,
    },
    /// Today's timetable (weekly or special day) has no interval covering now.
    OutsideIntervals {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
        date: Date,
        rule: DayRule,
    },
}

/// The hours evaluated at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenState {
    pub open: bool,
    pub reason: HoursReason,
    /// The instant evaluated, as local wall-clock time.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-20T10:00:00"))]
    pub local_time: DateTime,
    /// When closed: the next opening, if there is one within a year.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub next_open: Option<Timestamp>,
    /// `next_open` as local wall-clock time, for "we open at 10:00".
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2026-11-21T10:00:00"))]
    pub next_open_local: Option<DateTime>,
}

/// How far ahead [`BusinessHours::is_open`] looks for the next opening.
const NEXT_OPEN_HORIZON_DAYS: i32 = 400;

impl BusinessHours {
    /// The intervals that open on `date` and the rule that chose them.
    pub fn intervals_on(&self, date: Date) -> (&[Interval], DayRule) {
        if let Some(special) = self.special_days.iter().find(|s| s.date == date) {
            (&special.intervals, DayRule::SpecialDay)
        } else if self.holidays.contains(&date) {
            (&[], DayRule::Holiday)
        } else {
            (self.weekly.on(date.weekday()), DayRule::Weekly)
        }
    }

    /// Evaluates the hours at `at` in time zone `tz`: open or not, why, and when
    /// closed the next opening. Costs a few comparisons per interval when open;
    /// when closed, a scan of up to 400 days (a store closed for a long period) with
    /// no allocation. Never fails: dates outside jiff's range simply end the scan.
    pub fn is_open(&self, at: Timestamp, tz: &TimeZone) -> OpenState {
        let local = at.to_zoned(tz.clone()).datetime();
        let (date, time) = (local.date(), local.time());

        let (today, today_rule) = self.intervals_on(date);
        if let Some(interval) = today.iter().find(|i| i.covers_same_day(time)) {
            return self.open_state(local, date, today_rule, *interval);
        }
        if let Ok(yesterday) = date.yesterday() {
            let (intervals, rule) = self.intervals_on(yesterday);
            if let Some(interval) = intervals.iter().find(|i| i.covers_next_day(time)) {
                return self.open_state(local, yesterday, rule, *interval);
            }
        }

        let reason = match today_rule {
            DayRule::Holiday => HoursReason::Holiday { date },
            rule => HoursReason::OutsideIntervals { date, rule },
        };
        let next = self.next_opening(local);
        OpenState {
            open: false,
            reason,
            local_time: local,
            next_open: next.and_then(|dt| tz.to_ambiguous_timestamp(dt).compatible().ok()),
            next_open_local: next,
        }
    }

    fn open_state(
        &self,
        local: DateTime,
        opened_on: Date,
        rule: DayRule,
        interval: Interval,
    ) -> OpenState {
        OpenState {
            open: true,
            reason: HoursReason::InInterval {
                opened_on,
                rule,
                interval,
            },
            local_time: local,
            next_open: None,
            next_open_local: None,
        }
    }

    /// How much of `from..to` the store is open: the part of a wait that counts
    /// against staff (a question asked at 23:00 and answered at 10:05, opening at
    /// 10:00, waited five minutes). Each interval is placed on its own date in `tz`
    /// (past midnight when it crosses it) and intersected with the span; a span of
    /// more than 400 days is cut there. Zero when `to <= from`.
    pub fn open_between(&self, from: Timestamp, to: Timestamp, tz: &TimeZone) -> SignedDuration {
        if to <= from {
            return SignedDuration::ZERO;
        }
        let to_local = |dt: DateTime| tz.to_ambiguous_timestamp(dt).compatible().ok();
        let first = from.to_zoned(tz.clone()).date();
        let last = to.to_zoned(tz.clone()).date();
        // From the day before: an interval opened then may run past midnight.
        let mut date = first.yesterday().unwrap_or(first);
        let mut open = SignedDuration::ZERO;
        for _ in 0..=NEXT_OPEN_HORIZON_DAYS + 1 {
            if date > last {
                break;
            }
            let (intervals, _) = self.intervals_on(date);
            for interval in intervals {
                let opens = date.to_datetime(interval.open);
                let close_date = if interval.crosses_midnight() {
                    match date.tomorrow() {
                        Ok(next) => next,
                        Err(_) => continue,
                    }
                } else {
                    date
                };
                let closes = close_date.to_datetime(interval.close);
                let (Some(opens), Some(closes)) = (to_local(opens), to_local(closes)) else {
                    continue;
                };
                let (start, end) = (opens.max(from), closes.min(to));
                if end > start {
                    open += end.duration_since(start);
                }
            }
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        open
    }

    /// The earliest local opening time strictly after `local`.
    fn next_opening(&self, local: DateTime) -> Option<DateTime> {
        let mut date = local.date();
        for _ in 0..NEXT_OPEN_HORIZON_DAYS {
            let (intervals, _) = self.intervals_on(date);
            let earliest = intervals
                .iter()
                .map(|i| date.to_datetime(i.open))
                .filter(|opens| *opens > local)
                .min();
            if earliest.is_some() {
                return earliest;
            }
            date = date.tomorrow().ok()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_time_the_documented_pattern_allows_is_read_as_an_interval_bound() {
        let pattern = regex::Regex::new(TIME_PATTERN).unwrap();
        for time in [
            "00:00",
            "09:30",
            "19:59",
            "23:59",
            "10:00:00",
            "23:59:59",
            "12:00:00.5",
            "12:00:00.123456789",
        ] {
            assert!(pattern.is_match(time), "{time}");
            let interval: Interval =
                serde_json::from_value(serde_json::json!({"open": time, "close": time}))
                    .unwrap_or_else(|e| panic!("{time}: {e}"));
            assert_eq!(interval.open, interval.close);
        }
        for outside in ["24:00", "9:00", "10:60", "", "10:00:00.", "1000"] {
            assert!(!pattern.is_match(outside), "{outside}");
        }
    }

    fn jst() -> TimeZone {
        TimeZone::get("Asia/Tokyo").unwrap()
    }

    fn at(tz: &TimeZone, y: i16, mo: i8, d: i8, h: i8, mi: i8) -> Timestamp {
        date(y, mo, d)
            .at(h, mi, 0, 0)
            .to_zoned(tz.clone())
            .unwrap()
            .timestamp()
    }

    /// A bar: Mon–Thu 11:00–14:00 and 17:00–23:00, Fri 18:00–02:00, Sat 18:00–03:00,
    /// closed Sunday.
    fn bar() -> BusinessHours {
        let mut weekly = Weekly::default();
        for day in [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
        ] {
            *weekly.on_mut(day) = vec![
                Interval::new((11, 0), (14, 0)),
                Interval::new((17, 0), (23, 0)),
            ];
        }
        weekly.friday = vec![Interval::new((18, 0), (2, 0))];
        weekly.saturday = vec![Interval::new((18, 0), (3, 0))];
        BusinessHours {
            weekly,
            ..Default::default()
        }
    }

    // 2026-11-20 is a Friday.

    #[test]
    fn open_between_counts_only_the_open_part_of_a_wait() {
        let tz = jst();
        let hours = bar();
        let mins = |d: SignedDuration| d.as_secs() / 60;
        // Thu 13:50 → Thu 17:10: 10 minutes before the lunch close, 10 after reopening.
        let asked = at(&tz, 2026, 11, 19, 13, 50);
        let answered = at(&tz, 2026, 11, 19, 17, 10);
        assert_eq!(mins(hours.open_between(asked, answered, &tz)), 20);
        // Fri 23:00 → Sat 01:30: all inside Friday's interval past midnight.
        let late = at(&tz, 2026, 11, 20, 23, 0);
        let night = at(&tz, 2026, 11, 21, 1, 30);
        assert_eq!(mins(hours.open_between(late, night, &tz)), 150);
        // Sun (closed) 12:00 → Mon 11:05: five open minutes.
        let sunday = at(&tz, 2026, 11, 22, 12, 0);
        let monday = at(&tz, 2026, 11, 23, 11, 5);
        assert_eq!(mins(hours.open_between(sunday, monday, &tz)), 5);
        assert_eq!(
            hours.open_between(monday, sunday, &tz),
            SignedDuration::ZERO
        );
    }

    #[test]
    fn open_between_skips_holidays_and_follows_special_days() {
        let tz = jst();
        let mut hours = bar();
        hours.holidays.push(date(2026, 11, 23)); // Monday
        hours.special_days.push(SpecialDay {
            date: date(2026, 11, 24),
            intervals: vec![Interval::new((9, 0), (10, 0))],
        });
        let from = at(&tz, 2026, 11, 23, 0, 0);
        let to = at(&tz, 2026, 11, 25, 0, 0);
        assert_eq!(hours.open_between(from, to, &tz).as_secs(), 3600);
    }

    #[test]
    fn an_interval_crossing_midnight_keeps_the_store_open_the_next_morning() {
        let tz = jst();
        let state = bar().is_open(at(&tz, 2026, 11, 21, 1, 0), &tz);
        assert!(state.open);
        assert_eq!(
            state.reason,
            HoursReason::InInterval {
                opened_on: date(2026, 11, 20),
                rule: DayRule::Weekly,
                interval: Interval::new((18, 0), (2, 0)),
            }
        );
    }

    #[test]
    fn an_interval_crossing_midnight_closes_at_its_close_time() {
        let tz = jst();
        let state = bar().is_open(at(&tz, 2026, 11, 21, 2, 0), &tz);
        assert!(!state.open);
        assert_eq!(
            state.next_open_local,
            Some(date(2026, 11, 21).at(18, 0, 0, 0))
        );
    }

    #[test]
    fn closed_between_two_intervals_reports_the_afternoon_opening() {
        let tz = jst();
        let state = bar().is_open(at(&tz, 2026, 11, 18, 15, 30), &tz);
        assert!(!state.open);
        assert_eq!(
            state.reason,
            HoursReason::OutsideIntervals {
                date: date(2026, 11, 18),
                rule: DayRule::Weekly
            }
        );
        assert_eq!(state.next_open, Some(at(&tz, 2026, 11, 18, 17, 0)));
    }

    #[test]
    fn a_closed_sunday_reports_monday_morning_as_next_opening() {
        let tz = jst();
        let state = bar().is_open(at(&tz, 2026, 11, 22, 12, 0), &tz);
        assert!(!state.open);
        assert_eq!(state.next_open, Some(at(&tz, 2026, 11, 23, 11, 0)));
    }

    #[test]
    fn a_holiday_closes_the_day_and_skips_to_the_next_opening() {
        let tz = jst();
        let mut hours = bar();
        hours.holidays.push(date(2026, 11, 18));
        let state = hours.is_open(at(&tz, 2026, 11, 18, 12, 0), &tz);
        assert!(!state.open);
        assert_eq!(
            state.reason,
            HoursReason::Holiday {
                date: date(2026, 11, 18)
            }
        );
        assert_eq!(state.next_open, Some(at(&tz, 2026, 11, 19, 11, 0)));
    }

    #[test]
    fn a_holiday_after_a_late_night_does_not_cut_the_night_short() {
        let tz = jst();
        let mut hours = bar();
        hours.holidays.push(date(2026, 11, 21));
        assert!(hours.is_open(at(&tz, 2026, 11, 21, 1, 30), &tz).open);
    }

    #[test]
    fn a_special_day_replaces_the_weekly_intervals() {
        let tz = jst();
        let mut hours = bar();
        hours.special_days.push(SpecialDay {
            date: date(2026, 11, 22),
            intervals: vec![Interval::new((10, 0), (12, 0))],
        });
        let sunday_morning = hours.is_open(at(&tz, 2026, 11, 22, 11, 0), &tz);
        assert!(sunday_morning.open);
        assert!(matches!(
            sunday_morning.reason,
            HoursReason::InInterval {
                rule: DayRule::SpecialDay,
                ..
            }
        ));
        assert!(!hours.is_open(at(&tz, 2026, 11, 22, 12, 0), &tz).open);
    }

    #[test]
    fn a_special_day_wins_over_a_holiday_on_the_same_date() {
        let tz = jst();
        let mut hours = bar();
        hours.holidays.push(date(2026, 11, 22));
        hours.special_days.push(SpecialDay {
            date: date(2026, 11, 22),
            intervals: vec![Interval::new((10, 0), (12, 0))],
        });
        assert!(hours.is_open(at(&tz, 2026, 11, 22, 11, 0), &tz).open);
    }

    #[test]
    fn all_day_interval_is_open_at_any_time() {
        let tz = jst();
        let hours = BusinessHours {
            weekly: Weekly::every_day(vec![Interval::new((0, 0), (0, 0))]),
            ..Default::default()
        };
        for h in [0, 5, 12, 23] {
            assert!(hours.is_open(at(&tz, 2026, 11, 22, h, 59), &tz).open);
        }
    }

    #[test]
    fn a_store_that_never_opens_has_no_next_opening() {
        let tz = jst();
        let state = BusinessHours::default().is_open(at(&tz, 2026, 11, 22, 12, 0), &tz);
        assert!(!state.open);
        assert_eq!(state.next_open, None);
    }

    #[test]
    fn hours_follow_local_time_across_a_daylight_saving_change() {
        // New York switches from EDT (UTC-4) to EST (UTC-5) on 2026-11-01.
        let tz = TimeZone::get("America/New_York").unwrap();
        let hours = BusinessHours {
            weekly: Weekly::every_day(vec![Interval::new((9, 0), (17, 0))]),
            ..Default::default()
        };
        let before: Timestamp = "2026-10-31T13:30:00Z".parse().unwrap(); // 09:30 EDT
        let after: Timestamp = "2026-11-02T13:30:00Z".parse().unwrap(); // 08:30 EST
        assert!(hours.is_open(before, &tz).open);
        let state = hours.is_open(after, &tz);
        assert!(!state.open);
        assert_eq!(
            state.next_open,
            Some("2026-11-02T14:00:00Z".parse().unwrap()),
            "09:00 EST is 14:00 UTC"
        );
    }

    #[test]
    fn an_opening_time_skipped_by_daylight_saving_opens_after_the_gap() {
        // 2026-03-08 02:00 does not exist in New York: clocks jump to 03:00 EDT.
        let tz = TimeZone::get("America/New_York").unwrap();
        let hours = BusinessHours {
            weekly: Weekly::every_day(vec![Interval::new((2, 30), (5, 0))]),
            ..Default::default()
        };
        let state = hours.is_open("2026-03-08T06:00:00Z".parse().unwrap(), &tz); // 01:00 EST
        assert_eq!(
            state.next_open,
            Some("2026-03-08T07:30:00Z".parse().unwrap())
        );
    }

    #[test]
    fn hours_deserialize_from_hour_minute_strings() {
        let json = r#"{"weekly":{"monday":[{"open":"10:00","close":"19:30"}]},
                       "holidays":["2026-12-31"],
                       "special_days":[{"date":"2026-12-30","intervals":[]}]}"#;
        let hours: BusinessHours = serde_json::from_str(json).unwrap();
        assert_eq!(hours.weekly.monday, vec![Interval::new((10, 0), (19, 30))]);
        assert_eq!(hours.holidays, vec![date(2026, 12, 31)]);
        assert!(hours.special_days[0].intervals.is_empty());
    }

    #[test]
    fn weekly_schedule_contains_the_tail_of_an_overnight_interval() {
        let weekly = Weekly {
            friday: vec![Interval::new((22, 0), (1, 0))],
            ..Default::default()
        };
        assert!(weekly.contains(date(2026, 11, 21).at(0, 30, 0, 0)));
        assert!(!weekly.contains(date(2026, 11, 21).at(1, 0, 0, 0)));
        assert!(weekly.contains(date(2026, 11, 20).at(22, 0, 0, 0)));
    }
}
