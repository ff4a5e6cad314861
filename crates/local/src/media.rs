//! `GET /media/<key>?exp=..&sig=..`: the local stack's stand-in for S3 presigned
//! URLs, serving [`EmbeddedMedia`] to the simulator, the console and the sandbox.
//! Only URLs the store signed, before they expire, are served.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use otodoke_core::ports::MediaStore;
use otodoke_embedded::EmbeddedMedia;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
struct Signed {
    exp: i64,
    sig: String,
}

/// The route, on the gateway.
pub fn routes(media: Arc<EmbeddedMedia>) -> Router {
    Router::new()
        .route("/media/{*key}", get(serve))
        .with_state(media)
}

async fn serve(
    State(media): State<Arc<EmbeddedMedia>>,
    Path(key): Path<String>,
    Query(signed): Query<Signed>,
) -> Response {
    let Some(key) = media.verify(&key, signed.exp, &signed.sig, jiff::Timestamp::now()) else {
        return (
            StatusCode::FORBIDDEN,
            "the link is not valid or has expired",
        )
            .into_response();
    };
    match media.get(&key).await {
        Ok(Some(stored)) => (
            [
                (header::CONTENT_TYPE, stored.content_type),
                (header::CACHE_CONTROL, "private, max-age=300".to_owned()),
            ],
            stored.body,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "no such media").into_response(),
        Err(error) => {
            tracing::error!(%error, "media read failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
