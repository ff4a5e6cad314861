// Generated from docs/openapi.json by `npm run gen:api`. Do not edit.
export interface paths {
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
        put?: never;
        post?: never;
        delete?: never;
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
         *     be in the future) and a sequence starts enrolling; a "now" campaign starts at
         *     once as with send-now.
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
        AddNote: {
            /** @description 1–2,000 characters. */
            text: string;
        };
        /** @description A tag to add. */
        AddTag: {
            tag: string;
        };
        /**
         * @description LINE's age buckets: `age_20` is "20 years or older" as a lower bound and
         *     "younger than 20" as an upper bound.
         * @enum {string}
         */
        AgeBucket: "age_15" | "age_20" | "age_25" | "age_30" | "age_35" | "age_40" | "age_45" | "age_50" | "age_55" | "age_60" | "age_65" | "age_70";
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
        /** @description A page of campaigns, newest first. */
        CampaignPage: {
            /** @description `otodoke_core::campaign::Campaign` records (status and progress included). */
            items: Record<string, never>[];
            next_cursor?: string | null;
        };
        /** @description A canned reply (定型文). */
        CannedReplyView: {
            /** @description 1–64 characters, unique in the store. */
            id: string;
            /** @description 1–5,000 characters; `{name}` becomes the customer's name, `{store}` the store's. */
            text: string;
            /** @description What staff pick it by (1–50 characters). */
            title: string;
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
            plan: Record<string, never>;
            provider: string;
            /** @description The store owning the channel (`channel_per_store` organizations). */
            store_id?: string | null;
        };
        /** @description A new campaign (created as a draft). */
        CreateCampaign: {
            /** @description Tags all/any/none, genders, age range, prefectures, followed since, stores. */
            audience?: Record<string, never>;
            channel_id: string;
            line_demographics?: null | components["schemas"]["LineDemographics"];
            /** @description 1 to 5 LINE message objects. */
            messages: Record<string, never>[];
            name: string;
            /**
             * @description `{"kind": "now"}`, `{"kind": "at", "at": "..."}` or
             *     `{"kind": "sequence", "steps": [{offset_days, at_local_time, messages}]}`.
             */
            schedule: Record<string, never>;
            sender?: null | components["schemas"]["SenderInput"];
        };
        /**
         * @description A channel to connect. `channel_secret` and `access_token` are written to the
         *     secret store and never returned.
         */
        CreateChannel: {
            access_token: string;
            /**
             * @description Optional: the bot's user id (`U` + 32 hex), the webhook's `destination`. The
             *     channel's identity is what LINE answers for `access_token`; when this is
             *     given and differs, the request is refused (422).
             */
            bot_user_id?: string | null;
            channel_secret: string;
            default_store?: string | null;
            /** @description LINE's channel id. */
            id: string;
            plan: Record<string, never>;
            provider: string;
            store_id?: string | null;
        };
        /** @description A new store. */
        CreateStore: {
            id: string;
            /** Format: int64 */
            monthly_budget?: number | null;
            name: string;
            /** @description The store (or region) this one sits under. */
            parent?: string | null;
            /** Format: int32 */
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
        /**
         * @description How a staff message went out.
         * @enum {string}
         */
        DeliveryView: "replied" | "pushed";
        /** @description A store's effective auto-reply configuration and where each part comes from. */
        EffectiveReply: {
            /** @description The configuration the responder and the preview use. */
            config: Record<string, never>;
            /** @description The parts this store takes from above rather than owning. */
            inherits: string[];
            /**
             * @description Per part (`hours`, `after_hours`, `rules`, `intents`, `greeting`,
             *     `unblock_greeting`, `fallback`): `{"kind": "store" | "ancestor", "id": store}`
             *     or `{"kind": "organization"}`.
             */
            sources: Record<string, never>;
        };
        /** @description What erasing a customer removed; no personal data. */
        ErasureView: {
            /**
             * Format: int32
             * @description Step-sequence enrolments removed.
             */
            enrolments: number;
            /** @description Whether a friend record was removed. */
            friend: boolean;
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
        /** @description A page of friends. */
        FriendPage: {
            /** @description `otodoke_core::friend::Friend` records. */
            items: Record<string, never>[];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            next_cursor?: string | null;
        };
        /**
         * @description How long a friend has been a friend of the account (LINE's
         *     `subscriptionPeriod` buckets).
         * @enum {string}
         */
        FriendshipPeriod: "day_7" | "day_30" | "day_90" | "day_180" | "day_365";
        HandoffBody: {
            /**
             * Format: int32
             * @description How long the bot stays silent (1..=1440 minutes); the store's window if absent.
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
        /** @description A page of a friend's history, newest first. Unsent messages are left out. */
        HistoryPage: {
            /**
             * @description `otodoke_core::conversation::ConversationEntry` records, each with
             *     `media_url` and `preview_url` when otodoke kept its content.
             */
            items: Record<string, never>[];
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
            special_days?: Record<string, never>[];
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
            after_hours: Record<string, never>;
            /** @description Weekly intervals, holidays and special days; `null` = always open. */
            hours?: Record<string, never> | null;
            /**
             * Format: int64
             * @description The store's settings version this was read at. Sent back with a write, a
             *     write on an older version is refused (409) instead of undoing someone
             *     else's change; without it the write applies to the current settings.
             */
            version?: number | null;
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
             * Format: int32
             * @description Pages of up to 1,000 followers imported in this pass / by this call.
             */
            pages: number;
            /** Format: int32 */
            pages_this_call: number;
            /**
             * @description `done`: every follower is imported; `in_progress`: call again to continue
             *     from the checkpoint; `unavailable`: LINE does not offer the followers list to
             *     this account (it is neither verified nor premium), see `message`.
             * @example in_progress
             */
            status: string;
            /**
             * Format: int64
             * @description Friends already known, whose profile was refreshed.
             */
            updated: number;
        };
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
        /** @description Intents and the recogniser's settings. */
        Intents: {
            /** @description `{intents: [{name, examples, answer}], threshold, margin, builtin_lexicon, synonyms}`. */
            intents: Record<string, never>;
            /**
             * Format: int64
             * @description The store's settings version this was read at. Sent back with a write, a
             *     write on an older version is refused (409) instead of undoing someone
             *     else's change; without it the write applies to the current settings.
             */
            version?: number | null;
        };
        /** @description An invitation: the settings of a new member and where to send the invitation. */
        InviteStaff: {
            /** @description Sees and answers only the customers assigned to them. */
            assigned_only?: boolean;
            display_name: string;
            /** @description Where the sign-in invitation goes (in AWS, the Cognito account's user name). */
            email: string;
            /**
             * @description `owner`, `admin`, `operator` or `viewer`; at most the caller's own role.
             * @example operator
             */
            role: string;
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
        /**
         * @description The organization's auto-reply defaults, inherited by every store that does not
         *     own a part (nor a store above it).
         */
        OrganizationReply: {
            /**
             * @description Hours, after-hours reply, rules, intents, greeting, unblock greeting and
             *     fallback; the store name and time zone are each store's own.
             */
            config: Record<string, never>;
        };
        /** @description An organization with the stores the caller may see, as a tree. */
        OrganizationView: {
            default_store?: string | null;
            id: string;
            /**
             * @description `shared_channel` or `channel_per_store`.
             * @example shared_channel
             */
            link_mode: string;
            name: string;
            stores: components["schemas"]["StoreNode"][];
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
             * @description When the message arrives (RFC 3339); default now.
             * @example 2026-11-22T10:00:00Z
             */
            at?: string | null;
            /** @description `{"type": "user"}` (default) or `{"type": "group", "mentioned": bool}`. */
            chat?: Record<string, never> | null;
            /** @description The friend's state: `{handoff_until, last_after_hours_reply}`. */
            friend?: Record<string, never> | null;
            message: components["schemas"]["PreviewMessage"];
        };
        /** @description A staff member's settings (created or replaced as a whole). */
        PutStaff: {
            /** @description Sees and answers only the customers assigned to them. */
            assigned_only?: boolean;
            display_name: string;
            /**
             * @description `owner`, `admin`, `operator` or `viewer`; at most the caller's own role.
             * @example operator
             */
            role: string;
            /** @description An https URL of a square PNG. */
            sender_icon_url?: string | null;
            /** @description At most 20 characters, without "LINE". */
            sender_name?: string | null;
            /** @description Store ids (with their subtrees); empty = all stores. */
            stores?: string[];
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
        /** @description Keyword rules, in order. */
        Rules: {
            rules: Record<string, never>[];
            /**
             * Format: int64
             * @description The store's settings version this was read at. Sent back with a write, a
             *     write on an older version is refused (409) instead of undoing someone
             *     else's change; without it the write applies to the current settings.
             */
            version?: number | null;
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
        /** @description A friend's targeting attributes (replaced as a whole). */
        SetAttributes: {
            /** Format: int32 */
            birth_year?: number | null;
            custom?: {
                [key: string]: string;
            };
            /** @description `female`, `male` or `other`. */
            gender?: string | null;
            /** @description One of Japan's 47 prefectures, in Japanese (`東京都`). */
            prefecture?: string | null;
        };
        /** @description A staff member as the API shows them. */
        StaffView: {
            active: boolean;
            assigned_only: boolean;
            display_name: string;
            email?: string | null;
            id: string;
            /** @example operator */
            role: string;
            sender_icon_url?: string | null;
            sender_name?: string | null;
            /** @description Store ids (with their subtrees); empty = all stores. */
            stores: string[];
        };
        StatusBody: {
            status: components["schemas"]["StatusView"];
        };
        /**
         * @description Where a thread stands.
         * @enum {string}
         */
        StatusView: "open" | "waiting" | "resolved";
        /** @description A LINE sticker. */
        StickerBody: {
            package_id: string;
            sticker_id: string;
        };
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
            /** @description Sent when nothing else answers a 1:1 message (staff are notified). */
            fallback?: Record<string, never> | null;
            /** @description Sent on a new follow (`{name}` is the friend's display name). */
            greeting?: Record<string, never> | null;
            /**
             * @description `respond` or `mention_only`: how the bot behaves in group chats.
             * @example mention_only
             */
            groups: string;
            id: string;
            /**
             * @description The auto-reply parts taken from above (see `GET .../reply` for the
             *     effective values and their sources).
             */
            inherits: string[];
            /** Format: int64 */
            monthly_budget?: number | null;
            name: string;
            parent?: string | null;
            /** Format: int32 */
            retention_days?: number | null;
            staff_notify_url?: string | null;
            time_zone: string;
            /** @description Sent when a friend unblocks the account; when unset, `greeting` is sent. */
            unblock_greeting?: Record<string, never> | null;
            /**
             * Format: int64
             * @description The settings version; send it back with a change (409 when stale).
             */
            version: number;
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
             * Format: int32
             * @description Customer messages no staff member has read.
             */
            unread: number;
            /**
             * Format: int64
             * @description Grows with every change: keep the highest seen per thread when polling.
             */
            version: number;
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
        /** @description Changes to a channel; absent fields are left as they are. */
        UpdateChannel: {
            default_store?: string | null;
            plan?: Record<string, never> | null;
        };
        /** @description Changes to an organization; absent fields are left as they are. */
        UpdateOrganization: {
            /** @description Where new friends go when nothing names a store. */
            default_store?: string | null;
            /** @example channel_per_store */
            link_mode?: string | null;
            name?: string | null;
        };
        /** @description Changes to a store; absent fields are left as they are, `null` clears one. */
        UpdateStore: {
            default_name?: string | null;
            fallback?: Record<string, never> | null;
            greeting?: Record<string, never> | null;
            /** @example respond */
            groups?: string | null;
            /**
             * @description The auto-reply parts this store takes from the store above it or the
             *     organization (`hours`, `after_hours`, `rules`, `intents`, `greeting`,
             *     `unblock_greeting`, `fallback`); the others are its own. Setting a greeting,
             *     unblock greeting or fallback here makes that part the store's own.
             */
            inherits?: string[] | null;
            /** Format: int64 */
            monthly_budget?: number | null;
            name?: string | null;
            /** @description Move the store under another one (`null`: to the top of the tree). */
            parent?: string | null;
            /** Format: int32 */
            retention_days?: number | null;
            staff_notify_url?: string | null;
            time_zone?: string | null;
            unblock_greeting?: Record<string, never> | null;
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
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
            /** @description the campaign */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
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
                    "application/json": Record<string, never>;
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
                    "application/json": Record<string, never>;
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
            404: {
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
                    "application/json": Record<string, never>;
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
                    "application/json": Record<string, never>;
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
                    "application/json": Record<string, never>;
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
                    "application/json": Record<string, never>;
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
            422: {
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
            404: {
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
            404: {
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
            query?: never;
            header?: never;
            path: {
                channel_id: string;
                /**
                 * @description Import at most this many pages (1 to 50) in this call; default: as many as
                 *     fit in about 20 seconds, up to 50.
                 */
                max_pages: number | null;
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
            /** @description another import of this channel is running, or the channel's access token is missing */
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
            404: {
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
            /** @description otodoke_core::friend::Friend */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
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
                    "application/json": Record<string, never>;
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
            404: {
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
            404: {
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
            422: {
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
                    "application/json": Record<string, never>;
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
                    "application/json": Record<string, never>;
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
                    "application/json": Record<string, never>;
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
            401: {
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
            404: {
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
            422: {
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
            404: {
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
            422: {
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
            422: {
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
            422: {
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
            422: {
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
            404: {
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
            422: {
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
            422: {
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
            404: {
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
            404: {
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
            422: {
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
        /** @description The image (image/jpeg or image/png), at most 10 MB */
        requestBody: {
            content: {
                "image/jpeg": number[];
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
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            415: {
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
            /** @description otodoke_autoreply::Preview as JSON */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
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
            404: {
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
            422: {
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
            404: {
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
            422: {
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
            422: {
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
            400: {
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
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            429: {
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
            404: {
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
        };
    };
}
