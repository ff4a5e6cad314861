//! LINE's limits on message objects, checked before any request is made, so a bad
//! message fails fast with a typed error instead of a 400 from LINE.
//!
//! Lengths are counted in **UTF-16 code units**, not Unicode scalar values. LINE's
//! documentation says "characters" without defining them, and its emoji indexes are
//! UTF-16 offsets. UTF-16 never counts fewer units than there are characters, so this
//! choice may reject a text of many astral-plane characters (e.g. 😀 counts 2) that
//! LINE would accept, but never lets through one that LINE would reject.

use super::{Message, MessageContent, Sender};

/// Longest content URL (image, preview, video), in characters.
pub const MAX_CONTENT_URL: usize = 2_000;

/// Most message objects in one request.
pub const MAX_MESSAGES: usize = 5;
/// Longest text message, in UTF-16 code units.
pub const MAX_TEXT: usize = 5_000;
/// Longest sender name, in UTF-16 code units.
pub const MAX_SENDER_NAME: usize = 20;
/// Longest `altText` of a template or flex message, in UTF-16 code units.
pub const MAX_ALT_TEXT: usize = 400;
/// Most quick-reply items on one message.
pub const MAX_QUICK_REPLY_ITEMS: usize = 13;
/// Most recipients of one multicast.
pub const MAX_MULTICAST_RECIPIENTS: usize = 500;
/// The most user ids one `GET /v2/bot/followers/ids` page may be asked for.
pub const MAX_FOLLOWERS_LIMIT: u32 = 1_000;

/// A request LINE would refuse, found before sending it. `index` is the position of
/// the offending message in the request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("a request needs 1 to {MAX_MESSAGES} messages, got {count}")]
    MessageCount { count: usize },
    #[error("message {index}: text is empty")]
    EmptyText { index: usize },
    #[error("message {index}: text is {length} UTF-16 units long, the limit is {MAX_TEXT}")]
    TextTooLong { index: usize, length: usize },
    #[error("message {index}: altText is {length} UTF-16 units long, the limit is {MAX_ALT_TEXT}")]
    AltTextTooLong { index: usize, length: usize },
    #[error("message {index}: {count} quick-reply items, the limit is {MAX_QUICK_REPLY_ITEMS}")]
    TooManyQuickReplyItems { index: usize, count: usize },
    #[error("message {index}: sender name is {length} UTF-16 units long, the limit is {MAX_SENDER_NAME}")]
    SenderNameTooLong { index: usize, length: usize },
    #[error("message {index}: sender name must not contain \"LINE\"")]
    SenderNameContainsLine { index: usize },
    #[error("message {index}: sender iconUrl must be an https URL")]
    SenderIconNotHttps { index: usize },
    #[error(
        "message {index}: {field} must be an https URL of at most {MAX_CONTENT_URL} characters"
    )]
    ContentUrl { index: usize, field: &'static str },
    #[error("a multicast needs 1 to {MAX_MULTICAST_RECIPIENTS} recipients, got {count}")]
    RecipientCount { count: usize },
    #[error("loading seconds must be 5 to 60 in steps of 5, got {seconds}")]
    LoadingSeconds { seconds: u32 },
    #[error("a followers page holds 1 to {MAX_FOLLOWERS_LIMIT} user ids, asked for {limit}")]
    FollowersLimit { limit: u32 },
    #[error("an insight date is yyyyMMdd (JST), got {value:?}")]
    InsightDate { value: String },
    #[error(transparent)]
    AggregationUnit(#[from] crate::client::insight::InvalidUnit),
    /// A rich menu (or its image, alias, bulk or batch request) breaks one of
    /// LINE's rules; see [`crate::client::richmenu::rules`].
    #[error("rich menu: {0}")]
    RichMenu(#[from] crate::client::richmenu::rules::RichMenuRule),
}

/// Length of `text` as LINE counts it here: UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Checks a request's messages: 1 to 5 of them, each within LINE's limits.
pub fn validate_messages(messages: &[Message]) -> Result<(), ValidationError> {
    if messages.is_empty() || messages.len() > MAX_MESSAGES {
        return Err(ValidationError::MessageCount {
            count: messages.len(),
        });
    }
    messages
        .iter()
        .enumerate()
        .try_for_each(|(index, m)| message(m, index))
}

pub(crate) fn multicast_recipients(count: usize) -> Result<(), ValidationError> {
    if count == 0 || count > MAX_MULTICAST_RECIPIENTS {
        return Err(ValidationError::RecipientCount { count });
    }
    Ok(())
}

pub(crate) fn loading_seconds(seconds: u32) -> Result<(), ValidationError> {
    if !(5..=60).step_by(5).any(|allowed| allowed == seconds) {
        return Err(ValidationError::LoadingSeconds { seconds });
    }
    Ok(())
}

pub(crate) fn followers_limit(limit: u32) -> Result<(), ValidationError> {
    if !(1..=MAX_FOLLOWERS_LIMIT).contains(&limit) {
        return Err(ValidationError::FollowersLimit { limit });
    }
    Ok(())
}

pub(super) fn message(message: &Message, index: usize) -> Result<(), ValidationError> {
    match &message.content {
        MessageContent::Text(t) => text(&t.text, index)?,
        MessageContent::TextV2(t) => text(&t.text, index)?,
        MessageContent::Template(t) => alt_text(&t.alt_text, index)?,
        MessageContent::Flex(f) => alt_text(&f.alt_text, index)?,
        MessageContent::Image(i) => {
            content_url(&i.original_content_url, "originalContentUrl", index)?;
            content_url(&i.preview_image_url, "previewImageUrl", index)?;
        }
        _ => {}
    }
    if let Some(quick_reply) = &message.quick_reply {
        let count = quick_reply.items.len();
        if count > MAX_QUICK_REPLY_ITEMS {
            return Err(ValidationError::TooManyQuickReplyItems { index, count });
        }
    }
    if let Some(sender) = &message.sender {
        self::sender(sender, index)?;
    }
    Ok(())
}

fn text(text: &str, index: usize) -> Result<(), ValidationError> {
    if text.is_empty() {
        return Err(ValidationError::EmptyText { index });
    }
    // Cheap exit: UTF-16 units never exceed UTF-8 bytes.
    if text.len() <= MAX_TEXT {
        return Ok(());
    }
    let length = utf16_len(text);
    if length > MAX_TEXT {
        return Err(ValidationError::TextTooLong { index, length });
    }
    Ok(())
}

fn alt_text(alt_text: &str, index: usize) -> Result<(), ValidationError> {
    let length = utf16_len(alt_text);
    if length > MAX_ALT_TEXT {
        return Err(ValidationError::AltTextTooLong { index, length });
    }
    Ok(())
}

fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// Whether `url` is plain HTTP to this machine (`127.0.0.1`, `localhost`, `[::1]`):
/// how the local stack serves its media to the LINE sandbox, which has no TLS. A
/// deployed stack never makes one (its media URLs are S3's HTTPS), and LINE itself
/// would refuse it.
pub fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))
        .map(|_| &url[7..])
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

