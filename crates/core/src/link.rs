//! Tracked links: the URLs of a message rewritten to otodoke's redirect, so that a
//! click is counted (per friend where the message went to one friend) before the
//! browser goes on to the URL.
//!
//! - A [`TrackedLink`] is registered per organization, URL and [`LinkSource`]; its
//!   id is derived from those three ([`link_id`]), so registering is idempotent and
//!   a message can be rewritten without a read.
//! - [`track`] is the one rule for which URLs of a LINE message are rewritten:
//!   every `uri` action (`uri` and `altUri.desktop`; imagemap `linkUri`) wherever it
//!   sits (template, flex, imagemap, quick reply), and bare `http(s)://` URLs in
//!   text messages. Nothing else (image and video URLs stay as they are).
//! - A rewritten URL is `<base>/r/<org>/<link>` (link level: a multicast sends the
//!   same content to everyone) or `<base>/r/<org>/<link>/<friend token>`, where the
//!   friend token names the friend and carries an HMAC-SHA256 of (org, link,
//!   friend) under the deployment's link key ([`LinkKey`]): nobody can make a URL
//!   that counts a click for another friend, another link or another organization.
//! - The redirect answers only with a registered link's URL (never one from the
//!   request), so it is no open redirect.
//!
//! The click rule: every click adds one to the link's `clicks`; a friend's first
//! click of a link adds one to its `friends` and is kept (who, when first). A later
//! click by the same friend only adds to `clicks`, and fires no automation again.
//! A friend token that does not verify is counted as a link-level click (the
//! customer still reaches the page; nobody is credited).

use crate::friend::FriendKey;
use crate::ids::{AutomationId, CampaignId, LinkId, OrgId};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// LINE's limit on a URI action's `uri` (characters); a tracked URL must fit too.
pub const MAX_URL_LEN: usize = 1000;
/// The path prefix of the redirect.
pub const REDIRECT_PREFIX: &str = "/r/";
/// Bytes of HMAC kept in a friend token (128 bits).
const MAC_LEN: usize = 16;
/// The shortest link key accepted (bytes).
pub const MIN_KEY_LEN: usize = 32;

/// Where a tracked link was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum LinkSource {
    /// A campaign's messages (multicast or narrowcast: link-level clicks).
    Campaign { campaign: CampaignId },
    /// Step `step` (0-based) of a step sequence (pushed per friend).
    Step { campaign: CampaignId, step: u32 },
    /// An automation's `send` action (pushed or replied per friend).
    Automation { automation: AutomationId },
}

/// What links are listed by: a campaign (its steps included) or an automation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "type", content = "id")]
pub enum LinkOwner {
    Campaign(CampaignId),
    Automation(AutomationId),
}

impl LinkSource {
    /// The campaign or automation the source belongs to.
    pub fn owner(&self) -> LinkOwner {
        match self {
            LinkSource::Campaign { campaign } | LinkSource::Step { campaign, .. } => {
                LinkOwner::Campaign(campaign.clone())
            }
            LinkSource::Automation { automation } => LinkOwner::Automation(automation.clone()),
        }
    }

    /// A stable string naming the source, for [`link_id`].
    fn key(&self) -> String {
        match self {
            LinkSource::Campaign { campaign } => format!("campaign\n{campaign}"),
            LinkSource::Step { campaign, step } => format!("step\n{campaign}\n{step}"),
            LinkSource::Automation { automation } => format!("automation\n{automation}"),
        }
    }
}

/// A URL of an organization's message that otodoke redirects to, and counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedLink {
    pub org: OrgId,
    pub id: LinkId,
    /// The destination: an absolute `http`/`https` URL ([`validate_url`]).
    pub url: String,
    pub source: LinkSource,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

