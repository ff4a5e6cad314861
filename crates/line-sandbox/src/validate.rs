//! Request-body validation the way LINE does it, on raw `serde_json::Value`s: the
//! sandbox deliberately shares no types with our own client, so a client bug cannot
//! be mirrored by the sandbox and go unnoticed.
//!
//! Each function returns every problem it finds as an [`ErrorDetail`] (property path
//! plus LINE-worded message); an empty list means the body is acceptable.

use crate::api_error::ErrorDetail;
use serde_json::Value;

/// The message types LINE accepts.
pub const MESSAGE_TYPES: [&str; 10] = [
    "text", "textV2", "sticker", "image", "video", "audio", "location", "imagemap", "template",
    "flex",
];

const MAX_MESSAGES: usize = 5;
const MAX_TEXT: usize = 5_000;
const MAX_SENDER_NAME: usize = 20;
const MAX_URL: usize = 2_000;
const MAX_QUICK_REPLY_ITEMS: usize = 13;
/// Most recipients of one multicast.
pub const MAX_MULTICAST: usize = 500;

/// Whether `id` is a user id: `U` followed by 32 lowercase hex digits.
pub fn is_user_id(id: &str) -> bool {
    has_prefix_and_hex(id, b'U')
}

/// Whether `id` is a user, group (`C`) or room (`R`) id.
pub fn is_chat_id(id: &str) -> bool {
    [b'U', b'C', b'R']
        .into_iter()
        .any(|p| has_prefix_and_hex(id, p))
}

