//! `lambda-probe`: the cold start and peak memory of every Lambda function, measured
//! on this machine through a local Lambda Runtime API, against moto_server and the
//! LINE sandbox, compared with a hello-world `lambda_runtime` function.
//!
//! ```sh
//! cargo run --release -p otodoke-lambda-probe --bin lambda-probe            # builds the functions, then measures
//! cargo run --release -p otodoke-lambda-probe --bin lambda-probe -- --quick # smaller loads, 3 runs: a smoke test
//! ```
//!
//! Options: `--runs N` cold starts per function (default 10), `--quick`,
//! `--no-build` (use the release binaries already in `target/release`), and
//! `--env KEY=VALUE` (repeatable: extra environment for every function, for
//! experiments such as `SSL_CERT_FILE`).
//! Method and figures: `docs/perf/cold-start.md`.

mod events;
mod measure;
mod report;
mod world;

use events::Success;
use measure::{cold_start, release_binary, ColdStart, Load, Spec};
use report::Row;
use std::path::{Path, PathBuf};
use world::World;

/// The function packages, with their binary names.
const FUNCTIONS: [&str; 6] = [
    "webhook",
    "responder",
    "admin-api",
    "planner",
    "sender",
    "scheduler",
];

struct Options {
    /// Extra environment for every function (`--env K=V`), for experiments.
    env: Vec<(String, String)>,
    runs: usize,
    quick: bool,
    build: bool,
}

