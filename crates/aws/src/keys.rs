//! Every partition and index key the DynamoDB adapters write that names an
//! organization's data, built from typed ids in this one place.
//!
//! Each is qualified by the organization: store ids are unique only inside one
//! organization and a LINE user id only inside one provider, which several
//! organizations may share, so no key is ever built from a store id, provider id or
//! user id alone. Ids never contain `#` (the domain refuses it), so `#` separates
//! the parts unambiguously; nothing here is parsed back.

use otodoke_core::friend::{FollowState, FriendKey};
use otodoke_core::link::LinkOwner;
use otodoke_core::metrics::{Day, MetricKey};
use otodoke_core::quota::QuotaMonth;
use otodoke_core::thread::ThreadIndex;
use otodoke_core::{
    AutomationId, ChannelId, LinkId, OrgId, RichMenuId, StaffId, StoreId, StoreKey,
};

/// The partition of a friend (their item, memberships, history and enrolments).
pub fn friend_pk(key: &FriendKey) -> String {
    format!("F#{}", key.encode())
}

/// A friend's position inside an audience listing: organization, provider, user.
pub fn friend_in_audience(key: &FriendKey) -> String {
    key.encode()
}

/// The audience of every friend of an organization.
pub fn org_audience(org: &OrgId) -> String {
    format!("O#{org}")
}

/// The audience of a store's friends.
pub fn store_audience(store: &StoreKey) -> String {
    format!("S#{}#{}", store.org, store.store)
}

/// The audience of an organization's friends of a channel in one follow state.
pub fn channel_audience(org: &OrgId, channel: &ChannelId, state: FollowState) -> String {
    let state = match state {
        FollowState::Following => "following",
        FollowState::Blocked => "blocked",
    };
    format!("C#{org}#{channel}#{state}")
}

/// The audience of an organization's friends with a tag (the tag comes last, so it
/// may hold any character).
pub fn tag_audience(org: &OrgId, tag: &str) -> String {
    format!("T#{org}#{tag}")
}

/// The conversation index partition of a store (CSV export by time).
pub fn store_conversations(store: &StoreKey) -> String {
    format!("S#{}#{}", store.org, store.store)
}

/// The organizations-table item of a channel's follower-import checkpoint, in the
/// organization's partition (`O#{org}`): sort key `IMPORT#{channel}`.
pub fn import_checkpoint_sk(channel: &ChannelId) -> String {
    format!("IMPORT#{channel}")
}

/// A store's budget counter inside a channel's monthly quota partition.
pub fn store_budget_sk(store: &StoreKey) -> String {
    format!("STORE#{}#{}", store.org, store.store)
}

/// A thread's sort key in its friend's partition (conversations table).
pub fn thread_sk(channel: &ChannelId) -> String {
    format!("TH#{channel}")
}

/// The partition of a thread listing in its index. An empty part stands for "no
/// store" / "nobody" (ids are never empty).
pub fn thread_listing(index: &ThreadIndex) -> String {
    fn or_none<T: std::fmt::Display>(id: Option<&T>) -> String {
        id.map_or_else(String::new, |id| id.to_string())
    }
    let store = |s: &Option<StoreId>| or_none(s.as_ref());
    let staff = |s: &Option<StaffId>| or_none(s.as_ref());
    match index {
        ThreadIndex::Org(org) => format!("O#{org}"),
        ThreadIndex::Store(org, s) => format!("S#{org}#{}", store(s)),
        ThreadIndex::Assignee(org, a) => format!("A#{org}#{}", staff(a)),
        ThreadIndex::Status(org, s, status) => {
            format!("T#{org}#{}#{}", store(s), status.as_str())
        }
        ThreadIndex::Unread(org, s) => format!("U#{org}#{}", store(s)),
    }
}

/// The partition of an organization's thread saves (the inbox's change cursor).
pub fn thread_changes(org: &OrgId) -> String {
    format!("O#{org}")
}

/// The designer table's partition of an organization's menus, menu rules, relink
/// jobs and automations.
pub fn designer_org(org: &OrgId) -> String {
    format!("O#{org}")
}

/// A rich menu's sort key: its channel, then its id, so that a channel's menus are
/// one `begins_with` ([`menus_of`]).
pub fn menu_sk(channel: &ChannelId, menu: &RichMenuId) -> String {
    format!("{}{menu}", menus_of(channel))
}

