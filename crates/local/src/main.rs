//! `otodoke-local`: the whole otodoke system in one process, for a laptop.
//! Prints the URLs and the dev token, then runs until Ctrl-C (saving the state).

use clap::Parser;
use otodoke_core::organization::Role;
use otodoke_local::{console, LocalConfig, RunningStack};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

/// The otodoke local stack: LINE sandbox, gateway, responder, simulator.
#[derive(Debug, Parser)]
#[command(name = "otodoke-local", version)]
struct Args {
    /// The gateway's port (webhook, admin API, pages); 0 picks a free one.
    #[arg(long, env = "OTODOKE_LOCAL_PORT", default_value_t = 8700)]
    port: u16,
    /// The LINE sandbox's port; 0 picks a free one.
    #[arg(long, env = "OTODOKE_LOCAL_SANDBOX_PORT", default_value_t = 8701)]
    sandbox_port: u16,
    /// The address both listen on (keep it local: the dev token guards /admin).
    #[arg(long, env = "OTODOKE_LOCAL_HOST", default_value = "127.0.0.1")]
    host: IpAddr,
    /// The state file (the keys go beside it as <file>.keys.json).
    #[arg(
        long,
        env = "OTODOKE_LOCAL_STATE",
        default_value = ".otodoke/local-state.json"
    )]
    state: PathBuf,
    /// Keep everything in memory; nothing is read or written.
    #[arg(long, conflicts_with = "reset")]
    in_memory: bool,
    /// Forget the saved state and start from the demo data again.
    #[arg(long)]
    reset: bool,
    /// Start the clock at this instant (e.g. 2026-11-20T12:00:00+09:00[Asia/Tokyo]
    /// or 2026-11-20T03:00:00Z) to try business hours; default now.
    #[arg(long, env = "OTODOKE_LOCAL_AT")]
    at: Option<String>,
    /// Seconds between scheduler runs (EventBridge runs it every minute in AWS);
    /// "send now" campaigns start on the next run.
    #[arg(long, env = "OTODOKE_LOCAL_SCHEDULER_SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    scheduler_secs: u64,
    /// The role the dev token stands for: owner (the seeded `dev`), or admin, operator
    /// or viewer (a member `dev-<role>`, written at start), to try the console as one.
    #[arg(long, env = "OTODOKE_LOCAL_DEV_ROLE", default_value = "owner", value_parser = parse_role)]
    dev_role: Role,
    /// Serve the console from this folder (a `vite build` output) as it is, without
    /// building it; default: `console/dist`, built with npm when missing or stale.
    #[arg(long, env = "OTODOKE_LOCAL_CONSOLE_DIST")]
    console_dist: Option<PathBuf>,
    /// Do not build the console with npm (it is then served only if already built).
    #[arg(long)]
    no_console_build: bool,
}

fn parse_role(text: &str) -> Result<Role, String> {
    serde_json::from_value(serde_json::Value::String(text.into()))
        .map_err(|_| format!("{text:?} is not owner, admin, operator or viewer"))
}

/// `console/dist`, built first unless told not to; a failed build is reported and
/// the stack starts without the console.
fn console_dist(args: &Args) -> Option<PathBuf> {
    if let Some(dist) = &args.console_dist {
        return Some(dist.clone());
    }
    let dir = console::source_dir();
    if args.no_console_build {
        return Some(dir.join("dist"));
    }
    match console::ensure_built(&dir) {
        Ok(dist) => dist,
        Err(message) => {
            eprintln!("otodoke-local: the console was not built: {message}");
            None
        }
    }
}

fn config(args: Args) -> Result<LocalConfig, String> {
    let start_at = match &args.at {
        None => None,
        Some(text) => Some(parse_instant(text)?),
    };
    let console_dist = console_dist(&args);
    Ok(LocalConfig {
        gateway: SocketAddr::new(args.host, args.port),
        sandbox: SocketAddr::new(args.host, args.sandbox_port),
        state_path: (!args.in_memory).then_some(args.state),
        reset: args.reset,
        start_at,
        scheduler_every: std::time::Duration::from_secs(args.scheduler_secs),
        console_dist,
        dev_role: args.dev_role,
        ..LocalConfig::default()
    })
}

fn parse_instant(text: &str) -> Result<jiff::Timestamp, String> {
    text.parse::<jiff::Timestamp>()
        .or_else(|_| text.parse::<jiff::Zoned>().map(|z| z.timestamp()))
        .map_err(|e| format!("--at {text:?} is not an instant: {e}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let config = match config(Args::parse()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("otodoke-local: {message}");
            return ExitCode::from(2);
        }
    };
    let state = config.state_path.clone();
    let stack = match RunningStack::start(config).await {
        Ok(stack) => stack,
        Err(error) => {
            eprintln!("otodoke-local: {error}");
            return ExitCode::FAILURE;
        }
    };
    let urls = stack.urls();
    println!();
    println!("  otodoke local stack is running");
    println!();
    println!(
        "  console          {}  (signed in as {} with the dev token)",
        urls.console,
        stack_role(&stack)
    );
    println!("  LINE simulator   {}", urls.simulator);
    println!(
        "  marketer page    {}#token={}",
        urls.marketer,
        stack.dev_token()
    );
    println!("  gateway          {}", urls.gateway);
    println!("    webhook        {}", urls.webhook);
    println!("    admin API      {}", urls.admin);
    println!(
        "  LINE sandbox     {}  (inspect: {}/sandbox/stats)",
        urls.sandbox, urls.sandbox
    );
    println!();
    println!("  dev token        {}", stack.dev_token());
    println!(
        "    curl -H 'Authorization: Bearer {}' {}/channels",
        stack.dev_token(),
        urls.admin
    );
    match &state {
        Some(path) if stack.seeded => {
            println!("  state            {} (demo data seeded)", path.display())
        }
        Some(path) => println!("  state            {} (loaded)", path.display()),
        None => println!("  state            in memory"),
    }
    println!();
    println!("  Ctrl-C to stop (the state is saved).");
    stopped().await;
    match stack.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("otodoke-local: could not save the state: {error}");
            ExitCode::FAILURE
        }
    }
}

fn stack_role(stack: &RunningStack) -> String {
    serde_json::to_value(stack.dev_role())
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Waits for Ctrl-C or (on Unix) SIGTERM, so `kill` and container stops save too.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                return;
            }
            Err(error) => eprintln!("otodoke-local: cannot listen for SIGTERM: {error}"),
        }
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("otodoke-local: cannot wait for Ctrl-C: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_accepts_utc_and_zoned_instants() {
        let utc = parse_instant("2026-11-20T03:00:00Z").unwrap();
        let zoned = parse_instant("2026-11-20T12:00:00+09:00[Asia/Tokyo]").unwrap();
        assert_eq!(utc, zoned);
        assert!(parse_instant("friday noon").is_err());
    }

    #[test]
    fn in_memory_drops_the_state_file_and_port_zero_is_kept() {
        let args = Args::parse_from([
            "otodoke-local",
            "--port",
            "0",
            "--in-memory",
            "--no-console-build",
            "--dev-role",
            "viewer",
        ]);
        let config = config(args).unwrap();
        assert_eq!(config.gateway.port(), 0);
        assert_eq!(config.state_path, None);
        assert_eq!(config.dev_role, Role::Viewer);
        assert!(parse_role("boss").is_err());
    }
}
