//! Organizations, stores, channels and staff in memory, with the bot-user-id index
//! that makes `channel_by_destination` a hash lookup.

use crate::limits::check_item_size;
use async_trait::async_trait;
use otodoke_core::import::ImportCheckpoint;
use otodoke_core::organization::{Channel, Organization, Staff, Store};
use otodoke_core::ports::{ImportStore, OrganizationStore};
use otodoke_core::{ChannelId, OrgId, StaffId, StoreError, StoreId};
use parking_lot::RwLock;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// In-memory [`OrganizationStore`]. Every read is a hash or B-tree lookup; lists
/// clone the (few) items of one organization, sorted by id.
#[derive(Default)]
pub struct EmbeddedOrganizations {
    tables: RwLock<Tables>,
}

#[derive(Default)]
struct Tables {
    orgs: HashMap<OrgId, Organization>,
    stores: HashMap<OrgId, BTreeMap<StoreId, Store>>,
    channels: HashMap<ChannelId, Channel>,
    channels_by_org: HashMap<OrgId, BTreeSet<ChannelId>>,
    by_destination: HashMap<String, ChannelId>,
    staff: HashMap<OrgId, BTreeMap<StaffId, Staff>>,
    imports: HashMap<(OrgId, ChannelId), ImportCheckpoint>,
}

/// Everything the store holds, for persistence.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct OrganizationsSnapshot {
    pub organizations: Vec<Organization>,
    pub stores: Vec<Store>,
    pub channels: Vec<Channel>,
    pub staff: Vec<Staff>,
    /// Follower-import checkpoints (absent in snapshots written before they existed).
    #[serde(default)]
    pub imports: Vec<ImportCheckpoint>,
}

impl Tables {
    fn put_channel(&mut self, channel: Channel) {
        if let Some(old) = self.channels.get(&channel.id) {
            if self.by_destination.get(&old.bot_user_id) == Some(&channel.id) {
                self.by_destination.remove(&old.bot_user_id);
            }
            if let Some(ids) = self.channels_by_org.get_mut(&old.org_id) {
                ids.remove(&channel.id);
            }
        }
        self.by_destination
            .insert(channel.bot_user_id.clone(), channel.id.clone());
        self.channels_by_org
            .entry(channel.org_id.clone())
            .or_default()
            .insert(channel.id.clone());
        self.channels.insert(channel.id.clone(), channel);
    }
}

impl EmbeddedOrganizations {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything stored. Cost: clones every item.
    pub fn snapshot(&self) -> OrganizationsSnapshot {
        let t = self.tables.read();
        OrganizationsSnapshot {
            organizations: t.orgs.values().cloned().collect(),
            stores: t
                .stores
                .values()
                .flat_map(|s| s.values().cloned())
                .collect(),
            channels: t.channels.values().cloned().collect(),
            staff: t.staff.values().flat_map(|s| s.values().cloned()).collect(),
            imports: t.imports.values().cloned().collect(),
        }
    }

    /// A store holding `snapshot`, with its indexes rebuilt.
    pub fn from_snapshot(snapshot: OrganizationsSnapshot) -> Self {
        let mut t = Tables::default();
        for org in snapshot.organizations {
            t.orgs.insert(org.id.clone(), org);
        }
        for store in snapshot.stores {
            t.stores
                .entry(store.org_id.clone())
                .or_default()
                .insert(store.id.clone(), store);
        }
        for channel in snapshot.channels {
            t.put_channel(channel);
        }
        for staff in snapshot.staff {
            t.staff
                .entry(staff.org_id.clone())
                .or_default()
                .insert(staff.id.clone(), staff);
        }
        for checkpoint in snapshot.imports {
            t.imports.insert(
                (checkpoint.org.clone(), checkpoint.channel.clone()),
                checkpoint,
            );
        }
        Self {
            tables: RwLock::new(t),
        }
    }
}

#[async_trait]
impl ImportStore for EmbeddedOrganizations {
    async fn import_checkpoint(
        &self,
        org: &OrgId,
        channel: &ChannelId,
    ) -> Result<Option<ImportCheckpoint>, StoreError> {
        let t = self.tables.read();
        Ok(t.imports.get(&(org.clone(), channel.clone())).cloned())
    }

