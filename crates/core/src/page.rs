//! Paging: every list is read page by page with an opaque cursor, so no caller ever
//! holds a whole audience in memory.

use serde::{Deserialize, Serialize};

/// Where a page starts (an opaque token from the previous page) and how many items
/// it may hold at most. Adapters may return fewer items than `limit` and still a cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageRequest {
    pub cursor: Option<Cursor>,
    pub limit: u32,
}

impl PageRequest {
    pub fn first(limit: u32) -> Self {
        Self {
            cursor: None,
            limit,
        }
    }
    pub fn after(cursor: Cursor, limit: u32) -> Self {
        Self {
            cursor: Some(cursor),
            limit,
        }
    }
}

/// An opaque position in a listing, safe to hand to a client and back.
/// Adapters encode their own position in it (e.g. DynamoDB's LastEvaluatedKey).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cursor(pub String);

/// One page of results; `next` is `None` on the last page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}
