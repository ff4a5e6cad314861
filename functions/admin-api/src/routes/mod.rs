//! The routes, one module per resource.

pub mod access;
pub mod automations;
pub mod campaign_report;
pub mod campaigns;
pub mod channel_insight;
pub mod channels;
pub mod conversations;
pub mod friends;
pub mod inbox;
pub mod links;
pub mod media;
pub mod organizations;
pub mod replies;
pub mod reports;
pub mod richmenus;
pub mod staff;
pub mod teaching;
pub mod threads;

use crate::error::{ApiError, ApiResult};
use otodoke_core::{Cursor, PageRequest};
use serde::Deserialize;
use utoipa::IntoParams;

/// Largest page a client may ask for.
pub const MAX_PAGE: u32 = 200;
/// Page size when the client does not say.
pub const DEFAULT_PAGE: u32 = 50;

/// `?cursor=&limit=` of every listing.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// At most this many items (1..=200, default 50); a page may hold fewer and
    /// still have a next cursor.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

impl PageQuery {
    /// The page asked for; a `limit` outside 1..=[`MAX_PAGE`] is refused (422), as
    /// the document says, rather than quietly clamped.
    pub fn request(&self) -> ApiResult<PageRequest> {
        Ok(PageRequest {
            cursor: self.cursor.clone().filter(|c| !c.is_empty()).map(Cursor),
            limit: page_limit(self.limit, DEFAULT_PAGE, MAX_PAGE)?,
        })
    }
}

/// `limit` of a listing: `default` when absent, refused (422) outside `1..=max`.
pub fn page_limit(limit: Option<u32>, default: u32, max: u32) -> ApiResult<u32> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::invalid("limit", format!("1 to {max}"))),
    }
}
