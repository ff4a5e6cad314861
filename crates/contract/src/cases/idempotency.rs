use crate::builders::*;
use crate::Adapters;
use jiff::SignedDuration;
use otodoke_core::ports::Claim;

const LEASE: SignedDuration = SignedDuration::from_secs(300);
const KEEP: SignedDuration = SignedDuration::from_hours(24);

pub async fn a_first_claim_is_granted_and_a_second_is_in_progress(a: Adapters) {
    let idem = &a.idempotency;
    assert_eq!(
        idem.claim("evt-1", at(0), LEASE).await.unwrap(),
        Claim::Claimed
    );
    assert_eq!(
        idem.claim("evt-1", at(1), LEASE).await.unwrap(),
        Claim::InProgress
    );
    assert_eq!(
        idem.claim("evt-1", at(299), LEASE).await.unwrap(),
        Claim::InProgress
    );
    assert_eq!(
        idem.claim("evt-2", at(1), LEASE).await.unwrap(),
        Claim::Claimed
    );
}

pub async fn a_completed_key_is_already_done(a: Adapters) {
    let idem = &a.idempotency;
    assert_eq!(
        idem.claim("evt-1", at(0), LEASE).await.unwrap(),
        Claim::Claimed
    );
    idem.complete("evt-1", at(10), KEEP).await.unwrap();
    assert_eq!(
        idem.claim("evt-1", at(11), LEASE).await.unwrap(),
        Claim::AlreadyDone
    );
    // Long after the lease, while the mark is kept: still done.
    assert_eq!(
        idem.claim("evt-1", at(3_600), LEASE).await.unwrap(),
        Claim::AlreadyDone
    );
}

pub async fn an_abandoned_claim_can_be_claimed_again_at_once(a: Adapters) {
    let idem = &a.idempotency;
    assert_eq!(
        idem.claim("batch-7", at(0), LEASE).await.unwrap(),
        Claim::Claimed
    );
    idem.abandon("batch-7").await.unwrap();
    assert_eq!(
        idem.claim("batch-7", at(1), LEASE).await.unwrap(),
        Claim::Claimed
    );
    // Abandoning a key never claimed is harmless.
    idem.abandon("never-seen").await.unwrap();
    assert_eq!(
        idem.claim("never-seen", at(2), LEASE).await.unwrap(),
        Claim::Claimed
    );
}

pub async fn a_claim_whose_lease_ran_out_can_be_claimed_again(a: Adapters) {
    let idem = &a.idempotency;
    assert_eq!(
        idem.claim("evt-1", at(0), LEASE).await.unwrap(),
        Claim::Claimed
    );
    assert_eq!(
        idem.claim("evt-1", at(301), LEASE).await.unwrap(),
        Claim::Claimed
    );
    // The new claim holds its own lease.
    assert_eq!(
        idem.claim("evt-1", at(302), LEASE).await.unwrap(),
        Claim::InProgress
    );
}

pub async fn a_completed_mark_expires_after_keep_for(a: Adapters) {
    let idem = &a.idempotency;
    assert_eq!(
        idem.claim("evt-1", at(0), LEASE).await.unwrap(),
        Claim::Claimed
    );
    idem.complete("evt-1", at(10), KEEP).await.unwrap();
    let day = 24 * 3_600;
    assert_eq!(
        idem.claim("evt-1", at(9 + day), LEASE).await.unwrap(),
        Claim::AlreadyDone
    );
    assert_eq!(
        idem.claim("evt-1", at(11 + day), LEASE).await.unwrap(),
        Claim::Claimed
    );
}
