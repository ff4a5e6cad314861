//! The smoke test for a deployed stack (after `sam deploy`): the checks of the
//! system tests that are safe on a real account, run against the stack's public
//! URLs. Nothing here writes customer data or calls LINE: a delivery with no events
//! (what LINE's **Verify** button sends) is the only webhook it signs, and the admin
//! calls are reads.
//!
//! Which stack: `OTODOKE_DEPLOYED_STACK=<stack name>` (outputs read with `aws
//! cloudformation describe-stacks`, credentials and region as the AWS CLI finds
//! them) or `OTODOKE_DEPLOYED_OUTPUTS=<file>` (that command's JSON, its `Outputs`
//! list, or an object of output name to value). Optional, each enabling more
//! checks: `OTODOKE_DEPLOYED_ID_TOKEN` (a staff member's Cognito ID token),
//! `OTODOKE_DEPLOYED_CHANNEL_ID` and `OTODOKE_DEPLOYED_CHANNEL_SECRET` (a connected
//! channel and its secret; never printed). The system tests run the same checks
//! against their own world, so that the smoke test is itself tested.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::process::Command;

/// What the checks need to know about a stack.
#[derive(Clone, Default)]
pub struct Target {
    /// The `WebhookUrl` output: `https://.../webhook/{channel}`.
    pub webhook_url: String,
    /// The `AdminApiUrl` output: `https://.../admin/`.
    pub admin_api_url: String,
    /// The `RedirectBaseUrl` output, when the stack has it.
    pub redirect_base_url: Option<String>,
    /// A staff member's ID token: the admin API's reads are checked with it.
    pub id_token: Option<String>,
    /// A connected channel's id and secret: signed deliveries are checked with it.
    pub channel: Option<(String, String)>,
}

impl std::fmt::Debug for Target {
    /// Never prints the token or the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("webhook_url", &self.webhook_url)
            .field("admin_api_url", &self.admin_api_url)
            .field("redirect_base_url", &self.redirect_base_url)
            .field("id_token", &self.id_token.as_ref().map(|_| "<set>"))
            .field("channel", &self.channel.as_ref().map(|(id, _)| id))
            .finish()
    }
}

/// A stack's outputs, by name, from `describe-stacks` JSON in any of its shapes.
pub fn outputs_from_json(value: &Value) -> Result<BTreeMap<String, String>, String> {
    let list = if let Some(stacks) = value.get("Stacks") {
        &stacks[0]["Outputs"]
    } else {
        value
    };
    match list {
        Value::Array(items) => items
            .iter()
            .map(
                |o| match (o["OutputKey"].as_str(), o["OutputValue"].as_str()) {
                    (Some(k), Some(v)) => Ok((k.to_owned(), v.to_owned())),
                    _ => Err(format!("an output without OutputKey/OutputValue: {o}")),
                },
            )
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v.as_str() {
                Some(v) => Ok((k.clone(), v.to_owned())),
                None => Err(format!("output {k} is not a string")),
            })
            .collect(),
        other => Err(format!("not a stack's outputs: {other}")),
    }
}

/// The target the environment names; `Ok(None)` when it names none (skipped).
pub fn target_from_env() -> Result<Option<Target>, String> {
    let outputs = if let Ok(file) = std::env::var("OTODOKE_DEPLOYED_OUTPUTS") {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("read {file}: {e}"))?;
        let json: Value = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        outputs_from_json(&json)?
    } else if let Ok(stack) = std::env::var("OTODOKE_DEPLOYED_STACK") {
        let output = Command::new("aws")
            .args([
                "cloudformation",
                "describe-stacks",
                "--stack-name",
                &stack,
                "--output",
                "json",
            ])
            .output()
            .map_err(|e| format!("run the AWS CLI: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "aws cloudformation describe-stacks --stack-name {stack}: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let json: Value = serde_json::from_slice(&output.stdout)
            .map_err(|e| format!("describe-stacks answered no JSON: {e}"))?;
        outputs_from_json(&json)?
    } else {
        return Ok(None);
    };
    let get = |name: &str| {
        outputs
            .get(name)
            .cloned()
            .ok_or_else(|| format!("the stack has no output {name}"))
    };
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let channel = match (
        var("OTODOKE_DEPLOYED_CHANNEL_ID"),
        var("OTODOKE_DEPLOYED_CHANNEL_SECRET"),
    ) {
        (Some(id), Some(secret)) => Some((id, secret)),
        (None, None) => None,
        _ => return Err(
            "set both OTODOKE_DEPLOYED_CHANNEL_ID and OTODOKE_DEPLOYED_CHANNEL_SECRET, or neither"
                .into(),
        ),
    };
    Ok(Some(Target {
        webhook_url: get("WebhookUrl")?,
        admin_api_url: get("AdminApiUrl")?,
        redirect_base_url: outputs.get("RedirectBaseUrl").cloned(),
        id_token: var("OTODOKE_DEPLOYED_ID_TOKEN"),
        channel,
    }))
}

/// What a run checked, and what it left out for want of a setting.
#[derive(Debug, Default)]
pub struct Report {
    pub passed: Vec<String>,
    pub skipped: Vec<String>,
}

fn expect_status(what: &str, got: u16, want: u16, body: &str) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: answered {got}, expected {want}: {body}"))
    }
}

