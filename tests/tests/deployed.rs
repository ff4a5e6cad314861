//! The smoke test for a deployed stack, skipped unless the environment names one
//! (`OTODOKE_DEPLOYED_STACK` or `OTODOKE_DEPLOYED_OUTPUTS`; see docs/deploy.md,
//! "Smoke test"). Only checks that are safe on a real account: see
//! `otodoke_system_tests::deployed`.
//!
//! ```sh
//! OTODOKE_DEPLOYED_STACK=otodoke-dev cargo test -p otodoke-system-tests --test deployed -- --nocapture
//! ```

use otodoke_system_tests::deployed::{smoke, target_from_env};

#[tokio::test]
async fn a_deployed_stack_answers_as_the_system_tests_do() {
    let target = match target_from_env() {
        Ok(Some(target)) => target,
        Ok(None) => {
            println!(
                "SKIPPED: no deployed stack named (set OTODOKE_DEPLOYED_STACK=<stack name> or \
                 OTODOKE_DEPLOYED_OUTPUTS=<describe-stacks JSON file>; docs/deploy.md)"
            );
            return;
        }
        Err(why) => panic!("the deployed stack named by the environment: {why}"),
    };
    println!("smoke test against {target:?}");
    let report = smoke(&target)
        .await
        .unwrap_or_else(|failure| panic!("{failure}"));
    for passed in &report.passed {
        println!("ok: {passed}");
    }
    for skipped in &report.skipped {
        println!("SKIPPED: {skipped}");
    }
}
