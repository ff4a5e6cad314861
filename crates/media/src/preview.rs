//! Preview images: what LINE shows before the original loads (`previewImageUrl`,
//! at most 1 MB) and what the console lists.

use image::imageops::FilterType;
use otodoke_core::media::MAX_PREVIEW_BYTES;

/// Previews fit in a square of this side. LINE's chat bubbles show images at about
/// this size; a 240 px JPEG is a few tens of KB, far under LINE's 1 MB.
pub const PREVIEW_MAX_SIDE: u32 = 240;

/// Why no preview could be made.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error("the image cannot be decoded: {0}")]
    Decode(#[source] image::ImageError),
    #[error("the preview cannot be encoded: {0}")]
    Encode(#[source] image::ImageError),
    #[error("the preview is {0} bytes, over LINE's 1 MB")]
    TooLarge(usize),
}

/// A JPEG of `original` (JPEG or PNG) fitting in [`PREVIEW_MAX_SIDE`] px, never
/// enlarged, transparency flattened onto white.
pub fn preview_jpeg(original: &[u8]) -> Result<Vec<u8>, PreviewError> {
    let decoded = image::load_from_memory(original).map_err(PreviewError::Decode)?;
    let small = if decoded.width() > PREVIEW_MAX_SIDE || decoded.height() > PREVIEW_MAX_SIDE {
        decoded.resize(PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE, FilterType::Triangle)
    } else {
        decoded
    };
    // JPEG has no alpha: blend onto white rather than let transparent pixels go black.
    let rgba = small.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = u16::from(p[3]);
        let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        rgb.put_pixel(x, y, image::Rgb([blend(p[0]), blend(p[1]), blend(p[2])]));
    }
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80);
    rgb.write_with_encoder(encoder)
        .map_err(PreviewError::Encode)?;
    if out.len() > MAX_PREVIEW_BYTES {
        return Err(PreviewError::TooLarge(out.len()));
    }
    Ok(out)
}

/// The pixel size of a JPEG or PNG, read from its header (`None`: not one).
pub fn dimensions(image: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::new(std::io::Cursor::new(image))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(width, height, image::Rgba([10, 200, 30, 128]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_large_image_is_shrunk_to_fit_240_px_keeping_its_shape() {
        let preview = preview_jpeg(&png(1200, 600)).unwrap();
        let img = image::load_from_memory(&preview).unwrap();
        assert_eq!((img.width(), img.height()), (240, 120));
        assert!(preview.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
    }

    #[test]
    fn a_small_image_is_not_enlarged_and_garbage_is_refused() {
        let img = image::load_from_memory(&preview_jpeg(&png(16, 16)).unwrap()).unwrap();
        assert_eq!((img.width(), img.height()), (16, 16));
        assert!(matches!(
            preview_jpeg(b"\x89PNG\r\n\x1a\nbroken"),
            Err(PreviewError::Decode(_))
        ));
    }

    #[test]
    fn the_sandbox_generated_png_decodes() {
        let png = otodoke_line_sandbox::generated_png("123");
        assert!(preview_jpeg(&png).is_ok());
    }
}
