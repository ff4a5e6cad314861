//! What a stage starts with: an organization, a store with its reply settings, the
//! sandbox's channel registered as the admin API registers it (secret and token in
//! Secrets Manager under the stage's prefix), friends and campaigns. Written with
//! the administrator's keys: seeding is not a function's work.

use crate::world::Stage;
use futures::{StreamExt, TryStreamExt};
use otodoke_autoreply::ReplyConfig;
use otodoke_contract::builders::{
    following, org_id, provider, sample_campaign, sample_channel, sample_org, sample_store,
    store_id, t0,
};
use otodoke_core::campaign::{Campaign, CampaignStatus};
use otodoke_core::friend::{Friend, FriendKey};
use otodoke_core::organization::{Plan, SecretRef};
use otodoke_core::ports::{CampaignStore, FriendStore, OrganizationStore};
use otodoke_core::LineUserId;

pub const STORE: &str = "shop";

/// The stage's organization id.
pub fn org(stage: &Stage) -> String {
    format!("org-{}", stage.stage)
}

/// Registers the organization, its store with `reply`, and the sandbox channel on
/// `plan`, with its secret and token in Secrets Manager.
pub async fn shop(stage: &Stage, reply: ReplyConfig, plan: Plan) {
    let org = org(stage);
    let stores = stage.admin.stores(&stage.names);
    stores
        .organizations
        .put_organization(&sample_org(&org))
        .await
        .unwrap();
    let mut store = sample_store(&org, STORE);
    store.reply = reply;
    stores.organizations.put_store(&store).await.unwrap();
    let channel = &stage.channel;
    let mut record = sample_channel(&org, &channel.channel_id, 0);
    record.bot_user_id = channel.bot_user_id.clone();
    record.store_id = Some(store_id(STORE));
    record.default_store = Some(store_id(STORE));
    record.plan = plan;
    let name = |what: &str| format!("{}{org}/{}/{what}", stage.secret_prefix, channel.channel_id);
    record.secret_ref = SecretRef(name("channel-secret"));
    record.access_token_ref = SecretRef(name("access-token"));
    for (reference, value) in [
        (&record.secret_ref, &channel.channel_secret),
        (&record.access_token_ref, &channel.access_tokens[0]),
    ] {
        stage
            .admin
            .secrets
            .create_secret()
            .name(&reference.0)
            .secret_string(value)
            .send()
            .await
            .unwrap();
    }
    stores.organizations.put_channel(&record).await.unwrap();
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
                    provider: provider(),
                    user_id: LineUserId::parse(&user).unwrap(),
                };
                let friend = following(Friend::new(key, org_id(org), t0()), channel);
                stores.friends.save(&friend).await
            }
        })
        .buffer_unordered(16)
        .try_collect::<Vec<_>>()
        .await
        .unwrap();
}

/// A running campaign `id` of the channel to every following friend (as send-now
/// leaves it), adjusted by `edit`.
pub async fn running_campaign(stage: &Stage, id: &str, edit: impl FnOnce(&mut Campaign)) {
    let mut campaign = sample_campaign(&org(stage), id, &stage.channel.channel_id);
    campaign.status = CampaignStatus::Running;
    edit(&mut campaign);
    stage
        .admin
        .stores(&stage.names)
        .campaigns
        .create(&campaign)
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
