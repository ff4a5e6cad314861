//! The web console (`console/`, React + Vite) on the gateway's origin, beside the
//! admin API it calls:
//!
//! - `/console/` and everything below it: the built files in `console/dist`, with
//!   `index.html` for any path that is not a file (the console routes in the browser);
//! - `/console/config.json`: how the console signs in here, i.e. the dev token and the
//!   caller it stands for. It is answered only to a loopback `Host` (so a page on
//!   another site cannot read it through DNS rebinding) and never cached.
//!
//! [`ensure_built`] runs `npm ci` and `npm run build` when `console/dist` is missing
//! or older than the console's sources, so `cargo run -p otodoke-local` needs nothing
//! else on a fresh machine than Node.js and npm.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use otodoke_core::organization::Role;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::SystemTime;

/// The console's folder in this repository (`console/` at the workspace root).
pub fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../console")
}

/// What the served `config.json` tells the console.
#[derive(Debug, Clone)]
pub struct ConsoleConfig {
    pub dev_token: String,
    pub org: String,
    pub staff: String,
    pub role: Role,
}

#[derive(Clone)]
struct Served {
    dist: Option<Arc<PathBuf>>,
    config: Arc<String>,
}

/// `/console/...` and `/console/config.json`. With `dist` `None` (or a folder
/// without `index.html`) the pages answer 503 with how to build the console.
pub fn routes(dist: Option<PathBuf>, config: &ConsoleConfig) -> Router {
    let role = serde_json::to_value(config.role).unwrap_or_default();
    let body = serde_json::json!({
        "api": "",
        "auth": { "kind": "dev", "token": config.dev_token },
        "caller": { "org": config.org, "staff": config.staff, "role": role, "stores": [] },
    });
    let served = Served {
        dist: dist.map(Arc::new),
        config: Arc::new(body.to_string()),
    };
    Router::new()
        .route(
            "/console",
            get(|| async { Redirect::temporary("/console/") }),
        )
        .route("/console/config.json", get(config_json))
        .route("/console/", get(file))
        .route("/console/{*path}", get(file))
        .with_state(served)
}

fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    name == "localhost"
        || name == "[::1]"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn config_json(State(s): State<Served>, headers: HeaderMap) -> Response {
    if !loopback_host(&headers) {
        return (
            StatusCode::FORBIDDEN,
            "config.json is served to localhost only",
        )
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        s.config.as_str().to_owned(),
    )
        .into_response()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

async fn file(State(s): State<Served>, request: Request) -> Response {
    let Some(dist) = s.dist.as_deref() else {
        return not_built();
    };
    let wanted = request
        .uri()
        .path()
        .trim_start_matches("/console")
        .trim_start_matches('/');
    let relative = Path::new(wanted);
    // Only plain names: no `..`, no root, so nothing outside dist is ever read.
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let candidate = dist.join(relative);
    let (path, immutable) = if plain && !wanted.is_empty() && candidate.is_file() {
        let hashed = wanted.starts_with("assets/");
        (candidate, hashed)
    } else if wanted.starts_with("assets/") {
        return StatusCode::NOT_FOUND.into_response();
    } else {
        (dist.join("index.html"), false)
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type(&path)),
                (
                    header::CACHE_CONTROL,
                    if immutable {
                        "public, max-age=31536000, immutable"
                    } else {
                        "no-cache"
                    },
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => not_built(),
    }
}

fn not_built() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "The console is not built: run `npm ci && npm run build` in console/, \
         or start otodoke-local without --no-console-build.\n",
    )
        .into_response()
}

/// The newest modification time of the files that make the built console.
fn newest_source(dir: &Path) -> Option<SystemTime> {
    let mut newest = None;
    let mut stack: Vec<PathBuf> = ["src", "index.html", "package.json", "package-lock.json"]
        .iter()
        .map(|p| dir.join(p))
        .chain(
            std::fs::read_dir(dir)
                .ok()?
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("vite.config") || n.starts_with("tsconfig"))
                }),
        )
        .collect();
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            stack.extend(std::fs::read_dir(&path).ok()?.flatten().map(|e| e.path()));
        } else if let Ok(modified) = meta.modified() {
            newest = newest.max(Some(modified));
        }
    }
    newest
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn npm(dir: &Path, args: &[&str]) -> Result<(), String> {
    eprintln!("otodoke-local: console: npm {}", args.join(" "));
    let status = Command::new("npm")
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run npm ({e}): install Node.js 20+ and npm"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`npm {}` failed ({status})", args.join(" ")))
    }
}

/// Builds the console in `dir` when `dir/dist/index.html` is missing or older than
/// a source file: `npm ci` first when `node_modules` is missing or older than
/// `package-lock.json`. Returns `dir/dist`, or `None` when `dir` holds no console.
pub fn ensure_built(dir: &Path) -> Result<Option<PathBuf>, String> {
    if !dir.join("package.json").is_file() {
        return Ok(None);
    }
    let dist = dir.join("dist");
    let built = modified(&dist.join("index.html"));
    if built.is_some() && built >= newest_source(dir) {
        return Ok(Some(dist));
    }
    let installed = modified(&dir.join("node_modules/.package-lock.json"));
    if installed.is_none() || installed < modified(&dir.join("package-lock.json")) {
        npm(dir, &["ci", "--no-audit", "--no-fund", "--loglevel=error"])?;
    }
    npm(
        dir,
        &["run", "--silent", "build", "--", "--logLevel", "warn"],
    )?;
    Ok(Some(dist))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, host.parse().unwrap());
        h
    }

    #[test]
    fn config_is_for_loopback_hosts_only() {
        assert!(loopback_host(&headers("127.0.0.1:8700")));
        assert!(loopback_host(&headers("localhost:8700")));
        assert!(loopback_host(&headers("[::1]:8700")));
        assert!(!loopback_host(&headers("evil.example:8700")));
        assert!(!loopback_host(&headers("127.0.0.1.evil.example")));
        assert!(!loopback_host(&HeaderMap::new()));
    }
}
