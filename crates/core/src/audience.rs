//! Who a campaign reaches: [`Audience::matches`] decides for one friend.
//!
//! Pure and cheap (a few set lookups per friend), so the planner can run it on every
//! friend it pages through.

use crate::campaign::Audience;
use crate::friend::{FollowState, Friend};
use crate::ids::{ChannelId, StoreId};
use crate::organization::{subtree, Store};
use jiff::{tz::TimeZone, Timestamp};
use std::collections::BTreeSet;

/// The calendar year in Japan at `now`: ages are counted in JST, as LINE's
/// audiences and the marketers using them do.
pub fn jst_year(now: Timestamp) -> i16 {
    let tokyo = TimeZone::get("Asia/Tokyo").expect("the bundled tz database has Asia/Tokyo");
    now.to_zoned(tokyo).year()
}

impl Audience {
    /// The stores `self.stores` expands to among the organization's stores `all`
    /// (each root and its descendants), or `None` when the audience names no store
    /// (the whole organization): the `store_subtree` argument of [`Audience::matches`].
    ///
    /// Cost: O(stores²) at worst; organizations have tens of stores.
    pub fn store_subtree(&self, all: &[Store]) -> Option<BTreeSet<StoreId>> {
        if self.stores.is_empty() {
            return None;
        }
        Some(
            self.stores
                .iter()
                .flat_map(|root| subtree(all, root))
                .collect(),
        )
    }

    /// Whether `friend` is in this audience for a campaign on `channel` at `now`.
    ///
    /// - The friend must follow `channel`: blocked (or never-linked) friends are
    ///   always excluded, whatever the filters say.
    /// - Every non-empty filter must hold: all of `tags_all`, at least one of
    ///   `tags_any`, none of `tags_none`; gender, prefecture; the age range;
    ///   followed on or after `followed_since`; assigned to a store of
    ///   `store_subtree`.
    /// - Age is the JST calendar year of `now` minus the birth year (only the year
    ///   is known): a friend without a birth year fails any age bound, as does one
    ///   without a gender or prefecture when those filters are set.
    /// - `store_subtree` is the expansion of `self.stores` (see
    ///   [`crate::organization::subtree`]); `None` means "the whole organization"
    ///   and must only be passed when `self.stores` is empty.
    ///
    /// Cost: O(filters · log tags); no allocation.
    pub fn matches(
        &self,
        friend: &Friend,
        channel: &ChannelId,
        now: Timestamp,
        store_subtree: Option<&BTreeSet<StoreId>>,
    ) -> bool {
        self.matches_in_year(friend, channel, jst_year(now), store_subtree)
    }

    /// As [`Audience::matches`] with the JST year already computed (the planner
    /// computes it once per run rather than once per friend).
    pub fn matches_in_year(
        &self,
        friend: &Friend,
        channel: &ChannelId,
        jst_year: i16,
        store_subtree: Option<&BTreeSet<StoreId>>,
    ) -> bool {
        let Some(link) = friend.channels.get(channel) else {
            return false;
        };
        if link.state != FollowState::Following {
            return false;
        }
        if !self.tags_all.iter().all(|t| friend.tags.contains(t)) {
            return false;
        }
        if !self.tags_any.is_empty() && !self.tags_any.iter().any(|t| friend.tags.contains(t)) {
            return false;
        }
        if self.tags_none.iter().any(|t| friend.tags.contains(t)) {
            return false;
        }
        let attrs = &friend.attributes;
        if !self.genders.is_empty() && !attrs.gender.is_some_and(|g| self.genders.contains(&g)) {
            return false;
        }
        if !self.prefectures.is_empty()
            && !attrs
                .prefecture
                .as_ref()
                .is_some_and(|p| self.prefectures.contains(p))
        {
            return false;
        }
        if self.age_min.is_some() || self.age_max.is_some() {
            let Some(birth_year) = attrs.birth_year else {
                return false;
            };
            let age = i32::from(jst_year) - i32::from(birth_year);
            if self.age_min.is_some_and(|min| age < i32::from(min))
                || self.age_max.is_some_and(|max| age > i32::from(max))
            {
                return false;
            }
        }
        if let Some(since) = self.followed_since {
            if link.followed_at.is_none_or(|at| at < since) {
                return false;
            }
        }
        if let Some(stores) = store_subtree {
            if !friend.store_id.as_ref().is_some_and(|s| stores.contains(s)) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::friend::{ChannelLink, FriendKey, Gender};
    use crate::ids::{LineUserId, OrgId, ProviderId};

    fn channel() -> ChannelId {
        ChannelId::new("1650000000").unwrap()
    }

    fn now() -> Timestamp {
        // 2026-12-31T15:00Z is already 2027-01-01 in Tokyo.
        "2026-12-31T15:00:00Z".parse().unwrap()
    }

    fn friend() -> Friend {
        let t: Timestamp = "2026-06-01T00:00:00Z".parse().unwrap();
        let key = FriendKey {
            org: OrgId::new("o").unwrap(),
            provider: ProviderId::new("p").unwrap(),
            user_id: LineUserId::parse(format!("U{:032x}", 7)).unwrap(),
        };
        let mut f = Friend::new(key, t);
        f.channels.insert(
            channel(),
            ChannelLink {
                state: FollowState::Following,
                followed_at: Some(t),
                blocked_at: None,
            },
        );
        f.tags = ["vip".to_owned(), "coffee".to_owned()].into();
        f.attributes.gender = Some(Gender::Female);
        f.attributes.birth_year = Some(1997);
        f.attributes.prefecture = Some("東京都".into());
        f.store_id = Some(StoreId::new("shibuya").unwrap());
        f
    }

    fn tags(t: &[&str]) -> BTreeSet<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_empty_audience_takes_every_follower_and_no_blocked_friend() {
        let audience = Audience::default();
        let mut f = friend();
        assert!(audience.matches(&f, &channel(), now(), None));
        f.channels.get_mut(&channel()).unwrap().state = FollowState::Blocked;
        assert!(!audience.matches(&f, &channel(), now(), None));
        let other = ChannelId::new("1650000001").unwrap();
        assert!(!audience.matches(&friend(), &other, now(), None));
    }

    #[test]
    fn tag_filters_need_all_any_and_none() {
        let f = friend();
        type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str], bool);
        let cases: &[Case] = &[
            (&["vip", "coffee"], &[], &[], true),
            (&["vip", "tea"], &[], &[], false),
            (&[], &["tea", "coffee"], &[], true),
            (&[], &["tea", "cake"], &[], false),
            (&[], &[], &["tea"], true),
            (&[], &[], &["vip"], false),
        ];
        for (all, any, none, expected) in cases {
            let audience = Audience {
                tags_all: tags(all),
                tags_any: tags(any),
                tags_none: tags(none),
                ..Audience::default()
            };
            assert_eq!(
                audience.matches(&f, &channel(), now(), None),
                *expected,
                "all {all:?} any {any:?} none {none:?}"
            );
        }
    }

