//! The contract test suite every adapter of the `otodoke-core` ports must pass.
//!
//! An adapter set (embedded, DynamoDB/SQS on moto, ...) implements [`Harness`], which
//! hands out a fresh, empty [`Adapters`] per test; then one line in a test file runs
//! every case, one `#[tokio::test]` per behaviour:
//!
//! ```ignore
//! struct MyHarness;
//! #[async_trait::async_trait]
//! impl otodoke_contract::Harness for MyHarness {
//!     async fn fresh(&self) -> otodoke_contract::Adapters { /* new tables, new queues */ }
//! }
//! otodoke_contract::contract_tests!(MyHarness);
//! ```
//!
//! The test crate needs `tokio` (with the `macros` and `rt-multi-thread` features) as a
//! dependency, because the generated tests are `#[tokio::test]`s.
//!
//! Cases live in [`cases`] as plain `async fn(Adapters)`, so one can also be called by
//! hand while debugging. They panic (with a message saying which behaviour broke) on
//! failure. Test data builders live in [`builders`].

use otodoke_core::ports::{
    AutomationStore, CampaignStatsStore, CampaignStore, ConversationStore, EnrolmentStore,
    FriendStore, IdempotencyStore, ImportStore, MetricsStore, OrganizationStore, QueueReceiver,
    QueueSender, QuotaStore, RichMenuStore, ThreadStore,
};
use std::sync::Arc;
use std::time::Duration;

pub mod builders;
pub mod cases;
pub mod figures;
pub mod support;

/// One complete set of adapters, all empty, sharing nothing with any other set.
#[derive(Clone)]
pub struct Adapters {
    pub orgs: Arc<dyn OrganizationStore>,
    pub friends: Arc<dyn FriendStore>,
    pub idempotency: Arc<dyn IdempotencyStore>,
    pub quota: Arc<dyn QuotaStore>,
    pub conversations: Arc<dyn ConversationStore>,
    pub campaigns: Arc<dyn CampaignStore>,
    pub enrolments: Arc<dyn EnrolmentStore>,
    pub threads: Arc<dyn ThreadStore>,
    /// Rich menus, menu rules and relink jobs.
    pub richmenus: Arc<dyn RichMenuStore>,
    /// Automations and their runs.
    pub automations: Arc<dyn AutomationStore>,
    /// Follower-import checkpoints.
    pub imports: Arc<dyn ImportStore>,
    /// The report counters.
    pub metrics: Arc<dyn MetricsStore>,
    /// Tracked links and their clicks.
    pub links: Arc<dyn otodoke_core::ports::LinkStore>,
    /// LINE's campaign statistics and step counters.
    pub campaign_stats: Arc<dyn CampaignStatsStore>,
    /// A standard queue (at-least-once, no ordering), sending side.
    pub queue: Arc<dyn QueueSender>,
    /// The same standard queue, receiving side.
    pub queue_rx: Arc<dyn QueueReceiver>,
    /// A FIFO queue (ordering per `group_id`, dedup by `dedup_id`), sending side.
    pub fifo: Arc<dyn QueueSender>,
    /// The same FIFO queue, receiving side.
    pub fifo_rx: Arc<dyn QueueReceiver>,
    /// The visibility timeout both queues were created with. Keep it short (1–2 s):
    /// the case that waits for an unacked message to come back sleeps this long.
    pub visibility_timeout: Duration,
}

/// Makes fresh adapter sets: new tables, key prefixes or queues for every call, so
/// that tests running in parallel never see each other's data.
///
/// Queues must be created with a short visibility timeout (1–2 s), reported in
/// [`Adapters::visibility_timeout`], and with a max receive count of at least 5 (the
/// cases receive a message at most 3 times and expect it not to move to a dead-letter
/// queue meanwhile). FIFO queues keep SQS's 5-minute deduplication window.
#[async_trait::async_trait]
pub trait Harness: Send + Sync + 'static {
    /// A new, empty, isolated adapter set.
    async fn fresh(&self) -> Adapters;
}

