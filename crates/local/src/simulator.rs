//! The JSON API behind the LINE simulator page (`/simulator/api/...`): the
//! simulator's friends, their actions in the LINE app (follow, block, unblock, text,
//! postback, sticker) carried out by the in-process sandbox as signed webhooks to
//! the gateway, and each friend's chat transcript for the page to poll.
//!
//! The friend's rich menu is shown as LINE shows it (the sandbox decides which:
//! switched, linked or default), and a tap on an area is carried out by the sandbox
//! as the LINE app would (a message, a postback, a menu switch with its postback,
//! or a link to open).
//!
//! It lives on the gateway (one origin for the page) and calls the sandbox in
//! process, so the page needs no cross-origin requests.

use crate::keys::{LocalKeys, SimFriend, SimState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use otodoke_line_sandbox::{ActionError, FriendAction, NewFriend, SandboxHandle};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What the simulator's routes share.
pub struct Simulator {
    pub(crate) sandbox: Arc<SandboxHandle>,
    pub(crate) channel_id: String,
    pub(crate) bot_name: String,
    pub(crate) keys: Arc<Mutex<LocalKeys>>,
    /// Where the keys (with the friends) are saved; `None` for an in-memory stack.
    pub(crate) keys_path: Option<PathBuf>,
}

/// Why a simulator request failed; [`IntoResponse`] is the one place these
/// become statuses.
#[derive(Debug, thiserror::Error)]
pub enum SimulatorError {
    #[error("no simulator friend `{0}`")]
    UnknownFriend(String),
    #[error("a display name of 1 to 20 characters is needed")]
    InvalidName,
    #[error(transparent)]
    Action(#[from] ActionError),
}

impl IntoResponse for SimulatorError {
    fn into_response(self) -> Response {
        let status = match &self {
            SimulatorError::UnknownFriend(_) => StatusCode::NOT_FOUND,
            SimulatorError::InvalidName => StatusCode::BAD_REQUEST,
            SimulatorError::Action(e) => match e {
                ActionError::UnknownChannel(_)
                | ActionError::UnknownFriend(_)
                | ActionError::UnknownEvent(_)
                | ActionError::NoRichMenu(_)
                | ActionError::NoSuchArea(_) => StatusCode::NOT_FOUND,
                ActionError::UnsupportedAction(_) => StatusCode::UNPROCESSABLE_ENTITY,
                ActionError::InvalidUserId(_) | ActionError::InvalidMedia => {
                    StatusCode::BAD_REQUEST
                }
                ActionError::NotFollowing(_) | ActionError::NoWebhookUrl(_) => StatusCode::CONFLICT,
                ActionError::Delivery(_) => StatusCode::BAD_GATEWAY,
            },
        };
        // The messages name ids and states only, never secrets.
        (status, Json(json!({ "message": self.to_string() }))).into_response()
    }
}

/// The routes under `/simulator/api`.
pub fn routes(simulator: Arc<Simulator>) -> Router {
    Router::new()
        .route("/simulator/api/info", get(info))
        .route("/simulator/api/friends", get(friends).post(create_friend))
        .route("/simulator/api/friends/{user_id}/actions", post(act))
        .route(
            "/simulator/api/friends/{user_id}/conversation",
            get(conversation),
        )
        .route("/simulator/api/friends/{user_id}/view", post(view_chat))
        .route("/simulator/api/friends/{user_id}/tap", post(tap_link))
        .route("/simulator/api/friends/{user_id}/richmenu", get(rich_menu))
        .route(
            "/simulator/api/friends/{user_id}/richmenu/tap",
            post(tap_rich_menu),
        )
        .route(
            "/simulator/api/richmenus/{rich_menu_id}/image",
            get(rich_menu_image),
        )
        .with_state(simulator)
}

impl Simulator {
    /// Re-creates every saved simulator friend in a freshly started sandbox, with
    /// their follow state, so they can go on chatting after a restart.
    pub(crate) fn restore_friends(&self) -> Result<(), ActionError> {
        let friends = self.keys.lock().expect("keys lock").friends.clone();
        for friend in friends {
            self.sandbox.add_friend(
                &self.channel_id,
                NewFriend {
                    user_id: Some(friend.user_id.clone()),
                    display_name: Some(friend.display_name.clone()),
                    picture_url: friend.picture_url.clone(),
                    language: Some("ja".into()),
                    blocked: friend.state == SimState::Blocked,
                    ..NewFriend::default()
                },
            )?;
        }
        Ok(())
    }

    fn save(&self, keys: &LocalKeys) {
        if let Some(path) = &self.keys_path {
            if let Err(error) = keys.save(path) {
                tracing::warn!(%error, "could not save the simulator's friends");
            }
        }
    }

    /// Creates a friend in the sandbox (following, as LINE users who can write to
    /// the account are) and remembers them. Costs a small file write.
    pub fn create_friend(
        &self,
        display_name: &str,
        picture_url: Option<String>,
    ) -> Result<SimFriend, SimulatorError> {
        let name = display_name.trim();
        if name.is_empty() || name.chars().count() > 20 {
            return Err(SimulatorError::InvalidName);
        }
        let user_id = self.sandbox.add_friend(
            &self.channel_id,
            NewFriend {
                display_name: Some(name.to_owned()),
                picture_url: picture_url.clone(),
                language: Some("ja".into()),
                ..NewFriend::default()
            },
        )?;
        let friend = SimFriend {
            user_id,
            display_name: name.to_owned(),
            picture_url,
            state: SimState::New,
        };
        let mut keys = self.keys.lock().expect("keys lock");
        keys.friends.push(friend.clone());
        self.save(&keys);
        Ok(friend)
    }

    /// Performs `action` as `user_id` (a signed webhook to the gateway) and updates
    /// the friend's state. Costs one local HTTP round trip.
    pub async fn act(&self, user_id: &str, action: FriendAction) -> Result<Value, SimulatorError> {
        if self
            .keys
            .lock()
            .expect("keys lock")
            .friend_mut(user_id)
            .is_none()
        {
            return Err(SimulatorError::UnknownFriend(user_id.to_owned()));
        }
        let next = match action {
            FriendAction::Follow | FriendAction::Unblock => Some(SimState::Following),
            FriendAction::Block => Some(SimState::Blocked),
            _ => None,
        };
        let outcome = self.sandbox.act(&self.channel_id, user_id, action).await?;
        if let Some(state) = next.filter(|_| outcome.status == 200) {
            let mut keys = self.keys.lock().expect("keys lock");
            if let Some(friend) = keys.friend_mut(user_id) {
                friend.state = state;
            }
            self.save(&keys);
        }
        Ok(json!({
            "status": outcome.status,
            "elapsedMs": outcome.elapsed_ms,
            "webhookEventId": outcome.webhook_event_id,
        }))
    }
}

async fn info(State(s): State<Arc<Simulator>>) -> Json<Value> {
    Json(json!({ "channelId": s.channel_id, "botName": s.bot_name }))
}

async fn friends(State(s): State<Arc<Simulator>>) -> Json<Vec<SimFriend>> {
    Json(s.keys.lock().expect("keys lock").friends.clone())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateFriend {
    display_name: String,
    #[serde(default)]
    picture_url: Option<String>,
}

async fn create_friend(
    State(s): State<Arc<Simulator>>,
    Json(body): Json<CreateFriend>,
) -> Result<(StatusCode, Json<SimFriend>), SimulatorError> {
    let friend = s.create_friend(&body.display_name, body.picture_url)?;
    Ok((StatusCode::CREATED, Json(friend)))
}

async fn act(
    State(s): State<Arc<Simulator>>,
    Path(user_id): Path<String>,
    Json(action): Json<FriendAction>,
) -> Result<Json<Value>, SimulatorError> {
    s.act(&user_id, action).await.map(Json)
}

async fn conversation(State(s): State<Arc<Simulator>>, Path(user_id): Path<String>) -> Json<Value> {
    Json(json!(s.sandbox.conversation(&s.channel_id, &user_id)))
}

/// The friend looks at the chat: what LINE counts as the impressions of the
/// messages it shows (the sandbox's insight numbers). `{"viewed": n}` messages.
async fn view_chat(State(s): State<Arc<Simulator>>, Path(user_id): Path<String>) -> Response {
    match s.sandbox.friend_views_chat(&s.channel_id, &user_id) {
        Some(viewed) => Json(json!({ "viewed": viewed })).into_response(),
        None => (axum::http::StatusCode::NOT_FOUND, "no such friend").into_response(),
    }
}

/// A URL the friend tapped in a message.
#[derive(Debug, serde::Deserialize)]
struct TappedLink {
    url: String,
}

/// The friend taps a URL of a message: a click in LINE's insight numbers when the
/// message went out under an aggregation unit (404 otherwise: nothing to count).
async fn tap_link(
    State(s): State<Arc<Simulator>>,
    Path(user_id): Path<String>,
    Json(tap): Json<TappedLink>,
) -> Response {
    match s.sandbox.friend_taps(&s.channel_id, &user_id, &tap.url) {
        Some(()) => Json(json!({ "tapped": true })).into_response(),
        None => (
            axum::http::StatusCode::NOT_FOUND,
            "no counted message holds that URL",
        )
            .into_response(),
    }
}

/// The rich menu the friend sees: LINE's menu object plus `imageUrl`, where the
/// page loads the image from (404 when the friend sees none).
async fn rich_menu(
    State(s): State<Arc<Simulator>>,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, SimulatorError> {
    let mut menu = s.sandbox.rich_menu_shown_to(&s.channel_id, &user_id)?;
    let id = menu["richMenuId"].as_str().unwrap_or_default().to_owned();
    menu["imageUrl"] = json!(format!("/simulator/api/richmenus/{id}/image"));
    Ok(Json(menu))
}

async fn rich_menu_image(State(s): State<Arc<Simulator>>, Path(id): Path<String>) -> Response {
    match s.sandbox.rich_menu_image(&s.channel_id, &id) {
        Some((content_type, bytes)) => (
            [
                (axum::http::header::CONTENT_TYPE, content_type),
                // A menu's image never changes: LINE allows one upload per menu.
                (axum::http::header::CACHE_CONTROL, "max-age=3600".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct Tap {
    area: usize,
}

/// The friend taps area `area` of their menu: `{"kind":"webhook","outcome"}`,
/// `{"kind":"uri","uri"}` or `{"kind":"clipboard","text"}`.
async fn tap_rich_menu(
    State(s): State<Arc<Simulator>>,
    Path(user_id): Path<String>,
    Json(tap): Json<Tap>,
) -> Result<Json<Value>, SimulatorError> {
    if s.keys
        .lock()
        .expect("keys lock")
        .friend_mut(&user_id)
        .is_none()
    {
        return Err(SimulatorError::UnknownFriend(user_id));
    }
    let outcome = s
        .sandbox
        .tap_rich_menu(&s.channel_id, &user_id, tap.area)
        .await?;
    Ok(Json(json!(outcome)))
}