    #[test]
    fn age_counts_in_the_jst_year_and_bounds_are_inclusive() {
        // In Tokyo it is 2027 at `now()`: born 1997 = 30.
        let f = friend();
        let within = |min, max| {
            Audience {
                age_min: min,
                age_max: max,
                ..Audience::default()
            }
            .matches(&f, &channel(), now(), None)
        };
        assert!(within(Some(30), Some(30)));
        assert!(!within(Some(31), None));
        assert!(!within(None, Some(29)));
        let mut unknown = friend();
        unknown.attributes.birth_year = None;
        let audience = Audience {
            age_min: Some(20),
            ..Audience::default()
        };
        assert!(!audience.matches(&unknown, &channel(), now(), None));
    }

    #[test]
    fn gender_prefecture_and_followed_since_filter_and_unknowns_fail_them() {
        let f = friend();
        let female = Audience {
            genders: [Gender::Female].into(),
            ..Audience::default()
        };
        let male = Audience {
            genders: [Gender::Male].into(),
            ..Audience::default()
        };
        assert!(female.matches(&f, &channel(), now(), None));
        assert!(!male.matches(&f, &channel(), now(), None));
        let osaka = Audience {
            prefectures: ["大阪府".to_owned()].into(),
            ..Audience::default()
        };
        assert!(!osaka.matches(&f, &channel(), now(), None));
        let mut no_prefecture = friend();
        no_prefecture.attributes.prefecture = None;
        let tokyo = Audience {
            prefectures: ["東京都".to_owned()].into(),
            ..Audience::default()
        };
        assert!(tokyo.matches(&f, &channel(), now(), None));
        assert!(!tokyo.matches(&no_prefecture, &channel(), now(), None));
        let since = |at: &str| Audience {
            followed_since: Some(at.parse().unwrap()),
            ..Audience::default()
        };
        assert!(since("2026-06-01T00:00:00Z").matches(&f, &channel(), now(), None));
        assert!(!since("2026-06-01T00:00:01Z").matches(&f, &channel(), now(), None));
    }

    #[test]
    fn a_store_subtree_takes_only_friends_assigned_inside_it() {
        let f = friend();
        let audience = Audience {
            stores: vec![StoreId::new("kanto").unwrap()],
            ..Audience::default()
        };
        let kanto: BTreeSet<StoreId> = ["kanto", "shibuya"]
            .iter()
            .map(|s| StoreId::new(*s).unwrap())
            .collect();
        let osaka: BTreeSet<StoreId> = [StoreId::new("osaka").unwrap()].into();
        assert!(audience.matches(&f, &channel(), now(), Some(&kanto)));
        assert!(!audience.matches(&f, &channel(), now(), Some(&osaka)));
        let mut unassigned = friend();
        unassigned.store_id = None;
        assert!(!audience.matches(&unassigned, &channel(), now(), Some(&kanto)));
    }
}