/// The sort-key prefix of a channel's menus.
pub fn menus_of(channel: &ChannelId) -> String {
    format!("MENU#{channel}#")
}

/// The item recording which channel menu `id` belongs to (the port finds a menu
/// by organization and id alone).
pub fn menu_home_sk(menu: &RichMenuId) -> String {
    format!("MID#{menu}")
}

/// A channel's menu rules.
pub fn rules_sk(channel: &ChannelId) -> String {
    format!("RULES#{channel}")
}

/// A relink job's sort key: its channel, then its ULID, so that a channel's jobs
/// read newest first backwards ([`jobs_of`]).
pub fn job_sk(channel: &ChannelId, id: &str) -> String {
    format!("{}{id}", jobs_of(channel))
}

/// The sort-key prefix of a channel's relink jobs.
pub fn jobs_of(channel: &ChannelId) -> String {
    format!("JOB#{channel}#")
}

/// The item recording which channel relink job `id` belongs to.
pub fn job_home_sk(id: &str) -> String {
    format!("JID#{id}")
}

/// The sort-key prefix of automations.
pub const AUTOMATIONS: &str = "AUTO#";

/// An automation's sort key.
pub fn automation_sk(id: &AutomationId) -> String {
    format!("{AUTOMATIONS}{id}")
}

/// The designer table's partition of one friend's automation runs.
pub fn friend_runs(friend: &FriendKey) -> String {
    format!("O#{}#F#{}#{}", friend.org, friend.provider, friend.user_id)
}

/// The sort-key prefix of runs.
pub const RUNS: &str = "RUN#";

/// A run's sort key in its friend's partition (the run id comes last: it is
/// derived from an event and may hold any character).
pub fn run_sk(id: &str) -> String {
    format!("{RUNS}{id}")
}

/// The prefix of tracked links' sort keys in the organization's designer partition.
pub const LINKS: &str = "LINK#";

/// A tracked link's sort key (its URL and counts).
pub fn link_sk(id: &LinkId) -> String {
    format!("{LINKS}{id}")
}

/// The prefix of the listing entries of one owner's links (a campaign's, its
/// steps' included, or an automation's), in the organization's partition.
pub fn link_owner_prefix(owner: &LinkOwner) -> String {
    match owner {
        LinkOwner::Campaign(id) => format!("LOWN#C#{id}#"),
        LinkOwner::Automation(id) => format!("LOWN#A#{id}#"),
    }
}

/// A link's listing entry under its owner: creation time, then id.
pub fn link_owner_sk(owner: &LinkOwner, created_key: &str, id: &LinkId) -> String {
    format!("{}{created_key}#{id}", link_owner_prefix(owner))
}

/// The partition of a link's first clicks, one item per friend.
pub fn link_clicks(org: &OrgId, id: &LinkId) -> String {
    format!("O#{org}#L#{id}")
}

/// The sort-key prefix, in a friend's partition ([`friend_runs`]), of the
/// references to their kept link clicks.
pub const FRIEND_CLICKS: &str = "LCLK#";

/// A friend's reference to their click of link `id`.
pub fn friend_click_sk(id: &LinkId) -> String {
    format!("{FRIEND_CLICKS}{id}")
}

/// A click's sort key: the friend (of the link's organization).
pub fn link_click_sk(friend: &FriendKey) -> String {
    format!("{}#{}", friend.provider, friend.user_id)
}

/// The partition of the references to the runs automation `id` took part in.
pub fn automation_runs(org: &OrgId, id: &AutomationId) -> String {
    format!("O#{org}#A#{id}")
}

/// A run reference's sort key: the run's time first (newest first backwards),
/// then its friend and id, which make it unique.
pub fn run_ref_sk(at_key: &str, friend: &FriendKey, id: &str) -> String {
    format!("{at_key}#{}#{}#{id}", friend.provider, friend.user_id)
}

/// The part of a metrics key naming a store: empty for friends of no store (ids
/// are never empty).
fn store_part(store: Option<&StoreId>) -> &str {
    store.map_or("", |s| s.as_str())
}

