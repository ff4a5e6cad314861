//! LINE retry keys derived from what is being sent, so that every retry of the same
//! send — by this process, by a redelivered SQS message, by another Lambda — carries
//! the same `X-Line-Retry-Key` and LINE delivers it once (a repeat answers 409).

use otodoke_core::friend::FriendKey;
use otodoke_core::{CampaignId, LineUserId};
use uuid::Uuid;

/// The UUID v5 namespace of otodoke's retry keys (a fixed random UUID).
pub(crate) const NAMESPACE: Uuid = Uuid::from_u128(0x6f74_6f64_6f6b_4572_a7e1_5c0d_3b1f_0a11);

/// The retry key of fan-out batch `batch_no` of `campaign`.
pub fn for_batch(campaign: &CampaignId, batch_no: u32) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("batch\u{1f}{campaign}\u{1f}{batch_no}").as_bytes(),
    )
}

/// The retry key of `user`'s own push in fan-out batch `batch_no` of `campaign`
/// (a campaign with tracked links sends each recipient their own messages). The
/// user, not their place in the batch: a batch parked half-way comes back with
/// only the recipients not reached.
pub fn for_recipient(campaign: &CampaignId, batch_no: u32, user: &LineUserId) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("push\u{1f}{campaign}\u{1f}{batch_no}\u{1f}{user}").as_bytes(),
    )
}

/// The retry key of the one narrowcast of a campaign targeted by LINE's demographics.
pub fn for_narrowcast(campaign: &CampaignId) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("narrowcast\u{1f}{campaign}").as_bytes())
}

/// The retry key of step `step` of a step sequence to one friend.
pub fn for_step(campaign: &CampaignId, friend: &FriendKey, step: u32) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!(
            "step\u{1f}{campaign}\u{1f}{}\u{1f}{}\u{1f}{step}",
            friend.provider, friend.user_id
        )
        .as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_batch_always_gets_the_same_key_and_others_differ() {
        let a = CampaignId::new("c1").unwrap();
        let b = CampaignId::new("c2").unwrap();
        assert_eq!(for_batch(&a, 3), for_batch(&a, 3));
        assert_ne!(for_batch(&a, 3), for_batch(&a, 4));
        assert_ne!(for_batch(&a, 3), for_batch(&b, 3));
        // Keys are hyphenated UUIDs, as LINE requires.
        assert_eq!(for_batch(&a, 3).hyphenated().to_string().len(), 36);
        assert_eq!(for_narrowcast(&a), for_narrowcast(&a));
        assert_ne!(for_narrowcast(&a), for_narrowcast(&b));
    }
}
