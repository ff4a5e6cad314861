//! The rich-menu endpoints: menus, their images (on the "data host", the same
//! address here), the default, per-user and bulk links, batches with progress, and
//! aliases, under LINE's rules:
//!
//! - a menu body is checked like LINE does ([`validate`]): size 800–2500 × ≥250 px
//!   with width ÷ height ≥ 1.45, `name` ≤ 300, `chatBarText` ≤ 14, ≤ 20 areas
//!   within the menu, rich-menu action types only; at most 1,000 menus a channel;
//! - the image is a JPEG or PNG by its magic bytes, ≤ 1 MB, exactly the menu's size
//!   (read from the header), uploaded once (a second upload is a 400);
//! - a menu without image can be neither the default nor linked (400);
//! - unknown menus, aliases, and a user without a linked menu are 404s;
//! - bulk link and unlink answer 202 and apply at once; a batch answers 202, applies
//!   at once, and its progress reads `ongoing` for `rich_menu_batch_ms`, then
//!   `succeeded`;
//! - rate limits per [`crate::RateLimit::line_default`]: create, delete and alias
//!   delete 100 an hour, batch 3 an hour, the rest 2,000 a second.
//!
//! Lock order: the world lock, then the rich-menu lock, never the other way.

pub(crate) mod book;
mod validate;

use crate::api::admit;
use crate::api_error::{ApiError, ErrorDetail};
use crate::app::{RequestId, Shared};
use crate::endpoint::Endpoint;
use crate::validate::is_user_id;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use book::BookError;
use bytes::Bytes;
use otodoke_line::client::richmenu::rules;
use rand::Rng;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

type Answer = Result<Response, ApiError>;
type Body = Result<Bytes, BytesRejection>;

/// LINE's texts for rich-menu refusals. The first two are the texts LINE is
/// reported to answer; the others are the sandbox's wording of documented rules.
pub(crate) mod text {
    pub const IMAGE_ALREADY_UPLOADED: &str = "An image has already been uploaded to the richmenu";
    pub const IMAGE_REQUIRED: &str = "must upload richmenu image before applying it to user";
    pub const TOO_MANY_MENUS: &str = "The number of rich menus has reached the limit (1000)";
    pub const ALIAS_EXISTS: &str = "conflict richmenu alias id";
    pub const MENU_NOT_FOUND: &str = "richmenu not found";
    pub const INVALID_IMAGE: &str = "The image must be a JPEG or PNG";
    pub const IMAGE_TOO_LARGE: &str = "The image must be at most 1MB";
    pub const IMAGE_SIZE: &str = "The image size must match the size of the rich menu";
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/v2/bot/richmenu", post(create))
        .route("/v2/bot/richmenu/validate", post(validate_menu))
        .route("/v2/bot/richmenu/list", get(list))
        .route("/v2/bot/richmenu/bulk/link", post(bulk_link))
        .route("/v2/bot/richmenu/bulk/unlink", post(bulk_unlink))
        .route("/v2/bot/richmenu/batch", post(batch))
        .route("/v2/bot/richmenu/validate/batch", post(validate_batch))
        .route("/v2/bot/richmenu/progress/batch", get(batch_progress))
        .route("/v2/bot/richmenu/alias", post(alias_create))
        .route("/v2/bot/richmenu/alias/list", get(alias_list))
        .route(
            "/v2/bot/richmenu/alias/{alias_id}",
            get(alias_get).post(alias_update).delete(alias_delete),
        )
        .route(
            "/v2/bot/richmenu/{rich_menu_id}",
            get(get_menu).delete(delete_menu),
        )
        .route(
            "/v2/bot/richmenu/{rich_menu_id}/content",
            get(download_image).post(upload_image),
        )
        .route(
            "/v2/bot/user/all/richmenu",
            get(default_get).delete(default_cancel),
        )
        .route(
            "/v2/bot/user/all/richmenu/{rich_menu_id}",
            post(default_set),
        )
        .route(
            "/v2/bot/user/{user_id}/richmenu",
            get(of_user).delete(unlink),
        )
        .route("/v2/bot/user/{user_id}/richmenu/{rich_menu_id}", post(link))
}

