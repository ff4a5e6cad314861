//! Settings made once for many stores: auto-reply parts set on the organization or on
//! any node of the store tree (a region is a store with stores below it) are
//! inherited by the stores below it, and a store overrides what it needs.
//!
//! Each store keeps its own full [`ReplyConfig`] plus the set of [`ReplyPart`]s it
//! takes from above (`Store::inherits`). A part is taken, whole, from the nearest
//! ancestor that owns it, else from the organization's defaults
//! (`Organization::reply`). Whole parts, not merged lists: a store that writes its
//! own rules replaces the region's rules, which is what "overrides" means to the
//! people setting it up, and keeps the effective answer explainable.

use crate::organization::{Organization, Store};
use crate::StoreId;
use otodoke_autoreply::ReplyConfig;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A part of the auto-reply configuration that is inherited as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReplyPart {
    /// Weekly hours, holidays and special days.
    Hours,
    /// The after-hours reply and its cool-down.
    AfterHours,
    Rules,
    Intents,
    Greeting,
    UnblockGreeting,
    Fallback,
}

impl ReplyPart {
    pub const ALL: [ReplyPart; 7] = [
        ReplyPart::Hours,
        ReplyPart::AfterHours,
        ReplyPart::Rules,
        ReplyPart::Intents,
        ReplyPart::Greeting,
        ReplyPart::UnblockGreeting,
        ReplyPart::Fallback,
    ];

    /// Copies this part of `from` into `into`.
    fn copy(self, from: &ReplyConfig, into: &mut ReplyConfig) {
        match self {
            ReplyPart::Hours => into.hours = from.hours.clone(),
            ReplyPart::AfterHours => into.after_hours = from.after_hours.clone(),
            ReplyPart::Rules => into.rules = from.rules.clone(),
            ReplyPart::Intents => into.intents = from.intents.clone(),
            ReplyPart::Greeting => into.greeting = from.greeting.clone(),
            ReplyPart::UnblockGreeting => into.unblock_greeting = from.unblock_greeting.clone(),
            ReplyPart::Fallback => into.fallback = from.fallback.clone(),
        }
    }
}

/// Where an effective part comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum PartSource {
    /// The store itself.
    Store(StoreId),
    /// An ancestor of the store (a region).
    Ancestor(StoreId),
    /// The organization's defaults.
    Organization,
}

/// A store's effective configuration and where each part comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    pub config: ReplyConfig,
    pub sources: BTreeMap<ReplyPart, PartSource>,
}

