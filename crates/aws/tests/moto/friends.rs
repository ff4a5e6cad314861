//! Friend saves racing on DynamoDB: the version condition and the membership
//! transaction together keep the audience index in step with the winner.

use crate::fresh_tables;
use otodoke_aws::DynamoFriends;
use otodoke_contract::builders::*;
use otodoke_contract::support::all_items;
use otodoke_core::ports::FriendStore;
use otodoke_core::StoreError;
use otodoke_moto::MotoServer;
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_racing_saves_of_one_version_one_wins_and_the_tag_audiences_follow_it() {
    let sdk = MotoServer::shared().sdk_config().await;
    let (client, names) = fresh_tables(&sdk).await;
    let friends = Arc::new(DynamoFriends::new(client, &names.friends));
    let v1 = friends
        .save(&tagged(sample_friend(1, "acme"), "old"))
        .await
        .unwrap();

    let racers: Vec<_> = (0..8)
        .map(|i| {
            let friends = friends.clone();
            let mut edit = v1.clone();
            edit.tags.clear();
            edit.tags.insert(format!("tag-{i}"));
            tokio::spawn(async move { friends.save(&edit).await })
        })
        .collect();
    let mut winners = Vec::new();
    for (i, racer) in racers.into_iter().enumerate() {
        match racer.await.unwrap() {
            Ok(saved) => winners.push((i, saved)),
            Err(StoreError::Conflict) => {}
            Err(e) => panic!("racer {i} failed: {e}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one save of version 1 wins");
    let (winner, saved) = &winners[0];
    assert_eq!(saved.version, 2);

    let acme = org_id("acme");
    for tag in std::iter::once("old".to_string()).chain((0..8).map(|i| format!("tag-{i}"))) {
        let listed = all_items(10, |p| friends.by_tag(&acme, &tag, p)).await;
        let expected = if tag == format!("tag-{winner}") { 1 } else { 0 };
        assert_eq!(listed.len(), expected, "the {tag} audience");
    }
}
