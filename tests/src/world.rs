//! One test's world: a stage of the template in moto (its tables, queues, secrets,
//! media bucket and staff user pool, and one IAM user per function holding that
//! function's template policy, enforced), the LINE sandbox, and clients per
//! function that carry its credentials and the [`Observer`]. `crate::system` builds
//! each function's handler over them as its `main` does, behind API Gateway.

use crate::iam::{self, Policy, Resolver};
use crate::observe::{Ledger, Observer};
use aws_config::SdkConfig;
use aws_credential_types::Credentials;
use otodoke_aws::{DynamoStores, SecretsManagerSource, SqsQueue, TableNames};
use otodoke_line_sandbox::{ChannelConfig, Faults, Sandbox, SandboxHandle};
use otodoke_moto::MotoServer;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

/// The administrator's access key (a moto IAM user with `*` on `*`), for seeding
/// and inspecting; created before moto starts enforcing IAM.
#[derive(Debug, Clone)]
pub struct Keys {
    pub access_key: String,
    pub secret_key: String,
}

/// moto, with IAM enforced from the moment [`moto`] returns, and the admin keys.
pub struct Moto {
    pub server: &'static MotoServer,
    pub admin: Keys,
    pub template: Value,
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

/// The shared moto_server of this test binary, switched to IAM enforcement.
pub fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(|| {
        std::thread::spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(bootstrap())
        })
        .join()
        .expect("moto bootstrap")
    })
}

async fn bootstrap() -> Moto {
    let server = MotoServer::shared();
    // While IAM is not enforced, any signature is accepted: create the admin.
    let nobody = Keys {
        access_key: "bootstrap".into(),
        secret_key: "bootstrap".into(),
    };
    let admin = create_user(
        server,
        &nobody,
        "admin",
        &serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
        }),
    )
    .await;
    let http = reqwest::Client::new();
    let reset = http
        .post(format!("{}/moto-api/reset-auth", server.endpoint_url()))
        .body("0")
        .send()
        .await
        .expect("moto reset-auth");
    assert!(
        reset.status().is_success(),
        "moto reset-auth: {}",
        reset.status()
    );
    let template = iam::load_template(&workspace_root());
    Moto {
        server,
        admin,
        template,
    }
}

/// One IAM query-protocol call to moto, signed with `keys`.
async fn iam_call(server: &MotoServer, keys: &Keys, params: &[(&str, &str)]) -> String {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_sigv4::sign::v4;
    let mut all = vec![("Version", "2010-05-08")];
    all.extend_from_slice(params);
    let body = all
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let url = format!("{}/", server.endpoint_url());
    let identity = Credentials::new(&keys.access_key, &keys.secret_key, None, None, "tests").into();
    let settings = SigningSettings::default();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("iam")
        .time(SystemTime::now())
        .settings(settings)
        .build()
        .unwrap()
        .into();
    let headers = [(
        "content-type",
        "application/x-www-form-urlencoded; charset=utf-8",
    )];
    let signable = SignableRequest::new(
        "POST",
        &url,
        headers.iter().copied(),
        SignableBody::Bytes(body.as_bytes()),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut request = http::Request::builder()
        .method("POST")
        .uri(&url)
        .header(headers[0].0, headers[0].1)
        .body(body.clone())
        .unwrap();
    instructions.apply_to_request_http1x(&mut request);
    let request = reqwest::Request::try_from(request).unwrap();
    let response = reqwest::Client::new().execute(request).await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "IAM {params:?}: {status} {text}");
    text
}

fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).expect(open) + open.len();
    &text[start..start + text[start..].find(close).expect(close)]
}

/// Creates IAM user `name` with the inline `policy` and returns its access key.
async fn create_user(server: &MotoServer, by: &Keys, name: &str, policy: &Value) -> Keys {
    iam_call(server, by, &[("Action", "CreateUser"), ("UserName", name)]).await;
    let document = policy.to_string();
    iam_call(
        server,
        by,
        &[
            ("Action", "PutUserPolicy"),
            ("UserName", name),
            ("PolicyName", "template"),
            ("PolicyDocument", &document),
        ],
    )
    .await;
    let created = iam_call(
        server,
        by,
        &[("Action", "CreateAccessKey"), ("UserName", name)],
    )
    .await;
    Keys {
        access_key: between(&created, "<AccessKeyId>", "</AccessKeyId>").to_owned(),
        secret_key: between(&created, "<SecretAccessKey>", "</SecretAccessKey>").to_owned(),
    }
}

/// The SDK configuration of one principal against moto.
pub async fn sdk_config(keys: &Keys) -> SdkConfig {
    moto()
        .server
        .config_loader()
        .credentials_provider(Credentials::new(
            &keys.access_key,
            &keys.secret_key,
            None,
            None,
            "system-tests",
        ))
        .load()
        .await
}

