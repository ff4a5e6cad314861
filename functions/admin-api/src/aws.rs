//! The admin API's ports over AWS: the DynamoDB stores, LINE (or the sandbox) with
//! channel tokens read from Secrets Manager, and the parts that differ between a
//! deployment and a test world handed in. The Lambda's `main` builds its parts from
//! the environment; the system tests (`tests/`) from their own clients under the
//! function's template policy. One wiring for both, so the tests run what AWS runs.

use crate::directory::StaffDirectory;
use crate::followers::LineFollowerSources;
use crate::line_accounts::LineApiAccounts;
use crate::secrets::SecretWriter;
use crate::state::Ports;
use otodoke_aws::DynamoStores;
use otodoke_core::link::{LinkKey, LinkTracking};
use otodoke_core::ports::{LinkStore, MediaStore, QueueSender, SecretSource};
use std::sync::Arc;

/// What the admin API is built from in AWS.
pub struct AwsParts {
    pub stores: DynamoStores,
    /// LINE's Messaging API, or the sandbox in a test stack (`LineApiBaseUrl`).
    pub line_base_url: String,
    /// Reads a channel's access token by reference (follower import, staff chat,
    /// rich menus).
    pub tokens: Arc<dyn SecretSource>,
    /// Writes a connected channel's secret and token under the stage's prefix.
    pub secrets: Arc<dyn SecretWriter>,
    /// Where staff are invited (the stack's Cognito pool, or none).
    pub directory: Arc<dyn StaffDirectory>,
    /// The planner's queue (send now, resume).
    pub planning: Arc<dyn QueueSender>,
    /// The menus function's queue (relink jobs, automations' follow-ups).
    pub menu_jobs: Arc<dyn QueueSender>,
    pub media: Arc<dyn MediaStore>,
    /// The link key and the redirect's configured base, when links are tracked.
    pub link_tracking: Option<(LinkKey, String)>,
}

impl Ports {
    /// The ports of `parts`: every store a DynamoDB table's, LINE at
    /// `parts.line_base_url`, and automations fired by staff edits tracking links
    /// in the same links store the routes read.
    pub fn aws(parts: AwsParts) -> Self {
        let AwsParts {
            stores,
            line_base_url,
            tokens,
            secrets,
            directory,
            planning,
            menu_jobs,
            media,
            link_tracking,
        } = parts;
        let orgs = Arc::new(stores.organizations);
        let links: Arc<dyn LinkStore> = Arc::new(stores.links);
        let line_chat = Arc::new(otodoke_inbox::LineChat::new(
            line_base_url.clone(),
            tokens.clone(),
        ));
        Ports {
            link_tracking: link_tracking.map(|(key, base)| LinkTracking {
                links: links.clone(),
                key,
                base,
            }),
            imports: orgs.clone(),
            followers: Arc::new(LineFollowerSources::new(line_base_url.clone(), tokens)),
            chat_line: line_chat.clone(),
            menu_line: line_chat,
            menu_jobs,
            threads: Arc::new(stores.threads),
            richmenus: Arc::new(stores.richmenus),
            automations: Arc::new(stores.automations),
            metrics: Arc::new(stores.metrics),
            links,
            idempotency: Arc::new(stores.idempotency),
            orgs,
            friends: Arc::new(stores.friends),
            conversations: Arc::new(stores.conversations),
            enrolments: Arc::new(stores.enrolments),
            campaigns: Arc::new(stores.campaigns),
            campaign_stats: Arc::new(stores.campaign_stats),
            quota: Arc::new(stores.quota),
            secrets,
            line: Arc::new(LineApiAccounts::new(line_base_url)),
            directory,
            planning,
            media,
        }
    }
}
