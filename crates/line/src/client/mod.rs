//! `LineClient`: the Messaging API over reqwest (rustls), with LINE's delivery rules
//! built in.
//!
//! Delivery semantics, in one place:
//! - push, multicast, narrowcast and broadcast always carry `X-Line-Retry-Key` (the
//!   caller's, or a fresh UUID v4); reply never does (LINE answers 400 if it does).
//! - A 409 with `x-line-accepted-request-id` is a success: an earlier attempt with the
//!   same key was accepted ([`Acceptance::AlreadyAccepted`]).
//! - Retryable failures ([`LineError::is_retryable`]: 429 rate limit, 5xx, timeouts,
//!   dropped connections) are retried with exponential backoff and full jitter, with
//!   the same key and the very same body bytes (serialised once).
//! - A reply is **never** retried, not even after a 5xx: after a timeout or a 5xx the
//!   reply token may already be consumed, and a second attempt either fails with
//!   `Invalid reply token` or, worse, answers twice. The caller decides (e.g. fall back
//!   to a push, which costs quota but carries a retry key).
//! - Reads (profile, bot info, quota, narrowcast progress) and the loading animation
//!   are harmless to repeat and are retried like sends.

pub mod audience;
mod config;
mod error;
pub mod insight;
pub mod richmenu;
mod types;

pub use config::{
    ChannelAccessToken, ClientConfig, RetryPolicy, DEFAULT_BASE_URL, DEFAULT_DATA_BASE_URL,
};
pub use error::{
    ErrorDetail, LineError, INVALID_REPLY_TOKEN_MESSAGE, MONTHLY_LIMIT_MESSAGE, RATE_LIMIT_MESSAGE,
};
pub use types::{
    Acceptance, BotInfo, Content, FollowerIds, LineResponse, Narrowcast, NarrowcastProgress,
    Profile, Quota, QuotaConsumption, QuotaKind, SendOptions, Sent, SentMessage,
};

use bytes::Bytes;
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use crate::messages::{validate, validate_messages, Message};
use types::SendAnswer;

/// How long one attempt to download message content may take.
pub const CONTENT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The header that makes a send idempotent for 24 hours.
pub const RETRY_KEY_HEADER: &str = "x-line-retry-key";
/// The header naming LINE's id for a request; present on every answer.
pub const REQUEST_ID_HEADER: &str = "x-line-request-id";
/// The header of a 409 naming the request that was accepted with the same retry key.
pub const ACCEPTED_REQUEST_ID_HEADER: &str = "x-line-accepted-request-id";

/// A Messaging API client for one channel. Cheap to clone (the connection pool is
/// shared); build it once per process and reuse it.
#[derive(Debug, Clone)]
pub struct LineClient {
    http: reqwest::Client,
    base_url: Url,
    data_base_url: Url,
    token: ChannelAccessToken,
    retry: RetryPolicy,
}

/// Why a [`LineClient`] could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ClientBuildError {
    #[error("the base URL {0:?} is not an absolute http(s) URL")]
    InvalidBaseUrl(String),
    #[error("could not build the HTTP client: {0}")]
    Http(#[from] reqwest::Error),
}

/// Whether a failed attempt may be repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    Never,
    WhenRetryable,
}

/// One API call, prepared once and sent once per attempt.
struct Call {
    method: Method,
    url: Url,
    body: Option<Bytes>,
    retry_key: Option<Uuid>,
    retry: Retry,
    /// The body's `Content-Type` (JSON but for image uploads).
    content_type: &'static str,
}

/// The content type of every JSON body.
const JSON: &str = "application/json";

/// A successful (2xx or accepted 409) answer.
struct Answer {
    status: u16,
    content_type: Option<String>,
    request_id: Option<String>,
    accepted_request_id: Option<String>,
    body: Bytes,
}

impl LineClient {
    /// Builds the client and its connection pool. Fails only on a bad base URL or if
    /// the TLS backend cannot initialise.
    pub fn new(config: ClientConfig) -> Result<Self, ClientBuildError> {
        let parse = |base: &str| {
            Url::parse(base)
                .ok()
                .filter(|url| matches!(url.scheme(), "http" | "https") && url.has_host())
                .ok_or_else(|| ClientBuildError::InvalidBaseUrl(base.to_owned()))
        };
        let base_url = parse(&config.base_url)?;
        let data_base_url = parse(&config.data_base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!("otodoke-line/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(LineClient {
            http,
            base_url,
            data_base_url,
            token: config.channel_access_token,
            retry: config.retry,
        })
    }

