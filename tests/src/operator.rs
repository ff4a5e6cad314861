//! A store's staff at the web console: the admin API reached through API Gateway
//! with a token the JWT authorizer accepts, as the console calls it. Setup a real
//! operator does (auto-reply rules, connecting the channel, campaigns, the inbox)
//! goes through here rather than into DynamoDB.

use crate::seed;
use crate::system::System;
use otodoke_autoreply::ReplyConfig;
use otodoke_core::organization::Plan;
use serde_json::{json, Value};

/// One signed-in staff member (or nobody: no token).
#[derive(Clone)]
pub struct Operator {
    base: String,
    token: Option<String>,
    http: reqwest::Client,
}

/// An answer of the admin API (or of API Gateway before it).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub json: Value,
}

impl Operator {
    /// The console of `token`'s staff member against the system's API Gateway.
    pub fn new(system: &System, token: Option<String>) -> Self {
        Self {
            base: system.gateway_url.clone(),
            token,
            http: reqwest::Client::new(),
        }
    }

    /// The bearer token the console sends (a stand-in for a Cognito ID token).
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// `method path` with `body` (JSON), whatever the status.
    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        self.call_with(method, path, body, &[]).await
    }

    /// [`Operator::call`] with extra `headers`.
    pub async fn call_with(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("an HTTP method");
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("API Gateway answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer { status, json }
    }

    /// `PUT path` with raw `bytes` of `content_type` (an image upload), whatever
    /// the status.
    pub async fn put_bytes(&self, path: &str, content_type: &str, bytes: Vec<u8>) -> Answer {
        let mut request = self
            .http
            .put(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(bytes);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("API Gateway answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer { status, json }
    }

    async fn ok(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = self.call(method, path, body).await;
        assert!(
            (200..300).contains(&answer.status),
            "{method} {path}: {} {}",
            answer.status,
            answer.json
        );
        answer.json
    }

    /// `GET path`, which must succeed.
    pub async fn get(&self, path: &str) -> Value {
        self.ok("GET", path, None).await
    }

    /// `POST path` with `body`, which must succeed.
    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.ok("POST", path, Some(body)).await
    }

    /// `POST path` without a body (an action such as `send-now`), which must succeed.
    pub async fn act(&self, path: &str) -> Value {
        self.ok("POST", path, None).await
    }

    /// `PUT path` with `body`, which must succeed.
    pub async fn put(&self, path: &str, body: Value) -> Value {
        self.ok("PUT", path, Some(body)).await
    }
}

impl System {
    /// The platform operator's first run (`otodoke-admin create-organization`, with
    /// the operator's own AWS credentials, not a function's): organization
    /// `seed::org` and its owner's account in the stage's Cognito pool, then the
    /// owner signed in at the console.
    pub async fn bootstrap(&self) -> Operator {
        let org = seed::org(&self.stage);
        let stores = self.stage.admin.stores(&self.stage.names);
        let created = otodoke_fn_admin_api::bootstrap::create_organization(
            &stores.organizations,
            &otodoke_fn_admin_api::CognitoDirectory::new(
                self.stage.admin.cognito.clone(),
                self.stage.user_pool_id.clone(),
            ),
            &otodoke_fn_admin_api::bootstrap::NewOrganization {
                id: org.clone(),
                name: "Otodoke Cafe 株式会社".into(),
                owner_email: "owner@example.com".into(),
                owner_name: "店長".into(),
            },
            jiff::Timestamp::now(),
        )
        .await
        .expect("create the organization");
        let token = self
            .authorizer
            .issue(&org, &created.owner_staff_id, "owner@example.com");
        Operator::new(self, Some(token))
    }

    /// What an owner does on the first day, all through the admin API: the
    /// organization's auto-reply defaults (`reply` without its rules), store
    /// `seed::STORE` with `reply`'s keyword rules, and the sandbox's channel
    /// connected on `plan` (its secret and token written to Secrets Manager by the
    /// admin API). Answers the owner's console.
    pub async fn open_shop(&self, reply: &ReplyConfig, plan: Plan) -> Operator {
        let owner = self.bootstrap().await;
        let org = seed::org(&self.stage);
        let mut defaults = reply.clone();
        defaults.rules.clear();
        owner
            .put(
                &format!("/admin/organizations/{org}/reply"),
                json!({ "config": defaults }),
            )
            .await;
        owner
            .post(
                "/admin/stores",
                json!({"id": seed::STORE, "name": reply.store_name}),
            )
            .await;
        if !reply.rules.is_empty() {
            owner
                .put(
                    &format!("/admin/stores/{}/rules", seed::STORE),
                    json!({ "rules": reply.rules }),
                )
                .await;
        }
        let channel = &self.stage.channel;
        let connected = owner
            .post(
                "/admin/channels",
                json!({
                    "id": channel.channel_id,
                    "provider": otodoke_contract::builders::provider().to_string(),
                    "store_id": seed::STORE,
                    "default_store": seed::STORE,
                    "plan": plan,
                    "channel_secret": channel.channel_secret,
                    "access_token": channel.access_tokens[0],
                }),
            )
            .await;
        assert_eq!(
            connected["bot_user_id"], channel.bot_user_id,
            "the channel's identity is what LINE answered for its token"
        );
        owner
    }
}