    async fn save_import_checkpoint(
        &self,
        checkpoint: &ImportCheckpoint,
    ) -> Result<ImportCheckpoint, StoreError> {
        let mut saved = checkpoint.clone();
        saved.version = checkpoint.version + 1;
        check_item_size(&saved)?;
        let mut t = self.tables.write();
        let key = (checkpoint.org.clone(), checkpoint.channel.clone());
        let stored_version = t.imports.get(&key).map_or(0, |c| c.version);
        if stored_version != checkpoint.version {
            return Err(StoreError::Conflict);
        }
        t.imports.insert(key, saved.clone());
        Ok(saved)
    }
}

#[async_trait]
impl OrganizationStore for EmbeddedOrganizations {
    async fn put_organization(&self, org: &Organization) -> Result<(), StoreError> {
        check_item_size(org)?;
        self.tables.write().orgs.insert(org.id.clone(), org.clone());
        Ok(())
    }

    async fn organization(&self, id: &OrgId) -> Result<Option<Organization>, StoreError> {
        Ok(self.tables.read().orgs.get(id).cloned())
    }

    async fn save_store(&self, store: &Store) -> Result<Store, StoreError> {
        let mut saved = store.clone();
        saved.version = store.version + 1;
        check_item_size(&saved)?;
        let mut t = self.tables.write();
        let stores = t.stores.entry(store.org_id.clone()).or_default();
        let stored_version = stores.get(&store.id).map_or(0, |s| s.version);
        if stored_version != store.version {
            return Err(StoreError::Conflict);
        }
        stores.insert(store.id.clone(), saved.clone());
        Ok(saved)
    }

    async fn delete_store(&self, org: &OrgId, id: &StoreId) -> Result<bool, StoreError> {
        let mut t = self.tables.write();
        Ok(t.stores.get_mut(org).and_then(|s| s.remove(id)).is_some())
    }

    async fn store(&self, org: &OrgId, id: &StoreId) -> Result<Option<Store>, StoreError> {
        let t = self.tables.read();
        Ok(t.stores.get(org).and_then(|s| s.get(id)).cloned())
    }

    async fn stores(&self, org: &OrgId) -> Result<Vec<Store>, StoreError> {
        let t = self.tables.read();
        Ok(t.stores
            .get(org)
            .map(|s| s.values().cloned().collect())
            .unwrap_or_default())
    }

    async fn connect_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        check_item_size(channel)?;
        let mut t = self.tables.write();
        if t.channels.contains_key(&channel.id)
            || t.by_destination.contains_key(&channel.bot_user_id)
        {
            return Err(StoreError::Conflict);
        }
        t.put_channel(channel.clone());
        Ok(())
    }

    async fn put_channel(&self, channel: &Channel) -> Result<(), StoreError> {
        check_item_size(channel)?;
        self.tables.write().put_channel(channel.clone());
        Ok(())
    }

    async fn channel(&self, id: &ChannelId) -> Result<Option<Channel>, StoreError> {
        Ok(self.tables.read().channels.get(id).cloned())
    }

    async fn channel_by_destination(
        &self,
        bot_user_id: &str,
    ) -> Result<Option<Channel>, StoreError> {
        let t = self.tables.read();
        Ok(t.by_destination
            .get(bot_user_id)
            .and_then(|id| t.channels.get(id))
            .cloned())
    }

    async fn channels(&self, org: &OrgId) -> Result<Vec<Channel>, StoreError> {
        let t = self.tables.read();
        Ok(t.channels_by_org
            .get(org)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| t.channels.get(id))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default())
    }

    async fn all_channels(&self) -> Result<Vec<Channel>, StoreError> {
        let mut all: Vec<Channel> = self.tables.read().channels.values().cloned().collect();
        all.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(all)
    }

    async fn put_staff(&self, staff: &Staff) -> Result<(), StoreError> {
        check_item_size(staff)?;
        self.tables
            .write()
            .staff
            .entry(staff.org_id.clone())
            .or_default()
            .insert(staff.id.clone(), staff.clone());
        Ok(())
    }

    async fn staff(&self, org: &OrgId, id: &StaffId) -> Result<Option<Staff>, StoreError> {
        let t = self.tables.read();
        Ok(t.staff.get(org).and_then(|s| s.get(id)).cloned())
    }

    async fn staff_list(&self, org: &OrgId) -> Result<Vec<Staff>, StoreError> {
        let t = self.tables.read();
        Ok(t.staff
            .get(org)
            .map(|s| s.values().cloned().collect())
            .unwrap_or_default())
    }
}
