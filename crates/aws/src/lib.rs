//! DynamoDB and SQS adapters for the ports in `otodoke-core`.
