//! The system as AWS runs it, for the end-to-end tests in `tests/`: the
//! functions' own handlers over the AWS adapters against moto_server, with each
//! function's IAM policy read from `infra/template.yaml` and enforced, the LINE
//! sandbox for LINE, and a driver playing the SQS event source mappings while it
//! counts every AWS request (for `docs/cost.md`).
//!
//! - [`iam`]: the template's policies, expanded and resolved per test stage;
//! - [`observe`]: the interceptor that checks every call against its function's
//!   policy (what moto cannot judge) and counts requests and DynamoDB capacity;
//! - [`world`]: moto with IAM enforced, one stage's tables, queues, users and sandbox;
//! - [`system`]: the handlers, API Gateway (webhook, admin API behind its JWT
//!   authorizer, redirect), and the queue driver;
//! - [`operator`]: staff at the console, calling the admin API through API Gateway;
//! - [`deployed`]: the smoke test's checks, for a deployed stack (and this world).

pub mod deployed;
pub mod iam;
pub mod observe;
pub mod operator;
pub mod seed;
pub mod system;
pub mod world;
