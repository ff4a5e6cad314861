//! Saving every embedded store and queue to one JSON file and loading it back, so
//! that the local stack survives a restart.

use crate::automations::AutomationsSnapshot;
use crate::campaigns::CampaignRow;
use crate::idempotency::Mark;
use crate::metrics::MetricsSnapshot;
use crate::organizations::OrganizationsSnapshot;
use crate::queue::QueueSnapshot;
use crate::quota::QuotaSnapshot;
use crate::richmenus::RichMenusSnapshot;
use otodoke_core::conversation::ConversationEntry;
use otodoke_core::friend::Friend;
use otodoke_core::sequence::Enrolment;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file format version; a file of another version is refused, not guessed at.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// What could go wrong loading or saving a snapshot file.
#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not an otodoke embedded snapshot: {source}")]
    Decode {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{path} has snapshot format {found}; this build reads format {SNAPSHOT_FORMAT}")]
    Format { path: PathBuf, found: u32 },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Everything the embedded adapters hold.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    pub format: u32,
    pub organizations: OrganizationsSnapshot,
    pub friends: Vec<Friend>,
    pub idempotency: HashMap<String, Mark>,
    pub quota: QuotaSnapshot,
    pub conversations: Vec<ConversationEntry>,
    /// Absent from files written before the inbox existed.
    #[serde(default)]
    pub threads: Vec<otodoke_core::thread::Thread>,
    pub campaigns: Vec<CampaignRow>,
    pub enrolments: Vec<Enrolment>,
    /// Absent from files written before rich menus and automations existed.
    #[serde(default)]
    pub richmenus: RichMenusSnapshot,
    #[serde(default)]
    pub automations: AutomationsSnapshot,
    /// Absent from files written before the report counters existed.
    #[serde(default)]
    pub metrics: MetricsSnapshot,
    /// Absent from files written before tracked links existed.
    #[serde(default)]
    pub links: crate::links::LinksSnapshot,
    /// Absent from files written before campaign statistics were kept.
    #[serde(default)]
    pub campaign_stats: crate::campaign_stats::CampaignStatsSnapshot,
    pub events: QueueSnapshot,
    pub fanout: QueueSnapshot,
}

#[derive(Deserialize)]
struct Header {
    format: u32,
}

/// Reads the snapshot at `path`; `None` when there is no file yet.
pub(crate) fn load(path: &Path) -> Result<Option<Snapshot>, PersistError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(PersistError::Read {
                path: path.to_owned(),
                source,
            })
        }
    };
    let decode_err = |source| PersistError::Decode {
        path: path.to_owned(),
        source,
    };
    // The version first, so that a file of another format is named as such.
    let header: Header = serde_json::from_slice(&bytes).map_err(decode_err)?;
    if header.format != SNAPSHOT_FORMAT {
        return Err(PersistError::Format {
            path: path.to_owned(),
            found: header.format,
        });
    }
    let snapshot: Snapshot = serde_json::from_slice(&bytes).map_err(decode_err)?;
    Ok(Some(snapshot))
}

/// Writes `snapshot` to `path` atomically: to a temporary file beside it, synced,
/// then renamed over it, so a crash mid-write leaves the previous file intact.
pub(crate) fn save(path: &Path, snapshot: &Snapshot) -> Result<(), PersistError> {
    let write_err = |source| PersistError::Write {
        path: path.to_owned(),
        source,
    };
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(write_err)?);
    serde_json::to_writer(&mut file, snapshot).map_err(|e| write_err(e.into()))?;
    let file = file.into_inner().map_err(|e| write_err(e.into_error()))?;
    file.sync_all().map_err(write_err)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(write_err)?;
    Ok(())
}
