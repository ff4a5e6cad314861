//! One function binary, started cold under the emulator: how long until it asks for
//! an event, how long until it has answered the first, and its peak memory.

use crate::events::Success;
use otodoke_lambda_probe::{memory_of, Memory, RuntimeApi};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Lambda's timeout for the functions (the planner's is the longest, 900 s).
const DEADLINE: Duration = Duration::from_secs(900);
/// How long the probe waits for one answer before calling the run a failure.
const WAIT: Duration = Duration::from_secs(120);

/// What to run and how to tell that it worked.
pub struct Spec<'a> {
    /// The name in the table (and in `AWS_LAMBDA_FUNCTION_NAME`).
    pub name: &'a str,
    pub binary: PathBuf,
    pub env: &'a [(String, String)],
    /// Where the function's stdout and stderr (its logs) go.
    pub log: PathBuf,
    pub success: Success,
}

/// One cold start.
#[derive(Debug, Clone, Copy)]
pub struct ColdStart {
    /// `spawn()` to the first `GET .../invocation/next`.
    pub init: Duration,
    /// `spawn()` to the first response POSTed.
    pub first_event: Duration,
    /// Peak RSS right after the first event.
    pub memory: Memory,
}

/// The benchmark load after a cold start.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    pub invocations: usize,
    pub elapsed: Duration,
    /// Peak RSS after the whole load.
    pub memory: Memory,
}

/// Kills the function when the measurement ends, however it ends (Lambda freezes
/// and later discards the sandbox; the probe just stops it).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(spec: &Spec<'_>, api: &RuntimeApi) -> Result<(Running, Instant), String> {
    let log = File::options()
        .create(true)
        .append(true)
        .open(&spec.log)
        .map_err(|e| format!("open {}: {e}", spec.log.display()))?;
    let log_err = log.try_clone().map_err(|e| e.to_string())?;
    let mut command = Command::new(&spec.binary);
    command
        .env_clear()
        .envs(spec.env.iter().map(|(k, v)| (k, v)))
        .env("AWS_LAMBDA_RUNTIME_API", api.host_port())
        .env(
            "AWS_LAMBDA_FUNCTION_NAME",
            format!("otodoke-probe-{}", spec.name),
        )
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env(
            "AWS_LAMBDA_LOG_GROUP_NAME",
            format!("/otodoke/probe/{}", spec.name),
        )
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "probe")
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err);
    let spawned = Instant::now();
    let child = command
        .spawn()
        .map_err(|e| format!("start {}: {e}", spec.binary.display()))?;
    Ok((Running(child), spawned))
}

/// Starts the function with `first` already queued, as on a cold start, and
/// measures it; then, if `load` is not empty, sends each of its events in turn and
/// reads the peak memory again. Fails when an answer is not a success.
pub async fn cold_start(
    spec: &Spec<'_>,
    first: Vec<u8>,
    load: &[Vec<u8>],
) -> Result<(ColdStart, Option<Load>), String> {
    let api = RuntimeApi::start(&format!("otodoke-probe-{}", spec.name), DEADLINE)
        .await
        .map_err(|e| e.to_string())?;
    let pending = api.submit(first);
    let (running, spawned) = spawn(spec, &api)?;
    let answer = pending.wait(WAIT).await.map_err(|e| {
        format!(
            "{}: no answer to the first event ({e}); see {}",
            spec.name,
            spec.log.display()
        )
    })?;
    spec.success
        .check(&answer.outcome)
        .map_err(|e| format!("{}: the first event failed: {e}", spec.name))?;
    let init = api
        .first_poll()
        .ok_or("the function answered without polling")?
        .duration_since(spawned);
    let pid = running.0.id();
    let cold = ColdStart {
        init,
        first_event: answer.completed_at.duration_since(spawned),
        memory: memory_of(pid).map_err(|e| e.to_string())?,
    };
    if load.is_empty() {
        return Ok((cold, None));
    }
    let started = Instant::now();
    for (n, event) in load.iter().enumerate() {
        let answer = api
            .invoke(event.clone(), WAIT)
            .await
            .map_err(|e| format!("{}: load event {n}: {e}", spec.name))?;
        spec.success
            .check(&answer.outcome)
            .map_err(|e| format!("{}: load event {n} failed: {e}", spec.name))?;
    }
    let elapsed = started.elapsed();
    let memory = memory_of(pid).map_err(|e| e.to_string())?;
    drop(running);
    Ok((
        cold,
        Some(Load {
            invocations: load.len(),
            elapsed,
            memory,
        }),
    ))
}

/// The release binary `name` in the workspace's target directory.
pub fn release_binary(target_dir: &Path, name: &str) -> PathBuf {
    target_dir.join("release").join(name)
}