impl TrackedLink {
    /// The link for `url` written in `source`; `None` when `url` is not an absolute
    /// http(s) URL of at most [`MAX_URL_LEN`] characters.
    pub fn new(org: &OrgId, url: &str, source: &LinkSource, now: Timestamp) -> Option<Self> {
        validate_url(url).ok()?;
        Some(Self {
            org: org.clone(),
            id: link_id(org, url, source),
            url: url.to_owned(),
            source: source.clone(),
            created_at: now,
        })
    }
}

/// A link with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkStats {
    pub link: TrackedLink,
    /// Every click, repeats and link-level clicks included.
    pub clicks: u64,
    /// Friends who clicked (each once).
    pub friends: u64,
}

/// A friend's (first) click of a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkClick {
    pub friend: FriendKey,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
}

/// What recording a click did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clicked {
    /// A friend's first click of the link: counted in `clicks` and `friends`.
    FirstForFriend,
    /// Counted in `clicks` only (a repeat, or no friend known).
    Counted,
}

/// Why a URL cannot be tracked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidUrl {
    #[error("not an absolute URL")]
    NotAbsolute,
    #[error("only http and https URLs can be tracked")]
    Scheme,
    #[error("longer than {MAX_URL_LEN} characters")]
    TooLong,
}

/// Checks that `url` can be a tracked link's destination: absolute, `http` or
/// `https`, with a host, at most [`MAX_URL_LEN`] characters.
pub fn validate_url(url: &str) -> Result<(), InvalidUrl> {
    if url.len() > MAX_URL_LEN {
        return Err(InvalidUrl::TooLong);
    }
    let parsed = url::Url::parse(url).map_err(|_| InvalidUrl::NotAbsolute)?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(InvalidUrl::Scheme);
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(InvalidUrl::NotAbsolute);
    }
    Ok(())
}

/// The id of `url` in `source` of `org`: 20 hex digits of SHA-256 over the three,
/// so the same URL in the same place is always the same link (idempotent
/// registration), and a message can be rewritten before anything is stored.
pub fn link_id(org: &OrgId, url: &str, source: &LinkSource) -> LinkId {
    let digest = Sha256::new()
        .chain_update(b"otodoke:link\n")
        .chain_update(org.as_str())
        .chain_update(b"\n")
        .chain_update(source.key())
        .chain_update(b"\n")
        .chain_update(url)
        .finalize();
    let hex: String = digest[..10].iter().map(|b| format!("{b:02x}")).collect();
    LinkId::new(hex).expect("hex is a valid id")
}

/// The deployment's key for friend tokens (from the secrets mechanism: a Secrets
/// Manager secret in AWS, a generated file locally). Never logged.
#[derive(Clone)]
pub struct LinkKey(Vec<u8>);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(..)")
    }
}

/// A link key shorter than [`MIN_KEY_LEN`] bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a link key needs at least {MIN_KEY_LEN} bytes")]
pub struct WeakKey;

impl LinkKey {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self, WeakKey> {
        let bytes = bytes.into();
        if bytes.len() < MIN_KEY_LEN {
            return Err(WeakKey);
        }
        Ok(Self(bytes))
    }

    fn mac(&self, org: &OrgId, link: &LinkId, friend: &FriendKey) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key");
        mac.update(b"otodoke:click\n");
        mac.update(org.as_str().as_bytes());
        mac.update(b"\n");
        mac.update(link.as_str().as_bytes());
        mac.update(b"\n");
        mac.update(friend.encode().as_bytes());
        mac
    }

    /// The token naming `friend` in `link`'s URL: the friend's provider and user
    /// (base64url), a dot, and 128 bits of the HMAC of (org, link, friend).
    pub fn friend_token(&self, org: &OrgId, link: &LinkId, friend: &FriendKey) -> String {
        let who = format!("{}\n{}", friend.provider, friend.user_id);
        let mac = self.mac(org, link, friend).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(who),
            URL_SAFE_NO_PAD.encode(&mac[..MAC_LEN])
        )
    }

    /// The friend `token` names, if its HMAC verifies for `org` and `link`
    /// (compared in constant time); `None` for anything else.
    pub fn verify(&self, org: &OrgId, link: &LinkId, token: &str) -> Option<FriendKey> {
        let (who, mac) = token.split_once('.')?;
        let who = String::from_utf8(URL_SAFE_NO_PAD.decode(who).ok()?).ok()?;
        let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
        let (provider, user) = who.split_once('\n')?;
        let friend = FriendKey {
            org: org.clone(),
            provider: crate::ids::ProviderId::new(provider).ok()?,
            user_id: crate::ids::LineUserId::parse(user).ok()?,
        };
        let expected = self.mac(org, link, &friend).finalize().into_bytes();
        use subtle::ConstantTimeEq;
        (mac.len() == MAC_LEN && bool::from(expected[..MAC_LEN].ct_eq(&mac))).then_some(friend)
    }
}

