//! Schemas for the admin API's OpenAPI document that no type of this crate has
//! (behind the `openapi` feature).

use std::borrow::Cow;
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// A LINE Messaging API message object (`text`, `sticker`, `image`, `flex`,
/// `template`, ...), kept as the JSON LINE defines so that new message types pass
/// through. Its only documented field here is `type`; the rest is LINE's
/// (validated by `otodoke-line` where otodoke sends it).
pub struct LineMessageObject;

impl utoipa::PartialSchema for LineMessageObject {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "A LINE Messaging API message object as LINE defines it (free-form beyond \
                 `type`: https://developers.line.biz/en/reference/messaging-api/#message-objects).",
            ))
            .property(
                "type",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .examples([serde_json::json!("text")]),
            )
            .required("type")
            .additional_properties(Some(AdditionalProperties::FreeForm(true)))
            .into()
    }
}

impl utoipa::ToSchema for LineMessageObject {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("LineMessageObject")
    }
}
