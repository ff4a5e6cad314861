//! The follower import's source on LINE: `otodoke_core::import::FollowerSource` over
//! `otodoke_line::LineClient`, with the channel's access token read by reference.

use async_trait::async_trait;
use otodoke_core::import::{FollowerPage, FollowerProfile, FollowerSource, SourceError};
use otodoke_core::organization::Channel;
use otodoke_core::ports::SecretSource;
use otodoke_core::{ChannelId, OrgId, StoreError};
use otodoke_line::client::insight::{Followers, FriendDemographics, InsightStatus};
use otodoke_line::{ClientConfig, LineClient, LineError};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a warm Lambda answers a channel's insight from what it last read. LINE
/// computes the numbers once a day, so reloading a dashboard need not ask again
/// (and spend LINE's insight rate limit); ten minutes bounds how stale a day's
/// first ready figures can be.
const INSIGHT_KEPT_FOR: Duration = Duration::from_secs(10 * 60);

type Insight = (Followers, FriendDemographics);

/// Builds the follower source of a connected channel.
#[async_trait]
pub trait FollowerSources: Send + Sync {
    /// LINE as `channel` (its access token). Fails when the token cannot be read.
    async fn for_channel(&self, channel: &Channel) -> Result<Box<dyn FollowerSource>, StoreError>;
    /// LINE's follower counts (as of yesterday, JST) and friend demographics of
    /// `channel`. Sources without LINE answer `Unreachable`.
    async fn insight(
        &self,
        channel: &Channel,
    ) -> Result<(Followers, FriendDemographics), SourceError> {
        let _ = channel;
        Err(SourceError::Unreachable("no LINE insight here".into()))
    }
}

/// LINE's Messaging API (or the sandbox) at `base_url`, with tokens from `secrets`.
pub struct LineFollowerSources {
    base_url: String,
    secrets: Arc<dyn SecretSource>,
    /// Ready insights by organization and channel, with when they were read.
    insights: Mutex<HashMap<(OrgId, ChannelId), (Instant, Insight)>>,
}

impl LineFollowerSources {
    pub fn new(base_url: impl Into<String>, secrets: Arc<dyn SecretSource>) -> Self {
        Self {
            base_url: base_url.into(),
            secrets,
            insights: Mutex::new(HashMap::new()),
        }
    }

    /// The insight read less than [`INSIGHT_KEPT_FOR`] ago, if any.
    fn kept_insight(&self, key: &(OrgId, ChannelId)) -> Option<Insight> {
        let insights = self.insights.lock();
        let (read_at, insight) = insights.get(key)?;
        (read_at.elapsed() < INSIGHT_KEPT_FOR).then(|| insight.clone())
    }

    /// Keeps a ready insight (one LINE has not computed yet may be ready soon).
    fn keep_insight(&self, key: (OrgId, ChannelId), insight: &Insight) {
        if insight.0.status != InsightStatus::Ready {
            return;
        }
        let mut insights = self.insights.lock();
        insights.retain(|_, (read_at, _)| read_at.elapsed() < INSIGHT_KEPT_FOR);
        insights.insert(key, (Instant::now(), insight.clone()));
    }
}

#[async_trait]
impl FollowerSources for LineFollowerSources {
    async fn for_channel(&self, channel: &Channel) -> Result<Box<dyn FollowerSource>, StoreError> {
        let token = self.secrets.secret(&channel.access_token_ref).await?;
        let config = ClientConfig::new(token).with_base_url(&self.base_url);
        let client = LineClient::new(config).map_err(|e| StoreError::Unavailable(Box::new(e)))?;
        Ok(Box::new(LineFollowers(client)))
    }

    async fn insight(
        &self,
        channel: &Channel,
    ) -> Result<(Followers, FriendDemographics), SourceError> {
        let key = (channel.org_id.clone(), channel.id.clone());
        if let Some(insight) = self.kept_insight(&key) {
            return Ok(insight);
        }
        let token = self
            .secrets
            .secret(&channel.access_token_ref)
            .await
            .map_err(|e| SourceError::Unreachable(format!("access token: {e}")))?;
        let config = ClientConfig::new(token).with_base_url(&self.base_url);
        let client =
            LineClient::new(config).map_err(|e| SourceError::Unreachable(e.to_string()))?;
        let (followers, demographics) =
            futures::try_join!(client.insight_followers(None), client.friend_demographics())
                .map_err(unreachable)?;
        let insight = (followers.value, demographics.value);
        self.keep_insight(key, &insight);
        Ok(insight)
    }
}

/// One channel's followers and profiles on LINE.
struct LineFollowers(LineClient);

fn unreachable(error: LineError) -> SourceError {
    SourceError::Unreachable(error.to_string())
}

#[async_trait]
impl FollowerSource for LineFollowers {
    async fn follower_ids(
        &self,
        start: Option<&str>,
        limit: u32,
    ) -> Result<FollowerPage, SourceError> {
        match self.0.followers_ids(start, limit).await {
            Ok(page) => Ok(FollowerPage {
                user_ids: page.value.user_ids,
                next: page.value.next,
            }),
            // Neither verified nor premium: LINE's own words say why.
            Err(LineError::Forbidden { message, .. }) => Err(SourceError::Unavailable(message)),
            Err(error) => Err(unreachable(error)),
        }
    }

    async fn profile(&self, user_id: &str) -> Result<Option<FollowerProfile>, SourceError> {
        match self.0.profile(user_id).await {
            Ok(profile) => Ok(Some(FollowerProfile {
                display_name: profile.value.display_name,
                picture_url: profile.value.picture_url,
            })),
            Err(LineError::NotFound { .. }) => Ok(None),
            Err(error) => Err(unreachable(error)),
        }
    }
}