fn json_object(body: Body) -> Result<Value, ApiError> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large()
        } else {
            ApiError::bad_request(crate::api_error::text::INVALID_JSON)
        }
    })?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(ApiError::bad_request(crate::api_error::text::INVALID_JSON)),
    }
}

fn ok() -> Answer {
    Ok(Json(json!({})).into_response())
}

fn accepted() -> Answer {
    Ok((StatusCode::ACCEPTED, Json(json!({}))).into_response())
}

/// A [`BookError`] on a menu named in the path: 404 or 400.
fn on_path(e: BookError) -> ApiError {
    match e {
        BookError::UnknownMenu => ApiError::not_found(),
        BookError::NoImage => ApiError::bad_request(text::IMAGE_REQUIRED),
    }
}

fn user_path(user_id: &str) -> Result<(), ApiError> {
    if is_user_id(user_id) {
        Ok(())
    } else {
        Err(ApiError::invalid_body(vec![ErrorDetail::new(
            "userId",
            "invalid user id",
        )]))
    }
}

async fn create(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuCreate)?;
    let mut menu = json_object(body)?;
    let (width, height) = validate::menu(&menu).map_err(ApiError::invalid_body)?;
    let mut menus = shared.rich_menus();
    let book = &mut menus[channel as usize];
    if book.menus.len() >= rules::MAX_RICH_MENUS {
        return Err(ApiError::bad_request(text::TOO_MANY_MENUS));
    }
    let id = format!("richmenu-{:032x}", rand::rng().random::<u128>());
    menu["richMenuId"] = json!(id);
    book.create(id.clone(), menu, width, height);
    Ok(Json(json!({ "richMenuId": id })).into_response())
}

async fn validate_menu(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    admit(&shared, &headers, Endpoint::RichMenuValidate)?;
    validate::menu(&json_object(body)?).map_err(ApiError::invalid_body)?;
    ok()
}

async fn list(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuList)?;
    let menus = shared.rich_menus();
    Ok(Json(json!({ "richmenus": menus[channel as usize].list() })).into_response())
}

async fn get_menu(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuGet)?;
    let menus = shared.rich_menus();
    let menu = menus[channel as usize]
        .menus
        .get(&id)
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(menu.menu.clone()).into_response())
}

async fn delete_menu(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuDelete)?;
    shared.rich_menus()[channel as usize]
        .delete(&id)
        .map_err(on_path)?;
    ok()
}

async fn upload_image(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuImageUpload)?;
    let bytes = body.map_err(|_| ApiError::too_large())?;
    let declared = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut menus = shared.rich_menus();
    let menu = menus[channel as usize]
        .menus
        .get_mut(&id)
        .ok_or_else(ApiError::not_found)?;
    if menu.image.is_some() {
        return Err(ApiError::bad_request(text::IMAGE_ALREADY_UPLOADED));
    }
    let kind = rules::check_image(&bytes, Some((menu.width, menu.height))).map_err(|e| {
        ApiError::bad_request(match e {
            rules::RichMenuRule::ImageTooLarge { .. } => text::IMAGE_TOO_LARGE,
            rules::RichMenuRule::ImageDimensions { .. } => text::IMAGE_SIZE,
            _ => text::INVALID_IMAGE,
        })
    })?;
    // The bytes decide; a Content-Type naming the other format is refused too.
    if declared != kind.content_type() {
        return Err(ApiError::bad_request(text::INVALID_IMAGE));
    }
    if rules::image_dimensions(&bytes).is_none() {
        return Err(ApiError::bad_request(text::INVALID_IMAGE));
    }
    menu.image = Some((kind.content_type().to_owned(), bytes));
    ok()
}

