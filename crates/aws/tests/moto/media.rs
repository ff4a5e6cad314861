//! The `MediaStore` contract cases against `S3Media` on moto, and what only S3 does:
//! a presigned URL serves the object over plain HTTP GET.

use otodoke_aws::{s3_client, S3Media};
use otodoke_contract::cases;
use otodoke_core::media::MediaKey;
use otodoke_core::ports::MediaStore;
use otodoke_moto::MotoServer;
use std::sync::Arc;

/// A fresh bucket, as the template declares it: private (no public access) and
/// encrypted by default.
async fn fresh_bucket() -> Arc<S3Media> {
    let sdk = MotoServer::shared().sdk_config().await;
    let client = s3_client(&sdk);
    let bucket = format!("media-{}", uuid::Uuid::new_v4().simple());
    client
        .create_bucket()
        .bucket(&bucket)
        .create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::ApNortheast1)
                .build(),
        )
        .send()
        .await
        .expect("creating a bucket on moto");
    Arc::new(S3Media::new(client, bucket))
}

#[tokio::test]
async fn media_put_then_get_returns_the_bytes_and_content_type_and_delete_removes_one_key() {
    cases::media_put_then_get_returns_the_bytes_and_content_type_and_delete_removes_one_key(
        fresh_bucket().await,
    )
    .await;
}

#[tokio::test]
async fn media_urls_are_http_and_differ_per_key() {
    cases::media_urls_are_http_and_differ_per_key(fresh_bucket().await).await;
}

#[tokio::test]
async fn media_delete_prefix_removes_one_friends_media_only() {
    cases::media_delete_prefix_removes_one_friends_media_only(fresh_bucket().await).await;
}

#[tokio::test]
async fn a_presigned_url_serves_the_object_over_plain_get() {
    let media = fresh_bucket().await;
    let key = MediaKey::parse("acme/out/shibuya/01HZZZZZZZZZZZZZZZZZZZZZZZ").unwrap();
    let body = b"\x89PNG\r\n\x1a\nbytes".to_vec();
    media.put(&key, "image/png", body.clone()).await.unwrap();
    let url = media
        .url(&key, jiff::SignedDuration::from_mins(5))
        .await
        .unwrap();
    let got = reqwest::get(&url).await.unwrap();
    assert_eq!(got.status(), 200, "{url}");
    assert_eq!(got.headers()["content-type"].to_str().unwrap(), "image/png");
    assert_eq!(got.bytes().await.unwrap().as_ref(), body.as_slice());
}
