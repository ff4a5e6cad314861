//! `SecretsManagerSource` against moto's Secrets Manager.

use otodoke_aws::{secrets_client, SecretsManagerSource};
use otodoke_core::organization::SecretRef;
use otodoke_core::ports::SecretSource;
use otodoke_core::StoreError;
use otodoke_moto::MotoServer;
use std::time::Duration;

#[tokio::test]
async fn a_secret_is_read_once_and_then_served_from_the_cache_until_forgotten() {
    let sdk = MotoServer::shared().sdk_config().await;
    let client = secrets_client(&sdk);
    let name = format!(
        "otodoke/test/{}/channel-secret",
        uuid::Uuid::new_v4().simple()
    );
    client
        .create_secret()
        .name(&name)
        .secret_string("8c570fa6dd201bb328f1c1eac23a96d8")
        .send()
        .await
        .unwrap();
    let source = SecretsManagerSource::new(client.clone());
    let reference = SecretRef(name.clone());
    assert_eq!(
        source.secret(&reference).await.unwrap(),
        "8c570fa6dd201bb328f1c1eac23a96d8"
    );

    // Gone from Secrets Manager, still cached: no second call was made.
    client
        .delete_secret()
        .secret_id(&name)
        .force_delete_without_recovery(true)
        .send()
        .await
        .unwrap();
    assert_eq!(
        source.secret(&reference).await.unwrap(),
        "8c570fa6dd201bb328f1c1eac23a96d8"
    );

    source.forget(&reference).await;
    let result = source.secret(&reference).await;
    assert!(matches!(result, Err(StoreError::NotFound(_))), "{result:?}");
}

#[tokio::test]
async fn the_source_never_prints_its_secrets() {
    let sdk = MotoServer::shared().sdk_config().await;
    let client = secrets_client(&sdk);
    let name = format!("otodoke/test/{}/token", uuid::Uuid::new_v4().simple());
    client
        .create_secret()
        .name(&name)
        .secret_string("very-secret-token")
        .send()
        .await
        .unwrap();
    let source = SecretsManagerSource::new(client);
    source.secret(&SecretRef(name)).await.unwrap();
    assert!(!format!("{source:?}").contains("very-secret-token"));
}

#[tokio::test]
async fn a_rotated_secret_is_read_after_the_ttl_or_at_once_on_refresh() {
    let sdk = MotoServer::shared().sdk_config().await;
    let client = secrets_client(&sdk);
    let name = format!("otodoke/test/{}/rotated", uuid::Uuid::new_v4().simple());
    client
        .create_secret()
        .name(&name)
        .secret_string("old")
        .send()
        .await
        .unwrap();
    let reference = SecretRef(name.clone());
    let cached = SecretsManagerSource::new(client.clone());
    let short = SecretsManagerSource::new(client.clone()).with_ttl(Duration::from_millis(200));
    assert_eq!(cached.secret(&reference).await.unwrap(), "old");
    assert_eq!(short.secret(&reference).await.unwrap(), "old");
    client
        .put_secret_value()
        .secret_id(&name)
        .secret_string("new")
        .send()
        .await
        .unwrap();
    // Within the TTL the cache answers; a refresh (after LINE's 401 or a failed
    // signature) reads the new value and caches it.
    assert_eq!(cached.secret(&reference).await.unwrap(), "old");
    assert_eq!(cached.refresh(&reference).await.unwrap(), "new");
    assert_eq!(cached.secret(&reference).await.unwrap(), "new");
    // Past the TTL the next read fetches it on its own.
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(short.secret(&reference).await.unwrap(), "new");
}

#[tokio::test]
async fn tracked_links_are_on_only_with_a_readable_key_and_an_http_base() {
    use otodoke_aws::secrets::{link_tracking, LinkKeyError};
    let sdk = MotoServer::shared().sdk_config().await;
    let client = secrets_client(&sdk);
    let name = format!("otodoke/test/{}/link-key", uuid::Uuid::new_v4().simple());
    client
        .create_secret()
        .name(&name)
        .secret_string("k".repeat(64))
        .send()
        .await
        .unwrap();
    let base = Some("https://abc.execute-api.ap-northeast-1.amazonaws.com/");
    let (_, got) = link_tracking(&client, Some(&name), base).await.unwrap();
    assert_eq!(got, "https://abc.execute-api.ap-northeast-1.amazonaws.com");

    let off = link_tracking(&client, Some(&name), None).await;
    assert!(matches!(off, Err(LinkKeyError::NoBase)));
    let off = link_tracking(&client, Some(&name), Some("abc.example")).await;
    assert!(matches!(off, Err(LinkKeyError::NoBase)));
    let off = link_tracking(&client, Some(""), base).await;
    assert!(matches!(off, Err(LinkKeyError::Missing)));
    let off = link_tracking(&client, Some("otodoke/test/no-such-key"), base).await;
    assert!(matches!(off, Err(LinkKeyError::Unreadable(_))));

    let short = format!("{name}-short");
    client
        .create_secret()
        .name(&short)
        .secret_string("too-short")
        .send()
        .await
        .unwrap();
    let off = link_tracking(&client, Some(&short), base).await;
    assert!(matches!(off, Err(LinkKeyError::Weak(_))));
}
