//! Proving whose a LINE channel is when it is connected: its access token must
//! answer LINE's bot-info call, and the bot user id LINE returns becomes the
//! channel's identity (every webhook's `destination`). Typing another tenant's
//! channel id or bot user id gets a tenant nowhere without that channel's token.

use async_trait::async_trait;
use otodoke_line::{ClientConfig, LineClient, LineError};

/// Why a token could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum AccountCheckError {
    /// LINE refused the token (401/403): it is not a valid token of any channel.
    #[error("LINE did not accept this channel access token")]
    Refused,
    /// LINE could not be asked (outage, rate limit, network).
    #[error("LINE could not be reached: {0}")]
    Unreachable(String),
}

/// Asks LINE who a channel access token belongs to.
#[async_trait]
pub trait LineAccounts: Send + Sync {
    /// The bot user id of the channel `access_token` belongs to.
    async fn bot_user_id(&self, access_token: &str) -> Result<String, AccountCheckError>;
}

/// LINE's Messaging API (or the LINE sandbox) at `base_url`: `GET /v2/bot/info`.
#[derive(Debug, Clone)]
pub struct LineApiAccounts {
    base_url: String,
}

impl LineApiAccounts {
    /// `base_url` is LINE's (`https://api.line.me`) or the sandbox's.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
        }
    }
}

#[async_trait]
impl LineAccounts for LineApiAccounts {
    async fn bot_user_id(&self, access_token: &str) -> Result<String, AccountCheckError> {
        let mut config = ClientConfig::new(access_token);
        config.base_url = self.base_url.clone();
        let client =
            LineClient::new(config).map_err(|e| AccountCheckError::Unreachable(e.to_string()))?;
        match client.bot_info().await {
            Ok(info) => Ok(info.value.user_id),
            Err(LineError::Unauthorized { .. } | LineError::Forbidden { .. }) => {
                Err(AccountCheckError::Refused)
            }
            Err(e) => Err(AccountCheckError::Unreachable(e.to_string())),
        }
    }
}