fn has_prefix_and_hex(id: &str, prefix: u8) -> bool {
    let b = id.as_bytes();
    b.len() == 33
        && b[0] == prefix
        && b[1..]
            .iter()
            .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

fn required(property: &str) -> ErrorDetail {
    ErrorDetail::new(property, "must be specified")
}

fn length_between(property: &str, min: usize, max: usize) -> ErrorDetail {
    ErrorDetail::new(property, format!("Length must be between {min} and {max}"))
}

/// Checks a required string field of `obj` for length `min..=max` (in characters).
fn check_string(
    obj: &Value,
    field: &str,
    base: &str,
    min: usize,
    max: usize,
    out: &mut Vec<ErrorDetail>,
) {
    let property = format!("{base}.{field}");
    match obj.get(field) {
        None | Some(Value::Null) => out.push(required(&property)),
        Some(Value::String(s)) => {
            let n = s.chars().count();
            if n < min || n > max {
                out.push(length_between(&property, min, max));
            }
        }
        Some(_) => out.push(ErrorDetail::new(property, "must be a string")),
    }
}

fn check_https_url(
    obj: &Value,
    field: &str,
    base: &str,
    required_field: bool,
    out: &mut Vec<ErrorDetail>,
) {
    check_url(obj, field, base, required_field, false, out);
}

/// As [`check_https_url`], for content the sandbox fetches (images, video, audio).
fn check_content_url(
    obj: &Value,
    field: &str,
    base: &str,
    required_field: bool,
    out: &mut Vec<ErrorDetail>,
) {
    check_url(obj, field, base, required_field, true, out);
}

fn check_url(
    obj: &Value,
    field: &str,
    base: &str,
    required_field: bool,
    content: bool,
    out: &mut Vec<ErrorDetail>,
) {
    let property = format!("{base}.{field}");
    match obj.get(field) {
        None | Some(Value::Null) if !required_field => {}
        None | Some(Value::Null) => out.push(required(&property)),
        Some(Value::String(s)) if fetchable(s, content) && s.len() <= MAX_URL => {}
        Some(_) => out.push(ErrorDetail::new(
            property,
            "invalid uri. must be https and at most 2000 characters",
        )),
    }
}

/// LINE takes HTTPS only. Content the sandbox would fetch may also be plain HTTP on
/// this machine: the local stack serves its media there, with no TLS, and nothing
/// but the sandbox (itself on loopback) could ever fetch it.
fn fetchable(url: &str, content: bool) -> bool {
    url.starts_with("https://") || (content && otodoke_line::messages::is_loopback_http(url))
}

fn check_number(obj: &Value, field: &str, base: &str, out: &mut Vec<ErrorDetail>) {
    let property = format!("{base}.{field}");
    match obj.get(field) {
        Some(Value::Number(_)) => {}
        None | Some(Value::Null) => out.push(required(&property)),
        Some(_) => out.push(ErrorDetail::new(property, "must be a number")),
    }
}

fn check_object(obj: &Value, field: &str, base: &str, out: &mut Vec<ErrorDetail>) {
    let property = format!("{base}.{field}");
    match obj.get(field) {
        Some(Value::Object(_)) => {}
        None | Some(Value::Null) => out.push(required(&property)),
        Some(_) => out.push(ErrorDetail::new(property, "must be an object")),
    }
}

/// Validates `body.messages`: 1 to 5 message objects of known types with valid fields.
pub fn messages(body: &Value) -> Vec<ErrorDetail> {
    let mut out = Vec::new();
    let list = match body.get("messages") {
        Some(Value::Array(list)) => list,
        None | Some(Value::Null) => return vec![required("messages")],
        Some(_) => return vec![ErrorDetail::new("messages", "must be an array")],
    };
    if list.is_empty() || list.len() > MAX_MESSAGES {
        out.push(ErrorDetail::new(
            "messages",
            format!("Size must be between 1 and {MAX_MESSAGES}"),
        ));
        return out;
    }
    for (i, message) in list.iter().enumerate() {
        one_message(message, &format!("messages[{i}]"), &mut out);
    }
    out
}

fn one_message(m: &Value, base: &str, out: &mut Vec<ErrorDetail>) {
    if !m.is_object() {
        out.push(ErrorDetail::new(base, "must be an object"));
        return;
    }
    let type_property = format!("{base}.type");
    let kind = match m.get("type") {
        Some(Value::String(kind)) if MESSAGE_TYPES.contains(&kind.as_str()) => kind.as_str(),
        None | Some(Value::Null) => {
            out.push(required(&type_property));
            return;
        }
        Some(_) => {
            out.push(ErrorDetail::new(
                type_property,
                format!(
                    "must be one of the following values: [{}]",
                    MESSAGE_TYPES.join(", ")
                ),
            ));
            return;
        }
    };
    match kind {
        "text" | "textV2" => check_string(m, "text", base, 1, MAX_TEXT, out),
        "sticker" => {
            check_string(m, "packageId", base, 1, 100, out);
            check_string(m, "stickerId", base, 1, 100, out);
        }
        "image" | "video" => {
            check_content_url(m, "originalContentUrl", base, true, out);
            check_content_url(m, "previewImageUrl", base, true, out);
        }
        "audio" => {
            check_content_url(m, "originalContentUrl", base, true, out);
            check_number(m, "duration", base, out);
        }
        "location" => {
            check_string(m, "title", base, 1, 100, out);
            check_string(m, "address", base, 1, 100, out);
            check_number(m, "latitude", base, out);
            check_number(m, "longitude", base, out);
        }
        "imagemap" => {
            check_https_url(m, "baseUrl", base, true, out);
            check_string(m, "altText", base, 1, 1_500, out);
            check_object(m, "baseSize", base, out);
        }
        "template" => {
            check_string(m, "altText", base, 1, 400, out);
            check_object(m, "template", base, out);
        }
        "flex" => {
            check_string(m, "altText", base, 1, 1_500, out);
            check_object(m, "contents", base, out);
        }
        _ => {}
    }
    if let Some(sender) = m.get("sender").filter(|s| !s.is_null()) {
        check_sender(sender, &format!("{base}.sender"), out);
    }
    if let Some(quick) = m.get("quickReply").filter(|q| !q.is_null()) {
        let property = format!("{base}.quickReply.items");
        match quick.get("items") {
            Some(Value::Array(items)) if (1..=MAX_QUICK_REPLY_ITEMS).contains(&items.len()) => {}
            Some(Value::Array(_)) => out.push(ErrorDetail::new(
                property,
                format!("Size must be between 1 and {MAX_QUICK_REPLY_ITEMS}"),
            )),
            _ => out.push(required(&property)),
        }
    }
}

fn check_sender(sender: &Value, base: &str, out: &mut Vec<ErrorDetail>) {
    if !sender.is_object() {
        out.push(ErrorDetail::new(base, "must be an object"));
        return;
    }
    if let Some(name) = sender.get("name").filter(|n| !n.is_null()) {
        let property = format!("{base}.name");
        match name.as_str() {
            Some(n) if n.chars().count() > MAX_SENDER_NAME || n.is_empty() => {
                out.push(length_between(&property, 1, MAX_SENDER_NAME))
            }
            // LINE refuses names that could pass for LINE itself, in any case.
            Some(n) if n.to_ascii_uppercase().contains("LINE") => out.push(ErrorDetail::new(
                property,
                "The name must not include 'LINE' or similar strings",
            )),
            Some(_) => {}
            None => out.push(ErrorDetail::new(property, "must be a string")),
        }
    }
    check_https_url(sender, "iconUrl", base, false, out);
}

/// Validates `body.to` of a push: one user, group or room id.
pub fn push_to(body: &Value) -> Vec<ErrorDetail> {
    match body.get("to") {
        Some(Value::String(to)) if is_chat_id(to) => Vec::new(),
        None | Some(Value::Null) => vec![required("to")],
        Some(_) => vec![ErrorDetail::new(
            "to",
            "The value is not a valid user, group or room id",
        )],
    }
}

/// Validates `body.to` of a multicast: 1 to 500 user ids.
pub fn multicast_to(body: &Value) -> Vec<ErrorDetail> {
    let list = match body.get("to") {
        Some(Value::Array(list)) => list,
        None | Some(Value::Null) => return vec![required("to")],
        Some(_) => return vec![ErrorDetail::new("to", "must be an array")],
    };
    if list.is_empty() || list.len() > MAX_MULTICAST {
        return vec![ErrorDetail::new(
            "to",
            format!("Size must be between 1 and {MAX_MULTICAST}"),
        )];
    }
    list.iter()
        .enumerate()
        .filter(|(_, id)| !id.as_str().is_some_and(is_user_id))
        .map(|(i, _)| ErrorDetail::new(format!("to[{i}]"), "The value is not a valid user id"))
        .collect()
}

/// Validates a reply's `replyToken` presence (its validity is checked against state).
pub fn reply_token(body: &Value) -> Vec<ErrorDetail> {
    match body.get("replyToken") {
        Some(Value::String(t)) if !t.is_empty() => Vec::new(),
        _ => vec![required("replyToken")],
    }
}

/// Validates the optional narrowcast fields: `recipient`, `filter`, `limit` must be objects.
pub fn narrowcast_options(body: &Value) -> Vec<ErrorDetail> {
    ["recipient", "filter", "limit"]
        .into_iter()
        .filter(|f| body.get(*f).is_some_and(|v| !v.is_null() && !v.is_object()))
        .map(|f| ErrorDetail::new(f, "must be an object"))
        .collect()
}

/// Validates `notificationDisabled`, accepted on every send: a boolean if present.
pub fn notification_disabled(body: &Value) -> Vec<ErrorDetail> {
    match body.get("notificationDisabled") {
        None | Some(Value::Null) | Some(Value::Bool(_)) => Vec::new(),
        Some(_) => vec![ErrorDetail::new(
            "notificationDisabled",
            "must be a boolean",
        )],
    }
}

/// Validates a loading-animation body: a user `chatId` and `loadingSeconds` in
/// 5..=60, a multiple of 5 (optional, LINE's default is 20).
pub fn loading(body: &Value) -> Vec<ErrorDetail> {
    let mut out = Vec::new();
    match body.get("chatId") {
        Some(Value::String(id)) if is_user_id(id) => {}
        None | Some(Value::Null) => out.push(required("chatId")),
        Some(_) => out.push(ErrorDetail::new(
            "chatId",
            "The value is not a valid user id",
        )),
    }
    match body.get("loadingSeconds") {
        None | Some(Value::Null) => {}
        Some(v) => match v.as_u64() {
            Some(s) if (5..=60).contains(&s) && s % 5 == 0 => {}
            _ => out.push(ErrorDetail::new(
                "loadingSeconds",
                "must be a multiple of 5 between 5 and 60",
            )),
        },
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn user_ids_are_u_and_32_lowercase_hex() {
        assert!(is_user_id("U4af4980629b6e1f2a4b7f8a2d3e6c5b1"));
        assert!(!is_user_id("U4AF4980629B6E1F2A4B7F8A2D3E6C5B1"));
        assert!(!is_user_id("C4af4980629b6e1f2a4b7f8a2d3e6c5b1"));
        assert!(!is_user_id("U4af49"));
        assert!(is_chat_id("R4af4980629b6e1f2a4b7f8a2d3e6c5b1"));
    }

    #[test]
    fn text_of_5000_characters_passes_and_5001_fails() {
        let ok = json!({"messages":[{"type":"text","text":"あ".repeat(5000)}]});
        assert!(messages(&ok).is_empty());
        let long = json!({"messages":[{"type":"text","text":"a".repeat(5001)}]});
        assert_eq!(messages(&long)[0].property, "messages[0].text");
    }

    #[test]
    fn sender_names_containing_line_in_any_case_are_refused() {
        let body =
            json!({"messages":[{"type":"text","text":"hi","sender":{"name":"Online shop"}}]});
        assert_eq!(messages(&body)[0].property, "messages[0].sender.name");
    }

    #[test]
    fn loading_seconds_must_be_a_multiple_of_five_within_range() {
        let id = "U4af4980629b6e1f2a4b7f8a2d3e6c5b1";
        assert!(loading(&json!({"chatId": id, "loadingSeconds": 60})).is_empty());
        assert!(!loading(&json!({"chatId": id, "loadingSeconds": 7})).is_empty());
        assert!(!loading(&json!({"chatId": id, "loadingSeconds": 65})).is_empty());
        assert!(!loading(&json!({"chatId": id, "loadingSeconds": 0})).is_empty());
    }
}
