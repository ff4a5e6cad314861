//! The hello-world plus what every otodoke function does before its handler: the
//! AWS SDK configuration (`otodoke_aws::config::load_sdk_config`) and one DynamoDB,
//! SQS and Secrets Manager client. Its cold start minus `hello-lambda`'s is the
//! price of the SDK's start-up (configuration chain, HTTP client, root certificates).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let sdk = otodoke_aws::config::load_sdk_config().await;
    let clients = (
        otodoke_aws::dynamodb_client(&sdk),
        otodoke_aws::sqs_client(&sdk),
        otodoke_aws::secrets_client(&sdk),
    );
    let clients = &clients;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        // Keep the clients alive (and built) for the process's life, as a function does.
        let _ = clients;
        Ok::<_, Error>(event.payload)
    }))
    .await
}
