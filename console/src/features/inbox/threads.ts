// The inbox's list logic, apart from React so that Vitest pins it down: the filters
// as the API's query, and the changes poll merged into the pages already loaded.
import type { Schemas } from "../../api/models";

export type ThreadView = Schemas["ThreadView"];
export type ThreadStatus = Schemas["StatusView"];

/** A thread's identity: the customer on one channel. */
export const threadKey = (t: { channel_id: string; customer: { user_id: string } }) => `${t.channel_id}/${t.customer.user_id}`;

export interface ThreadFilter {
  unread: boolean;
  /** `me`, `none` or empty (anyone). */
  assignee: "" | "me" | "none";
  status: "" | ThreadStatus;
  /** Empty: every store the caller has. */
  store: string;
  tag: string;
  q: string;
}

export const NO_FILTER: ThreadFilter = { unread: false, assignee: "", status: "", store: "", tag: "", q: "" };

/** The filter as `GET /admin/threads` query parameters (empty ones left out). */
export function filterQuery(f: ThreadFilter): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.unread) q.unread = "true";
  if (f.assignee) q.assignee = f.assignee;
  if (f.status) q.status = f.status;
  if (f.store) q.store = f.store;
  if (f.tag.trim()) q.tag = f.tag.trim();
  if (f.q.trim()) q.q = f.q.trim();
  return q;
}

/** Whether a thread the changes poll reported belongs in the list the filter shows.
 *  Text search (`q`) runs over 14 days of messages on the server, so here it only
 *  matches the name and the last message; the next full load corrects the rest. */
export function matches(t: ThreadView, f: ThreadFilter, me: string | null): boolean {
  if (f.unread && t.unread === 0) return false;
  if (f.assignee === "me" && t.assignee !== me) return false;
  if (f.assignee === "none" && t.assignee) return false;
  if (f.status && t.status !== f.status) return false;
  if (f.store && t.store_id !== f.store) return false;
  if (f.tag.trim() && !t.customer.tags.includes(f.tag.trim())) return false;
  const q = f.q.trim().toLowerCase();
  if (q) {
    const name = (t.customer.display_name ?? "").toLowerCase();
    const last = (t.last?.text ?? "").toLowerCase();
    if (!name.includes(q) && !last.includes(q)) return false;
  }
  return true;
}

/** Newest activity first, as the API orders a page. */
export function byActivity(a: ThreadView, b: ThreadView): number {
  return Date.parse(b.activity_at) - Date.parse(a.activity_at) || threadKey(a).localeCompare(threadKey(b));
}

/** Merges threads the changes poll reported into `list`: per thread the highest
 *  `version` wins (a poll may repeat one, and may arrive after a fresher action's
 *  answer); a changed thread that no longer matches the filter leaves the list, a new
 *  one that matches joins it. The result is newest activity first. */
export function mergeThreads(list: ThreadView[], changed: ThreadView[], f: ThreadFilter, me: string | null): ThreadView[] {
  const byKey = new Map(list.map((t) => [threadKey(t), t]));
  let touched = false;
  for (const c of changed) {
    const k = threadKey(c);
    const had = byKey.get(k);
    if (had && had.version >= c.version) continue;
    touched = true;
    if (matches(c, f, me)) byKey.set(k, c);
    else byKey.delete(k);
  }
  return touched ? [...byKey.values()].sort(byActivity) : list;
}

/** Until when a staff member has the chat, or null when the bot answers. */
export function handoffActive(t: ThreadView, now: number): boolean {
  return !!t.handoff && Date.parse(t.handoff.until) > now;
}
