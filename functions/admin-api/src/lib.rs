//! The admin API: organizations and stores, LINE channels, business hours and
//! auto-reply configuration with its preview, friends, conversations (with a CSV
//! export for Japanese Excel), campaigns and quota.
//!
//! [`router`] is an axum `Router` mounted under `/admin`: the Lambda serves it
//! through `lambda_http::run`, the local stack serves it with axum directly. Who
//! calls is a [`Caller`], read from the API Gateway JWT authorizer's claims or a
//! dev token ([`AuthMode`]). Everything outside the caller's organization or
//! stores answers 404; see `docs/admin-api.md`.

pub mod auth;
pub mod aws;
pub mod bootstrap;
pub mod directory;
pub mod error;
pub mod extract;
pub mod followers;
pub mod line_accounts;
pub mod openapi;
pub mod routes;
pub mod secrets;
pub mod state;

pub use auth::{AuthMode, Caller, Identity};
pub use directory::{CognitoDirectory, NoDirectory, StaffDirectory};
pub use error::ApiError;
pub use followers::{FollowerSources, LineFollowerSources};
pub use line_accounts::{LineAccounts, LineApiAccounts};
pub use secrets::{MemorySecrets, SecretWriter, SecretsManagerWriter};
pub use state::{AppState, Ports};

use axum::routing::{get, post, put};
use axum::{Json, Router};
use routes::{
    automations, campaign_report, campaigns, channel_insight, channels, conversations, friends,
    inbox, links, media, organizations, replies, reports, richmenus, staff, teaching, threads,
};

