//! Staff image uploads (POST /admin/stores/{store_id}/media) and kept media in the
//! history and the CSV export.

use super::support::*;
use axum::body::Body;
use axum::http::Request;
use otodoke_core::media::{MediaKey, MediaPrefix, MediaRef, MAX_IMAGE_BYTES};
use otodoke_core::organization::Role;
use otodoke_core::ports::{ConversationStore, MediaStore};
use otodoke_core::OrgId;
use otodoke_embedded::EmbeddedMedia;
use otodoke_fn_admin_api::{router, Caller};
use std::sync::Arc;
use tower::ServiceExt;

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

struct Rig {
    world: World,
    media: Arc<EmbeddedMedia>,
}

impl Rig {
    async fn new() -> Self {
        Self {
            world: World::new().await,
            media: Arc::new(EmbeddedMedia::in_memory("http://127.0.0.1:9")),
        }
    }

    fn app(&self, caller: Caller) -> axum::Router {
        let state = self.world.state(caller.clone());
        let mut state = state;
        state.ports = self.world.ports().with_media(self.media.clone());
        router(state)
    }

    async fn upload(
        &self,
        caller: Caller,
        store: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Reply {
        let req = Request::builder()
            .method("POST")
            .uri(format!("/admin/stores/{store}/media"))
            .header("authorization", format!("Bearer {TOKEN}"))
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap();
        into_reply(self.app(caller).oneshot(req).await.unwrap()).await
    }

    async fn objects_of(&self, org: &str) -> u64 {
        // Counting by deleting: the store has no listing, and each test has its own.
        self.media
            .delete_prefix(&MediaPrefix::organization(&OrgId::new(org).unwrap()))
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn an_operator_uploads_a_png_and_gets_the_key_links_and_a_jpeg_preview() {
    let rig = Rig::new().await;
    let image = png(800, 400);
    let r = rig
        .upload(
            caller("acme", Role::Operator, &["shibuya"]),
            "shibuya",
            "image/png",
            image.clone(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.json);
    let key = MediaKey::parse(r.json["media_key"].as_str().unwrap()).unwrap();
    assert!(key.as_str().starts_with("acme/out/shibuya/"), "{key}");
    assert_eq!(r.json["content_type"], "image/png");
    assert_eq!(r.json["bytes"], image.len() as u64);
    assert!(r.json["url"]
        .as_str()
        .unwrap()
        .contains("/media/acme/out/shibuya/"));
    let stored = rig.media.get(&key).await.unwrap().unwrap();
    assert_eq!(stored.body, image, "the original is kept byte for byte");
    let preview = rig.media.get(&key.preview()).await.unwrap().unwrap();
    assert_eq!(preview.content_type, "image/jpeg");
    let decoded = image::load_from_memory(&preview.body).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (240, 120));
    assert_ne!(r.json["url"], r.json["preview_url"]);
}

#[tokio::test]
async fn uploads_that_break_lines_rules_are_refused_and_nothing_is_stored() {
    let rig = Rig::new().await;
    let me = || caller("acme", Role::Operator, &[]);
    let gif = rig
        .upload(me(), "shibuya", "image/gif", b"GIF89a....".to_vec())
        .await;
    assert_eq!(gif.status, 415, "{}", gif.json);
    let lying = rig.upload(me(), "shibuya", "image/jpeg", png(4, 4)).await;
    assert_eq!(lying.status, 422, "a PNG declared as JPEG: {}", lying.json);
    let empty = rig.upload(me(), "shibuya", "image/png", Vec::new()).await;
    assert_eq!(empty.status, 422);
    let mut broken = b"\x89PNG\r\n\x1a\n".to_vec();
    broken.extend_from_slice(&[0; 64]);
    let undecodable = rig.upload(me(), "shibuya", "image/png", broken).await;
    assert_eq!(undecodable.status, 422, "{}", undecodable.json);
    let mut huge = png(4, 4);
    huge.resize(MAX_IMAGE_BYTES + 1, 0);
    let too_large = rig.upload(me(), "shibuya", "image/png", huge).await;
    assert_eq!(too_large.status, 413, "{}", too_large.json);
    assert_eq!(
        rig.objects_of("acme").await,
        0,
        "no refused upload left anything"
    );
}

#[tokio::test]
async fn another_organizations_store_or_a_store_out_of_scope_is_not_found_and_viewers_may_not_upload(
) {
    let rig = Rig::new().await;
    let other_org = rig
        .upload(
            caller("globex", Role::Owner, &[]),
            "shibuya",
            "image/png",
            png(4, 4),
        )
        .await;
    assert_eq!(other_org.status, 404, "globex has no store shibuya");
    let out_of_scope = rig
        .upload(
            caller("acme", Role::Operator, &["osaka"]),
            "shibuya",
            "image/png",
            png(4, 4),
        )
        .await;
    assert_eq!(out_of_scope.status, 404);
    let viewer = rig
        .upload(
            caller("acme", Role::Viewer, &[]),
            "shibuya",
            "image/png",
            png(4, 4),
        )
        .await;
    assert_eq!(viewer.status, 403);
    assert_eq!(rig.objects_of("acme").await, 0);
    assert_eq!(rig.objects_of("globex").await, 0);
}

#[tokio::test]
async fn the_history_links_the_kept_copy_and_the_csv_names_it() {
    let rig = Rig::new().await;
    let owner = caller("acme", Role::Owner, &[]);
    let history_path = format!("/admin/friends/{PROVIDER}/{U_SHIBUYA}/history");
    let r = call(&rig.app(owner.clone()), "GET", &history_path, None).await;
    let entry_id = r.json["items"][0]["id"].as_str().unwrap().to_owned();
    let friend = key(U_SHIBUYA);
    let kept = MediaKey::inbound(&friend, "m-image");
    rig.media.put(&kept, "image/png", png(4, 4)).await.unwrap();
    let reference = MediaRef {
        key: kept.clone(),
        content_type: "image/png".into(),
        bytes: 10,
        preview_key: Some(kept.preview()),
    };
    assert!(rig
        .world
        .embedded
        .conversations
        .attach_media(&friend, &entry_id, &reference)
        .await
        .unwrap());

    let r = call(&rig.app(owner.clone()), "GET", &history_path, None).await;
    let item = &r.json["items"][0];
    assert_eq!(item["media"]["key"], kept.as_str());
    let url = item["media_url"].as_str().unwrap();
    assert!(url.contains(&kept.as_str().replace('%', "%25")), "{url}");
    assert!(item["preview_url"].as_str().unwrap().contains(".preview"));

    let csv = call(
        &rig.app(owner),
        "GET",
        "/admin/stores/shibuya/conversations.csv?from=2026-11-01&to=2026-11-30",
        None,
    )
    .await;
    let text = String::from_utf8(csv.bytes).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.ends_with("\"メディア\""), "{header}");
    assert!(text.contains(&format!("\"{kept}\"")), "{text}");
}

#[tokio::test]
async fn erasing_a_customer_deletes_their_kept_media_and_no_one_elses() {
    let rig = Rig::new().await;
    let mine = MediaKey::inbound(&key(U_SHIBUYA), "m1");
    let theirs = MediaKey::inbound(&key(U_OSAKA), "m2");
    for k in [&mine, &mine.preview(), &theirs] {
        rig.media.put(k, "image/png", png(2, 2)).await.unwrap();
    }
    let admin = rig.app(caller("acme", Role::Admin, &[]));
    let r = call(
        &admin,
        "DELETE",
        &format!("/admin/friends/{PROVIDER}/{U_SHIBUYA}"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["media"], 2, "the original and its preview");
    assert_eq!(rig.media.get(&mine).await.unwrap(), None);
    assert!(rig.media.get(&theirs).await.unwrap().is_some());
}
