use crate::support::*;
use otodoke_line_sandbox::{Endpoint, NewFriend, RateLimit};
use std::collections::HashSet;
use std::time::Duration;

const FOLLOWERS: &str = "/v2/bot/followers/ids";

/// Every page from the start, following `next`, with `limit` per page.
async fn all_pages(env: &Env, limit: u32) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut start: Option<String> = None;
    loop {
        let path = match &start {
            Some(token) => format!("{FOLLOWERS}?limit={limit}&start={token}"),
            None => format!("{FOLLOWERS}?limit={limit}"),
        };
        let answer = env.get(&path).await;
        assert_eq!(answer.status, 200, "{:?}", answer.body);
        let ids = answer.body["userIds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        pages.push(ids);
        match answer.body["next"].as_str() {
            Some(token) => start = Some(token.to_owned()),
            None => return pages,
        }
    }
}

#[tokio::test]
async fn followers_are_paged_in_a_stable_order_with_a_next_token_while_more_remain() {
    let env = start().await;
    let bulk = env.sandbox.add_friends(CHANNEL, 2_500).unwrap();
    let pages = all_pages(&env, 1_000).await;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [1_000, 1_000, 500]
    );
    let listed: Vec<String> = pages.concat();
    assert_eq!(listed, bulk.user_ids().collect::<Vec<_>>());
    assert_eq!(all_pages(&env, 1_000).await.concat(), listed, "stable");
}

#[tokio::test]
async fn blocked_friends_are_not_listed_and_the_default_page_is_300() {
    let env = start().await;
    env.sandbox.add_friends(CHANNEL, 301).unwrap();
    let blocked = NewFriend {
        user_id: Some(user(9)),
        blocked: true,
        ..NewFriend::default()
    };
    env.sandbox.add_friend(CHANNEL, blocked).unwrap();
    let first = env.get(FOLLOWERS).await;
    assert_eq!(first.body["userIds"].as_array().unwrap().len(), 300);
    let token = first.body["next"].as_str().unwrap().to_owned();
    let last = env.get(&format!("{FOLLOWERS}?start={token}")).await;
    assert_eq!(last.body["userIds"].as_array().unwrap().len(), 1);
    assert!(last.body.get("next").is_none());
    let all: HashSet<String> = all_pages(&env, 1_000).await.concat().into_iter().collect();
    assert!(!all.contains(&user(9)));
}

#[tokio::test]
async fn an_account_without_followers_gets_an_empty_page() {
    let env = start().await;
    let answer = env.get(FOLLOWERS).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, serde_json::json!({"userIds": []}));
}

#[tokio::test]
async fn a_limit_outside_1_to_1000_or_a_foreign_token_is_a_400_with_details() {
    let env = start().await;
    env.sandbox.add_friends(CHANNEL, 3).unwrap();
    for query in ["limit=0", "limit=1001", "limit=abc"] {
        let answer = env.get(&format!("{FOLLOWERS}?{query}")).await;
        assert_eq!(answer.status, 400, "{query}");
        assert_eq!(answer.properties(), ["limit"]);
        assert_eq!(answer.message(), "The request body has 1 error(s)");
    }
    for token in ["zz", "0000000100000000"] {
        let answer = env.get(&format!("{FOLLOWERS}?start={token}")).await;
        assert_eq!(
            (answer.status, answer.properties()),
            (400, vec!["start".to_owned()])
        );
    }
}

#[tokio::test]
async fn an_account_that_may_not_list_followers_gets_lines_403() {
    let env = start_with(|c| c.followers_api(false), |b| b).await;
    env.sandbox.add_friends(CHANNEL, 3).unwrap();
    let answer = env.get(FOLLOWERS).await;
    assert_eq!(answer.status, 403);
    assert_eq!(
        answer.message(),
        "Access to this API is not available for your account"
    );
    assert!(!answer.request_id().is_empty());
    let stats = env.sandbox.stats().endpoint(Endpoint::Followers);
    assert_eq!((stats.requests, stats.forbidden), (1, 1));
}

#[tokio::test]
async fn the_followers_list_is_limited_per_minute() {
    assert_eq!(
        RateLimit::line_default(Endpoint::Followers),
        RateLimit::per_minute(2_000)
    );
    let env = start_with(
        |c| c,
        |b| b.rate_limit(Endpoint::Followers, RateLimit::per_minute(2)),
    )
    .await;
    assert_eq!(env.get(FOLLOWERS).await.status, 200);
    assert_eq!(env.get(FOLLOWERS).await.status, 200);
    assert_eq!(env.get(FOLLOWERS).await.status, 429);
    env.sandbox.clock().advance(Duration::from_secs(30));
    assert_eq!(env.get(FOLLOWERS).await.status, 200);
}

#[tokio::test]
async fn the_flag_defaults_to_allowed_in_config_files() {
    let channel: otodoke_line_sandbox::ChannelConfig = serde_json::from_value(serde_json::json!({
        "channel_id": "1", "bot_user_id": user(1), "channel_secret": "s", "access_tokens": ["t"]
    }))
    .unwrap();
    assert!(channel.followers_api);
}
