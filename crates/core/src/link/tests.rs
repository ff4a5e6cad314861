use super::*;
use crate::ids::{LineUserId, ProviderId};
use serde_json::json;

const BASE: &str = "https://api.example.com";

fn org(s: &str) -> OrgId {
    OrgId::new(s).unwrap()
}

fn friend(o: &str, user: &str) -> FriendKey {
    FriendKey {
        org: org(o),
        provider: ProviderId::new("p1").unwrap(),
        user_id: LineUserId::parse(user).unwrap(),
    }
}

const ALICE: &str = "U0123456789abcdef0123456789abcdef";
const BOB: &str = "Ufedcba9876543210fedcba9876543210";

fn key() -> LinkKey {
    LinkKey::new(vec![7u8; 32]).unwrap()
}

fn source() -> LinkSource {
    LinkSource::Automation {
        automation: AutomationId::new("a1").unwrap(),
    }
}

fn now() -> Timestamp {
    "2026-11-30T00:00:00Z".parse().unwrap()
}

fn link_level<'a>(o: &'a OrgId, s: &'a LinkSource) -> Tracking<'a> {
    Tracking {
        base: BASE,
        org: o,
        source: s,
        friend: None,
        now: now(),
    }
}

#[test]
fn only_absolute_http_urls_can_be_tracked() {
    assert_eq!(validate_url("https://shop.example/a?b=1"), Ok(()));
    assert_eq!(validate_url("http://shop.example"), Ok(()));
    assert_eq!(validate_url("/relative"), Err(InvalidUrl::NotAbsolute));
    assert_eq!(validate_url("tel:0312345678"), Err(InvalidUrl::Scheme));
    assert_eq!(validate_url("javascript:alert(1)"), Err(InvalidUrl::Scheme));
    assert_eq!(validate_url("line://ti/p/@x"), Err(InvalidUrl::Scheme));
    let long = format!("https://a.example/{}", "x".repeat(MAX_URL_LEN));
    assert_eq!(validate_url(&long), Err(InvalidUrl::TooLong));
}

#[test]
fn the_same_url_in_the_same_place_is_the_same_link() {
    let a = link_id(&org("o1"), "https://x.example", &source());
    assert_eq!(a, link_id(&org("o1"), "https://x.example", &source()));
    assert_ne!(a, link_id(&org("o2"), "https://x.example", &source()));
    assert_ne!(a, link_id(&org("o1"), "https://y.example", &source()));
    let other = LinkSource::Campaign {
        campaign: CampaignId::new("c1").unwrap(),
    };
    assert_ne!(a, link_id(&org("o1"), "https://x.example", &other));
    assert_eq!(a.as_str().len(), 20);
}

#[test]
fn a_friend_token_verifies_only_for_its_org_link_and_friend() {
    let (k, o, alice) = (key(), org("o1"), friend("o1", ALICE));
    let link = link_id(&o, "https://x.example", &source());
    let token = k.friend_token(&o, &link, &alice);
    assert_eq!(k.verify(&o, &link, &token), Some(alice.clone()));
    // Another link, another organization, another key: nothing.
    let other_link = link_id(&o, "https://y.example", &source());
    assert_eq!(k.verify(&o, &other_link, &token), None);
    assert_eq!(k.verify(&org("o2"), &link, &token), None);
    let other_key = LinkKey::new(vec![8u8; 32]).unwrap();
    assert_eq!(other_key.verify(&o, &link, &token), None);
}

#[test]
fn a_token_edited_to_name_another_friend_does_not_verify() {
    let (k, o) = (key(), org("o1"));
    let link = link_id(&o, "https://x.example", &source());
    let token = k.friend_token(&o, &link, &friend("o1", ALICE));
    let (_, mac) = token.split_once('.').unwrap();
    let bob = URL_SAFE_NO_PAD.encode(format!("p1\n{BOB}"));
    assert_eq!(k.verify(&o, &link, &format!("{bob}.{mac}")), None);
    assert_eq!(k.verify(&o, &link, "garbage"), None);
    assert_eq!(k.verify(&o, &link, &format!("{bob}.")), None);
}

#[test]
fn a_short_key_is_refused() {
    assert_eq!(LinkKey::new(vec![1u8; 31]).unwrap_err(), WeakKey);
}

#[test]
fn redirect_paths_parse_with_and_without_a_token() {
    let p = RedirectPath::parse("/r/o1/0123456789abcdef0123").unwrap();
    assert_eq!(
        (p.org.as_str(), p.link.as_str(), p.token),
        ("o1", "0123456789abcdef0123", None)
    );
    let p = RedirectPath::parse("/r/o1/abc/tok.mac").unwrap();
    assert_eq!(p.token.as_deref(), Some("tok.mac"));
    let p = RedirectPath::parse("/r/o%2F1/abc").unwrap();
    assert_eq!(p.org.as_str(), "o/1");
    assert_eq!(RedirectPath::parse("/r/o1"), None);
    assert_eq!(RedirectPath::parse("/r/o1/abc/t/extra"), None);
    assert_eq!(RedirectPath::parse("/x/o1/abc"), None);
    assert_eq!(RedirectPath::parse("/r/o%231/abc"), None);
}

