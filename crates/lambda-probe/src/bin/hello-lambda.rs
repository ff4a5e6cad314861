//! The hello-world baseline: the smallest useful `lambda_runtime` function. It
//! answers each event with the event itself, or reports an error when the event is
//! `{"fail": "<message>"}` (so that the error route can be tested too).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::Value;

async fn echo(event: LambdaEvent<Value>) -> Result<Value, Error> {
    if let Some(message) = event.payload.get("fail").and_then(Value::as_str) {
        return Err(message.to_owned().into());
    }
    Ok(event.payload)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(echo)).await
}
