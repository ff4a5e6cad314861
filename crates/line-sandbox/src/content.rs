//! Message content: the bytes of the images, videos, audio and files friends send,
//! served as LINE's data host serves them (`GET /v2/bot/message/{messageId}/content`,
//! the sandbox answering on its one address for both hosts).
//!
//! LINE's rules kept here:
//! - only the channel that received the message may download it (another channel's
//!   token gets 404, as for an unknown id);
//! - videos and audio answer 202 with no body while LINE is still transcoding them
//!   (the sandbox takes `content_transcoding_ms`, 0 by default);
//! - content is deleted after a while: stores report two weeks for images and videos
//!   and one week for other files (`content_media_ttl_ms`, `content_file_ttl_ms`),
//!   after which the endpoint answers 404 — on the sandbox's clock, so a test can
//!   jump past it.

use crate::api_error::ApiError;
use crate::app::Shared;
use crate::endpoint::Endpoint;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// The kinds of message that carry content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    Image,
    Video,
    Audio,
    File,
}

impl ContentKind {
    /// The webhook message `type`.
    pub fn message_type(self) -> &'static str {
        match self {
            ContentKind::Image => "image",
            ContentKind::Video => "video",
            ContentKind::Audio => "audio",
            ContentKind::File => "file",
        }
    }

    /// What the sandbox serves when the simulator gave no bytes.
    pub(crate) fn default_content_type(self) -> &'static str {
        match self {
            ContentKind::Image => "image/png",
            ContentKind::Video => "video/mp4",
            ContentKind::Audio => "audio/x-m4a",
            ContentKind::File => "application/octet-stream",
        }
    }
}

/// One message's content as the sandbox keeps it.
#[derive(Debug, Clone)]
pub(crate) struct StoredContent {
    pub channel: u32,
    pub kind: ContentKind,
    pub content_type: String,
    pub body: bytes::Bytes,
    pub sent_at_ms: i64,
}

/// Content by message id.
#[derive(Debug, Default)]
pub(crate) struct ContentShelf {
    by_message: HashMap<String, StoredContent>,
}

impl ContentShelf {
    pub fn keep(&mut self, message_id: String, content: StoredContent) {
        self.by_message.insert(message_id, content);
    }
}

pub(crate) fn routes() -> axum::Router<Arc<Shared>> {
    axum::Router::new().route(
        "/v2/bot/message/{message_id}/content",
        axum::routing::get(content),
    )
}

async fn content(
    State(shared): State<Arc<Shared>>,
    Path(message_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let channel = crate::api::admit(&shared, &headers, Endpoint::Content)?;
    let now_ms = shared.clock.now_epoch_ms();
    let settings = &shared.settings;
    let stored = shared
        .contents()
        .by_message
        .get(&message_id)
        .filter(|c| c.channel == channel)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    let ttl = match stored.kind {
        ContentKind::Image | ContentKind::Video => settings.content_media_ttl_ms,
        ContentKind::Audio | ContentKind::File => settings.content_file_ttl_ms,
    };
    if now_ms >= stored.sent_at_ms.saturating_add(ttl as i64) {
        // LINE has deleted it.
        shared.contents().by_message.remove(&message_id);
        return Err(ApiError::not_found());
    }
    let transcoding = matches!(stored.kind, ContentKind::Video | ContentKind::Audio)
        && now_ms < stored.sent_at_ms + settings.content_transcoding_ms as i64;
    if transcoding {
        return Ok(StatusCode::ACCEPTED.into_response());
    }
    Ok((
        [(http::header::CONTENT_TYPE, stored.content_type)],
        stored.body,
    )
        .into_response())
}

/// A small PNG, the same for the same `seed`: 16×16 pixels of one colour drawn from
/// the seed, stored uncompressed (zlib "stored" blocks), so no encoder is needed.
pub fn generated_png(seed: &str) -> Vec<u8> {
    const SIDE: u32 = 16;
    let hash = seed.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let [r, g, b, _] = hash.to_le_bytes();
    // Each row: filter byte 0 (none), then SIDE RGB pixels.
    let row: Vec<u8> = std::iter::once(0)
        .chain([r, g, b].repeat(SIDE as usize))
        .collect();
    let raw = row.repeat(SIDE as usize);
    let mut zlib = vec![0x78, 0x01];
    // One stored block holds up to 65,535 bytes; 784 fit in one.
    let len = raw.len() as u16;
    zlib.push(1); // final block, stored
    zlib.extend_from_slice(&len.to_le_bytes());
    zlib.extend_from_slice(&(!len).to_le_bytes());
    zlib.extend_from_slice(&raw);
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, no interlace
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A PNG of exactly `width` × `height` pixels for a rich menu: one pale colour,
/// two-colour palette at one bit a pixel, stored uncompressed in as many deflate
/// blocks as needed. 2500 × 1686 comes to about 530 KB, within LINE's 1 MB.
pub fn generated_rich_menu_png(width: u32, height: u32) -> Vec<u8> {
    let row_bytes = 1 + width.div_ceil(8) as usize;
    let raw = vec![0u8; row_bytes * height as usize];
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[1, 3, 0, 0, 0]); // 1-bit palette, no interlace
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"PLTE", &[0xE6, 0xF7, 0xEC, 0x06, 0xC7, 0x55]);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    png.extend_from_slice(&crc32(&crc_input).to_be_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_is_the_png_one() {
        // The CRC of an empty IEND chunk, as every PNG ends with it.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn a_generated_rich_menu_png_has_the_size_asked_for_within_1_mb() {
        let png = generated_rich_menu_png(2500, 1686);
        assert!(png.len() < 1024 * 1024, "{}", png.len());
        assert_eq!(
            otodoke_line::client::richmenu::rules::image_dimensions(&png),
            Some((2500, 1686))
        );
        let png = generated_rich_menu_png(801, 250);
        assert_eq!(&png[16..24], &[0, 0, 3, 33, 0, 0, 0, 250]);
    }

    #[test]
    fn a_generated_png_is_deterministic_and_differs_per_seed() {
        let a = generated_png("1");
        assert_eq!(a, generated_png("1"));
        assert_ne!(a, generated_png("2"));
        assert!(a.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(a.len() < 1_000);
    }
}
