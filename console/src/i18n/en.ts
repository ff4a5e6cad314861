import type { ja } from "./ja";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof ja> = {
  nav: { inbox: "Chats", friends: "Friends", campaigns: "Campaigns", autoreply: "Auto-reply", organization: "Organization", label: "Menu", menu: "Open the menu", signOut: "Sign out" },
  common: { store: "Store", any: "Any", first: "First page", next: "Next page", save: "Save", notAllowed: "Your role cannot do this." },
  role: { viewer: "Viewer", operator: "Operator", admin: "Admin", owner: "Owner" },
  gender: { female: "Female", male: "Male", other: "Other" },
  status: { draft: "Draft", scheduled: "Scheduled", running: "Sending", paused: "Paused", completed: "Completed", cancelled: "Cancelled" },
  plan: { communication: "Communication", light: "Light", standard: "Standard", unlimited: "Unlimited" },
  day: { monday: "Monday", tuesday: "Tuesday", wednesday: "Wednesday", thursday: "Thursday", friday: "Friday", saturday: "Saturday", sunday: "Sunday" },
  dayShort: { monday: "Mon", tuesday: "Tue", wednesday: "Wed", thursday: "Thu", friday: "Fri", saturday: "Sat", sunday: "Sun" },
  who: {
    customer: "Customer", staff: "{{name}}", rule: "Rule: {{id}}", intent: "AI answer: {{id}}", campaign: "Campaign: {{id}}",
    greeting: "Greeting", after_hours: "After hours", fallback: "Fallback", failed: "Not sent: {{reason}}",
  },
  form: { tooLong: "At most {{max}} characters" },
  check: {
    required: "Required", tooLong: "Too long", https: "Enter an https:// URL", number: "Digits only",
    json: "Not valid JSON", flexType: "Use a bubble or carousel", noLine: "\"LINE\" is not allowed",
    order: "Must not be below the minimum", future: "Must be in the future", "1to5": "1 to 5 messages", fix: "Fix {{count}} field(s)",
  },
  inbox: {
    threads: "Chats", empty: "No matching chats", unread: "{{count}} unread", conversation: "Chat", pick: "Pick a chat from the list",
    back: "Chats", reply: "Reply", replyPlaceholder: "Write a message (Enter sends, Shift+Enter for a new line)", enterHint: "The Enter that confirms Japanese input never sends",
    send: "Send", profile: "Notes", botAnswers: "The bot answers", takeOver: "Take over", returnToBot: "Return to bot", unreadOnly: "Unread", assignee: "Assignee",
    search: "Search names and messages", mine: "Mine", unassigned: "Unassigned", statusLabel: "Status", anyStatus: "Any status", allStores: "All stores", tag: "Tag",
    status: { open: "Open", waiting: "Waiting", resolved: "Resolved" }, awaiting: "Needs a person", handoffShort: "With {{name}} until {{at}}", nobody: "Unassigned", assignedTo: "Assigned: {{name}}",
    notes: "Notes (staff only)", notesHint: "Customers never see these", deleteNote: "Delete the note", newNote: "Add a note…", addNote: "Save note",
    readOnly: "Your role can read but not reply", sticker: "Sticker", sendSticker: "Send the sticker \"{{label}}\"", canned: "Canned replies",
    error: {
      blocked: "This customer has blocked the account: the message cannot be sent.", inProgress: "This message is being sent already. Check again in a moment.",
      quota: "This month's message quota is used up (replies within the reply window are free).", refused: "LINE refused this message: {{detail}}",
      retry: "LINE could not be reached. Press Send again (it will not be sent twice).",
    },
  },
  friends: {
    search: "Search by name", tag: "Filter by tag", gender: "Gender", bulkTag: "Tag for bulk actions", addTag: "Tag {{count}}", removeTag: "Untag {{count}}",
    bulkDone: "Updated {{count}} (failed {{failed}})", selectAll: "Select all", select: "Select {{name}}", name: "Name", tags: "Tags", store: "Store", since: "Added",
    none: "No friends match", attributes: "Attributes", birthYear: "Birth year", prefecture: "Prefecture", newTag: "New tag", addOne: "Add", untag: "Remove tag {{tag}}",
    history: "History", noHistory: "No messages yet", state: { following: "Following", blocked: "Blocked" },
  },
  campaigns: {
    new: "New campaign", name: "Name", channel: "Channel", segment: "Audience (segment)", tagsAll: "Has all of these tags", tagsAllHint: "Enter adds a tag",
    tagsAny: "Has any of these tags", tagsNone: "Has none of these tags", ageMin: "Age from", ageMax: "Age to", age: "Age", prefectures: "Prefectures",
    followedSince: "Followed since", stores: "Stores", allStores: "All stores", messages: "Messages", addMessage: "Add a message",
    senderName: "Sender name", senderHint: "At most 20 characters, no \"LINE\"", senderIcon: "Sender icon URL", schedule: "When", now: "Now", at: "At a time", sequence: "Step sequence",
    offsetDays: "Days after following", atLocalTime: "Time", stepText: "Step {{n}} message", addStep: "Add a step", saveDraft: "Save draft", preview: "Preview",
    estimate: "Estimate before sending", audience: "Audience", quotaNeeded: "Messages used", quotaLeft: "Left this month", quotaLimit: "Monthly limit", unlimited: "Unlimited",
    doesNotFit: "This is more than is left this month: narrow the audience or change the plan.", progress: "Progress", counts: "planned {{planned}} / sent {{sent}} / failed {{failed}} / skipped {{skipped}}",
    duplicate: "Duplicate", delete: "Delete", everyone: "Every friend", status: "Status", created: "Created", none: "No campaigns yet",
    do: { "send-now": "Send now", schedule: "Schedule", pause: "Pause", resume: "Resume", cancel: "Cancel" },
  },
  message: { text: "Text", image: "Image", sticker: "Sticker", altText: "Alt text", flexJson: "Flex Message JSON", imageUrl: "Image URL", previewUrl: "Preview image URL", type: "Type of message {{n}}", remove: "Remove message {{n}}" },
  autoreply: {
    rules: "Keywords", intents: "AI answers", hours: "Hours", holidays: "Holidays", greeting: "Greeting", unblock_greeting: "Welcome back", fallback: "When nothing answers", keywords: "Keywords", answer: "Answer",
    rulesJson: "Keyword rules (JSON)", intentsJson: "AI answer settings (JSON)", examples: "{{count}} examples", teach: "Teach an unanswered message", intent: "Intent",
    unanswered: "Customer's message", teachButton: "Add as example", alwaysOpen: "No business hours (always open)", open: "Open", opens: "opens", closes: "closes",
    afterHours: "After-hours answer", placeholders: "{name} is the customer's name, {next_open} the next opening", coolDown: "Minutes before answering again", greetingPlaceholders: "{name} is the customer's name, {store} the store's",
    prevMonth: "Previous month", nextMonth: "Next month", holiday: "holiday", calendarHint: "Press a day to toggle a holiday (grey: closed that weekday)", calendarLegend: "Red: holiday, grey: closed that weekday",
    try: "Try a message", customerWrites: "The customer writes", at: "Received at (empty: now)", tryButton: "Try", decision: "Decision", notifies: "Staff are notified", trace: "How it decided", folded: "Folded text",
    inbox: "Staff chat", handoffMinutes: "Bot stays silent after staff (minutes)", handoffHint: "After a staff member's last message the bot does not answer for this long (1–1440 minutes)",
    markReadOnLine: "Show 既読 only when staff read the chat", markReadHint: "Off: LINE shows 既読 as usual", cannedReplies: "Canned replies", cannedTitle: "Title", cannedText: "Text",
    addCanned: "Add a canned reply", removeCanned: "Remove", stale: "Someone else changed these settings. Reload them, then make your change again.", reload: "Reload",
    hoursState: "Open state", ruleHits: "Matching keywords", intentScores: "AI answer scores (threshold {{threshold}})", declined: "Declined because",
  },
  org: {
    linkMode: "Channels", mode: { shared_channel: "One channel for all stores", channel_per_store: "One channel per store" }, defaultStore: "Default store", stores: "Stores",
    storeName: "Store name", parent: "Parent store or region", timeZone: "Time zone", addStore: "Add store", staff: "Staff", displayName: "Display name",
    role: "Role", invite: "Invite a member", email: "E-mail", assignedOnly: "Assigned customers only", sendInvite: "Send invitation", active: "Status", activeYes: "Active", inactive: "Deactivated", activate: "Activate", deactivate: "Deactivate", channels: "Channels", quota: "Messages this month", used: "sent", reserved: "in flight", quotaText: "{{month}}: sent {{used}} + in flight {{reserved}} / limit {{limit}}",
    channelId: "Channel id", provider: "Provider id", botUserId: "Bot user id", plan: "Plan", secret: "Channel secret", token: "Channel access token", connect: "Connect channel",
  },
};
