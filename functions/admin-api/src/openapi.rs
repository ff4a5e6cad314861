//! The OpenAPI document, generated from the route annotations. Checked in as
//! `docs/openapi.json`; a test fails when that file is stale.

use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::error::{ErrorBody, FieldError};
use crate::routes::{
    automations, campaign_report, campaigns, channel_insight, channels, conversations, friends,
    inbox, links, media, organizations, replies, reports, richmenus, staff, teaching, threads,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "otodoke admin API", description = "Organizations, LINE channels, auto-reply, friends, conversations, the staff inbox, campaigns, rich menus, automations and quota. Every route needs a bearer token (Cognito JWT in AWS, the dev token locally). Resources outside the caller's organization or stores answer 404."),
    paths(
        organizations::get_organization, organizations::update_organization,
        organizations::create_store, organizations::get_store,
        organizations::update_store, organizations::delete_store,
        channels::list_channels, channels::get_channel, channels::create_channel,
        channels::update_channel, channels::quota, channels::import_followers,
        channel_insight::channel_insight,
        replies::get_hours, replies::put_hours, replies::get_holidays, replies::put_holidays,
        replies::get_rules, replies::put_rules, replies::get_intents, replies::put_intents,
        replies::teach_example, replies::preview, replies::get_effective,
        replies::get_organization_reply, replies::put_organization_reply,
        friends::list_friends, friends::get_friend, friends::erase_friend, friends::add_tag, friends::remove_tag,
        friends::set_attributes, friends::assign_store,
        conversations::history, conversations::export_csv,
        media::upload,
        campaigns::create_campaign, campaigns::list_campaigns, campaigns::get_campaign,
        campaigns::estimate, campaigns::schedule, campaigns::send_now, campaigns::pause,
        campaigns::resume, campaigns::cancel, campaigns::edit_campaign, campaigns::duplicate_campaign,
        campaigns::delete_campaign, campaign_report::campaign_report, links::list_tracked_links,
        staff::me, staff::list_staff, staff::put_staff, staff::invite_staff,
        staff::deactivate_staff, staff::activate_staff,
        threads::list_threads, threads::changes, threads::get_thread, threads::send_message,
        threads::mark_read, threads::assign, threads::set_status, threads::take_over,
        threads::return_to_bot,
        inbox::get_settings, inbox::put_settings, inbox::list_notes, inbox::add_note,
        inbox::delete_note, teaching::unanswered,
        richmenus::list_menus, richmenus::create_menu, richmenus::get_menu,
        richmenus::update_menu, richmenus::delete_menu, richmenus::upload_menu_image,
        richmenus::publish_menu, richmenus::get_menu_rules, richmenus::put_menu_rules,
        richmenus::preview_menu_rules, richmenus::get_relink_job,
        automations::list_automations, automations::create_automation,
        automations::get_automation, automations::update_automation,
        automations::delete_automation, automations::automation_runs,
        automations::friend_runs,
        reports::daily, reports::daily_csv, reports::store_comparison,
        reports::store_comparison_csv,
    ),
    components(schemas(ErrorBody, FieldError)),
    modifiers(&BearerAuth, &CommonErrors, &ClosedVariants, &UnsignedBounds, &RawBodies),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

/// A path's operations, whichever methods it has.
fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

/// A raw request body (an image upload, `content(("image/jpeg"), ...)`) is
/// required: utoipa marks a body required only from its Rust type, and a raw body
/// has none.
struct RawBodies;

impl Modify for RawBodies {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for op in operations(item) {
                if let Some(body) = op.request_body.as_mut() {
                    if body.content.values().all(|media| media.schema.is_none()) {
                        body.required = Some(utoipa::openapi::Required::True);
                    }
                }
            }
        }
    }
}

/// Internally tagged request enums with `#[serde(deny_unknown_fields)]`: serde
/// refuses an unknown field in every variant, but utoipa states
/// `additionalProperties: false` for structs only, so the document would call such
/// a body valid. Each listed schema's variants are closed here.
struct ClosedVariants;

/// The schemas [`ClosedVariants`] closes (grep `tag = "type"` next to
/// `deny_unknown_fields` for more).
const CLOSED_VARIANTS: &[&str] = &["PreviewMessage"];

impl Modify for ClosedVariants {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::{AdditionalProperties, Schema};
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        for name in CLOSED_VARIANTS {
            let Some(RefOr::T(Schema::OneOf(one_of))) = components.schemas.get_mut(*name) else {
                panic!("{name} is not a oneOf schema of the document");
            };
            for variant in &mut one_of.items {
                if let RefOr::T(Schema::Object(object)) = variant {
                    object.additional_properties =
                        Some(Box::new(AdditionalProperties::FreeForm(false)));
                }
            }
        }
    }
}

/// utoipa writes a `u32` as `format: int32, minimum: 0` and a `u64` (or `usize`)
/// as `format: int64, minimum: 0`, without a maximum; the format then implies
/// 2^31 − 1 (2^63 − 1) as the largest value, while serde reads up to `u32::MAX`
/// (`u64::MAX`), so the document called valid values invalid and the server took
/// values the document refused. Every integer schema with a non-negative minimum
/// and no maximum is an unsigned Rust integer (signed ones have no minimum unless
/// a field states one with a maximum), so it gets the maximum its Rust type reads
/// (a `u32` becomes an `int64` up to `u32::MAX`; a `u64` stays an `int64`, up to
/// [`crate::extract::MAX_INTEGER`], which the extractors enforce). A bound of the domain
/// (`#[schema(maximum = ..)]`) is kept. utoipa writes `u8` and `u16` like `u32`,
/// so such a field states its maximum itself (`Audience::age_min`).
struct UnsignedBounds;

