//! Rich-menu request bodies checked the way LINE does, on raw JSON: every problem
//! becomes an [`ErrorDetail`] (property path, LINE-worded message).
//!
//! The figures and the primitive checks (size, lengths, bounds, alias ids) are
//! `otodoke_line`'s [`rules`], so the client's pre-flight and the sandbox cannot
//! disagree on a number; the parsing of the body stays the sandbox's own.

use super::book::BatchOp;
use crate::api_error::ErrorDetail;
use crate::validate::is_user_id;
use otodoke_line::client::richmenu::rules;
use serde_json::Value;

fn required(property: &str) -> ErrorDetail {
    ErrorDetail::new(property, "must be specified")
}

fn string<'a>(
    obj: &'a Value,
    field: &str,
    property: &str,
    out: &mut Vec<ErrorDetail>,
) -> Option<&'a str> {
    match obj.get(field) {
        Some(Value::String(s)) => Some(s),
        None | Some(Value::Null) => {
            out.push(required(property));
            None
        }
        Some(_) => {
            out.push(ErrorDetail::new(property, "must be a string"));
            None
        }
    }
}

fn number(obj: &Value, field: &str, property: &str, out: &mut Vec<ErrorDetail>) -> Option<u64> {
    match obj.get(field) {
        Some(v) if v.as_u64().is_some() => v.as_u64(),
        None | Some(Value::Null) => {
            out.push(required(property));
            None
        }
        Some(_) => {
            out.push(ErrorDetail::new(property, "must be a non-negative integer"));
            None
        }
    }
}

fn max_chars(s: &str, max: usize, property: &str, out: &mut Vec<ErrorDetail>) {
    if s.chars().count() > max {
        out.push(ErrorDetail::new(
            property,
            format!("Length must be between 0 and {max}"),
        ));
    }
}

/// A rich menu object (create and validate). `Ok` carries its `(width, height)`.
pub(crate) fn menu(body: &Value) -> Result<(u64, u64), Vec<ErrorDetail>> {
    let mut out = Vec::new();
    let size = match body.get("size") {
        Some(size @ Value::Object(_)) => {
            let width = number(size, "width", "size.width", &mut out);
            let height = number(size, "height", "size.height", &mut out);
            match (width, height) {
                (Some(w), Some(h)) => match rules::check_size(w, h) {
                    Ok(()) => Some((w, h)),
                    Err(e) => {
                        out.push(ErrorDetail::new("size", e.to_string()));
                        None
                    }
                },
                _ => None,
            }
        }
        None | Some(Value::Null) => {
            out.push(required("size"));
            None
        }
        Some(_) => {
            out.push(ErrorDetail::new("size", "must be an object"));
            None
        }
    };
    match body.get("selected") {
        Some(Value::Bool(_)) => {}
        None | Some(Value::Null) => out.push(required("selected")),
        Some(_) => out.push(ErrorDetail::new("selected", "must be a boolean")),
    }
    if let Some(name) = string(body, "name", "name", &mut out) {
        max_chars(name, rules::MAX_NAME, "name", &mut out);
    }
    if let Some(text) = string(body, "chatBarText", "chatBarText", &mut out) {
        max_chars(text, rules::MAX_CHAT_BAR_TEXT, "chatBarText", &mut out);
    }
    match body.get("areas") {
        Some(Value::Array(areas)) => {
            if rules::check_area_count(areas.len()).is_err() {
                out.push(ErrorDetail::new(
                    "areas",
                    format!("Size must be between 0 and {}", rules::MAX_AREAS),
                ));
            }
            for (i, area) in areas.iter().enumerate() {
                self::area(area, i, size, &mut out);
            }
        }
        None | Some(Value::Null) => out.push(required("areas")),
        Some(_) => out.push(ErrorDetail::new("areas", "must be an array")),
    }
    match size {
        Some(size) if out.is_empty() => Ok(size),
        _ => Err(out),
    }
}

