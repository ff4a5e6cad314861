use crate::builders::*;
use crate::Adapters;
use otodoke_core::sequence::{Enrolment, EnrolmentStatus};

fn who(enrolments: &[Enrolment]) -> Vec<(String, u32)> {
    enrolments
        .iter()
        .map(|e| {
            (
                e.campaign_id.to_string(),
                e.friend.user_id.as_str()[1..]
                    .parse::<u32>()
                    .unwrap_or(u32::MAX),
            )
        })
        .collect()
}

pub async fn a_friend_is_enrolled_in_a_campaign_once(a: Adapters) {
    let enrolment = sample_enrolment("seq-1", 1, "ch-1", at(0));
    assert!(a.enrolments.enrol(&enrolment).await.unwrap());
    let mut again = enrolment.clone();
    again.due_at = at(500);
    assert!(!a.enrolments.enrol(&again).await.unwrap());
    assert_eq!(a.enrolments.due(at(0), 10).await.unwrap(), vec![enrolment]);
    // The same friend in another campaign is another enrolment.
    assert!(a
        .enrolments
        .enrol(&sample_enrolment("seq-2", 1, "ch-1", at(0)))
        .await
        .unwrap());
}

pub async fn enrolments_due_are_active_oldest_due_first_and_limited(a: Adapters) {
    for (friend, due) in [(1, 300), (2, 100), (3, 200), (4, 1_000)] {
        a.enrolments
            .enrol(&sample_enrolment("seq-1", friend, "ch-1", at(due)))
            .await
            .unwrap();
    }
    let due = a.enrolments.due(at(500), 10).await.unwrap();
    assert_eq!(
        who(&due),
        vec![
            ("seq-1".into(), 2),
            ("seq-1".into(), 3),
            ("seq-1".into(), 1)
        ]
    );
    assert!(due.iter().all(|e| e.status == EnrolmentStatus::Active));
    let first_two = a.enrolments.due(at(500), 2).await.unwrap();
    assert_eq!(
        who(&first_two),
        vec![("seq-1".into(), 2), ("seq-1".into(), 3)]
    );
    assert!(a.enrolments.due(at(50), 10).await.unwrap().is_empty());
}

pub async fn advance_moves_only_from_the_expected_step_and_completes_on_none(a: Adapters) {
    let enrolment = sample_enrolment("seq-1", 1, "ch-1", at(100));
    a.enrolments.enrol(&enrolment).await.unwrap();
    let campaign = campaign_id("seq-1");
    let friend = friend_key(1);

    assert!(a
        .enrolments
        .advance(&campaign, &friend, 0, Some((1, at(900))))
        .await
        .unwrap());
    // A second worker that also sent step 0 loses.
    assert!(!a
        .enrolments
        .advance(&campaign, &friend, 0, Some((1, at(900))))
        .await
        .unwrap());
    assert!(a.enrolments.due(at(500), 10).await.unwrap().is_empty());
    let due = a.enrolments.due(at(900), 10).await.unwrap();
    assert_eq!(
        due,
        vec![Enrolment {
            next_step: 1,
            due_at: at(900),
            ..enrolment
        }]
    );

    assert!(a
        .enrolments
        .advance(&campaign, &friend, 1, None)
        .await
        .unwrap());
    assert!(a.enrolments.due(at(100_000), 10).await.unwrap().is_empty());
    assert!(!a
        .enrolments
        .advance(&campaign, &friend, 1, None)
        .await
        .unwrap());
    assert!(!a
        .enrolments
        .advance(&campaign_id("seq-9"), &friend, 0, None)
        .await
        .unwrap());
}

pub async fn stop_all_stops_a_friends_active_enrolments_on_one_channel_only(a: Adapters) {
    for e in [
        sample_enrolment("seq-1", 1, "ch-1", at(100)),
        sample_enrolment("seq-2", 1, "ch-1", at(200)),
        sample_enrolment("seq-3", 1, "ch-2", at(300)),
        sample_enrolment("seq-1", 2, "ch-1", at(400)),
        sample_enrolment("seq-4", 1, "ch-1", at(500)),
    ] {
        a.enrolments.enrol(&e).await.unwrap();
    }
    // A completed enrolment is not active, so it is not counted as stopped.
    a.enrolments
        .advance(&campaign_id("seq-4"), &friend_key(1), 0, None)
        .await
        .unwrap();

    assert_eq!(
        a.enrolments
            .stop_all(&friend_key(1), &channel_id("ch-1"))
            .await
            .unwrap(),
        2
    );
    let due = a.enrolments.due(at(1_000), 10).await.unwrap();
    assert_eq!(who(&due), vec![("seq-3".into(), 1), ("seq-1".into(), 2)]);
    assert_eq!(
        a.enrolments
            .stop_all(&friend_key(1), &channel_id("ch-1"))
            .await
            .unwrap(),
        0
    );
    assert!(!a
        .enrolments
        .advance(&campaign_id("seq-1"), &friend_key(1), 0, None)
        .await
        .unwrap());
}

pub async fn active_lists_a_friends_active_enrolments_and_stop_stops_one(a: Adapters) {
    for e in [
        sample_enrolment("seq-1", 1, "ch-1", at(100)),
        sample_enrolment("seq-2", 1, "ch-1", at(200)),
        sample_enrolment("seq-3", 1, "ch-2", at(300)),
        sample_enrolment("seq-1", 2, "ch-1", at(400)),
    ] {
        a.enrolments.enrol(&e).await.unwrap();
    }
    let active = |friend: u32| {
        let a = a.clone();
        async move {
            let mut ids: Vec<String> = a
                .enrolments
                .active(&friend_key(friend), &channel_id("ch-1"))
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.campaign_id.to_string())
                .collect();
            ids.sort();
            ids
        }
    };
    assert_eq!(active(1).await, vec!["seq-1", "seq-2"]);

    assert!(a
        .enrolments
        .stop(&campaign_id("seq-2"), &friend_key(1))
        .await
        .unwrap());
    assert!(!a
        .enrolments
        .stop(&campaign_id("seq-2"), &friend_key(1))
        .await
        .unwrap());
    assert_eq!(active(1).await, vec!["seq-1"]);
    assert_eq!(
        active(2).await,
        vec!["seq-1"],
        "another friend is untouched"
    );
}
