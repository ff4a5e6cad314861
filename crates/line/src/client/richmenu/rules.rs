//! LINE's rules for rich menus, in one place: the client checks a request before
//! sending it (a typed [`RichMenuRule`] instead of a 400 from LINE, and no call spent
//! from the 100-an-hour create budget), and the sandbox applies the same figures to
//! the raw JSON it receives.
//!
//! The checks take plain numbers and strings, not the client's types, so the sandbox
//! can call them on what it parsed itself (it shares no wire types with the client,
//! and a bug in the client's serialisation still shows up against it).
//!
//! Figures from LINE's Messaging API reference (rich menu object, size object, area
//! object, upload image, bulk link, alias) and `messaging-api.yml` of
//! line/line-openapi. Lengths are counted in UTF-16 code units, as elsewhere in this
//! crate (never fewer than LINE's "characters").

use crate::messages::utf16_len;

/// Most tappable areas on one menu.
pub const MAX_AREAS: usize = 20;
/// Longest menu `name` (shown to staff only).
pub const MAX_NAME: usize = 300;
/// Longest `chatBarText`, the label of the bar that opens the menu.
pub const MAX_CHAT_BAR_TEXT: usize = 14;
/// Narrowest and widest menu, in pixels.
pub const MIN_WIDTH: u64 = 800;
pub const MAX_WIDTH: u64 = 2_500;
/// Lowest menu, in pixels.
pub const MIN_HEIGHT: u64 = 250;
/// The smallest width ÷ height, as a fraction (1.45 = 145/100), compared in integers.
pub const MIN_ASPECT_RATIO: (u64, u64) = (145, 100);
/// Largest image, in bytes (LINE's "1 MB").
pub const MAX_IMAGE_BYTES: usize = 1024 * 1024;
/// Most menus one channel may hold (created through the Messaging API).
pub const MAX_RICH_MENUS: usize = 1_000;
/// Most user ids in one bulk link or unlink.
pub const MAX_BULK_USERS: usize = 500;
/// Longest alias id.
pub const MAX_ALIAS_ID: usize = 32;
/// Most operations in one batch request.
pub const MAX_BATCH_OPERATIONS: usize = 1_000;
/// Longest `resumeRequestKey` of a batch request.
pub const MAX_RESUME_REQUEST_KEY: usize = 100;

/// A rich-menu request LINE would refuse, found before sending it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RichMenuRule {
    #[error(
        "size {width}x{height}: the width must be {MIN_WIDTH} to {MAX_WIDTH} px and the height at least {MIN_HEIGHT} px"
    )]
    Size { width: u64, height: u64 },
    #[error("size {width}x{height}: width / height must be at least 1.45")]
    AspectRatio { width: u64, height: u64 },
    #[error("name is {length} UTF-16 units long, the limit is {MAX_NAME}")]
    NameLength { length: usize },
    #[error("chatBarText is {length} UTF-16 units long, the limit is {MAX_CHAT_BAR_TEXT}")]
    ChatBarTextLength { length: usize },
    #[error("{count} areas, the limit is {MAX_AREAS}")]
    AreaCount { count: usize },
    #[error("area {index}: its bounds must be at least 1x1 and lie within the menu")]
    AreaBounds { index: usize },
    #[error("alias id {alias_id:?} must be 1 to {MAX_ALIAS_ID} of a-z, A-Z, 0-9, _ and -")]
    AliasId { alias_id: String },
    #[error("a bulk request takes 1 to {MAX_BULK_USERS} user ids, got {count}")]
    BulkUserCount { count: usize },
    #[error("a batch request takes 1 to {MAX_BATCH_OPERATIONS} operations, got {count}")]
    BatchOperationCount { count: usize },
    #[error("resumeRequestKey must be 1 to {MAX_RESUME_REQUEST_KEY} of a-z, A-Z, 0-9, _ and -")]
    ResumeRequestKey,
    #[error("the image is neither a JPEG nor a PNG")]
    ImageFormat,
    #[error("the image is {bytes} bytes, the limit is {MAX_IMAGE_BYTES}")]
    ImageTooLarge { bytes: usize },
    #[error("the image is {actual_width}x{actual_height} px, the menu {width}x{height}")]
    ImageDimensions {
        width: u64,
        height: u64,
        actual_width: u64,
        actual_height: u64,
    },
}

