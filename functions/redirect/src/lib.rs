//! The tracked links' redirect: `GET /r/<org>/<link>[/<friend token>]` answers 302
//! to the link's registered URL, never to anything taken from the request, so it is
//! no open redirect; an unknown link (or another organization's) is 404.
//!
//! The click is counted before answering: one read (the link) and one write (the
//! friend's click mark with the counts, or the counts alone). A friend token that
//! does not verify is counted as a link-level click (the customer still reaches the
//! page, nobody is credited). A friend's first click of the link is reported on the
//! menu jobs queue ([`MenuJob::LinkClicked`]), where the menus function runs the
//! `link_clicked` automations off this path. Requests from link-preview crawlers
//! are redirected but not counted (LINE and chat apps fetch a URL to preview it).
//!
//! The Lambda (`main.rs`) and the local stack serve [`Redirector::respond`].

use http::{header, Response, StatusCode};
use jiff::Timestamp;
use otodoke_core::link::{Clicked, LinkKey, RedirectPath};
use otodoke_core::ports::{LinkStore, QueueSender};
use otodoke_core::richmenu::MenuJob;
use otodoke_core::StoreError;
use std::sync::Arc;

/// What the redirect needs, built once.
pub struct Redirector {
    pub links: Arc<dyn LinkStore>,
    /// Verifies friend tokens; without one every click is link-level.
    pub key: Option<LinkKey>,
    /// The menu jobs queue (a friend's first click).
    pub jobs: Arc<dyn QueueSender>,
}

/// The redirect's answer, before HTTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Redirect here (the registered URL).
    Found(String),
    /// No such link in that organization, or not a redirect path.
    NotFound,
    /// The link could not be read: try again.
    Unavailable,
}

/// User agents of link-preview crawlers: redirected, not counted. Lowercase.
const PREVIEW_AGENTS: &[&str] = &["bot", "preview", "facebookexternalhit", "crawler", "spider"];

/// Whether `user_agent` is a link-preview crawler rather than a customer.
pub fn is_preview(user_agent: Option<&str>) -> bool {
    let ua = user_agent.unwrap_or_default().to_ascii_lowercase();
    PREVIEW_AGENTS.iter().any(|p| ua.contains(p))
}

impl Redirector {
    /// Resolves `path`, counting the click unless `count` is false (HEAD, a
    /// preview). A failure to count after the link was found still redirects: the
    /// customer is not kept from the page for a lost count (it is logged).
    pub async fn answer(&self, path: &str, count: bool, now: Timestamp) -> Answer {
        let Some(path) = RedirectPath::parse(path) else {
            return Answer::NotFound;
        };
        let link = match self.links.link(&path.org, &path.link).await {
            Ok(Some(stats)) => stats.link,
            Ok(None) => return Answer::NotFound,
            Err(error) => {
                tracing::error!(%error, "tracked link could not be read");
                return Answer::Unavailable;
            }
        };
        if !count {
            return Answer::Found(link.url);
        }
        let friend = match (&self.key, &path.token) {
            (Some(key), Some(token)) => {
                let friend = key.verify(&path.org, &path.link, token);
                if friend.is_none() {
                    tracing::info!(link = %path.link, "friend token did not verify; counted link-level");
                }
                friend
            }
            _ => None,
        };
        match self
            .links
            .record_click(&path.org, &path.link, friend.as_ref(), now)
            .await
        {
            Ok(Clicked::FirstForFriend) => {
                let friend = friend.expect("a first click has a friend");
                let job = MenuJob::LinkClicked {
                    friend,
                    link: link.id.clone(),
                    url: link.url.clone(),
                };
                if let Err(error) = self.jobs.send(&[job.message()]).await {
                    tracing::warn!(%error, link = %link.id, "first click not reported; its automations will not run");
                }
            }
            Ok(Clicked::Counted) => {}
            Err(StoreError::NotFound(_)) => return Answer::NotFound,
            Err(error) => tracing::warn!(%error, link = %link.id, "click not counted"),
        }
        Answer::Found(link.url)
    }

    /// The HTTP answer to `method` `path` from `user_agent`: 302 with `Location`,
    /// 404, 405 or 503; never cached (every click must reach here) and with no
    /// referrer (the friend token must not leak to the destination).
    pub async fn respond(
        &self,
        method: &http::Method,
        path: &str,
        user_agent: Option<&str>,
        now: Timestamp,
    ) -> Response<String> {
        let count = match *method {
            http::Method::GET => !is_preview(user_agent),
            http::Method::HEAD => false,
            _ => return plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
        };
        match self.answer(path, count, now).await {
            Answer::Found(url) => Response::builder()
                .status(StatusCode::FOUND)
                .header(header::LOCATION, url)
                .header(header::CACHE_CONTROL, "no-store")
                .header(header::REFERRER_POLICY, "no-referrer")
                .body(String::new())
                .expect("a registered URL is a valid header value"),
            Answer::NotFound => plain(StatusCode::NOT_FOUND, "not found"),
            Answer::Unavailable => plain(StatusCode::SERVICE_UNAVAILABLE, "try again"),
        }
    }
}

fn plain(status: StatusCode, text: &str) -> Response<String> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(text.to_owned())
        .expect("static headers")
}