fn area(area: &Value, index: usize, size: Option<(u64, u64)>, out: &mut Vec<ErrorDetail>) {
    let base = format!("areas[{index}]");
    let bounds_property = format!("{base}.bounds");
    match area.get("bounds") {
        Some(b @ Value::Object(_)) => {
            let p = |f: &str| format!("{bounds_property}.{f}");
            let values = (
                number(b, "x", &p("x"), out),
                number(b, "y", &p("y"), out),
                number(b, "width", &p("width"), out),
                number(b, "height", &p("height"), out),
            );
            if let ((Some(x), Some(y), Some(w), Some(h)), Some(size)) = (values, size) {
                if rules::check_area_bounds(index, (x, y, w, h), size).is_err() {
                    out.push(ErrorDetail::new(
                        bounds_property,
                        "must be at least 1x1 and within the rich menu",
                    ));
                }
            }
        }
        _ => out.push(required(&bounds_property)),
    }
    match area.get("action") {
        Some(a @ Value::Object(_)) => action(a, &format!("{base}.action"), out),
        _ => out.push(required(&format!("{base}.action"))),
    }
}

/// An area's action: the types a rich menu takes, with their required fields.
/// Camera, camera roll and location are quick-reply only.
fn action(a: &Value, base: &str, out: &mut Vec<ErrorDetail>) {
    let p = |f: &str| format!("{base}.{f}");
    let Some(kind) = string(a, "type", &p("type"), out) else {
        return;
    };
    match kind {
        "postback" => {
            if let Some(data) = string(a, "data", &p("data"), out) {
                max_chars(data, 300, &p("data"), out);
            }
        }
        "message" => {
            if let Some(text) = string(a, "text", &p("text"), out) {
                if text.is_empty() {
                    out.push(ErrorDetail::new(
                        p("text"),
                        "Length must be between 1 and 300",
                    ));
                }
                max_chars(text, 300, &p("text"), out);
            }
        }
        "uri" => {
            if let Some(uri) = string(a, "uri", &p("uri"), out) {
                let scheme_ok = ["http://", "https://", "line://", "tel:"]
                    .iter()
                    .any(|s| uri.starts_with(s));
                if !scheme_ok || uri.chars().count() > 1_000 {
                    out.push(ErrorDetail::new(p("uri"), "invalid uri"));
                }
            }
        }
        "datetimepicker" => {
            string(a, "data", &p("data"), out);
            if let Some(mode) = string(a, "mode", &p("mode"), out) {
                if !["date", "time", "datetime"].contains(&mode) {
                    out.push(ErrorDetail::new(p("mode"), "invalid mode"));
                }
            }
        }
        "richmenuswitch" => {
            if let Some(alias) = string(a, "richMenuAliasId", &p("richMenuAliasId"), out) {
                if rules::check_alias_id(alias).is_err() {
                    out.push(ErrorDetail::new(p("richMenuAliasId"), "invalid alias id"));
                }
            }
            if let Some(data) = string(a, "data", &p("data"), out) {
                max_chars(data, 300, &p("data"), out);
            }
        }
        "clipboard" => {
            if let Some(text) = string(a, "clipboardText", &p("clipboardText"), out) {
                if text.is_empty() || text.chars().count() > 1_000 {
                    out.push(ErrorDetail::new(
                        p("clipboardText"),
                        "Length must be between 1 and 1000",
                    ));
                }
            }
        }
        _ => out.push(ErrorDetail::new(
            p("type"),
            "invalid action type for a rich menu",
        )),
    }
}

/// `userIds` of a bulk request: 1 to 500 user ids.
pub(crate) fn user_ids(body: &Value) -> Result<Vec<String>, Vec<ErrorDetail>> {
    let Some(Value::Array(ids)) = body.get("userIds") else {
        return Err(vec![required("userIds")]);
    };
    if rules::check_bulk_user_count(ids.len()).is_err() {
        return Err(vec![ErrorDetail::new(
            "userIds",
            format!("Size must be between 1 and {}", rules::MAX_BULK_USERS),
        )]);
    }
    let mut out = Vec::new();
    let ids: Vec<String> = ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| match id.as_str() {
            Some(id) if is_user_id(id) => Some(id.to_owned()),
            _ => {
                out.push(ErrorDetail::new(format!("userIds[{i}]"), "invalid user id"));
                None
            }
        })
        .collect();
    if out.is_empty() {
        Ok(ids)
    } else {
        Err(out)
    }
}