/// The two image formats LINE takes for a rich menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RichMenuImageType {
    Jpeg,
    Png,
}

impl RichMenuImageType {
    /// The `Content-Type` to upload it with.
    pub fn content_type(self) -> &'static str {
        match self {
            RichMenuImageType::Jpeg => "image/jpeg",
            RichMenuImageType::Png => "image/png",
        }
    }

    /// The format the first bytes announce (the magic numbers), if either.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(RichMenuImageType::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(RichMenuImageType::Jpeg)
        } else {
            None
        }
    }
}

/// Checks a menu's `size`: width 800 to 2,500 px, height at least 250 px, and
/// width ÷ height at least 1.45.
pub fn check_size(width: u64, height: u64) -> Result<(), RichMenuRule> {
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) || height < MIN_HEIGHT {
        return Err(RichMenuRule::Size { width, height });
    }
    let (num, den) = MIN_ASPECT_RATIO;
    if width.saturating_mul(den) < height.saturating_mul(num) {
        return Err(RichMenuRule::AspectRatio { width, height });
    }
    Ok(())
}

/// Checks the staff-facing `name` (at most 300 units).
pub fn check_name(name: &str) -> Result<(), RichMenuRule> {
    let length = utf16_len(name);
    if length > MAX_NAME {
        return Err(RichMenuRule::NameLength { length });
    }
    Ok(())
}

/// Checks the `chatBarText` (at most 14 units).
pub fn check_chat_bar_text(text: &str) -> Result<(), RichMenuRule> {
    let length = utf16_len(text);
    if length > MAX_CHAT_BAR_TEXT {
        return Err(RichMenuRule::ChatBarTextLength { length });
    }
    Ok(())
}

/// Checks the number of areas (at most 20).
pub fn check_area_count(count: usize) -> Result<(), RichMenuRule> {
    if count > MAX_AREAS {
        return Err(RichMenuRule::AreaCount { count });
    }
    Ok(())
}

/// Checks that area `index`'s bounds `(x, y, width, height)` are at least 1×1 and lie
/// within a menu of `menu` `(width, height)`.
pub fn check_area_bounds(
    index: usize,
    (x, y, width, height): (u64, u64, u64, u64),
    (menu_width, menu_height): (u64, u64),
) -> Result<(), RichMenuRule> {
    let inside = width >= 1
        && height >= 1
        && x.checked_add(width)
            .is_some_and(|right| right <= menu_width)
        && y.checked_add(height)
            .is_some_and(|bottom| bottom <= menu_height);
    if !inside {
        return Err(RichMenuRule::AreaBounds { index });
    }
    Ok(())
}

/// Whether `id` is 1 to `max` ASCII letters, digits, `_` or `-`.
fn is_token(id: &str, max: usize) -> bool {
    (1..=max).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Checks an alias id: 1 to 32 of `a-z A-Z 0-9 _ -`.
///
/// LINE's reference lists half-width letters and digits, `_` and `-`;
/// `messaging-api.yml` narrows the pattern to lower case (`^[a-z0-9_-]{1,32}$`).
/// Upper case is let through here (the wider reading): LINE remains the judge, and
/// a refusal then comes back as its 400.
pub fn check_alias_id(alias_id: &str) -> Result<(), RichMenuRule> {
    if !is_token(alias_id, MAX_ALIAS_ID) {
        return Err(RichMenuRule::AliasId {
            alias_id: alias_id.to_owned(),
        });
    }
    Ok(())
}

/// Checks the number of user ids of a bulk link or unlink (1 to 500).
pub fn check_bulk_user_count(count: usize) -> Result<(), RichMenuRule> {
    if count == 0 || count > MAX_BULK_USERS {
        return Err(RichMenuRule::BulkUserCount { count });
    }
    Ok(())
}

/// Checks a batch request's operation count (1 to 1,000) and `resumeRequestKey`.
pub fn check_batch(count: usize, resume_request_key: Option<&str>) -> Result<(), RichMenuRule> {
    if count == 0 || count > MAX_BATCH_OPERATIONS {
        return Err(RichMenuRule::BatchOperationCount { count });
    }
    if resume_request_key.is_some_and(|key| !is_token(key, MAX_RESUME_REQUEST_KEY)) {
        return Err(RichMenuRule::ResumeRequestKey);
    }
    Ok(())
}

/// Checks an image before upload: JPEG or PNG by its magic bytes, at most 1 MB, and,
/// when its header tells (`image_dimensions`), exactly the menu's `size`. Returns
/// the format found.
pub fn check_image(
    bytes: &[u8],
    size: Option<(u64, u64)>,
) -> Result<RichMenuImageType, RichMenuRule> {
    let kind = RichMenuImageType::sniff(bytes).ok_or(RichMenuRule::ImageFormat)?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(RichMenuRule::ImageTooLarge { bytes: bytes.len() });
    }
    if let (Some((width, height)), Some((actual_width, actual_height))) =
        (size, image_dimensions(bytes))
    {
        if (width, height) != (actual_width, actual_height) {
            return Err(RichMenuRule::ImageDimensions {
                width,
                height,
                actual_width,
                actual_height,
            });
        }
    }
    Ok(kind)
}

