//! Test support: a moto_server (moto's standalone AWS-API server) on loopback,
//! started once per test binary and killed when the test process exits.
//!
//! Tests talk to a real AWS-API implementation over HTTP, never to a hand-written
//! mock. The server binary is found, in order, at:
//! 1. `$OTODOKE_MOTO_SERVER` (set by `scripts/test`);
//! 2. `<workspace>/.venv/bin/moto_server`;
//! 3. the same path after running `<workspace>/scripts/python-env`, which creates the
//!    venv (so plain `cargo test` works on a fresh clone).
//!
//! ```no_run
//! # async fn demo() {
//! let moto = otodoke_moto::MotoServer::shared();
//! let config = moto.sdk_config().await;
//! // aws_sdk_dynamodb::Client::new(&config) ...
//! # }
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The environment variable naming the moto_server executable.
pub const SERVER_ENV: &str = "OTODOKE_MOTO_SERVER";
/// The region every test client uses.
pub const REGION: &str = "ap-northeast-1";

/// How long the server may take to print its address and answer HTTP.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// Why moto_server could not be started.
#[derive(Debug, thiserror::Error)]
pub enum MotoError {
    #[error("no moto_server at {0} and `scripts/python-env` could not create it: {1}")]
    NotInstalled(PathBuf, String),
    #[error("moto_server ({path}) could not be started: {source}")]
    Spawn {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("moto_server did not become ready within {0:?}; last output: {1}")]
    NotReady(Duration, String),
}

/// A running moto_server on `127.0.0.1`.
#[derive(Debug)]
pub struct MotoServer {
    addr: SocketAddr,
    pid: u32,
}

impl MotoServer {
    /// The server shared by every test of this test binary, started on first use.
    ///
    /// Costs one process start (about a second) the first time, nothing after.
    /// The process is tied to this one with `PR_SET_PDEATHSIG`, so it is killed
    /// when the test binary exits, however it exits.
    ///
    /// # Panics
    /// When the server cannot be found, installed or started; the message says why
    /// and what to run.
    pub fn shared() -> &'static MotoServer {
        static SHARED: OnceLock<MotoServer> = OnceLock::new();
        SHARED.get_or_init(|| {
            Self::start().unwrap_or_else(|e| {
                panic!(
                    "cannot start moto_server for the AWS adapter tests: {e}\n\
                     Run `scripts/python-env` (needs python3 with venv and pip) or set \
                     {SERVER_ENV} to a moto_server executable."
                )
            })
        })
    }

    /// Starts a new server owned by the calling process, on a port the OS picks.
    pub fn start() -> Result<MotoServer, MotoError> {
        let path = locate_server()?;
        let (addr, pid) = spawn_on_keeper_thread(path)?;
        wait_until_answering(addr)?;
        Ok(MotoServer { addr, pid })
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// `http://127.0.0.1:<port>`: the endpoint URL for every AWS client.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// An SDK configuration that talks to this server: its endpoint, region
    /// `ap-northeast-1`, static test credentials, and no influence from the host's
    /// AWS environment variables or profiles.
    pub async fn sdk_config(&self) -> aws_config::SdkConfig {
        self.config_loader().load().await
    }

    /// The loader behind [`MotoServer::sdk_config`], to add settings before loading.
    pub fn config_loader(&self) -> aws_config::ConfigLoader {
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            .empty_test_environment()
            .endpoint_url(self.endpoint_url())
            .region(aws_config::Region::new(REGION))
            .test_credentials()
    }
}

fn workspace_root() -> PathBuf {
    // crates/moto -> the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/moto sits two levels below the workspace root")
        .to_path_buf()
}

fn locate_server() -> Result<PathBuf, MotoError> {
    if let Some(path) = std::env::var_os(SERVER_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let root = workspace_root();
    let path = root.join(".venv/bin/moto_server");
    if path.exists() {
        return Ok(path);
    }
    // A lock so that only one test binary at a time installs (cargo runs test
    // binaries one after another, but a developer may run two cargo commands).
    static INSTALL: Mutex<()> = Mutex::new(());
    let _guard = INSTALL.lock().unwrap_or_else(|p| p.into_inner());
    if !path.exists() {
        let output = Command::new(root.join("scripts/python-env"))
            .stdin(Stdio::null())
            .output()
            .map_err(|e| MotoError::NotInstalled(path.clone(), e.to_string()))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            return Err(MotoError::NotInstalled(path, stderr));
        }
    }
    if path.exists() {
        Ok(path)
    } else {
        Err(MotoError::NotInstalled(
            path,
            "scripts/python-env succeeded but installed no moto_server".into(),
        ))
    }
}

/// Spawns the server from a thread that never ends.
///
/// `PR_SET_PDEATHSIG` fires when the *thread* that forked the child exits, not the
/// process; test threads come and go, so the child is forked from a thread that
/// lives as long as the process.
fn spawn_on_keeper_thread(path: PathBuf) -> Result<(SocketAddr, u32), MotoError> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("moto-server-keeper".into())
        .spawn(move || keep(&path, tx))
        .map_err(|source| MotoError::Spawn {
            path: PathBuf::from("(keeper thread)"),
            source,
        })?;
    match rx.recv_timeout(STARTUP_TIMEOUT) {
        Ok(result) => result,
        Err(_) => Err(MotoError::NotReady(
            STARTUP_TIMEOUT,
            "moto_server printed no address".into(),
        )),
    }
}

/// The launcher that serializes DynamoDB requests (see the file for why).
const SERIALIZED_DYNAMODB: &str = include_str!("serialized_dynamodb.py");

