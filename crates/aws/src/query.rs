//! Query helpers shared by the adapters: a page for a `PageRequest`, or every
//! page of a small listing.

use crate::cursor;
use crate::error::store_unavailable;
use crate::item::Item;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use otodoke_core::{Cursor, PageRequest, StoreError};

/// The most items one page may ask DynamoDB for; larger requests get this many.
pub const MAX_PAGE: u32 = 1_000;

/// One page of a query: at most `page.limit` items (0 reads as 1) from the page
/// request's cursor, and the cursor of the next page. One Query call.
pub(crate) async fn page(
    request: QueryFluentBuilder,
    page: &PageRequest,
) -> Result<(Vec<Item>, Option<Cursor>), StoreError> {
    let out = request
        .limit(page.limit.clamp(1, MAX_PAGE) as i32)
        .set_exclusive_start_key(cursor::start_key(page.cursor.as_ref())?)
        .send()
        .await
        .map_err(|e| store_unavailable("Query", e))?;
    let next = cursor::next(out.last_evaluated_key())?;
    Ok((out.items.unwrap_or_default(), next))
}

/// Every item a query matches, following `LastEvaluatedKey`. For listings known to
/// be small (an organization's stores, staff, channels). One call per 1 MB.
pub(crate) async fn all(request: QueryFluentBuilder) -> Result<Vec<Item>, StoreError> {
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let out = request
            .clone()
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| store_unavailable("Query", e))?;
        items.extend(out.items.unwrap_or_default());
        match out.last_evaluated_key {
            Some(key) if !key.is_empty() => start = Some(key),
            _ => return Ok(items),
        }
    }
}
