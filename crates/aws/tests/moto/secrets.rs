//! `SecretsManagerSource` against moto's Secrets Manager.

use otodoke_aws::{secrets_client, SecretsManagerSource};
use otodoke_core::organization::SecretRef;
use otodoke_core::ports::SecretSource;
use otodoke_core::StoreError;
use otodoke_moto::MotoServer;

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