async fn download_image(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuImageDownload)?;
    let menus = shared.rich_menus();
    let (content_type, bytes) = menus[channel as usize]
        .menus
        .get(&id)
        .and_then(|m| m.image.clone())
        .ok_or_else(ApiError::not_found)?;
    Ok(([(http::header::CONTENT_TYPE, content_type)], bytes).into_response())
}

async fn default_set(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuDefaultSet)?;
    shared.rich_menus()[channel as usize]
        .set_default(&id)
        .map_err(on_path)?;
    ok()
}

async fn default_get(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuDefaultGet)?;
    let id = shared.rich_menus()[channel as usize]
        .default
        .clone()
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(json!({ "richMenuId": id })).into_response())
}

async fn default_cancel(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuDefaultCancel)?;
    shared.rich_menus()[channel as usize].default = None;
    ok()
}

async fn link(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((user_id, id)): Path<(String, String)>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuLink)?;
    user_path(&user_id)?;
    shared.rich_menus()[channel as usize]
        .link(&user_id, &id)
        .map_err(on_path)?;
    ok()
}

async fn unlink(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(user_id): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuUnlink)?;
    user_path(&user_id)?;
    shared.rich_menus()[channel as usize].unlink(&user_id);
    ok()
}

async fn of_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(user_id): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuOfUser)?;
    user_path(&user_id)?;
    let id = shared.rich_menus()[channel as usize]
        .links
        .get(&user_id)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(json!({ "richMenuId": id })).into_response())
}

async fn bulk_link(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuBulkLink)?;
    let body = json_object(body)?;
    let mut details = Vec::new();
    let id = body.get("richMenuId").and_then(Value::as_str);
    if id.is_none() {
        details.push(ErrorDetail::new("richMenuId", "must be specified"));
    }
    let users = validate::user_ids(&body).map_err(|d| {
        details.extend(d);
        ApiError::invalid_body(details.clone())
    })?;
    let Some(id) = id else {
        return Err(ApiError::invalid_body(details));
    };
    let mut menus = shared.rich_menus();
    let book = &mut menus[channel as usize];
    for user in &users {
        book.link(user, id).map_err(|e| match e {
            BookError::UnknownMenu => ApiError::bad_request(text::MENU_NOT_FOUND),
            BookError::NoImage => ApiError::bad_request(text::IMAGE_REQUIRED),
        })?;
    }
    accepted()
}

async fn bulk_unlink(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuBulkUnlink)?;
    let users = validate::user_ids(&json_object(body)?).map_err(ApiError::invalid_body)?;
    let mut menus = shared.rich_menus();
    for user in &users {
        menus[channel as usize].unlink(user);
    }
    accepted()
}

/// Parses and checks a batch against the channel's menus: 400 with the failing
/// operation's property otherwise.
fn checked_batch(
    shared: &Shared,
    channel: u32,
    body: Body,
) -> Result<Vec<book::BatchOp>, ApiError> {
    let ops = validate::batch(&json_object(body)?).map_err(ApiError::invalid_body)?;
    shared.rich_menus()[channel as usize]
        .check_batch(&ops)
        .map_err(|(i, field, e)| {
            let message = match e {
                BookError::UnknownMenu => text::MENU_NOT_FOUND,
                BookError::NoImage => text::IMAGE_REQUIRED,
            };
            ApiError::invalid_body(vec![ErrorDetail::new(
                format!("operations[{i}].{field}"),
                message,
            )])
        })?;
    Ok(ops)
}

async fn batch(
    State(shared): State<Arc<Shared>>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuBatch)?;
    let ops = checked_batch(&shared, channel, body)?;
    let accepted_ms = shared.clock.now_epoch_ms();
    let mut menus = shared.rich_menus();
    let book = &mut menus[channel as usize];
    book.apply_batch(&ops);
    book.batches
        .insert(request_id.to_string(), book::BatchRun { accepted_ms });
    accepted()
}

