// The staff-chat actions of issue #12, whose routes the admin API does not have yet.
// Each is a named client function over the route issue #12 is expected to add, and
// `available()` says whether docs/openapi.json lists it: the inbox hides or disables
// what is missing, so the buttons appear when the lead regenerates the client.
import { hasRoute, rawFetch } from "../../api/client";
import type { FriendKey } from "../../api/models";

export const STAFF_CHAT_ROUTES = {
  reply: "POST /admin/friends/{provider}/{user_id}/messages",
  takeOver: "POST /admin/friends/{provider}/{user_id}/handoff",
  returnToBot: "DELETE /admin/friends/{provider}/{user_id}/handoff",
  assign: "PUT /admin/friends/{provider}/{user_id}/assignee",
  markRead: "POST /admin/friends/{provider}/{user_id}/read",
  threads: "GET /admin/stores/{store_id}/threads",
} as const;

export type StaffChatAction = keyof typeof STAFF_CHAT_ROUTES;

export function available(action: StaffChatAction): boolean {
  return hasRoute(STAFF_CHAT_ROUTES[action]);
}

const friendPath = (f: FriendKey) => `/admin/friends/${encodeURIComponent(f.provider)}/${encodeURIComponent(f.user_id)}`;

/** Sends `text` as the signed-in staff member; the key makes a resend a no-op. */
export async function sendStaffReply(friend: FriendKey, text: string, idempotencyKey: string): Promise<void> {
  await rawFetch(`${friendPath(friend)}/messages`, {
    method: "POST",
    headers: { "Idempotency-Key": idempotencyKey },
    body: JSON.stringify({ messages: [{ type: "text", text }] }),
  });
}

export async function takeOverThread(friend: FriendKey): Promise<void> {
  await rawFetch(`${friendPath(friend)}/handoff`, { method: "POST", body: "{}" });
}

export async function returnThreadToBot(friend: FriendKey): Promise<void> {
  await rawFetch(`${friendPath(friend)}/handoff`, { method: "DELETE" });
}

/** Marks the thread read for the staff member (and, by store setting, LINE's 既読). */
export async function markThreadRead(friend: FriendKey): Promise<void> {
  await rawFetch(`${friendPath(friend)}/read`, { method: "POST", body: "{}" });
}

export async function assignThread(friend: FriendKey, staff: string | null): Promise<void> {
  await rawFetch(`${friendPath(friend)}/assignee`, { method: "PUT", body: JSON.stringify({ staff }) });
}
