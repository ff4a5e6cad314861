//! `RichMenuStore` on DynamoDB: menus, menu rules and relink jobs in the
//! organization's partition of the designer table (layout in [`crate::designer`]).

use crate::designer;
use crate::error::store_unavailable;
use crate::item::{from_doc, s};
use crate::keys::{
    designer_org, job_home_sk, job_sk, jobs_of, menu_home_sk, menu_sk, menus_of, rules_sk,
};
use crate::query;
use crate::schema::{PK, SK};
use crate::versioned;
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use otodoke_core::ports::RichMenuStore;
use otodoke_core::richmenu::{MenuRules, RelinkJob, RichMenu};
use otodoke_core::{ChannelId, OrgId, RichMenuId, StoreError};

/// Rich menus, menu rules and relink jobs in the designer table.
#[derive(Debug, Clone)]
pub struct DynamoRichMenus {
    client: Client,
    table: String,
}

impl DynamoRichMenus {
    /// Menus, rules and jobs in `table` (the designer table).
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// The record at `sk` of `org`'s partition, consistently read.
    async fn read<T: serde::de::DeserializeOwned>(
        &self,
        org: &OrgId,
        sk: String,
        what: &str,
    ) -> Result<Option<T>, StoreError> {
        designer::get(&self.client, &self.table, designer_org(org), sk)
            .await?
            .map(|item| from_doc(&item, what))
            .transpose()
    }

    /// The channel the home item `sk` of `org` records.
    async fn home(&self, org: &OrgId, sk: String) -> Result<Option<ChannelId>, StoreError> {
        designer::home(&self.client, &self.table, designer_org(org), sk).await
    }

    async fn claim_home(
        &self,
        org: &OrgId,
        sk: String,
        channel: &ChannelId,
    ) -> Result<(), StoreError> {
        designer::claim_home(&self.client, &self.table, designer_org(org), sk, channel).await
    }
}

#[async_trait]
impl RichMenuStore for DynamoRichMenus {
    /// Two consistent GetItems: the menu's home (its channel), then the menu.
    async fn menu(&self, org: &OrgId, id: &RichMenuId) -> Result<Option<RichMenu>, StoreError> {
        let Some(channel) = self.home(org, menu_home_sk(id)).await? else {
            return Ok(None);
        };
        self.read(org, menu_sk(&channel, id), "rich menu").await
    }

    /// One consistent Query (`begins_with MENU#<channel>#`), sorted by creation.
    async fn menus(&self, org: &OrgId, channel: &ChannelId) -> Result<Vec<RichMenu>, StoreError> {
        designer::by_creation(
            &self.client,
            &self.table,
            designer_org(org),
            &menus_of(channel),
            "rich menu",
        )
        .await
    }

    /// A new menu: its home claimed (one conditional PutItem), then one conditional
    /// PutItem. An edit: one GetItem (the creation time), then the conditional put.
    async fn save_menu(&self, menu: &RichMenu) -> Result<RichMenu, StoreError> {
        let mut saved = menu.clone();
        saved.version += 1;
        if menu.version == 0 {
            self.claim_home(&menu.org, menu_home_sk(&menu.id), &menu.channel)
                .await?;
        }
        let key = (designer_org(&menu.org), menu_sk(&menu.channel, &menu.id));
        let (expected, first) = (menu.version, menu.updated_at);
        designer::put_keeping_created(&self.client, &self.table, key, &saved, expected, first)
            .await?;
        Ok(saved)
    }

    /// The home read, then two DeleteItems: the menu (whether it was there), then
    /// its home.
    async fn delete_menu(&self, org: &OrgId, id: &RichMenuId) -> Result<bool, StoreError> {
        let Some(channel) = self.home(org, menu_home_sk(id)).await? else {
            return Ok(false);
        };
        let pk = designer_org(org);
        let existed =
            designer::delete(&self.client, &self.table, pk.clone(), menu_sk(&channel, id)).await?;
        designer::delete(&self.client, &self.table, pk, menu_home_sk(id)).await?;
        Ok(existed)
    }

    /// One consistent GetItem.
    async fn rules(&self, org: &OrgId, channel: &ChannelId) -> Result<MenuRules, StoreError> {
        Ok(self
            .read(org, rules_sk(channel), "menu rules")
            .await?
            .unwrap_or_else(|| MenuRules::empty(org.clone(), channel.clone())))
    }

    /// One conditional PutItem.
    async fn save_rules(&self, rules: &MenuRules) -> Result<MenuRules, StoreError> {
        let expected = rules.version;
        let mut saved = rules.clone();
        saved.version = expected + 1;
        let pk = designer_org(&rules.org);
        let item = designer::record_item(pk, rules_sk(&rules.channel), &saved, saved.version)?;
        versioned::put(&self.client, &self.table, item, expected).await?;
        Ok(saved)
    }

    /// Two consistent GetItems: the job's home (its channel), then the job.
    async fn relink_job(&self, org: &OrgId, id: &str) -> Result<Option<RelinkJob>, StoreError> {
        let Some(channel) = self.home(org, job_home_sk(id)).await? else {
            return Ok(None);
        };
        self.read(org, job_sk(&channel, id), "relink job").await
    }

    /// One consistent Query, backwards (ULIDs sort by creation).
    async fn relink_jobs(
        &self,
        org: &OrgId,
        channel: &ChannelId,
        limit: u32,
    ) -> Result<Vec<RelinkJob>, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(designer_org(org)))
            .expression_attribute_values(":prefix", s(jobs_of(channel)))
            .scan_index_forward(false)
            .consistent_read(true)
            .limit(limit.clamp(1, query::MAX_PAGE) as i32)
            .send()
            .await
            .map_err(|e| store_unavailable("Query", e))?;
        out.items()
            .iter()
            .map(|item| from_doc(item, "relink job"))
            .collect()
    }

    /// A new job: its home claimed, then one conditional PutItem; an edit: the put.
    async fn save_relink_job(&self, job: &RelinkJob) -> Result<RelinkJob, StoreError> {
        let expected = job.version;
        let mut saved = job.clone();
        saved.version = expected + 1;
        let pk = designer_org(&job.org);
        let item = designer::record_item(pk, job_sk(&job.channel, &job.id), &saved, saved.version)?;
        if expected == 0 {
            self.claim_home(&job.org, job_home_sk(&job.id), &job.channel)
                .await?;
        }
        versioned::put(&self.client, &self.table, item, expected).await?;
        Ok(saved)
    }
}
