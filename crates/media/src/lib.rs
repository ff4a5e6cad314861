//! Media kept past LINE's limits.
//!
//! LINE deletes the content of the images, videos, audio and files customers send
//! after a week or two. For each such message the responder enqueues a [`MediaJob`]
//! ([`job_for`], [`job_message`]) on the media queue; the media function runs
//! [`Keeper::keep`], which downloads the content from LINE's data host, stores it
//! with a [`MediaStore`](otodoke_core::ports::MediaStore) (S3, or a folder locally),
//! and attaches the reference to the conversation entry. All of this is off the
//! webhook's hot path, and retried by the queue:
//!
//! | LINE answers | outcome | the queue message |
//! |---|---|---|
//! | 200 | [`Outcome::Kept`] | acked |
//! | 202 (transcoding) | [`Outcome::NotReady`] | retried after the visibility timeout |
//! | 404 (expired, unknown) | [`Outcome::Lost`] | acked, logged as lost |
//! | 5xx, timeout, storage down | [`KeepError`] | retried; the DLQ after 5 receives |
//!
//! [`preview_jpeg`] makes the small JPEG that LINE's image messages need as
//! `previewImageUrl` (and the console shows in lists).

mod job;
mod keeper;
mod line;
mod preview;

pub use job::{job_for, job_message, ContentKind, InvalidJob, MediaJob};
pub use keeper::{ContentSource, FetchError, Fetched, KeepError, Keeper, Outcome};
pub use line::LineContent;
pub use preview::{dimensions, preview_jpeg, PreviewError, PREVIEW_MAX_SIDE};