impl Options {
    fn parse() -> Result<Options, String> {
        let mut options = Options {
            env: Vec::new(),
            runs: 10,
            quick: false,
            build: true,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--runs" => {
                    options.runs = args
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|n| *n > 0)
                        .ok_or("--runs needs a positive number")?;
                }
                "--quick" => {
                    options.quick = true;
                    options.runs = options.runs.min(3);
                }
                "--no-build" => options.build = false,
                "--env" => {
                    let pair = args.next().unwrap_or_default();
                    let (k, v) = pair.split_once('=').ok_or("--env needs KEY=VALUE")?;
                    options.env.push((k.to_owned(), v.to_owned()));
                }
                other => return Err(format!("unknown option {other}; see the crate docs")),
            }
        }
        Ok(options)
    }

    /// `full` at full scale, a tenth of it with `--quick`.
    fn scaled(&self, full: usize) -> usize {
        if self.quick {
            (full / 10).max(1)
        } else {
            full
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/lambda-probe sits two levels below the workspace root")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// `cargo build --release --bins` of the six functions and this crate (the
/// hello-world): host x86_64 binaries, with the workspace's release profile.
fn build_release_binaries() -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = std::process::Command::new(cargo);
    command
        .current_dir(workspace_root())
        .args(["build", "--release", "--bins"]);
    for f in FUNCTIONS {
        command.args(["-p", &format!("otodoke-fn-{f}")]);
    }
    command.args(["-p", "otodoke-lambda-probe"]);
    eprintln!("building: {command:?}");
    let status = command.status().map_err(|e| format!("run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo build failed: {status}"))
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// Runs `runs` cold starts of one function: run `i` gets `first(i)`; the last run
/// then gets the load.
async fn measure(
    spec: &Spec<'_>,
    runs: usize,
    first: impl Fn(usize) -> Vec<u8>,
    load: &[Vec<u8>],
    load_label: String,
) -> Result<Row, String> {
    let mut cold: Vec<ColdStart> = Vec::with_capacity(runs);
    let mut loaded: Option<Load> = None;
    for i in 0..runs {
        let last = i + 1 == runs;
        let (start, under_load) = cold_start(spec, first(i), if last { load } else { &[] }).await?;
        cold.push(start);
        loaded = loaded.or(under_load);
    }
    let binary_bytes = std::fs::metadata(&spec.binary)
        .map(|m| m.len())
        .unwrap_or(0);
    let row = Row::new(spec.name, binary_bytes, &cold, loaded, load_label);
    eprintln!("{}", row.summary());
    Ok(row)
}

#[tokio::main]
async fn main() {
    if let Err(message) = run().await {
        eprintln!("lambda-probe: {message}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let options = Options::parse()?;
    if options.build {
        build_release_binaries()?;
    }
    let target = target_dir();
    let logs = target.join("lambda-probe-logs");
    std::fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
    let load_before = load_average();
    eprintln!(
        "load average before: {load_before}; function logs in {}",
        logs.display()
    );

    let runs = options.runs;
    let friends = options.scaled(5_000);
    eprintln!("starting moto_server and the LINE sandbox, seeding {friends} friends...");
    let world = World::start(friends as u32).await?;
    let mut env = world.function_env();
    env.extend(options.env.iter().cloned());
    let spec = |name: &'static str, binary: &str, success: Success| Spec {
        name,
        binary: release_binary(&target, binary),
        env: &env,
        log: logs.join(format!("{name}.log")),
        success,
    };
    let mut rows = Vec::new();

    // hello-world: the baseline, same emulator, same machine.
    let hello_load: Vec<Vec<u8>> = (0..options.scaled(1_000))
        .map(|_| events::hello())
        .collect();
    rows.push(
        measure(
            &spec("hello-world", "hello-lambda", Success::Responded),
            runs,
            |_| events::hello(),
            &hello_load,
            format!("{} echo events", hello_load.len()),
        )
        .await?,
    );

    // hello-world + the AWS SDK's configuration and clients: what start-up costs
    // before any of our code runs.
    rows.push(
        measure(
            &spec("hello-sdk", "hello-sdk", Success::Responded),
            runs,
            |_| events::hello(),
            &hello_load,
            format!("{} echo events", hello_load.len()),
        )
        .await?,
    );

    // webhook: LINE's signed deliveries, one text each, through API Gateway.
    let responder_batches = options.scaled(200);
    let deliveries = world
        .webhook_deliveries((runs * 10 + responder_batches * 10) as u64)
        .await?;
    let webhook_events: Vec<Vec<u8>> = deliveries
        .iter()
        .map(|d| events::webhook(world::CHANNEL, d))
        .collect();
    let (cold_events, load_events) = webhook_events.split_at(runs);
    rows.push(
        measure(
            &spec("webhook", "webhook", Success::Http200),
            runs,
            |i| cold_events[i].clone(),
            load_events,
            format!("{} signed deliveries", load_events.len()),
        )
        .await?,
    );

    // responder: what the webhook queued, in batches of 10 as the mapping sends them.
    let queued = world.drain(&world.events_url).await?;
    let batches: Vec<Vec<u8>> = queued
        .chunks(10)
        .map(|c| events::sqs("probe-events.fifo", c))
        .collect();
    if batches.len() < runs + 1 {
        return Err(format!("the webhook queued only {} events", queued.len()));
    }
    let (cold_batches, load_batches) = batches.split_at(runs);
    rows.push(
        measure(
            &spec("responder", "responder", Success::NoBatchFailures),
            runs,
            |i| cold_batches[i].clone(),
            load_batches,
            format!(
                "{} batches of ≤10 events ({} events)",
                load_batches.len(),
                queued.len() - runs * 10
            ),
        )
        .await?,
    );

    // Every event is a text a rule or the fallback answers: each must have been
    // replied to, or the figures are of a path that skipped the LINE call.
    let replies = world.replies_accepted();
    if replies < queued.len() as u64 {
        return Err(format!(
            "the responder handled {} events but LINE accepted only {replies} replies; see the responder's log",
            queued.len()
        ));
    }

    // admin-api: an owner reading channels, campaigns, a store and its friends.
    let paths = [
        "/admin/channels".to_owned(),
        format!("/admin/campaigns/{}", world::LOAD_CAMPAIGN),
        format!("/admin/stores/{}", world::STORE),
        format!("/admin/stores/{}/friends", world::STORE),
    ];
    let admin_load: Vec<Vec<u8>> = (0..options.scaled(400))
        .map(|n| events::admin_get(world::ORG, &paths[n % paths.len()]))
        .collect();
    rows.push(
        measure(
            &spec("admin-api", "admin-api", Success::Http200),
            runs,
            |_| events::admin_get(world::ORG, "/admin/channels"),
            &admin_load,
            format!(
                "{} GETs (channels, campaign, store, friends)",
                admin_load.len()
            ),
        )
        .await?,
    );

    // planner: a 20-friend campaign per cold start; then the big campaign.
    rows.push(
        measure(
            &spec("planner", "planner", Success::NoBatchFailures),
            runs,
            |i| events::planning(&world::cold_campaign(i)),
            &[events::planning(world::LOAD_CAMPAIGN)],
            format!("1 campaign to {}+ friends", friends),
        )
        .await?,
    );

    // sender: the fan-out batches the planner wrote.
    let fanout = world.drain(&world.fanout_url).await?;
    let (cold_fanout, load_fanout): (Vec<_>, Vec<_>) = fanout
        .into_iter()
        .partition(|m| m.body().is_some_and(|b| b.contains("cold-")));
    if cold_fanout.len() < runs || load_fanout.is_empty() {
        return Err(format!(
            "expected {runs} small and some large fan-out batches, got {} and {}",
            cold_fanout.len(),
            load_fanout.len()
        ));
    }
    let sender_load: Vec<Vec<u8>> = load_fanout
        .chunks(10)
        .map(|c| events::sqs("probe-fanout", c))
        .collect();
    rows.push(
        measure(
            &spec("sender", "sender", Success::NoBatchFailures),
            runs,
            |i| events::sqs("probe-fanout", std::slice::from_ref(&cold_fanout[i])),
            &sender_load,
            format!(
                "{} fan-out batches (≤500 recipients) in {} invocations",
                load_fanout.len(),
                sender_load.len()
            ),
        )
        .await?,
    );

    // scheduler: the minute schedule.
    let scheduler_load: Vec<Vec<u8>> = (0..options.scaled(200))
        .map(|_| events::scheduled())
        .collect();
    rows.push(
        measure(
            &spec("scheduler", "scheduler", Success::Responded),
            runs,
            |_| events::scheduled(),
            &scheduler_load,
            format!("{} scheduled events", scheduler_load.len()),
        )
        .await?,
    );

    let stats = world.sandbox.stats();
    let load_after = load_average();
    println!("{}", report::table(&rows, runs));
    println!(
        "Load average before: {load_before}; after: {load_after}. LINE sandbox saw: {}",
        serde_json::to_string(&stats).unwrap_or_default()
    );
    Ok(())
}
