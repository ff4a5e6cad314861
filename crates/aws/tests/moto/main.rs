//! Every test of the AWS adapters that needs an AWS-API server: one test binary, so
//! one moto_server (started on first use, killed when the binary exits).

mod contract;
mod friends;
mod media;
mod queues;
mod rate_limit;
mod schema;
mod secrets;

use otodoke_aws::{create_tables, dynamodb_client, TableNames};

/// A DynamoDB client and a fresh set of tables under a random prefix.
pub async fn fresh_tables(sdk: &aws_config::SdkConfig) -> (aws_sdk_dynamodb::Client, TableNames) {
    let prefix = format!("t{}-", uuid::Uuid::new_v4().simple());
    let names = TableNames::prefixed(&prefix);
    let client = dynamodb_client(sdk);
    create_tables(&client, &names)
        .await
        .expect("creating the tables on moto");
    (client, names)
}