async fn validate_batch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuBatchValidate)?;
    checked_batch(&shared, channel, body)?;
    ok()
}

#[derive(Debug, Deserialize)]
struct ProgressQuery {
    #[serde(rename = "requestId")]
    request_id: Option<String>,
}

async fn batch_progress(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<ProgressQuery>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuBatchProgress)?;
    let Some(id) = q.request_id.filter(|s| !s.is_empty()) else {
        return Err(ApiError::invalid_body(vec![ErrorDetail::new(
            "requestId",
            "must be specified",
        )]));
    };
    let run = shared.rich_menus()[channel as usize]
        .batches
        .get(&id)
        .copied()
        .ok_or_else(ApiError::not_found)?;
    let done_ms = run.accepted_ms + shared.settings.rich_menu_batch_ms as i64;
    let accepted = crate::state::iso_ms(run.accepted_ms);
    let body = if shared.clock.now_epoch_ms() < done_ms {
        json!({"phase": "ongoing", "acceptedTime": accepted})
    } else {
        json!({"phase": "succeeded", "acceptedTime": accepted,
               "completedTime": crate::state::iso_ms(done_ms)})
    };
    Ok(Json(body).into_response())
}

async fn alias_create(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuAliasCreate)?;
    let body = json_object(body)?;
    let alias = body.get("richMenuAliasId").and_then(Value::as_str);
    let id = body.get("richMenuId").and_then(Value::as_str);
    let mut details = Vec::new();
    match alias {
        Some(a) if rules::check_alias_id(a).is_ok() => {}
        Some(_) => details.push(ErrorDetail::new("richMenuAliasId", "invalid alias id")),
        None => details.push(ErrorDetail::new("richMenuAliasId", "must be specified")),
    }
    if id.is_none() {
        details.push(ErrorDetail::new("richMenuId", "must be specified"));
    }
    let (Some(alias), Some(id), true) = (alias, id, details.is_empty()) else {
        return Err(ApiError::invalid_body(details));
    };
    let mut menus = shared.rich_menus();
    let book = &mut menus[channel as usize];
    if book.aliases.contains_key(alias) {
        return Err(ApiError::bad_request(text::ALIAS_EXISTS));
    }
    match book.menus.get(id) {
        None => return Err(ApiError::bad_request(text::MENU_NOT_FOUND)),
        Some(m) if m.image.is_none() => return Err(ApiError::bad_request(text::IMAGE_REQUIRED)),
        Some(_) => {}
    }
    book.aliases.insert(alias.to_owned(), id.to_owned());
    ok()
}

async fn alias_update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(alias): Path<String>,
    body: Body,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuAliasUpdate)?;
    let body = json_object(body)?;
    let Some(id) = body.get("richMenuId").and_then(Value::as_str) else {
        return Err(ApiError::invalid_body(vec![ErrorDetail::new(
            "richMenuId",
            "must be specified",
        )]));
    };
    let mut menus = shared.rich_menus();
    let book = &mut menus[channel as usize];
    if !book.aliases.contains_key(&alias) {
        return Err(ApiError::not_found());
    }
    match book.menus.get(id) {
        None => return Err(ApiError::bad_request(text::MENU_NOT_FOUND)),
        Some(m) if m.image.is_none() => return Err(ApiError::bad_request(text::IMAGE_REQUIRED)),
        Some(_) => {}
    }
    book.aliases.insert(alias, id.to_owned());
    ok()
}

async fn alias_delete(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(alias): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuAliasDelete)?;
    shared.rich_menus()[channel as usize]
        .aliases
        .remove(&alias)
        .ok_or_else(ApiError::not_found)?;
    ok()
}

async fn alias_get(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(alias): Path<String>,
) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuAliasGet)?;
    let id = shared.rich_menus()[channel as usize]
        .aliases
        .get(&alias)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(json!({"richMenuAliasId": alias, "richMenuId": id})).into_response())
}