/// The width and height a PNG (its `IHDR`) or JPEG (its first `SOFn` frame header)
/// announces; `None` when the bytes are neither or the header is cut short.
/// Reads headers only: costs a scan over the JPEG's segment markers, never a decode.
pub fn image_dimensions(bytes: &[u8]) -> Option<(u64, u64)> {
    match RichMenuImageType::sniff(bytes)? {
        RichMenuImageType::Png => {
            // Signature (8), IHDR length (4) and type (4), then width and height.
            if bytes.get(12..16)? != b"IHDR" {
                return None;
            }
            let width = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
            let height = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
            Some((u64::from(width), u64::from(height)))
        }
        RichMenuImageType::Jpeg => jpeg_dimensions(bytes),
    }
}

fn jpeg_dimensions(bytes: &[u8]) -> Option<(u64, u64)> {
    let mut at = 2; // after SOI
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let height = u16::from_be_bytes([*bytes.get(at + 5)?, *bytes.get(at + 6)?]);
            let width = u16::from_be_bytes([*bytes.get(at + 7)?, *bytes.get(at + 8)?]);
            return Some((u64::from(width), u64::from(height)));
        }
        if marker == 0xDA || length < 2 {
            // Start of scan before any frame header, or a broken length.
            return None;
        }
        at += 2 + length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_lines_width_height_and_aspect_ratio_rules() {
        assert_eq!(check_size(2500, 1686), Ok(()));
        assert_eq!(check_size(2500, 843), Ok(()));
        assert_eq!(check_size(800, 250), Ok(()));
        assert_eq!(check_size(800, 551), Ok(()), "800 / 551 is 1.4519");
        assert_eq!(
            check_size(800, 552),
            Err(RichMenuRule::AspectRatio {
                width: 800,
                height: 552
            })
        );
        assert!(matches!(
            check_size(799, 250),
            Err(RichMenuRule::Size { .. })
        ));
        assert!(matches!(
            check_size(2501, 843),
            Err(RichMenuRule::Size { .. })
        ));
        assert!(matches!(
            check_size(2500, 249),
            Err(RichMenuRule::Size { .. })
        ));
        assert!(matches!(check_size(1450, 1000), Ok(())));
    }

    #[test]
    fn name_and_chat_bar_text_are_counted_in_utf16_units() {
        assert_eq!(check_name(&"a".repeat(300)), Ok(()));
        assert_eq!(
            check_name(&"a".repeat(301)),
            Err(RichMenuRule::NameLength { length: 301 })
        );
        assert_eq!(check_chat_bar_text("メニューを開く・タップしてね"), Ok(()));
        assert_eq!(
            check_chat_bar_text("メニューを開いてタップしてね！"),
            Err(RichMenuRule::ChatBarTextLength { length: 15 })
        );
    }

    #[test]
    fn a_menu_holds_at_most_twenty_areas() {
        assert_eq!(check_area_count(0), Ok(()));
        assert_eq!(check_area_count(20), Ok(()));
        assert_eq!(
            check_area_count(21),
            Err(RichMenuRule::AreaCount { count: 21 })
        );
    }

    #[test]
    fn areas_must_be_non_empty_and_inside_the_menu() {
        let menu = (2500, 843);
        assert_eq!(check_area_bounds(0, (0, 0, 2500, 843), menu), Ok(()));
        assert_eq!(check_area_bounds(1, (1250, 0, 1250, 843), menu), Ok(()));
        for (index, bounds) in [
            (0, 0, 2501, 843),
            (1, 0, 2500, 843),
            (0, 1, 100, 843),
            (0, 0, 0, 10),
            (0, 0, 10, 0),
            (u64::MAX, 0, 2, 2),
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(
                check_area_bounds(index, bounds, menu),
                Err(RichMenuRule::AreaBounds { index }),
                "{bounds:?}"
            );
        }
    }

    #[test]
    fn alias_ids_are_1_to_32_letters_digits_underscores_and_hyphens() {
        for ok in ["a", "tab-1_B", &"x".repeat(32)] {
            assert_eq!(check_alias_id(ok), Ok(()), "{ok}");
        }
        for bad in ["", &"x".repeat(33), "tab 1", "タブ", "a.b", "a/b"] {
            assert!(check_alias_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bulk_requests_take_1_to_500_users_and_batches_1_to_1000_operations() {
        assert!(check_bulk_user_count(0).is_err());
        assert_eq!(check_bulk_user_count(500), Ok(()));
        assert_eq!(
            check_bulk_user_count(501),
            Err(RichMenuRule::BulkUserCount { count: 501 })
        );
        assert_eq!(check_batch(1, None), Ok(()));
        assert_eq!(check_batch(1000, Some("key_1-A")), Ok(()));
        assert!(check_batch(0, None).is_err());
        assert!(check_batch(1001, None).is_err());
        assert_eq!(
            check_batch(1, Some("no spaces")),
            Err(RichMenuRule::ResumeRequestKey)
        );
        assert_eq!(
            check_batch(1, Some(&"k".repeat(101))),
            Err(RichMenuRule::ResumeRequestKey)
        );
    }

    /// The smallest JPEG header that names its size: SOI, an APP0 segment, SOF0.
    fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
        jpeg.extend_from_slice(&height.to_be_bytes());
        jpeg.extend_from_slice(&width.to_be_bytes());
        jpeg.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        jpeg.extend_from_slice(&[0xFF, 0xD9]);
        jpeg
    }

    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&width.to_be_bytes());
        png.extend_from_slice(&height.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        png
    }

    #[test]
    fn dimensions_are_read_from_png_and_jpeg_headers() {
        assert_eq!(
            image_dimensions(&png_header(2500, 1686)),
            Some((2500, 1686))
        );
        assert_eq!(image_dimensions(&jpeg_header(1200, 405)), Some((1200, 405)));
        assert_eq!(image_dimensions(b"GIF89a...."), None);
        assert_eq!(image_dimensions(&[0xFF, 0xD8, 0xFF]), None, "cut short");
    }

    #[test]
    fn images_must_be_jpeg_or_png_of_at_most_1_mb_and_the_menus_size() {
        let png = png_header(2500, 843);
        assert_eq!(
            check_image(&png, Some((2500, 843))),
            Ok(RichMenuImageType::Png)
        );
        assert_eq!(check_image(&png, None), Ok(RichMenuImageType::Png));
        assert_eq!(
            check_image(&png, Some((2500, 1686))),
            Err(RichMenuRule::ImageDimensions {
                width: 2500,
                height: 1686,
                actual_width: 2500,
                actual_height: 843
            })
        );
        assert_eq!(
            check_image(&jpeg_header(800, 250), Some((800, 250))),
            Ok(RichMenuImageType::Jpeg)
        );
        assert_eq!(check_image(b"GIF89a", None), Err(RichMenuRule::ImageFormat));
        let mut big = png.clone();
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(
            check_image(&big, None),
            Err(RichMenuRule::ImageTooLarge {
                bytes: MAX_IMAGE_BYTES + 1
            })
        );
    }
}
