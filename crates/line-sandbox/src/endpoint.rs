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
    /// `POST /v2/bot/richmenu`
    RichMenuCreate,
    /// `POST /v2/bot/richmenu/validate`
    RichMenuValidate,
    /// `POST /v2/bot/richmenu/{richMenuId}/content` (on the data host)
    RichMenuImageUpload,
    /// `GET /v2/bot/richmenu/{richMenuId}/content` (on the data host)
    RichMenuImageDownload,
    /// `GET /v2/bot/richmenu/{richMenuId}`
    RichMenuGet,
    /// `GET /v2/bot/richmenu/list`
    RichMenuList,
    /// `DELETE /v2/bot/richmenu/{richMenuId}`
    RichMenuDelete,
    /// `POST /v2/bot/user/all/richmenu/{richMenuId}`
    RichMenuDefaultSet,
    /// `GET /v2/bot/user/all/richmenu`
    RichMenuDefaultGet,
    /// `DELETE /v2/bot/user/all/richmenu`
    RichMenuDefaultCancel,
    /// `POST /v2/bot/user/{userId}/richmenu/{richMenuId}`
    RichMenuLink,
    /// `DELETE /v2/bot/user/{userId}/richmenu`
    RichMenuUnlink,
    /// `GET /v2/bot/user/{userId}/richmenu`
    RichMenuOfUser,
    /// `POST /v2/bot/richmenu/bulk/link`
    RichMenuBulkLink,
    /// `POST /v2/bot/richmenu/bulk/unlink`
    RichMenuBulkUnlink,
    /// `POST /v2/bot/richmenu/batch`
    RichMenuBatch,
    /// `GET /v2/bot/richmenu/progress/batch`
    RichMenuBatchProgress,
    /// `POST /v2/bot/richmenu/validate/batch`
    RichMenuBatchValidate,
    /// `POST /v2/bot/richmenu/alias`
    RichMenuAliasCreate,
    /// `POST /v2/bot/richmenu/alias/{richMenuAliasId}`
    RichMenuAliasUpdate,
    /// `DELETE /v2/bot/richmenu/alias/{richMenuAliasId}`
    RichMenuAliasDelete,
    /// `GET /v2/bot/richmenu/alias/{richMenuAliasId}`
    RichMenuAliasGet,
    /// `GET /v2/bot/richmenu/alias/list`
    RichMenuAliasList,
    /// `GET /v2/bot/insight/message/event/aggregation`
    InsightUnitStatistics,
    /// `GET /v2/bot/insight/followers`
    InsightFollowers,
    /// `GET /v2/bot/insight/demographic`
    InsightDemographic,
    /// `GET /v2/bot/message/aggregation/info`
    AggregationUnitInfo,
    /// `GET /v2/bot/message/aggregation/list`
    AggregationUnitList,
    /// `POST /v2/bot/audienceGroup/upload`
    AudienceCreate,
    /// `PUT /v2/bot/audienceGroup/upload`
    AudienceAdd,
    /// `GET /v2/bot/audienceGroup/{audienceGroupId}`
    AudienceGet,
    /// `GET /v2/bot/audienceGroup/list`
    AudienceList,
    /// `DELETE /v2/bot/audienceGroup/{audienceGroupId}`
    AudienceDelete,
}

