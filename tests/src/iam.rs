//! Each function's IAM policy as `infra/template.yaml` grants it: SAM policy templates
//! expanded, `!Ref`/`!GetAtt`/`!Sub` resolved to one test stage's resource names, and
//! a matcher that answers whether a policy allows an action on a resource, as IAM's
//! identity-policy evaluation does for `Allow` statements (wildcards `*` and `?`).

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// moto's default account.
pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = otodoke_moto::REGION;

/// The functions of the template, by logical id, and the short names tests use.
pub const FUNCTIONS: [(&str, &str); 9] = [
    ("WebhookFunction", "webhook"),
    ("ResponderFunction", "responder"),
    ("AdminApiFunction", "admin-api"),
    ("SchedulerFunction", "scheduler"),
    ("PlannerFunction", "planner"),
    ("SenderFunction", "sender"),
    ("MenusFunction", "menus"),
    ("RedirectFunction", "redirect"),
    ("MediaFunction", "media"),
];

/// One `Allow` statement, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub actions: Vec<String>,
    pub resources: Vec<String>,
}

/// A function's identity policy: its `Allow` statements (the template has no `Deny`).
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub statements: Vec<Statement>,
}

impl Policy {
    /// Whether some statement allows `action` (`service:Operation`) on `resource`.
    pub fn allows(&self, action: &str, resource: &str) -> bool {
        self.statements.iter().any(|s| {
            s.actions.iter().any(|a| glob(a, action, true))
                && s.resources.iter().any(|r| glob(r, resource, false))
        })
    }

    /// The policy document moto enforces. moto authorizes DynamoDB, Secrets Manager
    /// and Cognito requests against the resource `*` only (it does not work out the
    /// table, secret or user pool), and knows `dynamodb:TransactWriteItems`/`TransactGetItems`
    /// as actions where IAM checks each item's own action: for those services the
    /// statements keep their actions but apply to `*`, and the test's own
    /// [`Policy::allows`] checks every call's resources (see `crate::observe`). SQS
    /// statements are enforced by moto as written (it resolves the queue's ARN),
    /// except that moto knows the batch operations (`sqs:DeleteMessageBatch`) as
    /// actions where IAM authorizes them as the single ones (`sqs:DeleteMessage`):
    /// each SQS action is granted with its `Batch` twin too.
    pub fn for_moto(&self) -> Value {
        let mut statements: Vec<Value> = self
            .statements
            .iter()
            .map(|s| {
                let mut actions = s.actions.clone();
                for action in &s.actions {
                    if action.starts_with("sqs:") && !action.ends_with('*') {
                        actions.push(format!("{action}Batch"));
                    }
                }
                let resource_blind = s.actions.iter().all(|a| {
                    a.starts_with("dynamodb:")
                        || a.starts_with("secretsmanager:")
                        || a.starts_with("cognito-idp:")
                });
                json!({
                    "Effect": "Allow",
                    "Action": actions,
                    "Resource": if resource_blind { json!("*") } else { json!(s.resources) },
                })
            })
            .collect();
        if self
            .statements
            .iter()
            .any(|s| s.actions.iter().any(|a| a.starts_with("dynamodb:")))
        {
            statements.push(json!({
                "Effect": "Allow",
                "Action": ["dynamodb:TransactWriteItems", "dynamodb:TransactGetItems"],
                "Resource": "*",
            }));
        }
        json!({"Version": "2012-10-17", "Statement": statements})
    }
}