/// The Python interpreter named on the `#!` line of the moto_server script, if any.
fn interpreter_of(script: &Path) -> Option<PathBuf> {
    let mut first_line = String::new();
    BufReader::new(std::fs::File::open(script).ok()?)
        .read_line(&mut first_line)
        .ok()?;
    let interpreter = PathBuf::from(first_line.strip_prefix("#!")?.split_whitespace().next()?);
    let name = interpreter.file_name()?.to_str()?;
    (name.starts_with("python") && interpreter.exists()).then_some(interpreter)
}

/// moto_server's own interpreter running [`SERIALIZED_DYNAMODB`]; the script
/// itself when it is not a Python script (then DynamoDB requests are not serialized).
fn server_command(path: &Path) -> Command {
    match interpreter_of(path) {
        Some(python) => {
            let mut command = Command::new(python);
            command.args(["-c", SERIALIZED_DYNAMODB]);
            command
        }
        None => Command::new(path),
    }
}

fn spawn(path: &Path) -> Result<Child, MotoError> {
    let mut command = server_command(path);
    command
        .args(["-H", "127.0.0.1", "-p", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let parent = std::process::id();
        // SAFETY: only async-signal-safe calls (prctl, getppid, _exit) run between
        // fork and exec.
        unsafe {
            command.pre_exec(move || {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // The parent may have died before prctl took effect.
                if libc::getppid() as u32 != parent {
                    libc::_exit(1);
                }
                Ok(())
            });
        }
    }
    command.spawn().map_err(|source| MotoError::Spawn {
        path: path.to_path_buf(),
        source,
    })
}

/// The keeper thread: starts the server, reads its stderr until it prints its
/// address, reports that, then drains stderr for ever (werkzeug logs every request
/// there; a full pipe would block the server) and outlives it.
fn keep(path: &Path, tx: mpsc::Sender<Result<(SocketAddr, u32), MotoError>>) {
    let mut child = match spawn(path) {
        Ok(child) => child,
        Err(e) => {
            let _ = tx.send(Err(e));
            return;
        }
    };
    let pid = child.id();
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr is piped"));
    let mut seen = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        match stderr.read_line(&mut line) {
            Ok(0) | Err(_) => {
                let _ = child.wait();
                let _ = tx.send(Err(MotoError::NotReady(STARTUP_TIMEOUT, seen)));
                return;
            }
            Ok(_) => {}
        }
        if let Some(addr) = parse_address(&line) {
            let _ = tx.send(Ok((addr, pid)));
            break;
        }
        seen.push_str(&line);
    }
    let _ = std::io::copy(&mut stderr.into_inner(), &mut std::io::sink());
    let _ = child.wait();
    // Keep the thread (the death-signal anchor) alive even if the server died.
    loop {
        std::thread::park();
    }
}

/// Finds `127.0.0.1:<port>` in werkzeug's ` * Running on http://127.0.0.1:41949`.
fn parse_address(line: &str) -> Option<SocketAddr> {
    let rest = &line[line.find("Running on http://")? + "Running on http://".len()..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// Polls until the server answers an HTTP request.
fn wait_until_answering(addr: SocketAddr) -> Result<(), MotoError> {
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    let mut last = String::new();
    while Instant::now() < deadline {
        match http_get(addr, "/moto-api/") {
            Ok(status) if status.starts_with("HTTP/1.") => return Ok(()),
            Ok(other) => last = other,
            Err(e) => last = e.to_string(),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(MotoError::NotReady(STARTUP_TIMEOUT, last))
}

fn http_get(addr: SocketAddr, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut status = [0u8; 12];
    stream.read_exact(&mut status)?;
    Ok(String::from_utf8_lossy(&status).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_read_from_werkzeugs_banner() {
        assert_eq!(
            parse_address(" * Running on http://127.0.0.1:41949\n"),
            Some("127.0.0.1:41949".parse().unwrap())
        );
        assert_eq!(parse_address("Press CTRL+C to quit"), None);
    }

    #[test]
    fn the_shared_server_answers_http_on_loopback() {
        let server = MotoServer::shared();
        assert!(server.addr().ip().is_loopback());
        let status = http_get(server.addr(), "/moto-api/").unwrap();
        assert!(status.starts_with("HTTP/1."), "{status}");
        assert!(std::ptr::eq(server, MotoServer::shared()));
    }

    /// Run only as the child of the next test: starts a server, prints its pid, and
    /// returns, ending the (child) test process.
    #[test]
    #[ignore = "helper: run by the_server_dies_with_the_process_that_started_it"]
    fn start_a_server_and_print_its_pid() {
        println!("MOTO_PID={}", MotoServer::shared().pid());
    }

    #[test]
    fn the_server_dies_with_the_process_that_started_it() {
        let output = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "tests::start_a_server_and_print_its_pid",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let pid: u32 = stdout
            .lines()
            .find_map(|l| l.split_once("MOTO_PID=").map(|(_, pid)| pid.trim()))
            .unwrap_or_else(|| panic!("the child printed no pid: {stdout}"))
            .parse()
            .unwrap();
        let proc_dir = PathBuf::from(format!("/proc/{pid}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        // A zombie is gone for our purposes: it holds no port and runs nothing.
        let alive = || {
            std::fs::read_to_string(proc_dir.join("stat"))
                .map(|stat| !stat.contains(") Z "))
                .unwrap_or(false)
        };
        while alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(!alive(), "moto_server {pid} outlived its test process");
    }
}
