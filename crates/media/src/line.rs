//! [`ContentSource`] on LINE's data host, with each channel's access token read by
//! reference (one secret lookup per channel per process).

use crate::keeper::{ContentSource, FetchError, Fetched};
use async_trait::async_trait;
use otodoke_core::ports::{OrganizationStore, SecretSource};
use otodoke_core::ChannelId;
use otodoke_line::{ClientConfig, Content, LineClient, LineError};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Message content from LINE (or the sandbox).
pub struct LineContent {
    api_base_url: String,
    data_base_url: String,
    orgs: Arc<dyn OrganizationStore>,
    secrets: Arc<dyn SecretSource>,
    clients: RwLock<HashMap<ChannelId, LineClient>>,
}

impl LineContent {
    /// Content from `data_base_url` (`https://api-data.line.me`; the sandbox's
    /// address for both hosts locally).
    pub fn new(
        api_base_url: impl Into<String>,
        data_base_url: impl Into<String>,
        orgs: Arc<dyn OrganizationStore>,
        secrets: Arc<dyn SecretSource>,
    ) -> Self {
        Self {
            api_base_url: api_base_url.into(),
            data_base_url: data_base_url.into(),
            orgs,
            secrets,
            clients: RwLock::default(),
        }
    }

    async fn client(&self, channel: &ChannelId, fresh: bool) -> Result<LineClient, FetchError> {
        if !fresh {
            if let Some(client) = self.clients.read().expect("client cache").get(channel) {
                return Ok(client.clone());
            }
        }
        let unavailable = |e: &dyn std::fmt::Display| FetchError::Unavailable(e.to_string());
        let record = self
            .orgs
            .channel(channel)
            .await
            .map_err(|e| unavailable(&e))?
            .ok_or_else(|| {
                FetchError::Unavailable(format!("channel {channel} is not connected"))
            })?;
        let token = if fresh {
            self.secrets.refresh(&record.access_token_ref).await
        } else {
            self.secrets.secret(&record.access_token_ref).await
        }
        .map_err(|e| unavailable(&e))?;
        let config = ClientConfig::new(token)
            .with_base_url(self.api_base_url.clone())
            .with_data_base_url(self.data_base_url.clone());
        let client = LineClient::new(config).map_err(|e| unavailable(&e))?;
        self.clients
            .write()
            .expect("client cache")
            .insert(channel.clone(), client.clone());
        Ok(client)
    }
}

#[async_trait]
impl ContentSource for LineContent {
    async fn content(
        &self,
        channel: &ChannelId,
        line_message_id: &str,
    ) -> Result<Fetched, FetchError> {
        let mut answer = self
            .client(channel, false)
            .await?
            .content(line_message_id)
            .await;
        if matches!(answer, Err(LineError::Unauthorized { .. })) {
            // The token may have been reissued: read it afresh once.
            answer = self
                .client(channel, true)
                .await?
                .content(line_message_id)
                .await;
        }
        match answer {
            Ok(response) => Ok(match response.value {
                Content::Ready { content_type, body } => Fetched::Ready {
                    content_type,
                    body: body.to_vec(),
                },
                Content::NotReady => Fetched::NotReady,
            }),
            Err(LineError::NotFound { .. }) => Err(FetchError::Gone),
            Err(e) => Err(FetchError::Unavailable(e.to_string())),
        }
    }
}
