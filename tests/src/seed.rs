//! What the tests write straight into DynamoDB with the administrator's keys, where
//! no operator would use the admin API: thousands of friends at once (as their
//! follow events would have left them), and reading a campaign back as stored.
//! Everything an operator sets up goes through the admin API (`crate::operator`).

use crate::world::Stage;
use futures::{StreamExt, TryStreamExt};
use otodoke_contract::builders::{following, org_id, provider, t0};
use otodoke_core::campaign::Campaign;
use otodoke_core::friend::{Friend, FriendKey};
use otodoke_core::ports::{CampaignStore, FriendStore};
use otodoke_core::LineUserId;

pub const STORE: &str = "shop";

/// The stage's organization id.
pub fn org(stage: &Stage) -> String {
    format!("org-{}", stage.stage)
}

/// `count` new friends of the sandbox channel, following it in otodoke too (as their
/// follow events would have left them), so that LINE delivers to them.
pub async fn friends(stage: &Stage, count: u64) {
    let org = org(stage);
    let stores = stage.admin.stores(&stage.names);
    let channel = stage.channel.channel_id.as_str();
    let added = stage.sandbox.add_friends(channel, count).unwrap();
    let users: Vec<String> = added.user_ids().collect();
    futures::stream::iter(users)
        .map(|user| {
            let (stores, org) = (&stores, &org);
            async move {
                let key = FriendKey {
                    org: org_id(org),
                    provider: provider(),
                    user_id: LineUserId::parse(&user).unwrap(),
                };
                let friend = following(Friend::new(key, t0()), channel);
                stores.friends.save(&friend).await
            }
        })
        .buffer_unordered(16)
        .try_collect::<Vec<_>>()
        .await
        .unwrap();
}

/// The campaign `id` as stored now.
pub async fn campaign(stage: &Stage, id: &str) -> Campaign {
    stage
        .admin
        .stores(&stage.names)
        .campaigns
        .campaign(&otodoke_contract::builders::campaign_id(id))
        .await
        .unwrap()
        .expect("the campaign exists")
}
