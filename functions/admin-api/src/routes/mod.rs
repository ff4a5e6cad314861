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
    pub limit: Option<u32>,
}

impl PageQuery {
    pub fn request(&self) -> PageRequest {
        PageRequest {
            cursor: self.cursor.clone().filter(|c| !c.is_empty()).map(Cursor),
            limit: self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE),
        }
    }
}