/// The metrics table's partition of one store's (or no store's) counter rows of
/// one calendar year: a store filter or a store-restricted caller reads one
/// partition per store and year.
pub fn metrics_store_year(org: &OrgId, store: Option<&StoreId>, year: i16) -> String {
    format!("O#{org}#MS#{}#{year:04}", store_part(store))
}

/// The metrics table's partition of an organization's roll-ups of one calendar
/// year: its day totals (`D#`), its channels' day totals (`C#`) and its stores'
/// month totals per channel (`M#`).
pub fn metrics_org_year(org: &OrgId, year: i16) -> String {
    format!("O#{org}#MY#{year:04}")
}

/// The partition of an organization's store month totals of one calendar year
/// (`M#`), apart from the day totals so that a store comparison's Query reads
/// only them (moto reads a whole partition per Query).
pub fn metrics_org_months(org: &OrgId, year: i16) -> String {
    format!("O#{org}#MM#{year:04}")
}

/// The five items one counted row is added to, as (partition, sort key): the
/// row itself (sort key `day#channel`), the organization's day total, the
/// channel's day total, the store's month total of the channel and the store's
/// day total over its channels (`T#day`, in the store's partition).
pub fn metric_items(key: &MetricKey) -> [(String, String); 5] {
    let year = key.day.year();
    let rollups = metrics_org_year(&key.org, year);
    let store_year = metrics_store_year(&key.org, key.store.as_ref(), year);
    [
        (store_year.clone(), format!("{}#{}", key.day, key.channel)),
        (rollups.clone(), metric_day_total(key.day)),
        (rollups, metric_channel_day(&key.channel, key.day)),
        (
            metrics_org_months(&key.org, year),
            format!(
                "M#{}#{}#{}",
                key.day.month(),
                store_part(key.store.as_ref()),
                key.channel
            ),
        ),
        (store_year, metric_store_day_total(key.day)),
    ]
}

/// The sort key of a store's day total over its channels (in the store's year
/// partition; `T` sorts after every day, so the rows' ranges never hold it).
pub fn metric_store_day_total(day: Day) -> String {
    format!("T#{day}")
}

/// The sort key of an organization's day total.
pub fn metric_day_total(day: Day) -> String {
    format!("D#{day}")
}

/// The sort key of a channel's day total.
pub fn metric_channel_day(channel: &ChannelId, day: Day) -> String {
    format!("C#{channel}#{day}")
}

/// The sort-key bounds of a store's rows of the days `from..=to` inside its
/// year partition. The upper bound ends in `$`, the character after `#`: every
/// key `<to>#<anything>` sorts below it, whatever characters the channel id has.
pub fn metric_store_days(from: Day, to: Day) -> (String, String) {
    (format!("{from}#"), format!("{to}$"))
}

/// The sort-key bounds of the store month totals of the months `from..=to`
/// inside an organization's year partition (`$` as in [`metric_store_days`]: a
/// store id may begin with any character, 渋谷 too).
pub fn metric_store_months(from: QuotaMonth, to: QuotaMonth) -> (String, String) {
    (format!("M#{from}#"), format!("M#{to}$"))
}

/// The partition of a dedupe mark of applied increments (the key comes last: it
/// may hold any character).
pub fn metrics_mark(org: &OrgId, dedupe: &str) -> String {
    format!("O#{org}#X#{dedupe}")
}