#[test]
fn bare_urls_in_text_are_rewritten_and_punctuation_is_kept_outside() {
    let (o, s) = (org("o1"), source());
    let mut messages = vec![json!({
        "type": "text",
        "text": "予約はこちら https://shop.example/book?x=1。 or (http://b.example/p). mail: tel:03"
    })];
    let links = track(&mut messages, &link_level(&o, &s));
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].url, "https://shop.example/book?x=1");
    assert_eq!(links[1].url, "http://b.example/p");
    let text = messages[0]["text"].as_str().unwrap();
    let expected = format!(
        "予約はこちら {BASE}/r/o1/{}。 or ({BASE}/r/o1/{}). mail: tel:03",
        links[0].id, links[1].id
    );
    assert_eq!(text, expected);
}

#[test]
fn uri_actions_of_buttons_are_rewritten_and_other_actions_are_not() {
    let (o, s) = (org("o1"), source());
    let mut messages = vec![json!({
        "type": "template",
        "altText": "menu",
        "template": {
            "type": "buttons",
            "thumbnailImageUrl": "https://img.example/a.jpg",
            "text": "choose",
            "defaultAction": {"type": "uri", "label": "open", "uri": "https://shop.example/"},
            "actions": [
                {"type": "uri", "label": "web", "uri": "https://shop.example/",
                 "altUri": {"desktop": "https://shop.example/pc"}},
                {"type": "uri", "label": "call", "uri": "tel:0312345678"},
                {"type": "postback", "label": "yes", "data": "https://not.a.link/"}
            ]
        },
        "quickReply": {"items": [
            {"type": "action", "action": {"type": "uri", "label": "q", "uri": "https://q.example/"}}
        ]}
    })];
    let links = track(&mut messages, &link_level(&o, &s));
    // (Objects are walked in key order, so links come in that order.)
    let mut urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
    urls.sort();
    assert_eq!(
        urls,
        [
            "https://q.example/",
            "https://shop.example/",
            "https://shop.example/pc"
        ]
    );
    let t = &messages[0]["template"];
    let tracked = |u: &Value| u.as_str().unwrap().starts_with(&format!("{BASE}/r/o1/"));
    assert!(tracked(&t["defaultAction"]["uri"]));
    assert!(tracked(&t["actions"][0]["uri"]));
    assert!(tracked(&t["actions"][0]["altUri"]["desktop"]));
    assert_eq!(t["actions"][1]["uri"], "tel:0312345678");
    assert_eq!(t["actions"][2]["data"], "https://not.a.link/");
    assert_eq!(t["thumbnailImageUrl"], "https://img.example/a.jpg");
    assert!(tracked(
        &messages[0]["quickReply"]["items"][0]["action"]["uri"]
    ));
}

#[test]
fn flex_and_imagemap_uri_actions_are_rewritten_per_friend() {
    let (o, s, k, alice) = (org("o1"), source(), key(), friend("o1", ALICE));
    let mut messages = vec![
        json!({"type": "flex", "altText": "f", "contents": {"type": "carousel", "contents": [
            {"type": "bubble", "hero": {"type": "image", "url": "https://img.example/h.png",
              "action": {"type": "uri", "uri": "https://a.example/1"}},
             "footer": {"type": "box", "layout": "vertical", "contents": [
                {"type": "button", "action": {"type": "uri", "label": "go", "uri": "https://a.example/2"}}
             ]}}
        ]}}),
        json!({"type": "imagemap", "baseUrl": "https://img.example/map", "altText": "m",
               "baseSize": {"width": 1040, "height": 1040},
               "actions": [{"type": "uri", "linkUri": "https://a.example/3",
                            "area": {"x": 0, "y": 0, "width": 10, "height": 10}}]}),
    ];
    let tracking = Tracking {
        friend: Some((&k, &alice)),
        ..link_level(&o, &s)
    };
    let links = track(&mut messages, &tracking);
    assert_eq!(links.len(), 3);
    let hero = messages[0]["contents"]["contents"][0]["hero"].clone();
    assert_eq!(hero["url"], "https://img.example/h.png");
    let uri = hero["action"]["uri"].as_str().unwrap();
    let path = uri.strip_prefix(BASE).unwrap();
    let parsed = RedirectPath::parse(path).unwrap();
    let by_url = |u: &str| links.iter().find(|l| l.url == u).unwrap().id.clone();
    assert_eq!(parsed.link, by_url("https://a.example/1"));
    assert_eq!(
        k.verify(&o, &parsed.link, parsed.token.as_deref().unwrap()),
        Some(alice)
    );
    assert!(messages[1]["actions"][0]["linkUri"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{BASE}/r/o1/{}/", by_url("https://a.example/3"))));
    assert_eq!(messages[1]["baseUrl"], "https://img.example/map");
}

#[test]
fn rewriting_twice_leaves_redirect_urls_alone_and_repeats_register_once() {
    let (o, s) = (org("o1"), source());
    let mut messages = vec![json!({"type": "text", "text": "https://a.example https://a.example"})];
    let links = track(&mut messages, &link_level(&o, &s));
    assert_eq!(links.len(), 1);
    let once = messages.clone();
    assert!(track(&mut messages, &link_level(&o, &s)).is_empty());
    assert_eq!(messages, once);
    assert_eq!(urls(&once).len(), 2);
}