async fn send(request: reqwest::RequestBuilder) -> Result<(u16, String), String> {
    let response = request.send().await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    Ok((status, response.text().await.unwrap_or_default()))
}

/// Runs every check `target` allows; the first failure is the error.
pub async fn smoke(target: &Target) -> Result<Report, String> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let mut report = Report::default();
    let admin = target.admin_api_url.trim_end_matches('/');

    // The admin API is behind the JWT authorizer: nothing gets in without a token.
    let (status, body) = send(http.get(format!("{admin}/me"))).await?;
    expect_status("GET /admin/me without a token", status, 401, &body)?;
    let (status, body) = send(http.get(format!("{admin}/me")).bearer_auth("not-a-jwt")).await?;
    expect_status(
        "GET /admin/me with a token that is no JWT",
        status,
        401,
        &body,
    )?;
    report
        .passed
        .push("the admin API refuses a missing or invalid token (401)".into());

    // The webhook: an unknown channel is 404 whatever the signature.
    let webhook = |channel: &str| target.webhook_url.replace("{channel}", channel);
    let (status, body) = send(
        http.post(webhook("0"))
            .header("x-line-signature", "AAAA")
            .body(r#"{"destination":"U0","events":[]}"#),
    )
    .await?;
    expect_status("a delivery for channel 0", status, 404, &body)?;
    report
        .passed
        .push("the webhook answers an unknown channel 404".into());

    let mut bot_user_id = None;
    match &target.id_token {
        Some(token) => {
            let (status, body) = send(http.get(format!("{admin}/me")).bearer_auth(token)).await?;
            expect_status("GET /admin/me with the ID token", status, 200, &body)?;
            let (status, body) =
                send(http.get(format!("{admin}/channels")).bearer_auth(token)).await?;
            expect_status("GET /admin/channels", status, 200, &body)?;
            if let Some((channel, _)) = &target.channel {
                let (status, body) = send(
                    http.get(format!("{admin}/channels/{channel}"))
                        .bearer_auth(token),
                )
                .await?;
                expect_status("GET /admin/channels/{channel}", status, 200, &body)?;
                let view: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
                bot_user_id = view["bot_user_id"].as_str().map(str::to_owned);
            }
            report
                .passed
                .push("a staff member's ID token reads /admin/me and the channels (200)".into());
        }
        None => report
            .skipped
            .push("admin reads: set OTODOKE_DEPLOYED_ID_TOKEN".into()),
    }

    match &target.channel {
        Some((channel, secret)) => {
            // What LINE's Verify button sends: no events, so nothing is stored or
            // answered; twice, as a redelivery would.
            let body = json!({
                "destination": bot_user_id.as_deref().unwrap_or("U00000000000000000000000000000000"),
                "events": [],
            })
            .to_string();
            let signature = otodoke_line::signature::sign(secret.as_bytes(), body.as_bytes());
            for attempt in ["a signed delivery", "its redelivery"] {
                let (status, text) = send(
                    http.post(webhook(channel))
                        .header("content-type", "application/json")
                        .header("x-line-signature", &signature)
                        .body(body.clone()),
                )
                .await?;
                expect_status(attempt, status, 200, &text)?;
            }
            // One forged delivery (the signature alarm waits for 5 in 5 minutes).
            let forged = otodoke_line::signature::sign(b"not the channel secret", body.as_bytes());
            let (status, text) = send(
                http.post(webhook(channel))
                    .header("content-type", "application/json")
                    .header("x-line-signature", forged)
                    .body(body),
            )
            .await?;
            expect_status("a delivery with a forged signature", status, 401, &text)?;
            report.passed.push(
                "the webhook accepts the channel's signed delivery (200, twice) and refuses a forged one (401)"
                    .into(),
            );
        }
        None => report.skipped.push(
            "signed deliveries: set OTODOKE_DEPLOYED_CHANNEL_ID and OTODOKE_DEPLOYED_CHANNEL_SECRET"
                .into(),
        ),
    }

    match &target.redirect_base_url {
        Some(base) => {
            let (status, body) = send(http.get(format!(
                "{}/r/no-such-org/no-such-link",
                base.trim_end_matches('/')
            )))
            .await?;
            expect_status("a redirect of no link", status, 404, &body)?;
            report
                .passed
                .push("the redirect answers an unknown link 404 (no open redirect)".into());
        }
        None => report
            .skipped
            .push("the redirect: the stack has no RedirectBaseUrl output".into()),
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_read_from_describe_stacks_its_outputs_list_or_a_plain_object() {
        let list =
            json!([{"OutputKey": "WebhookUrl", "OutputValue": "https://x/webhook/{channel}"}]);
        let want: BTreeMap<String, String> = [(
            "WebhookUrl".to_owned(),
            "https://x/webhook/{channel}".to_owned(),
        )]
        .into();
        assert_eq!(outputs_from_json(&list).unwrap(), want);
        assert_eq!(
            outputs_from_json(&json!({"Stacks": [{"Outputs": list}]})).unwrap(),
            want
        );
        assert_eq!(
            outputs_from_json(&json!({"WebhookUrl": "https://x/webhook/{channel}"})).unwrap(),
            want
        );
        assert!(outputs_from_json(&json!("nope")).is_err());
    }
}
