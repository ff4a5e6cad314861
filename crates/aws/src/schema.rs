//! The tables' schema, in one place: keys, indexes, TTL. `docs/data-model.md`
//! explains it; the SAM template declares the same. [`create_tables`] creates it
//! (tests and local tooling).

use crate::config::TableNames;
use crate::error::store_unavailable;
use aws_sdk_dynamodb::client::Waiters;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType,
    LocalSecondaryIndex, Projection, ProjectionType, ScalarAttributeType, TimeToLiveSpecification,
};
use aws_sdk_dynamodb::Client;
use otodoke_core::StoreError;

/// Partition key of every table.
pub const PK: &str = "pk";
/// Sort key of every table but idempotency.
pub const SK: &str = "sk";
/// The TTL attribute (epoch seconds) of the tables whose items expire.
pub const TTL: &str = "expires_at";

/// Index names and their key attributes.
pub mod index {
    /// organizations: channels by their bot user id (`dest`).
    pub const DESTINATION: &str = "destination";
    /// organizations: an organization's channels (`org_pk`, `org_sk`).
    pub const ORG_CHANNELS: &str = "org_channels";
    /// friends: audience memberships (`apk`, `ask`), keys only.
    pub const AUDIENCE: &str = "audience";
    /// conversations (local): an entry by LINE message id (`pk`, `line_msg`).
    pub const LINE_MESSAGE: &str = "line_message";
    /// conversations: a store's entries by time (`store_pk`, `store_sk`).
    pub const STORE_TIME: &str = "store_time";
    /// threads: the inbox's listings (`th_org`, `th_store`, `th_asg`,
    /// `th_status`, sparse `th_unread`; all sorted by `th_sk`, activity first).
    pub const THREADS_ORG: &str = "threads_org";
    pub const THREADS_STORE: &str = "threads_store";
    pub const THREADS_ASSIGNEE: &str = "threads_assignee";
    pub const THREADS_STATUS: &str = "threads_status";
    pub const THREADS_UNREAD: &str = "threads_unread";
    /// threads: an organization's thread saves by time (`th_chg`, `th_chg_sk`).
    pub const THREADS_CHANGES: &str = "threads_changes";
    /// campaigns: an organization's campaigns, newest first (`org_pk`, `org_sk`).
    pub const ORG_CAMPAIGNS: &str = "org_campaigns";
    /// campaigns and enrolments: sparse, only what is waiting for its time
    /// (`due_pk`, `due_sk`).
    pub const DUE: &str = "due";
    /// designer (local): a friend's automation runs by time (`pk`, `run_at`).
    pub const RUNS_BY_TIME: &str = "runs_by_time";
}

/// One secondary index: name, key attributes, and whether it projects the whole
/// item or only the keys.
#[derive(Debug, Clone, Copy)]
pub struct IndexSpec {
    pub name: &'static str,
    pub hash: &'static str,
    pub range: Option<&'static str>,
    pub all_attributes: bool,
}

/// One table: suffix (see [`TableNames::SUFFIXES`]), keys, indexes and TTL.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub suffix: &'static str,
    pub hash: &'static str,
    pub range: Option<&'static str>,
    pub global: Vec<IndexSpec>,
    pub local: Vec<IndexSpec>,
    pub ttl: bool,
}

const fn idx(
    name: &'static str,
    hash: &'static str,
    range: Option<&'static str>,
    all_attributes: bool,
) -> IndexSpec {
    IndexSpec {
        name,
        hash,
        range,
        all_attributes,
    }
}

