import { getJson, sendJson } from "../../api/client";
import type { Friend, FriendKey, Page } from "../../api/models";

export const friendPath = (k: FriendKey) =>
  `/admin/friends/${encodeURIComponent(k.provider)}/${encodeURIComponent(k.user_id)}`;

export function listFriends(store: string, filter: { tag?: string; q?: string; cursor?: string }) {
  return getJson<Page<Friend>>(`/admin/stores/${encodeURIComponent(store)}/friends`, { ...filter, limit: 100 });
}

export const addTag = (k: FriendKey, tag: string) => sendJson<Friend>("POST", `${friendPath(k)}/tags`, { tag });
export const removeTag = (k: FriendKey, tag: string) =>
  sendJson<Friend>("DELETE", `${friendPath(k)}/tags/${encodeURIComponent(tag)}`);
export const setAttributes = (k: FriendKey, attributes: Friend["attributes"]) =>
  sendJson<Friend>("PUT", `${friendPath(k)}/attributes`, attributes);
export const assignStore = (k: FriendKey, store_id: string) => sendJson<Friend>("PUT", `${friendPath(k)}/store`, { store_id });

/** Runs `action` on every friend, four at a time; returns how many failed. */
export async function inBulk(keys: FriendKey[], action: (k: FriendKey) => Promise<unknown>): Promise<number> {
  let failed = 0;
  const queue = [...keys];
  const worker = async () => {
    for (let k = queue.shift(); k; k = queue.shift()) {
      try {
        await action(k);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return failed;
}
