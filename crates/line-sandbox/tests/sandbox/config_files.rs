use otodoke_line_sandbox::{Endpoint, Plan, RateLimit, Sandbox, SandboxConfig};
use serde_json::json;

#[tokio::test]
async fn the_example_toml_config_parses_and_starts() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sandbox.example.toml"))
            .unwrap();
    let mut config: SandboxConfig = toml::from_str(&text).expect("the example parses");
    assert_eq!(config.channels.len(), 2);
    assert_eq!(
        config.channels[0].plan,
        Plan::Standard {
            max_messages: Some(40_000)
        }
    );
    assert_eq!(
        config.rate_limit(Endpoint::Multicast),
        RateLimit::per_second(50)
    );
    assert_eq!(
        config.rate_limit(Endpoint::Broadcast),
        RateLimit::per_hour(60)
    );
    assert_eq!(config.faults.endpoints[&Endpoint::Push].drop_rate, 0.01);
    config.listen = "127.0.0.1:0".parse().unwrap();
    assert!(Sandbox::builder().config(config).start().await.is_ok());
}

#[tokio::test]
async fn a_json_config_takes_lines_defaults_for_what_it_omits() {
    let config: SandboxConfig = serde_json::from_value(json!({
        "channels": [{
            "channel_id": "1", "bot_user_id": format!("U{:032x}", 1),
            "channel_secret": "s", "access_tokens": ["t"]
        }]
    }))
    .unwrap();
    assert_eq!(config.reply_token_ttl_ms, 60_000);
    assert_eq!(config.retry_key_ttl_ms, 24 * 3_600_000);
    assert_eq!(config.channels[0].plan, Plan::Unlimited);
    assert_eq!(
        config.rate_limit(Endpoint::Multicast),
        RateLimit::per_second(200)
    );
}