/// The largest request body the API reads (1 MiB); a larger one is a 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Every route of the admin API under `/admin`, on `state`.
///
/// Unknown paths answer 404 with the API's error body; a body over 1 MiB is
/// refused (413) before it is parsed.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/openapi.json", get(|| async { Json(openapi::document()) }))
        .route(
            "/organizations/{org_id}",
            get(organizations::get_organization).patch(organizations::update_organization),
        )
        .route("/stores", post(organizations::create_store))
        .route("/me", get(staff::me))
        .route(
            "/stores/{store_id}/inbox",
            get(inbox::get_settings).put(inbox::put_settings),
        )
        .route(
            "/friends/{provider}/{user_id}/notes",
            get(inbox::list_notes).post(inbox::add_note),
        )
        .route(
            "/friends/{provider}/{user_id}/notes/{note_id}",
            axum::routing::delete(inbox::delete_note),
        )
        .route(
            "/stores/{store_id}/intents/unanswered",
            get(teaching::unanswered),
        )
        .route("/reports/daily", get(reports::daily))
        .route("/reports/daily.csv", get(reports::daily_csv))
        .route("/reports/stores", get(reports::store_comparison))
        .route("/reports/stores.csv", get(reports::store_comparison_csv))
        .route("/threads", get(threads::list_threads))
        .route("/threads/changes", get(threads::changes))
        .route("/threads/{channel_id}/{user_id}", get(threads::get_thread))
        .route(
            "/threads/{channel_id}/{user_id}/messages",
            post(threads::send_message),
        )
        .route(
            "/threads/{channel_id}/{user_id}/read",
            post(threads::mark_read),
        )
        .route(
            "/threads/{channel_id}/{user_id}/assignee",
            put(threads::assign),
        )
        .route(
            "/threads/{channel_id}/{user_id}/status",
            put(threads::set_status),
        )
        .route(
            "/threads/{channel_id}/{user_id}/handoff",
            post(threads::take_over).delete(threads::return_to_bot),
        )
        .route("/staff", get(staff::list_staff).post(staff::invite_staff))
        .route("/staff/{staff_id}", put(staff::put_staff))
        .route(
            "/staff/{staff_id}/deactivate",
            post(staff::deactivate_staff),
        )
        .route("/staff/{staff_id}/activate", post(staff::activate_staff))
        .route(
            "/stores/{store_id}",
            get(organizations::get_store)
                .patch(organizations::update_store)
                .delete(organizations::delete_store),
        )
        .route(
            "/stores/{store_id}/hours",
            get(replies::get_hours).put(replies::put_hours),
        )
        .route(
            "/stores/{store_id}/holidays",
            get(replies::get_holidays).put(replies::put_holidays),
        )
        .route(
            "/stores/{store_id}/rules",
            get(replies::get_rules).put(replies::put_rules),
        )
        .route(
            "/stores/{store_id}/intents",
            get(replies::get_intents).put(replies::put_intents),
        )
        .route(
            "/stores/{store_id}/intents/{name}/examples",
            post(replies::teach_example),
        )
        .route("/stores/{store_id}/preview", post(replies::preview))
        .route("/stores/{store_id}/reply", get(replies::get_effective))
        .route(
            "/organizations/{org_id}/reply",
            get(replies::get_organization_reply).put(replies::put_organization_reply),
        )
        .route("/stores/{store_id}/friends", get(friends::list_friends))
        .route(
            "/stores/{store_id}/media",
            // The one route taking more than 1 MB: LINE's 10 MB image limit, plus a
            // byte so that one over it is read as too large rather than cut.
            post(media::upload).layer(axum::extract::DefaultBodyLimit::max(
                otodoke_core::media::MAX_IMAGE_BYTES + 1,
            )),
        )
        .route(
            "/stores/{store_id}/conversations.csv",
            get(conversations::export_csv),
        )
        .route(
            "/channels",
            get(channels::list_channels).post(channels::create_channel),
        )
        .route(
            "/channels/{channel_id}",
            get(channels::get_channel).patch(channels::update_channel),
        )
        .route("/channels/{channel_id}/quota", get(channels::quota))
        .route(
            "/channels/{channel_id}/import-followers",
            post(channels::import_followers),
        )
        .route(
            "/friends/{provider}/{user_id}",
            get(friends::get_friend).delete(friends::erase_friend),
        )
        .route("/friends/{provider}/{user_id}/tags", post(friends::add_tag))
        .route(
            "/friends/{provider}/{user_id}/tags/{tag}",
            axum::routing::delete(friends::remove_tag),
        )
        .route(
            "/friends/{provider}/{user_id}/attributes",
            put(friends::set_attributes),
        )
        .route(
            "/friends/{provider}/{user_id}/store",
            put(friends::assign_store),
        )
        .route(
            "/friends/{provider}/{user_id}/history",
            get(conversations::history),
        )
        .route(
            "/campaigns",
            get(campaigns::list_campaigns).post(campaigns::create_campaign),
        )
        .route(
            "/campaigns/{campaign_id}",
            get(campaigns::get_campaign)
                .put(campaigns::edit_campaign)
                .delete(campaigns::delete_campaign),
        )
        .route(
            "/campaigns/{campaign_id}/duplicate",
            post(campaigns::duplicate_campaign),
        )
        .route(
            "/channels/{channel_id}/insight",
            get(channel_insight::channel_insight),
        )
        .route("/links", get(links::list_tracked_links))
        .route(
            "/campaigns/{campaign_id}/report",
            get(campaign_report::campaign_report),
        )
        .route(
            "/campaigns/{campaign_id}/estimate",
            post(campaigns::estimate),
        )
        .route(
            "/campaigns/{campaign_id}/schedule",
            post(campaigns::schedule),
        )
        .route(
            "/campaigns/{campaign_id}/send-now",
            post(campaigns::send_now),
        )
        .route("/campaigns/{campaign_id}/pause", post(campaigns::pause))
        .route("/campaigns/{campaign_id}/resume", post(campaigns::resume))
        .route("/campaigns/{campaign_id}/cancel", post(campaigns::cancel))
        .route(
            "/channels/{channel_id}/richmenus",
            get(richmenus::list_menus).post(richmenus::create_menu),
        )
        .route(
            "/channels/{channel_id}/richmenus/{menu_id}",
            get(richmenus::get_menu)
                .put(richmenus::update_menu)
                .delete(richmenus::delete_menu),
        )
        .route(
            "/channels/{channel_id}/richmenus/{menu_id}/image",
            // LINE's 1 MB limit exactly, plus the slack a body limit needs to be met.
            put(richmenus::upload_menu_image).layer(axum::extract::DefaultBodyLimit::max(
                otodoke_core::richmenu::limits::MAX_IMAGE_BYTES + 1,
            )),
        )
        .route(
            "/channels/{channel_id}/richmenus/{menu_id}/publish",
            post(richmenus::publish_menu),
        )
        .route(
            "/channels/{channel_id}/menu-rules",
            get(richmenus::get_menu_rules).put(richmenus::put_menu_rules),
        )
        .route(
            "/channels/{channel_id}/menu-rules/preview",
            post(richmenus::preview_menu_rules),
        )
        .route(
            "/channels/{channel_id}/relink-jobs/{job_id}",
            get(richmenus::get_relink_job),
        )
        .route(
            "/automations",
            get(automations::list_automations).post(automations::create_automation),
        )
        .route(
            "/automations/{automation_id}",
            get(automations::get_automation)
                .put(automations::update_automation)
                .delete(automations::delete_automation),
        )
        .route(
            "/automations/{automation_id}/runs",
            get(automations::automation_runs),
        )
        .route(
            "/friends/{provider}/{user_id}/automation-runs",
            get(automations::friend_runs),
        )
        .fallback(|| async { ApiError::NotFound })
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state);
    Router::new()
        .nest("/admin", api)
        .fallback(|| async { ApiError::NotFound })
}
