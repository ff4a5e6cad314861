//! What every function asks of AWS, seen from inside its SDK clients (an
//! interceptor): each request is checked against the function's template policy,
//! action and resources (a call the template does not allow fails, as IAM would
//! fail it, and is recorded with the action and resource named), and counted with an
//! estimate of the DynamoDB capacity it consumes.
//!
//! Capacity is estimated from the JSON sizes, as on-demand DynamoDB bills it: a write
//! is one write unit per started KiB of item (two in a transaction), a read half a
//! unit per started 4 KiB (eventually consistent; one when strongly consistent, two in
//! a transaction). The JSON is a little larger than DynamoDB's item size, so these
//! are upper bounds. (moto's own `ConsumedCapacity` is a constant per operation.)

use crate::iam::{Policy, ACCOUNT, REGION};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    AfterDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use parking_lot::Mutex;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Requests counted per (function, `service:Operation`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub requests: BTreeMap<(String, String), u64>,
    /// DynamoDB write and read request units (estimates, see the module).
    pub write_units: f64,
    pub read_units: f64,
    /// DynamoDB items written (put, update, delete), the webhook-path target's measure.
    pub items_written: BTreeMap<String, u64>,
}

impl Counts {
    /// What happened between `before` and `self`.
    pub fn since(&self, before: &Counts) -> Counts {
        let mut out = self.clone();
        for (key, n) in &before.requests {
            *out.requests.get_mut(key).expect("counts only grow") -= n;
        }
        out.requests.retain(|_, n| *n > 0);
        for (key, n) in &before.items_written {
            *out.items_written.get_mut(key).expect("counts only grow") -= n;
        }
        out.items_written.retain(|_, n| *n > 0);
        out.write_units -= before.write_units;
        out.read_units -= before.read_units;
        out
    }

    /// Requests to `service` (`dynamodb`, `sqs`, `secretsmanager`) by every function.
    pub fn service(&self, service: &str) -> u64 {
        self.requests
            .iter()
            .filter(|((_, action), _)| action.starts_with(&format!("{service}:")))
            .map(|(_, n)| n)
            .sum()
    }

    /// Requests by `function`.
    pub fn by(&self, function: &str) -> u64 {
        self.requests
            .iter()
            .filter(|((f, _), _)| f == function)
            .map(|(_, n)| n)
            .sum()
    }
}

/// The shared record every function's interceptor writes to.
#[derive(Debug, Default)]
pub struct Ledger {
    counts: Mutex<Counts>,
    denied: Mutex<Vec<String>>,
}

impl Ledger {
    pub fn counts(&self) -> Counts {
        self.counts.lock().clone()
    }

    /// Every call a template policy did not allow: `function: action on resource`.
    pub fn denied(&self) -> Vec<String> {
        self.denied.lock().clone()
    }
}

/// One function's interceptor.
#[derive(Debug, Clone)]
pub struct Observer {
    pub function: &'static str,
    pub policy: Arc<Policy>,
    pub ledger: Arc<Ledger>,
}

/// What the request said, for the response's read estimate.
#[derive(Debug, Clone)]
struct Note {
    operation: String,
    strongly_consistent: bool,
}

impl Storable for Note {
    type Storer = StoreReplace<Self>;
}

/// The IAM action and resources of one request, and its write units.
pub struct Access {
    pub checks: Vec<(String, String)>,
    pub write_units: f64,
    pub items_written: u64,
}

fn table_arn(name: &str) -> String {
    format!("arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}")
}

fn kib(value: &Value, unit: f64) -> f64 {
    (value.to_string().len() as f64 / unit).ceil().max(1.0)
}