/// The clients of one function: its credentials, the project's retry policy, and
/// its [`Observer`].
#[derive(Clone)]
pub struct Clients {
    pub dynamodb: aws_sdk_dynamodb::Client,
    pub sqs: aws_sdk_sqs::Client,
    pub secrets: aws_sdk_secretsmanager::Client,
    /// S3 as `otodoke_aws::s3_client` builds it (path-style against moto). moto
    /// enforces the policy's S3 statements itself, resources included, and the
    /// [`Observer`] checks them too (see `crate::system::ServableMedia` for what
    /// moto cannot serve under enforcement).
    pub s3: aws_sdk_s3::Client,
    pub cognito: aws_sdk_cognitoidentityprovider::Client,
    /// The function's credentials against moto, for clients built without the
    /// [`Observer`] (what moto alone decides).
    pub sdk: SdkConfig,
}

impl Clients {
    fn new(sdk: &SdkConfig, observer: &Observer) -> Self {
        let retry = otodoke_aws::config::retry_config();
        Self {
            dynamodb: aws_sdk_dynamodb::Client::from_conf(
                aws_sdk_dynamodb::config::Builder::from(sdk)
                    .retry_config(retry.clone())
                    .interceptor(observer.clone())
                    .build(),
            ),
            sqs: aws_sdk_sqs::Client::from_conf(
                aws_sdk_sqs::config::Builder::from(sdk)
                    .retry_config(retry.clone())
                    .interceptor(observer.clone())
                    .build(),
            ),
            secrets: aws_sdk_secretsmanager::Client::from_conf(
                aws_sdk_secretsmanager::config::Builder::from(sdk)
                    .retry_config(retry)
                    .interceptor(observer.clone())
                    .build(),
            ),
            s3: aws_sdk_s3::Client::from_conf(
                otodoke_aws::s3_client(sdk)
                    .config()
                    .to_builder()
                    .interceptor(observer.clone())
                    .build(),
            ),
            cognito: aws_sdk_cognitoidentityprovider::Client::from_conf(
                aws_sdk_cognitoidentityprovider::config::Builder::from(sdk)
                    .interceptor(observer.clone())
                    .build(),
            ),
            sdk: sdk.clone(),
        }
    }

    pub fn stores(&self, names: &TableNames) -> DynamoStores {
        DynamoStores::new(self.dynamodb.clone(), names)
    }

    pub fn queue(&self, url: &str) -> SqsQueue {
        SqsQueue::new(self.sqs.clone(), url)
    }

    pub fn secret_source(&self) -> SecretsManagerSource {
        SecretsManagerSource::new(self.secrets.clone())
    }
}

/// A queue of the stage, as the template declares it.
#[derive(Debug, Clone)]
pub struct Queue {
    pub url: String,
    pub dead_letter_url: String,
    pub arn: String,
    pub max_receive_count: u32,
}

/// One stage of the template, seeded empty, with every function's clients.
pub struct Stage {
    pub stage: String,
    pub names: TableNames,
    pub events: Queue,
    pub planning: Queue,
    pub fanout: Queue,
    /// The media keeper's jobs (`otodoke_media::MediaJob`).
    pub media: Queue,
    /// The menus function's jobs (`otodoke_core::richmenu::MenuJob`).
    pub menu_jobs: Queue,
    pub admin: Clients,
    pub functions: BTreeMap<&'static str, Clients>,
    pub policies: BTreeMap<&'static str, Arc<Policy>>,
    pub ledger: Arc<Ledger>,
    pub sandbox: SandboxHandle,
    pub channel: ChannelConfig,
    /// The secret prefix the admin API writes under (`OTODOKE_SECRET_PREFIX`).
    pub secret_prefix: String,
    /// The template's `LinkKeySecret` (`otodoke/<stage>/link-key`), generated as
    /// CloudFormation generates it: the tracked links' key.
    pub link_key_secret: String,
    /// The template's `MediaBucket`.
    pub media_bucket: String,
    /// The template's `AdminUserPool`: where invited staff get their accounts.
    pub user_pool_id: String,
}