/// Expands to one `#[tokio::test]` per contract case, each calling
/// `cases::<case>(harness.fresh().await)`.
///
/// `$harness` is an expression evaluated inside each (async) test, so it may `.await`;
/// keep it cheap (a unit struct, a clone of a shared handle).
#[macro_export]
macro_rules! contract_tests {
    ($harness:expr) => {
        $crate::contract_tests!(@cases $harness;
            // organizations
            organizations_stores_channels_and_staff_round_trip,
            a_store_saved_with_a_stale_version_is_refused_and_a_deleted_one_is_gone,
            a_channel_id_or_bot_connected_once_cannot_be_connected_again,
            putting_an_existing_item_again_replaces_it,
            channel_by_destination_finds_the_channel_of_a_bot_user_id,
            an_import_checkpoint_is_version_checked_and_kept_per_organization_and_channel,
            // tenancy
            the_same_store_id_and_line_user_in_two_organizations_are_separate_friends,
            histories_and_store_exports_of_two_organizations_never_mix,
            store_budgets_of_two_organizations_with_the_same_store_id_are_separate,
            erasing_a_customer_removes_their_friend_history_and_enrolments_only,
            a_deactivated_staff_record_reads_back_deactivated,
            all_channels_lists_every_organizations_channels,
            menus_rules_automations_and_runs_of_two_organizations_never_mix,
            metrics_of_two_organizations_with_the_same_channel_and_store_never_mix,
            links_and_clicks_of_two_organizations_never_mix,
            another_organizations_campaign_id_finds_no_statistics,
            // friends
            a_new_friend_is_saved_at_version_1_and_read_back,
            saving_a_stale_version_is_a_conflict,
            saving_a_friend_that_was_never_stored_needs_version_0,
            a_2500_friend_store_audience_paged_by_100_returns_each_friend_once_in_a_stable_order,
            by_channel_lists_only_friends_in_the_asked_follow_state,
            by_tag_lists_the_organizations_friends_with_that_tag,
            by_org_lists_every_friend_of_the_organization_and_no_other,
            moving_a_friend_to_another_store_moves_it_between_store_listings,
            blocking_a_friend_moves_it_from_the_following_to_the_blocked_listing,
            untagging_a_friend_removes_it_from_the_tag_listing,
            a_listing_resumes_after_its_cursor_even_when_that_friend_left,
            a_friend_over_400_kb_is_refused_as_too_large,
            // idempotency
            a_first_claim_is_granted_and_a_second_is_in_progress,
            a_completed_key_is_already_done,
            an_abandoned_claim_can_be_claimed_again_at_once,
            a_claim_whose_lease_ran_out_can_be_claimed_again,
            a_completed_mark_expires_after_keep_for,
            // quota
            a_reservation_within_the_limit_is_granted_and_counted,
            a_reservation_over_the_limit_is_refused_and_reserves_nothing,
            settling_counts_what_was_sent_and_frees_the_rest,
            settling_with_zero_sent_releases_the_whole_reservation,
            settling_twice_never_drives_a_counter_negative,
            a_store_budget_refuses_even_when_the_channel_has_room,
            a_full_channel_refuses_even_when_the_store_budget_has_room,
            reconcile_raises_used_to_lines_count_only_when_higher,
            an_unlimited_channel_grants_any_reservation,
            racing_reservations_never_pass_the_limit_and_settle_to_a_balance,
            racing_reservations_never_pass_a_store_budget,
            settling_one_reservation_twice_leaves_another_open_one_alone,
            a_retried_send_under_the_same_id_is_reserved_and_counted_once,
            an_unsettled_reservation_returns_to_the_pool_once_expired,
            release_expired_frees_the_channel_and_the_store_budget,
            // conversations
            appending_the_same_entry_id_twice_keeps_one,
            history_is_newest_first_and_paged,
            by_store_lists_a_date_range_oldest_first_and_paged,
            hide_marks_the_message_with_that_line_message_id_hidden,
            attaching_media_to_an_entry_is_read_back_in_history_and_the_store_listing,
            // campaigns
            a_created_campaign_reads_back_at_version_1,
            creating_an_existing_campaign_id_is_a_conflict,
            save_draft_checks_the_version_and_leaves_status_and_progress_alone,
            only_a_draft_can_be_saved_or_deleted,
            campaigns_by_org_are_newest_first_and_paged,
            a_cursor_the_listing_never_handed_out_is_an_invalid_cursor,
            transition_moves_only_from_the_expected_status,
            of_racing_transitions_from_one_status_exactly_one_wins,
            due_lists_scheduled_campaigns_whose_time_has_come,
            racing_progress_additions_sum_exactly,
            adding_progress_to_an_unknown_campaign_is_not_found,
            a_checkpoint_starts_empty_and_advances_only_from_the_expected_batch,
            parked_batches_wait_in_batch_order_until_unparked,
            // enrolments
            a_friend_is_enrolled_in_a_campaign_once,
            enrolments_due_are_active_oldest_due_first_and_limited,
            advance_moves_only_from_the_expected_step_and_completes_on_none,
            stop_all_stops_a_friends_active_enrolments_on_one_channel_only,
            active_lists_a_friends_active_enrolments_and_stop_stops_one,
            // threads
            a_thread_is_saved_at_version_1_and_a_stale_save_is_a_conflict,
            thread_listings_are_newest_activity_first_and_follow_status_assignee_and_unread,
            thread_listings_of_two_organizations_never_mix,
            thread_changes_return_what_was_saved_after_the_cursor,
            erasing_a_friends_threads_removes_them_from_every_listing,
            // rich menus
            menus_are_saved_at_version_1_and_listed_per_channel_oldest_first,
            a_stale_menu_save_is_a_conflict_and_a_menu_id_is_taken_once_per_organization,
            a_deleted_menu_is_gone_from_its_channels_list_and_can_be_created_again,
            menu_rules_default_to_empty_and_save_with_versions,
            relink_jobs_are_listed_newest_first_per_channel_and_version_checked,
            // automations
            automations_are_listed_in_creation_order_and_version_checked,
            beginning_a_run_twice_returns_the_first_run_and_finish_records_the_outcome,
            runs_for_a_friend_are_newest_first_and_paged,
            runs_for_an_automation_list_each_run_once_newest_first,
            erasing_a_friends_runs_removes_them_from_every_listing_and_no_one_elses,
            // metrics
            increments_add_up_per_row_and_read_back_in_day_order,
            a_redelivered_increment_counts_once,
            racing_increments_of_one_row_sum_exactly,
            a_range_across_a_year_boundary_reads_both_years_and_each_slice_its_rows,
            a_series_of_stores_never_holds_rows_of_no_store,
            an_add_of_more_rows_than_one_transaction_holds_is_refused_and_counts_nothing,
            // tracked links
            registering_a_link_twice_keeps_one_with_its_counts,
            a_friend_is_counted_once_per_link_and_every_click_in_the_total,
            a_click_of_an_unregistered_link_is_not_found_and_counts_nothing,
            a_campaigns_links_include_its_steps_and_an_automations_its_own,
            a_links_clicks_are_paged_in_a_stable_order,
            erasing_a_friend_removes_their_clicks_and_keeps_the_totals,
            // campaign statistics
            a_watched_unit_is_recorded_once_and_saved_numbers_read_back,
            due_stats_lists_records_to_fetch_soonest_first_and_drops_finished_ones,
            step_counters_add_up_per_step_and_stay_in_their_organization,
            // queues
            a_sent_message_is_received_and_gone_after_ack,
            more_than_ten_messages_in_one_send_all_arrive,
            an_unacked_message_comes_back_after_the_visibility_timeout,
            fifo_keeps_order_within_a_group,
            fifo_holds_a_groups_next_message_while_one_is_in_flight,
            fifo_drops_a_repeat_with_the_same_dedup_id,
            a_message_over_256_kib_is_refused_as_too_large,
        );
    };
    (@cases $harness:expr; $($case:ident),* $(,)?) => {
        $(
            #[::tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $case() {
                let harness = $harness;
                let adapters = $crate::Harness::fresh(&harness).await;
                $crate::cases::$case(adapters).await;
            }
        )*
    };
}