/// The schema of all ten tables. All key attributes are strings.
pub fn tables() -> Vec<TableSpec> {
    use index::*;
    let t = |suffix, range: Option<&'static str>, global, local, ttl| TableSpec {
        suffix,
        hash: PK,
        range,
        global,
        local,
        ttl,
    };
    vec![
        t(
            "organizations",
            Some(SK),
            vec![
                idx(DESTINATION, "dest", None, true),
                idx(ORG_CHANNELS, "org_pk", Some("org_sk"), true),
            ],
            vec![],
            false,
        ),
        t(
            "friends",
            Some(SK),
            vec![idx(AUDIENCE, "apk", Some("ask"), false)],
            vec![],
            false,
        ),
        t("idempotency", None, vec![], vec![], true),
        t("quota", Some(SK), vec![], vec![], true),
        t(
            "conversations",
            Some(SK),
            vec![idx(STORE_TIME, "store_pk", Some("store_sk"), true)],
            vec![idx(LINE_MESSAGE, PK, Some("line_msg"), false)],
            true,
        ),
        t(
            "campaigns",
            Some(SK),
            vec![
                idx(ORG_CAMPAIGNS, "org_pk", Some("org_sk"), true),
                idx(DUE, "due_pk", Some("due_sk"), false),
            ],
            vec![],
            false,
        ),
        t(
            "enrolments",
            Some(SK),
            vec![idx(DUE, "due_pk", Some("due_sk"), true)],
            vec![],
            false,
        ),
        // A table of its own (not items in conversations): CloudFormation adds one
        // global index per table update, and this one arrives with six.
        t(
            "threads",
            Some(SK),
            vec![
                idx(THREADS_ORG, "th_org", Some("th_sk"), true),
                idx(THREADS_STORE, "th_store", Some("th_sk"), true),
                idx(THREADS_ASSIGNEE, "th_asg", Some("th_sk"), true),
                idx(THREADS_STATUS, "th_status", Some("th_sk"), true),
                idx(THREADS_UNREAD, "th_unread", Some("th_sk"), true),
                idx(THREADS_CHANGES, "th_chg", Some("th_chg_sk"), true),
            ],
            vec![],
            false,
        ),
        // Rich menus, menu rules, relink jobs, automations and their runs
        // (crates/aws/src/designer.rs). Runs expire (TTL); a local index orders a
        // friend's runs by time, read consistently, and adds no global index.
        t(
            "designer",
            Some(SK),
            vec![],
            vec![idx(RUNS_BY_TIME, PK, Some("run_at"), true)],
            true,
        ),
        // Report counters, one item per organization, channel, store and JST day in
        // a partition per organization and month (crates/aws/src/metrics.rs); the
        // dedupe marks of applied increments expire (TTL).
        t("metrics", Some(SK), vec![], vec![], true),
    ]
}

fn key_schema(hash: &str, range: Option<&str>) -> Vec<KeySchemaElement> {
    let element = |name: &str, key_type| {
        KeySchemaElement::builder()
            .attribute_name(name)
            .key_type(key_type)
            .build()
            .expect("name and key type are set")
    };
    let mut keys = vec![element(hash, KeyType::Hash)];
    keys.extend(range.map(|r| element(r, KeyType::Range)));
    keys
}

fn projection(all: bool) -> Projection {
    Projection::builder()
        .projection_type(if all {
            ProjectionType::All
        } else {
            ProjectionType::KeysOnly
        })
        .build()
}

/// Creates every table of `names` (on-demand billing) with its indexes and TTL, and
/// waits until they are active. A table that already exists is left as it is.
/// Costs one CreateTable (and one UpdateTimeToLive) per table, run concurrently.
pub async fn create_tables(client: &Client, names: &TableNames) -> Result<(), StoreError> {
    let all = names.all();
    let jobs = tables().into_iter().map(|spec| {
        let position = TableNames::SUFFIXES
            .iter()
            .position(|s| *s == spec.suffix)
            .expect("every spec names a known table");
        create_table(client, all[position].to_string(), spec)
    });
    futures::future::try_join_all(jobs).await?;
    Ok(())
}

async fn create_table(client: &Client, name: String, spec: TableSpec) -> Result<(), StoreError> {
    let mut attributes: Vec<&str> = vec![spec.hash];
    attributes.extend(spec.range);
    for i in spec.global.iter().chain(&spec.local) {
        attributes.push(i.hash);
        attributes.extend(i.range);
    }
    attributes.sort_unstable();
    attributes.dedup();
    let mut request = client
        .create_table()
        .table_name(&name)
        .billing_mode(BillingMode::PayPerRequest)
        .set_key_schema(Some(key_schema(spec.hash, spec.range)));
    for a in attributes {
        request = request.attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(a)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .expect("name and type are set"),
        );
    }
    for i in &spec.global {
        request = request.global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name(i.name)
                .set_key_schema(Some(key_schema(i.hash, i.range)))
                .projection(projection(i.all_attributes))
                .build()
                .expect("name, keys and projection are set"),
        );
    }
    for i in &spec.local {
        request = request.local_secondary_indexes(
            LocalSecondaryIndex::builder()
                .index_name(i.name)
                .set_key_schema(Some(key_schema(i.hash, i.range)))
                .projection(projection(i.all_attributes))
                .build()
                .expect("name, keys and projection are set"),
        );
    }
    match request.send().await {
        Ok(_) => {}
        Err(e)
            if e.as_service_error()
                .is_some_and(|e| e.is_resource_in_use_exception()) =>
        {
            return Ok(())
        }
        Err(e) => return Err(store_unavailable("CreateTable", e)),
    }
    client
        .wait_until_table_exists()
        .table_name(&name)
        .wait(std::time::Duration::from_secs(120))
        .await
        .map_err(|e| store_unavailable("DescribeTable", e))?;
    if spec.ttl {
        client
            .update_time_to_live()
            .table_name(&name)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(TTL)
                    .enabled(true)
                    .build()
                    .expect("attribute and flag are set"),
            )
            .send()
            .await
            .map_err(|e| store_unavailable("UpdateTimeToLive", e))?;
    }
    Ok(())
}