    /// Replies to an event with 1 to 5 messages; free of quota. Sends no retry key and
    /// is never retried (see the module docs). Fails with
    /// [`LineError::InvalidReplyToken`] if the token is used or expired.
    pub async fn reply(
        &self,
        reply_token: &str,
        messages: &[Message],
    ) -> Result<LineResponse<Sent>, LineError> {
        validate_messages(messages)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            reply_token: &'a str,
            messages: &'a [Message],
        }
        let body = json(&Body {
            reply_token,
            messages,
        });
        self.send(
            Method::POST,
            &["v2", "bot", "message", "reply"],
            body,
            None,
            Retry::Never,
        )
        .await
    }

    /// Pushes 1 to 5 messages to one user, group or room; counts toward the quota.
    pub async fn push(
        &self,
        to: &str,
        messages: &[Message],
        options: SendOptions,
    ) -> Result<LineResponse<Sent>, LineError> {
        validate_messages(messages)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            to: &'a str,
            messages: &'a [Message],
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            notification_disabled: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            custom_aggregation_units: Option<[&'a str; 1]>,
        }
        let body = json(&Body {
            to,
            messages,
            notification_disabled: options.notification_disabled,
            custom_aggregation_units: units(&options),
        });
        let key = options.retry_key.unwrap_or_else(Uuid::new_v4);
        self.send(
            Method::POST,
            &["v2", "bot", "message", "push"],
            body,
            Some(key),
            Retry::WhenRetryable,
        )
        .await
    }

    /// Sends 1 to 5 messages to 1 to 500 user ids; counts once per recipient.
    pub async fn multicast<S: AsRef<str>>(
        &self,
        to: &[S],
        messages: &[Message],
        options: SendOptions,
    ) -> Result<LineResponse<Sent>, LineError> {
        validate::multicast_recipients(to.len())?;
        validate_messages(messages)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            to: Vec<&'a str>,
            messages: &'a [Message],
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            notification_disabled: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            custom_aggregation_units: Option<[&'a str; 1]>,
        }
        let body = json(&Body {
            to: to.iter().map(AsRef::as_ref).collect(),
            messages,
            notification_disabled: options.notification_disabled,
            custom_aggregation_units: units(&options),
        });
        let key = options.retry_key.unwrap_or_else(Uuid::new_v4);
        self.send(
            Method::POST,
            &["v2", "bot", "message", "multicast"],
            body,
            Some(key),
            Retry::WhenRetryable,
        )
        .await
    }

    /// Starts a narrowcast (answered 202; delivery runs asynchronously at LINE). The
    /// answer's `request_id` is what [`Self::narrowcast_progress`] takes.
    pub async fn narrowcast(
        &self,
        narrowcast: &Narrowcast,
        options: SendOptions,
    ) -> Result<LineResponse<Sent>, LineError> {
        validate_messages(&narrowcast.messages)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            #[serde(flatten)]
            narrowcast: &'a Narrowcast,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            notification_disabled: bool,
        }
        let body = json(&Body {
            narrowcast,
            notification_disabled: options.notification_disabled,
        });
        let key = options.retry_key.unwrap_or_else(Uuid::new_v4);
        self.send(
            Method::POST,
            &["v2", "bot", "message", "narrowcast"],
            body,
            Some(key),
            Retry::WhenRetryable,
        )
        .await
    }

    /// Where the narrowcast started by the request `request_id` stands.
    pub async fn narrowcast_progress(
        &self,
        request_id: &str,
    ) -> Result<LineResponse<NarrowcastProgress>, LineError> {
        let mut url = self.url(&["v2", "bot", "message", "progress", "narrowcast"]);
        url.query_pairs_mut().append_pair("requestId", request_id);
        self.get(url).await
    }

    /// Creates an audience group holding `user_ids` (at most
    /// [`audience::MAX_UPLOAD_IDS`]), for a narrowcast to target
    /// ([`audience::audience_recipient`]). LINE answers 202 and builds the group
    /// asynchronously: poll [`Self::audience_group`] until its status is `READY`.
    /// Not retried (creating twice makes two groups): a failure is the caller's.
    pub async fn create_audience_group(
        &self,
        description: &str,
        user_ids: &[&str],
    ) -> Result<LineResponse<audience::AudienceGroup>, LineError> {
        let body = json(&audience::CreateAudienceGroup {
            description,
            is_ifa_audience: false,
            audiences: user_ids
                .iter()
                .map(|id| audience::AudienceId { id })
                .collect(),
        });
        let call = Call {
            method: Method::POST,
            url: self.url(&["v2", "bot", "audienceGroup", "upload"]),
            body: Some(body),
            retry_key: None,
            content_type: JSON,
            retry: Retry::Never,
        };
        decoded(self.execute(&call).await?)
    }

    /// An audience group's status and size.
    pub async fn audience_group(
        &self,
        audience_group_id: i64,
    ) -> Result<LineResponse<audience::AudienceGroupStatus>, LineError> {
        let id = audience_group_id.to_string();
        let url = self.url(&["v2", "bot", "audienceGroup", &id]);
        let answer: LineResponse<audience::AudienceGroupData> = self.get(url).await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: answer.value.audience_group,
        })
    }

    /// Adds `user_ids` (at most [`audience::MAX_UPLOAD_IDS`]) to an audience group
    /// made by [`Self::create_audience_group`] (`PUT /v2/bot/audienceGroup/upload`,
    /// 202). Adding an id the group holds already changes nothing, so a repeat is
    /// harmless; LINE processes it asynchronously, as a creation.
    pub async fn add_to_audience_group(
        &self,
        audience_group_id: i64,
        user_ids: &[&str],
    ) -> Result<LineResponse<()>, LineError> {
        let body = json(&audience::AddToAudienceGroup {
            audience_group_id,
            audiences: user_ids
                .iter()
                .map(|id| audience::AudienceId { id })
                .collect(),
        });
        self.unit_call(
            Method::PUT,
            self.url(&["v2", "bot", "audienceGroup", "upload"]),
            Some(body),
        )
        .await
    }

    /// One page (1-based, up to 40 groups) of the channel's audience groups whose
    /// description contains `description` (LINE matches partially and ignores case).
    pub async fn audience_groups(
        &self,
        description: &str,
        page: u32,
    ) -> Result<LineResponse<audience::AudienceGroupPage>, LineError> {
        let mut url = self.url(&["v2", "bot", "audienceGroup", "list"]);
        url.query_pairs_mut()
            .append_pair("page", &page.max(1).to_string())
            .append_pair("size", "40")
            .append_pair("description", description)
            .append_pair("includesExternalPublicGroups", "false")
            .append_pair("createRoute", "MESSAGING_API");
        self.get(url).await
    }

    /// Deletes an audience group (200). An unknown group is a 404.
    pub async fn delete_audience_group(
        &self,
        audience_group_id: i64,
    ) -> Result<LineResponse<()>, LineError> {
        let id = audience_group_id.to_string();
        self.unit_call(
            Method::DELETE,
            self.url(&["v2", "bot", "audienceGroup", &id]),
            None,
        )
        .await
    }

    /// A call whose answer carries nothing to read. Not retried: the caller
    /// decides (the pipeline retries through its own limiter).
    async fn unit_call(
        &self,
        method: Method,
        url: Url,
        body: Option<Bytes>,
    ) -> Result<LineResponse<()>, LineError> {
        let call = Call {
            method,
            url,
            body,
            retry_key: None,
            content_type: JSON,
            retry: Retry::Never,
        };
        let answer = self.execute(&call).await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: (),
        })
    }

    /// Sends 1 to 5 messages to every friend of the account.
    pub async fn broadcast(
        &self,
        messages: &[Message],
        options: SendOptions,
    ) -> Result<LineResponse<Sent>, LineError> {
        validate_messages(messages)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            messages: &'a [Message],
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            notification_disabled: bool,
        }
        let body = json(&Body {
            messages,
            notification_disabled: options.notification_disabled,
        });
        let key = options.retry_key.unwrap_or_else(Uuid::new_v4);
        self.send(
            Method::POST,
            &["v2", "bot", "message", "broadcast"],
            body,
            Some(key),
            Retry::WhenRetryable,
        )
        .await
    }

    /// A user's profile. [`LineError::NotFound`] if the user blocked the account or
    /// never became a friend.
    pub async fn profile(&self, user_id: &str) -> Result<LineResponse<Profile>, LineError> {
        self.get(self.url(&["v2", "bot", "profile", user_id])).await
    }

    /// One page of the account's followers: up to `limit` (1 to 1,000; LINE's default
    /// is 300) user ids, from the start or from the `next` token of the previous page.
    ///
    /// Only verified and premium accounts may call it: for any other account LINE
    /// answers 403, which is [`LineError::Forbidden`] with LINE's message (nothing a
    /// retry can change). A 429 is retried like any read.
    pub async fn followers_ids(
        &self,
        start: Option<&str>,
        limit: u32,
    ) -> Result<LineResponse<FollowerIds>, LineError> {
        validate::followers_limit(limit)?;
        let mut url = self.url(&["v2", "bot", "followers", "ids"]);
        {
            let mut query = url.query_pairs_mut();
            if let Some(start) = start {
                query.append_pair("start", start);
            }
            query.append_pair("limit", &limit.to_string());
        }
        self.get(url).await
    }

    /// The bot's own account (its user id is the webhooks' `destination`).
    pub async fn bot_info(&self) -> Result<LineResponse<BotInfo>, LineError> {
        self.get(self.url(&["v2", "bot", "info"])).await
    }

    /// This month's message limit.
    pub async fn quota(&self) -> Result<LineResponse<Quota>, LineError> {
        self.get(self.url(&["v2", "bot", "message", "quota"])).await
    }

    /// Messages counted so far this month.
    pub async fn quota_consumption(&self) -> Result<LineResponse<QuotaConsumption>, LineError> {
        self.get(self.url(&["v2", "bot", "message", "quota", "consumption"]))
            .await
    }

    /// Shows the loading animation in a 1:1 chat for `seconds` (5 to 60, a multiple of
    /// 5; checked before sending) or until the next message is sent.
    pub async fn start_loading(
        &self,
        chat_id: &str,
        seconds: u32,
    ) -> Result<LineResponse<()>, LineError> {
        validate::loading_seconds(seconds)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            chat_id: &'a str,
            loading_seconds: u32,
        }
        let body = json(&Body {
            chat_id,
            loading_seconds: seconds,
        });
        let call = Call {
            method: Method::POST,
            url: self.url(&["v2", "bot", "chat", "loading", "start"]),
            body: Some(body),
            retry_key: None,
            content_type: JSON,
            retry: Retry::WhenRetryable,
        };
        let answer = self.execute(&call).await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: (),
        })
    }

    /// Shows the user 既読 on the message `mark_as_read_token` came with (a message
    /// event's `message.markAsReadToken`) and on every message before it. Only the
    /// channel that received the token may use it.
    pub async fn mark_as_read(
        &self,
        mark_as_read_token: &str,
    ) -> Result<LineResponse<()>, LineError> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            mark_as_read_token: &'a str,
        }
        let call = Call {
            method: Method::POST,
            url: self.url(&["v2", "bot", "chat", "markAsRead"]),
            body: Some(json(&Body { mark_as_read_token })),
            retry_key: None,
            content_type: JSON,
            retry: Retry::WhenRetryable,
        };
        let answer = self.execute(&call).await?;
        Ok(LineResponse {
            request_id: answer.request_id,
            value: (),
        })
    }

    /// The content of a message a user sent (image, video, audio, file), from the
    /// data host. LINE answers 202 while it is still transcoding a video or audio:
    /// that is [`Content::NotReady`], to be asked again later. An expired or unknown
    /// message id is [`LineError::NotFound`]. Retried like any read; each attempt may
    /// take [`CONTENT_TIMEOUT`] (files are up to hundreds of MB).
    pub async fn content(&self, message_id: &str) -> Result<LineResponse<Content>, LineError> {
        let url = self.data_url(&["v2", "bot", "message", message_id, "content"]);
        let call = Call {
            method: Method::GET,
            url,
            body: None,
            retry_key: None,
            content_type: JSON,
            retry: Retry::WhenRetryable,
        };
        let answer = self.execute_with(&call, Some(CONTENT_TIMEOUT)).await?;
        let value = if answer.status == 202 {
            Content::NotReady
        } else {
            Content::Ready {
                content_type: answer
                    .content_type
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
                body: answer.body,
            }
        };
        Ok(LineResponse {
            request_id: answer.request_id,
            value,
        })
    }

    /// `segments` on the data host (content, rich menu images).
    fn data_url(&self, segments: &[&str]) -> Url {
        let mut url = self.data_base_url.clone();
        url.path_segments_mut()
            .expect("checked in new(): http(s) URLs have a path")
            .pop_if_empty()
            .extend(segments);
        url
    }

    fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base_url.clone();
        url.path_segments_mut()
            .expect("checked in new(): http(s) URLs have a path")
            .pop_if_empty()
            .extend(segments);
        url
    }

    async fn send(
        &self,
        method: Method,
        path: &[&str],
        body: Bytes,
        retry_key: Option<Uuid>,
        retry: Retry,
    ) -> Result<LineResponse<Sent>, LineError> {
        let call = Call {
            method,
            url: self.url(path),
            body: Some(body),
            retry_key,
            content_type: JSON,
            retry,
        };
        let answer = self.execute(&call).await?;
        let acceptance = match answer.accepted_request_id {
            Some(accepted_request_id) => Acceptance::AlreadyAccepted {
                accepted_request_id,
            },
            None => Acceptance::Accepted,
        };
        let SendAnswer { sent_messages } = match acceptance {
            // A 409's body is an error message, not a send answer.
            Acceptance::AlreadyAccepted { .. } => SendAnswer::default(),
            Acceptance::Accepted => {
                decode_or_default(&answer.body).map_err(|source| LineError::Decode {
                    request_id: answer.request_id.clone(),
                    source,
                })?
            }
        };
        Ok(LineResponse {
            request_id: answer.request_id,
            value: Sent {
                retry_key,
                acceptance,
                sent_messages,
            },
        })
    }

    async fn get<T: DeserializeOwned>(&self, url: Url) -> Result<LineResponse<T>, LineError> {
        let call = Call {
            method: Method::GET,
            url,
            body: None,
            retry_key: None,
            content_type: JSON,
            retry: Retry::WhenRetryable,
        };
        decoded(self.execute(&call).await?)
    }

    /// Sends `call`, retrying per its policy. The body bytes and retry key are the same
    /// on every attempt.
    async fn execute(&self, call: &Call) -> Result<Answer, LineError> {
        self.execute_with(call, None).await
    }

    /// [`Self::execute`] with a per-attempt timeout other than the client's.
    async fn execute_with(
        &self,
        call: &Call,
        timeout: Option<std::time::Duration>,
    ) -> Result<Answer, LineError> {
        let mut attempt = 1;
        loop {
            let error = match self.attempt(call, timeout).await {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            let may_retry = call.retry == Retry::WhenRetryable && error.is_retryable();
            if !may_retry || attempt >= self.retry.max_attempts {
                tracing::warn!(
                    path = call.url.path(),
                    attempt,
                    request_id = error.request_id(),
                    %error,
                    "LINE call failed"
                );
                return Err(error);
            }
            let delay = self.retry.delay(attempt, &mut rand::rng());
            tracing::info!(
                path = call.url.path(),
                attempt,
                request_id = error.request_id(),
                delay_ms = delay.as_millis() as u64,
                %error,
                "retrying LINE call"
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        call: &Call,
        timeout: Option<std::time::Duration>,
    ) -> Result<Answer, LineError> {
        let mut request = self
            .http
            .request(call.method.clone(), call.url.clone())
            .bearer_auth(self.token.expose());
        if let Some(timeout) = timeout {
            request = request.timeout(timeout);
        }
        if let Some(key) = call.retry_key {
            request = request.header(RETRY_KEY_HEADER, key.to_string());
        }
        if let Some(body) = &call.body {
            request = request
                .header(http::header::CONTENT_TYPE, call.content_type)
                .body(body.clone());
        }
        let response = request.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let request_id = header(&response, REQUEST_ID_HEADER);
        let accepted_request_id = header(&response, ACCEPTED_REQUEST_ID_HEADER);
        let content_type = header(&response, http::header::CONTENT_TYPE.as_str());
        let body = response.bytes().await.map_err(transport)?;
        let accepted = match status {
            200..=299 => true,
            409 => accepted_request_id.is_some(),
            _ => false,
        };
        if !accepted {
            return Err(error::from_answer(status, request_id, &body));
        }
        tracing::debug!(
            path = call.url.path(),
            status,
            request_id = request_id.as_deref(),
            "LINE call succeeded"
        );
        Ok(Answer {
            status,
            content_type,
            request_id,
            accepted_request_id: if status == 409 {
                accepted_request_id
            } else {
                None
            },
            body,
        })
    }
}

/// The JSON value of a successful answer.
fn decoded<T: DeserializeOwned>(answer: Answer) -> Result<LineResponse<T>, LineError> {
    let value = serde_json::from_slice(&answer.body).map_err(|source| LineError::Decode {
        request_id: answer.request_id.clone(),
        source,
    })?;
    Ok(LineResponse {
        request_id: answer.request_id,
        value,
    })
}

/// `customAggregationUnits` of a push or multicast: LINE takes at most one.
/// (Narrowcast's request has no such field in messaging-api.yml, so a narrowcast
/// is never counted under a unit.)
fn units(options: &SendOptions) -> Option<[&str; 1]> {
    options.aggregation_unit.as_ref().map(|u| [u.as_str()])
}

fn json(body: &impl Serialize) -> Bytes {
    // Serialising our own request types cannot fail: no maps with non-string keys.
    Bytes::from(serde_json::to_vec(body).expect("request bodies serialise"))
}

fn decode_or_default<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body)
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

fn transport(error: reqwest::Error) -> LineError {
    if error.is_timeout() {
        LineError::Timeout
    } else {
        LineError::Transport(error)
    }
}

#[cfg(test)]
mod tests;
