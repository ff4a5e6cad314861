//! The OpenAPI document, generated from the route annotations. Checked in as
//! `docs/openapi.json`; a test fails when that file is stale.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::{ErrorBody, FieldError};
use crate::routes::{
    campaigns, channels, conversations, friends, inbox, media, organizations, replies, staff,
    teaching, threads,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "otodoke admin API", description = "Organizations, LINE channels, auto-reply, friends, conversations, the staff inbox, campaigns and quota. Every route needs a bearer token (Cognito JWT in AWS, the dev token locally). Resources outside the caller's organization or stores answer 404."),
    paths(
        organizations::get_organization, organizations::update_organization,
        organizations::create_store, organizations::get_store,
        organizations::update_store, organizations::delete_store,
        channels::list_channels, channels::get_channel, channels::create_channel,
        channels::update_channel, channels::quota, channels::import_followers,
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
        campaigns::resume, campaigns::cancel,
        staff::me, staff::list_staff, staff::put_staff, staff::invite_staff,
        staff::deactivate_staff, staff::activate_staff,
        threads::list_threads, threads::changes, threads::get_thread, threads::send_message,
        threads::mark_read, threads::assign, threads::set_status, threads::take_over,
        threads::return_to_bot,
        inbox::get_settings, inbox::put_settings, inbox::list_notes, inbox::add_note,
        inbox::delete_note, teaching::unanswered,
    ),
    components(schemas(ErrorBody, FieldError)),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

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