impl Endpoint {
    /// Every endpoint, in a fixed order.
    pub const ALL: [Endpoint; 47] = [
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
        Endpoint::RichMenuCreate,
        Endpoint::RichMenuValidate,
        Endpoint::RichMenuImageUpload,
        Endpoint::RichMenuImageDownload,
        Endpoint::RichMenuGet,
        Endpoint::RichMenuList,
        Endpoint::RichMenuDelete,
        Endpoint::RichMenuDefaultSet,
        Endpoint::RichMenuDefaultGet,
        Endpoint::RichMenuDefaultCancel,
        Endpoint::RichMenuLink,
        Endpoint::RichMenuUnlink,
        Endpoint::RichMenuOfUser,
        Endpoint::RichMenuBulkLink,
        Endpoint::RichMenuBulkUnlink,
        Endpoint::RichMenuBatch,
        Endpoint::RichMenuBatchProgress,
        Endpoint::RichMenuBatchValidate,
        Endpoint::RichMenuAliasCreate,
        Endpoint::RichMenuAliasUpdate,
        Endpoint::RichMenuAliasDelete,
        Endpoint::RichMenuAliasGet,
        Endpoint::RichMenuAliasList,
        Endpoint::InsightUnitStatistics,
        Endpoint::InsightFollowers,
        Endpoint::InsightDemographic,
        Endpoint::AggregationUnitInfo,
        Endpoint::AggregationUnitList,
        Endpoint::AudienceCreate,
        Endpoint::AudienceAdd,
        Endpoint::AudienceGet,
        Endpoint::AudienceList,
        Endpoint::AudienceDelete,
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
            Endpoint::RichMenuCreate => "rich_menu_create",
            Endpoint::RichMenuValidate => "rich_menu_validate",
            Endpoint::RichMenuImageUpload => "rich_menu_image_upload",
            Endpoint::RichMenuImageDownload => "rich_menu_image_download",
            Endpoint::RichMenuGet => "rich_menu_get",
            Endpoint::RichMenuList => "rich_menu_list",
            Endpoint::RichMenuDelete => "rich_menu_delete",
            Endpoint::RichMenuDefaultSet => "rich_menu_default_set",
            Endpoint::RichMenuDefaultGet => "rich_menu_default_get",
            Endpoint::RichMenuDefaultCancel => "rich_menu_default_cancel",
            Endpoint::RichMenuLink => "rich_menu_link",
            Endpoint::RichMenuUnlink => "rich_menu_unlink",
            Endpoint::RichMenuOfUser => "rich_menu_of_user",
            Endpoint::RichMenuBulkLink => "rich_menu_bulk_link",
            Endpoint::RichMenuBulkUnlink => "rich_menu_bulk_unlink",
            Endpoint::RichMenuBatch => "rich_menu_batch",
            Endpoint::RichMenuBatchProgress => "rich_menu_batch_progress",
            Endpoint::RichMenuBatchValidate => "rich_menu_batch_validate",
            Endpoint::RichMenuAliasCreate => "rich_menu_alias_create",
            Endpoint::RichMenuAliasUpdate => "rich_menu_alias_update",
            Endpoint::RichMenuAliasDelete => "rich_menu_alias_delete",
            Endpoint::RichMenuAliasGet => "rich_menu_alias_get",
            Endpoint::RichMenuAliasList => "rich_menu_alias_list",
            Endpoint::InsightUnitStatistics => "insight_unit_statistics",
            Endpoint::InsightFollowers => "insight_followers",
            Endpoint::InsightDemographic => "insight_demographic",
            Endpoint::AggregationUnitInfo => "aggregation_unit_info",
            Endpoint::AggregationUnitList => "aggregation_unit_list",
            Endpoint::AudienceCreate => "audience_create",
            Endpoint::AudienceAdd => "audience_add",
            Endpoint::AudienceGet => "audience_get",
            Endpoint::AudienceList => "audience_list",
            Endpoint::AudienceDelete => "audience_delete",
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
            (&Method::GET, "/v2/bot/insight/message/event/aggregation") => {
                Endpoint::InsightUnitStatistics
            }
            (&Method::GET, "/v2/bot/insight/followers") => Endpoint::InsightFollowers,
            (&Method::GET, "/v2/bot/insight/demographic") => Endpoint::InsightDemographic,
            (&Method::GET, "/v2/bot/message/aggregation/info") => Endpoint::AggregationUnitInfo,
            (&Method::GET, "/v2/bot/message/aggregation/list") => Endpoint::AggregationUnitList,
            (&Method::POST, "/v2/bot/audienceGroup/upload") => Endpoint::AudienceCreate,
            (&Method::PUT, "/v2/bot/audienceGroup/upload") => Endpoint::AudienceAdd,
            (&Method::GET, "/v2/bot/audienceGroup/list") => Endpoint::AudienceList,
            (&Method::GET, p) if p.starts_with("/v2/bot/audienceGroup/") => Endpoint::AudienceGet,
            (&Method::DELETE, p) if p.starts_with("/v2/bot/audienceGroup/") => {
                Endpoint::AudienceDelete
            }
            (method, p) if p.starts_with("/v2/bot/richmenu") || p.starts_with("/v2/bot/user/") => {
                return rich_menu_endpoint(method, p)
            }
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

/// The rich-menu endpoint serving `method path`, by its segments (ids are opaque).
fn rich_menu_endpoint(method: &http::Method, path: &str) -> Option<Endpoint> {
    use http::Method;
    let segments: Vec<&str> = path.strip_prefix("/v2/bot/")?.split('/').collect();
    let endpoint = match (method, segments.as_slice()) {
        (&Method::POST, ["richmenu"]) => Endpoint::RichMenuCreate,
        (&Method::POST, ["richmenu", "validate"]) => Endpoint::RichMenuValidate,
        (&Method::GET, ["richmenu", "list"]) => Endpoint::RichMenuList,
        (&Method::POST, ["richmenu", "bulk", "link"]) => Endpoint::RichMenuBulkLink,
        (&Method::POST, ["richmenu", "bulk", "unlink"]) => Endpoint::RichMenuBulkUnlink,
        (&Method::POST, ["richmenu", "batch"]) => Endpoint::RichMenuBatch,
        (&Method::GET, ["richmenu", "progress", "batch"]) => Endpoint::RichMenuBatchProgress,
        (&Method::POST, ["richmenu", "validate", "batch"]) => Endpoint::RichMenuBatchValidate,
        (&Method::POST, ["richmenu", "alias"]) => Endpoint::RichMenuAliasCreate,
        (&Method::GET, ["richmenu", "alias", "list"]) => Endpoint::RichMenuAliasList,
        (&Method::POST, ["richmenu", "alias", _]) => Endpoint::RichMenuAliasUpdate,
        (&Method::DELETE, ["richmenu", "alias", _]) => Endpoint::RichMenuAliasDelete,
        (&Method::GET, ["richmenu", "alias", _]) => Endpoint::RichMenuAliasGet,
        (&Method::POST, ["richmenu", _, "content"]) => Endpoint::RichMenuImageUpload,
        (&Method::GET, ["richmenu", _, "content"]) => Endpoint::RichMenuImageDownload,
        (&Method::GET, ["richmenu", _]) => Endpoint::RichMenuGet,
        (&Method::DELETE, ["richmenu", _]) => Endpoint::RichMenuDelete,
        (&Method::POST, ["user", "all", "richmenu", _]) => Endpoint::RichMenuDefaultSet,
        (&Method::GET, ["user", "all", "richmenu"]) => Endpoint::RichMenuDefaultGet,
        (&Method::DELETE, ["user", "all", "richmenu"]) => Endpoint::RichMenuDefaultCancel,
        (&Method::POST, ["user", _, "richmenu", _]) => Endpoint::RichMenuLink,
        (&Method::DELETE, ["user", _, "richmenu"]) => Endpoint::RichMenuUnlink,
        (&Method::GET, ["user", _, "richmenu"]) => Endpoint::RichMenuOfUser,
        _ => return None,
    };
    Some(endpoint)
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
