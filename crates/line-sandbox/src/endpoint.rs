//! The Messaging API endpoints the sandbox serves, as one closed set: rate limits,
//! faults and statistics are all kept per endpoint.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One Messaging API endpoint. Serialised in snake case (`"multicast"`,
/// `"narrowcast_progress"`, ...), which is also how the inspection API names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// `POST /v2/bot/message/reply`
    Reply,
    /// `POST /v2/bot/message/push`
    Push,
    /// `POST /v2/bot/message/multicast`
    Multicast,
    /// `POST /v2/bot/message/narrowcast`
    Narrowcast,
    /// `POST /v2/bot/message/broadcast`
    Broadcast,
    /// `GET /v2/bot/message/progress/narrowcast`
    NarrowcastProgress,
    /// `GET /v2/bot/profile/{userId}`
    Profile,
    /// `GET /v2/bot/info`
    BotInfo,
    /// `GET /v2/bot/message/quota`
    Quota,
    /// `GET /v2/bot/message/quota/consumption`
    QuotaConsumption,
    /// `POST /v2/bot/chat/loading/start`
    Loading,
    /// `GET /v2/bot/followers/ids`
    Followers,
    /// `POST /v2/bot/chat/markAsRead`
    MarkAsRead,
    /// `GET /v2/bot/message/{messageId}/content` (on the data host)
    Content,
}

impl Endpoint {
    /// Every endpoint, in a fixed order.
    pub const ALL: [Endpoint; 14] = [
        Endpoint::Reply,
        Endpoint::Push,
        Endpoint::Multicast,
        Endpoint::Narrowcast,
        Endpoint::Broadcast,
        Endpoint::NarrowcastProgress,
        Endpoint::Profile,
        Endpoint::BotInfo,
        Endpoint::Quota,
        Endpoint::QuotaConsumption,
        Endpoint::Loading,
        Endpoint::Followers,
        Endpoint::MarkAsRead,
        Endpoint::Content,
    ];

    /// A dense index, `0..ALL.len()`, for per-endpoint arrays.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The endpoint's name as used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Reply => "reply",
            Endpoint::Push => "push",
            Endpoint::Multicast => "multicast",
            Endpoint::Narrowcast => "narrowcast",
            Endpoint::Broadcast => "broadcast",
            Endpoint::NarrowcastProgress => "narrowcast_progress",
            Endpoint::Profile => "profile",
            Endpoint::BotInfo => "bot_info",
            Endpoint::Quota => "quota",
            Endpoint::QuotaConsumption => "quota_consumption",
            Endpoint::Loading => "loading",
            Endpoint::Followers => "followers",
            Endpoint::MarkAsRead => "mark_as_read",
            Endpoint::Content => "content",
        }
    }

    /// Which endpoint serves `method path`, if any. Paths outside `/v2/bot` are `None`.
    pub fn from_request(method: &http::Method, path: &str) -> Option<Endpoint> {
        use http::Method;
        let endpoint = match (method, path) {
            (&Method::POST, "/v2/bot/message/reply") => Endpoint::Reply,
            (&Method::POST, "/v2/bot/message/push") => Endpoint::Push,
            (&Method::POST, "/v2/bot/message/multicast") => Endpoint::Multicast,
            (&Method::POST, "/v2/bot/message/narrowcast") => Endpoint::Narrowcast,
            (&Method::POST, "/v2/bot/message/broadcast") => Endpoint::Broadcast,
            (&Method::GET, "/v2/bot/message/progress/narrowcast") => Endpoint::NarrowcastProgress,
            (&Method::GET, "/v2/bot/info") => Endpoint::BotInfo,
            (&Method::GET, "/v2/bot/message/quota") => Endpoint::Quota,
            (&Method::GET, "/v2/bot/message/quota/consumption") => Endpoint::QuotaConsumption,
            (&Method::POST, "/v2/bot/chat/loading/start") => Endpoint::Loading,
            (&Method::GET, "/v2/bot/followers/ids") => Endpoint::Followers,
            (&Method::POST, "/v2/bot/chat/markAsRead") => Endpoint::MarkAsRead,
            (&Method::GET, p) if p.starts_with("/v2/bot/profile/") => Endpoint::Profile,
            (&Method::GET, p) if p.starts_with("/v2/bot/message/") && p.ends_with("/content") => {
                Endpoint::Content
            }
            _ => return None,
        };
        Some(endpoint)
    }

    /// Whether this endpoint sends messages that count toward the monthly quota
    /// and accept `X-Line-Retry-Key`.
    pub fn is_paid_send(self) -> bool {
        matches!(
            self,
            Endpoint::Push | Endpoint::Multicast | Endpoint::Narrowcast | Endpoint::Broadcast
        )
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name given to [`Endpoint::from_str`] is not an endpoint.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown endpoint `{0}`")]
pub struct UnknownEndpoint(pub String);

impl FromStr for Endpoint {
    type Err = UnknownEndpoint;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Endpoint::ALL
            .into_iter()
            .find(|e| e.name() == s)
            .ok_or_else(|| UnknownEndpoint(s.to_owned()))
    }
}
