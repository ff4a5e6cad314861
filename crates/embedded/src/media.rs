//! [`MediaStore`] in memory or in a folder (the local stack keeps `.otodoke/media`).
//!
//! URLs point at the local gateway (`{base}/media/<key>?exp=..&sig=..`): the
//! signature is an HMAC-SHA256 of the key and the expiry under a key drawn at
//! start-up, so a URL can be neither guessed from a media key nor used after it
//! expires (nor after a restart). The gateway checks it with [`EmbeddedMedia::verify`].

use async_trait::async_trait;
use hmac::{Hmac, Mac};
use jiff::{SignedDuration, Timestamp};
use otodoke_core::media::{MediaKey, MediaPrefix, StoredMedia};
use otodoke_core::ports::MediaStore;
use otodoke_core::StoreError;
use parking_lot::RwLock;
use sha2::Sha256;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file beside each object that holds its content type.
const TYPE_SUFFIX: &str = ".content-type";

/// In-memory or folder-backed [`MediaStore`].
pub struct EmbeddedMedia {
    root: Option<PathBuf>,
    memory: RwLock<BTreeMap<String, StoredMedia>>,
    url_base: RwLock<String>,
    signing_key: [u8; 32],
}

impl EmbeddedMedia {
    /// Media kept in memory; URLs start with `url_base` (e.g. `http://127.0.0.1:8700`).
    pub fn in_memory(url_base: impl Into<String>) -> Self {
        Self::new(None, url_base.into())
    }

    /// Media kept as files under `root` (created on first write).
    pub fn in_folder(root: impl Into<PathBuf>, url_base: impl Into<String>) -> Self {
        Self::new(Some(root.into()), url_base.into())
    }

    fn new(root: Option<PathBuf>, url_base: String) -> Self {
        Self {
            root,
            memory: RwLock::default(),
            url_base: RwLock::new(url_base.trim_end_matches('/').to_owned()),
            signing_key: rand::random(),
        }
    }

    /// Changes where URLs point (the gateway's address is known only once bound).
    pub fn set_url_base(&self, url_base: &str) {
        *self.url_base.write() = url_base.trim_end_matches('/').to_owned();
    }

    /// The key a URL's path, `exp` and `sig` name, if the signature is ours and
    /// `now` is before the expiry.
    pub fn verify(&self, key: &str, exp: i64, sig: &str, now: Timestamp) -> Option<MediaKey> {
        let key = MediaKey::parse(key).ok()?;
        let sig = decode_hex(sig)?;
        // `verify_slice` compares in constant time.
        self.keyed(&key, exp).verify_slice(&sig).ok()?;
        (now.as_second() < exp).then_some(key)
    }

