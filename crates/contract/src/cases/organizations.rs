use crate::builders::*;
use crate::Adapters;
use otodoke_core::import::ImportCheckpoint;
use otodoke_core::StoreError;

fn sorted<T: Clone, K: Ord>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    items.sort_by_key(|item| key(item));
    items
}

pub async fn organizations_stores_channels_and_staff_round_trip(a: Adapters) {
    let orgs = &a.orgs;
    let acme = sample_org("acme");
    orgs.put_organization(&acme).await.unwrap();
    orgs.put_organization(&sample_org("other")).await.unwrap();
    assert_eq!(
        orgs.organization(&acme.id).await.unwrap(),
        Some(acme.clone())
    );
    assert_eq!(orgs.organization(&org_id("nobody")).await.unwrap(), None);

    let kanto = sample_store("acme", "kanto");
    let mut shibuya = sample_store("acme", "shibuya");
    shibuya.parent = Some(kanto.id.clone());
    shibuya.monthly_budget = Some(1_000);
    let kanto = orgs.save_store(&kanto).await.unwrap();
    let shibuya = orgs.save_store(&shibuya).await.unwrap();
    orgs.save_store(&sample_store("other", "osaka"))
        .await
        .unwrap();
    assert_eq!(
        orgs.store(&acme.id, &shibuya.id).await.unwrap(),
        Some(shibuya.clone())
    );
    assert_eq!(
        orgs.store(&org_id("other"), &shibuya.id).await.unwrap(),
        None
    );
    let stores = sorted(orgs.stores(&acme.id).await.unwrap(), |s| s.id.clone());
    assert_eq!(stores, vec![kanto.clone(), shibuya.clone()]);

    let mut ch1 = sample_channel("acme", "ch-1", 1);
    ch1.plan = otodoke_core::organization::Plan::Standard {
        extra_cap: Some(500),
    };
    let ch2 = sample_channel("acme", "ch-2", 2);
    for channel in [&ch1, &ch2, &sample_channel("other", "ch-3", 3)] {
        orgs.put_channel(channel).await.unwrap();
    }
    assert_eq!(orgs.channel(&ch1.id).await.unwrap(), Some(ch1.clone()));
    assert_eq!(orgs.channel(&channel_id("ch-9")).await.unwrap(), None);
    let channels = sorted(orgs.channels(&acme.id).await.unwrap(), |c| c.id.clone());
    assert_eq!(channels, vec![ch1, ch2]);

    let owner = sample_staff("acme", "aiko");
    let mut operator = sample_staff("acme", "ken");
    operator.stores = vec![shibuya.id.clone()];
    for staff in [&owner, &operator, &sample_staff("other", "mei")] {
        orgs.put_staff(staff).await.unwrap();
    }
    assert_eq!(
        orgs.staff(&acme.id, &operator.id).await.unwrap(),
        Some(operator.clone())
    );
    assert_eq!(orgs.staff(&acme.id, &staff_id("mei")).await.unwrap(), None);
    let staff = sorted(orgs.staff_list(&acme.id).await.unwrap(), |s| s.id.clone());
    assert_eq!(staff, vec![owner, operator]);
}

pub async fn putting_an_existing_item_again_replaces_it(a: Adapters) {
    let orgs = &a.orgs;
    let mut acme = sample_org("acme");
    orgs.put_organization(&acme).await.unwrap();
    acme.name = "Acme Holdings".into();
    orgs.put_organization(&acme).await.unwrap();
    assert_eq!(
        orgs.organization(&acme.id).await.unwrap(),
        Some(acme.clone())
    );

    let mut store = orgs
        .save_store(&sample_store("acme", "shibuya"))
        .await
        .unwrap();
    store.name = "Shibuya 2F".into();
    let store = orgs.save_store(&store).await.unwrap();
    assert_eq!(store.version, 2);
    assert_eq!(orgs.stores(&acme.id).await.unwrap(), vec![store]);

    let mut staff = sample_staff("acme", "aiko");
    orgs.put_staff(&staff).await.unwrap();
    staff.role = otodoke_core::organization::Role::Admin;
    orgs.put_staff(&staff).await.unwrap();
    assert_eq!(orgs.staff_list(&acme.id).await.unwrap(), vec![staff]);
}

pub async fn channel_by_destination_finds_the_channel_of_a_bot_user_id(a: Adapters) {
    let orgs = &a.orgs;
    let ch1 = sample_channel("acme", "ch-1", 1);
    let ch2 = sample_channel("acme", "ch-2", 2);
    orgs.connect_channel(&ch1).await.unwrap();
    orgs.connect_channel(&ch2).await.unwrap();
    assert_eq!(
        orgs.channel_by_destination(&bot_user_id(2)).await.unwrap(),
        Some(ch2.clone())
    );
    assert_eq!(
        orgs.channel_by_destination(&bot_user_id(7)).await.unwrap(),
        None
    );

    // A channel re-connected with another bot answers to the new destination only.
    let mut moved = ch1.clone();
    moved.bot_user_id = bot_user_id(5);
    orgs.put_channel(&moved).await.unwrap();
    assert_eq!(
        orgs.channel_by_destination(&bot_user_id(5)).await.unwrap(),
        Some(moved)
    );
    assert_eq!(
        orgs.channel_by_destination(&bot_user_id(1)).await.unwrap(),
        None
    );
}