impl Modify for UnsignedBounds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for schema in openapi
            .components
            .iter_mut()
            .flat_map(|c| c.schemas.values_mut())
        {
            unsigned_bounds(schema);
        }
        for item in openapi.paths.paths.values_mut() {
            for op in operations(item) {
                for param in op.parameters.iter_mut().flatten() {
                    if let Some(schema) = param.schema.as_mut() {
                        unsigned_bounds(schema);
                    }
                }
                // JSON bodies only: a raw body (an image upload) has no schema.
                for (_, content) in op
                    .request_body
                    .iter_mut()
                    .flat_map(|b| b.content.iter_mut())
                    .filter(|(media_type, _)| *media_type == "application/json")
                {
                    if let Some(schema) = content.schema.as_mut() {
                        unsigned_bounds(schema);
                    }
                }
            }
        }
    }
}

fn unsigned_bounds(schema: &mut RefOr<utoipa::openapi::schema::Schema>) {
    use utoipa::openapi::schema::{
        AdditionalProperties, ArrayItems, KnownFormat, Schema, SchemaFormat, SchemaType, Type,
    };
    use utoipa::Number;
    let RefOr::T(schema) = schema else { return };
    match schema {
        Schema::Object(object) => {
            let integer = match &object.schema_type {
                SchemaType::Type(t) => *t == Type::Integer,
                SchemaType::Array(types) => types.contains(&Type::Integer),
                SchemaType::AnyValue => false,
            };
            let unsigned = match object.minimum {
                Some(Number::UInt(_)) => true,
                Some(Number::Int(n)) => n >= 0,
                // utoipa's own `minimum: 0` for unsigned types is a float.
                Some(Number::Float(n)) => n >= 0.0,
                None => false,
            };
            if integer && unsigned && object.maximum.is_none() {
                let max = match object.format {
                    // A `u32` is stated as what it is, an `int64` of 0..=u32::MAX: an
                    // `int32` with a larger maximum contradicts itself, and tools
                    // (schemathesis among them) then take the format's bound.
                    Some(SchemaFormat::KnownFormat(KnownFormat::Int32)) => {
                        object.format = Some(SchemaFormat::KnownFormat(KnownFormat::Int64));
                        u32::MAX as usize
                    }
                    // A `u64` is read up to `MAX_INTEGER` (2^63 − 1), `int64`'s own
                    // bound: past it a version would overflow when bumped.
                    _ => crate::extract::MAX_INTEGER as usize,
                };
                object.maximum = Some(Number::UInt(max));
            }
            for property in object.properties.values_mut() {
                unsigned_bounds(property);
            }
            if let Some(AdditionalProperties::RefOr(extra)) =
                object.additional_properties.as_deref_mut()
            {
                unsigned_bounds(extra);
            }
        }
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                unsigned_bounds(items);
            }
        }
        Schema::OneOf(one_of) => one_of.items.iter_mut().for_each(unsigned_bounds),
        Schema::AllOf(all_of) => all_of.items.iter_mut().for_each(unsigned_bounds),
        Schema::AnyOf(any_of) => any_of.items.iter_mut().for_each(unsigned_bounds),
        _ => {}
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The error answers any operation can give for what it takes, rather than for
/// what it does, added here to every operation so that no route can forget one:
///
/// - 401: every route needs credentials (the `Caller` extractor);
/// - 404: a path naming something absent or outside the caller's scope;
/// - 400, 413, 422: a JSON body that is not JSON, over 1 MiB, or invalid (`ApiJson`);
/// - 422: a query parameter of the wrong type or unknown (`ApiQuery`);
/// - 429: API Gateway's throttling in AWS, before the function runs;
/// - 500: our fault (the message is always `internal error`).
///
/// What an operation answers because of what it does (403 for a role, 409 for a
/// conflict, 502 when LINE is unreachable) stays on its `#[utoipa::path]`.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let path_params = item
                .parameters
                .iter()
                .flatten()
                .any(|p| p.parameter_in == ParameterIn::Path);
            for op in operations(item) {
                let params = op.parameters.iter().flatten();
                let in_path =
                    path_params || params.clone().any(|p| p.parameter_in == ParameterIn::Path);
                let in_query = params.clone().any(|p| p.parameter_in == ParameterIn::Query);
                let mut add = vec![
                    (401, "no or unusable credentials, or a deactivated member"),
                    (429, "too many requests (API Gateway's throttling, in AWS)"),
                    (500, "our fault; the message is always `internal error`"),
                ];
                if in_path {
                    add.push((
                        404,
                        "absent, or outside the caller's organization or stores",
                    ));
                }
                if let Some(body) = op.request_body.as_ref() {
                    if body.content.contains_key("application/json") {
                        add.push((400, "the body is not JSON"));
                        add.push((413, "the body is over 1 MiB"));
                        add.push((422, "a field is invalid or unknown; `details` names it"));
                    } else {
                        // Raw bytes (an image upload): the operation states its own
                        // limits and checks (413, 415, 422).
                        add.push((400, "the body could not be read"));
                    }
                } else if in_query {
                    add.push((422, "a query parameter is invalid or unknown"));
                }
                for (status, description) in add {
                    match op.responses.responses.get_mut(&status.to_string()) {
                        None => {
                            op.responses
                                .responses
                                .insert(status.to_string(), error_response(description));
                        }
                        Some(RefOr::T(r)) if r.description.is_empty() => {
                            r.description = description.into();
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
}

/// An error response: `ErrorBody` as JSON.
fn error_response(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .into()
}

/// The document as served and checked in. The version is pinned so that the
/// checked-in file does not change with each crate version bump.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = "1".into();
    doc
}

/// The document as pretty JSON with a trailing newline (the checked-in form).
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("an OpenAPI document always serializes");
    json.push('\n');
    json
}