/// A redirect request's path, parsed: `/r/<org>/<link>[/<friend token>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectPath {
    pub org: OrgId,
    pub link: LinkId,
    pub token: Option<String>,
}

impl RedirectPath {
    /// `None` for any other shape (the redirect answers 404).
    pub fn parse(path: &str) -> Option<Self> {
        let rest = path.strip_prefix(REDIRECT_PREFIX)?;
        let mut parts = rest.split('/');
        let org = OrgId::new(decode_segment(parts.next()?)?).ok()?;
        let link = LinkId::new(decode_segment(parts.next()?)?).ok()?;
        let token = match parts.next() {
            None | Some("") => None,
            Some(t) => Some(t.to_owned()),
        };
        parts.next().is_none().then_some(Self { org, link, token })
    }
}

/// How to rewrite the URLs of messages about to be sent.
pub struct Tracking<'a> {
    /// The public base of the redirect (`https://api.example.com`, no trailing `/`).
    pub base: &'a str,
    pub org: &'a OrgId,
    pub source: &'a LinkSource,
    /// The one recipient and the key for their token; `None`: link-level URLs.
    pub friend: Option<(&'a LinkKey, &'a FriendKey)>,
    pub now: Timestamp,
}

impl Tracking<'_> {
    fn url(&self, link: &LinkId) -> String {
        let base = self.base.trim_end_matches('/');
        let mut url = format!(
            "{base}{REDIRECT_PREFIX}{}/{}",
            encode_segment(self.org.as_str()),
            link
        );
        if let Some((key, friend)) = self.friend {
            url.push('/');
            url.push_str(&key.friend_token(self.org, link, friend));
        }
        url
    }

    fn is_ours(&self, url: &str) -> bool {
        let base = self.base.trim_end_matches('/');
        url.strip_prefix(base)
            .is_some_and(|rest| rest.starts_with(REDIRECT_PREFIX))
    }
}

/// What rewriting messages' URLs to tracked links needs: where links are
/// registered, the key of friend tokens and the redirect's public base
/// (`https://…`, no trailing `/`). Automations, campaigns and step sequences all
/// rewrite through [`LinkTracking::rewrite`] (or [`track`] itself, where one set
/// of registered links serves many recipients).
#[derive(Clone)]
pub struct LinkTracking {
    pub links: std::sync::Arc<dyn crate::ports::LinkStore>,
    pub key: LinkKey,
    pub base: String,
}

impl LinkTracking {
    /// How to rewrite messages written in `source` for `friend` (`None`:
    /// link-level URLs, for messages that go to many friends at once).
    pub fn tracking<'a>(
        &'a self,
        org: &'a OrgId,
        source: &'a LinkSource,
        friend: Option<&'a FriendKey>,
        now: Timestamp,
    ) -> Tracking<'a> {
        Tracking {
            base: &self.base,
            org,
            source,
            friend: friend.map(|f| (&self.key, f)),
            now,
        }
    }

    /// `messages` with their URLs rewritten ([`track`]), each link registered
    /// first (idempotent: the same link for every friend and repeat).
    pub async fn rewrite(
        &self,
        org: &OrgId,
        source: &LinkSource,
        friend: Option<&FriendKey>,
        messages: &[Value],
        now: Timestamp,
    ) -> Result<Vec<Value>, crate::error::StoreError> {
        let mut messages = messages.to_vec();
        for link in track(&mut messages, &self.tracking(org, source, friend, now)) {
            self.links.register(&link).await?;
        }
        Ok(messages)
    }
}