/// Works out what a request touches from its JSON body.
pub fn access(service: &str, operation: &str, body: &Value) -> Access {
    let mut checks = Vec::new();
    let (mut write_units, mut items_written) = (0.0, 0);
    let action = |op: &str| format!("{service}:{op}");
    match service {
        "dynamodb" => {
            let table = body["TableName"].as_str().unwrap_or_default();
            match operation {
                "TransactWriteItems" => {
                    for item in body["TransactItems"].as_array().into_iter().flatten() {
                        for (kind, op) in [
                            ("Put", "PutItem"),
                            ("Update", "UpdateItem"),
                            ("Delete", "DeleteItem"),
                            ("ConditionCheck", "ConditionCheckItem"),
                        ] {
                            if let Some(inner) = item.get(kind) {
                                let t = inner["TableName"].as_str().unwrap_or_default();
                                checks.push((action(op), table_arn(t)));
                                write_units += 2.0 * kib(inner, 1024.0);
                                if kind != "ConditionCheck" {
                                    items_written += 1;
                                }
                            }
                        }
                    }
                }
                "TransactGetItems" => {
                    for item in body["TransactItems"].as_array().into_iter().flatten() {
                        let t = item["Get"]["TableName"].as_str().unwrap_or_default();
                        checks.push((action("GetItem"), table_arn(t)));
                    }
                }
                "BatchWriteItem" | "BatchGetItem" => {
                    for (t, requests) in body["RequestItems"].as_object().into_iter().flatten() {
                        checks.push((action(operation), table_arn(t)));
                        if operation == "BatchWriteItem" {
                            for r in requests.as_array().into_iter().flatten() {
                                write_units += kib(r, 1024.0);
                                items_written += 1;
                            }
                        }
                    }
                }
                _ => {
                    let resource = match body["IndexName"].as_str() {
                        Some(index) => format!("{}/index/{index}", table_arn(table)),
                        None => table_arn(table),
                    };
                    checks.push((action(operation), resource));
                    if matches!(operation, "PutItem" | "UpdateItem" | "DeleteItem") {
                        write_units += kib(body, 1024.0);
                        items_written += 1;
                    }
                }
            }
        }
        "secretsmanager" => {
            let id = body["SecretId"]
                .as_str()
                .or(body["Name"].as_str())
                .unwrap_or_default();
            let arn = if id.starts_with("arn:") {
                id.to_owned()
            } else {
                // Real secret ARNs end in a random six-character suffix.
                format!("arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{id}-AbCdEf")
            };
            checks.push((action(operation), arn));
        }
        "cognito-idp" => {
            let pool = body["UserPoolId"].as_str().unwrap_or_default();
            checks.push((
                action(operation),
                format!("arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{pool}"),
            ));
        }
        "sqs" => {
            let url = body["QueueUrl"].as_str().unwrap_or_default();
            let name = url.rsplit('/').next().unwrap_or_default();
            // IAM has no batch actions: SendMessageBatch is authorized as
            // sqs:SendMessage, DeleteMessageBatch as sqs:DeleteMessage, ...
            checks.push((
                action(operation.strip_suffix("Batch").unwrap_or(operation)),
                format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"),
            ));
        }
        _ => checks.push((action(operation), "*".into())),
    }
    Access {
        checks,
        write_units,
        items_written,
    }
}