/// `store`'s effective auto-reply configuration among the organization's `stores`.
/// The store name and time zone are always the store's own. Cost: O(depth × parts);
/// a parent that is missing or a cycle (never written by the API) ends the walk at
/// the organization.
pub fn effective(store: &Store, stores: &[Store], org: Option<&Organization>) -> Effective {
    let mut config = store.reply.clone();
    config.time_zone = store.time_zone.clone();
    if config.store_name.is_empty() {
        config.store_name = store.name.clone();
    }
    let mut sources = BTreeMap::new();
    for part in ReplyPart::ALL {
        if !store.inherits.contains(&part) {
            sources.insert(part, PartSource::Store(store.id.clone()));
            continue;
        }
        let mut seen = BTreeSet::from([store.id.clone()]);
        let mut at = store.parent.as_ref();
        let mut found = None;
        while let Some(id) = at {
            if !seen.insert(id.clone()) {
                break;
            }
            let Some(node) = stores.iter().find(|s| &s.id == id) else {
                break;
            };
            if !node.inherits.contains(&part) {
                found = Some(node);
                break;
            }
            at = node.parent.as_ref();
        }
        match (found, org) {
            (Some(node), _) => {
                part.copy(&node.reply, &mut config);
                sources.insert(part, PartSource::Ancestor(node.id.clone()));
            }
            (None, Some(org)) => {
                part.copy(&org.reply, &mut config);
                sources.insert(part, PartSource::Organization);
            }
            (None, None) => {
                part.copy(&ReplyConfig::default(), &mut config);
                sources.insert(part, PartSource::Organization);
            }
        }
    }
    Effective { config, sources }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organization::LinkMode;
    use crate::OrgId;
    use otodoke_autoreply::rules::{MatchKind, Rule};
    use otodoke_autoreply::Answer;

    fn rule(answer: &str) -> Rule {
        Rule {
            id: "hours".into(),
            kind: MatchKind::Partial,
            keywords: vec!["営業時間".into()],
            answer: Answer::text(answer),
            ..Rule::default()
        }
    }

    fn store(id: &str, parent: Option<&str>, rules: Vec<Rule>, inherits: &[ReplyPart]) -> Store {
        Store {
            id: StoreId::new(id).unwrap(),
            org_id: OrgId::new("acme").unwrap(),
            parent: parent.map(|p| StoreId::new(p).unwrap()),
            name: id.into(),
            time_zone: "Asia/Tokyo".into(),
            retention_days: None,
            staff_notify_url: None,
            monthly_budget: None,
            reply: ReplyConfig {
                rules,
                ..ReplyConfig::default()
            },
            version: 0,
            inherits: inherits.iter().copied().collect(),
            inbox: Default::default(),
        }
    }

    fn org(greeting: &str) -> Organization {
        Organization {
            id: OrgId::new("acme").unwrap(),
            name: "Acme".into(),
            link_mode: LinkMode::SharedChannel,
            default_store: None,
            created_at: jiff::Timestamp::UNIX_EPOCH,
            reply: ReplyConfig {
                greeting: Some(Answer::text(greeting)),
                ..ReplyConfig::default()
            },
        }
    }

    #[test]
    fn a_part_comes_from_the_nearest_owner_above_else_the_organization() {
        let all = ReplyPart::ALL;
        let kanto = store(
            "kanto",
            None,
            vec![rule("関東は10時から")],
            &[ReplyPart::Greeting],
        );
        let shibuya = store("shibuya", Some("kanto"), vec![], &all);
        let shinjuku = store("shinjuku", Some("kanto"), vec![rule("新宿は24時間")], &[]);
        let stores = [kanto, shibuya.clone(), shinjuku.clone()];
        let org = org("ようこそ");

        let e = effective(&shibuya, &stores, Some(&org));
        assert_eq!(e.config.rules, vec![rule("関東は10時から")]);
        assert_eq!(
            e.sources[&ReplyPart::Rules],
            PartSource::Ancestor(StoreId::new("kanto").unwrap())
        );
        // kanto inherits its greeting too, so it comes from the organization.
        assert_eq!(e.config.greeting, Some(Answer::text("ようこそ")));
        assert_eq!(e.sources[&ReplyPart::Greeting], PartSource::Organization);
        assert_eq!(e.config.store_name, "shibuya");

        let e = effective(&shinjuku, &stores, Some(&org));
        assert_eq!(e.config.rules, vec![rule("新宿は24時間")]);
        assert_eq!(
            e.sources[&ReplyPart::Rules],
            PartSource::Store(StoreId::new("shinjuku").unwrap())
        );
        assert_eq!(
            e.config.greeting, None,
            "shinjuku owns its (empty) greeting"
        );
    }

    #[test]
    fn a_cycle_or_a_missing_parent_ends_at_the_organization() {
        let a = store("a", Some("b"), vec![], &ReplyPart::ALL);
        let b = store("b", Some("a"), vec![], &ReplyPart::ALL);
        let orphan = store("c", Some("gone"), vec![], &ReplyPart::ALL);
        let org = org("hi");
        for s in [&a, &orphan] {
            let e = effective(s, &[a.clone(), b.clone(), orphan.clone()], Some(&org));
            assert_eq!(e.config.greeting, Some(Answer::text("hi")));
        }
    }
}
