//! The redirect over the embedded adapters: registered URLs only, a click counted
//! once per friend (every click in the total), a tampered token counted link-level,
//! and a friend's first click reported on the menu jobs queue.

use http::{Method, StatusCode};
use jiff::Timestamp;
use otodoke_core::friend::FriendKey;
use otodoke_core::link::{track, LinkKey, LinkSource, TrackedLink, Tracking};
use otodoke_core::ports::{LinkStore, QueueReceiver};
use otodoke_core::richmenu::MenuJob;
use otodoke_core::{AutomationId, LineUserId, OrgId, ProviderId};
use otodoke_embedded::{EmbeddedLinks, EmbeddedQueue, QueueConfig};
use otodoke_fn_redirect::Redirector;
use std::sync::Arc;
use std::time::Duration;

const BASE: &str = "http://127.0.0.1:8700";
const BROWSER: Option<&str> = Some("Mozilla/5.0 (iPhone) Line/14.0");

fn now() -> Timestamp {
    "2026-11-30T00:00:00Z".parse().unwrap()
}

fn friend(org: &str, n: u32) -> FriendKey {
    FriendKey {
        org: OrgId::new(org).unwrap(),
        provider: ProviderId::new("p1").unwrap(),
        user_id: LineUserId::parse(format!("U{n:032x}")).unwrap(),
    }
}

struct World {
    links: Arc<EmbeddedLinks>,
    jobs: Arc<EmbeddedQueue>,
    redirector: Redirector,
    key: LinkKey,
}

fn world() -> World {
    let links = Arc::new(EmbeddedLinks::default());
    let jobs = Arc::new(EmbeddedQueue::new(QueueConfig::standard()));
    let key = LinkKey::new(vec![42u8; 32]).unwrap();
    let redirector = Redirector {
        links: links.clone(),
        key: Some(key.clone()),
        jobs: jobs.clone(),
    };
    World {
        links,
        jobs,
        redirector,
        key,
    }
}

impl World {
    /// A message to `to` with `url`, rewritten and its link registered: the path
    /// of the friend's URL and the link.
    async fn sent(&self, org: &str, url: &str, to: Option<&FriendKey>) -> (String, TrackedLink) {
        let org = OrgId::new(org).unwrap();
        let source = LinkSource::Automation {
            automation: AutomationId::new("a1").unwrap(),
        };
        let mut messages = vec![serde_json::json!({"type": "text", "text": url})];
        let tracking = Tracking {
            base: BASE,
            org: &org,
            source: &source,
            friend: to.map(|f| (&self.key, f)),
            now: now(),
        };
        let link = track(&mut messages, &tracking).remove(0);
        self.links.register(&link).await.unwrap();
        let rewritten = messages[0]["text"].as_str().unwrap();
        (rewritten.strip_prefix(BASE).unwrap().to_owned(), link)
    }

    async fn get(&self, path: &str) -> http::Response<String> {
        self.redirector
            .respond(&Method::GET, path, BROWSER, now())
            .await
    }

    async fn jobs(&self) -> Vec<MenuJob> {
        let got = self.jobs.receive(10, Duration::ZERO).await.unwrap();
        got.iter()
            .map(|m| MenuJob::parse(&m.body).unwrap())
            .collect()
    }

    async fn counts(&self, link: &TrackedLink) -> (u64, u64) {
        let s = self.links.link(&link.org, &link.id).await.unwrap().unwrap();
        (s.clicks, s.friends)
    }
}

fn location(r: &http::Response<String>) -> &str {
    r.headers()[http::header::LOCATION].to_str().unwrap()
}

#[tokio::test]
async fn a_registered_link_redirects_to_its_url_uncached_and_without_referrer() {
    let w = world();
    let (path, link) = w.sent("acme", "https://shop.example/sale?x=1", None).await;
    let r = w.get(&path).await;
    assert_eq!(r.status(), StatusCode::FOUND);
    assert_eq!(location(&r), "https://shop.example/sale?x=1");
    assert_eq!(r.headers()[http::header::CACHE_CONTROL], "no-store");
    assert_eq!(r.headers()[http::header::REFERRER_POLICY], "no-referrer");
    assert_eq!(w.counts(&link).await, (1, 0), "a link-level click");
    assert!(w.jobs().await.is_empty());
}

#[tokio::test]
async fn unknown_links_and_other_organizations_links_are_404_never_a_redirect() {
    let w = world();
    let (path, link) = w.sent("acme", "https://shop.example/", None).await;
    let beta_path = path.replace("/r/acme/", "/r/beta/");
    for p in [
        "/r/acme/00000000000000000000".to_owned(),
        beta_path,
        "/r/acme".to_owned(),
        "/r/acme/x/y/z".to_owned(),
        "/elsewhere".to_owned(),
        // A destination in the request is never followed.
        "/r/acme/https%3A%2F%2Fevil.example".to_owned(),
    ] {
        let r = w.get(&p).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{p}");
        assert!(r.headers().get(http::header::LOCATION).is_none());
    }
    assert_eq!(w.counts(&link).await, (0, 0));
}

#[tokio::test]
async fn a_friend_is_counted_once_per_link_every_click_in_the_total_and_reported_once() {
    let w = world();
    let alice = friend("acme", 1);
    let (path, link) = w.sent("acme", "https://shop.example/a", Some(&alice)).await;
    for _ in 0..3 {
        assert_eq!(w.get(&path).await.status(), StatusCode::FOUND);
    }
    assert_eq!(w.counts(&link).await, (3, 1));
    let jobs = w.jobs().await;
    assert_eq!(
        jobs,
        [MenuJob::LinkClicked {
            friend: alice,
            link: link.id.clone(),
            url: "https://shop.example/a".into(),
        }],
        "only the first click is reported"
    );
}

#[tokio::test]
async fn a_tampered_friend_token_still_redirects_but_credits_nobody() {
    let w = world();
    let alice = friend("acme", 1);
    let (path, link) = w.sent("acme", "https://shop.example/a", Some(&alice)).await;
    // Bob's URL for another link, grafted onto Alice's link: its MAC is not for it.
    let (bob_path, _) = w
        .sent("acme", "https://shop.example/b", Some(&friend("acme", 2)))
        .await;
    let bob_token = bob_path.rsplit('/').next().unwrap();
    let alice_link = path.rsplit_once('/').unwrap().0;
    for forged in [
        format!("{alice_link}/{bob_token}"),
        format!("{alice_link}/garbage"),
        format!("{alice_link}/{}x", path.rsplit('/').next().unwrap()),
    ] {
        let r = w.get(&forged).await;
        assert_eq!(r.status(), StatusCode::FOUND, "{forged}");
        assert_eq!(location(&r), "https://shop.example/a");
    }
    assert_eq!(w.counts(&link).await, (3, 0), "counted link-level only");
    assert!(
        w.jobs().await.is_empty(),
        "no automation for a forged click"
    );
}

#[tokio::test]
async fn previews_and_head_requests_redirect_without_counting() {
    let w = world();
    let (path, link) = w
        .sent("acme", "https://shop.example/a", Some(&friend("acme", 1)))
        .await;
    let preview = w
        .redirector
        .respond(&Method::GET, &path, Some("facebookexternalhit/1.1"), now())
        .await;
    assert_eq!(preview.status(), StatusCode::FOUND);
    let head = w
        .redirector
        .respond(&Method::HEAD, &path, BROWSER, now())
        .await;
    assert_eq!(head.status(), StatusCode::FOUND);
    let post = w
        .redirector
        .respond(&Method::POST, &path, BROWSER, now())
        .await;
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(w.counts(&link).await, (0, 0));
}