/// What an S3 request (path-style, as against moto) asks IAM for: the action and
/// resources IAM authorizes it by. A multi-object delete is authorized per object
/// as `s3:DeleteObject` (there is no `s3:DeleteObjects`), a listing as
/// `s3:ListBucket` on the bucket. Answers the operation's name for the counts too.
pub fn s3_access(method: &str, uri: &str, body: &[u8]) -> (String, Vec<(String, String)>) {
    let uri: http::Uri = uri.parse().unwrap_or_default();
    let path = uri.path().trim_start_matches('/');
    let query = uri.query().unwrap_or_default();
    let has = |name: &str| {
        query
            .split('&')
            .any(|p| p == name || p.starts_with(&format!("{name}=")))
    };
    let (bucket, key) = match path.split_once('/') {
        Some((bucket, key)) if !key.is_empty() => (bucket, Some(percent_decode(key))),
        _ => (path.trim_end_matches('/'), None),
    };
    let object = |key: &str| format!("arn:aws:s3:::{bucket}/{key}");
    let bucket_arn = format!("arn:aws:s3:::{bucket}");
    let one = |op: &str, action: &str, resource: String| {
        (op.to_owned(), vec![(format!("s3:{action}"), resource)])
    };
    match (method, key) {
        ("GET", Some(k)) => one("GetObject", "GetObject", object(&k)),
        ("HEAD", Some(k)) => one("HeadObject", "GetObject", object(&k)),
        ("PUT", Some(k)) => one("PutObject", "PutObject", object(&k)),
        ("DELETE", Some(k)) => one("DeleteObject", "DeleteObject", object(&k)),
        ("POST", None) if has("delete") => {
            let text = String::from_utf8_lossy(body);
            let checks = text
                .split("<Key>")
                .skip(1)
                .filter_map(|rest| rest.split_once("</Key>"))
                .map(|(k, _)| ("s3:DeleteObject".to_owned(), object(k)))
                .collect();
            ("DeleteObjects".to_owned(), checks)
        }
        ("GET", None) => one("ListObjectsV2", "ListBucket", bucket_arn),
        ("PUT", None) => one("CreateBucket", "CreateBucket", bucket_arn),
        (m, _) => one(&format!("{m} {path}"), "Unknown", bucket_arn),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        if let (b'%', Some(b)) = (bytes[i], hex) {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `DynamoDB_20120810.PutItem` -> (`dynamodb`, `PutItem`), and the JSON protocol's
/// other services alike.
fn target(header: &str) -> Option<(&'static str, String)> {
    let (prefix, operation) = header.split_once('.')?;
    let service = match prefix {
        p if p.starts_with("DynamoDB") => "dynamodb",
        "AmazonSQS" => "sqs",
        "secretsmanager" => "secretsmanager",
        "AWSCognitoIdentityProviderService" => "cognito-idp",
        p if p.starts_with("TrentService") => "kms",
        _ => return None,
    };
    Some((service, operation.to_owned()))
}

impl Observer {
    /// Checks one request's `checks` against the policy (a denial is recorded and
    /// fails the call, as IAM would), then counts it.
    fn admit(
        &self,
        service: &str,
        operation: &str,
        checks: &[(String, String)],
        write_units: f64,
        items_written: u64,
    ) -> Result<(), BoxError> {
        for (action, resource) in checks {
            if !self.policy.allows(action, resource) {
                let denial = format!("{}: {action} on {resource}", self.function);
                self.ledger.denied.lock().push(denial.clone());
                return Err(format!("the template does not allow {denial}").into());
            }
        }
        let mut counts = self.ledger.counts.lock();
        *counts
            .requests
            .entry((self.function.to_owned(), format!("{service}:{operation}")))
            .or_default() += 1;
        counts.write_units += write_units;
        if items_written > 0 {
            *counts
                .items_written
                .entry(self.function.to_owned())
                .or_default() += items_written;
        }
        Ok(())
    }
}

impl Intercept for Observer {
    fn name(&self) -> &'static str {
        "otodoke-system-tests-observer"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request();
        let Some((service, operation)) = request.headers().get("x-amz-target").and_then(target)
        else {
            // No JSON-protocol target: S3, the only REST service the functions call.
            let body = request.body().bytes().unwrap_or_default();
            let (operation, checks) = s3_access(request.method(), request.uri(), body);
            return self.admit("s3", &operation, &checks, 0.0, 0);
        };
        let body: Value = request
            .body()
            .bytes()
            .and_then(|b| serde_json::from_slice(b).ok())
            .unwrap_or(Value::Null);
        let access = access(service, &operation, &body);
        self.admit(
            service,
            &operation,
            &access.checks,
            access.write_units,
            access.items_written,
        )?;
        if service == "dynamodb" {
            cfg.interceptor_state().store_put(Note {
                operation,
                strongly_consistent: body["ConsistentRead"] == Value::Bool(true),
            });
        }
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(note) = cfg.load::<Note>() else {
            return Ok(());
        };
        let per_4k = match note.operation.as_str() {
            "GetItem" | "Query" | "Scan" | "BatchGetItem" => {
                if note.strongly_consistent {
                    1.0
                } else {
                    0.5
                }
            }
            "TransactGetItems" => 2.0,
            _ => return Ok(()),
        };
        let size = context.response().body().bytes().map_or(0, <[u8]>::len);
        let units = (size as f64 / 4096.0).ceil().max(1.0) * per_4k;
        self.ledger.counts.lock().read_units += units;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_requests_are_authorized_by_the_actions_iam_uses_per_object() {
        let url = "http://127.0.0.1:5000/media-bucket";
        assert_eq!(
            s3_access("GET", &format!("{url}/org/in/a%2Bb/1?x-id=GetObject"), b""),
            (
                "GetObject".into(),
                vec![(
                    "s3:GetObject".into(),
                    "arn:aws:s3:::media-bucket/org/in/a+b/1".into()
                )]
            )
        );
        assert_eq!(
            s3_access("GET", &format!("{url}?list-type=2&prefix=org%2F"), b"").1,
            [(
                "s3:ListBucket".to_owned(),
                "arn:aws:s3:::media-bucket".to_owned()
            )]
        );
        let delete =
            b"<Delete><Object><Key>a/1</Key></Object><Object><Key>a/2</Key></Object></Delete>";
        let (operation, checks) = s3_access("POST", &format!("{url}?delete"), delete);
        assert_eq!(operation, "DeleteObjects");
        assert_eq!(
            checks,
            [
                (
                    "s3:DeleteObject".to_owned(),
                    "arn:aws:s3:::media-bucket/a/1".to_owned()
                ),
                (
                    "s3:DeleteObject".to_owned(),
                    "arn:aws:s3:::media-bucket/a/2".to_owned()
                ),
            ]
        );
    }
}