    fn mac(&self) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(&self.signing_key).expect("HMAC takes any key length")
    }

    fn keyed(&self, key: &MediaKey, exp: i64) -> Hmac<Sha256> {
        let mut mac = self.mac();
        mac.update(key.as_str().as_bytes());
        mac.update(b"\n");
        mac.update(exp.to_string().as_bytes());
        mac
    }

    fn signature(&self, key: &MediaKey, exp: i64) -> String {
        self.keyed(key, exp)
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn path(root: &Path, key: &str) -> PathBuf {
        // Keys are checked by `MediaKey::parse`: no `..`, no leading `/`.
        root.join(key)
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

fn io_error(e: std::io::Error) -> StoreError {
    StoreError::Unavailable(Box::new(e))
}

#[async_trait]
impl MediaStore for EmbeddedMedia {
    async fn put(
        &self,
        key: &MediaKey,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<(), StoreError> {
        let Some(root) = &self.root else {
            self.memory.write().insert(
                key.as_str().to_owned(),
                StoredMedia {
                    content_type: content_type.to_owned(),
                    body,
                },
            );
            return Ok(());
        };
        let path = Self::path(root, key.as_str());
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
        }
        // Written aside and renamed, so a reader never sees half a file.
        let tmp = path.with_extension("partial");
        tokio::fs::write(&tmp, &body).await.map_err(io_error)?;
        let type_path = PathBuf::from(format!("{}{TYPE_SUFFIX}", path.display()));
        tokio::fs::write(&type_path, content_type)
            .await
            .map_err(io_error)?;
        tokio::fs::rename(&tmp, &path).await.map_err(io_error)?;
        Ok(())
    }

    async fn get(&self, key: &MediaKey) -> Result<Option<StoredMedia>, StoreError> {
        let Some(root) = &self.root else {
            return Ok(self.memory.read().get(key.as_str()).cloned());
        };
        let path = Self::path(root, key.as_str());
        let body = match tokio::fs::read(&path).await {
            Ok(body) => body,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error(e)),
        };
        let type_path = PathBuf::from(format!("{}{TYPE_SUFFIX}", path.display()));
        let content_type = tokio::fs::read_to_string(&type_path)
            .await
            .unwrap_or_else(|_| "application/octet-stream".to_owned());
        Ok(Some(StoredMedia { content_type, body }))
    }

    async fn url(&self, key: &MediaKey, valid_for: SignedDuration) -> Result<String, StoreError> {
        let exp = Timestamp::now()
            .checked_add(valid_for)
            .map_err(|e| StoreError::Unavailable(Box::new(e)))?
            .as_second();
        let sig = self.signature(key, exp);
        // `%` in a key is literal: escape it so the gateway's path decoding gives it back.
        let path = key.as_str().replace('%', "%25");
        Ok(format!(
            "{}/media/{path}?exp={exp}&sig={sig}",
            self.url_base.read()
        ))
    }

    async fn delete(&self, key: &MediaKey) -> Result<(), StoreError> {
        let Some(root) = &self.root else {
            self.memory.write().remove(key.as_str());
            return Ok(());
        };
        let path = Self::path(root, key.as_str());
        let type_path = PathBuf::from(format!("{}{TYPE_SUFFIX}", path.display()));
        for path in [path, type_path] {
            match tokio::fs::remove_file(&path).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error(e)),
            }
        }
        Ok(())
    }

    async fn delete_prefix(&self, prefix: &MediaPrefix) -> Result<u64, StoreError> {
        let Some(root) = &self.root else {
            let mut memory = self.memory.write();
            let keys: Vec<String> = memory
                .range(prefix.as_str().to_owned()..)
                .take_while(|(k, _)| k.starts_with(prefix.as_str()))
                .map(|(k, _)| k.clone())
                .collect();
            for k in &keys {
                memory.remove(k);
            }
            return Ok(keys.len() as u64);
        };
        // Every prefix ends with `/`: it is a folder.
        let dir = Self::path(root, prefix.as_str().trim_end_matches('/'));
        let dir2 = dir.clone();
        let count = tokio::task::spawn_blocking(move || count_objects(&dir2))
            .await
            .map_err(|e| StoreError::Unavailable(Box::new(e)))?
            .map_err(io_error)?;
        match tokio::fs::remove_dir_all(&dir).await {
            Ok(()) => Ok(count),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(io_error(e)),
        }
    }
}

/// The objects (not their content-type files) in a folder tree.
fn count_objects(dir: &Path) -> std::io::Result<u64> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut count = 0;
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            count += count_objects(&entry.path())?;
        } else if !entry.file_name().to_string_lossy().ends_with(TYPE_SUFFIX) {
            count += 1;
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use otodoke_core::{OrgId, StoreId, StoreKey};

    fn parts(url: &str) -> (String, i64, String) {
        let rest = url.split_once("/media/").unwrap().1;
        let (path, query) = rest.split_once('?').unwrap();
        let mut exp = 0;
        let mut sig = String::new();
        for pair in query.split('&') {
            match pair.split_once('=').unwrap() {
                ("exp", v) => exp = v.parse().unwrap(),
                ("sig", v) => sig = v.to_owned(),
                _ => {}
            }
        }
        (path.replace("%25", "%"), exp, sig)
    }

    #[tokio::test]
    async fn a_signed_url_verifies_until_it_expires_and_not_when_tampered() {
        let media = EmbeddedMedia::in_memory("http://127.0.0.1:9/");
        let store = StoreKey::new(OrgId::new("a.b").unwrap(), StoreId::new("s").unwrap());
        let key = MediaKey::upload(&store, ulid::Ulid::from_parts(1, 1));
        let url = media.url(&key, SignedDuration::from_mins(5)).await.unwrap();
        assert!(
            url.starts_with("http://127.0.0.1:9/media/a%252Eb/out/s/"),
            "{url}"
        );
        let (path, exp, sig) = parts(&url);
        let now = Timestamp::now();
        assert_eq!(media.verify(&path, exp, &sig, now), Some(key.clone()));
        assert_eq!(
            media.verify(&path, exp + 1, &sig, now),
            None,
            "a stretched expiry"
        );
        let other = MediaKey::upload(&store, ulid::Ulid::from_parts(1, 2));
        assert_eq!(
            media.verify(other.as_str(), exp, &sig, now),
            None,
            "another key"
        );
        assert_eq!(
            media.verify(&path, exp, "00", now),
            None,
            "a made-up signature"
        );
        let later = Timestamp::from_second(exp).unwrap();
        assert_eq!(media.verify(&path, exp, &sig, later), None, "expired");
        let restarted = EmbeddedMedia::in_memory("http://127.0.0.1:9");
        assert_eq!(
            restarted.verify(&path, exp, &sig, now),
            None,
            "another process's key"
        );
    }
}