impl Stage {
    /// Creates stage `stage`: tables and queues named as the template names them,
    /// one IAM user per function with its template policy, and a LINE sandbox with
    /// one channel whose webhook URL is `webhook_url` (set later when `None`).
    pub async fn create(stage: &str, faults: Option<Faults>) -> Stage {
        let moto = moto();
        let admin_sdk = sdk_config(&moto.admin).await;
        let ledger = Arc::new(Ledger::default());
        // The template's AdminUserPool (the UseCognito branch), as CloudFormation
        // creates it: staff accounts with the custom:org attribute.
        let user_pool_id = create_user_pool(&admin_sdk, stage).await;
        let resolver = Resolver {
            template: &moto.template,
            stage: stage.to_owned(),
            user_pool_id: user_pool_id.clone(),
        };
        let table = |id: &str| resolver.physical_name(id);
        let names = TableNames {
            organizations: table("OrganizationsTable"),
            friends: table("FriendsTable"),
            idempotency: table("IdempotencyTable"),
            quota: table("QuotaTable"),
            conversations: table("ConversationsTable"),
            campaigns: table("CampaignsTable"),
            enrolments: table("EnrolmentsTable"),
            threads: table("ThreadsTable"),
            designer: table("DesignerTable"),
            metrics: table("MetricsTable"),
        };
        let admin_policy = Arc::new(Policy {
            statements: vec![iam::Statement {
                actions: vec!["*".into()],
                resources: vec!["*".into()],
            }],
        });
        let admin = Clients::new(
            &admin_sdk,
            &Observer {
                function: "admin (test)",
                policy: admin_policy,
                ledger: Arc::new(Ledger::default()),
            },
        );
        otodoke_aws::create_tables(&admin.dynamodb, &names)
            .await
            .expect("create the stage's tables");
        let queue = |id: &'static str| {
            let sqs = admin.sqs.clone();
            let resolver = &resolver;
            async move {
                let props = &resolver.template["Resources"][id]["Properties"];
                let name = resolver.physical_name(id);
                let fifo = props["FifoQueue"] == Value::Bool(true);
                let base = name.trim_end_matches(".fifo");
                let max_receive_count = props["RedrivePolicy"]["maxReceiveCount"]
                    .as_u64()
                    .expect("every queue has a redrive policy")
                    as u32;
                let visibility = props["VisibilityTimeout"].as_u64().unwrap_or(30);
                let created = otodoke_aws::create_queue(
                    &sqs,
                    base,
                    fifo,
                    Duration::from_secs(visibility),
                    max_receive_count,
                )
                .await
                .expect("create queue");
                Queue {
                    url: created.url,
                    dead_letter_url: created.dead_letter_url,
                    arn: format!("arn:aws:sqs:{}:{}:{name}", iam::REGION, iam::ACCOUNT),
                    max_receive_count,
                }
            }
        };
        let events = queue("EventsQueue").await;
        let planning = queue("PlanningQueue").await;
        let fanout = queue("FanoutQueue").await;
        let media = queue("MediaQueue").await;
        let menu_jobs = queue("MenuJobsQueue").await;
        let link_key_secret =
            resolver.string(&resolver.template["Resources"]["LinkKeySecret"]["Properties"]["Name"]);
        admin
            .secrets
            .create_secret()
            .name(&link_key_secret)
            .secret_string(format!(
                "{}{}",
                uuid::Uuid::new_v4().simple(),
                uuid::Uuid::new_v4().simple()
            ))
            .send()
            .await
            .expect("create the link key");
        let media_bucket = resolver.physical_name("MediaBucket");
        admin
            .s3
            .create_bucket()
            .bucket(&media_bucket)
            .create_bucket_configuration(
                aws_sdk_s3::types::CreateBucketConfiguration::builder()
                    .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::from(
                        iam::REGION,
                    ))
                    .build(),
            )
            .send()
            .await
            .expect("create the media bucket");

        let mut functions = BTreeMap::new();
        let mut policies = BTreeMap::new();
        for (function, policy) in resolver.policies() {
            let keys = create_user(
                moto.server,
                &moto.admin,
                &format!("{stage}-{function}"),
                &policy.for_moto(),
            )
            .await;
            let policy = Arc::new(policy);
            let observer = Observer {
                function,
                policy: policy.clone(),
                ledger: ledger.clone(),
            };
            functions.insert(function, Clients::new(&sdk_config(&keys).await, &observer));
            policies.insert(function, policy);
        }

        let channel = ChannelConfig::new(format!("2{:09}", stage_number(stage)));
        let mut builder = Sandbox::builder().channel(channel.clone());
        if let Some(faults) = faults {
            builder = builder.faults(faults);
        }
        let sandbox = builder.start().await.expect("start the LINE sandbox");
        Stage {
            stage: stage.to_owned(),
            names,
            events,
            planning,
            fanout,
            media,
            menu_jobs,
            admin,
            functions,
            policies,
            ledger,
            sandbox,
            channel,
            secret_prefix: format!("otodoke/{stage}/channels/"),
            link_key_secret,
            media_bucket,
            user_pool_id,
        }
    }

    /// The clients of `function` (`webhook`, `responder`, ...).
    pub fn clients(&self, function: &str) -> &Clients {
        &self.functions[function]
    }
}

/// Creates the stage's staff pool (the template's `AdminUserPool`, its custom
/// attributes included) with the administrator's keys; answers its id.
async fn create_user_pool(sdk: &SdkConfig, stage: &str) -> String {
    use aws_sdk_cognitoidentityprovider::types::{
        AttributeDataType, SchemaAttributeType, UsernameAttributeType,
    };
    let cognito = aws_sdk_cognitoidentityprovider::Client::new(sdk);
    let custom = |name: &str| {
        SchemaAttributeType::builder()
            .name(name)
            .attribute_data_type(AttributeDataType::String)
            .mutable(true)
            .build()
    };
    let created = cognito
        .create_user_pool()
        .pool_name(format!("otodoke-{stage}-admins"))
        .username_attributes(UsernameAttributeType::Email)
        .schema(custom("org"))
        .schema(custom("role"))
        .schema(custom("stores"))
        .send()
        .await
        .expect("create the staff pool");
    created
        .user_pool()
        .and_then(|p| p.id())
        .expect("a pool id")
        .to_owned()
}

/// A small number from the stage name, for channel ids unique per stage.
fn stage_number(stage: &str) -> u64 {
    stage
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
        % 1_000_000_000
}