/// A batch request: 1 to 1,000 operations and an optional `resumeRequestKey`.
pub(crate) fn batch(body: &Value) -> Result<Vec<BatchOp>, Vec<ErrorDetail>> {
    let Some(Value::Array(ops)) = body.get("operations") else {
        return Err(vec![required("operations")]);
    };
    let key = body.get("resumeRequestKey").and_then(Value::as_str);
    if let Err(e) = rules::check_batch(ops.len(), key) {
        let property = match e {
            rules::RichMenuRule::ResumeRequestKey => "resumeRequestKey",
            _ => "operations",
        };
        return Err(vec![ErrorDetail::new(property, e.to_string())]);
    }
    let mut out = Vec::new();
    let mut parsed = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let base = format!("operations[{i}]");
        let p = |f: &str| format!("{base}.{f}");
        match op.get("type").and_then(Value::as_str) {
            Some("link") => {
                let from = string(op, "from", &p("from"), &mut out);
                let to = string(op, "to", &p("to"), &mut out);
                if let (Some(from), Some(to)) = (from, to) {
                    parsed.push(BatchOp::Link {
                        from: from.to_owned(),
                        to: to.to_owned(),
                    });
                }
            }
            Some("unlink") => {
                if let Some(from) = string(op, "from", &p("from"), &mut out) {
                    parsed.push(BatchOp::Unlink {
                        from: from.to_owned(),
                    });
                }
            }
            Some("unlinkAll") => parsed.push(BatchOp::UnlinkAll),
            _ => out.push(ErrorDetail::new(
                p("type"),
                "must be link, unlink or unlinkAll",
            )),
        }
    }
    if out.is_empty() {
        Ok(parsed)
    } else {
        Err(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn valid() -> Value {
        json!({
            "size": {"width": 2500, "height": 843}, "selected": true, "name": "n",
            "chatBarText": "メニュー",
            "areas": [{"bounds": {"x": 0, "y": 0, "width": 2500, "height": 843},
                       "action": {"type": "postback", "data": "a=1"}}],
        })
    }

    fn properties(r: Result<(u64, u64), Vec<ErrorDetail>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|d| d.property).collect()
    }

    #[test]
    fn a_valid_menu_returns_its_size() {
        assert_eq!(menu(&valid()), Ok((2500, 843)));
    }

    #[test]
    fn every_missing_field_is_named() {
        assert_eq!(
            properties(menu(&json!({}))),
            ["size", "selected", "name", "chatBarText", "areas"]
        );
    }

    #[test]
    fn lines_limits_on_size_texts_areas_and_actions_are_enforced() {
        let mut m = valid();
        m["size"]["width"] = json!(2501);
        assert_eq!(properties(menu(&m)), ["size"]);
        let mut m = valid();
        m["chatBarText"] = json!("x".repeat(15));
        assert_eq!(properties(menu(&m)), ["chatBarText"]);
        let mut m = valid();
        m["areas"][0]["bounds"]["x"] = json!(1);
        assert_eq!(properties(menu(&m)), ["areas[0].bounds"]);
        let mut m = valid();
        m["areas"] = json!(vec![m["areas"][0].clone(); 21]);
        assert_eq!(properties(menu(&m)), ["areas"]);
        let mut m = valid();
        m["areas"][0]["action"] = json!({"type": "camera", "label": "c"});
        assert_eq!(properties(menu(&m)), ["areas[0].action.type"]);
        let mut m = valid();
        m["areas"][0]["action"] = json!({"type": "richmenuswitch", "data": "d"});
        assert_eq!(properties(menu(&m)), ["areas[0].action.richMenuAliasId"]);
    }

    #[test]
    fn bulk_user_ids_are_1_to_500_well_formed_ids() {
        let one = "U".to_owned() + &"a".repeat(32);
        assert_eq!(user_ids(&json!({"userIds": [one]})), Ok(vec![one.clone()]));
        assert!(user_ids(&json!({"userIds": []})).is_err());
        assert!(user_ids(&json!({"userIds": vec![one.clone(); 501]})).is_err());
        assert!(user_ids(&json!({"userIds": ["nope"]})).is_err());
    }

    #[test]
    fn batch_operations_parse_by_type() {
        let ops = batch(&json!({"operations": [
            {"type": "link", "from": "a", "to": "b"}, {"type": "unlink", "from": "a"},
            {"type": "unlinkAll"}]}))
        .unwrap();
        assert_eq!(ops.len(), 3);
        assert!(batch(&json!({"operations": []})).is_err());
        assert!(batch(&json!({"operations": [{"type": "link", "from": "a"}]})).is_err());
        assert!(
            batch(&json!({"operations": [{"type": "unlinkAll"}], "resumeRequestKey": "a b"}))
                .is_err()
        );
    }
}