/// A rate limiter's counter for one key (a channel and endpoint, e.g.
/// `multicast#<channel>`) and one fixed window. Channel ids are LINE's and global,
/// so the key needs no organization.
pub fn rate_window(key: &str, window: i64) -> String {
    format!("rate#{key}#{window}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_core::{LineUserId, ProviderId, StoreId};

    fn friend(org: &str) -> FriendKey {
        FriendKey {
            org: OrgId::new(org).unwrap(),
            provider: ProviderId::new("p").unwrap(),
            user_id: LineUserId::parse(format!("U{:032x}", 1)).unwrap(),
        }
    }

    fn store(org: &str) -> StoreKey {
        StoreKey::new(OrgId::new(org).unwrap(), StoreId::new("shibuya").unwrap())
    }

    #[test]
    fn the_same_store_and_user_in_two_organizations_have_different_keys() {
        assert_ne!(friend_pk(&friend("a")), friend_pk(&friend("b")));
        assert_ne!(store_audience(&store("a")), store_audience(&store("b")));
        assert_ne!(
            store_conversations(&store("a")),
            store_conversations(&store("b"))
        );
        assert_ne!(store_budget_sk(&store("a")), store_budget_sk(&store("b")));
        let ch = ChannelId::new("1").unwrap();
        assert_ne!(
            channel_audience(&OrgId::new("a").unwrap(), &ch, FollowState::Following),
            channel_audience(&OrgId::new("b").unwrap(), &ch, FollowState::Following)
        );
    }

    #[test]
    fn designer_partitions_begin_with_the_organization_and_never_meet() {
        let (a, b) = (OrgId::new("a").unwrap(), OrgId::new("b").unwrap());
        let auto = AutomationId::new("welcome").unwrap();
        let partitions = [
            designer_org(&a),
            friend_runs(&friend("a")),
            automation_runs(&a, &auto),
        ];
        assert!(partitions.iter().all(|p| p.starts_with("O#a")));
        assert_ne!(designer_org(&a), designer_org(&b));
        assert_ne!(friend_runs(&friend("a")), friend_runs(&friend("b")));
        assert_ne!(automation_runs(&a, &auto), automation_runs(&b, &auto));
        assert_ne!(friend_runs(&friend("a")), automation_runs(&a, &auto));
    }

    #[test]
    fn metric_items_begin_with_the_organization_and_sort_by_day() {
        let key = |org: &str, day: &str, store: Option<&str>| MetricKey {
            org: OrgId::new(org).unwrap(),
            day: Day::parse(day).unwrap(),
            channel: ChannelId::new("1").unwrap(),
            store: store.map(|s| StoreId::new(s).unwrap()),
        };
        let [row, day_total, channel_day, month, store_day] =
            metric_items(&key("a", "2026-01-31", Some("shibuya")));
        assert_eq!(
            store_day,
            ("O#a#MS#shibuya#2026".into(), "T#2026-01-31".into())
        );
        assert_eq!(row, ("O#a#MS#shibuya#2026".into(), "2026-01-31#1".into()));
        assert_eq!(day_total, ("O#a#MY#2026".into(), "D#2026-01-31".into()));
        assert_eq!(channel_day, ("O#a#MY#2026".into(), "C#1#2026-01-31".into()));
        assert_eq!(month, ("O#a#MM#2026".into(), "M#2026-01#shibuya#1".into()));
        let beta = metric_items(&key("b", "2026-01-31", Some("shibuya")));
        assert!(beta.iter().all(|(pk, _)| pk.starts_with("O#b#")));
        let none = metric_items(&key("a", "2026-01-31", None));
        assert_eq!(
            none[0].0, "O#a#MS##2026",
            "no store is a partition of its own"
        );
        assert_eq!(none[1], day_total, "every store adds to the one day total");
        assert_eq!(none[3].1, "M#2026-01##1");
        let (lo, hi) = metric_store_days(
            Day::parse("2026-01-31").unwrap(),
            Day::parse("2026-01-31").unwrap(),
        );
        assert!(lo < row.1 && row.1 < hi);
        let (_, last) = metric_store_days(
            Day::parse("2026-01-01").unwrap(),
            Day::parse("2026-12-31").unwrap(),
        );
        assert!(
            store_day.1 > last,
            "a store's rows never include its day totals"
        );
        let next_day = metric_items(&key("a", "2026-02-01", Some("shibuya")));
        assert!(next_day[0].1 > hi);
        let jan = QuotaMonth {
            year: 2026,
            month: 1,
        };
        let (lo, hi) = metric_store_months(jan, jan);
        assert!(lo < month.1 && month.1 < hi && lo < none[3].1 && none[3].1 < hi);
        assert!(next_day[3].1 > hi);
        let kanji = metric_items(&key("a", "2026-01-31", Some("渋谷")));
        assert!(lo < kanji[3].1 && kanji[3].1 < hi, "any store id is inside");
        let new_year = metric_items(&key("a", "2027-01-01", None));
        assert_eq!(new_year[1].0, "O#a#MY#2027", "a year is a partition");
        assert!(metrics_mark(&OrgId::new("a").unwrap(), "ev:1:x").starts_with("O#a#"));
    }
}
