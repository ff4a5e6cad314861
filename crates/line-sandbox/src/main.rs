//! `line-sandbox`: the LINE platform stand-in as a process, for the local stack.
//!
//! Configure with a JSON or TOML file (`--config`), or a single channel from flags
//! or environment variables. Prints its URL and channels (never secrets or tokens).

use clap::Parser;
use otodoke_line_sandbox::{ChannelConfig, Plan, Sandbox, SandboxConfig};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// A local stand-in for the LINE Messaging API and webhooks.
#[derive(Debug, Parser)]
#[command(name = "line-sandbox", version)]
struct Args {
    /// Configuration file: `.toml`, otherwise JSON. See `SandboxConfig`.
    #[arg(long, env = "LINE_SANDBOX_CONFIG")]
    config: Option<PathBuf>,
    /// Address to listen on (overrides the file).
    #[arg(long, env = "LINE_SANDBOX_LISTEN")]
    listen: Option<SocketAddr>,
    /// Adds one channel with this id (with the flags below).
    #[arg(long, env = "LINE_SANDBOX_CHANNEL_ID")]
    channel_id: Option<String>,
    /// The channel's access token (required with --channel-id).
    #[arg(long, env = "LINE_SANDBOX_ACCESS_TOKEN", hide_env_values = true)]
    access_token: Option<String>,
    /// The channel's secret, signing webhooks (required with --channel-id).
    #[arg(long, env = "LINE_SANDBOX_CHANNEL_SECRET", hide_env_values = true)]
    channel_secret: Option<String>,
    /// The bot user id (U + 32 hex; generated if absent).
    #[arg(long, env = "LINE_SANDBOX_BOT_USER_ID")]
    bot_user_id: Option<String>,
    /// Where the channel's webhooks go.
    #[arg(long, env = "LINE_SANDBOX_WEBHOOK_URL")]
    webhook_url: Option<String>,
    /// communication | light | standard | unlimited
    #[arg(long, env = "LINE_SANDBOX_PLAN", default_value = "unlimited")]
    plan: String,
    /// Seed of the fault RNG (overrides the file).
    #[arg(long, env = "LINE_SANDBOX_SEED")]
    seed: Option<u64>,
}

fn load(path: &PathBuf) -> Result<SandboxConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if path.extension().is_some_and(|e| e == "toml") {
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    } else {
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}

fn plan(name: &str) -> Result<Plan, String> {
    Ok(match name {
        "communication" => Plan::Communication,
        "light" => Plan::Light,
        "standard" => Plan::Standard { max_messages: None },
        "unlimited" => Plan::Unlimited,
        other => return Err(format!("unknown plan `{other}`")),
    })
}

fn configure(args: Args) -> Result<SandboxConfig, String> {
    let mut config = match &args.config {
        Some(path) => load(path)?,
        None => SandboxConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8090)),
            ..SandboxConfig::default()
        },
    };
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    if let Some(seed) = args.seed {
        config.faults.seed = seed;
    }
    if let Some(id) = args.channel_id {
        let mut channel = ChannelConfig::new(id).plan(plan(&args.plan)?);
        // Both are secrets the bot must already know, so they are never generated
        // here: the sandbox does not print them.
        channel.access_tokens = vec![args
            .access_token
            .ok_or("--access-token is required with --channel-id")?];
        channel.channel_secret = args
            .channel_secret
            .ok_or("--channel-secret is required with --channel-id")?;
        if let Some(bot) = args.bot_user_id {
            channel.bot_user_id = bot;
        }
        channel.webhook_url = args.webhook_url;
        config.channels.push(channel);
    }
    if config.channels.is_empty() {
        return Err("no channels: pass --config or --channel-id".to_owned());
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let config = match configure(Args::parse()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("line-sandbox: {message}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::builder().config(config).start().await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("line-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("LINE sandbox listening on {}", sandbox.base_url());
    for c in sandbox.channels() {
        println!(
            "  channel {} bot {} plan {:?} webhook {}",
            c.channel_id,
            c.bot_user_id,
            c.plan,
            c.webhook_url.as_deref().unwrap_or("(none)")
        );
    }
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Args {
        Args::parse_from(std::iter::once("line-sandbox").chain(list.iter().copied()))
    }

    #[test]
    fn a_flag_channel_needs_its_token_and_secret() {
        let missing = configure(args(&["--channel-id", "1"]));
        assert!(missing.unwrap_err().contains("--access-token"));
        let config = configure(args(&[
            "--channel-id",
            "1",
            "--access-token",
            "t",
            "--channel-secret",
            "s",
            "--plan",
            "light",
        ]))
        .unwrap();
        assert_eq!(config.channels[0].access_tokens, ["t"]);
        assert_eq!(config.channels[0].plan, Plan::Light);
    }

    #[test]
    fn no_channel_at_all_is_a_start_up_error() {
        assert!(configure(args(&[])).is_err());
    }

    #[test]
    fn an_unknown_plan_is_refused() {
        assert!(plan("premium").is_err());
    }
}
