//! The LINE calls a staff chat makes, behind a port so that the chat's rules are
//! tested against the LINE sandbox and the admin API can hold one per process.

use async_trait::async_trait;
use otodoke_core::organization::Channel;
use otodoke_core::ports::SecretSource;
use otodoke_line::{ClientConfig, LineClient, LineError, Message, SendOptions};
use std::sync::Arc;

/// Why a LINE call of a staff chat failed.
#[derive(Debug, thiserror::Error)]
pub enum LineFailure {
    #[error(transparent)]
    Line(#[from] LineError),
    /// The channel's client could not be made (its access token unreadable).
    #[error("{0}")]
    Setup(String),
}

/// Replying, pushing and marking read as a channel (1–5 messages per call).
#[async_trait]
pub trait ChatLine: Send + Sync {
    async fn reply(
        &self,
        channel: &Channel,
        token: &str,
        messages: &[Message],
    ) -> Result<(), LineFailure>;
    async fn push(
        &self,
        channel: &Channel,
        to: &str,
        messages: &[Message],
        retry_key: uuid::Uuid,
    ) -> Result<(), LineFailure>;
    async fn mark_as_read(&self, channel: &Channel, token: &str) -> Result<(), LineFailure>;
}

/// LINE's Messaging API (or the sandbox) at `base_url`, each channel's access token
/// read by reference from `secrets` (the source's own cache applies).
pub struct LineChat {
    base_url: String,
    secrets: Arc<dyn SecretSource>,
}

impl LineChat {
    pub fn new(base_url: impl Into<String>, secrets: Arc<dyn SecretSource>) -> Self {
        Self {
            base_url: base_url.into(),
            secrets,
        }
    }

    /// The channel's client (its access token read through the secret source).
    pub async fn client(&self, channel: &Channel) -> Result<LineClient, LineFailure> {
        let token = self
            .secrets
            .secret(&channel.access_token_ref)
            .await
            .map_err(|e| LineFailure::Setup(format!("the channel's access token: {e}")))?;
        let mut config = ClientConfig::new(token);
        // LINE itself has a second host for content and menu images; a custom base
        // URL is the sandbox's, which serves both.
        if self.base_url != otodoke_line::client::DEFAULT_BASE_URL {
            config = config.with_base_url(&self.base_url);
        }
        LineClient::new(config).map_err(|e| LineFailure::Setup(e.to_string()))
    }
}

#[async_trait]
impl ChatLine for LineChat {
    async fn reply(
        &self,
        channel: &Channel,
        token: &str,
        messages: &[Message],
    ) -> Result<(), LineFailure> {
        let client = self.client(channel).await?;
        client.reply(token, messages).await?;
        Ok(())
    }

    async fn push(
        &self,
        channel: &Channel,
        to: &str,
        messages: &[Message],
        retry_key: uuid::Uuid,
    ) -> Result<(), LineFailure> {
        let client = self.client(channel).await?;
        let sent = client
            .push(to, messages, SendOptions::with_retry_key(retry_key))
            .await;
        // A 409 naming an earlier accepted attempt with this key is a success.
        sent.map(|_| ()).map_err(LineFailure::from)
    }

    async fn mark_as_read(&self, channel: &Channel, token: &str) -> Result<(), LineFailure> {
        let client = self.client(channel).await?;
        client.mark_as_read(token).await?;
        Ok(())
    }
}
