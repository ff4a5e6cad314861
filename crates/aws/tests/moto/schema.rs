//! The tables `create_tables` makes are the ones `docs/data-model.md` describes.

use crate::fresh_tables;
use aws_sdk_dynamodb::types::{ProjectionType, TimeToLiveStatus};
use otodoke_aws::create_tables;
use otodoke_moto::MotoServer;

#[tokio::test]
async fn create_tables_makes_every_table_with_its_indexes_and_ttl() {
    let sdk = MotoServer::shared().sdk_config().await;
    let (client, names) = fresh_tables(&sdk).await;

    let friends = client
        .describe_table()
        .table_name(&names.friends)
        .send()
        .await
        .unwrap()
        .table
        .unwrap();
    let audience = &friends.global_secondary_indexes()[0];
    assert_eq!(audience.index_name(), Some("audience"));
    assert_eq!(
        audience.projection().and_then(|p| p.projection_type()),
        Some(&ProjectionType::KeysOnly)
    );

    let conversations = client
        .describe_table()
        .table_name(&names.conversations)
        .send()
        .await
        .unwrap()
        .table
        .unwrap();
    assert_eq!(
        conversations.local_secondary_indexes()[0].index_name(),
        Some("line_message")
    );

    for table in [&names.idempotency, &names.quota, &names.conversations] {
        let ttl = client
            .describe_time_to_live()
            .table_name(table)
            .send()
            .await
            .unwrap()
            .time_to_live_description
            .unwrap();
        assert_eq!(ttl.time_to_live_status(), Some(&TimeToLiveStatus::Enabled));
        assert_eq!(ttl.attribute_name(), Some("expires_at"));
    }
}

#[tokio::test]
async fn creating_the_tables_again_leaves_them_as_they_are() {
    let sdk = MotoServer::shared().sdk_config().await;
    let (client, names) = fresh_tables(&sdk).await;
    create_tables(&client, &names).await.unwrap();
    for table in names.all() {
        let described = client.describe_table().table_name(table).send().await;
        assert!(
            described.is_ok(),
            "{table} is missing after a second create_tables"
        );
    }
}