/// Rewrites every trackable URL of `messages` (LINE message objects) in place and
/// returns the links to register before sending (each once). URLs that are not
/// absolute http(s), or already otodoke's redirect, stay as they are. Pure.
pub fn track(messages: &mut [Value], tracking: &Tracking<'_>) -> Vec<TrackedLink> {
    let mut links: Vec<TrackedLink> = Vec::new();
    let mut rewrite = |url: &str| -> Option<String> {
        if tracking.is_ours(url) {
            return None;
        }
        let link = TrackedLink::new(tracking.org, url, tracking.source, tracking.now)?;
        let out = tracking.url(&link.id);
        if !links.iter().any(|l| l.id == link.id) {
            links.push(link);
        }
        Some(out)
    };
    for message in messages.iter_mut() {
        visit_message(message, &mut rewrite);
    }
    links
}

/// Every trackable URL of `messages`, in order (what [`track`] would rewrite).
pub fn urls(messages: &[Value]) -> Vec<String> {
    let mut found = Vec::new();
    let mut copy = messages.to_vec();
    for message in copy.iter_mut() {
        visit_message(message, &mut |url: &str| {
            found.push(url.to_owned());
            None
        });
    }
    found
}

fn visit_message(message: &mut Value, rewrite: &mut dyn FnMut(&str) -> Option<String>) {
    if message.get("type").and_then(Value::as_str) == Some("text") {
        if let Some(Value::String(text)) = message.get_mut("text") {
            *text = rewrite_text(text, rewrite);
        }
    }
    visit_actions(message, rewrite);
}

/// Walks the whole object: a `uri` action may sit anywhere in a template, flex
/// bubble or carousel, imagemap or quick reply.
fn visit_actions(value: &mut Value, rewrite: &mut dyn FnMut(&str) -> Option<String>) {
    match value {
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("uri") {
                for field in ["uri", "linkUri"] {
                    replace(map.get_mut(field), rewrite);
                }
                if let Some(alt) = map.get_mut("altUri").and_then(Value::as_object_mut) {
                    replace(alt.get_mut("desktop"), rewrite);
                }
            }
            for (_, child) in map.iter_mut() {
                visit_actions(child, rewrite);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| visit_actions(v, rewrite)),
        _ => {}
    }
}

fn replace(field: Option<&mut Value>, rewrite: &mut dyn FnMut(&str) -> Option<String>) {
    if let Some(Value::String(url)) = field {
        if let Some(new) = rewrite(url) {
            *url = new;
        }
    }
}

/// Replaces each bare `http://` / `https://` URL of a text. A URL runs to the
/// first whitespace, non-ASCII character or one of `<>"`; trailing `.,;:!?)'`
/// are left out (the sentence's punctuation, not the URL's).
fn rewrite_text(text: &str, rewrite: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_scheme(rest) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let mut end = tail
            .find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(tail.len());
        while end > 0 && tail[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', '\'']) {
            end -= 1;
        }
        let url = &tail[..end];
        match rewrite(url) {
            Some(new) => out.push_str(&new),
            None => out.push_str(url),
        }
        // `end` is at least 7: a match starts with `http://` or `https://`, whose
        // last character is never trimmed, so the loop always moves on.
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn find_scheme(text: &str) -> Option<usize> {
    let http = text.find("http://");
    let https = text.find("https://");
    match (http, https) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Percent-encodes a path segment (ids may hold any character but `#`).
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode_segment(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests;