pub async fn a_store_saved_with_a_stale_version_is_refused_and_a_deleted_one_is_gone(a: Adapters) {
    let orgs = &a.orgs;
    let v1 = orgs
        .save_store(&sample_store("acme", "shibuya"))
        .await
        .unwrap();
    // A second create of the same id is a stale write too.
    assert!(matches!(
        orgs.save_store(&sample_store("acme", "shibuya")).await,
        Err(otodoke_core::StoreError::Conflict)
    ));
    let mut hours = v1.clone();
    hours.name = "edited by one admin".into();
    let mut rules = v1.clone();
    rules.name = "edited by another".into();
    orgs.save_store(&hours).await.unwrap();
    assert!(matches!(
        orgs.save_store(&rules).await,
        Err(otodoke_core::StoreError::Conflict)
    ));
    // The same id in another organization is another store.
    orgs.save_store(&sample_store("other", "shibuya"))
        .await
        .unwrap();
    assert!(orgs
        .delete_store(&org_id("acme"), &store_id("shibuya"))
        .await
        .unwrap());
    assert_eq!(
        orgs.store(&org_id("acme"), &store_id("shibuya"))
            .await
            .unwrap(),
        None
    );
    assert!(orgs
        .store(&org_id("other"), &store_id("shibuya"))
        .await
        .unwrap()
        .is_some());
    assert!(!orgs
        .delete_store(&org_id("acme"), &store_id("shibuya"))
        .await
        .unwrap());
}

pub async fn a_channel_id_or_bot_connected_once_cannot_be_connected_again(a: Adapters) {
    let orgs = &a.orgs;
    let mine = sample_channel("acme", "ch-1", 1);
    orgs.connect_channel(&mine).await.unwrap();
    // Another tenant typing the same channel id, or another id with the same bot.
    let squat = sample_channel("other", "ch-1", 9);
    assert!(matches!(
        orgs.connect_channel(&squat).await,
        Err(otodoke_core::StoreError::Conflict)
    ));
    let same_bot = sample_channel("other", "ch-2", 1);
    assert!(matches!(
        orgs.connect_channel(&same_bot).await,
        Err(otodoke_core::StoreError::Conflict)
    ));
    // Connecting one's own channel twice is refused too.
    assert!(matches!(
        orgs.connect_channel(&mine).await,
        Err(otodoke_core::StoreError::Conflict)
    ));
    assert_eq!(orgs.channel(&mine.id).await.unwrap(), Some(mine.clone()));
    assert_eq!(
        orgs.channel_by_destination(&bot_user_id(1)).await.unwrap(),
        Some(mine)
    );
}

pub async fn an_import_checkpoint_is_version_checked_and_kept_per_organization_and_channel(
    a: Adapters,
) {
    let imports = &a.imports;
    let (acme, other) = (org_id("acme"), org_id("other"));
    let channel = channel_id("2000000001");
    assert_eq!(
        imports.import_checkpoint(&acme, &channel).await.unwrap(),
        None
    );
    let first = ImportCheckpoint::start(acme.clone(), channel.clone(), at(1_000));
    let saved = imports.save_import_checkpoint(&first).await.unwrap();
    assert_eq!(saved.version, 1);
    assert!(
        matches!(
            imports.save_import_checkpoint(&first).await,
            Err(StoreError::Conflict)
        ),
        "a second first save is a conflict"
    );
    let mut next = saved.clone();
    next.next = Some("token+/=".into());
    next.pages = 1;
    next.imported = 1_000;
    next.created = 990;
    next.kept_blocked = 10;
    let next = imports.save_import_checkpoint(&next).await.unwrap();
    assert_eq!(next.version, 2);
    assert!(
        matches!(
            imports.save_import_checkpoint(&saved).await,
            Err(StoreError::Conflict)
        ),
        "a save from a stale version is a conflict"
    );
    assert_eq!(
        imports.import_checkpoint(&acme, &channel).await.unwrap(),
        Some(next.clone())
    );
    assert_eq!(
        imports.import_checkpoint(&other, &channel).await.unwrap(),
        None,
        "another organization's checkpoint of the same channel id is its own"
    );
    assert_eq!(
        imports
            .import_checkpoint(&acme, &channel_id("2000000002"))
            .await
            .unwrap(),
        None
    );
}

/// Every channel of every organization, by id.
pub async fn all_channels_lists_every_organizations_channels(a: Adapters) {
    assert!(a.orgs.all_channels().await.unwrap().is_empty());
    for (org, channel, bot) in [
        ("acme", "ch-2", 2),
        ("beta", "ch-1", 1),
        ("acme", "ch-3", 3),
    ] {
        a.orgs.put_organization(&sample_org(org)).await.unwrap();
        a.orgs
            .put_channel(&sample_channel(org, channel, bot))
            .await
            .unwrap();
    }
    let ids: Vec<String> = a
        .orgs
        .all_channels()
        .await
        .unwrap()
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(ids, ["ch-1", "ch-2", "ch-3"]);
}
