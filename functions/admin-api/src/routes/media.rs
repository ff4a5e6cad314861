//! Staff image uploads: the images staff send to customers, stored by otodoke (S3,
//! or a folder locally) and handed to LINE as URLs it fetches.

use super::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use jiff::SignedDuration;
use otodoke_core::media::{check_image, MediaKey};
use otodoke_core::organization::Role;
use serde::Serialize;
use utoipa::ToSchema;

/// How long the URLs in an upload's answer work: long enough for the console to
/// show the image and send it. Send with a URL made at send time from `media_key`.
pub const UPLOAD_URL_LIFETIME: SignedDuration = SignedDuration::from_hours(1);

/// An uploaded image, ready to send as a LINE image message.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadedMedia {
    /// Where the original is kept; names it when sending.
    pub media_key: String,
    /// The original, for `originalContentUrl` (valid for an hour).
    pub url: String,
    /// The preview (JPEG, at most 240 px), for `previewImageUrl` (valid for an hour).
    pub preview_url: String,
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    /// The original's size.
    pub bytes: u64,
}

/// Uploads an image to send (operator and above, staff of the store). The body is
/// the raw JPEG or PNG, with its `Content-Type`; LINE's limits are checked before
/// anything is stored: at most 10 MB (413), JPEG or PNG declared (415) and by its
/// bytes (422). A preview of at most 240 px is made and stored beside it.
#[utoipa::path(post, path = "/admin/stores/{store_id}/media", tag = "media",
    params(("store_id" = String, Path)),
    request_body(description = "The image: the raw bytes of a JPEG or PNG, at most 10 MB", content(("image/jpeg"), ("image/png"))),
    responses((status = 201, body = UploadedMedia),
        (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody),
        (status = 413, description = "the image is over LINE's 10 MB limit", body = crate::error::ErrorBody),
        (status = 415, description = "the body is not declared as image/jpeg or image/png", body = crate::error::ErrorBody),
        (status = 422, description = "the body is empty or not an image of the declared type", body = crate::error::ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<(StatusCode, Json<UploadedMedia>)> {
    let (store, _) = access::store(&state, &caller, &store_id).await?;
    caller.require(Role::Operator)?;
    let (body, kind) = image_body(&headers, body, "the image is over LINE's 10 MB limit")?;
    let preview = otodoke_media::preview_jpeg(&body)
        .map_err(|_| ApiError::invalid("body", "the image cannot be decoded"))?;
    let key = MediaKey::upload(&store.key(), ulid::Ulid::new());
    let preview_key = key.preview();
    let media = &state.ports.media;
    let bytes = body.len() as u64;
    media.put(&key, kind.content_type(), body.to_vec()).await?;
    media.put(&preview_key, "image/jpeg", preview).await?;
    let url = media.url(&key, UPLOAD_URL_LIFETIME).await?;
    let preview_url = media.url(&preview_key, UPLOAD_URL_LIFETIME).await?;
    tracing::info!(org = %caller.org, store = %store.id, staff = %caller.staff, bytes, "image uploaded");
    Ok((
        StatusCode::CREATED,
        Json(UploadedMedia {
            media_key: key.to_string(),
            url,
            preview_url,
            content_type: kind.content_type().to_owned(),
            bytes,
        }),
    ))
}

/// An uploaded image's bytes and type: the body read (413 with `too_large` when it
/// was over the route's limit), JPEG or PNG as declared and by its bytes (415/422).
pub fn image_body(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    too_large: &str,
) -> ApiResult<(Bytes, otodoke_core::media::ImageType)> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(too_large.into())
        } else {
            ApiError::Malformed("the body could not be read".into())
        }
    })?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let kind = check_image(declared, &body)?;
    Ok((body, kind))
}