/// LINE fetches content itself, over HTTPS only (loopback HTTP is let through for
/// the local stack's sandbox, [`is_loopback_http`]).
fn content_url(url: &str, field: &'static str, index: usize) -> Result<(), ValidationError> {
    let fetchable = is_https(url) || is_loopback_http(url);
    if !fetchable || url.chars().count() > MAX_CONTENT_URL {
        return Err(ValidationError::ContentUrl { index, field });
    }
    Ok(())
}

fn sender(sender: &Sender, index: usize) -> Result<(), ValidationError> {
    if let Some(name) = &sender.name {
        let length = utf16_len(name);
        if length > MAX_SENDER_NAME {
            return Err(ValidationError::SenderNameTooLong { index, length });
        }
        // Matched as written ("LINE"), not case-insensitively: a case-insensitive
        // match would refuse staff called Caroline or Madeline, and LINE's rule is
        // stated for the brand name.
        if name.contains("LINE") {
            return Err(ValidationError::SenderNameContainsLine { index });
        }
    }
    if let Some(icon_url) = &sender.icon_url {
        if !is_https(icon_url) {
            return Err(ValidationError::SenderIconNotHttps { index });
        }
    }
    Ok(())
}

#[cfg(test)]
mod loopback_tests {
    use super::is_loopback_http;

    #[test]
    fn only_plain_http_to_this_machine_counts_as_loopback() {
        for url in [
            "http://127.0.0.1:8080/media/a.jpg",
            "http://localhost/media/a.jpg",
            "HTTP://localhost:3000",
            "http://[::1]:9000/x",
        ] {
            assert!(is_loopback_http(url), "{url}");
        }
        for url in [
            "http://example.com/a.jpg",
            "http://127.0.0.1.example.com/a.jpg",
            "http://localhost.evil.test/a",
            "https://localhost/a",
            "ftp://localhost/a",
            "http://",
        ] {
            assert!(!is_loopback_http(url), "{url}");
        }
    }
}
