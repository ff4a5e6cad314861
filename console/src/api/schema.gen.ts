// Generated from docs/openapi.json by `npm run gen:api`. Do not edit.
export interface paths {
    "/admin/automations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization's automations (any role). */
        get: operations["list_automations"];
        put?: never;
        /** Creates an automation (admin of the whole organization). */
        post: operations["create_automation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/automations/{automation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One automation (any role). */
        get: operations["get_automation"];
        /** Replaces an automation's content (admin of the whole organization). */
        put: operations["update_automation"];
        post?: never;
        /**
         * Deletes an automation (admin of the whole organization); its runs stay on the
         *     friends' timelines. Refused (409) while a rich menu area or another automation
         *     names it.
         */
        delete: operations["delete_automation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/automations/{automation_id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The runs an automation took part in, newest first (whole-organization staff). */
        get: operations["automation_runs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The campaigns the caller may see, newest first. */
        get: operations["list_campaigns"];
        put?: never;
        /**
         * Creates a draft campaign (operator). Staff limited to some stores must target
         *     stores of their scope; only unrestricted staff may target the whole organization.
         */
        post: operations["create_campaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One campaign with its status and progress counters (planned, sent, failed,
         *     skipped), and LINE's report of its narrowcast when it targets by LINE's
         *     demographics (`narrowcast`: phase, counts, reason of a failure).
         */
        get: operations["get_campaign"];
        /**
         * Replaces a draft's content (operator): the same body and rules as creating one.
         *     Only a draft can be edited (409 once scheduled or sent: cancel and duplicate it
         *     instead); a stale `version` is 409.
         */
        put: operations["edit_campaign"];
        post?: never;
        /**
         * Deletes a draft (operator); 409 for a campaign that was scheduled or sent (its
         *     progress is history: cancel it instead).
         */
        delete: operations["delete_campaign"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancels a campaign that has not finished (operator); batches already queued
         *     are dropped by the sender, which checks the status between batches.
         */
        post: operations["cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new draft with a copy of a campaign's content (operator), whatever the
         *     original's status: how a sent campaign is sent again, or a variant drafted.
         *     The copy is named "<name> (コピー)" and checked as a new draft would be (its
         *     stores must still be in the caller's scope).
         */
        post: operations["duplicate_campaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The audience size and the quota it would use against what is left this month.
         * @description The audience is matched by the broadcast engine's `AudienceScan` (the filter
         *     the planner sends with). Cost: reads the whole audience page by page, one page
         *     in memory at a time (about one DynamoDB query per 1,000 friends).
         */
        post: operations["estimate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pauses a running campaign (operator); the sender stops between batches. */
        post: operations["pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["campaign_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resumes a paused campaign (operator): running again, and a one-off campaign
         *     is handed to the planner again (it continues from its checkpoint; batches
         *     already queued are sent by the sender once the campaign runs).
         */
        post: operations["resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Schedules a draft (operator): an "at" campaign waits for its time (which must
         *     be in the future), a sequence runs at once (its followers are enrolled from now
         *     on: nothing else would ever start it), and a "now" campaign starts at once as
         *     with send-now.
         */
        post: operations["schedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/send-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sends a draft now (operator), whatever its schedule said: running at once and
         *     handed to the planner. Not for step sequences.
         */
        post: operations["send_now"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channels of the organization the caller may see. */
        get: operations["list_channels"];
        put?: never;
        /**
         * Connects a LINE channel (admin, all stores). The access token must answer LINE's
         *     bot-info call; the bot user id LINE returns becomes the channel's identity. A
         *     channel id or bot already connected, here or in another organization, is
         *     refused (409, without saying where). In a `channel_per_store` organization the
         *     channel must name its store.
         */
        post: operations["create_channel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One channel. */
        get: operations["get_channel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes a channel's default store or plan (admin, all stores). */
        patch: operations["update_channel"];
        trace?: never;
    };
    "/admin/channels/{channel_id}/import-followers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Imports the channel's existing friends (admin, all stores): one slice of LINE's
         *     followers list (`GET /v2/bot/followers/ids`, verified and premium accounts only)
         *     with each follower's profile, paced under LINE's rate limits, for up to about 20
         *     seconds. The import keeps a checkpoint after every page: calling again continues
         *     from it, and after `done` a call starts a new pass (refreshing profiles). Blocked
         *     friends stay blocked. Where LINE does not offer the list, the answer is 200 with
         *     `status: unavailable` and LINE's reason.
         */
        post: operations["import_followers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/insight": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["channel_insight"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/menu-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channel's menu rules (any role). */
        get: operations["get_menu_rules"];
        /**
         * Replaces the channel's menu rules (admin): LINE's default menu is set, and a
         *     background job re-links every friend whose menu changes (202, with the job:
         *     follow its progress in `relink`).
         */
        put: operations["put_menu_rules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/menu-rules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Counts who would get which menu under `rules` (any role; nothing is saved). */
        post: operations["preview_menu_rules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/quota": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channel's quota this JST month. */
        get: operations["quota"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/relink-jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A relink job (any role). */
        get: operations["get_relink_job"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/richmenus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A channel's rich menus, oldest first (any role). */
        get: operations["list_menus"];
        put?: never;
        /** Creates a menu (admin); upload its image and publish it next. */
        post: operations["create_menu"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/richmenus/{menu_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One menu (any role). */
        get: operations["get_menu"];
        /**
         * Replaces a menu's content (admin). The published menu stays on LINE until the
         *     menu is published again.
         */
        put: operations["update_menu"];
        post?: never;
        /**
         * Deletes a menu (admin) and its publication on LINE. Refused (409) while the
         *     rules or another menu's tab name it.
         */
        delete: operations["delete_menu"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/richmenus/{menu_id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Uploads a menu's image (admin): the raw JPEG or PNG with its `Content-Type`, at
         *     most 1 MB (413), of exactly the menu's size (422). Replaces an earlier image; the
         *     menu needs publishing again.
         */
        put: operations["upload_menu_image"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/channels/{channel_id}/richmenus/{menu_id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publishes the menu's current version to LINE (admin): LINE gets a new rich menu
         *     with the image, the menu's alias (what tabs switch to) points at it, friends who
         *     had the previous publication are moved to it in the background (a relink job),
         *     and if it is the channel's default it becomes LINE's default. 409 without an
         *     image.
         */
        post: operations["publish_menu"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One friend. */
        get: operations["get_friend"];
        put?: never;
        post?: never;
        /**
         * Erases a customer on their request (admin): their friend record, conversation
         *     history, kept media and enrolments go from every table and bucket. The erasure is logged with who asked
         *     and how much went, never with the customer's data. Backups (point-in-time
         *     recovery) still hold the data until they age out (docs/deploy.md).
         */
        delete: operations["erase_friend"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}/attributes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets a friend's attributes (operator). */
        put: operations["set_attributes"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}/automation-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A friend's automation runs, newest first (their timeline; the friend's scope). */
        get: operations["friend_runs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A friend's conversation history, newest first. */
        get: operations["history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's notes (staff only; never shown to the customer). */
        get: operations["list_notes"];
        put?: never;
        /** Adds a note (operator). A customer keeps the newest 50. */
        post: operations["add_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}/notes/{note_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a note (operator). */
        delete: operations["delete_note"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}/store": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Assigns a friend to another store (operator; both stores in the caller's scope). */
        put: operations["assign_store"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tags a friend (operator). */
        post: operations["add_tag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/friends/{provider}/{user_id}/tags/{tag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a tag from a friend (operator); removing an absent tag is not an error. */
        delete: operations["remove_tag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tracked links of a campaign or an automation (any role). */
        get: operations["list_tracked_links"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller: their staff record (role, stores, assigned only, sender identity) and
         *     what it allows. Console clients read this once after sign-in.
         */
        get: operations["me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/organizations/{org_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's organization and the store tree within their scope. */
        get: operations["get_organization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Renames the organization, changes its link mode or default store (admin, all stores). */
        patch: operations["update_organization"];
        trace?: never;
    };
    "/admin/organizations/{org_id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_organization_reply"];
        /** Replaces the organization's defaults (admin, all stores). */
        put: operations["put_organization_reply"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Friends, messages and answers per JST day (viewer). A store-restricted caller
         *     sees its stores' counts only.
         * @description Cost: the whole organization or one channel: one item per day, read by key
         *     (BatchGetItem, 100 a call: a year is 4 calls); one store, or a
         *     store-restricted caller: one Query per store in scope and year. At most 400
         *     days.
         */
        get: operations["daily"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/daily.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The daily report as CSV (viewer): one row per day of the range, oldest first
         *     (日付, 純増, then each counter), in the CSV export's form ([`csv_file`]).
         * @description Cost: as the JSON report.
         */
        get: operations["daily_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The stores compared over whole JST months (viewer): per store, the totals
         *     over the months and per month. A store-restricted caller sees its stores only.
         * @description Cost: one Query per calendar year of the months, one item per month, store and
         *     channel (a year of 50 stores with a channel each: 600 items). At most 13 months.
         */
        get: operations["store_comparison"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/stores.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The store comparison as CSV (viewer): one row per store and month (店舗 —
         *     empty for friends of no store —, 月, 純増, then each counter), stores in the
         *     JSON report's order, months oldest first, in the CSV export's form
         *     ([`csv_file`]).
         * @description Cost: as the JSON report.
         */
        get: operations["store_comparison_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The staff the caller may see: all of them for unrestricted callers, otherwise
         *     those whose stores all lie inside the caller's.
         */
        get: operations["list_staff"];
        put?: never;
        /**
         * Invites a new member (admin, all stores): creates their sign-in account (in AWS
         *     the Cognito user, carrying only the organization id) and their staff record.
         */
        post: operations["invite_staff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/staff/{staff_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Creates or replaces a staff member (admin, all stores), for example the record
         *     of an account made in an external identity provider (`staff_id` = its `sub`).
         *     A replaced member keeps their e-mail address and active state.
         */
        put: operations["put_staff"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/staff/{staff_id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivates a deactivated member (admin, all stores). */
        post: operations["activate_staff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/staff/{staff_id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivates a member (admin, all stores): refused (401) on their next request,
         *     whatever their token says; their record and history stay. Nobody deactivates
         *     themselves (so an organization cannot lock out its last owner by mistake).
         */
        post: operations["deactivate_staff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates a store (admin). A store-scoped admin may only create stores below
         *     their own; a root store needs an unrestricted admin.
         */
        post: operations["create_store"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One store of the caller's scope. */
        get: operations["get_store"];
        put?: never;
        post?: never;
        /**
         * Removes a store (admin of the store). Refused (409) while stores sit below it,
         *     a channel belongs to it, or friends are assigned to it: move them first, so that
         *     nobody is left answered by a store that no longer exists.
         */
        delete: operations["delete_store"];
        options?: never;
        head?: never;
        /** Changes a store's settings (admin of the store). */
        patch: operations["update_store"];
        trace?: never;
    };
    "/admin/stores/{store_id}/conversations.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A store's conversations between two days as CSV that opens in Japanese Excel
         *     (日時, 方向, LINEユーザーID, 表示名, 送信者, メッセージ, メディア — the last one the
         *     key of otodoke's kept copy of an image, video, audio or file, empty otherwise):
         *     UTF-8 with a byte-order mark, CRLF line ends, every field quoted, times in ISO
         *     8601 with the store's offset. Unsent messages are left out.
         * @description Cost: the whole range is read page by page and built in memory (a Lambda
         *     response is at most 6 MB anyway); the range is capped at 366 days.
         */
        get: operations["export_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/friends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Friends assigned to a store, optionally with a tag or a name containing `q`.
         * @description Filters are applied to pages of the store's friends (or the organization's
         *     friends with the tag), so a page may hold fewer than `limit` items and still
         *     have a next cursor. Cost: one storage page per call.
         */
        get: operations["list_friends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/holidays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_holidays"];
        /**
         * Replaces holidays and special days (admin). A store without hours gets empty
         *     weekly hours, i.e. closed except on special days: set weekly hours first.
         */
        put: operations["put_holidays"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/hours": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_hours"];
        /** Replaces the business hours and after-hours reply (admin). */
        put: operations["put_hours"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A store's staff-chat settings (any staff of the store: they pick canned replies). */
        get: operations["get_settings"];
        /** Replaces a store's staff-chat settings (admin of the store). */
        put: operations["put_settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/intents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_intents"];
        /** Replaces the intents (admin). */
        put: operations["put_intents"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/intents/unanswered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The store's unanswered messages with suggestions (viewer).
         * @description Cost: the store's history of the last `days` days read page by page (at most
         *     5,000 messages), and each listed text recognised again.
         */
        get: operations["unanswered"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/intents/{name}/examples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Adds an unanswered message as an example of intent `name` (admin), in one call. */
        post: operations["teach_example"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Uploads an image to send (operator and above, staff of the store). The body is
         *     the raw JPEG or PNG, with its `Content-Type`; LINE's limits are checked before
         *     anything is stored: at most 10 MB (413), JPEG or PNG declared (415) and by its
         *     bytes (422). A preview of at most 240 px is made and stored beside it.
         */
        post: operations["upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The store's decision for a message at a time, with every stage explained:
         *     hand-off, hours, each matching rule, intent scores, then the decision and its trace.
         */
        post: operations["preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The effective configuration of a store and the source of each part. */
        get: operations["get_effective"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stores/{store_id}/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_rules"];
        /** Replaces the keyword rules (admin). */
        put: operations["put_rules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The inbox: threads of the caller's stores (or one store), newest activity first,
         *     filtered by status, unread, assignee, tag and text.
         * @description One index is read (assignee, else unread, status or store, else the whole
         *     organization), other filters are checked on what it returns. Staff who see
         *     assigned customers only get their own threads. Cost: one query per 30 threads
         *     examined (at most 500 per call), plus one friend read per thread returned.
         */
        get: operations["list_threads"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/threads/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed in the caller's threads since the last poll: one query per poll
         *     (the console polls every second or two).
         */
        get: operations["changes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/threads/{channel_id}/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One thread. */
        get: operations["get_thread"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/threads/{channel_id}/{user_id}/assignee": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Assigns the customer (all their threads) to a staff member, or unassigns them.
         *     The change is logged on the thread.
         */
        put: operations["assign"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/threads/{channel_id}/{user_id}/handoff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Takes the chat over from the bot: it stays silent until the window ends (or the
         *     chat is returned). Sending a message does this too.
         */
        post: operations["take_over"];
        /** Returns the chat to the bot at once. */
        delete: operations["return_to_bot"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/threads/{channel_id}/{user_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sends a message to the customer as the caller, with their sender name and icon.
         * @description Needs an `Idempotency-Key` header (1–128 letters, digits, `-`, `_`, `.`): the same
         *     key sends once, however often it is posted. Replies with the customer's reply
         *     token while it is usable (free), else pushes under one message of quota. The bot
         *     stays silent for the store's hand-off window after it. 409: the customer blocked
         *     the account, or the key is being sent right now; 429: no quota left; 422: LINE
         *     would refuse the message; 502: LINE could not be reached (retry with the same key).
         */
        post: operations["send_message"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/threads/{channel_id}/{user_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Marks the thread read by the caller (and, when the store asks for it, shows the
         *     customer 既読 through LINE).
         */
        post: operations["mark_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/threads/{channel_id}/{user_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the thread's status (e.g. resolved); the customer's next message reopens it. */
        put: operations["set_status"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The window in which a rule may answer: `from` inclusive, `to` exclusive; a
         *     missing bound is open-ended.
         */
        ActivePeriod: {
            /**
             * Format: date-time
             * @default null
             */
            from: string | null;
            /**
             * Format: date-time
             * @default null
             */
            to: string | null;
        };
        AddNote: {
            /** @description 1–2,000 characters (`Note::MAX_CHARS`). */
            text: string;
        };
        /** @description A tag to add. */
        AddTag: {
            /** @description 1 to 50 characters, not only spaces (kept trimmed). */
            tag: string;
        };
        /** @description The reply outside business hours. */
        AfterHours: {
            /** @default null */
            answer: null | components["schemas"]["Answer"];
            /**
             * Format: int64
             * @description A friend gets the after-hours reply at most once per this many minutes.
             * @default 60
             */
            cool_down_minutes: number;
        };
        /**
         * @description LINE's age buckets: `age_20` is "20 years or older" as a lower bound and
         *     "younger than 20" as an upper bound.
         * @enum {string}
         */
        AgeBucket: "age_15" | "age_20" | "age_25" | "age_30" | "age_35" | "age_40" | "age_45" | "age_50" | "age_55" | "age_60" | "age_65" | "age_70";
        /**
         * @description A complete answer: up to five bubbles and optional quick-reply buttons, which
         *     the responder attaches to the last bubble (that is where LINE shows them).
         */
        Answer: {
            /**
             * @description At most [`MAX_MESSAGES`] (5).
             * @default []
             */
            messages: components["schemas"]["ReplyMessage"][];
            /**
             * @description At most [`MAX_QUICK_REPLIES`] (13).
             * @default []
             */
            quick_replies: components["schemas"]["QuickReply"][];
        };
        /**
         * @description The app a friend uses LINE on.
         * @enum {string}
         */
        AppType: "ios" | "android";
        /** @description Who the customer is assigned to (個別ID). */
        AssignBody: {
            /** @description A staff member of the organization; `null` unassigns. */
            staff_id?: string | null;
        };
        /** @description The store to assign a friend to. */
        AssignStore: {
            store_id: string;
        };
        /** @description Attributes used for targeting. */
        Attributes: {
            /** Format: int32 */
            birth_year?: number | null;
            custom?: {
                [key: string]: string;
            };
            gender?: null | components["schemas"]["Gender"];
            /** @description One of Japan's 47 prefectures, as written in Japanese (e.g. `東京都`). */
            prefecture?: string | null;
        };
        /**
         * @description Who receives a campaign. Empty fields do not filter. Blocked friends are
         *     always excluded.
         */
        Audience: {
            /**
             * Format: int32
             * @default null
             */
            age_max: number | null;
            /**
             * Format: int32
             * @description Inclusive age range in years, from the birth year.
             * @default null
             */
            age_min: number | null;
            /**
             * Format: date-time
             * @default null
             */
            followed_since: string | null;
            /** @default [] */
            genders: components["schemas"]["Gender"][];
            /** @default null */
            line_demographics: null | components["schemas"]["LineDemographics"];
            /** @default [] */
            prefectures: string[];
            /**
             * @description Stores whose subtrees are targeted; empty means the whole organization.
             * @default []
             */
            stores: components["schemas"]["StoreId"][];
            /** @default [] */
            tags_all: string[];
            /** @default [] */
            tags_any: string[];
            /** @default [] */
            tags_none: string[];
        };
        /** @description What an automation does. */
        AutoAction: {
            tags: string[];
            /** @enum {string} */
            type: "add_tags";
        } | {
            tags: string[];
            /** @enum {string} */
            type: "remove_tags";
        } | {
            key: string;
            /** @enum {string} */
            type: "set_attribute";
            value?: string | null;
        } | {
            store?: null | components["schemas"]["StoreId"];
            /** @enum {string} */
            type: "assign_store";
        } | {
            staff?: null | components["schemas"]["StaffId"];
            /** @enum {string} */
            type: "assign_staff";
        } | {
            messages: components["schemas"]["LineMessageObject"][];
            /**
             * @description Rewrite the messages' URLs to tracked links for the friend, counting
             *     their clicks per friend (`otodoke_core::link`). Default false.
             */
            track_links?: boolean;
            /** @enum {string} */
            type: "send";
        } | {
            campaign: components["schemas"]["CampaignId"];
            /** @enum {string} */
            type: "start_sequence";
        } | {
            campaign: components["schemas"]["CampaignId"];
            /** @enum {string} */
            type: "stop_sequence";
        } | {
            menu?: null | components["schemas"]["RichMenuId"];
            /** @enum {string} */
            type: "switch_menu";
        } | {
            /** Format: int64 */
            minutes?: number | null;
            /** @enum {string} */
            type: "hand_off";
        } | {
            text: string;
            /** @enum {string} */
            type: "notify_staff";
        } | {
            automation: components["schemas"]["AutomationId"];
            /** @enum {string} */
            type: "run";
        };
        /** @description An automation of an organization. */
        Automation: {
            actions: components["schemas"]["AutoAction"][];
            channel?: null | components["schemas"]["ChannelId"];
            /** @description A disabled automation is kept but never runs. */
            enabled: boolean;
            id: components["schemas"]["AutomationId"];
            name: string;
            org: components["schemas"]["OrgId"];
            trigger: components["schemas"]["Trigger"];
            /** Format: date-time */
            updated_at: string;
            /** Format: int64 */
            version: number;
        };
        AutomationId: string;
        /** @description An automation's content, to create one or replace one's content. */
        AutomationInput: {
            /** @description 1–20 actions (`MAX_ACTIONS`), done in order. */
            actions: components["schemas"]["AutoAction"][];
            channel?: null | components["schemas"]["ChannelId"];
            enabled?: boolean;
            /** @description 1–100 characters. */
            name: string;
            trigger: components["schemas"]["Trigger"];
            /**
             * Format: int64
             * @description For an edit: the version read (a concurrent edit is a 409).
             */
            version?: number | null;
        };
        AutomationList: {
            /** @description In the order they were created (which is the order they run in). */
            items: components["schemas"]["Automation"][];
        };
        /** @description One event's automations, as recorded before they act (see the module doc). */
        AutomationRun: {
            /** Format: date-time */
            at: string;
            channel: components["schemas"]["ChannelId"];
            fired: components["schemas"]["Fired"];
            friend: components["schemas"]["FriendKey"];
            /**
             * @description Derived from what started the run (the webhook event, the staff action), so
             *     that the same start finds the same run.
             */
            id: string;
            org: components["schemas"]["OrgId"];
            outcome?: null | components["schemas"]["RunOutcome"];
            plan: components["schemas"]["RunPlan"];
        };
        /** @description A page of runs, newest first. */
        AutomationRunPage: {
            items: components["schemas"]["AutomationRun"][];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            next_cursor?: string | null;
        };
        /** @description A tappable rectangle, in the image's pixels from its top-left corner. */
        Bounds: {
            /** Format: int64 */
            height: number;
            /** Format: int64 */
            width: number;
            /** Format: int64 */
            x: number;
            /** Format: int64 */
            y: number;
        };
        /**
         * @description An intent every store has without writing it.
         * @enum {string}
         */
        BuiltinIntent: "human_handoff";
        /**
         * @description A kind of business with its own vocabulary.
         * @enum {string}
         */
        Business: "restaurant" | "salon" | "retail" | "gym" | "clinic" | "real_estate" | "lodging" | "school" | "bodywork" | "automotive" | "pet_care" | "bakery" | "photo_studio" | "cleaning" | "esthetic";
        /**
         * @description A store's business hours. The time zone is the store's, held in
         *     [`ReplyConfig::time_zone`](crate::ReplyConfig::time_zone).
         */
        BusinessHours: {
            /**
             * @description Dates on which the store is closed all day.
             * @default []
             */
            holidays: string[];
            /** @default [] */
            special_days: components["schemas"]["SpecialDay"][];
            /**
             * @default {
             *       "friday": [],
             *       "monday": [],
             *       "saturday": [],
             *       "sunday": [],
             *       "thursday": [],
             *       "tuesday": [],
             *       "wednesday": []
             *     }
             */
            weekly: components["schemas"]["Weekly"];
        };
        Campaign: {
            audience: components["schemas"]["Audience"];
            channel_id: components["schemas"]["ChannelId"];
            /** Format: date-time */
            created_at: string;
            created_by: components["schemas"]["StaffId"];
            id: components["schemas"]["CampaignId"];
            /**
             * @description 1..=5 LINE message objects, validated by `otodoke-line` when the campaign is
             *     created; kept as JSON so that stored campaigns survive new message types.
             */
            messages: components["schemas"]["LineMessageObject"][];
            name: string;
            org_id: components["schemas"]["OrgId"];
            progress: components["schemas"]["Progress"];
            schedule: components["schemas"]["Schedule"];
            sender?: null | components["schemas"]["SenderIdentity"];
            status: components["schemas"]["CampaignStatus"];
            /**
             * @description Rewrite the URLs of the messages (and of every step's, for a step
             *     sequence) to tracked links (`otodoke_core::link`): per friend where the
             *     messages go to one friend at a time (step pushes, and multicast campaigns,
             *     which are then sent by push per recipient), per link for a narrowcast.
             *     Opt-in; absent from campaigns made before it.
             */
            track_links?: boolean;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Optimistic-concurrency version, as for friends.
             */
            version: number;
        };
        CampaignId: string;
        /** @description A page of campaigns, newest first. */
        CampaignPage: {
            /** @description `otodoke_core::campaign::Campaign` records (status and progress included). */
            items: components["schemas"]["Campaign"][];
            next_cursor?: string | null;
        };
        /** @description A campaign's report. */
        CampaignReport: {
            campaign_id: string;
            /**
             * @description LINE's statistics per unit: the campaign's first, then its steps'. Empty
             *     until the first send; a narrowcast carries no unit (LINE's narrowcast
             *     takes none), so it has none.
             */
            line: components["schemas"]["UnitReport"][];
            progress: components["schemas"]["Progress"];
            status: components["schemas"]["CampaignStatus"];
            /** @description A step sequence's counters, per step (empty for a one-off campaign). */
            steps: components["schemas"]["StepProgress"][];
        };
        /**
         * @description LINE's statistics for one campaign (or one step of a sequence), as last
         *     fetched. Counts are `None` where LINE withholds them (too few users).
         */
        CampaignStats: {
            campaign_id: components["schemas"]["CampaignId"];
            channel_id: components["schemas"]["ChannelId"];
            clicks: components["schemas"]["UrlClicks"][];
            /** Format: date-time */
            fetched_at?: string | null;
            /**
             * Format: date
             * @description The JST day of the first send under the unit.
             */
            first_sent_on: string;
            /**
             * Format: int64
             * @description Times a bubble was shown (sum over bubbles).
             */
            impressions?: number | null;
            /**
             * Format: date-time
             * @description When to ask LINE next; `None` once the fetching window is over.
             */
            next_fetch_at?: string | null;
            org_id: components["schemas"]["OrgId"];
            status: components["schemas"]["StatsStatus"];
            /**
             * Format: int64
             * @description The step of a sequence (0-based); `None` for a one-off campaign.
             */
            step?: number | null;
            /**
             * Format: int64
             * @description Users who opened any URL of the message.
             */
            unique_clicks?: number | null;
            /**
             * Format: int64
             * @description Users who opened the message (showed at least one bubble).
             */
            unique_impressions?: number | null;
            /**
             * Format: int64
             * @description Users who started any video or audio.
             */
            unique_media_played?: number | null;
            /** @description The aggregation unit name ([`aggregation_unit`]). */
            unit: string;
        };
        /** @enum {string} */
        CampaignStatus: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
        /** @description A canned reply (定型文). */
        CannedReplyView: {
            /** @description 1–64 characters, unique in the store. */
            id: string;
            /** @description 1–5,000 characters; `{name}` becomes the customer's name, `{store}` the store's. */
            text: string;
            /** @description What staff pick it by (1–50 characters). */
            title: string;
        };
        ChannelId: string;
        /** @description LINE's numbers of a channel. */
        ChannelInsight: {
            ages: components["schemas"]["InsightShare"][];
            app_types: components["schemas"]["InsightShare"][];
            areas: components["schemas"]["InsightShare"][];
            /** Format: int64 */
            blocks?: number | null;
            /** @description Whether LINE gives demographics (it needs enough friends). */
            demographics_available: boolean;
            /**
             * Format: int64
             * @description Users who ever added the account.
             */
            followers?: number | null;
            genders: components["schemas"]["InsightShare"][];
            /**
             * @description LINE's status of the follower counts (as of yesterday, JST): `ready`,
             *     `unready` (not computed yet) or `out_of_service`.
             */
            status: string;
            subscription_periods: components["schemas"]["InsightShare"][];
            /**
             * Format: int64
             * @description Users reachable by demographic targeting.
             */
            targeted_reaches?: number | null;
        };
        /** @description A friend's relation to one channel. */
        ChannelLink: {
            /** Format: date-time */
            blocked_at?: string | null;
            /** Format: date-time */
            followed_at?: string | null;
            state: components["schemas"]["FollowState"];
        };
        /** @description A channel as the API shows it: no secret, no token, no reference to them. */
        ChannelView: {
            bot_user_id: string;
            /** @description Where new friends of this channel go. */
            default_store?: string | null;
            id: string;
            /** Format: int64 */
            monthly_limit?: number | null;
            /** @description `{"kind": "communication" | "light" | "standard" | "unlimited", "extra_cap"?: n}`. */
            plan: components["schemas"]["Plan"];
            provider: string;
            /** @description The store owning the channel (`channel_per_store` organizations). */
            store_id?: string | null;
        };
        /** @description Where the event happened. */
        Chat: {
            /** @enum {string} */
            type: "user";
        } | {
            mentioned: boolean;
            /** @enum {string} */
            type: "group";
        };
        /** @description One message of a chat, either direction. */
        ConversationEntry: {
            /** Format: date-time */
            at: string;
            channel: components["schemas"]["ChannelId"];
            /**
             * @description A customer's message the store's intents could not answer (not sure enough,
             *     or two intents too close): what the teaching loop lists for staff to file
             *     under an intent.
             */
            declined_intent?: boolean;
            delivery?: null | components["schemas"]["Delivery"];
            direction: components["schemas"]["Direction"];
            /**
             * Format: date-time
             * @description When the store's retention removes this entry; `None` keeps it.
             */
            expires_at?: string | null;
            friend: components["schemas"]["FriendKey"];
            /** @description Set when the customer unsent the message: kept for audit, never shown. */
            hidden: boolean;
            /** @description A ULID: unique, and sorts by time within a friend's history. */
            id: string;
            /** @description LINE's message id for inbound messages (what `unsend` names). */
            line_message_id?: string | null;
            media?: null | components["schemas"]["MediaRef"];
            /** @description The message object as LINE sent it or as we sent it. */
            payload: components["schemas"]["LineMessageObject"];
            sender: components["schemas"]["Sender"];
            store_id?: null | components["schemas"]["StoreId"];
            /** @description A plain-text rendering for lists and CSV (`[sticker]`, `[image]` for non-text). */
            text: string;
        };
        /** @description State of the chat that the responder reads and writes. */
        ConversationState: {
            handoff_by?: null | components["schemas"]["StaffId"];
            /**
             * Format: date-time
             * @description A staff member has taken over the chat until then: the bot stays silent.
             */
            handoff_until?: string | null;
            /**
             * Format: date-time
             * @description When the after-hours message was last sent (for its cool-down).
             */
            last_after_hours_reply?: string | null;
        };
        /**
         * @description A value of every counter (absent counters are 0): what one day, one store
         *     or one report adds up to.
         */
        Counts: {
            /**
             * Format: int64
             * @description The after-hours answer.
             */
            answer_after_hours?: number;
            /**
             * Format: int64
             * @description Messages an automation sent in answer to an event.
             */
            answer_automation?: number;
            /**
             * Format: int64
             * @description Answers by a built-in intent (hours, access, a person).
             */
            answer_builtin?: number;
            /**
             * Format: int64
             * @description The fallback answer ("we could not understand").
             */
            answer_fallback?: number;
            /**
             * Format: int64
             * @description Greetings (on a follow or an unblock).
             */
            answer_greeting?: number;
            /**
             * Format: int64
             * @description Answers by one of the store's intents (FAQ).
             */
            answer_intent?: number;
            /**
             * Format: int64
             * @description Customer messages nothing answered (silence, or an answer that could not be sent).
             */
            answer_none?: number;
            /**
             * Format: int64
             * @description Answers by a keyword rule.
             */
            answer_rule?: number;
            /**
             * Format: int64
             * @description Messages a staff member sent from the inbox.
             */
            answer_staff?: number;
            /**
             * Format: int64
             * @description Events that ran at least one automation.
             */
            automation_runs?: number;
            /**
             * Format: int64
             * @description Friends who blocked the account (LINE's `unfollow`).
             */
            blocks?: number;
            /**
             * Format: int64
             * @description Questions the intents declined (the teaching loop's input).
             */
            declined_intents?: number;
            /**
             * Format: int64
             * @description Answered after 5 and within 15 minutes.
             */
            first_reply_in15m?: number;
            /**
             * Format: int64
             * @description Answered after 30 minutes and within an hour.
             */
            first_reply_in1h?: number;
            /**
             * Format: int64
             * @description Answered within a minute of business hours.
             */
            first_reply_in1m?: number;
            /**
             * Format: int64
             * @description Answered after 8 and within 24 hours.
             */
            first_reply_in24h?: number;
            /**
             * Format: int64
             * @description Answered after 1 and within 2 hours.
             */
            first_reply_in2h?: number;
            /**
             * Format: int64
             * @description Answered after 15 and within 30 minutes.
             */
            first_reply_in30m?: number;
            /**
             * Format: int64
             * @description Answered after 2 and within 4 hours.
             */
            first_reply_in4h?: number;
            /**
             * Format: int64
             * @description Answered after 1 and within 5 minutes.
             */
            first_reply_in5m?: number;
            /**
             * Format: int64
             * @description Answered after 4 and within 8 hours.
             */
            first_reply_in8h?: number;
            /**
             * Format: int64
             * @description Answered after more than 24 hours of business hours.
             */
            first_reply_over24h?: number;
            /**
             * Format: int64
             * @description Friends added (a first follow).
             */
            follows?: number;
            /**
             * Format: int64
             * @description Messages customers sent.
             */
            inbound?: number;
            /**
             * Format: int64
             * @description Waits a staff member answered (the first staff message after the wait began).
             */
            staff_first_replies?: number;
            /**
             * Format: int64
             * @description The answered waits' time within business hours, summed (seconds).
             */
            staff_wait_open_seconds?: number;
            /**
             * Format: int64
             * @description Customers who began waiting for a person (a message the bot left to staff, or
             *     a request for a person), on the day the wait began. The waits' outcomes below
             *     count on that same day, so a day's unanswered waits are what is left of them.
             */
            staff_waits?: number;
            /**
             * Format: int64
             * @description Waits closed (the thread resolved) with no staff message.
             */
            staff_waits_closed?: number;
            /**
             * Format: int64
             * @description Friends who unblocked the account.
             */
            unblocks?: number;
        };
        /** @description A new campaign (created as a draft). */
        CreateCampaign: {
            /** @description Tags all/any/none, genders, age range, prefectures, followed since, stores. */
            audience?: components["schemas"]["Audience"];
            channel_id: string;
            line_demographics?: null | components["schemas"]["LineDemographics"];
            /** @description 1 to 5 LINE message objects. */
            messages: components["schemas"]["LineMessageObject"][];
            name: string;
            /**
             * @description `{"kind": "now"}`, `{"kind": "at", "at": "..."}` or
             *     `{"kind": "sequence", "steps": [{offset_days, at_local_time, messages}]}`.
             */
            schedule: components["schemas"]["Schedule"];
            sender?: null | components["schemas"]["SenderInput"];
            /**
             * @description Rewrite the messages' URLs (every step's too) to otodoke's tracked links,
             *     counting clicks per friend (per link for a narrowcast). A multicast
             *     campaign with it on is sent by one push per recipient. Default false.
             */
            track_links?: boolean;
        };
        /**
         * @description A channel to connect. `channel_secret` and `access_token` are written to the
         *     secret store and never returned.
         */
        CreateChannel: {
            /** @description Printable ASCII without spaces, as LINE issued it. */
            access_token: string;
            /**
             * @description Optional: the bot's user id (`U` + 32 hex), the webhook's `destination`. The
             *     channel's identity is what LINE answers for `access_token`; when this is
             *     given and differs, the request is refused (422).
             */
            bot_user_id?: string | null;
            /** @description Printable ASCII without spaces (LINE's are 32 hex digits). */
            channel_secret: string;
            default_store?: string | null;
            /** @description LINE's channel id. */
            id: components["schemas"]["ChannelId"];
            plan: components["schemas"]["Plan"];
            provider: components["schemas"]["ProviderId"];
            store_id?: string | null;
        };
        /** @description A new store. */
        CreateStore: {
            id: components["schemas"]["StoreId"];
            /** Format: int64 */
            monthly_budget?: number | null;
            name: string;
            /** @description The store (or region) this one sits under. */
            parent?: string | null;
            /** Format: int64 */
            retention_days?: number | null;
            staff_notify_url?: string | null;
            /** @description IANA zone; default `Asia/Tokyo`. */
            time_zone?: string | null;
        };
        /** @description The customer a thread is with. */
        CustomerView: {
            display_name?: string | null;
            picture_url?: string | null;
            provider: string;
            tags: string[];
            user_id: string;
        };
        /** @description A daily report. */
        DailyReport: {
            /** @description Every day of the range, oldest first (days with nothing counted are zeros). */
            days: components["schemas"]["DayTotals"][];
            from: components["schemas"]["Day"];
            /**
             * @description How fast staff answered the waits that began in the range (business hours;
             *     the median and 90th percentile as the buckets they fall in).
             */
            response_times: components["schemas"]["ResponseTimes"];
            to: components["schemas"]["Day"];
            /** @description The whole range. */
            total: components["schemas"]["Totals"];
        };
        /** Format: date */
        Day: string;
        /** @description Which rule of the timetable decided a date's intervals. */
        DayRule: {
            /** @enum {string} */
            kind: "weekly";
        } | {
            /** @enum {string} */
            kind: "holiday";
        } | {
            /** @enum {string} */
            kind: "special_day";
        };
        /** @description One day's totals. */
        DayTotals: components["schemas"]["Totals"] & {
            day: components["schemas"]["Day"];
        };
        /** @description The decision for one event. */
        Decision: {
            /**
             * @description Tell staff a customer is waiting for a person. True when a customer who
             *     addressed the account asked for a person ([`Decision::asks_for_person`]) or
             *     got no real answer: the fallback, the after-hours
             *     reply, silence during the after-hours cool-down, or silence because no
             *     fallback is configured. False for rule and intent answers, greetings,
             *     stickers, standby, hand-off (staff already has the chat) and group chatter.
             */
            notify_staff: boolean;
            outcome: components["schemas"]["Outcome"];
            trace: components["schemas"]["Trace"];
            update: components["schemas"]["StateUpdate"];
        };
        /**
         * @description Why a recogniser did not pick an intent.
         * @enum {string}
         */
        Decline: "no_intents" | "small_talk" | "below_threshold" | "too_close";
        /** @description The outcome of sending a staff member's message. */
        Delivery: {
            /** @enum {string} */
            kind: "replied";
        } | {
            /** @enum {string} */
            kind: "pushed";
        } | {
            /** @enum {string} */
            kind: "failed";
            reason: string;
        };
        /**
         * @description How a staff message went out.
         * @enum {string}
         */
        DeliveryView: "replied" | "pushed";
        /** @enum {string} */
        Direction: "inbound" | "outbound";
        /** @description Something an automation does outside the friend record. */
        Effect: {
            automation: components["schemas"]["AutomationId"];
            messages: components["schemas"]["LineMessageObject"][];
            /** @description The action's `track_links`. */
            track_links?: boolean;
            /** @enum {string} */
            type: "send";
        } | {
            campaign: components["schemas"]["CampaignId"];
            /** @enum {string} */
            type: "start_sequence";
        } | {
            campaign: components["schemas"]["CampaignId"];
            /** @enum {string} */
            type: "stop_sequence";
        } | {
            /** Format: int64 */
            minutes?: number | null;
            /** @enum {string} */
            type: "hand_off";
        } | {
            automation: components["schemas"]["AutomationId"];
            text: string;
            /** @enum {string} */
            type: "notify_staff";
        };
        /** @description A store's effective auto-reply configuration and where each part comes from. */
        EffectiveReply: {
            /** @description The configuration the responder and the preview use. */
            config: components["schemas"]["ReplyConfig"];
            /** @description The parts this store takes from above rather than owning. */
            inherits: components["schemas"]["ReplyPart"][];
            /**
             * @description Per part (`hours`, `after_hours`, `rules`, `intents`, `greeting`,
             *     `unblock_greeting`, `fallback`): `{"kind": "store" | "ancestor", "id": store}`
             *     or `{"kind": "organization"}`.
             */
            sources: {
                [key: string]: components["schemas"]["PartSource"];
            };
        };
        /** @description What erasing a customer removed; no personal data. */
        ErasureView: {
            /**
             * Format: int64
             * @description Automation runs on the customer's timeline removed.
             */
            automation_runs: number;
            /**
             * Format: int64
             * @description Step-sequence enrolments removed.
             */
            enrolments: number;
            /** @description Whether a friend record was removed. */
            friend: boolean;
            /**
             * Format: int64
             * @description The customer's kept clicks of tracked links removed (the links' totals stay).
             */
            link_clicks: number;
            /**
             * Format: int64
             * @description Kept media objects (images, videos, files the customer sent; previews) removed.
             */
            media: number;
            /**
             * Format: int64
             * @description Conversation entries removed.
             */
            messages: number;
            /**
             * Format: int64
             * @description Staff-inbox threads removed.
             */
            threads: number;
        };
        /** @description The body of every error response. */
        ErrorBody: {
            details?: components["schemas"]["FieldError"][];
            message: string;
        };
        /** @description What sending a campaign now would take. */
        EstimateView: {
            /**
             * Format: int64
             * @description Friends the campaign would reach now (blocked friends excluded).
             */
            audience: number;
            /** @description Whether the whole audience fits in what is left. */
            fits: boolean;
            /**
             * @description Present when the campaign targets by LINE's demographics: LINE's estimate
             *     decides who receives it, so `audience` and `quota_needed` are only the
             *     most it can reach (every friend following the channel), and the final
             *     count is LINE's, known after sending.
             */
            line_estimate?: string | null;
            /**
             * Format: int64
             * @description What is left this month; absent when unlimited.
             */
            quota_left?: number | null;
            /**
             * Format: int64
             * @description The channel plan's monthly limit; absent when unlimited.
             */
            quota_limit?: number | null;
            /**
             * Format: int64
             * @description Messages it would count against the monthly quota (one per recipient).
             */
            quota_needed: number;
            /**
             * Format: int64
             * @description Used plus reserved this JST month.
             */
            quota_used: number;
        };
        /** @description One invalid field: its JSON path (`messages[0].text`) and what is wrong. */
        FieldError: {
            field: string;
            message: string;
        };
        /** @description What happened, as automations see it. */
        Fired: {
            /** @enum {string} */
            type: "follow";
        } | {
            /** @enum {string} */
            type: "unblock";
        } | {
            /** @enum {string} */
            type: "text";
            value: string;
        } | {
            /** @enum {string} */
            type: "postback";
            value: string;
        } | {
            /** @enum {string} */
            type: "tag_added";
            value: string;
        } | {
            /** @enum {string} */
            type: "tag_removed";
            value: string;
        } | {
            /** @enum {string} */
            type: "sequence_finished";
            value: components["schemas"]["CampaignId"];
        } | {
            /** @enum {string} */
            type: "link_clicked";
            /** @description A tracked link's destination URL. */
            value: string;
        } | {
            /** @enum {string} */
            type: "direct";
            /** @description A menu area or a `Run` action named this automation. */
            value: components["schemas"]["AutomationId"];
        };
        /** @enum {string} */
        FollowState: "following" | "blocked";
        /** @description A customer and everything otodoke knows about them. */
        Friend: {
            assignee?: null | components["schemas"]["StaffId"];
            attributes: components["schemas"]["Attributes"];
            /** @description Follow state per channel of the provider. */
            channels: {
                [key: string]: components["schemas"]["ChannelLink"];
            };
            conversation: components["schemas"]["ConversationState"];
            /** Format: date-time */
            created_at: string;
            display_name?: string | null;
            /** @description Holds the friend's organization (`key.org`). */
            key: components["schemas"]["FriendKey"];
            /** @description The rich menus linked to or pinned for this friend, per channel. */
            menus?: components["schemas"]["FriendMenus"];
            /** @description Staff-only memos about the customer, oldest first (at most [`Note::LIMIT`]). */
            notes?: components["schemas"]["Note"][];
            picture_url?: string | null;
            store_id?: null | components["schemas"]["StoreId"];
            tags: string[];
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Optimistic-concurrency version: 0 for a friend never saved; the store bumps it
             *     on each save and refuses a save whose version is not the stored one.
             */
            version: number;
        };
        /**
         * @description A change to the friend record. Applying one twice is the same as once, so a
         *     redelivered event can apply a recorded plan again.
         */
        FriendEdit: {
            tag: string;
            /** @enum {string} */
            type: "add_tag";
        } | {
            tag: string;
            /** @enum {string} */
            type: "remove_tag";
        } | {
            key: string;
            /** @enum {string} */
            type: "set_attribute";
            value?: string | null;
        } | {
            store?: null | components["schemas"]["StoreId"];
            /** @enum {string} */
            type: "assign_store";
        } | {
            staff?: null | components["schemas"]["StaffId"];
            /** @enum {string} */
            type: "assign_staff";
        } | {
            channel: components["schemas"]["ChannelId"];
            menu?: null | components["schemas"]["RichMenuId"];
            /** @enum {string} */
            type: "pin_menu";
        };
        /** @description The key of a friend. */
        FriendKey: {
            org: components["schemas"]["OrgId"];
            provider: components["schemas"]["ProviderId"];
            user_id: components["schemas"]["LineUserId"];
        };
        /** @description What a friend has of menus, per channel. */
        FriendMenus: {
            /** @description The menu otodoke last linked to the friend (absent: LINE shows the default). */
            linked?: {
                [key: string]: components["schemas"]["RichMenuId"];
            };
            /**
             * @description A menu an automation switched the friend to; it wins over the rules until an
             *     automation or staff clears it.
             */
            pinned?: {
                [key: string]: components["schemas"]["RichMenuId"];
            };
        };
        /** @description A page of friends. */
        FriendPage: {
            /** @description `otodoke_core::friend::Friend` records. */
            items: components["schemas"]["Friend"][];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            next_cursor?: string | null;
        };
        /** @description What the decision needs to know about the friend (or group) from earlier events. */
        FriendState: {
            /**
             * @description The friend's LINE display name, for `{name}` in answers (the store's
             *     `default_name` when unknown).
             * @default null
             */
            display_name: string | null;
            /**
             * Format: date-time
             * @description A staff member answers by hand until then.
             * @default null
             */
            handoff_until: string | null;
            /**
             * Format: date-time
             * @description When the after-hours reply was last sent to this friend.
             * @default null
             */
            last_after_hours_reply: string | null;
        };
        /**
         * @description How long a friend has been a friend of the account (LINE's
         *     `subscriptionPeriod` buckets).
         * @enum {string}
         */
        FriendshipPeriod: "day_7" | "day_30" | "day_90" | "day_180" | "day_365";
        /** @enum {string} */
        Gender: "female" | "male" | "other";
        /**
         * @description How the account behaves in group chats and rooms, where most messages are
         *     members talking to each other.
         * @enum {string}
         */
        GroupPolicy: "respond" | "mention_only" | "ignore";
        /** @description The hand-off state at the previewed time. */
        HandOffPreview: {
            /** @description Whether staff has the conversation now (the auto-reply stays silent). */
            active: boolean;
            /** Format: date-time */
            until?: string | null;
        };
        HandoffBody: {
            /**
             * Format: int32
             * @description How long the bot stays silent (1..=1440 minutes,
             *     `InboxSettings::MAX_HANDOFF_MINUTES`); the store's window if absent.
             */
            minutes?: number | null;
        };
        /** @description A staff member has the chat: the bot stays silent until `until`. */
        HandoffView: {
            /** @description Who took it; absent when the customer asked for a person and nobody took it yet. */
            by?: string | null;
            /** @description RFC 3339. */
            until: string;
        };
        /**
         * @description An entry with links to otodoke's kept copy of its content (LINE's own copy
         *     expires within weeks; the kept one lasts the media retention).
         */
        HistoryItem: components["schemas"]["ConversationEntry"] & {
            /** @description The kept original, valid for [`MEDIA_LINK_LIFETIME`]. */
            media_url?: string | null;
            /** @description The kept preview (images), valid as long. */
            preview_url?: string | null;
        };
        /** @description A page of a friend's history, newest first. Unsent messages are left out. */
        HistoryPage: {
            /**
             * @description Conversation entries, each with `media_url` and `preview_url` when otodoke
             *     kept its content.
             */
            items: components["schemas"]["HistoryItem"][];
            next_cursor?: string | null;
        };
        /** @description Holidays (closed all day) and special days (other hours), inside the hours. */
        Holidays: {
            /**
             * @example [
             *       "2026-12-31",
             *       "2027-01-01"
             *     ]
             */
            holidays: string[];
            special_days?: components["schemas"]["SpecialDay"][];
            /**
             * Format: int64
             * @description The store's settings version this was read at. Sent back with a write, a
             *     write on an older version is refused (409) instead of undoing someone
             *     else's change; without it the write applies to the current settings.
             */
            version?: number | null;
        };
        /** @description Business hours and the after-hours reply. */
        Hours: {
            /** @description `{answer, cool_down_minutes}`. */
            after_hours: components["schemas"]["AfterHours"];
            hours?: null | components["schemas"]["BusinessHours"];
            /**
             * Format: int64
             * @description The store's settings version this was read at. Sent back with a write, a
             *     write on an older version is refused (409) instead of undoing someone
             *     else's change; without it the write applies to the current settings.
             */
            version?: number | null;
        };
        /** @description Why the store is open or closed at an instant. */
        HoursReason: {
            interval: components["schemas"]["Interval"];
            /** @enum {string} */
            kind: "in_interval";
            /** Format: date */
            opened_on: string;
            rule: components["schemas"]["DayRule"];
        } | {
            /** Format: date */
            date: string;
            /** @enum {string} */
            kind: "holiday";
        } | {
            /** Format: date */
            date: string;
            /** @enum {string} */
            kind: "outside_intervals";
            rule: components["schemas"]["DayRule"];
        };
        /** @description An image LINE fetches: HTTPS URLs of the original and a preview. */
        ImageBody: {
            original_url: string;
            preview_url: string;
        };
        /** @description How far a channel's follower import got. */
        ImportAnswer: {
            /**
             * Format: int64
             * @description Friends created by this pass.
             */
            created: number;
            /**
             * Format: int64
             * @description Follower ids imported so far in this pass (each once).
             */
            imported: number;
            /**
             * Format: int64
             * @description Friends otodoke knows as blocked on this channel: left blocked.
             */
            kept_blocked: number;
            /** @description What happened, for people; with `unavailable`, LINE's reason. */
            message: string;
            /** @description LINE's continuation token the next call starts from (absent when done). */
            next?: string | null;
            /**
             * Format: int64
             * @description Followers who blocked before their profile was read: not created.
             */
            no_profile: number;
            /**
             * Format: int64
             * @description Pages of up to 1,000 followers imported in this pass / by this call.
             */
            pages: number;
            /** Format: int64 */
            pages_this_call: number;
            /**
             * @description `done`: every follower is imported; `in_progress`: call again to continue
             *     from the checkpoint; `unavailable`: LINE does not offer the followers list to
             *     this account (it is neither verified nor premium), see `message`.
             */
            status: components["schemas"]["ImportStatus"];
            /**
             * Format: int64
             * @description Friends already known, whose profile was refreshed.
             */
            updated: number;
        };
        /**
         * @description How a slice ended.
         * @enum {string}
         */
        ImportStatus: "done" | "in_progress" | "unavailable";
        /** @description A store's staff-chat settings. */
        InboxSettingsView: {
            /** @description At most 100. */
            canned_replies: components["schemas"]["CannedReplyView"][];
            /**
             * Format: int32
             * @description How long the bot stays silent after a staff member's last message (1–1440
             *     minutes; default 30).
             */
            handoff_minutes: number;
            /** @description Show the customer 既読 only when staff read the thread. */
            mark_read_on_line: boolean;
            /**
             * Format: int64
             * @description The store's version: send it back with a change (409 when it is stale).
             */
            version?: number;
        };
        /**
         * @description Why a matching rule did not answer.
         * @enum {string}
         */
        Ineligible: "disabled" | "no_answer" | "outside_active_period" | "outside_schedule";
        /**
         * @description One share of the friends (`key`: LINE's value, e.g. `female`, `from20to24`,
         *     `jp_13`, `ios`, `within90days`, `unknown`).
         */
        InsightShare: {
            key: string;
            /** Format: double */
            percentage: number;
        };
        /** @description One intent as the store writes it. */
        Intent: {
            /**
             * @default {
             *       "messages": [],
             *       "quick_replies": []
             *     }
             */
            answer: components["schemas"]["Answer"];
            /**
             * @description A handful of questions customers ask for this intent (4–20 is typical).
             * @default []
             */
            examples: string[];
            /**
             * @description Unique within the store; names the intent in decisions and traces.
             * @default
             */
            name: string;
        };
        /** @description One intent's score for a message. */
        IntentScore: {
            intent: string;
            /**
             * Format: float
             * @description Similarity in 0..=1.
             */
            score: number;
        };
        /** @description The intent part of a store's configuration. */
        IntentSettings: {
            /**
             * @description Whether to recognise the built-in intents (see [`crate::builtin`]): a request
             *     for a person becomes [`BuiltinIntent::HumanHandoff`], small talk is declined,
             *     and the store's intents learn how else customers ask the questions every
             *     store is asked (see [`crate::common_questions`]).
             * @default true
             */
            builtin_intents: boolean;
            /**
             * @description Whether to use the built-in shop lexicon ([`crate::lexicon::BUILTIN`]).
             * @default true
             */
            builtin_lexicon: boolean;
            /**
             * @description The kinds of business whose vocabulary the store uses (see
             *     [`crate::business`]), e.g. `["salon"]`, or `["salon", "retail"]` for a salon
             *     that also sells hair care.
             * @default []
             */
            business_lexicons: components["schemas"]["Business"][];
            /** @default null */
            handoff_answer: null | components["schemas"]["Answer"];
            /** @default [] */
            intents: components["schemas"]["Intent"][];
            /**
             * Format: float
             * @description Minimum lead of the best score over the runner-up to answer (0..=1).
             * @default 0.03999999910593033
             */
            margin: number;
            /**
             * @description The store's own synonyms, added to (or extending) the built-in ones.
             * @default []
             */
            synonyms: components["schemas"]["SynonymGroup"][];
            /**
             * Format: float
             * @description Minimum score (0..=1) to answer.
             * @default 0.30000001192092896
             */
            threshold: number;
        };
        /** @description Intents and the recogniser's settings. */
        Intents: {
            /** @description `{intents: [{name, examples, answer}], threshold, margin, builtin_lexicon, synonyms}`. */
            intents: components["schemas"]["IntentSettings"];
            /**
             * Format: int64
             * @description The store's settings version this was read at. Sent back with a write, a
             *     write on an older version is refused (409) instead of undoing someone
             *     else's change; without it the write applies to the current settings.
             */
            version?: number | null;
        };
        /** @description The intent stage. */
        IntentsPreview: {
            best?: null | components["schemas"]["IntentScore"];
            builtin?: null | components["schemas"]["BuiltinIntent"];
            declined?: null | components["schemas"]["Decline"];
            /**
             * @description The common questions the store's intents also answer in customers' other
             *     words (each matched to one intent when the configuration was compiled), so
             *     that an answer no example explains is explained.
             */
            learned: components["schemas"]["LearnedQuestion"][];
            /** Format: float */
            margin: number;
            /** Format: float */
            threshold: number;
            /** @description The best scores, best first. */
            top: components["schemas"]["IntentScore"][];
        };
        /** @description One opening interval in local wall-clock time, e.g. `{"open":"10:00","close":"19:00"}`. */
        Interval: {
            /**
             * @description When `close <= open` the interval ends on the next date.
             * @example 19:00
             */
            close: string;
            /**
             * @description `HH:MM`, with seconds (and a fraction) if wanted: what jiff reads as a
             *     civil time, stated as a pattern for the document ([`TIME_PATTERN`]).
             * @example 10:00
             */
            open: string;
        };
        /** @description An invitation: the settings of a new member and where to send the invitation. */
        InviteStaff: {
            /** @description Sees and answers only the customers assigned to them. */
            assigned_only?: boolean;
            display_name: string;
            /** @description Where the sign-in invitation goes (in AWS, the Cognito account's user name). */
            email: string;
            /** @description `owner`, `admin`, `operator` or `viewer`; at most the caller's own role. */
            role: components["schemas"]["Role"];
            /** @description An https URL of a square PNG. */
            sender_icon_url?: string | null;
            /** @description At most 20 characters, without "LINE". */
            sender_name?: string | null;
            /** @description Store ids (with their subtrees); empty = all stores. */
            stores?: string[];
        };
        /** @description The newest message of a thread. */
        LastMessageView: {
            /** @description RFC 3339. */
            at: string;
            sender: components["schemas"]["SenderView"];
            /** @description Plain text (`[image]` for an image, ...), at most 120 characters. */
            text: string;
        };
        /**
         * @description A common question (see [`crate::common_questions`]) matched to one of the
         *     store's intents: its phrasings count as that intent's examples, a little below
         *     the store's own.
         */
        LearnedQuestion: {
            /** @description The store's intent it was matched to. */
            intent: string;
            /** @description The common question's name (`booking`, `payment`, `parking`, …). */
            question: string;
        };
        /**
         * @description One of LINE's area codes: `jp_01` (Hokkaido) .. `jp_47` (Okinawa), `tw_01` ..
         *     `tw_22`, `th_01` .. `th_08`, `id_01` .. `id_12`. Anything else is refused when
         *     read.
         * @example jp_13
         */
        LineArea: string;
        /**
         * @description A campaign's LINE-side demographic filter: every non-empty dimension must hold
         *     (LINE's `and` operator). Within a dimension, any listed value matches. Ranges
         *     are `from` (inclusive) .. `below` (exclusive) over LINE's buckets; an open side
         *     is `None`. Friends whose value LINE does not know are not reached by a
         *     dimension that filters on it.
         */
        LineDemographics: {
            /** @default null */
            age_below: null | components["schemas"]["AgeBucket"];
            /** @default null */
            age_from: null | components["schemas"]["AgeBucket"];
            /** @default [] */
            app_types: components["schemas"]["AppType"][];
            /** @default [] */
            areas: components["schemas"]["LineArea"][];
            /** @default null */
            friends_for_at_least: null | components["schemas"]["FriendshipPeriod"];
            /** @default null */
            friends_for_less_than: null | components["schemas"]["FriendshipPeriod"];
            /** @default [] */
            genders: components["schemas"]["LineGender"][];
        };
        /**
         * @description LINE's gender estimate.
         * @enum {string}
         */
        LineGender: "male" | "female";
        /** @description A LINE Messaging API message object as LINE defines it (free-form beyond `type`: https://developers.line.biz/en/reference/messaging-api/#message-objects). */
        LineMessageObject: {
            /** @example text */
            type: string;
        } & {
            [key: string]: unknown;
        };
        /** @example U4af4980629c1f7e6a5b4c3d2e1f0a9b8 */
        LineUserId: string;
        /** @description One tracked link and what its clicks counted. */
        LinkCounts: {
            /**
             * Format: int64
             * @description Every click, repeats and link-level clicks included.
             */
            clicks: number;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: int64
             * @description Friends who clicked (each once). A narrowcast's links are counted per
             *     link only, so this stays 0 for them.
             */
            friends: number;
            link_id: string;
            /**
             * Format: int64
             * @description The step (0-based) of a step sequence the link was written in; `null` for
             *     a campaign's own messages and for automations.
             */
            step?: number | null;
            /** @description The destination URL. */
            url: string;
        };
        /** @description A campaign's or automation's tracked links, oldest first. */
        LinkCountsList: {
            items: components["schemas"]["LinkCounts"][];
        };
        /** @enum {string} */
        LinkMode: "shared_channel" | "channel_per_store";
        /**
         * @description How a rule's keywords are compared with the message.
         * @enum {string}
         */
        MatchKind: "exact" | "partial" | "prefix" | "regex" | "postback";
        /** @description Who the caller is and what their staff record lets them do. */
        MeView: {
            /**
             * @description What each role may do, from the API's own role table, so a client offers
             *     exactly what the API allows.
             */
            can: components["schemas"]["Permissions"];
            organization: string;
            staff: components["schemas"]["StaffView"];
        };
        /** @description Media otodoke keeps, as a conversation entry or an upload refers to it. */
        MediaRef: {
            /** Format: int64 */
            bytes: number;
            content_type: string;
            key: string;
            /** @description A smaller JPEG for lists and LINE's `previewImageUrl` (images only). */
            preview_key?: string | null;
        };
        /** @description What tapping an area does. */
        MenuAction: {
            text: string;
            /** @enum {string} */
            type: "message";
        } | {
            /** @enum {string} */
            type: "uri";
            uri: string;
        } | {
            automation: components["schemas"]["AutomationId"];
            display_text?: string | null;
            /** @enum {string} */
            type: "automation";
        } | {
            menu: components["schemas"]["RichMenuId"];
            /** @enum {string} */
            type: "tab";
        } | {
            data: string;
            display_text?: string | null;
            /** @enum {string} */
            type: "postback";
        };
        /** @description One tappable area. */
        MenuArea: {
            action: components["schemas"]["MenuAction"];
            bounds: components["schemas"]["Bounds"];
            /** @description What screen readers say for the area (LINE's action `label`). */
            label?: string | null;
        };
        /** @description A menu's image as kept. */
        MenuImage: {
            /** Format: int64 */
            bytes: number;
            content_type: string;
            key: string;
        };
        /** @description One rule: friends matching `segment` get `menu`. */
        MenuRule: {
            menu: components["schemas"]["RichMenuId"];
            name: string;
            segment: components["schemas"]["MenuSegment"];
        };
        /** @description A channel's menu rules, in order, and its default menu. */
        MenuRules: {
            channel: components["schemas"]["ChannelId"];
            default?: null | components["schemas"]["RichMenuId"];
            org: components["schemas"]["OrgId"];
            rules: components["schemas"]["MenuRule"][];
            /** Format: date-time */
            updated_at?: string | null;
            /** Format: int64 */
            version: number;
        };
        /** @description New menu rules. */
        MenuRulesInput: {
            default?: null | components["schemas"]["RichMenuId"];
            /** @description In order: the first rule a friend matches decides their menu (at most 50). */
            rules: components["schemas"]["MenuRule"][];
            /**
             * Format: int64
             * @description The version read (0 when never saved); a concurrent change is a 409.
             */
            version: number;
        };
        /** @description How many friends would get each menu under some rules. */
        MenuRulesPreview: {
            /** @description Whether every friend was counted (`false`: the first 20,000). */
            complete: boolean;
            /**
             * Format: int64
             * @description Friends following the channel that were counted.
             */
            examined: number;
            /** @description Friends per menu id (the default's count included under its id). */
            menus: {
                [key: string]: number;
            };
            /**
             * Format: int64
             * @description Friends who would see no menu (no rule matched and there is no default).
             */
            no_menu: number;
        };
        /** @description The channel's menu rules and the job re-linking its friends, if one runs. */
        MenuRulesView: components["schemas"]["MenuRules"] & {
            relink?: null | components["schemas"]["RelinkJob"];
        };
        /**
         * @description Who a menu rule is for: a campaign audience's filters (tags, attributes, stores,
         *     follow date) and, optionally, being in a step sequence.
         */
        MenuSegment: {
            audience?: components["schemas"]["Audience"];
            in_sequence?: null | components["schemas"]["CampaignId"];
        };
        /** @description A menu's pixel size (the image must have exactly this size). */
        MenuSize: {
            /**
             * Format: int64
             * @description At least `limits::MIN_HEIGHT`, and at most width ÷ `limits::MIN_ASPECT`.
             */
            height: number;
            /**
             * Format: int32
             * @description `limits::MIN_WIDTH`..=`limits::MAX_WIDTH`.
             */
            width: number;
        };
        /** @description One month's totals of a store. */
        MonthTotals: components["schemas"]["Totals"] & {
            /**
             * @description The JST month, `YYYY-MM`.
             * @example 2026-01
             */
            month: string;
        };
        /** @description A staff-only memo on a friend (never shown to the customer). */
        Note: {
            /** Format: date-time */
            at: string;
            author: components["schemas"]["StaffId"];
            id: string;
            text: string;
        };
        NoteList: {
            /** @description Oldest first. */
            items: components["schemas"]["NoteView"][];
        };
        /** @description A staff-only note on a customer. */
        NoteView: {
            /** @description RFC 3339. */
            at: string;
            author: string;
            id: string;
            text: string;
        };
        /** @description The hours evaluated at one instant. */
        OpenState: {
            /**
             * @description The instant evaluated, as local wall-clock time.
             * @example 2026-11-20T10:00:00
             */
            local_time: string;
            /**
             * Format: date-time
             * @description When closed: the next opening, if there is one within a year.
             */
            next_open?: string | null;
            /**
             * @description `next_open` as local wall-clock time, for "we open at 10:00".
             * @example 2026-11-21T10:00:00
             */
            next_open_local?: string | null;
            open: boolean;
            reason: components["schemas"]["HoursReason"];
        };
        OrgId: string;
        /**
         * @description The organization's auto-reply defaults, inherited by every store that does not
         *     own a part (nor a store above it).
         */
        OrganizationReply: {
            /**
             * @description Hours, after-hours reply, rules, intents, greeting, unblock greeting and
             *     fallback; the store name and time zone are each store's own.
             */
            config: components["schemas"]["ReplyConfig"];
        };
        /** @description An organization with the stores the caller may see, as a tree. */
        OrganizationView: {
            default_store?: string | null;
            id: string;
            /** @description `shared_channel` or `channel_per_store`. */
            link_mode: components["schemas"]["LinkMode"];
            name: string;
            stores: components["schemas"]["StoreNode"][];
        };
        /** @description The outcome of a decision. */
        Outcome: {
            messages: components["schemas"]["ReplyMessage"][];
            /** @enum {string} */
            outcome: "reply";
            /** @description Attach to the last message. */
            quick_replies: components["schemas"]["QuickReply"][];
            source: components["schemas"]["Source"];
        } | {
            /** @enum {string} */
            outcome: "silent";
            reason: components["schemas"]["SilentReason"];
        };
        /** @description Where an effective part comes from. */
        PartSource: {
            /** @description The store itself. */
            id: components["schemas"]["StoreId"];
            /** @enum {string} */
            kind: "store";
        } | {
            /** @description An ancestor of the store (a region). */
            id: components["schemas"]["StoreId"];
            /** @enum {string} */
            kind: "ancestor";
        } | {
            /** @enum {string} */
            kind: "organization";
        };
        /** @description The actions the caller's role allows (the API still checks every request). */
        Permissions: {
            /** @description Connect channels, change the organization, manage staff (all stores only). */
            administer: boolean;
            /** @description Configure hours, rules, intents and store settings; create stores. */
            configure: boolean;
            /** @description Tag friends, set attributes, assign stores; create and run campaigns. */
            operate: boolean;
            /** @description Grant the owner role. */
            own: boolean;
            /** @description Read everything in scope, preview, export. */
            read: boolean;
        };
        /** @description The channel's LINE message plan (Japan, since June 2023). */
        Plan: {
            /** @enum {string} */
            kind: "communication";
        } | {
            /** @enum {string} */
            kind: "light";
        } | {
            /** Format: int64 */
            extra_cap?: number | null;
            /** @enum {string} */
            kind: "standard";
        } | {
            /** @enum {string} */
            kind: "unlimited";
        };
        /** @description Everything the decision looked at, and the decision. */
        Preview: {
            /**
             * Format: date-time
             * @description `Some` while the after-hours cool-down runs for this friend.
             */
            after_hours_cool_down_until?: string | null;
            decision: components["schemas"]["Decision"];
            /** @description The folded text the matchers saw (absent for non-text events). */
            folded_text?: string | null;
            handoff: components["schemas"]["HandOffPreview"];
            hours?: null | components["schemas"]["OpenState"];
            intents: components["schemas"]["IntentsPreview"];
            rules: components["schemas"]["RulesPreview"];
        };
        /** @description What the customer sends in a preview. */
        PreviewMessage: {
            text: string;
            /** @enum {string} */
            type: "text";
        } | {
            data: string;
            /** @enum {string} */
            type: "postback";
        } | {
            /** @enum {string} */
            type: "sticker";
        } | {
            /** @enum {string} */
            type: "media";
        };
        /** @description A message and a time to preview the store's decision for. */
        PreviewRequest: {
            /**
             * Format: date-time
             * @description When the message arrives (RFC 3339); default now.
             * @example 2026-11-22T10:00:00Z
             */
            at?: string | null;
            /** @description `{"type": "user"}` (default) or `{"type": "group", "mentioned": bool}`. */
            chat?: components["schemas"]["Chat"];
            /** @description The friend's state: `{handoff_until, last_after_hours_reply}`. */
            friend?: components["schemas"]["FriendState"];
            message: components["schemas"]["PreviewMessage"];
        };
        /** @description Progress counters, updated atomically by adding deltas. */
        Progress: {
            /** Format: int64 */
            failed: number;
            /** Format: int64 */
            planned: number;
            /**
             * Format: int64
             * @description Messages counted against the channel's monthly quota by this campaign's
             *     sends (once per accepted send, a 409 replay included).
             */
            quota_used?: number;
            /** Format: int64 */
            sent: number;
            /** Format: int64 */
            skipped: number;
        };
        ProviderId: string;
        /** @description The menu as LINE currently has it. */
        Published: {
            /** Format: date-time */
            at: string;
            /** @description LINE's `richMenuId` of this publication. */
            line_id: string;
            /**
             * Format: int64
             * @description The menu `version` that was published; an edit after it needs publishing again.
             */
            version: number;
        };
        /** @description A staff member's settings (created or replaced as a whole). */
        PutStaff: {
            /** @description Sees and answers only the customers assigned to them. */
            assigned_only?: boolean;
            display_name: string;
            /** @description `owner`, `admin`, `operator` or `viewer`; at most the caller's own role. */
            role: components["schemas"]["Role"];
            /** @description An https URL of a square PNG. */
            sender_icon_url?: string | null;
            /** @description At most 20 characters, without "LINE". */
            sender_name?: string | null;
            /** @description Store ids (with their subtrees); empty = all stores. */
            stores?: string[];
        };
        /** @description A quick-reply button: tapping it sends `text` as the customer's message. */
        QuickReply: {
            /** @description The button label (LINE allows at most 20 characters). */
            label: string;
            /** @description The text the customer sends by tapping. */
            text: string;
        };
        /** @description A channel's quota counter for the current JST month. */
        QuotaStatus: {
            /**
             * Format: int64
             * @description What can still be sent this month; absent when unlimited.
             */
            available?: number | null;
            channel_id: string;
            /**
             * Format: int64
             * @description The plan's monthly limit; absent when unlimited.
             */
            limit?: number | null;
            /** @description `2026-11`: LINE counts by the Japanese calendar month. */
            month: string;
            /**
             * Format: int64
             * @description Promised to sends in flight.
             */
            reserved: number;
            /** Format: int64 */
            used: number;
        };
        /** @description Whether LINE showed the customer 既読. */
        ReadResult: {
            /** @description LINE showed the customer 既読 (the store asks for it and LINE accepted). */
            shown_to_customer: boolean;
            thread: components["schemas"]["ThreadView"];
        };
        /**
         * @description A background job that re-links every friend of a channel after its rules or a
         *     published menu changed. Progress is saved after each page, so a killed worker
         *     resumes from `cursor` and re-links nothing twice that it already counted.
         */
        RelinkJob: {
            channel: components["schemas"]["ChannelId"];
            /** Format: date-time */
            created_at: string;
            /** @description The friend page to read next (`None`: start, or done). */
            cursor?: string | null;
            /** Format: int64 */
            examined: number;
            /**
             * Format: int64
             * @description Friends LINE refused (blocked since, or unknown); they are skipped.
             */
            failed: number;
            /** @description A ULID. */
            id: string;
            /** Format: int64 */
            linked: number;
            org: components["schemas"]["OrgId"];
            refresh?: null | components["schemas"]["RichMenuId"];
            /**
             * @description LINE's id of the publication `refresh` replaced: deleted once the job is done
             *     (no friend is linked to it any more).
             */
            retire_line_id?: string | null;
            /**
             * Format: int64
             * @description The rules version the job links to; a newer rules save starts a new job and
             *     this one stops as superseded.
             */
            rules_version: number;
            status: components["schemas"]["RelinkStatus"];
            /** Format: int64 */
            unchanged: number;
            /** Format: int64 */
            unlinked: number;
            /** Format: date-time */
            updated_at: string;
            /** Format: int64 */
            version: number;
        };
        /** @enum {string} */
        RelinkStatus: "running" | "done" | "superseded";
        /** @description One bucket of first replies. */
        ReplyBucket: {
            /** Format: int64 */
            count: number;
            /**
             * Format: int64
             * @description Answered within this many seconds of business hours (absent: more than a day).
             */
            within_seconds?: number | null;
        };
        /**
         * @description A store's whole auto-reply configuration (hours, rules, intents, messages).
         *     `otodoke-core` embeds it in the store record and the storage adapters persist it
         *     as one document, so it must stay `Serialize + Deserialize + Default + Clone`;
         *     every field has a default, so documents written before a field existed still load.
         */
        ReplyConfig: {
            /**
             * @default {
             *       "answer": null,
             *       "cool_down_minutes": 60
             *     }
             */
            after_hours: components["schemas"]["AfterHours"];
            /**
             * @description Fills `{name}` when the display name is unknown.
             * @default お客様
             */
            default_name: string;
            /** @default null */
            fallback: null | components["schemas"]["Answer"];
            /** @default null */
            greeting: null | components["schemas"]["Answer"];
            /** @default mention_only */
            groups: components["schemas"]["GroupPolicy"];
            /** @default null */
            hours: null | components["schemas"]["BusinessHours"];
            /**
             * @default {
             *       "builtin_intents": true,
             *       "builtin_lexicon": true,
             *       "business_lexicons": [],
             *       "handoff_answer": null,
             *       "intents": [],
             *       "margin": 0.03999999910593033,
             *       "synonyms": [],
             *       "threshold": 0.30000001192092896
             *     }
             */
            intents: components["schemas"]["IntentSettings"];
            /** @default [] */
            rules: components["schemas"]["Rule"][];
            /**
             * @description Fills `{store}` in messages.
             * @default
             */
            store_name: string;
            /**
             * @description IANA time zone of the store, for hours and rule schedules.
             * @default Asia/Tokyo
             */
            time_zone: string;
            /** @default null */
            unblock_greeting: null | components["schemas"]["Answer"];
        };
        /**
         * @description One message bubble of an answer.
         *
         *     The JSON form of `text`, `sticker` and `image` is exactly LINE's message object
         *     (`{"type":"text","text":"..."}`), so the responder can pass them through. `raw`
         *     wraps any other LINE message object (flex, template, ...) unchanged, under
         *     `message`, because the LINE object's own `type` field would otherwise collide
         *     with ours.
         */
        ReplyMessage: {
            text: string;
            /** @enum {string} */
            type: "text";
        } | {
            packageId: string;
            stickerId: string;
            /** @enum {string} */
            type: "sticker";
        } | {
            originalContentUrl: string;
            previewImageUrl: string;
            /** @enum {string} */
            type: "image";
        } | {
            message: components["schemas"]["LineMessageObject"];
            /** @enum {string} */
            type: "raw";
        };
        /**
         * @description A part of the auto-reply configuration that is inherited as a whole.
         * @enum {string}
         */
        ReplyPart: "hours" | "after_hours" | "rules" | "intents" | "greeting" | "unblock_greeting" | "fallback";
        /** @description How fast staff answered the waits of a range. */
        ResponseTimes: {
            /**
             * Format: int64
             * @description Of those, answered by staff.
             */
            answered: number;
            /** @description How many answers fell in each bucket, fastest first. */
            buckets: components["schemas"]["ReplyBucket"][];
            /**
             * Format: int64
             * @description Of those, closed with no staff message.
             */
            closed: number;
            /**
             * Format: int64
             * @description Mean first-reply time in business hours (seconds).
             */
            mean_seconds?: number | null;
            /**
             * @description The bucket (an index into `buckets`) the median first reply falls in: "half
             *     were answered within 5 minutes". Buckets are all a counter can keep, so the
             *     median is said as its bucket rather than made up inside it; absent when
             *     nothing was answered.
             */
            median_bucket?: number | null;
            /** @description The bucket the 90th percentile falls in, the same way. */
            p90_bucket?: number | null;
            /**
             * Format: int64
             * @description Of those, neither answered nor closed yet: customers still waiting.
             */
            unanswered: number;
            /**
             * Format: int64
             * @description Customers who began waiting for a person.
             */
            waits: number;
        };
        /** @description A rich menu of one channel. */
        RichMenu: {
            areas: components["schemas"]["MenuArea"][];
            channel: components["schemas"]["ChannelId"];
            /** @description The chat bar's label (at most 14 characters). */
            chat_bar_text: string;
            id: components["schemas"]["RichMenuId"];
            image?: null | components["schemas"]["MenuImage"];
            /** @description For staff (LINE's `name`; customers never see it). */
            name: string;
            org: components["schemas"]["OrgId"];
            published?: null | components["schemas"]["Published"];
            /** @description Whether the menu opens by itself when the chat is opened. */
            selected?: boolean;
            size: components["schemas"]["MenuSize"];
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Optimistic-concurrency version (0 for a menu never saved).
             */
            version: number;
        };
        RichMenuId: string;
        /** @description A menu's content, for creating one or replacing one's content. */
        RichMenuInput: {
            /** @description At most 20 areas (`limits::MAX_AREAS`) inside the image. */
            areas: components["schemas"]["MenuArea"][];
            /** @description The chat bar's label (1–14 characters, `limits::MAX_CHAT_BAR_TEXT`). */
            chat_bar_text: string;
            /** @description For staff (1–300 characters, `limits::MAX_NAME`). */
            name: string;
            selected?: boolean;
            /**
             * @description 800–2500 px wide, at least 250 px high, at least 1.45 times as wide as high
             *     (LINE's full size is 2500×1686, half 2500×843).
             */
            size: components["schemas"]["MenuSize"];
            /**
             * Format: int64
             * @description For an edit: the version read (a concurrent edit is a 409).
             */
            version?: number | null;
        };
        RichMenuList: {
            items: components["schemas"]["RichMenuView"][];
        };
        /** @description A menu as the console shows it. */
        RichMenuView: components["schemas"]["RichMenu"] & {
            /** @description The image (valid for an hour), once uploaded. */
            image_url?: string | null;
            /** @description Whether LINE has this version (edits since need publishing again). */
            is_published: boolean;
        };
        /** @enum {string} */
        Role: "viewer" | "operator" | "admin" | "owner";
        /** @description One keyword rule as the marketer writes it. */
        Rule: {
            /**
             * @default {
             *       "from": null,
             *       "to": null
             *     }
             */
            active: components["schemas"]["ActivePeriod"];
            /**
             * @default {
             *       "messages": [],
             *       "quick_replies": []
             *     }
             */
            answer: components["schemas"]["Answer"];
            /** @default true */
            enabled: boolean;
            /**
             * @description Unique within the store; names the rule in decisions and traces.
             * @default
             */
            id: string;
            /**
             * @description One or more keywords (or patterns, or postback data), any of which matches.
             * @default []
             */
            keywords: string[];
            /** @default exact */
            kind: components["schemas"]["MatchKind"];
            /**
             * Format: int32
             * @description Higher answers first.
             * @default 0
             */
            priority: number;
            /** @default null */
            schedule: null | components["schemas"]["Weekly"];
        };
        /** @description One keyword of one rule that matched. */
        RuleCandidate: {
            id: string;
            ineligible?: null | components["schemas"]["Ineligible"];
            keyword: string;
            kind: components["schemas"]["MatchKind"];
            /** @description Position of the rule in the configuration (ties go to the lower). */
            position: number;
            /** Format: int32 */
            priority: number;
        };
        /** @description Keyword rules, in order. */
        Rules: {
            rules: components["schemas"]["Rule"][];
            /**
             * Format: int64
             * @description The store's settings version this was read at. Sent back with a write, a
             *     write on an older version is refused (409) instead of undoing someone
             *     else's change; without it the write applies to the current settings.
             */
            version?: number | null;
        };
        /** @description The keyword-rule stage. */
        RulesPreview: {
            /** @description Every matching keyword, winner first, then in the order they would win. */
            candidates: components["schemas"]["RuleCandidate"][];
            /** @description A sentence on why the winner won. */
            why?: string | null;
            winner?: string | null;
        };
        /** @description What the effects of a run came to. */
        RunOutcome: {
            /**
             * @description One line per effect, in order (e.g. `sent as a reply`, `pushed`,
             *     `not sent: quota exhausted`, `sequence started`).
             */
            effects: string[];
            /** @description The rich menu the friend was linked to afterwards, if it changed. */
            menu?: string | null;
        };
        /** @description Everything one event makes the automations do. */
        RunPlan: {
            /**
             * @description Some automation would have fired deeper than [`MAX_DEPTH`] and did not: the
             *     automations form a loop (or a very long chain).
             */
            depth_limit_reached: boolean;
            edits: components["schemas"]["FriendEdit"][];
            effects: components["schemas"]["Effect"][];
            steps: components["schemas"]["RunStep"][];
        };
        /** @description One automation that ran, and why. */
        RunStep: {
            actions: components["schemas"]["AutoAction"][];
            automation: components["schemas"]["AutomationId"];
            /**
             * Format: int32
             * @description 1 for an automation the event fired; one more per level of chaining.
             */
            depth: number;
            fired_by: components["schemas"]["Fired"];
            name: string;
        };
        Schedule: {
            /** @enum {string} */
            kind: "now";
        } | {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            kind: "at";
        } | {
            /** @enum {string} */
            kind: "sequence";
            steps: components["schemas"]["SequenceStep"][];
        };
        /** @description What to send: exactly one of `text`, `image`, `sticker`, `canned_reply_id`. */
        SendBody: {
            /**
             * @description A canned reply (定型文) of the customer's store; `{name}` and `{store}` are
             *     filled in.
             */
            canned_reply_id?: string | null;
            image?: null | components["schemas"]["ImageBody"];
            sticker?: null | components["schemas"]["StickerBody"];
            text?: string | null;
        };
        /** @description Who wrote a message: the customer, or what made the bot answer. */
        Sender: {
            /** @enum {string} */
            kind: "customer";
        } | {
            /** @enum {string} */
            kind: "greeting";
        } | {
            id: string;
            /** @enum {string} */
            kind: "rule";
        } | {
            id: string;
            /** @enum {string} */
            kind: "intent";
        } | {
            /** @enum {string} */
            kind: "after_hours";
        } | {
            /** @enum {string} */
            kind: "fallback";
        } | {
            id: components["schemas"]["StaffId"];
            /** @enum {string} */
            kind: "staff";
        } | {
            id: components["schemas"]["CampaignId"];
            /** @enum {string} */
            kind: "campaign";
        };
        /** @description The name and icon a message shows as its sender (LINE's `sender`). */
        SenderIdentity: {
            icon_url?: string | null;
            name: string;
        };
        /** @description The sender shown on the campaign's messages. */
        SenderInput: {
            /** @description An https URL of a square PNG. */
            icon_url?: string | null;
            /** @description At most 20 characters, without "LINE". */
            name: string;
        };
        /** @description Who wrote a message. */
        SenderView: {
            /** @description The rule, intent, staff member or campaign, for those kinds. */
            id?: string | null;
            /**
             * @description `customer`, `greeting`, `rule`, `intent`, `after_hours`, `fallback`, `staff`
             *     or `campaign`.
             */
            kind: string;
        };
        /** @description A staff message that went out. */
        SentMessage: {
            delivery?: null | components["schemas"]["DeliveryView"];
            /** @description This idempotency key was sent before: nothing was sent again. */
            duplicate: boolean;
            /** @description The history entry's id (absent for a repeat of an idempotency key). */
            entry_id?: string | null;
            text?: string | null;
        };
        /**
         * @description One message of a step sequence: `offset_days` after following, at `at_local_time`
         *     in the store's time zone, or at once when `None`.
         */
        SequenceStep: {
            /** @example 10:00 */
            at_local_time?: string | null;
            messages: components["schemas"]["LineMessageObject"][];
            /** Format: int64 */
            offset_days: number;
        };
        /** @description A friend's targeting attributes (replaced as a whole). */
        SetAttributes: {
            /** Format: int32 */
            birth_year?: number | null;
            custom?: {
                [key: string]: string;
            };
            gender?: null | components["schemas"]["Gender"];
            /** @description One of Japan's 47 prefectures, in Japanese (`東京都`). */
            prefecture?: string | null;
        };
        /** @description Why nothing is sent. */
        SilentReason: {
            /** @enum {string} */
            kind: "standby";
        } | {
            /** @enum {string} */
            kind: "group_ignored";
        } | {
            /** @enum {string} */
            kind: "not_mentioned";
        } | {
            /** @enum {string} */
            kind: "handed_off";
            /** Format: date-time */
            until: string;
        } | {
            /** @enum {string} */
            kind: "after_hours_cool_down";
            /** Format: date-time */
            last_sent: string;
        } | {
            /** @enum {string} */
            kind: "no_answer";
        } | {
            /** @enum {string} */
            kind: "sticker";
        } | {
            /** @enum {string} */
            kind: "unknown_postback";
        } | {
            /** @enum {string} */
            kind: "no_greeting";
        };
        /** @description What produced a reply. */
        Source: {
            id: string;
            /** @enum {string} */
            kind: "rule";
        } | {
            /** @enum {string} */
            kind: "intent";
            name: string;
            /** Format: float */
            score: number;
        } | {
            intent: components["schemas"]["BuiltinIntent"];
            /** @enum {string} */
            kind: "builtin";
        } | {
            /** @enum {string} */
            kind: "after_hours";
        } | {
            /** @enum {string} */
            kind: "fallback";
        } | {
            /** @enum {string} */
            kind: "greeting";
        } | {
            /** @enum {string} */
            kind: "unblock";
        };
        /**
         * @description A date with its own intervals, replacing the weekly ones (e.g. a short day on
         *     New Year's Eve, or opening on a usual closing day).
         */
        SpecialDay: {
            /** Format: date */
            date: string;
            intervals?: components["schemas"]["Interval"][];
        };
        StaffId: string;
        /** @description A staff member as the API shows them. */
        StaffView: {
            active: boolean;
            assigned_only: boolean;
            display_name: string;
            email?: string | null;
            id: string;
            role: components["schemas"]["Role"];
            sender_icon_url?: string | null;
            sender_name?: string | null;
            /** @description Store ids (with their subtrees); empty = all stores. */
            stores: string[];
        };
        /** @description Changes the caller must persist into [`FriendState`] if it sends the reply. */
        StateUpdate: {
            /**
             * Format: date-time
             * @description Set `last_after_hours_reply` to this.
             */
            last_after_hours_reply?: string | null;
        };
        /**
         * @description Where LINE's numbers for one unit stand.
         * @enum {string}
         */
        StatsStatus: "pending" | "ready" | "unready" | "out_of_service";
        StatusBody: {
            status: components["schemas"]["StatusView"];
        };
        /**
         * @description Where a thread stands.
         * @enum {string}
         */
        StatusView: "open" | "waiting" | "resolved";
        /** @description The counters of one step of a sequence. */
        StepProgress: {
            progress: components["schemas"]["Progress"];
            /** Format: int64 */
            step: number;
        };
        /** @description A LINE sticker. */
        StickerBody: {
            package_id: string;
            sticker_id: string;
        };
        /**
         * @description One store's totals (`store` absent: friends of no store), over the months and
         *     per month (every month of the range, oldest first; zeros where nothing was
         *     counted).
         */
        StoreComparison: {
            months: components["schemas"]["MonthTotals"][];
            store?: null | components["schemas"]["StoreId"];
            total: components["schemas"]["Totals"];
        };
        StoreId: string;
        /** @description A store and the stores below it. */
        StoreNode: {
            children: components["schemas"]["StoreNode"][];
            id: string;
            name: string;
            time_zone: string;
        };
        /**
         * @description A store's settings. Its hours, holidays, rules and intents have their own routes;
         *     everything else a store has is here, readable and editable.
         */
        StoreView: {
            /** @description Fills `{name}` when a friend's display name is unknown. */
            default_name: string;
            fallback?: null | components["schemas"]["Answer"];
            greeting?: null | components["schemas"]["Answer"];
            /** @description `respond` or `mention_only`: how the bot behaves in group chats. */
            groups: components["schemas"]["GroupPolicy"];
            id: string;
            /**
             * @description The auto-reply parts taken from above (see `GET .../reply` for the
             *     effective values and their sources).
             */
            inherits: components["schemas"]["ReplyPart"][];
            /** Format: int64 */
            monthly_budget?: number | null;
            name: string;
            parent?: string | null;
            /** Format: int64 */
            retention_days?: number | null;
            staff_notify_url?: string | null;
            time_zone: string;
            unblock_greeting?: null | components["schemas"]["Answer"];
            /**
             * Format: int64
             * @description The settings version; send it back with a change (409 when stale).
             */
            version: number;
        };
        /** @description The stores compared over whole months. */
        StoresReport: {
            /** @description `YYYY-MM`. */
            from_month: string;
            /**
             * @description Each store with counts in the months (friends of no store first, then by
             *     store id).
             */
            stores: components["schemas"]["StoreComparison"][];
            /** @description `YYYY-MM`, inclusive. */
            to_month: string;
            /** @description Every store listed, added together. */
            total: components["schemas"]["Totals"];
        };
        /** @description An intent a declined message resembles. */
        Suggestion: {
            intent: string;
            /**
             * Format: float
             * @description Similarity in 0..=1 under the store's current intents.
             */
            score: number;
        };
        /**
         * @description A group of words a store wants treated as one, e.g. its own product names.
         *     When `canonical` (or one of `words`) is already a built-in concept's word,
         *     `words` extend that concept; otherwise they form a new concept.
         */
        SynonymGroup: {
            /** @default  */
            canonical: string;
            /** @default [] */
            words: string[];
        };
        /** @description A message nobody answered, to become an example of an intent. */
        TeachExample: {
            /** @description The customer's text as received. */
            text: string;
        };
        /** @description Threads changed since a cursor. */
        ThreadChanges: {
            /** @description Pass as `since` next time. */
            cursor: string;
            /**
             * @description Oldest change first; a thread may repeat from the previous poll (keep the
             *     highest `version`).
             */
            threads: components["schemas"]["ThreadView"][];
        };
        /** @description One thing staff (or otodoke) did with a thread. */
        ThreadLogView: {
            /** @description RFC 3339. */
            at: string;
            by?: string | null;
            /** @description `assigned`, `status`, `handed_off` or `returned_to_bot`. */
            kind: string;
            status?: null | components["schemas"]["StatusView"];
            /** @description For `assigned`: the new assignee (absent: unassigned). */
            to?: string | null;
            /** @description For `handed_off`: until when (RFC 3339). */
            until?: string | null;
        };
        /** @description A page of threads, newest activity first. */
        ThreadPage: {
            items: components["schemas"]["ThreadView"][];
            /**
             * @description Pass as `cursor` for more; absent when there is no more. A page may hold
             *     fewer than `limit` threads and still have a cursor (narrow filters).
             */
            next_cursor?: string | null;
        };
        /** @description A thread as the inbox shows it. */
        ThreadView: {
            /** @description RFC 3339: the inbox's order. */
            activity_at: string;
            assignee?: string | null;
            /** @description A customer message waits for a person (the bot could not answer it). */
            awaiting_staff: boolean;
            channel_id: string;
            customer: components["schemas"]["CustomerView"];
            handoff?: null | components["schemas"]["HandoffView"];
            last?: null | components["schemas"]["LastMessageView"];
            log: components["schemas"]["ThreadLogView"][];
            read_at?: string | null;
            read_by?: string | null;
            /** @description A reply now is free (the customer's reply token is still usable). */
            reply_window_open: boolean;
            status: components["schemas"]["StatusView"];
            store_id?: string | null;
            /**
             * Format: int64
             * @description Customer messages no staff member has read.
             */
            unread: number;
            /**
             * Format: int64
             * @description Grows with every change: keep the highest seen per thread when polling.
             */
            version: number;
        };
        /** @description Counts with the friends gained (follows + unblocks − blocks). */
        Totals: {
            counts: components["schemas"]["Counts"];
            /**
             * Format: int64
             * @description follows + unblocks − blocks (negative when more friends left than came).
             */
            net_friends: number;
        };
        /** @description The steps of a decision, for logs and support. */
        Trace: {
            steps: components["schemas"]["TraceStep"][];
        };
        /** @description One step the decision took, in order. */
        TraceStep: {
            /** @enum {string} */
            step: "standby";
        } | {
            mentioned: boolean;
            policy: components["schemas"]["GroupPolicy"];
            /** @enum {string} */
            step: "group";
        } | {
            active: boolean;
            /** @enum {string} */
            step: "hand_off";
            /** Format: date-time */
            until: string;
        } | {
            /** Format: date-time */
            next_open?: string | null;
            open: boolean;
            /** @enum {string} */
            step: "hours";
        } | {
            /** Format: date-time */
            last_sent: string;
            /** @enum {string} */
            step: "after_hours_cool_down";
            /** Format: date-time */
            until: string;
        } | {
            id: string;
            keyword: string;
            kind: components["schemas"]["MatchKind"];
            /** Format: int32 */
            priority: number;
            /** @enum {string} */
            step: "rule";
        } | {
            /** @enum {string} */
            step: "no_rule";
        } | {
            best?: null | components["schemas"]["IntentScore"];
            builtin?: null | components["schemas"]["BuiltinIntent"];
            declined?: null | components["schemas"]["Decline"];
            /** @enum {string} */
            step: "intent";
        } | {
            configured: boolean;
            /** @enum {string} */
            step: "fallback";
        };
        /** @description What starts an automation. */
        Trigger: {
            /** @enum {string} */
            type: "follow";
        } | {
            /** @enum {string} */
            type: "unblock";
        } | {
            exact?: boolean;
            keywords: string[];
            /** @enum {string} */
            type: "keyword";
        } | {
            data: string;
            /** @enum {string} */
            type: "postback";
        } | {
            tag: string;
            /** @enum {string} */
            type: "tag_added";
        } | {
            tag: string;
            /** @enum {string} */
            type: "tag_removed";
        } | {
            campaign: components["schemas"]["CampaignId"];
            /** @enum {string} */
            type: "sequence_finished";
        } | {
            link: string;
            /** @enum {string} */
            type: "link_clicked";
        } | {
            /** @enum {string} */
            type: "manual";
        };
        /** @description A customer message the intents could not answer. */
        Unanswered: {
            /** @description RFC 3339. */
            at: string;
            /**
             * @description The closest intents now (best first, at most 3): the examples taught since
             *     the message arrived count.
             */
            suggestions: components["schemas"]["Suggestion"][];
            text: string;
        };
        UnansweredList: {
            /** @description Newest first; each distinct text once. */
            items: components["schemas"]["Unanswered"][];
        };
        /**
         * @description LINE's numbers for one aggregation unit (the campaign's, or one step's),
         *     with the rates over what otodoke delivered under it.
         */
        UnitReport: {
            /**
             * Format: double
             * @description Unique clickers / delivered; `null` likewise.
             */
            click_rate?: number | null;
            /**
             * Format: int64
             * @description Messages otodoke delivered under the unit (the campaign's or the step's
             *     `sent`).
             */
            delivered: number;
            /**
             * Format: double
             * @description Unique impressions / delivered; `null` while LINE withholds the count
             *     (fewer than 20 users) or nothing was delivered.
             */
            open_rate?: number | null;
            stats: components["schemas"]["CampaignStats"];
        };
        /** @description Changes to a channel; absent fields are left as they are. */
        UpdateChannel: {
            default_store?: string | null;
            plan?: null | components["schemas"]["Plan"];
        };
        /** @description Changes to an organization; absent fields are left as they are. */
        UpdateOrganization: {
            /** @description Where new friends go when nothing names a store. */
            default_store?: string | null;
            link_mode?: null | components["schemas"]["LinkMode"];
            name?: string | null;
        };
        /** @description Changes to a store; absent fields are left as they are, `null` clears one. */
        UpdateStore: {
            default_name?: string | null;
            fallback?: null | components["schemas"]["Answer"];
            greeting?: null | components["schemas"]["Answer"];
            groups?: null | components["schemas"]["GroupPolicy"];
            /**
             * @description The auto-reply parts this store takes from the store above it or the
             *     organization (`hours`, `after_hours`, `rules`, `intents`, `greeting`,
             *     `unblock_greeting`, `fallback`); the others are its own. Setting a greeting,
             *     unblock greeting or fallback here makes that part the store's own.
             */
            inherits?: components["schemas"]["ReplyPart"][] | null;
            /** Format: int64 */
            monthly_budget?: number | null;
            name?: string | null;
            /** @description Move the store under another one (`null`: to the top of the tree). */
            parent?: string | null;
            /** Format: int64 */
            retention_days?: number | null;
            staff_notify_url?: string | null;
            time_zone?: string | null;
            unblock_greeting?: null | components["schemas"]["Answer"];
            /**
             * Format: int64
             * @description The version the change is based on (from `GET`); 409 when the store has
             *     changed since. Without it the change applies to the current settings.
             */
            version?: number | null;
        };
        /** @description An uploaded image, ready to send as a LINE image message. */
        UploadedMedia: {
            /**
             * Format: int64
             * @description The original's size.
             */
            bytes: number;
            /** @description `image/jpeg` or `image/png`. */
            content_type: string;
            /** @description Where the original is kept; names it when sending. */
            media_key: string;
            /** @description The preview (JPEG, at most 240 px), for `previewImageUrl` (valid for an hour). */
            preview_url: string;
            /** @description The original, for `originalContentUrl` (valid for an hour). */
            url: string;
        };
        /** @description Clicks on one URL of the message. */
        UrlClicks: {
            /**
             * Format: int64
             * @description `None`: LINE withholds counts under its minimum.
             */
            clicks?: number | null;
            /** Format: int64 */
            unique_clicks?: number | null;
            url: string;
        };
        /** @description Open intervals per weekday. A weekday with no intervals is closed. */
        Weekly: {
            /** @default [] */
            friday: components["schemas"]["Interval"][];
            /** @default [] */
            monday: components["schemas"]["Interval"][];
            /** @default [] */
            saturday: components["schemas"]["Interval"][];
            /** @default [] */
            sunday: components["schemas"]["Interval"][];
            /** @default [] */
            thursday: components["schemas"]["Interval"][];
            /** @default [] */
            tuesday: components["schemas"]["Interval"][];
            /** @default [] */
            wednesday: components["schemas"]["Interval"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_automations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutomationList"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_automation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutomationInput"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Automation"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_automation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Automation"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_automation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutomationInput"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Automation"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_automation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    automation_runs: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /**
                 * @description At most this many items (1..=200, default 50); a page may hold fewer and
                 *     still have a next cursor.
                 */
                limit?: number;
            };
            header?: never;
            path: {
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutomationRunPage"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_campaigns: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /**
                 * @description At most this many items (1..=200, default 50); a page may hold fewer and
                 *     still have a next cursor.
                 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignPage"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_campaign: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCampaign"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_campaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    edit_campaign: {
        parameters: {
            query?: {
                /** @description The `version` read; when given and the draft changed since, 409. */
                version?: number;
            };
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCampaign"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_campaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    duplicate_campaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    estimate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EstimateView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    campaign_report: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignReport"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    schedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    send_now: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_channels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelView"][];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_channel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChannel"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_channel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_channel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateChannel"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `default_store` names no store of the caller's scope */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    import_followers: {
        parameters: {
            query?: {
                /**
                 * @description Import at most this many pages (1 to 50) in this call; default: as many as
                 *     fit in about 20 seconds, up to 50.
                 */
                max_pages?: number;
            };
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `status` is `done`, `in_progress` or `unavailable` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportAnswer"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description another import of this channel is running, or the channel's access token is missing */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description LINE could not be reached; the checkpoint is kept */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    channel_insight: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelInsight"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description LINE could not be reached */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_menu_rules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MenuRulesView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_menu_rules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MenuRulesInput"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MenuRulesView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    preview_menu_rules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MenuRulesInput"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MenuRulesPreview"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    quota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaStatus"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_relink_job: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelinkJob"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_menus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RichMenuList"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_menu: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RichMenuInput"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RichMenuView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_menu: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                menu_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RichMenuView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_menu: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                menu_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RichMenuInput"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RichMenuView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_menu: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                menu_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    upload_menu_image: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                menu_id: string;
            };
            cookie?: never;
        };
        /** @description The image: the raw bytes of a JPEG or PNG, at most 1 MB */
        requestBody: {
            content: {
                "image/jpeg": unknown;
                "image/png": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RichMenuView"];
                };
            };
            /** @description the body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the image is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is not declared as image/jpeg or image/png */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is empty, not an image of the declared type, or not of the menu's size */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    publish_menu: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                menu_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RichMenuView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description LINE refused the menu */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_friend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Friend"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    erase_friend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    set_attributes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetAttributes"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Friend"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the friend changed meanwhile; re-read and retry */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    friend_runs: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /**
                 * @description At most this many items (1..=200, default 50); a page may hold fewer and
                 *     still have a next cursor.
                 */
                limit?: number;
            };
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutomationRunPage"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /**
                 * @description At most this many items (1..=200, default 50); a page may hold fewer and
                 *     still have a next cursor.
                 */
                limit?: number;
            };
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_notes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoteList"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    add_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddNote"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoteList"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_note: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
                note_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoteList"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    assign_store: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignStore"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Friend"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the friend changed meanwhile; re-read and retry */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    add_tag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddTag"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Friend"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the friend changed meanwhile; re-read and retry */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    remove_tag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                user_id: string;
                tag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Friend"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below operator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the friend changed meanwhile; re-read and retry */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_tracked_links: {
        parameters: {
            query?: {
                /** @description A campaign of the caller's organization inside their stores. */
                campaign_id?: string;
                /** @description An automation of the caller's organization. */
                automation_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkCountsList"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_organization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_organization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganization"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_organization_reply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationReply"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_organization_reply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationReply"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationReply"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    daily: {
        parameters: {
            query: {
                /** @description First day (`2026-01-01`). */
                from: string;
                /** @description Last day, inclusive (`2026-12-31`); at most 400 days after `from`. */
                to: string;
                /** @description Only this store's counts (a store in the caller's scope). */
                store?: string;
                /** @description Only this channel's counts (a channel the caller may see). */
                channel?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyReport"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    daily_csv: {
        parameters: {
            query: {
                /** @description First day (`2026-01-01`). */
                from: string;
                /** @description Last day, inclusive (`2026-12-31`); at most 400 days after `from`. */
                to: string;
                /** @description Only this store's counts (a store in the caller's scope). */
                store?: string;
                /** @description Only this channel's counts (a channel the caller may see). */
                channel?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    store_comparison: {
        parameters: {
            query: {
                /**
                 * @description First month (`2026-01`).
                 * @example 2026-01
                 */
                from_month: string;
                /**
                 * @description Last month, inclusive (`2026-12`); at most 13 months from `from_month`.
                 * @example 2026-12
                 */
                to_month: string;
                /** @description Only this channel's counts (a channel the caller may see). */
                channel?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoresReport"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    store_comparison_csv: {
        parameters: {
            query: {
                /**
                 * @description First month (`2026-01`).
                 * @example 2026-01
                 */
                from_month: string;
                /**
                 * @description Last month, inclusive (`2026-12`); at most 13 months from `from_month`.
                 * @example 2026-12
                 */
                to_month: string;
                /** @description Only this channel's counts (a channel the caller may see). */
                channel?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_staff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffView"][];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    invite_staff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteStaff"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_staff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                staff_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutStaff"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    activate_staff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                staff_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deactivate_staff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                staff_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_store: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateStore"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a root store, and the caller is limited to some stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_store: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_store: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_store: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateStore"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    export_csv: {
        parameters: {
            query: {
                /** @description First day (`2026-11-01`). */
                from: string;
                /** @description Last day, inclusive (`2026-11-30`). */
                to: string;
            };
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_friends: {
        parameters: {
            query?: {
                /** @description Only friends with this tag. */
                tag?: string;
                /** @description Only friends whose display name contains this (case-insensitive). */
                q?: string;
                cursor?: string;
                /** @description 1..=200, default 50. */
                limit?: number;
            };
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FriendPage"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_holidays: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Holidays"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_holidays: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Holidays"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Holidays"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_hours: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hours"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_hours: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Hours"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hours"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxSettingsView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_settings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InboxSettingsView"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxSettingsView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_intents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Intents"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_intents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Intents"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Intents"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unanswered: {
        parameters: {
            query?: {
                /** @description How far back to look (1..=90 days, default 30). */
                days?: number;
            };
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnansweredList"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    teach_example: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeachExample"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Intents"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        /** @description The image: the raw bytes of a JPEG or PNG, at most 10 MB */
        requestBody: {
            content: {
                "image/jpeg": unknown;
                "image/png": unknown;
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadedMedia"];
                };
            };
            /** @description the body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the image is over LINE's 10 MB limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is not declared as image/jpeg or image/png */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is empty or not an image of the declared type */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    preview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preview"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the store's effective configuration cannot be compiled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_effective: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EffectiveReply"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_rules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rules"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_rules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                store_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Rules"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rules"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the caller's role is below admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_threads: {
        parameters: {
            query?: {
                /** @description Only this store's threads. */
                store?: string;
                status?: components["schemas"]["StatusView"];
                /** @description Only threads with unread customer messages. */
                unread?: boolean;
                /** @description `me`, `none` (unassigned) or a staff id. */
                assignee?: string;
                /** @description Only customers with this tag. */
                tag?: string;
                /** @description Text search over the last 14 days of messages (and customers' names). */
                q?: string;
                cursor?: string;
                /** @description 1..=100, default 30. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadPage"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    changes: {
        parameters: {
            query?: {
                /**
                 * @description The `cursor` of the previous poll; absent on the first, which answers no
                 *     threads and the cursor to start from.
                 */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadChanges"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a query parameter is invalid or unknown */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_thread: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    take_over: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandoffBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    return_to_bot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadView"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    send_message: {
        parameters: {
            query?: never;
            header: {
                /** @description Sends once per key */
                "Idempotency-Key": string;
            };
            path: {
                channel_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentMessage"];
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentMessage"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    mark_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadResult"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    set_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadView"];
                };
            };
            /** @description the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no or unusable credentials, or a deactivated member */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description absent, or outside the caller's organization or stores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a field is invalid or unknown; `details` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many requests (API Gateway's throttling, in AWS) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description our fault; the message is always `internal error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