/// IAM's wildcard match: `*` any run, `?` one character; actions compare without case.
pub fn glob(pattern: &str, value: &str, ignore_case: bool) -> bool {
    let (p, v): (Vec<char>, Vec<char>) = if ignore_case {
        (
            pattern.to_ascii_lowercase().chars().collect(),
            value.to_ascii_lowercase().chars().collect(),
        )
    } else {
        (pattern.chars().collect(), value.chars().collect())
    };
    let (mut pi, mut vi, mut star, mut mark) = (0, 0, None, 0);
    while vi < v.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == v[vi]) {
            pi += 1;
            vi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = vi;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            vi = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// The template as JSON (short-form tags in long form), through moto's Python.
pub fn load_template(root: &Path) -> Value {
    // moto's interpreter: next to OTODOKE_MOTO_SERVER when that names it (a worktree
    // without its own .venv), else the workspace's .venv.
    let python = std::env::var_os("OTODOKE_MOTO_SERVER")
        .map(|server| Path::new(&server).with_file_name("python"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| root.join(".venv/bin/python"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/template_to_json.py");
    let output = Command::new(&python)
        .arg(script)
        .arg(root.join("infra/template.yaml"))
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", python.display()));
    assert!(
        output.status.success(),
        "template_to_json.py: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the template as JSON")
}

/// Resolves intrinsic functions for one stage of the template.
pub struct Resolver<'a> {
    pub template: &'a Value,
    pub stage: String,
    /// The id Cognito gave the stage's `AdminUserPool` (its ARN names it).
    pub user_pool_id: String,
}

impl Resolver<'_> {
    fn resource(&self, id: &str) -> &Value {
        &self.template["Resources"][id]
    }

    /// A table's or queue's physical name (its `TableName`/`QueueName`); a bucket
    /// without a `BucketName` gets the stage-qualified name CloudFormation would
    /// generate in its place.
    pub fn physical_name(&self, id: &str) -> String {
        let props = &self.resource(id)["Properties"];
        if self.resource(id)["Type"] == "AWS::S3::Bucket" && props.get("BucketName").is_none() {
            return format!("otodoke-{}-{}", self.stage, id.to_ascii_lowercase());
        }
        let name = props
            .get("TableName")
            .or_else(|| props.get("QueueName"))
            .unwrap_or_else(|| panic!("{id} has no TableName or QueueName"));
        self.string(name)
    }

    fn attribute(&self, id: &str, attribute: &str) -> String {
        let kind = self.resource(id)["Type"].as_str().unwrap_or_default();
        if kind == "AWS::Cognito::UserPool" && attribute == "Arn" {
            return format!(
                "arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{}",
                self.user_pool_id
            );
        }
        let name = self.physical_name(id);
        match (kind, attribute) {
            ("AWS::SQS::Queue", "QueueName") => name,
            ("AWS::SQS::Queue", "Arn") => format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"),
            ("AWS::DynamoDB::Table", "Arn") => {
                format!("arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}")
            }
            ("AWS::S3::Bucket", "Arn") => format!("arn:aws:s3:::{name}"),
            _ => panic!("!GetAtt {id}.{attribute} is not resolved by the system tests"),
        }
    }

    /// A value with its intrinsic functions resolved to a string.
    pub fn string(&self, value: &Value) -> String {
        if let Some(s) = value.as_str() {
            return s.to_owned();
        }
        if let Some(id) = value.get("Ref").and_then(Value::as_str) {
            return match id {
                "Stage" => self.stage.clone(),
                "AWS::Region" => REGION.into(),
                "AWS::AccountId" => ACCOUNT.into(),
                "AWS::Partition" => "aws".into(),
                // A secret's Ref is its ARN: its name, then the six random
                // characters Secrets Manager appends.
                _ if self.resource(id)["Type"] == "AWS::SecretsManager::Secret" => format!(
                    "arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{}-??????",
                    self.string(&self.resource(id)["Properties"]["Name"])
                ),
                _ => self.physical_name(id),
            };
        }
        if let Some(args) = value.get("Fn::GetAtt").and_then(Value::as_array) {
            let part = |i: usize| args[i].as_str().unwrap_or_default();
            return self.attribute(part(0), part(1));
        }
        if let Some(text) = value.get("Fn::Sub").and_then(Value::as_str) {
            return self.substitute(text);
        }
        panic!("unresolved intrinsic {value}")
    }

    fn substitute(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let end = start + rest[start..].find('}').expect("a closed ${...}");
            let name = &rest[start + 2..end];
            out.push_str(&match name.split_once('.') {
                Some((id, attribute)) => self.attribute(id, attribute),
                None => self.string(&json!({ "Ref": name })),
            });
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    fn table_arns(&self, table: &Value) -> Vec<String> {
        let name = self.string(table);
        let arn = format!("arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}");
        vec![arn.clone(), format!("{arn}/index/*")]
    }

    /// The SAM policy templates the template uses, expanded as aws-sam-translator's
    /// `policy_templates.json` defines them; anything else fails loudly.
    fn expand(&self, entry: &Value) -> Vec<Statement> {
        let dynamodb = |args: &Value, actions: &[&str]| Statement {
            actions: actions.iter().map(|a| format!("dynamodb:{a}")).collect(),
            resources: self.table_arns(&args["TableName"]),
        };
        let (name, args) = match entry.as_object().and_then(|o| o.iter().next()) {
            Some((name, args)) => (name.as_str(), args),
            None => panic!("a policy entry that is not a one-key object: {entry}"),
        };
        match name {
            // The template's conditions as the test stack has them: its own Cognito
            // pool (no external issuer).
            "Fn::If" => {
                let branches = args.as_array().expect("Fn::If takes a list");
                let holds = match branches[0].as_str() {
                    Some("UseCognito") => true,
                    Some("UseExternalIssuer") => false,
                    other => panic!("condition {other:?} is not modelled by the system tests"),
                };
                let chosen = &branches[if holds { 1 } else { 2 }];
                if chosen.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue") {
                    Vec::new()
                } else {
                    self.expand(chosen)
                }
            }
            "DynamoDBCrudPolicy" => vec![dynamodb(
                args,
                &[
                    "GetItem",
                    "DeleteItem",
                    "PutItem",
                    "Scan",
                    "Query",
                    "UpdateItem",
                    "BatchWriteItem",
                    "BatchGetItem",
                    "DescribeTable",
                    "ConditionCheckItem",
                ],
            )],
            "DynamoDBReadPolicy" => vec![dynamodb(
                args,
                &["GetItem", "Scan", "Query", "BatchGetItem", "DescribeTable"],
            )],
            "DynamoDBWritePolicy" => {
                vec![dynamodb(args, &["PutItem", "UpdateItem", "BatchWriteItem"])]
            }
            "SQSSendMessagePolicy" => vec![Statement {
                actions: vec!["sqs:SendMessage*".into()],
                resources: vec![format!(
                    "arn:aws:sqs:{REGION}:{ACCOUNT}:{}",
                    self.string(&args["QueueName"])
                )],
            }],
            "Statement" => args
                .as_array()
                .expect("a list of statements")
                .iter()
                .map(|s| {
                    assert_eq!(s["Effect"], "Allow", "only Allow statements are modelled");
                    let list = |v: &Value| match v {
                        Value::Array(items) => items.iter().map(|i| self.string(i)).collect(),
                        other => vec![self.string(other)],
                    };
                    Statement {
                        actions: list(&s["Action"]),
                        resources: list(&s["Resource"]),
                    }
                })
                .collect(),
            other => panic!("SAM policy template {other} is not expanded by the system tests"),
        }
    }

    /// Every function's policy, by short name ([`FUNCTIONS`]).
    pub fn policies(&self) -> BTreeMap<&'static str, Policy> {
        FUNCTIONS
            .iter()
            .map(|(id, short)| {
                let policies = self.resource(id)["Properties"]["Policies"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{id} has no Policies list"));
                let statements = policies.iter().flat_map(|p| self.expand(p)).collect();
                (*short, Policy { statements })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_key_is_readable_by_the_functions_that_send_tracked_links_and_no_other() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let template = load_template(&root);
        let resolver = Resolver {
            template: &template,
            stage: "t1".into(),
            user_pool_id: "ap-northeast-1_t1".into(),
        };
        let policies = resolver.policies();
        let key =
            format!("arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:otodoke/t1/link-key-AbC123");
        for (name, policy) in &policies {
            let reads = policy.allows("secretsmanager:GetSecretValue", &key);
            // Automations (responder, admin-api, menus), campaigns (sender), steps
            // (scheduler), and the redirect, which verifies friend tokens with it;
            // the planner, webhook and the rest never.
            let uses_links = [
                "responder",
                "admin-api",
                "menus",
                "sender",
                "scheduler",
                "redirect",
            ]
            .contains(name);
            assert_eq!(reads, uses_links, "{name} reading the link key");
        }
        // That secret only: not another stage's key.
        let other =
            format!("arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:otodoke/t2/link-key-AbC123");
        assert!(!policies["responder"].allows("secretsmanager:GetSecretValue", &other));
    }

    #[test]
    fn wildcards_match_as_iam_does() {
        assert!(glob("sqs:SendMessage*", "sqs:SendMessageBatch", true));
        assert!(glob(
            "arn:x:secret:otodoke/t/channels/*",
            "arn:x:secret:otodoke/t/channels/o/c-AbCdEf",
            false
        ));
        assert!(!glob("arn:x:table/a", "arn:x:table/ab", false));
        assert!(glob("a?c", "abc", false));
        assert!(!glob("DynamoDB:GetItem", "dynamodb:PutItem", true));
    }
}
