//! The static pages (plain HTML, CSS and vanilla JS under `crates/local/web/`),
//! compiled into the binary so that `cargo run -p otodoke-local` needs no files.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

const SIMULATOR_HTML: &str = include_str!("../web/simulator.html");
const SIMULATOR_JS: &str = include_str!("../web/simulator.js");
const MARKETER_HTML: &str = include_str!("../web/marketer.html");
const MARKETER_JS: &str = include_str!("../web/marketer.js");
const STYLE_CSS: &str = include_str!("../web/style.css");

fn page(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}

/// `/simulator`, `/marketer` and their scripts and style sheet.
pub fn routes() -> Router {
    const HTML: &str = "text/html; charset=utf-8";
    const JS: &str = "text/javascript; charset=utf-8";
    Router::new()
        .route("/simulator", get(|| async { page(HTML, SIMULATOR_HTML) }))
        .route("/simulator.js", get(|| async { page(JS, SIMULATOR_JS) }))
        .route("/marketer", get(|| async { page(HTML, MARKETER_HTML) }))
        .route("/marketer.js", get(|| async { page(JS, MARKETER_JS) }))
        .route(
            "/style.css",
            get(|| async { page("text/css; charset=utf-8", STYLE_CSS) }),
        )
}