async fn alias_list(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let channel = admit(&shared, &headers, Endpoint::RichMenuAliasList)?;
    let menus = shared.rich_menus();
    let aliases: Vec<Value> = menus[channel as usize]
        .aliases
        .iter()
        .map(|(a, id)| json!({"richMenuAliasId": a, "richMenuId": id}))
        .collect();
    Ok(Json(json!({ "aliases": aliases })).into_response())
}

/// What a friend's tap on a rich-menu area did, as the LINE app would do it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RichMenuTap {
    /// A `message`, `postback` or `richmenuswitch` area: the webhook it caused.
    Webhook { outcome: crate::WebhookOutcome },
    /// A `uri` area: the app opens the address; LINE sends no event.
    Uri { uri: String },
    /// A `clipboard` area: the app copies the text; LINE sends no event.
    Clipboard { text: String },
}

impl Shared {
    fn rich_menu_channel(&self, channel_id: &str) -> Result<u32, crate::ActionError> {
        self.channel_by_id(channel_id)
            .ok_or_else(|| crate::ActionError::UnknownChannel(channel_id.to_owned()))
    }

    /// The menu `user_id` sees now (switched, linked or default), as LINE returns a
    /// menu object.
    pub(crate) fn rich_menu_shown_to(
        &self,
        channel_id: &str,
        user_id: &str,
    ) -> Result<Value, crate::ActionError> {
        let channel = self.rich_menu_channel(channel_id)?;
        self.rich_menus()[channel as usize]
            .shown_to(user_id)
            .map(|m| m.menu.clone())
            .ok_or_else(|| crate::ActionError::NoRichMenu(user_id.to_owned()))
    }

    /// A menu's uploaded image: `(content type, bytes)`.
    pub(crate) fn rich_menu_image(
        &self,
        channel_id: &str,
        rich_menu_id: &str,
    ) -> Option<(String, Bytes)> {
        let channel = self.channel_by_id(channel_id)?;
        self.rich_menus()[channel as usize]
            .menus
            .get(rich_menu_id)?
            .image
            .clone()
    }

    /// `user_id` taps area `area` of the menu they see: a `message` area makes them
    /// send its text, a `postback` area sends its data (its `displayText` shown as
    /// theirs), a `richmenuswitch` area switches their menu and sends the postback
    /// LINE documents; `uri` and `clipboard` cause no event. A date-time picker
    /// needs a person to pick, so it is refused here.
    pub(crate) async fn tap_rich_menu(
        &self,
        channel_id: &str,
        user_id: &str,
        area: usize,
    ) -> Result<RichMenuTap, crate::ActionError> {
        use crate::{ActionError, FriendAction};
        let menu = self.rich_menu_shown_to(channel_id, user_id)?;
        let action = menu["areas"]
            .get(area)
            .map(|a| a["action"].clone())
            .ok_or(ActionError::NoSuchArea(area))?;
        let field = |name: &str| action[name].as_str().unwrap_or_default().to_owned();
        let friend_action = match action["type"].as_str().unwrap_or_default() {
            "message" => FriendAction::Text {
                text: field("text"),
            },
            "postback" => FriendAction::Postback {
                data: field("data"),
                display_text: action["displayText"].as_str().map(str::to_owned),
            },
            "richmenuswitch" => FriendAction::RichMenuSwitch {
                rich_menu_alias_id: field("richMenuAliasId"),
                data: field("data"),
            },
            "uri" => return Ok(RichMenuTap::Uri { uri: field("uri") }),
            "clipboard" => {
                return Ok(RichMenuTap::Clipboard {
                    text: field("clipboardText"),
                })
            }
            other => return Err(ActionError::UnsupportedAction(other.to_owned())),
        };
        let outcome = self.act(channel_id, user_id, friend_action).await?;
        Ok(RichMenuTap::Webhook { outcome })
    }
}
