import { describe, expect, it } from "vitest";
import { NO_FILTER, filterQuery, handoffActive, matches, mergeThreads, type ThreadView } from "./threads";

const thread = (user: string, over: Partial<ThreadView> = {}): ThreadView => ({
  channel_id: "ch1",
  store_id: "shibuya",
  customer: { provider: "p1", user_id: user, display_name: `客${user}`, tags: [] },
  status: "open",
  assignee: null,
  activity_at: "2026-11-20T10:00:00Z",
  last: { at: "2026-11-20T10:00:00Z", text: "こんにちは", sender: { kind: "customer" } },
  unread: 0,
  awaiting_staff: false,
  reply_window_open: false,
  log: [],
  version: 1,
  ...over,
});

describe("the thread list's changes poll", () => {
  it("keeps the highest version of a thread, whatever order the changes come in", () => {
    const list = [thread("U1", { version: 5, unread: 2 })];
    const stale = mergeThreads(list, [thread("U1", { version: 4, unread: 0 })], NO_FILTER, "me");
    expect(stale).toBe(list);
    const fresh = mergeThreads(list, [thread("U1", { version: 6, unread: 3 }), thread("U1", { version: 5, unread: 9 })], NO_FILTER, "me");
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ version: 6, unread: 3 });
  });

  it("moves a thread with new activity to the top and adds a new customer's thread", () => {
    const list = [thread("U1", { activity_at: "2026-11-20T10:00:00Z" }), thread("U2", { activity_at: "2026-11-20T09:00:00Z" })];
    const merged = mergeThreads(
      list,
      [thread("U2", { version: 2, activity_at: "2026-11-20T11:00:00Z" }), thread("U3", { activity_at: "2026-11-20T10:30:00Z" })],
      NO_FILTER,
      "me",
    );
    expect(merged.map((t) => t.customer.user_id)).toEqual(["U2", "U3", "U1"]);
  });

  it("tells the same user on two channels apart", () => {
    const merged = mergeThreads([thread("U1")], [thread("U1", { channel_id: "ch2" })], NO_FILTER, "me");
    expect(merged).toHaveLength(2);
  });

  it("drops a thread that stops matching the filter and ignores new ones that do not match", () => {
    const unread = { ...NO_FILTER, unread: true };
    const list = [thread("U1", { unread: 1 })];
    const merged = mergeThreads(list, [thread("U1", { version: 2, unread: 0 }), thread("U2", { unread: 0 })], unread, "me");
    expect(merged).toEqual([]);
  });
});

describe("the inbox filters", () => {
  it("become the API's query, leaving out what is not set", () => {
    expect(filterQuery(NO_FILTER)).toEqual({});
    expect(filterQuery({ unread: true, assignee: "me", status: "waiting", store: "shibuya", tag: " vip ", q: " 予約 " })).toEqual({
      unread: "true",
      assignee: "me",
      status: "waiting",
      store: "shibuya",
      tag: "vip",
      q: "予約",
    });
  });

  it("match assignee, status, store, tag and text the way the API does", () => {
    const t = thread("U1", { assignee: "sakura", status: "waiting", customer: { provider: "p1", user_id: "U1", display_name: "花子", tags: ["vip"] } });
    expect(matches(t, { ...NO_FILTER, assignee: "me" }, "sakura")).toBe(true);
    expect(matches(t, { ...NO_FILTER, assignee: "me" }, "aiko")).toBe(false);
    expect(matches(t, { ...NO_FILTER, assignee: "none" }, "sakura")).toBe(false);
    expect(matches(t, { ...NO_FILTER, status: "resolved" }, null)).toBe(false);
    expect(matches(t, { ...NO_FILTER, store: "umeda" }, null)).toBe(false);
    expect(matches(t, { ...NO_FILTER, tag: "vip" }, null)).toBe(true);
    expect(matches(t, { ...NO_FILTER, q: "花子" }, null)).toBe(true);
    expect(matches(t, { ...NO_FILTER, q: "こんにち" }, null)).toBe(true);
    expect(matches(t, { ...NO_FILTER, q: "駐車場" }, null)).toBe(false);
  });
});

describe("the hand-off", () => {
  it("is active only until its deadline", () => {
    const t = thread("U1", { handoff: { until: "2026-11-20T10:30:00Z", by: "aiko" } });
    expect(handoffActive(t, Date.parse("2026-11-20T10:29:00Z"))).toBe(true);
    expect(handoffActive(t, Date.parse("2026-11-20T10:31:00Z"))).toBe(false);
    expect(handoffActive(thread("U2"), 0)).toBe(false);
  });
});
