//! What must survive a restart but is not in the embedded store: the demo channel's
//! credentials (the sandbox plays the channel again with the same bot user id,
//! secret and token, so the stored channel record stays valid), the dev token, and
//! the simulator's friends (the sandbox forgets its friends when it stops).
//!
//! Kept beside the state file as `<state>.keys.json` (under the git-ignored
//! `.otodoke/`); generated on first start. These are local, throw-away values, but
//! they are still never printed, except the dev token, which is the point.

use rand::Rng;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The local stack's generated credentials and simulator friends.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalKeys {
    /// The demo channel's bot user id (`U` + 32 hex): the webhook `destination`.
    pub bot_user_id: String,
    /// Signs the sandbox's webhooks; ingest verifies with it.
    pub channel_secret: String,
    /// The bearer token the responder sends to the sandbox.
    pub access_token: String,
    /// `Authorization: Bearer <dev_token>` authenticates as the demo owner on `/admin`.
    pub dev_token: String,
    /// The key of tracked links' friend tokens (the `LinkKeySecret` in AWS).
    /// Generated when a keys file written before tracked links is read.
    #[serde(default = "random_link_key")]
    pub link_key: String,
    /// Friends created in the simulator, in creation order.
    #[serde(default)]
    pub friends: Vec<SimFriend>,
}

/// A LINE user created in the simulator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimFriend {
    pub user_id: String,
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture_url: Option<String>,
    /// Where the friend stands with the account, as far as the simulator did it.
    pub state: SimState,
}

/// A simulator friend's relation to the demo account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimState {
    /// Created, never followed.
    New,
    Following,
    Blocked,
}

impl std::fmt::Debug for LocalKeys {
    /// Never prints the secret, the access token or the dev token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalKeys")
            .field("bot_user_id", &self.bot_user_id)
            .field("friends", &self.friends.len())
            .finish_non_exhaustive()
    }
}

/// Why the keys file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a local keys file: {source}")]
    Decode {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// 64 random hex digits (256 bits).
fn random_link_key() -> String {
    let mut rng = rand::rng();
    format!("{:032x}{:032x}", rng.random::<u128>(), rng.random::<u128>())
}

impl LocalKeys {
    /// Fresh random credentials and no friends.
    pub fn generate() -> Self {
        let mut rng = rand::rng();
        Self {
            bot_user_id: format!("U{:032x}", rng.random::<u128>()),
            channel_secret: format!("{:032x}", rng.random::<u128>()),
            access_token: format!("local-token-{:032x}", rng.random::<u128>()),
            dev_token: format!("dev-{:024x}", rng.random::<u128>() >> 32),
            link_key: random_link_key(),
            friends: Vec::new(),
        }
    }

    /// The keys at `path`, or `None` when there is no file yet.
    pub fn load(path: &Path) -> Result<Option<Self>, KeysError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(KeysError::Read {
                    path: path.to_owned(),
                    source,
                })
            }
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|source| KeysError::Decode {
                path: path.to_owned(),
                source,
            })
    }

    /// Writes the keys to `path` (via a temporary file and a rename, so a crash
    /// keeps the previous file). Small blocking I/O.
    pub fn save(&self, path: &Path) -> Result<(), KeysError> {
        let write = |source| KeysError::Write {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(write)?;
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let json = serde_json::to_vec_pretty(self).expect("keys always serialize");
        std::fs::write(&tmp, json).map_err(write)?;
        std::fs::rename(&tmp, path).map_err(write)
    }

    /// The simulator friend `user_id`, if any.
    pub fn friend_mut(&mut self, user_id: &str) -> Option<&mut SimFriend> {
        self.friends.iter_mut().find(|f| f.user_id == user_id)
    }
}

/// The keys file that goes with the state file `state`: `<state>.keys.json`.
pub fn keys_path(state: &Path) -> PathBuf {
    let mut name = state.as_os_str().to_owned();
    name.push(".keys.json");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_their_file_and_debug_hides_the_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let path = keys_path(&dir.path().join("state.json"));
        assert!(LocalKeys::load(&path).unwrap().is_none());
        let mut keys = LocalKeys::generate();
        keys.friends.push(SimFriend {
            user_id: "U4af4980629b6e1f2a4b7f8a2d3e6c5b1".into(),
            display_name: "花子".into(),
            picture_url: None,
            state: SimState::Following,
        });
        keys.save(&path).unwrap();
        assert_eq!(LocalKeys::load(&path).unwrap(), Some(keys.clone()));
        let debug = format!("{keys:?}");
        assert!(!debug.contains(&keys.channel_secret));
        assert!(!debug.contains(&keys.access_token));
        assert!(!debug.contains(&keys.dev_token));
    }
}
