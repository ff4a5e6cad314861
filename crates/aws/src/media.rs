//! `MediaStore` on S3: one object per media key in a private, encrypted bucket
//! (infra/template.yaml), read by LINE and browsers through presigned GET URLs.
//!
//! A presigned URL is valid for what the caller asks, capped at S3's 7 days, and never
//! longer than the credentials that signed it (a Lambda role's session lasts hours),
//! which is why callers ask for a URL when they need one instead of storing it.

use crate::error::store_unavailable;
use async_trait::async_trait;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{Delete, ObjectIdentifier};
use aws_sdk_s3::Client;
use jiff::SignedDuration;
use otodoke_core::media::{MediaKey, MediaPrefix, StoredMedia};
use otodoke_core::ports::MediaStore;
use otodoke_core::StoreError;

/// SigV4 presigned URLs live at most 7 days.
const MAX_URL_LIFETIME: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);
/// DeleteObjects takes at most 1,000 keys a call.
const DELETE_BATCH: usize = 1_000;

/// Media in an S3 bucket.
#[derive(Debug, Clone)]
pub struct S3Media {
    client: Client,
    bucket: String,
}

impl S3Media {
    pub fn new(client: Client, bucket: impl Into<String>) -> Self {
        Self {
            client,
            bucket: bucket.into(),
        }
    }

    /// The store on the bucket named by `OTODOKE_MEDIA_BUCKET`.
    pub fn from_env(sdk: &aws_config::SdkConfig) -> Result<Self, crate::ConfigError> {
        let bucket = std::env::var("OTODOKE_MEDIA_BUCKET")
            .ok()
            .filter(|b| !b.is_empty())
            .ok_or(crate::ConfigError::Missing("OTODOKE_MEDIA_BUCKET".into()))?;
        Ok(Self::new(crate::s3_client(sdk), bucket))
    }
}

#[async_trait]
impl MediaStore for S3Media {
    async fn put(
        &self,
        key: &MediaKey,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<(), StoreError> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .content_type(content_type)
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|e| store_unavailable("PutObject", e))?;
        Ok(())
    }

    async fn get(&self, key: &MediaKey) -> Result<Option<StoredMedia>, StoreError> {
        let out = match self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
        {
            Ok(out) => out,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => return Ok(None),
            Err(e) => return Err(store_unavailable("GetObject", e)),
        };
        let content_type = out
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_owned();
        let body = out
            .body
            .collect()
            .await
            .map_err(|e| StoreError::Unavailable(Box::new(e)))?
            .into_bytes()
            .to_vec();
        Ok(Some(StoredMedia { content_type, body }))
    }

    async fn url(&self, key: &MediaKey, valid_for: SignedDuration) -> Result<String, StoreError> {
        let lifetime = valid_for
            .unsigned_abs()
            .clamp(std::time::Duration::from_secs(1), MAX_URL_LIFETIME);
        let config = PresigningConfig::expires_in(lifetime)
            .map_err(|e| StoreError::Unavailable(Box::new(e)))?;
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .presigned(config)
            .await
            .map_err(|e| store_unavailable("presign GetObject", e))?;
        Ok(request.uri().to_owned())
    }

    /// DeleteObject answers success for a missing key too.
    async fn delete(&self, key: &MediaKey) -> Result<(), StoreError> {
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
            .map_err(|e| store_unavailable("DeleteObject", e))?;
        Ok(())
    }

    /// ListObjectsV2 pages of the prefix, each deleted with one DeleteObjects.
    async fn delete_prefix(&self, prefix: &MediaPrefix) -> Result<u64, StoreError> {
        let mut deleted = 0u64;
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .list_objects_v2()
                .bucket(&self.bucket)
                .prefix(prefix.as_str())
                .set_continuation_token(token.take())
                .send()
                .await
                .map_err(|e| store_unavailable("ListObjectsV2", e))?;
            let keys: Vec<ObjectIdentifier> = page
                .contents()
                .iter()
                .filter_map(|o| o.key())
                .filter_map(|k| ObjectIdentifier::builder().key(k).build().ok())
                .collect();
            for chunk in keys.chunks(DELETE_BATCH) {
                let delete = Delete::builder()
                    .set_objects(Some(chunk.to_vec()))
                    .quiet(true)
                    .build()
                    .map_err(|e| StoreError::Unavailable(Box::new(e)))?;
                let out = self
                    .client
                    .delete_objects()
                    .bucket(&self.bucket)
                    .delete(delete)
                    .send()
                    .await
                    .map_err(|e| store_unavailable("DeleteObjects", e))?;
                if let Some(error) = out.errors().first() {
                    // Erasure must not report success with objects left behind.
                    return Err(StoreError::Unavailable(
                        format!(
                            "DeleteObjects refused {} object(s): {}",
                            out.errors().len(),
                            error.code().unwrap_or("unknown")
                        )
                        .into(),
                    ));
                }
                deleted += chunk.len() as u64;
            }
            match page.next_continuation_token() {
                Some(next) if page.is_truncated() == Some(true) => token = Some(next.to_owned()),
                _ => return Ok(deleted),
            }
        }
    }
}
